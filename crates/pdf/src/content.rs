//! What goes on the pages: the title block, then per page of the definition its answered
//! fields (label above answer), groups with their fields indented, repeating groups as
//! numbered, ruled items, drawn signatures as vector strokes with name and date, and a
//! levensloopplan's scenario ladder as a diagram after its scenarios (`ladder.rs`).

use crate::RenderOptions;
use crate::layout::{Layout, MARGIN_X, Style, polyline};
use llk_core::Date;
use llk_core::answers::{AnswerEnv, Scope};
use llk_core::def::{Anonymise, FieldKind, FormDef};
use llk_core::display::display;
use serde_json::Value;

const TITLE: Style = Style::new(18.0, true);
const META: Style = Style::new(9.5, false).grey(0.25);
const SECTION: Style = Style::new(13.0, true);
const GROUP: Style = Style::new(11.0, true);
const LABEL: Style = Style::new(8.5, true).grey(0.35);
const ANSWER: Style = Style::new(10.5, false);
const INDENT: f32 = 12.0;
/// The signature pad's canvas (llk-ui `signature_pad.rs`) is 600 × 200; drawn at 30 %.
const PAD_W: f32 = 600.0;
const PAD_H: f32 = 200.0;
const PAD_SCALE: f32 = 0.3;

pub(crate) fn title_block(l: &mut Layout, def: &FormDef, opts: &RenderOptions) {
    l.tagged("H1", &def.title, TITLE);
    l.space(4.0);
    l.tagged("P", &format!("Regio: {}", opts.region_name), META);
    if let Some(zvh) = &opts.zvh {
        l.tagged("P", &format!("Zorg- en Veiligheidshuis: {zvh}"), META);
    }
    l.tagged(
        "P",
        &format!(
            "Formulier {} (versie {}), aangemaakt op {}",
            def.id,
            def.version,
            opts.created.dutch()
        ),
        META,
    );
    if opts.anonymised {
        l.space(6.0);
        l.tagged(
            "P",
            "Geanonimiseerde weergave: zonder namen, BSN, adres- en contactgegevens; personen \
             alleen met initialen, geboortejaar en gemeente. Vrije tekst is niet door de kit \
             te anonimiseren: controleer die voor u deze weergave deelt.",
            Style::new(9.5, true),
        );
    }
    l.rule(0.6);
}

/// What the fields are rendered with.
#[derive(Clone, Copy)]
pub(crate) struct Cx<'a> {
    pub def: &'a FormDef,
    /// The answers as given: conditions (`visible_if`) are evaluated on these, also when
    /// the anonymised answers are shown, which have the same shape.
    pub original: &'a Value,
    pub today: Date,
    pub anonymised: bool,
}

impl Cx<'_> {
    /// Hidden fields are not shown, as on the check-your-answers page.
    fn visible(&self, i: usize, scope: &Scope) -> bool {
        AnswerEnv {
            def: self.def,
            root: self.original,
            scope: scope.clone(),
            today: self.today,
        }
        .visible(i)
    }
}

pub(crate) fn pages(l: &mut Layout, cx: Cx<'_>, answers: &Value) {
    let def = cx.def;
    for page in &def.pages {
        let shown: Vec<usize> = page
            .fields
            .iter()
            .copied()
            .filter(|&i| cx.visible(i, &Vec::new()))
            .filter(|&i| has_answer(def, i, answers.get(&def.fields[i].key)))
            .collect();
        if shown.is_empty() {
            continue;
        }
        l.space(8.0);
        // A heading never ends a page on its own.
        l.keep(60.0);
        l.tagged("H2", &page.title, SECTION);
        l.space(2.0);
        for i in shown {
            field(l, cx, i, answers.get(&def.fields[i].key), 0.0, &Vec::new());
        }
        if def.id == llk_core::plan::PLAN_FORM && page.id == "scenarios" {
            crate::ladder::diagram(l, cx, answers);
        }
    }
}

fn has_answer(def: &FormDef, i: usize, v: Option<&Value>) -> bool {
    let f = &def.fields[i];
    let Some(v) = v else { return false };
    match f.kind {
        FieldKind::Group => match v {
            Value::Array(items) => !items.is_empty(),
            Value::Object(map) => f
                .children
                .iter()
                .any(|&c| has_answer(def, c, map.get(&def.fields[c].key))),
            _ => false,
        },
        FieldKind::Info | FieldKind::Computed => false,
        FieldKind::Signature => llk_core::signature::is_given(v),
        _ => display(f, v).is_some(),
    }
}

