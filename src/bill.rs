//! The itemised bill (SPEC §2.5): one line per amount, each a small trace — key, clause,
//! formula, inputs, the exact value, the rounding and the amount in fen.

use crate::exact;
use crate::fee::{self, Amounts};
use crate::messages::{Message, NamedValues};
use crate::number::{plain, to_fen};
use crate::problem::{Code, Problem};
use crate::scenario::{MonthInput, PenaltyMode, ProjectKind, Terms};
use crate::schedule::{schedule, Schedule};
use crate::work_month::WorkMonth;
use rust_decimal::Decimal;

/// The rounding every line applies (四舍五入到分).
pub const ROUNDING: &str = "half_away_from_zero_to_fen";

/// The bill line keys of SPEC §6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum LineKey {
    ServiceFee,
    ShortfallPenalty,
    InaccuracyDeduction,
    TelecomCharges,
}

/// One bill line.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Line {
    pub key: LineKey,
    /// The contract clause it comes from, e.g. "第四条 1".
    #[cfg_attr(test, ts(type = "string"))]
    pub clause: &'static str,
    #[cfg_attr(test, ts(type = "string"))]
    pub label_zh: &'static str,
    #[cfg_attr(test, ts(type = "string"))]
    pub label_en: &'static str,
    /// The formula in symbols: "p × s × T".
    #[cfg_attr(test, ts(type = "string"))]
    pub formula: &'static str,
    /// The same formula with the numbers put in: "2.50 × 0.3 × 10000".
    pub expression: String,
    /// The named numbers put into the formula, in formula order: `{ "p": "2.50", "T": "10000" }`.
    #[cfg_attr(test, ts(type = "Record<string, string>"))]
    pub inputs: NamedValues<Decimal>,
    /// The exact value before rounding.
    #[cfg_attr(test, ts(type = "string"))]
    pub exact: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub rounding: &'static str,
    /// CNY, two decimals.
    #[cfg_attr(test, ts(type = "string"))]
    pub amount: Decimal,
}

/// One month's bill.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MonthBill {
    #[cfg_attr(test, ts(type = "string"))]
    pub month: WorkMonth,
    pub lines: Vec<Line>,
    /// Sum of the rounded lines.
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
    /// n: successful orders (exact; may have decimals when a rate gives them).
    #[cfg_attr(test, ts(type = "string"))]
    pub successes: Decimal,
    /// n0 = s0 × T.
    #[cfg_attr(test, ts(type = "string"))]
    pub target_successes: Decimal,
    /// n0 − n: positive when short of target, negative when above it.
    #[cfg_attr(test, ts(type = "string"))]
    pub shortfall: Decimal,
    /// T: volume plus trial records beyond the free cap.
    #[cfg_attr(test, ts(type = "string"))]
    pub billable_volume: Decimal,
    pub schedule: Schedule,
    pub warnings: Vec<Message>,
}

/// What `settle` returns (SPEC §6).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SettleResult {
    pub months: Vec<MonthBill>,
    /// Sum of the month totals.
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
    /// Every warning: the scenario's and each month's.
    pub warnings: Vec<Message>,
}

