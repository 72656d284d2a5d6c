//! The loader's `verifyPdf` and `importSigner`: they take what a host has at hand (bytes,
//! a `Blob` or `File`, text), read it here and call the Rust that does the work, with no
//! trip through JavaScript in between.

use super::{import, keys, reports, to_js};
use crate::messages::Outcome;
use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::Blob;

#[wasm_bindgen]
extern "C" {
    /// JavaScript's `String(v)`: a password given as something else than text.
    #[wasm_bindgen(js_name = String)]
    fn js_string(v: &JsValue) -> String;
}

const UNREADABLE: &str =
    "Het bestand kon niet worden gelezen. Kies het opnieuw en probeer het nog eens.";

/// The bytes of bytes (`Uint8Array`), a `Blob` or `File`, or text (UTF-8).
pub(crate) async fn bytes_of(v: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = v.as_string() {
        Ok(text.into_bytes())
    } else if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        Ok(bytes.to_vec())
    } else if let Some(blob) = v.dyn_ref::<Blob>() {
        let buffer = JsFuture::from(blob.array_buffer()).await?;
        Ok(Uint8Array::new(&buffer).to_vec())
    } else {
        Err(js_sys::TypeError::new("expected a Blob, a File, a Uint8Array or text").into())
    }
}

/// The signatures in a signed PDF given as bytes, a `Blob` or a `File`: `[{ signer, role,
/// organisation, signedAt, intact, coversWholeDocument, problem, refused, message }]`,
/// empty when it has none. The ECDSA signatures are checked by WebCrypto, so this resolves
/// asynchronously; it rejects only when the file cannot be read.
#[wasm_bindgen(js_name = verifyPdf)]
pub async fn verify_any(pdf: JsValue) -> Result<JsValue, JsValue> {
    let bytes = bytes_of(&pdf).await?;
    Ok(to_js(&reports(&bytes).await))
}

/// [`verify_any`] under the name `<llk-ondertekening>` calls (`ondertekening.js`), the
/// same future: one copy of it in the module.
#[wasm_bindgen]
pub fn verify_pdf(bytes: JsValue) -> Promise {
    future_to_promise(verify_any(bytes))
}

/// `importSigner(p12, { password })` or `importSigner(key, certificate)`, each file as
/// bytes, a `Blob`, a `File` or text. Resolves to `{ ok, message }` (Dutch), never rejects.
#[wasm_bindgen(js_name = importSigner)]
pub async fn import_any(key: JsValue, second: JsValue) -> JsValue {
    // `{ password }`: a plain object, unlike the bytes, Blob or text of a certificate.
    let plain = JsValue::from(Object::new().constructor());
    let options = second
        .dyn_ref::<Object>()
        .is_some_and(|o| JsValue::from(o.constructor()) == plain);
    let Ok(key) = bytes_of(&key).await else {
        return unreadable();
    };
    if options {
        let password = Reflect::get(&second, &"password".into()).unwrap_or_default();
        let password = if password.is_null() || password.is_undefined() {
            String::new()
        } else {
            js_string(&password)
        };
        return import::import_pkcs12(key, password).await;
    }
    match bytes_of(&second).await {
        Ok(certificate) => keys::import_signer(key, certificate).await,
        Err(_) => unreadable(),
    }
}

fn unreadable() -> JsValue {
    to_js(&Outcome {
        ok: false,
        message: UNREADABLE.into(),
    })
}
