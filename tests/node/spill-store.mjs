// A spill store for the import module in Node (docs/rules.md "Results import", "Memory"): one
// file per partition in a fresh temporary folder (node:fs), as the worker keeps them in the
// origin-private file system. Checks that the module asks only for the partitions it said it
// needs (3 × importSpillParts(size, budget)).
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `{ size, append, read, remove }` over files, with `close()` and the bytes written. */
export function fileSpill(size, parts) {
  const dir = mkdtempSync(join(tmpdir(), 'callsettle-spill-'));
  const fds = new Map();
  const lens = new Map();
  const fd = (part) => {
    assert.ok(Number.isInteger(part) && part >= 0 && part < 3 * parts, `partition ${part} of ${3 * parts}`);
    if (!fds.has(part)) fds.set(part, openSync(join(dir, String(part)), 'w+'));
    return fds.get(part);
  };
  const spill = {
    size,
    written: 0,
    append(part, bytes) {
      const at = lens.get(part) ?? 0;
      writeSync(fd(part), bytes, 0, bytes.length, at);
      lens.set(part, at + bytes.length);
      spill.written += bytes.length;
    },
    read(part, offset, into) {
      return readSync(fd(part), into, 0, into.length, offset);
    },
    remove(part) {
      closeSync(fd(part));
      fds.delete(part);
      lens.delete(part);
      rmSync(join(dir, String(part)));
    },
    /** Files still there (partitions not removed). */
    left: () => fds.size,
    close() {
      for (const f of fds.values()) closeSync(f);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return spill;
}
