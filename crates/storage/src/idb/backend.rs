//! Records in IndexedDB (`indexed_db_futures`). One connection per store; it closes
//! itself when another tab upgrades the database, so an upgrade is never blocked by us.
//! One connection serves every record kind: each has its object store ([`IdbRecord`]).

use super::record::{self, IdbRecord};
use crate::backend::check_version;
use crate::{Backend, Due, StoreError, Timestamp};
use indexed_db_futures::database::Database;
use indexed_db_futures::error::{Error, OpenDbError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

pub const DB_NAME: &str = "levensloopkit-concepten";
/// Version 1: `drafts` (records keyed by their `id`) and `keys` (the kept `CryptoKey`).
/// Version 2 adds `cases` (case records keyed by their `id`); drafts and the key stay as
/// they were. A later schema adds a step to `upgrade`, never changes one.
pub const DB_VERSION: u32 = 2;
pub const DRAFTS: &str = "drafts";
pub const KEYS: &str = "keys";
pub const CASES: &str = "cases";

#[derive(Debug)]
pub struct IdbBackend {
    db: Database,
    /// Set when another tab's upgrade made us close: every later call says so.
    closed: Rc<Cell<bool>>,
    /// Kept alive as long as the connection it closes.
    _on_version_change: Closure<dyn FnMut(JsValue)>,
}

impl IdbBackend {
    /// Opens `name`, creating or upgrading it to [`DB_VERSION`]. `Blocked` when a tab
    /// with an older connection that does not close keeps the upgrade waiting.
    pub async fn open(name: &str) -> Result<IdbBackend, StoreError> {
        Self::open_at(name, DB_VERSION).await
    }

    /// Opens at schema `version` (≥ [`DB_VERSION`]): how the tests stand in for a later
    /// kit whose upgrade another tab's connection blocks.
    #[doc(hidden)]
    pub async fn open_at(name: &str, version: u32) -> Result<IdbBackend, StoreError> {
        let signal = Rc::new(Blocked::default());
        let on_blocked = signal.clone();
        let request = Database::open(name)
            .with_version(version.max(DB_VERSION))
            .with_on_blocked(move |_| {
                on_blocked.set();
                Ok(())
            })
            .with_on_upgrade_needed(|event, db| upgrade(event.old_version(), &db))
            .build()
            .map_err(open_error)?;
        let db = UnlessBlocked {
            open: Some(Box::pin(request.into_future())),
            signal,
        }
        .await?;
        // Closed synchronously in the event, not in a spawned future: the upgrading tab
        // is told `blocked` if we are still open when the event has been dispatched.
        let closed = Rc::new(Cell::new(false));
        let raw: web_sys::IdbDatabase = db.as_sys().clone().unchecked_into();
        let on_change = closed.clone();
        let conn = raw.clone();
        let on_version_change = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            on_change.set(true);
            conn.close();
        });
        raw.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        Ok(IdbBackend {
            db,
            closed,
            _on_version_change: on_version_change,
        })
    }

    pub(crate) fn tx(
        &self,
        store: &str,
        mode: TransactionMode,
    ) -> Result<Transaction<'_>, StoreError> {
        if self.closed.get() {
            return Err(StoreError::Unavailable(
                "the database was closed for an upgrade in another tab; reload the page".into(),
            ));
        }
        self.db
            .transaction(store)
            .with_mode(mode)
            .build()
            .map_err(idb_error)
    }
}

/// A dropped store closes its connection: left to the garbage collector it would stay
/// open, with a handler that no longer exists, and block the next upgrade.
impl Drop for IdbBackend {
    fn drop(&mut self) {
        let raw: &web_sys::IdbDatabase = self.db.as_sys().unchecked_ref();
        raw.set_onversionchange(None);
        raw.close();
    }
}

