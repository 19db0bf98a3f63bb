// Offline and installable (issue 19): the pages served from a sub-path (/tools/callsettle/, the
// module at /tools/pkg/) are visited once; the service worker (www/sw.js) keeps every file of the
// pages; then the network is off (the browser offline and the server stopped) and the calculator
// is reloaded, the what-if and 400-number pages are opened, a bill is computed and a results file
// is imported (its worker and module come from the cache too). The cache of an older build is
// replaced as a whole: a new build (a copy of the pages served from another folder, one file
// changed) is installed beside the old one, the open page keeps the old build (even reloaded), and
// once it is closed the old cache is gone and the next visit gets the new build. Every request of the whole run,
// the worker's included, goes to the pages' own origin. The manifest makes the pages installable.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS, ROOT_DIR, byName, newPage, readResults } from './helpers.mjs';

let server;
let browser;
let origin;
before(async () => {
  server = await serve(0, '127.0.0.1', { base: '/tools/callsettle/', origins: [] });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await new Promise((ok) => (server.listening ? server.close(ok) : ok()));
});

const ready = (page) => page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 15_000 });

test('after one visit every page works with the network off; all requests to the own origin', async () => {
  const { page, context, problems } = await newPage(browser);
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));
  const app = `${origin}/tools/callsettle/`;
  await page.goto(app, { waitUntil: 'commit' });
  // An older build's cache here, and another deployment's on the same origin, before the worker
  // is installed: the new version replaces the first as a whole and leaves the other alone.
  const scope = app;
  const other = `callsettle ${origin}/tools/other/ 0000000000000000`;
  await page.evaluate(async ([old, other]) => {
    for (const name of [old, other]) await (await caches.open(name)).put('old.js', new Response('old'));
  }, [`callsettle ${scope} 0000000000000000`, other]);
  await ready(page);
  // The worker is active once every listed file is in its cache.
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
  const { caches: names, cached } = await page.evaluate(async (other) => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n !== other));
    return { caches: names, cached: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  }, other);
  assert.equal(names.length, 2, names.join(', '));
  assert.ok(names.includes(other), 'another deployment’s cache is kept');
  assert.match(names.find((n) => n !== other), new RegExp(`^callsettle ${scope} [0-9a-f]{16}$`), 'this scope: one cache, of this build');
  assert.ok(!cached.includes('/tools/callsettle/old.js'));
  for (const path of [
    '/tools/callsettle/', '/tools/callsettle/index.html', '/tools/callsettle/whatif.html', '/tools/callsettle/account400.html',
    '/tools/callsettle/import.js', '/tools/callsettle/import-worker.js', '/tools/callsettle/vendor/uPlot.iife.min.js',
    '/tools/callsettle/vendor/uPlot.min.css', '/tools/callsettle/manifest.webmanifest', '/tools/callsettle/icon-192.png',
    '/tools/pkg/callsettle.js', '/tools/pkg/callsettle_bg.wasm', '/tools/pkg/callsettle_import.js', '/tools/pkg/callsettle_import_bg.wasm',
  ]) assert.ok(cached.includes(path), `cached: ${path}`);

  // Installable: the manifest names the app, its start and its icons (files, not data: URLs).
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]').href;
    return { href, json: await (await fetch(href)).json() };
  });
  assert.equal(manifest.json.start_url, './');
  assert.equal(manifest.json.display, 'standalone');
  const sizes = manifest.json.icons.map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'));
  for (const icon of manifest.json.icons) assert.doesNotMatch(icon.src, /^data:/);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // (Playwright's contexts are incognito ones, where Chromium installs nothing: that is the browser's.)
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), [], 'Chromium finds the app installable');
  const { url: manifestUrl, errors: manifestErrors } = await cdp.send('Page.getAppManifest');
  assert.equal(manifestUrl, `${app}manifest.webmanifest`);
  assert.deepEqual(manifestErrors, []);

  // The network off: the browser offline, and the server gone.
  await context.setOffline(true);
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await page.reload();
  await ready(page);
  assert.equal((await readResults(page)).total, '8084.56');
  await page.goto(`${app}whatif.html`);
  await ready(page);
  assert.ok(Number((await readResults(page)).total) > 0, 'the what-if page computes');
  await page.goto(`${app}account400.html`);
  await ready(page);
  await page.goto(`${app}index.html`);
  await ready(page);
  await page.fill(byName('months[0].volume'), '12000');
  const results = await readResults(page);
  assert.equal(results.service_fee, '9000.00');
  assert.equal(await page.locator('#cashflow-chart canvas').count() > 0, true, 'the chart is drawn');
  // The results import: its worker and its module come from the cache.
  await page.setInputFiles('input[name="results_file"]', join(ROOT_DIR, 'tests', 'data', 'import', 'results.csv'));
  await page.waitForFunction(() => document.getElementById('import').dataset.state === 'done', null, { timeout: 30_000 });
  const months = await page.$$eval('[name$="].month"]', (inputs) => inputs.map((i) => i.value));
  assert.ok(months.includes('2026-09') && months.includes('2026-10'), months.join(' '));

  for (const url of requests) assert.equal(new URL(url).origin, origin, `a request elsewhere: ${url}`);
  assert.deepEqual(problems.page, []);
  assert.deepEqual(problems, { console: [], page: [], failed: [] });
  await context.close();
});

