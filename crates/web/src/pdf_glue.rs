//! The forms bundle's side of the PDF buttons: hands a [`PdfRequest`] to the PDF module
//! (loaded on first use, `modules::call`) and its answer back to the component. The signed
//! PDF is kept for the `llk-submit` detail (`pdf`, a `Blob`) until the answers change.
//! Kept tiny on purpose: every byte here weighs on the forms bundle.

use crate::{dispatch, dispatch_js, modules, to_js};
use js_sys::{Array, Reflect};
use llk_ui::{PdfAction, PdfOutcome, PdfRequest};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

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
        let request = json!({"action": action, "form": form, "region": region,
            "answers": *answers.borrow()});
        let args = Array::of2(&to_js(&request), &host);
        let (host, signed) = (host.clone(), signed.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = match modules::call("pdf", "pdf_request", &args).await {
                Ok(r) => {
                    let get = |k: &str| Reflect::get(&r, &k.into()).unwrap_or_default();
                    let ok = get("ok").is_truthy();
                    if ok && action == "sign" {
                        *signed.borrow_mut() = Some(get("pdf"));
                    }
                    PdfOutcome {
                        ok,
                        message: get("message").as_string().unwrap_or_default(),
                    }
                }
                Err(e) => {
                    dispatch(
                        &host,
                        "llk-error",
                        &json!({"code": "module", "message": e.detail}),
                    );
                    PdfOutcome {
                        ok: false,
                        message: e.message,
                    }
                }
            };
            req.done.emit(outcome);
        });
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
