// Runs the benchmark page and the page-load measurement in headless Chromium, measures the
// package size, and prints a table for the README. Usage: node bench/run.mjs
// (pkg/ must be built: scripts/run.sh or scripts/test.sh build it).
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS, NO_OMNIBOX_WEBUI } from '../tests/e2e/helpers.mjs';

const server = await serve(0);
const origin = `http://127.0.0.1:${server.address().port}`;
// The browser tests' launch arguments. A second browser with Chromium's default features (its
// omnibox popup WebUI loaded beside every tab) is timed on page loads too.
const launch = (args) => chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args });
const browser = await launch(CHROMIUM_ARGS);
const defaults = await launch(CHROMIUM_ARGS.filter((a) => a !== NO_OMNIBOX_WEBUI));
const VISITS = 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/bench/`);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 300_000 });
  const r = await page.evaluate(() => window.benchResult);
  if (r.error) throw new Error(r.error);

  // Page load to first bill: navigation start to the paint of the first bill (app.js records its
  // Element Timing), and to the moment it was put in the page (before layout and paint). The wait
  // runs in the page's own world: Playwright's selector engine (waitForSelector) injects a large
  // script whose evaluation would compete with the page's first paint on this 2-core machine.
  // Two kinds of load, VISITS each, in each browser, all four interleaved (the machine's speed
  // drifts):
  // - repeat visit: one browser profile, after one visit; the server answers 304 (it sends
  //   `no-cache` with an ETag), so the browser keeps its cached files and compiled code;
  // - first visit: a fresh browser context (empty cache) per load.
  const firstBill = async (context) => {
    const p = await context.newPage();
    await p.goto(`${origin}/`, { waitUntil: 'domcontentloaded' });
    const t = await p.evaluate(() => new Promise((ok) => {
      const check = () => {
        const { firstBillMs, billInPageMs } = document.body.dataset;
        if (firstBillMs) ok([Number(firstBillMs), Number(billInPageMs)]);
        else setTimeout(check, 20);
      };
      check();
    }));
    await p.close();
    return t;
  };
  const loads = await Promise.all([browser, defaults].map(async (b) => ({ b, repeat: await b.newContext(), times: { repeat: [], first: [] } })));
  for (const l of loads) await firstBill(l.repeat);
  for (let i = 0; i < VISITS; i++) {
    for (const l of loads) {
      l.times.repeat.push(await firstBill(l.repeat));
      const fresh = await l.b.newContext();
      l.times.first.push(await firstBill(fresh));
      await fresh.close();
    }
  }
  const [ours, chromiumDefaults] = loads.map(({ times }) => ({
    repeat: median(times.repeat.map((t) => t[0])),
    repeatInPage: median(times.repeat.map((t) => t[1])),
    first: median(times.first.map((t) => t[0])),
    firstInPage: median(times.first.map((t) => t[1])),
  }));
  r.first_bill_ms = ours.repeat;
  r.bill_in_page_ms = ours.repeatInPage;
  r.first_visit_first_bill_ms = ours.first;
  r.first_visit_bill_in_page_ms = ours.firstInPage;
  r.defaults_first_bill_ms = chromiumDefaults.repeat;
  r.defaults_first_visit_first_bill_ms = chromiumDefaults.first;

  // Size of what the page loads from pkg/: wasm + JS glue + snippets, gzip -9.
  const files = [];
  const walk = (dir) => readdirSync(dir).forEach((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(wasm|js)$/.test(f)) files.push(p);
  });
  walk('pkg');
  r.pkg_raw_bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  r.pkg_gzip_bytes = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: constants.Z_BEST_COMPRESSION }).length, 0);

  const row = (what, value, target) => console.log(`| ${what} | ${value} | ${target} |`);
  console.log('| measure | result | target |');
  console.log('|---|---|---|');
  row('pkg/ wasm + JS, gzip -9', `${(r.pkg_gzip_bytes / 1024).toFixed(1)} KiB (raw ${(r.pkg_raw_bytes / 1024).toFixed(1)} KiB)`, '≤ 120 KB');
  row('settle() worked example, full itemised result, per call, steady state (median of 7 rounds of 20 × 500 calls, after 150 000 warm-up calls)', `${r.settle_us.toFixed(2)} µs`, '≤ 10 µs');
  row('  the same, the first 10 000 calls after load', `${r.settle_first_10000_us.toFixed(2)} µs`, '');
  row('  the same, a different volume every call (most numbers of the bill change, as in live recompute; steady state)', `${r.settle_varied_us.toFixed(2)} µs`, '');
  row('  yardstick: `JSON.parse` of the same bill\'s JSON text (the object built in JS alone, no WASM)', `${r.json_parse_bill_us.toFixed(2)} µs`, '');
  row('  settle ÷ yardstick (median of the per-round ratios)', `${r.settle_ratio_json_parse.toFixed(2)}×`, '');
  row('  the same with serde-wasm-bindgen building the result', `${r.settle_via_serde_us.toFixed(2)} µs`, '(comparison)');
  row('10 000-point sweep over success rate, WASM', `${r.sweep_wasm_ms.toFixed(2)} ms`, '');
  row('  the same, decimal.js (exact)', `${r.sweep_decimaljs_ms.toFixed(2)} ms`, '');
  row('  WASM speed-up over decimal.js (median of the per-round ratios)', `${r.sweep_ratio_decimaljs.toFixed(1)}×`, '≥ 10×');
  row('  the same, JS floating point (inexact)', `${r.sweep_float_ms.toFixed(2)} ms`, '');
  row('  WASM time ÷ float time', `${r.sweep_ratio_float.toFixed(1)}×`, '(speed limit)');
  row('10 000-point sweep plus uPlot chart redraw', `${r.sweep_and_draw_ms.toFixed(1)} ms`, '≤ 50 ms');
  row('settle() of 120 work months (working days), per call', `${r.settle_120_months_ms.toFixed(2)} ms`, '≤ 5 ms');
  row('project() of the same (cash flow), per call', `${r.project_120_months_ms.toFixed(2)} ms`, '');
  row(`page load to first bill on screen (painted), repeat visit (median of ${VISITS})`, `${r.first_bill_ms.toFixed(0)} ms`, '≤ 300 ms');
  row('  the same, to the bill put in the page (before layout and paint)', `${r.bill_in_page_ms.toFixed(0)} ms`, '');
  row('  first visit, empty cache: painted', `${r.first_visit_first_bill_ms.toFixed(0)} ms`, '');
  row('  first visit, empty cache: put in the page', `${r.first_visit_bill_in_page_ms.toFixed(0)} ms`, '');
  row('  repeat visit, painted, Chromium\'s default features (its omnibox popup WebUI loaded beside the tab)', `${r.defaults_first_bill_ms.toFixed(0)} ms`, '');
  row('  first visit, painted, Chromium\'s default features', `${r.defaults_first_visit_first_bill_ms.toFixed(0)} ms`, '');
  console.log(`\ncheck point ${JSON.stringify(r.check_point)}`);
  console.log(`timer: ${r.cross_origin_isolated ? '5 µs (cross-origin isolated page)' : '100 µs (page not cross-origin isolated)'}`);
  if (process.argv.includes('--json')) console.log(JSON.stringify(r));
} finally {
  await defaults.close();
  await browser.close();
  server.close();
}
