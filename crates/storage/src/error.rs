//! What can go wrong with drafts and cases, for the developer (`Display`) and for the
//! user ([`StoreError::message_nl`] for drafts, [`CaseError::message_nl`] for cases). No
//! variant carries an answer or a case's content: messages may be logged.

use crate::model::Timestamp;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// No storage at all: IndexedDB or WebCrypto missing (private mode, an insecure
    /// context, a policy), or the database could not be opened.
    #[error("storage is unavailable: {0}")]
    Unavailable(String),
    /// A connection in another tab keeps the database at an older version.
    #[error("storage is blocked by another tab")]
    Blocked,
    /// The browser refused the write (`QuotaExceededError`).
    #[error("the storage quota is exceeded")]
    QuotaExceeded,
    /// The record is intact but this key cannot open it (another key, a lost key, or a
    /// tampered ciphertext: AES-GCM cannot tell these apart, and neither do we).
    #[error("record {id} cannot be decrypted with this key")]
    Decrypt { id: String },
    /// The record is not what this crate writes. `reason` never quotes answers.
    #[error("record {id} is corrupt: {reason}")]
    Corrupt { id: String, reason: String },
    /// The stored record is not the version the caller edited: another tab saved after it
    /// was loaded. Nothing was written.
    #[error("the record was changed elsewhere (stored version {stored_version})")]
    Conflict {
        stored_version: u64,
        stored_updated: Timestamp,
    },
    #[error("record {id} does not exist")]
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

/// A [`StoreError`] from the case store: the same failures, told to the user about the
/// dossier rather than a draft. Match on the inner error (`CaseError(StoreError::Conflict
/// { .. })`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("case store: {0}")]
pub struct CaseError(pub StoreError);

impl From<StoreError> for CaseError {
    fn from(e: StoreError) -> Self {
        CaseError(e)
    }
}

impl CaseError {
    /// The message for the user, in Dutch: what happened to the dossier, that nothing was
    /// overwritten or lost where that is so, and what to do.
    pub fn message_nl(&self) -> &str {
        match &self.0 {
            StoreError::Unavailable(_) => {
                "Dossiers kunnen in deze browser niet worden bewaard of geopend. Wat u nu wijzigt, gaat verloren als u de pagina sluit. Neem contact op met uw functioneel beheerder."
            }
            StoreError::Blocked => {
                "Dossiers kunnen nu niet worden geopend of bewaard, omdat de kit in een ander tabblad nog open staat met een oudere versie. Sluit dat tabblad en probeer het opnieuw."
            }
            StoreError::QuotaExceeded => {
                "Het dossier kon niet worden bewaard: de opslagruimte van de browser is vol. De vorige versie is bewaard gebleven. Maak ruimte vrij, bijvoorbeeld door oude concepten te verwijderen, en probeer het opnieuw."
            }
            StoreError::Decrypt { .. } => {
                "Dit dossier kan niet worden geopend: het is versleuteld met een sleutel die deze browser niet (meer) heeft. Het dossier is niet gewijzigd. Neem contact op met uw functioneel beheerder."
            }
            StoreError::Corrupt { .. } => {
                "Dit dossier is beschadigd en kan niet worden geopend. Het is niet gewijzigd of verwijderd. Neem contact op met uw functioneel beheerder."
            }
            StoreError::Conflict { .. } => {
                "Dit dossier is intussen in een ander tabblad gewijzigd. Er is niets overschreven: open de nieuwere versie en breng uw wijziging daarin opnieuw aan."
            }
            StoreError::NotFound { .. } => {
                "Dit dossier staat niet (meer) in deze browser. Het is verwijderd, of de bewaartermijn na de uitstroom is verstreken."
            }
        }
    }
}
