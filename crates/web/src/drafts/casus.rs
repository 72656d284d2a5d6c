//! `<llk-casus>`: one case ([`llk_ui::case::CaseView`]) and the form it opens below it.
//!
//! Two ways to hold the case. The host owns it: it sets `value` (the case JSON), and every
//! change comes back as `llk-case-change` (`{ case, change: { kind, seq, form } }`); the
//! kit stores nothing. Or the kit keeps it: attribute `case-id` names a case in the
//! encrypted case store, and each change is saved there (and sent as `llk-case-change`
//! too). "Volgende stap" opens the next form prefilled from the case, its draft kept under
//! a case-owned id; its `llk-submit` is filed into the case and goes no further. A refused
//! submission leaves the form open with everything typed, and says why.

use super::form::CASE_DRAFT_PREFIX;
use super::{case_store, catalog};
use crate::{dispatch, to_js, today};
use llk_core::case::{self, Case, EVENT_FORM, Signature, SignatureStatus};
use llk_core::plan::PLAN_FORM;
use llk_core::{Catalog, Severity, Submission};
use llk_storage::{CaseId, CaseStatus, CaseStore, idb};
use llk_ui::case::{CaseNotice, CaseView, CaseViewProps};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlElement};
use yew::{AppHandle, Callback};

#[wasm_bindgen(module = "/src/drafts/cases.js")]
extern "C" {
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = openForm)]
    fn open_form(
        container: &Element,
        tag: &str,
        form: &str,
        region: &str,
        draft_id: &str,
        value: &JsValue,
        history: &JsValue,
        on_submit: &Closure<dyn Fn(String, String)>,
    ) -> JsValue;
    #[wasm_bindgen(js_name = closeForm)]
    fn close_form(container: &Element);
    #[wasm_bindgen(js_name = reopenForm)]
    fn reopen_form(container: &Element);
}

struct Ctl {
    host: HtmlElement,
    root: Element,
    form_box: Element,
    app: Option<AppHandle<CaseView>>,
    case: Option<Rc<Case>>,
    /// Why there is no case to show, in Dutch.
    problem: Option<String>,
    /// In the kit's store: its id and the stored version the next save expects.
    stored: Option<(CaseId, u64)>,
    open_form: Option<String>,
    notice: Option<CaseNotice>,
    /// Each signed PDF's status as checked when the case was opened, by document `seq`.
    checked: Rc<Vec<(u32, SignatureStatus)>>,
    /// Counts the cases opened, so a check that ends after another case was opened is
    /// dropped.
    opened: u64,
    /// "Overdrachtspakket maken" is at work: another click is ignored.
    packaging: bool,
    keep: Vec<JsValue>,
}

type Shared = Rc<RefCell<Ctl>>;

/// The element's Rust side (`this._llk`).
#[wasm_bindgen]
pub struct CasusElement {
    ctl: Shared,
}

impl CasusElement {
    pub(crate) fn mount(host: HtmlElement) -> CasusElement {
        let doc = host.owner_document().expect("an element has a document");
        let root = doc.create_element("div").expect("div");
        let form_box = doc.create_element("div").expect("div");
        form_box.set_class_name("llk-case__form");
        super::shadow_with(&host, &[&root, &form_box]);
        let ctl = Rc::new(RefCell::new(Ctl {
            host,
            root,
            form_box,
            app: None,
            case: None,
            problem: None,
            stored: None,
            open_form: None,
            notice: None,
            checked: Rc::default(),
            opened: 0,
            packaging: false,
            keep: Vec::new(),
        }));
        let el = CasusElement { ctl };
        el.attributes_changed();
        el
    }
}

#[wasm_bindgen]
impl CasusElement {
    /// The case as JSON (`undefined` while there is none).
    pub fn value(&self) -> JsValue {
        self.ctl
            .borrow()
            .case
            .as_ref()
            .map_or(JsValue::UNDEFINED, |c| to_js(&c.to_json()))
    }

