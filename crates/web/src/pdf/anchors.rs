//! The trust anchors a host sets with the loader's `setTrustAnchors`: the CA (or signer)
//! certificates against which every signature is judged ([`llk_pdf::sign::trust`]). Kept
//! in memory for the page's lifetime, never stored. [`current`] is what each verification
//! uses.

use super::host_api::bytes_of;
use super::pem;
use super::to_js;
use js_sys::Array;
use llk_pdf::sign::cert;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The most anchors a host may set, and the most bytes it may hand over for them in all:
/// a few root and intermediate certificates of ~2 KB each are what is meant.
pub const MAX_ANCHORS: usize = 64;
pub const MAX_BYTES: usize = 1024 * 1024;

thread_local! {
    static ANCHORS: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

/// The trust anchors now set (DER certificates); empty when the host set none.
pub fn current() -> Vec<Vec<u8>> {
    ANCHORS.with(|a| a.borrow().clone())
}

/// What `setTrustAnchors` resolves to.
#[derive(Serialize)]
struct Outcome {
    ok: bool,
    /// How many anchors are set now.
    count: usize,
    /// Dutch, for people and developers alike.
    message: String,
}

/// `setTrustAnchors(certificates)`: PEM text (one or more certificates), DER bytes, a
/// `Blob`/`File` of either, or an array of those. Replaces the anchors when every one reads
/// as an X.509 certificate; otherwise keeps the anchors as they were and says which did
/// not. An empty array removes them. Resolves to `{ ok, count, message }`; never rejects.
#[wasm_bindgen(js_name = setTrustAnchors)]
pub async fn set_trust_anchors(certificates: JsValue) -> JsValue {
    let (ok, message) = match read(&certificates).await {
        Ok(anchors) => {
            let n = anchors.len();
            ANCHORS.with(|a| *a.borrow_mut() = anchors);
            let message = match n {
                0 => {
                    "Er zijn geen vertrouwde certificaten meer ingesteld (no trust anchors).".into()
                }
                _ => format!("Vertrouwde certificaten ingesteld: {n} ({n} trust anchors set)."),
            };
            (true, message)
        }
        Err(m) => (false, m),
    };
    to_js(&Outcome {
        ok,
        count: ANCHORS.with(|a| a.borrow().len()),
        message,
    })
}

async fn read(certificates: &JsValue) -> Result<Vec<Vec<u8>>, String> {
    let items: Vec<JsValue> = if Array::is_array(certificates) {
        Array::from(certificates).iter().collect()
    } else {
        vec![certificates.clone()]
    };
    let (mut anchors, mut total) = (Vec::new(), 0);
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let input = bytes_of(item)
            .await
            .map_err(|_| format!("Vertrouwd certificaat {n} kon niet worden gelezen: geef PEM-tekst, DER-bytes of een Blob (anchor {n}: expected PEM text, DER bytes or a Blob)."))?;
        total += input.len();
        if total > MAX_BYTES {
            return Err(
                "De vertrouwde certificaten zijn samen groter dan 1 MB (anchors over 1 MB).".into(),
            );
        }
        let ders = match std::str::from_utf8(&input) {
            Ok(text) if text.contains("-----BEGIN") => pem::decode_all(text, "CERTIFICATE"),
            _ => vec![input],
        };
        if ders.is_empty() {
            return Err(format!(
                "Vertrouwd certificaat {n} bevat geen certificaat (‘-----BEGIN CERTIFICATE-----’) (anchor {n}: no PEM certificate)."
            ));
        }
        for der in ders {
            if cert::subject_of_der(&der).is_err() || cert::public_key_info_of_der(&der).is_err() {
                return Err(format!(
                    "Vertrouwd certificaat {n} is geen leesbaar X.509-certificaat (anchor {n}: not an X.509 certificate)."
                ));
            }
            if !anchors.contains(&der) {
                anchors.push(der);
            }
        }
        if anchors.len() > MAX_ANCHORS {
            return Err(format!(
                "Meer dan {MAX_ANCHORS} vertrouwde certificaten (more than {MAX_ANCHORS} anchors)."
            ));
        }
    }
    Ok(anchors)
}
