//! The whole form: steps with progress, the error summary, the pages, the
//! check-your-answers page and the confirmation. The state lives in [`FormState`]; this
//! component only renders it and carries out its effects (focus, host callbacks).

use crate::state::{Action, Effect, FormState, Step};
use crate::{
    CheckAnswers, DefRef, ErrorSummary, FieldCtx, FieldView, PAGE_HEADING_ID, Progress,
    SummaryItem, dom_id,
};
use llk_core::answers::Answers;
use llk_core::def::{FieldKind, FormDef};
use llk_core::path::DataPath;
use llk_core::{Date, Diagnostic, Submission};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Pages with more fields than this are marked `llk-form__page--long`: the stylesheet lets
/// the browser skip laying out and painting their fields while off screen. No page of the
/// kit's own forms is that long.
pub const LONG_PAGE: usize = 40;

/// The class of a page of `n` fields.
fn page_class(n: usize) -> Classes {
    classes!(
        "llk-form__page",
        (n > LONG_PAGE).then_some("llk-form__page--long")
    )
}

#[derive(Debug, Properties, PartialEq)]
pub struct FormViewProps {
    pub def: DefRef,
    pub today: Date,
    /// Show the answers only (no inputs, no submit).
    #[prop_or_default]
    pub readonly: bool,
    /// Answers to start with.
    #[prop_or_default]
    pub initial: Option<Answers>,
    /// An answer changed: (path, all answers, shared, not copied). The path is empty after
    /// a reset.
    #[prop_or_default]
    pub on_change: Callback<(String, Answers)>,
    /// The form was submitted without errors: the submission and its warnings.
    #[prop_or_default]
    pub on_submit: Callback<(Submission, Vec<Diagnostic>)>,
    /// PDF downloaden, Afdrukken, Ondertekenen on the check page (shown when set).
    #[prop_or_default]
    pub on_pdf: Option<Callback<crate::PdfRequest>>,
}

/// Messages are the reducer's actions: user input and the host's commands alike.
pub type Msg = Action;

#[derive(Debug)]
pub struct FormView {
    state: FormState,
    focus: Option<String>,
    root: NodeRef,
    /// Made once: fields compare it to tell whether they must draw again.
    on_action: Callback<Action>,
    /// Fields typed in since the form last drew ([`FieldCtx::undrawn`]), and those of the
    /// render now.
    undrawn: Vec<String>,
    drawing: Rc<[String]>,
    /// [`FormDef::read_by_expressions`](llk_core::def::FormDef::read_by_expressions) of the
    /// current definition.
    read: Vec<bool>,
    /// The messages shown, kept in one `Rc` for as long as they stay the same, so that
    /// fields can tell by pointer that they did not change.
    shown: Rc<Vec<Diagnostic>>,
}

impl FormView {
    fn keep_shown(&mut self) {
        if *self.shown != self.state.shown {
            self.shown = Rc::new(self.state.shown.clone());
        }
    }

    /// A keystroke in a text box of a field that no expression reads changes that answer
    /// and nothing else on the page: the form does not draw (the browser already shows
    /// what was typed), it only reports the change. In a form of 200 fields that spares
    /// 200 field comparisons and a diff of the page per key; the field is drawn with the
    /// next render that comes for another reason ([`FieldCtx::undrawn`]).
    fn unseen_keystroke(&self, def: &FormDef, msg: &Action) -> Option<String> {
        let Action::Input { path, .. } = msg else {
            return None;
        };
        if !matches!(self.state.step, Step::Page(_)) {
            return None;
        }
        let field = def.field_index(&DataPath::parse(path)?.schema_path())?;
        let text = matches!(
            def.fields[field].kind,
            FieldKind::Text
                | FieldKind::PersonName
                | FieldKind::Email
                | FieldKind::Phone
                | FieldKind::Postcode
                | FieldKind::Bsn
                | FieldKind::Number
                | FieldKind::Date
                | FieldKind::Textarea
        );
        (text && !self.read.get(field).copied().unwrap_or(true)).then(|| path.clone())
    }

    /// Called before every render.
    fn drawing(&mut self) {
        self.keep_shown();
        self.drawing = std::mem::take(&mut self.undrawn).into();
    }
}

impl Component for FormView {
    type Message = Msg;
    type Properties = FormViewProps;

