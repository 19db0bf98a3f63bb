import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
const server = await serve(0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage();
await page.goto(`${origin}/`);
await page.waitForSelector('body[data-ready]');
const cdp = await page.context().newCDPSession(page);
await page.evaluate(async () => {
  const m = await import('/pkg/callsettle.js');
  window.sc = window.callsettle.scenario();
  window.m = m;
  for (let i = 0; i < 20000; i++) m.settle(window.sc);
});
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
const t = await page.evaluate(() => { const s = performance.now(); for (let i = 0; i < 50000; i++) m.settle(sc); return (performance.now() - s) * 1000 / 50000; });
const { profile } = await cdp.send('Profiler.stop');
console.log('per call µs', t);
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map();
for (const s of profile.samples) counts.set(s, (counts.get(s) || 0) + 1);
let total = 0;
for (const [id, c] of counts) { const n = byId.get(id); const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(name, (self.get(name) || 0) + c); total += c; }
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((100 * v / total).toFixed(1).padStart(5), k);
await browser.close(); server.close();
