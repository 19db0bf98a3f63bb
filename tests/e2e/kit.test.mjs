// The page kit (issue 14), read from the files (no browser): one catalog for every label on more
// than one page, and no copied twin among the pages' scripts (the `duplicates` tool).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT_DIR } from './helpers.mjs';

const PAGE_CATALOGS = ['i18n.js', 'i18n-whatif.js', 'i18n-account400.js'];
/** Each page's own name: the one key every page has, with its own text. */
const PAGE_NAMES = ['doc_title', 'app_title', 'app_subtitle'];

test('one catalog: shared labels only in i18n-common.js, pages never repeat a key', async () => {
  const { common } = await import('../../www/i18n-common.js');
  assert.deepEqual(Object.keys(common.en).sort(), Object.keys(common.zh).sort(), 'the same keys in zh and en');
  const seen = new Map();
  for (const file of PAGE_CATALOGS) {
    const { catalog } = await import(`../../www/${file}`);
    for (const key of Object.keys(catalog.zh)) {
      assert.ok(!(key in common.zh), `${file}: "${key}" is in the shared catalog; a field has one name`);
      if (PAGE_NAMES.includes(key)) continue;
      assert.ok(!seen.has(key), `"${key}" is in ${seen.get(key)} and ${file}: it belongs in i18n-common.js`);
      seen.set(key, file);
    }
  }
  // The two pages of contract 1 name a field the same: the calculator's label is the what-if's.
  const { t: settleT } = await import('../../www/i18n.js');
  const { t: whatifT } = await import('../../www/i18n-whatif.js');
  for (const lang of ['zh', 'en']) {
    for (const key of ['unit_price', 'target_rate', 'penalty_per_unit', 'volume', 'success_rate', 'telecom_charges']) {
      assert.equal(whatifT(lang, key), settleT(lang, key), `${lang}.${key}`);
    }
  }
});

function duplicates(args) {
  try {
    return execFileSync('duplicates', args, { cwd: ROOT_DIR, encoding: 'utf8' });
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

test('no twin among the pages’ scripts (duplicates over www/)', (t) => {
  const out = duplicates(['--repo', join(ROOT_DIR, 'www'), '--most', '200', '--seconds', '60']);
  if (out === null) {
    t.skip('the duplicates command is not installed here');
    return;
  }
  assert.doesNotMatch(out, /^incomplete:/m, out);
  const twins = out.split('\n').filter((row) => /^D\d+ \S+\.js:\d+-\d+ ~ \S+\.js:\d+-\d+/.test(row));
  assert.deepEqual(twins, [], out);
});
