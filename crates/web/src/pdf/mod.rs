//! The PDF module (`--features pdf`): a second wasm module the forms load on first use
//! (`loadModule('pdf')` in the loader), so the UI module carries none of it. It renders a
//! submission with `llk-pdf`, signs it PAdES-B-B with the browser's signing key ([`keys`])
//! and verifies signed PDFs it is given.
//!
//! Every entry point answers with a Dutch message instead of failing: the forms show it.

mod cosign;
mod host_api;
mod import;
mod keys;
mod pem;

use llk_core::Catalog;
use llk_pdf::sign::{SignOptions, Subject};
use llk_pdf::{DateTime, RenderOptions};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/pdf/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = now)]
    fn js_now() -> Vec<f64>;
    #[wasm_bindgen(js_name = pdfBlob)]
    fn pdf_blob(bytes: &[u8]) -> JsValue;
    fn download(blob: &JsValue, name: &str) -> bool;
    #[wasm_bindgen(js_name = openForPrint)]
    fn open_for_print(blob: &JsValue) -> bool;
}

#[wasm_bindgen(module = "/src/pdf/version.js")]
extern "C" {
    #[wasm_bindgen(js_name = askVersion)]
    fn ask_version(host: &JsValue) -> js_sys::Promise;
}

/// Forms the Adviestafel sees (DOMAIN.md, step 2: it advises on an aanmelding without
/// knowing who it is about): "PDF downloaden" asks whether the full or the anonymised
/// rendering is wanted.
const ANONYMISED_FOR: &[&str] = &["aanmelding"];

thread_local! {
    static CATALOG: RefCell<Option<Rc<Catalog>>> = const { RefCell::new(None) };
}

/// What the forms ask for (`PdfRequest` in llk-ui, sent by llk-web's forms side).
#[derive(Debug, Deserialize)]
struct Request {
    /// "download", "print" or "sign".
    action: String,
    form: String,
    region: String,
    answers: Value,
    /// Whether the signed PDF is also downloaded (the forms do; the benchmark does not).
    #[serde(default = "yes")]
    deliver: bool,
}

fn yes() -> bool {
    true
}

/// The answer to every request; `pdf` (a `Blob`) is set apart.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Response {
    ok: bool,
    message: String,
    pages: usize,
    /// Characters the PDF font lacks, shown in the PDF as the marker.
    replaced: Vec<String>,
    /// Milliseconds spent rendering and (if asked) signing.
    millis: f64,
}

impl Response {
    fn failed(message: impl Into<String>) -> Response {
        Response {
            message: message.into(),
            ..Response::default()
        }
    }
}

// Values cross the boundary as JSON text through the JavaScript engine's own JSON, with
// serde_json on this side: serde-wasm-bindgen would add ~40 KB to this module.
pub(crate) fn to_js<T: Serialize>(v: &T) -> JsValue {
    serde_json::to_string(v)
        .ok()
        .and_then(|s| js_sys::JSON::parse(&s).ok())
        .unwrap_or(JsValue::NULL)
}

