// The clerk's check (第四条 3 counts from receipt: "收到报表后", "收到发票后"): for the selected
// month, the actual date of each step — inputs named by JSON path, `months[i].actual.<step>` —
// and a small timeline: each step's due date (counted from the actual previous step), its actual
// date, and on time or late by N days (calendar and working). The module computes everything
// (`checkDeadlines`); this file only keeps the typed dates and shows the result. The inputs are
// the product's text date fields (class `date`, with the calendar button of datepick.js): the
// typed text ("2026-03-12", "2026/3/12", "2026年3月12日") goes to the module as it is, which
// reads it or reports `invalid_date` at the field; the steps show the module's YYYY-MM-DD.
//
// Results: `data-result="check.<step>.due"`, `check.<step>.actual`, `check.<step>.status` for the
// steps report_received, confirmed, invoice_received, paid; each row has `data-status` (open,
// on_time, late). The contract sets no late-payment interest; the card says so.
//
// Used by app.js through five calls: `take(scenario)` when a scenario is put into the page,
// `addTo(scenario)` when it reads the scenario, `render(scenario, i, lang)` with the bill of month
// i, `check(scenario, i)` for the module's reading of month i's dates, and `onChange` (given)
// when a date is typed. The card's inputs and steps are made by the first `render` (a page
// renders the check after its first paint).

import { checkDeadlines } from '../pkg/callsettle.js';
import { datePickers } from './datepick.js';
import { dayNote, t } from './i18n.js';
import { el, put } from './ui.js';

const STEPS = ['report_received', 'confirmed', 'invoice_received', 'paid'];

const TEXT = {
  zh: {
    heading: '核对实际日期（第四条 3）',
    hint: '填入实际日期后，每一步的期限从上一步的实际日期起算。',
    report_received: '收到报表',
    confirmed: '核对确认',
    invoice_received: '收到发票',
    paid: '付款',
    due: '期限',
    actual: '实际',
    open: '未填写',
    on_time: '按期',
    late: '逾期 {days} 天（{working} 个工作日）',
    no_interest: '合同未约定逾期付款利息，本页不计算利息。',
    legend: '{month} 实际日期',
  },
  en: {
    heading: 'Check the actual dates (Art. 4.3)',
    hint: 'With actual dates, each step’s deadline counts from the actual date of the step before.',
    report_received: 'Report received',
    confirmed: 'Confirmed',
    invoice_received: 'Invoice received',
    paid: 'Paid',
    due: 'Due',
    actual: 'Actual',
    open: 'not entered',
    on_time: 'on time',
    late: 'late by {days} days ({working} working days)',
    no_interest: 'The contract sets no late-payment interest; none is computed.',
    legend: 'Actual dates of {month}',
  },
};

function text(lang, key, params = {}) {
  const out = TEXT[lang][key].replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
  return lang === 'en' ? out.replace(/\b1 (working )?days\b/g, '1 $1day') : out;
}

export class Timeline {
  /** `root`: the card to fill; `onChange`: called after a date was typed. */
  constructor(root, { onChange }) {
    this.root = root;
    this.onChange = onChange;
    this.dates = new Map(); // work month text ("2026-01") → { step: "YYYY-MM-DD" }
    this.index = -1;
    this.month = null;
    this.list = null; // made by the first render
    this.lang = null; // the language of the inputs' placeholders and picker buttons
    this.checked = null; // { scenario, i, month }: the module's check last asked for
  }

  /** The card's contents: heading, hint, the date fields, the steps and the note. */
  build() {
    this.heading = el('h3');
    this.hint = el('p', { class: 'check-hint' });
    this.legend = el('legend', { class: 'visually-hidden' });
    this.inputs = {};
    this.labels = {};
    const fields = el('fieldset', { class: 'check-inputs' }, this.legend);
    for (const step of STEPS) {
      const input = el('input', {
        type: 'text', class: 'date', id: `check-${step}`, 'data-step': step,
        inputmode: 'numeric', spellcheck: 'false', autocomplete: 'off',
      });
      this.labels[step] = el('label', { for: `check-${step}` });
      this.inputs[step] = input;
      fields.append(el('div', { class: 'field' }, this.labels[step], input));
    }
    this.list = el('ol', { class: 'check-steps stale-dim' });
    this.rows = {};
    for (const step of STEPS) {
      const row = {
        li: el('li', { 'data-step': step, 'data-status': 'open' }),
        label: el('span', { class: 'check-label' }),
        due: el('time', { 'data-result': `check.${step}.due` }),
        dueNote: el('span', { class: 'tl-moved', 'data-result': `check.${step}.due_note` }),
        actual: el('time', { 'data-result': `check.${step}.actual` }),
        status: el('span', { class: 'check-status', 'data-result': `check.${step}.status` }),
        dueLabel: el('span', { class: 'check-key' }),
        actualLabel: el('span', { class: 'check-key' }),
      };
      row.li.append(
        row.label,
        el('span', { class: 'check-date' }, row.dueLabel, ' ', row.due, row.dueNote),
        el('span', { class: 'check-date' }, row.actualLabel, ' ', row.actual),
        row.status,
      );
      this.rows[step] = row;
      this.list.append(row.li);
    }
    this.note = el('p', { class: 'check-note' });
    this.root.append(this.heading, this.hint, fields, this.list, this.note);
    this.renamePickers = datePickers(fields, (input) => t(this.lang, 'pick_date', { field: input.labels[0].textContent }));
    fields.addEventListener('input', (event) => {
      const step = event.target.dataset.step;
      if (!step || this.month === null) return;
      const dates = { ...this.dates.get(this.month) };
      if (event.target.value) dates[step] = event.target.value;
      else delete dates[step];
      this.dates.set(this.month, dates);
      this.onChange();
    });
  }

