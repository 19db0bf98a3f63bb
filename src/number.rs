//! Reading decimal inputs (money, rates, counts) exactly, and writing money to the fen.
//!
//! Accepted text: an optional sign, digits, an optional decimal point and decimals. Thousands
//! separators are accepted only where they group correctly (`"1,000"`, `"12,345.60"`; not
//! `"1,00"`). Rates may end in `%`. Exponents (`"1e5"`), `NaN` and infinities are not numbers.
//!
//! Text typed with a Chinese input method reads as its ASCII form ([`ascii_form`]): full-width
//! digits and signs (`"２．８０"`, `"35％"`, `"１，０００"`, `"－5"`) and the ideographic space.

use crate::problem::{Code, Problem};
use crate::reader::wrong_type;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use std::borrow::Cow;

/// The largest amount of money accepted in any field, CNY (one trillion).
pub const MONEY_MAX: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);
/// The largest count of records accepted in any field.
pub const COUNT_MAX: Decimal = MONEY_MAX;
/// The largest inaccuracy multiplier.
pub const MULTIPLIER_MAX: Decimal = Decimal::ONE_HUNDRED;

/// The text of a numeric input (a JSON number's digits in plain form, or a string), or a
/// `wrong_type` problem.
pub(crate) fn numeric_text(v: &Value) -> Result<Cow<'_, str>, Problem> {
    match v {
        Value::Number(n) => Ok(plain_form(n.as_str())),
        Value::String(s) => Ok(ascii_form(s)),
        other => Err(wrong_type("number", other)),
    }
}

/// Text as a Chinese input method types it, in its ASCII form: the full-width forms of ASCII
/// (U+FF01–U+FF5E: `０`–`９`, `．`, `，`, `％`, `－`, `＋` …) become the ASCII characters they
/// stand for (U+0021–U+007E), and the ideographic space (U+3000) a space; the same mapping as
/// Unicode NFKC gives these characters, without its tables. Other text is returned as it is
/// (borrowed: ASCII input costs nothing).
pub fn ascii_form(text: &str) -> Cow<'_, str> {
    const FULL_WIDTH: std::ops::RangeInclusive<char> = '\u{FF01}'..='\u{FF5E}';
    if !text
        .chars()
        .any(|c| FULL_WIDTH.contains(&c) || c == '\u{3000}')
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                // U+FF01 − 0xFEE0 = U+0021: every char of the block maps into ASCII.
                c if FULL_WIDTH.contains(&c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
    )
}

/// A JSON number as plain decimal text: the digits as written, with an exponent (`1.5e-7`, how
/// JSON writes very large and very small host numbers) moved into the decimal point
/// (`0.00000015`). Exponents beyond ±400 are clamped: every reader rejects such a number anyway
/// (too large, or too many decimals), and the text stays short. JSON's grammar guarantees the
/// shape; anything else is left as it is for the reader to reject.
fn plain_form(text: &str) -> Cow<'_, str> {
    match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            expand_exponent(mantissa, exponent).map_or(Cow::Borrowed(text), Cow::Owned)
        }
        None => Cow::Borrowed(text),
    }
}

/// `mantissa × 10^exponent` in plain decimal text; `None` when either part is not a number.
fn expand_exponent(mantissa: &str, exponent: &str) -> Option<String> {
    const LIMIT: i64 = 400;
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let digits_only = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let exp_digits = exponent.strip_prefix('-').unwrap_or(exponent);
    if int.is_empty()
        || exp_digits.is_empty()
        || ![int, frac, exp_digits].into_iter().all(digits_only)
    {
        return None;
    }
    let magnitude = exp_digits
        .trim_start_matches('0')
        .parse::<i64>()
        .map_or(LIMIT, |m| m.min(LIMIT));
    let shift = if exponent.starts_with('-') {
        -magnitude
    } else {
        magnitude
    };
    let digits = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    if digits.trim_end_matches('0').is_empty() {
        return Some(if sign.is_empty() { "0" } else { "-0" }.to_owned());
    }
    // Where the decimal point falls, counted from the first significant digit.
    let leading_zeros = int.len() + frac.len() - digits.len();
    let point = int.len() as i64 - leading_zeros as i64 + shift;
    let n = digits.len() as i64;
    Some(if point <= 0 {
        format!(
            "{sign}0.{}{digits}",
            "0".repeat(point.unsigned_abs() as usize)
        )
    } else if point >= n {
        format!("{sign}{digits}{}", "0".repeat((point - n) as usize))
    } else {
        let (a, b) = digits.split_at_checked(point as usize)?;
        format!("{sign}{a}.{b}")
    })
}

