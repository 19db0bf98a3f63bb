// A static file server for the page: / is www/, /pkg/ is pkg/, /tests/cases/ the golden cases
// (read by the browser tests), /bench/ and /vendor/decimal.js/ for the benchmark page only. Loopback only. Also sends the page's Content-Security-Policy.
//
// Embedding: www/embed-origins.json, if the deployer puts it there, is a JSON array of origins
// (["https://portal.example.cn"]) allowed to frame the pages: they are added to the CSP's
// `frame-ancestors` (absent: same origin only). The file is read when the server starts.
// Sub-path: `serve(port, host, { base: '/tools/callsettle/' })` serves the pages at that path and
// pkg/ where their relative `../pkg/` imports reach it (`/tools/pkg/`).
// Offline: `offline-files.js` next to the pages (the service worker's file list and version) is
// made afresh from the files for every request (scripts/offline.mjs), so an edit is a new version.
// `embed-origins.json` is answered with the list in use (read by the pages' message API).
// `root` (default: this repository) is the folder holding www/ and pkg/ (a test serves a copy of
// them to see a new build replace the old one).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { offlineScript } from './offline.mjs';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ORIGINS_FILE = join(REPO, 'www', 'embed-origins.json');

/** The mounts for pages at `base`: the module where the pages' `../pkg/` imports reach it. */
function mountsAt(base) {
  const pkg = new URL('../pkg/', new URL(base, 'http://x')).pathname;
  return [
    [pkg, 'pkg'],
    ['/tests/cases/', 'tests/cases'],
    ['/bench/', 'bench'],
    ['/vendor/decimal.js/', 'node_modules/decimal.js'],
    [base, 'www'],
  ];
}
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
};

/**
 * The page's Content-Security-Policy, with `origins` (the embed allow-list) allowed to frame it;
 * with `trustedTypes` (the policy names allowed, e.g. "callsettle", the pages' own policy in
 * www/trusted.js), also Trusted Types required, as a deployer may.
 */
export function cspFor(origins = [], { trustedTypes = null } = {}) {
  return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    + `frame-ancestors ${["'self'", ...origins].join(' ')}`
    + (trustedTypes ? `; require-trusted-types-for 'script'; trusted-types ${trustedTypes}` : '');
}
export const CSP = cspFor();

/**
 * The embed allow-list of `file` (a JSON array of origins such as "https://portal.example.cn");
 * [] when the file is absent. Anything else (not an array, an entry that is not exactly an http(s)
 * origin: no path, no wildcard, no trailing slash) throws, so a mistyped list never widens or
 * silently drops the policy.
 */
export function readOrigins(file = ORIGINS_FILE) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    throw e;
  }
  const list = JSON.parse(text);
  if (!Array.isArray(list)) throw new Error(`${file}: expected a JSON array of origins`);
  for (const origin of list) {
    let parsed = null;
    try {
      parsed = typeof origin === 'string' ? new URL(origin) : null;
    } catch {
      parsed = null;
    }
    const host = parsed?.hostname ?? '';
    if (!/^https?:$/.test(parsed?.protocol) || parsed.origin !== origin || !/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(host)) {
      throw new Error(`${file}: ${JSON.stringify(origin)} is not an origin like "https://portal.example.cn"`);
    }
  }
  return list;
}

function resolvePath(root, mounts, urlPath) {
  for (const [prefix, dir] of mounts) {
    if (urlPath.startsWith(prefix)) {
      const rel = normalize(decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html');
      if (rel.startsWith('..')) return null;
      const file = join(root, dir, rel.endsWith('/') ? rel + 'index.html' : rel);
      return file.startsWith(join(root, dir)) ? file : null;
    }
  }
  return null;
}

export function serve(port = 0, host = '127.0.0.1', { base = '/', origins = readOrigins(), trustedTypes = null, root = REPO } = {}) {
  const mounts = mountsAt(base);
  const csp = cspFor(origins, { trustedTypes });
  const generated = new Map([
    [`${base}offline-files.js`, { type: '.js', text: () => offlineScript({ www: join(root, 'www'), pkg: join(root, 'pkg') }) }],
    [`${base}embed-origins.json`, { type: '.json', text: () => JSON.stringify(origins) }],
  ]);
  const server = createServer(async (req, res) => {
    let path = '';
    try {
      // A request target that is no path (e.g. "//") is answered 404, not thrown.
      path = new URL(req.url, 'http://x').pathname;
      // Made, not read: the service worker's file list from the files as they are now
      // (scripts/offline.mjs), and the allow-list this server frames the pages for (so the
      // message API answers exactly the origins frame-ancestors allows; [] when there is none).
      const made = generated.get(path);
      if (made && req.method === 'GET') {
        res.writeHead(200, { 'content-type': types[made.type], 'content-security-policy': csp, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
        res.end(made.text());
        return;
      }
      const file = resolvePath(root, mounts, path);
      if (!file || req.method !== 'GET') throw new Error('not found');
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not found');
      // Cached by the browser but revalidated on every load (`no-cache`): an edited file is
      // seen at once, an unchanged one costs a 304 and keeps the browser's compiled code.
      const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
      const headers = {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': csp,
        'cache-control': 'no-cache',
        etag,
        'x-content-type-options': 'nosniff',
      };
      // The benchmark page is cross-origin isolated, which gives it a 5 µs timer instead of
      // 100 µs (everything it loads is from this server).
      if (path.startsWith('/bench/')) {
        headers['cross-origin-opener-policy'] = 'same-origin';
        headers['cross-origin-embedder-policy'] = 'require-corp';
      }
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      // No deal policy deployed (www/policy.json absent, docs/rules.md "Deal policy"): the pages
      // ask for it on every load, so "nothing here" is 204, not a failed request in the console.
      if (path === `${base}policy.json`) {
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const base = process.argv[3] ?? '/';
  const server = await serve(Number(process.argv[2] ?? 8080), '127.0.0.1', { base });
  console.log(`callsettle on http://127.0.0.1:${server.address().port}${base}`);
}
