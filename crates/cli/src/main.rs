//! `llk`: the command line of levensloopkit. Thin: every decision is in `llk-core`.

mod case;
mod input;
mod kengetallen;
mod package;
mod pdf;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use llk_core::def::NATIONAL;
use llk_core::{Catalog, Date, Diagnostic, Submission, has_errors};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "llk",
    version,
    about = "levensloopkit: forms for the Levensloopaanpak"
)]
struct Cli {
    /// Where the definitions are (default: ./forms, or $LLK_FORMS).
    #[arg(long, global = true, env = "LLK_FORMS")]
    forms: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every definition and regional overlay; exit 0 only if all are sound.
    Check { dir: Option<PathBuf> },
    /// Validate a submission (a file or - for stdin); exit 1 on any error.
    Validate {
        #[arg(long)]
        form: Option<String>,
        #[arg(long)]
        region: Option<String>,
        /// Print diagnostics as JSON.
        #[arg(long)]
        json: bool,
        /// Check dates against this day instead of today (YYYY-MM-DD).
        #[arg(long)]
        today: Option<String>,
        file: String,
    },
    /// Print a complete, valid, realistic submission.
    Example {
        #[arg(long)]
        form: String,
        #[arg(long, default_value = NATIONAL)]
        region: String,
    },
    /// List form ids, titles and versions.
    Forms,
    /// Write the definitions as the JSON the browser kit loads (`pkg/forms.json`): every
    /// form and region of DIR (default: the forms directory), checked, without examples.
    Bundle {
        dir: Option<PathBuf>,
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Lay out a submission as a PDF, optionally signed (PAdES-B-B).
    Pdf {
        #[arg(long)]
        form: Option<String>,
        #[arg(long)]
        region: Option<String>,
        /// The anonymised rendering (initials, birth year, gemeente; no contact data).
        #[arg(long)]
        anonymised: bool,
        /// The submission (a file or - for stdin).
        file: String,
        #[arg(short, long)]
        out: PathBuf,
        #[command(flatten)]
        key: SignKey,
    },
    /// A person's dossier as a JSON file: new, add, event, status, prefill. Case files over
    /// 64 MiB are refused before they are read.
    Case {
        #[command(subcommand)]
        command: case::CaseCommand,
    },
    /// Add a signature to a PDF by incremental update (earlier signatures stay valid).
    SignPdf {
        file: String,
        #[arg(short, long)]
        out: PathBuf,
        #[command(flatten)]
        key: SignKey,
    },
    /// List a PDF's signatures: who, when, intact or not, and with --trust whether trusted.
    /// Exit 1 if any is broken or none.
    VerifyPdf {
        file: String,
        /// A PEM file of trusted certificates (a CA, or a signer's own); repeatable.
        #[arg(long)]
        trust: Vec<PathBuf>,
    },
    /// Make a P-256 key (key.pem, PKCS#8) and a self-signed certificate (cert.pem) in DIR.
    PdfKeygen {
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        org: Option<String>,
        #[arg(long, default_value_t = 365)]
        days: u32,
        #[arg(short, long)]
        out: PathBuf,
    },
}

#[derive(clap::Args)]
struct SignKey {
    /// PKCS#8 PEM private key: P-256, or RSA of 2048 to 4096 bits.
    #[arg(long, requires = "sign_cert")]
    sign_key: Option<PathBuf>,
    /// PEM certificate of that key, optionally followed by its intermediates.
    #[arg(long, requires = "sign_key")]
    sign_cert: Option<PathBuf>,
    /// A PKCS#12 file (.p12, .pfx) with the key and its certificates, instead of
    /// --sign-key/--sign-cert; its password in the environment variable LLK_SIGN_PASSWORD.
    #[arg(long, conflicts_with_all = ["sign_key", "sign_cert"])]
    sign_p12: Option<PathBuf>,
    /// Why it is signed (the signature's /Reason).
    #[arg(long)]
    reason: Option<String>,
}

impl SignKey {
    fn signer(&self) -> Result<Option<Box<dyn llk_pdf::sign::Signer>>> {
        if let Some(p12) = &self.sign_p12 {
            return Ok(Some(pdf::signer_p12(p12)?));
        }
        match (&self.sign_key, &self.sign_cert) {
            (Some(k), Some(c)) => Ok(Some(pdf::signer(k, c)?)),
            _ => Ok(None),
        }
    }
}

/// `llk case status … | head`: when the reader stops reading, stop as Unix tools do (exit
/// status 141, as for SIGPIPE) instead of `println!`'s panic on the broken pipe.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("llk: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn forms_dir(cli_forms: Option<PathBuf>) -> PathBuf {
    cli_forms.unwrap_or_else(|| PathBuf::from("forms"))
}

fn load(dir: &Path) -> Result<Catalog> {
    Catalog::load_dir(dir).map_err(|errors| {
        for e in &errors {
            eprintln!("{e}");
        }
        anyhow::anyhow!(
            "{} problem(s) in the definitions in {}",
            errors.len(),
            dir.display()
        )
    })
}