/// Parses decimal text exactly, in one pass. Errors carry `not_a_number` or `too_large`.
pub fn parse_decimal(text: &str) -> Result<Decimal, Problem> {
    let not_a_number = || Problem::new(Code::NotANumber).with("value", shorten(text));
    let too_large = || Problem::new(Code::TooLarge).with("max", MONEY_MAX);
    let b = text.trim().as_bytes();
    let (negative, body) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let (int_part, frac_part) = match body.iter().position(|&c| c == b'.') {
        Some(dot) => (&body[..dot], Some(&body[dot + 1..])),
        None => (body, None),
    };
    if !grouped_correctly(int_part)
        || frac_part.is_some_and(|f| f.is_empty() || !f.iter().all(u8::is_ascii_digit))
    {
        return Err(not_a_number());
    }
    let mut mantissa: u128 = 0;
    let mut significant_int_digits = 0;
    for &c in int_part.iter().filter(|c| c.is_ascii_digit()) {
        if mantissa > 0 || c != b'0' {
            significant_int_digits += 1;
        }
        mantissa = mantissa * 10 + u128::from(c - b'0');
        if significant_int_digits > 15 {
            return Err(too_large());
        }
    }
    // The integer part is at most 15 digits, so only the decimals can exceed exact arithmetic.
    let too_precise = || Problem::new(Code::TooPrecise).with("max", 28);
    let frac = frac_part.unwrap_or_default();
    for &c in frac {
        mantissa = mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(u128::from(c - b'0')))
            .ok_or_else(too_precise)?;
    }
    let signed = i128::try_from(mantissa).map_err(|_| too_precise())?;
    let scale = u32::try_from(frac.len()).map_err(|_| too_precise())?;
    Decimal::try_from_i128_with_scale(if negative { -signed } else { signed }, scale)
        .map_err(|_| too_precise())
}

/// An integer part: digits, or digits grouped by thousands separators (`1,000`, `12,345,678`).
fn grouped_correctly(int_part: &[u8]) -> bool {
    if int_part.is_empty() {
        return false;
    }
    if !int_part.contains(&b',') {
        return int_part.iter().all(u8::is_ascii_digit);
    }
    let mut groups = int_part.split(|&c| c == b',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.iter().all(u8::is_ascii_digit));
    first_ok && groups.all(|g| g.len() == 3 && g.iter().all(u8::is_ascii_digit))
}

/// Long garbage is cut for messages.
fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        s.push('…');
    }
    s
}

/// Any decimal, exactly, written as a JSON number or as text.
pub fn decimal(v: &Value) -> Result<Decimal, Problem> {
    parse_decimal(&numeric_text(v)?)
}

/// Money that may be negative (a wanted total, a policy's limit on one): at most two decimals.
pub fn signed_money(v: &Value) -> Result<Decimal, Problem> {
    let d = decimal(v)?;
    if d.scale() > 2 && d.fract().normalize().scale() > 2 {
        return Err(Problem::new(Code::TooManyDecimals));
    }
    Ok(d)
}

/// Money: at most two decimals, not negative, at most [`MONEY_MAX`].
pub fn money(v: &Value) -> Result<Decimal, Problem> {
    non_negative_at_most(signed_money(v)?, MONEY_MAX)
}

/// A rate in [0, 1], written `"0.35"`, `0.35` or `"35%"`.
pub fn rate(v: &Value) -> Result<Decimal, Problem> {
    let text = numeric_text(v)?;
    let d = match text.trim().strip_suffix('%') {
        Some(pct) => parse_decimal(pct)?
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or_else(|| Problem::new(Code::TooLarge).with("max", "100%"))?,
        None => parse_decimal(&text)?,
    };
    if d < Decimal::ZERO || d > Decimal::ONE {
        return Err(Problem::new(Code::RateOutOfRange).with("value", d));
    }
    Ok(d.normalize())
}

/// A count of records: a whole number, not negative, at most [`COUNT_MAX`].
pub fn count(v: &Value) -> Result<Decimal, Problem> {
    let d = parse_decimal(&numeric_text(v)?)?;
    if !d.fract().is_zero() {
        return Err(Problem::new(Code::NotAnInteger));
    }
    non_negative_at_most(d.trunc(), COUNT_MAX)
}

/// A plain non-negative factor (the inaccuracy multiplier), at most `max`.
pub fn factor(v: &Value, max: Decimal) -> Result<Decimal, Problem> {
    let d = parse_decimal(&numeric_text(v)?)?;
    non_negative_at_most(d.normalize(), max)
}

