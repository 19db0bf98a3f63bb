//! A work month, `YYYY-MM`.

use crate::json::Json;
use crate::problem::{Code, Problem};
use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar month in the years 1900–2999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct WorkMonth {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl WorkMonth {
    /// Reads `"YYYY-MM"` strictly: four digits, a hyphen, two digits, a month 01–12.
    pub fn read(v: &Json) -> Result<WorkMonth, Problem> {
        let Json::String(s) = v else {
            return Err(Problem::new(Code::WrongType)
                .with("expected", "string")
                .with("found", v.kind()));
        };
        let invalid = || {
            Problem::new(Code::InvalidMonth).with("value", s.chars().take(24).collect::<String>())
        };
        let b = s.trim().as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 7 || b[4] != b'-' || !digits(0..4) || !digits(5..7) {
            return Err(invalid());
        }
        let num =
            |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        let (year, month) = (num(0..4), num(5..7));
        if !(1..=12).contains(&month) || !(1900..=2999).contains(&year) {
            return Err(invalid());
        }
        Ok(WorkMonth {
            year: year as i32,
            month,
        })
    }
}

impl fmt::Display for WorkMonth {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for WorkMonth {
    /// `YYYY-MM`, as `Display` writes it for the years a month can have (1900–2999).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&date_text(self.year, self.month, None))
    }
}

/// `YYYY-MM`, or `YYYY-MM-DD` with a day, written into a stack buffer without the formatting
/// machinery (serializing a bill's months and dates). Years are clamped to 0–9999.
pub fn date_text(year: i32, month: u32, day: Option<u32>) -> DateText {
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = year.clamp(0, 9999) as u32;
    let mut text = DateText {
        bytes: [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            0,
            0,
        ],
        len: 7,
    };
    if let Some(day) = day {
        text.bytes[8] = digit(day / 10);
        text.bytes[9] = digit(day);
        text.len = 10;
    }
    text
}

/// The text `date_text` wrote (ASCII digits and dashes).
pub struct DateText {
    bytes: [u8; 10],
    len: usize,
}

impl std::ops::Deref for DateText {
    type Target = str;
    fn deref(&self) -> &str {
        let bytes = self.bytes.get(..self.len).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_displayed() {
        for (year, month) in [(1900, 1), (2026, 9), (2026, 12), (2999, 10)] {
            let m = WorkMonth { year, month };
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{m}\""));
        }
    }

    #[test]
    fn date_text_as_chrono_displays() {
        for (y, m, d) in [(1900, 1, 1), (2026, 2, 28), (2026, 12, 31), (9999, 9, 9)] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(&*date_text(y, m, Some(d)), date.to_string());
            assert_eq!(&*date_text(y, m, None), &date.to_string()[..7]);
        }
    }

    #[test]
    fn month_table() {
        let read = |t: &str| WorkMonth::read(&Json::String(t.into()));
        assert_eq!(
            read("2026-01").unwrap(),
            WorkMonth {
                year: 2026,
                month: 1
            }
        );
        assert_eq!(read("2026-12").unwrap().to_string(), "2026-12");
        for bad in [
            "2026-13",
            "2026-00",
            "2026-1",
            "26-01",
            "2026/01",
            "",
            "abcd-ef",
            "1899-12",
            "2026-01-05",
        ] {
            assert_eq!(read(bad).unwrap_err().code, Code::InvalidMonth, "{bad}");
        }
        assert_eq!(
            WorkMonth::read(&Json::Number("202601".into()))
                .unwrap_err()
                .code,
            Code::WrongType
        );
    }
}
