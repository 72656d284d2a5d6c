//! The hostile PDFs of `tests/hostile/` (made by its `make.py`): each is refused with its
//! Dutch reason, by the verifier and by signing alike, well within the bound SECURITY.md
//! states ("Hostile input: bounds"). The browser's side is `tests/e2e/ondertekening.mjs`.

mod common;

use common::*;
use llk_pdf::PdfError;
use llk_pdf::sign::{P256Signer, SignOptions, Subject, limits, prepare, verify};
use p256::ecdsa::SigningKey;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The bound SECURITY.md states for refusing a file natively; the files here take
/// milliseconds, so only a hang or a quadratic walk comes near it.
const BOUND: Duration = Duration::from_secs(1);

fn signer() -> P256Signer {
    let key = SigningKey::from_slice(&[7; 32]).expect("key");
    let subject = Subject {
        name: "Test".into(),
        role: None,
        organisation: None,
    };
    P256Signer::self_signed(key, &subject, now(), 365).expect("certificate")
}

fn sign_opts() -> SignOptions {
    SignOptions {
        time: now(),
        reason: None,
        strokes: Vec::new(),
    }
}

fn refused_within_bound(name: &str, pdf: &[u8], why: &str) {
    let cert = llk_pdf::sign::Signer::certificate(&signer()).to_vec();
    let started = Instant::now();
    let reports = verify(pdf);
    let [r] = &reports[..] else {
        panic!("{name}: {} reports, not one refusal", reports.len());
    };
    assert!(r.refused && !r.intact, "{name}: not refused: {r:?}");
    let message = r.problem.as_deref().unwrap_or_default();
    assert!(
        message.starts_with("Deze PDF wordt niet verwerkt: "),
        "{name}: {message}"
    );
    assert!(message.contains(why), "{name}: {message}");
    match prepare(pdf, &cert, &sign_opts()) {
        Err(PdfError::Refused(m)) => assert_eq!(m, message, "{name}: signing says otherwise"),
        Err(e) => panic!("{name}: signing fails but does not refuse: {e}"),
        Ok(_) => panic!("{name}: signing accepts it"),
    }
    // Importing an overdracht package reads its attachments: refused alike.
    match llk_pdf::attachments::read(pdf) {
        Err(PdfError::Refused(m)) => assert_eq!(m, message, "{name}: attachments say otherwise"),
        other => panic!("{name}: attachments not refused: {other:?}"),
    }
    let took = started.elapsed();
    assert!(took < BOUND, "{name}: refused after {took:?}");
}

/// Every file of `tests/hostile/` is refused for the reason `expected.json` gives it, and
/// every reason there has its file.
#[test]
fn every_hostile_file_is_refused_within_its_bound() {
    let dir = root().join("tests/hostile");
    let expected: BTreeMap<String, String> =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected.json"))
            .expect("a map of file name to reason");
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/hostile") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let why = expected
            .get(name)
            .unwrap_or_else(|| panic!("{name}: no reason in expected.json"));
        refused_within_bound(name, &std::fs::read(&path).expect("read"), why);
        seen.push(name.to_string());
    }
    seen.sort();
    assert_eq!(seen, expected.into_keys().collect::<Vec<_>>());
}

#[test]
fn a_file_over_the_size_bound_is_refused_unread() {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(limits::MAX_PDF_BYTES + 1, b' ');
    refused_within_bound("51 MB", &pdf, "groter dan 50 MB");
}

/// Signatures that together claim more than the hashing bound (2 GB in a file of a few
/// hundred bytes): refused before anything is hashed.
#[test]
fn signatures_that_would_hash_too_much_are_refused_before_hashing() {
    let mut pdf = b"%PDF-1.7\n<00>\n".to_vec();
    for _ in 0..20 {
        pdf.extend_from_slice(b"/ByteRange[0 9 13 100000000]\n");
    }
    refused_within_bound("20 × 100 MB", &pdf, "samen beslaan meer dan 256 MB");
}
