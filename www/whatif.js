// The what-if page (docs/rules.md "What-if") for negotiations: a compact scenario editor (terms and one month),
// a sweep of one input with a uPlot chart, a slider and the sampled points, solve ("which value
// gives a total of X / a net fee of zero?"), compare (offer vs counter-offer), share links, JSON
// save/load, CSV export and a printable settlement statement (结算单). Everything is computed by
// the WASM module (settle, sweep, solve, compare, capitalAmount, encodeState, decodeState) on
// every `input` event; no network use after the page's own files.
//
// Conventions (as the main page's, app.js):
// - Editor inputs are named by JSON path of the shown scenario (`terms.unit_price`,
//   `months[0].success_rate`, …); typed strings are sent unchanged, never parsed in JS. An empty
//   field is left out of the scenario (the module's default applies, or it says it is required).
// - Money from the module is text ("8084.56") or, in a sweep, BigInt64Array of fen: formatted
//   with BigInt arithmetic; Numbers are made only for chart coordinates.
// - Everything tests read carries `data-result="<key>"`: service_fee, shortfall_penalty,
//   inaccuracy_deduction, telecom_charges, total, capital; sweep.points, sweep.current,
//   sweep.break_even; solve.outcome, solve.low, solve.high, solve.grid, solve.target,
//   solve.below, solve.above; compare.amount.<key>.<i>, compare.diff.<key> and compare.pct.<key>
//   (scenario 2 against scenario 1), compare.diff.<key>.<i> / compare.pct.<key>.<i> (i ≥ 1).
//   Errors at a field carry `data-error-path`; the bad-link message is `[data-error-path=share]`.
// - The whole state (scenarios, which is shown, language, sweep and solve settings) is the
//   share link `#s=<encodeState(state)>`, kept in the URL as it changes; the first scenario (the
//   offer) is the calculator's scenario (localStorage `callsettle.scenario`), the rest is kept
//   under `callsettle.whatif` (docs/rules.md). Nothing from a link or a file is rendered as HTML.
// - Amounts are shown grouped ("8,084.56"), the module's exact text in `data-value`.
// - While the shown scenario has errors, `#results`, `#sweep` and `#solve` (and <body>) have
//   `data-state="stale"` and keep their last figures greyed; `#compare` is stale while any scenario
//   has errors. Print (its statement: www/print.js), CSV (www/export.js), JSON and the link then
//   refuse in `#share-status`, naming the fields (docs/rules.md, issue 20).
// - Readiness: `document.body.dataset.ready = "true"` after the first bill ("error" if the
//   module failed to load).

import init, { capitalAmount, compare, decodeState, encodeState, settle, solve, sweep } from '../pkg/callsettle.js';
import { load } from './boot.js';
import { LANGS, t } from './i18n-whatif.js';
import {
  SCENARIO_KEY, acceptScenario, applyText, chartSize, decimalParts, deferred, drawPlot, el, getPath, grouped, guardPrint, labelFor, lessThan,
  lineLabels, load as stored, markEntry, markResults, message as messageIn, onFormEdit, onLangButtons, openedAfresh, placeErrors,
  problemsOf as problemsIn, readUrlState, refusal, save, savedLang, setPath, showAmount, showLinkError,
  translateLinkError, urlState, urlWriter, workedExample,
} from './ui.js';
import { PolicyView, showRange } from './policy.js';
import { undoHistory } from './undo.js';
import { exampleMark } from './example.js';
import { deliberateSlider } from './slider.js';
import { differingTerms } from './compare-terms.js';
import { copyLink as copyToClipboard, csvText, download } from './export.js';
import { fillStatement } from './print.js';

const FIELDS = ['success_rate', 'unit_price', 'penalty_per_unit', 'target_rate', 'volume'];
const LINES = ['service_fee', 'shortfall_penalty', 'inaccuracy_deduction', 'telecom_charges'];
// Where the what-if page keeps the rest of its state (other scenarios, sweep, solve); the offer is
// the scenario the calculator shares (SCENARIO_KEY).
const WHATIF_KEY = 'callsettle.whatif';
/** Default sweep ranges and sample counts (typed strings, as a user would type them). */
const RANGES = {
  success_rate: ['0', '0.6', 61],
  target_rate: ['0', '0.6', 61],
  unit_price: ['0', '5.00', 51],
  penalty_per_unit: ['0', '3.00', 61],
  volume: ['0', '20000', 41],
};
const COLORS = {
  total: '#1d2530',
  service_fee: '#1f5fa8',
  shortfall_penalty: '#b42318',
  inaccuracy_deduction: '#c4690b',
  telecom_charges: '#2e7d4f',
};

/** The worked example, named. */
function example(name) {
  return { name, ...workedExample() };
}

const $ = (id) => document.getElementById(id);
const form = $('scenario');
const results = $('results');

// Deal policy (policy.js): the shown scenario's status and findings, a solve answer's status, each
// compared scenario's status, and the bill's range.
const policy = new PolicyView({
  panel: $('policy'),
  find: (path) => form.querySelector(`[name="${CSS.escape(path)}"]`),
  label: (path) => {
    const input = form.querySelector(`[name="${CSS.escape(path)}"]`);
    return input ? form.querySelector(`label[for="${input.id}"]`)?.textContent ?? path : '';
  },
  changed: () => recompute({ sweepToo: false }),
});

let S = defaultState();
let last = { bill: null, sweep: null, breakEven: null, lines: null, errors: [] };
/** The sweep chart (uPlot): rebuilt when the language or the swept field changes. */
const chart = { container: $('sweep-chart'), plot: null, width: 0, key: '' };
let lastLink = '';
const url = urlWriter();
/** What the next kept change removed or replaced, for the undo notice (set by its handler). */
let nextWhat = null;
// Undo (www/undo.js): snapshots of the state this page keeps, without the language (switching
// it is not a change to undo).
const undo = undoHistory({
  lang: () => S.language,
  apply: (snapshot, entry, undone) => {
    S = acceptState({ ...snapshot, language: S.language }) ?? S;
    applyState();
    // Undoing "clear example" brings the example back as the example.
    if (entry.clearedExample) exampleBadge.set(undone);
    persist();
  },
});
// The example mark (www/example.js) on the offer, the scenario the calculator shares (its mark too).
const exampleBadge = exampleMark({
  example: workedExample(),
  key: 'callsettle.example',
  badge: $('example-badge'),
  find: (path) => (S.shown === 0 ? form.querySelector(`[name="${CSS.escape(path)}"]`) : null),
  lang: () => S.language,
  clear: () => {
    showLinkError(null);
    S.scenarios[0] = { name: S.scenarios[0].name, terms: {}, months: [{}] };
    show(0);
    persist();
    undo.commit(undoable(), { what: (lang) => t(lang, 'cleared_example'), clearedExample: true });
  },
});

