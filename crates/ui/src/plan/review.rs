//! The herhaald-agenderen review inside the editor: its own form (the
//! `herhaald-agenderen` definition in the ordinary [`FormView`]), prefilled from the plan.
//! Its submission makes the plan's next version; while it is open the plan is not shown,
//! so the two forms' fields never share the page (or their ids).

use crate::{DefRef, FormView};
use llk_core::{Date, Diagnostic, Submission};
use serde_json::Value;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ReviewPanelProps {
    pub def: DefRef,
    pub today: Date,
    pub initial: Rc<Value>,
    pub version: u32,
    /// The review's submitted answers.
    pub on_submit: Callback<Value>,
    pub on_cancel: Callback<()>,
}

#[function_component(ReviewPanel)]
pub fn review_panel(p: &ReviewPanelProps) -> Html {
    let on_submit = {
        let cb = p.on_submit.clone();
        Callback::from(move |(sub, _): (Submission, Vec<Diagnostic>)| cb.emit(sub.answers))
    };
    let cancel = {
        let cb = p.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="llk-plan__review" aria-labelledby={super::state::REVIEW_HEADING_ID}>
            <h2 class="llk-heading-2" id={super::state::REVIEW_HEADING_ID} tabindex="-1">
                { format!("Herhaald agenderen: bespreking van versie {}", p.version) }
            </h2>
            <p>{ format!("Vul de bespreking in. Na het versturen maakt de editor versie {} van het plan; daarin past u de rest van het plan aan.", p.version + 1) }</p>
            <button type="button" class="llk-button llk-button--subtle" onclick={cancel}>{ "Terug naar het plan zonder bespreking" }</button>
            <FormView def={p.def.clone()} today={p.today} initial={Some(llk_core::answers::Answers::new(Value::clone(&p.initial)))} {on_submit} />
        </section>
    }
}
