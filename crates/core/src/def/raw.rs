//! The definition files as written: what serde reads from TOML (or from the JSON bundle the
//! browser gets). Nothing here is trusted yet; `resolve` checks it into a [`super::FormDef`].

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForm {
    pub form: RawHeader,
    #[serde(default)]
    pub pages: Vec<RawPage>,
    #[serde(default)]
    pub rules: Vec<RawRule>,
    #[serde(default)]
    pub migrations: Vec<RawMigration>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    pub id: String,
    pub version: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    #[serde(default)]
    pub fields: Vec<RawField>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Textarea,
    Number,
    Date,
    Choice,
    MultiChoice,
    YesNo,
    YesNoUnknown,
    Email,
    Phone,
    Postcode,
    Bsn,
    PersonName,
    Organisation,
    Group,
    Signature,
    Info,
    Computed,
}

impl FieldKind {
    /// Whether the field holds an answer of its own (not info, computed or a group).
    pub fn is_input(self) -> bool {
        !matches!(
            self,
            FieldKind::Info | FieldKind::Computed | FieldKind::Group
        )
    }
    pub fn has_options(self) -> bool {
        matches!(
            self,
            FieldKind::Choice | FieldKind::MultiChoice | FieldKind::Organisation
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anonymise {
    /// Left out of the anonymised rendering.
    Drop,
    /// A name becomes its initials.
    Initials,
    /// A date becomes its year.
    Year,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RawOption {
    Plain(String),
    Full { value: String, label: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Bound {
    Num(f64),
    /// A date bound: `YYYY-MM-DD` or `today`.
    Text(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    #[serde(default)]
    pub min: u32,
    pub max: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_label: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_if: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<RawOption>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options_from: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_other: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Bound>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Bound>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub integer: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signers: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymise: Option<Anonymise>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sensitive: bool,
    /// Filled by the case (its facts, with their sources), shown but not typed: the form
    /// shows the answer as text, and the case refuses a submission that changed it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub readonly: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    pub assert: String,
    #[serde(default)]
    pub severity: crate::Severity,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMigration {
    pub from: u32,
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    #[serde(default)]
    pub drop: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub region: RegionHeader,
    #[serde(default)]
    pub terms: BTreeMap<String, String>,
    #[serde(default)]
    pub zvhs: Vec<Entry>,
    #[serde(default)]
    pub partners: Vec<Entry>,
    #[serde(default)]
    pub secured_beds: Vec<Entry>,
    #[serde(default)]
    pub meetings: Vec<Entry>,
    #[serde(default)]
    pub roles: Vec<Entry>,
    #[serde(default)]
    pub overrides: Vec<Override>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionHeader {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_retention_days: Option<u32>,
    /// Days a closed case (after uitstroom) is kept before it is purged; inherited from
    /// `landelijk` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_retention_days: Option<u32>,
    /// The id (in the `zvhs` list) of the ZVH that uses this region's configuration; never
    /// inherited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zvh: Option<String>,
    /// Months after which the latest risicotaxatie counts as too old for the uitstroom
    /// (criterion 3); inherited from `landelijk` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risicotaxatie_max_months: Option<u32>,
    /// Counts under this number are suppressed in the kengetallen (a small count can point
    /// to a person); inherited from `landelijk` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kengetallen_threshold: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beds: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A postal address, one line per element (a ZVH's, for the letterhead of its
    /// decisions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub form: String,
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}
