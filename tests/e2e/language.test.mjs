// 5. Language toggle: Chinese by default; English changes the labels, the bill lines and the
// messages (the module's message_en), and back again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { byName, newPage, openReady, readErrors, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** The module's own messages for the page's current scenario (same module instance). */
async function moduleMessages(page) {
  return page.evaluate(async () => {
    const m = await import('/pkg/callsettle.js');
    return m.validate(window.callsettle.scenario());
  });
}

const label = (page, path) => page.locator(`label[for="${CSS_ID[path]}"]`).textContent();
const CSS_ID = { 'terms.unit_price': 'f-unit_price', 'months[0].volume': 'f-volume' };

test('Chinese first, English on the toggle, and back', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openReady(page, env.base);

  // Chinese by default.
  assert.match(await page.getAttribute('html', 'lang'), /^zh/);
  assert.equal(await page.getAttribute('[data-lang="zh"]', 'aria-pressed'), 'true');
  assert.match(await label(page, 'terms.unit_price'), /成功单价/);
  assert.match(await page.locator('tr[data-line="service_fee"]').textContent(), /服务费/);
  assert.match(await page.locator('h1').textContent(), /结算/);

  // A warning, in Chinese, then in English.
  await page.fill(byName('months[0].trial_records'), '3500');
  const warning = page.locator('[data-warning="trial_over_cap"]');
  const zhWarnings = await moduleMessages(page);
  assert.equal(await warning.textContent(), `本月试访记录数（不计入 T）：${zhWarnings.warnings[0].message_zh}`);
  await page.click('[data-lang="en"]');
  assert.match(await warning.textContent(), /^Trial records this month \(not in T\): trial of 3500 records this month with 3000 of the project's free 3000 left: the 500 beyond it are billed with their 150 successes$/);
  await page.click('[data-lang="zh"]');

  // An error, in Chinese.
  await page.fill(byName('terms.unit_price'), 'abc');
  const zhMessages = await moduleMessages(page);
  const [zhErr] = await readErrors(page);
  assert.equal(zhErr.path, 'terms.unit_price');
  assert.equal(zhErr.text, zhMessages.errors[0].message_zh);

  // English.
  await page.click('[data-lang="en"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getAttribute('[data-lang="en"]', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('[data-lang="zh"]', 'aria-pressed'), 'false');
  assert.match(await label(page, 'terms.unit_price'), /Price per successful order/);
  assert.match(await label(page, 'months[0].volume'), /Records worked/);
  assert.match(await page.locator('h1').textContent(), /settlement calculator/i);
  assert.match(await page.title(), /settlement/i);
  const [enErr] = await readErrors(page);
  assert.equal(enErr.text, zhMessages.errors[0].message_en, 'error text is the module’s message_en');
  assert.equal(enErr.text, '"abc" is not a number');
  // No Chinese left in the page's own labels.
  const labels = await page.$$eval('#scenario label, #scenario legend, .bill thead th', (ns) => ns.map((n) => n.textContent));
  for (const text of labels) assert.doesNotMatch(text, /[\u4e00-\u9fff]/, `untranslated label: ${text}`);

  // Fix the error: the bill comes back with English line labels and clauses.
  await page.fill(byName('terms.unit_price'), '2.50');
  await page.fill(byName('months[0].trial_records'), '');
  assert.deepEqual(await readErrors(page), []);
  const line = await page.locator('tr[data-line="service_fee"]').textContent();
  assert.match(line, /Service fee/);
  assert.match(line, /Art\. 4\.1/);
  assert.match(await page.locator('#f-inaccuracy_multiplier').getAttribute('placeholder'), /default 1/);

  // Back to Chinese, with a new error shown in Chinese.
  await page.fill(byName('months[0].month'), '2026-13');
  await page.click('[data-lang="zh"]');
  assert.match(await page.getAttribute('html', 'lang'), /^zh/);
  assert.match(await label(page, 'terms.unit_price'), /成功单价/);
  const [monthErr] = await readErrors(page);
  const again = await moduleMessages(page);
  assert.equal(monthErr.text, again.errors[0].message_zh);
  assert.match(monthErr.text, /不是有效月份/);
  assert.match(await page.locator('tr[data-line="service_fee"]').textContent(), /服务费/);

  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('the catalog has every text in both languages', async () => {
  const { catalog, clause } = await import('../../www/i18n.js');
  assert.deepEqual(Object.keys(catalog.en).sort(), Object.keys(catalog.zh).sort());
  for (const [key, text] of Object.entries(catalog.en)) {
    if (key !== 'weekday_prefix') assert.ok(text && text.length > 0, `en.${key} is empty`);
    if (typeof text === 'string') assert.doesNotMatch(text, /[\u4e00-\u9fff]/, `en.${key} has Chinese: ${text}`);
  }
  assert.equal(clause('en', '第四条 1'), 'Art. 4.1');
  assert.equal(clause('en', '第十二条 3'), 'Art. 12.3');
  assert.equal(clause('zh', '第四条 1'), '第四条 1');
});
