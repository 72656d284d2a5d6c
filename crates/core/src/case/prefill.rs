//! The next form's answers taken from the case, so that nothing the case knows is typed
//! twice: the person, the meldingsdatum, the inclusiedatum, the team and its roles, the
//! current plan version with its fingerprint, the region's ZVH. The user may change any of
//! them; [`changed`] then records what the case proposed beside the answer.
//!
//! A proposal never makes a form invalid: a value the target field does not accept (an
//! organisation that is not in that field's list, say) is left out rather than prefilled.

use super::deadlines::{Consent, consent_history, melding_date};
use super::history::{current_plan, plan_fingerprint};
use super::{Case, Event};
use crate::catalog::Catalog;
use crate::path::DataPath;
use crate::plan::history::review_prefill;
use crate::{Date, Severity, validate};
use serde_json::{Map, Value, json};

/// The proposed answers of `form` for this case on `today` (an empty object when the case
/// knows nothing for it).
pub fn prefill(case: &Case, catalog: &Catalog, form: &str, today: Date) -> Value {
    let mut p = Proposal::default();
    let person = case.person();
    let text = |doc_form: &str, path: &str| -> Option<Value> {
        case.latest(doc_form).and_then(|d| {
            DataPath::parse(path)?
                .get(&d.submission.answers)
                .filter(|v| !v.is_null() && v.as_str() != Some(""))
                .cloned()
        })
    };
    let iso = |d: Option<Date>| d.map(|d| json!(d.to_string()));
    let name = person.name.clone().map(Value::from);
    let birth = iso(person.birth_date);
    let melding = iso(melding_date(case));
    let inclusiedatum = text("inclusie", "toewijzing.inclusiedatum");
    let region_zvh = catalog
        .region(&case.region)
        .and_then(|r| r.zvh.clone())
        .map(Value::from);
    let plan = current_plan(case);
    let plan_at = |path: &str| {
        plan.as_ref().and_then(|a| {
            DataPath::parse(path)?
                .get(a)
                .filter(|v| !v.is_null())
                .cloned()
        })
    };

    match form {
        "triage" => {
            p.set("melding.datum", melding);
            p.set("persoon.naam", name);
            p.set("persoon.geboortedatum", birth);
        }
        "inclusie" => {
            p.set("melding.datum", melding);
            p.set(
                "melding.organisatie",
                text("aanmelding", "melder.organisatie"),
            );
            p.set(
                "persoon.initialen",
                person
                    .name
                    .as_deref()
                    .map(crate::anonymise::initials)
                    .filter(|s| !s.is_empty())
                    .map(Value::from),
            );
            p.set("persoon.geboortejaar", person.birth_year.map(Value::from));
            p.set("persoon.gemeente", person.gemeente.clone().map(Value::from));
        }
        "toestemming" => {
            p.set("client.naam", name);
            p.set("client.geboortedatum", birth);
            p.set("client.inclusiedatum", inclusiedatum);
            if text("aanmelding", "vertegenwoordiging")
                .as_ref()
                .and_then(Value::as_str)
                == Some("ja")
            {
                p.set("vertegenwoordiging", Some(json!(true)));
                for key in ["naam", "organisatie", "telefoon"] {
                    let path = format!("vertegenwoordiger.{key}");
                    p.set(&path, text("aanmelding", &path));
                }
            }
        }
        "levensloopplan" => {
            if let Some(current) = &plan {
                // The plan as it stands, to adjust: the editor makes it the next version.
                p.answers = current.clone();
            } else {
                p.set("plan.versie", Some(json!(1)));
            }
            p.set("persoon.naam", name);
            p.set("persoon.geboortedatum", birth);
            p.set("persoon.bsn", person.bsn.clone().map(Value::from));
            p.set("zvh", region_zvh);
            p.set("meldingsdatum", melding);
            p.set("inclusiedatum", inclusiedatum);
            let t = |path: &str| text("inclusie", &format!("toewijzing.{path}"));
            p.set("procesregisseur.naam", t("procesregisseur"));
            p.set("coordinator.naam", t("coordinator"));
            p.set("coordinator.organisatie", t("levensloopaanbieder"));
            p.set("gemeentelijk_regisseur.naam", t("regisseur"));
            p.set(
                "gemeentelijk_regisseur.organisatie",
                t("regisseur_gemeente"),
            );
            p.set("wlz.indicatie", t("wlz"));
        }
        "herhaald-agenderen" => {
            if let Some(current) = &plan {
                p.answers = review_prefill(current);
                if let Some(Value::Array(acties)) = p.answers.get_mut("acties") {
                    acties.retain(|a| a.get("status").and_then(Value::as_str) != Some("afgerond"));
                }
            }
            p.set("persoon.naam", name);
            p.set("persoon.geboortedatum", birth);
        }
        "overdracht" => {
            p.set("persoon.naam", name);
            p.set("persoon.geboortedatum", birth);
            p.set("persoon.bsn", person.bsn.clone().map(Value::from));
            p.set("persoon.gemeente", person.gemeente.clone().map(Value::from));
            p.set("overdracht.verzendend_zvh", region_zvh);
            if let Some(move_) = latest_event(case, "verhuizing") {
                p.set("overdracht.reden", Some(json!("verhuizing")));
                p.set(
                    "overdracht.ontvangend_zvh",
                    move_.answers.pointer("/verhuizing/naar_zvh").cloned(),
                );
                p.set("overdracht.verhuisdatum", iso(move_.date()));
            }
            p.set("plan.inclusiedatum", inclusiedatum);
            p.set("plan.versie", plan_at("plan.versie"));
            p.set("plan.datum", plan_at("plan.datum"));
            p.set(
                "plan.vingerafdruk",
                plan.as_ref().map(|a| json!(plan_fingerprint(a))),
            );
            if let Some((on, Consent::Given { .. })) = consent_history(case).last() {
                p.set("toestemming.aanwezig", Some(json!("ja")));
                p.set("toestemming.datum", iso(Some(*on)));
            }
            p.set(
                "procesregisseur_verzendend.naam",
                plan_at("procesregisseur.naam"),
            );
            p.set("coordinator_oud.naam", plan_at("coordinator.naam"));
            p.set(
                "coordinator_oud.organisatie",
                plan_at("coordinator.organisatie"),
            );
        }
        "exclusiebesluit" => {
            p.set("persoon.naam", name);
            p.set("persoon.geboortedatum", birth);
            p.set("inclusiedatum", inclusiedatum);
            super::exit_prefill::exclusiebesluit(&mut p, case, catalog, today);
        }
        _ => {}
    }
    without_invalid(p.answers, catalog, form, &case.region, today)
}

