//! The kengetallen in `<llk-casussen>`: a period (two Dutch date fields), then one small
//! table per breakdown of `llk_core::case::kengetallen` with a bar per row, and "Download
//! als CSV". The table is the text; the bars repeat it (SVG, `aria-hidden`: SVG attributes,
//! not inline styles, which a strict CSP refuses). Counts only: the view shows what the
//! core computed, suppressed cells as their sign.
//!
//! The period defaults to the last full quarter before today: ZVHs deliver their
//! monitoring figures per quarter, and a quarter that has ended no longer changes.

use super::super::error_summary::{ErrorSummary, SummaryItem};
use crate::format::date_from_input;
use llk_core::case::Case;
use llk_core::case::kengetallen::{Cell, Kengetallen, Row, Section, kengetallen};
use llk_core::{Catalog, Date};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct KengetallenViewProps {
    /// Every case of the caseload (compared by pointer: a new list is a new `Rc`).
    pub cases: Rc<Vec<Case>>,
    pub catalog: Rc<Catalog>,
    /// The region whose threshold, ZVH and terms apply.
    pub region: String,
    pub today: Date,
    /// Cases that could not be read and are not counted.
    #[prop_or_default]
    pub unreadable: usize,
    /// "Download als CSV": (file name, CSV text).
    pub on_download: Callback<(String, String)>,
    /// "Terug naar de dossiers".
    pub on_back: Callback<()>,
}

impl PartialEq for KengetallenViewProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.cases, &o.cases)
            && Rc::ptr_eq(&self.catalog, &o.catalog)
            && self.region == o.region
            && self.today == o.today
            && self.unreadable == o.unreadable
            && self.on_download == o.on_download
            && self.on_back == o.on_back
    }
}

impl std::fmt::Debug for KengetallenViewProps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KengetallenViewProps")
            .field("cases", &self.cases.len())
            .field("region", &self.region)
            .field("today", &self.today)
            .finish_non_exhaustive()
    }
}

/// The last full quarter before `today`.
pub fn last_quarter(today: Date) -> (Date, Date) {
    let first_month = (today.month() - 1) / 3 * 3 + 1;
    let this_quarter = Date::new(today.year(), first_month, 1).unwrap_or(today);
    let from = this_quarter.add_months(-3).unwrap_or(this_quarter);
    let to = this_quarter.add_days(-1).unwrap_or(this_quarter);
    (from, to)
}

fn dutch(d: Date) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

/// The period typed, or a Dutch message per field (`from`, `to`).
pub fn check_period(from: &str, to: &str) -> Result<(Date, Date), Vec<(&'static str, String)>> {
    let read = |s: &str, what: &str| -> Result<Date, String> {
        if s.trim().is_empty() {
            return Err(format!("Vul de {what} van de periode in."));
        }
        date_from_input(s)
            .as_str()
            .and_then(Date::parse_iso)
            .ok_or_else(|| format!("Vul de {what} in als dag-maand-jaar, bijvoorbeeld 31-03-2026."))
    };
    let (f, t) = (read(from, "begindatum"), read(to, "einddatum"));
    match (f, t) {
        (Ok(f), Ok(t)) if f > t => Err(vec![(
            "to",
            "De einddatum ligt vóór de begindatum. Kies een einddatum op of na de begindatum."
                .into(),
        )]),
        (Ok(f), Ok(t)) => Ok((f, t)),
        (f, t) => Err([("from", f.err()), ("to", t.err())]
            .into_iter()
            .filter_map(|(id, e)| e.map(|e| (id, e)))
            .collect()),
    }
}

fn scale(s: &Section) -> u32 {
    let total = s.total.as_ref().and_then(|t| t.cell.count());
    let max = s.rows.iter().filter_map(|r| r.cell.count()).max();
    total.or(max).unwrap_or(0).max(1)
}

fn row_view(r: &Row, k: &Kengetallen, scale: u32, total: bool) -> Html {
    let bar = r.cell.count().map(|n| {
        // Tenths of the viewBox's 100, in integers: float formatting costs the wasm kilobytes.
        let tenths = (u64::from(n) * 1000 / u64::from(scale)).min(1000);
        html! {
            <svg class="llk-kengetallen__bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect width={format!("{}.{}", tenths / 10, tenths % 10)} height="8" />
            </svg>
        }
    });
    let label = if total {
        html! { <strong>{ &r.label }</strong> }
    } else {
        html! { { &r.label } }
    };
    let shown = r.cell.shown(k.threshold);
    let shown = match r.cell {
        Cell::Days(_) => format!("{shown} dagen"),
        _ => shown,
    };
    html! {
        <tr key={r.id.clone()} data-id={r.id.clone()}>
            <th scope="row">{ label }</th>
            <td class="llk-kengetallen__value"><div><span class="llk-kengetallen__number">{ shown }</span>{ bar }</div></td>
        </tr>
    }
}

