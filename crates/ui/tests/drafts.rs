//! The draft components in Chromium: the offer, the conflict choice, the problem with its
//! delete button, the unmapped answers, the status bar, and `<llk-concepten>`'s list with its
//! delete-all confirmation. Run by `cargo xtask e2e`; natively this file compiles to nothing.

#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use llk_ui::state::drafts::{DraftNotice, DraftOffer, DraftStatus, Moment};
use llk_ui::{
    ConceptItem, Concepten, ConceptenProps, DraftBar, DraftBarProps, DraftNoticeProps,
    DraftNoticeView,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const NOV_12: Moment = Moment {
    year: 2026,
    month: 11,
    day: 12,
    hour: 14,
    minute: 3,
};
const NOV_26: Moment = Moment {
    year: 2026,
    month: 11,
    day: 26,
    hour: 14,
    minute: 3,
};

fn root() -> Element {
    let doc = web_sys::window()
        .expect("in a browser")
        .document()
        .expect("in a browser");
    let el = doc.create_element("div").expect("in a browser");
    doc.body()
        .expect("in a browser")
        .append_child(&el)
        .expect("in a browser");
    el
}

type Log = Rc<RefCell<Vec<String>>>;

fn log_cb<T: std::fmt::Debug + 'static>(log: &Log, what: &'static str) -> Callback<T> {
    let log = log.clone();
    Callback::from(move |v: T| log.borrow_mut().push(format!("{what} {v:?}")))
}

fn button(root: &Element, text: &str) -> HtmlElement {
    let all = root.query_selector_all("button").expect("in a browser");
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().starts_with(text))
        .unwrap_or_else(|| panic!("a button '{text}' in {}", root.inner_html()))
}

fn notice_props(notice: DraftNotice, log: &Log) -> DraftNoticeProps {
    DraftNoticeProps {
        notice,
        noun: "formulier".into(),
        unmapped: vec![("verwijzer_code".into(), "ZVH-2024-118".into())],
        on_resume: log_cb(log, "resume"),
        on_new: log_cb(log, "new"),
        on_take_theirs: log_cb(log, "theirs"),
        on_keep_mine: log_cb(log, "mine"),
        on_delete: log_cb(log, "delete"),
    }
}

#[wasm_bindgen_test]
async fn offer_conflict_and_problem_call_back() {
    let log: Log = Rc::default();
    let el = root();
    let offer = DraftNotice::Offer(vec![DraftOffer {
        id: "d1".into(),
        updated: NOV_12,
        expires: NOV_26,
    }]);
    let mut app = yew::Renderer::<DraftNoticeView>::with_root_and_props(
        el.clone(),
        notice_props(offer, &log),
    )
    .render();
    TimeoutFuture::new(0).await;
    let text = el.text_content().unwrap_or_default();
    assert!(text.contains("Antwoorden zonder vraag"), "{text}");
    assert!(
        text.contains("ZVH-2024-118"),
        "the unmapped answer is shown"
    );
    button(&el, "Verder met concept van 12 nov 14:03").click();
    button(&el, "Nieuw formulier").click();

    app.update(notice_props(DraftNotice::Conflict { theirs: NOV_12 }, &log));
    TimeoutFuture::new(0).await;
    assert!(
        el.text_content()
            .unwrap_or_default()
            .contains("opgeslagen om 12 nov 14:03")
    );
    assert!(
        el.query_selector("[role=alert]")
            .expect("in a browser")
            .is_some()
    );
    button(&el, "Nieuwere versie openen").click();
    button(&el, "Mijn versie houden").click();

    let problem = DraftNotice::Problem {
        message: "Dit concept is beschadigd.".into(),
        delete: Some("d1".into()),
    };
    app.update(notice_props(problem, &log));
    TimeoutFuture::new(0).await;
    button(&el, "Concept verwijderen").click();
    assert_eq!(
        *log.borrow(),
        [
            "resume \"d1\"",
            "new ()",
            "theirs ()",
            "mine ()",
            "delete \"d1\""
        ]
    );
    app.destroy();
}

#[wasm_bindgen_test]
async fn bar_saves_and_says_when() {
    let log: Log = Rc::default();
    let el = root();
    let status = DraftStatus::Saved {
        at: NOV_12,
        expires: NOV_26,
        memory_only: false,
    };
    let app = yew::Renderer::<DraftBar>::with_root_and_props(
        el.clone(),
        DraftBarProps {
            status,
            on_save: log_cb(&log, "save"),
        },
    )
    .render();
    TimeoutFuture::new(0).await;
    let line = el
        .query_selector("[role=status]")
        .expect("in a browser")
        .expect("a status line");
    assert_eq!(
        line.text_content().unwrap_or_default(),
        "Concept opgeslagen om 14:03. Het wordt bewaard tot 26 nov 14:03."
    );
    button(&el, "Concept opslaan").click();
    assert_eq!(*log.borrow(), ["save ()"]);
    app.destroy();
}

#[wasm_bindgen_test]
async fn concepten_lists_and_asks_before_deleting_all() {
    let log: Log = Rc::default();
    let el = root();
    let props = ConceptenProps {
        items: vec![ConceptItem {
            id: "d1".into(),
            form_title: "Aanmelding".into(),
            updated: NOV_12,
            expires: NOV_26,
        }],
        unreadable: vec!["kapot".into()],
        problem: None,
        on_open: log_cb(&log, "open"),
        on_delete: log_cb(&log, "delete"),
        on_delete_all: log_cb(&log, "all"),
    };
    let app = yew::Renderer::<Concepten>::with_root_and_props(el.clone(), props).render();
    TimeoutFuture::new(0).await;
    assert_eq!(
        el.query_selector_all("tbody tr")
            .expect("in a browser")
            .length(),
        2
    );
    let text = el.text_content().unwrap_or_default();
    assert!(text.contains("Beschadigd concept"));
    button(&el, "Openen").click();
    button(&el, "Verwijderen").click();
    button(&el, "Alle concepten verwijderen").click();
    TimeoutFuture::new(0).await;
    assert!(
        log.borrow().iter().all(|l| l != "all ()"),
        "not before confirming"
    );
    button(&el, "Annuleren").click();
    TimeoutFuture::new(0).await;
    button(&el, "Alle concepten verwijderen").click();
    TimeoutFuture::new(0).await;
    button(&el, "Ja, alles verwijderen").click();
    assert_eq!(*log.borrow(), ["open \"d1\"", "delete \"d1\"", "all ()"]);
    app.destroy();
}
