// The page kit shared by the three pages (calculator, what-if, 400-number account) and any script
// they add: the element helper, the catalogs and the language switch, errors placed at their
// field, amounts shown one way, deferred chart drawing, and the page state kept on the device
// (localStorage) and in the URL (`#s=` + the module's share-link encoding). No network use.
//
// Number display: amounts from the module ("-1234567.80") are shown with thousands separators
// and an ASCII minus ("-1,234,567.80"), negatives marked with the class `neg` (one colour); the
// exact text stays in `data-value`. Inputs accept the separators too (the module reads them).

import { common } from './i18n-common.js';

export const LANGS = ['zh', 'en'];
const LANG_KEY = 'callsettle.lang';

// ---------------------------------------------------------------------------------------------
// Elements

/** `<tag attrs…>children</tag>`: `class`, `text` (textContent), other attributes; null skipped. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** "months[0].volume" → ["months", 0, "volume"]. */
function pathKeys(path) {
  return path.match(/[^.[\]]+/g).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/** Sets `obj` at a JSON path (`terms.unit_price`, `top_ups[2].amount`); undefined deletes. */
export function setPath(obj, path, value) {
  const keys = pathKeys(path);
  let at = obj;
  keys.forEach((k, i) => {
    if (i < keys.length - 1) at = at[k] ??= typeof keys[i + 1] === 'number' ? [] : {};
    else if (value === undefined) delete at[k];
    else at[k] = value;
  });
}

/** The value of `obj` at a JSON path, or undefined. */
export function getPath(obj, path) {
  let at = obj;
  for (const k of pathKeys(path)) {
    if (at == null) return undefined;
    at = at[k];
  }
  return at;
}

// ---------------------------------------------------------------------------------------------
// Text

/**
 * The `t(lang, key, params)` of a page: its own catalog, then the shared one (labels on more than
 * one page live there only, so a field has one name everywhere); `{name}` filled from params.
 */
export function translator(own) {
  return (lang, key, params = {}) => {
    const text = own[lang]?.[key] ?? common[lang]?.[key] ?? own.zh?.[key] ?? common.zh[key] ?? key;
    if (typeof text !== 'string') return text;
    return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  };
}

/** The language saved on this device, or null. */
export function savedLang() {
  const v = load(LANG_KEY);
  return LANGS.includes(v) ? v : null;
}

/** Writes the page's static text in `lang`: `data-i18n` (text), `-aria`, `-placeholder`, `-title`. */
export function applyText(lang, t, root = document) {
  if (root === document) {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(lang, 'doc_title');
    for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  }
  for (const node of root.querySelectorAll('[data-i18n]')) {
    const text = t(lang, node.dataset.i18n);
    if (node.textContent !== text) node.textContent = text;
  }
  for (const node of root.querySelectorAll('[data-i18n-aria]')) node.setAttribute('aria-label', t(lang, node.dataset.i18nAria));
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(lang, node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll('[data-i18n-title]')) node.title = t(lang, node.dataset.i18nTitle);
}

/** Keeps the language on this device (all pages use it). */
export function saveLang(lang) {
  if (LANGS.includes(lang)) save(LANG_KEY, lang);
}

/** Wires the language buttons: `change(lang)` runs after the choice is saved on the device. */
export function onLangButtons(change) {
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => {
      saveLang(b.dataset.lang);
      change(b.dataset.lang);
    });
  }
}

/** A module message (`{ message_zh, message_en }`) in `lang`. */
export const message = (lang, m) => (lang === 'en' ? m.message_en : m.message_zh);

/** A thrown `{ errors, warnings }` as is; anything else as one `unexpected` error. */
export function problemsOf(thrown, t) {
  if (thrown && Array.isArray(thrown.errors)) return { errors: thrown.errors, warnings: thrown.warnings ?? [] };
  const msg = String(thrown?.message ?? thrown);
  return {
    errors: [{ path: '', code: 'unexpected', message_zh: t('zh', 'unexpected', { msg }), message_en: t('en', 'unexpected', { msg }) }],
    warnings: [],
  };
}

