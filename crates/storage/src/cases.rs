//! Cases for portals without a back-end: one person's dossier, from melding to uitstroom,
//! kept as the case model writes it (a JSON value this crate does not look into), sealed
//! exactly as drafts are, and deleted only once the region's retention period after
//! uitstroom has passed. An open case is never purged, whatever its age.
//!
//! The same layers as drafts: [`CaseStore`] is what a caseload calls, [`Cases`]
//! implements it over any [`Backend`] and [`Cipher`]; records hold only [`CaseRecord`]'s
//! clear fields (id, version, times, closing day, retention) and the ciphertext.

use crate::model::string_id;
use crate::sealing::{newest_first, open, seal};
use crate::{Backend, CaseError, Cipher, Due, MemoryBackend, NoEncryption, StoreError, Timestamp};
use llk_core::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

string_id!(
    /// A case's key: random, made by the caller (in the browser `idb::new_case_id`), so
    /// it says nothing about the person: never a name, a BSN or a date of birth.
    CaseId
);

/// Bound to every case's ciphertext with its id, so that neither a draft's ciphertext nor
/// another case's opens as this case (drafts bind their bare id, which has no NUL byte).
const AAD_PREFIX: &[u8] = b"levensloopkit-case\0";

fn aad(id: &CaseId) -> Vec<u8> {
    [AAD_PREFIX, id.as_str().as_bytes()].concat()
}

/// What the caller says about a case when saving it; nothing about the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseStatus {
    /// The day of uitstroom; `None` while the case is open.
    pub closed_on: Option<Date>,
    /// The region's `case_retention_days`: how many days after `closed_on` it is kept.
    pub retention_days: u32,
}

impl CaseStatus {
    pub fn open(retention_days: u32) -> CaseStatus {
        CaseStatus {
            closed_on: None,
            retention_days,
        }
    }

    pub fn closed(on: Date, retention_days: u32) -> CaseStatus {
        CaseStatus {
            closed_on: Some(on),
            retention_days,
        }
    }

    /// The last day a closed case is kept, `closed_on + retention_days`; from the day
    /// after, [`CaseStore::purge_closed`] deletes it. `None` while open (and past the
    /// year 9999, which is never).
    pub fn purge_after(&self) -> Option<Date> {
        self.closed_on?.add_days(i64::from(self.retention_days))
    }
}

/// What a caseload lists without a key: no content and nothing about the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseMeta {
    pub id: CaseId,
    /// Starts at 1 and goes up by one with every save: the multi-tab check.
    pub version: u64,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// The day of uitstroom; `None` while open.
    pub closed_on: Option<Date>,
    pub retention_days: u32,
    /// The last day it is kept (see [`CaseStatus::purge_after`]).
    pub purge_after: Option<Date>,
}

impl CaseMeta {
    pub fn status(&self) -> CaseStatus {
        CaseStatus {
            closed_on: self.closed_on,
            retention_days: self.retention_days,
        }
    }

    /// Whether [`CaseStore::purge_closed`] deletes it on `today`.
    pub fn is_due(&self, today: Date) -> bool {
        self.purge_after.is_some_and(|last| last < today)
    }
}

/// The cases in a store, most recently changed first, and the records that could not
/// even be read as records (listed so they can be dealt with, never hidden).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseList {
    pub cases: Vec<CaseMeta>,
    pub unreadable: Vec<CaseError>,
}

impl CaseList {
    /// The closed cases [`CaseStore::purge_closed`] deletes within `warn_days` of
    /// `today`, counting those already due: every case whose `purge_after` is before
    /// `today + warn_days`, soonest first. With `warn_days` 0, the ones due today.
    pub fn expiring(&self, today: Date, warn_days: u32) -> Vec<CaseMeta> {
        let horizon = today.add_days(i64::from(warn_days));
        let mut soon: Vec<CaseMeta> = self
            .cases
            .iter()
            .filter(|c| match (c.purge_after, horizon) {
                (Some(last), Some(horizon)) => last < horizon,
                (Some(_), None) => true,
                (None, _) => false,
            })
            .cloned()
            .collect();
        soon.sort_by(|a, b| a.purge_after.cmp(&b.purge_after).then(a.id.cmp(&b.id)));
        soon
    }
}

