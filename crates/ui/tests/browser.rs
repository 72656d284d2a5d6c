//! Component tests in a real browser (wasm-bindgen-test with Chromium): the DOM that
//! [`FormView`] renders, and its validation timing and focus handling.
//! Run by `cargo xtask e2e`; natively this file compiles to nothing.

#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use llk_core::catalog::Source;
use llk_core::def::{FormDef, parse_form_toml, parse_region_toml};
use llk_core::{Catalog, Date};
use llk_ui::{DefRef, FormView, FormViewProps, SUMMARY_HEADING_ID};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const FORM: &str = include_str!("../../../tests/e2e/fixtures/forms/aanmelding.toml");
const REGION: &str = include_str!("../../../tests/e2e/fixtures/forms/regions/landelijk.toml");

fn def() -> Rc<FormDef> {
    let form = parse_form_toml("aanmelding.toml", FORM).expect("fixture parses");
    let region = parse_region_toml("regions/landelijk.toml", REGION).expect("fixture parses");
    let catalog = Catalog::build(
        vec![Source {
            file: "aanmelding.toml".into(),
            text: None,
            raw: form,
        }],
        vec![Source {
            file: "regions/landelijk.toml".into(),
            text: None,
            raw: region,
        }],
    )
    .expect("fixture loads");
    Rc::new(
        catalog
            .form("aanmelding", "landelijk")
            .expect("form")
            .clone(),
    )
}

type Changes = Rc<RefCell<Vec<(String, Value)>>>;

thread_local! {
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// wasm-bindgen-test polls async tests concurrently in one document, and there is only one
/// focused element: a test that checks focus must not share the page with another one.
/// Every test holds its turn from start to end.
struct Turn;

impl Drop for Turn {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(false));
    }
}

async fn one_at_a_time() -> Turn {
    while BUSY.with(|b| b.replace(true)) {
        TimeoutFuture::new(5).await;
    }
    Turn
}

async fn mount() -> (Element, Changes) {
    mount_with(None).await
}

async fn mount_with(initial: Option<Value>) -> (Element, Changes) {
    let (root, changes, _app) = mount_app(initial).await;
    (root, changes)
}

