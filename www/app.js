// callsettle page: one scenario (contract terms + any number of work months) in; the itemised bill
// of the selected month, each month's total and dates, the scenario total and the cash flow out,
// recomputed by the WASM module on every `input` event. No network use after the page's files.
//
// Conventions (tests, portals and the benchmark rely on them):
// - Input names are JSON paths, exactly as the module prints error paths: `terms.unit_price`,
//   `terms.settlement.report_day`, and in the month grid (#plan) `months[3].month`,
//   `months[3].volume`, `months[3].success_rate`, … (row i is months[i]). The page sends the
//   typed strings unchanged (never parsed in JS). Empty optional fields (`data-optional`, and the
//   grid's sampled/inaccurate/telecom/trial/rate/successes cells) are left out so the module's
//   defaults apply; empty required fields are sent as "" (the module reports them). The radio
//   `s_basis` (one switch for the whole grid) decides which of `months[i].success_rate` /
//   `months[i].successes` is sent; the other column is hidden. The radio `detail_month` (value i)
//   picks the month whose bill and calendar are shown (the first by default).
// - `data-result="<key>"` holds a result: dates and counts as the module wrote them, amounts shown
//   grouped ("8,084.56", negatives with class `neg`) with the module's exact text in `data-value`
//   (www/ui.js `showAmount`). For the selected month: the line
//   amounts (`service_fee`, `shortfall_penalty`, `inaccuracy_deduction`, `telecom_charges`),
//   `total`, `successes`, `target_successes`, `shortfall`, `billable_volume`, `month`, and the
//   schedule dates `report_due`, `confirm_by`, `invoice_by`, `payment_due`. For every month i:
//   `months[i].total`, `months[i].report_due`, `months[i].invoice_by`, `months[i].payment_due`.
//   The scenario total (settle().total): `year_total`. The cash flow (project().payments, sorted
//   by payment date), row i: `payments[i].month`, `payments[i].invoice_by`,
//   `payments[i].payment_due`, `payments[i].paid`, `payments[i].amount`, `payments[i].cumulative`.
// - The clerk's check of the selected month i (timeline.js): text date fields (ids
//   `check-<step>`, each with its calendar button) named `months[i].actual.<step>`, and results
//   `check.<step>.due`, `.actual`, `.status` (steps report_received, confirmed, invoice_received,
//   paid).
// - `data-error-path="<path>"` (with `data-error-code`) holds one error message in the current
//   language, right after the input named <path> (which gets aria-invalid="true"), or in the
//   general error box when no input has that name. While there are errors the results containers
//   `#results` and `#year` (and <body>) have `data-state="stale"` (else "fresh") and show the last
//   valid results greyed; print, CSV, JSON and the share link refuse (plan-export.js, issue 20).
// - The statement texts `contract_no`, `parties.a`, `parties.b` are form inputs like the terms.
// - `data-warning="<code>"` (with `data-warning-path`) is one warning in the warnings list.
// - The cash-flow chart is `#cashflow-chart` (uPlot, a canvas); its numbers are in
//   `#cashflow-table`, one row per payment. Beyond 36 months the cash flow follows 150 ms after the
//   last keystroke; `#year[data-flow]` is "pending" until then, else "ready".
// - The scenario is kept on this device (localStorage `callsettle.scenario`, shared with the
//   what-if page's offer) and in the URL (`#s=` + encodeState); "reset to example" starts over
//   (docs/rules.md, "Pages: one scenario, one kit"). The growth fill is the module's `grow`.
// - Readiness: `document.body.dataset.firstBillMs` = when the first itemised bill was painted (the
//   Element Timing of its total, ms since navigation start; `billInPageMs` when it was put in the
//   page, before layout and paint); `document.body.dataset.ready = "true"` once the grid's
//   results and the cash flow have followed and the chart library, the results-file import and
//   the iframe message API are loaded ("error" if the module or one of those failed); and
//   `window.callsettle = { ready, scenario(), setLang(lang), lang(), select(i), fillMonths(months) }`
//   (fillMonths: the months of a results file, from import.js).

import init, { decodeState, encodeState, grow, holidayCoverage, project, settle, version } from '../pkg/callsettle.js';
import { load } from './boot.js';
import { CashflowChart, chartsAfter, loadLibrary } from './cashflow.js';
import { clause, dayNote, t } from './i18n.js';
import {
  LANGS, SCENARIO_KEY, acceptScenario, applyText, el, getPath, grouped, isNegative, load as stored, markEntry,
  markResults, message as messageIn, put, onFormEdit, onLangButtons, openedAfresh, placeErrors, problemsOf as problemsIn, readUrlState,
  sameDecimal, save, saveLang, savedLang, setPath, showAmount, showLinkError, translateLinkError, urlState, urlWriter, workedExample,
} from './ui.js';
import { Timeline } from './timeline.js';
import { PolicyView, showRange } from './policy.js';
import { undoHistory } from './undo.js';
import { exampleMark } from './example.js';

// The wasm has been fetched and compiled since boot.js ran from the page's <head>; instantiate it
// as soon as it is ready.
const loading = load(init);

