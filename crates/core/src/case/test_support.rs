//! What the case's unit tests share: a date from its ISO text and a document of a form.

use super::Document;
use crate::{Date, Submission};
use serde_json::Value;

pub(super) fn day(s: &str) -> Date {
    Date::parse_iso(s).expect("a date")
}

/// Document `seq` of `form` (Gelderland, version 1) with `answers`, filed on 1 January 2026.
pub(super) fn doc(seq: u32, form: &str, answers: Value) -> Document {
    Document {
        seq,
        filed_on: "2026-01-01".into(),
        submission: Submission {
            form: form.into(),
            version: 1,
            region: "gelderland".into(),
            answers,
            unmapped: Default::default(),
        },
        prefill: Default::default(),
        signature: None,
    }
}
