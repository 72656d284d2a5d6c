//! Every form's example in every region becomes a PDF whose text holds every answer, with
//! diacritics intact, and that qpdf finds clean; long answers paginate; the font's gaps are
//! marked and reported.

mod common;

use common::*;
use llk_core::def::{FieldKind, FormDef};
use llk_core::display::display;
use serde_json::{Value, json};

/// Every display text of `answers`, as the PDF should show it.
fn expected_texts(def: &FormDef, fields: &[usize], answers: &Value, out: &mut Vec<String>) {
    for &i in fields {
        let f = &def.fields[i];
        let Some(v) = answers.get(&f.key) else {
            continue;
        };
        match (f.kind, v) {
            (FieldKind::Group, Value::Array(items)) => {
                for item in items {
                    expected_texts(def, &f.children, item, out);
                }
            }
            (FieldKind::Group, _) => expected_texts(def, &f.children, v, out),
            (FieldKind::Signature, _) => {
                if let Some(name) = v.get("name").and_then(Value::as_str) {
                    out.push(name.to_string());
                }
            }
            (FieldKind::Info | FieldKind::Computed, _) => {}
            // A list: each option on a line of its own.
            (FieldKind::MultiChoice, Value::Array(items)) => out.extend(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|s| f.option_label(s).unwrap_or(s).to_string()),
            ),
            _ => out.extend(display(f, v)),
        }
    }
}

#[test]
fn every_example_in_every_region_renders_with_every_answer() {
    let catalog = catalog();
    let check_text = have("pdftotext");
    let check_qpdf = have("qpdf");
    let mut n = 0;
    for form in catalog.forms() {
        for region in catalog.regions() {
            let def = catalog.form(&form.form.id, &region.id).expect("def");
            let answers = llk_core::example::example_answers(def, today());
            let out = llk_pdf::render(def, &answers, &opts(&catalog, &region.id, false))
                .expect("renders");
            assert!(out.replaced.is_empty(), "{:?}", out.replaced);
            let path = tmp(&format!("{}-{}.pdf", def.id, region.id));
            std::fs::write(&path, &out.pdf).expect("write");
            // A decision is a letter that shows what decides it, not every answer
            // (tests/letter.rs).
            if check_text && !llk_pdf::is_letter(def, false) {
                let text = pdf_text(&path);
                let mut expected = vec![def.title.clone(), region.name.clone()];
                let roots: Vec<usize> = def.roots().collect();
                expected_texts(def, &roots, &answers, &mut expected);
                // pdftotext joins a line that ends in a hyphen to the next ("Zorg-" and
                // "en" read as "Zorgen"): compared without hyphens and spaces too.
                let bare = |s: &str| s.replace(['-', ' '], "");
                let text_bare = bare(&text);
                for e in expected {
                    assert!(
                        text.contains(&squash(&e)) || text_bare.contains(&bare(&e)),
                        "{}: '{e}' is not in the PDF text",
                        path.display()
                    );
                }
                assert!(text.contains("aangemaakt op 24 november 2026, 23:33"));
            }
            if check_qpdf {
                let q = run("qpdf", &["--check", &path.to_string_lossy()]);
                assert!(q.status.success(), "{}", text(&q.stdout));
                assert!(
                    text(&q.stdout).contains("No syntax or stream encoding errors"),
                    "{}",
                    text(&q.stdout)
                );
                assert!(text(&q.stderr).trim().is_empty(), "{}", text(&q.stderr));
            }
            n += 1;
        }
    }
    // Nine forms × three regions.
    assert!(n >= 27, "{n} PDFs");
}

/// Display texts of the fields the anonymised rendering must leave out, and the initials it
/// must show instead.
fn personal(
    def: &FormDef,
    fields: &[usize],
    v: &Value,
    gone: &mut Vec<String>,
    kept: &mut Vec<String>,
) {
    use llk_core::def::Anonymise;
    for &i in fields {
        let f = &def.fields[i];
        let Some(a) = v.get(&f.key) else { continue };
        if f.kind == FieldKind::Group {
            let items = a.as_array().cloned().unwrap_or_else(|| vec![a.clone()]);
            for item in &items {
                personal(def, &f.children, item, gone, kept);
            }
            continue;
        }
        let personal_kind = matches!(
            f.kind,
            FieldKind::PersonName
                | FieldKind::Bsn
                | FieldKind::Email
                | FieldKind::Phone
                | FieldKind::Postcode
        );
        match f.anonymise {
            Some(Anonymise::Initials) => {
                let name = a.as_str().unwrap_or_default();
                gone.push(name.to_string());
                kept.push(llk_core::anonymise::initials(name));
            }
            Some(Anonymise::Year) => {
                gone.extend(display(f, a));
                kept.extend(a.as_str().and_then(|s| s.get(..4)).map(str::to_string));
            }
            Some(Anonymise::Drop) => gone.extend(display(f, a)),
            None if personal_kind || f.sensitive => gone.extend(display(f, a)),
            None => {}
        }
    }
}

