//! Rendering the definition's own fields inside plan components, with the existing
//! [`FieldView`]: labels, help, messages and inputs exactly as in every form. Each call
//! gets only the answers its component owns (a section's groups, or one item placed at
//! its index), so the component's props stay small and comparable.

use super::PlanCtx;
use crate::{FieldCtx, FieldView};
use llk_core::Diagnostic;
use serde_json::{Map, Value};
use std::rc::Rc;
use yew::prelude::*;

fn field_ctx(ctx: &PlanCtx, answers: Value, shown: &[Diagnostic]) -> FieldCtx {
    FieldCtx {
        def: ctx.def.clone(),
        answers: llk_core::answers::Answers::new(answers),
        shown: Rc::new(shown.to_vec()),
        today: ctx.today,
        on_action: ctx.on_action.clone(),
        undrawn: Rc::from([]),
    }
}

/// Each section's and each item's fields sit in a `<form>` of their own. Not for
/// submitting (the editor adopts the plan with its own buttons; a submit, e.g. Enter in a
/// lone text box, is cancelled): Chromium's autofill reads the whole form a changed field
/// belongs to after every keystroke, and fields outside any form count as one form of the
/// whole page. For a plan of 200 items that read took 5–6 ms a keystroke, longer than the
/// editor's own work; an item's form of a few fields takes well under 1 ms.
pub fn fields_form(content: Html) -> Html {
    thread_local! {
        static CANCEL: Callback<SubmitEvent> = Callback::from(|e: SubmitEvent| e.prevent_default());
    }
    let onsubmit = CANCEL.with(Callback::clone);
    html! {
        <form class="llk-plan__fields" novalidate=true {onsubmit}>{ content }</form>
    }
}

/// The top-level fields `keys` (groups or single fields) from a partial answers object.
pub fn section_fields(ctx: &PlanCtx, keys: &[&str], answers: &Value, shown: &[Diagnostic]) -> Html {
    let fctx = field_ctx(ctx, answers.clone(), shown);
    fields_form(html! {
        <>
            { for keys.iter().filter_map(|k| ctx.def.field_index(k)).map(|i| html! {
                <FieldView key={i} ctx={fctx.clone()} index={i} />
            }) }
        </>
    })
}

/// The fields of item `index` of the top-level repeating group `group`, except `skip`;
/// a child named in `replace` is drawn by the caller's markup instead.
pub fn item_fields(
    ctx: &PlanCtx,
    group: &str,
    index: usize,
    item: &Value,
    shown: &[Diagnostic],
    skip: &[&str],
    replace: Vec<(&str, Html)>,
) -> Html {
    let Some(gi) = ctx.def.field_index(group) else {
        return html! {};
    };
    let mut items = vec![Value::Null; index];
    items.push(item.clone());
    let mut root = Map::new();
    root.insert(group.to_string(), Value::Array(items));
    let fctx = field_ctx(ctx, Value::Object(root), shown);
    let mut replace = replace;
    fields_form(html! {
        <>
            { for ctx.def.fields[gi].children.iter().copied().filter(|&c| !skip.contains(&ctx.def.fields[c].key.as_str())).map(|c| {
                let key = ctx.def.fields[c].key.as_str();
                match replace.iter().position(|(k, _)| *k == key) {
                    Some(p) => replace.swap_remove(p).1,
                    None => html! { <FieldView key={c} ctx={fctx.clone()} index={c} scope={vec![(gi, index)]} /> },
                }
            }) }
        </>
    })
}

/// The messages of the answers under `prefix` (`team[2]` → `team[2]`, `team[2].naam`, …).
pub fn shown_under(shown: &[Diagnostic], prefix: &str) -> Vec<Diagnostic> {
    shown
        .iter()
        .filter(|d| {
            d.path == prefix
                || d.path
                    .strip_prefix(prefix)
                    .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
        })
        .cloned()
        .collect()
}

/// A partial answers object with the top-level `keys` of `answers`.
pub fn pick(answers: &Value, keys: &[&str]) -> Value {
    let mut m = Map::new();
    for k in keys {
        if let Some(v) = answers.get(*k) {
            m.insert((*k).to_string(), v.clone());
        }
    }
    Value::Object(m)
}

/// The title of a section from the definition's page (region terms filled in).
pub fn page_title(ctx: &PlanCtx, page: &str) -> String {
    ctx.def
        .pages
        .iter()
        .find(|p| p.id == page)
        .map(|p| p.title.clone())
        .unwrap_or_default()
}

/// The intro of a page, if any.
pub fn page_intro(ctx: &PlanCtx, page: &str) -> Option<String> {
    ctx.def
        .pages
        .iter()
        .find(|p| p.id == page)
        .and_then(|p| p.intro.clone())
}
