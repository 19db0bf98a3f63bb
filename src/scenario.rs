//! The scenario of the JSON interface: contract terms plus work months, read from untrusted JSON with every
//! problem collected (path, code), defaults filled in.

use crate::account400::{iso, read_date};
use crate::number;
use crate::problem::{join, Code, Problem};
use crate::reader::{field, wrong_type, Reader};
use crate::schedule::Actual;
use crate::work_month::WorkMonth;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// 服务类 (price p) or 营销类 (price p1) project (第四条 1). Only the symbol in formulas differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum ProjectKind {
    #[default]
    Service,
    Marketing,
}

/// How the shortfall term of 第四条 1 applies (docs/rules.md "Contract 1: the bill").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum PenaltyMode {
    /// Only a shortfall is penalised; above target the term is 0.
    #[default]
    BelowTarget,
    /// The formula as written: above target earns F × (s − s0) × T.
    Linear,
}

/// Calendar or Chinese working days for the settlement deadlines (第四条 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum DayCount {
    #[default]
    Calendar,
    Working,
}

/// 民法典 第二百零三条 for the settlement deadlines: whether a deadline whose last day is a rest day
/// or a statutory holiday moves to the next working day (the law's default), or stays because the
/// parties agreed so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum RestDayRule {
    #[default]
    NextWorkingDay,
    None,
}

/// 第四条 3: the settlement calendar terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SettlementTerms {
    /// Day of the month by which the client sends the report (每月5日前). Default 5.
    #[cfg_attr(test, ts(as = "Option<u32>", optional = nullable))]
    pub report_day: u32,
    /// Months between the work month and the report (上上月 = 2). Default 2.
    #[cfg_attr(test, ts(as = "Option<u32>", optional = nullable))]
    pub lag_months: u32,
    /// Days to finish checking the report after receipt. Default 5.
    #[cfg_attr(test, ts(as = "Option<u32>", optional = nullable))]
    pub confirm_days: u32,
    /// Days from confirmation to the invoice. Default 0.
    #[cfg_attr(test, ts(as = "Option<u32>", optional = nullable))]
    pub invoice_days: u32,
    /// Days from the invoice to payment. Default 15.
    #[cfg_attr(test, ts(as = "Option<u32>", optional = nullable))]
    pub payment_days: u32,
    #[cfg_attr(test, ts(as = "Option<DayCount>", optional = nullable))]
    pub day_count: DayCount,
    #[cfg_attr(test, ts(as = "Option<RestDayRule>", optional = nullable))]
    pub rest_day_rule: RestDayRule,
}

impl Default for SettlementTerms {
    fn default() -> Self {
        SettlementTerms {
            report_day: 5,
            lag_months: 2,
            confirm_days: 5,
            invoice_days: 0,
            payment_days: 15,
            day_count: DayCount::Calendar,
            rest_day_rule: RestDayRule::NextWorkingDay,
        }
    }
}

/// Contract terms (第四条 1, 第三条 3 and 7, 第四条 3). Decimals are strings or numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Terms {
    #[cfg_attr(test, ts(as = "Option<ProjectKind>", optional = nullable))]
    pub project_kind: ProjectKind,
    /// p (or p1): price per successful order, CNY.
    #[cfg_attr(test, ts(type = "string | number"))]
    pub unit_price: Decimal,
    /// s0: target success rate, "0.35" or "35%".
    #[cfg_attr(test, ts(type = "string | number"))]
    pub target_rate: Decimal,
    /// F: penalty per record of shortfall, CNY.
    #[cfg_attr(test, ts(type = "string | number"))]
    pub penalty_per_unit: Decimal,
    #[cfg_attr(test, ts(as = "Option<PenaltyMode>", optional = nullable))]
    pub penalty_mode: PenaltyMode,
    /// 第三条 3: share of the fee deducted per share of inaccurate records. Default 1.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub inaccuracy_multiplier: Decimal,
    /// 第三条 7: free trial records per project. Default 3000.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub trial_free_records: Decimal,
    /// 第三条 7: trial records of this project in months before the scenario's, which used the
    /// free cap first. Default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub trial_records_before: Decimal,
    #[cfg_attr(test, ts(as = "Option<SettlementTerms>", optional = nullable))]
    pub settlement: SettlementTerms,
}

