//! Checking the signatures in a PDF: found by their `/ByteRange` in the raw bytes (not
//! through a parser, so a damaged file is still reported on), each digest recomputed from
//! the file and checked against the CMS, whose signature (ECDSA P-256 or RSA) is checked
//! with the key in its certificate. This says who, whether intact, and whether the
//! signature covers the whole file; whom to trust is `trust.rs`.

use super::algorithm::SignatureCheck;
use super::cms;
use super::limits::SIGNATURE_DICT_WINDOW;
use crate::DateTime;
use sha2::{Digest, Sha256};

#[derive(Clone, PartialEq, Eq)]
pub struct SignatureReport {
    /// The certificate's common name (empty when it could not be read).
    pub signer: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    /// The claimed signing time (`/M`).
    pub signed_at: Option<DateTime>,
    /// Digest and signature both check out.
    pub intact: bool,
    /// The signed ranges run to the end of the file: nothing was added after it.
    pub covers_whole_document: bool,
    /// Why it is not intact (English), or, when [`Self::refused`], why the PDF was (Dutch).
    pub problem: Option<String>,
    /// The PDF exceeds a bound of [`super::limits`] and was not checked at all: this is
    /// then the only report, and not intact.
    pub refused: bool,
    /// The certificates in the signature (DER), the signer's first; empty when the CMS
    /// could not be read. For building a chain to a trust anchor (`trust.rs`).
    pub certificates: Vec<Vec<u8>>,
}

/// The certificates as their sizes: their bytes would drown everything else in a message.
impl std::fmt::Debug for SignatureReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sizes: Vec<usize> = self.certificates.iter().map(Vec::len).collect();
        f.debug_struct("SignatureReport")
            .field("signer", &self.signer)
            .field("role", &self.role)
            .field("organisation", &self.organisation)
            .field("signed_at", &self.signed_at)
            .field("intact", &self.intact)
            .field("covers_whole_document", &self.covers_whole_document)
            .field("problem", &self.problem)
            .field("refused", &self.refused)
            .field("certificate_bytes", &sizes)
            .finish()
    }
}

/// Every signature in `pdf`, in file order, checked with the p256 and rsa crates.
#[cfg(feature = "rust-ecdsa")]
pub fn verify(pdf: &[u8]) -> Vec<SignatureReport> {
    verify_deferred(pdf)
        .into_iter()
        .map(|(mut r, check)| {
            if let Some(c) = check {
                conclude(&mut r, c.holds());
            }
            r
        })
        .collect()
}

/// Every signature in `pdf`, in file order, with the signature check each still needs (the
/// browser has WebCrypto do it). A report with a check is not intact until [`conclude`]
/// says so; one without a check has its [`SignatureReport::problem`].
pub fn verify_deferred(pdf: &[u8]) -> Vec<(SignatureReport, Option<SignatureCheck>)> {
    // The bounds first: the ranges are then at most MAX_SIGNATURES, hashing at most
    // MAX_HASHED_BYTES.
    let screened = super::limits::screen(pdf).map(|()| signature_ranges(pdf));
    match screened {
        Ok(found) => found
            .into_iter()
            .map(|(at, range)| report(pdf, at, range))
            .collect(),
        Err(e) => {
            let refused = SignatureReport {
                signer: String::new(),
                role: None,
                organisation: None,
                signed_at: None,
                intact: false,
                covers_whole_document: false,
                problem: Some(e.to_string()),
                refused: true,
                certificates: Vec::new(),
            };
            vec![(refused, None)]
        }
    }
}

/// Where each `/ByteRange` is, with its four numbers.
pub(super) fn signature_ranges(pdf: &[u8]) -> Vec<(usize, [usize; 4])> {
    let key = b"/ByteRange";
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], key).map(|p| p + from) {
        from = at + key.len();
        if let Some(range) = byte_range(&pdf[from..]) {
            found.push((at, range));
        }
    }
    found
}

