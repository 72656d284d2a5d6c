//! Reading answers as expression values, from where an expression stands.

use crate::date::Date;
use crate::def::{FieldKind, FormDef};
use crate::expr::{self, Env, Val};
use crate::path::DataPath;
use serde_json::Value;
use std::rc::{Rc, Weak};

/// One form's answers, shared and compared by pointer (as a form's `DefRef` is): two
/// `Answers` are equal when they are the same answers, which is all a component needs to
/// know to skip drawing, where `Value`'s own `==` would compare every answer. Changing them
/// ([`make_mut`](Answers::make_mut)) copies them only while another `Answers` holds them;
/// a [`WeakAnswers`] does not count, so a holder that only reads them now and then (an
/// element's `value`) keeps one of those.
#[derive(Debug, Clone, Default)]
pub struct Answers(Rc<Value>);

/// Answers held without keeping them (see [`Answers`]).
#[derive(Debug, Clone, Default)]
pub struct WeakAnswers(Weak<Value>);

impl Answers {
    pub fn new(answers: Value) -> Answers {
        Answers(Rc::new(answers))
    }

    /// The answers to change: in place, unless another `Answers` holds them (then a copy).
    pub fn make_mut(&mut self) -> &mut Value {
        Rc::make_mut(&mut self.0)
    }

    pub fn downgrade(&self) -> WeakAnswers {
        WeakAnswers(Rc::downgrade(&self.0))
    }

    /// The answer at `path`.
    pub fn at(&self, path: &DataPath) -> Option<&Value> {
        path.get(&self.0)
    }

    /// The date at `path`, if it is one (`YYYY-MM-DD`).
    pub fn date(&self, path: &DataPath) -> Option<Date> {
        self.at(path)
            .and_then(Value::as_str)
            .and_then(Date::parse_iso)
    }

    /// The items of the repeating group at `path` (none when it has none).
    pub fn items(&self, path: &DataPath) -> &[Value] {
        self.at(path)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// The strokes of the drawn signature at `path` (none when it is typed or not given).
    pub fn strokes(&self, path: &DataPath) -> Vec<crate::signature::Stroke> {
        self.at(path)
            .map(crate::signature::strokes)
            .unwrap_or_default()
    }
}

impl WeakAnswers {
    /// The answers, while an `Answers` still holds them.
    pub fn upgrade(&self) -> Option<Answers> {
        self.0.upgrade().map(Answers)
    }
}

impl PartialEq for Answers {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Answers {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.0
    }
}

impl From<Value> for Answers {
    fn from(answers: Value) -> Answers {
        Answers::new(answers)
    }
}

/// Which item of each enclosing repeating group we are in: (group field index, item index).
pub type Scope = Vec<(usize, usize)>;

/// The expression environment over one submission's answers.
#[derive(Debug)]
pub struct AnswerEnv<'a> {
    pub def: &'a FormDef,
    pub root: &'a Value,
    pub scope: Scope,
    pub today: Date,
}

impl AnswerEnv<'_> {
    /// The concrete path of field `i` in the current scope (`partners[2].email`).
    pub fn data_path(&self, i: usize) -> DataPath {
        concrete_path(self.def, i, &self.scope)
    }

    pub fn is_true(&self, e: &Option<expr::Expr>) -> bool {
        e.as_ref().is_none_or(|e| expr::eval(e, self).is_true())
    }

    /// Whether field `i` and every group around it are visible here.
    pub fn visible(&self, i: usize) -> bool {
        self.def
            .chain(i)
            .into_iter()
            .all(|f| self.is_true(&self.def.fields[f].visible_if))
    }

    /// The computed value of a `computed` field.
    pub fn computed(&self, i: usize) -> Val {
        self.def.fields[i]
            .value
            .as_ref()
            .map_or(Val::Null, |e| expr::eval(e, self))
    }
}

impl Env for AnswerEnv<'_> {
    fn field(&self, path: &str) -> Val {
        let Some(i) = self.def.field_index(path) else {
            return Val::Null;
        };
        if self.def.fields[i].kind == FieldKind::Computed {
            // Computed fields may only use those declared before them (checked at load), so
            // this recursion ends.
            return self.computed(i);
        }
        let chain = self.def.chain(i);
        let mut current: Vec<&Value> = vec![self.root];
        let mut spread = false;
        for &node in &chain {
            let f = &self.def.fields[node];
            let mut next = Vec::new();
            for v in current {
                let Some(child) = v.get(&f.key) else { continue };
                if f.repeat.is_some() && node != i {
                    match self.scope.iter().find(|(g, _)| *g == node) {
                        Some((_, j)) => next.extend(child.get(*j)),
                        None => {
                            spread = true;
                            next.extend(child.as_array().into_iter().flatten());
                        }
                    }
                } else {
                    next.push(child);
                }
            }
            current = next;
        }
        let kind = self.def.fields[i].kind;
        if spread {
            let mut items = Vec::new();
            for v in current {
                match to_val(kind, v) {
                    Val::List(inner) => items.extend(inner),
                    Val::Null => {}
                    other => items.push(other),
                }
            }
            Val::List(items)
        } else {
            current.first().map_or(Val::Null, |v| to_val(kind, v))
        }
    }

    fn today(&self) -> Date {
        self.today
    }
}

