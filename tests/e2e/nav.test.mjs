// Every page's tab bar links to all three pages, and marks its own page as current (read from the
// HTML files; no browser needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from './helpers.mjs';

const PAGES = ['index.html', 'account400.html', 'whatif.html'];

for (const page of PAGES) {
  test(`${page}: the tabs link to every page, its own marked current`, () => {
    const html = readFileSync(join(ROOT_DIR, 'www', page), 'utf8');
    const nav = html.match(/<nav class="tabs"[^>]*>([\s\S]*?)<\/nav>/);
    assert.ok(nav, 'a tab bar');
    const links = [...nav[1].matchAll(/<a href="([^"]+)"([^>]*)>/g)];
    assert.deepEqual(links.map((l) => l[1]), PAGES);
    const current = links.filter((l) => /aria-current="page"/.test(l[2])).map((l) => l[1]);
    assert.deepEqual(current, [page]);
  });
}