/// One work month's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MonthInput {
    /// "YYYY-MM".
    #[cfg_attr(test, ts(type = "string"))]
    pub month: WorkMonth,
    /// T: records worked in the month.
    #[cfg_attr(test, ts(type = "string | number"))]
    pub volume: Decimal,
    /// s: exactly one of `success_rate` and `successes`.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub success_rate: Option<Decimal>,
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub successes: Option<Decimal>,
    /// 第三条 7: trial records this month (not part of T). Default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub trial_records: Decimal,
    /// 第三条 7: successful orders among this month's trial records beyond the free cap. Default
    /// the month's rate times those records; required when the month gives `successes`.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub trial_successes: Option<Decimal>,
    /// What is left of the project's free cap for this month: the cap less the trial records of
    /// `trial_records_before` and of the scenario's earlier months. Worked out by the reader.
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    pub trial_free_left: Decimal,
    /// 第三条 3: records the client sampled, and how many were wrong. Default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub sampled_records: Decimal,
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub inaccurate_records: Decimal,
    /// 第四条 2: the month's telephone charges, CNY. Default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub telecom_charges: Decimal,
    /// 第四条 3 as done: the dates each step actually happened, for the clerk's check.
    #[cfg_attr(test, ts(as = "Option<Actual>", optional = nullable))]
    pub actual: Actual,
}

/// The contract's parties as the printed statement names them (甲方 the client, 乙方 the
/// vendor). Text only: nothing is computed from them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Parties {
    /// 甲方.
    #[cfg_attr(test, ts(optional = nullable))]
    pub a: Option<String>,
    /// 乙方.
    #[cfg_attr(test, ts(optional = nullable))]
    pub b: Option<String>,
}

/// A scenario: terms plus one or more work months, and what the printed statement says about the
/// contract (its parties and number).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Scenario {
    pub terms: Terms,
    pub months: Vec<MonthInput>,
    #[cfg_attr(test, ts(optional = nullable))]
    pub parties: Option<Parties>,
    /// The contract number (合同编号).
    #[cfg_attr(test, ts(optional = nullable))]
    pub contract_no: Option<String>,
}

/// The longest party name or contract number read (characters): a statement line, not a file.
pub const TEXT_MAX_CHARS: usize = 200;

/// What reading a scenario gives: the terms and the months that read cleanly (each with its
/// index), and every problem found on the way.
pub struct Reading {
    pub terms: Option<Terms>,
    pub months: Vec<(usize, MonthInput)>,
    pub problems: Vec<Problem>,
}

/// Reads a scenario, collecting every problem.
#[inline(never)]
pub fn read(input: &Value) -> Reading {
    let mut r = Reader {
        problems: Vec::new(),
    };
    let mut reading = Reading {
        terms: None,
        months: Vec::new(),
        problems: Vec::new(),
    };
    if r.object(input, "", &["terms", "months", "parties", "contract_no"]) {
        r.statement_texts(input);
        reading.terms = r.terms(input);
        reading.months = r.months(input);
        if let Some(terms) = &reading.terms {
            r.share_trial_cap(terms, &mut reading.months);
        }
    }
    reading.problems = r.problems;
    reading
}

impl Reader {
    /// The statement's texts (`parties.a`, `parties.b`, `contract_no`): optional, each a string
    /// of at most [`TEXT_MAX_CHARS`] characters. Nothing is computed from them; a wrong one is an
    /// error at its field like any other (the page prints nothing while an input is wrong).
    fn statement_texts(&mut self, input: &Value) {
        if let Some(parties) = field(input, "parties") {
            if self.object(parties, "parties", &["a", "b"]) {
                for key in ["a", "b"] {
                    let _ = self.optional(parties, "parties", key, statement_text);
                }
            }
        }
        let _ = self.optional(input, "", "contract_no", statement_text);
    }

