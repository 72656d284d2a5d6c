//! The plan's deadlines as warnings above the editor: the first plan within a month of the
//! melding, the next review within three months. Each says in words whether it is soon or
//! overdue ("Te laat:", "Binnenkort:"), not by colour alone.

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct DeadlineWarningsProps {
    /// (message, overdue) for each deadline that needs attention.
    pub items: Vec<(String, bool)>,
}

#[function_component(DeadlineWarnings)]
pub fn deadline_warnings(p: &DeadlineWarningsProps) -> Html {
    if p.items.is_empty() {
        return html! {};
    }
    html! {
        <div class="llk-alert llk-alert--warning llk-plan__deadlines" role="region" aria-labelledby="llk-plan-deadlines">
            <h3 class="llk-heading-4" id="llk-plan-deadlines">{ "Termijnen" }</h3>
            <ul>
                { for p.items.iter().map(|(msg, overdue)| html! {
                    <li class={classes!(overdue.then_some("llk-plan__deadline--overdue"))}>
                        <strong>{ if *overdue { "Te laat: " } else { "Binnenkort: " } }</strong>{ msg }
                    </li>
                }) }
            </ul>
        </div>
    }
}
