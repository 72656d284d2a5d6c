//! Random input never panics the definition parser, the expression language, the validator
//! or the migrator: bad input gets a message, never a crash.

mod common;

use llk_core::def::parse_form_toml;
use llk_core::validate::validate;
use llk_core::{Catalog, Date, Submission, expr, submission::migrate};
use proptest::prelude::*;
use serde_json::{Map, Value};
use std::path::Path;
use std::sync::OnceLock;

fn today() -> Date {
    Date::parse_iso("2026-11-24").expect("date")
}

/// The shipped forms; they must load (tests/forms.rs says why when they do not).
fn shipped() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| {
        Catalog::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms"))
            .unwrap_or_else(|e| panic!("forms/ does not load: {} problem(s)", e.len()))
    })
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<i64>().prop_map(|i| Value::Number(i.into())),
        "[a-z0-9 @.+-]{0,12}".prop_map(Value::String),
        Just(Value::String("2026-02-29".into())),
        Just(Value::String("ja".into())),
        ".{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Random values at the real paths of a definition: reaches far deeper than random keys.
fn answers_for(paths: Vec<String>) -> impl Strategy<Value = Value> {
    prop::collection::vec((prop::sample::select(paths), 0usize..3, json()), 0..40).prop_map(
        |sets| {
            let mut v = Value::Object(Map::new());
            for (path, item, value) in sets {
                // Put an item index after the first segment now and then, as repeating groups have.
                let p = match path.split_once('.') {
                    Some((g, rest)) if item > 0 => format!("{g}[{}].{rest}", item - 1),
                    _ => path,
                };
                if let Some(dp) = llk_core::path::DataPath::parse(&p) {
                    dp.set(&mut v, value);
                }
            }
            v
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_json_never_panics_the_validator(v in json()) {
        let c = shipped();
        for f in c.forms() {
            let def = c.form(&f.form.id, "landelijk").expect("checked");
            let _ = validate(def, &v, today());
            let sub = Submission { form: f.form.id.clone(), version: 1, region: "landelijk".into(), answers: v.clone(), unmapped: Map::new() };
            let _ = migrate(sub, def);
        }
    }

    #[test]
    fn random_text_never_panics_the_definition_parser(s in ".{0,400}") {
        let _ = parse_form_toml("random.toml", &s);
        let _ = common::catalog(&s);
    }

    #[test]
    fn mutated_definitions_never_panic(cut in 0usize..4000, len in 0usize..40, insert in ".{0,20}") {
        let base = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/aanmelding.toml")).expect("forms/aanmelding.toml");
        let mut chars: Vec<char> = base.chars().collect();
        let at = cut.min(chars.len());
        let end = (at + len).min(chars.len());
        chars.splice(at..end, insert.chars());
        let text: String = chars.into_iter().collect();
        let _ = common::catalog(&text);
    }

    #[test]
    fn random_expressions_never_panic(s in "[a-z_. ()\\[\\]'\"=<>!+,0-9-]{0,60}") {
        if let Ok(e) = expr::parse(&s) {
            struct Env;
            impl expr::Env for Env {
                fn field(&self, _: &str) -> expr::Val { expr::Val::Text("x".into()) }
                fn today(&self) -> Date { Date::parse_iso("2026-11-24").expect("date") }
            }
            let _ = expr::eval(&e, &Env);
        }
    }
}

/// The real paths of every shipped form, fed to the validator with random values.
#[test]
fn random_values_at_every_real_path_never_panic() {
    let c = shipped();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    });
    for f in c.forms() {
        let def = c.form(&f.form.id, "landelijk").expect("checked");
        let paths: Vec<String> = def.fields.iter().map(|f| f.path.clone()).collect();
        runner
            .run(&answers_for(paths), |v| {
                let _ = validate(def, &v, today());
                Ok(())
            })
            .expect("no panic");
    }
}
