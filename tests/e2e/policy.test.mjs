// Deal policy on the pages (docs/rules.md "Deal policy"), as a salesperson uses it: pick the
// company's policy file, lower the price below the normal limit → "needs approval" with the tier
// at the price field; below the floor → "out of bounds"; in English too. The deployer's
// www/policy.json (served here by routing) is used when no file was picked; the what-if page
// shares the picked policy, checks a solve answer and shows each compared scenario's status.
// Every bill shows its range. Hand-worked (the worked example, example policy of www/):
// - at 0 % success: −1.00 × 3500 + 1234.56 = −2265.44; at 100 %: 2.50 × 10000 × (1 − 10/500)
//   + 1234.56 = 24500.00 + 1234.56 = 25734.56; break-even where 2.50 × 0.98 × 10000 s =
//   1.00 × (3500 − 10000 s): s = 3500 ÷ 34500 = 0.1014492…; at 0.101449 the rounded lines
//   2536.23 − 50.72 − 2485.51 give a net fee of 0.00 (at 0.101448: −0.04): 10.1449 %;
// - price rule 2.80 / 2.40 / 2.00 (manager): 2.39 needs the manager, 1.99 is out of bounds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { OUT_DIR, byName, newPage, readResults, ready, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const EXAMPLE = readFileSync(new URL('../../www/policy-example.json', import.meta.url));
const status = (page) => page.$eval('[data-policy-status]', (n) => ({ state: n.dataset.policyStatus, text: n.textContent.trim() }));
/** The notes right after an input, in order: [{ tier, limit, value, approver, text }]. */
const notesAfter = (page, path) => page.$eval(byName(path), (input) => {
  const out = [];
  for (let n = input.nextElementSibling; n?.classList.contains('policy-note'); n = n.nextElementSibling) {
    out.push({ tier: n.dataset.policyTier, limit: n.dataset.limit, value: n.dataset.value, approver: n.dataset.approver ?? null, text: n.textContent.trim() });
  }
  return out;
});

test('calculator: a picked policy file; below normal needs the manager at the price field, below the floor is out of bounds', async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(`${env.base}/`);
  await ready(page);
  // No policy yet (none deployed): the status is hidden, the range shows.
  assert.equal((await status(page)).state, 'none');
  const r = await readResults(page);
  assert.deepEqual([r['range.at_zero'], r['range.at_full'], r['range.break_even_rate']], ['-2265.44', '25734.56', '10.1449 %']);
  assert.equal(await page.getAttribute('[data-result="range.break_even_rate"]', 'data-rate'), '0.101449');

  await page.setInputFiles('[data-policy-file]', { name: 'policy-example.json', mimeType: 'application/json', buffer: EXAMPLE });
  await page.waitForFunction(() => document.querySelector('[data-policy-status]').dataset.policyStatus === 'within');
  assert.deepEqual(await status(page), { state: 'within', text: '符合政策' });
  assert.match(await page.textContent('[data-policy-name]'), /2027 standard pricing \(example\)（版本 1）.*policy-example\.json/);

  await page.fill(byName('terms.unit_price'), '2.39');
  assert.deepEqual(await status(page), { state: 'approval', text: '需审批：manager' });
  assert.deepEqual(await notesAfter(page, 'terms.unit_price'), [
    { tier: 'approval', limit: '2.40', value: '2.39', approver: 'manager', text: '2.39 低于常规限额 2.40：需 manager 审批' },
  ]);
  assert.equal(await page.getAttribute('[data-finding-path="terms.unit_price"]', 'data-finding-code'), 'policy_approval');

  await page.fill(byName('terms.unit_price'), '1.99');
  assert.deepEqual(await status(page), { state: 'blocked', text: '超出政策范围' });
  assert.deepEqual(await notesAfter(page, 'terms.unit_price'), [
    { tier: 'blocked', limit: '2.00', value: '1.99', approver: null, text: '1.99 低于底线 2.00：超出政策范围' },
  ]);
  await page.click('[data-lang="en"]');
  assert.deepEqual(await status(page), { state: 'blocked', text: 'Out of bounds' });
  assert.equal((await notesAfter(page, 'terms.unit_price'))[0].text, '1.99 is below the floor 2.00: out of bounds');

  // Back within: no note left at the field.
  await page.fill(byName('terms.unit_price'), '2.50');
  assert.deepEqual(await status(page), { state: 'within', text: 'Within policy' });
  assert.deepEqual(await notesAfter(page, 'terms.unit_price'), []);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
});