pub(crate) fn field(
    l: &mut Layout,
    cx: Cx<'_>,
    i: usize,
    v: Option<&Value>,
    indent: f32,
    scope: &Scope,
) {
    let def = cx.def;
    let f = &def.fields[i];
    let Some(v) = v.filter(|v| has_answer(def, i, Some(v))) else {
        return;
    };
    if !cx.visible(i, scope) {
        return;
    }
    match (f.kind, v) {
        // A repeating group is one table: a row per item, its header the item's number, a
        // cell per field (empty when the item leaves it out), so every row has as many cells.
        (FieldKind::Group, Value::Array(items)) => {
            l.space(4.0);
            l.keep(50.0);
            l.tagged(heading_at(indent), &f.label, GROUP.indent(indent));
            let item_label = f.repeat.as_ref().map_or("Item", |r| r.item_label.as_str());
            l.open("Table");
            for (n, item) in items.iter().enumerate() {
                l.keep(50.0);
                l.rule(0.8);
                l.open("TR");
                let th = l.open("TH");
                l.tags
                    .set_attr(th, "Table", "Scope", lopdf::Object::Name(b"Row".to_vec()));
                l.text(
                    &format!("{} {} van {}", capitalised(item_label), n + 1, items.len()),
                    Style::new(10.0, true).indent(indent + INDENT),
                );
                l.close();
                let mut inner = scope.clone();
                inner.push((i, n));
                for &c in &f.children {
                    l.open("TD");
                    field(
                        l,
                        cx,
                        c,
                        item.get(&def.fields[c].key),
                        indent + INDENT,
                        &inner,
                    );
                    l.close();
                }
                l.close();
            }
            l.close();
            l.rule(0.8);
        }
        (FieldKind::Group, _) => {
            l.space(4.0);
            l.keep(50.0);
            l.tagged(heading_at(indent), &f.label, GROUP.indent(indent));
            for &c in &f.children {
                field(l, cx, c, v.get(&def.fields[c].key), indent + INDENT, scope);
            }
        }
        (FieldKind::Signature, _) => signature(l, f, v, indent),
        (FieldKind::MultiChoice, Value::Array(items)) => {
            l.space(3.0);
            l.keep(LABEL.size * 1.35 + ANSWER.size * 1.35);
            l.tagged("P", &f.label, LABEL.indent(indent));
            // One option a line, a list for screen readers.
            let options = items
                .iter()
                .filter_map(Value::as_str)
                .map(|s| f.option_label(s).unwrap_or(s));
            l.open("L");
            for option in options {
                l.bullet(option, ANSWER.indent(indent));
            }
            l.close();
        }
        _ => {
            let Some(text) = display(f, v) else { return };
            let label = match f.anonymise.filter(|_| cx.anonymised) {
                Some(Anonymise::Initials) => format!("{} (initialen)", f.label),
                Some(Anonymise::Year) => {
                    format!("{} (alleen het jaar)", f.label)
                }
                _ => f.label.clone(),
            };
            l.space(3.0);
            // The label stays with at least the first line of its answer.
            l.keep(LABEL.size * 1.35 + ANSWER.size * 1.35);
            // Label and answer are two paragraphs: read in turn, as they are shown.
            l.tagged("P", &label, LABEL.indent(indent));
            l.tagged("P", &text, ANSWER.indent(indent));
        }
    }
}

/// A drawn signature as strokes in a box, then name, role (the field's `signers`) and date;
/// a typed one as its text.
fn signature(l: &mut Layout, f: &llk_core::def::Field, v: &Value, indent: f32) {
    let label = f.label.as_str();
    let strokes = llk_core::signature::strokes(v);
    let box_h = PAD_H * PAD_SCALE;
    l.space(3.0);
    l.keep(LABEL.size * 1.35 + box_h + 30.0);
    l.tagged("P", label, LABEL.indent(indent));
    let name = v.get("name").and_then(Value::as_str).unwrap_or("").trim();
    let date = v
        .get("date")
        .and_then(Value::as_str)
        .map(|d| Date::parse_iso(d).map_or_else(|| d.to_string(), Date::to_dutch));
    if !strokes.is_empty() {
        let top = l.reserve(box_h + 4.0) - 2.0;
        let left = MARGIN_X + indent;
        let right = left + PAD_W * PAD_SCALE;
        // The line under it is decoration; the strokes are a figure with words for it.
        l.artifact(polyline(
            &[(left, top - box_h), (right, top - box_h)],
            0.5,
            0.6,
        ));
        let fig = l.open("Figure");
        l.tags.set_alt(fig, signature_alt(name, date.as_deref()));
        l.tags.set_attr(
            fig,
            "Layout",
            "BBox",
            crate::ladder::bbox(left, top - box_h, right, top),
        );
        let mut ops = Vec::new();
        for stroke in strokes {
            let pts: Vec<(f32, f32)> = stroke
                .iter()
                .map(|&(x, y)| {
                    (
                        left + (x as f32).clamp(0.0, PAD_W) * PAD_SCALE,
                        top - (y as f32).clamp(0.0, PAD_H) * PAD_SCALE,
                    )
                })
                .collect();
            ops.extend(polyline(&pts, 1.2, 0.05));
        }
        l.draw(ops);
        l.close();
    }
    if let Some(t) = llk_core::signature::typed(v) {
        l.tagged(
            "P",
            &format!("Getypte handtekening: {t}"),
            ANSWER.indent(indent),
        );
    }
    let role = f
        .signers
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let who = match (name.is_empty(), role) {
        (false, Some(r)) => format!("{name} ({r})"),
        (false, None) => name.to_string(),
        (true, Some(r)) => r.to_string(),
        (true, None) => String::new(),
    };
    let line = [Some(who).filter(|w| !w.is_empty()), date]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    if !line.is_empty() {
        l.tagged("P", &line, ANSWER.indent(indent));
    }
}

/// What a screen reader says for a drawn signature.
pub(crate) fn signature_alt(name: &str, date: Option<&str>) -> String {
    match (name.is_empty(), date) {
        (false, Some(d)) => format!("Handtekening van {name}, {d}"),
        (false, None) => format!("Handtekening van {name}"),
        (true, Some(d)) => format!("Handtekening, {d}"),
        (true, None) => "Handtekening".into(),
    }
}

/// A group's heading: H3 at the top level, a level deeper for each group it is in.
fn heading_at(indent: f32) -> &'static str {
    crate::tags::heading(3 + (indent / INDENT).round() as usize)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
