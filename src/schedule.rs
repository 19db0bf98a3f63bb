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
//! ([`crate::workdays`]); each count starts the day after (民法典 第二百零一条). In both modes a
//! deadline whose last day is a rest day or a statutory holiday moves to the next working day
//! (第二百零三条; 调休 working days are working days) — the report due day first, then each
//! period counted from the moved day — unless `rest_day_rule` is `"none"`. Dates beyond the
//! holiday data count weekends and the fixed statutory holidays; the years concerned are returned
//! for a warning.
//!
//! When the month's `actual` dates are given, each period counts from the actual previous step
//! ("收到报表后", "收到发票后"), and [`check`] says for each step whether it was on time.

use crate::scenario::{DayCount, RestDayRule, SettlementTerms};
use crate::work_month::WorkMonth;
use crate::workdays;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

/// 第四条 3 as it happened: the date of each step, when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Actual {
    /// The client's report reached the vendor (1).
    #[cfg_attr(test, ts(type = "string", optional))]
    pub report_received: Option<NaiveDate>,
    /// Both sides finished checking it (2).
    #[cfg_attr(test, ts(type = "string", optional))]
    pub confirmed: Option<NaiveDate>,
    /// The client received the vendor's invoice (3).
    #[cfg_attr(test, ts(type = "string", optional))]
    pub invoice_received: Option<NaiveDate>,
    /// The client paid (4).
    #[cfg_attr(test, ts(type = "string", optional))]
    pub paid: Option<NaiveDate>,
}

impl Actual {
    /// The JSON names of the steps, in order.
    pub const STEPS: [&'static str; 4] =
        ["report_received", "confirmed", "invoice_received", "paid"];

    fn dates(&self) -> [Option<NaiveDate>; 4] {
        [
            self.report_received,
            self.confirmed,
            self.invoice_received,
            self.paid,
        ]
    }
}

impl From<[Option<NaiveDate>; 4]> for Actual {
    fn from([report_received, confirmed, invoice_received, paid]: [Option<NaiveDate>; 4]) -> Self {
        Actual {
            report_received,
            confirmed,
            invoice_received,
            paid,
        }
    }
}

/// The four dates of a month's settlement, `YYYY-MM-DD`, and what is worth saying about them.
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
    /// Why a date is where it is, for the dates a rest day moved or that fall on a 调休 working
    /// day (absent when there is nothing to say).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub notes: Option<Notes>,
}

/// A note for each of the schedule's dates that has one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Notes {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub report_due: Option<DayNote>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub confirm_by: Option<DayNote>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub invoice_by: Option<DayNote>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub payment_due: Option<DayNote>,
}

impl Notes {
    /// The notes, or `None` when no date has one.
    fn any(self) -> Option<Notes> {
        let Notes {
            report_due,
            confirm_by,
            invoice_by,
            payment_due,
        } = &self;
        [report_due, confirm_by, invoice_by, payment_due]
            .iter()
            .any(|n| n.is_some())
            .then_some(self)
    }
}

/// Why a deadline is on its date: moved from a rest day (民法典 第二百零三条) — over a statutory
/// holiday (`holiday`, named as the State Council's notice names it: "国庆节") or a weekend only —
/// and whether it falls on a weekend day made a working day (调休上班日).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DayNote {
    /// The day the period ended on, a rest day, before it moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(type = "string", optional))]
    pub moved_from: Option<NaiveDate>,
    /// The first holiday among the rest days skipped; absent when they were a weekend only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(type = "string", optional))]
    pub holiday: Option<&'static str>,
    /// The date is a Saturday or Sunday that the holiday notice makes a working day.
    pub makeup_workday: bool,
}

impl DayNote {
    /// The note for a deadline that a count ended on `from` and lands on `to` (the same day
    /// when nothing moved it); `None` when there is nothing to say.
    fn of(from: NaiveDate, to: NaiveDate) -> Option<DayNote> {
        let moved = from != to;
        let makeup_workday = workdays::day_kind(to) == workdays::DayKind::MakeUpWorkday;
        let holiday = from
            .iter_days()
            .take_while(|d| *d < to)
            .find_map(workdays::holiday_name);
        (moved || makeup_workday).then_some(DayNote {
            moved_from: moved.then_some(from),
            holiday,
            makeup_workday,
        })
    }
}

