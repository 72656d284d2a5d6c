//! The plan's deadlines (seed 002): the first plan within one month of the melding; the
//! next review at most three months after the last (the plan's own date), or earlier when
//! the team set an earlier date. The editor warns `warn_days` ahead and when overdue.
//! Also the actions that are past their date and not finished.

use crate::Date;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// The first plan, due one month after the melding.
    FirstPlan,
    /// The next review (herhaald agenderen).
    Review,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineStatus {
    /// More than `warn_days` away.
    Later,
    /// Within `warn_days` (0 = today).
    Soon { days: i64 },
    /// Past the date by this many days.
    Overdue { days: i64 },
    /// Done in time (the first plan was adopted before its date).
    Met,
    /// Done, but after the date.
    Late { days: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: Date,
    pub status: DeadlineStatus,
}

impl Deadline {
    /// Whether the editor should draw attention to it.
    pub fn needs_attention(&self) -> bool {
        matches!(
            self.status,
            DeadlineStatus::Soon { .. }
                | DeadlineStatus::Overdue { .. }
                | DeadlineStatus::Late { .. }
        )
    }

    /// The sentence the editor shows.
    pub fn message(&self) -> String {
        let due = self.due.to_dutch();
        let days = |n: i64| {
            if n == 1 {
                "1 dag".to_string()
            } else {
                format!("{n} dagen")
            }
        };
        match (self.kind, self.status) {
            (DeadlineKind::FirstPlan, DeadlineStatus::Overdue { days: n }) => format!(
                "Het eerste plan had op {due} klaar moeten zijn (een maand na de melding). Dat is {} geleden. Stel het plan zo snel mogelijk vast.",
                days(n)
            ),
            (DeadlineKind::FirstPlan, DeadlineStatus::Soon { days: 0 }) => {
                format!("Het eerste plan moet vandaag ({due}) klaar zijn.")
            }
            (DeadlineKind::FirstPlan, DeadlineStatus::Soon { days: n }) => format!(
                "Het eerste plan moet over {} klaar zijn: uiterlijk {due}, een maand na de melding.",
                days(n)
            ),
            (DeadlineKind::FirstPlan, DeadlineStatus::Late { days: n }) => format!(
                "Het eerste plan is {} na de termijn vastgesteld (uiterlijk {due}).",
                days(n)
            ),
            (DeadlineKind::FirstPlan, _) => {
                format!("Het eerste plan moet uiterlijk {due} klaar zijn.")
            }
            (DeadlineKind::Review, DeadlineStatus::Overdue { days: n }) => format!(
                "De bespreking van het plan had uiterlijk {due} moeten plaatsvinden. Dat is {} geleden. Plan zo snel mogelijk een bespreking.",
                days(n)
            ),
            (DeadlineKind::Review, DeadlineStatus::Soon { days: 0 }) => {
                format!("Het plan moet vandaag ({due}) opnieuw worden besproken.")
            }
            (DeadlineKind::Review, DeadlineStatus::Soon { days: n }) => format!(
                "Het plan moet over {} opnieuw worden besproken: uiterlijk {due}.",
                days(n)
            ),
            (DeadlineKind::Review, _) => {
                format!("Het plan moet uiterlijk {due} opnieuw worden besproken.")
            }
        }
    }
}

/// A deadline's status on `today`: overdue, soon (within `warn_days`) or later. Shared by
/// the case's deadlines.
pub(crate) fn status(due: Date, today: Date, warn_days: i64) -> DeadlineStatus {
    let left = due.to_days() - today.to_days();
    if left < 0 {
        DeadlineStatus::Overdue { days: -left }
    } else if left <= warn_days {
        DeadlineStatus::Soon { days: left }
    } else {
        DeadlineStatus::Later
    }
}

/// The plan's deadlines on `today`. The first-plan deadline applies to version 1 only; the
/// review deadline once the plan has a date.
pub fn deadlines(answers: &Value, today: Date, warn_days: i64) -> Vec<Deadline> {
    let mut out = Vec::new();
    let version = super::history::version_of(answers).unwrap_or(1);
    let plan_date = super::date_at(answers, "plan.datum");
    if version <= 1
        && let Some(due) = super::date_at(answers, "meldingsdatum").and_then(|m| m.add_months(1))
    {
        let status = match plan_date.filter(|&d| d <= today) {
            Some(d) if d <= due => DeadlineStatus::Met,
            Some(d) => DeadlineStatus::Late {
                days: d.to_days() - due.to_days(),
            },
            None => status(due, today, warn_days),
        };
        out.push(Deadline {
            kind: DeadlineKind::FirstPlan,
            due,
            status,
        });
    }
    if let Some(latest) = plan_date.and_then(|d| d.add_months(3)) {
        let due = match super::date_at(answers, "volgende_bespreking") {
            Some(next) if next < latest => next,
            _ => latest,
        };
        out.push(Deadline {
            kind: DeadlineKind::Review,
            due,
            status: status(due, today, warn_days),
        });
    }
    out
}

/// Whether action item `a` is past its date and not finished.
pub fn is_overdue(action: &Value, today: Date) -> bool {
    let open = matches!(
        action.get("status").and_then(Value::as_str),
        Some("open" | "lopend") | None
    );
    let due = action
        .get("uiterlijk")
        .and_then(Value::as_str)
        .and_then(Date::parse_iso);
    open && due.is_some_and(|d| d < today)
}

/// The indices of the actions that are past their date and not finished.
pub fn overdue_actions(answers: &Value, today: Date) -> Vec<usize> {
    answers
        .get("acties")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .enumerate()
                .filter(|(_, v)| is_overdue(v, today))
                .map(|(i, _)| i)
                .collect()
        })
        .unwrap_or_default()
}
