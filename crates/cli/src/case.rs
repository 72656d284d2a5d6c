//! `llk case`: a person's dossier as a JSON file. Reads it, lets llk-core decide (filing,
//! phase, deadlines, prefill) and writes it back atomically; a refusal leaves the file as it
//! was. Problems with the user's files are Dutch `CaseError`s and exit 1.

use anyhow::Result;
use clap::Subcommand;
use llk_core::case::{
    self, Case, CaseDeadline, CaseError, TimelineKind, deadlines::WARN_DAYS, exit_readiness_in,
    timeline,
};
use llk_core::{Catalog, Submission};
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Files larger than this are refused before they are read: a real case is a few MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Write a new, empty case file.
    New {
        /// The region whose definitions the case's forms are made with.
        #[arg(long)]
        region: String,
        /// The case's id (default: dossier-<today>).
        #[arg(long)]
        id: Option<String>,
        /// The day the case is opened instead of today (YYYY-MM-DD).
        #[arg(long)]
        today: Option<String>,
        #[arg(short, long)]
        out: PathBuf,
        /// Overwrite OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// File a submission (the envelope `llk validate` reads; a file or - for stdin) into the
    /// case. Exit 1, the case file unchanged, if it is refused. Files over 64 MiB are refused.
    Add {
        case: PathBuf,
        submission: PathBuf,
        /// Check dates against this day instead of today (YYYY-MM-DD).
        #[arg(long)]
        today: Option<String>,
    },
    /// Record an event (the `gebeurtenis` form). Exit 1, the case file unchanged, if it is
    /// refused.
    Event {
        case: PathBuf,
        /// incident, crisis, opname, detentie, risicotaxatie, toestemming or verhuizing.
        #[arg(long)]
        kind: String,
        /// The day it happened (the first day of an opname or detentie), YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The last day of an opname or detentie.
        #[arg(long)]
        until: Option<String>,
        /// An incident or crisis that touches the gevaarscriterium.
        #[arg(long, conflicts_with = "geen_gevaar")]
        gevaar: bool,
        /// An incident or crisis that does not touch it (one of the two is required for
        /// those kinds, unless --answers says).
        #[arg(long)]
        geen_gevaar: bool,
        /// The description (omschrijving).
        #[arg(long)]
        text: Option<String>,
        /// A JSON file with the event's answers (taxatie, toestemming, verhuizing, …); the
        /// flags are set over it.
        #[arg(long)]
        answers: Option<PathBuf>,
        #[arg(long)]
        today: Option<String>,
    },
    /// Where the case stands: the person, the phase, the deadlines, the exclusion criteria
    /// and the next form. A case file (or - for stdin) of at most 64 MiB.
    Status {
        case: PathBuf,
        #[arg(long)]
        today: Option<String>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Print FORM's answers as far as the case knows them, as a submission to complete and
    /// file with `llk case add`.
    Prefill {
        case: PathBuf,
        #[arg(long)]
        form: String,
        #[arg(long)]
        today: Option<String>,
    },
    /// The overdracht package of CASE: one PDF with the overdracht, the current plan and the
    /// case's course, the case embedded as casus.json, signed by the sending
    /// procesregisseur (`package.rs`). Refused without an overdracht document.
    Export(crate::package::ExportArgs),
    /// Reads an overdracht package into a case file: every signature checked first, the
    /// last covering the whole file; nothing is written when any check fails. With
    /// --sign-key, --sign-cert and --accepted, the package countersigned on acceptance.
    Import(crate::package::ImportArgs),
    /// The kengetallen of CASES for the national picture over --from..=--to: counts only,
    /// those under the region's threshold suppressed (`kengetallen.rs`).
    Kengetallen(crate::kengetallen::Args),
}

pub(crate) fn refusal(message: impl Into<String>) -> CaseError {
    CaseError {
        message: message.into(),
        diagnostics: Vec::new(),
    }
}

/// Runs a case command. A `CaseError` is printed here, in Dutch, with exit 1; anything
/// else goes up to `main` (exit 2).
pub fn run(catalog: &Catalog, command: CaseCommand) -> Result<ExitCode> {
    match dispatch(catalog, command) {
        Err(e) => match e.downcast::<CaseError>() {
            Ok(refused) => {
                eprintln!("{refused}");
                Ok(ExitCode::from(1))
            }
            Err(other) => Err(other),
        },
        ok => ok,
    }
}

fn dispatch(catalog: &Catalog, command: CaseCommand) -> Result<ExitCode> {
    match command {
        CaseCommand::Kengetallen(args) => return crate::kengetallen::run(catalog, args),
        CaseCommand::Export(args) => crate::package::export(catalog, &args)?,
        CaseCommand::Import(args) => crate::package::import(catalog, &args)?,
        CaseCommand::New {
            region,
            id,
            today,
            out,
            force,
        } => {
            let today = crate::today(today.as_deref())?;
            if catalog.region(&region).is_none() {
                let known: Vec<_> = catalog.regions().map(|r| r.id.as_str()).collect();
                return Err(refusal(format!(
                    "De regio ‘{region}’ kent deze kit niet (bekend: {}).",
                    known.join(", ")
                ))
                .into());
            }
            let id = id.unwrap_or_else(|| format!("dossier-{today}"));
            if id.trim().is_empty() {
                return Err(refusal("Geef het dossier een id (--id).").into());
            }
            if !force && out.exists() {
                return Err(refusal(format!(
                    "{} bestaat al. Geef --force om het te overschrijven.",
                    out.display()
                ))
                .into());
            }
            write_case(&out, &Case::new(&id, &region, today))?;
            println!(
                "Dossier {id} (regio {region}) geschreven naar {}.",
                out.display()
            );
        }
        CaseCommand::Add {
            case: path,
            submission,
            today,
        } => {
            let today = crate::today(today.as_deref())?;
            let mut case = load_to_change(&path, catalog)?;
            let value = read_json(&submission, "Het formulier")?;
            let sub = Submission::from_json(value, None).map_err(|e| {
                refusal(format!(
                    "{} is geen ingevuld formulier zoals `llk validate` het leest, \
                     met form, version, region en answers ({e}).",
                    submission.display()
                ))
            })?;
            let (seq, warnings) = case.add_submission(catalog, sub, None, today)?;
            write_case(&path, &case)?;
            println!("Toegevoegd als document {seq}.");
            print_warnings(&warnings);
        }
        CaseCommand::Event {
            case: path,
            kind,
            date,
            until,
            gevaar,
            geen_gevaar,
            text,
            answers,
            today,
        } => {
            let today = crate::today(today.as_deref())?;
            let mut case = load_to_change(&path, catalog)?;
            let mut a = match &answers {
                Some(file) => event_answers(read_json(file, "De gebeurtenis")?, file)?,
                None => Map::new(),
            };
            a.insert("soort".into(), json!(kind));
            a.insert("datum".into(), json!(date));
            if let Some(until) = until {
                a.insert("tot".into(), json!(until));
            }
            if gevaar || geen_gevaar {
                a.insert("gevaar".into(), json!(gevaar));
            }
            if let Some(text) = text {
                a.insert("omschrijving".into(), json!(text));
            }
            let (seq, warnings) = case.add_event(catalog, Value::Object(a), today)?;
            write_case(&path, &case)?;
            println!("Vastgelegd als gebeurtenis {seq}.");
            print_warnings(&warnings);
        }
        CaseCommand::Status {
            case: path,
            today,
            json,
        } => {
            let today = crate::today(today.as_deref())?;
            let case = load_case(&path, catalog)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&status_json(&case, catalog, today))?
                );
            } else {
                print_status(&case, catalog, today);
            }
        }
        CaseCommand::Prefill {
            case: path,
            form,
            today,
        } => {
            let today = crate::today(today.as_deref())?;
            let case = load_case(&path, catalog)?;
            let Some(def) = catalog.form(&form, &case.region) else {
                let known: Vec<_> = catalog.forms().map(|f| f.form.id.as_str()).collect();
                return Err(refusal(format!(
                    "Het formulier ‘{form}’ kent deze kit niet (bekend: {}).",
                    known.join(", ")
                ))
                .into());
            };
            let sub = Submission {
                form: def.id.clone(),
                version: def.version,
                region: case.region.clone(),
                answers: case::prefill(&case, catalog, &form, today),
                unmapped: Map::new(),
            };
            println!("{}", serde_json::to_string_pretty(&sub)?);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A file (or - for stdin) of at most [`MAX_FILE_BYTES`]; a larger file is refused before
/// it is read.
fn read_bounded(path: &Path, what: &str) -> Result<Vec<u8>, CaseError> {
    crate::input::read_bounded(path, MAX_FILE_BYTES, what).map_err(refusal)
}

fn read_json(path: &Path, what: &str) -> Result<Value, CaseError> {
    let bytes = read_bounded(path, what)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        refusal(format!(
            "{what} {} is geen geldige JSON ({e}).",
            path.display()
        ))
    })
}

