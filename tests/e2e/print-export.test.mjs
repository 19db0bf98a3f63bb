// Issue 20, items 1 and 2, in headless Chromium, doing what the user did:
// 1. A wrong input marks every result view stale (attribute and look) on the calculator, the
//    what-if and the 400-number pages; print (the button and Ctrl+P), CSV, JSON and the share link
//    refuse and name the field, in Chinese and English; no file is downloaded. A volume cleared and
//    typed again never shows a half-read total.
// 2. The calculator's plan printed on A4 landscape (every month's amounts and dates in the printed
//    sheet, nothing wider than the paper), a month's statement on A4 portrait (parties, contract
//    number, every line with its formula, figures and 大写, the four dates; English all English),
//    the CSV checked cell by cell against hand-worked values, JSON save → open, and the share link
//    opened in a fresh browser.
// `window.print` is replaced by a counter: the browser's print dialog is not the page's; the
// print itself is `page.pdf()`, which runs the page's beforeprint as Ctrl+P does.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LAPTOP, OUT_DIR, PHONE, WORKED_EXAMPLE, byName, fillScenario, newPage, paste, readResults, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** A page whose `window.print` only counts (the dialog is the browser's). */
async function open(viewport, path = '/', { clipboard = false } = {}) {
  const made = await newPage(env.browser, { viewport });
  if (clipboard) await made.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  await made.page.addInitScript(() => {
    window.printed = 0;
    window.print = () => {
      window.printed += 1;
    };
  });
  await made.page.goto(`${env.base}${path}`);
  await made.page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
  let downloads = 0;
  made.page.on('download', () => {
    downloads += 1;
  });
  return { ...made, downloads: () => downloads };
}

/** The pages of a PDF: [[width, height] in points] from its MediaBoxes. */
function pdfPages(buffer) {
  const text = buffer.toString('latin1');
  return [...text.matchAll(/\/Type\s*\/Page[^s][\s\S]*?\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}
const A4_PORTRAIT = [595, 842];
const A4_LANDSCAPE = [842, 595];

/** RFC 4180 rows of a CSV text (after its byte-order mark). */
function parseCsv(text) {
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 byte-order mark');
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 1; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      rows[rows.length - 1].push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows[rows.length - 1].push(field);
      field = '';
      rows.push([]);
      i += 1;
    } else field += c;
  }
  rows.pop(); // after the last CRLF
  return rows;
}

/** Is the element greyed (the stale look: grayscale filter and a dashed outline)? */
const looksStale = (page, selector) => page.$eval(selector, (n) => {
  const s = getComputedStyle(n);
  return s.filter.includes('grayscale') && s.outlineStyle === 'dashed';
});

// The calculator's scenario, by hand (terms of the worked example: p 2.50, s0 0.35, F 1.00, k 1,
// calendar days, report by day 5 two months later, confirm 5, invoice 0, pay 15):
//   2026-01: T 10000, s 0.30, N 500, m 10, telecom 1234.56 → 7500.00 − 500.00 − 150.00 + 1234.56
//            = 8084.56; report 2026-03-05, confirmed 03-10, invoiced 03-10, paid by 03-25.
//   2026-02: T 12000, s 0.40 (above target: no penalty), nothing sampled, no telecom → 2.50 × 0.4
//            × 12000 = 12000.00; report 04-05 is a Sunday of 清明 (04-04…06) → Tue 04-07;
//            +5 = Sun 04-12 → Mon 04-13; invoiced 04-13; +15 = Tue 04-28 (民法典 第二百零三条).
//   Plan total 8084.56 + 12000.00 = 20084.56: 人民币贰万零捌拾肆元伍角陆分.
const PLAN = {
  terms: WORKED_EXAMPLE.terms,
  months: [
    WORKED_EXAMPLE.months[0],
    { month: '2026-02', volume: '12000', success_rate: '0.40' },
  ],
};
const CONTRACT = { contract_no: '-HT-2026-001', 'parties.a': '上海某某科技有限公司', 'parties.b': '@某某外呼服务中心' };

