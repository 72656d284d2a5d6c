//! Plan versions: every casusoverleg that adopts the plan, and every review (herhaald
//! agenderen), leaves a snapshot with its number, date and reason. The history is what
//! the diff compares and what a host stores beside the current answers.

use crate::Date;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// One adopted version of the plan: a snapshot of its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanVersion {
    pub number: u32,
    /// ISO date (`2027-02-03`): the meeting that adopted this version.
    pub date: String,
    /// Why this version exists, e.g. "Herhaald agenderen 3 februari 2027".
    pub reason: String,
    pub answers: Value,
    /// The review (`herhaald-agenderen` answers) this version came from, kept whole: its
    /// signals, safety risks, crisis and samenwerking answers are the monitoring history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Value>,
}

/// The versions of one plan, oldest first, numbers strictly increasing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanHistory {
    pub versions: Vec<PlanVersion>,
}

/// The version number in a plan's answers (`plan.versie`), if any.
pub fn version_of(answers: &Value) -> Option<u32> {
    answers
        .pointer("/plan/versie")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
}

impl PlanHistory {
    pub fn latest(&self) -> Option<&PlanVersion> {
        self.versions.last()
    }

    pub fn get(&self, number: u32) -> Option<&PlanVersion> {
        self.versions.iter().find(|v| v.number == number)
    }

    /// The number the next version gets.
    pub fn next_number(&self) -> u32 {
        self.latest().map_or(1, |v| v.number + 1)
    }

    /// Records `answers` as a version. Its number is the answers' own `plan.versie` when
    /// that is higher than the last one, else the next number (which is then written into
    /// the snapshot, so a snapshot always says which version it is). Returns the number.
    pub fn record(&mut self, answers: &Value, date: Date, reason: &str) -> u32 {
        let next = self.next_number();
        let number = version_of(answers).filter(|&n| n >= next).unwrap_or(next);
        let mut snapshot = answers.clone();
        set(&mut snapshot, "plan", "versie", json!(number));
        self.versions.push(PlanVersion {
            number,
            date: date.to_string(),
            reason: reason.to_string(),
            answers: snapshot,
            review: None,
        });
        number
    }

    /// Keeps the review that made the latest version beside it, whole.
    pub fn attach_review(&mut self, review: &Value) {
        if let Some(v) = self.versions.last_mut() {
            v.review = Some(review.clone());
        }
    }
}

fn set(answers: &mut Value, group: &str, key: &str, v: Value) {
    if !answers.is_object() {
        *answers = json!({});
    }
    let g = &mut answers[group];
    if !g.is_object() {
        *g = json!({});
    }
    g[key] = v;
}

/// A review's answers prefilled from the plan it reviews: the person, the version reviewed
/// and its date, the team as participants and the current actions.
pub fn review_prefill(plan: &Value) -> Value {
    let team: Vec<Value> = plan
        .get("team")
        .and_then(Value::as_array)
        .map(|t| {
            t.iter()
                .map(|m| json!({"rol": m.get("rol"), "naam": m.get("naam"), "organisatie": m.get("organisatie")}))
                .collect()
        })
        .unwrap_or_default();
    json!({
        "persoon": {"naam": plan.pointer("/persoon/naam"), "geboortedatum": plan.pointer("/persoon/geboortedatum")},
        "plan": {"versie": plan.pointer("/plan/versie"), "vorige_datum": plan.pointer("/plan/datum")},
        "deelnemers": team,
        "acties": plan.get("acties").cloned().unwrap_or(Value::Null),
    })
}

/// What a review (the `herhaald-agenderen` answers) changes in the plan it reviewed: the
/// plan's next version. The version number goes up by one and the date becomes the date
/// of the meeting; the review's action list replaces the plan's, its next meeting becomes
/// the plan's next review, and the date it was shared is carried over. Everything else
/// (beeldvorming, scenarios, …) the team adjusts in the editor afterwards, in this new
/// version. Returns the new answers, the meeting date and the reason for the history.
pub fn version_from_review(plan: &Value, review: &Value) -> Option<(Value, Date, String)> {
    let date = super::date_at(review, "overleg.datum")?;
    let mut next = plan.clone();
    let reviewed = version_of(plan).or_else(|| version_of(review)).unwrap_or(1);
    set(&mut next, "plan", "versie", json!(reviewed + 1));
    set(&mut next, "plan", "datum", json!(date.to_string()));
    if let Some(d) = review
        .pointer("/volgende/datum")
        .filter(|v| crate::answers::is_filled(v))
    {
        next["volgende_bespreking"] = d.clone();
    }
    if let Some(acties) = review
        .get("acties")
        .and_then(Value::as_array)
        .filter(|a| a.iter().any(crate::answers::is_filled))
    {
        next["acties"] = Value::Array(acties.clone());
    }
    let shared = review.pointer("/aanpassing/gedeeld_datum").cloned();
    next["gedeeld_op"] = shared.unwrap_or(Value::Null);
    let mut reason = format!("Herhaald agenderen {}", date.to_dutch());
    if let Some(w) = review
        .get("aanpassing")
        .and_then(|a| super::text(a, "wijzigingen"))
    {
        reason.push_str(": ");
        reason.push_str(w);
    }
    Some((next, date, reason))
}