    fn terms(&mut self, input: &Value) -> Option<Terms> {
        let path = "terms";
        let Some(t) = field(input, path) else {
            self.problems.push(Problem::error(path, Code::Required));
            return None;
        };
        let known = [
            "project_kind",
            "unit_price",
            "target_rate",
            "penalty_per_unit",
            "penalty_mode",
            "inaccuracy_multiplier",
            "trial_free_records",
            "trial_records_before",
            "settlement",
        ];
        if !self.object(t, path, &known) {
            return None;
        }
        let project_kind = self.with_default(t, path, "project_kind", ProjectKind::Service, |v| {
            choice(
                v,
                &[
                    ("service", ProjectKind::Service),
                    ("marketing", ProjectKind::Marketing),
                ],
            )
        });
        let unit_price = self.required(t, path, "unit_price", number::money);
        let target_rate = self.required(t, path, "target_rate", number::rate);
        let penalty_per_unit = self.required(t, path, "penalty_per_unit", number::money);
        let penalty_mode =
            self.with_default(t, path, "penalty_mode", PenaltyMode::BelowTarget, |v| {
                choice(
                    v,
                    &[
                        ("below_target", PenaltyMode::BelowTarget),
                        ("linear", PenaltyMode::Linear),
                    ],
                )
            });
        let inaccuracy_multiplier =
            self.with_default(t, path, "inaccuracy_multiplier", Decimal::ONE, |v| {
                number::factor(v, number::MULTIPLIER_MAX)
            });
        let trial_free_records = self.with_default(
            t,
            path,
            "trial_free_records",
            Decimal::from(3000),
            number::count,
        );
        let trial_records_before = self.with_default(
            t,
            path,
            "trial_records_before",
            Decimal::ZERO,
            number::count,
        );
        let settlement = self.settlement(t);
        Some(Terms {
            project_kind: project_kind?,
            unit_price: unit_price?,
            target_rate: target_rate?,
            penalty_per_unit: penalty_per_unit?,
            penalty_mode: penalty_mode?,
            inaccuracy_multiplier: inaccuracy_multiplier?,
            trial_free_records: trial_free_records?,
            trial_records_before: trial_records_before?,
            settlement: settlement?,
        })
    }

    fn settlement(&mut self, terms: &Value) -> Option<SettlementTerms> {
        let path = "terms.settlement";
        let d = SettlementTerms::default();
        let Some(s) = field(terms, "settlement") else {
            return Some(d);
        };
        let known = [
            "report_day",
            "lag_months",
            "confirm_days",
            "invoice_days",
            "payment_days",
            "day_count",
            "rest_day_rule",
        ];
        if !self.object(s, path, &known) {
            return None;
        }
        let day = |min, max| move |v: &Value| number::small_int(v, min, max);
        let report_day = self.with_default(s, path, "report_day", d.report_day, day(1, 31));
        let lag_months = self.with_default(s, path, "lag_months", d.lag_months, day(0, 24));
        let confirm_days = self.with_default(s, path, "confirm_days", d.confirm_days, day(0, 366));
        let invoice_days = self.with_default(s, path, "invoice_days", d.invoice_days, day(0, 366));
        let payment_days = self.with_default(s, path, "payment_days", d.payment_days, day(0, 366));
        let day_count = self.with_default(s, path, "day_count", d.day_count, |v| {
            choice(
                v,
                &[
                    ("calendar", DayCount::Calendar),
                    ("working", DayCount::Working),
                ],
            )
        });
        let rest_day_rule = self.with_default(s, path, "rest_day_rule", d.rest_day_rule, |v| {
            choice(
                v,
                &[
                    ("next_working_day", RestDayRule::NextWorkingDay),
                    ("none", RestDayRule::None),
                ],
            )
        });
        Some(SettlementTerms {
            report_day: report_day?,
            lag_months: lag_months?,
            confirm_days: confirm_days?,
            invoice_days: invoice_days?,
            payment_days: payment_days?,
            day_count: day_count?,
            rest_day_rule: rest_day_rule?,
        })
    }

