//! callsettle: the settlement calculator and validator for the outbound-call service contract
//! (篇一) and the 400-number agreement (篇二). The rules are in docs/rules.md.
//!
//! The core is plain Rust: it takes JSON values (`serde_json::Value`, numbers kept as their
//! text) and returns serializable results; it never reads the clock, the locale or the network.
//! The only platform code is the binding in `wasm.rs`.

pub mod account400;
pub mod bill;
pub mod capital;
pub mod cash_flow;
pub mod compare;
pub mod exact;
pub mod fee;
pub mod grow;
#[cfg(feature = "import")]
pub mod import;
pub mod messages;
pub mod number;
pub mod policy;
pub mod problem;
pub mod range;
pub mod reader;
pub mod scenario;
pub mod schedule;
pub mod share;
pub mod solve;
pub mod sweep;
pub mod work_month;
pub mod workdays;

#[cfg(target_arch = "wasm32")]
mod wasm;

use bill::{bill_month, SettleResult};
use messages::Message;
use problem::{Code, Problem};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// What `validate` returns: every error and every warning.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Validation {
    pub errors: Vec<Message>,
    pub warnings: Vec<Message>,
}

/// Reads and bills a scenario: the result when nothing is an error, and every problem found.
pub fn evaluate(input: &Value) -> (Option<SettleResult>, Vec<Problem>) {
    let reading = scenario::read(input);
    let mut problems = reading.problems;
    let Some(terms) = reading.terms else {
        return (None, problems);
    };
    // In `linear` mode the term is a bonus of F per success then: the penalty does something.
    if terms.target_rate.is_zero()
        && terms.penalty_per_unit > Decimal::ZERO
        && terms.penalty_mode == scenario::PenaltyMode::BelowTarget
    {
        problems.push(Problem::warning(
            "terms.penalty_per_unit",
            Code::TargetZeroWithPenalty,
        ));
    }
    let mut months = Vec::with_capacity(reading.months.len());
    let mut outside_years = Vec::new();
    for (i, m) in &reading.months {
        match bill_month(&terms, m, *i) {
            Ok((bill, warnings, years)) => {
                problems.extend(warnings);
                outside_years.extend(years);
                months.push(bill);
            }
            Err(p) => problems.push(p),
        }
    }
    // One warning for the scenario, not one per month: a long plan names each year once.
    problems.extend(bill::outside_warning("months", &outside_years));
    if problems.iter().any(Problem::is_error) {
        return (None, problems);
    }
    let Some(total) = exact::sum(months.iter().map(|m| m.total)) else {
        problems.push(Problem::error("months", Code::Overflow));
        return (None, problems);
    };
    let warnings = problems.iter().map(Message::from).collect();
    (
        Some(SettleResult {
            months,
            total,
            warnings,
        }),
        problems,
    )
}

/// `settle` (the JSON interface): the bill, or every error (and warning) as messages.
pub fn settle(input: &Value) -> Result<SettleResult, Validation> {
    match evaluate(input) {
        (Some(result), _) => Ok(result),
        (None, problems) => Err(split(&problems)),
    }
}

/// The cash flow of a scenario (第四条 3): each month's payment by date, with the running total
/// and the actual payment date where the month gives one.
pub fn project(input: &Value) -> Result<cash_flow::CashFlow, Validation> {
    let bill = settle(input)?;
    // The scenario read cleanly (it was billed), so every month is here, in the bill's order.
    let paid: Vec<_> = scenario::read(input)
        .months
        .iter()
        .map(|(_, m)| m.actual.paid)
        .collect();
    cash_flow::project(&bill, &paid)
        .ok_or_else(|| split(&[Problem::error("months", Code::Overflow)]))
}

/// 第四条 3, the clerk's check: for each month and step the due date (counted from the actual
/// previous step where given), the actual date, and on time or late by how many days. The
/// contract sets no late-payment interest, so none is computed.
pub fn check(input: &Value) -> Result<schedule::DeadlineCheck, Validation> {
    let bill = settle(input)?;
    let mut outside = Vec::new();
    let months = scenario::read(input)
        .months
        .iter()
        .zip(&bill.months)
        .map(|((_, m), b)| schedule::MonthCheck {
            month: m.month,
            steps: schedule::check(&b.schedule, &m.actual, &mut outside),
        })
        .collect();
    let warnings = bill::outside_warning("months", &outside)
        .iter()
        .map(Message::from)
        .collect();
    Ok(schedule::DeadlineCheck { months, warnings })
}

/// `validate` (the JSON interface): every error and warning; never fails.
pub fn validate(input: &Value) -> Validation {
    split(&evaluate(input).1)
}

/// Contract 2 (篇二): the 400-number account projection — documents deadline, run-out,
/// suspension and forfeit, renewals, renew-by date, smallest top-ups, the plan to a horizon —
/// or every error (and warning).
pub fn project_account400(input: &Value) -> Result<account400::Account400Projection, Validation> {
    match account400::evaluate(input) {
        (Some(projection), _) => Ok(projection),
        (None, problems) => Err(split(&problems)),
    }
}

