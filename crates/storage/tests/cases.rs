//! The case store natively: save, load and list, versions and conflicts between tabs,
//! retention after uitstroom (purge and the caseload's warning at the boundary days),
//! open cases kept whatever their age, damaged records, other keys, and that a record
//! holds nothing about the person in the clear. The memory backend, plain and with
//! AES-GCM (the native stand-in for WebCrypto); `browser.rs` does IndexedDB.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{TestAes, run, sorted_keys};
use llk_core::{Date, Submission};
use llk_storage::{
    CaseError, CaseId, CaseRecord, CaseStatus, CaseStore, Cases, Draft, DraftId, DraftStore,
    Drafts, MemoryBackend, MemoryCases, StoreError, Timestamp,
};
use serde_json::{Map, Value, json};

const DAY: i64 = 24 * 60 * 60 * 1000;
const T0: Timestamp = Timestamp(1_763_000_000_000);
const NAME: &str = "Wilhelmina Geheimstraat";
const BSN: &str = "111222333";

fn at(days: i64) -> Timestamp {
    Timestamp(T0.0 + days * DAY)
}

fn day(iso: &str) -> Date {
    Date::parse_iso(iso).expect("a date")
}

fn id(s: &str) -> CaseId {
    CaseId(s.into())
}

/// A case as the case model might write it: submissions and events.
fn case(note: &str) -> Value {
    json!({
        "person": { "name": NAME, "bsn": BSN },
        "submissions": [{ "form": "aanmelding", "answers": { "toelichting": note } }],
        "events": [{ "kind": "melding", "on": "2026-01-05" }],
    })
}

fn open_case() -> CaseStatus {
    CaseStatus::open(365)
}

#[test]
fn a_saved_case_loads_back_with_its_metadata() {
    let store = MemoryCases::in_memory();
    let meta = run(store.save(&id("a"), &case("eerste"), open_case(), 0, T0)).expect("saved");
    assert_eq!((meta.version, meta.created, meta.updated), (1, T0, T0));
    assert_eq!(
        (meta.closed_on, meta.retention_days, meta.purge_after),
        (None, 365, None)
    );
    let loaded = run(store.load(&id("a"))).expect("loads");
    assert_eq!(loaded.meta, meta);
    assert_eq!(loaded.case, case("eerste"));
    let list = run(store.list()).expect("lists");
    assert_eq!(list.cases, vec![meta]);
    assert!(list.unreadable.is_empty());
}

#[test]
fn every_save_counts_up_keeps_created_and_closing_sets_the_purge_day() {
    let store = MemoryCases::in_memory();
    run(store.save(&id("a"), &case("1"), open_case(), 0, T0)).expect("v1");
    let v2 = run(store.save(&id("a"), &case("2"), open_case(), 1, at(1))).expect("v2");
    let closed = CaseStatus::closed(day("2026-03-31"), 30);
    let v3 = run(store.save(&id("a"), &case("3"), closed, 2, at(2))).expect("v3");
    assert_eq!((v2.version, v3.version), (2, 3));
    assert_eq!(
        (v3.created, v3.updated),
        (T0, at(2)),
        "created stays the first save"
    );
    assert_eq!(v3.closed_on, Some(day("2026-03-31")));
    assert_eq!(
        v3.purge_after,
        Some(day("2026-04-30")),
        "closed_on + 30 days"
    );
    assert_eq!(v3.status(), closed);
    // Reopened (a person comes back before the case is purged): kept as long as it is open.
    let v4 = run(store.save(&id("a"), &case("4"), open_case(), 3, at(3))).expect("v4");
    assert_eq!((v4.closed_on, v4.purge_after), (None, None));
    assert_eq!(run(store.load(&id("a"))).expect("loads").case, case("4"));
}

