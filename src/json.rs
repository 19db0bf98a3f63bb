//! An untrusted JSON-like value tree, read field by field so that every problem can be reported
//! with its path instead of failing on the first one.
//!
//! It deserializes from any serde source (serde-wasm-bindgen in the browser, serde_json in tests).
//! Numbers keep the shortest decimal text of the host's number, so `0.3` stays `"0.3"` and no
//! binary floating point reaches a money or rate path.

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
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value of `key` in an object; `None` for absent keys, for non-objects, and for values
    /// that say "nothing": `null` and blank text (`""`, `"  "`), so that an emptied field means
    /// the same as a field left out (required: `required`; optional: its default).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries
                .iter()
                .find(|(k, _)| k == key)
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
    /// Host numbers arrive as binary doubles; Rust prints the shortest text that reads back to
    /// the same double, which is the "shortest decimal form" of SPEC §6. Only that text is kept.
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(v.to_string()))
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
            entries.push((key, map.next_value()?));
        }
        Ok(Json::Object(entries))
    }
}

/// The key under which serde_json's `arbitrary_precision` passes a number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A number's text as JSON wrote it, in plain decimal form: exponents (`1e+21`, as
/// `JSON.stringify` writes large and small numbers) become the double's shortest decimal text,
/// as for any host number.
fn number_text(text: String) -> String {
    if text.contains(['e', 'E']) {
        text.parse::<f64>().map(|f| f.to_string()).unwrap_or(text)
    } else if text.starts_with('-') && text.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
        // −0 however written ("-0.0" is how serde_json writes the double) is the double's "-0".
        "-0".to_owned()
    } else {
        text
    }
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
