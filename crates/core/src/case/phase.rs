//! Where the case stands in the flow (DOMAIN.md, A–B and 1–6), computed from its documents:
//! the last document (in meeting order) that decides a phase sets it. Every such document
//! decides on its own answers alone, so a document filed out of order cannot leave the case
//! in a phase its history does not support.

use super::dates::date_at;
use super::{Case, Document};
use crate::Date;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// A new case: no melding yet.
    Nieuw,
    /// The aanmelding is in; the weegteam weighs it (triage, step B).
    Aangemeld,
    /// The weegteam advised the melder: the case does not go on.
    AdviesAanMelder,
    /// On to a casusoverleg of the ZVH.
    Casusoverleg,
    /// On to the inclusietafel (step 1).
    Inclusietafel,
    /// The inclusietafel postponed its decision until the terugkomdatum.
    Aangehouden { terugkomdatum: Option<Date> },
    /// Not included: the melder gets an advice.
    NietGeincludeerd { advies: Option<String> },
    /// Included; the plan is being made (steps 2–4).
    PlanInVoorbereiding { inclusiedatum: Option<Date> },
    /// A plan is adopted; reviewed at least every three months (step 5).
    PlanActief,
    /// Handed over to another ZVH, in the joint period (step 6). `received`: this is the
    /// receiving ZVH's copy, taken in with that overdracht (`receive.rs`).
    InOverdracht {
        gezamenlijk_tot: Option<Date>,
        received: bool,
    },
    /// The joint period of the overdracht has ended: the receiving ZVH carries the case.
    Overgedragen { on: Date },
    /// Excluded: the person has left the aanpak (step 6).
    Uitgestroomd { on: Date },
}

impl Phase {
    /// A stable id for hosts, filters and JSON.
    pub fn id(&self) -> &'static str {
        match self {
            Phase::Nieuw => "nieuw",
            Phase::Aangemeld => "aangemeld",
            Phase::AdviesAanMelder => "advies",
            Phase::Casusoverleg => "casusoverleg",
            Phase::Inclusietafel => "inclusietafel",
            Phase::Aangehouden { .. } => "aangehouden",
            Phase::NietGeincludeerd { .. } => "niet-geincludeerd",
            Phase::PlanInVoorbereiding { .. } => "plan-in-voorbereiding",
            Phase::PlanActief => "plan-actief",
            Phase::InOverdracht { .. } => "in-overdracht",
            Phase::Overgedragen { .. } => "overgedragen",
            Phase::Uitgestroomd { .. } => "uitgestroomd",
        }
    }

    /// Every phase id with its label, in the order of the flow (for filters).
    pub const ALL: [(&'static str, &'static str); 12] = [
        ("nieuw", "Nieuw"),
        ("aangemeld", "Aangemeld, triage door het weegteam"),
        ("advies", "Advies aan de melder"),
        ("casusoverleg", "Casusoverleg"),
        ("inclusietafel", "Inclusietafel"),
        ("aangehouden", "Aangehouden"),
        ("niet-geincludeerd", "Niet geïncludeerd"),
        (
            "plan-in-voorbereiding",
            "Geïncludeerd, plan in voorbereiding",
        ),
        ("plan-actief", "Plan actief"),
        ("in-overdracht", "In overdracht"),
        ("overgedragen", "Overgedragen"),
        ("uitgestroomd", "Uitgestroomd"),
    ];

    /// The Dutch label.
    pub fn label(&self) -> &'static str {
        let id = self.id();
        Phase::ALL
            .iter()
            .find(|(i, _)| *i == id)
            .map_or("", |(_, l)| l)
    }

    /// A sentence with the phase's own dates.
    pub fn description(&self) -> String {
        match self {
            Phase::Aangehouden {
                terugkomdatum: Some(d),
            } => format!("Aangehouden tot {}", d.to_dutch()),
            Phase::NietGeincludeerd { advies: Some(a) } => {
                format!("Niet geïncludeerd. Advies aan de melder: {a}")
            }
            Phase::PlanInVoorbereiding {
                inclusiedatum: Some(d),
            } => format!("Geïncludeerd op {}, plan in voorbereiding", d.to_dutch()),
            Phase::InOverdracht {
                gezamenlijk_tot: Some(d),
                ..
            } => format!("In overdracht, gezamenlijke periode tot {}", d.to_dutch()),
            Phase::Overgedragen { on } => format!("Overgedragen op {}", on.to_dutch()),
            Phase::Uitgestroomd { on } => format!("Uitgestroomd op {}", on.to_dutch()),
            other => other.label().to_string(),
        }
    }

    /// Whether the case has ended here: no deadlines run any more and the store's retention
    /// period starts.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Phase::AdviesAanMelder
                | Phase::NietGeincludeerd { .. }
                | Phase::Overgedragen { .. }
                | Phase::Uitgestroomd { .. }
        )
    }

    /// The form of the next step ("Volgende stap"); `None` when the case has ended.
    pub fn next_form(&self) -> Option<&'static str> {
        Some(match self {
            Phase::Nieuw => "aanmelding",
            Phase::Aangemeld => "triage",
            Phase::Casusoverleg | Phase::Inclusietafel | Phase::Aangehouden { .. } => "inclusie",
            Phase::PlanInVoorbereiding { .. } => "levensloopplan",
            Phase::PlanActief => "herhaald-agenderen",
            // The receiving ZVH holds the (joint) review meetings, not another overdracht.
            Phase::InOverdracht { received: true, .. } => "herhaald-agenderen",
            Phase::InOverdracht { .. } => "overdracht",
            _ => return None,
        })
    }
}

