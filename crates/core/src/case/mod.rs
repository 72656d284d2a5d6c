//! The case: one person's dossier from the melding to the uitstroom. It holds every
//! submission of every form (the envelopes unchanged, in [`Document`]s with their signature
//! status) and the [`Event`]s that happen between the meetings, validated by the
//! `gebeurtenis` definition. Everything else is computed from it and never typed again:
//! the [`phase`], the [`deadlines`], the [`prefill`] of the next form, the plan [`history`],
//! the [`timeline`] and the caseload's [`summary`].
//!
//! Like the rest of the crate it never reads the clock: `today` is a parameter. A case is
//! plain JSON (`Case` serialises as the file `llk case` writes and `<llk-casus>` takes), so
//! hosts can store it in their own registration system.

pub mod dates;
pub mod deadlines;
pub mod exit;
pub mod exit_prefill;
pub mod history;
pub mod kengetallen;
pub mod package_parts;
pub mod person;
pub mod phase;
pub mod prefill;
pub mod receive;
pub mod summary;
#[cfg(test)]
mod test_support;
pub mod timeline;

pub use deadlines::{CaseDeadline, CaseDeadlineKind, case_deadlines};
pub use exit::{ExitReadiness, exit_readiness, exit_readiness_in};
pub use phase::{Phase, phase};
pub use prefill::prefill;
pub use receive::Receipt;
pub use summary::{CaseSummary, summary, summary_in};
pub use timeline::{TimelineItem, TimelineKind, timeline};

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, has_errors};
use crate::submission::{self, Submission};
use crate::{Date, validate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The case file format this kit writes. A file with a higher number was written by a newer
/// kit and is refused (not misread); lower numbers are migrated on load.
pub const CASE_FORMAT: u32 = 1;
/// The definition events are validated by.
pub const EVENT_FORM: &str = "gebeurtenis";
/// Bounds a case is refused beyond (a hostile or corrupt file must not exhaust memory or
/// time): far above a real case's few hundred entries over years.
pub const MAX_ENTRIES: usize = 5_000;

/// One person's dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub format: u32,
    /// An opaque id (the store's, or the host's own registration number).
    pub id: String,
    /// The region whose definitions every document and event is made with.
    pub region: String,
    /// ISO date the case was opened.
    pub created_on: String,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub events: Vec<Event>,
    /// Set when the case came in as an overdracht package (`receive.rs`): the receiving
    /// ZVH carries it on after the joint period instead of seeing it closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Receipt>,
}

/// One submission filed into the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Order of filing, unique over documents and events.
    pub seq: u32,
    /// ISO date it was filed (not the date of the meeting it records: see [`dates`]).
    pub filed_on: String,
    pub submission: Submission,
    /// What the case proposed at each prefilled path where the user answered otherwise:
    /// both are kept, the answer in the submission, the proposal here.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub prefill: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Signature>,
}

/// A cryptographic signature on the document's PDF, as it was when the case recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    pub signer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// ISO date and time of signing, as the signature says.
    pub signed_at: String,
    pub status: SignatureStatus,
    /// The signed PDF, base64, when the case carries it (the overdracht package does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignatureStatus {
    /// The signature matched the document when it was checked.
    Intact,
    /// The document changed after signing.
    Broken,
    /// Signed, not (yet) checked.
    Unverified,
}

impl SignatureStatus {
    pub fn dutch(self) -> &'static str {
        match self {
            SignatureStatus::Intact => "handtekening intact",
            SignatureStatus::Broken => {
                "handtekening gebroken: het document is na ondertekening gewijzigd"
            }
            SignatureStatus::Unverified => "ondertekend, nog niet gecontroleerd",
        }
    }
}

/// Something that happened between the meetings: the answers of the `gebeurtenis` form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub seq: u32,
    pub filed_on: String,
    /// The `gebeurtenis` definition's version the answers were made with.
    pub version: u32,
    pub answers: Value,
}

