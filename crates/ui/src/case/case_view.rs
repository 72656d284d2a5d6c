//! One case (`<llk-casus>`): who, the phase, the deadlines, the exit readiness (the three
//! uitstroom criteria as the case shows them), the timeline with its text equivalent, the documents with their
//! signature status (as recorded, and as checked again when the case was opened), and the
//! next step. The next step and "Gebeurtenis vastleggen" are
//! callbacks: the element opens the prefilled form below.

use super::timeline_view::CaseTimeline;
use llk_core::Date;
use llk_core::case::timeline::form_label;
use llk_core::case::{self, Case, Phase, SignatureStatus};
use llk_core::plan::DeadlineStatus;
use std::rc::Rc;
use yew::prelude::*;

/// What the last action did, in Dutch: filed, refused (with the field messages), a store
/// problem.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseNotice {
    pub ok: bool,
    pub message: String,
    pub details: Vec<String>,
}

#[derive(Debug, Properties, PartialEq)]
pub struct CaseViewProps {
    pub case: Rc<Case>,
    pub today: Date,
    #[prop_or_default]
    pub notice: Option<CaseNotice>,
    /// The form being filled below, if any (its button then says so).
    #[prop_or_default]
    pub open_form: Option<String>,
    #[prop_or_default]
    pub on_form: Callback<String>,
    #[prop_or_default]
    pub on_event: Callback<()>,
    /// "Overdrachtspakket maken", offered once the case holds an overdracht of its own
    /// (not the one it was received with).
    #[prop_or_default]
    pub on_package: Option<Callback<()>>,
    /// What the element is busy with (making the package), in Dutch.
    #[prop_or_default]
    pub busy: Option<&'static str>,
    /// "Terug naar de dossiers", when the case is shown from the caseload.
    #[prop_or_default]
    pub on_back: Option<Callback<()>>,
    /// What the kit's verifier says now of each signed PDF the case carries, as (document
    /// `seq`, status), checked when the case was opened (empty until the check is done).
    #[prop_or_default]
    pub checked: Rc<Vec<(u32, SignatureStatus)>>,
    /// The region's `risicotaxatie_max_months` (uitstroom criterion 3).
    #[prop_or(llk_core::def::DEFAULT_RISICOTAXATIE_MAX_MONTHS)]
    pub taxatie_max_months: u32,
}

/// The documents table's signature cell: the status checked when the case was opened
/// where there is one, else the status recorded when the document was filed.
pub fn signature_text(
    signature: Option<&case::Signature>,
    checked: Option<SignatureStatus>,
) -> String {
    match (signature, checked) {
        (None, _) => "Niet digitaal ondertekend".to_string(),
        (Some(s), Some(now)) => {
            format!("{}: {}, gecontroleerd bij openen", s.signer, now.dutch())
        }
        (Some(s), None) => format!("{}: {}", s.signer, s.status.dutch()),
    }
}

/// The forms offered in a phase: the next step first, then what may come in between.
pub fn offered_forms(phase: &Phase) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = phase.next_form().into_iter().collect();
    let extra: &[&str] = match phase {
        Phase::PlanInVoorbereiding { .. } => &["toestemming"],
        Phase::PlanActief => &[
            "levensloopplan",
            "toestemming",
            "overdracht",
            "exclusiebesluit",
        ],
        Phase::InOverdracht { .. } => &["herhaald-agenderen", "levensloopplan"],
        _ => &[],
    };
    for f in extra {
        if !out.contains(f) {
            out.push(f);
        }
    }
    out
}