fn report(
    pdf: &[u8],
    at: usize,
    [a, b, c, d]: [usize; 4],
) -> (SignatureReport, Option<SignatureCheck>) {
    let mut r = SignatureReport {
        signer: String::new(),
        role: None,
        organisation: None,
        signed_at: claimed_time(pdf, at),
        intact: false,
        covers_whole_document: c.checked_add(d) == Some(pdf.len()),
        problem: None,
        refused: false,
        certificates: Vec::new(),
    };
    let hole =
        (a == 0 && b < c && c.checked_add(d).is_some_and(|e| e <= pdf.len())).then(|| &pdf[b..c]);
    let Some(contents) = hole
        .and_then(|h| h.strip_prefix(b"<"))
        .and_then(|h| h.strip_suffix(b">"))
        .and_then(unhex)
    else {
        r.problem = Some("the /ByteRange does not leave exactly the /Contents out".into());
        return (r, None);
    };
    let mut h = Sha256::new();
    h.update(&pdf[..b]);
    h.update(&pdf[c..c + d]);
    let checked = cms::check(&contents, &h.finalize());
    if let Some(s) = checked.signer {
        r.signer = s.name;
        r.role = s.role;
        r.organisation = s.organisation;
    }
    r.problem = checked.problem;
    r.certificates = checked.certificates;
    (r, checked.signature)
}

/// Completes a report from [`verify_deferred`] with the outcome of its signature check.
pub fn conclude(report: &mut SignatureReport, signature_holds: bool) {
    report.intact = signature_holds && report.problem.is_none();
    if !signature_holds {
        report.problem = Some("the signature does not match the signed attributes".into());
    }
}

/// Where `needle` first occurs in `hay`: a scan for its first byte, which is fast, then a
/// compare (a 50 MB PDF is scanned a few times before it is checked).
pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(p) = hay.get(from..)?.iter().position(|&c| c == first) {
        let at = from + p;
        if hay.get(at + 1..at + needle.len()) == Some(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `[0 123 456 789]` after `/ByteRange`.
fn byte_range(b: &[u8]) -> Option<[usize; 4]> {
    let text: String = b
        .iter()
        .take(80)
        .map(|&c| c as char)
        .skip_while(|c| c.is_ascii_whitespace())
        .collect();
    let inner = text.strip_prefix('[')?.split(']').next()?;
    let nums: Vec<usize> = inner
        .split_ascii_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    nums.try_into().ok()
}

/// The `/M (D:…)` of the signature dictionary around `at`, looked for no further than
/// [`SIGNATURE_DICT_WINDOW`] either side (so many signatures cost no more than one each).
fn claimed_time(pdf: &[u8], at: usize) -> Option<DateTime> {
    let from = at.saturating_sub(SIGNATURE_DICT_WINDOW);
    let to = at.saturating_add(SIGNATURE_DICT_WINDOW).min(pdf.len());
    let start = pdf[from..at]
        .windows(3)
        .rposition(|w| w == b"obj")
        .map_or(from, |s| from + s);
    let end = find(&pdf[at..to], b"endobj").map_or(to, |e| at + e);
    let dict = &pdf[start..end];
    // `/M` itself, not the start of a longer name.
    let m = dict
        .windows(3)
        .position(|w| w.starts_with(b"/M") && (w[2] == b'(' || w[2].is_ascii_whitespace()))?;
    let rest = &dict[m + 2..];
    let open = rest.iter().position(|&c| c == b'(')?;
    let close = rest.iter().position(|&c| c == b')')?;
    let literal = unescape(rest.get(open + 1..close)?);
    DateTime::parse_pdf(std::str::from_utf8(&literal).ok()?)
}

/// A PDF literal string's escapes undone: pyHanko writes `/M (D\07220261207144145Z)`.
fn unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut it = s.iter().copied().peekable();
    while let Some(c) = it.next() {
        if c != b'\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    match it.peek() {
                        Some(&e @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(e - b'0');
                            it.next();
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            Some(b'n') => out.push(b'\n'),
            Some(b'r') => out.push(b'\r'),
            Some(b't') => out.push(b'\t'),
            Some(b'b') => out.push(0x08),
            Some(b'f') => out.push(0x0c),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn unhex(h: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = h
        .iter()
        .copied()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|p| {
            let s = std::str::from_utf8(p).ok()?;
            u8::from_str_radix(s, 16).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaped_signing_times_are_read() {
        let pdf = b"1 0 obj <</ByteRange [0 1 2 3] /M (D\\07220261207144145Z)>> endobj";
        let t = super::claimed_time(pdf, 11).expect("a time");
        assert_eq!(t.unix_seconds, 1_796_654_505);
        assert_eq!(super::unescape(b"a\\(b\\101\\n"), b"a(bA\n");
    }
}
