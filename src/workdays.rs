//! Chinese working days (工作日): the settlement calendar counted in working days (第四条 3,
//! `day_count: "working"`) and contract 2's documents due "7 个工作日" after signing (1.1.3).
//!
//! The State Council's holiday notices are transcribed in `data/cn-workdays.txt`, whose header
//! documents the format and the covered range; `build.rs` checks it and turns it into the table
//! embedded here, two bits a day. Inside that range a day is a working day when a notice makes
//! it one (调休上班), or when it is Monday to Friday and no notice gives it off.
//! After the range the statutory holidays fixed by law ([`statutory`]) and weekends are known, but
//! not the yearly notice's 调休; before it only weekends. [`add_working_days`] and
//! [`roll_forward`] name the years they looked at outside the range so the caller can say so.

use chrono::{Datelike, NaiveDate, Weekday};

/// The table `build.rs` makes of `data/cn-workdays.txt`: `FIRST`, `LAST`, `OFF`, `WORK` and
/// `MARKS`, two bits a day.
mod table {
    include!(concat!(env!("OUT_DIR"), "/cn_workdays.rs"));
}

/// The parser `build.rs` runs; here only to check the table against the text.
#[cfg(test)]
mod parse;
mod statutory;

const FIRST: NaiveDate = ymd(table::FIRST);
const LAST: NaiveDate = ymd(table::LAST);

const fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("build.rs wrote an impossible date"),
    }
}

/// What a date is, by the notices (inside the covered range) or by the weekday alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// Monday to Friday, not given off.
    Working,
    /// Saturday or Sunday, not made a working day.
    Weekend,
    /// Given off by a notice (放假, 调休, 补休), weekend days inside a holiday range included;
    /// after the notices' range, a statutory holiday of the fixed rule ([`statutory`]).
    Holiday,
    /// A Saturday or Sunday that a notice makes a working day (调休上班).
    MakeUpWorkday,
}

impl DayKind {
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Working | DayKind::MakeUpWorkday)
    }
}

/// Whether the holiday data decides a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    Covered,
    /// No notice: after the range weekends and the fixed statutory holidays, before it weekends
    /// only; 调休 (and before the range any holiday) is unknown.
    Outside,
}

/// The date `n` working days on, and the years of the days counted that lie outside the
/// holiday data, in order (e.g. `[2027]`: "2027 not in the holiday data; weekends only").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkdayResult {
    pub date: NaiveDate,
    pub outside_years: Vec<i32>,
}

/// The first and last date the holiday data decides (both included).
pub fn covered() -> (NaiveDate, NaiveDate) {
    (FIRST, LAST)
}

/// Whether `date` lies in [`covered`]; outside it [`day_kind`] knows weekends only.
pub fn coverage(date: NaiveDate) -> Coverage {
    if (FIRST..=LAST).contains(&date) {
        Coverage::Covered
    } else {
        Coverage::Outside
    }
}

/// The kind of `date`: by the notices inside [`covered`]; after it by the fixed statutory
/// holidays and the weekday, before it by the weekday alone.
pub fn day_kind(date: NaiveDate) -> DayKind {
    match mark(date) {
        table::OFF => DayKind::Holiday,
        table::WORK => DayKind::MakeUpWorkday,
        _ if date > LAST && statutory::name(date).is_some() => DayKind::Holiday,
        _ if is_weekend(date) => DayKind::Weekend,
        _ => DayKind::Working,
    }
}

/// The name of the holiday that gives `date` off (`"国庆节"`, `"中秋节、国庆节"`, as the notice
/// writes it; after the notices' range the statutory holiday's name), or `None` when `date` is
/// not a [`DayKind::Holiday`].
pub fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    if day_kind(date) != DayKind::Holiday {
        return None;
    }
    if date > LAST {
        return statutory::name(date);
    }
    let i = date.num_days_from_ce() - FIRST.num_days_from_ce();
    table::HOLIDAYS
        .iter()
        .rev()
        .find(|(first, last, _)| (i32::from(*first)..=i32::from(*last)).contains(&i))
        .map(|(_, _, name)| table::HOLIDAY_NAMES[usize::from(*name)])
}

