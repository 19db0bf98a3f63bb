// The 400-number account page (www/account400.html, contract 2) in headless Chromium: reached
// through its tab on the main page; the example on load checked against figures worked by hand
// from the module's documented rules (src/account400.rs); a top-up that just reaches the
// validity end vs one fen less; the outbound-before-inbound error at its field; the advertising
// warning; top-up rows added and removed; only the page's own files, no CSP violation, no console
// error; no horizontal scroll at phone width; screenshots at laptop and phone width in zh and en.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LAPTOP, OUT_DIR, PHONE, ROOT_DIR, byName, newPage, readErrors, readResults, readWarnings, start } from './helpers.mjs';

const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

// The example on load (the inputs as the page fills them):
//   signed 2026-03-02 (Mon), activated 2026-03-20, advertising from 2026-03-25,
//   validity 2026-04-01 … 2026-06-30 (91 days), balances as of 2026-04-01;
//   inbound  opened 04-01, 400.00, fee 30.00/month, 1500 min × 0.20 = 300.00/month;
//   outbound opened 04-15, 250.00, fee 20.00/month,  600 min × 0.15 =  90.00/month;
//   top-up 2026-05-01, inbound, 300.00.
// Worked by hand with the module's rules (fee in full on the 1st and on the opening day; usage
// U × days ÷ days-in-month rounded once; a day is served if the balance after that day's top-ups
// covers its charges):
// - documents_due: 7 Chinese working days after Mon 03-02: 03-03, 04, 05, 06, 09, 10, 11 (no
//   holiday in between) → 2026-03-11.
// - Inbound: April 30 + 300 = 330 → 400 − 330 = 70.00 on 04-30. May: +300 on 05-01, 30 + 300
//   = 330 → 40.00 on 05-31. 06-01: fee 30 + 300 ÷ 30 = 10 → 0.00. 06-02 needs 10.00, has 0.00
//   → inbound.runs_out 2026-06-02; stopped, charged nothing: balance_at_end 0.00.
// - Outbound: 04-15 fee 20 + 3.00 (90 ÷ 30 a day), then 15 more April days × 3 = 45 → 250 − 68
//   = 182.00 on 04-30; May 20 + 90 = 110 → 72.00; 06-01: 20 + 3 → 49.00. From 06-02 suspended
//   (inbound ran out): outbound_suspended 2026-06-02, outbound_forfeited 49.00 (its balance that
//   day), balance_at_end 49.00, outbound.runs_out null (its own balance did not run out while in
//   service).
// - renew_by: the earliest of inbound run-out 06-02, validity end 06-30 → 2026-06-02,
//   renew_reason inbound_runs_out.
// - Smallest top-ups on 2026-04-01 (top_up_date defaults to the balances date): inbound charges
//   over the validity 3 × 330 = 990 against 400 + 300 → 290.00; outbound (assuming inbound lasts)
//   68 + 110 + 110 = 288 against 250 → 38.00.
const EXAMPLE = {
  documents_due: '2026-03-11',
  renew_by: '2026-06-02',
  renew_reason: 'inbound_runs_out',
  'inbound.runs_out': '2026-06-02',
  'outbound.runs_out': '暂停前未用完', // null: suspended before its own balance ran out
  outbound_suspended: '2026-06-02',
  outbound_forfeited: '49.00',
  'inbound.balance_at_end': '0.00',
  'outbound.balance_at_end': '49.00',
  'inbound.top_up_needed': '290.00',
  'outbound.top_up_needed': '38.00',
  top_up_date: '2026-04-01',
  projection_to: '2026-06-30',
};

function ownFile(pathname) {
  if (pathname === '/') return true;
  const [dir, rel] = pathname.startsWith('/pkg/') ? ['pkg', pathname.slice(5)] : ['www', pathname.slice(1)];
  if (!rel || rel.split('/').includes('..')) return false;
  return existsSync(join(ROOT_DIR, dir, decodeURIComponent(rel)));
}

const pick = (obj, keys) => Object.fromEntries(keys.map((k) => [k, obj[k]]));

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

