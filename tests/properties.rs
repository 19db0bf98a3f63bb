//! Property tests of `settle` and `validate`:
//! (a) the bill adds up: month total = sum of its rounded lines, scenario total = sum of months,
//!     every amount has exactly two decimals;
//! (b) below_target: the total never falls when the success rate rises (no sampling);
//! (c) linear: the fee and penalty lines are the formula of 第四条 1, rounded per line,
//!     recomputed here independently with rust_decimal;
//! (d) arbitrary JSON never panics; it bills, or gives a non-empty list of well-formed errors,
//!     and validate agrees with settle;
//! (e) the same for JS numbers of every kind (NaN, ±Infinity, −0, subnormals, 1e300) anywhere;
//! (f) the what-if calls (solve, sweep, compare) and project on arbitrary scenarios and
//!     arguments: a result or well-formed errors, never a panic.

use callsettle::compare::compare;
use callsettle::messages::Message;
use callsettle::problem::{Problem, Severity};
use callsettle::solve::solve;
use callsettle::sweep::sweep;
use callsettle::{project, settle, validate};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Map, Value};

// ------------------------------------------------------------------------------ helpers

/// A test value read as the binding reads an input: its JSON text through the shipped reader.
fn read(v: &Value) -> Value {
    callsettle::reader::parse(&v.to_string()).expect("a test scenario reads")
}

