// Completes pkg/ as an npm-style package after wasm-bindgen: the entry (src/package/index.js and
// index.d.ts) and package.json with the crate's name, version, description and licence.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cargo = readFileSync(`${root}Cargo.toml`, 'utf8');
const field = (name) => new RegExp(`^${name} = "(.*)"$`, 'm').exec(cargo)[1];

for (const file of ['index.js', 'index.d.ts']) copyFileSync(`${root}src/package/${file}`, `${root}pkg/${file}`);
const files = ['index.js', 'index.d.ts', 'callsettle.js', 'callsettle.d.ts', 'callsettle_bg.wasm', 'callsettle_bg.wasm.d.ts'];
const pkg = {
  name: field('name'),
  version: field('version'),
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './callsettle_bg.wasm': './callsettle_bg.wasm',
    './package.json': './package.json',
  },
  files,
  sideEffects: false,
};
writeFileSync(`${root}pkg/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