pub(crate) fn from_js<T: serde::de::DeserializeOwned>(v: &JsValue) -> Option<T> {
    let text = js_sys::JSON::stringify(v).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

/// The current time from the browser's clock, with its UTC offset.
pub(crate) fn now() -> DateTime {
    let t = js_now();
    let (ms, offset) = (
        t.first().copied().unwrap_or(0.0),
        t.get(1).copied().unwrap_or(0.0),
    );
    DateTime::new((ms / 1000.0).floor() as i64, offset as i16)
}

/// Reads the definitions and defines `<llk-ondertekening>`: the loader's
/// `loadModule('pdf')` calls it with the parsed `forms.json` (or `null`) and this module's
/// own exports, which the element calls. Only the UI module has a `boot` of its own.
#[cfg_attr(not(feature = "forms"), wasm_bindgen(js_name = boot))]
pub fn pdf_boot(bundle: JsValue, exports: JsValue) {
    let catalog = from_js::<llk_core::catalog::Bundle>(&bundle)
        .and_then(|b| Catalog::from_bundle(b).ok())
        .map(Rc::new);
    CATALOG.with(|slot| *slot.borrow_mut() = catalog);
    if exports.is_object() {
        host_api::set_api(&exports);
        cosign::define(&exports);
    }
}

fn catalog() -> Option<Rc<Catalog>> {
    CATALOG.with(|c| c.borrow().clone())
}

/// Renders, and for "sign" signs, the answers of one form; downloads or opens the result.
/// `host` is the form's element: the first signature asks for the signer's details in a
/// dialog in its shadow root. Resolves to `{ ok, message, pages, replaced, millis, pdf? }`,
/// never rejects.
#[wasm_bindgen]
pub async fn pdf_request(request: JsValue, host: JsValue) -> JsValue {
    let (response, pdf) = match from_js::<Request>(&request) {
        Some(req) => handle(req, host).await,
        None => (
            Response::failed("De PDF kon niet worden gemaakt: onbekend verzoek."),
            None,
        ),
    };
    let out = to_js(&response);
    if let Some(blob) = pdf {
        let _ = js_sys::Reflect::set(&out, &"pdf".into(), &blob);
    }
    out
}

const RENDER_FAILED: &str = "De PDF kon niet worden gemaakt. Probeer het opnieuw; lukt het niet, neem dan contact op met de beheerder van deze pagina.";

async fn handle(req: Request, host: JsValue) -> (Response, Option<JsValue>) {
    let started = js_sys::Date::now();
    let Some(catalog) = catalog() else {
        return (Response::failed(RENDER_FAILED), None);
    };
    let Some(def) = catalog.form(&req.form, &req.region) else {
        return (Response::failed(RENDER_FAILED), None);
    };
    let created = now();
    let signing = req.action == "sign";
    let anonymised = if req.action == "download" && ANONYMISED_FOR.contains(&def.id.as_str()) {
        match wasm_bindgen_futures::JsFuture::from(ask_version(&host))
            .await
            .ok()
            .and_then(|v| v.as_string())
        {
            Some(v) => v == "anonymised",
            None => {
                return (
                    Response::failed("Er is geen PDF gedownload: u heeft het venster gesloten."),
                    None,
                );
            }
        }
    } else {
        false
    };
    // The key first: without one there is nothing to render yet.
    let signer = if signing {
        match keys::signer(&host, created).await {
            Ok(Some(s)) => Some(s),
            Ok(None) => {
                return (
                    Response::failed(
                        "Niet ondertekend: u heeft het venster met uw gegevens gesloten.",
                    ),
                    None,
                );
            }
            Err(message) => return (Response::failed(message), None),
        }
    } else {
        None
    };
    let opts = RenderOptions {
        created,
        anonymised,
        region_name: catalog
            .region(&req.region)
            .map_or_else(|| req.region.clone(), |r| r.name.clone()),
        zvh: llk_pdf::zvh_of(&catalog, &req.region, &req.answers),
    };
    let Ok(rendered) = llk_pdf::render(def, &req.answers, &opts) else {
        return (Response::failed(RENDER_FAILED), None);
    };
    let mut pdf = rendered.pdf.clone();
    let mut who = None;
    if let Some(signer) = signer {
        let so = SignOptions {
            time: created,
            reason: Some(format!("{} ondertekend", def.title)),
            strokes: llk_pdf::sign::drawn_signature(&req.answers, &signer.subject.name),
        };
        match keys::sign(&rendered, &signer, &so).await {
            Ok(signed) => pdf = signed,
            Err(message) => return (Response::failed(message), None),
        }
        who = Some(signer.subject);
    }
    let blob = pdf_blob(&pdf);
    let millis = js_sys::Date::now() - started;
    let name = format!(
        "{}{}.pdf",
        def.id,
        match (&who, anonymised) {
            (Some(_), _) => "-ondertekend",
            (None, true) => "-geanonimiseerd",
            (None, false) => "",
        }
    );
    let mut message = match (req.action.as_str(), &who) {
        ("print", _) if !open_for_print(&blob) => {
            return (
                Response::failed(
                    "Uw browser hield het nieuwe tabblad met de PDF tegen. Kies ‘PDF downloaden’ en druk het bestand daarna af.",
                ),
                None,
            );
        }
        ("print", _) => "De PDF is in een nieuw tabblad geopend; druk hem daar af.".to_string(),
        (_, Some(s)) => {
            if req.deliver {
                download(&blob, &name);
            }
            format!(
                "Ondertekend door {}. De ondertekende PDF ({name}) is gedownload en gaat mee met het verzenden.",
                describe(s)
            )
        }
        _ => {
            if req.deliver {
                download(&blob, &name);
            }
            if anonymised {
                format!(
                    "De geanonimiseerde PDF voor de Adviestafel ({name}) is gedownload: zonder namen, BSN, adres en contactgegevens. Controleer vrije tekst zelf op namen voordat u hem deelt."
                )
            } else {
                format!("De PDF ({name}) is gedownload.")
            }
        }
    };
    if !rendered.replaced.is_empty() {
        let chars: String = rendered.replaced.iter().collect();
        message.push_str(&format!(
            " Let op: deze tekens kan de PDF niet weergeven; er staat {} in de plaats: {chars}. Uw antwoorden zelf blijven ongewijzigd.",
            llk_pdf::MARKER
        ));
    }
    let response = Response {
        ok: true,
        message,
        pages: rendered.pages,
        replaced: rendered.replaced.iter().map(char::to_string).collect(),
        millis,
    };
    (response, Some(blob))
}

fn describe(s: &Subject) -> String {
    let mut out = s.name.clone();
    for part in [&s.role, &s.organisation].into_iter().flatten() {
        out.push_str(", ");
        out.push_str(part);
    }
    out
}

/// One signature found in a PDF, for people.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Report {
    signer: String,
    role: Option<String>,
    organisation: Option<String>,
    signed_at: Option<String>,
    intact: bool,
    covers_whole_document: bool,
    problem: Option<String>,
    /// The PDF exceeds a bound (`llk_pdf::sign::limits`) and was not checked: the only
    /// report, its `message` the Dutch reason.
    refused: bool,
    /// One Dutch sentence saying it all.
    message: String,
}

