// Results import (issue 17): the import module's memory stays within the bound that
// docs/performance.md ("Import", "Memory") states, fed as the worker feeds it (pieces of 1 MiB,
// the rejected rows' CSV taken after each). In memory (no spill store): a fixed amount, plus the
// pieces, plus 25/16 × the bytes of the entries its tables must keep (17 per row fingerprint, 49
// per call, 18 per customer of a month); rejected rows add nothing. Spilled to files beyond a
// budget (docs/rules.md "Memory"): WASM memory + JS heap within the budget, 4 pieces and a fixed
// amount, the same for 200 000 and 1 000 000 rows. WebAssembly memory never shrinks, so its size
// after the import is its peak, and a deterministic function of the bytes fed. Each test has a
// module instance of its own (a fresh import of the JS glue), so that one test's memory does not
// count in the next.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fileSpill } from './spill-store.mjs';

const PIECE = 1 << 20; // as www/import-worker.js
const MIB = 1 << 20;
const wasm = readFileSync(new URL('../../pkg/callsettle_import_bg.wasm', import.meta.url));
let instances = 0;

/** A fresh module: its ResultsImport and its memory's size right after the import's start. */
async function fresh() {
  instances += 1;
  const glue = await import(`../../pkg/callsettle_import.js?instance=${instances}`);
  const { memory } = glue.initSync({ module: wasm });
  return { glue, memory };
}

/** Feeds `bytes` as the worker does; the report, the CSV's size and the memory before/after. */
async function imported(bytes, options = {}) {
  const { glue, memory } = await fresh();
  const job = new glue.ResultsImport(options, bytes.subarray(0, 65536));
  const start = memory.buffer.byteLength;
  let csv = 0;
  for (let at = 0; at < bytes.length; at += PIECE) {
    job.feed(bytes.subarray(at, at + PIECE));
    csv += job.rejectedCsv().length;
  }
  const report = job.finish();
  csv += job.rejectedCsv().length;
  job.free();
  return { report, csv, start, end: memory.buffer.byteLength };
}

/** docs/performance.md: the import's memory beyond its start for a report's counts. */
function bound(report) {
  const records = report.months.reduce((n, m) => n + m.volume, 0);
  const tables = (25 / 16) * (17 * report.rows + 49 * report.calls + 18 * records);
  return 4 * PIECE + 2 * MIB + tables;
}

const dir = mkdtempSync(join(tmpdir(), 'callsettle-import-memory-'));
const file = join(dir, 'master.csv');
const script = fileURLToPath(new URL('../../scripts/gen-master-csv.mjs', import.meta.url));
const expected = JSON.parse(execFileSync(process.execPath, [script, '240000', file], { encoding: 'utf8' }));
const master = new Uint8Array(readFileSync(file));
rmSync(dir, { recursive: true, force: true });

test('import memory: 240 000 rows stay within the fixed amount + pieces + 25/16 × the table entries', async () => {
  const { report, start, end } = await imported(master);
  assert.equal(report.rows, expected.rows);
  assert.equal(report.rejected, 0);
  const grown = end - start;
  const limit = bound(report);
  assert.ok(grown <= limit, `grew ${(grown / MIB).toFixed(1)} MiB, bound ${(limit / MIB).toFixed(1)} MiB`);
  // Not a bound met by accident: the entries themselves are most of it.
  assert.ok(grown >= limit / 2, `grew ${(grown / MIB).toFixed(1)} MiB, bound ${(limit / MIB).toFixed(1)} MiB`);
});

test('import memory: 240 000 rejected rows leave as CSV and add nothing', async () => {
  // The file's first rows (its layout), then rows of another column count.
  const head = master.subarray(0, master.indexOf(10) + 1);
  const bad = new TextEncoder().encode('"=cmd|x",2026-03-01 10:00:00,60\n'.repeat(240_000));
  const bytes = new Uint8Array(head.length + bad.length);
  bytes.set(head);
  bytes.set(bad, head.length);
  const { report, csv, start, end } = await imported(bytes);
  assert.equal(report.rejected, 240_000);
  assert.ok(csv > bad.length, `${csv} bytes of CSV`);
  const grown = end - start;
  assert.ok(grown <= 4 * PIECE + 2 * MIB, `grew ${(grown / MIB).toFixed(1)} MiB`);
});

