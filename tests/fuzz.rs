//! Fuzz harness (issue 19), run for a bounded time by the test command:
//! `cargo test --release --test fuzz -- --ignored --nocapture` (FUZZ_SECONDS per target, default
//! 10; the five targets run in parallel). Proptest strategies mutate the seeds of
//! `tests/fuzz/corpus/<target>/` (byte edits, spliced JSON tokens and hostile values, cut and
//! repeated slices) and feed the result, as the WASM binding would, to:
//! - `scenario`: `reader::parse` → `settle`, `validate` (which must agree), `project`;
//! - `solve`: `reader::parse` → `solve(scenario, field, target)`;
//! - `share`: `share::decode` of the mutated share text, and of a text whose decoded JSON was
//!   mutated (so that the key expansion sees damaged objects, not only bad base64);
//! - `account400`: `reader::parse` → `project_account400`, `validate_account400` (agreeing);
//! - `policy`: `reader::parse` of the mutated text as a deal-policy document → `check_policy`
//!   against the worked example's scenario (the status agreeing with the findings).
//!
//! Every execution must return (a result or well-formed problems) without a panic; each target
//! prints how many executions it ran. A panicking input is printed in full.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use callsettle::reader::parse;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// Text spliced into the seeds: JSON structure, hostile strings and numbers, dates at the edges.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "null",
    "true",
    "false",
    "-",
    "0",
    ".",
    "e",
    "%",
    "1e400",
    "-0",
    "0.000000000000000000000000000001",
    "99999999999999999999999999999999999999",
    "79228162514264337593543950335",
    "\"\"",
    "\"  \"",
    "\"__proto__\"",
    "\"constructor\"",
    "\"<img src=x onerror=alert(1)>\"",
    "\"2026-02-29\"",
    "\"2024-02-29\"",
    "\"9999-12\"",
    "\"0000-01\"",
    "\"2026-13\"",
    "\"35%\"",
    "\"1,000\"",
    "\"１２\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"months\"",
    "\"terms\"",
    "\"volume\"",
    "\"success_rate\"",
    "\"successes\"",
    "\"month\"",
    "\"settlement\"",
    "\"report_day\"",
    "\"plan\"",
    "\"validity\"",
    "\"inbound\"",
    "\"outbound\"",
    "\"balance\"",
    "\"field\"",
    "\"target\"",
    "\"break_even\"",
    "\"scenario\"",
    "\"version\"",
    "\"approver\"",
    "\"approvers\"",
    "\"normal\"",
    "\"floor\"",
    "\"unit_price\"",
    "\"downside\"",
    "\"outcomes\"",
    "4294967296",
    "NaN",
    "Infinity",
    "~",
    "v1.",
    "v0.",
    "#",
    "=",
    "+",
    "/",
    "_",
    "é",
    "中",
];

#[derive(Debug, Clone)]
enum Edit {
    /// Replaces the byte at the position with one of the tokens.
    Token(prop::sample::Index, prop::sample::Index),
    /// Deletes up to 16 bytes at the position.
    Delete(prop::sample::Index, usize),
    /// Repeats a slice of up to 64 bytes at the position up to 8 times.
    Repeat(prop::sample::Index, usize, usize),
    /// Sets one byte to any value (the text may stop being UTF-8: then it is read lossily).
    Byte(prop::sample::Index, u8),
    /// Cuts the text at the position.
    Cut(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(a, b)| Edit::Token(a, b)),
        2 => (any::<prop::sample::Index>(), 1usize..16).prop_map(|(a, n)| Edit::Delete(a, n)),
        1 => (any::<prop::sample::Index>(), 1usize..64, 1usize..8).prop_map(|(a, n, k)| Edit::Repeat(a, n, k)),
        2 => (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(a, b)| Edit::Byte(a, b)),
        1 => any::<prop::sample::Index>().prop_map(Edit::Cut),
    ]
}

