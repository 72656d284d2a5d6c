//! The error summary above the form (NL Design System): a heading that gets focus after a
//! failed submit, and a link to each field with an error.

use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct SummaryItem {
    /// The answer path the link leads to.
    pub path: String,
    /// The DOM id of the field (the link's `href` fragment).
    pub target: String,
    pub message: String,
}

#[derive(Debug, Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub items: Vec<SummaryItem>,
    /// A link was followed: the answer path.
    pub on_select: Callback<String>,
}

#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    if props.items.is_empty() {
        return html! {};
    }
    let n = props.items.len();
    let heading = if n == 1 {
        "Er is 1 fout gevonden".to_string()
    } else {
        format!("Er zijn {n} fouten gevonden")
    };
    html! {
        <div class="llk-error-summary" role="region" aria-labelledby={crate::SUMMARY_HEADING_ID}>
            <h2 class="llk-error-summary__heading" id={crate::SUMMARY_HEADING_ID} tabindex="-1">
                { heading }
            </h2>
            <p class="llk-error-summary__intro">{ "Verbeter de volgende punten en probeer het opnieuw." }</p>
            <ul class="llk-error-summary__list">
                { for props.items.iter().map(|item| {
                    let on_select = props.on_select.clone();
                    let path = item.path.clone();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        // Fragment links do not reach into a shadow root: focus by hand.
                        e.prevent_default();
                        on_select.emit(path.clone());
                    });
                    html! {
                        <li key={item.path.clone()}>
                            <a class="llk-link" href={format!("#{}", item.target)} {onclick}>{ &item.message }</a>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