/** The state kept, as the undo history holds it. */
function undoable() {
  const { language, ...rest } = stateForShare();
  return rest;
}

function defaultState(lang) {
  return {
    scenarios: [example(t(lang ?? savedLang() ?? 'zh', 'name_offer'))],
    shown: 0,
    language: lang ?? savedLang() ?? 'zh',
    sweep: { field: 'success_rate', from: RANGES.success_rate[0], to: RANGES.success_rate[1] },
    solve: { field: 'success_rate', mode: 'total', target: '8084.56' },
  };
}

const L = (key, params) => t(S.language, key, params);
const cur = () => S.scenarios[S.shown];

// ---------------------------------------------------------------------------------------------
// Money: exact text and fen (BigInt) formatting

/** BigInt fen → "-1234.56" (sign-aware, exact). */
export function fenText(v) {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** "从：", "目标金额（元）：": a sweep or solve argument's label before its message, never its name. */
function pathLabel(path) {
  const key = { from: 'sweep_from', to: 'sweep_to', target: 'solve_target', field: 'sweep_field', steps: 'sweep_points' }[path];
  return key ? L('field_of', { field: L(key) }) : '';
}

/** "-1234.56" (the module's money text, two decimals) → BigInt fen. */
function textFen(s) {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`not money text: ${s}`);
  const v = BigInt(m[2]) * 100n + BigInt(m[3]);
  return m[1] ? -v : v;
}

/** An exact decimal of up to 28 digits, cut to 8 decimals for reading ("0.09864712…"). */
function short(v) {
  const m = /^(-?\d+)\.(\d+)$/.exec(v);
  return m && m[2].length > 8 ? `${m[1]}.${m[2].slice(0, 8)}…` : v;
}

const message = (m) => messageIn(S.language, m);
const problemsOf = (e) => problemsIn(e, t).errors;

/** The label of a bill line (from the last bill: the module's label_zh / label_en) or the total. */
const lineLabel = (key) => (key === 'total' ? L('total') : lineLabels(last.bill, S.language)[key] ?? key);

// ---------------------------------------------------------------------------------------------
// The scenario in the editor

/** The shown scenario's fields into the editor. */
function fillEditor() {
  const s = cur();
  for (const node of form.querySelectorAll('[name]')) {
    const v = getPath(s, node.name);
    if (node.tagName === 'SELECT') node.value = v ?? node.options[0].value;
    else node.value = v === undefined || v === null ? '' : String(v);
  }
}

/** A scenario as sent to the module: without the page's `name`. */
function bare(s) {
  const { name, ...rest } = s;
  return rest;
}

/** The scenario with `field` set to `value` (month fields in every month, as sweep and solve do). */
function withField(s, field, value) {
  const out = structuredClone(s);
  if (field === 'success_rate' || field === 'volume') {
    for (const m of out.months) {
      m[field] = value;
      if (field === 'success_rate') delete m.successes;
    }
  } else {
    out.terms[field] = value;
  }
  return out;
}

function fieldValue(s, field) {
  return field === 'success_rate' || field === 'volume' ? s.months?.[0]?.[field] : s.terms?.[field];
}

// ---------------------------------------------------------------------------------------------
// Recompute

function recompute({ sweepToo = true } = {}) {
  const scenario = bare(cur());
  let bill = null;
  clearErrors();
  last.errors = [];
  try {
    bill = settle(scenario);
  } catch (e) {
    last.errors = problemsOf(e);
    showErrors(last.errors);
  }
  // Bill, sweep and solve follow the shown scenario: while it has errors they keep their last
  // figures, marked stale (greyed, framed, with a note); print refuses (ui.js).
  markResults([results, $('sweep'), $('solve')], bill ? 'fresh' : last.bill ? 'stale' : 'loading');
  if (bill) {
    last.bill = bill;
    renderBill(bill);
    policy.show(scenario, S.language);
    const range = policy.range;
    showRange(results.querySelector('[data-range]'), range?.months.length === 1 ? range.months[0] : range && { at_zero: range.at_zero, at_full: range.at_full }, S.language);
  }
  if (sweepToo) runSweep(bill ? scenario : null);
  else if (bill) updateMarker();
  if (!bill) drawChart(); // redrawn without the "now" total
  runSolve(bill ? scenario : null);
  runCompare();
  renderTabs();
  exampleBadge.refresh();
}

let clearErrors = () => {};

/**
 * The module's problems at their fields, the others in the general box (the page kit's
 * placement). A problem of an input this page does not show (a second month, the clerk's actual
 * dates: the scenario is the calculator page's too) gets a link to the calculator page, which
 * shows the same scenario with the problem at its field.
 */
function showErrors(problems) {
  clearErrors = placeErrors(problems, {
    lang: S.language,
    box: $('general-errors'),
    find: (path) => {
      const input = form.querySelector(`[name="${CSS.escape(path)}"]`);
      return input ? { input } : null;
    },
  });
  const list = $('general-errors').querySelector('.general-errors-list');
  if (list.querySelector('.general-error[data-error-path]:not([data-error-path=""])')) {
    list.append(el('p', { class: 'errors-elsewhere' }, L('errors_elsewhere'), ' ',
      el('a', { href: 'index.html', text: L('errors_elsewhere_link') })));
  }
}

/** Line sums over the months (exact, BigInt fen). */
function lineSums(bill) {
  const sums = Object.fromEntries(LINES.map((k) => [k, 0n]));
  for (const m of bill.months) for (const line of m.lines) sums[line.key] += textFen(line.amount);
  return sums;
}

function renderBill(bill) {
  const sums = lineSums(bill);
  for (const k of LINES) showAmount(results.querySelector(`[data-result="${k}"]`), fenText(sums[k]));
  showAmount(results.querySelector('[data-result="total"]'), bill.total);
  // The phone's total bar (style.css `.total-bar`), as on the calculator.
  const bar = document.querySelector('[data-summary="total"]');
  bar.textContent = `${grouped(bill.total)} ${L('currency')}`;
  bar.classList.toggle('neg', bill.total.startsWith('-') && /[1-9]/.test(bill.total));
  for (const node of results.querySelectorAll('[data-line]')) node.textContent = lineLabel(node.dataset.line);
  let capital = '';
  let printed = ''; // the statement's: with 人民币 before it (票据和结算凭证)
  try {
    capital = capitalAmount(bill.total);
    printed = capitalAmount(bill.total, { prefix: true });
  } catch (e) {
    capital = message(problemsOf(e)[0]);
    printed = capital;
  }
  results.querySelector('[data-result="capital"]').textContent = capital;
  last.capital = capital;
  last.printedCapital = printed;
  const warnings = bill.warnings ?? [];
  $('warnings').hidden = warnings.length === 0;
  $('warnings-list').replaceChildren(...warnings.map((w) => el('li', { 'data-warning': w.code, 'data-warning-path': w.path, text: message(w) })));
  $('bill-name').textContent = cur().name ? `· ${cur().name}` : '';
}

