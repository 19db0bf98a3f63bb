//! A [`Json`] tree as compact JSON text (share links, `decodeState`), exactly as serde_json
//! (with `arbitrary_precision`) writes it: tests check the two agree on arbitrary trees. Our own
//! for size: it keeps serde_json (4 KB of wasm, and a serde impl for `Json`) out of the binary.

use super::Json;

impl Json {
    /// The compact JSON text: a number as its own text when that is a JSON number (the exponent
    /// marker written `e`, with its sign), else `null` (`NaN`, `inf`: as `JSON.stringify`
    /// writes them); strings with `"`, `\` and control characters escaped, nothing else.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => {
                if !number(n, out) {
                    out.push_str("null");
                }
            }
            Json::String(s) => string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Writes `text` if it is a JSON number (RFC 8259 §6) and says whether it was.
fn number(text: &str, out: &mut String) -> bool {
    let b = text.as_bytes();
    let digits_from = |at: usize| at + b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut at = usize::from(b.first() == Some(&b'-'));
    let end = digits_from(at);
    // At least one digit, and no leading zero.
    if end == at || (b[at] == b'0' && end > at + 1) {
        return false;
    }
    at = end;
    if b.get(at) == Some(&b'.') {
        let end = digits_from(at + 1);
        if end == at + 1 {
            return false;
        }
        at = end;
    }
    // `get`, not indexing: see `Parser::slice`; `at` is past ASCII bytes only.
    let mantissa = text.get(..at).unwrap_or_default();
    let mut exponent = None;
    if let Some(b'e' | b'E') = b.get(at) {
        at += 1;
        let sign = match b.get(at) {
            Some(b'-') => "-",
            _ => "+",
        };
        at += usize::from(matches!(b.get(at), Some(b'+' | b'-')));
        let end = digits_from(at);
        if end == at {
            return false;
        }
        exponent = Some((sign, text.get(at..end).unwrap_or_default()));
        at = end;
    }
    if at != b.len() {
        return false;
    }
    out.push_str(mantissa);
    if let Some((sign, digits)) = exponent {
        out.push('e');
        out.push_str(sign);
        out.push_str(digits);
    }
    true
}

fn string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\0'..='\u{1f}' => {
                out.push_str("\\u00");
                out.push(HEX[c as usize >> 4] as char);
                out.push(HEX[c as usize & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::Json;
    use proptest::prelude::*;
    use serde::ser::{SerializeMap, SerializeSeq};
    use serde::{Serialize, Serializer};

    /// The serde form of a tree, as share links were written with serde_json before
    /// [`Json::to_text`]: the reference the writer is checked against.
    impl Serialize for Json {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                Json::Null => s.serialize_unit(),
                Json::Bool(b) => s.serialize_bool(*b),
                Json::Number(n) => match n.parse::<serde_json::Number>() {
                    Ok(number) => number.serialize(s),
                    Err(_) => s.serialize_unit(),
                },
                Json::String(t) => s.serialize_str(t),
                Json::Array(items) => {
                    let mut seq = s.serialize_seq(Some(items.len()))?;
                    for item in items {
                        seq.serialize_element(item)?;
                    }
                    seq.end()
                }
                Json::Object(entries) => {
                    let mut map = s.serialize_map(Some(entries.len()))?;
                    for (k, v) in entries {
                        map.serialize_entry(k.as_str(), v)?;
                    }
                    map.end()
                }
            }
        }
    }

    fn tree() -> impl Strategy<Value = Json> {
        let text = prop_oneof![any::<String>(), "[\"\\\\\\x00-\\x1f\\x7f a\u{2028}é]{0,6}"];
        let number = prop_oneof![
            "-?[0-9]{1,4}(\\.[0-9]{0,3})?([eE][+-]?[0-9]{0,3})?",
            "[-+0-9.eE]{0,6}",
            Just("NaN".to_owned()),
            Just("-inf".to_owned()),
        ];
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            number.prop_map(Json::Number),
            text.clone().prop_map(Json::String),
        ];
        leaf.prop_recursive(4, 32, 5, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Json::Array),
                proptest::collection::vec((text.clone(), inner), 0..5).prop_map(|entries| {
                    Json::Object(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
                }),
            ]
        })
    }

    #[test]
    fn numbers() {
        for (n, text) in [
            ("0", "0"),
            ("-0", "-0"),
            ("12345678901234567890123", "12345678901234567890123"),
            ("0.30", "0.30"),
            ("1E5", "1e+5"),
            ("-1.5e-7", "-1.5e-7"),
            ("2e+3", "2e+3"),
            ("NaN", "null"),
            ("01", "null"),
            ("1.", "null"),
            (".5", "null"),
            ("1e", "null"),
            ("+1", "null"),
            (" 1", "null"),
            ("", "null"),
        ] {
            assert_eq!(Json::Number(n.into()).to_text(), text, "{n}");
        }
    }

    proptest! {
        /// serde_json's text, for any tree.
        #[test]
        fn agrees_with_serde_json(t in tree()) {
            prop_assert_eq!(t.to_text(), serde_json::to_string(&t).unwrap());
        }
    }
}