    fn months(&mut self, input: &Value) -> Vec<(usize, MonthInput)> {
        let path = "months";
        let items = match field(input, path) {
            None => {
                self.problems.push(Problem::error(path, Code::Required));
                return Vec::new();
            }
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.problems.push(
                    Problem::error(path, Code::WrongType)
                        .with("expected", "array")
                        .with("found", crate::reader::kind(other)),
                );
                return Vec::new();
            }
        };
        if items.is_empty() {
            self.problems.push(Problem::error(path, Code::NoMonths));
        }
        let months: Vec<(usize, MonthInput)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, m)| self.month(m, &format!("months[{i}]")).map(|m| (i, m)))
            .collect();
        for (n, (i, m)) in months.iter().enumerate() {
            if months[..n]
                .iter()
                .any(|(_, earlier)| earlier.month == m.month)
            {
                self.problems.push(
                    Problem::warning(format!("months[{i}].month"), Code::DuplicateMonth)
                        .with("month", m.month),
                );
            }
        }
        months
    }

    /// Reads one work month at `path` (also the growth fill's base month, `grow.rs`).
    pub(crate) fn month(&mut self, m: &Value, path: &str) -> Option<MonthInput> {
        let known = [
            "month",
            "volume",
            "success_rate",
            "successes",
            "trial_records",
            "trial_successes",
            "sampled_records",
            "inaccurate_records",
            "telecom_charges",
            "actual",
        ];
        if !self.object(m, path, &known) {
            return None;
        }
        let zero = Decimal::ZERO;
        let month = self.required(m, path, "month", WorkMonth::read);
        let volume = self.required(m, path, "volume", number::count);
        let success_rate = self.optional(m, path, "success_rate", number::rate);
        let successes = self.optional(m, path, "successes", number::count);
        let trial_records = self.with_default(m, path, "trial_records", zero, number::count);
        let trial_successes = self.optional(m, path, "trial_successes", number::count);
        let sampled_records = self.with_default(m, path, "sampled_records", zero, number::count);
        let inaccurate_records =
            self.with_default(m, path, "inaccurate_records", zero, number::count);
        let telecom_charges = self.with_default(m, path, "telecom_charges", zero, number::money);
        let actual = self.actual(m, path);
        let (Ok(success_rate), Ok(successes), Ok(trial_successes)) =
            (success_rate, successes, trial_successes)
        else {
            return None;
        };
        match (&success_rate, &successes) {
            (Some(_), Some(_)) => {
                self.problems.push(Problem::error(
                    join(path, "successes"),
                    Code::RateAndSuccessesBoth,
                ));
            }
            (None, None) => {
                self.problems.push(Problem::error(
                    join(path, "success_rate"),
                    Code::RateAndSuccessesMissing,
                ));
            }
            _ => {}
        }
        let (volume, sampled, inaccurate) = (volume?, sampled_records?, inaccurate_records?);
        let mut related_ok = success_rate.is_some() != successes.is_some();
        if inaccurate > sampled {
            related_ok = false;
            self.problems.push(
                Problem::error(
                    join(path, "inaccurate_records"),
                    Code::InaccurateExceedSampled,
                )
                .with("inaccurate", inaccurate)
                .with("sampled", sampled),
            );
        }
        if sampled > volume {
            related_ok = false;
            self.problems.push(
                Problem::error(join(path, "sampled_records"), Code::SampledExceedVolume)
                    .with("sampled", sampled)
                    .with("volume", volume),
            );
        }
        if let Some(n) = successes.filter(|n| *n > volume) {
            related_ok = false;
            self.problems.push(
                Problem::error(join(path, "successes"), Code::SuccessesExceedVolume)
                    .with("successes", n)
                    .with("volume", volume),
            );
        }
        related_ok.then_some(())?;
        Some(MonthInput {
            month: month?,
            volume,
            success_rate,
            successes,
            trial_records: trial_records?,
            trial_successes,
            trial_free_left: Decimal::ZERO,
            sampled_records: sampled,
            inaccurate_records: inaccurate,
            telecom_charges: telecom_charges?,
            actual: actual?,
        })
    }

    /// A month's `actual` dates (each optional), in the order of the steps: a date before an
    /// earlier step's date is an error.
    fn actual(&mut self, m: &Value, path: &str) -> Option<Actual> {
        let Some(a) = field(m, "actual") else {
            return Some(Actual::default());
        };
        let path = join(path, "actual");
        let names = Actual::STEPS;
        if !self.object(a, &path, &names) {
            return None;
        }
        let mut dates = [None; 4];
        let mut ok = true;
        for (date, name) in dates.iter_mut().zip(names) {
            match self.optional(a, &path, name, read_date) {
                Ok(d) => *date = d,
                Err(()) => ok = false,
            }
        }
        let mut earlier: Option<(&str, chrono::NaiveDate)> = None;
        for (date, name) in dates.iter().zip(names) {
            let Some(date) = *date else { continue };
            if let Some((other, other_date)) = earlier.filter(|(_, e)| date < *e) {
                ok = false;
                self.problems.push(
                    Problem::error(join(&path, name), Code::DateOrder)
                        .with("other", join(&path, other))
                        .with("other_date", iso(other_date)),
                );
            }
            earlier = Some((name, date));
        }
        ok.then_some(Actual::from(dates))
    }
}

