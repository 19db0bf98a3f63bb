// 7. Screenshots for people to look at: laptop and phone, zh and en (with warnings), with errors
// in both languages, in tests/e2e/out/ (git-ignored). docs/screenshot.png (laptop, zh, worked example; in
// the README) is written when missing or when UPDATE_SCREENSHOT=1.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LAPTOP, OUT_DIR, PHONE, ROOT_DIR, byName, newPage, openReady, readErrors, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

async function shot(page, name, { fullPage = true } = {}) {
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  assert.ok(statSync(path).size > 10_000, `${name}.png written`);
  return path;
}

/** Errors on several fields (terms and month) at once. */
async function withErrors(page) {
  await page.fill(byName('terms.unit_price'), '1,00');
  await page.fill(byName('terms.target_rate'), '150%');
  await page.fill(byName('months[0].month'), '2026-13');
  await page.fill(byName('months[0].telecom_charges'), '1.234');
  assert.equal((await readErrors(page)).length, 4);
}

/** A valid scenario with warnings: trial over the cap, a negative net fee. */
async function withWarnings(page) {
  await page.fill(byName('terms.penalty_per_unit'), '20.00');
  await page.fill(byName('months[0].trial_records'), '3500');
  assert.ok((await page.locator('[data-warning]').count()) >= 2);
}

for (const [device, viewport] of [['laptop', LAPTOP], ['phone', PHONE]]) {
  test(`screenshots at ${device} width`, async () => {
    const { page, context, problems } = await newPage(env.browser, { viewport });
    await openReady(page, env.base);
    const zh = await shot(page, `${device}-zh`);
    if (device === 'laptop') {
      const docs = join(ROOT_DIR, 'docs', 'screenshot.png');
      if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(docs)) {
        mkdirSync(join(ROOT_DIR, 'docs'), { recursive: true });
        copyFileSync(zh, docs);
      }
    } else {
      await shot(page, `${device}-zh-top`, { fullPage: false });
    }
    await page.click('[data-lang="en"]');
    await withWarnings(page);
    await shot(page, `${device}-en-warnings`);
    await page.click('[data-lang="zh"]');
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await withErrors(page);
    await shot(page, `${device}-zh-errors`);
    await page.click('[data-lang="en"]');
    await shot(page, `${device}-en-errors`, { fullPage: device === 'laptop' });
    assert.deepEqual(problems, { console: [], page: [], failed: [] });
    await context.close();
  });
}
