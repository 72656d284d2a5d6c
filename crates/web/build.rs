//! Compiles `forms/*.toml` and `forms/regions/*.toml` into the JSON bundle the wasm embeds,
//! so the browser ships no TOML parser. `LLK_FORMS` points at another directory.
//!
//! Broken or missing definitions do not break the build (other crates' lints and tests must
//! still run while forms are being written): the bundle is then empty, the elements show
//! an error and send `llk-error`, and a warning names the problems. `cargo xtask demo`
//! checks the forms first and refuses to build with broken ones.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dir = match std::env::var("LLK_FORMS") {
        Ok(d) => PathBuf::from(d),
        Err(_) => manifest.join("../../forms"),
    };
    println!("cargo::rerun-if-env-changed=LLK_FORMS");
    println!("cargo::rerun-if-changed={}", dir.display());
    let json = match llk_core::Catalog::load_dir(&dir) {
        Ok(catalog) => {
            serde_json::to_string(&catalog.browser_bundle()).expect("a bundle serialises")
        }
        Err(errors) => {
            println!(
                "cargo::warning=forms not loaded ({} problems, first: {}); the kit embeds no forms",
                errors.len(),
                errors.first().map(ToString::to_string).unwrap_or_default()
            );
            r#"{"forms":[],"regions":[]}"#.to_string()
        }
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("forms.json");
    std::fs::write(&out, json).expect("OUT_DIR is writable");
}
