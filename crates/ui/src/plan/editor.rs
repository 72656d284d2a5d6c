//! `PlanEditor`: the whole levensloopplan on one page, section by section, with the error
//! summary and deadline warnings on top and the versions at the bottom. It owns the
//! [`PlanState`] and turns its effects into focus and host callbacks; the sections only
//! get their own answers (see the module docs on speed).

use super::derived::{CHECK_KEYS, PartsCache};
use super::fields::shown_under;
use super::header::{HEADER_KEYS, plan_summary};
use super::state::{
    PlanAction, PlanEffect, PlanState, REVIEW_BUTTON_ID, VERSIONS_HEADING_ID, repeat_bounds,
};
use super::{
    ActionsEditor, Beeldvorming, DeadlineWarnings, GoalsEditor, LadderDiagram, PlanCtx, PlanHeader,
    RegistrationChecklist, ReviewPanel, ScenarioBuilder, Shared, TeamEditor, VersionDiff,
    VersionList,
};
use crate::state::Action;
use crate::{CheckAnswers, DefRef, ErrorSummary, FieldCtx, SummaryItem, dom_id};
use llk_core::plan::{Change, PlanHistory, PlanVersion, deadlines, overdue_actions};
use llk_core::{Date, Diagnostic};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Days ahead a deadline is announced.
pub const WARN_DAYS: i64 = 14;

/// The editor's answers for the host, read only when asked: the change event carries this
/// handle, not a copy of the plan, so a keystroke in a plan of hundreds of items copies
/// nothing. Reading it copies the answers as they are at that moment.
#[derive(Clone)]
pub struct PlanAnswers(Rc<RefCell<PlanState>>);

impl PlanAnswers {
    /// A copy of the current answers.
    pub fn get(&self) -> Value {
        self.0.borrow().answers().clone()
    }

    /// A copy of the recorded versions.
    pub fn history(&self) -> PlanHistory {
        self.0.borrow().history.clone()
    }
}

impl PartialEq for PlanAnswers {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for PlanAnswers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlanAnswers")
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct PlanEditorProps {
    /// The checked `levensloopplan` definition.
    pub def: DefRef,
    /// The checked `herhaald-agenderen` definition; without it there is no review button.
    #[prop_or_default]
    pub review_def: Option<DefRef>,
    pub today: Date,
    #[prop_or_default]
    pub initial: Option<Rc<Value>>,
    #[prop_or_default]
    pub history: Option<Rc<PlanHistory>>,
    /// Start read-only (later changes: [`PlanAction::SetReadonly`]).
    #[prop_or_default]
    pub readonly: bool,
    /// The editor was created: the handle to its answers (the same in every change).
    #[prop_or_default]
    pub on_ready: Callback<PlanAnswers>,
    /// The answers changed: (path, the answers, read when needed).
    #[prop_or_default]
    pub on_change: Callback<(String, PlanAnswers)>,
    /// A version was recorded: (number, history).
    #[prop_or_default]
    pub on_version: Callback<(u32, PlanHistory)>,
}

/// The versions and the comparison, shared with their components until they change.
#[derive(Debug, Default)]
struct Shown {
    versions: Shared<Vec<PlanVersion>>,
    diff: Option<Rc<Vec<Change>>>,
}

#[derive(Debug)]
pub struct PlanEditor {
    state: Rc<RefCell<PlanState>>,
    parts: RefCell<PartsCache>,
    shown: Shown,
    focus: Option<String>,
    root: NodeRef,
    on_action: Callback<Action>,
    on_plan: Callback<PlanAction>,
}

impl PlanEditor {
    /// Shares the versions and the diff again (after an action that may have changed them).
    fn share_versions(&mut self) {
        let s = self.state.borrow();
        self.shown = Shown {
            versions: Shared::new(s.history.versions.clone()),
            diff: s.compare.as_ref().map(|(_, _, c)| Rc::new(c.clone())),
        };
    }
}

impl Component for PlanEditor {
    type Message = PlanAction;
    type Properties = PlanEditorProps;

    fn create(ctx: &Context<Self>) -> Self {
        let p = ctx.props();
        let mut state = match &p.initial {
            Some(v) if v.is_object() => PlanState::with_answers(&p.def, (**v).clone()),
            _ => PlanState::new(&p.def),
        };
        if let Some(h) = &p.history {
            state.reduce(&p.def, p.today, PlanAction::SetHistory((**h).clone()));
        }
        state.reduce(&p.def, p.today, PlanAction::SetReadonly(p.readonly));
        let mut editor = PlanEditor {
            state: Rc::new(RefCell::new(state)),
            parts: RefCell::default(),
            shown: Shown::default(),
            focus: None,
            root: NodeRef::default(),
            on_action: ctx.link().callback(PlanAction::Field),
            on_plan: ctx.link().callback(|a| a),
        };
        editor.share_versions();
        p.on_ready.emit(PlanAnswers(editor.state.clone()));
        editor
    }

