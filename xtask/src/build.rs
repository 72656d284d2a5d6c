//! `cargo xtask build`: the browser kit in `dist/`.
//!
//! forms check → for each of [`MODULES`]: cargo build --release --target
//! wasm32-unknown-unknown -p llk-web --features X → wasm-bindgen --target web
//! --out-name NAME → wasm-opt -Oz; then `llk bundle` (the definitions as
//! `pkg/forms.json`) → copy `www/` (demo page and loader) and `examples/` (into
//! `dist/examples/`).
//! The forms come from `forms/` (or `--forms DIR`).

use crate::tools;
use crate::util::root;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub const DIST: &str = "dist";
/// The definitions file in `dist/pkg/` that the loader fetches.
pub const FORMS_JSON: &str = "forms.json";

/// A wasm module of the kit: llk-web built with one cargo feature. The UI module is loaded
/// by the loader at once; the PDF module on first use (`loadModule('pdf')` in
/// `www/levensloopkit.js`, `modules::loader` in Rust), so it does not weigh on showing a form.
pub struct Module {
    /// The file names in `dist/pkg/`: `<name>.js` and `<name>_bg.wasm`.
    pub name: &'static str,
    /// The llk-web feature that selects its code.
    pub feature: &'static str,
    pub what: &'static str,
    /// What to cut before wasm-opt (`prune.rs`).
    pub prune: Option<crate::prune::Prune>,
}

/// Every module, the UI module first. One module for everything drawn with Yew (forms,
/// drafts, plan editor, case elements) so no page carries two copies of Yew, serde and the
/// core (ARCHITECTURE.md, "One UI module"); what a page downloads in all has its budget in
/// `size.rs` (`PAGES`).
pub const MODULES: &[Module] = &[
    Module {
        name: "llk_web",
        feature: "ui",
        what: "UI module: forms, drafts, plan editor, case elements",
        prune: None,
    },
    Module {
        name: "pdf",
        feature: "pdf",
        what: "PDF module, on first use",
        prune: Some(crate::prune::Prune {
            drop_exports: &["Pdf_"],
            zero_blobs: &[
                ("printpdf", "src/res/CoatedFOGRA39.icc"),
                ("printpdf", "src/res/CoatedFOGRA39.icc.LICENSE.txt"),
            ],
            zero_tables: &[("timedownlifeleftbackcodedata", 122_784)],
            stub_functions: &["brotli_decompressor::decode::BrotliDecompressStream::"],
        }),
    },
];

#[derive(Debug, Clone)]
pub struct Options {
    pub forms: PathBuf,
    pub optimise: bool,
}

impl Options {
    /// `--forms DIR`, `--no-opt`; other arguments are left for the caller.
    pub fn parse(args: &[String]) -> Result<(Options, Vec<String>)> {
        let mut forms = None;
        let mut optimise = true;
        let mut rest = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--forms" => {
                    forms = Some(PathBuf::from(
                        it.next().context("--forms needs a directory")?,
                    ))
                }
                "--no-opt" => optimise = false,
                _ => rest.push(a.clone()),
            }
        }
        let forms = match forms {
            Some(f) if f.is_absolute() => f,
            Some(f) => std::env::current_dir()?.join(f),
            None => root().join("forms"),
        };
        if !has_toml(&forms) {
            bail!("{} has no form definitions (*.toml)", forms.display());
        }
        Ok((Options { forms, optimise }, rest))
    }
}

fn has_toml(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "toml"))
    })
}

