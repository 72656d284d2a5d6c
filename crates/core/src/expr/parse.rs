//! Tokeniser and precedence-climbing parser. Depth is bounded so hostile input cannot
//! overflow the stack.

use super::ast::{BinOp, Expr, Func};
use std::fmt;

const MAX_DEPTH: usize = 64;
const MAX_LEN: usize = 4_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Character offset in the expression where the problem is.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.offset + 1)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Sym(&'static str),
}

fn tokenize(src: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let err = |offset, message: &str| ParseError {
        offset,
        message: message.to_string(),
    };
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '\'' {
            i += 1;
            let mut s = String::new();
            loop {
                match chars.get(i) {
                    None => return Err(err(start, "unterminated string")),
                    Some(&q) if q == c => break,
                    Some('\\') if chars.get(i + 1).is_some_and(|n| *n == c || *n == '\\') => {
                        s.push(chars[i + 1]);
                        i += 2;
                    }
                    Some(&ch) => {
                        s.push(ch);
                        i += 1;
                    }
                }
            }
            i += 1;
            out.push((start, Tok::Str(s)));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let n = crate::number::parse_number(&text)
                .ok_or_else(|| err(start, &format!("bad number '{text}'")))?;
            out.push((start, Tok::Num(n)));
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '_' | '.'))
            {
                i += 1;
            }
            out.push((start, Tok::Ident(chars[start..i].iter().collect())));
        } else {
            let two: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let sym = ["==", "!=", "<=", ">="]
                .into_iter()
                .find(|s| *s == two)
                .or_else(|| {
                    ["<", ">", "+", "-", "(", ")", "[", "]", ","]
                        .into_iter()
                        .find(|s| s.starts_with(c))
                });
            match sym {
                Some(s) => {
                    i += s.len();
                    out.push((start, Tok::Sym(s)));
                }
                None if c == '=' => return Err(err(start, "use '==' to compare")),
                None => return Err(err(start, &format!("unexpected character '{c}'"))),
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
    depth: usize,
}

/// Parses an expression. Errors say where and what, in English (they reach form authors
/// through `llk check`, never end users).
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    if src.len() > MAX_LEN {
        return Err(ParseError {
            offset: 0,
            message: format!("expression longer than {MAX_LEN} characters"),
        });
    }
    let toks = tokenize(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        end: src.chars().count(),
        depth: 0,
    };
    if p.toks.is_empty() {
        return Err(ParseError {
            offset: 0,
            message: "empty expression".into(),
        });
    }
    let e = p.expr(0)?;
    match p.toks.get(p.pos) {
        None => Ok(e),
        Some((off, t)) => Err(ParseError {
            offset: *off,
            message: format!("unexpected {}", describe(t)),
        }),
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => format!("'{s}'"),
        Tok::Str(s) => format!("string \"{s}\""),
        Tok::Num(n) => format!("number {}", crate::number::plain_number(*n)),
        Tok::Sym(s) => format!("'{s}'"),
    }
}

// Binding power per operator; higher binds tighter.
fn infix(t: &Tok) -> Option<(BinOp, u8)> {
    Some(match t {
        Tok::Ident(w) if w == "or" => (BinOp::Or, 1),
        Tok::Ident(w) if w == "and" => (BinOp::And, 2),
        Tok::Sym("==") => (BinOp::Eq, 4),
        Tok::Sym("!=") => (BinOp::Ne, 4),
        Tok::Sym("<") => (BinOp::Lt, 4),
        Tok::Sym("<=") => (BinOp::Le, 4),
        Tok::Sym(">") => (BinOp::Gt, 4),
        Tok::Sym(">=") => (BinOp::Ge, 4),
        Tok::Ident(w) if w == "in" => (BinOp::In, 4),
        Tok::Sym("+") => (BinOp::Add, 5),
        Tok::Sym("-") => (BinOp::Sub, 5),
        _ => return None,
    })
}

