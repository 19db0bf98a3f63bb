//! docs/rules.md "What-if" solve: the values of one input (success rate, price, penalty, target rate, volume)
//! that give a wanted scenario total, or a net fee of zero (`"break_even"`: the total equals the
//! telecom charges, which no solvable field changes).
//!
//! The total is a sum of lines each rounded to the fen, and each line is linear in the field
//! between the breakpoints where s × T crosses s0 × T (below_target mode). So the total is a
//! step function of a piecewise-linear one, and the answer is derived, not searched for:
//! 1. split the field's range at the breakpoints (each month's n = n0, exactly, floor and
//!    ceiling on the grid);
//! 2. on each piece solve the unrounded equation U(x) = target exactly (U is linear there);
//! 3. every rounded line is within half a fen of its exact value, so the rounded total can equal
//!    the target only where |U(x) − target| ≤ 0.005 × (number of lines); that window, widened by
//!    one grid step, is checked value by value with the bill's own code (`fee::amounts` +
//!    `bill::rounded`). A window wider than [`SCAN`] grid values (a nearly flat total) is
//!    searched by halving within the window, with [`SCAN`] values checked around each end.
//!
//! Rounding of the answer: answers are values on the field's grid — rates to 6 decimals
//! (0.000001 = 0.0001 %, the sweep's `RATE_DECIMALS`), money to the fen (0.01), volume in whole
//! records — and every value reported gives exactly the target total when settled; the result
//! states the grid (`grid`). Runs of grid values that all give the target are `intervals`
//! (both ends included); rounding can make them several, since lines rounded in opposite
//! directions (the fee up, the inaccuracy deduction down) can make the total step back.

use crate::bill::rounded;
use crate::exact::{self, rounding};
use crate::fee::{self, amounts_with_share, deduction_share};
use crate::number::{self, COUNT_MAX, MONEY_MAX};
use crate::problem::{Code, Problem};
use crate::scenario::{self, MonthInput, PenaltyMode, Terms};
use crate::sweep::{SweepField, RATE_DECIMALS};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// The most grid values checked one by one in one window.
pub const SCAN: i128 = 1024;

/// What was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum Outcome {
    /// Some values give the target: `lowest`, `highest`, `intervals`.
    Found,
    /// No value gives it: `below` and `above` are the nearest totals that can be reached.
    None,
    /// Every value gives it (the total does not depend on the field).
    All,
}

/// A field value and the total it gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Reached {
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
}

/// What `solve` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Solution {
    pub field: SweepField,
    /// The wanted total, CNY (for break-even: the telecom charges).
    #[cfg_attr(test, ts(type = "string"))]
    pub target: Decimal,
    pub break_even: bool,
    pub outcome: Outcome,
    /// The answer's grid: "0.000001" (rates), "0.01" (money), "1" (volume).
    pub grid: String,
    /// The range of the field searched, [lowest, highest] allowed.
    #[cfg_attr(test, ts(type = "[string, string]"))]
    pub domain: [Decimal; 2],
    /// The lowest and highest grid value giving the target (`null` unless found or all).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub lowest: Option<Decimal>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub highest: Option<Decimal>,
    /// Runs of grid values that all give the target, [from, to], ascending.
    #[cfg_attr(test, ts(type = "Array<[string, string]>"))]
    pub intervals: Vec<[Decimal; 2]>,
    /// Where the unrounded total equals the target (the first such value, before grid
    /// rounding; up to 28 significant digits), when it lies in the domain.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub unrounded: Option<Decimal>,
    /// The nearest total below and above the target that some grid value gives.
    pub below: Option<Reached>,
    pub above: Option<Reached>,
}

/// The scenario evaluated at grid values of the field.
struct Model {
    field: SweepField,
    terms: Terms,
    months: Vec<MonthInput>,
    shares: Vec<Option<Decimal>>,
    decimals: u32,
}

