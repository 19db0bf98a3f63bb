//! Native timing of the WASM-side work of one `settle` call (parse, bill, encode).
use callsettle::json::Json;
fn main() {
    let text = r#"{"terms":{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00"},"months":[{"month":"2026-01","volume":10000,"success_rate":"0.30","sampled_records":500,"inaccurate_records":10,"telecom_charges":"1234.56"}]}"#;
    let n: u32 = std::env::args()
        .nth(1)
        .map_or(20000, |a| a.parse().unwrap());
    let mut names = callsettle::tape::Names::default();
    let sc: Json = serde_json::from_str(text).unwrap();
    let time = |label: &str, f: &mut dyn FnMut()| {
        let t = std::time::Instant::now();
        for _ in 0..n {
            f();
        }
        println!(
            "{label} µs {:.3}",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    };
    time("parse", &mut || {
        drop(std::hint::black_box(
            serde_json::from_str::<Json>(text).unwrap(),
        ))
    });
    time("read", &mut || {
        drop(std::hint::black_box(callsettle::scenario::read(&sc)))
    });
    time("settle", &mut || {
        drop(std::hint::black_box(callsettle::settle(&sc).unwrap()))
    });
    let r = callsettle::settle(&sc).unwrap();
    time("encode", &mut || {
        drop(std::hint::black_box(
            callsettle::tape::encode(&r, &mut names).unwrap(),
        ))
    });
}
