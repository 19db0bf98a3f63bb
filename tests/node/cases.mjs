// Shared by the Node tests: the built module (pkg/), initialised once, and the golden cases.
import { readFileSync, readdirSync } from 'node:fs';
import * as callsettle from '../../pkg/callsettle.js';

callsettle.initSync({ module: readFileSync(new URL('../../pkg/callsettle_bg.wasm', import.meta.url)) });

export const { settle, validate, version, sweep, project, projectAccount400, validateAccount400, solve, compare, capitalAmount, checkDeadlines, encodeState, decodeState } = callsettle;

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
