//! Calls and months: the accepted legs of a call merged (earliest start, largest answered billsec,
//! first valid customer number), each call counted in the month of its start, its telecom
//! seconds summed there (第四条 2).

use super::field;
use super::options::{CountBy, Options};
use super::table::{same, Key, Table};
use crate::number;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

pub fn key(k: u128) -> Key {
    [k as u64, (k >> 64) as u64]
}

/// One accepted leg (row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leg {
    pub start: i64,
    pub answered: bool,
    /// The talk time (0 unless answered counts: see [`Call::add`]).
    pub billsec: u32,
    pub customer: Option<Key>,
    /// The own CSV's success flag (already checked against the minimum).
    pub success: Option<bool>,
}

/// A call: its legs merged (32 bytes: one per grouped call stays in memory to the file's end).
#[derive(Debug, Clone, Copy)]
pub struct Call {
    start: i64,
    /// The first valid customer number; `NONE` until a leg gives one.
    customer: Key,
    /// The largest billsec of its ANSWERED legs (when `answered`).
    billsec: u32,
    answered: bool,
    success: Option<bool>,
}

/// No customer number (a number's key is never zero: it holds the number's length).
const NONE: Key = [0, 0];

impl Default for Call {
    fn default() -> Self {
        Call {
            start: i64::MAX,
            customer: NONE,
            billsec: 0,
            answered: false,
            success: None,
        }
    }
}

impl Call {
    pub fn add(&mut self, leg: &Leg) {
        self.start = self.start.min(leg.start);
        if leg.answered {
            self.billsec = if self.answered {
                self.billsec.max(leg.billsec)
            } else {
                leg.billsec
            };
            self.answered = true;
        }
        if same(&self.customer, &NONE) {
            self.customer = leg.customer.unwrap_or(NONE);
        }
        self.success = match (self.success, leg.success) {
            (Some(a), Some(b)) => Some(a || b),
            (a, b) => a.or(b),
        };
    }

    /// Adds a leg read out of file order (a spilled import, `docs/rules.md` "Memory"): the
    /// call's customer number is then that of its leg of the smallest line that has one, `first`
    /// the line that gave it (any value while the call has none).
    pub fn add_out_of_order(&mut self, leg: &Leg, line: u64, first: &mut u64) {
        let earlier = leg
            .customer
            .filter(|_| self.customer().is_none() || line < *first);
        self.add(leg);
        if let Some(number) = earlier {
            self.customer = number;
            *first = line;
        }
    }

    /// The call as one leg (of the same start, talk time, number and success): adding it to an
    /// empty call gives the call again.
    pub fn as_leg(&self) -> Leg {
        Leg {
            start: self.start,
            answered: self.answered,
            billsec: self.billsec,
            customer: self.customer(),
            success: self.success,
        }
    }

    pub fn of(leg: &Leg) -> Call {
        let mut call = Call::default();
        call.add(leg);
        call
    }

    pub fn customer(&self) -> Option<Key> {
        (!same(&self.customer, &NONE)).then_some(self.customer)
    }

    /// The call's billsec when it was answered.
    fn talk(&self) -> Option<u32> {
        self.answered.then_some(self.billsec)
    }
}

/// A month's counts so far.
#[derive(Default)]
struct Month {
    calls: u64,
    answered: u64,
    success_calls: u64,
    billed_seconds: u64,
    /// Per customer number: whether any of its calls of the month is a success (by record).
    records: Table<bool>,
    /// Customers and successful ones counted from a spilled import's partitions (by record).
    spilled_records: u64,
    spilled_successes: u64,
}

/// A month as (year, month).
pub type Ym = (i32, u32);

/// The months of the calls counted so far.
#[derive(Default)]
pub struct Tally {
    months: BTreeMap<(i32, u32), Month>,
}

impl Tally {
    /// Counts a call that has a customer number (callers reject the others).
    pub fn count(&mut self, call: &Call, options: &Options) {
        let (_, month, success) = self.month_of_call(call, options);
        if options.count_by == CountBy::Record {
            if let Some(number) = call.customer() {
                *month.records.entry(number).0 |= success;
            }
        }
    }

    /// Counts a call in its month, except its customer number: by record, the month, the number
    /// and whether the call is a success, for the caller to count among the month's records.
    pub fn count_call(&mut self, call: &Call, options: &Options) -> Option<(Ym, Key, bool)> {
        let (ym, _, success) = self.month_of_call(call, options);
        match options.count_by {
            CountBy::Record => call.customer().map(|number| (ym, number, success)),
            CountBy::Call => None,
        }
    }

    /// Counts a call's calls, answered calls, successes and billed seconds in its month: the
    /// month, its counts, and whether the call is a success.
    fn month_of_call(&mut self, call: &Call, options: &Options) -> (Ym, &mut Month, bool) {
        let ym = field::month_of(call.start, options.zone.shift());
        let month = self.months.entry(ym).or_default();
        month.calls += 1;
        let success = call.success.unwrap_or_else(|| {
            call.talk()
                .is_some_and(|b| b >= options.success_min_billsec)
        });
        if let Some(b) = call.talk() {
            month.answered += 1;
            month.billed_seconds += options.pulse.billed(b);
        }
        month.success_calls += u64::from(success);
        (ym, month, success)
    }

