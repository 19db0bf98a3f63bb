//! Hand-worked cases: the arithmetic is written out next to each expectation.

use super::*;
use serde_json::{json, Value};

fn input(v: Value) -> Value {
    serde_json::from_value(v).unwrap()
}

fn ok(v: Value) -> Account400Projection {
    match evaluate(&input(v)) {
        (Some(p), _) => p,
        (None, problems) => panic!("errors: {problems:?}"),
    }
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn m(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// April 2026 (30 days). Inbound: 20.00, fee 10.00 on the 1st, 300 min × 0.10 = 30.00 a month
/// = 1.00 a day. Outbound: 50.00, no fee, 600 min × 0.05 = 30.00 a month = 1.00 a day.
fn april(inbound_balance: &str, outbound_balance: &str) -> Value {
    json!({
        "signing_date": "2026-03-02",
        "activation_date": "2026-03-20",
        "validity": { "start": "2026-04-01", "end": "2026-04-30" },
        "inbound": { "opened": "2026-04-01", "balance": inbound_balance, "monthly_fee": "10.00",
                     "minutes_per_month": 300, "tariff_per_minute": "0.10" },
        "outbound": { "opened": "2026-04-01", "balance": outbound_balance,
                      "minutes_per_month": 600, "tariff_per_minute": "0.05" }
    })
}

#[test]
fn inbound_runs_out_before_outbound_and_outbound_balance_is_forfeited() {
    let p = ok(april("20.00", "50.00"));
    // Inbound: day 1 takes 10.00 + 1.00 → 9.00; day k closes at 10 − k; day 10 closes at 0.00;
    // day 11 has 0.00 < 1.00 → runs out 2026-04-11.
    assert_eq!(p.inbound.runs_out, Some(d("2026-04-11")));
    assert_eq!(p.rows[9].inbound.balance, m("0.00"));
    assert!(!p.rows[10].inbound.in_service);
    // Outbound is suspended that day; after 10 days at 1.00 it holds 50 − 10 = 40.00, forfeited.
    assert_eq!(p.outbound_suspended, Some(d("2026-04-11")));
    assert_eq!(p.outbound_forfeited, Some(m("40.00")));
    assert_eq!(p.outbound.runs_out, None, "its own balance would last");
    assert_eq!(p.outbound.balance_at_end, m("40.00"));
    assert!(!p.rows[10].outbound.in_service);
    // Renew by the last day inbound still covers: it closes 04-10 at 0.00, having paid that
    // day's 1.00; 04-11 is the run-out day, too late.
    assert_eq!(
        (p.renew_by, p.renew_reason),
        (d("2026-04-10"), RenewReason::InboundRunsOut)
    );
    // Smallest inbound top-up on 04-01: charges 10 + 30 × 1.00 = 40.00 against 20.00 → 20.00.
    // Outbound needs nothing (30.00 of charges against 50.00), assuming inbound lasts.
    assert_eq!(p.inbound.top_up_needed, Some(m("20.00")));
    assert_eq!(p.outbound.top_up_needed, Some(m("0.00")));
    assert_eq!(p.top_ups_needed_total, Some(m("20.00")));
    // Both short: inbound 20.00 as above, outbound 30.00 − 5.00 = 25.00; together 45.00.
    assert_eq!(
        ok(april("20.00", "5.00")).top_ups_needed_total,
        Some(m("45.00"))
    );
    assert_eq!(p.rows.len(), 30);
    assert_eq!(p.documents_due, d("2026-03-11"));
}

#[test]
fn below_next_charge_stops_a_day_earlier() {
    let mut v = april("20.00", "50.00");
    v["insufficient"] = json!("below_next_charge");
    let p = ok(v);
    // Day 10 has 1.00 but must cover 1.00 today + 1.00 tomorrow → runs out 2026-04-10; outbound
    // then holds 50 − 9 = 41.00.
    assert_eq!(p.inbound.runs_out, Some(d("2026-04-10")));
    assert_eq!(p.outbound_forfeited, Some(m("41.00")));
    // Day 30 needs 1.00 on hand (no next day): still 40.00 of charges − 20.00 = 20.00.
    assert_eq!(p.inbound.top_up_needed, Some(m("20.00")));
}

#[test]
fn outbound_runs_out_first() {
    let p = ok(april("100.00", "5.00"));
    // Inbound: 100 − 10 − 30 = 60.00 at the end, never short.
    assert_eq!(p.inbound.runs_out, None);
    assert_eq!(p.inbound.balance_at_end, m("60.00"));
    // Outbound: day k closes at 5 − k; day 6 has 0.00 < 1.00 → runs out 2026-04-06.
    assert_eq!(p.outbound.runs_out, Some(d("2026-04-06")));
    assert_eq!(p.outbound.balance_at_end, m("0.00"));
    assert_eq!((p.outbound_suspended, p.outbound_forfeited), (None, None));
    // Outbound's run-out is its own date: the number is held on inbound, which lasts.
    assert_eq!(
        (p.renew_by, p.renew_reason),
        (d("2026-04-30"), RenewReason::ValidityEnd)
    );
    // 30.00 of charges against 5.00 → 25.00.
    assert_eq!(p.outbound.top_up_needed, Some(m("25.00")));
    assert_eq!(p.inbound.top_up_needed, Some(m("0.00")));
    assert_eq!(p.top_ups_needed_total, Some(m("25.00")));
}

#[test]
fn a_top_up_that_just_reaches_the_end_and_one_fen_less() {
    // Inbound as above closes day 10 at 0.00; days 11–30 cost 20 × 1.00 = 20.00.
    let with = |amount: &str| {
        let mut v = april("20.00", "50.00");
        v["top_ups"] = json!([{ "date": "2026-04-11", "account": "inbound", "amount": amount }]);
        v["top_up_date"] = json!("2026-04-11");
        ok(v)
    };
    let p = with("20.00");
    assert_eq!(p.inbound.runs_out, None);
    assert_eq!(p.inbound.balance_at_end, m("0.00"));
    assert_eq!((p.outbound_suspended, p.outbound_forfeited), (None, None));
    assert_eq!(
        (p.renew_by, p.renew_reason),
        (d("2026-04-30"), RenewReason::ValidityEnd)
    );
    assert_eq!(p.rows[10].inbound.top_ups, m("20.00"));
    assert_eq!(p.inbound.top_up_needed, Some(m("0.00")));
    // 19.99: day 30 has 0.99 < 1.00.
    let p = with("19.99");
    assert_eq!(p.inbound.runs_out, Some(d("2026-04-30")));
    assert_eq!(
        (p.renew_by, p.renew_reason),
        (d("2026-04-29"), RenewReason::InboundRunsOut)
    );
    assert_eq!(p.inbound.balance_at_end, m("0.99"));
    assert_eq!(p.outbound_forfeited, Some(m("21.00")), "50 − 29 days");
    assert_eq!(p.inbound.top_up_needed, Some(m("0.01")));
    // Without the planned top-up the smallest one on 04-10, the last day the balance covers
    // (renew-by), is exactly 20.00; 04-11 is too late (see `too_late_and_after_run_out`).
    let mut v = april("20.00", "50.00");
    v["top_up_date"] = json!("2026-04-10");
    assert_eq!(ok(v).inbound.top_up_needed, Some(m("20.00")));
}

#[test]
fn too_late_and_after_run_out() {
    let mut v = april("20.00", "50.00");
    v["top_up_date"] = json!("2026-04-12");
    v["top_ups"] = json!([{ "date": "2026-04-12", "account": "outbound", "amount": "1.00" }]);
    let (p, problems) = evaluate(&input(v));
    let p = p.unwrap();
    // Inbound ran out on 04-11: no top-up on 04-12 saves the number. In time was 04-10, the
    // last day the balance covered (renew-by), with what lasts to 04-30 = 20.00 (hand-worked
    // above: 0.00 left on 04-10 after its 1.00, then 20 days × 1.00); outbound's own top-up was
    // not needed.
    assert_eq!(p.inbound.top_up_needed, None);
    assert_eq!(
        p.inbound.in_time,
        Some(InTime {
            date: d("2026-04-10"),
            amount: m("20.00")
        })
    );
    assert_eq!(p.inbound.in_time.as_ref().map(|t| t.date), Some(p.renew_by));
    assert_eq!(p.outbound.in_time, None);
    assert_eq!(p.top_ups_needed_total, None, "inbound is too late");
    let codes: Vec<(&str, Code)> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
    assert_eq!(
        codes,
        [
            ("top_ups[0].date", Code::TopUpAfterRunOut),
            ("top_up_date", Code::TopUpTooLate)
        ]
    );
    // The outbound top-up after suspension is credited and forfeited too: 41.00 at the end.
    assert_eq!(p.outbound.balance_at_end, m("41.00"));
    // On the run-out day itself (04-11) it is too late as well: the balance no longer covers
    // that day (as for renew-by); 04-10 was the last day, with the same 20.00.
    let mut v = april("20.00", "50.00");
    v["top_up_date"] = json!("2026-04-11");
    let (p, problems) = evaluate(&input(v.clone()));
    let p = p.unwrap();
    assert_eq!(p.inbound.top_up_needed, None);
    assert_eq!(p.inbound.in_time.map(|t| t.date), Some(d("2026-04-10")));
    assert_eq!(problems[0].code, Code::TopUpTooLate);
    v["top_up_date"] = json!("2026-04-10");
    let (p, problems) = evaluate(&input(v.clone()));
    let p = p.unwrap();
    assert_eq!(p.inbound.top_up_needed, Some(m("20.00")));
    assert!(problems.is_empty());
    // Short on the first projected day (5.00 against 04-01's 11.00): a top-up that day is the
    // earliest there is, so it is not too late: 40.00 − 5.00 = 35.00.
    v["inbound"]["balance"] = json!("5.00");
    v["top_up_date"] = json!("2026-04-01");
    let p = ok(v);
    assert_eq!(p.inbound.runs_out, Some(d("2026-04-01")));
    assert_eq!(p.inbound.top_up_needed, Some(m("35.00")));
}

#[test]
fn advertising_before_activation_is_a_warning() {
    let mut v = april("100.00", "50.00");
    v["advertising_start"] = json!("2026-03-15");
    let (p, problems) = evaluate(&input(v));
    assert!(p.is_some());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "advertising_start");
    assert_eq!(problems[0].code, Code::AdvertisingBeforeActivation);
    assert!(!problems[0].is_error());
    assert_eq!(
        p.unwrap().warnings[0].code,
        Code::AdvertisingBeforeActivation
    );
    // On activation day itself it is fine.
    let mut v = april("100.00", "50.00");
    v["advertising_start"] = json!("2026-03-20");
    assert!(evaluate(&input(v)).1.is_empty());
}

#[test]
fn documents_due_across_the_spring_festival() {
    // Signed Thu 2026-02-12. Working days after it: Fri 13, Sat 14 (调休), then the holiday
    // 15–23, then Tue 24, Wed 25, Thu 26, Fri 27 (6), Sat 28 (调休, 7) → 2026-02-28.
    let mut v = april("100.00", "50.00");
    v["signing_date"] = json!("2026-02-12");
    assert_eq!(ok(v).documents_due, d("2026-02-28"));
}

#[test]
fn every_input_problem_at_once() {
    let v = json!({
        "signing_date": "2026-03-02",
        "activation_date": "2026-03-01",
        "validity": { "start": "2026-04-01", "end": "2026-04-30" },
        "inbound": { "opened": "2026-04-05", "balance": "-1", "tariff_per_minute": "0.1" },
        "outbound": { "opened": "2026-04-01", "balance": "1", "tariff_per_minute": "-0.05" },
        "top_ups": [
            { "date": "2026-04-02", "account": "inbound", "amount": "5" },
            { "date": "2026-02-30", "account": "sideways", "amount": "1.234" },
            { "date": "2026-05-01", "account": "outbound", "amount": "5" }
        ],
        "granularity": "week",
        "colour": "blue"
    });
    let (p, problems) = evaluate(&input(v));
    assert!(p.is_none());
    let mut got: Vec<(String, Code)> = problems.iter().map(|p| (p.path.clone(), p.code)).collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let want = [
        ("colour", Code::UnknownField),
        ("granularity", Code::InvalidChoice),
        ("inbound.balance", Code::Negative),
        ("outbound.tariff_per_minute", Code::Negative),
        ("top_ups[1].account", Code::InvalidChoice),
        ("top_ups[1].amount", Code::TooManyDecimals),
        ("top_ups[1].date", Code::InvalidDate),
    ];
    let want: Vec<(String, Code)> = want.iter().map(|(p, c)| (p.to_string(), *c)).collect();
    assert_eq!(got, want);

    // Fields that read cleanly: the relations between them.
    let v = json!({
        "signing_date": "2026-03-02",
        "activation_date": "2026-03-01",
        "validity": { "start": "2026-04-01", "end": "2026-04-30" },
        "inbound": { "opened": "2026-04-05", "balance": "1" },
        "outbound": { "opened": "2026-04-01", "balance": "1" },
        "top_ups": [
            { "date": "2026-04-02", "account": "inbound", "amount": "5" },
            { "date": "2026-03-31", "account": "inbound", "amount": "5" },
            { "date": "2026-05-01", "account": "outbound", "amount": "5" }
        ],
        "top_up_date": "2026-05-01"
    });
    let (p, problems) = evaluate(&input(v));
    assert!(p.is_none());
    let got: Vec<(&str, Code)> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
    assert_eq!(
        got,
        [
            ("activation_date", Code::DateOrder),
            ("outbound.opened", Code::OutboundBeforeInbound),
            ("top_up_date", Code::OutOfRange),
            ("top_ups[1].date", Code::TopUpOutsideValidity),
            ("top_ups[2].date", Code::TopUpOutsideValidity),
        ]
    );
    let msg = crate::messages::Message::from(&problems[1]);
    assert!(msg.message_en.contains("2026-04-01") && msg.message_en.contains("2026-04-05"));

    // Validity backwards; validity over 36 months; as_of outside it.
    let mut v = april("1", "1");
    v["validity"] = json!({ "start": "2026-04-30", "end": "2026-04-01" });
    assert_eq!(evaluate(&input(v)).1[0].code, Code::DateOrder);
    let mut v = april("1", "1");
    v["validity"] = json!({ "start": "2026-04-01", "end": "2029-04-01" });
    let problems = evaluate(&input(v)).1;
    assert_eq!(
        (problems[0].path.as_str(), problems[0].code),
        ("validity.end", Code::OutOfRange)
    );
    assert_eq!(problems[0].params[1], ("max", "2029-03-31".to_string()));
    let mut v = april("1", "1");
    v["validity"] = json!({ "start": "2026-04-01", "end": "2029-03-31" });
    assert!(evaluate(&input(v)).0.is_some(), "36 months exactly");
    let mut v = april("1", "1");
    v["as_of"] = json!("2026-05-01");
    assert_eq!(evaluate(&input(v)).1[0].path, "as_of");
    assert_eq!(evaluate(&input(json!([]))).1[0].code, Code::WrongType);
}

#[test]
fn date_reader_is_strict() {
    let read = |t: &str| read_date(&Value::String(t.into()));
    assert_eq!(read("2026-02-28").unwrap(), d("2026-02-28"));
    assert_eq!(read("2028-02-29").unwrap(), d("2028-02-29"));
    // As people write dates (reader::calendar_parts has the full table).
    for (text, want) in [
        ("2027/3/31", "2027-03-31"),
        ("2027-3-31", "2027-03-31"),
        ("2027.3.31", "2027-03-31"),
        ("2027年3月31日", "2027-03-31"),
        ("２０２７年３月３１日", "2027-03-31"),
        ("2026-1-01", "2026-01-01"),
        ("2026/01/01", "2026-01-01"),
    ] {
        assert_eq!(read(text).unwrap(), d(want), "{text}");
    }
    for bad in [
        "2026-02-29",
        "2026年2月29日",
        "2026-13-01",
        "2026-4-31",
        "2026-03",
        "2026年3月",
        "20260101",
        "",
        "1899-12-31",
        "2026-01-1a",
        "2026-01-01T00:00",
    ] {
        assert_eq!(read(bad).unwrap_err().code, Code::InvalidDate, "{bad}");
    }
    assert_eq!(
        read_date(&Value::from(20260101u64)).unwrap_err().code,
        Code::WrongType
    );
}

#[test]
fn daily_spread_rounds_each_cumulative_share_once() {
    // 10.00 over 30 days: r(0.333…) = 0.33, r(0.666…) = 0.67, r(1.00) = 1.00 → days of
    // 0.33, 0.34, 0.33; a full month is exactly 10.00.
    let u = Amount::of(m("10.00"));
    assert_eq!([1, 2, 3].map(|k| u.day_share(k, 30)), [33, 34, 33]);
    assert_eq!((1..=30).map(|k| u.day_share(k, 30)).sum::<i128>(), 1000);
    // 0.45 ÷ 30 = 0.015 → 0.02 (half away from zero); two days 0.03 → 0.03, so day 2 is 0.01.
    let u = Amount::of(m("0.45"));
    assert_eq!([u.day_share(1, 30), u.day_share(2, 30)], [2, 1]);
    // A tariff with more decimals: 1234 min × 0.085 = 104.89 a month (31 days): sums exactly.
    let u = Amount::of(crate::exact::mul(m("1234"), m("0.085")).unwrap());
    assert_eq!((1..=31).map(|k| u.day_share(k, 31)).sum::<i128>(), 10489);
    assert_eq!(Amount::of(m("0.005")).fen(), 1);
}

#[test]
fn month_rows_fees_and_mid_month_start() {
    // From 04-15: inbound (open since 04-01) has paid April's fee; May's 10.00 on 05-01.
    // Outbound opens 04-20: its 5.00 fee that day in full (`opening_month: full`), then on
    // 05-01 and 06-01.
    let v = json!({
        "opening_month": "full",
        "signing_date": "2026-03-02",
        "activation_date": "2026-03-20",
        "validity": { "start": "2026-04-01", "end": "2026-06-10" },
        "as_of": "2026-04-15",
        "granularity": "month",
        "inbound": { "opened": "2026-04-01", "balance": "100.00", "monthly_fee": "10.00" },
        "outbound": { "opened": "2026-04-20", "balance": "100.00", "monthly_fee": "5.00",
                      "minutes_per_month": 30, "tariff_per_minute": "1" },
        "top_ups": [{ "date": "2026-05-05", "account": "outbound", "amount": "7.00" }]
    });
    let p = ok(v);
    let spans: Vec<(String, String)> = p.rows.iter().map(|r| (iso(r.from), iso(r.to))).collect();
    assert_eq!(
        spans,
        [
            ("2026-04-15".into(), "2026-04-30".into()),
            ("2026-05-01".into(), "2026-05-31".into()),
            ("2026-06-01".into(), "2026-06-10".into())
        ]
    );
    let inbound: Vec<(Decimal, Decimal)> = p
        .rows
        .iter()
        .map(|r| (r.inbound.charged, r.inbound.balance))
        .collect();
    assert_eq!(
        inbound,
        [
            (m("0.00"), m("100.00")),
            (m("10.00"), m("90.00")),
            (m("10.00"), m("80.00"))
        ]
    );
    // Outbound usage 30.00 a month: April 20–30 is 11 of 30 days = 11.00, May 31 of 31 = 30.00,
    // June 1–10 = 10.00; fees 5.00 each month.
    let outbound: Vec<(Decimal, Decimal, Decimal, bool)> = p
        .rows
        .iter()
        .map(|r| {
            (
                r.outbound.top_ups,
                r.outbound.charged,
                r.outbound.balance,
                r.outbound.in_service,
            )
        })
        .collect();
    assert_eq!(
        outbound,
        [
            (m("0.00"), m("16.00"), m("84.00"), true),
            (m("7.00"), m("35.00"), m("56.00"), true),
            (m("0.00"), m("15.00"), m("41.00"), true)
        ]
    );
    // Daily fees instead: April 20–30 is r(5 × 11 ÷ 30) = r(1.8333…) = 1.83.
    let mut v = json!({
        "signing_date": "2026-03-02",
        "activation_date": "2026-03-20",
        "validity": { "start": "2026-04-01", "end": "2026-04-30" },
        "granularity": "month",
        "fee_timing": "daily",
        "inbound": { "opened": "2026-04-01", "balance": "100.00" },
        "outbound": { "opened": "2026-04-20", "balance": "100.00", "monthly_fee": "5.00" }
    });
    assert_eq!(ok(v.clone()).rows[0].outbound.charged, m("1.83"));
    v["granularity"] = json!("day");
    let p = ok(v);
    assert!(!p.rows[18].outbound.in_service, "not open on 04-19");
    assert!(p.rows[19].outbound.in_service);
}

#[test]
fn minimal_top_up_is_checked_by_simulation() {
    // A track where the largest deficit is not at the end: a big charge mid-way then top-ups.
    let t = Track {
        start: 100,
        charges: vec![50, 50, 500, 10, 10],
        top_ups: vec![0, 0, 0, 600, 0],
    };
    // Day 3 needs 500 with 0 on hand → 500.
    assert_eq!(t.minimal_top_up(Insufficient::BelowZero, 0, 5), Some(500));
    assert_eq!(
        t.run(Insufficient::BelowZero, Some((0, 499)), None)
            .runs_out,
        Some(2)
    );
    // Next-charge rule: day 2 must hold 50 + 500 with 50 on hand → 500 as well; day 3 must
    // hold 510 → 510.
    assert_eq!(
        t.minimal_top_up(Insufficient::BelowNextCharge, 0, 5),
        Some(510)
    );
    // Already out before the date: too late.
    assert_eq!(t.minimal_top_up(Insufficient::BelowZero, 3, 5), None);
}

// ---------------------------------------------------------------------------------------------
// Issue 18: renewals, renew-by on the inbound account, the missing checks, the plan

/// The codes of every problem, with their paths.
fn codes(v: Value) -> Vec<(String, Code)> {
    evaluate(&input(v))
        .1
        .iter()
        .map(|p| (p.path.clone(), p.code))
        .collect()
}

/// April–June 2026 (91 days). Inbound 100.00, fee 10.00 + 300 min × 0.10 (30.00 a month);
/// outbound 5.00, 600 min × 0.05 (30.00 a month).
fn quarter() -> Value {
    let mut v = april("100.00", "5.00");
    v["validity"] = json!({ "start": "2026-04-01", "end": "2026-06-30" });
    v
}

#[test]
fn renew_by_is_about_inbound_the_number_is_safe_while_outbound_is_out() {
    let p = ok(quarter());
    // Outbound: closes day k of April at 5 − k, 04-05 at 0.00 → runs out 04-06, its own date.
    assert_eq!(p.outbound.runs_out, Some(d("2026-04-06")));
    // Inbound: April 100 − 10 − 30 = 60.00; May 60 − 10 − 30 = 20.00 (30.00 spread over 31
    // days sums to 30.00); 06-01 10 + 1.00 → 9.00, day k of June closes at 10 − k: 06-10 at 0.00,
    // 06-11 cannot pay 1.00 → runs out 06-11. The number is held to 06-10.
    assert_eq!(p.inbound.runs_out, Some(d("2026-06-11")));
    assert_eq!(p.rows[70].to, d("2026-06-10"));
    assert_eq!(p.rows[70].inbound.balance, m("0.00"));
    assert_eq!(
        (p.renew_by, p.renew_reason),
        (d("2026-06-10"), RenewReason::InboundRunsOut)
    );
    // Outbound's own top-up: 3 months × 30.00 − 5.00 = 85.00 (as if inbound lasts).
    assert_eq!(p.outbound.top_up_needed, Some(m("85.00")));
    // Inbound's: 3 × 40.00 − 100.00 = 20.00.
    assert_eq!(p.inbound.top_up_needed, Some(m("20.00")));
    // Suspended when inbound runs out; outbound had nothing left.
    assert_eq!(p.outbound_suspended, Some(d("2026-06-11")));
    assert_eq!(p.outbound_forfeited, Some(m("0.00")));
    assert_eq!(p.validity_end, d("2026-06-30"));
    assert!(p.plan.is_none() && p.renewals.is_empty());
}

#[test]
fn a_renewal_in_time_extends_validity_and_the_projection() {
    // April only, inbound 100.00 (lasts April at 60.00). Renewed on its last day for 2 months:
    // 05-01 + 2 months − 1 day = 06-30. The projection goes on to 06-30; inbound runs out 06-11
    // as in the quarter above.
    let mut v = april("100.00", "5.00");
    v["renewals"] = json!([{ "date": "2026-04-30", "months": 2, "fee": "50" }]);
    let p = ok(v.clone());
    assert_eq!(p.validity_end, d("2026-06-30"));
    assert_eq!(p.projection_to, d("2026-06-30"));
    assert_eq!(p.rows.len(), 91);
    assert_eq!(
        p.renewals,
        [Renewed {
            date: d("2026-04-30"),
            previous_end: d("2026-04-30"),
            new_end: d("2026-06-30"),
            fee: m("50.00"),
        }]
    );
    assert_eq!(p.renewals[0].fee.to_string(), "50.00");
    assert_eq!(p.inbound.runs_out, Some(d("2026-06-11")));
    assert_eq!(p.renew_by, d("2026-06-10"));
    // The same by its new end; a top-up in May (after the first validity end) is now in range.
    v["renewals"] = json!([{ "date": "2026-04-30", "new_end": "2026-06-30" }]);
    v["top_ups"] = json!([{ "date": "2026-06-05", "account": "inbound", "amount": "30.00" }]);
    let p = ok(v);
    assert_eq!(p.validity_end, d("2026-06-30"));
    // 06-04 closes at 10 − 4 = 6.00; 06-05 has 6.00 + 30.00 and pays 1.00 → 35.00; the 25 days
    // 06-06–06-30 cost 25.00 → 10.00 at the end.
    assert_eq!(p.inbound.runs_out, None);
    assert_eq!(p.inbound.balance_at_end, m("10.00"));
    assert_eq!(
        (p.renew_by, p.renew_reason),
        (d("2026-06-30"), RenewReason::ValidityEnd)
    );
    // Two renewals chain: 04-10 for 1 month (→ 05-31), then 05-31 by its new end 2026-08-15;
    // from 12 months after a Feb end: 2026-02-28 + 12 months → 2027-02-28.
    let mut v = april("100.00", "5.00");
    v["renewals"] = json!([
        { "date": "2026-05-31", "new_end": "2026-08-15" },
        { "date": "2026-04-10", "months": 1 }
    ]);
    let p = ok(v);
    let ends: Vec<[NaiveDate; 3]> = p
        .renewals
        .iter()
        .map(|r| [r.date, r.previous_end, r.new_end])
        .collect();
    assert_eq!(
        ends,
        [
            [d("2026-04-10"), d("2026-04-30"), d("2026-05-31")],
            [d("2026-05-31"), d("2026-05-31"), d("2026-08-15")]
        ]
    );
    assert_eq!(p.validity_end, d("2026-08-15"));
    assert_eq!(extend(d("2026-02-28"), 12), Some(d("2027-02-28")));
    assert_eq!(extend(d("2026-01-31"), 1), Some(d("2026-02-28")));
}

#[test]
fn a_renewal_too_late_is_refused_with_the_day_the_number_was_lost() {
    // Validity ends 04-30: a renewal on 05-01 comes the day the number was given up.
    let mut v = april("100.00", "5.00");
    v["renewals"] = json!([{ "date": "2026-05-01", "months": 1 }]);
    let (p, problems) = evaluate(&input(v));
    assert!(p.is_none());
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].path.as_str(), problems[0].code),
        ("renewals[0].date", Code::RenewalTooLate)
    );
    assert!(problems[0].is_error());
    assert_eq!(problems[0].params, [("lost", "2026-05-01".to_string())]);
    // The quarter: inbound runs out 06-11. Renewing on 06-10 is in time (07-01 + 12 months − 1
    // day = 2027-06-30), on 06-11 it is too late: lost 06-11.
    let mut v = quarter();
    v["renewals"] = json!([{ "date": "2026-06-10", "months": 12 }]);
    let p = ok(v.clone());
    assert_eq!(p.validity_end, d("2027-06-30"));
    assert_eq!(p.renew_by, d("2026-06-10"));
    v["renewals"] = json!([{ "date": "2026-06-11", "months": 12 }]);
    let problems = evaluate(&input(v)).1;
    assert_eq!(problems[0].code, Code::RenewalTooLate);
    assert_eq!(problems[0].params, [("lost", "2026-06-11".to_string())]);
}

