// Results-file import (issue 17) in headless Chromium: a generated 100 000-row Master.csv through
// the file input `results_file` fills the month grid and the report's counts (read from the page);
// the hand-worked files (GBK, rejections, a custom column order remembered on the device); Cancel;
// screenshots of the report (laptop and phone, zh and en) in tests/e2e/out/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { common } from '../../www/i18n-common.js';
import { LAPTOP, OUT_DIR, PHONE, ROOT_DIR, byName, grouped, newPage, openReady, readErrors, readResults, start } from './helpers.mjs';

const DATA = join(ROOT_DIR, 'tests', 'data', 'import');
const { cases } = JSON.parse(readFileSync(join(DATA, 'expected.json'), 'utf8'));
const REASONS = [
  'wrong_column_count', 'unreadable_timestamp', 'end_before_start', 'unreadable_value', 'billsec_over_duration',
  'unknown_disposition', 'duplicate_row', 'no_customer_number', 'success_too_short',
];

let env;
let dir;
let big; // { file, expected }
before(async () => {
  env = await start();
  dir = mkdtempSync(join(tmpdir(), 'callsettle-import-e2e-'));
  const file = join(dir, 'Master.csv');
  const script = fileURLToPath(new URL('../../scripts/gen-master-csv.mjs', import.meta.url));
  big = { file, expected: JSON.parse(execFileSync(process.execPath, [script, '100000', file], { encoding: 'utf8' })) };
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The grid's months as { month: { volume, successes, telecom_charges } }. */
async function gridMonths(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; document.querySelector(`[name="months[${i}].month"]`); i += 1) {
      const value = (f) => document.querySelector(`[name="months[${i}].${f}"]`).value;
      out[value('month')] = { volume: value('volume'), successes: value('successes'), telecom_charges: value('telecom_charges') };
    }
    return out;
  });
}

async function importFile(page, files, state = 'done') {
  await page.setInputFiles('input[name="results_file"]', files);
  await page.waitForFunction((s) => document.getElementById('import').dataset.state === s, state, { timeout: 60_000 });
}

function importResults(results) {
  return Object.fromEntries(Object.entries(results).filter(([k]) => k.startsWith('import.')));
}

test('a 100 000-row Master.csv through the file input fills the months and the counts', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  await page.fill(byName('import.tariff_per_minute'), '0.10');
  await importFile(page, big.file);
  const { expected } = big;
  const results = importResults(await readResults(page));
  assert.equal(results['import.rows'], String(expected.rows));
  assert.equal(results['import.accepted'], String(expected.rows));
  assert.equal(results['import.rejected'], '0');
  assert.equal(results['import.calls'], String(expected.calls));
  for (const reason of REASONS) assert.equal(results[`import.rejected.${reason}`], '0', reason);
  const grid = await gridMonths(page);
  for (const m of expected.months) {
    assert.deepEqual(grid[m.month], {
      volume: String(m.volume), successes: String(m.successes), telecom_charges: (m.billed_seconds / 600).toFixed(2),
    }, m.month);
  }
  // The report as the page kit shows it (issue 14): the month table's columns named as the grid's
  // (the shared catalog), its telecom charges grouped with the module's text in data-value.
  assert.deepEqual(await page.$$eval('.import-months thead th', (ths) => ths.map((n) => n.textContent)),
    ['month', 'volume', 'successes', 'telecom_charges'].map((k) => common.zh[k]));
  const telecom = await page.$$eval('[data-result^="import.months."][data-result$=".telecom_charges"]',
    (nodes) => nodes.map((n) => ({ value: n.dataset.value, text: n.textContent })));
  assert.deepEqual(telecom, expected.months.map((m) => (m.billed_seconds / 600).toFixed(2)).map((v) => ({ value: v, text: grouped(v) })));
  assert.ok(telecom.some((c) => c.text.includes(',')), 'an amount over 1,000 in the report');
  // The grid counts by successes now (the example month keeps its 3000 from its bill), and the
  // page computed a bill for every month, without errors.
  assert.equal(await page.$eval('#plan', (n) => n.dataset.basis), 'successes');
  assert.equal(grid['2026-01'].successes, '3000');
  assert.deepEqual(await readErrors(page), []);
  assert.equal(await page.$eval('#year', (n) => n.dataset.state), 'fresh');
  const all = await readResults(page);
  assert.match(all['year_total'], /^\d+\.\d{2}$/);
  const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
  console.log(`100 000 rows: longest main-thread task during the import ${longest} ms`);
  assert.ok(longest < 200, `main-thread task of ${longest} ms`);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

/** Keeps the import worker's last message's `spilled` and `wasmBytes` in window.__done. */
async function watchWorker(page) {
  await page.evaluate(() => {
    const worker = window.Worker;
    window.Worker = class extends worker {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', ({ data }) => {
          if (data.type === 'done') window.__done = { spilled: data.spilled, wasmBytes: data.wasmBytes };
        });
      }
    };
  });
}

