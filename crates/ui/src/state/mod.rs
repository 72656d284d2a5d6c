//! The form state as a pure reducer: `reduce(state, action) → effects`. No DOM, no clock,
//! no JavaScript: everything here is tested natively.
//!
//! Validation timing follows the NL Design System: typing ([`Action::Input`]) never
//! validates; leaving a field ([`Action::Blur`]) or making a choice ([`Action::Commit`])
//! validates that field; going to the next step ([`Action::Next`]) validates the page and,
//! on errors, shows the error summary and asks to focus its heading.

pub mod drafts;
mod held;

pub use held::HeldAnswers;

use crate::dom_id;
use llk_core::answers::{AnswerEnv, Answers};
use llk_core::def::{FieldKind, FormDef};
use llk_core::path::DataPath;
use llk_core::validate::{instances, validate};
use llk_core::{Date, Diagnostic, Severity, Submission};
use serde_json::{Map, Value};

/// Where the user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A page of the definition, by index.
    Page(usize),
    /// The check-your-answers page.
    Check,
    /// Submitted.
    Done,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user types: the answer changes, nothing is validated.
    Input {
        path: String,
        value: Value,
    },
    /// The user made a choice (radio, checkbox, select, signature stroke): set and validate.
    Commit {
        path: String,
        value: Value,
    },
    /// The user left a field: validate it.
    Blur {
        path: String,
    },
    AddItem {
        group: String,
    },
    RemoveItem {
        group: String,
        index: usize,
    },
    /// "Volgende" on a page, "Versturen" on the check page.
    Next,
    /// "Vorige".
    Back,
    /// "Wijzigen" on the check page: go to the field's page, come back to the check page after.
    Edit {
        path: String,
    },
    /// A link in the error summary: go to the field (on another page if needed) and focus it.
    GoTo {
        path: String,
    },
    /// Back to an empty form.
    Reset,
    /// The host set the answers (`value` property).
    SetAnswers(Value),
    /// The host refused what was sent (`reopen()`: a case that does not take it): from
    /// "verstuurd" back to the check page, every answer kept.
    Reopen,
    /// The host asked to validate everything (`validate()`): show all messages and the summary.
    ValidateAll,
}

/// What the component must do after a state change.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Move focus to the element with this DOM id (after rendering).
    Focus(String),
    /// An answer changed (the path); the host gets `llk-change`.
    Changed(String),
    /// The form was submitted; the host gets `llk-submit`.
    Submitted(Submission, Vec<Diagnostic>),
}

#[derive(Debug, Clone)]
pub struct FormState {
    /// Shared with the fields (and, as `WeakAnswers`, the element): changing them copies
    /// them only while the fields hold the ones they were drawn with, never to hand them on.
    pub answers: Answers,
    pub step: Step,
    /// Diagnostics shown next to their fields.
    pub shown: Vec<Diagnostic>,
    /// The error summary above the form, when a submit failed.
    pub summary: Vec<Diagnostic>,
    /// After "Wijzigen", "Volgende" returns to the check page.
    pub return_to_check: bool,
}

/// Two states are the same when they say the same: the answers by content (`Answers`
/// alone compares by pointer).
impl PartialEq for FormState {
    fn eq(&self, other: &Self) -> bool {
        *self.answers == *other.answers
            && self.step == other.step
            && self.shown == other.shown
            && self.summary == other.summary
            && self.return_to_check == other.return_to_check
    }
}

impl FormState {
    pub fn new(def: &FormDef) -> FormState {
        FormState {
            answers: Answers::new(skeleton(def)),
            step: Step::Page(0),
            shown: Vec::new(),
            summary: Vec::new(),
            return_to_check: false,
        }
    }

    /// Starts from given answers (a draft or the host's `value`).
    pub fn with_answers(def: &FormDef, answers: Value) -> FormState {
        let mut s = FormState::new(def);
        if answers.is_object() {
            // Repeating groups the answers lack still get their minimum of empty items.
            let mut answers = answers;
            merge_missing(&mut answers, &s.answers);
            s.answers = Answers::new(answers);
        }
        s
    }

