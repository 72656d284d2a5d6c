//! The browser's draft and case stores: records in IndexedDB, sealed with WebCrypto
//! AES-GCM-256. Both live in one database (`drafts` and `cases` object stores) and share
//! its key.
//!
//! ```text
//! let (store, problem) = BrowserStore::open(idb::DB_NAME, host_key).await;
//! if let Some(e) = problem { show(e.message_nl()) }   // drafts in memory only
//! store.purge_expired(idb::now()).await?;              // at start-up
//!
//! let cases = idb::open_cases(idb::DB_NAME, host_key).await?;  // portals without a back-end
//! cases.purge_closed(llk_web::today()).await?;                  // at start-up
//! ```

mod backend;
mod crypto;
mod fallback;
mod record;

pub use backend::{CASES, DB_NAME, DB_VERSION, DRAFTS, IdbBackend, KEYS};
pub use crypto::WebCryptoCipher;
pub use fallback::BrowserStore;
pub use record::IdbRecord;

use crate::{CaseId, Cases, DraftId, Drafts, StoreError, Timestamp};
use wasm_bindgen::JsCast;

/// Drafts in IndexedDB, encrypted with WebCrypto.
pub type IdbStore = Drafts<IdbBackend, WebCryptoCipher>;

/// Cases in IndexedDB, encrypted with WebCrypto exactly as drafts are.
pub type IdbCases = Cases<IdbBackend, WebCryptoCipher>;

/// Opens (creating or upgrading) the database `name` and its key. A `host_key` (an
/// AES-GCM `CryptoKey` with `encrypt` and `decrypt`, e.g. derived from the portal's login
/// session) takes precedence over the key kept in the database, which is then neither
/// read nor made.
pub async fn open(
    name: &str,
    host_key: Option<web_sys::CryptoKey>,
) -> Result<IdbStore, StoreError> {
    let (backend, cipher) = connect(name, host_key).await?;
    Ok(Drafts::new(backend, cipher))
}

/// Opens the case store in the database `name` (the drafts' database, [`DB_NAME`]): the
/// same connection code and the same key as [`open`], the `cases` object store.
pub async fn open_cases(
    name: &str,
    host_key: Option<web_sys::CryptoKey>,
) -> Result<IdbCases, StoreError> {
    let (backend, cipher) = connect(name, host_key).await?;
    Ok(Cases::new(backend, cipher))
}

async fn connect(
    name: &str,
    host_key: Option<web_sys::CryptoKey>,
) -> Result<(IdbBackend, WebCryptoCipher), StoreError> {
    let backend = IdbBackend::open(name).await?;
    let cipher = match host_key {
        Some(key) => WebCryptoCipher::from_key(key)?,
        None => WebCryptoCipher::kept_in(&backend).await?,
    };
    Ok((backend, cipher))
}

/// The clock the browser side reads (the core never does).
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// A new random draft id (`crypto.randomUUID()`, or 128 random bits in hex where that is
/// missing).
pub fn new_draft_id() -> Result<DraftId, StoreError> {
    random_id().map(DraftId)
}

/// A new random case id, made as draft ids are: nothing about the person is in it.
pub fn new_case_id() -> Result<CaseId, StoreError> {
    random_id().map(CaseId)
}

fn random_id() -> Result<String, StoreError> {
    let crypto = crypto::crypto()?;
    if let Ok(f) = js_sys::Reflect::get(&crypto, &"randomUUID".into())
        && let Some(f) = f.dyn_ref::<js_sys::Function>()
        && let Some(id) = f.call0(&crypto).ok().and_then(|v| v.as_string())
    {
        return Ok(id);
    }
    let mut bytes = [0u8; 16];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| StoreError::Unavailable("crypto.getRandomValues failed".into()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
