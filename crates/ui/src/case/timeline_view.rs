//! The case's timeline as a picture (SVG: documents as dots, events as diamonds, opnames and
//! detenties as bars, deadlines ahead as open rings on one time axis) with its text
//! equivalent beside it: an ordered list that says every item, so the picture is never the
//! only way to learn anything (WCAG 1.1.1).

use llk_core::Date;
use llk_core::case::{TimelineItem, TimelineKind};
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct CaseTimelineProps {
    pub items: Vec<TimelineItem>,
    pub today: Date,
}

const W: f64 = 640.0;
const H: f64 = 96.0;
const PAD: f64 = 16.0;
const AXIS_Y: f64 = 56.0;

#[function_component(CaseTimeline)]
pub fn case_timeline(p: &CaseTimelineProps) -> Html {
    if p.items.is_empty() {
        return html! { <p>{ "Er staat nog niets in dit dossier." }</p> };
    }
    let first = p.items.iter().map(|i| i.start).min().unwrap_or(p.today);
    let last = p
        .items
        .iter()
        .map(|i| i.end.unwrap_or(i.start))
        .max()
        .unwrap_or(p.today)
        .max(p.today);
    let span = (last.to_days() - first.to_days()).max(1) as f64;
    let x = |d: Date| PAD + (d.to_days() - first.to_days()) as f64 / span * (W - 2.0 * PAD);
    let today_x = x(p.today);
    // The window's own label starts a sentence in the list; here it is said in one.
    let window = if p.items.iter().any(|i| i.kind == TimelineKind::Window) {
        " De balk onder de as toont de twee jaar stabiel ‘buiten’ van uitstroomcriterium 1."
    } else {
        ""
    };
    let summary = format!(
        "Tijdlijn van {} tot {}: {} documenten, {} gebeurtenissen en {} termijnen.{window} De lijst hieronder noemt ze allemaal.",
        first.to_dutch(),
        last.to_dutch(),
        p.items
            .iter()
            .filter(|i| i.kind == TimelineKind::Document)
            .count(),
        p.items
            .iter()
            .filter(|i| i.kind == TimelineKind::Event)
            .count(),
        p.items
            .iter()
            .filter(|i| i.kind == TimelineKind::Deadline)
            .count(),
    );
    let marks = p.items.iter().map(|i| {
        let cx = x(i.start);
        let title = i.describe();
        match i.kind {
            TimelineKind::Document => html! {
                <circle class="llk-case-tl__doc" cx={format!("{cx:.1}")} cy={AXIS_Y.to_string()} r="5"><title>{ title }</title></circle>
            },
            TimelineKind::Deadline => html! {
                <circle class={classes!("llk-case-tl__deadline", i.overdue.then_some("llk-case-tl__deadline--overdue"))} cx={format!("{cx:.1}")} cy={AXIS_Y.to_string()} r="6"><title>{ title }</title></circle>
            },
            TimelineKind::Event if i.end.is_some() || i.ongoing => {
                let end = i.end.map_or(today_x, x);
                html! {
                    <rect class="llk-case-tl__span" x={format!("{cx:.1}")} y="24" height="10" width={format!("{:.1}", (end - cx).max(3.0))}><title>{ title }</title></rect>
                }
            }
            TimelineKind::Event => html! {
                <path class="llk-case-tl__event" d={format!("M{cx:.1} 30 l6 6 l-6 6 l-6 -6 z")}><title>{ title }</title></path>
            },
            TimelineKind::Window => {
                let end = i.end.map_or(today_x, x);
                html! {
                    <rect class="llk-case-tl__window" x={format!("{cx:.1}")} y="64" height="6" width={format!("{:.1}", (end - cx).max(3.0))}><title>{ title }</title></rect>
                }
            }
        }
    });
    html! {
        <figure class="llk-case-tl">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={summary.clone()} focusable="false">
                <line class="llk-case-tl__axis" x1={PAD.to_string()} x2={(W - PAD).to_string()} y1={AXIS_Y.to_string()} y2={AXIS_Y.to_string()} />
                <line class="llk-case-tl__today" x1={format!("{today_x:.1}")} x2={format!("{today_x:.1}")} y1="16" y2={(AXIS_Y + 12.0).to_string()} />
                <text class="llk-case-tl__label" x={format!("{:.1}", today_x.min(W - 60.0))} y="88">{ "vandaag" }</text>
                <text class="llk-case-tl__label" x={PAD.to_string()} y="88">{ first.to_dutch() }</text>
                { for marks }
            </svg>
            <figcaption>
                <p class="llk-visually-hidden">{ summary }</p>
                <ol class="llk-case-tl__list">
                    { for p.items.iter().map(|i| html! {
                        <li class={classes!("llk-case-tl__item", format!("llk-case-tl__item--{}", kind_class(i.kind)), i.overdue.then_some("llk-caseload__overdue"))}>{ i.describe() }</li>
                    }) }
                </ol>
            </figcaption>
        </figure>
    }
}

fn kind_class(k: TimelineKind) -> &'static str {
    match k {
        TimelineKind::Document => "document",
        TimelineKind::Event => "event",
        TimelineKind::Deadline => "deadline",
        TimelineKind::Window => "window",
    }
}
