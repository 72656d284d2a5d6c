//! One form element's drafts: autosave (debounced, on leaving the page, on "Concept
//! opslaan"), the offer to continue, opening by `draft-id`, migration, conflicts with other
//! tabs, and storage problems — while the form itself keeps working in memory.
//!
//! A change (`llk-change`, or `llk-plan-change` of `<llk-levensloopplan>`, attached the same
//! way) only starts the timer: its answers are a lazy getter, left unread, and the save
//! reads the element's `value` (once per save, not per keystroke). A plan draft holds the
//! working answers; the recorded versions are the host's (`history`, `llk-plan-version`),
//! and adopting a version (`llk-submit`) ends the draft as submitting a form does.

use super::{announce, catalog, moment, problem, report, store};
use gloo_timers::callback::Timeout;
use llk_core::Submission;
use llk_core::def::FormDef;
use llk_storage::idb;
use llk_storage::{Draft, DraftId, DraftStore, StoreError};
use llk_ui::state::drafts::{DraftNotice, DraftOffer, DraftStatus};
use llk_ui::{DraftBar, DraftBarProps, DraftNoticeProps, DraftNoticeView};
use serde_json::{Map, Value, json};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlElement};
use yew::{AppHandle, Callback};

/// At most this long between a change and its save.
const DEBOUNCE_MS: u32 = 400;
/// The plan editor's element (`plan.rs`).
const PLAN_TAG: &str = "llk-levensloopplan";

type Shared = Rc<RefCell<FormDrafts>>;

#[wasm_bindgen(module = "/src/shim.js")]
extern "C" {
    /// Whether `host` sent a change before the drafts watched the elements.
    fn changed_before_drafts(host: &HtmlElement) -> bool;
}

thread_local! {
    static FORMS: RefCell<Vec<Shared>> = const { RefCell::new(Vec::new()) };
}

struct FormDrafts {
    host: HtmlElement,
    def: Rc<FormDef>,
    /// A `<llk-levensloopplan>`: changes are read from `value` when saving.
    plan: bool,
    retention_days: u32,
    /// The draft this form is saving to; `None` until the first save of a new form.
    id: Option<DraftId>,
    /// The stored version this tab last saw (0: never saved).
    version: u64,
    /// The newer version another tab saved, while a conflict is shown.
    theirs_version: u64,
    /// Answers from an older definition that have no field now: kept in every save.
    unmapped: Map<String, Value>,
    notice: DraftNotice,
    status: DraftStatus,
    /// Answers changed since the last save: the save reads them from the element's `value`.
    pending: bool,
    timer: Option<Timeout>,
    /// When the save is due (`Date.now()`, ms): each change moves it, the timer stays.
    due: f64,
    saving: bool,
    top: Element,
    notice_app: Option<AppHandle<DraftNoticeView>>,
    bar_app: Option<AppHandle<DraftBar>>,
    _listeners: Vec<JsValue>,
}

fn get(weak: &Weak<RefCell<FormDrafts>>) -> Option<Shared> {
    weak.upgrade()
}

