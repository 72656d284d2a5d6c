//! The versions of the plan: a table of number, date and reason, and a choice of two
//! versions to compare (chosen, then compared with a button, so changing a choice never
//! moves the page under the user).

use llk_core::plan::PlanVersion;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct VersionListProps {
    /// Shared: the same `Rc` while no version was recorded (each holds a whole plan).
    pub versions: super::Shared<Vec<PlanVersion>>,
    pub compare: Option<(u32, u32)>,
    pub on_compare: Callback<(u32, u32)>,
}

fn date_text(iso: &str) -> String {
    llk_core::Date::parse_iso(iso).map_or_else(|| iso.to_string(), llk_core::Date::to_dutch)
}

#[function_component(VersionList)]
pub fn version_list(p: &VersionListProps) -> Html {
    let last_two = {
        let v = &p.versions;
        (v.len() >= 2).then(|| (v[v.len() - 2].number, v[v.len() - 1].number))
    };
    let picked = use_state(|| p.compare.or(last_two));
    if p.versions.is_empty() {
        return html! { <p>{ "Er is nog geen versie vastgelegd." }</p> };
    }
    let (old, new) = (*picked)
        .or(p.compare)
        .or(last_two)
        .unwrap_or((p.versions[0].number, p.versions[0].number));
    let select = |id: &'static str, label: &'static str, current: u32, is_old: bool| {
        let picked = picked.clone();
        let onchange = Callback::from(move |e: Event| {
            let v: u32 = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(0);
            let (o, n) = (*picked).unwrap_or((old, new));
            picked.set(Some(if is_old { (v, n) } else { (o, v) }));
        });
        html! {
            <div class="llk-form-field">
                <label class="llk-form-label" for={id}>{ label }</label>
                <select class="llk-select" id={id} {onchange}>
                    { for p.versions.iter().map(|v| html! {
                        <option value={v.number.to_string()} selected={v.number == current}>{ format!("Versie {}", v.number) }</option>
                    }) }
                </select>
            </div>
        }
    };
    let compare = {
        let cb = p.on_compare.clone();
        Callback::from(move |_: MouseEvent| cb.emit((old, new)))
    };
    html! {
        <>
            <table class="llk-plan__versions">
                <caption class="llk-visually-hidden">{ "Vastgelegde versies van het plan" }</caption>
                <thead><tr><th scope="col">{ "Versie" }</th><th scope="col">{ "Datum" }</th><th scope="col">{ "Reden" }</th></tr></thead>
                <tbody>
                    { for p.versions.iter().rev().map(|v| html! {
                        <tr><th scope="row">{ v.number }</th><td>{ date_text(&v.date) }</td><td>{ &v.reason }</td></tr>
                    }) }
                </tbody>
            </table>
            if p.versions.len() >= 2 {
                <div class="llk-plan__compare" role="group" aria-label="Twee versies vergelijken">
                    { select("llk-plan-compare-old", "Oudere versie", old, true) }
                    { select("llk-plan-compare-new", "Nieuwere versie", new, false) }
                    <button type="button" class="llk-button llk-button--secondary" id="llk-plan-compare" onclick={compare}>{ "Vergelijken" }</button>
                </div>
            }
        </>
    }
}
