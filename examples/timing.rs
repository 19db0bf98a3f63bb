use callsettle::json::Json;
fn main() {
    let sc: Json = serde_json::from_str(r#"{"terms":{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00"},"months":[{"month":"2026-01","volume":10000,"success_rate":"0.30","sampled_records":500,"inaccurate_records":10,"telecom_charges":"1234.56"}]}"#).unwrap();
    let n: u32 = std::env::args()
        .nth(1)
        .map_or(10000, |a| a.parse().unwrap());
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(callsettle::settle(&sc).unwrap());
    }
    println!(
        "settle core µs {}",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(callsettle::scenario::read(&sc));
    }
    println!("read µs {}", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
#[allow(dead_code)]
fn dump() {}
