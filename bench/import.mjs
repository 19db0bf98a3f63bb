// The results-import benchmark (issue 17): in one headless-Chromium run, the calculator page's
// import (WASM in a worker, through the file input) against PapaParse 5 parsing the same file in
// a worker (parse only), on a generated 1 000 000-row Asterisk Master.csv; the longest main-thread
// task while the page imports (PerformanceObserver `longtask`); memory: the WASM module's linear
// memory after the import (it only grows, so this is its peak), the import worker's JS heap
// (Chrome DevTools Protocol `Runtime.getHeapUsage` in the worker, sampled every 50 ms: its used
// size, and the bytes of its ArrayBuffers' backing stores, which hold the chunk being read and
// may include the WASM memory), and the browser's resident memory over its baseline, sampled
// every 50 ms (all of its processes; an upper bound of JS heap + WASM). A file of a tenth of the
// rows is imported too, to see how memory follows the file size, and the big file once more with
// a 16 MiB budget (the page's data-memory-budget), spilled to the origin-private file system
// (docs/rules.md "Memory"): its throughput and memory.
//
//   node bench/import.mjs [ROWS] [--profile]
//       (default 1000000; pkg/ and www/vendor/ must be built: scripts/setup.sh). --profile: a
//       browser profile on disk (a persistent context in a temporary folder) instead of
//       Playwright's off-the-record context, where Chromium keeps OPFS files in memory.
//
// The files go to bench/out/ (git-ignored) and are kept for the next run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';

const ROUNDS = 3;
const CHUNK = 8 * 1024 * 1024;
const SPILL_BUDGET = 16 * 1024 * 1024;
const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });

function generated(rows) {
  const file = `${out}master-${rows}.csv`;
  if (!existsSync(file)) {
    execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/gen-master-csv.mjs', import.meta.url)), String(rows), file], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return { file, bytes: statSync(file).size, rows };
}

/** Resident memory (KiB) of this process's Chromium and all its descendants. */
function browserRss() {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=']).toString().trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [pid, ppid] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(table.map(([pid, , kib]) => [pid, kib]));
  let total = 0;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop();
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

const server = await serve(0);
const origin = `http://127.0.0.1:${server.address().port}`;
const launch = { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS };
const profile = process.argv.includes('--profile') ? mkdtempSync(join(tmpdir(), 'callsettle-bench-profile-')) : null;
const browser = profile ? await chromium.launchPersistentContext(profile, launch) : await chromium.launch(launch);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const mib = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * Samples the heap of the page's next import worker (a worker target of `cdp`'s page not seen
 * before) every 50 ms through the DevTools protocol (a session of its own beside Playwright's);
 * the returned function stops and gives the peaks: { used, backing, samples } in bytes.
 */
function workerHeap(cdp, seen) {
  const peak = { used: 0, backing: 0, samples: 0 };
  const answers = new Map();
  let session = null;
  let id = 0;
  let running = true;
  const listener = (e) => {
    if (e.sessionId !== session) return;
    const message = JSON.parse(e.message);
    answers.get(message.id)?.(message.result ?? null);
    answers.delete(message.id);
  };
  cdp.on('Target.receivedMessageFromTarget', listener);
  const ask = (method) => new Promise((ok) => {
    id += 1;
    answers.set(id, ok);
    cdp.send('Target.sendMessageToTarget', { sessionId: session, message: JSON.stringify({ id, method }) }).catch(() => ok(null));
    setTimeout(() => ok(null), 2000);
  });
  const loop = (async () => {
    while (running) {
      if (!session) {
        const { targetInfos } = await cdp.send('Target.getTargets');
        const worker = targetInfos.find((t) => t.type === 'worker' && t.url.endsWith('/import-worker.js') && !seen.has(t.targetId));
        if (worker) {
          seen.add(worker.targetId);
          ({ sessionId: session } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false }));
        }
      } else {
        const usage = await ask('Runtime.getHeapUsage');
        if (usage) {
          peak.used = Math.max(peak.used, usage.usedSize);
          peak.backing = Math.max(peak.backing, usage.backingStorageSize ?? 0);
          peak.samples += 1;
        }
      }
      await sleep(50);
    }
  })();
  return async () => {
    running = false;
    await loop;
    cdp.off('Target.receivedMessageFromTarget', listener);
    if (session) await cdp.send('Target.detachFromTarget', { sessionId: session }).catch(() => {});
    return peak;
  };
}
const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);

