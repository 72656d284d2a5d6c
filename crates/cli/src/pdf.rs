//! `llk pdf`, `llk sign-pdf`, `llk verify-pdf` and `llk pdf-keygen`: files and the clock
//! around llk-pdf, which has neither.

use anyhow::{Context, Result, bail};
use llk_core::{Catalog, Submission};
use llk_pdf::sign::trust::{TrustReport, Verdict};
use llk_pdf::sign::{P256Signer, SignOptions, Signer, Subject, limits};
use llk_pdf::{DateTime, RenderOptions};
use serde_json::Value;
use std::path::Path;
use std::process::ExitCode;

/// Now, with the Dutch offset: CET (+1), CEST (+2) from the last Sunday of March to the
/// last Sunday of October, switching at 01:00 UTC.
pub fn now() -> Result<DateTime> {
    let secs = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs(),
    )?;
    Ok(DateTime::new(secs, dutch_offset(secs)))
}

fn dutch_offset(unix: i64) -> i16 {
    let utc = DateTime::new(unix, 0);
    let Some(year) = utc.date().map(|d| d.year()) else {
        return 60;
    };
    let last_sunday = |month: u8| -> Option<i64> {
        let last = llk_core::Date::new(year, month, 31)?;
        // 1970-01-01 was a Thursday: days + 4 mod 7 is 0 on Sundays.
        let back = (last.to_days() + 4).rem_euclid(7);
        Some((last.to_days() - back) * 86_400 + 3600)
    };
    match (last_sunday(3), last_sunday(10)) {
        (Some(start), Some(end)) if (start..end).contains(&unix) => 120,
        _ => 60,
    }
}

/// A PDF to sign or verify, refused unread past [`limits::MAX_PDF_BYTES`].
fn read_pdf(path: &str) -> Result<Vec<u8>> {
    let limit = limits::MAX_PDF_BYTES as u64;
    crate::input::read_bounded(Path::new(path), limit, "De PDF").map_err(anyhow::Error::msg)
}

/// A submission to lay out, refused unread past [`crate::input::MAX_SUBMISSION_BYTES`].
fn read_submission(path: &str) -> Result<Vec<u8>> {
    let limit = crate::input::MAX_SUBMISSION_BYTES;
    crate::input::read_bounded(Path::new(path), limit, "De inzending").map_err(anyhow::Error::msg)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// The most bytes read of a PEM key, certificate or trust-anchor file: a bundle of every
/// root a browser trusts is about 250 KB.
const MAX_PEM_BYTES: u64 = 4 * 1024 * 1024;

fn read_pem(path: &Path) -> Result<String> {
    let bytes = crate::input::read_bounded(path, MAX_PEM_BYTES, "Het PEM-bestand")
        .map_err(anyhow::Error::msg)?;
    String::from_utf8(bytes).with_context(|| format!("{} is not a PEM text file", path.display()))
}

/// The signer for `--sign-key`/`--sign-cert`: a PKCS#8 PEM key, P-256 or RSA (2048–4096
/// bits), and a PEM file with its certificate followed by any intermediates (all of them go
/// into the signature).
pub fn signer(key: &Path, cert: &Path) -> Result<Box<dyn Signer>> {
    let signer = llk_pdf::sign::signer_from_pem(&read_pem(key)?, &read_pem(cert)?)
        .with_context(|| format!("{} and {}", key.display(), cert.display()))?;
    Ok(signer)
}

/// The signer in a PKCS#12 file (`--sign-p12`), its password from `LLK_SIGN_PASSWORD` (an
/// environment variable, not an argument, so that it is not in the process list).
pub fn signer_p12(path: &Path) -> Result<Box<dyn Signer>> {
    // As in the browser (SECURITY.md): a key with a chain of a few certificates is a few KB.
    const MAX_PKCS12_BYTES: u64 = 64 * 1024;
    let p12 = crate::input::read_bounded(path, MAX_PKCS12_BYTES, "Het PKCS#12-bestand")
        .map_err(anyhow::Error::msg)?;
    let password = std::env::var("LLK_SIGN_PASSWORD").unwrap_or_default();
    let signer = llk_pdf::sign::signer_from_pkcs12(&p12, &password)
        .with_context(|| path.display().to_string())?;
    Ok(signer)
}

/// The trust anchors (DER certificates) in PEM files, each holding one or more
/// certificates: for `llk verify-pdf --trust` and `llk case import --trust`.
pub fn anchors_from_pem_files<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<Vec<u8>>> {
    let mut anchors = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let found = llk_pdf::sign::certificates_from_pem(&read_pem(path)?)
            .with_context(|| format!("{}: no usable trust anchor", path.display()))?;
        anchors.extend(found);
    }
    Ok(anchors)
}