fn choice<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    path.split('.')
        .try_fold(v, |cur, seg| cur.get(seg))
        .and_then(Value::as_str)
}

/// The phase one document decides, if it decides one (a toestemming does not).
pub fn decided_by(doc: &Document, today: Date) -> Option<Phase> {
    let a = &doc.submission.answers;
    let text = |p: &str| super::dates::text_at(a, p);
    Some(match doc.submission.form.as_str() {
        "aanmelding" => Phase::Aangemeld,
        "triage" => match choice(a, "uitkomst")? {
            "advies" => Phase::AdviesAanMelder,
            "casusoverleg" => Phase::Casusoverleg,
            _ => Phase::Inclusietafel,
        },
        "inclusie" => match choice(a, "besluit.uitkomst")? {
            "inclusie" => Phase::PlanInVoorbereiding {
                inclusiedatum: date_at(a, "toewijzing.inclusiedatum"),
            },
            "niet-geincludeerd" => Phase::NietGeincludeerd {
                advies: text("advies.tekst").map(str::to_string),
            },
            _ => Phase::Aangehouden {
                terugkomdatum: date_at(a, "aanhouden.terugkomdatum"),
            },
        },
        "levensloopplan" | "herhaald-agenderen" => Phase::PlanActief,
        "overdracht" => {
            let until = date_at(a, "warm.gezamenlijk_tot");
            match until {
                Some(end) if end < today => Phase::Overgedragen { on: end },
                _ => Phase::InOverdracht {
                    gezamenlijk_tot: until,
                    received: false,
                },
            }
        }
        "exclusiebesluit" => match choice(a, "besluit.uitkomst")? {
            "exclusie" => Phase::Uitgestroomd {
                on: super::dates::document_date(doc)?,
            },
            _ => Phase::PlanActief,
        },
        _ => return None,
    })
}

/// The case's phase on `today`. A case the receiving ZVH took in (`receive.rs`) is not
/// closed when the joint period of the overdracht it came with ends: the plan runs on there.
pub fn phase(case: &Case, today: Date) -> Phase {
    let decided = case
        .documents_in_order()
        .into_iter()
        .rev()
        .find_map(|d| decided_by(d, today).map(|p| (d.seq, p)));
    match decided {
        Some((seq, Phase::Overgedragen { .. })) if case.received_with(seq) => Phase::PlanActief,
        Some((
            seq,
            Phase::InOverdracht {
                gezamenlijk_tot, ..
            },
        )) => Phase::InOverdracht {
            gezamenlijk_tot,
            received: case.received_with(seq),
        },
        Some((_, p)) => p,
        None => Phase::Nieuw,
    }
}
