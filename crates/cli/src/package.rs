//! `llk case export` and `llk case import`: the overdracht package (docs/pdf.md, "The
//! overdracht package") between the sending and the receiving ZVH. Export renders and signs
//! it; import checks every signature before it reads the embedded case, and writes nothing
//! unless everything holds.

use crate::case::{load_case, refusal, write_atomic};
use anyhow::Result;
use llk_core::Catalog;
use llk_core::case::{Case, CaseError};
use llk_pdf::sign::trust::{TrustReport, Verdict};
use llk_pdf::sign::{SignOptions, limits};
use llk_pdf::{CASE_ATTACHMENT, PdfError, RenderOptions};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The case file (at most 64 MiB).
    case: PathBuf,
    #[arg(short, long)]
    out: PathBuf,
    /// The sending procesregisseur's PKCS#8 PEM private key.
    #[arg(long)]
    sign_key: PathBuf,
    /// The certificate of that key (PEM).
    #[arg(long)]
    sign_cert: PathBuf,
    /// Judge the case's phase and deadlines on this day instead of today (YYYY-MM-DD); the
    /// package is made and signed now, by the clock.
    #[arg(long)]
    today: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The overdracht package (a PDF of at most 50 MB).
    package: PathBuf,
    /// The case file to write (not overwritten unless --force).
    #[arg(short, long)]
    out: PathBuf,
    /// A CA certificate (PEM) trusted for the signatures; may be given more than once.
    #[arg(long)]
    trust: Vec<PathBuf>,
    /// The receiving procesregisseur's key, to countersign the package on acceptance.
    #[arg(long, requires_all = ["sign_cert", "accepted"])]
    sign_key: Option<PathBuf>,
    #[arg(long, requires = "sign_key")]
    sign_cert: Option<PathBuf>,
    /// Where the countersigned package goes.
    #[arg(long, requires = "sign_key")]
    accepted: Option<PathBuf>,
    /// The day the case is taken in instead of today (YYYY-MM-DD); a countersignature is
    /// made now, by the clock.
    #[arg(long)]
    today: Option<String>,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    force: bool,
}

/// A refusal from llk-pdf, in Dutch where it is one, said with `what` otherwise.
fn pdf_refusal(e: PdfError, what: &str) -> CaseError {
    match e {
        PdfError::Refused(message) => refusal(message),
        other => refusal(format!("{what} ({other}).")),
    }
}

pub fn export(catalog: &Catalog, a: &ExportArgs) -> Result<()> {
    let today = crate::today(a.today.as_deref())?;
    let case = load_case(&a.case, catalog)?;
    let Some(handover) = case.own_overdracht() else {
        let file = a.case.display();
        return Err(refusal(if case.latest("overdracht").is_some() {
            format!(
                "{file} is ontvangen met de overdracht van het verzendende Zorg- en \
                 Veiligheidshuis; die kan niet opnieuw worden overgedragen. Vul voor een nieuwe \
                 overdracht eerst het formulier ‘Overdracht’ in (`llk case prefill {file} --form \
                 overdracht`), voeg het toe met `llk case add` en maak dan het pakket."
            )
        } else {
            format!(
                "Dit dossier heeft nog geen overdracht, dus er is geen overdrachtspakket te maken. \
                 Vul eerst het formulier ‘Overdracht’ in (`llk case prefill {file} --form overdracht` \
                 geeft wat het dossier al weet), voeg het toe met `llk case add` en maak dan het pakket."
            )
        })
        .into());
    };
    let answers = handover.submission.answers.clone();
    warn_if_plan_moved_on(&case, &answers);
    let signer = crate::pdf::signer(&a.sign_key, &a.sign_cert)?;
    let created = crate::pdf::now()?;
    let region_name = catalog
        .region(&case.region)
        .map_or_else(|| case.region.clone(), |r| r.name.clone());
    let opts = RenderOptions {
        created,
        anonymised: false,
        region_name,
        zvh: llk_pdf::zvh_of(catalog, &case.region, &answers),
        letterhead: None,
    };
    let rendered = llk_pdf::render_package(catalog, &case, today, &opts)
        .map_err(|e| pdf_refusal(e, "Het overdrachtspakket kan niet worden gemaakt"))?;
    let name = llk_pdf::sign::cert::subject_of_der(signer.certificate())?.name;
    let signed = llk_pdf::sign::sign_with(
        &rendered.pdf,
        signer.as_ref(),
        &SignOptions {
            time: created,
            reason: Some("Overdracht: verzonden".into()),
            strokes: llk_pdf::sign::drawn_signature(&answers, &name),
        },
    )?;
    write_atomic(&a.out, &signed, "Het overdrachtspakket")?;
    println!(
        "Overdrachtspakket van dossier {} geschreven naar {}: {} pagina's, met {CASE_ATTACHMENT}, ondertekend door {name}.",
        case.id,
        a.out.display(),
        rendered.pages
    );
    Ok(())
}

