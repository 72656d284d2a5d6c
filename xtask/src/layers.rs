//! Architecture invariant: `llk-core` is a pipeline, not a loop. Its modules stand in
//! [`LAYERS`], and a module may use only modules of its own layer or the layers before it,
//! with no cycle anywhere; inside `def` and `expr` the files are checked one by one too (a
//! `mod.rs` that uses a child which uses it back is a loop). Read from the source text:
//! every `crate::…` and `super::…` path outside `#[cfg(test)]` code, including the names
//! inside `use crate::{…}` groups. Items the crate root re-exports (`crate::Date`) count as
//! their own module; the root's own functions (`check_submission`) as the layer `lib`.

use anyhow::{Context, Result, bail};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The pipeline, first to last: definitions are read, their expressions parsed (`expr`
/// comes first because a checked definition holds parsed expressions), answers read,
/// validated and shown, examples made and checked, every form of every region in the
/// catalog; the plan and the case on top.
pub const LAYERS: &[&[&str]] = &[
    &[
        "number",
        "signature",
        "date",
        "text",
        "path",
        "diagnostic",
        "dutch",
        "email",
    ],
    &["expr"],
    &["def"],
    &["answers"],
    &["display", "validate"],
    &["example", "submission", "anonymise"],
    &["catalog"],
    &["lib"],
    &["plan"],
    &["case"],
];

/// Modules whose files are nodes of their own (the others count as one node each).
const BY_FILE: &[&str] = &["def", "expr"];

pub fn check(src: &Path) -> Result<()> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).context("cannot read lib.rs")?;
    let reexports = root_reexports(&lib);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src)? {
        let rel = file.strip_prefix(src)?.to_string_lossy().replace('\\', "/");
        if rel == "lib.rs" {
            continue;
        }
        let me = node_of(&rel);
        let text = std::fs::read_to_string(&file)?;
        for path in used_paths(&code_only(&text)) {
            let target = resolve(&path, &rel, src, &reexports);
            if let Some(t) = target.filter(|t| *t != me && !t.is_empty()) {
                edges.entry(me.clone()).or_default().insert(t);
            }
        }
    }
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            match (layer_of(from), layer_of(to)) {
                (Some(a), Some(b)) if b <= a => {}
                (Some(_), Some(_)) => wrong.push(format!("{from} uses {to}, a later layer")),
                _ => wrong.push(format!(
                    "{from} → {to}: a module missing from xtask/src/layers.rs::LAYERS"
                )),
            }
        }
    }
    if let Some(cycle) = find_cycle(&edges) {
        wrong.push(format!("a loop: {}", cycle.join(" → ")));
    }
    if !wrong.is_empty() {
        bail!(
            "llk-core is not a pipeline (xtask/src/layers.rs):\n  {}",
            wrong.join("\n  ")
        );
    }
    eprintln!(
        "llk-core: {} modules in {} layers, no module uses a later one, no loop",
        edges.len(),
        LAYERS.len()
    );
    Ok(())
}

fn rust_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            out.extend(rust_files(&p)?);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    Ok(out)
}

/// `def/resolve.rs` → `def::resolve`; `case/phase.rs` → `case`; `def/mod.rs` → `def`.
fn node_of(rel: &str) -> String {
    let parts: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
    let top = parts[0];
    if BY_FILE.contains(&top) && parts.len() > 1 && parts[1] != "mod" {
        format!("{top}::{}", parts[1])
    } else {
        top.to_string()
    }
}

fn layer_of(node: &str) -> Option<usize> {
    let top = node.split("::").next().unwrap_or(node);
    LAYERS.iter().position(|l| l.contains(&top))
}

/// `pub use date::Date;` and `pub use diagnostic::{Diagnostic, Severity};` in lib.rs: the
/// name → the module it comes from.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.trim_end_matches(';').split_once("::") else {
            continue;
        };
        for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            map.insert(name.trim().to_string(), module.to_string());
        }
    }
    map
}

/// The text before the first `#[cfg(test)]` (tests may use anything), without comments.
fn code_only(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| l.split(" // ").next().unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path after `crate::` or `super::`, as its segments (`["crate", "def", "FormDef"]`);
/// a `{…}` group gives one path per item.
fn used_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for start in ["crate::", "super::"] {
        let mut rest = code;
        while let Some(i) = rest.find(start) {
            let before = rest[..i].chars().next_back();
            let head = start.trim_end_matches("::").to_string();
            rest = &rest[i + start.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            expand(&head, rest, &mut out);
        }
    }
    out
}

/// Reads the path (or group) at the start of `rest` after `prefix::`.
fn expand(prefix: &str, rest: &str, out: &mut Vec<Vec<String>>) {
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 1;
        let mut item = String::new();
        for c in group.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 || (depth == 1 && c == ',') {
                let it = item.trim();
                if !it.is_empty() {
                    expand(prefix, &format!("{it} "), out);
                }
                item.clear();
                if depth == 0 {
                    break;
                }
            } else {
                item.push(c);
            }
        }
        return;
    }
    let mut segs = vec![prefix.to_string()];
    let mut s = rest;
    loop {
        let len = s
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len());
        if len == 0 {
            break;
        }
        segs.push(s[..len].to_string());
        match s[len..].strip_prefix("::") {
            Some(after) if after.starts_with('{') => return expand(&segs.join("::"), after, out),
            Some(after) => s = after,
            None => break,
        }
    }
    out.push(segs);
}