/// The drawn signature in `answers` whose name is the signer's (from the certificate),
/// for the signature's visible appearance.
fn drawn_by(answers: &Value, signer: &dyn Signer) -> Result<Vec<Vec<(f32, f32)>>> {
    let name = llk_pdf::sign::cert::subject_of_der(signer.certificate())?.name;
    Ok(llk_pdf::sign::drawn_signature(answers, &name))
}

pub struct PdfArgs<'a> {
    pub form: Option<&'a str>,
    pub region: Option<&'a str>,
    pub anonymised: bool,
    pub file: &'a str,
    pub out: &'a Path,
    pub signer: Option<Box<dyn Signer>>,
    pub reason: Option<String>,
}

pub fn pdf(catalog: &Catalog, a: PdfArgs<'_>) -> Result<ExitCode> {
    let value: Value = serde_json::from_slice(&read_submission(a.file)?)
        .with_context(|| format!("{} is not valid JSON", a.file))?;
    let fallback_region = a.region.unwrap_or(llk_core::def::NATIONAL);
    let fallback = match a.form {
        Some(f) => Some((
            f,
            crate::find(catalog, f, fallback_region)?.version,
            fallback_region,
        )),
        None => None,
    };
    let mut sub = Submission::from_json(value, fallback).map_err(anyhow::Error::msg)?;
    if let Some(f) = a.form
        && f != sub.form
    {
        bail!("{} is a '{}' submission, not '{f}'", a.file, sub.form);
    }
    if let Some(r) = a.region {
        sub.region = r.to_string();
    }
    let def = crate::find(catalog, &sub.form, &sub.region)?;
    let (sub, notes) = llk_core::submission::migrate(sub, def);
    for n in &notes {
        eprintln!("llk: {n}");
    }
    let now = now()?;
    // A PDF of an unfinished submission is allowed (a draft to discuss), but said.
    if let Some(today) = now.date() {
        let errors = llk_core::validate::validate(def, &sub.answers, today)
            .iter()
            .filter(|d| d.severity == llk_core::Severity::Error)
            .count();
        if errors > 0 {
            eprintln!(
                "llk: warning: the submission has {errors} error(s) (see llk validate); the PDF shows it as it is"
            );
        }
    }
    let opts = RenderOptions {
        created: now,
        anonymised: a.anonymised,
        region_name: catalog
            .region(&sub.region)
            .map_or_else(|| sub.region.clone(), |r| r.name.clone()),
        zvh: llk_pdf::zvh_of(catalog, &sub.region, &sub.answers),
        letterhead: llk_pdf::letterhead(catalog, &sub.region),
    };
    let rendered = llk_pdf::render(def, &sub.answers, &opts)?;
    for c in &rendered.replaced {
        eprintln!(
            "llk: warning: the PDF font has no '{c}' (U+{:04X}): shown as {}",
            u32::from(*c),
            llk_pdf::MARKER
        );
    }
    let bytes = match &a.signer {
        Some(s) => llk_pdf::sign::sign_with(
            &rendered.pdf,
            s.as_ref(),
            &SignOptions {
                time: now,
                reason: a.reason,
                strokes: drawn_by(&sub.answers, s.as_ref())?,
            },
        )?,
        None => rendered.pdf,
    };
    write(a.out, &bytes)?;
    eprintln!(
        "{}: {} page(s), {} bytes{}",
        a.out.display(),
        rendered.pages,
        bytes.len(),
        if a.signer.is_some() { ", signed" } else { "" }
    );
    Ok(ExitCode::SUCCESS)
}