    pub fn reduce(&mut self, def: &FormDef, today: Date, action: Action) -> Vec<Effect> {
        match action {
            Action::Input { path, value } => {
                if self.set(&path, value) {
                    vec![Effect::Changed(path)]
                } else {
                    Vec::new()
                }
            }
            Action::Commit { path, value } => {
                let changed = self.set(&path, value);
                self.refresh(def, today, &path);
                if changed {
                    vec![Effect::Changed(path)]
                } else {
                    Vec::new()
                }
            }
            Action::Blur { path } => {
                self.refresh(def, today, &path);
                Vec::new()
            }
            Action::AddItem { group } => self.add_item(def, &group),
            Action::RemoveItem { group, index } => self.remove_item(&group, index),
            Action::Next => self.next(def, today),
            Action::Back => {
                self.summary.clear();
                self.step = match self.step {
                    Step::Page(0) | Step::Done => self.step,
                    Step::Page(p) => Step::Page(p - 1),
                    Step::Check => Step::Page(def.pages.len().saturating_sub(1)),
                };
                vec![Effect::Focus(crate::PAGE_HEADING_ID.into())]
            }
            Action::Edit { path } => {
                self.summary.clear();
                self.return_to_check = true;
                self.step = Step::Page(page_of(def, &path));
                vec![Effect::Focus(dom_id(&path))]
            }
            Action::GoTo { path } => {
                if self.step == Step::Check {
                    self.return_to_check = true;
                }
                self.step = Step::Page(page_of(def, &path));
                vec![Effect::Focus(dom_id(&path))]
            }
            Action::Reset => {
                *self = FormState::new(def);
                vec![
                    Effect::Changed(String::new()),
                    Effect::Focus(crate::PAGE_HEADING_ID.into()),
                ]
            }
            Action::SetAnswers(v) => {
                let step = self.step;
                *self = FormState::with_answers(def, v);
                if step != Step::Done {
                    self.step = step;
                }
                Vec::new()
            }
            // Focus stays where the host put it: on its message saying why.
            Action::Reopen => {
                if self.step == Step::Done {
                    self.step = Step::Check;
                }
                Vec::new()
            }
            Action::ValidateAll => {
                let all = validate(def, &self.answers, today);
                self.shown = all.clone();
                self.summary = errors_sorted(def, &all);
                if self.summary.is_empty() {
                    Vec::new()
                } else {
                    vec![Effect::Focus(crate::SUMMARY_HEADING_ID.into())]
                }
            }
        }
    }

    /// The messages shown for one concrete path.
    pub fn messages(&self, path: &str) -> impl Iterator<Item = &Diagnostic> {
        self.shown.iter().filter(move |d| d.path == path)
    }

    /// Sets an answer (an empty one removes it); true when it changed.
    fn set(&mut self, path: &str, value: Value) -> bool {
        let Some(p) = DataPath::parse(path) else {
            return false;
        };
        let value = match value {
            Value::String(s) if s.is_empty() => Value::Null,
            Value::Array(a) if a.is_empty() => Value::Null,
            v => v,
        };
        if p.get(&self.answers).unwrap_or(&Value::Null) == &value {
            return false;
        }
        p.set(self.answers.make_mut(), value);
        true
    }

    /// Re-validates and replaces what is shown for `path` (and drops summary entries that
    /// are fixed).
    fn refresh(&mut self, def: &FormDef, today: Date, path: &str) {
        let all = validate(def, &self.answers, today);
        self.shown.retain(|d| d.path != path);
        self.shown
            .extend(all.iter().filter(|d| d.path == path).cloned());
        // Messages of fields that became hidden disappear with them.
        self.shown.retain(|d| all.contains(d) || d.path == path);
        self.summary.retain(|d| all.contains(d));
    }

