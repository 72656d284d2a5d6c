//! The date each document records: the day of the meeting or signature it is about, which
//! orders the case, not the day it was filed (a form filed a week late takes its place).

use super::Document;
use crate::Date;
use serde_json::Value;

/// A date answer at a dotted path (`plan.datum`).
pub fn date_at(v: &Value, path: &str) -> Option<Date> {
    let mut cur = v;
    for seg in path.split('.') {
        cur = cur.get(seg)?;
    }
    cur.as_str().and_then(Date::parse_iso)
}

/// A text answer at a path (`taxatie.uitkomst`, `partners[0].naam`), trimmed; `None` when
/// it is missing or blank. The one reader of text answers in the case.
pub fn text_at<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    crate::path::DataPath::parse(path)?
        .get(v)?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The answer paths that date a document of each form, first found wins.
pub fn date_paths(form: &str) -> &'static [&'static str] {
    match form {
        "aanmelding" => &["meldingsdatum"],
        "triage" => &["weegteam.datum"],
        "inclusie" | "herhaald-agenderen" | "exclusiebesluit" => &["overleg.datum"],
        "toestemming" => &["ondertekening.datum", "geldigheid.van", "intrekking.per"],
        "levensloopplan" => &["plan.datum"],
        "overdracht" => &[
            "warm.gesprek_datum",
            "ondertekening.verzendend.datum",
            "overdracht.verhuisdatum",
        ],
        _ => &[],
    }
}

/// The date a document records; the day it was filed when its form has none.
pub fn document_date(doc: &Document) -> Option<Date> {
    date_paths(&doc.submission.form)
        .iter()
        .find_map(|p| date_at(&doc.submission.answers, p))
        .or_else(|| Date::parse_iso(&doc.filed_on))
}
