//! Helpers shared by the integration tests: small inline definitions.

#![allow(dead_code)]

use llk_core::Catalog;
use llk_core::catalog::Source;
use llk_core::def::{DefError, parse_form_toml, parse_region_toml};

pub const REGION: &str = r#"
[region]
id = "landelijk"
name = "Landelijk"

[terms]
zvh = "Zorg- en Veiligheidshuis"
inclusietafel = "inclusietafel"

[[partners]]
id = "politie"
name = "Politie"

[[roles]]
id = "politie"
name = "Politie"
"#;

pub const REGION_GELDERLAND: &str = r#"
[region]
id = "gelderland"
name = "Gelderland"
draft_retention_days = 30

[terms]
inclusietafel = "Adviestafel"

[[secured_beds]]
id = "ggnet"
name = "GGNet"
beds = 6
"#;

/// Builds a catalog from one form text and the two small regions above.
pub fn catalog(form: &str) -> Result<Catalog, Vec<DefError>> {
    let raw = parse_form_toml("test.toml", form).map_err(|e| vec![e])?;
    let regions = [
        ("regions/landelijk.toml", REGION),
        ("regions/gelderland.toml", REGION_GELDERLAND),
    ]
    .into_iter()
    .map(|(file, text)| Source {
        file: file.to_string(),
        text: Some(text.to_string()),
        raw: parse_region_toml(file, text).expect("test region parses"),
    })
    .collect();
    Catalog::build(
        vec![Source {
            file: "test.toml".into(),
            text: Some(form.to_string()),
            raw,
        }],
        regions,
    )
}

/// The errors of a form that must not load, as `line: message` strings.
pub fn errors(form: &str) -> Vec<String> {
    match catalog(form) {
        Ok(_) => panic!("definition unexpectedly loaded:\n{form}"),
        Err(errors) => errors
            .iter()
            .map(|e| {
                format!(
                    "{}:{}: {}",
                    e.file,
                    e.line.map_or("?".into(), |l| l.to_string()),
                    e.message
                )
            })
            .collect(),
    }
}

/// Deep-merges `over` into `base` (objects key by key; anything else replaces): a form's
/// example with what a case prefills over it.
pub fn merge(base: &mut serde_json::Value, over: &serde_json::Value) {
    use serde_json::Value;
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}
