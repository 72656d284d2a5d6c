//! What the bounds of `sign::limits` cost at most (SECURITY.md, "Hostile input: bounds"):
//! refusing each hostile PDF of `tests/hostile/`, and checking the largest PDF the bounds
//! let through — 50 MB with as many whole-file signatures as the hashing bound allows.
//! `cargo bench -p llk-pdf --bench hostile` (run by `cargo xtask bench`).

use llk_pdf::sign::{limits, verify};
use std::path::Path;
use std::time::Instant;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{} cannot be read", dir.display());
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    println!("{:<28} {:>9} {:>10}", "hostile PDF", "bytes", "refused ms");
    for path in files {
        let Ok(pdf) = std::fs::read(&path) else {
            continue;
        };
        let t = Instant::now();
        let refused = verify(&pdf).first().is_some_and(|r| r.refused);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let verdict = if refused { "" } else { "  NOT REFUSED" };
        println!("{name:<28} {:>9} {ms:>10.2}{verdict}", pdf.len());
    }
    let size = limits::MAX_PDF_BYTES;
    let fit = limits::MAX_HASHED_BYTES / size;
    let mut pdf = b"%PDF-1.7\n<00>\n".to_vec();
    for _ in 0..fit {
        pdf.extend_from_slice(format!("/ByteRange[0 9 13 {}]\n", size - 13).as_bytes());
    }
    pdf.resize(size, b' ');
    let t = Instant::now();
    let reports = verify(&pdf);
    println!(
        "the most the bounds let through: {fit} signatures over {} MB each, {} checked in {:.0} ms",
        size >> 20,
        reports.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
}
