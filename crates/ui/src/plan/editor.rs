//! `PlanEditor`: the whole levensloopplan on one page, section by section, with the error
//! summary and deadline warnings on top and the versions at the bottom. It owns the
//! [`PlanState`] and turns its effects into focus and host callbacks; the sections only
//! get their own answers (see the module docs on speed).

use super::fields::{pick, shown_under};
use super::header::HEADER_KEYS;
use super::state::{
    PlanAction, PlanEffect, PlanState, REVIEW_BUTTON_ID, VERSIONS_HEADING_ID, ladder_items,
    repeat_bounds,
};
use super::{
    ActionsEditor, Beeldvorming, DeadlineWarnings, GoalsEditor, Part, PlanCtx, PlanHeader,
    RegistrationChecklist, ReviewPanel, ScenarioBuilder, TeamEditor, VersionDiff, VersionList,
};
use crate::state::Action;
use crate::{DefRef, ErrorSummary, SummaryItem, dom_id};
use llk_core::plan::{PlanHistory, deadlines, overdue_actions};
use llk_core::{Date, Diagnostic};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Days ahead a deadline is announced.
pub const WARN_DAYS: i64 = 14;

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
    /// The answers changed: (path, answers).
    #[prop_or_default]
    pub on_change: Callback<(String, Value)>,
    /// A version was recorded: (number, history).
    #[prop_or_default]
    pub on_version: Callback<(u32, PlanHistory)>,
}

/// The parts handed to the sections and items in the last render, by key (`team[3]`,
/// `header`): reused while unchanged (see [`Part`]).
#[derive(Debug, Default)]
struct Parts {
    old: HashMap<String, Rc<Value>>,
    new: HashMap<String, Rc<Value>>,
}

impl Parts {
    fn share(&mut self, key: String, v: &Value) -> Part {
        let rc = match self.old.remove(&key) {
            Some(rc) if *rc == *v => rc,
            _ => Rc::new(v.clone()),
        };
        self.new.insert(key, rc.clone());
        Part(rc)
    }

    fn items(&mut self, answers: &Value, group: &str) -> Vec<Part> {
        ladder_items(answers, group)
            .iter()
            .enumerate()
            .map(|(i, v)| self.share(format!("{group}[{i}]"), v))
            .collect()
    }
}