// ---------------------------------------------------------------------------------------------
// Sweep

function runSweep(scenario) {
  const box = $('sweep-errors');
  box.hidden = true;
  if (!scenario) return;
  const { field, from, to } = S.sweep;
  const steps = RANGES[field][2];
  let r;
  try {
    r = sweep(scenario, field, from, to, steps);
  } catch (e) {
    box.textContent = problemsOf(e).map((p) => `${pathLabel(p.path)}${message(p)}`).join(' ');
    box.hidden = false;
    return;
  }
  let be = null;
  try {
    be = solve(scenario, field, 'break_even');
  } catch {
    be = null;
  }
  last.sweep = r;
  last.breakEven = be;
  const slider = $('sweep-slider');
  slider.max = String(r.values.length - 1);
  syncSlider();
  renderSweepTable(r);
  $('sweep').querySelector('[data-result="sweep.points"]').textContent = String(r.values.length);
  const answer = breakEvenAnswer(be);
  setResult($('sweep'), 'sweep.break_even', answer.headline);
  setResult($('sweep'), 'sweep.break_even_exact', answer.exact);
  drawChart();
}

/** "never zero (nearest: 1 → 1534.56)": the nearest total to the telecom charges, exact. */
function noBreakEven(be) {
  const gap = (r) => (r ? (textFen(r.total) - textFen(be.target)) * (textFen(r.total) < textFen(be.target) ? -1n : 1n) : null);
  const [a, b] = [gap(be.below), gap(be.above)];
  const near = a === null ? be.above : b === null ? be.below : a <= b ? be.below : be.above;
  if (!near) return L('sweep_break_even_never');
  return `${L('sweep_break_even_never')}${S.language === 'en' ? ' ' : ''}${L('sweep_nearest', { v: shown(be.field, near.value), total: grouped(near.total) })}`;
}

// ---------------------------------------------------------------------------------------------
// Answers: a value of the solved field written in the field's own format (a percentage when the
// user typed one), exact text arithmetic only (BigInt), never a binary float.

/**
 * `text` rounded half away from zero to `places` decimals; `shift` moves the point right first
 * (2: a rate as a percentage).
 */
function roundText(text, places, shift = 0) {
  const p = decimalParts(text);
  if (!p) return String(text);
  let { units, scale } = p;
  scale -= shift;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (scale > places) {
    const div = 10n ** BigInt(scale - places);
    const q = units / div;
    const r = units % div;
    units = 2n * r >= div ? q + 1n : q;
    scale = places;
  }
  const digits = units.toString().padStart(scale + 1, '0');
  const body = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return `${p.neg && units !== 0n ? '-' : ''}${body}`;
}

const RATE_FIELDS = ['success_rate', 'target_rate'];

/** Whether the user typed the field as a percentage ("30%", full-width "30％"). */
const typedPercent = (field) => /[%％]\s*$/.test(String(fieldValue(cur(), field) ?? ''));

/**
 * A value of `field` as the page writes it everywhere (sweep, chart, table, answers): a rate as a
 * percentage when the user typed one ("0.101449" → "10.1449%"), else as the module wrote it.
 * With `places`, rounded half away from zero to that many decimals (of the percentage).
 */
function shown(field, value, places) {
  const pct = RATE_FIELDS.includes(field) && typedPercent(field);
  if (places === undefined) {
    if (!pct) return String(value);
    const exact = roundText(value, 28, 2);
    return `${exact.includes('.') ? exact.replace(/0+$/, '').replace(/\.$/, '') : exact}%`;
  }
  return pct ? `${roundText(value, places, 2)}%` : roundText(value, places);
}

/** The decimals an answer is written with: percentages 2, rates 4, money 2 (fen), volume 0. */
function answerPlaces(field) {
  if (RATE_FIELDS.includes(field)) return typedPercent(field) ? 2 : 4;
  return field === 'volume' ? 0 : 2;
}

/**
 * "3.16 元", "10.15% ", "5000 条": a value with the field's unit (in Chinese a rate's ends in a
 * space, so that a sentence reads "10.15% 时" as "3.16 元时"; trim it when shown alone).
 */
const withUnit = (field, v) => L(`ans_unit_${field}`, { v });

/** Whether the total rises with the field (from the nearest values on either side), or null. */
function rising(r) {
  if (!r.below || !r.above || r.below.value === r.above.value) return null;
  return lessThan(r.below.value, r.above.value);
}

/** The exact (unrounded) value in the field's format, cut to 8 decimals for reading. */
function exactShown(field, value) {
  const text = shown(field, value);
  return text.endsWith('%') ? `${short(text.slice(0, -1))}%` : short(text);
}

/**
 * The break-even as an answer: "成功率达到 10.15% 时净服务费为零", the exact value beside it.
 * Found: the grid value(s) that settle to exactly zero. Otherwise the exact (unrounded) zero,
 * written in the field's format rounded half away from zero to its display precision
 * (answerPlaces), the exact value beside it and the settled neighbours in the details.
 */
function breakEvenAnswer(be) {
  if (!be) return { headline: '—', exact: '', label: '' };
  const f = be.field;
  const name = L(`ans_${f}`);
  if (be.outcome === 'found') {
    const label = withUnit(f, shown(f, be.lowest));
    const headline = be.lowest === be.highest
      ? L('ans_break_even', { field: name, v: label })
      : L('ans_break_even_range', { field: name, low: label, high: withUnit(f, shown(f, be.highest)) });
    const exact = be.unrounded && be.unrounded !== be.lowest ? L('ans_exact', { v: exactShown(f, be.unrounded) }) : '';
    return { headline, exact, label };
  }
  if (be.outcome === 'all') {
    return { headline: L('solve_all', { field: L(f), from: be.domain[0], to: be.domain[1], target: grouped(be.target) }), exact: '', label: '' };
  }
  if (!be.unrounded) return { headline: noBreakEven(be), exact: '', label: '' };
  const label = withUnit(f, shown(f, be.unrounded, answerPlaces(f)));
  return {
    headline: L('ans_break_even', { field: name, v: label }),
    exact: L('ans_exact', { v: exactShown(f, be.unrounded) }),
    label,
  };
}