    fn create(ctx: &Context<Self>) -> Self {
        let p = ctx.props();
        let state = match &p.initial {
            Some(v) => FormState::with_answers(&p.def, (**v).clone()),
            None => FormState::new(&p.def),
        };
        FormView {
            focus: None,
            root: NodeRef::default(),
            on_action: ctx.link().callback(|a: Action| a),
            undrawn: Vec::new(),
            drawing: Rc::from([]),
            read: p.def.read_by_expressions(),
            shown: Rc::new(state.shown.clone()),
            state,
        }
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &Self::Properties) -> bool {
        let p = ctx.props();
        if p.def != old.def {
            // Another region keeps answers and step (its messages may name other terms, so
            // they go until the next check); another form starts empty.
            if p.def.id == old.def.id {
                self.state.shown.clear();
                self.state.summary.clear();
            } else {
                self.state = FormState::new(&p.def);
            }
            self.read = p.def.read_by_expressions();
        }
        self.drawing();
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let p = ctx.props();
        let unseen = self.unseen_keystroke(&p.def, &msg);
        for effect in self.state.reduce(&p.def, p.today, msg) {
            match effect {
                Effect::Focus(id) => self.focus = Some(id),
                Effect::Changed(path) => p.on_change.emit((path, self.state.answers.clone())),
                Effect::Submitted(sub, warnings) => p.on_submit.emit((sub, warnings)),
            }
        }
        if let Some(path) = unseen {
            if !self.undrawn.contains(&path) {
                self.undrawn.push(path);
            }
            return false;
        }
        self.drawing();
        true
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first: bool) {
        let Some(id) = self.focus.take() else { return };
        let Some(root) = self.root.cast::<web_sys::Element>() else {
            return;
        };
        focus_when_there(root, id, 20);
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let p = ctx.props();
        let def = &p.def;
        let link = ctx.link();
        let fctx = FieldCtx {
            def: def.clone(),
            answers: self.state.answers.clone(),
            shown: self.shown.clone(),
            today: p.today,
            on_action: self.on_action.clone(),
            undrawn: self.drawing.clone(),
        };
        let header = html! {
            <>
                <h2 class="llk-heading-2 llk-form__title">{ &def.title }</h2>
                if let Some(intro) = &def.intro { <p class="llk-form__intro">{ intro }</p> }
            </>
        };
        if p.readonly {
            return html! {
                <div class="llk-form llk-form--readonly" ref={self.root.clone()}>
                    { header }
                    <CheckAnswers ctx={fctx} readonly=true />
                </div>
            };
        }
        let mut titles: Vec<String> = def.pages.iter().map(|pg| pg.title.clone()).collect();
        titles.push("Controleren".into());
        let summary_items: Vec<SummaryItem> = self
            .state
            .summary
            .iter()
            .map(|d| SummaryItem {
                path: d.path.clone(),
                target: dom_id(&d.path),
                message: d.message.clone(),
            })
            .collect();
        let on_select = link.callback(|path: String| Action::GoTo { path });
        let onsubmit = link.callback(|e: SubmitEvent| {
            e.prevent_default();
            Action::Next
        });
        let back = link.callback(|_: MouseEvent| Action::Back);
        let body = match self.state.step {
            Step::Page(n) => {
                let Some(page) = def.pages.get(n) else {
                    return html! {};
                };
                let last = self.state.return_to_check || n + 1 >= def.pages.len();
                html! {
                    <>
                        <Progress titles={titles} current={n} />
                        <ErrorSummary items={summary_items} {on_select} />
                        <form class={page_class(page.fields.len())} novalidate=true {onsubmit} aria-labelledby={PAGE_HEADING_ID}>
                            <h3 class="llk-heading-3" id={PAGE_HEADING_ID} tabindex="-1">{ &page.title }</h3>
                            if let Some(intro) = &page.intro { <p class="llk-form__page-intro">{ intro }</p> }
                            <p class="llk-form__required-note">{ "Velden met (verplicht) moet u invullen." }</p>
                            { for page.fields.iter().map(|&i| html! {
                                <FieldView key={i} ctx={fctx.clone()} index={i} />
                            }) }
                            <div class="llk-button-group">
                                if n > 0 {
                                    <button type="button" class="llk-button llk-button--secondary" onclick={back}>{ "Vorige" }</button>
                                }
                                <button type="submit" class="llk-button llk-button--primary">
                                    { if last { "Naar controleren" } else { "Volgende" } }
                                </button>
                            </div>
                        </form>
                    </>
                }
            }
            Step::Check => html! {
                <>
                    <Progress titles={titles.clone()} current={titles.len() - 1} />
                    <ErrorSummary items={summary_items} {on_select} />
                    <form class="llk-form__page" novalidate=true {onsubmit} aria-labelledby={PAGE_HEADING_ID}>
                        <h3 class="llk-heading-3" id={PAGE_HEADING_ID} tabindex="-1">{ "Controleer uw antwoorden" }</h3>
                        <p class="llk-form__page-intro">{ "Kijk of alles klopt. Met ‘Wijzigen’ past u een antwoord aan." }</p>
                        <CheckAnswers ctx={fctx} />
                        <div class="llk-button-group">
                            <button type="button" class="llk-button llk-button--secondary" onclick={back}>{ "Vorige" }</button>
                            <button type="submit" class="llk-button llk-button--primary">{ "Versturen" }</button>
                        </div>
                    </form>
                    if let Some(on_request) = p.on_pdf.clone() { <crate::PdfActions {on_request} /> }
                </>
            },
            Step::Done => {
                let reset = link.callback(|_: MouseEvent| Action::Reset);
                html! {
                    <div class="llk-alert llk-alert--ok" role="status">
                        <h3 class="llk-heading-3" id={PAGE_HEADING_ID} tabindex="-1">{ "Het formulier is verstuurd" }</h3>
                        <p>{ "Uw antwoorden zijn doorgegeven aan de toepassing waarin dit formulier staat." }</p>
                        <button type="button" class="llk-button llk-button--secondary" onclick={reset}>{ "Nieuw formulier invullen" }</button>
                    </div>
                }
            }
        };
        html! {
            <div class="llk-form" ref={self.root.clone()} onfocusout={keep_focus_in_place()}>
                { header }
                { body }
            </div>
        }
    }
}

