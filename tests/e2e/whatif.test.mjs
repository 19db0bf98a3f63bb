// The what-if page (www/whatif.html, docs/rules.md "What-if") in headless Chromium: sweep chart and slider,
// solve, compare (offer vs counter-offer), share link round trip, tampered link, JSON and CSV
// downloads, print statement (结算单) with the capital amount in both languages; only the page's
// own files, no CSP violation, no console error; no horizontal scroll at phone width.
//
// Hand-worked figures (docs/rules.md "Contract 1: the bill" with the worked example: p 2.50, T 10000, s 0.30,
// s0 0.35, F 1.00, sampled 500, inaccurate 10, telecom 1234.56, below_target):
// - successes n = 0.30 × 10000 = 3000; service fee 2.50 × 3000 = 7500.00; shortfall
//   −1.00 × (0.35 − 0.30) × 10000 = −500.00; inaccuracy −7500 × 1 × 10/500 = −150.00;
//   total 7500 − 500 − 150 + 1234.56 = 8084.56.
// - Total as a function of s below target: 2.50 × 10000 s × (1 − 0.02) − (0.35 − s) × 10000
//   + 1234.56 = 34500 s − 2265.44. At s = 0.30: 10350 − 2265.44 = 8084.56. One rate grid step
//   (0.000001) moves the total by 0.0345 > 0.01, so s = 0.30 is the only answer: the interval
//   [low, high] contains 0.30 (and is that single value).
// - Slider at s = 0.35 (sample 35 of 0 … 0.6 in 0.01 steps): service fee 2.50 × 3500 = 8750.00,
//   no shortfall, inaccuracy −175.00, total 8750 − 175 + 1234.56 = 9809.56.
// - Counter-offer p = 2.60: service fee 2.60 × 3000 = 7800.00 (+300.00); shortfall unchanged
//   (−500.00, ±0.00); inaccuracy −7800 × 0.02 = −156.00 (−6.00); telecom ±0.00; total
//   7800 − 500 − 156 + 1234.56 = 8378.56, +294.00 = 300 − 6; 294 / 8084.56 = 3.6366 % → +3.64 %.
// - 8084.56 in capital numerals: 捌仟零捌拾肆元伍角陆分 (8 thousand, 0 hundred → 零, 8 ten,
//   4 yuan, 5 jiao, 6 fen).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { OUT_DIR, PHONE, ROOT_DIR, byName, newPage, readResults, start, ownFile } from './helpers.mjs';

const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** A page that records requests and CSP violations. */
async function watched(options) {
  const requests = [];
  const w = await newPage(env.browser, {
    ...options,
    beforeGoto: async (p) => {
      p.on('request', (req) => requests.push(req.url()));
      await p.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
    },
  });
  return { ...w, requests };
}

async function open(page, hash = '') {
  await page.goto(`${env.base}/whatif.html${hash}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 }); // a loaded machine
}

async function clean(w) {
  const origin = new URL(env.base).origin;
  for (const url of w.requests) {
    if (url.startsWith('blob:')) continue;
    const u = new URL(url);
    assert.equal(u.origin, origin, `request to another origin: ${url}`);
    assert.ok(ownFile(u.pathname), `not one of the page's own files: ${url}`);
  }
  assert.deepEqual(await w.page.evaluate(() => window.__csp), [], 'no CSP violation');
  assert.deepEqual(w.problems, { console: [], page: [], failed: [] });
}

