// The package's entry (copied into pkg/ by the build, next to wasm-bindgen's modules): every
// function of the two modules, each refusing to run before its module is loaded ("call init()
// first") and throwing a CallsettleError (an Error carrying `errors` and `warnings`) where the
// module throws its problems. The calculator's functions are in callsettle.js (its wasm
// callsettle_bg.wasm), the 400-number account's in callsettle_account400.js (its own wasm, so that
// neither page loads the other's code); version, capitalAmount, encodeState and decodeState are in
// both and come from the calculator's.
import initCalculator, * as calculator from './callsettle.js';
import initAccount400, * as account400 from './callsettle_account400.js';

/** Bad input: `errors` and `warnings` as the module reports them, `message` the first error. */
export class CallsettleError extends Error {
  constructor({ errors, warnings }) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
    super(first ? `${first.path || '(input)'}: ${first.code}: ${first.message_en}${more}` : 'callsettle: invalid input');
    this.name = 'CallsettleError';
    this.errors = errors;
    this.warnings = warnings;
  }
}

/** Whether `e` carries problems: a CallsettleError, or the module's thrown `{ errors, warnings }`. */
export function isProblems(e) {
  return typeof e === 'object' && e !== null && Array.isArray(e.errors) && Array.isArray(e.warnings);
}

let ready = false;
let ready400 = false;

/**
 * Loads the modules, in parallel: `module_or_path` is the calculator's (its URL, a Response, bytes
 * or a WebAssembly.Module; default: callsettle_bg.wasm next to this file), `account400` the
 * 400-number account's in the same forms (default: callsettle_account400_bg.wasm next to this
 * file), or `false` not to load it (projectAccount400 and validateAccount400 then refuse to run).
 */
export default async function init({ module_or_path, account400: module400 } = {}) {
  const [output] = await Promise.all([
    initCalculator({ module_or_path }).then((out) => { ready = true; return out; }),
    module400 === false ? null : initAccount400({ module_or_path: module400 }).then(() => { ready400 = true; }),
  ]);
  return output;
}

/** Loads the modules from bytes or compiled WebAssembly.Modules, synchronously: `module` the
 *  calculator's, `account400` (optional) the 400-number account's. */
export function initSync({ module, account400: module400 }) {
  const output = calculator.initSync({ module });
  ready = true;
  if (module400 !== undefined) {
    account400.initSync({ module: module400 });
    ready400 = true;
  }
  return output;
}

function guarded(f, loaded = () => ready) {
  return (...args) => {
    if (!loaded()) throw new Error(`callsettle: call init() first (${f.name} was called before its module was loaded)`);
    try {
      return f(...args);
    } catch (e) {
      throw isProblems(e) ? new CallsettleError(e) : e;
    }
  };
}

export const version = guarded(calculator.version);
export const settle = guarded(calculator.settle);
export const validate = guarded(calculator.validate);
export const project = guarded(calculator.project);
export const holidayCoverage = guarded(calculator.holidayCoverage);
export const sweep = guarded(calculator.sweep);
export const solve = guarded(calculator.solve);
export const compare = guarded(calculator.compare);
export const projectAccount400 = guarded(account400.projectAccount400, () => ready400);
export const validateAccount400 = guarded(account400.validateAccount400, () => ready400);
export const capitalAmount = guarded(calculator.capitalAmount);
export const grow = guarded(calculator.grow);
export const checkDeadlines = guarded(calculator.checkDeadlines);
export const encodeState = guarded(calculator.encodeState);
export const decodeState = guarded(calculator.decodeState);
export const outcomeRange = guarded(calculator.outcomeRange);
export const checkPolicy = guarded(calculator.checkPolicy);
