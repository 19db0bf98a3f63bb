// The import benchmark's baseline (bench/import.mjs): PapaParse 5 parsing a File in a worker, in
// chunks of the given size, parse only (the rows of each chunk are counted and dropped).
importScripts('/vendor/papaparse.min.js');

// PapaParse sets onmessage when loaded in a worker (its own worker mode); this benchmark drives it.
onmessage = ({ data: { file, chunkSize } }) => {
  const t0 = performance.now();
  let rows = 0;
  Papa.parse(file, {
    chunkSize,
    chunk: (results) => {
      rows += results.data.length;
    },
    complete: () => postMessage({ ms: performance.now() - t0, rows }),
    error: (e) => postMessage({ error: String(e) }),
  });
};