#[test]
fn a_stale_tab_gets_a_conflict_and_overwrites_nothing() {
    let store = MemoryCases::in_memory();
    run(store.save(&id("a"), &case("basis"), open_case(), 0, T0)).expect("v1");
    run(store.save(&id("a"), &case("tab twee"), open_case(), 1, at(1))).expect("tab 2");
    let err = run(store.save(&id("a"), &case("tab een"), open_case(), 1, at(2)))
        .expect_err("tab 1 is stale");
    assert_eq!(
        err,
        CaseError(StoreError::Conflict {
            stored_version: 2,
            stored_updated: at(1)
        })
    );
    let loaded = run(store.load(&id("a"))).expect("loads");
    assert_eq!((loaded.meta.version, loaded.case), (2, case("tab twee")));
    // A new case never replaces a stored one with the same id.
    assert!(matches!(
        run(store.save(&id("a"), &case("nieuw"), open_case(), 0, at(3))),
        Err(CaseError(StoreError::Conflict {
            stored_version: 2,
            ..
        }))
    ));
    // Having seen the newer copy, tab 1 may save over it.
    let meta = run(store.save(&id("a"), &case("tab een"), open_case(), 2, at(4))).expect("v3");
    assert_eq!(meta.version, 3);
}

#[test]
fn a_case_deleted_in_another_tab_is_written_again_and_delete_is_idempotent() {
    let store = MemoryCases::in_memory();
    run(store.save(&id("a"), &case("x"), open_case(), 0, T0)).expect("v1");
    run(store.delete(&id("a"))).expect("deleted elsewhere");
    assert_eq!(
        run(store.load(&id("a"))),
        Err(CaseError(StoreError::NotFound { id: "a".into() }))
    );
    run(store.delete(&id("a"))).expect("deleting nothing is fine");
    let meta = run(store.save(&id("a"), &case("x"), open_case(), 1, at(1))).expect("again");
    assert_eq!((meta.version, meta.created), (2, at(1)));
}

#[test]
fn a_list_is_newest_first_and_shows_nothing_of_the_case() {
    let store = MemoryCases::in_memory();
    run(store.save(&id("oud"), &case("x"), open_case(), 0, T0)).expect("saved");
    run(store.save(&id("nieuw"), &case("x"), open_case(), 0, at(1))).expect("saved");
    let list = run(store.list()).expect("lists");
    let ids: Vec<&str> = list.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["nieuw", "oud"]);
    let shown = format!("{list:?}");
    assert!(!shown.contains("Geheim") && !shown.contains(BSN), "{shown}");
}

/// Closed on 1 March 2026 with 30 days' retention: kept up to and including 31 March,
/// purged from 1 April.
#[test]
fn a_closed_case_is_purged_the_day_after_its_retention_not_before() {
    let store = MemoryCases::in_memory();
    let closed = CaseStatus::closed(day("2026-03-01"), 30);
    let meta = run(store.save(&id("a"), &case("x"), closed, 0, T0)).expect("saved");
    assert_eq!(meta.purge_after, Some(day("2026-03-31")));
    for kept in ["2026-03-01", "2026-03-30", "2026-03-31"] {
        assert_eq!(
            run(store.purge_closed(day(kept))).expect("purge"),
            0,
            "{kept}"
        );
        assert!(!meta.is_due(day(kept)));
    }
    assert!(meta.is_due(day("2026-04-01")));
    assert_eq!(
        run(store.purge_closed(day("2026-04-01"))).expect("purge"),
        1
    );
    assert!(run(store.list()).expect("lists").cases.is_empty());
}

#[test]
fn retention_zero_keeps_a_case_through_its_closing_day() {
    let store = MemoryCases::in_memory();
    let closed = CaseStatus::closed(day("2026-03-01"), 0);
    run(store.save(&id("a"), &case("x"), closed, 0, T0)).expect("saved");
    assert_eq!(
        run(store.purge_closed(day("2026-03-01"))).expect("purge"),
        0
    );
    assert_eq!(
        run(store.purge_closed(day("2026-03-02"))).expect("purge"),
        1
    );
}

