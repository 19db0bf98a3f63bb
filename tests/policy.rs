//! Deal policy (docs/rules.md "Deal policy"): hand-worked cases for each rule at, just inside and
//! just beyond its limits (to the fen and the record), in both languages; a policy with every
//! rule; malformed policies; the range of outcomes; and properties:
//! (a) moving a term toward its target never adds a finding on that term;
//! (b) the downside never exceeds the total at any success rate (deduction share k × m ÷ N ≤ 1);
//! (c) the status is the most severe finding's, the approver the highest tier needed.

use callsettle::policy::{PolicyCheck, PolicyStatus};
use callsettle::problem::{Code, Severity};
use callsettle::{check_policy, outcome_range, settle, Validation};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// A test value read as the binding reads an input: its JSON text through the shipped reader.
fn read(v: &Value) -> Value {
    callsettle::reader::parse(&v.to_string()).expect("a test value reads")
}

/// The worked scenario: p 2.40, s0 0.35, F 1.00, 10000 records at 0.30. Its month total is
/// 2.40 × 3000 − 1.00 × (3500 − 3000) = 7200.00 − 500.00 = 6700.00; its downside (0 %)
/// −1.00 × 3500 = −3500.00; at 100 % 2.40 × 10000 = 24000.00.
fn scenario() -> Value {
    json!({
        "terms": { "unit_price": "2.40", "target_rate": "0.35", "penalty_per_unit": "1.00" },
        "months": [{ "month": "2026-01", "volume": 10000, "success_rate": "0.30" }]
    })
}

/// The scenario with `path` (`terms.unit_price`, `terms.settlement.payment_days`) set to `value`.
fn with(mut s: Value, path: &str, value: &str) -> Value {
    let mut at = &mut s;
    let parts: Vec<&str> = path.split('.').collect();
    for part in &parts[..parts.len() - 1] {
        if at.get(*part).is_none() {
            at[*part] = json!({});
        }
        at = &mut at[*part];
    }
    at[parts[parts.len() - 1]] = json!(value);
    s
}

fn policy(group: &str, rule: &str, target: &str, normal: &str, floor: &str) -> Value {
    json!({ "name": "test", "version": 1,
            group: { rule: { "target": target, "normal": normal, "floor": floor, "approver": "manager" } } })
}

fn checked(scenario: &Value, policy: &Value) -> PolicyCheck {
    check_policy(&read(scenario), &read(policy))
        .unwrap_or_else(|e| panic!("check_policy: {:?}", e.errors))
}

fn failed(scenario: &Value, policy: &Value) -> Validation {
    match check_policy(&read(scenario), &read(policy)) {
        Ok(c) => panic!("expected errors, got {c:?}"),
        Err(v) => v,
    }
}

/// (scenario field, rule group and name, [target, normal, floor], [(value, status, limit, zh, en)]).
type Case = (
    &'static str,
    [&'static str; 2],
    [&'static str; 3],
    &'static [(
        &'static str,
        PolicyStatus,
        &'static str,
        &'static str,
        &'static str,
    )],
);

const W: PolicyStatus = PolicyStatus::Within;
const A: PolicyStatus = PolicyStatus::Approval;
const B: PolicyStatus = PolicyStatus::Blocked;

