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
            let drawn = crate::signature::is_drawn(v);
            let typed = crate::signature::typed(v).unwrap_or("");
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
            readonly: false,
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
