// projectAccount400 / validateAccount400 (contract 2, the 400-number account) through the built
// module: the hand-worked cases of src/account400/tests.rs, the thrown { errors, warnings }, the
// Spring Festival documents deadline, and issue 18's renewals, checks and plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { april, projectAccount400, validateAccount400 } from './cases.mjs';

// april(): April 2026, the hand-worked base (tests/node/cases.mjs).

test('inbound runs out first: outbound suspended, its balance forfeited', () => {
  const p = projectAccount400(april('20.00', '50.00'));
  // 20 − 10 − 1 × 10 days = 0.00 after 04-10; 04-11 cannot pay 1.00.
  assert.equal(p.inbound.runs_out, '2026-04-11');
  assert.equal(p.outbound_suspended, '2026-04-11');
  assert.equal(p.outbound_forfeited, '40.00'); // 50 − 10 days × 1.00
  assert.equal(p.outbound.runs_out, null);
  // Renew by the last day inbound still covers (it closes 04-10 at 0.00), not the run-out day.
  assert.deepStrictEqual([p.renew_by, p.renew_reason], ['2026-04-10', 'inbound_runs_out']);
  assert.equal(p.inbound.top_up_needed, '20.00'); // 10 + 30 − 20
  assert.equal(p.outbound.top_up_needed, '0.00');
  assert.equal(p.rows.length, 30);
  assert.deepStrictEqual(p.rows[0], {
    from: '2026-04-01', to: '2026-04-01',
    inbound: { top_ups: '0.00', charged: '11.00', balance: '9.00', in_service: true },
    outbound: { top_ups: '0.00', charged: '1.00', balance: '49.00', in_service: true },
  });
  assert.equal(p.rows[10].outbound.in_service, false);
  assert.deepStrictEqual(p.warnings, []);
});

test('outbound runs out first; month rows', () => {
  const p = projectAccount400(april('100.00', '5.00', { granularity: 'month' }));
  assert.equal(p.outbound.runs_out, '2026-04-06');
  assert.equal(p.outbound.top_up_needed, '25.00');
  assert.equal(p.outbound_forfeited, null);
  // Outbound's run-out is its own date; the number (inbound) lasts to the validity end.
  assert.deepStrictEqual([p.renew_by, p.renew_reason], ['2026-04-30', 'validity_end']);
  assert.deepStrictEqual(p.rows.map((r) => [r.from, r.to, r.inbound.balance, r.outbound.balance]),
    [['2026-04-01', '2026-04-30', '60.00', '0.00']]);
});

test('a top-up that just reaches the validity end, and one fen less', () => {
  const withTopUp = (amount) => projectAccount400(april('20.00', '50.00',
    { top_ups: [{ date: '2026-04-11', account: 'inbound', amount }] }));
  const enough = withTopUp('20.00');
  assert.equal(enough.inbound.runs_out, null);
  assert.equal(enough.inbound.balance_at_end, '0.00');
  assert.deepStrictEqual([enough.renew_by, enough.renew_reason], ['2026-04-30', 'validity_end']);
  const short = withTopUp('19.99');
  assert.equal(short.inbound.runs_out, '2026-04-30');
  assert.equal(short.inbound.balance_at_end, '0.99');
});

test('advertising before activation warns; documents due across the Spring Festival', () => {
  const p = projectAccount400(april('100.00', '50.00',
    { signing_date: '2026-02-12', advertising_start: '2026-03-15' }));
  assert.equal(p.documents_due, '2026-02-28'); // a 调休 Saturday
  assert.deepStrictEqual(p.warnings.map((w) => [w.path, w.code, w.severity]),
    [['advertising_start', 'advertising_before_activation', 'warning']]);
  assert.match(p.warnings[0].message_zh, /广告/);
});

test('bad input throws every error with its path; validateAccount400 returns them', () => {
  const input = april('-1', '50.00', {
    activation_date: '2026-03-01',
    outbound: { opened: '2026-03-31', balance: '1', tariff_per_minute: '-0.1' },
    top_ups: [{ date: '2026-04-02', account: 'inbound', amount: '1' },
      { date: '2026-04-31', account: 'inbound', amount: '1' },
      { date: '2026-05-01', account: 'outbound', amount: '1' }],
  });
  const want = [
    'inbound.balance negative',
    'outbound.tariff_per_minute negative',
    'top_ups[1].date invalid_date',
  ];
  let thrown;
  assert.throws(() => projectAccount400(input), (e) => { thrown = e; return true; });
  assert.deepStrictEqual(thrown.errors.map((e) => `${e.path} ${e.code}`).sort(), want);
  const v = validateAccount400(input);
  assert.deepStrictEqual(v.errors.map((e) => `${e.path} ${e.code}`).sort(), want);
  // With the fields fixed, the relations: dates out of order, outbound before inbound, a top-up
  // outside validity.
  const related = april('1', '1', {
    activation_date: '2026-03-01',
    outbound: { opened: '2026-03-31', balance: '1' },
    top_ups: [{ date: '2026-05-01', account: 'outbound', amount: '1' }],
  });
  assert.deepStrictEqual(validateAccount400(related).errors.map((e) => `${e.path} ${e.code}`), [
    'activation_date date_order',
    'outbound.opened outbound_before_inbound',
    'top_ups[0].date top_up_outside_validity',
  ]);
  for (const e of validateAccount400(related).errors) {
    assert.equal(e.severity, 'error');
    assert.ok(e.message_zh && e.message_en, e.code);
  }
  assert.deepStrictEqual(validateAccount400(april('100.00', '1')), { errors: [], warnings: [] });
  assert.throws(() => projectAccount400(null), (e) => e.errors[0].code === 'wrong_type');
});