/// Each term rule at its normal limit, a fen or a record inside and beyond it, at its floor, and
/// a fen or a record beyond the floor.
#[rustfmt::skip]
const TERM_CASES: &[Case] = &[
    ("terms.unit_price", ["terms", "unit_price"], ["2.80", "2.40", "2.00"], &[
        ("2.40", W, "", "", ""),
        ("2.41", W, "", "", ""),
        ("2.39", A, "2.40", "2.39 低于常规限额 2.40：需 manager 审批", "2.39 is below the normal limit 2.40: needs approval by manager"),
        ("2.01", A, "2.40", "2.01 低于常规限额 2.40：需 manager 审批", "2.01 is below the normal limit 2.40: needs approval by manager"),
        ("2.00", A, "2.40", "2.00 低于常规限额 2.40：需 manager 审批", "2.00 is below the normal limit 2.40: needs approval by manager"),
        ("1.99", B, "2.00", "1.99 低于底线 2.00：超出政策范围", "1.99 is below the floor 2.00: out of bounds"),
    ]),
    ("terms.penalty_per_unit", ["terms", "penalty_per_unit"], ["0.50", "1.00", "1.50"], &[
        ("1.00", W, "", "", ""),
        ("0.99", W, "", "", ""),
        ("1.01", A, "1.00", "1.01 高于常规限额 1.00：需 manager 审批", "1.01 is above the normal limit 1.00: needs approval by manager"),
        ("1.50", A, "1.00", "1.50 高于常规限额 1.00：需 manager 审批", "1.50 is above the normal limit 1.00: needs approval by manager"),
        ("1.51", B, "1.50", "1.51 高于底线 1.50：超出政策范围", "1.51 is above the floor 1.50: out of bounds"),
    ]),
    // A rate as the reader reads it: "35%" is 0.35.
    ("terms.target_rate", ["terms", "target_rate"], ["0.30", "35%", "0.40"], &[
        ("0.35", W, "", "", ""),
        ("0.349999", W, "", "", ""),
        ("0.350001", A, "0.35", "0.350001 高于常规限额 0.35：需 manager 审批", "0.350001 is above the normal limit 0.35: needs approval by manager"),
        ("40%", A, "0.35", "0.4 高于常规限额 0.35：需 manager 审批", "0.4 is above the normal limit 0.35: needs approval by manager"),
        ("0.400001", B, "0.4", "0.400001 高于底线 0.4：超出政策范围", "0.400001 is above the floor 0.4: out of bounds"),
    ]),
    ("terms.trial_free_records", ["terms", "trial_free_records"], ["1000", "3000", "5000"], &[
        ("3000", W, "", "", ""),
        ("2999", W, "", "", ""),
        ("3001", A, "3000", "3001 高于常规限额 3000：需 manager 审批", "3001 is above the normal limit 3000: needs approval by manager"),
        ("5000", A, "3000", "5000 高于常规限额 3000：需 manager 审批", "5000 is above the normal limit 3000: needs approval by manager"),
        ("5001", B, "5000", "5001 高于底线 5000：超出政策范围", "5001 is above the floor 5000: out of bounds"),
    ]),
    ("terms.settlement.payment_days", ["terms", "payment_days"], ["10", "15", "30"], &[
        ("15", W, "", "", ""),
        ("14", W, "", "", ""),
        ("16", A, "15", "16 高于常规限额 15：需 manager 审批", "16 is above the normal limit 15: needs approval by manager"),
        ("30", A, "15", "30 高于常规限额 15：需 manager 审批", "30 is above the normal limit 15: needs approval by manager"),
        ("31", B, "30", "31 高于底线 30：超出政策范围", "31 is above the floor 30: out of bounds"),
    ]),
    ("terms.settlement.lag_months", ["terms", "lag_months"], ["1", "2", "3"], &[
        ("2", W, "", "", ""),
        ("1", W, "", "", ""),
        ("3", A, "2", "3 高于常规限额 2：需 manager 审批", "3 is above the normal limit 2: needs approval by manager"),
        ("4", B, "3", "4 高于底线 3：超出政策范围", "4 is above the floor 3: out of bounds"),
    ]),
];

#[test]
fn each_term_rule_at_and_around_its_limits() {
    for (field, [group, rule], [target, normal, floor], rows) in TERM_CASES {
        let p = policy(group, rule, target, normal, floor);
        for (value, status, limit, zh, en) in *rows {
            let c = checked(&with(scenario(), field, value), &p);
            assert_eq!(c.status, *status, "{rule} = {value}");
            if *status == W {
                assert!(c.findings.is_empty(), "{rule} = {value}: {:?}", c.findings);
                assert_eq!(c.approver, None);
                continue;
            }
            let [f] = &c.findings[..] else {
                panic!("{rule} = {value}: {:?}", c.findings)
            };
            assert_eq!(f.path, *field);
            assert_eq!(f.limit.to_string(), *limit, "{rule} = {value}");
            assert_eq!(
                f.value,
                callsettle::number::rate(&json!(value))
                    .or_else(|_| callsettle::number::decimal(&json!(value)))
                    .unwrap()
            );
            assert_eq!((f.message_zh.as_str(), f.message_en.as_str()), (*zh, *en));
            let approval = *status == A;
            assert_eq!(
                (f.code, f.severity),
                if approval {
                    (Code::PolicyApproval, Severity::Warning)
                } else {
                    (Code::PolicyBlocked, Severity::Error)
                }
            );
            let approver = approval.then(|| "manager".to_owned());
            assert_eq!((&f.approver, &c.approver), (&approver, &approver));
        }
    }
}