fn step(what: &str, cmd: &mut Command) -> Result<()> {
    let t = Instant::now();
    eprintln!("$ {what}");
    let status = cmd
        .current_dir(root())
        .status()
        .with_context(|| format!("cannot start: {what}"))?;
    if !status.success() {
        bail!("failed ({status}): {what}");
    }
    eprintln!("  ({:.1} s)", t.elapsed().as_secs_f64());
    Ok(())
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

pub fn run(args: &[String]) -> Result<()> {
    let (opts, rest) = Options::parse(args)?;
    if let Some(a) = rest.first() {
        bail!("unknown argument '{a}' (build takes --forms DIR and --no-opt)");
    }
    build(&opts)
}

pub fn build(opts: &Options) -> Result<()> {
    let started = Instant::now();
    let r = root();
    tools::wasm_target()?;
    let wasm_bindgen = tools::wasm_bindgen()?;
    let forms = opts.forms.display().to_string();
    step(
        &format!("llk check {forms}"),
        cargo().args(["run", "--quiet", "-p", "llk-cli", "--", "check", &forms]),
    )?;
    let dist = r.join(DIST);
    let pkg = dist.join("pkg");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).context("cannot clear dist/pkg")?;
    }
    for module in MODULES {
        build_module(module, &wasm_bindgen, &pkg, opts.optimise)?;
    }
    // The definitions beside the code: data the loader fetches, cached apart from the wasm.
    let bundle = pkg.join(FORMS_JSON);
    step(
        &format!("llk bundle {forms} -o dist/pkg/{FORMS_JSON}"),
        cargo()
            .args([
                "run", "--quiet", "-p", "llk-cli", "--", "bundle", &forms, "-o",
            ])
            .arg(&bundle),
    )?;
    copy_dir(&r.join("www"), &dist)?;
    if opts.optimise {
        // What a portal loads besides the modules: the loader and the JS snippets.
        minify(&dist.join("levensloopkit.js"))?;
        if pkg.join("snippets").exists() {
            minify_all_js(&pkg.join("snippets"))?;
        }
    }
    // The embedding examples, served one folder below the kit as a portal page would be.
    copy_dir(&r.join("examples"), &dist.join("examples"))?;
    eprintln!(
        "built {} in {:.1} s (forms from {forms})",
        dist.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// cargo build (one feature) → wasm-bindgen (`--out-name`) → wasm-opt, into `pkg`.
fn build_module(m: &Module, wasm_bindgen: &Path, pkg: &Path, optimise: bool) -> Result<()> {
    step(
        &format!(
            "cargo build --release --target wasm32-unknown-unknown -p llk-web --no-default-features --features {}",
            m.feature
        ),
        cargo()
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "llk-web",
                "--no-default-features",
                "--features",
                m.feature,
            ])
            .env("CARGO_ENCODED_RUSTFLAGS", remapped_rustflags()),
    )?;
    // Every feature links to the same file: turn it into the module before the next build.
    let wasm = root().join("target/wasm32-unknown-unknown/release/llk_web.wasm");
    step(
        &format!("wasm-bindgen --target web --out-name {}", m.name),
        Command::new(wasm_bindgen)
            .args(["--target", "web", "--no-typescript", "--out-name", m.name])
            .arg("--out-dir")
            .arg(pkg)
            .arg(&wasm),
    )?;
    let out = pkg.join(format!("{}_bg.wasm", m.name));
    if let Some(prune) = &m.prune {
        crate::prune::run(&out, prune)?;
    }
    if optimise {
        optimise_wasm(&out, m.name)?;
        minify(&pkg.join(format!("{}.js", m.name)))?;
    }
    Ok(())
}

/// The machine's paths out of the wasm: panic locations name `crates/…` and
/// `registry/…`, not `/home/…/.cargo/registry/src/index.crates.io-…/`, so the module is the
/// same on every machine (its size too) and a little smaller.
fn remapped_rustflags() -> String {
    // The encoded form (flags apart by 0x1f) keeps paths with spaces whole.
    let mut flags: Vec<String> = std::env::var("RUSTFLAGS")
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect();
    let cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    let registry = cargo_home.join("registry/src");
    for (from, to) in [(registry.as_path(), "registry"), (root().as_path(), ".")] {
        flags.push(format!("--remap-path-prefix={}={to}", from.display()));
    }
    flags.join("\u{1f}")
}

/// terser (compress + mangle, as an ES module: exports keep their names) in place: the
/// wasm-bindgen glue and the loader lose their comments and long names, ~40 % of their
/// gzip size. `--no-opt` ships them readable.
fn minify(js: &Path) -> Result<()> {
    let terser = tools::terser()?;
    step(
        &format!("terser {}", js.display()),
        Command::new(terser)
            .arg(js)
            .args(["--module", "--compress", "--mangle", "-o"])
            .arg(js),
    )
}

fn minify_all_js(dir: &Path) -> Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            minify_all_js(&p)?;
        } else if p.extension().is_some_and(|x| x == "js") {
            minify(&p)?;
        }
    }
    Ok(())
}

/// wasm-opt -Oz in place. Its result is cached by input and flags (target/wasm-opt-cache):
/// an unchanged build skips the 10–60 s it takes. One cache a module.
fn optimise_wasm(wasm: &Path, name: &str) -> Result<()> {
    const ARGS: &[&str] = &[
        "-Oz",
        // Rust's wasm keeps the first KB of memory unused (the stack comes first) and its
        // own memory starts zeroed: both let wasm-opt drop code (~1 KB gzip).
        "--low-memory-unused",
        "--zero-filled-memory",
        "--converge",
        "--strip-producers",
        "--enable-bulk-memory",
        "--enable-reference-types",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-multivalue",
    ];
    let cache = root().join("target/wasm-opt-cache").join(name);
    std::fs::create_dir_all(&cache)?;
    let (cached_in, cached_out) = (cache.join("in.wasm"), cache.join("out.wasm"));
    let cached_args = cache.join("args.txt");
    let input = std::fs::read(wasm)?;
    let args = ARGS.join(" ");
    if cached_out.exists()
        && std::fs::read(&cached_in).is_ok_and(|c| c == input)
        && std::fs::read_to_string(&cached_args).is_ok_and(|a| a == args)
    {
        std::fs::copy(&cached_out, wasm)?;
        eprintln!("$ wasm-opt -Oz (unchanged input: cached result)");
        return Ok(());
    }
    let wasm_opt = tools::wasm_opt()?;
    step(
        "wasm-opt -Oz",
        Command::new(wasm_opt)
            .args(ARGS)
            .arg(wasm)
            .arg("-o")
            .arg(wasm),
    )?;
    std::fs::write(&cached_in, &input)?;
    std::fs::write(&cached_args, &args)?;
    std::fs::copy(wasm, &cached_out)?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), &target)
                .with_context(|| format!("cannot copy {}", e.path().display()))?;
        }
    }
    Ok(())
}
