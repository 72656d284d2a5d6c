//! The lazily loaded wasm modules, seen from this one.
//!
//! The kit ships more than one wasm module, all built from this crate with one cargo feature
//! each (`forms`, the default, is the forms bundle; see `xtask/src/build.rs` for the list).
//! Code that is big and not needed to show a form (the PDF module, the plan editor) lives in
//! its own module, so the forms bundle stays small and loads fast. Modules share nothing in
//! memory: they talk through JavaScript values (strings, plain objects, `Uint8Array`s).
//!
//! The loader's `loadModule(name)` fetches and instantiates a module once and hands it the
//! definitions (its exported `boot(bundle)`, if it has one). [`boot`](crate::boot) passes
//! that function in; the JavaScript glue that calls a module (`pdf_glue.js`) gets it from
//! [`loader`]. The call itself is in JavaScript: the same call in Rust (async, `JsFuture`)
//! weighed ~1.7 KB more in the forms bundle.

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
