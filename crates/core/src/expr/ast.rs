#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    List(Vec<Expr>),
    /// A field reference by its definition path (`betrokkene.geboortedatum`).
    Field(String),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Add,
    Sub,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::In => "in",
            BinOp::Add => "+",
            BinOp::Sub => "-",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Filled,
    Count,
    Age,
    Today,
    AddDays,
    AddMonths,
    DaysBetween,
    Len,
    Lower,
    AllIn,
}

impl Func {
    pub const ALL: [Func; 10] = [
        Func::Filled,
        Func::Count,
        Func::Age,
        Func::Today,
        Func::AddDays,
        Func::AddMonths,
        Func::DaysBetween,
        Func::Len,
        Func::Lower,
        Func::AllIn,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Func::Filled => "filled",
            Func::Count => "count",
            Func::Age => "age",
            Func::Today => "today",
            Func::AddDays => "add_days",
            Func::AddMonths => "add_months",
            Func::DaysBetween => "days_between",
            Func::Len => "len",
            Func::Lower => "lower",
            Func::AllIn => "all_in",
        }
    }

    pub fn by_name(name: &str) -> Option<Func> {
        Func::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl Expr {
    /// Every field path the expression reads, in order of appearance.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(&mut |e| {
            if let Expr::Field(p) = e {
                out.push(p.as_str());
            }
        });
        out
    }

    fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        f(self);
        match self {
            Expr::List(items) | Expr::Call(_, items) => items.iter().for_each(|e| e.walk(f)),
            Expr::Not(e) | Expr::Neg(e) => e.walk(f),
            Expr::Bin(_, a, b) => {
                a.walk(f);
                b.walk(f);
            }
            Expr::Null | Expr::Bool(_) | Expr::Num(_) | Expr::Str(_) | Expr::Field(_) => {}
        }
    }
}