    /// The host hands over its case (host-owned mode).
    pub fn set_value(&self, v: JsValue) {
        let value = crate::from_js::<Value>(&v).unwrap_or(Value::Null);
        let loaded = load(value);
        {
            let mut c = self.ctl.borrow_mut();
            c.stored = None;
            c.notice = None;
            match loaded {
                Ok(case) => {
                    c.case = Some(Rc::new(case));
                    c.problem = None;
                }
                Err(message) => {
                    c.case = None;
                    c.problem = Some(message);
                }
            }
        }
        if self.ctl.borrow().case.is_none() {
            let host = self.ctl.borrow().host.clone();
            dispatch(
                &host,
                "llk-error",
                &json!({"code": "case-invalid", "message": "the case given as value was refused; the element says why"}),
            );
        }
        check_signatures(&self.ctl);
        render(&self.ctl);
    }

    pub fn attributes_changed(&self) {
        let id = self.ctl.borrow().host.get_attribute("case-id");
        match id.filter(|i| !i.is_empty()) {
            Some(id) => spawn_local(load_stored(self.ctl.clone(), CaseId(id))),
            None => render(&self.ctl),
        }
    }
}

impl Drop for CasusElement {
    fn drop(&mut self) {
        if let Some(app) = self.ctl.borrow_mut().app.take() {
            app.destroy();
        }
    }
}

impl std::fmt::Debug for CasusElement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CasusElement")
    }
}

/// A case file's JSON read against this kit's definitions, or why not in Dutch.
pub(crate) fn load(v: Value) -> Result<Case, String> {
    read_with(|catalog| Case::from_json(v, catalog))
}

/// [`load`] from the file's text (the caseload's many cases: no `Value` in between).
pub(crate) fn load_text(text: &str) -> Result<Case, String> {
    read_with(|catalog| Case::from_json_text(text, catalog))
}

fn read_with(
    read: impl FnOnce(&Catalog) -> Result<(Case, Vec<String>), case::CaseError>,
) -> Result<Case, String> {
    let Some(catalog) = catalog() else {
        return Err(
            "De formulieren van de kit zijn niet geladen: het dossier kan niet worden getoond."
                .into(),
        );
    };
    read(&catalog).map(|(case, _notes)| case).map_err(|e| {
        let details: Vec<String> = e
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.message.clone())
            .collect();
        if details.is_empty() {
            e.message
        } else {
            format!("{} {}", e.message, details.join(" "))
        }
    })
}

async fn load_stored(ctl: Shared, id: CaseId) {
    let Some(store) = case_store() else {
        ctl.borrow_mut().problem = Some(super::case_problem());
        return render(&ctl);
    };
    let result = store.load(&id).await;
    {
        let mut c = ctl.borrow_mut();
        match result {
            Ok(stored) => match load(stored.case) {
                Ok(case) => {
                    c.case = Some(Rc::new(case));
                    c.stored = Some((id, stored.meta.version));
                    c.problem = None;
                }
                Err(message) => c.problem = Some(message),
            },
            Err(e) => c.problem = Some(e.message_nl().to_string()),
        }
    }
    check_signatures(&ctl);
    render(&ctl);
}

/// Checks the signed PDFs of the case just opened again ([`super::signatures::check`]) and
/// shows what they say when the check ends, unless another case was opened meanwhile.
fn check_signatures(ctl: &Shared) {
    let (case, opened) = {
        let mut c = ctl.borrow_mut();
        c.opened += 1;
        c.checked = Rc::default();
        (c.case.clone(), c.opened)
    };
    let Some(case) = case else { return };
    let weak = Rc::downgrade(ctl);
    spawn_local(async move {
        let checked = super::signatures::check(&case).await;
        let Some(ctl) = weak.upgrade() else { return };
        if checked.is_empty() || ctl.borrow().opened != opened {
            return;
        }
        ctl.borrow_mut().checked = Rc::new(checked);
        render(&ctl);
    });
}

