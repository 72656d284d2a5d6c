//! Static type checking, run when a definition loads, so that a typo in a condition is an
//! error for the form author instead of a field that silently never appears.

use super::ast::{BinOp, Expr, Func};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// The literal `null`: fits anywhere.
    Null,
    Bool,
    Num,
    Text,
    Date,
    List(Box<Ty>),
    /// A group (an object, or the items of a repeating group): only `filled` and `count`.
    Group,
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Null => write!(f, "null"),
            Ty::Bool => write!(f, "yes/no"),
            Ty::Num => write!(f, "number"),
            Ty::Text => write!(f, "text"),
            Ty::Date => write!(f, "date"),
            Ty::List(t) => write!(f, "list of {t}"),
            Ty::Group => write!(f, "group"),
        }
    }
}

/// What an expression may know of a field: its type as seen from where the expression
/// stands (a field in another item of a repeating group reads as a list), and its allowed
/// values if it is a choice.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldTy {
    pub ty: Ty,
    pub options: Option<Vec<String>>,
}

pub trait TypeEnv {
    /// Resolves a field path, or says why it cannot be read.
    fn field(&self, path: &str) -> Result<FieldTy, String>;
}

fn fits(a: &Ty, b: &Ty) -> bool {
    match (a, b) {
        (Ty::Null, _) | (_, Ty::Null) => true,
        (Ty::List(x), Ty::List(y)) => fits(x, y),
        _ => a == b,
    }
}

/// Type-checks an expression and returns its type.
pub fn check(e: &Expr, env: &dyn TypeEnv) -> Result<Ty, String> {
    Ok(match e {
        Expr::Null => Ty::Null,
        Expr::Bool(_) => Ty::Bool,
        Expr::Num(_) => Ty::Num,
        Expr::Str(_) => Ty::Text,
        Expr::List(items) => {
            let mut elem = Ty::Null;
            for item in items {
                let t = check(item, env)?;
                if !fits(&elem, &t) {
                    return Err(format!("a list mixes {elem} and {t}"));
                }
                if t != Ty::Null {
                    elem = t;
                }
            }
            Ty::List(Box::new(elem))
        }
        Expr::Field(p) => env.field(p)?.ty,
        Expr::Not(x) => want(x, env, &Ty::Bool, "'not'")?,
        Expr::Neg(x) => want(x, env, &Ty::Num, "'-'")?,
        Expr::Bin(op, a, b) => binary(*op, a, b, env)?,
        Expr::Call(f, args) => call(*f, args, env)?,
    })
}

fn want(e: &Expr, env: &dyn TypeEnv, ty: &Ty, what: &str) -> Result<Ty, String> {
    let t = check(e, env)?;
    if fits(&t, ty) {
        Ok(ty.clone())
    } else {
        Err(format!("{what} needs a {ty}, but {} is a {t}", show(e)))
    }
}

fn show(e: &Expr) -> String {
    match e {
        Expr::Field(p) => format!("'{p}'"),
        Expr::Str(s) => format!("\"{s}\""),
        Expr::Num(n) => crate::number::plain_number(*n),
        Expr::Call(f, _) => format!("{}(…)", f.name()),
        _ => "the expression".into(),
    }
}

fn binary(op: BinOp, a: &Expr, b: &Expr, env: &dyn TypeEnv) -> Result<Ty, String> {
    let (ta, tb) = (check(a, env)?, check(b, env)?);
    let mismatch = || {
        format!(
            "'{}' cannot combine {} ({ta}) with {} ({tb})",
            op.symbol(),
            show(a),
            show(b)
        )
    };
    match op {
        BinOp::And | BinOp::Or => {
            want(a, env, &Ty::Bool, &format!("'{}'", op.symbol()))?;
            want(b, env, &Ty::Bool, &format!("'{}'", op.symbol()))?;
            Ok(Ty::Bool)
        }
        BinOp::Eq | BinOp::Ne => {
            if !fits(&ta, &tb) {
                return Err(mismatch());
            }
            check_option(a, b, env)?;
            check_option(b, a, env)?;
            Ok(Ty::Bool)
        }
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let ordered = |t: &Ty| matches!(t, Ty::Num | Ty::Date | Ty::Null);
            if !fits(&ta, &tb) || !ordered(&ta) || !ordered(&tb) {
                return Err(format!(
                    "{} (only numbers or dates can be ordered)",
                    mismatch()
                ));
            }
            Ok(Ty::Bool)
        }
        BinOp::In => {
            let Ty::List(elem) = &tb else {
                return Err(format!(
                    "'in' needs a list on its right, but {} is a {tb}",
                    show(b)
                ));
            };
            if !fits(&ta, elem) {
                return Err(mismatch());
            }
            // `x in ["a", "b"]`: each string must be an option of x;
            // `"a" in multi`: the string must be an option of multi.
            if let Expr::List(items) = b {
                for item in items {
                    check_option(a, item, env)?;
                }
            }
            check_option(b, a, env)?;
            Ok(Ty::Bool)
        }
        BinOp::Add | BinOp::Sub => match (&ta, &tb, op) {
            (Ty::Num | Ty::Null, Ty::Num | Ty::Null, _) => Ok(Ty::Num),
            (Ty::Date, Ty::Num | Ty::Null, _) => Ok(Ty::Date),
            (Ty::Date, Ty::Date, BinOp::Sub) => Ok(Ty::Num),
            _ => Err(mismatch()),
        },
    }
}

