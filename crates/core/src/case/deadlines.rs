//! The case's deadlines on a day, each with its status as [`crate::plan::deadlines`] gives
//! one plan's (later, soon, overdue, met, late): the first plan one month after the melding;
//! a review at most three months after the last plan or review, or the earlier date the
//! team set; an aangehouden inclusie's terugkomdatum; informing the cliënt and asking
//! consent; consent that runs out or must be asked again; the end of an overdracht's joint
//! period. A case that has ended (advies, niet geïncludeerd, overgedragen, uitgestroomd)
//! has none.

use super::dates::{date_at, document_date};
use super::phase::{Phase, phase};
use super::{Case, Document};
use crate::Date;
use crate::plan::DeadlineStatus;
use crate::plan::deadlines::status;
use serde_json::{Value, json};

/// Days ahead a deadline counts as soon, as in the plan editor.
pub const WARN_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseDeadlineKind {
    FirstPlan,
    Review,
    Terugkomdatum,
    ConsentAsk,
    ConsentExpires,
    ConsentAskAgain,
    JointPeriodEnd,
}

impl CaseDeadlineKind {
    pub fn id(self) -> &'static str {
        match self {
            CaseDeadlineKind::FirstPlan => "eerste-plan",
            CaseDeadlineKind::Review => "herhaald-agenderen",
            CaseDeadlineKind::Terugkomdatum => "terugkomdatum",
            CaseDeadlineKind::ConsentAsk => "toestemming-vragen",
            CaseDeadlineKind::ConsentExpires => "toestemming-verloopt",
            CaseDeadlineKind::ConsentAskAgain => "toestemming-opnieuw-vragen",
            CaseDeadlineKind::JointPeriodEnd => "einde-gezamenlijke-periode",
        }
    }

    /// What is due, as a noun phrase.
    pub fn label(self) -> &'static str {
        match self {
            CaseDeadlineKind::FirstPlan => "Eerste levensloopplan",
            CaseDeadlineKind::Review => "Herhaald agenderen",
            CaseDeadlineKind::Terugkomdatum => "Terugkomdatum aangehouden inclusie",
            CaseDeadlineKind::ConsentAsk => "Cliënt informeren en toestemming vragen",
            CaseDeadlineKind::ConsentExpires => "Toestemming verloopt",
            CaseDeadlineKind::ConsentAskAgain => "Toestemming opnieuw vragen",
            CaseDeadlineKind::JointPeriodEnd => "Einde gezamenlijke periode overdracht",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDeadline {
    pub kind: CaseDeadlineKind,
    pub due: Date,
    pub status: DeadlineStatus,
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 dag".into()
    } else {
        format!("{n} dagen")
    }
}

impl CaseDeadline {
    /// Overdue first (the longest overdue first), then soon (the nearest first), then the
    /// rest by date: the order in which the caseload draws attention.
    pub fn urgency(&self) -> (u8, i64) {
        match self.status {
            DeadlineStatus::Overdue { days } => (0, -days),
            DeadlineStatus::Soon { days } => (1, days),
            DeadlineStatus::Later => (2, self.due.to_days()),
            DeadlineStatus::Late { .. } | DeadlineStatus::Met => (3, self.due.to_days()),
        }
    }

    pub fn is_open(&self) -> bool {
        !matches!(
            self.status,
            DeadlineStatus::Met | DeadlineStatus::Late { .. }
        )
    }