#[function_component(CaseView)]
pub fn case_view(p: &CaseViewProps) -> Html {
    let c = &p.case;
    let phase = case::phase(c, p.today);
    // The name only: the summary would compute the phase and the deadlines once more.
    let name = case::summary::display_name(c.person().name.as_deref(), &c.id);
    let deadlines = case::case_deadlines(c, p.today, case::deadlines::WARN_DAYS);
    let notice = p.notice.as_ref().map(|n| {
        let class = if n.ok { "llk-alert llk-alert--ok" } else { "llk-alert llk-alert--error" };
        html! {
            <div class={class} role={if n.ok { "status" } else { "alert" }}>
                <p>{ &n.message }</p>
                if !n.details.is_empty() { <ul>{ for n.details.iter().map(|d| html! { <li>{ d }</li> }) }</ul> }
            </div>
        }
    });
    let back = p.on_back.as_ref().map(|cb| {
        let cb = cb.reform(|_: MouseEvent| ());
        html! { <button type="button" class="llk-button llk-button--subtle" onclick={cb}>{ "Terug naar de dossiers" }</button> }
    });
    let steps = offered_forms(&phase).into_iter().enumerate().map(|(i, form)| {
        let f = form.to_string();
        let onclick = p.on_form.reform(move |_: MouseEvent| f.clone());
        let open = p.open_form.as_deref() == Some(form);
        let label = if i == 0 && phase.next_form() == Some(form) {
            format!("Volgende stap: {}", form_label(form))
        } else {
            form_label(form).to_string()
        };
        let class = if i == 0 { "llk-button llk-button--primary" } else { "llk-button llk-button--secondary" };
        html! { <button type="button" {class} {onclick} aria-pressed={open.to_string()}>{ label }</button> }
    });
    let on_event = p.on_event.reform(|_: MouseEvent| ());
    let package = p
        .on_package
        .as_ref()
        .filter(|_| c.own_overdracht().is_some())
        .map(|cb| {
            let onclick = cb.reform(|_: MouseEvent| ());
            html! {
                <>
                    <button type="button" class="llk-button llk-button--secondary" {onclick}>{ "Overdrachtspakket maken" }</button>
                    // Always there, so that a screen reader hears the text when it appears.
                    <p class="llk-busy" role="status">{ p.busy.unwrap_or_default() }</p>
                </>
            }
        });
    let deadline_list = if deadlines.is_empty() {
        html! { <p>{ "Dit dossier heeft geen lopende termijnen." }</p> }
    } else {
        html! {
            <ul class="llk-case__deadlines">
                { for deadlines.iter().map(|d| {
                    let word = match d.status {
                        DeadlineStatus::Overdue { .. } => "Te laat: ",
                        DeadlineStatus::Soon { .. } => "Binnenkort: ",
                        DeadlineStatus::Met | DeadlineStatus::Late { .. } => "Gedaan: ",
                        DeadlineStatus::Later => "",
                    };
                    let overdue = matches!(d.status, DeadlineStatus::Overdue { .. });
                    html! { <li class={classes!(overdue.then_some("llk-caseload__overdue"))}><strong>{ word }</strong>{ d.message() }</li> }
                }) }
            </ul>
        }
    };
    let exclusion = matches!(phase, Phase::PlanActief | Phase::InOverdracht { .. }).then(|| {
        let exit = case::exit_readiness(c, p.today, p.taxatie_max_months);
        let verdict = if exit.ready {
            "Klaar voor uitstroomgesprek: alle drie de criteria blijken uit het dossier. Het besluit neemt het overleg."
        } else {
            "Nog niet klaar voor uitstroom volgens het dossier."
        };
        html! {
            <section aria-labelledby="llk-case-exclusion" class={classes!(exit.ready.then_some("llk-case__exit--ready"))}>
                <h3 class="llk-heading-3" id="llk-case-exclusion">{ "Uitstroom volgens het dossier" }</h3>
                <p><strong>{ verdict }</strong></p>
                <ul>{ for exit.sentences().into_iter().map(|s| html! { <li>{ s }</li> }) }</ul>
            </section>
        }
    });
    let docs = c.documents_in_order();
    let documents = if docs.is_empty() {
        html! { <p>{ "Nog geen documenten." }</p> }
    } else {
        html! {
            <table class="llk-table">
                <caption class="llk-visually-hidden">{ "Documenten in dit dossier" }</caption>
                <thead><tr>
                    <th scope="col">{ "Datum" }</th>
                    <th scope="col">{ "Document" }</th>
                    <th scope="col">{ "Ondertekening" }</th>
                </tr></thead>
                <tbody>{ for docs.iter().map(|d| {
                    let date = case::dates::document_date(d).map(|x| x.to_dutch()).unwrap_or_default();
                    let now = p.checked.iter().find(|(seq, _)| *seq == d.seq).map(|(_, s)| *s);
                    let signed = signature_text(d.signature.as_ref(), now);
                    let changed = (!d.prefill.is_empty()).then(|| html! {
                        <><br/><span>{ format!("{} antwoord(en) anders dan het dossier voorstelde", d.prefill.len()) }</span></>
                    });
                    html! {
                        <tr key={d.seq}>
                            <td>{ date }</td>
                            <th scope="row">{ form_label(&d.submission.form) }{ changed }</th>
                            <td>{ signed }</td>
                        </tr>
                    }
                }) }</tbody>
            </table>
        }
    };
    html! {
        <article class="llk-case" aria-labelledby="llk-case-title">
            { back }
            <h2 class="llk-heading-2" id="llk-case-title">{ name }</h2>
            <p class="llk-case__phase"><strong>{ "Fase: " }</strong>{ phase.description() }</p>
            { notice }
            <div class="llk-button-group llk-case__steps">
                { for steps }
                <button type="button" class="llk-button llk-button--secondary" onclick={on_event} aria-pressed={(p.open_form.as_deref() == Some(case::EVENT_FORM)).to_string()}>{ "Gebeurtenis vastleggen" }</button>
                { package }
            </div>
            <section aria-labelledby="llk-case-deadlines">
                <h3 class="llk-heading-3" id="llk-case-deadlines">{ "Termijnen" }</h3>
                { deadline_list }
            </section>
            { exclusion }
            <section aria-labelledby="llk-case-timeline">
                <h3 class="llk-heading-3" id="llk-case-timeline">{ "Tijdlijn" }</h3>
                <CaseTimeline items={case::timeline(c, p.today)} today={p.today} />
            </section>
            <section aria-labelledby="llk-case-documents">
                <h3 class="llk-heading-3" id="llk-case-documents">{ "Documenten" }</h3>
                { documents }
            </section>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(status: SignatureStatus) -> case::Signature {
        case::Signature {
            signer: "Eva de Vries".into(),
            organisation: None,
            signed_at: "2026-11-20T10:00:00+01:00".into(),
            status,
            pdf: Some("JVBERi0=".into()),
        }
    }

    #[test]
    fn the_signature_cell_prefers_what_the_check_at_opening_found() {
        assert_eq!(signature_text(None, None), "Niet digitaal ondertekend");
        let recorded = signature(SignatureStatus::Intact);
        assert_eq!(
            signature_text(Some(&recorded), None),
            "Eva de Vries: handtekening intact"
        );
        // Recorded as intact, but the file says otherwise now: the check wins.
        assert_eq!(
            signature_text(Some(&recorded), Some(SignatureStatus::Broken)),
            "Eva de Vries: handtekening gebroken: het document is na ondertekening gewijzigd, \
             gecontroleerd bij openen"
        );
        let unchecked = signature(SignatureStatus::Unverified);
        assert_eq!(
            signature_text(Some(&unchecked), Some(SignatureStatus::Intact)),
            "Eva de Vries: handtekening intact, gecontroleerd bij openen"
        );
    }
}
