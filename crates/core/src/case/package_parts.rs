//! What an overdracht package shows of a case, as plain data: the case model computes it
//! once ([`PackageParts::of`]) and the PDF side draws it without the case model. The
//! browser's PDF module is a wasm module of its own and stays small by not linking
//! phases, timelines and plan histories; the UI module, which has them, sends these parts.

use super::{Case, TimelineKind, dates, deadlines::WARN_DAYS, history, timeline};
use crate::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The form whose latest document a package hands over.
pub const OVERDRACHT_FORM: &str = "overdracht";

const NO_OVERDRACHT: &str = "Dit dossier heeft nog geen overdracht. Vul eerst het formulier ‘Overdracht’ in en voeg het aan het dossier toe; maak daarna het overdrachtspakket.";
const RECEIVED_ONLY: &str = "Dit dossier is ontvangen met de overdracht van het verzendende Zorg- en Veiligheidshuis; die kan niet opnieuw worden overgedragen. Vul voor een nieuwe overdracht eerst het formulier ‘Overdracht’ in en voeg het aan het dossier toe.";

/// A case as its overdracht package shows it, on a given day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageParts {
    pub case_id: String,
    pub region: String,
    /// The latest overdracht document's answers.
    pub overdracht: Value,
    /// The current plan version, if the case has a plan.
    #[serde(default)]
    pub plan: Option<PackagePlan>,
    /// The phase on the day, in words.
    pub phase: String,
    /// Every document and event in order, each as one sentence with its date.
    pub happened: Vec<String>,
    /// The deadlines, each as one sentence.
    pub deadlines: Vec<String>,
    /// The case file itself (pretty JSON), embedded as `casus.json`.
    pub case_json: String,
    /// The signed PDFs the documents carry.
    #[serde(default)]
    pub signed: Vec<PackageSigned>,
}

/// One signature of a package as the receiving side is told it: made by the PDF module
/// from its verification, shown by the UI module's receive view.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PackageSignature {
    pub signer: String,
    pub role: Option<String>,
    /// The organisation (the ZVH) in the certificate.
    pub organisation: Option<String>,
    /// When, in Dutch.
    pub signed_at: Option<String>,
    pub intact: bool,
    /// The trust verdict in a word or two (`vertrouwd`, `onbekend` …).
    pub verdict: String,
    /// The verdict's Dutch sentence.
    pub message: String,
}

impl PackageSignature {
    /// "Eva de Vries (procesregisseur), namens ZVH Gelderland-Zuid, ondertekend op …:
    /// handtekening intact. <the verdict's sentence>"
    pub fn sentence(&self) -> String {
        let mut who = self.signer.clone();
        if let Some(role) = &self.role {
            who.push_str(&format!(" ({role})"));
        }
        let org = self.organisation.as_ref().map_or_else(
            || "organisatie onbekend".to_string(),
            |o| format!("namens {o}"),
        );
        let when = self.signed_at.as_ref().map_or_else(
            || "tijdstip onbekend".to_string(),
            |t| format!("ondertekend op {t}"),
        );
        let state = if self.intact { "intact" } else { "klopt niet" };
        format!(
            "{who}, {org}, {when}: handtekening {state}. {}",
            self.message
        )
    }
}

/// The current levensloopplan version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagePlan {
    pub number: u32,
    pub date: String,
    pub reason: String,
    pub answers: Value,
}

/// One document's signed PDF (base64, as the case keeps it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageSigned {
    pub seq: u32,
    pub form: String,
    pub label: String,
    pub signer: String,
    pub signed_at: String,
    pub pdf: String,
}

impl PackageParts {
    /// The parts of `case`'s package as it stands on `today`; refused, in Dutch, when it has
    /// no overdracht of its own to hand over ([`Case::own_overdracht`]).
    pub fn of(case: &Case, today: Date) -> Result<PackageParts, &'static str> {
        let Some(handover) = case.own_overdracht() else {
            return Err(if case.latest(OVERDRACHT_FORM).is_some() {
                RECEIVED_ONLY
            } else {
                NO_OVERDRACHT
            });
        };
        let plan = history::plan_history(case).latest().map(|p| PackagePlan {
            number: p.number,
            date: p.date.clone(),
            reason: p.reason.clone(),
            answers: p.answers.clone(),
        });
        let happened = timeline(case, today)
            .iter()
            .filter(|i| i.kind != TimelineKind::Deadline)
            .map(|i| i.describe())
            .collect();
        let deadlines = super::case_deadlines(case, today, WARN_DAYS)
            .iter()
            .map(|d| d.message())
            .collect();
        let signed = case
            .documents_in_order()
            .into_iter()
            .filter_map(|d| {
                let s = d.signature.as_ref()?;
                Some(PackageSigned {
                    seq: d.seq,
                    form: d.submission.form.clone(),
                    label: timeline::form_label(&d.submission.form).to_string(),
                    signer: s.signer.clone(),
                    signed_at: s.signed_at.clone(),
                    pdf: s.pdf.clone()?,
                })
            })
            .collect();
        Ok(PackageParts {
            case_id: case.id.clone(),
            region: case.region.clone(),
            overdracht: handover.submission.answers.clone(),
            plan,
            phase: super::phase(case, today).description(),
            happened,
            deadlines,
            case_json: serde_json::to_string_pretty(&case.to_json()).unwrap_or_default(),
            signed,
        })
    }

    /// The text at `path` in the overdracht's answers (`persoon.naam`,
    /// `overdracht.ontvangend_zvh`).
    pub fn text(&self, path: &str) -> Option<&str> {
        dates::text_at(&self.overdracht, path)
    }
}