#[test]
fn the_anonymised_aanmelding_has_no_names_bsn_address_or_contact_data() {
    let catalog = catalog();
    let check_text = have("pdftotext");
    for region in catalog.regions() {
        let def = catalog.form("aanmelding", &region.id).expect("aanmelding");
        let answers = llk_core::example::example_answers(def, today());
        let out =
            llk_pdf::render(def, &answers, &opts(&catalog, &region.id, true)).expect("renders");
        let path = tmp(&format!("aanmelding-{}-anoniem.pdf", region.id));
        std::fs::write(&path, &out.pdf).expect("write");
        if !check_text {
            continue;
        }
        let text = pdf_text(&path);
        let (mut gone, mut kept) = (Vec::new(), Vec::new());
        personal(
            def,
            &def.roots().collect::<Vec<_>>(),
            &answers,
            &mut gone,
            &mut kept,
        );
        assert!(!gone.is_empty() && !kept.is_empty());
        // What stays (e.g. the gemeente) is shown, whatever else had the same value.
        let anon = llk_core::anonymise::anonymise(def, &answers);
        let mut shown = Vec::new();
        expected_texts(def, &def.roots().collect::<Vec<_>>(), &anon, &mut shown);
        for s in &shown {
            assert!(text.contains(&squash(s)), "{}: '{s}' is missing", region.id);
        }
        for g in gone.iter().filter(|g| g.len() > 3 && !shown.contains(g)) {
            assert!(
                !text.contains(&squash(g)),
                "{}: '{g}' is in the anonymised PDF",
                region.id
            );
        }
        for k in &kept {
            assert!(text.contains(k), "{}: '{k}' is missing", region.id);
        }
        assert!(text.contains("Geanonimiseerde weergave"));
    }
}

#[test]
fn a_20000_character_answer_paginates_and_nothing_is_cut() {
    let catalog = catalog();
    let def = catalog.form("aanmelding", "landelijk").expect("aanmelding");
    let mut answers = llk_core::example::example_answers(def, today());
    // The first free-text field of the form gets the long answer.
    let long_field = def
        .fields
        .iter()
        .find(|f| f.kind == FieldKind::Textarea && f.parent.is_none())
        .expect("a textarea");
    let words: Vec<String> = (0..3000).map(|i| format!("w{i:04}ë")).collect();
    let long = words.join(" ") + " Daniël-Überlang" + &"x".repeat(200);
    assert!(long.chars().count() > 20_000);
    answers[&long_field.key] = json!(long);
    let out = llk_pdf::render(def, &answers, &opts(&catalog, "landelijk", false)).expect("renders");
    assert!(out.pages >= 6, "{} pages", out.pages);
    let path = tmp("aanmelding-lang.pdf");
    std::fs::write(&path, &out.pdf).expect("write");
    if have("pdftotext") {
        let text = pdf_text(&path);
        // Every word, in order: nothing cut at a line or page end.
        let mut from = 0;
        for w in &words {
            let at = text[from..]
                .find(w.as_str())
                .unwrap_or_else(|| panic!("'{w}' is missing"));
            from += at + w.len();
        }
        // The 200-character word is broken over lines, not cut.
        let xs: usize = text.matches('x').count();
        assert!(xs >= 200, "{xs} x");
        let last = format!("Pagina {n} van {n}", n = out.pages);
        let raw = text_of(&path);
        assert!(raw.contains(&last), "{last}");
    }
}

fn text_of(path: &std::path::Path) -> String {
    text(
        &run(
            "pdftotext",
            &["-enc", "UTF-8", &path.to_string_lossy(), "-"],
        )
        .stdout,
    )
}

#[test]
fn characters_the_font_lacks_become_the_marker_and_are_reported() {
    let catalog = catalog();
    let def = catalog.form("aanmelding", "landelijk").expect("aanmelding");
    let mut answers = llk_core::example::example_answers(def, today());
    let field = def
        .fields
        .iter()
        .find(|f| f.kind == FieldKind::Textarea && f.parent.is_none())
        .expect("a textarea");
    let original = "Zei: „Ik wil hulp” 😀 en 你好; één ĳsje € 5.";
    answers[&field.key] = json!(original);
    let before = answers.clone();
    let out = llk_pdf::render(def, &answers, &opts(&catalog, "landelijk", false)).expect("renders");
    assert_eq!(answers, before, "the answers are never changed");
    assert_eq!(out.replaced, vec!['你', '好', '😀']);
    let path = tmp("aanmelding-emoji.pdf");
    std::fs::write(&path, &out.pdf).expect("write");
    if have("pdftotext") {
        let text = pdf_text(&path);
        assert!(
            text.contains("Zei: „Ik wil hulp” □ en □□; één ĳsje € 5."),
            "{text}"
        );
    }
}

#[test]
fn answers_of_hidden_fields_are_not_shown() {
    let catalog = catalog();
    let mut checked = 0;
    for form in catalog.forms() {
        let def = catalog.form(&form.form.id, "landelijk").expect("def");
        let mut answers = llk_core::example::example_answers(def, today());
        // A top-level text field the example leaves out because its condition is false.
        let Some(hidden) = def.fields.iter().find(|f| {
            f.parent.is_none()
                && f.visible_if.is_some()
                && matches!(f.kind, FieldKind::Text | FieldKind::Textarea)
                && answers.get(&f.key).is_none()
        }) else {
            continue;
        };
        answers[&hidden.key] = json!("Verborgen antwoord dat niet op papier hoort");
        let out =
            llk_pdf::render(def, &answers, &opts(&catalog, "landelijk", false)).expect("renders");
        let path = tmp(&format!("{}-verborgen.pdf", def.id));
        std::fs::write(&path, &out.pdf).expect("write");
        if have("pdftotext") {
            assert!(
                !pdf_text(&path).contains("Verborgen antwoord"),
                "{}",
                def.id
            );
        }
        checked += 1;
    }
    assert!(checked > 0, "no form has a hidden text field to check");
}
