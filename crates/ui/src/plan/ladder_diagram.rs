//! The ladder as an SVG diagram beside the editor, drawn from the geometry the PDF uses too
//! (`llk_core::plan::ladder_layout`): the levels stacked from the lowest (bottom) to the
//! highest, arrows for scaling up (left) and down (right), clinical levels with a double
//! border and the route back to level 1 dashed. Its text alternative is the list under it,
//! which says the same in words (and which the picture points to).

pub use llk_core::plan::ladder_layout::DiagramLevel;
use llk_core::plan::ladder_layout::{self as geo, Anchor, Label, Rect};
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct LadderDiagramProps {
    pub levels: Vec<DiagramLevel>,
}

fn rect(r: &Rect, class: Option<&'static str>) -> Html {
    html! {
        <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()}
            rx={r.r.to_string()} class={class} />
    }
}

fn text(l: &Label, class: &'static str) -> Html {
    let anchor = match l.anchor {
        Anchor::Start => None,
        Anchor::Middle => Some("middle"),
        Anchor::End => Some("end"),
    };
    html! {
        <text x={l.x.to_string()} y={l.y.to_string()} text-anchor={anchor} {class}>{ l.text.clone() }</text>
    }
}

fn dash(d: Option<[f32; 2]>) -> Option<String> {
    d.map(|[a, b]| format!("{a} {b}"))
}

#[function_component(LadderDiagram)]
pub fn ladder_diagram(p: &LadderDiagramProps) -> Html {
    let n = p.levels.len();
    let d = geo::layout(&p.levels);
    let boxes = d.levels.iter().map(|b| {
        html! {
            <g class={classes!("llk-ladder__level", b.clinical.then_some("llk-ladder__level--clinical"))}>
                { rect(&b.outer, None) }
                if let Some(inner) = &b.inner { { rect(inner, Some("llk-ladder__inner")) } }
                { text(&b.name, "llk-ladder__name") }
                { text(&b.detail, "llk-ladder__detail") }
            </g>
        }
    });
    let arrows = d.arrows.iter().map(|a| {
        let points = a
            .points
            .iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect::<Vec<_>>()
            .join(" ");
        let class = match a.kind {
            geo::ArrowKind::Route => "llk-ladder__route",
            _ => "llk-ladder__arrows",
        };
        html! {
            <g {class}>
                <polyline points={points} marker-end="url(#llk-ladder-arrow)" stroke-dasharray={dash(a.dash)} fill="none" />
                if let Some(l) = &a.label { { text(l, "llk-ladder__label") } }
            </g>
        }
    });
    let summary = geo::summary(&p.levels);
    html! {
        <figure class="llk-plan__diagram" aria-labelledby="llk-ladder-caption">
            <figcaption class="llk-heading-4" id="llk-ladder-caption">{ "De ladder in beeld" }</figcaption>
            <svg class="llk-ladder" viewBox={format!("0 0 {} {}", d.width, d.height)} width={d.width.to_string()} height={d.height.to_string()}
                role="img" aria-labelledby="llk-ladder-title" aria-describedby="llk-ladder-text" focusable="false">
                <title id="llk-ladder-title">{ summary.clone() }</title>
                <defs>
                    <marker id="llk-ladder-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" />
                    </marker>
                </defs>
                { for arrows }
                { for boxes }
            </svg>
            <div id="llk-ladder-text" class="llk-plan__diagram-text">
                <p>{ summary }</p>
                <ol>
                    { for p.levels.iter().enumerate().map(|(k, l)| html! { <li>{ geo::describe(k, n, l) }</li> }) }
                </ol>
                <p class="llk-form-field__description">{ geo::LEGEND }</p>
            </div>
        </figure>
    }
}
