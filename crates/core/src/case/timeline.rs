//! The case as a timeline: its documents and events in date order, opnames and detenties as
//! spans, and the open deadlines ahead, each with a Dutch label and one sentence. The UI
//! draws it and gives the same items as a list, its text equivalent.

use super::dates::text_at as at;
use super::deadlines::{WARN_DAYS, case_deadlines};
use super::{Case, Document, Event};
use crate::Date;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineKind {
    Document,
    Event,
    Deadline,
    /// The two years 'buiten' the first uitstroom criterion asks for, from the day the
    /// stable period began.
    Window,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineItem {
    pub kind: TimelineKind,
    /// The document's or event's seq (0 for a deadline).
    pub seq: u32,
    pub start: Date,
    /// The last day of a span (an opname, a detentie); `None` for a moment or a span that
    /// lasts.
    pub end: Option<Date>,
    /// Whether a span lasts until today.
    pub ongoing: bool,
    pub label: String,
    /// A sentence with the detail (the outcome, the status).
    pub detail: String,
    /// A deadline that has passed without being met.
    pub overdue: bool,
}

/// The Dutch name of a document of `form`.
pub fn form_label(form: &str) -> &'static str {
    match form {
        "aanmelding" => "Aanmelding",
        "triage" => "Triage door het weegteam",
        "inclusie" => "Inclusiebesluit",
        "toestemming" => "Toestemming",
        "levensloopplan" => "Levensloopplan",
        "herhaald-agenderen" => "Herhaald agenderen",
        "overdracht" => "Overdracht",
        "exclusiebesluit" => "Exclusiebesluit",
        _ => "Document",
    }
}

fn document_item(d: &Document) -> Option<TimelineItem> {
    let a = &d.submission.answers;
    let start = super::dates::document_date(d)?;
    let mut label = form_label(&d.submission.form).to_string();
    let detail = match d.submission.form.as_str() {
        "triage" => match at(a, "uitkomst") {
            Some("advies") => "Advies aan de melder.".into(),
            Some("casusoverleg") => "Door naar een casusoverleg.".into(),
            _ => "Door naar de inclusietafel.".into(),
        },
        "inclusie" => match at(a, "besluit.uitkomst") {
            Some("inclusie") => "Geïncludeerd.".into(),
            Some("niet-geincludeerd") => "Niet geïncludeerd, advies aan de melder.".into(),
            _ => "Aangehouden.".into(),
        },
        "toestemming" if at(a, "soort") == Some("intrekking") => {
            label = "Intrekking toestemming".into();
            "Toestemming ingetrokken.".into()
        }
        "toestemming" => match a.pointer("/toestemming/besluit") {
            Some(Value::Bool(true)) => "Toestemming gegeven.".into(),
            _ => "Geen toestemming gegeven.".into(),
        },
        "levensloopplan" => {
            if let Some(n) = a.pointer("/plan/versie").and_then(Value::as_u64) {
                label = format!("Levensloopplan versie {n}");
            }
            "Plan vastgesteld.".into()
        }
        "exclusiebesluit" => match at(a, "besluit.uitkomst") {
            Some("exclusie") => "Exclusie: uitgestroomd.".into(),
            _ => "Geen exclusie: de aanpak loopt door.".into(),
        },
        _ => String::new(),
    };
    let signed = d
        .signature
        .as_ref()
        .map(|s| format!(" Ondertekend door {}: {}.", s.signer, s.status.dutch()))
        .unwrap_or_default();
    Some(TimelineItem {
        kind: TimelineKind::Document,
        seq: d.seq,
        start,
        end: None,
        ongoing: false,
        label,
        detail: format!("{detail}{signed}").trim().to_string(),
        overdue: false,
    })
}

/// The Dutch name of an event of `kind`.
pub fn event_label(kind: &str) -> &'static str {
    match kind {
        "incident" => "Incident",
        "crisis" => "Crisis",
        "opname" => "Klinische opname",
        "detentie" => "Detentie",
        "risicotaxatie" => "Risicotaxatie",
        "toestemming" => "Toestemming",
        "verhuizing" => "Verhuizing",
        _ => "Gebeurtenis",
    }
}