/// Attaches to `host` (again, when its shadow root was rebuilt).
pub(crate) fn attach(host: HtmlElement) {
    if host.has_attribute("readonly") && host.get_attribute("readonly").as_deref() != Some("false")
    {
        return;
    }
    let attached = FORMS.with(|f| {
        f.borrow()
            .iter()
            .any(|c| c.borrow().host == host && c.borrow().top.is_connected())
    });
    if attached {
        return;
    }
    FORMS.with(|f| f.borrow_mut().retain(|c| c.borrow().host != host));
    let tag = host.tag_name().to_ascii_lowercase();
    let plan = tag == PLAN_TAG;
    let form = crate::ELEMENTS
        .iter()
        .find(|(t, _)| *t == tag)
        .map(|(_, f)| f.to_string())
        .or_else(|| plan.then(|| llk_core::plan::PLAN_FORM.to_string()))
        .or_else(|| host.get_attribute("form"));
    let region = host
        .get_attribute("region")
        .unwrap_or_else(|| llk_core::def::NATIONAL.to_string());
    let (Some(catalog), Some(form)) = (catalog(), form) else {
        return;
    };
    let (Some(def), Some(reg)) = (catalog.form(&form, &region), catalog.region(&region)) else {
        return;
    };
    let Some(shadow) = host.shadow_root() else {
        return;
    };
    let Some(doc) = host.owner_document() else {
        return;
    };
    let (Ok(top), Ok(bottom)) = (doc.create_element("div"), doc.create_element("div")) else {
        return;
    };
    top.set_class_name("llk-root llk-drafts-top");
    bottom.set_class_name("llk-root llk-drafts-bottom");
    let _ = top.set_attribute("lang", "nl");
    let _ = bottom.set_attribute("lang", "nl");
    let first = shadow.first_child();
    let _ = shadow.insert_before(&top, first.as_ref());
    let _ = shadow.append_child(&bottom);
    let sheets = shadow.adopted_style_sheets();
    sheets.push(&super::sheets(false).get(0));
    shadow.set_adopted_style_sheets(&sheets);

    let ctl = Rc::new(RefCell::new(FormDrafts {
        host: host.clone(),
        def: Rc::new(def.clone()),
        plan,
        retention_days: reg.draft_retention_days,
        id: None,
        version: 0,
        theirs_version: 0,
        unmapped: Map::new(),
        notice: DraftNotice::None,
        status: DraftStatus::Idle,
        pending: false,
        timer: None,
        due: 0.0,
        saving: false,
        top: top.clone(),
        notice_app: None,
        bar_app: None,
        _listeners: Vec::new(),
    }));
    let weak = Rc::downgrade(&ctl);
    let (notice, bar) = props(&ctl);
    {
        let mut c = ctl.borrow_mut();
        c.notice_app =
            Some(yew::Renderer::<DraftNoticeView>::with_root_and_props(top, notice).render());
        c.bar_app = Some(yew::Renderer::<DraftBar>::with_root_and_props(bottom, bar).render());
    }
    let w = weak.clone();
    let on_change = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        if let Some(ctl) = get(&w) {
            changed(&ctl, e.detail());
        }
    });
    let w = weak.clone();
    let on_submit = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        if let Some(ctl) = get(&w) {
            spawn_local(submitted(ctl));
        }
    });
    let w = weak.clone();
    let on_draft_id = Closure::<dyn Fn()>::new(move || {
        if let Some(ctl) = get(&w) {
            let id = ctl.borrow().host.get_attribute("draft-id");
            if let Some(id) = id.filter(|i| !i.is_empty()) {
                spawn_local(open(ctl, DraftId(id), false));
            }
        }
    });
    let change = if plan {
        "llk-plan-change"
    } else {
        "llk-change"
    };
    let _ = host.add_event_listener_with_callback(change, on_change.as_ref().unchecked_ref());
    let _ = host.add_event_listener_with_callback("llk-submit", on_submit.as_ref().unchecked_ref());
    if let Ok(observer) = web_sys::MutationObserver::new(on_draft_id.as_ref().unchecked_ref()) {
        let init = web_sys::MutationObserverInit::new();
        init.set_attribute_filter(&js_sys::Array::of1(&"draft-id".into()));
        let _ = observer.observe_with_options(&host, &init);
    }
    ctl.borrow_mut()._listeners = vec![
        on_change.into_js_value(),
        on_submit.into_js_value(),
        on_draft_id.into_js_value(),
    ];
    FORMS.with(|f| f.borrow_mut().push(ctl.clone()));
    // Typed into while the drafts were starting (with many forms on a page they start
    // late): that change is saved as if it came now, not only at the next one.
    if changed_before_drafts(&host) {
        let mut c = ctl.borrow_mut();
        c.pending = true;
        schedule(&ctl, &mut c);
    }
    spawn_local(begin(ctl));
}

