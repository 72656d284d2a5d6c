//! The anonymised rendering of a submission: what the ZVH may forward to the Adviestafel.
//!
//! Safe by default: every field holding personal data by its type (names, BSN, e-mail,
//! phone, postcode, signatures) or marked `sensitive` is left out unless the definition asks
//! for initials or a birth year. Free text cannot be anonymised by a machine: the form texts
//! ask melders not to put names in it, and the rendering says so.

use crate::def::{Anonymise, FieldKind, FormDef};
use serde_json::{Map, Value};

pub fn anonymise(def: &FormDef, answers: &Value) -> Value {
    let roots: Vec<usize> = def.roots().collect();
    strip(def, &roots, answers)
}

fn strip(def: &FormDef, fields: &[usize], v: &Value) -> Value {
    let Value::Object(map) = v else {
        return Value::Null;
    };
    let mut out = Map::new();
    for &i in fields {
        let f = &def.fields[i];
        let Some(value) = map.get(&f.key) else {
            continue;
        };
        let kept = match (f.kind, f.anonymise) {
            (FieldKind::Group, _) if f.anonymise == Some(Anonymise::Drop) => None,
            (FieldKind::Group, _) => Some(match value {
                Value::Array(items) => {
                    Value::Array(items.iter().map(|it| strip(def, &f.children, it)).collect())
                }
                other => strip(def, &f.children, other),
            }),
            (_, Some(Anonymise::Drop)) => None,
            (_, Some(Anonymise::Initials)) => value.as_str().map(|s| Value::String(initials(s))),
            // A number field with `year` holds a year already (the loader allows no other).
            (FieldKind::Number, Some(Anonymise::Year)) => Some(value.clone()),
            (_, Some(Anonymise::Year)) => value
                .as_str()
                .and_then(|s| s.get(..4))
                .map(|y| Value::String(y.to_string())),
            (
                FieldKind::PersonName
                | FieldKind::Bsn
                | FieldKind::Email
                | FieldKind::Phone
                | FieldKind::Postcode
                | FieldKind::Signature,
                None,
            ) => None,
            (_, None) if f.sensitive => None,
            (_, None) => Some(value.clone()),
        };
        if let Some(v) = kept {
            out.insert(f.key.clone(), v);
        }
    }
    Value::Object(out)
}

/// `Daniël van der Meer` → `D. M.`: particles (lower-case words) carry no initial.
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials_skip_particles() {
        assert_eq!(super::initials("Daniël van der Meer"), "D. M.");
        assert_eq!(super::initials("Özdemir"), "Ö.");
        assert_eq!(super::initials("Anne-Marie el Amrani"), "A. M. A.");
    }
}
