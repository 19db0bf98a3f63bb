// 8. The year plan: twelve work months pasted into the grid from a "spreadsheet" (tab/newline
// text through a real paste event), each month's total and dates, the scenario total and the cash
// flow read back from data-result and compared with values worked out by hand below; an error on
// one cell; the working-day switch; the chart and its table; keyboard moves; the fill tools; a
// 120-month plan that is updated in place; screenshots at laptop and phone width in zh and en.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { LAPTOP, OUT_DIR, PHONE, byName, newPage, openReady, paste, readErrors, readResults, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

// The scenario, by hand. Terms of the worked example (p 2.50, s0 0.35, F 1.00, k 1, calendar
// days, report by day 5 two months later, confirm 5, invoice 0, pay 15). Twelve months 2026-01 …
// 2026-12; volume V_i = 10000 + 1000·i (i = 0 … 11); success rate 0.30 for the first six months,
// 0.40 for the last six; month 1 keeps the example's 500 sampled, 10 inaccurate (the block
// pastes month, volume and rate over it); the eleven new months leave those cells blank (issue
// 20: pasted months take blanks, not row 1's values), so nothing was sampled; telecom 1000.00 a
// month (pasted as a column).
//
//   month 1, s = 0.30 sampled: fee 2.5·0.3·V = 0.75V; penalty −(0.35 − 0.30)·V = −0.05V;
//             inaccuracy −0.75V·10/500 = −0.015V; total 0.685V + 1000 = 7850 (V = 10000)
//   s = 0.30, not sampled: 0.75V − 0.05V = 0.7V + 1000   (V a multiple of 1000: whole yuan)
//   s = 0.40, not sampled: fee 2.5·0.4·V = V; no penalty above target; total V + 1000
//
// Months 1–6: 7850 + 0.7·(11000 + … + 15000 = 65000) + 5000 = 7850 + 50500 = 58350
// Months 7–12: V = 16000 … 21000 (sum 111000) → 111000 + 6000 = 117000
// Year total 175350.00.
// Calendar days: work month M → report due M+2 day 5, confirmed +5 = day 10, invoiced +0 = day 10,
// paid +15 = day 25, except that a last day on a rest day or holiday moves to the next working day
// and the next period counts from there (民法典 第二百零三条; 2026 notice, 2027 fixed holidays):
//   2026-02: 04-05 Sun (清明) → Tue 04-07; 04-12 Sun → Mon 04-13; 04-28.
//   2026-03: 05-05 (劳动节) → Wed 05-06; Mon 05-11; Tue 05-26.
//   2026-05: 07-05 Sun → Mon 07-06; 07-11 Sat → Mon 07-13; Tue 07-28.
//   2026-07: 09-05 Sat → Mon 09-07; 09-12 Sat → Mon 09-14; Tue 09-29.
//   2026-08: 10-05 (国庆) → Thu 10-08; Tue 10-13; Wed 10-28.
//   2026-10: 12-05 Sat → Mon 12-07; 12-12 Sat → Mon 12-14; Tue 12-29.
//   2026-11: Tue 2027-01-05; 01-10 Sun → Mon 01-11; Tue 01-26.
//   2026-12: 2027-02-05 (除夕, 春节 02-05..08) → Tue 02-09; 02-14 Sun → Mon 02-15; Tue 03-02.
// Each month pays on its own date, in month order, so the cumulative is the running sum of the
// month totals.
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const VOLUMES = MONTHS.map((_, i) => 10000 + 1000 * i);
const RATES = MONTHS.map((_, i) => (i < 6 ? '0.30' : '0.40'));
// Totals in fen, as integers: 0.685V = 685V/1000 yuan, 0.7V = 700V/1000 yuan, V = 1000V/1000.
const TOTAL_FEN = VOLUMES.map((v, i) => ((i === 0 ? 685 : i < 6 ? 700 : 1000) * v) / 1000 * 100 + 100000);
const fen = (n) => `${Math.trunc(n / 100)}.${String(n % 100).padStart(2, '0')}`;
const plus2 = (month, day) => {
  const [y, m] = month.split('-').map(Number);
  const k = y * 12 + m - 1 + 2;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-${day}`;
};
// [report due, invoice by, payment due] of the months whose dates move (above); the others are
// days 05, 10 and 25 of M+2.
const MOVED = {
  '2026-02': ['2026-04-07', '2026-04-13', '2026-04-28'],
  '2026-03': ['2026-05-06', '2026-05-11', '2026-05-26'],
  '2026-05': ['2026-07-06', '2026-07-13', '2026-07-28'],
  '2026-07': ['2026-09-07', '2026-09-14', '2026-09-29'],
  '2026-08': ['2026-10-08', '2026-10-13', '2026-10-28'],
  '2026-10': ['2026-12-07', '2026-12-14', '2026-12-29'],
  '2026-11': ['2027-01-05', '2027-01-11', '2027-01-26'],
  '2026-12': ['2027-02-09', '2027-02-15', '2027-03-02'],
};
const dates = (month) => MOVED[month] ?? ['05', '10', '25'].map((day) => plus2(month, day));

test('a 12-month plan pasted into the grid: totals, dates, cash flow, errors, working days, chart', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);

  // A block (month, volume, rate) with Windows line ends and a trailing newline, as spreadsheets
  // copy it, pasted at the first month's month cell: the grid grows to twelve rows.
  const block = MONTHS.map((m, i) => `${m}\t${VOLUMES[i]}\t${RATES[i]}`).join('\r\n') + '\r\n';
  await paste(page, 'months[0].month', block);
  assert.equal(await page.locator('#plan-rows tr').count(), 12, 'twelve rows');
  // Then a single column of telecom charges.
  await paste(page, 'months[0].telecom_charges', `${Array(12).fill('1000.00').join('\n')}`);

  const inputs = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('#plan [name^="months["]')].map((n) => [n.name, n.value])),
  );
  for (let i = 0; i < 12; i += 1) {
    assert.equal(inputs[`months[${i}].month`], MONTHS[i]);
    assert.equal(inputs[`months[${i}].volume`], String(VOLUMES[i]));
    assert.equal(inputs[`months[${i}].success_rate`], RATES[i]);
    assert.equal(inputs[`months[${i}].telecom_charges`], '1000.00');
    const sampled = i === 0 ? ['500', '10'] : ['', ''];
    assert.equal(inputs[`months[${i}].sampled_records`], sampled[0], 'new months are blank where nothing was pasted');
    assert.equal(inputs[`months[${i}].inaccurate_records`], sampled[1]);
  }
  assert.deepEqual(await readErrors(page), []);

  let r = await readResults(page);
  assert.equal(r.year_total, '175350.00');
  assert.equal(fen(TOTAL_FEN.reduce((a, b) => a + b, 0)), '175350.00', 'the hand sum agrees');
  let cumulative = 0;
  for (let i = 0; i < 12; i += 1) {
    assert.equal(r[`months[${i}].total`], fen(TOTAL_FEN[i]), `months[${i}].total`);
    const [report, invoice, payment] = dates(MONTHS[i]);
    assert.equal(r[`months[${i}].report_due`], report, `months[${i}].report_due`);
    assert.equal(r[`months[${i}].invoice_by`], invoice, `months[${i}].invoice_by`);
    assert.equal(r[`months[${i}].payment_due`], payment, `months[${i}].payment_due`);
    cumulative += TOTAL_FEN[i];
    assert.equal(r[`payments[${i}].month`], MONTHS[i]);
    assert.equal(r[`payments[${i}].payment_due`], payment);
    assert.equal(r[`payments[${i}].amount`], fen(TOTAL_FEN[i]));
    assert.equal(r[`payments[${i}].cumulative`], fen(cumulative), `payments[${i}].cumulative`);
  }
  assert.equal(r['months[0].total'], '7850.00'); // 0.685 · 10000 + 1000, by hand
  assert.equal(r['months[6].total'], '17000.00'); // 16000 + 1000
  assert.equal(r['payments[11].payment_due'], '2027-03-02');
  // The bill above shows the first month (the worked example's terms).
  assert.equal(r.month, '2026-01');
  assert.equal(r.total, '7850.00');

  // Picking a month shows its bill: month 7 (index 6), fee 16000, no penalty, nothing sampled.
  await page.check('input[name="detail_month"][value="6"]');
  r = await readResults(page);
  assert.equal(r.month, '2026-07');
  assert.equal(r.service_fee, '16000.00');
  assert.equal(r.shortfall_penalty, '0.00');
  assert.equal(r.inaccuracy_deduction, '0.00');
  assert.equal(r.payment_due, '2026-09-29');

  // Chart: a drawn canvas of real size; the table beside it: one row per month.
  await page.waitForFunction(() => document.querySelector('#cashflow-chart canvas')?.width > 0);
  const box = await page.locator('#cashflow-chart canvas').boundingBox();
  assert.ok(box.width > 200 && box.height > 100, `chart size ${JSON.stringify(box)}`);
  assert.equal(await page.locator('#cashflow-rows tr').count(), 12);
  assert.match(await page.locator('#cf-heading').textContent(), /现金流/);

  // An error in months[3].volume shows on that cell, marks it, stales the results; fixing clears it.
  const cell = page.locator(byName('months[3].volume'));
  await cell.fill('12x');
  const errors = await readErrors(page);
  assert.deepEqual(errors.map((e) => [e.path, e.code]), [['months[3].volume', 'not_a_number']]);
  assert.equal(await cell.getAttribute('aria-invalid'), 'true');
  assert.equal(await cell.evaluate((n) => n.nextElementSibling?.dataset.errorPath), 'months[3].volume');
  assert.ok(await page.locator('#plan [data-error-path="months[3].volume"]').isVisible());
  assert.equal(await page.getAttribute('#year', 'data-state'), 'stale');
  assert.equal((await readResults(page)).year_total, '175350.00', 'last valid total kept');
  await cell.fill('13000');
  assert.deepEqual(await readErrors(page), []);
  assert.equal(await cell.getAttribute('aria-invalid'), null);
  assert.equal(await page.getAttribute('#year', 'data-state'), 'fresh');
  assert.equal((await readResults(page)).year_total, '175350.00');

  // Working days: month 2026-01. Report due Thu 2026-03-05 (a working day); confirmed 5 working
  // days later: Fri 6, Mon 9, Tue 10, Wed 11, Thu 12 → 2026-03-12; invoiced the same day; paid 15
  // working days later: Fri 13 (1), 16–20 (2–6), 23–27 (7–11), 30, 31, Apr 1, Apr 2 (12–15) →
  // 2026-04-02 (no holiday in March 2026; Qingming is 4–6 April). Calendar days: 2026-03-25.
  await page.selectOption(byName('terms.settlement.day_count'), 'working');
  r = await readResults(page);
  assert.equal(r['months[0].invoice_by'], '2026-03-12');
  assert.equal(r['months[0].payment_due'], '2026-04-02');
  assert.equal(r['payments[0].payment_due'], '2026-04-02');
  assert.equal(r.year_total, '175350.00', 'the days move, the money does not');
  // Months paid in 2027 are beyond the holiday data: said so.
  assert.ok((await page.locator('[data-warning="holidays_outside_data"]').count()) > 0);
  await page.selectOption(byName('terms.settlement.day_count'), 'calendar');
  assert.equal((await readResults(page))['months[0].payment_due'], '2026-03-25');

  // English: the chart is drawn again with English labels, the table headers are English.
  await page.click('[data-lang="en"]');
  assert.match(await page.locator('#cf-heading').textContent(), /Cash flow/);
  const heads = await page.$$eval('#plan thead th, #cashflow-table thead th', (ns) => ns.map((n) => n.textContent));
  for (const text of heads) assert.doesNotMatch(text, /[\u4e00-\u9fff]/, `untranslated header: ${text}`);
  await page.waitForFunction(() => document.querySelector('#cashflow-chart .u-legend')?.textContent.includes('Payment'));
  await page.click('[data-lang="zh"]');

  // Screenshots of the plan and cash flow (tests/e2e/out/, for people to look at), laptop and
  // phone width, zh and en; the page itself never scrolls sideways (the grid scrolls in its box).
  for (const [device, viewport] of [['laptop', LAPTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    for (const lang of ['zh', 'en']) {
      await page.click(`[data-lang="${lang}"]`);
      await page.waitForTimeout(100); // the chart redraws in the next frame
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= viewport.width, `${device} ${lang}: no page scroll sideways (${wide})`);
      const path = join(OUT_DIR, `${device}-${lang}-year.png`);
      await page.locator('#year').screenshot({ path, animations: 'disabled' });
      assert.ok(statSync(path).size > 10_000);
    }
  }
  await page.click('[data-lang="zh"]');

  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('grid keyboard, copy forward, growth fill, add and remove', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);

  // Growth from the first month (10000 records, rate 0.30): 12 months, +5 % volume, +1 point.
  await page.fill('#grow-count', '12');
  await page.fill('#grow-volume', '5');
  await page.fill('#grow-rate', '1');
  await page.click('[data-action="grow"]');
  const value = (path) => page.locator(byName(path)).inputValue();
  assert.equal(await page.locator('#plan-rows tr').count(), 12);
  assert.equal(await value('months[1].volume'), '10500');
  assert.equal(await value('months[2].volume'), '11025'); // 10000 · 1.05²
  assert.equal(await value('months[3].volume'), '11576'); // 11576.25, half up
  assert.equal(await value('months[11].success_rate'), '0.41');
  assert.equal(await value('months[11].month'), '2026-12');
  assert.equal(await value('months[11].telecom_charges'), '1234.56', 'other fields copied');

  // Keyboard: ArrowDown and Enter go to the next month's cell, ArrowUp back.
  await page.focus(byName('months[0].volume'));
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'months[1].volume');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'months[2].volume');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'months[1].volume');
  assert.equal((await readResults(page)).month, '2026-01', 'editing a month does not pick it (issue 20)');

  // Copy month 2 forward: every later month gets its values, keeps its own month.
  await page.check('input[name="detail_month"][value="1"]');
  await page.click('[data-action="copy"]');
  // It overwrites ten months with figures: said first, done on confirm (issue 20).
  assert.match(await page.textContent('#plan-confirm'), /改写已有的 10 个月（2026-03 至 2026-12）/);
  await page.click('#plan-confirm [data-action="confirm"]');
  assert.equal(await value('months[11].volume'), '10500');
  assert.equal(await value('months[11].success_rate'), '0.31');
  assert.equal(await value('months[11].month'), '2026-12');
  const r = await readResults(page);
  assert.equal(r['months[11].total'], r['months[1].total']);

  // Remove the picked month, add one at the end (the month after the last).
  await page.click('[data-action="remove"]');
  assert.equal(await page.locator('#plan-rows tr').count(), 11);
  assert.equal(await value('months[1].month'), '2026-03');
  await page.click('[data-action="add"]');
  assert.equal(await page.locator('#plan-rows tr').count(), 12);
  assert.equal(await value('months[11].month'), '2027-01');

  // The successes basis: one switch for the whole grid.
  await page.check('input[name="s_basis"][value="successes"]');
  assert.ok(await page.locator(byName('months[5].success_rate')).isHidden());
  const missing = await readErrors(page);
  assert.equal(missing.length, 12, 'each month asks for its successes');
  await paste(page, 'months[0].successes', Array(12).fill('3000').join('\n'));
  assert.deepEqual(await readErrors(page), []);

  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

/** Types `values` one after another into `path`, an input event each, waiting a frame after each. */
function typeEach(page, path, values) {
  return page.evaluate(async ({ path, values }) => {
    const input = document.querySelector(`[name="${CSS.escape(path)}"]`);
    for (const text of values) {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((ok) => requestAnimationFrame(() => ok())); // to the next frame
    }
  }, { path, values });
}

test('120 months: typing in one cell updates its rows in place', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);
  // Typing, deleting and typing again; each value valid (500 records are sampled a month, so no
  // value under 500). How fast this is, is measured by the benchmark (bench/run.mjs), not here.
  const KEYS = ['2000', '20000', '2000', '1000', '10000', '1000', '2000', '20000'];
  await page.fill(byName('months[0].volume'), '10000');
  await page.fill('#grow-count', '120');
  await page.fill('#grow-rate', '0');
  await page.click('[data-action="grow"]');
  assert.equal(await page.locator('#plan-rows tr').count(), 120);
  await page.waitForFunction(() => document.getElementById('year').dataset.flow === 'ready');
  assert.equal(await page.locator('#cashflow-rows tr').count(), 120);

  await page.evaluate(() => {
    window.__row = document.querySelector('[name="months[60].volume"]').closest('tr');
    window.__flowRow = document.querySelector('#cashflow-rows tr:nth-child(61)');
  });
  await typeEach(page, 'months[60].volume', KEYS);
  const timing = await page.evaluate(() => ({
    sameRow: window.__row === document.querySelector('[name="months[60].volume"]').closest('tr'),
    sameFlowRow: window.__flowRow === document.querySelector('#cashflow-rows tr:nth-child(61)'),
    total: document.querySelector('[data-result="months[60].total"]').dataset.value,
    shown: document.querySelector('[data-result="months[60].total"]').textContent,
  }));
  assert.ok(timing.sameRow, 'grid rows are updated, not rebuilt');
  assert.ok(timing.sameFlowRow, 'cash-flow rows are updated, not rebuilt');
  assert.equal(timing.total, '14934.56', 'the month total follows every keystroke'); // the worked example at T 20000
  assert.equal(timing.shown, '14,934.56', 'shown grouped');
  // The cash flow (deferred beyond 36 months) catches up once the typing stops.
  await page.waitForFunction(() => document.getElementById('year').dataset.flow === 'ready');
  const r = await readResults(page);
  assert.equal(r['payments[60].month'], '2031-01');
  assert.equal(r['payments[60].amount'], '14934.56');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('growth fill: the module’s number rules ("5%" is "5", "35%" rates), its errors at the tool', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);
  const value = (path) => page.locator(byName(path)).inputValue();
  // A rate typed as a percentage grows as one: 35% + 1 point a month → 36%, 37%.
  await page.fill(byName('months[0].success_rate'), '35%');
  await page.fill('#grow-count', '3');
  await page.fill('#grow-volume', '5%');
  await page.fill('#grow-rate', '1');
  await page.click('[data-action="grow"]');
  assert.equal(await page.locator('#plan-rows tr').count(), 3);
  assert.equal(await value('months[1].volume'), '10500'); // "5%" is 5 % a month, as "5" is
  assert.equal(await value('months[2].volume'), '11025');
  assert.equal(await value('months[2].success_rate'), '37%');
  assert.deepEqual(await readErrors(page), []);
  // Growth text the module cannot read: its message at the tool, the grid unchanged.
  await page.fill('#grow-volume', '5 percent');
  await page.click('[data-action="grow"]');
  assert.match(await page.textContent('#tool-message'), /^外呼量每月增长 %：“5 percent”不是数字/);
  assert.equal(await page.locator('#plan-rows tr').count(), 3);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
