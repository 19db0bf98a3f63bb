//! The golden-case corpus: every case in `tests/cases/ok/` and `tests/cases/err/` run through
//! `settle` and `validate`, compared field by field with the hand-computed expectations.
//! The same files are run through the WASM module by `tests/node/golden.test.mjs`.

use callsettle::{settle, validate, Validation};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const LINE_KEYS: [&str; 4] = [
    "service_fee",
    "shortfall_penalty",
    "inaccuracy_deduction",
    "telecom_charges",
];

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// The case names (file names without `.json`) in `tests/cases/<kind>/`, sorted.
fn case_files(kind: &str) -> Vec<String> {
    let dir = cases_dir().join(kind);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn load(kind: &str, name: &str) -> Value {
    let path = cases_dir().join(kind).join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// The case's scenario, read as the WASM binding reads an input: its JSON text (numbers as
/// written, serde_json's arbitrary_precision) through the shipped reader.
fn scenario(case: &Value, file: &str) -> Value {
    let s = case
        .get("scenario")
        .unwrap_or_else(|| panic!("{file}: no \"scenario\""));
    callsettle::reader::parse(&s.to_string())
        .unwrap_or_else(|p| panic!("{file}: scenario does not read: {p:?}"))
}

/// `(path, code)` pairs of a list of `{ path, code, … }` objects, sorted (order-insensitive).
fn pairs(list: &Value, file: &str, what: &str) -> Vec<(String, String)> {
    let items = list
        .as_array()
        .unwrap_or_else(|| panic!("{file}: {what} is not a list: {list}"));
    let mut out: Vec<(String, String)> = items
        .iter()
        .map(|p| {
            let field = |k: &str| {
                p.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_else(|| panic!("{file}: {what} entry without {k}: {p}"))
                    .to_owned()
            };
            (field("path"), field("code"))
        })
        .collect();
    out.sort();
    out
}

/// Every message has a code, a severity matching its list and texts in both languages.
fn check_messages(
    list: &Value,
    severity: &str,
    file: &str,
    what: &str,
    failures: &mut Vec<String>,
) {
    for m in list.as_array().into_iter().flatten() {
        if m.get("severity").and_then(Value::as_str) != Some(severity) {
            failures.push(format!(
                "{file}: {what} entry should have severity {severity}: {m}"
            ));
        }
        for text in ["code", "message_zh", "message_en"] {
            if m.get(text)
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                failures.push(format!("{file}: {what} entry has no {text}: {m}"));
            }
        }
    }
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("results serialize to JSON")
}

fn is_money(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let ok = matches!(body.split_once('.'), Some((i, f)) if !i.is_empty()
        && i.bytes().all(|b| b.is_ascii_digit()) && f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit()));
    ok && s != "-0.00"
}

fn expect_eq(failures: &mut Vec<String>, file: &str, what: &str, got: &Value, want: &Value) {
    if got != want {
        failures.push(format!("{file}: {what}: got {got}, expected {want}"));
    }
}