impl Model {
    fn value(&self, units: i128) -> Decimal {
        Decimal::from_i128_with_scale(units, self.decimals)
    }

    /// (rounded total, unrounded total) at `units` grid steps. Not inlined: one copy of the bill
    /// arithmetic serves every call site (about 30 KB of WASM otherwise).
    #[inline(never)]
    fn at(&mut self, units: i128) -> Result<(Decimal, Decimal), Vec<Problem>> {
        let value = self.value(units);
        self.field.set(value, &mut self.terms, &mut self.months);
        let (mut r, mut u) = (Decimal::ZERO, Decimal::ZERO);
        for (i, m) in self.months.iter().enumerate() {
            let overflow = || vec![Problem::error(format!("months[{i}]"), Code::Overflow)];
            let a = amounts_with_share(&self.terms, m, self.shares[i]).map_err(|_| overflow())?;
            let lines = rounded(&a);
            r = exact::add(r, exact::sum(lines).ok_or_else(overflow)?).ok_or_else(overflow)?;
            // U only places the window, so its sum may round beyond 28 digits.
            u = a
                .lines()
                .into_iter()
                .try_fold(u, rounding::add)
                .ok_or_else(overflow)?;
        }
        Ok((r, u))
    }
}

/// Collects hits and the nearest totals on either side.
struct Search {
    target: Decimal,
    hits: Vec<(i128, i128)>,
    below: Option<(i128, Decimal)>,
    above: Option<(i128, Decimal)>,
    run: Option<(i128, i128)>,
}

impl Search {
    fn note(&mut self, units: i128, total: Decimal) {
        if total == self.target {
            match &mut self.run {
                Some((_, hi)) if *hi + 1 == units => *hi = units,
                _ => {
                    self.flush();
                    self.run = Some((units, units));
                }
            }
            return;
        }
        self.flush();
        if total < self.target && self.below.is_none_or(|(_, t)| total > t) {
            self.below = Some((units, total));
        }
        if total > self.target && self.above.is_none_or(|(_, t)| total < t) {
            self.above = Some((units, total));
        }
    }

    fn flush(&mut self) {
        if let Some(run) = self.run.take() {
            self.hits.push(run);
        }
    }

    #[inline(never)]
    fn scan(&mut self, model: &mut Model, from: i128, to: i128) -> Result<(), Vec<Problem>> {
        self.flush();
        for u in from..=to {
            let (r, _) = model.at(u)?;
            self.note(u, r);
        }
        self.flush();
        Ok(())
    }
}

