//! Share links: the whole page state (a JSON value: scenarios, which one is shown, language) as a
//! compact, versioned, URL-safe text, so that a link reproduces the page with no server.
//!
//! Format `v1.<base64url>`: base64url without padding (RFC 4648 §5) of the UTF-8 JSON text with
//! the known long keys replaced by two-character codes (`"unit_price"` → `"~k"`); a key of the
//! state that itself begins with `~` is written with one more `~` in front. Numbers and strings
//! are kept as they are (money stays `"2.50"`).
//!
//! `v0.<base64url>` (the plain JSON text, no key codes) is the first version and still loads.
//! Decoding is untrusted: any truncated, tampered or unknown-version text is the problem
//! `share_link_invalid` (with the reason), never a panic.

use crate::json::Json;
use crate::problem::{Code, Problem};

/// The version [`encode`] writes.
pub const VERSION: &str = "v1";

/// The longest share text decoded (characters); a page state is a few KB.
pub const MAX_LEN: usize = 200_000;

/// Version 1 key codes: `~` + the character at the key's index. Never reorder or remove; a new
/// key means a new version (with this table kept for `v1` links).
const KEYS_V1: [&str; 32] = [
    "terms",
    "months",
    "month",
    "volume",
    "success_rate",
    "successes",
    "trial_records",
    "sampled_records",
    "inaccurate_records",
    "telecom_charges",
    "unit_price",
    "target_rate",
    "penalty_per_unit",
    "penalty_mode",
    "inaccuracy_multiplier",
    "trial_free_records",
    "settlement",
    "report_day",
    "lag_months",
    "confirm_days",
    "invoice_days",
    "payment_days",
    "day_count",
    "project_kind",
    "scenarios",
    "shown",
    "language",
    "name",
    "scenario",
    "field",
    "target",
    "version",
];
const CODES_V1: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyzABCDEF";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The share text of a page state: `v1.` + base64url of its compacted JSON.
pub fn encode(state: &Json) -> String {
    let compact = rename_keys(state, &|k| short_key(k));
    format!("{VERSION}.{}", base64url(compact.to_text().as_bytes()))
}

/// The page state of a share text (`v1.…` or `v0.…`; a leading `#` or surrounding spaces are
/// ignored), or `share_link_invalid` with the reason in both languages.
pub fn decode(text: &str) -> Result<Json, Problem> {
    let invalid = |zh: &str, en: &str| {
        Problem::error("", Code::ShareLinkInvalid)
            .with("reason", en)
            .with("reason_zh", zh)
    };
    let text = text.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    if text.len() > MAX_LEN {
        return Err(invalid("链接过长", "the link is too long"));
    }
    let Some((version, body)) = text.split_once('.') else {
        return Err(invalid("缺少版本号", "no version"));
    };
    if version != "v0" && version != "v1" {
        return Err(invalid(
            &format!("不支持的版本“{}”", short(version)),
            &format!("unknown version \"{}\"", short(version)),
        ));
    }
    let bytes = unbase64url(body).ok_or_else(|| {
        invalid(
            "内容不完整或含有非法字符",
            "truncated or contains characters a link never has",
        )
    })?;
    let json_text = std::str::from_utf8(&bytes)
        .map_err(|_| invalid("内容不是有效文本", "the content is not valid text"))?;
    let value = crate::json::parse(json_text).map_err(|_| {
        invalid(
            "内容不完整或已被改动",
            "the content is truncated or was altered",
        )
    })?;
    if version == "v0" {
        return Ok(value);
    }
    expand_keys(&value).ok_or_else(|| invalid("含有未知的字段代码", "an unknown field code"))
}

fn short(s: &str) -> String {
    s.chars().take(12).collect()
}

fn short_key(k: &str) -> String {
    match KEYS_V1.iter().position(|&known| known == k) {
        Some(i) => format!("~{}", CODES_V1[i] as char),
        None if k.starts_with('~') => format!("~{k}"),
        None => k.to_owned(),
    }
}

fn long_key(k: &str) -> Option<String> {
    match k.strip_prefix('~') {
        None => Some(k.to_owned()),
        Some(rest) if rest.starts_with('~') => Some(rest.to_owned()),
        Some(code) => {
            let &[c] = code.as_bytes() else {
                return None;
            };
            let i = CODES_V1.iter().position(|&x| x == c)?;
            Some(KEYS_V1[i].to_owned())
        }
    }
}