/** The slider at the sample nearest the current value (no change to the scenario). */
function syncSlider() {
  const r = last.sweep;
  if (!r) return;
  const x = Number(fieldValueNumber());
  let best = 0;
  r.values.forEach((v, i) => {
    if (Math.abs(Number(v) - x) < Math.abs(Number(r.values[best]) - x)) best = i;
  });
  $('sweep-slider').value = String(best);
  const shown = fieldValue(cur(), S.sweep.field);
  $('sweep').querySelector('[data-result="sweep.current"]').textContent = shown === undefined ? '—' : String(shown);
  for (const [i, row] of [...$('sweep-body').children].entries()) row.classList.toggle('is-current', i === best);
  // Keep the current row in view inside the table's own scroll box (never scrolls the page).
  const row = $('sweep-body').children[best];
  const wrap = $('sweep-body').closest('.wi-table-wrap');
  if (row && wrap.clientHeight) {
    const box = wrap.getBoundingClientRect();
    const at = row.getBoundingClientRect();
    const head = wrap.querySelector('thead').getBoundingClientRect().height;
    if (at.top < box.top + head || at.bottom > box.bottom) wrap.scrollTop += at.top - box.top - box.height / 2;
  }
}

/** The current value of the swept field as a number for the chart ("30%" → 0.3). */
function fieldValueNumber() {
  const v = fieldValue(cur(), S.sweep.field);
  if (v === undefined) return NaN;
  const s = String(v).trim();
  return s.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s);
}

function renderSweepTable(r) {
  const head = $('sweep-head');
  head.replaceChildren(
    el('th', { scope: 'col', text: L(r.field) }),
    ...[...LINES, 'total'].map((k) => el('th', { scope: 'col', class: 'num', text: lineLabel(k) })),
  );
  const rows = r.values.map((v, i) =>
    el('tr', {},
      el('th', { scope: 'row', text: shown(r.field, v) }),
      ...[...LINES, 'total'].map((k) => el('td', { class: r[k][i] < 0n ? 'num neg' : 'num', text: grouped(fenText(r[k][i])) })),
    ),
  );
  $('sweep-body').replaceChildren(...rows);
  syncSlider();
}

function chartData() {
  const r = last.sweep;
  const xs = r.values.map(Number);
  return [xs, ...['total', ...LINES].map((k) => Array.from(r[k], (v) => Number(v) / 100))];
}

const drawChart = deferred(() => {
  if (!window.uPlot || !last.sweep) return;
  const { width, height } = chartSize(chart.container, [240, 300]);
  drawPlot(chart, {
    key: `${S.language} ${S.sweep.field} ${typedPercent(S.sweep.field)}`, width, height, data: chartData(), options: () => chartOptions(width, height),
  });
});

function updateMarker() {
  syncSlider();
  chart.plot?.redraw(false, false);
}

/** A chart label on a white box (readable over the lines); `right`: text ends at x. */
function tag(ctx, text, x, y, right, color, dpr) {
  const w = ctx.measureText(text).width;
  const x0 = right ? x - w : x;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(x0 - 3 * dpr, y - 12 * dpr, w + 6 * dpr, 16 * dpr);
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  ctx.fillText(text, x0, y);
}

function chartOptions(width, height) {
  const en = S.language === 'en';
  const FONT = '12px system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
  const series = [{ label: L(S.sweep.field) }];
  for (const k of ['total', ...LINES]) {
    series.push({
      label: lineLabel(k),
      stroke: COLORS[k],
      width: k === 'total' ? 2.5 : 1.5,
      dash: k === 'total' ? undefined : [],
      value: (u, v) => (v == null ? '—' : v.toFixed(2)),
      points: { show: false },
    });
  }
  const marker = (u) => {
    const ctx = u.ctx;
    const { left, top, width: w, height: h } = u.bbox;
    const px = (x) => Math.round(u.valToPos(x, 'x', true));
    const dpr = window.devicePixelRatio || 1;
    ctx.save();
    ctx.font = FONT.replace('12px', `${Math.round(12 * dpr)}px`);
    // Zero line.
    const y0 = u.valToPos(0, 'y', true);
    if (y0 >= top && y0 <= top + h) {
      ctx.strokeStyle = '#8a94a1';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(left, y0);
      ctx.lineTo(left + w, y0);
      ctx.stroke();
    }
    const cx = fieldValueNumber();
    const be = last.breakEven;
    const beX = be && (be.outcome === 'found' ? Number(be.lowest) : be.unrounded != null ? Number(be.unrounded) : NaN);
    if (Number.isFinite(beX) && beX >= u.scales.x.min && beX <= u.scales.x.max) {
      const x = px(beX);
      ctx.strokeStyle = '#2e7d4f';
      ctx.setLineDash([5 * dpr, 4 * dpr]);
      ctx.lineWidth = 1.5 * dpr;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + h);
      ctx.stroke();
      ctx.setLineDash([]);
      // The value as the headline writes it (position only from the float).
      const label = `${en ? 'break-even' : '盈亏平衡'} ${breakEvenAnswer(be).label.trim()}`;
      const tw = ctx.measureText(label).width;
      const right = x + 6 * dpr + tw > left + w || (Number.isFinite(cx) && cx > beX && x - tw - 6 * dpr > left);
      tag(ctx, label, right ? x - 5 * dpr : x + 5 * dpr, top + 14 * dpr, right, '#2e7d4f', dpr);
    }
    if (Number.isFinite(cx) && cx >= u.scales.x.min && cx <= u.scales.x.max) {
      const x = px(cx);
      ctx.strokeStyle = '#1f5fa8';
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + h);
      ctx.stroke();
      const total = last.bill?.total;
      if (results.dataset.state === 'fresh' && total) {
        const y = u.valToPos(Number(total), 'y', true);
        ctx.fillStyle = '#1d2530';
        ctx.beginPath();
        ctx.arc(x, y, 4.5 * dpr, 0, 2 * Math.PI);
        ctx.fill();
        const label = `${en ? 'now' : '当前'} ${grouped(total)}`;
        const tw = ctx.measureText(label).width;
        const right = x + 8 * dpr + tw > left + w;
        tag(ctx, label, right ? x - 8 * dpr : x + 8 * dpr, Math.max(top + 30 * dpr, y + 18 * dpr), right, '#1d2530', dpr);
      }
    }
    ctx.restore();
  };
  return {
    width,
    height,
    series,
    scales: { x: { time: false } },
    legend: { show: true, live: false },
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    axes: [
      // The axis writes the field as the table does (a percentage when typed as one).
      {
        font: FONT, stroke: '#5b6675', grid: { stroke: '#eef0f3' },
        values: (u, ticks) => ticks.map((v) => (RATE_FIELDS.includes(S.sweep.field) && typedPercent(S.sweep.field) ? `${+(v * 100).toFixed(4)}%` : v)),
      },
      { font: FONT, stroke: '#5b6675', size: 70, grid: { stroke: '#eef0f3' }, label: L('axis_amount'), labelFont: FONT, labelSize: 18 },
    ],
    hooks: { drawClear: [policy.bands(() => S.sweep.field)], draw: [marker] },
  };
}