/// The concrete path of field `i` given the items we are in.
pub fn concrete_path(def: &FormDef, i: usize, scope: &Scope) -> DataPath {
    let mut p = DataPath::default();
    for node in def.chain(i) {
        p = p.key(&def.fields[node].key);
        if node != i
            && let Some((_, j)) = scope.iter().find(|(g, _)| *g == node)
        {
            p = p.index(*j);
        }
    }
    p
}

/// Parses a number as users type it: `12`, `12.5` or the Dutch `12,5`.
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => crate::number::parse_number(s),
        _ => None,
    }
}

/// The expression value of an answer, by field kind; what does not fit reads as unanswered.
pub fn to_val(kind: FieldKind, v: &Value) -> Val {
    match kind {
        FieldKind::Number => number(v).map_or(Val::Null, Val::Num),
        FieldKind::Date => v
            .as_str()
            .and_then(Date::parse_iso)
            .map_or(Val::Null, Val::Date),
        FieldKind::YesNo => v.as_bool().map_or(Val::Null, Val::Bool),
        FieldKind::MultiChoice => match v.as_array() {
            Some(items) => Val::List(
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(|s| Val::Text(s.to_string())))
                    .collect(),
            ),
            None => Val::Null,
        },
        FieldKind::Group => match v {
            Value::Array(items) => Val::Group(items.len()),
            Value::Object(map) => Val::Group(map.values().filter(|v| is_filled(v)).count()),
            _ => Val::Null,
        },
        FieldKind::Signature => Val::Group(usize::from(crate::signature::is_given(v))),
        FieldKind::Info | FieldKind::Computed => Val::Null,
        _ => v.as_str().map_or(Val::Null, |s| Val::Text(s.to_string())),
    }
}

/// Whether an answer counts as given: not null, not blank, not an empty list or object.
pub fn is_filled(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => o.values().any(is_filled),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

/// `draft` with the read-only answers (those the case fills in, `readonly = true`) of
/// `fresh`: a draft restored under a form the case just prefilled keeps what the user
/// typed, but the case's facts are today's, not those of the day the draft was saved.
pub fn with_readonly_from(def: &FormDef, fresh: &Value, mut draft: Value) -> Value {
    for f in def.fields.iter().filter(|f| f.readonly) {
        let Some(path) = DataPath::parse(&f.path) else {
            continue;
        };
        if let Some(v) = path.get(fresh).filter(|v| is_filled(v)).cloned() {
            if !draft.is_object() {
                draft = Value::Object(serde_json::Map::new());
            }
            path.set(&mut draft, v);
        }
    }
    draft
}

#[cfg(test)]
mod answers_tests {
    use super::*;
    use serde_json::json;

    fn path(p: &str) -> DataPath {
        DataPath::parse(p).expect("a path")
    }

    #[test]
    fn answers_are_equal_when_they_are_the_same_answers() {
        let a = Answers::new(json!({"naam": "Eva"}));
        let same = a.clone();
        let alike = Answers::new(json!({"naam": "Eva"}));
        assert!(a == same);
        assert!(a != alike, "compared by pointer, not by content");
    }

    #[test]
    fn changing_copies_only_while_another_answers_holds_them() {
        let mut a = Answers::new(json!({"naam": "Eva", "plaats": "Arnhem"}));
        let text = |a: &Answers| a["plaats"].as_str().map(str::as_ptr);
        let before = text(&a);
        let weak = a.downgrade();
        a.make_mut()["naam"] = json!("Eva de Vries");
        assert_eq!(text(&a), before, "a WeakAnswers does not make a copy");
        assert!(weak.upgrade().is_none(), "it lets go of them instead");
        let held = a.clone();
        a.make_mut()["naam"] = json!("E. de Vries");
        assert_ne!(text(&a), before, "another Answers does");
        assert_eq!(held["naam"], json!("Eva de Vries"));
        assert!(a.downgrade().upgrade() == Some(a.clone()));
    }

    #[test]
    fn typed_accessors_read_dates_items_and_strokes() {
        let a = Answers::new(json!({
            "datum": "2026-12-08",
            "geen_datum": "8 december",
            "partners": [{"naam": "GGZ"}, {"naam": "Politie"}],
            "handtekening": {"strokes": [[[1, 2], [3, 4]]], "date": "2026-12-08"},
        }));
        assert_eq!(a.date(&path("datum")), Date::new(2026, 12, 8));
        assert_eq!(a.date(&path("geen_datum")), None);
        assert_eq!(a.items(&path("partners")).len(), 2);
        assert!(a.items(&path("datum")).is_empty());
        assert!(a.items(&path("nergens")).is_empty());
        assert_eq!(
            a.strokes(&path("handtekening")),
            vec![vec![(1.0, 2.0), (3.0, 4.0)]]
        );
        assert!(a.strokes(&path("datum")).is_empty());
    }
}