fn upgrade(old_version: f64, db: &Database) -> indexed_db_futures::Result<()> {
    if old_version < 1.0 {
        db.create_object_store(DRAFTS)
            .with_key_path("id".into())
            .build()?;
        db.create_object_store(KEYS).build()?;
    }
    if old_version < 2.0 {
        db.create_object_store(CASES)
            .with_key_path("id".into())
            .build()?;
    }
    Ok(())
}

/// Commits `tx`; a write the browser refused for space arrives here as an abort, with
/// the real reason only on the raw transaction's `error`.
pub(crate) async fn commit(tx: Transaction<'_>) -> Result<(), StoreError> {
    let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
    match tx.commit().await {
        Ok(()) => Ok(()),
        Err(e) => Err(match raw.error() {
            Some(dom) if dom.name() == "QuotaExceededError" => StoreError::QuotaExceeded,
            Some(dom) => StoreError::Unavailable(dom.name() + ": " + &dom.message()),
            None => idb_error(e),
        }),
    }
}

/// The DOM exception's own name and message, or what kind of failure it was. Not the
/// error's `Display`: that formats JavaScript values in Rust, which costs the kit
/// kilobytes of formatting code for a message only a developer reads.
pub(crate) fn idb_error(e: Error) -> StoreError {
    let detail = match &e {
        Error::DomException(d) => {
            let raw: JsValue = d.as_sys().clone().into();
            match raw.dyn_into::<web_sys::DomException>() {
                Ok(dom) if dom.name() == "QuotaExceededError" => return StoreError::QuotaExceeded,
                Ok(dom) => dom.name() + ": " + &dom.message(),
                Err(_) => "IndexedDB: a DOM exception".into(),
            }
        }
        Error::Serialisation(_) => "IndexedDB: a value could not be converted".into(),
        Error::MissingData(_) => "IndexedDB: missing data (an aborted transaction?)".into(),
        Error::Unknown(_) => "IndexedDB: a JavaScript error".into(),
    };
    StoreError::Unavailable(detail)
}

fn open_error(e: OpenDbError) -> StoreError {
    match e {
        OpenDbError::Base(e) => idb_error(e),
        OpenDbError::NullFactory => StoreError::Unavailable("indexedDB is null".into()),
        OpenDbError::UnsupportedEnvironment => {
            StoreError::Unavailable("IndexedDB is not supported here".into())
        }
        OpenDbError::VersionZero => StoreError::Unavailable("database version 0".into()),
    }
}

impl<R: IdbRecord> Backend<R> for IdbBackend {
    async fn all(&self) -> Result<Vec<Result<R, StoreError>>, StoreError> {
        let tx = self.tx(R::STORE, TransactionMode::Readonly)?;
        let store = tx.object_store(R::STORE).map_err(idb_error)?;
        let keys: Vec<JsValue> = collect(
            store
                .get_all_keys::<JsValue>()
                .primitive()
                .map_err(idb_error)?
                .await,
        )?;
        let values: Vec<JsValue> = collect(
            store
                .get_all::<JsValue>()
                .primitive()
                .map_err(idb_error)?
                .await,
        )?;
        Ok(keys
            .iter()
            .zip(values.iter())
            .map(|(k, v)| R::from_js(&key_text(k), v))
            .collect())
    }

    async fn get(&self, id: &str) -> Result<Option<R>, StoreError> {
        let tx = self.tx(R::STORE, TransactionMode::Readonly)?;
        let store = tx.object_store(R::STORE).map_err(idb_error)?;
        let value: Option<JsValue> = store
            .get(JsValue::from_str(id))
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        value.map(|v| R::from_js(id, &v)).transpose()
    }

    async fn put(&self, mut record: R, expected_version: u64) -> Result<Timestamp, StoreError> {
        // Read, check and write in one readwrite transaction: IndexedDB runs them one at
        // a time per store, across tabs too, so two saves cannot both pass the check.
        let tx = self.tx(R::STORE, TransactionMode::Readwrite)?;
        let store = tx.object_store(R::STORE).map_err(idb_error)?;
        let stored: Option<JsValue> = store
            .get(JsValue::from_str(record.id()))
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        let stored = stored.map(|v| R::from_js(record.id(), &v)).transpose()?;
        let created = check_version(stored.as_ref(), &record, expected_version)?;
        record.set_created(created);
        store
            .put(record.to_js()?)
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        commit(tx).await?;
        Ok(created)
    }

