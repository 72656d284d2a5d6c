//! The levensloopteam: members with role (the roles of the aanpak), name, organisation
//! (the region's partners, or typed) and contact; add and remove. Each member is its own
//! component, so typing in one does not redraw the others.

use super::PlanCtx;
use super::fields::{item_fields, page_intro, page_title, shown_under};
use crate::dom_id;
use crate::state::Action;
use llk_core::Diagnostic;
use serde_json::Value;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct TeamMemberProps {
    pub ctx: PlanCtx,
    pub index: usize,
    pub item: super::Part,
    pub shown: Vec<Diagnostic>,
    pub removable: bool,
}

fn member_title(item: &Value, index: usize) -> String {
    match item
        .get("naam")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
    {
        Some(n) => format!("Teamlid {}: {n}", index + 1),
        None => format!("Teamlid {}", index + 1),
    }
}

#[function_component(TeamMember)]
pub fn team_member(p: &TeamMemberProps) -> Html {
    let title_id = format!("llk-plan-team-{}-title", p.index);
    let remove = {
        let (cb, index) = (p.ctx.on_action.clone(), p.index);
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::RemoveItem {
                group: "team".into(),
                index,
            })
        })
    };
    let title = member_title(&p.item, p.index);
    html! {
        <li class="llk-repeat__item llk-plan__item">
            <div role="group" aria-labelledby={title_id.clone()}>
            <p class="llk-repeat__title" id={title_id}>{ &title }</p>
            { item_fields(&p.ctx, "team", p.index, &p.item, &p.shown, &[], Vec::new()) }
            if p.removable {
                <button type="button" class="llk-button llk-button--subtle" onclick={remove}>
                    { format!("{title} verwijderen") }
                </button>
            }
        </div></li>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct TeamEditorProps {
    pub ctx: PlanCtx,
    pub members: Vec<super::Part>,
    pub shown: Vec<Diagnostic>,
    pub min: usize,
    pub max: usize,
}

#[function_component(TeamEditor)]
pub fn team_editor(p: &TeamEditorProps) -> Html {
    let id = dom_id("team");
    let (msgs, ids) = crate::field::messages(&id, &p.shown, "team");
    let help = p.ctx.def.field("team").and_then(|f| f.help.clone());
    let add = {
        let cb = p.ctx.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::AddItem {
                group: "team".into(),
            })
        })
    };
    let n = p.members.len();
    html! {
        <section class="llk-plan__section" aria-labelledby="llk-plan-sec-team">
            <h3 class="llk-heading-3" id="llk-plan-sec-team">{ page_title(&p.ctx, "team") }</h3>
            if let Some(intro) = page_intro(&p.ctx, "team") { <p class="llk-form__page-intro">{ intro }</p> }
            if let Some(h) = help { <p class="llk-form-field__description">{ h }</p> }
            <div id={id.clone()} tabindex="-1" aria-describedby={(!ids.is_empty()).then(|| ids.join(" "))}>{ msgs }</div>
            <ul class={super::list_class(n)}>
                { for p.members.iter().enumerate().map(|(i, m)| html! {
                    <TeamMember key={i} ctx={p.ctx.clone()} index={i} item={m.clone()}
                        shown={shown_under(&p.shown, &format!("team[{i}]"))} removable={n > p.min} />
                }) }
            </ul>
            if n < p.max {
                <button type="button" id={format!("{id}-add")} class="llk-button llk-button--secondary" onclick={add}>
                    { "Teamlid toevoegen" }
                </button>
            }
        </section>
    }
}
