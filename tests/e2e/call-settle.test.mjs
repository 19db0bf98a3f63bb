// <call-settle> (www/call-settle.js) on a host page with its own, clashing CSS (www/embed-example.html)
// under the server's CSP: the `result` event carries the worked example's bill (8084.56); typing
// into the element recomputes; bad input shows its error at the field inside the element; the
// language switches; readonly shows the bill without inputs; the host's styles do not reach the
// element's inside and the element's do not reach the host; only own files, no console error,
// no CSP violation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PHONE, OUT_DIR, newPage, start } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const inside = (page, f, arg) => page.evaluate(([f, arg]) => {
  const root = document.querySelector('call-settle').shadowRoot;
  return new Function('root', 'arg', `return (${f})(root, arg)`)(root, arg);
}, [f.toString(), arg]);

test('the element on a clashing host page: result events, typing, errors at fields, language, isolation', async () => {
  const requests = [];
  const { page, context, problems } = await newPage(env.browser, {
    beforeGoto: async (p) => {
      p.on('request', (r) => requests.push(r.url()));
      await p.addInitScript(() => {
        window.__results = [];
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
        document.addEventListener('result', (e) => window.__results.push(e.detail));
      });
    },
  });
  await page.goto(`${env.base}/embed-example.html`);
  await page.waitForFunction(() => window.__results.length > 0 && window.__results.at(-1).total);
  assert.equal(await page.evaluate(() => window.__results.at(-1).total), '8084.56');
  assert.equal(await page.textContent('#host-total'), '8084.56');
  // Amounts as the pages show them (issue 14): grouped, the module's text in data-value.
  const total = page.locator('call-settle [data-result="total"]');
  assert.equal(await total.textContent(), '8,084.56');
  assert.equal(await total.getAttribute('data-value'), '8084.56');
  assert.equal(await page.locator('call-settle [data-result="2026-01.service_fee"]').textContent(), '7,500.00');
  assert.deepEqual(await page.locator('call-settle td.neg').evaluateAll((tds) => tds.map((n) => n.dataset.result)),
    ['2026-01.shortfall_penalty', '2026-01.inaccuracy_deduction']);
  // A field has the name it has on the pages (the shared catalog), in both languages.
  const { common } = await import('../../www/i18n-common.js');
  const labels = () => inside(page, (root) => Object.fromEntries([...root.querySelectorAll('label')].map((l) => [
    root.getElementById(l.htmlFor).name.replace(/^terms\.|^months\[0\]\./, ''), l.textContent])));
  const fields = ['unit_price', 'target_rate', 'penalty_per_unit', 'month', 'volume', 'success_rate', 'sampled_records', 'inaccurate_records', 'telecom_charges'];
  assert.deepEqual(await labels(), Object.fromEntries(fields.map((f) => [f, common.zh[f]])));

  // The host's CSS hides inputs, tables and labels and sets fonts and colours: not inside.
  const styles = await inside(page, (root) => {
    const cs = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      input: cs('input').display, table: cs('table').display, label: cs('label').visibility,
      font: cs('td').fontFamily, color: cs('td').color, card: cs('.card').display,
    };
  });
  assert.notEqual(styles.input, 'none');
  assert.equal(styles.table, 'table');
  assert.equal(styles.label, 'visible');
  assert.doesNotMatch(styles.font, /Comic/);
  assert.equal(styles.color, 'rgb(26, 26, 26)');
  assert.equal(styles.card, 'block');
  // The element's CSS does not reach the host page.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('h1')).color), 'rgb(224, 0, 122)');

  // Typing into the element (a real keyboard edit) recomputes: T 12000 → fee 9000.00.
  const volume = page.locator('call-settle input[name="months[0].volume"]');
  await volume.fill('12000');
  await page.waitForFunction(() => window.__results.at(-1).total && window.__results.at(-1).total !== '8084.56');
  const bill = await page.evaluate(() => window.__results.at(-1));
  assert.equal(bill.months[0].lines[0].amount, '9000.00');
  assert.equal(await page.textContent('#host-total'), bill.total);

  // Bad input: the error at its field, inside the element; the event carries { errors, warnings }.
  await page.locator('call-settle input[name="terms.unit_price"]').fill('abc');
  await page.waitForFunction(() => Array.isArray(window.__results.at(-1).errors));
  const error = page.locator('call-settle .error[data-error-path="terms.unit_price"]');
  assert.match(await error.textContent(), /abc/);
  assert.equal(await page.locator('call-settle input[name="terms.unit_price"]').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await page.evaluate(() => window.__results.at(-1).errors.map((e) => `${e.path} ${e.code}`)), ['terms.unit_price not_a_number']);
  const zh = await error.textContent();
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('call-settle').getAttribute('lang') === 'en');
  const en = await page.locator('call-settle .error[data-error-path="terms.unit_price"]').textContent();
  assert.notEqual(en, zh);
  assert.match(en, /not a number/);
  assert.equal(await page.locator('call-settle label[for="f-terms-unit-price"]').textContent(), 'Price per successful order p (CNY)');
  assert.deepEqual(await labels(), Object.fromEntries(fields.map((f) => [f, common.en[f]])));
  await page.locator('call-settle input[name="terms.unit_price"]').fill('2.50');
  await page.waitForFunction(() => window.__results.at(-1).total);
  // T 12000: 9000.00 − 600 × 1.00 − 9000.00 × 10 ÷ 500 + 1234.56 = 9454.56.
  assert.equal(await page.evaluate(() => window.__results.at(-1).total), '9454.56');
  await page.screenshot({ path: `${OUT_DIR}/call-settle-en.png`, fullPage: true });

  // Markup in a field is shown as text, never parsed.
  await page.locator('call-settle input[name="months[0].month"]').fill('<img src=x onerror=window.__pwned=1>');
  await page.waitForFunction(() => Array.isArray(window.__results.at(-1).errors));
  assert.equal(await inside(page, (root) => root.querySelectorAll('img').length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // readonly: the bill, no inputs; compact at phone width.
  await page.evaluate(() => {
    const e = document.querySelector('call-settle');
    e.setAttribute('readonly', '');
    e.setAttribute('compact', '');
    e.scenario = { terms: { unit_price: '2.50', target_rate: '0.35', penalty_per_unit: '1.00' }, months: [{ month: '2026-01', volume: 10000, success_rate: '0.30', sampled_records: 500, inaccurate_records: 10, telecom_charges: '1234.56' }] };
  });
  await page.waitForFunction(() => window.__results.at(-1).total === '8084.56');
  assert.equal(await page.locator('call-settle input').count(), 0);
  await page.setViewportSize(PHONE);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll at phone width');
  await page.screenshot({ path: `${OUT_DIR}/call-settle-phone.png`, fullPage: true });

  const origin = new URL(env.base).origin;
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin && !u.startsWith('data:')), []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});
