//! Definitions are checked when loaded: each mistake an error naming file, line and what.

mod common;

use common::{catalog, errors};

const HEADER: &str = "[form]\nid = \"test\"\nversion = 1\ntitle = \"Test\"\n\n[[pages]]\nid = \"p1\"\ntitle = \"Pagina\"\n";

fn form(fields: &str) -> String {
    format!("{HEADER}\n{fields}")
}

fn assert_error(src: &str, line: usize, needle: &str) {
    let errs = errors(src);
    assert!(
        errs.iter()
            .any(|e| e.starts_with(&format!("test.toml:{line}: ")) && e.contains(needle)),
        "expected an error at line {line} containing {needle:?}, got {errs:#?}"
    );
}

const PERSON: &str = r#"[[pages.fields]]
id = "betrokkene"
type = "group"
label = "Betrokkene"

[[pages.fields]]
id = "betrokkene.geboortedatum"
type = "date"
label = "Geboortedatum"
max = "today"

[[pages.fields]]
id = "betrokkene.geinformeerd"
type = "yes_no_unknown"
label = "Is de persoon geïnformeerd?"
"#;

#[test]
fn a_sound_definition_loads_for_every_region() {
    let c = catalog(&form(PERSON)).expect("loads");
    assert!(c.form("test", "landelijk").is_some());
    assert!(c.form("test", "gelderland").is_some());
    assert_eq!(
        c.region("gelderland").map(|r| r.draft_retention_days),
        Some(30)
    );
    assert_eq!(
        c.region("landelijk").map(|r| r.draft_retention_days),
        Some(14)
    );
    // Gelderland inherits the national partners and keeps its own beds.
    assert_eq!(c.region("gelderland").map(|r| r.partners.len()), Some(1));
}

#[test]
fn toml_syntax_errors_name_the_line() {
    assert_error(
        &form("[[pages.fields]]\nid = \"x\"\ntype = \"text\nlabel = \"X\"\n"),
        12,
        "invalid basic string",
    );
}

#[test]
fn unknown_keys_and_types_are_rejected() {
    assert_error(
        &form("[[pages.fields]]\nid = \"x\"\ntype = \"tekst\"\nlabel = \"X\"\n"),
        12,
        "unknown variant `tekst`",
    );
    assert_error(
        &form("[[pages.fields]]\nid = \"x\"\ntype = \"text\"\nlable = \"X\"\n"),
        13,
        "unknown field `lable`",
    );
}

#[test]
fn duplicate_field_ids_point_at_the_second() {
    let src = form(
        "[[pages.fields]]\nid = \"x\"\ntype = \"text\"\nlabel = \"X\"\n\n[[pages.fields]]\nid = \"x\"\ntype = \"text\"\nlabel = \"Y\"\n",
    );
    assert_error(&src, 16, "field id 'x' is used twice");
}

#[test]
fn unknown_field_in_a_condition() {
    let src = form(&format!(
        "{PERSON}visible_if = \"betrokkene.geboortedatm == null\"\n"
    ));
    assert_error(&src, 25, "unknown field 'betrokkene.geboortedatm'");
}

#[test]
fn type_mismatch_in_a_condition() {
    let src = form(&format!(
        "{PERSON}\n[[pages.fields]]\nid = \"betrokkene.grond\"\ntype = \"text\"\nlabel = \"Grond\"\nrequired_if = \"betrokkene.geboortedatum == 3\"\n"
    ));
    assert_error(
        &src,
        30,
        "cannot combine 'betrokkene.geboortedatum' (date) with 3 (number)",
    );
}

#[test]
fn a_misspelt_option_is_caught() {
    let src = form(&format!(
        "{PERSON}\n[[pages.fields]]\nid = \"betrokkene.grond\"\ntype = \"text\"\nlabel = \"Grond\"\nvisible_if = \"betrokkene.geinformeerd == 'nnee'\"\n"
    ));
    assert_error(
        &src,
        30,
        "\"nnee\" is not an option of 'betrokkene.geinformeerd'",
    );
}

#[test]
fn a_rule_naming_a_missing_field() {
    let src = form(&format!(
        "{PERSON}\n[[rules]]\nid = \"leeftijd\"\npath = \"betrokkene.leeftijd\"\nassert = \"age(betrokkene.geboortedatum) >= 18\"\nseverity = \"warning\"\nmessage = \"Jonger dan 18.\"\n"
    ));
    assert_error(
        &src,
        28,
        "rule 'leeftijd' names field 'betrokkene.leeftijd', which does not exist",
    );
}

#[test]
fn rule_messages_are_sentences() {
    let src = form(&format!(
        "{PERSON}\n[[rules]]\nid = \"leeftijd\"\npath = \"betrokkene.geboortedatum\"\nassert = \"age(betrokkene.geboortedatum) >= 18\"\nmessage = \"jonger dan 18\"\n"
    ));
    assert_error(&src, 30, "ending with a full stop");
}

