//! The WebAssembly binding: JSON-like JS values in, plain JS objects out. Every export returns a
//! result or throws `{ errors: [{ path, code, severity, message_zh, message_en, params }] }`;
//! nothing else crosses the boundary, and no computation lives here.

use crate::json::Json;
use crate::messages::Message;
use crate::problem::{Code, Problem};
use crate::{settle as settle_core, sweep as sweep_mod, validate as validate_core, Validation};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../types/callsettle.d.ts");

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The crate version, e.g. "0.1.0".
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// SPEC §6: the itemised bill of a scenario; throws `{ errors, warnings }` on bad input.
#[wasm_bindgen(unchecked_return_type = "SettleResult")]
pub fn settle(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue) -> Result<JsValue, JsValue> {
    let input = read(&scenario, "")?;
    match settle_core(&input) {
        Ok(result) => to_js(&result),
        Err(problems) => Err(to_js(&problems)?),
    }
}

/// SPEC §6: every error and warning of a scenario; never throws for bad data.
#[wasm_bindgen(unchecked_return_type = "Validation")]
pub fn validate(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue) -> Result<JsValue, JsValue> {
    match read(&scenario, "") {
        Ok(input) => to_js(&validate_core(&input)),
        Err(thrown) => Ok(thrown),
    }
}

/// SPEC §4: the bill over `steps` evenly spaced values of `field` from `from` to `to`.
#[wasm_bindgen(unchecked_return_type = "Sweep")]
pub fn sweep(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SweepField")] field: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] to: JsValue,
    steps: JsValue,
) -> Result<JsValue, JsValue> {
    let args = [read(&scenario, "")?, read(&field, "field")?, read(&from, "from")?, read(&to, "to")?, read(&steps, "steps")?];
    match sweep_mod::sweep(&args[0], &args[1], &args[2], &args[3], &args[4]) {
        Ok(result) => to_js(&result),
        Err(problems) => Err(to_js(&errors(&problems))?),
    }
}

fn errors(problems: &[Problem]) -> Validation {
    Validation { errors: problems.iter().map(Message::from).collect(), warnings: Vec::new() }
}

/// Reads a JS value as JSON; values JSON cannot hold (functions, symbols, cycles) are an error.
fn read(value: &JsValue, path: &str) -> Result<Json, JsValue> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| {
        let problem = Problem::error(path, Code::WrongType).with("expected", "JSON").with("found", e.to_string());
        to_js(&errors(&[problem])).unwrap_or_else(|thrown| thrown)
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&format!("callsettle: result not representable: {e}")))
}
