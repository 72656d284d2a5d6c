//! Reading a file the user names (or `-` for standard input) with a bound on its size: a
//! larger file is refused before it is read, with a Dutch message (SECURITY.md, "Hostile
//! input: bounds").

use std::io::Read;
use std::path::Path;

/// Submissions given to `llk validate` and `llk pdf`: a form with every field filled and a
/// drawn signature takes well under 1 MiB.
pub const MAX_SUBMISSION_BYTES: u64 = 16 * 1024 * 1024;

/// The bytes of `path` (`-`: standard input), at most `limit`; `what` names the file in
/// the message ("Het dossier", "De PDF").
pub fn read_bounded(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let cannot =
        |e: std::io::Error| format!("{what} {shown} kan niet worden gelezen: {}.", reason(&e));
    let too_big = || {
        format!(
            "{what} {shown} is groter dan {} MiB en wordt niet geopend.",
            limit >> 20
        )
    };
    let reader: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        let file = std::fs::File::open(path).map_err(cannot)?;
        if file.metadata().map_err(cannot)?.len() > limit {
            return Err(too_big());
        }
        Box::new(file)
    };
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Why a file could not be read or written, in Dutch where the reason is a common one.
pub fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "het bestand of de map bestaat niet".into(),
        std::io::ErrorKind::PermissionDenied => "geen toegang".into(),
        std::io::ErrorKind::IsADirectory => "dit is een map".into(),
        _ => e.to_string(),
    }
}
