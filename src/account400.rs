//! Contract 2 (篇二, the 400-number service agreement): the documents deadline (1.1.3), the
//! advertising check (1.1.3), and the day-by-day projection of the prepaid inbound (400被叫) and
//! outbound (400外呼, 主叫) accounts (1.1.4): when each balance runs out, when outbound is
//! suspended because inbound ran out and what outbound balance is then forfeited (余额不退), the
//! renew-by date, and the smallest top-up on each account that keeps it in service to the end
//! of the validity period.
//!
//! Rules where the contract is silent (README "Rules the contract leaves open"):
//!
//! - **Money is whole fen.** Balances, top-ups and every day's charge are integers of fen; the
//!   simulation never rounds a balance.
//! - **Usage is spread evenly over the days of each calendar month.** A month's usage charge is
//!   `minutes_per_month × tariff_per_minute` (exact). Day `k` of a month of `D` days is charged
//!   `r(U × k ÷ D) − r(U × (k − 1) ÷ D)`, where `r` rounds half away from zero to the fen: each
//!   day's charge is whole fen, a full month costs exactly `U` rounded to the fen, and any run of
//!   days `k0..=k1` costs `r(U × k1 ÷ D) − r(U × (k0 − 1) ÷ D)`, i.e. `U × days used ÷ days in
//!   month` rounded once. The quotient is computed in integers, so it is exact.
//! - **Monthly fees** (`fee_timing`): `month_start` (default) charges the whole fee on the 1st of
//!   each calendar month and, in full, on the opening day of an account opened inside the
//!   projection; when the projection starts mid-month for an account already open, that month's
//!   fee counts as paid (the balance entered is the current one). `daily` spreads the fee like
//!   usage.
//! - **A day's charges are taken after that day's top-ups.** Balances are as of the start of
//!   `as_of` (default: the validity start); the projection runs from `as_of` to the validity end,
//!   at most 36 months.
//! - **Insufficient** (`insufficient`): a day is served when the balance available that day
//!   covers what it must: `below_zero` (default) the day's charges (the balance never goes below
//!   zero); `below_next_charge` the day's charges plus the next day's (one day's charges are
//!   always kept in advance). The first day that is not served is the account's *run-out date*;
//!   from then on the account is stopped and charged nothing, and top-ups made later do not
//!   restart it (the number is given up, 1.1.4) and are warned.
//! - **Outbound depends on inbound** (1.1.4): from inbound's run-out date outbound is suspended
//!   and its balance on that day (after that day's top-ups) is reported as forfeited.
//! - **Renew by** (1.1.4): the earliest of the validity end and the run-out dates; a top-up on
//!   that date is in time (top-ups land before the day's charges). After it, with no top-up,
//!   the number is given up.
//! - **The smallest top-up** on an account, made on `top_up_date` (default `as_of`), that keeps
//!   that account in service to the validity end, with the planned top-ups: the largest deficit
//!   from that date on, `max(need(d) − available(d))`, exact to the fen because every term is
//!   whole fen. It is then checked by simulation: with it the account lasts, with one fen less it
//!   does not. Outbound's figure assumes inbound lasts (top up inbound by its own figure too).
//!   `null` when the account runs out before `top_up_date`: too late, the number is gone.

use crate::number;
use crate::problem::{join, Code, Problem};
use crate::reader::{field, wrong_type, Reader};
use crate::workdays;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// 1.1.3: documents are due within 7 working days of signing.
pub const DOCUMENTS_WORKING_DAYS: u32 = 7;
/// The longest validity period projected, in months.
pub const MAX_MONTHS: u32 = 36;

/// One row per day, or per calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum Granularity {
    #[default]
    Day,
    Month,
}

/// When a monthly fixed fee is charged (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum FeeTiming {
    #[default]
    MonthStart,
    Daily,
}

/// When a balance is insufficient (余额不足, 1.1.4; see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum Insufficient {
    #[default]
    BelowZero,
    BelowNextCharge,
}

/// 400被叫 (inbound) or 400外呼 (outbound, the caller account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum AccountKind {
    Inbound,
    Outbound,
}

/// Why the renew-by date is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum RenewReason {
    InboundRunsOut,
    OutboundRunsOut,
    ValidityEnd,
}

