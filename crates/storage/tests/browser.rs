//! The IndexedDB store in Chromium (wasm-bindgen-test): round trip, what the raw records
//! hold, conflicts between two connections (two tabs), expiry, tampering, other keys,
//! damaged records and closing for another tab's upgrade; and the case store in the same
//! database (no plaintext in its records, a new connection, purge, a conflict, the
//! upgrade of a version-1 database). Run by `cargo xtask e2e`; natively this file
//! compiles to nothing.
//!
//! wasm-bindgen-test polls the async tests of a file concurrently in one page, so every
//! test has a database of its own.

#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use js_sys::{Reflect, Uint8Array};
use llk_core::{Date, Submission};
use llk_storage::idb::{self, CASES, DRAFTS, IdbBackend, IdbRecord, KEYS, WebCryptoCipher};
use llk_storage::{
    CaseError, CaseId, CaseStatus, CaseStore, Cases, Draft, DraftId, DraftStore, Drafts,
    NoEncryption, Record, StoreError, Timestamp,
};
use serde_json::{Map, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const T0: Timestamp = Timestamp(1_763_000_000_000);
const DAY: i64 = 24 * 60 * 60 * 1000;
const SECRET: &str = "Wilhelmina-Geheimstraat 17";

fn draft(id: &str) -> Draft {
    Draft {
        id: DraftId(id.into()),
        submission: Submission {
            form: "aanmelding".into(),
            version: 3,
            region: "gelderland".into(),
            answers: json!({ "betrokkene": { "adres": SECRET, "bsn": "111222333" } }),
            unmapped: Map::new(),
        },
    }
}

/// A database of the test's own, empty.
async fn fresh(name: &str) -> String {
    let name = format!("llk-storage-test-{name}");
    if let Ok(req) = Database::delete_by_name(&name) {
        let _ = req.await;
    }
    name
}

/// The raw values of an object store, as any script in the origin sees them.
async fn raw_values(name: &str, store: &str) -> Vec<JsValue> {
    let db = Database::open(name).await.expect("opens");
    let tx = db.transaction(store).build().expect("tx");
    let s = tx.object_store(store).expect("store");
    let values: Vec<JsValue> = s
        .get_all::<JsValue>()
        .primitive()
        .expect("request")
        .await
        .expect("values")
        .collect::<Result<_, _>>()
        .expect("values");
    drop(tx);
    db.close();
    values
}

async fn put_raw(name: &str, value: &JsValue) {
    let db = Database::open(name).await.expect("opens");
    let tx = db
        .transaction(DRAFTS)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .expect("tx");
    let s = tx.object_store(DRAFTS).expect("store");
    s.put(value.clone())
        .primitive()
        .expect("put")
        .await
        .expect("put");
    tx.commit().await.expect("commit");
    db.close();
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Which answer strings (or the field names around them) a raw record shows: in its
/// JSON text, in any string property, or as UTF-8 inside any byte array.
fn plaintext_in(record: &JsValue) -> Vec<&'static str> {
    let needles = [SECRET, "Wilhelmina", "111222333", "betrokkene", "adres"];
    let json = js_sys::JSON::stringify(record)
        .ok()
        .and_then(|j| j.as_string())
        .unwrap_or_default();
    let mut texts = vec![json.into_bytes()];
    for value in js_sys::Object::values(record.unchecked_ref::<js_sys::Object>()).iter() {
        if let Some(text) = value.as_string() {
            texts.push(text.into_bytes());
        } else if let Ok(bytes) = value.dyn_into::<Uint8Array>() {
            texts.push(bytes.to_vec());
        }
    }
    needles
        .into_iter()
        .filter(|n| texts.iter().any(|t| contains(t, n.as_bytes())))
        .collect()
}

/// A raw record's field names in the order they were written.
fn keys_of(record: &JsValue) -> Vec<String> {
    js_sys::Object::keys(record.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect()
}

#[wasm_bindgen_test]
async fn a_draft_round_trips_through_indexeddb() {
    let name = fresh("round-trip").await;
    let store = idb::open(&name, None).await.expect("opens");
    let meta = store.save(&draft("a"), 0, T0, 14).await.expect("saved");
    assert_eq!(
        (meta.version, meta.expires),
        (1, Timestamp(T0.0 + 14 * DAY))
    );
    let loaded = store.load(&DraftId("a".into())).await.expect("loads");
    assert_eq!(loaded.meta, meta);
    assert_eq!(loaded.submission, draft("a").submission);

    // A second connection (another tab, or the page after a reload) reads it with the
    // key kept in the database.
    let again = idb::open(&name, None).await.expect("opens again");
    let loaded = again.load(&DraftId("a".into())).await.expect("loads");
    assert_eq!(
        loaded.submission.answers["betrokkene"]["adres"],
        json!(SECRET)
    );
    let list = again.list().await.expect("lists");
    assert_eq!(list.drafts, vec![meta]);
}

#[wasm_bindgen_test]
async fn the_raw_records_hold_no_answer_in_plaintext() {
    let name = fresh("raw").await;
    let store = idb::open(&name, None).await.expect("opens");
    store.save(&draft("a"), 0, T0, 14).await.expect("saved");
    store
        .save(&draft("a"), 1, T0, 14)
        .await
        .expect("saved twice");

    let values = raw_values(&name, DRAFTS).await;
    assert_eq!(values.len(), 1);
    let record = &values[0];
    assert_eq!(plaintext_in(record), Vec::<&str>::new());
    assert_eq!(
        keys_of(record),
        [
            "id",
            "form",
            "definition_version",
            "region",
            "created",
            "updated",
            "expires",
            "version",
            "iv",
            "ciphertext"
        ]
    );
    // The kept key is a CryptoKey whose bytes script cannot export.
    let keys = raw_values(&name, KEYS).await;
    assert_eq!(keys.len(), 1);
    let key = keys[0]
        .clone()
        .dyn_into::<web_sys::CryptoKey>()
        .expect("a CryptoKey");
    assert!(!key.extractable());
}

/// The control for the test above: without encryption the same search does find the
/// answers, so its empty result there is not for want of looking.
#[wasm_bindgen_test]
async fn the_raw_search_finds_answers_when_nothing_is_encrypted() {
    let name = fresh("raw-control").await;
    let plain = Drafts::new(IdbBackend::open(&name).await.expect("opens"), NoEncryption);
    plain.save(&draft("a"), 0, T0, 14).await.expect("saved");
    let values = raw_values(&name, DRAFTS).await;
    assert_eq!(
        plaintext_in(&values[0]),
        [SECRET, "Wilhelmina", "111222333", "betrokkene", "adres"]
    );
}

#[wasm_bindgen_test]
async fn a_stale_tab_gets_a_conflict() {
    let name = fresh("conflict").await;
    let tab1 = idb::open(&name, None).await.expect("opens");
    let tab2 = idb::open(&name, None).await.expect("opens");
    tab1.save(&draft("a"), 0, T0, 14).await.expect("v1");
    let seen = tab2
        .load(&DraftId("a".into()))
        .await
        .expect("tab 2 loads v1");
    tab1.save(&draft("a"), 1, Timestamp(T0.0 + 5), 14)
        .await
        .expect("tab 1 saves v2");
    let err = tab2
        .save(&seen.draft(), seen.meta.version, Timestamp(T0.0 + 9), 14)
        .await
        .expect_err("tab 2 is stale");
    assert_eq!(
        err,
        StoreError::Conflict {
            stored_version: 2,
            stored_updated: Timestamp(T0.0 + 5)
        }
    );
    assert_eq!(
        tab2.load(&DraftId("a".into()))
            .await
            .expect("loads")
            .meta
            .version,
        2
    );
}

#[wasm_bindgen_test]
async fn expired_drafts_are_purged() {
    let name = fresh("expiry").await;
    let store = idb::open(&name, None).await.expect("opens");
    store.save(&draft("kort"), 0, T0, 1).await.expect("saved");
    store.save(&draft("lang"), 0, T0, 14).await.expect("saved");
    assert_eq!(
        store
            .purge_expired(Timestamp(T0.0 + DAY - 1))
            .await
            .expect("purges"),
        0
    );
    assert_eq!(
        store
            .purge_expired(Timestamp(T0.0 + DAY))
            .await
            .expect("purges"),
        1
    );
    let ids: Vec<String> = store
        .list()
        .await
        .expect("lists")
        .drafts
        .into_iter()
        .map(|d| d.id.0)
        .collect();
    assert_eq!(ids, ["lang"]);
    store.delete_all().await.expect("deletes");
    assert!(store.list().await.expect("lists").drafts.is_empty());
}

#[wasm_bindgen_test]
async fn a_tampered_ciphertext_gives_the_decrypt_error() {
    let name = fresh("tamper").await;
    let store = idb::open(&name, None).await.expect("opens");
    store.save(&draft("a"), 0, T0, 14).await.expect("saved");
    let record = raw_values(&name, DRAFTS).await.remove(0);
    let ciphertext: Uint8Array = Reflect::get(&record, &"ciphertext".into())
        .expect("field")
        .dyn_into()
        .expect("bytes");
    ciphertext.set_index(3, ciphertext.get_index(3) ^ 0x01);
    put_raw(&name, &record).await;
    assert_eq!(
        store.load(&DraftId("a".into())).await,
        Err(StoreError::Decrypt { id: "a".into() })
    );
}

#[wasm_bindgen_test]
async fn another_key_cannot_read_it_and_a_host_key_takes_precedence() {
    let name = fresh("keys").await;
    let host = WebCryptoCipher::generate_key().await.expect("a key");
    let with_host_key = idb::open(&name, Some(host.clone())).await.expect("opens");
    with_host_key
        .save(&draft("a"), 0, T0, 14)
        .await
        .expect("saved");
    assert!(
        raw_values(&name, KEYS).await.is_empty(),
        "no key was made or kept"
    );

    let with_kept_key = idb::open(&name, None).await.expect("opens");
    assert_eq!(
        with_kept_key.load(&DraftId("a".into())).await,
        Err(StoreError::Decrypt { id: "a".into() })
    );
    let other = WebCryptoCipher::generate_key().await.expect("a key");
    let with_other = idb::open(&name, Some(other)).await.expect("opens");
    assert_eq!(
        with_other.load(&DraftId("a".into())).await,
        Err(StoreError::Decrypt { id: "a".into() })
    );
    // Metadata is listed whatever the key, so the user can delete what cannot be read.
    assert_eq!(with_other.list().await.expect("lists").drafts.len(), 1);
    let again = idb::open(&name, Some(host)).await.expect("opens");
    assert!(again.load(&DraftId("a".into())).await.is_ok());
}

#[wasm_bindgen_test]
async fn a_damaged_record_is_reported_not_crashing() {
    let name = fresh("damaged").await;
    let store = idb::open(&name, None).await.expect("opens");
    store.save(&draft("goed"), 0, T0, 14).await.expect("saved");
    let bad = js_sys::Object::new();
    Reflect::set(&bad, &"id".into(), &"kapot".into()).expect("set");
    Reflect::set(&bad, &"ciphertext".into(), &"geen bytes".into()).expect("set");
    put_raw(&name, &bad.into()).await;
    let list = store.list().await.expect("the list still comes");
    assert_eq!(list.drafts.len(), 1);
    assert!(matches!(&list.unreadable[..], [StoreError::Corrupt { id, .. }] if id == "kapot"));
    assert!(matches!(
        store.load(&DraftId("kapot".into())).await,
        Err(StoreError::Corrupt { .. })
    ));
    store
        .delete(&DraftId("kapot".into()))
        .await
        .expect("deletable");
}

#[wasm_bindgen_test]
async fn a_connection_closes_for_another_tabs_upgrade() {
    let name = fresh("upgrade").await;
    let store = idb::open(&name, None).await.expect("opens");
    store.save(&draft("a"), 0, T0, 14).await.expect("saved");
    // A newer kit in another tab upgrades the database: not blocked by us.
    let newer = Database::open(&name)
        .with_version(idb::DB_VERSION + 1)
        .await
        .expect("the upgrade is not blocked");
    newer.close();
    let err = store.list().await.expect_err("closed");
    assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
}

#[wasm_bindgen_test]
async fn an_upgrade_held_up_by_another_tab_is_blocked_not_hanging() {
    let name = fresh("blocked").await;
    drop(idb::open(&name, None).await.expect("version 1"));
    // An old tab whose connection does not close on `versionchange`.
    let old = Database::open(&name).await.expect("opens");
    let err = IdbBackend::open_at(&name, idb::DB_VERSION + 1)
        .await
        .expect_err("the upgrade waits for the old tab");
    assert_eq!(err, StoreError::Blocked);
    assert!(err.message_nl().contains("ander tabblad"));
    // Once the old tab is gone, the abandoned request completes and closes its own
    // connection at once, so it does not block the next upgrade in turn.
    old.close();
    gloo_timers::future::TimeoutFuture::new(50).await;
    let newer = Database::open(&name)
        .with_version(idb::DB_VERSION + 2)
        .await
        .expect("not blocked by the abandoned request");
    newer.close();
}

// ---- Cases ----

/// A case as the case model might write it, with the same name, address and BSN the
/// drafts' search looks for.
fn case() -> serde_json::Value {
    json!({
        "betrokkene": { "naam": "Wilhelmina", "adres": SECRET, "bsn": "111222333" },
        "gebeurtenissen": [{ "soort": "melding", "op": "2026-01-05" }],
    })
}

fn day(iso: &str) -> Date {
    Date::parse_iso(iso).expect("a date")
}

fn ids(list: &[llk_storage::CaseMeta]) -> Vec<String> {
    list.iter().map(|c| c.id.0.clone()).collect()
}

#[wasm_bindgen_test]
async fn a_case_is_sealed_in_its_own_store_and_reloads_through_a_new_connection() {
    let name = fresh("case-raw").await;
    let cases = idb::open_cases(&name, None).await.expect("opens");
    let closed = CaseStatus::closed(day("2026-03-01"), 30);
    let meta = cases
        .save(&CaseId("c1".into()), &case(), closed, 0, T0)
        .await
        .expect("saved");
    assert_eq!(meta.purge_after, Some(day("2026-03-31")));

    let values = raw_values(&name, CASES).await;
    assert_eq!(values.len(), 1);
    let record = &values[0];
    assert_eq!(plaintext_in(record), Vec::<&str>::new());
    assert_eq!(
        keys_of(record),
        [
            "id",
            "created",
            "updated",
            "version",
            "closed_on",
            "retention_days",
            "purge_after",
            "iv",
            "ciphertext"
        ]
    );
    assert!(
        raw_values(&name, DRAFTS).await.is_empty(),
        "not among the drafts"
    );

    // The page after a reload: a new connection, the key kept in the database (one key,
    // shared with the drafts).
    drop(cases);
    let again = idb::open_cases(&name, None).await.expect("opens again");
    let loaded = again.load(&CaseId("c1".into())).await.expect("loads");
    assert_eq!((loaded.meta, loaded.case), (meta.clone(), case()));
    assert_eq!(again.list().await.expect("lists").cases, vec![meta]);
    let drafts = idb::open(&name, None).await.expect("drafts open too");
    drafts.save(&draft("d"), 0, T0, 14).await.expect("saved");
    assert_eq!(raw_values(&name, KEYS).await.len(), 1, "one key for both");
    // "Alle concepten verwijderen" leaves the cases alone.
    drafts.delete_all().await.expect("deleted");
    assert_eq!(again.list().await.expect("lists").cases.len(), 1);
}

/// The control: unencrypted, the same search finds the case's plaintext.
#[wasm_bindgen_test]
async fn the_raw_search_finds_a_case_when_nothing_is_encrypted() {
    let name = fresh("case-raw-control").await;
    let plain = Cases::new(IdbBackend::open(&name).await.expect("opens"), NoEncryption);
    plain
        .save(&CaseId("c".into()), &case(), CaseStatus::open(30), 0, T0)
        .await
        .expect("saved");
    let values = raw_values(&name, CASES).await;
    assert_eq!(
        plaintext_in(&values[0]),
        [SECRET, "Wilhelmina", "111222333", "betrokkene", "adres"]
    );
}

#[wasm_bindgen_test]
async fn closed_cases_are_purged_after_their_retention_and_open_ones_never() {
    let name = fresh("case-purge").await;
    let cases = idb::open_cases(&name, None).await.expect("opens");
    let save = |id: &str, status| {
        let id = CaseId(id.into());
        let cases = &cases;
        async move {
            cases
                .save(&id, &case(), status, 0, T0)
                .await
                .expect("saved")
        }
    };
    save("open", CaseStatus::open(0)).await;
    save("kort", CaseStatus::closed(day("2026-03-01"), 30)).await; // kept to 31 March
    save("lang", CaseStatus::closed(day("2026-03-01"), 60)).await; // kept to 30 April
    assert_eq!(
        ids(&cases
            .expiring(day("2026-03-25"), 7)
            .await
            .expect("expiring")),
        ["kort"]
    );
    assert_eq!(
        cases.purge_closed(day("2026-03-31")).await.expect("purges"),
        0
    );
    assert_eq!(
        cases.purge_closed(day("2026-04-01")).await.expect("purges"),
        1
    );
    assert_eq!(
        cases.purge_closed(day("9999-12-31")).await.expect("purges"),
        1
    );
    let again = idb::open_cases(&name, None).await.expect("opens again");
    assert_eq!(ids(&again.list().await.expect("lists").cases), ["open"]);
}

#[wasm_bindgen_test]
async fn a_stale_tab_cannot_overwrite_a_newer_case_and_a_wrong_key_cannot_open_it() {
    let name = fresh("case-conflict").await;
    let tab1 = idb::open_cases(&name, None).await.expect("opens");
    let tab2 = idb::open_cases(&name, None).await.expect("opens");
    let id = CaseId("c".into());
    let open = CaseStatus::open(30);
    tab1.save(&id, &case(), open, 0, T0).await.expect("v1");
    tab1.save(&id, &json!({"nieuwer": true}), open, 1, Timestamp(T0.0 + 5))
        .await
        .expect("v2");
    let err = tab2
        .save(&id, &case(), open, 1, Timestamp(T0.0 + 9))
        .await
        .expect_err("tab 2 is stale");
    assert!(
        matches!(
            err,
            CaseError(StoreError::Conflict {
                stored_version: 2,
                ..
            })
        ),
        "{err:?}"
    );
    assert_eq!(
        tab2.load(&id).await.expect("loads").case,
        json!({"nieuwer": true})
    );
    let other = WebCryptoCipher::generate_key().await.expect("a key");
    let with_other = idb::open_cases(&name, Some(other)).await.expect("opens");
    assert_eq!(
        with_other.load(&id).await,
        Err(CaseError(StoreError::Decrypt { id: "c".into() }))
    );
    assert_eq!(with_other.list().await.expect("lists").cases.len(), 1);
}

/// A database a kit of version 1 made (drafts and the key only) is upgraded in place:
/// the draft is still there, and cases can be kept beside it.
#[wasm_bindgen_test]
async fn a_version_1_database_gets_the_cases_store_and_keeps_its_drafts() {
    let name = fresh("upgrade-to-2").await;
    let v1 = Database::open(&name)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store(DRAFTS)
                .with_key_path("id".into())
                .build()?;
            db.create_object_store(KEYS).build()?;
            Ok(())
        })
        .await
        .expect("version 1");
    assert_eq!(v1.object_store_names().collect::<Vec<_>>(), [DRAFTS, KEYS]);
    v1.close();
    let plaintext = serde_json::to_vec(&draft("a").submission).expect("json");
    let old = Record {
        id: "a".into(),
        form: "aanmelding".into(),
        definition_version: 3,
        region: "gelderland".into(),
        created: T0,
        updated: T0,
        expires: Timestamp(T0.0 + 14 * DAY),
        version: 1,
        iv: Vec::new(),
        ciphertext: plaintext,
    };
    put_raw(&name, &old.to_js().expect("a value")).await;

    let drafts = Drafts::new(
        IdbBackend::open(&name).await.expect("upgrades"),
        NoEncryption,
    );
    let loaded = drafts
        .load(&DraftId("a".into()))
        .await
        .expect("the draft is kept");
    assert_eq!(loaded.submission, draft("a").submission);
    let cases = Cases::new(IdbBackend::open(&name).await.expect("opens"), NoEncryption);
    cases
        .save(&CaseId("c".into()), &case(), CaseStatus::open(30), 0, T0)
        .await
        .expect("a case beside it");
    let db = Database::open(&name).await.expect("opens");
    assert_eq!(db.version(), f64::from(idb::DB_VERSION));
    let mut stores: Vec<String> = db.object_store_names().collect();
    stores.sort();
    assert_eq!(stores, [CASES, DRAFTS, KEYS]);
    db.close();
}
