// What crosses the boundary: results are plain JSON objects, read by field name; sweep's money
// columns are exact fen as BigInt64Array.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCase, settle, sweep } from './cases.mjs';

test('settle results are plain JSON objects with the shape of the JSON interface', () => {
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
