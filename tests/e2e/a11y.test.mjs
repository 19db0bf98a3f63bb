// Accessibility (issue 14): axe-core (npm "axe-core", run from node_modules by this test only;
// the pages never load it) checks every page in both languages against WCAG 2.1 A and AA, with
// the results, the month grid, the charts and their tables, a deal policy's findings and an
// import report shown, and with errors on screen; the embedding example with <call-settle> too.
// Any violation fails the test, listed with its rule and the elements it names. Every chart has a
// text alternative: a name, a caption and the table of its figures (aria-details).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LAPTOP, PHONE, ROOT_DIR, byName, newPage, start } from './helpers.mjs';

const AXE = readFileSync(join(ROOT_DIR, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** The violations axe finds in the page as it is, one line each. */
async function violations(page) {
  // Evaluated through the browser's debugging protocol: the page's CSP is not bypassed for it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const found = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`.slice(0, 300)) }));
  }, TAGS);
  return found.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).join(' | ')}`);
}

/** The example deal policy picked, and a price that needs approval: the status, the findings and
 * the note at the price field are on screen (policy.js). */
async function withPolicy(page) {
  const buffer = readFileSync(join(ROOT_DIR, 'www', 'policy-example.json'));
  await page.setInputFiles('[data-policy-file]', { name: 'policy-example.json', mimeType: 'application/json', buffer });
  await page.fill(byName('terms.unit_price'), '2.39');
  await page.waitForSelector('.policy-note');
}

/** A results file with rejected rows imported: the import report, its tables and its download. */
async function withImportReport(page) {
  await page.setInputFiles('input[name="results_file"]', join(ROOT_DIR, 'tests', 'data', 'import', 'asterisk-rejects.csv'));
  await page.waitForFunction(() => document.getElementById('import').dataset.state === 'done', null, { timeout: 30_000 });
}

const PAGES = {
  'index.html': async (page) => {
    await page.waitForFunction(() => !document.getElementById('year').hidden && document.querySelector('#cashflow-chart canvas'));
    await withImportReport(page);
    await withPolicy(page);
  },
  'whatif.html': async (page) => {
    await page.waitForFunction(() => document.querySelector('#sweep-chart canvas'));
    await withPolicy(page);
    await page.click('[data-action="duplicate"]'); // the comparison table, with a policy row
  },
  'account400.html': async (page) => {
    await page.waitForFunction(() => document.querySelector('#balance-chart canvas'));
  },
};

/** A bad value on each page: its errors (and the stale state) are checked too. */
const BAD = { 'index.html': 'terms.unit_price', 'whatif.html': 'terms.unit_price', 'account400.html': 'inbound.balance' };

for (const [name, viewport] of [['laptop', LAPTOP], ['phone', PHONE]]) {
  for (const [file, settle] of Object.entries(PAGES)) {
    test(`${file} at ${name} width: no WCAG 2.1 A/AA violation in Chinese or English`, async () => {
      const { page, context, problems } = await newPage(env.browser, { viewport });
      await page.goto(`${env.base}/${file}`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
      await settle(page);
      const found = [];
      for (const lang of ['zh', 'en']) {
        await page.click(`[data-lang="${lang}"]`);
        found.push(...(await violations(page)).map((v) => `${lang}: ${v}`));
      }
      await page.fill(byName(BAD[file]), 'abc');
      // And on the calculator a date that does not exist in the clerk's check (its text field).
      if (file === 'index.html') await page.fill(byName('months[0].actual.paid'), '2026年2月30日');
      found.push(...(await violations(page)).map((v) => `en, with an error: ${v}`));
      assert.deepEqual(found, [], `axe-core violations on ${file}:\n${found.join('\n')}`);
      assert.deepEqual(problems, { console: [], page: [], failed: [] });
      await context.close();
    });
  }
}

test('embed-example.html (<call-settle>) at laptop and phone width: no violation in Chinese or English', async () => {
  for (const viewport of [LAPTOP, PHONE]) {
    const { page, context, problems } = await newPage(env.browser, { viewport });
    await page.goto(`${env.base}/embed-example.html`);
    await page.waitForFunction(() => document.querySelector('call-settle').result?.total);
    const found = (await violations(page)).map((v) => `zh: ${v}`);
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('call-settle').getAttribute('lang') === 'en');
    found.push(...(await violations(page)).map((v) => `en: ${v}`));
    await page.fill('call-settle [name="terms.unit_price"]', 'abc');
    await page.waitForFunction(() => document.querySelector('call-settle').result?.errors);
    found.push(...(await violations(page)).map((v) => `en, with an error: ${v}`));
    assert.deepEqual(found, [], `axe-core violations on embed-example.html at ${viewport.width} px:\n${found.join('\n')}`);
    // axe-core itself, looking into the element's shadow root, sets inline styles that the page's
    // CSP blocks (without axe the page logs nothing: call-settle.test.mjs).
    problems.console = problems.console.filter((m) => !m.includes("Applying inline style violates the following Content Security Policy directive 'style-src 'self''"));
    assert.deepEqual(problems, { console: [], page: [], failed: [] });
    await context.close();
  }
});

test('every chart has a text alternative: its name, its caption and the table of its figures', async () => {
  for (const [file, chart] of [['index.html', '#cashflow-chart'], ['whatif.html', '#sweep-chart'], ['account400.html', '#balance-chart']]) {
    const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
    await page.goto(`${env.base}/${file}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
    await page.waitForFunction((sel) => document.querySelector(`${sel} canvas`), chart, { timeout: 20_000 });
    const alt = await page.evaluate((sel) => {
      const node = document.querySelector(sel);
      const text = (attr) => (node.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent.trim() ?? '').join(' ');
      const table = document.getElementById(node.getAttribute('aria-details') ?? '');
      const tbl = table?.matches('table') ? table : table?.querySelector('table');
      return { role: node.getAttribute('role'), name: text('aria-labelledby'), caption: text('aria-describedby'), rows: tbl?.querySelectorAll('tbody tr').length ?? 0 };
    }, chart);
    assert.equal(alt.role, 'img', `${file}: the chart is an image to assistive technology`);
    assert.ok(alt.name && alt.caption, `${file}: named and described (${JSON.stringify(alt)})`);
    assert.ok(alt.rows > 0, `${file}: its figures in a table it points to (${JSON.stringify(alt)})`);
    assert.deepEqual(problems, { console: [], page: [], failed: [] });
    await context.close();
  }
});