impl Parser {
    fn err<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        let offset = self.toks.get(self.pos).map_or(self.end, |(o, _)| *o);
        Err(ParseError {
            offset,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn eat(&mut self, sym: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Sym(s)) if *s == sym) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, sym: &str) -> Result<(), ParseError> {
        if self.eat(sym) {
            Ok(())
        } else {
            match self.peek() {
                Some(t) => self.err(format!("expected '{sym}', found {}", describe(t))),
                None => self.err(format!("expected '{sym}' at the end")),
            }
        }
    }

    fn expr(&mut self, min_bp: u8) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("expression nested too deeply");
        }
        let mut lhs = self.prefix()?;
        while let Some((op, bp)) = self.peek().and_then(infix) {
            if bp <= min_bp {
                break;
            }
            self.pos += 1;
            // Comparisons do not chain: `a < b < c` is an error, not a surprise.
            let rhs = self.expr(if bp == 4 { bp + 1 } else { bp })?;
            if bp == 4 && matches!(self.peek().and_then(infix), Some((_, 4))) {
                return self.err("comparisons cannot be chained; use 'and'");
            }
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn prefix(&mut self) -> Result<Expr, ParseError> {
        let Some((_, tok)) = self.toks.get(self.pos).cloned() else {
            return self.err("expression ends too early");
        };
        self.pos += 1;
        match tok {
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Sym("(") => {
                let e = self.expr(0)?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Sym("[") => {
                let items = self.list("]")?;
                Ok(Expr::List(items))
            }
            Tok::Sym("-") => Ok(Expr::Neg(Box::new(self.expr(5)?))),
            Tok::Ident(w) => match w.as_str() {
                "true" => Ok(Expr::Bool(true)),
                "false" => Ok(Expr::Bool(false)),
                "null" => Ok(Expr::Null),
                "not" => Ok(Expr::Not(Box::new(self.expr(3)?))),
                "and" | "or" | "in" => {
                    self.pos -= 1;
                    self.err(format!("'{w}' needs something on its left"))
                }
                _ if self.eat("(") => {
                    let Some(f) = Func::by_name(&w) else {
                        self.pos -= 2;
                        let known: Vec<_> = Func::ALL.iter().map(|f| f.name()).collect();
                        return self.err(format!(
                            "unknown function '{w}' (known: {})",
                            known.join(", ")
                        ));
                    };
                    Ok(Expr::Call(f, self.list(")")?))
                }
                _ => {
                    if !crate::path::is_schema_path(&w) {
                        self.pos -= 1;
                        return self.err(format!("'{w}' is not a field path"));
                    }
                    Ok(Expr::Field(w))
                }
            },
            Tok::Sym(s) => {
                self.pos -= 1;
                self.err(format!("unexpected '{s}'"))
            }
        }
    }

    fn list(&mut self, close: &str) -> Result<Vec<Expr>, ParseError> {
        let mut items = Vec::new();
        if self.eat(close) {
            return Ok(items);
        }
        loop {
            items.push(self.expr(0)?);
            if self.eat(close) {
                return Ok(items);
            }
            self.expect(",")?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence() {
        let e = parse("a == 'x' or b and not c").expect("parses");
        let Expr::Bin(BinOp::Or, _, rhs) = e else {
            panic!("or at the top")
        };
        assert!(matches!(*rhs, Expr::Bin(BinOp::And, _, _)));
        assert_eq!(
            parse("add_months(x.y, 1) <= z").expect("parses"),
            Expr::Bin(
                BinOp::Le,
                Box::new(Expr::Call(
                    Func::AddMonths,
                    vec![Expr::Field("x.y".into()), Expr::Num(1.0)]
                )),
                Box::new(Expr::Field("z".into()))
            )
        );
    }

    #[test]
    fn errors_point_somewhere() {
        for (src, at) in [
            ("a = 1", 2),
            ("a ==", 4),
            ("foo(1)", 0),
            ("(a", 2),
            ("'x", 0),
            ("a < b < c", 6),
            ("a $ b", 2),
            ("and a", 0),
        ] {
            let e = parse(src).expect_err(src);
            assert_eq!(e.offset, at, "{src}: {e}");
        }
        let deep = "(".repeat(200) + "a" + &")".repeat(200);
        assert!(parse(&deep).is_err());
    }
}