/// What the form shows when it opens: the draft named by `draft-id`, or an offer of this
/// form's drafts, or why drafts will not last.
async fn begin(ctl: Shared) {
    if let Some(message) = problem() {
        set_notice(
            &ctl,
            DraftNotice::Problem {
                message,
                delete: None,
            },
        );
    }
    let wanted = ctl.borrow().host.get_attribute("draft-id");
    if let Some(id) = wanted.filter(|i| !i.is_empty()) {
        return open(ctl, DraftId(id), false).await;
    }
    offer(&ctl).await;
}

async fn offer(ctl: &Shared) {
    let Some(store) = store() else { return };
    let form = ctl.borrow().def.id.clone();
    let Ok(list) = store.list().await else { return };
    let offers: Vec<DraftOffer> = list
        .drafts
        .iter()
        .filter(|m| m.form == form && Some(&m.id) != ctl.borrow().id.as_ref())
        .filter(|m| !is_case_draft(&m.id))
        .map(|m| DraftOffer {
            id: m.id.0.clone(),
            updated: moment(m.updated),
            expires: moment(m.expires),
        })
        .collect();
    let keep = matches!(
        ctl.borrow().notice,
        DraftNotice::None | DraftNotice::Offer(_)
    );
    if keep {
        set_notice(
            ctl,
            if offers.is_empty() {
                DraftNotice::None
            } else {
                DraftNotice::Offer(offers)
            },
        );
    }
}

/// Opens a stored draft in the form: decrypted, migrated to the current definition (answers
/// without a field are kept and shown), and set as the form's value.
async fn open(ctl: Shared, id: DraftId, focus: bool) {
    let Some(store) = store() else { return };
    let loaded = store.load(&id).await;
    let def = ctl.borrow().def.clone();
    match loaded {
        Ok(stored) => {
            let (mut stored, _notes) = stored.migrate(&def);
            // The case's facts as the case shows them now, not as the draft saved them.
            let host = ctl.borrow().host.clone();
            if let Some(fresh) = current_value(&host) {
                let answers = std::mem::take(&mut stored.submission.answers);
                stored.submission.answers =
                    llk_core::answers::with_readonly_from(&def, &fresh, answers);
            }
            let envelope = {
                let mut c = ctl.borrow_mut();
                c.timer = None;
                c.pending = false;
                c.id = Some(id);
                c.version = stored.meta.version;
                c.unmapped = stored.submission.unmapped.clone();
                c.notice = DraftNotice::None;
                c.status = DraftStatus::Saved {
                    at: moment(stored.meta.updated),
                    expires: moment(stored.meta.expires),
                    memory_only: !store.is_persistent(),
                };
                json!({"form": def.id, "version": def.version, "region": def.region,
                       "answers": stored.submission.answers})
            };
            render(&ctl);
            // No borrow is held: setting the value makes the form send llk-change at once.
            let host = ctl.borrow().host.clone();
            let v = crate::to_js(&envelope);
            let _ = js_sys::Reflect::set(&host, &"value".into(), &v);
            if focus {
                focus_form(&host);
            }
        }
        // A form a case opened names its draft before there is one: it is saved under
        // that id, so the draft belongs to the case (and is not offered to other forms).
        Err(StoreError::NotFound { .. }) if is_case_draft(&id) => {
            let mut c = ctl.borrow_mut();
            c.id = Some(id);
            c.version = 0;
        }
        Err(e) => {
            let delete = matches!(e, StoreError::Decrypt { .. } | StoreError::Corrupt { .. })
                .then(|| id.0.clone());
            let host = ctl.borrow().host.clone();
            report(&host, &e);
            set_notice(
                &ctl,
                DraftNotice::Problem {
                    message: e.message_nl().to_string(),
                    delete,
                },
            );
        }
    }
}

/// The prefix of the draft ids `<llk-casus>` gives the forms it opens.
pub(crate) const CASE_DRAFT_PREFIX: &str = "casus-";

fn is_case_draft(id: &DraftId) -> bool {
    id.0.starts_with(CASE_DRAFT_PREFIX)
}