fn fen(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn code(m: &Message) -> String {
    serde_json::to_value(m.code)
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn severity(m: &Message) -> String {
    serde_json::to_value(m.severity)
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn pairs(list: &[Message]) -> Vec<(String, String)> {
    let mut out: Vec<_> = list.iter().map(|m| (m.path.clone(), code(m))).collect();
    out.sort();
    out
}

/// Money amounts are written with exactly two decimals, never `-0.00`.
fn is_money(d: &Decimal) -> bool {
    let s = d.to_string();
    d.scale() == 2 && s != "-0.00" && s.split_once('.').is_some_and(|(_, f)| f.len() == 2)
}

/// Money from 0 to `max_cents` fen, as a decimal with two places.
fn money(max_cents: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_cents).prop_map(|c| Decimal::new(c, 2))
}

/// A rate in [0, 1] with `dp` decimals.
fn rate(dp: u32) -> impl Strategy<Value = Decimal> {
    let max = 10i64.pow(dp);
    (0..=max).prop_map(move |r| Decimal::new(r, dp))
}

/// A decimal written as a string, or as a JSON number (its shortest text is the same).
fn written(d: Decimal, as_number: bool) -> Value {
    if as_number {
        json!(d.to_string().parse::<f64>().unwrap())
    } else {
        json!(d.to_string())
    }
}

// ------------------------------------------------------------------------------ valid scenarios

fn valid_terms() -> impl Strategy<Value = Value> {
    (
        money(1_000_000),
        rate(4),
        money(10_000),
        any::<bool>(),
        select(vec!["1", "2", "0.5", "1.5", "0"]),
        0u64..=5000,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(p, s0, f, linear, k, cap, marketing, as_numbers)| {
            json!({
                "project_kind": if marketing { "marketing" } else { "service" },
                "unit_price": written(p, as_numbers),
                "target_rate": written(s0, as_numbers),
                "penalty_per_unit": written(f, as_numbers),
                "penalty_mode": if linear { "linear" } else { "below_target" },
                "inaccuracy_multiplier": k,
                "trial_free_records": cap,
            })
        })
}

fn valid_month() -> impl Strategy<Value = Value> {
    (
        (1990i32..2100, 1u32..=12),
        0u64..=1_000_000,
        prop::option::of(rate(4)),
        any::<u64>(),
        0u64..=6000,
        (any::<u64>(), any::<u64>()),
        money(10_000_000),
        any::<bool>(),
    )
        .prop_map(
            |((y, mo), volume, rate, seed, trial, (s1, s2), telecom, as_numbers)| {
                let mut m = Map::new();
                m.insert("month".into(), json!(format!("{y:04}-{mo:02}")));
                m.insert("volume".into(), written(volume.into(), as_numbers));
                match rate {
                    Some(r) => m.insert("success_rate".into(), written(r, as_numbers)),
                    None => {
                        m.insert("successes".into(), json!((seed % (volume + 1)).to_string()));
                        // 第三条 7: a month that gives a count gives its billed trial records'
                        // successes (0 is never more than the billed records).
                        m.insert("trial_successes".into(), json!("0"))
                    }
                };
                m.insert("trial_records".into(), json!(trial));
                let sampled = s1 % (volume + 1);
                m.insert("sampled_records".into(), json!(sampled));
                m.insert("inaccurate_records".into(), json!(s2 % (sampled + 1)));
                m.insert("telecom_charges".into(), written(telecom, as_numbers));
                Value::Object(m)
            },
        )
}

fn valid_scenario() -> impl Strategy<Value = Value> {
    (valid_terms(), prop::collection::vec(valid_month(), 1..5))
        .prop_map(|(terms, months)| json!({ "terms": terms, "months": months }))
}

// ------------------------------------------------------------------------------ junk

const FIELDS: [&str; 24] = [
    "terms",
    "months",
    "project_kind",
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
    "month",
    "volume",
    "success_rate",
    "successes",
    "trial_records",
    "sampled_records",
    "inaccurate_records",
    "telecom_charges",
];

const INTERESTING: [&str; 34] = [
    "1e999",
    "NaN",
    "Infinity",
    "-Infinity",
    "inf",
    "35%",
    "100%",
    "101%",
    "%",
    "1,000",
    "1,00",
    "12,345.67",
    "1234567890123456789012345678901234567890",
    "0.30000000000000000000000000001",
    "999999999999999",
    "1000000000000",
    "1000000000001",
    "",
    " ",
    "-0",
    "+5",
    "0.005",
    "-0.01",
    "2.505",
    "2026-13",
    "2026-01",
    "2999-12",
    "service",
    "marketing",
    "linear",
    "below_target",
    "working",
    "calendar",
    "１２３",
];

fn junk_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        (-1_000_000i64..1_000_000, 0u32..8)
            .prop_map(|(m, s)| json!(Decimal::new(m, s).to_string())),
        (-1_000_000i64..1_000_000, 0u32..6)
            .prop_map(|(m, s)| json!(Decimal::new(m, s).to_string().parse::<f64>().unwrap())),
        select(INTERESTING.to_vec()).prop_map(|s| json!(s)),
        any::<String>().prop_map(Value::String),
        "[0-9,.%eE+ -]{0,14}".prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(FIELDS.to_vec()).prop_map(str::to_owned),
        1 => any::<String>(),
        1 => "[a-z_]{1,10}",
    ]
}

fn junk() -> impl Strategy<Value = Value> {
    junk_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Idx(usize),
}

