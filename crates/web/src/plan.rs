//! `<llk-levensloopplan>`: the plan editor ([`llk_ui::plan::PlanEditor`]) as a custom
//! element, in the UI module with the forms (cargo feature `plan`), defined a frame after
//! the forms have painted.
//!
//! Attributes `region` (default `landelijk`), `lang` (only `nl`) and `readonly` (the plan
//! as text with its ladder diagram, nothing to edit; toggled live); properties `value`
//! (the plan's answers, exactly those of the `levensloopplan` definition, or a submission
//! envelope of it) and `history` (`{ versions: [{ number, date, reason, answers }] }`);
//! methods `validate()` and `reset()`. Events, bubbling and composed: `llk-plan-change`
//! (`{ region, path, value }`, `value` a getter that copies the answers only when read),
//! `llk-plan-version` (`{ number, history }`) and
//! `llk-submit` (the adopted version as a submission, with `planVersion` and `history`),
//! `llk-error`.

use crate::{CATALOG, dispatch, from_js, sheet, to_js, today};
use llk_core::Submission;
use llk_core::def::FormDef;
use llk_core::plan::{PLAN_FORM, PlanHistory, REVIEW_FORM};
use llk_ui::DefRef;
use llk_ui::plan::state::PlanAction;
use llk_ui::plan::{PlanAnswers, PlanEditor, PlanEditorProps};
use llk_ui::state::Action;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot};
use yew::AppHandle;

const TAG: &str = "llk-levensloopplan";
/// Without its comments (`build.rs`).
const PLAN_STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/plan.css"));

type Factory = Closure<dyn Fn(HtmlElement) -> JsValue>;

#[wasm_bindgen(module = "/src/plan_shim.js")]
extern "C" {
    fn define_plan(tag: &str, mount: &Factory) -> bool;
    fn watch(on_connect: &js_sys::Function);
}

/// Calls the drafts' `attach` for each connected plan (now and later), as
/// [`watch_elements`](crate::watch_elements) does for the forms, which calls this.
pub fn watch_plans(on_connect: &js_sys::Function) {
    watch(on_connect);
}

thread_local! {
    static FACTORY: RefCell<Option<Factory>> = const { RefCell::new(None) };
    static PLAN_SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Defines `<llk-levensloopplan>`; [`boot`](crate::boot) has it called after the first
/// paint, with the catalog the plan shares with the forms.
pub fn define_plan_element() {
    let factory: Factory =
        Closure::new(|host: HtmlElement| JsValue::from(PlanElement::mount(host)));
    if define_plan(TAG, &factory) {
        FACTORY.with(|f| *f.borrow_mut() = Some(factory));
    }
}

fn plan_sheet() -> Option<CssStyleSheet> {
    PLAN_SHEET.with(|s| {
        if s.borrow().is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(PLAN_STYLE).ok()?;
            *s.borrow_mut() = Some(sheet);
        }
        s.borrow().clone()
    })
}

/// One `<llk-levensloopplan>`'s Rust side, owned by the element (`this._llk`).
#[wasm_bindgen]
pub struct PlanElement {
    host: HtmlElement,
    root: Element,
    app: Option<AppHandle<PlanEditor>>,
    region: Option<String>,
    def: Option<Rc<FormDef>>,
    readonly: bool,
    /// The answers given (`value`) or last known; the editor's own while it runs are `live`.
    answers: Rc<RefCell<Value>>,
    /// The running editor's answers, read when asked (never copied per keystroke).
    live: Rc<RefCell<Option<PlanAnswers>>>,
    history: Rc<RefCell<PlanHistory>>,
}

impl PlanElement {
    fn mount(host: HtmlElement) -> PlanElement {
        let shadow: ShadowRoot = match host.shadow_root() {
            Some(s) => s,
            None => host
                .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
                .expect("a custom element can have a shadow root"),
        };
        // Emptied through textContent: innerHTML, even "", is a Trusted Types sink.
        shadow.set_text_content(None);
        let sheets = js_sys::Array::new();
        for s in [sheet(), plan_sheet()].into_iter().flatten() {
            sheets.push(&s);
        }
        shadow.set_adopted_style_sheets(&sheets);
        let doc = host.owner_document().expect("an element has a document");
        let root = doc.create_element("div").expect("div");
        root.set_class_name("llk-root llk-root--plan");
        let _ = root.set_attribute("lang", "nl");
        let _ = shadow.append_child(&root);
        let mut el = PlanElement {
            host,
            root,
            app: None,
            region: None,
            def: None,
            readonly: false,
            answers: Rc::new(RefCell::new(Value::Null)),
            live: Rc::new(RefCell::new(None)),
            history: Rc::new(RefCell::new(PlanHistory::default())),
        };
        el.render();
        el
    }