// ---------------------------------------------------------------------------------------------
// Solve

function setResult(scope, key, text) {
  const node = scope.querySelector(`[data-result="${key}"]`);
  if (node) node.textContent = text ?? '';
}

function runSolve(scenario) {
  const box = $('solve');
  const out = $('solve-out');
  const err = $('solve-error');
  err.hidden = true;
  $('solve-target-wrap').hidden = S.solve.mode === 'break_even';
  if (!scenario) return;
  const field = S.solve.field;
  const fname = L(field);
  let r;
  try {
    r = solve(scenario, field, S.solve.mode === 'break_even' ? 'break_even' : S.solve.target);
  } catch (e) {
    err.textContent = problemsOf(e).map((p) => `${pathLabel(p.path)}${message(p)}`).join(' ');
    err.hidden = false;
    out.dataset.outcome = 'error';
    for (const k of ['outcome', 'low', 'high', 'grid', 'target', 'below', 'above']) setResult(box, `solve.${k}`, '');
    $('solve-headline').textContent = '';
    $('solve-detail').textContent = '';
    $('solve-nearest').replaceChildren();
    $('solve-policy').hidden = true;
    $('solve-policy-price').hidden = true;
    return;
  }
  out.dataset.outcome = r.outcome;
  policy.judge($('solve-policy'), r.lowest == null ? null : withField(scenario, field, r.lowest), S.language);
  // The lowest unit price reaching the total (found, or the nearest above an unreached target)
  // against the policy's price rule (policy.js).
  const reached = r.outcome === 'found' ? r.lowest : r.outcome === 'none' && rising(r) ? r.above.value : null;
  policy.solvedPrice($('solve-policy-price'), { scenario, price: field === 'unit_price' && !r.break_even ? reached : null, target: r.target }, S.language);
  setResult(box, 'solve.outcome', r.outcome);
  setResult(box, 'solve.low', r.lowest);
  setResult(box, 'solve.high', r.highest);
  setResult(box, 'solve.grid', r.grid);
  setResult(box, 'solve.target', r.target);
  setResult(box, 'solve.below', r.below ? `${r.below.value} → ${r.below.total}` : '');
  setResult(box, 'solve.above', r.above ? `${r.above.value} → ${r.above.total}` : '');
  const rounding = L(field === 'volume' ? 'rounding_volume' : field.endsWith('rate') ? 'rounding_rate' : 'rounding_money');
  const nearest = $('solve-nearest');
  nearest.replaceChildren();
  const applyBtn = (value) => el('button', { type: 'button', class: 'btn btn-sm', 'data-action': 'apply', 'data-value': value, text: L('solve_apply') });
  let headline = '';
  const details = [];
  // The values on either side of an unreached target, with the totals they settle to.
  const nearestTotals = () => {
    nearest.append(el('li', { class: 'wi-nearest-title', text: L('solve_nearest') }));
    nearest.append(r.below
      ? el('li', {}, applyBtn(r.below.value), ` ${L('solve_below', { field: fname, v: shown(field, r.below.value), total: grouped(r.below.total) })}`)
      : el('li', { text: L('solve_no_below') }));
    nearest.append(r.above
      ? el('li', {}, applyBtn(r.above.value), ` ${L('solve_above', { field: fname, v: shown(field, r.above.value), total: grouped(r.above.total) })}`)
      : el('li', { text: L('solve_no_above') }));
  };
  if (r.break_even) details.push(L('solve_break_even_target', { target: grouped(r.target) }));
  const up = rising(r);
  if (r.break_even && r.outcome !== 'all') {
    // Phrased as the answer: the value at which the net fee is zero; the exact value beside it.
    const answer = breakEvenAnswer(r);
    headline = answer.headline;
    if (answer.exact) details.push(answer.exact);
    // The grid's promise ("every value given settles to exactly the target") holds for found values.
    if (r.outcome === 'found') details.push(L('solve_grid', { grid: r.grid, rounding }));
    if (r.outcome === 'found') nearest.append(el('li', {}, applyBtn(r.lowest), ` ${fname} = ${shown(field, r.lowest)}`));
    else nearestTotals();
  } else if (r.outcome === 'none' && r.above && up !== null) {
    // "Which price reaches 10 000": every value from the nearest one above the target on.
    headline = L(up ? 'ans_at_least' : 'ans_at_most', {
      field: L(`ans_${field}`),
      v: withUnit(field, shown(field, r.above.value)),
      total: grouped(r.above.total),
      target: grouped(r.target),
    });
    if (r.unrounded) details.push(L('solve_unrounded', { v: exactShown(field, r.unrounded) }));
    nearestTotals();
  } else if (r.outcome === 'found') {
    const [low, high] = [shown(field, r.lowest), shown(field, r.highest)];
    headline = r.lowest === r.highest
      ? L('solve_found_one', { field: fname, low, target: grouped(r.target) })
      : L('solve_found', { field: fname, low, high, target: grouped(r.target) });
    if (r.intervals.length > 1) details.push(L('solve_runs', { runs: r.intervals.map(([a, b]) => (a === b ? shown(field, a) : `[${shown(field, a)}, ${shown(field, b)}]`)).join('; ') }));
    details.push(L('solve_grid', { grid: r.grid, rounding }));
    if (r.unrounded) details.push(L('solve_unrounded', { v: exactShown(field, r.unrounded) }));
    nearest.append(el('li', {}, applyBtn(r.lowest), ` ${fname} = ${low}`));
  } else if (r.outcome === 'all') {
    headline = L('solve_all', { field: fname, from: r.domain[0], to: r.domain[1], target: grouped(r.target) });
  } else {
    headline = L('solve_none', { field: fname, target: grouped(r.target) });
    if (r.unrounded) details.push(L('solve_unrounded', { v: exactShown(field, r.unrounded) }));
    details.push(L('solve_grid', { grid: r.grid, rounding }));
    nearestTotals();
  }
  $('solve-headline').textContent = headline;
  $('solve-detail').textContent = details.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Compare

function runCompare() {
  const table = $('compare-table');
  const err = $('compare-error');
  err.hidden = true;
  $('compare-hint').hidden = S.scenarios.length > 1;
  if (S.scenarios.length < 2) {
    table.hidden = true;
    return;
  }
  let c;
  try {
    c = compare(S.scenarios.map((s, i) => ({ ...s, name: s.name || L('scenario_default_name', { n: i + 1 }) })));
  } catch (e) {
    err.textContent = problemsOf(e).map((p) => `${p.path ? `${scenarioPath(p.path)}: ` : ''}${message(p)}`).join(' ');
    err.hidden = false;
    $('compare').dataset.state = 'stale';
    return;
  }
  $('compare').dataset.state = 'fresh';
  table.hidden = false;
  const en = S.language === 'en';
  $('compare-head').replaceChildren(el('tr', {},
    el('th', { scope: 'col', text: L('col_item') }),
    ...c.scenarios.map((s, i) => el('th', { scope: 'col', class: i === S.shown ? 'num is-shown' : 'num' },
      s.name, i === 0 ? el('span', { class: 'wi-muted', text: ` ${L('compare_base')}` }) : null)),
  ));
  $('compare-body').replaceChildren(termsRow(c), ...c.rows.map((row) => el('tr', { class: row.key === 'total' ? 'is-total' : '' },
    el('th', { scope: 'row', text: lineLabel(row.key) }),
    ...row.cells.map((cell, i) => {
      const td = el('td', { class: i === S.shown ? 'num is-shown' : 'num' },
        amountDiv(`compare.amount.${row.key}.${i}`, cell.amount));
      if (i > 0) {
        const d = cell.difference;
        const sign = d.startsWith('-') ? '' : d === '0.00' ? '±' : '+';
        const cls = d.startsWith('-') ? 'wi-diff is-down' : d === '0.00' ? 'wi-diff' : 'wi-diff is-up';
        td.append(el('div', { class: cls },
          el('span', { 'data-result': i === 1 ? `compare.diff.${row.key}` : `compare.diff.${row.key}.${i}`, text: `${sign}${grouped(d)}` }),
          ' ',
          el('span', { class: 'wi-pct', 'data-result': i === 1 ? `compare.pct.${row.key}` : `compare.pct.${row.key}.${i}`, text: cell.percent == null ? '—' : `${cell.percent.startsWith('-') ? '' : '+'}${cell.percent}%` }),
        ));
      }
      return td;
    }),
  )));
  const policyRow = policy.compareRow(S.scenarios.map(bare), S.language, (i) => (i === S.shown ? 'num is-shown' : 'num'));
  if (policyRow) $('compare-body').append(policyRow);
  last.compare = c;
}

/**
 * The compare table's first row: for each scenario after the first, the terms in which it
 * differs from the first ("单价 p 2.60（基准 2.80）"), beside its amounts (compare-terms.js).
 */
function termsRow(c) {
  const diffs = differingTerms(c, S.scenarios);
  const name = (d) => (d.field ? L(d.field) : d.symbol);
  const shown = (d, v) => (v === null ? '—' : d.choice ? L(`mode_${v}`) : v);
  return el('tr', { class: 'wi-terms-row' },
    el('th', { scope: 'row', text: L('compare_terms') }),
    ...diffs.map((list, i) => el('td', { class: i === S.shown ? 'is-shown' : null, 'data-result': `compare.terms.${i}` },
      i === 0
        ? el('span', { class: 'wi-muted', text: L('compare_base') })
        : list.length === 0
          ? el('span', { class: 'wi-muted', text: L('compare_same_terms') })
          : el('ul', { class: 'wi-term-list' }, ...list.map((d) => el('li', { 'data-term': d.symbol || d.field },
            `${d.month ? `${d.month} ` : ''}${name(d)} `,
            el('strong', { text: shown(d, d.value) }),
            el('span', { class: 'wi-muted', text: ` ${L('compare_vs', { v: shown(d, d.base) })}` }),
          ))))),
  );
}

/** "[1].terms.unit_price" → "方案 2 · terms.unit_price". */
function scenarioPath(path) {
  const m = /^\[(\d+)\]\.?(.*)$/.exec(path);
  if (!m) return path;
  const s = S.scenarios[Number(m[1])];
  return `${s?.name || L('scenario_default_name', { n: Number(m[1]) + 1 })} · ${m[2]}`;
}

/** A `<div>` with an amount shown as every amount is. */
function amountDiv(key, amount) {
  const node = el('div', { 'data-result': key });
  showAmount(node, amount);
  return node;
}

// ---------------------------------------------------------------------------------------------
// Scenario tabs

function renderTabs() {
  const box = $('scenario-tabs');
  box.replaceChildren(...S.scenarios.map((s, i) => el('button', {
    type: 'button', role: 'tab', class: 'wi-chip', 'data-scenario': String(i),
    'aria-selected': i === S.shown ? 'true' : 'false',
    text: s.name || L('scenario_default_name', { n: i + 1 }),
  })));
  const remove = form.querySelector('[data-action="remove-scenario"]');
  remove.disabled = S.scenarios.length < 2;
  // The button says which scenario it removes.
  const named = L('remove_scenario_named', { name: cur().name || L('scenario_default_name', { n: S.shown + 1 }) });
  remove.title = named;
  remove.setAttribute('aria-label', named);
}

function show(i) {
  S.shown = Math.max(0, Math.min(S.scenarios.length - 1, i));
  fillEditor();
  recompute();
}

// ---------------------------------------------------------------------------------------------
// Statement (print.js): the shown scenario's months, its parties and contract number when the
// scenario has them; never the scenario's name (the what-if name is not part of the contract).

function prepareStatement() {
  const bill = last.bill;
  if (!bill) return;
  // With the deal policy the terms were checked against, and the status (policy.js).
  fillStatement({ scenario: bare(cur()), months: bill.months, total: bill.total, capital: last.printedCapital ?? '', lang: S.language, t, policy: policy.statementLine(S.language) });
}

/**
 * The problems of every scenario (CSV, JSON and the link carry them all), each path prefixed with
 * its scenario ("[1].terms.unit_price") where there is more than one.
 */
function allErrors() {
  if (S.scenarios.length === 1) return last.errors;
  return S.scenarios.flatMap((s, i) => {
    if (i === S.shown) return last.errors.map((p) => ({ ...p, path: `[${i}].${p.path}` }));
    try {
      settle(bare(s));
      return [];
    } catch (e) {
      return problemsOf(e).map((p) => ({ ...p, path: `[${i}].${p.path}` }));
    }
  });
}

/** A problem's field by its label ("报价 · 成功单价 p（元/单）" for another scenario's). */
function fieldName(path) {
  const m = /^\[(\d+)\]\.(.*)$/.exec(path);
  if (!m) return labelFor(path) || path;
  const s = S.scenarios[Number(m[1])];
  return `${s?.name || L('scenario_default_name', { n: Number(m[1]) + 1 })} · ${labelFor(m[2]) || m[2]}`;
}

/** Null when `action` may run; else its refusal, shown in the share status. */
function refused(action, errors) {
  const why = refusal(errors, { lang: S.language, t, action, name: fieldName });
  if (why) {
    $('share-status').classList.add('is-refusal');
    $('share-status').textContent = why;
  }
  return why;
}

// ---------------------------------------------------------------------------------------------
// Share link, JSON, CSV

function status(text) {
  $('share-status').classList.remove('is-refusal');
  $('share-status').textContent = text;
}

function stateForShare() {
  return { scenarios: S.scenarios, shown: S.shown, language: S.language, sweep: S.sweep, solve: S.solve };
}

async function copyLink() {
  if (refused('action_link', allErrors())) return;
  const text = encodeState(stateForShare());
  lastLink = text;
  history.replaceState({ callsettle: true }, '', `#s=${text}`);
  const how = await copyToClipboard(location.href, $('share-link'));
  status(L(how === 'copied' ? 'link_copied' : 'link_in_bar'));
}

function saveJson() {
  if (refused('action_json', allErrors())) return;
  download('callsettle-whatif.json', 'application/json', `${JSON.stringify(stateForShare(), null, 2)}\n`);
}

function print() {
  if (refused('action_print', last.errors)) return;
  status('');
  window.print();
}

function exportCsv() {
  if (refused('action_csv', allErrors())) return;
  const names = S.scenarios.map((s, i) => s.name || L('scenario_default_name', { n: i + 1 }));
  const bills = S.scenarios.map((s) => {
    try {
      return settle(bare(s));
    } catch {
      return null;
    }
  });
  const rows = [['项目', 'Item', ...names]];
  for (const k of [...LINES, 'total']) {
    const label = (lang) => (k === 'total' ? t(lang, 'total') : lineLabels(bills.find(Boolean), lang)[k] ?? k);
    rows.push([label('zh'), label('en'), ...bills.map((b) => {
      if (!b) return '';
      return k === 'total' ? b.total : fenText(lineSums(b)[k]);
    })]);
  }
  rows.push(['大写金额', 'Total in Chinese capital numerals', ...bills.map((b) => {
    try {
      return b ? capitalAmount(b.total) : '';
    } catch {
      return '';
    }
  })]);
  download('callsettle-whatif.csv', 'text/csv;charset=utf-8', csvText(rows));
}

/** A state from a link or a file, checked for shape (values are the module's to judge). */
function acceptState(raw) {
  const isObj = (v) => v && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(raw) || !Array.isArray(raw.scenarios) || raw.scenarios.length === 0) return null;
  const scenarios = [];
  for (const s of raw.scenarios) {
    if (!isObj(s) || !isObj(s.terms) || !Array.isArray(s.months) || s.months.length === 0 || !isObj(s.months[0])) return null;
    scenarios.push({ ...s, name: typeof s.name === 'string' ? s.name : '' });
  }
  const d = defaultState();
  const shown = Number.isInteger(raw.shown) && raw.shown >= 0 && raw.shown < scenarios.length ? raw.shown : 0;
  const language = LANGS.includes(raw.language) ? raw.language : d.language;
  const sweepS = isObj(raw.sweep) && FIELDS.includes(raw.sweep.field)
    ? { field: raw.sweep.field, from: String(raw.sweep.from ?? RANGES[raw.sweep.field][0]), to: String(raw.sweep.to ?? RANGES[raw.sweep.field][1]) }
    : d.sweep;
  const solveS = isObj(raw.solve) && FIELDS.includes(raw.solve.field)
    ? { field: raw.solve.field, mode: raw.solve.mode === 'break_even' ? 'break_even' : 'total', target: String(raw.solve.target ?? '') }
    : d.solve;
  return { scenarios, shown, language, sweep: sweepS, solve: solveS };
}