fn all_paths(v: &Value, prefix: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                prefix.push(Seg::Key(k.clone()));
                all_paths(x, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                prefix.push(Seg::Idx(i));
                all_paths(x, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        Seg::Key(k) => &mut v[k.as_str()],
        Seg::Idx(i) => &mut v[*i],
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    Replace(Value),
    Remove,
    Insert(String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => junk().prop_map(Mutation::Replace),
        2 => Just(Mutation::Remove),
        2 => (key(), junk()).prop_map(|(k, v)| Mutation::Insert(k, v)),
    ]
}

/// A valid scenario with a few values replaced by junk, removed, or junk fields added.
fn damaged_scenario() -> impl Strategy<Value = Value> {
    (
        valid_scenario(),
        prop::collection::vec((any::<prop::sample::Index>(), mutation()), 1..4),
    )
        .prop_map(|(mut v, mutations)| {
            for (at, m) in mutations {
                let mut paths = Vec::new();
                all_paths(&v, &mut Vec::new(), &mut paths);
                let path = at.get(&paths).clone();
                match m {
                    Mutation::Replace(junk) => *at_mut(&mut v, &path) = junk,
                    Mutation::Remove => {
                        if let Some((last, parent)) = path.split_last() {
                            match (at_mut(&mut v, parent), last) {
                                (Value::Object(m), Seg::Key(k)) => {
                                    m.remove(k);
                                }
                                (Value::Array(a), Seg::Idx(i)) => {
                                    a.remove(*i);
                                }
                                _ => {}
                            }
                        }
                    }
                    Mutation::Insert(k, junk) => {
                        if let Value::Object(m) = at_mut(&mut v, &path) {
                            m.insert(k, junk);
                        }
                    }
                }
            }
            v
        })
}

fn any_input() -> impl Strategy<Value = Value> {
    prop_oneof![2 => junk(), 3 => damaged_scenario(), 1 => valid_scenario()]
}

/// The checks of (d) and (e) for one input: no panic (proptest reports one), a bill or a
/// non-empty list of well-formed errors, validate agreeing with settle.
fn check_outcome(input: &Value, top_keys: &[String]) -> Result<(), TestCaseError> {
    let settled = settle(input);
    let validation = validate(input);
    let error_path_ok = |p: &str| {
        p.is_empty()
            || p == "terms"
            || p.starts_with("terms.")
            || p == "months"
            || p.starts_with("months[")
    };
    for e in &validation.errors {
        prop_assert!(!code(e).is_empty(), "error without a code: {e:?}");
        prop_assert_eq!(severity(e), "error");
        prop_assert!(
            error_path_ok(&e.path),
            "error path {:?} is not \"\", terms… or months…",
            e.path
        );
        prop_assert!(
            !e.message_zh.is_empty() && !e.message_en.is_empty(),
            "error without text: {e:?}"
        );
    }
    for w in &validation.warnings {
        prop_assert!(!code(w).is_empty(), "warning without a code: {w:?}");
        prop_assert_eq!(severity(w), "warning");
        prop_assert!(
            error_path_ok(&w.path) || top_keys.contains(&w.path),
            "warning path {:?} is neither terms…/months… nor a top-level field",
            w.path
        );
    }
    match settled {
        Ok(result) => {
            prop_assert!(
                validation.errors.is_empty(),
                "settle billed but validate reports {:?}",
                pairs(&validation.errors)
            );
            prop_assert_eq!(pairs(&result.warnings), pairs(&validation.warnings));
            prop_assert!(!result.months.is_empty());
            prop_assert!(is_money(&result.total));
        }
        Err(thrown) => {
            prop_assert!(!thrown.errors.is_empty(), "settle failed without an error");
            prop_assert_eq!(
                pairs(&thrown.errors),
                pairs(&validation.errors),
                "settle and validate disagree"
            );
            prop_assert_eq!(pairs(&thrown.warnings), pairs(&validation.warnings));
        }
    }
    Ok(())
}

fn top_level_keys(v: &Value) -> Vec<String> {
    v.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// The number of leaves (values that are not arrays or objects) of a Value tree.
fn leaf_count(v: &Value) -> usize {
    match v {
        Value::Object(entries) => entries.iter().map(|(_, x)| leaf_count(x)).sum(),
        Value::Array(items) => items.iter().map(leaf_count).sum(),
        _ => 1,
    }
}

/// The leaf at position `target` (depth first) replaced with `with`.
fn replace_leaf(v: &mut Value, target: &mut usize, with: &Value) -> bool {
    match v {
        Value::Object(entries) => entries
            .iter_mut()
            .any(|(_, x)| replace_leaf(x, target, with)),
        Value::Array(items) => items.iter_mut().any(|x| replace_leaf(x, target, with)),
        leaf => {
            if *target == 0 {
                *leaf = with.clone();
                true
            } else {
                *target -= 1;
                false
            }
        }
    }
}

/// A JS number as the binding's JSON text carries it: a finite one as its shortest digits, a
/// non-finite one as the text `String(x)` gives (so that it is reported as not a number).
fn as_the_binding_sends(x: f64) -> Value {
    if x.is_finite() {
        read(&serde_json::from_str(&x.to_string()).unwrap())
    } else if x.is_nan() {
        json!("NaN")
    } else {
        json!(if x > 0.0 { "Infinity" } else { "-Infinity" })
    }
}

fn js_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            5e-324,
            1e300,
            -1e300,
            1e21,
            0.1 + 0.2,
            1e-7,
            9007199254740993.0,
            2.5,
            -1.0,
        ]),
    ]
}