async function openTab(page) {
  await page.goto(`${env.base}/account400.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
}

test('through the tab: the example on load, hand-checked; edits recompute; own files only, no CSP violation', async () => {
  const requests = [];
  const { page, context, problems } = await newPage(env.browser, {
    beforeGoto: async (p) => {
      p.on('request', (req) => requests.push(req.url()));
      await p.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
        });
      });
    },
  });
  // Through the tab on the main page, when it has one (the nav link); else straight to the page.
  await page.goto(`${env.base}/`);
  const tab = page.locator('a[href="account400.html"]');
  if (await tab.count()) {
    await tab.first().click();
    await page.waitForURL(/account400\.html$/);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
  } else {
    await openTab(page);
  }
  assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content', PAGE_CSP), PAGE_CSP);

  const got = await readResults(page);
  assert.deepEqual(pick(got, Object.keys(EXAMPLE)), EXAMPLE);
  assert.deepEqual(await readErrors(page), []);
  assert.deepEqual(await readWarnings(page), []);
  // The table: 91 days; 06-01 the last inbound day at 0.00, then both stopped.
  assert.equal(await page.locator('#rows-body tr').count(), 91);
  assert.equal(got['rows[0].inbound.balance'], '360.00'); // 400 − 30 − 10
  assert.equal(got['rows[0].outbound.balance'], '250.00'); // opens 04-15
  assert.equal(await page.locator('#rows-body tr').nth(0).locator('.tag-closed').count(), 1, 'outbound not open yet');
  assert.equal(got['rows[14].outbound.balance'], '227.00'); // 04-15: 250 − 20 − 3
  assert.equal(got['rows[61].from'], '2026-06-01');
  assert.deepEqual([got['rows[61].inbound.balance'], got['rows[61].outbound.balance']], ['0.00', '49.00']);
  assert.equal(await page.locator('#rows-body tr').nth(62).locator('.tag-off').count(), 2, 'both accounts off on 06-02');
  assert.ok((await page.locator('#balance-chart canvas').count()) > 0, 'the chart was drawn');

  // Top-ups that just reach the validity end: inbound 300 + 290 = 590.00 on 05-01, and a new
  // outbound row of 38.00 on 06-01 (May closes at 72.00; June costs 20 + 90 = 110). Both last,
  // ending at 0.00; renew by the validity end.
  await page.click('#add-top-up');
  await page.fill(byName('top_ups[1].date'), '2026-06-01');
  await page.selectOption(byName('top_ups[1].account'), 'outbound');
  await page.fill(byName('top_ups[1].amount'), '38.00');
  await page.fill(byName('top_ups[0].amount'), '590.00');
  let r = await readResults(page);
  assert.deepEqual(
    pick(r, ['inbound.runs_out', 'outbound_suspended', 'outbound_forfeited', 'inbound.balance_at_end', 'outbound.balance_at_end', 'renew_by', 'renew_reason', 'inbound.top_up_needed', 'outbound.top_up_needed']),
    {
      'inbound.runs_out': '至有效期末不会用完', outbound_suspended: '不会暂停', outbound_forfeited: '无',
      'inbound.balance_at_end': '0.00', 'outbound.balance_at_end': '0.00',
      renew_by: '2026-06-30', renew_reason: 'validity_end',
      'inbound.top_up_needed': '0.00', 'outbound.top_up_needed': '0.00',
    },
  );
  assert.equal(await page.getAttribute('[data-result="inbound.runs_out"]', 'data-null'), 'true');
  // One fen less: June 30 needs 10.00 and finds 9.99 → inbound runs out on the last day;
  // outbound suspended then, its 3.00 (June 30 not charged) forfeited; 0.01 more needed.
  await page.fill(byName('top_ups[0].amount'), '589.99');
  r = await readResults(page);
  assert.deepEqual(
    pick(r, ['inbound.runs_out', 'outbound_suspended', 'outbound_forfeited', 'inbound.balance_at_end', 'renew_by', 'renew_reason', 'inbound.top_up_needed']),
    {
      'inbound.runs_out': '2026-06-30', outbound_suspended: '2026-06-30', outbound_forfeited: '3.00',
      'inbound.balance_at_end': '9.99', renew_by: '2026-06-30', renew_reason: 'inbound_runs_out',
      'inbound.top_up_needed': '0.01',
    },
  );
  // Month rows: three months, the balances at each month's end.
  await page.selectOption(byName('granularity'), 'month');
  r = await readResults(page);
  assert.equal(await page.locator('#rows-body tr').count(), 3);
  // May's end: inbound 70.00 + 589.99 − 330 = 329.99; outbound 182.00 − 110 = 72.00.
  assert.deepEqual([r['rows[1].inbound.balance'], r['rows[1].outbound.balance']], ['329.99', '72.00']);
  await page.selectOption(byName('granularity'), 'day');

  // Removing the second row and going back to 300.00 restores the example.
  await page.click('.top-up-row:nth-child(2) [data-action="remove-top-up"]');
  assert.equal(await page.locator('.top-up-row').count(), 1);
  await page.fill(byName('top_ups[0].amount'), '300.00');
  assert.deepEqual(pick(await readResults(page), Object.keys(EXAMPLE)), EXAMPLE);

  // Outbound opened before inbound: the error at outbound.opened; results kept, marked stale.
  await page.fill(byName('outbound.opened'), '2026-03-31');
  let errors = await readErrors(page);
  assert.deepEqual(errors.map((e) => `${e.path} ${e.code}`), ['outbound.opened outbound_before_inbound']);
  assert.equal(await page.getAttribute(byName('outbound.opened'), 'aria-invalid'), 'true');
  assert.ok(
    await page.evaluate(() => document.querySelector('[name="outbound.opened"]').nextElementSibling?.dataset.errorPath === 'outbound.opened'),
    'the message right after its field',
  );
  assert.match(errors[0].text, /外呼|被叫/);
  assert.equal(await page.getAttribute('#results', 'data-state'), 'stale');
  await page.fill(byName('outbound.opened'), '2026-04-15');
  assert.deepEqual(await readErrors(page), []);
  assert.equal(await page.getAttribute('#results', 'data-state'), 'fresh');

  // Advertising before activation: a warning, the projection still shown.
  await page.fill(byName('advertising_start'), '2026-03-15');
  assert.deepEqual(await readWarnings(page), ['advertising_before_activation']);
  assert.equal(await page.getAttribute('[data-warning="advertising_before_activation"]', 'data-warning-path'), 'advertising_start');
  assert.equal((await readResults(page)).documents_due, '2026-03-11');
  assert.equal(await page.getAttribute(byName('advertising_start'), 'class'), 'date has-warning');
  await page.fill(byName('advertising_start'), '2026-03-25');
  assert.deepEqual(await readWarnings(page), []);

  // English: the shared language switch.
  await page.click('[data-lang="en"]');
  assert.equal((await readResults(page))['outbound.runs_out'], 'not before the suspension');
  assert.equal(await page.evaluate(() => localStorage.getItem('callsettle.lang')), 'en');
  await page.click('[data-lang="zh"]');

  // Requests: same origin, the page's own files only; no CSP violation, no console error.
  const origin = new URL(env.base).origin;
  for (const url of requests) {
    const u = new URL(url);
    assert.equal(u.origin, origin, `request to another origin: ${url}`);
    assert.ok(ownFile(u.pathname), `not one of the page's own files: ${url}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.equal(await page.locator('[style]:not(#balance-chart, #balance-chart *, #cashflow-chart, #cashflow-chart *)').count(), 0);
  assert.equal(await page.locator('script:not([src])').count(), 0);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('the page source: no external reference, no network API, money never parsed in JS', async () => {
  for (const f of ['account400.html', 'account400.js', 'account400.css', 'i18n-account400.js', 'style.css']) {
    const text = await readFile(join(ROOT_DIR, 'www', f), 'utf8');
    assert.doesNotMatch(text, /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i, `${f}: no external URL`);
    assert.doesNotMatch(text, /@import|@font-face|url\(\s*['"]?https?:/i, `${f}: no remote CSS`);
    assert.doesNotMatch(text, /\b(?:fetch|XMLHttpRequest|sendBeacon|WebSocket|EventSource)\s*\(/, `${f}: no network API`);
  }
  const js = await readFile(join(ROOT_DIR, 'www', 'account400.js'), 'utf8');
  assert.match(js, /from '\.\.\/pkg\/callsettle\.js'/);
  assert.doesNotMatch(js, /parseFloat|parseInt|\bNumber\(\s*(?:el|input|node|value)/, 'typed values are sent as text');
});

test('the page catalog has the same keys in zh and en', async () => {
  const { catalog } = await import('../../www/i18n-account400.js');
  assert.deepEqual(Object.keys(catalog.en).sort(), Object.keys(catalog.zh).sort());
  for (const [key, text] of Object.entries(catalog.en)) {
    if (key !== 'weekday_prefix') assert.ok(text && text.length > 0, `en.${key} is empty`);
    if (typeof text === 'string') assert.doesNotMatch(text, /[\u4e00-\u9fff]/, `en.${key} has Chinese: ${text}`);
  }
});

test('phone width: no horizontal scroll; screenshots at laptop and phone width in zh and en', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: PHONE });
  await openTab(page);
  for (const [name, viewport] of [['phone', PHONE], ['laptop', LAPTOP]]) {
    await page.setViewportSize(viewport);
    for (const lang of ['zh', 'en']) {
      await page.click(`[data-lang="${lang}"]`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang === 'zh' ? 'zh-CN' : 'en');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      // The renew-by date stays in view on the phone (a bar), not on the laptop (the results are beside the inputs).
      assert.equal(await page.locator('.renew-bar').isVisible(), name === 'phone');
      assert.equal(await page.textContent('[data-summary="renew_by"]'), '2026-06-02');
      assert.ok(overflow <= 0, `${name} ${lang}: horizontal scroll of ${overflow}px`);
      // The chart is redrawn in the next frame at the new width.
      await page.waitForFunction((w) => {
        const c = document.querySelector('#balance-chart canvas');
        return c && Math.abs(c.getBoundingClientRect().width - document.getElementById('balance-chart').clientWidth) < 2 && w;
      }, viewport.width);
      await page.screenshot({ path: join(OUT_DIR, `account400-${name}-${lang}.png`), fullPage: true });
    }
  }
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
