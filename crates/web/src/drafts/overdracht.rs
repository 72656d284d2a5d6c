//! The overdracht package from the case elements (issue 13, parts 2 and 3): the UI
//! module's case model computes what the package shows ([`PackageParts`]) and takes a
//! received case in; the PDF module draws, signs and checks (`src/pdf/package.rs`), loaded
//! on first use. What crosses is a [`PdfJob`] and its [`PdfReply`], the package's bytes
//! beside the job.

use super::casus::load_text;
use crate::messages::{self, PdfAction, PdfJob, PdfReply};
use crate::{modules, today};
use llk_core::case::Case;
use llk_core::case::package_parts::PackageSignature;
use llk_core::case::package_parts::{OVERDRACHT_FORM, PackageParts};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlElement, HtmlInputElement};

#[wasm_bindgen(module = "/src/drafts/overdracht.js")]
extern "C" {
    #[wasm_bindgen(js_name = packageRequest)]
    fn package_request(
        load_module: &JsValue,
        job: String,
        host: &HtmlElement,
        input: &JsValue,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = chosenFile)]
    fn chosen_file(input: &HtmlInputElement) -> bool;
    #[wasm_bindgen(js_name = chosenName)]
    fn chosen_name(input: &JsValue) -> String;
    #[wasm_bindgen(js_name = holdFile)]
    fn hold_file(input: &HtmlInputElement) -> JsValue;
}

const UNAVAILABLE: &str =
    "De PDF-functies konden niet worden geladen. Controleer de verbinding en probeer het opnieuw.";
const NOTHING: &str = "Er is niets ingelezen.";

async fn request(host: &HtmlElement, job: &PdfJob, input: &JsValue) -> PdfReply {
    let promise = package_request(&modules::loader(), messages::to_text(job), host, input);
    let reply = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_string());
    match reply.as_deref().map(messages::from_text::<PdfReply>) {
        Some(Ok(reply)) => reply,
        _ => PdfReply::failed(UNAVAILABLE),
    }
}

fn job(action: PdfAction, region: &str, package: Option<PackageParts>) -> PdfJob {
    PdfJob {
        action,
        form: OVERDRACHT_FORM.into(),
        region: region.into(),
        answers: Value::Null,
        deliver: true,
        package,
        file_name: None,
    }
}

/// "Overdrachtspakket maken": the package of `case`, signed with this browser's key (the
/// first time the signer dialog opens in `host`'s shadow root) and downloaded.
pub(crate) async fn make(host: &HtmlElement, case: &Case) -> PdfReply {
    let parts = match PackageParts::of(case, today()) {
        Ok(parts) => parts,
        Err(why) => return PdfReply::failed(why),
    };
    request(
        host,
        &job(PdfAction::Package, &case.region, Some(parts)),
        &JsValue::UNDEFINED,
    )
    .await
}

/// The file chosen in `input`, held (`{ files: [File] }`) for [`accept`]; `None` when none.
pub(crate) fn hold(input: &HtmlInputElement) -> Option<JsValue> {
    Some(hold_file(input)).filter(|v| !v.is_null())
}

/// "Ontvangst bevestigen": the package taken in (`held`, from [`hold`]) countersigned with
/// this browser's key by the PDF module and downloaded as `<its name>-ontvangen.pdf`, for
/// the sending ZVH.
pub(crate) async fn accept(host: &HtmlElement, held: Option<&JsValue>) -> PdfReply {
    let Some(held) = held else {
        return PdfReply::failed("Lees eerst een overdrachtspakket in met ‘Overdracht inlezen’.");
    };
    let name = chosen_name(held);
    let stem = name.trim_end_matches(".pdf").trim_end_matches(".PDF");
    let stem = if stem.is_empty() { "overdracht" } else { stem };
    let mut job = job(PdfAction::Accept, "", None);
    job.file_name = Some(format!("{stem}-ontvangen.pdf"));
    request(host, &job, held).await
}

/// A package read: the case taken in, or why not (in Dutch, "Er is niets ingelezen."),
/// and the signatures found either way.
pub(crate) struct Received {
    pub case: Result<Case, String>,
    pub signatures: Vec<PackageSignature>,
}

/// "Overdracht ontvangen": the package chosen in `input`, its signatures checked by the
/// PDF module, its `casus.json` read as a case file and received on today's date.
pub(crate) async fn receive(host: &HtmlElement, input: &HtmlInputElement) -> Received {
    if !chosen_file(input) {
        return Received {
            case: Err("Kies het overdrachtspakket (een PDF-bestand).".into()),
            signatures: Vec::new(),
        };
    }
    let reply = request(host, &job(PdfAction::Receive, "", None), input).await;
    let case = match reply.case_text {
        Some(text) if reply.ok => take_in(&text),
        _ => Err(reply.message),
    };
    Received {
        case,
        signatures: reply.signatures,
    }
}

/// The case in `casus.json`, read as a case file is (older formats migrate, newer ones are
/// refused) and received; refused as `llk case import` refuses it.
fn take_in(text: &str) -> Result<Case, String> {
    let not_a_case = |why: &str| {
        format!("De bijlage casus.json is geen dossier dat deze kit kan lezen: {why} {NOTHING}")
    };
    let mut case = load_text(text).map_err(|why| not_a_case(&why))?;
    if case.latest(OVERDRACHT_FORM).is_none() {
        return Err(not_a_case("het dossier bevat geen overdracht."));
    }
    case.receive(today())
        .map_err(|e| format!("{} {NOTHING}", e.message))?;
    Ok(case)
}
