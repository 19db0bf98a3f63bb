// Embedding (issue 19): the calculator served from a sub-path (/tools/callsettle/, the module at
// /tools/pkg/) under the server's strict CSP computes the worked example, loading only its own
// files and violating no directive; a portal origin on the deployer's allow-list may frame it,
// another origin may not (frame-ancestors from www/embed-origins.json). The iframe message API
// (www/frame-api.js): the allowed portal is told ready and gets bills, malformed and hostile
// messages get callsettle.error, show puts a scenario on the page, policy sets the page's deal
// policy and answers its check (a malformed policy: callsettle.error, the page keeps its policy),
// another origin gets no answer.
// The portals are real servers on other ports (Chromium's local-network checks refuse a loopback
// frame in a page whose address it does not know).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS, WORKED_EXAMPLE, WORKED_RESULT, newPage, readResults } from './helpers.mjs';

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

// ---------------------------------------------------------------------------------------------
// The iframe message API (www/frame-api.js): a portal posts { type, id, scenario } to the framed
// calculator and reads the answers; the calculator answers only its own and allow-listed origins.

/** Collects, in the portal's own window only, every message it receives (with its origin). */
const listen = (p) => p.addInitScript(() => {
  if (window !== window.top) return;
  window.__got = [];
  addEventListener('message', (e) => window.__got.push({ origin: e.origin, data: e.data }));
});

/**
 * Posts the message that the JS expression `source` makes (evaluated in the portal, so that
 * hostile values need not cross the test's wire) to `target` (the framed calculator, or the
 * window the portal opened) for the calculator's origin; the answer that follows, or null after
 * `wait` ms.
 */
async function ask(page, source, { target = 'frame', wait = 5_000 } = {}) {
  return page.evaluate(async ({ source, target, to, wait }) => {
    const before = window.__got.length;
    const message = new Function(`return (${source});`)();
    const win = target === 'frame' ? document.querySelector('iframe').contentWindow : window.__opened;
    win.postMessage(message, to);
    const until = Date.now() + wait;
    while (Date.now() < until) {
      const reply = window.__got.slice(before).find((m) => /^callsettle\.(result|error)$/.test(m.data?.type));
      if (reply) return reply;
      await new Promise((ok) => setTimeout(ok, 20));
    }
    return null;
  }, { source, target, to: origin, wait });
}

/** The allowed portal with the calculator framed, once the frame said it is ready. */
async function apiPortal() {
  const opened = await newPage(browser, { beforeGoto: listen });
  await opened.page.goto(`${allowedPortal}/`);
  await opened.page.waitForFunction(() => window.__got.some((m) => m.data?.type === 'callsettle.ready'), null, { timeout: 10_000 });
  const frame = opened.page.frames().find((f) => f.url().startsWith(origin));
  return { ...opened, frame };
}

const example = JSON.stringify(WORKED_EXAMPLE);