// ------------------------------------------------------------------------------ properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// (a) Totals are sums of rounded amounts; every amount is money with two decimals.
    #[test]
    fn totals_are_sums_of_rounded_lines(scenario in valid_scenario()) {
        let result = settle(&read(&scenario)).map_err(|v| TestCaseError::fail(format!("{:?}", pairs(&v.errors))))?;
        let mut sum_of_months = Decimal::ZERO;
        for m in &result.months {
            prop_assert_eq!(m.lines.len(), 4);
            let mut sum = Decimal::ZERO;
            for line in &m.lines {
                prop_assert!(is_money(&line.amount), "{:?} amount {}", line.key, line.amount);
                prop_assert_eq!(line.amount, fen(line.exact), "{:?}: amount is exact rounded to the fen", line.key);
                sum += line.amount;
            }
            prop_assert!(is_money(&m.total), "month total {}", m.total);
            prop_assert_eq!(m.total, sum);
            sum_of_months += m.total;
        }
        prop_assert!(is_money(&result.total), "scenario total {}", result.total);
        prop_assert_eq!(result.total, sum_of_months);
    }

    /// (a2) 第三条 7: with everything else fixed, trial records added within the project's free
    /// cap (shared by the months, after `trial_records_before`) never change the bill.
    #[test]
    fn trial_records_within_the_cap_never_change_the_bill(
        scenario in valid_scenario(),
        before in 0u64..=3000,
        extra in 1u64..=5000,
        slack in 0u64..=100,
        k in any::<prop::sample::Index>(),
    ) {
        let mut s = scenario;
        let months = s["months"].as_array().map_or(0, Vec::len);
        let trials: u64 = (0..months).filter_map(|i| s["months"][i]["trial_records"].as_u64()).sum();
        s["terms"]["trial_records_before"] = json!(before);
        s["terms"]["trial_free_records"] = json!(before + trials + extra + slack);
        let base = settle(&read(&s)).map_err(|v| TestCaseError::fail(format!("{:?}", pairs(&v.errors))))?;
        let i = k.index(months);
        let had = s["months"][i]["trial_records"].as_u64().unwrap_or(0);
        s["months"][i]["trial_records"] = json!(had + extra);
        let more = settle(&read(&s)).map_err(|v| TestCaseError::fail(format!("{:?}", pairs(&v.errors))))?;
        prop_assert_eq!(base, more);
    }

    /// (b) below_target: raising the success rate never lowers the month total. Without
    /// sampling: the inaccuracy deduction, rounded apart from the fee, can move a total down by
    /// a fen as the fee rises (fee 0.0144 → 0.01 and −0.0049 → 0.00, total 0.01; fee 0.0149 →
    /// 0.01 and −0.0051 → −0.01, total 0.00), and a multiplier × share above 1 reverses it.
    #[test]
    fn below_target_total_never_falls_as_the_rate_rises(
        p in money(100_000_000),
        s0 in rate(4),
        f in money(1_000_000),
        volume in 0u64..=1_000_000_000,
        trial in 0u64..=10_000,
        telecom in money(100_000_000),
        (r1, r2) in (rate(4), rate(4)).prop_map(|(a, b)| if a <= b { (a, b) } else { (b, a) }),
        percent in any::<bool>(),
    ) {
        let total = |r: Decimal| -> Result<Decimal, TestCaseError> {
            let rate = if percent { json!(format!("{}%", r * Decimal::ONE_HUNDRED)) } else { json!(r.to_string()) };
            let s = json!({
                "terms": { "unit_price": p.to_string(), "target_rate": s0.to_string(), "penalty_per_unit": f.to_string() },
                "months": [{ "month": "2026-01", "volume": volume, "success_rate": rate, "trial_records": trial,
                             "telecom_charges": telecom.to_string() }]
            });
            settle(&read(&s)).map(|r| r.total).map_err(|v| TestCaseError::fail(format!("{:?}", pairs(&v.errors))))
        };
        let (t1, t2) = (total(r1)?, total(r2)?);
        prop_assert!(t1 <= t2, "rate {} gives {} but the higher rate {} gives {}", r1, t1, r2, t2);
    }

    /// (c) linear: service fee = round(p × s × T), shortfall = round(−F × (s0 − s) × T).
    #[test]
    fn linear_fee_and_penalty_follow_the_formula(
        p in prop_oneof![money(100), money(10_000_000)],
        s0 in (1u32..=6).prop_flat_map(rate),
        s in (1u32..=6).prop_flat_map(rate),
        f in prop_oneof![money(100), money(100_000)],
        t in prop_oneof![0u64..=100, 0u64..=1_000_000_000],
    ) {
        // Small prices, rates with few decimals and small volumes land on half a fen often.
        let scenario = json!({
            "terms": { "unit_price": p.to_string(), "target_rate": s0.to_string(), "penalty_per_unit": f.to_string(),
                       "penalty_mode": "linear" },
            "months": [{ "month": "2026-01", "volume": t.to_string(), "success_rate": s.to_string() }]
        });
        let result = settle(&read(&scenario)).map_err(|v| TestCaseError::fail(format!("{:?}", pairs(&v.errors))))?;
        let t = Decimal::from(t);
        let want_fee = fen(p * s * t);
        let want_penalty = fen(-f * (s0 - s) * t);
        let lines = &result.months[0].lines;
        prop_assert_eq!(lines[0].amount, want_fee, "service fee");
        prop_assert_eq!(lines[1].amount, want_penalty, "shortfall penalty");
        prop_assert_eq!(lines[0].amount + lines[1].amount, want_fee + want_penalty);
        prop_assert_eq!(result.total, want_fee + want_penalty, "no sampling, no telecom");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// (d) Arbitrary JSON, and real scenarios with junk in them, never panic; the outcome is a
    /// bill or well-formed errors, and validate agrees with settle.
    #[test]
    fn arbitrary_json_bills_or_reports_errors(input in any_input()) {
        let json = match callsettle::reader::parse(&input.to_string()) {
            Ok(j) => j,
            Err(_) => return Err(TestCaseError::reject("nested too deeply to read")),
        };
        check_outcome(&json, &top_level_keys(&input))?;
    }

    /// (e) JS numbers of every kind in any place of a real scenario.
    #[test]
    fn js_numbers_anywhere_bill_or_report_errors(
        scenario in valid_scenario(),
        at in any::<prop::sample::Index>(),
        x in js_number(),
    ) {
        let mut json = read(&scenario);
        let mut target = at.index(leaf_count(&json));
        prop_assert!(replace_leaf(&mut json, &mut target, &as_the_binding_sends(x)));
        check_outcome(&json, &top_level_keys(&scenario))?;
    }
}

