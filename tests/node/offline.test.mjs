// The service worker's file list (scripts/offline.mjs): every file of the pages and the module's
// .js/.wasm, none of the worker itself, its list, the allow-list or the TypeScript declarations;
// a version that changes with any listed byte and with the allow-list, and only then; the server
// answers offline-files.js with the list of the files as they are, and embed-origins.json with
// the allow-list it frames the pages for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineFiles } from '../../scripts/offline.mjs';
import { serve } from '../../scripts/serve.mjs';

function tree(files) {
  const root = mkdtempSync(join(tmpdir(), 'callsettle-offline-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, dirs: { www: join(root, 'www'), pkg: join(root, 'pkg') } };
}

test('the list: pages, vendor files and the module, not the worker, its list or the declarations', () => {
  const { root, dirs } = tree({
    'www/index.html': 'a', 'www/app.js': 'b', 'www/vendor/uPlot.iife.min.js': 'c', 'www/sw.js': 'd',
    'www/offline-files.js': 'e', 'www/embed-origins.json': '[]', 'www/.hidden': 'f',
    'pkg/callsettle.js': 'g', 'pkg/callsettle_bg.wasm': 'h', 'pkg/callsettle.d.ts': 'i', 'pkg/package.json': '{}',
  });
  try {
    const { version, files } = offlineFiles(dirs);
    assert.match(version, /^[0-9a-f]{16}$/);
    assert.deepEqual(files, ['./', 'app.js', 'index.html', 'vendor/uPlot.iife.min.js', '../pkg/callsettle.js', '../pkg/callsettle_bg.wasm']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the version changes with any listed byte and with the allow-list, and only then', () => {
  const { root, dirs } = tree({ 'www/index.html': 'a', 'www/sw.js': 'x', 'pkg/callsettle_bg.wasm': 'w' });
  try {
    const v1 = offlineFiles(dirs).version;
    writeFileSync(join(dirs.www, 'sw.js'), 'y'); // the worker is compared by the browser itself
    assert.equal(offlineFiles(dirs).version, v1);
    writeFileSync(join(dirs.pkg, 'callsettle_bg.wasm'), 'W');
    const v2 = offlineFiles(dirs).version;
    assert.notEqual(v2, v1);
    writeFileSync(join(dirs.www, 'embed-origins.json'), '["https://portal.example.cn"]');
    assert.notEqual(offlineFiles(dirs).version, v2);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the server makes offline-files.js and embed-origins.json (at a sub-path too)', async () => {
  const server = await serve(0, '127.0.0.1', { base: '/tools/callsettle/', origins: ['https://portal.example.cn'] });
  try {
    const base = `http://127.0.0.1:${server.address().port}/tools/callsettle/`;
    const list = await fetch(`${base}offline-files.js`);
    assert.equal(list.status, 200);
    assert.match(list.headers.get('content-type'), /^text\/javascript/);
    const text = await list.text();
    const { version, files } = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
    assert.deepEqual({ version, files }, offlineFiles());
    for (const f of ['./', 'index.html', 'whatif.html', 'account400.html', 'import-worker.js', 'frame-api.js', 'manifest.webmanifest', 'icon.svg', 'vendor/uPlot.iife.min.js', '../pkg/callsettle_bg.wasm', '../pkg/callsettle_import_bg.wasm']) {
      assert.ok(files.includes(f), f);
    }
    const origins = await fetch(`${base}embed-origins.json`);
    assert.deepEqual(await origins.json(), ['https://portal.example.cn']);
    assert.match(origins.headers.get('content-security-policy'), /frame-ancestors 'self' https:\/\/portal\.example\.cn/);
  } finally {
    server.close();
  }
});
