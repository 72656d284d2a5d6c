//! Nothing a user can hand the kit makes it panic: answers of any shape render, and damaged
//! or foreign files give reports or errors.

mod common;

use common::*;
use llk_pdf::sign::{P256Signer, SignOptions, Subject, prepare, sign_with, verify};
use serde_json::{Value, json};

#[test]
fn answers_of_any_shape_render() {
    let catalog = catalog();
    let def = catalog.form("levensloopplan", "gelderland").expect("def");
    let example = llk_core::example::example_answers(def, today());
    let odd = [
        json!(null),
        json!(1),
        json!("x"),
        json!([1, {}]),
        json!({"a": [null]}),
        json!(true),
    ];
    let mut shapes = vec![json!(null), json!([]), json!("tekst")];
    for (n, v) in odd.iter().enumerate() {
        // Every answer replaced by the same odd value, at every depth.
        fn replace(a: &Value, v: &Value) -> Value {
            match a {
                Value::Object(m) => {
                    Value::Object(m.iter().map(|(k, x)| (k.clone(), replace(x, v))).collect())
                }
                Value::Array(items) => Value::Array(items.iter().map(|x| replace(x, v)).collect()),
                _ => v.clone(),
            }
        }
        shapes.push(replace(&example, v));
        // And each group replaced wholesale.
        let mut s = example.clone();
        if let Some(m) = s.as_object_mut() {
            for (k, x) in m.iter_mut() {
                if x.is_object() || x.is_array() {
                    *x = odd[(n + k.len()) % odd.len()].clone();
                }
            }
        }
        shapes.push(s);
    }
    for answers in shapes {
        for anonymised in [false, true] {
            let out = llk_pdf::render(def, &answers, &opts(&catalog, "gelderland", anonymised));
            assert!(out.is_ok_and(|r| r.pdf.starts_with(b"%PDF")));
        }
    }
}

#[test]
fn damaged_files_are_reported_on_not_panicked_over() {
    let catalog = catalog();
    let def = catalog.form("inclusie", "landelijk").expect("def");
    let answers = llk_core::example::example_answers(def, today());
    let pdf = llk_pdf::render(def, &answers, &opts(&catalog, "landelijk", false))
        .expect("renders")
        .pdf;
    let (signer, so) = sanne(3);
    let signed = sign_with(&pdf, &signer, &so).expect("signs");
    assert!(verify(&pdf).is_empty());

    // Cut anywhere, and flipped anywhere but in the unsigned `/Contents` hole (where hex
    // case and padding do not count): the verifier reports, never panics, and only an
    // untouched file is intact.
    let find = |hay: &[u8], n: &[u8]| hay.windows(n.len()).position(|w| w == n);
    let hole_start = find(&signed, b"/Contents <").expect("contents") + 10;
    let hole_end = hole_start + find(&signed[hole_start..], b">").expect("end");
    let step = signed.len() / 97;
    for cut in (0..signed.len()).step_by(step) {
        let r = verify(&signed[..cut]);
        assert!(
            r.iter().all(|s| !s.intact || !s.covers_whole_document),
            "cut at {cut}"
        );
        let mut flipped = signed.clone();
        flipped[cut] ^= 0x20;
        let r = verify(&flipped);
        if !(hole_start..=hole_end).contains(&cut) {
            assert!(r.iter().all(|s| !s.intact), "flip at {cut}: {r:?}");
        }
    }
    // Not a PDF, or a PDF without pages: an error, not a panic.
    for junk in [
        &b""[..],
        b"%PDF-1.7\n",
        b"hello",
        &signed[..signed.len() / 2],
    ] {
        assert!(prepare(junk, &[0x30, 0x00], &so).is_err());
    }
    assert!(prepare(&pdf, b"not a certificate", &so).is_err());
}

/// Found by the `pdf_sign` fuzz target (fuzz/regressions/pdf_sign/fifty-signatures.pdf): a
/// PDF with as many signatures as the bounds allow passed the screen and was signed once
/// more, into a PDF the kit's own verifier refuses. It is refused before signing instead.
#[test]
fn a_pdf_at_the_signature_bound_is_not_signed_past_it() {
    let catalog = catalog();
    let def = catalog.form("triage", "landelijk").expect("def");
    let answers = llk_core::example::example_answers(def, today());
    let pdf = llk_pdf::render(def, &answers, &opts(&catalog, "landelijk", false))
        .expect("renders")
        .pdf;
    let with_claims = |n: usize| {
        // Damaged signature dictionaries in a comment, before the last `startxref`.
        let at = pdf
            .windows(9)
            .rposition(|w| w == b"startxref")
            .expect("startxref");
        let mut out = pdf[..at].to_vec();
        out.extend(b"%/ByteRange [0 1 2 3]\n".repeat(n));
        out.extend_from_slice(&pdf[at..]);
        out
    };
    let (signer, so) = sanne(4);
    let max = llk_pdf::sign::limits::MAX_SIGNATURES;
    let signed = sign_with(&with_claims(max - 1), &signer, &so).expect("one below the bound signs");
    let last = verify(&signed).pop().expect("a report");
    assert!(last.intact && last.covers_whole_document, "{last:?}");
    match sign_with(&with_claims(max), &signer, &so) {
        Err(llk_pdf::PdfError::Refused(m)) => assert_eq!(
            m,
            "Deze PDF kan niet nog eens worden ondertekend: met een handtekening erbij zou \
             levensloopkit hem niet meer controleren (het bevat meer dan 50 handtekeningen)."
        ),
        other => panic!("signed past the bound: {:?}", other.map(|p| p.len())),
    }
}

/// A signer with a self-signed certificate from the key `[seed; 32]`, and plain options.
fn sanne(seed: u8) -> (P256Signer, SignOptions) {
    let key = p256::ecdsa::SigningKey::from_slice(&[seed; 32]).expect("key");
    let subject = Subject {
        name: "Sanne Bakker".into(),
        role: None,
        organisation: None,
    };
    let signer = P256Signer::self_signed(key, &subject, now(), 30).expect("cert");
    let so = SignOptions {
        time: now(),
        reason: None,
        strokes: Vec::new(),
    };
    (signer, so)
}