/** The bill line labels of a result (`label_zh` / `label_en` of its first month), by key. */
export function lineLabels(result, lang) {
  const lines = result?.months?.[0]?.lines ?? [];
  return Object.fromEntries(lines.map((l) => [l.key, lang === 'en' ? l.label_en : l.label_zh]));
}

// ---------------------------------------------------------------------------------------------
// Errors at their field

/**
 * Shows `errors` in `lang`: each after the input its path names (found by `find(path)`, which
 * may also say where the message goes: `{ input, after }`), the input marked aria-invalid and
 * described by it; the others in the general box `box` (with `.general-errors-list`), with
 * `where(path)` appended (without a box they are left to the caller). `id` starts the messages'
 * ids (a second set of errors on a page takes another). Returns a function that takes them all
 * away again (once: later calls do nothing).
 */
export function placeErrors(errors, { lang, box = null, find, where = (p) => p, id: prefix = 'err' }) {
  const list = box?.querySelector('.general-errors-list');
  const placed = [];
  const marked = [];
  list?.replaceChildren();
  errors.forEach((err, i) => {
    const spot = err.path ? find(err.path) : null;
    const input = spot?.input ?? null;
    const id = `${prefix}-${i}`;
    const node = el('p', {
      class: input ? 'field-error' : 'general-error',
      id,
      'data-error-path': err.path,
      'data-error-code': err.code,
      text: message(lang, err),
    });
    if (input) {
      // After the input and any earlier messages of the same input (or where `find` says).
      let anchor = spot.after ?? input;
      while (anchor.nextElementSibling?.classList.contains('field-error')) anchor = anchor.nextElementSibling;
      anchor.after(node);
      placed.push(node);
      const described = input.getAttribute('aria-describedby');
      if (!marked.some(([m]) => m === input)) marked.push([input, described]);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
    } else if (list) {
      const at = err.path ? where(err.path) : '';
      if (at) node.append(el('span', { class: 'msg-path', text: ` (${at})` }));
      list.append(node);
    }
  });
  if (box) box.hidden = list.childElementCount === 0;
  let shown = true;
  return () => {
    if (!shown) return;
    shown = false;
    for (const node of placed) node.remove();
    // An input's own description (a rule under it) stays.
    for (const [input, described] of marked) {
      input.removeAttribute('aria-invalid');
      if (described) input.setAttribute('aria-describedby', described);
      else input.removeAttribute('aria-describedby');
    }
    list?.replaceChildren();
    if (box) box.hidden = true;
  };
}

// ---------------------------------------------------------------------------------------------
// Amounts