fn render(ctl: &Shared) {
    let weak = Rc::downgrade(ctl);
    let mut c = ctl.borrow_mut();
    let Some(case) = c.case.clone() else {
        if let Some(app) = c.app.take() {
            app.destroy();
        }
        let message = c
            .problem
            .clone()
            .unwrap_or_else(|| "Er is geen dossier geopend.".into());
        show_problem(&c.root, &message);
        return;
    };
    let case_region = case.region.clone();
    let back = c.host.has_attribute("back").then(|| {
        let host = c.host.clone();
        Callback::from(move |()| dispatch(&host, "llk-case-back", &json!({})))
    });
    let w = weak.clone();
    let on_form = Callback::from(move |form: String| {
        if let Some(ctl) = w.upgrade() {
            open(&ctl, &form);
        }
    });
    let w = weak.clone();
    let on_event = Callback::from(move |()| {
        if let Some(ctl) = w.upgrade() {
            open(&ctl, EVENT_FORM);
        }
    });
    let on_package = Callback::from(move |()| {
        if let Some(ctl) = weak.upgrade() {
            make_package(&ctl);
        }
    });
    let props = CaseViewProps {
        case,
        today: today(),
        notice: c.notice.clone(),
        open_form: c.open_form.clone(),
        on_form,
        on_event,
        on_package: Some(on_package),
        busy: c
            .packaging
            .then_some("Het overdrachtspakket wordt gemaakt en ondertekend…"),
        on_back: back,
        checked: c.checked.clone(),
        taxatie_max_months: catalog()
            .map_or(llk_core::def::DEFAULT_RISICOTAXATIE_MAX_MONTHS, |cat| {
                case::exit::taxatie_max_months(&cat, &case_region)
            }),
    };
    match &mut c.app {
        Some(app) => app.update(props),
        None => {
            // Emptied through textContent: innerHTML, even "", is a Trusted Types sink.
            c.root.set_text_content(None);
            let root = c.root.clone();
            c.app = Some(yew::Renderer::<CaseView>::with_root_and_props(root, props).render());
        }
    }
}

/// "Overdrachtspakket maken": the PDF module draws, signs and downloads the package; the
/// outcome is the case's notice, focused as every case action's is.
fn make_package(ctl: &Shared) {
    let (host, case) = {
        let mut c = ctl.borrow_mut();
        let Some(case) = c.case.clone() else { return };
        if std::mem::replace(&mut c.packaging, true) {
            return;
        }
        (c.host.clone(), case)
    };
    render(ctl);
    let ctl = ctl.clone();
    spawn_local(async move {
        let reply = super::overdracht::make(&host, &case).await;
        ctl.borrow_mut().packaging = false;
        notify(&ctl, reply.ok, reply.message, Vec::new());
    });
}

fn show_problem(root: &Element, message: &str) {
    root.set_text_content(None);
    let Some(doc) = root.owner_document() else {
        return;
    };
    if let (Ok(div), Ok(p)) = (doc.create_element("div"), doc.create_element("p")) {
        div.set_class_name("llk-alert llk-alert--error");
        let _ = div.set_attribute("role", "alert");
        p.set_text_content(Some(message));
        let _ = div.append_child(&p);
        let _ = root.append_child(&div);
    }
}

/// Opens `form` below the case, prefilled from it.
fn open(ctl: &Shared, form: &str) {
    let Some(catalog) = catalog() else { return };
    let (case, form_box) = {
        let c = ctl.borrow();
        let Some(case) = c.case.clone() else { return };
        (case, c.form_box.clone())
    };
    let answers = case::prefill(&case, &catalog, form, today());
    let version = catalog.form(form, &case.region).map_or(1, |d| d.version);
    let (tag, value, history) = if form == PLAN_FORM {
        let h = case::history::plan_history(&case);
        ("llk-levensloopplan", answers, to_js(&h))
    } else {
        let env =
            json!({"form": form, "version": version, "region": case.region, "answers": answers});
        ("llk-form", env, JsValue::UNDEFINED)
    };
    let weak = Rc::downgrade(ctl);
    let on_submit = Closure::<dyn Fn(String, String)>::new(move |sub: String, sig: String| {
        if let Some(ctl) = weak.upgrade() {
            submitted(&ctl, &sub, &sig);
        }
    });
    let draft_id = format!("{CASE_DRAFT_PREFIX}{}-{form}", case.id);
    open_form(
        &form_box,
        tag,
        form,
        &case.region,
        &draft_id,
        &to_js(&value),
        &history,
        &on_submit,
    );
    {
        let mut c = ctl.borrow_mut();
        c.keep = vec![on_submit.into_js_value()];
        c.open_form = Some(form.to_string());
        c.notice = None;
    }
    render(ctl);
}

