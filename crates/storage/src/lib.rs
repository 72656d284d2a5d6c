//! Drafts of half-filled forms: saved on every change, resumed after a closed tab or a
//! crash, encrypted at rest, expired after the region's retention period, and never
//! silently overwritten by an older copy in another tab. And, for portals without a
//! back-end, cases ([`CaseStore`]): one person's dossier as the case model writes it,
//! sealed the same way, kept while open and purged only after the region's retention
//! period since uitstroom.
//!
//! The layers, from the caller down:
//!
//! - [`DraftStore`] — what a UI calls: list, load, save with an expected version, delete,
//!   purge. [`Drafts`] implements it once, over any backend and any cipher.
//! - [`Cipher`] — seals the submission JSON before it reaches a backend; records hold only
//!   metadata and ciphertext. In the browser [`idb::WebCryptoCipher`] (AES-GCM-256).
//! - [`CaseStore`] — the same for cases, implemented once by [`Cases`]; over the same
//!   backends and ciphers, in an object store of its own.
//! - [`Backend`] — stores records of one kind ([`Record`] for drafts, [`CaseRecord`] for
//!   cases) and does the version check atomically:
//!   [`MemoryBackend`] (tests, and the fallback when IndexedDB is unavailable) and, in the
//!   browser, [`idb::IdbBackend`].
//!
//! Nothing here reads the clock: `now` and the retention period are parameters, as in
//! `llk-core`.

mod backend;
mod cases;
mod cipher;
mod drafts;
mod error;
mod memory;
mod model;
mod sealing;

#[cfg(target_arch = "wasm32")]
pub mod idb;

pub use backend::{Backend, Due, StoredRecord};
pub use cases::{
    CaseId, CaseList, CaseMeta, CaseRecord, CaseStatus, CaseStore, Cases, MemoryCases, StoredCase,
};
pub use cipher::{Cipher, CipherError, NoEncryption, Sealed};
pub use drafts::{DraftStore, Drafts};
pub use error::{CaseError, StoreError};
pub use memory::{MemoryBackend, MemoryStore};
pub use model::{Draft, DraftId, DraftList, DraftMeta, Record, StoredDraft, Timestamp};