// --- issue 18

test('renewals extend validity; too late is refused with the day the number was lost', () => {
  // Inbound 100.00 lasts April (60.00 left); renewed on 04-30 for 2 months → 06-30. Inbound
  // then runs out 06-11 (May 20.00 left; June 10.00 fee + 1.00 a day): renew by 06-10.
  const p = projectAccount400(april('100.00', '5.00',
    { renewals: [{ date: '2026-04-30', months: 2, fee: '50' }] }));
  assert.equal(p.validity_end, '2026-06-30');
  assert.equal(p.projection_to, '2026-06-30');
  assert.deepStrictEqual(p.renewals, [{ date: '2026-04-30', previous_end: '2026-04-30', new_end: '2026-06-30', fee: '50.00' }]);
  assert.equal(p.inbound.runs_out, '2026-06-11');
  assert.equal(p.outbound.runs_out, '2026-04-06'); // its own date, no risk to the number
  assert.deepStrictEqual([p.renew_by, p.renew_reason], ['2026-06-10', 'inbound_runs_out']);
  assert.equal(p.plan, null);
  let thrown;
  assert.throws(() => projectAccount400(april('100.00', '5.00', { renewals: [{ date: '2026-05-01', months: 1 }] })),
    (e) => { thrown = e; return true; });
  assert.deepStrictEqual(thrown.errors.map((e) => [e.path, e.code, e.params.lost]),
    [['renewals[0].date', 'renewal_too_late', '2026-05-01']]);
  assert.match(thrown.errors[0].message_en, /2026-05-01/);
});

test('checks: before activation, outbound opened while suspended, documents late, opening month', () => {
  const w = (p) => p.warnings.map((x) => `${x.path} ${x.code}`);
  assert.deepStrictEqual(w(projectAccount400(april('100.00', '50.00', { activation_date: '2026-04-05' }))),
    ['validity.start before_activation', 'inbound.opened before_activation', 'outbound.opened before_activation']);
  const suspended = projectAccount400(april('20.00', '50.00', {
    validity: { start: '2026-04-01', end: '2026-06-30' },
    outbound: { opened: '2026-06-15', balance: '50.00' },
  }));
  assert.deepStrictEqual(w(suspended), ['outbound.opened outbound_opened_while_suspended']);
  assert.deepStrictEqual(suspended.warnings[0].params, { opened: '2026-06-15', stopped: '2026-04-11' });
  // Signed 2026-02-12: documents due 02-28 across the Spring Festival; handed in 03-02 → released 03-01.
  const late = validateAccount400(april('1', '1', { signing_date: '2026-02-12', documents_submitted: '2026-03-02' }));
  assert.deepStrictEqual(late.errors.map((e) => [e.code, e.params.due, e.params.released]),
    [['number_released', '2026-02-28', '2026-03-01']]);
  // Opened 04-30 with a 30.00 fee: 1.00 that day pro rata (1 of 30 days), 30.00 in full.
  const opened = (opening_month) => projectAccount400(april('100.00', '0', {
    validity: { start: '2026-04-01', end: '2026-05-31' }, opening_month,
    inbound: { opened: '2026-04-30', balance: '100.00', monthly_fee: '30.00' },
    outbound: { opened: '2026-04-30', balance: '0' },
  }));
  assert.deepStrictEqual(opened(undefined).rows.slice(29, 31).map((r) => r.inbound.charged), ['1.00', '30.00']);
  assert.deepStrictEqual(opened('full').rows.slice(29, 31).map((r) => r.inbound.charged), ['30.00', '30.00']);
});

test('the plan: renewals and top-ups with their latest dates and exact amounts', () => {
  // Inbound 20.00 and 10.00 a month; 6-month renewals at 100.00; 12-month horizon → 2027-03-31.
  const p = projectAccount400(april('20.00', '0', {
    validity: { start: '2026-04-01', end: '2026-06-30' },
    inbound: { opened: '2026-04-01', balance: '20.00', monthly_fee: '10.00' },
    outbound: { opened: '2026-04-01', balance: '0' },
    plan: { horizon_months: 12, renewal_months: 6, renewal_fee: '100' },
  }));
  assert.deepStrictEqual(p.plan.steps.map((s) => [s.latest_date, s.kind, s.account, s.amount, s.new_end]), [
    // Each top-up due on the last day the balance still covers (06-01, 07-01 and 2027-01-01
    // are short: their fees find 0.00), as renew-by: the first one is renew-by itself.
    ['2026-05-31', 'top_up', 'inbound', '10.00', null],
    ['2026-06-30', 'top_up', 'inbound', '60.00', null],
    ['2026-06-30', 'renewal', null, '100.00', '2026-12-31'],
    ['2026-12-31', 'top_up', 'inbound', '30.00', null],
    ['2026-12-31', 'renewal', null, '100.00', '2027-06-30'],
  ]);
  assert.equal(p.renew_by, '2026-05-31');
  assert.deepStrictEqual([p.plan.horizon_end, p.plan.renewal_fees, p.plan.inbound_top_ups, p.plan.total],
    ['2027-03-31', '200.00', '100.00', '300.00']);
  assert.equal(p.rows.length, 365);
});
