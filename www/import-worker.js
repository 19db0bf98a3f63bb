// The results-file import's worker (issue 17, docs/rules.md "Results import"): reads the File in chunks (a BYOB
// stream reader), hands each chunk to the WASM module's ResultsImport (which keeps the import's
// state), and tells the page its progress after each chunk. The page's main thread only
// draws; Cancel terminates this worker.
//
// Messages in:  { type: 'sniff', file }                   → { type: 'sniffed', sniff, encoding }
//               { type: 'start', file, options, chunkSize, budget? }
//                 → { type: 'progress', done, total, rows }…
//                   (spilled: then { type: 'counting', part, parts, rows }… as it reads them back)
//                   then { type: 'done', report, csv, ms, wasmBytes, spilled }
// (csv: a Blob of the rejected rows' CSV, built from the parts the module hands out after each
// piece it reads, so that neither the module nor this worker keeps the rejected rows.)
//
// Memory (docs/performance.md, "Import"): the File is read through a BYOB reader into one
// buffer of a chunk's size, used again for every chunk (Blob.slice(...).arrayBuffer() made a new
// buffer per chunk, and the old ones stayed until a garbage collection: up to 48 MiB); a chunk is
// handed to the module in pieces of PIECE bytes (each copied into WASM memory for its call), so
// the module's memory holds one piece, not one chunk. For GB18030, a chunk's decoded text and its
// UTF-8 bytes are made anew per chunk.
// Spill (docs/rules.md "Results import", "Memory"): once the module's tables pass `budget` bytes
// (BUDGET unless the page says otherwise; `overBudget` after a piece), it goes on in partitions:
// files of the origin-private file system (OPFS) in a folder of this import, opened then
// (importSpillParts says how many), written and read through synchronous access handles
// (dedicated workers only), and removed at the import's end. A folder an import left behind (a
// Cancel terminates this worker) is removed when the next import spills (see sweep).
// Any failure: { type: 'failed', errors } (the module's `{ errors }`) or { type: 'failed', message }.
//
// Encoding: a UTF-8 byte-order mark, or a head that is valid UTF-8, is read as UTF-8 (the bytes go
// to the module as they are; a stray byte that is not UTF-8 later in the file stays in its field
// and is shown lossily). Otherwise the file is GBK/GB18030 (Chinese spreadsheets export that),
// decoded by the browser's own TextDecoder chunk by chunk and passed on as UTF-8.
// The module built with the import (pkg/callsettle_import, Cargo feature "import"): loaded only here,
// so that the calculator page's own module stays small.
import init, { ResultsImport, importSniff, importSpillParts } from '../pkg/callsettle_import.js';

const HEAD_BYTES = 64 * 1024;
const PIECE = 1024 * 1024;
/**
 * The tables' budget (bytes) beyond which an import spills to OPFS (docs/rules.md "Memory"): the
 * generated 1 000 000-row benchmark file's tables take about 80 MiB, so it stays in memory.
 */
const BUDGET = 96 * 1024 * 1024;
/** The OPFS folders of imports start with this. */
const SPILL_FOLDER = 'import-spill-';
const ready = init(); // the module's exports (its memory: the import's peak, as it only grows)