/// The outcome rules against the worked month (total 6700.00, downside −3500.00): the limits
/// at the value, a fen on either side of it.
#[test]
fn each_outcome_rule_at_and_around_its_limits() {
    #[rustfmt::skip]
    let cases = [
        ("total", ["9000", "6700.00", "5000"], W, ""),
        ("total", ["9000", "6699.99", "5000"], W, ""),
        ("total", ["9000", "6700.01", "5000"], A, "6700.00 低于常规限额 6700.01：需 manager 审批 / 6700.00 is below the normal limit 6700.01: needs approval by manager"),
        ("total", ["9000", "6800", "6700.00"], A, "6700.00 低于常规限额 6800：需 manager 审批 / 6700.00 is below the normal limit 6800: needs approval by manager"),
        ("total", ["9000", "6800", "6700.01"], B, "6700.00 低于底线 6700.01：超出政策范围 / 6700.00 is below the floor 6700.01: out of bounds"),
        ("downside", ["0", "-3500.00", "-4000"], W, ""),
        ("downside", ["0", "-3500.01", "-4000"], W, ""),
        ("downside", ["0", "-3499.99", "-4000"], A, "-3500.00 低于常规限额 -3499.99：需 manager 审批 / -3500.00 is below the normal limit -3499.99: needs approval by manager"),
        ("downside", ["0", "-2000", "-3500.00"], A, "-3500.00 低于常规限额 -2000：需 manager 审批 / -3500.00 is below the normal limit -2000: needs approval by manager"),
        ("downside", ["0", "-2000", "-3499.99"], B, "-3500.00 低于底线 -3499.99：超出政策范围 / -3500.00 is below the floor -3499.99: out of bounds"),
        // An outcome where lower is better (a ceiling on what the client pays).
        ("total", ["5000", "6700.00", "8000"], W, ""),
        ("total", ["5000", "6699.99", "8000"], A, "6700.00 高于常规限额 6699.99：需 manager 审批 / 6700.00 is above the normal limit 6699.99: needs approval by manager"),
    ];
    for (rule, [target, normal, floor], status, text) in cases {
        let c = checked(
            &scenario(),
            &policy("outcomes", rule, target, normal, floor),
        );
        assert_eq!(c.status, status, "{rule} {normal} {floor}");
        let texts: Vec<String> = c
            .findings
            .iter()
            .map(|f| format!("{} / {}", f.message_zh, f.message_en))
            .collect();
        assert_eq!(texts.join(""), text);
        for f in &c.findings {
            assert_eq!(f.path, "months[0]");
        }
    }
}