/// A formula: the symbols (`"p × s × T"`), the same with `{name}` marking each input, and the
/// inputs in formula order.
struct Formula {
    symbols: &'static str,
    template: &'static str,
    inputs: Vec<(&'static str, Decimal)>,
}

impl Formula {
    /// The template with each `{name}` replaced by that input's value: `"2.50 × 0.3 × 10000"`.
    fn expression(&self) -> String {
        let mut out = self.template.to_owned();
        for (name, value) in &self.inputs {
            out = out.replace(&format!("{{{name}}}"), &value.to_string());
        }
        out
    }
}

impl Formula {
    fn line(self, key: LineKey, exact: Decimal) -> Line {
        let (clause, label_zh, label_en) = match key {
            LineKey::ServiceFee => ("第四条 1", "服务费", "Service fee"),
            LineKey::ShortfallPenalty => ("第四条 1", "未达标扣罚", "Shortfall penalty"),
            LineKey::InaccuracyDeduction => {
                ("第三条 3", "数据不实扣罚", "Inaccurate-data deduction")
            }
            LineKey::TelecomCharges => ("第四条 2", "通讯费", "Telecom charges"),
        };
        Line {
            key,
            clause,
            label_zh,
            label_en,
            formula: self.symbols,
            expression: self.expression(),
            inputs: NamedValues(self.inputs),
            exact: exact.normalize(),
            rounding: ROUNDING,
            amount: to_fen(exact),
        }
    }
}

/// The rounded line amounts of a month, in line order; their sum is the month's total.
pub fn rounded(a: &Amounts) -> [Decimal; 4] {
    a.lines().map(to_fen)
}

/// Bills month `index` (of the scenario's `months`), whose inputs read cleanly. Problems:
/// warnings on the month, or `overflow`. Paths are written only when there is a problem.
pub fn bill_month(
    t: &Terms,
    m: &MonthInput,
    index: usize,
) -> Result<(MonthBill, Vec<Problem>), Problem> {
    let path = || format!("months[{index}]");
    let a = fee::amounts(t, m).map_err(|p| p.at(path()))?;
    let (schedule, outside_years) =
        schedule(m.month, &t.settlement).ok_or_else(|| Problem::error(path(), Code::Overflow))?;
    let lines = lines(t, m, &a);
    let overflow = || Problem::error(path(), Code::Overflow);
    let total = exact::sum(lines.iter().map(|l| l.amount)).ok_or_else(overflow)?;
    let mut warnings = Vec::new();
    if !outside_years.is_empty() {
        let years = outside_years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        warnings.push(
            Problem::warning(format!("{}.month", path()), Code::HolidaysOutsideData)
                .with("years", years),
        );
    }
    if a.trial_billable > Decimal::ZERO {
        warnings.push(
            Problem::warning(format!("{}.trial_records", path()), Code::TrialOverCap)
                .with("trial_records", plain(m.trial_records))
                .with("cap", plain(t.trial_free_records))
                .with("billable", plain(a.trial_billable)),
        );
    }
    if m.success_rate.is_some() && !a.successes.fract().is_zero() {
        warnings.push(
            Problem::warning(
                format!("{}.success_rate", path()),
                Code::FractionalSuccesses,
            )
            .with("successes", plain(a.successes)),
        );
    }
    let net_fee = exact::sum(
        lines
            .iter()
            .filter(|l| l.key != LineKey::TelecomCharges)
            .map(|l| l.amount),
    )
    .ok_or_else(overflow)?;
    if net_fee < Decimal::ZERO {
        warnings.push(Problem::warning(path(), Code::NegativeFee).with("net_fee", net_fee));
    }
    let bill = MonthBill {
        month: m.month,
        lines,
        total,
        successes: a.successes.normalize(),
        target_successes: a.target_successes.normalize(),
        shortfall: a.shortfall().normalize(),
        billable_volume: a.billable_volume,
        schedule,
        warnings: warnings.iter().map(Message::from).collect(),
    };
    Ok((bill, warnings))
}

fn lines(t: &Terms, m: &MonthInput, a: &Amounts) -> Vec<Line> {
    // 服务类 projects price in p, 营销类 in p1; the formulas are the same. Each formula is
    // [symbols, template] for p, then for p1.
    let kind = match t.project_kind {
        ProjectKind::Service => 0,
        ProjectKind::Marketing => 1,
    };
    let formula = |forms: [[&'static str; 2]; 2], inputs: Vec<(&'static str, Decimal)>| Formula {
        symbols: forms[kind][0],
        template: forms[kind][1],
        inputs,
    };
    // Prices and money show as entered ("2.50"); rates and counts without trailing zeros.
    let trimmed = |d: Decimal| d.normalize();
    let price = (["p", "p1"][kind], t.unit_price);
    let n = ("n", trimmed(a.successes));
    let service_fee = match m.success_rate {
        Some(s) => formula(
            [
                ["p × s × T", "{p} × {s} × {T}"],
                ["p1 × s × T", "{p1} × {s} × {T}"],
            ],
            vec![price, ("s", trimmed(s)), ("T", trimmed(a.billable_volume))],
        ),
        None => formula(
            [["p × n", "{p} × {n}"], ["p1 × n", "{p1} × {n}"]],
            vec![price, n],
        ),
    };
    let shortfall_forms = match t.penalty_mode {
        PenaltyMode::BelowTarget => ["−F × max(0, s0 × T − n)", "−{F} × max(0, {s0} × {T} − {n})"],
        PenaltyMode::Linear => ["−F × (s0 × T − n)", "−{F} × ({s0} × {T} − {n})"],
    };
    let shortfall = formula(
        [shortfall_forms; 2],
        vec![
            ("F", t.penalty_per_unit),
            ("s0", trimmed(t.target_rate)),
            ("T", trimmed(a.billable_volume)),
            n,
        ],
    );
    let inaccuracy = formula(
        [
            ["−p × n × k × m ÷ N", "−{p} × {n} × {k} × {m} ÷ {N}"],
            ["−p1 × n × k × m ÷ N", "−{p1} × {n} × {k} × {m} ÷ {N}"],
        ],
        vec![
            price,
            n,
            ("k", trimmed(t.inaccuracy_multiplier)),
            ("m", trimmed(m.inaccurate_records)),
            ("N", trimmed(m.sampled_records)),
        ],
    );
    let telecom = formula(
        [["telecom", "{telecom}"]; 2],
        vec![("telecom", m.telecom_charges)],
    );
    vec![
        service_fee.line(LineKey::ServiceFee, a.service_fee),
        shortfall.line(LineKey::ShortfallPenalty, a.shortfall_penalty),
        inaccuracy.line(LineKey::InaccuracyDeduction, a.inaccuracy_deduction),
        telecom.line(LineKey::TelecomCharges, a.telecom_charges),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expression_puts_each_input_into_the_template() {
        let formula = |template, inputs: Vec<(&'static str, &str)>| Formula {
            symbols: "",
            template,
            inputs: inputs
                .into_iter()
                .map(|(name, v)| (name, v.parse().unwrap()))
                .collect(),
        };
        for (template, inputs, want) in [
            (
                "{p} × {s} × {T}",
                vec![("p", "2.50"), ("s", "0.3"), ("T", "10000")],
                "2.50 × 0.3 × 10000",
            ),
            // p and p1, s and s0 are different names.
            (
                "{p1} × {s0} − {s}",
                vec![("p1", "3"), ("s", "0.3"), ("s0", "0.35")],
                "3 × 0.35 − 0.3",
            ),
            ("−{a} ÷ {c}", vec![("a", "-0.5")], "−-0.5 ÷ {c}"),
            (
                "{a}+{a}",
                vec![("a", "123456789012345678901234.5678")],
                "123456789012345678901234.5678+123456789012345678901234.5678",
            ),
        ] {
            assert_eq!(formula(template, inputs).expression(), want, "{template}");
        }
    }
}