/// Every error and warning of a 400-number account input; never fails.
pub fn validate_account400(input: &Value) -> Validation {
    split(&account400::evaluate(input).1)
}

/// Problems as `validate` reports them: the errors, and the warnings apart.
pub(crate) fn split(problems: &[Problem]) -> Validation {
    let (errors, warnings): (Vec<&Problem>, Vec<&Problem>) =
        problems.iter().partition(|p| p.is_error());
    Validation {
        errors: errors.into_iter().map(Message::from).collect(),
        warnings: warnings.into_iter().map(Message::from).collect(),
    }
}

#[cfg(feature = "import")]
/// docs/rules.md "Results import": an import of a results file whose first bytes are `head`, with the options of the
/// page's `import.*` inputs; every bad option (or `unknown_layout`) as messages.
pub fn import_results(options: &Value, head: &[u8]) -> Result<import::Import, Validation> {
    import::Import::new(options, head).map_err(|p| split(&p))
}

/// docs/rules.md "What-if" sweep: the bill over `steps` evenly spaced values of `field` from `from` to `to`; see
/// [`sweep::sweep`] for the grid.
pub fn sweep(
    input: &Value,
    field: &Value,
    from: &Value,
    to: &Value,
    steps: &Value,
) -> Result<sweep::Sweep, Validation> {
    sweep::sweep(input, field, from, to, steps).map_err(|p| split(&p))
}

/// docs/rules.md "What-if" solve: the values of `field` that give the scenario total `target` (CNY, or
/// `"break_even"`: a net fee of zero); see [`solve::solve`] for the grid and the rules.
pub fn solve(input: &Value, field: &Value, target: &Value) -> Result<solve::Solution, Validation> {
    solve::solve(input, field, target).map_err(|p| split(&p))
}

/// The range of outcomes of every bill: each month's total at a 0 % and a 100 % success rate and
/// its break-even rate, and the scenario's (docs/rules.md "Deal policy").
pub fn outcome_range(input: &Value) -> Result<range::OutcomeRange, Validation> {
    range::evaluate(input)
        .map(|(_, r)| r)
        .map_err(|p| split(&p))
}

/// Deal policy: the scenario's terms and each month's outcomes checked against a policy
/// document (version 1); every error of the scenario and of the policy (paths `policy.…`).
pub fn check_policy(input: &Value, policy: &Value) -> Result<policy::PolicyCheck, Validation> {
    let (policy, mut problems) = policy::read(policy);
    let evaluated = range::evaluate(input).map_err(|p| problems.extend(p));
    match (policy, evaluated) {
        (Some(policy), Ok((terms, range))) if !problems.iter().any(Problem::is_error) => {
            let warnings = problems.iter().map(Message::from).collect();
            Ok(policy::check(&policy, &terms, range, warnings))
        }
        _ => Err(split(&problems)),
    }
}

/// docs/rules.md "What-if" compare: the scenarios of an array side by side with the differences from the first.
pub fn compare(inputs: &Value) -> Result<compare::Comparison, Validation> {
    compare::compare(inputs).map_err(|p| split(&p))
}

/// 大写金额: an amount (CNY, at most two decimals, sign allowed) in Chinese capital numerals;
/// `options` (optional): `{ "prefix": true }` for 人民币 before it, `{ "zheng_after_jiao": true }`
/// for 整 after 角.
pub fn capital_amount(amount: &Value, options: Option<&Value>) -> Result<String, Validation> {
    let style = capital::read_style(options).map_err(|p| split(&p))?;
    capital::capital_amount(amount, style).map_err(|p| split(&[p.at("amount")]))
}

/// The year plan's growth fill: the months after a base month, grown exactly (see [`grow`]).
pub fn grow(input: &Value) -> Result<grow::Growth, Validation> {
    grow::grow(input).map_err(|p| split(&p))
}

/// The share-link text of a page state (`v1.…`, URL-safe).
pub fn encode_state(state: &Value) -> String {
    share::encode(state)
}

/// The page state of a share-link text; `share_link_invalid` when truncated or tampered with.
pub fn decode_state(text: &str) -> Result<Value, Validation> {
    share::decode(text).map_err(|p| split(&[p]))
}

/// The TypeScript declarations of the JSON interface, generated from the Rust types above and
/// checked in as `types/callsettle.d.ts` (which the WASM package includes).
#[cfg(test)]
mod typescript {
    use ts_rs::{Config, TS};