    fn add_item(&mut self, def: &FormDef, group: &str) -> Vec<Effect> {
        let Some(p) = DataPath::parse(group) else {
            return Vec::new();
        };
        let Some(gi) = def.field_index(&p.schema_path()) else {
            return Vec::new();
        };
        let item = Value::Object(skeleton_of(def, &def.fields[gi].children));
        let mut items = p
            .get(&self.answers)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if let Some(rep) = &def.fields[gi].repeat
            && items.len() >= rep.max as usize
        {
            return Vec::new();
        }
        items.push(item);
        let n = items.len() - 1;
        p.set(self.answers.make_mut(), Value::Array(items));
        let first = def.fields[gi]
            .children
            .iter()
            .find(|&&c| def.fields[c].kind != FieldKind::Info)
            .map(|&c| format!("{group}[{n}].{}", def.fields[c].key));
        self.shown.retain(|d| d.path != group);
        let mut fx = vec![Effect::Changed(group.to_string())];
        fx.extend(first.map(|f| Effect::Focus(dom_id(&f))));
        fx
    }

    fn remove_item(&mut self, group: &str, index: usize) -> Vec<Effect> {
        let Some(p) = DataPath::parse(group) else {
            return Vec::new();
        };
        let Some(mut items) = p.get(&self.answers).and_then(Value::as_array).cloned() else {
            return Vec::new();
        };
        if index >= items.len() {
            return Vec::new();
        }
        items.remove(index);
        p.set(self.answers.make_mut(), Value::Array(items));
        // Messages of the items after it would now point at the wrong item: drop them all.
        let prefix = format!("{group}[");
        self.shown.retain(|d| !d.path.starts_with(&prefix));
        self.summary.retain(|d| !d.path.starts_with(&prefix));
        vec![
            Effect::Changed(group.to_string()),
            Effect::Focus(format!("{}-add", dom_id(group))),
        ]
    }

    fn next(&mut self, def: &FormDef, today: Date) -> Vec<Effect> {
        let all = validate(def, &self.answers, today);
        match self.step {
            Step::Page(p) => {
                let here: Vec<Diagnostic> = all
                    .iter()
                    .filter(|d| page_of(def, &d.path) == p)
                    .cloned()
                    .collect();
                self.shown.retain(|d| page_of(def, &d.path) != p);
                self.shown.extend(here.iter().cloned());
                self.summary = errors_sorted(def, &here);
                if !self.summary.is_empty() {
                    return vec![Effect::Focus(crate::SUMMARY_HEADING_ID.into())];
                }
                self.step = if self.return_to_check || p + 1 >= def.pages.len() {
                    self.return_to_check = false;
                    Step::Check
                } else {
                    Step::Page(p + 1)
                };
                vec![Effect::Focus(crate::PAGE_HEADING_ID.into())]
            }
            Step::Check => {
                self.shown = all.clone();
                self.summary = errors_sorted(def, &all);
                if !self.summary.is_empty() {
                    return vec![Effect::Focus(crate::SUMMARY_HEADING_ID.into())];
                }
                let warnings = all;
                self.step = Step::Done;
                let submission = Submission {
                    form: def.id.clone(),
                    version: def.version,
                    region: def.region.clone(),
                    answers: submitted_answers(def, &self.answers, today),
                    unmapped: Map::new(),
                };
                vec![
                    Effect::Submitted(submission, warnings),
                    Effect::Focus(crate::PAGE_HEADING_ID.into()),
                ]
            }
            Step::Done => Vec::new(),
        }
    }
}

/// Errors only (warnings never block), in document order of their fields.
fn errors_sorted(def: &FormDef, all: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut errors: Vec<Diagnostic> = all
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    errors.sort_by_key(|d| field_of(def, &d.path).unwrap_or(usize::MAX));
    errors
}

/// The field index a concrete path belongs to.
pub fn field_of(def: &FormDef, path: &str) -> Option<usize> {
    DataPath::parse(path).and_then(|p| def.field_index(&p.schema_path()))
}