/// p = 2^27 fen and s = b / 2^28 (b odd, 28 decimals exactly): p × s × T = b × T / 2 fen, half a
/// fen for odd T. The successes `s × T` need up to 35 significant digits, more than a 96-bit
/// decimal holds: the bill is refused with `overflow` (docs/rules.md, "Exact arithmetic"), never
/// rounded from a cut product.
fn long_rate_scenario(b: u64, t: u64) -> Value {
    let s = Decimal::from_i128_with_scale(i128::from(b) * 5i128.pow(28), 28);
    read(&json!({
        "terms": { "unit_price": "1342177.28", "target_rate": "0", "penalty_per_unit": "0" },
        "months": [{ "month": "2026-01", "volume": t, "success_rate": s.to_string() }]
    }))
}

/// The one right outcome: `overflow` at the month, for settle and validate alike.
fn refused_as_overflow(b: u64, t: u64) -> Result<(), TestCaseError> {
    let input = long_rate_scenario(b, t);
    let want = vec![("months[0]".to_owned(), "overflow".to_owned())];
    match settle(&input) {
        Ok(r) => prop_assert!(
            false,
            "s = {}/2^28, T = {}: billed {} from a product exact arithmetic cannot hold",
            b,
            t,
            r.total
        ),
        Err(v) => prop_assert_eq!(pairs(&v.errors), want.clone()),
    }
    prop_assert_eq!(pairs(&validate(&input).errors), want);
    Ok(())
}

