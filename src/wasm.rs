//! The WebAssembly binding: JS values in, plain JS objects out; no computation lives here.
//!
//! One path for every export:
//! - an input crosses as its JSON text (`JSON.stringify`), read by [`reader::parse`] into a
//!   `serde_json::Value` that keeps each number's digits as written;
//! - a result, or the problems, cross as serde_json text turned into objects by `JSON.parse`
//!   (measured against serde-wasm-bindgen in docs/performance.md).
//!
//! Which exports a build has follows the Cargo features (Cargo.toml): `calculator` (the calculator
//! and what-if pages), `account400` (the 400-number page), `import` (the import worker); the
//! rest (version, capital amount, share links) is in every build.
//!
//! Every export returns its result or throws `{ errors: [{ path, code, severity, message_zh,
//! message_en, params }], warnings }`. The sweep's money columns alone cross as `BigInt64Array`s
//! of fen ([`sweep_columns`]).

use crate::problem::{Code, Problem};
use crate::reader;
use crate::Validation;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../types/callsettle.d.ts");

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The crate version, e.g. "0.1.0".
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// A result as a plain JS object: its JSON text, parsed by the host.
#[cfg(not(feature = "results-via-serde-wasm-bindgen"))]
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| JsValue::from_str(&format!("callsettle: result not representable: {e}")))?;
    js_sys::JSON::parse(&text)
}

/// The alternative measured in docs/performance.md, built only for that comparison.
#[cfg(feature = "results-via-serde-wasm-bindgen")]
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&format!("callsettle: result not representable: {e}")))
}

/// The thrown value of `problems`: `{ errors, warnings }`.
fn thrown(problems: &Validation) -> JsValue {
    to_js(problems).unwrap_or_else(|e| e)
}

/// A core result as the export's return value, its problems as the thrown value.
fn returned<T: Serialize>(result: Result<T, Validation>) -> Result<JsValue, JsValue> {
    match result {
        Ok(value) => to_js(&value),
        Err(problems) => Err(thrown(&problems)),
    }
}

/// The JSON text of a JS value. Non-finite numbers and BigInts become their text, so that they
/// are reported as "not a number" instead of read as `null`; `None` for values JSON cannot hold
/// (cycles, nesting too deep for the host).
fn json_text(value: &JsValue) -> Option<String> {
    // The replacer costs a call per key, so it runs only when the plain text may need it: a
    // number JSON cannot write comes out as `null`, and a BigInt throws.
    if let Ok(text) = js_sys::JSON::stringify(value) {
        let text = text.as_string();
        if text.as_deref().is_none_or(|t| !t.contains("null")) {
            return text;
        }
    }
    let replacer = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(|_key, v: JsValue| {
        // What `String(v)` gives a JS number JSON cannot write; the classification reads the
        // host double, no amount is computed from it.
        if let Some(n) = v.as_f64().filter(|n| !n.is_finite()) {
            let text = match (n.is_nan(), n > 0.0) {
                (true, _) => "NaN",
                (false, true) => "Infinity",
                (false, false) => "-Infinity",
            };
            return JsValue::from_str(text);
        }
        match v.dyn_ref::<js_sys::BigInt>().map(|b| b.to_string(10)) {
            Some(Ok(text)) => text.into(),
            _ => v,
        }
    });
    js_sys::JSON::stringify_with_replacer(value, replacer.as_ref().unchecked_ref())
        .ok()?
        .as_string()
}

/// Reads a JS argument as JSON; a value JSON cannot hold is `wrong_type` at `path`, thrown.
fn read(value: &JsValue, path: &str) -> Result<Value, JsValue> {
    let text = json_text(value).ok_or_else(|| {
        let problem = Problem::error(path, Code::WrongType)
            .with("expected", "JSON")
            .with("found", "a value JSON cannot hold");
        thrown(&crate::split(&[problem]))
    })?;
    reader::parse(&text).map_err(|p| thrown(&crate::split(&[p.at(path)])))
}

/// The JSON interface: the itemised bill of a scenario; throws `{ errors, warnings }` on bad input.
#[cfg(feature = "calculator")]
#[wasm_bindgen(unchecked_return_type = "SettleResult")]
pub fn settle(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    returned(crate::settle(&read(scenario, "")?))
}

