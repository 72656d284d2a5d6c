//! Action points: what, who (a member of the team, chosen from the team's names or
//! typed), by when, status. Overdue ones (past their date, not finished) stand out with a
//! visible "Achterstallig" label in their title and a border, not by colour alone.

use super::PlanCtx;
use super::fields::{item_fields, page_intro, page_title, shown_under};
use crate::state::Action;
use crate::{SelectInput, dom_id};
use llk_core::Diagnostic;
use serde_json::{Value, json};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ActionItemProps {
    pub ctx: PlanCtx,
    pub index: usize,
    pub item: super::Part,
    pub overdue: bool,
    /// The names on the team, for "who".
    pub team: Rc<Vec<String>>,
    pub shown: Vec<Diagnostic>,
    pub removable: bool,
}

fn who_field(p: &ActionItemProps) -> Html {
    let path = format!("acties[{}].wie", p.index);
    let id = dom_id(&path);
    let f = p.ctx.def.field("acties.wie");
    let label = f.map(|f| f.label.clone()).unwrap_or_default();
    let help = f.and_then(|f| f.help.clone());
    let (msgs, mut ids) = crate::field::messages(&id, &p.shown, &path);
    let invalid = p
        .shown
        .iter()
        .any(|d| d.path == path && d.severity == llk_core::Severity::Error);
    let help_id = format!("{id}-help");
    if help.is_some() {
        ids.push(help_id.clone());
    }
    let selected = p
        .item
        .get("wie")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let options: Vec<(String, String)> = p.team.iter().map(|n| (n.clone(), n.clone())).collect();
    let commit = {
        let (cb, path) = (p.ctx.on_action.clone(), path.clone());
        Callback::from(move |v: Option<String>| {
            cb.emit(Action::Commit {
                path: path.clone(),
                value: v.map_or(Value::Null, |s| json!(s)),
            })
        })
    };
    let input = {
        let (cb, path) = (p.ctx.on_action.clone(), path.clone());
        Callback::from(move |v: Option<String>| {
            cb.emit(Action::Input {
                path: path.clone(),
                value: v.map_or(Value::Null, |s| json!(s)),
            })
        })
    };
    html! {
        <div class={classes!("llk-form-field", invalid.then_some("llk-form-field--invalid"))}>
            <label class="llk-form-label" for={id.clone()}>{ label }<span class="llk-form-label__required">{ " (verplicht)" }</span></label>
            if let Some(h) = help { <p class="llk-form-field__description" id={help_id}>{ h }</p> }
            { msgs }
            <SelectInput id={id} {options} {selected} allow_other=true {invalid} required=true
                described_by={(!ids.is_empty()).then(|| AttrValue::from(ids.join(" ")))}
                on_select={commit} on_input={input} />
        </div>
    }
}

#[function_component(ActionItem)]
pub fn action_item(p: &ActionItemProps) -> Html {
    let title_id = format!("llk-plan-action-{}-title", p.index);
    let remove = {
        let (cb, index) = (p.ctx.on_action.clone(), p.index);
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::RemoveItem {
                group: "acties".into(),
                index,
            })
        })
    };
    let class = classes!(
        "llk-repeat__item",
        "llk-plan__item",
        p.overdue.then_some("llk-plan__item--overdue")
    );
    html! {
        <li {class}>
            <div role="group" aria-labelledby={title_id.clone()}>
            <p class="llk-repeat__title" id={title_id}>
                { format!("Actiepunt {}", p.index + 1) }
                if p.overdue { <strong class="llk-plan__badge">{ " — Achterstallig" }</strong> }
            </p>
            { item_fields(&p.ctx, "acties", p.index, &p.item, &p.shown, &[], vec![("wie", who_field(p))]) }
            if p.removable {
                <button type="button" class="llk-button llk-button--subtle" onclick={remove}>
                    { format!("Actiepunt {} verwijderen", p.index + 1) }
                </button>
            }
        </div></li>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ActionsEditorProps {
    pub ctx: PlanCtx,
    pub actions: Vec<super::Part>,
    pub overdue: Vec<usize>,
    pub team: Rc<Vec<String>>,
    pub shown: Vec<Diagnostic>,
    pub min: usize,
    pub max: usize,
}

#[function_component(ActionsEditor)]
pub fn actions_editor(p: &ActionsEditorProps) -> Html {
    let id = dom_id("acties");
    let (msgs, _) = crate::field::messages(&id, &p.shown, "acties");
    let add = {
        let cb = p.ctx.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::AddItem {
                group: "acties".into(),
            })
        })
    };
    let n = p.actions.len();
    let late = p.overdue.len();
    html! {
        <section class="llk-plan__section" aria-labelledby="llk-plan-sec-acties">
            <h3 class="llk-heading-3" id="llk-plan-sec-acties">{ page_title(&p.ctx, "acties") }</h3>
            if let Some(intro) = page_intro(&p.ctx, "acties") { <p class="llk-form__page-intro">{ intro }</p> }
            if late > 0 {
                <p class="llk-plan__notice">
                    { if late == 1 { "1 actiepunt is achterstallig.".to_string() } else { format!("{late} actiepunten zijn achterstallig.") } }
                </p>
            }
            <div id={id.clone()} tabindex="-1">{ msgs }</div>
            <ul class={super::list_class(n)}>
                { for p.actions.iter().enumerate().map(|(i, a)| html! {
                    <ActionItem key={i} ctx={p.ctx.clone()} index={i} item={a.clone()} overdue={p.overdue.contains(&i)}
                        team={p.team.clone()} shown={shown_under(&p.shown, &format!("acties[{i}]"))} removable={n > p.min} />
                }) }
            </ul>
            if n < p.max {
                <button type="button" id={format!("{id}-add")} class="llk-button llk-button--secondary" onclick={add}>
                    { "Actiepunt toevoegen" }
                </button>
            }
        </section>
    }
}
