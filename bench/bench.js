// The benchmark page: everything measured in one page run, each WASM figure next to its JS
// baseline. bench/run.mjs opens it in headless Chromium and prints the results.
import init, { project, settle, sweep } from '../pkg/callsettle.js';
import Decimal from '../vendor/decimal.js/decimal.mjs';

const worked = {
  terms: { unit_price: '2.50', target_rate: '0.35', penalty_per_unit: '1.00' },
  months: [{ month: '2026-01', volume: 10000, success_rate: '0.30', sampled_records: 500,
    inaccurate_records: 10, telecom_charges: '1234.56' }],
};

// Ten years of work months.
const tenYears = {
  terms: { ...worked.terms, settlement: { day_count: 'working' } },
  months: Array.from({ length: 120 }, (_, i) => ({
    ...worked.months[0],
    month: `${2017 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    volume: 10000 + 100 * i,
  })),
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Per-call time in µs: median over `batches` batches of `size` calls (the timer is too coarse
 *  for single calls). */
function perCall(f, batches = 100, size = 100, warm = 1000) {
  for (let i = 0; i < warm; i++) f();
  const times = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < size; i++) f();
    times.push(((performance.now() - t) * 1000) / size);
  }
  return median(times);
}

/** Median of `runs` timings of f in ms, after `warm` warm-up runs. */
function runs(f, n = 15, warm = 5) {
  for (let i = 0; i < warm; i++) f();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

// The same sweep as the WASM one (docs/rules.md "Contract 1: the bill"; below_target), exact, with decimal.js:
// rates rounded to 6 decimals, each line rounded half away from zero to the fen, total = sum.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
function sweepDecimalJs(steps) {
  const p = new D('2.50'), s0 = new D('0.35'), F = new D('1.00'), T = new D(10000);
  const k = new D(1), m = new D(10), N = new D(500), tel = new D('1234.56');
  const from = new D(0), to = new D(1), step = to.minus(from).div(steps - 1), n0 = s0.times(T);
  const total = new Array(steps);
  for (let i = 0; i < steps; i++) {
    const s = i === steps - 1 ? to : from.plus(step.times(i)).toDecimalPlaces(6, D.ROUND_HALF_EVEN);
    const n = s.times(T);
    const fee = p.times(n);
    const gap = n0.minus(n);
    const pen = gap.gt(0) ? F.times(gap).neg() : new D(0);
    const ded = fee.times(k).times(m).div(N).neg();
    total[i] = fee.toDecimalPlaces(2).plus(pen.toDecimalPlaces(2)).plus(ded.toDecimalPlaces(2)).plus(tel);
  }
  return total;
}

// The same with binary floating point: fast and inexact (the speed limit of a float calculator).
function sweepFloat(steps) {
  const p = 2.5, s0 = 0.35, F = 1, T = 10000, k = 1, m = 10, N = 500, tel = 1234.56;
  const r2 = (x) => Math.sign(x) * Math.round(Math.abs(x) * 100) / 100;
  const total = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    const s = Math.round((i / (steps - 1)) * 1e6) / 1e6;
    const n = s * T, fee = p * n, gap = s0 * T - n;
    total[i] = r2(fee) + r2(gap > 0 ? -F * gap : 0) + r2(-fee * k * m / N) + tel;
  }
  return total;
}

/** A 10 000-point sweep drawn with uPlot, as the what-if page draws one: the time from the
 *  sweep call to the end of uPlot's draw, in ms (median of `n`). */
async function sweepAndDraw(n) {
  let drawn;
  const chart = new window.uPlot({
    width: 800, height: 300,
    series: [{}, { label: 'total' }, { label: 'service fee' }],
    hooks: { draw: [() => drawn?.()] },
  }, [[0], [0], [0]], document.getElementById('chart'));
  const times = [];
  for (let i = 0; i < n + 3; i++) {
    const t = performance.now();
    const r = sweep(worked, 'success_rate', '0', '1', 10000);
    // Chart coordinates only: fen as Numbers, then yuan.
    const xs = r.values.map(Number);
    const done = new Promise((resolve) => { drawn = resolve; });
    chart.setData([xs, Array.from(r.total, (v) => Number(v) / 100), Array.from(r.service_fee, (v) => Number(v) / 100)]);
    await done;
    if (i >= 3) times.push(performance.now() - t);
  }
  chart.destroy();
  return median(times);
}

/** The same module built with serde-wasm-bindgen building the results (bench/run.mjs builds it
 *  into bench/out/pkg-swb/ with the crate's `results-via-serde-wasm-bindgen` feature). */
async function serdeWasmBindgenBuild() {
  try {
    const m = await import('./out/pkg-swb/callsettle.js');
    await m.default({ module_or_path: './out/pkg-swb/callsettle_bg.wasm' });
    return m;
  } catch {
    return null;
  }
}

async function main() {
  await init();
  const swb = await serdeWasmBindgenBuild();
  const steps = 10000;
  // Rounds interleave every measurement, so that a slow spell of the machine hits each figure
  // and its baseline alike; each figure is the median over the rounds, each ratio the median of
  // the per-round ratios. Each settle figure is the median of batches of calls after a warm-up.
  // The yardstick: JSON.parse of the bill's own JSON text builds the same object in plain JS,
  // with no WASM at all.
  const billJson = JSON.stringify(settle(worked));
  if (swb && JSON.stringify(swb.settle(tenYears)) !== JSON.stringify(settle(tenYears))) {
    throw new Error('the two result paths give different objects');
  }
  const settleRounds = [];
  for (let round = 0; round < 7; round++) {
    const r = {
      settle_us: perCall(() => settle(worked), 20, 200, round === 0 ? 20000 : 500),
      json_parse_bill_us: perCall(() => JSON.parse(billJson), 20, 200, round === 0 ? 20000 : 500),
      settle_120_months_ms: perCall(() => settle(tenYears), 5, 3, 3) / 1000,
    };
    r.settle_ratio_json_parse = r.settle_us / r.json_parse_bill_us;
    if (swb) {
      r.swb_settle_us = perCall(() => swb.settle(worked), 20, 200, round === 0 ? 20000 : 500);
      r.swb_settle_120_months_ms = perCall(() => swb.settle(tenYears), 5, 3, 3) / 1000;
    }
    settleRounds.push(r);
  }
  const rounds = [];
  for (let round = 0; round < 9; round++) {
    const r = {};
    r.sweep_wasm_ms = runs(() => sweep(worked, 'success_rate', '0', '1', steps), 3, 1);
    r.sweep_decimaljs_ms = runs(() => sweepDecimalJs(steps), 1, round === 0 ? 2 : 0);
    r.sweep_float_ms = runs(() => sweepFloat(steps), 5, 2);
    r.project_120_months_ms = perCall(() => project(tenYears), 3, 3, 3) / 1000;
    r.sweep_ratio_decimaljs = r.sweep_decimaljs_ms / r.sweep_wasm_ms;
    r.sweep_ratio_float = r.sweep_wasm_ms / r.sweep_float_ms;
    rounds.push(r);
  }
  // The server makes this page cross-origin isolated: performance.now() then ticks in 5 µs, not 100.
  const out = { cross_origin_isolated: self.crossOriginIsolated, serde_wasm_bindgen_build: Boolean(swb) };
  for (const list of [settleRounds, rounds]) {
    for (const key of Object.keys(list[0])) out[key] = median(list.map((r) => r[key]));
  }
  out.sweep_and_draw_ms = await sweepAndDraw(9);
  out.rounds = rounds.length;
  // The exact computations agree (checked on one point).
  const w = sweep(worked, 'success_rate', '0', '1', steps);
  out.check_point = { value: w.values[3000], wasm_fen: String(w.total[3000]),
    decimaljs: sweepDecimalJs(steps)[3000].toFixed(2) };
  if (out.check_point.wasm_fen !== out.check_point.decimaljs.replace('.', '')) {
    throw new Error(`WASM and decimal.js disagree: ${JSON.stringify(out.check_point)}`);
  }
  document.getElementById('out').textContent = JSON.stringify(out, null, 2);
  window.benchResult = out;
}

main().catch((e) => { window.benchResult = { error: String(e && e.stack || e) }; });
