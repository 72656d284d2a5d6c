//! The exclusiebesluit and the inclusiebesluit are letters of the ZVH: the letterhead, the
//! heading "Besluit" and the decision in one sentence built from the answers, for each
//! outcome (the sentences below are written out by hand from the examples); the
//! considerations, participants and signatures; and a signed letter is valid for pdfsig.

mod common;

use common::*;
use llk_pdf::sign::{P256Signer, SignOptions, Subject, sign_with};
use serde_json::{Value, json};

/// The letter's text (pdftotext, whitespace collapsed) for `form` in Gelderland, its example
/// answers changed by `change`.
fn letter(form: &str, change: impl Fn(&mut Value)) -> Option<(String, Vec<u8>)> {
    let catalog = catalog();
    let def = catalog.form(form, "gelderland").expect("def");
    assert!(llk_pdf::is_letter(def, false) && !llk_pdf::is_letter(def, true));
    let mut answers = llk_core::example::example_answers(def, today());
    change(&mut answers);
    let errors: Vec<_> = llk_core::validate::validate(def, &answers, today())
        .into_iter()
        .filter(|d| d.severity == llk_core::Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "{form}: the answers are not valid: {errors:?}"
    );
    let out =
        llk_pdf::render(def, &answers, &opts(&catalog, "gelderland", false)).expect("renders");
    let path = tmp(&format!(
        "letter-{form}-{}.pdf",
        answers["besluit"]["uitkomst"]
    ));
    std::fs::write(&path, &out.pdf).expect("write");
    have("pdftotext").then(|| (pdf_text(&path), out.pdf))
}

/// `text` holds `sentence` (a line may end in a hyphen, which pdftotext joins).
fn says(text: &str, sentence: &str) {
    let bare = |s: &str| s.replace(['-', ' '], "");
    assert!(
        text.contains(sentence) || bare(text).contains(&bare(sentence)),
        "'{sentence}' is not in the letter:\n{text}"
    );
}

const ZVH: &str = "Zorg- en Veiligheidshuis Gelderland-Midden";

#[test]
fn an_exclusiebesluit_says_exclusie_in_one_sentence() {
    let Some((text, _)) = letter("exclusiebesluit", |_| {}) else {
        return;
    };
    assert!(text.starts_with(ZVH), "{text}");
    says(&text, "Besluit");
    says(
        &text,
        &format!(
            "{ZVH} besluit dat René El Idrissi met ingang van 10 november 2026 uitstroomt uit de \
             Ketenveldnorm levensloopfunctie (exclusie). Het besluit is genomen in het overleg \
             ‘Casus Op Maat-overleg over uitstroom’ van 10 november 2026."
        ),
    );
    says(&text, "Ons kenmerk: EXCL-20261110-REI");
    for part in [
        "Overwegingen",
        "Criterium 1: minimaal 2 jaar stabiel ‘buiten’",
        "Criterium 2: beschermende factoren duurzaam geborgd",
        "Criterium 3: risico op gevaarlijk gedrag richting anderen",
        "geen incidenten, geen politiemeldingen",
        "Deelnemers aan het overleg",
        "Bram de Jong, Forensisch levensloopcoördinator",
        "Wat er nu gebeurt",
        "Wie blijft aanspreekpunt na de uitstroom?",
        "Ondertekening",
        "Wendy Hoekstra (procesregisseur ZVH), 12 november 2026",
    ] {
        says(&text, part);
    }
}

#[test]
fn an_exclusiebesluit_without_exclusie_says_when_it_comes_back() {
    let Some((text, _)) = letter("exclusiebesluit", |a| {
        a["besluit"]["uitkomst"] = json!("geen-exclusie");
        a["besluit"]["reden_geen_exclusie"] = json!("De woonplek is nog niet zeker.");
        a["besluit"]["herbeoordeling"] = json!("2027-05-10");
        a.as_object_mut().expect("answers").remove("nazorg");
    }) else {
        return;
    };
    says(
        &text,
        &format!(
            "{ZVH} besluit dat René El Idrissi in de Ketenveldnorm levensloopfunctie blijft \
             (geen exclusie). Uitstroom wordt op 10 mei 2027 opnieuw besproken."
        ),
    );
    says(&text, "De woonplek is nog niet zeker.");
    assert!(!text.contains("(exclusie)"));
    assert!(!text.contains("aanspreekpunt na de uitstroom"));
}