/// The JSON interface: every error and warning of a scenario; never throws for bad data.
#[cfg(feature = "calculator")]
#[wasm_bindgen(unchecked_return_type = "Validation")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    match read(scenario, "") {
        Ok(input) => to_js(&crate::validate(&input)),
        Err(thrown) => Ok(thrown),
    }
}

/// 第四条 3: each work month's payment in payment-date order with the running total; throws
/// `{ errors, warnings }` on bad input.
#[cfg(feature = "calculator")]
#[wasm_bindgen(unchecked_return_type = "CashFlow")]
pub fn project(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    returned(crate::project(&read(scenario, "")?))
}

/// 第四条 3, the clerk's check: per month and step the due date, the actual date, on time or
/// late by N days (calendar and working); throws `{ errors, warnings }` on bad input. No
/// late-payment interest: the contract sets none.
#[cfg(feature = "calculator")]
#[wasm_bindgen(js_name = checkDeadlines, unchecked_return_type = "DeadlineCheck")]
pub fn check_deadlines(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    returned(crate::check(&read(scenario, "")?))
}

/// The dates the embedded holiday data decides: `{ from, to }` (`YYYY-MM-DD`); after them only
/// weekends and the statutory holidays fixed by law are known.
#[cfg(feature = "calculator")]
#[wasm_bindgen(js_name = holidayCoverage, unchecked_return_type = "{ from: string, to: string }")]
pub fn holiday_coverage() -> Result<JsValue, JsValue> {
    let (from, to) = crate::workdays::covered();
    to_js(&serde_json::json!({ "from": from, "to": to }))
}

/// docs/rules.md "What-if": the bill over `steps` evenly spaced values of `field` from `from` to `to`.
#[cfg(feature = "calculator")]
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
    let result = crate::sweep(&args[0], &args[1], &args[2], &args[3], &args[4])
        .map_err(|problems| thrown(&problems))?;
    sweep_columns(&result)
}

/// A sweep as `{ field, values, total, service_fee, … }`: the points as strings, and each money
/// column as a `BigInt64Array` of fen, all five views on one buffer (exact, and one copy where a
/// 10 000-point chart would otherwise build 50 000 strings).
#[cfg(feature = "calculator")]
fn sweep_columns(result: &crate::sweep::Sweep) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&out, &JsValue::from_str(key), value).map(drop)
    };
    set("field", &to_js(&result.field)?)?;
    set("values", &to_js(&result.values)?)?;
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

/// Contract 2 (篇二): the 400-number account projection; throws `{ errors, warnings }` on bad
/// input.
#[cfg(feature = "account400")]
#[wasm_bindgen(js_name = projectAccount400, unchecked_return_type = "Account400Projection")]
pub fn project_account400(
    #[wasm_bindgen(unchecked_param_type = "Account400Input")] input: &JsValue,
) -> Result<JsValue, JsValue> {
    returned(crate::project_account400(&read(input, "")?))
}

/// Every error and warning of a 400-number account input; never throws for bad data.
#[cfg(feature = "account400")]
#[wasm_bindgen(js_name = validateAccount400, unchecked_return_type = "Validation")]
pub fn validate_account400(
    #[wasm_bindgen(unchecked_param_type = "Account400Input")] input: &JsValue,
) -> Result<JsValue, JsValue> {
    match read(input, "") {
        Ok(input) => to_js(&crate::validate_account400(&input)),
        Err(thrown) => Ok(thrown),
    }
}

/// docs/rules.md "What-if" solve: the values of `field` giving the scenario total `target` (CNY text or
/// `"break_even"`), exact on the field's grid; throws `{ errors, warnings }` on bad input.
#[cfg(feature = "calculator")]
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
    returned(crate::solve(&args[0], &args[1], &args[2]))
}

/// docs/rules.md "What-if" compare: scenarios (each optionally with a `name`) side by side with the differences
/// from the first; throws `{ errors, warnings }` with paths like `[1].terms.unit_price`.
#[cfg(feature = "calculator")]
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "Array<Scenario & { name?: string }>")]
    scenarios: &JsValue,
) -> Result<JsValue, JsValue> {
    returned(crate::compare(&read(scenarios, "")?))
}

/// The range of outcomes of every bill: each month's total at a 0 % and a 100 % success rate and
/// its break-even rate, and the scenario's; throws `{ errors, warnings }` on bad input.
#[cfg(feature = "calculator")]
#[wasm_bindgen(js_name = outcomeRange, unchecked_return_type = "OutcomeRange")]
pub fn outcome_range(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    returned(crate::outcome_range(&read(scenario, "")?))
}