/// When `field` is a choice field and `lit` a string literal, the literal must be one of the
/// field's option values: `rol == "poltie"` is a typo, not a condition that is never true.
fn check_option(field: &Expr, lit: &Expr, env: &dyn TypeEnv) -> Result<(), String> {
    let (Expr::Field(path), Expr::Str(value)) = (field, lit) else {
        return Ok(());
    };
    match env.field(path)?.options {
        Some(options) if !options.iter().any(|o| o == value) => Err(format!(
            "\"{value}\" is not an option of '{path}' (options: {})",
            options.join(", ")
        )),
        _ => Ok(()),
    }
}

fn call(f: Func, args: &[Expr], env: &dyn TypeEnv) -> Result<Ty, String> {
    let arity = |n: usize| {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!(
                "{}() takes {n} argument(s), not {}",
                f.name(),
                args.len()
            ))
        }
    };
    let name = format!("{}()", f.name());
    match f {
        Func::Filled => {
            arity(1)?;
            check(&args[0], env)?;
            Ok(Ty::Bool)
        }
        Func::Count => {
            arity(1)?;
            match check(&args[0], env)? {
                Ty::List(_) | Ty::Group | Ty::Null => Ok(Ty::Num),
                t => Err(format!(
                    "count() needs a list or a group, but {} is a {t}",
                    show(&args[0])
                )),
            }
        }
        Func::Age => {
            arity(1)?;
            want(&args[0], env, &Ty::Date, &name)?;
            Ok(Ty::Num)
        }
        Func::Today => {
            arity(0)?;
            Ok(Ty::Date)
        }
        Func::AddDays | Func::AddMonths => {
            arity(2)?;
            want(&args[0], env, &Ty::Date, &name)?;
            want(&args[1], env, &Ty::Num, &name)?;
            Ok(Ty::Date)
        }
        Func::DaysBetween => {
            arity(2)?;
            want(&args[0], env, &Ty::Date, &name)?;
            want(&args[1], env, &Ty::Date, &name)?;
            Ok(Ty::Num)
        }
        Func::Len => {
            arity(1)?;
            want(&args[0], env, &Ty::Text, &name)?;
            Ok(Ty::Num)
        }
        Func::Lower => {
            arity(1)?;
            want(&args[0], env, &Ty::Text, &name)?;
            Ok(Ty::Text)
        }
        Func::AllIn => {
            arity(2)?;
            for a in args {
                match check(a, env)? {
                    Ty::List(_) | Ty::Null => {}
                    t => {
                        return Err(format!(
                            "all_in() needs two lists, but {} is a {t}",
                            show(a)
                        ));
                    }
                }
            }
            Ok(Ty::Bool)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    struct Env;
    impl TypeEnv for Env {
        fn field(&self, path: &str) -> Result<FieldTy, String> {
            let (ty, options) = match path {
                "geboren" => (Ty::Date, None),
                "aantal" => (Ty::Num, None),
                "rol" => (
                    Ty::Text,
                    Some(vec!["politie".to_string(), "om".to_string()]),
                ),
                "gebieden" => (
                    Ty::List(Box::new(Ty::Text)),
                    Some(vec!["wonen".to_string()]),
                ),
                "partners" => (Ty::Group, None),
                _ => return Err(format!("unknown field '{path}'")),
            };
            Ok(FieldTy { ty, options })
        }
    }

    fn ty(src: &str) -> Result<Ty, String> {
        check(&parse(src).expect("parses"), &Env)
    }

    #[test]
    fn accepts_sound_expressions() {
        for src in [
            "age(geboren) >= 18",
            "rol in ['politie', 'om'] and count(partners) > 0",
            "'wonen' in gebieden or not filled(geboren)",
            "add_months(geboren, 24) <= today()",
            "geboren - today() < 0",
            "rol == null",
        ] {
            assert_eq!(ty(src), Ok(Ty::Bool), "{src}");
        }
    }

    #[test]
    fn rejects_mismatches_with_reasons() {
        for (src, needle) in [
            ("geboren == 3", "cannot combine"),
            ("rol == 'poltie'", "not an option"),
            ("'werk' in gebieden", "not an option"),
            ("rol in ['om', 'dji']", "not an option"),
            ("onbekend == 1", "unknown field"),
            ("age(aantal) > 1", "needs a date"),
            ("aantal and true", "needs a yes/no"),
            ("rol < 'om'", "ordered"),
            ("count(aantal) > 1", "list or a group"),
            ("today(1)", "takes 0"),
        ] {
            let err = ty(src).expect_err(src);
            assert!(err.contains(needle), "{src}: {err}");
        }
    }
}
