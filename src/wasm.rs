//! The WebAssembly binding: JS values in, plain JS objects out. Every export returns a result or
//! throws `{ errors: [{ path, code, severity, message_zh, message_en, params }], warnings }`;
//! no computation lives here.
//!
//! Inputs cross as one JSON string (`toJson` in boundary.js) and are read into the core's
//! [`Json`] tree. Results cross as a tape (see `tape.rs`), rebuilt by `decode` in boundary.js;
//! errors and small results go through serde-wasm-bindgen. README "Performance" has the figures.

use crate::bill::SettleResult;
use crate::json::Json;
use crate::messages::Message;
use crate::problem::{Code, Problem};
use crate::tape::{self, Names};
use crate::{settle as settle_core, sweep as sweep_mod, validate as validate_core, Validation};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../types/callsettle.d.ts");

// Buffers cross as their address and length in WASM memory, which boundary.js views once (not a
// view made per call, as slices are).
#[wasm_bindgen(module = "/src/boundary.js")]
extern "C" {
    /// Writes the JSON text of `value` as UTF-8 into the `cap` bytes at `at` and returns its
    /// length; -1 when the value has no JSON text; -2 - n when the buffer is too small for the n
    /// bytes it needs (the next call for the same value writes the text already made).
    #[wasm_bindgen(js_name = writeJson)]
    fn write_json(value: &JsValue, at: u32, cap: u32) -> i32;
    /// Builds the value of a tape: `ops_len` ops at `ops_at`, the UTF-8 text at `text_at`; with
    /// `reset`, boundary.js empties its name table and string cache first. Throws only on a
    /// tape it cannot read.
    #[wasm_bindgen(catch)]
    fn decode(
        ops_at: u32,
        ops_len: u32,
        text_at: u32,
        text_len: u32,
        reset: bool,
    ) -> Result<JsValue, JsValue>;
    /// Whether boundary.js builds the struct named so as an object literal (by position).
    #[wasm_bindgen(js_name = buildsLiteral)]
    fn builds_literal(name: &str) -> bool;
    /// Gives boundary.js the WASM memory, where the buffers above are.
    #[wasm_bindgen(js_name = useMemory)]
    fn use_memory(memory: &JsValue);
}

/// The address of a buffer in WASM memory, for boundary.js (addresses are 32-bit there).
fn address<T>(buf: *const T) -> u32 {
    buf as usize as u32
}

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    /// The tape's name table; boundary.js keeps the same one.
    static NAMES: RefCell<Names> = RefCell::new(Names::with_literals(builds_literal));
    /// The tape of the last result (its buffers are reused).
    static TAPE: RefCell<tape::Tape> = RefCell::new(tape::Tape::default());
    /// Where boundary.js writes an input's JSON text (grown when a text does not fit).
    static INPUT: RefCell<Vec<u8>> = RefCell::new(vec![0; 4096]);
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
    use_memory(&wasm_bindgen::memory());
}

/// The crate version, e.g. "0.1.0".
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// SPEC §6: the itemised bill of a scenario; throws `{ errors, warnings }` on bad input.
#[wasm_bindgen(unchecked_return_type = "SettleResult")]
pub fn settle(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    settle_into(scenario, to_js_tape)
}

/// The same as `settle`, with the result built by serde-wasm-bindgen instead of the tape. For
/// the benchmark and the tests that check both give the same object.
#[wasm_bindgen(js_name = settleViaSerde, unchecked_return_type = "SettleResult")]
pub fn settle_via_serde(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    settle_into(scenario, to_js)
}

fn settle_into(
    scenario: &JsValue,
    build: fn(&SettleResult) -> Result<JsValue, JsValue>,
) -> Result<JsValue, JsValue> {
    match settle_core(&read(scenario, "")?) {
        Ok(result) => build(&result),
        Err(problems) => Err(to_js(&problems)?),
    }
}

/// 第四条 3: each work month's payment in payment-date order with the running total; throws
/// `{ errors, warnings }` on bad input.
#[wasm_bindgen(unchecked_return_type = "CashFlow")]
pub fn project(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    match crate::project(&read(scenario, "")?) {
        Ok(flow) => to_js_tape(&flow),
        Err(problems) => Err(to_js(&problems)?),
    }
}

/// The dates the embedded holiday data decides: `{ from, to }` (`YYYY-MM-DD`); working days
/// beyond them count weekends only.
#[wasm_bindgen(js_name = holidayCoverage, unchecked_return_type = "{ from: string, to: string }")]
pub fn holiday_coverage() -> Result<JsValue, JsValue> {
    let (from, to) = crate::workdays::covered();
    to_js(&crate::tape::NamedValues(vec![
        ("from", from.to_string()),
        ("to", to.to_string()),
    ]))
}

/// SPEC §6: every error and warning of a scenario; never throws for bad data.
#[wasm_bindgen(unchecked_return_type = "Validation")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    match read(scenario, "") {
        Ok(input) => to_js(&validate_core(&input)),
        Err(thrown) => Ok(thrown),
    }
}