const form = document.getElementById('scenario');
const results = document.getElementById('results');
const generalBox = document.getElementById('general-errors');
const warningsBox = document.getElementById('warnings');
const warningsList = document.getElementById('warnings-list');
const billLines = document.getElementById('bill-lines');
const year = document.getElementById('year');
const plan = document.getElementById('plan');
const planRows = document.getElementById('plan-rows');
const cashflowRows = document.getElementById('cashflow-rows');
const toolMessage = document.getElementById('tool-message');
const planConfirm = document.getElementById('plan-confirm');
const chart = new CashflowChart(document.getElementById('cashflow-chart'));
// The clerk's check of the selected month (actual dates, on time or late): timeline.js. Below
// the bill, it is shown from the first bill's paint on (`checkShown`).
const timeline = new Timeline(document.getElementById('deadline-check'), { onChange: () => changed({ key: 'actual' }) });
let checkShown = false;
// Nodes written on every keystroke, looked up once (a document-wide query per key would scan the
// whole grid: over a thousand inputs at 120 months).
const inResults = (selector) => [...results.querySelectorAll(selector)];
const yearTotalNodes = [...document.querySelectorAll('[data-result="year_total"]')];
const yearSummaryNodes = [...document.querySelectorAll('[data-summary="year_total"]')];
const totalBarNodes = [...document.querySelectorAll('[data-summary="total"]')];
const cfCountNodes = [...document.querySelectorAll('[data-cf-count]')];
const planCountNodes = [...document.querySelectorAll('[data-plan-count]')];
// Deal policy (policy.js): its status and findings at their fields, and each bill's range.
const rangeNode = results.querySelector('[data-range]');
const policy = new PolicyView({
  panel: document.getElementById('policy'),
  find: (path) => inputFor(path),
  label: (path) => labelOf(inputFor(path)) || (/^months\[\d+\]$/.test(path) ? monthName(Number(/\d+/.exec(path)[0])) : path),
  changed: () => state.loaded && renderBill(),
});
let clearErrors = () => {}; // takes the errors shown by the last rendering away
const url = urlWriter();
// Undo (www/undo.js): snapshots of the scenario the page keeps; an undone change puts its
// scenario back and shows the month it was about (a removed month comes back picked).
const undo = undoHistory({
  lang: () => state.lang,
  apply: (scenario, entry, undone) => {
    applyScenario(scenario);
    if (entry.select !== null && entry.select !== undefined) select(entry.select);
    // Undoing "clear example" brings the example back as the example.
    if (entry.clearedExample) example.set(undone);
    changed({ replay: true });
  },
});
// The example mark (www/example.js): the badge and the fields still holding example values.
const example = exampleMark({
  example: workedExample(),
  key: 'callsettle.example',
  badge: document.getElementById('example-badge'),
  find: (path) => form.querySelector(`[name="${CSS.escape(path)}"]`) ?? year.querySelector(`[name="${CSS.escape(path)}"]`),
  lang: () => state.lang,
  clear: () => {
    showLinkError(null);
    applyScenario(BLANK);
    changed({ what: (lang) => t(lang, 'cleared_example'), clearedExample: true });
  },
});
/** A cleared form: no terms, one month with every cell blank (the module's defaults apply). */
const BLANK = { terms: {}, months: [{}] };

// The grid's columns, in order (paste fills them left to right; the hidden basis is skipped).
const MONTH_FIELDS = [
  'month', 'volume', 'success_rate', 'successes', 'sampled_records', 'inaccurate_records',
  'telecom_charges', 'trial_records', 'trial_successes',
];
const REQUIRED = new Set(['month', 'volume']);
const WIDE = { month: 'w-month', volume: 'w-wide', telecom_charges: 'w-wide' };
const NUMERIC = { month: 'text', success_rate: 'decimal', telecom_charges: 'decimal' };
const MAX_MONTHS = 600;
// Up to this many months the cash flow is recomputed on every keystroke; beyond, FLOW_DELAY_MS
// after the last one (settle() still runs on every keystroke: per-month totals stay live).
const SYNC_FLOW_MONTHS = 36;
const FLOW_DELAY_MS = 150;
const OUTPUTS = ['total', 'report_due', 'invoice_by', 'payment_due'];
// The growth fill's inputs, by the module's name for them: their labels.
const GROW_FIELDS = { count: 'grow_count', volume_growth: 'grow_volume', rate_points: 'grow_rate' };

const state = {
  lang: 'zh',
  loaded: false,
  errors: [],
  warnings: [],
  last: null, // { result, flow, scenario } of the last valid computation
  selected: 0, // the month whose bill is shown
  // The grid's data, one object of typed strings per month (the inputs show the same text).
  months: [],
};
const rows = []; // per grid row: { tr, inputs: { field: input }, out: { key: node }, pick }
const flowRows = []; // per cash-flow row: { tr, cells: { key: node } }

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
  select: (i) => select(i),
  fillMonths: (months) => fillMonths(months),
};

// ---------------------------------------------------------------------------------------------
// Scenario from the form

function basis() {
  return document.querySelector('input[name="s_basis"]:checked')?.value ?? 'success_rate';
}

/** The form's inputs that carry a JSON path (the contract terms). */
function fieldInputs() {
  return [...form.querySelectorAll('input[name], select[name]')];
}

/** One month of the grid as the module reads it: typed strings, empty optional cells left out. */
function monthOf(m, chosen) {
  const out = {};
  for (const field of MONTH_FIELDS) {
    if ((field === 'success_rate' || field === 'successes') && field !== chosen) continue;
    const value = m[field] ?? '';
    if (!REQUIRED.has(field) && value === '') continue;
    out[field] = value;
  }
  return out;
}

/** The scenario the page describes, with the typed strings as they are. */
function readScenario() {
  const scenario = { terms: {}, months: [] };
  for (const el of fieldInputs()) {
    if (el.hasAttribute('data-optional') && el.value === '') continue;
    setPath(scenario, el.name, el.value);
  }
  const chosen = basis();
  scenario.months = state.months.map((m) => monthOf(m, chosen));
  timeline.addTo(scenario);
  return scenario;
}

function showBasis() {
  plan.dataset.basis = basis();
}

/**
 * Puts a scenario (from this device's storage, a link, or the example) into the form and the
 * grid: absent fields empty (selects: their first option, the module's default), the success
 * basis that of its months, the first month picked.
 */
function applyScenario(scenario) {
  for (const input of fieldInputs()) {
    const v = getPath(scenario, input.name);
    if (input.tagName === 'SELECT') input.value = v ?? input.options[0].value;
    else input.value = v == null ? '' : String(v);
  }
  state.months = scenario.months.slice(0, MAX_MONTHS).map((m) =>
    Object.fromEntries(MONTH_FIELDS.map((f) => [f, m[f] == null ? '' : String(m[f])])),
  );
  timeline.take(scenario);
  const chosen = state.months.some((m) => m.successes !== '') && !state.months.some((m) => m.success_rate !== '')
    ? 'successes'
    : 'success_rate';
  document.querySelector(`input[name="s_basis"][value="${chosen}"]`).checked = true;
  state.selected = 0;
  syncGrid();
  showBasis();
}

/** Keeps the scenario on this device and in the URL (the what-if page reads the same one). */
function persist(scenario) {
  save(SCENARIO_KEY, scenario);
  url.write(() => encodeState(scenario));
}

/**
 * After an edit: recomputed, kept, and a step of the undo history (`how`: the `key` of a field
 * typed in, `what` a destructive action changed, the row `select`ed by undoing it; `replay`
 * when the undo history itself put the scenario back).
 */
