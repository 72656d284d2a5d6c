//! Kengetallen: the counts a ZVH delivers periodically for the national picture (the
//! monitoring half of its third role, DOMAIN.md), computed from all its cases for a period
//! `from..=to`. Counts, never persons: the result holds only labels (the definitions'
//! option labels, the phases' labels, fixed Dutch titles) and numbers, so no name, BSN,
//! date of birth or free text can reach an export made from it.
//!
//! What is counted (each a function of the documents, as everywhere in the case):
//! - *Meldingen*: cases with an aanmelding whose melding date ([`melding_date`]) lies in
//!   the period. *Overdrachten*: overdracht documents dated in the period, *ontvangen* when
//!   the receiving ZVH is the region's own (`Region::zvh`) and the sending one is not,
//!   *overgedragen* otherwise (the case model treats every overdracht as one it hands over).
//!   *Uitstroom*: cases with an exclusiebesluit deciding `exclusie` in the period.
//! - *Besluiten van het weegteam* and *van de inclusietafel*: the triage and inclusie
//!   documents dated in the period, per option of `uitkomst` / `besluit.uitkomst`. Each
//!   document is one meeting's decision, so a case aangehouden and then included counts in
//!   both rows.
//! - *Lopende dossiers op `to`*: cases included and not ended on that day (plan in
//!   voorbereiding, plan actief, in overdracht), the phase computed from the documents
//!   dated up to `to` only.
//! - *Van melding tot eerste plan*: cases whose first plan ([`first_plan_date`]) lies in the
//!   period and that have a melding date: within one month (the deadline's own rule) or
//!   later, the median number of days and the share within a month.
//! - *Herhaald agenderen*: reviews held in the period, on time when held no later than
//!   [`review_due`] of the plan or review before it.
//! - The group (the lopende dossiers): age on `to` in bands (from the date of birth, else
//!   the birth year: the age reached that year), and the aanmelding's *doelgroep* and
//!   *leefgebieden* (several per person; "Onbekend" without an aanmelding).
//!
//! **Suppression.** Every count under the region's `kengetallen_threshold` (k, default 5),
//! zero included, is suppressed: shown as "< k", and absent as a number from JSON and CSV.
//! Zero too, because in a breakdown a zero says something about everyone in its total ("0
//! of the 12 not included" tells the reader each of the 12 was included). Then,
//! *complementary suppression* in every breakdown whose rows split its total (each case or
//! decision in exactly one row): a reader who knows the total, the visible rows and that a
//! suppressed cell lies in `0..k` and a hidden one is at least `k` can bound each hidden
//! cell. While any suppressed cell's bounds leave one value, the smallest visible row is
//! hidden too (shown as "×"); when no row is left to hide, the total is hidden, and with it
//! the same total in every other breakdown (the lopende dossiers appear in four). The median
//! is shown only from k cases on, the share within a month only when both of its rows are
//! visible. A threshold of 1 switches suppression off. Breakdowns whose rows overlap (doelgroep, leefgebieden) do not sum to their
//! total, so nothing can be recomputed there. Only relations inside a breakdown are
//! covered; see `docs/embedding.md`, "Kengetallen".

mod export;
mod suppress;

use super::dates::{document_date, text_at};
use super::deadlines::{first_plan_date, melding_date, review_due};
use super::phase::{Phase, decided_by};
use super::{Case, Document};
use crate::Date;
use crate::catalog::Catalog;
use crate::def::Region;

/// What one cell shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Count(u32),
    /// A number of days (a median: whole or half days).
    Days(f64),
    /// A whole percentage.
    Percent(u32),
    /// Under the threshold.
    Suppressed,
    /// At or above the threshold, hidden so that a suppressed cell cannot be recomputed.
    Hidden,
    /// Not shown: a measure over fewer cases than the threshold, or over a hidden cell.
    Withheld,
}

/// One line of a breakdown: an id (an option value, a phase id, a band), its label, its cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub label: String,
    pub cell: Cell,
}

/// One breakdown: a title, its total, its rows, and measures that are not counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: &'static str,
    pub title: String,
    pub total: Option<Row>,
    pub rows: Vec<Row>,
    /// Whether the rows split the total (each counted thing in exactly one row).
    pub partition: bool,
    pub measures: Vec<Row>,
}

