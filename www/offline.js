// Offline use (docs/rules.md, "Embedding": offline and installable). Each page loads this module;
// once the page has loaded it registers the service worker sw.js, which keeps every file of the
// pages in one versioned cache, so that after one visit every page works without a network.
// `<html data-offline="ready">` once the worker is active (the files are cached). Where service
// workers are not available (an old browser, storage turned off) the pages work as before, online.
import { scriptURL } from './trusted.js';

if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    // updateViaCache "none": the browser asks the server for sw.js and its file list on every
    // check, whatever the HTTP cache headers, so a new build is seen on the next visit.
    // (A Trusted Types CSP that refuses the URL throws: caught below, the page stays online-only.)
    Promise.resolve()
      .then(() => navigator.serviceWorker.register(scriptURL(new URL('sw.js', import.meta.url)), { updateViaCache: 'none' }))
      .then(() => navigator.serviceWorker.ready)
      .then(() => {
        document.documentElement.dataset.offline = 'ready';
      }, () => {});
  });
}