/// The kinds of event (`soort`).
pub const EVENT_KINDS: [&str; 7] = [
    "incident",
    "crisis",
    "opname",
    "detentie",
    "risicotaxatie",
    "toestemming",
    "verhuizing",
];

impl Event {
    pub fn kind(&self) -> &str {
        self.answers
            .get("soort")
            .and_then(Value::as_str)
            .unwrap_or("")
    }
    pub fn date(&self) -> Option<Date> {
        dates::date_at(&self.answers, "datum")
    }
    /// The last day of an opname or detentie; `None` while it lasts.
    pub fn until(&self) -> Option<Date> {
        dates::date_at(&self.answers, "tot")
    }
    /// Whether an incident or crisis touches the gevaarscriterium.
    pub fn gevaar(&self) -> bool {
        self.answers.get("gevaar") == Some(&Value::Bool(true))
    }
    pub fn text(&self, path: &str) -> Option<&str> {
        dates::text_at(&self.answers, path)
    }
}

/// Why a case, a document or an event was refused. The message is Dutch, for the user;
/// `diagnostics` carries the validation findings with their paths when there are any.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseError {
    pub message: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl CaseError {
    fn new(message: impl Into<String>) -> CaseError {
        CaseError {
            message: message.into(),
            diagnostics: Vec::new(),
        }
    }
}