fn submitted(ctl: &Shared, sub: &str, sig: &str) {
    let Some(catalog) = catalog() else { return };
    let Some(case) = ctl.borrow().case.clone() else {
        return;
    };
    let Ok(sub) = serde_json::from_str::<Submission>(sub) else {
        return notify(
            ctl,
            false,
            "Het formulier kon niet worden gelezen en is niet aan het dossier toegevoegd.".into(),
            Vec::new(),
        );
    };
    let signature = serde_json::from_str::<Signature>(sig).ok();
    let mut next = (*case).clone();
    let form = sub.form.clone();
    let today = today();
    let result = if form == EVENT_FORM {
        next.add_event(&catalog, sub.answers, today)
    } else {
        next.add_submission(&catalog, sub, signature, today)
    };
    match result {
        Ok((seq, warnings)) => {
            let what = if form == EVENT_FORM {
                "De gebeurtenis is aan het dossier toegevoegd.".to_string()
            } else {
                format!(
                    "{} is aan het dossier toegevoegd.",
                    case::timeline::form_label(&form)
                )
            };
            let notes = warnings
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .map(|d| format!("Let op: {}", d.message))
                .collect();
            let form_box = {
                let mut c = ctl.borrow_mut();
                c.case = Some(Rc::new(next.clone()));
                c.open_form = None;
                c.form_box.clone()
            };
            close_form(&form_box);
            notify(ctl, true, what, notes);
            let kind = if form == EVENT_FORM {
                "event"
            } else {
                "document"
            };
            let stored = ctl.borrow().stored.is_some();
            let host = ctl.borrow().host.clone();
            dispatch(
                &host,
                "llk-case-change",
                &json!({"case": next.to_json(), "stored": stored,
                        "change": {"kind": kind, "seq": seq, "form": form}}),
            );
            if stored {
                spawn_local(save(ctl.clone(), next));
            }
        }
        Err(e) => {
            // The form said "verstuurd": back to its check page, every answer there.
            let form_box = ctl.borrow().form_box.clone();
            reopen_form(&form_box);
            let details = e
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message.clone())
                .collect();
            notify(
                ctl,
                false,
                format!(
                    "{} Uw antwoorden staan nog in het formulier hieronder.",
                    e.message
                ),
                details,
            );
        }
    }
}

fn notify(ctl: &Shared, ok: bool, message: String, details: Vec<String>) {
    ctl.borrow_mut().notice = Some(CaseNotice {
        ok,
        message,
        details,
    });
    render(ctl);
    // Yew renders the notice on its next turn: focus it after that.
    let root = ctl.borrow().root.clone();
    gloo_timers::callback::Timeout::new(0, move || focus_notice(&root)).forget();
}

/// Moves focus to the notice, so a keyboard or screen-reader user hears what happened.
fn focus_notice(root: &Element) {
    if let Ok(Some(el)) = root.query_selector(".llk-case .llk-alert") {
        let _ = el.set_attribute("tabindex", "-1");
        if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<HtmlElement>(&el) {
            let _ = el.focus();
        }
    }
}

/// The status the store keeps a case under: open, or closed with the region's retention.
pub(crate) fn status_of(case: &Case) -> CaseStatus {
    let days = catalog()
        .and_then(|c| c.region(&case.region).map(|r| r.case_retention_days))
        .unwrap_or(llk_core::def::DEFAULT_CASE_RETENTION_DAYS)
        .max(1);
    match case.closed_on(today()) {
        Some(on) => CaseStatus::closed(on, days),
        None => CaseStatus::open(days),
    }
}

async fn save(ctl: Shared, case: Case) {
    let Some(store) = case_store() else { return };
    let Some((id, version)) = ctl.borrow().stored.clone() else {
        return;
    };
    match store
        .save(&id, &case.to_json(), status_of(&case), version, idb::now())
        .await
    {
        Ok(meta) => {
            ctl.borrow_mut().stored = Some((id, meta.version));
        }
        Err(e) => {
            notify(&ctl, false, e.message_nl().to_string(), Vec::new());
        }
    }
}