/// A case as loaded: its metadata and the decrypted case, as it was saved.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCase {
    pub meta: CaseMeta,
    pub case: Value,
}

/// One stored case as a backend keeps it: the metadata in the clear, the case sealed.
/// Dates are ISO text (`2027-05-31`, or null while open). `Serialize` is the memory
/// backend's format; IndexedDB stores the same fields as a plain object with the bytes
/// as `Uint8Array`s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    pub id: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub version: u64,
    #[serde(with = "iso_date")]
    pub closed_on: Option<Date>,
    pub retention_days: u32,
    /// Written beside `closed_on` so a purge can read this one field alone.
    #[serde(with = "iso_date")]
    pub purge_after: Option<Date>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

crate::backend::stored_record!(CaseRecord, "case");

impl CaseRecord {
    pub fn meta(&self) -> CaseMeta {
        CaseMeta {
            id: CaseId(self.id.clone()),
            version: self.version,
            created: self.created,
            updated: self.updated,
            closed_on: self.closed_on,
            retention_days: self.retention_days,
            purge_after: self.purge_after,
        }
    }

    /// The record, if its `purge_after` is what its closing day and retention give.
    fn checked(self) -> Result<CaseRecord, StoreError> {
        let status = CaseStatus {
            closed_on: self.closed_on,
            retention_days: self.retention_days,
        };
        if status.purge_after() != self.purge_after {
            return Err(StoreError::Corrupt {
                id: self.id,
                reason: "purge_after is not closed_on plus retention_days".into(),
            });
        }
        Ok(self)
    }
}

/// `Option<Date>` as ISO text or null.
mod iso_date {
    use llk_core::Date;
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        date.map(|d| d.to_string()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| Date::parse_iso(&text).ok_or_else(|| D::Error::custom("not an ISO date")))
            .transpose()
    }
}

/// What a caseload calls. Implemented once, by [`Cases`]; generic rather than
/// object-safe, as [`crate::DraftStore`] is. Nothing here reads the clock: `now` and
/// `today` are parameters.
#[allow(async_fn_in_trait)]
pub trait CaseStore {
    /// Metadata of every case, most recently changed first; nothing is decrypted.
    async fn list(&self) -> Result<CaseList, CaseError>;

    /// The decrypted case. `Decrypt` for another key or changed bytes, `Corrupt` for a
    /// record that is not a case record or does not hold JSON; never a panic.
    async fn load(&self, id: &CaseId) -> Result<StoredCase, CaseError>;

    /// Every case decrypted (each one's own result, so one bad record spoils nothing else),
    /// in the order of [`CaseStore::list`], with the list. For the caseload, which shows
    /// them all.
    async fn load_all(&self) -> Result<(CaseList, Vec<Result<StoredCase, CaseError>>), CaseError>;

    /// Saves `case` if the stored copy is still `expected_version` (0 for a new case),
    /// stamped `now`. Returns the new metadata, or `Conflict` when another tab saved in
    /// between: a newer stored version is never overwritten. A record that cannot be
    /// read is `Corrupt` and is not written over either.
    async fn save(
        &self,
        id: &CaseId,
        case: &Value,
        status: CaseStatus,
        expected_version: u64,
        now: Timestamp,
    ) -> Result<CaseMeta, CaseError>;

    async fn delete(&self, id: &CaseId) -> Result<(), CaseError>;

    /// Deletes the closed cases whose retention has passed on `today` (`purge_after`
    /// before `today`); returns how many. Open cases are never deleted.
    async fn purge_closed(&self, today: Date) -> Result<usize, CaseError>;

    /// The closed cases to be purged within `warn_days` of `today`, for the caseload's
    /// warning (see [`CaseList::expiring`]).
    async fn expiring(&self, today: Date, warn_days: u32) -> Result<Vec<CaseMeta>, CaseError> {
        Ok(self.list().await?.expiring(today, warn_days))
    }
}

/// Cases sealed with a [`Cipher`], kept in a [`Backend`] of [`CaseRecord`]s.
#[derive(Debug)]
pub struct Cases<B, C> {
    backend: B,
    cipher: C,
}

