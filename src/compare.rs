//! docs/rules.md "What-if" compare: two or more scenarios side by side (offer, counter-offer, last year's
//! terms), every line and the total of each, and the differences against the first scenario.
//!
//! Rules: a line's amount is the sum over the scenario's months of the rounded line (so the
//! lines add up to the total). The difference of scenario i is `amount_i − amount_0`, exact, in
//! CNY; the percentage is that difference ÷ |amount_0| × 100, rounded half away from zero to
//! 0.01 (so a smaller deduction, −100 → −50, is +50.00 %), and `null` when the base is 0.

use crate::bill::{LineKey, SettleResult};
use crate::exact::{self, rounding};
use crate::problem::{Code, Problem};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::Value;

/// The most scenarios compared at once.
pub const MAX_SCENARIOS: u32 = 20;

/// A row of the comparison: a bill line (summed over months) or the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum CompareKey {
    ServiceFee,
    ShortfallPenalty,
    InaccuracyDeduction,
    TelecomCharges,
    Total,
}

/// One compared scenario: its name (given, or "1", "2", …) and its whole bill.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Compared {
    pub name: String,
    pub result: SettleResult,
}

/// A scenario's amount on a row and its difference from the first scenario's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Cell {
    /// CNY, two decimals.
    #[cfg_attr(test, ts(type = "string"))]
    pub amount: Decimal,
    /// amount − the first scenario's amount, CNY (exact).
    #[cfg_attr(test, ts(type = "string"))]
    pub difference: Decimal,
    /// difference ÷ |first amount| × 100, two decimals; `null` when the first amount is 0.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub percent: Option<Decimal>,
}

/// One row: the cells in scenario order (the first one's difference is 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CompareRow {
    pub key: CompareKey,
    pub cells: Vec<Cell>,
}

/// What `compare` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Comparison {
    pub scenarios: Vec<Compared>,
    /// service_fee, shortfall_penalty, inaccuracy_deduction, telecom_charges, total.
    pub rows: Vec<CompareRow>,
}

/// Compares the scenarios of a JSON array (2 to [`MAX_SCENARIOS`]). Each element is a scenario,
/// optionally with a `"name"` (text). Problems carry the element's index: `[1].terms.unit_price`.
pub fn compare(inputs: &Value) -> Result<Comparison, Vec<Problem>> {
    let Value::Array(items) = inputs else {
        return Err(vec![Problem::error("", Code::WrongType)
            .with("expected", "array")
            .with("found", crate::reader::kind(inputs))]);
    };
    if items.len() < 2 || items.len() > MAX_SCENARIOS as usize {
        return Err(vec![Problem::error("", Code::OutOfRange)
            .with("min", 2)
            .with("max", MAX_SCENARIOS)]);
    }
    let mut problems = Vec::new();
    let mut scenarios = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = |p: Problem| {
            let path = if p.path.is_empty() {
                format!("[{i}]")
            } else {
                format!("[{i}].{}", p.path)
            };
            p.at(path)
        };
        let (name, scenario) = split_name(item);
        let name = match name {
            None => (i + 1).to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                problems.push(
                    Problem::error(format!("[{i}].name"), Code::WrongType)
                        .with("expected", "string")
                        .with("found", crate::reader::kind(other)),
                );
                String::new()
            }
        };
        let (result, found) = crate::evaluate(&scenario);
        problems.extend(found.into_iter().filter(Problem::is_error).map(at));
        if let Some(result) = result {
            scenarios.push(Compared { name, result });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let overflow = || vec![Problem::error("", Code::Overflow)];
    let keys = [
        (CompareKey::ServiceFee, Some(LineKey::ServiceFee)),
        (
            CompareKey::ShortfallPenalty,
            Some(LineKey::ShortfallPenalty),
        ),
        (
            CompareKey::InaccuracyDeduction,
            Some(LineKey::InaccuracyDeduction),
        ),
        (CompareKey::TelecomCharges, Some(LineKey::TelecomCharges)),
        (CompareKey::Total, None),
    ];
    let mut rows = Vec::with_capacity(keys.len());
    for (key, line) in keys {
        // Loops rather than `collect::<Option<Vec<_>>>()`: the same, and 1 KB less wasm.
        let mut amounts = Vec::with_capacity(scenarios.len());
        for c in &scenarios {
            let amount = match line {
                None => Some(c.result.total),
                Some(line) => exact::sum(
                    c.result
                        .months
                        .iter()
                        .flat_map(|m| m.lines.iter().filter(|l| l.key == line))
                        .map(|l| l.amount),
                ),
            };
            amounts.push(amount.ok_or_else(overflow)?);
        }
        let base = amounts[0];
        let mut cells = Vec::with_capacity(amounts.len());
        for &amount in &amounts {
            let difference = exact::sub(amount, base).ok_or_else(overflow)?;
            cells.push(Cell {
                amount,
                difference,
                percent: percent(difference, base),
            });
        }
        rows.push(CompareRow { key, cells });
    }
    Ok(Comparison { scenarios, rows })
}