/** The OPFS entries of the page's origin. */
const opfsEntries = (page) => page.evaluate(async () => {
  const names = [];
  for await (const name of (await navigator.storage.getDirectory()).keys()) names.push(name);
  return names;
});

test('spilled to the origin-private file system (a small memory budget): the same months and counts, the files removed, a cancelled import\'s too', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  await watchWorker(page);
  // 4 MiB of tables: the 100 000-row file (28 MB) passes it after about half of its rows. The
  // status line's texts are kept (the partitions' count is shown while they are read back).
  await page.evaluate(() => {
    document.getElementById('import').dataset.memoryBudget = String(4 << 20);
    window.__statuses = [];
    const status = document.getElementById('import-status');
    new MutationObserver(() => window.__statuses.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.fill(byName('import.tariff_per_minute'), '0.10');
  await importFile(page, big.file);
  assert.deepEqual(await page.evaluate(() => window.__done.spilled), true);
  const counting = (await page.evaluate(() => window.__statuses)).filter((t) => /分批统计/.test(t));
  assert.ok(counting.length > 0, 'the partitions read back are shown');
  assert.match(counting[0], /^100000 行已读完，内存不够一次统计，正在分批统计：第 \d+ \/ \d+ 批$/);
  const { expected } = big;
  const results = importResults(await readResults(page));
  assert.equal(results['import.rows'], String(expected.rows));
  assert.equal(results['import.accepted'], String(expected.rows));
  assert.equal(results['import.calls'], String(expected.calls));
  const grid = await gridMonths(page);
  for (const m of expected.months) {
    assert.deepEqual(grid[m.month], {
      volume: String(m.volume), successes: String(m.successes), telecom_charges: (m.billed_seconds / 600).toFixed(2),
    }, m.month);
  }
  const wasm = await page.evaluate(() => window.__done.wasmBytes);
  console.log(`100 000 rows spilled: WASM memory ${(wasm / 2 ** 20).toFixed(1)} MiB`);
  assert.deepEqual(await opfsEntries(page), [], 'the partitions are removed');

  // Cancelled while spilled: its folder stays (the worker is gone), until the next import spills.
  await page.evaluate(() => {
    const section = document.getElementById('import');
    section.dataset.memoryBudget = String(1 << 20);
    section.dataset.chunkBytes = String(256 * 1024);
  });
  await page.setInputFiles('input[name="results_file"]', big.file);
  for (let tries = 0; !(await opfsEntries(page)).length; tries += 1) {
    assert.ok(tries < 3000, 'no spill folder');
    await page.waitForTimeout(20);
  }
  await page.click('#import-cancel');
  assert.equal(await page.$eval('#import', (n) => n.dataset.state), 'cancelled');
  assert.equal((await opfsEntries(page)).length, 1, 'the cancelled import\'s folder');

  // Duplicates and legs without a number, known only from the partitions: the hand-worked counts.
  const c = cases.find((x) => x.file === 'asterisk-rejects.csv');
  await page.evaluate(() => {
    const section = document.getElementById('import');
    section.dataset.memoryBudget = '256';
    delete section.dataset.chunkBytes;
  });
  await importFile(page, join(DATA, c.file));
  assert.deepEqual(await page.evaluate(() => window.__done.spilled), true);
  const counts = importResults(await readResults(page));
  assert.equal(counts['import.rows'], String(c.rows));
  assert.equal(counts['import.rejected'], String(c.rejected));
  for (const [reason, lines] of Object.entries(c.rejected_lines)) assert.equal(counts[`import.rejected.${reason}`], String(lines.length), reason);
  assert.deepEqual(await opfsEntries(page), [], 'its own folder and the one left behind, removed');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('the hand-worked files through the page: GBK, rejections shown as text, the download', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);
  for (const c of cases.filter((c) => !c.options.mapping && Object.keys(c.options).every((k) => k === 'tariff_per_minute'))) {
    await page.fill(byName('import.tariff_per_minute'), c.options.tariff_per_minute ?? '');
    await importFile(page, join(DATA, c.file));
    const results = importResults(await readResults(page));
    for (const key of ['rows', 'accepted', 'rejected', 'calls']) assert.equal(results[`import.${key}`], String(c[key]), `${c.file} ${key}`);
    for (const reason of REASONS) {
      assert.equal(results[`import.rejected.${reason}`], String(c.rejected_lines[reason]?.length ?? 0), `${c.file} ${reason}`);
    }
    const grid = await gridMonths(page);
    for (const m of c.months) {
      assert.equal(grid[m.month].volume, String(m.volume), `${c.file} ${m.month}`);
      assert.equal(grid[m.month].successes, String(m.successes), `${c.file} ${m.month}`);
      if (m.telecom_charges) assert.equal(grid[m.month].telecom_charges, m.telecom_charges);
    }
  }
  // The last case was results-rejects.csv: its rows are shown as text, and downloadable.
  const example = await page.$eval('[data-reason="unreadable_value"] .import-examples li:last-child code', (n) => n.textContent);
  assert.equal(example, '"=HYPERLINK(""x"")",13000130000,2026-09-01 10:50:00,-5,ANSWERED,0');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-import-download]')]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\u{feff}line,reason,fields\n3,duplicate_row,'));
  assert.ok(csv.includes('\n12,unreadable_value,"\'=HYPERLINK(""x"")",13000130000,2026-09-01 10:50:00,\'-5,ANSWERED,0\n'));
  await page.screenshot({ path: join(OUT_DIR, 'import-report-laptop-zh.png'), fullPage: true });
  await page.click('[data-lang="en"]');
  assert.equal(await page.$eval('[data-reason="duplicate_row"] th span', (n) => n.textContent), 'duplicate row (identical to an earlier one, or a repeated uniqueid + sequence or record id)');
  await page.locator('#import').screenshot({ path: join(OUT_DIR, 'import-report-laptop-en.png') });
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('a custom column order: assigned once, remembered on the device and said so', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: PHONE });
  await openReady(page, env.base);
  const file = join(DATA, 'custom-order.csv');
  await importFile(page, file, 'mapping');
  const c = cases.find((x) => x.file === 'custom-order.csv');
  const { mapping } = c.options;
  for (const role of ['start', 'end', 'duration', 'billsec', 'disposition', 'uniqueid']) {
    await page.selectOption(`#import-map-${role}`, String(mapping[role]));
  }
  await page.selectOption('#import-map-customer', String(mapping.dst));
  assert.equal(await page.isChecked('#import-map-header'), true, 'a first row without times is taken for a header');
  await page.locator('#import').screenshot({ path: join(OUT_DIR, 'import-mapping-phone-zh.png') });
  await page.click('#import-map-apply');
  await page.waitForFunction(() => document.getElementById('import').dataset.state === 'done');
  let results = importResults(await readResults(page));
  assert.equal(results['import.rows'], '3');
  assert.equal((await gridMonths(page))['2026-11'].volume, '2');
  // The same layout again: no question, and the report says the saved mapping was used.
  await importFile(page, file);
  results = importResults(await readResults(page));
  assert.equal(results['import.accepted'], '3');
  assert.equal(await page.locator('[data-import-note="mapping_used"]').count(), 1);
  await page.locator('#import').screenshot({ path: join(OUT_DIR, 'import-report-phone-zh.png') });
  // Nothing wider than the phone.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('Cancel stops the import and leaves the plan as it was; HTML in a row is text; bad options are shown at their inputs', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);
  const before = await gridMonths(page);
  await page.evaluate(() => {
    document.getElementById('import').dataset.chunkBytes = String(256 * 1024);
  });
  await page.setInputFiles('input[name="results_file"]', big.file);
  await page.waitForFunction(() => /MB/.test(document.getElementById('import-status').textContent));
  await page.click('#import-cancel');
  assert.equal(await page.$eval('#import', (n) => n.dataset.state), 'cancelled');
  await page.waitForTimeout(300);
  assert.equal(await page.$eval('#import', (n) => n.dataset.state), 'cancelled');
  assert.deepEqual(await gridMonths(page), before);

  // HTML in a field is text: a rejected row holding markup is shown as its characters.
  const html = join(dir, 'html.csv');
  writeFileSync(html, 'record_id,phone,call_start,duration,outcome,success\n"<img src=x onerror=""window.__pwned=1"">",<b>13800138000</b>,2026-09-01 10:00:00,10,ANSWERED,0\n');
  await importFile(page, html);
  assert.equal(await page.$eval('[data-reason="no_customer_number"] .import-examples code', (n) => n.textContent),
    '"<img src=x onerror=""window.__pwned=1"">",<b>13800138000</b>,2026-09-01 10:00:00,10,ANSWERED,0');
  assert.equal(await page.locator('#import img, #import b').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // An empty file: said so.
  const empty = join(dir, 'empty.csv');
  writeFileSync(empty, '');
  await importFile(page, empty, 'error');
  assert.equal(await page.textContent('#import-status'), '导入失败：文件为空，或开头 64 KB 内没有一整行。');

  await page.fill(byName('import.success_min_billsec'), 'abc');
  await importFile(page, join(DATA, 'results.csv'), 'error');
  const error = await page.$eval('[data-error-path="import.success_min_billsec"]', (n) => n.textContent);
  assert.equal(error, '“abc”不是数字');
  assert.equal(await page.getAttribute(byName('import.success_min_billsec'), 'aria-invalid'), 'true');
  // Described by its rule and by the error (the page kit's placement); the rule stays when it goes.
  const errorId = await page.$eval('[data-error-path="import.success_min_billsec"]', (n) => n.id);
  assert.equal(await page.getAttribute(byName('import.success_min_billsec'), 'aria-describedby'), `import-rule-success_min_billsec ${errorId}`);
  await page.fill(byName('import.success_min_billsec'), '60');
  await importFile(page, join(DATA, 'results.csv'));
  assert.deepEqual(await readErrors(page), []);
  assert.equal(await page.getAttribute(byName('import.success_min_billsec'), 'aria-describedby'), 'import-rule-success_min_billsec');
  assert.equal(await page.getAttribute(byName('import.success_min_billsec'), 'aria-invalid'), null);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
