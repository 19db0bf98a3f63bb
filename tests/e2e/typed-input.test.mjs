// Issue 20, items 5 and 6: input as Chinese office users type it, and answers phrased as answers,
// each done as the user did it, in headless Chromium.
//
// Hand-worked figures (the worked example: p 2.50, T 10000, s 0.30, s0 0.35, F 1.00, sampled
// 500, inaccurate 10, telecom 1234.56, below_target; total 8084.56):
// - p = 2.80 (typed "２．８０"): service fee 2.80 × 3000 = 8400.00; shortfall −500.00;
//   inaccuracy −8400 × 10/500 = −168.00; total 8400 − 500 − 168 + 1234.56 = 8966.56.
// - Work month 2026-08 (report day 5, lag 2, calendar days): report due Mon 2026-10-05, inside
//   国庆节 (10-01..10-07, notice of 2025-11-04) → Thu 10-08; confirm 10-08 + 5 = Tue 10-13;
//   invoice 10-13; payment 10-13 + 15 = Wed 10-28.
// - Work month 2025-12 with report day 28: Sat 2026-02-28, a 调休 working day: it stays.
// - Break-even in the success rate (what-if page): net fee zero ⇔ total = telecom 1234.56;
//   total(s) = 34500 s − 2265.44 below target, so s = 3500 / 34500 = 0.1014492753…; on the
//   rate grid (6 decimals) 0.101449 settles to exactly 1234.56 (the module's solve), written
//   10.1449% when the rate was typed as a percentage.
// - Which price reaches 10 000: total(p) = 2940 p + 734.56 (service fee 3000 p less 2 % for
//   inaccuracy, shortfall −500, telecom 1234.56): p = 3.15 → 9995.56, p = 3.16 → 10024.96:
//   "单价 ≥ 3.16 元即可".
// - 400-number page, example (tests/e2e/account400.test.mjs, no planned top-up): inbound runs out
//   2026-05-05 (1.29 left against 9.68). Top-up date 2026-05-06 is too late for inbound; in time
//   was 05-04, the last day the balance covered (renew-by; issue 18's reading, 05-05 it no longer
//   does), with the same amount as on 05-05 (05-04 was covered), what the rest of the validity
//   costs: 261.29 of May's usage (300 less
//   r(300 × 4 ÷ 31) = 38.71 used to 05-04) + June's 30 + 300, less the 1.29 left = 590.00 (all
//   charges 990 less the 400 at the start). Outbound alone (as if inbound lasts) is served to
//   05-06 and needs its largest deficit, 278.67 − 250 = 28.67. On the example's own date (04-01)
//   the two smallest top-ups are 590.00 and 28.67: together 618.67.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { OUT_DIR, PHONE, ROOT_DIR, byName, newPage, openReady, paste, readErrors, readResults, start } from './helpers.mjs';

