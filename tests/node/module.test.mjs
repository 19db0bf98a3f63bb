// The module's public contract (the JSON interface) through pkg/: the worked example to the fen and the
// day, version(), and bad input of every JS kind: validate returns errors, settle throws
// { errors, warnings }, neither ever traps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settle, validate, version, sweep, loadCase } from './cases.mjs';

const worked = () => structuredClone(loadCase('ok', 'worked_example').scenario);

test('the worked example, to the fen and to the day', () => {
  const r = settle(worked());
  assert.equal(r.total, '8084.56');
  assert.equal(r.months.length, 1);
  const m = r.months[0];
  assert.equal(m.month, '2026-01');
  assert.equal(m.total, '8084.56');
  assert.equal(m.successes, '3000');
  const amounts = Object.fromEntries(m.lines.map((l) => [l.key, l.amount]));
  assert.deepEqual(amounts, {
    service_fee: '7500.00',
    shortfall_penalty: '-500.00',
    inaccuracy_deduction: '-150.00',
    telecom_charges: '1234.56',
  });
  for (const line of m.lines) {
    for (const k of ['label_zh', 'label_en', 'formula']) {
      assert.ok(typeof line[k] === 'string' && line[k].length > 0, `${line.key}.${k}`);
    }
    assert.equal(typeof line.inputs, 'object', `${line.key}.inputs`);
  }
  assert.deepEqual(m.schedule, {
    report_due: '2026-03-05',
    confirm_by: '2026-03-10',
    invoice_by: '2026-03-10',
    payment_due: '2026-03-25',
  });
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(validate(worked()), { errors: [], warnings: [] });
});

test('the worked example with JS numbers and "%" rates gives the same bill', () => {
  const s = worked();
  Object.assign(s.terms, { unit_price: 2.5, target_rate: '35%', penalty_per_unit: 1 });
  Object.assign(s.months[0], { success_rate: 0.3, telecom_charges: 1234.56 });
  const r = settle(s);
  assert.equal(r.total, '8084.56');
  assert.deepEqual(r.months[0].lines.map((l) => l.amount), ['7500.00', '-500.00', '-150.00', '1234.56']);
});

test('a long rate on half a fen is refused with overflow, never billed from a cut product', () => {
  // p = 2^27 fen, s = 221747473 / 2^28 (28 decimals), T 57: s x T needs 30 significant digits,
  // more than exact decimal arithmetic holds (rounding the cut product would bill 63198029.80
  // instead of 63198029.81).
  const s = {
    terms: { unit_price: '1342177.28', target_rate: '0', penalty_per_unit: '0' },
    months: [{ month: '2026-01', volume: 57, success_rate: '0.8260737098753452301025390625' }],
  };
  assert.throws(() => settle(s), (e) => {
    assert.ok(!(e instanceof Error), `JS Error: ${e}`);
    assert.deepEqual(e.errors.map((x) => `${x.path} ${x.code}`), ['months[0] overflow']);
    return true;
  });
});

test('version() is a semver string', () => {
  const v = version();
  assert.equal(typeof v, 'string');
  assert.match(v, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/);
});

