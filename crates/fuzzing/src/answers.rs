//! Answers someone gives: a submission to `llk validate` (or the browser's "Controleren"),
//! and the same to the PDF renderer. The input is a submission envelope (`llk example`
//! writes them), so the fuzzer reaches every real definition by its form and region.

use crate::fixtures::{catalog, now, today};
use llk_core::{Submission, check_submission, example, submission};
use llk_pdf::RenderOptions;
use serde_json::Value;

/// `llk validate`: migrate to the current definition, then validate; and what the
/// check page does with the answers afterwards.
pub fn validate(data: &[u8]) {
    let Some(sub) = envelope(data) else {
        return;
    };
    let catalog = catalog();
    let Ok((sub, diagnostics)) = check_submission(catalog, sub, today()) else {
        return;
    };
    for d in &diagnostics {
        let _ = d.to_string();
    }
    if let Some(def) = catalog.form(&sub.form, &sub.region) {
        let _ = submission::orphan_paths(def, &sub.answers);
        let mut answers = sub.answers;
        let _ = example::prune_hidden(def, &mut answers, today());
        let _ = llk_core::validate::validate(def, &answers, today());
    }
}

/// `llk pdf`: the answers as they are, valid or not, laid out; anonymised for an input of
/// odd length (the fuzzer reaches both by adding a space).
pub fn render(data: &[u8]) {
    let Some(sub) = envelope(data) else {
        return;
    };
    let catalog = catalog();
    let Some(def) = catalog.form(&sub.form, &sub.region) else {
        return;
    };
    let (sub, _notes) = submission::migrate(sub, def);
    let opts = RenderOptions {
        created: now(),
        anonymised: data.len() % 2 == 1,
        region_name: catalog
            .region(&sub.region)
            .map_or_else(|| sub.region.clone(), |r| r.name.clone()),
        zvh: llk_pdf::zvh_of(catalog, &sub.region, &sub.answers),
        letterhead: llk_pdf::letterhead(catalog, &sub.region),
    };
    let rendered = llk_pdf::render(def, &sub.answers, &opts).expect("any answers render");
    assert!(rendered.pdf.starts_with(b"%PDF-") && rendered.pages > 0);
}

fn envelope(data: &[u8]) -> Option<Submission> {
    let value: Value = serde_json::from_slice(data).ok()?;
    Submission::from_json(value, None).ok()
}