#[test]
fn an_open_case_is_never_purged_nor_warned_about_whatever_its_age() {
    let store = MemoryCases::in_memory();
    // Saved in 1970 with no retention at all, and still open.
    run(store.save(
        &id("open"),
        &case("x"),
        CaseStatus::open(0),
        0,
        Timestamp(0),
    ))
    .expect("saved");
    let closed = CaseStatus::closed(day("2000-01-01"), 0);
    run(store.save(&id("dicht"), &case("x"), closed, 0, Timestamp(0))).expect("saved");
    assert_eq!(
        run(store.purge_closed(day("9999-12-31"))).expect("purge"),
        1
    );
    let ids: Vec<String> = run(store.list())
        .expect("lists")
        .cases
        .into_iter()
        .map(|c| c.id.0)
        .collect();
    assert_eq!(ids, ["open"]);
    assert!(
        run(store.expiring(day("9999-12-31"), 10_000))
            .expect("expiring")
            .is_empty()
    );
}

/// `today` 1 June, a warning 14 days ahead: cases purged on or before 15 June (their
/// last day before 15 June) are listed, soonest first; the ones already due as well.
#[test]
fn expiring_lists_the_closed_cases_purged_within_the_warning_period() {
    let store = MemoryCases::in_memory();
    let today = day("2026-06-01");
    // Closed on 1 May with retention r: last kept day 1 May + r.
    for (name, retention) in [
        ("al-verlopen", 20), // 21 May: already due
        ("vandaag", 31),     // 1 June: purged tomorrow
        ("dag-13", 44),      // 14 June: purged on 15 June, within 14 days
        ("dag-14", 45),      // 15 June: purged on 16 June, one day too late
        ("later", 100),
    ] {
        let status = CaseStatus::closed(day("2026-05-01"), retention);
        run(store.save(&id(name), &case("x"), status, 0, T0)).expect("saved");
    }
    run(store.save(&id("open"), &case("x"), open_case(), 0, T0)).expect("saved");

    let soon: Vec<String> = run(store.expiring(today, 14))
        .expect("expiring")
        .into_iter()
        .map(|c| c.id.0)
        .collect();
    assert_eq!(soon, ["al-verlopen", "vandaag", "dag-13"]);
    let due_now: Vec<String> = run(store.expiring(today, 0))
        .expect("expiring")
        .into_iter()
        .map(|c| c.id.0)
        .collect();
    assert_eq!(
        due_now,
        ["al-verlopen"],
        "0 days: what a purge today deletes"
    );
    // The same from a list already read, as the caseload has one.
    let list = run(store.list()).expect("lists");
    assert_eq!(list.expiring(today, 15).len(), 4);
    // And the purge agrees with the warning.
    assert_eq!(run(store.purge_closed(today)).expect("purge"), 1);
}

#[test]
fn damaged_records_are_reported_not_crashing() {
    let store = MemoryCases::in_memory();
    let closed = CaseStatus::closed(day("2026-03-01"), 30);
    run(store.save(&id("goed"), &case("x"), closed, 0, T0)).expect("saved");
    let backend = store.backend();
    let good = backend.raw("goed").expect("stored");
    backend.insert_raw("tekst", json!("geen record"));
    backend.insert_raw("leeg", json!({}));
    let mut moved = good.clone();
    moved["id"] = json!("ander");
    backend.insert_raw("verhuisd", moved);
    let mut bad_date = good.clone();
    bad_date["id"] = json!("datum");
    bad_date["closed_on"] = json!("1 maart");
    backend.insert_raw("datum", bad_date);
    // Reopened on paper but still carrying a purge day: not what this crate writes.
    let mut mismatch = good.clone();
    mismatch["id"] = json!("scheef");
    mismatch["closed_on"] = json!(null);
    backend.insert_raw("scheef", mismatch);
    // A draft record in the cases' store.
    backend.insert_raw(
        "concept",
        json!({"id": "concept", "form": "f", "definition_version": 1, "region": "r",
               "created": 0, "updated": 0, "expires": 0, "version": 1, "iv": [], "ciphertext": []}),
    );

    let list = run(store.list()).expect("the list still comes");
    assert_eq!(list.cases.len(), 1);
    let damaged = ["tekst", "leeg", "verhuisd", "datum", "scheef", "concept"];
    assert_eq!(list.unreadable.len(), damaged.len());
    assert!(
        list.unreadable
            .iter()
            .all(|e| matches!(e, CaseError(StoreError::Corrupt { .. }))),
        "{:?}",
        list.unreadable
    );
    for name in damaged {
        let err = run(store.load(&id(name))).expect_err("damaged");
        assert!(
            matches!(&err, CaseError(StoreError::Corrupt { id: i, .. }) if i == name),
            "{err:?}"
        );
        assert!(err.message_nl().contains("beschadigd"));
    }
    // Saving over a damaged record is refused rather than guessed at; deleting works.
    assert!(matches!(
        run(store.save(&id("leeg"), &case("x"), open_case(), 0, T0)),
        Err(CaseError(StoreError::Corrupt { .. }))
    ));
    run(store.delete(&id("leeg"))).expect("deleted");
    run(store.save(&id("leeg"), &case("x"), open_case(), 0, T0)).expect("then saved");
}

