//! The levensloopplan's scenario ladder as vector graphics, after the scenario section:
//! the same diagram as beside the editor, from the same geometry
//! (`llk_core::plan::ladder_layout`), with its text alternative under it. The drawing is
//! one block: it starts on a new page when it does not fit, and is scaled down only when it
//! is taller than a whole page (eight levels).

use crate::content::Cx;
use crate::layout::{Layout, MARGIN_X, Style, TEXT_W, grey};
use llk_core::plan::ladder::levels;
use llk_core::plan::ladder_layout::{self as geo, Anchor, Label, Rect};
use printpdf::{
    LineDashPattern, LinePoint, Op, PaintMode, Point, Polygon, PolygonRing, Pt, WindingOrder,
};
use serde_json::Value;

const HEADING: Style = Style::new(11.0, true);
const NAME: Style = Style::new(9.5, true);
const DETAIL: Style = Style::new(8.0, false).grey(0.2);
const ARROW_LABEL: Style = Style::new(8.0, false).grey(0.2);
const TEXT: Style = Style::new(9.5, false);
const NOTE: Style = Style::new(8.5, false).grey(0.3);
/// The tallest drawing kept at full size: the page's text height less the heading's lines.
const MAX_H: f32 = 560.0;

/// Draws the ladder of a plan's `answers` (the answers as shown: anonymised ones too).
pub(crate) fn diagram(l: &mut Layout, cx: Cx<'_>, answers: &Value) {
    let items = levels(answers);
    if items.is_empty() {
        return;
    }
    let levels = geo::diagram_levels(cx.def, items);
    let d = geo::layout(&levels);
    let scale = (MAX_H / d.height).min(1.0);
    let (w, h) = (d.width * scale, d.height * scale);
    let summary = geo::summary(&levels);
    l.space(10.0);
    // Heading, summary and drawing stay together.
    l.keep(HEADING.size * 1.35 + 2.0 * TEXT.size * 1.35 + h + 12.0);
    l.tagged("H3", "De ladder in beeld", HEADING);
    l.tagged("P", &summary, TEXT);
    l.space(6.0);
    let top = l.reserve(h + 6.0);
    let left = MARGIN_X + (TEXT_W - w).clamp(0.0, 40.0);
    // The drawing, names and arrow labels included, is one figure; its words follow it.
    let fig = l.open("Figure");
    l.tags.set_alt(
        fig,
        format!("Schema van de ladder. {summary} Elk niveau staat hieronder in woorden."),
    );
    l.tags
        .set_attr(fig, "Layout", "BBox", bbox(left, top - h, left + w, top));
    let at = |(x, y): (f32, f32)| (left + x * scale, top - y * scale);
    let mut ops = Vec::new();
    for a in &d.arrows {
        let pts: Vec<(f32, f32)> = a.points.iter().copied().map(at).collect();
        ops.extend(path(&pts, false, PaintMode::Stroke, 1.2, a.dash, scale));
        let head: Vec<(f32, f32)> = a.head(7.0).into_iter().map(at).collect();
        ops.extend(path(&head, false, PaintMode::Fill, 0.0, None, scale));
    }
    for b in &d.levels {
        let width = if b.clinical { 2.0 } else { 1.2 };
        let outer = rounded(&b.outer, at);
        ops.extend(path(&outer, true, PaintMode::Stroke, width, None, scale));
        if let Some(inner) = &b.inner {
            let inner = rounded(inner, at);
            ops.extend(path(&inner, true, PaintMode::Stroke, 1.0, None, scale));
        }
    }
    l.draw(ops);
    for b in &d.levels {
        let max = (b.outer.w - 12.0) * scale;
        label(l, &b.name, NAME, at, scale, max);
        label(l, &b.detail, DETAIL, at, scale, max);
    }
    for lab in d.arrows.iter().filter_map(|a| a.label.as_ref()) {
        label(l, lab, ARROW_LABEL, at, scale, f32::MAX);
    }
    l.close();
    l.space(4.0);
    let n = levels.len();
    l.open("L");
    for (k, level) in levels.iter().enumerate() {
        l.open("LI");
        l.tagged("LBody", &geo::describe(k, n, level), TEXT);
        l.close();
    }
    l.close();
    l.space(2.0);
    l.tagged("P", geo::LEGEND, NOTE);
}

