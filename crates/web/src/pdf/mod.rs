//! The PDF module (`--features pdf`): a second wasm module the forms load on first use
//! (`loadModule('pdf')` in the loader), so the UI module carries none of it. It renders a
//! submission with `llk-pdf`, signs it PAdES-B-B with the browser's signing key ([`keys`])
//! and verifies signed PDFs it is given.
//!
//! Every entry point answers with a Dutch message instead of failing: the forms show it.

mod anchors;
mod cosign;
mod host_api;
mod import;
mod keys;
mod package;
mod pem;

use crate::messages::{self, PdfAction, PdfJob, PdfReply};
use llk_core::Catalog;
use llk_pdf::sign::{SignOptions, Subject};
use llk_pdf::{DateTime, RenderOptions};
use serde::Serialize;
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

pub(crate) use crate::messages::{from_js, to_js};

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
/// `loadModule('pdf')` calls it with the text of `forms.json` (or `null`), this module's
/// own exports, which the element calls, and the kit's base stylesheet from the UI module
/// (`kit_css`). Only the UI module has a `boot` of its own.
#[cfg_attr(not(feature = "forms"), wasm_bindgen(js_name = boot))]
pub fn pdf_boot(bundle: Option<String>, exports: JsValue, kit_css: Option<String>) {
    // Read here rather than by `Catalog::from_bundle_json`, whose reasons this module
    // never shows (formatting them would put serde_json's messages into this module).
    let catalog = bundle
        .and_then(|text| messages::from_text(&text).ok())
        .and_then(|b| Catalog::from_bundle(b).ok())
        .map(Rc::new);
    CATALOG.with(|slot| *slot.borrow_mut() = catalog);
    if exports.is_object() {
        cosign::define(&exports, &kit_css.unwrap_or_default());
    }
}

fn catalog() -> Option<Rc<Catalog>> {
    CATALOG.with(|c| c.borrow().clone())
}

/// Renders, and for [`PdfAction::Sign`] signs, the answers of one form; downloads or opens
/// the result. `job` is the JSON text of a [`PdfJob`]; `host` is the form's element: the
/// first signature asks for the signer's details in a dialog in its shadow root. Resolves
/// to `[reply, pdf]`: the JSON text of a [`PdfReply`] and the PDF (a `Blob`, `undefined`
/// when none was made); never rejects.
/// For [`PdfAction::Receive`] and [`PdfAction::Accept`], `pdf` is the package's bytes (a
/// receive's reply then has no PDF; an accept's is the countersigned package).
#[wasm_bindgen]
pub async fn pdf_request(job: String, host: JsValue, pdf: Option<Vec<u8>>) -> JsValue {
    let (reply, pdf) = match messages::from_text::<PdfJob>(&job) {
        Ok(job) if job.action == PdfAction::Package => package::make(job, host).await,
        Ok(job) if job.action == PdfAction::Receive => {
            (package::receive(&pdf.unwrap_or_default()).await, None)
        }
        Ok(job) if job.action == PdfAction::Accept => {
            package::accept(job, host, &pdf.unwrap_or_default()).await
        }
        Ok(job) => handle(job, host).await,
        Err(_) => (
            PdfReply::failed("De PDF kon niet worden gemaakt: onbekend verzoek."),
            None,
        ),
    };
    let pdf = pdf.unwrap_or(JsValue::UNDEFINED);
    js_sys::Array::of2(&messages::to_text(&reply).into(), &pdf).into()
}

const RENDER_FAILED: &str = "De PDF kon niet worden gemaakt. Probeer het opnieuw; lukt het niet, neem dan contact op met de beheerder van deze pagina.";

async fn handle(req: PdfJob, host: JsValue) -> (PdfReply, Option<JsValue>) {
    let started = js_sys::Date::now();
    let Some(catalog) = catalog() else {
        return (PdfReply::failed(RENDER_FAILED), None);
    };
    let Some(def) = catalog.form(&req.form, &req.region) else {
        return (PdfReply::failed(RENDER_FAILED), None);
    };
    let created = now();
    let signing = req.action == PdfAction::Sign;
    let anonymised = if req.action == PdfAction::Download
        && ANONYMISED_FOR.contains(&def.id.as_str())
    {
        match wasm_bindgen_futures::JsFuture::from(ask_version(&host))
            .await
            .ok()
            .and_then(|v| v.as_string())
        {
            Some(v) => v == "anonymised",
            None => {
                return (
                    PdfReply::failed("Er is geen PDF gedownload: u heeft het venster gesloten."),
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
                    PdfReply::failed(
                        "Niet ondertekend: u heeft het venster met uw gegevens gesloten.",
                    ),
                    None,
                );
            }
            Err(message) => return (PdfReply::failed(message), None),
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
        letterhead: llk_pdf::letterhead(&catalog, &req.region),
    };
    let Ok(rendered) = llk_pdf::render(def, &req.answers, &opts) else {
        return (PdfReply::failed(RENDER_FAILED), None);
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
            Err(message) => return (PdfReply::failed(message), None),
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
    let mut message = match (req.action, &who) {
        (PdfAction::Print, _) if !open_for_print(&blob) => {
            return (
                PdfReply::failed(
                    "Uw browser hield het nieuwe tabblad met de PDF tegen. Kies ‘PDF downloaden’ en druk het bestand daarna af.",
                ),
                None,
            );
        }
        (PdfAction::Print, _) => {
            "De PDF is in een nieuw tabblad geopend; druk hem daar af.".to_string()
        }
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
    let response = PdfReply {
        ok: true,
        message,
        pages: rendered.pages,
        replaced: rendered.replaced.iter().map(char::to_string).collect(),
        millis,
        ..PdfReply::default()
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
    /// The verdict against the host's trust anchors (`setTrustAnchors`), in words:
    /// `vertrouwd`, `niet vertrouwd`, `verlopen of nog niet geldig`, `gebroken`, or
    /// `onbekend` without anchors.
    verdict: &'static str,
    /// The verdict's Dutch sentence.
    trust: String,
    /// The chain to the anchor (trusted, or found expired), the signer first: each
    /// certificate's subject as "name, organisation".
    chain: Vec<String>,
}

/// Every signature of `bytes` judged against the host's trust anchors
/// ([`anchors::current`], `setTrustAnchors`), WebCrypto completing the checks; and whether
/// there were anchors. Without them every signature can still be intact, and the verdict
/// says who signed cannot be told.
pub(crate) async fn judged(bytes: &[u8]) -> (Vec<llk_pdf::sign::trust::TrustReport>, bool) {
    let anchors = anchors::current();
    let mut reports = Vec::new();
    for pending in llk_pdf::sign::trust::verify_with_anchors_deferred(bytes, &anchors) {
        let mut results = Vec::new();
        for check in pending.checks() {
            results.push(keys::webcrypto_check(check).await);
        }
        reports.push(pending.conclude(&results));
    }
    (reports, !anchors.is_empty())
}

/// Every signature of `bytes`, checked by WebCrypto and judged against [`anchors::current`].
pub(crate) async fn reports(bytes: &[u8]) -> Vec<Report> {
    let (checked, _) = judged(bytes).await;
    checked
        .into_iter()
        .map(|t| {
            let r = t.report;
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
                verdict: t.verdict.word(),
                trust: t.message,
                chain: t
                    .chain
                    .into_iter()
                    .map(|s| match s.organisation {
                        Some(o) => format!("{}, {o}", s.name),
                        None => s.name,
                    })
                    .collect(),
            }
        })
        .collect()
}
