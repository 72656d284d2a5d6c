//! The drafts: autosave, resume, multi-tab safety and `<llk-concepten>`, on top of
//! `llk-storage`, and the case elements (feature `cases`), which keep their cases in the
//! same encrypted store. Part of the UI module (feature `drafts`); the loader starts them
//! ([`start`]) after the forms have painted; until then the forms work in memory.
//!
//! It attaches to each form element from outside, through the element's public contract:
//! `llk-change`/`llk-submit` events in, the `value` property out, and two small Yew roots
//! (the notice above, the save bar below) in the element's open shadow root.

#[cfg(feature = "cases")]
mod casus;
#[cfg(feature = "cases")]
mod casussen;
mod concepten;
mod form;
#[cfg(feature = "cases")]
mod kengetallen;
#[cfg(feature = "cases")]
mod overdracht;
#[cfg(feature = "cases")]
mod receive_panel;
#[cfg(feature = "cases")]
mod signatures;

use llk_core::Catalog;
#[cfg(feature = "cases")]
use llk_storage::idb::IdbCases;
use llk_storage::idb::{self, BrowserStore};
use llk_storage::{DraftStore, StoreError, Timestamp};
use llk_ui::state::drafts::Moment;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, CssStyleSheet, HtmlElement};

/// The `BroadcastChannel` tabs tell each other about saved and deleted drafts on.
const CHANNEL: &str = "llk-drafts";
/// Without its comments (`build.rs`).
const DRAFT_STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/drafts_style.css"));

#[wasm_bindgen(module = "/src/drafts/drafts.js")]
extern "C" {
    fn defineConcepten(mount: &Closure<dyn Fn(HtmlElement) -> JsValue>) -> bool;
}

#[cfg(feature = "cases")]
#[wasm_bindgen(module = "/src/drafts/cases.js")]
extern "C" {
    fn defineCasus(mount: &Closure<dyn Fn(HtmlElement) -> JsValue>) -> bool;
    fn defineCasussen(mount: &Closure<dyn Fn(HtmlElement) -> JsValue>) -> bool;
    fn setLoader(load_module: &JsValue);
}

