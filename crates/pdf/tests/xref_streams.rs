//! PDFs that other software wrote and signed (issue 13, part 5): qpdf rewrites the kit's
//! PDF with object streams and a cross-reference stream, as PDF editors save; pyHanko signs
//! that (its update is a cross-reference stream too) with an openssl P-256 key; the kit
//! verifies pyHanko's signature and countersigns with an update of the same kind. pdfsig
//! and pyHanko accept both signatures, qpdf finds nothing wrong, and a flipped byte in the
//! first signed part is caught by all three.

mod common;

use common::*;
use llk_pdf::sign::{P256Signer, SignOptions, Subject, sign_with, verify};
use p256::ecdsa::SigningKey;

#[test]
fn a_pyhanko_signed_pdf_with_object_streams_is_verified_and_countersigned() {
    if !["qpdf", "pyhanko", "pdfsig", "openssl"]
        .iter()
        .all(|t| have(t))
    {
        return;
    }
    let dir = tmp("xref-streams");
    std::fs::create_dir_all(&dir).expect("dir");
    let p = |n: &str| dir.join(n).to_string_lossy().into_owned();
    let catalog = catalog();
    let def = catalog.form("overdracht", "gelderland").expect("def");
    let answers = llk_core::example::example_answers(def, today());
    let pdf = llk_pdf::render(def, &answers, &opts(&catalog, "gelderland", false))
        .expect("renders")
        .pdf;
    std::fs::write(p("kit.pdf"), &pdf).expect("write");
    let ok = |o: std::process::Output, what: &str| {
        assert!(
            o.status.success(),
            "{what}: {}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
    };
    ok(
        run(
            "qpdf",
            &["--object-streams=generate", &p("kit.pdf"), &p("objstm.pdf")],
        ),
        "qpdf",
    );
    ok(
        run(
            "openssl",
            &[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-subj",
                "/CN=Sanne de Wit/O=Zorg- en Veiligheidshuis Haaglanden",
                "-days",
                "30",
                "-keyout",
                &p("sanne.key"),
                "-out",
                &p("sanne.pem"),
            ],
        ),
        "openssl",
    );
    ok(
        run(
            "pyhanko",
            &[
                "sign",
                "addsig",
                "--field",
                "Sig1",
                "pemder",
                "--key",
                &p("sanne.key"),
                "--cert",
                &p("sanne.pem"),
                "--no-pass",
                &p("objstm.pdf"),
                &p("pyhanko.pdf"),
            ],
        ),
        "pyhanko addsig",
    );
    let theirs = std::fs::read(p("pyhanko.pdf")).expect("read");
    let tail = String::from_utf8_lossy(&theirs[theirs.len() - 2048..]).into_owned();
    assert!(
        tail.contains("/XRef") && !tail.contains("\ntrailer"),
        "pyHanko's update is a cross-reference stream: {tail}"
    );
    assert!(
        text(&std::fs::read(p("objstm.pdf")).expect("read")).contains("/ObjStm"),
        "objects in object streams"
    );

    let reports = verify(&theirs);
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(reports[0].intact, "{reports:?}");
    assert!(reports[0].signer.contains("Sanne de Wit"), "{reports:?}");

    let key = SigningKey::from_slice(&[11; 32]).expect("key");
    let subject = Subject {
        name: "Daniël Öztürk-de Vries".into(),
        role: Some("ontvangend procesregisseur".into()),
        organisation: Some("Zorg- en Veiligheidshuis Gelderland-Midden".into()),
    };
    let signer = P256Signer::self_signed(key, &subject, now(), 365).expect("certificate");
    let twice = sign_with(
        &theirs,
        &signer,
        &SignOptions {
            time: now(),
            reason: Some("Overdracht ontvangen".into()),
            strokes: Vec::new(),
        },
    )
    .expect("countersigned");
    assert!(twice.starts_with(&theirs), "an incremental update");
    let update = String::from_utf8_lossy(&twice[theirs.len()..]).into_owned();
    assert!(
        update.contains("/Type /XRef") && !update.contains("\ntrailer"),
        "the kit's update is a cross-reference stream as well: {update}"
    );
    std::fs::write(p("twice.pdf"), &twice).expect("write");
    let reports = verify(&twice);
    assert_eq!(reports.len(), 2, "{reports:?}");
    assert!(reports.iter().all(|r| r.intact), "{reports:?}");

    ok(run("qpdf", &["--check", &p("twice.pdf")]), "qpdf --check");
    let out = text(&run("pdfsig", &[&p("twice.pdf")]).stdout);
    assert_eq!(out.matches("Signature is Valid.").count(), 2, "{out}");
    let last = out.rsplit("Signature #").next().unwrap_or("");
    assert!(last.contains("Total document signed"), "{out}");
    let o = run(
        "pyhanko",
        &[
            "sign",
            "validate",
            "--no-revocation-check",
            "--trust",
            &p("sanne.pem"),
            &p("twice.pdf"),
        ],
    );
    let said = format!("{}{}", text(&o.stdout), text(&o.stderr));
    assert!(said.contains("INTACT:TRUSTED"), "{said}");

    // One byte flipped inside what pyHanko signed: every checker sees it.
    let mut bad = twice.clone();
    bad[theirs.len() / 4] ^= 0x01;
    std::fs::write(p("bad.pdf"), &bad).expect("write");
    let out = text(&run("pdfsig", &[&p("bad.pdf")]).stdout);
    assert!(out.contains("Digest Mismatch"), "{out}");
    assert!(verify(&bad).iter().any(|r| !r.intact));
}
