//! The definition language: one form or region file as `llk check forms` reads it, the
//! JSON bundle the browser loads, and the expressions inside both.

use crate::fixtures::{catalog, today};
use llk_core::Catalog;
use llk_core::Date;
use llk_core::catalog::Source;
use llk_core::def::{self, NATIONAL, RawForm, RawRegion};
use llk_core::expr::{self, Env, FieldTy, Ty, TypeEnv, Val};

/// The input as a form definition (checked against every real region, as
/// `Catalog::load_dir` does) and as a region file (over the national one, with a real form).
pub fn form_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let regions = real_regions();
    if let Ok(raw) = def::parse_form_toml("fuzz.toml", text) {
        let form = Source {
            file: format!("{}.toml", raw.form.id),
            text: Some(text.to_string()),
            raw,
        };
        report(Catalog::build(vec![form], regions.clone()));
    }
    if let Ok(raw) = def::parse_region_toml("regions/fuzz.toml", text) {
        let mut regions: Vec<_> = regions
            .into_iter()
            .filter(|r| r.raw.region.id == NATIONAL && raw.region.id != NATIONAL)
            .collect();
        regions.push(Source {
            file: format!("regions/{}.toml", raw.region.id),
            text: Some(text.to_string()),
            raw,
        });
        report(Catalog::build(vec![real_form("triage")], regions));
    }
}

/// `Catalog::from_bundle_json`: the browser's definitions, checked again on load.
pub fn bundle_json(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        report(Catalog::from_bundle_json(text));
    }
}

/// An expression parsed, type-checked against a few fields of every type, and evaluated
/// (also when the check refused it: evaluation must not depend on the check to be safe).
pub fn expr(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(e) = expr::parse(text) else {
        return;
    };
    let _ = expr::check(&e, &Fields);
    let _ = expr::eval(&e, &Fields);
    let _ = e.fields();
}

/// Every error is turned into the text `llk check` prints.
fn report(built: Result<Catalog, Vec<def::DefError>>) {
    if let Err(errors) = built {
        for e in errors {
            let _ = e.to_string();
        }
    }
}

fn real_regions() -> Vec<Source<RawRegion>> {
    catalog()
        .bundle()
        .regions
        .into_iter()
        .map(|raw| Source {
            file: format!("regions/{}.toml", raw.region.id),
            text: None,
            raw,
        })
        .collect()
}

fn real_form(id: &str) -> Source<RawForm> {
    let raw = catalog()
        .forms()
        .find(|f| f.form.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("no form '{id}' in forms/"));
    Source {
        file: format!("{id}.toml"),
        text: None,
        raw,
    }
}

/// Fields of every type an expression can read, with answers.
struct Fields;

impl Fields {
    fn get(path: &str) -> Option<(Ty, Option<&'static [&'static str]>, Val)> {
        let date = |y, m, d| Date::new(y, m, d).map_or(Val::Null, Val::Date);
        Some(match path {
            "geboren" => (Ty::Date, None, date(1990, 2, 28)),
            "aantal" => (Ty::Num, None, Val::Num(3.5)),
            "naam" => (Ty::Text, None, Val::Text("Ëlif Çelik".into())),
            "akkoord" => (Ty::Bool, None, Val::Bool(true)),
            "rol" => (
                Ty::Text,
                Some(&["politie", "om"]),
                Val::Text("politie".into()),
            ),
            "gebieden" => (
                Ty::List(Box::new(Ty::Text)),
                Some(&["wonen", "werk"]),
                Val::List(vec![Val::Text("wonen".into())]),
            ),
            "partners" => (Ty::Group, None, Val::Group(2)),
            "leeg" => (Ty::Text, None, Val::Null),
            _ => return None,
        })
    }
}

impl TypeEnv for Fields {
    fn field(&self, path: &str) -> Result<FieldTy, String> {
        let (ty, options, _) = Fields::get(path).ok_or_else(|| format!("unknown '{path}'"))?;
        Ok(FieldTy {
            ty,
            options: options.map(|o| o.iter().map(|s| s.to_string()).collect()),
        })
    }
}

impl Env for Fields {
    fn field(&self, path: &str) -> Val {
        Fields::get(path).map_or(Val::Null, |(_, _, v)| v)
    }
    fn today(&self) -> Date {
        today()
    }
}