    fn update(&mut self, ctx: &Context<Self>, msg: PlanAction) -> bool {
        let p = ctx.props();
        // Typing and ladder edits leave the versions and the comparison as they were.
        let versions_may_change = !matches!(
            msg,
            PlanAction::Field(Action::Input { .. } | Action::Commit { .. } | Action::Blur { .. })
                | PlanAction::AddLevel { .. }
                | PlanAction::MoveLevel { .. }
                | PlanAction::RemoveLevel { .. }
        );
        // The state is borrowed only while reducing: the host may read the answers from
        // its event listeners.
        let effects = self.state.borrow_mut().reduce(&p.def, p.today, msg);
        if versions_may_change {
            self.share_versions();
        }
        for effect in effects {
            match effect {
                PlanEffect::Focus(id) => self.focus = Some(id),
                PlanEffect::Changed(path) => {
                    p.on_change.emit((path, PlanAnswers(self.state.clone())))
                }
                PlanEffect::Versioned(n) => {
                    let h = self.state.borrow().history.clone();
                    p.on_version.emit((n, h));
                }
            }
        }
        true
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first: bool) {
        let Some(id) = self.focus.take() else { return };
        if let Some(root) = self.root.cast::<web_sys::Element>() {
            crate::form_view::focus_when_there(root, id, 20);
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let p = ctx.props();
        let link = ctx.link();
        let state = self.state.borrow();
        let a = state.answers();
        let version = llk_core::plan::history::version_of(a).unwrap_or(1);
        if state.review_open
            && let Some(review_def) = &p.review_def
        {
            return html! {
                <div class="llk-form llk-plan" ref={self.root.clone()}>
                    <ReviewPanel def={review_def.clone()} today={p.today} version={version}
                        initial={Rc::new(state.review_prefill())}
                        on_submit={link.callback(PlanAction::ReviewSubmitted)}
                        on_cancel={link.callback(|()| PlanAction::CancelReview)} />
                </div>
            };
        }
        let deadline_items: Vec<(String, bool)> = deadlines(a, p.today, WARN_DAYS)
            .into_iter()
            .filter(|d| d.needs_attention())
            .map(|d| {
                (
                    d.message(),
                    matches!(d.status, llk_core::plan::DeadlineStatus::Overdue { .. }),
                )
            })
            .collect();
        let parts = self.parts.borrow_mut().split(a);
        let recorded = state.history.get(version).is_some();
        let version_text = format!(
            "{} versie {version}{}.",
            if state.readonly {
                "Dit is"
            } else {
                "U werkt aan"
            },
            if recorded {
                if state.readonly {
                    " (vastgelegd)"
                } else {
                    " (vastgelegd; wijzigingen leggen deze versie opnieuw vast)"
                }
            } else {
                " (nog niet vastgelegd)"
            }
        );
        let versions = html! {
            <>
                <p>{ version_text }</p>
                { self.version_buttons(ctx, &state, version) }
                <p class="llk-plan__live" role="status" aria-live="polite">{ state.version_note.clone() }</p>
                <VersionList versions={self.shown.versions.clone()} compare={state.compare.as_ref().map(|(o, n, _)| (*o, *n))}
                    on_compare={link.callback(|(old, new)| PlanAction::Compare { old, new })} />
                if let (Some((old, new, _)), Some(changes)) = (&state.compare, &self.shown.diff) {
                    <VersionDiff old={*old} new={*new} changes={changes.clone()} />
                }
            </>
        };
        let versions = html! {
            // A landmark in the editor only: a portal may show a read-only copy of the same
            // plan on the page, and landmarks must be unique.
            <section class="llk-plan__section" aria-labelledby={(!state.readonly).then_some(VERSIONS_HEADING_ID)}>
                <h3 class="llk-heading-3" id={VERSIONS_HEADING_ID} tabindex="-1">{ "Versies van het plan" }</h3>
                { versions }
            </section>
        };
        let head = html! {
            <>
                <h2 class="llk-heading-2 llk-form__title">{ &p.def.title }</h2>
                if let Some(intro) = &p.def.intro { <p class="llk-form__intro">{ intro }</p> }
            </>
        };
        let pctx = PlanCtx {
            def: p.def.clone(),
            today: p.today,
            on_action: self.on_action.clone(),
        };
        if state.readonly {
            // Read-only: the answers as text, page by page (as a read-only form shows them),
            // the ladder diagram with its text version, and the versions. No inputs and no
            // buttons that change the plan; comparing versions stays possible.
            let fctx = FieldCtx {
                def: p.def.clone(),
                answers: llk_core::answers::Answers::new(a.clone()),
                shown: Rc::new(Vec::new()),
                today: p.today,
                on_action: self.on_action.clone(),
                undrawn: Rc::from([]),
            };
            return html! {
                <div class="llk-form llk-form--readonly llk-plan llk-plan--readonly" ref={self.root.clone()}>
                    { head }
                    <p class="llk-plan__summary">{ plan_summary(a) }</p>
                    <DeadlineWarnings items={deadline_items} />
                    <CheckAnswers ctx={fctx} readonly=true />
                    <section class="llk-plan__section">
                        <h3 class="llk-heading-3" id="llk-plan-sec-ladder">{ "De scenarioladder" }</h3>
                        <LadderDiagram levels={llk_core::plan::ladder_layout::diagram_levels(&pctx.def.0, parts.levels.iter().map(|l| &*l.0))} />
                    </section>
                    { versions }
                </div>
            };
        }
        let shown = &state.form.shown;
        let under = |keys: &[&str]| -> Vec<Diagnostic> {
            keys.iter().flat_map(|k| shown_under(shown, k)).collect()
        };
        let summary_items: Vec<SummaryItem> = state
            .form
            .summary
            .iter()
            .map(|d| SummaryItem {
                path: d.path.clone(),
                target: dom_id(&d.path),
                message: d.message.clone(),
            })
            .collect();
        let (tmin, tmax) = repeat_bounds(&p.def, "team");
        let (gmin, gmax) = repeat_bounds(&p.def, "doelen");
        let (amin, amax) = repeat_bounds(&p.def, "acties");
        let (smin, smax) = repeat_bounds(&p.def, "scenarios");
        html! {
            <div class="llk-form llk-plan" ref={self.root.clone()} onfocusout={crate::form_view::keep_focus_in_place()}>
                { head }
                <p class="llk-form__required-note">{ "Velden met (verplicht) moet u invullen." }</p>
                <DeadlineWarnings items={deadline_items} />
                <ErrorSummary items={summary_items} on_select={link.callback(|path: String| PlanAction::Field(Action::GoTo { path }))} />
                <PlanHeader ctx={pctx.clone()} answers={parts.header} shown={under(HEADER_KEYS)} />
                <Beeldvorming ctx={pctx.clone()} answers={parts.beeldvorming} shown={under(&["beeldvorming"])} />
                <TeamEditor ctx={pctx.clone()} members={parts.team} shown={under(&["team"])} min={tmin} max={tmax} />
                <GoalsEditor ctx={pctx.clone()} long_term={parts.long_term} goals={parts.goals}
                    shown={under(&["lange_termijn", "doelen"])} min={gmin} max={gmax} />
                <ScenarioBuilder ctx={pctx.clone()} levels={parts.levels} shown={under(&["scenarios"])}
                    announce={state.announce.clone()} min={smin} max={smax} on_plan={self.on_plan.clone()} />
                <ActionsEditor ctx={pctx.clone()} actions={parts.actions} overdue={overdue_actions(a, p.today)}
                    team={parts.team_names} shown={under(&["acties"])} min={amin} max={amax} />
                <RegistrationChecklist ctx={pctx.clone()}
                    answers={parts.checklist} shown={under(CHECK_KEYS)} />
                { versions }
            </div>
        }
    }
}

impl PlanEditor {
    /// "Plan controleren", "Versie n vastleggen" and "Herhaald agenderen"; none read-only.
    fn version_buttons(&self, ctx: &Context<Self>, state: &PlanState, version: u32) -> Html {
        if state.readonly {
            return html! {};
        }
        let (p, link) = (ctx.props(), ctx.link());
        let plan_date = state
            .answers()
            .pointer("/plan/datum")
            .and_then(Value::as_str)
            .and_then(Date::parse_iso)
            .unwrap_or(p.today);
        let reason = if version == 1 {
            "Vastgesteld in het casusoverleg"
        } else {
            "Aangepast na de bespreking"
        };
        let adopt = link.callback(move |_: MouseEvent| PlanAction::Adopt {
            date: plan_date,
            reason: reason.into(),
        });
        let check = link.callback(|_: MouseEvent| PlanAction::Field(Action::ValidateAll));
        let start_review = link.callback(|_: MouseEvent| PlanAction::StartReview);
        html! {
            <div class="llk-button-group">
                <button type="button" class="llk-button llk-button--secondary" id="llk-plan-check" onclick={check}>{ "Plan controleren" }</button>
                <button type="button" class="llk-button llk-button--primary" id="llk-plan-adopt" onclick={adopt}>{ format!("Versie {version} vastleggen") }</button>
                if p.review_def.is_some() {
                    <button type="button" class="llk-button llk-button--secondary" id={REVIEW_BUTTON_ID} onclick={start_review}>{ "Herhaald agenderen" }</button>
                }
            </div>
        }
    }
}