test('message API: the allowed portal is told ready and gets the worked example’s bill', async () => {
  const { page, context, problems } = await apiPortal();
  const ready = await page.evaluate(() => window.__got.filter((m) => m.data?.type === 'callsettle.ready'));
  assert.deepEqual(ready, [{ origin, data: { type: 'callsettle.ready' } }], 'one ready, from the calculator’s origin');
  const reply = await ask(page, `{ type: 'callsettle.settle', id: 'q1', scenario: ${example} }`);
  assert.equal(reply.origin, origin);
  assert.equal(reply.data.type, 'callsettle.result');
  assert.equal(reply.data.id, 'q1');
  assert.equal(reply.data.result.total, '8084.56');
  assert.equal(reply.data.result.months[0].total, '8084.56');
  // Bad values: the module's problems, each with its path, code and both texts.
  const bad = await ask(page, `{ type: 'callsettle.settle', id: 2, scenario: { terms: { unit_price: 'abc' }, months: [{ month: '2026-13', volume: '1' }] } }`);
  assert.equal(bad.data.type, 'callsettle.error');
  assert.equal(bad.data.id, 2);
  const codes = bad.data.errors.map((e) => `${e.path} ${e.code}`);
  assert.ok(codes.includes('terms.unit_price not_a_number'), codes.join(', '));
  assert.ok(codes.includes('months[0].month invalid_month'), codes.join(', '));
  assert.ok(Array.isArray(bad.data.warnings));
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('message API: messages of the wrong shape get callsettle.error with path and code', async () => {
  const { page, context, frame, problems } = await apiPortal();
  const cases = [
    ["'hello'", null, '', 'wrong_type'],
    ['[1, 2]', null, '', 'wrong_type'],
    ["{ id: 'a' }", 'a', 'type', 'required'],
    ["{ type: 'callsettle.nope', id: 'b' }", 'b', 'type', 'unknown_message_type'],
    ["{ type: 42, id: 'c' }", 'c', 'type', 'unknown_message_type'],
    ["{ type: 'callsettle.settle', id: 'd' }", 'd', 'scenario', 'required'],
    ["{ type: 'callsettle.settle', id: { x: 1 }, scenario: {} }", null, 'id', 'wrong_type'],
    ["{ type: 'callsettle.show', id: 'e', scenario: 'text' }", 'e', 'scenario', 'wrong_type'],
    ["{ type: 'callsettle.show', id: 'f', scenario: { terms: {}, months: [] } }", 'f', 'scenario', 'wrong_type'],
    ["{ type: 'callsettle.policy', id: 'g' }", 'g', 'policy', 'required'],
    ["{ type: 'callsettle.policy', id: 'h', policy: [1, 2] }", 'h', 'policy', 'wrong_type'],
    ["{ type: 'callsettle.policy', id: 'i', policy: '2027 standard pricing' }", 'i', 'policy', 'wrong_type'],
  ];
  for (const [source, id, path, code] of cases) {
    const reply = await ask(page, source);
    assert.ok(reply, `answered: ${source}`);
    assert.equal(reply.data.type, 'callsettle.error', source);
    assert.equal(reply.data.id, id, source);
    assert.deepEqual(reply.data.errors.map((e) => [e.path, e.code]), [[path, code]], source);
    const [e] = reply.data.errors;
    assert.ok(e.message_zh && e.message_en && e.severity === 'error', source);
  }
  // The page was not touched by any of them.
  assert.equal(await frame.evaluate(() => document.body.dataset.ready), 'true');
  assert.equal(await frame.inputValue('[name="months[0].volume"]'), '10000');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('message API: hostile input gives a clear error, changes no prototype, and the page keeps working', async () => {
  const { page, context, frame, problems } = await apiPortal();
  const tenMB = "'9'.repeat(10_000_000)";
  const big = await ask(page, `{ type: 'callsettle.settle', id: 'big', scenario: { terms: { unit_price: ${tenMB} }, months: [] } }`);
  assert.deepEqual(big.data.errors.map((e) => [e.path, e.code]), [['scenario', 'too_large']]);
  const bigId = await ask(page, `{ type: 'callsettle.settle', id: 'x'.repeat(10_000_000), scenario: ${example} }`);
  assert.deepEqual([bigId.data.id, ...bigId.data.errors.map((e) => e.code)], [null, 'wrong_type']);
  const bigType = await ask(page, `{ type: ${tenMB}, id: 't' }`);
  assert.equal(bigType.data.errors[0].code, 'unknown_message_type');
  assert.ok(bigType.data.errors[0].message_en.length < 200, 'the value is not echoed');
  // 10 000-deep nesting cannot be posted (the sender's structured clone throws RangeError, and a
  // little less deep comes out mangled); the deepest value the browser carries faithfully, where
  // the scenario's terms should be, gets a clear error.
  const nested = `(depth) => { let v = {}; for (let i = 0; i < depth; i++) v = { a: v }; return v; }`;
  const refused = await page.evaluate(`(() => { try { structuredClone((${nested})(10000)); return 'cloned'; } catch (e) { return e.name; } })()`);
  assert.equal(refused, 'RangeError');
  const depthOf = `(v) => { let d = 0; for (; v && v.a; v = v.a) d++; return d; }`;
  const deepest = `(() => { const make = ${nested}; for (let d = 10000; ; d = Math.floor(d * 0.9)) { try { if ((${depthOf})(structuredClone(make(d))) === d) return make(d); } catch {} } })()`;
  const depth = await page.evaluate(`(${depthOf})(${deepest})`);
  assert.ok(depth > 1000, `nesting ${depth} deep is carried`);
  const deep = await ask(page, `{ type: 'callsettle.settle', id: 'deep', scenario: { terms: ${deepest}, months: [] } }`);
  assert.equal(deep.data.type, 'callsettle.error');
  assert.ok(deep.data.errors.length > 0 && deep.data.errors.every((e) => e.code && e.message_en), JSON.stringify(deep.data.errors).slice(0, 300));
  const deepShow = await ask(page, `{ type: 'callsettle.show', id: 'deep2', scenario: ${deepest} }`);
  assert.deepEqual(deepShow.data.errors.map((e) => [e.path, e.code]), [['scenario', 'wrong_type']]);
  // __proto__ and constructor keys are data: a bill (the worked example's), no prototype changed.
  const proto = await ask(page, `JSON.parse('{"type":"callsettle.show","id":"p","__proto__":{"polluted":1},"scenario":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"terms":{"unit_price":"2.50","target_rate":"0.35","penalty_per_unit":"1.00","__proto__":{"polluted":1}},"months":[{"month":"2026-01","volume":"10000","success_rate":"0.30","sampled_records":"500","inaccurate_records":"10","telecom_charges":"1234.56","__proto__":{"polluted":1}}]}}')`);
  assert.equal(proto.data.type, 'callsettle.result', JSON.stringify(proto.data.errors ?? ''));
  assert.equal(proto.data.result.total, '8084.56');
  assert.equal(await frame.evaluate(() => [({}).polluted, [].polluted, Object.prototype.polluted].filter((v) => v !== undefined).length), 0);
  // Markup in a string is text: shown in its input, reported as not a number, never an element.
  const markup = await ask(page, `{ type: 'callsettle.show', id: 'm', scenario: { terms: { unit_price: '<img src=x onerror="window.__pwned=1">', target_rate: '0.35', penalty_per_unit: '1.00' }, months: [{ month: '2026-01', volume: '10000', success_rate: '0.30' }] } }`);
  assert.deepEqual(markup.data.errors.map((e) => [e.path, e.code]), [['terms.unit_price', 'not_a_number']]);
  assert.equal(await frame.inputValue('[name="terms.unit_price"]'), '<img src=x onerror="window.__pwned=1">');
  assert.equal(await frame.locator('[data-error-path="terms.unit_price"]').count(), 1, 'the error shows at its field');
  assert.equal(await frame.evaluate(() => [window.__pwned, document.querySelectorAll('img').length]).then(JSON.stringify), '[null,0]');
  // Still working: the example again, answered and shown.
  const again = await ask(page, `{ type: 'callsettle.show', id: 'again', scenario: ${example} }`);
  assert.equal(again.data.result.total, '8084.56');
  assert.equal(await frame.getAttribute('[data-result="total"]', 'data-value'), '8084.56');
  assert.equal(await page.evaluate(() => [({}).polluted, Object.prototype.polluted].filter((v) => v !== undefined).length), 0);
  assert.deepEqual(problems.page, []);
  await context.close();
});

test('message API: show puts the scenario on the page and answers with its bill', async () => {
  const { page, context, frame, problems } = await apiPortal();
  const scenario = { ...WORKED_EXAMPLE, months: [{ ...WORKED_EXAMPLE.months[0], volume: '12000' }, { ...WORKED_EXAMPLE.months[0], month: '2026-02' }] };
  const reply = await ask(page, `{ type: 'callsettle.show', id: 7, scenario: ${JSON.stringify(scenario)} }`);
  assert.equal(reply.data.type, 'callsettle.result');
  assert.equal(reply.data.id, 7);
  assert.equal(await frame.inputValue('[name="months[0].volume"]'), '12000');
  assert.equal(await frame.inputValue('[name="months[1].month"]'), '2026-02');
  assert.equal(await frame.getAttribute('[data-result="total"]', 'data-value'), reply.data.result.months[0].total);
  assert.equal(reply.data.result.months[1].total, '8084.56');
  await frame.waitForFunction((total) => document.querySelector('[data-result="year_total"]')?.dataset.value === total, reply.data.result.total);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

const POLICY = readFileSync(new URL('../../www/policy-example.json', import.meta.url), 'utf8');

/** The calculator's policy card in the frame: status, its text and the policy's name. */
const policyShown = (frame) => frame.evaluate(() => {
  const status = document.querySelector('[data-policy-status]');
  return { state: status.dataset.policyStatus, text: status.textContent.trim(), name: document.querySelector('[data-policy-name]').textContent.trim() };
});

test('message API: policy sets the page’s deal policy and answers its check; a malformed policy is an error and not taken', async () => {
  const { page, context, frame, problems } = await apiPortal();
  assert.equal((await policyShown(frame)).state, 'none');
  // The example policy: the worked example is within it (price 2.50 ≥ normal 2.40, …).
  const set = await ask(page, `{ type: 'callsettle.policy', id: 'p1', policy: ${POLICY} }`);
  assert.equal(set.origin, origin);
  assert.equal(set.data.type, 'callsettle.result', JSON.stringify(set.data.errors ?? ''));
  assert.equal(set.data.id, 'p1');
  assert.equal(set.data.result.status, 'within');
  assert.deepEqual(set.data.result.policy, { name: '2027 standard pricing (example)', version: 1 });
  assert.deepEqual(set.data.result.findings, []);
  assert.equal(set.data.result.range.total, '8084.56');
  await frame.waitForFunction(() => document.querySelector('[data-policy-status]').dataset.policyStatus === 'within');
  assert.match((await policyShown(frame)).name, /^2027 standard pricing \(example\)（版本 1） · 门户提供的政策$/);
  // The user lowers the price to 2.20 (below normal 2.40, above the floor 2.00): the page needs
  // the manager, and the portal's next answer for the page's scenario says so too.
  await frame.fill('[name="terms.unit_price"]', '2.20');
  await frame.waitForFunction(() => document.querySelector('[data-policy-status]').dataset.policyStatus === 'approval');
  assert.equal((await policyShown(frame)).text, '需审批：manager');
  const again = await ask(page, `{ type: 'callsettle.policy', id: 'p2', policy: ${POLICY} }`);
  assert.equal(again.data.result.status, 'approval');
  assert.equal(again.data.result.approver, 'manager');
  assert.deepEqual(again.data.result.findings.map((f) => [f.path, f.code, f.limit, f.value, f.approver]), [['terms.unit_price', 'policy_approval', '2.40', '2.20', 'manager']]);
  // A malformed policy: the module's errors with their paths; the page keeps the example policy.
  const bad = await ask(page, `{ type: 'callsettle.policy', id: 'p3', policy: { name: 'new', version: 2, terms: { unit_price: { target: '2.00', normal: '2.80', floor: '2.40', approver: 'manager' } } } }`);
  assert.equal(bad.data.type, 'callsettle.error');
  assert.equal(bad.data.id, 'p3');
  assert.deepEqual(bad.data.errors.map((e) => [e.path, e.code]).sort(), [['policy.terms.unit_price.normal', 'policy_order'], ['policy.version', 'policy_version']]);
  assert.ok(bad.data.errors.every((e) => e.message_zh && e.message_en && e.severity === 'error'));
  const kept = await policyShown(frame);
  assert.equal(kept.state, 'approval');
  assert.match(kept.name, /^2027 standard pricing \(example\)/);
  // While the page's own scenario has an error, a good policy is taken and the answer is the
  // scenario's error (the portal sees why there is no check).
  await frame.fill('[name="terms.unit_price"]', 'abc');
  const tight = JSON.stringify({ name: 'tight', version: 1, terms: { unit_price: { target: '3.00', normal: '2.60', floor: '2.40', approver: 'director' } } });
  const stale = await ask(page, `{ type: 'callsettle.policy', id: 'p4', policy: ${tight} }`);
  assert.equal(stale.data.type, 'callsettle.error');
  assert.deepEqual(stale.data.errors.map((e) => [e.path, e.code]), [['terms.unit_price', 'not_a_number']]);
  await frame.fill('[name="terms.unit_price"]', '2.50');
  await frame.waitForFunction(() => document.querySelector('[data-policy-status]').dataset.policyStatus === 'approval');
  const tightShown = await policyShown(frame);
  assert.equal(tightShown.text, '需审批：director'); // 2.50: below the tight normal 2.60
  assert.match(tightShown.name, /^tight（版本 1）/);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

/** A portal page that opened the calculator in a window of its own (frame-ancestors does not apply). */
async function openedFrom(portal) {
  const { page, context } = await newPage(browser, { beforeGoto: listen });
  await page.goto(`${portal}/`);
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate((url) => { window.__opened = window.open(url); }, `${origin}/tools/callsettle/`),
  ]);
  await popup.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 10_000 });
  return { page, context };
}

test('message API: another origin gets no answer (the allowed one, the same way, does)', async () => {
  const other = await openedFrom(otherPortal);
  const unanswered = await ask(other.page, `{ type: 'callsettle.settle', id: 1, scenario: ${example} }`, { target: 'opened', wait: 2_000 });
  const malformed = await ask(other.page, "'hello'", { target: 'opened', wait: 500 });
  assert.equal(unanswered, null);
  assert.equal(malformed, null);
  assert.deepEqual(await other.page.evaluate(() => window.__got), [], 'nothing at all came back');
  await other.context.close();
  const allowed = await openedFrom(allowedPortal);
  const answered = await ask(allowed.page, `{ type: 'callsettle.settle', id: 1, scenario: ${example} }`, { target: 'opened' });
  assert.equal(answered?.data.result.total, '8084.56');
  await allowed.context.close();
});