/// A figure's bounding box attribute value.
pub(crate) fn bbox(x0: f32, y0: f32, x1: f32, y1: f32) -> lopdf::Object {
    lopdf::Object::Array([x0, y0, x1, y1].map(lopdf::Object::Real).to_vec())
}

/// A label at its anchor, scaled with the drawing; smaller (not cut) when the font's widths
/// need more than `max` points.
fn label(
    l: &mut Layout,
    lab: &Label,
    style: Style,
    at: impl Fn((f32, f32)) -> (f32, f32),
    scale: f32,
    max: f32,
) {
    let text = l.fonts.drawable(&lab.text);
    let face = l.fonts.face(style.bold);
    let mut size = style.size * scale;
    let mut w = face.width(&text, size);
    if w > max {
        size = (size * max / w).max(5.0);
        w = face.width(&text, size);
    }
    let style = Style::new(size, style.bold).grey(style.grey);
    let (x, y) = at((lab.x, lab.y));
    let x = match lab.anchor {
        Anchor::Start => x,
        Anchor::Middle => x - w / 2.0,
        Anchor::End => x - w,
    };
    l.show(&text, x, y, style);
}

/// The outline of a rounded rectangle, as points with Bézier handles marked.
fn rounded(r: &Rect, at: impl Fn((f32, f32)) -> (f32, f32)) -> Vec<(f32, f32, bool)> {
    let (x, y, w, h, c) = (r.x, r.y, r.w, r.h, r.r);
    let k = c * 0.552;
    let p = |px: f32, py: f32, handle: bool| {
        let (qx, qy) = at((px, py));
        (qx, qy, handle)
    };
    vec![
        p(x + c, y, false),
        p(x + w - c, y, false),
        p(x + w - c + k, y, true),
        p(x + w, y + c - k, true),
        p(x + w, y + c, false),
        p(x + w, y + h - c, false),
        p(x + w, y + h - c + k, true),
        p(x + w - c + k, y + h, true),
        p(x + w - c, y + h, false),
        p(x + c, y + h, false),
        p(x + c - k, y + h, true),
        p(x, y + h - c + k, true),
        p(x, y + h - c, false),
        p(x, y + c, false),
        p(x, y + c - k, true),
        p(x + c - k, y, true),
        p(x + c, y, false),
    ]
}

trait PathPoint {
    fn point(&self) -> LinePoint;
}

impl PathPoint for (f32, f32) {
    fn point(&self) -> LinePoint {
        (self.0, self.1, false).point()
    }
}

impl PathPoint for (f32, f32, bool) {
    fn point(&self) -> LinePoint {
        LinePoint {
            p: Point {
                x: Pt(self.0),
                y: Pt(self.1),
            },
            bezier: self.2,
        }
    }
}

/// A stroked or filled path in near-black; `closed` paths are polygons, open ones lines.
fn path(
    points: &[impl PathPoint],
    closed: bool,
    mode: PaintMode,
    width: f32,
    dash: Option<[f32; 2]>,
    scale: f32,
) -> Vec<Op> {
    let points: Vec<LinePoint> = points.iter().map(PathPoint::point).collect();
    let mut ops = vec![
        Op::SaveGraphicsState,
        Op::SetOutlineColor { col: grey(0.1) },
        Op::SetFillColor { col: grey(0.1) },
        Op::SetOutlineThickness {
            pt: Pt(width * scale),
        },
    ];
    if let Some([on, off]) = dash {
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[on * scale, off * scale]),
        });
    }
    ops.push(if closed || mode == PaintMode::Fill {
        Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        }
    } else {
        Op::DrawLine {
            line: printpdf::Line {
                points,
                is_closed: false,
            },
        }
    });
    ops.push(Op::RestoreGraphicsState);
    ops
}
