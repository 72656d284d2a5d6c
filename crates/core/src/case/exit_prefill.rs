//! The exclusiebesluit opened from a case: its `dossier` group filled with what the case
//! shows ([`super::exit`]) and the sources, and the criteria proposed from it. The form's
//! rules then check the answers against the `dossier` answers, in the browser as in
//! `llk validate`; [`readonly_changed`] keeps those answers what the case said.

use super::Case;
use super::exit::{ExitReadiness, FactorMoment, Source, exit_readiness_in};
use super::prefill::Proposal;
use super::timeline::form_label;
use crate::catalog::Catalog;
use crate::def::FormDef;
use crate::path::DataPath;
use crate::{Date, plan};
use serde_json::{Value, json};

/// The field that says on which day the `dossier` facts were computed.
pub const AS_OF: &str = "dossier.peildatum";

pub(super) fn exclusiebesluit(p: &mut Proposal, case: &Case, catalog: &Catalog, today: Date) {
    let exit = exit_readiness_in(case, catalog, today);
    let s = &exit.stability;
    let iso = |d: Option<Date>| d.map(|d| json!(d.to_string()));
    p.set(AS_OF, iso(Some(today)));
    p.set("dossier.stabiel_sinds", iso(s.since));
    p.set(
        "dossier.stabiel_na",
        s.from.as_ref().map(|f| json!(f.dutch())),
    );
    p.set(
        "dossier.binnen",
        s.inside.map(|(seq, detention, on)| {
            json!(format!(
                "{} sinds {} (gebeurtenis {seq})",
                if detention {
                    "in detentie"
                } else {
                    "in klinische opname"
                },
                on.to_dutch()
            ))
        }),
    );
    p.set("dossier.dagen_buiten", Some(json!(s.days_outside)));
    p.set("dossier.factoren", Some(json!(exit.factors.held)));
    p.set("dossier.factoren_bron", Some(json!(factor_sources(&exit))));
    let t = &exit.taxatie;
    if let Some(latest) = &t.latest {
        p.set("dossier.taxatie_datum", iso(Some(latest.on)));
        p.set("dossier.taxatie_uitkomst", Some(json!(latest.outcome)));
        p.set("dossier.taxatie_te_oud", Some(json!(t.too_old)));
        let mut text = format!("de laatste: {}", latest.dutch());
        if let Some(prev) = &t.previous {
            text.push_str(&format!("; de vorige: {}", prev.dutch()));
        }
        p.set("dossier.taxatie", Some(json!(text)));
    } else {
        p.set(
            "dossier.taxatie",
            Some(json!("nog geen risicotaxatie in het dossier")),
        );
    }

    // The criteria as the case proposes them; the meeting completes and may change them.
    p.set("criterium1.stabiel_sinds", iso(s.since));
    p.set("criterium1.buiten", Some(json!(s.inside.is_none())));
    if let (Some(since), Some(from)) = (s.since, &s.from) {
        p.set(
            "criterium1.onderbouwing",
            Some(json!(format!(
                "Volgens het dossier stabiel en ‘buiten’ sinds {}, gerekend vanaf {}. {} van de {} dagen in de laatste twee jaar ‘buiten’.",
                since.to_dutch(),
                from.dutch(),
                s.days_outside,
                s.days_in_window
            ))),
        );
    }
    if !exit.factors.held.is_empty() {
        p.set("criterium2.factoren", Some(json!(exit.factors.held)));
    }
    if let Some(latest) = &t.latest {
        p.set("criterium3.instrument", Some(json!(latest.instrument)));
        if latest.instrument == "anders" {
            p.set(
                "criterium3.instrument_anders",
                Some(json!(latest.instrument_name)),
            );
        }
        p.set("criterium3.datum", iso(Some(latest.on)));
        p.set(
            "criterium3.uitvoerder_naam",
            latest.by.clone().map(Value::from),
        );
        p.set(
            "criterium3.uitvoerder_organisatie",
            latest.organisation.clone().map(Value::from),
        );
        p.set("criterium3.uitkomst", Some(json!(latest.outcome)));
        p.set(
            "criterium3.vorige_datum",
            iso(t.previous.as_ref().map(|p| p.on)),
        );
    }
}

fn moment(m: &FactorMoment) -> String {
    let what = match &m.source {
        Source::Document(_, form) if form == plan::PLAN_FORM => "het levensloopplan",
        Source::Document(_, form) if form == plan::REVIEW_FORM => "de bespreking",
        Source::Document(_, form) => form_label(form),
        _ => "het dossier",
    };
    format!(
        "{what} van {} (document {})",
        m.on.to_dutch(),
        m.source.seq()
    )
}

/// Which factors held, where they were named, and which were no longer named, in one
/// sentence without its full stop (the rule's message ends it).
fn factor_sources(exit: &ExitReadiness) -> String {
    let f = &exit.factors;
    if f.moments.is_empty() {
        return "de beschermende factoren zijn nog niet kort vastgelegd in het plan of de besprekingen".into();
    }
    let moments: Vec<String> = f.moments.iter().map(moment).collect();
    let label = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| {
                super::exit::FACTORS
                    .iter()
                    .find(|(v, _)| v == id)
                    .map_or(id.as_str(), |(_, n)| n)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = if f.held.is_empty() {
        format!("geen factor is steeds genoemd in {}", moments.join(", "))
    } else {
        format!(
            "steeds genoemd in {}: {}",
            moments.join(", "),
            label(&f.held)
        )
    };
    if !f.lost.is_empty() {
        out.push_str(&format!("; niet meer genoemd: {}", label(&f.lost)));
    }
    out
}

/// The read-only answers of `def` in `answers` that are not what the case proposed, by
/// path. The proposal is made again on the day the form's facts were computed
/// ([`AS_OF`]) when the form has one, so a form opened yesterday and filed today is not
/// refused for the day count alone; a case that changed in between is.
pub fn readonly_changed(
    def: &FormDef,
    case: &Case,
    catalog: &Catalog,
    answers: &Value,
    today: Date,
) -> Vec<String> {
    let readonly: Vec<&str> = def
        .fields
        .iter()
        .filter(|f| f.readonly)
        .map(|f| f.path.as_str())
        .collect();
    if readonly.is_empty() {
        return Vec::new();
    }
    let as_of = DataPath::parse(AS_OF)
        .and_then(|p| p.get(answers))
        .and_then(Value::as_str)
        .and_then(Date::parse_iso)
        .filter(|d| *d <= today)
        .unwrap_or(today);
    let proposed = super::prefill::prefill(case, catalog, &def.id, as_of);
    let at = |v: &Value, path: &str| {
        DataPath::parse(path)
            .and_then(|p| p.get(v).cloned())
            .filter(crate::answers::is_filled)
    };
    readonly
        .into_iter()
        .filter(|path| at(answers, path) != at(&proposed, path))
        .map(str::to_string)
        .collect()
}
