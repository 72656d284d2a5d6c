//! Checking the signatures in a PDF: found by their `/ByteRange` in the raw bytes (not
//! through a parser, so a damaged file is still reported on), each digest recomputed from
//! the file and checked against the CMS, whose ECDSA signature is checked with the key in
//! its certificate. Trust in that certificate is the reader's call: this says who, whether
//! intact, and whether the signature covers the whole file.

use super::cms;
use super::ecdsa::EcdsaCheck;
use crate::DateTime;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Why it is not intact.
    pub problem: Option<String>,
}

/// Every signature in `pdf`, in file order, checked with the p256 crate.
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

/// Every signature in `pdf`, in file order, with the ECDSA check each still needs (the
/// browser has WebCrypto do it). A report with a check is not intact until [`conclude`]
/// says so; one without a check has its [`SignatureReport::problem`].
pub fn verify_deferred(pdf: &[u8]) -> Vec<(SignatureReport, Option<EcdsaCheck>)> {
    let key = b"/ByteRange";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], key).map(|p| p + from) {
        from = at + key.len();
        let Some(range) = byte_range(&pdf[from..]) else {
            continue;
        };
        out.push(report(pdf, at, range));
    }
    out
}

fn report(
    pdf: &[u8],
    at: usize,
    [a, b, c, d]: [usize; 4],
) -> (SignatureReport, Option<EcdsaCheck>) {
    let mut r = SignatureReport {
        signer: String::new(),
        role: None,
        organisation: None,
        signed_at: claimed_time(pdf, at),
        intact: false,
        covers_whole_document: c.checked_add(d) == Some(pdf.len()),
        problem: None,
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
    (r, checked.ecdsa)
}

/// Completes a report from [`verify_deferred`] with the outcome of its ECDSA check.
pub fn conclude(report: &mut SignatureReport, signature_holds: bool) {
    report.intact = signature_holds && report.problem.is_none();
    if !signature_holds {
        report.problem = Some("the signature does not match the signed attributes".into());
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
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

/// The `/M (D:…)` of the signature dictionary around `at`.
fn claimed_time(pdf: &[u8], at: usize) -> Option<DateTime> {
    let start = pdf[..at].windows(3).rposition(|w| w == b"obj").unwrap_or(0);
    let end = find(&pdf[at..], b"endobj").map_or(pdf.len(), |e| at + e);
    let dict = &pdf[start..end];
    // `/M` itself, not the start of a longer name.
    let m = dict
        .windows(3)
        .position(|w| w.starts_with(b"/M") && (w[2] == b'(' || w[2].is_ascii_whitespace()))?;
    let rest = &dict[m + 2..];
    let open = rest.iter().position(|&c| c == b'(')?;
    let close = rest.iter().position(|&c| c == b')')?;
    let s = std::str::from_utf8(rest.get(open + 1..close)?).ok()?;
    DateTime::parse_pdf(s)
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
