//! Every PDF is tagged (PDF/UA-1): pdfinfo says so; the structure tree, read from qpdf's
//! JSON, has one H1 first, no heading level skipped, an H2 per page of the definition that
//! shows something, one Table per repeating group with rows; a signed PDF's widget sits in
//! the tree; and the PDF/UA-1 checker `outloud` reports no error and no warning but those
//! explained in docs/pdf.md.

mod common;

use common::*;
use llk_core::def::{FieldKind, FormDef};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The objects of a PDF, by number, and its trailer, from `qpdf --json=2`.
struct Objects {
    objs: BTreeMap<String, Value>,
    trailer: Value,
}

impl Objects {
    fn read(path: &Path) -> Objects {
        let out = run(
            "qpdf",
            &["--json=2", "--json-key=qpdf", &path.to_string_lossy()],
        );
        assert!(out.status.success(), "qpdf: {}", text(&out.stderr));
        let json: Value = serde_json::from_slice(&out.stdout).expect("qpdf's JSON");
        let mut objs = BTreeMap::new();
        let mut trailer = Value::Null;
        for (k, v) in json["qpdf"][1].as_object().expect("objects") {
            if k == "trailer" {
                trailer = v["value"].clone();
            } else if let Some(id) = k.strip_prefix("obj:") {
                objs.insert(id.to_string(), v["value"].clone());
            }
        }
        Objects { objs, trailer }
    }

    /// A value, following a reference ("12 0 R").
    fn get<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v.as_str() {
            Some(r) if r.ends_with(" R") => self.objs.get(r).unwrap_or(&Value::Null),
            _ => v,
        }
    }

    fn catalog(&self) -> &Value {
        self.get(&self.trailer["/Root"])
    }

    /// The structure elements' roles in document order (depth first), with their
    /// dictionaries.
    fn elements(&self) -> Vec<(String, Value)> {
        let root = self.get(&self.catalog()["/StructTreeRoot"]);
        assert_eq!(root["/Type"], "/StructTreeRoot");
        let mut out = Vec::new();
        self.walk(&root["/K"], &mut out);
        out
    }

    fn walk(&self, k: &Value, out: &mut Vec<(String, Value)>) {
        match self.get(k) {
            Value::Array(kids) => kids.iter().for_each(|kid| self.walk(kid, out)),
            e @ Value::Object(d) if d.contains_key("/S") => {
                let role = d["/S"].as_str().unwrap_or("").trim_start_matches('/');
                out.push((role.to_string(), e.clone()));
                if let Some(kids) = d.get("/K") {
                    self.walk(kids, out);
                }
            }
            _ => {}
        }
    }
}

/// Repeating groups with at least one row in `answers`, nested ones included.
fn tables(def: &FormDef, fields: &[usize], answers: &Value) -> usize {
    let mut n = 0;
    for &i in fields {
        let f = &def.fields[i];
        match (f.kind, answers.get(&f.key)) {
            (FieldKind::Group, Some(Value::Array(items))) => {
                n += usize::from(!items.is_empty());
                for item in items {
                    n += tables(def, &f.children, item);
                }
            }
            (FieldKind::Group, Some(v)) => n += tables(def, &f.children, v),
            _ => {}
        }
    }
    n
}