fn latest_event<'a>(case: &'a Case, kind: &str) -> Option<&'a Event> {
    case.events_in_order()
        .into_iter()
        .rev()
        .find(|e| e.kind() == kind)
}

#[derive(Default)]
pub(super) struct Proposal {
    pub(super) answers: Value,
}

impl Proposal {
    pub(super) fn set(&mut self, path: &str, value: Option<Value>) {
        if let (Some(p), Some(v)) = (DataPath::parse(path), value.filter(|v| !v.is_null())) {
            if self.answers.is_null() {
                self.answers = json!({});
            }
            p.set(&mut self.answers, v);
        }
    }
}

/// The proposal without the values its form refuses (the required answers it cannot give
/// are the user's to give, so those are not a reason to drop anything).
fn without_invalid(
    mut answers: Value,
    catalog: &Catalog,
    form: &str,
    region: &str,
    today: Date,
) -> Value {
    if answers.is_null() {
        return json!({});
    }
    let Some(def) = catalog.form(form, region) else {
        return answers;
    };
    for d in validate::validate(def, &answers, today) {
        if d.severity != Severity::Error || d.code == "required" {
            continue;
        }
        if let Some(p) = DataPath::parse(&d.path)
            && p.get(&answers).is_some()
        {
            p.set(&mut answers, Value::Null);
        }
    }
    answers
}

/// Where the answers differ from what the case proposed: each proposed leaf (an array counts
/// as one) the user changed, with the proposal, keyed by its path.
pub fn changed(proposed: &Value, answers: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    walk(proposed, &mut String::new(), &mut |path, v| {
        let given = DataPath::parse(path).and_then(|p| p.get(answers));
        if given != Some(v) {
            out.insert(path.to_string(), v.clone());
        }
    });
    out
}

fn walk(v: &Value, path: &mut String, f: &mut dyn FnMut(&str, &Value)) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                walk(child, path, f);
                path.truncate(len);
            }
        }
        Value::Null => {}
        _ if path.is_empty() => {}
        leaf => f(path, leaf),
    }
}