/// Solves for `field` ("success_rate", "unit_price", "penalty_per_unit", "target_rate",
/// "volume"; month fields are set in every month, as a sweep does) the scenario total `target`
/// (CNY text or number, may be negative, at most two decimals) or `"break_even"`.
pub fn solve(input: &Value, field: &Value, target: &Value) -> Result<Solution, Vec<Problem>> {
    let reading = scenario::read(input);
    let mut problems: Vec<Problem> = reading
        .problems
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    let field = SweepField::read(field);
    let wanted = match target {
        Value::String(s) if s.trim() == "break_even" => Ok(None),
        other => number::signed_money(other)
            .map(|d| Some(number::to_fen(d)))
            .map_err(|p| p.at("target")),
    };
    let (terms, field, wanted) = match (reading.terms, field, wanted) {
        (Some(t), Ok(f), Ok(w)) if problems.is_empty() => (t, f, w),
        (_, f, w) => {
            problems.extend([f.err(), w.err()].into_iter().flatten());
            return Err(problems);
        }
    };
    let months: Vec<MonthInput> = reading.months.into_iter().map(|(_, m)| m).collect();
    let overflow = || vec![Problem::error("months", Code::Overflow)];
    let telecom = exact::sum(months.iter().map(|m| number::to_fen(m.telecom_charges)))
        .ok_or_else(overflow)?;
    let target = wanted.unwrap_or(telecom);

    let decimals = match field {
        SweepField::Volume => 0,
        SweepField::SuccessRate | SweepField::TargetRate => RATE_DECIMALS,
        SweepField::UnitPrice | SweepField::PenaltyPerUnit => 2,
    };
    let units_of = |d: Decimal| -> i128 {
        let mut g = d;
        g.rescale(decimals);
        g.mantissa()
    };
    let (lo, mut hi) = match field {
        SweepField::SuccessRate | SweepField::TargetRate => (0, units_of(Decimal::ONE)),
        SweepField::UnitPrice | SweepField::PenaltyPerUnit => (0, units_of(MONEY_MAX)),
        SweepField::Volume => {
            // Successes and the sample cannot exceed the volume.
            let least = months
                .iter()
                .flat_map(|m| [m.successes.unwrap_or_default(), m.sampled_records])
                .max()
                .unwrap_or_default();
            (units_of(least), units_of(COUNT_MAX))
        }
    };
    let shares = months.iter().map(|m| deduction_share(&terms, m)).collect();
    // Breakpoints: where a month's successes n meet its target n0 (below_target mode only).
    let mut cuts: Vec<Decimal> = Vec::new();
    if terms.penalty_mode == PenaltyMode::BelowTarget {
        match field {
            // Where n meets n0: s0, or where a month's trial successes are a count, the rate
            // at which s × V + nt = s0 × (V + t).
            SweepField::SuccessRate => {
                cuts.push(terms.target_rate);
                cuts.extend(months.iter().filter_map(|m| fee::rate_at_target(&terms, m)));
            }
            SweepField::TargetRate => {
                for m in &months {
                    let a = amounts_with_share(&terms, m, None).map_err(|_| overflow())?;
                    if !a.billable_volume.is_zero() {
                        cuts.extend(rounding::div(a.successes, a.billable_volume));
                    }
                }
            }
            SweepField::Volume if !terms.target_rate.is_zero() => {
                cuts.extend(
                    months
                        .iter()
                        .filter_map(|m| fee::volume_at_target(&terms, m)),
                );
            }
            _ => {}
        }
    }
    let mut points = vec![lo, hi];
    for c in cuts {
        let Some(scaled) = rounding::mul(c, Decimal::from(10i64.pow(decimals))) else {
            continue;
        };
        for r in [scaled.floor(), scaled.ceil()] {
            let u = r.mantissa() / 10i128.pow(r.scale());
            if (lo..=hi).contains(&u) {
                points.push(u);
            }
        }
    }
    points.sort_unstable();
    points.dedup();

    let mut model = Model {
        field,
        terms,
        months,
        shares,
        decimals,
    };
    // Large prices or volumes can leave exact arithmetic (as settle would report): the domain
    // ends below the first value that does (overflow grows with the value).
    model.at(lo)?;
    if model.at(hi).is_err() {
        let (mut ok, mut bad) = (lo, hi);
        while bad - ok > 1 {
            let mid = ok + (bad - ok) / 2;
            if model.at(mid).is_ok() {
                ok = mid;
            } else {
                bad = mid;
            }
        }
        hi = ok;
    }
    points.retain(|&p| p <= hi);
    if points.last() != Some(&hi) {
        points.push(hi);
    }
    let mut search = Search {
        target,
        hits: Vec::new(),
        below: None,
        above: None,
        run: None,
    };
    // Half a fen per rounded line, 4 lines a month (0.005 × lines, exactly).
    let lines = 4 * model.months.len() as i64;
    let slack = Decimal::new(5 * lines, 3);
    let mut unrounded: Option<Decimal> = None;
    let mut constant = true;
    let pieces: Vec<(i128, i128)> = if points.len() == 1 {
        vec![(points[0], points[0])]
    } else {
        points.windows(2).map(|w| (w[0], w[1])).collect()
    };
    for (a, b) in pieces {
        let (ra, ua) = model.at(a)?;
        let (rb, ub) = model.at(b)?;
        search.scan_point(a, ra);
        search.scan_point(b, rb);
        if ra != rb || ua != ub {
            constant = false;
        }
        if b - a <= 1 {
            continue;
        }
        let du = rounding::minus(ub, ua);
        if du.is_zero() {
            // A flat piece: the total is the same throughout (or wiggles within a window).
            if rounding::minus(ua, target).abs() <= slack {
                if b - a <= SCAN {
                    search.scan(&mut model, a, b)?;
                } else if ra == target && rb == target {
                    search.flush();
                    search.hits.push((a, b));
                }
            }
            continue;
        }
        let Some((x_star, from, to)) = window(a, b, ua, du, target, slack) else {
            // The target is beyond this piece: the nearest totals are at its ends (noted).
            continue;
        };
        if unrounded.is_none() {
            unrounded = x_star.and_then(|x| rounding::div(x, Decimal::from(10i64.pow(decimals))));
        }
        if to - from <= SCAN {
            search.scan(&mut model, from, to)?;
            continue;
        }
        // Nearly flat: halve for the first value at or past the target from each side.
        let up = du > Decimal::ZERO;
        let first = first_true(&mut model, from, to, |r| {
            if up {
                r >= target
            } else {
                r <= target
            }
        })?;
        let last = first_true(&mut model, from, to, |r| {
            if up {
                r > target
            } else {
                r < target
            }
        })? - 1;
        search.scan(
            &mut model,
            (first - SCAN / 2).max(a),
            (first + SCAN / 2).min(b),
        )?;
        if last - first > SCAN {
            search.scan(
                &mut model,
                (last - SCAN / 2).max(a),
                (last + SCAN / 2).min(b),
            )?;
            // Between the two scanned ends every value is taken to give the target.
            search.hits.push((first + SCAN / 2, last - SCAN / 2));
        } else if last > first {
            search.scan(&mut model, first, last)?;
        }
    }
    search.flush();
    let mut hits = std::mem::take(&mut search.hits);
    hits.sort_unstable();
    let mut merged: Vec<(i128, i128)> = Vec::new();
    for (x, y) in hits {
        match merged.last_mut() {
            Some((_, hi_run)) if x <= *hi_run + 1 => *hi_run = (*hi_run).max(y),
            _ => merged.push((x, y)),
        }
    }
    let (lo_all, hi_all) = (lo, hi);
    let outcome = if merged.is_empty() {
        Outcome::None
    } else if constant && merged == [(lo_all, hi_all)] {
        Outcome::All
    } else {
        Outcome::Found
    };
    // Money keeps its two decimals ("0.17"); rates and volumes are written without trailing zeros.
    let shown = |u: i128| {
        let v = model.value(u);
        if decimals == 2 {
            v
        } else {
            v.normalize()
        }
    };
    let text = shown;
    let reached = |found: Option<(i128, Decimal)>| {
        found.map(|(u, total)| Reached {
            value: shown(u),
            total,
        })
    };
    Ok(Solution {
        field,
        target,
        break_even: wanted.is_none(),
        outcome,
        grid: Decimal::new(1, decimals).to_string(),
        domain: [text(lo_all), text(hi_all)],
        lowest: merged.first().map(|r| text(r.0)),
        highest: merged.last().map(|r| text(r.1)),
        intervals: merged.iter().map(|r| [text(r.0), text(r.1)]).collect(),
        unrounded: unrounded.map(|d| d.normalize()),
        below: if outcome == Outcome::All {
            None
        } else {
            reached(search.below)
        },
        above: if outcome == Outcome::All {
            None
        } else {
            reached(search.above)
        },
    })
}