/// The signatures in a PDF: `[{ signer, role, organisation, signedAt, intact,
/// coversWholeDocument, problem, message }]`, empty when it has none.
/// The ECDSA signatures are checked by WebCrypto, so this resolves asynchronously.
#[wasm_bindgen]
pub async fn verify_pdf(bytes: Vec<u8>) -> JsValue {
    to_js(&reports(&bytes).await)
}

pub(crate) async fn reports(bytes: &[u8]) -> Vec<Report> {
    let mut checked = Vec::new();
    for (mut r, check) in llk_pdf::sign::verify_deferred(bytes) {
        if let Some(c) = check {
            let holds = keys::webcrypto_verify(&c.spki, &c.message, &c.signature).await;
            llk_pdf::sign::conclude(&mut r, holds);
        }
        checked.push(r);
    }
    checked
        .into_iter()
        .map(|r| {
            let who = describe(&Subject {
                name: if r.signer.is_empty() {
                    "(onbekend)".into()
                } else {
                    r.signer.clone()
                },
                role: r.role.clone(),
                organisation: r.organisation.clone(),
            });
            let when = r.signed_at.map(DateTime::dutch);
            let message = match (r.intact, r.covers_whole_document) {
                _ if r.refused => r.problem.clone().unwrap_or_default(),
                (true, true) => format!("Geldig: ondertekend door {who}; het document is daarna niet gewijzigd."),
                (true, false) => format!("Geldig: ondertekend door {who}; daarna is er iets aan het document toegevoegd (bijvoorbeeld een tweede handtekening)."),
                (false, _) => format!("Ongeldig: de handtekening van {who} klopt niet; het document is na ondertekenen gewijzigd of beschadigd."),
            };
            Report {
                signer: r.signer,
                role: r.role,
                organisation: r.organisation,
                signed_at: when,
                intact: r.intact,
                covers_whole_document: r.covers_whole_document,
                problem: r.problem,
                refused: r.refused,
                message,
            }
        })
        .collect()
}
