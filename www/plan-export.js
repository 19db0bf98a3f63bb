// The calculator's print, export and share tools (issue 20): print the plan (A4 landscape) or the
// selected month's statement (A4 portrait), the plan as CSV with the terms and every input, the
// whole scenario as a JSON file (save, and open through the module's reader), and the share link
// copied. app.js mounts them with `mountExportTools(page)`; `page` gives what they need:
//   state() → { errors, last: { result, scenario } | null, selected, lang }
//   open(scenario) → puts a scenario into the page (its problems then show at their fields)
//   link() → the page's share URL, written in the address bar now
//   name(path) → the field's name for messages (its label, with the month in the grid)
//   policy(lang) → the deal policy the terms were checked against, with the status, as the
//                  statement prints it (policy.js statementLine; empty without a policy)
// While an input is wrong (the results are stale) every tool refuses and says which fields; a
// print (Ctrl+P too) shows that refusal instead of the sheets (ui.js guardPrint).
//
// Results tests read: `#export-status` (role=status) holds the last message, with
// `data-status` = the catalog key; `<html data-print>` the sheet a print shows.

import { capitalAmount, settle } from '../pkg/callsettle.js';
import { copyLink, csvText, download, fileStem, readJsonFile } from './export.js';
import { LINE_KEYS, fillPlan, fillStatement, printMode } from './print.js';
import { acceptScenario, getPath, guardPrint, refusal } from './ui.js';

const MONTH_INPUTS = [
  'month', 'volume', 'success_rate', 'successes', 'sampled_records', 'inaccurate_records',
  'telecom_charges', 'trial_records', 'trial_successes',
];
const ACTUAL_STEPS = ['report_received', 'confirmed', 'invoice_received', 'paid'];
const DATE_KEYS = ['report_due', 'confirm_by', 'invoice_by', 'payment_due'];

/**
 * The plan as CSV rows (docs/rules.md, "The plan's CSV"): the contract and every term field of
 * `form` (label, JSON path, value: as typed, or the default the module applied — the select's
 * option in words), a blank row, then one row per month (its inputs as typed, every bill line,
 * the total and the four dates), and the plan total.
 */
export function planRows({ form, scenario, result, lang, t }) {
  const terms = [...form.querySelectorAll('input[name], select[name]')].map((input) => {
    const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent.trim() ?? input.name;
    const typed = getPath(scenario, input.name);
    const value = input.tagName === 'SELECT'
      ? input.selectedOptions[0]?.textContent.trim() ?? ''
      : typed == null ? input.dataset.default ?? '' : String(typed);
    return [label, input.name, value];
  });
  const head = [
    ...MONTH_INPUTS.map((f) => t(lang, f)),
    ...ACTUAL_STEPS.map((s) => t(lang, `csv_actual_${s}`)),
    ...LINE_KEYS.map((k) => t(lang, `line_${k}`)),
    t(lang, 'total'),
    ...DATE_KEYS.map((k) => t(lang, `statement_${k}`)),
  ];
  const months = result.months.map((bill, i) => {
    const m = scenario.months[i] ?? {};
    const amounts = Object.fromEntries(bill.lines.map((l) => [l.key, l.amount]));
    return [
      ...MONTH_INPUTS.map((f) => (m[f] == null ? '' : String(m[f]))),
      ...ACTUAL_STEPS.map((s) => m.actual?.[s] ?? ''),
      ...LINE_KEYS.map((k) => amounts[k] ?? ''),
      bill.total,
      ...DATE_KEYS.map((k) => bill.schedule[k]),
    ];
  });
  const totalAt = MONTH_INPUTS.length + ACTUAL_STEPS.length + LINE_KEYS.length;
  const totalRow = head.map((_, i) => (i === 0 ? t(lang, 'year_total') : i === totalAt ? result.total : ''));
  return [
    [t(lang, 'csv_field'), t(lang, 'csv_path'), t(lang, 'csv_value')],
    ...terms,
    [],
    head,
    ...months,
    totalRow,
  ];
}

