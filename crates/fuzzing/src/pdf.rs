//! The PDF signer's reader, the verifier, and the DER, certificate and CMS readers beneath
//! them: every byte of a PDF someone hands the kit to sign or to check.

use crate::fixtures::{now, signer};
use llk_pdf::sign::fuzzing::{chain, cms_check, der_read};
use llk_pdf::sign::{SignOptions, Signer, cert, der_from_raw, prepare, raw_from_der, verify};

/// `llk sign-pdf` and the browser's "Ondertekenen" on a PDF from elsewhere: the kit's own
/// reader (`sign/read.rs`) and, natively, lopdf after it. When the kit can sign the file,
/// the signature it added must verify and cover the whole file.
pub fn pdf_sign(data: &[u8]) {
    let signer = signer();
    let opts = SignOptions {
        time: now(),
        reason: Some("Akkoord".into()),
        strokes: vec![vec![(10.0, 10.0), (200.0, 150.0)]],
    };
    let Ok(prepared) = prepare(data, signer.certificate(), &opts) else {
        return;
    };
    let signature = signer
        .sign(prepared.to_be_signed())
        .expect("the fixed key signs");
    let signed = prepared
        .finish(&signature)
        .expect("a P-256 signature fits the reserved /Contents");
    // Not necessarily the last report: a dictionary the update rewrites (the last page)
    // may hold a `/ByteRange` of its own, which the verifier reports as a signature too.
    let reports = verify(&signed);
    assert!(
        reports.iter().any(|r| r.intact && r.covers_whole_document),
        "the signature just added does not verify: {reports:?}"
    );
}

/// `llk verify-pdf` and the browser's check of a signed PDF.
pub fn pdf_verify(data: &[u8]) {
    for report in verify(data) {
        assert!(
            !report.intact || report.problem.is_none(),
            "intact with a problem: {report:?}"
        );
    }
}

/// The DER reader on its own, the certificate fields a signer's certificate is read for
/// (a PKCS#12 or PEM file someone chose), the ECDSA signature conversion, and the CMS check
/// (its digest is the input's first 32 bytes, the CMS the rest).
pub fn der(data: &[u8]) {
    walk(data, 0);
    let _ = cert::subject_of_der(data);
    let _ = cert::valid_until_of_der(data);
    let _ = cert::public_key_info_of_der(data);
    if let Some(raw) = raw_from_der(data) {
        let again = der_from_raw(&raw).and_then(|d| raw_from_der(&d));
        assert_eq!(again.as_ref(), Some(&raw), "r‖s does not survive DER");
    }
    let (digest, contents) = data.split_at(data.len().min(32));
    let checked = cms_check(contents, digest);
    assert!(
        checked.signature.is_none() || checked.problem.is_none(),
        "a check to make beside a problem: {checked:?}"
    );
    if let Some(check) = checked.signature {
        let _ = check.holds();
    }
    // The input's elements as a signer's certificate, the chain above it and (the last)
    // an anchor: the chain search never panics, and asks for at most a check per link.
    let mut certs = Vec::new();
    let mut rest = data;
    while let Some((element, after)) = der_read(rest) {
        certs.push(element.whole.to_vec());
        rest = after;
    }
    let anchors: Vec<Vec<u8>> = certs.last().cloned().into_iter().collect();
    let checks = chain(certs, &anchors);
    assert!(checks <= 1 + llk_pdf::sign::trust::MAX_PATHS * llk_pdf::sign::trust::MAX_CHAIN);
}

/// Every element, into constructed ones, as far as they parse.
fn walk(mut rest: &[u8], depth: usize) {
    if depth > 64 {
        return;
    }
    while let Some((element, after)) = der_read(rest) {
        assert!(element.whole.len() <= rest.len() && element.content.len() < element.whole.len());
        if element.tag & 0x20 != 0 {
            walk(element.content, depth + 1);
        }
        rest = after;
    }
}
