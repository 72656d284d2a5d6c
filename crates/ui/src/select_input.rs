//! A drop-down for long option lists (organisations from the regional list), with
//! "Anders, namelijk" and a text box when the field allows other values.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The select value that stands for "another value, typed".
const OTHER: &str = "__anders__";

#[derive(Debug, Properties, PartialEq)]
pub struct SelectInputProps {
    pub id: AttrValue,
    pub options: Vec<(String, String)>,
    pub selected: Option<String>,
    #[prop_or_default]
    pub allow_other: bool,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    /// A choice was made (or the other-value box was left): the answer, `None` when cleared.
    pub on_select: Callback<Option<String>>,
    /// Typing in the other-value box (not validated yet).
    pub on_input: Callback<Option<String>>,
}

#[function_component(SelectInput)]
pub fn select_input(props: &SelectInputProps) -> Html {
    let known = props
        .selected
        .as_ref()
        .is_none_or(|s| props.options.iter().any(|(v, _)| v == s));
    // "Anders" chosen but nothing typed yet.
    let other_open = use_state(|| false);
    let show_other = props.allow_other && (!known || *other_open);
    let onchange = {
        let cb = props.on_select.clone();
        let other_open = other_open.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if v == OTHER {
                other_open.set(true);
                cb.emit(None);
            } else {
                other_open.set(false);
                cb.emit((!v.is_empty()).then_some(v));
            }
        })
    };
    let other_id = format!("{}-anders", props.id);
    let other_value = if known {
        String::new()
    } else {
        props.selected.clone().unwrap_or_default()
    };
    let oninput = {
        let cb = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            cb.emit((!v.is_empty()).then_some(v));
        })
    };
    let onblur = {
        let cb = props.on_select.clone();
        Callback::from(move |e: FocusEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            cb.emit((!v.is_empty()).then_some(v));
        })
    };
    let class = classes!(
        "llk-select",
        props.invalid.then_some("llk-textbox--invalid")
    );
    html! {
        <>
            <select {class} id={props.id.clone()} name={props.id.clone()} {onchange}
                aria-invalid={props.invalid.then_some("true")}
                aria-required={props.required.then_some("true")}
                aria-describedby={props.described_by.clone()}>
                <option value="" selected={props.selected.is_none() && !show_other}>{ "Maak een keuze" }</option>
                { for props.options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={props.selected.as_deref() == Some(v.as_str())}>{ l }</option>
                }) }
                if props.allow_other {
                    <option value={OTHER} selected={show_other}>{ "Anders, namelijk" }</option>
                }
            </select>
            if show_other {
                <div class="llk-form-field__other">
                    <label class="llk-form-label" for={other_id.clone()}>{ "Andere organisatie of waarde" }</label>
                    <input class="llk-textbox llk-textbox--l" id={other_id} type="text" value={other_value} {oninput} {onblur} />
                </div>
            }
        </>
    }
}