/// Checks one ok case; returns its failures.
fn check_ok(name: &str) -> Vec<String> {
    let file = format!("tests/cases/ok/{name}.json");
    let case = load("ok", name);
    let input = scenario(&case, &file);
    let expect = case
        .get("expect")
        .unwrap_or_else(|| panic!("{file}: no \"expect\""));
    let mut f = Vec::new();

    let validation = to_value(&validate(&input));
    if validation["errors"]
        .as_array()
        .is_none_or(|e| !e.is_empty())
    {
        f.push(format!(
            "{file}: validate reports errors for a valid scenario: {}",
            validation["errors"]
        ));
    }
    let result = match settle(&input) {
        Ok(r) => to_value(&r),
        Err(v) => {
            f.push(format!("{file}: settle failed: {}", to_value(&v)["errors"]));
            return f;
        }
    };

    expect_eq(&mut f, &file, "total", &result["total"], &expect["total"]);
    let got_months = result["months"].as_array().cloned().unwrap_or_default();
    let want_months = expect["months"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: expect.months is not a list"));
    if got_months.len() != want_months.len() {
        f.push(format!(
            "{file}: {} months billed, expected {}",
            got_months.len(),
            want_months.len()
        ));
    }
    for (i, (got, want)) in got_months.iter().zip(want_months).enumerate() {
        let at = |what: &str| format!("months[{i}].{what}");
        expect_eq(&mut f, &file, &at("month"), &got["month"], &want["month"]);
        expect_eq(&mut f, &file, &at("total"), &got["total"], &want["total"]);
        expect_eq(
            &mut f,
            &file,
            &at("successes"),
            &got["successes"],
            &want["successes"],
        );
        let keys: Vec<&str> = got["lines"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| l["key"].as_str())
            .collect();
        if keys != LINE_KEYS {
            f.push(format!(
                "{file}: {}: line keys {keys:?}, expected {LINE_KEYS:?}",
                at("lines")
            ));
        }
        for line in got["lines"].as_array().into_iter().flatten() {
            let key = line["key"].as_str().unwrap_or("?");
            expect_eq(
                &mut f,
                &file,
                &at(&format!("lines.{key}")),
                &line["amount"],
                &want["lines"][key],
            );
            if !line["amount"].as_str().is_some_and(is_money) {
                f.push(format!(
                    "{file}: {}: amount {} is not money with two decimals",
                    at(key),
                    line["amount"]
                ));
            }
        }
        for d in ["report_due", "confirm_by", "invoice_by", "payment_due"] {
            expect_eq(
                &mut f,
                &file,
                &at(&format!("schedule.{d}")),
                &got["schedule"][d],
                &want["schedule"][d],
            );
        }
        // A month's own warnings are among the scenario's and are about that month.
        let all: BTreeSet<_> = pairs(&result["warnings"], &file, "result warnings")
            .into_iter()
            .collect();
        for w in pairs(&got["warnings"], &file, "month warnings") {
            if !all.contains(&w) || !w.0.starts_with(&format!("months[{i}]")) {
                f.push(format!(
                    "{file}: {}: month warning {w:?} is not one of the scenario's about this month",
                    at("warnings")
                ));
            }
        }
    }

    let want_warnings = pairs(&expect["warnings"], &file, "expect.warnings");
    let got_warnings = pairs(&result["warnings"], &file, "settle warnings");
    if got_warnings != want_warnings {
        f.push(format!(
            "{file}: settle warnings {got_warnings:?}, expected {want_warnings:?}"
        ));
    }
    let validate_warnings = pairs(&validation["warnings"], &file, "validate warnings");
    if validate_warnings != want_warnings {
        f.push(format!(
            "{file}: validate warnings {validate_warnings:?}, expected {want_warnings:?}"
        ));
    }
    check_messages(
        &result["warnings"],
        "warning",
        &file,
        "settle warnings",
        &mut f,
    );
    for what in ["total"] {
        if !result[what].as_str().is_some_and(is_money) {
            f.push(format!(
                "{file}: {what} {} is not money with two decimals",
                result[what]
            ));
        }
    }
    f
}

/// Checks one err case; returns its failures.
fn check_err(name: &str) -> Vec<String> {
    let file = format!("tests/cases/err/{name}.json");
    let case = load("err", name);
    let input = scenario(&case, &file);
    let want_errors = pairs(&case["errors"], &file, "errors");
    let mut f = Vec::new();
    if want_errors.is_empty() {
        f.push(format!(
            "{file}: an err case must expect at least one error"
        ));
    }
    let thrown: Validation = match settle(&input) {
        Ok(r) => {
            f.push(format!(
                "{file}: settle succeeded (total {}), expected errors {want_errors:?}",
                r.total
            ));
            return f;
        }
        Err(v) => v,
    };
    let validation = validate(&input);
    for (who, v) in [
        ("settle", to_value(&thrown)),
        ("validate", to_value(&validation)),
    ] {
        let got = pairs(&v["errors"], &file, "errors");
        if got != want_errors {
            f.push(format!(
                "{file}: {who} errors {got:?}, expected {want_errors:?}"
            ));
        }
        if let Some(want) = case.get("warnings") {
            let want = pairs(want, &file, "expected warnings");
            let got = pairs(&v["warnings"], &file, "warnings");
            if got != want {
                f.push(format!("{file}: {who} warnings {got:?}, expected {want:?}"));
            }
        }
        check_messages(
            &v["errors"],
            "error",
            &file,
            &format!("{who} errors"),
            &mut f,
        );
        check_messages(
            &v["warnings"],
            "warning",
            &file,
            &format!("{who} warnings"),
            &mut f,
        );
    }
    f
}

fn run_all(kind: &str, check: fn(&str) -> Vec<String>) {
    let names = case_files(kind);
    assert!(!names.is_empty(), "no cases in tests/cases/{kind}/");
    let failures: Vec<String> = names.iter().flat_map(|n| check(n)).collect();
    assert!(
        failures.is_empty(),
        "{} failure(s) in tests/cases/{kind}/ ({} cases):\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

#[test]
fn ok_cases_bill_as_computed_by_hand() {
    run_all("ok", check_ok);
}

#[test]
fn err_cases_report_exactly_the_expected_problems() {
    run_all("err", check_err);
}

#[test]
fn index_lists_exactly_the_case_files() {
    let path = cases_dir().join("index.json");
    let index: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).expect("tests/cases/index.json exists"),
    )
    .expect("tests/cases/index.json is JSON");
    for kind in ["ok", "err"] {
        let listed: Vec<String> = index[kind]
            .as_array()
            .unwrap_or_else(|| panic!("tests/cases/index.json: \"{kind}\" is not a list"))
            .iter()
            .map(|v| v.as_str().expect("index entries are strings").to_owned())
            .collect();
        let mut sorted = listed.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            listed, sorted,
            "tests/cases/index.json: \"{kind}\" must be sorted and without duplicates"
        );
        let present = case_files(kind);
        let missing: Vec<_> = present.iter().filter(|n| !listed.contains(n)).collect();
        let stale: Vec<_> = listed.iter().filter(|n| !present.contains(n)).collect();
        assert!(
            missing.is_empty() && stale.is_empty(),
            "tests/cases/index.json is stale for \"{kind}\": files not listed {missing:?}, listed but absent {stale:?}"
        );
    }
}