/// One prepaid account as entered.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AccountInput {
    /// "YYYY-MM-DD": the day the account opens; charged from then.
    #[cfg_attr(test, ts(type = "string"))]
    pub opened: NaiveDate,
    /// The balance at the start of `as_of`, CNY.
    #[cfg_attr(test, ts(type = "string | number"))]
    pub balance: Decimal,
    /// Fixed fee per calendar month, CNY. Default 0.
    #[cfg_attr(test, ts(type = "string | number", optional))]
    pub monthly_fee: Decimal,
    /// Expected minutes per calendar month. Default 0.
    #[cfg_attr(test, ts(type = "string | number", optional))]
    pub minutes_per_month: Decimal,
    /// CNY per minute (may have more than two decimals). Default 0.
    #[cfg_attr(test, ts(type = "string | number", optional))]
    pub tariff_per_minute: Decimal,
}

/// The validity period (有效期), both days included.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ValidityInput {
    #[cfg_attr(test, ts(type = "string"))]
    pub start: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub end: NaiveDate,
}

/// A planned top-up (续费), credited at the start of its day.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TopUpInput {
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
    pub account: AccountKind,
    #[cfg_attr(test, ts(type = "string | number"))]
    pub amount: Decimal,
}

/// What `projectAccount400` reads.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Account400Input {
    #[cfg_attr(test, ts(type = "string"))]
    pub signing_date: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub activation_date: NaiveDate,
    #[cfg_attr(test, ts(type = "string", optional))]
    pub advertising_start: Option<NaiveDate>,
    pub validity: ValidityInput,
    /// The day the balances are as of; default `validity.start`.
    #[cfg_attr(test, ts(type = "string", optional))]
    pub as_of: Option<NaiveDate>,
    pub inbound: AccountInput,
    pub outbound: AccountInput,
    #[cfg_attr(test, ts(as = "Option<Vec<TopUpInput>>", optional))]
    pub top_ups: Vec<TopUpInput>,
    /// The day the smallest top-ups are made; default `as_of`.
    #[cfg_attr(test, ts(type = "string", optional))]
    pub top_up_date: Option<NaiveDate>,
    #[cfg_attr(test, ts(as = "Option<Granularity>", optional))]
    pub granularity: Granularity,
    #[cfg_attr(test, ts(as = "Option<FeeTiming>", optional))]
    pub fee_timing: FeeTiming,
    #[cfg_attr(test, ts(as = "Option<Insufficient>", optional))]
    pub insufficient: Insufficient,
}

/// One account in one row: what came in, what was charged, the balance at the row's last day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RowAccount {
    #[cfg_attr(test, ts(type = "string"))]
    pub top_ups: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub charged: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub balance: Decimal,
    /// Open and served on the row's last day.
    pub in_service: bool,
}

/// A day (`from` = `to`) or the projected days of a calendar month.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Row {
    #[cfg_attr(test, ts(type = "string"))]
    pub from: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub to: NaiveDate,
    pub inbound: RowAccount,
    pub outbound: RowAccount,
}

/// One account's outcome over the projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AccountOutcome {
    /// The first day the balance is insufficient (the account stops); `null`: it lasts.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub runs_out: Option<NaiveDate>,
    /// The balance after the last projected day.
    #[cfg_attr(test, ts(type = "string"))]
    pub balance_at_end: Decimal,
    /// The smallest top-up on `top_up_date` that keeps this account in service to the validity
    /// end ("0.00": none needed); `null` when it ran out before that date.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub top_up_needed: Option<Decimal>,
}

/// What `projectAccount400` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Account400Projection {
    /// 1.1.3: the last day for the documents; missed, the chosen number is released.
    #[cfg_attr(test, ts(type = "string"))]
    pub documents_due: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub projection_from: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub projection_to: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub top_up_date: NaiveDate,
    pub granularity: Granularity,
    pub fee_timing: FeeTiming,
    pub insufficient: Insufficient,
    pub inbound: AccountOutcome,
    pub outbound: AccountOutcome,
    /// 1.1.4: inbound's run-out date, when outbound is suspended; `null` if inbound lasts.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub outbound_suspended: Option<NaiveDate>,
    /// The outbound balance on the suspension day, not refunded (余额不退).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub outbound_forfeited: Option<Decimal>,
    /// 1.1.4: top up on or before this day, or the number is given up.
    #[cfg_attr(test, ts(type = "string"))]
    pub renew_by: NaiveDate,
    pub renew_reason: RenewReason,
    pub rows: Vec<Row>,
    pub warnings: Vec<crate::messages::Message>,
}

