//! Checking a raw definition against a region into a [`FormDef`]. Every problem is collected
//! (not just the first), each with where it is, so `llk check` can list them all.

use super::model::{Choice, Field, FormDef, Limit, Migration, Page, RepeatSpec, Rule};
use super::problem::{Loc, Problem};
use super::raw::{Anonymise, Bound, FieldKind, RawField, RawForm, RawOption};
use super::region::{LISTS, Region, entry_label};
use crate::date::Date;
use crate::expr::{self, Expr, FieldTy, Ty, TypeEnv};
use crate::number::plain_number;
use crate::path::{is_schema_path, is_segment};
use std::collections::HashMap;

struct Resolver<'a> {
    region: &'a Region,
    problems: Vec<Problem>,
    /// Types of the computed fields checked so far: a computed value may be used by
    /// expressions after it.
    computed: HashMap<usize, Ty>,
}

impl Resolver<'_> {
    fn report(&mut self, loc: Loc, message: impl Into<String>) {
        self.problems.push(Problem {
            loc,
            message: message.into(),
        });
    }

    fn terms(&mut self, loc: &Loc, text: &str) -> String {
        match self.region.fill_terms(text) {
            Ok(t) => t,
            Err(e) => {
                self.report(loc.clone(), e);
                text.to_string()
            }
        }
    }

    fn parse_expr(&mut self, loc: Loc, src: &str) -> Option<Expr> {
        match expr::parse(src) {
            Ok(e) => Some(e),
            Err(e) => {
                self.report(loc, format!("cannot read expression \"{src}\": {e}"));
                None
            }
        }
    }
}

fn field_loc(id: &str, key: &'static str) -> Loc {
    Loc::Field {
        id: id.to_string(),
        nth: 0,
        key: Some(key),
    }
}

/// Checks `raw` for `region`. On success every expression is known to be well-typed.
pub fn resolve(raw: &RawForm, region: &Region) -> Result<FormDef, Vec<Problem>> {
    let mut r = Resolver {
        region,
        problems: Vec::new(),
        computed: HashMap::new(),
    };
    let h = &raw.form;
    if !h
        .id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        || h.id.is_empty()
    {
        r.report(
            Loc::Header("id"),
            format!("form id '{}' may only hold a-z, 0-9 and '-'", h.id),
        );
    }
    if h.version == 0 {
        r.report(Loc::Header("version"), "version starts at 1");
    }
    let title = r.terms(&Loc::Header("title"), &h.title);
    let intro = h.intro.as_ref().map(|t| r.terms(&Loc::Header("intro"), t));
    if raw.pages.is_empty() {
        r.report(
            Loc::Header("id"),
            "a form needs at least one [[pages]] entry",
        );
    }

    let mut def = FormDef {
        id: h.id.clone(),
        version: h.version,
        title,
        intro,
        step: h.step.clone(),
        region: region.id.clone(),
        pages: Vec::new(),
        fields: Vec::new(),
        rules: Vec::new(),
        migrations: Vec::new(),
        by_path: HashMap::new(),
    };
    let mut seen_pages: HashMap<&str, ()> = HashMap::new();
    let mut seen_fields: HashMap<String, usize> = HashMap::new();
    for (page_no, p) in raw.pages.iter().enumerate() {
        if seen_pages.insert(&p.id, ()).is_some() {
            r.report(
                Loc::Page(p.id.clone()),
                format!("page id '{}' is used twice", p.id),
            );
        }
        if p.fields.is_empty() {
            r.report(
                Loc::Page(p.id.clone()),
                format!("page '{}' has no fields", p.id),
            );
        }
        let loc = Loc::Page(p.id.clone());
        let page = Page {
            id: p.id.clone(),
            title: r.terms(&loc, &p.title),
            intro: p.intro.as_ref().map(|t| r.terms(&loc, t)),
            fields: Vec::new(),
        };
        def.pages.push(page);
        for f in &p.fields {
            let count = seen_fields.entry(f.id.clone()).or_insert(0);
            *count += 1;
            if *count > 1 {
                r.report(
                    Loc::Field {
                        id: f.id.clone(),
                        nth: *count - 1,
                        key: None,
                    },
                    format!("field id '{}' is used twice", f.id),
                );
                continue;
            }
            add_field(&mut r, &mut def, f, page_no);
        }
    }
    apply_overrides(&mut r, &mut def);
    // Expressions last: they may refer to any field, also ones declared later.
    for f in raw.pages.iter().flat_map(|p| &p.fields) {
        if let Some(i) = def.field_index(&f.id) {
            check_field_exprs(&mut r, &mut def, f, i);
        }
    }
    check_rules(&mut r, &mut def, raw);
    check_migrations(&mut r, &mut def, raw);
    if r.problems.is_empty() {
        Ok(def)
    } else {
        Err(r.problems)
    }
}

