//! `cargo xtask size [--check]`: raw, gzip (-9) and brotli (q11) sizes of what the kit ships
//! (`dist/pkg` and the loader), grouped by wasm module (`build::MODULES`), then what each
//! kind of page downloads in all (`PAGES`: its modules, the loader and the definitions),
//! each against its budget. Bytes a user downloads count per page, not per module.
//! Compression runs in node's zlib (node is there for wasm-opt anyway), so xtask stays
//! dependency-free.

use crate::build::{DIST, MODULES};
use crate::util::root;
use anyhow::{Context, Result, bail};
use std::process::Command;

/// A kind of page a portal has, by what it downloads.
struct Page {
    what: &'static str,
    /// Its modules (`build::MODULES` names); every page has the loader and the definitions.
    modules: &'static [&'static str],
    /// `--check` fails above this (gzip -9): today's figure and a little room.
    budget_gzip: u64,
    /// Where it should get to (issue 15), reported beside the budget.
    target_gzip: u64,
}

const PAGES: &[Page] = &[
    Page {
        what: "page with any form, plan or case element",
        modules: &["llk_web"],
        // 515 until issue 14: exit readiness from the case (the two-year window, the dossier
        // facts of the exclusiebesluit, `readonly` fields) and the kengetallen with their view
        // and CSV add 29 KB (544.3 KB measured, after cutting 13 KB of what they first cost:
        // no Unicode case tables, no float formatting, no extra map types). 560 since the
        // overdracht package in the browser (issue 13, parts 2–3): "Overdrachtspakket maken"
        // and "Overdracht ontvangen" — the package's content computed from the case
        // (PackageParts), the receive view, reading and receiving the case, storing it — add
        // 11.2 KB (547.5 → 558.7 KB measured). 562 since the receiving procesregisseur
        // countersigns on receipt ("Ontvangst bevestigen en medeondertekenen": the held
        // package, the view's section, the message type): 1.9 KB (560.6 KB measured). 563
        // since the form's keystroke path (issue 15: `Answers` and `HeldAnswers`, a key in a
        // text box not drawn by the form, long pages skipped off screen, autosave's timer):
        // 2.3 KB, after which the stylesheets went in without their comments
        // (`crates/web/build.rs`) and gave 1.6 KB back (562.3 KB measured).
        budget_gzip: 563 * 1024,
        target_gzip: 260 * 1024,
    },
    Page {
        what: "page that also signs or verifies a PDF",
        modules: &["llk_web", "pdf"],
        // 1015 until the hostile-input bounds (issue 16): SHA-256 at opt-level 3 costs 1.5 KB
        // here and halves the time a PDF's signatures take to check (SECURITY.md), and the
        // bounds' Dutch refusals and typed boundary add the rest (1015.5 KB measured). 1048
        // since issue 14: the UI page's 29 KB (above); the PDF module itself stayed at 501.5 KB
        // although its PDFs are now tagged and the decisions are letters, because the Brotli
        // decoder it never needs is stubbed out (`prune.rs`, 15 KB). 1055 since the browser
        // reads PDFs that other software wrote (cross-reference and object streams, issue 13
        // part 5): inflating them costs the PDF module 7.7 KB (501.5 → 509.2 KB; 1053.6 KB
        // measured). Stubbing lopdf's encryption, never reached, gained only 0.4 KB. 1090
        // since the overdracht package in the browser (issue 13, parts 2–3): the UI page's
        // 11.2 KB (above), and in the PDF module drawing the package from plain data, reading
        // casus.json (the attachments' name tree), judging the signatures' chains (shared
        // with setTrustAnchors) and the message types, 22.5 KB after a 7.4 KB cut (Unicode
        // tables a file name pulled in); RSA signing and the trust anchors about 4 KB
        // (1089.2 KB measured, the PDF module 530.5 KB). 1094 since countersigning on
        // receipt (the UI page's 1.9 KB above, 1.2 KB in the PDF module; 1092.3 KB measured).
        // 990 since printpdf's JavaScript API is no longer exported (vendor/printpdf): the
        // linker no longer lays out its code and data, the PDF module 531.5 → 426.7 KB
        // (987.4 KB measured).
        budget_gzip: 990 * 1024,
        target_gzip: 780 * 1024,
    },
];

/// A module that has a budget of its own besides the pages that download it: the PDF
/// module, loaded on a page's first PDF action (issue 15: ≤ 450 KB gzip; issue 13: ≤ 500).
struct ModuleBudget {
    name: &'static str,
    budget_gzip: u64,
    target_gzip: u64,
}

const MODULE_BUDGETS: &[ModuleBudget] = &[ModuleBudget {
    name: "pdf",
    // 426.7 KB measured since printpdf's JavaScript API is no longer exported
    // (vendor/printpdf/PATCHED.md); 531.5 before.
    budget_gzip: 430 * 1024,
    target_gzip: 450 * 1024,
}];