#[cfg(test)]
mod tests {
    use super::{NO_OVERDRACHT, PackageParts, PackageSignature, RECEIVED_ONLY};
    use crate::case::{Case, Signature, SignatureStatus};
    use serde_json::{Value, json};

    use super::super::test_support::{day, doc};

    #[test]
    fn a_signature_says_who_for_whom_when_and_the_verdict() {
        let s = PackageSignature {
            signer: "Noëlle Çelik".into(),
            role: Some("procesregisseur".into()),
            organisation: Some("ZVH Gelderland-Midden".into()),
            signed_at: Some("2 november 2026, 10:00".into()),
            intact: true,
            verdict: "vertrouwd".into(),
            message: "Vertrouwd.".into(),
        };
        assert_eq!(
            s.sentence(),
            "Noëlle Çelik (procesregisseur), namens ZVH Gelderland-Midden, ondertekend op \
             2 november 2026, 10:00: handtekening intact. Vertrouwd."
        );
        let unknown = PackageSignature {
            signer: "(onbekend)".into(),
            message: "Gebroken.".into(),
            ..PackageSignature::default()
        };
        assert_eq!(
            unknown.sentence(),
            "(onbekend), organisatie onbekend, tijdstip onbekend: handtekening klopt niet. Gebroken."
        );
    }

    #[test]
    fn a_case_without_an_overdracht_has_no_parts() {
        let case = Case::new("c", "gelderland", day("2026-01-01"));
        assert_eq!(
            PackageParts::of(&case, day("2026-05-02")),
            Err(NO_OVERDRACHT)
        );
    }

    #[test]
    fn a_received_case_has_no_parts_until_an_overdracht_of_its_own() {
        let mut case = Case::new("c", "gelderland", day("2026-01-01"));
        case.documents.push(doc(
            1,
            "overdracht",
            json!({"overdracht": {"ontvangend_zvh": "zvh-haaglanden"}}),
        ));
        assert!(PackageParts::of(&case, day("2026-05-02")).is_ok());
        case.receive(day("2026-05-02")).expect("received");
        assert_eq!(
            PackageParts::of(&case, day("2026-05-02")),
            Err(RECEIVED_ONLY)
        );
    }

    #[test]
    fn the_parts_carry_what_the_package_shows_and_read_back_as_written() {
        let mut case = Case::new("c-1", "gelderland", day("2026-01-01"));
        case.documents.push(doc(
            1,
            "levensloopplan",
            json!({"plan": {"datum": "2026-03-01", "versie": 1}}),
        ));
        let mut handover = doc(
            2,
            "overdracht",
            json!({
                "persoon": {"naam": "Joël van der Meulen"},
                "overdracht": {"ontvangend_zvh": "zvh-haaglanden"},
                "warm": {"gesprek_datum": "2026-05-01", "gezamenlijk_tot": "2026-07-31"}
            }),
        );
        handover.signature = Some(Signature {
            signer: "Noëlle Çelik".into(),
            organisation: None,
            signed_at: "2026-05-01T10:00:00+02:00".into(),
            status: SignatureStatus::Intact,
            pdf: Some("JVBERi0=".into()),
        });
        case.documents.push(handover);
        let parts = PackageParts::of(&case, day("2026-05-02")).expect("an overdracht");
        assert_eq!(parts.case_id, "c-1");
        assert_eq!(parts.text("persoon.naam"), Some("Joël van der Meulen"));
        assert_eq!(parts.plan.as_ref().map(|p| p.number), Some(1));
        assert!(parts.phase.starts_with("In overdracht"), "{}", parts.phase);
        assert_eq!(parts.happened.len(), 2, "{:?}", parts.happened);
        assert!(
            parts.deadlines.iter().any(|d| d.contains("31 juli 2026")),
            "{:?}",
            parts.deadlines
        );
        assert_eq!(parts.signed.len(), 1);
        assert_eq!(parts.signed[0].seq, 2);
        let again: Value = serde_json::from_str(&parts.case_json).expect("JSON");
        assert_eq!(again, case.to_json(), "casus.json is the case file");
        let text = serde_json::to_string(&parts).expect("written");
        assert_eq!(
            serde_json::from_str::<PackageParts>(&text).ok(),
            Some(parts)
        );
    }
}