#[test]
fn renewal_input_problems() {
    let mut v = april("100.00", "5.00");
    v["renewals"] = json!([
        { "date": "2026-04-30", "months": 1, "new_end": "2026-05-31" },
        { "date": "2026-04-30" },
        { "date": "2026-04-30", "months": 0 },
        { "date": "2026-04-30", "new_end": "2026-04-30", "fee": "-1" }
    ]);
    assert_eq!(
        codes(v),
        [
            ("renewals[0].months".to_string(), Code::MonthsAndNewEnd),
            ("renewals[1].months".to_string(), Code::Required),
            ("renewals[2].months".to_string(), Code::OutOfRange),
            ("renewals[3].fee".to_string(), Code::Negative),
        ]
    );
    // A new end that does not extend, one beyond 36 months of projection, a date before as_of.
    let mut v = april("100.00", "5.00");
    v["renewals"] = json!([{ "date": "2026-04-30", "new_end": "2026-04-30" }]);
    let problems = evaluate(&input(v)).1;
    assert_eq!(
        (problems[0].path.as_str(), problems[0].code),
        ("renewals[0].new_end", Code::OutOfRange)
    );
    assert_eq!(problems[0].params[0], ("min", "2026-05-01".to_string()));
    assert_eq!(problems[0].params[1], ("max", "2029-03-31".to_string()));
    // 04-30 + 36 months would end 2029-04-30: the most is 35 (→ 2029-03-31).
    let mut v = april("100.00", "5.00");
    v["renewals"] = json!([{ "date": "2026-04-30", "months": 36 }]);
    let problems = evaluate(&input(v.clone())).1;
    assert_eq!(
        problems[0].params,
        [("min", "1".into()), ("max", "35".into())]
    );
    // With a plan the projection stops at the horizon: the renewal may reach beyond 36 months.
    v["plan"] = json!({ "horizon_months": 36 });
    assert_eq!(ok(v.clone()).validity_end, d("2029-04-30"));
    v["renewals"] = json!([{ "date": "2026-04-30", "new_end": "2026-04-30" }]);
    let problems = evaluate(&input(v)).1;
    assert_eq!(problems[0].params[1], ("max", "2999-12-31".to_string()));
    let mut v = april("100.00", "5.00");
    v["as_of"] = json!("2026-04-10");
    v["renewals"] = json!([{ "date": "2026-04-09", "months": 1 }]);
    assert_eq!(
        codes(v),
        [("renewals[0].date".to_string(), Code::OutOfRange)]
    );
}

