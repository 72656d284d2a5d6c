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
//! that function in; [`call`] uses it.

use js_sys::{Array, Function, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Keeps the loader's `loadModule` (anything else, e.g. `undefined` from an old loader,
/// leaves modules unavailable: [`call`] then says so).
pub fn set_loader(load_module: JsValue) {
    LOADER.with(|l| *l.borrow_mut() = load_module.dyn_into::<Function>().ok());
}

/// The loader's `loadModule` (`undefined` when there is none), for JavaScript glue that
/// loads a module itself (`pdf_glue.js`).
pub fn loader() -> JsValue {
    LOADER.with(|l| l.borrow().clone().map_or(JsValue::UNDEFINED, JsValue::from))
}

/// Why a module could not be used, in Dutch for the user; the JavaScript error (no personal
/// data: module and function names only) for the host's `llk-error` event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleError {
    pub message: String,
    pub detail: String,
}

impl ModuleError {
    fn new(module: &str, detail: impl Into<String>) -> Self {
        ModuleError {
            message: format!(
                "Dit onderdeel ({module}) kon niet worden geladen. Controleer de verbinding en probeer het opnieuw; uw antwoorden blijven bewaard."
            ),
            detail: detail.into(),
        }
    }
}

fn describe(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Loads `module` (once) and returns its exports.
pub async fn load(module: &str) -> Result<JsValue, ModuleError> {
    let loader = LOADER
        .with(|l| l.borrow().clone())
        .ok_or_else(|| ModuleError::new(module, "the loader passed no loadModule to boot()"))?;
    let promise = loader
        .call1(&JsValue::NULL, &JsValue::from_str(module))
        .map_err(|e| ModuleError::new(module, describe(&e)))?;
    JsFuture::from(Promise::resolve(&promise))
        .await
        .map_err(|e| ModuleError::new(module, describe(&e)))
}

/// Calls `function` of `module` with `args`, awaiting the result when it is a promise.
pub async fn call(module: &str, function: &str, args: &Array) -> Result<JsValue, ModuleError> {
    let exports = load(module).await?;
    let f = Reflect::get(&exports, &JsValue::from_str(function))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| ModuleError::new(module, format!("{module} has no export {function}")))?;
    let result = f
        .apply(&JsValue::NULL, args)
        .map_err(|e| ModuleError::new(module, describe(&e)))?;
    JsFuture::from(Promise::resolve(&result))
        .await
        .map_err(|e| ModuleError::new(module, describe(&e)))
}