fn add_field(r: &mut Resolver<'_>, def: &mut FormDef, f: &RawField, page_no: usize) {
    let loc = |key| field_loc(&f.id, key);
    if !is_schema_path(&f.id) {
        r.report(loc("id"), format!("field id '{}' must be dot-separated segments of a-z, 0-9 and '_', each starting with a letter", f.id));
        return;
    }
    let (parent_path, key) = match f.id.rsplit_once('.') {
        Some((p, k)) => (Some(p), k),
        None => (None, f.id.as_str()),
    };
    let parent = match parent_path {
        None => None,
        Some(pp) => match def.field_index(pp) {
            Some(pi) if def.fields[pi].kind != FieldKind::Group => {
                r.report(
                    loc("id"),
                    format!("'{pp}' is not a group, so '{}' cannot be inside it", f.id),
                );
                return;
            }
            Some(pi) if def.fields[pi].page != page_no => {
                r.report(
                    loc("id"),
                    format!("group '{pp}' is on another page than '{}'", f.id),
                );
                return;
            }
            Some(pi) => Some(pi),
            None => {
                r.report(
                    loc("id"),
                    format!(
                        "parent group '{pp}' of '{}' is not declared before it",
                        f.id
                    ),
                );
                return;
            }
        },
    };
    debug_assert!(is_segment(key));

    let label = match (&f.label, f.kind) {
        (Some(l), _) => r.terms(&loc("label"), l),
        (None, FieldKind::Info) => String::new(),
        (None, _) => {
            r.report(loc("type"), format!("field '{}' needs a label", f.id));
            String::new()
        }
    };
    let help = f.help.as_ref().map(|h| r.terms(&loc("help"), h));
    let text = f.text.as_ref().map(|t| r.terms(&loc("text"), t));
    match f.kind {
        FieldKind::Info if text.is_none() => {
            r.report(loc("type"), format!("info field '{}' needs a text", f.id))
        }
        FieldKind::Computed if f.value.is_none() => r.report(
            loc("type"),
            format!("computed field '{}' needs a value expression", f.id),
        ),
        _ => {}
    }
    if (f.required || f.required_if.is_some()) && !f.kind.is_input() {
        r.report(
            loc("required"),
            format!(
                "a {:?} field cannot be required (use repeat.min for groups)",
                f.kind
            ),
        );
    }
    if f.required && f.required_if.is_some() {
        r.report(
            loc("required_if"),
            "use either required or required_if, not both",
        );
    }
    let options = resolve_options(r, f);
    let repeat = match (&f.repeat, f.kind) {
        (Some(rp), FieldKind::Group) => {
            if rp.max == 0 || rp.min > rp.max {
                r.report(
                    loc("repeat"),
                    format!(
                        "repeat needs 0 <= min <= max and max >= 1 (got {}..{})",
                        rp.min, rp.max
                    ),
                );
            }
            let item_label = rp
                .item_label
                .as_ref()
                .map_or_else(|| label.clone(), |l| r.terms(&loc("repeat"), l));
            Some(RepeatSpec {
                min: rp.min,
                max: rp.max,
                item_label,
            })
        }
        (Some(_), _) => {
            r.report(loc("repeat"), "only a group can repeat");
            None
        }
        (None, _) => None,
    };
    let min = limit(r, f, f.min.as_ref(), "min");
    let max = limit(r, f, f.max.as_ref(), "max");
    if let (Some(Limit::Num(a)), Some(Limit::Num(b))) = (min, max)
        && a > b
    {
        let (a, b) = (plain_number(a), plain_number(b));
        r.report(loc("min"), format!("min {a} is larger than max {b}"));
    }
    if f.integer && f.kind != FieldKind::Number {
        r.report(loc("integer"), "integer only applies to number fields");
    }
    if f.examples.is_some() && def_repeating(def, parent).is_none() {
        r.report(
            loc("examples"),
            "examples (a list per item) only apply inside a repeating group; use example",
        );
    }

    let index = def.fields.len();
    def.fields.push(Field {
        path: f.id.clone(),
        key: key.to_string(),
        kind: f.kind,
        label,
        help,
        required: f.required,
        required_if: None,
        visible_if: None,
        options,
        regional: is_regional(f),
        allow_other: f.allow_other,
        min,
        max,
        integer: f.integer,
        repeat,
        text,
        value: None,
        signers: f.signers.clone(),
        anonymise: f.anonymise,
        sensitive: f.sensitive,
        readonly: f.readonly,
        example: f.example.clone(),
        examples: f.examples.clone().unwrap_or_default(),
        page: page_no,
        parent,
        children: Vec::new(),
    });
    def.by_path.insert(f.id.clone(), index);
    match parent {
        Some(p) => def.fields[p].children.push(index),
        None => def.pages[page_no].fields.push(index),
    }
}

