//! The validation engine on a small definition that uses every mechanism once.

mod common;

use llk_core::validate::validate;
use llk_core::{Date, Severity, Submission, submission::migrate};
use serde_json::{Value, json};

const FORM: &str = r#"
[form]
id = "test"
version = 2
title = "Melding bij het {zvh}"

[[migrations]]
from = 1
rename = { "persoon.naam" = "betrokkene.achternaam", "partners.mail" = "partners.email" }
drop = ["betrokkene.schoenmaat"]

[[pages]]
id = "persoon"
title = "De persoon"

[[pages.fields]]
id = "betrokkene"
type = "group"
label = "Betrokkene"

[[pages.fields]]
id = "betrokkene.achternaam"
type = "person_name"
label = "Achternaam"
required = true

[[pages.fields]]
id = "betrokkene.bsn"
type = "bsn"
label = "BSN"

[[pages.fields]]
id = "betrokkene.geboortedatum"
type = "date"
label = "Geboortedatum"
required = true
max = "today"

[[pages.fields]]
id = "informatie"
type = "group"
label = "Informeren"

[[pages.fields]]
id = "informatie.geinformeerd"
type = "yes_no_unknown"
label = "Is de persoon geïnformeerd over de melding?"
required = true

[[pages.fields]]
id = "informatie.grond"
type = "choice"
label = "AVG-grond voor uitstel"
options = [{ value = "veiligheid", label = "Veiligheid van anderen" }, { value = "onderzoek", label = "Lopend onderzoek" }]
visible_if = "informatie.geinformeerd != 'ja'"
required_if = "informatie.geinformeerd == 'nee'"

[[pages.fields]]
id = "informatie.datum"
type = "date"
label = "Wanneer wordt de persoon geïnformeerd?"
visible_if = "informatie.geinformeerd != 'ja'"
required_if = "informatie.geinformeerd == 'nee'"

[[pages]]
id = "partners"
title = "Partners"

[[pages.fields]]
id = "partners"
type = "group"
label = "Betrokken partners"
repeat = { min = 1, max = 3, item_label = "Partner" }

[[pages.fields]]
id = "partners.organisatie"
type = "organisation"
label = "Organisatie"
required = true
allow_other = true

[[pages.fields]]
id = "partners.rol"
type = "choice"
label = "Rol"
options_from = "roles"

[[pages.fields]]
id = "partners.email"
type = "email"
label = "E-mailadres"
required_if = "partners.rol == 'politie'"

[[pages.fields]]
id = "partners.telefoon"
type = "phone"
label = "Telefoonnummer"

[[rules]]
id = "leeftijd"
path = "betrokkene.geboortedatum"
assert = "age(betrokkene.geboortedatum) >= 18"
severity = "warning"
message = "De persoon is jonger dan 18 jaar. Controleer de geboortedatum."

[[rules]]
id = "datum-na-nu"
path = "informatie.datum"
assert = "informatie.datum >= today()"
message = "Kies een datum vanaf vandaag."

[[rules]]
id = "politie-aanwezig"
path = "partners"
assert = "'politie' in partners.rol"
severity = "warning"
message = "Er is geen partner met de rol politie."

[[rules]]
id = "telefoon-of-mail"
path = "partners.telefoon"
assert = "filled(partners.telefoon) or filled(partners.email)"
message = "Vul een telefoonnummer of e-mailadres in."
"#;

fn today() -> Date {
    Date::parse_iso("2026-11-24").expect("date")
}

fn run(answers: Value) -> Vec<(String, Severity, String)> {
    let catalog = common::catalog(FORM).expect("test form loads");
    let def = catalog.form("test", "landelijk").expect("form");
    validate(def, &answers, today())
        .into_iter()
        .map(|d| (d.path, d.severity, d.message))
        .collect()
}

fn valid() -> Value {
    json!({
        "betrokkene": { "achternaam": "van der Meer", "bsn": "111222333", "geboortedatum": "1990-05-17" },
        "informatie": { "geinformeerd": "ja" },
        "partners": [
            { "organisatie": "politie", "rol": "politie", "email": "wijkagent@politie.nl" },
            { "organisatie": "Stichting Onderdak", "telefoon": "06-12345678" }
        ]
    })
}