fn section_view(s: &Section, k: &Kengetallen) -> Html {
    let id = format!("llk-kg-{}", s.id);
    let scale = scale(s);
    html! {
        <section class="llk-kengetallen__section" key={s.id} data-section={s.id}>
            <h3 class="llk-heading-3" id={id.clone()}>{ &s.title }</h3>
            <table class="llk-table llk-kengetallen__table" aria-labelledby={id}>
                <thead><tr>
                    <th scope="col">{ "Kengetal" }</th>
                    <th scope="col">{ "Aantal" }</th>
                </tr></thead>
                <tbody>
                    { for s.total.iter().map(|r| row_view(r, k, scale, true)) }
                    { for s.rows.iter().map(|r| row_view(r, k, scale, false)) }
                    { for s.measures.iter().map(|r| row_view(r, k, scale, false)) }
                </tbody>
            </table>
        </section>
    }
}

#[function_component(KengetallenView)]
pub fn kengetallen_view(p: &KengetallenViewProps) -> Html {
    let (q_from, q_to) = last_quarter(p.today);
    let from_text = use_state(|| dutch(q_from));
    let to_text = use_state(|| dutch(q_to));
    let period = use_state(|| (q_from, q_to));
    let errors = use_state(Vec::<(&'static str, String)>::new);
    let downloaded = use_state(|| None::<String>);
    let heading = use_node_ref();
    let from_ref = use_node_ref();
    let to_ref = use_node_ref();
    // Focus: the heading when the view opens, the error summary after a refused period.
    let focus_summary = use_mut_ref(|| false);
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let root = use_node_ref();
    {
        let (focus_summary, root) = (focus_summary.clone(), root.clone());
        use_effect_with((*errors).clone(), move |_| {
            // Looked up inside the view: an id does not reach into a shadow root from outside.
            let selector = format!("#{}", crate::SUMMARY_HEADING_ID);
            if std::mem::take(&mut *focus_summary.borrow_mut())
                && let Some(el) = root.cast::<web_sys::Element>()
                && let Ok(Some(h)) = el.query_selector(&selector)
                && let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h)
            {
                let _ = h.focus();
            }
        });
    }
    let cases = p.cases.clone();
    let catalog = p.catalog.clone();
    let figures = use_memo(
        (*period, p.region.clone(), Rc::as_ptr(&p.cases) as usize),
        move |((from, to), region, _)| kengetallen(&cases, &catalog, region, *from, *to),
    );
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.set(i.value());
            }
        })
    };
    let onsubmit = {
        let (from_text, to_text, period, errors) = (
            from_text.clone(),
            to_text.clone(),
            period.clone(),
            errors.clone(),
        );
        let (focus_summary, downloaded) = (focus_summary.clone(), downloaded.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            downloaded.set(None);
            match check_period(&from_text, &to_text) {
                Ok(p) => {
                    errors.set(Vec::new());
                    period.set(p);
                }
                Err(list) => {
                    *focus_summary.borrow_mut() = true;
                    errors.set(list);
                }
            }
        })
    };
    let on_select = {
        let (from_ref, to_ref) = (from_ref.clone(), to_ref.clone());
        Callback::from(move |path: String| {
            let r = if path == "from" { &from_ref } else { &to_ref };
            if let Some(i) = r.cast::<web_sys::HtmlElement>() {
                let _ = i.focus();
            }
        })
    };
    let field = |id: &'static str, label: &str, state: &UseStateHandle<String>, r: &NodeRef| {
        let input_id = format!("llk-kg-{id}");
        let error = errors
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, m)| m.clone());
        let mut described = format!("{input_id}-format");
        if error.is_some() {
            described.push_str(&format!(" {input_id}-error"));
        }
        html! {
            <div class={classes!("llk-form-field", error.is_some().then_some("llk-form-field--invalid"))}>
                <label class="llk-form-label" for={input_id.clone()}>{ label }</label>
                <p class="llk-form-field__description" id={format!("{input_id}-format")}>{ "Bijvoorbeeld: 31-03-2026" }</p>
                { for error.map(|m| html! {
                    <p class="llk-form-field__error-message" id={format!("{input_id}-error")}>
                        <span class="llk-visually-hidden">{ "Fout: " }</span>{ m }
                    </p>
                }) }
                <input type="text" id={input_id} class="llk-textbox llk-textbox--m" ref={r.clone()}
                    value={(**state).clone()} oninput={text_input(state)} autocomplete="off"
                    inputmode="numeric" aria-describedby={described}
                    aria-invalid={errors.iter().any(|(f, _)| *f == id).then_some("true")} />
            </div>
        }
    };
    let summary_items: Vec<SummaryItem> = errors
        .iter()
        .map(|(id, m)| SummaryItem {
            path: (*id).to_string(),
            target: format!("llk-kg-{id}"),
            message: m.clone(),
        })
        .collect();
    let body = match &*figures {
        Err(message) => {
            html! { <div class="llk-alert llk-alert--error" role="alert"><p>{ message }</p></div> }
        }
        Ok(k) => {
            let name = format!("kengetallen-{}-{}-{}.csv", k.region, k.from, k.to);
            let on_download = {
                let (cb, csv, name, downloaded) = (
                    p.on_download.clone(),
                    k.to_csv(),
                    name.clone(),
                    downloaded.clone(),
                );
                Callback::from(move |_: MouseEvent| {
                    cb.emit((name.clone(), csv.clone()));
                    downloaded.set(Some(name.clone()));
                })
            };
            html! {
                <>
                    <p role="status" class="llk-kengetallen__period">
                        { format!("Kengetallen van {} over {} ({} dossiers", k.region_name, k.period(), p.cases.len()) }
                        { if p.unreadable > 0 { format!("; {} dossier(s) konden niet worden gelezen en tellen niet mee).", p.unreadable) } else { ").".to_string() } }
                    </p>
                    <p class="llk-kengetallen__legend">
                        { format!("‘< {0}’: minder dan {0}; het aantal wordt niet getoond, zodat niemand herkenbaar is. ‘×’: verborgen, zodat zo’n klein aantal niet is terug te rekenen uit het totaal. ‘–’: niet berekend.", k.threshold) }
                    </p>
                    <p>
                        <button type="button" class="llk-button llk-button--primary" onclick={on_download}>{ "Download als CSV" }</button>
                    </p>
                    // Always there (empty until a download): a live region present before its
                    // text is announced, and the button before it is not re-created (focus stays).
                    <p role="status">{ for downloaded.as_ref().map(|n| format!("Het bestand {n} is gedownload. Het bevat alleen aantallen, geen personen.")) }</p>
                    { for k.sections.iter().map(|s| section_view(s, k)) }
                </>
            }
        }
    };
    let back = p.on_back.reform(|_: MouseEvent| ());
    html! {
        <section class="llk-kengetallen" aria-labelledby="llk-kg-title" ref={root}>
            <h2 class="llk-heading-2" id="llk-kg-title" tabindex="-1" ref={heading}>{ "Kengetallen" }</h2>
            <p>
                <button type="button" class="llk-button llk-button--subtle" onclick={back}>{ "Terug naar de dossiers" }</button>
            </p>
            <p>{ "Aantallen voor het landelijk beeld, over alle dossiers in deze lijst. Er staan geen namen, geboortedata, BSN’s of toelichtingen in." }</p>
            <ErrorSummary items={summary_items} {on_select} />
            <form class="llk-kengetallen__period-form" {onsubmit} novalidate=true>
                <fieldset class="llk-form-fieldset">
                    <legend class="llk-form-label llk-form-fieldset__legend">{ "Periode" }</legend>
                    <div class="llk-caseload__filters">
                        { field("from", "Van", &from_text, &from_ref) }
                        { field("to", "Tot en met", &to_text, &to_ref) }
                        <div class="llk-form-field">
                            <button type="submit" class="llk-button llk-button--secondary">{ "Kengetallen tonen" }</button>
                        </div>
                    </div>
                </fieldset>
            </form>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).expect("date")
    }

    #[test]
    fn the_last_full_quarter() {
        assert_eq!(
            last_quarter(d("2026-12-07")),
            (d("2026-07-01"), d("2026-09-30"))
        );
        assert_eq!(
            last_quarter(d("2027-01-01")),
            (d("2026-10-01"), d("2026-12-31"))
        );
        assert_eq!(
            last_quarter(d("2026-05-31")),
            (d("2026-01-01"), d("2026-03-31"))
        );
    }

    #[test]
    fn a_period_typed_in_dutch() {
        assert_eq!(
            check_period("1-1-2026", "31-03-2026"),
            Ok((d("2026-01-01"), d("2026-03-31")))
        );
        let e = check_period("", "31-02-2026").expect_err("refused");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].0, "from");
        assert!(e[1].1.contains("dag-maand-jaar"), "{e:?}");
        let e = check_period("01-04-2026", "31-03-2026").expect_err("refused");
        assert_eq!(e[0].0, "to");
        assert!(e[0].1.contains("vóór de begindatum"));
    }
}
