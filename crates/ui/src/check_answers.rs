//! The check-your-answers page: every page with its answers, each with a "Wijzigen" link
//! (left out when read-only).

use crate::format;
use crate::state::Action;
use crate::{FieldCtx, dom_id};
use llk_core::answers::Scope;
use llk_core::def::FieldKind;
use serde_json::Value;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct CheckAnswersProps {
    pub ctx: FieldCtx,
    #[prop_or_default]
    pub readonly: bool,
}

fn rows(ctx: &FieldCtx, fields: &[usize], scope: &Scope, readonly: bool, out: &mut Vec<Html>) {
    for &i in fields {
        let env = ctx.env(scope);
        if !env.visible(i) {
            continue;
        }
        let f = &ctx.def.fields[i];
        let path = env.data_path(i).to_string();
        match f.kind {
            FieldKind::Info | FieldKind::Computed => {}
            FieldKind::Group
                if f.repeat.is_none() && !f.children.iter().any(|&c| env.visible(c)) => {}
            FieldKind::Group => {
                out.push(html! {
                    <div class="llk-summary-list__group" key={format!("g-{path}")}>
                        <dt class="llk-summary-list__group-title">{ &f.label }</dt><dd class="llk-summary-list__spacer"></dd>
                    </div>
                });
                if let Some(rep) = &f.repeat {
                    let n = llk_core::path::DataPath::parse(&path)
                        .map(|p| ctx.answers.items(&p).len())
                        .unwrap_or(0);
                    for j in 0..n {
                        out.push(html! {
                            <div class="llk-summary-list__group" key={format!("i-{path}-{j}")}>
                                <dt class="llk-summary-list__item-title">{ format!("{} {}", rep.item_label, j + 1) }</dt><dd class="llk-summary-list__spacer"></dd>
                            </div>
                        });
                        let mut s = scope.clone();
                        s.push((i, j));
                        rows(ctx, &f.children, &s, readonly, out);
                    }
                } else {
                    rows(ctx, &f.children, scope, readonly, out);
                }
            }
            _ => {
                let value = llk_core::path::DataPath::parse(&path)
                    .and_then(|p| ctx.answers.at(&p).cloned())
                    .unwrap_or(Value::Null);
                let shown = format::display(f, &value);
                let edit = {
                    let (cb, p) = (ctx.on_action.clone(), path.clone());
                    Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        cb.emit(Action::Edit { path: p.clone() });
                    })
                };
                out.push(html! {
                    <div class="llk-summary-list__row" key={path.clone()}>
                        <dt class="llk-summary-list__key">{ &f.label }</dt>
                        <dd class={classes!("llk-summary-list__value", shown.is_none().then_some("llk-summary-list__value--empty"))}>
                            { shown.unwrap_or_else(|| "Niet ingevuld".into()) }
                        </dd>
                        if !readonly {
                            <dd class="llk-summary-list__actions">
                                <a class="llk-link" href={format!("#{}", dom_id(&path))} onclick={edit}>
                                    { "Wijzigen" }<span class="llk-visually-hidden">{ format!(" {}", f.label) }</span>
                                </a>
                            </dd>
                        }
                    </div>
                });
            }
        }
    }
}

#[function_component(CheckAnswers)]
pub fn check_answers(props: &CheckAnswersProps) -> Html {
    let ctx = &props.ctx;
    // Under the form title (h2) when read-only; under "Controleer uw antwoorden" (h3) otherwise.
    let heading = if props.readonly { "h3" } else { "h4" };
    html! {
        <div class="llk-check-answers">
            { for ctx.def.pages.iter().enumerate().map(|(n, page)| {
                let mut out = Vec::new();
                rows(ctx, &page.fields, &Vec::new(), props.readonly, &mut out);
                html! {
                    // Not a landmark (no accessible name): a page can show the same form twice
                    // (a read-only copy beside the form), and landmarks must be unique.
                    <section class="llk-check-answers__page" key={n}>
                        <@{heading} class="llk-heading-4" id={format!("llk-check-{n}")}>{ &page.title }</@>
                        <dl class="llk-summary-list">{ for out }</dl>
                    </section>
                }
            }) }
        </div>
    }
}
