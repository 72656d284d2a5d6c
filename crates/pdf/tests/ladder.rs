//! The levensloopplan's PDF carries the scenario ladder as a drawing: the level names in
//! the diagram's boxes, lowest at the bottom, drawn with vector paths (rounded boxes,
//! dashed and solid arrows, filled arrowheads), never cut over two pages.

mod common;

use common::*;
use serde_json::{Value, json};
use std::path::Path;

/// The plan's example with its ladder replaced by `levels` (name, intensity, route back).
fn plan_with(levels: &[(&str, &str, bool)]) -> (llk_core::Catalog, Value) {
    let catalog = catalog();
    let def = catalog.form("levensloopplan", "gelderland").expect("plan");
    let mut answers = llk_core::example::example_answers(def, today());
    let template = answers["scenarios"][0].clone();
    let n = levels.len();
    answers["scenarios"] = levels
        .iter()
        .enumerate()
        .map(|(i, &(name, intensity, route))| {
            let mut l = template.clone();
            l["niveau"] = json!(name);
            l["volgorde"] = json!(i + 1);
            l["zorgintensiteit"] = json!(intensity);
            l["opschalen"] = json!(if i + 1 < n {
                "Bij twee signalen in één week."
            } else {
                ""
            });
            l["afschalen"] = json!(if i > 0 { "Na vier rustige weken." } else { "" });
            if route {
                l["route_terug"] = json!("Terug naar de reguliere kliniek in Arnhem.");
                l["terugkeergarantie"] = json!(true);
            }
            l
        })
        .collect();
    (catalog, answers)
}

/// A word of `pdftotext -bbox`: its text and top-left corner (points, y down).
struct Word {
    text: String,
    x: f32,
    y: f32,
}

fn attr(tag: &str, name: &str) -> f32 {
    let start = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
    let end = start + tag[start..].find('"').expect("quote");
    tag[start..end].parse().expect("number")
}

/// The words of each page.
fn words(path: &Path) -> Vec<Vec<Word>> {
    let out = run("pdftotext", &["-bbox", &path.to_string_lossy(), "-"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = text(&out.stdout);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|w| {
                    let (tag, rest) = w.split_once('>').expect("tag");
                    let word = rest.split("</word>").next().unwrap_or("");
                    Word {
                        text: word.replace("&amp;", "&"),
                        x: attr(tag, "xMin"),
                        y: attr(tag, "yMin"),
                    }
                })
                .collect()
        })
        .collect()
}

/// The page with the diagram, and the y range of the drawing: below the summary line
/// ("…(hoogste).") and above the first line of the text alternative ("Niveau 1:").
fn diagram_area(pages: &[Vec<Word>]) -> (usize, f32, f32) {
    for (p, ws) in pages.iter().enumerate() {
        let Some(i) = ws
            .windows(3)
            .position(|w| w[0].text == "De" && w[1].text == "ladder" && w[2].text == "in")
        else {
            continue;
        };
        let top = ws[i..]
            .iter()
            .find(|w| w.text == "(hoogste).")
            .expect("the summary under the heading")
            .y;
        let bottom = ws[i..]
            .windows(2)
            .find(|w| w[0].text == "Niveau" && w[1].text == "1:")
            .expect("the text alternative")[0]
            .y;
        return (p, top, bottom);
    }
    panic!("no page has the heading 'De ladder in beeld'");
}

/// The y of the first word `first` inside the drawing.
fn in_drawing(ws: &[Word], top: f32, bottom: f32, first: &str) -> Option<(f32, f32)> {
    ws.iter()
        .find(|w| w.text == first && w.y > top && w.y < bottom)
        .map(|w| (w.x, w.y))
}

