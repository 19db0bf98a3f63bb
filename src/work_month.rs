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
    /// Reads a month as people write it ([`crate::reader::calendar_parts`]: `2027-03`,
    /// `2027-3`, `2027/3`, `2027年3月`, full-width digits) in the years 1900–2999. A full date
    /// on the 1st (`2026/1/1`) is its month: that is how a spreadsheet writes a month cell. Any
    /// other day is refused (`invalid_month`, which says to write the month): the work month
    /// of "2026-01-15" is not for the reader to guess.
    pub fn read(v: &Value) -> Result<WorkMonth, Problem> {
        let Value::String(s) = v else {
            return Err(Problem::new(Code::WrongType)
                .with("expected", "string")
                .with("found", crate::reader::kind(v)));
        };
        let invalid = || {
            Problem::new(Code::InvalidMonth).with("value", s.chars().take(24).collect::<String>())
        };
        match crate::reader::calendar_parts(s) {
            Some((year, month, None | Some(1)))
                if (1..=12).contains(&month) && (1900..=2999).contains(&year) =>
            {
                Ok(WorkMonth {
                    year: year as i32,
                    month,
                })
            }
            _ => Err(invalid()),
        }
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
        // As people and spreadsheets write a month; a full date on the 1st is its month.
        for (text, want) in [
            ("2026-1", "2026-01"),
            ("2026/01", "2026-01"),
            ("2026/1", "2026-01"),
            ("2026.1", "2026-01"),
            ("2026年1月", "2026-01"),
            ("２０２６年１月", "2026-01"),
            ("２０２６－０１", "2026-01"),
            ("2026/1/1", "2026-01"),
            ("2026-01-01", "2026-01"),
            ("2026年12月1日", "2026-12"),
            (" 2999-12 ", "2999-12"),
        ] {
            assert_eq!(read(text).unwrap().to_string(), want, "{text}");
        }
        for bad in [
            "2026-13",
            "2026-00",
            "2026/1/15",
            "2026-01-05",
            "2026-02-31",
            "26-01",
            "2026-001",
            "",
            "abcd-ef",
            "1899-12",
            "3000-01",
            "2026年",
            "一月",
        ] {
            assert_eq!(read(bad).unwrap_err().code, Code::InvalidMonth, "{bad}");
        }
        assert_eq!(
            WorkMonth::read(&Value::from(202601u64)).unwrap_err().code,
            Code::WrongType
        );
    }
}
