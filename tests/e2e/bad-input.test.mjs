// 3. Bad input typed on the page: each error shows at its field, every other field keeps working,
// nothing breaks (no console error, no page error), and fixing the field brings the bill back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  WORKED_RESULT, byName, newPage, openReady, readErrors, readResults, resultsState, start,
} from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

// [field, bad text, expected code, fix (a different valid value), what the fixed bill shows]
const BAD = [
  ['terms.unit_price', '', 'required', '3.00', { service_fee: '9000.00', inaccuracy_deduction: '-180.00', total: '9554.56' }],
  ['terms.unit_price', 'abc', 'not_a_number', '2.6', { service_fee: '7800.00', total: '8378.56' }],
  ['terms.penalty_per_unit', '1,00', 'not_a_number', '2', { shortfall_penalty: '-1000.00', total: '7584.56' }],
  ['terms.unit_price', '-5', 'negative', '3.00', { total: '9554.56' }],
  ['terms.target_rate', '1.5', 'rate_out_of_range', '40%', { shortfall_penalty: '-1000.00', total: '7584.56' }],
  ['months[0].success_rate', '150%', 'rate_out_of_range', '31%', { service_fee: '7750.00', shortfall_penalty: '-400.00', total: '8429.56' }],
  ['months[0].telecom_charges', '1.234', 'too_many_decimals', '1.23', { telecom_charges: '1.23', total: '6851.23' }],
  ['months[0].volume', '1234567890123456789012345678901234567890', 'too_large', '20000', { service_fee: '15000.00', total: '14934.56' }],
  // 2026-12: report 2027-02-05 is 除夕 (春节 02-05..08 off) → Tue 02-09; +5 = Sun 02-14 → Mon
  // 02-15; +15 = Tue 03-02 (民法典 第二百零三条).
  ['months[0].month', '2026-13', 'invalid_month', '2026-12', { month: '2026-12', report_due: '2027-02-09', payment_due: '2027-03-02' }],
];

// A second, unrelated bad value typed while the first error stands.
const SECOND = { path: 'terms.settlement.confirm_days', bad: '3.5', code: 'not_an_integer' };

