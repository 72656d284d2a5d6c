//! The draft store a UI calls, over any backend and cipher.

use crate::sealing::{newest_first, open, seal};
use crate::{
    Backend, Cipher, Draft, DraftId, DraftList, DraftMeta, Due, Record, StoreError, StoredDraft,
    Timestamp,
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

impl<B, C> Drafts<B, C> {
    pub fn new(backend: B, cipher: C) -> Self {
        Drafts { backend, cipher }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }
}

impl<B: Backend<Record>, C: Cipher> DraftStore for Drafts<B, C> {
    async fn list(&self) -> Result<DraftList, StoreError> {
        let (records, unreadable) = newest_first(self.backend.all().await?);
        Ok(DraftList {
            drafts: records.iter().map(Record::meta).collect(),
            unreadable,
        })
    }

    async fn load(&self, id: &DraftId) -> Result<StoredDraft, StoreError> {
        let record = self
            .backend
            .get(id.as_str())
            .await?
            .ok_or_else(|| StoreError::NotFound { id: id.0.clone() })?;
        let aad = id.as_str().as_bytes();
        let plaintext = open(&self.cipher, &id.0, &record.iv, &record.ciphertext, aad).await?;
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
        let sealed = seal(&self.cipher, &plaintext, draft.id.as_str().as_bytes()).await?;
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
        self.backend
            .purge(Due::AtOrBefore {
                field: "expires",
                now,
            })
            .await
    }
}
