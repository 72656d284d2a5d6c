//! The kengetallen panel of `<llk-casussen>`: [`llk_ui::case::KengetallenView`] in a box of
//! the element's shadow root, shown instead of the caseload, over the same cases. "Download
//! als CSV" goes to `kengetallen.js` (a Blob and a download link).

use llk_ui::case::{KengetallenView, KengetallenViewProps};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

#[wasm_bindgen(module = "/src/drafts/kengetallen.js")]
extern "C" {
    #[wasm_bindgen(js_name = downloadText)]
    fn download_text(text: &str, name: &str, mime: &str);
}

/// The CSV the view made, downloaded as `name`.
pub(super) fn download(name: &str, csv: &str) {
    download_text(csv, name, "text/csv;charset=utf-8");
}

pub(super) struct Panel {
    area: Element,
    app: Option<AppHandle<KengetallenView>>,
}

impl Panel {
    pub(super) fn new(area: Element) -> Panel {
        let _ = area.set_attribute("hidden", "");
        Panel { area, app: None }
    }

    pub(super) fn is_open(&self) -> bool {
        self.app.is_some()
    }

    /// Shows the view (or gives it new props: new cases after a refresh).
    pub(super) fn show(&mut self, props: KengetallenViewProps) {
        match &mut self.app {
            Some(app) => app.update(props),
            None => {
                let _ = self.area.remove_attribute("hidden");
                self.app = Some(
                    yew::Renderer::<KengetallenView>::with_root_and_props(self.area.clone(), props)
                        .render(),
                );
            }
        }
    }

    pub(super) fn hide(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        // Emptied through textContent: innerHTML, even "", is a Trusted Types sink.
        self.area.set_text_content(None);
        let _ = self.area.set_attribute("hidden", "");
    }
}
