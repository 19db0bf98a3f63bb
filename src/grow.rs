//! The year plan's growth fill: the months after a base month, its volume grown by a percentage a
//! month and its success rate (or count of successes) moved by percentage points a month. Exact:
//! every input is read by the same parsers as the bill's (thousands separators, `"35%"`), and the
//! compounding is done on whole numbers, rounded once per month.
//!
//! For month k after the base (k = 1, 2, …), with V the base volume, n its successes, r its rate,
//! g the growth in percent a month and d the points a month:
//!
//! - volume_k    = round(V × ((100 + g) ÷ 100)^k), compounded from the base month (not from the
//!   rounded month before);
//! - rate_k      = r + k × d ÷ 100, in the form the base was written: `"0.30"` → `"0.31"`,
//!   `"30%"` → `"31%"` (percent: + k × d), with as many decimals as it and the step need;
//! - successes_k = round(n × ((100 + g) ÷ 100)^k + volume_k × k × d ÷ 100);
//! - month_k     = the base month + k.
//!
//! round is half away from zero (四舍五入) to a whole record. Growth and points may carry a
//! trailing `%`, which does not change them (they are percentages already).

use crate::exact;
use crate::number;
use crate::problem::{Code, Problem};
use crate::reader::Reader;
use crate::work_month::WorkMonth;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// The most months a fill makes, the base month included (the page's grid holds 600).
pub const MAX_MONTHS: u32 = 600;
/// The growth of the volume, percent a month: from −100 (nothing left) to +1000.
const GROWTH_RANGE: (Decimal, Decimal) = (
    Decimal::from_parts(100, 0, 0, true, 0),
    Decimal::from_parts(1000, 0, 0, false, 0),
);
/// The change of the success rate, percentage points a month.
const POINTS_RANGE: (Decimal, Decimal) = (
    Decimal::from_parts(100, 0, 0, true, 0),
    Decimal::ONE_HUNDRED,
);

/// One grown month: the base month's other fields are the page's to copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GrownMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// A whole number of records.
    pub volume: String,
    /// What the base month gave: its success rate (in the base's form, `"0.31"` or `"31%"`), or
    /// its count of successes (negative when the points fall steeply: the bill then says so at
    /// that month).
    pub success: String,
}

/// What `grow` returns: the months after the base, `count − 1` of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Growth {
    pub months: Vec<GrownMonth>,
}

/// What `grow` reads.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GrowInput {
    /// The base month (fields other than month, volume and the success figure are ignored).
    #[cfg_attr(test, ts(rename = "month", type = "MonthInput"))]
    pub base: Base,
    /// How many months the fill makes, the base month included: 1 to 600 ([`MAX_MONTHS`]).
    #[cfg_attr(test, ts(type = "string | number"))]
    pub count: u32,
    /// Percent a month (`"5"`, `"5%"`, `"-2.5"`); default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub volume_growth: Decimal,
    /// Percentage points a month (`"1"`, `"0.5%"`); default 0.
    #[cfg_attr(test, ts(type = "string | number | null", optional))]
    pub rate_points: Decimal,
}

/// The base month as the fill needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Base {
    pub month: WorkMonth,
    pub volume: Decimal,
    pub success: Success,
}

/// The base month's success figure, as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Success {
    /// A rate in its own form: the number before `%` (percent) or the fraction, as typed.
    Rate { value: Decimal, percent: bool },
    /// A count of successes.
    Successes(Decimal),
}

/// Reads `{ month: { month, volume, success_rate | successes, … }, count, volume_growth?,
/// rate_points? }` and grows it; every problem (with its path) when it cannot.
pub fn grow(input: &Value) -> Result<Growth, Vec<Problem>> {
    let input = read(input)?;
    months(&input).map(|months| Growth { months })
}

