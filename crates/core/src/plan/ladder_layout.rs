//! The geometry of the ladder diagram, in one place for both pictures of it: the SVG beside
//! the editor (llk-ui `ladder_diagram.rs`) and the drawing in the plan's PDF (llk-pdf
//! `ladder.rs`). Levels are stacked from the lowest (bottom) to the highest; arrows for
//! scaling up run on the left, for scaling down on the right (dashed while the transition
//! is not described); a clinical level has a double border and, once described, a dashed
//! route back to level 1 on the far right.
//!
//! Coordinates are diagram units with the origin at the top left and y pointing down (SVG
//! user units; the PDF draws one unit as one point and flips y).

use crate::answers::is_filled;
use crate::def::FormDef;
use serde_json::Value;

/// What the diagram shows of one level.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramLevel {
    pub name: String,
    /// The care intensity as its label ("Klinisch"), empty when not chosen.
    pub intensity: String,
    pub clinical: bool,
    /// A clinical level's route back is described.
    pub route: bool,
    /// The way up (to the next level) is described.
    pub up: bool,
    /// The way down (to the previous level) is described.
    pub down: bool,
}

/// The diagram's view of the plan's `scenarios` items (in ladder order), with the care
/// intensity labelled by the definition.
pub fn diagram_levels<'a>(
    def: &FormDef,
    levels: impl IntoIterator<Item = &'a Value>,
) -> Vec<DiagramLevel> {
    let intensity = def.field("scenarios.zorgintensiteit");
    levels
        .into_iter()
        .enumerate()
        .map(|(i, l)| DiagramLevel {
            name: super::ladder::level_name(l, i),
            intensity: l
                .get("zorgintensiteit")
                .and_then(Value::as_str)
                .map(|v| {
                    intensity
                        .and_then(|f| f.option_label(v))
                        .unwrap_or(v)
                        .to_string()
                })
                .unwrap_or_default(),
            clinical: super::ladder::is_clinical(l),
            route: l.get("route_terug").is_some_and(is_filled),
            up: l.get("opschalen").is_some_and(is_filled),
            down: l.get("afschalen").is_some_and(is_filled),
        })
        .collect()
}

pub const WIDTH: f32 = 300.0;
const BOX_X: f32 = 40.0;
const BOX_W: f32 = 220.0;
const BOX_H: f32 = 52.0;
const GAP: f32 = 40.0;
const TOP: f32 = 10.0;
const UP_X: f32 = 90.0;
const DOWN_X: f32 = 210.0;
const ROUTE_X: f32 = 290.0;
/// The dash pattern of a transition that is not described yet, and of the route back.
pub const DASH_MISSING: [f32; 2] = [4.0, 3.0];
pub const DASH_ROUTE: [f32; 2] = [6.0, 4.0];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// Corner radius.
    pub r: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A line of text; `y` is its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub x: f32,
    pub y: f32,
    pub anchor: Anchor,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LevelBox {
    pub outer: Rect,
    /// The second border of a clinical level.
    pub inner: Option<Rect>,
    pub clinical: bool,
    /// "2. Spanning loopt op" (bold).
    pub name: Label,
    /// The care intensity, and for a clinical level whether its route back is set.
    pub detail: Label,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrowKind {
    Up,
    Down,
    Route,
}

/// A line with an arrowhead at its last point.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    pub kind: ArrowKind,
    pub points: Vec<(f32, f32)>,
    pub dash: Option<[f32; 2]>,
    /// "op" or "af" beside the arrow; none for the route back.
    pub label: Option<Label>,
}

