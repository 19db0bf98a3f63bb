// Completes pkg/ as an npm-style package after wasm-bindgen: the entry (src/package/index.js and
// index.d.ts) and package.json with the crate's name, version, description and licence.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cargo = readFileSync(`${root}Cargo.toml`, 'utf8');
const field = (name) => new RegExp(`^${name} = "(.*)"$`, 'm').exec(cargo)[1];

for (const file of ['index.js', 'index.d.ts']) copyFileSync(`${root}src/package/${file}`, `${root}pkg/${file}`);
// The entry and its two modules: the calculator's and the 400-number account's.
const modules = ['callsettle', 'callsettle_account400'];
const files = ['index.js', 'index.d.ts', ...modules.flatMap((m) => [`${m}.js`, `${m}.d.ts`, `${m}_bg.wasm`, `${m}_bg.wasm.d.ts`])];
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
    ...Object.fromEntries(modules.map((m) => [`./${m}_bg.wasm`, `./${m}_bg.wasm`])),
    './package.json': './package.json',
  },
  files,
  sideEffects: false,
};
writeFileSync(`${root}pkg/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