/// The schedule for work month `m` (each period counted from the actual previous step where
/// `actual` gives it), and the years it looked at without holiday data. Years are bounded
/// (1900–2999, lags ≤ 24 months, day counts ≤ 366), so the date arithmetic cannot leave
/// chrono's range; `None` would mean it did.
pub fn schedule(
    m: WorkMonth,
    t: &SettlementTerms,
    actual: &Actual,
) -> Option<(Schedule, Vec<i32>)> {
    let first = NaiveDate::from_ymd_opt(m.year, m.month, 1)?
        .checked_add_months(Months::new(t.lag_months))?;
    let last_day = first.checked_add_months(Months::new(1))?.pred_opt()?.day0() + 1;
    let due_day = first.checked_add_days(Days::new(u64::from(t.report_day.min(last_day) - 1)))?;
    let mut outside = Vec::new();
    let mut note = |r: workdays::WorkdayResult| {
        for year in r.outside_years {
            if !outside.contains(&year) {
                outside.push(year);
            }
        }
        r.date
    };
    let roll = t.rest_day_rule == RestDayRule::NextWorkingDay;
    // 第二百零一条: the period starts the day after `date`; 第二百零三条: its last day, when a
    // rest day, moves to the next working day (a count of 0 days is `date` itself). With the
    // day the count ended on (before a move) for the note.
    let mut after = |date: NaiveDate, days: u32| match t.day_count {
        DayCount::Calendar => {
            let end = date.checked_add_days(Days::new(days.into()))?;
            if roll {
                workdays::roll_forward(end).map(|r| (end, note(r)))
            } else {
                Some((end, end))
            }
        }
        DayCount::Working if days == 0 && !roll => Some((date, date)),
        // Counted in working days, the date moves only when the count is 0 (the report's due
        // day itself on a rest day).
        DayCount::Working => workdays::add_working_days(date, days)
            .map(&mut note)
            .map(|d| (if days == 0 { date } else { d }, d)),
    };
    let [report_received, confirmed, invoice_received, _] = actual.dates();
    let (report_end, report_due) = after(due_day, 0)?;
    let (confirm_end, confirm_by) = after(report_received.unwrap_or(report_due), t.confirm_days)?;
    let (invoice_end, invoice_by) = after(confirmed.unwrap_or(confirm_by), t.invoice_days)?;
    let (payment_end, payment_due) = after(invoice_received.unwrap_or(invoice_by), t.payment_days)?;
    Some((
        Schedule {
            report_due,
            confirm_by,
            invoice_by,
            payment_due,
            notes: Notes {
                report_due: DayNote::of(report_end, report_due),
                confirm_by: DayNote::of(confirm_end, confirm_by),
                invoice_by: DayNote::of(invoice_end, invoice_by),
                payment_due: DayNote::of(payment_end, payment_due),
            }
            .any(),
        },
        outside,
    ))
}

/// Whether a step was done by its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum StepStatus {
    /// No actual date given.
    Open,
    OnTime,
    Late,
}

/// One step of 第四条 3 checked: its due date, its actual date, and how late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StepCheck {
    /// `report_received`, `confirmed`, `invoice_received` or `paid`.
    #[cfg_attr(test, ts(type = "string"))]
    pub step: &'static str,
    #[cfg_attr(test, ts(type = "string"))]
    pub due: NaiveDate,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub actual: Option<NaiveDate>,
    pub status: StepStatus,
    /// Calendar days from the due date to the actual date (0 when on time or open).
    pub late_days: u32,
    /// Working days after the due date up to and including the actual date.
    pub late_working_days: u32,
    /// Why the due date is where it is (see [`Schedule::notes`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub due_note: Option<DayNote>,
}

/// One month of the clerk's check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MonthCheck {
    #[cfg_attr(test, ts(type = "string"))]
    pub month: WorkMonth,
    pub steps: Vec<StepCheck>,
}

