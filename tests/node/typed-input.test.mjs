// Issue 20, items 5 and 6, through the built module (pkg/): input as Chinese office users type it
// (full-width digits and signs, dates and months as written, field labels in messages), a
// deadline that says why it moved, and the 400-number account's top-up still in time and the two
// smallest top-ups summed. Hand-worked figures: see tests/e2e/typed-input.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { april as base, checkDeadlines, loadCase, projectAccount400, settle, validateAccount400 } from './cases.mjs';

const worked = () => structuredClone(loadCase('ok', 'worked_example').scenario);

test('full-width digits and signs read as their ASCII forms, in every field', () => {
  const s = worked();
  s.terms.unit_price = '２．８０';
  s.terms.target_rate = '35％';
  s.months[0].volume = '\u3000１０，０００\u3000';
  s.months[0].telecom_charges = '１，２３４．５６';
  const r = settle(s);
  assert.equal(r.total, '8966.56'); // 8400 − 500 − 168 + 1234.56
  const ascii = worked();
  ascii.terms.unit_price = '2.80';
  assert.equal(settle(ascii).total, r.total, 'the same bill as 2.80');
  // A full-width minus is a minus: a negative price is refused as one.
  s.terms.unit_price = '－１';
  assert.throws(() => settle(s), (e) => e.errors.some((p) => p.path === 'terms.unit_price' && p.code === 'negative'));
});

test('months and dates as people write them; a mid-month date is not a month', () => {
  for (const month of ['2026-1', '2026/1', '2026年1月', '２０２６年１月', '2026/1/1']) {
    const s = worked();
    s.months[0].month = month;
    const m = settle(s).months[0];
    assert.equal(m.month, '2026-01', month);
    assert.equal(m.schedule.report_due, '2026-03-05', month);
  }
  const s = worked();
  s.months[0].month = '2026/1/15';
  assert.throws(() => settle(s), (e) => e.errors[0].code === 'invalid_month' && /YYYY-MM/.test(e.errors[0].message_zh));
  // Actual dates in the clerk's check: 2026年3月6日 is 2026-03-06.
  const c = worked();
  c.months[0].actual = { report_received: '2026年3月6日', paid: '2026/3/30' };
  const steps = checkDeadlines(c).months[0].steps;
  assert.deepEqual(steps.map((x) => x.actual), ['2026-03-06', null, null, '2026-03-30']);
});

test('a message names another field by its label, not its path', () => {
  const c = worked();
  c.months[0].actual = { report_received: '2026-03-06', confirmed: '2026-03-01' };
  assert.throws(() => checkDeadlines(c), (e) => {
    const p = e.errors.find((x) => x.code === 'date_order');
    assert.equal(p.path, 'months[0].actual.confirmed');
    assert.equal(p.message_zh, '不能早于收到报表日期（2026-03-06）');
    assert.equal(p.message_en, 'must not be before the report received date (2026-03-06)');
    return true;
  });
});

test('a deadline moved by a holiday says so; the worked example has no notes', () => {
  assert.equal(settle(worked()).months[0].schedule.notes, undefined);
  const s = worked();
  s.months[0].month = '2026-08';
  const schedule = settle(s).months[0].schedule;
  assert.equal(schedule.report_due, '2026-10-08');
  assert.deepEqual(schedule.notes, { report_due: { moved_from: '2026-10-05', holiday: '国庆节', makeup_workday: false } });
  const step = checkDeadlines(s).months[0].steps[0];
  assert.deepEqual(step.due_note, schedule.notes.report_due);
  // A 调休 working Saturday: 2025-12 with report day 28 is due Sat 2026-02-28 and stays.
  const t = worked();
  t.months[0].month = '2025-12';
  t.terms.settlement.report_day = 28;
  assert.deepEqual(settle(t).months[0].schedule.notes, { report_due: { makeup_workday: true } });
});

// The hand-worked April 2026 account (tests/node/cases.mjs), its dates and a fee written as
// people write them.
const april = (inboundBalance, outboundBalance, extra = {}) => {
  const a = base(inboundBalance, outboundBalance, extra);
  return {
    ...a,
    signing_date: '2026年3月2日',
    activation_date: '2026/3/20',
    inbound: { ...a.inbound, monthly_fee: '１０．００' },
  };
};

test('400-number account: dates as written; too late says when it was in time; both summed', () => {
  const p = projectAccount400(april('20.00', '5.00'));
  assert.equal(p.validity_end, '2026-04-30');
  // Inbound 10 + 30 − 20 = 20.00; outbound 30 − 5 = 25.00.
  assert.deepEqual([p.inbound.top_up_needed, p.outbound.top_up_needed, p.top_ups_needed_total], ['20.00', '25.00', '45.00']);
  assert.equal(p.inbound.in_time, undefined);
  // Inbound runs out 04-11 (20 − 10 − 10 × 1.00); a top-up date of 04-12 is too late. In time:
  // 04-10, the last day the balance covers (renew-by), with the 20 days × 1.00 to 04-30 = 20.00.
  const late = projectAccount400(april('20.00', '50.00', { top_up_date: '2026年4月12日' }));
  assert.equal(late.inbound.top_up_needed, null);
  assert.deepEqual(late.inbound.in_time, { date: '2026-04-10', amount: '20.00' });
  assert.equal(late.inbound.in_time.date, late.renew_by);
  // On the run-out day itself: too late too; the day before: 20.00.
  assert.equal(projectAccount400(april('20.00', '50.00', { top_up_date: '2026-04-11' })).inbound.top_up_needed, null);
  assert.equal(projectAccount400(april('20.00', '50.00', { top_up_date: '2026-04-10' })).inbound.top_up_needed, '20.00');
  assert.equal(late.top_ups_needed_total, null);
  assert.ok(late.warnings.some((w) => w.code === 'top_up_too_late'));
  // validity.end before validity.start: the message names the start by its label.
  const bad = validateAccount400(april('20.00', '5.00', { validity: { start: '2026-04-01', end: '2026-03-31' } }));
  const order = bad.errors.find((e) => e.code === 'date_order');
  assert.equal(order.message_zh, '不能早于有效期开始日（2026-04-01）');
});