impl std::fmt::Display for CaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        for d in self
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Error)
        {
            write!(f, "\n  {}: {}", d.path, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for CaseError {}

/// One document's or event's submission brought to the current definition, its notes kept;
/// refused (with the findings) when it cannot be.
fn migrate_entry(
    what: &str,
    seq: u32,
    sub: Submission,
    def: &crate::def::FormDef,
    notes: &mut Vec<String>,
) -> Result<Submission, CaseError> {
    let (migrated, diags) = submission::migrate(sub, def);
    if has_errors(&diags) {
        let mut what_nl = what.to_string();
        what_nl[..1].make_ascii_uppercase();
        return Err(CaseError {
            message: format!("{what_nl} {seq} kan niet worden gelezen."),
            diagnostics: diags,
        });
    }
    notes.extend(
        diags
            .iter()
            .map(|d| format!("{what} {seq}: {}: {}", d.path, d.message)),
    );
    Ok(migrated)
}

/// A file without a format is not a case; a newer format is refused, not misread.
fn check_format(format: Option<u64>) -> Result<(), CaseError> {
    match format {
        None => Err(CaseError::new(
            "Dit is geen dossier van de levensloopkit: het veld ‘format’ ontbreekt.",
        )),
        Some(n) if n > u64::from(CASE_FORMAT) => Err(CaseError::new(format!(
            "Dit dossier is gemaakt met een nieuwere versie van de kit (formaat {n}; deze kit kent formaat {CASE_FORMAT} en ouder). Werk de kit bij om het te openen."
        ))),
        Some(_) => Ok(()),
    }
}

fn corrupt(e: serde_json::Error) -> CaseError {
    CaseError::new(format!(
        "Dit dossier is beschadigd en kan niet worden gelezen ({e})."
    ))
}

impl Case {
    /// A new, empty case.
    pub fn new(id: &str, region: &str, today: Date) -> Case {
        Case {
            format: CASE_FORMAT,
            id: id.to_string(),
            region: region.to_string(),
            created_on: today.to_string(),
            documents: Vec::new(),
            events: Vec::new(),
            received: None,
        }
    }

    /// Reads a case file and brings it up to this kit: every document's submission and
    /// every event is migrated to the catalog's current definition (answers without a field
    /// are set aside in `unmapped`, never dropped). Returns the migration notes beside it.
    pub fn from_json(v: Value, catalog: &Catalog) -> Result<(Case, Vec<String>), CaseError> {
        check_format(v.get("format").and_then(Value::as_u64))?;
        let case: Case = serde_json::from_value(v).map_err(corrupt)?;
        case.brought_up(catalog)
    }

    /// [`Case::from_json`] from the file's text, read straight into the case: a caseload
    /// reads hundreds of files, and a `Value` tree in between costs as much again.
    pub fn from_json_text(text: &str, catalog: &Catalog) -> Result<(Case, Vec<String>), CaseError> {
        match serde_json::from_str::<Case>(text) {
            Ok(case) => {
                check_format(Some(u64::from(case.format)))?;
                case.brought_up(catalog)
            }
            // Why it does not read: no format, a newer one, or damage (read again only now).
            Err(e) => {
                #[derive(Deserialize)]
                struct Format {
                    format: Option<Value>,
                }
                let format = serde_json::from_str::<Format>(text)
                    .ok()
                    .and_then(|f| f.format);
                check_format(format.as_ref().and_then(Value::as_u64))?;
                Err(corrupt(e))
            }
        }
    }

    /// A parsed case checked for its bounds, region and numbering, and migrated.
    fn brought_up(mut self, catalog: &Catalog) -> Result<(Case, Vec<String>), CaseError> {
        let case = &mut self;
        if case.documents.len() + case.events.len() > MAX_ENTRIES {
            return Err(CaseError::new(format!(
                "Dit dossier heeft meer dan {MAX_ENTRIES} documenten en gebeurtenissen en wordt niet geopend."
            )));
        }
        if catalog.region(&case.region).is_none() {
            return Err(CaseError::new(format!(
                "Dit dossier hoort bij de regio ‘{}’, die deze kit niet kent.",
                case.region
            )));
        }
        let mut seqs: Vec<u32> = case
            .documents
            .iter()
            .map(|d| d.seq)
            .chain(case.events.iter().map(|e| e.seq))
            .collect();
        seqs.sort_unstable();
        if seqs.windows(2).any(|w| w[0] == w[1]) {
            return Err(CaseError::new(
                "Dit dossier is beschadigd: twee documenten of gebeurtenissen hebben hetzelfde volgnummer.",
            ));
        }
        let mut notes = Vec::new();
        for doc in &mut case.documents {
            if doc.submission.region != case.region {
                return Err(CaseError::new(format!(
                    "Document {} is ingevuld voor de regio ‘{}’; dit dossier hoort bij ‘{}’.",
                    doc.seq, doc.submission.region, case.region
                )));
            }
            let Some(def) = catalog.form(&doc.submission.form, &doc.submission.region) else {
                return Err(CaseError::new(format!(
                    "Document {} is een formulier ‘{}’ dat deze kit niet kent.",
                    doc.seq, doc.submission.form
                )));
            };
            // Taken, not cloned: a plan's answers are the bulk of a case file.
            let sub = std::mem::replace(
                &mut doc.submission,
                Submission {
                    form: String::new(),
                    version: 0,
                    region: String::new(),
                    answers: Value::Null,
                    unmapped: Map::new(),
                },
            );
            doc.submission = migrate_entry("document", doc.seq, sub, def, &mut notes)?;
        }
        if !case.events.is_empty() {
            let def = catalog
                .form(EVENT_FORM, &case.region)
                .ok_or_else(|| CaseError::new("Deze kit kent het formulier ‘gebeurtenis’ niet."))?;
            for ev in &mut case.events {
                let sub = Submission {
                    form: EVENT_FORM.into(),
                    version: ev.version,
                    region: case.region.clone(),
                    answers: std::mem::take(&mut ev.answers),
                    unmapped: Map::new(),
                };
                let migrated = migrate_entry("gebeurtenis", ev.seq, sub, def, &mut notes)?;
                ev.version = migrated.version;
                ev.answers = migrated.answers;
                if !migrated.unmapped.is_empty() {
                    ev.answers["_unmapped"] = Value::Object(migrated.unmapped);
                }
            }
        }
        case.format = CASE_FORMAT;
        Ok((self, notes))
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    fn next_seq(&self) -> u32 {
        let docs = self.documents.iter().map(|d| d.seq);
        let evs = self.events.iter().map(|e| e.seq);
        docs.chain(evs).max().map_or(1, |m| m + 1)
    }

    /// The person this case is about, merged over its documents.
    pub fn person(&self) -> person::Person {
        person::of_case(self)
    }

    /// Files a submission. It must be a form of this case's region that validates without
    /// errors today, and be about this case's person; otherwise nothing changes. Events go
    /// through [`Case::add_event`]. Records where the user changed what the case prefilled.
    /// Returns the new document's seq and the warnings validation gave.
    pub fn add_submission(
        &mut self,
        catalog: &Catalog,
        sub: Submission,
        signature: Option<Signature>,
        today: Date,
    ) -> Result<(u32, Vec<Diagnostic>), CaseError> {
        if sub.form == EVENT_FORM {
            return Err(CaseError::new(
                "Een gebeurtenis is geen document: voeg haar toe als gebeurtenis.",
            ));
        }
        if sub.region != self.region {
            return Err(CaseError::new(format!(
                "Dit formulier is ingevuld voor de regio ‘{}’; dit dossier hoort bij ‘{}’.",
                sub.region, self.region
            )));
        }
        if self.documents.len() + self.events.len() >= MAX_ENTRIES {
            return Err(CaseError::new(format!(
                "Dit dossier heeft al {MAX_ENTRIES} documenten en gebeurtenissen."
            )));
        }
        if catalog.form(&sub.form, &sub.region).is_none() {
            return Err(CaseError::new(format!(
                "Het formulier ‘{}’ kent deze kit niet.",
                sub.form
            )));
        }
        let proposed = prefill::prefill(self, catalog, &sub.form, today);
        let sub = self.with_case_facts(catalog, sub, &proposed, today)?;
        let (sub, diagnostics) = crate::check_submission(catalog, sub, today)
            .map_err(|e| CaseError::new(format!("Dit formulier kan niet worden gelezen: {e}.")))?;
        if has_errors(&diagnostics) {
            return Err(CaseError {
                message: "Het formulier bevat fouten en is niet aan het dossier toegevoegd.".into(),
                diagnostics,
            });
        }
        if let Some(msg) = person::mismatch(&self.person(), &person::of_submission(&sub)) {
            return Err(CaseError::new(msg));
        }
        let changed = prefill::changed(&proposed, &sub.answers);
        let seq = self.next_seq();
        self.documents.push(Document {
            seq,
            filed_on: today.to_string(),
            submission: sub,
            prefill: changed,
            signature,
        });
        Ok((seq, diagnostics))
    }

    /// The read-only answers (the case's facts, e.g. the exclusiebesluit's `dossier`) of a
    /// submission to file: filled in from the case when the submission has none (it was
    /// made outside the case), so the form's rules check it against the case; refused when
    /// they are not what the case shows.
    fn with_case_facts(
        &self,
        catalog: &Catalog,
        mut sub: Submission,
        proposed: &Value,
        today: Date,
    ) -> Result<Submission, CaseError> {
        let Some(def) = catalog.form(&sub.form, &sub.region) else {
            return Ok(sub);
        };
        let readonly: Vec<&crate::def::Field> = def.fields.iter().filter(|f| f.readonly).collect();
        let given = |f: &&crate::def::Field| {
            crate::path::DataPath::parse(&f.path)
                .and_then(|p| p.get(&sub.answers))
                .is_some_and(crate::answers::is_filled)
        };
        if readonly.is_empty() {
            return Ok(sub);
        }
        if !readonly.iter().any(given) {
            for f in &readonly {
                if let Some(p) = crate::path::DataPath::parse(&f.path)
                    && let Some(v) = p.get(proposed).cloned()
                {
                    if sub.answers.is_null() {
                        sub.answers = Value::Object(Map::new());
                    }
                    p.set(&mut sub.answers, v);
                }
            }
            return Ok(sub);
        }
        let changed = exit_prefill::readonly_changed(def, self, catalog, &sub.answers, today);
        if changed.is_empty() {
            return Ok(sub);
        }
        let labels: Vec<String> = changed
            .iter()
            .filter_map(|p| {
                def.field_index(p)
                    .map(|i| format!("‘{}’", def.fields[i].label))
            })
            .collect();
        Err(CaseError::new(format!(
            "De gegevens uit het dossier in dit formulier kloppen niet meer met het dossier ({}). Het dossier is veranderd sinds het formulier werd geopend. Sluit het formulier en open het opnieuw vanuit het dossier; uw eigen antwoorden blijven bewaard.",
            labels.join(", ")
        )))
    }

    /// Records an event: the answers of the `gebeurtenis` form, validated today (so an
    /// event ahead of today, or an opname that ends before it starts, is refused).
    pub fn add_event(
        &mut self,
        catalog: &Catalog,
        answers: Value,
        today: Date,
    ) -> Result<(u32, Vec<Diagnostic>), CaseError> {
        let def = catalog
            .form(EVENT_FORM, &self.region)
            .ok_or_else(|| CaseError::new("Deze kit kent het formulier ‘gebeurtenis’ niet."))?;
        if self.documents.len() + self.events.len() >= MAX_ENTRIES {
            return Err(CaseError::new(format!(
                "Dit dossier heeft al {MAX_ENTRIES} documenten en gebeurtenissen."
            )));
        }
        // Answers without a field are refused, answers of hidden fields (a `tot` on an
        // incident) are not kept: the case holds what the definition asks, nothing more.
        let orphans = submission::orphan_paths(def, &answers);
        if !orphans.is_empty() {
            return Err(CaseError::new(format!(
                "De gebeurtenis bevat antwoorden die niet bij het formulier horen ({}) en is niet aan het dossier toegevoegd.",
                orphans.join(", ")
            )));
        }
        let mut answers = answers;
        crate::example::prune_hidden(def, &mut answers, today);
        let diagnostics = validate::validate(def, &answers, today);
        if has_errors(&diagnostics) {
            return Err(CaseError {
                message: "De gebeurtenis bevat fouten en is niet aan het dossier toegevoegd."
                    .into(),
                diagnostics,
            });
        }
        let seq = self.next_seq();
        self.events.push(Event {
            seq,
            filed_on: today.to_string(),
            version: def.version,
            answers,
        });
        Ok((seq, diagnostics))
    }

    /// The documents in the order of the meetings they record (then of filing), so a
    /// document filed late takes its place in the story.
    pub fn documents_in_order(&self) -> Vec<&Document> {
        let mut docs: Vec<&Document> = self.documents.iter().collect();
        // Keys computed once each: a date is read out of the answers, not compared.
        docs.sort_by_cached_key(|d| (dates::document_date(d), d.seq));
        docs
    }

    /// The events in date order (then filing order).
    pub fn events_in_order(&self) -> Vec<&Event> {
        let mut evs: Vec<&Event> = self.events.iter().collect();
        evs.sort_by_cached_key(|e| (e.date().or_else(|| Date::parse_iso(&e.filed_on)), e.seq));
        evs
    }

    /// The last document of `form` in meeting order.
    pub fn latest(&self, form: &str) -> Option<&Document> {
        self.documents_in_order()
            .into_iter()
            .rev()
            .find(|d| d.submission.form == form)
    }

    /// The stored status: open, or closed on the day of the uitstroom or the end of the
    /// overdracht's joint period (the store keeps it for the retention period from then).
    pub fn closed_on(&self, today: Date) -> Option<Date> {
        match phase::phase(self, today) {
            Phase::Uitgestroomd { on } | Phase::Overgedragen { on } => Some(on),
            _ => None,
        }
    }
}