async function fillPlan(page) {
  await fillScenario(page, PLAN);
  for (const [path, value] of Object.entries(CONTRACT)) await page.fill(byName(path), value);
  const r = await readResults(page);
  assert.equal(r.year_total, '20084.56');
}

test('calculator: a wrong input greys every result and every tool says why it cannot run (laptop zh, phone en)', async () => {
  const { page, context, problems, downloads } = await open(LAPTOP);
  await fillPlan(page);
  await page.fill(byName('terms.unit_price'), 'abc');
  await page.fill(byName('months[1].volume'), '2万');
  assert.equal(await page.getAttribute('#results', 'data-state'), 'stale');
  assert.equal(await page.getAttribute('#year', 'data-state'), 'stale');
  assert.equal(await page.getAttribute('body', 'data-state'), 'stale');
  assert.ok(await looksStale(page, '#results .bill-body'), 'the bill greyed and framed');
  assert.ok(await looksStale(page, '#results .check-steps'), 'the clerk\'s check greyed');
  assert.ok(await looksStale(page, '#year .cashflow'), 'the cash flow greyed');
  assert.ok(await page.locator('#results .stale-note').isVisible());
  for (const tool of ['print-plan', 'print-statement', 'export-csv', 'save-json', 'copy-link']) {
    await page.click(`[data-tool="${tool}"]`);
    const said = await page.textContent('#export-status');
    assert.match(said, /^无法/, tool);
    assert.match(said, /成功单价 p（元\/单）、2026-02 外呼量 T（条）/, `${tool}: the fields by name`);
  }
  assert.equal(await page.evaluate(() => window.printed), 0, 'no print dialog');
  assert.equal(downloads(), 0, 'no file');
  // Ctrl+P: the printed sheet is the refusal, not the last figures.
  const pdf = await page.pdf({ preferCSSPageSize: true });
  assert.equal(pdfPages(pdf).length, 1);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.print-refusal').isVisible());
  assert.match(await page.textContent('.print-refusal'), /无法打印：请先更正 成功单价/);
  assert.equal(await page.locator('.print-sheets').isVisible(), false);
  assert.equal(await page.locator('#results').isVisible(), false);
  await page.screenshot({ path: join(OUT_DIR, 'print-refused-zh.png') });
  await page.emulateMedia({ media: null });
  await page.screenshot({ path: join(OUT_DIR, 'stale-calculator-laptop-zh.png'), fullPage: true });
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();

  // Phone, English: the sticky total crossed out, the refusal in English naming the field.
  const phone = await open(PHONE);
  await phone.page.click('[data-lang="en"]');
  await phone.page.fill(byName('months[0].volume'), '');
  assert.equal(await phone.page.getAttribute('body', 'data-state'), 'stale');
  assert.equal(await phone.page.$eval('.total-bar-amount', (n) => getComputedStyle(n).textDecorationLine), 'line-through');
  await phone.page.click('[data-tool="export-csv"]');
  assert.equal(await phone.page.textContent('#export-status'),
    'Cannot export CSV: fix Records worked T first (the results are not up to date, and no figure that does not match the inputs goes out).');
  assert.equal(phone.downloads(), 0);
  const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `no horizontal scroll (${width})`);
  await phone.page.locator('#export-tools').scrollIntoViewIfNeeded();
  await phone.page.screenshot({ path: join(OUT_DIR, 'stale-calculator-phone-en.png') });
  await phone.context.close();
});

