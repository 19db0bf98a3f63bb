// The JS half of the WASM boundary (imported by src/wasm.rs; wasm-bindgen copies it into pkg/).
//
// toJson: the scenario crosses into WASM as one JSON text. Non-finite numbers and BigInts
// become strings so that they are reported as "not a number" rather than read as null; values
// JSON cannot hold (cycles) give undefined, which the binding reports as an error.
//
// decode: results come back as a tape (see src/tape.rs): 32-bit ops and the UTF-8 of one string
// holding every dynamic string back to back, both read in place from WASM memory. Names (field
// names, labels, enum values) are sent once and kept in `names` for the life of the module; dynamic
// strings recently sent are kept in `cache`, which mirrors the WASM side's.

function replacer(_key, value) {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

// The replacer costs a call per key, so it runs only when the plain text may need it: a number
// JSON cannot write (NaN, ±Infinity) comes out as `null`, and a BigInt throws. A text without
// `null` is the same with the replacer or without.
function toJson(value) {
  try {
    const text = JSON.stringify(value);
    if (text === undefined || !text.includes('null')) return text;
  } catch {
    // a BigInt, or a value JSON cannot hold (the replacer fails the same way)
  }
  try {
    return JSON.stringify(value, replacer);
  } catch {
    return undefined;
  }
}

// WASM memory, and views of all of it: made again only when the memory grew (which detaches the
// buffer they view), not a view per call.
let memory;
let u8 = new Uint8Array(0);
let u32 = new Uint32Array(0);

export function useMemory(wasmMemory) {
  memory = wasmMemory;
}

function views() {
  if (u8.byteLength === 0) {
    u8 = new Uint8Array(memory.buffer);
    u32 = new Uint32Array(memory.buffer);
  }
}

// writeJson: the JSON text goes straight into the buffer of `cap` bytes at `at` in WASM memory (no
// copy through the glue's string passing). A text too long for the buffer is kept for the call
// that follows with a bigger one.
const encoder = new TextEncoder();
let waiting;
let waitingFor;

export function writeJson(value, at, cap) {
  const text = waitingFor === value && waiting !== undefined ? waiting : toJson(value);
  waiting = undefined;
  waitingFor = undefined;
  if (text === undefined) return -1;
  views();
  // ASCII byte by byte: a plain loop, several times cheaper than a call of Chromium's
  // TextEncoder (about 1.8 µs a call on the reference machine) for a scenario's few hundred
  // characters; the rest, from the first other character, with encodeInto.
  const n = Math.min(text.length, cap);
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) break;
    u8[at + i] = c;
  }
  if (i === text.length) return i;
  if (i === n) return tooSmall(text, value);
  const { read, written } = encoder.encodeInto(text.slice(i), u8.subarray(at + i, at + cap));
  if (i + read === text.length) return i + written;
  return tooSmall(text, value);
}

// The text is kept for the call that follows with a buffer of the size returned.
function tooSmall(text, value) {
  waiting = text;
  waitingFor = value;
  return -2 - text.length * 3;
}

