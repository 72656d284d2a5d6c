//! Where the user is in a multi-step form: "Stap 2 van 5" and the list of steps.

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ProgressProps {
    /// The step titles, the check-your-answers page included.
    pub titles: Vec<String>,
    /// The current step (0-based).
    pub current: usize,
}

#[function_component(Progress)]
pub fn progress(props: &ProgressProps) -> Html {
    let total = props.titles.len();
    if total < 2 {
        return html! {};
    }
    html! {
        <nav class="llk-progress" aria-label="Voortgang">
            <p class="llk-progress__status">
                { format!("Stap {} van {}", props.current + 1, total) }
            </p>
            <ol class="llk-progress__list">
                { for props.titles.iter().enumerate().map(|(i, t)| {
                    let class = classes!(
                        "llk-progress__step",
                        (i < props.current).then_some("llk-progress__step--done"),
                        (i == props.current).then_some("llk-progress__step--current"),
                    );
                    let current = (i == props.current).then_some(AttrValue::from("step"));
                    let state = if i < props.current { "afgerond: " } else if i == props.current { "huidige stap: " } else { "" };
                    html! {
                        <li {class} aria-current={current}>
                            <span class="llk-visually-hidden">{ state }</span>{ t }
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
