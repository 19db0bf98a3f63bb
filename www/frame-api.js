// The calculator page's iframe message API (docs/rules.md, "Embedding": the message protocol).
// A portal that frames the page talks to it with postMessage:
//
//   { type: "callsettle.settle", id, scenario } → { type: "callsettle.result", id, result }
//                                                or { type: "callsettle.error", id, errors, warnings }
//   { type: "callsettle.show", id, scenario }   → the scenario on the page, then the same answer
//                                                for the scenario as the page shows it
//   { type: "callsettle.policy", id, policy }   → the deal policy of the page (as the portal's,
//                                                not kept), then { type: "callsettle.result", id,
//                                                result: checkPolicy of the page's scenario } or
//                                                callsettle.error (a policy with problems is not
//                                                taken; the page's scenario's errors come back too)
//   and, once the page is ready, { type: "callsettle.ready" } to its parent.
//
// Requests are answered only when `event.origin` is this page's own origin or is on the
// deployer's allow-list, `embed-origins.json` next to the page (a JSON array of exact origins; the
// same file the server turns into `frame-ancestors`; absent or malformed: own origin only). It is
// read once, when the first message from another origin arrives or the framed page announces
// itself. Each answer goes to `event.source` for `event.origin` only, never to "*". Messages from
// other origins get no answer at all. A message of the wrong shape gets `callsettle.error` with
// the path in the message and a stable code (texts in Chinese and English below); nothing a
// message holds can throw out of the handler, and nothing it holds is ever parsed as markup.

import { checkPolicy, settle } from '../pkg/callsettle.js';

/** A message's scenario or policy, as JSON text, may be this long (a 600-month plan is ~150 KB). */
const MAX_JSON_CHARS = 1_000_000;
/** A request id is echoed in the answer: a string up to this length, or a finite number. */
const MAX_ID_CHARS = 200;

/** Types this page sends; a message of these types is never answered (no echo loops). */
const OWN = new Set(['callsettle.ready', 'callsettle.result', 'callsettle.error']);

const TEXT = {
  zh: {
    wrong_type_message: '消息应为对象 { type, id, … }',
    required_type: '消息缺少 type',
    unknown_message_type: '不支持的消息类型：{type}（支持 callsettle.settle、callsettle.show、callsettle.policy）',
    wrong_type_id: 'id 应为字符串（至多 200 个字符）或数字',
    required_scenario: '消息缺少 scenario',
    wrong_type_scenario: 'scenario 应为 { terms: {…}, months: [{…}, …] }（可写成 JSON 的值）',
    too_large_scenario: 'scenario 过大（JSON 超过 100 万个字符）',
    required_policy: '消息缺少 policy',
    wrong_type_policy: 'policy 应为报价政策文件的对象 { name, version, terms, outcomes }（可写成 JSON 的值）',
    too_large_policy: 'policy 过大（JSON 超过 100 万个字符）',
    unexpected: '计算出错：{msg}',
  },
  en: {
    wrong_type_message: 'The message must be an object { type, id, … }',
    required_type: 'The message has no type',
    unknown_message_type: 'Unknown message type: {type} (supported: callsettle.settle, callsettle.show, callsettle.policy)',
    wrong_type_id: 'id must be a string (at most 200 characters) or a number',
    required_scenario: 'The message has no scenario',
    wrong_type_scenario: 'scenario must be { terms: {…}, months: [{…}, …] } (a value JSON can hold)',
    too_large_scenario: 'scenario is too large (over 1,000,000 characters of JSON)',
    required_policy: 'The message has no policy',
    wrong_type_policy: 'policy must be a deal-policy document { name, version, terms, outcomes } (a value JSON can hold)',
    too_large_policy: 'policy is too large (over 1,000,000 characters of JSON)',
    unexpected: 'The calculation failed: {msg}',
  },
};

