//! The levensloopplan as a living document: the answers of the `levensloopplan` definition
//! (validated by [`crate::validate`] like any form) plus what only a plan has: the scenario
//! ladder ([`ladder`], drawn from [`ladder_layout`]), its versions ([`history`]), the differences between two versions
//! ([`diff`]) and its deadlines ([`deadlines`]).
//!
//! Everything here works on the answers as `serde_json::Value`, at the definition's answer
//! paths, so the plan editor, the PDF and hosts share one shape.

pub mod deadlines;
pub mod diff;
pub mod history;
pub mod ladder;
pub mod ladder_layout;

pub use deadlines::{Deadline, DeadlineKind, DeadlineStatus, deadlines, overdue_actions};
pub use diff::{Change, ChangeKind, diff};
pub use history::{PlanHistory, PlanVersion};

use serde_json::Value;

/// The form id of the plan definition.
pub const PLAN_FORM: &str = "levensloopplan";
/// The form id of the review that yields a new plan version.
pub const REVIEW_FORM: &str = "herhaald-agenderen";

/// A text answer at `key` of an object, trimmed; `None` when absent or blank.
pub(crate) fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A date answer at a dotted path (`plan.datum`).
pub(crate) fn date_at(v: &Value, path: &str) -> Option<crate::Date> {
    let mut cur = v;
    for seg in path.split('.') {
        cur = cur.get(seg)?;
    }
    cur.as_str().and_then(crate::Date::parse_iso)
}
