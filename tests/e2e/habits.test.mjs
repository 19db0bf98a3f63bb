// Issue 20, items 3 and 4 on the calculator: an example is an example (the first visit's badge,
// clearing it, blanks computed as the contract's defaults, pasted months blank), and nothing is
// destroyed without a way back (an explicit picked month, previews of the fill tools, the undo
// notice and Ctrl+Z, ten changes deep). Laptop and phone, Chinese and English; the figures are
// worked by hand below. Screenshots in tests/e2e/out/habits-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LAPTOP, OUT_DIR, PHONE, byName, newPage, openReady, paste, readResults, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const value = (page, path) => page.locator(byName(path)).inputValue();
const rowCount = (page) => page.locator('#plan-rows tr').count();
const months = (page) => page.$$eval('#plan-rows [data-field="month"]', (nodes) => nodes.map((n) => n.value));
const notice = (page) => page.locator('.undo-notice');

/** Moves the focus off any text field (Ctrl+Z there is the field's own). */
async function blur(page) {
  await page.evaluate(() => document.activeElement?.blur());
}

for (const [device, viewport] of [['laptop', LAPTOP], ['phone', PHONE]]) {
  for (const lang of ['zh', 'en']) {
    test(`${device} ${lang}: the first visit shows the example, marked; cleared, blanks count as the contract's defaults`, async () => {
      const { page, context, problems } = await newPage(env.browser, { viewport });
      await openReady(page, env.base);
      if (lang === 'en') await page.click('[data-lang="en"]');
      const badge = page.locator('#example-badge');
      assert.ok(await badge.isVisible(), 'the example badge is shown on the first visit');
      assert.match(await badge.textContent(), lang === 'zh' ? /示例数据/ : /Example data/);
      assert.ok(await page.locator(`${byName('months[0].telecom_charges')}.is-example`).count(), 'the example telecom is marked');
      await page.screenshot({ path: join(OUT_DIR, `habits-example-${device}-${lang}.png`) });

      // Typing one term over the example leaves the other example values marked (and the badge).
      await page.fill(byName('terms.unit_price'), '2.80');
      assert.ok(await badge.isVisible());
      assert.equal(await page.locator(`${byName('terms.unit_price')}.is-example`).count(), 0);

      // Cleared: every field blank, then the salesperson's five terms and her month.
      await page.click('[data-action="clear-example"]');
      assert.ok(await badge.isHidden());
      for (const f of ['unit_price', 'target_rate', 'penalty_per_unit']) assert.equal(await value(page, `terms.${f}`), '');
      for (const f of ['month', 'volume', 'success_rate', 'sampled_records', 'inaccurate_records', 'telecom_charges']) {
        assert.equal(await value(page, `months[0].${f}`), '', f);
      }
      // Undone, the example comes back as the example; redone, cleared again.
      await blur(page);
      await page.keyboard.press('Control+z');
      assert.ok(await badge.isVisible());
      assert.equal(await value(page, 'months[0].telecom_charges'), '1234.56');
      assert.equal(await value(page, 'terms.unit_price'), '2.80', 'the price typed before stays');
      await page.keyboard.press('Control+Shift+z');
      assert.ok(await badge.isHidden());
      assert.equal(await value(page, 'months[0].telecom_charges'), '');
      await page.fill(byName('terms.unit_price'), '2.80');
      await page.fill(byName('terms.target_rate'), '0.35');
      await page.fill(byName('terms.penalty_per_unit'), '1.00');
      await page.fill(byName('months[0].month'), '2026-03');
      await page.fill(byName('months[0].volume'), '20000');
      await page.fill(byName('months[0].success_rate'), '0.30');
      // By hand: fee 2.80 × 0.30 × 20000 = 16800.00; below target: −(0.35 − 0.30) × 20000 × 1.00
      // = −1000.00; nothing sampled: no inaccuracy deduction; telecom blank: 0.00. Total 15800.00.
      const r = await readResults(page);
      assert.equal(r.service_fee, '16800.00');
      assert.equal(r.shortfall_penalty, '-1000.00');
      assert.equal(r.inaccuracy_deduction, '0.00');
      assert.equal(r.telecom_charges, '0.00');
      assert.equal(r.total, '15800.00');
      assert.equal(await page.locator('.is-example').count(), 0, 'nothing is marked as the example');

      // Reloaded: her scenario, no badge.
      await page.reload();
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      assert.ok(await badge.isHidden());
      assert.equal((await readResults(page)).total, '15800.00');
      assert.deepEqual(problems, { console: [], page: [], failed: [] });
      await context.close();
    });
  }
}

