//! A (non-repeating) group: a fieldset with its label as legend around its fields.

use crate::field::messages;
use crate::{FieldCtx, FieldView, dom_id};
use llk_core::answers::Scope;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct GroupViewProps {
    pub ctx: FieldCtx,
    pub index: usize,
    #[prop_or_default]
    pub scope: Scope,
}

#[function_component(GroupView)]
pub fn group_view(props: &GroupViewProps) -> Html {
    let ctx = &props.ctx;
    let f = &ctx.def.fields[props.index];
    let path = ctx.env(&props.scope).data_path(props.index).to_string();
    let id = dom_id(&path);
    let (msgs, msg_ids) = messages(&id, &ctx.shown, &path);
    // A group whose fields are all hidden by their conditions is not shown either.
    let env = ctx.env(&props.scope);
    if msg_ids.is_empty() && !f.children.iter().any(|&c| env.visible(c)) {
        return html! {};
    }
    html! {
        <fieldset class="llk-fieldset" id={id.clone()} tabindex="-1">
            <legend class="llk-fieldset__legend">{ &f.label }</legend>
            if let Some(h) = &f.help { <p class="llk-form-field__description">{ h }</p> }
            { msgs }
            { for f.children.iter().map(|&c| html! {
                <FieldView key={c} ctx={ctx.clone()} index={c} scope={props.scope.clone()} />
            }) }
        </fieldset>
    }
}
