// The exact growth helpers of the year plan (www/grow.js), in Node: no floats, half-up rounding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, growCount, growRate, growSuccesses, parseDecimal, roundHalfUp } from '../../www/grow.js';

test('volume growth: compounded from the base month, rounded half up once per month', () => {
  assert.equal(growCount('10000', '5', 0), '10000');
  assert.equal(growCount('10000', '5', 1), '10500');
  assert.equal(growCount('10000', '5', 2), '11025'); // 10000 × 1.05² = 11025 exactly
  assert.equal(growCount('10000', '5', 3), '11576'); // 11576.25 → 11576
  assert.equal(growCount('10000', '5', 4), '12155'); // 12155.0625 → 12155
  assert.equal(growCount('15', '10', 1), '17'); // 16.5 → 17 (half up)
  assert.equal(growCount('1,000', '2.5', 1), '1025');
  assert.equal(growCount('10000', '-10', 2), '8100');
  assert.equal(growCount('10000', '', 5), '10000');
  // 0.1 % growth for 120 months is still exact: 1000000 × 1.001^120 = 1127429.2488… (Python Fraction)
  assert.equal(growCount('1000000', '0.1', 120), '1127429');
  assert.equal(growCount('10.5', '5', 1), null, 'not a whole count');
  assert.equal(growCount('abc', '5', 1), null);
  assert.equal(growCount('100', '-150', 1), null, 'a factor below zero');
});

test('rate growth: percentage points added exactly, in the form the rate was written', () => {
  assert.equal(growRate('0.30', '1', 0), '0.30');
  assert.equal(growRate('0.30', '1', 1), '0.31');
  assert.equal(growRate('0.30', '1', 11), '0.41');
  assert.equal(growRate('0.3', '0.5', 1), '0.305');
  assert.equal(growRate('0.1', '0.1', 2), '0.102'); // 0.1 + 2 × 0.001, no 0.30000000000000004
  assert.equal(growRate('30%', '1', 2), '32%');
  assert.equal(growRate('30%', '0.25', 1), '30.25%');
  assert.equal(growRate('0.30', '-2', 3), '0.24');
  assert.equal(growRate('0.30', '', 3), '0.30');
  assert.equal(growRate('x', '1', 1), null);
});

test('successes grow with the volume and by the points of the grown volume', () => {
  // 3000 × 1.05 + 10500 × 1 × 1 ÷ 100 = 3150 + 105 = 3255
  assert.equal(growSuccesses('3000', '5', '1', '10500', 1), '3255');
  // 3000 × 1.05² + 11025 × 2 × 0.5 ÷ 100 = 3307.5 + 110.25 = 3417.75 → 3418
  assert.equal(growSuccesses('3000', '5', '0.5', '11025', 2), '3418');
  assert.equal(growSuccesses('3000', '', '', '10000', 4), '3000');
});

test('decimal reading and rounding', () => {
  assert.deepEqual(parseDecimal('12.50'), { n: 1250n, d: 100n });
  assert.deepEqual(parseDecimal('-0.5'), { n: -5n, d: 10n });
  assert.equal(parseDecimal('1e5'), null);
  assert.equal(parseDecimal('1,00'), null);
  assert.equal(roundHalfUp(5n, 2n), 3n);
  assert.equal(roundHalfUp(-5n, 2n), -3n);
  assert.equal(roundHalfUp(7n, 3n), 2n);
});

test('months', () => {
  assert.equal(addMonths('2026-01', 11), '2026-12');
  assert.equal(addMonths('2026-12', 1), '2027-01');
  assert.equal(addMonths('2026-03', -3), '2025-12');
  assert.equal(addMonths('2026-13', 1), null);
  assert.equal(addMonths('', 1), null);
});
