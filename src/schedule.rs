//! 第四条 3: the settlement calendar of a work month.
//!
//! 1. the client sends the report by day `report_day` of month M + `lag_months` (每月5日前 …
//!    上上月). When that month is shorter than `report_day` (day 31 in April), the report is due on
//!    the month's last day;
//! 2. both sides confirm it within `confirm_days` of receipt (taken as the due day);
//! 3. the vendor invoices `invoice_days` after confirmation;
//! 4. the client pays within `payment_days` of receiving the invoice.
//!
//! Days are calendar days, or with `day_count: "working"` Chinese working days
//! ([`crate::workdays`]): then each count starts the day after, and a report due day that is not
//! a working day moves to the next working day (民法典 第二百零一、二百零三条). Dates beyond the
//! holiday data count weekends only; the years concerned are returned for a warning.

use crate::scenario::{DayCount, SettlementTerms};
use crate::work_month::WorkMonth;
use crate::workdays;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

/// The four dates of a month's settlement, `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Schedule {
    #[cfg_attr(test, ts(type = "string"))]
    pub report_due: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub confirm_by: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub invoice_by: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub payment_due: NaiveDate,
}

/// The schedule for work month `m`, and the years it counted in without holiday data (working
/// days only). Years are bounded (1900–2999, lags ≤ 24 months, day counts ≤ 366), so the date
/// arithmetic cannot leave chrono's range; `None` would mean it did.
pub fn schedule(m: WorkMonth, t: &SettlementTerms) -> Option<(Schedule, Vec<i32>)> {
    let first = NaiveDate::from_ymd_opt(m.year, m.month, 1)?
        .checked_add_months(Months::new(t.lag_months))?;
    let last_day = first.checked_add_months(Months::new(1))?.pred_opt()?.day0() + 1;
    let due_day = first.checked_add_days(Days::new(u64::from(t.report_day.min(last_day) - 1)))?;
    let mut outside = Vec::new();
    let mut after = |date: NaiveDate, days: u32| match t.day_count {
        DayCount::Calendar => date.checked_add_days(Days::new(days.into())),
        DayCount::Working => workdays::add_working_days(date, days).map(|r| {
            for year in r.outside_years {
                if !outside.contains(&year) {
                    outside.push(year);
                }
            }
            r.date
        }),
    };
    let report_due = after(due_day, 0)?;
    let confirm_by = after(report_due, t.confirm_days)?;
    let invoice_by = after(confirm_by, t.invoice_days)?;
    let payment_due = after(invoice_by, t.payment_days)?;
    Some((
        Schedule {
            report_due,
            confirm_by,
            invoice_by,
            payment_due,
        },
        outside,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(report_day: u32, lag_months: u32) -> SettlementTerms {
        SettlementTerms {
            report_day,
            lag_months,
            ..SettlementTerms::default()
        }
    }
    fn due(y: i32, m: u32, t: &SettlementTerms) -> String {
        dates(y, m, t)[0].clone()
    }
    fn dates(y: i32, m: u32, t: &SettlementTerms) -> [String; 4] {
        let s = schedule(WorkMonth { year: y, month: m }, t).unwrap().0;
        [s.report_due, s.confirm_by, s.invoice_by, s.payment_due].map(|d| d.to_string())
    }
    fn working() -> SettlementTerms {
        SettlementTerms {
            day_count: DayCount::Working,
            ..SettlementTerms::default()
        }
    }

    /// SPEC §6 worked example in working days (2026 holiday notice: Qingming 04-04..04-06).
    /// Report due Thu 2026-03-05, a working day, so it stays. Confirm: 5 working days after it,
    /// counting from the next day: Fri 03-06 (1), Mon 03-09 (2), 03-10 (3), 03-11 (4),
    /// Thu 03-12 (5). Invoice: 0 days, 03-12 is a working day. Payment: 15 working days after
    /// 03-12: 03-13 (1), 03-16..03-20 (2–6), 03-23..03-27 (7–11), 03-30, 03-31 (12, 13),
    /// 04-01 (14), Thu 04-02 (15).
    #[test]
    fn worked_example_in_working_days() {
        assert_eq!(
            dates(2026, 1, &working()),
            ["2026-03-05", "2026-03-12", "2026-03-12", "2026-04-02"]
        );
    }

    /// Work month 2025-12, report due 2026-02-05 (Thu). Confirm 5 working days: 02-06 (1),
    /// 02-09..02-12 (2–5) → Thu 02-12. Payment 15 working days after 02-12: 02-13 (1),
    /// Sat 02-14 调休 (2), 02-15..02-23 Spring Festival off, 02-24..02-27 (3–6), Sat 02-28 调休 (7),
    /// 03-02..03-06 (8–12), 03-09..03-11 (13–15) → Wed 2026-03-11.
    #[test]
    fn spring_festival_2026_with_its_working_saturdays() {
        assert_eq!(
            dates(2025, 12, &working()),
            ["2026-02-05", "2026-02-12", "2026-02-12", "2026-03-11"]
        );
    }

    /// Work month 2026-08 with report day 1 and lag 2: 2026-10-01 is National Day, off until
    /// 10-07 (notice of 2025-11-04); the due day moves to Thu 10-08 (Sat 10-10 is a 调休 working
    /// day, but the 8th comes first).
    #[test]
    fn a_due_day_on_a_holiday_moves_to_the_next_working_day() {
        let t = SettlementTerms {
            report_day: 1,
            ..working()
        };
        assert_eq!(due(2026, 8, &t), "2026-10-08");
        let calendar = SettlementTerms {
            report_day: 1,
            ..SettlementTerms::default()
        };
        assert_eq!(
            due(2026, 8, &calendar),
            "2026-10-01",
            "calendar days do not move"
        );
    }

    #[test]
    fn beyond_the_holiday_data_weekends_only_and_the_year_is_named() {
        let (s, outside) = schedule(
            WorkMonth {
                year: 2026,
                month: 11,
            },
            &working(),
        )
        .unwrap();
        // Report due Tue 2027-01-05; +5 working days (weekends only): 01-06..01-08, 01-11, 01-12.
        assert_eq!(s.report_due.to_string(), "2027-01-05");
        assert_eq!(s.confirm_by.to_string(), "2027-01-12");
        assert_eq!(outside, [2027]);
        assert!(schedule(
            WorkMonth {
                year: 2026,
                month: 1
            },
            &working()
        )
        .unwrap()
        .1
        .is_empty());
    }

    #[test]
    fn worked_example_dates() {
        assert_eq!(
            dates(2026, 1, &SettlementTerms::default()),
            ["2026-03-05", "2026-03-10", "2026-03-10", "2026-03-25"]
        );
    }

    #[test]
    fn month_arithmetic_edges() {
        let d = SettlementTerms::default();
        assert_eq!(due(2026, 1, &d), "2026-03-05", "January → March");
        assert_eq!(
            due(2026, 11, &d),
            "2027-01-05",
            "November → January next year"
        );
        assert_eq!(
            due(2026, 12, &d),
            "2027-02-05",
            "December → February next year"
        );
        assert_eq!(
            due(2026, 2, &terms(31, 2)),
            "2026-04-30",
            "day 31 in a 30-day month: last day"
        );
        assert_eq!(
            due(2025, 12, &terms(31, 2)),
            "2026-02-28",
            "day 31 in February"
        );
        assert_eq!(due(2027, 12, &terms(30, 2)), "2028-02-29", "leap February");
        assert_eq!(due(2026, 5, &terms(1, 0)), "2026-05-01", "lag 0");
        assert_eq!(
            due(2999, 12, &terms(31, 24)).len(),
            10,
            "the largest bounds stay in range"
        );
        let late = schedule(
            WorkMonth {
                year: 2999,
                month: 12,
            },
            &SettlementTerms {
                report_day: 31,
                lag_months: 24,
                confirm_days: 366,
                invoice_days: 366,
                payment_days: 366,
                ..SettlementTerms::default()
            },
        )
        .unwrap()
        .0;
        assert_eq!(late.payment_due.to_string(), "3005-01-02");
    }
}