/** The state of the URL's share link, or null (a bad link's problem shown in the banner). */
function readLink() {
  const read = readUrlState(decodeState, acceptState, t);
  if (!read) return null;
  showLinkError(read.error, S.language);
  if (read.error) history.replaceState(null, '', location.pathname + location.search);
  return read.state ?? null;
}

async function loadFile(file) {
  try {
    const st = acceptState(JSON.parse(await file.text()));
    if (!st) {
      status(L('load_bad_state'));
      return;
    }
    S = st;
    applyState();
    persist();
    undo.commit(undoable(), { what: (lang) => t(lang, 'loaded_file', { name: file.name }) });
    status(L('loaded_file', { name: file.name }));
  } catch (e) {
    status(L('load_failed_file', { msg: e?.message ?? String(e) }));
  }
}

// ---------------------------------------------------------------------------------------------
// Language, controls

function translate() {
  const lang = S.language;
  applyText(lang, t);
  undo.relabel();
  exampleBadge.relabel();
  for (const id of ['sweep-field', 'solve-field']) {
    const sel = $(id);
    const keep = sel.value;
    sel.replaceChildren(...FIELDS.map((f) => el('option', { value: f, text: L(f) })));
    sel.value = keep || FIELDS[0];
  }
  translateLinkError(lang);
}