function changed(how = {}) {
  if (!state.loaded) return;
  recompute();
  persist(state.scenario);
  example.refresh();
  if (!how.replay) {
    hidePreview();
    undo.commit(state.scenario, how);
  }
}

// ---------------------------------------------------------------------------------------------
// The month grid

/** Builds row i (its inputs named months[i].*, its result cells). */
function makeRow(i) {
  const tr = el('tr', { 'data-row': String(i) });
  const pick = el('input', { type: 'radio', name: 'detail_month', value: String(i), 'aria-labelledby': `h-pick rh-${i}` });
  tr.append(el('th', { scope: 'row', class: 'col-pick' }, el('label', { class: 'pick' }, pick, el('span', { id: `rh-${i}`, class: 'row-no', text: String(i + 1) }))));
  const inputs = {};
  for (const field of MONTH_FIELDS) {
    const input = el('input', {
      type: 'text',
      name: `months[${i}].${field}`,
      id: i === 0 ? `f-${field}` : null,
      'aria-labelledby': i === 0 ? null : `h-${field} rh-${i}`,
      inputmode: NUMERIC[field] ?? 'numeric',
      spellcheck: 'false',
      autocomplete: 'off',
      class: WIDE[field] ?? null,
      'data-field': field,
    });
    inputs[field] = input;
    const basisOf = field === 'success_rate' || field === 'successes' ? field : null;
    tr.append(el('td', { class: `cell cell-${field}`, 'data-basis': basisOf }, input));
  }
  const out = {};
  for (const key of OUTPUTS) {
    const node = el(key === 'total' ? 'span' : 'time', { 'data-result': `months[${i}].${key}` });
    out[key] = node;
    tr.append(el('td', { class: `out${key === 'total' ? ' num amount' : ' date'}` }, node));
  }
  return { tr, inputs, out, pick };
}

/** Rows to match the model (added or removed at the end), every input showing its month's text. */
function syncGrid() {
  while (rows.length < state.months.length) {
    const row = makeRow(rows.length);
    rows.push(row);
    planRows.append(row.tr);
  }
  while (rows.length > state.months.length) rows.pop().tr.remove();
  state.months.forEach((m, i) => {
    for (const field of MONTH_FIELDS) {
      const input = rows[i].inputs[field];
      const value = m[field] ?? '';
      if (input.value !== value) input.value = value;
    }
  });
  if (state.selected >= state.months.length) state.selected = state.months.length - 1;
  markSelected();
  for (const node of planCountNodes) {
    node.textContent = t(state.lang, 'months_count', { n: state.months.length });
  }
}

function markSelected() {
  rows.forEach((row, i) => {
    const on = i === state.selected;
    if (row.pick.checked !== on) row.pick.checked = on;
    row.tr.classList.toggle('selected', on);
    if (on) row.tr.setAttribute('aria-selected', 'true');
    else row.tr.removeAttribute('aria-selected');
  });
  // The tools that act on the picked month name it before they are used.
  const name = t(state.lang, 'selected_month_is', { month: monthName(state.selected) });
  for (const node of document.querySelectorAll('[data-selected-month]')) node.textContent = name;
}

function select(i) {
  if (!Number.isInteger(i) || i < 0 || i >= state.months.length) return;
  state.selected = i;
  markSelected();
  renderWarnings();
  renderBill();
}

/** The grid cell (row, field) from a grid input, or null. */
function cellOf(target) {
  const m = /^months\[(\d+)\]\.(\w+)$/.exec(target?.name ?? '');
  return m ? { row: Number(m[1]), field: m[2] } : null;
}

/** The grid's visible data columns, in order. */
function visibleFields() {
  const chosen = basis();
  return MONTH_FIELDS.filter((f) => !((f === 'success_rate' || f === 'successes') && f !== chosen));
}

/** A new month after `prev`: its values copied, its month the next one (the module's fill). */
function nextMonth(prev) {
  if (!prev) return Object.fromEntries(MONTH_FIELDS.map((f) => [f, '']));
  let month = '';
  try {
    month = grow({ month: { month: prev.month, volume: '0', success_rate: '0' }, count: 2 }).months[0].month;
  } catch {
    // the month before is not a month yet: the new one is left for the user to type
  }
  return { ...prev, month };
}

// What people head a pasted column with, besides the grid's own labels (both languages) and the
// JSON names: compared without spaces, case, units in brackets and the trailing symbol ("T", "s").
const HEADER_WORDS = {
  month: ['月份', '月', '工作月', '结算月份', '年月', 'month', 'workmonth'],
  volume: ['外呼量', '外呼数', '外呼条数', '呼叫量', 'volume', 'records', 'recordsworked', 'calls'],
  success_rate: ['成功率', 'successrate', 'rate'],
  successes: ['成功单数', '成功数', '成功单', '成功量', 'successes', 'successfulorders'],
  sampled_records: ['抽查数', '抽查记录数', '抽查量', 'sampled', 'recordssampled'],
  inaccurate_records: ['不实记录数', '不实数', '不实记录', 'inaccurate', 'ofwhichinaccurate', 'inaccuraterecords'],
  telecom_charges: ['通讯费', '电话费', '通信费', '电信费', 'telecom', 'telecomcharges'],
  trial_records: ['试访记录数', '试访数', '试访', 'trialrecords', 'trial'],
  trial_successes: ['试访成功单数', '试访成功数', 'trialsuccesses'],
};

/** A header cell in the form compared: "外呼量 T（条）" → "外呼量", "Telecom charges (CNY)" → "telecomcharges". */
function headerKey(cell) {
  return cell
    .normalize('NFKC')
    .replace(/[（(][^）)]*[）)]/g, '')
    .trim()
    .replace(/\s+[A-Za-z0]{1,2}$/, '')
    .replace(/[\s_:：]/g, '')
    .toLowerCase();
}

/**
 * The fields a pasted first row names, when it is a header: at least one cell names a grid
 * column (its label in either language, its JSON name, or a usual heading such as 月份 外呼量
 * 成功率) and no other cell holds a digit (a value). Other headings ("备注") name no column: that
 * column is not pasted. `null` when the row is data.
 */
