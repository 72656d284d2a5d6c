//! Information agreements, ZSM-overwegingen and the registration labels at the partners
//! as a checklist: one checkbox per label ("done"), with its date when it is done; then
//! the next review and the date the plan was shared.

use super::PlanCtx;
use super::fields::{fields_form, page_intro, page_title, section_fields};
use crate::dom_id;
use crate::state::Action;
use llk_core::Diagnostic;
use serde_json::{Value, json};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The registration labels, in the order of seed 002.
pub const LABELS: &[&str] = &["crisisdienst", "politie", "iris", "epd"];

#[derive(Debug, Properties, PartialEq)]
pub struct RegistrationChecklistProps {
    pub ctx: PlanCtx,
    /// `{ afspraken, registraties, volgende_bespreking, gedeeld_op }`.
    pub answers: super::Part,
    pub shown: Vec<Diagnostic>,
}

#[function_component(RegistrationChecklist)]
pub fn registration_checklist(p: &RegistrationChecklistProps) -> Html {
    let ctx = &p.ctx;
    let group_help = ctx.def.field("registraties").and_then(|f| f.help.clone());
    let items = LABELS.iter().map(|k| {
        let base = format!("registraties.{k}");
        let done_path = format!("{base}.gedaan");
        let label = ctx.def.field(&base).map(|f| f.label.clone()).unwrap_or_default();
        let done = p.answers.pointer(&format!("/registraties/{k}/gedaan")) == Some(&json!(true));
        let id = dom_id(&done_path);
        let (msgs, ids) = crate::field::messages(&id, &p.shown, &done_path);
        let onchange = {
            let (cb, path) = (ctx.on_action.clone(), done_path.clone());
            Callback::from(move |e: Event| {
                let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                cb.emit(Action::Commit { path: path.clone(), value: json!(checked) });
            })
        };
        let date_key = format!("registraties.{k}.datum");
        let date = ctx.def.field_index(&date_key);
        html! {
            <li class="llk-plan__check" key={*k}>
                { msgs }
                <div class="llk-checkbox">
                    <input class="llk-checkbox__input" type="checkbox" id={id.clone()} checked={done}
                        aria-describedby={(!ids.is_empty()).then(|| ids.join(" "))} {onchange} />
                    <label class="llk-checkbox__label" for={id}>
                        { label }
                        <span class="llk-plan__check-state">{ if done { " (gedaan)" } else { " (nog niet gedaan)" } }</span>
                    </label>
                </div>
                if done && date.is_some() {
                    <div class="llk-plan__check-date">
                        { section_date(ctx, &date_key, &p.answers, &p.shown) }
                    </div>
                }
            </li>
        }
    });
    html! {
        <>
            <section class="llk-plan__section" aria-labelledby="llk-plan-sec-afspraken">
                <h3 class="llk-heading-3" id="llk-plan-sec-afspraken">{ page_title(ctx, "afspraken") }</h3>
                if let Some(intro) = page_intro(ctx, "afspraken") { <p class="llk-form__page-intro">{ intro }</p> }
                { section_fields(ctx, &["afspraken"], &p.answers, &p.shown) }
                <h4 class="llk-heading-4" id="llk-plan-registraties">{ "Registratie bij de partners" }</h4>
                if let Some(h) = group_help { <p class="llk-form-field__description">{ h }</p> }
                { fields_form(html! { <ul class="llk-plan__checklist" aria-labelledby="llk-plan-registraties">{ for items }</ul> }) }
            </section>
            <section class="llk-plan__section" aria-labelledby="llk-plan-sec-bespreking">
                <h3 class="llk-heading-3" id="llk-plan-sec-bespreking">{ page_title(ctx, "bespreking") }</h3>
                if let Some(intro) = page_intro(ctx, "bespreking") { <p class="llk-form__page-intro">{ intro }</p> }
                { section_fields(ctx, &["volgende_bespreking", "gedeeld_op"], &p.answers, &p.shown) }
            </section>
        </>
    }
}

/// One date field inside the `registraties` group, drawn with the definition's field.
fn section_date(ctx: &PlanCtx, path: &str, answers: &Value, shown: &[Diagnostic]) -> Html {
    let Some(i) = ctx.def.field_index(path) else {
        return html! {};
    };
    let fctx = crate::FieldCtx {
        def: ctx.def.clone(),
        answers: llk_core::answers::Answers::new(answers.clone()),
        shown: std::rc::Rc::new(shown.to_vec()),
        today: ctx.today,
        on_action: ctx.on_action.clone(),
        undrawn: std::rc::Rc::from([]),
    };
    html! { <crate::FieldView ctx={fctx} index={i} /> }
}