#[test]
fn activation_and_outbound_checks() {
    // Activated 04-05, after the validity start and both openings (04-01): three warnings.
    let mut v = april("100.00", "50.00");
    v["activation_date"] = json!("2026-04-05");
    let (p, problems) = evaluate(&input(v));
    assert!(p.is_some());
    let got: Vec<(&str, Code, bool)> = problems
        .iter()
        .map(|p| (p.path.as_str(), p.code, p.is_error()))
        .collect();
    assert_eq!(
        got,
        [
            ("validity.start", Code::BeforeActivation, false),
            ("inbound.opened", Code::BeforeActivation, false),
            ("outbound.opened", Code::BeforeActivation, false),
        ]
    );
    assert_eq!(problems[1].params[0], ("date", "2026-04-01".to_string()));
    // Inbound 20.00 runs out 04-11 (see the first test); outbound opened 06-15 with 50.00:
    // suspended from its first day.
    let mut v = april("20.00", "50.00");
    v["validity"]["end"] = json!("2026-06-30");
    v["outbound"]["opened"] = json!("2026-06-15");
    let (p, problems) = evaluate(&input(v.clone()));
    let p = p.unwrap();
    assert_eq!(
        problems
            .iter()
            .map(|p| (p.path.as_str(), p.code))
            .collect::<Vec<_>>(),
        [("outbound.opened", Code::OutboundOpenedWhileSuspended)]
    );
    assert_eq!(
        problems[0].params,
        [
            ("opened", "2026-06-15".to_string()),
            ("stopped", "2026-04-11".to_string())
        ]
    );
    assert_eq!(p.outbound_forfeited, Some(m("50.00")));
    // Opened on the run-out day itself: warned; the day before: not.
    v["outbound"]["opened"] = json!("2026-04-11");
    assert_eq!(codes(v.clone()).len(), 1);
    v["outbound"]["opened"] = json!("2026-04-10");
    assert!(codes(v).is_empty());
}

