use callsettle::json::Json;
fn main() {
    let sc: Json = serde_json::from_str(r#"{"terms":{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00"},"months":[{"month":"2026-01","volume":10000,"success_rate":"0.30","sampled_records":500,"inaccurate_records":10,"telecom_charges":"1234.56"}]}"#).unwrap();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let r = callsettle::sweep::sweep(
            &sc,
            &Json::String("success_rate".into()),
            &Json::String("0".into()),
            &Json::String("1".into()),
            &Json::Number("10000".into()),
        )
        .unwrap();
        println!(
            "sweep core ms {} {}",
            t.elapsed().as_secs_f64() * 1000.0,
            r.total.len()
        );
    }
}
