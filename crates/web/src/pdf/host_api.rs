//! The loader's `verifyPdf` and `importSigner` take what a host has at hand (bytes, a
//! `Blob` or `File`, text) and are only a call into these: the conversions live in this
//! module's `browser.js`, because the loader counts towards every page's download and
//! the same in Rust costs this module ~2 KB.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/pdf/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = setApi)]
    pub(crate) fn set_api(exports: &JsValue);
    #[wasm_bindgen(js_name = verifyAny)]
    fn verify_any_js(pdf: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = importAny)]
    fn import_any_js(key: &JsValue, second: &JsValue) -> Promise;
}

/// The signatures in a signed PDF given as bytes, a `Blob` or a `File` (see `verify_pdf`).
#[wasm_bindgen(js_name = verifyPdf)]
pub fn verify_any(pdf: &JsValue) -> Promise {
    verify_any_js(pdf)
}

/// `importSigner(p12, { password })` or `importSigner(key, certificate)`, each file as
/// bytes, a `Blob`, a `File` or text. Resolves to `{ ok, message }` (Dutch).
#[wasm_bindgen(js_name = importSigner)]
pub fn import_any(key: &JsValue, second: &JsValue) -> Promise {
    import_any_js(key, second)
}
