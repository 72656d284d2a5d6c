//! Radio buttons for one choice (choice, yes/no, yes/no/unknown). The group's label is the
//! `<legend>` of the fieldset around it ([`crate::FieldView`] draws that); the first radio
//! carries the field's DOM id so links and focus reach it.

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct RadioGroupProps {
    pub id: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(String, String)>,
    pub selected: Option<String>,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    pub on_select: Callback<String>,
}

#[function_component(RadioGroup)]
pub fn radio_group(props: &RadioGroupProps) -> Html {
    html! {
        <div class="llk-radio-group" role="radiogroup" aria-labelledby={format!("{}-legend", props.id)}
            aria-required={props.required.then_some("true")}
            aria-invalid={props.invalid.then_some("true")}
            aria-describedby={props.described_by.clone()}>
            { for props.options.iter().enumerate().map(|(n, (value, label))| {
                let id = if n == 0 { props.id.to_string() } else { format!("{}--{n}", props.id) };
                let checked = props.selected.as_deref() == Some(value.as_str());
                let onchange = {
                    let cb = props.on_select.clone();
                    let value = value.clone();
                    Callback::from(move |_: Event| cb.emit(value.clone()))
                };
                html! {
                    <div class="llk-radio" key={value.clone()}>
                        <input class="llk-radio__input" type="radio" id={id.clone()}
                            name={props.id.clone()} value={value.clone()} {checked} {onchange} />
                        <label class="llk-radio__label" for={id}>{ label }</label>
                    </div>
                }
            }) }
        </div>
    }
}
