//! All forms and regions together, each form checked against every region.

use crate::def::{self, DefError, FormDef, NATIONAL, RawForm, RawRegion, Region};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One loaded file: its name (for errors), its text (for line numbers) and its content.
#[derive(Debug, Clone)]
pub struct Source<T> {
    pub file: String,
    pub text: Option<String>,
    pub raw: T,
}

/// The JSON bundle the browser gets instead of the TOML files (no TOML parser shipped).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bundle {
    pub forms: Vec<RawForm>,
    pub regions: Vec<RawRegion>,
}

#[derive(Debug)]
pub struct Catalog {
    forms: Vec<RawForm>,
    regions: BTreeMap<String, Region>,
    raw_regions: Vec<RawRegion>,
    /// (form id, region id) → checked definition.
    defs: BTreeMap<(String, String), FormDef>,
}

impl Catalog {
    /// Checks every form against every region; collects every problem in every file.
    pub fn build(
        forms: Vec<Source<RawForm>>,
        regions: Vec<Source<RawRegion>>,
    ) -> Result<Catalog, Vec<DefError>> {
        let mut errors = Vec::new();
        let national = regions
            .iter()
            .find(|r| r.raw.region.id == NATIONAL)
            .map(|r| r.raw.clone());
        if national.is_none() {
            errors.push(DefError {
                file: "regions".into(),
                line: None,
                message: format!("the national region '{NATIONAL}' is missing"),
            });
        }
        let mut resolved = BTreeMap::new();
        for r in &regions {
            let base = if r.raw.region.id == NATIONAL {
                None
            } else {
                national.as_ref()
            };
            // The file-name and region-setting checks are authoring checks of the TOML
            // sources (`llk check`, `llk bundle` make them before a bundle exists); the
            // browser's bundle reader goes without their code (the forms bundle's budget).
            #[cfg(feature = "toml")]
            if let Some(stem) = file_stem(&r.file)
                && stem != r.raw.region.id
            {
                errors.push(DefError {
                    file: r.file.clone(),
                    line: locate_id(r.text.as_deref(), &r.raw.region.id),
                    message: format!(
                        "region id '{}' differs from the file name '{stem}'",
                        r.raw.region.id
                    ),
                });
            }
            let region = Region::resolve(&r.raw, base);
            #[cfg(feature = "toml")]
            errors.extend(region_settings(r, &region));
            if resolved.insert(region.id.clone(), region).is_some() {
                errors.push(DefError {
                    file: r.file.clone(),
                    line: None,
                    message: format!("region id '{}' is used twice", r.raw.region.id),
                });
            }
        }
        let mut defs = BTreeMap::new();
        let mut seen = BTreeMap::new();
        for f in &forms {
            let id = f.raw.form.id.clone();
            #[cfg(feature = "toml")]
            if let Some(stem) = file_stem(&f.file)
                && stem != id
            {
                errors.push(DefError {
                    file: f.file.clone(),
                    line: locate_id(f.text.as_deref(), &id),
                    message: format!("form id '{id}' differs from the file name '{stem}'"),
                });
            }
            if seen.insert(id.clone(), ()).is_some() {
                errors.push(DefError {
                    file: f.file.clone(),
                    line: None,
                    message: format!("form id '{id}' is used twice"),
                });
                continue;
            }
            let mut reported = std::collections::HashSet::new();
            // National first: a mistake every region shares is then reported once, without
            // a region named.
            let national_first = resolved
                .values()
                .filter(|r| r.id == NATIONAL)
                .chain(resolved.values().filter(|r| r.id != NATIONAL));
            for region in national_first {
                match def::resolve(&f.raw, region).and_then(examples_sound) {
                    Ok(d) => {
                        defs.insert((id.clone(), region.id.clone()), d);
                    }
                    Err(problems) => {
                        // The same mistake shows up once per region: report it once.
                        let located =
                            def::locate_problems(&f.file, f.text.as_deref(), &region.id, problems);
                        for e in located {
                            let key = (
                                e.line,
                                e.message.split(" (").next().unwrap_or_default().to_string(),
                            );
                            if reported.insert(key) {
                                errors.push(e);
                            }
                        }
                    }
                }
            }
        }
        // An example on a regional list may name another region's entry (`llk example`
        // swaps it for one of the region's own), but it must be in some region's list.
        #[cfg(feature = "toml")]
        for f in &forms {
            let problems = regional_examples(&defs, &f.raw.form.id);
            errors.extend(def::locate_problems(
                &f.file,
                f.text.as_deref(),
                NATIONAL,
                problems,
            ));
        }
        // Overrides must name real forms.
        for r in &regions {
            for o in &r.raw.overrides {
                if !forms.iter().any(|f| f.raw.form.id == o.form) {
                    errors.push(DefError {
                        file: r.file.clone(),
                        line: None,
                        message: format!("override for unknown form '{}'", o.form),
                    });
                }
            }
        }
        if errors.is_empty() {
            Ok(Catalog {
                forms: forms.into_iter().map(|f| f.raw).collect(),
                regions: resolved,
                raw_regions: regions.into_iter().map(|r| r.raw).collect(),
                defs,
            })
        } else {
            Err(errors)
        }
    }

