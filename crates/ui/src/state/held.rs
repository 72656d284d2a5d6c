//! The answers as an element outside the form holds them (`<llk-form>`'s `value`, its PDF
//! buttons): without standing in the way of the form changing its own in place.
//!
//! [`Answers::make_mut`] copies the answers while another `Answers` holds them; for a
//! [`WeakAnswers`] it only moves them (which then points nowhere). So the element holds a `Weak` to the form's
//! answers, which the form hands over with every change it makes (`llk-change`): a keystroke
//! then copies nothing, and whenever the host can ask (between keystrokes, never inside one)
//! the `Weak` points at the answers of now. What the element sets itself (a `value` from the
//! host, an empty form) it holds as `Answers` until the form reports a change.

use llk_core::answers::{Answers, WeakAnswers};
use serde_json::Value;

#[derive(Debug)]
pub enum HeldAnswers {
    /// Set by the element itself: its own.
    Own(Answers),
    /// The form's, as it last reported them.
    Form(WeakAnswers),
}

impl Default for HeldAnswers {
    fn default() -> Self {
        HeldAnswers::Own(Answers::new(Value::Null))
    }
}

impl HeldAnswers {
    /// The form reported a change: these are its answers now.
    pub fn changed(&mut self, answers: &Answers) {
        *self = HeldAnswers::Form(answers.downgrade());
    }

    /// The answers of now. `Null` only if the form went without [`keep`](Self::keep) first.
    pub fn get(&self) -> Answers {
        match self {
            HeldAnswers::Own(a) => a.clone(),
            HeldAnswers::Form(w) => w.upgrade().unwrap_or_default(),
        }
    }

    /// Before the form goes (its element shows an error, or is dropped): the answers stay.
    pub fn keep(&mut self) {
        if let HeldAnswers::Form(w) = self {
            *self = HeldAnswers::Own(w.upgrade().unwrap_or_default());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, FormState};
    use llk_core::Date;
    use serde_json::json;

    fn text_at(answers: &Value) -> *const u8 {
        answers["melder"]["naam"]
            .as_str()
            .map_or(std::ptr::null(), str::as_ptr)
    }

    #[test]
    fn keystrokes_copy_no_answers_while_the_element_holds_them() {
        let def = crate::state::tests::def();
        let today = Date::new(2026, 11, 24).expect("date");
        let mut state = FormState::new(&def);
        let mut held = HeldAnswers::default();
        let key = |s: &mut FormState, path: &str, text: &str| {
            s.reduce(
                &def,
                today,
                Action::Input {
                    path: path.into(),
                    value: json!(text),
                },
            )
        };
        key(&mut state, "melder.naam", "Fatima");
        held.changed(&state.answers);
        // Where an answer no keystroke touches keeps its text: a copy would move it.
        let untouched = text_at(&state.answers);
        for text in ["f", "f@", "f@politie.nl"] {
            key(&mut state, "melder.email", text);
            held.changed(&state.answers);
            assert_eq!(text_at(&state.answers), untouched, "not copied");
            assert_eq!(held.get()["melder"]["email"], json!(text));
        }
        // Another `Answers` (a field drawn with them) is what makes the one copy.
        let drawn = state.answers.clone();
        key(&mut state, "melder.email", "f@politie.nl.");
        assert_ne!(text_at(&state.answers), untouched, "copied once");
        assert_eq!(drawn["melder"]["email"], json!("f@politie.nl"));
        held.changed(&state.answers);
        // The form goes: what the element keeps stays.
        held.keep();
        drop(state);
        assert_eq!(held.get()["melder"]["email"], json!("f@politie.nl."));
    }
}
