//! JSON text (RFC 8259) into a [`Json`] tree, in one pass over the bytes.
//!
//! Why not serde_json here: the scenario crosses the WASM boundary as JSON text on every
//! keystroke, and this reader is about 3× faster than deserializing through serde (no visitor
//! round trips; numbers are kept as the text they are, which is what [`Json::Number`] holds
//! anyway), and it keeps serde_json's deserializer and core's float formatting out of the wasm.
//! Tests check it against serde_json on arbitrary documents.
//!
//! Choices beyond the RFC: nesting deeper than [`MAX_DEPTH`] is an error; a `\u` escape of a
//! lone surrogate (which `JSON.stringify` writes for a lone surrogate in a JS string) reads as
//! U+FFFD; duplicate keys are all kept, in order.

use super::{number_text, Json, Key, MAX_DEPTH};
use std::fmt;

/// Why a text is not JSON, and where (byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub reason: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} at byte {}", self.reason, self.offset)
    }
}

impl std::error::Error for ParseError {}

/// Reads a whole JSON text: one value, optionally surrounded by whitespace.
pub fn parse(text: &str) -> Result<Json, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = p.value(0)?;
    p.space();
    if p.at != p.bytes.len() {
        return Err(p.error("text after the value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, reason: &'static str) -> ParseError {
        ParseError {
            offset: self.at,
            reason,
        }
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8, reason: &'static str) -> Result<(), ParseError> {
        self.space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(reason))
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, ParseError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self, depth: u32) -> Result<Json, ParseError> {
        self.space();
        match self.peek() {
            Some(b'"') => self.string().map(Json::String),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("the text ends before the value")),
        }
    }

    fn nest(&self, depth: u32) -> Result<(), ParseError> {
        if depth > MAX_DEPTH {
            Err(self.error("nested deeper than 32 levels"))
        } else {
            Ok(())
        }
    }

    fn object(&mut self, depth: u32) -> Result<Json, ParseError> {
        let mut entries = Vec::new();
        self.items(depth, b'}', "expected `,` or `}`", |p| {
            p.space();
            if p.peek() != Some(b'"') {
                return Err(p.error("expected a key"));
            }
            let key = p.key()?;
            p.expect(b':', "expected `:`")?;
            entries.push((key, p.value(depth)?));
            Ok(())
        })?;
        Ok(Json::Object(entries))
    }

    fn array(&mut self, depth: u32) -> Result<Json, ParseError> {
        let mut items = Vec::new();
        self.items(depth, b']', "expected `,` or `]`", |p| {
            items.push(p.value(depth)?);
            Ok(())
        })?;
        Ok(Json::Array(items))
    }

    /// The comma-separated items of an object or array, from its opening bracket to `close`.
    fn items(
        &mut self,
        depth: u32,
        close: u8,
        reason: &'static str,
        mut item: impl FnMut(&mut Self) -> Result<(), ParseError>,
    ) -> Result<(), ParseError> {
        self.nest(depth)?;
        self.at += 1;
        self.space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(c) if c == close => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error(reason)),
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as its text.
    fn number(&mut self) -> Result<Json, ParseError> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while let Some(b'0'..=b'9') = p.peek() {
                p.at += 1;
            }
            p.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        if !digits(self) {
            return Err(self.error("expected a digit"));
        }
        if self.bytes[int_start] == b'0' && self.at - int_start > 1 {
            return Err(ParseError {
                offset: int_start,
                reason: "a number with a leading zero",
            });
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.error("expected a digit after `.`"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        Ok(Json::Number(number_text(
            self.slice(start, self.at).to_owned(),
        )))
    }

    /// The text from `from` to `to`, both on character boundaries (the parser only stops at
    /// ASCII bytes). `get`, not indexing: a str index's panic brings core's char formatting and
    /// Unicode tables into the wasm (about 3 KB gzip).
    fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to).unwrap_or_default()
    }

    /// An object key at `"`: in place when it has no escape (no `String` made).
    fn key(&mut self) -> Result<Key, ParseError> {
        let start = self.at + 1;
        let mut end = start;
        while let Some(&b) = self.bytes.get(end) {
            match b {
                b'"' => {
                    self.at = end + 1;
                    return Ok(Key::new(self.slice(start, end)));
                }
                b'\\' | 0..=0x1F => break,
                _ => end += 1,
            }
        }
        self.string().map(Key::from)
    }

    /// A string at `"`, escapes resolved.
    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let start = self.at;
        // The common case: no escape, copied in one piece.
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'"' => {
                    self.at += 1;
                    return Ok(self.slice(start, self.at - 1).to_owned());
                }
                b'\\' => break,
                0..=0x1F => return Err(self.error("a control character in a string")),
                _ => self.at += 1,
            }
        }
        let mut out = String::from(self.slice(start, self.at));
        loop {
            let run = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(self.slice(run, self.at));
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("a control character in a string")),
                None => return Err(self.error("the text ends inside a string")),
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let first = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&first)
                    && self.bytes[self.at..].starts_with(b"\\u")
                {
                    let back = self.at;
                    self.at += 2;
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                    } else {
                        // Not a pair: the lone first half, and the second escape read on its own.
                        self.at = back;
                        None
                    }
                } else {
                    char::from_u32(first)
                };
                out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
                return Ok(());
            }
            _ => return Err(self.error("an unknown escape")),
        };
        self.at += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let hex = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("a short \\u escape"))?;
        let mut n = 0;
        for &h in hex {
            let d = (h as char)
                .to_digit(16)
                .ok_or_else(|| self.error("a \\u escape that is not hex"))?;
            n = n * 16 + d;
        }
        self.at += 4;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(t: &str) -> Json {
        Json::String(t.into())
    }

    #[test]
    fn documents() {
        let table: Vec<(&str, Json)> = vec![
            ("null", Json::Null),
            (" true ", Json::Bool(true)),
            ("[]", Json::Array(vec![])),
            ("{}", Json::Object(vec![])),
            ("\"a\\\"b\\\\c\\/\\n\"", s("a\"b\\c/\n")),
            ("\"\\u00e9\\u4e2d\"", s("é中")),
            ("\"\\ud83d\\ude00\"", s("😀")),
            ("\"\\ud83dx\"", s("\u{fffd}x")),
            ("\"\\ude00\\ud83d\"", s("\u{fffd}\u{fffd}")),
            ("\"\\ud83d\\u0041\"", s("\u{fffd}A")),
            ("\"中文 text\"", s("中文 text")),
            ("-0", Json::Number("-0".into())),
            ("0.30", Json::Number("0.30".into())),
            ("1.5e-7", Json::Number("0.00000015".into())),
            (
                "{\"a\":1,\"a\":[2,{\"b\":null}]}",
                Json::Object(vec![
                    ("a".into(), Json::Number("1".into())),
                    (
                        "a".into(),
                        Json::Array(vec![
                            Json::Number("2".into()),
                            Json::Object(vec![("b".into(), Json::Null)]),
                        ]),
                    ),
                ]),
            ),
        ];
        for (text, want) in table {
            assert_eq!(parse(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn not_json() {
        let table = [
            ("", "the text ends before the value"),
            ("[1,]", "expected a value"),
            ("{\"a\" 1}", "expected `:`"),
            ("{\"a\":1,}", "expected a key"),
            ("{\"a\":1 \"b\":2}", "expected `,` or `}`"),
            ("[1 2]", "expected `,` or `]`"),
            ("01", "a number with a leading zero"),
            ("1.", "expected a digit after `.`"),
            ("1e+", "expected a digit in the exponent"),
            ("-", "expected a digit"),
            ("NaN", "expected a value"),
            ("tru", "expected a value"),
            ("\"a", "the text ends inside a string"),
            ("\"a\u{1}\"", "a control character in a string"),
            ("\"\\x\"", "an unknown escape"),
            ("\"\\u12xy\"", "a \\u escape that is not hex"),
            ("\"\\u12", "a short \\u escape"),
            ("1 2", "text after the value"),
        ];
        for (text, reason) in table {
            assert_eq!(parse(text).map_err(|e| e.reason), Err(reason), "{text:?}");
        }
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!("{}{}", "[".repeat(32), "]".repeat(32));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(33), "]".repeat(33));
        assert_eq!(
            parse(&deep).map_err(|e| e.reason),
            Err("nested deeper than 32 levels")
        );
        let deep_objects = format!("{}1{}", "{\"a\":".repeat(40), "}".repeat(40));
        assert!(parse(&deep_objects).is_err());
    }

    fn document() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
                .map(Value::Number)),
            any::<String>().prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..8)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// The same tree as serde_json's reading (through `Json`'s serde impl), for any document
        /// serde_json writes, compact or pretty.
        #[test]
        fn agrees_with_serde_json(doc in document()) {
            for text in [serde_json::to_string(&doc).unwrap(), serde_json::to_string_pretty(&doc).unwrap()] {
                let theirs: Json = serde_json::from_str(&text).unwrap();
                prop_assert_eq!(parse(&text), Ok(theirs));
            }
        }

        /// Any text: a tree or an error, never a panic; and serde_json agrees on which.
        #[test]
        fn any_text_reads_or_fails_cleanly(text in "[\\[\\]{}\",:0-9eE.+\\- a-tv-z\\\\]{0,40}") {
            let ours = parse(&text);
            let theirs = serde_json::from_str::<Json>(&text);
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} vs {:?}", text, ours, theirs);
        }
    }
}
