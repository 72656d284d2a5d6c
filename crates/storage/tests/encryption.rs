//! The store with AES-GCM-256 (the native stand-in for WebCrypto): what lies in a record,
//! a fresh IV per write, and that a wrong key, a changed byte or a moved ciphertext is the
//! decrypt error, never garbage.

// Natively only: the wasm build has WebCrypto and `browser.rs` instead.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{TestAes, run};
use llk_core::Submission;
use llk_storage::{
    Cipher, Draft, DraftId, DraftStore, Drafts, MemoryBackend, Record, StoreError, Timestamp,
};
use serde_json::{Map, json};

const T0: Timestamp = Timestamp(1_763_000_000_000);
const SECRET: &str = "Wilhelmina-Geheimstraat";

fn draft(id: &str) -> Draft {
    Draft {
        id: DraftId(id.into()),
        submission: Submission {
            form: "melding".into(),
            version: 1,
            region: "landelijk".into(),
            answers: json!({ "naam": SECRET, "schoenmaat": "44" }),
            unmapped: Map::new(),
        },
    }
}

fn record(store: &Drafts<MemoryBackend, TestAes>, id: &str) -> Record {
    serde_json::from_value(store.backend().raw(id).expect("stored")).expect("a record")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_record_holds_metadata_and_ciphertext_only() {
    let store = Drafts::new(MemoryBackend::default(), TestAes::random());
    run(store.save(&draft("a"), 0, T0, 14)).expect("saved");
    let raw = store.backend().raw("a").expect("stored");
    let text = raw.to_string();
    assert!(!text.contains(SECRET), "{text}");
    let r = record(&store, "a");
    assert!(!contains(&r.ciphertext, SECRET.as_bytes()));
    assert!(
        !contains(&r.ciphertext, b"naam"),
        "not even the field names"
    );
    assert_eq!(r.iv.len(), 12);
    assert_eq!(
        common::sorted_keys(&raw),
        [
            "ciphertext",
            "created",
            "definition_version",
            "expires",
            "form",
            "id",
            "iv",
            "region",
            "updated",
            "version"
        ]
    );
    let loaded = run(store.load(&DraftId("a".into()))).expect("loads");
    assert_eq!(loaded.submission.answers["naam"], json!(SECRET));
}

#[test]
fn every_write_gets_a_fresh_iv() {
    let store = Drafts::new(MemoryBackend::default(), TestAes::random());
    let mut ivs = Vec::new();
    let mut ciphertexts = Vec::new();
    for v in 0..50 {
        run(store.save(&draft("a"), v, T0, 14)).expect("saved");
        let r = record(&store, "a");
        ivs.push(r.iv);
        ciphertexts.push(r.ciphertext);
    }
    ivs.sort();
    ivs.dedup();
    assert_eq!(ivs.len(), 50, "the same answers, 50 different IVs");
    ciphertexts.sort();
    ciphertexts.dedup();
    assert_eq!(ciphertexts.len(), 50);
    // And the cipher itself, without the store.
    let aes = TestAes::random();
    let a = run(aes.seal(b"zelfde", b"id")).expect("sealed");
    let b = run(aes.seal(b"zelfde", b"id")).expect("sealed");
    assert_ne!(a.iv, b.iv);
    assert_ne!(a.ciphertext, b.ciphertext);
}

#[test]
fn another_key_gets_the_decrypt_error() {
    let backend = MemoryBackend::default();
    let first = Drafts::new(backend, TestAes::from_bytes([1; 32]));
    run(first.save(&draft("a"), 0, T0, 14)).expect("saved");
    let raw = first.backend().raw("a").expect("stored");

    let other = Drafts::new(MemoryBackend::default(), TestAes::from_bytes([2; 32]));
    other.backend().insert_raw("a", raw);
    assert_eq!(
        run(other.load(&DraftId("a".into()))),
        Err(StoreError::Decrypt { id: "a".into() })
    );
    // The list still shows it (metadata needs no key), so it can be deleted.
    assert_eq!(run(other.list()).expect("lists").drafts.len(), 1);
}

#[test]
fn a_changed_byte_gets_the_decrypt_error() {
    let store = Drafts::new(MemoryBackend::default(), TestAes::random());
    run(store.save(&draft("a"), 0, T0, 14)).expect("saved");
    let good = store.backend().raw("a").expect("stored");
    let len = record(&store, "a").ciphertext.len();
    for (field, at) in [("ciphertext", 0), ("ciphertext", len - 1), ("iv", 5)] {
        let mut bad = good.clone();
        let byte = bad[field][at].as_u64().expect("a byte");
        bad[field][at] = json!(byte ^ 1);
        store.backend().insert_raw("a", bad);
        assert_eq!(
            run(store.load(&DraftId("a".into()))),
            Err(StoreError::Decrypt { id: "a".into() }),
            "{field}[{at}]"
        );
    }
    let mut short_iv = good;
    short_iv["iv"] = json!([1, 2, 3]);
    store.backend().insert_raw("a", short_iv);
    assert!(run(store.load(&DraftId("a".into()))).is_err());
}

#[test]
fn a_ciphertext_moved_to_another_draft_does_not_open() {
    let store = Drafts::new(MemoryBackend::default(), TestAes::random());
    run(store.save(&draft("a"), 0, T0, 14)).expect("saved");
    run(store.save(&draft("b"), 0, T0, 14)).expect("saved");
    let mut moved = store.backend().raw("b").expect("stored");
    let a = store.backend().raw("a").expect("stored");
    moved["iv"] = a["iv"].clone();
    moved["ciphertext"] = a["ciphertext"].clone();
    store.backend().insert_raw("b", moved);
    assert_eq!(
        run(store.load(&DraftId("b".into()))),
        Err(StoreError::Decrypt { id: "b".into() })
    );
}
