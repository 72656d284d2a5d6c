//! The receiving side of an overdracht (DOMAIN.md, step 6): the receiving ZVH takes the
//! case in from the package the sending ZVH signed. It does not look at the inclusion
//! criteria again and follows the plan, so taking in records only that it happened, and
//! with which overdracht document: the phase stays "in overdracht" through the joint
//! period and then becomes "plan actief" (for the sender, the same document closes the
//! case as "overgedragen").
//!
//! The region stays the case's: every document was made and is validated with that
//! region's definitions, and every kit ships every region, so the receiving ZVH, also in
//! another region, reads the history as it was written. New documents are filed in the
//! case's region too; moving a case onto the receiving region's definitions is not done.

use super::{Case, CaseError};
use crate::Date;
use serde::{Deserialize, Serialize};

/// That, when and with which overdracht the receiving ZVH took the case in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// ISO date it was taken in.
    pub on: String,
    /// The seq of the overdracht document it came with.
    pub overdracht: u32,
    /// The receiving ZVH as the overdracht names it (`overdracht.ontvangend_zvh`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

impl Case {
    /// Records that the receiving ZVH took the case in on `today`, with its latest
    /// overdracht. Refused, the case unchanged, when it has none.
    pub fn receive(&mut self, today: Date) -> Result<&Receipt, CaseError> {
        let Some(doc) = self.latest("overdracht") else {
            return Err(CaseError::new(
                "Dit dossier bevat geen overdracht en kan daarom niet worden ontvangen.",
            ));
        };
        let by = super::dates::text_at(&doc.submission.answers, "overdracht.ontvangend_zvh")
            .map(str::to_string);
        let receipt = Receipt {
            on: today.to_string(),
            overdracht: doc.seq,
            by,
        };
        Ok(self.received.insert(receipt))
    }

    /// Whether the receiving ZVH took the case in with overdracht document `seq`.
    pub fn received_with(&self, seq: u32) -> bool {
        self.received.as_ref().is_some_and(|r| r.overdracht == seq)
    }

    /// The overdracht this ZVH can hand the case over with: the latest, unless it is the one
    /// the case was received with (that one was the sender's; handing over again takes an
    /// overdracht of the receiver's own).
    pub fn own_overdracht(&self) -> Option<&super::Document> {
        self.latest("overdracht")
            .filter(|d| !self.received_with(d.seq))
    }
}

#[cfg(test)]
mod tests {
    use super::super::deadlines::{CaseDeadlineKind, case_deadlines};
    use super::super::{Case, Phase, phase};
    use serde_json::json;

    use super::super::test_support::{day, doc};

    /// A plan of 1 March, handed over on 1 May with joint meetings until 31 July.
    fn handed_over() -> Case {
        let mut case = Case::new("c", "gelderland", day("2026-01-01"));
        case.documents.push(doc(
            1,
            "levensloopplan",
            json!({"plan": {"datum": "2026-03-01"}}),
        ));
        case.documents.push(doc(
            2,
            "overdracht",
            json!({
                "overdracht": {"ontvangend_zvh": "zvh-haaglanden"},
                "warm": {"gesprek_datum": "2026-05-01", "gezamenlijk_tot": "2026-07-31"}
            }),
        ));
        case
    }

    #[test]
    fn a_received_case_is_handed_over_again_only_with_an_overdracht_of_its_own() {
        let sender = handed_over();
        assert_eq!(sender.own_overdracht().map(|d| d.seq), Some(2));
        let mut receiver = handed_over();
        receiver.receive(day("2026-05-02")).expect("received");
        assert_eq!(receiver.own_overdracht(), None);
        receiver.documents.push(doc(
            3,
            "overdracht",
            json!({
                "overdracht": {"ontvangend_zvh": "zvh-twente"},
                "warm": {"gesprek_datum": "2027-02-01", "gezamenlijk_tot": "2027-04-30"}
            }),
        ));
        assert_eq!(receiver.own_overdracht().map(|d| d.seq), Some(3));
    }

    #[test]
    fn without_an_overdracht_nothing_is_received() {
        let mut case = Case::new("c", "gelderland", day("2026-01-01"));
        let refused = case.receive(day("2026-05-02")).expect_err("refused");
        assert!(refused.message.contains("geen overdracht"), "{refused}");
        assert_eq!(case.received, None);
    }

    #[test]
    fn the_receiver_is_in_overdracht_through_the_joint_period() {
        let mut case = handed_over();
        let receipt = case.receive(day("2026-05-02")).expect("received").clone();
        assert_eq!(receipt.overdracht, 2);
        assert_eq!(receipt.by.as_deref(), Some("zvh-haaglanden"));
        let until = Some(day("2026-07-31"));
        assert_eq!(
            phase(&case, day("2026-07-31")),
            Phase::InOverdracht {
                gezamenlijk_tot: until,
                received: true,
            }
        );
        // The receiver's next step is the joint review, not another overdracht.
        assert_eq!(
            phase(&case, day("2026-05-02")).next_form(),
            Some("herhaald-agenderen")
        );
        assert_eq!(
            phase(&handed_over(), day("2026-05-02")).next_form(),
            Some("overdracht")
        );
        let kinds: Vec<_> = case_deadlines(&case, day("2026-05-02"), 14)
            .into_iter()
            .map(|d| d.kind)
            .collect();
        assert!(
            kinds.contains(&CaseDeadlineKind::JointPeriodEnd),
            "{kinds:?}"
        );
        assert!(kinds.contains(&CaseDeadlineKind::Review), "{kinds:?}");
    }

    #[test]
    fn after_the_joint_period_the_sender_is_done_and_the_receiver_goes_on() {
        let sender = handed_over();
        let after = day("2026-08-01");
        assert_eq!(
            phase(&sender, after),
            Phase::Overgedragen {
                on: day("2026-07-31")
            }
        );
        assert_eq!(sender.closed_on(after), Some(day("2026-07-31")));
        let mut receiver = handed_over();
        receiver.receive(day("2026-05-02")).expect("received");
        assert_eq!(phase(&receiver, after), Phase::PlanActief);
        assert_eq!(receiver.closed_on(after), None);
        // The plan's review runs on; the inclusion is never asked again.
        let deadlines = case_deadlines(&receiver, after, 14);
        assert!(
            deadlines.iter().any(|d| d.kind == CaseDeadlineKind::Review),
            "{deadlines:?}"
        );
        assert_eq!(
            phase(&receiver, after).next_form(),
            Some("herhaald-agenderen")
        );
    }

    #[test]
    fn a_later_overdracht_is_not_covered_by_an_earlier_receipt() {
        let mut case = handed_over();
        case.receive(day("2026-05-02")).expect("received");
        case.documents.push(doc(
            3,
            "overdracht",
            json!({"warm": {"gesprek_datum": "2026-09-01", "gezamenlijk_tot": "2026-10-31"}}),
        ));
        assert!(matches!(
            phase(&case, day("2026-11-01")),
            Phase::Overgedragen { .. }
        ));
    }

    #[test]
    fn a_receipt_survives_the_file() {
        let mut case = handed_over();
        case.receive(day("2026-05-02")).expect("received");
        let back: Case = serde_json::from_value(case.to_json()).expect("reads");
        assert_eq!(back.received, case.received);
        let plain = handed_over().to_json();
        assert!(plain.get("received").is_none(), "{plain}");
    }
}
