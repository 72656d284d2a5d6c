//! `<llk-concepten>`: every draft in this browser (form, last change, expiry; nothing
//! about the person), with open, delete and delete-all. "Openen" sends `llk-open-draft`
//! with `{id, form, region}`: the host shows that form with `draft-id` set.

use super::{announce, catalog, moment, problem, store};
use llk_storage::{DraftId, DraftStore, StoreError};
use llk_ui::{ConceptItem, Concepten, ConceptenProps};
use serde_json::json;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;
use yew::{AppHandle, Callback};

struct Inner {
    host: HtmlElement,
    app: Option<AppHandle<Concepten>>,
    /// (id, form, region) of the listed drafts, for `llk-open-draft`.
    listed: Vec<(String, String, String)>,
}

thread_local! {
    static LISTS: RefCell<Vec<Weak<RefCell<Inner>>>> = const { RefCell::new(Vec::new()) };
}

/// The element's Rust side (`this._llk`), freed when the element leaves the page.
#[wasm_bindgen]
pub struct ConceptenElement {
    inner: Rc<RefCell<Inner>>,
}

impl ConceptenElement {
    pub(crate) fn mount(host: HtmlElement) -> ConceptenElement {
        let shadow = host.shadow_root().or_else(|| {
            host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
                .ok()
        });
        let inner = Rc::new(RefCell::new(Inner {
            host: host.clone(),
            app: None,
            listed: Vec::new(),
        }));
        if let Some(shadow) = shadow {
            // Emptied through textContent: innerHTML, even "", is a Trusted Types sink.
            shadow.set_text_content(None);
            shadow.set_adopted_style_sheets(&super::sheets(true));
            if let Some(root) = host
                .owner_document()
                .and_then(|d| d.create_element("div").ok())
            {
                root.set_class_name("llk-root");
                let _ = root.set_attribute("lang", "nl");
                let _ = shadow.append_child(&root);
                let props = props(&inner, Vec::new(), Vec::new(), problem());
                inner.borrow_mut().app =
                    Some(yew::Renderer::<Concepten>::with_root_and_props(root, props).render());
            }
        }
        LISTS.with(|l| l.borrow_mut().push(Rc::downgrade(&inner)));
        spawn_local(refresh(inner.clone(), None));
        ConceptenElement { inner }
    }
}

impl Drop for ConceptenElement {
    fn drop(&mut self) {
        if let Some(app) = self.inner.borrow_mut().app.take() {
            app.destroy();
        }
    }
}

impl std::fmt::Debug for ConceptenElement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConceptenElement")
    }
}

pub(crate) fn refresh_all() {
    let lists: Vec<_> = LISTS.with(|l| {
        l.borrow_mut().retain(|w| w.strong_count() > 0);
        l.borrow().iter().filter_map(Weak::upgrade).collect()
    });
    for inner in lists {
        spawn_local(refresh(inner, None));
    }
}

async fn refresh(inner: Rc<RefCell<Inner>>, failure: Option<String>) {
    let Some(store) = store() else { return };
    let catalog = catalog();
    let mut message = failure.or_else(problem);
    let (items, unreadable, listed) = match store.list().await {
        Ok(list) => {
            let listed = list
                .drafts
                .iter()
                .map(|m| (m.id.0.clone(), m.form.clone(), m.region.clone()))
                .collect();
            let items = list
                .drafts
                .iter()
                .map(|m| ConceptItem {
                    id: m.id.0.clone(),
                    form_title: catalog
                        .as_ref()
                        .and_then(|c| c.form(&m.form, &m.region))
                        .map_or_else(|| m.form.clone(), |d| d.title.clone()),
                    updated: moment(m.updated),
                    expires: moment(m.expires),
                })
                .collect();
            let unreadable = list
                .unreadable
                .iter()
                .filter_map(|e| match e {
                    StoreError::Corrupt { id, .. } | StoreError::Decrypt { id } => Some(id.clone()),
                    _ => None,
                })
                .collect();
            (items, unreadable, listed)
        }
        Err(e) => {
            message = Some(e.message_nl().to_string());
            (Vec::new(), Vec::new(), Vec::new())
        }
    };
    inner.borrow_mut().listed = listed;
    let props = props(&inner, items, unreadable, message);
    if let Some(app) = &mut inner.borrow_mut().app {
        app.update(props);
    }
}

fn props(
    inner: &Rc<RefCell<Inner>>,
    items: Vec<ConceptItem>,
    unreadable: Vec<String>,
    problem: Option<String>,
) -> ConceptenProps {
    let w = Rc::downgrade(inner);
    let on_open = Callback::from(move |id: String| {
        let Some(inner) = w.upgrade() else { return };
        let inner = inner.borrow();
        let (form, region) = inner
            .listed
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, f, r)| (f.clone(), r.clone()))
            .unwrap_or_default();
        crate::dispatch(
            &inner.host,
            "llk-open-draft",
            &json!({"id": id, "form": form, "region": region}),
        );
    });
    let w = Rc::downgrade(inner);
    let on_delete = Callback::from(move |id: String| {
        let Some(inner) = w.upgrade() else { return };
        spawn_local(async move {
            let Some(store) = store() else { return };
            match store.delete(&DraftId(id.clone())).await {
                Ok(()) => announce(&json!({"deleted": id})),
                Err(e) => refresh(inner, Some(e.message_nl().to_string())).await,
            }
        });
    });
    let w = Rc::downgrade(inner);
    let on_delete_all = Callback::from(move |()| {
        let Some(inner) = w.upgrade() else { return };
        spawn_local(async move {
            let Some(store) = store() else { return };
            match store.delete_all().await {
                Ok(()) => announce(&json!({"deleted": "*"})),
                Err(e) => refresh(inner, Some(e.message_nl().to_string())).await,
            }
        });
    });
    ConceptenProps {
        items,
        unreadable,
        problem,
        on_open,
        on_delete,
        on_delete_all,
    }
}