/// Reads a [`GrowInput`]; every problem when it cannot.
pub fn read(input: &Value) -> Result<GrowInput, Vec<Problem>> {
    let mut r = Reader {
        problems: Vec::new(),
    };
    if !r.object(
        input,
        "",
        &["month", "count", "volume_growth", "rate_points"],
    ) {
        return Err(r.problems);
    }
    let count = r.required(input, "", "count", |v| number::small_int(v, 1, MAX_MONTHS));
    let volume_growth = r.with_default(input, "", "volume_growth", Decimal::ZERO, |v| {
        percent(v, GROWTH_RANGE)
    });
    let rate_points = r.with_default(input, "", "rate_points", Decimal::ZERO, |v| {
        percent(v, POINTS_RANGE)
    });
    let base = match crate::reader::field(input, "month") {
        Some(m) => base_month(&mut r, m),
        None => {
            r.problems.push(Problem::error("month", Code::Required));
            None
        }
    };
    match (count, volume_growth, rate_points, base) {
        (Some(count), Some(volume_growth), Some(rate_points), Some(base))
            if !r.problems.iter().any(Problem::is_error) =>
        {
            Ok(GrowInput {
                base,
                count,
                volume_growth,
                rate_points,
            })
        }
        _ => Err(r.problems),
    }
}

/// A percentage (growth or points): a decimal, an optional trailing `%`, within `range`.
fn percent(v: &Value, (min, max): (Decimal, Decimal)) -> Result<Decimal, Problem> {
    let text = number::numeric_text(v)?;
    let text = text.trim();
    let d = number::parse_decimal(text.strip_suffix('%').unwrap_or(text))?;
    if d < min || d > max {
        return Err(Problem::new(Code::OutOfRange)
            .with("min", min)
            .with("max", max));
    }
    Ok(d)
}

/// The base month's month, volume and success figure: read and checked as the bill reads a month,
/// the rate kept in the form it was typed in (percent or fraction, its decimals).
fn base_month(r: &mut Reader, m: &Value) -> Option<Base> {
    let month = r.month(m, "month")?;
    let success = match month.successes {
        Some(n) => Success::Successes(n),
        None => {
            let text = number::numeric_text(crate::reader::field(m, "success_rate")?).ok()?;
            let text = text.trim();
            let (digits, percent) = match text.strip_suffix('%') {
                Some(pct) => (pct, true),
                None => (text, false),
            };
            Success::Rate {
                value: number::parse_decimal(digits).ok()?,
                percent,
            }
        }
    };
    Some(Base {
        month: month.month,
        volume: month.volume,
        success,
    })
}