    /// Loads `dir/*.toml` (forms) and `dir/regions/*.toml` (regions).
    #[cfg(feature = "toml")]
    pub fn load_dir(dir: &std::path::Path) -> Result<Catalog, Vec<DefError>> {
        let mut errors = Vec::new();
        let mut forms = Vec::new();
        let mut regions = Vec::new();
        let read = |d: &std::path::Path, errors: &mut Vec<DefError>| -> Vec<(String, String)> {
            let mut out = Vec::new();
            match std::fs::read_dir(d) {
                Ok(entries) => {
                    let mut paths: Vec<_> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                        .collect();
                    paths.sort();
                    for p in paths {
                        let name = p.display().to_string();
                        match std::fs::read_to_string(&p) {
                            Ok(t) => out.push((name, t)),
                            Err(e) => errors.push(DefError {
                                file: name,
                                line: None,
                                message: format!("cannot read: {e}"),
                            }),
                        }
                    }
                }
                Err(e) => errors.push(DefError {
                    file: d.display().to_string(),
                    line: None,
                    message: format!("cannot read directory: {e}"),
                }),
            }
            out
        };
        for (file, text) in read(dir, &mut errors) {
            match def::parse_form_toml(&file, &text) {
                Ok(raw) => forms.push(Source {
                    file,
                    text: Some(text),
                    raw,
                }),
                Err(e) => errors.push(e),
            }
        }
        for (file, text) in read(&dir.join("regions"), &mut errors) {
            match def::parse_region_toml(&file, &text) {
                Ok(raw) => regions.push(Source {
                    file,
                    text: Some(text),
                    raw,
                }),
                Err(e) => errors.push(e),
            }
        }
        if forms.is_empty() && errors.is_empty() {
            errors.push(DefError {
                file: dir.display().to_string(),
                line: None,
                message: "no form definitions (*.toml) found".into(),
            });
        }
        match Catalog::build(forms, regions) {
            Ok(c) if errors.is_empty() => Ok(c),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        }
    }

    /// Reads the JSON bundle (as built by [`Catalog::bundle`]) and checks it again: the
    /// browser never trusts a file it was given.
    pub fn from_bundle_json(json: &str) -> Result<Catalog, Vec<DefError>> {
        let bundle: Bundle = serde_json::from_str(json).map_err(|e| {
            vec![DefError {
                file: "bundle".into(),
                line: Some(e.line()),
                message: e.to_string(),
            }]
        })?;
        Catalog::from_bundle(bundle)
    }

    /// A bundle already read (in the browser: parsed by the JavaScript engine), checked again.
    pub fn from_bundle(bundle: Bundle) -> Result<Catalog, Vec<DefError>> {
        let forms = bundle
            .forms
            .into_iter()
            .map(|raw| Source {
                file: format!("{}.toml", raw.form.id),
                text: None,
                raw,
            })
            .collect();
        let regions = bundle
            .regions
            .into_iter()
            .map(|raw| Source {
                file: format!("regions/{}.toml", raw.region.id),
                text: None,
                raw,
            })
            .collect();
        Catalog::build(forms, regions)
    }

    pub fn bundle(&self) -> Bundle {
        Bundle {
            forms: self.forms.clone(),
            regions: self.raw_regions.clone(),
        }
    }

