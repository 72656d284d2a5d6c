//! Properties over many random cases: two tabs saving in any order never lose the newer
//! copy, and no stored value, however damaged, makes the store panic; for drafts, and
//! for stored cases (where tabs also close and reopen the case, and purges run on any
//! day).

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::run;
use llk_core::{Date, Submission};
use llk_storage::{
    CaseError, CaseId, CaseStatus, CaseStore, Draft, DraftId, DraftStore, MemoryCases, MemoryStore,
    StoreError, Timestamp,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn draft(text: &str) -> Draft {
    Draft {
        id: DraftId("a".into()),
        submission: Submission {
            form: "melding".into(),
            version: 1,
            region: "landelijk".into(),
            answers: json!({ "naam": text }),
            unmapped: Map::new(),
        },
    }
}

#[derive(Debug, Clone)]
enum Step {
    /// Tab `n` saves what it has, expecting the version it last saw.
    Save(usize),
    /// Tab `n` reloads the stored draft (as after a conflict).
    Reload(usize),
    Delete,
    Purge(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..3usize).prop_map(Step::Save),
        2 => (0..3usize).prop_map(Step::Reload),
        1 => Just(Step::Delete),
        1 => (0..40i64).prop_map(Step::Purge),
    ]
}

#[derive(Debug, Clone)]
enum CaseStep {
    /// Tab `n` saves what it has: open, or closed on day `closed` with `retention` days.
    Save(usize, Option<(i64, u32)>),
    Reload(usize),
    Delete,
    /// A purge on day `n`.
    Purge(i64),
}

fn case_step() -> impl Strategy<Value = CaseStep> {
    prop_oneof![
        4 => (0..3usize, prop::option::of((0..30i64, 0..10u32))).prop_map(|(t, c)| CaseStep::Save(t, c)),
        2 => (0..3usize).prop_map(CaseStep::Reload),
        1 => Just(CaseStep::Delete),
        2 => (0..45i64).prop_map(CaseStep::Purge),
    ]
}