function headerFields(cells) {
  const names = new Map();
  for (const f of MONTH_FIELDS) {
    for (const word of [f, ...HEADER_WORDS[f], ...LANGS.map((lang) => t(lang, f))]) names.set(headerKey(word), f);
  }
  const fields = cells.map((cell) => names.get(headerKey(cell)) ?? (/[0-9０-９]/.test(cell) ? null : undefined));
  return fields.some((f) => f) && !fields.includes(null) ? fields : null;
}

/** The size of the last pasted block (rows × columns), for the undo notice. */
let pasted = { rows: 0, cols: 0 };

/**
 * Tab/newline-separated text (a spreadsheet range) into the grid from cell (row, field). A first
 * row that is a header (headerFields) is not typed into the cells: it says which column each
 * pasted column fills. Text without tabs whose first line is a header splits at spaces.
 */
function pasteBlock(row, field, text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const cols = visibleFields();
  const start = cols.indexOf(field);
  if (start < 0) return;
  let split = (line) => line.split('\t');
  let header = headerFields(split(lines[0]));
  if (!header && !text.includes('\t')) {
    split = (line) => line.trim().split(/\s+/);
    header = headerFields(split(lines[0]));
    if (!header) split = (line) => line.split('\t');
  }
  if (header) lines.shift();
  // With a header, a pasted column goes to the column it names; a header naming one success
  // basis (成功率 or 成功单数) shows that basis.
  const named = ['success_rate', 'successes'].filter((f) => header?.includes(f));
  if (named.length === 1 && named[0] !== basis()) {
    document.querySelector(`input[name="s_basis"][value="${named[0]}"]`).checked = true;
    showBasis();
  }
  const target = (c) => (header ? header[c] : cols[start + c]);
  const room = MAX_MONTHS - row;
  const width = header
    ? header.filter(Boolean).length
    : Math.min(cols.length - start, Math.max(...lines.map((line) => split(line).length)));
  pasted = { rows: Math.min(lines.length, Math.max(0, room)), cols: width };
  lines.slice(0, Math.max(0, room)).forEach((line, r) => {
    const i = row + r;
    // New months get the next month's name and blank cells: only the pasted columns are filled.
    while (state.months.length <= i) state.months.push({ ...nextMonth(null), month: nextMonth(state.months[state.months.length - 1]).month });
    split(line).forEach((cell, c) => {
      const f = target(c);
      if (f) state.months[i][f] = cell.trim();
    });
  });
}

/**
 * Months read from a results file (import.js): each fills the grid row of the same month (its
 * volume, successes and, when given, telecom charges), or a new row at the end; the grid then
 * counts by successes (rows that were counted by rate get the successes of their last bill).
 * Returns the rows filled.
 */
function fillMonths(months) {
  // Rows counted by rate keep their successes: the module's own figure from the last bill.
  if (basis() !== 'successes') {
    for (const row of state.months) {
      const billed = state.last?.result.months.find((m) => m.month === row.month);
      if (row.successes === '' && billed) row.successes = String(billed.successes);
    }
  }
  const filled = [];
  for (const m of months) {
    let i = state.months.findIndex((row) => row.month === m.month);
    if (i < 0 && state.months.length < MAX_MONTHS) {
      state.months.push({ ...nextMonth(null), month: m.month });
      i = state.months.length - 1;
    }
    if (i < 0) continue;
    Object.assign(state.months[i], { volume: String(m.volume), successes: String(m.successes) });
    if (m.telecom_charges != null) state.months[i].telecom_charges = m.telecom_charges;
    filled.push(i);
  }
  document.querySelector('input[name="s_basis"][value="successes"]').checked = true;
  showBasis();
  planChanged();
  return filled;
}

function moveFocus(row, field, by) {
  const to = rows[row + by]?.inputs[field];
  if (to) {
    to.focus();
    to.select();
  }
}

function showToolMessage(key, params) {
  toolMessage.dataset.key = key ?? '';
  toolMessage.dataset.params = JSON.stringify(params ?? {});
  toolMessage.textContent = key ? t(state.lang, key, params) : '';
}

function planChanged(how) {
  syncGrid();
  changed(how);
}

/** The rows from `from` on that hold any figure (a month name alone is not one). */
function filledFrom(from) {
  return state.months.slice(from).filter((m) => MONTH_FIELDS.some((f) => f !== 'month' && (m[f] ?? '') !== ''));
}

/** The fill tool waiting for its confirmation: { run, params }, or null. */
let pending = null;

/**
 * A tool that overwrites months with figures shows what it will change first: `run` goes ahead
 * once confirmed; `made` months replace every month after the picked one.
 */
function previewOverwrite(actionKey, made, run) {
  const after = state.selected + 1;
  const existing = state.months.length - after;
  if (filledFrom(after).length === 0) {
    run();
    return;
  }
  const kept = Math.min(existing, made);
  const params = {
    action: actionKey,
    n: kept,
    from: monthName(after),
    to: monthName(after + kept - 1),
    added: made > existing ? made - existing : 0,
    removed: existing > made ? existing - made : 0,
    removedFrom: existing > made ? monthName(after + made) : '',
  };
  pending = { run, params };
  showPreview();
  planConfirm.querySelector('[data-action="confirm"]').focus();
}

function showPreview() {
  if (!pending) return;
  const { params } = pending;
  const lang = state.lang;
  const added = [
    params.removed ? t(lang, 'overwrite_removed', { n: params.removed, from: params.removedFrom }) : '',
    params.added ? t(lang, 'overwrite_added', { n: params.added }) : '',
  ].join('');
  document.getElementById('plan-confirm-text').textContent = t(lang, 'overwrite_preview', { ...params, action: t(lang, params.action), added });
  planConfirm.hidden = false;
}

function hidePreview() {
  pending = null;
  planConfirm.hidden = true;
}

