//! Reading untrusted JSON field by field: every problem is collected with its path, so that all
//! of them are reported at once. Shared by the readers of the scenario (contract 1) and of the
//! 400-number account (contract 2), which add their own methods in their modules.
//!
//! The input is a `serde_json::Value` read with `arbitrary_precision`: a number keeps the text it
//! was written with, so no binary floating point reaches a money or rate path.

use crate::number;
use crate::problem::{join, Code, Problem};
use serde_json::Value;

/// Reads an input's JSON text, as the WASM binding receives it: a value, or `wrong_type` (expected
/// JSON) when the text is not JSON or nests deeper than 128 levels (serde_json's limit).
pub fn parse(text: &str) -> Result<Value, Problem> {
    serde_json::from_str(text).map_err(|e| {
        Problem::new(Code::WrongType)
            .with("expected", "JSON")
            .with("found", e.to_string())
    })
}

/// The value of `key` in an object; `None` for absent keys, for non-objects, and for values
/// that say "nothing": `null` and blank text (`""`, `"  "`), so that an emptied field means the
/// same as a field left out (required: `required`; optional: its default).
pub fn field<'a>(obj: &'a Value, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    })
}

/// A date's (year, month, day when written), as [`calendar_parts`] reads them.
pub(crate) type CalendarParts = (u32, u32, Option<u32>);

/// The year, month and (when written) day of a date as people type it, after
/// [`number::ascii_form`] (full-width digits read as ASCII) and trimming:
///
/// - `2027-03-31`, `2027-3-31`, `2027/3/31`, `2027.3.31`: the same separator twice;
/// - `2027年3月31日` (or `…31号`, or without the last sign);
/// - the month alone: `2027-03`, `2027-3`, `2027/3`, `2027.3`, `2027年3月`.
///
/// The year has four digits, the month and day one or two. Whether the date exists is the
/// caller's check (chrono's); `None` when the text has none of these shapes.
pub(crate) fn calendar_parts(text: &str) -> Option<CalendarParts> {
    let text = number::ascii_form(text);
    let text = text.trim();
    // At most four digits: the fold cannot overflow.
    let number = |t: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
    };
    let (year, month, day) = match text.split_once('年') {
        Some((year, rest)) => {
            let (month, day) = rest.split_once('月')?;
            let day = day.strip_suffix(['日', '号']).unwrap_or(day).trim();
            (year.trim(), month.trim(), (!day.is_empty()).then_some(day))
        }
        None => {
            let sep = text.chars().find(|c| !c.is_ascii_digit())?;
            if !['-', '/', '.'].contains(&sep) {
                return None;
            }
            let mut parts = text.split(sep);
            let (year, month, day) = (parts.next()?, parts.next()?, parts.next());
            if parts.next().is_some() {
                return None;
            }
            (year, month, day)
        }
    };
    let day = match day {
        Some(day) => Some(number(day, 1..=2)?),
        None => None,
    };
    Some((number(year, 4..=4)?, number(month, 1..=2)?, day))
}

/// What kind of value this is, for messages ("string", "object", …).
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A `wrong_type` problem: `expected` was wanted, `v` was found.
pub fn wrong_type(expected: &str, v: &Value) -> Problem {
    Problem::new(Code::WrongType)
        .with("expected", expected)
        .with("found", kind(v))
}

/// Collects every problem found while reading untrusted JSON, each with its path.
pub(crate) struct Reader {
    pub(crate) problems: Vec<Problem>,
}

impl Reader {
    /// Checks that `v` is an object; warns about fields outside `known`.
    pub(crate) fn object(&mut self, v: &Value, path: &str, known: &[&str]) -> bool {
        let Value::Object(entries) = v else {
            self.problems
                .push(wrong_type("object", v).at(path.to_owned()));
            return false;
        };
        for k in entries.keys() {
            if !known.contains(&k.as_str()) {
                self.problems.push(
                    Problem::warning(join(path, k), Code::UnknownField).with("field", k.as_str()),
                );
            }
        }
        true
    }

    /// Reads an optional field with `parse`; `None` when absent, and when wrong (problem noted).
    pub(crate) fn optional<T>(
        &mut self,
        obj: &Value,
        path: &str,
        key: &str,
        parse: impl FnOnce(&Value) -> Result<T, Problem>,
    ) -> Result<Option<T>, ()> {
        match field(obj, key) {
            None => Ok(None),
            Some(v) => parse(v)
                .map(Some)
                .map_err(|p| self.problems.push(p.at(join(path, key)))),
        }
    }

