//! One level of the scenario ladder: its fields (name, signals, who signals, who decides,
//! interventions, care intensity, secured bed, route back, supervision, meetings, when to
//! scale up and down) and buttons to move it up or down the ladder or remove it, each
//! naming the level, so the ladder can be built by keyboard alone.

use super::PlanCtx;
use super::fields::item_fields;
use super::state::{PlanAction, level_button_id};
use llk_core::Diagnostic;
use llk_core::plan::ladder;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ScenarioLevelProps {
    pub ctx: PlanCtx,
    pub index: usize,
    pub count: usize,
    pub min: usize,
    pub item: super::Part,
    pub shown: Vec<Diagnostic>,
    pub on_plan: Callback<PlanAction>,
}

#[function_component(ScenarioLevel)]
pub fn scenario_level(p: &ScenarioLevelProps) -> Html {
    let (i, n) = (p.index, p.count);
    let name = ladder::level_name(&p.item, i);
    let title_id = format!("llk-plan-level-{i}-title");
    let clinical = ladder::is_clinical(&p.item);
    let send = |a: PlanAction| {
        let cb = p.on_plan.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let position = if i == 0 {
        " (laagste niveau)"
    } else if i + 1 == n {
        " (hoogste niveau)"
    } else {
        ""
    };
    html! {
        <li class={classes!("llk-repeat__item", "llk-plan__item", "llk-plan__level", clinical.then_some("llk-plan__level--clinical"))}>
            <div role="group" aria-labelledby={title_id.clone()}>
            <p class="llk-repeat__title" id={title_id}>
                { format!("Niveau {} van {n}{position}: {name}", i + 1) }
            </p>
            if clinical {
                <p class="llk-plan__notice">{ "Klinisch niveau: leg vooraf de route terug naar reguliere zorg vast." }</p>
            }
            { item_fields(&p.ctx, "scenarios", i, &p.item, &p.shown, &["volgorde"], Vec::new()) }
            <div class="llk-button-group llk-plan__level-buttons">
                if i + 1 < n {
                    <button type="button" class="llk-button llk-button--secondary" id={level_button_id(i, "up")}
                        onclick={send(PlanAction::MoveLevel { from: i, up: true })}>
                        { format!("‘{name}’ een niveau hoger") }
                    </button>
                }
                if i > 0 {
                    <button type="button" class="llk-button llk-button--secondary" id={level_button_id(i, "down")}
                        onclick={send(PlanAction::MoveLevel { from: i, up: false })}>
                        { format!("‘{name}’ een niveau lager") }
                    </button>
                }
                if n > p.min {
                    <button type="button" class="llk-button llk-button--subtle" id={level_button_id(i, "remove")}
                        onclick={send(PlanAction::RemoveLevel { index: i })}>
                        { format!("Niveau ‘{name}’ verwijderen") }
                    </button>
                }
            </div>
        </div></li>
    }
}