fn check_tree(path: &Path, def: &FormDef, answers: &Value, letter: bool) {
    let info = run("pdfinfo", &[&path.to_string_lossy()]);
    assert!(
        text(&info.stdout).contains("Tagged:          yes"),
        "{}: {}",
        path.display(),
        text(&info.stdout)
    );
    let o = Objects::read(path);
    let cat = o.catalog();
    assert_eq!(cat["/MarkInfo"]["/Marked"], true, "{}", path.display());
    assert_eq!(cat["/Lang"], "u:nl-NL", "{}", path.display());
    assert_eq!(cat["/ViewerPreferences"]["/DisplayDocTitle"], true);
    let els = o.elements();
    let headings: Vec<usize> = els
        .iter()
        .filter_map(|(r, _)| r.strip_prefix('H').and_then(|n| n.parse().ok()))
        .collect();
    assert_eq!(
        headings.first(),
        Some(&1),
        "{}: {headings:?}",
        path.display()
    );
    assert_eq!(headings.iter().filter(|&&h| h == 1).count(), 1);
    for w in headings.windows(2) {
        assert!(
            w[1] <= w[0] + 1,
            "{}: a level skipped: {headings:?}",
            path.display()
        );
    }
    if !letter {
        // An H2 per page of the definition that shows an answer, in the definition's order.
        let shown = def
            .pages
            .iter()
            .filter(|p| {
                p.fields.iter().any(|&i| {
                    let f = &def.fields[i];
                    !matches!(f.kind, FieldKind::Info | FieldKind::Computed)
                        && answers
                            .get(&f.key)
                            .is_some_and(llk_core::answers::is_filled)
                })
            })
            .count();
        let h2 = headings.iter().filter(|&&h| h == 2).count();
        assert_eq!(h2, shown, "{}: H2s", path.display());
        let roots: Vec<usize> = def.roots().collect();
        let tables_shown = els.iter().filter(|(r, _)| r == "Table").count();
        assert_eq!(
            tables_shown,
            tables(def, &roots, answers),
            "{}: tables",
            path.display()
        );
    }
    // Every row of a table has a row header with a scope, and as many cells as the others.
    for (role, table) in els.iter().filter(|(r, _)| r == "Table") {
        let _ = role;
        let mut rows = Vec::new();
        o.walk(&table["/K"], &mut rows);
        let rows: Vec<&Value> = rows
            .iter()
            .filter(|(r, _)| r == "TR")
            .map(|(_, d)| d)
            .collect();
        let widths: Vec<usize> = rows
            .iter()
            .map(|tr| {
                let mut cells = Vec::new();
                match o.get(&tr["/K"]) {
                    Value::Array(a) => a.iter().for_each(|c| cells.push(o.get(c).clone())),
                    c => cells.push(c.clone()),
                }
                assert_eq!(cells[0]["/S"], "/TH");
                assert_eq!(cells[0]["/A"]["/Scope"], "/Row");
                cells.len()
            })
            .collect();
        assert!(!widths.is_empty(), "{}: an empty table", path.display());
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{widths:?}");
    }
    // A drawn signature is a figure with words for it.
    for (_, fig) in els.iter().filter(|(r, _)| r == "Figure") {
        let alt = fig["/Alt"].as_str().unwrap_or("");
        assert!(alt.len() > 4, "{}: a figure without /Alt", path.display());
    }
}

/// What `outloud` (PDF/UA-1 and WCAG) finds: every finding's rule id and severity.
fn outloud(path: &Path) -> Vec<(String, String)> {
    let out = run("outloud", &["--json", "-", &path.to_string_lossy()]);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("outloud: {e}: {}", text(&out.stderr)));
    let mut found = Vec::new();
    for r in json["results"].as_array().expect("results") {
        for f in r["findings"].as_array().into_iter().flatten() {
            found.push((
                f["rule"].as_str().unwrap_or("?").to_string(),
                f["severity"].as_str().unwrap_or("?").to_string(),
            ));
        }
    }
    found
}

/// LNK-010: e-mail addresses in answers are text, not links (docs/pdf.md, "Tagged PDF").
const EXPLAINED: &[&str] = &["LNK-010"];

#[test]
fn every_form_is_tagged_with_headings_in_order_and_a_table_per_repeating_group() {
    let catalog = catalog();
    if !have("pdfinfo") || !have("qpdf") {
        return;
    }
    let check_ua = have("outloud");
    let mut n = 0;
    for form in catalog.forms() {
        for region in catalog.regions() {
            let def = catalog.form(&form.form.id, &region.id).expect("def");
            let answers = llk_core::example::example_answers(def, today());
            for anonymised in [false, true] {
                let out = llk_pdf::render(def, &answers, &opts(&catalog, &region.id, anonymised))
                    .expect("renders");
                let path = tmp(&format!("tagged-{}-{}-{anonymised}.pdf", def.id, region.id));
                std::fs::write(&path, &out.pdf).expect("write");
                let shown = if anonymised {
                    llk_core::anonymise::anonymise(def, &answers)
                } else {
                    answers.clone()
                };
                check_tree(&path, def, &shown, llk_pdf::is_letter(def, anonymised));
                // The checker takes ~2 s a file: one region's PDFs are enough.
                if check_ua && region.id == "gelderland" {
                    for (rule, severity) in outloud(&path) {
                        assert!(
                            EXPLAINED.contains(&rule.as_str()),
                            "{}: outloud {severity} {rule}",
                            path.display()
                        );
                    }
                }
                n += 1;
            }
        }
    }
    assert!(n >= 54, "{n} PDFs");
}

