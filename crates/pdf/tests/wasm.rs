//! The library in wasm32 as the browser will run it: no file system (definitions are
//! compiled in), no clock (the time is a parameter), no threads. Render, sign with a P-256
//! key, verify; the dates are the given ones, not printpdf's 1970.
#![cfg(target_arch = "wasm32")]

use llk_core::Catalog;
use llk_core::catalog::Source;
use llk_core::def::{parse_form_toml, parse_region_toml};
use llk_pdf::sign::{P256Signer, SignOptions, Subject, sign_with, verify};
use llk_pdf::{DateTime, RenderOptions};
use wasm_bindgen_test::wasm_bindgen_test;

const FORM: &str = include_str!("../../../forms/overdracht.toml");
const REGION: &str = include_str!("../../../forms/regions/landelijk.toml");

#[wasm_bindgen_test]
fn render_sign_and_verify_in_wasm() {
    let form = parse_form_toml("overdracht.toml", FORM).expect("form");
    let region = parse_region_toml("regions/landelijk.toml", REGION).expect("region");
    let catalog = Catalog::build(
        vec![Source {
            file: "overdracht.toml".into(),
            text: None,
            raw: form,
        }],
        vec![Source {
            file: "regions/landelijk.toml".into(),
            text: None,
            raw: region,
        }],
    )
    .expect("catalog");
    let def = catalog.form("overdracht", "landelijk").expect("def");
    let today = llk_core::Date::new(2026, 11, 24).expect("date");
    let answers = llk_core::example::example_answers(def, today);
    let now = DateTime::new(1_795_559_580, 60);
    let opts = RenderOptions {
        created: now,
        anonymised: false,
        region_name: "Landelijk".into(),
        zvh: None,
        letterhead: None,
    };
    let r = llk_pdf::render(def, &answers, &opts).expect("renders");
    assert!(r.pages >= 2);
    let has = |b: &[u8], s: &str| b.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(has(&r.pdf, "D:20261124233300+01'00'"));
    assert!(!has(&r.pdf, "D:1970"));

    let key = p256::ecdsa::SigningKey::from_slice(&[5; 32]).expect("key");
    let subject = Subject {
        name: "Noëlle Çelik".into(),
        role: Some("procesregisseur".into()),
        organisation: None,
    };
    let signer = P256Signer::self_signed(key, &subject, now, 365).expect("cert");
    let so = SignOptions {
        time: now,
        reason: None,
        strokes: Vec::new(),
    };
    let signed = sign_with(&r.pdf, &signer, &so).expect("signs");
    let twice = sign_with(&signed, &signer, &so).expect("signs again");
    let reports = verify(&twice);
    assert_eq!(reports.len(), 2);
    assert!(reports.iter().all(|s| s.intact));
    assert!(reports[1].covers_whole_document);
    assert_eq!(reports[0].signer, "Noëlle Çelik");
}