thread_local! {
    static STORE: RefCell<Option<Rc<BrowserStore>>> = const { RefCell::new(None) };
    /// Why drafts are kept in memory only (IndexedDB could not be opened), in Dutch.
    static PROBLEM: RefCell<Option<String>> = const { RefCell::new(None) };
    static BROADCAST: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
    static KEEP: RefCell<Vec<JsValue>> = const { RefCell::new(Vec::new()) };
    /// The case store (same database and key as the drafts); `None` when it cannot open.
    #[cfg(feature = "cases")]
    static CASES: RefCell<Option<Rc<IdbCases>>> = const { RefCell::new(None) };
    #[cfg(feature = "cases")]
    static CASE_PROBLEM: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[cfg(feature = "cases")]
pub(crate) fn case_store() -> Option<Rc<IdbCases>> {
    CASES.with(|s| s.borrow().clone())
}

/// Why the kit cannot keep cases here, in Dutch.
#[cfg(feature = "cases")]
pub(crate) fn case_problem() -> String {
    CASE_PROBLEM
        .with(|p| p.borrow().clone())
        .unwrap_or_else(|| {
            "Dossiers kunnen in deze browser niet worden bewaard of geopend.".to_string()
        })
}

/// The definitions the forms booted with (one catalog for the whole UI module).
pub(crate) fn catalog() -> Option<Rc<Catalog>> {
    crate::CATALOG.with(|c| c.borrow().as_ref().as_ref().ok().cloned())
}

pub(crate) fn store() -> Option<Rc<BrowserStore>> {
    STORE.with(|s| s.borrow().clone())
}

pub(crate) fn problem() -> Option<String> {
    PROBLEM.with(|p| p.borrow().clone())
}

/// A timestamp on the user's clock.
pub(crate) fn moment(t: Timestamp) -> Moment {
    let d = js_sys::Date::new(&JsValue::from_f64(t.0 as f64));
    Moment {
        year: d.get_full_year() as i32,
        month: (d.get_month() + 1) as u8,
        day: d.get_date() as u8,
        hour: d.get_hours() as u8,
        minute: d.get_minutes() as u8,
    }
}

/// The drafts' stylesheet (the kit's, plus the draft components').
pub(crate) fn sheets(full: bool) -> js_sys::Array {
    let out = js_sys::Array::new();
    let css = if full {
        format!("{}\n{DRAFT_STYLE}", crate::STYLE)
    } else {
        DRAFT_STYLE.to_string()
    };
    if let Ok(sheet) = CssStyleSheet::new()
        && sheet.replace_sync(&css).is_ok()
    {
        out.push(&sheet);
    }
    out
}

/// The shadow root of a drafts-module element with the kit's styles and `roots` in it (the
/// first gets the kit's root class and `lang`).
#[cfg(feature = "cases")]
pub(crate) fn shadow_with(host: &HtmlElement, roots: &[&web_sys::Element]) {
    let shadow = host.shadow_root().or_else(|| {
        host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .ok()
    });
    let Some(shadow) = shadow else { return };
    // Emptied through textContent: innerHTML, even "", is a Trusted Types sink.
    shadow.set_text_content(None);
    shadow.set_adopted_style_sheets(&sheets(true));
    for (i, r) in roots.iter().enumerate() {
        if i == 0 {
            r.set_class_name("llk-root");
            let _ = r.set_attribute("lang", "nl");
        }
        let _ = shadow.append_child(r);
    }
}

/// Tells the other tabs (and this tab's other elements) that a draft changed.
pub(crate) fn announce(message: &Value) {
    // A plain object, as tabs running an earlier version of the kit send and read.
    let v = crate::to_js(message);
    BROADCAST.with(|b| {
        if let Some(b) = &*b.borrow() {
            let _ = b.post_message(&v);
        }
    });
    // A BroadcastChannel does not deliver to its own sender: tell this tab directly.
    on_message(message, true);
}

fn on_message(message: &Value, local: bool) {
    form::on_announcement(message, local);
    concepten::refresh_all();
}

/// Starts the drafts after the forms have painted (with the catalog [`boot`](crate::boot)
/// read): opens the store (with the host's `CryptoKey` when it gave one), purges expired
/// drafts, and defines `<llk-concepten>`. The loader calls it once; then `attach` for each
/// form element.
#[wasm_bindgen]
pub async fn start(key: JsValue) {
    #[cfg(feature = "cases")]
    setLoader(&crate::modules::loader());
    open_store(key).await;
    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
            if let Ok(v) = crate::from_js::<Value>(&e.data()) {
                on_message(&v, false);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        KEEP.with(|k| k.borrow_mut().push(listener.into_js_value()));
        BROADCAST.with(|b| *b.borrow_mut() = Some(channel));
    }
    form::listen_for_leaving();
    let mount = Closure::<dyn Fn(HtmlElement) -> JsValue>::new(|host: HtmlElement| {
        JsValue::from(concepten::ConceptenElement::mount(host))
    });
    if defineConcepten(&mount) {
        KEEP.with(|k| k.borrow_mut().push(mount.into_js_value()));
    }
    #[cfg(feature = "cases")]
    define_case_elements();
}

/// `<llk-casus>` and `<llk-casussen>` (the `cases` build of this module only).
#[cfg(feature = "cases")]
fn define_case_elements() {
    let mount = Closure::<dyn Fn(HtmlElement) -> JsValue>::new(|host: HtmlElement| {
        JsValue::from(casus::CasusElement::mount(host))
    });
    if defineCasus(&mount) {
        KEEP.with(|k| k.borrow_mut().push(mount.into_js_value()));
    }
    let mount = Closure::<dyn Fn(HtmlElement) -> JsValue>::new(|host: HtmlElement| {
        JsValue::from(casussen::CasussenElement::mount(host))
    });
    if defineCasussen(&mount) {
        KEEP.with(|k| k.borrow_mut().push(mount.into_js_value()));
    }
}

async fn open_store(key: JsValue) {
    let key = key.dyn_into::<web_sys::CryptoKey>().ok();
    let (store, problem) = BrowserStore::open(idb::DB_NAME, key.clone()).await;
    if let Err(e) = store.purge_expired(idb::now()).await {
        PROBLEM.with(|p| *p.borrow_mut() = Some(e.message_nl().to_string()));
    }
    PROBLEM.with(|p| *p.borrow_mut() = problem.map(|e| e.message_nl().to_string()));
    STORE.with(|s| *s.borrow_mut() = Some(Rc::new(store)));
    #[cfg(feature = "cases")]
    open_cases(key).await;
    #[cfg(not(feature = "cases"))]
    let _ = key;
}

#[cfg(feature = "cases")]
/// Opens the case store with the same key as the drafts and deletes the closed cases whose
/// retention has passed (open cases are never deleted).
async fn open_cases(key: Option<web_sys::CryptoKey>) {
    use llk_storage::CaseStore;
    match idb::open_cases(idb::DB_NAME, key).await {
        Ok(cases) => {
            let _ = cases.purge_closed(crate::today()).await;
            CASES.with(|s| *s.borrow_mut() = Some(Rc::new(cases)));
            CASE_PROBLEM.with(|p| *p.borrow_mut() = None);
        }
        Err(e) => {
            CASES.with(|s| *s.borrow_mut() = None);
            let message = llk_storage::CaseError(e).message_nl().to_string();
            CASE_PROBLEM.with(|p| *p.borrow_mut() = Some(message));
        }
    }
}

/// The host's own key (`setDraftKey` in the loader): drafts are opened again with it.
/// Drafts sealed with the previous key then no longer open (they show as such).
#[wasm_bindgen]
pub async fn set_key(key: JsValue) {
    open_store(key).await;
    form::restart_all();
    concepten::refresh_all();
}

/// Attaches autosave and resume to a form element (called for each connected element).
#[wasm_bindgen]
pub fn attach(host: HtmlElement) {
    form::attach(host);
}

/// Error codes for the host's `llk-error` events from the drafts.
pub(crate) fn error_code(e: &StoreError) -> &'static str {
    match e {
        StoreError::Unavailable(_) => "drafts-unavailable",
        StoreError::Blocked => "drafts-blocked",
        StoreError::QuotaExceeded => "drafts-quota",
        StoreError::Decrypt { .. } => "drafts-decrypt",
        StoreError::Corrupt { .. } => "drafts-corrupt",
        StoreError::Conflict { .. } => "drafts-conflict",
        StoreError::NotFound { .. } => "drafts-not-found",
    }
}

/// `llk-error` on the element, with a code and the English message for the portal's
/// developers (never an answer; the user sees the Dutch one in the element).
pub(crate) fn report(host: &web_sys::Element, e: &StoreError) {
    crate::dispatch(
        host,
        "llk-error",
        &json!({"code": error_code(e), "message": e.to_string()}),
    );
}