/// Signing keeps the PDF tagged: the first widget is a `Form` element holding its object
/// reference, found through the parent tree by its `/StructParent`; a countersignature's
/// widget has its words (`/TU`, `/Contents`) but leaves the tree as the first signature
/// signed it (docs/pdf.md); both signatures stay valid for pdfsig.
#[test]
fn signature_widgets_sit_in_the_structure_tree() {
    use llk_pdf::sign::{P256Signer, SignOptions, Subject, sign_with};
    if !have("qpdf") || !have("pdfsig") {
        return;
    }
    let signer = |seed: u8, name: &str| {
        let key = p256::ecdsa::SigningKey::from_slice(&[seed; 32]).expect("key");
        let subject = Subject {
            name: name.into(),
            role: Some("procesregisseur".into()),
            organisation: Some("Zorg- en Veiligheidshuis Gelderland-Midden".into()),
        };
        P256Signer::self_signed(key, &subject, now(), 365).expect("certificate")
    };
    let catalog = catalog();
    let def = catalog.form("overdracht", "gelderland").expect("def");
    let answers = llk_core::example::example_answers(def, today());
    let pdf = llk_pdf::render(def, &answers, &opts(&catalog, "gelderland", false))
        .expect("renders")
        .pdf;
    let o = |reason: &str| SignOptions {
        time: now(),
        reason: Some(reason.into()),
        strokes: Vec::new(),
    };
    let once = sign_with(&pdf, &signer(7, "Noëlle Çelik"), &o("eerste")).expect("signs");
    let twice = sign_with(&once, &signer(9, "Daniël Öztürk"), &o("tweede")).expect("signs");
    let path = tmp("tagged-twice-signed.pdf");
    std::fs::write(&path, &twice).expect("write");
    let sig = text(&run("pdfsig", &[&path.to_string_lossy()]).stdout);
    assert_eq!(sig.matches("Signature is Valid.").count(), 2, "{sig}");

    let o = Objects::read(&path);
    let root = o.get(&o.catalog()["/StructTreeRoot"]);
    let forms: Vec<Value> = o
        .elements()
        .into_iter()
        .filter(|(r, _)| r == "Form")
        .map(|(_, d)| d)
        .collect();
    assert_eq!(forms.len(), 1);
    let nums = o.get(&root["/ParentTree"])["/Nums"]
        .as_array()
        .expect("a flat parent tree")
        .clone();
    for (form, name) in forms.iter().zip(["Noëlle Çelik"]) {
        let objr = &form["/K"];
        assert_eq!(objr["/Type"], "/OBJR");
        let widget = o.get(&objr["/Obj"]);
        assert_eq!(widget["/Subtype"], "/Widget");
        let key = widget["/StructParent"].as_i64().expect("/StructParent");
        let at = nums
            .iter()
            .position(|v| v.as_i64() == Some(key))
            .expect("the key in the parent tree");
        assert_eq!(
            o.get(&nums[at + 1]),
            form,
            "the parent tree names the element"
        );
        let alt = widget["/TU"].as_str().unwrap_or("");
        assert!(alt.contains(name), "{alt}");
        assert!(widget["/Contents"].as_str().unwrap_or("").contains(name));
        assert_eq!(o.get(&widget["/P"])["/Tabs"], "/S");
    }
    let pages = o.objs.values().filter(|v| v["/Type"] == "/Page").count() as i64;
    assert_eq!(root["/ParentTreeNextKey"].as_i64(), Some(pages + 1));
    let second = o
        .objs
        .values()
        .find(|v| {
            v["/TU"]
                .as_str()
                .is_some_and(|t| t.contains("Daniël Öztürk"))
        })
        .expect("the second widget");
    assert!(second["/Contents"].as_str().is_some());
    assert!(second.get("/StructParent").is_none());
}
