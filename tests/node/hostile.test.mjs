// Hostile input through the package entry (pkg/index.js, as a portal calls it): markup in every
// string, a 10 MB string, 10 000-deep nesting, `__proto__` / `constructor` keys, 10 000-digit
// numbers. Each call ends within a time bound with a result or a CallsettleError carrying
// well-formed problems; no prototype changes; the texts come back as inert data (the module
// never builds markup).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  initSync, settle, validate, solve, projectAccount400, validateAccount400, decodeState, encodeState,
  capitalAmount, CallsettleError,
} from '../../pkg/index.js';

initSync({
  module: readFileSync(new URL('../../pkg/callsettle_bg.wasm', import.meta.url)),
  account400: readFileSync(new URL('../../pkg/callsettle_account400_bg.wasm', import.meta.url)),
});

const worked = () => JSON.parse(readFileSync(new URL('../cases/ok/worked_example.json', import.meta.url), 'utf8')).scenario;
const april = () => JSON.parse(readFileSync(new URL('../fuzz/corpus/account400/plan.json', import.meta.url), 'utf8'));
const XSS = '<img src=x onerror=globalThis.__pwned=1>';

/** Runs `f` within `ms`; returns its result or its CallsettleError (anything else fails). */
function bounded(what, f, ms = 3000) {
  const start = performance.now();
  let out;
  try {
    out = f();
  } catch (e) {
    assert.ok(e instanceof CallsettleError, `${what}: threw ${e?.name}: ${String(e).slice(0, 200)}`);
    assert.ok(e.errors.length > 0, what);
    for (const p of [...e.errors, ...e.warnings]) {
      assert.equal(typeof p.path, 'string', what);
      assert.ok(p.code && p.message_zh && p.message_en, what);
    }
    out = e;
  }
  const took = performance.now() - start;
  assert.ok(took < ms, `${what}: ${took.toFixed(0)} ms`);
  return out;
}

/** Every [path, value] of the strings and numbers in `v`. */
function leaves(v, path = '') {
  if (v === null || typeof v !== 'object') return [[path, v]];
  return Object.entries(v).flatMap(([k, x]) => leaves(x, Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k));
}

function setAt(obj, path, value) {
  const keys = path.match(/[^.[\]]+/g);
  let at = obj;
  for (const k of keys.slice(0, -1)) at = at[k];
  at[keys.at(-1)] = value;
  return obj;
}

test('markup in any field: an error at that field (or a bill), the text returned as data', () => {
  for (const [path] of leaves(worked())) {
    const r = bounded(path, () => settle(setAt(worked(), path, XSS)));
    if (r instanceof CallsettleError) {
      assert.ok(r.errors.some((e) => e.path === path), `${path}: ${r.errors.map((e) => e.path)}`);
    }
  }
  for (const [path] of leaves(april())) bounded(path, () => projectAccount400(setAt(april(), path, XSS)));
  // As a key, too: unknown keys are reported or ignored, never interpreted.
  bounded('key', () => settle({ ...worked(), [XSS]: XSS }));
  assert.equal(globalThis.__pwned, undefined);
});

test('a 10 MB string anywhere: a clear error, quickly', () => {
  const big = '9'.repeat(10 * 1024 * 1024);
  for (const path of ['terms.unit_price', 'months[0].month', 'months[0].volume', 'terms.penalty_mode']) {
    const e = bounded(path, () => settle(setAt(worked(), path, big)));
    assert.ok(e instanceof CallsettleError, path);
    assert.ok(e.errors.every((x) => x.message_en.length < 2000), `${path}: the message does not echo 10 MB`);
  }
  bounded('share text', () => decodeState(`v1.${'A'.repeat(10 * 1024 * 1024)}`));
  bounded('400 balance', () => projectAccount400(setAt(april(), 'inbound.balance', big)));
  assert.ok(bounded('capital', () => capitalAmount(big)) instanceof CallsettleError);
});

