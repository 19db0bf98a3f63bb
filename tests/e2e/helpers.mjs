// Shared setup for the browser tests: the static server (in-process), Debian's Chromium through
// playwright-core, and small page helpers that know the page's conventions (input names are JSON
// paths; results in [data-result], errors in [data-error-path], warnings in [data-warning]).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url));
export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** The worked example of SPEC §6, as typed into the page. */
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
  'inaccuracy_multiplier', 'trial_free_records',
];
export const SETTLEMENT_FIELDS = ['report_day', 'lag_months', 'confirm_days', 'invoice_days', 'payment_days', 'day_count'];
export const MONTH_FIELDS = [
  'month', 'volume', 'success_rate', 'successes', 'trial_records', 'sampled_records',
  'inaccurate_records', 'telecom_charges',
];
export const SELECT_DEFAULTS = {
  'terms.project_kind': 'service',
  'terms.penalty_mode': 'below_target',
  'terms.settlement.day_count': 'calendar',
};
export const ALL_PATHS = [
  ...TERM_FIELDS.map((f) => `terms.${f}`),
  ...SETTLEMENT_FIELDS.map((f) => `terms.settlement.${f}`),
  ...MONTH_FIELDS.map((f) => `months[0].${f}`),
];

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
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
 * A new page (own context) with problem recording: `problems.console` (console errors and
 * warnings), `problems.page` (uncaught exceptions), `problems.failed` (failed requests).
 */
export async function newPage(browser, { viewport = LAPTOP, beforeGoto } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = { console: [], page: [], failed: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.console.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.page.push(String(err)));
  page.on('requestfailed', (req) => problems.failed.push(`${req.url()} ${req.failure()?.errorText}`));
  if (beforeGoto) await beforeGoto(page);
  return { page, context, problems };
}

/** Loads the page and waits until the first bill is shown. */
export async function openReady(page, base) {
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
}

const css = (s) => s.replace(/["\\]/g, '\\$&');
export const byName = (path) => `[name="${css(path)}"]`;

/** Text of every [data-result] (one element per key). */
export async function readResults(page) {
  return page.evaluate(() => {
    const out = {};
    for (const node of document.querySelectorAll('[data-result]')) out[node.dataset.result] = node.textContent.trim();
    return out;
  });
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

/**
 * Why the page cannot express `scenario` (null when it can): unknown fields, values that are not
 * strings or numbers, both success_rate and successes, months other than one.
 */
export function inexpressible(scenario) {
  if (!scenario || typeof scenario !== 'object' || Array.isArray(scenario)) return 'scenario not an object';
  const { terms, months } = scenario;
  if (Object.keys(scenario).some((k) => k !== 'terms' && k !== 'months')) return 'unknown top-level field';
  if (!terms || typeof terms !== 'object' || Array.isArray(terms)) return 'terms not an object';
  if (!Array.isArray(months) || months.length !== 1) return 'not exactly one month';
  const month = months[0];
  if (!month || typeof month !== 'object' || Array.isArray(month)) return 'month not an object';
  const settlement = terms.settlement ?? {};
  if (typeof settlement !== 'object' || Array.isArray(settlement) || settlement === null) return 'settlement not an object';
  const check = (obj, fields, where) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'settlement' && where === 'terms') continue;
      if (!fields.includes(k)) return `unknown field ${where}.${k}`;
      if (typeof v !== 'string' && typeof v !== 'number') return `${where}.${k} is ${v === null ? 'null' : typeof v}`;
    }
    return null;
  };
  const problem =
    check(terms, TERM_FIELDS, 'terms') ?? check(settlement, SETTLEMENT_FIELDS, 'settlement') ?? check(month, MONTH_FIELDS, 'month');
  if (problem) return problem;
  for (const [path, v] of Object.entries({
    'terms.project_kind': terms.project_kind,
    'terms.penalty_mode': terms.penalty_mode,
    'terms.settlement.day_count': settlement.day_count,
  })) {
    if (v !== undefined && !['service', 'marketing', 'below_target', 'linear', 'calendar', 'working'].includes(v)) {
      return `${path} = ${JSON.stringify(v)} is not an option of the select`;
    }
  }
  if ('success_rate' in month && 'successes' in month) return 'both success_rate and successes';
  return null;
}

/**
 * Types `scenario` into the page: every input is cleared and filled (absent fields left empty so
 * the default applies), selects set (absent: the default), the success basis chosen.
 */
export async function fillScenario(page, scenario) {
  const { terms, months } = scenario;
  const settlement = terms.settlement ?? {};
  const month = months[0];
  const basis = 'successes' in month ? 'successes' : 'success_rate';
  await page.check(`input[name="s_basis"][value="${basis}"]`);
  const values = {};
  for (const f of TERM_FIELDS) values[`terms.${f}`] = terms[f];
  for (const f of SETTLEMENT_FIELDS) values[`terms.settlement.${f}`] = settlement[f];
  for (const f of MONTH_FIELDS) values[`months[0].${f}`] = month[f];
  for (const [path, value] of Object.entries(values)) {
    if (path in SELECT_DEFAULTS) {
      await page.selectOption(byName(path), value ?? SELECT_DEFAULTS[path]);
    } else if (path === `months[0].${basis === 'successes' ? 'success_rate' : 'successes'}`) {
      continue; // hidden: the other basis
    } else {
      await page.fill(byName(path), typed(value));
    }
  }
}
