//! What the fuzz targets reach that is no API of its own: the DER reader and the CMS check,
//! which the verifier otherwise only calls on what it found in a PDF, and the chain search.

pub use super::cms::{Checked, check as cms_check};
pub use super::der::read as der_read;

/// The chain search and its verdict over `certificates` (the signer's first) and `anchors`
/// from the fuzzer, every check taken to hold; the number of checks it asked for.
pub fn chain(certificates: Vec<Vec<u8>>, anchors: &[Vec<u8>]) -> usize {
    let report = super::SignatureReport {
        signer: String::new(),
        role: None,
        organisation: None,
        signed_at: Some(crate::DateTime::new(1_780_272_000, 0)),
        intact: false,
        covers_whole_document: true,
        problem: None,
        refused: false,
        certificates,
    };
    let signature = super::SignatureCheck {
        algorithm: super::SignatureAlgorithm::EcdsaP256Sha256,
        spki: Vec::new(),
        message: Vec::new(),
        signature: Vec::new(),
    };
    let pending = super::trust::pending(report, Some(signature), anchors);
    let n = pending.checks().len();
    let _ = pending.conclude(&vec![true; n]);
    n
}
