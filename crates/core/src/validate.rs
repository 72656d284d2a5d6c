//! The validation engine: a submission's answers against a checked definition give *all*
//! diagnostics, each with its concrete path, severity and Dutch message.

use crate::answers::{AnswerEnv, Scope, is_filled, number};
use crate::date::Date;
use crate::def::{Field, FieldKind, FormDef, Limit};
use crate::diagnostic::Diagnostic;
use crate::dutch;
use crate::expr;
use crate::path::DataPath;
use serde_json::{Map, Value};
use validator::{ValidateLength, ValidateRange};

/// Default length limits, so a pasted novel in a short field is caught.
const TEXT_MAX: f64 = 500.0;
const TEXTAREA_MAX: f64 = 20_000.0;
/// A signature is a drawing, not a file: bounded so a corrupt draft cannot balloon.
const SIGNATURE_MAX_POINTS: usize = 20_000;

/// Validates answers and returns every diagnostic, in form order, then rule order.
pub fn validate(def: &FormDef, answers: &Value, today: Date) -> Vec<Diagnostic> {
    let mut w = Walker {
        def,
        root: answers,
        today,
        out: Vec::new(),
    };
    let roots: Vec<usize> = def.roots().collect();
    match answers {
        Value::Object(map) => {
            w.fields(&roots, Some(map), &DataPath::default(), &mut Vec::new());
        }
        Value::Null => w.fields(&roots, None, &DataPath::default(), &mut Vec::new()),
        _ => w.out.push(Diagnostic::error(
            "",
            "shape",
            "De antwoorden hebben een onverwachte vorm en kunnen niet worden gelezen.",
        )),
    }
    w.rules();
    w.out
}

struct Walker<'a> {
    def: &'a FormDef,
    root: &'a Value,
    today: Date,
    out: Vec<Diagnostic>,
}