/** One problem of a message: `{ path, code, severity, message_zh, message_en }`. */
function problem(path, code, key, params = {}) {
  const fill = (text) => text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? params[name] : m));
  return { path, code, severity: 'error', message_zh: fill(TEXT.zh[key]), message_en: fill(TEXT.en[key]) };
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value shown in a message text: at most 40 characters of it. */
const shown = (v) => {
  const text = typeof v === 'string' ? v : typeof v;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** The module's thrown `{ errors, warnings }`, or anything else as one `unexpected` error. */
function problemsOf(thrown) {
  if (isObject(thrown) && Array.isArray(thrown.errors)) return { errors: thrown.errors, warnings: thrown.warnings ?? [] };
  return { errors: [problem('', 'unexpected', 'unexpected', { msg: shown(String(thrown?.message ?? thrown)) })], warnings: [] };
}

/** The settle answer's fields for `scenario`: `{ result }`, or `{ errors, warnings }`. */
function settled(scenario) {
  try {
    return { type: 'callsettle.result', result: settle(scenario) };
  } catch (thrown) {
    return { type: 'callsettle.error', ...problemsOf(thrown) };
  }
}

/**
 * The message's `key` (scenario, policy) checked for presence and size: `{ text }`, its JSON text
 * (undefined when the host cannot write it as JSON), or `{ error }`.
 */
function sized(message, key) {
  if (!Object.hasOwn(message, key) || message[key] == null) return { error: problem(key, 'required', `required_${key}`) };
  let text;
  try {
    text = JSON.stringify(message[key]);
  } catch {
    text = undefined; // a BigInt, a cycle, nesting too deep for the host: the module says which
  }
  if (text !== undefined && text.length > MAX_JSON_CHARS) return { error: problem(key, 'too_large', `too_large_${key}`) };
  return { text };
}

/**
 * The message's scenario checked for size (its JSON text) and, with `copy`, as a plain-data copy
 * of a `{ terms, months }` object (what the page can show); or `{ error }`.
 */
function scenarioOf(message, { copy }) {
  const { text, error } = sized(message, 'scenario');
  if (error) return { error };
  if (!copy) return { scenario: message.scenario };
  const plain = text === undefined ? null : JSON.parse(text);
  if (!isObject(plain) || !isObject(plain.terms) || !Array.isArray(plain.months) || plain.months.length === 0 || !plain.months.every(isObject)) {
    return { error: problem('scenario', 'wrong_type', 'wrong_type_scenario') };
  }
  return { scenario: { terms: plain.terms, months: plain.months } };
}

/**
 * The message's policy as a plain-data copy of an object (what the page keeps and checks
 * against; the module reads its fields), or `{ error }`.
 */
function policyOf(message) {
  const { text, error } = sized(message, 'policy');
  if (error) return { error };
  const plain = text === undefined ? null : JSON.parse(text);
  return isObject(plain) ? { policy: plain } : { error: problem('policy', 'wrong_type', 'wrong_type_policy') };
}

/**
 * The policy request: `policy` checked (checkPolicy) against the scenario the page shows. The
 * page takes it (page.setPolicy, as the portal's policy) unless the module finds a problem in it
 * (paths `policy…`): then the page keeps the policy it had. The answer is the check, or the
 * module's errors (the policy's, and the page's scenario's while one of its inputs is wrong).
 */
function policyAnswer(message, page) {
  const { policy, error } = policyOf(message);
  if (error) return { type: 'callsettle.error', errors: [error], warnings: [] };
  try {
    const result = checkPolicy(page.scenario(), policy);
    page.setPolicy(policy);
    return { type: 'callsettle.result', result };
  } catch (thrown) {
    if (Array.isArray(thrown?.errors) && !thrown.errors.some((e) => String(e.path).startsWith('policy'))) page.setPolicy(policy);
    return { type: 'callsettle.error', ...problemsOf(thrown) };
  }
}

/** The requests, by type: each takes the message and the page's hooks and gives the answer's fields. */
const REQUESTS = {
  'callsettle.settle': (message) => {
    const { scenario, error } = scenarioOf(message, { copy: false });
    return error ? { type: 'callsettle.error', errors: [error], warnings: [] } : settled(scenario);
  },
  'callsettle.show': (message, page) => {
    const { scenario, error } = scenarioOf(message, { copy: true });
    return error ? { type: 'callsettle.error', errors: [error], warnings: [] } : settled(page.show(scenario));
  },
  'callsettle.policy': policyAnswer,
};

/** The answer to `message` (any value a portal posted), never thrown. */
function answer(message, page) {
  if (!isObject(message)) return { type: 'callsettle.error', id: null, errors: [problem('', 'wrong_type', 'wrong_type_message')], warnings: [] };
  const { id, type } = message;
  const idOk = id === undefined || (typeof id === 'string' && id.length <= MAX_ID_CHARS) || (typeof id === 'number' && Number.isFinite(id));
  const replyId = idOk ? (id ?? null) : null;
  const refuse = (error) => ({ type: 'callsettle.error', id: replyId, errors: [error], warnings: [] });
  if (!idOk) return refuse(problem('id', 'wrong_type', 'wrong_type_id'));
  if (type === undefined || type === null) return refuse(problem('type', 'required', 'required_type'));
  const request = typeof type === 'string' && Object.hasOwn(REQUESTS, type) ? REQUESTS[type] : null;
  if (!request) return refuse(problem('type', 'unknown_message_type', 'unknown_message_type', { type: shown(type) }));
  try {
    const { type: replyType, ...fields } = request(message, page);
    return { type: replyType, id: replyId, ...fields };
  } catch (thrown) {
    return { type: 'callsettle.error', id: replyId, ...problemsOf(thrown) };
  }
}

/** An allow-list as read from embed-origins.json: exact http(s) origins, else nothing at all. */
function originsFrom(list) {
  const exact = (o) => {
    try {
      const url = new URL(o);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === o;
    } catch {
      return false;
    }
  };
  return Array.isArray(list) && list.every((o) => typeof o === 'string' && exact(o)) ? list : [];
}

let origins = null;

/** The deployer's allow-list (read once; absent, unreadable or malformed: []). */
function allowList() {
  origins ??= fetch(new URL('embed-origins.json', import.meta.url), { cache: 'no-cache', credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : []))
    .then(originsFrom, () => []);
  return origins;
}

/** Whether messages from `origin` are answered: the page's own origin, or one on the list. */
function allowed(origin) {
  // An opaque origin ("null": a sandboxed frame, a file) is never answered: it names no one.
  if (origin === 'null') return Promise.resolve(false);
  if (origin === location.origin) return Promise.resolve(true);
  return allowList().then((list) => list.includes(origin));
}

/**
 * Tells the parent (when framed) that the page is ready: to the parent's origin when the browser
 * says which it is (`location.ancestorOrigins`) and it is allowed, else to each allowed origin
 * (the browser delivers it only to the one the parent has).
 */
async function announce() {
  if (window.parent === window) return;
  const list = await allowList();
  const parentOrigin = location.ancestorOrigins?.[0];
  const targets = parentOrigin === undefined
    ? [location.origin, ...list]
    : [parentOrigin].filter((o) => o === location.origin || list.includes(o));
  // (A sandboxed page's own origin is "null", which is no target: it announces nothing.)
  for (const origin of targets) if (origin !== 'null') window.parent.postMessage({ type: 'callsettle.ready' }, origin);
}

/**
 * Answers the portal's messages from now on (the module is loaded), and says so to the parent.
 * `page.show(scenario)` puts a scenario on the page and returns the scenario the page then shows;
 * `page.scenario()` is the scenario the page shows; `page.setPolicy(doc)` makes `doc` the page's
 * deal policy (policy.js PolicyView.set: the portal's, not kept on the device).
 */
export function answerFrames(page) {
  addEventListener('message', (event) => {
    const { data, origin, source } = event;
    if (!source || typeof source.postMessage !== 'function') return;
    if (isObject(data) && OWN.has(data.type)) return;
    allowed(origin).then((ok) => {
      if (ok) source.postMessage(answer(data, page), origin);
    });
  });
  announce();
}
