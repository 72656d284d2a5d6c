//! levensloopkit in the browser: custom elements around the [`llk_ui::FormView`]
//! component. This is the only crate with a JavaScript boundary.
//!
//! Elements: `<llk-form form="…">` for any form, and one per shipped form
//! (`<llk-aanmelding>`, `<llk-toestemming>`, …). Attributes `form`, `region` (default
//! `landelijk`), `lang` (only `nl` has texts) and `readonly`; property `value` (the answers,
//! or a submission envelope, which is migrated); methods `validate()` and `reset()`; events
//! `llk-change`, `llk-submit` and `llk-error`, all bubbling and composed.
//!
//! Forms come from `forms.json` beside the wasm (written by `llk bundle` at build time),
//! which the loader fetches and hands to [`boot`]: definitions are data, cached and
//! replaced apart from the code. Today's date comes from `js_sys::Date` (the local day).

#![cfg_attr(not(feature = "forms"), allow(dead_code, unused_imports))]

#[cfg(feature = "drafts")]
mod drafts;
pub mod messages;
pub mod modules;
#[cfg(feature = "pdf")]
pub mod pdf;
#[cfg(feature = "forms")]
mod pdf_glue;
#[cfg(feature = "plan")]
pub mod plan;

use llk_core::answers::Answers;
use llk_core::def::FormDef;
use llk_core::{Catalog, Date, Diagnostic, Submission};
use llk_ui::state::HeldAnswers;
use llk_ui::{DefRef, FormMsg, FormView, FormViewProps};
pub(crate) use messages::{from_js, to_js};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, CustomEvent, CustomEventInit, Element, HtmlElement, ShadowRoot};
use yew::AppHandle;

/// The elements with a fixed form, besides `<llk-form form="…">`.
pub const ELEMENTS: &[(&str, &str)] = &[
    ("llk-aanmelding", "aanmelding"),
    ("llk-triage", "triage"),
    ("llk-toestemming", "toestemming"),
    ("llk-inclusie", "inclusie"),
    ("llk-herhaald-agenderen", "herhaald-agenderen"),
    ("llk-overdracht", "overdracht"),
    ("llk-exclusiebesluit", "exclusiebesluit"),
];

/// The version of the `llk-submit` detail's shape.
pub const SUBMISSION_SCHEMA: &str = "levensloopkit/submission@1";

/// Without its comments (`build.rs`).
const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));

/// The kit's base stylesheet, for the lazily loaded PDF module's `<llk-ondertekening>`: the
/// loader hands it over, so that module does not carry a second copy (3 KB gzip).
#[cfg(feature = "forms")]
#[wasm_bindgen]
pub fn kit_css() -> String {
    STYLE.to_string()
}

/// What the element class calls on connect: (host, fixed form id) → the Rust handle.
type Factory = Closure<dyn Fn(HtmlElement, Option<String>) -> JsValue>;

#[wasm_bindgen(module = "/src/shim.js")]
extern "C" {
    /// Defines `tag` unless it exists; true when this call defined it.
    fn define(tag: &str, fixed_form: Option<String>, mount: &Factory) -> bool;
    /// Calls `on_connect(element)` for every connected form element, now and later.
    fn watch(on_connect: &js_sys::Function);
    /// Calls `f` once the page has painted (the next frame, then a task).
    #[cfg(feature = "plan")]
    fn after_paint(f: &JsValue);
    /// Sends `type` with `{ form, region, path }` (no `form` when `None`) and the answers
    /// as a lazy getter named `key`, which reads the element's `value` only when read.
    fn dispatch_change(
        host: &HtmlElement,
        kind: &str,
        form: Option<String>,
        region: &str,
        path: &str,
        key: &str,
    );
}

/// The loader hands the drafts' `attach` here: it is called for each form element and plan.
#[cfg(feature = "forms")]
#[wasm_bindgen]
pub fn watch_elements(on_connect: &js_sys::Function) {
    watch(on_connect);
    #[cfg(feature = "plan")]
    plan::watch_plans(on_connect);
}

thread_local! {
    /// The definitions, set once by [`boot`] from the `forms.json` the loader fetched.
    /// The one catalog every element of this module reads (forms, drafts, cases, plan).
    static CATALOG: RefCell<Rc<Result<Rc<Catalog>, String>>> =
        RefCell::new(Rc::new(Err("the kit has not booted".into())));
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    static FACTORIES: RefCell<Vec<Factory>> =
        const { RefCell::new(Vec::new()) };
}

