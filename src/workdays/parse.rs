//! Reads the format documented at the top of `data/cn-workdays.txt`.
//!
//! Not part of the library: `build.rs` includes this file to turn the text into the table that
//! `src/workdays.rs` embeds, so a malformed file fails the build, and `src/workdays.rs` includes
//! it in its tests to check the table against the text. Plain `std` (the build script has no
//! dependencies), so dates are counted here by hand.

use std::fmt;

/// A date of the proleptic Gregorian calendar, as the count of days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(i32);

impl Day {
    /// The date `y`-`m`-`d`, or `None` when there is no such date.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        // Days from civil (H. Hinnant): years counted from 1 March, so that 29 February ends one.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let year_of_era = y.rem_euclid(400);
        let day_of_year = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let day_of_era =
            year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year as i32;
        Some(Day(era * 146_097 + day_of_era - 719_468))
    }

    /// (year, month, day): the inverse of [`Day::from_ymd`].
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let d = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = year_of_era + era * 400 + i32::from(m <= 2);
        (y, m, d)
    }

    /// The days from `earlier` to this day.
    pub fn days_since(self, earlier: Day) -> i32 {
        self.0 - earlier.0
    }

    /// Saturday or Sunday (1970-01-01 was a Thursday).
    pub fn is_weekend(self) -> bool {
        (self.0 + 3).rem_euclid(7) >= 5
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Listed under `off`.
    Off,
    /// Listed under `work`: a Saturday or Sunday made a working day.
    Work,
}

/// The file's content: the `covers` range and what the notices make of each day in it.
#[derive(Debug)]
pub struct Calendar {
    pub first: Day,
    pub last: Day,
    /// One entry a day from `first` to `last`: the last line that lists the day, if any.
    pub marks: Vec<Option<Mark>>,
    /// Each `off` day or range, with the name of the holiday line that lists it, in file order.
    pub holidays: Vec<Holiday>,
}

/// Days an item of a notice gives off: `NAME off FIRST..LAST` (or one day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub first: Day,
    pub last: Day,
}

