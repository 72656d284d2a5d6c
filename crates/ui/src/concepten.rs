//! `<llk-concepten>`: every draft in this browser, with open, delete and delete-all. Only
//! what is stored in the clear is shown (form, last change, expiry): no answers, nothing
//! about the person.

use crate::state::drafts::Moment;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct ConceptItem {
    pub id: String,
    /// The form's title (or its id when the definition is not in this kit).
    pub form_title: String,
    pub updated: Moment,
    pub expires: Moment,
}

#[derive(Debug, Properties, PartialEq)]
pub struct ConceptenProps {
    pub items: Vec<ConceptItem>,
    /// Records that cannot be read: their ids, listed so they can be deleted.
    #[prop_or_default]
    pub unreadable: Vec<String>,
    /// A Dutch message about the store (unavailable, a failed delete).
    #[prop_or_default]
    pub problem: Option<String>,
    #[prop_or_default]
    pub on_open: Callback<String>,
    #[prop_or_default]
    pub on_delete: Callback<String>,
    #[prop_or_default]
    pub on_delete_all: Callback<()>,
}

#[function_component(Concepten)]
pub fn concepten(p: &ConceptenProps) -> Html {
    let confirm = use_state(|| false);
    let problem = p.problem.as_ref().map(|m| {
        html! { <div class="llk-alert llk-alert--error" role="alert"><p>{ m }</p></div> }
    });
    let count = p.items.len() + p.unreadable.len();
    let list = if count == 0 {
        html! { <p>{ "Er zijn geen concepten bewaard in deze browser." }</p> }
    } else {
        html! {
            <table class="llk-table">
                <caption class="llk-visually-hidden">{ "Bewaarde concepten" }</caption>
                <thead><tr>
                    <th scope="col">{ "Formulier" }</th>
                    <th scope="col">{ "Laatst gewijzigd" }</th>
                    <th scope="col">{ "Bewaard tot" }</th>
                    <th scope="col"><span class="llk-visually-hidden">{ "Acties" }</span></th>
                </tr></thead>
                <tbody>
                    { for p.items.iter().map(|i| {
                        let (id, id2) = (i.id.clone(), i.id.clone());
                        let open = p.on_open.reform(move |_: MouseEvent| id.clone());
                        let delete = p.on_delete.reform(move |_: MouseEvent| id2.clone());
                        let what = format!("{} van {}", i.form_title, i.updated.nl());
                        html! {
                            <tr key={i.id.clone()}>
                                <td>{ &i.form_title }</td>
                                <td>{ i.updated.nl() }</td>
                                <td>{ i.expires.nl() }</td>
                                <td class="llk-table__actions">
                                    <button type="button" class="llk-button llk-button--secondary" onclick={open}>
                                        { "Openen" }<span class="llk-visually-hidden">{ format!(": {what}") }</span>
                                    </button>
                                    <button type="button" class="llk-button llk-button--subtle" onclick={delete}>
                                        { "Verwijderen" }<span class="llk-visually-hidden">{ format!(": {what}") }</span>
                                    </button>
                                </td>
                            </tr>
                        }
                    }) }
                    { for p.unreadable.iter().map(|id| {
                        let id2 = id.clone();
                        let delete = p.on_delete.reform(move |_: MouseEvent| id2.clone());
                        html! {
                            <tr key={id.clone()}>
                                <td colspan="3">{ "Beschadigd concept (kan niet worden geopend)" }</td>
                                <td class="llk-table__actions">
                                    <button type="button" class="llk-button llk-button--subtle" onclick={delete}>
                                        { "Verwijderen" }<span class="llk-visually-hidden">{ ": beschadigd concept" }</span>
                                    </button>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        }
    };
    let all = if count == 0 {
        html! {}
    } else if *confirm {
        let yes = {
            let (cb, confirm) = (p.on_delete_all.clone(), confirm.clone());
            Callback::from(move |_: MouseEvent| {
                confirm.set(false);
                cb.emit(());
            })
        };
        let no = {
            let confirm = confirm.clone();
            Callback::from(move |_: MouseEvent| confirm.set(false))
        };
        html! {
            <div class="llk-alert llk-alert--warning" role="alert">
                <p>{ format!("Weet u zeker dat u alle {count} concepten wilt verwijderen? Dit kan niet ongedaan worden gemaakt.") }</p>
                <div class="llk-button-group">
                    <button type="button" class="llk-button llk-button--primary" onclick={yes}>{ "Ja, alles verwijderen" }</button>
                    <button type="button" class="llk-button llk-button--secondary" onclick={no}>{ "Annuleren" }</button>
                </div>
            </div>
        }
    } else {
        let ask = Callback::from(move |_: MouseEvent| confirm.set(true));
        html! {
            <div class="llk-button-group">
                <button type="button" class="llk-button llk-button--secondary" onclick={ask}>{ "Alle concepten verwijderen" }</button>
            </div>
        }
    };
    html! {
        <section class="llk-concepten" aria-labelledby="llk-concepten-heading">
            <h2 class="llk-heading-2" id="llk-concepten-heading">{ "Concepten" }</h2>
            <p>{ "Formulieren die u nog niet hebt verstuurd. Ze zijn versleuteld bewaard in deze browser en worden na de bewaartermijn vanzelf verwijderd." }</p>
            { for problem }
            { list }
            { all }
        </section>
    }
}
