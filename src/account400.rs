//! Contract 2 (篇二, the 400-number service agreement): the documents deadline (1.1.3), the
//! advertising check (1.1.3), and the day-by-day projection of the prepaid inbound (400被叫) and
//! outbound (400外呼, 主叫) accounts (1.1.4): when each balance runs out, when outbound is
//! suspended because inbound ran out and what outbound balance is then forfeited (余额不退), the
//! renew-by date, and the smallest top-up on each account that keeps it in service to the end
//! of the validity period.
//!
//! With issue 18: renewals that extend the validity period (1.1.4), the renew-by date as the last
//! day the number is still held, the checks around activation, documents (1.1.3) and the opening
//! month, and a plan (renewals and top-ups, each with its latest date and exact amount) that keeps
//! the number to a horizon.
//!
//! Rules where the contract is silent (docs/rules.md, "Contract 2: the 400-number account", has
//! them all with their reasons and worked examples):
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
//!   each calendar month and, on the opening day of an account opened inside the projection, the
//!   opening month's fee (`opening_month`: `pro_rata` by the days open, rounded to the fen, the
//!   default; or `full`); when the projection starts mid-month for an account already open, that
//!   month's fee counts as paid (the balance entered is the current one). `daily` spreads the fee
//!   like usage.
//! - **A day's charges are taken after that day's top-ups.** Balances are as of the start of
//!   `as_of` (default: the validity start); the projection runs from `as_of` to the validity end
//!   as extended by the renewals (at most 36 months), or to the plan's horizon.
//! - **Insufficient** (`insufficient`): a day is served when the balance available that day
//!   covers what it must: `below_zero` (default) the day's charges (the balance never goes below
//!   zero); `below_next_charge` the day's charges plus the next day's (one day's charges are
//!   always kept in advance). The first day that is not served is the account's *run-out date*;
//!   from then on the account is stopped and charged nothing, and top-ups made later do not
//!   restart it (the number is given up, 1.1.4) and are warned.
//! - **Outbound depends on inbound** (1.1.4): from inbound's run-out date outbound is suspended
//!   and its balance on that day (after that day's top-ups) is reported as forfeited.
//! - **The number is held on inbound** (1.1.4): on the days inbound is served inside the
//!   (renewed) validity period. **Renew by** ("余额不足之前") is the last such day: the day before
//!   inbound's run-out, else the validity end. Outbound's run-out is its own date. A renewal on
//!   or after the day the number was lost is refused (`renewal_too_late`).
//! - **Renewals** extend the period current on their date by `months` from the day after its end,
//!   or to `new_end`; their fee is paid to the operator, not from a balance.
//! - **The plan** to a horizon: renewals on each period's last day until the horizon is covered;
//!   for each account at most one top-up per period, due on the last day the balance still
//!   covers (the day before the first it would not, as renew-by), just enough to the period's
//!   end (`Track::plan_top_ups`).
//! - **The smallest top-up** on an account, made on `top_up_date` (default `as_of`), that keeps
//!   that account in service to the validity end (or the projection's end when earlier), with
//!   the planned top-ups: the largest deficit from that date on, `max(need(d) − available(d))`,
//!   exact to the fen because every term is whole fen. It is then checked by simulation: with it
//!   the account lasts, with one fen less it does not. Outbound's figure assumes inbound lasts (top up inbound by its own figure too).
//!   `null` when the account runs out before `top_up_date`, or on it (its balance no longer
//!   covers that day, as for renew-by): too late.

use crate::number;
use crate::problem::{join, Code, Problem};
use crate::reader::{self, field, wrong_type, Reader};
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

/// How a monthly fee is charged for the month an account opens in (`month_start` timing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum OpeningMonth {
    /// The fee × the days from the opening day to the month's end ÷ the days in the month,
    /// rounded half away from zero to the fen.
    #[default]
    ProRata,
    /// The whole fee on the opening day.
    Full,
}

/// Why the renew-by date is what it is (1.1.4: the number is held on the inbound account; the
/// outbound account's run-out is its own date and does not put the number at risk).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum RenewReason {
    /// The day after renew-by is inbound's run-out day.
    InboundRunsOut,
    /// Renew-by is the last day of the (renewed) validity period.
    ValidityEnd,
}

/// One step of a plan: a renewal, or a top-up on one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum StepKind {
    TopUp,
    Renewal,
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
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub monthly_fee: Decimal,
    /// Expected minutes per calendar month. Default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub minutes_per_month: Decimal,
    /// CNY per minute (may have more than two decimals). Default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
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

