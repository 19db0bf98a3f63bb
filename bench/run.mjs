// The benchmark: the budgets a user feels, measured in headless Chromium, each against a named
// baseline in the same run. Prints a table for docs/performance.md.
// Usage: node bench/run.mjs   (pkg/ must be built: scripts/run.sh or scripts/test.sh build it)
//
// - Size over the wire: each page's module (pkg/ wasm + JS glue), gzip -9.
// - Page load to first bill painted (Element Timing, recorded by app.js), repeat and first visit
//   in a new tab, and a reload of an open tab,
//   with Chromium's default features; beside it, Chromium without its omnibox popup WebUI (which
//   new headless mode loads beside every tab). Baseline: the same loads of a page without WASM
//   (bench/out/blank.html, made from www/index.html here: its HTML and CSS, no script).
// - Keystroke to painted bill: an `input` event on a field, to the next frame after the new total
//   is painted; the worked example, and a 120-month plan editing one month's volume.
//   Baseline: the same edit of a field whose handler writes one text node.
// - The bench page (bench/bench.js): settle per call against JSON.parse of the same bill; the
//   results path (serde_json text + JSON.parse) against serde-wasm-bindgen, which this script
//   builds into bench/out/pkg-swb/ with the crate's `results-via-serde-wasm-bindgen` feature;
//   the 10 000-point sweep against decimal.js.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS, NO_OMNIBOX_WEBUI, fillScenario } from '../tests/e2e/helpers.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const VISITS = 15;
const KEYSTROKES = 31;

/** Builds the serde-wasm-bindgen variant of pkg/ into bench/out/pkg-swb/ unless it is newer than
 *  the wasm in pkg/. */
function buildSerdeWasmBindgenVariant() {
  const out = 'bench/out/pkg-swb';
  if (existsSync(`${out}/callsettle_bg.wasm`) && statSync(`${out}/callsettle_bg.wasm`).mtimeMs > statSync('pkg/callsettle_bg.wasm').mtimeMs) return;
  console.error('building the serde-wasm-bindgen variant into bench/out/pkg-swb/ …');
  const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--lib',
    '--no-default-features', '--features', 'calculator,results-via-serde-wasm-bindgen', '--target-dir', 'target/bench-swb']);
  run('wasm-bindgen', ['--target', 'web', '--out-dir', out, 'target/bench-swb/wasm32-unknown-unknown/release/callsettle.wasm']);
  run('node_modules/.bin/wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-reference-types', '--enable-multivalue', '--enable-mutable-globals',
    `${out}/callsettle_bg.wasm`, '-o', `${out}/callsettle_bg.wasm`]);
}

/** The calculator's HTML and CSS without any script: the page-load baseline. */
function writeBlankPage() {
  const html = readFileSync('www/index.html', 'utf8')
    .replace(/<script[^>]*>[\s\S]*?<\/script>\n?/g, '')
    .replace(/<link rel="(?:preload|modulepreload)"[^>]*>\n?/g, '')
    .replace(/href="([^"/:]+\.css)"/g, 'href="../../$1"');
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/blank.html', html);
}

const gz = (file) => gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }).length;

/** Navigation start to the first bill painted, and to it being put in the page (ms), of a page
 *  loaded (or reloaded) in `p`. */
async function billPainted(p, load) {
  await load();
  // Polled in the page's own world (Playwright's selector engine would compete for the CPU).
  return p.evaluate(() => new Promise((ok) => {
    const check = () => {
      const { firstBillMs, billInPageMs } = document.body.dataset;
      if (firstBillMs) ok([Number(firstBillMs), Number(billInPageMs)]);
      else setTimeout(check, 20);
    };
    check();
  }));
}

/** The first bill of the page at `path` opened in a new tab. */
async function firstBill(context, path) {
  const p = await context.newPage();
  const t = await billPainted(p, () => p.goto(path, { waitUntil: 'domcontentloaded' }));
  await p.close();
  return t;
}