/// The case file `add` and `event` write back: a file, not stdin.
fn load_to_change(path: &Path, catalog: &Catalog) -> Result<Case, CaseError> {
    if path == Path::new("-") {
        return Err(refusal(
            "Een dossier op de standaardinvoer kan niet worden bijgewerkt: geef een bestand.",
        ));
    }
    load_case(path, catalog)
}

pub(crate) fn load_case(path: &Path, catalog: &Catalog) -> Result<Case, CaseError> {
    let bytes = read_bounded(path, "Het dossier")?;
    let not_json = |e: &dyn std::fmt::Display| {
        refusal(format!(
            "Het dossier {} is beschadigd en kan niet worden gelezen: het is geen geldige JSON ({e}).",
            path.display()
        ))
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| not_json(&e))?;
    let (case, notes) = Case::from_json_text(text, catalog).map_err(|refused| {
        // Said as JSON damage with the file's name when it is that, as the case's own
        // refusal otherwise (the text is read again only on this path).
        match serde_json::from_str::<Value>(text) {
            Err(e) => not_json(&e),
            Ok(_) => refused,
        }
    })?;
    for note in notes {
        eprintln!("Bijgewerkt naar de huidige formulieren: {note}");
    }
    Ok(case)
}

/// The answers of `--answers`: an answers object, or a `gebeurtenis` submission envelope.
fn event_answers(v: Value, file: &Path) -> Result<Map<String, Value>, CaseError> {
    let v = match v.get("answers") {
        Some(_) if v.get("form").is_some() => {
            if v["form"] != json!(case::EVENT_FORM) {
                return Err(refusal(format!(
                    "{} is een formulier ‘{}’, geen gebeurtenis.",
                    file.display(),
                    v["form"].as_str().unwrap_or("?")
                )));
            }
            v["answers"].clone()
        }
        _ => v,
    };
    match v {
        Value::Object(map) => Ok(map),
        _ => Err(refusal(format!(
            "{} bevat geen antwoorden: verwacht een JSON-object.",
            file.display()
        ))),
    }
}