#[test]
fn documents_across_the_spring_festival() {
    // Signed Thu 2026-02-12: due Sat 2026-02-28 (the seventh working day, see above).
    let mut v = april("100.00", "50.00");
    v["signing_date"] = json!("2026-02-12");
    v["documents_submitted"] = json!("2026-02-28");
    assert!(codes(v.clone()).is_empty(), "on the last day: in time");
    // Handed in Mon 03-02: late; the number is released the day after the deadline, 03-01.
    v["documents_submitted"] = json!("2026-03-02");
    let (p, problems) = evaluate(&input(v.clone()));
    assert!(p.is_none());
    assert_eq!(problems[0].code, Code::NumberReleased);
    assert!(problems[0].is_error());
    assert_eq!(
        problems[0].params,
        [
            ("due", "2026-02-28".to_string()),
            ("released", "2026-03-01".to_string())
        ]
    );
    // Activated on 02-26 (Thu, the fifth working day) before the documents came on 02-27.
    v["documents_submitted"] = json!("2026-02-27");
    v["activation_date"] = json!("2026-02-26");
    assert_eq!(
        codes(v),
        [(
            "activation_date".to_string(),
            Code::ActivatedBeforeDocuments
        )]
    );
}

#[test]
fn opening_month_pro_rata_by_days_or_full() {
    // Inbound opened 04-30 with a 30.00 monthly fee, no use; validity 04-01–05-31.
    let v = |opening: &str| {
        let mut v = april("100.00", "0");
        v["validity"]["end"] = json!("2026-05-31");
        v["inbound"] =
            json!({ "opened": "2026-04-30", "balance": "100.00", "monthly_fee": "30.00" });
        v["outbound"]["opened"] = json!("2026-04-30");
        v["outbound"]["minutes_per_month"] = json!(0);
        v["opening_month"] = json!(opening);
        ok(v)
    };
    // Pro rata: 30.00 × 1 day ÷ 30 days = 1.00 on 04-30, then 30.00 on 05-01.
    let p = v("pro_rata");
    assert_eq!(p.opening_month, OpeningMonth::ProRata);
    assert_eq!(p.rows[29].inbound.charged, m("1.00"));
    assert_eq!(p.rows[30].inbound.charged, m("30.00"));
    assert_eq!(p.inbound.balance_at_end, m("69.00"));
    // Full: 30.00 on 04-30 and again on 05-01.
    let p = v("full");
    assert_eq!(p.rows[29].inbound.charged, m("30.00"));
    assert_eq!(p.inbound.balance_at_end, m("40.00"));
    // In February 2026 (28 days), opened on 正月初一 02-17: 28.00 × 12 ÷ 28 = 12.00; a 10.00
    // fee from 02-17: 10 × 12 ÷ 28 = 4.2857… → 4.29.
    let fee = |amount: &str| {
        let mut v = april("100.00", "0");
        v["activation_date"] = json!("2026-02-10");
        v["signing_date"] = json!("2026-02-02");
        v["validity"] = json!({ "start": "2026-02-17", "end": "2026-02-28" });
        v["inbound"] =
            json!({ "opened": "2026-02-17", "balance": "100.00", "monthly_fee": amount });
        v["outbound"]["opened"] = json!("2026-02-17");
        ok(v).rows[0].inbound.charged
    };
    assert_eq!(fee("28.00"), m("12.00"));
    assert_eq!(fee("10.00"), m("4.29"));
}

