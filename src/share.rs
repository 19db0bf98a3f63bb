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

use crate::problem::{Code, Problem};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

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

/// The share text of a page state: `v1.` + base64url of its compacted JSON.
pub fn encode(state: &Value) -> String {
    let compact = rename_keys(state, &|k| short_key(k));
    format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(compact.to_string()))
}

/// The page state of a share text (`v1.…` or `v0.…`; a leading `#` or surrounding spaces are
/// ignored), or `share_link_invalid` with the reason in both languages.
pub fn decode(text: &str) -> Result<Value, Problem> {
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
    let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| {
        invalid(
            "内容不完整或含有非法字符",
            "truncated or contains characters a link never has",
        )
    })?;
    let json_text = std::str::from_utf8(&bytes)
        .map_err(|_| invalid("内容不是有效文本", "the content is not valid text"))?;
    let value = serde_json::from_str(json_text).map_err(|_| {
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

fn rename_keys(v: &Value, f: &dyn Fn(&str) -> String) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.iter().map(|i| rename_keys(i, f)).collect()),
        Value::Object(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (f(k), rename_keys(v, f)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn expand_keys(v: &Value) -> Option<Value> {
    Some(match v {
        Value::Array(items) => Value::Array(items.iter().map(expand_keys).collect::<Option<_>>()?),
        Value::Object(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| Some((long_key(k)?, expand_keys(v)?)))
                .collect::<Option<_>>()?,
        ),
        other => other.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    fn base64url(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn tampered_base64_is_refused() {
        let reason = |t: &str| decode(t).unwrap_err().params[0].1.clone();
        let bad = "truncated or contains characters a link never has";
        assert_eq!(reason("v1.Zh"), bad, "leftover bits set");
        assert_eq!(reason("v1.Z"), bad, "one character left over");
        assert_eq!(reason("v1.Zm9v+"), bad, "not url-safe");
        assert_eq!(reason("v1.Zg=="), bad, "padding is not written");
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
        let plain = base64url(state.to_string().as_bytes());
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
