// The package's entry: wasm-bindgen's declarations (the functions, the JSON types generated from
// the Rust types), with init() and the errors of this entry. Compiles with TypeScript's default
// lib and `--strict`.
import type { InitInput, InitOutput, SyncInitInput, Message, Validation } from './callsettle.js';

export type * from './callsettle.js';
export {
  version, settle, validate, project, holidayCoverage, sweep, solve, compare, projectAccount400,
  validateAccount400, capitalAmount, grow, checkDeadlines, encodeState, decodeState, outcomeRange,
  checkPolicy,
} from './callsettle.js';

/** Loads the module: `{ module_or_path }` is its URL (default: callsettle_bg.wasm next to this file), a Response, bytes or a WebAssembly.Module. */
export default function init(options?: { module_or_path: InitInput | Promise<InitInput> }): Promise<InitOutput>;

/** Loads the module from bytes or a compiled WebAssembly.Module, synchronously. */
export function initSync(options: { module: SyncInitInput }): InitOutput;

/** Thrown for bad input: every error and warning; `message` is the first error. */
export declare class CallsettleError extends Error {
  constructor(problems: Validation);
  readonly errors: Array<Message>;
  readonly warnings: Array<Message>;
}

/** Whether `e` carries problems (a CallsettleError, or `{ errors, warnings }`). */
export function isProblems(e: unknown): e is Validation;