/// The corpus covers what it promises: enough ok cases, and an err case for every error code
/// `settle` can produce.
#[test]
fn corpus_covers_every_error_code() {
    assert!(case_files("ok").len() >= 30, "at least 30 ok cases");
    let codes: BTreeSet<String> = case_files("err")
        .iter()
        .flat_map(|n| pairs(&load("err", n)["errors"], n, "errors"))
        .map(|(_, code)| code)
        .collect();
    for code in [
        "wrong_type",
        "required",
        "no_months",
        "invalid_choice",
        "not_a_number",
        "not_an_integer",
        "too_many_decimals",
        "too_large",
        "too_precise",
        "negative",
        "rate_out_of_range",
        "out_of_range",
        "invalid_month",
        "successes_exceed_volume",
        "inaccurate_exceed_sampled",
        "sampled_exceed_volume",
        "rate_and_successes_both",
        "rate_and_successes_missing",
        "overflow",
    ] {
        assert!(
            codes.contains(code),
            "no err case expects the error code {code}"
        );
    }
    let warning_codes: BTreeSet<String> = case_files("ok")
        .iter()
        .flat_map(|n| pairs(&load("ok", n)["expect"]["warnings"], n, "warnings"))
        .map(|(_, code)| code)
        .collect();
    for code in [
        "unknown_field",
        "negative_fee",
        "trial_over_cap",
        "target_zero_with_penalty",
        "fractional_successes",
        "duplicate_month",
    ] {
        assert!(
            warning_codes.contains(code),
            "no ok case expects the warning {code}"
        );
    }
}

/// The worked example file is the worked example (other tests rely on it).
#[test]
fn worked_example_is_the_spec_example() {
    let case = load("ok", "worked_example");
    let e = &case["expect"]["months"][0];
    assert_eq!(case["expect"]["total"], "8084.56");
    assert_eq!(e["lines"]["service_fee"], "7500.00");
    assert_eq!(e["lines"]["shortfall_penalty"], "-500.00");
    assert_eq!(e["lines"]["inaccuracy_deduction"], "-150.00");
    assert_eq!(e["lines"]["telecom_charges"], "1234.56");
    assert_eq!(e["schedule"]["report_due"], "2026-03-05");
    assert_eq!(e["schedule"]["payment_due"], "2026-03-25");
}

/// docs/rules.md "Reading input": a result too large for exact arithmetic is an error, never a crash. Each month here
/// is valid and bills −99 × 10^24 (inaccuracy deduction −100 × 10^24 at multiplier 100); 1000 of
/// them sum to −9.9 × 10^28, beyond the ~7.9 × 10^28 that exact decimal arithmetic holds.
#[test]
fn scenario_total_beyond_exact_range_is_an_overflow_error_not_a_panic() {
    let month = serde_json::json!({
        "month": "2026-01", "volume": "1000000000000", "successes": "1000000000000",
        "sampled_records": "1", "inaccurate_records": "1"
    });
    let input = serde_json::json!({
        "terms": { "unit_price": "1000000000000", "target_rate": "0", "penalty_per_unit": "0",
                   "inaccuracy_multiplier": "100" },
        "months": vec![month; 1000],
    });
    let input = callsettle::reader::parse(&input.to_string()).unwrap();
    let outcome = std::panic::catch_unwind(|| (settle(&input).map(|r| r.total), validate(&input)));
    let Ok((settled, validation)) = outcome else {
        panic!("settle/validate panicked on a scenario whose total exceeds exact arithmetic (expected an overflow error)");
    };
    let errors = settled
        .expect_err("a total beyond exact arithmetic cannot be billed")
        .errors;
    assert!(
        errors.iter().any(|e| to_value(&e.code) == "overflow"),
        "expected an overflow error, got {errors:?}"
    );
    assert!(
        !validation.errors.is_empty(),
        "validate must report the overflow too"
    );
}