export function mountExportTools(page) {
  const box = document.getElementById('export-tools');
  const status = document.getElementById('export-status');
  const linkBox = document.getElementById('export-link');
  const form = document.getElementById('scenario');
  const t = page.t;

  const say = (key, params = {}, text = null) => {
    status.dataset.status = key;
    status.dataset.params = JSON.stringify(params);
    status.textContent = text ?? t(page.state().lang, key, params);
    status.classList.toggle('is-refusal', key === 'refused');
  };
  /** Null when the tool may run; else says why not (the fields) and returns the message. */
  const refused = (action) => {
    const { errors, lang, last } = page.state();
    const why = refusal(errors, { lang, t, action, name: page.name }) ?? (last ? null : t(lang, 'refuse', { action: t(lang, action) }));
    if (why) say('refused', {}, why);
    return why;
  };
  const capital = (total) => {
    try {
      return capitalAmount(total, { prefix: true });
    } catch (thrown) {
      return thrown?.errors?.[0]?.[page.state().lang === 'en' ? 'message_en' : 'message_zh'] ?? '';
    }
  };

  /** Fills the sheet a print will show, from the last (fresh) results. */
  const prepare = () => {
    const { last, selected, lang } = page.state();
    if (!last) return;
    const { result, scenario } = last;
    if (document.documentElement.dataset.print === 'statement') {
      const month = result.months[Math.min(selected, result.months.length - 1)];
      fillStatement({ scenario, months: [month], total: month.total, capital: capital(month.total), lang, t, policy: page.policy(lang) });
    } else {
      fillPlan({ scenario, result, capital: capital(result.total), lang, t });
    }
  };
  printMode('plan'); // Ctrl+P prints the plan until the statement is asked for
  guardPrint(() => refusal(page.state().errors, { lang: page.state().lang, t, action: 'action_print', name: page.name }), prepare);

  const actions = {
    'print-plan'() {
      if (refused('action_print')) return;
      printMode('plan');
      say('print_started_plan');
      window.print();
    },
    'print-statement'() {
      if (refused('action_print')) return;
      printMode('statement');
      const { last, selected } = page.state();
      say('print_started_statement', { month: last.result.months[Math.min(selected, last.result.months.length - 1)].month });
      window.print();
    },
    'export-csv'() {
      if (refused('action_csv')) return;
      const { last, lang } = page.state();
      const rows = planRows({ form, scenario: last.scenario, result: last.result, lang, t });
      download(`${fileStem(last.scenario.contract_no, 'callsettle-plan')}.csv`, 'text/csv;charset=utf-8', csvText(rows));
      say('csv_saved', { n: last.result.months.length });
    },
    'save-json'() {
      if (refused('action_json')) return;
      const { last } = page.state();
      download(`${fileStem(last.scenario.contract_no, 'callsettle-scenario')}.json`, 'application/json', `${JSON.stringify(last.scenario, null, 2)}\n`);
      say('json_saved');
    },
    async 'copy-link'() {
      if (refused('action_link')) return;
      const how = await copyLink(page.link(), linkBox);
      say(how === 'copied' ? 'link_copied' : 'link_in_bar');
    },
  };
  box.addEventListener('click', (event) => {
    const action = event.target.closest('[data-tool]')?.dataset.tool;
    if (action && actions[action]) actions[action]();
  });

  // Open a saved scenario: any JSON object goes to the module's reader (through the page), whose
  // problems show at their fields; a file that is not a scenario at all says so here.
  document.getElementById('export-open').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const read = await readJsonFile(file);
    if (read.error) return say('load_failed_file', { msg: read.reason });
    const scenario = acceptScenario(read.value);
    if (!scenario) {
      // What the module says about it (wrong_type, required, …), in the user's language.
      let msg = '';
      try {
        settle(read.value);
      } catch (thrown) {
        const lang = page.state().lang;
        msg = (thrown?.errors ?? []).map((e) => `${e.path ? `${e.path}: ` : ''}${lang === 'en' ? e.message_en : e.message_zh}`).join('; ');
      }
      return say('load_bad_scenario', { name: file.name, msg });
    }
    page.open(scenario);
    say(page.state().errors.length ? 'loaded_file_errors' : 'loaded_file', { name: file.name });
  });

  return {
    /** The status line in the current language (after a language switch). */
    translate() {
      if (!status.dataset.status || status.dataset.status === 'refused') {
        if (status.dataset.status === 'refused') status.textContent = '';
        delete status.dataset.status;
        return;
      }
      status.textContent = t(page.state().lang, status.dataset.status, JSON.parse(status.dataset.params || '{}'));
    },
  };
}
