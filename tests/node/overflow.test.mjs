// docs/rules.md "Reading input": a result too large for exact arithmetic is an error, never a crash. In its own file
// (its own process): a wasm trap would leave the module instance in an unknown state.
//
// Each month is valid and bills -99 x 10^24 (fee 10^24, deduction -100 x 10^24 at multiplier
// 100); 1000 of them sum to -9.9 x 10^28, beyond the ~7.9 x 10^28 exact decimals hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, validate } from './cases.mjs';

const month = {
  month: '2026-01',
  volume: '1000000000000',
  successes: '1000000000000',
  sampled_records: '1',
  inaccurate_records: '1',
};
const scenario = {
  terms: { unit_price: '1000000000000', target_rate: '0', penalty_per_unit: '0', inaccuracy_multiplier: '100' },
  months: Array.from({ length: 1000 }, () => ({ ...month })),
};

test('a scenario total beyond exact arithmetic: validate reports overflow, no trap', () => {
  let v;
  try {
    v = validate(scenario);
  } catch (e) {
    assert.fail(`validate threw ${e instanceof WebAssembly.RuntimeError ? 'a wasm trap' : 'an exception'}: ${e}`);
  }
  assert.ok(v.errors.some((e) => e.code === 'overflow'), JSON.stringify(v.errors.slice(0, 3)));
});

test('a scenario total beyond exact arithmetic: settle throws { errors } with overflow, no trap', () => {
  let thrown;
  try {
    settle(scenario);
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, 'settle returned a bill');
  assert.ok(!(thrown instanceof WebAssembly.RuntimeError), `wasm trap: ${thrown}`);
  assert.ok(Array.isArray(thrown.errors) && thrown.errors.some((e) => e.code === 'overflow'), String(thrown));
});
