//! The browser's draft store: records in IndexedDB, sealed with WebCrypto AES-GCM-256.
//!
//! ```text
//! let (store, problem) = BrowserStore::open(idb::DB_NAME, host_key).await;
//! if let Some(e) = problem { show(e.message_nl()) }   // drafts in memory only
//! store.purge_expired(idb::now()).await?;              // at start-up
//! ```

mod backend;
mod crypto;
mod fallback;
mod record;

pub use backend::{DB_NAME, DB_VERSION, DRAFTS, IdbBackend, KEYS};
pub use crypto::WebCryptoCipher;
pub use fallback::BrowserStore;

use crate::{DraftId, Drafts, StoreError, Timestamp};
use wasm_bindgen::JsCast;

/// Drafts in IndexedDB, encrypted with WebCrypto.
pub type IdbStore = Drafts<IdbBackend, WebCryptoCipher>;

/// Opens (creating or upgrading) the database `name` and its key. A `host_key` (an
/// AES-GCM `CryptoKey` with `encrypt` and `decrypt`, e.g. derived from the portal's login
/// session) takes precedence over the key kept in the database, which is then neither
/// read nor made.
pub async fn open(
    name: &str,
    host_key: Option<web_sys::CryptoKey>,
) -> Result<IdbStore, StoreError> {
    let backend = IdbBackend::open(name).await?;
    let cipher = match host_key {
        Some(key) => WebCryptoCipher::from_key(key)?,
        None => WebCryptoCipher::kept_in(&backend).await?,
    };
    Ok(Drafts::new(backend, cipher))
}

/// The clock the browser side reads (the core never does).
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// A new random draft id (`crypto.randomUUID()`, or 128 random bits in hex where that is
/// missing).
pub fn new_draft_id() -> Result<DraftId, StoreError> {
    let crypto = crypto::crypto()?;
    if let Ok(f) = js_sys::Reflect::get(&crypto, &"randomUUID".into())
        && let Some(f) = f.dyn_ref::<js_sys::Function>()
        && let Some(id) = f.call0(&crypto).ok().and_then(|v| v.as_string())
    {
        return Ok(DraftId(id));
    }
    let mut bytes = [0u8; 16];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| StoreError::Unavailable("crypto.getRandomValues failed".into()))?;
    Ok(DraftId(bytes.iter().map(|b| format!("{b:02x}")).collect()))
}
