// The 400-number account page (www/account400.html, contract 2) in headless Chromium: reached
// through its tab on the main page; the example on load checked against figures worked by hand
// from the module's documented rules (src/account400.rs); a top-up that just reaches the
// validity end vs one fen less; the outbound-before-inbound error at its field; the advertising
// warning; top-up rows added and removed; only the page's own files, no CSP violation, no console
// error; no horizontal scroll at phone width; screenshots at laptop and phone width in zh and en;
// the chart's mark labels without overlap, the rows' fields whole on a phone, the chart's axes as
// the calculator's.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LAPTOP, OUT_DIR, PHONE, ROOT_DIR, byName, newPage, readErrors, readResults, readWarnings, start, ownFile } from './helpers.mjs';

const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

// The example on load (the inputs as the page fills them):
//   signed 2026-03-02 (Mon), activated 2026-03-20, advertising from 2026-03-25,
//   validity 2026-04-01 … 2026-06-30 (91 days), balances as of 2026-04-01;
//   inbound  opened 04-01, 400.00, fee 30.00/month, 1500 min × 0.20 = 300.00/month;
//   outbound opened 04-15, 250.00, fee 20.00/month,  600 min × 0.15 =  90.00/month;
//   no planned top-up (issue 20: the customer enters her own).
// Worked by hand with the module's rules (fee on the 1st; the opening month's fee pro rata by the
// days open; usage U × days ÷ days-in-month rounded once; a day is served if the balance after
// that day's top-ups covers its charges):
// - documents_due: 7 Chinese working days after Mon 03-02: 03-03, 04, 05, 06, 09, 10, 11 (no
//   holiday in between) → 2026-03-11.
// - Inbound: April 30 + 300 = 330 → 400 − 330 = 70.00 on 04-30. May (31 days): day k costs
//   r(300k ÷ 31) − r(300(k − 1) ÷ 31): 9.68, 9.67, 9.68, 9.68, 9.68 … 05-01: fee 30 + 9.68 =
//   39.68 → 30.32; 05-02: 9.67 → 20.65; 05-03: 9.68 → 10.97; 05-04: 9.68 → 1.29; 05-05 needs
//   9.68, has 1.29 → inbound.runs_out 2026-05-05; stopped, charged nothing: balance_at_end 1.29.
// - Outbound: 04-15 fee pro rata 20 × 16 ÷ 30 = 10.666… → 10.67, + 3.00 (90 ÷ 30 a day) → 236.33;
//   15 more April days × 3 = 45 → 191.33 on 04-30; May, r(90k ÷ 31): 05-01 fee 20 + 2.90 →
//   168.43; 05-02: 2.91 → 165.52; 05-03: 2.90 → 162.62; 05-04: 2.90 → 159.72. From 05-05
//   suspended (inbound ran out): outbound_suspended 2026-05-05, outbound_forfeited 159.72 (its
//   balance that day), balance_at_end 159.72, outbound.runs_out null (its own balance did not
//   run out while in service).
// - renew_by: the last day inbound covers, 05-04 (05-05 is its run-out day), renew_reason
//   inbound_runs_out; validity_end 2026-06-30 (no renewal).
// - Smallest top-ups on 2026-04-01 (top_up_date defaults to the balances date): inbound charges
//   over the validity 3 × 330 = 990 against 400 → 590.00; outbound (assuming inbound lasts)
//   (10.67 + 48) + 110 + 110 = 278.67 against 250 → 28.67.
const EXAMPLE = {
  documents_due: '2026-03-11',
  renew_by: '2026-05-04',
  renew_reason: 'inbound_runs_out',
  validity_end: '2026-06-30',
  'inbound.runs_out': '2026-05-05',
  'outbound.runs_out': '暂停前未用完', // null: suspended before its own balance ran out
  outbound_suspended: '2026-05-05',
  outbound_forfeited: '159.72',
  'inbound.balance_at_end': '1.29',
  'outbound.balance_at_end': '159.72',
  'inbound.top_up_needed': '590.00',
  'outbound.top_up_needed': '28.67',
  top_up_date: '2026-04-01',
  top_up_until: '2026-06-30',
};

const pick = (obj, keys) => Object.fromEntries(keys.map((k) => [k, obj[k]]));

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

