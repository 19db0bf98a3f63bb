// Embedding (issue 19): the calculator served from a sub-path (/tools/callsettle/, the module at
// /tools/pkg/) under the server's strict CSP computes the worked example, loading only its own
// files and violating no directive; a portal origin on the deployer's allow-list may frame it,
// another origin may not (frame-ancestors from www/embed-origins.json). The portals are real
// servers on other ports (Chromium's local-network checks refuse a loopback frame in a page whose
// address it does not know).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS, WORKED_RESULT, newPage, readResults } from './helpers.mjs';

let server;
let browser;
let origin;
const portals = [];

/** A portal: a page on its own port framing the calculator at `origin`; its origin. */
async function portal() {
  const host = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>portal</title><iframe src="${origin}/tools/callsettle/" width="1200" height="800"></iframe>`);
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  portals.push(host);
  return `http://127.0.0.1:${host.address().port}`;
}

let allowedPortal;
let otherPortal;
before(async () => {
  allowedPortal = await portal();
  otherPortal = await portal();
  server = await serve(0, '127.0.0.1', { base: '/tools/callsettle/', origins: [allowedPortal] });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  for (const s of [server, ...portals]) await new Promise((ok) => (s ? s.close(ok) : ok()));
});

const watchCsp = async (page) => page.addInitScript(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
});

test('from /tools/callsettle/ under the strict CSP: the worked example, own files only, no violation', async () => {
  const requests = [];
  const { page, context, problems } = await newPage(browser, {
    beforeGoto: async (p) => {
      p.on('request', (req) => requests.push(req.url()));
      await watchCsp(p);
    },
  });
  const response = await page.goto(`${origin}/tools/callsettle/`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval';.*frame-ancestors 'self' http:\/\/127\.0\.0\.1:\d+$/);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
  const results = await readResults(page);
  assert.equal(results.total, '8084.56');
  for (const [key, want] of Object.entries(WORKED_RESULT)) assert.equal(results[key], want, key);
  assert.ok(requests.some((u) => u === `${origin}/tools/pkg/callsettle_bg.wasm`), 'the module from /tools/pkg/');
  assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/tools/`)), [], 'only own files under /tools/');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

/** A portal page at `portal` framing the calculator; the frame's state once it settled. */
async function framedFrom(portal) {
  const { page, context } = await newPage(browser);
  const blocked = [];
  page.on('console', (msg) => { if (/frame-ancestors/.test(msg.text())) blocked.push(msg.text()); });
  await page.goto(`${portal}/`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  // Shown (the first bill is ready) or refused (Chromium's error page replaces the frame).
  let total = null;
  const until = Date.now() + 8_000;
  while (Date.now() < until && !frame.url().startsWith('chrome-error:')) {
    if (await frame.evaluate(() => document.body?.dataset.ready === 'true').catch(() => false)) {
      total = await frame.evaluate(() => {
        const node = document.querySelector('[data-result="total"]');
        return node.dataset.value ?? node.textContent.trim();
      });
      break;
    }
    await page.waitForTimeout(50);
  }
  const refused = frame.url().startsWith('chrome-error:');
  await context.close();
  return { total, blocked, refused };
}

test('framing: the allow-listed portal gets the calculator, another origin is refused', async () => {
  const allowed = await framedFrom(allowedPortal);
  assert.equal(allowed.total, '8084.56');
  assert.deepEqual(allowed.blocked, []);
  const other = await framedFrom(otherPortal);
  assert.equal(other.total, null, 'not shown in a frame of another origin');
  assert.equal(other.refused, true);
  assert.equal(allowed.refused, false);
  assert.ok(other.blocked.length > 0, 'Chromium reports the frame-ancestors refusal');
});
