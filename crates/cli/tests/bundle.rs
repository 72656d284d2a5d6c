//! `llk bundle`: the definitions as the browser kit loads them.

use std::path::Path;
use std::process::Command;

#[test]
fn bundle_writes_checked_definitions_without_examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = std::env::temp_dir().join(format!("llk-bundle-{}.json", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_llk"))
        .arg("bundle")
        .arg(root.join("forms"))
        .arg("-o")
        .arg(&out)
        .status()
        .expect("llk runs");
    assert!(status.success());
    let json = std::fs::read_to_string(&out).expect("written");
    let _ = std::fs::remove_file(&out);
    // What the browser reads back is the same catalog: nine forms in every region.
    let catalog = llk_core::Catalog::from_bundle_json(&json).expect("the bundle loads");
    assert_eq!(catalog.forms().count(), 9);
    assert!(catalog.form("aanmelding", "gelderland").is_some());
    assert!(catalog.form("triage", "haaglanden").is_some());
    assert!(catalog.form("gebeurtenis", "gelderland").is_some());
    // The region settings travel with it.
    let gelderland = catalog.region("gelderland").expect("gelderland");
    assert_eq!(gelderland.zvh.as_deref(), Some("zvh-gelderland-midden"));
    assert_eq!(gelderland.case_retention_days, 1826);
    assert_eq!(
        catalog.region("landelijk").and_then(|r| r.zvh.clone()),
        None
    );
    // Examples are for authors and tools; the browser does not get them.
    assert!(
        !json.contains("\"example\"") && !json.contains("\"examples\""),
        "no examples in the bundle"
    );
}
