//! The message catalog: Chinese and English text for every [`Code`], filled from the problem's
//! parameters. The computation never builds text; it only names codes.
//!
//! The catalog is data: `templates` gives each code a Chinese and an English template, and
//! `fill` (one small function for all codes) replaces each placeholder with a parameter:
//!
//! - `{name}` — the parameter `name` as given (`?` when the problem lacks it);
//! - `{name:kind}` — a JSON kind name (`object`, `array`, …) in Chinese; other text as given;
//! - `{name:account}` — a 400 account (`inbound` or `outbound`, 篇二) in Chinese: 被叫 for
//!   `inbound`, otherwise 外呼;
//! - `{name:field_zh}`, `{name:field_en}` — a field named by its JSON path (`validity.start`,
//!   `months[2].actual.paid`), written as the pages label it ([`label`]): a message never shows
//!   an internal field name;
//! - `{name:side}` — where a value lies from a deal-policy limit (`below`, `above`) in Chinese:
//!   低于 for `below`, otherwise 高于.
//!
//! Parameter values are inserted as they are: braces in a value are never read as placeholders.

use crate::problem::{Code, Problem, Severity};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Named values, in order, serialized as one object: `{ "max": "100", "value": "-1" }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedValues<V>(pub Vec<(&'static str, V)>);

impl<V: Serialize> Serialize for NamedValues<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A problem as the JSON interface reports it.
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
    let [zh, en] = templates(p.code);
    (fill(zh, p), fill(en, p))
}

/// The Chinese and English templates of a code (placeholders: see the module documentation).
/// Only string constants: the optimiser turns this into a table indexed by the code.
fn templates(code: Code) -> &'static [&'static str; 2] {
    use Code::*;
    match code {
        // --- shape of the input
        WrongType => &[
            "应为{expected:kind}，实际为{found:kind}",
            "expected {expected}, found {found}",
        ],
        Required => &["必填项", "required"],
        UnknownField => &[
            "未知字段“{field}”，已忽略",
            "unknown field \"{field}\" was ignored",
        ],
        NoMonths => &["至少需要一个工作月", "at least one work month is needed"],
        InvalidChoice => &["取值应为 {allowed} 之一", "must be one of {allowed}"],
        // --- numbers
        NotANumber => &["“{value}”不是数字", "\"{value}\" is not a number"],
        NotAnInteger => &[
            "应为整数（记录数不能有小数）",
            "must be a whole number (a count of records)",
        ],
        TooManyDecimals => &[
            "金额最多两位小数（到分）",
            "money has at most two decimals (fen)",
        ],
        TooLarge => &["数值过大，上限为 {max}", "too large; the limit is {max}"],
        TextTooLong => &[
            "文字过长，最多 {max} 个字符",
            "too long; at most {max} characters",
        ],
        TooPrecise => &[
            "小数位过多，精确计算最多 {max} 位有效数字",
            "too many decimals; exact arithmetic holds {max} significant digits",
        ],
        Negative => &["不能为负数", "must not be negative"],
        RateOutOfRange => &[
            "比率应在 0 到 1 之间（0%–100%）",
            "a rate must lie between 0 and 1 (0 %–100 %)",
        ],
        OutOfRange => &["应在 {min} 到 {max} 之间", "must lie between {min} and {max}"],
        InvalidMonth => &[
            "“{value}”不是有效月份，格式为 YYYY-MM",
            "\"{value}\" is not a valid month; use YYYY-MM",
        ],
        // --- relations between fields
        SuccessesExceedVolume => &[
            "成功单数 {successes} 超过外呼量 {volume}",
            "successes {successes} exceed the volume {volume}",
        ],
        InaccurateExceedSampled => &[
            "不实记录数 {inaccurate} 超过抽查数 {sampled}",
            "inaccurate records {inaccurate} exceed the sample {sampled}",
        ],
        SampledExceedVolume => &[
            "抽查数 {sampled} 超过外呼量 {volume}",
            "the sample {sampled} exceeds the volume {volume}",
        ],
        // 第三条 7
        TrialSuccessesRequired => &[
            "超出免费试访上限的 {billable} 条试访记录须连同其成功单数计入结算：请填写试访成功单数",
            "the {billable} trial records beyond the free cap enter the bill only with their successes: give the trial successes",
        ],
        TrialSuccessesExceedBillable => &[
            "试访成功单数 {trial_successes} 超过计费的试访记录 {billable} 条",
            "trial successes {trial_successes} exceed the {billable} billed trial records",
        ],
        RateAndSuccessesBoth => &[
            "成功率与成功单数只能填一个",
            "give either the success rate or the successes, not both",
        ],
        RateAndSuccessesMissing => &[
            "请填写成功率或成功单数",
            "give the success rate or the successes",
        ],
        Overflow => &[
            "结果超出精确计算范围（最多 28 位有效数字），请减少数值或小数位",
            "the result needs more than exact arithmetic holds (28 significant digits); use smaller values or fewer decimals",
        ],
        // --- warnings on results
        NegativeFee => &[
            "服务费净额为负（{net_fee} 元）",
            "the net service fee is negative (CNY {net_fee})",
        ],
        TrialOverCap => &[
            "本月试访 {trial_records} 条，项目免费上限 {cap} 条尚余 {left} 条，超出的 {billable} 条连同其成功单数 {trial_successes} 计入结算",
            "trial of {trial_records} records this month with {left} of the project's free {cap} left: the {billable} beyond it are billed with their {trial_successes} successes",
        ],
        TargetZeroWithPenalty => &[
            "目标成功率为 0 却设置了扣罚单价，扣罚不会发生",
            "the target rate is 0 but a penalty is set: there is nothing to miss",
        ],
        FractionalSuccesses => &[
            "成功率 × 外呼量 = {successes}，不是整数单",
            "success rate × volume = {successes}, not a whole number of orders",
        ],
        HolidaysOutsideData => &[
            "节假日数据不含 {years} 年的放假通知：该年按周末和法定节假日（全国年节及纪念日放假办法）计算，调休安排尚未公布",
            "the holiday data has no notice for {years}: days there count weekends and the statutory holidays fixed by law; 调休 (swapped working days) is not yet published",
        ],
        DuplicateMonth => &["月份 {month} 重复", "month {month} appears more than once"],
        ShareLinkInvalid => &[
            "分享链接无效或已损坏（{reason_zh}），无法恢复页面状态",
            "the share link is invalid or damaged ({reason}); the page state cannot be restored",
        ],
        // --- contract 2 (篇二, the 400-number account)
        InvalidDate => &[
            "“{value}”不是有效日期（可写 2026-03-05、2026/3/5 或 2026年3月5日）",
            "\"{value}\" is not a valid date (write 2026-03-05, 2026/3/5 or 2026年3月5日)",
        ],
        DateOrder => &[
            "不能早于{other:field_zh}（{other_date}）",
            "must not be before the {other:field_en} ({other_date})",
        ],
        // 篇二 1.1.4
        OutboundBeforeInbound => &[
            "400外呼（{outbound}）须在400被叫（{inbound}）开通之后开通",
            "outbound (400外呼, {outbound}) may open only after inbound (400被叫, {inbound}) is open",
        ],
        TopUpOutsideValidity => &[
            "续费日期应在有效期 {start} 至 {end} 之内",
            "a top-up must fall within the validity period {start} to {end}",
        ],
        // 篇二 1.1.3
        AdvertisingBeforeActivation => &[
            "广告宣传开始（{advertising_start}）早于号码开通（{activation_date}）：号码开通前不得做广告，损失由甲方自行承担",
            "advertising starts ({advertising_start}) before the number is activated ({activation_date}); advertising before activation is at the customer's own loss",
        ],
        TopUpAfterRunOut => &[
            "该账户已于 {stopped} 停机，此后的续费不会恢复服务",
            "the account stopped on {stopped}; a later top-up does not restore it",
        ],
        TopUpTooLate => &[
            "{account:account}账户在 {runs_out} 已余额不足，此日期续费为时已晚",
            "the {account} account runs out on {runs_out} (its balance no longer covers that day): a top-up on or after it is too late",
        ],
        // --- results import (docs/rules.md "Results import")
        WrongColumnCount => &["列数与文件格式不符", "the number of columns differs from the file's layout"],
        UnreadableTimestamp => &[
            "时间无法识别（应为 YYYY-MM-DD HH:MM:SS）",
            "a time that cannot be read (use YYYY-MM-DD HH:MM:SS)",
        ],
        EndBeforeStart => &["结束时间早于开始时间", "the end time is before the start time"],
        NoCustomerNumber => &[
            "该呼叫的各条记录都没有有效的客户号码（3–20 位数字，可带 +）",
            "no leg of the call has a valid customer number (3–20 digits after an optional +)",
        ],
        UnknownDisposition => &[
            "未知的呼叫结果（应为 ANSWERED、NO ANSWER、BUSY、FAILED、CONGESTION）",
            "unknown disposition (expected ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION)",
        ],
        DuplicateRow => &[
            "重复记录（与前面某行相同，或 uniqueid + sequence、记录编号重复）",
            "duplicate row (identical to an earlier one, or a repeated uniqueid + sequence or record id)",
        ],
        BillsecOverDuration => &[
            "通话时长 billsec 超过总时长 duration",
            "billsec (talk time) exceeds duration",
        ],
        UnreadableValue => &[
            "时长、序号、记录编号或成功标记无法识别",
            "a duration, sequence, record id or success flag that cannot be read",
        ],
        SuccessTooShort => &[
            "标为成功，但接通通话时长不足最短成功时长",
            "marked a success, but its answered talk time is below the minimum",
        ],
        UnknownLayout => &[
            "无法识别文件格式，请指定各列的含义",
            "the file matches no known layout; assign its columns",
        ],
        MonthsAndNewEnd => &[
            "续期月数与新到期日只能填一个",
            "give either the months of the renewal or its new end date, not both",
        ],
        RenewalTooLate => &[
            "续期太晚：号码已于 {lost} 放弃（有效期到期或被叫余额不足），此后的续期不予受理",
            "renewal too late: the number was given up on {lost} (validity ended or inbound ran out); a later renewal is refused",
        ],
        // 篇二 1.1.3
        BeforeActivation => &[
            "{date} 早于号码开通（{activation_date}）：号码开通前无法使用",
            "{date} is before the number is activated ({activation_date}); nothing can be used before then",
        ],
        // 篇二 1.1.4
        OutboundOpenedWhileSuspended => &[
            "外呼于 {opened} 开通时被叫已于 {stopped} 停止：外呼自开通日起即暂停，充入的余额不退",
            "outbound opens on {opened}, after inbound stopped on {stopped}: it is suspended from its first day and its balance is not refunded",
        ],
        NumberReleased => &[
            "资料提交截止日为 {due}，已逾期：所选号码已于 {released} 释放，需另选号码",
            "the documents were due by {due}: late, so the chosen number is released on {released}; another number must be chosen",
        ],
        ActivatedBeforeDocuments => &[
            "号码开通（{activation_date}）早于资料提交（{documents_submitted}）",
            "the number is activated ({activation_date}) before the documents are handed in ({documents_submitted})",
        ],
        // --- deal policy
        PolicyVersion => &[
            "不支持的政策版本 {found}（本计算器读取版本 1）",
            "unsupported policy version {found}; this calculator reads version 1",
        ],
        PolicyOrder => &[
            "常规限额 {normal} 应在目标 {target} 与底线 {floor} 之间（含两端），且目标不能等于底线",
            "the normal limit {normal} must lie between the target {target} and the floor {floor} (both included), and the target must differ from the floor",
        ],
        PolicyUnknownApprover => &[
            "审批人“{approver}”不在 approvers 列表中",
            "the approver \"{approver}\" is not in the approvers list",
        ],
        PolicyApproval => &[
            "{value} {side:side}常规限额 {limit}：需 {approver} 审批",
            "{value} is {side} the normal limit {limit}: needs approval by {approver}",
        ],
        PolicyBlocked => &[
            "{value} {side:side}底线 {limit}：超出政策范围",
            "{value} is {side} the floor {limit}: out of bounds",
        ],
    }
}

/// A template with its placeholders replaced by the problem's parameters (the first of that
/// name; `?` when there is none).
fn fill(template: &str, p: &Problem) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some((literal, after)) = rest.split_once('{') {
        out.push_str(literal);
        let (placeholder, after) = after.split_once('}').unwrap_or((after, ""));
        let (name, filter) = placeholder.split_once(':').unwrap_or((placeholder, ""));
        let value = p
            .params
            .iter()
            .find(|(k, _)| *k == name)
            .map_or("?", |(_, v)| v.as_str());
        out.push_str(match filter {
            "kind" => kind_zh(value),
            "account" => account_zh(value),
            "field_zh" => label(value).map_or(value, |[zh, _]| zh),
            "field_en" => label(value).map_or(value, |[_, en]| en),
            "side" => side_zh(value),
            _ => value,
        });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The labels (Chinese, English) of the fields a message can name, keyed by path pattern: the
/// path with its indices left out (`months[2].actual.paid` → `months.actual.paid`); the names
/// the pages give these fields. A path without a label is shown as it is.
const LABELS: &[(&str, [&str; 2])] = &[
    // 篇二 1.1.3: the 400-number contract's dates.
    ("signing_date", ["签约日期", "signing date"]),
    (
        "documents_submitted",
        ["资料提交日期", "date the documents were handed in"],
    ),
    (
        "activation_date",
        ["号码开通日期", "number activation date"],
    ),
    (
        "advertising_start",
        ["计划开始宣传日期", "planned advertising start"],
    ),
    ("validity.start", ["有效期开始日", "validity start"]),
    ("validity.end", ["有效期结束日", "validity end"]),
    ("as_of", ["余额截至日期", "balances date"]),
    // 第四条 3: a month's actual settlement dates.
    (
        "months.actual.report_received",
        ["收到报表日期", "report received date"],
    ),
    (
        "months.actual.confirmed",
        ["核对确认日期", "confirmation date"],
    ),
    (
        "months.actual.invoice_received",
        ["收到发票日期", "invoice received date"],
    ),
    ("months.actual.paid", ["付款日期", "payment date"]),
];

/// The labels of the field at `path` ([`LABELS`]), when it has one.
pub fn label(path: &str) -> Option<[&'static str; 2]> {
    let mut pattern = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            c if !in_index => pattern.push(c),
            _ => {}
        }
    }
    let pattern = pattern.as_str();
    LABELS.iter().find(|(p, _)| *p == pattern).map(|(_, l)| *l)
}

/// `{…:kind}`: a JSON kind name in Chinese; other text (a parser's reason) as given.
fn kind_zh(kind: &str) -> &str {
    match kind {
        "object" => "对象",
        "array" => "数组",
        "string" => "文本",
        "number" => "数字",
        "boolean" => "布尔值",
        "null" => "空值",
        other => other,
    }
}

/// `{…:account}`: the 400 account (篇二) in Chinese: 被叫 for `inbound`, otherwise 外呼.
fn account_zh(account: &str) -> &str {
    if account == "inbound" {
        "被叫"
    } else {
        "外呼"
    }
}

/// `{…:side}`: where a value lies from a policy limit (`below` or `above`) in Chinese.
fn side_zh(side: &str) -> &str {
    if side == "below" {
        "低于"
    } else {
        "高于"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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

    /// Every path a message names has its label; indices do not matter.
    #[test]
    fn labels_by_path_pattern() {
        for (path, zh) in [
            ("signing_date", "签约日期"),
            ("validity.start", "有效期开始日"),
            ("months[11].actual.paid", "付款日期"),
            ("months[0].actual.report_received", "收到报表日期"),
        ] {
            assert_eq!(label(path).map(|[zh, _]| zh), Some(zh), "{path}");
        }
        assert_eq!(label("validity"), None);
        assert_eq!(label("months[0].volume"), None);
        // The paths the crate passes as `other` to date_order all have labels.
        for step in crate::schedule::Actual::STEPS {
            assert!(
                label(&format!("months[3].actual.{step}")).is_some(),
                "{step}"
            );
        }
        for other in ["signing_date", "validity.start"] {
            assert!(label(other).is_some(), "{other}");
        }
    }

    /// Every code with the parameters the crate gives it, and its exact texts (zh, en).
    type Case = (
        Code,
        &'static [(&'static str, &'static str)],
        &'static str,
        &'static str,
    );
    #[rustfmt::skip]
    const TABLE: &[Case] = &[
        (Code::WrongType, &[("expected", "object"), ("found", "array")], "应为对象，实际为数组", "expected object, found array"),
        (Code::WrongType, &[("expected", "object"), ("found", "null")], "应为对象，实际为空值", "expected object, found null"),
        (Code::WrongType, &[("expected", "number"), ("found", "boolean")], "应为数字，实际为布尔值", "expected number, found boolean"),
        (Code::WrongType, &[("expected", "string"), ("found", "number")], "应为文本，实际为数字", "expected string, found number"),
        (Code::WrongType, &[("expected", "array"), ("found", "object")], "应为数组，实际为对象", "expected array, found object"),
        (Code::WrongType, &[("expected", "array"), ("found", "string")], "应为数组，实际为文本", "expected array, found string"),
        (Code::WrongType, &[("expected", "JSON"), ("found", "a value JSON cannot hold")], "应为JSON，实际为a value JSON cannot hold", "expected JSON, found a value JSON cannot hold"),
        (Code::WrongType, &[("expected", "string"), ("found", "a value that is not text")], "应为文本，实际为a value that is not text", "expected string, found a value that is not text"),
        (Code::Required, &[], "必填项", "required"),
        (Code::UnknownField, &[("field", "colour")], "未知字段“colour”，已忽略", "unknown field \"colour\" was ignored"),
        (Code::NoMonths, &[], "至少需要一个工作月", "at least one work month is needed"),
        (Code::InvalidChoice, &[("allowed", "linear, below_target")], "取值应为 linear, below_target 之一", "must be one of linear, below_target"),
        (Code::NotANumber, &[("value", "1e5")], "“1e5”不是数字", "\"1e5\" is not a number"),
        (Code::NotAnInteger, &[], "应为整数（记录数不能有小数）", "must be a whole number (a count of records)"),
        (Code::TooManyDecimals, &[], "金额最多两位小数（到分）", "money has at most two decimals (fen)"),
        (Code::TooLarge, &[("max", "1000000000000")], "数值过大，上限为 1000000000000", "too large; the limit is 1000000000000"),
        (Code::TextTooLong, &[("max", "200")], "文字过长，最多 200 个字符", "too long; at most 200 characters"),
        (Code::TooLarge, &[("max", "100%")], "数值过大，上限为 100%", "too large; the limit is 100%"),
        (Code::TooPrecise, &[("max", "28")], "小数位过多，精确计算最多 28 位有效数字", "too many decimals; exact arithmetic holds 28 significant digits"),
        (Code::Negative, &[], "不能为负数", "must not be negative"),
        (Code::RateOutOfRange, &[("value", "1.5")], "比率应在 0 到 1 之间（0%–100%）", "a rate must lie between 0 and 1 (0 %–100 %)"),
        (Code::OutOfRange, &[("min", "1"), ("max", "31")], "应在 1 到 31 之间", "must lie between 1 and 31"),
        (Code::OutOfRange, &[("min", "2026-01-01"), ("max", "2026-12-31")], "应在 2026-01-01 到 2026-12-31 之间", "must lie between 2026-01-01 and 2026-12-31"),
        (Code::InvalidMonth, &[("value", "2026-13")], "“2026-13”不是有效月份，格式为 YYYY-MM", "\"2026-13\" is not a valid month; use YYYY-MM"),
        (Code::SuccessesExceedVolume, &[("successes", "1200"), ("volume", "1000")], "成功单数 1200 超过外呼量 1000", "successes 1200 exceed the volume 1000"),
        (Code::InaccurateExceedSampled, &[("inaccurate", "12"), ("sampled", "10")], "不实记录数 12 超过抽查数 10", "inaccurate records 12 exceed the sample 10"),
        (Code::SampledExceedVolume, &[("sampled", "2000"), ("volume", "1000")], "抽查数 2000 超过外呼量 1000", "the sample 2000 exceeds the volume 1000"),
        (Code::RateAndSuccessesBoth, &[], "成功率与成功单数只能填一个", "give either the success rate or the successes, not both"),
        (Code::RateAndSuccessesMissing, &[], "请填写成功率或成功单数", "give the success rate or the successes"),
        (Code::Overflow, &[], "结果超出精确计算范围（最多 28 位有效数字），请减少数值或小数位", "the result needs more than exact arithmetic holds (28 significant digits); use smaller values or fewer decimals"),
        (Code::NegativeFee, &[("net_fee", "-1250.00")], "服务费净额为负（-1250.00 元）", "the net service fee is negative (CNY -1250.00)"),
        (Code::TrialOverCap, &[("trial_records", "800"), ("cap", "500"), ("left", "500"), ("billable", "300"), ("trial_successes", "90")], "本月试访 800 条，项目免费上限 500 条尚余 500 条，超出的 300 条连同其成功单数 90 计入结算", "trial of 800 records this month with 500 of the project's free 500 left: the 300 beyond it are billed with their 90 successes"),
        (Code::TrialSuccessesRequired, &[("billable", "1000")], "超出免费试访上限的 1000 条试访记录须连同其成功单数计入结算：请填写试访成功单数", "the 1000 trial records beyond the free cap enter the bill only with their successes: give the trial successes"),
        (Code::TrialSuccessesExceedBillable, &[("trial_successes", "1200"), ("billable", "1000")], "试访成功单数 1200 超过计费的试访记录 1000 条", "trial successes 1200 exceed the 1000 billed trial records"),
        (Code::TargetZeroWithPenalty, &[], "目标成功率为 0 却设置了扣罚单价，扣罚不会发生", "the target rate is 0 but a penalty is set: there is nothing to miss"),
        (Code::FractionalSuccesses, &[("successes", "350.5")], "成功率 × 外呼量 = 350.5，不是整数单", "success rate × volume = 350.5, not a whole number of orders"),
        (Code::DuplicateMonth, &[("month", "2026-01")], "月份 2026-01 重复", "month 2026-01 appears more than once"),
        (Code::HolidaysOutsideData, &[("years", "2027, 2028")], "节假日数据不含 2027, 2028 年的放假通知：该年按周末和法定节假日（全国年节及纪念日放假办法）计算，调休安排尚未公布", "the holiday data has no notice for 2027, 2028: days there count weekends and the statutory holidays fixed by law; 调休 (swapped working days) is not yet published"),
        (Code::ShareLinkInvalid, &[("reason", "no version"), ("reason_zh", "缺少版本号")], "分享链接无效或已损坏（缺少版本号），无法恢复页面状态", "the share link is invalid or damaged (no version); the page state cannot be restored"),
        (Code::InvalidDate, &[("value", "2026-02-30")], "“2026-02-30”不是有效日期（可写 2026-03-05、2026/3/5 或 2026年3月5日）", "\"2026-02-30\" is not a valid date (write 2026-03-05, 2026/3/5 or 2026年3月5日)"),
        (Code::InvalidDate, &[], "“?”不是有效日期（可写 2026-03-05、2026/3/5 或 2026年3月5日）", "\"?\" is not a valid date (write 2026-03-05, 2026/3/5 or 2026年3月5日)"),
        (Code::DateOrder, &[("other", "signing_date"), ("other_date", "2026-03-01")], "不能早于签约日期（2026-03-01）", "must not be before the signing date (2026-03-01)"),
        (Code::DateOrder, &[("other", "validity.start"), ("other_date", "2026-03-01")], "不能早于有效期开始日（2026-03-01）", "must not be before the validity start (2026-03-01)"),
        (Code::DateOrder, &[("other", "months[0].actual.report_received"), ("other_date", "2026-03-05")], "不能早于收到报表日期（2026-03-05）", "must not be before the report received date (2026-03-05)"),
        (Code::DateOrder, &[("other", "colour"), ("other_date", "2026-03-05")], "不能早于colour（2026-03-05）", "must not be before the colour (2026-03-05)"),
        (Code::OutboundBeforeInbound, &[("outbound", "2026-03-01"), ("inbound", "2026-03-10")], "400外呼（2026-03-01）须在400被叫（2026-03-10）开通之后开通", "outbound (400外呼, 2026-03-01) may open only after inbound (400被叫, 2026-03-10) is open"),
        (Code::TopUpOutsideValidity, &[("start", "2026-03-01"), ("end", "2027-02-28")], "续费日期应在有效期 2026-03-01 至 2027-02-28 之内", "a top-up must fall within the validity period 2026-03-01 to 2027-02-28"),
        (Code::AdvertisingBeforeActivation, &[("advertising_start", "2026-03-01"), ("activation_date", "2026-03-10")], "广告宣传开始（2026-03-01）早于号码开通（2026-03-10）：号码开通前不得做广告，损失由甲方自行承担", "advertising starts (2026-03-01) before the number is activated (2026-03-10); advertising before activation is at the customer's own loss"),
        (Code::TopUpAfterRunOut, &[("stopped", "2026-06-15")], "该账户已于 2026-06-15 停机，此后的续费不会恢复服务", "the account stopped on 2026-06-15; a later top-up does not restore it"),
        (Code::TopUpTooLate, &[("account", "inbound"), ("runs_out", "2026-07-20")], "被叫账户在 2026-07-20 已余额不足，此日期续费为时已晚", "the inbound account runs out on 2026-07-20 (its balance no longer covers that day): a top-up on or after it is too late"),
        (Code::TopUpTooLate, &[("account", "outbound"), ("runs_out", "2026-07-20")], "外呼账户在 2026-07-20 已余额不足，此日期续费为时已晚", "the outbound account runs out on 2026-07-20 (its balance no longer covers that day): a top-up on or after it is too late"),
        (Code::WrongColumnCount, &[], "列数与文件格式不符", "the number of columns differs from the file's layout"),
        (Code::UnreadableTimestamp, &[], "时间无法识别（应为 YYYY-MM-DD HH:MM:SS）", "a time that cannot be read (use YYYY-MM-DD HH:MM:SS)"),
        (Code::EndBeforeStart, &[], "结束时间早于开始时间", "the end time is before the start time"),
        (Code::NoCustomerNumber, &[], "该呼叫的各条记录都没有有效的客户号码（3–20 位数字，可带 +）", "no leg of the call has a valid customer number (3–20 digits after an optional +)"),
        (Code::UnknownDisposition, &[], "未知的呼叫结果（应为 ANSWERED、NO ANSWER、BUSY、FAILED、CONGESTION）", "unknown disposition (expected ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION)"),
        (Code::DuplicateRow, &[], "重复记录（与前面某行相同，或 uniqueid + sequence、记录编号重复）", "duplicate row (identical to an earlier one, or a repeated uniqueid + sequence or record id)"),
        (Code::BillsecOverDuration, &[], "通话时长 billsec 超过总时长 duration", "billsec (talk time) exceeds duration"),
        (Code::UnreadableValue, &[], "时长、序号、记录编号或成功标记无法识别", "a duration, sequence, record id or success flag that cannot be read"),
        (Code::SuccessTooShort, &[], "标为成功，但接通通话时长不足最短成功时长", "marked a success, but its answered talk time is below the minimum"),
        (Code::UnknownLayout, &[], "无法识别文件格式，请指定各列的含义", "the file matches no known layout; assign its columns"),
        (Code::MonthsAndNewEnd, &[], "续期月数与新到期日只能填一个", "give either the months of the renewal or its new end date, not both"),
        (Code::RenewalTooLate, &[("lost", "2026-06-11")], "续期太晚：号码已于 2026-06-11 放弃（有效期到期或被叫余额不足），此后的续期不予受理", "renewal too late: the number was given up on 2026-06-11 (validity ended or inbound ran out); a later renewal is refused"),
        (Code::BeforeActivation, &[("date", "2026-03-15"), ("activation_date", "2026-03-20")], "2026-03-15 早于号码开通（2026-03-20）：号码开通前无法使用", "2026-03-15 is before the number is activated (2026-03-20); nothing can be used before then"),
        (Code::OutboundOpenedWhileSuspended, &[("opened", "2026-06-15"), ("stopped", "2026-04-11")], "外呼于 2026-06-15 开通时被叫已于 2026-04-11 停止：外呼自开通日起即暂停，充入的余额不退", "outbound opens on 2026-06-15, after inbound stopped on 2026-04-11: it is suspended from its first day and its balance is not refunded"),
        (Code::NumberReleased, &[("due", "2026-02-28"), ("released", "2026-03-01")], "资料提交截止日为 2026-02-28，已逾期：所选号码已于 2026-03-01 释放，需另选号码", "the documents were due by 2026-02-28: late, so the chosen number is released on 2026-03-01; another number must be chosen"),
        (Code::ActivatedBeforeDocuments, &[("activation_date", "2026-03-01"), ("documents_submitted", "2026-03-05")], "号码开通（2026-03-01）早于资料提交（2026-03-05）", "the number is activated (2026-03-01) before the documents are handed in (2026-03-05)"),
        (Code::PolicyVersion, &[("found", "2")], "不支持的政策版本 2（本计算器读取版本 1）", "unsupported policy version 2; this calculator reads version 1"),
        (Code::PolicyOrder, &[("target", "2.80"), ("normal", "3.00"), ("floor", "2.00")], "常规限额 3.00 应在目标 2.80 与底线 2.00 之间（含两端），且目标不能等于底线", "the normal limit 3.00 must lie between the target 2.80 and the floor 2.00 (both included), and the target must differ from the floor"),
        (Code::PolicyUnknownApprover, &[("approver", "cfo")], "审批人“cfo”不在 approvers 列表中", "the approver \"cfo\" is not in the approvers list"),
        (Code::PolicyApproval, &[("value", "2.30"), ("side", "below"), ("limit", "2.40"), ("approver", "manager")], "2.30 低于常规限额 2.40：需 manager 审批", "2.30 is below the normal limit 2.40: needs approval by manager"),
        (Code::PolicyApproval, &[("value", "1.20"), ("side", "above"), ("limit", "1.00"), ("approver", "director")], "1.20 高于常规限额 1.00：需 director 审批", "1.20 is above the normal limit 1.00: needs approval by director"),
        (Code::PolicyBlocked, &[("value", "1.99"), ("side", "below"), ("limit", "2.00")], "1.99 低于底线 2.00：超出政策范围", "1.99 is below the floor 2.00: out of bounds"),
        (Code::PolicyBlocked, &[("value", "31"), ("side", "above"), ("limit", "30")], "31 高于底线 30：超出政策范围", "31 is above the floor 30: out of bounds"),
        // A value is inserted as it is, braces and all.
        (Code::NotANumber, &[("value", "{max}")], "“{max}”不是数字", "\"{max}\" is not a number"),
        // The first parameter of a name counts.
        (Code::TooLarge, &[("max", "1"), ("max", "2")], "数值过大，上限为 1", "too large; the limit is 1"),
    ];

    fn problem(code: Code, params: &[(&'static str, &'static str)]) -> Problem {
        params
            .iter()
            .fold(Problem::error("x", code), |p, (k, v)| p.with(k, v))
    }

    /// The snake_case names of all codes, from the TypeScript declaration of [`Code`].
    fn all_codes() -> BTreeSet<String> {
        let decl = <Code as ts_rs::TS>::decl(&ts_rs::Config::new());
        decl.split('"')
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect()
    }

    fn name(code: Code) -> String {
        serde_json::to_value(code)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn every_code_has_its_exact_texts() {
        for (code, params, zh, en) in TABLE {
            let m = Message::from(&problem(*code, params));
            assert_eq!((m.message_zh.as_str(), m.message_en.as_str()), (*zh, *en));
        }
        let covered: BTreeSet<String> = TABLE.iter().map(|c| name(c.0)).collect();
        assert_eq!(covered, all_codes());
    }

    /// Placeholders are closed, name a known filter, and the table above gives each code every
    /// parameter its templates use.
    #[test]
    fn templates_are_well_formed() {
        for (code, ..) in TABLE {
            for template in templates(*code) {
                let mut rest = *template;
                while let Some((_, after)) = rest.split_once('{') {
                    let (placeholder, after) = after.split_once('}').expect(template);
                    assert!(!placeholder.contains('{'), "{template}");
                    let (param, filter) = placeholder.split_once(':').unwrap_or((placeholder, ""));
                    assert!(
                        ["", "kind", "account", "field_zh", "field_en", "side"].contains(&filter),
                        "{template}"
                    );
                    assert!(
                        TABLE
                            .iter()
                            .any(|c| c.0 == *code && c.1.iter().any(|(k, _)| *k == param)),
                        "{code:?}: no case gives {param}"
                    );
                    rest = after;
                }
                assert!(!rest.contains('}'), "{template}");
            }
        }
    }
}