#[test]
fn parents_must_be_declared_groups() {
    assert_error(
        &form("[[pages.fields]]\nid = \"a.b\"\ntype = \"text\"\nlabel = \"B\"\n"),
        11,
        "parent group 'a' of 'a.b' is not declared before it",
    );
}

#[test]
fn unknown_terms_and_lists_are_caught() {
    assert_error(
        &form("[[pages.fields]]\nid = \"x\"\ntype = \"text\"\nlabel = \"Datum {adviestafel}\"\n"),
        13,
        "unknown term '{adviestafel}'",
    );
    // Gelderland has secured beds, landelijk none: the form must work in every region.
    let src = form(
        "[[pages.fields]]\nid = \"bed\"\ntype = \"choice\"\nlabel = \"Bed\"\noptions_from = \"secured_beds\"\n",
    );
    assert_error(&src, 14, "region 'landelijk' has no secured_beds list");
}

#[test]
fn examples_must_be_valid_values() {
    let src = form(&format!("{PERSON}example = \"misschien\"\n"));
    assert_error(&src, 25, "Kies ja, nee of onbekend.");
}

#[test]
fn expression_syntax_errors_say_where() {
    let src = form(&format!(
        "{PERSON}visible_if = \"betrokkene.geboortedatum = null\"\n"
    ));
    assert_error(&src, 25, "use '==' to compare (at character 26)");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let src = form(
        "[[pages.fields]]\nid = \"x\"\ntype = \"choice\"\nlabel = \"X\"\n\n[[pages.fields]]\nid = \"Y\"\ntype = \"text\"\nlabel = \"Y\"\n",
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 2, "{errs:#?}");
}

#[test]
fn anonymise_must_fit_the_field_type() {
    let src = form(
        "[[pages.fields]]\nid = \"toelichting\"\ntype = \"textarea\"\nlabel = \"Toelichting\"\nanonymise = \"year\"\n",
    );
    let errs = errors(&src);
    assert!(
        errs.iter().any(
            |e| e.starts_with("test.toml:") && e.contains("does not apply to a Textarea field")
        ),
        "got {errs:#?}"
    );
    // A birth year held as a number is a year already: allowed, and kept when anonymised.
    let ok = form(
        "[[pages.fields]]\nid = \"geboortejaar\"\ntype = \"number\"\nlabel = \"Geboortejaar\"\ninteger = true\nanonymise = \"year\"\n",
    );
    let c = catalog(&ok).expect("loads");
    let def = c.form("test", "landelijk").expect("form");
    let out = llk_core::anonymise::anonymise(def, &serde_json::json!({"geboortejaar": 1984}));
    assert_eq!(out, serde_json::json!({"geboortejaar": 1984}));
}

/// Two regions with different partner lists, and a choice from that list.
fn regional_catalog(example: &str) -> Result<llk_core::Catalog, Vec<llk_core::def::DefError>> {
    use llk_core::catalog::Source;
    use llk_core::def::{parse_form_toml, parse_region_toml};
    let form = form(&format!(
        "[[pages.fields]]\nid = \"aanbieder\"\ntype = \"choice\"\nlabel = \"Aanbieder\"\noptions_from = \"partners\"\nexample = \"{example}\"\n"
    ));
    let regions = [
        (
            "landelijk",
            "[[partners]]\nid = \"politie\"\nname = \"Politie\"\n",
        ),
        (
            "gelderland",
            "[[partners]]\nid = \"pro-persona\"\nname = \"Pro Persona\"\n",
        ),
    ];
    let regions = regions
        .iter()
        .map(|(id, list)| {
            let file = format!("regions/{id}.toml");
            let text = format!(
                "[region]\nid = \"{id}\"\nname = \"{id}\"\n\n[terms]\nzvh = \"ZVH\"\n\n{list}"
            );
            Source {
                raw: parse_region_toml(&file, &text).expect("region parses"),
                file,
                text: Some(text),
            }
        })
        .collect();
    let raw = parse_form_toml("test.toml", &form).map_err(|e| vec![e])?;
    llk_core::Catalog::build(
        vec![Source {
            file: "test.toml".into(),
            text: Some(form),
            raw,
        }],
        regions,
    )
}

#[test]
fn an_example_may_name_another_regions_entry_but_not_one_no_region_has() {
    // `pro-persona` is Gelderland's: fine, `llk example` swaps it for a landelijk entry.
    let c = regional_catalog("pro-persona").expect("loads");
    let today = llk_core::Date::new(2026, 11, 24).expect("date");
    for (region, want) in [("gelderland", "pro-persona"), ("landelijk", "politie")] {
        let def = c.form("test", region).expect("form");
        let answers = llk_core::example::example_answers(def, today);
        assert_eq!(answers["aanbieder"], want, "{region}");
        assert!(llk_core::validate::validate(def, &answers, today).is_empty());
    }
    // A typo is in no region's list: an error at the line of the `example` key.
    let errs = regional_catalog("pro-persone").expect_err("refused");
    let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|e| e.starts_with("test.toml:15: ")
            && e.contains("'pro-persone'")
            && e.contains("no region's list")),
        "got {text:#?}"
    );
}