#[test]
fn load_all_opens_every_case_in_list_order_and_a_bad_one_spoils_nothing_else() {
    let store = Cases::new(MemoryBackend::default(), TestAes::from_bytes([3; 32]));
    for (n, name) in ["a", "b", "c", "d"].into_iter().enumerate() {
        let t = at(i64::try_from(n).expect("small"));
        run(store.save(&id(name), &case(name), open_case(), 0, t)).expect("saved");
    }
    // "b" changed on disk: its own error, and the others open.
    let mut b = store.backend().raw("b").expect("stored");
    let byte = b["ciphertext"][0].as_u64().expect("a byte");
    b["ciphertext"][0] = json!(byte ^ 1);
    store.backend().insert_raw("b", b);
    let (list, loaded) = run(store.load_all()).expect("loads");
    assert_eq!(list, run(store.list()).expect("lists"));
    let ids: Vec<&str> = list.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["d", "c", "b", "a"]);
    assert_eq!(loaded.len(), 4);
    for (meta, got) in list.cases.iter().zip(&loaded) {
        if meta.id.as_str() == "b" {
            assert_eq!(got, &Err(CaseError(StoreError::Decrypt { id: "b".into() })));
        } else {
            // The same as loading it alone.
            assert_eq!(got, &run(store.load(&meta.id)), "{}", meta.id.as_str());
            assert_eq!(got.as_ref().expect("opens").case, case(meta.id.as_str()));
        }
    }
}

#[test]
fn a_record_whose_content_is_not_json_is_corrupt() {
    let store = MemoryCases::in_memory();
    run(store.save(&id("a"), &case("x"), open_case(), 0, T0)).expect("saved");
    let mut raw = store.backend().raw("a").expect("stored");
    raw["ciphertext"] = json!([0xff, 0xfe, 0x00]);
    store.backend().insert_raw("a", raw);
    let err = run(store.load(&id("a"))).expect_err("corrupt");
    assert!(
        matches!(err, CaseError(StoreError::Corrupt { .. })),
        "{err:?}"
    );
}

#[test]
fn a_damaged_closed_record_is_still_purged_when_due_and_an_open_one_never() {
    let store = MemoryCases::in_memory();
    let backend = store.backend();
    backend.insert_raw("due", json!({"purge_after": "2026-01-01", "rest": "weg"}));
    backend.insert_raw("not-a-date", json!({"purge_after": "0"}));
    backend.insert_raw("open", json!({"purge_after": null, "ciphertext": "?"}));
    backend.insert_raw("number", json!({"purge_after": 0}));
    assert_eq!(
        run(store.purge_closed(day("2026-01-02"))).expect("purge"),
        1
    );
    assert!(backend.raw("due").is_none());
    assert_eq!(run(store.list()).expect("lists").unreadable.len(), 3);
}