/// What the notices make of `date`: [`table::OFF`], [`table::WORK`], or 0 when none lists it
/// or it lies outside [`covered`].
fn mark(date: NaiveDate) -> u8 {
    if !(FIRST..=LAST).contains(&date) {
        return 0;
    }
    let i = (date.num_days_from_ce() - FIRST.num_days_from_ce()) as usize;
    table::MARKS
        .get(i / 4)
        .map_or(0, |byte| byte >> (i % 4 * 2) & 3)
}

/// A working day (工作日): see the module's rule.
pub fn is_working_day(date: NaiveDate) -> bool {
    day_kind(date).is_working()
}

/// The date `n` working days after `date`. As in 民法典 第二百零一条, the starting day is not
/// counted: for `n ≥ 1` counting begins the next day, so "7 个工作日 of signing" (1.1.3) is
/// `add_working_days(signing, 7)`. For `n = 0` it is `date` itself when that is a working day,
/// else the next working day: a deadline falling on a day off moves to the next working day
/// (民法典 第二百零三条). `None` only past chrono's last date. Steps one day at a time, so `n`
/// is meant to be a contract's day count (≤ 366), not an arbitrary `u32`.
pub fn add_working_days(date: NaiveDate, n: u32) -> Option<WorkdayResult> {
    let mut day = if n == 0 { date } else { date.succ_opt()? };
    let mut left = n.max(1);
    let mut outside_years = Vec::new();
    loop {
        if coverage(day) == Coverage::Outside && outside_years.last() != Some(&day.year()) {
            outside_years.push(day.year());
        }
        if is_working_day(day) {
            left -= 1;
            if left == 0 {
                return Some(WorkdayResult {
                    date: day,
                    outside_years,
                });
            }
        }
        day = day.succ_opt()?;
    }
}

/// `date` when it is a working day, else the next working day (民法典 第二百零三条: a period
/// whose last day is a rest day or a statutory holiday ends on the day after the holiday), with
/// the years of the days looked at outside the holiday data. `None` only past chrono's last date.
pub fn roll_forward(date: NaiveDate) -> Option<WorkdayResult> {
    add_working_days(date, 0)
}

