//! The plan's history from the case: every levensloopplan document is a version (a
//! correction with the same number replaces it), every review (herhaald agenderen) makes the
//! next version from the one it reviewed, as the plan editor does, and keeps the review's
//! answers whole beside it.

use super::Case;
use super::dates::document_date;
use crate::plan::history::{PlanHistory, version_from_review, version_of};
use crate::plan::{PLAN_FORM, REVIEW_FORM};
use serde_json::Value;

pub fn plan_history(case: &Case) -> PlanHistory {
    let mut h = PlanHistory::default();
    for doc in case.documents_in_order() {
        let answers = &doc.submission.answers;
        let Some(date) = document_date(doc) else {
            continue;
        };
        match doc.submission.form.as_str() {
            PLAN_FORM => {
                let own = version_of(answers);
                if own.is_some() && h.latest().map(|v| v.number) == own {
                    h.versions.pop();
                }
                let reason = if h.versions.is_empty() {
                    format!("Vastgesteld in het casusoverleg van {}", date.to_dutch())
                } else {
                    format!("Bijgesteld op {}", date.to_dutch())
                };
                h.record(answers, date, &reason);
            }
            REVIEW_FORM => {
                let Some(plan) = h.latest().map(|v| v.answers.clone()) else {
                    continue;
                };
                if let Some((next, on, reason)) = version_from_review(&plan, answers) {
                    h.record(&next, on, &reason);
                    h.attach_review(answers);
                }
            }
            _ => {}
        }
    }
    h
}

/// The plan as it stands: the latest version's answers.
pub fn current_plan(case: &Case) -> Option<Value> {
    plan_history(case).latest().map(|v| v.answers.clone())
}

/// The plan's fingerprint: SHA-256, in hex, of its answers written canonically (keys
/// sorted, no spaces), so the overdracht names exactly the version it hands over and the
/// receiver can tell whether the plan it got is that one. Written by hand rather than by
/// `serde_json::to_string`, whose key order depends on a cargo feature (`preserve_order`)
/// that another crate in the build may switch on.
pub fn plan_fingerprint(answers: &Value) -> String {
    use sha2::{Digest, Sha256};
    let mut canonical = String::new();
    write_canonical(answers, &mut canonical);
    Sha256::digest(canonical.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(k.as_str()).to_string());
                out.push(':');
                write_canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        leaf => out.push_str(&leaf.to_string()),
    }
}