/// What `check` returns: each month's steps, and `holidays_outside_data` when the late working
/// days were counted in years without the holiday notices.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DeadlineCheck {
    pub months: Vec<MonthCheck>,
    pub warnings: Vec<crate::messages::Message>,
}

/// The four steps of a month with the schedule's due dates and the actual dates; the years the
/// working-day count looked at without holiday data are added to `outside`.
pub fn check(s: &Schedule, actual: &Actual, outside: &mut Vec<i32>) -> Vec<StepCheck> {
    let due = [s.report_due, s.confirm_by, s.invoice_by, s.payment_due];
    let notes = s.notes.clone().unwrap_or_default();
    let notes = [
        notes.report_due,
        notes.confirm_by,
        notes.invoice_by,
        notes.payment_due,
    ];
    due.into_iter()
        .zip(actual.dates())
        .zip(Actual::STEPS)
        .zip(notes)
        .map(|(((due, actual), step), due_note)| {
            let late = actual.filter(|a| *a > due);
            let mut working = 0;
            let mut day = due;
            while let Some(next) = late.and_then(|a| day.succ_opt().filter(|d| *d <= a)) {
                day = next;
                if workdays::coverage(day) == workdays::Coverage::Outside
                    && !outside.contains(&day.year())
                {
                    outside.push(day.year());
                }
                working += u32::from(workdays::is_working_day(day));
            }
            StepCheck {
                step,
                due,
                actual,
                status: match (actual, late) {
                    (None, _) => StepStatus::Open,
                    (Some(_), None) => StepStatus::OnTime,
                    (Some(_), Some(_)) => StepStatus::Late,
                },
                late_days: late.map_or(0, |a| (a - due).num_days() as u32),
                late_working_days: working,
                due_note,
            }
        })
        .collect()
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
        let s = schedule(WorkMonth { year: y, month: m }, t, &Actual::default())
            .unwrap()
            .0;
        [s.report_due, s.confirm_by, s.invoice_by, s.payment_due].map(|d| d.to_string())
    }
    fn working() -> SettlementTerms {
        SettlementTerms {
            day_count: DayCount::Working,
            ..SettlementTerms::default()
        }
    }

    /// The worked example in working days (2026 holiday notice: Qingming 04-04..04-06).
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
    /// day, but the 8th comes first), in both day counts; with `rest_day_rule: "none"` it stays.
    #[test]
    fn a_due_day_on_a_holiday_moves_to_the_next_working_day() {
        for day_count in [DayCount::Working, DayCount::Calendar] {
            let t = SettlementTerms {
                report_day: 1,
                day_count,
                ..SettlementTerms::default()
            };
            assert_eq!(due(2026, 8, &t), "2026-10-08");
            let agreed = SettlementTerms {
                rest_day_rule: RestDayRule::None,
                ..t
            };
            assert_eq!(due(2026, 8, &agreed), "2026-10-01", "{day_count:?}");
        }
    }

    fn none(t: SettlementTerms) -> SettlementTerms {
        SettlementTerms {
            rest_day_rule: RestDayRule::None,
            ..t
        }
    }

    /// Issue table, calendar days (rate irrelevant). 2026-02: report Sun 04-05 (清明 04-04..06)
    /// → Tue 04-07; confirm 04-07 + 5 = Sun 04-12 → Mon 04-13; invoice 04-13; payment
    /// 04-13 + 15 = Tue 04-28. 2026-03: report 05-05 (劳动节 05-01..05) → Wed 05-06; confirm
    /// 05-11 (Mon); payment 05-26 (Tue). 2026-08: report 10-05 (国庆 10-01..07) → Thu 10-08;
    /// confirm 10-13 (Tue); payment 10-28 (Wed). With `"none"`: the old dates, 10-10 (a 调休
    /// working Saturday) and Sun 10-25 included.
    #[test]
    fn rest_days_move_deadlines_in_calendar_mode() {
        let d = SettlementTerms::default();
        let old = none(d.clone());
        let cases = [
            (
                2,
                &d,
                ["2026-04-07", "2026-04-13", "2026-04-13", "2026-04-28"],
            ),
            (
                3,
                &d,
                ["2026-05-06", "2026-05-11", "2026-05-11", "2026-05-26"],
            ),
            (
                8,
                &d,
                ["2026-10-08", "2026-10-13", "2026-10-13", "2026-10-28"],
            ),
            (
                2,
                &old,
                ["2026-04-05", "2026-04-10", "2026-04-10", "2026-04-25"],
            ),
            (
                3,
                &old,
                ["2026-05-05", "2026-05-10", "2026-05-10", "2026-05-25"],
            ),
            (
                8,
                &old,
                ["2026-10-05", "2026-10-10", "2026-10-10", "2026-10-25"],
            ),
        ];
        for (month, t, want) in cases {
            assert_eq!(dates(2026, month, t), want, "2026-{month:02} {t:?}");
        }
        // A 调休 working Saturday is a working day: 2025-12 with report day 28 is due Sat
        // 2026-02-28, which stays.
        let t = SettlementTerms {
            report_day: 28,
            ..d
        };
        assert_eq!(due(2025, 12, &t), "2026-02-28");
    }

    fn notes(y: i32, m: u32, t: &SettlementTerms) -> Option<Notes> {
        schedule(WorkMonth { year: y, month: m }, t, &Actual::default())
            .unwrap()
            .0
            .notes
    }
    fn moved(from: &str, holiday: Option<&'static str>) -> Option<DayNote> {
        Some(DayNote {
            moved_from: Some(from.parse().unwrap()),
            holiday,
            makeup_workday: false,
        })
    }

    /// Why the dates moved, by the 2026 notice (calendar days, report day 5, lag 2).
    /// 2026-08: report Mon 10-05 lies in 国庆节 (10-01..07) → Thu 10-08, "遇国庆节顺延"; the
    /// others (10-13, 10-28) did not move. 2026-02: report Sun 04-05 in 清明节 (04-04..06) →
    /// Tue 04-07; confirm Sun 04-12, a weekend only → Mon 04-13; invoice 04-13 stays; payment
    /// Tue 04-28 stays. 2025-12 with report day 28: Sat 2026-02-28 is a 调休 working day, so it
    /// stays and says so. 2026-01 (the worked example): nothing to say, no notes at all.
    #[test]
    fn notes_say_why_a_date_moved() {
        let d = SettlementTerms::default();
        assert_eq!(
            notes(2026, 8, &d),
            Some(Notes {
                report_due: moved("2026-10-05", Some("国庆节")),
                ..Notes::default()
            })
        );
        assert_eq!(
            notes(2026, 2, &d),
            Some(Notes {
                report_due: moved("2026-04-05", Some("清明节")),
                confirm_by: moved("2026-04-12", None),
                ..Notes::default()
            })
        );
        let t = SettlementTerms {
            report_day: 28,
            ..d.clone()
        };
        assert_eq!(
            notes(2025, 12, &t),
            Some(Notes {
                report_due: Some(DayNote {
                    moved_from: None,
                    holiday: None,
                    makeup_workday: true,
                }),
                ..Notes::default()
            })
        );
        assert_eq!(notes(2026, 1, &d), None);
        // With "none" nothing moves: 2026-08's confirm day Sat 10-10 is a 调休 working day.
        assert_eq!(
            notes(2026, 8, &none(d.clone())),
            Some(Notes {
                confirm_by: Some(DayNote {
                    moved_from: None,
                    holiday: None,
                    makeup_workday: true,
                }),
                invoice_by: Some(DayNote {
                    moved_from: None,
                    holiday: None,
                    makeup_workday: true,
                }),
                ..Notes::default()
            })
        );
        // 2027, after the notices: work month 2027-08 with report day 1 is due Fri 2027-10-01,
        // 国庆节 by the fixed rule (10-01..03, no notice yet) → Mon 10-04. Working days too:
        // the count of 0 moves it the same way.
        for day_count in [DayCount::Calendar, DayCount::Working] {
            let t = SettlementTerms {
                report_day: 1,
                day_count,
                ..SettlementTerms::default()
            };
            assert_eq!(due(2027, 8, &t), "2027-10-04");
            assert_eq!(
                notes(2027, 8, &t).and_then(|n| n.report_due),
                moved("2027-10-01", Some("国庆节")),
                "{day_count:?}"
            );
        }
        // Serialized: only what there is to say.
        let (s, _) = schedule(
            WorkMonth {
                year: 2026,
                month: 2,
            },
            &d,
            &Actual::default(),
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&s).unwrap()["notes"],
            serde_json::json!({
                "report_due": { "moved_from": "2026-04-05", "holiday": "清明节", "makeup_workday": false },
                "confirm_by": { "moved_from": "2026-04-12", "makeup_workday": false },
            })
        );
    }

    /// The same months in working days. 2026-02: report 04-05 → 04-07; confirm 04-08 (1), 09,
    /// 10, 13, Tue 04-14 (5); payment 04-15..17 (1–3), 04-20..24 (4–8), 04-27..30 (9–12),
    /// 05-01..05 off, 05-06..08 (13–15) → Fri 05-08. 2026-03: report 05-06; confirm 05-07 (1),
    /// 05-08 (2), Sat 05-09 调休 (3), 05-11 (4), Tue 05-12 (5); payment 05-13..15 (1–3),
    /// 05-18..22 (4–8), 05-25..29 (9–13), 06-01 (14), Tue 06-02 (15). 2026-08: report 10-08;
    /// confirm 10-09 (1), Sat 10-10 调休 (2), 10-12..14 (3–5) → Wed 10-14; payment 10-15, 16
    /// (1, 2), 10-19..23 (3–7), 10-26..30 (8–12), 11-02..04 (13–15) → Wed 11-04. With "none"
    /// the report day stays and the counts start from it.
    #[test]
    fn rest_days_in_working_days() {
        let w = working();
        // 2026-08, "none": report Mon 10-05 stays (a holiday); confirm 10-08 (1), 10-09 (2),
        // 10-10 (3), 10-12 (4), 10-13 (5); payment 10-14..16 (1–3), 10-19..23 (4–8),
        // 10-26..30 (9–13), 11-02 (14), 11-03 (15).
        let old = none(w.clone());
        let cases = [
            (
                2,
                &w,
                ["2026-04-07", "2026-04-14", "2026-04-14", "2026-05-08"],
            ),
            (
                3,
                &w,
                ["2026-05-06", "2026-05-12", "2026-05-12", "2026-06-02"],
            ),
            (
                8,
                &w,
                ["2026-10-08", "2026-10-14", "2026-10-14", "2026-11-04"],
            ),
            (
                8,
                &old,
                ["2026-10-05", "2026-10-13", "2026-10-13", "2026-11-03"],
            ),
        ];
        for (month, t, want) in cases {
            assert_eq!(dates(2026, month, t), want, "2026-{month:02} {t:?}");
        }
    }

    /// The clerk's check on the worked example (2026-01, calendar days): report received Fri
    /// 03-06 (due Thu 03-05: late 1 day, 1 working day); confirm counts from 03-06: 03-11,
    /// confirmed 03-11 (on time); invoice due 03-11, received Thu 03-12 (late 1); payment
    /// counts from 03-12: Fri 03-27; paid Mon 03-30: late 3 days, 1 working day (03-28 and
    /// 03-29 are a weekend).
    #[test]
    fn actual_dates_move_the_deadlines_and_say_how_late() {
        let d = |t: &str| Some(t.parse::<NaiveDate>().unwrap());
        for day_count in [DayCount::Calendar, DayCount::Working] {
            let t = SettlementTerms {
                day_count,
                ..SettlementTerms::default()
            };
            let actual = Actual {
                report_received: d("2026-03-06"),
                confirmed: d("2026-03-11"),
                invoice_received: d("2026-03-12"),
                paid: d("2026-03-30"),
            };
            let month = WorkMonth {
                year: 2026,
                month: 1,
            };
            let (s, _) = schedule(month, &t, &actual).unwrap();
            let mut outside = Vec::new();
            let steps = check(&s, &actual, &mut outside);
            let got: Vec<_> = steps
                .iter()
                .map(|c| {
                    (
                        c.due.to_string(),
                        c.status,
                        c.late_days,
                        c.late_working_days,
                    )
                })
                .collect();
            let row = |due: &str, status, days, working| (due.to_string(), status, days, working);
            use StepStatus::*;
            let want = match day_count {
                DayCount::Calendar => vec![
                    row("2026-03-05", Late, 1, 1),
                    row("2026-03-11", OnTime, 0, 0),
                    row("2026-03-11", Late, 1, 1),
                    row("2026-03-27", Late, 3, 1),
                ],
                // Working days: confirm 5 after Fri 03-06: 03-09..13 → Fri 03-13 (confirmed
                // 03-11: on time); invoice 0 days after 03-11: 03-11, received 03-12 (late 1);
                // payment 15 after 03-12: 03-13 (1), 03-16..20 (2–6), 03-23..27 (7–11),
                // 03-30..04-02 (12–15) → Thu 04-02; paid 03-30: on time.
                DayCount::Working => vec![
                    row("2026-03-05", Late, 1, 1),
                    row("2026-03-13", OnTime, 0, 0),
                    row("2026-03-11", Late, 1, 1),
                    row("2026-04-02", OnTime, 0, 0),
                ],
            };
            assert_eq!(got, want, "{day_count:?}");
            assert!(outside.is_empty());
        }
        // Nothing given: every step open, due dates as planned.
        let plain = SettlementTerms::default();
        let month = WorkMonth {
            year: 2026,
            month: 1,
        };
        let (s, _) = schedule(month, &plain, &Actual::default()).unwrap();
        let steps = check(&s, &Actual::default(), &mut Vec::new());
        assert!(steps
            .iter()
            .all(|c| c.status == StepStatus::Open && c.late_days == 0));
    }

    #[test]
    fn beyond_the_holiday_data_weekends_only_and_the_year_is_named() {
        let (s, outside) = schedule(
            WorkMonth {
                year: 2026,
                month: 11,
            },
            &working(),
            &Actual::default(),
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
            &working(),
            &Actual::default()
        )
        .unwrap()
        .1
        .is_empty());
    }

    /// Work month 2026-12 after the notices, both day counts. Calendar: report 2027-02-05 is
    /// 除夕 (正月初一 Sat 02-06; 春节 02-05..08 by the fixed rule) → Tue 02-09; +5 = Sun 02-14 →
    /// Mon 02-15; +15 = Tue 03-02. Working days: report 02-09; confirm 02-10 (1), 02-11 (2),
    /// 02-12 (3), 02-15 (4), Tue 02-16 (5); payment 02-17..19 (1–3), 02-22..26 (4–8),
    /// 03-01..05 (9–13), 03-08 (14), Tue 03-09 (15). Both name 2027 for the warning.
    #[test]
    fn spring_festival_2027_by_the_fixed_rule() {
        let month = WorkMonth {
            year: 2026,
            month: 12,
        };
        let calendar = SettlementTerms::default();
        assert_eq!(
            dates(2026, 12, &calendar),
            ["2027-02-09", "2027-02-15", "2027-02-15", "2027-03-02"]
        );
        assert_eq!(
            dates(2026, 12, &working()),
            ["2027-02-09", "2027-02-16", "2027-02-16", "2027-03-09"]
        );
        for t in [calendar, working()] {
            assert_eq!(schedule(month, &t, &Actual::default()).unwrap().1, [2027]);
        }
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
            "2027-02-09",
            "December → February next year: Fri 02-05 is 除夕 of 2027, 02-06..08 春节"
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
        assert_eq!(
            due(2026, 5, &terms(1, 0)),
            "2026-05-06",
            "lag 0, 劳动节 05-01..05"
        );
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
                rest_day_rule: RestDayRule::None,
                ..SettlementTerms::default()
            },
            &Actual::default(),
        )
        .unwrap()
        .0;
        assert_eq!(late.payment_due.to_string(), "3005-01-02");
    }
}