/// Reads the definitions and defines every element. The loader (`levensloopkit.js`) calls
/// it once, with the text of `forms.json`, or with `null` when that could not be fetched:
/// the elements then show that the form cannot be shown, and send `llk-error`.
/// `load_module` is the loader's `loadModule(name)`: how this bundle reaches the lazily
/// loaded modules (see [`modules`]). Throws, after defining the elements, when the text
/// is no JSON bundle, so that the loader's `ready` rejects as when it cannot be fetched.
#[cfg(feature = "forms")]
#[wasm_bindgen]
pub fn boot(bundle: Option<String>, load_module: JsValue) -> Result<(), JsValue> {
    modules::set_loader(load_module);
    let read = set_catalog(bundle.as_deref());
    let tags = std::iter::once(("llk-form", None))
        .chain(ELEMENTS.iter().map(|&(t, f)| (t, Some(f.to_string()))));
    for (tag, form) in tags {
        let factory: Factory = Closure::new(|host: HtmlElement, fixed: Option<String>| {
            JsValue::from(LlkElement::mount(host, fixed))
        });
        if define(tag, form, &factory) {
            // The element class calls it on every connect: keep it alive for the page's life.
            FACTORIES.with(|f| f.borrow_mut().push(factory));
        }
    }
    // The plan editor a frame later, not with the forms: its elements would mount in the
    // same task and Yew would draw them before the forms' first paint (about 60 ms of the
    // aanmelding's time to interactive on the demo page).
    #[cfg(feature = "plan")]
    after_paint(&Closure::once_into_js(plan::define_plan_element));
    match (bundle, read) {
        (Some(_), Err(e)) => Err(format!("forms.json: {e}").into()),
        _ => Ok(()),
    }
}

