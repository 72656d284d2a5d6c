//! The kengetallen as CSV (for Dutch Excel: `;`-separated, UTF-8 with a byte-order mark,
//! CRLF, fields quoted when they must be) and as JSON. Both are written from the labels
//! and cells alone; a suppressed cell is its sign ("< 5", "×"), never its number.

use super::{Cell, Kengetallen, Row};
use serde_json::{Value, json};

/// Column headers of the CSV.
pub const CSV_HEADER: [&str; 6] = [
    "Regio",
    "Van",
    "Tot en met",
    "Onderdeel",
    "Kengetal",
    "Waarde",
];

/// One CSV field: quoted when it holds the separator, a quote or a line break (quotes
/// doubled), and with a leading `'` when Excel would read it as a formula (`=`, `+`, `-`,
/// `@`): labels come from definitions and region files, which a portal may edit.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn cell_json(r: &Row, threshold: u32) -> Value {
    let mut v = json!({ "id": r.id, "label": r.label, "shown": r.cell.shown(threshold) });
    let (value, why) = match r.cell {
        Cell::Count(n) | Cell::Percent(n) => (json!(n), None),
        Cell::Days(d) => (json!(d), None),
        Cell::Suppressed => (Value::Null, Some("threshold")),
        Cell::Hidden => (Value::Null, Some("complementary")),
        Cell::Withheld => (Value::Null, Some("withheld")),
    };
    v["value"] = value;
    if let Some(why) = why {
        v["suppressed"] = json!(why);
    }
    v
}

impl Kengetallen {
    /// The CSV text, with its byte-order mark: one line per total, row and measure.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let mut line = |fields: &[&str]| {
            let joined: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&joined.join(";"));
            out.push_str("\r\n");
        };
        line(&CSV_HEADER);
        let (from, to) = (self.from.to_string(), self.to.to_string());
        for s in &self.sections {
            for r in s.total.iter().chain(&s.rows).chain(&s.measures) {
                let shown = r.cell.shown(self.threshold);
                line(&[&self.region_name, &from, &to, &s.title, &r.label, &shown]);
            }
        }
        out
    }

    /// The JSON object: a suppressed cell has `value: null`, its sign in `shown` and why in
    /// `suppressed` (`threshold`, `complementary`, `withheld`).
    pub fn to_json(&self) -> Value {
        let t = self.threshold;
        json!({
            "region": self.region,
            "region_name": self.region_name,
            "from": self.from.to_string(),
            "to": self.to.to_string(),
            "period": self.period(),
            "threshold": t,
            "sections": self.sections.iter().map(|s| json!({
                "id": s.id,
                "title": s.title,
                "partition": s.partition,
                "total": s.total.as_ref().map(|r| cell_json(r, t)),
                "rows": s.rows.iter().map(|r| cell_json(r, t)).collect::<Vec<_>>(),
                "measures": s.measures.iter().map(|r| cell_json(r, t)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_defused() {
        assert_eq!(csv_field("Meldingen"), "Meldingen");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("zei \"ja\""), "\"zei \"\"ja\"\"\"");
        assert_eq!(csv_field("twee\nregels"), "\"twee\nregels\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("< 5"), "< 5");
    }
}
