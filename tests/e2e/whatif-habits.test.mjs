// Issue 20, items 4 and 7 on the what-if page: removing a scenario can be undone (the notice's
// button and Ctrl+Z); compare lists the terms that differ beside the amounts; on a phone
// (390×844, touch) the total bar stays in view, the sweep table's first column stays while the
// table scrolls sideways, a tap on the slider's track leaves the success rate alone and a drag
// moves it; a shared link opens on the offer the sender was looking at, and the address bar
// follows later edits. Screenshots in tests/e2e/out/whatif-habits-*.png.
//
// Hand-worked (the worked example, p 2.50, s0 0.35, F 1.00, T 10000, s 0.30, 500 sampled / 10
// inaccurate, telecom 1234.56): total 8084.56. Counter-offer p 2.60: fee 2.60 × 3000 = 7800.00,
// penalty −500.00, inaccuracy −7800 × 10/500 = −156.00, telecom 1234.56 → 8378.56.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LAPTOP, OUT_DIR, PHONE, byName, newPage, readResults, ready, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});


async function open(page, hash = '') {
  await page.goto(`${env.base}/whatif.html${hash}`);
  await ready(page);
}

/** Offer and counter-offer (p 2.60), the counter-offer shown. */
async function counterOffer(page) {
  await page.click('[data-action="duplicate"]');
  await page.fill(byName('terms.unit_price'), '2.60');
}

const scenarios = (page) => page.locator('[data-scenario]').count();

for (const lang of ['zh', 'en']) {
  test(`laptop ${lang}: compare lists the differing terms; × removes a scenario, Undo and Ctrl+Z bring it back`, async () => {
    const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
    await open(page);
    if (lang === 'en') await page.click('[data-lang="en"]');
    await counterOffer(page);
    const terms = page.locator('[data-result="compare.terms.1"]');
    assert.match(await terms.textContent(), lang === 'zh' ? /成功单价.*2\.60.*基准 2\.50/ : /Price per successful order.*2\.60.*base 2\.50/);
    assert.equal(await page.locator('[data-result="compare.terms.1"] li').count(), 1, 'only the price differs');
    assert.equal((await readResults(page))['compare.amount.total.1'], '8378.56');
    // Same value, other text: not a difference.
    await page.fill(byName('terms.unit_price'), '2.5');
    assert.equal(await page.locator('[data-result="compare.terms.1"] li').count(), 0);
    await page.fill(byName('terms.unit_price'), '2.60');
    await page.fill(byName('terms.target_rate'), '30%');
    assert.deepEqual(await page.$$eval('[data-result="compare.terms.1"] li', (ns) => ns.map((n) => n.dataset.term)), ['p', 's0']);
    assert.match(await page.textContent('[data-result="compare.terms.1"] [data-term="s0"]'), /0\.3 .*0\.35/, "30 % as the module read it, against 0.35");
    await page.screenshot({ path: join(OUT_DIR, `whatif-habits-compare-${lang}.png`), fullPage: true });

    // The × says which scenario it removes; removed, the notice says so.
    const remove = page.locator('[data-action="remove-scenario"]');
    assert.match(await remove.getAttribute('aria-label'), lang === 'zh' ? /还价/ : /Counter-offer/);
    await remove.click();
    assert.equal(await scenarios(page), 1);
    assert.match(await page.textContent('.undo-notice'), lang === 'zh' ? /已删除方案“还价”/ : /Removed scenario “Counter-offer”/);
    await page.click('.undo-notice [data-action="undo"]');
    assert.equal(await scenarios(page), 2);
    assert.equal(await page.inputValue(byName('terms.target_rate')), '30%');
    assert.equal(await page.getAttribute('[data-scenario="1"]', 'aria-selected'), 'true');

    // Again, with Ctrl+Z (the focus outside any text field).
    await remove.click();
    assert.equal(await scenarios(page), 1);
    await page.keyboard.press('Control+z');
    assert.equal(await scenarios(page), 2);
    // s0 30 %: no shortfall at s 0.30; 7800 − 0 − 156 + 1234.56 = 8878.56.
    assert.equal((await readResults(page))['compare.amount.total.1'], '8878.56');
    assert.deepEqual(problems, { console: [], page: [], failed: [] });
    await context.close();
  });
}

