//! Taking an overdracht package in (`llk case import`, later `<llk-casus>` "Overdracht
//! ontvangen"): the decision, in one place and pure, from the signatures' reports (checked
//! natively, or by WebCrypto and concluded) to the case, received. In this order, and
//! nothing returned but a refusal when any step fails: the signatures (none, one broken,
//! the last not covering the whole file, with anchors one not trusted), the embedded
//! [`CASE_ATTACHMENT`] (missing, not UTF-8, not a case this kit reads, or without an
//! overdracht), then [`Case::receive`]. Every refusal is [`PdfError::Refused`], in Dutch,
//! ending with "Er is niets ingelezen."

use crate::sign::trust::{TrustReport, Verdict};
use crate::{CASE_ATTACHMENT, PdfError, attachments};
use llk_core::case::Case;
use llk_core::{Catalog, Date};

const NOTHING: &str = "Er is niets ingelezen.";
const NEW: &str = "Vraag het verzendende Zorg- en Veiligheidshuis om een nieuw pakket.";

/// A package's case, taken in.
#[derive(Debug, Clone)]
pub struct TakenIn {
    /// The case with its [`llk_core::case::Receipt`].
    pub case: Case,
    /// How older forms in it were brought up to this kit (`Case::from_json_text`).
    pub notes: Vec<String>,
}

fn refusal(message: String) -> PdfError {
    PdfError::Refused(message)
}

/// Takes in the package `pdf` whose signatures `reports` describes (every one of them, in
/// file order, from `sign::verify_with_anchors` or the deferred checks concluded); `judged`
/// when trust anchors were given, and then every signature must be trusted.
pub fn take_in(
    pdf: &[u8],
    reports: &[TrustReport],
    judged: bool,
    catalog: &Catalog,
    today: Date,
) -> Result<TakenIn, PdfError> {
    check_signatures(reports, judged)?;
    let (mut case, notes) = embedded_case(pdf, catalog)?;
    case.receive(today)
        .map_err(|e| refusal(format!("{} {NOTHING}", e.message)))?;
    Ok(TakenIn { case, notes })
}

/// Refuses a package that is not signed, has a broken signature, or was changed after its
/// last signature (which is how replacing the case and saving again shows); with trust
/// anchors (`judged`), also one with a signature they do not vouch for.
pub fn check_signatures(reports: &[TrustReport], judged: bool) -> Result<(), PdfError> {
    if let [t] = reports
        && t.report.refused
    {
        return Err(refusal(format!(
            "{} {NOTHING}",
            t.report.problem.as_deref().unwrap_or_default()
        )));
    }
    let Some(last) = reports.last().map(|t| &t.report) else {
        return Err(refusal(format!(
            "Dit overdrachtspakket is niet ondertekend: of het van het verzendende Zorg- en \
             Veiligheidshuis komt en ongewijzigd is, is niet na te gaan. {NOTHING}"
        )));
    };
    if let Some((i, r)) = reports
        .iter()
        .map(|t| &t.report)
        .enumerate()
        .find(|(_, r)| !r.intact)
    {
        return Err(refusal(format!(
            "Handtekening {} ({}) klopt niet: het pakket is na ondertekening gewijzigd of \
             beschadigd ({}). {NEW} {NOTHING}",
            i + 1,
            r.signer,
            r.problem.as_deref().unwrap_or("onbekende reden")
        )));
    }
    if !last.covers_whole_document {
        return Err(refusal(format!(
            "Het pakket is gewijzigd na de laatste handtekening ({}): wat erna is toegevoegd, \
             bijvoorbeeld een ander dossier als bijlage, heeft niemand ondertekend. {NEW} {NOTHING}",
            last.signer
        )));
    }
    if judged
        && let Some((i, t)) = reports
            .iter()
            .enumerate()
            .find(|(_, t)| t.verdict != Verdict::Vertrouwd)
    {
        return Err(refusal(format!(
            "Handtekening {}: {} {NOTHING}",
            i + 1,
            t.message
        )));
    }
    Ok(())
}

