//! `cargo xtask e2e`: builds the kit, runs the llk-ui component tests in Chromium
//! (wasm-bindgen-test) and pkcs12.js's tests in Node, checks dist/ for Trusted Types sinks,
//! serves the demo on a free port with its CSP, runs the end-to-end
//! scripts (`tests/e2e/*.mjs`: playwright-core with the system Chromium, axe-core for
//! accessibility) and type-checks the host API's declarations. The browser stage of
//! `cargo xtask test`.

use crate::build;
use crate::tools;
use crate::util::root;
use anyhow::{Context, Result, bail};
use std::net::TcpListener;
use std::process::Command;
use std::time::Instant;

pub fn run(args: &[String]) -> Result<()> {
    let started = Instant::now();
    let (opts, rest) = build::Options::parse(args)?;
    let skip_build = rest.iter().any(|a| a == "--no-build");
    let chromium = tools::chromium()?;
    tools::npm_tools()?;
    if !skip_build {
        build::build(&opts)?;
    }
    let r = root();
    let out_dir = r.join("target/e2e");
    std::fs::create_dir_all(&out_dir)?;
    // The example submissions the test fills in, for every form in every region.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let llk = |args: &[&str]| {
        Command::new(&cargo)
            .args(["run", "--quiet", "-p", "llk-cli", "--"])
            .args(args)
            .env("LLK_FORMS", &opts.forms)
            .current_dir(&r)
            .output()
    };
    let list = llk(&["forms"]).context("cannot run llk forms")?;
    let forms: Vec<String> = String::from_utf8_lossy(&list.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    let regions: Vec<String> = std::fs::read_dir(opts.forms.join("regions"))?
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect();
    for form in &forms {
        for region in &regions {
            let example = llk(&["example", "--form", form, "--region", region])
                .context("cannot run llk example")?;
            if !example.status.success() {
                bail!(
                    "llk example --form {form} --region {region} failed: {}",
                    String::from_utf8_lossy(&example.stderr)
                );
            }
            std::fs::write(
                out_dir.join(format!("{form}.{region}.example.json")),
                &example.stdout,
            )?;
        }
    }
    let example_file = out_dir.join("aanmelding.landelijk.example.json");
    for e in std::fs::read_dir(&out_dir)?.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("submitted.") || name.ends_with(".png") {
            std::fs::remove_file(e.path())?;
        }
    }

    components(&chromium)?;
    no_trusted_types_sinks(&r.join(build::DIST))?;
    pkcs12_node_tests()?;

    let listener = TcpListener::bind(("127.0.0.1", 0)).context("cannot open a port")?;
    let url = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
    let dist = r.join(build::DIST);
    std::thread::spawn(move || crate::demo::serve(listener, dist));

    // Each script gets its own browser; all run, so one failure does not hide another. They
    // run two at a time (`LLK_E2E_LANES` to change): most of a script's time is its browser
    // waiting, and CI has two cores. Each script's output is printed whole when it ends.
    let lanes: usize = std::env::var("LLK_E2E_LANES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(2);
    let queue = std::sync::Mutex::new(E2E_SCRIPTS.iter());
    let failed = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..lanes {
            scope.spawn(|| {
                while let Some(script) = queue.lock().ok().and_then(|mut q| q.next().copied()) {
                    let t = Instant::now();
                    let run = Command::new("node")
                        .arg(r.join("tests/e2e").join(script))
                        .arg(&url)
                        .env("LLK_EXAMPLE", &example_file)
                        .env("LLK_OUT", &out_dir)
                        .env("CHROMIUM", &chromium)
                        .current_dir(&r)
                        .output();
                    let failure = match run {
                        Ok(o) => {
                            let printed = format!(
                                "{}{}",
                                String::from_utf8_lossy(&o.stdout),
                                String::from_utf8_lossy(&o.stderr)
                            );
                            eprintln!(
                                "$ node tests/e2e/{script} {url}\n{printed}  {script}: {:.1} s",
                                t.elapsed().as_secs_f64()
                            );
                            (!o.status.success()).then_some(printed)
                        }
                        Err(e) => Some(format!("cannot start node: {e}")),
                    };
                    if let Some(printed) = failure
                        && let Ok(mut f) = failed.lock()
                    {
                        f.push((script, printed));
                    }
                }
            });
        }
    });
    let failed = failed.into_inner().unwrap_or_default();
    typecheck_host_api()?;
    eprintln!("  e2e total: {:.1} s", started.elapsed().as_secs_f64());
    if !failed.is_empty() {
        // Again at the end, where a log cut to its tail still shows why.
        for (script, printed) in &failed {
            eprintln!(
                "--- {script} failed; its last lines:\n{}",
                last_lines(printed, 40)
            );
        }
        let names: Vec<&str> = failed.iter().map(|(s, _)| *s).collect();
        bail!(
            "end-to-end tests failed: {}; screenshots in target/e2e/",
            names.join(", ")
        );
    }
    // What the browser submitted is what the command line accepts.
    for e in std::fs::read_dir(&out_dir)?.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("submitted.") && name.ends_with(".json")) {
            continue;
        }
        let file = e.path().display().to_string();
        let out = llk(&["validate", &file]).context("cannot run llk validate")?;
        if !out.status.success() {
            bail!(
                "llk validate {name} failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        eprintln!("llk validate {name}: no errors");
    }
    Ok(())
}