fn with(mut v: Value, path: &str, value: Value) -> Value {
    llk_core::path::DataPath::parse(path)
        .expect("path")
        .set(&mut v, value);
    v
}

#[test]
fn a_valid_submission_gives_nothing() {
    assert_eq!(run(valid()), vec![]);
}

#[test]
fn a_bad_bsn_is_an_error_at_its_path() {
    let d = run(with(valid(), "betrokkene.bsn", json!("123456789")));
    assert_eq!(
        d,
        vec![(
            "betrokkene.bsn".into(),
            Severity::Error,
            "Dit is geen geldig BSN. Controleer de cijfers.".into()
        )]
    );
}

#[test]
fn a_seventeen_year_old_is_a_warning_not_an_error() {
    let d = run(with(
        valid(),
        "betrokkene.geboortedatum",
        json!("2009-06-01"),
    ));
    assert_eq!(
        d,
        vec![(
            "betrokkene.geboortedatum".into(),
            Severity::Warning,
            "De persoon is jonger dan 18 jaar. Controleer de geboortedatum.".into()
        )]
    );
    assert!(!llk_core::has_errors(&validate(
        common::catalog(FORM)
            .expect("loads")
            .form("test", "landelijk")
            .expect("form"),
        &with(valid(), "betrokkene.geboortedatum", json!("2009-06-01")),
        today()
    )));
}

#[test]
fn errors_inside_repeating_groups_name_the_item() {
    let v = with(valid(), "partners[1].telefoon", json!("12345"));
    let v = with(v, "partners[0].email", json!("wijkagent@"));
    assert_eq!(
        run(v),
        vec![
            ("partners[0].email".into(), Severity::Error, "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.".into()),
            ("partners[1].telefoon".into(), Severity::Error, "Vul een Nederlands telefoonnummer in: 10 cijfers beginnend met 0, of +31 gevolgd door 9 cijfers.".into()),
        ]
    );
}

#[test]
fn conditions_in_items_see_their_own_item() {
    // Only the police partner must have an e-mail address.
    let v = with(valid(), "partners[0].email", Value::Null);
    assert_eq!(
        run(v),
        vec![
            (
                "partners[0].email".into(),
                Severity::Error,
                "Vul ‘e-mailadres’ in.".into()
            ),
            (
                "partners[0].telefoon".into(),
                Severity::Error,
                "Vul een telefoonnummer of e-mailadres in.".into()
            ),
        ]
    );
}

#[test]
fn not_informed_requires_ground_and_date() {
    let v = with(valid(), "informatie.geinformeerd", json!("nee"));
    assert_eq!(
        run(v.clone()),
        vec![
            (
                "informatie.grond".into(),
                Severity::Error,
                "Maak een keuze bij ‘AVG-grond voor uitstel’.".into()
            ),
            (
                "informatie.datum".into(),
                Severity::Error,
                "Vul een datum in bij de vraag ‘Wanneer wordt de persoon geïnformeerd?’.".into()
            ),
        ]
    );
    let v = with(
        with(v, "informatie.grond", json!("veiligheid")),
        "informatie.datum",
        json!("2026-11-01"),
    );
    assert_eq!(
        run(v),
        vec![(
            "informatie.datum".into(),
            Severity::Error,
            "Kies een datum vanaf vandaag.".into()
        )]
    );
}

#[test]
fn hidden_fields_are_not_validated() {
    // Informed: the ground is hidden, so even a wrong value there is not an error.
    let v = with(valid(), "informatie.grond", json!("geen-optie"));
    assert_eq!(run(v), vec![]);
}

#[test]
fn repeat_bounds_and_list_membership() {
    let v = with(valid(), "partners", json!([]));
    assert_eq!(
        run(v),
        vec![(
            "partners".into(),
            Severity::Error,
            "Voeg minstens één partner toe.".into()
        )],
        "the rule on the group stays silent while the group itself has an error"
    );
    let no_police = json!([{"organisatie": "a", "telefoon": "0612345678"}]);
    assert_eq!(
        run(with(valid(), "partners", no_police)),
        vec![(
            "partners".into(),
            Severity::Warning,
            "Er is geen partner met de rol politie.".into()
        )]
    );
    let four = json!([{"organisatie": "a", "telefoon": "0612345678"}, {"organisatie": "b", "telefoon": "0612345678"}, {"organisatie": "c", "telefoon": "0612345678"}, {"organisatie": "politie", "rol": "politie", "email": "a@politie.nl"}]);
    assert_eq!(
        run(with(valid(), "partners", four)),
        vec![(
            "partners".into(),
            Severity::Error,
            "U kunt hoogstens 3 keer een partner toevoegen. Verwijder er 1.".into()
        )]
    );
}