/// Cases in the page's memory, unencrypted (see [`NoEncryption`]): tests, or a page
/// that cannot open IndexedDB.
pub type MemoryCases = Cases<MemoryBackend, NoEncryption>;

impl MemoryCases {
    pub fn in_memory() -> Self {
        Cases::new(MemoryBackend::default(), NoEncryption)
    }
}

impl<B, C> Cases<B, C> {
    pub fn new(backend: B, cipher: C) -> Self {
        Cases { backend, cipher }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }
}

impl<B: Backend<CaseRecord>, C> Cases<B, C> {
    /// Every record that reads as a case record, newest first, and the list made of them.
    async fn records(&self) -> Result<(Vec<CaseRecord>, CaseList), StoreError> {
        let entries = self.backend.all().await?;
        let (records, unreadable) = newest_first(
            entries
                .into_iter()
                .map(|r| r.and_then(CaseRecord::checked))
                .collect(),
        );
        let list = CaseList {
            cases: records.iter().map(CaseRecord::meta).collect(),
            unreadable: unreadable.into_iter().map(CaseError).collect(),
        };
        Ok((records, list))
    }
}

impl<B, C: Cipher> Cases<B, C> {
    /// A checked record's case, decrypted and read as JSON.
    async fn open_record(&self, record: CaseRecord) -> Result<StoredCase, StoreError> {
        let id = CaseId(record.id.clone());
        let plaintext = open(
            &self.cipher,
            &id.0,
            &record.iv,
            &record.ciphertext,
            &aad(&id),
        )
        .await?;
        // serde's message is not passed on: it may quote the content it choked on.
        let case: Value = serde_json::from_slice(&plaintext).map_err(|_| StoreError::Corrupt {
            id: id.0.clone(),
            reason: "the decrypted case is not JSON".into(),
        })?;
        Ok(StoredCase {
            meta: record.meta(),
            case,
        })
    }
}

impl<B: Backend<CaseRecord>, C: Cipher> CaseStore for Cases<B, C> {
    async fn list(&self) -> Result<CaseList, CaseError> {
        Ok(self.records().await?.1)
    }

    async fn load(&self, id: &CaseId) -> Result<StoredCase, CaseError> {
        let record = self
            .backend
            .get(id.as_str())
            .await?
            .ok_or_else(|| StoreError::NotFound { id: id.0.clone() })?
            .checked()?;
        Ok(self.open_record(record).await?)
    }

    /// One read of the backend for all of them, where `load` each took a transaction per
    /// case. (Decrypting side by side with `join_all` cost the case module 3.7 KB gzip.)
    async fn load_all(&self) -> Result<(CaseList, Vec<Result<StoredCase, CaseError>>), CaseError> {
        let (records, list) = self.records().await?;
        let mut opened = Vec::with_capacity(records.len());
        for record in records {
            opened.push(self.open_record(record).await.map_err(CaseError));
        }
        Ok((list, opened))
    }

    async fn save(
        &self,
        id: &CaseId,
        case: &Value,
        status: CaseStatus,
        expected_version: u64,
        now: Timestamp,
    ) -> Result<CaseMeta, CaseError> {
        let plaintext = serde_json::to_vec(case).map_err(|_| StoreError::Corrupt {
            id: id.0.clone(),
            reason: "the case cannot be written as JSON".into(),
        })?;
        let sealed = seal(&self.cipher, &plaintext, &aad(id)).await?;
        let record = CaseRecord {
            id: id.0.clone(),
            created: now,
            updated: now,
            version: expected_version.saturating_add(1),
            closed_on: status.closed_on,
            retention_days: status.retention_days,
            purge_after: status.purge_after(),
            iv: sealed.iv,
            ciphertext: sealed.ciphertext,
        };
        let meta = record.meta();
        let created = self.backend.put(record, expected_version).await?;
        Ok(CaseMeta { created, ..meta })
    }

    async fn delete(&self, id: &CaseId) -> Result<(), CaseError> {
        Ok(self.backend.delete(id.as_str()).await?)
    }

    async fn purge_closed(&self, today: Date) -> Result<usize, CaseError> {
        let due = Due::DateBefore {
            field: "purge_after",
            today,
        };
        Ok(self.backend.purge(due).await?)
    }
}