/// The example with every rule and an approvers list: tiers rank by the list, not by
/// the order the rules name them; outcome rules apply to each month.
#[test]
fn a_policy_with_every_rule() {
    let p = json!({
        "name": "2027 standard pricing", "version": 1,
        "approvers": ["manager", "director", "finance"],
        "terms": {
            "unit_price": { "target": "2.80", "normal": "2.40", "floor": "2.00", "approver": "manager" },
            "penalty_per_unit": { "target": "0.50", "normal": "1.00", "floor": "1.50", "approver": "director" },
            "target_rate": { "target": "0.30", "normal": "0.35", "floor": "0.40", "approver": "director" },
            "trial_free_records": { "target": 1000, "normal": 3000, "floor": 5000, "approver": "manager" },
            "payment_days": { "target": 10, "normal": 15, "floor": 30, "approver": "finance" },
            "lag_months": { "target": 1, "normal": 2, "floor": 3, "approver": "finance" }
        },
        "outcomes": {
            "total": { "target": "9000", "normal": "6000", "floor": "3000", "approver": "director" },
            "downside": { "target": "0", "normal": "-2000.00", "floor": "-3000.00", "approver": "finance" }
        }
    });
    // The worked scenario: only the downside (−3500.00 < −3000.00) is out of bounds.
    let c = checked(&scenario(), &p);
    assert_eq!(c.status, B);
    assert_eq!(c.policy.name, "2027 standard pricing");
    assert_eq!(c.policy.version, 1);
    let rules: Vec<String> = c
        .findings
        .iter()
        .map(|f| format!("{:?} {} {}", f.rule, f.path, f.code_name()))
        .collect();
    assert_eq!(rules, ["Downside months[0] policy_blocked"]);
    assert_eq!(c.approver, None);
    // Price 2.30 (manager), F 1.20 (director), and a second month whose total 2.30 × 100 −
    // 1.20 × (350 − 100) = 230.00 − 300.00 = −70.00 is out of bounds on `total`; its downside
    // −1.20 × 350 = −420.00 is within. Month 1: 2.30 × 3000 − 1.20 × 500 = 6300.00 (within),
    // downside −4200.00 (out of bounds).
    let mut s = with(
        with(scenario(), "terms.unit_price", "2.30"),
        "terms.penalty_per_unit",
        "1.20",
    );
    s["months"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "month": "2026-02", "volume": 1000, "successes": 100 }));
    let c = checked(&s, &p);
    let rules: Vec<String> = c
        .findings
        .iter()
        .map(|f| {
            format!(
                "{:?} {} {} {} {}",
                f.rule,
                f.path,
                f.value,
                f.limit,
                f.code_name()
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            "UnitPrice terms.unit_price 2.30 2.40 policy_approval",
            "PenaltyPerUnit terms.penalty_per_unit 1.20 1.00 policy_approval",
            "Total months[1] -70.00 3000 policy_blocked",
            "Downside months[0] -4200.00 -3000.00 policy_blocked",
        ]
    );
    assert_eq!((c.status, c.approver.as_deref()), (B, Some("director")));
    // Without the list, the tiers rank in the order the rules first name them: manager,
    // director, finance, the same here; with the list reversed, manager is the highest.
    let mut reversed = p.clone();
    reversed["approvers"] = json!(["finance", "director", "manager"]);
    let c = checked(&s, &reversed);
    assert_eq!(c.approver.as_deref(), Some("manager"));
    let mut unlisted = p.clone();
    unlisted.as_object_mut().unwrap().remove("approvers");
    assert_eq!(checked(&s, &unlisted).approver.as_deref(), Some("director"));
}

trait CodeName {
    fn code_name(&self) -> String;
}
impl CodeName for callsettle::policy::Finding {
    fn code_name(&self) -> String {
        serde_json::to_value(self.code)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }
}

