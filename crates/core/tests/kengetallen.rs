//! Kengetallen of a generated caseload: 500 cases from a fixed seed (a plain LCG), each
//! made of the shipped forms' examples with its own person, dates and choices set over
//! them. The generator records what it made (the truth); every count is checked against
//! counts computed here from that truth, not from the documents and not by the code under
//! test. Then what may leave the kit: the CSV and JSON hold no name, BSN, date of birth or
//! free-text answer of any case, and no count under the threshold is shown or can be
//! recomputed from a breakdown's total and its other rows.

use llk_core::case::kengetallen::{Cell, Kengetallen, Section, kengetallen};
use llk_core::case::{Case, Document};
use llk_core::path::DataPath;
use llk_core::{Catalog, Date, Severity, Submission};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const REGION: &str = "gelderland";
const OUR_ZVH: &str = "zvh-gelderland-midden";
const OTHER_ZVH: &str = "zvh-haaglanden";
const CASES: usize = 500;
const DOELGROEP: [&str; 5] = [
    "psychische-stoornis",
    "verslaving",
    "verstandelijke-beperking",
    "hersenletsel",
    "onbegrepen-gedrag",
];
const LEEFGEBIEDEN: [&str; 10] = [
    "wonen",
    "financien",
    "psychisch",
    "verslaving",
    "lichamelijk",
    "dagbesteding",
    "netwerk",
    "justitie",
    "veiligheid",
    "zelfzorg",
];

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("date")
}

fn forms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms")
}

/// The shipped forms, with Gelderland's threshold set to `threshold` (a copy of the
/// directory when it is not the shipped default).
fn catalog(threshold: Option<u32>) -> Catalog {
    let Some(k) = threshold else {
        return Catalog::load_dir(&forms_dir()).expect("forms load");
    };
    let dir = std::env::temp_dir().join(format!("llk-kengetallen-{}-{k}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("regions")).expect("dir");
    for e in std::fs::read_dir(forms_dir()).expect("forms").flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
        }
    }
    for e in std::fs::read_dir(forms_dir().join("regions"))
        .expect("regions")
        .flatten()
    {
        let mut text = std::fs::read_to_string(e.path()).expect("region");
        if e.file_name() == "gelderland.toml" {
            text = text.replacen(
                "[region]\n",
                &format!("[region]\nkengetallen_threshold = {k}\n"),
                1,
            );
        }
        std::fs::write(dir.join("regions").join(e.file_name()), text).expect("write");
    }
    let c = Catalog::load_dir(&dir).expect("copied forms load");
    let _ = std::fs::remove_dir_all(&dir);
    c
}

/// A linear congruential generator (Knuth's MMIX constants): the same caseload every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn days(&mut self, from: i64, to: i64) -> i64 {
        from + i64::try_from(self.below(u64::try_from(to - from + 1).expect("present")))
            .expect("present")
    }
}