/// Deal policy: `{ status, approver, findings, policy: { name, version }, range, warnings }`;
/// throws `{ errors, warnings }` for a bad scenario or policy (paths `policy.…`).
#[cfg(feature = "calculator")]
#[wasm_bindgen(js_name = checkPolicy, unchecked_return_type = "PolicyCheck")]
pub fn check_policy(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "PolicyDocument")] policy: &JsValue,
) -> Result<JsValue, JsValue> {
    let args = [read(scenario, "")?, read(policy, "policy")?];
    returned(crate::check_policy(&args[0], &args[1]))
}

/// 大写金额 of an amount (CNY, at most two decimals): "捌仟零捌拾肆元伍角陆分"; options
/// `{ prefix?: boolean, zheng_after_jiao?: boolean }`: 人民币 before it, 整 after 角.
#[wasm_bindgen(js_name = capitalAmount)]
pub fn capital_amount(
    #[wasm_bindgen(unchecked_param_type = "string | number")] amount: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ prefix?: boolean, zheng_after_jiao?: boolean }")]
    options: &JsValue,
) -> Result<String, JsValue> {
    let options = if options.is_undefined() || options.is_null() {
        None
    } else {
        Some(read(options, "options")?)
    };
    crate::capital_amount(&read(amount, "amount")?, options.as_ref())
        .map_err(|problems| thrown(&problems))
}

/// The year plan's growth fill: `{ month, count, volume_growth?, rate_points? }` → the `count − 1`
/// months after the base month, exact; throws `{ errors, warnings }` on bad input.
#[cfg(feature = "calculator")]
#[wasm_bindgen(unchecked_return_type = "Growth")]
pub fn grow(
    #[wasm_bindgen(unchecked_param_type = "GrowInput")] input: &JsValue,
) -> Result<JsValue, JsValue> {
    returned(crate::grow(&read(input, "")?))
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
        let found = if text.is_null() || text.is_undefined() {
            "null"
        } else {
            "a value that is not text"
        };
        let problem = Problem::error("", Code::WrongType)
            .with("expected", "string")
            .with("found", found);
        return Err(thrown(&crate::split(&[problem])));
    };
    returned(crate::decode_state(&text))
}

#[cfg(feature = "import")]
/// docs/rules.md "Results import": the first rows of a results file's head (any prefix of the file) and its layout
/// (`format` null when no standard layout matches: the user assigns the columns).
#[wasm_bindgen(js_name = importSniff, unchecked_return_type = "Sniff")]
pub fn import_sniff(head: &[u8]) -> Result<JsValue, JsValue> {
    to_js(&crate::import::sniff(head))
}

#[cfg(feature = "import")]
/// docs/rules.md "Results import", "Memory": the partitions of each kind a spill store must hold
/// for a file of `size` bytes with `budget` bytes of tables (the store holds 3 × that many,
/// numbered from 0).
#[wasm_bindgen(js_name = importSpillParts)]
pub fn import_spill_parts(size: f64, budget: f64) -> u32 {
    crate::import::spill_parts(size as u64, budget as u64) as u32
}

#[cfg(feature = "import")]
#[wasm_bindgen]
extern "C" {
    /// docs/rules.md "Memory": where an import spills beyond its budget (the worker: files of
    /// the origin-private file system): `{ size, append(part, bytes), read(part, offset, into)
    /// → bytes read, remove(part) }`.
    #[wasm_bindgen(typescript_type = "ImportSpill")]
    pub type ImportSpill;
    #[wasm_bindgen(method, getter)]
    fn size(this: &ImportSpill) -> f64;
    #[wasm_bindgen(method, catch)]
    fn append(this: &ImportSpill, part: u32, bytes: &[u8]) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn read(this: &ImportSpill, part: u32, offset: f64, into: &mut [u8]) -> Result<f64, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn remove(this: &ImportSpill, part: u32) -> Result<(), JsValue>;
}

/// The first error the JS store threw (the import goes on with what it has; the export throws
/// it on return).
#[cfg(feature = "import")]
type Failure = std::rc::Rc<std::cell::Cell<Option<JsValue>>>;

#[cfg(feature = "import")]
struct JsStore {
    spill: ImportSpill,
    failed: Failure,
}