fn rename_keys(v: &Json, f: &dyn Fn(&str) -> String) -> Json {
    match v {
        Json::Array(items) => Json::Array(items.iter().map(|i| rename_keys(i, f)).collect()),
        Json::Object(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| (f(k).into(), rename_keys(v, f)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn expand_keys(v: &Json) -> Option<Json> {
    Some(match v {
        // Loops rather than `collect::<Option<_>>()`: the same, and 1 KB less wasm.
        Json::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(expand_keys(item)?);
            }
            Json::Array(out)
        }
        Json::Object(entries) => {
            let mut out = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                out.push((long_key(k)?.into(), expand_keys(v)?));
            }
            Json::Object(out)
        }
        other => other.clone(),
    })
}

/// base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url without padding; `None` for any other character, an impossible length
/// (one character left over) or non-zero leftover bits (a tampered last character).
pub fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let keep = chunk.len() - 1;
        let mask = match keep {
            1 => 0xFFFF,
            2 => 0xFF,
            _ => 0,
        };
        if n & mask != 0 {
            return None;
        }
        out.extend_from_slice(&n.to_be_bytes()[1..=keep]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> Json {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
            ("\u{fb}\u{ff}", "w7vDvw"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), coded);
            assert_eq!(unbase64url(coded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(unbase64url("Zh"), None, "leftover bits set");
        assert_eq!(unbase64url("Z"), None, "one character left over");
        assert_eq!(unbase64url("Zm9v+"), None, "not url-safe");
        assert_eq!(unbase64url("Zg=="), None, "padding is not written");
    }

    #[test]
    fn round_trip_and_compact() {
        let state = json(
            r#"{"scenarios":[{"name":"报价","terms":{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":1},
                "months":[{"month":"2026-01","volume":10000,"success_rate":0.3,"~odd":null}]}],
                "shown":0,"language":"zh","x":[true,false,-1.5e3,12345678901234567890]}"#,
        );
        let link = encode(&state);
        assert!(link.starts_with("v1."), "{link}");
        assert!(link
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(&c)));
        assert_eq!(decode(&link), Ok(state.clone()));
        assert_eq!(decode(&format!("#{link}")), Ok(state.clone()));
        let plain = base64url(state.to_text().as_bytes());
        assert!(link.len() < plain.len(), "key codes make it shorter");
    }

    #[test]
    fn version_0_links_still_load() {
        // Written by the first version: base64url of the plain JSON text.
        let v0 = format!(
            "v0.{}",
            base64url(br#"{"terms":{"unit_price":"2.50"},"shown":1}"#)
        );
        assert_eq!(
            decode(&v0),
            Ok(json(r#"{"terms":{"unit_price":"2.50"},"shown":1}"#))
        );
    }

    #[test]
    fn bad_links_are_a_clear_problem() {
        let link = encode(&json(r#"{"terms":{"unit_price":"2.50"},"months":[]}"#));
        let reason = |t: &str| {
            let p = decode(t).unwrap_err();
            assert_eq!(p.code, Code::ShareLinkInvalid);
            p.params[0].1.clone()
        };
        assert_eq!(reason("v9.abc"), "unknown version \"v9\"");
        assert_eq!(reason("hello"), "no version");
        assert_eq!(reason(""), "no version");
        for cut in 3..link.len() - 1 {
            let r = reason(&link[..cut]);
            assert!(
                r.starts_with("truncated") || r.contains("truncated or was altered"),
                "{cut}: {r}"
            );
        }
        assert_eq!(reason("v1.a$b"), reason("v1.Zm9v*"));
        assert_eq!(
            reason(&format!("v1.{}", base64url(br#"{"~Z":1}"#))),
            "an unknown field code"
        );
        assert_eq!(
            reason(&format!("v1.{}", base64url(&[0xff, 0xfe]))),
            "the content is not valid text"
        );
        let deep = format!("v1.{}", base64url("[".repeat(100).as_bytes()));
        assert!(decode(&deep).is_err());
        assert!(decode(&"A".repeat(MAX_LEN + 1)).is_err());
    }
}
