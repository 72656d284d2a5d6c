//! Records in the page's memory: the native tests' backend and the fallback when
//! IndexedDB is unavailable (the form keeps working; drafts live as long as the page).

use crate::backend::check_version;
use crate::{Backend, Drafts, Due, NoEncryption, StoreError, StoredRecord, Timestamp};
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
/// Single-threaded (`RefCell`), like the browser. One backend holds one kind of record
/// (drafts or cases), as one IndexedDB object store does.
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

    fn decode<R: StoredRecord>(key: &str, value: &Value) -> Result<R, StoreError> {
        let record: R = serde_json::from_value(value.clone()).map_err(|e| StoreError::Corrupt {
            id: key.to_string(),
            reason: format!("not a {} record: {e}", R::KIND),
        })?;
        if record.id() != key {
            return Err(StoreError::Corrupt {
                id: key.to_string(),
                reason: "the record's id is not its key".into(),
            });
        }
        Ok(record)
    }
}

impl<R: StoredRecord> Backend<R> for MemoryBackend {
    async fn all(&self) -> Result<Vec<Result<R, StoreError>>, StoreError> {
        let records = self.records.borrow();
        Ok(records.iter().map(|(k, v)| Self::decode(k, v)).collect())
    }

    async fn get(&self, id: &str) -> Result<Option<R>, StoreError> {
        let records = self.records.borrow();
        records.get(id).map(|v| Self::decode(id, v)).transpose()
    }

    async fn put(&self, mut record: R, expected_version: u64) -> Result<Timestamp, StoreError> {
        let mut records = self.records.borrow_mut();
        let id = record.id().to_string();
        let stored = records
            .get(&id)
            .map(|v| Self::decode::<R>(&id, v))
            .transpose()?;
        let created = check_version(stored.as_ref(), &record, expected_version)?;
        record.set_created(created);
        let value = serde_json::to_value(&record).map_err(|e| StoreError::Corrupt {
            id: id.clone(),
            reason: format!("cannot write the record: {e}"),
        })?;
        records.insert(id, value);
        Ok(created)
    }

    async fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.records.borrow_mut().remove(id);
        Ok(())
    }

    async fn clear(&self) -> Result<(), StoreError> {
        self.records.borrow_mut().clear();
        Ok(())
    }

    async fn purge(&self, due: Due) -> Result<usize, StoreError> {
        let mut records = self.records.borrow_mut();
        let before = records.len();
        records.retain(|_, v| {
            // Only the one field is read, so a record damaged elsewhere still goes.
            let field = v.get(due.field());
            !due.is_due(field.and_then(Value::as_i64), field.and_then(Value::as_str))
        });
        Ok(before - records.len())
    }
}
