//! What can go wrong with drafts, for the developer (`Display`) and for the user
//! ([`StoreError::message_nl`]). No variant carries an answer: messages may be logged.

use crate::model::Timestamp;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// No storage at all: IndexedDB or WebCrypto missing (private mode, an insecure
    /// context, a policy), or the database could not be opened.
    #[error("draft storage is unavailable: {0}")]
    Unavailable(String),
    /// A connection in another tab keeps the database at an older version.
    #[error("draft storage is blocked by another tab")]
    Blocked,
    /// The browser refused the write (`QuotaExceededError`).
    #[error("the storage quota is exceeded")]
    QuotaExceeded,
    /// The record is intact but this key cannot open it (another key, a lost key, or a
    /// tampered ciphertext: AES-GCM cannot tell these apart, and neither do we).
    #[error("draft {id} cannot be decrypted with this key")]
    Decrypt { id: String },
    /// The record is not what this crate writes. `reason` never quotes answers.
    #[error("draft {id} is corrupt: {reason}")]
    Corrupt { id: String, reason: String },
    /// The stored record is not the version the caller edited: another tab saved after it
    /// was loaded. Nothing was written.
    #[error("draft was changed elsewhere (stored version {stored_version})")]
    Conflict {
        stored_version: u64,
        stored_updated: Timestamp,
    },
    #[error("draft {id} does not exist")]
    NotFound { id: String },
}

impl StoreError {
    /// The message for the user, in Dutch. The form keeps working in memory whatever this
    /// says, so every message tells what still works.
    pub fn message_nl(&self) -> &str {
        match self {
            StoreError::Unavailable(_) => {
                "Concepten kunnen in deze browser niet worden bewaard. U kunt verder werken, maar wat u invult gaat verloren als u de pagina sluit."
            }
            StoreError::Blocked => {
                "Concepten kunnen nu niet worden bewaard, omdat het formulier in een ander tabblad nog open staat met een oudere versie. Sluit dat tabblad. U kunt hier verder werken."
            }
            StoreError::QuotaExceeded => {
                "Het concept kon niet worden bewaard: de opslagruimte van de browser is vol. Verwijder oude concepten of verstuur het formulier. U kunt verder werken."
            }
            StoreError::Decrypt { .. } => {
                "Dit concept kan niet worden geopend: het is versleuteld met een sleutel die deze browser niet (meer) heeft. U kunt het concept verwijderen en opnieuw beginnen."
            }
            StoreError::Corrupt { .. } => {
                "Dit concept is beschadigd en kan niet worden geopend. U kunt het verwijderen en opnieuw beginnen."
            }
            StoreError::Conflict { .. } => {
                "Dit concept is intussen in een ander tabblad gewijzigd. Er is niets overschreven: kies welke versie u wilt houden."
            }
            StoreError::NotFound { .. } => {
                "Dit concept bestaat niet meer. Het is verwijderd of verlopen. Wat u nu invult kunt u opnieuw als concept opslaan."
            }
        }
    }
}
