// project(): the cash flow of a multi-month scenario through the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { index, loadCase, project, settle } from './cases.mjs';

test('project: payments by date with a running total that ends at the scenario total', () => {
  let multi = 0;
  for (const name of index.ok) {
    const { scenario } = loadCase('ok', name);
    const bill = settle(scenario);
    const flow = project(scenario);
    assert.equal(flow.payments.length, bill.months.length, name);
    assert.equal(flow.total, bill.total, name);
    // The bill's months, stably sorted by payment date, then work month.
    const key = (m) => `${m.schedule.payment_due} ${m.month}`;
    const expected = [...bill.months].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    let fen = 0n;
    for (let i = 0; i < flow.payments.length; i++) {
      const p = flow.payments[i];
      assert.deepStrictEqual([p.month, p.invoice_by, p.payment_due, p.amount],
        [expected[i].month, expected[i].schedule.invoice_by, expected[i].schedule.payment_due, expected[i].total], `${name} #${i}`);
      fen += BigInt(p.amount.replace('.', ''));
      assert.equal(BigInt(p.cumulative.replace('.', '')), fen, `${name}: running total`);
    }
    if (flow.payments.length > 1) multi++;
  }
  assert.ok(multi >= 1, 'at least one multi-month case');
});

test('project: months given out of order come back in payment order', () => {
  const month = (m, n) => ({ month: m, volume: 1000, successes: n });
  const flow = project({
    terms: { unit_price: '2.00', target_rate: '0', penalty_per_unit: '0' },
    months: [month('2026-03', 300), month('2025-12', 50), month('2026-01', 100)],
  });
  // 2026-03: report 05-05 (劳动节 05-01..05) moves to Wed 05-06, confirm Mon 05-11, pay Tue 05-26
  // (民法典 第二百零三条); the other two fall on working days (02-05, 02-10, 02-25; 03-05,
  // 03-10, 03-25).
  assert.deepStrictEqual(flow.payments.map((p) => [p.month, p.payment_due, p.amount, p.cumulative]), [
    ['2025-12', '2026-02-25', '100.00', '100.00'],
    ['2026-01', '2026-03-25', '200.00', '300.00'],
    ['2026-03', '2026-05-26', '600.00', '900.00'],
  ]);
  assert.throws(() => project({ terms: {}, months: [] }), (e) => e.errors.length > 0);
});
