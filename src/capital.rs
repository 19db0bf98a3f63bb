//! 大写金额: a money amount (CNY, to the fen) in Chinese capital numerals, as written on
//! cheques, invoices and settlement forms (中国人民银行《支付结算办法》附件 "正确填写票据和结算凭证
//! 的基本规定").
//!
//! Rules:
//! - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟 within a group of four, groups 万 and 亿
//!   (万亿 above 亿: 1 000 000 000 000 is 壹万亿);
//! - 10–19 keep the 壹: 10 is 壹拾, 100000 is 壹拾万 (the rule's own example: 壹拾陆元整);
//! - zeros: one 零 for any run of zeros between non-zero digits, also across a 万/亿 group
//!   boundary (10 0001 0000 is 壹拾亿零壹万); trailing zeros of the yuan are not written;
//! - 零 after 元 when the yuan end in 0 and jiao follow (100000.10 → 壹拾万元零壹角), and when
//!   the jiao are 0 and fen follow (8084.06 → 捌仟零捌拾肆元零陆分);
//! - no 元 when there are no yuan (0.05 → 伍分, 0.50 → 伍角);
//! - 整 after 元 (no jiao, no fen): 10.00 → 壹拾元整; nothing after 分; after 角 (no fen) only
//!   with the option `zheng_after_jiao` (会计基础工作规范 第五十二条 allows 整 or 正 there):
//!   0.50 → 伍角整;
//! - 0 is 零元整; negative amounts get the prefix 负 (−0.00 is 零元整);
//! - with the option `prefix`, 人民币 first, as 票据和结算凭证 require: 人民币捌仟零捌拾肆元伍角陆分.
//!   The printed statement uses it; the bare amount stays the default.

use crate::problem::{Code, Problem};
use crate::reader::{wrong_type, Reader};
use rust_decimal::Decimal;
use serde_json::Value;

/// How the amount is written: the options of `capitalAmount` (both off by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// 人民币 before the amount (票据和结算凭证).
    pub prefix: bool,
    /// 整 after 角 when there are no fen (会计基础工作规范 第五十二条).
    pub zheng_after_jiao: bool,
}

