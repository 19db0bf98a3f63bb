// The package's entry: wasm-bindgen's declarations (the functions, the JSON types generated from
// the Rust types), with init() and the errors of this entry. Compiles with TypeScript's default
// lib and `--strict`.
import type { InitInput, InitOutput, SyncInitInput, Message, Validation } from './callsettle.js';

export type * from './callsettle.js';
export {
  version, settle, validate, project, holidayCoverage, sweep, solve, compare, capitalAmount, grow,
  checkDeadlines, encodeState, decodeState, outcomeRange, checkPolicy,
} from './callsettle.js';
// The 400-number account's functions: its own module (callsettle_account400_bg.wasm).
export { projectAccount400, validateAccount400 } from './callsettle_account400.js';

/**
 * Loads the modules, in parallel: `module_or_path` is the calculator's URL (default:
 * callsettle_bg.wasm next to this file), a Response, bytes or a WebAssembly.Module; `account400`
 * the 400-number account's (default: callsettle_account400_bg.wasm next to this file), or `false`
 * not to load it (projectAccount400 and validateAccount400 then refuse to run).
 */
export default function init(options?: {
  module_or_path?: InitInput | Promise<InitInput>;
  account400?: InitInput | Promise<InitInput> | false;
}): Promise<InitOutput>;

/** Loads the modules from bytes or compiled WebAssembly.Modules, synchronously: `module` the calculator's, `account400` (optional) the 400-number account's. */
export function initSync(options: { module: SyncInitInput; account400?: SyncInitInput }): InitOutput;

/** Thrown for bad input: every error and warning; `message` is the first error. */
export declare class CallsettleError extends Error {
  constructor(problems: Validation);
  readonly errors: Array<Message>;
  readonly warnings: Array<Message>;
}

/** Whether `e` carries problems (a CallsettleError, or `{ errors, warnings }`). */
export function isProblems(e: unknown): e is Validation;