impl Walker<'_> {
    fn env(&self, scope: &Scope) -> AnswerEnv<'_> {
        AnswerEnv {
            def: self.def,
            root: self.root,
            scope: scope.clone(),
            today: self.today,
        }
    }

    fn fields(
        &mut self,
        fields: &[usize],
        obj: Option<&Map<String, Value>>,
        at: &DataPath,
        scope: &mut Scope,
    ) {
        for &i in fields {
            let f = &self.def.fields[i];
            if matches!(f.kind, FieldKind::Info | FieldKind::Computed) {
                continue;
            }
            if !self.env(scope).is_true(&f.visible_if) {
                continue;
            }
            let value = obj.and_then(|o| o.get(&f.key)).unwrap_or(&Value::Null);
            let path = at.key(&f.key);
            if f.kind == FieldKind::Group {
                self.group(i, value, &path, scope);
                continue;
            }
            let required = f.required
                || f.required_if
                    .as_ref()
                    .is_some_and(|e| expr::eval(e, &self.env(scope)).is_true());
            if !is_filled(value) {
                if required {
                    self.out.push(Diagnostic::error(
                        path.to_string(),
                        "required",
                        required_message(f),
                    ));
                }
            } else if let Err((code, message)) = check_value(f, value, Some(self.today)) {
                self.out
                    .push(Diagnostic::error(path.to_string(), code, message));
            }
        }
        if let Some(obj) = obj {
            self.unknown_keys(fields, obj, at);
        }
    }

    fn group(&mut self, i: usize, value: &Value, path: &DataPath, scope: &mut Scope) {
        let f = &self.def.fields[i];
        let Some(rep) = &f.repeat else {
            match value {
                Value::Object(map) => self.fields(&f.children, Some(map), path, scope),
                Value::Null => self.fields(&f.children, None, path, scope),
                _ => self.out.push(Diagnostic::error(
                    path.to_string(),
                    "shape",
                    "Dit onderdeel heeft een onverwachte vorm en kan niet worden gelezen.",
                )),
            }
            return;
        };
        let empty = Vec::new();
        let items = match value {
            Value::Array(items) => items,
            Value::Null => &empty,
            _ => {
                self.out.push(Diagnostic::error(
                    path.to_string(),
                    "shape",
                    "Dit onderdeel heeft een onverwachte vorm en kan niet worden gelezen.",
                ));
                return;
            }
        };
        let item_label = lower_first(&rep.item_label);
        if (items.len() as u64) < u64::from(rep.min) {
            let msg = if rep.min == 1 {
                format!("Voeg minstens één {item_label} toe.")
            } else {
                format!("Voeg minstens {} keer een {item_label} toe.", rep.min)
            };
            self.out
                .push(Diagnostic::error(path.to_string(), "repeat_min", msg));
        }
        if items.len() as u64 > u64::from(rep.max) {
            self.out.push(Diagnostic::error(
                path.to_string(),
                "repeat_max",
                format!(
                    "U kunt hoogstens {} keer een {item_label} toevoegen. Verwijder er {}.",
                    rep.max,
                    items.len() as u64 - u64::from(rep.max)
                ),
            ));
        }
        for (j, item) in items.iter().enumerate() {
            let item_path = path.index(j);
            scope.push((i, j));
            match item {
                Value::Object(map) => self.fields(&f.children, Some(map), &item_path, scope),
                Value::Null => self.fields(&f.children, None, &item_path, scope),
                _ => self.out.push(Diagnostic::error(
                    item_path.to_string(),
                    "shape",
                    "Dit onderdeel heeft een onverwachte vorm en kan niet worden gelezen.",
                )),
            }
            scope.pop();
        }
    }

    /// Answers the definition does not know are never ignored silently.
    fn unknown_keys(&mut self, fields: &[usize], obj: &Map<String, Value>, at: &DataPath) {
        for key in obj.keys() {
            let known = fields.iter().any(|&i| {
                let f = &self.def.fields[i];
                f.key == *key && !matches!(f.kind, FieldKind::Info | FieldKind::Computed)
            });
            if !known {
                self.out.push(Diagnostic::warning(
                    at.key(key).to_string(),
                    "unknown",
                    format!("Dit antwoord hoort niet bij versie {} van dit formulier en is niet gecontroleerd.", self.def.version),
                ));
            }
        }
    }

    fn rules(&mut self) {
        // A field that already has an error gets no rule messages on top: the user fixes
        // one thing at a time (a birth date in the future is not also "younger than 18").
        let with_errors: std::collections::HashSet<String> = self
            .out
            .iter()
            .filter(|d| d.severity == crate::Severity::Error)
            .map(|d| d.path.clone())
            .collect();
        for rule in &self.def.rules {
            let groups = self.def.repeating_ancestors(rule.field);
            for scope in instances(self.def, self.root, &groups) {
                let env = self.env(&scope);
                if !env.visible(rule.field)
                    || !env.is_true(&rule.when)
                    || with_errors.contains(&env.data_path(rule.field).to_string())
                {
                    continue;
                }
                if expr::eval(&rule.assert, &env).is_false() {
                    self.out.push(Diagnostic {
                        path: env.data_path(rule.field).to_string(),
                        severity: rule.severity,
                        message: self.fill_answers(&rule.message),
                        code: rule.id.clone(),
                    });
                }
            }
        }
    }
}

impl Walker<'_> {
    /// A rule's message with each `{=path}` replaced by that answer as it reads
    /// ([`crate::display`]), so a message can name what it is about ("het incident van
    /// 12 maart 2026"). The loader checked that each path is a field outside repeating
    /// groups.
    fn fill_answers(&self, message: &str) -> String {
        if !message.contains("{=") {
            return message.to_string();
        }
        let mut out = message.to_string();
        for path in crate::def::message_answers(message) {
            let shown = self
                .def
                .field_index(path)
                .and_then(|i| {
                    let v = DataPath::parse(path)?.get(self.root)?;
                    crate::display::display(&self.def.fields[i], v)
                })
                .unwrap_or_else(|| "(niet ingevuld)".into());
            out = out.replace(&format!("{{={path}}}"), &shown);
        }
        out
    }
}

/// Every combination of items of the given nested repeating groups present in the answers.
pub fn instances(def: &FormDef, root: &Value, groups: &[usize]) -> Vec<Scope> {
    let mut scopes: Vec<Scope> = vec![Vec::new()];
    for &g in groups {
        let mut next = Vec::new();
        for scope in scopes {
            let path = crate::answers::concrete_path(def, g, &scope);
            let n = path.get(root).and_then(Value::as_array).map_or(0, Vec::len);
            for j in 0..n {
                let mut s = scope.clone();
                s.push((g, j));
                next.push(s);
            }
        }
        scopes = next;
    }
    scopes
}