fn problems(v: &Validation) -> Vec<String> {
    v.errors
        .iter()
        .chain(&v.warnings)
        .map(|m| {
            format!(
                "{} {}",
                m.path,
                serde_json::to_value(m.code).unwrap().as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn malformed_policies_report_every_problem_with_its_path() {
    let bad = json!({
        "version": 2,
        "approvers": ["manager"],
        "colour": "red",
        "terms": {
            "unit_price": { "target": "2.80", "normal": "3.00", "floor": "2.00", "approver": "manager" },
            "penalty_per_unit": { "target": "1.00", "normal": "1.00", "floor": "1.00", "approver": "manager" },
            "target_rate": { "target": "0.30", "normal": "150%", "floor": "0.40", "approver": "manager" },
            "payment_days": { "target": 10, "normal": 15.5, "floor": 30, "approver": "manager" },
            "lag_months": { "target": 1, "normal": 2, "floor": 3, "approver": "cfo" },
            "trial_free_records": { "target": 1000, "normal": 3000, "floor": 5000 },
            "volume": { "target": 1, "normal": 2, "floor": 3, "approver": "manager" }
        },
        "outcomes": {
            "total": { "target": "abc", "normal": "1.001", "approver": "manager" },
            "downside": []
        }
    });
    let v = failed(&scenario(), &bad);
    assert_eq!(
        problems(&v),
        [
            "policy.name required",
            "policy.version policy_version",
            "policy.terms.unit_price.normal policy_order",
            "policy.terms.penalty_per_unit.normal policy_order",
            "policy.terms.target_rate.normal rate_out_of_range",
            "policy.terms.trial_free_records.approver required",
            "policy.terms.payment_days.normal not_an_integer",
            "policy.outcomes.total.target not_a_number",
            "policy.outcomes.total.normal too_many_decimals",
            "policy.outcomes.total.floor required",
            "policy.outcomes.downside wrong_type",
            "policy.terms.lag_months.approver policy_unknown_approver",
            "policy.colour unknown_field",
            "policy.terms.volume unknown_field",
        ]
    );
    let texts: Vec<(&str, &str)> = v
        .errors
        .iter()
        .take(3)
        .map(|m| (m.message_zh.as_str(), m.message_en.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("必填项", "required"),
            ("不支持的政策版本 2（本计算器读取版本 1）", "unsupported policy version 2; this calculator reads version 1"),
            ("常规限额 3.00 应在目标 2.80 与底线 2.00 之间（含两端），且目标不能等于底线", "the normal limit 3.00 must lie between the target 2.80 and the floor 2.00 (both included), and the target must differ from the floor"),
        ]
    );
    for (doc, want) in [
        (json!([]), vec!["policy wrong_type"]),
        (json!({ "name": "x" }), vec!["policy.version required"]),
        (
            json!({ "name": 5, "version": "1" }),
            vec!["policy.name wrong_type"],
        ),
        (
            json!({ "name": "x", "version": 1, "approvers": "manager" }),
            vec!["policy.approvers wrong_type"],
        ),
        (
            json!({ "name": "x", "version": 1, "terms": 3 }),
            vec!["policy.terms wrong_type"],
        ),
    ] {
        assert_eq!(problems(&failed(&scenario(), &doc)), want, "{doc}");
    }
    // Scenario errors and policy errors come together; an empty policy is within.
    let v = failed(
        &with(scenario(), "terms.unit_price", "-1"),
        &json!({ "name": "x", "version": 3 }),
    );
    assert_eq!(
        problems(&v),
        ["policy.version policy_version", "terms.unit_price negative"]
    );
    let c = checked(&scenario(), &json!({ "name": "empty", "version": 1 }));
    assert_eq!((c.status, c.findings.len()), (W, 0));
    // A hard floor: normal = floor needs no approver; its unknown field only warns.
    let c = checked(
        &with(scenario(), "terms.unit_price", "2.39"),
        &json!({ "name": "hard", "version": 1, "note": "x",
                 "terms": { "unit_price": { "target": "2.80", "normal": "2.40", "floor": "2.40" } } }),
    );
    assert_eq!((c.status, c.warnings.len()), (B, 1));
    assert_eq!(c.warnings[0].path, "policy.note");
}

/// The range of the worked month: at 0 % −3500.00, at 100 % 24000.00, break-even where
/// 2.40 × 10000 s − 1.00 × (3500 − 10000 s) = 0: s = 3500 ÷ 34000 = 0.1029411…; at 0.102941 the
/// lines are 2470.58 and −2470.59 (−0.01), at 0.102942 2470.58 and −2470.58 (0.00): 0.102942.
/// With telecom charges 100.00 every total grows by 100.00 and break-even stays (net fee 0).
#[test]
fn the_range_of_a_bill() {
    for telecom in ["0", "100.00"] {
        let mut s = scenario();
        s["months"][0]["telecom_charges"] = json!(telecom);
        let r = outcome_range(&read(&s)).unwrap();
        let plus = |x: &str| {
            (x.parse::<Decimal>().unwrap() + telecom.parse::<Decimal>().unwrap()).to_string()
        };
        let m = &r.months[0];
        assert_eq!(
            [
                m.total.to_string(),
                m.at_zero.to_string(),
                m.at_full.to_string()
            ],
            [plus("6700.00"), plus("-3500.00"), plus("24000.00")]
        );
        assert_eq!(m.break_even_rate.unwrap().to_string(), "0.102942");
    }
    // Two months: the scenario's range sums them; a month
    // with no target and no price breaks even at 0 %, one whose penalty never lets it at none.
    let s = json!({
        "terms": { "unit_price": "0", "target_rate": "0.35", "penalty_per_unit": "1.00" },
        "months": [{ "month": "2026-01", "volume": 100, "success_rate": "0.30" },
                   { "month": "2026-02", "volume": 0, "success_rate": "0.30" }]
    });
    let r = outcome_range(&read(&s)).unwrap();
    let shown: Vec<String> = r
        .months
        .iter()
        .map(|m| {
            format!(
                "{} {} {} {:?}",
                m.total,
                m.at_zero,
                m.at_full,
                m.break_even_rate.map(|d| d.to_string())
            )
        })
        .collect();
    // Month 1: p 0, so the net fee reaches 0 only when the rounded penalty does:
    // −1.00 × (35 − 100 s) rounds to 0.00 once the gap is below half a fen: at s = 0.34995 it is
    // −0.005 → −0.01, at 0.349951 −0.0049 → 0.00. Month 2 has nothing to bill: 0 %.
    assert_eq!(
        shown,
        [
            "-5.00 -35.00 0.00 Some(\"0.349951\")",
            "0.00 0.00 0.00 Some(\"0\")"
        ]
    );
    assert_eq!(r.at_zero.to_string(), "-35.00");
    // A deduction of everything (k = 2, half wrong): the fee is −fee, more successes pay less.
    let s = json!({
        "terms": { "unit_price": "1.00", "target_rate": "0", "penalty_per_unit": "0", "inaccuracy_multiplier": "2" },
        "months": [{ "month": "2026-01", "volume": 100, "success_rate": "0.5",
                     "sampled_records": 10, "inaccurate_records": 10 }]
    });
    let r = outcome_range(&read(&s)).unwrap();
    let m = &r.months[0];
    assert_eq!(
        (m.at_zero.to_string(), m.at_full.to_string()),
        ("0.00".into(), "-100.00".into())
    );
    assert_eq!(m.break_even_rate.unwrap().to_string(), "0");
    assert!(outcome_range(&read(&with(scenario(), "terms.unit_price", "x"))).is_err());
}

fn settle_at(s: &Value, rate: Decimal) -> Decimal {
    let mut s = s.clone();
    for m in s["months"].as_array_mut().unwrap() {
        m["success_rate"] = json!(rate.to_string());
        m.as_object_mut().unwrap().remove("successes");
    }
    settle(&read(&s)).unwrap().months[0].total
}

/// A random one-month scenario (deduction share k × m ÷ N at most 1).
fn arb_scenario() -> impl Strategy<Value = Value> {
    (
        (0u32..500, 0u32..300, 0u32..=100, any::<bool>()),
        (1u32..5000, 0u32..=1000, 0u32..50, 0u32..=10),
        0u32..100_000,
    )
        .prop_map(|((p, f, s0, linear), (volume, rate, sampled, wrong), telecom)| {
            let wrong = wrong.min(sampled);
            json!({
                "terms": {
                    "unit_price": Decimal::new(p.into(), 2).to_string(),
                    "penalty_per_unit": Decimal::new(f.into(), 2).to_string(),
                    "target_rate": Decimal::new(s0.into(), 2).to_string(),
                    "penalty_mode": if linear { "linear" } else { "below_target" },
                },
                "months": [{ "month": "2026-03", "volume": volume,
                             "success_rate": Decimal::new(rate.into(), 3).to_string(),
                             "sampled_records": sampled.min(volume), "inaccurate_records": wrong.min(sampled.min(volume)),
                             "telecom_charges": Decimal::new(telecom.into(), 2).to_string() }]
            })
        })
}

/// A term rule with limits from three values in the field's unit, in either direction.
fn arb_term_rule(
) -> impl Strategy<Value = (&'static str, &'static str, [Decimal; 3], Decimal, Decimal)> {
    let fields = prop::sample::select(vec![
        ("unit_price", "terms.unit_price", 2u32),
        ("penalty_per_unit", "terms.penalty_per_unit", 2),
        ("payment_days", "terms.settlement.payment_days", 0),
        ("trial_free_records", "terms.trial_free_records", 0),
    ]);
    (
        fields,
        prop::array::uniform3(0i64..300),
        any::<bool>(),
        0i64..300,
        0i64..300,
    )
        .prop_filter_map(
            "target differs from floor",
            |((name, path, scale), mut limits, higher, a, b)| {
                limits.sort_unstable();
                if !higher {
                    limits.reverse();
                }
                // [floor, normal, target] ascending when higher is better.
                let [floor, normal, target] = limits.map(|x| Decimal::new(x, scale));
                (floor != target).then(|| {
                    (
                        name,
                        path,
                        [target, normal, floor],
                        Decimal::new(a, scale),
                        Decimal::new(b, scale),
                    )
                })
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// (a) Of two values of a term, the one nearer the target never has more findings on that
    /// term, nor a more severe one.
    #[test]
    fn toward_the_target_never_adds_a_finding((name, path, [target, normal, floor], a, b) in arb_term_rule()) {
        let p = json!({ "name": "p", "version": 1, "terms": { name: {
            "target": target.to_string(), "normal": normal.to_string(), "floor": floor.to_string(), "approver": "m" } } });
        let toward = |x: Decimal, y: Decimal| if target > floor { x.max(y) } else { x.min(y) };
        let (near, far) = (toward(a, b), if toward(a, b) == a { b } else { a });
        let on_term = |v: Decimal| -> Vec<(Severity, String)> {
            checked(&with(scenario(), path, &v.to_string()), &p)
                .findings
                .into_iter()
                .filter(|f| f.path == path)
                .map(|f| (f.severity, f.path))
                .collect()
        };
        let (n, f) = (on_term(near), on_term(far));
        prop_assert!(n.len() <= f.len());
        let severe = |v: &[(Severity, String)]| v.iter().any(|x| x.0 == Severity::Error);
        prop_assert!(!severe(&n) || severe(&f));
    }

    /// (b) The downside never exceeds the total at any success rate; the range's total is the
    /// bill's, its ends the bill at 0 % and 100 %, and at the break-even rate the net fee is zero
    /// or more, one grid step below it negative.
    #[test]
    fn the_downside_is_the_least(s in arb_scenario(), rate in 0u32..=1_000_000) {
        let r = outcome_range(&read(&s)).unwrap();
        let m = &r.months[0];
        let at = |u: u32| settle_at(&s, Decimal::new(u.into(), 6));
        prop_assert!(m.at_zero <= at(rate));
        prop_assert!(m.at_zero <= m.total);
        prop_assert_eq!(m.total, settle(&read(&s)).unwrap().months[0].total);
        prop_assert_eq!(m.at_zero, at(0));
        prop_assert_eq!(m.at_full, at(1_000_000));
        let telecom: Decimal = s["months"][0]["telecom_charges"].as_str().unwrap().parse().unwrap();
        match m.break_even_rate {
            Some(be) => {
                let units = u32::try_from((be * Decimal::from(1_000_000)).normalize().mantissa()).unwrap();
                prop_assert!(at(units) >= telecom);
                if units > 0 {
                    prop_assert!(at(units - 1) < telecom);
                }
            }
            None => prop_assert!(m.at_full < telecom),
        }
    }

    /// (c) The status is the most severe finding's; the approver is named when, and only when,
    /// some finding needs approval.
    #[test]
    fn the_status_is_the_most_severe_findings(
        s in arb_scenario(),
        (name, _, [target, normal, floor], _, _) in arb_term_rule(),
        limits in prop::array::uniform3(-50_000i64..50_000),
    ) {
        let mut limits = limits;
        limits.sort_unstable();
        let [lo, mid, hi] = limits.map(|x| Decimal::new(x, 2).to_string());
        let p = json!({ "name": "p", "version": 1,
            "terms": { name: { "target": target.to_string(), "normal": normal.to_string(), "floor": floor.to_string(), "approver": "m" } },
            "outcomes": {
                "total": { "target": hi, "normal": mid, "floor": lo, "approver": "t" },
                "downside": { "target": hi, "normal": mid, "floor": lo, "approver": "d" } } });
        let Ok(c) = check_policy(&read(&s), &read(&p)) else {
            // lo = hi: a rule without direction, refused.
            prop_assert_eq!(&lo, &hi);
            return Ok(());
        };
        let most = if c.findings.iter().any(|f| f.severity == Severity::Error) {
            B
        } else if c.findings.is_empty() { W } else { A };
        prop_assert_eq!(c.status, most);
        let approvals = c.findings.iter().filter(|f| f.code == Code::PolicyApproval).count();
        prop_assert_eq!(c.approver.is_some(), approvals > 0);
    }
}
