//! Where records live. A backend knows nothing of ciphers, submissions or cases; it stores
//! records of one kind ([`StoredRecord`]: a draft's [`crate::Record`], a case's
//! [`crate::CaseRecord`]) and makes the version check and the write one atomic step.

use crate::{StoreError, Timestamp};
use llk_core::Date;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What a backend reads of a record: its key and the clear fields of the version check.
/// `Serialize` is the memory backend's format; IndexedDB has its own (`idb::IdbRecord`).
pub trait StoredRecord: Serialize + DeserializeOwned {
    /// What the record is, for developers' messages: "draft", "case".
    const KIND: &'static str;
    fn id(&self) -> &str;
    /// Starts at 1 and goes up by one with every save.
    fn version(&self) -> u64;
    fn created(&self) -> Timestamp;
    fn updated(&self) -> Timestamp;
    fn set_created(&mut self, created: Timestamp);
}

/// Implements [`StoredRecord`] for a record struct with the fields `id`, `version`,
/// `created` and `updated`.
macro_rules! stored_record {
    ($record:ty, $kind:literal) => {
        impl $crate::StoredRecord for $record {
            const KIND: &'static str = $kind;
            fn id(&self) -> &str {
                &self.id
            }
            fn version(&self) -> u64 {
                self.version
            }
            fn created(&self) -> Timestamp {
                self.created
            }
            fn updated(&self) -> Timestamp {
                self.updated
            }
            fn set_created(&mut self, created: Timestamp) {
                self.created = created;
            }
        }
    };
}
pub(crate) use stored_record;

/// Which records [`Backend::purge`] deletes, judged by one clear field alone, so a record
/// damaged elsewhere is still deleted when it is due. A record without that field, or
/// with something else in it, is kept (it is listed as unreadable instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// `field` is a time (milliseconds) at or before `now`: a draft's `expires`.
    AtOrBefore { field: &'static str, now: Timestamp },
    /// `field` is an ISO date (`YYYY-MM-DD`) before `today`: a closed case's `purge_after`.
    DateBefore { field: &'static str, today: Date },
}

impl Due {
    pub fn field(&self) -> &'static str {
        match self {
            Due::AtOrBefore { field, .. } | Due::DateBefore { field, .. } => field,
        }
    }

    /// Whether a record whose field holds this integer or this text is due.
    pub(crate) fn is_due(&self, integer: Option<i64>, text: Option<&str>) -> bool {
        match self {
            Due::AtOrBefore { now, .. } => integer.is_some_and(|t| t <= now.0),
            Due::DateBefore { today, .. } => {
                text.and_then(Date::parse_iso).is_some_and(|d| d < *today)
            }
        }
    }
}

/// See [`crate::Cipher`] for why this is `async fn` in a trait without `Send`.
#[allow(async_fn_in_trait)]
pub trait Backend<R: StoredRecord> {
    /// Every record; one that cannot be read as a record is an `Err` in its place
    /// (`StoreError::Corrupt` with its key), never a failure of the whole list.
    async fn all(&self) -> Result<Vec<Result<R, StoreError>>, StoreError>;

    async fn get(&self, id: &str) -> Result<Option<R>, StoreError>;

    /// Writes `record` if the stored record has version `expected_version` (0: none is
    /// stored); otherwise `StoreError::Conflict` and nothing is written. A record missing
    /// although `expected_version > 0` (deleted or purged in another tab) is written again:
    /// the caller holds the newest data. The stored `created` is kept and returned.
    async fn put(&self, record: R, expected_version: u64) -> Result<Timestamp, StoreError>;

    async fn delete(&self, id: &str) -> Result<(), StoreError>;

    async fn clear(&self) -> Result<(), StoreError>;

    /// Deletes every record that is `due`, in one step (no record changes in between);
    /// returns how many.
    async fn purge(&self, due: Due) -> Result<usize, StoreError>;
}

/// The version check shared by the backends: `Ok(created)` to write (keeping the stored
/// `created`), or the conflict.
pub(crate) fn check_version<R: StoredRecord>(
    stored: Option<&R>,
    record: &R,
    expected_version: u64,
) -> Result<Timestamp, StoreError> {
    match stored {
        Some(s) if s.version() != expected_version => Err(StoreError::Conflict {
            stored_version: s.version(),
            stored_updated: s.updated(),
        }),
        Some(s) => Ok(s.created()),
        None => Ok(record.created()),
    }
}
