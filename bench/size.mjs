// How many bytes of the shipped wasm each dependency crate costs (for the README).
// Usage: node bench/size.mjs   (report on stdout, build progress on stderr; pkg/ is not touched)
//        SIZE_MODULE=account400 node bench/size.mjs   (the 400-number page's module instead of the
//        calculator pages' pkg/callsettle)
//
// It rebuilds the wasm exactly as scripts/setup.sh does (cargo release build, wasm-bindgen --target
// web, wasm-opt with setup.sh's flags) but keeps the "name" custom section
// (wasm-bindgen --keep-debug, wasm-opt --debuginfo), which does not change the code: the optimised
// wasm minus its name section is byte-identical to the pkg/ wasm built from the same sources.
// Each function in the code section is charged its encoded size (size prefix + body) and attributed
// by its name in the name section:
//   path::to::f            -> first path segment (core, alloc, std and std's own hashbrown -> std)
//   <A as B>::f            -> crate of A, or of the trait B when A is a primitive, generic or std type
//   <A>::f                 -> crate of A (std for primitives, e.g. <u64>::_fmt)
//   drop_in_place<T>       -> crate of T (drop glue is T's destructor)
//   functions exported to JS under our names (settle, sweep, ...) -> callsettle: wasm-opt inlines the
//                             #[wasm_bindgen] export (and what LLVM inlined into it) into its glue shim
//   other __wbindgen_*, "... shim", externref helpers -> wasm_bindgen (JS glue)
//   names without a path (memcmp, __multi3, ...) -> "runtime/compiler builtins"
//   no name -> "unnamed" (functions wasm-opt creates, e.g. by merging similar functions)
// Limits: a monomorphised generic is charged to the crate that defines the generic or the impl's self
// type (serde's Deserialize for our types lands in callsettle; Vec<T>::grow, and an iterator adapter
// such as FilterMap<I, F>::next with our closure F inlined, in std; a serde_json visitor method with
// our visitor inlined in serde_json); code inlined by LLVM or wasm-opt counts for the caller, so small
// crates (itoa, memchr, num-traits, console_error_panic_hook's hook) may show 0 bytes.
// Data (string literals, tables) cannot be split by crate and is reported as one line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PATH = `${process.env.HOME}/.cargo/bin:${process.env.PATH}`;
const run = (cmd, args, env = {}, input) => execFileSync(cmd, args, {
  cwd: root, input, maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, PATH, ...env },
});
const ROOT = 'callsettle', STD = 'Rust std (core/alloc/std)', RT = 'runtime/compiler builtins', WB = 'wasm_bindgen';
const GROUP = { core: STD, alloc: STD, std: STD, hashbrown: STD, compiler_builtins: RT, __rustc: RT };