#[test]
fn a_record_holds_metadata_and_ciphertext_only() {
    let store = Cases::new(MemoryBackend::default(), TestAes::random());
    let closed = CaseStatus::closed(day("2026-03-01"), 30);
    run(store.save(&id("a"), &case("Toelichting-Geheim"), closed, 0, T0)).expect("saved");
    let raw = store.backend().raw("a").expect("stored");
    let text = raw.to_string();
    for secret in [NAME, BSN, "Toelichting-Geheim", "person", "aanmelding"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert_eq!(
        sorted_keys(&raw),
        [
            "ciphertext",
            "closed_on",
            "created",
            "id",
            "iv",
            "purge_after",
            "retention_days",
            "updated",
            "version"
        ]
    );
    assert_eq!(raw["closed_on"], json!("2026-03-01"));
    assert_eq!(raw["purge_after"], json!("2026-03-31"));
    let record: CaseRecord = serde_json::from_value(raw).expect("a case record");
    assert_eq!(record.iv.len(), 12);
    let loaded = run(store.load(&id("a"))).expect("loads");
    assert_eq!(loaded.case["person"]["bsn"], json!(BSN));
}

#[test]
fn another_key_or_a_changed_byte_gets_the_decrypt_error() {
    let first = Cases::new(MemoryBackend::default(), TestAes::from_bytes([1; 32]));
    run(first.save(&id("a"), &case("x"), open_case(), 0, T0)).expect("saved");
    let good = first.backend().raw("a").expect("stored");

    let other = Cases::new(MemoryBackend::default(), TestAes::from_bytes([2; 32]));
    other.backend().insert_raw("a", good.clone());
    let err = run(other.load(&id("a"))).expect_err("another key");
    assert_eq!(err, CaseError(StoreError::Decrypt { id: "a".into() }));
    assert!(err.message_nl().contains("sleutel"));
    // Listed all the same (metadata needs no key), so the caseload can show it.
    assert_eq!(run(other.list()).expect("lists").cases.len(), 1);

    for (field, at) in [("ciphertext", 0), ("iv", 11)] {
        let mut bad = good.clone();
        let byte = bad[field][at].as_u64().expect("a byte");
        bad[field][at] = json!(byte ^ 1);
        first.backend().insert_raw("a", bad);
        assert_eq!(
            run(first.load(&id("a"))),
            Err(CaseError(StoreError::Decrypt { id: "a".into() })),
            "{field}[{at}]"
        );
    }
}

#[test]
fn a_ciphertext_moved_from_another_case_or_a_draft_does_not_open() {
    let key = [7; 32];
    let cases = Cases::new(MemoryBackend::default(), TestAes::from_bytes(key));
    run(cases.save(&id("a"), &case("a"), open_case(), 0, T0)).expect("saved");
    run(cases.save(&id("b"), &case("b"), open_case(), 0, T0)).expect("saved");
    let a = cases.backend().raw("a").expect("stored");
    let mut moved = cases.backend().raw("b").expect("stored");
    moved["iv"] = a["iv"].clone();
    moved["ciphertext"] = a["ciphertext"].clone();
    cases.backend().insert_raw("b", moved.clone());
    assert_eq!(
        run(cases.load(&id("b"))),
        Err(CaseError(StoreError::Decrypt { id: "b".into() }))
    );

    // A draft sealed with the same key and the same id: valid JSON inside, yet it does
    // not open as a case (cases bind their id with a prefix of their own).
    let drafts = Drafts::new(MemoryBackend::default(), TestAes::from_bytes(key));
    let draft = Draft {
        id: DraftId("b".into()),
        submission: Submission {
            form: "melding".into(),
            version: 1,
            region: "landelijk".into(),
            answers: json!({ "naam": NAME }),
            unmapped: Map::new(),
        },
    };
    run(drafts.save(&draft, 0, T0, 14)).expect("saved");
    let d = drafts.backend().raw("b").expect("stored");
    moved["iv"] = d["iv"].clone();
    moved["ciphertext"] = d["ciphertext"].clone();
    cases.backend().insert_raw("b", moved);
    assert_eq!(
        run(cases.load(&id("b"))),
        Err(CaseError(StoreError::Decrypt { id: "b".into() }))
    );
}

#[test]
fn every_case_error_has_a_dutch_sentence_about_the_dossier() {
    let mut seen = Vec::new();
    for e in common::every_error() {
        let e = CaseError::from(e);
        let m = e.message_nl();
        assert!(m.ends_with('.') && m.len() > 40, "{e:?}: {m}");
        assert!(m.contains("ossier"), "{m}");
        assert!(!m.contains("concept "), "not a draft's message: {m}");
        assert_ne!(m, e.0.message_nl());
        seen.push(m.to_string());
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 7, "one message a failure");
}
