//! The overdracht package in the browser (issue 13, parts 2 and 3): "Overdrachtspakket
//! maken" draws the parts the UI module computed from the case
//! ([`llk_core::case::package_parts::PackageParts`]) with `render_package_parts`, signs
//! it with this browser's signing key and downloads it; "Overdracht ontvangen" checks every
//! signature of a package (WebCrypto completing the checks) and reads its `casus.json`.
//! Neither links the case model: the UI module, which has it, reads and receives the case.

use super::{catalog, download, keys, now, pdf_blob};
use crate::messages::{PdfJob, PdfReply};
use llk_core::case::package_parts::PackageSignature;
use llk_pdf::sign::SignOptions;
use llk_pdf::sign::trust::TrustReport;
use llk_pdf::{PdfError, RenderOptions};
use wasm_bindgen::JsValue;

const PACKAGE_FAILED: &str = "Het overdrachtspakket kon niet worden gemaakt. Probeer het opnieuw; lukt het niet, neem dan contact op met de beheerder van deze pagina.";
const READ_FAILED: &str = "Het overdrachtspakket kon niet worden gelezen. Er is niets ingelezen.";
const ACCEPT_FAILED: &str =
    "Het overdrachtspakket kon niet worden medeondertekend. Er is niets gewijzigd.";

/// Makes, signs and downloads the package of `job.package`; `host` is the case element
/// (the first signature asks for the signer's details in a dialog in its shadow root).
pub(crate) async fn make(job: PdfJob, host: JsValue) -> (PdfReply, Option<JsValue>) {
    let (Some(parts), Some(catalog)) = (job.package, catalog()) else {
        return (PdfReply::failed(PACKAGE_FAILED), None);
    };
    let created = now();
    let signer = match keys::signer(&host, created).await {
        Ok(Some(s)) => s,
        Ok(None) => {
            return (
                PdfReply::failed(
                    "Er is geen overdrachtspakket gemaakt: u heeft het venster met uw gegevens gesloten.",
                ),
                None,
            );
        }
        Err(message) => return (PdfReply::failed(message), None),
    };
    let opts = RenderOptions {
        created,
        anonymised: false,
        region_name: catalog
            .region(&parts.region)
            .map_or_else(|| parts.region.clone(), |r| r.name.clone()),
        zvh: llk_pdf::zvh_of(&catalog, &parts.region, &parts.overdracht),
        letterhead: llk_pdf::letterhead(&catalog, &parts.region),
    };
    let Some(today) = created.date() else {
        return (PdfReply::failed(PACKAGE_FAILED), None);
    };
    let rendered = match llk_pdf::render_package_parts(&catalog, &parts, today, &opts) {
        Ok(r) => r,
        Err(PdfError::Refused(message)) => return (PdfReply::failed(message), None),
        Err(_) => return (PdfReply::failed(PACKAGE_FAILED), None),
    };
    let so = SignOptions {
        time: created,
        reason: Some("Overdracht: verzonden".into()),
        strokes: llk_pdf::sign::drawn_signature(&parts.overdracht, &signer.subject.name),
    };
    let pdf = match keys::sign(&rendered, &signer, &so).await {
        Ok(signed) => signed,
        Err(message) => return (PdfReply::failed(message), None),
    };
    let blob = pdf_blob(&pdf);
    let who = parts.text("persoon.naam").unwrap_or(&parts.case_id);
    let name = format!("overdracht-{}.pdf", file_part(who));
    if job.deliver {
        download(&blob, &name);
    }
    let reply = PdfReply {
        ok: true,
        message: format!(
            "Het overdrachtspakket ({name}) is gemaakt, ondertekend door {} en gedownload. Stuur het naar het ontvangende Zorg- en Veiligheidshuis; het leest het in met ‘Overdracht ontvangen’.",
            super::describe(&signer.subject)
        ),
        pages: rendered.pages,
        ..PdfReply::default()
    };
    (reply, Some(blob))
}

/// "Ontvangst bevestigen": the received package `pdf` countersigned by this browser's key
/// (the first time the signer dialog opens in `host`'s shadow root) as an incremental
/// update, downloaded as `job.file_name`, so the receiving ZVH can send it back: the file
/// itself records the warm handover. Every signature must still hold.
pub(crate) async fn accept(job: PdfJob, host: JsValue, pdf: &[u8]) -> (PdfReply, Option<JsValue>) {
    let (reports, judged) = super::judged(pdf).await;
    if let Err(e) = llk_pdf::check_signatures(&reports, judged) {
        let why = match e {
            PdfError::Refused(message) => message,
            _ => READ_FAILED.into(),
        };
        return (
            PdfReply::failed(format!("Niet medeondertekend. {why}")),
            None,
        );
    }
    let opts = SignOptions {
        time: now(),
        reason: Some("Overdracht: ontvangen".into()),
        strokes: Vec::new(),
    };
    let (signed, subject) = match keys::countersign(pdf, &host, &opts, ACCEPT_FAILED).await {
        Ok(done) => done,
        Err(message) => return (PdfReply::failed(message), None),
    };
    let blob = pdf_blob(&signed);
    let name = job
        .file_name
        .unwrap_or_else(|| "overdracht-ontvangen.pdf".into());
    if job.deliver {
        download(&blob, &name);
    }
    let reply = PdfReply {
        ok: true,
        message: format!(
            "Ontvangst bevestigd: het pakket is medeondertekend door {} en gedownload als {name}. Stuur het terug naar het verzendende Zorg- en Veiligheidshuis.",
            super::describe(&subject)
        ),
        ..PdfReply::default()
    };
    (reply, Some(blob))
}

/// A name as part of a file name: letters and digits, the rest one hyphen. Only ASCII is
/// lowered and judged: Unicode's case and letter tables would cost the PDF module ~10 KB
/// for a file name; a letter beyond ASCII (ë, Ç) stays as typed.
fn file_part(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "dossier".into()
    } else {
        out.into()
    }
}

/// Checks every signature of the package `pdf` and, when they hold, reads its
/// `casus.json`; the reply lists the signatures either way, and a refusal says why in
/// Dutch. The case itself is read and received by the UI module.
pub(crate) async fn receive(pdf: &[u8]) -> PdfReply {
    let (reports, judged) = super::judged(pdf).await;
    let signatures = reports.iter().map(signed_by).collect();
    let decided =
        llk_pdf::check_signatures(&reports, judged).and_then(|()| llk_pdf::case_text(pdf));
    match decided {
        Ok(text) => PdfReply {
            ok: true,
            message: "De handtekeningen van het overdrachtspakket zijn intact.".into(),
            signatures,
            case_text: Some(text),
            ..PdfReply::default()
        },
        Err(e) => PdfReply {
            message: match e {
                PdfError::Refused(message) => message,
                _ => READ_FAILED.into(),
            },
            signatures,
            ..PdfReply::default()
        },
    }
}

fn signed_by(t: &TrustReport) -> PackageSignature {
    let r = &t.report;
    PackageSignature {
        signer: if r.signer.is_empty() {
            "(onbekend)".into()
        } else {
            r.signer.clone()
        },
        role: r.role.clone(),
        organisation: r.organisation.clone(),
        signed_at: r.signed_at.map(llk_pdf::DateTime::dutch),
        intact: r.intact,
        verdict: t.verdict.word().into(),
        message: t.message.clone(),
    }
}
