//! The head of the plan: who the plan is about, the ZVH, the dates of the aanpak, the
//! Wlz check and who has the regie, with the version and date of the plan. A summary line
//! on top says at a glance which plan this is.

use super::PlanCtx;
use super::fields::{page_intro, page_title, section_fields};
use llk_core::Diagnostic;
use serde_json::Value;
use yew::prelude::*;

/// The answer keys this component owns.
pub const HEADER_KEYS: &[&str] = &[
    "plan",
    "persoon",
    "zvh",
    "meldingsdatum",
    "inclusiedatum",
    "wlz",
    "procesregisseur",
    "coordinator",
    "gemeentelijk_regisseur",
];

#[derive(Debug, Properties, PartialEq)]
pub struct PlanHeaderProps {
    pub ctx: PlanCtx,
    /// The answers of [`HEADER_KEYS`].
    pub answers: super::Part,
    pub shown: Vec<Diagnostic>,
}

/// "Levensloopplan van …, versie n van <date>": which plan this is, at a glance.
pub fn plan_summary(a: &Value) -> String {
    let name = a
        .pointer("/persoon/naam")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty());
    let version = a.pointer("/plan/versie").and_then(Value::as_u64);
    let date = a
        .pointer("/plan/datum")
        .and_then(Value::as_str)
        .and_then(llk_core::Date::parse_iso)
        .map(llk_core::Date::to_dutch);
    let mut s = format!(
        "Levensloopplan van {}",
        name.unwrap_or("(naam nog niet ingevuld)")
    );
    if let Some(v) = version {
        s.push_str(&format!(", versie {v}"));
    }
    if let Some(d) = date {
        s.push_str(&format!(" van {d}"));
    }
    s
}

#[function_component(PlanHeader)]
pub fn plan_header(p: &PlanHeaderProps) -> Html {
    let (left, right) = HEADER_KEYS.split_at(6);
    html! {
        <>
            <section class="llk-plan__section" aria-labelledby="llk-plan-sec-plan">
                <h3 class="llk-heading-3" id="llk-plan-sec-plan">{ page_title(&p.ctx, "plan") }</h3>
                <p class="llk-plan__summary">{ plan_summary(&p.answers) }</p>
                if let Some(intro) = page_intro(&p.ctx, "plan") { <p class="llk-form__page-intro">{ intro }</p> }
                { section_fields(&p.ctx, left, &p.answers, &p.shown) }
            </section>
            <section class="llk-plan__section" aria-labelledby="llk-plan-sec-regie">
                <h3 class="llk-heading-3" id="llk-plan-sec-regie">{ page_title(&p.ctx, "regie") }</h3>
                if let Some(intro) = page_intro(&p.ctx, "regie") { <p class="llk-form__page-intro">{ intro }</p> }
                { section_fields(&p.ctx, right, &p.answers, &p.shown) }
            </section>
        </>
    }
}
