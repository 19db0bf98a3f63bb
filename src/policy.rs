//! Deal policy (docs/rules.md "Deal policy"): a company's guardrails on the terms of an offer and
//! on its outcomes, checked against a scenario. Each rule has a target, a normal limit and a
//! floor; its direction follows from target versus floor. A value on the target's side of the
//! normal limit (or equal to it) is within policy; between the normal limit and the floor (the
//! floor included) it needs the rule's approver; beyond the floor it is out of bounds.
//!
//! The document is read like a scenario: every problem at once, with its path (`policy.…`).

use crate::messages::Message;
use crate::number;
use crate::problem::{join, Code, Problem, Severity};
use crate::range::OutcomeRange;
use crate::reader::{field, wrong_type, Reader};
use crate::scenario::Terms;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// The rules a policy of version 1 can hold: the terms of 第四条 1, 第三条 7 and 第四条 3, and
/// the month's outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum RuleKey {
    UnitPrice,
    PenaltyPerUnit,
    TargetRate,
    TrialFreeRecords,
    PaymentDays,
    LagMonths,
    /// The month's total at its own success rate.
    Total,
    /// The month's total at a 0 % success rate.
    Downside,
}

/// How a rule's limits are read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Money,
    Rate,
    Count,
    SignedMoney,
}

/// (path in the document, rule, kind): every rule of version 1, in document group order.
const RULES: [(&str, RuleKey, Kind); 8] = [
    ("terms.unit_price", RuleKey::UnitPrice, Kind::Money),
    (
        "terms.penalty_per_unit",
        RuleKey::PenaltyPerUnit,
        Kind::Money,
    ),
    ("terms.target_rate", RuleKey::TargetRate, Kind::Rate),
    (
        "terms.trial_free_records",
        RuleKey::TrialFreeRecords,
        Kind::Count,
    ),
    ("terms.payment_days", RuleKey::PaymentDays, Kind::Count),
    ("terms.lag_months", RuleKey::LagMonths, Kind::Count),
    ("outcomes.total", RuleKey::Total, Kind::SignedMoney),
    ("outcomes.downside", RuleKey::Downside, Kind::SignedMoney),
];

/// One rule as read.
#[derive(Debug, Clone, PartialEq)]
struct Rule {
    /// Where it is in the document (`terms.unit_price`).
    path: &'static str,
    key: RuleKey,
    target: Decimal,
    normal: Decimal,
    floor: Decimal,
    approver: Option<String>,
}

/// A policy document as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    name: String,
    rules: Vec<Rule>,
    /// The approver tiers, lowest first: the `approvers` list, or the rules' approvers in the
    /// order the document first names them.
    tiers: Vec<String>,
}

/// Within policy, needs approval, or out of bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum PolicyStatus {
    Within,
    Approval,
    Blocked,
}

/// A term or an outcome beyond a rule's normal limit: where, which limit, the value and who can
/// approve it (`null` when out of bounds: nobody can).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Finding {
    pub rule: RuleKey,
    /// The scenario field (`terms.unit_price`), or the month (`months[0]`) for an outcome.
    pub path: String,
    /// `policy_approval` or `policy_blocked`.
    pub code: Code,
    /// `warning` (needs approval) or `error` (out of bounds).
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
    /// The normal limit (needs approval) or the floor (out of bounds).
    #[cfg_attr(test, ts(type = "string"))]
    pub limit: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    pub approver: Option<String>,
}

/// The policy checked against: its name and version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PolicyName {
    pub name: String,
    pub version: u32,
}

/// What `checkPolicy` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PolicyCheck {
    /// The most severe finding's: `within` when there is none.
    pub status: PolicyStatus,
    /// The highest approver tier any finding needs (`null` when none needs one).
    pub approver: Option<String>,
    pub findings: Vec<Finding>,
    pub policy: PolicyName,
    /// The scenario's range of outcomes (the downside is each month's `at_zero`).
    pub range: OutcomeRange,
    /// The policy document's warnings (unknown fields).
    pub warnings: Vec<Message>,
}

/// Reads a policy document; paths start `policy`.
pub fn read(doc: &Value) -> (Option<Policy>, Vec<Problem>) {
    let mut r = Reader {
        problems: Vec::new(),
    };
    let policy = r.policy(doc);
    for p in &mut r.problems {
        p.path = if p.path.is_empty() {
            "policy".to_owned()
        } else {
            join("policy", &p.path)
        };
    }
    (policy, r.problems)
}