// ---- wasm binary reading ----
function reader(buf, pos = 0) {
  const r = {
    pos,
    byte: () => buf[r.pos++],
    u32() { let v = 0, shift = 0, b; do { b = buf[r.pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return v; },
    str() { const n = r.u32(); r.pos += n; return buf.toString('utf8', r.pos - n, r.pos); },
  };
  return r;
}
// Sections as { id, name (custom only), start (of the section header), body, end }.
function sections(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm binary');
  const out = [], r = reader(buf, 8);
  while (r.pos < buf.length) {
    const start = r.pos, id = r.byte(), size = r.u32(), body = r.pos, end = body + size;
    out.push({ id, name: id === 0 ? r.str() : undefined, start, body, end });
    r.pos = end;
  }
  return out;
}
const hasNames = (buf) => sections(buf).some((s) => s.name === 'name');
function analyse(buf) {
  const secs = sections(buf), find = (id, name) => secs.find((s) => s.id === id && s.name === name);
  let imported = 0;                                     // imported functions come first in the index space
  const imp = find(2);
  if (imp) {
    const r = reader(buf, imp.body), limits = () => { if (r.byte() & 1) r.u32(); r.u32(); };  // [max,] min
    for (let n = r.u32(); n > 0; n--) {
      r.str(); r.str();                                 // module, field
      const kind = r.byte();
      if (kind === 0) { imported++; r.u32(); }          // func: type index
      else if (kind === 1) { r.byte(); limits(); }      // table: reftype, limits
      else if (kind === 2) limits();                    // memory
      else if (kind === 3) { r.byte(); r.byte(); }      // global: type, mutability
      else if (kind === 4) { r.byte(); r.u32(); }       // tag
      else throw new Error(`unknown import kind ${kind}`);
    }
  }
  const exports = new Map(), exp = find(7);             // function index -> export name
  if (exp) {
    const r = reader(buf, exp.body);
    for (let n = r.u32(); n > 0; n--) {
      const name = r.str(), kind = r.byte(), index = r.u32();
      if (kind === 0) exports.set(index, name);
    }
  }
  const names = new Map(), nameSec = find(0, 'name');
  const nr = reader(buf, nameSec.body);
  nr.str();                                             // "name", then subsections; 1 = function names
  while (nr.pos < nameSec.end) {
    const sub = nr.byte(), end = nr.u32() + nr.pos;
    if (sub === 1) for (let n = nr.u32(); n > 0; n--) names.set(nr.u32(), nr.str());
    nr.pos = end;
  }
  const code = find(10), r = reader(buf, code.body), funcs = [];
  for (let i = 0, n = r.u32(); i < n; i++) {
    const start = r.pos, size = r.u32();
    r.pos += size;
    funcs.push({ name: names.get(imported + i), exported: exports.get(imported + i), bytes: r.pos - start });
  }
  const shipped = Buffer.concat(secs.filter((s) => s !== nameSec).map((s) => buf.subarray(s.start, s.end)));
  return { funcs, code, data: find(11), shipped: Buffer.concat([buf.subarray(0, 8), shipped]) };
}

// ---- attribution ----
// Splits "<Self as Trait>::rest" / "<Self>::rest" into [Self, Trait or null].
function qualified(name) {
  let depth = 0, as = -1;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '<') depth++;
    else if (name[i] === '>' && name[i - 1] !== '-' && --depth === 0) {       // '->' is not a bracket
      return as < 0 ? [name.slice(1, i), null] : [name.slice(1, as), name.slice(as + 4, i)];
    } else if (depth === 1 && name.startsWith(' as ', i)) as = i;
  }
  return [name, null];
}
// Crate of a type or path, or null for primitives, generic parameters, slices, tuples.
function pathCrate(type) {
  const m = type.replace(/^(&(mut )?|\*(const|mut) |dyn )+/, '').match(/^([A-Za-z_]\w*)::/);
  return m ? (GROUP[m[1]] ?? m[1]) : null;
}
function crateOf({ exported, name = exported }) {
  if (exported && !exported.startsWith('__')) return ROOT;   // our #[wasm_bindgen] exports, glue shim included
  if (name === undefined) return 'unnamed';
  name = name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/\[\d+\]$/, '');  // v0 crate hashes; binaryen's [1] dedup suffix
  if (/^__wbindgen|^__externref|shim$|-> Externref$/.test(name)) return WB;
  const drop = name.match(/^core::ptr::drop_in_place(?:::)?<(.*)>(::h[0-9a-f]{16})?$/);
  if (drop) return pathCrate(drop[1]) ?? STD;
  if (name.startsWith('<')) {
    const [self, trait] = qualified(name), selfCrate = pathCrate(self);
    return (selfCrate === null || selfCrate === STD) && trait ? pathCrate(trait) ?? STD : selfCrate ?? STD;
  }
  return pathCrate(name) ?? RT;
}

// ---- build (temp dir; pkg/ untouched) ----
// wasm-opt's flags exactly as setup.sh passes them (passes and --enable-* features).
const optFlags = readFileSync(join(root, 'scripts/setup.sh'), 'utf8')
  .match(/\/wasm-opt((?:\s+(?:\\\n\s*)?-[\w-]+)+)/)?.[1].match(/-[\w-]+/g);
