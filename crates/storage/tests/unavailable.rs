//! Without IndexedDB (`indexedDB` null, as some private modes and policies leave it) the
//! store falls back to memory with a Dutch message, and drafts still save and load.
//! A file of its own: it takes `indexedDB` away from the whole page.

#![cfg(target_arch = "wasm32")]

use llk_core::Submission;
use llk_storage::idb::{self, BrowserStore};
use llk_storage::{Draft, DraftId, DraftStore, StoreError, Timestamp};
use serde_json::{Map, json};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn without_indexeddb_drafts_live_in_memory_and_the_user_is_told() {
    let global = js_sys::global();
    let null = js_sys::Object::new();
    js_sys::Reflect::set(&null, &"value".into(), &JsValue::NULL).expect("descriptor");
    js_sys::Reflect::define_property(&global, &"indexedDB".into(), &null)
        .expect("indexedDB is taken away");

    let err = idb::open("llk-storage-unavailable", None)
        .await
        .expect_err("no IndexedDB");
    assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");

    let (store, problem) = BrowserStore::open("llk-storage-unavailable", None).await;
    assert!(!store.is_persistent());
    let problem = problem.expect("the reason");
    assert!(problem.message_nl().contains("niet worden bewaard"));

    let draft = Draft {
        id: idb::new_draft_id().expect("an id"),
        submission: Submission {
            form: "aanmelding".into(),
            version: 1,
            region: "landelijk".into(),
            answers: json!({ "naam": "Jansen" }),
            unmapped: Map::new(),
        },
    };
    let meta = store
        .save(&draft, 0, idb::now(), 14)
        .await
        .expect("saved in memory");
    let loaded = store.load(&draft.id).await.expect("loads");
    assert_eq!(loaded.meta, meta);
    assert!(
        meta.updated > Timestamp(1_700_000_000_000),
        "now is the browser's clock"
    );
    assert_ne!(idb::new_draft_id().expect("an id"), draft.id);
    assert!(matches!(
        store.load(&DraftId("niet-er".into())).await,
        Err(StoreError::NotFound { .. })
    ));
}
