import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
const server = await serve(0);
const origin = `http://127.0.0.1:${server.address().port}`;
// node bench/_probe.mjs [loads] (default 4): first-bill ms of each load, then their median.
const loads = Number(process.argv[2] ?? 4);
const firsts = [];
// Waits in the page's own world: Playwright's selector engine (waitForSelector) injects a large
// script whose evaluation competes with the page's first paint on this 2-core machine.
const firstBill = (p) => p.evaluate(() => new Promise((ok) => {
  const check = () => (document.body.dataset.firstBillMs ? ok() : setTimeout(check, 20));
  check();
}));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
for (let i = 0; i < loads; i++) {
  const p = await browser.newPage();
  await p.goto(`${origin}/`, { waitUntil: 'domcontentloaded' });
  await firstBill(p);
  const r = await p.evaluate(() => ({ first: document.body.dataset.firstBillMs, dom: document.body.dataset.billInPageMs, nav: performance.getEntriesByType('navigation')[0].toJSON(), res: performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, '').slice(0, 20), Math.round(e.startTime), Math.round(e.responseEnd)]), marks: performance.getEntriesByType('mark').map((e) => [e.name, Math.round(e.startTime)]), paint: performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)]) }));
  firsts.push(Number(r.first));
  console.log(Math.round(r.first), 'inPage', Math.round(r.dom), 'respEnd', Math.round(r.nav.responseEnd), 'domInteractive', Math.round(r.nav.domInteractive), 'DCL', Math.round(r.nav.domContentLoadedEventEnd), JSON.stringify(r.res), JSON.stringify(r.marks), JSON.stringify(r.paint));
  await p.close();
}
const sorted = [...firsts].sort((a, b) => a - b);
const mid = sorted.length >> 1;
console.log('first bill ms, median of', sorted.length, ':', Math.round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2));
await browser.close(); server.close();
