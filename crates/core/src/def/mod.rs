//! Form definitions: the raw files, their checking, and the checked model.

mod model;
mod raw;
mod region;
mod resolve;
mod source;

pub use model::{Choice, Field, FormDef, Limit, Migration, Page, RepeatSpec, Rule};
pub use raw::{
    Anonymise, Bound, Entry, FieldKind, Override, RawField, RawForm, RawOption, RawPage, RawRegion,
    RegionHeader,
};
pub use region::{
    DEFAULT_CASE_RETENTION_DAYS, DEFAULT_RETENTION_DAYS, NATIONAL, Region, entry_label,
};
pub use resolve::{Loc, Problem, resolve};

use std::fmt;

/// A problem in a definition or region file, for the form author: file, line, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for DefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for DefError {}

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

/// Turns resolver problems into file-and-line errors, finding lines in `text` when given.
pub fn locate_problems(
    file: &str,
    text: Option<&str>,
    region: &str,
    problems: Vec<Problem>,
) -> Vec<DefError> {
    problems
        .into_iter()
        .map(|p| {
            let line = text.and_then(|t| match &p.loc {
                Loc::Header(key) => source::locate(t, "id", &header_id(t)?, 0, Some(key)),
                Loc::Page(id) => source::locate(t, "id", id, 0, None),
                Loc::Field { id, nth, key } => source::locate(t, "id", id, *nth, *key),
                Loc::Rule { id, nth, key } => {
                    // Rules come after the fields and may share an id with one: search
                    // from the first [[rules]] on.
                    let start = t.find("[[rules]]")?;
                    let before = source::line_at(t, start) - 1;
                    source::locate(&t[start..], "id", id, *nth, *key).map(|l| l + before)
                }
                Loc::Migration(from) => source::locate_number(t, "from", *from),
            });
            let message = if region == NATIONAL {
                p.message
            } else {
                format!("{} (with region '{region}')", p.message)
            };
            DefError {
                file: file.to_string(),
                line,
                message,
            }
        })
        .collect()
}

/// The line of `key = "value"` in a file's text (for region settings).
#[cfg(feature = "toml")]
pub(crate) fn locate_assignment(text: Option<&str>, key: &str, value: &str) -> Option<usize> {
    source::locate(text?, key, value, 0, None)
}

fn header_id(text: &str) -> Option<String> {
    let after = &text[text.find("[form]")?..];
    let line = after.lines().find(|l| l.trim_start().starts_with("id"))?;
    let v = line.split_once('=')?.1.trim();
    Some(v.trim_matches('"').to_string())
}
