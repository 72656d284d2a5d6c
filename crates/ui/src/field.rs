//! One field of a definition, wherever it stands (a page, a group, an item of a repeating
//! group): label above the field, help, messages above the input tied with
//! `aria-describedby`, and the input that fits its type.

use crate::format;
use crate::state::Action;
use crate::{
    CheckboxGroup, FieldCtx, GroupView, RadioGroup, RepeatGroup, SelectInput, SignaturePad,
    TextArea, TextInput, dom_id,
};
use llk_core::answers::Scope;
use llk_core::def::{Field, FieldKind};
use llk_core::expr::{self, Val};
use llk_core::{Diagnostic, Severity};
use serde_json::Value;
use std::rc::Rc;
use yew::prelude::*;

/// Choices with more options than this get a drop-down instead of radio buttons.
const MAX_RADIOS: usize = 7;

#[derive(Debug, Properties, PartialEq)]
pub struct FieldViewProps {
    pub ctx: FieldCtx,
    /// Index into `FormDef::fields`.
    pub index: usize,
    /// The repeating-group items this field stands in.
    #[prop_or_default]
    pub scope: Scope,
}

/// The messages of a field: errors, then warnings, each with its own id for
/// `aria-describedby`. Returns the markup and the ids.
pub(crate) fn messages(id: &str, shown: &[Diagnostic], path: &str) -> (Html, Vec<String>) {
    let mut ids = Vec::new();
    let items: Vec<Html> = shown
        .iter()
        .filter(|d| d.path == path)
        .enumerate()
        .map(|(n, d)| {
            let (class, prefix, kind) = match d.severity {
                Severity::Error => ("llk-form-field-error-message", "Fout: ", "error"),
                Severity::Warning => ("llk-form-field-warning-message", "Let op: ", "warning"),
            };
            let mid = format!("{id}-{kind}-{n}");
            ids.push(mid.clone());
            html! {
                <p class={class} id={mid}>
                    <span class="llk-visually-hidden">{ prefix }</span>{ &d.message }
                </p>
            }
        })
        .collect();
    (html! { <>{ for items }</> }, ids)
}

fn show_val(v: &Val) -> String {
    match v {
        Val::Null => "—".into(),
        Val::Bool(true) => "Ja".into(),
        Val::Bool(false) => "Nee".into(),
        Val::Num(n) => format::number_to_input(&serde_json::json!(n)),
        Val::Text(t) => t.clone(),
        Val::Date(d) => d.to_dutch(),
        Val::List(items) => items.iter().map(show_val).collect::<Vec<_>>().join(", "),
        Val::Group(n) => n.to_string(),
    }
}

fn options(f: &Field) -> Vec<(String, String)> {
    f.options
        .iter()
        .map(|c| (c.value.clone(), c.label.clone()))
        .collect()
}

/// What of a field depends on other answers (its visibility, whether it is required, a
/// computed value): worked out once per render and kept, so that a keystroke elsewhere
/// in the form can tell in [`FieldView::changed`] whether this field looks any different.
#[derive(Debug, PartialEq)]
struct Shape {
    visible: bool,
    required: bool,
    computed: Option<String>,
}

impl Shape {
    fn of(props: &FieldViewProps) -> Shape {
        let env = props.ctx.env(&props.scope);
        let i = props.index;
        let f = &props.ctx.def.fields[i];
        let visible = env.visible(i);
        Shape {
            visible,
            required: visible
                && (f.required
                    || f.required_if
                        .as_ref()
                        .is_some_and(|e| expr::eval(e, &env).is_true())),
            computed: (visible && f.kind == FieldKind::Computed)
                .then(|| show_val(&env.computed(i))),
        }
    }
}

/// One field. A keystroke gives every field new answers; a field draws again only when
/// what it shows changed (its own answer, its messages or its [`Shape`]), so typing in a
/// form of 200 fields redraws one, not 200. Groups always pass the new answers on to their
/// fields, which decide for themselves.
#[derive(Debug)]
pub struct FieldView {
    shape: Shape,
}

impl Component for FieldView {
    type Message = ();
    type Properties = FieldViewProps;

    fn create(ctx: &Context<Self>) -> Self {
        FieldView {
            shape: Shape::of(ctx.props()),
        }
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &FieldViewProps) -> bool {
        let new = ctx.props();
        let shape = Shape::of(new);
        let same_shape = shape == self.shape;
        self.shape = shape;
        let (c, o) = (&new.ctx, &old.ctx);
        if c.def != o.def
            || c.today != o.today
            || c.on_action != o.on_action
            || new.index != old.index
            || new.scope != old.scope
            || !same_shape
        {
            return true;
        }
        if !self.shape.visible {
            return false;
        }
        if c.def.fields[new.index].kind == FieldKind::Group {
            return true;
        }
        let path = c.env(&new.scope).data_path(new.index);
        if c.answers.at(&path) != o.answers.at(&path) {
            return true;
        }
        if Rc::ptr_eq(&c.shown, &o.shown) && c.undrawn.is_empty() {
            return false;
        }
        let path = path.to_string();
        if c.undrawn.contains(&path) {
            return true;
        }
        let mine = |d: &&Diagnostic| d.path == path;
        !c.shown.iter().filter(mine).eq(o.shown.iter().filter(mine))
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        draw(ctx.props(), &self.shape)
    }
}