/// `BSN` stays `BSN`, `Achternaam` becomes `achternaam` inside a sentence.
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    let first = chars.next();
    let next_letter = chars.find(|c| c.is_alphabetic());
    match (first, next_letter) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            std::iter::once(crate::text::lower_char(a))
                .chain(s.chars().skip(1))
                .collect()
        }
        _ => s.to_string(),
    }
}

fn required_message(f: &Field) -> String {
    // A question reads wrong inside "Vul ‘…’ in": it is quoted whole instead.
    if f.label.trim_end().ends_with('?') {
        let q = f.label.trim();
        return match f.kind {
            FieldKind::MultiChoice => format!("Kies minstens één antwoord op de vraag ‘{q}’"),
            FieldKind::Date => format!("Vul een datum in bij de vraag ‘{q}’"),
            _ => format!("Beantwoord de vraag ‘{q}’"),
        } + ".";
    }
    let label = lower_first(f.label.trim_end_matches([':', '.']));
    match f.kind {
        FieldKind::Choice | FieldKind::YesNoUnknown | FieldKind::Organisation => {
            format!("Maak een keuze bij ‘{label}’.")
        }
        FieldKind::YesNo => format!("Kies ja of nee bij ‘{label}’."),
        FieldKind::MultiChoice => format!("Kies minstens één mogelijkheid bij ‘{label}’."),
        FieldKind::Date => format!("Vul een datum in bij ‘{label}’."),
        FieldKind::Signature => format!("Zet een handtekening bij ‘{label}’."),
        _ => format!("Vul ‘{label}’ in."),
    }
}