fn event_item(e: &Event, today: Date) -> Option<TimelineItem> {
    let start = e.date()?;
    let span = matches!(e.kind(), "opname" | "detentie");
    let end = e.until();
    let detail = match e.kind() {
        "incident" | "crisis" if e.gevaar() => "Raakt het gevaarscriterium.".to_string(),
        "incident" | "crisis" => "Raakt het gevaarscriterium niet.".to_string(),
        "opname" | "detentie" => match end {
            Some(end) => format!("Tot en met {}.", end.to_dutch()),
            None => "Duurt nog voort.".to_string(),
        },
        "risicotaxatie" => match e.text("taxatie.uitkomst") {
            Some("verdwenen") => "Risico verdwenen.".into(),
            Some("lager") => "Risico substantieel lager.".into(),
            Some("onveranderd") => "Risico onveranderd.".into(),
            Some("hoger") => "Risico hoger.".into(),
            _ => String::new(),
        },
        "toestemming" => match e.text("toestemming.status") {
            Some("ingetrokken") => "Toestemming ingetrokken.".into(),
            Some("verloopt") => "Toestemming verloopt.".into(),
            _ => "Toestemming gegeven.".into(),
        },
        _ => String::new(),
    };
    Some(TimelineItem {
        kind: TimelineKind::Event,
        seq: e.seq,
        start,
        end: if span { end } else { None },
        ongoing: span && end.is_none_or(|end| end >= today),
        label: event_label(e.kind()).to_string(),
        detail,
        overdue: false,
    })
}

/// The case's timeline on `today`, in date order.
pub fn timeline(case: &Case, today: Date) -> Vec<TimelineItem> {
    let mut items: Vec<TimelineItem> = case
        .documents_in_order()
        .into_iter()
        .filter_map(document_item)
        .collect();
    items.extend(
        case.events_in_order()
            .into_iter()
            .filter_map(|e| event_item(e, today)),
    );
    items.extend(
        case_deadlines(case, today, WARN_DAYS)
            .into_iter()
            .filter(super::CaseDeadline::is_open)
            .map(|d| TimelineItem {
                kind: TimelineKind::Deadline,
                seq: 0,
                start: d.due,
                end: None,
                ongoing: false,
                label: d.kind.label().to_string(),
                detail: d.message(),
                overdue: matches!(d.status, crate::plan::DeadlineStatus::Overdue { .. }),
            }),
    );
    // Taxaties recorded in a plan or a review are events of the case as much as those
    // recorded on their own.
    items.extend(
        super::exit::taxaties(case)
            .into_iter()
            .filter_map(|t| match &t.source {
                super::exit::Source::Document(seq, form) => Some(TimelineItem {
                    kind: TimelineKind::Event,
                    seq: *seq,
                    start: t.on,
                    end: None,
                    ongoing: false,
                    label: "Risicotaxatie".into(),
                    detail: format!(
                        "{}{}: {}. Vastgelegd in: {}.",
                        t.instrument_name,
                        t.by.as_ref()
                            .map(|b| format!(" door {b}"))
                            .unwrap_or_default(),
                        super::exit::outcome_dutch(&t.outcome),
                        form_label(form)
                    ),
                    overdue: false,
                }),
                _ => None,
            }),
    );
    let stable = super::exit::stability(case, today);
    if let (Some(since), Some(met_on)) = (stable.since, stable.met_on) {
        let from = stable
            .from
            .as_ref()
            .map(super::exit::StableFrom::dutch)
            .unwrap_or_default();
        items.push(TimelineItem {
            kind: TimelineKind::Window,
            seq: 0,
            start: since,
            end: Some(met_on),
            ongoing: false,
            label: "Twee jaar stabiel ‘buiten’ (uitstroomcriterium 1)".into(),
            detail: if stable.met {
                format!("Voldaan sinds {}, gerekend vanaf {from}.", met_on.to_dutch())
            } else {
                format!(
                    "Gerekend vanaf {from}. Voldaan op {} als er tot dan geen incident, opname of detentie is.",
                    met_on.to_dutch()
                )
            },
            overdue: false,
        });
    }
    items.sort_by_key(|i| (i.start, i.kind != TimelineKind::Document, i.seq));
    items
}

impl TimelineItem {
    /// The item as one sentence of the text equivalent.
    pub fn describe(&self) -> String {
        if self.kind == TimelineKind::Deadline {
            let word = if self.overdue { "Te laat" } else { "Termijn" };
            return format!("{word}. {}", self.detail);
        }
        let when = match (self.end, self.ongoing) {
            (Some(end), _) => format!("{} tot en met {}", self.start.to_dutch(), end.to_dutch()),
            (None, true) => format!("sinds {}", self.start.to_dutch()),
            (None, false) => self.start.to_dutch(),
        };
        if self.detail.is_empty() {
            format!("{when}: {}.", self.label)
        } else {
            format!("{when}: {}. {}", self.label, self.detail)
        }
    }
}
