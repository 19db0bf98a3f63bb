// 6. Layout: a phone (390 × 844) gets one column with no horizontal scroll and the total in
// view; a laptop (1366 × 768) gets inputs | bill side by side with the total above the fold.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LAPTOP, PHONE, WORKED_RESULT, byName, grouped, newPage, openReady, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const scrollWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);
const inViewport = (box, vp) => box && box.y >= 0 && box.y + box.height <= vp.height && box.x >= 0 && box.x + box.width <= vp.width;

/** Long values, every kind of error and warning, English: the widest the page gets. */
async function stress(page) {
  await page.fill(byName('terms.unit_price'), '1234567890123456789012345678901234567890');
  await page.fill(byName('terms.target_rate'), 'a very long wrong rate text here');
  await page.fill(byName('months[0].month'), '2026-13');
  await page.fill(byName('terms.settlement.report_day'), '99');
}

test('phone width: one column, no horizontal scroll, total in view', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: PHONE });
  await openReady(page, env.base);
  assert.ok((await scrollWidth(page)) <= PHONE.width, `no horizontal scroll (${await scrollWidth(page)})`);

  const total = page.locator('[data-result="total"]');
  assert.ok(await total.isVisible());
  assert.equal(await total.getAttribute('data-value'), WORKED_RESULT.total);
  assert.equal(await total.textContent(), grouped(WORKED_RESULT.total)); // 8,084.56
  // While editing the first fields, the total stays in view (the bar at the bottom).
  const bar = page.locator('[data-summary="total"]');
  assert.ok(inViewport(await bar.boundingBox(), PHONE), 'total bar in the viewport');
  assert.match(await bar.textContent(), /^8,084\.56/);
  await page.fill(byName('months[0].volume'), '20000');
  assert.match(await bar.textContent(), /^14,934\.56/);
  await page.fill(byName('months[0].volume'), '10000');

  // One column: the bill is below the inputs, both as wide as the page allows.
  const form = await page.locator('#scenario').boundingBox();
  const results = await page.locator('#results').boundingBox();
  assert.ok(results.y >= form.y + form.height, 'bill under the inputs');
  assert.ok(form.width > PHONE.width * 0.9 && results.width > PHONE.width * 0.9);
  // Inputs are usable: not narrower than 100 px, label and input on one row.
  for (const path of ['terms.unit_price', 'months[0].volume', 'terms.settlement.payment_days']) {
    const box = await page.locator(byName(path)).boundingBox();
    assert.ok(box.width >= 100 && box.x + box.width <= PHONE.width, `${path} fits (${JSON.stringify(box)})`);
  }
  // Scrolled to the end, the bill's own total is visible and not covered by the bar.
  await total.scrollIntoViewIfNeeded();
  const totalBox = await total.boundingBox();
  const barBox = await bar.boundingBox();
  assert.ok(inViewport(totalBox, PHONE));
  assert.ok(totalBox.y + totalBox.height <= barBox.y || totalBox.y >= barBox.y + barBox.height, 'total not under the bar');

  // Still no horizontal scroll with long values, errors, and in English.
  await stress(page);
  assert.ok((await scrollWidth(page)) <= PHONE.width, `no horizontal scroll with errors (${await scrollWidth(page)})`);
  await page.click('[data-lang="en"]');
  assert.ok((await scrollWidth(page)) <= PHONE.width, `no horizontal scroll in English (${await scrollWidth(page)})`);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('laptop width: inputs | bill, total above the fold', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);
  const form = await page.locator('#scenario').boundingBox();
  const results = await page.locator('#results').boundingBox();
  assert.ok(form.x + form.width <= results.x, 'bill to the right of the inputs');
  assert.ok(Math.abs(form.y - results.y) < 2, 'both columns start at the same height');
  assert.ok(form.width > 400 && results.width > 450, `both columns wide enough (${form.width}, ${results.width})`);
  assert.ok(inViewport(await page.locator('[data-result="total"]').boundingBox(), LAPTOP), 'total above the fold');
  assert.ok(!(await page.locator('[data-summary="total"]').isVisible()), 'no phone total bar on a laptop');
  // Amounts right-aligned with tabular figures: the right edges of the line amounts line up.
  const rights = await page.$$eval('.bill td.amount', (ns) => ns.map((n) => Math.round(n.getBoundingClientRect().right)));
  assert.equal(new Set(rights).size, 1, `amount column right edges ${rights}`);
  const numeric = await page.locator('[data-result="total"]').evaluate((n) => getComputedStyle(n).fontVariantNumeric);
  assert.match(numeric, /tabular-nums/);
  assert.ok((await scrollWidth(page)) <= LAPTOP.width);
  await stress(page);
  assert.ok((await scrollWidth(page)) <= LAPTOP.width, 'no horizontal scroll with errors');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