/// SPEC §4: the bill over `steps` evenly spaced values of `field` from `from` to `to`.
#[wasm_bindgen(unchecked_return_type = "Sweep")]
pub fn sweep(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "SweepField")] field: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] from: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] to: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] steps: &JsValue,
) -> Result<JsValue, JsValue> {
    let args = [
        read(scenario, "")?,
        read(field, "field")?,
        read(from, "from")?,
        read(to, "to")?,
        read(steps, "steps")?,
    ];
    let result = sweep_mod::sweep(&args[0], &args[1], &args[2], &args[3], &args[4])
        .map_err(|problems| to_js(&errors(&problems)).unwrap_or_else(|thrown| thrown))?;
    // The points cross as one comma-joined text that JS splits; the money columns as
    // BigInt64Array views of fen on one buffer: exact, and one copy in all.
    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&out, &JsValue::from_str(key), value).map(drop)
    };
    set("field", &to_js(&result.field)?)?;
    let values = js_sys::JsString::from(crate::number::joined(&result.values));
    set("values", &values.split(",").into())?;
    let n = result.total.len() as u32;
    let columns = js_sys::BigInt64Array::new_with_length(5 * n);
    for (i, (key, column)) in [
        ("total", &result.total),
        ("service_fee", &result.service_fee),
        ("shortfall_penalty", &result.shortfall_penalty),
        ("inaccuracy_deduction", &result.inaccuracy_deduction),
        ("telecom_charges", &result.telecom_charges),
    ]
    .into_iter()
    .enumerate()
    {
        let view = columns.subarray(i as u32 * n, (i as u32 + 1) * n);
        view.copy_from(column);
        set(key, &view.into())?;
    }
    Ok(out.into())
}

fn errors(problems: &[Problem]) -> Validation {
    Validation {
        errors: problems.iter().map(Message::from).collect(),
        warnings: Vec::new(),
    }
}

/// Reads a JS value as JSON; values JSON cannot hold (cycles, functions, too deep) are an error
/// at `path`, thrown as `{ errors }`.
fn read(value: &JsValue, path: &str) -> Result<Json, JsValue> {
    let not_json = |why: &str| {
        let problem = Problem::error(path, Code::WrongType)
            .with("expected", "JSON")
            .with("found", why);
        to_js(&errors(&[problem])).unwrap_or_else(|thrown| thrown)
    };
    INPUT.with(|input| {
        let mut buf = input.borrow_mut();
        let mut written = write_json(value, address(buf.as_mut_ptr()), buf.len() as u32);
        if written < -1 {
            let needed = (-2 - i64::from(written)) as usize;
            buf.resize(needed, 0);
            written = write_json(value, address(buf.as_mut_ptr()), buf.len() as u32);
        }
        let text = usize::try_from(written)
            .ok()
            .and_then(|n| std::str::from_utf8(buf.get(..n)?).ok())
            .ok_or_else(|| not_json("a value JSON cannot hold"))?;
        crate::json::parse(text).map_err(|e| not_json(&e.to_string()))
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&format!("callsettle: result not representable: {e}")))
}

/// Encodes `value` and has boundary.js build it.
fn to_js_tape<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    NAMES.with(|names| {
        TAPE.with(|tape| {
            let (names, tape) = (&mut *names.borrow_mut(), &mut *tape.borrow_mut());
            tape::encode_into(value, names, tape).map_err(|e| {
                JsValue::from_str(&format!("callsettle: result not representable: {e}"))
            })?;
            build(names, tape)
        })
    })
}

/// Has boundary.js build the value of `tape`. When that throws, the tables are forgotten
/// (boundary.js may have read part of the tape) and the error is thrown on. Not inlined: one
/// copy for every type `to_js_tape` encodes.
#[inline(never)]
fn build(names: &mut Names, tape: &tape::Tape) -> Result<JsValue, JsValue> {
    decode(
        address(tape.ops.as_ptr()),
        tape.ops.len() as u32,
        address(tape.text.as_ptr()),
        tape.text.len() as u32,
        tape.reset,
    )
    .inspect_err(|_| names.forget())
}

/// Contract 2 (篇二): the 400-number account projection; throws `{ errors, warnings }` on bad
/// input.
#[wasm_bindgen(js_name = projectAccount400, unchecked_return_type = "Account400Projection")]
pub fn project_account400(
    #[wasm_bindgen(unchecked_param_type = "Account400Input")] input: &JsValue,
) -> Result<JsValue, JsValue> {
    match crate::project_account400(&read(input, "")?) {
        Ok(projection) => to_js_tape(&projection),
        Err(problems) => Err(to_js(&problems)?),
    }
}

/// Every error and warning of a 400-number account input; never throws for bad data.
#[wasm_bindgen(js_name = validateAccount400, unchecked_return_type = "Validation")]
pub fn validate_account400(
    #[wasm_bindgen(unchecked_param_type = "Account400Input")] input: &JsValue,
) -> Result<JsValue, JsValue> {
    match read(input, "") {
        Ok(input) => to_js(&crate::validate_account400(&input)),
        Err(thrown) => Ok(thrown),
    }
}

