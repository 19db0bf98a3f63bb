// Shared setup for the browser tests: the static server (in-process), Debian's Chromium through
// playwright-core, and small page helpers that know the page's conventions (input names are JSON
// paths; results in [data-result], errors in [data-error-path], warnings in [data-warning]).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url));
export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** The worked example, as typed into the page. */
export const WORKED_EXAMPLE = {
  terms: { unit_price: '2.50', target_rate: '0.35', penalty_per_unit: '1.00', penalty_mode: 'below_target' },
  months: [
    {
      month: '2026-01', volume: '10000', success_rate: '0.30',
      sampled_records: '500', inaccurate_records: '10', telecom_charges: '1234.56',
    },
  ],
};

export const WORKED_RESULT = {
  service_fee: '7500.00',
  shortfall_penalty: '-500.00',
  inaccuracy_deduction: '-150.00',
  telecom_charges: '1234.56',
  total: '8084.56',
  successes: '3000',
  shortfall: '500',
  report_due: '2026-03-05',
  confirm_by: '2026-03-10',
  invoice_by: '2026-03-10',
  payment_due: '2026-03-25',
};

/** Every input of the page, by JSON path. Selects have a default (the module's). */
export const TERM_FIELDS = [
  'project_kind', 'unit_price', 'target_rate', 'penalty_per_unit', 'penalty_mode',
  'inaccuracy_multiplier', 'trial_free_records', 'trial_records_before',
];
export const SETTLEMENT_FIELDS = ['report_day', 'lag_months', 'confirm_days', 'invoice_days', 'payment_days', 'day_count', 'rest_day_rule'];
export const MONTH_FIELDS = [
  'month', 'volume', 'success_rate', 'successes', 'trial_records', 'trial_successes', 'sampled_records',
  'inaccurate_records', 'telecom_charges',
];
export const SELECT_DEFAULTS = {
  'terms.project_kind': 'service',
  'terms.penalty_mode': 'below_target',
  'terms.settlement.day_count': 'calendar',
  'terms.settlement.rest_day_rule': 'next_working_day',
};
/** The statement's texts (issue 20): optional, on the calculator only. */
export const STATEMENT_PATHS = ['contract_no', 'parties.a', 'parties.b'];
export const ALL_PATHS = [
  ...TERM_FIELDS.map((f) => `terms.${f}`),
  ...SETTLEMENT_FIELDS.map((f) => `terms.settlement.${f}`),
  ...MONTH_FIELDS.map((f) => `months[0].${f}`),
];

/** Every input path of a page showing `scenario` (its months in the grid, one row each). */
export function pathsFor(scenario) {
  const n = Array.isArray(scenario?.months) ? scenario.months.length : 1;
  return [
    ...TERM_FIELDS.map((f) => `terms.${f}`),
    ...SETTLEMENT_FIELDS.map((f) => `terms.settlement.${f}`),
    ...Array.from({ length: n }, (_, i) => MONTH_FIELDS.map((f) => `months[${i}].${f}`)).flat(),
    ...STATEMENT_PATHS,
  ];
}

/**
 * Chromium's own omnibox popup, a WebUI page that new headless mode still loads for every tab in
 * a renderer process of its own. No page of ours uses it, and on this 2-core machine it took
 * more CPU than our page during a page load (bench/run.mjs measures the first bill with and
 * without it).
 */
export const NO_OMNIBOX_WEBUI = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup';

