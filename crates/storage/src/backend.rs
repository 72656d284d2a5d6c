//! Where records live. A backend knows nothing of ciphers or submissions; it stores
//! [`Record`]s and makes the version check and the write one atomic step.

use crate::{Record, StoreError, Timestamp};

/// See [`crate::Cipher`] for why this is `async fn` in a trait without `Send`.
#[allow(async_fn_in_trait)]
pub trait Backend {
    /// Every record; one that cannot be read as a record is an `Err` in its place
    /// (`StoreError::Corrupt` with its key), never a failure of the whole list.
    async fn all(&self) -> Result<Vec<Result<Record, StoreError>>, StoreError>;

    async fn get(&self, id: &str) -> Result<Option<Record>, StoreError>;

    /// Writes `record` if the stored record has version `expected_version` (0: none is
    /// stored); otherwise `StoreError::Conflict` and nothing is written. A record missing
    /// although `expected_version > 0` (deleted or purged in another tab) is written again:
    /// the caller holds the newest data. The stored `created` is kept and returned.
    async fn put(&self, record: Record, expected_version: u64) -> Result<Timestamp, StoreError>;

    async fn delete(&self, id: &str) -> Result<(), StoreError>;

    async fn clear(&self) -> Result<(), StoreError>;

    /// Deletes every record with `expires <= now`; returns how many. A record whose expiry
    /// cannot be read is kept (it is listed as unreadable instead).
    async fn purge_expired(&self, now: Timestamp) -> Result<usize, StoreError>;
}

/// The version check shared by the backends: `Ok(created)` to write (keeping the stored
/// `created`), or the conflict.
pub(crate) fn check_version(
    stored: Option<&Record>,
    record: &Record,
    expected_version: u64,
) -> Result<Timestamp, StoreError> {
    match stored {
        Some(s) if s.version != expected_version => Err(StoreError::Conflict {
            stored_version: s.version,
            stored_updated: s.updated,
        }),
        Some(s) => Ok(s.created),
        None => Ok(record.created),
    }
}