/// `YYYY-MM-DD`, for message parameters.
pub fn iso(d: NaiveDate) -> String {
    d.to_string()
}

/// Reads `"YYYY-MM-DD"` strictly: a real date in the years 1900–2999.
pub fn read_date(v: &Value) -> Result<NaiveDate, Problem> {
    let Value::String(s) = v else {
        return Err(wrong_type("string", v));
    };
    let invalid =
        || Problem::new(Code::InvalidDate).with("value", s.chars().take(24).collect::<String>());
    let b = s.trim().as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
        return Err(invalid());
    }
    if !digits(8..10) {
        return Err(invalid());
    }
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let year = num(0..4);
    if !(1900..=2999).contains(&year) {
        return Err(invalid());
    }
    NaiveDate::from_ymd_opt(year as i32, num(5..7), num(8..10)).ok_or_else(invalid)
}

// ---------------------------------------------------------------------------------------------
// Reading

impl Reader {
    fn account(&mut self, input: &Value, path: &str) -> Option<AccountInput> {
        let Some(a) = field(input, path) else {
            self.problems.push(Problem::error(path, Code::Required));
            return None;
        };
        let known = [
            "opened",
            "balance",
            "monthly_fee",
            "minutes_per_month",
            "tariff_per_minute",
        ];
        if !self.object(a, path, &known) {
            return None;
        }
        let zero = Decimal::ZERO;
        let opened = self.required(a, path, "opened", read_date);
        let balance = self.required(a, path, "balance", number::money);
        let monthly_fee = self.with_default(a, path, "monthly_fee", zero, number::money);
        let minutes = self.with_default(a, path, "minutes_per_month", zero, |v| {
            number::factor(v, number::COUNT_MAX)
        });
        let tariff = self.with_default(a, path, "tariff_per_minute", zero, |v| {
            number::factor(v, number::MONEY_MAX)
        });
        Some(AccountInput {
            opened: opened?,
            balance: balance?,
            monthly_fee: monthly_fee?,
            minutes_per_month: minutes?,
            tariff_per_minute: tariff?,
        })
    }

    fn validity(&mut self, input: &Value) -> Option<ValidityInput> {
        let path = "validity";
        let Some(v) = field(input, path) else {
            self.problems.push(Problem::error(path, Code::Required));
            return None;
        };
        if !self.object(v, path, &["start", "end"]) {
            return None;
        }
        let start = self.required(v, path, "start", read_date);
        let end = self.required(v, path, "end", read_date);
        Some(ValidityInput {
            start: start?,
            end: end?,
        })
    }