  /** Takes the actual dates of a scenario put into the page (from storage or a link). */
  take(scenario) {
    this.dates = new Map();
    for (const m of scenario.months ?? []) {
      const dates = Object.fromEntries(STEPS.filter((s) => typeof m?.actual?.[s] === 'string').map((s) => [s, m.actual[s]]));
      if (Object.keys(dates).length) this.dates.set(String(m.month), dates);
    }
    this.index = -1; // the inputs show the new dates at the next render
  }

  /** Puts the typed dates into the scenario's months (by work month), leaving empty ones out. */
  addTo(scenario) {
    for (const m of scenario.months) {
      const dates = this.dates.get(m.month);
      if (dates && Object.keys(dates).length) m.actual = { ...dates };
    }
  }

  /** Shows month `i` of `scenario` (the last valid one): its inputs and its checked steps. */
  render(scenario, i, lang) {
    if (!this.list) this.build();
    const month = scenario.months[i]?.month ?? null;
    if (i !== this.index || month !== this.month) {
      this.index = i;
      this.month = month;
      const dates = this.dates.get(month) ?? {};
      for (const step of STEPS) {
        const input = this.inputs[step];
        input.name = `months[${i}].actual.${step}`;
        if (input.value !== (dates[step] ?? '')) input.value = dates[step] ?? '';
      }
    }
    put(this.heading, text(lang, 'heading'));
    put(this.hint, text(lang, 'hint'));
    put(this.legend, text(lang, 'legend', { month: month ?? '' }));
    put(this.note, text(lang, 'no_interest'));
    for (const step of STEPS) {
      const row = this.rows[step];
      put(this.labels[step], text(lang, step));
      put(row.label, text(lang, step));
      put(row.dueLabel, text(lang, 'due'));
      put(row.actualLabel, text(lang, 'actual'));
    }
    if (lang !== this.lang) {
      this.lang = lang;
      for (const step of STEPS) this.inputs[step].placeholder = t(lang, 'date_hint');
      this.renamePickers();
    }
    const checked = this.check(scenario, i);
    // The scenario has errors: they are shown at their inputs; the steps keep their text.
    if (!checked) return;
    for (const step of STEPS) {
      const row = this.rows[step];
      const c = checked.steps.find((s) => s.step === step);
      put(row.due, c?.due ?? '');
      put(row.dueNote, dayNote(lang, c?.due_note));
      put(row.actual, c?.actual ?? '');
      const status = c?.status ?? 'open';
      if (row.li.dataset.status !== status) row.li.dataset.status = status;
      put(row.status, text(lang, status, { days: c?.late_days, working: c?.late_working_days }));
    }
  }

  /**
   * The module's check of month i of `scenario` (its steps with the dates read: YYYY-MM-DD), or
   * null when the scenario has errors. Asked once per scenario and month.
   */
  check(scenario, i) {
    if (this.checked?.scenario !== scenario || this.checked.i !== i) {
      // The deadlines of a month depend on the settlement terms and its own dates only, so the
      // check is asked for that month alone (a long plan is not settled again per keystroke).
      const m = scenario.months[i];
      const alone = { terms: scenario.terms, months: m ? [{ month: m.month, volume: '0', successes: '0', actual: m.actual }] : [] };
      let month = null;
      try {
        month = checkDeadlines(alone).months[0] ?? null;
      } catch {
        // errors: shown at their inputs by the page
      }
      this.checked = { scenario, i, month };
    }
    return this.checked.month;
  }
}
