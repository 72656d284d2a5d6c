//! E-mail addresses, checked by hand rather than with `validator::ValidateEmail`.
//!
//! Why: `ValidateEmail` compiles two regexes and normalises domains with `idna`; in the
//! browser build that pulled the regex engine and its Unicode tables into the forms bundle
//! (about 50 KB gzip of a 250 KB budget, measured with `cargo xtask size`). The rules below
//! are the same practical subset (RFC 5321 lengths, RFC 5322 dot-atoms, no quoted local
//! parts, no IP literals), plus what a Dutch organisation's address always has: a domain
//! with a dot. The `validator` crate still checks lengths and ranges.

/// True for `naam@organisatie.nl`, `j.de.vries+zvh@gemeente-arnhem.nl`, `info@café.nl`.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    local_ok(local) && domain_ok(domain)
}

fn local_ok(local: &str) -> bool {
    const SPECIAL: &str = "!#$%&'*+/=?^_`{|}~-";
    !local.is_empty()
        && local.len() <= 64
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .chars()
                    .all(|c| c.is_alphanumeric() || SPECIAL.contains(c))
        })
}

fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|t| t.chars().count() >= 2 && t.chars().all(char::is_alphabetic));
    domain.len() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn accepts_real_addresses() {
        for ok in [
            "naam@organisatie.nl",
            "j.de.vries+zvh@gemeente-arnhem.nl",
            "o'brien@politie.nl",
            "info@café.nl",
            "a@b.co",
            "procesregie@zvh.gelderland-midden.nl",
        ] {
            assert!(is_email(ok), "{ok}");
        }
    }

    #[test]
    fn rejects_what_cannot_be_delivered() {
        for bad in [
            "",
            "naam",
            "naam@",
            "@organisatie.nl",
            "g.smit@arnhem",
            "naam@organisatie.",
            "naam@.nl",
            "na..am@organisatie.nl",
            ".naam@organisatie.nl",
            "naam @organisatie.nl",
            "naam@-zvh.nl",
            "naam@zvh-.nl",
            "naam@organisatie.n1",
            "naam@organisatie.n",
            "naam@@organisatie.nl",
            "naam@organisatie..nl",
            "\"naam\"@organisatie.nl",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(!is_email(&format!("{}@organisatie.nl", "a".repeat(65))));
    }
}