function applyState() {
  translate();
  $('sweep-field').value = S.sweep.field;
  $('sweep-from').value = S.sweep.from;
  $('sweep-to').value = S.sweep.to;
  $('solve-field').value = S.solve.field;
  $('solve-mode').value = S.solve.mode;
  $('solve-target').value = S.solve.target;
  fillEditor();
  recompute();
}

function setLanguage(lang) {
  S.language = lang;
  applyState();
}

/**
 * Keeps the state: the offer as the scenario the calculator shares, the rest for this page, all
 * of it in the URL (the share link).
 */
function persist() {
  save(SCENARIO_KEY, bare(S.scenarios[0]));
  save(WHATIF_KEY, stateForShare());
  url.write(() => (lastLink = encodeState(stateForShare())));
}

/** The state kept on this device (Back, reload, from the calculator), or null. */
function keptState() {
  const kept = acceptState(stored(WHATIF_KEY));
  const shared = acceptScenario(stored(SCENARIO_KEY));
  if (!kept && !shared) return null;
  const st = kept ?? defaultState();
  if (shared) st.scenarios[0] = { ...shared, name: st.scenarios[0].name };
  st.language = savedLang() ?? st.language;
  return st;
}

function wire() {
  onFormEdit(form, (e) => {
    const node = e.target;
    if (!node.name) return;
    const v = node.value;
    if (node.name === 'name') cur().name = v;
    else setPath(cur(), node.name, v.trim() === '' ? undefined : v);
    // A typed success rate replaces a `successes` count from a loaded file or link.
    if (node.name === 'months[0].success_rate' && v.trim() !== '') delete cur().months[0].successes;
    recompute({ sweepToo: node.name !== 'name' });
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target.tagName === 'INPUT') e.preventDefault();
  });
  $('scenario-tabs').addEventListener('click', (e) => {
    const b = e.target.closest('[data-scenario]');
    if (b) show(Number(b.dataset.scenario));
  });
  form.querySelector('[data-action="duplicate"]').addEventListener('click', () => {
    const copy = structuredClone(cur());
    const n = S.scenarios.length + 1;
    copy.name = S.scenarios.length === 1 ? L('name_counter') : L('scenario_default_name', { n });
    S.scenarios.push(copy);
    show(S.scenarios.length - 1);
    $('f-unit_price').focus();
  });
  form.querySelector('[data-action="remove-scenario"]').addEventListener('click', () => {
    if (S.scenarios.length < 2) return;
    const name = cur().name || L('scenario_default_name', { n: S.shown + 1 });
    S.scenarios.splice(S.shown, 1);
    show(Math.min(S.shown, S.scenarios.length - 1));
    nextWhat = (lang) => t(lang, 'removed_scenario', { name });
  });
  $('sweep-field').addEventListener('change', () => {
    const f = $('sweep-field').value;
    S.sweep = { field: f, from: RANGES[f][0], to: RANGES[f][1] };
    $('sweep-from').value = S.sweep.from;
    $('sweep-to').value = S.sweep.to;
    recompute();
  });
  for (const id of ['sweep-from', 'sweep-to']) {
    $(id).addEventListener('input', () => {
      S.sweep.from = $('sweep-from').value;
      S.sweep.to = $('sweep-to').value;
      recompute();
    });
  }
  deliberateSlider($('sweep-slider'));
  $('sweep-slider').addEventListener('input', () => {
    const r = last.sweep;
    if (!r) return;
    const v = r.values[Number($('sweep-slider').value)];
    Object.assign(cur(), withField(cur(), r.field, v));
    fillEditor();
    recompute({ sweepToo: false });
  });
  $('solve-field').addEventListener('change', () => { S.solve.field = $('solve-field').value; recompute({ sweepToo: false }); });
  $('solve-mode').addEventListener('change', () => { S.solve.mode = $('solve-mode').value; recompute({ sweepToo: false }); });
  $('solve-target').addEventListener('input', () => { S.solve.target = $('solve-target').value; recompute({ sweepToo: false }); });
  $('solve-out').addEventListener('click', (e) => {
    const b = e.target.closest('[data-action="apply"]');
    if (!b) return;
    Object.assign(cur(), withField(cur(), S.solve.field, b.dataset.value));
    fillEditor();
    recompute();
  });
  onLangButtons((lang) => setLanguage(lang));
  form.querySelector('[data-action="reset-example"]').addEventListener('click', () => {
    showLinkError(null);
    S = defaultState(S.language);
    applyState();
    exampleBadge.set(true);
    nextWhat = (lang) => t(lang, 'reset_what');
  });
  results.querySelector('[data-action="copy-link"]').addEventListener('click', copyLink);
  results.querySelector('[data-action="save-json"]').addEventListener('click', saveJson);
  results.querySelector('[data-action="export-csv"]').addEventListener('click', exportCsv);
  results.querySelector('[data-action="print"]').addEventListener('click', print);
  // Ctrl+P too: the statement of the shown scenario, or (stale) the refusal naming the fields.
  guardPrint(() => refusal(last.errors, { lang: S.language, t, action: 'action_print', name: fieldName }), prepareStatement);
  $('load-json').addEventListener('change', (e) => {
    const file = e.target.files?.[0];
    if (file) loadFile(file);
    e.target.value = '';
  });
  // A share link pasted into this tab's address bar (only the hash changes: no reload).
  window.addEventListener('hashchange', () => {
    if (!location.hash.startsWith('#s=') || location.hash === `#s=${lastLink}`) return;
    showLinkError(null);
    const st = readLink();
    S = st ?? defaultState(S.language);
    applyState();
    if (st) persist();
    undo.commit(undoable(), { what: (lang) => t(lang, 'opened_link') });
  });
  // Every edit is kept (after the control's own handler has changed the state), and is a step
  // of the undo history: a run of typing in one field (or one slider drag) is one step.
  for (const type of ['input', 'change', 'click']) {
    document.addEventListener(type, (e) => {
      if (!e.target.closest?.('#scenario, #sweep, #solve, [data-lang]') || e.target.id === 'load-json') return;
      persist();
      const key = type === 'click' ? null : e.target.name || e.target.id || null;
      undo.commit(undoable(), { key, what: nextWhat });
      nextWhat = null;
    });
  }
  // Back or Forward to this page kept in memory: the calculator may have changed the scenario.
  window.addEventListener('pageshow', (e) => {
    const kept = e.persisted ? acceptScenario(stored(SCENARIO_KEY)) : null;
    if (!kept || JSON.stringify(kept) === JSON.stringify(bare(S.scenarios[0]))) return;
    S.scenarios[0] = { ...kept, name: S.scenarios[0].name };
    applyState();
  });
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => drawChart()).observe($('sweep-chart'));
  window.addEventListener('load', () => drawChart()); // uPlot is a deferred classic script
}

async function main() {
  translate();
  try {
    await load(init); // compiled since boot.js ran from the page's <head>
  } catch (e) {
    document.body.dataset.ready = 'error';
    $('general-errors').hidden = false;
    $('general-errors').querySelector('.general-errors-list').replaceChildren(el('p', { class: 'general-error', text: L('load_failed', { msg: e?.message ?? String(e) }) }));
    return;
  }
  const firstVisit = urlState() === null && stored(SCENARIO_KEY) === null && stored(WHATIF_KEY) === null;
  // A link opened afresh wins (and becomes the scenario kept); else what this device keeps.
  if (urlState() !== null && (openedAfresh() || stored(SCENARIO_KEY) === null)) {
    const fromLink = readLink();
    if (fromLink) {
      S = fromLink;
      persist();
      exampleBadge.set(false);
    }
  } else {
    const kept = keptState();
    if (kept) {
      S = kept;
      url.write(() => (lastLink = encodeState(stateForShare())));
      url.flush();
    }
  }
  if (urlState() !== null) markEntry();
  wire();
  applyState();
  if (firstVisit) exampleBadge.set(true);
  undo.start(undoable());
  document.body.dataset.ready = 'true';
}

main();