/** "-1234567.80" → "-1,234,567.80" (digits unchanged; text that is not a number as it is). */
export function grouped(text) {
  return String(text ?? '').replace(/^([+±-]?)(\d{4,})(?=\.|$)/, (_, sign, int) => sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

/** "7500.00" and "7500" are the same number; compared as text, never as floats. */
export function sameDecimal(a, b) {
  const norm = (s) => {
    let x = String(s).trim().replace(/^\+/, '');
    if (x.includes('.')) x = x.replace(/0+$/, '').replace(/\.$/, '');
    return /^-?0*$/.test(x) ? '0' : x;
  };
  return norm(a) === norm(b);
}

/** Decimal text → { neg, units: BigInt, scale } (null when it is not plain decimal text). */
export function decimalParts(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) return null;
  return { neg: m[1] === '-', units: BigInt(m[2] + (m[3] ?? '')), scale: (m[3] ?? '').length };
}

/** a < b for decimal texts (the module's), exactly (BigInt, never a float). */
export function lessThan(a, b) {
  const [x, y] = [decimalParts(a), decimalParts(b)];
  const scale = Math.max(x.scale, y.scale);
  const v = (p) => (p.neg ? -1n : 1n) * p.units * 10n ** BigInt(scale - p.scale);
  return v(x) < v(y);
}

/** Deal-policy rules whose value and limits count records or days (shown as the module wrote them). */
const COUNT_RULES = new Set(['trial_free_records', 'payment_days', 'lag_months']);

/**
 * A deal-policy finding's message (`{ rule, value, limit, message_zh, message_en }`) in `lang`,
 * the amounts it names (its value and limit, as the module wrote them) shown grouped; a rule that
 * counts records or days as it is.
 */
export function findingMessage(lang, finding) {
  const text = message(lang, finding);
  if (COUNT_RULES.has(finding.rule)) return text;
  return [finding.value, finding.limit].reduce((out, amount) => {
    const exact = String(amount ?? '');
    const shown = grouped(exact);
    if (shown === exact) return out;
    // The number where it stands alone (not the end of a longer one).
    return out.replace(new RegExp(`(?<![\\d.,])${exact.replace(/[.+-]/g, '\\$&')}(?!\\d)`, 'g'), shown);
  }, text);
}

/** A negative amount ("-0.00" is not). */
export const isNegative = (text) => /^\s*-/.test(text ?? '') && /[1-9]/.test(text ?? '');

/**
 * Sets a node's text (and a date's `datetime`) only when it changed: writing the same text again
 * would still replace the text node, and the next frame would lay its box out again.
 */
export function put(node, value) {
  const text = value ?? '';
  if (node.textContent !== text) {
    node.textContent = text;
    if (node.tagName === 'TIME') node.setAttribute('datetime', text);
  }
}

/** Shows the module's amount `text` in `node`: grouped, `neg` when negative, exact in data-value. */
export function showAmount(node, text) {
  const value = text ?? '';
  if (node.dataset.value !== value || node.textContent !== grouped(value)) {
    node.dataset.value = value;
    node.textContent = grouped(value);
  }
  node.classList.toggle('neg', isNegative(value));
}

// ---------------------------------------------------------------------------------------------
// Charts

/**
 * Draws right after the next frame has been painted, once however often it is asked for before
 * then (input events, resizes): `const schedule = deferred(draw); schedule();`. The frame that
 * shows a keystroke's new figures is not held up by a chart (its canvas shows in the frame after).
 */
export function deferred(draw) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => setTimeout(() => {
      pending = false;
      draw();
    }, 0));
  };
}

/**
 * Draws the uPlot chart of `chart` (`{ container, plot, width, key }`): made with `options()` the
 * first time and whenever `key` (its language, its field) changed, else resized to `width` and
 * given `data` again. uPlot (www/vendor/) must be loaded.
 */
export function drawPlot(chart, { key = '', width, height, data, options }) {
  if (chart.plot && chart.key === key) {
    if (width !== chart.width) chart.plot.setSize({ width, height });
    chart.width = width;
    chart.plot.setData(data);
    return;
  }
  chart.plot?.destroy();
  Object.assign(chart, { key, width, plot: new window.uPlot(options(), data, chart.container) });
}

const CHART_FAMILY = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const DAY_MS = 86400000;

/**
 * The axes of the pages' charts (the calculator's cash flow, the 400-number page's balances), one
 * look for both: 12 px tick values in grey, axis titles in 12 px semibold, light grid and ticks.
 */
export const AXIS = Object.freeze({
  font: `12px ${CHART_FAMILY}`,
  labelFont: `600 12px ${CHART_FAMILY}`,
  stroke: '#5b6675',
  grid: { stroke: '#e6e9ed', width: 1 },
  ticks: { stroke: '#c3c9d1', width: 1 },
});

/**
 * A date axis of day numbers (days since 1970-01-01, UTC) for uPlot, titled `label`: a tick on the
 * first day of each month between the scale's ends, thinned to about one per 64 CSS pixels,
 * labelled YYYY-MM; no grid.
 */
export function monthAxis(label) {
  return {
    ...AXIS,
    label,
    grid: { show: false },
    splits: (u, i, min, max) => monthTicks(min, max, u.bbox.width / devicePixelRatio),
    values: (u, splits) => splits.map((day) => new Date(day * DAY_MS).toISOString().slice(0, 7)),
  };
}

/** First days of the months between two day numbers, thinned to about one per 64 of `widthPx`. */
function monthTicks(min, max, widthPx) {
  const start = new Date(min * DAY_MS);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth() + (start.getUTCDate() > 1 ? 1 : 0);
  const ticks = [];
  for (;;) {
    const day = Date.UTC(y, m, 1) / DAY_MS;
    if (day > max) break;
    ticks.push(day);
    m += 1;
  }
  const room = Math.max(1, Math.floor(widthPx / 64));
  const step = Math.max(1, Math.ceil(ticks.length / room));
  return ticks.filter((_, i) => i % step === 0);
}