/// The range of outcomes of `months` as the success rate varies (every month at the same rate,
/// as a sweep sets it), by the bill's own code: the rounded total at 0 % and at 100 %, and the
/// break-even rate, the lowest rate on the grid (0.000001) found to give a net fee of zero or
/// more (the total reaches the telecom charges), `None` when none does. The rate range is cut
/// where a month's successes meet its target (below_target mode); on each piece every line is
/// linear in the rate, so the total runs one way and halving finds where it reaches the charges
/// (the rate reported reaches them, the grid value below it does not, or it is 0).
pub(crate) fn rate_span(
    terms: &Terms,
    months: &[MonthInput],
) -> Result<(Decimal, Decimal, Option<Decimal>), Vec<Problem>> {
    let overflow = || vec![Problem::error("months", Code::Overflow)];
    let telecom = exact::sum(months.iter().map(|m| number::to_fen(m.telecom_charges)))
        .ok_or_else(overflow)?;
    let full = 10i128.pow(RATE_DECIMALS);
    let mut points = vec![0, full];
    if terms.penalty_mode == PenaltyMode::BelowTarget {
        for rate in months.iter().filter_map(|m| fee::rate_at_target(terms, m)) {
            if let Some(scaled) = rounding::mul(rate, Decimal::from(full as i64)) {
                for r in [scaled.floor(), scaled.ceil()] {
                    let u = r.mantissa() / 10i128.pow(r.scale());
                    if (0..=full).contains(&u) {
                        points.push(u);
                    }
                }
            }
        }
    }
    points.sort_unstable();
    points.dedup();
    let mut model = Model {
        field: SweepField::SuccessRate,
        terms: terms.clone(),
        months: months.to_vec(),
        shares: months.iter().map(|m| deduction_share(terms, m)).collect(),
        decimals: RATE_DECIMALS,
    };
    let at_zero = model.at(0)?.0;
    let at_full = model.at(full)?.0;
    let mut break_even = None;
    for piece in points.windows(2) {
        let (a, b) = (piece[0], piece[1]);
        if model.at(a)?.0 >= telecom {
            break_even = Some(a);
        } else if model.at(b)?.0 >= telecom {
            break_even = Some(first_true(&mut model, a + 1, b, |r| r >= telecom)?);
        }
        if break_even.is_some() {
            break;
        }
    }
    Ok((
        at_zero,
        at_full,
        break_even.map(|u| model.value(u).normalize()),
    ))
}

