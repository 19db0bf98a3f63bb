//! An untrusted JSON-like value tree, read field by field so that every problem can be reported
//! with its path instead of failing on the first one.
//!
//! It is read from JSON text by [`parse`] (the WASM binding, share links) or deserialized from any
//! serde source (serde_json in tests).
//! Numbers keep the shortest decimal text of the host's number, so `0.3` stays `"0.3"` and no
//! binary floating point reaches a money or rate path.

mod parse;
mod write;

pub use parse::{parse, ParseError};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// How deeply arrays and objects may nest. A scenario needs 4 levels; the limit turns a cyclic
/// or absurdly deep host value into an error instead of a stack overflow.
pub const MAX_DEPTH: u32 = 32;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Counts one level of nesting while alive.
struct Nesting;

impl Nesting {
    fn enter<E: serde::de::Error>() -> Result<Nesting, E> {
        let depth = DEPTH.with(|d| {
            d.set(d.get() + 1);
            d.get()
        });
        let guard = Nesting;
        if depth > MAX_DEPTH {
            return Err(E::custom(format_args!(
                "nested deeper than {MAX_DEPTH} levels"
            )));
        }
        Ok(guard)
    }
}

impl Drop for Nesting {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get() - 1));
    }
}

/// A JSON value as it came in. Object entries keep their order (and any duplicate keys).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A host number, as its shortest decimal text ("0.3", "10000", "NaN", "inf").
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(Key, Json)>),
}

/// An object key, held in place when it fits (every key a scenario has): parsing a scenario
/// allocated a `String` per key, half of its allocations.
#[derive(Clone, PartialEq, Eq)]
pub struct Key(KeyText);

#[derive(Clone, PartialEq, Eq)]
enum KeyText {
    Inline { len: u8, bytes: [u8; Key::INLINE] },
    Heap(Box<str>),
}

impl Key {
    const INLINE: usize = 22;

    #[inline]
    pub fn new(s: &str) -> Key {
        let b = s.as_bytes();
        Key(if b.len() <= Key::INLINE {
            let mut bytes = [0; Key::INLINE];
            // A loop, not `copy_from_slice`: faster in the wasm for a short key.
            for (to, &from) in bytes.iter_mut().zip(b) {
                *to = from;
            }
            KeyText::Inline {
                len: b.len() as u8,
                bytes,
            }
        } else {
            KeyText::Heap(s.into())
        })
    }

    /// The key's UTF-8 bytes (compared without making a `str`).
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            KeyText::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or_default(),
            KeyText::Heap(s) => s.as_bytes(),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Whole characters of a `str` were copied in: always valid.
            KeyText::Inline { .. } => std::str::from_utf8(self.as_bytes()).unwrap_or_default(),
            KeyText::Heap(s) => s,
        }
    }

    /// Whether the key is `s`, compared in place.
    pub fn is(&self, s: &str) -> bool {
        crate::bytes::equal(self.as_bytes(), s.as_bytes())
    }
}

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Key {
    fn from(s: &str) -> Key {
        Key::new(s)
    }
}

impl From<String> for Key {
    fn from(s: String) -> Key {
        Key::new(&s)
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.is(other)
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.is(other)
    }
}

