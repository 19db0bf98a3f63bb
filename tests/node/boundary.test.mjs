// The two ways results cross the boundary give the same object: the tape (settle, sweep) and
// serde-wasm-bindgen (settleViaSerde). Also what sweep returns: exact fen as BigInt64Array.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { index, loadCase, settle, settleViaSerde, sweep } from './cases.mjs';

test('settle (tape) and settleViaSerde give deep-equal results for every ok case', () => {
  assert.ok(index.ok.length >= 30);
  for (const name of index.ok) {
    const { scenario } = loadCase('ok', name);
    // Twice: the second call reuses the name table built by the first.
    for (let round = 0; round < 2; round++) {
      const [tape, serde] = [settle(scenario), settleViaSerde(scenario)];
      assert.deepStrictEqual(tape, serde, `${name}, round ${round}`);
      // The same keys in the same order at every level (the struct literals of boundary.js).
      assert.equal(JSON.stringify(tape), JSON.stringify(serde), `${name}, round ${round}`);
    }
  }
});

test('the string cache: settle in a shuffled order, with varied volumes and errors between, equals settleViaSerde', () => {
  const scenarios = index.ok.map((name) => loadCase('ok', name).scenario);
  const bad = loadCase('err', index.err[0]).scenario;
  // A fixed pseudo-random order (the same on every run).
  let seed = 7;
  const random = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  for (let i = 0; i < 400; i++) {
    const base = scenarios[random(scenarios.length)];
    const months = base.months.map((m) => (random(2) ? { ...m, volume: 1000 + 10 * random(50) } : m));
    const scenario = { ...base, months };
    if (random(10) === 0) assert.throws(() => settle(bad));
    let serde;
    try {
      serde = settleViaSerde(scenario);
    } catch {
      assert.throws(() => settle(scenario));
      continue;
    }
    const tape = settle(scenario);
    assert.equal(JSON.stringify(tape), JSON.stringify(serde), `call ${i}`);
  }
});

test('settle results are plain JSON objects with the SPEC §6 shape', () => {
  const { scenario } = loadCase('ok', 'worked_example');
  const r = settle(scenario);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(r)), r, 'survives a JSON round trip unchanged');
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.deepStrictEqual(Object.keys(r.months[0].lines[0]),
    ['key', 'clause', 'label_zh', 'label_en', 'formula', 'expression', 'inputs', 'exact', 'rounding', 'amount']);
  assert.deepStrictEqual(r.months[0].lines[0].inputs, { p: '2.50', s: '0.3', T: '10000' });
});

test('sweep: exact fen columns that match settle at each point', () => {
  const { scenario } = loadCase('ok', 'worked_example');
  const s = sweep(scenario, 'success_rate', '0.25', '0.45', 5);
  assert.deepStrictEqual(s.values, ['0.25', '0.3', '0.35', '0.4', '0.45']);
  assert.ok(s.total instanceof BigInt64Array);
  for (let i = 0; i < s.values.length; i++) {
    const month = { ...scenario.months[0], success_rate: s.values[i] };
    const bill = settle({ ...scenario, months: [month] });
    assert.equal(s.total[i], BigInt(bill.total.replace('.', '')), `total at ${s.values[i]}`);
    assert.equal(s.service_fee[i], BigInt(bill.months[0].lines[0].amount.replace('.', '')));
  }
  assert.equal(s.total[1], 808456n, 'the worked example, 8084.56, in fen');
});

test('sweep reports every bad argument at once', () => {
  const { scenario } = loadCase('ok', 'worked_example');
  assert.throws(() => sweep(scenario, 'colour', 'x', 'y', 1), (e) => {
    assert.deepStrictEqual(e.errors.map((x) => `${x.path} ${x.code}`),
      ['field invalid_choice', 'from not_a_number', 'to not_a_number', 'steps out_of_range']);
    return true;
  });
});
