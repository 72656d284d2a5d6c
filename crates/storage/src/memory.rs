//! Records in the page's memory: the native tests' backend and the fallback when
//! IndexedDB is unavailable (the form keeps working; drafts live as long as the page).

use crate::backend::check_version;
use crate::{Backend, Drafts, NoEncryption, Record, StoreError, Timestamp};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The in-memory fallback: records in memory, not encrypted (see [`NoEncryption`]).
pub type MemoryStore = Drafts<MemoryBackend, NoEncryption>;

impl MemoryStore {
    pub fn in_memory() -> Self {
        Drafts::new(MemoryBackend::default(), NoEncryption)
    }
}

/// Records kept as JSON values, the way IndexedDB keeps structured clones, so a test can
/// put in a damaged one ([`MemoryBackend::insert_raw`]) and see it reported, not a panic.
/// Single-threaded (`RefCell`), like the browser.
#[derive(Debug, Default)]
pub struct MemoryBackend {
    records: RefCell<BTreeMap<String, Value>>,
}

impl MemoryBackend {
    /// Stores any value under `key`, as a foreign or damaged record would be.
    pub fn insert_raw(&self, key: &str, value: Value) {
        self.records.borrow_mut().insert(key.to_string(), value);
    }

    /// The stored value under `key`, as it is.
    pub fn raw(&self, key: &str) -> Option<Value> {
        self.records.borrow().get(key).cloned()
    }

    fn decode(key: &str, value: &Value) -> Result<Record, StoreError> {
        let record: Record =
            serde_json::from_value(value.clone()).map_err(|e| StoreError::Corrupt {
                id: key.to_string(),
                reason: format!("not a draft record: {e}"),
            })?;
        if record.id != key {
            return Err(StoreError::Corrupt {
                id: key.to_string(),
                reason: "the record's id is not its key".into(),
            });
        }
        Ok(record)
    }
}

impl Backend for MemoryBackend {
    async fn all(&self) -> Result<Vec<Result<Record, StoreError>>, StoreError> {
        let records = self.records.borrow();
        Ok(records.iter().map(|(k, v)| Self::decode(k, v)).collect())
    }

    async fn get(&self, id: &str) -> Result<Option<Record>, StoreError> {
        let records = self.records.borrow();
        records.get(id).map(|v| Self::decode(id, v)).transpose()
    }

    async fn put(
        &self,
        mut record: Record,
        expected_version: u64,
    ) -> Result<Timestamp, StoreError> {
        let mut records = self.records.borrow_mut();
        let stored = records
            .get(&record.id)
            .map(|v| Self::decode(&record.id, v))
            .transpose()?;
        record.created = check_version(stored.as_ref(), &record, expected_version)?;
        let value = serde_json::to_value(&record).map_err(|e| StoreError::Corrupt {
            id: record.id.clone(),
            reason: format!("cannot write the record: {e}"),
        })?;
        records.insert(record.id.clone(), value);
        Ok(record.created)
    }

    async fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.records.borrow_mut().remove(id);
        Ok(())
    }

    async fn clear(&self) -> Result<(), StoreError> {
        self.records.borrow_mut().clear();
        Ok(())
    }

    async fn purge_expired(&self, now: Timestamp) -> Result<usize, StoreError> {
        let mut records = self.records.borrow_mut();
        let before = records.len();
        records.retain(|_, v| {
            // Only the expiry is read, so a record damaged elsewhere still expires.
            match v.get("expires").and_then(Value::as_i64) {
                Some(expires) => expires > now.0,
                None => true,
            }
        });
        Ok(before - records.len())
    }
}
