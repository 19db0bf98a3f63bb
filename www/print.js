// The printed sheets (issue 20), shared by the calculator and the what-if page: the settlement
// statement (结算单) of one work month — or of the months of a what-if offer — on A4 portrait, and
// the calculator's plan (every month's inputs, lines, total and dates) on A4 landscape. Both are
// built from the module's results (settle) and the scenario as typed, only when printing (before
// `print`), into `.print-sheets`, a child of <body> that only the print stylesheet shows
// (print.css). `<html data-print="plan|statement">` picks the sheet; named @page rules give each
// its paper. Nothing here computes money: amounts, formulas and 大写 are the module's.

import { el, grouped } from './ui.js';

/** The sheets' container (made once), a direct child of <body>. */
function sheets() {
  let box = document.querySelector('body > .print-sheets');
  if (!box) {
    box = el('div', { class: 'print-sheets', 'aria-hidden': 'true' });
    document.body.append(box);
  }
  return box;
}

/** The sheet `kind` (made once, emptied when refilled). */
function sheet(kind) {
  const box = sheets();
  let node = box.querySelector(`.sheet-${kind}`);
  if (!node) {
    node = el('section', { class: `print-sheet sheet-${kind}`, 'data-sheet': kind });
    box.append(node);
  }
  return node;
}

/** Which sheet a print shows from now on (Ctrl+P included), until another is chosen. */
export function printMode(kind) {
  document.documentElement.dataset.print = kind;
}

/** A bill line's formula as printed: "p × s × T = 2.50 × 0.3 × 10000"; telecom in words. */
function formulaText(line, lang, t) {
  const formula = line.formula === 'telecom' ? t(lang, 'telecom_formula') : line.formula;
  return `${formula} = ${line.expression}`;
}

const label = (line, lang) => (lang === 'en' ? line.label_en : line.label_zh);

/** The contract's texts as rows of a meta table (only those given). */
function contractRows(scenario, lang, t) {
  const text = (v) => (typeof v === 'string' ? v.trim() : '');
  return [
    ['statement_contract_no', text(scenario.contract_no)],
    ['statement_party_a', text(scenario.parties?.a)],
    ['statement_party_b', text(scenario.parties?.b)],
  ].filter(([, v]) => v).map(([key, v]) => [t(lang, key), v]);
}

/** The terms as one line: price, target rate, penalty, and the month's volume and rate. */
function termsText(terms, month, lang, t) {
  const v = (x) => (x == null || String(x).trim() === '' ? '—' : String(x).trim());
  const bySuccesses = month?.success_rate == null && month?.successes != null;
  return t(lang, bySuccesses ? 'statement_terms_text_n' : 'statement_terms_text', {
    p: v(terms?.unit_price), s0: v(terms?.target_rate), F: v(terms?.penalty_per_unit),
    T: v(month?.volume), s: v(month?.success_rate ?? month?.successes),
  });
}

function metaTable(rows) {
  return el('table', { class: 'sheet-meta' }, el('tbody', {}, ...rows.map(([k, v, key]) =>
    el('tr', { 'data-meta': key ?? null }, el('th', { scope: 'row', text: k }), el('td', { text: v })))));
}

const DATE_KEYS = ['report_due', 'confirm_by', 'invoice_by', 'payment_due'];

/**
 * The statement (结算单) of `months` (MonthBill of the module, one or more) of `scenario`:
 * contract number and parties as entered, work month(s), terms, every line with its formula and
 * amount, the total in figures and in 大写 (`capital`: capitalAmount with the 人民币 prefix),
 * the report / confirm / invoice / payment dates, and the signature blocks. No scenario name.
 * `policy`: the deal policy the terms were checked against, with the status (policy.js
 * PolicyView.statementLine; empty without a policy), printed last as `[data-print="policy"]`.
 */