/// The grid values of the piece a..=b (units) where the rounded total can equal `target`:
/// U(x) = ua + du × (x − a) ÷ (b − a) solved exactly for U = target (`x*`, when it lies in the
/// piece), widened by `slack ÷ |slope|` and one grid step each side. `None` when the window misses
/// the piece. If the division leaves exact range (a slope near 0) the window is the whole piece.
#[inline(never)]
fn window(
    a: i128,
    b: i128,
    ua: Decimal,
    du: Decimal,
    target: Decimal,
    slack: Decimal,
) -> Option<(Option<Decimal>, i128, i128)> {
    let (da, db) = (
        Decimal::from_i128_with_scale(a, 0),
        Decimal::from_i128_with_scale(b, 0),
    );
    let per_unit = rounding::div(du, rounding::sub(db, da)?)?;
    let x_star = rounding::sub(target, ua)
        .and_then(|gap| rounding::div(gap, per_unit))
        .and_then(|dx| rounding::add(da, dx));
    let half = rounding::div(slack, per_unit.abs());
    let (Some(x), Some(half)) = (x_star, half) else {
        return Some((None, a, b));
    };
    let whole = |d: Decimal| d.mantissa() / 10i128.pow(d.scale());
    let from = rounding::sub(x, half).map_or(da, |f| f.floor().max(da));
    let to = rounding::add(x, half).map_or(db, |t| t.ceil().min(db));
    if from > to {
        return None;
    }
    let inside = (da..=db).contains(&x).then_some(x);
    Some((inside, (whole(from) - 1).max(a), (whole(to) + 1).min(b)))
}

