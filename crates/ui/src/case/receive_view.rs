//! "Overdracht ontvangen" (`<llk-casussen>`): a file field for the overdracht package the
//! sending ZVH sent, "Overdracht inlezen", and what the kit found — each signature (who,
//! for which organisation, when, the verdict), and either the case taken in or the Dutch
//! reason it was refused, in an error summary that takes focus. The element reads the
//! file, checks it and stores the case; this component only shows.

use llk_core::case::package_parts::PackageSignature;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The file field's id; the error summary links to it.
pub const RECEIVE_FILE_ID: &str = "llk-receive-file";
const HINT_ID: &str = "llk-receive-hint";
const ERROR_ID: &str = "llk-receive-error";
/// The error summary's heading, focused on a refusal.
pub const RECEIVE_SUMMARY_ID: &str = "llk-receive-summary";
/// The outcome of an accepted package, focused when the case is taken in.
pub const RECEIVE_OUTCOME_ID: &str = "llk-receive-outcome";
/// What countersigning on receipt ended in, focused when it ends.
pub const ACCEPT_OUTCOME_ID: &str = "llk-accept-outcome";
const ACCEPT_HINT_ID: &str = "llk-accept-hint";

/// What reading a package ended in.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiveOutcome {
    pub ok: bool,
    /// One Dutch sentence: taken in, or why not.
    pub message: String,
    pub signatures: Vec<PackageSignature>,
}

#[derive(Debug, Properties, PartialEq)]
pub struct ReceiveViewProps {
    #[prop_or_default]
    pub outcome: Option<ReceiveOutcome>,
    /// "Overdracht inlezen": the file field, for the element to read.
    pub on_receive: Callback<HtmlInputElement>,
    /// "Ontvangst bevestigen en medeondertekenen", offered once a package is taken in: the
    /// element countersigns the package it read.
    #[prop_or_default]
    pub on_accept: Option<Callback<()>>,
    /// What countersigning on receipt ended in (its `signatures` are empty).
    #[prop_or_default]
    pub accepted: Option<ReceiveOutcome>,
    /// What the element is busy with (reading or countersigning a package), in Dutch.
    #[prop_or_default]
    pub busy: Option<&'static str>,
}

#[function_component(ReceiveView)]
pub fn receive_view(p: &ReceiveViewProps) -> Html {
    let input = use_node_ref();
    let onclick = {
        let (input, cb) = (input.clone(), p.on_receive.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = input.cast::<HtmlInputElement>() {
                cb.emit(i);
            }
        })
    };
    let refused = p.outcome.as_ref().filter(|o| !o.ok);
    let summary = refused.map(|o| {
        let focus_file = {
            let input = input.clone();
            Callback::from(move |e: MouseEvent| {
                // Fragment links do not reach into a shadow root: focus by hand.
                e.prevent_default();
                if let Some(i) = input.cast::<HtmlInputElement>() {
                    let _ = i.focus();
                }
            })
        };
        html! {
            <div class="llk-error-summary" role="region" aria-labelledby={RECEIVE_SUMMARY_ID}>
                <h3 class="llk-error-summary__heading" id={RECEIVE_SUMMARY_ID} tabindex="-1">{ "Het overdrachtspakket is niet ingelezen" }</h3>
                <ul class="llk-error-summary__list">
                    <li><a class="llk-link" href={format!("#{RECEIVE_FILE_ID}")} onclick={focus_file}>{ &o.message }</a></li>
                </ul>
            </div>
        }
    });
    let described = if refused.is_some() {
        format!("{HINT_ID} {ERROR_ID}")
    } else {
        HINT_ID.to_string()
    };
    let signatures = p
        .outcome
        .as_ref()
        .filter(|o| !o.signatures.is_empty())
        .map(|o| {
            html! {
                <>
                    <h3 class="llk-heading-3" id="llk-receive-signatures">{ "Handtekeningen in het pakket" }</h3>
                    <ul aria-labelledby="llk-receive-signatures" class="llk-receive__signatures">
                        { for o.signatures.iter().map(|s| html! { <li>{ s.sentence() }</li> }) }
                    </ul>
                </>
            }
        });
    let accepted = p.outcome.as_ref().filter(|o| o.ok).map(|o| {
        html! {
            <div class="llk-alert llk-alert--ok" role="status" id={RECEIVE_OUTCOME_ID} tabindex="-1">
                <p>{ &o.message }</p>
            </div>
        }
    });
    let accept = p
        .on_accept
        .as_ref()
        .filter(|_| p.outcome.as_ref().is_some_and(|o| o.ok))
        .map(|cb| {
            let onclick = cb.reform(|_: MouseEvent| ());
            let done = p.accepted.as_ref().is_some_and(|a| a.ok);
            let notice = p.accepted.as_ref().map(|a| {
                let (class, role) = if a.ok {
                    ("llk-alert llk-alert--ok", "status")
                } else {
                    ("llk-alert llk-alert--error", "alert")
                };
                html! {
                    <div {class} {role} id={ACCEPT_OUTCOME_ID} tabindex="-1"><p>{ &a.message }</p></div>
                }
            });
            html! {
                <>
                    <h3 class="llk-heading-3" id="llk-accept-title">{ "Ontvangst bevestigen" }</h3>
                    <p id={ACCEPT_HINT_ID}>{ "Met uw digitale handtekening bevestigt u de warme overdracht. De kit zet uw handtekening na die van de afzender in het pakket (die blijft geldig) en downloadt het; stuur het terug naar het verzendende Zorg- en Veiligheidshuis." }</p>
                    { notice }
                    if !done {
                        <div class="llk-button-group">
                            <button type="button" class="llk-button llk-button--primary" aria-describedby={ACCEPT_HINT_ID} {onclick}>{ "Ontvangst bevestigen en medeondertekenen" }</button>
                        </div>
                    }
                </>
            }
        });
    html! {
        <section class="llk-receive" aria-labelledby="llk-receive-title">
            <h2 class="llk-heading-2" id="llk-receive-title">{ "Overdracht ontvangen" }</h2>
            { summary }
            { accepted }
            <div class="llk-form-field">
                <label class="llk-form-label" for={RECEIVE_FILE_ID}>{ "Overdrachtspakket (PDF)" }</label>
                <p class="llk-form-field__description" id={HINT_ID}>{ "Het ondertekende pakket dat het verzendende Zorg- en Veiligheidshuis u stuurde. Het bestand wordt nergens heen gestuurd; de kit controleert de handtekeningen en leest het dossier eruit." }</p>
                if let Some(o) = refused {
                    <p class="llk-form-field-error-message" id={ERROR_ID}>
                        <span class="llk-visually-hidden">{ "Fout: " }</span>{ &o.message }
                    </p>
                }
                <input ref={input} type="file" class="llk-file-input" id={RECEIVE_FILE_ID} accept=".pdf,application/pdf"
                    aria-describedby={described} aria-invalid={refused.is_some().then_some("true")} />
            </div>
            <div class="llk-button-group">
                <button type="button" class="llk-button llk-button--secondary" {onclick}>{ "Overdracht inlezen" }</button>
            </div>
            // Always there, so that a screen reader hears the text when it appears.
            <p class="llk-busy" role="status">{ p.busy.unwrap_or_default() }</p>
            { signatures }
            { accept }
        </section>
    }
}