    fn error(&self, code: &str, message: &str) {
        dispatch(
            &self.host,
            "llk-error",
            &json!({"code": code, "message": message}),
        );
    }

    fn render(&mut self) {
        let region = self
            .host
            .get_attribute("region")
            .unwrap_or_else(|| llk_core::def::NATIONAL.to_string());
        if let Some(lang) = self.host.get_attribute("lang")
            && !lang.to_ascii_lowercase().starts_with("nl")
        {
            self.error(
                "unsupported-lang",
                &format!("Only Dutch (nl) texts exist; lang=\"{lang}\" shows Dutch."),
            );
        }
        let readonly = self
            .host
            .get_attribute("readonly")
            .is_some_and(|v| v != "false");
        if self.region.as_deref() == Some(region.as_str())
            && let Some(app) = &self.app
        {
            if self.readonly != readonly {
                self.readonly = readonly;
                app.send_message(PlanAction::SetReadonly(readonly));
            }
            return;
        }
        self.readonly = readonly;
        // The editor may start again (another region): it starts from its current answers.
        if let Some(live) = self.live.borrow_mut().take() {
            *self.answers.borrow_mut() = live.get();
        }
        let catalog = CATALOG.with(|c| Rc::clone(&c.borrow()));
        let found = match &*catalog {
            Err(e) => Err((
                "bundle",
                format!("The form definitions could not be loaded: {e}"),
            )),
            Ok(c) => match c.form(PLAN_FORM, &region) {
                Some(def) => Ok((def.clone(), c.form(REVIEW_FORM, &region).cloned())),
                None => Err(("unknown-region", format!("Unknown region '{region}'."))),
            },
        };
        let (def, review) = match found {
            Ok(x) => x,
            Err((code, message)) => {
                if let Some(app) = self.app.take() {
                    app.destroy();
                }
                self.root.set_text_content(None);
                if let Some(p) = self
                    .root
                    .owner_document()
                    .and_then(|d| d.create_element("p").ok())
                {
                    p.set_class_name("llk-alert llk-alert--error");
                    p.set_text_content(Some("Het levensloopplan kan niet worden getoond. Neem contact op met de beheerder van deze pagina."));
                    let _ = self.root.append_child(&p);
                }
                self.error(code, &message);
                return;
            }
        };
        self.region = Some(region);
        let def = Rc::new(def);
        self.def = Some(def.clone());
        // Another region: the editor starts again from the same answers and history.
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.set_text_content(None);
        let props = self.props(def, review.map(Rc::new));
        self.app = Some(
            yew::Renderer::<PlanEditor>::with_root_and_props(self.root.clone(), props).render(),
        );
    }

    fn props(&self, def: Rc<FormDef>, review: Option<Rc<FormDef>>) -> PlanEditorProps {
        let (host, live, region) = (self.host.clone(), self.live.clone(), def.region.clone());
        // The detail's `value` is a getter: a plan of hundreds of items is copied into
        // JavaScript only when a listener reads it, not on every keystroke.
        let on_change = yew::Callback::from(move |(path, handle): (String, PlanAnswers)| {
            *live.borrow_mut() = Some(handle);
            crate::dispatch_change(&host, "llk-plan-change", None, &region, &path, "value");
        });
        let live = self.live.clone();
        let on_ready = yew::Callback::from(move |handle: PlanAnswers| {
            *live.borrow_mut() = Some(handle);
        });
        let (host, answers, history) = (
            self.host.clone(),
            self.answers.clone(),
            self.history.clone(),
        );
        let (form_version, region, vdef) = (def.version, def.region.clone(), def.clone());
        let on_version = yew::Callback::from(move |(n, h): (u32, PlanHistory)| {
            let adopted = h.get(n).map(|v| v.answers.clone()).unwrap_or(Value::Null);
            *answers.borrow_mut() = adopted.clone();
            *history.borrow_mut() = h.clone();
            let h = serde_json::to_value(&h).unwrap_or(Value::Null);
            dispatch(
                &host,
                "llk-plan-version",
                &json!({"number": n, "history": h}),
            );
            // Adopting validates first: what is left are warnings, which travel along.
            let warnings = llk_core::validate::validate(&vdef, &adopted, today());
            dispatch(
                &host,
                "llk-submit",
                &json!({
                    "schema": crate::SUBMISSION_SCHEMA,
                    "form": PLAN_FORM, "version": form_version, "region": region,
                    "answers": adopted, "submitted": today().to_string(),
                    "planVersion": n, "history": h, "warnings": warnings,
                }),
            );
        });
        let initial = self.answers.borrow();
        PlanEditorProps {
            def: DefRef(def),
            review_def: review.map(DefRef),
            today: today(),
            initial: initial.is_object().then(|| Rc::new(initial.clone())),
            history: Some(Rc::new(self.history.borrow().clone())),
            readonly: self.readonly,
            on_ready,
            on_change,
            on_version,
        }
    }
}

