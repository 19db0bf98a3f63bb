// callsettle page: one scenario (contract terms + one work month) in, the itemised bill out,
// recomputed by the WASM module on every `input` event. No network use after the page's files.
//
// Conventions (tests, portals and the benchmark rely on them):
// - Input names are JSON paths, exactly as the module prints error paths: `terms.unit_price`,
//   `terms.settlement.report_day`, `months[0].volume`, `months[0].success_rate`, … The page sends
//   the typed strings unchanged (never parsed or trimmed in JS). Empty optional fields
//   (`data-optional`) are left out so the module's defaults apply; empty required fields are sent
//   as "" (the module reports them). The radio
//   `s_basis` decides which of `months[0].success_rate` / `months[0].successes` is sent.
// - `data-result="<key>"` holds a result as the module wrote it: the line amounts
//   (`service_fee`, `shortfall_penalty`, `inaccuracy_deduction`, `telecom_charges`), `total`,
//   `successes`, `target_successes`, `shortfall`, `billable_volume`, `month`, and the schedule
//   dates `report_due`, `confirm_by`, `invoice_by`, `payment_due`.
// - `data-error-path="<path>"` (with `data-error-code`) holds one error message in the current
//   language, right after the input named <path> (which gets aria-invalid="true"), or in the
//   general error box when no input has that name. While there are errors the results container
//   `#results` has `data-state="stale"` (else "fresh") and shows the last valid bill.
// - `data-warning="<code>"` (with `data-warning-path`) is one warning in the warnings list.
// - Readiness: `document.body.dataset.ready = "true"` once the first bill is shown (or "error"),
//   `document.body.dataset.firstBillMs` = performance.now() at that moment, and
//   `window.callsettle = { ready, scenario(), setLang(lang), lang() }`.

import init, { settle, version } from '../pkg/callsettle.js';
import { LANGS, clause, t } from './i18n.js';

// Start fetching and compiling the wasm before anything else, so that it overlaps the first
// layout of the page.
const loading = init();

const form = document.getElementById('scenario');
const results = document.getElementById('results');
const generalBox = document.getElementById('general-errors');
const generalList = generalBox.querySelector('.general-errors-list');
const warningsBox = document.getElementById('warnings');
const warningsList = document.getElementById('warnings-list');
const billLines = document.getElementById('bill-lines');

const state = {
  lang: 'zh',
  loaded: false,
  errors: [],
  warnings: [],
  last: null, // { result, scenario } of the last valid computation
};

let resolveReady;
let rejectReady;
const ready = new Promise((ok, fail) => {
  resolveReady = ok;
  rejectReady = fail;
});
ready.catch(() => {}); // a failed load is shown on the page; no unhandled rejection

window.callsettle = {
  ready,
  scenario: () => readScenario(),
  setLang: (lang) => setLang(lang),
  lang: () => state.lang,
};

// ---------------------------------------------------------------------------------------------
// Scenario from the form

/** "months[0].volume" → ["months", 0, "volume"]. */
function pathTokens(path) {
  const tokens = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new Error(`bad input name ${path}`);
    tokens.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) tokens.push(Number(idx[1]));
  }
  return tokens;
}

function setPath(target, path, value) {
  const tokens = pathTokens(path);
  let node = target;
  tokens.forEach((token, i) => {
    if (i === tokens.length - 1) {
      node[token] = value;
    } else {
      node[token] ??= typeof tokens[i + 1] === 'number' ? [] : {};
      node = node[token];
    }
  });
}

function basis() {
  return form.querySelector('input[name="s_basis"]:checked')?.value ?? 'success_rate';
}

/** The inputs that carry a JSON path. */
function fieldInputs() {
  return [...form.querySelectorAll('input[name], select[name]')].filter((el) => el.name !== 's_basis');
}

/** The scenario the form describes, with the typed strings as they are. */
function readScenario() {
  const scenario = { terms: {}, months: [{}] };
  const chosen = basis();
  for (const el of fieldInputs()) {
    const basisOf = el.closest('[data-basis]')?.dataset.basis;
    if (basisOf && basisOf !== chosen) continue;
    const optional = el.hasAttribute('data-optional') || Boolean(basisOf);
    if (optional && el.value === '') continue;
    setPath(scenario, el.name, el.value);
  }
  return scenario;
}

function showBasis() {
  const chosen = basis();
  for (const wrap of form.querySelectorAll('[data-basis]')) wrap.hidden = wrap.dataset.basis !== chosen;
}

// ---------------------------------------------------------------------------------------------
// Computation

function recompute() {
  const scenario = readScenario();
  let result = null;
  let errors = [];
  let warnings = [];
  try {
    result = settle(scenario);
    warnings = result.warnings ?? [];
  } catch (thrown) {
    if (thrown && Array.isArray(thrown.errors)) {
      errors = thrown.errors;
      warnings = thrown.warnings ?? [];
    } else {
      const msg = String(thrown?.message ?? thrown);
      errors = [{ path: '', code: 'internal', message_zh: t('zh', 'unexpected', { msg }), message_en: t('en', 'unexpected', { msg }) }];
    }
  }
  state.errors = errors;
  state.warnings = warnings;
  if (result) state.last = { result, scenario };
  render();
}