/// Reads the text of `forms.json` (`None` when it could not be fetched) into the catalog
/// every element of this module reads (the PDF module reads its own). `Err` when the text
/// is no JSON bundle at all; a bundle whose definitions do not check out is kept as the
/// catalog's error, which the elements show.
pub fn set_catalog(bundle: Option<&str>) -> Result<(), String> {
    let parsed = match bundle {
        None => Err("forms.json could not be loaded".to_string()),
        Some(text) => {
            messages::from_text::<llk_core::catalog::Bundle>(text).map_err(|e| e.to_string())
        }
    };
    let unreadable = parsed.as_ref().err().cloned();
    let catalog = parsed.and_then(|b| {
        Catalog::from_bundle(b).map(Rc::new).map_err(|errs| {
            errs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
    });
    CATALOG.with(|c| *c.borrow_mut() = Rc::new(catalog));
    unreadable.map_or(Ok(()), Err)
}

/// The local calendar day.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| Date::new(2026, 1, 1).expect("a real date"))
}

fn dispatch(host: &Element, name: &str, detail: &Value) {
    dispatch_js(host, name, &to_js(detail));
}

fn dispatch_js(host: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(ev) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

fn sheet() -> Option<CssStyleSheet> {
    SHEET.with(|s| {
        if s.borrow().is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(STYLE).ok()?;
            *s.borrow_mut() = Some(sheet);
        }
        s.borrow().clone()
    })
}

/// One element's Rust side, owned by the JavaScript element (`this._llk`).
#[cfg(feature = "forms")]
#[wasm_bindgen]
pub struct LlkElement {
    host: HtmlElement,
    fixed: Option<String>,
    root: Element,
    app: Option<AppHandle<FormView>>,
    def: Option<Rc<FormDef>>,
    readonly: bool,
    lang_seen: Option<String>,
    /// The form's answers as it last sent them: a `Weak` to its own, so that a keystroke
    /// copies none (`HeldAnswers`).
    answers: Rc<RefCell<HeldAnswers>>,
    signed: pdf_glue::Signed,
}

#[cfg(feature = "forms")]
impl LlkElement {
    fn mount(host: HtmlElement, fixed: Option<String>) -> LlkElement {
        let shadow: ShadowRoot = match host.shadow_root() {
            Some(s) => s,
            None => host
                .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
                .expect("a custom element can have a shadow root"),
        };
        // Emptied through textContent: innerHTML, even "", is a Trusted Types sink.
        shadow.set_text_content(None);
        if let Some(sheet) = sheet() {
            shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        }
        let doc = host.owner_document().expect("an element has a document");
        let root = doc.create_element("div").expect("div");
        root.set_class_name("llk-root");
        let _ = root.set_attribute("lang", "nl");
        let _ = shadow.append_child(&root);
        let mut el = LlkElement {
            host,
            fixed,
            root,
            app: None,
            def: None,
            readonly: false,
            lang_seen: None,
            answers: Rc::new(RefCell::new(HeldAnswers::default())),
            signed: pdf_glue::Signed::default(),
        };
        el.render();
        el
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.host.get_attribute(name)
    }

    fn error(&self, code: &str, message: &str) {
        dispatch(
            &self.host,
            "llk-error",
            &json!({"code": code, "message": message}),
        );
    }

    /// (Re)renders after mounting or an attribute change.
    fn render(&mut self) {
        let form = self.fixed.clone().or_else(|| self.attr("form"));
        let region = self
            .attr("region")
            .unwrap_or_else(|| llk_core::def::NATIONAL.to_string());
        let readonly = self.attr("readonly").is_some_and(|v| v != "false");
        // Reported once when it is set, not again on every other attribute change.
        let lang = self.attr("lang");
        if lang != self.lang_seen {
            self.lang_seen.clone_from(&lang);
            if let Some(lang) = lang
                && !lang.eq_ignore_ascii_case("nl")
                && !lang.to_ascii_lowercase().starts_with("nl-")
            {
                self.error(
                    "unsupported-lang",
                    &format!("Only Dutch (nl) texts exist; lang=\"{lang}\" shows Dutch."),
                );
            }
        }
        let catalog = CATALOG.with(|c| Rc::clone(&c.borrow()));
        let found = match (&*catalog, &form) {
            (Err(e), _) => Err((
                "bundle",
                format!("The form definitions could not be loaded: {e}"),
            )),
            (Ok(_), None) => Err((
                "no-form",
                "Set the form attribute, e.g. form=\"aanmelding\".".to_string(),
            )),
            (Ok(c), Some(f)) => match c.form(f, &region) {
                Some(def) => Ok(def.clone()),
                None if c.region(&region).is_none() => {
                    Err(("unknown-region", format!("Unknown region '{region}'.")))
                }
                None => Err(("unknown-form", format!("Unknown form '{f}'."))),
            },
        };
        let def = match found {
            Ok(def) => def,
            Err((code, message)) => {
                if let Some(app) = self.app.take() {
                    self.answers.borrow_mut().keep();
                    app.destroy();
                }
                self.def = None;
                self.root.set_text_content(None);
                let p = self
                    .root
                    .owner_document()
                    .and_then(|d| d.create_element("p").ok());
                if let Some(p) = p {
                    p.set_class_name("llk-alert llk-alert--error");
                    p.set_text_content(Some("Dit formulier kan niet worden getoond. Neem contact op met de beheerder van deze pagina."));
                    let _ = self.root.append_child(&p);
                }
                self.error(code, &message);
                return;
            }
        };
        let same = self
            .def
            .as_ref()
            .is_some_and(|d| d.id == def.id && d.region == def.region);
        if same && self.app.is_some() && self.readonly == readonly {
            return;
        }
        let other_form = self.def.as_ref().is_none_or(|d| d.id != def.id);
        let def = if same {
            self.def.clone().expect("same def")
        } else {
            Rc::new(def)
        };
        if other_form {
            // Another form: its answers start empty. Another region keeps them.
            *self.answers.borrow_mut() =
                HeldAnswers::Own(Answers::new(llk_ui::state::skeleton(&def)));
        }
        self.def = Some(def.clone());
        self.readonly = readonly;
        let props = self.props(def);
        match &mut self.app {
            Some(app) => app.update(props),
            None => {
                self.root.set_text_content(None);
                self.app = Some(
                    yew::Renderer::<FormView>::with_root_and_props(self.root.clone(), props)
                        .render(),
                );
            }
        }
    }

    fn props(&self, def: Rc<FormDef>) -> FormViewProps {
        let host = self.host.clone();
        let answers = self.answers.clone();
        let form = def.id.clone();
        let region = def.region.clone();
        let signed = self.signed.clone();
        let on_pdf = pdf_glue::on_pdf(
            host.clone(),
            form.clone(),
            region.clone(),
            answers.clone(),
            signed.clone(),
        );
        // The answers cross to JavaScript only when a listener reads `detail.answers`, not
        // on every keystroke (as the plan editor's `llk-plan-change` does).
        let on_change = yew::Callback::from(move |(path, v): (String, Answers)| {
            answers.borrow_mut().changed(&v);
            // What was signed is no longer what is submitted.
            signed.take();
            dispatch_change(
                &host,
                "llk-change",
                Some(form.clone()),
                &region,
                &path,
                "answers",
            );
        });
        let (host, signed) = (self.host.clone(), self.signed.clone());
        let on_submit =
            yew::Callback::from(move |(sub, warnings): (Submission, Vec<Diagnostic>)| {
                let mut detail = serde_json::to_value(&sub).unwrap_or(Value::Null);
                if let Some(o) = detail.as_object_mut() {
                    o.insert("schema".into(), json!(SUBMISSION_SCHEMA));
                    o.insert("submitted".into(), json!(today().to_string()));
                    o.insert(
                        "warnings".into(),
                        serde_json::to_value(&warnings).unwrap_or_default(),
                    );
                }
                pdf_glue::submit(&host, &detail, &signed);
            });
        FormViewProps {
            def: DefRef(def),
            today: today(),
            readonly: self.readonly,
            initial: Some(self.answers.borrow().get()),
            on_change,
            on_submit,
            on_pdf: Some(on_pdf),
        }
    }
}

#[cfg(feature = "forms")]
#[wasm_bindgen]
impl LlkElement {
    /// Called by the element when `form`, `region`, `lang` or `readonly` changes.
    pub fn attributes_changed(&mut self) {
        self.render();
    }

    /// The current answers.
    pub fn value(&self) -> JsValue {
        to_js(&*self.answers.borrow().get())
    }

    /// Sets the answers: a bare answers object, or a submission envelope (migrated to this
    /// form's version; what cannot be placed is reported with `llk-error`).
    pub fn set_value(&mut self, v: JsValue) {
        let Some(def) = self.def.clone() else { return };
        let parsed: Value = match from_js(&v) {
            Ok(v) => v,
            Err(e) => return self.error("value", &format!("The value is not JSON-like: {e}")),
        };
        let answers = match Submission::from_json(parsed, Some((&def.id, def.version, &def.region)))
        {
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
                let (sub, notes) = llk_core::submission::migrate(sub, &def);
                if !notes.is_empty() {
                    let detail: Vec<String> = notes.iter().map(ToString::to_string).collect();
                    self.error("migration", &detail.join(" "));
                }
                sub.answers
            }
            Err(e) => return self.error("value", &e),
        };
        *self.answers.borrow_mut() = HeldAnswers::Own(Answers::new(answers.clone()));
        self.signed.take();
        if let Some(app) = &self.app {
            app.send_message(FormMsg::SetAnswers(answers));
        }
    }

    /// Validates everything, shows the messages and the error summary, and returns
    /// `{ valid, diagnostics: [{path, severity, message, code}] }` (warnings do not make it invalid).
    pub fn validate(&self) -> JsValue {
        let Some(def) = &self.def else {
            return JsValue::NULL;
        };
        let diagnostics = llk_core::validate::validate(def, &self.answers.borrow().get(), today());
        if let Some(app) = &self.app {
            app.send_message(FormMsg::ValidateAll);
        }
        to_js(&json!({"valid": !llk_core::has_errors(&diagnostics), "diagnostics": diagnostics}))
    }

    /// The host refused the submission: back to the check page with every answer.
    pub fn reopen(&self) {
        if let Some(app) = &self.app {
            app.send_message(FormMsg::Reopen);
        }
    }

    /// Back to an empty form at the first step.
    pub fn reset(&self) {
        if let Some(def) = &self.def {
            *self.answers.borrow_mut() =
                HeldAnswers::Own(Answers::new(llk_ui::state::skeleton(def)));
        }
        self.signed.take();
        if let Some(app) = &self.app {
            app.send_message(FormMsg::Reset);
        }
    }
}

#[cfg(feature = "forms")]
impl Drop for LlkElement {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            self.answers.borrow_mut().keep();
            app.destroy();
        }
    }
}

#[cfg(feature = "forms")]
impl std::fmt::Debug for LlkElement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlkElement")
            .field("form", &self.def.as_ref().map(|d| &d.id))
            .finish()
    }
}
