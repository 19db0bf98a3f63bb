// 8. Issue 15 on the calculator page: the clerk's check (actual dates of the selected month, each
// step on time or late, the payment step "late by 3 days"; the cash flow's paid vs due) and the
// rest-day rule (a deadline on a holiday moves; the switch keeps it); the linear bonus label.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LAPTOP, OUT_DIR, PHONE, byName, newPage, openReady, readErrors, readResults, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

// The worked example (work month 2026-01): report due Thu 03-05, received Fri 03-06 (late 1);
// confirm 03-06 + 5 = Wed 03-11, confirmed 03-11; invoice due 03-11, received 03-12 (late 1);
// payment due 03-12 + 15 = Fri 03-27, paid Mon 03-30: late by 3 days, 1 working day.
const ACTUAL = {
  report_received: '2026-03-06',
  confirmed: '2026-03-11',
  invoice_received: '2026-03-12',
  paid: '2026-03-30',
};

test('actual dates: each step on time or late, the payment late by 3 days', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  await page.click('[data-lang="en"]');
  let r = await readResults(page);
  assert.equal(r['check.paid.status'], 'not entered');
  assert.equal(r['check.paid.due'], '2026-03-25');
  for (const [step, date] of Object.entries(ACTUAL)) await page.fill(byName(`months[0].actual.${step}`), date);
  r = await readResults(page);
  assert.deepEqual(await readErrors(page), []);
  assert.equal(r['check.report_received.status'], 'late by 1 day (1 working day)');
  assert.equal(r['check.confirmed.due'], '2026-03-11');
  assert.equal(r['check.confirmed.status'], 'on time');
  assert.equal(r['check.invoice_received.status'], 'late by 1 day (1 working day)');
  assert.equal(r['check.paid.due'], '2026-03-27');
  assert.equal(r['check.paid.actual'], '2026-03-30');
  assert.match(r['check.paid.status'], /^late by 3 days/);
  assert.equal(await page.getAttribute('li[data-step="paid"]', 'data-status'), 'late');
  // The bill's schedule counts from the actual dates too; the cash flow shows paid vs due.
  assert.equal(r.payment_due, '2026-03-27');
  await page.waitForFunction(() => document.getElementById('year').dataset.flow === 'ready');
  r = await readResults(page);
  assert.equal(r['payments[0].payment_due'], '2026-03-27');
  assert.equal(r['payments[0].paid'], '2026-03-30');
  assert.ok(await page.locator('[data-result="payments[0].paid"]').evaluate((n) => n.classList.contains('late')));
  // Late in words as well as in red: 03-27 → 03-30.
  assert.equal(r['payments[0].paid_late'], '3 days late');
  // The calendar says from which date each period counted: confirm 03-06 + 5 = 03-11 (not
  // "+6" from the due 03-05); payment 03-12 + 15 = 03-27.
  assert.equal(r.work_month, '2026-01');
  assert.equal(await page.textContent('[data-note="confirm_by"]'), '+5 days from the actual 2026-03-06');
  assert.equal(await page.textContent('[data-note="invoice_by"]'), '+0 days from the actual 2026-03-11');
  assert.equal(await page.textContent('[data-note="payment_due"]'), '+15 days from the actual 2026-03-12');
  assert.match(await page.textContent('#deadline-check'), /no late-payment interest/);
  // The scenario the page sends carries the dates.
  const scenario = await page.evaluate(() => window.callsettle.scenario());
  assert.deepEqual(scenario.months[0].actual, ACTUAL);
  await page.screenshot({ path: join(OUT_DIR, 'deadlines-laptop-en.png'), fullPage: true });
  // Kept with the scenario on this device: after a reload the dates and the check come back.
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(await page.inputValue(byName('months[0].actual.paid')), '2026-03-30');
  assert.match((await readResults(page))['check.paid.status'], /^late by 3 days/);
  await page.click('[data-lang="zh"]');
  assert.equal((await readResults(page))['check.paid.status'], '逾期 3 天（1 个工作日）');
  // A date before the step before it: the module's error, at the input.
  await page.fill(byName('months[0].actual.paid'), '2026-03-10');
  const errors = await readErrors(page);
  assert.deepEqual(errors.map((e) => [e.path, e.code]), [['months[0].actual.paid', 'date_order']]);
  // Emptied: the step is open again, and the cash flow has nothing late to say.
  await page.fill(byName('months[0].actual.paid'), '');
  r = await readResults(page);
  assert.equal(r['check.paid.status'], '未填写');
  await page.waitForFunction(() => document.querySelector('[data-result="payments[0].paid_late"]')?.textContent === '');
  // Paid one day late (due 03-27): 逾期 1 天.
  await page.fill(byName('months[0].actual.paid'), '2026-03-28');
  await page.waitForFunction(() => document.querySelector('[data-result="payments[0].paid_late"]')?.textContent === '逾期 1 天');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('the check’s dates as people write them, one picked from the calendar, a bad one’s error at its field', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  // Text fields of the page kit (no native date input, whose format is the browser's locale's).
  assert.deepEqual(await page.$$eval('#deadline-check input', (ns) => ns.map((n) => `${n.type} ${n.className} ${n.name}`)), [
    'text date months[0].actual.report_received',
    'text date months[0].actual.confirmed',
    'text date months[0].actual.invoice_received',
    'text date months[0].actual.paid',
  ]);
  // The worked example's dates, typed in Chinese, with slashes and in ISO form: the module reads
  // them all (received 03-06, late 1; confirmed 03-11; invoice 03-12, late 1; paid 03-30, late 3).
  const typedDates = {
    report_received: '2026年3月6日',
    confirmed: '2026/3/11',
    invoice_received: '2026年3月12日',
    paid: '2026-03-30',
  };
  for (const [step, date] of Object.entries(typedDates)) await page.fill(`#check-${step}`, date);
  let r = await readResults(page);
  assert.deepEqual(await readErrors(page), []);
  assert.equal(r['check.report_received.actual'], '2026-03-06');
  assert.equal(r['check.report_received.status'], '逾期 1 天（1 个工作日）');
  assert.equal(r['check.confirmed.status'], '按期');
  assert.equal(r['check.invoice_received.actual'], '2026-03-12');
  assert.equal(r['check.paid.due'], '2026-03-27');
  assert.equal(r['check.paid.status'], '逾期 3 天（1 个工作日）');
  // The schedule counted from them too, and says from which date (as the module read it).
  assert.equal(r.payment_due, '2026-03-27');
  assert.equal(await page.textContent('[data-note="payment_due"]'), '实际日期 2026-03-12 起 +15 天');
  // What was typed stays in the field and goes to the module as it is.
  assert.equal(await page.inputValue('#check-invoice_received'), '2026年3月12日');
  assert.deepEqual((await page.evaluate(() => window.callsettle.scenario())).months[0].actual, typedDates);
  // The calendar button after the field, named after it, next in the Tab order; a day picked is
  // written into the field as YYYY-MM-DD and recomputes: paid on the due day, on time.
  const button = '#check-paid ~ .date-pick';
  assert.equal(await page.getAttribute(button, 'aria-label'), '选择日期：付款');
  await page.focus('#check-paid');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), '选择日期：付款');
  await page.click(button); // opens the browser's calendar (not drivable headless)
  await page.evaluate(() => {
    const calendar = document.querySelector('.date-native');
    calendar.value = '2026-03-27';
    calendar.dispatchEvent(new Event('change', { bubbles: true }));
  });
  assert.equal(await page.inputValue('#check-paid'), '2026-03-27');
  assert.equal((await readResults(page))['check.paid.status'], '按期');
  // A date that does not exist: the module's error right after its field (under the field and
  // its button), the field marked invalid and described by the message.
  await page.fill('#check-paid', '2026年2月30日');
  let errors = await readErrors(page);
  assert.deepEqual(errors.map((e) => [e.path, e.code]), [['months[0].actual.paid', 'invalid_date']]);
  const fieldError = async () => page.evaluate(() => {
    const input = document.getElementById('check-paid');
    const message = document.querySelector('[data-error-path="months[0].actual.paid"]');
    return {
      invalid: input.getAttribute('aria-invalid'),
      described: (input.getAttribute('aria-describedby') ?? '').split(' ').includes(message.id),
      beside: message.parentElement === input.parentElement,
      under: message.getBoundingClientRect().top >= input.getBoundingClientRect().bottom - 1,
      text: message.textContent,
    };
  });
  let shown = await fieldError();
  assert.deepEqual({ ...shown, text: undefined }, { invalid: 'true', described: true, beside: true, under: true, text: undefined });
  assert.match(shown.text, /2026年2月30日/);
  assert.match(shown.text, /日期/);
  assert.equal(await page.getAttribute('#results', 'data-state'), 'stale');
  // On a phone: the message under its field and button, nothing wider than the screen.
  await page.setViewportSize(PHONE);
  assert.equal((await fieldError()).under, true);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no sideways scroll');
  await page.locator('#deadline-check').screenshot({ path: join(OUT_DIR, 'deadlines-check-error-phone-zh.png') });
  await page.setViewportSize(LAPTOP);
  // Another field edited: the check is rendered again, the typed text stays.
  await page.fill(byName('months[0].volume'), '10001');
  assert.equal(await page.inputValue('#check-paid'), '2026年2月30日');
  // In English: the message, the labels and the button's name; the text stays.
  await page.click('[data-lang="en"]');
  shown = await fieldError();
  assert.equal(shown.beside && shown.described, true);
  assert.match(shown.text, /date/i);
  assert.doesNotMatch(shown.text, /日期/);
  assert.equal(await page.getAttribute(button, 'aria-label'), 'Pick a date: Paid');
  assert.equal(await page.inputValue('#check-paid'), '2026年2月30日');
  await page.locator('#deadline-check').screenshot({ path: join(OUT_DIR, 'deadlines-check-error-laptop-en.png') });
  // Kept on this device with the error: after a reload the field holds it, the message is at
  // the field (not in the general box), and it can be put right there.
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(await page.inputValue('#check-paid'), '2026年2月30日');
  assert.equal(await page.inputValue('#check-invoice_received'), '2026年3月12日');
  errors = await readErrors(page);
  assert.deepEqual(errors.map((e) => [e.path, e.code]), [['months[0].actual.paid', 'invalid_date']]);
  assert.equal((await fieldError()).beside, true);
  assert.equal(await page.isHidden('#general-errors'), true);
  await page.fill('#check-paid', '2026-3-31');
  assert.deepEqual(await readErrors(page), []);
  r = await readResults(page);
  assert.equal(r['check.paid.actual'], '2026-03-31');
  assert.match(r['check.paid.status'], /^late by 4 days/);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('a deadline on a holiday moves to the next working day unless switched off', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: PHONE });
  await openReady(page, env.base);
  // Work month 2026-08: report due 10-05 (国庆 10-01..07) → Thu 10-08; +5 → Tue 10-13;
  // +15 → Wed 10-28. Switched off: 10-05, 10-10, 10-25.
  await page.fill(byName('months[0].month'), '2026-08');
  let r = await readResults(page);
  assert.deepEqual([r.report_due, r.confirm_by, r.payment_due], ['2026-10-08', '2026-10-13', '2026-10-28']);
  await page.selectOption(byName('terms.settlement.rest_day_rule'), 'none');
  r = await readResults(page);
  assert.deepEqual([r.report_due, r.confirm_by, r.payment_due], ['2026-10-05', '2026-10-10', '2026-10-25']);
  await page.selectOption(byName('terms.settlement.rest_day_rule'), 'next_working_day');
  for (const [step, date] of Object.entries({ report_received: '2026-10-09', paid: '2026-11-02' })) {
    await page.fill(byName(`months[0].actual.${step}`), date);
  }
  // Received Fri 10-09 (late 1 day, 1 working day): confirm 10-09 + 5 = Wed 10-14; payment
  // 10-14 + 15 = Thu 10-29; paid Mon 11-02: late by 4 days, 2 working days (10-30, 11-02).
  r = await readResults(page);
  assert.equal(r['check.paid.due'], '2026-10-29');
  assert.equal(r['check.paid.status'], '逾期 4 天（2 个工作日）');
  await page.locator('#deadline-check').screenshot({ path: join(OUT_DIR, 'deadlines-phone-zh.png') });
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('linear mode: a positive penalty term is labelled a bonus, and no warning says F is idle', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  // The worked example (s 0.30, V 10000) with target 0 and F 1.00. below_target: the term is
  // −1.00 × max(0, 0 − 3000) = 0.00 and F can never apply (warning target_zero_with_penalty).
  // linear: −1.00 × (0 × 10000 − 3000) = +3000.00, a bonus: 7500.00 + 3000.00 − 150.00 +
  // 1234.56 = 11584.56, no warning.
  await page.fill(byName('terms.target_rate'), '0');
  const label = () => page.textContent('tr[data-line="shortfall_penalty"] th');
  const warnings = () => page.$$eval('[data-warning]', (ns) => ns.map((n) => n.dataset.warning));
  let r = await readResults(page);
  assert.equal(r.shortfall_penalty, '0.00');
  assert.match(await label(), /^未达标扣罚/);
  assert.deepEqual(await warnings(), ['target_zero_with_penalty']);
  await page.selectOption(byName('terms.penalty_mode'), 'linear');
  r = await readResults(page);
  assert.equal(r.shortfall_penalty, '3000.00');
  assert.equal(r.total, '11584.56');
  assert.match(await label(), /^超额奖励/);
  assert.deepEqual(await warnings(), []);
  await page.click('[data-lang="en"]');
  assert.match(await label(), /^Above-target bonus/);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