/// What the generator made of one case, in its own terms.
#[derive(Default)]
struct Truth {
    name: String,
    bsn: String,
    born: Option<Date>,
    texts: Vec<String>,
    melding: Option<Date>,
    has_aanmelding: bool,
    doelgroep: Vec<&'static str>,
    leefgebieden: Vec<&'static str>,
    triage: Vec<(Date, &'static str)>,
    inclusie: Vec<(Date, &'static str)>,
    /// Plans and reviews in order: (date, "plan" | "review", the next date the team set).
    moments: Vec<(Date, &'static str, Option<Date>)>,
    /// (date, incoming)
    overdracht: Option<(Date, bool, Date)>,
    exclusie: Option<(Date, bool)>,
    /// (date, phase id) each decisive document sets, in date order.
    phases: Vec<(Date, &'static str)>,
}

struct Maker<'a> {
    catalog: &'a Catalog,
    examples: BTreeMap<&'static str, Value>,
}

impl Maker<'_> {
    fn doc(&self, case: &mut Case, t: &Truth, form: &'static str, set: &[(&str, Value)]) {
        let mut a = self.examples[form].clone();
        if a.get("persoon").is_some_and(Value::is_object) {
            for (key, v) in [
                ("naam", json!(t.name)),
                ("geboortedatum", json!(t.born.map(|b| b.to_string()))),
                ("bsn", json!(t.bsn)),
                ("geboortejaar", json!(t.born.map(|b| b.year()))),
            ] {
                if a["persoon"].get(key).is_some() {
                    a["persoon"][key] = v;
                }
            }
        }
        for (path, v) in set {
            DataPath::parse(path).expect("path").set(&mut a, v.clone());
        }
        let seq = u32::try_from(case.documents.len() + 1).expect("present");
        case.documents.push(Document {
            seq,
            filed_on: "2027-01-05".into(),
            submission: Submission {
                form: form.into(),
                version: self.catalog.form(form, REGION).expect("form").version,
                region: REGION.into(),
                answers: a,
                unmapped: Map::new(),
            },
            prefill: Map::new(),
            signature: None,
        });
    }
}

fn surname(i: usize) -> String {
    const A: [&str; 10] = [
        "Bal", "Dor", "Fen", "Gul", "Hav", "Jor", "Kel", "Mir", "Nov", "Pol",
    ];
    const B: [&str; 10] = [
        "tek", "ram", "sil", "vun", "dor", "mek", "zan", "bir", "lot", "wes",
    ];
    const C: [&str; 5] = ["ink", "ova", "uijs", "erts", "oom"];
    format!("{}{}{}", A[i % 10], B[(i / 10) % 10], C[(i / 100) % 5])
}

/// A BSN that passes the 11-proof, made from `i`.
fn bsn(i: usize) -> String {
    let mut n = 10_000_000 + i * 7919;
    loop {
        let digits: Vec<u32> = format!("{n:08}")
            .chars()
            .map(|c| c.to_digit(10).expect("present"))
            .collect();
        let sum: u32 = digits.iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum();
        let last = sum % 11;
        if last < 10 {
            return format!("{n:08}{last}");
        }
        n += 1;
    }
}

fn pick<const N: usize>(rng: &mut Lcg, all: [&'static str; N], percent: u64) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = all.into_iter().filter(|_| rng.chance(percent)).collect();
    if out.is_empty() {
        out.push(all[usize::try_from(rng.below(N as u64)).expect("present")]);
    }
    out
}

/// One case: its documents, and the truth they were made from. Every date lies before
/// `last` (the day the caseload is looked at).
fn make(m: &Maker, rng: &mut Lcg, i: usize, last: Date) -> (Case, Truth) {
    let start = d("2025-01-01").to_days();
    let on = |n: i64| Date::from_days(n).expect("date");
    let mut t = Truth {
        name: format!("Testpersoon {}", surname(i)),
        bsn: bsn(i),
        ..Truth::default()
    };
    let age_days = if rng.chance(2) {
        rng.days(16 * 365, 17 * 365)
    } else {
        rng.days(19 * 365, 75 * 365)
    };
    let melding = on(start + rng.days(0, 650));
    t.born = Some(on(melding.to_days() - age_days));
    t.melding = Some(melding);
    let mut case = Case::new(&format!("case-{i}"), REGION, melding);
    t.has_aanmelding = !rng.chance(4);
    t.doelgroep = pick(rng, DOELGROEP, 30);
    t.leefgebieden = pick(rng, LEEFGEBIEDEN, 35);
    let text = format!(
        "Zorgen over {} sinds de uitzetting, melding {i}.",
        surname(i)
    );
    if t.has_aanmelding {
        t.texts.push(text.clone());
        m.doc(
            &mut case,
            &t,
            "aanmelding",
            &[
                ("meldingsdatum", json!(melding.to_string())),
                ("betrokkene.voornamen", json!("Testpersoon")),
                ("betrokkene.roepnaam", json!("Testpersoon")),
                ("betrokkene.achternaam", json!(surname(i))),
                (
                    "betrokkene.geboortedatum",
                    json!(t.born.expect("present").to_string()),
                ),
                ("betrokkene.bsn", json!(t.bsn)),
                ("doelgroep", json!(t.doelgroep)),
                ("leefgebieden", json!(t.leefgebieden)),
                ("zorgen_toelichting", json!(text)),
            ],
        );
        t.phases.push((melding, "aangemeld"));
    }
    let mut day = melding.to_days() + rng.days(1, 10);
    let outcome = match rng.below(100) {
        0..15 => "advies",
        15..30 => "casusoverleg",
        _ => "inclusietafel",
    };
    if on(day) > last {
        return (case, t);
    }
    let advice = format!("Advies voor {}: bel het wijkteam, melding {i}.", surname(i));
    let mut set = vec![
        ("weegteam.datum", json!(on(day).to_string())),
        ("melding.datum", json!(melding.to_string())),
        ("uitkomst", json!(outcome)),
    ];
    if outcome == "advies" {
        set.push(("advies.tekst", json!(advice)));
        t.texts.push(advice.clone());
    }
    m.doc(&mut case, &t, "triage", &set);
    t.triage.push((on(day), outcome));
    t.phases.push((on(day), outcome));
    if outcome == "advies" {
        return (case, t);
    }
    let mut included = None;
    for attempt in 0..2 {
        day += rng.days(3, 25);
        let decision = match (attempt, rng.below(100)) {
            (0, 0..75) | (1, 0..60) => "inclusie",
            (0, 75..90) | (1, 60..80) => "niet-geincludeerd",
            _ => "aangehouden",
        };
        if on(day) > last {
            return (case, t);
        }
        let mut set = vec![
            ("overleg.datum", json!(on(day).to_string())),
            ("melding.datum", json!(melding.to_string())),
            ("besluit.uitkomst", json!(decision)),
        ];
        match decision {
            "inclusie" => set.push(("toewijzing.inclusiedatum", json!(on(day).to_string()))),
            "niet-geincludeerd" => {
                set.push(("advies.tekst", json!(advice)));
                t.texts.push(advice.clone());
            }
            _ => {
                let back = on(day + 30).to_string();
                let question = format!("Is {} eerder opgenomen geweest?", surname(i));
                t.texts.push(question.clone());
                set.extend([
                    ("aanhouden.vragen", json!(question)),
                    ("aanhouden.terugkomdatum", json!(back)),
                    (
                        "aanhouden.acties",
                        json!([{"wat": "Dossier opvragen bij de ggz.", "wie": "Procesregisseur", "uiterlijk": back}]),
                    ),
                ]);
            }
        }
        m.doc(&mut case, &t, "inclusie", &set);
        t.inclusie.push((on(day), decision));
        t.phases.push((
            on(day),
            match decision {
                "inclusie" => "plan-in-voorbereiding",
                "niet-geincludeerd" => "niet-geincludeerd",
                _ => "aangehouden",
            },
        ));
        if decision != "aangehouden" {
            included = (decision == "inclusie").then_some(day);
            break;
        }
    }
    if included.is_none() || rng.chance(12) {
        return (case, t);
    }
    day += rng.days(5, 55);
    let reviews = rng.below(7);
    for r in 0..=reviews {
        if on(day) > last {
            return (case, t);
        }
        // The team sets the next meeting: sometimes sooner than three months, else at three.
        let next = Some(if rng.chance(30) {
            on(day + rng.days(40, 80))
        } else {
            on(day).add_months(3).expect("present")
        });
        let next_json = json!(next.map(|n| n.to_string()));
        let before = |n: i64| on(day - n).to_string();
        let after = |n: i64| on(day + n).to_string();
        if r == 0 {
            m.doc(
                &mut case,
                &t,
                "levensloopplan",
                &[
                    ("plan.datum", json!(on(day).to_string())),
                    ("meldingsdatum", json!(melding.to_string())),
                    (
                        "inclusiedatum",
                        json!(on(included.expect("present")).to_string()),
                    ),
                    ("beeldvorming.risicotaxatie.datum", json!(before(3))),
                    ("registraties.crisisdienst.datum", json!(after(1))),
                    ("registraties.politie.datum", json!(after(1))),
                    ("registraties.iris.datum", json!(after(2))),
                    ("registraties.epd.datum", json!(after(3))),
                    ("volgende_bespreking", next_json),
                ],
            );
            t.moments.push((on(day), "plan", next));
        } else {
            m.doc(
                &mut case,
                &t,
                "herhaald-agenderen",
                &[
                    ("overleg.datum", json!(on(day).to_string())),
                    (
                        "plan.vorige_datum",
                        json!(t.moments.last().expect("present").0.to_string()),
                    ),
                    ("risicotaxatie.datum", json!(before(4))),
                    ("crisis.datum", json!(before(6))),
                    ("crisis.casusoverleg_datum", json!(after(9))),
                    ("aanpassing.gedeeld_datum", json!(after(2))),
                    ("volgende.datum", next_json),
                ],
            );
            t.moments.push((on(day), "review", next));
        }
        t.phases.push((on(day), "plan-actief"));
        day += rng.days(50, 115);
    }
    if on(day) > last {
        return (case, t);
    }
    match rng.below(100) {
        0..8 => {
            let incoming = rng.chance(40);
            let (from, to) = if incoming {
                (OTHER_ZVH, OUR_ZVH)
            } else {
                (OUR_ZVH, OTHER_ZVH)
            };
            let until = on(day + 60);
            m.doc(
                &mut case,
                &t,
                "overdracht",
                &[
                    ("warm.gesprek_datum", json!(on(day).to_string())),
                    ("warm.gezamenlijk_van", json!(on(day).to_string())),
                    ("warm.gezamenlijk_tot", json!(until.to_string())),
                    ("warm.overgang_datum", json!(on(day + 30).to_string())),
                    ("overdracht.verhuisdatum", json!(on(day + 10).to_string())),
                    ("plan.datum", json!(on(day - 5).to_string())),
                    (
                        "plan.inclusiedatum",
                        json!(on(included.expect("present")).to_string()),
                    ),
                    ("overdracht.verzendend_zvh", json!(from)),
                    ("overdracht.ontvangend_zvh", json!(to)),
                ],
            );
            t.overdracht = Some((on(day), incoming, until));
            t.phases.push((on(day), "overdracht"));
        }
        8..20 => {
            let exclusie = rng.chance(70);
            let uitkomst = if exclusie {
                "exclusie"
            } else {
                "geen-exclusie"
            };
            let (reason, again) = if exclusie {
                (Value::Null, Value::Null)
            } else {
                let why = format!("{} had in maart nog een crisis.", surname(i));
                t.texts.push(why.clone());
                (json!(why), json!(on(day + 180).to_string()))
            };
            m.doc(
                &mut case,
                &t,
                "exclusiebesluit",
                &[
                    ("overleg.datum", json!(on(day).to_string())),
                    ("criterium1.stabiel_sinds", json!(on(day - 800).to_string())),
                    ("criterium3.datum", json!(on(day - 10).to_string())),
                    ("besluit.uitkomst", json!(uitkomst)),
                    ("besluit.reden_geen_exclusie", reason),
                    ("besluit.herbeoordeling", again),
                ],
            );
            t.exclusie = Some((on(day), exclusie));
            t.phases.push((
                on(day),
                if exclusie {
                    "uitgestroomd"
                } else {
                    "plan-actief"
                },
            ));
        }
        _ => {}
    }
    (case, t)
}

fn caseload(catalog: &Catalog, last: Date) -> (Vec<Case>, Vec<Truth>) {
    let forms = [
        "aanmelding",
        "triage",
        "inclusie",
        "levensloopplan",
        "herhaald-agenderen",
        "overdracht",
        "exclusiebesluit",
    ];
    let examples = forms
        .into_iter()
        .map(|f| {
            let def = catalog.form(f, REGION).expect("form");
            (f, llk_core::example::example_answers(def, d("2026-11-20")))
        })
        .collect();
    let maker = Maker { catalog, examples };
    let mut rng = Lcg(0x4c4c_4b20_6b65_6e67);
    (0..CASES).map(|i| make(&maker, &mut rng, i, last)).unzip()
}

/// What the truth says for the period: every count by (section, row).
fn expected(truth: &[Truth], from: Date, to: Date) -> BTreeMap<(&'static str, String), u32> {
    let mut e: BTreeMap<(&'static str, String), u32> = BTreeMap::new();
    let mut add = |s: &'static str, r: &str| *e.entry((s, r.to_string())).or_default() += 1;
    let inp = |x: Date| from <= x && x <= to;
    let mut plan_days = Vec::new();
    for t in truth {
        if t.has_aanmelding && t.melding.is_some_and(inp) {
            add("instroom-uitstroom", "meldingen");
        }
        for (x, o) in &t.triage {
            if inp(*x) {
                add("triage", o);
                add("triage", "triage-besluiten");
            }
        }
        for (x, o) in &t.inclusie {
            if inp(*x) {
                add("inclusie", o);
                add("inclusie", "inclusie-besluiten");
            }
        }
        if let Some((x, incoming, _)) = t.overdracht
            && inp(x)
        {
            add(
                "instroom-uitstroom",
                if incoming {
                    "overdracht-in"
                } else {
                    "overdracht-uit"
                },
            );
        }
        if let Some((x, true)) = t.exclusie
            && inp(x)
        {
            add("instroom-uitstroom", "uitstroom");
        }
        if let (Some((plan, "plan", _)), Some(m)) = (t.moments.first(), t.melding)
            && inp(*plan)
        {
            let within = *plan <= m.add_months(1).expect("present");
            add(
                "eerste-plan",
                if within { "binnen-een-maand" } else { "later" },
            );
            add("eerste-plan", "eerste-plannen");
            plan_days.push(plan.to_days() - m.to_days());
        }
        for w in t.moments.windows(2) {
            let ((prev, _, set), (held, _, _)) = (w[0], w[1]);
            let due = prev
                .add_months(3)
                .expect("present")
                .min(set.unwrap_or(Date::new(9999, 1, 1).expect("present")));
            if inp(held) {
                add(
                    "herhaald-agenderen",
                    if held <= due { "op-tijd" } else { "te-laat" },
                );
                add("herhaald-agenderen", "overleggen");
            }
        }
        // The phase on `to`: the last one set on or before it.
        let phase = match t.phases.iter().rev().find(|(x, _)| *x <= to) {
            Some((_, "overdracht")) => {
                let until = t.overdracht.expect("present").2;
                if until < to {
                    "overgedragen"
                } else {
                    "in-overdracht"
                }
            }
            Some((_, p)) => p,
            None => "nieuw",
        };
        if ["plan-in-voorbereiding", "plan-actief", "in-overdracht"].contains(&phase) {
            add("lopend", phase);
            for s in ["lopend", "leeftijd", "doelgroep", "leefgebieden"] {
                add(s, "lopende-dossiers");
            }
            let born = t.born.expect("present");
            let mut age = i64::from(to.year() - born.year());
            if (to.month(), to.day()) < (born.month(), born.day()) {
                age -= 1;
            }
            let band = match age {
                ..18 => "onder-18",
                18..25 => "18-24",
                25..35 => "25-34",
                35..45 => "35-44",
                45..55 => "45-54",
                55..65 => "55-64",
                _ => "65-plus",
            };
            add("leeftijd", band);
            if t.has_aanmelding {
                t.doelgroep.iter().for_each(|g| add("doelgroep", g));
                t.leefgebieden.iter().for_each(|g| add("leefgebieden", g));
            } else {
                add("doelgroep", "onbekend");
                add("leefgebieden", "onbekend");
            }
        }
    }
    plan_days.sort_unstable();
    if !plan_days.is_empty() {
        let n = plan_days.len();
        let median2 = plan_days[(n - 1) / 2] + plan_days[n / 2];
        e.insert(
            ("eerste-plan", "mediaan-dagen-x2".into()),
            u32::try_from(median2).expect("present"),
        );
    }
    e
}

fn rows(s: &Section) -> impl Iterator<Item = &llk_core::case::kengetallen::Row> {
    s.total.iter().chain(&s.rows)
}

const FROM: &str = "2026-01-01";
const TO: &str = "2026-06-30";

#[test]
fn every_count_matches_the_caseload_it_was_made_from() {
    // Threshold 1 switches suppression off: every count is shown and compared.
    let catalog = catalog(Some(1));
    let (cases, truth) = caseload(&catalog, d(TO));
    for (from, to) in [
        (FROM, TO),
        ("2025-01-01", "2026-12-31"),
        ("2025-07-01", "2025-09-30"),
    ] {
        let (from, to) = (d(from), d(to));
        let k = kengetallen(&cases, &catalog, REGION, from, to).expect("kengetallen");
        let want = expected(&truth, from, to);
        let mut compared = 0;
        for s in &k.sections {
            for r in rows(s) {
                let n = want.get(&(s.id, r.id.clone())).copied().unwrap_or(0);
                assert_eq!(
                    r.cell,
                    Cell::Count(n),
                    "{} / {} over {from}..{to}",
                    s.id,
                    r.id
                );
                compared += 1;
            }
        }
        assert!(compared > 40, "{compared} counts compared");
        let plan = k.section("eerste-plan").expect("present");
        match want.get(&("eerste-plan", "mediaan-dagen-x2".into())) {
            Some(&m2) => assert_eq!(plan.measures[0].cell, Cell::Days(f64::from(m2) / 2.0)),
            None => assert_eq!(plan.measures[0].cell, Cell::Withheld),
        }
        let within = want
            .get(&("eerste-plan", "binnen-een-maand".into()))
            .copied()
            .unwrap_or(0);
        let all = want
            .get(&("eerste-plan", "eerste-plannen".into()))
            .copied()
            .unwrap_or(0);
        if all > 0 {
            let pct = (f64::from(within) * 100.0 / f64::from(all)).round() as u32;
            assert_eq!(plan.measures[1].cell, Cell::Percent(pct));
        }
    }
    // The caseload is a real mix, or the comparison above proves little.
    let k = kengetallen(&cases, &catalog, REGION, d("2025-01-01"), d(TO)).expect("present");
    for (section, row) in [
        ("inclusie", "aangehouden"),
        ("herhaald-agenderen", "te-laat"),
        ("instroom-uitstroom", "overdracht-in"),
        ("leeftijd", "onder-18"),
        ("doelgroep", "onbekend"),
    ] {
        let r = k
            .section(section)
            .expect("present")
            .rows
            .iter()
            .find(|r| r.id == row)
            .expect("present");
        assert!(
            r.cell.count().expect("present") > 0,
            "{section}/{row} never happens in the caseload"
        );
    }
}

#[test]
fn the_generated_documents_are_valid_forms() {
    // Checked on a sample: the counts above are of documents the forms accept.
    let catalog = catalog(None);
    let (cases, _) = caseload(&catalog, d(TO));
    let mut checked = BTreeSet::new();
    for case in cases.iter().take(120) {
        for doc in &case.documents {
            let def = catalog.form(&doc.submission.form, REGION).expect("present");
            let errors: Vec<_> =
                llk_core::validate::validate(def, &doc.submission.answers, d("2027-01-05"))
                    .into_iter()
                    .filter(|x| x.severity == Severity::Error)
                    .collect();
            assert!(
                errors.is_empty(),
                "{} of {}: {errors:?}",
                doc.submission.form,
                case.id
            );
            checked.insert(doc.submission.form.clone());
        }
    }
    assert!(checked.len() >= 6, "forms checked: {checked:?}");
}

/// The values a reader can give a suppressed cell, knowing the total, the visible rows,
/// that a suppressed cell is under `k` and a hidden one at least `k`.
fn possible_values(s: &Section, i: usize, k: u32) -> Vec<u32> {
    let total = s
        .total
        .as_ref()
        .expect("present")
        .cell
        .count()
        .expect("present");
    let visible: u32 = s.rows.iter().filter_map(|r| r.cell.count()).sum();
    let rest = total - visible;
    let range = |c: Cell| match c {
        Cell::Suppressed => (0, k - 1),
        _ => (k, rest.max(k)),
    };
    let others: Vec<(u32, u32)> = s
        .rows
        .iter()
        .enumerate()
        .filter(|(j, r)| *j != i && r.cell.count().is_none())
        .map(|(_, r)| range(r.cell))
        .collect();
    let (lo, hi) = (
        others.iter().map(|o| o.0).sum::<u32>(),
        others.iter().map(|o| o.1).sum::<u32>(),
    );
    (0..k)
        .filter(|v| rest >= *v && (lo..=hi).contains(&(rest - v)))
        .collect()
}

fn check_suppressed(k: &Kengetallen, truth: &[Truth]) -> usize {
    let want = expected(truth, k.from, k.to);
    let mut suppressed = 0;
    for s in &k.sections {
        for r in rows(s) {
            let n = want.get(&(s.id, r.id.clone())).copied().unwrap_or(0);
            match r.cell {
                Cell::Count(shown) => {
                    assert_eq!(shown, n, "{}/{}", s.id, r.id);
                    assert!(shown >= k.threshold, "{}/{} shows {shown}", s.id, r.id);
                }
                Cell::Suppressed => {
                    assert!(n < k.threshold, "{}/{}: {n} suppressed", s.id, r.id);
                    suppressed += 1;
                }
                Cell::Hidden => assert!(n >= k.threshold, "{}/{}: {n} hidden", s.id, r.id),
                other => panic!("{}/{}: {other:?}", s.id, r.id),
            }
            if n < k.threshold {
                assert_eq!(
                    r.cell,
                    Cell::Suppressed,
                    "{}/{}: {n} must not show",
                    s.id,
                    r.id
                );
            }
        }
        if s.partition && s.total.as_ref().is_some_and(|t| t.cell.count().is_some()) {
            for (i, r) in s.rows.iter().enumerate() {
                if r.cell == Cell::Suppressed {
                    let v = possible_values(s, i, k.threshold);
                    assert!(v.len() >= 2, "{}/{} can be recomputed: {v:?}", s.id, r.id);
                }
            }
        }
    }
    suppressed
}

#[test]
fn counts_under_the_threshold_are_suppressed_and_cannot_be_recomputed() {
    let catalog = catalog(None);
    let (cases, truth) = caseload(&catalog, d(TO));
    let mut suppressed = 0;
    let mut hidden = 0;
    for (from, to) in [
        (FROM, TO),
        ("2026-04-01", "2026-06-30"),
        ("2026-06-01", "2026-06-30"),
        ("2025-01-01", "2025-01-31"),
    ] {
        let k = kengetallen(&cases, &catalog, REGION, d(from), d(to)).expect("present");
        assert_eq!(k.threshold, 5, "the shipped default");
        suppressed += check_suppressed(&k, &truth);
        hidden += k
            .sections
            .iter()
            .flat_map(rows)
            .filter(|r| r.cell == Cell::Hidden)
            .count();
        let json = k.to_json().to_string();
        assert!(!json.contains("\"value\":1,") && !json.contains("\"value\":2,"));
        let csv = k.to_csv();
        assert!(
            csv.contains(";< 5\r\n"),
            "a suppressed cell reads < 5 in the CSV"
        );
    }
    assert!(
        suppressed > 10 && hidden > 0,
        "{suppressed} suppressed, {hidden} hidden"
    );
}

#[test]
fn exports_hold_no_person() {
    let catalog = catalog(None);
    let (cases, truth) = caseload(&catalog, d(TO));
    let k = kengetallen(&cases, &catalog, REGION, d("2025-01-01"), d(TO)).expect("present");
    let csv = k.to_csv();
    let json = k.to_json().to_string();
    assert!(csv.starts_with("\u{feff}Regio;Van;Tot en met;Onderdeel;Kengetal;Waarde\r\n"));
    assert!(
        csv.lines().skip(1).all(|l| l.split(';').count() == 6),
        "{csv}"
    );
    // Every string answer in every document: names, BSNs, dates of birth, addresses, free
    // text, the example's own texts (dates of the period and option ids aside).
    let mut answers = BTreeSet::new();
    fn strings(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::String(s) if s.chars().count() >= 4 && Date::parse_iso(s).is_none() => {
                out.insert(s.clone());
            }
            Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    for c in &cases {
        for doc in &c.documents {
            strings(&doc.submission.answers, &mut answers);
        }
    }
    // Option ids, and the region's own terms ("Zorg- en Veiligheidshuis"), which the
    // definitions' labels use too: neither is about a person.
    let region = catalog.region(REGION).expect("present");
    let options: BTreeSet<&str> = DOELGROEP
        .iter()
        .chain(&LEEFGEBIEDEN)
        .copied()
        .chain(region.terms.values().map(String::as_str))
        .collect();
    let mut looked = 0;
    for a in &answers {
        if options.contains(a.as_str()) || a.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            continue; // an option id (a row id in the JSON) or a term, not a person's answer
        }
        assert!(!csv.contains(a.as_str()), "the CSV holds ‘{a}’");
        assert!(!json.contains(a.as_str()), "the JSON holds ‘{a}’");
        looked += 1;
    }
    for t in &truth {
        for s in [&t.name, &t.bsn, &t.born.expect("present").to_string()]
            .into_iter()
            .chain(&t.texts)
        {
            assert!(
                !csv.contains(s.as_str()) && !json.contains(s.as_str()),
                "{s}"
            );
        }
    }
    assert!(looked > 1000, "{looked} answers looked for");
}

#[test]
fn a_bad_period_or_region_is_said_in_dutch() {
    let catalog = catalog(None);
    let e = kengetallen(&[], &catalog, REGION, d(TO), d(FROM)).expect_err("refused");
    assert!(e.contains("begint na het einde"), "{e}");
    let e = kengetallen(&[], &catalog, "atlantis", d(FROM), d(TO)).expect_err("refused");
    assert!(e.contains("atlantis"), "{e}");
}