    /// Reads a field that falls back to `default` when absent.
    pub(crate) fn with_default<T>(
        &mut self,
        obj: &Value,
        path: &str,
        key: &str,
        default: T,
        parse: impl FnOnce(&Value) -> Result<T, Problem>,
    ) -> Option<T> {
        self.optional(obj, path, key, parse)
            .ok()
            .map(|v| v.unwrap_or(default))
    }

    /// Reads a required field.
    pub(crate) fn required<T>(
        &mut self,
        obj: &Value,
        path: &str,
        key: &str,
        parse: impl FnOnce(&Value) -> Result<T, Problem>,
    ) -> Option<T> {
        match self.optional(obj, path, key, parse) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                self.problems
                    .push(Problem::error(join(path, key), Code::Required));
                None
            }
            Err(()) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_keeps_numbers_as_written_and_refuses_the_rest() {
        let v = parse(r#"{"p": 2.50, "s": 0.30000000000000004, "t": 1e21}"#).unwrap();
        let text = |k: &str| v[k].as_number().unwrap().as_str().to_owned();
        assert_eq!(
            [text("p"), text("s"), text("t")],
            // serde_json writes an exponent with its sign; number::decimal moves it into the point.
            ["2.50", "0.30000000000000004", "1e+21"]
        );
        for bad in ["", "{", "NaN", "[1,]", &"[".repeat(200)] {
            let p = parse(bad).unwrap_err();
            assert_eq!(
                (p.code, p.params[0].1.as_str()),
                (Code::WrongType, "JSON"),
                "{bad}"
            );
        }
        assert!(parse(&format!("{}{}", "[".repeat(100), "]".repeat(100))).is_ok());
    }

    /// Dates as people type them: the (year, month, day) read, or `None`.
    #[test]
    fn calendar_parts_table() {
        let table: &[(&str, Option<CalendarParts>)] = &[
            ("2027-03-31", Some((2027, 3, Some(31)))),
            ("2027-3-31", Some((2027, 3, Some(31)))),
            ("2027/3/31", Some((2027, 3, Some(31)))),
            ("2027/03/31", Some((2027, 3, Some(31)))),
            ("2027.3.31", Some((2027, 3, Some(31)))),
            ("2027年3月31日", Some((2027, 3, Some(31)))),
            ("2027年03月31日", Some((2027, 3, Some(31)))),
            ("2027年3月31号", Some((2027, 3, Some(31)))),
            ("2027年3月31", Some((2027, 3, Some(31)))),
            (" 2027 年 3 月 31 日 ", Some((2027, 3, Some(31)))),
            ("２０２７年３月３１日", Some((2027, 3, Some(31)))),
            ("２０２７－０３－３１", Some((2027, 3, Some(31)))),
            ("２０２７／３／３１", Some((2027, 3, Some(31)))),
            ("\u{3000}2027-3-31\u{3000}", Some((2027, 3, Some(31)))),
            ("2026/1/1", Some((2026, 1, Some(1)))),
            ("2027-03", Some((2027, 3, None))),
            ("2027-3", Some((2027, 3, None))),
            ("2027/3", Some((2027, 3, None))),
            ("2027.3", Some((2027, 3, None))),
            ("2027年3月", Some((2027, 3, None))),
            ("２０２７年３月", Some((2027, 3, None))),
            // Not a date's shape: the caller says "not a valid date".
            ("2027-3/31", None),
            ("2027-03-31-01", None),
            ("27-3-31", None),
            ("02027-3-31", None),
            ("2027-003-31", None),
            ("2027-3-031", None),
            ("2027--31", None),
            ("2027-3-", None),
            ("2027 3 31", None),
            ("20270331", None),
            ("2027年", None),
            ("2027年3", None),
            ("2027年3月31日日", None),
            ("3/31/2027", None),
            ("二〇二七年三月", None),
            ("", None),
            ("-", None),
        ];
        for (text, want) in table {
            assert_eq!(calendar_parts(text), *want, "{text}");
        }
    }

    #[test]
    fn null_and_blank_text_read_as_absent() {
        let v: Value =
            serde_json::from_str(r#"{"a": 0.30, "d": null, "e": "  ", "f": "", "g": "x"}"#)
                .unwrap();
        assert_eq!(
            field(&v, "a")
                .and_then(Value::as_number)
                .map(|n| n.as_str()),
            Some("0.30")
        );
        for absent in ["d", "e", "f", "zz"] {
            assert_eq!(field(&v, absent), None, "{absent}");
        }
        assert_eq!(field(&v, "g"), Some(&Value::String("x".into())));
        assert_eq!(field(&Value::Null, "a"), None, "not an object");
    }
}
