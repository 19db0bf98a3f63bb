//! The range of outcomes of a bill (docs/rules.md "Deal policy"): for each month the total at a
//! 0 % and at a 100 % success rate and the success rate at break-even (and their sums),
//! so that "how bad can it get" is one glance away. Every figure is the bill's own code run at
//! that rate ([`crate::solve::rate_span`]); no second formula.

use crate::bill::rounded;
use crate::exact;
use crate::fee;
use crate::problem::{Code, Problem};
use crate::scenario::{self, Terms};
use crate::solve::rate_span;
use crate::work_month::WorkMonth;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// One month's range: its total as entered, at 0 % and at 100 % success, and the lowest success
/// rate (0.000001 grid) whose net fee is zero or more (`null` when none is).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MonthRange {
    #[cfg_attr(test, ts(type = "string"))]
    pub month: WorkMonth,
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
    /// The downside: the month's total at a 0 % success rate.
    #[cfg_attr(test, ts(type = "string"))]
    pub at_zero: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub at_full: Decimal,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub break_even_rate: Option<Decimal>,
}

/// What `outcomeRange` returns: each month's range, and the scenario's total with the sums of
/// the months' totals at 0 % and at 100 % (each month rounds its own lines). A break-even rate is
/// given per month only.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OutcomeRange {
    pub months: Vec<MonthRange>,
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub at_zero: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub at_full: Decimal,
}

/// Reads a scenario and works out its range: the terms read and the range, or the errors. Each
/// month's total is its rounded bill lines summed ([`crate::bill::rounded`] of
/// [`crate::fee::amounts`], as `settle` adds them up); its dates are not needed here.
pub(crate) fn evaluate(input: &Value) -> Result<(Terms, OutcomeRange), Vec<Problem>> {
    let reading = scenario::read(input);
    let errors: Vec<Problem> = reading
        .problems
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    let Some(terms) = reading.terms.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    let mut ranges = Vec::with_capacity(reading.months.len());
    for (i, m) in &reading.months {
        let overflow = || vec![Problem::error(format!("months[{i}]"), Code::Overflow)];
        let total = fee::amounts(&terms, m)
            .ok()
            .and_then(|a| exact::sum(rounded(&a)))
            .ok_or_else(overflow)?;
        let (at_zero, at_full, break_even_rate) =
            rate_span(&terms, std::slice::from_ref(m)).map_err(|_| overflow())?;
        ranges.push(MonthRange {
            month: m.month,
            total,
            at_zero,
            at_full,
            break_even_rate,
        });
    }
    let sum = |f: fn(&MonthRange) -> Decimal| {
        exact::sum(ranges.iter().map(f))
            .ok_or_else(|| vec![Problem::error("months", Code::Overflow)])
    };
    let (total, at_zero, at_full) = (sum(|m| m.total)?, sum(|m| m.at_zero)?, sum(|m| m.at_full)?);
    Ok((
        terms,
        OutcomeRange {
            months: ranges,
            total,
            at_zero,
            at_full,
        },
    ))
}