    pub fn status_id(&self) -> &'static str {
        match self.status {
            DeadlineStatus::Later => "later",
            DeadlineStatus::Soon { .. } => "soon",
            DeadlineStatus::Overdue { .. } => "overdue",
            DeadlineStatus::Met => "met",
            DeadlineStatus::Late { .. } => "late",
        }
    }

    /// The Dutch status word the caseload shows.
    pub fn status_label(&self) -> String {
        match self.status {
            DeadlineStatus::Later => "op tijd".into(),
            DeadlineStatus::Soon { days: 0 } => "vandaag".into(),
            DeadlineStatus::Soon { days: n } => format!("over {}", days(n)),
            DeadlineStatus::Overdue { days: n } => format!("{} te laat", days(n)),
            DeadlineStatus::Met => "gehaald".into(),
            DeadlineStatus::Late { days: n } => format!("{} te laat gehaald", days(n)),
        }
    }

    /// One sentence: what, when and how it stands.
    pub fn message(&self) -> String {
        let what = self.kind.label();
        let due = self.due.to_dutch();
        match self.status {
            DeadlineStatus::Overdue { days: n } => {
                format!("{what}: had uiterlijk {due} gemoeten, {} geleden.", days(n))
            }
            DeadlineStatus::Soon { days: 0 } => format!("{what}: vandaag ({due})."),
            DeadlineStatus::Soon { days: n } => {
                format!("{what}: uiterlijk {due}, over {}.", days(n))
            }
            DeadlineStatus::Later => format!("{what}: uiterlijk {due}."),
            DeadlineStatus::Met => format!("{what}: op tijd gedaan (uiterlijk {due})."),
            DeadlineStatus::Late { days: n } => {
                format!(
                    "{what}: {} na de termijn gedaan (uiterlijk {due}).",
                    days(n)
                )
            }
        }
    }

    pub fn to_json(&self) -> Value {
        let days = match self.status {
            DeadlineStatus::Soon { days }
            | DeadlineStatus::Overdue { days }
            | DeadlineStatus::Late { days } => json!(days),
            _ => Value::Null,
        };
        json!({
            "kind": self.kind.id(),
            "label": self.kind.label(),
            "due": self.due.to_string(),
            "status": self.status_id(),
            "days": days,
            "message": self.message(),
        })
    }
}

fn done(due: Date, on: Date) -> DeadlineStatus {
    if on <= due {
        DeadlineStatus::Met
    } else {
        DeadlineStatus::Late {
            days: on.to_days() - due.to_days(),
        }
    }
}

/// The date of the melding: the aanmelding's, else what a later form recorded of it.
pub fn melding_date(case: &Case) -> Option<Date> {
    let docs = case.documents_in_order();
    let at = |form: &str, path: &str| {
        docs.iter()
            .filter(|d| d.submission.form == form)
            .find_map(|d| date_at(&d.submission.answers, path))
    };
    at("aanmelding", "meldingsdatum")
        .or_else(|| at("triage", "melding.datum"))
        .or_else(|| at("inclusie", "melding.datum"))
        .or_else(|| at("levensloopplan", "meldingsdatum"))
}

/// The date of the first adopted plan (the first levensloopplan in meeting order), which
/// meets the first-plan deadline.
pub fn first_plan_date(case: &Case) -> Option<Date> {
    case.documents_in_order()
        .iter()
        .filter(|d| d.submission.form == "levensloopplan")
        .find_map(|d| date_at(&d.submission.answers, "plan.datum"))
}

/// When the review after `last` (a levensloopplan or herhaald-agenderen document) is due:
/// three months after it, or the earlier date the team set for the next meeting.
pub fn review_due(last: &Document) -> Option<Date> {
    let a = &last.submission.answers;
    let (date_path, next_path) = if last.submission.form == "levensloopplan" {
        ("plan.datum", "volgende_bespreking")
    } else {
        ("overleg.datum", "volgende.datum")
    };
    let latest = date_at(a, date_path)?.add_months(3)?;
    Some(match date_at(a, next_path) {
        Some(set) if set < latest => set,
        _ => latest,
    })
}

/// Where consent stands after the last toestemming document or event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    Given { until: Option<Date> },
    Refused { ask_again: Option<Date> },
    Withdrawn,
}