/// The page a concrete path is on (the first page when unknown).
pub fn page_of(def: &FormDef, path: &str) -> usize {
    field_of(def, path).map_or(0, |i| def.fields[i].page)
}

/// The empty answers a new form starts with: every repeating group has its minimum number
/// of (empty) items, so their fields show.
pub fn skeleton(def: &FormDef) -> Value {
    let roots: Vec<usize> = def.roots().collect();
    Value::Object(skeleton_of(def, &roots))
}

fn skeleton_of(def: &FormDef, fields: &[usize]) -> Map<String, Value> {
    let mut map = Map::new();
    for &i in fields {
        let f = &def.fields[i];
        if f.kind != FieldKind::Group {
            continue;
        }
        match &f.repeat {
            Some(rep) if rep.min > 0 => {
                let items = (0..rep.min)
                    .map(|_| Value::Object(skeleton_of(def, &f.children)))
                    .collect();
                map.insert(f.key.clone(), Value::Array(items));
            }
            Some(_) => {}
            None => {
                let inner = skeleton_of(def, &f.children);
                if !inner.is_empty() {
                    map.insert(f.key.clone(), Value::Object(inner));
                }
            }
        }
    }
    map
}

/// Adds what `defaults` has and `into` lacks (objects merged key by key).
fn merge_missing(into: &mut Value, defaults: &Value) {
    if let (Value::Object(into), Value::Object(defaults)) = (into, defaults) {
        for (k, d) in defaults {
            match into.get_mut(k) {
                Some(v) => merge_missing(v, d),
                None => {
                    into.insert(k.clone(), d.clone());
                }
            }
        }
    }
}

/// The answers as submitted: answers of hidden fields are left out (data minimisation: a
/// question that does not apply was not asked), and so are empty objects.
pub fn submitted_answers(def: &FormDef, answers: &Value, today: Date) -> Value {
    let mut out = answers.clone();
    for _ in 0..8 {
        let mut hidden = Vec::new();
        for (i, f) in def.fields.iter().enumerate() {
            if f.visible_if.is_none() {
                continue;
            }
            for scope in instances(def, &out, &def.repeating_ancestors(i)) {
                let env = AnswerEnv {
                    def,
                    root: &out,
                    scope,
                    today,
                };
                if !env.is_true(&f.visible_if) {
                    let p = env.data_path(i);
                    if p.get(&out).is_some() {
                        hidden.push(p);
                    }
                }
            }
        }
        if hidden.is_empty() {
            break;
        }
        for p in &hidden {
            p.set(&mut out, Value::Null);
        }
    }
    prune_empty(&mut out);
    let roots: Vec<usize> = def.roots().collect();
    in_form_order(def, &roots, out)
}

/// Object keys in the order the definition has them (answers it does not know last), so a
/// submission reads like the form.
fn in_form_order(def: &FormDef, fields: &[usize], v: Value) -> Value {
    let Value::Object(mut map) = v else { return v };
    let mut out = Map::new();
    for &i in fields {
        let f = &def.fields[i];
        if let Some(child) = map.remove(&f.key) {
            let child = match child {
                Value::Array(items) if f.kind == FieldKind::Group => Value::Array(
                    items
                        .into_iter()
                        .map(|it| in_form_order(def, &f.children, it))
                        .collect(),
                ),
                c if f.kind == FieldKind::Group => in_form_order(def, &f.children, c),
                c => c,
            };
            out.insert(f.key.clone(), child);
        }
    }
    out.extend(map);
    Value::Object(out)
}

fn prune_empty(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (_, child) in map.iter_mut() {
                prune_empty(child);
            }
            map.retain(|_, child| !matches!(child, Value::Object(m) if m.is_empty()));
        }
        Value::Array(items) => items.iter_mut().for_each(prune_empty),
        _ => {}
    }
}

#[cfg(test)]
pub(crate) mod tests;