    /// Adds the distinct customers of a month, and the successful ones, counted elsewhere (a
    /// spilled import's partition of customer-months).
    pub fn add_records(&mut self, ym: Ym, records: u64, successes: u64) {
        let month = self.months.entry(ym).or_default();
        month.spilled_records += records;
        month.spilled_successes += successes;
    }

    /// Hands every month's customers (and whether each had a success) to `each`, and forgets
    /// them (a spilled import counts them in partitions).
    pub fn drain_records(&mut self, mut each: impl FnMut(Ym, &Key, bool)) {
        for (ym, month) in &mut self.months {
            for (number, success) in std::mem::take(&mut month.records).entries() {
                each(*ym, number, *success);
            }
        }
    }

    /// The bytes of the months' customer tables.
    pub fn bytes(&self) -> usize {
        self.months.values().map(|m| m.records.bytes()).sum()
    }

    /// The months in order.
    pub fn months(&self, options: &Options) -> Vec<ImportedMonth> {
        self.months
            .iter()
            .map(|(&(y, m), month)| {
                let (volume, successes) = match options.count_by {
                    CountBy::Call => (month.calls, month.success_calls),
                    CountBy::Record => (
                        month.records.len() as u64 + month.spilled_records,
                        month.records.values().filter(|s| **s).count() as u64
                            + month.spilled_successes,
                    ),
                };
                ImportedMonth {
                    month: format!("{y:04}-{m:02}"),
                    volume,
                    successes,
                    calls: month.calls,
                    answered_calls: month.answered,
                    billed_seconds: month.billed_seconds,
                    telecom_charges: options
                        .tariff_per_minute
                        .and_then(|t| charges(month.billed_seconds, t)),
                }
            })
            .collect()
    }
}

/// 第四条 2: billed seconds × tariff per minute ÷ 60, exact, then rounded half away from zero to
/// the fen. (The sum of the calls' exact charges is the sum of their billed seconds times the
/// same factor, so one multiplication gives it exactly.) `None` beyond exact arithmetic.
pub fn charges(billed_seconds: u64, tariff_per_minute: Decimal) -> Option<Decimal> {
    Decimal::from(billed_seconds)
        .checked_mul(tariff_per_minute)?
        .checked_div(Decimal::from(60))
        .map(number::to_fen)
}

/// One month found in a results file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportedMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// T: distinct customer numbers (by record) or calls.
    #[cfg_attr(test, ts(type = "number"))]
    pub volume: u64,
    #[cfg_attr(test, ts(type = "number"))]
    pub successes: u64,
    #[cfg_attr(test, ts(type = "number"))]
    pub calls: u64,
    #[cfg_attr(test, ts(type = "number"))]
    pub answered_calls: u64,
    /// The answered calls' seconds after the pulses.
    #[cfg_attr(test, ts(type = "number"))]
    pub billed_seconds: u64,
    /// CNY, two decimals; null without a tariff.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub telecom_charges: Option<Decimal>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn charges_are_exact_then_rounded_to_the_fen() {
        // 61 s at 60/60 → 120 s; 0.10 a minute → 0.20.
        assert_eq!(charges(120, d("0.10")), Some(d("0.20")));
        // 7 s at 0.07 a minute: 0.008166… → 0.01.
        assert_eq!(charges(7, d("0.07")), Some(d("0.01")));
        // 30 s at 0.09: 0.045 exactly → 0.05 (half away from zero).
        assert_eq!(charges(30, d("0.09")), Some(d("0.05")));
        // Summing first, rounding once: three calls of 30 s at 0.09 are 0.135 → 0.14, not 3 × 0.05.
        assert_eq!(charges(90, d("0.09")), Some(d("0.14")));
        assert_eq!(
            charges(0, d("0.10")).map(|c| c.to_string()),
            Some("0.00".into())
        );
    }

    #[test]
    fn a_call_takes_the_largest_answered_billsec_and_the_earliest_start() {
        let leg = |start, answered, billsec, customer| Leg {
            start,
            answered,
            billsec,
            customer,
            success: None,
        };
        let mut call = Call::of(&leg(100, false, 60, None));
        call.add(&leg(90, true, 20, Some([7, 0])));
        call.add(&leg(95, true, 45, Some([8, 0])));
        assert_eq!(
            (call.start, call.talk(), call.customer()),
            (90, Some(45), Some([7, 0]))
        );
        let unanswered = Call::of(&leg(0, false, 60, Some([1, 0])));
        assert_eq!(
            unanswered.talk(),
            None,
            "NO ANSWER with billsec 60 is not talk time"
        );
        assert_eq!(std::mem::size_of::<Call>(), 32);
    }
}
