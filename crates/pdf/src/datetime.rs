//! A moment in time as the caller gives it. The library never reads a clock (it also runs
//! in the browser, where printpdf's own dates come out as 1970): "now" is a parameter.

use llk_core::Date;

/// Seconds since 1970-01-01 UTC plus the local offset the dates are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub unix_seconds: i64,
    /// Minutes east of UTC: 60 for CET, 120 for CEST.
    pub offset_minutes: i16,
}

/// Local calendar parts.
struct Parts {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
}

impl DateTime {
    pub fn new(unix_seconds: i64, offset_minutes: i16) -> DateTime {
        DateTime {
            unix_seconds,
            offset_minutes,
        }
    }

    fn parts(self, local: bool) -> Parts {
        let offset = if local {
            i64::from(self.offset_minutes) * 60
        } else {
            0
        };
        let t = self.unix_seconds.saturating_add(offset);
        let secs = t.rem_euclid(86_400);
        let (year, month, day) = llk_core::date::civil_from_days(t.div_euclid(86_400));
        Parts {
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs % 3600 / 60,
            second: secs % 60,
        }
    }

    /// The local calendar date (`None` past the year 9999).
    pub fn date(self) -> Option<Date> {
        let p = self.parts(true);
        Date::new(
            i32::try_from(p.year).ok()?,
            u8::try_from(p.month).ok()?,
            u8::try_from(p.day).ok()?,
        )
    }

    /// `D:20261124233300+01'00'`, the PDF date format (ISO 32000 §7.9.4).
    pub fn pdf(self) -> String {
        let p = self.parts(true);
        let off = i64::from(self.offset_minutes);
        let sign = if off < 0 { '-' } else { '+' };
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}{sign}{:02}'{:02}'",
            p.year,
            p.month,
            p.day,
            p.hour,
            p.minute,
            p.second,
            off.abs() / 60,
            off.abs() % 60
        )
    }

    /// `24 november 2026, 23:33` in local time.
    pub fn dutch(self) -> String {
        let p = self.parts(true);
        let day = self.date().map_or_else(
            || format!("{}-{}-{}", p.day, p.month, p.year),
            Date::to_dutch,
        );
        format!("{day}, {:02}:{:02}", p.hour, p.minute)
    }

    /// `2026-11-24T22:33:00Z`, for XMP metadata.
    pub fn iso_utc(self) -> String {
        let p = self.parts(false);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            p.year, p.month, p.day, p.hour, p.minute, p.second
        )
    }

    /// Reads a PDF date (`D:YYYYMMDDHHmmSS+HH'mm'`, any tail optional).
    pub fn parse_pdf(s: &str) -> Option<DateTime> {
        let s = s.strip_prefix("D:").unwrap_or(s);
        let num = |a: usize, b: usize, default: i64| -> Option<i64> {
            match s.get(a..b) {
                Some(t) if t.bytes().all(|c| c.is_ascii_digit()) => t.parse().ok(),
                Some(_) => None,
                None => Some(default),
            }
        };
        let date = Date::new(
            i32::try_from(num(0, 4, 0)?).ok()?,
            u8::try_from(num(4, 6, 1)?).ok()?,
            u8::try_from(num(6, 8, 1)?).ok()?,
        )?;
        let (h, m, sec) = (num(8, 10, 0)?, num(10, 12, 0)?, num(12, 14, 0)?);
        let offset = match s.get(14..15) {
            Some(sign @ ("+" | "-")) => {
                let oh = num(15, 17, 0)?;
                let om = s
                    .get(18..20)
                    .and_then(|t| t.parse::<i64>().ok())
                    .unwrap_or(0);
                let o = oh * 60 + om;
                if sign == "-" { -o } else { o }
            }
            _ => 0,
        };
        let local = date.to_days() * 86_400 + h * 3600 + m * 60 + sec;
        Some(DateTime {
            unix_seconds: local - offset * 60,
            offset_minutes: i16::try_from(offset).ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_round_trip_in_local_time() {
        // 2026-11-24 22:33:00 UTC, shown in CET.
        let t = DateTime::new(1_795_559_580, 60);
        assert_eq!(t.pdf(), "D:20261124233300+01'00'");
        assert_eq!(t.dutch(), "24 november 2026, 23:33");
        assert_eq!(t.iso_utc(), "2026-11-24T22:33:00Z");
        assert_eq!(DateTime::parse_pdf(&t.pdf()), Some(t));
        assert_eq!(
            DateTime::parse_pdf("D:20261124")
                .and_then(|d| d.date())
                .map(|d| d.to_string()),
            Some("2026-11-24".into())
        );
        assert_eq!(DateTime::parse_pdf("D:2026x1"), None);
    }
}
