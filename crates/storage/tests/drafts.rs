//! The draft store natively: versions and conflicts, expiry, what a list shows, damaged
//! records, and migration to a newer definition. The memory backend with the plain
//! cipher here; `encryption.rs` does the same store with AES-GCM.

// Natively only: the wasm build has WebCrypto and `browser.rs` instead.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{def, run};
use llk_core::{Severity, Submission};
use llk_storage::{Draft, DraftId, DraftStore, MemoryStore, StoreError, Timestamp};
use serde_json::{Map, Value, json};

const DAY: i64 = 24 * 60 * 60 * 1000;
const T0: Timestamp = Timestamp(1_763_000_000_000);

fn draft(id: &str, naam: &str) -> Draft {
    Draft {
        id: DraftId(id.into()),
        submission: Submission {
            form: "melding".into(),
            version: 1,
            region: "landelijk".into(),
            answers: json!({ "naam": naam, "schoenmaat": "44" }),
            unmapped: Map::new(),
        },
    }
}

fn at(days: i64) -> Timestamp {
    Timestamp(T0.0 + days * DAY)
}

#[test]
fn a_saved_draft_loads_back_with_its_metadata() {
    let store = MemoryStore::in_memory();
    let meta = run(store.save(&draft("a", "Jansen"), 0, T0, 14)).expect("saved");
    assert_eq!(meta.version, 1);
    assert_eq!((meta.created, meta.updated, meta.expires), (T0, T0, at(14)));
    assert_eq!(
        (meta.form.as_str(), meta.definition_version),
        ("melding", 1)
    );
    let loaded = run(store.load(&DraftId("a".into()))).expect("loads");
    assert_eq!(loaded.meta, meta);
    assert_eq!(loaded.submission, draft("a", "Jansen").submission);
}

#[test]
fn every_save_counts_up_and_keeps_created() {
    let store = MemoryStore::in_memory();
    run(store.save(&draft("a", "J"), 0, T0, 14)).expect("v1");
    let v2 = run(store.save(&draft("a", "Ja"), 1, at(1), 14)).expect("v2");
    let v3 = run(store.save(&draft("a", "Jan"), 2, at(2), 30)).expect("v3");
    assert_eq!((v2.version, v3.version), (2, 3));
    assert_eq!(v3.created, T0, "created stays the first save");
    assert_eq!(
        (v3.updated, v3.expires),
        (at(2), at(32)),
        "expiry runs from the last change"
    );
    let loaded = run(store.load(&DraftId("a".into()))).expect("loads");
    assert_eq!(loaded.submission.answers["naam"], json!("Jan"));
}

#[test]
fn a_stale_tab_gets_a_conflict_and_overwrites_nothing() {
    let store = MemoryStore::in_memory();
    run(store.save(&draft("a", "Jansen"), 0, T0, 14)).expect("v1");
    // Tab 1 and tab 2 both loaded version 1; tab 2 saves first.
    run(store.save(&draft("a", "Tab twee"), 1, at(1), 14)).expect("tab 2 saves");
    let err = run(store.save(&draft("a", "Tab een"), 1, at(2), 14)).expect_err("tab 1 is stale");
    assert_eq!(
        err,
        StoreError::Conflict {
            stored_version: 2,
            stored_updated: at(1)
        }
    );
    let loaded = run(store.load(&DraftId("a".into()))).expect("loads");
    assert_eq!(loaded.submission.answers["naam"], json!("Tab twee"));
    assert_eq!(loaded.meta.version, 2);
    // Having seen the newer copy, tab 1 may choose to save over it.
    let meta = run(store.save(&draft("a", "Tab een"), 2, at(3), 14)).expect("chosen");
    assert_eq!(meta.version, 3);
}

#[test]
fn a_new_draft_does_not_replace_one_with_the_same_id() {
    let store = MemoryStore::in_memory();
    run(store.save(&draft("a", "Eerste"), 0, T0, 14)).expect("v1");
    let err = run(store.save(&draft("a", "Tweede"), 0, at(1), 14)).expect_err("exists");
    assert!(matches!(
        err,
        StoreError::Conflict {
            stored_version: 1,
            ..
        }
    ));
}

