//! What a draft is: its metadata (safe to list without a key) and its submission
//! (answers, only ever stored sealed).

use llk_core::def::FormDef;
use llk_core::{Diagnostic, Submission};
use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, as JavaScript's `Date.now()` gives it. Exact in an
/// `f64` for the next 280 000 years, so it survives IndexedDB's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

impl Timestamp {
    pub fn plus_days(self, days: u32) -> Timestamp {
        Timestamp(
            self.0
                .saturating_add(i64::from(days).saturating_mul(DAY_MS)),
        )
    }
}

/// A record's key as a type of its own: a random string the caller makes.
macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use string_id;

string_id!(
    /// A draft's key. The caller makes it (in the browser `crypto.randomUUID()`, see
    /// `idb::new_draft_id`), so a draft has its id before its first save.
    DraftId
);

/// What a draft list shows: which form, when, until when. No answers and nothing about
/// the person, so it can be listed without decrypting anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftMeta {
    pub id: DraftId,
    pub form: String,
    /// The definition version the answers were saved under.
    pub definition_version: u32,
    pub region: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub expires: Timestamp,
    /// Starts at 1 and goes up by one with every save: the multi-tab check.
    pub version: u64,
}

/// The drafts in a store, most recently changed first, and the ids of records that could
/// not even be read as records (listed so they can be deleted, never hidden).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftList {
    pub drafts: Vec<DraftMeta>,
    pub unreadable: Vec<crate::StoreError>,
}

/// What the caller saves: the draft's id and the submission as it is in the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: DraftId,
    pub submission: Submission,
}

/// A draft as loaded: its metadata and the decrypted submission.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDraft {
    pub meta: DraftMeta,
    pub submission: Submission,
}

impl StoredDraft {
    /// Brings the answers up to `def`'s version with `llk_core::submission::migrate`:
    /// renamed fields move, answers without a field go to `unmapped` (kept and shown, with
    /// a warning each). `meta` keeps the stored version until the next save writes the new one.
    pub fn migrate(self, def: &FormDef) -> (StoredDraft, Vec<Diagnostic>) {
        let (submission, notes) = llk_core::submission::migrate(self.submission, def);
        (
            StoredDraft {
                meta: self.meta,
                submission,
            },
            notes,
        )
    }

    pub fn draft(&self) -> Draft {
        Draft {
            id: self.meta.id.clone(),
            submission: self.submission.clone(),
        }
    }
}

/// One stored draft as a backend keeps it: the metadata in the clear, the submission
/// sealed. `Serialize` is the memory backend's format; IndexedDB stores the same fields
/// as a plain object with the bytes as `Uint8Array`s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub id: String,
    pub form: String,
    pub definition_version: u32,
    pub region: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub expires: Timestamp,
    pub version: u64,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

crate::backend::stored_record!(Record, "draft");

impl Record {
    pub fn meta(&self) -> DraftMeta {
        DraftMeta {
            id: DraftId(self.id.clone()),
            form: self.form.clone(),
            definition_version: self.definition_version,
            region: self.region.clone(),
            created: self.created,
            updated: self.updated,
            expires: self.expires,
            version: self.version,
        }
    }
}
