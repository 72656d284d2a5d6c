//! `<llk-casussen>`: the caseload ([`llk_ui::case::Caseload`]).
//!
//! Without a `cases` property it lists the cases the kit keeps in this browser (the
//! encrypted case store), offers "Nieuw dossier" (attribute `region`, default `landelijk`)
//! and opens a case in place, as `<llk-casus case-id back>`, until its "Terug naar de
//! dossiers". With `cases` (an array of case JSON, the host's own records) it lists those
//! and sends `llk-case-open` (`{ id }`) for the host to show; it stores nothing then.
//! Closed cases whose retention ends within [`EXPIRY_WARN_DAYS`] are named in a warning.
//! "Kengetallen" shows the counts over the same cases instead of the list
//! ([`super::kengetallen`]), until its "Terug naar de dossiers".
//! "Overdracht ontvangen" ([`super::receive_panel`], [`super::overdracht`]) reads an
//! overdracht package; the case taken in is stored and opened in place, or, with `cases`,
//! sent to the host as `llk-case-received` (`{ case, signatures }`). A refused package
//! stores nothing.

mod receive;

use super::casus::{load, load_text};
use super::kengetallen::Panel;
use super::receive_panel::Panel as ReceivePanel;
use super::{case_store, catalog};
use crate::{dispatch, today};
use llk_core::case::{self, Case};
use llk_storage::{CaseId, CaseStore, StoreError, idb};
use llk_ui::case::{CaseRow, Caseload, CaseloadProps, KengetallenViewProps};
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::{AppHandle, Callback};

/// Days before a closed case is purged that the caseload names it.
pub const EXPIRY_WARN_DAYS: u32 = 30;

struct Ctl {
    host: HtmlElement,
    root: Element,
    case_box: Element,
    app: Option<AppHandle<Caseload>>,
    /// Every case read, for the kengetallen.
    cases: Rc<Vec<Case>>,
    kengetallen: Panel,
    receive: ReceivePanel,
    /// The host's cases (host-owned mode), or `None` for the kit's store.
    host_cases: Option<Rc<Vec<Case>>>,
    rows: Vec<CaseRow>,
    unreadable: Vec<String>,
    expiring: Vec<(String, llk_core::Date)>,
    problem: Option<String>,
    keep: Vec<JsValue>,
}

type Shared = Rc<RefCell<Ctl>>;

#[wasm_bindgen]
pub struct CasussenElement {
    ctl: Shared,
}

impl CasussenElement {
    pub(crate) fn mount(host: HtmlElement) -> CasussenElement {
        let doc = host.owner_document().expect("an element has a document");
        let root = doc.create_element("div").expect("div");
        let case_box = doc.create_element("div").expect("div");
        let figures = doc.create_element("div").expect("div");
        let receive_box = doc.create_element("div").expect("div");
        super::shadow_with(&host, &[&root, &receive_box, &case_box, &figures]);
        let ctl = Rc::new(RefCell::new(Ctl {
            host: host.clone(),
            root,
            case_box: case_box.clone(),
            app: None,
            cases: Rc::new(Vec::new()),
            kengetallen: Panel::new(figures),
            receive: ReceivePanel::new(receive_box),
            host_cases: None,
            rows: Vec::new(),
            unreadable: Vec::new(),
            expiring: Vec::new(),
            problem: None,
            keep: Vec::new(),
        }));
        // "Terug naar de dossiers" in the case opened in place.
        let weak = Rc::downgrade(&ctl);
        let back = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.stop_propagation();
            if let Some(ctl) = weak.upgrade() {
                close_case(&ctl);
                spawn_local(refresh(ctl));
            }
        });
        let _ = case_box
            .add_event_listener_with_callback("llk-case-back", back.as_ref().unchecked_ref());
        ctl.borrow_mut().keep.push(back.into_js_value());
        render(&ctl);
        spawn_local(refresh(ctl.clone()));
        CasussenElement { ctl }
    }
}

#[wasm_bindgen]
impl CasussenElement {
    /// The host's cases, as given.
    pub fn cases(&self) -> JsValue {
        match &self.ctl.borrow().host_cases {
            Some(cases) => crate::to_js(&cases.iter().map(Case::to_json).collect::<Vec<_>>()),
            None => JsValue::UNDEFINED,
        }
    }

    /// Host-owned mode: the cases to list, each as the JSON text the element makes of it
    /// (`None` goes back to the store). A caseload is megabytes (500 cases of 40 entries:
    /// 12 MB): as text it crosses in a fraction of the time a walk over the objects takes,
    /// and each case is read straight from its text.
    pub fn set_cases(&self, texts: Option<Vec<String>>) {
        let mut problem = None;
        let cases = texts.map(|items| {
            let mut ok = Vec::with_capacity(items.len());
            let mut bad = 0;
            for item in &items {
                match load_text(item) {
                    Ok(c) => ok.push(c),
                    Err(_) => bad += 1,
                }
            }
            if bad > 0 {
                problem = Some(format!("{bad} dossier(s) van het registratiesysteem konden niet worden gelezen en staan niet in de lijst."));
            }
            Rc::new(ok)
        });
        {
            let mut c = self.ctl.borrow_mut();
            c.host_cases = cases;
            c.problem = problem;
        }
        spawn_local(refresh(self.ctl.clone()));
    }

