//! A repeating group: its items, each with its fields and a remove button, and an add
//! button (within the definition's `repeat.min`/`repeat.max`).

use crate::field::messages;
use crate::state::Action;
use crate::{FieldCtx, FieldView, dom_id};
use llk_core::answers::Scope;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct RepeatGroupProps {
    pub ctx: FieldCtx,
    pub index: usize,
    #[prop_or_default]
    pub scope: Scope,
}

#[function_component(RepeatGroup)]
pub fn repeat_group(props: &RepeatGroupProps) -> Html {
    let ctx = &props.ctx;
    let i = props.index;
    let f = &ctx.def.fields[i];
    let Some(rep) = &f.repeat else {
        return html! {};
    };
    let path = ctx.env(&props.scope).data_path(i).to_string();
    let id = dom_id(&path);
    let n = llk_core::path::DataPath::parse(&path)
        .map(|p| ctx.answers.items(&p).len())
        .unwrap_or(0);
    let (msgs, msg_ids) = messages(&id, &ctx.shown, &path);
    let item_label = &rep.item_label;
    let add = {
        let (cb, group) = (ctx.on_action.clone(), path.clone());
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::AddItem {
                group: group.clone(),
            })
        })
    };
    let described = (!msg_ids.is_empty()).then(|| msg_ids.join(" "));
    html! {
        <fieldset class={classes!("llk-fieldset", "llk-repeat", (!msg_ids.is_empty()).then_some("llk-form-field--invalid"))}
            id={id.clone()} tabindex="-1" aria-describedby={described}>
            <legend class="llk-fieldset__legend">{ &f.label }</legend>
            if let Some(h) = &f.help { <p class="llk-form-field__description">{ h }</p> }
            { msgs }
            { for (0..n).map(|j| {
                let mut scope = props.scope.clone();
                scope.push((i, j));
                let title_id = format!("{id}-{j}-title");
                let remove = {
                    let (cb, group) = (ctx.on_action.clone(), path.clone());
                    Callback::from(move |_: MouseEvent| cb.emit(Action::RemoveItem { group: group.clone(), index: j }))
                };
                html! {
                    <div class="llk-repeat__item" key={j} role="group" aria-labelledby={title_id.clone()}>
                        <p class="llk-repeat__title" id={title_id}>{ format!("{item_label} {}", j + 1) }</p>
                        { for f.children.iter().map(|&c| html! {
                            <FieldView key={c} ctx={ctx.clone()} index={c} scope={scope.clone()} />
                        }) }
                        if n > rep.min as usize {
                            <button type="button" class="llk-button llk-button--subtle" onclick={remove}>
                                { format!("{item_label} {} verwijderen", j + 1) }
                            </button>
                        }
                    </div>
                }
            }) }
            if n < rep.max as usize {
                <button type="button" id={format!("{id}-add")} class="llk-button llk-button--secondary" onclick={add}>
                    { format!("{item_label} toevoegen") }
                </button>
            }
        </fieldset>
    }
}
