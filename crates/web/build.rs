//! The stylesheets go into the wasm without their comments: the comments say why a rule is
//! there (for whoever changes it), the browser needs only the rules. Comments made up a
//! third of the CSS, 1.9 KB gzip of the page (`cargo xtask size`).

use std::path::Path;

const SHEETS: &[&str] = &["src/style.css", "src/plan.css", "src/drafts/style.css"];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for sheet in SHEETS {
        println!("cargo:rerun-if-changed={sheet}");
        let css = std::fs::read_to_string(sheet).unwrap_or_else(|e| panic!("{sheet}: {e}"));
        let name = sheet.trim_start_matches("src/").replace('/', "_");
        std::fs::write(Path::new(&out).join(name), strip(&css))
            .unwrap_or_else(|e| panic!("{sheet}: {e}"));
    }
}

/// The CSS without comments, each run of white space one space (none next to `{`, `}`,
/// `;` or `,`), strings untouched.
fn strip(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            '"' | '\'' => {
                push_space(&mut out, &mut space, c);
                out.push(c);
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        out.extend(chars.next());
                    } else if s == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = true,
            c => {
                push_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out.trim().to_string()
}

/// Writes a pending space before `next`, unless either side makes it unneeded.
fn push_space(out: &mut String, space: &mut bool, next: char) {
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',');
    if *space && !tight(next) && !out.ends_with(tight) && !out.is_empty() {
        out.push(' ');
    }
    *space = false;
}
