//! Reading decimal inputs (money, rates, counts) exactly, and writing money to the fen.
//!
//! Accepted text: an optional sign, digits, an optional decimal point and decimals. Thousands
//! separators are accepted only where they group correctly (`"1,000"`, `"12,345.60"`; not
//! `"1,00"`). Rates may end in `%`. Exponents (`"1e5"`), `NaN` and infinities are not numbers.

use crate::exact::{self, POW10};
use crate::json::Json;
use crate::problem::{Code, Problem};
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// The largest amount of money accepted in any field, CNY (one trillion).
pub const MONEY_MAX: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);
/// The largest count of records accepted in any field.
pub const COUNT_MAX: Decimal = MONEY_MAX;
/// The largest inaccuracy multiplier.
pub const MULTIPLIER_MAX: Decimal = Decimal::ONE_HUNDRED;

/// The text of a numeric input, or a `wrong_type` problem.
pub(crate) fn numeric_text(v: &Json) -> Result<&str, Problem> {
    match v {
        Json::Number(s) | Json::String(s) => Ok(s.as_str()),
        other => Err(Problem::new(Code::WrongType)
            .with("expected", "number")
            .with("found", other.kind())),
    }
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

/// Money: at most two decimals, not negative, at most [`MONEY_MAX`].
pub fn money(v: &Json) -> Result<Decimal, Problem> {
    let d = parse_decimal(numeric_text(v)?)?;
    if d.scale() > 2 && d.fract().normalize().scale() > 2 {
        return Err(Problem::new(Code::TooManyDecimals));
    }
    non_negative_at_most(d, MONEY_MAX)
}

/// A rate in [0, 1], written `"0.35"`, `0.35` or `"35%"`.
pub fn rate(v: &Json) -> Result<Decimal, Problem> {
    let text = numeric_text(v)?;
    let d = match text.trim().strip_suffix('%') {
        Some(pct) => parse_decimal(pct)?
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or_else(|| Problem::new(Code::TooLarge).with("max", "100%"))?,
        None => parse_decimal(text)?,
    };
    if d < Decimal::ZERO || d > Decimal::ONE {
        return Err(Problem::new(Code::RateOutOfRange).with("value", d));
    }
    Ok(d.normalize())
}

/// A count of records: a whole number, not negative, at most [`COUNT_MAX`].
pub fn count(v: &Json) -> Result<Decimal, Problem> {
    let d = parse_decimal(numeric_text(v)?)?;
    if !d.fract().is_zero() {
        return Err(Problem::new(Code::NotAnInteger));
    }
    non_negative_at_most(d.trunc(), COUNT_MAX)
}

/// A plain non-negative factor (the inaccuracy multiplier), at most `max`.
pub fn factor(v: &Json, max: Decimal) -> Result<Decimal, Problem> {
    let d = parse_decimal(numeric_text(v)?)?;
    non_negative_at_most(d.normalize(), max)
}

/// A whole number of days or months within `min..=max`.
pub fn small_int(v: &Json, min: u32, max: u32) -> Result<u32, Problem> {
    let d = parse_decimal(numeric_text(v)?)?;
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
    let mut r = match fen_fast(d) {
        Some(fen) => Decimal::new(fen, 2),
        None => d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
    };
    if r.is_zero() {
        r = Decimal::ZERO;
    }
    if r.scale() != 2 {
        r.rescale(2);
    }
    r
}

/// Whole fen of `d`, rounded half away from zero, in 64-bit integer arithmetic: the common case,
/// and much faster than general decimal rounding. `None` when it does not fit.
fn fen_fast(d: Decimal) -> Option<i64> {
    fen_of(i64::try_from(d.mantissa()).ok()?, d.scale())
}

/// Whole fen of `mantissa` × 10^−`scale`, rounded half away from zero; `None` when it does not
/// fit 64 bits.
#[inline]
pub fn fen_of(mantissa: i64, scale: u32) -> Option<i64> {
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

/// A decimal as text, digit for digit as rust_decimal's `Display` writes it (`"7500.00"`), with
/// a fast path for mantissas that fit 64 bits and no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text(pub Decimal);

impl Text {
    /// Writes the text into `buf` (from its end) and returns it; `None` when the mantissa needs
    /// more than 64 bits (then rust_decimal's own `Display` writes it).
    #[inline]
    fn digits(self, buf: &mut [u8; 48]) -> Option<&str> {
        // Only ASCII digits, '.' and '-' are written.
        std::str::from_utf8(self.ascii(buf)?).ok()
    }

    /// [`Text::digits`] as bytes.
    pub(crate) fn ascii(self, buf: &mut [u8; 48]) -> Option<&[u8]> {
        let d = self.0;
        let mantissa = u64::try_from(d.mantissa().unsigned_abs()).ok()?;
        let scale = d.scale() as usize;
        // Digits from the least significant, a '.' after `scale` of them and at least one digit
        // before it. 28 decimals and 20 digits leave room to spare in 48 bytes.
        let (mut m, mut written, mut at) = (mantissa, 0, buf.len());
        while m > 0 || written <= scale {
            if written == scale && scale > 0 {
                at -= 1;
                buf[at] = b'.';
            }
            // 32-bit division when it fits: much cheaper than 64-bit in WASM.
            let digit = match u32::try_from(m) {
                Ok(small) => {
                    m = u64::from(small / 10);
                    small % 10
                }
                Err(_) => {
                    let digit = (m % 10) as u32;
                    m /= 10;
                    digit
                }
            };
            at -= 1;
            buf[at] = b'0' + digit as u8;
            written += 1;
        }
        if d.is_sign_negative() && mantissa != 0 {
            at -= 1;
            buf[at] = b'-';
        }
        Some(&buf[at..])
    }
}

/// The texts of `values` joined by commas (`"0,0.0001,0.0002"`): a sweep's points cross to JS as
/// one string that JS splits, much cheaper than one string each.
pub fn joined(values: &[Decimal]) -> String {
    let mut out = Vec::with_capacity(values.len() * 10);
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match Text(*v).ascii(&mut [0; 48]) {
            Some(ascii) => out.extend_from_slice(ascii),
            None => out.extend_from_slice(v.to_string().as_bytes()),
        }
    }
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.digits(&mut [0; 48]) {
            Some(s) => f.write_str(s),
            None => fmt::Display::fmt(&self.0, f),
        }
    }
}

