//! A work month, `YYYY-MM`.

use crate::problem::{Code, Problem};
use serde::{Serialize, Serializer};
use serde_json::Value;
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
    pub fn read(v: &Value) -> Result<WorkMonth, Problem> {
        let Value::String(s) = v else {
            return Err(Problem::new(Code::WrongType)
                .with("expected", "string")
                .with("found", crate::reader::kind(v)));
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
    /// `YYYY-MM`, as `Display` writes it.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
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
    fn month_table() {
        let read = |t: &str| WorkMonth::read(&Value::String(t.into()));
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
            WorkMonth::read(&Value::from(202601u64)).unwrap_err().code,
            Code::WrongType
        );
    }
}
