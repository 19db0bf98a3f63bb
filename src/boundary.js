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

export function toJson(value) {
  try {
    return JSON.stringify(value, replacer);
  } catch {
    return undefined;
  }
}

const names = [];

export function decode(ops, text) {
  const stack = [];
  const keys = [];
  let cur = null;
  let key;
  let pos = 0;
  let root;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const arg = op >>> 4;
    let value;
    switch (op & 15) {
      case 0: // OBJECT
      case 1: // ARRAY
        stack.push(cur);
        keys.push(key);
        cur = (op & 15) === 0 ? {} : [];
        continue;
      case 2: // END
        value = cur;
        cur = stack.pop();
        key = keys.pop();
        break;
      case 3: key = names[arg]; continue; // KEY_NAME
      case 4: key = text.slice(pos, pos += arg); continue; // KEY_TEXT
      case 5: value = text.slice(pos, pos += arg); break; // TEXT
      case 6: value = names[arg]; break; // NAME
      case 7: value = arg; break; // UINT
      case 8: value = null; break;
      case 9: value = true; break;
      case 10: value = false; break;
      case 11: names.push(text.slice(pos, pos += arg)); continue; // DEFINE_NAME
      case 12: value = Number(text.slice(pos, pos += arg)); break; // NUMBER
      default: throw new Error(`callsettle: unknown tape op ${op & 15}`);
    }
    if (cur === null) root = value;
    else if (Array.isArray(cur)) cur.push(value);
    else cur[key] = value;
  }
  return root;
}