/**
 * Imports the file at `path` as the worker does, read from disk a piece at a time (the file is
 * never whole in memory), spilled to files beyond `budget` bytes of tables: the report, whether
 * it spilled, the WASM memory's growth and the JS heap's peak growth (sampled after each piece
 * and each partition read back).
 */
async function importedSpilled(path, budget) {
  const { glue, memory } = await fresh();
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  const piece = new Uint8Array(PIECE);
  const job = new glue.ResultsImport({}, piece.subarray(0, readSync(fd, piece, 0, 65536, 0)), budget);
  let spill;
  try {
    const start = memory.buffer.byteLength;
    const heap = process.memoryUsage().heapUsed;
    let heapPeak = 0;
    const sample = () => {
      job.rejectedCsv();
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heap);
    };
    for (let at = 0, n; (n = readSync(fd, piece, 0, PIECE, at)); at += n) {
      job.feed(piece.subarray(0, n));
      sample();
      if (job.overBudget) {
        spill = fileSpill(size, glue.importSpillParts(size, budget));
        job.spill(spill);
      }
    }
    while (job.finishPart()) sample();
    const spilled = job.spilled;
    const report = job.finish();
    return { report, spilled, grown: memory.buffer.byteLength - start, heapPeak, written: spill.written };
  } finally {
    job.free();
    spill?.close();
    closeSync(fd);
  }
}

test('import memory, spilled beyond an 8 MiB budget: 200 000 and 1 000 000 rows in the same WASM + JS heap, within budget + 4 pieces + 4 MiB', async () => {
  const budget = 8 * MIB;
  const tmp = mkdtempSync(join(tmpdir(), 'callsettle-import-spill-'));
  try {
    const grown = [];
    for (const rows of [200_000, 1_000_000]) {
      const path = join(tmp, `master-${rows}.csv`);
      const want = JSON.parse(execFileSync(process.execPath, [script, String(rows), path], { encoding: 'utf8' }));
      const { report, spilled, grown: wasm, heapPeak, written } = await importedSpilled(path, budget);
      rmSync(path);
      assert.equal(spilled, true);
      assert.equal(report.rows, want.rows);
      assert.equal(report.rejected, 0);
      assert.equal(report.calls, want.calls);
      assert.deepEqual(report.months.map((m) => [m.month, m.volume, m.successes, m.billed_seconds]), want.months.map((m) => [m.month, m.volume, m.successes, m.billed_seconds]));
      const peak = wasm + heapPeak;
      const limit = budget + 4 * PIECE + 4 * MIB;
      console.log(`${rows} rows spilled (${(written / MIB).toFixed(0)} MiB written): WASM grew ${(wasm / MIB).toFixed(1)} MiB, JS heap ${(heapPeak / MIB).toFixed(1)} MiB; bound ${(limit / MIB).toFixed(1)} MiB`);
      assert.ok(peak <= limit, `${rows} rows: ${(peak / MIB).toFixed(1)} MiB, bound ${(limit / MIB).toFixed(1)} MiB`);
      // The budget is used (the tables reached it before the spill), and the spill wrote the rows.
      assert.ok(wasm >= budget, `${rows} rows: WASM grew ${(wasm / MIB).toFixed(1)} MiB`);
      assert.ok(written > report.rows * 100, `${written} bytes written`);
      grown.push(wasm);
    }
    // Five times the rows, the same memory (within a piece).
    assert.ok(Math.abs(grown[1] - grown[0]) <= PIECE, `grew ${grown.map((g) => (g / MIB).toFixed(1)).join(' and ')} MiB`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