const AXE = readFileSync(join(ROOT_DIR, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe's colour-contrast violations inside `selector` (WCAG 2.1 AA), one line each. */
async function contrast(page, selector) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  return page.evaluate(async (sel) => {
    const r = await window.axe.run(sel, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
  }, selector);
}

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test('calculator: full-width input from a Chinese IME reads as its ASCII form', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  await page.fill(byName('terms.unit_price'), '２．８０');
  let r = await readResults(page);
  assert.equal(r.service_fee, '8400.00');
  assert.equal(r.total, '8966.56');
  await page.fill(byName('terms.unit_price'), '2.80');
  assert.equal((await readResults(page)).total, '8966.56', 'the same bill as 2.80');
  // 35％ is 0.35, １０，０００ is 10000, ideographic spaces around are spaces.
  await page.fill(byName('terms.target_rate'), '35％');
  await page.fill(byName('months[0].volume'), '\u3000１０，０００\u3000');
  r = await readResults(page);
  assert.equal(r.total, '8966.56');
  assert.deepEqual(await readErrors(page), []);
  // The field keeps what was typed.
  assert.equal(await page.inputValue(byName('terms.unit_price')), '2.80');
  assert.equal(await page.inputValue(byName('months[0].volume')), '\u3000１０，０００\u3000');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('calculator: months as people write them; a moved date says why', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  for (const month of ['2026年1月', '２０２６年１月', '2026/1', '2026/1/1']) {
    await page.fill(byName('months[0].month'), month);
    const r = await readResults(page);
    assert.equal(r.total, '8084.56', month);
    assert.equal(r.report_due, '2026-03-05', month);
    assert.deepEqual(await readErrors(page), [], month);
  }
  // A full date that is not the 1st is not a month: the message says to write the month.
  await page.fill(byName('months[0].month'), '2026/1/15');
  const errors = await readErrors(page);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].path, 'months[0].month');
  assert.match(errors[0].text, /不是有效月份，格式为 YYYY-MM/);

  // 2026-08: the report is due on 国庆节 and moves; the note sits next to the date.
  await page.fill(byName('months[0].month'), '2026-08');
  let r = await readResults(page);
  assert.deepEqual([r.report_due, r.confirm_by, r.payment_due], ['2026-10-08', '2026-10-13', '2026-10-28']);
  assert.equal(r['date_note.report_due'], '遇国庆节顺延（原为 2026-10-05）');
  assert.equal(r['date_note.confirm_by'], '');
  assert.equal(await page.isVisible('[data-result="date_note.report_due"]'), true);
  assert.deepEqual(await contrast(page, '.tl-moved'), []);
  await page.locator('[data-result="date_note.report_due"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT_DIR, 'typed-moved-date-zh.png') });
  await page.click('[data-lang="en"]');
  r = await readResults(page);
  assert.equal(r['date_note.report_due'], 'moved past National Day (from 2026-10-05)');
  await page.click('[data-lang="zh"]');
  // A 调休 working Saturday says so: 2025-12 with report day 28 is due Sat 2026-02-28.
  await page.fill(byName('months[0].month'), '2025-12');
  await page.fill(byName('terms.settlement.report_day'), '28');
  r = await readResults(page);
  assert.equal(r.report_due, '2026-02-28');
  assert.equal(r['date_note.report_due'], '调休上班日');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('calculator: a pasted block with a header row fills the columns it names', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  // Chinese headers as a spreadsheet copies them (tabs), columns in another order than the grid.
  await paste(page, 'months[0].month', '月份\t成功率\t外呼量\n2026-02\t30%\t10000\n2026-03\t0.30\t２００００\n');
  let r = await readResults(page);
  assert.equal(await page.inputValue(byName('months[0].month')), '2026-02');
  assert.equal(await page.inputValue(byName('months[0].volume')), '10000');
  assert.equal(await page.inputValue(byName('months[0].success_rate')), '30%');
  assert.equal(await page.inputValue(byName('months[1].month')), '2026-03');
  assert.equal(await page.inputValue(byName('months[1].volume')), '２００００');
  assert.equal(await page.locator(byName('months[2].month')).count(), 0, 'the header is not a month');
  assert.equal(r['months[0].total'], '8084.56');
  // The page's own labels and English headers are headers too; words separated by spaces as well.
  await paste(page, 'months[0].month', 'Work month\tRecords worked T\tTelecom charges (CNY)\n2026-04\t12000\t99.00\n');
  assert.equal(await page.inputValue(byName('months[0].month')), '2026-04');
  assert.equal(await page.inputValue(byName('months[0].volume')), '12000');
  assert.equal(await page.inputValue(byName('months[0].telecom_charges')), '99.00');
  // A heading that names no column (备注) leaves its column out.
  await paste(page, 'months[0].month', '月份\t备注\t外呼量\n2026-04\t旺季\t11000\n');
  assert.equal(await page.inputValue(byName('months[0].volume')), '11000');
  assert.equal(await page.inputValue(byName('months[0].success_rate')), '30%');
  await paste(page, 'months[0].month', '月份 外呼量 成功率\n2026-05 10000 30%\n');
  assert.equal(await page.inputValue(byName('months[0].month')), '2026-05');
  assert.equal(await page.inputValue(byName('months[0].volume')), '10000');
  // A first row of values is data, as before: pasted from the cell it lands in.
  await paste(page, 'months[0].month', '2026-06\t10000\n2026-07\t10000\n');
  assert.equal(await page.inputValue(byName('months[0].month')), '2026-06');
  assert.equal(await page.inputValue(byName('months[1].month')), '2026-07');
  r = await readResults(page);
  assert.deepEqual(await readErrors(page), []);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

async function openWhatIf(page) {
  await page.goto(`${env.base}/whatif.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
}

test('what-if: break-even and "which price reaches 10 000" phrased as answers, zh and en', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openWhatIf(page);
  // The rate typed as a percentage: the answer, the sweep table and the current value in %.
  await page.fill(byName('months[0].success_rate'), '30%');
  let r = await readResults(page);
  assert.equal(r.total, '8084.56');
  assert.equal(r['sweep.break_even'], '成功率达到 10.1449% 时净服务费为零');
  assert.equal(r['sweep.break_even_exact'], '（精确值 10.14492753…%）');
  const firstRows = await page.$$eval('#sweep-body th', (ths) => ths.slice(0, 2).map((th) => th.textContent));
  assert.deepEqual(firstRows, ['0%', '1%']);
  assert.deepEqual(await contrast(page, '.wi-be'), []);
  await page.screenshot({ path: join(OUT_DIR, 'typed-break-even-zh.png'), fullPage: true });
  // Typed as a decimal: written as one.
  await page.fill(byName('months[0].success_rate'), '0.30');
  assert.equal((await readResults(page))['sweep.break_even'], '成功率达到 0.101449 时净服务费为零');
  // Solve, break-even in the price: no fen gives exactly zero (0.17 → −0.20, 0.18 → +29.20);
  // the exact zero 0.170068… written to the fen, the exact value beside it.
  await page.selectOption('#solve-field', 'unit_price');
  await page.selectOption('#solve-mode', 'break_even');
  assert.equal(await page.textContent('#solve-headline'), '单价达到 0.17 元时净服务费为零');
  assert.match(await page.textContent('#solve-detail'), /（精确值 0\.17006802…）/);
  // Which price reaches 10 000.
  await page.selectOption('#solve-mode', 'total');
  await page.fill('#solve-target', '10000');
  r = await readResults(page);
  assert.equal(r['solve.outcome'], 'none');
  assert.equal(await page.textContent('#solve-headline'), '单价 ≥ 3.16 元即可（3.16 元时应结算金额 10,024.96 元，目标 10,000.00 元）');
  await page.click('[data-lang="en"]');
  assert.equal(await page.textContent('#solve-headline'), 'A price ≥ CNY 3.16 is enough (at CNY 3.16 the total is 10,024.96 CNY; the target is 10,000.00 CNY)');
  assert.equal((await readResults(page))['sweep.break_even'], 'The net fee is zero when the success rate reaches 0.101449');
  await page.screenshot({ path: join(OUT_DIR, 'typed-break-even-en.png'), fullPage: true });
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

async function open400(page) {
  await page.goto(`${env.base}/account400.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
}

test('400-number page: a late top-up is a problem with the amount in time; both top-ups summed', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await open400(page);
  let r = await readResults(page);
  assert.equal(r.top_ups_needed_total, '618.67');
  await page.fill(byName('top_up_date'), '2026-05-06');
  r = await readResults(page);
  assert.equal(r['inbound.top_up_needed'], '已来不及（该日已余额不足）');
  // In time: the last day to renew shown above (05-04; 05-05 the balance no longer covers).
  assert.equal(r['inbound.in_time'], '须最晚于 2026-05-04（余额够扣当日费用的最后一天）续费 590.00 元，才能保持服务至有效期末');
  assert.equal(r.renew_by, '2026-05-04');
  assert.equal(r['outbound.top_up_needed'], '28.67');
  assert.equal(r.top_ups_needed_total, '无法合计（有账户已来不及）');
  // Shown as a problem: the error colours, not the green of good news.
  const look = await page.$eval('[data-res="inbound.top_up_needed"]', (n) => ({
    late: n.classList.contains('is-late'),
    color: getComputedStyle(n.querySelector('dd')).color,
  }));
  assert.deepEqual(look, { late: true, color: await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--error)';
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  }) });
  assert.deepEqual(await contrast(page, '.top-up-card'), []);
  await page.locator('.top-up-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT_DIR, 'typed-late-top-up-zh.png') });
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('400-number page: dates as people write them, and a date picker next to each date field', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: PHONE });
  await open400(page);
  const before = await readResults(page);
  await page.fill(byName('validity.end'), '2026年6月30日');
  assert.deepEqual(await readErrors(page), []);
  assert.equal((await readResults(page)).validity_end, before.validity_end);
  await page.fill(byName('validity.end'), '２０２６/6/30');
  assert.deepEqual(await readErrors(page), []);
  assert.equal(await page.inputValue(byName('validity.end')), '２０２６/6/30', 'what was typed stays');
  // The picker: a button after the field, named after it, reached by Tab from the field.
  await page.focus(byName('validity.end'));
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => [document.activeElement.className, document.activeElement.getAttribute('aria-label')]);
  assert.deepEqual(focused, ['date-pick', '选择日期：有效期结束']);
  await page.keyboard.press('Enter'); // opens the browser's calendar (not drivable headless)
  // A day picked in the calendar is written into the text field as typed, and recomputes.
  await page.evaluate(() => {
    const calendar = document.querySelector('.date-native');
    calendar.value = '2026-05-31';
    calendar.dispatchEvent(new Event('change', { bubbles: true }));
  });
  assert.equal(await page.inputValue(byName('validity.end')), '2026-05-31');
  assert.equal((await readResults(page)).top_up_until, '2026-05-31');
  // Rows added later get a picker too; every date field has one.
  await page.click('#add-top-up');
  await page.click('#add-renewal');
  await page.fill(byName('renewals[0].date'), '2026-06-01');
  await page.fill(byName('renewals[0].new_end'), '2026-12-31');
  const missing = await page.$$eval('input.date', (inputs) => inputs.filter((i) => !i.parentElement.querySelector('.date-pick')).map((i) => i.name));
  assert.deepEqual(missing, []);
  // At phone width the renewal rows (two dates among four fields) show none.
  assert.equal(await page.isVisible(`${byName('renewals[0].date')} ~ .date-pick`), false);
  assert.equal(await page.isVisible(`${byName('top_ups[0].date')} ~ .date-pick`), true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `phone: horizontal scroll of ${overflow}px`);
  await page.screenshot({ path: join(OUT_DIR, 'typed-date-picker-phone.png') });
  await page.locator('#add-renewal').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT_DIR, 'typed-date-picker-renewals-phone.png') });
  await page.click('[data-lang="en"]');
  assert.equal(await page.getAttribute(`${byName('validity.end')} ~ .date-pick`, 'aria-label'), 'Pick a date: Validity end');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
