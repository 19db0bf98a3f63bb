//! Property tests of `project_account400` (contract 2, the 400-number account):
//! (a) a projected balance never rises without a top-up, and never goes below zero;
//! (b) the smallest top-up is minimal: made as a planned top-up on `top_up_date` the account
//!     lasts to the validity end, and one fen less it runs out;
//! (c) arbitrary field values never panic: a projection, or errors with paths;
//! (d) the plan (issue 18) keeps the number to the horizon: with its steps entered, inbound and
//!     outbound are served to the horizon, the validity reaches it and no step is left to plan;
//!     without any one step, the number is lost (or, for an outbound top-up, outbound runs out);
//!     a top-up is due on the last day its account is still served without it (as renew-by).

use callsettle::account400::{Account400Projection, AccountKind, StepKind};
use callsettle::{project_account400, validate_account400};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// A test value read as the binding reads an input: its JSON text through the shipped reader.
fn read(v: &Value) -> Value {
    callsettle::reader::parse(&v.to_string()).expect("a test input reads")
}

fn day(offset: u64) -> String {
    let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(offset);
    d.format("%Y-%m-%d").to_string()
}

fn money(fen: i64) -> String {
    Decimal::new(fen, 2).to_string()
}

fn project(v: &Value) -> Account400Projection {
    match project_account400(&read(v)) {
        Ok(p) => p,
        Err(e) => panic!("{v}: {:?}", e.errors),
    }
}