impl Json {
    /// The value of `key` in an object; `None` for absent keys, for non-objects, and for values
    /// that say "nothing": `null` and blank text (`""`, `"  "`), so that an emptied field means
    /// the same as a field left out (required: `required`; optional: its default).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries
                .iter()
                .find(|(k, _)| k.is(key))
                .map(|(_, v)| v)
                .filter(|v| !v.is_nothing()),
            _ => None,
        }
    }

    fn is_nothing(&self) -> bool {
        match self {
            Json::Null => true,
            Json::String(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// What kind of value this is, for messages ("string", "object", …).
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "boolean",
            Json::Number(_) => "number",
            Json::String(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) => "object",
        }
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.to_string()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Json, E> {
        Ok(Json::Number(v.to_string()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Json, E> {
        Ok(Json::Number(v.to_string()))
    }
    /// Host numbers arrive as binary doubles; zmij prints the shortest text that reads back to
    /// the same double, which is the "shortest decimal form" of SPEC §6 (non-finite ones as
    /// "NaN", "inf", "-inf"). Only that text is kept, in plain decimal form.
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format(v);
        // zmij writes whole numbers as "10000.0"; JS and Rust write "10000".
        let text = text.strip_suffix(".0").unwrap_or(text);
        Ok(Json::Number(number_text(text.to_owned())))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let _level = Nesting::enter::<A::Error>()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let _level = Nesting::enter::<A::Error>()?;
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            // serde_json (arbitrary_precision) hands a number over as this one-entry map.
            if entries.is_empty() && key == NUMBER_TOKEN {
                return Ok(Json::Number(number_text(map.next_value()?)));
            }
            entries.push((Key::from(key), map.next_value()?));
        }
        Ok(Json::Object(entries))
    }
}

/// The key under which serde_json's `arbitrary_precision` passes a number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A number's text as JSON wrote it, in plain decimal form. An exponent (`1e+21`, `1.5e-7`, as
/// `JSON.stringify` writes large and small numbers) moves the decimal point of the digits as
/// written, so the digits of the host's shortest form are kept exactly. Exponents beyond ±400
/// are clamped: every reader rejects such a number anyway (too large, or too many decimals), and
/// the text stays short.
fn number_text(text: String) -> String {
    if let Some((mantissa, exponent)) = text.split_once(['e', 'E']) {
        expand_exponent(mantissa, exponent).unwrap_or(text)
    } else if text.starts_with('-') && text.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
        // −0 however written ("-0.0" is how serde_json writes the double) is the double's "-0".
        "-0".to_owned()
    } else {
        text
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
        // 0 < point < n, and `digits` is ASCII: always a split (checked: no str-index panic in
        // the wasm).
        let (a, b) = digits.split_at_checked(point as usize)?;
        format!("{sign}{a}.{b}")
    })
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_shortest_decimal_text() {
        let v: Json =
            serde_json::from_str(r#"{"a": 0.3, "b": 10000, "c": -1.5e3, "d": null, "f": 1e21, "g": 0.30000000000000004}"#).unwrap();
        assert_eq!(v.get("a"), Some(&Json::Number("0.3".into())));
        assert_eq!(v.get("b"), Some(&Json::Number("10000".into())));
        assert_eq!(v.get("c"), Some(&Json::Number("-1500".into())));
        assert_eq!(v.get("d"), None, "null reads as absent");
        assert_eq!(
            v.get("f"),
            Some(&Json::Number("1000000000000000000000".into()))
        );
        assert_eq!(
            v.get("g"),
            Some(&Json::Number("0.30000000000000004".into()))
        );
        assert_eq!(v.get("e"), None, "blank text reads as absent");
        assert_eq!(v.get("zz"), None);
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
            assert_eq!(number_text(text.into()), want, "{text}");
        }
        for bad in ["1e", "e5", "1e+", "1.e5x", "abc", "1e5.5"] {
            assert_eq!(
                number_text(bad.into()),
                bad,
                "{bad} is left for the reader to reject"
            );
        }
    }

    #[test]
    fn host_doubles_keep_their_shortest_text() {
        let text = |v: f64| match JsonVisitor.visit_f64::<serde_json::Error>(v).unwrap() {
            Json::Number(t) => t,
            other => panic!("{other:?}"),
        };
        assert_eq!(text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(text(1e21), "1000000000000000000000");
        assert_eq!(text(1.5e-7), "0.00000015");
        assert_eq!(text(2.5), "2.5");
        assert_eq!(text(10000.0), "10000");
        assert_eq!(text(f64::NAN), "NaN");
        assert_eq!(text(f64::NEG_INFINITY), "-inf");
        assert_eq!(text(-0.0), "-0");
    }

    #[test]
    fn nesting_is_limited_and_the_count_recovers() {
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        let err = serde_json::from_str::<Json>(&deep).unwrap_err();
        assert!(err.to_string().contains("nested deeper"), "{err}");
        let ok = format!("{}{}", "[".repeat(30), "]".repeat(30));
        assert!(
            serde_json::from_str::<Json>(&ok).is_ok(),
            "the depth count was reset after the error"
        );
    }
}
