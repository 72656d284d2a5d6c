//! The store a page uses: IndexedDB when it opens, the page's memory when it does not,
//! so the form always keeps working and the user is told why drafts will not last.

use super::IdbStore;
use crate::{
    Draft, DraftId, DraftList, DraftMeta, DraftStore, MemoryStore, StoreError, StoredDraft,
    Timestamp,
};

#[derive(Debug)]
pub enum BrowserStore {
    IndexedDb(IdbStore),
    /// Drafts live as long as the page (see [`crate::NoEncryption`] for why unencrypted).
    Memory(MemoryStore),
}

impl BrowserStore {
    /// Opens the IndexedDB store `name` (see [`super::open`]); when that fails, a memory
    /// store and the reason, whose `message_nl()` the page shows.
    pub async fn open(
        name: &str,
        host_key: Option<web_sys::CryptoKey>,
    ) -> (BrowserStore, Option<StoreError>) {
        match super::open(name, host_key).await {
            Ok(store) => (BrowserStore::IndexedDb(store), None),
            Err(e) => (BrowserStore::Memory(MemoryStore::in_memory()), Some(e)),
        }
    }

    /// Whether drafts survive closing the page.
    pub fn is_persistent(&self) -> bool {
        matches!(self, BrowserStore::IndexedDb(_))
    }
}

macro_rules! delegate {
    ($self:ident, $s:ident => $call:expr) => {
        match $self {
            BrowserStore::IndexedDb($s) => $call.await,
            BrowserStore::Memory($s) => $call.await,
        }
    };
}

impl DraftStore for BrowserStore {
    async fn list(&self) -> Result<DraftList, StoreError> {
        delegate!(self, s => s.list())
    }

    async fn load(&self, id: &DraftId) -> Result<StoredDraft, StoreError> {
        delegate!(self, s => s.load(id))
    }

    async fn save(
        &self,
        draft: &Draft,
        expected_version: u64,
        now: Timestamp,
        retention_days: u32,
    ) -> Result<DraftMeta, StoreError> {
        delegate!(self, s => s.save(draft, expected_version, now, retention_days))
    }

    async fn delete(&self, id: &DraftId) -> Result<(), StoreError> {
        delegate!(self, s => s.delete(id))
    }

    async fn delete_all(&self) -> Result<(), StoreError> {
        delegate!(self, s => s.delete_all())
    }

    async fn purge_expired(&self, now: Timestamp) -> Result<usize, StoreError> {
        delegate!(self, s => s.purge_expired(now))
    }
}
