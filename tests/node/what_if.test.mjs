// The what-if exports through pkg/: solve (then settle hits the target), compare, capitalAmount,
// encodeState / decodeState (round trip, old links, tampered links throw a clear problem).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  settle, solve, compare, capitalAmount, encodeState, decodeState, loadCase,
} from './cases.mjs';

const worked = () => structuredClone(loadCase('ok', 'worked_example').scenario);

/** The scenario with a month field set in every month (as solve does) or a term set. */
function withField(scenario, field, value) {
  const s = structuredClone(scenario);
  if (field === 'success_rate' || field === 'volume') {
    for (const m of s.months) {
      m[field] = value;
      if (field === 'success_rate') delete m.successes;
    }
  } else {
    s.terms[field] = value;
  }
  return s;
}

test('solve: the worked example back from its total, and settle at every answer', () => {
  for (const field of ['success_rate', 'unit_price', 'penalty_per_unit', 'target_rate', 'volume']) {
    const r = solve(worked(), field, '8084.56');
    assert.equal(r.field, field);
    assert.equal(r.target, '8084.56');
    assert.ok(['found', 'all'].includes(r.outcome), `${field}: ${r.outcome}`);
    assert.ok(r.intervals.length >= 1);
    for (const [a, b] of r.intervals) {
      assert.equal(settle(withField(worked(), field, a)).total, '8084.56', `${field} = ${a}`);
      assert.equal(settle(withField(worked(), field, b)).total, '8084.56', `${field} = ${b}`);
    }
  }
  const rate = solve(worked(), 'success_rate', '8084.56');
  assert.deepEqual([rate.lowest, rate.highest, rate.grid], ['0.3', '0.3', '0.000001']);
});

test('solve: break-even and an unreachable total say so, with the nearest totals', () => {
  const r = solve(worked(), 'unit_price', 'break_even');
  assert.equal(r.break_even, true);
  assert.equal(r.target, '1234.56');
  assert.equal(r.grid, '0.01');
  // p × 3000 × 0.98 = 500 at p = 0.170068…: no price in fen breaks even exactly.
  assert.equal(r.outcome, 'none');
  assert.equal(r.lowest, null);
  assert.deepEqual(r.below, { value: '0.17', total: '1234.36' });
  assert.deepEqual(r.above, { value: '0.18', total: '1263.76' });
  assert.equal(settle(withField(worked(), 'unit_price', r.below.value)).total, r.below.total);
  assert.equal(settle(withField(worked(), 'unit_price', r.above.value)).total, r.above.total);
  const far = solve(worked(), 'success_rate', 99999999);
  assert.equal(far.outcome, 'none');
  assert.equal(far.above, null);
  assert.equal(far.below.value, '1');
});

test('solve: bad arguments throw { errors, warnings } with paths', () => {
  assert.throws(() => solve(worked(), 'colour', 'x'), (e) => {
    assert.deepEqual(e.errors.map((p) => `${p.path} ${p.code}`), ['field invalid_choice', 'target not_a_number']);
    assert.deepEqual(e.warnings, []);
    return true;
  });
  const bad = worked();
  bad.terms.unit_price = -1;
  assert.throws(() => solve(bad, 'volume', '1'), (e) => e.errors[0].path === 'terms.unit_price');
});

test('compare: offer and counter-offer, every line and the differences', () => {
  const offer = { name: 'offer', ...worked() };
  const counter = { name: 'counter', ...withField(worked(), 'unit_price', '2.60') };
  const c = compare([offer, counter]);
  assert.deepEqual(c.scenarios.map((s) => s.name), ['offer', 'counter']);
  assert.equal(c.scenarios[0].result.total, '8084.56');
  assert.deepEqual(c.rows.map((r) => r.key),
    ['service_fee', 'shortfall_penalty', 'inaccuracy_deduction', 'telecom_charges', 'total']);
  const total = c.rows.find((r) => r.key === 'total');
  assert.deepEqual(total.cells[0], { amount: '8084.56', difference: '0.00', percent: '0.00' });
  assert.deepEqual(total.cells[1], { amount: '8378.56', difference: '294.00', percent: '3.64' });
  assert.throws(() => compare([offer, withField(worked(), 'unit_price', 'abc')]),
    (e) => e.errors.some((p) => p.path === '[1].terms.unit_price' && p.code === 'not_a_number'));
  assert.throws(() => compare([offer]), (e) => e.errors[0].code === 'out_of_range');
});

test('capitalAmount: the conversion table', () => {
  const table = {
    '0': '零元整',
    '0.05': '伍分',
    '10.00': '壹拾元整',
    '8084.56': '捌仟零捌拾肆元伍角陆分',
    '100000.10': '壹拾万元零壹角',
    '100000000': '壹亿元整',
    '-8084.56': '负捌仟零捌拾肆元伍角陆分',
  };
  for (const [amount, want] of Object.entries(table)) assert.equal(capitalAmount(amount), want, amount);
  assert.equal(capitalAmount(1234.5), '壹仟贰佰叁拾肆元伍角');
  // Options: 人民币 before (the printed statement), 整 after 角; absent or null: as before.
  assert.equal(capitalAmount('8084.56', { prefix: true }), '人民币捌仟零捌拾肆元伍角陆分');
  assert.equal(capitalAmount('8080.50', { zheng_after_jiao: true }), '捌仟零捌拾元零伍角整');
  assert.equal(capitalAmount('8080.50', null), '捌仟零捌拾元零伍角');
  assert.throws(() => capitalAmount('1', { prefix: 'yes' }), (e) => e.errors[0].path === 'options.prefix' && e.errors[0].code === 'wrong_type');
  assert.throws(() => capitalAmount('0.001'), (e) => e.errors[0].code === 'too_many_decimals' && e.errors[0].path === 'amount');
});

test('share links: state → text → state is identity; old and tampered links', () => {
  const state = { scenarios: [{ name: '报价 offer', ...worked() }], shown: 0, language: 'zh', '~x': [1.5, -0.25, null, true] };
  const link = encodeState(state);
  assert.match(link, /^v1\.[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeState(link), state);
  assert.deepEqual(decodeState(`#${link}`), state);
  // A version-0 link (plain JSON, base64url) still loads.
  const v0 = `v0.${Buffer.from(JSON.stringify(state)).toString('base64url')}`;
  assert.deepEqual(decodeState(v0), state);
  for (const bad of [link.slice(0, -3), 'v7.abc', 'garbage', `${link.slice(0, 10)}*${link.slice(11)}`, '']) {
    assert.throws(() => decodeState(bad), (e) => {
      assert.equal(e.errors.length, 1);
      assert.equal(e.errors[0].code, 'share_link_invalid');
      assert.match(e.errors[0].message_en, /share link is invalid/);
      assert.match(e.errors[0].message_zh, /分享链接无效/);
      return true;
    }, bad);
  }
  assert.throws(() => decodeState(42), (e) => e.errors[0].code === 'wrong_type');
});
