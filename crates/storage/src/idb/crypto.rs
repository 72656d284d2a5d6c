//! AES-GCM-256 with WebCrypto. The key is a non-extractable `CryptoKey`: script can use
//! it but never read its bytes, and IndexedDB keeps it as such. See SECURITY.md for what
//! that does and does not protect.

use super::backend::{IdbBackend, KEYS, commit, idb_error};
use crate::{Cipher, CipherError, Sealed, StoreError};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, CryptoKey, SubtleCrypto};

/// Where the kept key lies in the `keys` store.
const KEY_NAME: &str = "drafts-aes-gcm-256";
const IV_BYTES: usize = 12;

#[derive(Debug, Clone)]
pub struct WebCryptoCipher {
    key: CryptoKey,
    subtle: SubtleCrypto,
}

pub(crate) fn crypto() -> Result<web_sys::Crypto, StoreError> {
    Reflect::get(&js_sys::global(), &"crypto".into())
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::Crypto>().ok())
        .ok_or_else(|| StoreError::Unavailable("no crypto object".into()))
}

fn subtle() -> Result<SubtleCrypto, StoreError> {
    let subtle = crypto()?.subtle();
    // `crypto.subtle` is undefined outside a secure context (plain http).
    if subtle.is_undefined() || subtle.is_null() {
        return Err(StoreError::Unavailable(
            "WebCrypto is unavailable (not a secure context)".into(),
        ));
    }
    Ok(subtle)
}

impl WebCryptoCipher {
    /// Uses `key` (a host's key takes precedence over the kept one). It must be an AES-GCM
    /// key allowed to encrypt and decrypt.
    pub fn from_key(key: CryptoKey) -> Result<Self, StoreError> {
        let name = key
            .algorithm()
            .ok()
            .and_then(|a| Reflect::get(&a, &"name".into()).ok())
            .and_then(|n| n.as_string());
        let usages: Vec<String> = key.usages().iter().filter_map(|u| u.as_string()).collect();
        let usable = name.as_deref() == Some("AES-GCM")
            && usages.iter().any(|u| u == "encrypt")
            && usages.iter().any(|u| u == "decrypt");
        if !usable {
            return Err(StoreError::Unavailable(
                "the key is not an AES-GCM key for encrypt and decrypt".into(),
            ));
        }
        Ok(WebCryptoCipher {
            key,
            subtle: subtle()?,
        })
    }

    /// A new random non-extractable AES-GCM-256 key.
    pub async fn generate_key() -> Result<CryptoKey, StoreError> {
        let params = AesKeyGenParams::new("AES-GCM", 256);
        let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
        let promise = subtle()?
            .generate_key_with_object(&params, false, &usages)
            .map_err(|e| unavailable("generateKey", &e))?;
        JsFuture::from(promise)
            .await
            .map_err(|e| unavailable("generateKey", &e))?
            .dyn_into::<CryptoKey>()
            .map_err(|_| StoreError::Unavailable("generateKey gave no CryptoKey".into()))
    }

    /// The key kept in `backend`'s database, made on first use.
    pub async fn kept_in(backend: &IdbBackend) -> Result<Self, StoreError> {
        if let Some(key) = read_key(backend).await? {
            return Self::from_key(key);
        }
        // Made before the transaction opens (it would commit while we wait on crypto).
        let fresh = Self::generate_key().await?;
        let tx = backend.tx(KEYS, TransactionMode::Readwrite)?;
        let store = tx.object_store(KEYS).map_err(idb_error)?;
        // `add`, not `put`: when two tabs both made a key, the first one written stays
        // and the other tab uses it, so no draft is ever sealed with a key that is lost.
        let added = store
            .add(JsValue::from(fresh.clone()))
            .with_key(JsValue::from_str(KEY_NAME))
            .primitive()
            .map_err(idb_error)?
            .await;
        match added {
            Ok(_) => {
                commit(tx).await?;
                Self::from_key(fresh)
            }
            Err(_) => {
                drop(tx);
                let key = read_key(backend).await?.ok_or_else(|| {
                    StoreError::Unavailable("the key could neither be kept nor read".into())
                })?;
                Self::from_key(key)
            }
        }
    }
}

async fn read_key(backend: &IdbBackend) -> Result<Option<CryptoKey>, StoreError> {
    let tx = backend.tx(KEYS, TransactionMode::Readonly)?;
    let store = tx.object_store(KEYS).map_err(idb_error)?;
    let value: Option<JsValue> = store
        .get(JsValue::from_str(KEY_NAME))
        .primitive()
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    match value {
        None => Ok(None),
        Some(v) => v
            .dyn_into::<CryptoKey>()
            .map(Some)
            .map_err(|_| StoreError::Unavailable("the kept key is not a CryptoKey".into())),
    }
}

fn unavailable(what: &str, e: &JsValue) -> StoreError {
    let name = Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    StoreError::Unavailable(format!("{what} failed: {name}"))
}

/// The AES-GCM parameters: the IV and the additional data as fresh `Uint8Array`s,
/// copies rather than views into wasm memory.
fn params(iv: &[u8], aad: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv));
    params.set_additional_data(&Uint8Array::from(aad));
    params
}

impl Cipher for WebCryptoCipher {
    async fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Result<Sealed, CipherError> {
        let mut iv = [0u8; IV_BYTES];
        crypto()
            .and_then(|c| {
                c.get_random_values_with_u8_array(&mut iv)
                    .map_err(|e| unavailable("getRandomValues", &e))
            })
            .map_err(|e| CipherError::Unavailable(e.to_string()))?;
        let data: Object = Uint8Array::from(plaintext).into();
        let promise = self
            .subtle
            .encrypt_with_object_and_buffer_source(&params(&iv, aad), &self.key, &data)
            .map_err(|e| CipherError::Unavailable(unavailable("encrypt", &e).to_string()))?;
        let out = JsFuture::from(promise)
            .await
            .map_err(|e| CipherError::Unavailable(unavailable("encrypt", &e).to_string()))?;
        Ok(Sealed {
            iv: iv.to_vec(),
            ciphertext: Uint8Array::new(&out).to_vec(),
        })
    }

    async fn open(&self, sealed: &Sealed, aad: &[u8]) -> Result<Vec<u8>, CipherError> {
        if sealed.iv.len() != IV_BYTES {
            return Err(CipherError::Failed);
        }
        let data: Object = Uint8Array::from(sealed.ciphertext.as_slice()).into();
        let promise = self
            .subtle
            .decrypt_with_object_and_buffer_source(&params(&sealed.iv, aad), &self.key, &data)
            .map_err(|_| CipherError::Failed)?;
        // WebCrypto rejects with an OperationError when the tag does not match: another
        // key or changed bytes. Never a partial plaintext.
        let out = JsFuture::from(promise)
            .await
            .map_err(|_| CipherError::Failed)?;
        Ok(Uint8Array::new(&out).to_vec())
    }
}
