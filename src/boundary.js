// The JS half of the WASM boundary (imported by src/wasm.rs; wasm-bindgen copies it into pkg/).
//
// toJson: the scenario crosses into WASM as one JSON string. Non-finite numbers and BigInts
// become strings so that they are reported as "not a number" rather than read as null; values
// JSON cannot hold (cycles) give undefined, which the binding reports as an error.
//
// decode: results come back as a tape (see src/tape.rs): a Uint32Array of ops and one string
// holding every dynamic string back to back. Names (field names, labels, enum values) are
// sent once and kept in `names` for the life of the module.

function replacer(_key, value) {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

// Whether `value` holds a number JSON cannot write (NaN, ±Infinity, BigInt). A plain walk is much
// cheaper than a replacer, which costs a call per key; the replacer runs only when needed.
function needsReplacer(value, depth) {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (needsReplacer(value[i], depth + 1)) return true;
    return false;
  }
  for (const key in value) if (needsReplacer(value[key], depth + 1)) return true;
  return false;
}

export function toJson(value) {
  try {
    return needsReplacer(value, 0) ? JSON.stringify(value, replacer) : JSON.stringify(value);
  } catch {
    return undefined;
  }
}

const names = [];

export function decode(ops, text) {
  const stack = [];
  const keys = [];
  let cur = null;
  let pos = 0;
  let root;
  let pending; // a key sent as KEY_TEXT or KEY_WIDE
  let wide = -1; // an arg sent as WIDE
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const tag = op & 15;
    let arg = op >>> 16;
    if (wide >= 0) {
      arg = wide;
      wide = -1;
    }
    const k = (op >>> 4) & 0xfff;
    let key = pending;
    if (k !== 0) key = names[k - 1];
    let value;
    switch (tag) {
      case 0: // OBJECT
      case 1: // ARRAY
        stack.push(cur);
        keys.push(key);
        pending = undefined;
        cur = tag === 0 ? {} : [];
        continue;
      case 2: // END
        value = cur;
        cur = stack.pop();
        key = keys.pop();
        break;
      case 3: value = text.slice(pos, pos += arg); break; // TEXT
      case 4: value = names[arg]; break; // NAME
      case 5: value = arg; break; // UINT
      case 6: value = null; break;
      case 7: value = true; break;
      case 8: value = false; break;
      case 9: names.push(text.slice(pos, pos += arg)); continue; // DEFINE_NAME
      case 10: value = Number(text.slice(pos, pos += arg)); break; // NUMBER
      case 11: pending = text.slice(pos, pos += op >>> 4); continue; // KEY_TEXT
      case 12: wide = op >>> 4; continue; // WIDE
      case 13: pending = names[op >>> 4]; continue; // KEY_WIDE
      default: throw new Error(`callsettle: unknown tape op ${tag}`);
    }
    pending = undefined;
    if (cur === null) root = value;
    else if (key === undefined) cur.push(value);
    else cur[key] = value;
  }
  return root;
}
