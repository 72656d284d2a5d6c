//! Goals by horizon, starting from the long term (wonen en verblijf, required: the plan is
//! invalid without it), then the goals for the middellange and korte termijn, shown in
//! that order, each added with its horizon already chosen.

use super::PlanCtx;
use super::fields::{item_fields, page_intro, page_title, section_fields, shown_under};
use crate::dom_id;
use crate::state::Action;
use llk_core::Diagnostic;
use serde_json::{Value, json};
use yew::prelude::*;

/// The horizons after the long term, in the order they are shown.
const HORIZONS: &[(&str, &str)] = &[
    ("middellang", "Middellange termijn"),
    ("kort", "Korte termijn"),
];

#[derive(Debug, Properties, PartialEq)]
pub struct GoalProps {
    pub ctx: PlanCtx,
    pub index: usize,
    pub item: super::Part,
    pub shown: Vec<Diagnostic>,
    pub removable: bool,
}

#[function_component(Goal)]
pub fn goal(p: &GoalProps) -> Html {
    let title_id = format!("llk-plan-goal-{}-title", p.index);
    let remove = {
        let (cb, index) = (p.ctx.on_action.clone(), p.index);
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::RemoveItem {
                group: "doelen".into(),
                index,
            })
        })
    };
    html! {
        <li class="llk-repeat__item llk-plan__item">
            <div role="group" aria-labelledby={title_id.clone()}>
            <p class="llk-repeat__title" id={title_id}>{ format!("Doel {}", p.index + 1) }</p>
            { item_fields(&p.ctx, "doelen", p.index, &p.item, &p.shown, &[], Vec::new()) }
            if p.removable {
                <button type="button" class="llk-button llk-button--subtle" onclick={remove}>
                    { format!("Doel {} verwijderen", p.index + 1) }
                </button>
            }
        </div></li>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct GoalsEditorProps {
    pub ctx: PlanCtx,
    /// `{ "lange_termijn": … }`.
    pub long_term: super::Part,
    pub goals: Vec<super::Part>,
    pub shown: Vec<Diagnostic>,
    pub min: usize,
    pub max: usize,
}

#[function_component(GoalsEditor)]
pub fn goals_editor(p: &GoalsEditorProps) -> Html {
    let ctx = &p.ctx;
    let id = dom_id("doelen");
    let (msgs, ids) = crate::field::messages(&id, &p.shown, "doelen");
    let n = p.goals.len();
    let horizon_of = |g: &Value| g.get("termijn").and_then(Value::as_str).map(str::to_string);
    let group = |value: Option<&str>, title: &str| {
        let items: Vec<(usize, &super::Part)> = p
            .goals
            .iter()
            .enumerate()
            .filter(|(_, g)| horizon_of(g).as_deref() == value)
            .collect();
        if items.is_empty() && value.is_none() {
            return html! {};
        }
        let add = value.map(|v| {
            let (cb, v, n) = (ctx.on_action.clone(), v.to_string(), n);
            Callback::from(move |_: MouseEvent| {
                cb.emit(Action::AddItem {
                    group: "doelen".into(),
                });
                cb.emit(Action::Commit {
                    path: format!("doelen[{n}].termijn"),
                    value: json!(v),
                });
            })
        });
        let hid = format!("llk-plan-goals-{}", value.unwrap_or("zonder"));
        html! {
            <div class="llk-plan__horizon" role="group" aria-labelledby={hid.clone()}>
                <h4 class="llk-heading-4" id={hid}>{ title }</h4>
                if items.is_empty() { <p>{ "Nog geen doelen voor deze termijn." }</p> }
                <ul class={super::list_class(items.len())}>
                    { for items.into_iter().map(|(i, g)| html! {
                        <Goal key={i} ctx={ctx.clone()} index={i} item={g.clone()}
                            shown={shown_under(&p.shown, &format!("doelen[{i}]"))} removable={n > p.min} />
                    }) }
                </ul>
                if let (Some(onclick), true) = (add, n < p.max) {
                    <button type="button" id={if value == Some("middellang") { format!("{id}-add") } else { format!("{id}-add-{}", value.unwrap_or_default()) }} class="llk-button llk-button--secondary" {onclick}>
                        { format!("Doel voor de {} toevoegen", llk_core::text::lowercase(title)) }
                    </button>
                }
            </div>
        }
    };
    html! {
        <section class="llk-plan__section" aria-labelledby="llk-plan-sec-doelen">
            <h3 class="llk-heading-3" id="llk-plan-sec-doelen">{ page_title(ctx, "doelen") }</h3>
            if let Some(intro) = page_intro(ctx, "doelen") { <p class="llk-form__page-intro">{ intro }</p> }
            { section_fields(ctx, &["lange_termijn"], &p.long_term, &p.shown) }
            <div id={id.clone()} tabindex="-1" aria-describedby={(!ids.is_empty()).then(|| ids.join(" "))}>{ msgs }</div>
            { for HORIZONS.iter().map(|(v, t)| group(Some(v), t)) }
            { group(None, "Termijn nog niet gekozen") }
        </section>
    }
}
