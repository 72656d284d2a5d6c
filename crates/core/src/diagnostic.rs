//! What validation, definition checks and migrations report.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    #[default]
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    /// The Dutch word the UI shows.
    pub fn dutch(self) -> &'static str {
        match self {
            Severity::Warning => "waarschuwing",
            Severity::Error => "fout",
        }
    }
}

/// One finding about one answer. `path` is the answer path with item indices
/// (`partners[2].email`); `code` says which check spoke (`required`, `bsn`, a rule id), so
/// hosts and tests need not match on the Dutch text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub path: String,
    pub severity: Severity,
    pub message: String,
    pub code: String,
}

impl Diagnostic {
    pub fn error(
        path: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            severity: Severity::Error,
            message: message.into(),
            code: code.into(),
        }
    }
    pub fn warning(
        path: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, code, message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.path,
            self.severity.as_str(),
            self.message
        )
    }
}

/// True when any diagnostic is an error (warnings never block a submission).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