/** The width a chart gets in `container` (at least 240 px), and its height for that width. */
export function chartSize(container, [small, large]) {
  const width = Math.max(240, Math.floor(container.clientWidth));
  return { width, height: width < 500 ? small : large };
}

/**
 * Keeps the page's state in its form: `changed(event)` after every edit (typing, a select);
 * submitting does nothing (every change is computed at once).
 */
export function onFormEdit(form, changed) {
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', (event) => changed(event));
  // Selects fire `input` too; `change` covers browsers that do not.
  form.addEventListener('change', (event) => {
    if (event.target.tagName === 'SELECT') changed(event);
  });
}

// ---------------------------------------------------------------------------------------------
// The page state on the device and in the URL

/** A stored JSON value, or null (storage may be off: private mode, a sandboxed frame). */
export function load(key) {
  try {
    const text = localStorage.getItem(key);
    if (text === null) return null;
    return key === LANG_KEY ? text : JSON.parse(text);
  } catch {
    return null;
  }
}

/** Stores a JSON value (nothing happens when storage is off). */
export function save(key, value) {
  try {
    localStorage.setItem(key, key === LANG_KEY ? value : JSON.stringify(value));
  } catch {
    // storage unavailable or full: the page works on, the URL still holds the state
  }
}

/** Removes a stored value. */
export function forget(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // storage unavailable
  }
}

const URL_PARAM = '#s=';

/** The share text in the URL (`#s=v1.…`), or null. */
export function urlState() {
  return location.hash.startsWith(URL_PARAM) ? location.hash.slice(URL_PARAM.length) : null;
}

/**
 * Whether this page was opened from its URL afresh (a link, a new tab, the address bar) rather
 * than come back to (reload, Back, Forward). The browser says so in the navigation's type; the
 * page also marks its history entry when it writes the URL (a browser keeps that mark only for
 * the entries it has been on), which covers coming back through a same-document navigation. The
 * mark alone is not enough: a URL written as the page is left for a reload can reach the
 * reloaded page without its mark.
 */
export function openedAfresh() {
  const type = performance.getEntriesByType('navigation')[0]?.type;
  return type !== 'reload' && type !== 'back_forward' && !history.state?.callsettle;
}

/**
 * Keeps a page state in the URL: `write(text)` (a function giving the share text, called when
 * due) puts `#s=<text>` in the address bar without a new history entry, at most every `ms`
 * (browsers throttle the history API), and at once before the page is left or on `flush()`.
 */
export function urlWriter(ms = 250) {
  let timer = 0;
  let next = null;
  const flush = () => {
    clearTimeout(timer);
    timer = 0;
    if (next === null) return;
    const text = next();
    next = null;
    if (location.hash !== URL_PARAM + text) history.replaceState({ callsettle: true }, '', URL_PARAM + text);
  };
  addEventListener('pagehide', flush);
  return {
    write(text) {
      next = text;
      timer ||= setTimeout(flush, ms);
    },
    flush,
  };
}

/** Marks this page's history entry as the page's own (see `openedAfresh`). */
export function markEntry() {
  if (!history.state?.callsettle) history.replaceState({ callsettle: true }, '', location.href);
}

/**
 * The share text of the URL decoded by `decode` (the module's decodeState) and checked by
 * `accept` (null: not a state of this page), or `{ error }` with the module's problem (or
 * `share_link_invalid` when `accept` refused it).
 */
export function readUrlState(decode, accept, t) {
  const text = urlState();
  if (text === null) return null;
  try {
    const state = accept(decode(text));
    if (state) return { state };
  } catch (thrown) {
    return { error: problemsOf(thrown, t).errors[0] };
  }
  return {
    error: { path: 'share', code: 'share_link_invalid', message_zh: t('zh', 'link_bad_state'), message_en: t('en', 'link_bad_state') },
  };
}

/** Shows a bad link's problem in the page's `#link-error` banner (in `lang`; kept for a switch). */
export function showLinkError(problem, lang) {
  const box = document.getElementById('link-error');
  const text = document.getElementById('link-error-text');
  box.hidden = !problem;
  if (!problem) {
    delete text.dataset.errorPath;
    return;
  }
  text.dataset.errorPath = 'share';
  text.dataset.errorCode = problem.code;
  text.dataset.zh = problem.message_zh;
  text.dataset.en = problem.message_en;
  text.textContent = message(lang, problem);
}

