//! PAdES-B-B as the standard validators see it: pdfsig and pyHanko accept one and two
//! signatures, the second (an incremental update) keeps the first valid, and one flipped
//! byte is caught by pdfsig and by the kit's own verifier.

mod common;

use common::*;
use llk_pdf::DateTime;
use llk_pdf::sign::{P256Signer, SignOptions, Subject, sign_with, verify};
use p256::ecdsa::SigningKey;
use std::path::Path;

fn signer(seed: u8, name: &str, role: &str) -> P256Signer {
    let key = SigningKey::from_slice(&[seed; 32]).expect("key");
    let subject = Subject {
        name: name.into(),
        role: Some(role.into()),
        organisation: Some("Zorg- en Veiligheidshuis Gelderland-Midden".into()),
    };
    P256Signer::self_signed(key, &subject, now(), 365).expect("certificate")
}

fn cert_pem(s: &P256Signer, path: &Path) {
    use llk_pdf::sign::Signer;
    use x509_cert::der::{Decode, EncodePem, pem::LineEnding};
    let cert = x509_cert::Certificate::from_der(s.certificate()).expect("cert");
    std::fs::write(path, cert.to_pem(LineEnding::LF).expect("pem")).expect("write pem");
}

fn signed_overdracht() -> (Vec<u8>, Vec<u8>, P256Signer, P256Signer) {
    let catalog = catalog();
    let def = catalog
        .form("overdracht", "gelderland")
        .expect("overdracht");
    let answers = llk_core::example::example_answers(def, today());
    let pdf = llk_pdf::render(def, &answers, &opts(&catalog, "gelderland", false))
        .expect("renders")
        .pdf;
    let first = signer(7, "Wendy Hoekstra", "procesregisseur");
    let second = signer(9, "Daniël Öztürk-de Vries", "ontvangend procesregisseur");
    let once = sign_with(
        &pdf,
        &first,
        &SignOptions {
            time: now(),
            reason: Some("Overdracht".into()),
            strokes: llk_pdf::sign::strokes_of(&serde_json::json!({
                "strokes": [[[20, 150], [80, 40], [140, 160], [200, 60]], [[260, 120], [420, 100]]]
            })),
        },
    )
    .expect("first signature");
    let later = DateTime::new(now().unix_seconds + 3600, 60);
    let twice = sign_with(
        &once,
        &second,
        &SignOptions {
            time: later,
            reason: None,
            strokes: Vec::new(),
        },
    )
    .expect("second signature");
    (once, twice, first, second)
}

#[test]
fn the_kit_verifies_its_own_signatures_and_catches_a_flipped_byte() {
    let (once, twice, _, _) = signed_overdracht();
    let r = verify(&once);
    assert_eq!(r.len(), 1);
    assert!(r[0].intact && r[0].covers_whole_document, "{r:?}");
    assert_eq!(r[0].signer, "Wendy Hoekstra");
    assert_eq!(r[0].role.as_deref(), Some("procesregisseur"));
    assert_eq!(r[0].signed_at, Some(now()));

    let r = verify(&twice);
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r[0].intact && !r[0].covers_whole_document, "{r:?}");
    assert!(r[1].intact && r[1].covers_whole_document, "{r:?}");
    assert_eq!(r[1].signer, "Daniël Öztürk-de Vries");

    let mut bad = twice.clone();
    let at = bad.len() / 3;
    bad[at] ^= 0x01;
    let r = verify(&bad);
    assert_eq!(r.len(), 2);
    assert!(!r[0].intact && !r[1].intact, "{r:?}");
    assert!(
        r[0].problem
            .as_deref()
            .unwrap_or("")
            .contains("Digest Mismatch")
    );
}

#[test]
fn pdfsig_and_pyhanko_accept_both_signatures_and_pdfsig_catches_tampering() {
    let (once, twice, first, second) = signed_overdracht();
    let dir = tmp("sign");
    std::fs::create_dir_all(&dir).expect("dir");
    let p = |n: &str| dir.join(n).to_string_lossy().into_owned();
    std::fs::write(p("once.pdf"), &once).expect("write");
    std::fs::write(p("twice.pdf"), &twice).expect("write");
    let mut bad = twice.clone();
    let at = bad.len() / 3;
    bad[at] ^= 0x01;
    std::fs::write(p("bad.pdf"), &bad).expect("write");
    cert_pem(&first, &dir.join("first.pem"));
    cert_pem(&second, &dir.join("second.pem"));

    if have("qpdf") {
        for f in ["once.pdf", "twice.pdf"] {
            let q = run("qpdf", &["--check", &p(f)]);
            assert!(
                q.status.success(),
                "{f}: {}{}",
                text(&q.stdout),
                text(&q.stderr)
            );
        }
    }
    if have("pdfsig") {
        let out = text(&run("pdfsig", &[&p("twice.pdf")]).stdout);
        assert_eq!(out.matches("Signature is Valid.").count(), 2, "{out}");
        let last = out.rsplit("Signature #").next().unwrap_or("");
        assert!(last.contains("Total document signed"), "{out}");
        assert!(
            out.contains("Wendy Hoekstra") && out.contains("Daniël Öztürk-de Vries"),
            "{out}"
        );
        assert!(out.contains("ETSI.CAdES.detached"), "{out}");
        let out = text(&run("pdfsig", &[&p("bad.pdf")]).stdout);
        assert!(out.contains("Digest Mismatch"), "{out}");
    }
    if have("pyhanko") {
        // pyHanko validates every signature in the file: it trusts both signers here.
        let (first, second) = (p("first.pem"), p("second.pem"));
        for (file, n) in [("once.pdf", 1), ("twice.pdf", 2)] {
            let o = run(
                "pyhanko",
                &[
                    "sign",
                    "validate",
                    "--no-revocation-check",
                    "--trust",
                    &first,
                    "--trust",
                    &second,
                    "--trust-replace",
                    &p(file),
                ],
            );
            let said = format!("{}{}", text(&o.stdout), text(&o.stderr));
            assert!(o.status.success(), "{file}: {said}");
            assert_eq!(said.matches("INTACT:TRUSTED").count(), n, "{file}: {said}");
        }
    }
}

/// The browser signs the PDF it just rendered from the objects in memory
/// (`prepare_rendered`); that must give the very bytes parsing the PDF gives.
#[test]
fn signing_a_fresh_render_from_memory_equals_signing_the_parsed_file() {
    use llk_pdf::sign::{Signer, prepare, prepare_rendered};
    let catalog = catalog();
    let def = catalog
        .form("overdracht", "gelderland")
        .expect("overdracht");
    let answers = llk_core::example::example_answers(def, today());
    let r = llk_pdf::render(def, &answers, &opts(&catalog, "gelderland", false)).expect("renders");
    let s = signer(7, "Wendy Hoekstra", "procesregisseur");
    let o = SignOptions {
        time: now(),
        reason: Some("Overdracht".into()),
        strokes: Vec::new(),
    };
    let parsed = prepare(&r.pdf, s.certificate(), &o).expect("parsed");
    let memory = prepare_rendered(&r, s.certificate(), &o).expect("from memory");
    assert_eq!(parsed.to_be_signed(), memory.to_be_signed());
    let sig = s.sign(memory.to_be_signed()).expect("sig");
    let a = parsed.finish(&sig).expect("finish");
    let b = memory.finish(&sig).expect("finish");
    assert!(a == b, "signing from memory wrote other bytes");
    assert!(
        verify(&b)
            .iter()
            .all(|x| x.intact && x.covers_whole_document)
    );
}