/// The last `n` lines of `text`.
fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// The end-to-end scripts in `tests/e2e/`, each run against the served demo. Longest first
/// (minutes on CI: aanmelding 3–6, keyboard 2–3, casus 2, levensloopplan 1), so that the
/// two lanes end close together instead of one waiting on a long script started last.
const E2E_SCRIPTS: &[&str] = &[
    "aanmelding.mjs",
    "keyboard.mjs",
    "casus.mjs",
    "levensloopplan.mjs",
    "many-forms.mjs",
    "drafts.mjs",
    "pdf.mjs",
    "ondertekening.mjs",
    "overdracht.mjs",
    "pkcs12.mjs",
    "rsa.mjs",
    "examples.mjs",
    "anonymised.mjs",
];

/// What writes HTML or script from a string: under `require-trusted-types-for 'script'`
/// each one throws unless a Trusted Types policy made its argument. The demo allows no
/// policy, and the end-to-end scripts only see the paths they run, so no hand-written
/// JavaScript in `dist/` (loader, snippets, demo and example pages) may contain one...
const JS_SINKS: &[&str] = &[
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "srcdoc",
    "createContextualFragment",
    "parseHTMLUnsafe",
    "setHTMLUnsafe",
    "new Function",
    "eval(",
];
/// ...and no Rust source call one through web-sys or Yew. wasm-bindgen's glue
/// (`dist/pkg/*.js`) is what the Rust calls, so it is checked there: it still imports
/// `innerHTML` for Yew's `VRaw`, which only `Html::from_html_unchecked` builds.
const RUST_SINKS: &[&str] = &[
    "set_inner_html",
    "set_outer_html",
    "insert_adjacent_html",
    "set_srcdoc",
    "from_html_unchecked",
    "Function::new_",
    "js_sys::eval",
];

fn no_trusted_types_sinks(dist: &std::path::Path) -> Result<()> {
    let r = root();
    let glue = dist.join("pkg");
    let mut found = Vec::new();
    let mut check = |path: &std::path::Path, sinks: &[&str]| -> Result<()> {
        let text = std::fs::read_to_string(path)?;
        for sink in sinks.iter().filter(|s| text.contains(**s)) {
            found.push(format!("{} uses {sink}", path.display()));
        }
        Ok(())
    };
    let mut dirs = vec![dist.to_path_buf(), r.join("crates")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir)?.filter_map(Result::ok) {
            let path = e.path();
            let ext = path.extension().and_then(|x| x.to_str());
            if path.is_dir() {
                // Component tests read innerHTML to compare; they ship nothing.
                if path.file_name().is_none_or(|n| n != "tests") {
                    dirs.push(path);
                }
            } else if ext == Some("js") && path.parent() != Some(glue.as_path()) {
                check(&path, JS_SINKS)?;
            } else if ext == Some("rs") {
                check(&path, RUST_SINKS)?;
            }
        }
    }
    if !found.is_empty() {
        bail!(
            "Trusted Types sinks in the kit (see docs/browser-notes.md):\n{}",
            found.join("\n")
        );
    }
    eprintln!("  no Trusted Types sink in dist/**/*.js or crates/**/*.rs");
    Ok(())
}

