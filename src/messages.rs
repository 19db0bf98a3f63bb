//! The message catalog: Chinese and English text for every [`Code`], filled from the problem's
//! parameters. The computation never builds text; it only names codes.

use crate::problem::{Code, Problem, Severity};
use crate::tape::NamedValues;
use serde::Serialize;

/// A problem as the JSON interface reports it (SPEC §6).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Message {
    pub path: String,
    pub code: Code,
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
    /// The values the message refers to (limits, counts), as strings.
    #[cfg_attr(test, ts(type = "Record<string, string>"))]
    pub params: NamedValues<String>,
}

impl From<&Problem> for Message {
    fn from(p: &Problem) -> Self {
        let (zh, en) = text(p);
        Message {
            path: p.path.clone(),
            code: p.code,
            severity: p.severity,
            message_zh: zh,
            message_en: en,
            params: NamedValues(p.params.clone()),
        }
    }
}

/// Chinese and English text for a problem.
pub fn text(p: &Problem) -> (String, String) {
    let v = |name: &str| {
        p.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("?")
    };
    let (zh, en): (String, String) = match p.code {
        Code::WrongType => (
            format!(
                "应为{}，实际为{}",
                kind_zh(v("expected")),
                kind_zh(v("found"))
            ),
            format!("expected {}, found {}", v("expected"), v("found")),
        ),
        Code::Required => ("必填项".into(), "required".into()),
        Code::UnknownField => (
            format!("未知字段“{}”，已忽略", v("field")),
            format!("unknown field \"{}\" was ignored", v("field")),
        ),
        Code::NoMonths => (
            "至少需要一个工作月".into(),
            "at least one work month is needed".into(),
        ),
        Code::InvalidChoice => (
            format!("取值应为 {} 之一", v("allowed")),
            format!("must be one of {}", v("allowed")),
        ),
        Code::NotANumber => (
            format!("“{}”不是数字", v("value")),
            format!("\"{}\" is not a number", v("value")),
        ),
        Code::NotAnInteger => (
            "应为整数（记录数不能有小数）".into(),
            "must be a whole number (a count of records)".into(),
        ),
        Code::TooManyDecimals => (
            "金额最多两位小数（到分）".into(),
            "money has at most two decimals (fen)".into(),
        ),
        Code::TooLarge => (
            format!("数值过大，上限为 {}", v("max")),
            format!("too large; the limit is {}", v("max")),
        ),
        Code::TooPrecise => (
            format!("小数位过多，精确计算最多 {} 位有效数字", v("max")),
            format!("too many decimals; exact arithmetic holds {} significant digits", v("max")),
        ),
        Code::Negative => ("不能为负数".into(), "must not be negative".into()),
        Code::RateOutOfRange => (
            "比率应在 0 到 1 之间（0%–100%）".into(),
            "a rate must lie between 0 and 1 (0 %–100 %)".into(),
        ),
        Code::OutOfRange => (
            format!("应在 {} 到 {} 之间", v("min"), v("max")),
            format!("must lie between {} and {}", v("min"), v("max")),
        ),
        Code::InvalidMonth => (
            format!("“{}”不是有效月份，格式为 YYYY-MM", v("value")),
            format!("\"{}\" is not a valid month; use YYYY-MM", v("value")),
        ),
        Code::SuccessesExceedVolume => (
            format!("成功单数 {} 超过外呼量 {}", v("successes"), v("volume")),
            format!(
                "successes {} exceed the volume {}",
                v("successes"),
                v("volume")
            ),
        ),
        Code::InaccurateExceedSampled => (
            format!("不实记录数 {} 超过抽查数 {}", v("inaccurate"), v("sampled")),
            format!(
                "inaccurate records {} exceed the sample {}",
                v("inaccurate"),
                v("sampled")
            ),
        ),
        Code::SampledExceedVolume => (
            format!("抽查数 {} 超过外呼量 {}", v("sampled"), v("volume")),
            format!(
                "the sample {} exceeds the volume {}",
                v("sampled"),
                v("volume")
            ),
        ),
        Code::RateAndSuccessesBoth => (
            "成功率与成功单数只能填一个".into(),
            "give either success_rate or successes, not both".into(),
        ),
        Code::RateAndSuccessesMissing => (
            "请填写成功率或成功单数".into(),
            "give success_rate or successes".into(),
        ),

        Code::Overflow => (
            "结果超出精确计算范围（最多 28 位有效数字），请减少数值或小数位".into(),
            "the result needs more than exact arithmetic holds (28 significant digits); use smaller values or fewer decimals".into(),
        ),
        Code::NegativeFee => (
            format!("服务费净额为负（{} 元）", v("net_fee")),
            format!("the net service fee is negative (CNY {})", v("net_fee")),
        ),
        Code::TrialOverCap => (
            format!(
                "试访 {} 条超过免费上限 {} 条，超出的 {} 条计入外呼量计费",
                v("trial_records"),
                v("cap"),
                v("billable")
            ),
            format!(
                "trial of {} records exceeds the free {}; the {} beyond it are billed as volume",
                v("trial_records"),
                v("cap"),
                v("billable")
            ),
        ),
        Code::TargetZeroWithPenalty => (
            "目标成功率为 0 却设置了扣罚单价，扣罚不会发生".into(),
            "the target rate is 0 but a penalty is set: there is nothing to miss".into(),
        ),
        Code::FractionalSuccesses => (
            format!("成功率 × 外呼量 = {}，不是整数单", v("successes")),
            format!(
                "success rate × volume = {}, not a whole number of orders",
                v("successes")
            ),
        ),
        Code::HolidaysOutsideData => (
            format!("节假日数据不含 {} 年，该年仅按周末计算工作日", v("years")),
            format!("the holiday data does not cover {}; working days there count weekends only", v("years")),
        ),
        Code::DuplicateMonth => (
            format!("月份 {} 重复", v("month")),
            format!("month {} appears more than once", v("month")),
        ),
        Code::ShareLinkInvalid => (
            format!("分享链接无效或已损坏（{}），无法恢复页面状态", v("reason_zh")),
            format!("the share link is invalid or damaged ({}); the page state cannot be restored", v("reason")),
        ),
        Code::InvalidDate => (
            format!("“{}”不是有效日期，格式为 YYYY-MM-DD", v("value")),
            format!("\"{}\" is not a valid date; use YYYY-MM-DD", v("value")),
        ),
        Code::DateOrder => (
            format!("不能早于 {}（{}）", v("other"), v("other_date")),
            format!("must not be before {} ({})", v("other"), v("other_date")),
        ),
        Code::OutboundBeforeInbound => (
            format!("400外呼（{}）须在400被叫（{}）开通之后开通", v("outbound"), v("inbound")),
            format!("outbound (400外呼, {}) may open only after inbound (400被叫, {}) is open", v("outbound"), v("inbound")),
        ),
        Code::TopUpOutsideValidity => (
            format!("续费日期应在有效期 {} 至 {} 之内", v("start"), v("end")),
            format!("a top-up must fall within the validity period {} to {}", v("start"), v("end")),
        ),
        Code::AdvertisingBeforeActivation => (
            format!("广告宣传开始（{}）早于号码开通（{}）：号码开通前不得做广告，损失由甲方自行承担", v("advertising_start"), v("activation_date")),
            format!("advertising starts ({}) before the number is activated ({}); advertising before activation is at the customer's own loss", v("advertising_start"), v("activation_date")),
        ),
        Code::TopUpAfterRunOut => (
            format!("该账户已于 {} 停机，此后的续费不会恢复服务", v("stopped")),
            format!("the account stopped on {}; a later top-up does not restore it", v("stopped")),
        ),
        Code::TopUpTooLate => (
            format!("{}账户在 {} 已余额不足，此日期续费为时已晚", if v("account") == "inbound" { "被叫" } else { "外呼" }, v("runs_out")),
            format!("the {} account runs out on {}, before this date: a top-up then is too late", v("account"), v("runs_out")),
        ),
    };
    (zh, en)
}

fn kind_zh(kind: &str) -> &str {
    match kind {
        "object" => "对象",
        "array" => "数组",
        "string" => "文本",
        "number" => "数字",
        "boolean" => "布尔值",
        "null" => "空值",
        "JSON" => "JSON",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_fill_both_languages() {
        let p = Problem::error("terms.settlement.report_day", Code::OutOfRange)
            .with("min", 1)
            .with("max", 31);
        let m = Message::from(&p);
        assert_eq!(m.message_en, "must lie between 1 and 31");
        assert_eq!(m.message_zh, "应在 1 到 31 之间");
        assert_eq!(
            m.params.0,
            [("min", "1".to_string()), ("max", "31".to_string())]
        );
    }
}
