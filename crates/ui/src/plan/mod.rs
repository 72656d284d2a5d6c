//! The levensloopplan editor: not a flat form but the plan a levensloopteam works from for
//! years. The answers are exactly those of the `levensloopplan` definition, so validation
//! is llk-core's and the PDF reads the same data; on top come the scenario ladder, the
//! versions with their diff, the deadlines and the herhaald-agenderen review.
//!
//! Speed: one keystroke re-renders one item. Every section and every item is its own
//! component whose props are only its own answers and messages (compared by value), and
//! callbacks are created once, so Yew skips everything the keystroke did not touch.

pub mod state;

mod actions;
mod beeldvorming;
mod checklist;
mod deadlines;
mod diff_view;
mod editor;
mod fields;
mod goals;
mod header;
mod ladder_diagram;
mod level;
mod review;
mod scenarios;
mod team;
mod versions;

pub use actions::{ActionItem, ActionItemProps, ActionsEditor, ActionsEditorProps};
pub use beeldvorming::{Beeldvorming, BeeldvormingProps};
pub use checklist::{RegistrationChecklist, RegistrationChecklistProps};
pub use deadlines::{DeadlineWarnings, DeadlineWarningsProps};
pub use diff_view::{VersionDiff, VersionDiffProps};
pub use editor::{PlanEditor, PlanEditorProps};
pub use goals::{Goal, GoalProps, GoalsEditor, GoalsEditorProps};
pub use header::{PlanHeader, PlanHeaderProps};
pub use ladder_diagram::{DiagramLevel, LadderDiagram, LadderDiagramProps};
pub use level::{ScenarioLevel, ScenarioLevelProps};
pub use review::{ReviewPanel, ReviewPanelProps};
pub use scenarios::{ScenarioBuilder, ScenarioBuilderProps};
pub use team::{TeamEditor, TeamEditorProps, TeamMember, TeamMemberProps};
pub use versions::{VersionList, VersionListProps};

use crate::DefRef;
use crate::state::Action;
use llk_core::Date;
use yew::Callback;

/// What every plan component needs: the definition, today, and the one (stable) callback
/// for field actions.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanCtx {
    pub def: DefRef,
    pub today: Date,
    pub on_action: Callback<Action>,
}

/// A part of the answers (an item, a section) shared between renders: the editor keeps the
/// same `Rc` while the part is unchanged, so comparing props is a pointer comparison and
/// an unchanged item costs neither a clone nor a deep compare in its component.
#[derive(Debug, Clone)]
pub struct Part(pub std::rc::Rc<serde_json::Value>);

impl PartialEq for Part {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Part {
    type Target = serde_json::Value;
    fn deref(&self) -> &serde_json::Value {
        &self.0
    }
}

/// Lists longer than this are marked `llk-plan__list--long`: the stylesheet lets the browser
/// skip laying out and painting their items while off screen.
pub const LONG_LIST: usize = 12;

/// The class of a list of `n` items.
pub fn list_class(n: usize) -> yew::Classes {
    yew::classes!(
        "llk-plan__list",
        (n > LONG_LIST).then_some("llk-plan__list--long")
    )
}