/// A renewal (续费, 1.1.4) that extends the validity period: made on `date`, at the latest on the
/// last day the number is held; the new period is `months` calendar months from the day after
/// the current end, or ends on `new_end` (exactly one of the two).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RenewalInput {
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
    #[cfg_attr(test, ts(type = "number | string | null", optional))]
    pub months: Option<u32>,
    #[cfg_attr(test, ts(type = "string | null", optional))]
    pub new_end: Option<NaiveDate>,
    /// The operator's renewal fee, paid with the renewal (not from a balance), CNY. Default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub fee: Decimal,
}

/// Plan mode: keep the number for `horizon_months` from `as_of`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PlanInput {
    /// 1–36 months.
    #[cfg_attr(test, ts(type = "number | string"))]
    pub horizon_months: u32,
    /// The term of each planned renewal, 1–36 months. Default 12.
    #[cfg_attr(test, ts(type = "number | string | null", optional))]
    pub renewal_months: u32,
    /// The fee of each planned renewal, CNY. Default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub renewal_fee: Decimal,
}

/// What `projectAccount400` reads.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Account400Input {
    #[cfg_attr(test, ts(type = "string"))]
    pub signing_date: NaiveDate,
    /// 1.1.3: the day the documents were handed in, if known.
    #[cfg_attr(test, ts(type = "string | null", optional))]
    pub documents_submitted: Option<NaiveDate>,
    #[cfg_attr(test, ts(type = "string"))]
    pub activation_date: NaiveDate,
    #[cfg_attr(test, ts(type = "string | null", optional))]
    pub advertising_start: Option<NaiveDate>,
    pub validity: ValidityInput,
    /// The day the balances are as of; default `validity.start`.
    #[cfg_attr(test, ts(type = "string | null", optional))]
    pub as_of: Option<NaiveDate>,
    pub inbound: AccountInput,
    pub outbound: AccountInput,
    #[cfg_attr(test, ts(as = "Option<Vec<TopUpInput>>", optional = nullable))]
    pub top_ups: Vec<TopUpInput>,
    #[cfg_attr(test, ts(as = "Option<Vec<RenewalInput>>", optional = nullable))]
    pub renewals: Vec<RenewalInput>,
    #[cfg_attr(test, ts(optional = nullable))]
    pub plan: Option<PlanInput>,
    /// The day the smallest top-ups are made; default `as_of`.
    #[cfg_attr(test, ts(type = "string | null", optional))]
    pub top_up_date: Option<NaiveDate>,
    #[cfg_attr(test, ts(as = "Option<Granularity>", optional = nullable))]
    pub granularity: Granularity,
    #[cfg_attr(test, ts(as = "Option<FeeTiming>", optional = nullable))]
    pub fee_timing: FeeTiming,
    #[cfg_attr(test, ts(as = "Option<OpeningMonth>", optional = nullable))]
    pub opening_month: OpeningMonth,
    #[cfg_attr(test, ts(as = "Option<Insufficient>", optional = nullable))]
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
    /// end ("0.00": none needed); `null` when it runs out before that date or on it (too late,
    /// as for renew-by).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub top_up_needed: Option<Decimal>,
    /// When `top_up_needed` is `null` (too late): the last day a top-up is still in time (the
    /// last day the balance covers, the day before it runs out, as renew-by) and the smallest
    /// top-up on that day that serves it to the validity end.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub in_time: Option<InTime>,
}

/// A top-up that is still in time: its last possible day and its smallest amount.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct InTime {
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub amount: Decimal,
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
    pub opening_month: OpeningMonth,
    pub insufficient: Insufficient,
    /// The last day of the validity period, extended by the renewals.
    #[cfg_attr(test, ts(type = "string"))]
    pub validity_end: NaiveDate,
    /// The renewals in date order, each with the period it extends.
    pub renewals: Vec<Renewed>,
    pub inbound: AccountOutcome,
    pub outbound: AccountOutcome,
    /// Both accounts' smallest top-ups on `top_up_date`, summed; `null` when either is too late.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub top_ups_needed_total: Option<Decimal>,
    /// 1.1.4: inbound's run-out date, when outbound is suspended; `null` if inbound lasts.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub outbound_suspended: Option<NaiveDate>,
    /// The outbound balance on the suspension day, not refunded (余额不退).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub outbound_forfeited: Option<Decimal>,
    /// 1.1.4 "余额不足之前": the last day the number is still held — the last day inbound's
    /// balance covers that day's charges, or the validity end. Renew or top up inbound on or
    /// before it, or the number is given up the next day.
    #[cfg_attr(test, ts(type = "string"))]
    pub renew_by: NaiveDate,
    pub renew_reason: RenewReason,
    pub rows: Vec<Row>,
    /// The plan, when `plan` was given.
    pub plan: Option<Plan>,
    pub warnings: Vec<crate::messages::Message>,
}