test('bad input shows at its field and the page keeps working', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  const original = await page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('#scenario [name], #plan [name]')) if (el.type !== 'radio') out[el.name] = el.value;
    return out;
  });

  for (const [path, bad, code, fix, fixed] of BAD) {
    const what = `${path} = ${JSON.stringify(bad)}`;
    const input = page.locator(byName(path));
    await input.fill(bad);

    // The error, in Chinese, right after the input; the input is marked; the bill is stale.
    const errors = await readErrors(page);
    assert.deepEqual(errors.map((e) => [e.path, e.code]), [[path, code]], `${what}: exactly its error`);
    assert.ok(errors[0].text.length > 0 && /[\u4e00-\u9fff]/.test(errors[0].text), `${what}: message in Chinese`);
    assert.equal(await input.getAttribute('aria-invalid'), 'true', `${what}: aria-invalid`);
    const next = await input.evaluate((n) => n.nextElementSibling?.dataset.errorPath ?? null);
    assert.equal(next, path, `${what}: message placed right after the input`);
    assert.ok(await page.locator(`[data-error-path="${path.replace(/"/g, '\\"')}"]`).isVisible());
    assert.equal(await resultsState(page), 'stale', `${what}: results marked stale`);
    // The last valid bill stays on the page.
    assert.equal((await readResults(page)).total, WORKED_RESULT.total);

    // Another field keeps working: its own error shows too, and goes when it is fixed.
    await page.fill(byName(SECOND.path), SECOND.bad);
    const both = (await readErrors(page)).map((e) => `${e.path} ${e.code}`).sort();
    assert.deepEqual(both, [`${path} ${code}`, `${SECOND.path} ${SECOND.code}`].sort(), `${what}: every error at once`);
    await page.fill(byName(SECOND.path), '');
    assert.deepEqual((await readErrors(page)).map((e) => e.path), [path]);
    assert.equal(await page.locator(byName(SECOND.path)).getAttribute('aria-invalid'), null);

    // Fixed with a different valid value: the bill updates.
    await input.fill(fix);
    assert.deepEqual(await readErrors(page), [], `${what}: fixed`);
    assert.equal(await input.getAttribute('aria-invalid'), null);
    assert.equal(await resultsState(page), 'fresh');
    const now = await readResults(page);
    for (const [key, want] of Object.entries(fixed)) assert.equal(now[key], want, `${what} fixed to ${fix}: ${key}`);

    // Back to the example.
    await input.fill(original[path]);
    assert.equal((await readResults(page)).total, WORKED_RESULT.total);
  }

  // Errors on several fields at once, each at its own field.
  for (const [path, bad] of BAD.slice(1)) await page.fill(byName(path), bad);
  const all = await readErrors(page);
  const paths = new Set(BAD.slice(1).map(([p]) => p));
  assert.deepEqual(new Set(all.map((e) => e.path)), paths, 'all errors shown together');
  for (const path of paths) {
    assert.equal(await page.locator(byName(path)).getAttribute('aria-invalid'), 'true', `${path} marked`);
  }
  for (const path of paths) await page.fill(byName(path), original[path]);
  assert.deepEqual(await readErrors(page), []);
  const back = await readResults(page);
  for (const [key, want] of Object.entries(WORKED_RESULT)) assert.equal(back[key], want, `restored: ${key}`);

  // The missing success basis is reported at the visible field.
  await page.check('input[name="s_basis"][value="successes"]');
  const missing = await readErrors(page);
  assert.deepEqual(missing.map((e) => [e.path, e.code]), [['months[0].success_rate', 'rate_and_successes_missing']]);
  assert.equal(await page.locator(byName('months[0].successes')).getAttribute('aria-invalid'), 'true');
  assert.ok(await page.locator('[data-error-path="months[0].success_rate"]').isVisible());
  await page.fill(byName('months[0].successes'), '10001');
  assert.deepEqual((await readErrors(page)).map((e) => e.code), ['successes_exceed_volume']);
  await page.fill(byName('months[0].successes'), '3000');
  assert.equal((await readResults(page)).total, WORKED_RESULT.total);

  // An error with no input of its own (the month's arithmetic overflows) goes to the general box.
  const huge = {
    'terms.unit_price': '1000000000000', 'terms.inaccuracy_multiplier': '100', 'months[0].volume': '1000000000000',
    'months[0].success_rate': '1', 'months[0].sampled_records': '1000000000000', 'months[0].inaccurate_records': '999999999999',
  };
  await page.check('input[name="s_basis"][value="success_rate"]');
  for (const [path, value] of Object.entries(huge)) await page.fill(byName(path), value);
  const general = page.locator('#general-errors [data-error-path="months[0]"]');
  assert.ok(await general.isVisible(), 'overflow shown in the general error box');
  assert.equal(await general.getAttribute('data-error-code'), 'overflow');
  assert.equal(await resultsState(page), 'stale');
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'no field blamed');
  for (const path of Object.keys(huge)) await page.fill(byName(path), original[path]);
  assert.ok(await page.locator('#general-errors').isHidden(), 'general box hidden again');
  assert.equal((await readResults(page)).total, WORKED_RESULT.total);

  // Nothing went wrong underneath.
  assert.deepEqual(problems.page, [], 'no page errors');
  assert.deepEqual(problems.console, [], 'no console errors');
  assert.deepEqual(problems.failed, [], 'no failed requests');
  await context.close();
});

test('on every page an input with an error is described by its message (the page kit places it)', async () => {
  const { page, context, problems } = await newPage(env.browser);
  for (const [file, path] of [['index.html', 'terms.unit_price'], ['whatif.html', 'terms.unit_price'], ['account400.html', 'inbound.balance']]) {
    await page.goto(`${env.base}/${file}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
    const before = await page.getAttribute(byName(path), 'value');
    await page.fill(byName(path), 'abc');
    const described = await page.$eval(byName(path), (input) => ({
      invalid: input.getAttribute('aria-invalid'),
      by: (input.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)).map((n) => n && `${n.dataset.errorPath} ${n.dataset.errorCode}`),
    }));
    assert.deepEqual(described, { invalid: 'true', by: [`${path} not_a_number`] }, file);
    await page.fill(byName(path), before ?? '1.00');
    assert.deepEqual(await readErrors(page), [], `${file}: fixed`);
    assert.equal(await page.getAttribute(byName(path), 'aria-describedby'), null, `${file}: no longer described by a message`);
  }
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
