//! The UI module's side of the PDF buttons: hands a [`PdfRequest`] to the PDF module
//! (loaded on first use through the loader's `loadModule`, `pdf_glue.js`) and its answer
//! back to the component. The signed PDF is kept for the `llk-submit` detail (`pdf`, a
//! `Blob`) until the answers change. Kept tiny on purpose: every byte here weighs on the
//! UI module.

use crate::{dispatch_js, modules, to_js};
use js_sys::Reflect;
use llk_ui::{PdfAction, PdfOutcome, PdfRequest};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen(module = "/src/pdf_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = pdfRequest)]
    fn pdf_request(load_module: &JsValue, request: &JsValue, host: &HtmlElement, done: JsValue);
}

/// The last signed PDF of one element's current answers.
pub type Signed = Rc<RefCell<Option<JsValue>>>;

pub fn on_pdf(
    host: HtmlElement,
    form: String,
    region: String,
    answers: Rc<RefCell<Value>>,
    signed: Signed,
) -> yew::Callback<PdfRequest> {
    yew::Callback::from(move |req: PdfRequest| {
        let action = match req.action {
            PdfAction::Download => "download",
            PdfAction::Print => "print",
            PdfAction::Sign => "sign",
        };
        let request = to_js(&json!({"action": action, "form": form, "region": region,
            "answers": *answers.borrow()}));
        let signed = signed.clone();
        let done = Closure::once_into_js(move |r: JsValue| {
            let get = |k: &str| Reflect::get(&r, &k.into()).unwrap_or_default();
            let ok = get("ok").is_truthy();
            if ok && action == "sign" {
                *signed.borrow_mut() = Some(get("pdf"));
            }
            req.done.emit(PdfOutcome {
                ok,
                message: get("message").as_string().unwrap_or_default(),
            });
        });
        pdf_request(&modules::loader(), &request, &host, done);
    })
}

/// `llk-submit`, with the signed PDF when there is one.
pub fn submit(host: &HtmlElement, detail: &Value, signed: &Signed) {
    let detail = to_js(detail);
    if let Some(pdf) = &*signed.borrow() {
        let _ = Reflect::set(&detail, &"pdf".into(), pdf);
    }
    dispatch_js(host, "llk-submit", &detail);
}
