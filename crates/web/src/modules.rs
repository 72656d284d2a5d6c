//! The lazily loaded wasm module, seen from the UI module.
//!
//! The kit ships two wasm modules built from this crate, one cargo feature each (see
//! `xtask/src/build.rs`): the UI module (`ui`: every element drawn with Yew) and the PDF
//! module (`pdf`: printpdf and the signing code, needed only when a PDF is made, signed or
//! checked), loaded on first use. They share nothing in memory: they talk in the typed
//! messages of [`messages`](crate::messages), as JSON text (a `Blob` beside it for a PDF).
//!
//! The loader's `loadModule(name)` fetches and instantiates a module once and hands it the
//! definitions (its exported `boot(bundle)`, if it has one). [`boot`](crate::boot) passes
//! that function in; the JavaScript glue that calls a module (`pdf_glue.js`) gets it from
//! [`loader`]. The call itself is in JavaScript: the same call in Rust (async, `JsFuture`)
//! weighed ~1.7 KB more in the UI module.

use js_sys::Function;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Keeps the loader's `loadModule` (anything else, e.g. `undefined` from an old loader,
/// leaves modules unavailable: the glue's call then fails with its Dutch message).
pub fn set_loader(load_module: JsValue) {
    LOADER.with(|l| *l.borrow_mut() = load_module.dyn_into::<Function>().ok());
}

/// The loader's `loadModule` (`undefined` when there is none), for JavaScript glue that
/// loads a module itself (`pdf_glue.js`).
pub fn loader() -> JsValue {
    LOADER.with(|l| l.borrow().clone().map_or(JsValue::UNDEFINED, JsValue::from))
}