async fn mount_app(initial: Option<Value>) -> (Element, Changes, yew::AppHandle<FormView>) {
    let doc = web_sys::window()
        .expect("window")
        .document()
        .expect("document");
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let changes: Changes = Rc::default();
    let log = changes.clone();
    let props = FormViewProps {
        def: DefRef(def()),
        today: Date::new(2026, 11, 24).expect("date"),
        readonly: false,
        initial: initial.map(llk_core::answers::Answers::new),
        on_change: yew::Callback::from(move |(p, v): (String, llk_core::answers::Answers)| {
            log.borrow_mut().push((p, Value::clone(&v)))
        }),
        on_submit: yew::Callback::noop(),
        on_pdf: None,
    };
    let app = yew::Renderer::<FormView>::with_root_and_props(root.clone(), props).render();
    TimeoutFuture::new(0).await;
    (root, changes, app)
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn fire(el: &Element, kind: &str) {
    let ev: web_sys::Event = match kind {
        "input" => {
            let init = web_sys::InputEventInit::new();
            init.set_bubbles(true);
            web_sys::InputEvent::new_with_event_init_dict("input", &init)
                .expect("event")
                .into()
        }
        _ => web_sys::FocusEvent::new(kind).expect("event").into(),
    };
    el.dispatch_event(&ev).expect("dispatch");
}

#[wasm_bindgen_test]
async fn labels_sit_above_fields_and_required_is_marked_and_announced() {
    let _turn = one_at_a_time().await;
    let (root, _) = mount().await;
    let label = find(&root, "label[for=llk-melder-naam]");
    assert_eq!(label.text_content().as_deref(), Some("Naam (verplicht)"));
    let input = find(&root, "#llk-melder-naam");
    assert_eq!(
        input.get_attribute("aria-required").as_deref(),
        Some("true")
    );
    assert!(!input.has_attribute("required"), "no native validation");
    assert!(find(&root, "form").has_attribute("novalidate"));
    // The label comes before its field in the document.
    let pos = label.compare_document_position(&input);
    assert!(pos & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0);
}

#[wasm_bindgen_test]
async fn typing_does_not_validate_leaving_the_field_does() {
    let _turn = one_at_a_time().await;
    let (root, changes) = mount().await;
    let input: HtmlInputElement = find(&root, "#llk-melder-email").dyn_into().expect("input");
    input.set_value("niet-een-adres");
    fire(&input, "input");
    TimeoutFuture::new(0).await;
    assert!(
        root.query_selector(".llk-form-field-error-message")
            .expect("ok")
            .is_none()
    );
    assert_eq!(
        changes.borrow().last().map(|c| c.0.as_str()),
        Some("melder.email")
    );
    fire(&input, "blur");
    TimeoutFuture::new(0).await;
    let msg = find(&root, ".llk-form-field-error-message");
    let id = msg.id();
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    assert!(
        described.split(' ').any(|d| d == id),
        "{described} lacks {id}"
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    // The message stands above the field.
    assert!(
        msg.compare_document_position(&input) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
    );
}

#[wasm_bindgen_test]
async fn submitting_with_errors_focuses_the_summary_heading() {
    let _turn = one_at_a_time().await;
    let (root, _) = mount().await;
    let button: HtmlElement = find(&root, "button[type=submit]")
        .dyn_into()
        .expect("button");
    button.click();
    TimeoutFuture::new(0).await;
    let links = root.query_selector_all(".llk-error-summary a").expect("ok");
    assert_eq!(links.length(), 4);
    assert_focus(SUMMARY_HEADING_ID).await;
    // The submit button is never disabled.
    assert!(!button.has_attribute("disabled"));
}

/// Waits (up to 2 s) until `id` has focus: a render and its focus effect may land a task
/// or two after the action under a loaded machine. Fails with what has focus instead.
async fn assert_focus(id: &str) {
    for _ in 0..200 {
        if active_id().as_deref() == Some(id) {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    assert_eq!(active_id().as_deref(), Some(id));
}

fn active_id() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id())
}

fn click(root: &Element, selector: &str) {
    let el: HtmlElement = find(root, selector).dyn_into().expect("an HTML element");
    el.click();
}

#[wasm_bindgen_test]
async fn repeat_items_are_added_and_removed_with_focus_following() {
    let _turn = one_at_a_time().await;
    let answers = serde_json::json!({
        "melder": {"naam": "Fatima el Amrani", "organisatie": "politie", "telefoon": "0612345678", "email": "f@politie.nl"},
        "betrokkene": {"voornamen": "Jan", "achternaam": "Jansen", "geboortedatum": "1990-05-17", "zonder_woonplaats": true},
        "informatie": {"geinformeerd": "ja"}
    });
    let (root, _) = mount_with(Some(answers)).await;
    for _ in 0..2 {
        click(&root, "button[type=submit]");
        TimeoutFuture::new(0).await;
    }
    assert_eq!(
        find(&root, "#llk-page-heading").text_content().as_deref(),
        Some("Zorgen en partners")
    );
    assert_eq!(
        root.query_selector_all(".llk-repeat__item")
            .expect("ok")
            .length(),
        1
    );
    click(&root, "#llk-partners-add");
    TimeoutFuture::new(0).await;
    assert_eq!(
        root.query_selector_all(".llk-repeat__item")
            .expect("ok")
            .length(),
        2
    );
    assert_focus("llk-partners-1--organisatie").await;
    // The second item's remove button (min = 1: the first has one too now).
    let buttons = root
        .query_selector_all(".llk-repeat__item button")
        .expect("ok");
    assert_eq!(buttons.length(), 2);
    let second: HtmlElement = buttons.item(1).expect("button").dyn_into().expect("button");
    assert_eq!(
        second.text_content().as_deref(),
        Some("Partner 2 verwijderen")
    );
    second.click();
    TimeoutFuture::new(0).await;
    assert_eq!(
        root.query_selector_all(".llk-repeat__item")
            .expect("ok")
            .length(),
        1
    );
    assert_focus("llk-partners-add").await;
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).expect("ok").length()
}

/// Types `text` into `input` and leaves it.
async fn answer_and_leave(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    fire(input, "input");
    fire(input, "blur");
    TimeoutFuture::new(0).await;
}

/// A keystroke in a text box no expression reads is not drawn by the form (`FormView`,
/// `FieldCtx::undrawn`): the answers change, the same field of another repeat item and the
/// messages of other fields stay as they were, and the next render puts what the answers
/// say into the text box, even when that is what it showed before the typing.
#[wasm_bindgen_test]
async fn a_keystroke_changes_its_own_field_and_leaves_the_others_as_they_were() {
    let _turn = one_at_a_time().await;
    let answers = serde_json::json!({
        "melder": {"naam": "Fatima el Amrani", "organisatie": "politie", "telefoon": "0612345678", "email": "f@politie.nl"},
        "betrokkene": {"voornamen": "Jan", "achternaam": "Jansen", "geboortedatum": "1990-05-17", "zonder_woonplaats": true},
        "informatie": {"geinformeerd": "ja"},
        "partners": [{"email": "a@ggz.nl"}, {"email": "b@ggz.nl"}]
    });
    let (root, changes, app) = mount_app(Some(answers.clone())).await;
    for _ in 0..2 {
        click(&root, "button[type=submit]");
        TimeoutFuture::new(0).await;
    }
    let first: HtmlInputElement = find(&root, "#llk-partners-0--email")
        .dyn_into()
        .expect("input");
    let second: HtmlInputElement = find(&root, "#llk-partners-1--email")
        .dyn_into()
        .expect("input");
    // A message on the first item's field, shown on leaving it.
    answer_and_leave(&first, "geen-adres").await;
    assert_eq!(count(&root, ".llk-form-field-error-message"), 1);
    for text in ["c", "c@", "c@zorg.nl"] {
        second.set_value(text);
        fire(&second, "input");
        TimeoutFuture::new(0).await;
        assert_eq!(
            changes
                .borrow()
                .last()
                .map(|(p, v)| (p.clone(), v["partners"][1]["email"].clone())),
            Some(("partners[1].email".to_string(), Value::from(text)))
        );
    }
    assert_eq!(first.value(), "geen-adres");
    assert_eq!(
        changes
            .borrow()
            .last()
            .map(|(_, v)| v["partners"][0]["email"].clone()),
        Some(Value::from("geen-adres"))
    );
    assert_eq!(
        count(&root, ".llk-form-field-error-message"),
        1,
        "the first item's message stays"
    );
    assert_eq!(first.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_ne!(
        second.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    // A field drawn again after typing elsewhere shows the answers of now, not of then.
    answer_and_leave(&first, "a@ggz.nl").await;
    assert_eq!(count(&root, ".llk-form-field-error-message"), 0);
    assert_eq!(second.value(), "c@zorg.nl");
    // Typed, not drawn; then the host puts the answers back as they were: the text boxes
    // show them, not the typing. (A text box shows what is being typed in it until it is
    // left, `TextInput`'s draft: so the e-mail address is left first.)
    fire(&second, "blur");
    TimeoutFuture::new(0).await;
    let note: web_sys::HtmlTextAreaElement = find(&root, "#llk-toelichting")
        .dyn_into()
        .expect("textarea");
    note.set_value("Zorgen over de woonsituatie");
    fire(&note, "input");
    TimeoutFuture::new(0).await;
    assert_eq!(
        changes
            .borrow()
            .last()
            .map(|(p, v)| (p.clone(), v["toelichting"].clone())),
        Some((
            "toelichting".to_string(),
            Value::from("Zorgen over de woonsituatie")
        ))
    );
    app.send_message(llk_ui::state::Action::SetAnswers(answers));
    TimeoutFuture::new(0).await;
    assert_eq!(note.value(), "");
    assert_eq!(second.value(), "b@ggz.nl");
}

#[wasm_bindgen_test]
async fn a_signature_is_drawn_as_strokes_or_typed_with_the_keyboard() {
    let _turn = one_at_a_time().await;
    use llk_ui::{SignaturePad, SignaturePadProps};
    let doc = web_sys::window()
        .expect("window")
        .document()
        .expect("document");
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let got: Rc<RefCell<Vec<Value>>> = Rc::default();
    let log = got.clone();
    let props = SignaturePadProps {
        id: "llk-handtekening".into(),
        value: Value::Null,
        today: "2026-11-24".into(),
        invalid: false,
        required: true,
        described_by: None,
        on_commit: yew::Callback::from(move |v| log.borrow_mut().push(v)),
    };
    yew::Renderer::<SignaturePad>::with_root_and_props(root.clone(), props).render();
    TimeoutFuture::new(0).await;
    // Draw: pointer down, two moves, up.
    let pad = find(&root, "canvas.llk-signature__pad");
    let r = pad.get_bounding_client_rect();
    for (kind, dx) in [
        ("pointerdown", 10.0),
        ("pointermove", 60.0),
        ("pointermove", 120.0),
        ("pointerup", 120.0),
    ] {
        let init = web_sys::PointerEventInit::new();
        init.set_bubbles(true);
        init.set_pointer_id(1);
        init.set_client_x((r.left() + dx) as i32);
        init.set_client_y((r.top() + r.height() / 2.0) as i32);
        let ev = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).expect("event");
        pad.dispatch_event(&ev).expect("dispatch");
    }
    TimeoutFuture::new(0).await;
    let drawn = got
        .borrow()
        .last()
        .cloned()
        .expect("a signature was committed");
    let strokes = drawn["strokes"].as_array().expect("strokes");
    assert_eq!(strokes.len(), 1);
    assert_eq!(strokes[0].as_array().expect("points").len(), 3);
    assert_eq!(drawn["date"], "2026-11-24");
    // The keyboard alternative: the typed name, committed when the box is left.
    let typed: HtmlInputElement = find(&root, "#llk-handtekening").dyn_into().expect("input");
    assert_eq!(
        find(&root, "label[for=llk-handtekening]")
            .text_content()
            .as_deref(),
        Some("Of typ uw naam als handtekening")
    );
    typed.set_value("Jan Willem van der Meer");
    fire(&typed, "blur");
    TimeoutFuture::new(0).await;
    let last = got.borrow().last().cloned().expect("committed");
    assert_eq!(last["typed"], "Jan Willem van der Meer");
}

#[wasm_bindgen_test]
async fn pdf_buttons_send_one_request_at_a_time_and_show_the_answer() {
    use llk_ui::{PdfAction, PdfActions, PdfActionsProps, PdfOutcome, PdfRequest};
    let doc = web_sys::window()
        .expect("window")
        .document()
        .expect("document");
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let requests: Rc<RefCell<Vec<PdfRequest>>> = Rc::default();
    let log = requests.clone();
    let props = PdfActionsProps {
        on_request: yew::Callback::from(move |r| log.borrow_mut().push(r)),
    };
    yew::Renderer::<PdfActions>::with_root_and_props(root.clone(), props).render();
    TimeoutFuture::new(0).await;
    let buttons = root.query_selector_all("button").expect("buttons");
    let labels: Vec<String> = (0..buttons.length())
        .filter_map(|i| buttons.item(i)?.text_content())
        .collect();
    assert_eq!(labels, ["PDF downloaden", "Afdrukken", "Ondertekenen"]);
    let sign: HtmlElement = buttons.item(2).expect("sign").unchecked_into();
    sign.click();
    TimeoutFuture::new(0).await;
    let status = find(&root, ".llk-pdf-actions__status");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(status.text_content().as_deref(), Some("Bezig met de PDF…"));
    assert_eq!(sign.get_attribute("aria-disabled").as_deref(), Some("true"));
    // Busy: a second click asks for nothing.
    sign.click();
    TimeoutFuture::new(0).await;
    assert_eq!(requests.borrow().len(), 1);
    let req = requests.borrow_mut().remove(0);
    assert_eq!(req.action, PdfAction::Sign);
    req.done.emit(PdfOutcome {
        ok: false,
        message: "Ondertekenen is niet gelukt.".into(),
    });
    TimeoutFuture::new(0).await;
    assert_eq!(
        status.text_content().as_deref(),
        Some("Ondertekenen is niet gelukt.")
    );
    assert!(status.class_name().contains("llk-alert--error"));
    assert_eq!(sign.get_attribute("aria-disabled"), None);
    root.remove();
}
