// 4. Privacy and CSP: the page loads only its own files from its own origin, makes no request at
// all once the first bill is shown (editing, errors, language), and violates no CSP directive.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT_DIR, byName, newPage, openReady, readErrors, readResults, start, ownFile } from './helpers.mjs';

const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

// The page's own files: / is www/, /pkg/ is pkg/ (wasm-bindgen may add snippets under pkg/).
let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test('only the page’s own files, no request after load, no CSP violation', async () => {
  const requests = [];
  const { page, context, problems } = await newPage(env.browser, {
    beforeGoto: async (p) => {
      p.on('request', (req) => requests.push({ url: req.url(), phase: p.__phase ?? 'load' }));
      // Injected by the driver, not by the page, so the page's CSP does not apply to it.
      await p.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
        });
      });
    },
  });
  const cspConsole = [];
  page.on('console', (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) cspConsole.push(msg.text());
  });

  await openReady(page, env.base);
  const loaded = requests.length;
  page.__phase = 'after-ready';

  // Edits, errors, the other basis, the language toggle: all local.
  await page.fill(byName('months[0].volume'), '12000');
  await page.fill(byName('terms.unit_price'), 'x');
  await page.fill(byName('terms.unit_price'), '2.50');
  await page.check('input[name="s_basis"][value="successes"]');
  await page.fill(byName('months[0].successes'), '3600');
  await page.selectOption(byName('terms.penalty_mode'), 'linear');
  await page.selectOption(byName('terms.settlement.day_count'), 'working');
  assert.equal((await readResults(page)).payment_due, '2026-04-02', 'working days move the payment date');
  assert.match(await page.textContent('[data-result="holiday_coverage"]'), /2006-12-30.*2026-12-31/, 'the page says which dates the holiday data covers');
  await page.selectOption(byName('terms.settlement.day_count'), 'calendar');
  await page.click('[data-lang="en"]');
  await page.click('[data-lang="zh"]');
  await page.press(byName('months[0].volume'), 'Enter'); // no form submission (form-action 'none')
  await page.locator('details.legend summary').click();
  assert.equal((await readResults(page)).service_fee, '9000.00');
  // The month grid: a pasted column (tab/newline text), the fill tools, picking a month, the
  // chart redrawn in both languages.
  await page.evaluate(() => {
    const input = document.querySelector('[name="months[0].telecom_charges"]');
    const data = new DataTransfer();
    data.setData('text/plain', '100.00\n200.00\n300.00\n');
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  assert.equal(await page.locator('#plan-rows tr').count(), 3);
  // The fill tools overwrite months with figures: each shows what it will change, then confirmed.
  await page.click('[data-action="grow"]');
  await page.click('#plan-confirm [data-action="confirm"]');
  await page.click('[data-action="add"]');
  await page.check('input[name="detail_month"][value="2"]');
  await page.click('[data-action="copy"]');
  await page.click('#plan-confirm [data-action="confirm"]');
  await page.click('[data-action="remove"]');
  await page.fill(byName('months[4].volume'), 'x');
  await page.fill(byName('months[4].volume'), '9000');
  await page.click('[data-lang="en"]');
  await page.waitForFunction(() => document.querySelector('#cashflow-chart canvas')?.width > 0);
  await page.click('[data-lang="zh"]');
  assert.ok(Number((await readResults(page)).year_total) > 0);

  // Every request: same origin, one of the page's own files; none after the first bill.
  const origin = new URL(env.base).origin;
  assert.ok(loaded >= 5, `the page's files were requested (${loaded})`);
  for (const { url } of requests) {
    const u = new URL(url);
    assert.equal(u.origin, origin, `request to another origin: ${url}`);
    assert.ok(ownFile(u.pathname), `not one of the page's own files: ${url}`);
  }
  // The tab's icon (icon.svg) is the browser's own: Chromium asks for it again whenever the
  // address changes (the page keeps its state in the URL's #s=); the page itself asks for nothing.
  const pageRequests = requests.filter((r) => r.phase !== 'load' && new URL(r.url).pathname !== '/icon.svg');
  assert.deepEqual(pageRequests.map((r) => r.url), [], 'no request after ready');
  const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  for (const name of resources) assert.equal(new URL(name).origin, origin, `resource from elsewhere: ${name}`);

  // CSP: the page's meta policy is the strict one, nothing was blocked, no inline code or styles.
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.equal(meta, PAGE_CSP);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no securitypolicyviolation events');
  assert.deepEqual(cspConsole, [], 'no CSP console messages');
  // uPlot sizes its canvas through the CSSOM (element.style.width = …), which CSP allows and
  // which shows as style attributes inside the chart only; the page's own markup has none.
  assert.equal(await page.locator('[style]:not(#cashflow-chart, #cashflow-chart *)').count(), 0, 'no style attributes');
  assert.ok((await page.locator('#cashflow-chart canvas').count()) > 0, 'the chart was drawn');
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
  assert.equal(await page.locator('style').count(), 0, 'no inline style elements');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('the page source has no external reference and imports the module relatively', async () => {
  const files = ['index.html', 'app.js', 'i18n.js', 'i18n-common.js', 'ui.js', 'style.css', 'cashflow.js'];
  for (const f of files) {
    const text = await readFile(join(ROOT_DIR, 'www', f), 'utf8');
    assert.doesNotMatch(text, /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i, `${f}: no external URL`);
    assert.doesNotMatch(text, /@import|@font-face|url\(\s*['"]?https?:/i, `${f}: no remote CSS`);
    assert.doesNotMatch(text, /\b(?:fetch|XMLHttpRequest|sendBeacon|WebSocket|EventSource)\s*\(/, `${f}: no network API`);
  }
  const app = await readFile(join(ROOT_DIR, 'www', 'app.js'), 'utf8');
  assert.match(app, /from '\.\.\/pkg\/callsettle\.js'/);
  assert.doesNotMatch(app, /\b(?:parseFloat|Number)\(\s*(?:el|input|node)\.value/, 'never parse typed values in JS');
});