/// The `count − 1` months after the base.
fn months(input: &GrowInput) -> Result<Vec<GrownMonth>, Vec<Problem>> {
    let GrowInput {
        base,
        count,
        volume_growth: growth,
        rate_points: points,
    } = *input;
    let success = &base.success;
    // factor = (100 + g) ÷ 100 = n ÷ 10^e, with n a whole number (g has `scale` decimals).
    let factor =
        Big::of(exact::rounding::add(growth, Decimal::ONE_HUNDRED).map_or(0, |f| f.mantissa()));
    let factor_exp = growth.scale() + 2;
    // d ÷ 100 = p ÷ 10^(scale + 2); its sign kept apart.
    let step = Big::of(points.mantissa().abs());
    let step_exp = points.scale() + 2;
    let too_large =
        || vec![Problem::error("volume_growth", Code::TooLarge).with("max", number::COUNT_MAX)];
    let max = whole(number::COUNT_MAX) as u64;
    // A fraction moves by d ÷ 100 a month, a percentage by d; exactly, or the step is too precise.
    let too_precise = || vec![Problem::error("rate_points", Code::TooPrecise).with("max", 28)];
    let rate_step = match success {
        Success::Rate { percent: true, .. } => points,
        _ if points.is_zero() => Decimal::ZERO,
        _ => exactly(
            exact::rounding::mul(points, Decimal::new(1, 2)),
            points.scale() + 2,
        )
        .ok_or_else(too_precise)?,
    };
    let mut grown_volume = Big::of(whole(base.volume));
    // The successes × n^k (none when the base gave a rate).
    let mut grown_successes = match success {
        Success::Successes(n) => Big::of(whole(*n)),
        Success::Rate { .. } => Big::default(),
    };
    let index = base.month.year * 12 + base.month.month as i32 - 1;
    let mut out = Vec::with_capacity(count as usize - 1);
    for k in 1..count {
        // V × n^k and successes × n^k over 10^(k e).
        grown_volume = grown_volume.mul(&factor);
        let exp = k * factor_exp;
        let volume_k = grown_volume
            .rounded(exp)
            .whole()
            .filter(|v| *v <= max)
            .ok_or_else(too_large)?;
        let month_index = index + k as i32;
        let month = WorkMonth {
            year: month_index.div_euclid(12),
            month: month_index.rem_euclid(12) as u32 + 1,
        };
        let success = match success {
            Success::Rate { value, percent } => {
                let moved = if rate_step.is_zero() {
                    Some(Decimal::ZERO)
                } else {
                    exactly(
                        exact::rounding::mul(Decimal::from(k), rate_step),
                        rate_step.scale(),
                    )
                };
                let rate = moved
                    .and_then(|moved| {
                        let scale = moved.scale().max(value.scale());
                        exactly(exact::rounding::add(*value, moved), scale)
                    })
                    .ok_or_else(too_precise)?;
                let mut text = rate.to_string();
                if *percent {
                    text.push('%');
                }
                text
            }
            Success::Successes(_) => {
                grown_successes = grown_successes.mul(&factor);
                // n × f^k + volume_k × k × d ÷ 100 over the common 10^top.
                let top = exp.max(step_exp);
                let first = grown_successes.mul(&Big::pow10(top - exp));
                let second = Big::of(i128::from(volume_k))
                    .mul(&Big::of(i128::from(k)))
                    .mul(&step)
                    .mul(&Big::pow10(top - step_exp));
                let (magnitude, negative) = if points.is_sign_negative() {
                    if first.below(&second) {
                        (second.minus(&first), true)
                    } else {
                        (first.minus(&second), false)
                    }
                } else {
                    (first.plus(&second), false)
                };
                let n = magnitude
                    .rounded(top)
                    .whole()
                    .filter(|v| *v <= max)
                    .ok_or_else(too_large)?;
                let n = Decimal::from(n);
                (if negative { -n } else { n }).to_string()
            }
        };
        out.push(GrownMonth {
            month: month.to_string(),
            volume: Decimal::from(volume_k).to_string(),
            success,
        });
    }
    Ok(out)
}

/// `result` when rust_decimal kept all its `scale` decimals (it rounds what does not fit 28
/// digits).
fn exactly(result: Option<Decimal>, scale: u32) -> Option<Decimal> {
    result.filter(|r| r.scale() == scale)
}

/// A whole, non-negative count (read by `number::count`) as its integer: without trailing zeros
/// its scale is 0, so the mantissa is the number.
fn whole(d: Decimal) -> i128 {
    d.normalize().mantissa()
}

/// A natural number in base-10⁹ limbs, least significant first: the few operations exact
/// compounding needs (rust_decimal holds 28 digits; 1.001^120 has 360). Hand-made rather than a
/// big-number crate: this is all of it, and num-bigint (0.4.6) in its place made the calculator
/// pages' module 14.2 KB larger (5.7 KB gzip), over its 150 KB budget (docs/performance.md).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Big(Vec<u64>);

const LIMB: u64 = 1_000_000_000;

impl Big {
    /// A non-negative i128 (negative ones are not made here). Not inlined: one copy of its
    /// 128-bit divisions.
    #[inline(never)]
    fn of(n: i128) -> Big {
        let mut n = n.unsigned_abs();
        let mut limbs = Vec::new();
        while n > 0 {
            limbs.push((n % u128::from(LIMB)) as u64);
            n /= u128::from(LIMB);
        }
        Big(limbs)
    }

    fn pow10(exp: u32) -> Big {
        let mut limbs = vec![0; (exp / 9) as usize];
        limbs.push(10u64.pow(exp % 9));
        Big(limbs)
    }

    /// Without leading zero limbs (zero is no limb at all).
    fn trimmed(mut limbs: Vec<u64>) -> Big {
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        Big(limbs)
    }

