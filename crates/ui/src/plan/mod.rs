//! The levensloopplan editor: not a flat form but the plan a levensloopteam works from for
//! years. The answers are exactly those of the `levensloopplan` definition, so validation
//! is llk-core's and the PDF reads the same data; on top come the scenario ladder, the
//! versions with their diff, the deadlines and the herhaald-agenderen review.
//!
//! Speed: one keystroke re-renders one item. Every section and every item is its own
//! component whose props are only its own answers (a [`Part`], the same `Rc` while
//! unchanged, compared by pointer) and messages, derived data (the team's names, the
//! versions, the diff) is shared the same way and rebuilt only when its inputs change, and
//! callbacks are created once, so Yew skips everything the keystroke did not touch. The
//! host is told *that* the plan changed ([`PlanAnswers`] copies the answers only when
//! asked), so a keystroke never copies the whole plan.

pub mod state;

mod actions;
mod beeldvorming;
mod checklist;
mod deadlines;
mod derived;
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
pub use editor::{PlanAnswers, PlanEditor, PlanEditorProps};
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

/// Data shared between renders and compared by pointer: the editor keeps the same `Rc`
/// while the data is unchanged, so comparing props costs neither a clone nor a deep compare.
#[derive(Debug)]
pub struct Shared<T>(pub std::rc::Rc<T>);

impl<T> Shared<T> {
    pub fn new(v: T) -> Shared<T> {
        Shared(std::rc::Rc::new(v))
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A part of the answers (an item, a section), shared between renders (see [`Shared`]).
pub type Part = Shared<serde_json::Value>;

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