/// Today in the Netherlands. The core never reads the clock; the CLI does, once.
fn today(given: Option<&str>) -> Result<Date> {
    if let Some(s) = given {
        return Date::parse_iso(s)
            .with_context(|| format!("--today '{s}' is not a YYYY-MM-DD date"));
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    // Central European Time is UTC+1 (+2 in summer); one hour keeps the date right for all
    // but an hour a night in summer, which for "not in the future" checks is harmless.
    let days = i64::try_from((secs + 3600) / 86_400)?;
    Date::from_days(days).context("the system clock is out of range")
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check { dir } => {
            let dir = dir.unwrap_or_else(|| forms_dir(cli.forms));
            let catalog = load(&dir)?;
            let forms = catalog.forms().count();
            let regions = catalog.regions().count();
            println!(
                "{}: {forms} forms × {regions} regions, all sound",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Bundle { dir, out } => {
            let catalog = load(&dir.unwrap_or_else(|| forms_dir(cli.forms)))?;
            let json = serde_json::to_string(&catalog.browser_bundle())?;
            std::fs::write(&out, json)
                .with_context(|| format!("cannot write {}", out.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Forms => {
            let catalog = load(&forms_dir(cli.forms))?;
            for f in catalog.forms() {
                println!("{:<20} v{:<3} {}", f.form.id, f.form.version, f.form.title);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Example { form, region } => {
            let catalog = load(&forms_dir(cli.forms))?;
            let def = find(&catalog, &form, &region)?;
            let sub = Submission {
                form: def.id.clone(),
                version: def.version,
                region: region.clone(),
                answers: llk_core::example::example_answers(def, today(None)?),
                unmapped: Default::default(),
            };
            println!("{}", serde_json::to_string_pretty(&sub)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Pdf {
            form,
            region,
            anonymised,
            file,
            out,
            key,
        } => {
            let catalog = load(&forms_dir(cli.forms))?;
            let args = pdf::PdfArgs {
                form: form.as_deref(),
                region: region.as_deref(),
                anonymised,
                file: &file,
                out: &out,
                signer: key.signer()?,
                reason: key.reason,
            };
            pdf::pdf(&catalog, args)
        }
        Command::Case { command } => case::run(&load(&forms_dir(cli.forms))?, command),
        Command::SignPdf { file, out, key } => match key.signer()? {
            Some(s) => pdf::sign(&file, &out, s.as_ref(), key.reason),
            None => bail!("sign-pdf needs --sign-key and --sign-cert, or --sign-p12"),
        },
        Command::VerifyPdf { file, trust } => pdf::verify(&file, &trust),
        Command::PdfKeygen {
            name,
            role,
            org,
            days,
            out,
        } => {
            let subject = llk_pdf::sign::Subject {
                name,
                role,
                organisation: org,
            };
            pdf::keygen(&subject, days, &out)
        }
        Command::Validate {
            form,
            region,
            json,
            today: day,
            file,
        } => {
            let catalog = load(&forms_dir(cli.forms))?;
            let bytes = input::read_bounded(
                std::path::Path::new(&file),
                input::MAX_SUBMISSION_BYTES,
                "De inzending",
            )
            .map_err(anyhow::Error::msg)?;
            let value: serde_json::Value = serde_json::from_slice(&bytes)
                .with_context(|| format!("{file} is not valid JSON"))?;
            let region_given = region.clone();
            let fallback_region = region.unwrap_or_else(|| NATIONAL.to_string());
            let fallback = match &form {
                Some(f) => Some((
                    f.as_str(),
                    find(&catalog, f, &fallback_region)?.version,
                    fallback_region.as_str(),
                )),
                None => None,
            };
            let mut sub = Submission::from_json(value, fallback).map_err(anyhow::Error::msg)?;
            if let Some(f) = &form
                && *f != sub.form
            {
                bail!("{file} is a '{}' submission, not '{f}'", sub.form);
            }
            if let Some(r) = region_given {
                sub.region = r;
            }
            let (_, diagnostics) =
                llk_core::check_submission(&catalog, sub, today(day.as_deref())?)
                    .map_err(anyhow::Error::msg)?;
            print_diagnostics(&diagnostics, json)?;
            Ok(if has_errors(&diagnostics) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn find<'a>(catalog: &'a Catalog, form: &str, region: &str) -> Result<&'a llk_core::def::FormDef> {
    if catalog.region(region).is_none() {
        let known: Vec<_> = catalog.regions().map(|r| r.id.as_str()).collect();
        bail!("unknown region '{region}' (known: {})", known.join(", "));
    }
    catalog.form(form, region).with_context(|| {
        let known: Vec<_> = catalog.forms().map(|f| f.form.id.as_str()).collect();
        format!("unknown form '{form}' (known: {})", known.join(", "))
    })
}

fn print_diagnostics(diagnostics: &[Diagnostic], json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(diagnostics)?);
    } else {
        for d in diagnostics {
            println!("{d}");
        }
    }
    Ok(())
}