// The tape's text as a JS string. Short texts (a bill: a few hundred bytes) are decoded here:
// Chromium's TextDecoder costs about 2 µs a call on the reference machine, the loop a fraction of
// that; long ones (sweeps, long plans) by TextDecoder, which is faster per byte. The text is the
// UTF-8 of a Rust string, so it is valid.
const decoder = new TextDecoder();
const codes = [];
function utf8(bytes, start, end) {
  if (end - start > 4096) return decoder.decode(bytes.subarray(start, end));
  codes.length = 0;
  for (let i = start; i < end;) {
    const b = bytes[i++];
    if (b < 0x80) {
      codes.push(b);
    } else if (b < 0xe0) {
      codes.push(((b & 0x1f) << 6) | (bytes[i++] & 0x3f));
    } else if (b < 0xf0) {
      codes.push(((b & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f));
    } else {
      const c = (((b & 0x07) << 18) | ((bytes[i++] & 0x3f) << 12) | ((bytes[i++] & 0x3f) << 6)
        | (bytes[i++] & 0x3f)) - 0x10000;
      codes.push(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    }
  }
  return String.fromCharCode.apply(null, codes);
}

// Names by index, and for a struct name the function that builds that struct (or undefined).
const names = [];
const builders = [];
// The string cache: CACHE_SLOTS in src/tape.rs.
const cache = new Array(1024).fill('');
// The tape being read (its ops in `u32`, from index `at`), and where in its text.
let text;
let at = 0;
let pos = 0;
// The key of the value `next` read last (generic objects and maps).
let key;

// The result structs, built as object literals: V8 gives every object of a struct one hidden class
// from the literal instead of growing it key by key (settle's bill: ~3× faster than the generic
// loop). The WASM side asks `buildsLiteral` once per struct name and then sends these structs'
// fields by position, without their names. Fields in the order the Rust struct declares them;
// `end` checks nothing is left over, and tests/node/boundary.test.mjs checks the objects against
// serde-wasm-bindgen's for every golden case.
const SHAPES = Object.assign(Object.create(null), {
  SettleResult: () => ({ months: next(), total: next(), warnings: next() }),
  MonthBill: () => ({
    month: next(), lines: next(), total: next(), successes: next(), target_successes: next(),
    shortfall: next(), billable_volume: next(), schedule: next(), warnings: next(),
  }),
  Line: () => ({
    key: next(), clause: next(), label_zh: next(), label_en: next(), formula: next(),
    expression: next(), inputs: next(), exact: next(), rounding: next(), amount: next(),
  }),
  Schedule: () => ({ report_due: next(), confirm_by: next(), invoice_by: next(), payment_due: next() }),
});

export function buildsLiteral(name) {
  return SHAPES[name] !== undefined;
}

function end() {
  if ((u32[at++] & 15) !== 2) throw new Error('callsettle: tape does not match the result shape');
}

// Reads one value (with its key, if any, into `key`).
function next() {
  let op;
  let tag;
  let k;
  let wide = -1; // an arg sent as WIDE
  let store = -1; // the cache slot of the TEXT that follows
  for (;;) {
    op = u32[at++];
    tag = op & 15;
    if (tag === 12) { // WIDE
      wide = op >>> 4;
    } else if (tag === 14) { // STORE
      store = op >>> 4;
    } else if (tag === 9) { // DEFINE_NAME
      const name = text.slice(pos, pos += wide >= 0 ? wide : op >>> 16);
      wide = -1;
      names.push(name);
      builders.push(SHAPES[name]);
    } else if (tag === 11) { // KEY_TEXT
      k = text.slice(pos, pos += op >>> 4);
    } else if (tag === 13) { // KEY_WIDE
      k = names[op >>> 4];
    } else {
      break;
    }
  }
  const arg = wide >= 0 ? wide : op >>> 16;
  const keyField = (op >>> 4) & 0xfff;
  if (keyField !== 0) k = names[keyField - 1];
  let value;
  switch (tag) {
    case 0: { // OBJECT; arg = 1 + the struct name's index, 0 for a map
      const build = arg !== 0 ? builders[arg - 1] : undefined;
      if (build !== undefined) {
        value = build();
        end();
      } else {
        value = {};
        while ((u32[at] & 15) !== 2) {
          const v = next();
          value[key] = v;
        }
        at++;
      }
      break;
    }
    case 1: // ARRAY
      value = [];
      while ((u32[at] & 15) !== 2) value.push(next());
      at++;
      break;
    case 3: // TEXT
      value = text.slice(pos, pos += arg);
      if (store >= 0) cache[store] = value;
      break;
    case 15: value = cache[arg]; break; // CACHED
    case 4: value = names[arg]; break; // NAME
    case 5: value = arg; break; // UINT
    case 6: value = null; break;
    case 7: value = true; break;
    case 8: value = false; break;
    case 10: value = Number(text.slice(pos, pos += arg)); break; // NUMBER
    default: throw new Error(`callsettle: unexpected tape op ${tag}`);
  }
  key = k;
  return value;
}

// The tape's ops are the `opsLen` u32 at byte `opsAt` of WASM memory, its text the `textLen` bytes
// at `textAt`; `reset`: empty the name table and the cache first (the WASM side emptied its own).
export function decode(opsAt, opsLen, textAt, textLen, reset) {
  if (reset) {
    names.length = 0;
    builders.length = 0;
    cache.fill('');
  }
  views();
  text = textLen === 0 ? '' : utf8(u8, textAt, textAt + textLen);
  at = opsAt >>> 2;
  pos = 0;
  const value = next();
  if (at !== (opsAt >>> 2) + opsLen) throw new Error('callsettle: tape not fully read');
  text = undefined;
  return value;
}
