//! Reading untrusted JSON field by field: every problem is collected with its path, so that all
//! of them are reported at once. Shared by the readers of the scenario (contract 1) and of the
//! 400-number account (contract 2), which add their own methods in their modules.
//!
//! The input is a `serde_json::Value` read with `arbitrary_precision`: a number keeps the text it
//! was written with, so no binary floating point reaches a money or rate path.

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
