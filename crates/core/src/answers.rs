//! Reading answers as expression values, from where an expression stands.

use crate::date::Date;
use crate::def::{FieldKind, FormDef};
use crate::expr::{self, Env, Val};
use crate::path::DataPath;
use serde_json::Value;

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