if (!optFlags?.some((f) => f.startsWith('--enable-'))) throw new Error('no wasm-opt flags found in scripts/setup.sh');
const rustWasm = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'wasm32-unknown-unknown/release/callsettle.wasm');
// A page's module, built as scripts/setup.sh builds it (its Cargo feature alone): the calculator
// pages' pkg/callsettle, or the 400-number page's pkg/callsettle_account400.
const feature = process.env.SIZE_MODULE ?? 'calculator';
const shippedName = { calculator: 'callsettle', account400: 'callsettle_account400' }[feature];
if (!shippedName) throw new Error(`SIZE_MODULE: calculator or account400, not ${feature}`);
const cargoBuild = (env) => run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features', '--features', feature], env);
cargoBuild();
if (!hasNames(readFileSync(rustWasm))) cargoBuild({ CARGO_PROFILE_RELEASE_STRIP: 'none' });   // if a profile strips
const tmp = mkdtempSync(join(tmpdir(), 'callsettle-size-'));
let wasm;
try {
  // --out-name as setup.sh: the name is in the wasm (the glue's module name of every import).
  run('wasm-bindgen', ['--target', 'web', '--keep-debug', '--out-dir', tmp, '--out-name', shippedName, rustWasm]);
  run(join(root, 'node_modules/.bin/wasm-opt'), [...optFlags, '--debuginfo',
    join(tmp, `${shippedName}_bg.wasm`), '-o', join(tmp, 'opt.wasm')]);
  wasm = readFileSync(join(tmp, 'opt.wasm'));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (!hasNames(wasm)) throw new Error('the optimised wasm has no name section');
const { funcs, code, data, shipped } = analyse(wasm);

// ---- report ----
const bytes = new Map();
for (const f of funcs) { const c = crateOf(f); bytes.set(c, (bytes.get(c) ?? 0) + f.bytes); }
const codeSize = code.end - code.start, funcSum = funcs.reduce((s, f) => s + f.bytes, 0);
const header = codeSize - funcSum;                      // section id, size and function count
if (header < 0 || header > 11) throw new Error(`code section ${codeSize} vs functions ${funcSum}`);
const fmt = (n) => n.toLocaleString('en-US'), pct = (n) => (100 * n / codeSize).toFixed(1);
const pkgFile = `pkg/${shippedName}_bg.wasm`, pkgPath = join(root, pkgFile);
const pkgNote = !existsSync(pkgPath) ? 'pkg/ not built'
  : readFileSync(pkgPath).equals(shipped) ? `identical to ${pkgFile}`
    : `${pkgFile} differs (${fmt(readFileSync(pkgPath).length)} bytes): stale, rerun scripts/setup.sh`;
const gzip = run('gzip', ['-9', '-c'], {}, shipped).length;
const other = shipped.length - codeSize - (data.end - data.start);

const out = ['| crate | bytes (code) | share of code % |', '|---|---:|---:|'];
for (const [crate, n] of [...bytes].sort((a, b) => b[1] - a[1])) out.push(`| ${crate} | ${fmt(n)} | ${pct(n)} |`);
out.push(`| (code section header) | ${fmt(header)} | ${pct(header)} |`);
out.push(`| **code section** | **${fmt(codeSize)}** | 100.0 |`, '');
out.push(`- data (string literals, tables): ${fmt(data.end - data.start)} bytes`);
out.push(`- other sections (header, types, imports, exports, globals, elements, producers): ${fmt(other)} bytes`);
out.push(`- total wasm, without names: ${fmt(shipped.length)} bytes (${pkgNote}); gzip -9: ${fmt(gzip)} bytes`, '');

// Normal dependencies of the wasm build (proc-macros and their deps run at compile time only).
const tree = (...args) => new Set(run('cargo', ['tree', '--target', 'wasm32-unknown-unknown', '--prefix', 'none', ...args])
  .toString().split('\n').map((l) => l.split(' ')[0]).filter((n) => n && n !== ROOT));
const deps = tree('-e', 'normal,no-proc-macro');
const devOnly = [...tree('-e', 'dev', '--depth', '1')].filter((n) => !deps.has(n));
out.push('| dependency (cargo tree, normal) | bytes (code) |', '|---|---:|');
for (const dep of [...deps].sort()) out.push(`| ${dep} | ${fmt(bytes.get(dep.replace(/-/g, '_')) ?? 0)} |`);
out.push('', `Not in the wasm at all: dev-dependencies ${devOnly.join(', ')}; 0-byte rows above are inlined into`,
  'their callers or unused (serde\'s derived impls for our types count under callsettle).');
console.log(out.join('\n'));
// SIZE_TOP=n also lists the n largest functions (for finding what to cut).
const top = Number(process.env.SIZE_TOP ?? 0);
if (top > 0) {
  console.log('', '| function | crate | bytes |', '|---|---|---:|');
  for (const f of [...funcs].sort((a, b) => b.bytes - a.bytes).slice(0, top)) {
    console.log(`| ${(f.exported ?? f.name ?? '?').slice(0, 150)} | ${crateOf(f)} | ${fmt(f.bytes)} |`);
  }
}
