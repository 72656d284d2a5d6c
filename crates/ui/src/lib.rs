//! levensloopkit UI: Yew components that render any checked [`FormDef`].
//!
//! - [`state`]: the form state as a pure reducer (answers, step, shown diagnostics, error
//!   summary), tested natively;
//! - [`format`]: showing answers (dates as `dd-mm-jjjj`, option labels, …);
//! - [`plan`]: the levensloopplan editor (sections, scenario builder, versions, diff);
//! - one component a file: [`FormView`] (the whole form), [`ErrorSummary`], [`Progress`],
//!   [`FieldView`], [`GroupView`], [`RepeatGroup`], [`TextInput`], [`TextArea`],
//!   [`RadioGroup`], [`CheckboxGroup`], [`SelectInput`], [`SignaturePad`], [`CheckAnswers`].
//!
//! Validation follows the NL Design System: on blur and on submit, never while typing; an
//! error summary above the form whose heading gets focus; the message above the field, tied
//! with `aria-describedby`. This crate knows no JavaScript boundary and no clock: "today" is
//! a property.

pub mod case;
pub mod format;
pub mod plan;
pub mod state;

mod check_answers;
mod checkbox_group;
mod concepten;
mod draft_bar;
mod draft_notice;
mod error_summary;
mod field;
mod form_view;
mod group;
mod pdf_actions;
mod progress;
mod radio_group;
mod repeat_group;
mod select_input;
mod signature_pad;
mod text_area;
mod text_input;

pub use check_answers::{CheckAnswers, CheckAnswersProps};
pub use checkbox_group::{CheckboxGroup, CheckboxGroupProps};
pub use concepten::{ConceptItem, Concepten, ConceptenProps};
pub use draft_bar::{DraftBar, DraftBarProps};
pub use draft_notice::{DraftNoticeProps, DraftNoticeView};
pub use error_summary::{ErrorSummary, ErrorSummaryProps, SummaryItem};
pub use field::{FieldView, FieldViewProps};
pub use form_view::{FormView, FormViewProps, Msg as FormMsg};
pub use group::{GroupView, GroupViewProps};
pub use pdf_actions::{PdfAction, PdfActions, PdfActionsProps, PdfOutcome, PdfRequest};
pub use progress::{Progress, ProgressProps};
pub use radio_group::{RadioGroup, RadioGroupProps};
pub use repeat_group::{RepeatGroup, RepeatGroupProps};
pub use select_input::{SelectInput, SelectInputProps};
pub use signature_pad::{SignaturePad, SignaturePadProps};
pub use text_area::{TextArea, TextAreaProps};
pub use text_input::{TextInput, TextInputProps};

use llk_core::answers::Answers;
use llk_core::answers::Scope;
use llk_core::def::FormDef;
use llk_core::{Date, Diagnostic};
use std::rc::Rc;
use yew::Callback;

/// A shared, checked definition; equal when it is the same definition (pointer equality),
/// so components re-render on a new definition, not on every answer.
#[derive(Debug, Clone)]
pub struct DefRef(pub Rc<FormDef>);

impl PartialEq for DefRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for DefRef {
    type Target = FormDef;
    fn deref(&self) -> &FormDef {
        &self.0
    }
}

/// What every field component needs to know about the form it is in.
#[derive(Debug, Clone)]
pub struct FieldCtx {
    pub def: DefRef,
    pub answers: Answers,
    /// The diagnostics currently shown next to fields (set on blur and on submit).
    pub shown: Rc<Vec<Diagnostic>>,
    pub today: Date,
    pub on_action: Callback<state::Action>,
    /// Answers typed since the form last drew, which the browser shows but the fields' props
    /// did not: these fields draw again, so that their input takes the value of now (a
    /// keystroke that changes nothing else is not drawn by the form, see `FormView`).
    /// Empty where nobody types unseen (the plan editor).
    pub undrawn: Rc<[String]>,
}

/// By pointer, as [`DefRef`]: `Rc`'s own `==` compares the answers themselves, and Yew
/// compares the props of every field on every keystroke (200 fields × 200 answers). A field
/// tells for itself whether its own answer changed ([`FieldView`]'s `changed`).
impl PartialEq for FieldCtx {
    fn eq(&self, other: &Self) -> bool {
        self.def == other.def
            && self.answers == other.answers
            && Rc::ptr_eq(&self.shown, &other.shown)
            && self.today == other.today
            && self.on_action == other.on_action
            && self.undrawn == other.undrawn
    }
}

impl FieldCtx {
    pub fn env(&self, scope: &Scope) -> llk_core::answers::AnswerEnv<'_> {
        llk_core::answers::AnswerEnv {
            def: &self.def,
            root: &self.answers,
            scope: scope.clone(),
            today: self.today,
        }
    }
}

/// The DOM id of the element for an answer path (`partners[1].email` → `llk-partners-1--email`).
/// Unique inside one form: segments never contain `-`.
pub fn dom_id(path: &str) -> String {
    let mut out = String::from("llk-");
    for c in path.chars() {
        match c {
            '.' | '[' => out.push('-'),
            ']' => out.push('-'),
            c => out.push(c),
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The id of the error summary heading, which gets focus after a failed submit.
pub const SUMMARY_HEADING_ID: &str = "llk-error-summary-heading";
/// The id of the page heading, which gets focus when a step changes.
pub const PAGE_HEADING_ID: &str = "llk-page-heading";

#[cfg(test)]
mod tests {
    use super::dom_id;

    #[test]
    fn dom_ids_are_distinct_and_valid() {
        assert_eq!(dom_id("betrokkene.bsn"), "llk-betrokkene-bsn");
        assert_eq!(dom_id("partners[1].email"), "llk-partners-1--email");
        assert_eq!(dom_id("partners"), "llk-partners");
        assert_ne!(dom_id("a.b1"), dom_id("a[1]"));
    }
}