    fn mul(&self, other: &Big) -> Big {
        // Limbs below 10⁹: a limb plus a product plus a carry stays below 2⁶⁴ (64-bit
        // arithmetic only; 128-bit is a library call in WebAssembly).
        let mut out = vec![0u64; self.0.len() + other.0.len()];
        for (i, a) in self.0.iter().enumerate() {
            let mut carry = 0;
            for (j, b) in other.0.iter().enumerate() {
                let t = out[i + j] + a * b + carry;
                out[i + j] = t % LIMB;
                carry = t / LIMB;
            }
            out[i + other.0.len()] = carry;
        }
        Big::trimmed(out)
    }

    fn plus(&self, other: &Big) -> Big {
        let len = self.0.len().max(other.0.len());
        let mut out = Vec::with_capacity(len + 1);
        let mut carry = 0;
        for i in 0..len {
            let t = self.0.get(i).unwrap_or(&0) + other.0.get(i).unwrap_or(&0) + carry;
            out.push(t % LIMB);
            carry = t / LIMB;
        }
        out.push(carry);
        Big::trimmed(out)
    }

    /// self − other, for self ≥ other.
    fn minus(&self, other: &Big) -> Big {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0;
        for (i, a) in self.0.iter().enumerate() {
            let b = other.0.get(i).unwrap_or(&0) + borrow;
            let (d, next) = if *a >= b {
                (a - b, 0)
            } else {
                (a + LIMB - b, 1)
            };
            out.push(d);
            borrow = next;
        }
        Big::trimmed(out)
    }

    /// self ÷ 10^exp rounded half away from zero: ⌊(self + 5 × 10^(exp−1)) ÷ 10^exp⌋.
    fn rounded(&self, exp: u32) -> Big {
        if exp == 0 {
            return self.clone();
        }
        let mut limbs = self.plus(&Big(vec![5]).mul(&Big::pow10(exp - 1))).0;
        limbs.drain(..((exp / 9) as usize).min(limbs.len()));
        let divisor = 10u64.pow(exp % 9);
        let mut rest = 0;
        for limb in limbs.iter_mut().rev() {
            let t = rest * LIMB + *limb;
            *limb = t / divisor;
            rest = t % divisor;
        }
        Big::trimmed(limbs)
    }

    /// self < other (both without leading zero limbs).
    fn below(&self, other: &Big) -> bool {
        self.0.len() < other.0.len()
            || (self.0.len() == other.0.len() && self.0.iter().rev().lt(other.0.iter().rev()))
    }

