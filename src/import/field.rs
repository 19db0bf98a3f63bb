//! Reading one field of a results-file row (docs/rules.md "Results import"): times, whole seconds, customer numbers,
//! dispositions. Fields are bytes (a caller-ID may hold bytes that are not UTF-8); every reader
//! ignores spaces around the value and returns `None` for what it cannot read.

use chrono::{Datelike, NaiveDate};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// The field without ASCII spaces, tabs and line ends around it.
pub fn trim(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// A time `YYYY-MM-DD HH:MM:SS` (also `T` between date and time, `/` in the date, and decimals
/// of a second, which are dropped) as seconds since 0001-01-01 00:00:00 of its own clock. A date
/// or time that does not exist (2026-02-30, 24:00:00) is `None`.
pub fn timestamp(b: &[u8]) -> Option<i64> {
    let b = trim(b);
    if b.len() < 19 {
        return None;
    }
    let (stamp, rest) = b.split_at(19);
    if !(rest.is_empty() || (rest[0] == b'.' && rest[1..].iter().all(u8::is_ascii_digit))) {
        return None;
    }
    let date_sep = stamp[4];
    let separators = [
        (4, date_sep),
        (7, date_sep),
        (10, stamp[10]),
        (13, b':'),
        (16, b':'),
    ];
    if !(date_sep == b'-' || date_sep == b'/')
        || !(stamp[10] == b' ' || stamp[10] == b'T')
        || separators.iter().any(|&(i, c)| stamp[i] != c)
    {
        return None;
    }
    let num = |from: usize, to: usize| digits(&stamp[from..to]);
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0, 4)?).ok()?, num(5, 7)?, num(8, 10)?)?;
    let (h, m, s) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(i64::from(date.num_days_from_ce()) * DAY + i64::from(h * 3600 + m * 60 + s))
}

/// The month (`YYYY-MM`) of a time from [`timestamp`], `shift` seconds later.
pub fn month_of(seconds: i64, shift: i64) -> (i32, u32) {
    let days = (seconds + shift).div_euclid(DAY);
    let date = i32::try_from(days)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MIN);
    (date.year(), date.month())
}

/// Digits only (1 to 9 of them) as a number.
fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')))
}

/// Whole seconds (duration, billsec, sequence): digits only, quoted or not, at most 9 of them.
pub fn seconds(b: &[u8]) -> Option<u32> {
    digits(trim(b))
}

/// A customer number: 3–20 digits after an optional `+`, as a key that tells every such text
/// apart (`0123` and `123` are different numbers). `None` for anything else (an extension name
/// like `ch1`, `s`, an empty field, a number with dashes).
pub fn customer_number(b: &[u8]) -> Option<u128> {
    let b = trim(b);
    let (plus, body) = match b.split_first() {
        Some((b'+', rest)) => (1, rest),
        _ => (0, b),
    };
    if !(3..=20).contains(&body.len()) || !body.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // 20 digits are below 2^67: the value, its length (leading zeros) and the plus fit in 128 bits.
    let value = body
        .iter()
        .fold(0u128, |n, &c| n * 10 + u128::from(c - b'0'));
    Some((value << 8) | ((body.len() as u128) << 1) | plus)
}

/// Whether a disposition (outcome) is ANSWERED; `None` when it is none of ANSWERED, NO ANSWER,
/// BUSY, FAILED, CONGESTION (exactly so written, as Asterisk writes them).
pub fn answered(b: &[u8]) -> Option<bool> {
    match trim(b) {
        b"ANSWERED" => Some(true),
        b"NO ANSWER" | b"BUSY" | b"FAILED" | b"CONGESTION" => Some(false),
        _ => None,
    }
}

/// The success flag of the product's results CSV: `1` or `0`.
pub fn flag(b: &[u8]) -> Option<bool> {
    match trim(b) {
        b"1" => Some(true),
        b"0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        let t = timestamp(b"2026-03-01 00:00:00").unwrap();
        assert_eq!(timestamp(b"2026-03-01 00:00:59"), Some(t + 59));
        assert_eq!(timestamp(b" 2026-02-28 23:59:59 "), Some(t - 1));
        assert_eq!(timestamp(b"2026-03-01T00:00:00"), Some(t));
        assert_eq!(timestamp(b"2026/03/01 00:00:00"), Some(t));
        assert_eq!(timestamp(b"2026-03-01 00:00:00.250"), Some(t));
        for bad in [
            &b""[..],
            b"2026-02-29 10:00:00",
            b"2026-03-01 24:00:00",
            b"2026-03-01 10:60:00",
            b"2026-3-01 10:00:00",
            b"2026-03-01 10:00",
            b"2026-03/01 10:00:00",
            b"2026-03-01 10:00:00Z",
            b"01/03/2026 10:00:00",
        ] {
            assert_eq!(timestamp(bad), None, "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(
            timestamp(b"2028-02-29 10:00:00").map(|s| month_of(s, 0)),
            Some((2028, 2))
        );
    }

    #[test]
    fn months_in_a_shifted_clock() {
        let t = timestamp(b"2026-01-31 16:00:00").unwrap();
        assert_eq!(month_of(t, 0), (2026, 1));
        assert_eq!(month_of(t - 1, 8 * 3600), (2026, 1));
        assert_eq!(month_of(t, 8 * 3600), (2026, 2));
    }

    #[test]
    fn customer_numbers() {
        for ok in [
            "13800138000",
            "+8613800138000",
            "110",
            "01012345678",
            " 95588 ",
        ] {
            assert!(customer_number(ok.as_bytes()).is_some(), "{ok}");
        }
        for bad in [
            "ch1",
            "s",
            "",
            "12",
            "+",
            "123456789012345678901",
            "010-1234567",
            "+-123",
        ] {
            assert_eq!(customer_number(bad.as_bytes()), None, "{bad}");
        }
        let key = |s: &str| customer_number(s.as_bytes()).unwrap();
        assert_ne!(key("0123"), key("123"));
        assert_ne!(key("+123"), key("123"));
        assert_eq!(key("99999999999999999999"), key(" 99999999999999999999"));
    }

    #[test]
    fn dispositions_and_numbers() {
        assert_eq!(answered(b"ANSWERED"), Some(true));
        assert_eq!(answered(b"NO ANSWER"), Some(false));
        assert_eq!(answered(b"answered"), None);
        assert_eq!(answered(b"UNKNOWN"), None);
        assert_eq!(seconds(b" 60"), Some(60));
        assert_eq!(seconds(b"-1"), None);
        assert_eq!(seconds(b"1.5"), None);
        assert_eq!(flag(b"1"), Some(true));
        assert_eq!(flag(b"yes"), None);
    }
}