fn def_repeating(def: &FormDef, mut cur: Option<usize>) -> Option<usize> {
    while let Some(i) = cur {
        if def.fields[i].repeat.is_some() {
            return Some(i);
        }
        cur = def.fields[i].parent;
    }
    None
}

fn resolve_options(r: &mut Resolver<'_>, f: &RawField) -> Vec<Choice> {
    let loc = |key| field_loc(&f.id, key);
    let wants_options = matches!(f.kind, FieldKind::Choice | FieldKind::MultiChoice);
    let options: Vec<Choice> = match (&f.options, &f.options_from) {
        (Some(_), Some(_)) => {
            r.report(loc("options_from"), "use options or options_from, not both");
            Vec::new()
        }
        (Some(list), None) => list
            .iter()
            .map(|o| match o {
                RawOption::Plain(s) => Choice {
                    value: s.clone(),
                    label: s.clone(),
                },
                RawOption::Full { value, label } => Choice {
                    value: value.clone(),
                    label: label.clone(),
                },
            })
            .collect(),
        (None, from) => {
            let from = from
                .as_deref()
                .or((f.kind == FieldKind::Organisation).then_some("partners"));
            match from {
                Some(name) => match r.region.list(name) {
                    Some([]) => {
                        r.report(
                            loc("options_from"),
                            format!(
                                "region '{}' has no {name} list (and neither has landelijk)",
                                r.region.id
                            ),
                        );
                        Vec::new()
                    }
                    Some(entries) => entries
                        .iter()
                        .map(|e| Choice {
                            value: e.id.clone(),
                            label: entry_label(e),
                        })
                        .collect(),
                    None => {
                        r.report(
                            loc("options_from"),
                            format!("unknown list '{name}' (known: {})", LISTS.join(", ")),
                        );
                        Vec::new()
                    }
                },
                None if wants_options => {
                    r.report(
                        loc("type"),
                        format!("choice field '{}' needs options or options_from", f.id),
                    );
                    Vec::new()
                }
                None => Vec::new(),
            }
        }
    };
    if (f.options.is_some() || f.options_from.is_some()) && !f.kind.has_options() {
        r.report(
            loc("options"),
            format!("a {:?} field takes no options", f.kind),
        );
    }
    // The anonymised rendering can only shorten what it understands: a birth year from a
    // date (or a number that is a year already), initials from a name.
    let fits = match f.anonymise {
        Some(Anonymise::Year) => matches!(f.kind, FieldKind::Date | FieldKind::Number),
        Some(Anonymise::Initials) => matches!(f.kind, FieldKind::PersonName | FieldKind::Text),
        _ => true,
    };
    if !fits {
        r.report(
            loc("anonymise"),
            format!(
                "anonymise = {:?} does not apply to a {:?} field",
                f.anonymise, f.kind
            ),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for o in &options {
        if o.value.trim().is_empty() {
            r.report(loc("options"), "an option value is empty");
        } else if !seen.insert(o.value.as_str()) {
            r.report(
                loc("options"),
                format!("option value '{}' appears twice", o.value),
            );
        }
    }
    options
        .into_iter()
        .map(|o| {
            let label = r.terms(&loc("options"), &o.label);
            Choice { label, ..o }
        })
        .collect()
}

fn limit(
    r: &mut Resolver<'_>,
    f: &RawField,
    b: Option<&Bound>,
    key: &'static str,
) -> Option<Limit> {
    let b = b?;
    let loc = field_loc(&f.id, key);
    let numeric = matches!(
        f.kind,
        FieldKind::Number | FieldKind::Text | FieldKind::Textarea | FieldKind::MultiChoice
    );
    match (b, f.kind) {
        (Bound::Num(n), _) if numeric => {
            if f.kind != FieldKind::Number && (*n < 0.0 || n.fract() != 0.0) {
                r.report(loc, format!("{key} must be a whole number >= 0 here"));
            }
            Some(Limit::Num(*n))
        }
        (Bound::Text(t), FieldKind::Date) if t == "today" => Some(Limit::Today),
        (Bound::Text(t), FieldKind::Date) => match Date::parse_iso(t) {
            Some(d) => Some(Limit::Date(d)),
            None => {
                r.report(
                    loc,
                    format!("{key} of a date must be YYYY-MM-DD or \"today\", not \"{t}\""),
                );
                None
            }
        },
        _ => {
            r.report(loc, format!("{key} does not fit a {:?} field", f.kind));
            None
        }
    }
}

fn apply_overrides(r: &mut Resolver<'_>, def: &mut FormDef) {
    let overrides: Vec<_> = r
        .region
        .overrides
        .iter()
        .filter(|o| o.form == def.id)
        .cloned()
        .collect();
    for o in overrides {
        let Some(i) = def.field_index(&o.field) else {
            r.report(
                Loc::Header("id"),
                format!(
                    "region '{}' overrides field '{}', which form '{}' does not have",
                    r.region.id, o.field, def.id
                ),
            );
            continue;
        };
        let loc = field_loc(&o.field, "label");
        if let Some(l) = &o.label {
            def.fields[i].label = r.terms(&loc, l);
        }
        if let Some(h) = &o.help {
            def.fields[i].help = Some(r.terms(&loc, h));
        }
    }
}

/// Type environment for expressions attached to `scope_field` (or the form when `None`).
struct Scope<'a> {
    def: &'a FormDef,
    in_scope: Vec<usize>,
    /// Computed fields checked so far, with their types.
    computed: &'a HashMap<usize, Ty>,
}

impl TypeEnv for Scope<'_> {
    fn field(&self, path: &str) -> Result<FieldTy, String> {
        let Some(i) = self.def.field_index(path) else {
            return Err(format!("unknown field '{path}'"));
        };
        let f = &self.def.fields[i];
        let options = (!f.allow_other && f.kind.has_options())
            .then(|| f.options.iter().map(|c| c.value.clone()).collect());
        let (ty, options) = match f.kind {
            FieldKind::Info => return Err(format!("'{path}' is an info text, not an answer")),
            FieldKind::Computed => match self.computed.get(&i) {
                Some(t) => (t.clone(), None),
                None => {
                    return Err(format!(
                        "computed field '{path}' can only be used after it is declared"
                    ));
                }
            },
            FieldKind::Number => (Ty::Num, None),
            FieldKind::Date => (Ty::Date, None),
            FieldKind::YesNo => (Ty::Bool, None),
            FieldKind::YesNoUnknown => (
                Ty::Text,
                Some(vec!["ja".into(), "nee".into(), "onbekend".into()]),
            ),
            FieldKind::MultiChoice => (Ty::List(Box::new(Ty::Text)), options),
            FieldKind::Choice | FieldKind::Organisation => (Ty::Text, options),
            FieldKind::Group | FieldKind::Signature => (Ty::Group, None),
            _ => (Ty::Text, None),
        };
        // A field inside a repeating group the expression is not in reads as a list of all
        // items' values (`"politie" in aanwezigen.rol`).
        let outside = self
            .def
            .repeating_ancestors(i)
            .iter()
            .any(|g| !self.in_scope.contains(g));
        let ty = match (outside, ty) {
            (true, Ty::List(inner)) => Ty::List(inner),
            (true, t) => Ty::List(Box::new(t)),
            (false, t) => t,
        };
        Ok(FieldTy { ty, options })
    }
}

