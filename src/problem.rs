//! Problems found in a scenario: a stable code, the field path, a severity and parameters.
//! The texts live in [`crate::messages`], keyed by code.

use serde::Serialize;

/// `error` stops the calculation, `warning` does not (docs/rules.md "Reading input").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum Severity {
    Error,
    Warning,
}

/// Stable problem codes. Portals may key on them; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum Code {
    // --- shape of the input
    /// The scenario (or a part of it) is not the JSON value expected there.
    WrongType,
    /// A required field is absent (or null).
    Required,
    /// A field this version does not know; probably a typo. Warning.
    UnknownField,
    /// `months` is empty.
    NoMonths,
    /// A choice field (`penalty_mode`, …) holds a value outside its list.
    InvalidChoice,
    // --- numbers
    /// Not readable as a decimal number (letters, empty, NaN, a boolean).
    NotANumber,
    /// A count of records with a fraction.
    NotAnInteger,
    /// Money with more than two decimals (fen).
    TooManyDecimals,
    /// More digits than exact arithmetic holds, or above the field's limit.
    TooLarge,
    /// More decimals than exact arithmetic holds (28 significant digits).
    TooPrecise,
    /// A negative price, penalty, count or charge.
    Negative,
    /// A rate outside [0, 1] (0 %–100 %).
    RateOutOfRange,
    /// A settlement setting outside its range (report day 1–31, …).
    OutOfRange,
    /// A month that is not `YYYY-MM` with a real month.
    InvalidMonth,
    /// A text (a party's name, the contract number) longer than its limit.
    TextTooLong,
    // --- relations between fields
    SuccessesExceedVolume,
    InaccurateExceedSampled,
    SampledExceedVolume,
    /// 第三条 7: trial records beyond the free cap in a month that gives `successes`, without
    /// `trial_successes` (their successes must enter the bill with them).
    TrialSuccessesRequired,
    /// `trial_successes` above the month's trial records beyond the free cap.
    TrialSuccessesExceedBillable,
    /// Both `success_rate` and `successes` were given.
    RateAndSuccessesBoth,
    /// Neither `success_rate` nor `successes` was given.
    RateAndSuccessesMissing,

    /// A result too large for exact arithmetic.
    Overflow,
    // --- warnings on results
    /// The net service fee (before telecom charges) is below zero.
    NegativeFee,
    /// Trial records beyond the free cap are billed.
    TrialOverCap,
    /// A target rate of 0 with a penalty set: there is nothing to miss.
    TargetZeroWithPenalty,
    /// success_rate × volume is not a whole number of orders.
    FractionalSuccesses,
    /// The same work month appears twice.
    DuplicateMonth,
    /// Days were looked at in a year the holiday notices do not cover: weekends and the fixed
    /// statutory holidays only, 调休 not yet published.
    HolidaysOutsideData,
    /// A share link (page state) that is truncated, tampered with or of an unknown version.
    ShareLinkInvalid,
    // --- contract 2 (篇二, the 400-number account)
    /// A date that is not `YYYY-MM-DD` with a real day (years 1900–2999).
    InvalidDate,
    /// A date before another that must come first (activation before signing, …).
    DateOrder,
    /// 1.1.4: outbound (400外呼) opened before inbound (400被叫).
    OutboundBeforeInbound,
    /// A planned top-up dated outside the validity period.
    TopUpOutsideValidity,
    /// 1.1.3: advertising starts before the number is activated. Warning.
    AdvertisingBeforeActivation,
    /// A top-up dated after its account stopped: it does not restart it. Warning.
    TopUpAfterRunOut,
    /// The account runs out before the top-up date: no top-up then keeps the number. Warning.
    TopUpTooLate,
    // --- results import (docs/rules.md "Results import"): the reasons a row of a results file is rejected
    /// A row whose number of columns differs from the file's layout.
    WrongColumnCount,
    /// A start, answer or end time that is not `YYYY-MM-DD HH:MM:SS` with a real date and time.
    UnreadableTimestamp,
    /// A row whose end time is before its start time.
    EndBeforeStart,
    /// A call with no valid customer number (3–20 digits after an optional +) in any leg.
    NoCustomerNumber,
    /// A disposition (outcome) other than ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION.
    UnknownDisposition,
    /// A row identical to an earlier one, or repeating its uniqueid + sequence (or record id).
    DuplicateRow,
    /// A row whose billsec (talk time) exceeds its duration.
    BillsecOverDuration,
    /// A duration, billsec, sequence, record id or success flag that cannot be read.
    UnreadableValue,
    /// A row marked a success whose answered talk time is below the minimum (own results CSV).
    SuccessTooShort,
    /// A results file that matches no known layout and no column mapping was given.
    UnknownLayout,
    /// A renewal gives both `months` and `new_end`.
    MonthsAndNewEnd,
    /// 1.1.4: a renewal on or after the day the number was given up. Error.
    RenewalTooLate,
    /// 1.1.3: an account opened, or the validity period starting, before activation. Warning.
    BeforeActivation,
    /// 1.1.4: outbound opened when inbound has stopped: suspended from day one. Warning.
    OutboundOpenedWhileSuspended,
    /// 1.1.3: documents handed in after the 7 working days: the number is released. Error.
    NumberReleased,
    /// 1.1.3: the number activated before the documents were handed in. Warning.
    ActivatedBeforeDocuments,
    // --- deal policy (docs/rules.md "Deal policy")
    /// A policy document whose `version` this calculator does not read (it reads 1).
    PolicyVersion,
    /// A policy rule whose `normal` is not between its `target` and `floor`, or whose target
    /// equals its floor (no direction).
    PolicyOrder,
    /// A rule's approver missing from the policy's `approvers` list.
    PolicyUnknownApprover,
    /// A finding: a term or outcome beyond the rule's normal limit, within its floor: it needs
    /// the rule's approver. Warning.
    PolicyApproval,
    /// A finding: a term or outcome beyond the rule's floor: out of bounds. Error.
    PolicyBlocked,
}

/// One problem, with the parameters its message refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub code: Code,
    pub severity: Severity,
    pub params: Vec<(&'static str, String)>,
}

impl Problem {
    pub fn error(path: impl Into<String>, code: Code) -> Self {
        Problem {
            path: path.into(),
            code,
            severity: Severity::Error,
            params: Vec::new(),
        }
    }

    /// An error whose path the caller fills in with [`Problem::at`].
    pub fn new(code: Code) -> Self {
        Problem::error(String::new(), code)
    }

    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    pub fn warning(path: impl Into<String>, code: Code) -> Self {
        Problem {
            path: path.into(),
            code,
            severity: Severity::Warning,
            params: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.push((name, value.to_string()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Joins a parent path and a field name: `join("months[0]", "volume")` is `months[0].volume`.
pub fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() {
        field.to_owned()
    } else {
        format!("{parent}.{field}")
    }
}