fn draw(props: &FieldViewProps, shape: &Shape) -> Html {
    let ctx = &props.ctx;
    let env = ctx.env(&props.scope);
    let i = props.index;
    if !shape.visible {
        return html! {};
    }
    let f = &ctx.def.fields[i];
    let path = env.data_path(i).to_string();
    let id = dom_id(&path);
    match f.kind {
        FieldKind::Info => {
            return html! {
                <div class="llk-info" id={id}>
                    if !f.label.is_empty() { <p class="llk-info__title">{ &f.label }</p> }
                    { for f.text.iter().flat_map(|t| t.split("\n\n")).map(|para| html! { <p>{ para }</p> }) }
                </div>
            };
        }
        FieldKind::Computed => {
            return html! {
                <div class="llk-form-field llk-form-field--computed">
                    <p class="llk-form-label" id={format!("{id}-label")}>{ &f.label }</p>
                    <output class="llk-computed" id={id.clone()} aria-labelledby={format!("{id}-label")}>
                        { shape.computed.clone().unwrap_or_default() }
                    </output>
                </div>
            };
        }
        FieldKind::Group => {
            return if f.repeat.is_some() {
                html! { <RepeatGroup ctx={ctx.clone()} index={i} scope={props.scope.clone()} /> }
            } else {
                html! { <GroupView ctx={ctx.clone()} index={i} scope={props.scope.clone()} /> }
            };
        }
        _ => {}
    }
    let value = llk_core::path::DataPath::parse(&path)
        .and_then(|p| ctx.answers.at(&p).cloned())
        .unwrap_or(Value::Null);
    if f.readonly {
        // The case's fact: shown, not typed (the case refuses a change to it).
        return html! {
            <div class="llk-form-field llk-form-field--computed">
                <p class="llk-form-label" id={format!("{id}-label")}>{ &f.label }</p>
                <output class="llk-computed" id={id.clone()} aria-labelledby={format!("{id}-label")}>
                    { llk_core::display::display(f, &value).unwrap_or_else(|| "—".into()) }
                </output>
            </div>
        };
    }
    let required = shape.required;
    let invalid = ctx
        .shown
        .iter()
        .any(|d| d.path == path && d.severity == Severity::Error);
    let warned = !invalid
        && ctx
            .shown
            .iter()
            .any(|d| d.path == path && d.severity == Severity::Warning);
    let (msgs, msg_ids) = messages(&id, &ctx.shown, &path);
    let help_id = format!("{id}-help");
    let format_id = format!("{id}-format");
    let mut described: Vec<String> = msg_ids;
    if f.help.is_some() {
        described.push(help_id.clone());
    }
    if f.kind == FieldKind::Date {
        described.push(format_id.clone());
    }
    let described_by = (!described.is_empty()).then(|| AttrValue::from(described.join(" ")));

    let on_action = ctx.on_action.clone();
    let input_cb = {
        let (on_action, path, kind) = (on_action.clone(), path.clone(), f.kind);
        Callback::from(move |text: String| {
            on_action.emit(Action::Input {
                path: path.clone(),
                value: format::from_input(kind, &text),
            })
        })
    };
    let blur_cb = {
        let (on_action, path, kind) = (on_action.clone(), path.clone(), f.kind);
        Callback::from(move |text: String| {
            on_action.emit(Action::Commit {
                path: path.clone(),
                value: format::from_input(kind, &text),
            })
        })
    };
    let commit = {
        let (on_action, path) = (on_action.clone(), path.clone());
        Callback::from(move |value: Value| {
            on_action.emit(Action::Commit {
                path: path.clone(),
                value,
            })
        })
    };
    let text = format::to_input(f, &value);
    let text_input = |input_type: &'static str,
                      inputmode: Option<&'static str>,
                      width: &'static str,
                      autocomplete: Option<&'static str>| {
        html! {
            <TextInput id={id.clone()} value={text.clone()} input_type={input_type}
                inputmode={inputmode.map(AttrValue::Static)} autocomplete={autocomplete.map(AttrValue::Static)}
                width={width} {invalid} {required} described_by={described_by.clone()}
                on_input={input_cb.clone()} on_blur={blur_cb.clone()} />
        }
    };
    let (control, grouped) = match f.kind {
        FieldKind::Text | FieldKind::PersonName => {
            (text_input("text", None, "l", Some("off")), false)
        }
        FieldKind::Email => (text_input("email", Some("email"), "l", Some("off")), false),
        FieldKind::Phone => (text_input("tel", Some("tel"), "m", Some("off")), false),
        FieldKind::Postcode => (text_input("text", None, "s", Some("off")), false),
        FieldKind::Bsn => (text_input("text", Some("numeric"), "s", Some("off")), false),
        FieldKind::Number => (text_input("text", Some("decimal"), "s", None), false),
        FieldKind::Date => (text_input("text", None, "m", Some("off")), false),
        FieldKind::Textarea => (
            html! { <TextArea id={id.clone()} value={text.clone()} {invalid} {required}
            described_by={described_by.clone()} on_input={input_cb.clone()} on_blur={blur_cb.clone()} /> },
            false,
        ),
        FieldKind::Choice | FieldKind::Organisation
            if f.kind == FieldKind::Organisation
                || f.allow_other
                || f.options.len() > MAX_RADIOS =>
        {
            let selected = value.as_str().map(str::to_string);
            let on_select = {
                let commit = commit.clone();
                Callback::from(move |v: Option<String>| {
                    commit.emit(v.map_or(Value::Null, Value::String))
                })
            };
            let on_input = {
                let (on_action, path) = (on_action.clone(), path.clone());
                Callback::from(move |v: Option<String>| {
                    on_action.emit(Action::Input {
                        path: path.clone(),
                        value: v.map_or(Value::Null, Value::String),
                    })
                })
            };
            (
                html! { <SelectInput id={id.clone()} options={options(f)} {selected}
                allow_other={f.allow_other || f.kind == FieldKind::Organisation && f.options.is_empty()}
                {invalid} {required} described_by={described_by.clone()} {on_select} {on_input} /> },
                false,
            )
        }
        FieldKind::Choice
        | FieldKind::Organisation
        | FieldKind::YesNo
        | FieldKind::YesNoUnknown => {
            let (opts, selected) = match f.kind {
                FieldKind::YesNo => (
                    vec![
                        ("true".to_string(), "Ja".to_string()),
                        ("false".to_string(), "Nee".to_string()),
                    ],
                    value.as_bool().map(|b| b.to_string()),
                ),
                FieldKind::YesNoUnknown => (
                    vec![
                        ("ja".to_string(), "Ja".to_string()),
                        ("nee".to_string(), "Nee".to_string()),
                        ("onbekend".to_string(), "Onbekend".to_string()),
                    ],
                    value.as_str().map(str::to_string),
                ),
                _ => (options(f), value.as_str().map(str::to_string)),
            };
            let kind = f.kind;
            let on_select = {
                let commit = commit.clone();
                Callback::from(move |v: String| {
                    commit.emit(if kind == FieldKind::YesNo {
                        Value::Bool(v == "true")
                    } else {
                        Value::String(v)
                    })
                })
            };
            (
                html! { <RadioGroup id={id.clone()} options={opts} {selected} {invalid} {required}
                described_by={described_by.clone()} {on_select} /> },
                true,
            )
        }
        FieldKind::MultiChoice => {
            let selected: Vec<String> = value
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            let on_change = {
                let commit = commit.clone();
                Callback::from(move |v: Vec<String>| {
                    commit.emit(Value::Array(v.into_iter().map(Value::String).collect()))
                })
            };
            (
                html! { <CheckboxGroup id={id.clone()} options={options(f)} {selected} {invalid}
                described_by={described_by.clone()} {on_change} /> },
                true,
            )
        }
        FieldKind::Signature => (
            html! { <SignaturePad id={id.clone()} value={value.clone()} today={ctx.today.to_string()}
            {invalid} {required} described_by={described_by.clone()} on_commit={commit.clone()} /> },
            true,
        ),
        FieldKind::Group | FieldKind::Info | FieldKind::Computed => (html! {}, false),
    };
    let label_text = html! {
        <>
            { &f.label }
            if required { <span class="llk-form-label__required">{ " (verplicht)" }</span> }
        </>
    };
    let help = f.help.as_ref().map(|h| {
        html! {
            <p class="llk-form-field__description" id={help_id.clone()}>{ h }</p>
        }
    });
    let format_hint = (f.kind == FieldKind::Date).then(|| html! {
        <p class="llk-form-field__description" id={format_id.clone()}>{ "Bijvoorbeeld: 17-05-1990" }</p>
    });
    let class = classes!(
        "llk-form-field",
        invalid.then_some("llk-form-field--invalid"),
        warned.then_some("llk-form-field--warning"),
    );
    if grouped {
        html! {
            <fieldset {class}>
                <legend class="llk-form-label llk-form-fieldset__legend" id={format!("{id}-legend")}>{ label_text }</legend>
                { for help } { msgs } { control }
            </fieldset>
        }
    } else {
        html! {
            <div {class}>
                <label class="llk-form-label" for={id.clone()}>{ label_text }</label>
                { for help } { for format_hint } { msgs } { control }
            </div>
        }
    }
}
