//! A one-line text box. While the user types it shows exactly what was typed (a date
//! `17-5-1990` is stored as `1990-05-17` but not rewritten under the cursor); after the
//! field is left it shows the stored answer.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct TextInputProps {
    pub id: AttrValue,
    /// The stored answer as text.
    pub value: AttrValue,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    /// Width class: `xs`, `s`, `m`, `l` (NL Design System form field widths).
    #[prop_or(AttrValue::Static("l"))]
    pub width: AttrValue,
    pub on_input: Callback<String>,
    pub on_blur: Callback<String>,
}

#[function_component(TextInput)]
pub fn text_input(props: &TextInputProps) -> Html {
    let draft = use_state(|| None::<String>);
    let oninput = {
        let draft = draft.clone();
        let cb = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            draft.set(Some(text.clone()));
            cb.emit(text);
        })
    };
    let onblur = {
        let draft = draft.clone();
        let cb = props.on_blur.clone();
        Callback::from(move |e: FocusEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            draft.set(None);
            cb.emit(text);
        })
    };
    let value = (*draft)
        .clone()
        .map_or_else(|| props.value.clone(), AttrValue::from);
    let class = classes!(
        "llk-textbox",
        format!("llk-textbox--{}", props.width),
        props.invalid.then_some("llk-textbox--invalid")
    );
    html! {
        <input
            {class}
            id={props.id.clone()}
            name={props.id.clone()}
            type={props.input_type.clone()}
            inputmode={props.inputmode.clone()}
            autocomplete={props.autocomplete.clone()}
            aria-invalid={props.invalid.then_some("true")}
            aria-required={props.required.then_some("true")}
            aria-describedby={props.described_by.clone()}
            spellcheck={(props.input_type == "email").then_some("false")}
            {value}
            {oninput}
            {onblur}
        />
    }
}