/// The node a path names, from the file `rel` that uses it.
fn resolve(
    path: &[String],
    rel: &str,
    src: &Path,
    reexports: &BTreeMap<String, String>,
) -> Option<String> {
    let mut segs: Vec<String> = path[0].split("::").map(String::from).collect();
    segs.extend(path[1..].iter().cloned());
    let absolute: Vec<String> = if segs[0] == "super" {
        // From `a/b.rs`, super is `a`; from `a/mod.rs`, the crate root.
        let mut base: Vec<String> = rel
            .trim_end_matches(".rs")
            .split('/')
            .map(String::from)
            .collect();
        base.pop();
        if rel.ends_with("mod.rs") {
            base.pop();
        }
        base.into_iter().chain(segs[1..].iter().cloned()).collect()
    } else {
        segs[1..].to_vec()
    };
    let first = absolute.first()?;
    let is_module = |p: &str| src.join(format!("{p}.rs")).exists() || src.join(p).is_dir();
    if !is_module(first) {
        return Some(
            reexports
                .get(first)
                .cloned()
                .unwrap_or_else(|| "lib".into()),
        );
    }
    if BY_FILE.contains(&first.as_str())
        && let Some(second) = absolute.get(1)
        && src.join(first).join(format!("{second}.rs")).exists()
    {
        return Some(format!("{first}::{second}"));
    }
    Some(first.clone())
}

/// A loop in the graph, if there is one, as the nodes along it.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|s| s == m).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(m, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if !state.contains_key(n.as_str())
            && let Some(c) = visit(n, edges, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(code: &str) -> Vec<String> {
        used_paths(code).iter().map(|p| p.join("::")).collect()
    }

    #[test]
    fn reads_paths_and_groups() {
        assert_eq!(
            paths(
                "use crate::def::{FieldKind, FormDef};\nlet n = crate::number::plain_number(1.0);"
            ),
            [
                "crate::def::FieldKind",
                "crate::def::FormDef",
                "crate::number::plain_number"
            ]
        );
        assert_eq!(
            paths("use crate::{date::Date, expr::{self, Env}};"),
            ["crate::date::Date", "crate::expr::self", "crate::expr::Env"]
        );
        assert_eq!(paths("use super::model::Field;"), ["super::model::Field"]);
        // Not a path of this crate: `my_crate::x`.
        assert!(paths("use my_crate::x;").is_empty());
    }

    #[test]
    fn tests_and_comments_do_not_count() {
        let code = code_only(
            "use crate::a::B;\n// crate::c::D\n#[cfg(test)]\nmod tests { use crate::e::F; }",
        );
        assert_eq!(paths(&code), ["crate::a::B"]);
    }

    #[test]
    fn finds_a_loop() {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        edges.entry("a".into()).or_default().insert("b".into());
        edges.entry("b".into()).or_default().insert("a".into());
        assert_eq!(
            find_cycle(&edges),
            Some(vec!["a".into(), "b".into(), "a".into()])
        );
        edges.remove("b");
        assert_eq!(find_cycle(&edges), None);
    }

    /// The loops the core had before it was layered: answers used validate, and display used
    /// answers while answers used display.
    #[test]
    fn names_a_module_that_uses_a_later_one_and_a_loop() {
        let dir = std::env::temp_dir().join(format!("llk-layers-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("def")).expect("temp dir");
        let files = [
            ("lib.rs", "pub mod answers;\npub use date::Date;\n"),
            ("date.rs", "pub struct Date;\n"),
            ("def/mod.rs", "mod model;\n"),
            ("def/model.rs", "use crate::Date;\n"),
            (
                "answers.rs",
                "use crate::{date::Date, display::text};\nfn f() { crate::validate::signature_filled(); }\n",
            ),
            ("display.rs", "use crate::answers::x;\n"),
            ("validate.rs", "use crate::def::model::Field;\n"),
        ];
        for (name, text) in files {
            std::fs::write(dir.join(name), text).expect("write");
        }
        let err = check(&dir).expect_err("loops are found").to_string();
        std::fs::remove_dir_all(&dir).ok();
        assert!(err.contains("answers uses display, a later layer"), "{err}");
        assert!(
            err.contains("answers uses validate, a later layer"),
            "{err}"
        );
        assert!(err.contains("a loop: answers → display → answers"), "{err}");
        assert!(!err.contains("def::model"), "{err}");
    }

    #[test]
    fn the_core_is_a_pipeline() {
        let src = crate::util::root().join("crates/core/src");
        check(&src).expect("llk-core is layered");
    }
}
