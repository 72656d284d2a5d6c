//! Checkboxes for a multi_choice field; the first carries the field's DOM id.

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct CheckboxGroupProps {
    pub id: AttrValue,
    pub options: Vec<(String, String)>,
    pub selected: Vec<String>,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    /// The new selection, in option order.
    pub on_change: Callback<Vec<String>>,
}

#[function_component(CheckboxGroup)]
pub fn checkbox_group(props: &CheckboxGroupProps) -> Html {
    html! {
        <div class="llk-checkbox-group">
            { for props.options.iter().enumerate().map(|(n, (value, label))| {
                let id = if n == 0 { props.id.to_string() } else { format!("{}--{n}", props.id) };
                let checked = props.selected.contains(value);
                let onchange = {
                    let cb = props.on_change.clone();
                    let options = props.options.clone();
                    let selected = props.selected.clone();
                    let value = value.clone();
                    Callback::from(move |_: Event| {
                        let next: Vec<String> = options
                            .iter()
                            .map(|(v, _)| v.clone())
                            .filter(|v| if *v == value { !checked } else { selected.contains(v) })
                            .collect();
                        cb.emit(next);
                    })
                };
                html! {
                    <div class="llk-checkbox" key={value.clone()}>
                        <input class="llk-checkbox__input" type="checkbox" id={id.clone()}
                            name={props.id.clone()} value={value.clone()} {checked} {onchange}
                            aria-invalid={props.invalid.then_some("true")}
                            aria-describedby={props.described_by.clone()} />
                        <label class="llk-checkbox__label" for={id}>{ label }</label>
                    </div>
                }
            }) }
        </div>
    }
}