#[test]
fn a_draft_deleted_in_another_tab_is_written_again_not_lost() {
    let store = MemoryStore::in_memory();
    run(store.save(&draft("a", "Jansen"), 0, T0, 14)).expect("v1");
    run(store.delete(&DraftId("a".into()))).expect("deleted elsewhere");
    let meta = run(store.save(&draft("a", "Jansen"), 1, at(1), 14)).expect("saved again");
    assert_eq!((meta.version, meta.created), (2, at(1)));
}

#[test]
fn a_list_shows_metadata_newest_first_and_no_answers() {
    let store = MemoryStore::in_memory();
    run(store.save(&draft("oud", "Özdemir-Geheim"), 0, T0, 14)).expect("saved");
    run(store.save(&draft("nieuw", "Bakker-Geheim"), 0, at(1), 14)).expect("saved");
    let list = run(store.list()).expect("lists");
    let ids: Vec<&str> = list.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["nieuw", "oud"]);
    assert!(list.unreadable.is_empty());
    let shown = format!("{list:?}");
    assert!(
        !shown.contains("Geheim") && !shown.contains("44"),
        "{shown}"
    );
}

#[test]
fn delete_and_delete_all() {
    let store = MemoryStore::in_memory();
    for id in ["a", "b", "c"] {
        run(store.save(&draft(id, "X"), 0, T0, 14)).expect("saved");
    }
    run(store.delete(&DraftId("b".into()))).expect("deleted");
    run(store.delete(&DraftId("niet-er".into()))).expect("deleting nothing is fine");
    assert_eq!(run(store.list()).expect("lists").drafts.len(), 2);
    assert_eq!(
        run(store.load(&DraftId("b".into()))),
        Err(StoreError::NotFound { id: "b".into() })
    );
    run(store.delete_all()).expect("all deleted");
    assert!(run(store.list()).expect("lists").drafts.is_empty());
}

#[test]
fn expired_drafts_are_purged_and_counted() {
    let store = MemoryStore::in_memory();
    run(store.save(&draft("kort", "X"), 0, T0, 1)).expect("saved");
    run(store.save(&draft("lang", "X"), 0, T0, 30)).expect("saved");
    run(store.save(&draft("nul", "X"), 0, T0, 0)).expect("saved");
    assert_eq!(
        run(store.purge_expired(Timestamp(T0.0 - 1))).expect("purge"),
        0
    );
    assert_eq!(
        run(store.purge_expired(T0)).expect("purge"),
        1,
        "0 days: gone at once"
    );
    assert_eq!(
        run(store.purge_expired(Timestamp(at(1).0 - 1))).expect("purge"),
        0
    );
    assert_eq!(
        run(store.purge_expired(at(1))).expect("purge"),
        1,
        "expires is inclusive"
    );
    let left = run(store.list()).expect("lists");
    assert_eq!(left.drafts.len(), 1);
    assert_eq!(left.drafts[0].id.as_str(), "lang");
    assert_eq!(run(store.purge_expired(at(30))).expect("purge"), 1);
}

#[test]
fn damaged_records_are_reported_not_crashing() {
    let store = MemoryStore::in_memory();
    run(store.save(&draft("goed", "Jansen"), 0, T0, 14)).expect("saved");
    let backend = store.backend();
    backend.insert_raw("tekst", json!("geen record"));
    backend.insert_raw("leeg", json!({}));
    let mut fake = backend.raw("goed").expect("stored");
    fake["id"] = json!("ander");
    backend.insert_raw("verhuisd", fake);

    let list = run(store.list()).expect("the list still comes");
    assert_eq!(list.drafts.len(), 1);
    assert_eq!(list.unreadable.len(), 3);
    assert!(
        list.unreadable
            .iter()
            .all(|e| matches!(e, StoreError::Corrupt { .. }))
    );
    for id in ["tekst", "leeg", "verhuisd"] {
        let err = run(store.load(&DraftId(id.into()))).expect_err("damaged");
        assert!(
            matches!(&err, StoreError::Corrupt { id: i, .. } if i == id),
            "{err:?}"
        );
    }
    // Saving over a damaged record is refused rather than guessed at; deleting works.
    assert!(matches!(
        run(store.save(&draft("leeg", "X"), 0, T0, 14)),
        Err(StoreError::Corrupt { .. })
    ));
    run(store.delete(&DraftId("leeg".into()))).expect("deleted");
    run(store.save(&draft("leeg", "X"), 0, T0, 14)).expect("then saved");
}

