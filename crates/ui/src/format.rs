//! Showing and reading answers the Dutch way: dates as `dd-mm-jjjj`, numbers with a decimal
//! comma, option values as their labels.

use llk_core::Date;
use llk_core::def::{Field, FieldKind};
use serde_json::Value;

/// `17-05-1990`, `17-5-1990`, `17/5/1990` or ISO `1990-05-17` → `1990-05-17`. Anything else
/// is kept as typed, so validation can say it is not a date.
pub fn date_from_input(s: &str) -> Value {
    let t = s.trim();
    if t.is_empty() {
        return Value::Null;
    }
    if let Some(d) = Date::parse_iso(t) {
        return Value::String(d.to_string());
    }
    // `17051990`: eight digits, day month year.
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let spaced = format!("{}-{}-{}", &t[0..2], &t[2..4], &t[4..8]);
        if let Value::String(iso) = date_from_input(&spaced)
            && Date::parse_iso(&iso).is_some()
        {
            return Value::String(iso);
        }
    }
    let parts: Vec<&str> = t
        .split(['-', '/', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if let [d, m, y] = parts[..]
        && y.len() == 4
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u8>(), m.parse::<u8>(), y.parse::<i32>())
        && let Some(date) = Date::new(y, m, d)
    {
        return Value::String(date.to_string());
    }
    Value::String(t.to_string())
}

/// An ISO date as `dd-mm-jjjj`; anything else as it is.
pub fn date_to_input(v: &Value) -> String {
    match v.as_str() {
        Some(s) => match Date::parse_iso(s) {
            Some(d) => format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year()),
            None => s.to_string(),
        },
        None => String::new(),
    }
}

/// `12`, `12,5` or `12.5` → a JSON number; anything else is kept as typed.
pub fn number_from_input(s: &str) -> Value {
    let t = s.trim();
    if t.is_empty() {
        return Value::Null;
    }
    match llk_core::number::parse_number(t) {
        Some(n) => serde_json::Number::from_f64(n)
            .map(|n| {
                // Whole numbers stay integers in the JSON.
                if let Some(i) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15) {
                    Value::from(i as i64)
                } else {
                    Value::Number(n)
                }
            })
            .unwrap_or_else(|| Value::String(t.to_string())),
        _ => Value::String(t.to_string()),
    }
}

pub fn number_to_input(v: &Value) -> String {
    llk_core::display::number_text(v)
}

/// The text an input shows for an answer.
pub fn to_input(f: &Field, v: &Value) -> String {
    match f.kind {
        FieldKind::Date => date_to_input(v),
        FieldKind::Number => number_to_input(v),
        _ => v.as_str().map(str::to_string).unwrap_or_default(),
    }
}

/// The answer an input's text stands for.
pub fn from_input(kind: FieldKind, s: &str) -> Value {
    match kind {
        FieldKind::Date => date_from_input(s),
        FieldKind::Number => number_from_input(s),
        _ if s.is_empty() => Value::Null,
        _ => Value::String(s.to_string()),
    }
}

/// How an answer reads on the check-your-answers page (and in the PDF). `None`: not answered.
pub use llk_core::display::display;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dutch_dates_round_trip() {
        assert_eq!(date_from_input("17-05-1990"), json!("1990-05-17"));
        assert_eq!(date_from_input("7/5/1990"), json!("1990-05-07"));
        assert_eq!(date_from_input("1990-05-17"), json!("1990-05-17"));
        assert_eq!(date_from_input("17051990"), json!("1990-05-17"));
        assert_eq!(date_from_input("99999999"), json!("99999999"));
        assert_eq!(date_from_input("31-02-1990"), json!("31-02-1990"));
        assert_eq!(date_from_input("  "), Value::Null);
        assert_eq!(date_to_input(&json!("1990-05-17")), "17-05-1990");
        assert_eq!(date_to_input(&json!("gisteren")), "gisteren");
    }

    #[test]
    fn numbers_take_a_decimal_comma() {
        assert_eq!(number_from_input("12"), json!(12));
        assert_eq!(number_from_input("12,5"), json!(12.5));
        assert_eq!(number_from_input("twaalf"), json!("twaalf"));
        assert_eq!(number_to_input(&json!(12.5)), "12,5");
    }

    #[test]
    fn answers_read_as_labels() {
        let def = crate::state::tests::def();
        let grond = def.field("grond").expect("field");
        assert_eq!(
            display(grond, &json!("onderzoek")).as_deref(),
            Some("Lopend onderzoek")
        );
        let datum = def.field("geboortedatum").expect("field");
        assert_eq!(
            display(datum, &json!("1990-05-17")).as_deref(),
            Some("17 mei 1990")
        );
        assert_eq!(display(datum, &json!("")), None);
    }
}
