//! Property tests of the what-if core:
//! (a) solve then settle: for every solvable field and random terms, each value reported
//!     (lowest, highest, every interval end) settles to the requested total to the fen, the
//!     value a target was made from lies in a reported interval (targets include totals at the
//!     piecewise boundaries s = s0), and when nothing is found the nearest totals reported settle
//!     to those totals, one below and one above the target;
//! (b) degenerate terms: F = 0, s0 = 0, volume 0;
//! (c) share links: decode(encode(x)) == x for arbitrary JSON states; old links still load;
//! (d) sweep: every point's columns equal settle at that value, line by line (the sweep computes
//!     linear pieces in integers, settle the bill's own arithmetic).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use callsettle::settle;
use callsettle::share::{decode, encode};
use callsettle::solve::{solve, Outcome, Solution};
use callsettle::sweep::sweep;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// A test value read as the binding reads an input: its JSON text through the shipped reader.
fn read(v: &Value) -> Value {
    callsettle::reader::parse(&v.to_string()).expect("a test scenario reads")
}

/// The scenario with `field` set to `value` (in every month for month fields).
fn with_field(scenario: &Value, field: &str, value: &str) -> Value {
    let mut s = scenario.clone();
    match field {
        "success_rate" | "volume" => {
            for m in s["months"].as_array_mut().unwrap() {
                let m = m.as_object_mut().unwrap();
                m.insert(field.into(), json!(value));
                if field == "success_rate" {
                    m.remove("successes");
                }
            }
        }
        _ => {
            s["terms"][field] = json!(value);
        }
    }
    s
}

fn total_at(scenario: &Value, field: &str, value: &str) -> Decimal {
    let s = with_field(scenario, field, value);
    match settle(&read(&s)) {
        Ok(r) => r.total,
        Err(e) => panic!("settle at {field} = {value}: {:?}\n{s}", e.errors),
    }
}

/// Checks a solution against settle; returns it.
fn check(scenario: &Value, field: &str, target: &str) -> Solution {
    let sol = solve(&read(scenario), &json_str(field), &json_str(target))
        .unwrap_or_else(|e| panic!("solve {field} {target}: {e:?}"));
    let want: Decimal = sol.target;
    for [a, b] in &sol.intervals {
        for v in [a, b] {
            assert_eq!(
                total_at(scenario, field, &v.to_string()),
                want,
                "{field} = {v} should give {want}"
            );
        }
    }
    if sol.outcome == Outcome::None {
        assert!(sol.intervals.is_empty());
        if let Some(b) = &sol.below {
            assert!(b.total < want);
            assert_eq!(total_at(scenario, field, &b.value.to_string()), b.total);
        }
        if let Some(a) = &sol.above {
            assert!(a.total > want);
            assert_eq!(total_at(scenario, field, &a.value.to_string()), a.total);
        }
        assert!(sol.below.is_some() || sol.above.is_some());
    }
    sol
}

fn json_str(s: &str) -> Value {
    Value::String(s.to_owned())
}

fn contains(sol: &Solution, v: &str) -> bool {
    let v: Decimal = v.parse().unwrap();
    sol.intervals.iter().any(|[a, b]| *a <= v && v <= *b)
}

fn money(max_cents: i64) -> impl Strategy<Value = String> {
    (0..=max_cents).prop_map(|c| Decimal::new(c, 2).to_string())
}

fn rate() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..=10_000).prop_map(|r| Decimal::new(i64::from(r), 4).normalize().to_string()),
        (0u32..=1_000_000).prop_map(|r| Decimal::new(i64::from(r), 6).normalize().to_string()),
    ]
}

prop_compose! {
    fn month(i: usize)(volume in 0i64..=20_000, by_rate in any::<bool>(), r in rate(),
                       succ in 0.0f64..=1.0, samp in 0.0f64..=0.2, wrong in 0.0f64..=1.0,
                       telecom in money(500_000), trial in prop_oneof![Just(0i64), 0i64..=5000])
                      -> Value {
        let mut m = json!({ "month": format!("2026-{:02}", i + 1), "volume": volume,
                            "telecom_charges": telecom, "trial_records": trial });
        if by_rate {
            m["success_rate"] = json!(r);
        } else {
            m["successes"] = json!(((volume as f64) * succ).floor() as i64);
        }
        let sampled = ((volume as f64) * samp).floor() as i64;
        if sampled > 0 {
            m["sampled_records"] = json!(sampled);
            m["inaccurate_records"] = json!(((sampled as f64) * wrong * 0.3).floor() as i64);
        }
        m
    }
}

