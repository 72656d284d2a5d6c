//! The signed PDFs a case carries, checked again when the case is opened: the documents
//! table then says what each file says now, not only what was recorded when it was filed
//! (a record from another system, or a file changed since, may claim "intact"). The PDF
//! module does the checking (`verifyPdf`), loaded for it on first use.

use llk_core::case::{Case, SignatureStatus};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/drafts/cases.js")]
extern "C" {
    /// Per PDF (base64): `'intact'`, `'broken'`, or `null` when it could not be checked.
    #[wasm_bindgen(js_name = verifyStored)]
    fn verify_stored(pdfs: Vec<String>) -> js_sys::Promise;
}

/// The status of each document's signed PDF now, by `seq`; documents without a PDF, and
/// PDFs that could not be checked (no PDF module, no signature found), are left out.
pub(crate) async fn check(case: &Case) -> BTreeMap<u32, SignatureStatus> {
    let (seqs, pdfs): (Vec<u32>, Vec<String>) = case
        .documents_in_order()
        .into_iter()
        .filter_map(|d| Some((d.seq, d.signature.as_ref()?.pdf.clone()?)))
        .unzip();
    if pdfs.is_empty() {
        return BTreeMap::new();
    }
    let Ok(result) = JsFuture::from(verify_stored(pdfs)).await else {
        return BTreeMap::new();
    };
    seqs.into_iter()
        .zip(js_sys::Array::from(&result).iter())
        .filter_map(|(seq, s)| {
            let status = match s.as_string()?.as_str() {
                "intact" => SignatureStatus::Intact,
                "broken" => SignatureStatus::Broken,
                _ => return None,
            };
            Some((seq, status))
        })
        .collect()
}