impl Arrow {
    /// The arrowhead as a triangle of `len` units whose tip is the last point.
    pub fn head(&self, len: f32) -> [(f32, f32); 3] {
        let n = self.points.len();
        let tip = self.points[n - 1];
        let from = if n > 1 { self.points[n - 2] } else { tip };
        let (dx, dy) = (tip.0 - from.0, tip.1 - from.1);
        let d = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
        let (ux, uy) = (dx / d, dy / d);
        let (bx, by) = (tip.0 - ux * len, tip.1 - uy * len);
        let half = len * 0.45;
        [
            tip,
            (bx - uy * half, by + ux * half),
            (bx + uy * half, by - ux * half),
        ]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LadderLayout {
    pub width: f32,
    pub height: f32,
    pub levels: Vec<LevelBox>,
    /// Up and down arrows between neighbours, then the routes back.
    pub arrows: Vec<Arrow>,
}

/// At most `n` characters, with "…" when cut.
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The diagram for `levels` (lowest first).
pub fn layout(levels: &[DiagramLevel]) -> LadderLayout {
    let n = levels.len();
    let y_of = |k: usize| TOP + n.saturating_sub(1 + k) as f32 * (BOX_H + GAP);
    let height = TOP * 2.0 + n as f32 * BOX_H + n.saturating_sub(1) as f32 * GAP;
    let boxes = levels
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let y = y_of(k);
            let detail = match (l.clinical, l.route) {
                (true, false) => format!("{} – route terug ontbreekt", short(&l.intensity, 14)),
                (true, true) => format!("{} – route terug vast", short(&l.intensity, 14)),
                _ => short(&l.intensity, 34),
            };
            let centre = BOX_X + BOX_W / 2.0;
            LevelBox {
                outer: Rect {
                    x: BOX_X,
                    y,
                    w: BOX_W,
                    h: BOX_H,
                    r: 6.0,
                },
                inner: l.clinical.then_some(Rect {
                    x: BOX_X + 4.0,
                    y: y + 4.0,
                    w: BOX_W - 8.0,
                    h: BOX_H - 8.0,
                    r: 4.0,
                }),
                clinical: l.clinical,
                name: Label {
                    x: centre,
                    y: y + 22.0,
                    anchor: Anchor::Middle,
                    text: format!("{}. {}", k + 1, short(&l.name, 26)),
                },
                detail: Label {
                    x: centre,
                    y: y + 40.0,
                    anchor: Anchor::Middle,
                    text: detail,
                },
            }
        })
        .collect();
    let mut arrows = Vec::new();
    for k in 0..n.saturating_sub(1) {
        let (lower, upper) = (y_of(k), y_of(k + 1) + BOX_H);
        let mid = upper + GAP / 2.0 + 4.0;
        arrows.push(Arrow {
            kind: ArrowKind::Up,
            points: vec![(UP_X, lower - 2.0), (UP_X, upper + 4.0)],
            dash: (!levels[k].up).then_some(DASH_MISSING),
            label: Some(Label {
                x: UP_X - 6.0,
                y: mid,
                anchor: Anchor::End,
                text: "op".into(),
            }),
        });
        arrows.push(Arrow {
            kind: ArrowKind::Down,
            points: vec![(DOWN_X, upper + 2.0), (DOWN_X, lower - 4.0)],
            dash: (!levels[k + 1].down).then_some(DASH_MISSING),
            label: Some(Label {
                x: DOWN_X + 6.0,
                y: mid,
                anchor: Anchor::Start,
                text: "af".into(),
            }),
        });
    }
    for (k, _) in levels
        .iter()
        .enumerate()
        .filter(|(k, l)| l.clinical && l.route && *k > 0)
    {
        let from = y_of(k) + BOX_H / 2.0;
        let to = y_of(0) + BOX_H / 2.0;
        let right = BOX_X + BOX_W;
        arrows.push(Arrow {
            kind: ArrowKind::Route,
            points: vec![
                (right, from),
                (ROUTE_X, from),
                (ROUTE_X, to),
                (right + 4.0, to),
            ],
            dash: Some(DASH_ROUTE),
            label: None,
        });
    }
    LadderLayout {
        width: WIDTH,
        height,
        levels: boxes,
        arrows,
    }
}

/// The diagram in one sentence (its title).
pub fn summary(levels: &[DiagramLevel]) -> String {
    format!(
        "Ladder met {} niveaus, van {} (laagste) tot {} (hoogste).",
        levels.len(),
        levels.first().map_or("—", |l| l.name.as_str()),
        levels.last().map_or("—", |l| l.name.as_str())
    )
}