impl Reader {
    /// 第三条 7: the free cap is the project's, not the month's. Months use it in month order
    /// (input order among equal months), after `terms.trial_records_before`; each month learns
    /// what is left for it. Over-cap trial records enter the bill only with their successes:
    /// `trial_successes` is required where a month gives a count, and cannot exceed the billed
    /// trial records. A month with either error does not read cleanly and is left out of
    /// `months` (its trial records still use the cap of the months after it), so that no
    /// warning bills its trial records with successes it does not have.
    fn share_trial_cap(&mut self, terms: &Terms, months: &mut Vec<(usize, MonthInput)>) {
        // The months with trial records (few), by (month, index); no sort: each month sums
        // those before it.
        let trials: Vec<_> = months
            .iter()
            .filter(|(_, m)| !m.trial_records.is_zero())
            .map(|(i, m)| ((m.month, *i), m.trial_records))
            .collect();
        months.retain_mut(|(i, m)| {
            let path = || format!("months[{i}].trial_successes");
            let used = trials
                .iter()
                .filter(|(at, _)| *at < (m.month, *i))
                .try_fold(terms.trial_records_before, |sum, (_, n)| {
                    crate::exact::add(sum, *n)
                })
                .unwrap_or(Decimal::MAX);
            m.trial_free_left = crate::exact::sub(terms.trial_free_records, used)
                .unwrap_or_default()
                .max(Decimal::ZERO);
            let billable = crate::fee::trial_billable(m);
            let problem = match m.trial_successes {
                Some(n) if n > billable => {
                    Problem::error(path(), Code::TrialSuccessesExceedBillable)
                        .with("trial_successes", n)
                        .with("billable", billable)
                }
                None if m.successes.is_some() && billable > Decimal::ZERO => {
                    Problem::error(path(), Code::TrialSuccessesRequired).with("billable", billable)
                }
                _ => return true,
            };
            self.problems.push(problem);
            false
        });
    }
}

/// A statement text: a string of at most [`TEXT_MAX_CHARS`] characters.
fn statement_text(v: &Value) -> Result<String, Problem> {
    let Value::String(s) = v else {
        return Err(wrong_type("string", v));
    };
    if s.chars().count() > TEXT_MAX_CHARS {
        return Err(Problem::new(Code::TextTooLong).with("max", TEXT_MAX_CHARS));
    }
    Ok(s.trim().to_owned())
}

/// Reads a string choice.
pub(crate) fn choice<T: Copy>(v: &Value, options: &[(&str, T)]) -> Result<T, Problem> {
    let allowed = || {
        options
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Value::String(s) = v else {
        return Err(wrong_type("string", v));
    };
    options
        .iter()
        .find(|(name, _)| name == s)
        .map(|(_, value)| *value)
        .ok_or_else(|| Problem::new(Code::InvalidChoice).with("allowed", allowed()))
}