/// A renewal as applied: the validity end it extends and the new one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Renewed {
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub previous_end: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub new_end: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub fee: Decimal,
}

/// One step of a plan, to be made on or before `latest_date`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PlanStep {
    #[cfg_attr(test, ts(type = "string"))]
    pub latest_date: NaiveDate,
    pub kind: StepKind,
    /// The account a top-up goes to; `null` for a renewal.
    pub account: Option<AccountKind>,
    /// A top-up's amount, or a renewal's fee.
    #[cfg_attr(test, ts(type = "string"))]
    pub amount: Decimal,
    /// A renewal's new validity end; `null` for a top-up.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub new_end: Option<NaiveDate>,
}

/// What to pay, and by when, to keep the number (and outbound service) to the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Plan {
    /// `as_of` + `horizon_months`, less a day.
    #[cfg_attr(test, ts(type = "string"))]
    pub horizon_end: NaiveDate,
    /// In date order (a top-up before a renewal on the same day).
    pub steps: Vec<PlanStep>,
    #[cfg_attr(test, ts(type = "string"))]
    pub renewal_fees: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub inbound_top_ups: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub outbound_top_ups: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
}

/// `YYYY-MM-DD`, for message parameters.
pub fn iso(d: NaiveDate) -> String {
    d.to_string()
}

