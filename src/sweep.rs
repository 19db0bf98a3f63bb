//! SPEC §4 sweep: the bill as a function of one input over a range, computed exactly.

use crate::bill::rounded;
use crate::fee::amounts;
use crate::json::Json;
use crate::number;
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

/// Columns of a sweep: point i has `values[i]`, `totals[i]` and each line's amount at i.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Sweep {
    pub field: SweepField,
    #[cfg_attr(test, ts(type = "Array<string>"))]
    pub values: Vec<Decimal>,
    /// Scenario total (all months) at each point.
    #[cfg_attr(test, ts(type = "Array<string>"))]
    pub totals: Vec<Decimal>,
    #[cfg_attr(test, ts(type = "Array<string>"))]
    pub service_fee: Vec<Decimal>,
    #[cfg_attr(test, ts(type = "Array<string>"))]
    pub shortfall_penalty: Vec<Decimal>,
    #[cfg_attr(test, ts(type = "Array<string>"))]
    pub inaccuracy_deduction: Vec<Decimal>,
    #[cfg_attr(test, ts(type = "Array<string>"))]
    pub telecom_charges: Vec<Decimal>,
}

/// Sweeps `field` from `from` to `to` in `steps` evenly spaced points (both ends included).
/// Volume points are rounded down to whole records.
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
    let field = match field {
        Json::String(name) => FIELDS.iter().find(|(n, _)| n == name).map(|(_, f)| *f),
        _ => None,
    };
    let field = field.ok_or_else(|| {
        Problem::error("field", Code::InvalidChoice)
            .with("allowed", FIELDS.map(|(n, _)| n).join(", "))
    });
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
    let step = (to - from) / Decimal::from(steps - 1);
    let mut out = Sweep {
        field,
        values: Vec::with_capacity(steps as usize),
        totals: Vec::with_capacity(steps as usize),
        service_fee: Vec::with_capacity(steps as usize),
        shortfall_penalty: Vec::with_capacity(steps as usize),
        inaccuracy_deduction: Vec::with_capacity(steps as usize),
        telecom_charges: Vec::with_capacity(steps as usize),
    };
    let (mut terms, mut months) = (terms, months);
    for i in 0..steps {
        let value = if i == steps - 1 {
            to
        } else {
            from + step * Decimal::from(i)
        };
        let value = if field == SweepField::Volume {
            value.floor()
        } else {
            value
        };
        set(field, value, &mut terms, &mut months);
        let mut lines = [Decimal::ZERO; 4];
        for (i, m) in months.iter().enumerate() {
            let a = amounts(&terms, m).map_err(|p| vec![p.at(format!("months[{i}]"))])?;
            for (sum, amount) in lines.iter_mut().zip(rounded(&a)) {
                *sum += amount;
            }
        }
        out.values.push(value.normalize());
        out.totals.push(lines.iter().sum());
        out.service_fee.push(lines[0]);
        out.shortfall_penalty.push(lines[1]);
        out.inaccuracy_deduction.push(lines[2]);
        out.telecom_charges.push(lines[3]);
    }
    Ok(out)
}

fn set(field: SweepField, value: Decimal, terms: &mut Terms, months: &mut [MonthInput]) {
    match field {
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
