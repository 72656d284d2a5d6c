//! The scenario builder: the ordered ladder of levels (lowest first), a box to add a level
//! by name, and the ladder diagram beside it. Ladder changes are announced in a live
//! region, and focus follows the level that moved.

use super::fields::{page_intro, page_title, shown_under};
use super::state::{NEW_LEVEL_ID, PlanAction};
use super::{DiagramLevel, LadderDiagram, PlanCtx, ScenarioLevel};
use crate::dom_id;
use llk_core::Diagnostic;
use llk_core::answers::is_filled;
use llk_core::plan::ladder;
use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ScenarioBuilderProps {
    pub ctx: PlanCtx,
    pub levels: Vec<super::Part>,
    pub shown: Vec<Diagnostic>,
    /// The last ladder change in words.
    pub announce: AttrValue,
    pub min: usize,
    pub max: usize,
    pub on_plan: Callback<PlanAction>,
}

/// The levels as the diagram draws them.
pub(crate) fn diagram_levels(ctx: &PlanCtx, levels: &[super::Part]) -> Vec<DiagramLevel> {
    let intensity = ctx.def.field("scenarios.zorgintensiteit");
    levels
        .iter()
        .enumerate()
        .map(|(i, l)| DiagramLevel {
            name: ladder::level_name(l, i),
            intensity: l
                .get("zorgintensiteit")
                .and_then(Value::as_str)
                .map(|v| {
                    intensity
                        .and_then(|f| f.option_label(v))
                        .unwrap_or(v)
                        .to_string()
                })
                .unwrap_or_default(),
            clinical: ladder::is_clinical(l),
            route: l.get("route_terug").is_some_and(is_filled),
            up: l.get("opschalen").is_some_and(is_filled),
            down: l.get("afschalen").is_some_and(is_filled),
        })
        .collect()
}

#[function_component(ScenarioBuilder)]
pub fn scenario_builder(p: &ScenarioBuilderProps) -> Html {
    let name = use_state(String::new);
    let n = p.levels.len();
    let id = dom_id("scenarios");
    let (msgs, _) = crate::field::messages(&id, &p.shown, "scenarios");
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (cb, name) = (p.on_plan.clone(), name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            cb.emit(PlanAction::AddLevel {
                at: n,
                name: (*name).clone(),
            });
            name.set(String::new());
        })
    };
    html! {
        <section class="llk-plan__section" aria-labelledby="llk-plan-sec-scenarios">
            <h3 class="llk-heading-3" id="llk-plan-sec-scenarios">{ page_title(&p.ctx, "scenarios") }</h3>
            if let Some(intro) = page_intro(&p.ctx, "scenarios") { <p class="llk-form__page-intro">{ intro }</p> }
            <p class="llk-form-field__description">
                { "Niveau 1 is het laagste niveau. Met de knoppen bij een niveau zet u het hoger of lager op de ladder; de nummers passen zich vanzelf aan." }
            </p>
            <div id={id.clone()} tabindex="-1">{ msgs }</div>
            <p class="llk-plan__live" role="status" aria-live="polite">{ p.announce.clone() }</p>
            <div class="llk-plan__scenarios">
                <ol class="llk-plan__list llk-plan__ladder">
                    { for p.levels.iter().enumerate().map(|(i, l)| html! {
                        <ScenarioLevel key={i} ctx={p.ctx.clone()} index={i} count={n} min={p.min} item={l.clone()}
                            shown={shown_under(&p.shown, &format!("scenarios[{i}]"))} on_plan={p.on_plan.clone()} />
                    }) }
                </ol>
                <LadderDiagram levels={diagram_levels(&p.ctx, &p.levels)} />
            </div>
            if n < p.max {
                <form class="llk-plan__add-level" novalidate=true {onsubmit}>
                    <label class="llk-form-label" for={NEW_LEVEL_ID}>{ "Naam van een nieuw niveau" }</label>
                    <p class="llk-form-field__description" id={format!("{NEW_LEVEL_ID}-help")}>
                        { "Het nieuwe niveau komt bovenaan de ladder. Zet het daarna op zijn plaats." }
                    </p>
                    <input class="llk-textbox llk-textbox--l" type="text" id={NEW_LEVEL_ID} value={(*name).clone()}
                        aria-describedby={format!("{NEW_LEVEL_ID}-help")} autocomplete="off" {oninput} />
                    <button type="submit" class="llk-button llk-button--secondary">{ "Niveau toevoegen" }</button>
                </form>
            } else {
                <p>{ format!("De ladder heeft het maximum van {} niveaus.", p.max) }</p>
            }
        </section>
    }
}