#[cfg(feature = "import")]
impl JsStore {
    fn fail(&self, e: JsValue) {
        let first = self.failed.take().unwrap_or(e);
        self.failed.set(Some(first));
    }
}

#[cfg(feature = "import")]
impl crate::import::Store for JsStore {
    fn append(&mut self, part: usize, bytes: &[u8]) {
        if let Err(e) = self.spill.append(part as u32, bytes) {
            self.fail(e);
        }
    }

    fn read(&mut self, part: usize, offset: u64, into: &mut [u8]) -> usize {
        match self.spill.read(part as u32, offset as f64, into) {
            Ok(n) => (n as usize).min(into.len()),
            Err(e) => {
                self.fail(e);
                0
            }
        }
    }

    fn remove(&mut self, part: usize) {
        if let Err(e) = self.spill.remove(part as u32) {
            self.fail(e);
        }
    }
}

#[cfg(feature = "import")]
/// docs/rules.md "Results import": a results file read chunk by chunk (its state stays in WASM): `new ResultsImport(
/// options, head, budget?)` (throws `{ errors, warnings }` on bad options or `unknown_layout`),
/// `feed` each chunk from the file's start, then `finishPart()` while it returns true (a spilled
/// import reads back one partition per call), then `finish()` for the report; `rejectedCsv()`
/// after each `feed` and `finishPart` and after `finish` gives the rejected rows' CSV lines
/// written since its last call (the module keeps none: the caller joins the parts, e.g. as a
/// Blob). With a `budget` (bytes of tables; docs/rules.md "Memory"), `overBudget` turns true
/// after a `feed` that passed it: the caller then hands a spill store to `spill(store)`, and the
/// import goes on in its partitions; an error the store throws is thrown by the call that met
/// it.
#[wasm_bindgen]
pub struct ResultsImport {
    import: crate::import::Import,
    failed: Failure,
}

#[cfg(feature = "import")]
#[wasm_bindgen]
impl ResultsImport {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ImportOptions")] options: &JsValue,
        head: &[u8],
        budget: Option<f64>,
    ) -> Result<ResultsImport, JsValue> {
        let mut import = match crate::import_results(&read(options, "import")?, head) {
            Ok(import) => import,
            Err(problems) => return Err(to_js(&problems)?),
        };
        if let Some(budget) = budget {
            import.set_budget(budget as usize);
        }
        Ok(ResultsImport {
            import,
            failed: Failure::default(),
        })
    }

    /// Whether the tables passed the budget with no spill store yet (asked after each `feed`).
    #[wasm_bindgen(getter, js_name = overBudget)]
    pub fn over_budget(&self) -> bool {
        self.import.over_budget()
    }

    /// Goes on in the partitions of `store` (3 × `importSpillParts(store.size, budget)` of
    /// them): the tables' entries go there now, the rows still to come after them.
    pub fn spill(&mut self, store: ImportSpill) -> Result<(), JsValue> {
        let size = store.size() as u64;
        let store = JsStore {
            spill: store,
            failed: self.failed.clone(),
        };
        self.import.spill_to(Box::new(store), size);
        self.checked(())
    }

    /// The store's first error, if any.
    fn checked<T>(&self, value: T) -> Result<T, JsValue> {
        self.failed.take().map_or(Ok(value), Err)
    }

    /// Reads the next chunk; the rows read so far.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<f64, JsValue> {
        self.import.feed(chunk);
        self.checked(self.import.rows() as f64)
    }

    /// Ends the file; when it spilled, reads back its next partition: false when none is left.
    #[wasm_bindgen(js_name = finishPart)]
    pub fn finish_part(&mut self) -> Result<bool, JsValue> {
        let more = self.import.finish_part();
        self.checked(more)
    }

    /// Whether the import spilled (its tables passed the budget).
    #[wasm_bindgen(getter)]
    pub fn spilled(&self) -> bool {
        self.import.spilling()
    }

    /// Ends the file and gives the report.
    #[wasm_bindgen(unchecked_return_type = "ImportReport")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let report = self.import.finish();
        self.checked(())?;
        to_js(&report)
    }

    /// The rejected rows' CSV bytes written since the last call (UTF-8; the first part starts
    /// with a BOM and the header).
    #[wasm_bindgen(js_name = rejectedCsv)]
    pub fn rejected_csv(&mut self) -> Vec<u8> {
        self.import.take_rejected_csv()
    }
}
