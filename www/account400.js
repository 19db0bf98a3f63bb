// The 400-number account page (contract 2, 业务服务协议): dates, the inbound (被叫) and outbound
// (外呼) accounts and planned top-ups in; the documents deadline, run-out, suspension and forfeit,
// the renew-by date, the smallest top-ups and the balance projection (table and chart) out,
// recomputed by the WASM module (projectAccount400) on every `input` event. No network use after
// the page's own files.
//
// Conventions (the same as the main page's, app.js):
// - Input names are JSON paths of Account400Input: `signing_date`, `validity.start`,
//   `inbound.balance`, `outbound.tariff_per_minute`, `top_ups[0].date`, `top_ups[0].account`,
//   `top_ups[0].amount`, `granularity`, … The typed strings are sent unchanged (never parsed in
//   JS). Empty optional fields (`data-optional`) are left out so the module's defaults apply;
//   empty required fields are sent as "" (the module reports them).
// - `data-result="<key>"` holds a result under the module's output field name: `documents_due`,
//   `renew_by`, `renew_reason`, `inbound.runs_out`, `outbound.runs_out`, `outbound_suspended`,
//   `outbound_forfeited`, `inbound.balance_at_end`, `outbound.balance_at_end`,
//   `inbound.top_up_needed`, `outbound.top_up_needed`, `top_up_date`, `top_up_until`,
//   `validity_end` (the chart, its marked dates and the plan: account400-chart.js), and per
//   row i `rows[i].from`, `rows[i].inbound.balance`, `rows[i].outbound.balance`. Dates are
//   as the module wrote them; a null shows a phrase in the current language and the element
//   gets `data-null="true"`. Amounts are shown grouped ("1,000.00"), the module's exact text in
//   `data-value`.
// - The input is kept on this device (localStorage `callsettle.account400`) and in the URL
//   (`#s=` + encodeState); "reset to example" starts over (docs/rules.md).
// - `data-error-path="<path>"` (with `data-error-code`) holds one error next to the input named
//   <path> (aria-invalid="true"), or in the general box. While there are errors `#results` has
//   `data-state="stale"` (else "fresh") and shows the last valid results.
// - `data-warning="<code>"` (with `data-warning-path`) is one warning in the warnings list.
// - Readiness: `document.body.dataset.ready = "true"` after the first projection ("error" if the
//   module failed to load). The language is shared with the main page (localStorage
//   `callsettle.lang`).

import init, { capitalAmount, decodeState, encodeState, projectAccount400 } from '../pkg/callsettle_account400.js';
import { BalanceChart, showPlan } from './account400-chart.js';
import { datePickers } from './datepick.js';
import { mountRenewals } from './account400-renewals.js';
import { load } from './boot.js';
import { LANGS, t } from './i18n-account400.js';
import {
  applyText, el, getPath, guardPrint, load as stored, markEntry, markResults, message as messageIn, refusal, onLangButtons, openedAfresh,
  grouped, onFormEdit, placeErrors, problemsOf, readUrlState, save, saveLang, savedLang, setPath, showAmount, showLinkError,
  translateLinkError, urlState, urlWriter,
} from './ui.js';
import { undoHistory } from './undo.js';
import { exampleMark } from './example.js';

const loading = load(init); // compiled since boot.js ran from the page's <head>

const form = document.getElementById('account400');
const results = document.getElementById('results');
const generalBox = document.getElementById('general-errors');
const warningsBox = document.getElementById('warnings');
const warningsList = document.getElementById('warnings-list');
const topUpRows = document.getElementById('top-up-rows');
const topUpsNone = document.getElementById('top-ups-none');
const rowsBody = document.getElementById('rows-body');
const chartBox = document.getElementById('balance-chart');
const projectionView = document.getElementById('projection');
// Ctrl+P while an input is wrong prints why, not the last figures.
guardPrint(() => refusal(state.errors ?? [], { lang: state.lang, t, action: 'action_print', name: fieldLabel }));


/** Where this page keeps its input on the device (its own: not the calculator's scenario). */
const INPUT_KEY = 'callsettle.account400';