/** Polls `probe` (an async function of the test) until it returns true, or fails after `ms`. */
async function until(probe, what, ms = 30_000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((ok) => setTimeout(ok, 100))) {
    if (await probe()) return;
  }
  assert.fail(`timed out waiting: ${what}`);
}

test('a new build replaces the old one as a whole, once no page of the old one is open', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'callsettle-build-'));
  cpSync(join(ROOT_DIR, 'www'), join(copy, 'www'), { recursive: true });
  cpSync(join(ROOT_DIR, 'pkg'), join(copy, 'pkg'), { recursive: true });
  const build = await serve(0, '127.0.0.1', { root: copy, origins: [], base: '/tools/callsettle/' });
  const site = `http://127.0.0.1:${build.address().port}`;
  const app = `${site}/tools/callsettle/`;
  const buildMark = (p) => p.evaluate(() => document.querySelector('meta[name="build"]')?.content ?? null);
  try {
    const { page, context, problems } = await newPage(browser);
    await page.goto(app);
    await ready(page);
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
    // An observer on the same origin outside the worker's scope (so not one of its pages): the
    // registration's workers and the caches.
    const observer = await context.newPage();
    await observer.goto(`${site}/tests/cases/index.json`);
    const workerState = () => observer.evaluate(async (scope) => {
      const registration = await navigator.serviceWorker.getRegistration(scope);
      return { caches: await caches.keys(), waiting: Boolean(registration.waiting), installing: Boolean(registration.installing) };
    }, app);
    // A page opened before the worker was active is not one of its pages; reloaded, it is.
    await page.reload();
    await ready(page);
    assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the page is the worker’s');
    const [first] = (await workerState()).caches;
    // The next build: index.html changed.
    const index = join(copy, 'www', 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', '<head>\n<meta name="build" content="2">'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await until(async () => (await workerState()).waiting, 'the new build installed');
    const both = (await workerState()).caches;
    assert.equal(both.length, 2, 'the new build is cached beside the old one');
    assert.ok(both.includes(first));
    await page.reload();
    await ready(page);
    assert.equal(await buildMark(page), null, 'the open page keeps the old build, even reloaded');
    // No page of the old build open any more: the new one takes over, the old cache goes.
    await page.close();
    await until(async () => {
      const state = await workerState();
      return !state.waiting && !state.installing && state.caches.length === 1;
    }, 'the new build active');
    const [only] = (await workerState()).caches;
    assert.notEqual(only, first, 'the old cache is gone as a whole');
    assert.ok(both.includes(only));
    const next = await context.newPage();
    await next.goto(app);
    await ready(next);
    assert.equal(await buildMark(next), '2', 'the next visit gets the new build');
    assert.deepEqual(problems, { console: [], page: [], failed: [] });
    await context.close();
  } finally {
    await new Promise((ok) => build.close(ok));
    rmSync(copy, { recursive: true, force: true });
  }
});
