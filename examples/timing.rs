//! Native timings of the WASM-side work, for profiling (`cargo run --release --example timing`,
//! or under `valgrind --tool=callgrind` for instruction counts): reading the scenario's JSON,
//! billing it, encoding the bill for the boundary, and a 10 000-point sweep.
use callsettle::json::Json;

fn main() {
    let text = r#"{"terms":{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00"},"months":[{"month":"2026-01","volume":10000,"success_rate":"0.30","sampled_records":500,"inaccurate_records":10,"telecom_charges":"1234.56"}]}"#;
    let n: u32 = std::env::args()
        .nth(1)
        .map_or(20000, |a| a.parse().unwrap());
    // As the binding encodes: the structs boundary.js builds as literals go by position, and one
    // tape is reused (so its buffers are, and the string cache finds the repeated bill's strings).
    let mut names = callsettle::tape::Names::with_literals(|name| {
        ["SettleResult", "MonthBill", "Line", "Schedule"].contains(&name)
    });
    let mut tape = callsettle::tape::Tape::default();
    let sc: Json = callsettle::json::parse(text).unwrap();
    let time = |label: &str, runs: u32, f: &mut dyn FnMut()| {
        let t = std::time::Instant::now();
        for _ in 0..runs {
            f();
        }
        println!(
            "{label}: {:.3} µs",
            t.elapsed().as_secs_f64() * 1e6 / f64::from(runs)
        );
    };
    time("parse JSON", n, &mut || {
        drop(std::hint::black_box(callsettle::json::parse(text).unwrap()))
    });
    time("read scenario", n, &mut || {
        drop(std::hint::black_box(callsettle::scenario::read(&sc)))
    });
    time("settle (read + bill)", n, &mut || {
        drop(std::hint::black_box(callsettle::settle(&sc).unwrap()))
    });
    let bill = callsettle::settle(&sc).unwrap();
    time("encode tape", n, &mut || {
        callsettle::tape::encode_into(&bill, &mut names, &mut tape).unwrap();
        std::hint::black_box(&tape);
    });
    let s = |v: &str| Json::String(v.into());
    time("sweep, 10 000 points", 20, &mut || {
        let swept = callsettle::sweep::sweep(
            &sc,
            &s("success_rate"),
            &s("0"),
            &s("1"),
            &Json::Number("10000".into()),
        );
        drop(std::hint::black_box(swept.unwrap()));
    });
}