fn changed(ctl: &Shared, detail: JsValue) {
    let Ok(mut c) = ctl.try_borrow_mut() else {
        return;
    };
    // Read at save time (`flush`): a mark that something changed. The detail is not
    // converted: that would read its lazy answers and copy them all per keystroke.
    c.pending = true;
    let path = js_sys::Reflect::get(&detail, &"path".into()).ok();
    if !c.plan && path.and_then(|p| p.as_string()).as_deref() == Some("") {
        // A reset: the draft stays as it was; what comes next is a new draft.
        c.id = None;
        c.version = 0;
        c.unmapped.clear();
        c.pending = false;
        c.timer = None;
        c.status = DraftStatus::Idle;
        drop(c);
        return render(ctl);
    }
    schedule(ctl, &mut c);
}

/// Saves `DEBOUNCE_MS` after the last change. A change moves the time the save is due and
/// leaves a running timer alone, which wakes up, finds the time moved and sleeps the rest:
/// replacing the timer on every keystroke (clearTimeout, a new closure, setTimeout) cost
/// 0.1 ms a key.
fn schedule(ctl: &Shared, c: &mut FormDrafts) {
    c.due = js_sys::Date::now() + f64::from(DEBOUNCE_MS);
    if c.timer.is_none() {
        arm(ctl, c, DEBOUNCE_MS);
    }
}

fn arm(ctl: &Shared, c: &mut FormDrafts, ms: u32) {
    let weak = Rc::downgrade(ctl);
    c.timer = Some(Timeout::new(ms, move || {
        let Some(ctl) = get(&weak) else { return };
        let mut c = ctl.borrow_mut();
        let left = c.due - js_sys::Date::now();
        if left >= 1.0 {
            // Replaces the timer running now: wasm-bindgen lets go of its closure when it
            // returns. Saturating: `left` is at most DEBOUNCE_MS.
            arm(&ctl, &mut c, left as u32);
        } else {
            // The timer has done its work: the next change starts a new one.
            c.timer = None;
            drop(c);
            spawn_local(flush(ctl));
        }
    }));
}

/// Saves the element's answers when they changed, unless a save is running (it saves them
/// after) or a conflict waits for the user.
async fn flush(ctl: Shared) {
    let Some(store) = store() else { return };
    let read = {
        let c = ctl.borrow();
        !c.saving && c.pending
    };
    // No borrow is held while the element hands out its answers.
    let answers = if read {
        let host = ctl.borrow().host.clone();
        current_value(&host)
    } else {
        None
    };
    let (draft, expected, retention) = {
        let mut c = ctl.borrow_mut();
        c.timer = None;
        let Some(answers) = answers else {
            if read {
                // The value is not an answers object: nothing to save.
                c.pending = false;
            }
            return;
        };
        if matches!(c.notice, DraftNotice::Conflict { .. }) {
            c.status = DraftStatus::Paused;
            drop(c);
            return render(&ctl);
        }
        let id = match c.id.clone().map(Ok).unwrap_or_else(idb::new_draft_id) {
            Ok(id) => id,
            Err(e) => {
                c.notice = DraftNotice::Problem {
                    message: e.message_nl().to_string(),
                    delete: None,
                };
                drop(c);
                return render(&ctl);
            }
        };
        c.pending = false;
        c.saving = true;
        c.id = Some(id.clone());
        let submission = Submission {
            form: c.def.id.clone(),
            version: c.def.version,
            region: c.def.region.clone(),
            answers,
            unmapped: c.unmapped.clone(),
        };
        (Draft { id, submission }, c.version, c.retention_days)
    };
    let result = store.save(&draft, expected, idb::now(), retention).await;
    let (saved, failed) = after_save(&ctl, result, &store);
    if let Some(message) = saved {
        announce(&message);
    }
    if let Some(e) = failed {
        let host = ctl.borrow().host.clone();
        report(&host, &e);
    }
    render(&ctl);
    // Answers that changed while saving: save them too.
    let again = {
        let c = ctl.borrow();
        c.pending && c.timer.is_none() && matches!(c.status, DraftStatus::Saved { .. })
    };
    if again {
        Box::pin(flush(ctl)).await;
    }
}