/// pkcs12.js in Node, without the fuzzer (`npm run test:pkcs12`): the OpenSSL-made seeds
/// read as OpenSSL wrote them, every input the fuzzer once failed on rejects with a code,
/// and each bound of SECURITY.md holds (docs/fuzzing.md, "PKCS#12 (JavaScript)").
fn pkcs12_node_tests() -> Result<()> {
    let test = "fuzz/js/pkcs12/pkcs12.test.mjs";
    eprintln!("$ node --test {test}");
    let status = Command::new("node")
        .args([
            "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON",
            "--test",
            test,
        ])
        .current_dir(root())
        .status()
        .context("cannot run node")?;
    if !status.success() {
        bail!("the PKCS#12 reader's Node tests failed ({status})");
    }
    Ok(())
}

/// `tsc --noEmit` over `examples/typed-host.ts` and `www/levensloopkit.d.ts`: the host
/// API's declarations must type-check the way the examples use them.
fn typecheck_host_api() -> Result<()> {
    let r = root();
    eprintln!("$ tsc -p examples/tsconfig.json");
    let status = Command::new(r.join("node_modules/.bin/tsc"))
        .args(["-p", "examples/tsconfig.json"])
        .current_dir(&r)
        .status()
        .context("cannot run tsc (npm ci installs it)")?;
    if !status.success() {
        bail!("the TypeScript declarations do not type-check the examples ({status})");
    }
    eprintln!("  levensloopkit.d.ts: the typed host example type-checks");
    Ok(())
}

/// The chromedriver capabilities for wasm-bindgen-test-runner: headless system Chromium.
pub fn webdriver_caps(chromium: &std::path::Path) -> Result<std::path::PathBuf> {
    let caps = root().join("target/e2e/webdriver.json");
    std::fs::create_dir_all(root().join("target/e2e"))?;
    std::fs::write(
        &caps,
        format!(
            r#"{{"goog:chromeOptions": {{"binary": {:?}, "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]}}}}"#,
            chromium.display().to_string()
        ),
    )?;
    Ok(caps)
}

/// The llk-ui component tests in Chromium (wasm-bindgen-test-runner through chromedriver).
fn components(chromium: &std::path::Path) -> Result<()> {
    let r = root();
    let runner = tools::wasm_bindgen()?.with_file_name("wasm-bindgen-test-runner");
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    if !std::path::Path::new(&driver).exists() {
        bail!("chromedriver is missing: apt-get install -y chromium-driver (or set CHROMEDRIVER)");
    }
    let caps = webdriver_caps(chromium)?;
    // The Yew components, then the IndexedDB draft store (llk-storage; `unavailable`
    // takes IndexedDB away from its page, so it is a test binary, and a page, of its own).
    let suites: [(&str, &[&str]); 2] = [
        ("llk-ui", &["browser", "drafts"]),
        ("llk-storage", &["browser", "unavailable"]),
    ];
    for (package, tests) in suites {
        let t = Instant::now();
        let mut args = vec!["test", "-p", package, "--target", "wasm32-unknown-unknown"];
        for test in tests {
            args.extend(["--test", test]);
        }
        eprintln!("$ cargo {}", args.join(" "));
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(&args)
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
            .env("CHROMEDRIVER", &driver)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &caps)
            .current_dir(&r)
            .status()
            .with_context(|| format!("cannot run the {package} browser tests"))?;
        eprintln!(
            "  {package} browser tests: {:.1} s",
            t.elapsed().as_secs_f64()
        );
        if !status.success() {
            bail!("the {package} browser tests in Chromium failed ({status})");
        }
    }
    Ok(())
}