/// Focuses `#id` inside `root`. Child components (a new repeat item's fields) may render a
/// task after this one: then it tries again, every 10 ms, `attempts` times.
pub(crate) fn focus_when_there(root: web_sys::Element, id: String, attempts: u8) {
    if let Ok(Some(el)) = root.query_selector(&format!("#{id}"))
        && let Ok(el) = el.dyn_into::<HtmlElement>()
    {
        let _ = el.focus();
        return;
    }
    let Some(window) = web_sys::window().filter(|_| attempts > 0) else {
        return;
    };
    let retry = wasm_bindgen::closure::Closure::once_into_js(move || {
        focus_when_there(root, id, attempts - 1);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), 10);
}

/// Leaving a field can hide the very field focus is moving to (a `visible_if` on the
/// answer just given): the browser then drops focus on the page body and a keyboard user
/// loses their place. After the event and the re-render it causes, if the element focus was
/// going to is gone, focus goes to the first focusable element after the field that was left.
pub(crate) fn keep_focus_in_place() -> Callback<FocusEvent> {
    Callback::from(|e: FocusEvent| {
        let left = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let next = e
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let (Some(left), Some(next), Some(window)) = (left, next, web_sys::window()) else {
            return;
        };
        let check = wasm_bindgen::closure::Closure::once_into_js(move || {
            if !next.is_connected() && left.is_connected() && focus_is_lost(&left) {
                focus_after(&left);
            }
        });
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(check.unchecked_ref(), 0);
    })
}

/// Nothing in `el`'s shadow root (or document) has focus: it fell to the body. Anything
/// else (a focus effect of the reducer, the user's own click) is left alone.
fn focus_is_lost(el: &web_sys::Element) -> bool {
    let root = el.get_root_node();
    match root.dyn_into::<web_sys::ShadowRoot>() {
        Ok(shadow) => shadow.active_element().is_none(),
        Err(root) => root
            .dyn_into::<web_sys::Document>()
            .is_ok_and(|d| d.active_element().is_none_or(|a| a.tag_name() == "BODY")),
    }
}

fn focus_after(left: &web_sys::Element) {
    const FOCUSABLE: &str = "input:not([type=hidden]), select, textarea, button, a[href]";
    let Some(form) = left.closest(".llk-form").ok().flatten() else {
        return;
    };
    let Ok(all) = form.query_selector_all(FOCUSABLE) else {
        return;
    };
    let following = (0..all.length()).filter_map(|i| all.item(i)).find(|n| {
        left.compare_document_position(n) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
    });
    if let Some(el) = following.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
