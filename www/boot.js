// Starts fetching and compiling the WASM module as soon as the page's <head> is read, in parallel
// with the parsing, the styles and the loading of the page's scripts, instead of when the page's
// module runs. Each page loads this file first (`<script type="module" async src="boot.js">`, a
// tiny file with no imports, so it runs as soon as it arrives) and imports it again from its own
// module, which gets the same instance: `await load(init)` in place of `await init()`.
//
// The wasm is the one the page preloads (`<link rel="preload" type="application/wasm">`, placed
// before this script, so it is in the document when this runs): each page names its own module
// there (pkg/callsettle_bg.wasm, pkg/callsettle_account400_bg.wasm) and nowhere else.
//
// Any failure here (no such link, no WebAssembly.compileStreaming, a server that does not send
// application/wasm, …) falls back to wasm-bindgen's own loading, which reports the error.

const WASM = document.querySelector('link[rel="preload"][type="application/wasm"]')?.href;

let compiled = null;
try {
  if (WASM) {
    compiled = WebAssembly.compileStreaming(fetch(WASM));
    compiled.catch(() => {}); // handled in load()
  }
} catch {
  compiled = null;
}

/**
 * Initialises the wasm-bindgen module `init` (the default export of the page's pkg/….js) with the
 * module compiled above, or lets it fetch and compile the file itself if that failed.
 */
export function load(init) {
  if (!compiled) return init();
  return compiled.then(
    (module) => init({ module_or_path: module }),
    () => init(),
  );
}
