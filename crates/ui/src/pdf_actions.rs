//! "PDF downloaden", "Afdrukken" and "Ondertekenen" under the check-your-answers page.
//! The work is the host's (llk-web loads the PDF module): this component sends a
//! [`PdfRequest`] and shows the [`PdfOutcome`] it gets back in a live region. The first
//! signature asks for the signer's name, role and organisation, once.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfAction {
    Download,
    Print,
    Sign,
}

/// Who signs, entered once; the browser makes its own key for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerDetails {
    pub name: String,
    pub role: String,
    pub organisation: String,
}

/// What the host answers: a Dutch message, and whether the signer's details are needed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfOutcome {
    pub ok: bool,
    pub message: String,
    pub needs_signer: bool,
}

/// One click: the host does it and calls `done` exactly once.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfRequest {
    pub action: PdfAction,
    pub signer: Option<SignerDetails>,
    pub done: Callback<PdfOutcome>,
}

#[derive(Debug, Properties, PartialEq)]
pub struct PdfActionsProps {
    pub on_request: Callback<PdfRequest>,
}

const FIELDS: [(&str, &str); 3] = [
    ("llk-signer-name", "Uw naam"),
    ("llk-signer-role", "Uw functie"),
    ("llk-signer-org", "Uw organisatie"),
];

#[function_component(PdfActions)]
pub fn pdf_actions(props: &PdfActionsProps) -> Html {
    let busy = use_state(|| false);
    let outcome = use_state(PdfOutcome::default);
    let setup = use_state(|| false);
    let name_missing = use_state(|| false);
    let inputs = use_memo((), |_| {
        [NodeRef::default(), NodeRef::default(), NodeRef::default()]
    });
    {
        // The details form gets focus when it appears, and again on a missing name.
        let (inputs, setup, missing) = (inputs.clone(), *setup, *name_missing);
        use_effect_with((setup, missing), move |_| {
            if let Some(i) = inputs[0].cast::<HtmlInputElement>() {
                let _ = i.focus();
            }
        });
    }
    let send = {
        let (busy, outcome, setup, cb) = (
            busy.clone(),
            outcome.clone(),
            setup.clone(),
            props.on_request.clone(),
        );
        move |action: PdfAction, signer: Option<SignerDetails>| {
            if *busy {
                return;
            }
            busy.set(true);
            outcome.set(PdfOutcome {
                ok: true,
                message: "Bezig met de PDF…".into(),
                needs_signer: false,
            });
            let (busy, outcome, setup) = (busy.clone(), outcome.clone(), setup.clone());
            let done = Callback::from(move |o: PdfOutcome| {
                busy.set(false);
                setup.set(o.needs_signer || (!o.ok && *setup));
                outcome.set(o);
            });
            cb.emit(PdfRequest {
                action,
                signer,
                done,
            });
        }
    };
    let button = |action: PdfAction, label: &str| {
        let send = send.clone();
        let onclick = Callback::from(move |_: MouseEvent| send(action, None));
        html! {
            <button type="button" class="llk-button llk-button--secondary"
                aria-disabled={busy.then_some("true")} {onclick}>{ label.to_string() }</button>
        }
    };
    let onsubmit = {
        let (inputs, missing, send) = (inputs.clone(), name_missing.clone(), send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let v: Vec<String> = inputs
                .iter()
                .map(|r| {
                    r.cast::<HtmlInputElement>()
                        .map(|i| i.value())
                        .unwrap_or_default()
                })
                .collect();
            missing.set(v[0].trim().is_empty());
            if !v[0].trim().is_empty() {
                send(
                    PdfAction::Sign,
                    Some(SignerDetails {
                        name: v[0].clone(),
                        role: v[1].clone(),
                        organisation: v[2].clone(),
                    }),
                );
            }
        })
    };
    let cancel = {
        let setup = setup.clone();
        Callback::from(move |_: MouseEvent| setup.set(false))
    };
    let status_class = classes!(
        "llk-pdf-actions__status",
        (!outcome.message.is_empty()).then_some(if outcome.ok {
            "llk-alert llk-alert--ok"
        } else {
            "llk-alert llk-alert--error"
        })
    );
    html! {
        <section class="llk-pdf-actions" aria-labelledby="llk-pdf-heading">
            <h4 class="llk-heading-4" id="llk-pdf-heading">{ "PDF en ondertekenen" }</h4>
            <div class="llk-button-group">
                { button(PdfAction::Download, "PDF downloaden") }
                { button(PdfAction::Print, "Afdrukken") }
                { button(PdfAction::Sign, "Ondertekenen") }
            </div>
            if *setup {
                <form class="llk-pdf-actions__signer" novalidate=true {onsubmit} aria-labelledby="llk-signer-heading">
                    <h5 class="llk-heading-4" id="llk-signer-heading">{ "Uw gegevens voor de digitale handtekening" }</h5>
                    <p>{ "Eenmalig: deze browser maakt een eigen sleutel op uw naam. De sleutel blijft in deze browser en kan er niet uit worden gehaald." }</p>
                    { for FIELDS.iter().zip(inputs.iter()).enumerate().map(|(n, (&(id, label), r))| {
                        let invalid = n == 0 && *name_missing;
                        html! {
                            <div class={classes!("llk-form-field", invalid.then_some("llk-form-field--invalid"))}>
                                <label class="llk-form-label" for={id}>
                                    { label }
                                    if n == 0 { <span class="llk-form-label__required">{ " (verplicht)" }</span> }
                                </label>
                                if invalid {
                                    <p class="llk-form-field-error-message" id="llk-signer-name-error">
                                        <span class="llk-visually-hidden">{ "Fout: " }</span>{ "Vul uw naam in." }
                                    </p>
                                }
                                <input class={classes!("llk-textbox", "llk-textbox--m", invalid.then_some("llk-textbox--invalid"))} id={id} name={id} type="text" ref={r.clone()}
                                    autocomplete={["name", "organization-title", "organization"][n]}
                                    aria-invalid={invalid.then_some("true")}
                                    aria-describedby={invalid.then_some("llk-signer-name-error")} />
                            </div>
                        }
                    }) }
                    <div class="llk-button-group">
                        <button type="submit" class="llk-button llk-button--primary">{ "Sleutel maken en ondertekenen" }</button>
                        <button type="button" class="llk-button llk-button--subtle" onclick={cancel}>{ "Annuleren" }</button>
                    </div>
                </form>
            }
            <div class={status_class} role="status">{ &outcome.message }</div>
        </section>
    }
}
