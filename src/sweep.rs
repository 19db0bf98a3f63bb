//! docs/rules.md "What-if" sweep: the bill as a function of one input over a range, computed exactly.

use crate::bill::rounded;
use crate::exact::{self, POW10};
use crate::fee::{amounts_with_share, deduction_share, Amounts};
use crate::number;
use crate::problem::{Code, Problem};
use crate::scenario::{self, MonthInput, Terms};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

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
/// scenario total `total[i]` and each line summed over the months. In JS each column is a
/// `BigInt64Array`, declared as `ArrayLike<bigint>` so that the declarations compile with
/// TypeScript's default lib (BigInt64Array needs ES2020).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Sweep {
    pub field: SweepField,
    #[cfg_attr(test, ts(type = "Array<string>"))]
    pub values: Vec<Decimal>,
    #[cfg_attr(test, ts(type = "ArrayLike<bigint>"))]
    pub total: Vec<i64>,
    #[cfg_attr(test, ts(type = "ArrayLike<bigint>"))]
    pub service_fee: Vec<i64>,
    #[cfg_attr(test, ts(type = "ArrayLike<bigint>"))]
    pub shortfall_penalty: Vec<i64>,
    #[cfg_attr(test, ts(type = "ArrayLike<bigint>"))]
    pub inaccuracy_deduction: Vec<i64>,
    #[cfg_attr(test, ts(type = "ArrayLike<bigint>"))]
    pub telecom_charges: Vec<i64>,
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
    input: &Value,
    field: &Value,
    from: &Value,
    to: &Value,
    steps: &Value,
) -> Result<Sweep, Vec<Problem>> {
    let reading = scenario::read(input);
    let mut problems: Vec<Problem> = reading
        .problems
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    let field = SweepField::read(field);
    let parse = |v: &Value, path: &str| {
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
    let units = points(on_grid(from), on_grid(to), steps);
    // Month by month, each line summed into its column. A point-by-point computation would
    // meet the first overflow at the lowest (point, month): that one is reported.
    let mut columns = [(); 4].map(|_| vec![0i64; units.len()]);
    let mut failed: Option<(usize, usize)> = None;
    for (index, month) in months.iter().enumerate() {
        let mut month = MonthAt {
            field,
            decimals,
            share: deduction_share(&terms, month),
            terms: terms.clone(),
            month: month.clone(),
        };
        if let Err(point) = month.add_to(&units, &mut columns) {
            failed = Some(failed.map_or((point, index), |f| f.min((point, index))));
        }
    }
    let mut total = Vec::with_capacity(units.len());
    for i in 0..failed.map_or(units.len(), |(point, _)| point) {
        match columns.iter().try_fold(0i64, |t, c| t.checked_add(c[i])) {
            Some(sum) => total.push(sum),
            None => {
                failed = Some((i, months.len()));
                break;
            }
        }
    }
    if let Some((_, index)) = failed {
        let path = if index < months.len() {
            format!("months[{index}]")
        } else {
            String::new()
        };
        return Err(vec![Problem::error(path, Code::Overflow)]);
    }
    let [service_fee, shortfall_penalty, inaccuracy_deduction, telecom_charges] = columns;
    Ok(Sweep {
        field,
        values: units
            .iter()
            .map(|u| Decimal::from_i128_with_scale(*u, decimals).normalize())
            .collect(),
        total,
        service_fee,
        shortfall_penalty,
        inaccuracy_deduction,
        telecom_charges,
    })
}

/// The points of a sweep in grid units (10^-6 for rates, fen, whole records): point i = from +
/// round((to − from) × i ÷ (steps − 1)), rounded half to even.
fn points(from: i128, to: i128, steps: u32) -> Vec<i128> {
    let span = to - from;
    let last = i128::from(steps - 1);
    let (step_q, step_r) = (span.abs() / last, span.abs() % last);
    let (mut q, mut r) = (0i128, 0i128);
    (0..steps)
        .map(|_| {
            // |span| × i ÷ last = q + r ÷ last, kept up to date by addition (no division per
            // point).
            let round_up = 2 * r > last || (2 * r == last && q & 1 != 0);
            let units = from + span.signum() * (q + i128::from(round_up));
            (q, r) = (q + step_q, r + step_r);
            if r >= last {
                (q, r) = (q + 1, r - last);
            }
            units
        })
        .collect()
}

/// One month of a sweep with the field at any grid point, computed by the bill's own code.
struct MonthAt {
    field: SweepField,
    decimals: u32,
    terms: Terms,
    month: MonthInput,
    share: Option<Decimal>,
}

impl MonthAt {
    /// The month's exact amounts with the field at `units` grid steps; `None` on overflow.
    #[inline(never)]
    fn exact(&mut self, units: i128) -> Option<Amounts> {
        let value = Decimal::from_i128_with_scale(units, self.decimals);
        let months = std::slice::from_mut(&mut self.month);
        self.field.set(value, &mut self.terms, months);
        amounts_with_share(&self.terms, &self.month, self.share).ok()
    }

    /// The rounded lines in fen at `units`; `None` on overflow.
    #[inline(never)]
    fn fen(&mut self, units: i128) -> Option<[i64; 4]> {
        let [a, b, c, d] = rounded(&self.exact(units)?);
        Some([fen(a)?, fen(b)?, fen(c)?, fen(d)?])
    }

    /// Adds the month's rounded lines at every point to `columns`; `Err` names the first point
    /// that overflows.
    fn add_to(&mut self, units: &[i128], columns: &mut [Vec<i64>; 4]) -> Result<(), usize> {
        let split = self.split(units);
        for piece in [0..split, split..units.len()] {
            if piece.is_empty() {
                continue;
            }
            match self.linear(&units[piece.clone()]) {
                // Line by line: one tight loop each, a constant line added as it is.
                Some(linear) => {
                    let mut failed = None;
                    for (j, column) in columns.iter_mut().enumerate() {
                        let end = failed.unwrap_or(piece.end);
                        let constant =
                            (linear.slope[j] == 0).then(|| linear.fen(j, units[piece.start]));
                        for i in piece.start..end {
                            let fen = match constant {
                                Some(fen) => fen,
                                None => linear.fen(j, units[i]),
                            };
                            match fen.and_then(|f| column[i].checked_add(f)) {
                                Some(sum) => column[i] = sum,
                                None => {
                                    failed = Some(i);
                                    break;
                                }
                            }
                        }
                    }
                    if let Some(i) = failed {
                        return Err(i);
                    }
                }
                None => {
                    for i in piece {
                        let fen = self.fen(units[i]).ok_or(i)?;
                        for (column, fen) in columns.iter_mut().zip(fen) {
                            column[i] = column[i].checked_add(fen).ok_or(i)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Where the points split: the month's shortfall n0 − n changes sign there (第四条 1: the
    /// penalty is `max(0, …)` in below_target mode), and on each side every line is linear in
    /// the field. n0 − n is linear in the field, so it changes sign at most once along the
    /// points. The first point on the far side, or the number of points when none is.
    fn split(&mut self, units: &[i128]) -> usize {
        let none = units.len();
        let mut short = |u: i128| self.exact(u).map(|a| a.shortfall() > Decimal::ZERO);
        let (Some(first), Some(end)) = (short(units[0]), short(units[none - 1])) else {
            return none;
        };
        if first == end {
            return none;
        }
        // By halving: `same` on the first point's side, `other` on the far side.
        let (mut same, mut other) = (0, none - 1);
        while other - same > 1 {
            let mid = (same + other) / 2;
            match short(units[mid]) {
                Some(s) if s == first => same = mid,
                Some(_) => other = mid,
                None => return none,
            }
        }
        other
    }

    /// The month's exact lines along `points` (one linear piece) as integers, when they fit
    /// 64 bits at one scale of at most 18 decimals. Fitted from the bill's own amounts at the
    /// first point, its grid neighbour towards the last, and checked at the last; `None` (the
    /// points are then computed one by one) when the deduction share has no finite decimal form
    /// (its division is not linear) or anything does not fit.
    ///
    /// Exactness: every amount of the bill is a product of constants and one linear function of
    /// the field, at a scale fixed by the inputs. A linear function's magnitude between two
    /// points is at most its magnitude at one of them, so when the bill's arithmetic fits at the
    /// ends of a piece it fits (and is exact) at every point in between, and agrees with this.
    fn linear(&mut self, points: &[i128]) -> Option<Linear> {
        if self.share.is_none() && !self.month.sampled_records.is_zero() {
            return None;
        }
        let (first, last) = (points[0], points[points.len() - 1]);
        let step = (last - first).signum();
        let at_first = self.exact(first)?.lines();
        let next = self.exact(first + step)?.lines();
        let at_last = self.exact(last)?.lines();
        let scale = [at_first, next, at_last]
            .iter()
            .flatten()
            .map(Decimal::scale)
            .max()
            .filter(|s| *s <= 18)?;
        // Mantissas below 2^62 keep start + slope × (u − first) within 64 bits.
        let int = |d: &Decimal| {
            let m = i64::try_from(d.mantissa()).ok()?;
            exact::mul64(m, POW10[(scale - d.scale()) as usize])
                .filter(|m| m.unsigned_abs() < 1 << 62)
        };
        let span = i64::try_from(last - first).ok()?;
        let mut linear = Linear {
            first,
            scale,
            start: [0; 4],
            slope: [0; 4],
        };
        for j in 0..4 {
            let (start, end) = (int(&at_first[j])?, int(&at_last[j])?);
            let slope = (int(&next[j])? - start) * step as i64;
            if i128::from(start) + i128::from(slope) * i128::from(span) != i128::from(end) {
                return None;
            }
            (linear.start[j], linear.slope[j]) = (start, slope);
        }
        Some(linear)
    }
}

/// A month's four exact lines on one linear piece: line j at u grid steps is
/// (start[j] + slope[j] × (u − first)) × 10^−scale.
struct Linear {
    first: i128,
    scale: u32,
    start: [i64; 4],
    slope: [i64; 4],
}

impl Linear {
    /// Line `j` at `units`, rounded to whole fen.
    fn fen(&self, j: usize, units: i128) -> Option<i64> {
        let steps = (units - self.first) as i64;
        fen_of(self.start[j] + self.slope[j] * steps, self.scale)
    }
}

/// Whole fen of `mantissa` × 10^−`scale`, rounded half away from zero (as `number::to_fen`);
/// `None` when it does not fit 64 bits.
fn fen_of(mantissa: i64, scale: u32) -> Option<i64> {
    let scale = scale as usize;
    if scale <= 2 {
        return exact::mul64(mantissa, POW10[2 - scale]);
    }
    let unit = *POW10.get(scale - 2)?;
    let (q, r) = (mantissa / unit, mantissa % unit);
    // |r| ≥ unit / 2, written without overflow; ties go away from zero.
    Some(
        if r.unsigned_abs() >= unit.unsigned_abs() - r.unsigned_abs() {
            q + mantissa.signum()
        } else {
            q
        },
    )
}

impl SweepField {
    /// Reads the `field` argument of sweep and solve; `invalid_choice` at path `field`.
    pub(crate) fn read(v: &Value) -> Result<SweepField, Problem> {
        let field = match v {
            Value::String(name) => FIELDS.iter().find(|(n, _)| n == name).map(|(_, f)| *f),
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

    fn scenario(rate: &str) -> Value {
        serde_json::from_str(&format!(
            r#"{{"terms":{{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00"}},
               "months":[{{"month":"2026-01","volume":10000,"success_rate":"{rate}","sampled_records":3,
                           "inaccurate_records":1,"telecom_charges":"1234.56"}},
                         {{"month":"2026-02","volume":777,"successes":300}}]}}"#
        ))
        .unwrap()
    }
    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn every_point_equals_settle_at_that_value() {
        let swept = sweep(
            &scenario("0.3"),
            &s("success_rate"),
            &s("0.1"),
            &s("0.5"),
            &Value::from(7u64),
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
            let both: Value = serde_json::from_str(&format!(
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
            let rate = |u: u32| Value::String(Decimal::new(i64::from(u), 6).to_string());
            let swept = sweep(&scenario("0.3"), &s("success_rate"), &rate(a), &rate(b), &Value::from(steps)).unwrap();
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
            &Value::from(1u64),
        )
        .unwrap_err();
        let paths: Vec<&str> = err.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["field", "from", "to", "steps"]);
    }
}