/// SPEC §4 solve: the values of `field` giving the scenario total `target` (CNY text or
/// `"break_even"`), exact on the field's grid; throws `{ errors, warnings }` on bad input.
#[wasm_bindgen(unchecked_return_type = "Solution")]
pub fn solve(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "SweepField")] field: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] target: &JsValue,
) -> Result<JsValue, JsValue> {
    let args = [
        read(scenario, "")?,
        read(field, "field")?,
        read(target, "target")?,
    ];
    match crate::solve(&args[0], &args[1], &args[2]) {
        Ok(solution) => to_js_tape(&solution),
        Err(problems) => Err(to_js(&problems)?),
    }
}

/// SPEC §4 compare: scenarios (each optionally with a `name`) side by side with the differences
/// from the first; throws `{ errors, warnings }` with paths like `[1].terms.unit_price`.
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "Array<Scenario & { name?: string }>")]
    scenarios: &JsValue,
) -> Result<JsValue, JsValue> {
    match crate::compare(&read(scenarios, "")?) {
        Ok(comparison) => to_js_tape(&comparison),
        Err(problems) => Err(to_js(&problems)?),
    }
}

/// 大写金额 of an amount (CNY, at most two decimals): "捌仟零捌拾肆元伍角陆分".
#[wasm_bindgen(js_name = capitalAmount)]
pub fn capital_amount(
    #[wasm_bindgen(unchecked_param_type = "string | number")] amount: &JsValue,
) -> Result<String, JsValue> {
    match crate::capital_amount(&read(amount, "amount")?) {
        Ok(text) => Ok(text),
        Err(problems) => Err(to_js(&problems)?),
    }
}

/// The page state (any JSON value) as a compact, versioned, URL-safe text: "v1.…".
#[wasm_bindgen(js_name = encodeState)]
pub fn encode_state(
    #[wasm_bindgen(unchecked_param_type = "unknown")] state: &JsValue,
) -> Result<String, JsValue> {
    Ok(crate::encode_state(&read(state, "")?))
}

/// The page state of a share text; throws `{ errors: [share_link_invalid], warnings }` when it is
/// truncated, tampered with or of an unknown version.
#[wasm_bindgen(js_name = decodeState, unchecked_return_type = "unknown")]
pub fn decode_state(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
) -> Result<JsValue, JsValue> {
    let Some(text) = text.as_string() else {
        let problem = Problem::error("", Code::WrongType)
            .with("expected", "string")
            .with(
                "found",
                if text.is_null() || text.is_undefined() {
                    "null"
                } else {
                    "a value that is not text"
                },
            );
        return Err(to_js(&errors(&[problem]))?);
    };
    match crate::decode_state(&text) {
        // The state goes back as JSON text and JSON.parse: numbers come out as JSON.parse makes them.
        Ok(state) => js_sys::JSON::parse(&state.to_text())
            .ok()
            .ok_or_else(|| JsValue::from_str("callsettle: state not representable")),
        Err(problems) => Err(to_js(&problems)?),
    }
}

#[cfg(feature = "import")]
/// SPEC §5: the first rows of a results file's head (any prefix of the file) and its layout
/// (`format` null when no standard layout matches: the user assigns the columns).
#[wasm_bindgen(js_name = importSniff, unchecked_return_type = "Sniff")]
pub fn import_sniff(head: &[u8]) -> Result<JsValue, JsValue> {
    to_js(&crate::import::sniff(head))
}

#[cfg(feature = "import")]
/// SPEC §5: a results file read chunk by chunk (its state stays in WASM): `new ResultsImport(
/// options, head)` (throws `{ errors, warnings }` on bad options or `unknown_layout`), `feed`
/// each chunk from the file's start, `finish()` for the report, then `rejectedCsv()`.
#[wasm_bindgen]
pub struct ResultsImport(crate::import::Import);

#[cfg(feature = "import")]
#[wasm_bindgen]
impl ResultsImport {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ImportOptions")] options: &JsValue,
        head: &[u8],
    ) -> Result<ResultsImport, JsValue> {
        match crate::import_results(&read(options, "import")?, head) {
            Ok(import) => Ok(ResultsImport(import)),
            Err(problems) => Err(to_js(&problems)?),
        }
    }

    /// Reads the next chunk; the rows read so far.
    pub fn feed(&mut self, chunk: &[u8]) -> f64 {
        self.0.feed(chunk);
        self.0.rows() as f64
    }

    /// Ends the file and gives the report.
    #[wasm_bindgen(unchecked_return_type = "ImportReport")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.0.finish())
    }

    /// The rejected rows as CSV bytes (UTF-8 with BOM), after `finish`.
    #[wasm_bindgen(js_name = rejectedCsv)]
    pub fn rejected_csv(&self) -> Vec<u8> {
        self.0.rejected_csv()
    }
}
