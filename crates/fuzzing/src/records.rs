//! What the kit reads back from storage and from case files: a draft or case record as a
//! backend holds it (clear metadata, and the sealed bytes that decrypt to a submission or
//! a case), and a case file (`llk case …`, the browser's "Dossier openen").

use crate::fixtures::{catalog, today};
use llk_core::case::{self, Case};
use llk_storage::{CaseId, CaseStore, DraftId, DraftStore, MemoryCases, MemoryStore, Timestamp};
use serde_json::Value;
use std::future::Future;
use std::task::{Context, Poll, Waker};

/// Separates a record's clear JSON from the plaintext its ciphertext decrypts to (the
/// memory backend's cipher stores the plaintext as it is): a byte no JSON text holds.
const PLAINTEXT_FOLLOWS: u8 = 0xff;

/// The input as a stored draft and as a stored case: listed, loaded, purged; a draft
/// migrated to its current definition, a case read as the case model.
pub fn storage_record(data: &[u8]) {
    let (clear, plaintext) = match data.iter().position(|&b| b == PLAINTEXT_FOLLOWS) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let Ok(mut record) = serde_json::from_slice::<Value>(clear) else {
        return;
    };
    if let (Some(plaintext), Some(fields)) = (plaintext, record.as_object_mut()) {
        fields.insert("ciphertext".into(), Value::from(plaintext.to_vec()));
    }
    let id = record
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("fuzz")
        .to_string();
    let catalog = catalog();

    let drafts = MemoryStore::in_memory();
    drafts.backend().insert_raw(&id, record.clone());
    run(async {
        let _ = drafts.list().await;
        if let Ok(stored) = drafts.load(&DraftId(id.clone())).await
            && let Some(def) = catalog.form(&stored.submission.form, &stored.meta.region)
        {
            let _ = stored.migrate(def);
        }
        let _ = drafts.purge_expired(Timestamp(1_795_500_000_000)).await;
    });

    let cases = MemoryCases::in_memory();
    cases.backend().insert_raw(&id, record);
    run(async {
        let _ = cases.expiring(today(), 30).await;
        if let Ok((_, opened)) = cases.load_all().await {
            for stored in opened.into_iter().flatten() {
                if let Ok((case, _notes)) = Case::from_json(stored.case, catalog) {
                    let _ = case::summary(&case, today());
                }
            }
        }
        let _ = cases.load(&CaseId(id.clone())).await;
        let _ = cases.purge_closed(today()).await;
    });
}

/// A case file as `llk case status` reads it, and what that shows of it.
pub fn case_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let catalog = catalog();
    let Ok((case, _notes)) = Case::from_json_text(text, catalog) else {
        return;
    };
    let today = today();
    let phase = case::phase(&case, today);
    let _ = (phase.label(), phase.description(), phase.next_form());
    for item in case::timeline(&case, today) {
        let _ = item.describe();
    }
    for deadline in case::case_deadlines(&case, today, 14) {
        let _ = deadline.to_json();
    }
    let _ = case::exit_readiness(&case, today, 12).sentences();
    let _ = case::summary(&case, today).to_json();
    let _ = case::history::plan_history(&case);
    if let Some(form) = phase.next_form() {
        let _ = case::prefill(&case, catalog, form, today);
    }
    let again = case.to_json();
    assert!(
        Case::from_json(again, catalog).is_ok(),
        "a case read from a file does not read back after writing"
    );
}

/// Runs a future that never waits on anything outside (the memory backend, no cipher).
fn run<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}
