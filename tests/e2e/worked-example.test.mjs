// 1. The worked example: shown on load, and again after typing it in from other values.
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

function assertWorkedExample(results, when) {
  for (const [key, want] of Object.entries(WORKED_RESULT)) {
    assert.equal(results[key], want, `${when}: data-result="${key}"`);
  }
}

/** Clears a field with the keyboard and types `text` key by key, as a person would. */
async function retype(page, path, text) {
  const input = page.locator(byName(path));
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await input.pressSequentially(text);
  assert.equal(await input.inputValue(), text, `${path} holds what was typed`);
}

test('worked example on load, then typed in from other values', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);

  // On load: the filled-in example and its bill, to the fen, and the four dates.
  assertWorkedExample(await readResults(page), 'on load');
  assert.equal(await resultsState(page), 'fresh');
  assert.deepEqual(await readErrors(page), []);
  // The first bill's paint is timed (Element Timing), after it was put in the page.
  await page.waitForFunction(() => Number(document.body.dataset.firstBillMs) > 0);
  const { firstBillMs, billInPageMs } = await page.evaluate(() => ({ ...document.body.dataset }));
  assert.ok(Number(billInPageMs) > 0 && Number(billInPageMs) <= Number(firstBillMs), `in page ${billInPageMs}, painted ${firstBillMs}`);
  assert.match(await page.getAttribute('html', 'lang'), /^zh/);
  // Negative amounts are marked, positive ones are not.
  assert.ok(await page.locator('[data-result="shortfall_penalty"]').evaluate((n) => n.classList.contains('neg')));
  assert.ok(!(await page.locator('[data-result="service_fee"]').evaluate((n) => n.classList.contains('neg'))));
  // The line shows the formula with the numbers put in.
  const row = page.locator('tr[data-line="service_fee"]');
  assert.match(await row.textContent(), /p × s × T/);
  assert.match(await row.textContent(), /2\.50 × 0\.3 × 10000/);
  // The page's scenario is exactly the typed strings, defaults left out.
  const scenario = await page.evaluate(() => window.callsettle.scenario());
  assert.equal(scenario.terms.unit_price, '2.50');
  assert.equal(scenario.months[0].success_rate, '0.30');
  assert.ok(!('trial_records' in scenario.months[0]), 'empty optional field left out');
  assert.ok(!('successes' in scenario.months[0]), 'the other basis is not sent');

  // Other values first: the bill must change with them.
  const other = {
    'terms.unit_price': '3', 'terms.target_rate': '40%', 'terms.penalty_per_unit': '0.5',
    'terms.inaccuracy_multiplier': '2', 'terms.settlement.report_day': '10', 'terms.settlement.payment_days': '30',
    'months[0].month': '2025-11', 'months[0].volume': '8,000', 'months[0].success_rate': '25%',
    'months[0].sampled_records': '100', 'months[0].inaccurate_records': '1', 'months[0].telecom_charges': '99.99',
  };
  for (const [path, value] of Object.entries(other)) await page.fill(byName(path), value);
  await page.selectOption(byName('terms.penalty_mode'), 'linear');
  const changed = await readResults(page);
  assert.equal(await resultsState(page), 'fresh');
  // 3 × 0.25 × 8000 = 6000; −0.5 × (0.4 × 8000 − 2000) = −600; −6000 × 2 × 1 ÷ 100 = −120
  assert.equal(changed.service_fee, '6000.00');
  assert.equal(changed.shortfall_penalty, '-600.00');
  assert.equal(changed.inaccuracy_deduction, '-120.00');
  assert.equal(changed.total, '5379.99');
  // 2025-11, day 10, lag 2: Sat 2026-01-10 → Mon 01-12 (民法典 第二百零三条); +5 = Sat 01-17 →
  // Mon 01-19; +30 = 02-18, inside 春节 (02-15..23 off) → Tue 02-24.
  assert.equal(changed.report_due, '2026-01-12');
  assert.equal(changed.payment_due, '2026-02-24');

  // Now clear every field and type the worked example key by key.
  await page.selectOption(byName('terms.penalty_mode'), 'below_target');
  await retype(page, 'terms.unit_price', '2.50');
  await retype(page, 'terms.target_rate', '0.35');
  await retype(page, 'terms.penalty_per_unit', '1.00');
  await retype(page, 'terms.inaccuracy_multiplier', '');
  await retype(page, 'terms.settlement.report_day', '');
  await retype(page, 'terms.settlement.payment_days', '');
  await retype(page, 'months[0].month', '2026-01');
  await retype(page, 'months[0].volume', '10000');
  await retype(page, 'months[0].success_rate', '0.30');
  await retype(page, 'months[0].sampled_records', '500');
  await retype(page, 'months[0].inaccurate_records', '10');
  await retype(page, 'months[0].telecom_charges', '1234.56');
  assertWorkedExample(await readResults(page), 'after typing');
  assert.equal(await resultsState(page), 'fresh');
  assert.deepEqual(await readErrors(page), []);

  // The same bill when the successes are given instead of the rate.
  await page.check('input[name="s_basis"][value="successes"]');
  assert.ok(await page.locator(byName('months[0].success_rate')).isHidden());
  await retype(page, 'months[0].successes', '3000');
  const bySuccesses = await readResults(page);
  for (const key of ['service_fee', 'shortfall_penalty', 'inaccuracy_deduction', 'telecom_charges', 'total']) {
    assert.equal(bySuccesses[key], WORKED_RESULT[key], `by successes: ${key}`);
  }
  assert.equal((await page.evaluate(() => window.callsettle.scenario())).months[0].successes, '3000');

  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