const SCRIPT: &str = r#"
const fs = require('fs'), path = require('path'), zlib = require('zlib');
const files = JSON.parse(process.argv[1]);
const out = files.map((f) => {
  const b = fs.readFileSync(f);
  return [f, b.length, zlib.gzipSync(b, { level: 9 }).length,
    zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
});
console.log(JSON.stringify(out));
"#;

fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let p = e?.path();
        if p.is_dir() {
            files_under(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// `--check`: fail when over budget (without it, over budget is only reported).
pub fn run(args: &[String]) -> Result<()> {
    let check = args.iter().any(|a| a == "--check");
    let r = root();
    let dist = r.join(DIST);
    if !dist.join("pkg/llk_web_bg.wasm").exists() {
        bail!("nothing built yet: run `cargo xtask build` (or `cargo xtask demo`) first");
    }
    let mut files = Vec::new();
    files_under(&dist.join("pkg"), &mut files)?;
    files.push(dist.join("levensloopkit.js"));
    files.sort();
    let all: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let list = format!(
        "[{}]",
        all.iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let out = Command::new("node")
        .args(["-e", SCRIPT, &list])
        .output()
        .context("node is needed to measure compressed sizes")?;
    if !out.status.success() {
        bail!(
            "size script failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let rows = parse_rows(&String::from_utf8_lossy(&out.stdout));
    let kb = |n: u64| format!("{:>9.1} KB", n as f64 / 1024.0);
    println!(
        "{:<44} {:>12} {:>12} {:>12}",
        "file", "raw", "gzip -9", "brotli 11"
    );
    let shown = |name: &str| {
        name.strip_prefix(&format!("{}/", r.display()))
            .unwrap_or(name)
            .to_string()
    };
    let mut over = Vec::new();
    let mut shipped = (0, 0, 0);
    let mut per_module = Vec::new();
    for (i, m) in MODULES.iter().enumerate() {
        // A module's own files, the JS snippets its glue imports, and for the forms bundle
        // (the first) the loader.
        let glue = std::fs::read_to_string(dist.join("pkg").join(format!("{}.js", m.name)))
            .unwrap_or_default();
        let own = |name: &str| {
            let file = name.rsplit('/').next().unwrap_or(name);
            let snippet = name
                .split_once("/pkg/snippets/")
                .is_some_and(|(_, rest)| glue.contains(&format!("snippets/{rest}")));
            file == format!("{}.js", m.name)
                || file == format!("{}_bg.wasm", m.name)
                || snippet
                || (i == 0 && file == "levensloopkit.js")
        };
        let mut total = (0, 0, 0);
        for (name, raw, gz, br) in rows.iter().filter(|row| own(&row.0)) {
            println!("{:<44} {} {} {}", shown(name), kb(*raw), kb(*gz), kb(*br));
            total = (total.0 + raw, total.1 + gz, total.2 + br);
        }
        println!(
            "{:<44} {} {} {}",
            format!("= {} ({})", m.name, m.what),
            kb(total.0),
            kb(total.1),
            kb(total.2),
        );
        per_module.push((m.name, total));
        shipped = (
            shipped.0 + total.0,
            shipped.1 + total.1,
            shipped.2 + total.2,
        );
    }
    let mut definitions = (0, 0, 0);
    if let Some((name, raw, gz, br)) = rows
        .iter()
        .find(|row| row.0.ends_with(&format!("/{}", crate::build::FORMS_JSON)))
    {
        println!(
            "{:<44} {} {} {}",
            format!("{} (definitions, data)", shown(name)),
            kb(*raw),
            kb(*gz),
            kb(*br)
        );
        definitions = (*raw, *gz, *br);
        shipped = (shipped.0 + raw, shipped.1 + gz, shipped.2 + br);
    }
    println!(
        "{:<44} {} {} {}",
        "total shipped",
        kb(shipped.0),
        kb(shipped.1),
        kb(shipped.2)
    );
    println!("\nwhat a page downloads in all (its modules, the loader, the definitions):");
    for page in PAGES {
        let mut total = definitions;
        for (name, t) in &per_module {
            if page.modules.contains(name) {
                total = (total.0 + t.0, total.1 + t.1, total.2 + t.2);
            }
        }
        if !within(page.what, total, page.budget_gzip, page.target_gzip) {
            over.push(page.what.to_string());
        }
    }
    println!("\nwhat a module loaded on first use downloads (its wasm, its JavaScript):");
    for m in MODULE_BUDGETS {
        let Some((_, total)) = per_module.iter().find(|(name, _)| *name == m.name) else {
            continue;
        };
        let what = format!("the {} module", m.name);
        if !within(&what, *total, m.budget_gzip, m.target_gzip) {
            over.push(what);
        }
    }
    if check && !over.is_empty() {
        bail!("over the size budget: {}", over.join(", "));
    }
    Ok(())
}

/// Prints one budget line (raw, gzip, brotli; the verdict against the gzip budget and the
/// target beside it); whether it is within the budget.
fn within(what: &str, total: (u64, u64, u64), budget_gzip: u64, target_gzip: u64) -> bool {
    let kb = |n: u64| format!("{:>9.1} KB", n as f64 / 1024.0);
    let ok = total.1 <= budget_gzip;
    println!(
        "{:<44} {} {} {}   budget {} gzip: {} (target {})",
        what,
        kb(total.0),
        kb(total.1),
        kb(total.2),
        kb(budget_gzip).trim(),
        if ok { "within" } else { "OVER" },
        kb(target_gzip).trim(),
    );
    ok
}

/// `[[name, raw, gzip, brotli], …]` from the node script (a tiny, known shape).
fn parse_rows(s: &str) -> Vec<(String, u64, u64, u64)> {
    s.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split("],[")
        .filter_map(|row| {
            let row = row.trim_matches(['[', ']']);
            let (name, nums) = row.rsplit_once("\",")?;
            let name = name.trim_start_matches('"').to_string();
            let n: Vec<u64> = nums
                .split(',')
                .filter_map(|x| x.trim().parse().ok())
                .collect();
            (n.len() == 3).then(|| (name, n[0], n[1], n[2]))
        })
        .collect()
}
