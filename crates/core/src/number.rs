//! Numbers as people write them and as messages print them: a leaf of the core, used by
//! the expression parser, the definition checker, the answers and the display text alike.
//! Both directions go through serde_json's number code (which the browser build has
//! anyway), not `f64`'s `FromStr`/`Display` tables (~15 KB each in the wasm).

/// A number as text with a decimal point (`12`, `12.5`), for messages. Printed through
/// serde_json's float printer (which the browser build has anyway) rather than `f64`'s
/// `Display`, which would add ~14 KB of float formatting code to the wasm.
pub fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        (n as i64).to_string()
    } else {
        serde_json::Number::from_f64(n).map_or_else(|| "NaN".to_string(), |x| x.to_string())
    }
}

/// A decimal number as people write it: optional sign, digits, an optional decimal point
/// or comma with digits (`12`, `-3`, `12.5`, `12,5`, `,5`, `007`). No exponents, no `inf`.
/// Parsed by serde_json's number reader (which the browser build has anyway) rather than
/// `f64`'s `FromStr`, whose tables add ~15 KB to the wasm.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (sign, rest) = match s.as_bytes().first() {
        Some(b'-') => ("-", &s[1..]),
        Some(b'+') => ("", &s[1..]),
        _ => ("", s),
    };
    let (int, frac) = match rest.split_once(['.', ',']) {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int)
        || !frac.is_none_or(digits)
        || (int.is_empty() && frac.is_none_or(str::is_empty))
    {
        return None;
    }
    // JSON wants no leading zeros and digits on both sides of the point.
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let json = match frac {
        Some(f) if !f.is_empty() => format!("{sign}{int}.{f}"),
        _ => format!("{sign}{int}"),
    };
    serde_json::from_str::<f64>(&json)
        .ok()
        .filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_numbers() {
        assert_eq!(super::plain_number(12.0), "12");
        assert_eq!(super::plain_number(-3.0), "-3");
        assert_eq!(super::plain_number(12.5), "12.5");
        assert_eq!(super::plain_number(0.1), "0.1");
        assert_eq!(super::plain_number(f64::NAN), "NaN");
    }

    #[test]
    fn numbers_as_people_type_them() {
        use super::parse_number as p;
        assert_eq!(p("12"), Some(12.0));
        assert_eq!(p(" 12,5 "), Some(12.5));
        assert_eq!(p("12.5"), Some(12.5));
        assert_eq!(p("-3"), Some(-3.0));
        assert_eq!(p("+4"), Some(4.0));
        assert_eq!(p("007"), Some(7.0));
        assert_eq!(p(",5"), Some(0.5));
        assert_eq!(p("5."), Some(5.0));
        assert_eq!(p("0.1"), Some(0.1));
        for bad in [
            "", "-", ".", "1e3", "inf", "NaN", "12,5,1", "1 000", "12a", "--1", "1.2.3",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
    }
}
