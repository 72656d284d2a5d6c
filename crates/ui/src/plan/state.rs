//! The plan editor's state as a pure reducer: the answers, shown messages and error
//! summary of the `levensloopplan` definition (a [`FormState`], so typing, leaving a field
//! and validating behave exactly as in every other form), plus the scenario ladder edits,
//! the version history, the chosen comparison and the herhaald-agenderen review.

use crate::dom_id;
use crate::state::{Action, Effect, FormState};
use llk_core::def::FormDef;
use llk_core::plan::history::{version_from_review, version_of};
use llk_core::plan::{Change, PlanHistory, ladder};
use llk_core::{Date, Diagnostic, has_errors};
use serde_json::{Value, json};

/// The DOM id of the versions heading (focus after a new version).
pub const VERSIONS_HEADING_ID: &str = "llk-plan-versions-heading";
/// The DOM id of the review form's region (focus when it opens).
pub const REVIEW_HEADING_ID: &str = "llk-plan-review-heading";
/// The DOM id of the "new level" name box.
pub const NEW_LEVEL_ID: &str = "llk-plan-new-level";
/// The DOM id of the "Herhaald agenderen" button (focus when the review is cancelled).
pub const REVIEW_BUTTON_ID: &str = "llk-plan-review-start";

#[derive(Debug, Clone, PartialEq)]
pub enum PlanAction {
    /// A field action (typing, leaving, items, summary links, `value`, validate).
    Field(Action),
    /// Insert a new level named `name` at position `at` of the ladder.
    AddLevel {
        at: usize,
        name: String,
    },
    /// Move level `from` one place up (`up`, towards more intensive care) or down.
    MoveLevel {
        from: usize,
        up: bool,
    },
    RemoveLevel {
        index: usize,
    },
    /// Record the current answers as the current version (after validating).
    Adopt {
        date: Date,
        reason: String,
    },
    /// Open the herhaald-agenderen review, prefilled from the plan.
    StartReview,
    CancelReview,
    /// The review was submitted: its answers make the next version.
    ReviewSubmitted(Value),
    /// Compare two recorded versions.
    Compare {
        old: u32,
        new: u32,
    },
    /// The host set the history.
    SetHistory(PlanHistory),
    /// The host made the plan read-only (`readonly` attribute) or editable again.
    SetReadonly(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub enum PlanEffect {
    Focus(String),
    /// The answers changed (the path); the host gets `llk-plan-change`.
    Changed(String),
    /// A version was recorded; the host gets `llk-plan-version`.
    Versioned(u32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanState {
    pub form: FormState,
    pub history: PlanHistory,
    /// The two versions compared, and what changed between them.
    pub compare: Option<(u32, u32, Vec<Change>)>,
    pub review_open: bool,
    /// The last ladder change in words, for the scenario builder's live region.
    pub announce: String,
    /// The last version change in words, for the versions section's live region.
    pub version_note: String,
    /// Shown read-only: every action that would change the plan is ignored (the host's
    /// `value` and `history` still apply, and versions can still be compared).
    pub readonly: bool,
}

impl PlanState {
    /// A new plan: version 1 and the default scenario ladder.
    pub fn new(def: &FormDef) -> PlanState {
        let mut form = FormState::new(def);
        form.answers.make_mut()["plan"]["versie"] = json!(1);
        form.answers.make_mut()["scenarios"] = Value::Array(ladder::default_ladder());
        PlanState::from_form(form)
    }

    /// Starts from given answers (the host's `value`, a draft); the ladder is put in order,
    /// and a plan without any named level starts from the default ladder.
    pub fn with_answers(def: &FormDef, answers: Value) -> PlanState {
        let mut form = FormState::with_answers(def, answers);
        let named = ladder::levels(&form.answers)
            .iter()
            .any(|l| l.get("niveau").is_some_and(llk_core::answers::is_filled));
        if !named {
            form.answers.make_mut()["scenarios"] = Value::Array(ladder::default_ladder());
        }
        ladder::normalise(form.answers.make_mut());
        PlanState::from_form(form)
    }

    fn from_form(form: FormState) -> PlanState {
        PlanState {
            form,
            history: PlanHistory::default(),
            compare: None,
            review_open: false,
            announce: String::new(),
            version_note: String::new(),
            readonly: false,
        }
    }

    pub fn answers(&self) -> &Value {
        &self.form.answers
    }

    pub fn reduce(&mut self, def: &FormDef, today: Date, action: PlanAction) -> Vec<PlanEffect> {
        if self.readonly && changes_the_plan(&action) {
            return Vec::new();
        }
        match action {
            PlanAction::SetReadonly(on) => {
                self.readonly = on;
                // A review half done is left: it would make a version of a read-only plan.
                self.review_open &= !on;
                Vec::new()
            }
            PlanAction::Field(Action::SetAnswers(v)) => {
                let (history, readonly) = (std::mem::take(&mut self.history), self.readonly);
                *self = PlanState::with_answers(def, v);
                self.history = history;
                self.readonly = readonly;
                self.refresh_compare(def);
                vec![PlanEffect::Changed(String::new())]
            }
            PlanAction::Field(a) => self.field(def, today, a),
            PlanAction::AddLevel { at, name } => self.add_level(def, at, &name),
            PlanAction::MoveLevel { from, up } => self.move_level(from, up),
            PlanAction::RemoveLevel { index } => self.remove_level(def, index),
            PlanAction::Adopt { date, reason } => self.adopt(def, today, date, &reason),
            PlanAction::StartReview => {
                self.review_open = true;
                vec![PlanEffect::Focus(REVIEW_HEADING_ID.into())]
            }
            PlanAction::CancelReview => {
                self.review_open = false;
                vec![PlanEffect::Focus(REVIEW_BUTTON_ID.into())]
            }
            PlanAction::ReviewSubmitted(review) => self.review_submitted(def, today, &review),
            PlanAction::Compare { old, new } => {
                self.compare = Some((old, new, Vec::new()));
                self.refresh_compare(def);
                Vec::new()
            }
            PlanAction::SetHistory(h) => {
                self.history = h;
                self.compare = None;
                self.compare_latest(def);
                Vec::new()
            }
        }
    }

    fn field(&mut self, def: &FormDef, today: Date, a: Action) -> Vec<PlanEffect> {
        // The editor is one page: stepping actions do not apply.
        if matches!(
            a,
            Action::Next | Action::Back | Action::Edit { .. } | Action::Reset
        ) {
            return Vec::new();
        }
        let horizon = goal_horizon_choice(def, &a);
        let mut effects: Vec<PlanEffect> = self
            .form
            .reduce(def, today, a)
            .into_iter()
            .filter_map(|e| match e {
                Effect::Focus(id) => Some(PlanEffect::Focus(id)),
                Effect::Changed(p) => Some(PlanEffect::Changed(p)),
                Effect::Submitted(..) => None,
            })
            .collect();
        // A goal given another horizon moves to that horizon's list, drawn anew: focus goes
        // with it, to the choice just made (else a keyboard user is left nowhere).
        if let Some(id) = horizon
            && effects.iter().any(|e| matches!(e, PlanEffect::Changed(_)))
        {
            effects.push(PlanEffect::Focus(id));
        }
        effects
    }

    fn levels_len(&self) -> usize {
        ladder::levels(&self.form.answers).len()
    }

    fn forget_level_messages(&mut self) {
        // Messages of levels point at positions that just moved: drop them (they come back
        // when a field is left or the plan is checked).
        let keep = |d: &Diagnostic| !d.path.starts_with("scenarios");
        self.form.shown.retain(keep);
        self.form.summary.retain(keep);
    }

    fn add_level(&mut self, def: &FormDef, at: usize, name: &str) -> Vec<PlanEffect> {
        let name = name.trim();
        if name.is_empty() {
            self.announce = "Vul eerst een naam voor het nieuwe niveau in.".into();
            return vec![PlanEffect::Focus(NEW_LEVEL_ID.into())];
        }
        let max = repeat_bounds(def, "scenarios").1;
        match ladder::add_level(self.form.answers.make_mut(), at, name, max) {
            Some(i) => {
                self.forget_level_messages();
                self.announce = format!("Niveau ‘{name}’ is toegevoegd als niveau {}.", i + 1);
                vec![
                    PlanEffect::Changed("scenarios".into()),
                    PlanEffect::Focus(dom_id(&format!("scenarios[{i}].signalen"))),
                ]
            }
            None => {
                self.announce = format!("Er kunnen niet meer dan {max} niveaus op de ladder.");
                Vec::new()
            }
        }
    }

    fn move_level(&mut self, from: usize, up: bool) -> Vec<PlanEffect> {
        let n = self.levels_len();
        let to = if up { from + 1 } else { from.wrapping_sub(1) };
        if from >= n || to >= n {
            return Vec::new();
        }
        let Some(to) = ladder::move_level(self.form.answers.make_mut(), from, to) else {
            return Vec::new();
        };
        self.forget_level_messages();
        let name = ladder::level_name(&ladder::levels(&self.form.answers)[to], to);
        self.announce = format!("Niveau ‘{name}’ is nu niveau {} van {n}.", to + 1);
        // Focus stays on the same button of the moved level; at the end of the ladder that
        // button is gone, so it goes to the other one.
        let dir = match (up, to + 1 < n, to > 0) {
            (true, true, _) | (false, _, false) => "up",
            _ => "down",
        };
        vec![
            PlanEffect::Changed("scenarios".into()),
            PlanEffect::Focus(level_button_id(to, dir)),
        ]
    }

    fn remove_level(&mut self, def: &FormDef, index: usize) -> Vec<PlanEffect> {
        let min = repeat_bounds(def, "scenarios").0;
        let Some(level) = ladder::levels(&self.form.answers).get(index) else {
            return Vec::new();
        };
        let name = ladder::level_name(level, index);
        if !ladder::remove_level(self.form.answers.make_mut(), index, min) {
            self.announce = format!("De ladder heeft minstens {min} niveaus.");
            return Vec::new();
        }
        self.forget_level_messages();
        self.announce = format!("Niveau ‘{name}’ is verwijderd.");
        vec![
            PlanEffect::Changed("scenarios".into()),
            PlanEffect::Focus(NEW_LEVEL_ID.into()),
        ]
    }

    /// Validates; with errors, shows them and the summary; else records the answers as the
    /// plan's own version number (replacing a snapshot of the same number: the working
    /// version was adopted again after a correction).
    fn adopt(&mut self, def: &FormDef, today: Date, date: Date, reason: &str) -> Vec<PlanEffect> {
        let fx = self.field(def, today, Action::ValidateAll);
        if has_errors(&self.form.summary) {
            return fx;
        }
        let number = self.record(date, reason);
        self.version_note = format!("Versie {number} van het plan is vastgelegd.");
        self.compare_latest(def);
        vec![
            PlanEffect::Versioned(number),
            PlanEffect::Focus(VERSIONS_HEADING_ID.into()),
        ]
    }

    fn record(&mut self, date: Date, reason: &str) -> u32 {
        let own = version_of(&self.form.answers);
        if let Some(n) = own
            && self.history.latest().is_some_and(|v| v.number == n)
        {
            self.history.versions.pop();
        }
        let n = self.history.record(&self.form.answers, date, reason);
        self.form.answers.make_mut()["plan"]["versie"] = json!(n);
        n
    }

    /// The review's answers, prefilled from the plan (see
    /// [`llk_core::plan::history::review_prefill`]).
    pub fn review_prefill(&self) -> Value {
        llk_core::plan::history::review_prefill(&self.form.answers)
    }

    fn review_submitted(&mut self, def: &FormDef, today: Date, review: &Value) -> Vec<PlanEffect> {
        let Some((next, date, reason)) = version_from_review(&self.form.answers, review) else {
            self.version_note =
                "De bespreking heeft geen datum: er is geen nieuwe versie gemaakt.".into();
            return Vec::new();
        };
        // The version that was reviewed goes into the history as it stood, if it is not there.
        let own = version_of(&self.form.answers).unwrap_or(1);
        if self.history.get(own).is_none() {
            let d = self
                .form
                .answers
                .pointer("/plan/datum")
                .and_then(Value::as_str)
                .and_then(Date::parse_iso)
                .unwrap_or(today);
            self.record(d, "Vastgesteld in het casusoverleg");
        }
        self.form = FormState::with_answers(def, next);
        let n = self.record(date, &reason);
        self.history.attach_review(review);
        self.review_open = false;
        self.version_note = format!(
            "Versie {n} van het plan is gemaakt na de bespreking van {}.",
            date.to_dutch()
        );
        self.compare_latest(def);
        vec![
            PlanEffect::Changed(String::new()),
            PlanEffect::Versioned(n),
            PlanEffect::Focus(VERSIONS_HEADING_ID.into()),
        ]
    }

    fn compare_latest(&mut self, def: &FormDef) {
        let v = &self.history.versions;
        if v.len() >= 2 {
            self.compare = Some((v[v.len() - 2].number, v[v.len() - 1].number, Vec::new()));
        }
        self.refresh_compare(def);
    }

    fn refresh_compare(&mut self, def: &FormDef) {
        let Some((old, new, _)) = self.compare.take() else {
            return;
        };
        if let (Some(a), Some(b)) = (self.history.get(old), self.history.get(new)) {
            let changes = llk_core::plan::diff(def, &a.answers, &b.answers);
            self.compare = Some((old, new, changes));
        }
    }
}

/// Whether `action` is the user editing the plan (ignored while read-only). The host's own
/// actions (`value`, `history`, `validate()`) and looking at versions are not.
fn changes_the_plan(action: &PlanAction) -> bool {
    match action {
        PlanAction::Field(a) => !matches!(
            a,
            Action::SetAnswers(_) | Action::ValidateAll | Action::GoTo { .. }
        ),
        PlanAction::SetHistory(_)
        | PlanAction::SetReadonly(_)
        | PlanAction::Compare { .. }
        | PlanAction::CancelReview => false,
        PlanAction::AddLevel { .. }
        | PlanAction::MoveLevel { .. }
        | PlanAction::RemoveLevel { .. }
        | PlanAction::Adopt { .. }
        | PlanAction::StartReview
        | PlanAction::ReviewSubmitted(_) => true,
    }
}

/// The items of a repeating group at the top of the answers.
pub fn ladder_items<'a>(answers: &'a Value, group: &str) -> &'a [Value] {
    answers
        .get(group)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// (min, max) items of a top-level repeating group of the definition.
pub fn repeat_bounds(def: &FormDef, group: &str) -> (usize, usize) {
    def.field(group)
        .and_then(|f| f.repeat.as_ref())
        .map_or((0, usize::MAX), |r| (r.min as usize, r.max as usize))
}

/// The DOM id of a level's move button (`dir` is `up` or `down`).
pub fn level_button_id(index: usize, dir: &str) -> String {
    format!("llk-plan-level-{index}-{dir}")
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;

/// The DOM id of the radio button chosen when `a` sets a goal's horizon
/// (`doelen[i].termijn`): the first option has the field's id, option `n` `<id>--<n>`.
fn goal_horizon_choice(def: &FormDef, a: &Action) -> Option<String> {
    let Action::Commit { path, value } = a else {
        return None;
    };
    let rest = path.strip_prefix("doelen[")?;
    if !rest.ends_with("].termijn") {
        return None;
    }
    let field = def.field_index("doelen.termijn")?;
    let n = def.fields[field]
        .options
        .iter()
        .position(|c| Some(c.value.as_str()) == value.as_str())?;
    let id = dom_id(path);
    Some(if n == 0 { id } else { format!("{id}--{n}") })
}