async function openTab(page) {
  await page.goto(`${env.base}/account400.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
}

test('through the tab: the example on load, hand-checked; edits recompute; own files only, no CSP violation', async () => {
  const requests = [];
  const { page, context, problems } = await newPage(env.browser, {
    beforeGoto: async (p) => {
      p.on('request', (req) => requests.push(req.url()));
      await p.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
        });
      });
    },
  });
  // Through the tab on the main page, when it has one (the nav link); else straight to the page.
  await page.goto(`${env.base}/`);
  const tab = page.locator('a[href="account400.html"]');
  if (await tab.count()) {
    await tab.first().click();
    await page.waitForURL(/account400\.html$/);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
  } else {
    await openTab(page);
  }
  assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content', PAGE_CSP), PAGE_CSP);

  const got = await readResults(page);
  assert.deepEqual(pick(got, Object.keys(EXAMPLE)), EXAMPLE);
  assert.deepEqual(await readErrors(page), []);
  assert.deepEqual(await readWarnings(page), []);
  assert.equal(await page.locator('.top-up-row').count(), 0, 'no planned top-up on load');
  assert.ok(await page.locator('#example-badge').isVisible(), 'the example is marked as such');
  assert.match(await page.textContent('#example-badge'), /示例数据/);
  // The table: 91 days; 05-04 the last inbound day at 1.29, then both stopped.
  assert.equal(await page.locator('#rows-body tr').count(), 91);
  assert.equal(got['rows[0].inbound.balance'], '360.00'); // 400 − 30 − 10
  assert.equal(got['rows[0].outbound.balance'], '250.00'); // opens 04-15
  assert.equal(await page.locator('#rows-body tr').nth(0).locator('.tag-closed').count(), 1, 'outbound not open yet');
  assert.equal(got['rows[14].outbound.balance'], '236.33'); // 04-15: 250 − 10.67 − 3
  assert.equal(got['rows[33].from'], '2026-05-04');
  assert.deepEqual([got['rows[33].inbound.balance'], got['rows[33].outbound.balance']], ['1.29', '159.72']);
  assert.equal(await page.locator('#rows-body tr').nth(33).locator('.tag-off').count(), 0, 'both served on 05-04');
  assert.equal(await page.locator('#rows-body tr').nth(34).locator('.tag-off').count(), 2, 'both accounts off on 05-05');
  assert.ok((await page.locator('#balance-chart canvas').count()) > 0, 'the chart was drawn');

  // Top-ups that just reach the validity end: inbound 590.00 on 05-01 (April closes at 70.00 ≥ 0,
  // so the same figure as on 04-01), and an outbound row of 28.67 on 06-01 (with inbound lasting,
  // May closes at 191.33 − 110 = 81.33; June costs 20 + 90 = 110). Both last, ending at 0.00;
  // renew by the validity end.
  await page.click('#add-top-up');
  await page.fill(byName('top_ups[0].date'), '2026-05-01');
  await page.click('#add-top-up');
  await page.fill(byName('top_ups[1].date'), '2026-06-01');
  await page.selectOption(byName('top_ups[1].account'), 'outbound');
  await page.fill(byName('top_ups[1].amount'), '28.67');
  await page.fill(byName('top_ups[0].amount'), '590.00');
  let r = await readResults(page);
  assert.deepEqual(
    pick(r, ['inbound.runs_out', 'outbound_suspended', 'outbound_forfeited', 'inbound.balance_at_end', 'outbound.balance_at_end', 'renew_by', 'renew_reason', 'inbound.top_up_needed', 'outbound.top_up_needed']),
    {
      'inbound.runs_out': '至有效期末不会用完', outbound_suspended: '不会暂停', outbound_forfeited: '无',
      'inbound.balance_at_end': '0.00', 'outbound.balance_at_end': '0.00',
      renew_by: '2026-06-30', renew_reason: 'validity_end',
      'inbound.top_up_needed': '0.00', 'outbound.top_up_needed': '0.00',
    },
  );
  assert.equal(await page.getAttribute('[data-result="inbound.runs_out"]', 'data-null'), 'true');
  // One fen less: June 30 needs 10.00 and finds 9.99 → inbound runs out on the last day, the
  // last day to renew is 06-29; outbound suspended then, its 3.00 (June 30 not charged)
  // forfeited; 0.01 more needed.
  await page.fill(byName('top_ups[0].amount'), '589.99');
  r = await readResults(page);
  assert.deepEqual(
    pick(r, ['inbound.runs_out', 'outbound_suspended', 'outbound_forfeited', 'inbound.balance_at_end', 'renew_by', 'renew_reason', 'inbound.top_up_needed']),
    {
      'inbound.runs_out': '2026-06-30', outbound_suspended: '2026-06-30', outbound_forfeited: '3.00',
      'inbound.balance_at_end': '9.99', renew_by: '2026-06-29', renew_reason: 'inbound_runs_out',
      'inbound.top_up_needed': '0.01',
    },
  );
  // Month rows: three months, the balances at each month's end.
  await page.selectOption(byName('granularity'), 'month');
  r = await readResults(page);
  assert.equal(await page.locator('#rows-body tr').count(), 3);
  // May's end: inbound 70.00 + 589.99 − 330 = 329.99; outbound 191.33 − 110 = 81.33.
  assert.deepEqual([r['rows[1].inbound.balance'], r['rows[1].outbound.balance']], ['329.99', '81.33']);
  await page.selectOption(byName('granularity'), 'day');

  // Removing both rows restores the example; the undo notice names the row removed, and Undo
  // brings it back.
  await page.click('.top-up-row:nth-child(2) [data-action="remove-top-up"]');
  assert.equal(await page.locator('.top-up-row').count(), 1);
  assert.match(await page.textContent('.undo-notice'), /已删除第 2 笔续费（2026-06-01 外呼 28\.67）/);
  await page.click('.top-up-row:nth-child(1) [data-action="remove-top-up"]');
  assert.deepEqual(pick(await readResults(page), Object.keys(EXAMPLE)), EXAMPLE);
  await page.click('.undo-notice [data-action="undo"]');
  assert.equal(await page.locator('.top-up-row').count(), 1);
  assert.equal(await page.inputValue(byName('top_ups[0].amount')), '589.99');
  assert.equal((await readResults(page))['inbound.runs_out'], '2026-06-30');
  await page.click('.top-up-row:nth-child(1) [data-action="remove-top-up"]');
  assert.deepEqual(pick(await readResults(page), Object.keys(EXAMPLE)), EXAMPLE);

  // Outbound opened before inbound: the error at outbound.opened; results kept, marked stale.
  await page.fill(byName('outbound.opened'), '2026-03-31');
  let errors = await readErrors(page);
  assert.deepEqual(errors.map((e) => `${e.path} ${e.code}`), ['outbound.opened outbound_before_inbound']);
  assert.equal(await page.getAttribute(byName('outbound.opened'), 'aria-invalid'), 'true');
  assert.ok(
    await page.evaluate(() => document.querySelector('[name="outbound.opened"]').nextElementSibling?.dataset.errorPath === 'outbound.opened'),
    'the message right after its field',
  );
  assert.match(errors[0].text, /外呼|被叫/);
  assert.equal(await page.getAttribute('#results', 'data-state'), 'stale');
  await page.fill(byName('outbound.opened'), '2026-04-15');
  assert.deepEqual(await readErrors(page), []);
  assert.equal(await page.getAttribute('#results', 'data-state'), 'fresh');

  // Advertising before activation: a warning, the projection still shown.
  await page.fill(byName('advertising_start'), '2026-03-15');
  assert.deepEqual(await readWarnings(page), ['advertising_before_activation']);
  assert.equal(await page.getAttribute('[data-warning="advertising_before_activation"]', 'data-warning-path'), 'advertising_start');
  assert.equal((await readResults(page)).documents_due, '2026-03-11');
  assert.equal(await page.getAttribute(byName('advertising_start'), 'class'), 'date has-warning');
  await page.fill(byName('advertising_start'), '2026-03-25');
  assert.deepEqual(await readWarnings(page), []);

  // English: the shared language switch.
  await page.click('[data-lang="en"]');
  assert.equal((await readResults(page))['outbound.runs_out'], 'not before the suspension');
  assert.equal(await page.evaluate(() => localStorage.getItem('callsettle.lang')), 'en');
  await page.click('[data-lang="zh"]');

  // Requests: same origin, the page's own files only; no CSP violation, no console error.
  const origin = new URL(env.base).origin;
  for (const url of requests) {
    const u = new URL(url);
    assert.equal(u.origin, origin, `request to another origin: ${url}`);
    assert.ok(ownFile(u.pathname), `not one of the page's own files: ${url}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.equal(await page.locator('[style]:not(#balance-chart, #balance-chart *, #cashflow-chart, #cashflow-chart *)').count(), 0);
  assert.equal(await page.locator('script:not([src])').count(), 0);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

// Issue 18: a 3-year plan for the example on load with the customer's top-up of 300.00 to
// inbound on 2026-05-01 (entered first; the page starts with none), renewals of 12 months at
// 300.00, worked by hand. Horizon 2026-04-01 + 36 months − 1 day = 2029-03-31. Validity periods: to 2026-06-30
// (entered), then renewals on each period's last day: 06-30 → 2027-06-30 → 2028-06-30 →
// 2029-06-30 (three, 900.00). Each top-up is due on the last day its balance still covers (as
// renew-by; the next day is short). Inbound (330.00 a month): 06-01 closes at 0.00, 06-02 is
// short → by 06-01 (renew-by itself) June's remaining 29 days × 10.00 = 290.00; then a whole
// period, due the day before its first day (whose fee the balance would not cover): 12 × 330 =
// 3960.00 by 2026-06-30 and 2027-06-30, 9 × 330 = 2970.00 by 2028-06-30 (to March 2029).
// Outbound (110.00 a month): May closes at 81.33; June's 20.00 fee and 3.00 a day leave 1.33
// after 06-20, so 06-21 is short: 10 days × 3 − 1.33 = 28.67 by 06-20; 12 × 110 = 1320.00 by
// 2026-06-30 and 2027-06-30; 9 × 110 = 990.00 by 2028-06-30. On a day, top-ups before the
// renewal. Total 900 + 11180 + 3658.67 = 15738.67. The chart (as entered) marks renew-by 06-01,
// inbound run-out and outbound suspension 06-02, validity end 06-30.
const PLAN_STEPS = [
  ['2026-06-01', 'top_up', 'inbound', '290.00'],
  ['2026-06-20', 'top_up', 'outbound', '28.67'],
  ['2026-06-30', 'top_up', 'inbound', '3960.00'],
  ['2026-06-30', 'top_up', 'outbound', '1320.00'],
  ['2026-06-30', 'renewal', '', '300.00'],
  ['2027-06-30', 'top_up', 'inbound', '3960.00'],
  ['2027-06-30', 'top_up', 'outbound', '1320.00'],
  ['2027-06-30', 'renewal', '', '300.00'],
  ['2028-06-30', 'top_up', 'inbound', '2970.00'],
  ['2028-06-30', 'top_up', 'outbound', '990.00'],
  ['2028-06-30', 'renewal', '', '300.00'],
];

async function readPlan(page) {
  return page.$$eval('.plan-step', (items) =>
    items.map((li) => [
      li.querySelector('[data-result$=".latest_date"]').textContent,
      li.dataset.stepKind,
      li.dataset.stepAccount ?? '',
      li.querySelector('[data-result$=".amount"]').dataset.value, // the exact amount (shown grouped)
    ]),
  );
}

async function readMarks(page) {
  return page.$$eval('#chart-marks [data-mark]', (items) => items.map((li) => [li.dataset.mark, li.dataset.date]));
}

/** Resolves once the balance chart is drawn at its container's width (it redraws a frame late). */
async function chartDrawn(page) {
  await page.waitForFunction(() => {
    const box = document.getElementById('balance-chart');
    const canvas = box.querySelector('canvas');
    return canvas && Math.abs(canvas.getBoundingClientRect().width - box.clientWidth) < 2 && box.querySelector('.mark-labels');
  });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
}

/**
 * The mark labels shown on the chart: `{ marks, text, box }` each (box in page pixels), and the
 * plot's box (the area under uPlot's cursor layer) and the chart's.
 */
async function readMarkLabels(page) {
  return page.evaluate(() => {
    const rect = (n) => {
      const r = n.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const chart = document.getElementById('balance-chart');
    return {
      labels: [...chart.querySelectorAll('.mark-label')]
        .filter((n) => !n.hidden && n.offsetWidth > 0)
        .map((n) => ({ marks: n.dataset.marks.split(' '), text: n.textContent, box: rect(n) })),
      plot: rect(chart.querySelector('.u-over')),
      chart: rect(chart),
    };
  });
}

/**
 * The fields of the top-up and renewal rows whose value does not show whole: a text field wider
 * than its box, or a select whose chosen option's text is wider than the room beside its arrow.
 */
async function clippedRowFields(page) {
  return page.$$eval('.top-up-row input, .top-up-row select, .renewal-row input, .renewal-row select', (fields) => {
    const ctx = document.createElement('canvas').getContext('2d');
    return fields
      .filter((f) => {
        if (f.tagName === 'INPUT') return f.scrollWidth > f.clientWidth;
        const s = getComputedStyle(f);
        ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const room = f.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 16; // the arrow
        return ctx.measureText(f.selectedOptions[0].textContent).width > room;
      })
      .map((f) => `${f.name}=${f.value} (${f.clientWidth}px)`);
  });
}

const intersect = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * At each width and in each language: the chart's mark labels lie in the band above the plot,
 * inside the chart, none overlapping another, and together name the marks `keys` (those in the
 * plot's range) once each; a screenshot of the chart named `name`.
 */
async function checkMarkLabels(page, keys, name, widths = [LAPTOP, PHONE, { width: 320, height: 700 }]) {
  for (const viewport of widths) {
    await page.setViewportSize(viewport);
    for (const lang of ['zh', 'en']) {
      await page.click(`[data-lang="${lang}"]`);
      await chartDrawn(page);
      const { labels, plot, chart } = await readMarkLabels(page);
      const where = `${viewport.width}px ${lang}`;
      assert.deepEqual(labels.flatMap((l) => l.marks).sort(), [...keys].sort(), `${where}: every mark labelled once`);
      labels.forEach((a, i) => {
        assert.ok(a.box.bottom <= plot.top + 0.5, `${where}: "${a.text}" above the plot`);
        assert.ok(a.box.left >= chart.left - 0.5 && a.box.right <= chart.right + 0.5, `${where}: "${a.text}" inside the chart`);
        for (const b of labels.slice(i + 1)) assert.ok(!intersect(a.box, b.box), `${where}: "${a.text}" overlaps "${b.text}"`);
      });
      await page.locator('.chart-figure').screenshot({ path: join(OUT_DIR, `account400-${name}-${viewport.width}-${lang}.png`) });
    }
  }
  await page.setViewportSize(LAPTOP);
  await page.click('[data-lang="zh"]');
}

test('a 3-year horizon: the renewals and top-ups list, the chart marks, 大写 on the printout; renewal rows', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openTab(page);
  await page.click('#add-top-up');
  await page.fill(byName('top_ups[0].date'), '2026-05-01');
  await page.fill(byName('top_ups[0].amount'), '300.00');
  // No plan on load: the card is hidden; the chart marks the example's dates.
  assert.equal(await page.isVisible('#plan-card'), false);
  const marks = [['renew_by', '2026-06-01'], ['inbound_runs_out', '2026-06-02'], ['outbound_suspended', '2026-06-02'], ['validity_end', '2026-06-30']];
  assert.deepEqual(await readMarks(page), marks);
  assert.match(await page.textContent('[data-mark="renew_by"]'), /最晚续费日/);

  await page.selectOption(byName('plan.horizon_months'), '36');
  await page.fill(byName('plan.renewal_fee'), '300.00');
  await page.waitForFunction(() => document.querySelectorAll('.plan-step').length === 11);
  assert.deepEqual(await readPlan(page), PLAN_STEPS);
  const r = await readResults(page);
  assert.deepEqual(
    pick(r, ['plan.horizon_end', 'plan.renewal_fees', 'plan.inbound_top_ups', 'plan.outbound_top_ups', 'plan.total', 'top_up_until', 'renew_by']),
    {
      'plan.horizon_end': '2029-03-31', 'plan.renewal_fees': '900.00', 'plan.inbound_top_ups': '11180.00',
      'plan.outbound_top_ups': '3658.67', 'plan.total': '15738.67',
      top_up_until: '2026-06-30', renew_by: '2026-06-01', // the smallest top-ups: to the validity end
    },
  );
  assert.match(await page.textContent('.plan-step:nth-child(5) .plan-what'), /续期至 2027-06-30/);
  // The first inbound top-up is due on the last day to renew shown above, not the day after.
  assert.equal(PLAN_STEPS[0][0], r.renew_by);
  assert.equal(await page.locator('#rows-body tr').count(), 1096, '2026-04-01 … 2029-03-31');
  // The marks are the same (the chart shows the projection as entered), drawn on a wider chart.
  assert.deepEqual(await readMarks(page), marks);
  assert.ok((await page.locator('#balance-chart canvas').count()) > 0);
  // Each listed mark has its key number, as the chart shows it where a name has no room.
  assert.deepEqual(await page.$$eval('#chart-marks .mark-key', (ns) => ns.map((n) => n.textContent)), ['1', '2', '3', '4']);
  // Over three years the four dates lie within a month (06-01 … 06-30): their labels, in the band
  // above the plot, do not overlap each other nor the plot, stay inside the chart, and name every
  // mark (06-01 and 06-02 share one label: their lines are a pixel or two apart).
  await checkMarkLabels(page, marks.map(([key]) => key), 'plan-chart');

  // The printout: each amount also in 大写.
  assert.equal(await page.isVisible('.plan-total.is-total .capital'), false);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.textContent('.plan-total.is-total .capital'), '人民币壹万伍仟柒佰叁拾捌元陆角柒分');
  assert.equal(await page.isVisible('.plan-total.is-total .capital'), true);
  assert.equal(await page.isVisible('#account400'), false, 'no inputs on the printout');
  await page.screenshot({ path: join(OUT_DIR, 'account400-plan-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // English: the list and marks in the other language.
  await page.click('[data-lang="en"]');
  assert.match(await page.textContent('.plan-step:nth-child(5) .plan-what'), /renew to 2027-06-30/);
  assert.match(await page.textContent('[data-mark="renew_by"]'), /Last day to renew/);
  await page.click('[data-lang="zh"]');

  // A renewal row entered as the plan says (06-01 is the last day the number is held):
  // validity to 2027-06-30 and the plan no longer lists that renewal.
  await page.click('#add-renewal');
  await page.fill(byName('renewals[0].date'), '2026-06-01');
  await page.fill(byName('renewals[0].months'), '12');
  assert.equal((await readResults(page)).validity_end, '2027-06-30');
  assert.equal((await readPlan(page)).filter((s) => s[1] === 'renewal').length, 2);
  // One day later the number is already lost (inbound ran out 06-02): refused at the row.
  await page.fill(byName('renewals[0].date'), '2026-06-02');
  const errors = await readErrors(page);
  assert.deepEqual(errors.map((e) => `${e.path} ${e.code}`), ['renewals[0].date renewal_too_late']);
  assert.match(errors[0].text, /2026-06-02/);
  assert.equal(await page.getAttribute('#results', 'data-state'), 'stale');
  await page.click('[data-action="remove-renewal"]');
  assert.deepEqual(await readErrors(page), []);
  assert.equal(await page.locator('.renewal-row').count(), 0);

  // The plan entered by its button: 3 renewal rows and 8 more top-up rows; the number is kept
  // to the horizon (both accounts end at 0.00), nothing is left to plan, and the chart marks the
  // first two renewals' new ends and the renewed validity end (after the horizon, so only
  // listed), as does renew-by.
  await page.click('#apply-plan');
  assert.equal(await page.locator('.renewal-row').count(), 3);
  assert.equal(await page.locator('.top-up-row').count(), 9);
  assert.deepEqual(await readErrors(page), []);
  const kept = await readResults(page);
  assert.deepEqual(
    pick(kept, ['inbound.runs_out', 'outbound_suspended', 'inbound.balance_at_end', 'outbound.balance_at_end', 'validity_end', 'renew_by', 'renew_reason']),
    {
      'inbound.runs_out': '至有效期末不会用完', outbound_suspended: '不会暂停',
      'inbound.balance_at_end': '0.00', 'outbound.balance_at_end': '0.00',
      validity_end: '2029-06-30', renew_by: '2029-06-30', renew_reason: 'validity_end',
    },
  );
  assert.equal(await page.locator('.plan-step').count(), 0);
  assert.equal(await page.isVisible('.plan-none'), true);
  assert.equal(await page.isVisible('#apply-plan'), false);
  assert.equal((await readResults(page))['plan.total'], '0.00');
  assert.deepEqual(await readMarks(page), [
    ['renew_by', '2029-06-30'], ['renewal_end', '2027-06-30'], ['renewal_end', '2028-06-30'], ['validity_end', '2029-06-30'],
  ]);
  assert.match(await page.textContent('[data-mark="renewal_end"]'), /续期至 2027-06-30/);
  await checkMarkLabels(page, ['renewal_end', 'renewal_end'], 'plan-applied-chart', [LAPTOP, PHONE]);
  await page.screenshot({ path: join(OUT_DIR, 'account400-plan-applied.png'), fullPage: true });

  // Phone: no horizontal scroll with the plan shown; every row's field shows its whole value
  // (the renewals' fee 300.00, top-ups of 3960.00, the account "Outbound"), down to 320 px; a
  // screenshot.
  assert.equal(await page.inputValue(byName('renewals[0].fee')), '300.00');
  assert.equal(await page.inputValue(byName('top_ups[3].amount')), '3960.00');
  for (const viewport of [PHONE, { width: 320, height: 700 }, LAPTOP]) {
    await page.setViewportSize(viewport);
    for (const lang of ['zh', 'en']) {
      await page.click(`[data-lang="${lang}"]`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${viewport.width}px ${lang}: horizontal scroll of ${overflow}px`);
      assert.deepEqual(await clippedRowFields(page), [], `${viewport.width}px ${lang}: fields cut off`);
    }
  }
  await page.click('[data-lang="zh"]');
  await page.setViewportSize(PHONE);
  await page.locator('.renewals').screenshot({ path: join(OUT_DIR, 'account400-renewals-phone.png') });
  await page.screenshot({ path: join(OUT_DIR, 'account400-plan-phone.png'), fullPage: true });
  await page.setViewportSize(LAPTOP);
  await page.screenshot({ path: join(OUT_DIR, 'account400-plan-laptop.png'), fullPage: true });
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

// Issue 18, item 3, on the page: each check at its field, worked by hand on the example on load
// (signed Mon 2026-03-02 → documents due Wed 03-11; activated 03-20; inbound runs out 05-05).
async function readWarningPaths(page) {
  return page.$$eval('[data-warning]', (nodes) => nodes.map((n) => `${n.dataset.warningPath} ${n.dataset.warning}`).sort());
}

test('the checks of issue 18 at their fields: documents late, activation, outbound opened while suspended, opening month', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openTab(page);
  // Handed in 03-12, a day after the deadline: the number is released on 03-12, an error at the
  // field (no projection: the results are kept, marked stale).
  await page.fill(byName('documents_submitted'), '2026-03-12');
  let errors = await readErrors(page);
  assert.deepEqual(errors.map((e) => `${e.path} ${e.code}`), ['documents_submitted number_released']);
  assert.match(errors[0].text, /2026-03-11/);
  assert.match(errors[0].text, /2026-03-12/);
  assert.equal(await page.getAttribute(byName('documents_submitted'), 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#results', 'data-state'), 'stale');
  // The message sits under the date field and its calendar button; the field keeps its width
  // (placed inside the field's wrap, it used to squeeze the field to a few characters).
  for (const viewport of [LAPTOP, PHONE]) {
    await page.setViewportSize(viewport);
    const field = await page.locator(byName('documents_submitted')).boundingBox();
    const button = await page.locator('[name="documents_submitted"] ~ .date-pick').boundingBox();
    const message = await page.locator('[data-error-path="documents_submitted"]').boundingBox();
    assert.ok(field.width >= 110, `${viewport.width}px: the field is ${field.width}px wide`);
    assert.ok(Math.abs(button.y - field.y) < 8, `${viewport.width}px: the button beside the field`);
    assert.ok(message.y >= field.y + field.height - 1, `${viewport.width}px: the message under the field`);
  }
  await page.setViewportSize(LAPTOP);
  // On the due day: in time; activated 03-20, after them: nothing to say.
  await page.fill(byName('documents_submitted'), '2026-03-11');
  assert.deepEqual(await readErrors(page), []);
  assert.deepEqual(await readWarnings(page), []);
  assert.equal(await page.getAttribute('#results', 'data-state'), 'fresh');
  // Activated 03-10, before the documents: a warning at the activation date.
  await page.fill(byName('activation_date'), '2026-03-10');
  assert.deepEqual(await readWarningPaths(page), ['activation_date activated_before_documents']);
  // Activated 04-02: the validity (04-01) and inbound (opened 04-01) start before the number
  // works, and so does the advertising (03-25); outbound opens 04-15, after it.
  await page.fill(byName('activation_date'), '2026-04-02');
  assert.deepEqual(await readWarningPaths(page), [
    'advertising_start advertising_before_activation',
    'inbound.opened before_activation',
    'validity.start before_activation',
  ]);
  assert.equal((await readResults(page)).renew_by, '2026-05-04', 'warnings: the projection is still made');
  await page.fill(byName('activation_date'), '2026-03-20');
  assert.deepEqual(await readWarnings(page), []);
  // Outbound opened on 05-05, the day inbound runs out: suspended from its first day, its whole
  // 250.00 forfeited; warned at its opening date.
  await page.fill(byName('outbound.opened'), '2026-05-05');
  assert.deepEqual(await readWarningPaths(page), ['outbound.opened outbound_opened_while_suspended']);
  assert.match(await page.textContent('[data-warning="outbound_opened_while_suspended"]'), /2026-05-05/);
  let r = await readResults(page);
  assert.deepEqual([r.outbound_suspended, r.outbound_forfeited], ['2026-05-05', '250.00']);
  await page.fill(byName('outbound.opened'), '2026-05-04');
  assert.deepEqual(await readWarnings(page), []);
  await page.fill(byName('outbound.opened'), '2026-04-15');
  // The opening month: outbound opens 04-15 with a 20.00 fee. Pro rata (default): 20 × 16 ÷ 30
  // = 10.67 + 3.00 of use → 236.33; in full: 20.00 + 3.00 → 227.00.
  assert.equal((await readResults(page))['rows[14].outbound.balance'], '236.33');
  await page.selectOption(byName('opening_month'), 'full');
  r = await readResults(page);
  assert.equal(r['rows[14].outbound.balance'], '227.00');
  await page.click('[data-lang="en"]');
  assert.match(await page.textContent('label[for="f-opening_month"]'), /opening month/i);
  await page.click('[data-lang="zh"]');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('each page loads its own module: the 400-number page not the calculator\'s, nor the calculator the 400-number one', async () => {
  for (const [path, want] of [['/account400.html', '/pkg/callsettle_account400_bg.wasm'], ['/', '/pkg/callsettle_bg.wasm']]) {
    const wasm = [];
    const { page, context, problems } = await newPage(env.browser, {
      beforeGoto: async (p) => p.on('request', (req) => {
        if (new URL(req.url()).pathname.endsWith('.wasm')) wasm.push(new URL(req.url()).pathname);
      }),
    });
    await page.goto(`${env.base}${path}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
    assert.deepEqual(wasm, [want], `${path}: one request, the preload that boot.js compiles`);
    assert.deepEqual(problems, { console: [], page: [], failed: [] }, path);
    await context.close();
  }
});

// The two charts of the product share one axis style: each uPlot made on the page is recorded
// (a subclass put in place of the global the library's script defines) with its axes' options.
test('the balance chart\'s axes look as the calculator\'s cash-flow chart\'s: fonts, colours, ticks, grid', async () => {
  const styles = {};
  for (const [path, chart] of [['/account400.html', '#balance-chart'], ['/', '#cashflow-chart']]) {
    const { page, context, problems } = await newPage(env.browser, {
      beforeGoto: (p) =>
        p.addInitScript(() => {
          window.__axes = [];
          let made;
          Object.defineProperty(window, 'uPlot', {
            configurable: true,
            get: () => made,
            set(Lib) {
              made = class extends Lib {
                constructor(opts, data, target) {
                  window.__axes.push({ id: target.id, axes: JSON.parse(JSON.stringify(opts.axes)) });
                  super(opts, data, target);
                }
              };
            },
          });
        }),
    });
    await page.goto(`${env.base}${path}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
    await page.waitForFunction((id) => window.__axes.some((a) => a.id === id), chart.slice(1), { timeout: 10_000 });
    const { axes } = (await page.evaluate(() => window.__axes)).find((a) => a.id === chart.slice(1));
    // Font, title font, colour, tick and grid colours of each axis (the x axis has no grid).
    styles[chart] = axes.map((a) => [a.font, a.labelFont, a.stroke, a.ticks?.stroke, a.grid?.show === false ? 'no grid' : a.grid?.stroke]);
    assert.ok(axes.every((a) => a.label), `${path}: every axis titled`);
    assert.deepEqual(problems, { console: [], page: [], failed: [] }, path);
    await context.close();
  }
  const [x, y] = styles['#balance-chart'];
  assert.deepEqual([x, y], styles['#cashflow-chart'].slice(0, 2), 'date axis and amount axis as the calculator\'s');
  assert.match(y[0], /^12px /);
  assert.match(y[1], /^600 12px /);
});

test('the page source: no external reference, no network API, money never parsed in JS', async () => {
  for (const f of ['account400.html', 'account400.js', 'account400.css', 'account400-chart.js', 'account400-chart.css', 'account400-renewals.js', 'i18n-account400.js', 'style.css']) {
    const text = await readFile(join(ROOT_DIR, 'www', f), 'utf8');
    assert.doesNotMatch(text, /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i, `${f}: no external URL`);
    assert.doesNotMatch(text, /@import|@font-face|url\(\s*['"]?https?:/i, `${f}: no remote CSS`);
    assert.doesNotMatch(text, /\b(?:fetch|XMLHttpRequest|sendBeacon|WebSocket|EventSource)\s*\(/, `${f}: no network API`);
  }
  const js = await readFile(join(ROOT_DIR, 'www', 'account400.js'), 'utf8');
  // Its own module (the 400-number functions without the calculator's code).
  assert.match(js, /from '\.\.\/pkg\/callsettle_account400\.js'/);
  assert.doesNotMatch(js, /parseFloat|parseInt|\bNumber\(\s*(?:el|input|node|value)/, 'typed values are sent as text');
});

test('the page catalog has the same keys in zh and en', async () => {
  const { catalog } = await import('../../www/i18n-account400.js');
  assert.deepEqual(Object.keys(catalog.en).sort(), Object.keys(catalog.zh).sort());
  for (const [key, text] of Object.entries(catalog.en)) {
    if (key !== 'weekday_prefix') assert.ok(text && text.length > 0, `en.${key} is empty`);
    if (typeof text === 'string') assert.doesNotMatch(text, /[\u4e00-\u9fff]/, `en.${key} has Chinese: ${text}`);
  }
});

test('phone width: no horizontal scroll; screenshots at laptop and phone width in zh and en', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: PHONE });
  await openTab(page);
  for (const [name, viewport] of [['phone', PHONE], ['laptop', LAPTOP]]) {
    await page.setViewportSize(viewport);
    for (const lang of ['zh', 'en']) {
      await page.click(`[data-lang="${lang}"]`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang === 'zh' ? 'zh-CN' : 'en');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      // The renew-by date stays in view on the phone (a bar), not on the laptop (the results are beside the inputs).
      assert.equal(await page.locator('.renew-bar').isVisible(), name === 'phone');
      assert.equal(await page.textContent('[data-summary="renew_by"]'), '2026-05-04');
      assert.ok(overflow <= 0, `${name} ${lang}: horizontal scroll of ${overflow}px`);
      // The chart is redrawn in the next frame at the new width.
      await page.waitForFunction((w) => {
        const c = document.querySelector('#balance-chart canvas');
        return c && Math.abs(c.getBoundingClientRect().width - document.getElementById('balance-chart').clientWidth) < 2 && w;
      }, viewport.width);
      await page.screenshot({ path: join(OUT_DIR, `account400-${name}-${lang}.png`), fullPage: true });
    }
  }
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
