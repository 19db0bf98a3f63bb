// Shared by the Node tests: the built modules (pkg/), initialised once, and the golden cases.
import { readFileSync, readdirSync } from 'node:fs';
import * as callsettle from '../../pkg/callsettle.js';
import * as account400 from '../../pkg/callsettle_account400.js';

callsettle.initSync({ module: readFileSync(new URL('../../pkg/callsettle_bg.wasm', import.meta.url)) });
account400.initSync({ module: readFileSync(new URL('../../pkg/callsettle_account400_bg.wasm', import.meta.url)) });

export const { settle, validate, version, sweep, project, solve, compare, capitalAmount, checkDeadlines, encodeState, decodeState } = callsettle;
// The 400-number page's module (its own build, Cargo feature "account400").
export const { projectAccount400, validateAccount400 } = account400;

const casesDir = new URL('../cases/', import.meta.url);

/** tests/cases/index.json: { ok: [...], err: [...] }. */
export const index = JSON.parse(readFileSync(new URL('index.json', casesDir), 'utf8'));

/** The case names present on disk in tests/cases/<kind>/, sorted. */
export function caseFiles(kind) {
  return readdirSync(new URL(`${kind}/`, casesDir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** One case file, parsed. */
export function loadCase(kind, name) {
  return JSON.parse(readFileSync(new URL(`${kind}/${name}.json`, casesDir), 'utf8'));
}

/** "path code" strings of a problem list, sorted (comparisons are order-insensitive). */
export function pairs(list) {
  return list.map((p) => `${p.path} ${p.code}`).sort();
}

/**
 * The 400-number account in April 2026 (30 days), the hand-worked base of the account tests.
 * Inbound: fee 10.00 on the 1st + 300 min × 0.10 (1.00 a day). Outbound: 600 min × 0.05 (1.00 a
 * day). `extra` fields replace the base's.
 */
export const april = (inboundBalance, outboundBalance, extra = {}) => ({
  signing_date: '2026-03-02',
  activation_date: '2026-03-20',
  validity: { start: '2026-04-01', end: '2026-04-30' },
  inbound: { opened: '2026-04-01', balance: inboundBalance, monthly_fee: '10.00',
    minutes_per_month: 300, tariff_per_minute: '0.10' },
  outbound: { opened: '2026-04-01', balance: outboundBalance,
    minutes_per_month: 600, tariff_per_minute: 0.05 },
  ...extra,
});
