//! What the draft components show, as plain data, and the Dutch texts for it. No clock and
//! no storage here: the browser side turns timestamps into local [`Moment`]s and decides
//! what to show; this module only words it (tested natively).

/// A local date and time, as the user's clock shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

impl Moment {
    /// `12 nov`
    pub fn day_nl(&self) -> String {
        let m = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        format!("{} {m}", self.day)
    }

    /// `14:03`
    pub fn time_nl(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// `12 nov 14:03`
    pub fn nl(&self) -> String {
        format!("{} {}", self.day_nl(), self.time_nl())
    }
}

/// A draft the form can continue with.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftOffer {
    pub id: String,
    pub updated: Moment,
    pub expires: Moment,
}

/// What the notice above the form shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum DraftNotice {
    #[default]
    None,
    /// Drafts of this form exist: continue one, or start a new form.
    Offer(Vec<DraftOffer>),
    /// Another tab saved this draft after this tab loaded it; nothing was overwritten.
    Conflict { theirs: Moment },
    /// A storage problem (a Dutch message from the store). `delete` is the id of a draft that
    /// cannot be opened, which the user may delete.
    Problem {
        message: String,
        delete: Option<String>,
    },
}

/// The quiet line under the form.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum DraftStatus {
    /// Nothing saved yet.
    #[default]
    Idle,
    Saved {
        at: Moment,
        expires: Moment,
        /// Saved in the page's memory only (IndexedDB unavailable).
        memory_only: bool,
    },
    /// Saving is paused until the user resolves a conflict.
    Paused,
    /// The last save failed (the notice says why).
    Failed,
}

impl DraftStatus {
    pub fn text(&self) -> String {
        match self {
            DraftStatus::Idle => String::new(),
            DraftStatus::Saved {
                at,
                memory_only: true,
                ..
            } => format!(
                "Concept om {} alleen in dit tabblad bewaard; het gaat verloren als u de pagina sluit.",
                at.time_nl()
            ),
            DraftStatus::Saved { at, expires, .. } => format!(
                "Concept opgeslagen om {}. Het wordt bewaard tot {}.",
                at.time_nl(),
                expires.nl()
            ),
            DraftStatus::Paused => {
                "Het concept wordt niet opgeslagen tot u hierboven een versie kiest.".into()
            }
            DraftStatus::Failed => {
                "Het concept is niet opgeslagen. Wat u invult blijft op deze pagina staan.".into()
            }
        }
    }
}

/// The text of the button that continues a draft.
pub fn resume_label(offer: &DraftOffer) -> String {
    format!("Verder met concept van {}", offer.updated.nl())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(month: u8, day: u8, hour: u8, minute: u8) -> Moment {
        Moment {
            year: 2026,
            month,
            day,
            hour,
            minute,
        }
    }

    #[test]
    fn moments_read_as_dutch() {
        assert_eq!(m(11, 12, 14, 3).nl(), "12 nov 14:03");
        assert_eq!(m(3, 1, 9, 0).day_nl(), "1 mrt");
        assert_eq!(m(12, 31, 23, 59).time_nl(), "23:59");
    }

    #[test]
    fn resume_button_names_the_moment() {
        let offer = DraftOffer {
            id: "x".into(),
            updated: m(11, 12, 14, 3),
            expires: m(11, 26, 14, 3),
        };
        assert_eq!(resume_label(&offer), "Verder met concept van 12 nov 14:03");
    }

    #[test]
    fn status_says_when_saved_and_until_when() {
        let saved = DraftStatus::Saved {
            at: m(11, 12, 14, 3),
            expires: m(11, 26, 14, 3),
            memory_only: false,
        };
        assert_eq!(
            saved.text(),
            "Concept opgeslagen om 14:03. Het wordt bewaard tot 26 nov 14:03."
        );
        let memory = DraftStatus::Saved {
            at: m(11, 12, 14, 3),
            expires: m(11, 26, 14, 3),
            memory_only: true,
        };
        assert!(memory.text().contains("alleen in dit tabblad"));
        assert_eq!(DraftStatus::Idle.text(), "");
    }
}
