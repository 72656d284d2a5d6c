//! What changed between two versions of a plan: added, removed and changed answers, each
//! by answer path and with the definition's labels. Items of repeating groups are matched
//! by what identifies them for people (a team member by name, a scenario by its level
//! name, an action by what it is, a goal by its text); what is left is paired when it is mostly
//! the same, so a renamed level shows as a change of its name, not as one removed and one
//! added, while a new action in the place of an old one is added, and the old one removed.

use crate::answers::is_filled;
use crate::def::{FieldKind, FormDef};
use crate::display::display;
use crate::text::lowercase;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn dutch(self) -> &'static str {
        match self {
            ChangeKind::Added => "Toegevoegd",
            ChangeKind::Removed => "Verwijderd",
            ChangeKind::Changed => "Gewijzigd",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// The answer path (in the newer version; in the older one for what was removed).
    pub path: String,
    /// Where it is, for people: `Scenario ‘Crisis’ › Wie signaleert?`.
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The changes from `old` to `new`, in the definition's document order.
pub fn diff(def: &FormDef, old: &Value, new: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    for i in def.roots() {
        let key = &def.fields[i].key;
        field(def, i, old.get(key), new.get(key), key, "", &mut out);
    }
    out
}

/// The child that identifies an item of a repeating group.
fn key_child(def: &FormDef, group: usize) -> Option<usize> {
    let children = &def.fields[group].children;
    ["naam", "niveau", "wat", "doel"]
        .iter()
        .find_map(|k| children.iter().copied().find(|&c| def.fields[c].key == *k))
        .or_else(|| {
            children.iter().copied().find(|&c| {
                matches!(
                    def.fields[c].kind,
                    FieldKind::Text | FieldKind::Textarea | FieldKind::PersonName
                )
            })
        })
}

fn join(prefix: &str, label: &str) -> String {
    if prefix.is_empty() {
        label.to_string()
    } else {
        format!("{prefix} › {label}")
    }
}

fn field(
    def: &FormDef,
    i: usize,
    old: Option<&Value>,
    new: Option<&Value>,
    path: &str,
    prefix: &str,
    out: &mut Vec<Change>,
) {
    let f = &def.fields[i];
    match f.kind {
        FieldKind::Info | FieldKind::Computed => {}
        FieldKind::Group if f.repeat.is_some() => items(def, i, old, new, path, prefix, out),
        FieldKind::Group => {
            let label = if f.label.is_empty() {
                prefix.to_string()
            } else {
                join(prefix, &f.label)
            };
            for &c in &f.children {
                let k = &def.fields[c].key;
                let sub = format!("{path}.{k}");
                field(
                    def,
                    c,
                    old.and_then(|v| v.get(k)),
                    new.and_then(|v| v.get(k)),
                    &sub,
                    &label,
                    out,
                );
            }
        }
        _ => {
            let null = Value::Null;
            let (o, n) = (old.unwrap_or(&null), new.unwrap_or(&null));
            let (ot, nt) = (display(f, o), display(f, n));
            if ot == nt {
                return;
            }
            let kind = match (&ot, &nt) {
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Removed,
                _ => ChangeKind::Changed,
            };
            out.push(Change {
                kind,
                path: path.to_string(),
                label: join(prefix, &f.label),
                old: ot,
                new: nt,
            });
        }
    }
}

fn identity(def: &FormDef, key: Option<usize>, item: &Value) -> Option<String> {
    let k = &def.fields[key?].key;
    super::text(item, k).map(lowercase)
}

fn item_title(def: &FormDef, group: usize, key: Option<usize>, item: &Value, n: usize) -> String {
    let f = &def.fields[group];
    let noun = f.repeat.as_ref().map_or("item", |r| r.item_label.as_str());
    let mut noun_cap = noun.to_string();
    if let Some(first) = noun_cap.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    let name = key
        .and_then(|k| super::text(item, &def.fields[k].key))
        .map(|s| {
            let short: String = s.chars().take(60).collect();
            if short.len() < s.len() {
                format!("{short}…")
            } else {
                short
            }
        });
    match name {
        Some(n) => format!("{noun_cap} ‘{n}’"),
        None => format!("{noun_cap} {}", n + 1),
    }
}

fn items(
    def: &FormDef,
    group: usize,
    old: Option<&Value>,
    new: Option<&Value>,
    path: &str,
    prefix: &str,
    out: &mut Vec<Change>,
) {
    let empty = Vec::new();
    let a = old.and_then(Value::as_array).unwrap_or(&empty);
    let b = new.and_then(Value::as_array).unwrap_or(&empty);
    let key = key_child(def, group);
    let prefix = join(prefix, &def.fields[group].label);
    // new index → old index
    let mut pair: Vec<Option<usize>> = vec![None; b.len()];
    let mut used = vec![false; a.len()];
    for (j, item) in b.iter().enumerate() {
        let Some(id) = identity(def, key, item) else {
            continue;
        };
        if let Some(i) =
            (0..a.len()).find(|&i| !used[i] && identity(def, key, &a[i]).as_deref() == Some(&id))
        {
            used[i] = true;
            pair[j] = Some(i);
        }
    }
    // What is left is paired when it is mostly the same item (a renamed level, a member
    // whose name was corrected); otherwise it counts as removed and added.
    for j in 0..b.len() {
        if pair[j].is_some() {
            continue;
        }
        if let Some(i) = (0..a.len()).find(|&i| !used[i] && similar(def, group, key, &a[i], &b[j]))
        {
            used[i] = true;
            pair[j] = Some(i);
        }
    }
    for (j, item) in b.iter().enumerate() {
        let item_path = format!("{path}[{j}]");
        match pair[j] {
            Some(i) => {
                let title = join(&prefix, &item_title(def, group, key, item, j));
                for &c in &def.fields[group].children {
                    let k = &def.fields[c].key;
                    field(
                        def,
                        c,
                        a[i].get(k),
                        item.get(k),
                        &format!("{item_path}.{k}"),
                        &title,
                        out,
                    );
                }
            }
            None if is_filled(item) => out.push(Change {
                kind: ChangeKind::Added,
                path: item_path,
                label: join(&prefix, &item_title(def, group, key, item, j)),
                old: None,
                new: Some(summary(def, group, item)),
            }),
            None => {}
        }
    }
    for (i, item) in a.iter().enumerate() {
        if !used[i] && is_filled(item) {
            out.push(Change {
                kind: ChangeKind::Removed,
                path: format!("{path}[{i}]"),
                label: join(&prefix, &item_title(def, group, key, item, i)),
                old: Some(summary(def, group, item)),
                new: None,
            });
        }
    }
}

/// Whether two items agree on at least half of their other answers (and on one at least).
fn similar(def: &FormDef, group: usize, key: Option<usize>, a: &Value, b: &Value) -> bool {
    let (mut same, mut any) = (0, 0);
    for &c in &def.fields[group].children {
        if Some(c) == key {
            continue;
        }
        let k = &def.fields[c].key;
        let (x, y) = (
            a.get(k).filter(|v| is_filled(v)),
            b.get(k).filter(|v| is_filled(v)),
        );
        if x.is_some() || y.is_some() {
            any += 1;
            same += usize::from(x == y);
        }
    }
    same > 0 && same * 2 >= any
}

/// An item in one line: its answers, labelled, separated by semicolons.
fn summary(def: &FormDef, group: usize, item: &Value) -> String {
    def.fields[group]
        .children
        .iter()
        .filter_map(|&c| {
            let f = &def.fields[c];
            let v = item.get(&f.key)?;
            display(f, v).map(|t| format!("{}: {t}", f.label))
        })
        .collect::<Vec<_>>()
        .join("; ")
}