#[test]
fn a_record_whose_content_is_not_a_submission_is_corrupt() {
    let store = MemoryStore::in_memory();
    run(store.save(&draft("a", "Jansen"), 0, T0, 14)).expect("saved");
    let backend = store.backend();
    let good = backend.raw("a").expect("stored");

    let mut not_json = good.clone();
    not_json["ciphertext"] = json!([0xff, 0xfe, 0x00]);
    backend.insert_raw("a", not_json);
    let err = run(store.load(&DraftId("a".into()))).expect_err("corrupt");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");

    let mut other_version = good;
    other_version["definition_version"] = json!(7);
    backend.insert_raw("a", other_version);
    let err = run(store.load(&DraftId("a".into()))).expect_err("corrupt");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
}

#[test]
fn random_raw_values_never_panic() {
    let store = MemoryStore::in_memory();
    let values = [
        json!(null),
        json!(1),
        json!([1, 2, 3]),
        json!({"id": "x", "version": -1}),
        json!({"id": "x", "form": 1, "expires": "morgen"}),
        json!({"id": "x", "form": "f", "definition_version": 1, "region": "r", "created": 0,
               "updated": 0, "expires": 0, "version": 1, "iv": [], "ciphertext": [300]}),
        json!({"id": "x", "form": "f", "definition_version": 1, "region": "r", "created": 0,
               "updated": 0, "expires": 1e300, "version": 1, "iv": [], "ciphertext": []}),
    ];
    for (i, v) in values.into_iter().enumerate() {
        store.backend().insert_raw("x", v);
        let _ = run(store.list());
        let _ = run(store.load(&DraftId("x".into())));
        let _ = run(store.save(&draft("x", "Y"), 1, T0, 14));
        let _ = run(store.purge_expired(Timestamp(i as i64)));
    }
}

#[test]
fn a_draft_from_an_older_definition_opens_migrated_with_nothing_lost() {
    let store = MemoryStore::in_memory();
    let mut old = draft("a", "Jansen");
    old.submission.answers["toelichting"] = json!("Oude toelichting");
    run(store.save(&old, 0, T0, 14)).expect("saved under version 1");

    let loaded = run(store.load(&DraftId("a".into()))).expect("loads");
    assert_eq!(loaded.meta.definition_version, 1);
    let (migrated, notes) = loaded.migrate(&def(2));
    let sub = &migrated.submission;
    assert_eq!(sub.version, 2);
    assert_eq!(sub.answers["achternaam"], json!("Jansen"), "renamed");
    assert_eq!(
        sub.unmapped.get("schoenmaat"),
        Some(&json!("44")),
        "dropped: kept aside"
    );
    assert_eq!(
        sub.unmapped.get("toelichting"),
        Some(&json!("Oude toelichting")),
        "no longer a field: kept aside"
    );
    assert!(
        notes.iter().all(|n| n.severity == Severity::Warning),
        "{notes:?}"
    );
    assert_eq!(notes.len(), 2);

    // Saved again, it is a version-2 draft, and the set-aside answers stay with it.
    let meta = run(store.save(&migrated.draft(), migrated.meta.version, at(1), 14)).expect("saved");
    assert_eq!((meta.definition_version, meta.version), (2, 2));
    let again = run(store.load(&DraftId("a".into()))).expect("loads");
    assert_eq!(again.submission.unmapped.len(), 2);
    let (same, notes) = again.migrate(&def(2));
    assert!(notes.is_empty());
    assert_eq!(same.submission.unmapped.len(), 2);
}

#[test]
fn a_draft_of_the_current_version_migrates_to_itself() {
    let store = MemoryStore::in_memory();
    run(store.save(&draft("a", "Jansen"), 0, T0, 14)).expect("saved");
    let loaded = run(store.load(&DraftId("a".into()))).expect("loads");
    let (same, notes) = loaded.clone().migrate(&def(1));
    assert!(notes.is_empty());
    assert_eq!(same, loaded);
}

#[test]
fn every_error_has_a_dutch_sentence() {
    for e in common::every_error() {
        let m = e.message_nl();
        assert!(m.ends_with('.') && m.len() > 40, "{e:?}: {m}");
        assert!(!m.contains("error"), "{m}");
    }
    let _: Value = json!(null);
}