pub fn sign(
    file: &str,
    out: &Path,
    signer: &dyn Signer,
    reason: Option<String>,
) -> Result<ExitCode> {
    let pdf = read_pdf(file)?;
    let signed = llk_pdf::sign::sign_with(
        &pdf,
        signer,
        &SignOptions {
            time: now()?,
            reason,
            strokes: Vec::new(),
        },
    )?;
    write(out, &signed)?;
    let n = llk_pdf::sign::verify(&signed).len();
    eprintln!("{}: signature {n} added", out.display());
    Ok(ExitCode::SUCCESS)
}

/// One line per signature; exit 1 when any is broken, or when there is none to check.
/// With `trust` (PEM files of trust anchors) each line ends with the Dutch verdict.
pub fn verify(file: &str, trust: &[std::path::PathBuf]) -> Result<ExitCode> {
    let anchors = anchors_from_pem_files(trust)?;
    let pdf = read_pdf(file)?;
    let reports = llk_pdf::sign::verify_with_anchors(&pdf, &anchors);
    if let [t] = &reports[..]
        && t.report.refused
    {
        println!(
            "{file}: {}",
            t.report.problem.as_deref().unwrap_or_default()
        );
        return Ok(ExitCode::from(1));
    }
    if reports.is_empty() {
        println!("{file}: no signatures");
        return Ok(ExitCode::from(1));
    }
    for (i, t) in reports.iter().enumerate() {
        println!("signature {}: {}", i + 1, line(t, !anchors.is_empty()));
    }
    Ok(if reports.iter().all(|t| t.report.intact) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Who, when, intact or not, and, with anchors, the verdict and its sentence.
fn line(t: &TrustReport, judged: bool) -> String {
    let r = &t.report;
    let who = [r.role.as_deref(), r.organisation.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let who = if who.is_empty() {
        r.signer.clone()
    } else {
        format!("{} ({who})", r.signer)
    };
    let when = r
        .signed_at
        .map(|t| format!(", signed {}", t.dutch()))
        .unwrap_or_default();
    let state = match (&r.problem, r.covers_whole_document) {
        // A key or algorithm the kit does not check is not evidence of tampering.
        (Some(p), _) if p.starts_with("unsupported") => format!("NOT CHECKED: {p}"),
        (Some(p), _) => format!("BROKEN: {p}"),
        (None, true) => "intact, covers the whole document".into(),
        (None, false) => "intact, the document was extended after it".into(),
    };
    // The sentence starts with the verdict ("Vertrouwd: …"); a broken signature's would
    // say what `state` says already.
    let verdict = match t.verdict {
        _ if !judged => String::new(),
        Verdict::Gebroken => "; Gebroken".into(),
        _ => format!("; {}", t.message),
    };
    format!("{who}{when}: {state}{verdict}")
}

/// A new P-256 key (PKCS#8 PEM) and a self-signed certificate (PEM) in `dir`.
pub fn keygen(subject: &Subject, days: u32, dir: &Path) -> Result<ExitCode> {
    use p256::elliptic_curve::rand_core::OsRng;
    use p256::pkcs8::{EncodePrivateKey, LineEnding};
    use x509_cert::der::{Decode, EncodePem};
    let key = p256::ecdsa::SigningKey::random(&mut OsRng);
    let key_pem = key.to_pkcs8_pem(LineEnding::LF)?;
    let signer = P256Signer::self_signed(key, subject, now()?, days)?;
    let cert = x509_cert::Certificate::from_der(llk_pdf::sign::Signer::certificate(&signer))?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let key_path = dir.join("key.pem");
    write(&key_path, key_pem.as_bytes())?;
    // The private key is for its owner's eyes only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot restrict {}", key_path.display()))?;
    }
    write(
        &dir.join("cert.pem"),
        cert.to_pem(LineEnding::LF)?.as_bytes(),
    )?;
    println!(
        "{0}/key.pem and {0}/cert.pem: {1}, valid {days} days",
        dir.display(),
        subject.name
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn summer_time_in_the_netherlands() {
        // 2026: CEST from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(super::dutch_offset(1_774_745_999), 60);
        assert_eq!(super::dutch_offset(1_774_746_000), 120);
        assert_eq!(super::dutch_offset(1_792_890_000), 60);
        assert_eq!(super::dutch_offset(1_792_889_999), 120);
    }
}
