// The golden cases (tests/cases/) through the WASM module: the same comparisons as tests/golden.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, validate, index, caseFiles, loadCase, pairs } from './cases.mjs';

const LINE_KEYS = ['service_fee', 'shortfall_penalty', 'inaccuracy_deduction', 'telecom_charges'];
const DATES = ['report_due', 'confirm_by', 'invoice_by', 'payment_due'];
const MONEY = /^-?\d+\.\d\d$/;

test('tests/cases/index.json lists exactly the case files', () => {
  for (const kind of ['ok', 'err']) {
    assert.deepEqual(index[kind], [...index[kind]].sort(), `index.json "${kind}" is not sorted`);
    assert.deepEqual(index[kind], caseFiles(kind), `index.json "${kind}" is stale: run the corpus index update`);
  }
});

function checkMessages(list, severity, file) {
  assert.ok(Array.isArray(list), `${file}: not a list`);
  for (const m of list) {
    assert.equal(m.severity, severity, `${file}: ${JSON.stringify(m)}`);
    for (const k of ['path', 'code', 'message_zh', 'message_en']) {
      assert.equal(typeof m[k], 'string', `${file}: ${k} of ${JSON.stringify(m)}`);
    }
    assert.ok(m.code && m.message_zh && m.message_en, `${file}: empty code or message in ${JSON.stringify(m)}`);
  }
}

for (const name of index.ok) {
  const file = `tests/cases/ok/${name}.json`;
  test(file, () => {
    const { scenario, expect } = loadCase('ok', name);
    const v = validate(scenario);
    assert.deepEqual(v.errors, [], `${file}: validate reports errors`);
    assert.deepEqual(pairs(v.warnings), pairs(expect.warnings), `${file}: validate warnings`);

    let r;
    try {
      r = settle(scenario);
    } catch (e) {
      assert.fail(`${file}: settle threw ${JSON.stringify(e?.errors ?? String(e))}`);
    }
    assert.equal(r.total, expect.total, `${file}: total`);
    assert.equal(r.months.length, expect.months.length, `${file}: number of months`);
    expect.months.forEach((want, i) => {
      const got = r.months[i];
      const at = `${file}: months[${i}]`;
      assert.equal(got.month, want.month, `${at}.month`);
      assert.equal(got.total, want.total, `${at}.total`);
      assert.equal(got.successes, want.successes, `${at}.successes`);
      assert.deepEqual(got.lines.map((l) => l.key), LINE_KEYS, `${at}: line keys`);
      for (const line of got.lines) {
        assert.equal(line.amount, want.lines[line.key], `${at}.lines.${line.key}`);
        assert.match(line.amount, MONEY, `${at}.lines.${line.key} has two decimals`);
        assert.notEqual(line.amount, '-0.00', `${at}.lines.${line.key}`);
      }
      for (const d of DATES) assert.equal(got.schedule[d], want.schedule[d], `${at}.schedule.${d}`);
    });
    assert.deepEqual(pairs(r.warnings), pairs(expect.warnings), `${file}: settle warnings`);
    checkMessages(r.warnings, 'warning', file);
  });
}

for (const name of index.err) {
  const file = `tests/cases/err/${name}.json`;
  test(file, () => {
    const c = loadCase('err', name);
    const want = pairs(c.errors);
    assert.ok(want.length > 0, `${file}: expects no error`);

    const v = validate(c.scenario);
    assert.deepEqual(pairs(v.errors), want, `${file}: validate errors`);
    checkMessages(v.errors, 'error', file);
    if (c.warnings) assert.deepEqual(pairs(v.warnings), pairs(c.warnings), `${file}: validate warnings`);

    let thrown;
    let returned;
    try {
      returned = settle(c.scenario);
    } catch (e) {
      thrown = e;
    }
    assert.equal(returned, undefined, `${file}: settle returned a bill (total ${returned?.total}) instead of throwing`);
    assert.ok(!(thrown instanceof Error), `${file}: settle threw a JS Error (${thrown}), not { errors, warnings }`);
    assert.equal(typeof thrown, 'object', `${file}: settle threw ${typeof thrown}`);
    assert.ok(Array.isArray(thrown.errors) && Array.isArray(thrown.warnings), `${file}: thrown shape { errors, warnings }`);
    assert.deepEqual(pairs(thrown.errors), want, `${file}: settle errors`);
    checkMessages(thrown.errors, 'error', file);
    if (c.warnings) assert.deepEqual(pairs(thrown.warnings), pairs(c.warnings), `${file}: settle warnings`);
  });
}
