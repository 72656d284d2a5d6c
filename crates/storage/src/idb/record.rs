//! Records as IndexedDB values: plain objects with the bytes as `Uint8Array`s, one
//! object store for each kind ([`IdbRecord`]). Reading checks every field, so whatever
//! else is in a store is reported as corrupt.

use super::backend::{CASES, DRAFTS};
use crate::{CaseRecord, Record, StoreError, StoredRecord, Timestamp};
use js_sys::{Object, Reflect, Uint8Array};
use llk_core::Date;
use wasm_bindgen::{JsCast, JsValue};

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// A record kind as IndexedDB keeps it.
pub trait IdbRecord: StoredRecord + Sized {
    /// Its object store, keyed by the record's `id`.
    const STORE: &'static str;
    fn to_js(&self) -> Result<JsValue, StoreError>;
    fn from_js(key: &str, v: &JsValue) -> Result<Self, StoreError>;
}

/// Builds a plain object field by field.
struct Writer(Object);

impl Writer {
    fn set(&self, k: &str, v: JsValue) -> Result<&Self, StoreError> {
        Reflect::set(&self.0, &k.into(), &v)
            .map(|_| self)
            .map_err(|_| StoreError::Unavailable("cannot build a record".into()))
    }

    fn int(&self, k: &str, n: i64) -> Result<&Self, StoreError> {
        self.set(k, (n as f64).into())
    }

    /// Fresh arrays, not views into wasm memory (which moves when it grows).
    fn bytes(&self, k: &str, b: &[u8]) -> Result<&Self, StoreError> {
        self.set(k, Uint8Array::from(b).into())
    }

    /// An ISO date, or null.
    fn date(&self, k: &str, d: Option<Date>) -> Result<&Self, StoreError> {
        self.set(k, d.map_or(JsValue::NULL, |d| d.to_string().into()))
    }
}

/// Reads a stored object field by field; anything missing or of another type is
/// `Corrupt` under the record's key.
struct Reader<'a> {
    key: &'a str,
    kind: &'static str,
    v: &'a JsValue,
}

impl<'a> Reader<'a> {
    fn new<R: StoredRecord>(key: &'a str, v: &'a JsValue) -> Result<Self, StoreError> {
        let r = Reader {
            key,
            kind: R::KIND,
            v,
        };
        if !v.is_object() {
            return Err(r.corrupt("the record"));
        }
        Ok(r)
    }

    fn corrupt(&self, what: &str) -> StoreError {
        StoreError::Corrupt {
            id: self.key.to_string(),
            reason: format!("{what} is missing or not what a {} record holds", self.kind),
        }
    }

    fn get(&self, k: &str) -> Option<JsValue> {
        Reflect::get(self.v, &k.into()).ok()
    }

    fn string(&self, k: &str) -> Result<String, StoreError> {
        self.get(k)
            .and_then(|x| x.as_string())
            .ok_or_else(|| self.corrupt(k))
    }

    /// The record's `id`, which must be its key.
    fn id(&self) -> Result<String, StoreError> {
        let id = self.string("id")?;
        if id != self.key {
            return Err(self.corrupt("the id"));
        }
        Ok(id)
    }

    fn int(&self, k: &str) -> Result<i64, StoreError> {
        self.get(k)
            .and_then(|x| x.as_f64())
            .filter(|n| n.fract() == 0.0 && n.abs() <= MAX_SAFE)
            .map(|n| n as i64)
            .ok_or_else(|| self.corrupt(k))
    }

    fn uint<T: TryFrom<i64>>(&self, k: &str) -> Result<T, StoreError> {
        T::try_from(self.int(k)?).map_err(|_| self.corrupt(k))
    }

    fn time(&self, k: &str) -> Result<Timestamp, StoreError> {
        self.int(k).map(Timestamp)
    }

    fn bytes(&self, k: &str) -> Result<Vec<u8>, StoreError> {
        self.get(k)
            .and_then(|x| x.dyn_into::<Uint8Array>().ok())
            .map(|a| a.to_vec())
            .ok_or_else(|| self.corrupt(k))
    }

    /// An ISO date, or null (not missing, not anything else).
    fn date(&self, k: &str) -> Result<Option<Date>, StoreError> {
        match self.get(k) {
            Some(v) if v.is_null() => Ok(None),
            Some(v) => v
                .as_string()
                .and_then(|s| Date::parse_iso(&s))
                .map(Some)
                .ok_or_else(|| self.corrupt(k)),
            None => Err(self.corrupt(k)),
        }
    }
}

impl IdbRecord for Record {
    const STORE: &'static str = DRAFTS;

    fn to_js(&self) -> Result<JsValue, StoreError> {
        let w = Writer(Object::new());
        w.set("id", self.id.as_str().into())?
            .set("form", self.form.as_str().into())?
            .int("definition_version", i64::from(self.definition_version))?
            .set("region", self.region.as_str().into())?
            .int("created", self.created.0)?
            .int("updated", self.updated.0)?
            .int("expires", self.expires.0)?
            .int("version", self.version as i64)?
            .bytes("iv", &self.iv)?
            .bytes("ciphertext", &self.ciphertext)?;
        Ok(w.0.into())
    }

    fn from_js(key: &str, v: &JsValue) -> Result<Record, StoreError> {
        let r = Reader::new::<Record>(key, v)?;
        Ok(Record {
            id: r.id()?,
            form: r.string("form")?,
            definition_version: r.uint("definition_version")?,
            region: r.string("region")?,
            created: r.time("created")?,
            updated: r.time("updated")?,
            expires: r.time("expires")?,
            version: r.uint("version")?,
            iv: r.bytes("iv")?,
            ciphertext: r.bytes("ciphertext")?,
        })
    }
}

impl IdbRecord for CaseRecord {
    const STORE: &'static str = CASES;

    fn to_js(&self) -> Result<JsValue, StoreError> {
        let w = Writer(Object::new());
        w.set("id", self.id.as_str().into())?
            .int("created", self.created.0)?
            .int("updated", self.updated.0)?
            .int("version", self.version as i64)?
            .date("closed_on", self.closed_on)?
            .int("retention_days", i64::from(self.retention_days))?
            .date("purge_after", self.purge_after)?
            .bytes("iv", &self.iv)?
            .bytes("ciphertext", &self.ciphertext)?;
        Ok(w.0.into())
    }

    fn from_js(key: &str, v: &JsValue) -> Result<CaseRecord, StoreError> {
        let r = Reader::new::<CaseRecord>(key, v)?;
        Ok(CaseRecord {
            id: r.id()?,
            created: r.time("created")?,
            updated: r.time("updated")?,
            version: r.uint("version")?,
            closed_on: r.date("closed_on")?,
            retention_days: r.uint("retention_days")?,
            purge_after: r.date("purge_after")?,
            iv: r.bytes("iv")?,
            ciphertext: r.bytes("ciphertext")?,
        })
    }
}

/// One clear field alone, as an integer and as text, for [`crate::Due`]: records that
/// are otherwise damaged are purged too.
pub(crate) fn clear_field(v: &JsValue, field: &str) -> (Option<i64>, Option<String>) {
    let Some(x) = Reflect::get(v, &field.into()).ok() else {
        return (None, None);
    };
    let integer = x.as_f64().filter(|n| n.is_finite()).map(|n| n as i64);
    (integer, x.as_string())
}
