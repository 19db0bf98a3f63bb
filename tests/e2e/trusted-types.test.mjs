// Trusted Types (issue 19): served with `require-trusted-types-for 'script'; trusted-types
// callsettle` (a deployer's strict CSP, the pages' own policy allowed), every page loads and
// draws its chart (the calculator's uPlot is a script it adds: its URL goes through the policy,
// www/trusted.js), the results import starts its worker, the service worker is installed, no
// directive is violated and every request goes to the own origin. With Trusted Types that allow
// no policy at all the calculator still computes, but its chart says it could not be drawn and the
// page reports "error", not ready; so does a chart library that loads but fails to draw.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS, ROOT_DIR, newPage, readResults } from './helpers.mjs';

let browser;
const servers = [];
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  for (const s of servers) await new Promise((ok) => s.close(ok));
});

/** A server whose CSP requires Trusted Types with `policies` allowed; its origin. */
async function serverWith(policies) {
  const server = await serve(0, '127.0.0.1', { origins: [], trustedTypes: policies });
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

/** A page recording requests (the context's, service worker included) and CSP violations. */
async function watched() {
  const requests = [];
  const opened = await newPage(browser, {
    beforeGoto: async (p) => {
      p.context().on('request', (req) => requests.push(req.url()));
      await p.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
      });
    },
  });
  return { ...opened, requests };
}

const readyState = (page) => page.waitForFunction(() => document.body?.dataset.ready, null, { timeout: 15_000 }).then((h) => h.jsonValue());

test('under Trusted Types every page draws its chart, imports and goes offline-capable', async () => {
  const origin = await serverWith('callsettle');
  const { page, context, problems, requests } = await watched();
  const response = await page.goto(`${origin}/`);
  assert.match(response.headers()['content-security-policy'], /require-trusted-types-for 'script'; trusted-types callsettle$/);
  assert.equal(await readyState(page), 'true');
  assert.equal((await readResults(page)).total, '8084.56');
  await page.waitForFunction(() => document.querySelector('#cashflow-chart canvas')?.width > 0);
  assert.equal(await page.locator('[data-chart-error]').count(), 0);
  // The import's worker (a script URL too).
  await page.setInputFiles('input[name="results_file"]', join(ROOT_DIR, 'tests', 'data', 'import', 'results.csv'));
  await page.waitForFunction(() => document.getElementById('import').dataset.state === 'done', null, { timeout: 30_000 });
  // The service worker (registered through the policy; its own importScripts through its own).
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
  for (const [path, chart] of [['whatif.html', '#sweep-chart'], ['account400.html', '#balance-chart']]) {
    await page.goto(`${origin}/${path}`);
    assert.equal(await readyState(page), 'true', path);
    await page.waitForFunction((sel) => document.querySelector(`${sel} canvas`)?.width > 0, chart);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], path);
  }
  for (const url of requests) assert.equal(new URL(url).origin, origin, `a request elsewhere: ${url}`);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('Trusted Types that allow no policy: the bill is computed, the chart failure is reported', async () => {
  const origin = await serverWith("'none'");
  const { page, context, problems } = await watched();
  await page.goto(`${origin}/`);
  assert.equal(await readyState(page), 'error', 'a page without its chart does not say ready');
  assert.equal((await readResults(page)).total, '8084.56', 'the bill is there');
  assert.equal(await page.getAttribute('#cashflow-chart', 'data-chart'), 'error');
  await page.waitForSelector('[data-chart-error]');
  assert.match(await page.textContent('[data-chart-error]'), /现金流图无法绘制/);
  await page.click('[data-lang="en"]');
  assert.match(await page.textContent('[data-chart-error]'), /could not be drawn/);
  assert.ok(await page.locator('#cashflow-rows tr').count() > 0, 'the payments table is complete');
  assert.ok(problems.console.some((m) => /cash-flow chart could not be drawn/.test(m)), problems.console.join('\n'));
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('a chart library that loads but fails to draw: reported the same way', async () => {
  const origin = await serverWith(null);
  const { page, context, problems } = await watched();
  // uPlot as loaded, but its constructor throws (as a browser refusing its canvas would make it).
  await page.addInitScript(() => {
    let real;
    Object.defineProperty(window, 'uPlot', {
      configurable: true,
      get: () => real,
      set(lib) {
        real = Object.assign(function broken() { throw new Error('no canvas'); }, { paths: lib.paths });
      },
    });
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('[data-chart-error]');
  // The page says so once the rest of it has loaded too (the chart's error can come first).
  assert.equal(await readyState(page), 'error');
  assert.equal((await readResults(page)).total, '8084.56');
  assert.ok(problems.console.some((m) => /cash-flow chart could not be drawn/.test(m)));
  assert.deepEqual(problems.page, []);
  await context.close();
});
