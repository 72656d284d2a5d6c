//! Finding the line a definition error is about.
//!
//! serde gives byte spans only for syntax and shape errors. For semantic errors (an unknown
//! field in a condition) we find the table by its `id = "…"` line and then the key inside it;
//! that works for both `[[pages.fields]]` tables and inline tables.

/// Byte offset → 1-based line number.
pub fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// The line of the `nth` (0-based) `<key_name> = "<id>"` assignment, then, if `key` is given,
/// the first line after it that assigns `key` before the next table header.
pub fn locate(
    text: &str,
    key_name: &str,
    id: &str,
    nth: usize,
    key: Option<&str>,
) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| assigns(l, key_name).is_some_and(|v| unquote(v) == Some(id)))
        .nth(nth)?
        .0;
    let Some(key) = key else {
        return Some(start + 1);
    };
    // Search the whole table: keys may stand before or after `id`.
    let table_start = (0..=start)
        .rev()
        .find(|&i| lines[i].trim_start().starts_with('['))
        .unwrap_or(0);
    let table_end = (start + 1..lines.len())
        .find(|&i| lines[i].trim_start().starts_with('['))
        .unwrap_or(lines.len());
    (table_start..table_end)
        .find(|&i| assigns(lines[i], key).is_some())
        .or(Some(start))
        .map(|i| i + 1)
}

/// If `line` is `key = value` (or contains `key = value` in an inline table), the value text.
fn assigns<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let mut search = line;
    loop {
        let at = search.find(key)?;
        let before = search[..at].chars().last();
        let after = search[at + key.len()..].trim_start();
        let boundary = before.is_none_or(|c| c == ' ' || c == '{' || c == ',' || c == '\t');
        if boundary && let Some(value) = after.strip_prefix('=') {
            return Some(value.trim());
        }
        search = &search[at + key.len()..];
    }
}

fn unquote(v: &str) -> Option<&str> {
    let v = v.strip_prefix('"')?;
    Some(&v[..v.find('"')?])
}

/// The line of `key = <number>` (for migrations, which have no id).
pub fn locate_number(text: &str, key: &str, n: u32) -> Option<usize> {
    text.lines()
        .position(|l| assigns(l, key).is_some_and(|v| v.trim() == n.to_string()))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tables_and_keys() {
        let src = "[[pages.fields]]\nid = \"a\"\ntype = \"text\"\n\n[[pages.fields]]\ntype = \"date\"\nid = \"b\"\nvisible_if = \"x\"\n[[rules]]\nid = \"a\"\n";
        assert_eq!(locate(src, "id", "a", 0, None), Some(2));
        assert_eq!(locate(src, "id", "b", 0, Some("type")), Some(6));
        assert_eq!(locate(src, "id", "b", 0, Some("visible_if")), Some(8));
        assert_eq!(locate(src, "id", "a", 1, None), Some(10));
        assert_eq!(locate(src, "id", "zz", 0, None), None);
        assert_eq!(line_at(src, 0), 1);
    }
}