const state = { lang: savedLang() ?? 'zh', loaded: false, last: null, warned: [], clearErrors: () => {} };
const url = urlWriter();

// ---------------------------------------------------------------------------------------------
// Top-up rows

function addTopUp({ date = '', account = 'inbound', amount = '' } = {}) {
  const i = topUpRows.children.length;
  const row = el('li', { class: 'top-up-row' });
  const date_ = el('input', { type: 'text', class: 'date', inputmode: 'numeric', spellcheck: 'false', value: date });
  const acct = el('select', {});
  for (const kind of ['inbound', 'outbound']) acct.append(el('option', { value: kind, 'data-i18n': `account_${kind}` }));
  acct.value = account;
  const amt = el('input', { type: 'text', inputmode: 'decimal', spellcheck: 'false', value: amount });
  const remove = el('button', { type: 'button', class: 'btn btn-remove', 'data-action': 'remove-top-up' });
  // Each field's caption, shown on a phone, where the row takes two lines and the head is hidden.
  const caption = (key) => el('span', { class: 'cell-label', 'aria-hidden': 'true', 'data-i18n': key });
  row.append(
    el('span', { class: 'cell cell-date' }, caption('col_date'), date_),
    el('span', { class: 'cell cell-account' }, caption('col_account'), acct),
    el('span', { class: 'cell cell-amount' }, caption('col_amount'), amt),
    el('span', { class: 'cell cell-remove' }, remove),
  );
  topUpRows.append(row);
  renumber();
  translate(row);
  return i;
}