impl Reader {
    fn policy(&mut self, doc: &Value) -> Option<Policy> {
        let known = ["name", "version", "approvers", "terms", "outcomes"];
        if !self.object(doc, "", &known) {
            return None;
        }
        let name = self.required(doc, "", "name", text);
        let version = self.required(doc, "", "version", |v| match number::decimal(v) {
            Ok(d) if d == Decimal::ONE => Ok(()),
            _ => Err(Problem::new(Code::PolicyVersion).with("found", v)),
        });
        let listed = self.optional(doc, "", "approvers", |v| match v {
            Value::Array(items) => items.iter().map(text).collect::<Result<Vec<_>, _>>(),
            other => Err(wrong_type("array", other)),
        });
        let mut rules = Vec::new();
        let mut ok = true;
        for group in ["terms", "outcomes"] {
            let Some(g) = field(doc, group) else { continue };
            let in_group = || {
                RULES
                    .iter()
                    .filter_map(move |r| Some((r.0.strip_prefix(group)?.strip_prefix('.')?, r)))
            };
            let names: Vec<&str> = in_group().map(|(name, _)| name).collect();
            if !self.object(g, group, &names) {
                ok = false;
                continue;
            }
            for (name, (path, key, kind)) in in_group() {
                if let Some(v) = field(g, name) {
                    match self.rule(v, path, *key, *kind) {
                        Some(rule) => rules.push(rule),
                        None => ok = false,
                    }
                }
            }
        }
        let tiers = match listed {
            Ok(Some(list)) => {
                for rule in &rules {
                    if let Some(a) = rule.approver.as_ref().filter(|a| !list.contains(a)) {
                        self.problems.push(
                            Problem::error(
                                join(rule.path, "approver"),
                                Code::PolicyUnknownApprover,
                            )
                            .with("approver", a),
                        );
                        ok = false;
                    }
                }
                list
            }
            Ok(None) => {
                let mut tiers: Vec<String> = Vec::new();
                for a in rules.iter().filter_map(|r| r.approver.as_ref()) {
                    if !tiers.contains(a) {
                        tiers.push(a.clone());
                    }
                }
                tiers
            }
            Err(()) => return None,
        };
        let (name, ()) = (name?, version?);
        ok.then_some(Policy { name, rules, tiers })
    }

    /// One rule at `path`: target, normal and floor in the rule's kind, normal between the other
    /// two, and an approver unless the normal limit is the floor (no approval band).
    fn rule(&mut self, v: &Value, path: &'static str, key: RuleKey, kind: Kind) -> Option<Rule> {
        if !self.object(v, path, &["target", "normal", "floor", "approver"]) {
            return None;
        }
        let read = |v: &Value| match kind {
            Kind::Money => number::money(v),
            Kind::Rate => number::rate(v),
            Kind::Count => number::count(v),
            Kind::SignedMoney => number::signed_money(v),
        };
        let target = self.required(v, path, "target", read);
        let normal = self.required(v, path, "normal", read);
        let floor = self.required(v, path, "floor", read);
        let approver = self.optional(v, path, "approver", text);
        let (target, normal, floor, approver) = (target?, normal?, floor?, approver.ok()?);
        let between = normal >= target.min(floor) && normal <= target.max(floor);
        if target == floor || !between {
            self.problems.push(
                Problem::error(join(path, "normal"), Code::PolicyOrder)
                    .with("target", target)
                    .with("normal", normal)
                    .with("floor", floor),
            );
            return None;
        }
        if approver.is_none() && normal != floor {
            self.problems
                .push(Problem::error(join(path, "approver"), Code::Required));
            return None;
        }
        Some(Rule {
            path,
            key,
            target,
            normal,
            floor,
            approver,
        })
    }
}

/// Text, trimmed (a name, an approver); blank text reads as absent before it gets here.
fn text(v: &Value) -> Result<String, Problem> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        other => Err(wrong_type("string", other)),
    }
}

impl Rule {
    /// The finding for `value` at `path`, if it is beyond the normal limit.
    fn judge(&self, value: Decimal, path: String) -> Option<Finding> {
        // Higher is better when the target lies above the floor.
        let higher = self.target > self.floor;
        let beyond = |limit: Decimal| if higher { value < limit } else { value > limit };
        let (code, limit, approver) = if beyond(self.floor) {
            (Code::PolicyBlocked, self.floor, None)
        } else if beyond(self.normal) {
            (Code::PolicyApproval, self.normal, self.approver.clone())
        } else {
            return None;
        };
        let mut problem = Problem::error(path, code)
            .with("value", value)
            .with("side", if higher { "below" } else { "above" })
            .with("limit", limit);
        if let Some(a) = &approver {
            problem = problem.with("approver", a);
        }
        if code == Code::PolicyApproval {
            problem.severity = Severity::Warning;
        }
        let message = Message::from(&problem);
        Some(Finding {
            rule: self.key,
            path: message.path,
            code,
            severity: problem.severity,
            message_zh: message.message_zh,
            message_en: message.message_en,
            limit,
            value,
            approver,
        })
    }
}