/** The encoding of a file from its first bytes: 'utf-8' or 'gb18030'. */
function encodingOf(head) {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    // stream: true, so that a character cut at the head's end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** Bytes as the module reads them (UTF-8): a decoder per file for GB18030, else as they are. */
function recoder(encoding) {
  if (encoding === 'utf-8') return (bytes) => bytes;
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  return (bytes, last) => encoder.encode(decoder.decode(bytes, { stream: !last }));
}

async function head(file) {
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const encoding = encodingOf(bytes);
  return { bytes: encoding === 'utf-8' ? bytes : recoder(encoding)(bytes, true), encoding };
}

async function sniff({ file }) {
  await ready;
  const { bytes, encoding } = await head(file);
  postMessage({ type: 'sniffed', sniff: importSniff(bytes), encoding });
}

/**
 * The module's spill store for a file of `size` bytes: 3 × importSpillParts(size, budget) files in
 * a new OPFS folder, each written at its end and read at an offset through a synchronous access
 * handle. `close()` removes the folder.
 */
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes the spill folders of imports that are gone. Each import holds a Web Lock named after
 * its folder while its worker lives (a terminated worker's locks are released at once), so a
 * folder whose lock is free is left over; its files may stay held a moment longer, so its
 * removal is tried again for up to a second.
 */
async function sweep(root) {
  const names = [];
  for await (const name of root.keys()) if (name.startsWith(SPILL_FOLDER)) names.push(name);
  for (const name of names) {
    await navigator.locks.request(name, { ifAvailable: true }, async (lock) => {
      for (let tries = 0; lock && tries < 10; tries += 1) {
        if (await root.removeEntry(name, { recursive: true }).then(() => true, () => false)) return;
        await wait(100);
      }
    });
  }
}

async function openSpill(size, budget) {
  const parts = importSpillParts(size, budget);
  const root = await navigator.storage.getDirectory();
  await sweep(root);
  const name = `${SPILL_FOLDER}${Date.now()}-${Math.random().toString(36).slice(2)}`;
  // The folder's lock, held until close() (or the worker's end), taken before the folder exists.
  let release;
  await new Promise((held) => {
    navigator.locks.request(name, () => {
      held();
      return new Promise((resolve) => { release = resolve; });
    });
  });
  const dir = await root.getDirectoryHandle(name, { create: true });
  const handles = [];
  // Its own folder, then any left by a cancelled import (the next import sweeps them too).
  const close = async () => {
    for (const h of handles) h.close();
    await root.removeEntry(name, { recursive: true }).catch(() => {});
    release();
    await sweep(root);
  };
  try {
    for (let part = 0; part < 3 * parts; part += 1) {
      const fileHandle = await dir.getFileHandle(String(part), { create: true });
      handles.push(await fileHandle.createSyncAccessHandle());
    }
  } catch (e) {
    await close();
    throw e;
  }
  const ends = new Float64Array(handles.length);
  return {
    size,
    parts: handles.length,
    append(part, bytes) {
      const written = handles[part].write(bytes, { at: ends[part] });
      ends[part] += written;
      if (written !== bytes.length) throw new Error('the browser\'s storage for this page is full');
    },
    read: (part, offset, into) => handles[part].read(into, { at: offset }),
    remove(part) {
      handles[part].truncate(0);
      ends[part] = 0;
    },
    close,
  };
}

async function run({ file, options, chunkSize, budget = BUDGET }) {
  const { memory } = await ready;
  const t0 = performance.now();
  const first = await head(file);
  const job = new ResultsImport(options, first.bytes, budget);
  let spill;
  try {
    const recode = recoder(first.encoding);
    const csv = [];
    const take = () => {
      const part = job.rejectedCsv();
      if (part.length) csv.push(new Blob([part]));
    };
    let rows = 0;
    const reader = file.stream().getReader({ mode: 'byob' });
    let buffer = new ArrayBuffer(chunkSize);
    for (let done = 0, closed = false; !closed; ) {
      // A read fills part of the view and hands the buffer back (transferred): fill a chunk.
      let filled = 0;
      while (filled < chunkSize && !closed) {
        const read = await reader.read(new Uint8Array(buffer, filled, chunkSize - filled));
        if (!read.value) throw new Error('the file could not be read');
        buffer = read.value.buffer;
        filled += read.value.byteLength;
        closed = read.done;
      }
      done += filled;
      const bytes = recode(new Uint8Array(buffer, 0, filled), closed);
      for (let p = 0; p < bytes.length; p += PIECE) {
        rows = job.feed(bytes.subarray(p, p + PIECE));
        take();
        if (job.overBudget && spill === undefined) {
          // null: no OPFS with synchronous access here; the import goes on in memory.
          spill = await openSpill(file.size, budget).catch(() => null);
          if (spill) job.spill(spill);
        }
      }
      postMessage({ type: 'progress', done, total: file.size, rows });
    }
    // A spilled import reads its partitions back one at a time (their rejected rows taken after
    // each), telling the page at most every 100 ms.
    for (let part = 1, told = 0; job.finishPart(); part += 1) {
      take();
      if (performance.now() - told > 100) {
        told = performance.now();
        postMessage({ type: 'counting', part, parts: spill.parts, rows });
      }
    }
    const spilled = job.spilled;
    const report = job.finish();
    take();
    // Before 'done': the page ends this worker when it has the report.
    await spill?.close();
    spill = undefined;
    const ms = performance.now() - t0;
    postMessage({ type: 'done', report, csv: new Blob(csv, { type: 'text/csv' }), encoding: first.encoding, ms, wasmBytes: memory.buffer.byteLength, spilled });
  } finally {
    job.free();
    await spill?.close();
  }
}

onmessage = async ({ data }) => {
  try {
    if (data.type === 'sniff') await sniff(data);
    else if (data.type === 'start') await run(data);
  } catch (e) {
    if (e && Array.isArray(e.errors)) postMessage({ type: 'failed', errors: e.errors });
    else postMessage({ type: 'failed', message: String(e?.message ?? e) });
  }
};