/** Launch arguments of the browser tests and the benchmark. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  NO_OMNIBOX_WEBUI,
];

/** Starts the server and the browser; returns { base, browser, close }. */
export async function start() {
  mkdirSync(OUT_DIR, { recursive: true });
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * A new page (own context; `touch`: a touch screen, as a phone's) with problem recording:
 * `problems.console` (console errors and warnings), `problems.page` (uncaught exceptions),
 * `problems.failed` (failed requests; not those a navigation cancelled, see below).
 */
export async function newPage(browser, { viewport = LAPTOP, beforeGoto, touch = false } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN', hasTouch: touch });
  context.setDefaultTimeout(5_000);
  const page = await context.newPage();
  const problems = { console: [], page: [], failed: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.console.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.page.push(String(err)));
  // The address of the document that made each request: a request still in flight when that
  // document is left (a link followed before its late modules arrived) is cancelled by the
  // navigation, which is not a failure of the page. The browser may report the cancel before or
  // after the new document's arrival, so a cancel counted before is taken back on arrival. The
  // tab icon's fetch is the browser's own request, made again whenever the address changes.
  const doc = (url) => url.replace(/[?#].*$/, ''); // not the state the page writes into its address (a frame's may be '')
  const madeBy = new WeakMap();
  const cancelled = new Map(); // entry in problems.failed → address of the document that made it
  page.on('request', (req) => madeBy.set(req, doc(req.frame().url())));
  page.on('requestfailed', (req) => {
    const entry = `${req.url()} ${req.failure()?.errorText}`;
    if (req.failure()?.errorText === 'net::ERR_ABORTED') {
      if (new URL(req.url()).pathname.endsWith('/icon.svg')) return;
      if (madeBy.has(req) && madeBy.get(req) !== doc(req.frame().url())) return;
      cancelled.set(entry, madeBy.get(req));
    }
    problems.failed.push(entry);
  });
  page.on('framenavigated', (frame) => {
    for (const [entry, by] of cancelled) {
      if (frame === page.mainFrame() && by !== doc(frame.url())) {
        problems.failed.splice(problems.failed.indexOf(entry), 1);
        cancelled.delete(entry);
      }
    }
  });
  if (beforeGoto) await beforeGoto(page);
  return { page, context, problems };
}

/** Loads the page and waits until the first bill is shown. */
export async function openReady(page, base) {
  await page.goto(`${base}/`);
  await ready(page, 10_000);
}

/** Waits until the page says it is ready (its first results shown, its late modules loaded). */
export function ready(page, timeout = 20_000) {
  return page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout });
}

/**
 * Whether a request path is one of the pages' own files (www/ at the root, pkg/ beside it), or
 * the deployer's deal policy (www/policy.json), asked for on every load whether or not it is there.
 */
export function ownFile(pathname) {
  if (pathname === '/' || pathname === '/policy.json') return true;
  const [dir, rel] = pathname.startsWith('/pkg/') ? ['pkg', pathname.slice(5)] : ['www', pathname.slice(1)];
  if (!rel || rel.split('/').includes('..')) return false;
  return existsSync(join(ROOT_DIR, dir, decodeURIComponent(rel)));
}

const css = (s) => s.replace(/["\\]/g, '\\$&');
export const byName = (path) => `[name="${css(path)}"]`;

/** Pastes `text` into the input `path` as a browser does: a paste event with clipboardData. */
export async function paste(page, path, text) {
  await page.evaluate(({ path, text }) => {
    const input = document.querySelector(`[name="${CSS.escape(path)}"]`);
    input.focus();
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, { path, text });
}

/**
 * Every [data-result] (one element per key): the module's exact text where the page shows an
 * amount (its `data-value`; the display is checked against it by `readDisplayed`), else the text.
 */
export async function readResults(page) {
  return page.evaluate(() => {
    const out = {};
    for (const node of document.querySelectorAll('[data-result]')) out[node.dataset.result] = node.dataset.value ?? node.textContent.trim();
    return out;
  });
}

/** "-1234567.80" → "-1,234,567.80": how the pages show an amount (docs/rules.md, issue 14). */
export function grouped(amount) {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!m) return amount;
  let int = m[2];
  const groups = [];
  while (int.length > 3) {
    groups.unshift(int.slice(-3));
    int = int.slice(0, -3);
  }
  groups.unshift(int);
  return `${m[1]}${groups.join(',')}${m[3] ?? ''}`;
}

/** Every shown amount: [{ key, value, text, neg }] (value: data-value, text: what is on screen). */
export async function readDisplayed(page) {
  return page.$$eval('[data-result][data-value]', (nodes) =>
    nodes.map((n) => ({ key: n.dataset.result, value: n.dataset.value, text: n.textContent, neg: n.classList.contains('neg') })),
  );
}

/** Every error shown: [{ path, code, text }]. */
export async function readErrors(page) {
  return page.$$eval('[data-error-path]', (nodes) =>
    nodes.map((n) => ({ path: n.dataset.errorPath, code: n.dataset.errorCode, text: n.textContent.trim() })),
  );
}

/** Warning codes shown, sorted. */
export async function readWarnings(page) {
  const codes = await page.$$eval('[data-warning]', (nodes) => nodes.map((n) => n.dataset.warning));
  return codes.sort();
}

export async function resultsState(page) {
  return page.getAttribute('#results', 'data-state');
}

/** A scenario value as it is typed: strings as they are, JS numbers as String(n). */
export function typed(value) {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`cannot type ${JSON.stringify(value)}`);
}

/** A scenario object without its null fields (the module reads null as absent). */
function present(obj) {
  return Object.fromEntries(Object.entries(obj ?? {}).filter(([, v]) => v !== null && v !== undefined));
}

const isObject = (v) => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/**
 * Why the page cannot express `scenario` (null when it can): unknown fields, values that are not
 * strings or numbers (null counts as absent), both success_rate and successes, no months (the
 * grid keeps one row), months given partly as rates and partly as successes (one switch for the
 * grid), a choice the selects do not offer.
 */
export function inexpressible(scenario) {
  if (!isObject(scenario)) return 'scenario not an object';
  if (Object.keys(scenario).some((k) => !['terms', 'months', 'parties', 'contract_no'].includes(k))) return 'unknown top-level field';
  const { parties, contract_no: contractNo } = scenario;
  if (parties != null && (!isObject(parties) || Object.keys(parties).some((k) => k !== 'a' && k !== 'b'))) return 'parties other than a and b';
  if ([contractNo, parties?.a, parties?.b].some((v) => v != null && typeof v !== 'string')) return 'a statement text that is not a string';
  const { terms, months } = scenario;
  if (!isObject(terms)) return 'terms not an object';
  if (!Array.isArray(months) || months.length === 0) return 'no months';
  if (!months.every(isObject)) return 'month not an object';
  if (terms.settlement != null && !isObject(terms.settlement)) return 'settlement not an object';
  const check = (obj, fields, where) => {
    for (const [k, v] of Object.entries(present(obj))) {
      if (k === 'settlement' && where === 'terms') continue;
      if (!fields.includes(k)) return `unknown field ${where}.${k}`;
      if (typeof v !== 'string' && typeof v !== 'number') return `${where}.${k} is ${typeof v}`;
    }
    return null;
  };
  const problem =
    check(terms, TERM_FIELDS, 'terms') ??
    check(terms.settlement, SETTLEMENT_FIELDS, 'terms.settlement') ??
    months.reduce((found, month, i) => found ?? check(month, MONTH_FIELDS, `months[${i}]`), null);
  if (problem) return problem;
  const options = {
    'terms.project_kind': [terms.project_kind, ['service', 'marketing']],
    'terms.penalty_mode': [terms.penalty_mode, ['below_target', 'linear']],
    'terms.settlement.day_count': [terms.settlement?.day_count, ['calendar', 'working']],
    'terms.settlement.rest_day_rule': [terms.settlement?.rest_day_rule, ['next_working_day', 'none']],
  };
  for (const [path, [v, allowed]] of Object.entries(options)) {
    if (v != null && !allowed.includes(v)) return `${path} = ${JSON.stringify(v)} is not an option of the select`;
  }
  if (months.some((m) => m.success_rate != null && m.successes != null)) return 'both success_rate and successes';
  if (months.some((m) => m.success_rate != null) && months.some((m) => m.successes != null)) return 'rates and successes mixed';
  return null;
}

/** The value the page's input `path` gets for `scenario` (undefined: left empty / default). */
export function valueAt(scenario, path) {
  const { terms, months } = scenario;
  if (path === 'contract_no') return scenario.contract_no ?? undefined;
  if (path.startsWith('parties.')) return present(scenario.parties)[path.slice(8)];
  const month = /^months\[(\d+)\]\.(\w+)$/.exec(path);
  const [where, field] = path.startsWith('terms.settlement.')
    ? [terms.settlement, path.slice(17)]
    : path.startsWith('terms.')
      ? [terms, path.slice(6)]
      : [months[Number(month[1])], month[2]];
  return present(where)[field];
}

/**
 * Puts `scenario` into the page's inputs: every input is set (absent or null fields left empty
 * so the default applies), selects set (absent: the default), the success basis chosen.
 * Only fields whose text differs are touched. By default each is typed with page.fill (a real
 * edit, one rendering frame each); with `{ direct: true }` the values are set in the page and an
 * `input` event is dispatched for each, as typing does, in one round trip (for the many golden
 * cases; the other tests type for real).
 */
export async function fillScenario(page, scenario, { direct = false } = {}) {
  const n = scenario.months.length;
  const basis = scenario.months.some((m) => present(m).successes !== undefined) ? 'successes' : 'success_rate';
  const hidden = basis === 'successes' ? '.success_rate' : '.successes';
  const wanted = {};
  for (const path of pathsFor(scenario)) {
    const value = valueAt(scenario, path);
    if (path in SELECT_DEFAULTS) wanted[path] = value ?? SELECT_DEFAULTS[path];
    else if (!path.endsWith(hidden)) wanted[path] = typed(value);
  }
  // As many grid rows as months (added after the last; removed as the picked last row), then
  // the first month picked, so that the bill shows months[0].
  const rows = async (count) => {
    await page.evaluate((count) => {
      const rows = () => document.querySelectorAll('#plan-rows tr').length;
      while (rows() < count) document.querySelector('[data-action="add"]').click();
      while (rows() > count) {
        document.querySelector(`input[name="detail_month"][value="${rows() - 1}"]`).click();
        document.querySelector('[data-action="remove"]').click();
      }
    }, count);
  };
  if (direct) {
    await rows(n);
    await page.evaluate(
      ({ basis, wanted }) => {
        const form = document; // the terms form and the month grid
        const radio = form.querySelector(`input[name="s_basis"][value="${basis}"]`);
        if (!radio.checked) {
          radio.checked = true;
          radio.dispatchEvent(new Event('input', { bubbles: true }));
          radio.dispatchEvent(new Event('change', { bubbles: true }));
        }
        for (const [path, value] of Object.entries(wanted)) {
          const el = form.querySelector(`[name="${CSS.escape(path)}"]`);
          if (el.value === value) continue;
          el.value = value;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          if (el.tagName === 'SELECT') el.dispatchEvent(new Event('change', { bubbles: true }));
        }
        document.querySelector('input[name="detail_month"][value="0"]').click();
      },
      { basis, wanted },
    );
    return;
  }
  await rows(n);
  await page.check(`input[name="s_basis"][value="${basis}"]`);
  const current = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('#scenario [name], #plan [name]')].map((n) => [n.name, n.value])),
  );
  for (const [path, value] of Object.entries(wanted)) {
    if (current[path] === value) continue;
    if (path in SELECT_DEFAULTS) await page.selectOption(byName(path), value);
    else await page.fill(byName(path), value);
  }
  await page.check('input[name="detail_month"][value="0"]');
}
