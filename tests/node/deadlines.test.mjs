// The clerk's check through pkg/ (issue 15, 第四条 3): checkDeadlines gives each step's due date
// counted from the actual previous step, on time or late by N days; project() gives the actual
// payment date beside the due date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDeadlines, project, loadCase } from './cases.mjs';

const withActual = () => structuredClone(loadCase('ok', 'settlement_actual_dates').scenario);

// Report due Thu 03-05, received Fri 03-06 (late 1); confirm 03-06 + 5 = 03-11, confirmed 03-11;
// invoice due 03-11, received 03-12 (late 1); payment 03-12 + 15 = Fri 03-27, paid Mon 03-30:
// late by 3 days, 1 working day (the 28th and 29th are a weekend).
test('checkDeadlines: due, actual and how late, per step', () => {
  const { months, warnings } = checkDeadlines(withActual());
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    months[0].steps.map((s) => [s.step, s.due, s.actual, s.status, s.late_days, s.late_working_days]),
    [
      ['report_received', '2026-03-05', '2026-03-06', 'late', 1, 1],
      ['confirmed', '2026-03-11', '2026-03-11', 'on_time', 0, 0],
      ['invoice_received', '2026-03-11', '2026-03-12', 'late', 1, 1],
      ['paid', '2026-03-27', '2026-03-30', 'late', 3, 1],
    ],
  );
  // Without dates: every step open, the planned dates.
  const plain = withActual();
  delete plain.months[0].actual;
  const open = checkDeadlines(plain).months[0].steps;
  assert.deepEqual(open.map((s) => [s.due, s.actual, s.status]), [
    ['2026-03-05', null, 'open'], ['2026-03-10', null, 'open'], ['2026-03-10', null, 'open'], ['2026-03-25', null, 'open'],
  ]);
});

test('project: the actual payment date beside the due date', () => {
  const flow = project(withActual());
  assert.equal(flow.payments[0].payment_due, '2026-03-27');
  assert.equal(flow.payments[0].paid, '2026-03-30');
});

test('checkDeadlines: bad dates are errors at their path', () => {
  const s = withActual();
  s.months[0].actual.paid = '2026-03-01';
  assert.throws(() => checkDeadlines(s), (e) => e.errors.some((p) => p.path === 'months[0].actual.paid' && p.code === 'date_order'));
});

// What the page's text date fields send: the dates as typed (the 400-number page's forms).
test('checkDeadlines: actual dates as people write them; a day that does not exist is invalid_date', () => {
  const s = withActual();
  s.months[0].actual = { report_received: '2026年3月6日', confirmed: '2026/3/11', invoice_received: '２０２６－０３－１２', paid: ' 2026-3-30 ' };
  const steps = checkDeadlines(s).months[0].steps;
  assert.deepEqual(steps.map((x) => [x.actual, x.status, x.late_days]), [
    ['2026-03-06', 'late', 1], ['2026-03-11', 'on_time', 0], ['2026-03-12', 'late', 1], ['2026-03-30', 'late', 3],
  ]);
  s.months[0].actual.paid = '2026年2月30日';
  assert.throws(() => checkDeadlines(s), (e) => e.errors.length === 1 && e.errors[0].path === 'months[0].actual.paid' && e.errors[0].code === 'invalid_date');
  s.months[0].actual.paid = '   ';
  assert.equal(checkDeadlines(s).months[0].steps[3].status, 'open', 'blank: not given');
});
