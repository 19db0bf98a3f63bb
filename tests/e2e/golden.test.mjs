// 2. The golden cases (tests/cases/), typed into the page: every one-month ok case must show its
// expected line amounts, total, successes, dates and warnings (the first month's bill, every
// month's total and payment date in the grid, the scenario total); every err case must show each
// expected error at its field. Cases the page cannot express (unknown fields, booleans, no months,
// both success_rate and successes) are skipped and counted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  fillScenario, pathsFor, inexpressible, newPage, openReady, readErrors, readResults,
  resultsState, start, valueAt,
} from './helpers.mjs';

const MIN_OK_CASES = 20;
// Typing every field of ~60 cases with page.fill takes ~25 s (a rendering frame per field), so
// the values are set in the page with an input event per field (fillScenario's `direct`), and
// every GOLDEN_TYPE_EVERY-th case is typed for real with page.fill.
const PAGES = 1;
const GOLDEN_TYPE_EVERY = 6;

let env;
let sessions;
before(async () => {
  env = await start();
  sessions = await Promise.all(Array.from({ length: PAGES }, () => newPage(env.browser)));
  await Promise.all(sessions.map((s) => openReady(s.page, env.base)));
});
after(async () => {
  await env?.close();
});

async function getJson(path) {
  const res = await fetch(`${env.base}${path}`);
  return res.ok ? res.json() : null;
}

/** Case names by kind, from /tests/cases/index.json ({ ok: [...], err: [...] }). */
async function caseNames() {
  const index = await getJson('/tests/cases/index.json');
  assert.ok(index, 'tests/cases/index.json is served');
  return { ok: index.ok, err: index.err };
}

const pairs = (list) => (list ?? []).map((m) => `${m.path} ${m.code}`).sort();

/** Types one ok case into `page`; returns a failure message or null. */
async function checkOk(page, name, c, direct) {
  await fillScenario(page, c.scenario, { direct });
  const shown = await readResults(page);
  const month = c.expect.months[0];
  const want = { ...month.lines, total: month.total ?? c.expect.total };
  if (month.successes !== undefined) want.successes = month.successes;
  Object.assign(want, month.schedule ?? {});
  const errors = await readErrors(page);
  const state = await resultsState(page);
  const got = Object.fromEntries(Object.keys(want).map((k) => [k, shown[k]]));
  const warnings = await page.$$eval('[data-warning]', (ns) => ns.map((n) => `${n.dataset.warningPath} ${n.dataset.warning}`).sort());
  const negMarked = await page.locator('[data-result="total"].neg').count();
  try {
    assert.deepEqual(errors, [], 'no errors');
    assert.equal(state, 'fresh');
    assert.deepEqual(got, want);
    assert.equal(shown.year_total, c.expect.total, 'the scenario total');
    c.expect.months.forEach((m, i) => {
      assert.equal(shown[`months[${i}].total`], m.total, `months[${i}].total`);
      if (m.schedule) assert.equal(shown[`months[${i}].payment_due`], m.schedule.payment_due, `months[${i}].payment_due`);
    });
    assert.deepEqual(warnings, pairs(c.expect.warnings), 'warnings (path code)');
    assert.equal(negMarked, want.total.startsWith('-') ? 1 : 0, 'negative total marked');
    return null;
  } catch (e) {
    return `ok/${name}: ${e.message}\n  errors: ${JSON.stringify(errors)}`;
  }
}

/** Types one err case into `page`; returns a failure message or null. */
async function checkErr(page, name, c, direct) {
  await fillScenario(page, c.scenario, { direct });
  const shown = await readErrors(page);
  const state = await resultsState(page);
  try {
    assert.equal(state, 'stale', 'results marked stale');
    const expected = c.errors ?? c.expect?.errors ?? [];
    assert.ok(expected.length > 0, 'the case expects errors');
    for (const { path, code } of expected) {
      const at = shown.filter((e) => e.path === path);
      const paths = pathsFor(c.scenario);
      if (paths.includes(path) || /^months\[\d+\]$/.test(path)) {
        assert.ok(at.length > 0, `error at ${path} shown (shown: ${pairs(shown).join(', ')})`);
        // A field the case leaves out is sent as "" by the page (read as absent, like the case),
        // but a JS number like 1e300 is typed as the text "1e+300" (not_a_number, not too_large):
        // there only the place of the error is compared.
        const value = paths.includes(path) ? valueAt(c.scenario, path) : null;
        const sameAsTyped = value !== undefined && !(typeof value === 'number' && /e/i.test(String(value)));
        if (sameAsTyped) assert.ok(at.some((e) => e.code === code), `${path}: code ${code} (shown ${at.map((e) => e.code)})`);
      }
      for (const e of at) assert.ok(e.text.length > 0, `${path}: message text`);
    }
    return null;
  } catch (e) {
    return `err/${name}: ${e.message}`;
  }
}

test('golden cases in the browser', async () => {
  const names = await caseNames();
  const ran = { ok: 0, err: 0, typed: 0 };
  const skipped = [];
  const failures = [];
  const queue = [];
  for (const kind of ['ok', 'err']) {
    for (const name of names[kind]) {
      const c = await getJson(`/tests/cases/${kind}/${name}.json`);
      assert.ok(c, `${kind}/${name}.json fetched`);
      const why = inexpressible(c.scenario);
      if (why) skipped.push(`${kind}/${name} (${why})`);
      else queue.push({ kind, name, c });
    }
  }
  await Promise.all(
    sessions.map(async ({ page }) => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const direct = (ran.ok + ran.err) % GOLDEN_TYPE_EVERY !== 0;
        const failure = await (job.kind === 'ok' ? checkOk : checkErr)(page, job.name, job.c, direct);
        ran[job.kind] += 1;
        if (!direct) ran.typed += 1;
        if (failure) failures.push(failure);
      }
    }),
  );

  console.log(`# golden cases in the browser: ${ran.ok} ok and ${ran.err} err cases ran (${ran.typed} typed with page.fill)`);
  console.log(`# skipped (page cannot express them): ${skipped.length}`);
  for (const s of skipped) console.log(`#   ${s}`);
  assert.deepEqual(failures, [], `${failures.length} golden case(s) differ:\n${failures.join('\n')}`);
  assert.ok(ran.ok >= MIN_OK_CASES, `at least ${MIN_OK_CASES} ok cases ran (${ran.ok})`);
  for (const { problems } of sessions) assert.deepEqual(problems, { console: [], page: [], failed: [] });
});