/// The first working day strictly after `date` (for `date` itself when it is a working day,
/// use `add_working_days(date, 0)`).
pub fn next_working_day(date: NaiveDate) -> Option<NaiveDate> {
    add_working_days(date, 1).map(|r| r.date)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;
    use DayKind::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// The table `build.rs` wrote says what the text says, day by day.
    #[test]
    fn table_matches_the_text() {
        let text = include_str!("../data/cn-workdays.txt");
        let calendar = parse::parse(text).unwrap();
        assert_eq!(covered(), (d("2006-12-30"), d("2026-12-31")));
        assert_eq!(calendar.first.to_string(), FIRST.to_string());
        assert_eq!(calendar.last.to_string(), LAST.to_string());
        assert_eq!(table::MARKS.len(), calendar.marks.len().div_ceil(4));
        let mut day = FIRST;
        for mark in &calendar.marks {
            let weekend = is_weekend(day);
            let kind = match mark {
                Some(parse::Mark::Off) => Holiday,
                Some(parse::Mark::Work) => MakeUpWorkday,
                None if weekend => Weekend,
                None => Working,
            };
            assert_eq!(day_kind(day), kind, "{day}");
            assert_eq!(coverage(day), Coverage::Covered, "{day}");
            day = day.succ_opt().unwrap();
        }
        assert_eq!(day, LAST.succ_opt().unwrap());
        assert_eq!(coverage(day), Coverage::Outside);
        let named: Vec<_> = table::HOLIDAYS
            .iter()
            .map(|&(a, b, n)| {
                (
                    i32::from(a),
                    i32::from(b),
                    table::HOLIDAY_NAMES[usize::from(n)],
                )
            })
            .collect();
        let want: Vec<_> = calendar
            .holidays
            .iter()
            .map(|h| {
                let from = |d: parse::Day| d.days_since(calendar.first);
                (from(h.first), from(h.last), h.name.as_str())
            })
            .collect();
        assert_eq!(named, want);
        assert_eq!(coverage(FIRST.pred_opt().unwrap()), Coverage::Outside);
    }

    #[test]
    fn spring_festival_and_national_day_2025_2026() {
        let cases = [
            // 2025 春节: 1月28日 (除夕, Tue) to 2月4日 off; 1月26日 (Sun), 2月8日 (Sat) worked.
            ("2025-01-25", Weekend),
            ("2025-01-26", MakeUpWorkday),
            ("2025-01-27", Working),
            ("2025-01-28", Holiday),
            ("2025-02-01", Holiday),
            ("2025-02-04", Holiday),
            ("2025-02-05", Working),
            ("2025-02-08", MakeUpWorkday),
            ("2025-02-09", Weekend),
            // 2025 国庆节、中秋节: 10月1日 to 8日 off; 9月28日 (Sun), 10月11日 (Sat) worked.
            ("2025-09-28", MakeUpWorkday),
            ("2025-09-30", Working),
            ("2025-10-01", Holiday),
            ("2025-10-04", Holiday),
            ("2025-10-08", Holiday),
            ("2025-10-09", Working),
            ("2025-10-11", MakeUpWorkday),
            ("2025-10-12", Weekend),
            // 2026 春节: 2月15日 (Sun) to 23日 (Mon) off; 2月14日, 2月28日 (Sat) worked.
            ("2026-02-13", Working),
            ("2026-02-14", MakeUpWorkday),
            ("2026-02-15", Holiday),
            ("2026-02-16", Holiday),
            ("2026-02-23", Holiday),
            ("2026-02-24", Working),
            ("2026-02-28", MakeUpWorkday),
            ("2026-03-01", Weekend),
            // 2026 国庆节: 10月1日 to 7日 off; 9月20日 (Sun), 10月10日 (Sat) worked.
            ("2026-09-19", Weekend),
            ("2026-09-20", MakeUpWorkday),
            ("2026-09-30", Working),
            ("2026-10-01", Holiday),
            ("2026-10-07", Holiday),
            ("2026-10-08", Working),
            ("2026-10-10", MakeUpWorkday),
            ("2026-10-11", Weekend),
        ];
        for (day, kind) in cases {
            assert_eq!(day_kind(d(day)), kind, "{day}");
            assert_eq!(coverage(d(day)), Coverage::Covered, "{day}");
        }
    }

    /// The name of each day off, by the notice's line (the last listing wins) or the fixed rule.
    #[test]
    fn holiday_names() {
        for (day, want) in [
            ("2026-01-01", Some("元旦")),
            ("2026-01-03", Some("元旦")),
            ("2026-02-15", Some("春节")),
            ("2026-02-23", Some("春节")),
            ("2026-04-06", Some("清明节")),
            ("2026-05-05", Some("劳动节")),
            ("2026-06-19", Some("端午节")),
            ("2026-09-26", Some("中秋节")),
            ("2026-10-01", Some("国庆节")),
            ("2026-10-07", Some("国庆节")),
            ("2025-10-08", Some("国庆节、中秋节")),
            ("2023-09-29", Some("中秋节、国庆节")),
            ("2019-05-04", Some("劳动节")),
            ("2020-02-02", Some("春节")),
            ("2027-01-01", Some("元旦")),
            ("2027-10-02", Some("国庆节")),
            ("2026-10-08", None),
            ("2026-10-10", None),
            ("2026-10-11", None),
            ("2027-10-04", None),
        ] {
            assert_eq!(holiday_name(d(day)), want, "{day}");
        }
        // Every day off inside the data has a name.
        let mut day = FIRST;
        while day <= LAST {
            assert_eq!(
                holiday_name(day).is_some(),
                day_kind(day) == Holiday,
                "{day}"
            );
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn make_up_days_are_working_days() {
        for day in [
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
            "2025-01-26",
            "2025-02-08",
        ] {
            assert!(is_working_day(d(day)), "{day}");
            assert_eq!(day_kind(d(day)), MakeUpWorkday, "{day}");
        }
    }

    #[test]
    fn new_years_eve_rules() {
        // 除夕 was off 2008–2013, a working day 2014–2024 (2024: leave only "encouraged"),
        // and a statutory holiday from 2025.
        assert_eq!(day_kind(d("2013-02-09")), Holiday);
        assert_eq!(day_kind(d("2014-01-30")), Working);
        assert_eq!(day_kind(d("2024-02-09")), Working);
        assert_eq!(day_kind(d("2025-01-28")), Holiday);
        assert_eq!(day_kind(d("2026-02-16")), Holiday);
    }

    #[test]
    fn amending_notices_override() {
        // 2019 劳动节 extended to 5月1日–4日 with 4月28日, 5月5日 worked.
        assert_eq!(day_kind(d("2019-05-02")), Holiday);
        assert_eq!(day_kind(d("2019-05-05")), MakeUpWorkday);
        // 2020 春节 extended to 2月2日: Saturday 2月1日 is no longer worked.
        assert_eq!(day_kind(d("2020-01-31")), Holiday);
        assert_eq!(day_kind(d("2020-02-01")), Holiday);
        assert_eq!(day_kind(d("2020-02-03")), Working);
    }

    #[test]
    fn outside_the_data_weekends_and_the_fixed_holidays() {
        assert_eq!(coverage(d("2006-12-29")), Coverage::Outside);
        assert_eq!(day_kind(d("2006-12-29")), Working);
        assert_eq!(
            day_kind(d("2006-10-02")),
            Working,
            "before the data: weekdays"
        );
        assert_eq!(
            day_kind(d("2006-12-30")),
            MakeUpWorkday,
            "first covered day"
        );
        assert_eq!(coverage(d("2027-01-01")), Coverage::Outside);
        assert_eq!(day_kind(d("2027-01-01")), Holiday, "元旦, a Friday");
        assert_eq!(day_kind(d("2027-01-04")), Working);
        assert_eq!(day_kind(d("2030-10-01")), Holiday, "国庆");
        assert_eq!(
            day_kind(d("2030-10-04")),
            Working,
            "no notice: 10-04 is a Friday"
        );
        assert_eq!(day_kind(d("2030-10-05")), Weekend);
        // 2028 中秋 falls on 10-03, inside 国庆: the days off are the union.
        assert_eq!(day_kind(d("2028-10-03")), Holiday);
        assert_eq!(day_kind(d("2028-10-04")), Working);
    }

    #[test]
    fn adding_working_days() {
        // Signed Thursday 2026-02-12, documents due within 7 working days (1.1.3). Counting
        // from the next day: 2-13 Fri (1), 2-14 Sat make-up (2), 2-15..2-23 off, 2-24 Tue (3),
        // 2-25 (4), 2-26 (5), 2-27 Fri (6), 2-28 Sat make-up (7).
        let r = add_working_days(d("2026-02-12"), 7).unwrap();
        assert_eq!(r.date, d("2026-02-28"));
        assert!(r.outside_years.is_empty());
        // n = 0: the day itself when working, else the next working day.
        assert_eq!(
            add_working_days(d("2026-02-13"), 0).unwrap().date,
            d("2026-02-13")
        );
        assert_eq!(
            add_working_days(d("2026-02-15"), 0).unwrap().date,
            d("2026-02-24")
        );
        assert_eq!(next_working_day(d("2026-02-13")), Some(d("2026-02-14")));
        assert_eq!(next_working_day(d("2026-02-14")), Some(d("2026-02-24")));
        // Past the data: 12-31 Thu (1), 2027-01-01 Fri 元旦 off, weekend, 01-04 Mon (2),
        // 01-05 (3).
        let r = add_working_days(d("2026-12-30"), 3).unwrap();
        assert_eq!(r.date, d("2027-01-05"));
        assert_eq!(r.outside_years, [2027]);
        // Contract 2 (1.1.3), signed Mon 2026-12-28: 12-29 (1), 12-30 (2), 12-31 (3), 01-01 元旦
        // off, weekend, 01-04 (4), 01-05 (5), 01-06 (6), Thu 2027-01-07 (7).
        assert_eq!(
            add_working_days(d("2026-12-28"), 7).unwrap().date,
            d("2027-01-07")
        );
        // Rolling forward: a working day stays and looks at nothing outside; a holiday moves.
        let r = roll_forward(d("2026-10-05")).unwrap();
        assert_eq!((r.date, r.outside_years), (d("2026-10-08"), vec![]));
        let r = roll_forward(d("2027-02-05")).unwrap();
        assert_eq!((r.date, r.outside_years), (d("2027-02-09"), vec![2027]));
        // Into the data: 12-29 Fri (1), 12-30 Sat and 12-31 Sun worked (2, 3), 1-1..1-3 off,
        // 1-4 Thu (4).
        let r = add_working_days(d("2006-12-28"), 4).unwrap();
        assert_eq!(r.date, d("2007-01-04"));
        assert_eq!(r.outside_years, [2006]);
        assert_eq!(add_working_days(NaiveDate::MAX, 1), None);
    }
}
