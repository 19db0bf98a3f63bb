// Results import (issue 17) through pkg/callsettle_import (the worker's module): every hand-worked case of tests/data/import/ (the GBK
// file decoded with TextDecoder, as the worker does), fed in chunks through ResultsImport; a
// generated 30 000-row Master.csv (21 and 18 columns) against the counts its generator knows; each
// of them spilled to files beyond small memory budgets (docs/rules.md "Memory"), with the same
// report and rejected rows; bad options throw { errors } at their paths.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ResultsImport, importSniff, importSpillParts, initSync } from '../../pkg/callsettle_import.js';
import { fileSpill } from './spill-store.mjs';

initSync({ module: readFileSync(new URL('../../pkg/callsettle_import_bg.wasm', import.meta.url)) });

const DATA = new URL('../data/import/', import.meta.url);
const { cases } = JSON.parse(readFileSync(new URL('expected.json', DATA), 'utf8'));

/** The file's bytes as the module reads them (GB18030 decoded to UTF-8, as the worker does). */
function bytesOf(file, encoding) {
  const raw = readFileSync(new URL(file, DATA));
  return encoding ? new TextEncoder().encode(new TextDecoder(encoding).decode(raw)) : new Uint8Array(raw);
}

/**
 * The report, and the rejected rows' CSV from the parts taken after each chunk (as the worker);
 * with `budget`, spilled to files beyond that many bytes of tables.
 */
function run(options, bytes, size, budget) {
  const job = new ResultsImport(options, bytes.subarray(0, 65536), budget);
  let spill;
  try {
    let rows = 0;
    const parts = [];
    for (let at = 0; at < bytes.length; at += size) {
      rows = job.feed(bytes.subarray(at, at + size));
      parts.push(job.rejectedCsv());
      if (job.overBudget) {
        spill = fileSpill(bytes.length, importSpillParts(bytes.length, budget));
        job.spill(spill);
      }
    }
    while (job.finishPart()) parts.push(job.rejectedCsv());
    const spilled = job.spilled;
    const report = job.finish();
    parts.push(job.rejectedCsv());
    assert.equal(rows, report.rows);
    if (spill) assert.equal(spill.left(), 0, 'every partition removed once read');
    return { report, csv: new TextDecoder().decode(Buffer.concat(parts)), spilled };
  } finally {
    job.free();
    spill?.close();
  }
}

/** The CSV's lines sorted (a spilled import writes its duplicates and numberless legs last). */
const sortedLines = (csv) => csv.split('\n').sort();

/** A spilled import's report and CSV lines are those of the import in memory. */
function assertSpilledSame(options, bytes, name) {
  const whole = run(options, bytes, 1 << 20);
  assert.equal(whole.spilled, false);
  // Spilled after its first rows (fed in pieces of 64 bytes), at its end (one piece), or
  // partway through (a budget of a quarter of the file, its tables reach it).
  const small = Math.max(256, bytes.length >> 5);
  for (const [budget, size] of [[small, 64], [small, 1 << 20], [bytes.length >> 2, 65536]]) {
    const spilled = run(options, bytes, size, budget);
    if (budget === small) assert.equal(spilled.spilled, true, `${name}: spilled`);
    assert.deepEqual(spilled.report, whole.report, `${name}: budget ${budget}`);
    assert.deepEqual(sortedLines(spilled.csv), sortedLines(whole.csv), `${name}: budget ${budget}`);
  }
}

for (const c of cases) {
  test(`import: ${c.name}`, () => {
    const bytes = bytesOf(c.file, c.encoding);
    const { report, csv } = run(c.options, bytes, 5);
    assert.equal(report.format, c.format);
    assert.equal(report.columns, c.columns);
    for (const key of ['rows', 'accepted', 'rejected', 'calls']) assert.equal(report[key], c[key], key);
    assert.equal(report.rows, report.accepted + report.rejected);
    const lines = Object.fromEntries(report.reasons.filter((r) => r.count > 0).map((r) => [r.code, r.examples.map((e) => e.line)]));
    assert.deepEqual(lines, c.rejected_lines);
    const months = report.months.map(({ month, volume, successes, calls, billed_seconds, telecom_charges }) => ({ month, volume, successes, calls, billed_seconds, telecom_charges }));
    assert.deepEqual(months, c.months);
    assert.equal(csv.split('\n').filter(Boolean).length, 1 + c.rejected);
    if (c.format !== 'custom') assert.equal(importSniff(bytes.subarray(0, 65536)).format, c.format);
    assertSpilledSame(c.options, bytes, c.name);
  });
}

test('import: a generated Master.csv (21 and 18 columns) gives the counts its generator knows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callsettle-import-'));
  try {
    for (const columns of ['21', '18']) {
      const file = join(dir, `master-${columns}.csv`);
      const script = fileURLToPath(new URL('../../scripts/gen-master-csv.mjs', import.meta.url));
      const expected = JSON.parse(execFileSync(process.execPath, [script, '30000', file, '--columns', columns], { encoding: 'utf8' }));
      const bytes = new Uint8Array(readFileSync(file));
      const byRecord = run({ tariff_per_minute: '0.10' }, bytes, 1 << 20).report;
      assert.equal(byRecord.rows, expected.rows);
      assert.equal(byRecord.rejected, 0, JSON.stringify(byRecord.reasons.filter((r) => r.count)));
      assert.equal(byRecord.calls, expected.calls);
      assert.deepEqual(
        byRecord.months.map((m) => [m.month, m.volume, m.successes, m.billed_seconds]),
        expected.months.map((m) => [m.month, m.volume, m.successes, m.billed_seconds]),
      );
      // 0.10 a minute: billed seconds ÷ 600 yuan, to the fen (seconds are whole minutes here).
      assert.deepEqual(byRecord.months.map((m) => m.telecom_charges), expected.months.map((m) => (m.billed_seconds / 600).toFixed(2)));
      const byCall = run({ count_by: 'call' }, bytes, 3 << 20).report;
      assert.deepEqual(byCall.months.map((m) => [m.volume, m.successes]), expected.months.map((m) => [m.calls, m.success_calls]));
      // Spilled to files, the same reports.
      for (const options of [{ tariff_per_minute: '0.10' }, { count_by: 'call' }]) assertSpilledSame(options, bytes, `${columns} columns`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import: bad options throw { errors } at their paths; a file of no known layout says so', () => {
  const head = new TextEncoder().encode('a,b,c\n1,2,3\n');
  assert.throws(() => new ResultsImport({ pulse: '60/0', count_by: 'rows' }, head), (e) => {
    assert.deepEqual(e.errors.map((x) => `${x.path} ${x.code}`), ['import.count_by invalid_choice', 'import.pulse invalid_choice']);
    return true;
  });
  assert.throws(() => new ResultsImport({}, head), (e) => e.errors[0].code === 'unknown_layout' && /assign/.test(e.errors[0].message_en));
  const sniff = importSniff(head);
  assert.deepEqual(sniff, { format: null, columns: 3, preview: [['a', 'b', 'c'], ['1', '2', '3']] });
});