/// The consent facts in date order, each with its date.
pub fn consent_history(case: &Case) -> Vec<(Date, Consent)> {
    let mut out = Vec::new();
    for d in case.documents_in_order() {
        if d.submission.form != "toestemming" {
            continue;
        }
        let a = &d.submission.answers;
        let Some(on) = document_date(d) else { continue };
        let c = if a.get("soort").and_then(Value::as_str) == Some("intrekking") {
            Consent::Withdrawn
        } else if a.pointer("/toestemming/besluit") == Some(&Value::Bool(true)) {
            Consent::Given {
                until: date_at(a, "geldigheid.tot"),
            }
        } else {
            Consent::Refused {
                ask_again: date_at(a, "route.opnieuw_vragen"),
            }
        };
        out.push((on, c));
    }
    for e in case.events_in_order() {
        if e.kind() != "toestemming" {
            continue;
        }
        let Some(on) = e.date() else { continue };
        let until = date_at(&e.answers, "toestemming.geldig_tot");
        let c = match e.text("toestemming.status") {
            Some("ingetrokken") => Consent::Withdrawn,
            _ => Consent::Given { until },
        };
        out.push((on, c));
    }
    out.sort_by_key(|(d, _)| *d);
    out
}

fn latest_of<'a>(docs: &[&'a Document], forms: &[&str]) -> Option<&'a Document> {
    docs.iter()
        .rev()
        .find(|d| forms.contains(&d.submission.form.as_str()))
        .copied()
}

/// Every deadline of the case on `today`, most urgent first.
pub fn case_deadlines(case: &Case, today: Date, warn_days: i64) -> Vec<CaseDeadline> {
    let phase = phase(case, today);
    let mut out = Vec::new();
    if phase.is_terminal() {
        return out;
    }
    let docs = case.documents_in_order();
    let mut push = |kind, due, status| out.push(CaseDeadline { kind, due, status });

    // The first plan: one month after the melding, met by the first adopted plan.
    if let Some(due) = melding_date(case).and_then(|m| m.add_months(1)) {
        let s = match first_plan_date(case) {
            Some(on) => done(due, on),
            None => status(due, today, warn_days),
        };
        push(CaseDeadlineKind::FirstPlan, due, s);
    }

    // The next review, while a plan runs.
    if matches!(phase, Phase::PlanActief | Phase::InOverdracht { .. })
        && let Some(last) = latest_of(&docs, &["levensloopplan", "herhaald-agenderen"])
        && let Some(due) = review_due(last)
    {
        push(CaseDeadlineKind::Review, due, status(due, today, warn_days));
    }

    if let Phase::Aangehouden {
        terugkomdatum: Some(due),
    } = phase
    {
        push(
            CaseDeadlineKind::Terugkomdatum,
            due,
            status(due, today, warn_days),
        );
    }

    // Informing the cliënt and asking consent after the inclusion (step 2).
    let consent = consent_history(case);
    if let Some(inclusie) = latest_of(&docs, &["inclusie"])
        && matches!(phase, Phase::PlanInVoorbereiding { .. } | Phase::PlanActief)
        && let Some(due) = date_at(&inclusie.submission.answers, "vervolg.informeren_uiterlijk")
    {
        let since = document_date(inclusie);
        let asked = consent
            .iter()
            .find(|(d, _)| Some(*d) >= since)
            .map(|(d, _)| *d);
        let s = match asked {
            Some(on) => done(due, on),
            None => status(due, today, warn_days),
        };
        push(CaseDeadlineKind::ConsentAsk, due, s);
    }
    match consent.last() {
        Some((_, Consent::Given { until: Some(due) })) => push(
            CaseDeadlineKind::ConsentExpires,
            *due,
            status(*due, today, warn_days),
        ),
        Some((
            _,
            Consent::Refused {
                ask_again: Some(due),
            },
        )) => push(
            CaseDeadlineKind::ConsentAskAgain,
            *due,
            status(*due, today, warn_days),
        ),
        _ => {}
    }

    if let Phase::InOverdracht {
        gezamenlijk_tot: Some(due),
        ..
    } = phase
    {
        push(
            CaseDeadlineKind::JointPeriodEnd,
            due,
            status(due, today, warn_days),
        );
    }
    out.sort_by_key(CaseDeadline::urgency);
    out
}
