//! Evaluation with three-valued logic (see the module docs of `expr`).

use super::ast::{BinOp, Expr, Func};
use crate::date::Date;

#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Bool(bool),
    Num(f64),
    Text(String),
    Date(Date),
    List(Vec<Val>),
    /// A group: how many items (repeating) or answered fields (plain) it has.
    Group(usize),
}

impl Val {
    /// Whether this counts as answered: `filled()`.
    pub fn is_filled(&self) -> bool {
        match self {
            Val::Null => false,
            Val::Text(s) => !s.trim().is_empty(),
            Val::List(items) => !items.is_empty(),
            Val::Group(n) => *n > 0,
            Val::Bool(_) | Val::Num(_) | Val::Date(_) => true,
        }
    }

    /// A condition holds only when it is definitely true.
    pub fn is_true(&self) -> bool {
        matches!(self, Val::Bool(true))
    }

    /// An assertion fails only when it is definitely false.
    pub fn is_false(&self) -> bool {
        matches!(self, Val::Bool(false))
    }
}

/// What an expression sees while it runs.
pub trait Env {
    /// The value of a field path, resolved from where the expression stands.
    fn field(&self, path: &str) -> Val;
    fn today(&self) -> Date;
}

pub fn eval(e: &Expr, env: &dyn Env) -> Val {
    match e {
        Expr::Null => Val::Null,
        Expr::Bool(b) => Val::Bool(*b),
        Expr::Num(n) => Val::Num(*n),
        Expr::Str(s) => Val::Text(s.clone()),
        Expr::List(items) => Val::List(items.iter().map(|i| eval(i, env)).collect()),
        Expr::Field(p) => env.field(p),
        Expr::Not(x) => match eval(x, env) {
            Val::Bool(b) => Val::Bool(!b),
            _ => Val::Null,
        },
        Expr::Neg(x) => match eval(x, env) {
            Val::Num(n) => Val::Num(-n),
            _ => Val::Null,
        },
        Expr::Bin(BinOp::And, a, b) => kleene(eval(a, env), || eval(b, env), false),
        Expr::Bin(BinOp::Or, a, b) => kleene(eval(a, env), || eval(b, env), true),
        Expr::Bin(op, a, b) => {
            let literal_null = matches!(**a, Expr::Null) || matches!(**b, Expr::Null);
            binary(*op, eval(a, env), eval(b, env), literal_null)
        }
        Expr::Call(f, args) => call(*f, args, env),
    }
}

/// Kleene and/or: `dominant` decides at once (false for and, true for or).
fn kleene(a: Val, b: impl FnOnce() -> Val, dominant: bool) -> Val {
    if a == Val::Bool(dominant) {
        return a;
    }
    let b = b();
    match (a, b) {
        (_, Val::Bool(x)) if x == dominant => Val::Bool(dominant),
        (Val::Bool(_), Val::Bool(y)) => Val::Bool(y),
        _ => Val::Null,
    }
}

fn binary(op: BinOp, a: Val, b: Val, literal_null: bool) -> Val {
    if literal_null && matches!(op, BinOp::Eq | BinOp::Ne) {
        // `x == null` asks "is x unanswered?", which always has an answer.
        let same = !a.is_filled() && !b.is_filled();
        return Val::Bool(if op == BinOp::Eq { same } else { !same });
    }
    if a == Val::Null || b == Val::Null {
        return Val::Null;
    }
    match op {
        BinOp::Eq => Val::Bool(a == b),
        BinOp::Ne => Val::Bool(a != b),
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let ord = match (&a, &b) {
                (Val::Num(x), Val::Num(y)) => x.partial_cmp(y),
                (Val::Date(x), Val::Date(y)) => Some(x.cmp(y)),
                _ => None,
            };
            let Some(ord) = ord else { return Val::Null };
            Val::Bool(match op {
                BinOp::Lt => ord.is_lt(),
                BinOp::Le => ord.is_le(),
                BinOp::Gt => ord.is_gt(),
                _ => ord.is_ge(),
            })
        }
        BinOp::In => match b {
            Val::List(items) => Val::Bool(items.contains(&a)),
            _ => Val::Null,
        },
        BinOp::Add | BinOp::Sub => {
            let sign = if op == BinOp::Add { 1.0 } else { -1.0 };
            match (a, b) {
                (Val::Num(x), Val::Num(y)) => Val::Num(x + sign * y),
                (Val::Date(d), Val::Num(n)) => days(d, sign * n),
                (Val::Date(x), Val::Date(y)) if op == BinOp::Sub => {
                    Val::Num((x.to_days() - y.to_days()) as f64)
                }
                _ => Val::Null,
            }
        }
        BinOp::And | BinOp::Or => Val::Null,
    }
}