/** The blank page's paint: navigation start to its first contentful paint (ms). */
async function blankPaint(context, path) {
  const p = await context.newPage();
  await p.goto(path, { waitUntil: 'load' });
  const t = await p.evaluate(() => new Promise((ok) => {
    const check = () => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      if (fcp) ok(fcp.startTime);
      else setTimeout(check, 20);
    };
    check();
  }));
  await p.close();
  return t;
}

/** Keystroke to painted result: the median time from an `input` event on the field `path` to the
 *  end of the frame that shows the changed result `result` (a data-result key), over KEYSTROKES
 *  edits alternating between two values. Each edit comes at a random moment of a frame (0-16 ms
 *  after one), as keys do. The baseline is measured the same way, interleaved: an edit whose
 *  handler only writes its value into one text node of the page. */
async function keystrokes(page, path, values, result) {
  return page.evaluate(async ({ path, values, result, n }) => {
    const field = document.querySelector(`[name="${CSS.escape(path)}"]`);
    const shown = document.querySelector(`[data-result="${result}"]`);
    const echo = document.body.appendChild(document.createElement('output'));
    const probe = document.createElement('input');
    probe.addEventListener('input', () => { echo.textContent = probe.value; });
    // After the next frame's paint: a task queued from its requestAnimationFrame callback.
    const painted = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    const edit = async (el, value, changed) => {
      await painted();
      await new Promise((ok) => setTimeout(ok, Math.random() * 16));
      const before = changed.textContent;
      // Asked for before the edit: this task is queued ahead of any the page queues from the same
      // frame (a chart drawn after the paint), so it ends right after the paint.
      const shown = painted();
      const t0 = performance.now();
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await shown;
      if (changed.textContent === before) throw new Error(`nothing changed after editing ${el.name || 'the probe'}`);
      return performance.now() - t0;
    };
    const edits = [];
    const baseline = [];
    for (let i = 0; i < n; i++) {
      edits.push(await edit(field, values[i % 2], shown));
      baseline.push(await edit(probe, String(i), echo));
    }
    echo.remove();
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { edit: median(edits), baseline: median(baseline) };
  }, { path, values, result, n: KEYSTROKES });
}

