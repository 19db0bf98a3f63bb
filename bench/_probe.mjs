import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
const server = await serve(0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
for (let i = 0; i < 4; i++) {
  const p = await browser.newPage();
  await p.goto(`${origin}/`);
  await p.waitForSelector('body[data-first-bill-ms]');
  const r = await p.evaluate(() => ({ first: document.body.dataset.firstBillMs, nav: performance.getEntriesByType('navigation')[0].toJSON(), res: performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, '').slice(0, 20), Math.round(e.startTime), Math.round(e.responseEnd)]), marks: performance.getEntriesByType('mark').map((e) => [e.name, Math.round(e.startTime)]), paint: performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)]) }));
  console.log(Math.round(r.first), 'respEnd', Math.round(r.nav.responseEnd), 'domInteractive', Math.round(r.nav.domInteractive), 'DCL', Math.round(r.nav.domContentLoadedEventEnd), JSON.stringify(r.res), JSON.stringify(r.marks), JSON.stringify(r.paint));
  await p.close();
}
await browser.close(); server.close();