// ---------------------------------------------------------------------------------------------
// Rendering

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function message(m) {
  return state.lang === 'en' ? m.message_en : m.message_zh;
}

/** The input named `path`, and where its messages go (the visible one of a basis pair). */
function inputFor(path) {
  if (!path) return null;
  const input = form.querySelector(`[name="${CSS.escape(path)}"]`);
  if (!input) return null;
  const wrap = input.closest('[data-basis]');
  if (wrap && wrap.hidden) return form.querySelector(`[data-basis="${basis()}"] [name]`);
  return input;
}

function labelOf(input) {
  const label = input && form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  return label ? label.textContent : '';
}

const isNegative = (amount) => /^\s*-/.test(amount) && /[1-9]/.test(amount);

function render() {
  renderErrors();
  renderWarnings();
  renderBill();
  const status = !state.last ? 'loading' : state.errors.length ? 'stale' : 'fresh';
  results.dataset.state = status;
  document.body.dataset.state = status; // the phone's total bar greys out too
}

function renderErrors() {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
  generalList.replaceChildren();
  state.errors.forEach((err, i) => {
    const input = inputFor(err.path);
    const id = `err-${i}`;
    const node = el('p', {
      class: input ? 'field-error' : 'general-error',
      id,
      'data-error-path': err.path,
      'data-error-code': err.code,
      text: message(err),
    });
    if (input) {
      // After the input and any earlier messages of the same input.
      let anchor = input;
      while (anchor.nextElementSibling?.classList.contains('field-error')) anchor = anchor.nextElementSibling;
      anchor.after(node);
      input.setAttribute('aria-invalid', 'true');
      const described = input.getAttribute('aria-describedby');
      input.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
    } else {
      const where = err.path.startsWith('months[0]') ? t(state.lang, 'month_legend') : err.path;
      if (where) node.append(el('span', { class: 'msg-path', text: ` (${where})` }));
      generalList.append(node);
    }
  });
  generalBox.hidden = generalList.childElementCount === 0;
}

function renderWarnings() {
  for (const input of form.querySelectorAll('.has-warning')) input.classList.remove('has-warning');
  warningsList.replaceChildren(
    ...state.warnings.map((w) => {
      const input = inputFor(w.path);
      input?.classList.add('has-warning');
      const field = labelOf(input);
      return el(
        'li',
        { 'data-warning': w.code, 'data-warning-path': w.path },
        field ? el('span', { class: 'msg-field', text: t(state.lang, 'field_of', { field }) }) : null,
        el('span', { text: message(w) }),
      );
    }),
  );
  warningsBox.hidden = state.warnings.length === 0;
}

/** "7500.00" and "7500" are the same number; compared as text, never as floats. */
function sameDecimal(a, b) {
  const norm = (s) => {
    let x = String(s).trim().replace(/^\+/, '');
    if (x.includes('.')) x = x.replace(/0+$/, '').replace(/\.$/, '');
    return /^-?0*$/.test(x) ? '0' : x;
  };
  return norm(a) === norm(b);
}

function setResult(key, value, { signed = false } = {}) {
  for (const node of document.querySelectorAll(`[data-result="${key}"]`)) {
    node.textContent = value ?? '';
    if (signed) node.classList.toggle('neg', isNegative(value ?? ''));
    if (node.tagName === 'TIME') node.setAttribute('datetime', value ?? '');
  }
}

function weekday(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return '';
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  const names = t(state.lang, 'weekdays');
  return `${t(state.lang, 'weekday_prefix')}${names[day]}`;
}

function daysBetween(a, b) {
  const toDay = (iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y, m - 1, d) / 86400000;
  };
  return toDay(b) - toDay(a);
}

