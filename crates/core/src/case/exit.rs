//! Exit readiness: the three criteria of seed 002's *Afsluiten* computed from what happened,
//! not declared.
//!
//! 1. **Stable since**: the later of the day after the last incident or crisis that touched
//!    the gevaarscriterium and the day after the last klinische opname or detentie ended
//!    (the person is not 'buiten' then). The inclusion is the floor: before it the case
//!    knows nothing, and the melding itself was about danger. Ready when two full years have
//!    passed; the days 'buiten' in the last two years are counted beside it.
//! 2. **Beschermende factoren**: those named (as the short multiple choice) in the plan and
//!    the reviews; *held* are those named at each of the last [`FACTOR_MOMENTS`] moments.
//!    Whether they are durably secured stays the meeting's judgement: the case shows what
//!    it was told.
//! 3. **Risicotaxatie**: every taxatie the case knows — recorded as an event, or in a plan
//!    version or a review — the latest against the previous; flagged when there is none,
//!    when the latest is older than the region's `risicotaxatie_max_months`, or when it found
//!    the risk unchanged or higher.
//!
//! Each fact keeps its [`Source`], so the exclusiebesluit can name the incident or review it
//! rests on. Pure: `today` is a parameter.

use super::dates::{date_at, document_date, text_at};
use super::{Case, Event};
use crate::Date;
use serde_json::{Value, json};

/// Years stable the first criterion asks for.
pub const STABLE_YEARS: i64 = 2;
/// The plan versions and reviews a beschermende factor must be named at (the latest ones)
/// to count as held: three reviews span at least the better part of a year at the minimum
/// rhythm of one per three months (seed 002, step 5).
pub const FACTOR_MOMENTS: usize = 3;

/// The beschermende factoren as the plan, the review and the exclusiebesluit name them.
pub const FACTORS: [(&str, &str); 7] = [
    ("wonen", "wonen"),
    ("dagbesteding", "werk of dagbesteding"),
    ("netwerk", "een steunend netwerk en naasten"),
    ("zorg", "zorg en begeleiding die doorlopen"),
    ("financien", "inkomen en financiën op orde"),
    ("middelen", "geen of beheerst middelengebruik"),
    ("inzicht", "inzicht in eigen signalen"),
];

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An event of the case (its seq).
    Event(u32),
    /// A document of the case: its seq and form.
    Document(u32, String),
    /// The inclusiedatum of the inclusiebesluit (its seq).
    Inclusion(u32),
}

impl Source {
    pub fn seq(&self) -> u32 {
        match self {
            Source::Event(s) | Source::Document(s, _) | Source::Inclusion(s) => *s,
        }
    }
}

/// Why the stable period starts when it does.
#[derive(Debug, Clone, PartialEq)]
pub enum StableFrom {
    /// No incident or stay after the inclusion.
    Inclusion { on: Date, seq: u32 },
    /// The day after an incident or crisis that touched the gevaarscriterium.
    Incident { on: Date, seq: u32, crisis: bool },
    /// The day after a klinische opname or detentie ended.
    StayEnded {
        until: Date,
        seq: u32,
        detention: bool,
    },
}