/// The kengetallen of one period: only labels and counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Kengetallen {
    pub region: String,
    pub region_name: String,
    pub from: Date,
    pub to: Date,
    pub threshold: u32,
    pub sections: Vec<Section>,
}

/// Age bands of the group: (id, label, lowest age, highest age).
pub const AGE_BANDS: [(&str, &str, i64, i64); 7] = [
    ("onder-18", "Jonger dan 18", i64::MIN, 17),
    ("18-24", "18 tot en met 24 jaar", 18, 24),
    ("25-34", "25 tot en met 34 jaar", 25, 34),
    ("35-44", "35 tot en met 44 jaar", 35, 44),
    ("45-54", "45 tot en met 54 jaar", 45, 54),
    ("55-64", "55 tot en met 64 jaar", 55, 64),
    ("65-plus", "65 jaar en ouder", 65, i64::MAX),
];
/// The row id for what a case does not tell (no date of birth, no aanmelding).
pub const UNKNOWN: &str = "onbekend";
/// The id of the lopende dossiers' total, the same in each breakdown of the group.
pub const LOPEND: &str = "lopende-dossiers";
/// The phases of a lopende dossier.
pub const ACTIVE_PHASES: [&str; 3] = ["plan-in-voorbereiding", "plan-actief", "in-overdracht"];

/// The phase on `to`, from the documents dated up to then (in meeting order).
fn phase_on(docs: &[&Document], to: Date) -> Phase {
    docs.iter()
        .rev()
        .filter(|d| document_date(d).is_some_and(|on| on <= to))
        .find_map(|d| decided_by(d, to))
        .unwrap_or(Phase::Nieuw)
}

/// Counts by value: a short list, not a map (a few dozen values; another map type costs
/// the wasm more than the search costs the count).
#[derive(Default)]
struct Counts(Vec<(String, u32)>);

impl Counts {
    fn add(&mut self, value: &str) {
        match self.0.iter_mut().find(|(v, _)| v == value) {
            Some((_, n)) => *n += 1,
            None => self.0.push((value.to_string(), 1)),
        }
    }

    fn get(&self, value: &str) -> u32 {
        self.0
            .iter()
            .find(|(v, _)| v == value)
            .map_or(0, |(_, n)| *n)
    }
}

/// Raw tallies before labels and suppression.
#[derive(Default)]
struct Tally {
    meldingen: u32,
    overdracht_in: u32,
    overdracht_uit: u32,
    uitstroom: u32,
    triage: Counts,
    inclusie: Counts,
    active: Counts,
    plan_days: Vec<i64>,
    plan_within: u32,
    reviews_on_time: u32,
    reviews_late: u32,
    ages: Counts,
    doelgroep: Counts,
    leefgebieden: Counts,
}

fn choices<'a>(v: &'a serde_json::Value, path: &str) -> Vec<&'a str> {
    let mut cur = v;
    for seg in path.split('.') {
        match cur.get(seg) {
            Some(next) => cur = next,
            None => return Vec::new(),
        }
    }
    let all: Vec<&str> = match cur {
        serde_json::Value::Array(items) => items.iter().filter_map(|i| i.as_str()).collect(),
        serde_json::Value::String(s) => vec![s.as_str()],
        _ => Vec::new(),
    };
    // Each value once (a hand-edited file may repeat one).
    let mut out = Vec::with_capacity(all.len());
    for v in all {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn age_band(case: &Case, to: Date) -> &'static str {
    let person = case.person();
    let age = match (person.birth_date, person.birth_year) {
        (Some(born), _) => born.years_until(to),
        (None, Some(year)) => i64::from(to.year()) - year,
        _ => return UNKNOWN,
    };
    AGE_BANDS
        .iter()
        .find(|(_, _, lo, hi)| (*lo..=*hi).contains(&age))
        .map_or(UNKNOWN, |(id, ..)| id)
}

