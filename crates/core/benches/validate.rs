//! `cargo xtask bench` (validation part): how long a full validation of every shipped form
//! takes, on its example and on a large submission with every repeating group filled to its
//! maximum. Reports per form: answered fields, p50 / p95 / max in microseconds.

use llk_core::validate::validate;
use llk_core::{Catalog, Date};
use serde_json::Value;
use std::path::Path;
use std::time::Instant;

const RUNS: usize = 200;

fn count_answers(v: &Value) -> usize {
    match v {
        Value::Object(m) => m.values().map(count_answers).sum(),
        Value::Array(a) if a.iter().all(Value::is_object) => a.iter().map(count_answers).sum(),
        _ => 1,
    }
}

/// Every repeating group filled up to its max by repeating its example items.
fn inflate(def: &llk_core::def::FormDef, answers: &mut Value) {
    for f in &def.fields {
        let Some(rep) = &f.repeat else { continue };
        if f.parent.is_some() {
            continue;
        }
        if let Some(Value::Array(items)) = answers.get_mut(&f.key)
            && let Some(first) = items.first().cloned()
        {
            while items.len() < rep.max as usize {
                items.push(
                    items
                        .get(items.len() % items.len().max(1))
                        .cloned()
                        .unwrap_or_else(|| first.clone()),
                );
            }
        }
    }
}

fn time(def: &llk_core::def::FormDef, answers: &Value, today: Date) -> (u128, u128, u128) {
    let mut micros: Vec<u128> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(validate(def, answers, today));
            t.elapsed().as_micros()
        })
        .collect();
    micros.sort_unstable();
    (micros[RUNS / 2], micros[RUNS * 95 / 100], micros[RUNS - 1])
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let t = Instant::now();
    let catalog = match Catalog::load_dir(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "forms/ does not load ({} problems); run `llk check forms`",
                e.len()
            );
            std::process::exit(1);
        }
    };
    let regions = catalog.regions().count();
    println!(
        "load + check all forms × {regions} regions: {} ms",
        t.elapsed().as_millis()
    );
    let today = Date::parse_iso("2026-11-24").expect("date");
    println!(
        "{:<20} {:>8} {:>9} {:>9} {:>9}",
        "form (example/max)", "answers", "p50 µs", "p95 µs", "max µs"
    );
    for f in catalog.forms() {
        let def = catalog.form(&f.form.id, "landelijk").expect("checked");
        let example = llk_core::example::example_answers(def, today);
        let mut large = example.clone();
        inflate(def, &mut large);
        for (label, answers) in [("example", &example), ("max", &large)] {
            let (p50, p95, max) = time(def, answers, today);
            println!(
                "{:<20} {:>8} {:>9} {:>9} {:>9}",
                format!("{} ({label})", f.form.id),
                count_answers(answers),
                p50,
                p95,
                max
            );
        }
    }
}
