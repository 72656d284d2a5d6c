//! The signed PDFs a case carries, checked again when the case is opened: the documents
//! table then says what each file says now, not only what was recorded when it was filed
//! (a record from another system, or a file changed since, may claim "intact"). The PDF
//! module does the checking (`verifyPdf`), loaded for it on first use.

use llk_core::case::{Case, SignatureStatus};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/drafts/cases.js")]
extern "C" {
    /// Per PDF (base64): `'intact'`, `'broken'`, or `null` when it could not be checked.
    #[wasm_bindgen(js_name = verifyStored)]
    fn verify_stored(pdfs: Vec<String>) -> js_sys::Promise;
}

/// The status of each document's signed PDF now, as (`seq`, status); documents without a
/// PDF, and PDFs that could not be checked (no PDF module, no signature found), are left
/// out.
pub(crate) async fn check(case: &Case) -> Vec<(u32, SignatureStatus)> {
    let mut seqs = Vec::new();
    let mut pdfs = Vec::new();
    for d in &case.documents {
        if let Some(pdf) = d.signature.as_ref().and_then(|s| s.pdf.clone()) {
            seqs.push(d.seq);
            pdfs.push(pdf);
        }
    }
    let mut out = Vec::new();
    if pdfs.is_empty() {
        return out;
    }
    let Ok(result) = JsFuture::from(verify_stored(pdfs)).await else {
        return out;
    };
    let result = js_sys::Array::from(&result);
    for (i, seq) in seqs.into_iter().enumerate() {
        let status = match result.get(i as u32).as_string().as_deref() {
            Some("intact") => SignatureStatus::Intact,
            Some("broken") => SignatureStatus::Broken,
            _ => continue,
        };
        out.push((seq, status));
    }
    out
}
