//! Every committed corpus file and crash regression (`fuzz/corpus/<target>/`,
//! `fuzz/regressions/<target>/`) through its target's body, on stable: what the fuzzers
//! found stays fixed in CI, with or without a nightly toolchain.

use llk_fuzzing::TARGETS;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files directly in `dir`, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn every_fuzz_target_has_a_body_and_a_corpus() {
    let on_disk: BTreeSet<String> = files(&fuzz_dir().join("fuzz_targets"))
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .collect();
    let bodies: BTreeSet<String> = TARGETS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        on_disk, bodies,
        "fuzz/fuzz_targets/*.rs and llk_fuzzing::TARGETS"
    );
    for (name, _) in TARGETS {
        assert!(
            !files(&fuzz_dir().join("corpus").join(name)).is_empty(),
            "fuzz/corpus/{name}/ has no seed"
        );
    }
}

#[test]
fn corpus_and_crash_regressions_replay_without_a_panic() {
    let mut failed = Vec::new();
    let mut replayed = 0;
    for (name, body) in TARGETS {
        for kind in ["corpus", "regressions"] {
            for file in files(&fuzz_dir().join(kind).join(name)) {
                let bytes = std::fs::read(&file).expect("a corpus file reads");
                replayed += 1;
                if std::panic::catch_unwind(|| body(&bytes)).is_err() {
                    failed.push(file.display().to_string());
                }
            }
        }
    }
    assert!(failed.is_empty(), "panicked on: {failed:#?}");
    assert!(replayed >= TARGETS.len());
}
