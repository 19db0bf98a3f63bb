//! 第四条 3: the settlement calendar of a work month.
//!
//! 1. the client sends the report by day `report_day` of month M + `lag_months` (每月5日前 …
//!    上上月). When that month is shorter than `report_day` (day 31 in April), the report is due on
//!    the month's last day;
//! 2. both sides confirm it within `confirm_days` of receipt (taken as the due day);
//! 3. the vendor invoices `invoice_days` after confirmation;
//! 4. the client pays within `payment_days` of receiving the invoice.
//!
//! Days are calendar days.

use crate::scenario::SettlementTerms;
use crate::work_month::WorkMonth;
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

/// The schedule for work month `m`. Years are bounded (1900–2999, lags ≤ 24 months, day counts
/// ≤ 366), so the date arithmetic cannot leave chrono's range; `None` would mean it did.
pub fn schedule(m: WorkMonth, t: &SettlementTerms) -> Option<Schedule> {
    let first = NaiveDate::from_ymd_opt(m.year, m.month, 1)?
        .checked_add_months(Months::new(t.lag_months))?;
    let last_day = first.checked_add_months(Months::new(1))?.pred_opt()?.day0() + 1;
    let report_due =
        first.checked_add_days(Days::new(u64::from(t.report_day.min(last_day) - 1)))?;
    let confirm_by = report_due.checked_add_days(Days::new(t.confirm_days.into()))?;
    let invoice_by = confirm_by.checked_add_days(Days::new(t.invoice_days.into()))?;
    let payment_due = invoice_by.checked_add_days(Days::new(t.payment_days.into()))?;
    Some(Schedule {
        report_due,
        confirm_by,
        invoice_by,
        payment_due,
    })
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
        schedule(WorkMonth { year: y, month: m }, t)
            .unwrap()
            .report_due
            .to_string()
    }

    #[test]
    fn worked_example_dates() {
        let s = schedule(
            WorkMonth {
                year: 2026,
                month: 1,
            },
            &SettlementTerms::default(),
        )
        .unwrap();
        assert_eq!(
            [s.report_due, s.confirm_by, s.invoice_by, s.payment_due].map(|d| d.to_string()),
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
        .unwrap();
        assert_eq!(late.payment_due.to_string(), "3005-01-02");
    }
}