#[test]
fn future_birth_dates_and_nonsense_are_errors() {
    let d = run(with(
        valid(),
        "betrokkene.geboortedatum",
        json!("2027-01-01"),
    ));
    assert_eq!(
        d,
        vec![(
            "betrokkene.geboortedatum".into(),
            Severity::Error,
            "De datum mag niet in de toekomst liggen.".into()
        )]
    );
    let d = run(with(
        valid(),
        "betrokkene.geboortedatum",
        json!("2026-02-30"),
    ));
    assert_eq!(
        d[0].2,
        "Vul een bestaande datum in, bijvoorbeeld 12-11-2026."
    );
}

#[test]
fn unknown_answers_are_reported_not_ignored() {
    let d = run(with(valid(), "betrokkene.schoenmaat", json!(44)));
    assert_eq!(
        d,
        vec![(
            "betrokkene.schoenmaat".into(),
            Severity::Warning,
            "Dit antwoord hoort niet bij versie 2 van dit formulier en is niet gecontroleerd."
                .into()
        )]
    );
}

#[test]
fn wrong_shapes_do_not_panic_and_are_reported() {
    for bad in [
        json!([]),
        json!("x"),
        json!({"betrokkene": 3}),
        json!({"partners": {"a": 1}}),
        json!({"partners": [1, null]}),
    ] {
        let d = run(bad.clone());
        assert!(!d.is_empty(), "{bad}");
    }
}

#[test]
fn an_older_submission_migrates_without_losing_answers() {
    let catalog = common::catalog(FORM).expect("loads");
    let def = catalog.form("test", "landelijk").expect("form");
    let old = Submission {
        form: "test".into(),
        version: 1,
        region: "landelijk".into(),
        answers: json!({
            "persoon": { "naam": "Özdemir" },
            "betrokkene": { "geboortedatum": "1985-01-02", "schoenmaat": 44 },
            "informatie": { "geinformeerd": "ja" },
            "partners": [{ "organisatie": "politie", "rol": "politie", "mail": "a@politie.nl" }],
            "opmerking": "Oud veld"
        }),
        unmapped: Default::default(),
    };
    let (new, notes) = migrate(old, def);
    assert_eq!(new.version, 2);
    assert_eq!(new.answers["betrokkene"]["achternaam"], json!("Özdemir"));
    assert_eq!(new.answers["partners"][0]["email"], json!("a@politie.nl"));
    assert_eq!(new.unmapped.get("betrokkene.schoenmaat"), Some(&json!(44)));
    assert_eq!(new.unmapped.get("opmerking"), Some(&json!("Oud veld")));
    assert_eq!(
        new.unmapped.get("persoon"),
        Some(&json!({})),
        "the emptied old group is set aside too"
    );
    // Sorted: the notes follow the answers' key order, which is serde_json's insertion
    // order only when another crate in the build turns on `preserve_order`.
    let mut paths: Vec<_> = notes
        .iter()
        .map(|n| (n.path.as_str(), n.severity))
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        vec![
            ("betrokkene.schoenmaat", Severity::Warning),
            ("opmerking", Severity::Warning),
            ("persoon", Severity::Warning)
        ]
    );
    assert_eq!(validate(def, &new.answers, today()), vec![]);
}

#[test]
fn a_newer_submission_is_refused_with_a_reason() {
    let catalog = common::catalog(FORM).expect("loads");
    let def = catalog.form("test", "landelijk").expect("form");
    let sub = Submission {
        form: "test".into(),
        version: 3,
        region: "landelijk".into(),
        answers: json!({}),
        unmapped: Default::default(),
    };
    let (same, notes) = migrate(sub.clone(), def);
    assert_eq!(same, sub, "nothing is changed");
    assert_eq!(notes[0].severity, Severity::Error);
    assert!(notes[0].message.contains("versie 3"));
}