/** The bad-link banner in `lang` (after a language switch). */
export function translateLinkError(lang) {
  const text = document.getElementById('link-error-text');
  if (text?.dataset.zh) text.textContent = lang === 'en' ? text.dataset.en : text.dataset.zh;
}

const isObject = (v) => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/**
 * A scenario of contract 1 from storage, a link or a file, checked for shape (values are the
 * module's): its terms and months, and the statement's `parties` / `contract_no` when given.
 */
export function acceptScenario(raw) {
  if (!isObject(raw) || !isObject(raw.terms) || !Array.isArray(raw.months) || raw.months.length === 0) return null;
  if (!raw.months.every(isObject)) return null;
  const scenario = { terms: raw.terms, months: raw.months };
  if (raw.parties != null) scenario.parties = raw.parties;
  if (raw.contract_no != null) scenario.contract_no = raw.contract_no;
  return scenario;
}

/** The worked example: the scenario every page starts with, and "reset to example". */
export function workedExample() {
  return {
    terms: { project_kind: 'service', penalty_mode: 'below_target', unit_price: '2.50', target_rate: '0.35', penalty_per_unit: '1.00' },
    months: [{
      month: '2026-01', volume: '10000', success_rate: '0.30',
      sampled_records: '500', inaccurate_records: '10', telecom_charges: '1234.56',
    }],
  };
}

/** Where the scenario shared by the calculator and the what-if page is kept on the device. */
export const SCENARIO_KEY = 'callsettle.scenario';

// ---------------------------------------------------------------------------------------------
// Stale results are never printed, exported or shared (docs/rules.md, issue 20)

/**
 * Marks a page's result views `status` ('fresh', 'stale' or 'loading'): `data-state` on each view
 * (class `stale-view`: CSS greys its `.stale-dim` parts and shows its `.stale-note`) and on <body>
 * (the phone's sticky bars; print refuses while it is 'stale').
 */
export function markResults(views, status) {
  for (const view of views) if (view && view.dataset.state !== status) view.dataset.state = status;
  document.body.dataset.state = status;
}

/** The label of the input named `path` on this page (its <label>, aria-labelledby or aria-label). */
export function labelFor(path) {
  const input = path ? document.querySelector(`[name="${CSS.escape(path)}"]`) : null;
  if (!input) return '';
  const label = input.id ? document.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
  if (label) return label.textContent.trim();
  const ids = input.getAttribute('aria-labelledby');
  if (ids) return ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent.trim() ?? '').filter(Boolean).join(' ');
  return input.getAttribute('aria-label') ?? '';
}

/**
 * Why `action` (a catalog key: action_print, action_csv, action_json, action_link) cannot run
 * while `errors` are shown, in `lang`: the fields named by `name(path)` (a page's own labels,
 * `labelFor` by default; the path itself when it names nothing), each once. Null without errors.
 */
export function refusal(errors, { lang, t, action, name = labelFor }) {
  if (!errors.length) return null;
  const fields = [...new Set(errors.map((e) => name(e.path) || e.path).filter(Boolean))];
  const sep = lang === 'en' ? ', ' : '、';
  return fields.length
    ? t(lang, 'refuse_fields', { action: t(lang, action), fields: fields.join(sep) })
    : t(lang, 'refuse', { action: t(lang, action) });
}

/**
 * Printing while the results are stale (Ctrl+P included): the page's content is hidden in print
 * (style.css, `body[data-state="stale"]`) and the sheet shows `reason()` instead — the refusal
 * naming the fields. `prepare()` runs before any other print (the page fills its print sheets).
 */
export function guardPrint(reason, prepare = () => {}) {
  const note = el('div', { class: 'print-refusal', role: 'presentation' });
  document.body.append(note);
  addEventListener('beforeprint', () => {
    const why = document.body.dataset.state === 'stale' ? reason() : null;
    note.textContent = why ?? '';
    if (!why) prepare();
  });
}