test('example, sweep chart and slider, solve, compare, downloads, print; own files only', async () => {
  const w = await watched();
  const { page, context } = w;
  await open(page);
  assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), PAGE_CSP);
  let r = await readResults(page);
  assert.equal(r.service_fee, '7500.00');
  assert.equal(r.shortfall_penalty, '-500.00');
  assert.equal(r.inaccuracy_deduction, '-150.00');
  assert.equal(r.telecom_charges, '1234.56');
  assert.equal(r.total, '8084.56');
  assert.equal(r.capital, '捌仟零捌拾肆元伍角陆分');
  assert.equal(r['sweep.points'], '61');
  assert.equal(r['sweep.current'], '0.30');

  // The chart: a canvas with a size.
  await page.waitForFunction(() => {
    const c = document.querySelector('#sweep-chart canvas');
    return c && c.width > 0 && c.height > 0;
  });
  await page.screenshot({ path: join(OUT_DIR, 'whatif-laptop-zh.png'), fullPage: true });

  // Solve: success rate for 8084.56 (the default goal) → an interval containing 0.30.
  assert.equal(r['solve.outcome'], 'found');
  assert.equal(r['solve.target'], '8084.56');
  assert.ok(Number(r['solve.low']) <= 0.3 && Number(r['solve.high']) >= 0.3, `${r['solve.low']} … ${r['solve.high']}`);
  assert.equal(r['solve.grid'], '0.000001');
  // An unreachable total says so, with the nearest totals on each side.
  await page.fill('#solve-target', '99999999');
  r = await readResults(page);
  assert.equal(r['solve.outcome'], 'none');
  assert.match(await page.textContent('#solve-headline'), /没有任何/);
  // Every value works: at s = 0.40 ≥ s0 (below_target) the penalty F does not enter the bill:
  // 2.50 × 4000 = 10000.00, inaccuracy −200.00, total 10000 − 200 + 1234.56 = 11034.56.
  await page.fill(byName('months[0].success_rate'), '0.40');
  await page.selectOption('#solve-field', 'penalty_per_unit');
  await page.fill('#solve-target', '11034.56');
  r = await readResults(page);
  assert.equal(r.total, '11034.56');
  assert.equal(r['solve.outcome'], 'all');
  await page.selectOption('#solve-field', 'success_rate');
  await page.fill(byName('months[0].success_rate'), '0.30');
  await page.fill('#solve-target', '8084.56');
  assert.equal((await readResults(page))['solve.low'], '0.3');

  // The slider moves the total: s = 0.35 → 9809.56 (hand-worked above); the input follows.
  await page.locator('#sweep-slider').fill('35');
  r = await readResults(page);
  assert.equal(r['sweep.current'], '0.35');
  assert.equal(r.total, '9809.56');
  assert.equal(await page.inputValue(byName('months[0].success_rate')), '0.35');
  await page.locator('#sweep-slider').fill('30');
  assert.equal((await readResults(page)).total, '8084.56');

  // Compare: duplicate, change the unit price to 2.60.
  await page.click('[data-action="duplicate"]');
  await page.fill(byName('terms.unit_price'), '2.60');
  r = await readResults(page);
  assert.equal(r.total, '8378.56');
  assert.equal(r['compare.diff.service_fee'], '+300.00');
  assert.equal(r['compare.diff.shortfall_penalty'], '±0.00');
  assert.equal(r['compare.diff.inaccuracy_deduction'], '-6.00');
  assert.equal(r['compare.diff.total'], '+294.00');
  assert.equal(r['compare.pct.total'], '+3.64%');
  assert.equal(r['compare.amount.total.0'], '8084.56');
  assert.equal(r['compare.amount.total.1'], '8378.56');
  assert.equal(await page.textContent('[data-result="compare.amount.total.0"]'), '8,084.56');
  assert.equal(await page.textContent('[data-result="compare.amount.total.1"]'), '8,378.56');
  await page.screenshot({ path: join(OUT_DIR, 'whatif-compare-zh.png'), fullPage: true });

  // A bad value: shown at its field, the bill kept (stale), the page still works.
  await page.fill(byName('terms.unit_price'), 'abc');
  assert.equal(await page.getAttribute('#results', 'data-state'), 'stale');
  assert.ok(await page.locator('[data-error-path="terms.unit_price"]').count());
  await page.fill(byName('terms.unit_price'), '2.60');
  assert.equal(await page.getAttribute('#results', 'data-state'), 'fresh');

  // Save as JSON and export CSV (Blob URLs with <a download>; allowed by the CSP).
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="save-json"]')]);
  const saved = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(saved.scenarios.length, 2);
  assert.equal(saved.scenarios[1].terms.unit_price, '2.60');
  // The saved file opened again (after a change) restores both scenarios.
  await page.fill(byName('terms.unit_price'), '9.99');
  await page.setInputFiles('#load-json', await json.path());
  await page.waitForFunction(() => document.querySelector('[name="terms.unit_price"]').value === '2.60');
  assert.equal((await readResults(page))['compare.diff.total'], '+294.00');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-csv"]')]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\uFEFF项目,Item,'), 'UTF-8 BOM, both languages');
  assert.match(text, /应结算金额,Total due,8084\.56,8378\.56/);
  assert.match(text, /捌仟零捌拾肆元伍角陆分/);

  // Print: the statement only, the capital amount, in both languages. The sheet is filled as the
  // print starts (beforeprint; page.pdf prints as Ctrl+P does); on A4 paper it is one page.
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, 'one A4 page');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.sheet-statement').isVisible());
  assert.equal(await page.locator('#sweep').isVisible(), false);
  assert.equal(await page.textContent('.sheet-statement [data-print="capital"]'), '人民币捌仟叁佰柒拾捌元伍角陆分');
  // A signable statement names no what-if scenario (the shown one is "还价").
  assert.doesNotMatch(await page.textContent('.sheet-statement'), /还价|报价/);
  await page.screenshot({ path: join(OUT_DIR, 'whatif-print-zh.png'), fullPage: true });
  await page.emulateMedia({ media: null });
  await page.click('[data-lang="en"]');
  assert.equal((await readResults(page)).total, '8378.56');
  await page.pdf({ format: 'A4' });
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.textContent('.sheet-statement h1'), /Settlement statement/);
  assert.equal(await page.textContent('.sheet-statement [data-print="capital"]'), '人民币捌仟叁佰柒拾捌元伍角陆分');
  // In English everything is English, the telecom line's formula included.
  assert.match(await page.textContent('.sheet-statement [data-line="telecom_charges"]'), /actual telephone charges = 1234\.56/);
  // Only the 大写 amount (a Chinese legal form) is in Chinese characters.
  const english = await page.$eval('.sheet-statement', (n) => [...n.querySelectorAll('h1, th, td:not([data-print="capital"]), p, span')].map((c) => c.textContent).join(' '));
  assert.doesNotMatch(english, /[\u4e00-\u9fff]/);
  await page.screenshot({ path: join(OUT_DIR, 'whatif-print-en.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: join(OUT_DIR, 'whatif-laptop-en.png'), fullPage: true });
  await page.click('[data-lang="zh"]');

  assert.equal(await page.locator('script:not([src])').count(), 0);
  assert.equal(await page.locator('style').count(), 0);
  // (Playwright's screenshots leave an empty style="" on inputs where they hid the caret.)
  const styled = await page.evaluate(() => [...document.querySelectorAll('[style]:not([style=""], #sweep-chart, #sweep-chart *)')].map((n) => n.outerHTML.slice(0, 100)));
  assert.deepEqual(styled, [], 'no style attributes outside the chart (uPlot sizes through the CSSOM)');
  await clean(w);
  await context.close();
});

test('share link reproduces the page; a tampered link shows an error and the example', async () => {
  const a = await watched();
  await open(a.page);
  await a.page.click('[data-action="duplicate"]');
  await a.page.fill(byName('terms.unit_price'), '2.60');
  await a.page.fill(byName('name'), '还价 B');
  await a.page.selectOption('#sweep-field', 'unit_price');
  await a.page.click('[data-lang="en"]');
  await a.page.click('[data-action="copy-link"]');
  const url = a.page.url();
  assert.match(url, /#s=v1\.[A-Za-z0-9_-]+$/);
  const want = await readResults(a.page);
  assert.equal(want['compare.diff.total'], '+294.00');
  await clean(a);
  await a.context.close();

  const b = await watched();
  await open(b.page, new URL(url).hash);
  assert.deepEqual(await readResults(b.page), want);
  assert.equal(await b.page.inputValue(byName('name')), '还价 B');
  assert.equal(await b.page.getAttribute('html', 'lang'), 'en');
  await clean(b);
  await b.context.close();

  // Tampered: one character changed in the middle.
  const hash = new URL(url).hash;
  const i = Math.floor(hash.length / 2);
  const bad = hash.slice(0, i) + (hash[i] === 'A' ? 'B' : 'A') + hash.slice(i + 1);
  const c = await watched();
  await open(c.page, bad);
  assert.ok(await c.page.locator('#link-error').isVisible());
  assert.match(await c.page.textContent('[data-error-path="share"]'), /分享链接无效/);
  let r = await readResults(c.page);
  assert.equal(r.total, '8084.56', 'falls back to the example');
  await c.page.fill(byName('months[0].volume'), '12000');
  r = await readResults(c.page);
  assert.equal(r.service_fee, '9000.00', 'the page keeps working');
  await c.page.screenshot({ path: join(OUT_DIR, 'whatif-bad-link.png') });

  // Truncated, pasted into the same tab (only the hash changes): the same message, the example.
  await c.page.goto(`${env.base}/whatif.html${hash.slice(0, -5)}`);
  await c.page.waitForFunction(() => document.querySelector('[name="months[0].volume"]').value === '10000');
  assert.ok(await c.page.locator('#link-error').isVisible());
  assert.match(await c.page.textContent('[data-error-path="share"]'), /分享链接无效/);
  assert.equal((await readResults(c.page)).total, '8084.56');
  // And a good link pasted into the same tab loads.
  await c.page.goto(url);
  await c.page.waitForFunction(() => document.getElementById('link-error').hidden);
  assert.equal((await readResults(c.page))['compare.diff.total'], '+294.00');
  await clean(c);
  await c.context.close();
});

test('the page source: no external reference, no network API, the module imported relatively', async () => {
  for (const f of ['whatif.html', 'whatif.js', 'whatif.css', 'i18n-whatif.js', 'ui.js', 'i18n-common.js']) {
    const text = readFileSync(join(ROOT_DIR, 'www', f), 'utf8');
    assert.doesNotMatch(text, /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i, `${f}: no external URL`);
    assert.doesNotMatch(text, /@import|@font-face|url\(\s*['"]?(?:https?:|\/\/)/i, `${f}: no remote CSS`);
    assert.doesNotMatch(text, /\b(?:fetch|XMLHttpRequest|sendBeacon|WebSocket|EventSource)\s*\(|innerHTML|insertAdjacentHTML|document\.write/, `${f}: no network API, no HTML from strings`);
  }
  const { catalog } = await import('../../www/i18n-whatif.js');
  assert.deepEqual(Object.keys(catalog.en).sort(), Object.keys(catalog.zh).sort(), 'the same keys in zh and en');
  for (const [key, text] of Object.entries(catalog.en)) assert.ok(text.trim(), `en.${key} is empty`);
  const html = readFileSync(join(ROOT_DIR, 'www', 'whatif.html'), 'utf8');
  assert.ok(html.includes(`content="${PAGE_CSP}"`), 'the same CSP as index.html');
  assert.match(readFileSync(join(ROOT_DIR, 'www', 'whatif.js'), 'utf8'), /from '\.\.\/pkg\/callsettle\.js'/);
});

test('phone layout (through the main page’s link): no horizontal scroll, chart drawn', async () => {
  const w = await watched({ viewport: PHONE });
  // Through the main page's nav link when it has one; else straight to the page.
  await w.page.goto(`${env.base}/`);
  const tab = w.page.locator('a[href="whatif.html"]');
  if (await tab.count()) {
    await tab.first().click();
    await w.page.waitForURL(/whatif\.html(#.*)?$/);
    await w.page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
  } else {
    await open(w.page);
  }
  await w.page.waitForFunction(() => document.querySelector('#sweep-chart canvas')?.width > 0);
  await w.page.click('[data-action="duplicate"]');
  const widths = await w.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `no horizontal scroll (${widths})`);
  await w.page.screenshot({ path: join(OUT_DIR, 'whatif-phone-zh.png'), fullPage: true });
  await w.page.locator('#sweep').screenshot({ path: join(OUT_DIR, 'whatif-phone-sweep.png') });
  await w.page.click('[data-lang="en"]');
  assert.equal((await readResults(w.page)).total, '8084.56');
  await w.page.screenshot({ path: join(OUT_DIR, 'whatif-phone-en.png'), fullPage: true });
  await clean(w);
  await w.context.close();
});
