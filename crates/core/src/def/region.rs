//! Regions: what differs between the 31 ZVHs is configuration, not code. Every region
//! inherits from `landelijk` (the national defaults) and overrides what it names.

use super::raw::{Entry, Override, RawRegion};
use std::collections::BTreeMap;

/// The id of the region every other region inherits from.
pub const NATIONAL: &str = "landelijk";
/// Draft retention when no region says otherwise.
pub const DEFAULT_RETENTION_DAYS: u32 = 14;
/// Closed-case retention when no region, not even `landelijk`, says otherwise: the figure
/// `forms/regions/landelijk.toml` gives (five years; its comment says what that rests on).
pub const DEFAULT_CASE_RETENTION_DAYS: u32 = 1826;
/// The age in months beyond which a risicotaxatie is flagged as too old for the uitstroom,
/// when no region says otherwise: one year (the exclusiebesluit warns at six months before
/// the meeting; a case older than a year has no current picture of the risk at all).
pub const DEFAULT_RISICOTAXATIE_MAX_MONTHS: u32 = 12;
/// Kengetallen counts under this are suppressed when no region says otherwise: the usual
/// small-cell threshold of statistical disclosure control (CBS uses cells under 5 too).
pub const DEFAULT_KENGETALLEN_THRESHOLD: u32 = 5;

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub draft_retention_days: u32,
    /// Days a closed case (after uitstroom) is kept before it is purged.
    pub case_retention_days: u32,
    /// The id of the ZVH (an entry of `zvhs`) that uses this configuration; the case
    /// prefills it. `None` for `landelijk`, and never inherited from it.
    pub zvh: Option<String>,
    /// Months after which the latest risicotaxatie is flagged as too old (uitstroom,
    /// criterion 3).
    pub risicotaxatie_max_months: u32,
    /// Kengetallen counts under this number are suppressed.
    pub kengetallen_threshold: u32,
    pub terms: BTreeMap<String, String>,
    pub zvhs: Vec<Entry>,
    pub partners: Vec<Entry>,
    pub secured_beds: Vec<Entry>,
    pub meetings: Vec<Entry>,
    pub roles: Vec<Entry>,
    pub overrides: Vec<Override>,
}

/// The regional lists a field can take its options from.
pub const LISTS: [&str; 5] = ["partners", "zvhs", "secured_beds", "roles", "meetings"];

impl Region {
    /// Merges a region over the national defaults (`base`); `base` itself resolves with `None`.
    pub fn resolve(raw: &RawRegion, base: Option<&RawRegion>) -> Region {
        let pick = |own: &Vec<Entry>, theirs: Option<&Vec<Entry>>| {
            if own.is_empty() {
                theirs.cloned().unwrap_or_default()
            } else {
                own.clone()
            }
        };
        let mut terms = base.map(|b| b.terms.clone()).unwrap_or_default();
        terms.extend(raw.terms.clone());
        Region {
            id: raw.region.id.clone(),
            name: raw.region.name.clone(),
            draft_retention_days: raw
                .region
                .draft_retention_days
                .or(base.and_then(|b| b.region.draft_retention_days))
                .unwrap_or(DEFAULT_RETENTION_DAYS),
            case_retention_days: raw
                .region
                .case_retention_days
                .or(base.and_then(|b| b.region.case_retention_days))
                .unwrap_or(DEFAULT_CASE_RETENTION_DAYS),
            zvh: raw.region.zvh.clone(),
            risicotaxatie_max_months: raw
                .region
                .risicotaxatie_max_months
                .or(base.and_then(|b| b.region.risicotaxatie_max_months))
                .unwrap_or(DEFAULT_RISICOTAXATIE_MAX_MONTHS),
            kengetallen_threshold: raw
                .region
                .kengetallen_threshold
                .or(base.and_then(|b| b.region.kengetallen_threshold))
                .unwrap_or(DEFAULT_KENGETALLEN_THRESHOLD),
            terms,
            zvhs: pick(&raw.zvhs, base.map(|b| &b.zvhs)),
            partners: pick(&raw.partners, base.map(|b| &b.partners)),
            secured_beds: pick(&raw.secured_beds, base.map(|b| &b.secured_beds)),
            meetings: pick(&raw.meetings, base.map(|b| &b.meetings)),
            roles: pick(&raw.roles, base.map(|b| &b.roles)),
            overrides: raw.overrides.clone(),
        }
    }

    pub fn list(&self, name: &str) -> Option<&[Entry]> {
        Some(match name {
            "partners" => &self.partners,
            "zvhs" => &self.zvhs,
            "secured_beds" => &self.secured_beds,
            "roles" => &self.roles,
            "meetings" => &self.meetings,
            _ => return None,
        })
    }

    /// Fills `{term}` placeholders. An unknown term is an error for the form author.
    pub fn fill_terms(&self, text: &str) -> Result<String, String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                return Err(format!("'{{' without '}}' in \"{text}\""));
            };
            let name = &after[..close];
            // `{=path}` is an answer, filled in when a rule's message is given
            // (validate.rs), not a term.
            if name.starts_with('=') {
                out.push_str(&rest[open..open + close + 2]);
                rest = &after[close + 1..];
                continue;
            }
            match self.terms.get(name) {
                Some(value) => out.push_str(value),
                None => {
                    return Err(format!(
                        "unknown term '{{{name}}}' (region '{}' has: {})",
                        self.id,
                        self.terms.keys().cloned().collect::<Vec<_>>().join(", ")
                    ));
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// The answer paths a rule's message names as `{=path}` (filled in by the validator;
/// [`Region::fill_terms`] leaves them).
pub fn message_answers(message: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some(open) = rest.find("{=") {
        let after = &rest[open + 2..];
        let Some(close) = after.find('}') else { break };
        out.push(after[..close].trim());
        rest = &after[close + 1..];
    }
    out
}

/// The label an entry shows as an option (`GGNet (6 bedden)`).
pub fn entry_label(e: &Entry) -> String {
    match e.beds {
        Some(1) => format!("{} (1 bed)", e.name),
        Some(n) => format!("{} ({n} bedden)", e.name),
        None => e.name.clone(),
    }
}