/// A whole number of days or months within `min..=max`.
pub fn small_int(v: &Value, min: u32, max: u32) -> Result<u32, Problem> {
    let d = parse_decimal(&numeric_text(v)?)?;
    if !d.fract().is_zero() {
        return Err(Problem::new(Code::NotAnInteger));
    }
    if d < Decimal::from(min) || d > Decimal::from(max) {
        return Err(Problem::new(Code::OutOfRange)
            .with("min", min)
            .with("max", max));
    }
    // Within min..=max, so the normalized mantissa is the whole value and fits.
    Ok(d.normalize().mantissa().unsigned_abs() as u32)
}

fn non_negative_at_most(d: Decimal, max: Decimal) -> Result<Decimal, Problem> {
    if d.is_sign_negative() && !d.is_zero() {
        Err(Problem::new(Code::Negative))
    } else if d > max {
        Err(Problem::new(Code::TooLarge).with("max", max))
    } else {
        Ok(d.abs())
    }
}

/// Rounds half away from zero (四舍五入) to the fen and writes two decimals; never `-0.00`.
pub fn to_fen(d: Decimal) -> Decimal {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if r.is_zero() {
        r = Decimal::ZERO;
    }
    r.rescale(2);
    r
}

/// A decimal written without trailing zeros (`"0.3"`, `"3000"`), for formulas and counts.
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Value {
        Value::String(t.into())
    }
    /// A JSON number, as its text.
    fn n(t: &str) -> Value {
        serde_json::from_str(t).unwrap()
    }
    fn code(r: Result<Decimal, Problem>) -> Code {
        r.unwrap_err().code
    }

    #[test]
    fn money_table() {
        let ok = [
            ("2.50", "2.50"),
            ("1,000", "1000"),
            ("12,345.6", "12345.6"),
            (" 7 ", "7"),
            ("+3", "3"),
            ("-0", "0"),
            ("999999.99", "999999.99"),
            ("1.000", "1.000"),
        ];
        for (text, want) in ok {
            assert_eq!(money(&s(text)).unwrap().to_string(), want, "{text}");
        }
        let bad = [
            ("", Code::NotANumber),
            ("abc", Code::NotANumber),
            ("1,00", Code::NotANumber),
            ("1,0000", Code::NotANumber),
            (",100", Code::NotANumber),
            ("1e5", Code::NotANumber),
            ("NaN", Code::NotANumber),
            ("inf", Code::NotANumber),
            ("1.", Code::NotANumber),
            (".5", Code::NotANumber),
            ("1.234", Code::TooManyDecimals),
            ("-1", Code::Negative),
            ("1000000000000.01", Code::TooLarge),
            ("1234567890123456789012345678901234567890", Code::TooLarge),
            ("0.12345678901234567890123456789", Code::TooPrecise),
        ];
        for (text, want) in bad {
            assert_eq!(code(money(&s(text))), want, "{text}");
        }
        assert_eq!(code(money(&Value::Bool(true))), Code::WrongType);
    }

    #[test]
    fn rate_table() {
        for (text, want) in [
            ("0.35", "0.35"),
            ("35%", "0.35"),
            ("35.5 %", "0.355"),
            ("100%", "1"),
            ("0", "0"),
        ] {
            assert_eq!(rate(&s(text)).unwrap().to_string(), want, "{text}");
        }
        for text in ["1.01", "101%", "-0.1", "-1%"] {
            assert_eq!(code(rate(&s(text))), Code::RateOutOfRange, "{text}");
        }
        assert_eq!(rate(&n("0.3")).unwrap().to_string(), "0.3");
    }

    #[test]
    fn count_table() {
        assert_eq!(count(&s("10,000")).unwrap(), Decimal::from(10_000));
        assert_eq!(count(&s("10000.00")).unwrap(), Decimal::from(10_000));
        assert_eq!(code(count(&s("1.5"))), Code::NotAnInteger);
        assert_eq!(code(count(&s("-3"))), Code::Negative);
        assert_eq!(code(count(&s("1000000000001"))), Code::TooLarge);
    }

    #[test]
    fn small_int_table() {
        assert_eq!(small_int(&s("31"), 1, 31).unwrap(), 31);
        assert_eq!(small_int(&s("5.0"), 1, 31).unwrap(), 5);
        assert_eq!(small_int(&n("0"), 0, 3).unwrap(), 0);
        assert_eq!(
            small_int(&s("32"), 1, 31).unwrap_err().code,
            Code::OutOfRange
        );
        assert_eq!(
            small_int(&s("-1"), 1, 31).unwrap_err().code,
            Code::OutOfRange
        );
        assert_eq!(
            small_int(&s("99999999999"), 1, 31).unwrap_err().code,
            Code::OutOfRange
        );
        assert_eq!(
            small_int(&s("2.5"), 1, 31).unwrap_err().code,
            Code::NotAnInteger
        );
    }

    /// Full-width forms from a Chinese input method read as the ASCII text they stand for.
    #[test]
    fn full_width_table() {
        let forms = [
            ("２．８０", "2.80"),
            ("３５％", "35%"),
            ("35％", "35%"),
            ("２００００", "20000"),
            ("１，０００", "1,000"),
            ("－５", "-5"),
            ("＋３", "+3"),
            ("\u{3000}７\u{3000}", " 7 "),
            ("12，345．6", "12,345.6"),
            ("2.80", "2.80"),
            ("二点八", "二点八"),
        ];
        for (text, want) in forms {
            assert_eq!(ascii_form(text), want, "{text}");
        }
        assert!(matches!(ascii_form("2.80"), Cow::Borrowed(_)));
        let money_ok = [
            ("２．８０", "2.80"),
            ("２００００", "20000"),
            ("１，０００", "1000"),
            ("１２，３４５．６", "12345.6"),
            ("\u{3000}７\u{3000}", "7"),
            ("＋３", "3"),
        ];
        for (text, want) in money_ok {
            assert_eq!(money(&s(text)).unwrap().to_string(), want, "{text}");
        }
        let bad = [
            ("－１", Code::Negative),
            ("１，００", Code::NotANumber),
            ("２。８０", Code::NotANumber),
            ("１ｅ５", Code::NotANumber),
        ];
        for (text, want) in bad {
            assert_eq!(code(money(&s(text))), want, "{text}");
        }
        for (text, want) in [
            ("３５％", "0.35"),
            ("35％", "0.35"),
            ("０．３５", "0.35"),
            ("１００％", "1"),
        ] {
            assert_eq!(rate(&s(text)).unwrap().to_string(), want, "{text}");
        }
        assert_eq!(count(&s("２００００")).unwrap(), Decimal::from(20_000));
        assert_eq!(count(&s("１０，０００")).unwrap(), Decimal::from(10_000));
        assert_eq!(small_int(&s("３１"), 1, 31).unwrap(), 31);
        // The message quotes the text read.
        let p = money(&s("２ａ")).unwrap_err();
        assert_eq!(p.params[0].1, "2a");
    }

    #[test]
    fn limits_are_what_they_say() {
        assert_eq!(MONEY_MAX, Decimal::from(1_000_000_000_000u64));
    }

    #[test]
    fn fen_rounding_is_half_away_from_zero() {
        for (x, want) in [
            ("0.005", "0.01"),
            ("-0.005", "-0.01"),
            ("0.004", "0.00"),
            ("-0.004", "0.00"),
            ("7500", "7500.00"),
            ("2.675", "2.68"),
        ] {
            assert_eq!(to_fen(x.parse().unwrap()).to_string(), want, "{x}");
        }
    }

    #[test]
    fn json_numbers_read_as_their_digits() {
        for (text, want) in [
            ("0.30", "0.30"),
            ("10000", "10000"),
            ("-1.5e3", "-1500"),
            ("1e21", "1000000000000000000000"),
            ("0.30000000000000004", "0.30000000000000004"),
        ] {
            assert_eq!(numeric_text(&n(text)).unwrap(), want, "{text}");
        }
        assert_eq!(money(&n("1234.56")).unwrap().to_string(), "1234.56");
        assert_eq!(code(money(&n("1e21"))), Code::TooLarge);
        assert_eq!(code(rate(&n("5e-324"))), Code::TooPrecise);
    }

    #[test]
    fn exponents_move_the_point_of_the_digits_as_written() {
        let table = [
            ("1e21", "1000000000000000000000"),
            ("1e+21", "1000000000000000000000"),
            ("-1.5e3", "-1500"),
            ("1.5e-7", "0.00000015"),
            ("2.50E1", "25.0"),
            ("0.05e2", "5"),
            ("0.0e5", "0"),
            ("-0e0", "-0"),
            ("123e-1", "12.3"),
            ("5e-324", &format!("0.{}5", "0".repeat(323))),
            ("1e400", &format!("1{}", "0".repeat(400))),
            ("1e99999999999999999999", &format!("1{}", "0".repeat(400))),
            ("1e-99999", &format!("0.{}1", "0".repeat(399))),
        ];
        for (text, want) in table {
            assert_eq!(plain_form(text), want, "{text}");
        }
        for bad in ["1e", "e5", "1e+", "1.e5x", "abc", "1e5.5"] {
            assert_eq!(
                plain_form(bad),
                bad,
                "{bad} is left for the reader to reject"
            );
        }
    }
}
