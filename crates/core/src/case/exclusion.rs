//! The exclusion criteria shown from what happened, not declared (DOMAIN.md, Afsluiten):
//! at least two years stable on the gevaarscriterium while 'buiten' (no incident or crisis
//! that touched it, not in a klinische opname or detentie), and a risicotaxatie showing the
//! risk to others substantially lower or gone. The beschermende factoren (criterion 2) are
//! the meeting's judgement; the case has no facts of its own for them.

use super::dates::date_at;
use super::{Case, Event};
use crate::Date;
use serde_json::{Value, json};

/// Years stable the first criterion asks for.
pub const STABLE_YEARS: i64 = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct ExclusionEvidence {
    /// Since when the person has been stable and 'buiten': the inclusion, or the day after
    /// the last event that touched the gevaarscriterium or the end of the last opname or
    /// detentie, whichever is later. `None` while an opname or detentie lasts.
    pub stable_since: Option<Date>,
    /// The opname or detentie that lasts today, if any.
    pub inside: Option<String>,
    /// Whether two years have passed since `stable_since`.
    pub stable_long_enough: bool,
    /// The last two risicotaxaties, newest first: (date, instrument, outcome).
    pub taxaties: Vec<(Date, String, String)>,
    /// Whether the newest risicotaxatie shows the risk lower or gone.
    pub risk_lower: bool,
}

fn taxatie(e: &Event) -> Option<(Date, String, String)> {
    let t = |k: &str| {
        e.answers
            .pointer(&format!("/taxatie/{k}"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    Some((e.date()?, t("instrument"), t("uitkomst")))
}

pub fn exclusion_evidence(case: &Case, today: Date) -> ExclusionEvidence {
    let events = case.events_in_order();
    let inclusion = case
        .latest("inclusie")
        .and_then(|d| date_at(&d.submission.answers, "toewijzing.inclusiedatum"));
    let mut since = inclusion;
    let mut inside = None;
    for e in &events {
        let Some(on) = e.date() else { continue };
        match e.kind() {
            "incident" | "crisis" if e.gevaar() => since = since.max(on.add_days(1)),
            "opname" | "detentie" => match e.until() {
                Some(end) if end < today => since = since.max(end.add_days(1)),
                _ if on <= today => {
                    inside = Some(if e.kind() == "opname" {
                        format!("in klinische opname sinds {}", on.to_dutch())
                    } else {
                        format!("in detentie sinds {}", on.to_dutch())
                    });
                }
                _ => {}
            },
            _ => {}
        }
    }
    let stable_since = if inside.is_some() { None } else { since };
    let stable_long_enough = stable_since
        .and_then(|d| d.add_months(12 * STABLE_YEARS))
        .is_some_and(|d| d <= today);
    let mut taxaties: Vec<_> = events
        .iter()
        .filter(|e| e.kind() == "risicotaxatie")
        .filter_map(|e| taxatie(e))
        .collect();
    taxaties.reverse();
    taxaties.truncate(2);
    let risk_lower = taxaties
        .first()
        .is_some_and(|(_, _, o)| o == "lager" || o == "verdwenen");
    ExclusionEvidence {
        stable_since,
        inside,
        stable_long_enough,
        taxaties,
        risk_lower,
    }
}

fn outcome(o: &str) -> &str {
    match o {
        "verdwenen" => "risico verdwenen",
        "lager" => "risico substantieel lager",
        "onveranderd" => "risico onveranderd",
        "hoger" => "risico hoger",
        _ => "uitkomst onbekend",
    }
}

impl ExclusionEvidence {
    /// The criteria as the case shows them, one Dutch sentence each.
    pub fn sentences(&self) -> Vec<String> {
        let first = match (&self.inside, self.stable_since) {
            (Some(inside), _) => format!("Gevaarscriterium: niet ‘buiten’, {inside}."),
            (None, None) => "Gevaarscriterium: het dossier heeft nog geen inclusiedatum.".into(),
            (None, Some(d)) if self.stable_long_enough => format!(
                "Gevaarscriterium: sinds {} stabiel en ‘buiten’, {STABLE_YEARS} jaar of langer.",
                d.to_dutch()
            ),
            (None, Some(d)) => format!(
                "Gevaarscriterium: sinds {} stabiel en ‘buiten’, nog geen {STABLE_YEARS} jaar.",
                d.to_dutch()
            ),
        };
        let third = match self.taxaties.first() {
            None => "Risicotaxatie: nog geen risicotaxatie in het dossier.".to_string(),
            Some((d, _, o)) => format!("Risicotaxatie van {}: {}.", d.to_dutch(), outcome(o)),
        };
        vec![
            first,
            "Beschermende factoren: beoordeelt het overleg.".into(),
            third,
        ]
    }

    pub fn to_json(&self) -> Value {
        json!({
            "stable_since": self.stable_since.map(|d| d.to_string()),
            "stable_long_enough": self.stable_long_enough,
            "inside": self.inside,
            "risk_lower": self.risk_lower,
            "sentences": self.sentences(),
        })
    }
}
