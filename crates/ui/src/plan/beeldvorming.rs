//! Beeldvorming: the person behind the problems, protective and risk factors, early
//! signals, motivation of cliënt and naasten, indications, open sentences and debts.

use super::PlanCtx;
use super::fields::{page_intro, page_title, section_fields};
use llk_core::Diagnostic;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct BeeldvormingProps {
    pub ctx: PlanCtx,
    /// `{ "beeldvorming": … }`.
    pub answers: super::Part,
    pub shown: Vec<Diagnostic>,
}

#[function_component(Beeldvorming)]
pub fn beeldvorming(p: &BeeldvormingProps) -> Html {
    html! {
        <section class="llk-plan__section" aria-labelledby="llk-plan-sec-beeldvorming">
            <h3 class="llk-heading-3" id="llk-plan-sec-beeldvorming">{ page_title(&p.ctx, "beeldvorming") }</h3>
            if let Some(intro) = page_intro(&p.ctx, "beeldvorming") { <p class="llk-form__page-intro">{ intro }</p> }
            { section_fields(&p.ctx, &["beeldvorming"], &p.answers, &p.shown) }
        </section>
    }
}
