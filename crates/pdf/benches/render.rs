//! Render and sign timings per shipped form (its example, Gelderland): `cargo bench -p llk-pdf`.

use llk_core::{Catalog, Date};
use llk_pdf::sign::{P256Signer, SignOptions, Subject, sign_with};
use llk_pdf::{DateTime, RenderOptions};
use std::path::Path;
use std::time::Instant;

fn main() {
    let forms = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let Ok(catalog) = Catalog::load_dir(&forms) else {
        eprintln!("the forms in {} do not load", forms.display());
        return;
    };
    let now = DateTime::new(1_795_559_580, 60);
    let Some(today) = Date::new(2026, 11, 24) else {
        return;
    };
    let subject = Subject {
        name: "Wendy Hoekstra".into(),
        role: Some("procesregisseur".into()),
        organisation: None,
    };
    let Ok(key) = p256::ecdsa::SigningKey::from_slice(&[7; 32]) else {
        return;
    };
    let Ok(signer) = P256Signer::self_signed(key, &subject, now, 365) else {
        return;
    };
    let opts = RenderOptions {
        created: now,
        anonymised: false,
        region_name: "Gelderland".into(),
        zvh: None,
        letterhead: llk_pdf::letterhead(&catalog, "gelderland"),
    };
    println!(
        "{:<20} {:>5} {:>9} {:>11} {:>9}",
        "form", "pages", "bytes", "render ms", "sign ms"
    );
    for form in catalog.forms() {
        let Some(def) = catalog.form(&form.form.id, "gelderland") else {
            continue;
        };
        let answers = llk_core::example::example_answers(def, today);
        let runs = 15;
        let mut render_ms = Vec::new();
        let mut sign_ms = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let t = Instant::now();
            let Ok(r) = llk_pdf::render(def, &answers, &opts) else {
                return;
            };
            render_ms.push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            let opts = SignOptions {
                time: now,
                reason: None,
                strokes: Vec::new(),
            };
            let Ok(signed) = sign_with(&r.pdf, &signer, &opts) else {
                return;
            };
            sign_ms.push(t.elapsed().as_secs_f64() * 1000.0);
            last = Some((r.pages, signed.len()));
        }
        render_ms.sort_by(f64::total_cmp);
        sign_ms.sort_by(f64::total_cmp);
        let (pages, bytes) = last.unwrap_or_default();
        println!(
            "{:<20} {pages:>5} {bytes:>9} {:>11.1} {:>9.1}",
            def.id,
            render_ms[runs / 2],
            sign_ms[runs / 2]
        );
    }
}