/// Reads the options `{ "prefix": bool, "zheng_after_jiao": bool }` (each optional; null or
/// absent options are the defaults), every problem at its path under `options`.
pub fn read_style(options: Option<&Value>) -> Result<Style, Vec<Problem>> {
    let Some(o) = options.filter(|o| !o.is_null()) else {
        return Ok(Style::default());
    };
    let mut r = Reader {
        problems: Vec::new(),
    };
    let path = "options";
    if !r.object(o, path, &["prefix", "zheng_after_jiao"]) {
        return Err(r.problems);
    }
    let mut flag = |key: &str| {
        r.optional(o, path, key, |v| {
            v.as_bool().ok_or_else(|| wrong_type("boolean", v))
        })
        .map(Option::unwrap_or_default)
    };
    match (flag("prefix"), flag("zheng_after_jiao")) {
        (Ok(prefix), Ok(zheng_after_jiao)) => Ok(Style {
            prefix,
            zheng_after_jiao,
        }),
        _ => Err(r.problems),
    }
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const UNITS: [&str; 4] = ["", "拾", "佰", "仟"];

/// The largest amount written: 999 9999 9999 9999.99 (15 digits of yuan, as every input).
pub const CAPITAL_MAX: Decimal = Decimal::from_parts(0x5D89_FFFF, 0x0163_4578, 0, false, 2);

/// Reads an amount (string or number, at most two decimals, sign allowed) and writes it in
/// capital numerals. Errors: `wrong_type`, `not_a_number`, `too_many_decimals`, `too_large`.
pub fn capital_amount(amount: &Value, style: Style) -> Result<String, Problem> {
    let d = crate::number::decimal(amount)?;
    if d.scale() > 2 && d.fract().normalize().scale() > 2 {
        return Err(Problem::new(Code::TooManyDecimals));
    }
    let text = capital(d, style.zheng_after_jiao)
        .ok_or_else(|| Problem::new(Code::TooLarge).with("max", CAPITAL_MAX))?;
    Ok(if style.prefix {
        format!("人民币{text}")
    } else {
        text
    })
}

/// The capital numerals of an amount with at most two decimals (整 after 角 when asked); `None`
/// beyond [`CAPITAL_MAX`] or with more decimals.
pub fn capital(amount: Decimal, zheng_after_jiao: bool) -> Option<String> {
    if amount.abs() > CAPITAL_MAX {
        return None;
    }
    let mut a = amount;
    if a.scale() > 2 {
        a = a.normalize();
        if a.scale() > 2 {
            return None;
        }
    }
    a.rescale(2);
    let fen_total = u64::try_from(a.mantissa().unsigned_abs()).ok()?;
    let (yuan, jiao, fen) = (fen_total / 100, fen_total / 10 % 10, fen_total % 10);
    let mut out = String::new();
    if a.is_sign_negative() && fen_total != 0 {
        out.push('负');
    }
    if yuan == 0 && jiao == 0 && fen == 0 {
        out.push_str("零元整");
        return Some(out);
    }
    if yuan > 0 {
        integer(yuan, &mut out);
        out.push('元');
    }
    if jiao == 0 && fen == 0 {
        out.push('整');
        return Some(out);
    }
    if yuan > 0 && (yuan % 10 == 0 || jiao == 0) {
        out.push('零');
    }
    if jiao > 0 {
        out.push(DIGITS[jiao as usize]);
        out.push('角');
    }
    if fen > 0 {
        out.push(DIGITS[fen as usize]);
        out.push('分');
    } else if zheng_after_jiao {
        out.push('整');
    }
    Some(out)
}

/// Writes a positive whole number: groups of 亿 and 万 with the 零 rules above.
fn integer(n: u64, out: &mut String) {
    for (size, unit) in [(100_000_000u64, '亿'), (10_000, '万')] {
        if n >= size {
            integer(n / size, out);
            out.push(unit);
            let rest = n % size;
            if rest > 0 {
                if rest < size / 10 {
                    out.push('零');
                }
                integer(rest, out);
            }
            return;
        }
    }
    // Below 10 000: digits with 拾佰仟, one 零 per run of inner zeros, trailing zeros dropped.
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut started = false;
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        started = true;
        out.push(DIGITS[d as usize]);
        out.push_str(UNITS[3 - i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            ("0", "零元整"),
            ("0.00", "零元整"),
            ("-0.00", "零元整"),
            ("0.05", "伍分"),
            ("0.50", "伍角"),
            ("0.56", "伍角陆分"),
            ("1", "壹元整"),
            ("10.00", "壹拾元整"),
            ("16", "壹拾陆元整"),
            ("100", "壹佰元整"),
            ("101", "壹佰零壹元整"),
            ("110", "壹佰壹拾元整"),
            ("1001", "壹仟零壹元整"),
            ("1010.01", "壹仟零壹拾元零壹分"),
            ("8084.56", "捌仟零捌拾肆元伍角陆分"),
            ("8084.06", "捌仟零捌拾肆元零陆分"),
            ("8080.50", "捌仟零捌拾元零伍角"),
            ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
            ("10000", "壹万元整"),
            ("10050", "壹万零伍拾元整"),
            ("100000.10", "壹拾万元零壹角"),
            ("105000", "壹拾万伍仟元整"),
            ("1000000", "壹佰万元整"),
            ("100000000", "壹亿元整"),
            ("100010000", "壹亿零壹万元整"),
            ("101000000", "壹亿零壹佰万元整"),
            ("120000000", "壹亿贰仟万元整"),
            ("1000010000", "壹拾亿零壹万元整"),
            ("100000001", "壹亿零壹元整"),
            ("1000000000000", "壹万亿元整"),
            ("1034500000000", "壹万零叁佰肆拾伍亿元整"),
            ("-8084.56", "负捌仟零捌拾肆元伍角陆分"),
            ("-0.05", "负伍分"),
            ("-10", "负壹拾元整"),
            (
                "999999999999999.99",
                "玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            ),
            ("1,234.50", "壹仟贰佰叁拾肆元伍角"),
            ("7.000", "柒元整"),
        ];
        for (amount, want) in cases {
            let got = capital_amount(&Value::String(amount.into()), Style::default());
            assert_eq!(got.as_deref(), Ok(want), "{amount}");
        }
    }

    /// The options: 人民币 before, 整 after 角 (not after 分, and 元整 as always).
    #[test]
    fn prefix_and_zheng_after_jiao() {
        let with = |amount: &str, options: &str| {
            let options: Value = serde_json::from_str(options).unwrap();
            let style = read_style(Some(&options)).unwrap();
            capital_amount(&Value::String(amount.into()), style).unwrap()
        };
        assert_eq!(
            with("8084.56", r#"{"prefix": true}"#),
            "人民币捌仟零捌拾肆元伍角陆分"
        );
        assert_eq!(
            with("8080.50", r#"{"prefix": true}"#),
            "人民币捌仟零捌拾元零伍角"
        );
        assert_eq!(
            with("8080.50", r#"{"zheng_after_jiao": true}"#),
            "捌仟零捌拾元零伍角整"
        );
        assert_eq!(with("0.50", r#"{"zheng_after_jiao": true}"#), "伍角整");
        assert_eq!(with("0.56", r#"{"zheng_after_jiao": true}"#), "伍角陆分");
        assert_eq!(
            with("10", r#"{"zheng_after_jiao": true, "prefix": true}"#),
            "人民币壹拾元整"
        );
        assert_eq!(with("-0.50", r#"{"prefix": true}"#), "人民币负伍角");
        assert_eq!(with("1", "null"), "壹元整");
        let bad: Value = serde_json::from_str(r#"{"prefix": "yes"}"#).unwrap();
        let problems = read_style(Some(&bad)).unwrap_err();
        assert_eq!(
            (problems[0].path.as_str(), problems[0].code),
            ("options.prefix", Code::WrongType)
        );
        assert!(read_style(Some(&Value::Bool(true))).is_err());
    }

    #[test]
    fn bad_amounts() {
        let code = |j: Value| capital_amount(&j, Style::default()).unwrap_err().code;
        assert_eq!(code(Value::String("0.001".into())), Code::TooManyDecimals);
        assert_eq!(code(Value::String("abc".into())), Code::NotANumber);
        assert_eq!(code(Value::Bool(true)), Code::WrongType);
        assert_eq!(
            code(Value::String("1000000000000000".into())),
            Code::TooLarge
        );
        assert_eq!(capital(CAPITAL_MAX + Decimal::new(1, 2), false), None);
    }
}