fn days(d: Date, n: f64) -> Val {
    if !n.is_finite() || n.abs() > 4_000_000.0 {
        return Val::Null;
    }
    d.add_days(n.trunc() as i64).map_or(Val::Null, Val::Date)
}

fn call(f: Func, args: &[Expr], env: &dyn Env) -> Val {
    let arg = |i: usize| args.get(i).map_or(Val::Null, |a| eval(a, env));
    match f {
        Func::Filled => Val::Bool(arg(0).is_filled()),
        Func::Count => match arg(0) {
            Val::List(items) => Val::Num(items.len() as f64),
            Val::Group(n) => Val::Num(n as f64),
            Val::Null => Val::Num(0.0),
            _ => Val::Num(1.0),
        },
        Func::Age => match arg(0) {
            Val::Date(d) => Val::Num(d.years_until(env.today()) as f64),
            _ => Val::Null,
        },
        Func::Today => Val::Date(env.today()),
        Func::AddDays => match (arg(0), arg(1)) {
            (Val::Date(d), Val::Num(n)) => days(d, n),
            _ => Val::Null,
        },
        Func::AddMonths => match (arg(0), arg(1)) {
            (Val::Date(d), Val::Num(n)) if n.is_finite() && n.abs() < 120_000.0 => {
                d.add_months(n.trunc() as i64).map_or(Val::Null, Val::Date)
            }
            _ => Val::Null,
        },
        Func::DaysBetween => match (arg(0), arg(1)) {
            (Val::Date(a), Val::Date(b)) => Val::Num((b.to_days() - a.to_days()) as f64),
            _ => Val::Null,
        },
        Func::Len => match arg(0) {
            Val::Text(s) => Val::Num(s.chars().count() as f64),
            _ => Val::Null,
        },
        Func::Lower => match arg(0) {
            Val::Text(s) => Val::Text(crate::text::lowercase(&s)),
            _ => Val::Null,
        },
        // Every item of the first list is in the second: unknown while either is unanswered.
        Func::AllIn => match (arg(0), arg(1)) {
            (Val::List(a), Val::List(b)) => Val::Bool(a.iter().all(|x| b.contains(x))),
            _ => Val::Null,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    struct Answers;
    impl Env for Answers {
        fn field(&self, path: &str) -> Val {
            match path {
                "geboren" => Val::Date(Date::new(2009, 1, 1).expect("date")),
                "rol" => Val::Text("politie".into()),
                "gebieden" => Val::List(vec![Val::Text("wonen".into())]),
                _ => Val::Null,
            }
        }
        fn today(&self) -> Date {
            Date::new(2026, 11, 24).expect("date")
        }
    }

    fn run(src: &str) -> Val {
        eval(&parse(src).expect("parses"), &Answers)
    }

    #[test]
    fn three_valued_logic() {
        assert_eq!(run("age(geboren) >= 18"), Val::Bool(false));
        assert_eq!(run("age(leeg) >= 18"), Val::Null);
        assert_eq!(run("age(leeg) >= 18 or rol == 'politie'"), Val::Bool(true));
        assert_eq!(run("age(leeg) >= 18 and rol == 'om'"), Val::Bool(false));
        assert_eq!(run("not (leeg == 'x')"), Val::Null);
        assert_eq!(run("leeg == null"), Val::Bool(true));
        assert_eq!(run("rol != null"), Val::Bool(true));
        assert_eq!(run("'wonen' in gebieden"), Val::Bool(true));
        assert_eq!(run("count(gebieden) + count(leeg)"), Val::Num(1.0));
        assert_eq!(
            run("days_between(geboren, add_days(geboren, 10))"),
            Val::Num(10.0)
        );
        assert_eq!(run("add_months(geboren, 1) - geboren"), Val::Num(31.0));
    }
}
