//! The UI module's side of the PDF buttons: hands a [`PdfJob`] to the PDF module (loaded
//! on first use through the loader's `loadModule`, `pdf_glue.js`) and its [`PdfReply`]
//! back to the component. The signed PDF is kept for the `llk-submit` detail (`pdf`, a
//! `Blob`) until the answers change. Kept tiny on purpose: every byte here weighs on the
//! UI module.

use crate::messages::{self, PdfAction, PdfJob, PdfReply};
use crate::{dispatch_js, modules, to_js};
use js_sys::Reflect;
use llk_ui::{PdfOutcome, PdfRequest};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen(module = "/src/pdf_glue.js")]
extern "C" {
    /// Calls `done(replyText, pdf)`, or `done(null)` when the PDF module could not be
    /// loaded (after telling the host with `llk-error`).
    #[wasm_bindgen(js_name = pdfRequest)]
    fn pdf_request(load_module: &JsValue, job: String, host: &HtmlElement, done: JsValue);
}

const UNAVAILABLE: &str = "De PDF-functies konden niet worden geladen. Controleer de verbinding en probeer het opnieuw; uw antwoorden blijven bewaard.";

/// The last signed PDF of one element's current answers.
pub type Signed = Rc<RefCell<Option<JsValue>>>;

pub fn on_pdf(
    host: HtmlElement,
    form: String,
    region: String,
    answers: Rc<RefCell<llk_ui::state::HeldAnswers>>,
    signed: Signed,
) -> yew::Callback<PdfRequest> {
    yew::Callback::from(move |req: PdfRequest| {
        let action = match req.action {
            llk_ui::PdfAction::Download => PdfAction::Download,
            llk_ui::PdfAction::Print => PdfAction::Print,
            llk_ui::PdfAction::Sign => PdfAction::Sign,
        };
        let job = PdfJob {
            action,
            form: form.clone(),
            region: region.clone(),
            answers: Value::clone(&answers.borrow().get()),
            deliver: true,
            package: None,
            file_name: None,
        };
        let signed = signed.clone();
        let done = Closure::once_into_js(move |reply: Option<String>, pdf: JsValue| {
            let reply = match reply.as_deref().map(messages::from_text::<PdfReply>) {
                Some(Ok(reply)) => reply,
                _ => PdfReply::failed(UNAVAILABLE),
            };
            if reply.ok && action == PdfAction::Sign {
                *signed.borrow_mut() = Some(pdf);
            }
            req.done.emit(PdfOutcome {
                ok: reply.ok,
                message: reply.message,
            });
        });
        pdf_request(&modules::loader(), messages::to_text(&job), &host, done);
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