test('pasted months take blanks, not the first row’s values', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);
  // Two columns (volume, rate) over the example's 2026-01 (its own figures) and three new months.
  await paste(page, 'months[0].volume', '10000\t0.30\n20000\t0.30\n21000\t0.31\n22000\t0.32\n');
  assert.equal(await rowCount(page), 4);
  assert.deepEqual(await months(page), ['2026-01', '2026-02', '2026-03', '2026-04']);
  for (const i of [1, 2, 3]) {
    for (const f of ['sampled_records', 'inaccurate_records', 'telecom_charges', 'trial_records', 'trial_successes']) {
      assert.equal(await value(page, `months[${i}].${f}`), '', `months[${i}].${f} blank`);
    }
  }
  // By hand (p 2.50, s0 0.35, F 1.00, no sampling, no telecom):
  //   2026-02: 2.5 × 0.30 × 20000 = 15000; −0.05 × 20000 = −1000 → 14000.00
  //   2026-03: 2.5 × 0.31 × 21000 = 16275; −0.04 × 21000 = −840 → 15435.00
  //   2026-04: 2.5 × 0.32 × 22000 = 17600; −0.03 × 22000 = −660 → 16940.00
  const r = await readResults(page);
  assert.equal(r['months[1].total'], '14000.00');
  assert.equal(r['months[2].total'], '15435.00');
  assert.equal(r['months[3].total'], '16940.00');
  assert.equal(r['months[0].total'], '8084.56', 'the example month is untouched');
  assert.match(await notice(page).textContent(), /4 行 × 2 列/);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

