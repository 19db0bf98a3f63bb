// The service worker's file list (www/sw.js imports it as offline-files.js): every file the
// pages may load, relative to www/, and a version that changes whenever any of them does (docs/
// rules.md, "Embedding": offline and installable). Generated, never written by hand: the build
// (scripts/setup.sh, build_pkg) writes www/offline-files.js for deployment, and the bundled
// server (scripts/serve.mjs) answers that path with a list made afresh from the files it serves.
//
// Listed: "./" (the calculator, as the directory's address), every file under www/ except the
// worker, this list and the deployer's allow-list; and the module files in pkg/ (the .js and
// .wasm, not the TypeScript declarations or package.json) as "../pkg/…". The version is a hash of
// every listed file's name and bytes and of www/embed-origins.json (when present): the server
// puts the allow-list into the pages' frame-ancestors header, which the cache keeps.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const NOT_LISTED = new Set(['sw.js', 'offline-files.js', 'embed-origins.json']);

/** The files under `dir` (relative paths with "/"), in order; dot files left out. */
function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path, base) : [relative(base, path).split(sep).join('/')];
    })
    .sort();
}

/** `{ version, files }` for the pages in `www` and the module in `pkg` (paths from www/). */
export function offlineFiles({ www = join(repo, 'www'), pkg = join(repo, 'pkg') } = {}) {
  const pages = walk(www).filter((f) => !NOT_LISTED.has(f));
  const module = walk(pkg).filter((f) => /\.(js|wasm)$/.test(f) && !f.endsWith('.d.ts'));
  const hash = createHash('sha256');
  const add = (name, file) => {
    const bytes = readFileSync(file);
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  };
  for (const f of pages) add(f, join(www, f));
  for (const f of module) add(`../pkg/${f}`, join(pkg, f));
  try {
    hash.update('embed-origins.json\0').update(readFileSync(join(www, 'embed-origins.json')));
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  return { version: hash.digest('hex').slice(0, 16), files: ['./', ...pages, ...module.map((f) => `../pkg/${f}`)] };
}

/** The text of offline-files.js. */
export function offlineScript(dirs) {
  return `// Written by scripts/offline.mjs (the build): the service worker's file list. Do not edit.\nself.CALLSETTLE_OFFLINE = ${JSON.stringify(offlineFiles(dirs), null, 1)};\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(repo, 'www', 'offline-files.js');
  writeFileSync(out, offlineScript());
  const { version, files } = offlineFiles();
  console.log(`${relative(repo, out)}: version ${version}, ${files.length} files`);
}