test('calculator: the printed statement names the policy it was checked against (name, version, status), zh and en', async () => {
  const { page, problems } = await newPage(env.browser);
  // window.print only counts (the dialog is the browser's; page.pdf() is the print).
  await page.addInitScript(() => {
    window.printed = 0;
    window.print = () => { window.printed += 1; };
  });
  await page.goto(`${env.base}/`);
  await ready(page);
  // The statement button, then what the browser's print does first (beforeprint fills the sheet).
  const printStatement = async () => {
    await page.click('[data-tool="print-statement"]');
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  };
  // Without a policy the statement has no policy line.
  await printStatement();
  assert.equal(await page.evaluate(() => window.printed), 1);
  assert.equal(await page.textContent('.sheet-statement [data-print="total"]'), '8,084.56 元');
  assert.equal(await page.locator('.sheet-statement [data-print="policy"]').count(), 0);
  await page.setInputFiles('[data-policy-file]', { name: 'policy-example.json', mimeType: 'application/json', buffer: EXAMPLE });
  await page.fill(byName('terms.unit_price'), '2.39');
  await page.waitForFunction(() => document.querySelector('[data-policy-status]').dataset.policyStatus === 'approval');
  await printStatement();
  assert.equal(await page.textContent('.sheet-statement [data-print="policy"]'), '已按报价政策“2027 standard pricing (example)”（版本 1）核对：需审批：manager');
  // Ctrl+P (beforeprint) fills it afresh: below the floor, in English.
  await page.fill(byName('terms.unit_price'), '1.99');
  await page.click('[data-lang="en"]');
  await page.waitForFunction(() => document.querySelector('[data-policy-status]').dataset.policyStatus === 'blocked');
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.textContent('.sheet-statement [data-print="policy"]'), 'Checked against the deal policy “2027 standard pricing (example)” (version 1): Out of bounds');
  // Still one A4 portrait page with the line.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.sheet-statement [data-print="policy"]').isVisible());
  assert.equal((await page.pdf({ preferCSSPageSize: true })).toString('latin1').match(/\/Type\s*\/Page[^s]/g).length, 1, 'one page');
  await page.setViewportSize({ width: 688, height: 1000 }); // A4 portrait less its margins
  await page.screenshot({ path: join(OUT_DIR, 'print-statement-policy-en.png'), fullPage: true });
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
});

