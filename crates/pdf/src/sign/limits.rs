//! Bounds on PDFs that come from elsewhere (SECURITY.md, "Hostile input: bounds"): what is
//! refused before anything reads further, and the Dutch sentence that says why. A refused
//! PDF is never half read: [`screen`] runs first, in one pass over the bytes and the few
//! objects signing needs, so the time it takes grows with the file's size and no more.

use crate::PdfError;

/// The largest PDF accepted, as `<llk-ondertekening>` has always said ("groter dan 50 MB").
pub const MAX_PDF_BYTES: usize = 50 * 1024 * 1024;
/// The most signatures in one PDF. A handover gathers a few; every signature means hashing
/// up to the whole file once more.
pub const MAX_SIGNATURES: usize = 50;
/// The most bytes the signatures of one PDF may cover together: each signature is checked
/// by hashing what it covers, so this bounds the time checking takes.
pub const MAX_HASHED_BYTES: usize = 256 * 1024 * 1024;
/// How deep arrays and dictionaries may nest in the objects read.
pub const MAX_DEPTH: usize = 32;
/// The most objects read, and the most cross-reference sections followed.
pub const MAX_OBJECTS: usize = 100_000;
pub const MAX_XREF_SECTIONS: usize = 1_000;
/// Bytes parsed in all, as a multiple of the file: objects can overlap only in a file made
/// to be read over and over.
pub const MAX_PARSE_FACTOR: usize = 4;
/// The most bytes inflated while reading one PDF, its cross-reference and object streams
/// together (`xref_stream.rs`): checked while inflating, so memory stays near this bound. Only
/// the streams holding what signing reads count (object streams hold ~100 objects each), so
/// real files use a few hundred KB of it. `tests/hostile/xref-stream-bomb.pdf` (20 KB that
/// inflate to 20 MB) is refused in 0.07 s by `llk verify-pdf`.
pub const MAX_INFLATED_BYTES: usize = 16 * 1024 * 1024;
/// How far around a `/ByteRange` the signature dictionary (its `/M`) is looked for.
pub const SIGNATURE_DICT_WINDOW: usize = 1024 * 1024;

/// The error for a PDF refused as hostile: `why` completes "Deze PDF wordt niet verwerkt:".
pub(crate) fn refused(why: &str) -> PdfError {
    PdfError::Refused(format!("Deze PDF wordt niet verwerkt: {why}."))
}

/// Refuses a PDF that exceeds a bound, before it is verified or signed: too large, too many
/// signatures or signatures that together cover too much, or a cross-reference table or stream
/// that loops or promises more than the file holds, objects nested too deeply, too
/// many, overlapping, or a page tree that contains itself. A PDF that is merely damaged or
/// of a kind the reader does not know passes: verifying and signing report that themselves.
pub fn screen(pdf: &[u8]) -> Result<(), PdfError> {
    if pdf.len() > MAX_PDF_BYTES {
        return Err(refused(&format!(
            "het bestand is groter dan {} MB",
            MAX_PDF_BYTES >> 20
        )));
    }
    let signatures = occurrences(pdf, b"/ByteRange", MAX_SIGNATURES + 1);
    if signatures > MAX_SIGNATURES {
        return Err(refused(&format!(
            "het bevat meer dan {MAX_SIGNATURES} handtekeningen"
        )));
    }
    // What checking the signatures would hash, known before any of it is hashed.
    let hashed = super::verify::signature_ranges(pdf)
        .iter()
        .fold(0usize, |sum, (_, [_, b, _, d])| {
            sum.saturating_add(*b).saturating_add(*d)
        });
    if hashed > MAX_HASHED_BYTES {
        return Err(refused(&format!(
            "de handtekeningen samen beslaan meer dan {} MB",
            MAX_HASHED_BYTES >> 20
        )));
    }
    match super::read::load(pdf) {
        Err(e @ PdfError::Refused(_)) => Err(e),
        _ => Ok(()),
    }
}

/// How often `needle` occurs in `hay`, counting no further than `stop`.
fn occurrences(hay: &[u8], needle: &[u8], stop: usize) -> usize {
    let mut n = 0;
    let mut from = 0;
    while n < stop
        && let Some(at) = super::verify::find(&hay[from..], needle)
    {
        n += 1;
        from += at + needle.len();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_no_further_than_asked() {
        assert_eq!(occurrences(b"/a/a/a", b"/a", 10), 3);
        assert_eq!(occurrences(b"/a/a/a", b"/a", 2), 2);
        assert_eq!(occurrences(b"", b"/a", 2), 0);
    }

    #[test]
    fn too_large_and_too_many_signatures_are_refused_in_dutch() {
        let big = vec![b' '; MAX_PDF_BYTES + 1];
        let Err(PdfError::Refused(m)) = screen(&big) else {
            panic!("a file over the bound passes");
        };
        assert!(m.contains("groter dan 50 MB"), "{m}");
        let many = b"%PDF-1.7\n/ByteRange[0 1 2 3]".repeat(MAX_SIGNATURES + 1);
        let Err(PdfError::Refused(m)) = screen(&many) else {
            panic!("too many signatures pass");
        };
        assert!(m.contains("meer dan 50 handtekeningen"), "{m}");
        let few = b"%PDF-1.7\n/ByteRange[0 1 2 3]".repeat(MAX_SIGNATURES);
        assert!(screen(&few).is_ok(), "a damaged file is not a hostile one");
    }

    /// Ranges count as claimed, so a small file tests the bound exactly (they do not fit
    /// it, so nothing is hashed when such a file is verified).
    #[test]
    fn the_hashing_bound_holds_to_the_byte() {
        let claims = |last: usize| {
            let half = MAX_HASHED_BYTES / 4;
            format!("%PDF-1.7\n/ByteRange[0 {half} 1 {half}]\n/ByteRange[0 {half} 1 {last}]\n")
                .into_bytes()
        };
        let exact = MAX_HASHED_BYTES - 3 * (MAX_HASHED_BYTES / 4);
        assert!(screen(&claims(exact)).is_ok());
        let Err(PdfError::Refused(m)) = screen(&claims(exact + 1)) else {
            panic!("one byte over the hashing bound passes");
        };
        assert!(m.contains("samen beslaan meer dan 256 MB"), "{m}");
    }
}