#[wasm_bindgen]
impl PlanElement {
    /// Called by the element when `region`, `lang` or `readonly` changes.
    pub fn attributes_changed(&mut self) {
        self.render();
    }

    /// The plan's current answers.
    pub fn value(&self) -> JsValue {
        to_js(&self.current())
    }

    /// Sets the answers: a bare answers object or a `levensloopplan` submission envelope.
    /// (`&self`: a listener of the change this causes may read `value` meanwhile.)
    pub fn set_value(&self, v: JsValue) {
        let parsed: Value = match from_js(&v) {
            Ok(v) => v,
            Err(e) => return self.error("value", &format!("The value is not JSON-like: {e}")),
        };
        let answers = match &self.def {
            Some(def) => {
                match Submission::from_json(parsed, Some((&def.id, def.version, &def.region))) {
                    Ok(sub) if sub.form != def.id => {
                        return self.error(
                            "value",
                            &format!(
                                "This is a submission of form '{}', not '{}'.",
                                sub.form, def.id
                            ),
                        );
                    }
                    Ok(sub) => {
                        let (sub, notes) = llk_core::submission::migrate(sub, def);
                        if !notes.is_empty() {
                            let detail: Vec<String> =
                                notes.iter().map(ToString::to_string).collect();
                            self.error("migration", &detail.join(" "));
                        }
                        sub.answers
                    }
                    Err(e) => return self.error("value", &e),
                }
            }
            None => parsed,
        };
        *self.answers.borrow_mut() = answers.clone();
        // Until the editor has taken them (its change event gives the handle back), `value`
        // reads the answers just given.
        *self.live.borrow_mut() = None;
        if let Some(app) = &self.app {
            app.send_message(PlanAction::Field(Action::SetAnswers(answers)));
        }
    }

    /// The recorded versions: `{ versions: [{ number, date, reason, answers }] }`.
    pub fn history(&self) -> JsValue {
        to_js(&*self.history.borrow())
    }

    pub fn set_history(&self, v: JsValue) {
        let h: PlanHistory = match from_js(&v) {
            Ok(h) => h,
            Err(e) => {
                return self.error(
                    "history",
                    &format!("The history is not a plan history: {e}"),
                );
            }
        };
        *self.history.borrow_mut() = h.clone();
        if let Some(app) = &self.app {
            app.send_message(PlanAction::SetHistory(h));
        }
    }

    /// Validates the plan, shows the messages and the error summary, and returns
    /// `{ valid, diagnostics }` (warnings do not make it invalid).
    pub fn validate(&self) -> JsValue {
        let Some(def) = &self.def else {
            return JsValue::NULL;
        };
        let diagnostics = llk_core::validate::validate(def, &self.current(), today());
        if let Some(app) = &self.app {
            app.send_message(PlanAction::Field(Action::ValidateAll));
        }
        to_js(&json!({"valid": !llk_core::has_errors(&diagnostics), "diagnostics": diagnostics}))
    }

    /// A new, empty plan (version 1, the default ladder); the history is kept.
    pub fn reset(&mut self) {
        *self.answers.borrow_mut() = Value::Null;
        *self.live.borrow_mut() = None;
        self.region = None;
        self.render();
    }
}

impl PlanElement {
    /// The running editor's answers, or those given before it ran.
    fn current(&self) -> Value {
        match &*self.live.borrow() {
            Some(live) => live.get(),
            None => self.answers.borrow().clone(),
        }
    }
}

impl Drop for PlanElement {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

impl std::fmt::Debug for PlanElement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlanElement")
            .field("region", &self.region)
            .finish()
    }
}