type Problem = (&'static str, String);

fn fail(code: &'static str, msg: impl Into<String>) -> Result<(), Problem> {
    Err((code, msg.into()))
}

/// `12` or `12,5`.
fn dutch_number(n: f64) -> String {
    crate::number::plain_number(n).replace('.', ",")
}

/// Checks one answered value against its field. `today` is `None` when checking examples
/// (which must not depend on the day the check runs).
pub fn check_value(f: &Field, v: &Value, today: Option<Date>) -> Result<(), Problem> {
    let text = || {
        v.as_str()
            .ok_or(("type", "Dit antwoord moet tekst zijn.".to_string()))
    };
    match f.kind {
        FieldKind::Text | FieldKind::Textarea => {
            let s = text()?;
            let len = s.chars().count() as f64;
            let max = match f.max {
                Some(Limit::Num(m)) => m,
                _ if f.kind == FieldKind::Text => TEXT_MAX,
                _ => TEXTAREA_MAX,
            };
            // Limits are whole numbers of characters (the loader checks them).
            if !s.validate_length(None, Some(max as u64), None) {
                return fail(
                    "length",
                    format!(
                        "Gebruik hoogstens {} tekens; dit zijn er {}.",
                        dutch_number(max),
                        dutch_number(len)
                    ),
                );
            }
            if let Some(Limit::Num(min)) = f.min
                && !s.validate_length(Some(min as u64), None, None)
            {
                return fail(
                    "length",
                    format!("Gebruik minstens {} tekens.", dutch_number(min)),
                );
            }
            Ok(())
        }
        FieldKind::Number => {
            let Some(n) = number(v) else {
                return fail("number", "Vul een getal in, bijvoorbeeld 12.");
            };
            if f.integer && n.fract() != 0.0 {
                return fail("number", "Vul een heel getal in, zonder komma.");
            }
            if let Some(Limit::Num(min)) = f.min
                && !n.validate_range(Some(min), None, None, None)
            {
                return fail(
                    "range",
                    format!("Vul een getal in van {} of meer.", dutch_number(min)),
                );
            }
            if let Some(Limit::Num(max)) = f.max
                && !n.validate_range(None, Some(max), None, None)
            {
                return fail(
                    "range",
                    format!("Vul een getal in van {} of minder.", dutch_number(max)),
                );
            }
            Ok(())
        }
        FieldKind::Date => {
            let Some(d) = v.as_str().and_then(Date::parse_iso) else {
                return fail(
                    "date",
                    "Vul een bestaande datum in, bijvoorbeeld 12-11-2026.",
                );
            };
            let resolve = |l: Limit| match l {
                Limit::Today => today,
                Limit::Date(d) => Some(d),
                Limit::Num(_) => None,
            };
            if let Some(min) = f.min.and_then(resolve)
                && d < min
            {
                return fail(
                    "date_range",
                    if f.min == Some(Limit::Today) {
                        "De datum mag niet in het verleden liggen.".to_string()
                    } else {
                        format!("Vul een datum in op of na {}.", min.to_dutch())
                    },
                );
            }
            if let Some(max) = f.max.and_then(resolve)
                && d > max
            {
                return fail(
                    "date_range",
                    if f.max == Some(Limit::Today) {
                        "De datum mag niet in de toekomst liggen.".to_string()
                    } else {
                        format!("Vul een datum in op of voor {}.", max.to_dutch())
                    },
                );
            }
            Ok(())
        }
        FieldKind::Choice | FieldKind::Organisation => {
            let s = text()?;
            if f.allow_other || f.options.iter().any(|o| o.value == s) {
                Ok(())
            } else if f.kind == FieldKind::Organisation {
                fail("option", "Kies een organisatie uit de lijst.")
            } else {
                fail("option", "Kies een van de mogelijke antwoorden.")
            }
        }
        FieldKind::MultiChoice => {
            let Some(items) = v.as_array() else {
                return fail("type", "Kies een of meer mogelijkheden uit de lijst.");
            };
            let all_known = items.iter().all(|i| {
                i.as_str()
                    .is_some_and(|s| f.allow_other || f.options.iter().any(|o| o.value == s))
            });
            if !all_known {
                return fail("option", "Kies alleen uit de mogelijkheden in de lijst.");
            }
            let n = items.len() as f64;
            if let Some(Limit::Num(min)) = f.min
                && !n.validate_range(Some(min), None, None, None)
            {
                return fail(
                    "count",
                    format!("Kies minstens {} mogelijkheden.", dutch_number(min)),
                );
            }
            if let Some(Limit::Num(max)) = f.max
                && n > max
            {
                return fail(
                    "count",
                    format!("Kies hoogstens {} mogelijkheden.", dutch_number(max)),
                );
            }
            Ok(())
        }
        FieldKind::YesNo => match v {
            Value::Bool(_) => Ok(()),
            _ => fail("option", "Kies ja of nee."),
        },
        FieldKind::YesNoUnknown => match v.as_str() {
            Some("ja" | "nee" | "onbekend") => Ok(()),
            _ => fail("option", "Kies ja, nee of onbekend."),
        },
        FieldKind::Email => {
            let s = text()?.trim();
            if crate::email::is_email(s) {
                Ok(())
            } else {
                fail(
                    "email",
                    "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.",
                )
            }
        }
        FieldKind::Phone => dutch::check_phone(text()?)
            .map(drop)
            .map_err(|m| ("phone", m.to_string())),
        FieldKind::Postcode => dutch::check_postcode(text()?)
            .map(drop)
            .map_err(|m| ("postcode", m.to_string())),
        FieldKind::Bsn => dutch::check_bsn(text()?)
            .map(drop)
            .map_err(|m| ("bsn", m.to_string())),
        FieldKind::PersonName => {
            let s = text()?;
            if s.chars().count() as f64 > TEXT_MAX {
                return fail(
                    "length",
                    format!("Gebruik hoogstens {} tekens.", dutch_number(TEXT_MAX)),
                );
            }
            dutch::check_person_name(s)
                .map(drop)
                .map_err(|m| ("name", m.to_string()))
        }
        FieldKind::Signature => check_signature(v),
        FieldKind::Group | FieldKind::Info | FieldKind::Computed => Ok(()),
    }
}

/// A signature answer of the shape `signature.rs` describes, within its number of points,
/// with something drawn or typed.
fn check_signature(v: &Value) -> Result<(), Problem> {
    match crate::signature::points(v) {
        Some(n) if n <= SIGNATURE_MAX_POINTS => {}
        _ => {
            return fail(
                "signature",
                "De handtekening is niet goed opgeslagen. Zet de handtekening opnieuw.",
            );
        }
    }
    if !crate::signature::is_given(v) {
        return fail(
            "signature",
            "Zet een handtekening of typ uw volledige naam als handtekening.",
        );
    }
    Ok(())
}

/// Why an `example` value does not fit its field, if it does not (used at definition load).
pub fn example_problem(f: &Field, v: &Value) -> Option<String> {
    if f.kind == FieldKind::Signature && v.is_object() {
        return None; // `llk example` draws the strokes itself.
    }
    check_value(f, v, None).err().map(|(_, m)| m)
}
