//! A [`Record`] as an IndexedDB value: a plain object with the bytes as `Uint8Array`s.
//! Reading checks every field, so whatever else is in the store is reported as corrupt.

use crate::{Record, StoreError, Timestamp};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

pub(crate) fn to_js(r: &Record) -> Result<JsValue, StoreError> {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        Reflect::set(&o, &k.into(), &v)
            .map(|_| ())
            .map_err(|_| StoreError::Unavailable("cannot build a record".into()))
    };
    set("id", r.id.as_str().into())?;
    set("form", r.form.as_str().into())?;
    set("definition_version", f64::from(r.definition_version).into())?;
    set("region", r.region.as_str().into())?;
    set("created", (r.created.0 as f64).into())?;
    set("updated", (r.updated.0 as f64).into())?;
    set("expires", (r.expires.0 as f64).into())?;
    set("version", (r.version as f64).into())?;
    // Fresh arrays, not views into wasm memory (which moves when it grows).
    set("iv", Uint8Array::from(r.iv.as_slice()).into())?;
    set(
        "ciphertext",
        Uint8Array::from(r.ciphertext.as_slice()).into(),
    )?;
    Ok(o.into())
}

pub(crate) fn from_js(key: &str, v: &JsValue) -> Result<Record, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt {
        id: key.to_string(),
        reason: format!("{what} is missing or not what a draft record holds"),
    };
    if !v.is_object() {
        return Err(corrupt("the record"));
    }
    let get = |k: &str| Reflect::get(v, &k.into()).ok();
    let string = |k: &str| get(k).and_then(|x| x.as_string()).ok_or_else(|| corrupt(k));
    let int = |k: &str| {
        get(k)
            .and_then(|x| x.as_f64())
            .filter(|n| n.fract() == 0.0 && n.abs() <= MAX_SAFE)
            .map(|n| n as i64)
            .ok_or_else(|| corrupt(k))
    };
    let bytes = |k: &str| {
        get(k)
            .and_then(|x| x.dyn_into::<Uint8Array>().ok())
            .map(|a| a.to_vec())
            .ok_or_else(|| corrupt(k))
    };
    let record = Record {
        id: string("id")?,
        form: string("form")?,
        definition_version: u32::try_from(int("definition_version")?)
            .map_err(|_| corrupt("definition_version"))?,
        region: string("region")?,
        created: Timestamp(int("created")?),
        updated: Timestamp(int("updated")?),
        expires: Timestamp(int("expires")?),
        version: u64::try_from(int("version")?).map_err(|_| corrupt("version"))?,
        iv: bytes("iv")?,
        ciphertext: bytes("ciphertext")?,
    };
    if record.id != key {
        return Err(corrupt("the id"));
    }
    Ok(record)
}

/// Only the expiry, for purging records that are otherwise damaged.
pub(crate) fn expires(v: &JsValue) -> Option<i64> {
    Reflect::get(v, &"expires".into())
        .ok()?
        .as_f64()
        .filter(|n| n.is_finite())
        .map(|n| n as i64)
}
