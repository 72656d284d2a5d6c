//! The small, safe expression language of `visible_if`, `required_if`, rules and computed
//! values. No loops, no assignment, no host access: an expression sees the answers (through
//! [`Env`]) and today's date, nothing else.
//!
//! Logic is three-valued (Kleene): a comparison with an unanswered field is *unknown*
//! ([`Val::Null`]). A condition that is unknown counts as false (the field stays hidden, the
//! rule does not apply); an assertion that is unknown counts as passed, because a missing
//! answer is the `required` check's business, not every rule's.

mod ast;
mod check;
mod eval;
mod parse;

pub use ast::{BinOp, Expr, Func};
pub use check::{FieldTy, Ty, TypeEnv, check};
pub use eval::{Env, Val, eval};
pub use parse::{ParseError, parse};