function renderBill() {
  if (!state.last) return;
  const { result, scenario } = state.last;
  const lang = state.lang;
  const month = result.months[0];
  setResult('month', month.month);
  setResult('work_month', month.month);

  billLines.replaceChildren(
    ...month.lines.map((line) => {
      const formula = line.formula === 'telecom' ? t(lang, 'telecom_formula') : line.formula;
      const formulaCell = el(
        'td',
        { class: 'col-formula' },
        el('div', { class: 'formula', text: formula }),
        el('div', { class: 'expression', text: `= ${line.expression}` }),
      );
      if (line.exact !== undefined && !sameDecimal(line.exact, line.amount)) {
        formulaCell.append(el('div', { class: 'exact-note', text: t(lang, 'exact_note', { exact: line.exact }) }));
      }
      return el(
        'tr',
        { 'data-line': line.key },
        el(
          'th',
          { scope: 'row', class: 'col-item' },
          el('span', { class: 'line-label', text: lang === 'en' ? line.label_en : line.label_zh }),
          el('span', { class: 'clause', text: clause(lang, line.clause) }),
        ),
        formulaCell,
        el(
          'td',
          { class: 'num amount col-amount' },
          el('span', { 'data-result': line.key, class: isNegative(line.amount) ? 'neg' : null, text: line.amount }),
        ),
      );
    }),
  );

  setResult('total', month.total, { signed: true });
  for (const node of document.querySelectorAll('[data-summary="total"]')) {
    node.textContent = `${month.total} ${t(lang, 'currency')}`;
    node.classList.toggle('neg', isNegative(month.total));
  }
  setResult('successes', month.successes);
  setResult('target_successes', month.target_successes);
  setResult('shortfall', month.shortfall);
  setResult('billable_volume', month.billable_volume);

  const s = month.schedule;
  for (const key of ['report_due', 'confirm_by', 'invoice_by', 'payment_due']) {
    setResult(key, s[key]);
    for (const node of document.querySelectorAll(`[data-weekday="${key}"]`)) node.textContent = weekday(s[key]);
  }
  const settlement = scenario.terms.settlement ?? {};
  const setting = (name) => {
    const v = settlement[name];
    return v === undefined ? form.querySelector(`[name="terms.settlement.${name}"]`).dataset.default : String(v).trim();
  };
  // Calendar days: the gap between the dates. Working days: the terms' counts (the dates
  // skip weekends and holidays, so their gap says more days).
  const working = settlement.day_count === 'working';
  const after = (from, to, name) => working
    ? t(lang, 'cal_workdays_after', { n: setting(name) })
    : t(lang, 'cal_days_after', { n: daysBetween(s[from], s[to]) });
  const notes = {
    report_due: t(lang, 'cal_report_rule', { lag: setting('lag_months'), day: setting('report_day') }),
    confirm_by: after('report_due', 'confirm_by', 'confirm_days'),
    invoice_by: after('confirm_by', 'invoice_by', 'invoice_days'),
    payment_due: after('invoice_by', 'payment_due', 'payment_days'),
  };
  for (const node of document.querySelectorAll('[data-calendar-heading]')) {
    node.textContent = t(lang, working ? 'calendar_heading_working' : 'calendar_heading');
  }
  for (const [key, text] of Object.entries(notes)) {
    for (const node of document.querySelectorAll(`[data-note="${key}"]`)) node.textContent = text;
  }
}

// ---------------------------------------------------------------------------------------------
// Language

function applyStaticText() {
  const lang = state.lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(lang, 'doc_title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(lang, node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(lang, node.dataset.i18nPlaceholder);
  }
  for (const node of document.querySelectorAll('[data-i18n-aria]')) {
    node.setAttribute('aria-label', t(lang, node.dataset.i18nAria));
  }
  for (const input of form.querySelectorAll('[data-default]')) {
    input.placeholder = t(lang, 'default_is', { v: input.dataset.default });
  }
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
  const legend = document.getElementById('legend-list');
  legend.replaceChildren(
    ...t(lang, 'legend').map(([sym, meaning]) => el('div', {}, el('dt', { text: sym }), el('dd', { text: meaning }))),
  );
  if (state.loaded) {
    document.getElementById('version').textContent = t(lang, 'footer_version', { v: version() });
  }
}

function setLang(lang) {
  if (!LANGS.includes(lang)) return;
  state.lang = lang;
  try {
    localStorage.setItem('callsettle.lang', lang);
  } catch {
    // storage may be unavailable (private mode, sandboxed portal frame); the toggle still works
  }
  applyStaticText();
  render();
}

// ---------------------------------------------------------------------------------------------
// Start

function savedLang() {
  try {
    return localStorage.getItem('callsettle.lang');
  } catch {
    return null;
  }
}

form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('input', (event) => {
  if (event.target.name === 's_basis') showBasis();
  if (state.loaded) recompute();
});
form.addEventListener('change', (event) => {
  // Radios and selects also fire `input`; `change` covers browsers that do not.
  if (event.target.name === 's_basis' || event.target.tagName === 'SELECT') {
    showBasis();
    if (state.loaded) recompute();
  }
});
for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => setLang(button.dataset.lang));
}

async function start() {
  const saved = savedLang();
  if (LANGS.includes(saved)) state.lang = saved;
  showBasis();
  applyStaticText();
  try {
    await loading;
  } catch (e) {
    const msg = String(e?.message ?? e);
    state.errors = [{ path: '', code: 'load_failed', message_zh: t('zh', 'load_failed', { msg }), message_en: t('en', 'load_failed', { msg }) }];
    renderErrors();
    document.body.dataset.ready = 'error';
    rejectReady(e);
    return;
  }
  state.loaded = true;
  applyStaticText();
  recompute();
  document.body.dataset.firstBillMs = String(performance.now());
  document.body.dataset.ready = 'true';
  resolveReady(window.callsettle);
}

start();