fn typed(
    r: &mut Resolver<'_>,
    def: &FormDef,
    scope_field: Option<usize>,
    loc: Loc,
    src: &str,
    want_bool: bool,
) -> Option<(Expr, Ty)> {
    let e = r.parse_expr(loc.clone(), src)?;
    // Inside the items of every repeating group around the field; a condition or rule on a
    // repeating group itself stands outside its items (it sees them as lists).
    let in_scope = scope_field
        .map(|i| def.repeating_ancestors(i))
        .unwrap_or_default();
    let computed = r.computed.clone();
    let env = Scope {
        def,
        in_scope,
        computed: &computed,
    };
    match expr::check(&e, &env) {
        Ok(t) if want_bool && !matches!(t, Ty::Bool | Ty::Null) => {
            r.report(
                loc,
                format!("\"{src}\" must be a yes/no condition, but it gives a {t}"),
            );
            None
        }
        Ok(Ty::Group) => {
            r.report(
                loc,
                format!("\"{src}\" gives a group, which cannot be shown"),
            );
            None
        }
        Ok(t) => Some((e, t)),
        Err(m) => {
            r.report(loc, format!("in \"{src}\": {m}"));
            None
        }
    }
}

fn check_field_exprs(r: &mut Resolver<'_>, def: &mut FormDef, f: &RawField, i: usize) {
    if f.readonly
        && (matches!(
            f.kind,
            FieldKind::Group | FieldKind::Info | FieldKind::Computed | FieldKind::Signature
        ) || f.required
            || f.required_if.is_some())
    {
        r.report(
            field_loc(&f.id, "readonly"),
            "readonly is for answers the case fills in: not for groups, info, computed or signature fields, and never required (nobody can type it)",
        );
    }
    let scope = Some(i);
    if let Some(src) = &f.visible_if {
        def.fields[i].visible_if =
            typed(r, def, scope, field_loc(&f.id, "visible_if"), src, true).map(|(e, _)| e);
    }
    if let Some(src) = &f.required_if {
        def.fields[i].required_if =
            typed(r, def, scope, field_loc(&f.id, "required_if"), src, true).map(|(e, _)| e);
    }
    if let Some(src) = &f.value {
        if f.kind != FieldKind::Computed {
            r.report(
                field_loc(&f.id, "value"),
                "only computed fields have a value expression",
            );
        } else if let Some((e, t)) = typed(r, def, scope, field_loc(&f.id, "value"), src, false) {
            def.fields[i].value = Some(e);
            r.computed.insert(i, t);
        }
    }
}