/// The value of a term rule in the terms, and the scenario field it is at.
fn term(terms: &Terms, key: RuleKey) -> Option<(Decimal, &'static str)> {
    let s = &terms.settlement;
    Some(match key {
        RuleKey::UnitPrice => (terms.unit_price, "terms.unit_price"),
        RuleKey::PenaltyPerUnit => (terms.penalty_per_unit, "terms.penalty_per_unit"),
        RuleKey::TargetRate => (terms.target_rate, "terms.target_rate"),
        RuleKey::TrialFreeRecords => (terms.trial_free_records, "terms.trial_free_records"),
        RuleKey::PaymentDays => (s.payment_days.into(), "terms.settlement.payment_days"),
        RuleKey::LagMonths => (s.lag_months.into(), "terms.settlement.lag_months"),
        RuleKey::Total | RuleKey::Downside => return None,
    })
}

/// Checks the terms and each month's outcomes against the policy.
pub fn check(
    policy: &Policy,
    terms: &Terms,
    range: OutcomeRange,
    warnings: Vec<Message>,
) -> PolicyCheck {
    let mut findings = Vec::new();
    for rule in &policy.rules {
        match term(terms, rule.key) {
            Some((value, path)) => findings.extend(rule.judge(value, path.to_owned())),
            None => {
                for (i, m) in range.months.iter().enumerate() {
                    let value = if rule.key == RuleKey::Total {
                        m.total
                    } else {
                        m.at_zero
                    };
                    findings.extend(rule.judge(value, format!("months[{i}]")));
                }
            }
        }
    }
    let status = findings
        .iter()
        .map(|f| match f.severity {
            Severity::Error => PolicyStatus::Blocked,
            Severity::Warning => PolicyStatus::Approval,
        })
        .max()
        .unwrap_or(PolicyStatus::Within);
    let approver = policy
        .tiers
        .iter()
        .rev()
        .find(|t| findings.iter().any(|f| f.approver.as_ref() == Some(t)))
        .cloned();
    PolicyCheck {
        status,
        approver,
        findings,
        policy: PolicyName {
            name: policy.name.clone(),
            version: 1,
        },
        range,
        warnings,
    }
}

/// The policy document's shape, for the TypeScript declarations only (the reader above reads
/// it field by field).
#[cfg(test)]
pub(crate) mod document {
    use ts_rs::TS;

    /// A rule: target, normal limit and floor (in the field's unit: CNY, a rate, a count), and
    /// who approves a value between the normal limit and the floor.
    #[derive(TS)]
    #[allow(dead_code)]
    pub struct PolicyRule {
        #[ts(type = "string | number")]
        target: (),
        #[ts(type = "string | number")]
        normal: (),
        #[ts(type = "string | number")]
        floor: (),
        #[ts(type = "string | null", optional)]
        approver: (),
    }

    #[derive(TS)]
    #[allow(dead_code)]
    pub struct PolicyTerms {
        #[ts(optional)]
        unit_price: Option<PolicyRule>,
        #[ts(optional)]
        penalty_per_unit: Option<PolicyRule>,
        #[ts(optional)]
        target_rate: Option<PolicyRule>,
        #[ts(optional)]
        trial_free_records: Option<PolicyRule>,
        #[ts(optional)]
        payment_days: Option<PolicyRule>,
        #[ts(optional)]
        lag_months: Option<PolicyRule>,
    }

    #[derive(TS)]
    #[allow(dead_code)]
    pub struct PolicyOutcomes {
        #[ts(optional)]
        total: Option<PolicyRule>,
        #[ts(optional)]
        downside: Option<PolicyRule>,
    }

    /// A deal-policy document, version 1.
    #[derive(TS)]
    #[allow(dead_code)]
    pub struct PolicyDocument {
        name: String,
        #[ts(type = "1")]
        version: (),
        /// The approver tiers, lowest first.
        #[ts(optional)]
        approvers: Option<Vec<String>>,
        #[ts(optional)]
        terms: Option<PolicyTerms>,
        #[ts(optional)]
        outcomes: Option<PolicyOutcomes>,
    }
}
