//! The caseload (`<llk-casussen>`): every case with its phase and its most urgent deadline,
//! the ones that need attention first; filters by phase and by attention; a warning for
//! closed cases whose retention period ends soon. Words say what colour shows ("Te laat",
//! "Binnenkort"). A long caseload is shown [`PAGE_SIZE`] rows a page: drawing 500 rows
//! costs more than reading the 500 cases, and nobody reads them at once.

use super::pagination::Pagination;
use llk_core::Date;
use llk_core::case::{CaseSummary, Phase};
use llk_core::plan::DeadlineStatus;
use yew::prelude::*;

/// Rows a page of the caseload.
pub const PAGE_SIZE: usize = 25;

#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub id: String,
    pub name: String,
    pub phase_id: &'static str,
    pub phase: String,
    /// The most urgent open deadline: (status word, message, overdue).
    pub deadline: Option<(String, String, bool)>,
    pub attention: bool,
    /// "Klaar voor uitstroomgesprek": the case shows all three uitstroom criteria.
    pub exit_ready: bool,
    /// For a closed case: the day after which the store deletes it.
    pub purge_after: Option<Date>,
}

impl CaseRow {
    pub fn new(s: &CaseSummary, purge_after: Option<Date>) -> CaseRow {
        CaseRow {
            id: s.id.clone(),
            name: s.display_name(),
            phase_id: s.phase.id(),
            phase: s.phase.description(),
            deadline: s.next_deadline().map(|d| {
                let overdue = matches!(d.status, DeadlineStatus::Overdue { .. });
                let word = match d.status {
                    DeadlineStatus::Overdue { .. } => "Te laat",
                    DeadlineStatus::Soon { .. } => "Binnenkort",
                    _ => "Op tijd",
                };
                (word.to_string(), d.message(), overdue)
            }),
            attention: s.needs_attention(),
            exit_ready: s.exit_ready,
            purge_after,
        }
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct CaseloadProps {
    pub rows: Vec<CaseRow>,
    /// Cases that could not be read (another key, a damaged record): their ids.
    #[prop_or_default]
    pub unreadable: Vec<String>,
    /// A Dutch message about the store or the last action.
    #[prop_or_default]
    pub problem: Option<String>,
    /// Closed cases to be deleted soon: (name, date).
    #[prop_or_default]
    pub expiring: Vec<(String, Date)>,
    /// Whether "Nieuw dossier" is offered (the kit keeps the cases).
    #[prop_or_default]
    pub can_create: bool,
    #[prop_or_default]
    pub on_open: Callback<String>,
    #[prop_or_default]
    pub on_new: Callback<()>,
    #[prop_or_default]
    pub on_delete: Callback<String>,
    /// "Kengetallen" (the counts over these cases) is offered when set.
    #[prop_or_default]
    pub on_kengetallen: Option<Callback<()>>,
}

#[function_component(Caseload)]
pub fn caseload(p: &CaseloadProps) -> Html {
    let phase = use_state(String::new);
    let attention_only = use_state(|| false);
    let search = use_state(String::new);
    let page = use_state(|| 0usize);
    // Set when the user turned the page: focus then goes to the count above the table.
    let paged = use_mut_ref(|| false);
    let count_ref = use_node_ref();
    {
        let (paged, count_ref) = (paged.clone(), count_ref.clone());
        use_effect_with(*page, move |_| {
            if std::mem::take(&mut *paged.borrow_mut())
                && let Some(el) = count_ref.cast::<web_sys::HtmlElement>()
            {
                let _ = el.focus();
            }
        });
    }
    let on_search = {
        let (search, page) = (search.clone(), page.clone());
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            search.set(v);
            page.set(0);
        })
    };
    let needle = llk_core::text::lowercase(search.trim());
    let on_phase = {
        let (phase, page) = (phase.clone(), page.clone());
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            phase.set(v);
            page.set(0);
        })
    };
    let on_attention = {
        let (a, page) = (attention_only.clone(), page.clone());
        Callback::from(move |_: Event| {
            a.set(!*a);
            page.set(0);
        })
    };
    let on_page = {
        let (page, paged) = (page.clone(), paged.clone());
        Callback::from(move |n: usize| {
            *paged.borrow_mut() = true;
            page.set(n);
        })
    };
    let mut rows: Vec<&CaseRow> = p
        .rows
        .iter()
        .filter(|r| phase.is_empty() || r.phase_id == phase.as_str())
        .filter(|r| !*attention_only || r.attention)
        .filter(|r| needle.is_empty() || llk_core::text::lowercase(&r.name).contains(&needle))
        .collect();
    rows.sort_by_key(|r| (!r.attention, r.deadline.as_ref().is_none_or(|d| !d.2)));
    let problem = p.problem.as_ref().map(|m| {
        html! { <div class="llk-alert llk-alert--error" role="alert"><p>{ m }</p></div> }
    });
    let expiring = (!p.expiring.is_empty()).then(|| html! {
        <div class="llk-alert" role="status">
            <p><strong>{ "Bewaartermijn loopt af. " }</strong>{ "Deze afgesloten dossiers worden binnenkort uit deze browser verwijderd. Leg vast wat u moet bewaren in het registratiesysteem van uw organisatie." }</p>
            <ul>{ for p.expiring.iter().map(|(n, d)| html! { <li>{ format!("{n}: wordt na {} verwijderd.", d.to_dutch()) }</li> }) }</ul>
        </div>
    });
    let pages = rows.len().div_ceil(PAGE_SIZE).max(1);
    // The rows can shrink under the page (a refresh, a deleted case): the last page then.
    let page_now = (*page).min(pages - 1);
    let first = page_now * PAGE_SIZE;
    let count = if pages > 1 {
        format!(
            "{} van {} dossiers; {}–{} op pagina {} van {}",
            rows.len(),
            p.rows.len(),
            first + 1,
            (first + PAGE_SIZE).min(rows.len()),
            page_now + 1,
            pages
        )
    } else {
        format!("{} van {} dossiers", rows.len(), p.rows.len())
    };
    let shown = &rows[first.min(rows.len())..(first + PAGE_SIZE).min(rows.len())];
    let table = if p.rows.is_empty() {
        html! { <p>{ "Er zijn nog geen dossiers." }</p> }
    } else if rows.is_empty() {
        html! { <p role="status">{ "Geen dossiers met dit filter." }</p> }
    } else {
        html! {
            <table class="llk-table llk-caseload__table">
                <caption class="llk-visually-hidden">{ "Dossiers" }</caption>
                <thead><tr>
                    <th scope="col">{ "Persoon" }</th>
                    <th scope="col">{ "Fase" }</th>
                    <th scope="col">{ "Eerstvolgende termijn" }</th>
                    <th scope="col"><span class="llk-visually-hidden">{ "Acties" }</span></th>
                </tr></thead>
                <tbody>
                    { for shown.iter().map(|r| {
                        let id = r.id.clone();
                        let open = p.on_open.reform(move |_: MouseEvent| id.clone());
                        let deadline = match &r.deadline {
                            Some((word, msg, overdue)) => html! {
                                <span class={classes!(overdue.then_some("llk-caseload__overdue"))}><strong>{ format!("{word}: ") }</strong>{ msg }</span>
                            },
                            None => html! { { "Geen open termijn" } },
                        };
                        let purge = r.purge_after.map(|d| html! { <><br/>{ format!("Afgesloten; wordt na {} verwijderd.", d.to_dutch()) }</> });
                        html! {
                            <tr key={r.id.clone()}>
                                <th scope="row">{ &r.name }</th>
                                <td>{ &r.phase }{ purge }if r.exit_ready { <br/><strong class="llk-caseload__exit">{ "Klaar voor uitstroomgesprek" }</strong> }</td>
                                <td>{ deadline }</td>
                                <td><button type="button" class="llk-button llk-button--secondary" onclick={open} aria-label={format!("Dossier van {} openen", r.name)}>{ "Openen" }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        }
    };
    let unreadable = (!p.unreadable.is_empty()).then(|| html! {
        <div class="llk-alert llk-alert--error" role="alert">
            <p>{ format!("{} dossier(s) kunnen niet worden gelezen: ze zijn met een andere sleutel versleuteld of beschadigd.", p.unreadable.len()) }</p>
            <ul>{ for p.unreadable.iter().map(|id| {
                let id2 = id.clone();
                let delete = p.on_delete.reform(move |_: MouseEvent| id2.clone());
                html! { <li>{ format!("Dossier {id} ") }<button type="button" class="llk-button llk-button--subtle" onclick={delete}>{ "Verwijderen" }</button></li> }
            }) }</ul>
        </div>
    });
    let new = p.can_create.then(|| {
        let on_new = p.on_new.reform(|_: MouseEvent| ());
        html! { <button type="button" class="llk-button llk-button--primary" onclick={on_new}>{ "Nieuw dossier" }</button> }
    });
    let kengetallen = p.on_kengetallen.as_ref().map(|cb| {
        let open = cb.reform(|_: MouseEvent| ());
        html! { <button type="button" class="llk-button llk-button--secondary" onclick={open}>{ "Kengetallen" }</button> }
    });
    html! {
        <section class="llk-caseload" aria-labelledby="llk-caseload-title">
            <h2 class="llk-heading-2" id="llk-caseload-title">{ "Dossiers" }</h2>
            { problem }
            { expiring }
            { unreadable }
            <div class="llk-caseload__filters">
                <div class="llk-form-field">
                    <label class="llk-form-label" for="llk-caseload-phase">{ "Fase" }</label>
                    <select id="llk-caseload-phase" class="llk-select" onchange={on_phase}>
                        <option value="" selected={phase.is_empty()}>{ "Alle fasen" }</option>
                        { for Phase::ALL.iter().map(|(id, label)| html! {
                            <option value={*id} selected={phase.as_str() == *id}>{ *label }</option>
                        }) }
                    </select>
                </div>
                <div class="llk-form-field">
                    <label class="llk-form-label" for="llk-caseload-search">{ "Zoeken op naam" }</label>
                    <input type="search" id="llk-caseload-search" class="llk-textbox llk-textbox--m" value={(*search).clone()} oninput={on_search} autocomplete="off" />
                </div>
                <div class="llk-form-field llk-checkbox">
                    <input type="checkbox" id="llk-caseload-attention" checked={*attention_only} onchange={on_attention} />
                    <label for="llk-caseload-attention">{ "Alleen dossiers die aandacht vragen (te laat of binnenkort)" }</label>
                </div>
            </div>
            <p role="status" class="llk-caseload__count" tabindex="-1" ref={count_ref}>{ count }</p>
            { table }
            <Pagination page={page_now} {pages} label="dossiers" {on_page} />
            { new }
            { kengetallen }
        </section>
    }
}
