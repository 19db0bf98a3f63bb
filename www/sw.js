// The pages' service worker (docs/rules.md, "Embedding": offline and installable), registered by
// offline.js. offline-files.js, written by the build (scripts/offline.mjs; the bundled server
// writes it afresh for every request), lists every file of the pages (the three pages, their
// scripts and styles, the import worker, the vendored chart library, the module in ../pkg/, the
// icons and the manifest) with a version: a hash of all their bytes and of embed-origins.json.
//
// - install: all the listed files into one cache named by that version, or none (one failed
//   file fails the install and the old version stays);
// - activate: the caches of other versions (of this scope) are deleted, so a new build replaces
//   the old one as a whole. It takes over when no page of the old version is open any more;
//   a page never mixes files of two builds;
// - fetch: a listed file comes from the cache; embed-origins.json (the deployer's allow-list) from
//   the network, its last copy when offline; anything else goes to the network as usual.
// The worker makes no request but to its own origin.

const LIST_URL = new URL('offline-files.js', location.href).href;
// Under a Trusted Types CSP importScripts takes a script URL from a policy (as in trusted.js).
const policy = self.trustedTypes?.createPolicy('callsettle', {
  createScriptURL: (url) => {
    if (url !== LIST_URL) throw new TypeError(`callsettle: not the file list: ${url}`);
    return url;
  },
});
importScripts(policy ? policy.createScriptURL(LIST_URL) : LIST_URL);

const { version, files } = self.CALLSETTLE_OFFLINE;
const PREFIX = `callsettle ${self.registration.scope} `;
const CACHE = PREFIX + version;
const OWN = new Set(files.map((f) => new URL(f, location.href).href));
const ORIGINS = new URL('embed-origins.json', location.href).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll([...OWN].map((url) => new Request(url, { cache: 'no-cache' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)))),
  );
});

/** The allow-list from the network (kept for offline use), else its last copy. */
async function origins(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(ORIGINS, response.clone());
    return response;
  } catch (e) {
    const kept = await cache.match(ORIGINS);
    if (kept) return kept;
    throw e;
  }
}

/** A listed file from this version's cache (from the network should it be missing there). */
async function cached(request, url) {
  // One look-up in this version's cache (caches.match with its name: no caches.open first).
  const hit = await caches.match(url, { cacheName: CACHE, ignoreSearch: request.mode === 'navigate' });
  return hit ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  if (request.mode === 'navigate') url.search = '';
  if (url.href === ORIGINS) event.respondWith(origins(request));
  else if (OWN.has(url.href)) event.respondWith(cached(request, url.href));
});
