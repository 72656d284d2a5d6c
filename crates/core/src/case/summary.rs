//! One line of the caseload: who, where in the flow, and what needs attention first.

use super::Case;
use super::deadlines::{CaseDeadline, WARN_DAYS, case_deadlines};
use super::phase::{Phase, phase};
use crate::Date;
use crate::plan::DeadlineStatus;
use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq)]
pub struct CaseSummary {
    pub id: String,
    /// The person's name; `None` before any document names them.
    pub name: Option<String>,
    pub phase: Phase,
    /// The open deadlines, most urgent first.
    pub deadlines: Vec<CaseDeadline>,
    /// Documents and events in the case.
    pub entries: usize,
    /// The date of the last document or event.
    pub last_entry: Option<Date>,
    /// All three uitstroom criteria shown by the case ([`super::exit`]): "klaar voor
    /// uitstroomgesprek".
    pub exit_ready: bool,
}

/// [`summary`] with the region's limit on a risicotaxatie's age (the catalog's).
pub fn summary_in(case: &Case, catalog: &crate::Catalog, today: Date) -> CaseSummary {
    summary_with(
        case,
        today,
        super::exit::taxatie_max_months(catalog, &case.region),
    )
}

/// The summary with the national default limit on a risicotaxatie's age.
pub fn summary(case: &Case, today: Date) -> CaseSummary {
    summary_with(case, today, crate::def::DEFAULT_RISICOTAXATIE_MAX_MONTHS)
}

fn summary_with(case: &Case, today: Date, taxatie_max_months: u32) -> CaseSummary {
    let deadlines: Vec<CaseDeadline> = case_deadlines(case, today, WARN_DAYS)
        .into_iter()
        .filter(CaseDeadline::is_open)
        .collect();
    let last_doc = case
        .documents_in_order()
        .last()
        .and_then(|d| super::dates::document_date(d));
    let last_event = case.events_in_order().last().and_then(|e| e.date());
    let phase = phase(case, today);
    // Only an active case can be ready to leave: a closed one has left.
    let exit_ready = matches!(phase, Phase::PlanActief | Phase::InOverdracht { .. })
        && super::exit::exit_readiness(case, today, taxatie_max_months).ready;
    CaseSummary {
        id: case.id.clone(),
        name: case.person().name,
        phase,
        exit_ready,
        deadlines,
        entries: case.documents.len() + case.events.len(),
        last_entry: last_doc.max(last_event),
    }
}

/// How a case is named to the user: the person, or its id before a document names them.
pub fn display_name(name: Option<&str>, id: &str) -> String {
    name.map_or_else(|| format!("Dossier {id} (nog geen naam)"), str::to_string)
}

impl CaseSummary {
    /// The deadline to show first.
    pub fn next_deadline(&self) -> Option<&CaseDeadline> {
        self.deadlines.first()
    }

    /// Overdue, or due within the warning period.
    pub fn needs_attention(&self) -> bool {
        self.deadlines.iter().any(|d| {
            matches!(
                d.status,
                DeadlineStatus::Overdue { .. } | DeadlineStatus::Soon { .. }
            )
        })
    }

    /// How the caseload names the person (a case without a name yet by its id).
    pub fn display_name(&self) -> String {
        display_name(self.name.as_deref(), &self.id)
    }

    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "phase": self.phase.id(),
            "phase_label": self.phase.label(),
            "phase_description": self.phase.description(),
            "next_form": self.phase.next_form(),
            "attention": self.needs_attention(),
            "deadlines": self.deadlines.iter().map(CaseDeadline::to_json).collect::<Vec<_>>(),
            "entries": self.entries,
            "last_entry": self.last_entry.map(|d| d.to_string()),
            "exit_ready": self.exit_ready,
        })
    }
}
