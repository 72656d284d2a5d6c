//! Who a case is about, read from its documents, and the check that a new document is about
//! the same person. The inclusietafel sees the person anonymised (initials, birth year), so
//! for that form only the birth year can be compared.

use super::Case;
use super::dates::{date_at, text_at};
use crate::{Date, Submission};
use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// The full name (`voornamen achternaam` from the aanmelding).
    pub name: Option<String>,
    /// The achternaam alone when a form asked for it separately.
    pub surname: Option<String>,
    pub birth_date: Option<Date>,
    pub birth_year: Option<i64>,
    pub bsn: Option<String>,
    pub gemeente: Option<String>,
}

fn text(v: &Value, path: &str) -> Option<String> {
    text_at(v, path).map(str::to_string)
}

/// The person a submission names, at the paths of its form.
pub fn of_submission(sub: &Submission) -> Person {
    let a = &sub.answers;
    match sub.form.as_str() {
        "aanmelding" => {
            let surname = text(a, "betrokkene.achternaam");
            let first = text(a, "betrokkene.voornamen").or_else(|| text(a, "betrokkene.roepnaam"));
            let name = match (&first, &surname) {
                (Some(f), Some(s)) => Some(format!("{f} {s}")),
                (None, Some(s)) => Some(s.clone()),
                _ => None,
            };
            Person {
                name,
                surname,
                birth_date: date_at(a, "betrokkene.geboortedatum"),
                birth_year: None,
                bsn: text(a, "betrokkene.bsn"),
                gemeente: text(a, "betrokkene.gemeente"),
            }
        }
        "inclusie" => Person {
            birth_year: a.pointer("/persoon/geboortejaar").and_then(Value::as_i64),
            gemeente: text(a, "persoon.gemeente"),
            ..Person::default()
        },
        "toestemming" => Person {
            name: text(a, "client.naam"),
            birth_date: date_at(a, "client.geboortedatum"),
            ..Person::default()
        },
        _ => Person {
            name: text(a, "persoon.naam"),
            birth_date: date_at(a, "persoon.geboortedatum"),
            bsn: text(a, "persoon.bsn"),
            gemeente: text(a, "persoon.gemeente"),
            ..Person::default()
        },
    }
}

/// The case's person: each attribute from the first document (in meeting order) that has it.
pub fn of_case(case: &Case) -> Person {
    let mut p = Person::default();
    for doc in case.documents_in_order() {
        let q = of_submission(&doc.submission);
        p.name = p.name.or(q.name);
        p.surname = p.surname.or(q.surname);
        p.birth_date = p.birth_date.or(q.birth_date);
        p.birth_year = p.birth_year.or(q.birth_year);
        p.bsn = p.bsn.or(q.bsn);
        p.gemeente = p.gemeente.or(q.gemeente);
    }
    if p.birth_year.is_none() {
        p.birth_year = p.birth_date.map(|d| i64::from(d.year()));
    }
    p
}

/// The last word of a name, lower-cased, for comparing surnames ("de Vries" ~ "Jan de Vries").
fn last_word(name: &str) -> Option<String> {
    name.split_whitespace().last().map(crate::text::lowercase)
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Why `new` is not the person of the case, in Dutch; `None` when nothing contradicts it.
/// Only what both name is compared: a form without a date of birth is not refused for that.
pub fn mismatch(case: &Person, new: &Person) -> Option<String> {
    let who = case.name.as_deref().unwrap_or("de persoon");
    if let (Some(a), Some(b)) = (case.birth_date, new.birth_date)
        && a != b
    {
        return Some(format!(
            "Dit formulier gaat over iemand anders: de geboortedatum {} is niet die van {who} in dit dossier ({}).",
            b.to_dutch(),
            a.to_dutch()
        ));
    }
    if let (Some(a), Some(b)) = (&case.bsn, &new.bsn)
        && digits(a) != digits(b)
    {
        return Some(format!(
            "Dit formulier gaat over iemand anders: het BSN is niet dat van {who} in dit dossier."
        ));
    }
    let case_year = case
        .birth_year
        .or(case.birth_date.map(|d| i64::from(d.year())));
    let new_year = new
        .birth_year
        .or(new.birth_date.map(|d| i64::from(d.year())));
    if let (Some(a), Some(b)) = (case_year, new_year)
        && a != b
    {
        return Some(format!(
            "Dit formulier gaat over iemand anders: geboortejaar {b}, en {who} in dit dossier is geboren in {a}."
        ));
    }
    let case_surname = case
        .surname
        .as_deref()
        .or(case.name.as_deref())
        .and_then(last_word);
    let new_surname = new
        .surname
        .as_deref()
        .or(new.name.as_deref())
        .and_then(last_word);
    if let (Some(a), Some(b)) = (case_surname, new_surname)
        && a != b
    {
        let other = new.name.as_deref().unwrap_or("");
        return Some(format!(
            "Dit formulier gaat over iemand anders: ‘{other}’ is niet {who} van dit dossier."
        ));
    }
    None
}