/// The case embedded as [`CASE_ATTACHMENT`], read and brought up to this kit as a case file
/// is (`Case::from_json_text`: older formats migrate, newer ones are refused).
fn embedded_case(pdf: &[u8], catalog: &Catalog) -> Result<(Case, Vec<String>), PdfError> {
    let text = case_text(pdf)?;
    let (case, notes) =
        Case::from_json_text(&text, catalog).map_err(|e| not_a_case(&e.to_string()))?;
    if case.latest("overdracht").is_none() {
        return Err(not_a_case("het dossier bevat geen overdracht."));
    }
    Ok((case, notes))
}

/// Refuses a case that the kit cannot read, with `why`.
fn not_a_case(why: &str) -> PdfError {
    refusal(format!(
        "De bijlage {CASE_ATTACHMENT} is geen dossier dat deze kit kan lezen: {why} {NOTHING}"
    ))
}

/// The text of the package's [`CASE_ATTACHMENT`], unread as a case (the browser's PDF
/// module hands it to the UI module, which has the case model); refused when the
/// attachments cannot be read, it is missing, or it is not UTF-8.
pub fn case_text(pdf: &[u8]) -> Result<String, PdfError> {
    let attachments = attachments::read(pdf).map_err(|e| match e {
        PdfError::Refused(m) => refusal(format!("{m} {NOTHING}")),
        other => refusal(format!(
            "De bijlagen van het overdrachtspakket kunnen niet worden gelezen ({other}). {NOTHING}"
        )),
    })?;
    let Some(file) = attachments.into_iter().find(|f| f.name == CASE_ATTACHMENT) else {
        return Err(refusal(format!(
            "Dit overdrachtspakket bevat geen dossier: de bijlage {CASE_ATTACHMENT} ontbreekt. \
             Is het wel een overdrachtspakket van de levensloopkit? {NOTHING}"
        )));
    };
    String::from_utf8(file.bytes).map_err(|_| not_a_case("het is geen tekst."))
}

#[cfg(test)]
mod tests {
    use super::check_signatures;
    use crate::PdfError;
    use crate::sign::SignatureReport;
    use crate::sign::trust::{TrustReport, Verdict};

    fn signed(by: &str, intact: bool, whole: bool, verdict: Verdict) -> TrustReport {
        TrustReport {
            report: SignatureReport {
                signer: by.into(),
                role: None,
                organisation: None,
                signed_at: None,
                intact,
                covers_whole_document: whole,
                problem: (!intact).then(|| "digest mismatch".into()),
                refused: false,
                certificates: Vec::new(),
            },
            verdict,
            message: format!("{verdict:?}: {by}."),
            chain: Vec::new(),
        }
    }

    fn refused(reports: &[TrustReport], judged: bool) -> String {
        match check_signatures(reports, judged) {
            Err(PdfError::Refused(m)) => {
                assert!(m.ends_with("Er is niets ingelezen."), "{m}");
                m
            }
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn the_signatures_decide_before_anything_is_read() {
        use Verdict::*;
        assert!(refused(&[], false).contains("niet ondertekend"));
        let broken = [
            signed("A", true, false, GeenAnkers),
            signed("B", false, true, Gebroken),
        ];
        assert!(refused(&broken, false).contains("Handtekening 2 (B) klopt niet"));
        let extended = [signed("A", true, false, GeenAnkers)];
        assert!(refused(&extended, false).contains("gewijzigd na de laatste handtekening"));
        let countersigned = [
            signed("A", true, false, Vertrouwd),
            signed("B", true, true, Vertrouwd),
        ];
        assert!(check_signatures(&countersigned, true).is_ok());
        let unknown = [
            signed("A", true, false, Vertrouwd),
            signed("B", true, true, NietVertrouwd),
        ];
        assert!(refused(&unknown, true).contains("Handtekening 2: NietVertrouwd: B."));
        // Without anchors, trust is not asked.
        assert!(check_signatures(&unknown, false).is_ok());
    }
}