/// The decompressed content stream of page `n` (1-based), from qpdf's QDF form.
fn page_content(path: &Path, n: usize) -> String {
    let qdf = path.with_extension("qdf.pdf");
    let out = run(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            &path.to_string_lossy(),
            &qdf.to_string_lossy(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let all = String::from_utf8_lossy(&std::fs::read(&qdf).expect("qdf")).into_owned();
    let marker = format!("%% Contents for page {n}\n");
    let start = all.find(&marker).expect("page contents");
    let rest = &all[start + marker.len()..];
    let body = &rest[rest.find("stream\n").expect("stream") + 7..];
    body[..body.find("endstream").expect("endstream")].to_string()
}

fn qpdf_clean(path: &Path) {
    let q = run("qpdf", &["--check", &path.to_string_lossy()]);
    assert!(q.status.success(), "{}", text(&q.stdout));
    assert!(text(&q.stdout).contains("No syntax or stream encoding errors"));
    assert!(text(&q.stderr).trim().is_empty(), "{}", text(&q.stderr));
}

/// The plan's PDF, written to `file` and checked by qpdf; `None` when pdftotext or qpdf
/// are missing here (`have` fails instead under CI).
fn render_checked(
    catalog: &llk_core::Catalog,
    answers: &serde_json::Value,
    file: &str,
) -> Option<std::path::PathBuf> {
    let def = catalog.form("levensloopplan", "gelderland").expect("plan");
    let out = llk_pdf::render(def, answers, &opts(catalog, "gelderland", false)).expect("pdf");
    assert!(out.replaced.is_empty(), "{:?}", out.replaced);
    let path = tmp(file);
    std::fs::write(&path, &out.pdf).expect("write");
    if !(have("pdftotext") && have("qpdf")) {
        return None;
    }
    qpdf_clean(&path);
    Some(path)
}

#[test]
fn the_plan_pdf_draws_the_ladder_with_its_levels_in_order() {
    let (catalog, answers) = plan_with(&[
        ("Groen: stabiel", "ambulant", false),
        ("Oranje: spanning", "intensief-ambulant", false),
        ("Rood: crisis", "intensief-ambulant", false),
        ("Opname in Zwolle", "klinisch", true),
    ]);
    let Some(path) = render_checked(&catalog, &answers, "levensloopplan-ladder.pdf") else {
        return;
    };
    let pages = words(&path);
    let (p, top, bottom) = diagram_area(&pages);
    assert!(
        bottom - top > 300.0,
        "the drawing is {} points high",
        bottom - top
    );
    // Each box's name line ("1. Groen: stabiel"), lowest level lowest on the page.
    let ys: Vec<f32> = ["Groen:", "Oranje:", "Rood:", "Opname"]
        .iter()
        .map(|first| {
            in_drawing(&pages[p], top, bottom, first)
                .unwrap_or_else(|| panic!("'{first}' is not in the drawing"))
                .1
        })
        .collect();
    assert!(ys.windows(2).all(|w| w[0] > w[1]), "{ys:?}");
    // The care intensity, the clinical level's route and the arrows' labels.
    for word in ["Ambulant", "Klinisch", "vast", "op", "af"] {
        assert!(
            in_drawing(&pages[p], top, bottom, word).is_some(),
            "'{word}' is not in the drawing"
        );
    }
    let body = pdf_text(&path);
    assert!(body.contains(
        "Ladder met 4 niveaus, van Groen: stabiel (laagste) tot Opname in Zwolle (hoogste)."
    ));
    assert!(body.contains("Niveau 4: Opname in Zwolle (klinisch). Afschalen is beschreven. De route terug naar reguliere zorg is vastgelegd."));
    // Drawn, not typed: Bézier corners, strokes, filled arrowheads, the dashed route.
    let content = page_content(&path, p + 1);
    let count = |op: &str| {
        content
            .lines()
            .filter(|l| l.trim_end().ends_with(op))
            .count()
    };
    assert!(count(" c") >= 4 * 4 + 4, "{} curves", count(" c"));
    assert!(count("S") >= 4 + 1 + 6, "{} strokes", count("S"));
    assert!(count("f") >= 7, "{} fills", count("f"));
    assert!(content.contains("[6 4] 0 d"), "the route back is dashed");
}

#[test]
fn a_tall_ladder_moves_to_a_new_page_whole() {
    let names = [
        "Één: rustig",
        "Twee: zorgen",
        "Drie: spanning",
        "Vier: onrust",
        "Vijf: dreiging",
        "Zes: crisis",
        "Zeven: opname",
        "Acht: beveiligd",
    ];
    let levels: Vec<(&str, &str, bool)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| match i {
            6 => (*n, "klinisch", true),
            7 => (*n, "klinisch-beveiligd", false),
            _ => (*n, "ambulant", false),
        })
        .collect();
    let (catalog, mut answers) = plan_with(&levels);
    answers["scenarios"][7]["beveiligd_bed"] = json!("ggnet");
    answers["scenarios"][7]["terugkeergarantie"] = json!(true);
    let Some(path) = render_checked(&catalog, &answers, "levensloopplan-ladder-8.pdf") else {
        return;
    };
    let pages = words(&path);
    let (p, top, bottom) = diagram_area(&pages);
    // All eight boxes on the one page, in order, inside the page's margins.
    let ys: Vec<f32> = names
        .iter()
        .map(|n| {
            let first = n.split(' ').next().expect("word");
            let (x, y) = in_drawing(&pages[p], top, bottom, first)
                .unwrap_or_else(|| panic!("'{first}' is not in the drawing"));
            assert!(
                x > 56.0 && x < 540.0 && y > 56.0 && y < 770.0,
                "{first} at {x},{y}"
            );
            y
        })
        .collect();
    assert!(ys.windows(2).all(|w| w[0] > w[1]), "{ys:?}");
    assert!(pdf_text(&path).contains("De route terug naar reguliere zorg ontbreekt."));
}
