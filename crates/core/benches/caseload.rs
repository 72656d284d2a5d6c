//! `cargo xtask bench` (case part): the caseload's work for 500 cases of 40 entries each
//! (5 documents and 35 events, from the golden case file): reading every case file from
//! its text (`Case::from_json_text`, migration checks included) and computing every caseload row
//! (`summary`: phase and deadlines), the kengetallen of a year over them
//! (`case::kengetallen`), then one case's timeline, exclusion evidence and the prefill of
//! its next form. p50 / p95 / max in milliseconds over the runs.

use llk_core::case::{self, Case, Event};
use llk_core::{Catalog, Date};
use serde_json::json;
use std::path::Path;
use std::time::Instant;

const CASES: usize = 500;
const ENTRIES: usize = 40;
const RUNS: usize = 20;

fn stats(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    let n = ms.len();
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms[n / 2],
        ms[(n * 95 / 100).min(n - 1)],
        ms[n - 1]
    )
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let catalog = Catalog::load_dir(&root.join("forms")).expect("forms load");
    let text =
        std::fs::read_to_string(root.join("tests/cases/case/format-1.json")).expect("golden case");
    let (mut base, _) =
        Case::from_json(serde_json::from_str(&text).expect("json"), &catalog).expect("case");
    let mut seq = 100;
    while base.documents.len() + base.events.len() < ENTRIES {
        seq += 1;
        let day = Date::parse_iso("2026-12-01")
            .and_then(|d| d.add_days(i64::from(seq % 60)))
            .expect("date");
        base.events.push(Event {
            seq,
            filed_on: day.to_string(),
            version: 1,
            answers: json!({"soort": "incident", "datum": day.to_string(), "gevaar": seq % 7 == 0,
                            "omschrijving": "Conflict met een buurman, politie ter plaatse."}),
        });
    }
    // The files as they are read from disk or the store: text.
    let files: Vec<String> = (0..CASES)
        .map(|i| {
            let mut c = base.clone();
            c.id = format!("case-{i}");
            c.to_json().to_string()
        })
        .collect();
    let today = Date::parse_iso("2027-02-20").expect("date");
    println!("{CASES} cases × {ENTRIES} entries, {RUNS} runs");
    let (mut read, mut rows) = (Vec::new(), Vec::new());
    let mut cases = Vec::new();
    for _ in 0..RUNS {
        // The last run's cases are freed before the clock starts: that is not reading.
        drop(std::mem::take(&mut cases));
        let t = Instant::now();
        cases = files
            .iter()
            .map(|f| Case::from_json_text(f, &catalog).expect("case").0)
            .collect();
        read.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let summaries: Vec<_> = cases.iter().map(|c| case::summary(c, today)).collect();
        rows.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(summaries);
    }
    println!("read every case file (from text):   {}", stats(read));
    println!("every caseload row (summary):       {}", stats(rows));
    // The kengetallen of a year over every case (what `<llk-casussen>` and `llk case
    // kengetallen` compute): phases on the last day, plans, reviews, the group.
    let (from, to) = (
        Date::parse_iso("2026-01-01").expect("date"),
        Date::parse_iso("2026-12-31").expect("date"),
    );
    let mut figures = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(
            case::kengetallen::kengetallen(&cases, &catalog, &cases[0].region, from, to)
                .expect("kengetallen"),
        );
        figures.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("kengetallen over every case:        {}", stats(figures));
    let one = &cases[0];
    let mut detail = Vec::new();
    for _ in 0..RUNS * 10 {
        let t = Instant::now();
        std::hint::black_box(case::timeline(one, today));
        std::hint::black_box(case::exit_readiness(one, today, 12));
        std::hint::black_box(case::prefill(one, &catalog, "herhaald-agenderen", today));
        detail.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("one case: timeline + evidence + prefill: {}", stats(detail));
}