    async fn delete(&self, id: &str) -> Result<(), StoreError> {
        let tx = self.tx(R::STORE, TransactionMode::Readwrite)?;
        let store = tx.object_store(R::STORE).map_err(idb_error)?;
        store
            .delete(JsValue::from_str(id))
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        commit(tx).await
    }

    async fn clear(&self) -> Result<(), StoreError> {
        let tx = self.tx(R::STORE, TransactionMode::Readwrite)?;
        let store = tx.object_store(R::STORE).map_err(idb_error)?;
        store.clear().map_err(idb_error)?.await.map_err(idb_error)?;
        commit(tx).await
    }

    async fn purge(&self, due: Due) -> Result<usize, StoreError> {
        let tx = self.tx(R::STORE, TransactionMode::Readwrite)?;
        let store = tx.object_store(R::STORE).map_err(idb_error)?;
        let keys: Vec<JsValue> = collect(
            store
                .get_all_keys::<JsValue>()
                .primitive()
                .map_err(idb_error)?
                .await,
        )?;
        let values: Vec<JsValue> = collect(
            store
                .get_all::<JsValue>()
                .primitive()
                .map_err(idb_error)?
                .await,
        )?;
        let mut purged = 0;
        for (key, value) in keys.iter().zip(values.iter()) {
            // Only the one field is read, so a record damaged elsewhere still goes.
            let (integer, text) = record::clear_field(value, due.field());
            if due.is_due(integer, text.as_deref()) {
                store
                    .delete(key.clone())
                    .primitive()
                    .map_err(idb_error)?
                    .await
                    .map_err(idb_error)?;
                purged += 1;
            }
        }
        commit(tx).await?;
        Ok(purged)
    }
}

fn collect<I>(r: indexed_db_futures::Result<I>) -> Result<Vec<JsValue>, StoreError>
where
    I: Iterator<Item = indexed_db_futures::Result<JsValue>>,
{
    r.map_err(idb_error)?
        .map(|v| v.map_err(idb_error))
        .collect()
}

fn key_text(k: &JsValue) -> String {
    // JSON.stringify formats a number key in JavaScript, not with Rust's float code.
    k.as_string()
        .or_else(|| js_sys::JSON::stringify(k).ok().and_then(|j| j.as_string()))
        .unwrap_or_default()
}

/// Set by the open request's `blocked` event, which wakes the waiting open.
#[derive(Default)]
struct Blocked {
    blocked: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Blocked {
    fn set(&self) {
        self.blocked.set(true);
        if let Some(w) = self.waker.borrow_mut().take() {
            w.wake();
        }
    }
}

/// The open request, given up as `Blocked` once the browser says it is waiting for
/// another tab. The request itself cannot be cancelled: it goes on in the background and
/// the connection it finally opens is closed at once, so it blocks no one in turn.
struct UnlessBlocked<F: Future<Output = Result<Database, OpenDbError>> + 'static> {
    open: Option<Pin<Box<F>>>,
    signal: Rc<Blocked>,
}

impl<F: Future<Output = Result<Database, OpenDbError>> + 'static> Future for UnlessBlocked<F> {
    type Output = Result<Database, StoreError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Some(open) = self.open.as_mut() else {
            return Poll::Ready(Err(StoreError::Blocked));
        };
        if let Poll::Ready(r) = open.as_mut().poll(cx) {
            self.open = None;
            return Poll::Ready(r.map_err(open_error));
        }
        if self.signal.blocked.get() {
            if let Some(open) = self.open.take() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(db) = open.await {
                        db.close();
                    }
                });
            }
            return Poll::Ready(Err(StoreError::Blocked));
        }
        *self.signal.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}
