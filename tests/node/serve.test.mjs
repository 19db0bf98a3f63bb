// The page's static server (scripts/serve.mjs): files with their CSP, revalidation by ETag (304),
// a malformed request target answered instead of ending the server, and the benchmark page's
// cross-origin isolation; the embed allow-list (www/embed-origins.json) in `frame-ancestors`, and
// the pages served from a sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrigins, serve } from '../../scripts/serve.mjs';

// A raw GET: `fetch` would normalise a target like "//" before sending it.
function get(port, path, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Runs `f` with a server on a free port (serve's `options`), and closes it. */
async function withServer(f, options) {
  const server = await serve(0, '127.0.0.1', options);
  try {
    await f(server.address().port);
  } finally {
    server.close();
  }
}

test('files are revalidated: same ETag gives 304, with the CSP still sent', () => withServer(async (port) => {
  const first = await get(port, '/app.js');
  assert.equal(first.status, 200);
  assert.equal(first.headers['cache-control'], 'no-cache');
  assert.match(first.headers.etag, /^"[0-9a-z]+-[0-9a-z]+"$/);
  assert.ok(first.body.length > 1000);
  const again = await get(port, '/app.js', { 'if-none-match': first.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers['content-security-policy'], first.headers['content-security-policy']);
  const stale = await get(port, '/app.js', { 'if-none-match': '"other"' });
  assert.equal(stale.status, 200);
}));

test('malformed or escaping targets get 404 and the server keeps serving', () => withServer(async (port) => {
  for (const path of ['//', '/%E0%A4%A', '/../package.json', '/pkg/../../Cargo.toml', '/style.css/']) {
    assert.equal((await get(port, path)).status, 404, path);
  }
  assert.equal((await get(port, '/')).status, 200);
}));

test('only the benchmark page is cross-origin isolated (its fine timer); the app pages are not', () => withServer(async (port) => {
  const bench = await get(port, '/bench/');
  assert.equal(bench.status, 200);
  assert.equal(bench.headers['cross-origin-opener-policy'], 'same-origin');
  assert.equal(bench.headers['cross-origin-embedder-policy'], 'require-corp');
  // A portal may embed the calculator pages or open them from its own origin.
  for (const path of ['/', '/app.js', '/pkg/callsettle.js']) {
    const res = await get(port, path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['cross-origin-opener-policy'], undefined, path);
    assert.equal(res.headers['cross-origin-embedder-policy'], undefined, path);
  }
}));

const frameAncestors = (res) => /frame-ancestors ([^;]*)/.exec(res.headers['content-security-policy'])[1];

test('embed allow-list: absent = same origin only; listed origins may frame the pages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'callsettle-origins-'));
  try {
    const file = join(dir, 'embed-origins.json');
    assert.deepEqual(readOrigins(file), []);
    writeFileSync(file, '["https://portal.example.cn", "http://127.0.0.1:8443"]');
    const origins = readOrigins(file);
    assert.deepEqual(origins, ['https://portal.example.cn', 'http://127.0.0.1:8443']);
    await withServer(async (port) => {
      for (const path of ['/', '/whatif.html', '/pkg/callsettle.js']) {
        assert.equal(frameAncestors(await get(port, path)), "'self' https://portal.example.cn http://127.0.0.1:8443", path);
      }
    }, { origins });
    // A mistyped list stops the server from starting instead of widening or dropping the policy.
    for (const bad of ['{"origin": "https://a.cn"}', '["*"]', '["https://a.cn/"]', '["https://a.cn/tools"]',
      '["https://*.a.cn"]', '["javascript:alert(1)"]', '[1]', '["https://a.cn; script-src *"]', 'not json']) {
      writeFileSync(file, bad);
      assert.throws(() => readOrigins(file), undefined, bad);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await withServer(async (port) => {
    assert.equal(frameAncestors(await get(port, '/')), "'self'");
  }, { origins: [] });
});

test('pages from a sub-path: /tools/callsettle/ with the module at /tools/pkg/ (the pages load ../pkg/)', () => withServer(async (port) => {
  for (const path of ['/tools/callsettle/', '/tools/callsettle/app.js', '/tools/callsettle/boot.js', '/tools/pkg/callsettle.js', '/tools/pkg/callsettle_bg.wasm']) {
    assert.equal((await get(port, path)).status, 200, path);
  }
  assert.equal((await get(port, '/tools/pkg/callsettle_bg.wasm')).headers['content-type'], 'application/wasm');
  for (const path of ['/', '/app.js', '/pkg/callsettle.js', '/tools/callsettle/../../Cargo.toml']) {
    assert.equal((await get(port, path)).status, 404, path);
  }
}, { base: '/tools/callsettle/', origins: [] }));
