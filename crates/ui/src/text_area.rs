//! A multi-line text box.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct TextAreaProps {
    pub id: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    pub on_input: Callback<String>,
    pub on_blur: Callback<String>,
}

#[function_component(TextArea)]
pub fn text_area(props: &TextAreaProps) -> Html {
    let oninput = {
        let cb = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let onblur = {
        let cb = props.on_blur.clone();
        Callback::from(move |e: FocusEvent| {
            cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let class = classes!(
        "llk-textarea",
        props.invalid.then_some("llk-textbox--invalid")
    );
    html! {
        <textarea
            {class}
            id={props.id.clone()}
            name={props.id.clone()}
            // plan.css gives the plan's text boxes a fixed intrinsic height of 5 lines.
            rows="5"
            aria-invalid={props.invalid.then_some("true")}
            aria-required={props.required.then_some("true")}
            aria-describedby={props.described_by.clone()}
            value={props.value.clone()}
            {oninput}
            {onblur}
        />
    }
}