    fn top_ups(&mut self, input: &Value) -> Option<Vec<TopUpInput>> {
        let path = "top_ups";
        let items = match field(input, path) {
            None => return Some(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.problems.push(
                    Problem::error(path, Code::WrongType)
                        .with("expected", "array")
                        .with("found", crate::reader::kind(other)),
                );
                return None;
            }
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, t) in items.iter().enumerate() {
            let path = format!("top_ups[{i}]");
            if !self.object(t, &path, &["date", "account", "amount"]) {
                ok = false;
                continue;
            }
            let date = self.required(t, &path, "date", read_date);
            let account = self.required(t, &path, "account", |v| {
                choice(
                    v,
                    &[
                        ("inbound", AccountKind::Inbound),
                        ("outbound", AccountKind::Outbound),
                    ],
                )
            });
            let amount = self.required(t, &path, "amount", number::money);
            match (date, account, amount) {
                (Some(date), Some(account), Some(amount)) => out.push(TopUpInput {
                    date,
                    account,
                    amount,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn input(&mut self, input: &Value) -> Option<Account400Input> {
        let known = [
            "signing_date",
            "activation_date",
            "advertising_start",
            "validity",
            "as_of",
            "inbound",
            "outbound",
            "top_ups",
            "top_up_date",
            "granularity",
            "fee_timing",
            "insufficient",
        ];
        if !self.object(input, "", &known) {
            return None;
        }
        let signing = self.required(input, "", "signing_date", read_date);
        let activation = self.required(input, "", "activation_date", read_date);
        let advertising = self.optional(input, "", "advertising_start", read_date);
        let validity = self.validity(input);
        let as_of = self.optional(input, "", "as_of", read_date);
        let inbound = self.account(input, "inbound");
        let outbound = self.account(input, "outbound");
        let top_ups = self.top_ups(input);
        let top_up_date = self.optional(input, "", "top_up_date", read_date);
        let granularity = self.with_default(input, "", "granularity", Granularity::Day, |v| {
            choice(
                v,
                &[("day", Granularity::Day), ("month", Granularity::Month)],
            )
        });
        let fee_timing = self.with_default(input, "", "fee_timing", FeeTiming::MonthStart, |v| {
            choice(
                v,
                &[
                    ("month_start", FeeTiming::MonthStart),
                    ("daily", FeeTiming::Daily),
                ],
            )
        });
        let insufficient =
            self.with_default(input, "", "insufficient", Insufficient::BelowZero, |v| {
                choice(
                    v,
                    &[
                        ("below_zero", Insufficient::BelowZero),
                        ("below_next_charge", Insufficient::BelowNextCharge),
                    ],
                )
            });
        Some(Account400Input {
            signing_date: signing?,
            activation_date: activation?,
            advertising_start: advertising.ok()?,
            validity: validity?,
            as_of: as_of.ok()?,
            inbound: inbound?,
            outbound: outbound?,
            top_ups: top_ups?,
            top_up_date: top_up_date.ok()?,
            granularity: granularity?,
            fee_timing: fee_timing?,
            insufficient: insufficient?,
        })
    }
}

fn choice<T: Copy>(v: &Value, options: &[(&str, T)]) -> Result<T, Problem> {
    let Value::String(s) = v else {
        return Err(wrong_type("string", v));
    };
    options
        .iter()
        .find(|(name, _)| name == s)
        .map(|(_, value)| *value)
        .ok_or_else(|| {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            Problem::new(Code::InvalidChoice).with("allowed", names.join(", "))
        })
}

/// An error for `path` dated before the field `other` (`other_date`).
fn date_order(path: &str, other: &str, other_date: NaiveDate) -> Problem {
    Problem::error(path, Code::DateOrder)
        .with("other", other)
        .with("other_date", iso(other_date))
}

fn date_range(path: &str, min: NaiveDate, max: NaiveDate) -> Problem {
    Problem::error(path, Code::OutOfRange)
        .with("min", iso(min))
        .with("max", iso(max))
}

/// The checks between fields (SPEC §3): errors stop the projection, warnings do not.
fn check(a: &Account400Input, problems: &mut Vec<Problem>) {
    let v = &a.validity;
    if a.activation_date < a.signing_date {
        problems.push(date_order(
            "activation_date",
            "signing_date",
            a.signing_date,
        ));
    }
    if let Some(ad) = a.advertising_start.filter(|d| *d < a.activation_date) {
        problems.push(
            Problem::warning("advertising_start", Code::AdvertisingBeforeActivation)
                .with("advertising_start", iso(ad))
                .with("activation_date", iso(a.activation_date)),
        );
    }
    if v.end < v.start {
        problems.push(date_order("validity.end", "validity.start", v.start));
        return;
    }
    let Some(last) = last_allowed_day(v.start) else {
        problems.push(Problem::error("validity.start", Code::InvalidDate));
        return;
    };
    if v.end > last {
        problems.push(date_range("validity.end", v.start, last));
        return;
    }
    if a.outbound.opened < a.inbound.opened {
        problems.push(
            Problem::error("outbound.opened", Code::OutboundBeforeInbound)
                .with("outbound", iso(a.outbound.opened))
                .with("inbound", iso(a.inbound.opened)),
        );
    }
    let as_of = a.as_of.unwrap_or(v.start);
    if !(v.start..=v.end).contains(&as_of) {
        problems.push(date_range("as_of", v.start, v.end));
        return;
    }
    if a.top_up_date.is_some_and(|t| !(as_of..=v.end).contains(&t)) {
        problems.push(date_range("top_up_date", as_of, v.end));
    }
    for (i, t) in a.top_ups.iter().enumerate() {
        let path = format!("top_ups[{i}].date");
        if !(v.start..=v.end).contains(&t.date) {
            problems.push(
                Problem::error(path, Code::TopUpOutsideValidity)
                    .with("start", iso(v.start))
                    .with("end", iso(v.end)),
            );
        } else if t.date < as_of {
            problems.push(date_range(&path, as_of, v.end));
        }
    }
}

/// The last validity day accepted for a period starting on `start`: 36 months on, less a day.
fn last_allowed_day(start: NaiveDate) -> Option<NaiveDate> {
    start
        .checked_add_months(Months::new(MAX_MONTHS))?
        .pred_opt()
}

// ---------------------------------------------------------------------------------------------
// Charges, in fen

/// An exact decimal as `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy)]
struct Amount {
    mantissa: i128,
    scale: u32,
}

impl Amount {
    fn of(d: Decimal) -> Amount {
        Amount {
            mantissa: d.mantissa(),
            scale: d.scale(),
        }
    }

    /// `r(self × k ÷ days)` in fen, rounded half away from zero, in exact integer arithmetic
    /// (mantissa < 2^96, k ≤ 31: the products fit 128 bits). Amounts are never negative.
    fn fen_share(self, k: u32, days: u32) -> i128 {
        let num = self.mantissa * i128::from(k) * 100;
        let den = i128::from(days) * 10i128.pow(self.scale);
        let (q, r) = (num / den, num % den);
        if 2 * r >= den {
            q + 1
        } else {
            q
        }
    }

    /// Day `k`'s share of a month of `days` days (see the module doc).
    fn day_share(self, k: u32, days: u32) -> i128 {
        self.fen_share(k, days) - self.fen_share(k - 1, days)
    }

    /// The whole amount in fen, rounded half away from zero.
    fn fen(self) -> i128 {
        self.fen_share(1, 1)
    }
}

fn days_in_month(d: NaiveDate) -> u32 {
    // The 28th exists in every month; the last day is the day before the next month's 1st.
    let first = d.with_day(1).unwrap_or(d);
    first
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .map_or(31, |last| last.day())
}

/// The day-by-day charges of one account over the projection, in fen.
fn daily_charges(
    acc: &AccountInput,
    days: &[NaiveDate],
    timing: FeeTiming,
) -> Result<Vec<i128>, Problem> {
    let usage = crate::exact::mul(acc.minutes_per_month, acc.tariff_per_minute)
        .ok_or_else(|| Problem::new(Code::Overflow))?;
    let (usage, fee) = (Amount::of(usage), Amount::of(acc.monthly_fee));
    Ok(days
        .iter()
        .map(|&d| {
            if d < acc.opened {
                return 0;
            }
            let (k, n) = (d.day(), days_in_month(d));
            let fee = match timing {
                FeeTiming::Daily => fee.day_share(k, n),
                FeeTiming::MonthStart if k == 1 || d == acc.opened => fee.fen(),
                FeeTiming::MonthStart => 0,
            };
            usage.day_share(k, n) + fee
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Simulation

/// One account's money over the projection, in fen.
#[derive(Debug, Clone)]
pub struct Track {
    /// The balance at the start of the first day.
    pub start: i128,
    /// Each day's charges when served.
    pub charges: Vec<i128>,
    /// Each day's planned top-ups.
    pub top_ups: Vec<i128>,
}

/// A simulated account: each day's closing balance and charge, whether it was served, and the
/// first day it was not served for lack of balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub closing: Vec<i128>,
    pub charged: Vec<i128>,
    pub served: Vec<bool>,
    pub runs_out: Option<usize>,
}

impl Track {
    /// What day `d` needs on account to be served.
    fn need(&self, d: usize, rule: Insufficient) -> i128 {
        let next = match rule {
            Insufficient::BelowZero => 0,
            Insufficient::BelowNextCharge => self.charges.get(d + 1).copied().unwrap_or(0),
        };
        self.charges[d] + next
    }

    /// Simulates the account with `extra` (day, fen) added to the top-ups, stopped from day
    /// `suspended` on (outbound, when inbound runs out).
    pub fn run(
        &self,
        rule: Insufficient,
        extra: Option<(usize, i128)>,
        suspended: Option<usize>,
    ) -> Run {
        let n = self.charges.len();
        let mut r = Run {
            closing: Vec::with_capacity(n),
            charged: Vec::with_capacity(n),
            served: Vec::with_capacity(n),
            runs_out: None,
        };
        let mut balance = self.start;
        for d in 0..n {
            balance += self.top_ups[d];
            if let Some((_, amount)) = extra.filter(|(day, _)| *day == d) {
                balance += amount;
            }
            let stopped = r.runs_out.is_some() || suspended.is_some_and(|s| d >= s);
            let served = !stopped && balance >= self.need(d, rule);
            if !stopped && !served {
                r.runs_out = Some(d);
            }
            let charge = if served { self.charges[d] } else { 0 };
            balance -= charge;
            r.closing.push(balance);
            r.charged.push(charge);
            r.served.push(served);
        }
        r
    }

    /// The smallest top-up on day `at` that keeps the account served to the last day: `None`
    /// when it runs out before `at`, or (never expected) when the check by simulation fails.
    pub fn minimal_top_up(&self, rule: Insufficient, at: usize) -> Option<i128> {
        let base = self.run(rule, None, None);
        if base.runs_out.is_some_and(|d| d < at) {
            return None;
        }
        // Served every day before `at`, so the balance available on day d ≥ at with a top-up T
        // is available(d) + T, available(d) = start + top-ups to d − charges before d.
        let mut available = self.start;
        let mut needed = 0i128;
        for d in 0..self.charges.len() {
            available += self.top_ups[d];
            if d >= at {
                needed = needed.max(self.need(d, rule) - available);
            }
            available -= self.charges[d];
        }
        let lasts = |t: i128| self.run(rule, Some((at, t)), None).runs_out.is_none();
        (lasts(needed) && (needed == 0 || !lasts(needed - 1))).then_some(needed)
    }
}

// ---------------------------------------------------------------------------------------------
// The projection

fn fen_to_money(fen: i128) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(fen, 2).ok()
}

/// Reads, checks and projects: the projection when nothing is an error, and every problem.
pub fn evaluate(input: &Value) -> (Option<Account400Projection>, Vec<Problem>) {
    let mut reader = Reader {
        problems: Vec::new(),
    };
    let parsed = reader.input(input);
    let mut problems = reader.problems;
    let Some(a) = parsed else {
        return (None, problems);
    };
    check(&a, &mut problems);
    let documents = workdays::add_working_days(a.signing_date, DOCUMENTS_WORKING_DAYS);
    if let Some(r) = documents.as_ref().filter(|r| !r.outside_years.is_empty()) {
        let years: Vec<String> = r.outside_years.iter().map(i32::to_string).collect();
        problems.push(
            Problem::warning("signing_date", Code::HolidaysOutsideData)
                .with("years", years.join(", ")),
        );
    }
    if problems.iter().any(Problem::is_error) {
        return (None, problems);
    }
    match project(&a, &mut problems) {
        Some(mut p) => {
            if let Some(r) = documents {
                p.documents_due = r.date;
            }
            p.warnings = problems
                .iter()
                .map(crate::messages::Message::from)
                .collect();
            (Some(p), problems)
        }
        None => (None, problems),
    }
}

/// The projection of checked input; `None` with an error pushed when amounts leave exact range.
fn project(a: &Account400Input, problems: &mut Vec<Problem>) -> Option<Account400Projection> {
    let from = a.as_of.unwrap_or(a.validity.start);
    let to = a.validity.end;
    let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let at_date = a.top_up_date.unwrap_or(from);
    let at = days.iter().position(|d| *d == at_date).unwrap_or(0);
    let mut track = |acc: &AccountInput, kind: AccountKind, path: &str| -> Option<Track> {
        let charges = match daily_charges(acc, &days, a.fee_timing) {
            Ok(c) => c,
            Err(p) => {
                problems.push(p.at(join(path, "tariff_per_minute")));
                return None;
            }
        };
        let mut top_ups = vec![0i128; days.len()];
        for t in a.top_ups.iter().filter(|t| t.account == kind) {
            if let Some(i) = days.iter().position(|d| *d == t.date) {
                top_ups[i] += Amount::of(t.amount).fen();
            }
        }
        Some(Track {
            start: Amount::of(acc.balance).fen(),
            charges,
            top_ups,
        })
    };
    let inbound = track(&a.inbound, AccountKind::Inbound, "inbound");
    let outbound = track(&a.outbound, AccountKind::Outbound, "outbound");
    let (inbound, outbound) = (inbound?, outbound?);
    let rule = a.insufficient;
    let inb = inbound.run(rule, None, None);
    let out = outbound.run(rule, None, inb.runs_out);

    // Top-ups after an account stopped do not restart it.
    let stopped_at = |kind: AccountKind| match kind {
        AccountKind::Inbound => inb.runs_out,
        AccountKind::Outbound => match (out.runs_out, inb.runs_out) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        },
    };
    for (i, t) in a.top_ups.iter().enumerate() {
        if let Some(s) = stopped_at(t.account).filter(|s| days[*s] < t.date) {
            problems.push(
                Problem::warning(format!("top_ups[{i}].date"), Code::TopUpAfterRunOut)
                    .with("stopped", iso(days[s])),
            );
        }
    }
    let too_late = |p: &mut Vec<Problem>, kind: &str, run: &Run| {
        if let Some(d) = run.runs_out.filter(|d| *d < at) {
            p.push(
                Problem::warning("top_up_date", Code::TopUpTooLate)
                    .with("account", kind)
                    .with("runs_out", iso(days[d])),
            );
        }
    };
    too_late(problems, "inbound", &inb);
    // Outbound's own need assumes inbound lasts.
    let out_alone = outbound.run(rule, None, None);
    too_late(problems, "outbound", &out_alone);

    let overflow = |p: &mut Vec<Problem>| p.push(Problem::error("", Code::Overflow));
    let outcome = |track: &Track, run: &Run| -> Option<AccountOutcome> {
        let needed = match track.minimal_top_up(rule, at) {
            Some(t) => Some(fen_to_money(t)?),
            None => None,
        };
        Some(AccountOutcome {
            runs_out: run.runs_out.map(|d| days[d]),
            balance_at_end: fen_to_money(*run.closing.last()?)?,
            top_up_needed: needed,
        })
    };
    let (Some(inbound_outcome), Some(outbound_outcome)) =
        (outcome(&inbound, &inb), outcome(&outbound, &out))
    else {
        overflow(problems);
        return None;
    };
    let outbound_forfeited = match inb.runs_out {
        Some(s) => Some(fen_to_money(out.closing[s])),
        None => None,
    };
    if outbound_forfeited == Some(None) {
        overflow(problems);
        return None;
    }
    let (renew_by, renew_reason) = [
        (inb.runs_out, RenewReason::InboundRunsOut),
        (out.runs_out, RenewReason::OutboundRunsOut),
    ]
    .into_iter()
    .filter_map(|(d, why)| d.map(|d| (days[d], why)))
    .chain([(to, RenewReason::ValidityEnd)])
    .min_by_key(|(d, _)| *d)?;
    let Some(rows) = rows(a, &days, [(&inbound, &inb), (&outbound, &out)]) else {
        overflow(problems);
        return None;
    };
    Some(Account400Projection {
        documents_due: a.signing_date,
        projection_from: from,
        projection_to: to,
        top_up_date: days[at],
        granularity: a.granularity,
        fee_timing: a.fee_timing,
        insufficient: a.insufficient,
        inbound: inbound_outcome,
        outbound: outbound_outcome,
        outbound_suspended: inb.runs_out.map(|d| days[d]),
        outbound_forfeited: outbound_forfeited.flatten(),
        renew_by,
        renew_reason,
        rows,
        warnings: Vec::new(),
    })
}

/// The rows: one per day, or one per calendar month (sums of the days, the last day's balance).
fn rows(
    a: &Account400Input,
    days: &[NaiveDate],
    accounts: [(&Track, &Run); 2],
) -> Option<Vec<Row>> {
    let opened = [a.inbound.opened, a.outbound.opened];
    let mut out = Vec::new();
    let mut start = 0;
    while start < days.len() {
        let end = match a.granularity {
            Granularity::Day => start,
            Granularity::Month => {
                let (y, m) = (days[start].year(), days[start].month());
                days[start..]
                    .iter()
                    .take_while(|d| d.year() == y && d.month() == m)
                    .count()
                    + start
                    - 1
            }
        };
        let account = |i: usize| -> Option<RowAccount> {
            let (track, run) = accounts[i];
            Some(RowAccount {
                top_ups: fen_to_money(track.top_ups[start..=end].iter().sum())?,
                charged: fen_to_money(run.charged[start..=end].iter().sum())?,
                balance: fen_to_money(run.closing[end])?,
                in_service: run.served[end] && days[end] >= opened[i],
            })
        };
        out.push(Row {
            from: days[start],
            to: days[end],
            inbound: account(0)?,
            outbound: account(1)?,
        });
        start = end + 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests;