/// The smallest example found: s 0.8260737098753452301025390625 = 221747473 / 2^28, T 57, fee
/// 63198029.805 exactly, but s × T = 47.0862014628946781158447265625 has 30 significant digits.
/// Rounding the cut product 47.086201462894678115844726562 would give 63198029.80.
#[test]
fn long_rate_on_half_a_fen_is_refused_not_cut() {
    assert_eq!(
        Decimal::from_i128_with_scale(221_747_473 * 5i128.pow(28), 28).to_string(),
        "0.8260737098753452301025390625"
    );
    refused_as_overflow(221_747_473, 57).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn long_rates_are_refused_not_cut(b in (0u64..(1 << 27)).prop_map(|b| 2 * b + 1), t in (0u64..500_000).prop_map(|t| 2 * t + 1)) {
        refused_as_overflow(b, t)?;
    }
}

// ------------------------------------------------------------------------------ what-if calls

/// An argument of a what-if call: one a page would pass, or junk.
fn what_if_arg(plausible: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop_oneof![6 => select(plausible).prop_map(|s| json!(s)), 1 => junk()]
}

/// A scenario for the what-if calls: mostly valid (so that they get past reading and compute),
/// else damaged or junk.
fn what_if_scenario() -> impl Strategy<Value = Value> {
    prop_oneof![3 => valid_scenario(), 2 => damaged_scenario(), 1 => junk()]
}

/// Errors a what-if call returned: at least one error, each with a code and both texts.
fn well_formed(problems: &[Problem]) -> Result<(), TestCaseError> {
    prop_assert!(
        problems.iter().any(|p| p.severity == Severity::Error),
        "refused without an error: {problems:?}"
    );
    for p in problems {
        let m = Message::from(p);
        prop_assert!(!code(&m).is_empty() && !m.message_zh.is_empty() && !m.message_en.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// (f) solve, sweep, compare and project on arbitrary scenarios and arguments: a result, or
    /// well-formed errors; never a panic (which would be a trap in the page).
    #[test]
    fn what_if_calls_answer_or_report_errors(
        input in what_if_scenario(),
        other in what_if_scenario(),
        field in what_if_arg(&["success_rate", "volume", "unit_price", "target_rate", "penalty_per_unit", "rate"]),
        target in what_if_arg(&["8084.56", "0", "-500.00", "999999999999.99", "1e9", "abc"]),
        from in what_if_arg(&["0", "0.1", "0.25", "-5"]),
        to in what_if_arg(&["1", "0.35", "0.5", "x"]),
        steps in what_if_arg(&["10", "2", "50", "1"]),
    ) {
        let reads = |v: &Value| {
            callsettle::reader::parse(&v.to_string())
                .map_err(|_| TestCaseError::reject("nested too deeply to read"))
        };
        let (input, other) = (reads(&input)?, reads(&other)?);
        let [field, target, from, to, steps] = [&field, &target, &from, &to, &steps].map(reads);
        let (field, target, from, to, steps) = (field?, target?, from?, to?, steps?);
        if let Err(problems) = solve(&input, &field, &target) {
            well_formed(&problems)?;
        }
        if let Err(problems) = sweep(&input, &field, &from, &to, &steps) {
            well_formed(&problems)?;
        }
        if let Err(problems) = compare(&Value::Array(vec![input.clone(), other])) {
            well_formed(&problems)?;
        }
        if let Err(refused) = project(&input) {
            prop_assert!(!refused.errors.is_empty());
        }
    }
}
