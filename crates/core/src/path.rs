//! Answer paths: `betrokkene.bsn` in a definition, `partners[2].email` in answers.

use serde_json::{Map, Value};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A concrete path into answers, with item indices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DataPath(pub Vec<Segment>);

impl DataPath {
    /// Parses `a.b[2].c`. Returns `None` for anything else (empty segments, bad indices).
    pub fn parse(s: &str) -> Option<DataPath> {
        let mut segments = Vec::new();
        for part in s.split('.') {
            let (key, mut rest) = match part.find('[') {
                Some(i) => part.split_at(i),
                None => (part, ""),
            };
            if !is_segment(key) {
                return None;
            }
            segments.push(Segment::Key(key.to_string()));
            while let Some(inner) = rest.strip_prefix('[') {
                let close = inner.find(']')?;
                segments.push(Segment::Index(inner[..close].parse().ok()?));
                rest = &inner[close + 1..];
            }
            if !rest.is_empty() {
                return None;
            }
        }
        Some(DataPath(segments))
    }

    pub fn key(&self, key: &str) -> DataPath {
        let mut p = self.clone();
        p.0.push(Segment::Key(key.to_string()));
        p
    }

    pub fn index(&self, i: usize) -> DataPath {
        let mut p = self.clone();
        p.0.push(Segment::Index(i));
        p
    }

    /// The definition path: the keys without indices (`partners.email`).
    pub fn schema_path(&self) -> String {
        self.0
            .iter()
            .filter_map(|s| match s {
                Segment::Key(k) => Some(k.as_str()),
                Segment::Index(_) => None,
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    pub fn get<'a>(&self, root: &'a Value) -> Option<&'a Value> {
        self.0.iter().try_fold(root, |v, seg| match seg {
            Segment::Key(k) => v.get(k.as_str()),
            Segment::Index(i) => v.get(*i),
        })
    }

    /// Sets a value, creating objects and growing arrays (with `null`) on the way.
    /// `Value::Null` removes the answer instead.
    pub fn set(&self, root: &mut Value, value: Value) {
        let Some((last, parents)) = self.0.split_last() else {
            *root = value;
            return;
        };
        let mut cur = root;
        for (seg, next) in parents.iter().zip(self.0.iter().skip(1)) {
            let empty = match next {
                Segment::Key(_) => Value::Object(Map::new()),
                Segment::Index(_) => Value::Array(Vec::new()),
            };
            cur = match seg {
                Segment::Key(k) => {
                    if !cur.is_object() {
                        *cur = Value::Object(Map::new());
                    }
                    let Value::Object(map) = cur else { return };
                    let slot = map.entry(k.clone()).or_insert(Value::Null);
                    if slot.is_null() {
                        *slot = empty;
                    }
                    slot
                }
                Segment::Index(i) => {
                    if !cur.is_array() {
                        *cur = Value::Array(Vec::new());
                    }
                    let Value::Array(items) = cur else { return };
                    if items.len() <= *i {
                        items.resize(*i + 1, Value::Null);
                    }
                    if items[*i].is_null() {
                        items[*i] = empty;
                    }
                    &mut items[*i]
                }
            };
        }
        match (last, cur) {
            (Segment::Key(k), Value::Object(map)) if value.is_null() => {
                map.remove(k);
            }
            (Segment::Key(k), Value::Object(map)) => {
                map.insert(k.clone(), value);
            }
            (Segment::Key(k), cur) if !value.is_null() => {
                let mut map = Map::new();
                map.insert(k.clone(), value);
                *cur = Value::Object(map);
            }
            (Segment::Index(i), Value::Array(items)) => {
                if items.len() <= *i {
                    items.resize(*i + 1, Value::Null);
                }
                items[*i] = value;
            }
            _ => {}
        }
    }
}

impl fmt::Display for DataPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if n == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// A definition path segment: starts with a lower-case letter, then `a-z`, `0-9`, `_`.
pub fn is_segment(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

/// A definition path: segments joined by dots.
pub fn is_schema_path(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(is_segment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parse_and_display() {
        let p = DataPath::parse("partners[2].email").expect("valid");
        assert_eq!(p.to_string(), "partners[2].email");
        assert_eq!(p.schema_path(), "partners.email");
        for bad in ["", "a..b", "a[x]", "a[1", "A.b", "a[1]b", "1a"] {
            assert!(DataPath::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn set_get_remove() {
        let mut v = json!({});
        let p = DataPath::parse("partners[1].email").expect("valid");
        p.set(&mut v, json!("a@b.nl"));
        assert_eq!(v, json!({"partners": [null, {"email": "a@b.nl"}]}));
        assert_eq!(p.get(&v), Some(&json!("a@b.nl")));
        p.set(&mut v, Value::Null);
        assert_eq!(v, json!({"partners": [null, {}]}));
    }
}
