//! The notice above a form about its drafts: the offer to continue one, a conflict with
//! another tab, a storage problem, and answers that no longer have a field.

use crate::state::drafts::{DraftNotice, resume_label};
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct DraftNoticeProps {
    pub notice: DraftNotice,
    /// Answers kept from an older version of the form that have no field now: (old path, answer).
    #[prop_or_default]
    pub unmapped: Vec<(String, String)>,
    /// "Verder met concept van …": the draft id.
    #[prop_or_default]
    pub on_resume: Callback<String>,
    /// "Nieuw formulier" (or "Nieuw plan").
    #[prop_or_default]
    pub on_new: Callback<()>,
    /// Conflict: open the other tab's newer copy.
    #[prop_or_default]
    pub on_take_theirs: Callback<()>,
    /// Conflict: keep this tab's answers (saved over the other copy).
    #[prop_or_default]
    pub on_keep_mine: Callback<()>,
    /// Delete a draft that cannot be opened.
    #[prop_or_default]
    pub on_delete: Callback<String>,
    /// What is being filled in, for "U heeft een concept van dit …" and "Nieuw …".
    #[prop_or(AttrValue::Static("formulier"))]
    pub noun: AttrValue,
}

#[function_component(DraftNoticeView)]
pub fn draft_notice(p: &DraftNoticeProps) -> Html {
    let notice = match &p.notice {
        DraftNotice::None => html! {},
        DraftNotice::Offer(offers) => {
            let new = p.on_new.reform(|_: MouseEvent| ());
            html! {
                <div class="llk-draft-offer" role="region" aria-labelledby="llk-draft-offer-heading">
                    <h2 class="llk-heading-3" id="llk-draft-offer-heading">{ format!("U heeft een concept van dit {}", p.noun) }</h2>
                    <p>{ "Gaat u verder waar u gebleven was, of begint u opnieuw? Het concept blijft bewaard tot de vervaldatum." }</p>
                    <div class="llk-button-group">
                        { for offers.iter().map(|o| {
                            let id = o.id.clone();
                            let onclick = p.on_resume.reform(move |_: MouseEvent| id.clone());
                            html! {
                                <button key={o.id.clone()} type="button" class="llk-button llk-button--primary" {onclick}>
                                    { resume_label(o) }
                                    <span class="llk-visually-hidden">{ format!(" (bewaard tot {})", o.expires.nl()) }</span>
                                </button>
                            }
                        }) }
                        <button type="button" class="llk-button llk-button--secondary" onclick={new}>{ format!("Nieuw {}", p.noun) }</button>
                    </div>
                </div>
            }
        }
        DraftNotice::Conflict { theirs } => {
            let take = p.on_take_theirs.reform(|_: MouseEvent| ());
            let keep = p.on_keep_mine.reform(|_: MouseEvent| ());
            html! {
                <div class="llk-alert llk-alert--warning" role="alert">
                    <h2 class="llk-heading-3">{ "Dit concept is in een ander tabblad gewijzigd" }</h2>
                    <p>{ format!("De versie uit het andere tabblad (opgeslagen om {}) is nieuwer dan wat u hier ziet. Er is niets overschreven. Kies welke versie u wilt houden.", theirs.nl()) }</p>
                    <div class="llk-button-group">
                        <button type="button" class="llk-button llk-button--primary" onclick={take}>{ "Nieuwere versie openen" }</button>
                        <button type="button" class="llk-button llk-button--secondary" onclick={keep}>{ "Mijn versie houden" }</button>
                    </div>
                </div>
            }
        }
        DraftNotice::Problem { message, delete } => html! {
            <div class="llk-alert llk-alert--error" role="alert">
                <p>{ message }</p>
                if let Some(id) = delete.clone() {
                    <button type="button" class="llk-button llk-button--secondary"
                        onclick={p.on_delete.reform(move |_: MouseEvent| id.clone())}>{ "Concept verwijderen" }</button>
                }
            </div>
        },
    };
    let unmapped = (!p.unmapped.is_empty()).then(|| {
        html! {
            <div class="llk-alert llk-alert--warning" role="region" aria-labelledby="llk-draft-unmapped-heading">
                <h2 class="llk-heading-3" id="llk-draft-unmapped-heading">{ "Antwoorden zonder vraag in deze versie" }</h2>
                <p>{ "Het formulier is gewijzigd sinds dit concept werd bewaard. Deze antwoorden horen bij geen vraag meer; ze blijven in het concept bewaard. Neem over wat nog nodig is." }</p>
                <dl class="llk-summary-list">
                    { for p.unmapped.iter().map(|(path, value)| html! {
                        <div class="llk-summary-list__row" key={path.clone()}>
                            <dt class="llk-summary-list__key">{ path }</dt>
                            <dd class="llk-summary-list__value">{ value }</dd>
                        </div>
                    }) }
                </dl>
            </div>
        }
    });
    html! { <>{ notice }{ for unmapped }</> }
}
