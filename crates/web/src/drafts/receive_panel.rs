//! "Overdracht ontvangen" in `<llk-casussen>`: its own Yew root below the caseload
//! ([`ReceiveView`]), kept visible while a received case is open in place so that what the
//! signatures said stays beside it.

use llk_ui::case::{ReceiveOutcome, ReceiveView, ReceiveViewProps};
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::{AppHandle, Callback};

pub(crate) struct Panel {
    root: Element,
    app: Option<AppHandle<ReceiveView>>,
    pub outcome: Option<ReceiveOutcome>,
    /// The package taken in (`{ files: [File] }`, as `overdracht.js` reads a file field):
    /// kept for "Ontvangst bevestigen", since the field itself may be drawn anew.
    pub package: Option<wasm_bindgen::JsValue>,
    /// What countersigning the package on receipt ended in.
    pub accepted: Option<ReceiveOutcome>,
    /// A package is being read or countersigned (what, in Dutch): another click is ignored.
    pub busy: Option<&'static str>,
}

impl Panel {
    pub fn new(root: Element) -> Panel {
        Panel {
            root,
            app: None,
            outcome: None,
            package: None,
            accepted: None,
            busy: None,
        }
    }

    /// Draws the panel with the current outcome.
    pub fn show(&mut self, on_receive: Callback<HtmlInputElement>, on_accept: Callback<()>) {
        let props = ReceiveViewProps {
            outcome: self.outcome.clone(),
            on_receive,
            on_accept: Some(on_accept),
            accepted: self.accepted.clone(),
            busy: self.busy,
        };
        match &mut self.app {
            Some(app) => app.update(props),
            None => {
                let root = self.root.clone();
                self.app =
                    Some(yew::Renderer::<ReceiveView>::with_root_and_props(root, props).render());
            }
        }
    }

    pub fn set_hidden(&self, hidden: bool) {
        let _ = if hidden {
            self.root.set_attribute("hidden", "")
        } else {
            self.root.remove_attribute("hidden")
        };
    }

    /// Focuses the element `id` once Yew has drawn the outcome (on its next turn).
    pub fn focus_later(&self, id: &'static str) {
        let root = self.root.clone();
        gloo_timers::callback::Timeout::new(0, move || {
            if let Ok(Some(el)) = root.query_selector(&format!("#{id}"))
                && let Some(el) = wasm_bindgen::JsCast::dyn_ref::<HtmlElement>(&el)
            {
                let _ = el.focus();
            }
        })
        .forget();
    }
}

impl Drop for Panel {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}