/// Day `n` of 2026.
fn day(n: i64) -> Date {
    Date::parse_iso("2026-01-01")
        .and_then(|d| d.add_days(n))
        .expect("a date")
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z0-9_]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("version".to_string()),
                    Just("expires".to_string()),
                    Just("iv".to_string()),
                    Just("ciphertext".to_string()),
                    Just("closed_on".to_string()),
                    Just("purge_after".to_string()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..10
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A model of the store (the newest text and its version) against the real one: a
    /// save succeeds exactly when the tab saw the stored version, and what is stored is
    /// always the last successful save.
    #[test]
    fn tabs_in_any_order_never_overwrite_newer_data(steps in prop::collection::vec(step(), 1..40)) {
        let store = MemoryStore::in_memory();
        let mut stored: Option<(u64, String, i64)> = None; // version, text, expires
        let mut seen = [0u64; 3];
        for (n, s) in steps.into_iter().enumerate() {
            let now = n as i64;
            match s {
                Step::Save(tab) => {
                    let text = format!("tab {tab} at {n}");
                    let r = run(store.save(&draft(&text), seen[tab], Timestamp(now), 0));
                    match (&stored, r) {
                        (Some((v, _, _)), Err(StoreError::Conflict { stored_version, .. })) => {
                            prop_assert_ne!(*v, seen[tab]);
                            prop_assert_eq!(stored_version, *v);
                        }
                        (Some((v, _, _)), Ok(meta)) => {
                            prop_assert_eq!(*v, seen[tab]);
                            prop_assert_eq!(meta.version, v + 1);
                            seen[tab] = meta.version;
                            stored = Some((meta.version, text, now));
                        }
                        (None, Ok(meta)) => {
                            prop_assert_eq!(meta.version, seen[tab] + 1);
                            seen[tab] = meta.version;
                            stored = Some((meta.version, text, now));
                        }
                        (None, Err(e)) => prop_assert!(false, "nothing stored, yet {e:?}"),
                        (Some(_), Err(e)) => prop_assert!(false, "{e:?}"),
                    }
                }
                Step::Reload(tab) => match (&stored, run(store.load(&DraftId("a".into())))) {
                    (Some((v, text, _)), Ok(d)) => {
                        prop_assert_eq!(d.meta.version, *v);
                        prop_assert_eq!(&d.submission.answers["naam"], &json!(text));
                        seen[tab] = *v;
                    }
                    (None, Err(StoreError::NotFound { .. })) => {}
                    (m, r) => prop_assert!(false, "{m:?} vs {r:?}"),
                },
                Step::Delete => {
                    run(store.delete(&DraftId("a".into()))).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    stored = None;
                }
                Step::Purge(at) => {
                    let purged = run(store.purge_expired(Timestamp(at))).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    // Retention 0: a draft expires the moment it is saved.
                    let expect = usize::from(stored.as_ref().is_some_and(|(_, _, e)| *e <= at));
                    prop_assert_eq!(purged, expect);
                    if expect == 1 {
                        stored = None;
                    }
                }
            }
        }
    }

    #[test]
    fn no_stored_value_makes_the_store_panic(value in json_value(), expected in 0u64..3) {
        let store = MemoryStore::in_memory();
        store.backend().insert_raw("a", value);
        let _ = run(store.list());
        let _ = run(store.load(&DraftId("a".into())));
        let _ = run(store.save(&draft("x"), expected, Timestamp(5), 14));
        let _ = run(store.purge_expired(Timestamp(10)));
        let _ = run(store.list());
    }

    /// The same model for cases, with closing and purging: a save succeeds exactly when
    /// the tab saw the stored version, a purge deletes exactly a closed case whose last
    /// kept day is before the purge day, and an open case survives every purge.
    #[test]
    fn cases_in_any_order_never_lose_newer_data_or_an_open_case(steps in prop::collection::vec(case_step(), 1..40)) {
        let store = MemoryCases::in_memory();
        let id = CaseId("c".into());
        // version, note, last kept day (None while open)
        let mut stored: Option<(u64, String, Option<Date>)> = None;
        let mut seen = [0u64; 3];
        for (n, s) in steps.into_iter().enumerate() {
            match s {
                CaseStep::Save(tab, closed) => {
                    let note = format!("tab {tab} at {n}");
                    let status = match closed {
                        Some((on, days)) => CaseStatus::closed(day(on), days),
                        None => CaseStatus::open(5),
                    };
                    let r = run(store.save(&id, &json!({ "note": note }), status, seen[tab], Timestamp(n as i64)));
                    match (&stored, r) {
                        (Some((v, _, _)), Err(CaseError(StoreError::Conflict { stored_version, .. }))) => {
                            prop_assert_ne!(*v, seen[tab]);
                            prop_assert_eq!(stored_version, *v);
                        }
                        (Some((v, _, _)), Ok(meta)) => {
                            prop_assert_eq!(*v, seen[tab]);
                            prop_assert_eq!(meta.version, v + 1);
                            seen[tab] = meta.version;
                            stored = Some((meta.version, note, meta.purge_after));
                        }
                        (None, Ok(meta)) => {
                            prop_assert_eq!(meta.version, seen[tab] + 1);
                            prop_assert_eq!(meta.purge_after, closed.map(|(on, d)| day(on + i64::from(d))));
                            seen[tab] = meta.version;
                            stored = Some((meta.version, note, meta.purge_after));
                        }
                        (_, Err(e)) => prop_assert!(false, "{e:?}"),
                    }
                }
                CaseStep::Reload(tab) => match (&stored, run(store.load(&id))) {
                    (Some((v, note, last)), Ok(c)) => {
                        prop_assert_eq!(c.meta.version, *v);
                        prop_assert_eq!(c.meta.purge_after, *last);
                        prop_assert_eq!(&c.case["note"], &json!(note));
                        seen[tab] = *v;
                    }
                    (None, Err(CaseError(StoreError::NotFound { .. }))) => {}
                    (m, r) => prop_assert!(false, "{m:?} vs {r:?}"),
                },
                CaseStep::Delete => {
                    run(store.delete(&id)).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    stored = None;
                }
                CaseStep::Purge(on) => {
                    let today = day(on);
                    let warned = run(store.expiring(today, 0)).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let purged = run(store.purge_closed(today)).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let expect = usize::from(stored.as_ref().is_some_and(|(_, _, last)| last.is_some_and(|l| l < today)));
                    prop_assert_eq!(purged, expect);
                    prop_assert_eq!(warned.len(), expect, "warned of exactly what went");
                    if expect == 1 {
                        stored = None;
                    }
                }
            }
        }
    }

    #[test]
    fn no_stored_value_makes_the_case_store_panic(value in json_value(), expected in 0u64..3, on in 0..40i64) {
        let store = MemoryCases::in_memory();
        let id = CaseId("a".into());
        store.backend().insert_raw("a", value);
        let _ = run(store.list());
        let _ = run(store.load(&id));
        let _ = run(store.expiring(day(on), 7));
        let _ = run(store.save(&id, &json!({"x": 1}), CaseStatus::closed(day(on), 3), expected, Timestamp(5)));
        let _ = run(store.purge_closed(day(on)));
        let _ = run(store.list());
    }
}