/// Landelijk with a ZVH list and a case retention, and Gelderland with `header` added to its
/// `[region]` table.
fn region_settings_catalog(
    header: &str,
) -> Result<llk_core::Catalog, Vec<llk_core::def::DefError>> {
    use llk_core::catalog::Source;
    use llk_core::def::{parse_form_toml, parse_region_toml};
    let landelijk = "[region]\nid = \"landelijk\"\nname = \"Landelijk\"\ncase_retention_days = 1826\n\n[terms]\nzvh = \"ZVH\"\n\n[[zvhs]]\nid = \"zvh-gelderland-midden\"\nname = \"ZVH Gelderland-Midden\"\n".to_string();
    let gelderland = format!("[region]\nid = \"gelderland\"\nname = \"Gelderland\"\n{header}\n");
    let regions = [("landelijk", landelijk), ("gelderland", gelderland)]
        .into_iter()
        .map(|(id, text)| {
            let file = format!("regions/{id}.toml");
            Source {
                raw: parse_region_toml(&file, &text).expect("region parses"),
                file,
                text: Some(text),
            }
        })
        .collect();
    let src = form(PERSON);
    let raw = parse_form_toml("test.toml", &src).map_err(|e| vec![e])?;
    llk_core::Catalog::build(
        vec![Source {
            file: "test.toml".into(),
            text: Some(src),
            raw,
        }],
        regions,
    )
}

#[test]
fn case_retention_is_inherited_and_zvh_is_the_regions_own() {
    let c = region_settings_catalog("zvh = \"zvh-gelderland-midden\"").expect("loads");
    let region = |id: &str| c.region(id).expect("region");
    assert_eq!(region("landelijk").case_retention_days, 1826);
    assert_eq!(region("gelderland").case_retention_days, 1826);
    assert_eq!(
        region("gelderland").zvh.as_deref(),
        Some("zvh-gelderland-midden")
    );
    assert_eq!(region("landelijk").zvh, None);

    let c = region_settings_catalog("case_retention_days = 730").expect("loads");
    assert_eq!(
        c.region("gelderland").map(|r| r.case_retention_days),
        Some(730)
    );
    // Not inherited: a region without its own `zvh` has none.
    assert_eq!(c.region("gelderland").and_then(|r| r.zvh.clone()), None);
    // The settings travel in the browser's bundle.
    let json = serde_json::to_string(&c.browser_bundle()).expect("bundle");
    let back = llk_core::Catalog::from_bundle_json(&json).expect("bundle loads");
    assert_eq!(
        back.region("gelderland").map(|r| r.case_retention_days),
        Some(730)
    );
}

#[test]
fn a_regions_zvh_must_be_in_the_zvhs_list() {
    let errs = region_settings_catalog("draft_retention_days = 7\nzvh = \"zvh-gelderland\"")
        .expect_err("refused");
    let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|e| e.starts_with("regions/gelderland.toml:5: ")
                && e.contains("zvh 'zvh-gelderland'")
                && e.contains("zvhs list")),
        "got {text:#?}"
    );
    let errs = region_settings_catalog("case_retention_days = 0").expect_err("refused");
    let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|e| e.starts_with("regions/gelderland.toml:4: ")
                && e.contains("case_retention_days must be at least 1")),
        "got {text:#?}"
    );
}

#[test]
fn a_field_is_read_when_an_expression_reads_it_or_a_group_around_it() {
    let src = form(&format!(
        "{PERSON}\n[[pages.fields]]\nid = \"toelichting\"\ntype = \"text\"\nlabel = \"Toelichting\"\n\
         required_if = \"betrokkene.geinformeerd == 'nee'\"\n\
         \n[[pages.fields]]\nid = \"opmerking\"\ntype = \"text\"\nlabel = \"Opmerking\"\n"
    ));
    let c = catalog(&src).expect("loads");
    let def = c.form("test", "landelijk").expect("the form");
    let read = def.read_by_expressions();
    let is_read = |p: &str| read[def.field_index(p).expect(p)];
    assert!(is_read("betrokkene.geinformeerd"), "required_if reads it");
    assert!(!is_read("betrokkene.geboortedatum"));
    assert!(
        !is_read("toelichting"),
        "it has a condition, but nothing reads it"
    );
    assert!(!is_read("opmerking"));

    let counted = form(&format!(
        "{PERSON}\n[[pages.fields]]\nid = \"aantal\"\ntype = \"computed\"\nlabel = \"Aantal\"\nvalue = \"count(betrokkene)\"\n"
    ));
    let c = catalog(&counted).expect("loads");
    let def = c.form("test", "landelijk").expect("the form");
    let read = def.read_by_expressions();
    let i = def
        .field_index("betrokkene.geboortedatum")
        .expect("the field");
    assert!(read[i], "its group is read");
}
