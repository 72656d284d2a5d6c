//! How an answer reads for a person: dates in Dutch (`17 mei 1990`), numbers with a decimal
//! comma, option values as their labels, yes/no as `Ja`/`Nee`. Shared by the
//! check-your-answers page (llk-ui) and the PDF (llk-pdf), so both say the same thing.

use crate::date::Date;
use crate::def::{Field, FieldKind};
use serde_json::Value;

/// A number with a decimal comma (`12,5`); a string as it is; anything else empty.
pub fn number_text(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string().replace('.', ","),
        Value::String(s) => s.clone(),
        _ => String::new(),
    }
}

/// A number as text with a decimal point (`12`, `12.5`), for messages. Printed through
/// serde_json's float printer (which the browser build has anyway) rather than `f64`'s
/// `Display`, which would add ~14 KB of float formatting code to the wasm.
pub fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        (n as i64).to_string()
    } else {
        serde_json::Number::from_f64(n).map_or_else(|| "NaN".to_string(), |x| x.to_string())
    }
}

/// A decimal number as people write it: optional sign, digits, an optional decimal point
/// or comma with digits (`12`, `-3`, `12.5`, `12,5`, `,5`, `007`). No exponents, no `inf`.
/// Parsed by serde_json's number reader (which the browser build has anyway) rather than
/// `f64`'s `FromStr`, whose tables add ~15 KB to the wasm.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (sign, rest) = match s.as_bytes().first() {
        Some(b'-') => ("-", &s[1..]),
        Some(b'+') => ("", &s[1..]),
        _ => ("", s),
    };
    let (int, frac) = match rest.split_once(['.', ',']) {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int)
        || !frac.is_none_or(digits)
        || (int.is_empty() && frac.is_none_or(str::is_empty))
    {
        return None;
    }
    // JSON wants no leading zeros and digits on both sides of the point.
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let json = match frac {
        Some(f) if !f.is_empty() => format!("{sign}{int}.{f}"),
        _ => format!("{sign}{int}"),
    };
    serde_json::from_str::<f64>(&json)
        .ok()
        .filter(|n| n.is_finite())
}

/// How an answer reads. `None`: not answered.
pub fn display(f: &Field, v: &Value) -> Option<String> {
    if !crate::answers::is_filled(v) {
        return None;
    }
    Some(match f.kind {
        FieldKind::Date => match v.as_str().and_then(Date::parse_iso) {
            Some(d) => d.to_dutch(),
            None => v.as_str().unwrap_or_default().to_string(),
        },
        FieldKind::Number => number_text(v),
        FieldKind::Choice | FieldKind::Organisation => {
            let s = v.as_str().unwrap_or_default();
            f.option_label(s).unwrap_or(s).to_string()
        }
        FieldKind::MultiChoice => v
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|s| f.option_label(s).unwrap_or(s))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        FieldKind::YesNo => match v.as_bool() {
            Some(true) => "Ja".into(),
            Some(false) => "Nee".into(),
            None => v.to_string(),
        },
        FieldKind::YesNoUnknown => match v.as_str() {
            Some("ja") => "Ja".into(),
            Some("nee") => "Nee".into(),
            Some("onbekend") => "Onbekend".into(),
            _ => v.to_string(),
        },
        FieldKind::Signature => {
            let drawn = v
                .get("strokes")
                .and_then(Value::as_array)
                .is_some_and(|s| !s.is_empty());
            let typed = v.get("typed").and_then(Value::as_str).unwrap_or("").trim();
            match (drawn, typed.is_empty()) {
                (true, true) => "Handtekening gezet".into(),
                (true, false) => format!("Handtekening gezet; getypte naam: {typed}"),
                (false, false) => format!("Getypte handtekening: {typed}"),
                (false, true) => return None,
            }
        }
        _ => v.as_str().map_or_else(|| v.to_string(), str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::def::Choice;
    use serde_json::json;

    fn field(kind: FieldKind) -> Field {
        Field {
            path: "x".into(),
            key: "x".into(),
            kind,
            label: "X".into(),
            help: None,
            required: false,
            required_if: None,
            visible_if: None,
            options: vec![Choice {
                value: "onderzoek".into(),
                label: "Lopend onderzoek".into(),
            }],
            regional: false,
            allow_other: false,
            min: None,
            max: None,
            integer: false,
            repeat: None,
            text: None,
            value: None,
            signers: None,
            anonymise: None,
            sensitive: false,
            example: None,
            examples: vec![],
            page: 0,
            parent: None,
            children: vec![],
        }
    }

    #[test]
    fn answers_read_the_dutch_way() {
        let d = |k, v| display(&field(k), &v);
        assert_eq!(
            d(FieldKind::Date, json!("1990-05-17")).as_deref(),
            Some("17 mei 1990")
        );
        assert_eq!(d(FieldKind::Date, json!("")), None);
        assert_eq!(d(FieldKind::Number, json!(12.5)).as_deref(), Some("12,5"));
        assert_eq!(
            d(FieldKind::Choice, json!("onderzoek")).as_deref(),
            Some("Lopend onderzoek")
        );
        assert_eq!(
            d(FieldKind::Choice, json!("anders")).as_deref(),
            Some("anders")
        );
        assert_eq!(d(FieldKind::YesNo, json!(false)).as_deref(), Some("Nee"));
        assert_eq!(
            d(FieldKind::MultiChoice, json!(["onderzoek", "x"])).as_deref(),
            Some("Lopend onderzoek, x")
        );
        assert_eq!(
            d(FieldKind::Signature, json!({"typed": "Eva"})).as_deref(),
            Some("Getypte handtekening: Eva")
        );
        assert_eq!(d(FieldKind::Signature, json!({"name": "Eva"})), None);
    }
}

#[cfg(test)]
mod number_tests {
    #[test]
    fn plain_numbers() {
        assert_eq!(super::plain_number(12.0), "12");
        assert_eq!(super::plain_number(-3.0), "-3");
        assert_eq!(super::plain_number(12.5), "12.5");
        assert_eq!(super::plain_number(0.1), "0.1");
        assert_eq!(super::plain_number(f64::NAN), "NaN");
    }

    #[test]
    fn numbers_as_people_type_them() {
        use super::parse_number as p;
        assert_eq!(p("12"), Some(12.0));
        assert_eq!(p(" 12,5 "), Some(12.5));
        assert_eq!(p("12.5"), Some(12.5));
        assert_eq!(p("-3"), Some(-3.0));
        assert_eq!(p("+4"), Some(4.0));
        assert_eq!(p("007"), Some(7.0));
        assert_eq!(p(",5"), Some(0.5));
        assert_eq!(p("5."), Some(5.0));
        assert_eq!(p("0.1"), Some(0.1));
        for bad in [
            "", "-", ".", "1e3", "inf", "NaN", "12,5,1", "1 000", "12a", "--1", "1.2.3",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
    }
}