const plan120 = {
  terms: { unit_price: '2.50', target_rate: '0.35', penalty_per_unit: '1.00' },
  months: Array.from({ length: 120 }, (_, i) => ({
    month: `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    volume: 10000 + 10 * i, success_rate: '0.30', sampled_records: 500, inaccurate_records: 10,
    telecom_charges: '1234.56',
  })),
};

buildSerdeWasmBindgenVariant();
writeBlankPage();
const server = await serve(0);
const origin = `http://127.0.0.1:${server.address().port}`;
const launch = (args) => chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
const defaults = await launch(CHROMIUM_ARGS.filter((a) => a !== NO_OMNIBOX_WEBUI));
const noOmnibox = await launch(CHROMIUM_ARGS);
const r = {};
try {
  // The bench page.
  const page = await defaults.newPage();
  await page.goto(`${origin}/bench/`);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 600_000 });
  Object.assign(r, await page.evaluate(() => window.benchResult));
  await page.close();
  if (r.error) throw new Error(r.error);

  // Page loads, all kinds interleaved (the machine's speed drifts).
  const kinds = await Promise.all([defaults, noOmnibox].map(async (b) => ({ b, repeat: await b.newContext(), times: { repeat: [], first: [], blank: [], reload: [] } })));
  for (const k of kinds) await firstBill(k.repeat, `${origin}/`);
  for (const k of kinds) {
    k.tab = await k.repeat.newPage();
    await k.tab.goto(`${origin}/`);
  }
  for (let i = 0; i < VISITS; i++) {
    for (const k of kinds) {
      k.times.repeat.push(await firstBill(k.repeat, `${origin}/`));
      k.times.reload.push(await billPainted(k.tab, () => k.tab.reload({ waitUntil: 'domcontentloaded' })));
      const fresh = await k.b.newContext();
      k.times.first.push(await firstBill(fresh, `${origin}/`));
      k.times.blank.push(await blankPaint(fresh, `${origin}/bench/out/blank.html`));
      await fresh.close();
    }
  }
  const loads = kinds.map(({ times }) => ({
    repeat: median(times.repeat.map((t) => t[0])),
    first: median(times.first.map((t) => t[0])),
    reload: median(times.reload.map((t) => t[0])),
    blank: median(times.blank),
  }));

  // Keystrokes, in Chromium with its default features.
  const typing = await (await defaults.newContext()).newPage();
  await typing.goto(`${origin}/`);
  await typing.waitForFunction(() => document.body.dataset.ready === 'true');
  const worked = await keystrokes(typing, 'months[0].volume', ['10010', '10000'], 'total');
  await fillScenario(typing, plan120, { direct: true });
  const plan = await keystrokes(typing, 'months[60].volume', ['20010', '20000'], 'year_total');

  // Each page's module (wasm + glue): the calculator and what-if pages', the 400-number page's.
  const moduleSize = (name) => gz(`pkg/${name}_bg.wasm`) + gz(`pkg/${name}.js`);
  const size = moduleSize('callsettle'), size400 = moduleSize('callsettle_account400');
  const swbSize = existsSync('bench/out/pkg-swb/callsettle_bg.wasm')
    ? ['bench/out/pkg-swb/callsettle_bg.wasm', 'bench/out/pkg-swb/callsettle.js'].reduce((n, f) => n + gz(f), 0) : NaN;

  const ms = (x) => `${x.toFixed(1)} ms`;
  const us = (x) => `${x.toFixed(1)} µs`;
  const row = (what, value, baseline, budget) => console.log(`| ${what} | ${value} | ${baseline} | ${budget} |`);
  console.log('| measure | result | baseline (same run) | budget |');
  console.log('|---|---|---|---|');
  row('pkg/ wasm + JS glue, gzip -9: calculator pages / 400-number page', `${(size / 1000).toFixed(1)} / ${(size400 / 1000).toFixed(1)} KB`, `serde-wasm-bindgen build: ${(swbSize / 1000).toFixed(1)} KB`, '≤ 150 KB');
  row(`page load to first bill painted, repeat visit (median of ${VISITS})`, ms(loads[0].repeat), `page without WASM, first paint: ${ms(loads[0].blank)}`, '≤ 300 ms');
  row('  first visit, empty cache', ms(loads[0].first), '', '');
  row('  reload of the open tab', ms(loads[0].reload), '', '');
  row('  without the omnibox WebUI: repeat / first visit', `${ms(loads[1].repeat)} / ${ms(loads[1].first)}`, `page without WASM: ${ms(loads[1].blank)}`, '');
  row(`keystroke to painted bill, worked example (median of ${KEYSTROKES})`, ms(worked.edit), `an edit that writes one text node: ${ms(worked.baseline)}`, '≤ 16 ms');
  row('keystroke to painted bill, 120-month plan, one month\'s volume', ms(plan.edit), `the same baseline: ${ms(plan.baseline)}`, '≤ 50 ms');
  row('settle(), worked example, per call', us(r.settle_us), `JSON.parse of the same bill: ${us(r.json_parse_bill_us)} (${r.settle_ratio_json_parse.toFixed(1)}×)`, 'report');
  row('  results built by serde-wasm-bindgen instead', us(r.swb_settle_us), '', '(comparison)');
  row('settle(), 120-month plan, per call', ms(r.settle_120_months_ms), `serde-wasm-bindgen: ${ms(r.swb_settle_120_months_ms)}`, 'report');
  row('project(), 120-month plan, per call', ms(r.project_120_months_ms), '', 'report');
  row('10 000-point sweep over the success rate', ms(r.sweep_wasm_ms), `decimal.js: ${ms(r.sweep_decimaljs_ms)} (${r.sweep_ratio_decimaljs.toFixed(1)}×)`, '≥ 10× decimal.js');
  row('  the same plus the uPlot redraw', ms(r.sweep_and_draw_ms), `JS floating point, inexact: ${ms(r.sweep_float_ms)}`, '');
  console.log(`\ncheck point ${JSON.stringify(r.check_point)}`);
  console.log(`timer: ${r.cross_origin_isolated ? '5 µs (cross-origin isolated page)' : '100 µs (page not cross-origin isolated)'}`);
} finally {
  await defaults.close();
  await noOmnibox.close();
  server.close();
}