/// Records a save's outcome; returns the announcement for other tabs, or the failure to
/// report to the host (both sent by the caller, with no borrow held).
fn after_save(
    ctl: &Shared,
    result: Result<llk_storage::DraftMeta, StoreError>,
    store: &llk_storage::idb::BrowserStore,
) -> (Option<Value>, Option<StoreError>) {
    let mut c = ctl.borrow_mut();
    c.saving = false;
    match result {
        Ok(meta) => {
            c.version = meta.version;
            c.status = DraftStatus::Saved {
                at: moment(meta.updated),
                expires: moment(meta.expires),
                memory_only: !store.is_persistent(),
            };
            if matches!(c.notice, DraftNotice::Problem { delete: None, .. })
                && store.is_persistent()
            {
                c.notice = DraftNotice::None;
            }
            let message =
                json!({"saved": meta.id.0, "version": meta.version, "updated": meta.updated.0});
            (Some(message), None)
        }
        Err(StoreError::Conflict {
            stored_version,
            stored_updated,
        }) => {
            c.theirs_version = stored_version;
            c.notice = DraftNotice::Conflict {
                theirs: moment(stored_updated),
            };
            c.status = DraftStatus::Paused;
            c.pending = true;
            (None, None)
        }
        Err(e) => {
            c.notice = DraftNotice::Problem {
                message: e.message_nl().to_string(),
                delete: None,
            };
            c.status = DraftStatus::Failed;
            c.pending = true;
            (None, Some(e))
        }
    }
}

/// The element's `value` (its answers).
fn current_value(host: &HtmlElement) -> Option<Value> {
    let v = js_sys::Reflect::get(host, &"value".into()).ok()?;
    crate::from_js::<Value>(&v).ok().filter(Value::is_object)
}

/// "Concept opslaan": the form's current answers, now.
fn save_now(ctl: &Shared) {
    ctl.borrow_mut().pending = true;
    spawn_local(flush(ctl.clone()));
}

/// Submitted: the draft has done its work and goes.
async fn submitted(ctl: Shared) {
    let id = {
        let mut c = ctl.borrow_mut();
        c.timer = None;
        c.pending = false;
        c.version = 0;
        c.unmapped.clear();
        c.status = DraftStatus::Idle;
        c.notice = DraftNotice::None;
        c.id.take()
    };
    render(&ctl);
    if let (Some(id), Some(store)) = (id, store())
        && store.delete(&id).await.is_ok()
    {
        announce(&json!({"deleted": id.0}));
    }
}

/// Another tab (or element) saved or deleted a draft.
pub(crate) fn on_announcement(message: &Value, _local: bool) {
    let forms = FORMS.with(|f| f.borrow().clone());
    for ctl in forms {
        let Ok(mut c) = ctl.try_borrow_mut() else {
            continue;
        };
        let saved = message.get("saved").and_then(Value::as_str);
        let version = message.get("version").and_then(Value::as_u64).unwrap_or(0);
        let mine = c.id.as_ref().map(|i| i.0.as_str());
        if saved.is_some() && saved == mine && version > c.version {
            let updated = message.get("updated").and_then(Value::as_i64).unwrap_or(0);
            c.theirs_version = version;
            c.notice = DraftNotice::Conflict {
                theirs: moment(llk_storage::Timestamp(updated)),
            };
            c.status = DraftStatus::Paused;
            drop(c);
            render(&ctl);
        } else if matches!(c.notice, DraftNotice::Offer(_)) && mine.is_none() {
            // An offer on show follows drafts saved or deleted elsewhere; one the user
            // declined ("Nieuw formulier") does not come back.
            drop(c);
            let ctl = ctl.clone();
            spawn_local(async move { offer(&ctl).await });
        }
    }
}

/// After the host supplied its key: offer the drafts again.
pub(crate) fn restart_all() {
    let forms = FORMS.with(|f| f.borrow().clone());
    for ctl in forms {
        spawn_local(begin(ctl));
    }
}