/// A valid input: validity of 1–120 days in 2026–2027, accounts opened near its start
/// (outbound not before inbound), up to four planned top-ups inside it.
fn valid_input() -> impl Strategy<Value = (Value, u64)> {
    let account = || {
        (
            0u64..10,
            0i64..60_000,
            0i64..5_000,
            0u32..3_000,
            0i64..300,
            0u32..4,
        )
    };
    (
        0u64..400,
        1u64..120,
        account(),
        account(),
        proptest::collection::vec((0u64..120, any::<bool>(), 0i64..20_000), 0..4),
        0u64..120,
        select(vec!["month_start", "daily"]),
        select(vec!["below_zero", "below_next_charge"]),
        select(vec!["day", "month"]),
    )
        .prop_map(
            |(start, len, inb, outb, top_ups, at, timing, rule, granularity)| {
                let end = start + len - 1;
                let acc = |(opened, balance, fee, minutes, tariff, scale): (
                    u64,
                    i64,
                    i64,
                    u32,
                    i64,
                    u32,
                ),
                           base: u64| {
                    json!({
                        "opened": day(base + opened),
                        "balance": money(balance),
                        "monthly_fee": money(fee),
                        "minutes_per_month": minutes,
                        "tariff_per_minute": Decimal::new(tariff, scale).to_string(),
                    })
                };
                let inbound_opened = start + inb.0;
                let top_ups: Vec<Value> = top_ups
                    .into_iter()
                    .map(|(offset, inbound, amount)| {
                        json!({
                            "date": day(start + offset % len),
                            "account": if inbound { "inbound" } else { "outbound" },
                            "amount": money(amount),
                        })
                    })
                    .collect();
                let at = at % len;
                let v = json!({
                    "signing_date": day(start),
                    "activation_date": day(start),
                    "validity": { "start": day(start), "end": day(end) },
                    "inbound": acc(inb, start),
                    "outbound": acc(outb, inbound_opened),
                    "top_ups": top_ups,
                    "top_up_date": day(start + at),
                    "fee_timing": timing,
                    "insufficient": rule,
                    "granularity": granularity,
                });
                (v, start + at)
            },
        )
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// (a) Row by row, each balance is at most the previous one plus the row's top-ups, it
    /// falls by exactly what was charged, and it is never negative.
    #[test]
    fn balances_never_rise_without_a_top_up((v, _) in valid_input()) {
        let p = project(&v);
        for (kind, start) in [("inbound", &v["inbound"]["balance"]), ("outbound", &v["outbound"]["balance"])] {
            let mut previous = dec(start.as_str().unwrap());
            for row in &p.rows {
                let r = if kind == "inbound" { &row.inbound } else { &row.outbound };
                prop_assert!(r.balance <= previous + r.top_ups, "{} {}: {} > {} + {}", kind, row.from, r.balance, previous, r.top_ups);
                prop_assert_eq!(r.balance, previous + r.top_ups - r.charged);
                prop_assert!(r.charged >= Decimal::ZERO && r.balance >= Decimal::ZERO);
                previous = r.balance;
            }
            let outcome = if kind == "inbound" { &p.inbound } else { &p.outbound };
            prop_assert_eq!(outcome.balance_at_end, previous);
        }
    }

    /// (b) Both smallest top-ups made as planned top-ups: both accounts last. One fen less on
    /// either: that account runs out (the other's top-up kept, so inbound does not mask outbound).
    #[test]
    fn smallest_top_up_is_minimal((v, at) in valid_input()) {
        let p = project(&v);
        let (Some(inb), Some(outb)) = (p.inbound.top_up_needed, p.outbound.top_up_needed) else {
            // Too late for one of them: it ran out before the top-up date.
            prop_assert!(p.inbound.runs_out.is_some() || p.outbound.runs_out.is_some());
            return Ok(());
        };
        let with = |inbound: Decimal, outbound: Decimal| {
            let mut v = v.clone();
            let tops = v["top_ups"].as_array_mut().unwrap();
            tops.push(json!({ "date": day(at), "account": "inbound", "amount": inbound.to_string() }));
            tops.push(json!({ "date": day(at), "account": "outbound", "amount": outbound.to_string() }));
            project(&v)
        };
        let both = with(inb, outb);
        prop_assert_eq!(both.inbound.runs_out, None);
        prop_assert_eq!(both.outbound.runs_out, None);
        prop_assert_eq!(both.outbound_suspended, None);
        prop_assert_eq!(both.inbound.top_up_needed, Some(Decimal::new(0, 2)));
        let fen = Decimal::new(1, 2);
        if inb > Decimal::ZERO {
            prop_assert!(with(inb - fen, outb).inbound.runs_out.is_some());
        }
        if outb > Decimal::ZERO {
            prop_assert!(with(inb, outb - fen).outbound.runs_out.is_some());
        }
        if inb.is_zero() && outb.is_zero() {
            prop_assert_eq!(p.inbound.runs_out, None);
            prop_assert_eq!(p.outbound.runs_out, None);
        }
    }

    /// (c) Any value in any field: no panic; errors carry paths; validate agrees.
    #[test]
    fn arbitrary_fields_never_panic(
        (v, _) in valid_input(),
        field in select(vec!["signing_date", "activation_date", "advertising_start", "validity",
            "as_of", "inbound", "outbound", "top_ups", "top_up_date", "granularity",
            "fee_timing", "insufficient", "renewals", "plan", "documents_submitted",
            "opening_month"]),
        value in select(vec![json!(null), json!(-1), json!("2026-02-30"), json!("x"), json!([]),
            json!({}), json!("9999999999999"), json!(1e300), json!(true), json!([{}]),
            json!({ "start": "2026-01-01", "end": "2030-01-01" }), json!("2025-12-31")]),
    ) {
        let mut v = v;
        v[field] = value;
        let validation = validate_account400(&read(&v));
        match project_account400(&read(&v)) {
            Ok(_) => prop_assert!(validation.errors.is_empty()),
            Err(e) => {
                prop_assert!(!e.errors.is_empty());
                prop_assert_eq!(e.errors, validation.errors);
            }
        }
    }

    /// (d) The plan, checked by simulation through the public function.
    #[test]
    fn the_plan_keeps_the_number_and_every_step_is_needed(
        (v, _) in valid_input(),
        // At least the validity entered (under 120 days): with a plan the projection ends at
        // the horizon, and entered top-ups must fall in it.
        horizon in 4u32..16,
        renewal_months in 1u32..7,
        fee in 0i64..20_000,
        opening in select(vec!["pro_rata", "full"]),
    ) {
        let mut v = v;
        v["plan"] = json!({ "horizon_months": horizon, "renewal_months": renewal_months,
                            "renewal_fee": money(fee) });
        v["opening_month"] = json!(opening);
        let p = project(&v);
        let plan = p.plan.expect("a plan was asked for");
        prop_assert_eq!(p.projection_to, plan.horizon_end);
        let step = |s: &callsettle::account400::PlanStep| match s.kind {
            StepKind::Renewal => ("renewals", json!({ "date": s.latest_date.to_string(),
                "months": renewal_months, "fee": s.amount.to_string() })),
            StepKind::TopUp => ("top_ups", json!({ "date": s.latest_date.to_string(),
                "account": if s.account == Some(AccountKind::Inbound) { "inbound" } else { "outbound" },
                "amount": s.amount.to_string() })),
        };
        // All steps but `skip`, and the step `less` one fen smaller.
        let with_less = |skip: Option<usize>, less: Option<usize>| {
            let mut v = v.clone();
            for (i, s) in plan.steps.iter().enumerate() {
                if Some(i) != skip {
                    let (key, mut item) = step(s);
                    if Some(i) == less {
                        item["amount"] = json!((s.amount - Decimal::new(1, 2)).to_string());
                    }
                    v[key].as_array_mut().map(|a| a.push(item.clone())).unwrap_or_else(|| v[key] = json!([item]));
                }
            }
            project_account400(&read(&v))
        };
        let with = |skip: Option<usize>| with_less(skip, None);
        let kept = with(None).map_err(|e| TestCaseError::fail(format!("{v}: {:?}", e.errors)))?;
        prop_assert_eq!(kept.inbound.runs_out, None);
        prop_assert_eq!(kept.outbound.runs_out, None);
        prop_assert!(kept.validity_end >= plan.horizon_end);
        prop_assert!(kept.plan.unwrap().steps.is_empty());
        for (i, s) in plan.steps.iter().enumerate() {
            // A top-up one fen smaller: that account runs out (on the top-up's day or later).
            // (For inbound, a later renewal may be refused instead: the number was lost.)
            if s.kind == StepKind::TopUp {
                match with_less(None, Some(i)) {
                    Err(e) => prop_assert!(s.account == Some(AccountKind::Inbound)
                        && e.errors.iter().all(|m| m.code == callsettle::problem::Code::RenewalTooLate), "{:?}", e.errors),
                    Ok(q) => {
                        let runs_out = if s.account == Some(AccountKind::Inbound) { q.inbound.runs_out } else { q.outbound.runs_out };
                        prop_assert!(runs_out.is_some_and(|d| d >= s.latest_date), "step {} one fen less", i);
                    }
                }
            }
            // A top-up is due on the last day the balance still covers (as renew-by): without
            // it, its account is still served on that day and runs out later (unless that is
            // the first projected day, when the account is short at once).
            let first_day = s.latest_date == p.projection_from;
            let served_on_its_date = |runs_out: Option<NaiveDate>| {
                s.kind == StepKind::Renewal || first_day || runs_out.is_some_and(|d| d > s.latest_date)
            };
            match with(Some(i)) {
                // A later renewal is refused: the number was lost before it (after the
                // top-up's date: it was held on that day).
                Err(e) => {
                    prop_assert!(e.errors.iter().any(|m| m.code == callsettle::problem::Code::RenewalTooLate), "{:?}", e.errors);
                    for m in e.errors.iter().filter(|m| m.code == callsettle::problem::Code::RenewalTooLate) {
                        let lost = m.params.0.iter().find(|(k, _)| *k == "lost").map(|(_, v)| v.parse::<NaiveDate>().unwrap());
                        prop_assert!(served_on_its_date(lost), "step {} of {:?}: lost {:?}", i, plan.steps, lost);
                    }
                }
                Ok(q) => {
                    let lost = q.inbound.runs_out.is_some() || q.validity_end < plan.horizon_end;
                    if s.account == Some(AccountKind::Outbound) {
                        prop_assert!(q.outbound.runs_out.is_some() && !lost, "step {}", i);
                        prop_assert!(served_on_its_date(q.outbound.runs_out), "step {} of {:?}", i, plan.steps);
                    } else {
                        prop_assert!(lost, "step {} of {:?}", i, plan.steps);
                        if s.kind == StepKind::TopUp {
                            prop_assert!(served_on_its_date(q.inbound.runs_out), "step {} of {:?}", i, plan.steps);
                        }
                    }
                }
            }
        }
        // The total is the steps' sum.
        let sum: Decimal = plan.steps.iter().map(|s| s.amount).sum();
        prop_assert_eq!(sum, plan.total);
    }
}
