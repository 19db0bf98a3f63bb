// A static file server for the page: / is www/, /pkg/ is pkg/, /tests/cases/ the golden cases
// (read by the browser tests), /bench/ and /vendor/decimal.js/ for the benchmark page only. Loopback only. Also sends the page's Content-Security-Policy.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const mounts = [
  ['/pkg/', 'pkg'],
  ['/tests/cases/', 'tests/cases'],
  ['/bench/', 'bench'],
  ['/vendor/decimal.js/', 'node_modules/decimal.js'],
  ['/', 'www'],
];
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.ico': 'image/x-icon',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function resolvePath(urlPath) {
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

export function serve(port = 0, host = '127.0.0.1') {
  const server = createServer(async (req, res) => {
    try {
      // A request target that is no path (e.g. "//") is answered 404, not thrown.
      const path = new URL(req.url, 'http://x').pathname;
      const file = resolvePath(path);
      if (!file || req.method !== 'GET') throw new Error('not found');
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not found');
      // Cached by the browser but revalidated on every load (`no-cache`): an edited file is
      // seen at once, an unchanged one costs a 304 and keeps the browser's compiled code.
      const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
      const headers = {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
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
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(Number(process.argv[2] ?? 8080));
  console.log(`callsettle on http://127.0.0.1:${server.address().port}/`);
}