/** Names and labels follow the row order: row i is top_ups[i]. */
function renumber() {
  [...topUpRows.children].forEach((row, i) => {
    const [date, account, amount] = row.querySelectorAll('input, select');
    date.name = `top_ups[${i}].date`;
    account.name = `top_ups[${i}].account`;
    amount.name = `top_ups[${i}].amount`;
    date.id = `f-top_ups-${i}-date`;
    const n = i + 1;
    const label = (key) => t(state.lang, 'top_up_field', { n, field: t(state.lang, key) });
    date.setAttribute('aria-label', label('col_date'));
    account.setAttribute('aria-label', label('col_account'));
    amount.setAttribute('aria-label', label('col_amount'));
    date.placeholder = t(state.lang, 'date_hint');
    const remove = row.querySelector('[data-action="remove-top-up"]');
    remove.textContent = '✕';
    remove.title = t(state.lang, 'remove_top_up_n', { n });
    remove.setAttribute('aria-label', t(state.lang, 'remove_top_up_n', { n }));
  });
  topUpsNone.hidden = topUpRows.children.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Reading the form

function readInput() {
  const input = { top_ups: [] };
  for (const node of form.querySelectorAll('[name]')) {
    const value = node.value;
    if (value.trim() === '' && node.hasAttribute('data-optional')) continue;
    setPath(input, node.name, value);
  }
  return input;
}

// ---------------------------------------------------------------------------------------------
// Rendering

const message = (m) => messageIn(state.lang, m);

function weekday(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${t(state.lang, 'weekday_prefix')}${t(state.lang, 'weekdays')[day]}`;
}

function fieldLabel(path) {
  const input = form.querySelector(`[name="${CSS.escape(path)}"]`);
  if (!input) return '';
  if (input.labels?.length) return input.labels[0].textContent;
  return input.getAttribute('aria-label') ?? path;
}

function showProblems(errors, warnings) {
  for (const input of state.warned) input.classList.remove('has-warning');
  state.warned = [];
  state.clearErrors();
  state.clearErrors = placeErrors(errors, {
    lang: state.lang,
    box: generalBox,
    find: (path) => {
      const input = form.querySelector(`[name="${CSS.escape(path)}"]`);
      // In a top-up row the message goes under the row; elsewhere right after the input.
      const row = input?.closest('.top-up-row, .renewal-row');
      return input ? { input, after: row?.lastElementChild } : null;
    },
  });

  warningsList.replaceChildren(
    ...warnings.map((w) => {
      const input = w.path ? form.querySelector(`[name="${CSS.escape(w.path)}"]`) : null;
      if (input && !input.hasAttribute('aria-invalid')) {
        input.classList.add('has-warning');
        state.warned.push(input);
      }
      const field = input ? fieldLabel(w.path) : '';
      return el(
        'li',
        { 'data-warning': w.code, 'data-warning-path': w.path },
        field ? el('span', { class: 'msg-field', text: t(state.lang, 'field_of', { field }) }) : null,
        document.createTextNode(message(w)),
      );
    }),
  );
  warningsBox.hidden = warnings.length === 0;
}

/** Keys whose results are amounts (shown as every amount is). */
const AMOUNTS = new Set([
  'outbound_forfeited', 'inbound.balance_at_end', 'outbound.balance_at_end', 'inbound.top_up_needed',
  'outbound.top_up_needed', 'top_ups_needed_total',
]);

function put(key, value, nullKey) {
  for (const node of document.querySelectorAll(`[data-result="${CSS.escape(key)}"]`)) {
    const isNull = value === null || value === undefined;
    if (isNull || !AMOUNTS.has(key)) {
      node.textContent = isNull ? t(state.lang, nullKey) : value;
      delete node.dataset.value;
      node.classList.remove('neg');
    } else {
      showAmount(node, value);
    }
    node.toggleAttribute('data-null', isNull);
    if (isNull) node.dataset.null = 'true';
  }
  for (const node of document.querySelectorAll(`[data-weekday="${CSS.escape(key)}"]`)) {
    node.textContent = value ? weekday(value) : '';
  }
  const res = document.querySelector(`[data-res="${CSS.escape(key)}"]`);
  if (res) res.classList.toggle('is-null', value === null || value === undefined);
}

function showProjection(p) {
  const lang = state.lang;
  put('documents_due', p.documents_due);
  document.querySelector('[data-note="documents_due"]').textContent = t(lang, 'documents_note', {
    date: form.querySelector('[name="signing_date"]').value.trim(),
  });
  put('renew_by', p.renew_by);
  put('validity_end', p.validity_end);
  put('renew_reason', p.renew_reason);
  for (const node of document.querySelectorAll('[data-summary="renew_by"]')) node.textContent = p.renew_by;
  for (const node of document.querySelectorAll('[data-summary-weekday="renew_by"]')) node.textContent = weekday(p.renew_by);
  document.body.dataset.renew = p.renew_reason;
  document.querySelector('[data-note="renew_by"]').textContent = t(lang, `renew_note_${p.renew_reason}`);
  document.querySelector('[data-res="renew_by"]').dataset.reason = p.renew_reason;
  put('inbound.runs_out', p.inbound.runs_out, 'lasts');
  // Suspended before its own balance ran out: say so rather than "lasts to the end".
  put('outbound.runs_out', p.outbound.runs_out, p.outbound_suspended ? 'not_before_suspension' : 'lasts');
  document.querySelector('[data-res="outbound.runs_out"]').classList.toggle('is-neutral', !p.outbound.runs_out && Boolean(p.outbound_suspended));
  put('outbound_suspended', p.outbound_suspended, 'not_suspended');
  put('outbound_forfeited', p.outbound_forfeited, 'nothing_forfeited');
  put('inbound.balance_at_end', p.inbound.balance_at_end);
  put('outbound.balance_at_end', p.outbound.balance_at_end);
  put('inbound.top_up_needed', p.inbound.top_up_needed, 'top_up_too_late');
  put('outbound.top_up_needed', p.outbound.top_up_needed, 'top_up_too_late');
  put('top_ups_needed_total', p.top_ups_needed_total, 'top_ups_total_too_late');
  // Too late is a problem (styled as one), with the top-up that was still in time.
  for (const kind of ['inbound', 'outbound']) {
    const inTime = p[kind].in_time;
    const node = document.querySelector(`[data-result="${kind}.in_time"]`);
    node.hidden = !inTime;
    node.textContent = inTime ? t(lang, 'top_up_in_time', { date: inTime.date, amount: grouped(inTime.amount) }) : '';
    document.querySelector(`[data-res="${kind}.top_up_needed"]`).classList.toggle('is-late', !p[kind].top_up_needed);
  }
  // The smallest top-ups last to the validity end, or to the projection's end when earlier
  // (ISO dates compare as strings).
  const topUpUntil = p.validity_end < p.projection_to ? p.validity_end : p.projection_to;
  document.getElementById('top-up-heading').replaceChildren(
    ...t(lang, 'top_up_heading', { date: '\u0000', end: '\u0001' })
      .split(/(\u0000|\u0001)/)
      .map((part) =>
        part === '\u0000'
          ? el('span', { 'data-result': 'top_up_date', text: p.top_up_date })
          : part === '\u0001'
            ? el('span', { 'data-result': 'top_up_until', text: topUpUntil })
            : document.createTextNode(part),
      ),
  );
  const caption = t(lang, p.granularity === 'month' ? 'table_caption_month' : 'table_caption_day');
  document.getElementById('rows-caption').textContent = caption;
  document.getElementById('rows-note').textContent = caption;
  renderRows(p.rows, p.granularity, state.lastInput);
  // The chart always shows every day; the table follows the chosen granularity.
  chart.update(p.granularity === 'day' ? p.rows : dailyRows(), p, lang);
  showPlan(document.getElementById('plan-card'), p.plan, lang, capital);
}

/** An amount in 大写 for the printout, with 人民币 before it as on the calculator's printed
 *  statements; empty if the module refuses it. */
function capital(amount) {
  try {
    return capitalAmount(amount, { prefix: true });
  } catch {
    return '';
  }
}

function renderRows(rows, granularity, input) {
  const dash = (v) => (v === '0.00' ? '' : v);
  // Opening dates of the last valid input: rows before them show "not open yet", not "stopped".
  // (ISO dates compare as strings.)
  const opened = { inbound: input?.inbound?.opened?.trim(), outbound: input?.outbound?.opened?.trim() };
  rowsBody.replaceChildren(
    ...rows.map((r, i) => {
      const from = el('time', { 'data-result': `rows[${i}].from`, text: r.from });
      const period =
        granularity === 'month'
          ? el('th', { scope: 'row' }, from, r.from === r.to ? null : ` – ${r.to.slice(5)}`)
          : el('th', { scope: 'row' }, from, ' ', el('span', { class: 'row-weekday', text: weekday(r.from) }));
      const cells = (key) => {
        const acc = r[key];
        const notOpen = opened[key] && r.to < opened[key];
        const amount = el('span', { 'data-result': `rows[${i}].${key}.balance` });
        showAmount(amount, acc.balance);
        const balance = el('td', { class: 'num bal' }, amount);
        if (notOpen) {
          balance.classList.add('is-off');
          balance.append(' ', el('span', { class: 'tag tag-closed', text: t(state.lang, 'not_open') }));
        } else if (!acc.in_service) {
          balance.classList.add('is-off');
          balance.append(' ', el('span', { class: 'tag tag-off', title: t(state.lang, 'stopped_title'), text: t(state.lang, 'stopped') }));
        }
        return [balance, el('td', { class: 'num up', text: grouped(dash(acc.top_ups)) }), el('td', { class: 'num', text: grouped(dash(acc.charged)) })];
      };
      const [inBalance, ...inRest] = cells('inbound');
      const [outBalance, ...outRest] = cells('outbound');
      return el('tr', {}, period, inBalance, outBalance, ...inRest, ...outRest);
    }),
  );
}

/** The last valid input's rows by day (for the chart when the table shows months). */
function dailyRows() {
  try {
    return projectAccount400({ ...state.lastInput, granularity: 'day' }).rows;
  } catch {
    return [];
  }
}

function recompute() {
  const input = readInput();
  let projection = null;
  let errors = [];
  let warnings = [];
  try {
    projection = projectAccount400(input);
    warnings = projection.warnings ?? [];
  } catch (thrown) {
    ({ errors, warnings } = problemsOf(thrown, t));
  }
  state.errors = errors;
  state.warnings = warnings;
  if (projection) {
    state.last = projection;
    state.lastInput = input;
  }
  showProblems(errors, warnings);
  // Every result view (dates, top-ups, chart, plan, table) keeps its last figures, marked stale,
  // while an input is wrong; the plan cannot be applied then, and print refuses (ui.js).
  markResults([results, projectionView], errors.length ? 'stale' : 'fresh');
  document.getElementById('apply-plan').disabled = errors.length > 0;
  if (projection) showProjection(projection);
}

// ---------------------------------------------------------------------------------------------
// Language

function translate(root = document) {
  applyText(state.lang, t, root);
}

function applyStaticText() {
  const lang = state.lang;
  translate();
  translateLinkError(lang);
  for (const input of form.querySelectorAll('input.date')) input.placeholder = t(lang, 'date_hint');
  renamePickers();
  const ph = { optional: () => t(lang, 'optional_hint'), default0: () => t(lang, 'default_is', { v: 0 }) };
  for (const input of form.querySelectorAll('[data-placeholder-key]')) {
    const key = input.dataset.placeholderKey;
    input.placeholder = ph[key] ? ph[key]() : t(lang, key);
  }
  renumber();
  renewals.relabel();
  undo.relabel();
  example.relabel();
}

function setLang(lang) {
  if (!LANGS.includes(lang)) return;
  state.lang = lang;
  saveLang(lang);
  applyStaticText();
  if (state.loaded) {
    showProblems(state.errors, state.warnings);
    if (state.last) showProjection(state.last);
  }
}

const chart = new BalanceChart(chartBox, document.getElementById('chart-marks'));
const renewals = mountRenewals({
  list: document.getElementById('renewal-rows'),
  add: document.getElementById('add-renewal'),
  none: document.getElementById('renewals-none'),
  lang: () => state.lang,
  changed: (how) => changed(how),
});

// ---------------------------------------------------------------------------------------------
// Start

/** Puts an input (from this device, a link, or the example) into the form, top-up rows and all. */
function applyInput(input) {
  for (const node of form.querySelectorAll('[name]:not([name^="top_ups["], [name^="renewals["])')) {
    const v = getPath(input, node.name);
    if (node.tagName === 'SELECT') node.value = v ?? node.options[0].value;
    else node.value = v == null ? '' : String(v);
  }
  const text = (v) => (v == null ? '' : String(v));
  topUpRows.replaceChildren();
  for (const topUp of Array.isArray(input.top_ups) ? input.top_ups : []) {
    addTopUp({ date: text(topUp?.date), account: topUp?.account === 'outbound' ? 'outbound' : 'inbound', amount: text(topUp?.amount) });
  }
  renumber();
  document.getElementById('renewal-rows').replaceChildren();
  for (const r of Array.isArray(input.renewals) ? input.renewals : []) {
    renewals.add({ date: text(r?.date), months: text(r?.months), new_end: text(r?.new_end), fee: text(r?.fee) });
  }
  renewals.relabel();
}

/** An input from storage or a link, checked for shape (values are the module's to judge). */
function acceptInput(raw) {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : null;
}

/** Keeps the input on this device and in the URL. */
function persist() {
  const input = readInput();
  save(INPUT_KEY, input);
  url.write(() => encodeState(input));
}

/** After an edit: kept first (what was typed is never lost, whatever the recompute does), then
 *  recomputed, and a step of the undo history (`how`: as in www/undo.js `commit`). */
function changed(how = {}) {
  if (!state.loaded) return;
  persist();
  recompute();
  example.refresh();
  if (!how.replay) undo.commit(readInput(), how);
}

// Undo (www/undo.js): snapshots of the input this page keeps.
const undo = undoHistory({
  lang: () => state.lang,
  apply: (input, entry, undone) => {
    applyInput(input);
    applyStaticText();
    // Undoing "clear example" brings the example back as the example.
    if (entry.clearedExample) example.set(undone);
    changed({ replay: true });
  },
});

onFormEdit(form, (event) => changed({ key: event.target.name || null }));
// A calendar button next to every date field (rows added later too); named after its field.
const fieldName = (input) => (input.labels?.[0]?.textContent ?? input.getAttribute('aria-label') ?? '').trim();
const renamePickers = datePickers(form, (input) => t(state.lang, 'pick_date', { field: fieldName(input) }));
form.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  if (button.id === 'add-top-up') {
    const i = addTopUp();
    form.querySelector(`[name="top_ups[${i}].date"]`).focus();
  } else if (button.dataset.action === 'remove-top-up') {
    const row = button.closest('.top-up-row');
    const next = row.nextElementSibling ?? row.previousElementSibling;
    const [date, account, amount] = [...row.querySelectorAll('input, select')].map((node) => node.value);
    const n = [...topUpRows.children].indexOf(row) + 1;
    row.remove();
    renumber();
    (next?.querySelector('input') ?? document.getElementById('add-top-up')).focus();
    changed({
      what: (lang) => t(lang, 'removed_top_up', { n, date, account: t(lang, `account_${account}`), amount }),
    });
    return;
  } else if (button.dataset.action === 'reset-example') {
    showLinkError(null);
    applyInput(EXAMPLE);
    example.set(true);
    changed({ what: (lang) => t(lang, 'reset_what') });
    return;
  } else {
    return;
  }
  changed();
});
onLangButtons((lang) => setLang(lang));
// Back or Forward to this page kept in memory: show the input this device keeps.
addEventListener('pageshow', (event) => {
  const kept = acceptInput(stored(INPUT_KEY));
  if (!event.persisted || !state.loaded || !kept || JSON.stringify(kept) === JSON.stringify(readInput())) return;
  applyInput(kept);
  recompute();
});
// The plan's steps become rows of the form: the projection then shows the number kept.
document.getElementById('apply-plan').addEventListener('click', () => {
  for (const s of state.last?.plan?.steps ?? []) {
    if (s.kind === 'renewal') renewals.add({ date: s.latest_date, new_end: s.new_end, fee: s.amount });
    else addTopUp({ date: s.latest_date, account: s.account, amount: s.amount });
  }
  changed({ what: (lang) => t(lang, 'applied_plan') });
});

/** The example: the page's own HTML values, no planned top-up (the customer enters her own). */
const EXAMPLE = readInput();
const firstVisit = stored(INPUT_KEY) === null && urlState() === null;
// The example mark (www/example.js): the badge and the fields still holding example values.
const example = exampleMark({
  example: EXAMPLE,
  key: 'callsettle.account400.example',
  badge: document.getElementById('example-badge'),
  find: (path) => form.querySelector(`[name="${CSS.escape(path)}"]`),
  lang: () => state.lang,
  defaults: { zh: t('zh', 'example_defaults'), en: t('en', 'example_defaults') },
  clear: () => {
    showLinkError(null);
    applyInput({});
    changed({ what: (lang) => t(lang, 'cleared_example'), clearedExample: true });
  },
});
// A link opened afresh is read once the module is in; else the input this device keeps.
const fromLink = urlState() !== null && (openedAfresh() || stored(INPUT_KEY) === null);
const kept = fromLink ? null : acceptInput(stored(INPUT_KEY));
if (kept) applyInput(kept);
applyStaticText();

loading.then(
  () => {
    state.loaded = true;
    if (fromLink) {
      const read = readUrlState(decodeState, acceptInput, t);
      showLinkError(read.error, state.lang);
      if (read.state) {
        applyInput(read.state);
        save(INPUT_KEY, readInput());
      }
    }
    // Kept on this device: in the URL too, so that the address bar's link brings it back.
    if (kept) {
      url.write(() => encodeState(readInput()));
      url.flush();
    } else if (urlState() !== null) {
      markEntry();
    }
    recompute();
    if (firstVisit) example.set(true);
    else if (fromLink) example.set(false);
    else example.refresh();
    undo.start(readInput());
    document.body.dataset.ready = 'true';
  },
  (err) => {
    generalBox.querySelector('.general-errors-list').replaceChildren(el('p', { class: 'general-error', text: t(state.lang, 'load_failed', { msg: String(err) }) }));
    generalBox.hidden = false;
    document.body.dataset.ready = 'error';
  },
);

window.account400 = { input: readInput, setLang, lang: () => state.lang };
