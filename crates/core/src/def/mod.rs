//! Form definitions: the raw files, their checking, and the checked model.

mod model;
mod problem;
mod raw;
mod region;
mod resolve;
mod source;

pub use model::{Choice, Field, FormDef, Limit, Migration, Page, RepeatSpec, Rule};
pub use problem::{DefError, Loc, Problem, locate_problems};
pub use raw::{
    Anonymise, Bound, Entry, FieldKind, Override, RawField, RawForm, RawOption, RawPage, RawRegion,
    RegionHeader,
};
pub use region::{
    DEFAULT_CASE_RETENTION_DAYS, DEFAULT_KENGETALLEN_THRESHOLD, DEFAULT_RETENTION_DAYS,
    DEFAULT_RISICOTAXATIE_MAX_MONTHS, NATIONAL, Region, entry_label, message_answers,
};
pub use resolve::resolve;

/// Reads a form definition from TOML text. `file` names it in errors.
#[cfg(feature = "toml")]
pub fn parse_form_toml(file: &str, text: &str) -> Result<RawForm, DefError> {
    parse_toml(file, text)
}

/// Reads a region from TOML text.
#[cfg(feature = "toml")]
pub fn parse_region_toml(file: &str, text: &str) -> Result<RawRegion, DefError> {
    parse_toml(file, text)
}

#[cfg(feature = "toml")]
fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, DefError> {
    toml::from_str(text).map_err(|e| DefError {
        file: file.to_string(),
        line: e.span().map(|s| source::line_at(text, s.start)),
        message: e.message().trim().to_string(),
    })
}

/// The line of `key = "value"` in a file's text (for region settings).
#[cfg(feature = "toml")]
pub(crate) fn locate_assignment(text: Option<&str>, key: &str, value: &str) -> Option<usize> {
    source::locate(text?, key, value, 0, None)
}
