//! The bodies of the fuzz targets: one function `fn(&[u8])` per parser of outside input.
//! `fuzz/fuzz_targets/<name>.rs` calls the body of the same name under libFuzzer (nightly,
//! `cargo xtask fuzz`); `tests/replay.rs` runs every committed corpus file and crash
//! regression through the same body on stable, so CI replays them without nightly.
//!
//! A body panics only when the code under test misbehaves: a panic in the kit, or a
//! property the kit promises (e.g. a PDF it signed verifies) that does not hold. Bad input
//! itself must come back as an error, which the body ignores.

mod answers;
mod definitions;
mod fixtures;
mod pdf;
mod records;

pub use answers::{render, validate};
pub use definitions::{bundle_json, expr, form_toml};
pub use pdf::{der, pdf_sign, pdf_verify};
pub use records::{case_json, storage_record};

/// A target's body.
pub type Body = fn(&[u8]);

/// Every target by name: the name of its file in `fuzz/fuzz_targets/` and of its
/// directories in `fuzz/corpus/` and `fuzz/regressions/`.
pub const TARGETS: &[(&str, Body)] = &[
    ("pdf_sign", pdf_sign),
    ("pdf_verify", pdf_verify),
    ("der", der),
    ("form_toml", form_toml),
    ("bundle_json", bundle_json),
    ("expr", expr),
    ("validate", validate),
    ("render", render),
    ("storage_record", storage_record),
    ("case_json", case_json),
];