    /// The bundle without what only authors and tools use (the `example` values, about a
    /// sixth of its size): what the browser embeds.
    pub fn browser_bundle(&self) -> Bundle {
        let mut b = self.bundle();
        for field in b
            .forms
            .iter_mut()
            .flat_map(|f| f.pages.iter_mut())
            .flat_map(|p| p.fields.iter_mut())
        {
            field.example = None;
            field.examples = None;
        }
        b
    }

    /// The checked definition of a form in a region.
    pub fn form(&self, form: &str, region: &str) -> Option<&FormDef> {
        self.defs.get(&(form.to_string(), region.to_string()))
    }

    pub fn forms(&self) -> impl Iterator<Item = &RawForm> {
        self.forms.iter()
    }

    pub fn regions(&self) -> impl Iterator<Item = &Region> {
        self.regions.values()
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.get(id)
    }
}

/// Example ids on regional lists that no region's list has.
#[cfg(feature = "toml")]
fn regional_examples(defs: &BTreeMap<(String, String), FormDef>, form: &str) -> Vec<def::Problem> {
    let in_form: Vec<&FormDef> = defs
        .iter()
        .filter(|((f, _), _)| f == form)
        .map(|(_, d)| d)
        .collect();
    let Some(first) = in_form.first() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (i, field) in first.fields.iter().enumerate().filter(|(_, f)| f.regional) {
        let known = |id: &str| {
            in_form
                .iter()
                .any(|d| d.fields[i].options.iter().any(|o| o.value == id))
        };
        let given = field
            .example
            .iter()
            .map(|v| ("example", v))
            .chain(field.examples.iter().map(|v| ("examples", v)));
        for (key, v) in given {
            let ids: Vec<&str> = match v {
                serde_json::Value::String(s) => vec![s.as_str()],
                serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
                _ => Vec::new(),
            };
            // With `allow_other`, free text is fine: only what looks like an id is checked.
            let looks_like_id = |s: &str| {
                !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            };
            // `""` in `examples` leaves an item's answer out.
            let suspect =
                |s: &&str| !s.is_empty() && (!field.allow_other || looks_like_id(s)) && !known(s);
            for id in ids.into_iter().filter(suspect) {
                problems.push(def::Problem {
                    loc: def::Loc::Field {
                        id: field.path.clone(),
                        nth: 0,
                        key: Some(key),
                    },
                    message: format!("example '{id}' for '{}' is in no region's list", field.path),
                });
            }
        }
    }
    problems
}

#[cfg(feature = "toml")]
/// The region's own settings that name something: `zvh` must be an entry of the (possibly
/// inherited) `zvhs` list; a closed case cannot be kept for zero days.
fn region_settings(source: &Source<RawRegion>, region: &Region) -> Vec<DefError> {
    let mut errors = Vec::new();
    let header = &source.raw.region;
    if let Some(zvh) = &header.zvh
        && !region.zvhs.iter().any(|e| &e.id == zvh)
    {
        errors.push(DefError {
            file: source.file.clone(),
            line: def::locate_assignment(source.text.as_deref(), "zvh", zvh),
            message: format!(
                "zvh '{zvh}' of region '{}' is no entry of the zvhs list",
                region.id
            ),
        });
    }
    if header.case_retention_days == Some(0) {
        errors.push(DefError {
            file: source.file.clone(),
            line: source
                .text
                .as_deref()
                .and_then(|t| {
                    t.lines()
                        .position(|l| l.trim_start().starts_with("case_retention_days"))
                })
                .map(|i| i + 1),
            message:
                "case_retention_days must be at least 1: a closed case would be purged at once"
                    .into(),
        });
    }
    errors
}

#[cfg(feature = "toml")]
fn file_stem(file: &str) -> Option<&str> {
    let name = file.rsplit(['/', '\\']).next()?;
    name.strip_suffix(".toml")
}

#[cfg(feature = "toml")]
fn locate_id(text: Option<&str>, id: &str) -> Option<usize> {
    let t = text?;
    t.lines()
        .position(|l| l.trim_start().starts_with("id") && l.contains(&format!("\"{id}\"")))
        .map(|i| i + 1)
}

/// The examples check after the resolver (`example::definition_problems`): a definition
/// whose examples do not fit is refused like one that does not resolve.
fn examples_sound(def: FormDef) -> Result<FormDef, Vec<def::Problem>> {
    #[cfg(feature = "toml")]
    {
        let problems = crate::example::definition_problems(&def);
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    Ok(def)
}
