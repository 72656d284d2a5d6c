//! What can be wrong in a definition, and where: the resolver and the examples check
//! report [`Problem`]s at a [`Loc`]; [`locate_problems`] turns them into `file:line`
//! [`DefError`]s with the source text. Below the resolver, so neither it nor the checks
//! after it (`example::definition_problems`) need each other to say where a problem is.

use super::region::NATIONAL;
use super::source;
use std::fmt;

/// Where in a definition a problem is; turned into a line number with the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loc {
    Header(&'static str),
    Page(String),
    /// A field by id; `nth` > 0 for a duplicate; the key inside it.
    Field {
        id: String,
        nth: usize,
        key: Option<&'static str>,
    },
    Rule {
        id: String,
        nth: usize,
        key: Option<&'static str>,
    },
    Migration(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub loc: Loc,
    pub message: String,
}

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

fn header_id(text: &str) -> Option<String> {
    let after = &text[text.find("[form]")?..];
    let line = after.lines().find(|l| l.trim_start().starts_with("id"))?;
    let v = line.split_once('=')?.1.trim();
    Some(v.trim_matches('"').to_string())
}