#[derive(Debug)]
pub struct PlanEditor {
    state: PlanState,
    parts: RefCell<HashMap<String, Rc<Value>>>,
    focus: Option<String>,
    root: NodeRef,
    on_action: Callback<Action>,
    on_plan: Callback<PlanAction>,
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
        PlanEditor {
            state,
            parts: RefCell::default(),
            focus: None,
            root: NodeRef::default(),
            on_action: ctx.link().callback(PlanAction::Field),
            on_plan: ctx.link().callback(|a| a),
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: PlanAction) -> bool {
        let p = ctx.props();
        for effect in self.state.reduce(&p.def, p.today, msg) {
            match effect {
                PlanEffect::Focus(id) => self.focus = Some(id),
                PlanEffect::Changed(path) => p.on_change.emit((path, self.state.answers().clone())),
                PlanEffect::Versioned(n) => p.on_version.emit((n, self.state.history.clone())),
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
        let pctx = PlanCtx {
            def: p.def.clone(),
            today: p.today,
            on_action: self.on_action.clone(),
        };
        let a = self.state.answers();
        let version = llk_core::plan::history::version_of(a).unwrap_or(1);
        if self.state.review_open
            && let Some(review_def) = &p.review_def
        {
            return html! {
                <div class="llk-form llk-plan" ref={self.root.clone()}>
                    <ReviewPanel def={review_def.clone()} today={p.today} version={version}
                        initial={Rc::new(self.state.review_prefill())}
                        on_submit={link.callback(PlanAction::ReviewSubmitted)}
                        on_cancel={link.callback(|()| PlanAction::CancelReview)} />
                </div>
            };
        }
        let shown = &self.state.form.shown;
        let under = |keys: &[&str]| -> Vec<Diagnostic> {
            keys.iter().flat_map(|k| shown_under(shown, k)).collect()
        };
        let summary_items: Vec<SummaryItem> = self
            .state
            .form
            .summary
            .iter()
            .map(|d| SummaryItem {
                path: d.path.clone(),
                target: dom_id(&d.path),
                message: d.message.clone(),
            })
            .collect();
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
        let team_names: Rc<Vec<String>> = Rc::new(
            ladder_items(a, "team")
                .iter()
                .filter_map(|m| {
                    m.get("naam")
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                })
                .collect(),
        );
        let mut parts = Parts {
            old: self.parts.take(),
            new: HashMap::new(),
        };
        let header = parts.share("header".into(), &pick(a, HEADER_KEYS));
        let beeld = parts.share("beeldvorming".into(), &pick(a, &["beeldvorming"]));
        let long_term = parts.share("lange_termijn".into(), &pick(a, &["lange_termijn"]));
        let check_keys = [
            "afspraken",
            "registraties",
            "volgende_bespreking",
            "gedeeld_op",
        ];
        let checklist = parts.share("afspraken".into(), &pick(a, &check_keys));
        let (team, goals, levels, acties) = (
            parts.items(a, "team"),
            parts.items(a, "doelen"),
            parts.items(a, "scenarios"),
            parts.items(a, "acties"),
        );
        self.parts.replace(parts.new);
        let (tmin, tmax) = repeat_bounds(&p.def, "team");
        let (gmin, gmax) = repeat_bounds(&p.def, "doelen");
        let (amin, amax) = repeat_bounds(&p.def, "acties");
        let (smin, smax) = repeat_bounds(&p.def, "scenarios");
        let plan_date = a
            .pointer("/plan/datum")
            .and_then(Value::as_str)
            .and_then(Date::parse_iso)
            .unwrap_or(p.today);
        let recorded = self.state.history.get(version).is_some();
        let adopt = {
            let reason = if version == 1 {
                "Vastgesteld in het casusoverleg"
            } else {
                "Aangepast na de bespreking"
            };
            link.callback(move |_: MouseEvent| PlanAction::Adopt {
                date: plan_date,
                reason: reason.into(),
            })
        };
        let check = link.callback(|_: MouseEvent| PlanAction::Field(Action::ValidateAll));
        let start_review = link.callback(|_: MouseEvent| PlanAction::StartReview);
        let compare = self.state.compare.as_ref();
        html! {
            <div class="llk-form llk-plan" ref={self.root.clone()} onfocusout={crate::form_view::keep_focus_in_place()}>
                <h2 class="llk-heading-2 llk-form__title">{ &p.def.title }</h2>
                if let Some(intro) = &p.def.intro { <p class="llk-form__intro">{ intro }</p> }
                <p class="llk-form__required-note">{ "Velden met (verplicht) moet u invullen." }</p>
                <DeadlineWarnings items={deadline_items} />
                <ErrorSummary items={summary_items} on_select={link.callback(|path: String| PlanAction::Field(Action::GoTo { path }))} />
                <PlanHeader ctx={pctx.clone()} answers={header} shown={under(HEADER_KEYS)} />
                <Beeldvorming ctx={pctx.clone()} answers={beeld} shown={under(&["beeldvorming"])} />
                <TeamEditor ctx={pctx.clone()} members={team} shown={under(&["team"])} min={tmin} max={tmax} />
                <GoalsEditor ctx={pctx.clone()} long_term={long_term} goals={goals}
                    shown={under(&["lange_termijn", "doelen"])} min={gmin} max={gmax} />
                <ScenarioBuilder ctx={pctx.clone()} levels={levels} shown={under(&["scenarios"])}
                    announce={self.state.announce.clone()} min={smin} max={smax} on_plan={self.on_plan.clone()} />
                <ActionsEditor ctx={pctx.clone()} actions={acties} overdue={overdue_actions(a, p.today)}
                    team={team_names} shown={under(&["acties"])} min={amin} max={amax} />
                <RegistrationChecklist ctx={pctx.clone()}
                    answers={checklist} shown={under(&check_keys)} />
                <section class="llk-plan__section" aria-labelledby={VERSIONS_HEADING_ID}>
                    <h3 class="llk-heading-3" id={VERSIONS_HEADING_ID} tabindex="-1">{ "Versies van het plan" }</h3>
                    <p>{ format!("U werkt aan versie {version}{}.", if recorded { " (vastgelegd; wijzigingen leggen deze versie opnieuw vast)" } else { " (nog niet vastgelegd)" }) }</p>
                    <div class="llk-button-group">
                        <button type="button" class="llk-button llk-button--secondary" id="llk-plan-check" onclick={check}>{ "Plan controleren" }</button>
                        <button type="button" class="llk-button llk-button--primary" id="llk-plan-adopt" onclick={adopt}>{ format!("Versie {version} vastleggen") }</button>
                        if p.review_def.is_some() {
                            <button type="button" class="llk-button llk-button--secondary" id={REVIEW_BUTTON_ID} onclick={start_review}>{ "Herhaald agenderen" }</button>
                        }
                    </div>
                    <p class="llk-plan__live" role="status" aria-live="polite">{ self.state.version_note.clone() }</p>
                    <VersionList versions={self.state.history.versions.clone()} compare={compare.map(|(o, n, _)| (*o, *n))}
                        on_compare={link.callback(|(old, new)| PlanAction::Compare { old, new })} />
                    if let Some((old, new, changes)) = compare {
                        <VersionDiff old={*old} new={*new} changes={Rc::new(changes.clone())} />
                    }
                </section>
            </div>
        }
    }
}