/// The newtype name under which [`Text`] serializes: the boundary's tape (src/tape.rs) takes the
/// decimal itself and finds a number it sent recently without writing its text; every other
/// serializer writes the newtype's content, the text.
pub const TEXT_NEWTYPE: &str = "callsettle::number::Text";

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(TEXT_NEWTYPE, &Digits(self.0))
    }
}

/// The content of [`Text`]'s newtype: the text, or, to a serializer that is not human-readable
/// (the tape asking for the number), the decimal's 128 bits (`Decimal::serialize`).
struct Digits(Decimal);

impl serde::Serialize for Digits {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            return s.serialize_u128(u128::from_le_bytes(Decimal::serialize(&self.0)));
        }
        match Text(self.0).digits(&mut [0; 48]) {
            Some(text) => s.serialize_str(text),
            None => s.collect_str(&self.0),
        }
    }
}

/// [`Text`] as a `String`.
pub fn text(d: Decimal) -> String {
    Text(d).to_string()
}

/// Serializes a decimal as its [`Text`] (for result fields).
pub fn serialize<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&Text(*d), s)
}

/// A decimal written without trailing zeros (`"0.3"`, `"3000"`), for formulas and counts.
pub fn plain(d: Decimal) -> String {
    text(d.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Json {
        Json::String(t.into())
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
        assert_eq!(code(money(&Json::Bool(true))), Code::WrongType);
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
        assert_eq!(
            rate(&Json::Number("0.3".into())).unwrap().to_string(),
            "0.3"
        );
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
        assert_eq!(small_int(&Json::Number("0".into()), 0, 3).unwrap(), 0);
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

    proptest::proptest! {
        #[test]
        fn text_is_display(mantissa: i64, wide: i128, scale in 0u32..=28) {
            let d = Decimal::new(mantissa, scale);
            proptest::prop_assert_eq!(text(d), d.to_string());
            let w = Decimal::try_from_i128_with_scale(wide >> 33, scale).unwrap();
            proptest::prop_assert_eq!(text(w), w.to_string());
        }
    }

    #[test]
    fn limits_are_what_they_say() {
        assert_eq!(MONEY_MAX, Decimal::from(1_000_000_000_000u64));
    }

    proptest::proptest! {
        #[test]
        fn fast_fen_rounding_equals_general_rounding(mantissa: i64, scale in 0u32..=20) {
            let d = Decimal::new(mantissa, scale);
            let general = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            proptest::prop_assert_eq!(to_fen(d), general);
            proptest::prop_assert_eq!(to_fen(d).scale(), 2);
        }
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
}
