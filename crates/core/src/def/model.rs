//! A checked definition for one region: every path resolved, every expression parsed and
//! type-checked, every `{term}` filled in, every regional list turned into options.

use super::raw::{Anonymise, FieldKind};
use crate::date::Date;
use crate::expr::Expr;

#[derive(Debug, Clone)]
pub struct FormDef {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub intro: Option<String>,
    pub step: Option<String>,
    pub region: String,
    pub pages: Vec<Page>,
    /// All fields, in document order; `Page::fields` and `Field::children` index into this.
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
    pub migrations: Vec<Migration>,
    /// Path → index into `fields`.
    pub by_path: std::collections::HashMap<String, usize>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub title: String,
    pub intro: Option<String>,
    /// Top-level fields of this page.
    pub fields: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The full definition path (`partners.email`).
    pub path: String,
    /// The last segment: the key in its parent object.
    pub key: String,
    pub kind: FieldKind,
    pub label: String,
    pub help: Option<String>,
    pub required: bool,
    pub required_if: Option<Expr>,
    pub visible_if: Option<Expr>,
    pub options: Vec<Choice>,
    /// The options come from a list that differs per region (`partners`, `zvhs`,
    /// `secured_beds`, `meetings`; `roles` is national): an example may name an entry of
    /// another region's list.
    pub regional: bool,
    pub allow_other: bool,
    pub min: Option<Limit>,
    pub max: Option<Limit>,
    pub integer: bool,
    pub repeat: Option<RepeatSpec>,
    pub text: Option<String>,
    pub value: Option<Expr>,
    pub signers: Option<String>,
    pub anonymise: Option<Anonymise>,
    pub sensitive: bool,
    /// Filled by the case, shown but not typed (see `RawField::readonly`).
    pub readonly: bool,
    pub example: Option<serde_json::Value>,
    pub examples: Vec<serde_json::Value>,
    pub page: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    Num(f64),
    Date(Date),
    Today,
}

#[derive(Debug, Clone)]
pub struct RepeatSpec {
    pub min: u32,
    pub max: u32,
    pub item_label: String,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    /// Index of the field the message belongs to.
    pub field: usize,
    pub when: Option<Expr>,
    pub assert: Expr,
    pub severity: crate::Severity,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Migration {
    pub from: u32,
    pub rename: Vec<(String, String)>,
    pub drop: Vec<String>,
}

impl FormDef {
    pub fn field(&self, path: &str) -> Option<&Field> {
        self.field_index(path).map(|i| &self.fields[i])
    }

    pub fn field_index(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// The fields from the top-level one down to `i` itself.
    pub fn chain(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut cur = self.fields[i].parent;
        while let Some(p) = cur {
            out.push(p);
            cur = self.fields[p].parent;
        }
        out.reverse();
        out
    }

    /// Per field: whether a change to its answer can change how another field looks, i.e.
    /// whether a `visible_if`, `required_if` or computed `value` reads it, or reads a group it
    /// stands in (`count(kinderen)`). A keystroke in a field no expression reads changes that
    /// answer alone (the form draws one field, `crates/ui/src/field.rs`). Rules are left out:
    /// they only validate.
    pub fn read_by_expressions(&self) -> Vec<bool> {
        let mut read = vec![false; self.fields.len()];
        let exprs = self
            .fields
            .iter()
            .flat_map(|f| [&f.visible_if, &f.required_if, &f.value]);
        for e in exprs.flatten() {
            for i in e.fields().into_iter().filter_map(|p| self.field_index(p)) {
                read[i] = true;
            }
        }
        (0..self.fields.len())
            .map(|i| self.chain(i).iter().any(|&j| read[j]))
            .collect()
    }

    /// Top-level fields in document order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        self.pages.iter().flat_map(|p| p.fields.iter().copied())
    }

    /// The repeating groups that contain field `i`, outermost first.
    pub fn repeating_ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.fields[i].parent;
        while let Some(p) = cur {
            if self.fields[p].repeat.is_some() {
                out.push(p);
            }
            cur = self.fields[p].parent;
        }
        out.reverse();
        out
    }
}

impl Field {
    pub fn is_input(&self) -> bool {
        self.kind.is_input()
    }

    /// The label of an option value, for showing an answer.
    pub fn option_label(&self, value: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.label.as_str())
    }
}