for (const [device, viewport] of [['laptop', LAPTOP], ['phone', PHONE]]) {
  test(`${device}: the picked month is explicit; removing it can be undone by the notice and Ctrl+Z`, async () => {
    const { page, context, problems } = await newPage(env.browser, { viewport });
    await openReady(page, env.base);
    await paste(page, 'months[0].volume', Array.from({ length: 8 }, (_, i) => `${10000 + 1000 * i}\t0.30`).join('\n'));
    assert.equal(await rowCount(page), 8);
    // The clerk edits August, then adds a month: the month just added is the picked one.
    await page.fill(byName('months[7].volume'), '18500');
    assert.equal(await page.locator('#plan-rows tr.selected').count(), 1);
    assert.equal(await page.getAttribute('#plan-rows tr.selected', 'data-row'), '0', 'editing a month does not pick it');
    await page.click('[data-action="add"]');
    assert.equal(await page.getAttribute('#plan-rows tr.selected', 'data-row'), '8');
    assert.match(await page.locator('[data-action="remove"]').textContent(), /2026-09/, 'the button names the month it removes');
    await page.click('[data-action="remove"]');
    assert.deepEqual((await months(page)).slice(-2), ['2026-07', '2026-08'], 'August is kept');
    assert.equal(await value(page, 'months[7].volume'), '18500');

    // Pick March, remove it: the notice says what went; Undo brings it back in place, picked.
    await page.check('input[name="detail_month"][value="2"]');
    assert.equal(await page.getAttribute('#plan-rows tr[aria-selected="true"]', 'data-row'), '2');
    await page.click('[data-action="remove"]');
    assert.equal(await rowCount(page), 7);
    assert.ok(!(await months(page)).includes('2026-03'));
    assert.match(await notice(page).textContent(), /已删除第 3 行（2026-03）/);
    await page.screenshot({ path: join(OUT_DIR, `habits-removed-${device}.png`) });
    await notice(page).locator('[data-action="undo"]').click();
    assert.deepEqual(await months(page), ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08']);
    assert.equal(await value(page, 'months[2].volume'), '12000');
    assert.equal(await page.getAttribute('#plan-rows tr.selected', 'data-row'), '2');

    // Again, and Ctrl+Z (outside a text field).
    await page.click('[data-action="remove"]');
    assert.equal(await rowCount(page), 7);
    // In a text field Ctrl+Z is the field's own: the month stays removed.
    await page.focus(byName('months[0].volume'));
    await page.keyboard.press('Control+z');
    assert.equal(await rowCount(page), 7);
    await blur(page);
    await page.keyboard.press('Control+z');
    assert.equal(await rowCount(page), 8);
    assert.equal(await value(page, 'months[2].month'), '2026-03');
    // March by hand: 2.5 × 0.30 × 12000 = 9000; −0.05 × 12000 = −600; nothing sampled → 8400.00.
    assert.equal((await readResults(page))['months[2].total'], '8400.00');
    assert.deepEqual(problems, { console: [], page: [], failed: [] });
    await context.close();
  });
}

test('the growth fill shows what it will overwrite, goes ahead on confirm, and is undone', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);
  const volumes = Array.from({ length: 12 }, (_, i) => String(20000 + 100 * i));
  await paste(page, 'months[0].volume', volumes.map((v) => `${v}\t0.30`).join('\n'));
  assert.equal(await rowCount(page), 12);
  // "生成" with its defaults (12 months, +0 %, +1 point) from the first month.
  await page.click('[data-action="grow"]');
  const confirm = page.locator('#plan-confirm');
  assert.ok(await confirm.isVisible());
  assert.match(await confirm.textContent(), /生成将改写已有的 11 个月（2026-02 至 2026-12）的数值/);
  assert.equal(await value(page, 'months[5].volume'), volumes[5], 'nothing changed before confirming');
  await page.screenshot({ path: join(OUT_DIR, 'habits-grow-preview.png') });
  await confirm.locator('[data-action="cancel"]').click();
  assert.ok(await confirm.isHidden());
  assert.equal(await value(page, 'months[5].volume'), volumes[5]);

  await page.click('[data-action="grow"]');
  await confirm.locator('[data-action="confirm"]').click();
  assert.equal(await value(page, 'months[5].volume'), '20000', 'the fill went ahead (0 % growth)');
  assert.equal(await value(page, 'months[5].success_rate'), '0.35');
  assert.match(await notice(page).textContent(), /按增长生成 12 个月/);
  await notice(page).locator('[data-action="undo"]').click();
  for (let i = 0; i < 12; i += 1) assert.equal(await value(page, `months[${i}].volume`), volumes[i]);
  assert.equal(await value(page, 'months[5].success_rate'), '0.30');

  // In English, the preview speaks English.
  await page.click('[data-lang="en"]');
  await page.click('[data-action="grow"]');
  assert.match(await confirm.textContent(), /Fill will overwrite the figures of 11 existing months \(2026-02 to 2026-12\)/);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('ten changes are undone one by one (Ctrl+Z), and redone', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);
  for (let i = 0; i < 10; i += 1) await page.click('[data-action="add"]');
  assert.equal(await rowCount(page), 11);
  await blur(page);
  for (let i = 10; i > 0; i -= 1) {
    await page.keyboard.press('Control+z');
    assert.equal(await rowCount(page), i);
  }
  assert.equal((await readResults(page)).total, '8084.56');
  await page.keyboard.press('Control+z');
  assert.equal(await rowCount(page), 1, 'nothing more to undo');
  assert.match(await notice(page).textContent(), /没有可撤销的修改/);
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await rowCount(page), 2);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('a run of typing in one field is one change; the language switch is none', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await openReady(page, env.base);
  await page.click(byName('terms.unit_price'), { clickCount: 3 });
  await page.keyboard.type('2.80'); // four input events
  await page.click(byName('months[0].volume'), { clickCount: 3 });
  await page.keyboard.type('12000');
  await page.click('[data-lang="en"]');
  await blur(page);
  await page.keyboard.press('Control+z');
  assert.equal(await value(page, 'months[0].volume'), '10000', 'the volume typed, in one step');
  assert.equal(await value(page, 'terms.unit_price'), '2.80');
  assert.match(await notice(page).textContent(), /Undone: edit/);
  await page.keyboard.press('Control+z');
  assert.equal(await value(page, 'terms.unit_price'), '2.50', 'the price typed, in one step');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'the language stays');
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