    pub fn value(&self) -> JsValue {
        JsValue::UNDEFINED
    }

    pub fn set_value(&self, _v: JsValue) {}

    pub fn attributes_changed(&self) {
        render(&self.ctl);
    }
}

impl Drop for CasussenElement {
    fn drop(&mut self) {
        if let Some(app) = self.ctl.borrow_mut().app.take() {
            app.destroy();
        }
    }
}

impl std::fmt::Debug for CasussenElement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CasussenElement")
    }
}

/// A row's summary, with the region's settings when the catalog has loaded.
fn summary_of(c: &llk_core::case::Case, today: llk_core::Date) -> llk_core::case::CaseSummary {
    match super::catalog() {
        Some(cat) => case::summary_in(c, &cat, today),
        None => case::summary(c, today),
    }
}

async fn refresh(ctl: Shared) {
    let today = today();
    let host_cases = ctl.borrow().host_cases.clone();
    if let Some(cases) = host_cases {
        let rows = cases
            .iter()
            .map(|c| CaseRow::new(&summary_of(c, today), None))
            .collect();
        let mut c = ctl.borrow_mut();
        c.rows = rows;
        c.cases = cases;
        c.unreadable.clear();
        c.expiring.clear();
        drop(c);
        return render(&ctl);
    }
    let Some(store) = case_store() else {
        ctl.borrow_mut().problem = Some(super::case_problem());
        return render(&ctl);
    };
    let (mut rows, mut unreadable, mut expiring) = (Vec::new(), Vec::new(), Vec::new());
    let mut cases = Vec::new();
    let mut problem = None;
    // One read of the store for every case (`load_all`), not a transaction per case.
    match store.load_all().await {
        Ok((list, loaded)) => {
            let soon: Vec<CaseId> = list
                .expiring(today, EXPIRY_WARN_DAYS)
                .into_iter()
                .map(|m| m.id)
                .collect();
            for e in &list.unreadable {
                if let StoreError::Corrupt { id, .. } | StoreError::Decrypt { id } = &e.0 {
                    unreadable.push(id.clone());
                }
            }
            for (meta, loaded) in list.cases.iter().zip(loaded) {
                match loaded
                    .map_err(|_| ())
                    .and_then(|s| load(s.case).map_err(|_| ()))
                {
                    Ok(case) => {
                        let s = summary_of(&case, today);
                        if soon.contains(&meta.id)
                            && let Some(on) = meta.purge_after
                        {
                            expiring.push((s.display_name(), on));
                        }
                        rows.push(CaseRow::new(&s, meta.purge_after));
                        cases.push(case);
                    }
                    Err(()) => unreadable.push(meta.id.0.clone()),
                }
            }
        }
        Err(e) => problem = Some(e.message_nl().to_string()),
    }
    {
        let mut c = ctl.borrow_mut();
        c.rows = rows;
        c.cases = Rc::new(cases);
        c.unreadable = unreadable;
        c.expiring = expiring;
        if problem.is_some() {
            c.problem = problem;
        }
    }
    render(&ctl);
}

fn render(ctl: &Shared) {
    let weak = Rc::downgrade(ctl);
    let mut c = ctl.borrow_mut();
    let stored = c.host_cases.is_none();
    let w = weak.clone();
    let on_open = Callback::from(move |id: String| {
        if let Some(ctl) = w.upgrade() {
            open_case(&ctl, &id);
        }
    });
    let w = weak.clone();
    let on_new = Callback::from(move |()| {
        if let Some(ctl) = w.upgrade() {
            spawn_local(create(ctl));
        }
    });
    let w = weak.clone();
    let on_kengetallen = Callback::from(move |()| {
        if let Some(ctl) = w.upgrade() {
            let _ = ctl.borrow().root.set_attribute("hidden", "");
            ctl.borrow().receive.set_hidden(true);
            show_kengetallen(&ctl);
        }
    });
    let w = weak.clone();
    let on_delete = Callback::from(move |id: String| {
        if let Some(ctl) = w.upgrade() {
            spawn_local(delete(ctl, id));
        }
    });
    let w = weak.clone();
    let on_receive = Callback::from(move |input: HtmlInputElement| {
        if let Some(ctl) = w.upgrade() {
            spawn_local(receive::receive(ctl, input));
        }
    });
    let on_accept = Callback::from(move |()| {
        if let Some(ctl) = weak.upgrade() {
            spawn_local(receive::accept(ctl));
        }
    });
    let props = CaseloadProps {
        rows: c.rows.clone(),
        unreadable: c.unreadable.clone(),
        problem: c.problem.clone(),
        expiring: c.expiring.clone(),
        can_create: stored && case_store().is_some(),
        on_open,
        on_new,
        on_delete,
        on_kengetallen: Some(on_kengetallen),
    };
    match &mut c.app {
        Some(app) => app.update(props),
        None => {
            let root = c.root.clone();
            c.app = Some(yew::Renderer::<Caseload>::with_root_and_props(root, props).render());
        }
    }
    c.receive.show(on_receive, on_accept);
    // The kengetallen, when shown, follow the cases read again.
    let open = c.kengetallen.is_open();
    drop(c);
    if open {
        show_kengetallen(ctl);
    }
}