#[test]
fn an_inclusiebesluit_says_inclusie_with_its_date() {
    let Some((text, _)) = letter("inclusie", |_| {}) else {
        return;
    };
    says(
        &text,
        &format!(
            "{ZVH} besluit dat D.J. v.d. H. met ingang van 17 november 2026 wordt opgenomen in \
             de Ketenveldnorm levensloopfunctie (inclusie). Het besluit is genomen in het \
             overleg ‘Adviestafel Ketenveldnorm’ van 17 november 2026."
        ),
    );
    for part in [
        "Ons kenmerk: ZVH-2026-0412",
        "Inclusiecriteria",
        "Deelnemers aan het overleg",
        "Fatima Ouali, Politie",
        "Toewijzing",
        "Namens de Adviestafel, Noëlle Verbruggen (voorzitter)",
    ] {
        says(&text, part);
    }
}

#[test]
fn an_inclusiebesluit_not_included_or_held_says_so() {
    let Some((text, _)) = letter("inclusie", |a| {
        a["besluit"]["uitkomst"] = json!("niet-geincludeerd");
        a["advies"] = json!({ "tekst": "Bespreek de zorgen in het lokale zorgnetwerk." });
        for gone in ["toewijzing", "vervolg"] {
            a.as_object_mut().expect("answers").remove(gone);
        }
    }) else {
        return;
    };
    says(
        &text,
        &format!(
            "{ZVH} besluit dat D.J. v.d. H. niet wordt opgenomen in de Ketenveldnorm \
             levensloopfunctie (niet geïncludeerd); de melder krijgt een advies."
        ),
    );
    says(&text, "Bespreek de zorgen in het lokale zorgnetwerk.");

    let Some((text, _)) = letter("inclusie", |a| {
        a["besluit"]["uitkomst"] = json!("aangehouden");
        a["aanhouden"] = json!({
            "vragen": "Is er een actueel beeld van de psychiatrische problematiek?",
            "acties": [{ "wat": "Actueel psychiatrisch beeld opvragen", "wie": "De GGZ", "uiterlijk": "2026-12-08" }],
            "terugkomdatum": "2026-12-15",
        });
        for gone in ["toewijzing", "vervolg"] {
            a.as_object_mut().expect("answers").remove(gone);
        }
    }) else {
        return;
    };
    says(
        &text,
        &format!(
            "{ZVH} houdt het besluit over D.J. v.d. H. aan: er is nog geen besluit over inclusie \
             in de Ketenveldnorm levensloopfunctie. De Adviestafel komt op 15 december 2026 op \
             het besluit terug, na 1 afgesproken actie(s)."
        ),
    );
    says(&text, "Actueel psychiatrisch beeld opvragen");
}

#[test]
fn a_signed_letter_is_valid() {
    let Some((_, pdf)) = letter("exclusiebesluit", |_| {}) else {
        return;
    };
    if !have("pdfsig") {
        return;
    }
    let key = p256::ecdsa::SigningKey::from_slice(&[5; 32]).expect("key");
    let subject = Subject {
        name: "Wendy Hoekstra".into(),
        role: Some("procesregisseur".into()),
        organisation: Some(ZVH.into()),
    };
    let signer = P256Signer::self_signed(key, &subject, now(), 365).expect("certificate");
    let signed = sign_with(
        &pdf,
        &signer,
        &SignOptions {
            time: now(),
            reason: Some("Exclusiebesluit".into()),
            strokes: Vec::new(),
        },
    )
    .expect("signs");
    let path = tmp("letter-signed.pdf");
    std::fs::write(&path, &signed).expect("write");
    let out = text(&run("pdfsig", &[&path.to_string_lossy()]).stdout);
    assert!(out.contains("Signature is Valid."), "{out}");
    assert!(out.contains("Total document signed"), "{out}");
}

/// The region's ZVH and words make the letterhead; an address, when the region gives one,
/// stands under the name, and none is simply left out.
#[test]
fn the_letterhead_is_the_regions_zvh_with_its_address_when_given() {
    let catalog = catalog();
    let head = llk_pdf::letterhead(&catalog, "gelderland").expect("Gelderland has a ZVH");
    assert_eq!(head.name, ZVH);
    assert_eq!(head.aanpak, "Ketenveldnorm levensloopfunctie");
    assert_eq!(head.inclusietafel, "Adviestafel");
    assert!(llk_pdf::letterhead(&catalog, "landelijk").is_none());
    let def = catalog.form("exclusiebesluit", "gelderland").expect("def");
    let answers = llk_core::example::example_answers(def, today());
    let mut o = opts(&catalog, "gelderland", false);
    o.letterhead = Some(llk_pdf::Letterhead {
        address: vec!["Postbus 1234".into(), "6800 AB Arnhem".into()],
        ..head
    });
    let pdf = llk_pdf::render(def, &answers, &o).expect("renders").pdf;
    let path = tmp("letter-address.pdf");
    std::fs::write(&path, &pdf).expect("write");
    if have("pdftotext") {
        let text = pdf_text(&path);
        assert!(
            text.starts_with(&format!("{ZVH} Postbus 1234 6800 AB Arnhem Datum:")),
            "{text}"
        );
    }
}
