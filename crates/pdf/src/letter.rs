//! A decision as a letter of the ZVH (the exclusiebesluit and the inclusiebesluit): the
//! letterhead (name and address from the region's data), date, reference and subject, the
//! heading "Besluit" with the decision in one sentence built from the answers (who, what,
//! as of which date, in which meeting), the considerations per criterion, the participants,
//! what happens next, and the signatures. The parts are the definition's own fields, drawn
//! and tagged as every form's are (`content::field`).

use crate::RenderOptions;
use crate::content::{self, Cx};
use crate::layout::{Layout, Style};
use llk_core::Date;
use llk_core::display::display;
use serde_json::Value;

/// The forms whose PDF is a letter.
pub(crate) const LETTERS: [&str; 2] = ["exclusiebesluit", "inclusie"];

const SENDER: Style = Style::new(12.0, true);
const ADDRESS: Style = Style::new(9.5, false).grey(0.25);
const META: Style = Style::new(10.0, false);
const TITLE: Style = Style::new(18.0, true);
const DECISION: Style = Style::new(11.5, true);
const SECTION: Style = Style::new(13.0, true);
const TEXT: Style = Style::new(10.5, false);

pub(crate) fn compose(l: &mut Layout, cx: Cx<'_>, opts: &RenderOptions) {
    let a = Answers(cx);
    let head = opts.letterhead.clone().unwrap_or_default();
    let sender = Some(head.name.clone())
        .filter(|n| !n.is_empty())
        .or_else(|| opts.zvh.clone())
        .unwrap_or_else(|| "Zorg- en Veiligheidshuis".into());
    l.tagged("P", &sender, SENDER);
    for line in &head.address {
        l.tagged("P", line, ADDRESS);
    }
    l.space(14.0);
    l.tagged("P", &format!("Datum: {}", cx.today.to_dutch()), META);
    l.tagged("P", &format!("Ons kenmerk: {}", reference(&a)), META);
    l.tagged("P", &format!("Betreft: {}", cx.def.title), META);
    l.rule(0.6);
    l.space(6.0);
    l.tagged("H1", "Besluit", TITLE);
    l.space(4.0);
    let terms = Terms {
        zvh: &sender,
        aanpak: if head.aanpak.is_empty() {
            "Levensloopaanpak"
        } else {
            &head.aanpak
        },
        inclusietafel: if head.inclusietafel.is_empty() {
            "inclusietafel"
        } else {
            &head.inclusietafel
        },
    };
    l.tagged("P", &decision(&a, &terms), DECISION);

    section(l, "Overwegingen");
    let considerations: &[&str] = if cx.def.id == "inclusie" {
        &[
            "criteria",
            "doelgroep",
            "besluit.motivering",
            "besluit.afwijkend",
        ]
    } else {
        &[
            "inbreng",
            "dossier",
            "criterium1",
            "criterium2",
            "criterium3",
            "besluit.toelichting",
        ]
    };
    fields(l, cx, considerations);

    section(l, "Deelnemers aan het overleg");
    participants(l, &a);

    section(l, "Wat er nu gebeurt");
    let next: &[&str] = match (cx.def.id.as_str(), a.text("besluit.uitkomst").as_str()) {
        ("inclusie", "inclusie") => &["vervolg", "toewijzing"],
        ("inclusie", "niet-geincludeerd") => &["advies"],
        ("inclusie", _) => &["aanhouden"],
        (_, "exclusie") => &["nazorg", "gedeeld"],
        _ => &[
            "besluit.reden_geen_exclusie",
            "besluit.herbeoordeling",
            "gedeeld",
        ],
    };
    fields(l, cx, next);

    section(l, "Ondertekening");
    if cx.def.id == "inclusie" {
        let chair = a.text("overleg.voorzitter");
        let by = if chair.is_empty() {
            format!("Namens de {}", terms.inclusietafel)
        } else {
            format!("Namens de {}, {chair} (voorzitter)", terms.inclusietafel)
        };
        l.tagged("P", &by, TEXT);
    }
    // The signers' own groups, under this heading rather than the page's group.
    fields(
        l,
        cx,
        &["ondertekening.procesregisseur", "ondertekening.voorzitter"],
    );
}

/// Each field at `paths` that is answered and visible, label above answer (groups with
/// their heading), as on every form's PDF.
fn fields(l: &mut Layout, cx: Cx<'_>, paths: &[&str]) {
    for path in paths {
        let Some(i) = cx.def.field_index(path) else {
            continue;
        };
        if cx.def.fields[i].parent.is_some_and(|p| !visible(cx, p)) {
            continue;
        }
        content::field(l, cx, i, Answers(cx).get(path), 0.0, &Vec::new());
    }
}

fn visible(cx: Cx<'_>, i: usize) -> bool {
    llk_core::answers::AnswerEnv {
        def: cx.def,
        root: cx.original,
        scope: Vec::new(),
        today: cx.today,
    }
    .visible(i)
}

fn section(l: &mut Layout, title: &str) {
    l.space(10.0);
    l.keep(60.0);
    l.tagged("H2", title, SECTION);
    l.space(2.0);
}