    /// The value when it is below 10¹⁸ (two limbs).
    fn whole(&self) -> Option<u64> {
        match self.0[..] {
            [] => Some(0),
            [low] => Some(low),
            [low, high] => Some(high * LIMB + low),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The input as the page sends it (through its JSON text, as the binding reads it).
    fn json(v: Value) -> Value {
        crate::reader::parse(&v.to_string()).unwrap()
    }

    /// The fill of `base` (month 2026-01) over `count` months: (volume, rate or successes) each.
    fn fill(
        base: &[(&str, &str)],
        count: &str,
        growth: &str,
        points: &str,
    ) -> Result<Vec<(String, String)>, Vec<Code>> {
        let mut month = serde_json::json!({ "month": "2026-01" });
        for (k, v) in base {
            month[*k] = (*v).into();
        }
        let mut input = serde_json::json!({ "month": month, "count": count });
        if !growth.is_empty() {
            input["volume_growth"] = growth.into();
        }
        if !points.is_empty() {
            input["rate_points"] = points.into();
        }
        grow(&json(input))
            .map(|g| {
                g.months
                    .into_iter()
                    .map(|m| (m.volume, m.success))
                    .collect()
            })
            .map_err(|p| p.into_iter().map(|p| p.code).collect())
    }

    fn volumes(volume: &str, growth: &str, count: &str) -> Vec<String> {
        fill(
            &[("volume", volume), ("success_rate", "0.30")],
            count,
            growth,
            "",
        )
        .unwrap()
        .into_iter()
        .map(|(v, _)| v)
        .collect()
    }

    fn rates(rate: &str, points: &str, count: &str) -> Vec<String> {
        fill(
            &[("volume", "10000"), ("success_rate", rate)],
            count,
            "",
            points,
        )
        .unwrap()
        .into_iter()
        .map(|(_, r)| r)
        .collect()
    }

    #[test]
    fn volume_compounds_from_the_base_rounded_half_up_once_a_month() {
        // 10000 × 1.05^k: 10500, 11025, 11576.25 → 11576, 12155.0625 → 12155.
        assert_eq!(
            volumes("10000", "5", "5"),
            ["10500", "11025", "11576", "12155"]
        );
        // The same growth written as a percentage, and grouped digits in the base.
        assert_eq!(volumes("10,000", "5%", "3"), ["10500", "11025"]);
        assert_eq!(volumes("10000.00", "5", "2"), ["10500"]);
        assert_eq!(volumes("15", "10", "2"), ["17"]); // 16.5 → 17
        assert_eq!(volumes("1,000", "2.5", "2"), ["1025"]);
        assert_eq!(volumes("10000", "-10", "3"), ["9000", "8100"]);
        assert_eq!(volumes("10000", "0", "3"), ["10000", "10000"]);
        // 1000000 × 1.001^120 = 1127429.2488… (Python Fraction): exact after 360 decimals.
        assert_eq!(volumes("1000000", "0.1", "121").last().unwrap(), "1127429");
        // One month: nothing after the base.
        assert!(volumes("10000", "5", "1").is_empty());
    }

    #[test]
    fn rate_moves_by_points_in_the_form_it_was_written() {
        assert_eq!(rates("0.30", "1", "3"), ["0.31", "0.32"]);
        assert_eq!(rates("0.30", "1", "12").last().unwrap(), "0.41");
        assert_eq!(rates("0.3", "0.5", "2"), ["0.305"]);
        assert_eq!(rates("0.1", "0.1", "3"), ["0.101", "0.102"]);
        assert_eq!(rates("30%", "1", "3"), ["31%", "32%"]);
        assert_eq!(rates("35%", "0.25", "2"), ["35.25%"]);
        assert_eq!(rates(" 30 % ", "1%", "2"), ["31%"]);
        assert_eq!(rates("0.30", "-2", "4").last().unwrap(), "0.24");
        assert_eq!(rates("0.30", "0", "3"), ["0.30", "0.30"]);
        assert_eq!(rates("0.30", "-30", "2"), ["0.00"]);
        assert_eq!(
            rates("0.1", "0.0000000000000000000000001", "2"),
            ["0.100000000000000000000000001"]
        );
    }

    #[test]
    fn successes_grow_with_the_volume_and_by_the_points_of_the_grown_volume() {
        let got = fill(
            &[("volume", "10000"), ("successes", "3000")],
            "3",
            "5",
            "0.5",
        )
        .unwrap();
        // k=1: 3000 × 1.05 + 10500 × 1 × 0.005 = 3150 + 52.5 = 3202.5 → 3203.
        // k=2: 3000 × 1.1025 + 11025 × 2 × 0.005 = 3307.5 + 110.25 = 3417.75 → 3418.
        assert_eq!(got[0], ("10500".to_owned(), "3203".to_owned()));
        assert_eq!(got[1], ("11025".to_owned(), "3418".to_owned()));
        let got = fill(&[("volume", "10000"), ("successes", "3000")], "2", "5", "1").unwrap();
        assert_eq!(got[0].1, "3255"); // 3150 + 105
                                      // Falling points: 3000 − 10000 × 1 × 0.305 = −50 (the bill reports it at that month).
        let got = fill(
            &[("volume", "10000"), ("successes", "3000")],
            "2",
            "",
            "-30.5",
        )
        .unwrap();
        assert_eq!(got[0].1, "-50");
        // 3000 − 10000 × 0.29995 = 0.5 → 1; − 0.30005 → −0.5 → −1 (half away from zero).
        let got = fill(
            &[("volume", "10000"), ("successes", "3000")],
            "2",
            "",
            "-29.995",
        )
        .unwrap();
        assert_eq!(got[0].1, "1");
        let got = fill(
            &[("volume", "10000"), ("successes", "3000")],
            "2",
            "",
            "-30.005",
        )
        .unwrap();
        assert_eq!(got[0].1, "-1");
    }

    #[test]
    fn months_follow_the_base() {
        let input = json(serde_json::json!({
            "month": { "month": "2026-11", "volume": 1, "success_rate": 0 },
            "count": 3,
        }));
        let months: Vec<String> = grow(&input)
            .unwrap()
            .months
            .into_iter()
            .map(|m| m.month)
            .collect();
        assert_eq!(months, ["2026-12", "2027-01"]);
    }

    #[test]
    fn bad_input_is_reported_with_its_path() {
        let codes = |base: &[(&str, &str)], count: &str, growth: &str, points: &str| {
            fill(base, count, growth, points).unwrap_err()
        };
        let ok = [("volume", "10000"), ("success_rate", "0.30")];
        assert_eq!(codes(&ok, "0", "", ""), [Code::OutOfRange]);
        assert_eq!(codes(&ok, "601", "", ""), [Code::OutOfRange]);
        assert_eq!(codes(&ok, "2.5", "", ""), [Code::NotAnInteger]);
        assert_eq!(codes(&ok, "12", "abc", ""), [Code::NotANumber]);
        assert_eq!(codes(&ok, "12", "1e2", ""), [Code::NotANumber]);
        assert_eq!(codes(&ok, "12", "-150", ""), [Code::OutOfRange]);
        assert_eq!(codes(&ok, "12", "", "101"), [Code::OutOfRange]);
        assert_eq!(
            codes(
                &[("volume", "10.5"), ("success_rate", "0.30")],
                "12",
                "",
                ""
            ),
            [Code::NotAnInteger]
        );
        assert_eq!(
            codes(
                &[("volume", "10000"), ("success_rate", "130%")],
                "12",
                "",
                ""
            ),
            [Code::RateOutOfRange]
        );
        assert_eq!(
            codes(&[("volume", "10000")], "12", "", ""),
            [Code::RateAndSuccessesMissing]
        );
        // The base month is checked as the bill checks a month.
        assert_eq!(
            codes(
                &[
                    ("volume", "100"),
                    ("success_rate", "0.3"),
                    ("sampled_records", "10"),
                    ("inaccurate_records", "11")
                ],
                "12",
                "",
                ""
            ),
            [Code::InaccurateExceedSampled]
        );
        // A step of points with more decimals than exact arithmetic keeps as a fraction.
        assert_eq!(
            codes(&ok, "12", "", "0.000000000000000000000000001"),
            [Code::TooPrecise]
        );
        // Growth past the largest count.
        assert_eq!(codes(&ok, "600", "1000", ""), [Code::TooLarge]);
        let problems = grow(&json(serde_json::json!({ "count": "x" }))).unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["count", "month"]);
    }

    #[test]
    fn big_rounds_half_away_from_zero_and_compares() {
        let b = Big::of(12_345_678_901_234_567_890);
        assert_eq!(b.rounded(1).whole(), None, "above 10^18");
        assert_eq!(b.rounded(2).whole(), Some(123_456_789_012_345_679));
        assert_eq!(b.rounded(10).whole(), Some(1_234_567_890));
        // 999999999 × 999999999 = 999999998000000001 (a carry into the next limb).
        let nines = Big::of(999_999_999);
        assert_eq!(nines.mul(&nines).whole(), Some(999_999_998_000_000_001));
        assert_eq!(Big::of(15).rounded(1).whole(), Some(2));
        assert_eq!(Big::of(14).rounded(1).whole(), Some(1));
        assert_eq!(Big::of(5).rounded(20).whole(), Some(0));
        assert_eq!(
            Big::pow10(30).minus(&Big::of(1)).plus(&Big::of(1)),
            Big::pow10(30)
        );
        assert!(Big::of(999_999_999_999_999_999).below(&Big::pow10(18)));
        assert!(!Big::pow10(18).below(&Big::pow10(18)));
        assert!(Big::of(5).below(&Big::of(6)) && !Big::of(6).below(&Big::of(5)));
        assert_eq!(Big::pow10(40).whole(), None);
    }
}