fn check_rules(r: &mut Resolver<'_>, def: &mut FormDef, raw: &RawForm) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for rule in &raw.rules {
        let n = seen.entry(&rule.id).or_insert(0);
        let loc = |key| Loc::Rule {
            id: rule.id.clone(),
            nth: *n,
            key: Some(key),
        };
        if *n > 0 {
            r.report(loc("id"), format!("rule id '{}' is used twice", rule.id));
        }
        *n += 1;
        let loc = |key| Loc::Rule {
            id: rule.id.clone(),
            nth: seen[rule.id.as_str()] - 1,
            key: Some(key),
        };
        let Some(field) = def.field_index(&rule.path) else {
            r.report(
                loc("path"),
                format!(
                    "rule '{}' names field '{}', which does not exist",
                    rule.id, rule.path
                ),
            );
            continue;
        };
        if rule.message.trim().is_empty() || !rule.message.trim_end().ends_with(['.', '?', '!']) {
            r.report(
                loc("message"),
                "a message is a full sentence ending with a full stop",
            );
        }
        let message = r.terms(&loc("message"), &rule.message);
        for path in super::region::message_answers(&message) {
            match def.field_index(path) {
                None => r.report(
                    loc("message"),
                    format!("the message names answer '{{={path}}}', which is no field"),
                ),
                Some(i) if !def.repeating_ancestors(i).is_empty() => r.report(
                    loc("message"),
                    format!(
                        "the message names answer '{{={path}}}', which is in a repeating group"
                    ),
                ),
                Some(i)
                    if matches!(
                        def.fields[i].kind,
                        FieldKind::Group
                            | FieldKind::Info
                            | FieldKind::Computed
                            | FieldKind::Signature
                    ) =>
                {
                    r.report(
                        loc("message"),
                        format!("the message names '{{={path}}}', which has no answer to show"),
                    )
                }
                Some(_) => {}
            }
        }
        let when = rule
            .when
            .as_ref()
            .and_then(|w| typed(r, def, Some(field), loc("when"), w, true).map(|(e, _)| e));
        let Some((assert, _)) = typed(r, def, Some(field), loc("assert"), &rule.assert, true)
        else {
            continue;
        };
        if rule.when.is_some() && when.is_none() {
            continue;
        }
        def.rules.push(Rule {
            id: rule.id.clone(),
            field,
            when,
            assert,
            severity: rule.severity,
            message,
        });
    }
}