impl Search {
    /// Notes one value outside a scan (a piece's end).
    fn scan_point(&mut self, units: i128, total: Decimal) {
        self.flush();
        self.note(units, total);
        self.flush();
    }
}

/// The first grid value in `from..=to` where `pred` holds of the rounded total, assuming it
/// holds from some point on (`to + 1` when nowhere); halving, about 40 evaluations.
#[inline(never)]
fn first_true(
    model: &mut Model,
    from: i128,
    to: i128,
    pred: impl Fn(Decimal) -> bool,
) -> Result<i128, Vec<Problem>> {
    let (mut lo, mut hi) = (from, to + 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(model.at(mid)?.0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worked(extra_terms: &str, month: &str) -> Value {
        serde_json::from_str(&format!(
            r#"{{"terms":{{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00"{extra_terms}}},
               "months":[{{"month":"2026-01","volume":10000,{month}"sampled_records":500,
                           "inaccurate_records":10,"telecom_charges":"1234.56"}}]}}"#
        ))
        .unwrap()
    }
    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn worked_example_success_rate() {
        let input = worked("", r#""success_rate":"0.3","#);
        let sol = solve(&input, &s("success_rate"), &s("8084.56")).unwrap();
        assert_eq!(sol.outcome, Outcome::Found);
        assert_eq!(sol.lowest.unwrap().to_string(), "0.3");
        assert_eq!(sol.highest.unwrap().to_string(), "0.3");
        assert_eq!(sol.grid, "0.000001");
        assert_eq!(sol.unrounded.unwrap().to_string(), "0.3");
    }

    #[test]
    fn break_even_price() {
        let input = worked("", r#""success_rate":"0.3","#);
        let sol = solve(&input, &s("unit_price"), &s("break_even")).unwrap();
        assert!(sol.break_even);
        assert_eq!(sol.target.to_string(), "1234.56");
        // p × 3000 × 0.98 = 500 → p = 0.170068…: no fen price gives exactly 0 net fee.
        assert_eq!(sol.outcome, Outcome::None);
        let below = sol.below.unwrap();
        let above = sol.above.unwrap();
        assert_eq!(below.value.to_string(), "0.17");
        assert_eq!(below.total.to_string(), "1234.36");
        assert_eq!(above.value.to_string(), "0.18");
        assert_eq!(above.total.to_string(), "1263.76");
    }

    #[test]
    fn penalty_zero_price_zero_is_all() {
        let input: Value = serde_json::from_str(
            r#"{"terms":{"unit_price":"0","target_rate":"0.35","penalty_per_unit":"0"},
               "months":[{"month":"2026-01","volume":100,"success_rate":"0.3","telecom_charges":"5"}]}"#,
        )
        .unwrap();
        let sol = solve(&input, &s("success_rate"), &s("5")).unwrap();
        assert_eq!(sol.outcome, Outcome::All);
        let sol = solve(&input, &s("target_rate"), &s("6")).unwrap();
        assert_eq!(sol.outcome, Outcome::None);
        assert_eq!(sol.below.unwrap().total.to_string(), "5.00");
        assert!(sol.above.is_none());
    }

    #[test]
    fn above_target_penalty_free_range() {
        // Above the target rate the penalty is 0: a whole range of target rates gives the total.
        let input = worked("", r#""success_rate":"0.3","#);
        let sol = solve(&input, &s("target_rate"), &s("8584.56")).unwrap();
        assert_eq!(sol.outcome, Outcome::Found);
        assert_eq!(sol.lowest.unwrap().to_string(), "0");
        assert_eq!(sol.highest.unwrap().to_string(), "0.3");
    }

    #[test]
    fn bad_arguments() {
        let input = worked("", r#""success_rate":"0.3","#);
        let err = solve(&input, &s("colour"), &s("1.234")).unwrap_err();
        let paths: Vec<&str> = err.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["field", "target"]);
    }
}
