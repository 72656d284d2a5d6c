//! The draft store a UI calls, over any backend and cipher.

use crate::{
    Backend, Cipher, CipherError, Draft, DraftId, DraftList, DraftMeta, Record, Sealed, StoreError,
    StoredDraft, Timestamp,
};
use llk_core::Submission;

/// What a UI calls. Implemented once, by [`Drafts`]; the backends and ciphers vary below it.
///
/// Generic rather than object-safe: `async fn` in a trait is not `dyn`-compatible, and
/// boxing every future (or a macro crate) buys nothing here, because a page picks its
/// store once (IndexedDB, or memory when that fails) and can hold that choice in an enum.
#[allow(async_fn_in_trait)]
pub trait DraftStore {
    /// Metadata of every draft, most recently changed first; no answers are decrypted.
    async fn list(&self) -> Result<DraftList, StoreError>;

    /// The decrypted draft. Migrate it to the current definition with
    /// [`StoredDraft::migrate`] before showing it.
    async fn load(&self, id: &DraftId) -> Result<StoredDraft, StoreError>;

    /// Saves `draft` if the stored copy is still `expected_version` (0 for a new draft),
    /// stamped `now` and expiring `retention_days` after it (the region's
    /// `draft_retention_days`). Returns the new metadata, or `StoreError::Conflict` when
    /// another tab saved in between: the multi-tab rule is never to overwrite newer data.
    /// A stored record that cannot be read as a record is `Corrupt` and is not written
    /// over either; the user deletes it first.
    async fn save(
        &self,
        draft: &Draft,
        expected_version: u64,
        now: Timestamp,
        retention_days: u32,
    ) -> Result<DraftMeta, StoreError>;

    async fn delete(&self, id: &DraftId) -> Result<(), StoreError>;

    async fn delete_all(&self) -> Result<(), StoreError>;

    /// Deletes the drafts expired at `now`; returns how many.
    async fn purge_expired(&self, now: Timestamp) -> Result<usize, StoreError>;
}

/// Drafts sealed with a [`Cipher`], kept in a [`Backend`].
#[derive(Debug)]
pub struct Drafts<B, C> {
    backend: B,
    cipher: C,
}

impl<B: Backend, C: Cipher> Drafts<B, C> {
    pub fn new(backend: B, cipher: C) -> Self {
        Drafts { backend, cipher }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }
}

impl<B: Backend, C: Cipher> DraftStore for Drafts<B, C> {
    async fn list(&self) -> Result<DraftList, StoreError> {
        let mut list = DraftList::default();
        for entry in self.backend.all().await? {
            match entry {
                Ok(record) => list.drafts.push(record.meta()),
                Err(e) => list.unreadable.push(e),
            }
        }
        list.drafts
            .sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
        Ok(list)
    }

    async fn load(&self, id: &DraftId) -> Result<StoredDraft, StoreError> {
        let record = self
            .backend
            .get(id.as_str())
            .await?
            .ok_or_else(|| StoreError::NotFound { id: id.0.clone() })?;
        let sealed = Sealed {
            iv: record.iv.clone(),
            ciphertext: record.ciphertext.clone(),
        };
        let plaintext = self
            .cipher
            .open(&sealed, id.as_str().as_bytes())
            .await
            .map_err(|e| match e {
                CipherError::Failed => StoreError::Decrypt { id: id.0.clone() },
                CipherError::Unavailable(why) => StoreError::Unavailable(why),
            })?;
        let corrupt = |reason: &str| StoreError::Corrupt {
            id: id.0.clone(),
            reason: reason.into(),
        };
        // serde's message is not passed on: it may quote the answer it choked on.
        let submission: Submission = serde_json::from_slice(&plaintext)
            .map_err(|_| corrupt("the decrypted draft is not a submission"))?;
        if submission.form != record.form || submission.version != record.definition_version {
            return Err(corrupt(
                "the decrypted submission does not match the record's form or version",
            ));
        }
        Ok(StoredDraft {
            meta: record.meta(),
            submission,
        })
    }

    async fn save(
        &self,
        draft: &Draft,
        expected_version: u64,
        now: Timestamp,
        retention_days: u32,
    ) -> Result<DraftMeta, StoreError> {
        let plaintext = serde_json::to_vec(&draft.submission).map_err(|_| StoreError::Corrupt {
            id: draft.id.0.clone(),
            reason: "the submission cannot be written as JSON".into(),
        })?;
        // Sealing happens before the backend opens its transaction: an IndexedDB
        // transaction commits on its own as soon as it waits on anything else.
        let sealed = self
            .cipher
            .seal(&plaintext, draft.id.as_str().as_bytes())
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        let sub = &draft.submission;
        let record = Record {
            id: draft.id.0.clone(),
            form: sub.form.clone(),
            definition_version: sub.version,
            region: sub.region.clone(),
            created: now,
            updated: now,
            expires: now.plus_days(retention_days),
            version: expected_version.saturating_add(1),
            iv: sealed.iv,
            ciphertext: sealed.ciphertext,
        };
        let meta = record.meta();
        let created = self.backend.put(record, expected_version).await?;
        Ok(DraftMeta { created, ..meta })
    }

    async fn delete(&self, id: &DraftId) -> Result<(), StoreError> {
        self.backend.delete(id.as_str()).await
    }

    async fn delete_all(&self) -> Result<(), StoreError> {
        self.backend.clear().await
    }

    async fn purge_expired(&self, now: Timestamp) -> Result<usize, StoreError> {
        self.backend.purge_expired(now).await
    }
}