/// The kengetallen over the cases read, in place of the list (which is hidden). The
/// region: the element's `region`, else the cases' own.
fn show_kengetallen(ctl: &Shared) {
    let Some(catalog) = catalog() else { return };
    let weak = Rc::downgrade(ctl);
    let mut c = ctl.borrow_mut();
    let region = c
        .host
        .get_attribute("region")
        .filter(|r| catalog.region(r).is_some())
        .or_else(|| c.cases.first().map(|k| k.region.clone()))
        .unwrap_or_else(|| llk_core::def::NATIONAL.to_string());
    let on_back = Callback::from(move |()| {
        let weak = weak.clone();
        // After the view's own click handler: it is destroyed here.
        spawn_local(async move {
            if let Some(ctl) = weak.upgrade() {
                ctl.borrow_mut().kengetallen.hide();
                close_case(&ctl);
            }
        });
    });
    let props = KengetallenViewProps {
        cases: c.cases.clone(),
        catalog,
        region,
        today: today(),
        unreadable: c.unreadable.len(),
        on_download: Callback::from(|(name, csv): (String, String)| {
            super::kengetallen::download(&name, &csv);
        }),
        on_back,
    };
    c.kengetallen.show(props);
}

fn open_case(ctl: &Shared, id: &str) {
    let (host, stored, root, case_box) = {
        let c = ctl.borrow();
        (
            c.host.clone(),
            c.host_cases.is_none(),
            c.root.clone(),
            c.case_box.clone(),
        )
    };
    if !stored {
        return dispatch(&host, "llk-case-open", &json!({"id": id}));
    }
    let Some(doc) = host.owner_document() else {
        return;
    };
    let Ok(el) = doc.create_element("llk-casus") else {
        return;
    };
    let _ = el.set_attribute("case-id", id);
    let _ = el.set_attribute("back", "");
    // Emptied through textContent: innerHTML, even "", is a Trusted Types sink.
    case_box.set_text_content(None);
    let _ = case_box.append_child(&el);
    let _ = root.set_attribute("hidden", "");
    ctl.borrow().receive.set_hidden(true);
    dispatch(&host, "llk-case-open", &json!({"id": id}));
}

fn close_case(ctl: &Shared) {
    {
        let mut c = ctl.borrow_mut();
        c.receive.outcome = None;
        c.receive.package = None;
        c.receive.accepted = None;
    }
    let c = ctl.borrow();
    c.receive.set_hidden(false);
    c.case_box.set_text_content(None);
    let _ = c.root.remove_attribute("hidden");
    if let Ok(Some(h)) = c.root.query_selector("h2")
        && let Some(h) = wasm_bindgen::JsCast::dyn_ref::<HtmlElement>(&h)
    {
        let _ = h.set_attribute("tabindex", "-1");
        let _ = h.focus();
    }
}

async fn create(ctl: Shared) {
    let Some(store) = case_store() else { return };
    let region = ctl
        .borrow()
        .host
        .get_attribute("region")
        .filter(|r| catalog().is_some_and(|c| c.region(r).is_some()))
        .unwrap_or_else(|| llk_core::def::NATIONAL.to_string());
    let id = match idb::new_case_id() {
        Ok(id) => id,
        Err(e) => {
            ctl.borrow_mut().problem = Some(llk_storage::CaseError(e).message_nl().to_string());
            return render(&ctl);
        }
    };
    let case = Case::new(&id.0, &region, today());
    match store
        .save(
            &id,
            &case.to_json(),
            super::casus::status_of(&case),
            0,
            idb::now(),
        )
        .await
    {
        Ok(_) => open_case(&ctl, &id.0),
        Err(e) => {
            ctl.borrow_mut().problem = Some(e.message_nl().to_string());
            render(&ctl);
        }
    }
}

async fn delete(ctl: Shared, id: String) {
    let Some(store) = case_store() else { return };
    if let Err(e) = store.delete(&CaseId(id)).await {
        ctl.borrow_mut().problem = Some(e.message_nl().to_string());
    }
    refresh(ctl).await;
}