    fn declarations() -> String {
        let cfg = Config::new();
        let decls = [
            crate::scenario::Scenario::decl(&cfg),
            crate::scenario::Parties::decl(&cfg),
            crate::scenario::Terms::decl(&cfg),
            crate::scenario::SettlementTerms::decl(&cfg),
            crate::scenario::MonthInput::decl(&cfg),
            crate::scenario::ProjectKind::decl(&cfg),
            crate::scenario::PenaltyMode::decl(&cfg),
            crate::scenario::DayCount::decl(&cfg),
            crate::bill::SettleResult::decl(&cfg),
            crate::bill::MonthBill::decl(&cfg),
            crate::bill::Line::decl(&cfg),
            crate::bill::LineKey::decl(&cfg),
            crate::schedule::Schedule::decl(&cfg),
            crate::schedule::Notes::decl(&cfg),
            crate::schedule::DayNote::decl(&cfg),
            crate::schedule::Actual::decl(&cfg),
            crate::schedule::StepCheck::decl(&cfg),
            crate::schedule::StepStatus::decl(&cfg),
            crate::schedule::MonthCheck::decl(&cfg),
            crate::schedule::DeadlineCheck::decl(&cfg),
            crate::scenario::RestDayRule::decl(&cfg),
            crate::Validation::decl(&cfg),
            crate::messages::Message::decl(&cfg),
            crate::problem::Code::decl(&cfg),
            crate::problem::Severity::decl(&cfg),
            crate::sweep::Sweep::decl(&cfg),
            crate::cash_flow::CashFlow::decl(&cfg),
            crate::cash_flow::Payment::decl(&cfg),
            crate::sweep::SweepField::decl(&cfg),
            crate::account400::Account400Input::decl(&cfg),
            crate::account400::AccountInput::decl(&cfg),
            crate::account400::ValidityInput::decl(&cfg),
            crate::account400::TopUpInput::decl(&cfg),
            crate::account400::RenewalInput::decl(&cfg),
            crate::account400::PlanInput::decl(&cfg),
            crate::account400::OpeningMonth::decl(&cfg),
            crate::account400::AccountKind::decl(&cfg),
            crate::account400::Granularity::decl(&cfg),
            crate::account400::FeeTiming::decl(&cfg),
            crate::account400::Insufficient::decl(&cfg),
            crate::account400::Account400Projection::decl(&cfg),
            crate::account400::AccountOutcome::decl(&cfg),
            crate::account400::InTime::decl(&cfg),
            crate::account400::RenewReason::decl(&cfg),
            crate::account400::Row::decl(&cfg),
            crate::account400::RowAccount::decl(&cfg),
            crate::account400::Renewed::decl(&cfg),
            crate::account400::Plan::decl(&cfg),
            crate::account400::PlanStep::decl(&cfg),
            crate::account400::StepKind::decl(&cfg),
            crate::solve::Solution::decl(&cfg),
            crate::solve::Outcome::decl(&cfg),
            crate::solve::Reached::decl(&cfg),
            crate::compare::Comparison::decl(&cfg),
            crate::compare::Compared::decl(&cfg),
            crate::compare::CompareRow::decl(&cfg),
            crate::compare::Cell::decl(&cfg),
            crate::compare::CompareKey::decl(&cfg),
            crate::grow::GrowInput::decl(&cfg),
            crate::grow::Growth::decl(&cfg),
            crate::grow::GrownMonth::decl(&cfg),
            crate::range::OutcomeRange::decl(&cfg),
            crate::range::MonthRange::decl(&cfg),
            crate::policy::PolicyCheck::decl(&cfg),
            crate::policy::PolicyStatus::decl(&cfg),
            crate::policy::PolicyName::decl(&cfg),
            crate::policy::Finding::decl(&cfg),
            crate::policy::RuleKey::decl(&cfg),
            crate::policy::document::PolicyDocument::decl(&cfg),
            crate::policy::document::PolicyTerms::decl(&cfg),
            crate::policy::document::PolicyOutcomes::decl(&cfg),
            crate::policy::document::PolicyRule::decl(&cfg),
        ];
        // The results import's (feature "import", on by default; its types are declared in both
        // modules' .d.ts).
        #[cfg(feature = "import")]
        let decls = [
            &decls[..],
            &[
                crate::import::options::OptionsJson::decl(&cfg),
                crate::import::spill::SpillJson::decl(&cfg),
                crate::import::ImportReport::decl(&cfg),
                crate::import::ImportedMonth::decl(&cfg),
                crate::import::ReasonCount::decl(&cfg),
                crate::import::Example::decl(&cfg),
                crate::import::Format::decl(&cfg),
                crate::import::Sniff::decl(&cfg),
            ],
        ]
        .concat();
        let mut out = String::from("// Generated from the Rust types by `UPDATE_TYPES=1 cargo test typescript`. Do not edit.\n");
        for d in decls {
            out.push_str("\nexport ");
            out.push_str(d.trim());
            out.push('\n');
        }
        out
    }

    #[test]
    fn declarations_are_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/types/callsettle.d.ts");
        let fresh = declarations();
        if std::env::var_os("UPDATE_TYPES").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == fresh,
            "types/callsettle.d.ts is stale: run `UPDATE_TYPES=1 cargo test typescript`"
        );
    }
}