fn check_migrations(r: &mut Resolver<'_>, def: &mut FormDef, raw: &RawForm) {
    for m in &raw.migrations {
        let loc = Loc::Migration(m.from);
        if m.from >= def.version {
            r.report(
                loc.clone(),
                format!(
                    "a migration from version {} must be from before version {}",
                    m.from, def.version
                ),
            );
        }
        for (old, new) in &m.rename {
            if !is_schema_path(old) {
                r.report(loc.clone(), format!("'{old}' is not a field path"));
            }
            if def.field_index(new).is_none() {
                r.report(
                    loc.clone(),
                    format!(
                        "rename target '{new}' is not a field of version {}",
                        def.version
                    ),
                );
            }
        }
        def.migrations.push(Migration {
            from: m.from,
            rename: m
                .rename
                .iter()
                .map(|(a, b)| (a.clone(), b.clone()))
                .collect(),
            drop: m.drop.clone(),
        });
    }
    def.migrations.sort_by_key(|m| m.from);
}

/// Whether a field's options come from a list that differs per region.
fn is_regional(f: &RawField) -> bool {
    let from = f
        .options_from
        .as_deref()
        .or((f.kind == FieldKind::Organisation).then_some("partners"));
    f.options.is_none() && from.is_some_and(|l| l != "roles")
}