impl StableFrom {
    /// The fact in Dutch, naming its date and where it is in the case.
    pub fn dutch(&self) -> String {
        match self {
            StableFrom::Inclusion { on, .. } => {
                format!(
                    "de inclusie op {}; daarna geen incident dat het gevaarscriterium raakte en geen opname of detentie",
                    on.to_dutch()
                )
            }
            StableFrom::Incident { on, seq, crisis } => format!(
                "{} op {} dat het gevaarscriterium raakte (gebeurtenis {seq})",
                if *crisis { "de crisis" } else { "het incident" },
                on.to_dutch()
            ),
            StableFrom::StayEnded {
                until,
                seq,
                detention,
            } => format!(
                "het einde van de {} op {} (gebeurtenis {seq})",
                if *detention {
                    "detentie"
                } else {
                    "klinische opname"
                },
                until.to_dutch()
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stability {
    /// Stable and 'buiten' since; `None` while a stay lasts or before the inclusion.
    pub since: Option<Date>,
    pub from: Option<StableFrom>,
    /// The opname or detentie that lasts today: its seq, whether it is a detentie, its start.
    pub inside: Option<(u32, bool, Date)>,
    /// Days 'buiten' in the two years up to today (a stay's days do not count).
    pub days_outside: i64,
    /// Days in those two years.
    pub days_in_window: i64,
    /// The day two years after `since`: when the first criterion is met.
    pub met_on: Option<Date>,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FactorMoment {
    pub on: Date,
    pub source: Source,
    pub factors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Factors {
    /// The moments that named factors, oldest first (at most [`FACTOR_MOMENTS`]).
    pub moments: Vec<FactorMoment>,
    /// Named at the latest moment.
    pub named: Vec<String>,
    /// Named at every one of `moments`.
    pub held: Vec<String>,
    /// Named at an earlier of `moments` but not at the latest.
    pub lost: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Taxatie {
    pub on: Date,
    /// The instrument's option value (`hcr-20v3`) and how it reads (`HCR-20V3`, or the name
    /// typed for `anders`).
    pub instrument: String,
    pub instrument_name: String,
    pub by: Option<String>,
    pub organisation: Option<String>,
    /// `verdwenen`, `lager`, `onveranderd` or `hoger`.
    pub outcome: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaxatieCheck {
    pub latest: Option<Taxatie>,
    pub previous: Option<Taxatie>,
    /// The latest is older than the region allows (or there is none).
    pub too_old: bool,
    /// The month limit it was judged by.
    pub max_months: u32,
    /// The latest found the risk substantially lower or gone.
    pub lower: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExitReadiness {
    pub stability: Stability,
    pub factors: Factors,
    pub taxatie: TaxatieCheck,
    /// All three criteria shown by the case: two years stable 'buiten', factors held, a
    /// recent risicotaxatie with the risk lower or gone. Ready for the uitstroomgesprek;
    /// the decision itself is the meeting's.
    pub ready: bool,
}

/// Exit readiness on `today`, with the region's limit on a risicotaxatie's age in months.
pub fn exit_readiness(case: &Case, today: Date, taxatie_max_months: u32) -> ExitReadiness {
    let stability = stability(case, today);
    let factors = factors(case);
    let taxatie = taxatie_check(case, today, taxatie_max_months);
    let ready = stability.met && !factors.held.is_empty() && taxatie.lower && !taxatie.too_old;
    ExitReadiness {
        stability,
        factors,
        taxatie,
        ready,
    }
}

/// [`exit_readiness`] with the limit of the case's region.
pub fn exit_readiness_in(case: &Case, catalog: &crate::Catalog, today: Date) -> ExitReadiness {
    exit_readiness(case, today, taxatie_max_months(catalog, &case.region))
}

/// The region's `risicotaxatie_max_months` (the national default when the catalog does not
/// know the region).
pub fn taxatie_max_months(catalog: &crate::Catalog, region: &str) -> u32 {
    catalog
        .region(region)
        .map_or(crate::def::DEFAULT_RISICOTAXATIE_MAX_MONTHS, |r| {
            r.risicotaxatie_max_months
        })
}

fn is_stay(e: &Event) -> bool {
    matches!(e.kind(), "opname" | "detentie")
}

/// Criterion 1 alone (it needs no region setting): the timeline draws its window.
pub fn stability(case: &Case, today: Date) -> Stability {
    let events = case.events_in_order();
    let inclusion = case.latest("inclusie").and_then(|d| {
        date_at(&d.submission.answers, "toewijzing.inclusiedatum")
            .map(|on| StableFrom::Inclusion { on, seq: d.seq })
    });
    let mut from = inclusion;
    let start = |f: &StableFrom| match f {
        StableFrom::Inclusion { on, .. } => Some(*on),
        StableFrom::Incident { on, .. } => on.add_days(1),
        StableFrom::StayEnded { until, .. } => until.add_days(1),
    };
    let mut inside = None;
    for e in &events {
        let Some(on) = e.date() else { continue };
        if on > today {
            continue;
        }
        let candidate = match e.kind() {
            "incident" | "crisis" if e.gevaar() => Some(StableFrom::Incident {
                on,
                seq: e.seq,
                crisis: e.kind() == "crisis",
            }),
            _ if is_stay(e) => match e.until() {
                Some(until) if until < today => Some(StableFrom::StayEnded {
                    until,
                    seq: e.seq,
                    detention: e.kind() == "detentie",
                }),
                _ => {
                    inside = Some((e.seq, e.kind() == "detentie", on));
                    None
                }
            },
            _ => None,
        };
        if let Some(c) = candidate
            && from.as_ref().is_none_or(|f| start(&c) >= start(f))
        {
            from = Some(c);
        }
    }
    let since = if inside.is_some() {
        None
    } else {
        from.as_ref().and_then(start)
    };
    let met_on = since.and_then(|d| d.add_months(12 * STABLE_YEARS));
    let window_start = today.add_months(-12 * STABLE_YEARS).unwrap_or(today);
    let days_in_window = today.to_days() - window_start.to_days();
    let days_outside = days_in_window - days_inside(&events, window_start, today);
    Stability {
        since,
        from: since.and(from),
        inside,
        days_outside,
        days_in_window,
        met_on,
        met: met_on.is_some_and(|d| d <= today),
    }
}

/// Days of opname or detentie in `[from, to)`, overlapping stays counted once.
fn days_inside(events: &[&Event], from: Date, to: Date) -> i64 {
    let spans: Vec<(i64, i64)> = events
        .iter()
        .filter(|e| is_stay(e))
        .filter_map(|e| {
            let start = e.date()?.to_days().max(from.to_days());
            let end = e
                .until()
                .map_or(to.to_days(), |u| (u.to_days() + 1).min(to.to_days()));
            (start < end).then_some((start, end))
        })
        .collect();
    // `events` are in date order, so the spans are in order of their start: no sort.
    let mut total = 0;
    let mut reach = i64::MIN;
    for (s, e) in spans {
        let s = s.max(reach);
        if e > s {
            total += e - s;
            reach = e;
        }
    }
    total
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The field that names the factors at each kind of moment.
fn factor_path(form: &str) -> Option<&'static str> {
    match form {
        crate::plan::PLAN_FORM => Some("/beeldvorming/factoren"),
        crate::plan::REVIEW_FORM => Some("/bespreking/factoren"),
        _ => None,
    }
}

fn factors(case: &Case) -> Factors {
    let mut moments: Vec<FactorMoment> = case
        .documents_in_order()
        .into_iter()
        .filter_map(|d| {
            let path = factor_path(&d.submission.form)?;
            let factors = strings(d.submission.answers.pointer(path));
            let on = document_date(d)?;
            (!factors.is_empty()).then(|| FactorMoment {
                on,
                source: Source::Document(d.seq, d.submission.form.clone()),
                factors,
            })
        })
        .collect();
    if moments.len() > FACTOR_MOMENTS {
        moments.drain(..moments.len() - FACTOR_MOMENTS);
    }
    let Some(latest) = moments.last() else {
        return Factors::default();
    };
    let named = latest.factors.clone();
    let held = named
        .iter()
        .filter(|f| moments.iter().all(|m| m.factors.contains(f)))
        .cloned()
        .collect();
    let mut lost: Vec<String> = Vec::new();
    for m in &moments {
        for f in &m.factors {
            if !named.contains(f) && !lost.contains(f) {
                lost.push(f.clone());
            }
        }
    }
    Factors {
        moments,
        named,
        held,
        lost,
    }
}

fn instrument_name(id: &str, other: Option<&str>) -> String {
    match id {
        "hcr-20v3" => "HCR-20V3".into(),
        "hkt-r" => "HKT-R".into(),
        "start" => "START".into(),
        "fam" => "FAM".into(),
        "saprof" => "SAPROF".into(),
        _ => other.unwrap_or("ander instrument").to_string(),
    }
}

/// A taxatie in a group of `answers` (`taxatie`, `risicotaxatie`,
/// `beeldvorming.risicotaxatie`); documents say `gedaan`, events are one by their kind.
fn taxatie_at(answers: &Value, group: &str, on: Option<Date>, source: Source) -> Option<Taxatie> {
    let t = |k: &str| text_at(answers, &format!("{group}.{k}"));
    let on = on.or_else(|| date_at(answers, &format!("{group}.datum")))?;
    let instrument = t("instrument")?.to_string();
    Some(Taxatie {
        on,
        instrument_name: instrument_name(&instrument, t("instrument_anders")),
        instrument,
        by: t("uitvoerder").map(str::to_string),
        organisation: t("organisatie").map(str::to_string),
        outcome: t("uitkomst")?.to_string(),
        source,
    })
}

/// Every risicotaxatie the case knows, in date order: events, and those recorded in plan
/// versions and reviews. A plan version carries its predecessor's taxatie on, so one
/// taxatie (same day, same instrument) is counted once, from where it was first recorded.
pub fn taxaties(case: &Case) -> Vec<Taxatie> {
    let from_events = case
        .events
        .iter()
        .filter(|e| e.kind() == "risicotaxatie")
        .filter_map(|e| taxatie_at(&e.answers, "taxatie", e.date(), Source::Event(e.seq)));
    let from_documents = case.documents_in_order().into_iter().filter_map(|d| {
        let a = &d.submission.answers;
        let group = match d.submission.form.as_str() {
            crate::plan::PLAN_FORM => "beeldvorming.risicotaxatie",
            crate::plan::REVIEW_FORM => "risicotaxatie",
            _ => return None,
        };
        let done = a.pointer(&format!("/{}/gedaan", group.replace('.', "/")));
        (done == Some(&Value::Bool(true))).then_some(())?;
        taxatie_at(
            a,
            group,
            None,
            Source::Document(d.seq, d.submission.form.clone()),
        )
    });
    // Kept in date order by inserting each where it belongs: a sort here would add a sort
    // instantiation to the browser's module, for a handful of items.
    let key = |t: &Taxatie| (t.on, t.source.seq());
    let mut all: Vec<Taxatie> = Vec::new();
    for t in from_events.chain(from_documents) {
        let at = all.partition_point(|x| key(x) <= key(&t));
        all.insert(at, t);
    }
    all.dedup_by(|b, a| a.on == b.on && a.instrument == b.instrument);
    all
}

fn taxatie_check(case: &Case, today: Date, max_months: u32) -> TaxatieCheck {
    let mut all = taxaties(case);
    all.retain(|t| t.on <= today);
    let latest = all.pop();
    let previous = all.pop();
    let too_old = latest.as_ref().is_none_or(|t| {
        t.on.add_months(i64::from(max_months))
            .is_none_or(|limit| limit < today)
    });
    let lower = latest
        .as_ref()
        .is_some_and(|t| matches!(t.outcome.as_str(), "lager" | "verdwenen"));
    TaxatieCheck {
        latest,
        previous,
        too_old,
        max_months,
        lower,
    }
}

/// How an outcome reads.
pub fn outcome_dutch(o: &str) -> &'static str {
    match o {
        "verdwenen" => "risico verdwenen",
        "lager" => "risico substantieel lager",
        "onveranderd" => "risico onveranderd",
        "hoger" => "risico hoger",
        _ => "uitkomst onbekend",
    }
}

fn factor_list(ids: &[String]) -> String {
    let names: Vec<&str> = ids
        .iter()
        .map(|id| {
            FACTORS
                .iter()
                .find(|(v, _)| v == id)
                .map_or(id.as_str(), |(_, n)| n)
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

impl Taxatie {
    pub fn dutch(&self) -> String {
        let by = match (&self.by, &self.organisation) {
            (Some(b), Some(o)) => format!(", door {b} ({o})"),
            (Some(b), None) => format!(", door {b}"),
            _ => String::new(),
        };
        let from = match &self.source {
            Source::Event(seq) => format!("gebeurtenis {seq}"),
            Source::Document(seq, form) => {
                format!("{} (document {seq})", super::timeline::form_label(form))
            }
            Source::Inclusion(seq) => format!("document {seq}"),
        };
        format!(
            "{} van {}{by}: {} ({from})",
            self.instrument_name,
            self.on.to_dutch(),
            outcome_dutch(&self.outcome)
        )
    }
}

impl ExitReadiness {
    /// The criteria as the case shows them, one Dutch sentence each.
    pub fn sentences(&self) -> Vec<String> {
        let s = &self.stability;
        let first = match (s.inside, s.since) {
            (Some((seq, detention, on)), _) => format!(
                "Criterium 1, stabiel ‘buiten’: niet voldaan, {} sinds {} (gebeurtenis {seq}).",
                if detention {
                    "in detentie"
                } else {
                    "in klinische opname"
                },
                on.to_dutch()
            ),
            (None, None) => {
                "Criterium 1, stabiel ‘buiten’: het dossier heeft nog geen inclusiedatum.".into()
            }
            (None, Some(d)) => {
                let why = s.from.as_ref().map(StableFrom::dutch).unwrap_or_default();
                let met = match s.met_on {
                    Some(m) if s.met => format!("voldaan sinds {}", m.to_dutch()),
                    Some(m) => format!("nog niet voldaan, twee jaar op {}", m.to_dutch()),
                    None => "nog niet voldaan".into(),
                };
                format!(
                    "Criterium 1, stabiel ‘buiten’: {met}. Stabiel sinds {}, na {why}. {} van de {} dagen in de laatste twee jaar ‘buiten’.",
                    d.to_dutch(),
                    s.days_outside,
                    s.days_in_window
                )
            }
        };
        let f = &self.factors;
        let second = if f.moments.is_empty() {
            "Criterium 2, beschermende factoren: niet vastgelegd in het plan of de besprekingen."
                .to_string()
        } else {
            let mut t = if f.held.is_empty() {
                format!(
                    "Criterium 2, beschermende factoren: geen factor is in de laatste {} besprekingen steeds genoemd.",
                    f.moments.len()
                )
            } else {
                format!(
                    "Criterium 2, beschermende factoren: {} {} in de laatste {} plan(nen) en besprekingen steeds genoemd.",
                    factor_list(&f.held),
                    if f.held.len() == 1 { "is" } else { "zijn" },
                    f.moments.len()
                )
            };
            if !f.lost.is_empty() {
                t.push_str(&format!(" Niet meer genoemd: {}.", factor_list(&f.lost)));
            }
            t.push_str(" Of ze duurzaam geborgd zijn, beoordeelt het overleg.");
            t
        };
        let t = &self.taxatie;
        let third = match &t.latest {
            None => {
                "Criterium 3, risicotaxatie: nog geen risicotaxatie in het dossier.".to_string()
            }
            Some(latest) => {
                let mut s = format!("Criterium 3, risicotaxatie: {}.", latest.dutch());
                if let Some(prev) = &t.previous {
                    s.push_str(&format!(" De vorige: {}.", prev.dutch()));
                }
                if t.too_old {
                    s.push_str(&format!(
                        " Ouder dan {} maanden: laat een nieuwe risicotaxatie doen.",
                        t.max_months
                    ));
                }
                if latest.outcome == "hoger" {
                    s.push_str(" Het risico is hoger dan bij de vorige taxatie.");
                }
                s
            }
        };
        vec![first, second, third]
    }

    /// The caseload's words for it.
    pub fn label(&self) -> Option<&'static str> {
        self.ready.then_some("klaar voor uitstroomgesprek")
    }

    pub fn to_json(&self) -> Value {
        let s = &self.stability;
        let tax = |t: &Option<Taxatie>| {
            t.as_ref().map(|t| {
                json!({"date": t.on.to_string(), "instrument": t.instrument,
                       "outcome": t.outcome, "source_seq": t.source.seq()})
            })
        };
        json!({
            "ready": self.ready,
            "stable_since": s.since.map(|d| d.to_string()),
            "stable_from": s.from.as_ref().map(StableFrom::dutch),
            "stable_met_on": s.met_on.map(|d| d.to_string()),
            "stable_two_years": s.met,
            "inside_since": s.inside.map(|(_, _, on)| on.to_string()),
            "days_outside_last_two_years": s.days_outside,
            "factors": {
                "named": self.factors.named,
                "held": self.factors.held,
                "lost": self.factors.lost,
                "moments": self.factors.moments.len(),
            },
            "risicotaxatie": {
                "latest": tax(&self.taxatie.latest),
                "previous": tax(&self.taxatie.previous),
                "too_old": self.taxatie.too_old,
                "max_months": self.taxatie.max_months,
                "lower": self.taxatie.lower,
            },
            "sentences": self.sentences(),
        })
    }
}