/// A seed of the corpus (by index) and the edits applied to it.
fn mutation() -> impl Strategy<Value = (prop::sample::Index, Vec<Edit>)> {
    (
        any::<prop::sample::Index>(),
        prop::collection::vec(edit(), 0..6),
    )
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for e in edits {
        let at = |i: &prop::sample::Index| {
            if bytes.is_empty() {
                0
            } else {
                i.index(bytes.len())
            }
        };
        match e {
            Edit::Token(p, t) => {
                let p = at(p);
                let token = TOKENS[t.index(TOKENS.len())].as_bytes();
                let end = (p + 1).min(bytes.len());
                bytes.splice(p..end, token.iter().copied());
            }
            Edit::Delete(p, n) => {
                let p = at(p);
                bytes.drain(p..(p + n).min(bytes.len()));
            }
            Edit::Repeat(p, n, k) => {
                let p = at(p);
                let slice = bytes[p..(p + n).min(bytes.len())].to_vec();
                for _ in 0..*k {
                    bytes.splice(p..p, slice.iter().copied());
                }
            }
            Edit::Byte(p, b) => {
                if !bytes.is_empty() {
                    let p = at(p);
                    bytes[p] = *b;
                }
            }
            Edit::Cut(p) => {
                let p = at(p);
                bytes.truncate(p);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn corpus(target: &str) -> Vec<String> {
    let dir = format!("{}/tests/fuzz/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|f| f.unwrap().path())
        .collect();
    files.sort();
    let seeds: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap().trim().to_owned())
        .collect();
    assert!(!seeds.is_empty(), "{dir} holds no seed");
    seeds
}

fn seconds() -> Duration {
    let s = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    Duration::from_secs(s)
}

/// Runs `one` on mutations of the target's corpus until the time is up; fails on a panic.
fn fuzz(target: &str, one: impl Fn(&str)) {
    fuzz_seeds(target, corpus(target), one);
}

fn fuzz_seeds(target: &str, seeds: Vec<String>, one: impl Fn(&str)) {
    // Every seed as it is first: the corpus itself must pass.
    for seed in &seeds {
        one(seed);
    }
    let strategy = mutation();
    let mut runner = TestRunner::new(ProptestConfig::default());
    let (start, limit) = (Instant::now(), seconds());
    let mut executions = seeds.len() as u64;
    while start.elapsed() < limit {
        let (seed, edits) = strategy.new_tree(&mut runner).unwrap().current();
        let text = apply(&seeds[seed.index(seeds.len())], &edits);
        if catch_unwind(AssertUnwindSafe(|| one(&text))).is_err() {
            panic!(
                "fuzz {target}: panic on input ({} bytes):\n{text}",
                text.len()
            );
        }
        executions += 1;
    }
    println!(
        "fuzz {target}: {executions} executions in {:.1} s, {} seeds, 0 panics",
        start.elapsed().as_secs_f64(),
        seeds.len()
    );
}

/// Problems are well formed: each has a path-like string and both texts.
fn well_formed(v: &callsettle::Validation) {
    for m in v.errors.iter().chain(&v.warnings) {
        assert!(
            !m.message_zh.is_empty() && !m.message_en.is_empty(),
            "{m:?}"
        );
    }
}

#[test]
#[ignore = "bounded-time fuzzing: run by scripts/test.sh with --ignored"]
fn scenario_reader_and_settle() {
    fuzz("scenario", |text| {
        let Ok(input) = parse(text) else { return };
        let settled = callsettle::settle(&input);
        let validated = callsettle::validate(&input);
        well_formed(&validated);
        assert_eq!(
            settled.is_err(),
            !validated.errors.is_empty(),
            "settle and validate disagree"
        );
        if let Err(problems) = &settled {
            well_formed(problems);
        }
        let _ = callsettle::project(&input);
    });
}

#[test]
#[ignore = "bounded-time fuzzing: run by scripts/test.sh with --ignored"]
fn solve() {
    fuzz("solve", |text| {
        let Ok(input) = parse(text) else { return };
        let get = |k: &str| input.get(k).cloned().unwrap_or_default();
        if let Err(problems) = callsettle::solve(&get("scenario"), &get("field"), &get("target")) {
            assert!(!problems.errors.is_empty());
            well_formed(&problems);
        }
    });
}

#[test]
#[ignore = "bounded-time fuzzing: run by scripts/test.sh with --ignored"]
fn share_decoder() {
    // Seeds: the share texts, and their payloads (the compacted JSON), which are mutated as
    // JSON and encoded again, so that the key expansion sees damaged objects, not only bad base64.
    let texts = corpus("share");
    let payloads = texts.iter().map(|t| {
        let body = t.strip_prefix("v1.").expect("a v1 share text");
        String::from_utf8(URL_SAFE_NO_PAD.decode(body).unwrap()).unwrap()
    });
    let seeds: Vec<String> = texts.iter().cloned().chain(payloads).collect();
    fuzz_seeds("share", seeds, |text| {
        let shared = if text.starts_with('v') {
            text.to_owned()
        } else {
            format!("v1.{}", URL_SAFE_NO_PAD.encode(text))
        };
        if let Err(problem) = callsettle::share::decode(&shared) {
            let message = callsettle::messages::Message::from(&problem);
            assert!(!message.message_en.is_empty());
        }
    });
}

#[test]
#[ignore = "bounded-time fuzzing: run by scripts/test.sh with --ignored"]
fn account400_reader() {
    fuzz("account400", |text| {
        let Ok(input) = parse(text) else { return };
        let projected = callsettle::project_account400(&input);
        let validated = callsettle::validate_account400(&input);
        well_formed(&validated);
        assert_eq!(
            projected.is_err(),
            !validated.errors.is_empty(),
            "project and validate disagree"
        );
    });
}

#[test]
#[ignore = "bounded-time fuzzing: run by scripts/test.sh with --ignored"]
fn policy_reader() {
    let path = format!(
        "{}/tests/fuzz/corpus/scenario/worked_example.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let scenario = parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    fuzz("policy", |text| {
        let Ok(policy) = parse(text) else { return };
        match callsettle::check_policy(&scenario, &policy) {
            Ok(check) => {
                use callsettle::{policy::PolicyStatus, problem::Severity};
                let worst = check
                    .findings
                    .iter()
                    .map(|f| match f.severity {
                        Severity::Warning => PolicyStatus::Approval,
                        Severity::Error => PolicyStatus::Blocked,
                    })
                    .max()
                    .unwrap_or(PolicyStatus::Within);
                assert_eq!(
                    check.status, worst,
                    "the status is not the most severe finding's"
                );
                for f in &check.findings {
                    assert!(
                        !f.message_zh.is_empty() && !f.message_en.is_empty(),
                        "{f:?}"
                    );
                }
            }
            Err(problems) => {
                assert!(!problems.errors.is_empty(), "an error without a problem");
                assert!(
                    problems.errors.iter().all(|p| p.path.starts_with("policy")),
                    "the scenario is valid, so every error is the policy's: {:?}",
                    problems.errors
                );
                well_formed(&problems);
            }
        }
    });
}
