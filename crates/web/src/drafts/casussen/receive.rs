//! "Overdracht ontvangen" and "Ontvangst bevestigen en medeondertekenen" in
//! `<llk-casussen>`: reading a package through the PDF module ([`super::super::overdracht`]),
//! taking its case in (stored, or sent to the host), and countersigning it on receipt. The
//! panel that shows it all is [`super::super::receive_panel`].

use super::{Shared, open_case, refresh, render};
use crate::drafts::case_store;
use crate::{dispatch, today};
use llk_core::case::{self, Case};
use llk_storage::{CaseId, CaseStore, idb};
use llk_ui::case::ReceiveOutcome;
use llk_ui::case::receive_view::{ACCEPT_OUTCOME_ID, RECEIVE_OUTCOME_ID, RECEIVE_SUMMARY_ID};
use serde_json::json;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;

/// "Overdracht inlezen": the package chosen in `input` read ([`crate::drafts::overdracht::receive`]);
/// the case taken in is stored and opened (or, host-owned, sent as `llk-case-received`),
/// the signatures and the outcome shown; a refusal focuses the error summary.
pub(super) async fn receive(ctl: Shared, input: HtmlInputElement) {
    if !start(
        &ctl,
        "Het overdrachtspakket wordt gecontroleerd en ingelezen…",
    ) {
        return;
    }
    let host = ctl.borrow().host.clone();
    let held = crate::drafts::overdracht::hold(&input);
    let got = crate::drafts::overdracht::receive(&host, &input).await;
    let stored = ctl.borrow().host_cases.is_none();
    let taken = match got.case {
        Err(why) => Err(why),
        Ok(case) if !stored => {
            let signatures: Vec<_> = got
                .signatures
                .iter()
                .map(|s| {
                    json!({"signer": s.signer, "role": s.role, "organisation": s.organisation,
                           "signedAt": s.signed_at, "intact": s.intact, "verdict": s.message})
                })
                .collect();
            dispatch(
                &host,
                "llk-case-received",
                &json!({"case": case.to_json(), "signatures": signatures}),
            );
            Ok((
                case,
                "Het dossier is doorgegeven aan het registratiesysteem van deze pagina.",
            ))
        }
        Ok(case) => store_received(&case).await.map(|()| {
            (
                case,
                "Het dossier is in deze browser bewaard en hieronder geopend.",
            )
        }),
    };
    let (outcome, focus) = match taken {
        Ok((case, where_to)) => {
            let phase = case::phase(&case, today()).description();
            if stored {
                open_case(&ctl, &case.id);
                spawn_local(refresh(ctl.clone()));
            }
            let message = format!("Het overdrachtspakket is ingelezen. Fase: {phase}. {where_to}");
            (
                ReceiveOutcome {
                    ok: true,
                    message,
                    signatures: got.signatures,
                },
                RECEIVE_OUTCOME_ID,
            )
        }
        Err(message) => (
            ReceiveOutcome {
                ok: false,
                message,
                signatures: got.signatures,
            },
            RECEIVE_SUMMARY_ID,
        ),
    };
    {
        let mut c = ctl.borrow_mut();
        c.receive.busy = None;
        c.receive.package = held.filter(|_| outcome.ok);
        c.receive.outcome = Some(outcome);
        c.receive.accepted = None;
        c.receive.set_hidden(false);
    }
    render(&ctl);
    ctl.borrow().receive.focus_later(focus);
}

/// "Ontvangst bevestigen en medeondertekenen": the package taken in, countersigned with
/// this browser's key and downloaded for the sending ZVH (`overdracht::accept`).
pub(super) async fn accept(ctl: Shared) {
    if !start(&ctl, "Het pakket wordt medeondertekend…") {
        return;
    }
    let (host, held) = {
        let c = ctl.borrow();
        (c.host.clone(), c.receive.package.clone())
    };
    let reply = crate::drafts::overdracht::accept(&host, held.as_ref()).await;
    {
        let mut c = ctl.borrow_mut();
        c.receive.busy = None;
        c.receive.accepted = Some(ReceiveOutcome {
            ok: reply.ok,
            message: reply.message,
            signatures: Vec::new(),
        });
    }
    render(&ctl);
    ctl.borrow().receive.focus_later(ACCEPT_OUTCOME_ID);
}

/// Marks the panel busy with `doing` and draws it, so its status line says so; false, and
/// nothing changed, when it is busy already (a repeated click is ignored).
fn start(ctl: &Shared, doing: &'static str) -> bool {
    {
        let mut c = ctl.borrow_mut();
        if c.receive.busy.is_some() {
            return false;
        }
        c.receive.busy = Some(doing);
    }
    render(ctl);
    true
}

/// Stores a received case under its own id; refused when this browser already has it.
async fn store_received(case: &Case) -> Result<(), String> {
    const NOTHING: &str = "Er is niets ingelezen.";
    let Some(store) = case_store() else {
        return Err(format!("{} {NOTHING}", crate::drafts::case_problem()));
    };
    let id = CaseId(case.id.clone());
    if store.load(&id).await.is_ok() {
        return Err(format!(
            "Dit dossier ({}) staat al in deze browser. {NOTHING}",
            case.id
        ));
    }
    store
        .save(
            &id,
            &case.to_json(),
            crate::drafts::casus::status_of(case),
            0,
            idb::now(),
        )
        .await
        .map(|_| ())
        .map_err(|e| format!("{} {NOTHING}", e.message_nl()))
}