test('10 000-deep nesting: wrong_type (not JSON the module reads), never a stack overflow', () => {
  let deep = '1';
  for (let i = 0; i < 10_000; i++) deep = [deep];
  let deepObject = {};
  for (let i = 0; i < 10_000; i++) deepObject = { months: deepObject };
  for (const [what, value] of [['array', deep], ['object', deepObject], ['in a month', { ...worked(), months: [deep] }]]) {
    const e = bounded(what, () => settle(value));
    assert.ok(e instanceof CallsettleError, what);
    assert.deepEqual(e.errors.map((x) => x.code), ['wrong_type'], what);
    assert.deepEqual(validate(value).errors.map((x) => x.code), ['wrong_type'], what);
  }
  bounded('solve', () => solve(worked(), 'success_rate', deep));
  bounded('share', () => encodeState(deep));
});

test('__proto__ and constructor keys: read as plain keys, no prototype changes', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const hostile = JSON.parse(`{
    "__proto__": { "polluted": "yes", "toString": "x" },
    "constructor": { "prototype": { "polluted": "yes" } },
    "terms": { "unit_price": "2.50", "target_rate": "0.35", "penalty_per_unit": "1.00",
      "__proto__": { "polluted": "yes" }, "settlement": { "constructor": "x" } },
    "months": [{ "month": "2026-01", "volume": "10000", "success_rate": "0.30",
      "__proto__": { "volume": "1", "polluted": "yes" } }]
  }`);
  const r = bounded('settle', () => settle(hostile));
  if (!(r instanceof CallsettleError)) assert.equal(r.months[0].successes, '3000', 'the own volume, not a prototype one');
  bounded('validate', () => validate(hostile));
  bounded('400', () => projectAccount400({ ...april(), ...JSON.parse('{"__proto__": {"polluted": "yes"}, "inbound": {"__proto__": {"balance": "1"}}}') }));
  // A share link carrying such keys gives them back as own data.
  const shared = encodeState(hostile);
  const back = decodeState(shared);
  assert.ok(Object.hasOwn(back, '__proto__'));
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.equal(back.polluted, undefined);
  const decoded = decodeState(`v0.${Buffer.from('{"__proto__":{"polluted":"yes"},"a":{"constructor":{"prototype":{"polluted":"yes"}}}}').toString('base64url')}`);
  assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
  assert.equal(({}).polluted, undefined);
  assert.equal(({}).toString, Object.prototype.toString);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
});

test('10 000-digit numbers, as text, as BigInt and in a share link: a clear error, quickly', () => {
  const digits = '1' + '0'.repeat(9_999);
  for (const [what, value] of [['text', digits], ['decimals', `0.${digits}`], ['BigInt', BigInt(digits)], ['negative', `-${digits}`]]) {
    for (const path of ['terms.unit_price', 'terms.target_rate', 'months[0].volume', 'months[0].telecom_charges']) {
      const e = bounded(`${what} ${path}`, () => settle(setAt(worked(), path, value)));
      assert.ok(e instanceof CallsettleError, `${what} ${path}`);
      assert.ok(e.errors.some((x) => x.path === path), `${what} ${path}: ${e.errors.map((x) => `${x.path} ${x.code}`)}`);
    }
  }
  // As a JSON number (the share payload is JSON text): exact digits kept, refused by the reader.
  const scenario = decodeState(`v0.${Buffer.from(`{"terms":{"unit_price":${digits},"target_rate":"0.35","penalty_per_unit":"1"},"months":[{"month":"2026-01","volume":10000,"success_rate":"0.3"}]}`).toString('base64url')}`);
  const e = bounded('JSON number', () => settle(scenario));
  assert.ok(e instanceof CallsettleError);
  bounded('solve target', () => solve(worked(), 'unit_price', digits));
  bounded('400', () => validateAccount400(setAt(april(), 'inbound.balance', digits)));
});
