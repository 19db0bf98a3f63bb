// pkg/ as an npm-style package: `npm pack` gives exactly the package's files; the packed
// package, installed under node_modules of a scratch folder, is imported by name (package.json
// `exports`): a call before init() says "call init() first", bad input throws a CallsettleError
// (an Error with `errors` and `warnings`), the worked example bills 8084.56; and a portal's
// TypeScript (tests/ts/consumer.ts) compiles against it with `tsc --noEmit --strict` under
// tsc's defaults (ES5 target, default lib) and with `--module nodenext`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as calculator from '../../pkg/callsettle.js';
import * as account400 from '../../pkg/callsettle_account400.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkgDir = join(root, 'pkg');

test('package.json: name, version, exports, types, sideEffects false', () => {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  assert.equal(pkg.name, 'callsettle');
  assert.equal(pkg.version, /^version = "(.*)"$/m.exec(cargo)[1]);
  assert.deepEqual(pkg.exports['.'], { types: './index.d.ts', default: './index.js' });
  assert.equal(pkg.types, './index.d.ts');
  assert.equal(pkg.sideEffects, false);
  assert.equal(pkg.type, 'module');
});

test('the entry wraps every function the two modules export', async () => {
  const entry = await import('../../pkg/index.js');
  const functions = [...new Set([calculator, account400].flatMap((raw) =>
    Object.keys(raw).filter((k) => typeof raw[k] === 'function' && !['default', 'initSync', 'start'].includes(k))))];
  assert.ok(functions.length >= 15);
  assert.ok(functions.includes('projectAccount400') && functions.includes('settle'));
  for (const name of functions) assert.equal(typeof entry[name], 'function', name);
  const declared = readFileSync(join(pkgDir, 'index.d.ts'), 'utf8');
  for (const name of functions) assert.match(declared, new RegExp(`\\b${name}\\b`), `index.d.ts: ${name}`);
});

test('npm pack, install by name, use from JS and compile a strict TypeScript consumer', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'callsettle-pack-'));
  try {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
      cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    }));
    assert.deepEqual(packed.files.map((f) => f.path).sort(), [
      'callsettle.d.ts', 'callsettle.js', 'callsettle_account400.d.ts', 'callsettle_account400.js',
      'callsettle_account400_bg.wasm', 'callsettle_account400_bg.wasm.d.ts', 'callsettle_bg.wasm',
      'callsettle_bg.wasm.d.ts', 'index.d.ts', 'index.js', 'package.json',
    ]);
    const installed = join(scratch, 'node_modules', 'callsettle');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, packed.filename), '-C', installed, '--strip-components=1']);
    writeFileSync(join(scratch, 'package.json'), '{ "private": true, "type": "module" }\n');

    writeFileSync(join(scratch, 'run.mjs'), `
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      import { initSync, settle, projectAccount400, CallsettleError, isProblems } from 'callsettle';
      const out = {};
      try { settle({}); } catch (e) { out.before = String(e); }
      const wasm = readFileSync(new URL('./node_modules/callsettle/callsettle_bg.wasm', import.meta.url));
      initSync({ module: wasm });
      // The 400-number functions need their own module: initSync loads it when given.
      try { projectAccount400({}); } catch (e) { out.before400 = String(e); }
      const wasm400 = readFileSync(new URL('./node_modules/callsettle/callsettle_account400_bg.wasm', import.meta.url));
      initSync({ module: wasm, account400: wasm400 });
      out.runsOut = projectAccount400(JSON.parse(readFileSync(process.argv[3], 'utf8'))).inbound.runs_out;
      try { projectAccount400({}); } catch (e) { out.bad400 = e instanceof CallsettleError && e.errors.length > 0; }
      try { settle({ terms: {}, months: [] }); } catch (e) {
        out.bad = { error: e instanceof Error, own: e instanceof CallsettleError, guard: isProblems(e),
          text: String(e), codes: e.errors.map((x) => x.path + ' ' + x.code), warnings: e.warnings };
      }
      const s = JSON.parse(readFileSync(process.argv[2], 'utf8')).scenario;
      s.terms.inaccuracy_multiplier = null;
      out.total = settle(s).total;
      console.log(JSON.stringify(out));
    `);
    const worked = join(root, 'tests/cases/ok/worked_example.json');
    const plan = join(root, 'tests/fuzz/corpus/account400/plan.json');
    const out = JSON.parse(execFileSync(process.execPath, [join(scratch, 'run.mjs'), worked, plan], { encoding: 'utf8' }));
    assert.match(out.before, /^Error: callsettle: call init\(\) first/);
    assert.match(out.before400, /^Error: callsettle: call init\(\) first \(projectAccount400 /);
    assert.equal(out.runsOut, '2026-04-11');
    assert.equal(out.bad400, true);
    assert.equal(out.bad.error, true);
    assert.equal(out.bad.own, true);
    assert.equal(out.bad.guard, true);
    assert.match(out.bad.text, /^CallsettleError: terms\.unit_price: required: /);
    assert.ok(out.bad.codes.includes('terms.unit_price required'), out.bad.codes.join());
    assert.deepEqual(out.bad.warnings, []);
    assert.equal(out.total, '8084.56');

    copyFileSync(join(root, 'tests/ts/consumer.ts'), join(scratch, 'consumer.ts'));
    const tsc = join(root, 'node_modules/.bin/tsc');
    for (const options of [[], ['--module', 'nodenext']]) {
      try {
        execFileSync(tsc, ['--noEmit', '--strict', ...options, 'consumer.ts'], { cwd: scratch, encoding: 'utf8' });
      } catch (e) {
        assert.fail(`tsc --noEmit --strict ${options.join(' ')}:\n${e.stdout}${e.stderr}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