/// Writes the case to `path` atomically ([`write_atomic`]).
fn write_case(path: &Path, case: &Case) -> Result<(), CaseError> {
    let text = serde_json::to_string_pretty(&case.to_json())
        .map_err(|e| refusal(format!("Het dossier kan niet worden geschreven ({e}).")))?
        + "\n";
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(refusal(format!(
            "Het dossier zou groter worden dan {} MiB en is niet opgeslagen.",
            MAX_FILE_BYTES >> 20
        )));
    }
    write_atomic(path, text.as_bytes(), "Het dossier")
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a
/// reader sees the old file or the new one, never half of one. `what` names the file in
/// the message ("Het dossier").
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], what: &str) -> Result<(), CaseError> {
    let cannot = |e: std::io::Error| {
        refusal(format!(
            "{what} {} kan niet worden geschreven: {}.",
            path.display(),
            crate::input::reason(&e)
        ))
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_else(|| "dossier".as_ref()));
    name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(name);
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(cannot(e));
    }
    Ok(())
}

fn print_warnings(warnings: &[llk_core::Diagnostic]) {
    for w in warnings {
        println!("{}: waarschuwing: {}", w.path, w.message);
    }
}

fn print_status(case: &Case, catalog: &Catalog, today: llk_core::Date) {
    let summary = case::summary_in(case, catalog, today);
    let phase = &summary.phase;
    println!("{}", summary.display_name());
    println!("Dossier {} (regio {})", case.id, case.region);
    println!("Fase: {}", phase.label());
    if phase.description() != phase.label() {
        println!("  {}", phase.description());
    }
    let deadlines = case::case_deadlines(case, today, WARN_DAYS);
    if deadlines.is_empty() {
        println!("Termijnen: geen");
    } else {
        println!("Termijnen:");
    }
    for d in &deadlines {
        println!(
            "  {}: {} ({})",
            d.kind.label(),
            d.due.to_dutch(),
            d.status_label()
        );
        println!("    {}", d.message());
    }
    let exit = exit_readiness_in(case, catalog, today);
    println!(
        "Uitstroom: {}",
        if exit.ready {
            "klaar voor uitstroomgesprek"
        } else {
            "nog niet klaar"
        }
    );
    for s in exit.sentences() {
        println!("  {s}");
    }
    match case::phase(case, today).next_form() {
        Some(form) => println!("Volgende stap: formulier {form}"),
        None => println!("Volgende stap: geen, het dossier is afgesloten"),
    }
}

fn status_json(case: &Case, catalog: &Catalog, today: llk_core::Date) -> Value {
    let phase = case::phase(case, today);
    let items: Vec<Value> = timeline(case, today)
        .iter()
        .map(|i| {
            json!({
                "date": i.start.to_string(),
                "end": i.end.map(|d| d.to_string()),
                "kind": match i.kind {
                    TimelineKind::Document => "document",
                    TimelineKind::Event => "event",
                    TimelineKind::Deadline => "deadline",
                    TimelineKind::Window => "window",
                },
                "label": i.label,
                "text": i.describe(),
            })
        })
        .collect();
    json!({
        "id": case.id,
        "name": case.person().name,
        "phase": {"id": phase.id(), "label": phase.label(), "description": phase.description()},
        "next_form": phase.next_form(),
        "deadlines": case::case_deadlines(case, today, WARN_DAYS)
            .iter()
            .map(CaseDeadline::to_json)
            .collect::<Vec<_>>(),
        "exit": exit_readiness_in(case, catalog, today).to_json(),
        "timeline": items,
    })
}