/// Reads a date as people write it ([`reader::calendar_parts`]: `2027-03-31`, `2027/3/31`,
/// `2027年3月31日`, full-width digits): a real date in the years 1900–2999.
pub fn read_date(v: &Value) -> Result<NaiveDate, Problem> {
    let Value::String(s) = v else {
        return Err(wrong_type("string", v));
    };
    let invalid =
        || Problem::new(Code::InvalidDate).with("value", s.chars().take(24).collect::<String>());
    let Some((year, month, Some(day))) = reader::calendar_parts(s) else {
        return Err(invalid());
    };
    if !(1900..=2999).contains(&year) {
        return Err(invalid());
    }
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(invalid)
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

    /// Reads the optional array `path` of `input`, each item with `item` (given its path): every
    /// item is read, so that all problems are reported; `None` when any was wrong.
    fn items<T>(
        &mut self,
        input: &Value,
        path: &str,
        mut item: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
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
        let read: Vec<Option<T>> = items
            .iter()
            .enumerate()
            .map(|(i, v)| item(self, v, &format!("{path}[{i}]")))
            .collect();
        read.into_iter().collect()
    }

    fn top_up(&mut self, t: &Value, path: &str) -> Option<TopUpInput> {
        if !self.object(t, path, &["date", "account", "amount"]) {
            return None;
        }
        let date = self.required(t, path, "date", read_date);
        let account = self.required(t, path, "account", |v| {
            choice(
                v,
                &[
                    ("inbound", AccountKind::Inbound),
                    ("outbound", AccountKind::Outbound),
                ],
            )
        });
        let amount = self.required(t, path, "amount", number::money);
        Some(TopUpInput {
            date: date?,
            account: account?,
            amount: amount?,
        })
    }

    /// A renewal: `months` or `new_end`, exactly one (both: an error at `months`; neither:
    /// `months` is required).
    fn renewal(&mut self, r: &Value, path: &str) -> Option<RenewalInput> {
        if !self.object(r, path, &["date", "months", "new_end", "fee"]) {
            return None;
        }
        let date = self.required(r, path, "date", read_date);
        let months = self.optional(r, path, "months", |v| number::small_int(v, 1, MAX_MONTHS));
        let new_end = self.optional(r, path, "new_end", read_date);
        let fee = self.with_default(r, path, "fee", Decimal::ZERO, number::money);
        let (months, new_end) = (months.ok()?, new_end.ok()?);
        match (months, new_end) {
            (Some(_), Some(_)) => self
                .problems
                .push(Problem::error(join(path, "months"), Code::MonthsAndNewEnd)),
            (None, None) => self
                .problems
                .push(Problem::error(join(path, "months"), Code::Required)),
            _ => {}
        }
        (months.is_some() != new_end.is_some()).then_some(())?;
        Some(RenewalInput {
            date: date?,
            months,
            new_end,
            fee: fee?,
        })
    }

    fn plan(&mut self, input: &Value) -> Result<Option<PlanInput>, ()> {
        let path = "plan";
        let Some(p) = field(input, path) else {
            return Ok(None);
        };
        if !self.object(
            p,
            path,
            &["horizon_months", "renewal_months", "renewal_fee"],
        ) {
            return Err(());
        }
        let months = |v: &Value| number::small_int(v, 1, MAX_MONTHS);
        let horizon = self.required(p, path, "horizon_months", months);
        let renewal_months = self.with_default(p, path, "renewal_months", 12, months);
        let fee = self.with_default(p, path, "renewal_fee", Decimal::ZERO, number::money);
        match (horizon, renewal_months, fee) {
            (Some(horizon_months), Some(renewal_months), Some(renewal_fee)) => {
                Ok(Some(PlanInput {
                    horizon_months,
                    renewal_months,
                    renewal_fee,
                }))
            }
            _ => Err(()),
        }
    }

    fn input(&mut self, input: &Value) -> Option<Account400Input> {
        let known = [
            "signing_date",
            "documents_submitted",
            "activation_date",
            "advertising_start",
            "validity",
            "as_of",
            "inbound",
            "outbound",
            "top_ups",
            "renewals",
            "plan",
            "top_up_date",
            "granularity",
            "fee_timing",
            "opening_month",
            "insufficient",
        ];
        if !self.object(input, "", &known) {
            return None;
        }
        let signing = self.required(input, "", "signing_date", read_date);
        let documents = self.optional(input, "", "documents_submitted", read_date);
        let activation = self.required(input, "", "activation_date", read_date);
        let advertising = self.optional(input, "", "advertising_start", read_date);
        let validity = self.validity(input);
        let as_of = self.optional(input, "", "as_of", read_date);
        let inbound = self.account(input, "inbound");
        let outbound = self.account(input, "outbound");
        let top_ups = self.items(input, "top_ups", Self::top_up);
        let renewals = self.items(input, "renewals", Self::renewal);
        let plan = self.plan(input);
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
        let opening_month =
            self.with_default(input, "", "opening_month", OpeningMonth::ProRata, |v| {
                choice(
                    v,
                    &[
                        ("pro_rata", OpeningMonth::ProRata),
                        ("full", OpeningMonth::Full),
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
            documents_submitted: documents.ok()?,
            activation_date: activation?,
            advertising_start: advertising.ok()?,
            validity: validity?,
            as_of: as_of.ok()?,
            inbound: inbound?,
            outbound: outbound?,
            top_ups: top_ups?,
            renewals: renewals?,
            plan: plan.ok()?,
            top_up_date: top_up_date.ok()?,
            granularity: granularity?,
            fee_timing: fee_timing?,
            opening_month: opening_month?,
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

/// The days projected and the validity period as extended by the renewals (from checked input).
struct Span {
    from: NaiveDate,
    to: NaiveDate,
    /// The last validity day after the renewals made in time.
    validity_end: NaiveDate,
    /// The renewals that extend the period, in date order; a renewal dated after the period it
    /// should extend has ended, and every later one, is not among them.
    renewed: Vec<Renewed>,
    /// The plan's last day.
    horizon: Option<NaiveDate>,
}

/// The last day of a period of `months` calendar months starting on `start` (第二百零一条: the
/// period ends the day before the day of the last month that corresponds to `start`).
fn period_end(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(months))?.pred_opt()
}

/// The new end of a validity period ending on `end`, renewed for `months`.
fn extend(end: NaiveDate, months: u32) -> Option<NaiveDate> {
    period_end(end.succ_opt()?, months)
}

/// The checks between fields (docs/rules.md "Contract 2"): errors stop the projection, warnings do not. Gives the
/// span projected when the dates allow one.
fn check(a: &Account400Input, problems: &mut Vec<Problem>) -> Option<Span> {
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
    // 1.1.3/1.1.4: nothing is used before the number works.
    for (path, date) in [
        ("validity.start", v.start),
        ("inbound.opened", a.inbound.opened),
        ("outbound.opened", a.outbound.opened),
    ] {
        if date < a.activation_date {
            problems.push(
                Problem::warning(path, Code::BeforeActivation)
                    .with("date", iso(date))
                    .with("activation_date", iso(a.activation_date)),
            );
        }
    }
    // 1.1.3: the number is activated once the documents are in.
    if let Some(docs) = a.documents_submitted.filter(|d| *d > a.activation_date) {
        problems.push(
            Problem::warning("activation_date", Code::ActivatedBeforeDocuments)
                .with("activation_date", iso(a.activation_date))
                .with("documents_submitted", iso(docs)),
        );
    }
    if v.end < v.start {
        problems.push(date_order("validity.end", "validity.start", v.start));
        return None;
    }
    let Some(last) = last_allowed_day(v.start) else {
        problems.push(Problem::error("validity.start", Code::InvalidDate));
        return None;
    };
    if v.end > last {
        problems.push(date_range("validity.end", v.start, last));
        return None;
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
        return None;
    }
    let Some(last) = last_allowed_day(as_of) else {
        problems.push(Problem::error("as_of", Code::Overflow));
        return None;
    };
    // Without a plan the projection runs to the renewed validity end: at most 36 months. With
    // one it stops at the horizon, so the renewals may reach beyond (as the plan's last does).
    let limit = if a.plan.is_some() { None } else { Some(last) };
    let (validity_end, renewed) = renewals(a, as_of, limit, problems);
    let horizon = a
        .plan
        .as_ref()
        .and_then(|p| period_end(as_of, p.horizon_months));
    // With a plan the projection covers the horizon exactly; else the (renewed) validity.
    let to = horizon.unwrap_or(validity_end);
    if a.top_up_date.is_some_and(|t| !(as_of..=to).contains(&t)) {
        problems.push(date_range("top_up_date", as_of, to));
    }
    for (i, t) in a.top_ups.iter().enumerate() {
        let path = format!("top_ups[{i}].date");
        if !(v.start..=to).contains(&t.date) {
            problems.push(
                Problem::error(path, Code::TopUpOutsideValidity)
                    .with("start", iso(v.start))
                    .with("end", iso(to)),
            );
        } else if t.date < as_of {
            problems.push(date_range(&path, as_of, to));
        }
    }
    Some(Span {
        from: as_of,
        to,
        validity_end,
        renewed,
        horizon,
    })
}

/// The renewals in date order (ties in input order), each extending the period that is current
/// on its date, up to `last` if given: the validity end they reach and the renewals applied. A
/// renewal dated after the current end stops the chain (the number was lost: reported once the
/// run-out dates are known).
fn renewals(
    a: &Account400Input,
    as_of: NaiveDate,
    last: Option<NaiveDate>,
    problems: &mut Vec<Problem>,
) -> (NaiveDate, Vec<Renewed>) {
    let within = |e: NaiveDate| last.is_none_or(|last| e <= last);
    let mut order: Vec<usize> = (0..a.renewals.len()).collect();
    order.sort_by_key(|&i| a.renewals[i].date);
    let mut end = a.validity.end;
    let mut renewed = Vec::new();
    for i in order {
        let r = &a.renewals[i];
        if r.date < as_of {
            problems.push(date_range(&format!("renewals[{i}].date"), as_of, end));
            continue;
        }
        if r.date > end {
            break;
        }
        let new_end = match r.months {
            Some(m) => extend(end, m),
            None => r.new_end,
        };
        match new_end.filter(|e| *e > end && within(*e)) {
            Some(new_end) => {
                renewed.push(Renewed {
                    date: r.date,
                    previous_end: end,
                    new_end,
                    fee: fen_scale(r.fee),
                });
                end = new_end;
            }
            None if r.months.is_some() => {
                let most = (1..=MAX_MONTHS)
                    .take_while(|m| extend(end, *m).is_some_and(within))
                    .last()
                    .unwrap_or(0);
                problems.push(
                    Problem::error(format!("renewals[{i}].months"), Code::OutOfRange)
                        .with("min", 1)
                        .with("max", most),
                );
            }
            None => {
                let after = end.succ_opt().unwrap_or(end);
                let path = format!("renewals[{i}].new_end");
                let last = last.unwrap_or(NaiveDate::from_ymd_opt(2999, 12, 31).unwrap_or(after));
                problems.push(date_range(&path, after, last));
            }
        }
    }
    (end, renewed)
}

/// The last validity day accepted for a period starting on `start`: 36 months on, less a day.
fn last_allowed_day(start: NaiveDate) -> Option<NaiveDate> {
    period_end(start, MAX_MONTHS)
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

/// The day-by-day charges of one account over the projection, in fen. With `month_start`
/// timing, the opening day of an account opened inside the projection pays the opening month's
/// fee (`opening`: pro rata by days, or in full).
fn daily_charges(
    acc: &AccountInput,
    days: &[NaiveDate],
    timing: FeeTiming,
    opening: OpeningMonth,
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
                FeeTiming::MonthStart if d == acc.opened && opening == OpeningMonth::ProRata => {
                    fee.fen_share(n - k + 1, n)
                }
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
    /// What day `d` needs on account to be served, when the days from `stop` on do not count
    /// (the number is given up then, or they are past the horizon).
    fn need(&self, d: usize, rule: Insufficient, stop: usize) -> i128 {
        let next = match rule {
            Insufficient::BelowNextCharge if d + 1 < stop => self.charges[d + 1],
            _ => 0,
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
            let served = !stopped && balance >= self.need(d, rule, suspended.unwrap_or(n));
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

    /// The smallest top-up on day `at` that keeps the account served to the day before `stop`:
    /// `None` when it runs out before `at`, or (never expected) when the check by simulation
    /// fails.
    pub fn minimal_top_up(&self, rule: Insufficient, at: usize, stop: usize) -> Option<i128> {
        let stopped = (stop < self.charges.len()).then_some(stop);
        let base = self.run(rule, None, stopped);
        if base.runs_out.is_some_and(|d| d < at) {
            return None;
        }
        // Served every day before `at`, so the balance available on day d ≥ at with a top-up T
        // is available(d) + T, available(d) = start + top-ups to d − charges before d.
        let mut available = self.start;
        let mut needed = 0i128;
        for d in 0..stop.min(self.charges.len()) {
            available += self.top_ups[d];
            if d >= at {
                needed = needed.max(self.need(d, rule, stop) - available);
            }
            available -= self.charges[d];
        }
        let lasts = |t: i128| self.run(rule, Some((at, t)), stopped).runs_out.is_none();
        (lasts(needed) && (needed == 0 || !lasts(needed - 1))).then_some(needed)
    }

    /// The last day a top-up is still in time — the last day the balance covers, the day before
    /// the account runs out without one (as renew-by; the first projected day when that one is
    /// short) — and the smallest top-up on that day; `None` when it does not run out.
    pub fn in_time(&self, rule: Insufficient, stop: usize) -> Option<(usize, i128)> {
        let stopped = (stop < self.charges.len()).then_some(stop);
        let d = self.run(rule, None, stopped).runs_out?.saturating_sub(1);
        Some((d, self.minimal_top_up(rule, d, stop)?))
    }

    /// The plan's top-ups (day, fen): at most one in each period (`ends`: the last day of each
    /// validity period, the last one the horizon), due on the last day the balance still covers
    /// that day's charges — the day before the first day of the period it would not cover, read
    /// as renew-by is (1.1.4 "余额不足之前"; the first projected day when that one is short) —
    /// and just large enough to serve the account to the period's end. Their sum is the largest
    /// deficit, the smallest total that serves the account to the horizon.
    fn plan_top_ups(&self, rule: Insufficient, ends: &[usize]) -> Vec<(usize, i128)> {
        let stop = ends.last().map_or(0, |e| e + 1);
        let mut available = self.start;
        let mut planned = Vec::new();
        let mut d = 0;
        for &end in ends {
            let mut step: Option<(usize, i128)> = None;
            while d <= end {
                available += self.top_ups[d];
                let deficit = self.need(d, rule, stop) - available;
                if deficit > 0 {
                    let amount = step.map_or(deficit, |(_, t)| t.max(deficit));
                    step = Some((step.map_or(d, |(day, _)| day), amount));
                }
                available -= self.charges[d];
                d += 1;
            }
            if let Some((day, amount)) = step {
                available += amount;
                planned.push((day.saturating_sub(1), amount));
            }
        }
        planned
    }
}

// ---------------------------------------------------------------------------------------------
// The projection

fn fen_to_money(fen: i128) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(fen, 2).ok()
}

/// Money read with at most two decimals, written with two ("5" → "5.00").
fn fen_scale(mut money: Decimal) -> Decimal {
    money.rescale(2);
    money
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
    let span = check(&a, &mut problems);
    let documents = workdays::add_working_days(a.signing_date, DOCUMENTS_WORKING_DAYS);
    if let Some(r) = documents.as_ref().filter(|r| !r.outside_years.is_empty()) {
        let years: Vec<String> = r.outside_years.iter().map(i32::to_string).collect();
        problems.push(
            Problem::warning("signing_date", Code::HolidaysOutsideData)
                .with("years", years.join(", ")),
        );
    }
    // 1.1.3: documents handed in after the deadline: the chosen number is released the day
    // after it (an error: there is no number left to project).
    if let (Some(r), Some(submitted)) = (&documents, a.documents_submitted) {
        if submitted > r.date {
            problems.push(
                Problem::error("documents_submitted", Code::NumberReleased)
                    .with("due", iso(r.date))
                    .with("released", iso(r.date.succ_opt().unwrap_or(r.date))),
            );
        }
    }
    let span = match span {
        Some(span) if !problems.iter().any(Problem::is_error) => span,
        _ => return (None, problems),
    };
    let projection = project(&a, span, &mut problems);
    match projection {
        Some(mut p) if !problems.iter().any(Problem::is_error) => {
            if let Some(r) = documents {
                p.documents_due = r.date;
            }
            p.warnings = problems
                .iter()
                .map(crate::messages::Message::from)
                .collect();
            (Some(p), problems)
        }
        _ => (None, problems),
    }
}

/// The projection of checked input; `None` with an error pushed when amounts leave exact range
/// or a renewal comes too late.
fn project(
    a: &Account400Input,
    span: Span,
    problems: &mut Vec<Problem>,
) -> Option<Account400Projection> {
    let overflow = |p: &mut Vec<Problem>| p.push(Problem::error("", Code::Overflow));
    let Span {
        from,
        to,
        validity_end,
        renewed,
        horizon,
    } = span;
    let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let index = |date: NaiveDate| days.iter().position(|d| *d == date);
    let at = a.top_up_date.and_then(index).unwrap_or(0);
    let Some(lapsed) = validity_end.succ_opt() else {
        overflow(problems);
        return None;
    };
    // The number is given up the day after the validity end: inside the days only when a plan
    // horizon goes beyond it. The days from `stop` on do not count for the smallest top-ups.
    let lapse = index(lapsed);
    let stop = lapse.unwrap_or(days.len());
    let mut track = |acc: &AccountInput, kind: AccountKind, path: &str| -> Option<Track> {
        let charges = match daily_charges(acc, &days, a.fee_timing, a.opening_month) {
            Ok(c) => c,
            Err(p) => {
                problems.push(p.at(join(path, "tariff_per_minute")));
                return None;
            }
        };
        let mut top_ups = vec![0i128; days.len()];
        for t in a.top_ups.iter().filter(|t| t.account == kind) {
            if let Some(i) = index(t.date) {
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
    // 1.1.4: the number is held while inbound is served and the validity period lasts.
    let inb = inbound.run(rule, None, lapse);
    let lost = inb.runs_out.or(lapse);
    let out = outbound.run(rule, None, lost);
    let lost_on = inb.runs_out.map_or(lapsed, |d| days[d]);

    // 1.1.4: a renewal on or after the day the number was lost is refused.
    for (i, r) in a.renewals.iter().enumerate() {
        if r.date >= lost_on {
            problems.push(
                Problem::error(format!("renewals[{i}].date"), Code::RenewalTooLate)
                    .with("lost", iso(lost_on)),
            );
        }
    }
    // 1.1.4: outbound opened once inbound has stopped is suspended from its first day.
    if a.outbound.opened >= lost_on {
        problems.push(
            Problem::warning("outbound.opened", Code::OutboundOpenedWhileSuspended)
                .with("opened", iso(a.outbound.opened))
                .with("stopped", iso(lost_on)),
        );
    }
    // Top-ups after an account stopped do not restart it.
    let stopped_at = |kind: AccountKind| match kind {
        AccountKind::Inbound => lost,
        AccountKind::Outbound => out.runs_out.or(lost),
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
        if let Some(d) = run.runs_out.filter(|d| late(*d, at)) {
            p.push(
                Problem::warning("top_up_date", Code::TopUpTooLate)
                    .with("account", kind)
                    .with("runs_out", iso(days[d])),
            );
        }
    };
    too_late(problems, "inbound", &inb);
    // Outbound's own need assumes inbound lasts.
    let out_alone = outbound.run(rule, None, lapse);
    too_late(problems, "outbound", &out_alone);

    // Each account's outcome, and its smallest top-up in fen (for the sum of both).
    let outcome = |track: &Track, run: &Run| -> Option<(AccountOutcome, Option<i128>)> {
        let alone = track.run(rule, None, lapse);
        let needed = match alone.runs_out {
            Some(d) if late(d, at) => None,
            _ => track.minimal_top_up(rule, at, stop),
        };
        // Too late: when one was still in time, and how much.
        let in_time = match needed.map_or_else(|| track.in_time(rule, stop), |_| None) {
            Some((d, t)) => Some(InTime {
                date: days[d],
                amount: fen_to_money(t)?,
            }),
            None => None,
        };
        let outcome = AccountOutcome {
            runs_out: run.runs_out.map(|d| days[d]),
            balance_at_end: fen_to_money(*run.closing.last()?)?,
            top_up_needed: match needed {
                Some(t) => Some(fen_to_money(t)?),
                None => None,
            },
            in_time,
        };
        Some((outcome, needed))
    };
    let (Some((inbound_outcome, inbound_fen)), Some((outbound_outcome, outbound_fen))) =
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
    // 1.1.4 "余额不足之前": the last day inbound still covers, else the validity end.
    let (renew_by, renew_reason) = match inb.runs_out {
        Some(_) => (lost_on.pred_opt()?, RenewReason::InboundRunsOut),
        None => (validity_end, RenewReason::ValidityEnd),
    };
    let plan = match (&a.plan, horizon) {
        (Some(p), Some(h)) => {
            let periods = PlanPeriods {
                input: p,
                horizon: h,
                validity_end,
                ends: std::iter::once(a.validity.end)
                    .chain(renewed.iter().map(|r| r.new_end))
                    .collect(),
            };
            let Some(plan) = plan(&periods, &days, rule, [&inbound, &outbound]) else {
                overflow(problems);
                return None;
            };
            Some(plan)
        }
        _ => None,
    };
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
        opening_month: a.opening_month,
        insufficient: a.insufficient,
        validity_end,
        renewals: renewed,
        top_ups_needed_total: inbound_fen
            .zip(outbound_fen)
            .and_then(|(a, b)| fen_to_money(a.checked_add(b)?)),
        inbound: inbound_outcome,
        outbound: outbound_outcome,
        outbound_suspended: inb.runs_out.map(|d| days[d]),
        outbound_forfeited: outbound_forfeited.flatten(),
        renew_by,
        renew_reason,
        rows,
        plan,
        warnings: Vec::new(),
    })
}

/// 1.1.4 "余额不足之前": a top-up on day `at` is too late for an account that runs out on day
/// `runs_out` when that day is before it, or is that day — its balance no longer covers that
/// day's charges, as for renew-by — unless that is the first projected day (none is earlier).
fn late(runs_out: usize, at: usize) -> bool {
    runs_out < at || (runs_out == at && at > 0)
}

/// The validity periods a plan works with.
struct PlanPeriods<'a> {
    input: &'a PlanInput,
    horizon: NaiveDate,
    /// The validity end after the renewals entered.
    validity_end: NaiveDate,
    /// The last day of each validity period entered (the first, then each renewal's).
    ends: Vec<NaiveDate>,
}

/// The plan (see [`Track::plan_top_ups`]): renewals on the last day of each period until the
/// horizon is covered, and the top-ups of each account; `None` when amounts leave exact range.
fn plan(
    periods: &PlanPeriods,
    days: &[NaiveDate],
    rule: Insufficient,
    tracks: [&Track; 2],
) -> Option<Plan> {
    let PlanPeriods {
        input,
        horizon,
        validity_end,
        ..
    } = *periods;
    let mut steps = Vec::new();
    let mut ends = periods.ends.clone();
    let mut end = validity_end;
    while end < horizon {
        let new_end = extend(end, input.renewal_months)?;
        steps.push(PlanStep {
            latest_date: end,
            kind: StepKind::Renewal,
            account: None,
            amount: fen_scale(input.renewal_fee),
            new_end: Some(new_end),
        });
        ends.push(new_end);
        end = new_end;
    }
    let renewal_fees = fen_scale(crate::exact::sum(steps.iter().map(|s| s.amount))?);
    let index = |date: NaiveDate| days.iter().position(|d| *d == date);
    let mut period_ends: Vec<usize> = ends
        .iter()
        .filter(|e| **e < horizon)
        .filter_map(|e| index(*e))
        .collect();
    period_ends.extend(index(horizon));
    let mut totals = [0i128; 2];
    for (i, kind) in [AccountKind::Inbound, AccountKind::Outbound]
        .into_iter()
        .enumerate()
    {
        for (day, fen) in tracks[i].plan_top_ups(rule, &period_ends) {
            totals[i] += fen;
            steps.push(PlanStep {
                latest_date: days[day],
                kind: StepKind::TopUp,
                account: Some(kind),
                amount: fen_to_money(fen)?,
                new_end: None,
            });
        }
    }
    steps.sort_by_key(|s| (s.latest_date, s.kind));
    let (inbound_top_ups, outbound_top_ups) = (fen_to_money(totals[0])?, fen_to_money(totals[1])?);
    Some(Plan {
        horizon_end: horizon,
        steps,
        renewal_fees,
        inbound_top_ups,
        outbound_top_ups,
        total: crate::exact::sum([renewal_fees, inbound_top_ups, outbound_top_ups])?,
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
