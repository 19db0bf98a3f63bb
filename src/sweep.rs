//! SPEC §4 sweep: the bill as a function of one input over a range, computed exactly.

use crate::bill::rounded;
use crate::fee::{amounts_with_share, deduction_share};
use crate::json::Json;
use crate::number::{self, Text};
use crate::problem::{Code, Problem};
use crate::scenario::{self, MonthInput, Terms};
use rust_decimal::Decimal;
use serde::Serialize;

/// The most points one sweep computes.
pub const MAX_STEPS: u32 = 100_000;

/// The inputs a sweep can vary. Month fields are set in every month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum SweepField {
    SuccessRate,
    UnitPrice,
    PenaltyPerUnit,
    TargetRate,
    Volume,
}

const FIELDS: [(&str, SweepField); 5] = [
    ("success_rate", SweepField::SuccessRate),
    ("unit_price", SweepField::UnitPrice),
    ("penalty_per_unit", SweepField::PenaltyPerUnit),
    ("target_rate", SweepField::TargetRate),
    ("volume", SweepField::Volume),
];

/// Columns of a sweep: point i has `values[i]`, and in fen (exact integers, CNY × 100) the
/// scenario total `total[i]` and each line summed over the months.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Sweep {
    pub field: SweepField,
    #[serde(serialize_with = "texts")]
    #[cfg_attr(test, ts(type = "Array<string>"))]
    pub values: Vec<Decimal>,
    #[cfg_attr(test, ts(type = "BigInt64Array"))]
    pub total: Vec<i64>,
    #[cfg_attr(test, ts(type = "BigInt64Array"))]
    pub service_fee: Vec<i64>,
    #[cfg_attr(test, ts(type = "BigInt64Array"))]
    pub shortfall_penalty: Vec<i64>,
    #[cfg_attr(test, ts(type = "BigInt64Array"))]
    pub inaccuracy_deduction: Vec<i64>,
    #[cfg_attr(test, ts(type = "BigInt64Array"))]
    pub telecom_charges: Vec<i64>,
}

fn texts<S: serde::Serializer>(values: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(values.iter().map(|v| Text(*v)))
}

/// An amount rounded to the fen as a whole number of fen.
fn fen(amount: Decimal) -> Option<i64> {
    let mut a = amount;
    if a.scale() != 2 {
        a.rescale(2);
    }
    i64::try_from(a.mantissa()).ok()
}

/// Decimals of a swept rate: 0.0001 %.
pub const RATE_DECIMALS: u32 = 6;

/// Sweeps `field` from `from` to `to` in `steps` evenly spaced points (both ends included).
/// Points are rounded to the field's precision: rates to [`RATE_DECIMALS`] decimals (half to
/// even), money to the fen, volumes down to whole records.
pub fn sweep(
    input: &Json,
    field: &Json,
    from: &Json,
    to: &Json,
    steps: &Json,
) -> Result<Sweep, Vec<Problem>> {
    let reading = scenario::read(input);
    let mut problems: Vec<Problem> = reading
        .problems
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    let field = SweepField::read(field);
    let parse = |v: &Json, path: &str| {
        match field {
            Ok(SweepField::SuccessRate | SweepField::TargetRate) => number::rate(v),
            Ok(SweepField::Volume) => number::count(v),
            _ => number::money(v),
        }
        .map_err(|p| p.at(path))
    };
    let (from, to) = (parse(from, "from"), parse(to, "to"));
    let steps = number::small_int(steps, 2, MAX_STEPS).map_err(|p| p.at("steps"));
    let (terms, field, from, to, steps) = match (reading.terms, field, from, to, steps) {
        (Some(terms), Ok(field), Ok(from), Ok(to), Ok(steps)) if problems.is_empty() => {
            (terms, field, from, to, steps)
        }
        (_, field, from, to, steps) => {
            problems.extend(
                [field.err(), from.err(), to.err(), steps.err()]
                    .into_iter()
                    .flatten(),
            );
            return Err(problems);
        }
    };
    let months: Vec<MonthInput> = reading.months.into_iter().map(|(_, m)| m).collect();
    if field == SweepField::Volume {
        if let Some(most) = months
            .iter()
            .filter_map(|m| m.successes)
            .max()
            .filter(|n| *n > from.min(to))
        {
            let at = if from < to { "from" } else { "to" };
            return Err(vec![Problem::error(at, Code::SuccessesExceedVolume)
                .with("successes", most)
                .with("volume", from.min(to))]);
        }
    }
    // Points are computed on the field's grid (10^-6 for rates, fen, whole records) in integers:
    // point i = from + round((to − from) × i ÷ (steps − 1)), rounded half to even.
    let decimals = match field {
        SweepField::Volume => 0,
        SweepField::SuccessRate | SweepField::TargetRate => RATE_DECIMALS,
        SweepField::UnitPrice | SweepField::PenaltyPerUnit => 2,
    };
    let on_grid = |d: Decimal| {
        let mut g = d.round_dp_with_strategy(
            decimals,
            rust_decimal::RoundingStrategy::MidpointNearestEven,
        );
        g.rescale(decimals);
        g.mantissa()
    };
    let (from_units, span) = (on_grid(from), on_grid(to) - on_grid(from));
    let last = i128::from(steps - 1);
    let (step_q, step_r) = (span.abs() / last, span.abs() % last);
    let (mut q, mut r) = (0i128, 0i128);
    let shares: Vec<Option<Decimal>> = months.iter().map(|m| deduction_share(&terms, m)).collect();
    let column = || Vec::<i64>::with_capacity(steps as usize);
    let mut out = Sweep {
        field,
        values: Vec::with_capacity(steps as usize),
        total: column(),
        service_fee: column(),
        shortfall_penalty: column(),
        inaccuracy_deduction: column(),
        telecom_charges: column(),
    };
    let (mut terms, mut months) = (terms, months);
    for _ in 0..steps {
        // |span| × i ÷ last = q + r ÷ last, kept up to date by addition (no division per point).
        let round_up = 2 * r > last || (2 * r == last && q & 1 != 0);
        let units = from_units + span.signum() * (q + i128::from(round_up));
        (q, r) = (q + step_q, r + step_r);
        if r >= last {
            (q, r) = (q + 1, r - last);
        }
        let value = Decimal::from_i128_with_scale(units, decimals);
        field.set(value, &mut terms, &mut months);
        let mut lines = [0i64; 4];
        for (i, m) in months.iter().enumerate() {
            let overflow = || vec![Problem::error(format!("months[{i}]"), Code::Overflow)];
            let a = amounts_with_share(&terms, m, shares[i]).map_err(|_| overflow())?;
            for (sum, amount) in lines.iter_mut().zip(rounded(&a)) {
                *sum = fen(amount)
                    .and_then(|f| sum.checked_add(f))
                    .ok_or_else(overflow)?;
            }
        }
        let total = lines.iter().try_fold(0i64, |t, l| t.checked_add(*l));
        out.total
            .push(total.ok_or_else(|| vec![Problem::error("", Code::Overflow)])?);
        out.values.push(value.normalize());
        out.service_fee.push(lines[0]);
        out.shortfall_penalty.push(lines[1]);
        out.inaccuracy_deduction.push(lines[2]);
        out.telecom_charges.push(lines[3]);
    }
    Ok(out)
}