export function fillStatement({ scenario, months, total, capital, lang, t, policy = '' }) {
  const node = sheet('statement');
  const many = months.length > 1;
  const inputs = (bill) => scenario.months.find((m) => m.month === bill.month) ?? scenario.months[0];
  const meta = [
    ...contractRows(scenario, lang, t),
    [t(lang, 'statement_month'), months.map((m) => m.month).join(lang === 'en' ? ', ' : '、'), 'month'],
    ...months.map((m) => [many ? `${t(lang, 'statement_terms')} (${m.month})` : t(lang, 'statement_terms'), termsText(scenario.terms, inputs(m), lang, t)]),
  ];
  const lines = months.flatMap((m) => m.lines.map((line) => el('tr', { 'data-line': line.key },
    el('th', { scope: 'row', text: many ? `${label(line, lang)} (${m.month})` : label(line, lang) }),
    el('td', { class: 'sheet-formula', text: formulaText(line, lang, t) }),
    el('td', { class: 'num', 'data-value': line.amount, text: grouped(line.amount) }),
  )));
  const dates = el('table', { class: 'sheet-dates' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: t(lang, 'statement_month') }),
      ...DATE_KEYS.map((k) => el('th', { scope: 'col', text: t(lang, `statement_${k}`) })))),
    el('tbody', {}, ...months.map((m) => el('tr', {},
      el('th', { scope: 'row', text: m.month }),
      ...DATE_KEYS.map((k) => el('td', { 'data-date': k, text: m.schedule[k] })),
    ))));
  const party = (key, name) => el('div', {},
    el('span', { text: t(lang, key) }), el('span', { class: 'sheet-blank', text: name ?? '' }),
    el('span', { text: t(lang, 'statement_date') }), el('span', { class: 'sheet-blank' }));
  node.replaceChildren(
    el('h1', { text: t(lang, 'statement_title') }),
    metaTable(meta),
    el('table', { class: 'sheet-lines' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t(lang, 'col_item') }),
        el('th', { scope: 'col', text: t(lang, 'statement_formula') }),
        el('th', { scope: 'col', class: 'num', text: t(lang, 'col_amount') }))),
      el('tbody', {}, ...lines),
      el('tfoot', {},
        el('tr', {}, el('th', { scope: 'row', colspan: '2', text: t(lang, 'statement_total') }),
          el('td', { class: 'num', 'data-print': 'total', 'data-value': total, text: `${grouped(total)} ${t(lang, 'currency')}` })),
        el('tr', {}, el('th', { scope: 'row', colspan: '2', text: t(lang, 'statement_capital') }),
          el('td', { class: 'sheet-capital', 'data-print': 'capital', text: capital })))),
    el('h2', { text: t(lang, 'statement_dates') }),
    dates,
    el('div', { class: 'sheet-sign' },
      party('statement_client', scenario.parties?.a), party('statement_vendor', scenario.parties?.b)),
    el('p', { class: 'sheet-note', text: t(lang, 'statement_note') }),
  );
  if (policy) node.append(el('p', { class: 'sheet-note', 'data-print': 'policy', text: policy }));
  return node;
}

/** The line keys of the plan's columns, in the bill's order. */
export const LINE_KEYS = ['service_fee', 'shortfall_penalty', 'inaccuracy_deduction', 'telecom_charges'];

/**
 * The calculator's plan on landscape paper: the contract, the terms, then one row per month with
 * its inputs (volume, success rate or successes, sampled, inaccurate), every bill line, the total
 * and the four dates; the plan total in figures and 大写 (`capital`). The table's head repeats on
 * every page and no row is split (print.css).
 */
export function fillPlan({ scenario, result, capital, lang, t }) {
  const node = sheet('plan');
  const basis = scenario.months.some((m) => m.successes != null && m.success_rate == null) ? 'successes' : 'success_rate';
  const inputCols = ['volume', basis, 'sampled_records', 'inaccurate_records'];
  const head = [
    t(lang, 'month'), ...inputCols.map((f) => t(lang, f)),
    ...LINE_KEYS.map((k) => t(lang, `line_${k}`)), t(lang, 'total'),
    ...DATE_KEYS.map((k) => t(lang, `statement_${k}`)),
  ];
  const amountCols = inputCols.length + LINE_KEYS.length + 1; // after the month: right-aligned
  const rows = result.months.map((m, i) => {
    const input = scenario.months[i] ?? {};
    const amounts = Object.fromEntries(m.lines.map((l) => [l.key, l.amount]));
    return el('tr', { 'data-month': m.month },
      el('th', { scope: 'row', text: m.month }),
      ...inputCols.map((f) => el('td', { class: 'num', text: input[f] == null ? '' : String(input[f]) })),
      ...LINE_KEYS.map((k) => el('td', { class: 'num', 'data-line': k, 'data-value': amounts[k] ?? '', text: grouped(amounts[k] ?? '') })),
      el('td', { class: 'num sheet-total', 'data-line': 'total', 'data-value': m.total, text: grouped(m.total) }),
      ...DATE_KEYS.map((k) => el('td', { 'data-date': k, text: m.schedule[k] })),
    );
  });
  const meta = [
    ...contractRows(scenario, lang, t),
    [t(lang, 'plan_print_months'), t(lang, 'plan_print_range', { n: result.months.length, from: result.months[0].month, to: result.months[result.months.length - 1].month })],
    [t(lang, 'statement_terms'), t(lang, 'plan_print_terms', {
      p: scenario.terms.unit_price ?? '—', s0: scenario.terms.target_rate ?? '—', F: scenario.terms.penalty_per_unit ?? '—',
    })],
  ];
  node.replaceChildren(
    el('h1', { text: t(lang, 'plan_print_title') }),
    metaTable(meta),
    el('table', { class: 'sheet-plan-table' },
      el('thead', {}, el('tr', {}, ...head.map((h, i) => el('th', { scope: 'col', class: i > 0 && i <= amountCols ? 'num' : null, text: h })))),
      el('tbody', {}, ...rows),
      el('tfoot', {},
        el('tr', {}, el('th', { scope: 'row', colspan: String(1 + inputCols.length + LINE_KEYS.length), text: t(lang, 'year_total') }),
          el('td', { class: 'num sheet-total', 'data-print': 'total', 'data-value': result.total, text: grouped(result.total) }),
          el('td', { colspan: String(DATE_KEYS.length) })),
        el('tr', {}, el('th', { scope: 'row', colspan: String(1 + inputCols.length + LINE_KEYS.length), text: t(lang, 'statement_capital') }),
          el('td', { class: 'sheet-capital', 'data-print': 'capital', colspan: String(1 + DATE_KEYS.length), text: capital })))),
    el('p', { class: 'sheet-note', text: t(lang, 'statement_note') }),
  );
  return node;
}