/// The overdracht names the plan version it hands over; the package carries the case's
/// current one. When they differ (the plan was revised after the overdracht was filled in),
/// say so: the receiving ZVH will read both.
fn warn_if_plan_moved_on(case: &Case, answers: &serde_json::Value) {
    let Some(latest) = llk_core::case::history::plan_history(case)
        .latest()
        .map(|v| v.number)
    else {
        return;
    };
    let named = answers
        .pointer("/plan/versie")
        .and_then(serde_json::Value::as_u64);
    if let Some(named) = named
        && named != u64::from(latest)
    {
        eprintln!(
            "Let op: de overdracht noemt versie {named} van het levensloopplan; het dossier is \
             bij versie {latest}, en die gaat in het pakket mee. Werk de overdracht bij als \
             dat niet de bedoeling is."
        );
    }
}

pub fn import(catalog: &Catalog, a: &ImportArgs) -> Result<()> {
    let today = crate::today(a.today.as_deref())?;
    if !a.force && a.out.exists() {
        return Err(refusal(format!(
            "{} bestaat al. Geef --force om het te overschrijven.",
            a.out.display()
        ))
        .into());
    }
    let limit = limits::MAX_PDF_BYTES as u64;
    let pdf =
        crate::input::read_bounded(&a.package, limit, "Het overdrachtspakket").map_err(refusal)?;
    let anchors = crate::pdf::anchors_from_pem_files(&a.trust)?;
    let reports = llk_pdf::sign::verify_with_anchors(&pdf, &anchors);
    let judged = !anchors.is_empty();
    print_signatures(&reports, judged);
    let taken = llk_pdf::take_in(&pdf, &reports, judged, catalog, today)
        .map_err(|e| pdf_refusal(e, "Het overdrachtspakket kan niet worden ingelezen"))?;
    for note in &taken.notes {
        eprintln!("Bijgewerkt naar de huidige formulieren: {note}");
    }
    let case = taken.case;
    let Some(receipt) = case.received.clone() else {
        return Err(refusal("Het dossier is niet als ontvangen vastgelegd.").into());
    };
    // Everything is decided before anything is written: the countersigned package first,
    // then the case; if the case cannot be written, the package goes too.
    let accepted = match (&a.sign_key, &a.sign_cert, &a.accepted) {
        (Some(key), Some(cert), Some(out)) => {
            let signer = crate::pdf::signer(key, cert)?;
            let signed = llk_pdf::sign::sign_with(
                &pdf,
                signer.as_ref(),
                &SignOptions {
                    time: crate::pdf::now()?,
                    reason: Some("Overdracht: ontvangen".into()),
                    strokes: Vec::new(),
                },
            )?;
            Some((out, signed))
        }
        _ => None,
    };
    if let Some((out, signed)) = &accepted {
        write_atomic(out, signed, "Het medeondertekende pakket")?;
    }
    let text = serde_json::to_string_pretty(&case.to_json())? + "\n";
    if let Err(e) = write_atomic(&a.out, text.as_bytes(), "Het dossier") {
        if let Some((out, _)) = &accepted {
            let _ = std::fs::remove_file(out);
        }
        return Err(e.into());
    }
    let phase = llk_core::case::phase(&case, today);
    println!(
        "Dossier {} ingelezen naar {} (overdracht {}, ontvangen op {}). Fase: {}.",
        case.id,
        a.out.display(),
        receipt.overdracht,
        today.to_dutch(),
        phase.description()
    );
    if let Some((out, _)) = &accepted {
        println!("Medeondertekend pakket: {}.", out.display());
    }
    Ok(())
}

/// One line per signature: who, for which organisation, when, intact or not, and trust.
fn print_signatures(reports: &[TrustReport], judged: bool) {
    for (i, t) in reports
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.report.refused)
    {
        let r = &t.report;
        let org = r
            .organisation
            .as_deref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default();
        let role = r
            .role
            .as_deref()
            .map(|o| format!(", {o}"))
            .unwrap_or_default();
        let when = r
            .signed_at
            .map(|t| format!(", ondertekend op {}", t.dutch()))
            .unwrap_or_default();
        let state = match (&r.problem, r.covers_whole_document) {
            (Some(p), _) => format!("GEBROKEN ({p})"),
            (None, true) => "intact, dekt het hele bestand".into(),
            (None, false) => "intact, daarna is het bestand nog uitgebreid".into(),
        };
        let trust = match t.verdict {
            _ if !judged => "vertrouwen: niet beoordeeld (geen --trust gegeven)".to_string(),
            Verdict::Gebroken => format!("vertrouwen: {}", t.verdict.word()),
            _ => format!("vertrouwen: {}", t.message),
        };
        println!(
            "Handtekening {}: {}{role}{org}{when}: {state}; {trust}",
            i + 1,
            r.signer
        );
    }
}