const actions = {
  add() {
    if (state.months.length >= MAX_MONTHS) return;
    state.months.push(nextMonth(state.months[state.months.length - 1]));
    // The month just added is the picked one (remove then removes it, not the one edited last).
    state.selected = state.months.length - 1;
    const month = monthName(state.selected);
    planChanged({ what: (lang) => t(lang, 'added_month', { month }) });
    select(state.selected);
    showToolMessage(null);
  },
  remove() {
    if (state.months.length <= 1) return;
    const i = state.selected;
    const month = monthName(i);
    state.months.splice(i, 1);
    planChanged({ what: (lang) => t(lang, 'removed_month', { row: i + 1, month }), select: i });
    showToolMessage(null);
  },
  copy() {
    const sel = state.selected;
    const base = state.months[sel];
    const n = state.months.length - sel - 1;
    previewOverwrite('copy_forward', n, () => {
      for (let i = sel + 1; i < state.months.length; i += 1) {
        state.months[i] = { ...base, month: state.months[i].month };
      }
      const month = monthName(sel);
      planChanged({ what: (lang) => t(lang, 'copied_what', { month, n }), select: sel });
      showToolMessage('copied', { n });
    });
  },
  confirm() {
    const run = pending?.run;
    hidePreview();
    run?.();
  },
  cancel() {
    hidePreview();
  },
  grow() {
    // The fill is the module's (exact, with the bill's number rules); its errors go to the tool.
    const count = document.getElementById('grow-count').value.trim();
    const sel = state.selected;
    const base = state.months[sel];
    const n = /^\d{1,3}$/.test(count) ? Number(count) : NaN;
    if (!(n >= 1 && sel + n <= MAX_MONTHS)) return showToolMessage('grow_bad_count', { max: MAX_MONTHS - sel });
    const input = { month: monthOf(base, basis()), count };
    for (const [key, id] of [['volume_growth', 'grow-volume'], ['rate_points', 'grow-rate']]) {
      const value = document.getElementById(id).value.trim();
      if (value !== '') input[key] = value;
    }
    let made;
    try {
      made = grow(input).months;
    } catch (thrown) {
      const [err] = problemsOf(thrown).errors;
      const field = GROW_FIELDS[err.path];
      return field
        ? showToolMessage('grow_bad_field', { field: t(state.lang, field), msg: message(err) })
        : showToolMessage('grow_bad_base', { month: base.month });
    }
    const chosen = basis();
    previewOverwrite('grow_apply', made.length, () => {
      state.months.splice(sel + 1, state.months.length, ...made.map((m) => ({ ...base, month: m.month, volume: m.volume, [chosen]: m.success })));
      const params = { n, from: base.month, to: state.months[state.months.length - 1].month };
      planChanged({ what: (lang) => t(lang, 'grown_what', params), select: sel });
      showToolMessage('grown', params);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Computation

/** A thrown `{ errors, warnings }` (or anything else thrown) as the problems to show. */
const problemsOf = (thrown) => problemsIn(thrown, t);

/**
 * Computes and shows everything. The bill comes first; `afterBill` runs as soon as it is in the
 * page, then the cash flow is computed and the grid's results, the table and the chart follow.
 */
function recompute(afterBill) {
  const scenario = readScenario();
  state.scenario = scenario;
  let result = null;
  let problems = { errors: [], warnings: [] };
  try {
    result = settle(scenario);
    problems.warnings = result.warnings ?? [];
  } catch (thrown) {
    problems = problemsOf(thrown);
  }
  state.errors = problems.errors;
  state.warnings = problems.warnings;
  if (result) state.last = { result, flow: state.last?.flow ?? null, scenario };
  renderResults();
  afterBill?.();
  let flow = null;
  if (result && scenario.months.length <= SYNC_FLOW_MONTHS) {
    try {
      flow = project(scenario);
      state.last.flow = flow;
    } catch (thrown) {
      // settle() accepted this scenario, so project() does too; if not, its problems are shown.
      problems = problemsOf(thrown);
      state.errors = problems.errors;
      state.warnings = problems.warnings;
      renderResults();
    }
  }
  renderPlan();
  renderCashflow();
  if (result && !flow) scheduleFlow();
  else if (flow) year.dataset.flow = 'ready';
}

/**
 * The cash flow of a long plan, a moment after the typing stops: project() costs as much as
 * settle() again, and the chart a redraw, so with many months they are not paid per keystroke.
 * `#year[data-flow]` is "pending" until the table and chart show the latest valid scenario.
 */
let flowTimer = 0;
function scheduleFlow() {
  clearTimeout(flowTimer);
  year.dataset.flow = 'pending';
  flowTimer = setTimeout(() => {
    flowTimer = 0;
    try {
      state.last.flow = project(state.last.scenario);
    } catch {
      // settle() accepted this scenario, so project() does too; if not, the old flow stays
    }
    renderCashflow();
    year.dataset.flow = 'ready';
  }, FLOW_DELAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Rendering

const message = (m) => messageIn(state.lang, m);

/** The input named `path`, and where its messages go (the visible one of a basis pair). */
function inputFor(path) {
  if (!path) return null;
  const input = document.querySelector(`[name="${CSS.escape(path)}"]`);
  if (!input) return null;
  const cell = cellOf(input);
  if (cell && (cell.field === 'success_rate' || cell.field === 'successes') && cell.field !== basis()) {
    return rows[cell.row]?.inputs[basis()] ?? null;
  }
  return input;
}

/** A field's name for messages: its label; in the grid with several months, with the month. */
function labelOf(input) {
  if (!input) return '';
  const cell = cellOf(input);
  const text = t(state.lang, cell ? cell.field : '') ;
  if (cell) {
    if (state.months.length === 1) return text;
    return `${monthName(cell.row)} ${text}`;
  }
  const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  return label ? label.textContent : '';
}

/** Month i as people see it: its YYYY-MM, or "month 4" when that cell is empty. */
function monthName(i) {
  const m = state.months[i]?.month;
  return m ? m : t(state.lang, 'month_n', { n: i + 1 });
}

function render() {
  renderResults();
  renderPlan();
  renderCashflow();
}

/** The errors, the warnings and the bill of the selected month, and the results' state. */
function renderResults() {
  renderErrors();
  renderWarnings();
  renderBill();
  const status = !state.last ? 'loading' : state.errors.length ? 'stale' : 'fresh';
  markResults([results, year], status); // the phone's total bar greys out too; print refuses
}

function renderErrors() {
  clearErrors();
  clearErrors = placeErrors(state.errors, {
    lang: state.lang,
    box: generalBox,
    find: (path) => {
      const input = inputFor(path);
      return input ? { input } : null;
    },
    where: (path) => {
      const month = /^months\[(\d+)\]/.exec(path);
      return month ? `${t(state.lang, 'month_legend')} ${monthName(Number(month[1]))}` : path;
    },
  });
}

let warned = [];
function renderWarnings() {
  for (const input of warned) input.classList.remove('has-warning');
  warned = [];
  warningsList.replaceChildren(
    ...state.warnings.map((w) => {
      const input = inputFor(w.path);
      if (input) {
        input.classList.add('has-warning');
        warned.push(input);
      }
      const field = labelOf(input) || (/^months\[(\d+)\]/.test(w.path) ? monthName(Number(/\d+/.exec(w.path)[0])) : '');
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

/** "8,084.56 元" for a summary (the amount shown as everywhere, negatives marked). */
function putSummary(node, amount) {
  put(node, `${grouped(amount)} ${t(state.lang, 'currency')}`);
  node.classList.toggle('neg', isNegative(amount));
}

/** Each month's total and dates in its grid row, and the scenario total. */
function renderPlan() {
  if (!state.last) return;
  const { result } = state.last;
  rows.forEach((row, i) => {
    const month = result.months[i];
    showAmount(row.out.total, month?.total);
    for (const key of ['report_due', 'invoice_by', 'payment_due']) put(row.out[key], month?.schedule[key]);
  });
  for (const node of yearTotalNodes) showAmount(node, result.total);
  for (const node of yearSummaryNodes) putSummary(node, result.total);
}

const FLOW_KEYS = ['month', 'invoice_by', 'payment_due', 'paid', 'amount', 'cumulative'];

/** The cash-flow table (rows kept, only changed text written) and the chart. */
let shownFlow = null; // the flow (and language) the table and chart show
function renderCashflow() {
  if (!state.last?.flow) return;
  if (shownFlow?.flow === state.last.flow && shownFlow.lang === state.lang) return;
  shownFlow = { flow: state.last.flow, lang: state.lang };
  const { payments } = state.last.flow;
  while (flowRows.length < payments.length) {
    const i = flowRows.length;
    const cells = {};
    const tr = el('tr', {});
    for (const key of FLOW_KEYS) {
      const node = el(key === 'month' || key === 'amount' || key === 'cumulative' ? 'span' : 'time', { 'data-result': `payments[${i}].${key}` });
      cells[key] = node;
      const cls = key === 'amount' || key === 'cumulative' ? 'num' : key === 'invoice_by' ? 'cf-invoice' : null;
      // A late payment says so in words too, not by its colour alone (WCAG 1.4.1).
      if (key === 'paid') cells.late = el('span', { class: 'cf-late late', 'data-result': `payments[${i}].paid_late` });
      tr.append(el(key === 'month' ? 'th' : 'td', { scope: key === 'month' ? 'row' : null, class: cls }, node, key === 'paid' ? cells.late : null));
    }
    flowRows.push({ tr, cells });
    cashflowRows.append(tr);
  }
  while (flowRows.length > payments.length) flowRows.pop().tr.remove();
  payments.forEach((p, i) => {
    for (const key of FLOW_KEYS) {
      if (key === 'amount' || key === 'cumulative') showAmount(flowRows[i].cells[key], p[key]);
      else put(flowRows[i].cells[key], p[key]);
    }
    const late = Boolean(p.paid) && p.paid > p.payment_due; // ISO dates
    flowRows[i].cells.paid.classList.toggle('late', late);
    const days = late ? daysBetween(p.payment_due, p.paid) : 0;
    put(flowRows[i].cells.late, late ? t(state.lang, days === 1 ? 'cf_paid_late_1' : 'cf_paid_late', { n: days }) : '');
  });
  const last = payments[payments.length - 1];
  for (const node of cfCountNodes) {
    node.textContent = last ? t(state.lang, 'cf_count', { n: payments.length, last: last.payment_due }) : '';
  }
  chart.update(payments, state.lang);
}

function setResult(key, value) {
  for (const node of inResults(`[data-result="${key}"]`)) put(node, value);
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

/** The bill table's rows, one per line key (see renderBill). */
let billRows = [];
function renderBill() {
  if (!state.last) {
    // No valid scenario yet (one kept with an error): the check's fields still show what was
    // typed, so that it can be put right there.
    if (checkShown) timeline.render(state.scenario, Math.min(state.selected, state.scenario.months.length - 1), state.lang);
    return;
  }
  const { result, scenario } = state.last;
  const lang = state.lang;
  const month = result.months[Math.min(state.selected, result.months.length - 1)];
  setResult('month', month.month);
  setResult('work_month', month.month);

  // The rows are kept while the lines keep their keys, and only changed text is written: a
  // keystroke then lays out a few text nodes instead of a new table.
  const keys = month.lines.map((line) => line.key).join(' ');
  if (billLines.dataset.keys !== keys) {
    billLines.dataset.keys = keys;
    billRows = month.lines.map((line) => {
      const row = {
        label: el('span', { class: 'line-label' }),
        clause: el('span', { class: 'clause' }),
        formula: el('div', { class: 'formula' }),
        expression: el('div', { class: 'expression' }),
        exact: el('div', { class: 'exact-note' }),
        amount: el('span', { 'data-result': line.key }),
      };
      row.tr = el(
        'tr',
        { 'data-line': line.key },
        el('th', { scope: 'row', class: 'col-item' }, row.label, row.clause),
        el('td', { class: 'col-formula' }, row.formula, row.expression, row.exact),
        el('td', { class: 'num amount col-amount' }, row.amount),
      );
      return row;
    });
    billLines.replaceChildren(...billRows.map((row) => row.tr));
  }
  month.lines.forEach((line, i) => {
    const row = billRows[i];
    put(row.label, lang === 'en' ? line.label_en : line.label_zh);
    put(row.clause, clause(lang, line.clause));
    put(row.formula, line.formula === 'telecom' ? t(lang, 'telecom_formula') : line.formula);
    put(row.expression, `= ${line.expression}`);
    const exact = line.exact !== undefined && !sameDecimal(line.exact, line.amount);
    row.exact.hidden = !exact;
    put(row.exact, exact ? t(lang, 'exact_note', { exact: line.exact }) : '');
    showAmount(row.amount, line.amount);
  });

  for (const node of inResults('[data-result="total"]')) showAmount(node, month.total);
  for (const node of totalBarNodes) putSummary(node, month.total);
  setResult('successes', month.successes);
  setResult('target_successes', month.target_successes);
  setResult('shortfall', month.shortfall);
  setResult('billable_volume', month.billable_volume);

  const s = month.schedule;
  for (const key of ['report_due', 'confirm_by', 'invoice_by', 'payment_due']) {
    setResult(key, s[key]);
    for (const node of inResults(`[data-weekday="${key}"]`)) put(node, weekday(s[key]));
    // Why the date is there: moved off a holiday or weekend, or a 调休 working day.
    setResult(`date_note.${key}`, dayNote(lang, s.notes?.[key]));
  }
  const settlement = scenario.terms.settlement ?? {};
  const setting = (name) => {
    const v = settlement[name];
    return v === undefined ? form.querySelector(`[name="terms.settlement.${name}"]`).dataset.default : String(v).trim();
  };
  // Calendar days: the gap between the dates. Working days: the terms' counts (the dates
  // skip weekends and holidays, so their gap says more days).
  const working = settlement.day_count === 'working';
  // 第四条 3 counts from receipt: with the clerk's actual date of the step before, the period
  // counts from it (the module's schedule does), and the note says so, with the date as the
  // module read it (YYYY-MM-DD, whatever form was typed).
  const index = result.months.indexOf(month);
  const checked = scenario.months[index]?.actual ? timeline.check(scenario, index) : null;
  const actual = Object.fromEntries((checked?.steps ?? []).filter((c) => c.actual).map((c) => [c.step, c.actual]));
  const after = (from, to, name, start) => {
    const given = actual[start];
    const n = setting(name);
    if (working) return t(lang, given ? 'cal_workdays_after_actual' : 'cal_workdays_after', { n, date: given });
    const gap = daysBetween(given ?? s[from], s[to]);
    // A last day on a rest day moves on (民法典 第二百零三条).
    const moved = String(gap) !== n;
    const key = given ? (moved ? 'cal_days_moved_actual' : 'cal_days_after_actual') : moved ? 'cal_days_moved' : 'cal_days_after';
    return t(lang, key, { n, gap, date: given });
  };
  const notes = {
    report_due: t(lang, 'cal_report_rule', { lag: setting('lag_months'), day: setting('report_day') }),
    confirm_by: after('report_due', 'confirm_by', 'confirm_days', 'report_received'),
    invoice_by: after('confirm_by', 'invoice_by', 'invoice_days', 'confirmed'),
    payment_due: after('invoice_by', 'payment_due', 'payment_days', 'invoice_received'),
  };
  for (const node of inResults('[data-calendar-heading]')) {
    put(node, t(lang, working ? 'calendar_heading_working' : 'calendar_heading'));
  }
  // Which dates the holiday data covers: working days count by it, and in both day counts a
  // deadline on a rest day moves to the next working day (民法典 第二百零三条).
  const moves = settlement.rest_day_rule !== 'none';
  for (const node of inResults('[data-result="holiday_coverage"]')) {
    node.hidden = !working && !moves;
    put(node, working || moves ? t(lang, 'holiday_coverage', holidayCoverage()) : '');
  }
  for (const [key, text] of Object.entries(notes)) {
    for (const node of inResults(`[data-note="${key}"]`)) put(node, text);
  }
  if (checkShown) timeline.render(scenario, index, lang);
  policy.show(scenario, lang);
  showRange(rangeNode, policy.range?.months[index], lang);
}

// ---------------------------------------------------------------------------------------------
// Language

function applyStaticText() {
  const lang = state.lang;
  // Only what differs is written (the page's HTML is already in Chinese): fewer nodes to lay out.
  applyText(lang, t);
  for (const input of form.querySelectorAll('[data-default]')) {
    input.placeholder = t(lang, 'default_is', { v: input.dataset.default });
  }
  const legend = document.getElementById('legend-list');
  legend.replaceChildren(
    ...t(lang, 'legend').map(([sym, meaning]) => el('div', {}, el('dt', { text: sym }), el('dd', { text: meaning }))),
  );
  for (const node of planCountNodes) {
    node.textContent = t(lang, 'months_count', { n: state.months.length });
  }
  undo.relabel();
  example.relabel();
  showPreview();
  if (toolMessage.dataset.key) toolMessage.textContent = t(lang, toolMessage.dataset.key, JSON.parse(toolMessage.dataset.params || '{}'));
  translateLinkError(lang);
  tools.translate();
  showVersion();
}

function showVersion() {
  if (state.loaded) document.getElementById('version').textContent = t(state.lang, 'footer_version', { v: version() });
}

function setLang(lang) {
  if (!LANGS.includes(lang)) return;
  state.lang = lang;
  saveLang(lang);
  applyStaticText();
  render();
}

// ---------------------------------------------------------------------------------------------
// Start

// Print, CSV, JSON and the share link (plan-export.js, loaded after the first bill: not on the
// first paint's path): refused while an input is wrong.
let tools = { translate() {} };
const mountTools = async () => (await import('./plan-export.js')).mountExportTools({
  t,
  state: () => ({ errors: state.errors, last: state.last, selected: state.selected, lang: state.lang }),
  open(scenario) {
    showLinkError(null);
    applyScenario(scenario);
    changed({ what: (lang) => t(lang, 'opened_json_what') });
  },
  link() {
    url.write(() => encodeState(readScenario()));
    url.flush();
    return location.href;
  },
  name: (path) => labelOf(inputFor(path)) || path,
  policy: (lang) => policy.statementLine(lang),
});

onFormEdit(form, (event) => changed({ key: event.target.name || null }));

// The grid: one listener for all its cells. Typing updates the month's model and recomputes;
// the inputs are not rebuilt.
year.addEventListener('input', (event) => {
  const target = event.target;
  if (target.name === 's_basis') {
    showBasis();
    changed();
    return;
  }
  const cell = cellOf(target);
  if (!cell || !state.months[cell.row]) return;
  state.months[cell.row][cell.field] = target.value;
  changed({ key: target.name });
});
year.addEventListener('change', (event) => {
  const target = event.target;
  if (target.name === 's_basis') {
    showBasis();
    changed();
  } else if (target.name === 'detail_month' && target.checked) {
    select(Number(target.value));
  }
});
year.addEventListener('keydown', (event) => {
  const cell = cellOf(event.target);
  if (!cell || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
  if (event.key === 'ArrowDown' || (event.key === 'Enter' && !event.shiftKey)) {
    event.preventDefault();
    moveFocus(cell.row, cell.field, 1);
  } else if (event.key === 'ArrowUp' || (event.key === 'Enter' && event.shiftKey)) {
    event.preventDefault();
    moveFocus(cell.row, cell.field, -1);
  }
});
year.addEventListener('paste', (event) => {
  const cell = cellOf(event.target);
  const text = event.clipboardData?.getData('text/plain') ?? '';
  // One value: the browser pastes it into the cell as usual (an `input` event follows).
  if (!cell || !/[\t\n]/.test(text.replace(/[\r\n]+$/, ''))) return;
  event.preventDefault();
  pasteBlock(cell.row, cell.field, text);
  const { rows: r, cols: c } = pasted;
  planChanged({ what: (lang) => t(lang, 'pasted_block', { rows: r, cols: c }) });
});
year.addEventListener('click', (event) => {
  const action = event.target.closest('[data-action]')?.dataset.action;
  if (action && actions[action]) actions[action]();
});
for (const id of ['grow-count', 'grow-volume', 'grow-rate']) {
  document.getElementById(id).addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      actions.grow();
    }
  });
}
onLangButtons((lang) => setLang(lang));
document.querySelector('[data-action="reset-example"]').addEventListener('click', () => {
  showLinkError(null);
  applyScenario(workedExample());
  example.set(true);
  changed({ what: (lang) => t(lang, 'reset_what') });
});

// Back or Forward to a page the browser kept in memory: the scenario may have changed on the
// what-if page since; show the one on this device.
addEventListener('pageshow', (event) => {
  const kept = acceptScenario(stored(SCENARIO_KEY));
  if (!event.persisted || !state.loaded || !kept) return;
  if (JSON.stringify(kept) === JSON.stringify(state.scenario)) return;
  applyScenario(kept);
  recompute();
  undo.start(readScenario());
});

// The first bill on screen: the paint of its total (`elementtiming="first-bill"` on its cell, which
// has no text until the bill fills it). Called once the bill is in the page; browsers without
// Element Timing record that moment. Resolves once recorded, or after 2 s; at once when the first
// scenario has errors (`billed` false: no total, so nothing to time).
function timeFirstBill(billed) {
  return new Promise((resolve) => {
    if (!billed) {
      resolve();
      return;
    }
    const record = (ms) => {
      document.body.dataset.firstBillMs ??= String(ms);
      resolve();
    };
    if (!PerformanceObserver.supportedEntryTypes?.includes('element')) {
      record(document.body.dataset.billInPageMs);
      return;
    }
    setTimeout(resolve, 2000);
    const observer = new PerformanceObserver((list) => {
      const entry = list.getEntries().find((e) => e.identifier === 'first-bill');
      if (!entry) return;
      observer.disconnect();
      record(Math.round(entry.renderTime || entry.loadTime));
    });
    observer.observe({ type: 'element', buffered: true });
  });
}

/**
 * The scenario to start with: a link opened afresh (decoded once the module is in) — else the
 * one kept on this device (Back, reload, the what-if tab) — else the worked example.
 */
function startScenario() {
  const fromLink = urlState() !== null && (openedAfresh() || stored(SCENARIO_KEY) === null);
  return fromLink ? null : acceptScenario(stored(SCENARIO_KEY)) ?? workedExample();
}

/** The link's scenario (module loaded), or the example and the bad link's problem shown. */
function linkScenario() {
  const read = readUrlState(decodeState, acceptScenario, t);
  if (read.state) return read.state;
  showLinkError(read.error, state.lang);
  return workedExample();
}

async function start() {
  state.lang = savedLang() ?? state.lang;
  const firstVisit = stored(SCENARIO_KEY) === null && urlState() === null;
  const first = startScenario();
  applyScenario(first ?? workedExample());
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
  if (!first) {
    const linked = linkScenario();
    applyScenario(linked);
    if (document.getElementById('link-error').hidden) save(SCENARIO_KEY, readScenario());
  }
  // The first visit shows the example, marked; a link's scenario is the sender's, not one (a
  // link that cannot be read shows the example: marked).
  if (firstVisit) example.set(true);
  else if (!first) example.set(!document.getElementById('link-error').hidden);
  else example.refresh();
  undo.start(readScenario());
  // Kept on this device: in the URL too, so that the address bar's link brings it back.
  if (first && stored(SCENARIO_KEY) !== null) {
    url.write(() => encodeState(readScenario()));
    url.flush();
  }
  else if (urlState() !== null) markEntry();
  showVersion(); // the rest of the static text was written above
  // The bill goes into the page first (its paint is timed by timeFirstBill); the month grid's
  // results and the cash flow follow in the same task (nothing is drawn in between).
  recompute(() => {
    document.body.dataset.billInPageMs = String(performance.now());
  });
  // What index.html marks `data-after-bill` (the month grid and cash flow, the import, the deal
  // policy, the schedule and the clerk's check) is shown, the check is made, and uPlot (the
  // cash-flow chart) loads, once the first bill is on screen: the first frame holds the form and
  // the bill only. Set in this task, before the chart's first frame asks for the library.
  const billed = timeFirstBill(state.errors.length === 0);
  chartsAfter(billed.then(() => {
    for (const node of document.querySelectorAll('[data-after-bill]')) node.hidden = false;
    checkShown = true;
    renderBill();
    if (state.errors.length) renderErrors(); // the check's errors go to its fields, now there
  }));
  // The chart library follows the first bill's paint; the page is ready (and makes no request
  // from then on) once it and the modules below are in.
  // Without the chart the table still has every number, but a chart that failed to load is a
  // failure of the page: "error", and the chart says so (cashflow.js).
  // (A draw that failed while the tools loaded counts too.)
  // The modules the first bill does not need load after its paint too, and before the page is
  // ready: the results-file import (issue 17; its worker and the module's import code load on
  // the first file) and the iframe message API.
  const later = billed.then(() => Promise.all([import('./frame-api.js'), import('./import.js')]))
    .then(([frames]) => frames, (e) => {
      console.error(e);
      return null;
    });
  const charted = await loadLibrary().then(() => true, () => false);
  tools = await mountTools();
  const frames = await later;
  document.body.dataset.ready = charted && !chart.failure && frames ? 'true' : 'error';
  resolveReady(window.callsettle);
  // A portal framing the page may now send it scenarios (frame-api.js, the iframe message API).
  frames?.answerFrames({
    show(scenario) {
      showLinkError(null);
      applyScenario(scenario);
      changed();
      return readScenario();
    },
    scenario: () => readScenario(),
    setPolicy: (doc) => policy.set(doc),
  });
}

start();
