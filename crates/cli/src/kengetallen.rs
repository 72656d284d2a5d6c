//! `llk case kengetallen CASES… --from DATE --to DATE [--json|--csv] [--region R]`: the
//! counts a ZVH reports for the national picture (`llk_core::case::kengetallen`), as a
//! table, JSON or CSV on standard output. Counts only: the output holds no name, BSN, date
//! of birth or free text, and counts under the region's threshold are suppressed.
//!
//! Every file is read with the bound the other case commands use (64 MiB, refused before it
//! is read). A file that cannot be read as a case is *refused*: the command names every
//! such file and exits 1 without output, because kengetallen that silently leave cases out
//! would be reported as the ZVH's figures. `--skip-unreadable` leaves them out instead,
//! naming each on standard error and saying how many were left out.

use crate::case::MAX_FILE_BYTES;
use anyhow::Result;
use llk_core::case::kengetallen::{Kengetallen, kengetallen};
use llk_core::case::{Case, CaseError};
use llk_core::{Catalog, Date};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Case files (each at most 64 MiB; - for standard input).
    #[arg(required = true)]
    cases: Vec<PathBuf>,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long)]
    from: String,
    /// Last day of the period, included (YYYY-MM-DD); lopende dossiers are counted on it.
    #[arg(long)]
    to: String,
    /// Print one JSON object (suppressed counts are null).
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV for Dutch Excel (`;`, UTF-8 with BOM).
    #[arg(long)]
    csv: bool,
    /// The region whose threshold, ZVH and terms apply (default: the cases' region).
    #[arg(long)]
    region: Option<String>,
    /// Leave out case files that cannot be read (named on standard error) instead of
    /// refusing them all.
    #[arg(long)]
    skip_unreadable: bool,
}

fn refusal(message: impl Into<String>) -> CaseError {
    CaseError {
        message: message.into(),
        diagnostics: Vec::new(),
    }
}

fn date(s: &str, flag: &str) -> Result<Date, CaseError> {
    Date::parse_iso(s.trim()).ok_or_else(|| {
        refusal(format!(
            "{flag} ‘{s}’ is geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-31."
        ))
    })
}

/// One case file, or why it cannot be read (a Dutch sentence that names the file).
fn read_case(path: &Path, catalog: &Catalog) -> Result<Case, String> {
    let bytes = crate::input::read_bounded(path, MAX_FILE_BYTES, "Het dossier")?;
    let shown = path.display();
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        format!("Het dossier {shown} is geen tekst (UTF-8) en kan niet worden gelezen.")
    })?;
    Case::from_json_text(text, catalog)
        .map(|(case, _notes)| case)
        .map_err(|e| {
            // Said as JSON damage when it is that (read again only on this path).
            match serde_json::from_str::<serde_json::Value>(text) {
                Err(json) => format!("{shown} is geen geldige JSON ({json})."),
                Ok(_) => format!("{shown}: {}", e.message),
            }
        })
}

/// The region: the one asked for, else the one all cases share.
fn region(asked: Option<String>, cases: &[Case], catalog: &Catalog) -> Result<String, CaseError> {
    if let Some(r) = asked {
        if catalog.region(&r).is_none() {
            let known: Vec<_> = catalog.regions().map(|r| r.id.as_str()).collect();
            return Err(refusal(format!(
                "De regio ‘{r}’ kent deze kit niet (bekend: {}).",
                known.join(", ")
            )));
        }
        return Ok(r);
    }
    let mut regions: Vec<&str> = cases.iter().map(|c| c.region.as_str()).collect();
    regions.sort_unstable();
    regions.dedup();
    match regions.as_slice() {
        [one] => Ok((*one).to_string()),
        [] => Err(refusal("Er is geen dossier om te tellen.")),
        many => Err(refusal(format!(
            "De dossiers horen bij verschillende regio’s ({}): geef met --region aan voor welke regio de kengetallen zijn.",
            many.join(", ")
        ))),
    }
}

pub fn run(catalog: &Catalog, args: Args) -> Result<ExitCode> {
    let from = date(&args.from, "--from")?;
    let to = date(&args.to, "--to")?;
    let mut cases = Vec::with_capacity(args.cases.len());
    let mut bad = Vec::new();
    for path in &args.cases {
        match read_case(path, catalog) {
            Ok(case) => cases.push(case),
            Err(why) => bad.push(why),
        }
    }
    if !bad.is_empty() {
        if !args.skip_unreadable {
            let mut message = format!(
                "{} van de {} dossiers kunnen niet worden gelezen; er zijn geen kengetallen gemaakt (geef --skip-unreadable om ze over te slaan):",
                bad.len(),
                args.cases.len()
            );
            for why in &bad {
                message.push_str("\n  ");
                message.push_str(why);
            }
            return Err(refusal(message).into());
        }
        for why in &bad {
            eprintln!("Overgeslagen: {why}");
        }
        eprintln!(
            "{} van de {} dossiers overgeslagen; de kengetallen tellen de andere {}.",
            bad.len(),
            args.cases.len(),
            cases.len()
        );
    }
    let region = region(args.region, &cases, catalog)?;
    let k = kengetallen(&cases, catalog, &region, from, to).map_err(refusal)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&k.to_json())?);
    } else if args.csv {
        use std::io::Write;
        std::io::stdout().write_all(k.to_csv().as_bytes())?;
    } else {
        print_table(&k, cases.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(k: &Kengetallen, read: usize) {
    println!("Kengetallen {}, {}", k.region_name, k.period());
    println!(
        "{read} dossiers gelezen. Aantallen onder de {} staan als ‘< {}’; ‘×’ is verborgen zodat zo’n aantal niet is terug te rekenen.",
        k.threshold, k.threshold
    );
    let width = k
        .sections
        .iter()
        .flat_map(|s| s.total.iter().chain(&s.rows).chain(&s.measures))
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    for s in &k.sections {
        println!();
        println!("{}", s.title);
        for r in s.total.iter().chain(&s.rows).chain(&s.measures) {
            let pad = width.saturating_sub(r.label.chars().count());
            println!(
                "  {}{}  {:>6}",
                r.label,
                " ".repeat(pad),
                r.cell.shown(k.threshold)
            );
        }
    }
}