/// Why the file is malformed, and on which line (1-based), if the fault has one.
#[derive(Debug)]
pub struct Error {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Reads the whole file; the first fault found is the error.
pub fn parse(text: &str) -> Result<Calendar, Error> {
    let mut calendar: Option<Calendar> = None;
    let mut in_notice = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |message: String| Error {
            line: Some(i + 1),
            message,
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(Calendar {
            first,
            last,
            marks,
            holidays,
        }) = &mut calendar
        else {
            let ["covers", a, b] = words[..] else {
                return Err(at("the first statement must be `covers FIRST LAST`".into()));
            };
            let (first, last) = (date(a).map_err(at)?, date(b).map_err(at)?);
            if last < first {
                return Err(at(format!("covered range runs backwards: {a} {b}")));
            }
            let days = (last.0 - first.0 + 1) as usize;
            calendar = Some(Calendar {
                first,
                last,
                marks: vec![None; days],
                holidays: Vec::new(),
            });
            continue;
        };
        if words[0] == "notice" {
            if words.len() < 2 {
                return Err(at("a notice names its source".into()));
            }
            in_notice = true;
            continue;
        }
        if !in_notice {
            return Err(at("a holiday line before any notice".into()));
        }
        if words.len() < 3 || words[1] != "off" {
            return Err(at("expected `NAME off DAY... [work DAY...]`".into()));
        }
        let mut mark = Mark::Off;
        for &word in &words[2..] {
            if word == "work" && mark == Mark::Off {
                mark = Mark::Work;
                continue;
            }
            let (start, end) = match word.split_once("..") {
                Some((a, b)) => (date(a).map_err(at)?, date(b).map_err(at)?),
                None => {
                    let day = date(word).map_err(at)?;
                    (day, day)
                }
            };
            if end < start {
                return Err(at(format!("range runs backwards: {word}")));
            }
            if mark == Mark::Off {
                holidays.push(Holiday {
                    name: words[0].to_owned(),
                    first: start,
                    last: end,
                });
            }
            for day in (start.0..=end.0).map(Day) {
                if !(*first..=*last).contains(&day) {
                    return Err(at(format!("{day} is outside the covered range")));
                }
                if mark == Mark::Work && !day.is_weekend() {
                    return Err(at(format!(
                        "make-up working day {day} is not a weekend day"
                    )));
                }
                marks[(day.0 - first.0) as usize] = Some(mark);
            }
        }
    }
    calendar.ok_or_else(|| Error {
        line: None,
        message: "no `covers` line".into(),
    })
}

/// `YYYY-MM-DD`.
fn date(text: &str) -> Result<Day, String> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        b.get(r)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')))
    };
    let parts = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| Some((num(0..4)?, num(5..7)?, num(8..10)?)))
        .flatten();
    parts
        .and_then(|(y, m, d)| Day::from_ymd(y as i32, m, d))
        .ok_or_else(|| format!("{text}: not a date YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, NaiveDate, Weekday};

    #[test]
    fn day_arithmetic_agrees_with_chrono() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let mut date = NaiveDate::from_ymd_opt(1599, 1, 1).unwrap();
        while date.year() < 2402 {
            let (y, m, d) = (date.year(), date.month(), date.day());
            let day = Day::from_ymd(y, m, d).unwrap();
            assert_eq!(i64::from(day.0), (date - epoch).num_days(), "{date}");
            assert_eq!(day.ymd(), (y, m, d), "{date}");
            let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            assert_eq!(day.is_weekend(), weekend, "{date}");
            assert_eq!(day.to_string(), date.to_string());
            date = date.succ_opt().unwrap();
        }
        for (y, m, d) in [
            (2026, 2, 29),
            (2100, 2, 29),
            (2026, 4, 31),
            (2026, 13, 1),
            (2026, 1, 0),
        ] {
            assert_eq!(Day::from_ymd(y, m, d), None, "{y}-{m}-{d}");
        }
        assert!(Day::from_ymd(2000, 2, 29).is_some());
    }

    #[test]
    fn later_lines_override() {
        let text = "covers 2026-01-01 2026-01-31\nnotice a\n  x off 2026-01-03..2026-01-05 \
                    work 2026-01-10\nnotice b\n  y off 2026-01-10 work 2026-01-04\n";
        let c = parse(text).unwrap();
        assert_eq!(
            (c.first.to_string(), c.last.to_string()),
            ("2026-01-01".into(), "2026-01-31".into())
        );
        assert_eq!(c.marks.len(), 31);
        let marked: Vec<_> = (0..31)
            .filter_map(|i| c.marks[i].map(|m| (i + 1, m)))
            .collect();
        assert_eq!(
            marked,
            [
                (3, Mark::Off),
                (4, Mark::Work),
                (5, Mark::Off),
                (10, Mark::Off)
            ]
        );
    }

    #[test]
    fn malformed_data_is_rejected() {
        let head = "covers 2026-01-01 2026-12-31\nnotice test (2025-11-04)\n";
        for (body, why) in [
            (
                "  元旦 off 2026-01-01 work 2026-01-05\n",
                "line 3: make-up working day 2026-01-05 is not a weekend day",
            ),
            (
                "  元旦 off 2027-01-01\n",
                "line 3: 2027-01-01 is outside the covered range",
            ),
            (
                "  元旦 off 2026-01-03..2026-01-01\n",
                "line 3: range runs backwards",
            ),
            ("  元旦 off 2026-02-30\n", "line 3: 2026-02-30: not a date"),
            ("  元旦 off 2026-1-30\n", "line 3: 2026-1-30: not a date"),
            ("  元旦 work 2026-01-04\n", "line 3: expected `NAME off"),
            ("\n# c\nnotice\n", "line 5: a notice names its source"),
        ] {
            let err = parse(&format!("{head}{body}")).unwrap_err().to_string();
            assert!(err.starts_with(why), "{err}");
        }
        let err = parse("notice x\n").unwrap_err().to_string();
        assert!(
            err.starts_with("line 1: the first statement must be `covers FIRST LAST`"),
            "{err}"
        );
        let err = parse("covers 2026-01-01 2025-12-31\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 1: covered range runs backwards"),
            "{err}"
        );
        let err = parse("covers 2026-01-01 2026-12-31\n  元旦 off 2026-01-01\n")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "line 2: a holiday line before any notice");
        let err = parse("# nothing\n").unwrap_err();
        assert_eq!(
            (err.line, err.to_string()),
            (None, "no `covers` line".into())
        );
    }
}
