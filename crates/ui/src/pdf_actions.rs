//! "PDF downloaden", "Afdrukken" and "Ondertekenen" under the check-your-answers page.
//! The work is the host's (llk-web hands it to the lazily loaded PDF module, which also asks
//! for the signer's details the first time): this component sends a [`PdfRequest`] and
//! shows the [`PdfOutcome`] in a live region. Small on purpose: it is in the UI module.

use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfAction {
    Download,
    Print,
    Sign,
}

/// What the host answers: a Dutch message, and whether it went well.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfOutcome {
    pub ok: bool,
    pub message: String,
}

/// One click: the host does it and calls `done` once.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfRequest {
    pub action: PdfAction,
    pub done: Callback<PdfOutcome>,
}

#[derive(Debug, Properties, PartialEq)]
pub struct PdfActionsProps {
    pub on_request: Callback<PdfRequest>,
}

#[function_component(PdfActions)]
pub fn pdf_actions(props: &PdfActionsProps) -> Html {
    // None: idle; Some(None): busy; Some(Some(outcome)): done.
    let state = use_state(|| None::<Option<PdfOutcome>>);
    let busy = matches!(*state, Some(None));
    let button = |action: PdfAction, label: &'static str| {
        let (state, cb) = (state.clone(), props.on_request.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            if matches!(*state, Some(None)) {
                return;
            }
            state.set(Some(None));
            let state = state.clone();
            let done = Callback::from(move |o: PdfOutcome| state.set(Some(Some(o))));
            cb.emit(PdfRequest { action, done });
        });
        html! {
            <button type="button" class="llk-button llk-button--secondary"
                aria-disabled={busy.then_some("true")} {onclick}>{ label }</button>
        }
    };
    let (class, message) = match &*state {
        Some(Some(o)) if o.ok => ("llk-alert llk-alert--ok", o.message.as_str()),
        Some(Some(o)) => ("llk-alert llk-alert--error", o.message.as_str()),
        Some(None) => ("", "Bezig met de PDF…"),
        None => ("", ""),
    };
    html! {
        <section class="llk-pdf-actions" aria-labelledby="llk-pdf-heading">
            <h4 class="llk-heading-4" id="llk-pdf-heading">{ "PDF en ondertekenen" }</h4>
            <div class="llk-button-group">
                { button(PdfAction::Download, "PDF downloaden") }
                { button(PdfAction::Print, "Afdrukken") }
                { button(PdfAction::Sign, "Ondertekenen") }
            </div>
            <div class={classes!("llk-pdf-actions__status", class)} role="status">{ message }</div>
        </section>
    }
}
