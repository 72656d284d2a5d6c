//! What changed between two versions, as a table: the kind of change in words, where (the
//! definition's labels), what it was and what it became.

use llk_core::plan::Change;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct VersionDiffProps {
    pub old: u32,
    pub new: u32,
    pub changes: Rc<Vec<Change>>,
}

#[function_component(VersionDiff)]
pub fn version_diff(p: &VersionDiffProps) -> Html {
    let n = p.changes.len();
    let caption = format!(
        "Verschillen tussen versie {} en versie {}: {}",
        p.old,
        p.new,
        match n {
            0 => "geen".to_string(),
            1 => "1 wijziging".to_string(),
            n => format!("{n} wijzigingen"),
        }
    );
    if n == 0 {
        return html! { <p class="llk-plan__diff-empty" id="llk-plan-diff">{ caption }</p> };
    }
    let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    html! {
        <div class="llk-plan__diff-wrap">
            <table class="llk-plan__diff" id="llk-plan-diff">
                <caption>{ caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Wijziging" }</th>
                        <th scope="col">{ "Onderdeel" }</th>
                        <th scope="col">{ format!("Versie {}", p.old) }</th>
                        <th scope="col">{ format!("Versie {}", p.new) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for p.changes.iter().map(|c| html! {
                        <tr class={format!("llk-plan__diff--{}", llk_core::text::lowercase(c.kind.dutch()))}>
                            <th scope="row">{ c.kind.dutch() }</th>
                            <td>{ &c.label }</td>
                            <td>{ show(&c.old) }</td>
                            <td>{ show(&c.new) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