fn tally_case(t: &mut Tally, case: &Case, zvh: Option<&str>, from: Date, to: Date) {
    let in_period = |d: Option<Date>| d.is_some_and(|d| from <= d && d <= to);
    let docs = case.documents_in_order();
    let has = |form: &str| docs.iter().any(|d| d.submission.form == form);
    let melding = melding_date(case);
    if has("aanmelding") && in_period(melding) {
        t.meldingen += 1;
    }
    let mut excluded = false;
    let mut before: Option<&Document> = None;
    for doc in &docs {
        let a = &doc.submission.answers;
        let on = document_date(doc);
        let form = doc.submission.form.as_str();
        if in_period(on) {
            match form {
                "triage" => {
                    for v in choices(a, "uitkomst") {
                        t.triage.add(v);
                    }
                }
                "inclusie" => {
                    for v in choices(a, "besluit.uitkomst") {
                        t.inclusie.add(v);
                    }
                }
                "overdracht" => {
                    let to_us = zvh.is_some() && text_at(a, "overdracht.ontvangend_zvh") == zvh;
                    let from_us = zvh.is_some() && text_at(a, "overdracht.verzendend_zvh") == zvh;
                    if to_us && !from_us {
                        t.overdracht_in += 1;
                    } else {
                        t.overdracht_uit += 1;
                    }
                }
                "exclusiebesluit" => {
                    excluded |= text_at(a, "besluit.uitkomst") == Some("exclusie");
                }
                "herhaald-agenderen" => {
                    if let (Some(held), Some(due)) = (on, before.and_then(review_due)) {
                        if held <= due {
                            t.reviews_on_time += 1;
                        } else {
                            t.reviews_late += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        if matches!(form, "levensloopplan" | "herhaald-agenderen") {
            before = Some(doc);
        }
    }
    t.uitstroom += u32::from(excluded);
    if let (Some(plan), Some(m)) = (first_plan_date(case), melding)
        && in_period(Some(plan))
    {
        t.plan_days.push(plan.to_days() - m.to_days());
        if m.add_months(1).is_some_and(|due| plan <= due) {
            t.plan_within += 1;
        }
    }
    let phase = phase_on(&docs, to).id();
    let Some(active) = ACTIVE_PHASES.iter().find(|p| **p == phase) else {
        return;
    };
    t.active.add(active);
    t.ages.add(age_band(case, to));
    match case.latest("aanmelding") {
        Some(aanmelding) => {
            let a = &aanmelding.submission.answers;
            for v in choices(a, "doelgroep") {
                t.doelgroep.add(v);
            }
            for v in choices(a, "leefgebieden") {
                t.leefgebieden.add(v);
            }
        }
        None => {
            t.doelgroep.add(UNKNOWN);
            t.leefgebieden.add(UNKNOWN);
        }
    }
}

fn row(id: &str, label: &str, n: u32) -> Row {
    Row {
        id: id.to_string(),
        label: label.to_string(),
        cell: Cell::Count(n),
    }
}

/// The rows of a choice field: one per option of the definition (its label up to the
/// first colon: "Inclusie: de persoon komt …" → "Inclusie"), then "Onbekend" if counted.
fn option_rows(
    catalog: &Catalog,
    region: &str,
    form: &str,
    path: &str,
    counts: &Counts,
) -> Vec<Row> {
    let options = catalog
        .form(form, region)
        .and_then(|def| def.field(path))
        .map(|f| f.options.as_slice())
        .unwrap_or_default();
    let mut rows: Vec<Row> = options
        .iter()
        .map(|o| {
            let label = o.label.split(": ").next().unwrap_or(&o.label);
            row(&o.value, label, counts.get(&o.value))
        })
        .collect();
    if let n @ 1.. = counts.get(UNKNOWN) {
        rows.push(row(UNKNOWN, "Onbekend (geen aanmelding in het dossier)", n));
    }
    rows
}

fn sum(rows: &[Row]) -> u32 {
    rows.iter()
        .map(|r| match r.cell {
            Cell::Count(n) => n,
            _ => 0,
        })
        .sum()
}

fn section(id: &'static str, title: String, total: Option<Row>, rows: Vec<Row>) -> Section {
    Section {
        id,
        title,
        total,
        rows,
        partition: false,
        measures: Vec::new(),
    }
}

/// A breakdown whose rows split the total, which is their sum.
fn split(id: &'static str, title: String, total: (&str, &str), rows: Vec<Row>) -> Section {
    let total = row(total.0, total.1, sum(&rows));
    Section {
        partition: true,
        ..section(id, title, Some(total), rows)
    }
}

fn median(mut days: Vec<i64>) -> Option<f64> {
    days.sort_unstable();
    let n = days.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(days[n / 2] as f64),
        _ => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    }
}

/// The kengetallen of `cases` for `from..=to`, labelled and suppressed for `region` (its
/// threshold, its ZVH, its terms). A Dutch message when the region is unknown or the
/// period runs backwards.
pub fn kengetallen(
    cases: &[Case],
    catalog: &Catalog,
    region: &str,
    from: Date,
    to: Date,
) -> Result<Kengetallen, String> {
    let Some(reg) = catalog.region(region) else {
        return Err(format!("De regio ‘{region}’ kent deze kit niet."));
    };
    if from > to {
        return Err(format!(
            "De periode begint na het einde: {} ligt na {}.",
            from.to_dutch(),
            to.to_dutch()
        ));
    }
    let mut t = Tally::default();
    for case in cases {
        tally_case(&mut t, case, reg.zvh.as_deref(), from, to);
    }
    let threshold = reg.kengetallen_threshold.max(1);
    let mut sections = build(&t, catalog, reg, to);
    // A threshold of 1 suppresses nothing: only zeros would be under it, and a zero in a
    // breakdown is always one value, so suppressing them would hide whole breakdowns.
    if threshold > 1 {
        suppress::suppress(&mut sections, threshold);
    }
    Ok(Kengetallen {
        region: reg.id.clone(),
        region_name: reg.name.clone(),
        from,
        to,
        threshold,
        sections,
    })
}

fn build(t: &Tally, catalog: &Catalog, reg: &Region, to: Date) -> Vec<Section> {
    let term = |text: &str| reg.fill_terms(text).unwrap_or_else(|_| text.to_string());
    let on = to.to_dutch();
    let flow = section(
        "instroom-uitstroom",
        "Instroom en uitstroom".into(),
        None,
        vec![
            row("meldingen", "Meldingen", t.meldingen),
            row(
                "overdracht-in",
                &term("Overdrachten ontvangen van een ander {zvh}"),
                t.overdracht_in,
            ),
            row(
                "overdracht-uit",
                &term("Overdrachten aan een ander {zvh}"),
                t.overdracht_uit,
            ),
            row("uitstroom", "Uitstroom (exclusiebesluit)", t.uitstroom),
        ],
    );
    let triage = split(
        "triage",
        "Besluiten van het weegteam (triage)".into(),
        ("triage-besluiten", "Besluiten"),
        option_rows(catalog, &reg.id, "triage", "uitkomst", &t.triage),
    );
    let inclusie = split(
        "inclusie",
        term("Besluiten van de {inclusietafel}"),
        ("inclusie-besluiten", "Besluiten"),
        option_rows(
            catalog,
            &reg.id,
            "inclusie",
            "besluit.uitkomst",
            &t.inclusie,
        ),
    );
    let active_rows: Vec<Row> = ACTIVE_PHASES
        .iter()
        .map(|id| {
            let label = Phase::ALL
                .iter()
                .find(|(i, _)| i == id)
                .map_or(*id, |p| p.1);
            row(id, label, t.active.get(id))
        })
        .collect();
    let active_total = sum(&active_rows);
    let active = split(
        "lopend",
        format!("Lopende dossiers op {on}"),
        (LOPEND, "Lopende dossiers"),
        active_rows,
    );
    let n_plans = u32::try_from(t.plan_days.len()).unwrap_or(u32::MAX);
    let mut plan = split(
        "eerste-plan",
        "Van melding tot eerste levensloopplan (termijn: 1 maand)".into(),
        ("eerste-plannen", "Eerste plannen"),
        vec![
            row("binnen-een-maand", "Binnen een maand", t.plan_within),
            row(
                "later",
                "Later dan een maand",
                n_plans.saturating_sub(t.plan_within),
            ),
        ],
    );
    plan.measures = vec![
        Row {
            id: "mediaan-dagen".into(),
            label: "Mediaan dagen van melding tot eerste plan".into(),
            cell: median(t.plan_days.clone()).map_or(Cell::Withheld, Cell::Days),
        },
        Row {
            id: "aandeel-binnen-een-maand".into(),
            label: "Aandeel binnen een maand".into(),
            cell: match n_plans {
                0 => Cell::Withheld,
                n => Cell::Percent(
                    u32::try_from(
                        (u64::from(t.plan_within) * 100 + u64::from(n) / 2) / u64::from(n),
                    )
                    .unwrap_or(100),
                ),
            },
        },
    ];
    let reviews = split(
        "herhaald-agenderen",
        "Herhaald agenderen (uiterlijk 3 maanden na het vorige plan of overleg)".into(),
        ("overleggen", "Overleggen"),
        vec![
            row("op-tijd", "Op tijd", t.reviews_on_time),
            row("te-laat", "Te laat", t.reviews_late),
        ],
    );
    let mut age_rows: Vec<Row> = AGE_BANDS
        .iter()
        .map(|(id, label, ..)| row(id, label, t.ages.get(id)))
        .collect();
    age_rows.push(row(UNKNOWN, "Onbekend", t.ages.get(UNKNOWN)));
    let ages = split(
        "leeftijd",
        format!("Leeftijd op {on} (lopende dossiers)"),
        (LOPEND, "Lopende dossiers"),
        age_rows,
    );
    let group_total = || Some(row(LOPEND, "Lopende dossiers", active_total));
    let doelgroep = section(
        "doelgroep",
        "Kenmerken van de doelgroep (lopende dossiers, meer per persoon mogelijk)".into(),
        group_total(),
        option_rows(catalog, &reg.id, "aanmelding", "doelgroep", &t.doelgroep),
    );
    let leefgebieden = section(
        "leefgebieden",
        "Leefgebieden met zorgen bij de aanmelding (lopende dossiers, meer per persoon mogelijk)"
            .into(),
        group_total(),
        option_rows(
            catalog,
            &reg.id,
            "aanmelding",
            "leefgebieden",
            &t.leefgebieden,
        ),
    );
    vec![
        flow,
        triage,
        inclusie,
        active,
        plan,
        reviews,
        ages,
        doelgroep,
        leefgebieden,
    ]
}

impl Cell {
    /// The cell as shown: "12", "< 5", "×", "23,5", "64%", "–".
    pub fn shown(&self, threshold: u32) -> String {
        match *self {
            Cell::Count(n) => n.to_string(),
            // In whole and half days, without float formatting (its tables cost the wasm
            // kilobytes, as `number.rs` says).
            Cell::Days(d) => {
                let halves = (d * 2.0).round() as i64;
                let sign = if halves < 0 { "-" } else { "" };
                let (whole, half) = (halves.abs() / 2, halves.abs() % 2 == 1);
                format!("{sign}{whole}{}", if half { ",5" } else { "" })
            }
            Cell::Percent(p) => format!("{p}%"),
            Cell::Suppressed => format!("< {threshold}"),
            Cell::Hidden => "×".into(),
            Cell::Withheld => "–".into(),
        }
    }

    /// The count when it is shown as one.
    pub fn count(&self) -> Option<u32> {
        match *self {
            Cell::Count(n) => Some(n),
            _ => None,
        }
    }
}

impl Kengetallen {
    /// The period in Dutch: "1 januari 2026 tot en met 31 maart 2026".
    pub fn period(&self) -> String {
        format!("{} tot en met {}", self.from.to_dutch(), self.to.to_dutch())
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_none() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![9, 1, 5]), Some(5.0));
        assert_eq!(median(vec![4, 1, 10, 7]), Some(5.5));
    }

    #[test]
    fn cells_as_shown() {
        assert_eq!(Cell::Count(0).shown(5), "0");
        assert_eq!(Cell::Suppressed.shown(5), "< 5");
        assert_eq!(Cell::Days(23.5).shown(5), "23,5");
        assert_eq!(Cell::Days(23.0).shown(5), "23");
        assert_eq!(Cell::Days(-1.5).shown(5), "-1,5");
        assert_eq!(Cell::Days(0.5).shown(5), "0,5");
        assert_eq!(Cell::Percent(64).shown(5), "64%");
    }

    #[test]
    fn a_choice_read_once_per_value() {
        let v = serde_json::json!({"a": {"b": ["x", "y", "x"]}, "c": "z"});
        assert_eq!(choices(&v, "a.b"), vec!["x", "y"]);
        assert_eq!(choices(&v, "c"), vec!["z"]);
        assert!(choices(&v, "a.q").is_empty());
    }
}