prop_compose! {
    fn scenario()(p in money(50_000), s0 in rate(), f in prop_oneof![Just("0".to_string()), money(5_000)],
                  mode in select(vec!["below_target", "linear"]),
                  k in select(vec!["1", "1", "2", "0.5"]),
                  months in prop::collection::vec((0usize..12).prop_flat_map(month), 1..=3))
                 -> Value {
        let mut months = months;
        // 第三条 7: the free 3000 trial records are shared in month order; the billed ones come
        // with their successes, given for a month with a count (at its own success ratio) and
        // for some months with a rate (odd trial counts), which moves the rate's breakpoint.
        let mut used = 0;
        for (i, m) in months.iter_mut().enumerate() {
            m["month"] = json!(format!("2026-{:02}", i + 1));
            let trial = m["trial_records"].as_i64().unwrap_or(0);
            let billable = (trial - (3000 - used).max(0)).max(0);
            used += trial;
            let volume = m["volume"].as_i64().unwrap_or(0);
            if let Some(n) = m["successes"].as_i64() {
                m["trial_successes"] = json!(if volume > 0 { billable * n / volume } else { 0 });
            } else if billable > 0 && trial % 2 == 1 {
                m["trial_successes"] = json!(billable / 3);
            }
        }
        json!({ "terms": { "unit_price": p, "target_rate": s0, "penalty_per_unit": f,
                           "penalty_mode": mode, "inaccuracy_multiplier": k },
                "months": months })
    }
}