try {
  const rows = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 1_000_000);
  const big = generated(rows);
  const small = generated(rows / 10);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const cdp = await page.context().newCDPSession(page);
  const seenWorkers = new Set();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    const input = Object.assign(document.createElement('input'), { type: 'file', id: 'bench-file', hidden: true });
    document.body.append(input);
  });

  /** PapaParse in a worker on the file: { ms, rows }. */
  const papa = () => page.evaluate((chunkSize) => new Promise((ok, fail) => {
    const worker = new Worker('/bench/import-papa-worker.js');
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.error) fail(new Error(data.error));
      else ok(data);
    };
    worker.postMessage({ file: document.getElementById('bench-file').files[0], chunkSize });
  }), CHUNK);

  /** The page's own import of `file` through its file input: worker ms, rows, memory. */
  const ours = async (file, budget) => {
    await page.evaluate((b) => {
      const section = document.getElementById('import');
      if (b) section.dataset.memoryBudget = String(b);
      else delete section.dataset.memoryBudget;
      window.__longTasks = [];
      document.getElementById('import').dataset.state = 'bench';
      const worker = window.Worker;
      // The import's last message (with its timings and memory) is kept for the benchmark.
      window.__done = null;
      if (!window.__wrapped) {
        window.__wrapped = true;
        window.Worker = class extends worker {
          constructor(...args) {
            super(...args);
            this.addEventListener('message', ({ data }) => {
              if (data.type === 'done') window.__done = { ms: data.ms, wasmBytes: data.wasmBytes, rows: data.report.rows, rejected: data.report.rejected, spilled: data.spilled };
            });
          }
        };
      }
    }, budget);
    const heap = workerHeap(cdp, seenWorkers);
    const base = browserRss();
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, browserRss());
    }, 50);
    const t0 = Date.now();
    await page.setInputFiles('input[name="results_file"]', file);
    await page.waitForFunction(() => document.getElementById('import').dataset.state === 'done', null, { timeout: 300_000, polling: 100 });
    const wall = Date.now() - t0;
    clearInterval(sampler);
    const workerPeak = await heap();
    const done = await page.evaluate(() => window.__done);
    const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
    return { ...done, wall, longest, rssDeltaKiB: peak - base, heapUsed: workerPeak.used, heapBacking: workerPeak.backing, heapSamples: workerPeak.samples };
  };

  await page.setInputFiles('#bench-file', big.file);
  const runs = { papa: [], ours: [] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.papa.push(await papa());
    runs.ours.push(await ours(big.file));
  }
  const smallRun = await ours(small.file);
  const spilledRun = await ours(big.file, SPILL_BUDGET);
  const papaMs = median(runs.papa.map((r) => r.ms));
  const oursMs = median(runs.ours.map((r) => r.ms));
  const result = {
    file: { rows: big.rows, bytes: big.bytes },
    papa: { runs_ms: runs.papa.map((r) => Math.round(r.ms)), rows: runs.papa[0].rows, mb_s: mbps(big.bytes, papaMs) },
    ours: {
      runs_ms: runs.ours.map((r) => Math.round(r.ms)), wall_ms: runs.ours.map((r) => r.wall), rows: runs.ours[0].rows,
      rejected: runs.ours[0].rejected, mb_s: mbps(big.bytes, oursMs),
      longest_task_ms: Math.max(...runs.ours.map((r) => r.longest)),
      wasm_memory_mib: mib(runs.ours[0].wasmBytes),
      worker_js_heap_peak_mib: runs.ours.map((r) => mib(r.heapUsed)),
      worker_array_buffers_peak_mib: runs.ours.map((r) => mib(r.heapBacking)),
      heap_samples: runs.ours.map((r) => r.heapSamples),
      rss_delta_mib: runs.ours.map((r) => Math.round(r.rssDeltaKiB / 1024)),
    },
    small: {
      rows: small.rows, bytes: small.bytes, ms: Math.round(smallRun.ms), wasm_memory_mib: mib(smallRun.wasmBytes),
      worker_js_heap_peak_mib: mib(smallRun.heapUsed), worker_array_buffers_peak_mib: mib(smallRun.heapBacking), heap_samples: smallRun.heapSamples,
      rss_delta_mib: Math.round(smallRun.rssDeltaKiB / 1024), longest_task_ms: smallRun.longest,
    },
    spilled: {
      budget_mib: mib(SPILL_BUDGET), spilled: spilledRun.spilled, ms: Math.round(spilledRun.ms), rows: spilledRun.rows, rejected: spilledRun.rejected,
      mb_s: mbps(big.bytes, spilledRun.ms), wasm_memory_mib: mib(spilledRun.wasmBytes), worker_js_heap_peak_mib: mib(spilledRun.heapUsed),
      worker_array_buffers_peak_mib: mib(spilledRun.heapBacking), rss_delta_mib: Math.round(spilledRun.rssDeltaKiB / 1024), longest_task_ms: spilledRun.longest,
    },
    in_memory_spilled: runs.ours.map((r) => r.spilled),
    ratio: papaMs / oursMs,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  server.close();
}