/** Inputs that are not scenarios, or scenarios with values no JSON scenario can hold. */
function badInputs() {
  const cyclic = { terms: worked().terms, months: worked().months };
  cyclic.self = cyclic;
  const cyclicField = worked();
  cyclicField.months[0].self = cyclicField.months[0];
  let deep = [];
  for (let i = 0; i < 1000; i++) deep = [deep];
  const deepField = worked();
  deepField.terms.settlement = deep;
  const withMonth = (fields) => {
    const s = worked();
    Object.assign(s.months[0], fields);
    return s;
  };
  const withTerms = (fields) => {
    const s = worked();
    Object.assign(s.terms, fields);
    return s;
  };
  return {
    undefined: undefined,
    null: null,
    'the number 42': 42,
    'a string': 'str',
    'an empty array': [],
    'a function': () => 1,
    'a cyclic object': cyclic,
    'a scenario with a cyclic month': cyclicField,
    'a 1000-level nested array': deep,
    'a scenario holding a 1000-level nested array': deepField,
    'volume NaN': withMonth({ volume: NaN }),
    'volume Infinity': withMonth({ volume: Infinity }),
    'telecom -Infinity': withMonth({ telecom_charges: -Infinity }),
    'success_rate NaN': withMonth({ success_rate: NaN }),
    'volume "1e999"': withMonth({ volume: '1e999' }),
    'volume a 40-digit string': withMonth({ volume: '1234567890123456789012345678901234567890' }),
    'a BigInt': 10n,
    'volume a huge BigInt': withMonth({ volume: 2n ** 80n }),
    'success_rate a BigInt': withMonth({ success_rate: 3n }),
    'a Symbol': Symbol('scenario'),
    'a Map': new Map([['terms', {}]]),
    // The JSON text grows the module's input buffer (4 KB at first) and carries escapes.
    'month a 1 MB string': withMonth({ month: 'x'.repeat(1 << 20) }),
    'month with a lone surrogate': withMonth({ month: '2026-0\ud800' }),
    'unit_price with quotes, backslashes and controls': withTerms({ unit_price: '"\\\n\u0001中' }),
  };
}

for (const [what, input] of Object.entries(badInputs())) {
  test(`validate returns errors, never throws: ${what}`, () => {
    let v;
    assert.doesNotThrow(() => {
      v = validate(input);
    }, `validate threw for ${what}`);
    assert.ok(v && Array.isArray(v.errors) && v.errors.length > 0, `no errors for ${what}: ${JSON.stringify(v)}`);
    for (const e of v.errors) {
      assert.equal(typeof e.path, 'string', `path of ${JSON.stringify(e)}`);
      for (const k of ['code', 'message_zh', 'message_en']) {
        assert.ok(typeof e[k] === 'string' && e[k].length > 0, `${k} of ${JSON.stringify(e)}`);
      }
      assert.equal(e.severity, 'error', `severity of ${JSON.stringify(e)}`);
    }
  });

  test(`settle throws { errors }, not a JS Error or a trap: ${what}`, () => {
    let thrown;
    let returned;
    try {
      returned = settle(input);
    } catch (e) {
      thrown = e;
    }
    assert.equal(returned, undefined, `settle returned a bill for ${what}`);
    assert.ok(!(thrown instanceof WebAssembly.RuntimeError), `wasm trap for ${what}: ${thrown}`);
    assert.ok(!(thrown instanceof Error), `JS Error for ${what}: ${thrown}`);
    assert.ok(thrown && Array.isArray(thrown.errors) && thrown.errors.length > 0, `thrown: ${JSON.stringify(thrown)}`);
    for (const e of thrown.errors) {
      assert.ok(e.code && e.severity === 'error' && e.message_zh && e.message_en, JSON.stringify(e));
    }
  });
}

test('the module still works after bad input', () => {
  assert.equal(settle(worked()).total, '8084.56');
});

test('sweep rejects an unknown field with { errors }, not a trap', () => {
  let thrown;
  try {
    sweep(worked(), 'colour', '0', '1', 3);
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, 'sweep accepted an unknown field');
  assert.ok(!(thrown instanceof Error), `JS Error: ${thrown}`);
  assert.ok(Array.isArray(thrown.errors), JSON.stringify(thrown));
  assert.deepEqual(thrown.errors.map((e) => `${e.path} ${e.code}`), ['field invalid_choice']);
});

test('NaN, ±Infinity and BigInt cross as their text, null as null (the binding writes JSON text)', () => {
  const codeFor = (volume) => {
    const s = worked();
    s.months[0].volume = volume;
    return validate(s).errors.map((e) => [e.path, e.code]);
  };
  assert.deepEqual(codeFor(NaN), [['months[0].volume', 'not_a_number']]);
  assert.deepEqual(codeFor(-Infinity), [['months[0].volume', 'not_a_number']]);
  assert.deepEqual(codeFor(2n ** 80n), [['months[0].volume', 'too_large']]);
  assert.deepEqual(codeFor(12000n), []);
  assert.deepEqual(codeFor(null), [['months[0].volume', 'required']]);
});