#[test]
fn the_plan_keeps_the_number_with_the_least_money_paid_as_late_as_possible() {
    // Inbound 20.00, fee 10.00 on each 1st, no use; outbound unused. Validity 04-01–06-30.
    // Horizon 12 months: 2026-04-01 + 12 months − 1 day = 2027-03-31. Renewals of 6 months at
    // 100.00: on 06-30 (→ 12-31) and on 12-31 (→ 2027-06-30).
    // Inbound: 04-01 and 05-01 use the 20.00; 06-01 finds 0.00 → 10.00 (to 06-30), due by
    // 05-31, the last day the balance still covers (as renew-by: 06-01 is already short). The
    // second period (07-01–12-31) costs 6 × 10.00: 60.00, due by 06-30 (07-01 is short). The
    // third, to the horizon (2027-01-01–03-31): 30.00 by 2026-12-31. Total 200.00 + 100.00 =
    // 300.00.
    let mut v = april("20.00", "0");
    v["validity"]["end"] = json!("2026-06-30");
    v["inbound"] = json!({ "opened": "2026-04-01", "balance": "20.00", "monthly_fee": "10.00" });
    v["outbound"] = json!({ "opened": "2026-04-01", "balance": "0" });
    v["plan"] = json!({ "horizon_months": 12, "renewal_months": 6, "renewal_fee": "100" });
    let p = ok(v.clone());
    assert_eq!(p.projection_to, d("2027-03-31"));
    let plan = p.plan.as_ref().unwrap();
    assert_eq!(plan.horizon_end, d("2027-03-31"));
    let top_up = |date: &str, amount: &str| PlanStep {
        latest_date: d(date),
        kind: StepKind::TopUp,
        account: Some(AccountKind::Inbound),
        amount: m(amount),
        new_end: None,
    };
    let renewal = |date: &str, new_end: &str| PlanStep {
        latest_date: d(date),
        kind: StepKind::Renewal,
        account: None,
        amount: m("100.00"),
        new_end: Some(d(new_end)),
    };
    assert_eq!(
        plan.steps,
        [
            top_up("2026-05-31", "10.00"),
            top_up("2026-06-30", "60.00"),
            renewal("2026-06-30", "2026-12-31"),
            top_up("2026-12-31", "30.00"),
            renewal("2026-12-31", "2027-06-30"),
        ]
    );
    assert_eq!(plan.steps[2].amount.to_string(), "100.00");
    assert_eq!(
        [
            plan.renewal_fees,
            plan.inbound_top_ups,
            plan.outbound_top_ups,
            plan.total
        ],
        [m("200.00"), m("100.00"), m("0.00"), m("300.00")]
    );
    // As entered (no renewal): inbound runs out 06-01, the number is lost; the projection still
    // runs to the horizon, with both accounts stopped.
    assert_eq!(p.inbound.runs_out, Some(d("2026-06-01")));
    assert_eq!(p.renew_by, d("2026-05-31"));
    assert_eq!(
        plan.steps[0].latest_date, p.renew_by,
        "one deadline, one reading"
    );
    assert!(!p.rows.last().unwrap().inbound.in_service);
    // Checked by simulation: with the plan's steps entered, the number is kept to the horizon
    // and nothing more is needed; one fen less on the last top-up, and it runs out that day.
    v["renewals"] = json!([
        { "date": "2026-06-30", "months": 6, "fee": "100" },
        { "date": "2026-12-31", "months": 6, "fee": "100" }
    ]);
    v["top_ups"] = json!([
        { "date": "2026-05-31", "account": "inbound", "amount": "10.00" },
        { "date": "2026-06-30", "account": "inbound", "amount": "60.00" },
        { "date": "2026-12-31", "account": "inbound", "amount": "30.00" }
    ]);
    let p = ok(v.clone());
    assert_eq!(p.inbound.runs_out, None);
    assert_eq!(p.validity_end, d("2027-06-30"));
    assert_eq!(p.inbound.balance_at_end, m("0.00"));
    let plan = p.plan.unwrap();
    assert!(plan.steps.is_empty());
    assert_eq!(plan.renewal_fees.to_string(), "0.00");
    v["top_ups"][2]["amount"] = json!("29.99");
    assert_eq!(ok(v.clone()).inbound.runs_out, Some(d("2027-03-01")));
    // Short on the first projected day (5.00 against the 10.00 fee of 04-01): there is no day
    // before it in the projection, so that top-up is due on 04-01 itself: 3 × 10.00 − 5.00 =
    // 25.00 to 06-30, the horizon of 3 months (no renewal needed).
    v["inbound"]["balance"] = json!("5.00");
    v["top_ups"] = json!([]);
    v["renewals"] = json!([]);
    v["plan"] = json!({ "horizon_months": 3 });
    assert_eq!(ok(v).plan.unwrap().steps, [top_up("2026-04-01", "25.00")]);
}

/// 1.1.3 after the holiday notices (issue 15): signed Mon 2026-12-28, documents due 7 working
/// days later: 12-29 (1), 12-30 (2), 12-31 (3), Fri 2027-01-01 元旦 (a statutory holiday by the
/// fixed rule) off, the weekend, 01-04 (4), 01-05 (5), 01-06 (6), Thu 2027-01-07 (7) — not
/// 01-06 as with weekends only; 2027 is named in `holidays_outside_data` (调休 not published).
#[test]
fn documents_due_after_the_notices_skip_new_year() {
    let mut v = april("20.00", "50.00");
    v["signing_date"] = json!("2026-12-28");
    v["activation_date"] = json!("2027-01-20");
    v["validity"] = json!({ "start": "2027-02-01", "end": "2027-02-28" });
    v["inbound"]["opened"] = json!("2027-02-01");
    v["outbound"]["opened"] = json!("2027-02-01");
    let (p, problems) = evaluate(&input(v));
    assert_eq!(p.unwrap().documents_due, d("2027-01-07"));
    let warning = problems
        .iter()
        .find(|p| p.code == Code::HolidaysOutsideData)
        .unwrap();
    assert_eq!(warning.params, [("years", "2027".to_string())]);
}
