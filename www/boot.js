// Starts fetching and compiling the WASM module as soon as the page's <head> is read, in parallel
// with the parsing, the styles and the loading of the page's scripts, instead of when the page's
// module runs. Each page loads this file first (`<script type="module" async src="boot.js">`, a
// tiny file with no imports, so it runs as soon as it arrives) and imports it again from its own
// module, which gets the same instance: `await load(init)` in place of `await init()`.
//
// Any failure here (no WebAssembly.compileStreaming, a server that does not send
// application/wasm, …) falls back to wasm-bindgen's own loading, which reports the error.

const WASM = new URL('../pkg/callsettle_bg.wasm', import.meta.url);

let compiled = null;
try {
  compiled = WebAssembly.compileStreaming(fetch(WASM));
  compiled.catch(() => {}); // handled in load()
} catch {
  compiled = null;
}

/**
 * Initialises the wasm-bindgen module `init` (the default export of pkg/callsettle.js) with the
 * module compiled above, or lets it fetch and compile the file itself if that failed.
 */
export function load(init) {
  if (!compiled) return init();
  return compiled.then(
    (module) => init({ module_or_path: module }),
    () => init(),
  );
}