test('the deployer’s policy.json is used when no file was picked; a malformed one is reported, the bill stays', async () => {
  const { page, problems } = await newPage(env.browser, {
    beforeGoto: (p) => p.route('**/policy.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: EXAMPLE })),
  });
  await page.goto(`${env.base}/`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('[data-policy-status]').dataset.policyStatus === 'within');
  assert.match(await page.textContent('[data-policy-name]'), /本站部署的政策/);
  await page.fill(byName('terms.penalty_per_unit'), '1.20');
  assert.deepEqual(await status(page), { state: 'approval', text: '需审批：director' });
  assert.deepEqual((await notesAfter(page, 'terms.penalty_per_unit')).map((n) => [n.tier, n.limit, n.value]), [['approval', '1.00', '1.20']]);

  // A picked file with problems: listed in the policy card with their paths; the bill is there.
  const bad = JSON.stringify({ name: 'bad', version: 2, terms: { unit_price: { target: '2', normal: '3', floor: '1', approver: 'm' } } });
  await page.setInputFiles('[data-policy-file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await page.waitForSelector('[data-policy-error-path="policy.version"]');
  assert.equal(await page.getAttribute('[data-policy-error-path="policy.terms.unit_price.normal"]', 'data-error-code'), 'policy_order');
  assert.equal((await status(page)).state, 'invalid');
  // F 1.20: 7500.00 − 1.20 × 500 − 150.00 + 1234.56.
  assert.equal((await readResults(page)).total, '7984.56');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
});

test('what-if: the picked policy is shared; the solve answer and each compared scenario get a status', async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(`${env.base}/`);
  await ready(page);
  await page.setInputFiles('[data-policy-file]', { name: 'policy-example.json', mimeType: 'application/json', buffer: EXAMPLE });
  await page.waitForFunction(() => document.querySelector('[data-policy-status]').dataset.policyStatus === 'within');
  await page.goto(`${env.base}/whatif.html`);
  await ready(page);
  assert.equal((await status(page)).state, 'within');
  await page.fill(byName('terms.unit_price'), '2.30');
  assert.deepEqual(await status(page), { state: 'approval', text: '需审批：manager' });
  assert.equal((await notesAfter(page, 'terms.unit_price'))[0].tier, 'approval');
  // Solve the price for the worked total 8084.56 (the default target): 2.50, within.
  await page.selectOption('#solve-field', 'unit_price');
  const solved = await page.$eval('[data-result="solve.policy"]', (n) => ({ state: n.dataset.policyStatus, hidden: n.hidden }));
  assert.deepEqual(solved, { state: 'within', hidden: false });
  assert.equal((await readResults(page))['solve.low'], '2.50');
  // The printed statement (made before printing) says which policy the terms were checked against.
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.textContent('[data-print="policy"]'), '已按报价政策“2027 standard pricing (example)”（版本 1）核对：需审批：manager');
  // A second scenario (a copy of the shown one): the compare table has a status per scenario.
  await page.click('[data-action="duplicate"]');
  await page.waitForSelector('[data-result="compare.policy.1"]');
  const statuses = await page.$$eval('[data-result^="compare.policy."]', (nodes) => nodes.map((n) => n.dataset.policyStatus));
  assert.deepEqual(statuses, ['approval', 'approval']);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
});