test('calculator: the plan prints on A4 landscape, a month’s statement on A4 portrait, zh and en', async () => {
  const { page, context, problems } = await open(LAPTOP);
  // Twelve months pasted as a clerk does (month, volume, rate, sampled, inaccurate, telecom), then
  // the contract's texts. Month i: T = 10000 + 1000i, s 0.30, 500 sampled with 10 inaccurate, no
  // telecom: total 0.75T − 0.05T − 0.015T = 0.685T.
  const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
  await paste(page, 'months[0].month', `${months.map((m, i) => `${m}\t${10000 + 1000 * i}\t0.30\t500\t10\t0`).join('\r\n')}\r\n`);
  for (const [path, value] of Object.entries(CONTRACT)) await page.fill(byName(path), value);
  const grid = await readResults(page);
  // Ctrl+P before any button: the plan, on landscape paper.
  assert.ok(pdfPages(await page.pdf({ preferCSSPageSize: true })).every((size) => size.join() === A4_LANDSCAPE.join()));

  await page.click('[data-tool="print-plan"]');
  assert.equal(await page.evaluate(() => window.printed), 1);
  assert.equal(await page.getAttribute('html', 'data-print'), 'plan');
  const plan = pdfPages(await page.pdf({ preferCSSPageSize: true }));
  assert.ok(plan.length >= 1 && plan.every((size) => size.join() === A4_LANDSCAPE.join()), `A4 landscape: ${JSON.stringify(plan)}`);
  // The printed DOM at the paper's width (A4 landscape less 10 mm margins: 277 mm = 1047 px).
  await page.setViewportSize({ width: 1047, height: 740 });
  await page.emulateMedia({ media: 'print' });
  const sheet = page.locator('.sheet-plan');
  assert.ok(await sheet.isVisible());
  assert.equal(await page.locator('.sheet-statement').isVisible(), false);
  for (let i = 0; i < 12; i += 1) {
    const row = sheet.locator(`tr[data-month="${months[i]}"]`);
    assert.ok(await row.isVisible(), months[i]);
    assert.equal(await row.locator('[data-line="total"]').getAttribute('data-value'), grid[`months[${i}].total`]);
    for (const key of ['report_due', 'invoice_by', 'payment_due']) {
      assert.equal(await row.locator(`[data-date="${key}"]`).textContent(), grid[`months[${i}].${key}`], `${months[i]} ${key}`);
    }
  }
  // By hand: 2026-01 is 0.685 × 10000 = 6850.00 (no telecom); 2026-02 paid by 04-28 (清明).
  assert.equal(await sheet.locator('tr[data-month="2026-01"] [data-line="total"]').textContent(), '6,850.00');
  assert.equal(await sheet.locator('tr[data-month="2026-02"] [data-date="payment_due"]').textContent(), '2026-04-28');
  assert.equal(await sheet.locator('[data-print="total"]').getAttribute('data-value'), grid.year_total);
  // Nothing cut: every cell inside the paper's width.
  const overflow = await page.$eval('.sheet-plan', (n) => {
    const right = Math.max(...[...n.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect().right));
    return { right, width: document.documentElement.clientWidth };
  });
  assert.ok(overflow.right <= overflow.width, `cells within the paper: ${JSON.stringify(overflow)}`);
  await page.screenshot({ path: join(OUT_DIR, 'print-plan-zh.png'), fullPage: true });
  await page.emulateMedia({ media: null });
  await page.setViewportSize(LAPTOP);

  // The statement of the second month, portrait.
  await page.check('input[name="detail_month"][value="1"]');
  await page.click('[data-tool="print-statement"]');
  assert.match(await page.textContent('#export-status'), /2026-02 结算单/);
  const statement = pdfPages(await page.pdf({ preferCSSPageSize: true }));
  assert.deepEqual(statement, [A4_PORTRAIT], 'one A4 portrait page');
  await page.setViewportSize({ width: 688, height: 1000 }); // 210 − 28 mm
  await page.emulateMedia({ media: 'print' });
  const st = page.locator('.sheet-statement');
  assert.ok(await st.isVisible());
  assert.equal(await page.locator('.sheet-plan').isVisible(), false);
  const meta = await st.locator('.sheet-meta').textContent();
  for (const text of ['-HT-2026-001', '上海某某科技有限公司', '@某某外呼服务中心', '2026-02']) assert.ok(meta.includes(text), text);
  // 2026-02: T 11000: fee 8250.00, penalty −550.00, inaccuracy −165.00, total 7535.00.
  assert.equal(await st.locator('[data-line="service_fee"] .sheet-formula').textContent(), 'p × s × T = 2.50 × 0.3 × 11000');
  assert.equal(await st.locator('[data-line="service_fee"] .num').textContent(), '8,250.00');
  assert.equal(await st.locator('[data-line="shortfall_penalty"] .num').textContent(), '-550.00');
  assert.equal(await st.locator('[data-line="inaccuracy_deduction"] .num').textContent(), '-165.00');
  assert.equal(await st.locator('[data-line="telecom_charges"] .sheet-formula').textContent(), '当月实际电话费 = 0');
  assert.equal(await st.locator('[data-print="total"]').textContent(), '7,535.00 元');
  assert.equal(await st.locator('[data-print="capital"]').textContent(), '人民币柒仟伍佰叁拾伍元整');
  assert.deepEqual(await st.locator('.sheet-dates td').allTextContents(), ['2026-04-07', '2026-04-13', '2026-04-13', '2026-04-28']);
  assert.match(await st.locator('.sheet-sign').textContent(), /甲方（盖章）上海某某科技有限公司/);
  const stRight = await page.$eval('.sheet-statement', (n) => Math.max(...[...n.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect().right)));
  assert.ok(stRight <= 688, `statement within the paper (${stRight})`);
  await page.screenshot({ path: join(OUT_DIR, 'print-statement-zh.png'), fullPage: true });
  await page.emulateMedia({ media: null });

  // English: every word of the statement in English (the 大写 amount is the one Chinese form;
  // the parties are as entered).
  await page.click('[data-lang="en"]');
  await page.click('[data-tool="print-statement"]');
  assert.equal(await page.textContent('#export-status'), 'Printing the statement of 2026-02 (A4 portrait).');
  await page.pdf({ preferCSSPageSize: true });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await st.locator('h1').textContent(), 'Settlement statement');
  assert.equal(await st.locator('[data-line="telecom_charges"] .sheet-formula').textContent(), 'actual telephone charges = 0');
  assert.equal(await st.locator('[data-line="service_fee"] th').textContent(), 'Service fee');
  const words = await page.$eval('.sheet-statement', (n) => [...n.querySelectorAll('h1, h2, th, td:not([data-print="capital"]), p, .sheet-sign span:not(.sheet-blank)')]
    .map((c) => c.textContent).join(' ').replace(/上海某某科技有限公司|@某某外呼服务中心/g, ''));
  assert.doesNotMatch(words, /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/, 'no Chinese but the parties and 大写');
  await page.screenshot({ path: join(OUT_DIR, 'print-statement-en.png'), fullPage: true });
  // The plan in English too.
  await page.emulateMedia({ media: null });
  await page.click('[data-tool="print-plan"]');
  await page.pdf({ preferCSSPageSize: true });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.sheet-plan h1').textContent(), 'Call-centre settlement plan');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('calculator: CSV cell by cell, JSON save → open (errors at their fields), share link in a fresh browser', async () => {
  const { page, context, problems } = await open(LAPTOP, '/', { clipboard: true });
  await fillPlan(page);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-tool="export-csv"]')]);
  assert.equal(csv.suggestedFilename(), 'HT-2026-001.csv');
  const rows = parseCsv(readFileSync(await csv.path(), 'utf8'));
  assert.deepEqual(rows[0], ['字段', '路径', '值']);
  const term = (path) => rows.find((r) => r[1] === path);
  assert.deepEqual(term('terms.project_kind'), ['项目类型', 'terms.project_kind', '服务类（单价 p）']);
  assert.deepEqual(term('terms.unit_price'), ['成功单价 p（元/单）', 'terms.unit_price', '2.50']);
  assert.deepEqual(term('terms.target_rate'), ['目标成功率 s0', 'terms.target_rate', '0.35']);
  assert.deepEqual(term('terms.penalty_per_unit'), ['未达标扣罚 F（元/条）', 'terms.penalty_per_unit', '1.00']);
  assert.deepEqual(term('terms.inaccuracy_multiplier'), ['数据不实扣罚倍数 k', 'terms.inaccuracy_multiplier', '1'], 'left empty: the default');
  assert.deepEqual(term('terms.settlement.payment_days'), ['收票后付款天数', 'terms.settlement.payment_days', '15']);
  assert.deepEqual(term('terms.settlement.day_count'), ['计日方式', 'terms.settlement.day_count', '自然日']);
  // Texts that a spreadsheet would run get a ' in front; a plain negative number does not.
  assert.deepEqual(term('contract_no'), ['合同编号', 'contract_no', "'-HT-2026-001"]);
  assert.deepEqual(term('parties.a'), ['甲方名称', 'parties.a', '上海某某科技有限公司']);
  assert.deepEqual(term('parties.b'), ['乙方名称', 'parties.b', "'@某某外呼服务中心"]);
  const blank = rows.findIndex((r) => r.length === 1 && r[0] === '');
  assert.ok(blank > 0, 'a blank row between the terms and the months');
  assert.equal(blank, rows.findIndex((r) => r[1] === 'parties.b') + 1);
  assert.deepEqual(rows[blank + 1], [
    '工作月份', '外呼量 T（条）', '成功率 s', '成功单数 n（单）', '抽查记录数 N', '其中不实记录数 m', '通讯费（元）',
    '本月试访记录数（不计入 T）', '超上限试访的成功单数', '实际收到报表', '实际核对确认', '实际收到发票', '实际付款',
    '服务费（元）', '未达标扣罚或超额奖励（元）', '数据不实扣罚（元）', '计入的通讯费（元）', '应结算金额',
    '报表送达', '核对确认', '开具发票', '付款截止',
  ]);
  assert.deepEqual(rows[blank + 2], [
    '2026-01', '10000', '0.30', '', '500', '10', '1234.56', '', '', '', '', '', '',
    '7500.00', '-500.00', '-150.00', '1234.56', '8084.56', '2026-03-05', '2026-03-10', '2026-03-10', '2026-03-25',
  ]);
  assert.deepEqual(rows[blank + 3], [
    '2026-02', '12000', '0.40', '', '', '', '', '', '', '', '', '', '',
    '12000.00', '0.00', '0.00', '0.00', '12000.00', '2026-04-07', '2026-04-13', '2026-04-13', '2026-04-28',
  ]);
  assert.deepEqual(rows[blank + 4], ['合计', ...Array(16).fill(''), '20084.56', '', '', '', '']);
  assert.equal(rows.length, blank + 5);
  // In English: the same cells under English labels.
  await page.click('[data-lang="en"]');
  const [csvEn] = await Promise.all([page.waitForEvent('download'), page.click('[data-tool="export-csv"]')]);
  const en = parseCsv(readFileSync(await csvEn.path(), 'utf8'));
  assert.deepEqual(en[0], ['Field', 'Path', 'Value']);
  assert.deepEqual(en.find((r) => r[1] === 'terms.settlement.day_count'), ['Day count', 'terms.settlement.day_count', 'Calendar days']);
  assert.deepEqual(en[blank + 1].slice(13, 18), ['Service fee (CNY)', 'Shortfall penalty or bonus (CNY)', 'Inaccurate-data deduction (CNY)', 'Telecom charges billed (CNY)', 'Total due']);
  assert.deepEqual(en.slice(blank + 2), rows.slice(blank + 2).map((r, i) => (i === 2 ? ['Total', ...r.slice(1)] : r)));
  await page.click('[data-lang="zh"]');

  // JSON: saved, the page changed, the file opened again: the scenario is back.
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-tool="save-json"]')]);
  const saved = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.deepEqual(saved.parties, { a: '上海某某科技有限公司', b: '@某某外呼服务中心' });
  assert.equal(saved.contract_no, '-HT-2026-001');
  assert.equal(saved.months.length, 2);
  await page.click('[data-action="reset-example"]');
  assert.equal((await readResults(page)).year_total, '8084.56');
  assert.equal(await page.inputValue(byName('contract_no')), '');
  await page.setInputFiles('#export-open', await json.path());
  await page.waitForFunction(() => document.querySelector('[name="contract_no"]').value === '-HT-2026-001');
  assert.equal((await readResults(page)).year_total, '20084.56');
  assert.equal(await page.inputValue(byName('months[1].volume')), '12000');
  assert.match(await page.textContent('#export-status'), /^已打开 .+。$/);

  // A file with a wrong value goes through the module's reader: the error at its field.
  const bad = join(OUT_DIR, 'print-export-bad.json');
  writeFileSync(bad, JSON.stringify({ ...saved, terms: { ...saved.terms, unit_price: '2.5元' } }));
  await page.setInputFiles('#export-open', bad);
  await page.waitForSelector('[data-error-path="terms.unit_price"]');
  assert.equal(await page.getAttribute(byName('terms.unit_price'), 'aria-invalid'), 'true');
  assert.match(await page.textContent('#export-status'), /有些输入有误/);
  // Not a scenario at all: said at the tools, nothing changes.
  writeFileSync(bad, '[1, 2]');
  await page.setInputFiles('#export-open', bad);
  await page.waitForFunction(() => /不是结算方案/.test(document.getElementById('export-status').textContent));
  assert.equal(await page.inputValue(byName('terms.unit_price')), '2.5元');
  await page.setInputFiles('#export-open', await json.path());
  await page.waitForFunction(() => document.body.dataset.state === 'fresh');

  // The share link: copied, opened in a browser that has never seen the page.
  await page.click('[data-tool="copy-link"]');
  await page.waitForFunction(() => document.getElementById('export-status').dataset.status === 'link_copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#s=v1\./);
  const fresh = await newPage(env.browser, { viewport: PHONE });
  await fresh.page.goto(link);
  await fresh.page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal((await readResults(fresh.page)).year_total, '20084.56');
  assert.equal(await fresh.page.inputValue(byName('parties.b')), '@某某外呼服务中心');
  assert.equal(await fresh.page.inputValue(byName('contract_no')), '-HT-2026-001');
  await fresh.context.close();
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('what-if: a cleared volume typed again never shows a half-read total; stale views and refusals, zh and en', async () => {
  const { page, context, problems, downloads } = await open(LAPTOP, '/whatif.html');
  // By hand, with the example's other inputs (p 2.50, s 0.30, s0 0.35, F 1.00, 500 sampled with 10
  // inaccurate, telecom 1234.56): total = 0.75T − 0.05T − 0.015T + 1234.56 = 0.685T + 1234.56,
  // for T ≥ 500 (fewer records than sampled is an error).
  const expected = { 2: null, 20: null, 200: null, 2000: '2604.56', 20000: '14934.56' };
  await page.fill(byName('months[0].volume'), '');
  assert.equal(await page.getAttribute('#results', 'data-state'), 'stale');
  let typed = '';
  for (const digit of '20000') {
    typed += digit;
    await page.type(byName('months[0].volume'), digit);
    const state = await page.getAttribute('#results', 'data-state');
    const total = (await readResults(page)).total;
    if (expected[typed]) {
      assert.equal(state, 'fresh', typed);
      assert.equal(total, expected[typed], typed);
    } else {
      assert.equal(state, 'stale', `${typed}: stale while the volume is wrong`);
      for (const view of ['#results', '#sweep', '#solve']) assert.equal(await page.getAttribute(view, 'data-state'), 'stale', view);
      assert.ok(await looksStale(page, '#results .wi-lines'), 'bill greyed');
      assert.ok(await looksStale(page, '#results .wi-capital'), '大写 greyed');
      assert.ok(await looksStale(page, '#sweep .chart-figure'), 'chart greyed');
      assert.ok(await looksStale(page, '#solve .wi-solve-out'), 'solve greyed');
    }
  }

  // "2万" as the volume: everything stale, every tool refuses naming the field.
  await page.fill(byName('months[0].volume'), '2万');
  assert.ok(await page.locator('#results .stale-note').isVisible());
  assert.ok(await page.locator('#sweep .stale-note').isVisible());
  for (const action of ['print', 'export-csv', 'save-json', 'copy-link']) {
    await page.click(`[data-action="${action}"]`);
    assert.match(await page.textContent('#share-status'), /^无法.*外呼量 T（条）/, action);
  }
  assert.equal(await page.evaluate(() => window.printed), 0);
  assert.equal(downloads(), 0);
  await page.pdf({ preferCSSPageSize: true });
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.textContent('.print-refusal'), /无法打印：请先更正 外呼量 T（条）/);
  assert.equal(await page.locator('.sheet-statement').isVisible(), false);
  await page.emulateMedia({ media: null });
  await page.screenshot({ path: join(OUT_DIR, 'stale-whatif-laptop-zh.png'), fullPage: true });
  await page.click('[data-lang="en"]');
  await page.click('[data-action="export-csv"]');
  assert.match(await page.textContent('#share-status'), /^Cannot export CSV: fix Records worked T first/);
  // A second scenario with its own mistake: the tools that carry every scenario name it.
  await page.fill(byName('months[0].volume'), '20000');
  await page.click('[data-action="duplicate"]');
  await page.fill(byName('terms.unit_price'), 'abc');
  await page.click('[data-tab="0"], [data-scenario="0"]');
  assert.equal(await page.getAttribute('#results', 'data-state'), 'fresh');
  await page.click('[data-action="save-json"]');
  assert.match(await page.textContent('#share-status'), /^Cannot save JSON: fix .* · Price per successful order p \(CNY\) first/);
  assert.equal(await page.getAttribute('#compare', 'data-state'), 'stale');
  assert.equal(downloads(), 0);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();

  // Phone, English: the price typed wrong greys the bill and its 大写; print says why.
  const phone = await open(PHONE, '/whatif.html');
  await phone.page.click('[data-lang="en"]');
  await phone.page.fill(byName('terms.unit_price'), 'abc');
  assert.ok(await looksStale(phone.page, '#results .wi-lines'));
  assert.ok(await looksStale(phone.page, '#results .wi-capital'));
  assert.ok(await phone.page.locator('#results .stale-note').isVisible());
  await phone.page.click('[data-action="print"]');
  assert.equal(await phone.page.textContent('#share-status'),
    'Cannot print: fix Price per successful order p (CNY) first (the results are not up to date, and no figure that does not match the inputs goes out).');
  assert.equal(await phone.page.evaluate(() => window.printed), 0);
  const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `no horizontal scroll (${width})`);
  await phone.page.locator('#results').screenshot({ path: join(OUT_DIR, 'stale-whatif-phone-en.png') });
  await phone.context.close();
});

