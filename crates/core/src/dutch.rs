//! Dutch input rules: BSN, postcode, phone number, person name.
//!
//! Each check returns `Ok(normalised)` or `Err(message)` with the Dutch message shown to the
//! user. Normalising first (case, spaces, dashes) is what users expect: `1234ab` is a fine
//! postcode, `06-12345678` a fine phone number.

/// BSN: 9 digits (an 8-digit number gets a leading 0) passing the 11-proof
/// `9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11)`; `000000000` is never issued.
pub fn check_bsn(input: &str) -> Result<String, &'static str> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("Een BSN bestaat alleen uit cijfers.");
    }
    let digits = match digits.len() {
        8 => format!("0{digits}"),
        9 => digits,
        _ => return Err("Een BSN heeft 9 cijfers."),
    };
    if digits == "000000000" {
        return Err("Dit is geen geldig BSN. Controleer de cijfers.");
    }
    let sum: i64 = digits
        .bytes()
        .zip([9i64, 8, 7, 6, 5, 4, 3, 2, -1])
        .map(|(b, w)| i64::from(b - b'0') * w)
        .sum();
    if sum % 11 != 0 {
        return Err("Dit is geen geldig BSN. Controleer de cijfers.");
    }
    Ok(digits)
}

/// Postcode `1234 AB`: first digit 1-9, letters SA, SD and SS are never issued.
/// Returns the normalised form with one space and capitals.
pub fn check_postcode(input: &str) -> Result<String, &'static str> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        // Only ASCII letters can make a postcode; anything else fails the shape check.
        .to_ascii_uppercase();
    let b = compact.as_bytes();
    let shape_ok = b.len() == 6
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_uppercase);
    if !shape_ok {
        return Err("Vul een postcode in als 4 cijfers en 2 letters, bijvoorbeeld 1234 AB.");
    }
    if b[0] == b'0' {
        return Err("Een postcode begint niet met een 0.");
    }
    if matches!(&compact[4..], "SA" | "SD" | "SS") {
        return Err("Deze postcode bestaat niet: de letters SA, SD en SS worden niet gebruikt.");
    }
    Ok(format!("{} {}", &compact[..4], &compact[4..]))
}

/// Dutch phone number: 10 digits starting with 0, or +31 (or 0031) followed by the 9 digits
/// without the 0. Spaces, dashes, dots and brackets are allowed. Returns `0…` digits.
pub fn check_phone(input: &str) -> Result<String, &'static str> {
    let trimmed = input.trim();
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+');
    if trimmed.is_empty() || !trimmed.chars().all(allowed) || trimmed.rfind('+').unwrap_or(0) > 0 {
        return Err("Vul een telefoonnummer in met alleen cijfers, bijvoorbeeld 06 12345678.");
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = trimmed.strip_prefix('+') {
        // "+31 (0)6 …" is common on business cards: the bracketed 0 is dropped.
        let rest_digits = digits.strip_prefix("31").ok_or(
            "Vul een Nederlands telefoonnummer in: 10 cijfers beginnend met 0, of +31 gevolgd door 9 cijfers.",
        )?;
        let rest_digits = if rest.contains("(0)") {
            rest_digits.strip_prefix('0').unwrap_or(rest_digits)
        } else {
            rest_digits
        };
        format!("0{rest_digits}")
    } else if let Some(rest) = digits.strip_prefix("0031") {
        format!("0{rest}")
    } else {
        digits
    };
    if national.len() != 10 || !national.starts_with('0') || national.starts_with("00") {
        return Err(
            "Vul een Nederlands telefoonnummer in: 10 cijfers beginnend met 0, of +31 gevolgd door 9 cijfers.",
        );
    }
    Ok(national)
}

/// A person's name: letters (any script's, so diacritics are welcome), spaces, apostrophes,
/// hyphens and full stops; at least one letter.
pub fn check_person_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    if !name.chars().any(char::is_alphabetic) {
        return Err("Vul een naam in met letters.");
    }
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '-' | '.');
    if !name.chars().all(allowed) {
        return Err("Een naam bevat alleen letters, spaties, apostroffen, koppeltekens en punten.");
    }
    Ok(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_eleven_proof() {
        assert_eq!(check_bsn("111222333"), Ok("111222333".into()));
        assert_eq!(check_bsn("123456782"), Ok("123456782".into()));
        assert_eq!(check_bsn("12345672"), Ok("012345672".into()));
        assert!(check_bsn("123456789").is_err());
        assert!(check_bsn("000000000").is_err());
        assert!(check_bsn("00000000").is_err());
        assert!(check_bsn("1234567").is_err());
        assert!(check_bsn("12345678a").is_err());
        assert!(check_bsn("1112223334").is_err());
    }

    #[test]
    fn postcode_normalised_then_checked() {
        assert_eq!(check_postcode("1234ab"), Ok("1234 AB".into()));
        assert_eq!(check_postcode(" 6511  aj "), Ok("6511 AJ".into()));
        assert!(check_postcode("0123 AB").is_err());
        assert!(check_postcode("1234 SA").is_err());
        assert!(check_postcode("1234 sd").is_err());
        assert!(check_postcode("1234 SS").is_err());
        assert!(check_postcode("1234 A").is_err());
        assert!(check_postcode("12345 AB").is_err());
        assert!(check_postcode("1234 ÄB").is_err());
    }

    #[test]
    fn phone_forms() {
        for ok in [
            "0612345678",
            "06-12345678",
            "06 1234 5678",
            "+31612345678",
            "+31 6 12345678",
            "0031 6 12345678",
            "+31 (0)6 1234 5678",
            "026-3123456",
        ] {
            assert_eq!(check_phone(ok).map(|n| n.len()), Ok(10), "{ok}");
        }
        for bad in [
            "612345678",
            "061234567",
            "06123456789",
            "+32612345678",
            "06-1234abcd",
            "",
            "6+31123456789",
            "00612345678",
        ] {
            assert!(check_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_with_diacritics() {
        for ok in [
            "Daniël",
            "Noëlle van der Meer",
            "Özdemir",
            "O'Neill",
            "Anne-Marie",
            "J.  de Vries",
            "Zoë Ĳsselmuiden",
        ] {
            assert!(check_person_name(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            check_person_name(" J.  de Vries ").as_deref(),
            Ok("J. de Vries")
        );
        for bad in ["", "123", "Jan2", "<script>"] {
            assert!(check_person_name(bad).is_err(), "{bad}");
        }
    }
}