/// `difference ÷ |base| × 100` to 0.01, half away from zero; `None` when the base is 0.
pub fn percent(difference: Decimal, base: Decimal) -> Option<Decimal> {
    if base.is_zero() {
        return None;
    }
    let mut p = rounding::div(rounding::mul(difference, Decimal::ONE_HUNDRED)?, base.abs())?
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if p.is_zero() {
        p = Decimal::ZERO;
    }
    p.rescale(2);
    Some(p)
}

/// A scenario element without its `name` (so that reading it does not warn about the field).
fn split_name(item: &Value) -> (Option<&Value>, Value) {
    match item {
        Value::Object(entries) => (
            crate::reader::field(item, "name"),
            Value::Object(
                entries
                    .iter()
                    .filter(|(k, _)| *k != "name")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
        ),
        other => (None, other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(name: &str, price: &str, rate: &str) -> String {
        format!(
            r#"{{"name":"{name}","terms":{{"unit_price":"{price}","target_rate":"0.35","penalty_per_unit":"1.00"}},
               "months":[{{"month":"2026-01","volume":10000,"success_rate":"{rate}","sampled_records":500,
                           "inaccurate_records":10,"telecom_charges":"1234.56"}}]}}"#
        )
    }

    #[test]
    fn offer_and_counter_offer() {
        let input: Value = serde_json::from_str(&format!(
            "[{},{},{}]",
            scenario("offer", "2.50", "0.3"),
            scenario("counter", "2.60", "0.3"),
            scenario("last year", "2.50", "0.35")
        ))
        .unwrap();
        let c = compare(&input).unwrap();
        assert_eq!(c.scenarios[0].name, "offer");
        assert_eq!(c.scenarios[0].result.total.to_string(), "8084.56");
        let row = |k| c.rows.iter().find(|r| r.key == k).unwrap();
        let total = row(CompareKey::Total);
        // counter: service 7800.00, penalty −500.00, deduction −156.00, telecom 1234.56.
        assert_eq!(total.cells[1].amount.to_string(), "8378.56");
        assert_eq!(total.cells[1].difference.to_string(), "294.00");
        assert_eq!(total.cells[1].percent.unwrap().to_string(), "3.64");
        assert_eq!(total.cells[0].difference.to_string(), "0.00");
        assert_eq!(total.cells[0].percent.unwrap().to_string(), "0.00");
        // last year: at target, no penalty: −500 → 0 is +100 % of |−500|.
        let penalty = row(CompareKey::ShortfallPenalty);
        assert_eq!(penalty.cells[2].amount.to_string(), "0.00");
        assert_eq!(penalty.cells[2].difference.to_string(), "500.00");
        assert_eq!(penalty.cells[2].percent.unwrap().to_string(), "100.00");
        let telecom = row(CompareKey::TelecomCharges);
        assert_eq!(telecom.cells[2].difference.to_string(), "0.00");
    }

    #[test]
    fn base_zero_has_no_percent() {
        assert_eq!(percent(Decimal::ONE, Decimal::ZERO), None);
        assert_eq!(
            percent(Decimal::new(-1, 0), Decimal::new(3, 0))
                .unwrap()
                .to_string(),
            "-33.33"
        );
        assert_eq!(
            percent(Decimal::new(1, 0), Decimal::new(8, 0))
                .unwrap()
                .to_string(),
            "12.50"
        );
        assert_eq!(
            percent(Decimal::new(1, 0), Decimal::new(-16, 0))
                .unwrap()
                .to_string(),
            "6.25"
        );
    }

    #[test]
    fn errors_carry_the_scenario_index() {
        let input: Value = serde_json::from_str(&format!(
            "[{},{}]",
            scenario("a", "2.50", "0.3"),
            scenario("b", "-1", "2")
        ))
        .unwrap();
        let err = compare(&input).unwrap_err();
        let paths: Vec<String> = err.iter().map(|p| p.path.clone()).collect();
        assert!(
            paths.contains(&"[1].terms.unit_price".to_string()),
            "{paths:?}"
        );
        assert!(
            paths.contains(&"[1].months[0].success_rate".to_string()),
            "{paths:?}"
        );
        let one: Value = serde_json::from_str(&format!("[{}]", scenario("a", "1", "0.3"))).unwrap();
        assert_eq!(compare(&one).unwrap_err()[0].code, Code::OutOfRange);
        assert_eq!(compare(&Value::Null).unwrap_err()[0].code, Code::WrongType);
        let bad_name: Value = serde_json::from_str(&format!(
            "[{},{}]",
            scenario("a", "1", "0.3"),
            r#"{"name":5,"terms":{}}"#
        ))
        .unwrap();
        let err = compare(&bad_name).unwrap_err();
        assert_eq!(err[0].path, "[1].name");
    }
}
