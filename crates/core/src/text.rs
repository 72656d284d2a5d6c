//! Lower-casing for the scripts the forms meet: ASCII, Latin-1, Latin Extended-A (ë, ĳ, ł,
//! ş …), Greek and Cyrillic. Anything else stays as it is.
//!
//! Why not `char::to_lowercase`: its Unicode-wide tables are ~23 KB of barely compressible
//! data in the browser build, for case mappings no Dutch form needs. The expression
//! function `lower()` and message wording are the only users.

/// `s` with every letter of the scripts above in lower case.
pub fn lowercase(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A => u + 0x20,
        // À-Þ without × (U+00D7).
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // Latin Extended-A: upper case on even code points, except the odd-first run
        // Ĺ…ň and Ź…ž; İ (U+0130) lower-cases to a plain i; Ÿ to ÿ.
        0x0130 => 0x69,
        0x0178 => 0xFF,
        0x0139..=0x0148 | 0x0179..=0x017E if !u.is_multiple_of(2) => u + 1,
        0x0100..=0x0137 | 0x014A..=0x0177 if u.is_multiple_of(2) => u + 1,
        // Greek Α-Ω (no capital at U+03A2) and Cyrillic Ѐ-Я.
        0x0391..=0x03A9 if u != 0x03A2 => u + 0x20,
        0x0400..=0x040F => u + 0x50,
        0x0410..=0x042F => u + 0x20,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    #[test]
    fn agrees_with_unicode_where_it_maps() {
        let sample = "ABC Zoë ÀÉÏÔÜ Ĳsselmeer ŁÓDŹ Şükrü ĹĽŇ ŹŻŽ Ÿ ΑΒΓΩ ЁЖЯ ß × İ";
        assert_eq!(
            lowercase(sample),
            "abc zoë àéïôü ĳsselmeer łódź şükrü ĺľň źżž ÿ αβγω ёжя ß × i"
        );
        // Every mapped letter of these blocks matches the standard library.
        for u in (0x41..=0x5A)
            .chain(0xC0..=0xDE)
            .chain(0x100..=0x17F)
            .chain(0x391..=0x3A9)
            .chain(0x400..=0x42F)
        {
            let Some(c) = char::from_u32(u) else { continue };
            let ours = super::lower_char(c);
            let std: Vec<char> = c.to_lowercase().collect();
            // İ lower-cases to i plus a combining dot; a plain i is what a comparison wants.
            if (ours != c || std.len() == 1) && u != 0x130 {
                assert_eq!(vec![ours], std, "U+{u:04X}");
            }
        }
    }
}