/// A grid value of the field: random, or a piecewise boundary.
fn value_for(scenario: &Value, field: &str, pick: u64, boundary: bool) -> String {
    let least_volume = scenario["months"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| {
            [
                m["successes"].as_i64().unwrap_or(0),
                m["sampled_records"].as_i64().unwrap_or(0),
            ]
        })
        .max()
        .unwrap_or(0);
    match field {
        "success_rate" if boundary => scenario["terms"]["target_rate"]
            .as_str()
            .unwrap()
            .to_owned(),
        "target_rate" if boundary => {
            let m = &scenario["months"][0];
            match m["success_rate"].as_str() {
                Some(s) => s.to_owned(),
                None => {
                    let v = m["volume"].as_i64().unwrap();
                    let n = m["successes"].as_i64().unwrap();
                    if v == 0 {
                        "0".into()
                    } else {
                        // n ÷ T on the 10^-6 grid, rounded down: the value just left of the break.
                        (Decimal::from(n * 1_000_000 / v) / Decimal::from(1_000_000))
                            .normalize()
                            .to_string()
                    }
                }
            }
        }
        "success_rate" | "target_rate" => Decimal::new((pick % 1_000_001) as i64, 6)
            .normalize()
            .to_string(),
        "unit_price" | "penalty_per_unit" => Decimal::new((pick % 100_000) as i64, 2).to_string(),
        _ => (least_volume + (pick % 30_000) as i64).to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// A target made by settling at some value is found, and that value is among the answers.
    #[test]
    fn solve_then_settle_hits_the_target(
        s in scenario(),
        field in select(vec!["success_rate", "unit_price", "penalty_per_unit", "target_rate", "volume"]),
        pick in any::<u64>(),
        boundary in any::<bool>(),
    ) {
        let v = value_for(&s, field, pick, boundary);
        let target = total_at(&s, field, &v).to_string();
        let sol = check(&s, field, &target);
        prop_assert!(matches!(sol.outcome, Outcome::Found | Outcome::All), "{:?}", sol);
        prop_assert!(sol.outcome == Outcome::All || contains(&sol, &v), "{} = {} not in {:?}", field, v, sol.intervals);
    }

    /// Any target: the answers settle to it, or the nearest totals are real and on either side.
    #[test]
    fn any_target_is_answered_exactly(
        s in scenario(),
        field in select(vec!["success_rate", "unit_price", "penalty_per_unit", "target_rate", "volume"]),
        target in (-500_000_000i64..=500_000_000).prop_map(|c| Decimal::new(c, 2).to_string()),
    ) {
        check(&s, field, &target);
        check(&s, field, "break_even");
    }

    /// Each point of a sweep (ends random or at a piecewise boundary) is settle at that value.
    #[test]
    fn sweep_equals_settle_at_every_point(
        s in scenario(),
        field in select(vec!["success_rate", "unit_price", "penalty_per_unit", "target_rate", "volume"]),
        picks in (any::<u64>(), any::<u64>(), any::<bool>(), any::<bool>()),
        steps in 2u32..=40,
    ) {
        let (from, to) = (value_for(&s, field, picks.0, picks.2), value_for(&s, field, picks.1, picks.3));
        let swept = sweep(&read(&s), &json_str(field), &json_str(&from), &json_str(&to),
                          &json!(steps));
        let swept = match swept {
            Ok(swept) => swept,
            // Only a volume below the successes given is refused.
            Err(e) => {
                prop_assert_eq!(field, "volume", "{:?}", e);
                return Ok(());
            }
        };
        for (i, value) in swept.values.iter().enumerate() {
            let at = with_field(&s, field, &value.to_string());
            let bill = settle(&read(&at)).unwrap_or_else(|e| panic!("settle at {value}: {:?}", e.errors));
            let fen = |d: Decimal| (d * Decimal::ONE_HUNDRED).normalize().to_string();
            prop_assert_eq!(swept.total[i].to_string(), fen(bill.total), "total at {}", value);
            let columns = [&swept.service_fee, &swept.shortfall_penalty, &swept.inaccuracy_deduction, &swept.telecom_charges];
            for (j, column) in columns.iter().enumerate() {
                let line: Decimal = bill.months.iter().map(|m| m.lines[j].amount).sum();
                prop_assert_eq!(column[i].to_string(), fen(line), "line {} at {}", j, value);
            }
        }
    }

    /// decode(encode(x)) == x for arbitrary JSON states.
    #[test]
    fn share_round_trip(v in arb_json()) {
        let state = read(&v);
        let link = encode(&state);
        prop_assert!(link.starts_with("v1."));
        prop_assert!(link.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(&c)));
        prop_assert_eq!(decode(&link), Ok(state));
    }

    /// Tampering with one character never panics: it decodes to some state or is a clear problem.
    #[test]
    fn tampered_links_never_panic(v in arb_json(), at in any::<usize>(), c in any::<char>()) {
        let link = encode(&read(&v));
        let mut chars: Vec<char> = link.chars().collect();
        let i = at % chars.len();
        chars[i] = c;
        let tampered: String = chars.into_iter().collect();
        if let Err(p) = decode(&tampered) {
            prop_assert_eq!(serde_json::to_value(p.code).unwrap(), json!("share_link_invalid"));
        }
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        select(vec![
            "terms",
            "months",
            "unit_price",
            "success_rate",
            "name",
            "shown",
            "language",
            "~a",
            "~~",
            "~",
            ""
        ])
        .prop_map(str::to_owned),
        ".{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<u64>().prop_map(|i| json!(i)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        money(10_000_000).prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

// ------------------------------------------------------------------------------ degenerate

fn base() -> Value {
    json!({ "terms": { "unit_price": "2.50", "target_rate": "0.35", "penalty_per_unit": "1.00" },
            "months": [{ "month": "2026-01", "volume": 10000, "success_rate": "0.3",
                         "telecom_charges": "1234.56" }] })
}

#[test]
fn penalty_zero() {
    let mut s = base();
    s["terms"]["penalty_per_unit"] = json!("0");
    // No penalty: the total is p × s × T + telecom, every field but F and s0 solvable.
    let sol = check(&s, "success_rate", "2734.56");
    assert_eq!(sol.outcome, Outcome::Found);
    assert_eq!(sol.lowest.unwrap().to_string(), "0.06");
    // s0 and F change nothing: all values, or none.
    assert_eq!(check(&s, "target_rate", "8734.56").outcome, Outcome::All);
    assert_eq!(check(&s, "target_rate", "1").outcome, Outcome::None);
    assert_eq!(
        check(&s, "penalty_per_unit", "8734.56").outcome,
        Outcome::Found
    );
    // F = 0 and p = 0: the total is the telecom charges whatever the success rate.
    s["terms"]["unit_price"] = json!("0");
    let sol = check(&s, "success_rate", "break_even");
    assert_eq!(sol.outcome, Outcome::All);
    assert_eq!(sol.lowest.unwrap().to_string(), "0");
    assert_eq!(sol.highest.unwrap().to_string(), "1");
    let sol = check(&s, "success_rate", "2000");
    assert_eq!(sol.outcome, Outcome::None);
    assert_eq!(sol.below.unwrap().total.to_string(), "1234.56");
    assert!(sol.above.is_none());
}

#[test]
fn target_rate_zero() {
    let mut s = base();
    s["terms"]["target_rate"] = json!("0");
    // Nothing to miss: the penalty never applies, F changes nothing.
    assert_eq!(
        check(&s, "penalty_per_unit", "8734.56").outcome,
        Outcome::All
    );
    assert_eq!(check(&s, "penalty_per_unit", "8000").outcome, Outcome::None);
    let sol = check(&s, "unit_price", "break_even");
    assert_eq!(sol.outcome, Outcome::Found);
    assert_eq!(sol.lowest.unwrap().to_string(), "0.00");
    assert_eq!(sol.highest.unwrap().to_string(), "0.00");
}

#[test]
fn volume_zero() {
    let mut s = base();
    s["months"][0]["volume"] = json!(0);
    // No records: only the telecom charges, whatever the rate, price or penalty.
    for field in [
        "success_rate",
        "unit_price",
        "penalty_per_unit",
        "target_rate",
    ] {
        assert_eq!(
            check(&s, field, "break_even").outcome,
            Outcome::All,
            "{field}"
        );
        assert_eq!(check(&s, field, "0").outcome, Outcome::None, "{field}");
    }
    // The volume itself is solvable from 0: 2.5 × 0.3 × T − 0.05 × T = 700 → T = 1000.
    let sol = check(&s, "volume", "1934.56");
    assert_eq!(sol.lowest.unwrap().to_string(), "1000");
    assert_eq!(sol.highest.unwrap().to_string(), "1000");
    assert_eq!(sol.domain[0].to_string(), "0");
}

#[test]
fn the_shortfall_breakpoint_is_exact() {
    // Below s0 = 0.35 each 0.000001 of rate is worth 0.025 + 0.01; above it 0.025.
    let s = base();
    let at_target = check(&s, "success_rate", "9984.56");
    assert_eq!(at_target.lowest.unwrap().to_string(), "0.35");
    // 0.350001: 2.5 × 3500.01 = 8750.025 → 8750.03; 0.350002 → 8750.05.
    let sol = check(&s, "success_rate", "9984.60");
    assert_eq!(sol.outcome, Outcome::None);
    assert_eq!(sol.below.as_ref().unwrap().total.to_string(), "9984.59");
    assert_eq!(sol.below.unwrap().value.to_string(), "0.350001");
    assert_eq!(sol.above.as_ref().unwrap().total.to_string(), "9984.61");
    assert_eq!(sol.above.unwrap().value.to_string(), "0.350002");
}

#[test]
fn old_links_still_load() {
    // A version-0 link: base64url of the plain JSON text.
    let state = json!({ "scenarios": [base()], "shown": 0, "language": "en" });
    let v0 = format!("v0.{}", URL_SAFE_NO_PAD.encode(state.to_string()));
    assert_eq!(decode(&v0), Ok(read(&state)));
    // A version-1 link written by this version, kept as text: it must keep loading.
    let v1 = encode(&read(
        &json!({ "scenarios": [{ "terms": { "unit_price": "2.50" } }], "shown": 1 }),
    ));
    assert_eq!(v1, "v1.eyJ-eSI6W3sifmEiOnsifmsiOiIyLjUwIn19XSwifnoiOjF9");
}
