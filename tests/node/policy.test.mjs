// Deal policy through pkg/: checkPolicy with the example policy of www/ (within, needs approval by
// the rule's approver, out of bounds), a malformed policy thrown as `{ errors }` with `policy.…`
// paths, and outcomeRange (each month's total at 0 % and 100 % and its break-even rate).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCase, settle } from './cases.mjs';
import { checkPolicy, outcomeRange } from '../../pkg/callsettle.js';

const example = JSON.parse(readFileSync(new URL('../../www/policy-example.json', import.meta.url), 'utf8'));
const worked = () => structuredClone(loadCase('ok', 'worked_example').scenario);
const priced = (p) => {
  const s = worked();
  s.terms.unit_price = p;
  return s;
};

test('the example policy: the worked example is within, a lower price needs the manager, below the floor is out of bounds', () => {
  const within = checkPolicy(worked(), example);
  assert.equal(within.status, 'within');
  assert.deepEqual(within.findings, []);
  assert.deepEqual(within.policy, { name: '2027 standard pricing (example)', version: 1 });
  // The downside of the worked example: −1.00 × 3500 + 1234.56 of telecom charges.
  assert.equal(within.range.months[0].at_zero, '-2265.44');

  const approval = checkPolicy(priced('2.39'), example);
  assert.equal(approval.status, 'approval');
  assert.equal(approval.approver, 'manager');
  assert.deepEqual(approval.findings.map((f) => [f.rule, f.path, f.code, f.severity, f.limit, f.value, f.approver]), [
    ['unit_price', 'terms.unit_price', 'policy_approval', 'warning', '2.40', '2.39', 'manager'],
  ]);
  assert.equal(approval.findings[0].message_zh, '2.39 低于常规限额 2.40：需 manager 审批');
  assert.equal(approval.findings[0].message_en, '2.39 is below the normal limit 2.40: needs approval by manager');

  const blocked = checkPolicy(priced('1.99'), example);
  assert.equal(blocked.status, 'blocked');
  assert.equal(blocked.findings[0].code, 'policy_blocked');
  assert.equal(blocked.findings[0].limit, '2.00');
  assert.equal(blocked.findings[0].approver, null);
});

test('a malformed policy throws every problem with its path; the scenario’s errors come along', () => {
  const bad = { name: 'x', version: 2, terms: { unit_price: { target: '2.00', normal: '3.00', floor: '2.50', approver: 'm' } } };
  assert.throws(() => checkPolicy(worked(), bad), (e) => {
    assert.deepEqual(e.errors.map((p) => `${p.path} ${p.code}`), ['policy.version policy_version', 'policy.terms.unit_price.normal policy_order']);
    return true;
  });
  assert.throws(() => checkPolicy(priced('x'), example), (e) => {
    assert.deepEqual(e.errors.map((p) => `${p.path} ${p.code}`), ['terms.unit_price not_a_number']);
    return true;
  });
  assert.throws(() => checkPolicy(worked(), 'not a policy'), (e) => e.errors[0].path === 'policy' && e.errors[0].code === 'wrong_type');
});

test('outcomeRange: the worked month at 0 % and 100 % equals settle there, and its break-even rate', () => {
  const r = outcomeRange(worked());
  const m = r.months[0];
  const at = (rate) => {
    const s = worked();
    s.months[0].success_rate = rate;
    return settle(s).months[0].total;
  };
  assert.equal(m.total, '8084.56');
  assert.equal(m.at_zero, at('0'));
  assert.equal(m.at_full, at('1'));
  // Net fee 0 near 2.50 × 0.98 × 10000 s = 1.00 × (3500 − 10000 s): s = 3500 ÷ 34500 = 0.1014492…
  // At 0.101449 (n 1014.49): fee 2536.225 → 2536.23, deduction −50.7245 → −50.72, penalty
  // −2485.51: net 0.00 (the rounding reaches it); at 0.101448: 2536.20 − 50.72 − 2485.52 = −0.04.
  assert.equal(m.break_even_rate, '0.101449');
  const fen = (amount) => BigInt(amount.replace('.', ''));
  assert.ok(fen(at(m.break_even_rate)) >= 123456n && fen(at('0.101448')) < 123456n);
  assert.deepEqual([r.total, r.at_zero, r.at_full], [m.total, m.at_zero, m.at_full]);
});