impl SweepField {
    /// Reads the `field` argument of sweep and solve; `invalid_choice` at path `field`.
    pub(crate) fn read(v: &Json) -> Result<SweepField, Problem> {
        let field = match v {
            Json::String(name) => FIELDS.iter().find(|(n, _)| n == name).map(|(_, f)| *f),
            _ => None,
        };
        field.ok_or_else(|| {
            Problem::error("field", Code::InvalidChoice)
                .with("allowed", FIELDS.map(|(n, _)| n).join(", "))
        })
    }

    /// Sets the field to `value` (month fields in every month; a rate replaces successes).
    pub(crate) fn set(self, value: Decimal, terms: &mut Terms, months: &mut [MonthInput]) {
        match self {
            SweepField::UnitPrice => terms.unit_price = value,
            SweepField::PenaltyPerUnit => terms.penalty_per_unit = value,
            SweepField::TargetRate => terms.target_rate = value,
            SweepField::SuccessRate => months.iter_mut().for_each(|m| {
                m.success_rate = Some(value);
                m.successes = None;
            }),
            SweepField::Volume => months.iter_mut().for_each(|m| m.volume = value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(rate: &str) -> Json {
        serde_json::from_str(&format!(
            r#"{{"terms":{{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00"}},
               "months":[{{"month":"2026-01","volume":10000,"success_rate":"{rate}","sampled_records":3,
                           "inaccurate_records":1,"telecom_charges":"1234.56"}},
                         {{"month":"2026-02","volume":777,"successes":300}}]}}"#
        ))
        .unwrap()
    }
    fn s(v: &str) -> Json {
        Json::String(v.into())
    }

    #[test]
    fn every_point_equals_settle_at_that_value() {
        let swept = sweep(
            &scenario("0.3"),
            &s("success_rate"),
            &s("0.1"),
            &s("0.5"),
            &Json::Number("7".into()),
        )
        .unwrap();
        assert_eq!(swept.values.len(), 7);
        assert_eq!(
            swept.values[1].to_string(),
            "0.166667",
            "0.1 + 0.4/6 on the 10^-6 grid"
        );
        for (value, total) in swept.values.iter().zip(&swept.total) {
            // The sweep sets the rate in every month, the one given by successes included.
            let both: Json = serde_json::from_str(&format!(
                r#"{{"terms":{{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00"}},
                   "months":[{{"month":"2026-01","volume":10000,"success_rate":"{value}","sampled_records":3,
                               "inaccurate_records":1,"telecom_charges":"1234.56"}},
                             {{"month":"2026-02","volume":777,"success_rate":"{value}"}}]}}"#
            ))
            .unwrap();
            let want = crate::settle(&both).unwrap().total * Decimal::ONE_HUNDRED;
            assert_eq!(Decimal::from(*total), want, "at {value}");
        }
    }

    proptest::proptest! {
        /// The points, computed by addition, are the direct formula: from + round((to − from) × i
        /// ÷ (steps − 1)) on the 10^-6 grid, the offset rounded half to even.
        #[test]
        fn points_are_the_direct_formula(a in 0u32..=1_000_000, b in 0u32..=1_000_000, steps in 2u32..400) {
            let rate = |u: u32| Json::String(Decimal::new(i64::from(u), 6).to_string());
            let swept = sweep(&scenario("0.3"), &s("success_rate"), &rate(a), &rate(b), &Json::Number(steps.to_string())).unwrap();
            for (i, value) in swept.values.iter().enumerate() {
                let offset = Decimal::from(i64::from(b) - i64::from(a)) * Decimal::from(i) / Decimal::from(steps - 1);
                let units = Decimal::from(a) + offset.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointNearestEven);
                let want = units / Decimal::from(1_000_000);
                proptest::prop_assert_eq!(value.normalize(), want.normalize(), "point {}", i);
            }
        }
    }

    #[test]
    fn bad_arguments_are_all_reported() {
        let err = sweep(
            &scenario("0.3"),
            &s("colour"),
            &s("x"),
            &s("y"),
            &Json::Number("1".into()),
        )
        .unwrap_err();
        let paths: Vec<&str> = err.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["field", "from", "to", "steps"]);
    }
}