/// One line per participant: name, role, organisation (and how they took part).
fn participants(l: &mut Layout, a: &Answers<'_>) {
    let group = if a.0.def.id == "inclusie" {
        "aanwezigen"
    } else {
        "deelnemers"
    };
    let Some(Value::Array(items)) = a.get(group) else {
        return;
    };
    l.open("L");
    for item in items {
        let part = |key: &str| {
            let f = a.0.def.field(&format!("{group}.{key}"))?;
            display(f, item.get(key)?)
        };
        let line = ["naam", "rol", "organisatie", "wijze"]
            .into_iter()
            .filter_map(part)
            .collect::<Vec<_>>()
            .join(", ");
        if !line.is_empty() {
            l.bullet(&line, TEXT);
        }
    }
    l.close();
}

/// The regional words the sentence uses.
struct Terms<'a> {
    zvh: &'a str,
    aanpak: &'a str,
    inclusietafel: &'a str,
}

/// The decision in one sentence (and the meeting in a second): who, what, as of when.
fn decision(a: &Answers<'_>, t: &Terms<'_>) -> String {
    let meeting = match (a.shown("overleg.soort"), a.date("overleg.datum")) {
        (Some(m), Some(d)) => format!(" Het besluit is genomen in het overleg ‘{m}’ van {d}."),
        (None, Some(d)) => format!(" Het besluit is genomen in het overleg van {d}."),
        (Some(m), None) => format!(" Het besluit is genomen in het overleg ‘{m}’."),
        (None, None) => String::new(),
    };
    let (zvh, aanpak) = (t.zvh, t.aanpak);
    let what = if a.0.def.id == "inclusie" {
        let who = a.text("persoon.initialen");
        let who = if who.is_empty() {
            "de persoon".to_string()
        } else {
            who
        };
        let from = |path: &str| {
            a.date(path)
                .map(|d| format!(" met ingang van {d}"))
                .unwrap_or_default()
        };
        match a.text("besluit.uitkomst").as_str() {
            "inclusie" => format!(
                "{zvh} besluit dat {who}{} wordt opgenomen in de {aanpak} (inclusie).",
                from("toewijzing.inclusiedatum")
            ),
            "niet-geincludeerd" => format!(
                "{zvh} besluit dat {who} niet wordt opgenomen in de {aanpak} (niet geïncludeerd); de melder krijgt een advies."
            ),
            _ => {
                let actions = match a.get("aanhouden.acties") {
                    Some(Value::Array(items)) if !items.is_empty() => {
                        format!(", na {} afgesproken actie(s)", items.len())
                    }
                    _ => String::new(),
                };
                let back = a
                    .date("aanhouden.terugkomdatum")
                    .map(|d| {
                        format!(
                            " De {} komt op {d} op het besluit terug{actions}.",
                            t.inclusietafel
                        )
                    })
                    .unwrap_or_default();
                format!(
                    "{zvh} houdt het besluit over {who} aan: er is nog geen besluit over inclusie in de {aanpak}.{back}"
                )
            }
        }
    } else {
        let who = a.text("persoon.naam");
        let who = if who.is_empty() {
            "de persoon".to_string()
        } else {
            who
        };
        match a.text("besluit.uitkomst").as_str() {
            "exclusie" => format!(
                "{zvh} besluit dat {who}{} uitstroomt uit de {aanpak} (exclusie).",
                a.date("overleg.datum")
                    .map(|d| format!(" met ingang van {d}"))
                    .unwrap_or_default()
            ),
            _ => {
                let again = a
                    .date("besluit.herbeoordeling")
                    .map(|d| format!(" Uitstroom wordt op {d} opnieuw besproken."))
                    .unwrap_or_default();
                format!("{zvh} besluit dat {who} in de {aanpak} blijft (geen exclusie).{again}")
            }
        }
    };
    format!("{what}{meeting}")
}

/// "EXCL-20261110-REI": the form, the meeting's date and the person's initials; the
/// melding's own reference when the inclusiebesluit has one.
fn reference(a: &Answers<'_>) -> String {
    let kenmerk = a.text("melding.kenmerk");
    if !kenmerk.is_empty() {
        return kenmerk;
    }
    let kind = if a.0.def.id == "inclusie" {
        "INCL"
    } else {
        "EXCL"
    };
    let day = a.text("overleg.datum").replace('-', "");
    let who = a.text("persoon.naam");
    let initials: String = who
        .split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    [kind, &day, &initials]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The answers by dotted path.
struct Answers<'a>(Cx<'a>);

impl Answers<'_> {
    fn get(&self, path: &str) -> Option<&Value> {
        path.split('.')
            .try_fold(self.0.original, |v, key| v.get(key))
    }

    fn text(&self, path: &str) -> String {
        match self.get(path) {
            Some(Value::String(s)) => s.trim().to_string(),
            _ => String::new(),
        }
    }

    fn date(&self, path: &str) -> Option<String> {
        Date::parse_iso(&self.text(path)).map(Date::to_dutch)
    }

    /// The answer as shown (an option's label).
    fn shown(&self, path: &str) -> Option<String> {
        display(self.0.def.field(path)?, self.get(path)?)
    }
}