/** The page's controls a keyboard user must reach: one tab stop per radio group. */
function controls(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex="0"]')]
      .filter((n) => !n.disabled && n.checkVisibility({ visibilityProperty: true }) && !n.closest('[hidden], [inert]'))
      .filter((n) => !(n.type === 'radio' && !n.checked));
    all.forEach((n, i) => n.setAttribute('data-kbd', String(i)));
    return all.map((n) => n.getAttribute('data-kbd'));
  });
}

for (const file of Object.keys(PAGES)) {
  test(`${file}: every control is reached with the Tab key`, async () => {
    const { page, context, problems } = await newPage(env.browser, { viewport: LAPTOP });
    await page.goto(`${env.base}/${file}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
    await PAGES[file](page);
    const want = await controls(page);
    const reached = new Set();
    await page.evaluate(() => document.activeElement?.blur());
    for (let i = 0; i < want.length + 20 && reached.size < want.length; i += 1) {
      await page.keyboard.press('Tab');
      const k = await page.evaluate(() => document.activeElement?.getAttribute('data-kbd'));
      if (k) reached.add(k);
    }
    const missed = await page.evaluate(
      (ids) => ids.map((k) => document.querySelector(`[data-kbd="${k}"]`).outerHTML.slice(0, 120)),
      want.filter((k) => !reached.has(k)),
    );
    assert.deepEqual(missed, [], 'controls the Tab key never reaches');
    assert.deepEqual(problems, { console: [], page: [], failed: [] });
    await context.close();
  });
}
