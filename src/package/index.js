// The package's entry (copied into pkg/ by the build, next to wasm-bindgen's callsettle.js): the
// module's exports, each refusing to run before init() ("call init() first") and throwing a
// CallsettleError (an Error carrying `errors` and `warnings`) where the module throws its
// problems.
import initModule, * as module from './callsettle.js';

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

/** Loads the module (`{ module_or_path }`: its URL, a Response, bytes or a WebAssembly.Module). */
export default async function init(options) {
  const output = await initModule(options);
  ready = true;
  return output;
}

/** Loads the module from bytes or a compiled WebAssembly.Module (`{ module }`), synchronously. */
export function initSync(options) {
  const output = module.initSync(options);
  ready = true;
  return output;
}

function guarded(f) {
  return (...args) => {
    if (!ready) throw new Error(`callsettle: call init() first (${f.name} was called before the module was loaded)`);
    try {
      return f(...args);
    } catch (e) {
      throw isProblems(e) ? new CallsettleError(e) : e;
    }
  };
}

export const version = guarded(module.version);
export const settle = guarded(module.settle);
export const validate = guarded(module.validate);
export const project = guarded(module.project);
export const holidayCoverage = guarded(module.holidayCoverage);
export const sweep = guarded(module.sweep);
export const solve = guarded(module.solve);
export const compare = guarded(module.compare);
export const projectAccount400 = guarded(module.projectAccount400);
export const validateAccount400 = guarded(module.validateAccount400);
export const capitalAmount = guarded(module.capitalAmount);
export const grow = guarded(module.grow);
export const checkDeadlines = guarded(module.checkDeadlines);
export const encodeState = guarded(module.encodeState);
export const decodeState = guarded(module.decodeState);
export const outcomeRange = guarded(module.outcomeRange);
export const checkPolicy = guarded(module.checkPolicy);