test('what-if solve: the lowest unit price within policy that still reaches the total, as an answer', async () => {
  // Worked example, total(p) = p × 0.3 × 10000 − 1.00 × (3500 − 3000) − p × 3000 × 10 ÷ 500
  // + 1234.56 = 2940 p + 734.56 (every line exact to the fen at a price in fen). Price rule
  // 2.80 / 2.40 / 2.00 (manager): the lowest price within policy is 2.40, total 7056.00 + 734.56
  // = 7790.56.
  const { page, problems } = await newPage(env.browser);
  await page.goto(`${env.base}/whatif.html`);
  await ready(page);
  await page.selectOption('#solve-field', 'unit_price');
  await page.fill('#solve-target', '8084.56');
  const answer = () => page.$eval('[data-result="solve.policy_price"]', (n) => ({
    hidden: n.hidden, state: n.dataset.policyStatus, price: n.dataset.price, total: n.dataset.total, text: n.textContent,
  }));
  // No policy: nothing said.
  assert.equal((await answer()).hidden, true);
  await page.setInputFiles('[data-policy-file]', { name: 'policy-example.json', mimeType: 'application/json', buffer: EXAMPLE });
  await page.waitForFunction(() => document.querySelector('[data-policy-status]').dataset.policyStatus === 'within');
  // 8084.56 needs 2.50: within policy, so it is the answer itself.
  await page.fill('#solve-target', '8084.56');
  assert.deepEqual(await answer(), { hidden: false, state: 'within', price: '2.50', total: '', text: '单价 2.50 元在报价政策之内，就是政策内仍能达到合计 8,084.56 元的最低单价。' });
  // 7202.56 needs 2.20 (2940 × 2.20 = 6468.00): below normal, the manager's; the answer is 2.40.
  await page.fill('#solve-target', '7202.56');
  assert.equal((await readResults(page))['solve.low'], '2.20');
  assert.deepEqual(await answer(), {
    hidden: false, state: 'approval', price: '2.40', total: '7790.56',
    text: '政策内仍能达到合计 7,202.56 元的最低单价是 2.40 元（合计 7,790.56 元）；所求单价 2.20 低于常规限额 2.40：需 manager 审批。',
  });
  // 6320.56 needs 1.90 (2940 × 1.90 = 5586.00): below the floor; still 2.40 within policy.
  await page.fill('#solve-target', '6320.56');
  assert.equal((await readResults(page))['solve.low'], '1.90');
  assert.deepEqual(await answer(), {
    hidden: false, state: 'blocked', price: '2.40', total: '7790.56',
    text: '政策内仍能达到合计 6,320.56 元的最低单价是 2.40 元（合计 7,790.56 元）；所求单价 1.90 低于底线 2.00：超出政策范围。',
  });
  // 7500 is reached by no price in fen exactly: from 2.31 on (7525.96), which needs approval.
  await page.click('[data-lang="en"]');
  await page.fill('#solve-target', '7500');
  assert.deepEqual(await answer(), {
    hidden: false, state: 'approval', price: '2.40', total: '7790.56',
    text: 'The lowest unit price within policy that still reaches 7,500.00 CNY is 2.40 CNY (total 7,790.56 CNY); the solved price 2.31 is below the normal limit 2.40: needs approval by manager.',
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('#solve').screenshot({ path: join(OUT_DIR, 'whatif-solve-policy-price-en.png') });
  // Another field solved, or the break-even: not the price rule's question.
  await page.selectOption('#solve-field', 'volume');
  assert.equal((await answer()).hidden, true);
  await page.selectOption('#solve-field', 'unit_price');
  await page.selectOption('#solve-mode', 'break_even');
  assert.equal((await answer()).hidden, true);
  await page.selectOption('#solve-mode', 'total');
  // A rule where a lower price is better (2.00 / 2.20 / 2.40): 2.50 is out of bounds and no price
  // within policy (at most 2.20: 2940 × 2.20 + 734.56 = 7202.56) reaches 8084.56.
  const lower = JSON.stringify({ name: 'lower', version: 1, terms: { unit_price: { target: '2.00', normal: '2.20', floor: '2.40', approver: 'director' } } });
  await page.setInputFiles('[data-policy-file]', { name: 'lower.json', mimeType: 'application/json', buffer: Buffer.from(lower) });
  await page.fill('#solve-target', '8084.56');
  await page.waitForFunction(() => document.querySelector('[data-result="solve.policy_price"]').dataset.policyStatus === 'blocked');
  assert.deepEqual(await answer(), {
    hidden: false, state: 'blocked', price: '', total: '7202.56',
    text: 'No unit price within policy reaches 8,084.56 CNY: the nearest, 2.20 CNY, gives 7,202.56 CNY; the solved price 2.50 is above the floor 2.40: out of bounds.',
  });
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
});

test('<call-settle>: the policy property shows the status and the findings under the bill', async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(`${env.base}/embed-example.html`);
  await page.waitForFunction(() => document.querySelector('call-settle').result?.total);
  const shown = () => page.evaluate(() => {
    const el = document.querySelector('call-settle');
    const list = el.shadowRoot.querySelector('ul.policy');
    return { status: el.policyCheck?.status ?? null, shown: list?.dataset.policyStatus ?? null, items: [...(list?.children ?? [])].map((li) => li.textContent) };
  });
  assert.deepEqual(await shown(), { status: null, shown: null, items: [] });
  await page.evaluate((doc) => {
    const el = document.querySelector('call-settle');
    el.policy = doc;
    el.scenario = { ...el.scenario, terms: { ...el.scenario.terms, unit_price: '2.39' } };
  }, JSON.parse(EXAMPLE));
  await page.waitForFunction(() => document.querySelector('call-settle').policyCheck?.status === 'approval');
  assert.deepEqual(await shown(), {
    status: 'approval', shown: 'approval',
    items: ['需审批：manager', 'terms.unit_price: 2.39 低于常规限额 2.40：需 manager 审批'],
  });
  await page.evaluate(() => { document.querySelector('call-settle').policy = null; });
  await page.waitForFunction(() => document.querySelector('call-settle').policyCheck === null);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
});
