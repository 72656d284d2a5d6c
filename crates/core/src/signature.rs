//! The shape of a signature answer, known here only: `{ "strokes": [[[x, y], …], …],
//! "name", "date" }` when drawn on the signature pad (points on its 600 × 200 canvas), and
//! `{ "typed": "…", "date" }` when typed as the keyboard alternative (both may be there).
//! The pad writes it ([`answer`]), validation checks it ([`points`]), the check page, the
//! PDF and its visible signature read it ([`strokes`], [`typed`]). A leaf of the core.

use serde_json::{Map, Value};

/// One drawn line: its points in the pad's coordinates.
pub type Stroke = Vec<(f64, f64)>;

/// The drawn strokes, each with its points that are a pair of numbers; empty when the
/// signature is typed or not there.
pub fn strokes(v: &Value) -> Vec<Stroke> {
    let Some(strokes) = v.get("strokes").and_then(Value::as_array) else {
        return Vec::new();
    };
    strokes
        .iter()
        .filter_map(Value::as_array)
        .map(|pts| {
            pts.iter()
                .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
                .collect()
        })
        .collect()
}

/// Whether at least one point was drawn.
pub fn is_drawn(v: &Value) -> bool {
    v.get("strokes").and_then(Value::as_array).is_some_and(|s| {
        s.iter()
            .any(|stroke| stroke.as_array().is_some_and(|p| !p.is_empty()))
    })
}

/// The typed name as entered (the pad's text box shows it so), `""` when there is none.
pub fn typed_as_entered(v: &Value) -> &str {
    v.get("typed").and_then(Value::as_str).unwrap_or_default()
}

/// The typed name, trimmed, when there is one.
pub fn typed(v: &Value) -> Option<&str> {
    Some(typed_as_entered(v).trim()).filter(|t| !t.is_empty())
}

/// A signature counts when it has at least one drawn point or a typed name.
pub fn is_given(v: &Value) -> bool {
    is_drawn(v) || typed(v).is_some()
}

/// How many points are drawn, when the answer has the shape above (an object; `strokes`
/// an array of arrays of `[x, y]` finite numbers; `name`, `date`, `typed`, `role` text);
/// `None` when it does not.
pub fn points(v: &Value) -> Option<usize> {
    let obj = v.as_object()?;
    let mut points = 0usize;
    if let Some(strokes) = obj.get("strokes") {
        for s in strokes.as_array()? {
            for p in s.as_array()? {
                let xy = p.as_array()?;
                if xy.len() != 2 || !xy.iter().all(|c| c.as_f64().is_some_and(f64::is_finite)) {
                    return None;
                }
                points += 1;
            }
        }
    }
    let text = |key| {
        obj.get(key)
            .is_none_or(|v: &Value| v.is_string() || v.is_null())
    };
    ["name", "date", "typed", "role"]
        .into_iter()
        .all(text)
        .then_some(points)
}

/// The strokes as the answer stores them.
fn strokes_value(strokes: &[Stroke]) -> Value {
    Value::Array(
        strokes
            .iter()
            .map(|s| {
                Value::Array(
                    s.iter()
                        .map(|&(x, y)| Value::Array(vec![Value::from(x), Value::from(y)]))
                        .collect(),
                )
            })
            .collect(),
    )
}

/// The pad's answer: what was drawn and typed, and the day; `Null` when neither.
pub fn answer(strokes: &[Stroke], typed: &str, date: &str) -> Value {
    if strokes.is_empty() && typed.trim().is_empty() {
        return Value::Null;
    }
    let mut m = Map::new();
    if !strokes.is_empty() {
        m.insert("strokes".into(), strokes_value(strokes));
    }
    if !typed.trim().is_empty() {
        m.insert("typed".into(), Value::String(typed.to_string()));
    }
    m.insert("date".into(), Value::String(date.to_string()));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn drawn_typed_and_neither() {
        let drawn =
            json!({"strokes": [[[1, 2], [3.5, 4]], []], "name": "Eva", "date": "2026-11-02"});
        assert_eq!(strokes(&drawn), vec![vec![(1.0, 2.0), (3.5, 4.0)], vec![]]);
        assert!(is_drawn(&drawn) && is_given(&drawn));
        assert_eq!(points(&drawn), Some(2));
        let typed_only = json!({"typed": "  Eva de Vries ", "date": "2026-11-02"});
        assert_eq!(typed(&typed_only), Some("Eva de Vries"));
        assert!(!is_drawn(&typed_only) && is_given(&typed_only));
        // An empty stroke is not a drawing; blank text is not a name.
        let empty = json!({"strokes": [[]], "typed": "  "});
        assert!(!is_given(&empty));
        assert_eq!(points(&empty), Some(0));
    }

    #[test]
    fn a_broken_shape_has_no_points() {
        for v in [
            json!("Eva"),
            json!({"strokes": "x"}),
            json!({"strokes": [[[1]]]}),
            json!({"strokes": [[[1, "2"]]]}),
            json!({"strokes": [[[1, 2, 3]]]}),
            json!({"typed": 5}),
            json!({"name": ["Eva"]}),
        ] {
            assert_eq!(points(&v), None, "{v}");
        }
    }

    #[test]
    fn the_pads_answer_reads_back() {
        let s = vec![vec![(10.0, 20.5), (11.0, 21.0)]];
        let v = answer(&s, "", "2026-11-02");
        assert_eq!(strokes(&v), s);
        assert_eq!(v["date"], "2026-11-02");
        assert_eq!(answer(&[], " ", "2026-11-02"), Value::Null);
        assert_eq!(typed(&answer(&[], "Eva", "2026-11-02")), Some("Eva"));
    }
}
