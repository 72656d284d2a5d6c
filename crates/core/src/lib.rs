//! levensloopkit core: the domain of the Levensloopaanpak as data and rules.
//!
//! - [`def`]: the form-definition language (TOML files in `forms/`) and its checking;
//! - [`catalog`]: every form checked against every region;
//! - [`validate`]: answers → all diagnostics, each with path, severity and Dutch message;
//! - [`submission`]: versioned submissions and migration without loss;
//! - [`example`], [`anonymise`]: realistic examples, the anonymised rendering;
//! - [`display`]: answers as Dutch display text (check-your-answers page, PDF);
//! - [`plan`]: the levensloopplan's scenario ladder, versions, diff and deadlines;
//! - [`case`]: one person's dossier on top of them all: phase, deadlines, prefill,
//!   plan history, exclusion evidence, timeline.
//!
//! This crate has no web dependencies and never reads the clock: "today" is passed in.

pub mod anonymise;
pub mod answers;
pub mod case;
pub mod catalog;
pub mod date;
pub mod def;
pub mod diagnostic;
pub mod display;
pub mod dutch;
pub mod email;
pub mod example;
pub mod expr;
pub mod number;
pub mod path;
pub mod plan;
pub mod signature;
pub mod submission;
pub mod text;
pub mod validate;

pub use catalog::Catalog;
pub use date::Date;
pub use diagnostic::{Diagnostic, Severity, has_errors};
pub use submission::Submission;

/// Migrates a submission to the catalog's definition of its form and validates it:
/// migration notes first, then every validation diagnostic.
pub fn check_submission(
    catalog: &Catalog,
    sub: Submission,
    today: Date,
) -> Result<(Submission, Vec<Diagnostic>), String> {
    let def =
        catalog
            .form(&sub.form, &sub.region)
            .ok_or_else(|| match catalog.region(&sub.region) {
                None => format!("unknown region '{}'", sub.region),
                Some(_) => format!("unknown form '{}'", sub.form),
            })?;
    let (sub, mut diagnostics) = submission::migrate(sub, def);
    if has_errors(&diagnostics) {
        return Ok((sub, diagnostics));
    }
    diagnostics.extend(validate::validate(def, &sub.answers, today));
    Ok((sub, diagnostics))
}