/** A phone: 390×844, touch. */
const phonePage = () => newPage(env.browser, { viewport: PHONE, touch: true });

/** A finger dragging from (x, y) by dx (CSS px), as touch events through the DevTools protocol. */
async function touchDrag(page, x, y, dx) {
  const cdp = await page.context().newCDPSession(page);
  const at = (px) => [{ x: Math.round(px), y: Math.round(y) }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(x) });
  for (let i = 1; i <= 10; i += 1) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(x + (dx * i) / 10) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('phone: total bar in view, sweep first column fixed, a tap on the slider does nothing, a drag moves it', async () => {
  const { page, context, problems } = await phonePage();
  await open(page);
  const rate = () => page.inputValue(byName('months[0].success_rate'));
  assert.equal(await rate(), '0.30');

  // The total bar, after scrolling down to the sweep.
  await page.locator('#sweep-table').scrollIntoViewIfNeeded();
  const bar = page.locator('.total-bar');
  assert.ok(await bar.isVisible());
  const box = await bar.boundingBox();
  assert.ok(box.y + box.height <= PHONE.height + 1 && box.y > PHONE.height - 100, `bar at the bottom: ${JSON.stringify(box)}`);
  assert.equal(await page.textContent('.total-bar [data-summary="total"]'), '8,084.56 元');
  assert.ok((await page.evaluate(() => window.scrollY)) > 500, 'scrolled');

  // The sweep table scrolls sideways in its box; the swept value's column stays at its left edge.
  const wrap = page.locator('#sweep .wi-table-wrap');
  const sideways = await wrap.evaluate((n) => n.scrollWidth - n.clientWidth);
  assert.ok(sideways > 50, `the table is wider than the phone (${sideways}px)`);
  const firstCell = page.locator('#sweep-body tr.is-current th');
  const before = await firstCell.boundingBox();
  await wrap.evaluate((n) => { n.scrollLeft = n.scrollWidth; });
  const after = await firstCell.boundingBox();
  const wrapBox = await wrap.boundingBox();
  assert.ok(Math.abs(after.x - wrapBox.x) <= 2 && Math.abs(after.x - before.x) <= 2, `first column stays: ${before.x} → ${after.x}`);
  assert.equal(await page.evaluate(() => {
    const cell = document.querySelector('#sweep-body tr.is-current th');
    const r = cell.getBoundingClientRect();
    return document.elementFromPoint(r.left + 5, r.top + r.height / 2) === cell;
  }), true, 'the first column is on top of the scrolled cells');
  await page.screenshot({ path: join(OUT_DIR, 'whatif-habits-phone-sweep.png') });

  // A tap on the slider's track, far from its thumb: the rate stays.
  const slider = page.locator('#sweep-slider');
  await slider.scrollIntoViewIfNeeded();
  const s = await slider.boundingBox();
  await page.touchscreen.tap(s.x + s.width * 0.9, s.y + s.height / 2);
  assert.equal(await rate(), '0.30', 'a tap does not move the rate');
  await page.touchscreen.tap(s.x + s.width * 0.1, s.y + s.height / 2);
  assert.equal(await rate(), '0.30');
  // A drag from the thumb (at 0.30: half way along 0 … 0.6) to the right moves it.
  await touchDrag(page, s.x + s.width * 0.5, s.y + s.height / 2, s.width * 0.25);
  const dragged = await rate();
  assert.notEqual(dragged, '0.30', 'a drag moves the rate');
  assert.ok(Number(dragged) > 0.35 && Number(dragged) <= 0.6, `dragged to ${dragged}`);
  // The keyboard still works.
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await rate(), String(Math.round((Number(dragged) - 0.01) * 100) / 100));
  // The drag is one change: undone at once.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.equal(await rate(), '0.30');
  await page.screenshot({ path: join(OUT_DIR, 'whatif-habits-phone.png') });
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('laptop: a click on the slider track does not move it, a mouse drag does', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await open(page);
  const rate = () => page.inputValue(byName('months[0].success_rate'));
  // In view first: the bill's range (policy.js) puts the slider at the fold of a 768-pixel screen.
  await page.locator('#sweep-slider').scrollIntoViewIfNeeded();
  const s = await page.locator('#sweep-slider').boundingBox();
  await page.mouse.click(s.x + s.width * 0.9, s.y + s.height / 2);
  assert.equal(await rate(), '0.30');
  await page.mouse.move(s.x + s.width * 0.5, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move(s.x + s.width * 0.3, s.y + s.height / 2, { steps: 8 });
  await page.mouse.up();
  const dragged = await rate();
  assert.ok(Number(dragged) < 0.25, `dragged left to ${dragged}`);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('a shared link opens on the offer the sender was looking at; the address bar follows later edits', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
  await open(page);
  await counterOffer(page);
  await page.click('[data-scenario="0"]');
  await page.click('[data-scenario="1"]'); // looking at the counter-offer
  await page.click('[data-action="copy-link"]');
  await page.waitForFunction(() => location.hash.startsWith('#s=v1.'));
  const copied = page.url();
  // A later edit: the address bar follows (within the writer's 250 ms).
  await page.fill(byName('months[0].volume'), '12000');
  await page.waitForFunction((u) => location.href !== u, copied);
  const later = page.url();

  for (const [url, volume, total] of [[copied, '10000', '8378.56'], [later, '12000', null]]) {
    const other = await newPage(env.browser, { viewport: PHONE });
    await other.page.goto(url);
    await ready(other.page);
    assert.equal(await other.page.getAttribute('[data-scenario="1"]', 'aria-selected'), 'true', 'opens on the counter-offer');
    assert.equal(await other.page.inputValue(byName('terms.unit_price')), '2.60');
    assert.equal(await other.page.inputValue(byName('months[0].volume')), volume);
    if (total) assert.equal((await readResults(other.page)).total, total);
    await other.context.close();
  }
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

test('phone: the what-if page marks the example too; cleared, blanks count as defaults, on both pages', async () => {
  const { page, context, problems } = await phonePage();
  await open(page);
  const badge = page.locator('#example-badge');
  assert.ok(await badge.isVisible());
  assert.match(await badge.textContent(), /示例数据/);
  // The mark is the offer's: not shown on a counter-offer, back on the offer.
  await page.click('[data-action="duplicate"]');
  assert.ok(await badge.isHidden());
  await page.click('[data-scenario="0"]');
  assert.ok(await badge.isVisible());
  await page.click('[data-action="clear-example"]');
  assert.ok(await badge.isHidden());
  for (const [path, v] of [['terms.unit_price', '2.80'], ['terms.target_rate', '0.35'], ['terms.penalty_per_unit', '1.00'],
    ['months[0].month', '2026-03'], ['months[0].volume', '20000'], ['months[0].success_rate', '0.30']]) {
    await page.fill(byName(path), v);
  }
  // As on the calculator: 16800.00 − 1000.00, nothing sampled, no telecom → 15800.00.
  let r = await readResults(page);
  assert.deepEqual([r.inaccuracy_deduction, r.telecom_charges, r.total], ['0.00', '0.00', '15800.00']);
  // The calculator shows the same scenario, unmarked.
  await page.goto(`${env.base}/index.html`);
  await ready(page);
  r = await readResults(page);
  assert.equal(r.total, '15800.00');
  assert.ok(await page.locator('#example-badge').isHidden());
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
