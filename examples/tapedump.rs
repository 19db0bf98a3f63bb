use callsettle::json::Json;
fn main() {
    let sc: Json = serde_json::from_str(r#"{"terms":{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00"},"months":[{"month":"2026-01","volume":10000,"success_rate":"0.30","sampled_records":500,"inaccurate_records":10,"telecom_charges":"1234.56"}]}"#).unwrap();
    let r = callsettle::settle(&sc).unwrap();
    let mut names = callsettle::tape::Names::default();
    let first = callsettle::tape::encode(&r, &mut names).unwrap();
    let second = callsettle::tape::encode(&r, &mut names).unwrap();
    println!(
        "{}",
        serde_json::json!({"json": serde_json::to_string(&r).unwrap(), "first": {"ops": first.ops, "text": first.text}, "second": {"ops": second.ops, "text": second.text}})
    );
}