/// Leaving the page (another tab, closing, navigating): save what is pending now.
pub(crate) fn listen_for_leaving() {
    let flush_all = Closure::<dyn Fn()>::new(|| {
        let leaving = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if !leaving {
            return;
        }
        let forms = FORMS.with(|f| f.borrow().clone());
        for ctl in forms {
            if ctl.borrow().pending {
                spawn_local(flush(ctl));
            }
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("pagehide", flush_all.as_ref().unchecked_ref());
        if let Some(d) = w.document() {
            let _ = d.add_event_listener_with_callback(
                "visibilitychange",
                flush_all.as_ref().unchecked_ref(),
            );
        }
    }
    flush_all.forget();
}

/// After a choice in the notice (which then goes away), focus goes to the form's page
/// heading, so a keyboard or screen-reader user is not left on the page body.
fn focus_form(host: &HtmlElement) {
    let host = host.clone();
    let later = Closure::once_into_js(move || {
        let heading = host
            .shadow_root()
            .and_then(|s| {
                s.query_selector(&format!("#{}", llk_ui::PAGE_HEADING_ID))
                    .ok()
            })
            .flatten()
            .or_else(|| {
                // The plan editor has no page heading: its first field.
                host.shadow_root()
                    .and_then(|s| {
                        s.query_selector(".llk-root--plan :is(input, textarea, select)")
                            .ok()
                    })
                    .flatten()
            })
            .and_then(|h| h.dyn_into::<HtmlElement>().ok());
        if let Some(h) = heading {
            let _ = h.focus();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
    }
}

fn set_notice(ctl: &Shared, notice: DraftNotice) {
    ctl.borrow_mut().notice = notice;
    render(ctl);
}

fn render(ctl: &Shared) {
    let (notice, bar) = props(ctl);
    let mut c = ctl.borrow_mut();
    if let Some(app) = &mut c.notice_app {
        app.update(notice);
    }
    if let Some(app) = &mut c.bar_app {
        app.update(bar);
    }
}

fn props(ctl: &Shared) -> (DraftNoticeProps, DraftBarProps) {
    let c = ctl.borrow();
    let weak = Rc::downgrade(ctl);
    let with = |f: fn(Shared)| {
        let weak = weak.clone();
        Callback::from(move |()| {
            if let Some(ctl) = get(&weak) {
                f(ctl);
            }
        })
    };
    let w = weak.clone();
    let on_resume = Callback::from(move |id: String| {
        if let Some(ctl) = get(&w) {
            spawn_local(open(ctl, DraftId(id), true));
        }
    });
    let w = weak.clone();
    let on_delete = Callback::from(move |id: String| {
        if let Some(ctl) = get(&w) {
            spawn_local(async move {
                if let Some(store) = store() {
                    let _ = store.delete(&DraftId(id.clone())).await;
                    announce(&json!({"deleted": id}));
                }
                set_notice(&ctl, DraftNotice::None);
            });
        }
    });
    let unmapped = c
        .unmapped
        .iter()
        .map(|(k, v)| {
            let shown = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), shown)
        })
        .collect();
    let notice = DraftNoticeProps {
        notice: c.notice.clone(),
        unmapped,
        on_resume,
        on_new: with(|ctl| {
            set_notice(&ctl, DraftNotice::None);
            let host = ctl.borrow().host.clone();
            focus_form(&host);
        }),
        on_take_theirs: with(|ctl| {
            let id = ctl.borrow().id.clone();
            if let Some(id) = id {
                spawn_local(open(ctl, id, true));
            }
        }),
        on_keep_mine: with(|ctl| {
            {
                let mut c = ctl.borrow_mut();
                c.version = c.theirs_version;
                c.notice = DraftNotice::None;
            }
            save_now(&ctl);
        }),
        on_delete,
        noun: if c.plan { "plan" } else { "formulier" }.into(),
    };
    let bar = DraftBarProps {
        status: c.status.clone(),
        on_save: with(|ctl| save_now(&ctl)),
    };
    (notice, bar)
}