/// Level `i` of `n` in words: the diagram's text alternative, one sentence group a level.
pub fn describe(i: usize, n: usize, l: &DiagramLevel) -> String {
    let mut s = format!("Niveau {}: {}", i + 1, l.name);
    if !l.intensity.is_empty() {
        s.push_str(&format!(" ({})", crate::text::lowercase(&l.intensity)));
    }
    s.push('.');
    if i + 1 < n {
        s.push_str(if l.up {
            " Opschalen is beschreven."
        } else {
            " Opschalen is nog niet beschreven."
        });
    }
    if i > 0 {
        s.push_str(if l.down {
            " Afschalen is beschreven."
        } else {
            " Afschalen is nog niet beschreven."
        });
    }
    if l.clinical {
        s.push_str(if l.route {
            " De route terug naar reguliere zorg is vastgelegd."
        } else {
            " De route terug naar reguliere zorg ontbreekt."
        });
    }
    s
}

/// How to read the drawing (under it, in the editor and in the PDF).
pub const LEGEND: &str = "In de tekening: pijlen links voor opschalen, rechts voor afschalen; een stippellijn is nog niet beschreven. Een dubbele rand is een klinisch niveau; de gestippelde lijn rechts is de route terug.";

#[cfg(test)]
mod tests {
    use super::*;

    fn level(name: &str, clinical: bool, route: bool) -> DiagramLevel {
        DiagramLevel {
            name: name.into(),
            intensity: if clinical { "Klinisch" } else { "Ambulant" }.into(),
            clinical,
            route,
            up: true,
            down: false,
        }
    }

    #[test]
    fn levels_stack_from_the_bottom_with_arrows_between_neighbours_and_a_route_back() {
        let levels = [
            level("Stabiel", false, false),
            level("Crisis", false, false),
            level("Klinische opname", true, true),
        ];
        let d = layout(&levels);
        assert_eq!(d.height, 20.0 + 3.0 * 52.0 + 2.0 * 40.0);
        // Level 1 lowest: the largest y.
        assert!(d.levels[0].outer.y > d.levels[1].outer.y);
        assert!(d.levels[1].outer.y > d.levels[2].outer.y);
        assert_eq!(d.levels[2].name.text, "3. Klinische opname");
        assert!(d.levels[2].inner.is_some() && d.levels[0].inner.is_none());
        assert_eq!(d.levels[2].detail.text, "Klinisch – route terug vast");
        let kinds: Vec<_> = d.arrows.iter().map(|a| a.kind).collect();
        use ArrowKind::*;
        assert_eq!(kinds, [Up, Down, Up, Down, Route]);
        // Up described (solid), down not (dashed).
        assert_eq!(d.arrows[0].dash, None);
        assert_eq!(d.arrows[1].dash, Some(DASH_MISSING));
        // Up arrows point up (y decreases), down arrows down; everything inside the frame.
        assert!(d.arrows[0].points[1].1 < d.arrows[0].points[0].1);
        assert!(d.arrows[1].points[1].1 > d.arrows[1].points[0].1);
        for a in &d.arrows {
            for &(x, y) in &a.points {
                assert!((0.0..=d.width).contains(&x) && (0.0..=d.height).contains(&y));
            }
        }
        let head = d.arrows[0].head(7.0);
        assert_eq!(head[0], d.arrows[0].points[1]);
        assert!(head[1].1 > head[0].1 && head[2].1 > head[0].1);
    }

    #[test]
    fn long_names_are_shortened_and_descriptions_say_what_is_missing() {
        let mut l = level(&"x".repeat(40), true, false);
        l.up = false;
        let d = layout(std::slice::from_ref(&l));
        assert_eq!(d.levels[0].name.text.chars().count(), 3 + 26);
        assert!(d.levels[0].name.text.ends_with('…'));
        assert!(d.arrows.is_empty());
        let text = describe(1, 3, &l);
        assert!(text.contains("Opschalen is nog niet beschreven."));
        assert!(text.contains("route terug naar reguliere zorg ontbreekt"));
    }
}