test('400-number page: a wrong balance greys every result view, the plan cannot be applied, print refuses (phone)', async () => {
  const { page, context, problems } = await open(PHONE, '/account400.html');
  await page.fill(byName('inbound.balance'), '1,0x');
  assert.equal(await page.getAttribute('#results', 'data-state'), 'stale');
  assert.equal(await page.getAttribute('#projection', 'data-state'), 'stale');
  assert.ok(await looksStale(page, '#projection .rows-wrap'), 'table greyed');
  assert.ok(await looksStale(page, '#projection .chart-figure'), 'chart greyed');
  assert.ok(await page.locator('#projection .stale-note').isVisible());
  assert.equal(await page.$eval('.renew-bar strong', (n) => getComputedStyle(n).textDecorationLine), 'line-through');
  assert.ok(await page.locator('#apply-plan').isDisabled());
  await page.pdf({ preferCSSPageSize: true });
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.textContent('.print-refusal'), /^无法打印：请先更正 当前余额/);
  assert.equal(await page.locator('#projection').isVisible(), false);
  await page.emulateMedia({ media: null });
  await page.locator('#projection').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT_DIR, 'stale-account400-phone-zh.png') });
  await page.fill(byName('inbound.balance'), '250.00');
  assert.equal(await page.getAttribute('#projection', 'data-state'), 'fresh');
  assert.equal(await page.locator('#apply-plan').isDisabled(), false);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
