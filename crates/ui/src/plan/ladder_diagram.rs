//! The ladder as an SVG diagram beside the editor: the levels stacked from the lowest
//! (bottom) to the highest, arrows for scaling up (left) and down (right), clinical levels
//! with a double border and the route back to level 1 dashed. Its text alternative is the
//! list under it, which says the same in words (and which the picture points to).

use yew::prelude::*;

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

#[derive(Debug, Properties, PartialEq)]
pub struct LadderDiagramProps {
    pub levels: Vec<DiagramLevel>,
}

const BOX_H: i32 = 52;
const GAP: i32 = 40;
const TOP: i32 = 10;

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn describe(i: usize, n: usize, l: &DiagramLevel) -> String {
    let mut s = format!("Niveau {}: {}", i + 1, l.name);
    if !l.intensity.is_empty() {
        s.push_str(&format!(" ({})", llk_core::text::lowercase(&l.intensity)));
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

#[function_component(LadderDiagram)]
pub fn ladder_diagram(p: &LadderDiagramProps) -> Html {
    let n = p.levels.len();
    let y_of = |k: usize| TOP + (n.saturating_sub(1 + k) as i32) * (BOX_H + GAP);
    let height = TOP * 2 + n as i32 * BOX_H + (n.saturating_sub(1) as i32) * GAP;
    let boxes = p.levels.iter().enumerate().map(|(k, l)| {
        let y = y_of(k);
        let line2 = match (l.clinical, l.route) {
            (true, false) => format!("{} – route terug ontbreekt", short(&l.intensity, 14)),
            (true, true) => format!("{} – route terug vast", short(&l.intensity, 14)),
            _ => short(&l.intensity, 34),
        };
        html! {
            <g class={classes!("llk-ladder__level", l.clinical.then_some("llk-ladder__level--clinical"))}>
                <rect x="40" y={y.to_string()} width="220" height={BOX_H.to_string()} rx="6" />
                if l.clinical {
                    <rect x="44" y={(y + 4).to_string()} width="212" height={(BOX_H - 8).to_string()} rx="4" class="llk-ladder__inner" />
                }
                <text x="150" y={(y + 22).to_string()} text-anchor="middle" class="llk-ladder__name">
                    { format!("{}. {}", k + 1, short(&l.name, 26)) }
                </text>
                <text x="150" y={(y + 40).to_string()} text-anchor="middle" class="llk-ladder__detail">{ line2 }</text>
            </g>
        }
    });
    let arrows = (0..n.saturating_sub(1)).map(|k| {
        let (lower, upper) = (y_of(k), y_of(k + 1) + BOX_H);
        html! {
            <g class="llk-ladder__arrows">
                <line x1="90" y1={(lower - 2).to_string()} x2="90" y2={(upper + 4).to_string()} marker-end="url(#llk-ladder-arrow)"
                    stroke-dasharray={(!p.levels[k].up).then_some("4 3")} />
                <text x="84" y={(upper + GAP / 2 + 4).to_string()} text-anchor="end" class="llk-ladder__label">{ "op" }</text>
                <line x1="210" y1={(upper + 2).to_string()} x2="210" y2={(lower - 4).to_string()} marker-end="url(#llk-ladder-arrow)"
                    stroke-dasharray={(!p.levels[k + 1].down).then_some("4 3")} />
                <text x="216" y={(upper + GAP / 2 + 4).to_string()} class="llk-ladder__label">{ "af" }</text>
            </g>
        }
    });
    let routes = p.levels.iter().enumerate().filter(|(k, l)| l.clinical && l.route && *k > 0).map(|(k, _)| {
        let from = y_of(k) + BOX_H / 2;
        let to = y_of(0) + BOX_H / 2;
        html! {
            <polyline class="llk-ladder__route" points={format!("260,{from} 290,{from} 290,{to} 264,{to}")}
                marker-end="url(#llk-ladder-arrow)" stroke-dasharray="6 4" fill="none" />
        }
    });
    let summary = format!(
        "Ladder met {n} niveaus, van {} (laagste) tot {} (hoogste).",
        p.levels.first().map_or("—", |l| l.name.as_str()),
        p.levels.last().map_or("—", |l| l.name.as_str())
    );
    html! {
        <figure class="llk-plan__diagram" aria-labelledby="llk-ladder-caption">
            <figcaption class="llk-heading-4" id="llk-ladder-caption">{ "De ladder in beeld" }</figcaption>
            <svg class="llk-ladder" viewBox={format!("0 0 300 {height}")} width="300" height={height.to_string()}
                role="img" aria-labelledby="llk-ladder-title" aria-describedby="llk-ladder-text" focusable="false">
                <title id="llk-ladder-title">{ summary.clone() }</title>
                <defs>
                    <marker id="llk-ladder-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" />
                    </marker>
                </defs>
                { for arrows }
                { for routes }
                { for boxes }
            </svg>
            <div id="llk-ladder-text" class="llk-plan__diagram-text">
                <p>{ summary }</p>
                <ol>
                    { for p.levels.iter().enumerate().map(|(k, l)| html! { <li>{ describe(k, n, l) }</li> }) }
                </ol>
                <p class="llk-form-field__description">{ "In de tekening: pijlen links voor opschalen, rechts voor afschalen; een stippellijn is nog niet beschreven. Een dubbele rand is een klinisch niveau; de gestippelde lijn rechts is de route terug." }</p>
            </div>
        </figure>
    }
}
