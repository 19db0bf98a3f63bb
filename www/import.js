// Results-file import on the calculator page (issue 17, docs/rules.md "Results import"). A clerk drops a results file on
// #import (or picks it with the file input `results_file`); a worker (import-worker.js) reads it in
// chunks into the WASM module, this page only shows progress, the report and fills the month grid
// through app.js (`window.callsettle.fillMonths`). Nothing leaves the page.
//
// Conventions (tests rely on them):
// - Options are the inputs `import.customer_number`, `import.count_by`,
//   `import.success_min_billsec`, `import.pulse`, `import.tariff_per_minute`, `import.timezone`;
//   their texts go to the module unchanged (it reads and checks them; an error is shown next to
//   its input, which gets aria-invalid="true").
// - Results: `data-result="import.rows"`, `import.accepted`, `import.rejected`, `import.calls`,
//   and `import.rejected.<reason>` for every reason code; the first rows of each reason are text.
// - `#import[data-state]`: idle, reading, mapping (columns to assign), done, cancelled, error.
// - A file with no standard layout: its first rows are shown with a select per needed column; the
//   mapping is remembered on this device (localStorage `callsettle.import.mapping.<columns>`) and
//   used again for files with that many columns, and the report says so.

import { scriptURL } from './trusted.js';
import { el, message, placeErrors, showAmount, translator } from './ui.js';

const section = document.getElementById('import');
const fileInput = document.getElementById('import-file');
const drop = document.getElementById('import-drop');
const progressBox = document.getElementById('import-progress');
const bar = document.getElementById('import-bar');
const statusLine = document.getElementById('import-status');
const cancelButton = document.getElementById('import-cancel');
const mappingBox = document.getElementById('import-mapping');
const reportBox = document.getElementById('import-report');

const OPTIONS = ['customer_number', 'count_by', 'success_min_billsec', 'pulse', 'tariff_per_minute', 'timezone'];
const MB = 1024 * 1024;
const CHUNK_BYTES = 8 * MB;
const MAPPING_KEY = 'callsettle.import.mapping.';
// The columns a mapping assigns (the customer column is `dst` or `src`, as the option says).
const ROLES = ['start', 'billsec', 'disposition', 'customer', 'answer', 'end', 'duration', 'uniqueid', 'linkedid', 'sequence'];
const REQUIRED_ROLES = new Set(['start', 'billsec', 'disposition', 'customer']);

// The import's own texts; the month table's columns are the grid's (the shared catalog).
const text = translator({
  zh: {
    heading: '导入结果文件',
    intro: '拖入或选择本月的呼叫结果文件（Asterisk Master.csv 或本产品的结果 CSV）：每个月的外呼量 T、成功单数、通讯费填入上方工作月计划。文件只在本机浏览器内读取，不会上传。',
    choose: '选择文件…',
    drop: '或把文件拖到这里',
    options: '导入规则',
    customer_number: '客户号码所在列',
    customer_dst: '被叫 dst（外呼项目）',
    customer_src: '主叫 src（呼入服务）',
    rule_customer_number: '一个呼叫的客户号码取其各条记录中该列第一个有效号码（可带 + 的 3–20 位数字）。',
    count_by: '外呼量 T 按',
    count_record: '记录（不同客户号码）',
    count_call: '呼叫次数',
    rule_count_by: '按记录：一个客户当月呼叫三次算一条记录，任一次成功即为成功单。',
    success_min_billsec: '成功单最短通话（秒）',
    rule_success_min_billsec: '合同的成功单是“讲解完推广内容”，通话时长只能近似判断：接通（ANSWERED）且 billsec 不少于此值的呼叫计为成功。',
    pulse: '通讯费计费方式',
    pulse_60_60: '60/60 不足一分钟按一分钟计',
    rule_pulse: 'X/Y：首段 X 秒，之后每 Y 秒一段，不足一段按一段计；只计接通的呼叫，每个呼叫计一次。',
    tariff_per_minute: '通讯费单价（元/分钟）',
    rule_tariff_per_minute: '每月计费秒数 × 单价 ÷ 60，精确求和后四舍五入到分；留空则不填通讯费。',
    timezone: '文件中的时间',
    tz_local: '北京时间（UTC+8）',
    tz_utc: 'UTC',
    rule_timezone: '呼叫按其最早开始时间在北京时间所在的月份计入。',
    cancel: '取消',
    reading: '正在读取 {name}…',
    progress: '已读 {done} / {total} MB，{rows} 行',
    counting: '{rows} 行已读完，内存不够一次统计，正在分批统计：第 {part} / {parts} 批',
    cancelled: '已取消导入，工作月计划未改动。',
    empty: '文件为空，或开头 64 KB 内没有一整行。',
    failed: '导入失败：{msg}',
    done: '已导入 {name}（{encoding}，{seconds} 秒）：{months} 个月已填入工作月计划。',
    done_none: '已读取 {name}，但没有可计入的呼叫，工作月计划未改动。',
    mapping_intro: '无法识别此文件的格式（{columns} 列）。请指定各列的含义，设置会保存在本机，下次同样列数的文件自动使用。',
    mapping_header: '第一行是表头',
    mapping_apply: '按此设置导入',
    mapping_missing: '请指定：{roles}',
    mapping_used: '按本机保存的列设置（{columns} 列）读取。',
    mapping_change: '修改列设置',
    col: '第 {n} 列',
    none: '（无）',
    role_start: '开始时间',
    role_billsec: '通话时长 billsec（秒）',
    role_disposition: '呼叫结果 disposition',
    role_customer: '客户号码',
    role_answer: '接听时间',
    role_end: '结束时间',
    role_duration: '总时长 duration（秒）',
    role_uniqueid: 'uniqueid',
    role_linkedid: 'linkedid',
    role_sequence: 'sequence',
    report: '导入报告',
    rows: '文件行数',
    accepted: '接受',
    rejected: '拒绝',
    calls: '计入的呼叫',
    format_asterisk: 'Asterisk Master.csv，{columns} 列',
    format_results: '本产品结果 CSV',
    format_custom: '自定义列，{columns} 列',
    months_caption: '各月结果（已填入工作月计划）',
    reasons_caption: '拒绝原因',
    reason: '原因',
    count: '行数',
    line: '第 {line} 行：',
    download: '下载被拒绝的行（CSV）',
  },
  en: {
    heading: 'Import a results file',
    intro: 'Drop or choose the month’s call results file (Asterisk Master.csv or this product’s results CSV): each month’s volume T, successes and telecom charges go into the work-month plan above. The file is read in this browser only and never uploaded.',
    choose: 'Choose file…',
    drop: 'or drop the file here',
    options: 'Import rules',
    customer_number: 'Customer number column',
    customer_dst: 'dst, the called number (outbound)',
    customer_src: 'src, the caller (inbound service)',
    rule_customer_number: 'A call’s customer number is the first valid number (3–20 digits after an optional +) in that column among its legs.',
    count_by: 'Volume T counts',
    count_record: 'records (distinct customer numbers)',
    count_call: 'calls',
    rule_count_by: 'By record: a customer called three times in the month is one record, a success if any of its calls is.',
    success_min_billsec: 'Shortest successful call (s)',
    rule_success_min_billsec: 'The contract’s successful order is one where the promotion was explained in full, which a duration only approximates: an ANSWERED call with billsec at least this long counts as a success.',
    pulse: 'Telecom billing',
    pulse_60_60: '60/60, every begun minute',
    rule_pulse: 'X/Y: the first X seconds, then steps of Y seconds, each begun step billed in full; answered calls only, once per call.',
    tariff_per_minute: 'Telecom tariff (CNY per minute)',
    rule_tariff_per_minute: 'A month’s billed seconds × tariff ÷ 60, summed exactly, then rounded to the fen; leave empty to leave the charges alone.',
    timezone: 'Times in the file',
    tz_local: 'China time (UTC+8)',
    tz_utc: 'UTC',
    rule_timezone: 'A call counts in the month of its earliest start, in China time.',
    cancel: 'Cancel',
    reading: 'Reading {name}…',
    progress: '{done} of {total} MB read, {rows} rows',
    counting: 'All {rows} rows read; too many to count in memory at once, counting in parts: {part} of {parts}',
    cancelled: 'Import cancelled; the plan is unchanged.',
    empty: 'The file is empty, or its first 64 KB hold no whole row.',
    failed: 'Import failed: {msg}',
    done: 'Imported {name} ({encoding}, {seconds} s): months filled into the plan: {months}.',
    done_none: 'Read {name}, but no call could be counted; the plan is unchanged.',
    mapping_intro: 'This file’s layout is not one the page knows ({columns} columns). Assign its columns; the mapping is kept on this device for files with as many columns.',
    mapping_header: 'The first row is a header',
    mapping_apply: 'Import with these columns',
    mapping_missing: 'Please assign: {roles}',
    mapping_used: 'Read with the column mapping saved on this device ({columns} columns).',
    mapping_change: 'Change the column mapping',
    col: 'column {n}',
    none: '(none)',
    role_start: 'start time',
    role_billsec: 'billsec (talk seconds)',
    role_disposition: 'disposition',
    role_customer: 'customer number',
    role_answer: 'answer time',
    role_end: 'end time',
    role_duration: 'duration (seconds)',
    role_uniqueid: 'uniqueid',
    role_linkedid: 'linkedid',
    role_sequence: 'sequence',
    report: 'Import report',
    rows: 'Rows in the file',
    accepted: 'Accepted',
    rejected: 'Rejected',
    calls: 'Calls counted',
    format_asterisk: 'Asterisk Master.csv, {columns} columns',
    format_results: 'results CSV of this product',
    format_custom: 'assigned columns, {columns} columns',
    months_caption: 'Months found (filled into the plan)',
    reasons_caption: 'Rejected rows by reason',
    reason: 'Reason',
    count: 'Rows',
    line: 'line {line}: ',
    download: 'Download the rejected rows (CSV)',
  },
});

const state = {
  worker: null,
  file: null,
  sniff: null,
  options: null, // the options (and mapping) of the last run
  usedSavedMapping: false,
  report: null,
  csvUrl: null,
  status: null, // [key, params] of the status line
};

function lang() {
  return document.documentElement.lang.startsWith('en') ? 'en' : 'zh';
}

const t = (key, params) => text(lang(), key, params);

function setStatus(key, params) {
  state.status = key ? [key, params] : null;
  statusLine.textContent = key ? t(key, params) : '';
}

function setState(name) {
  section.dataset.state = name;
}

// ---------------------------------------------------------------------------------------------
// Options and errors

function optionInputs() {
  return OPTIONS.map((name) => section.querySelector(`[name="import.${name}"]`));
}

/** The options as typed (empty fields left out: the module's defaults apply). */
function readOptions() {
  const options = {};
  for (const input of optionInputs()) {
    const value = input.value.trim();
    if (value !== '') options[input.name.slice('import.'.length)] = value;
  }
  return options;
}

let clearErrors = () => {};

/** The module's errors: each after the input of its path (the page kit's placement), the others in the status line. */
function showErrors(errors) {
  clearErrors();
  const find = (path) => {
    const input = section.querySelector(`[name="${CSS.escape(path)}"]`);
    return input ? { input } : null;
  };
  clearErrors = placeErrors(errors, { lang: lang(), find, id: 'import-err' });
  const general = errors.filter((e) => !e.path || !find(e.path)).map((e) => message(lang(), e));
  setStatus('failed', { msg: general.join('; ') || errors.map((e) => e.path).join(', ') });
}

// ---------------------------------------------------------------------------------------------
// The worker

function newWorker() {
  const worker = new Worker(scriptURL(new URL('import-worker.js', import.meta.url)), { type: 'module' });
  worker.onmessage = ({ data }) => handlers[data.type]?.(data);
  worker.onerror = (e) => fail(e.message ?? 'worker error');
  return worker;
}

function stopWorker() {
  state.worker?.terminate();
  state.worker = null;
}

function fail(msg) {
  stopWorker();
  progressBox.hidden = true;
  setState('error');
  setStatus('failed', { msg });
}

const handlers = {
  sniffed({ sniff }) {
    state.sniff = sniff;
    if (!sniff.preview.length) return fail(t('empty'));
    if (sniff.format) return run(readOptions(), false);
    const saved = savedMapping(sniff.columns);
    if (saved) return run({ ...readOptions(), mapping: saved }, true);
    showMapping();
  },
  progress({ done, total, rows }) {
    bar.value = total ? done / total : 1;
    setStatus('progress', { done: (done / MB).toFixed(1), total: (total / MB).toFixed(1), rows });
  },
  // A spilled import reading its partitions back (docs/rules.md "Memory").
  counting({ part, parts, rows }) {
    bar.value = part / parts;
    setStatus('counting', { part, parts, rows });
  },
  done({ report, csv, encoding, ms }) {
    stopWorker();
    progressBox.hidden = true;
    state.report = report;
    if (state.csvUrl) URL.revokeObjectURL(state.csvUrl);
    state.csvUrl = report.rejected > 0 ? URL.createObjectURL(csv) : null;
    const months = report.months;
    if (months.length) window.callsettle?.fillMonths(months);
    setStatus(months.length ? 'done' : 'done_none', {
      name: state.file.name, encoding: encoding === 'utf-8' ? 'UTF-8' : 'GB18030', seconds: (ms / 1000).toFixed(1), months: months.length,
    });
    renderReport();
    setState('done');
  },
  failed({ errors, message }) {
    stopWorker();
    progressBox.hidden = true;
    setState('error');
    if (errors) showErrors(errors);
    else setStatus('failed', { msg: message });
  },
};

/** A new file: its head tells the layout (or the user assigns the columns). */
function choose(file) {
  if (!file) return;
  stopWorker();
  clearErrors();
  state.file = file;
  state.report = null;
  reportBox.hidden = true;
  mappingBox.hidden = true;
  setState('reading');
  setStatus('reading', { name: file.name });
  state.worker = newWorker();
  state.worker.postMessage({ type: 'sniff', file });
}

function run(options, usedSavedMapping) {
  state.options = options;
  state.usedSavedMapping = usedSavedMapping;
  mappingBox.hidden = true;
  progressBox.hidden = false;
  bar.value = 0;
  setState('reading');
  setStatus('reading', { name: state.file.name });
  state.worker ??= newWorker();
  const chunkSize = Number(section.dataset.chunkBytes) || CHUNK_BYTES;
  // The tables' budget beyond which the worker spills to OPFS (its own unless set here, as the
  // browser test sets it to force a spill).
  const budget = Number(section.dataset.memoryBudget) || undefined;
  state.worker.postMessage({ type: 'start', file: state.file, options, chunkSize, budget });
}

// ---------------------------------------------------------------------------------------------
// Column mapping

function savedMapping(columns) {
  try {
    const saved = JSON.parse(localStorage.getItem(MAPPING_KEY + columns) ?? 'null');
    return saved && saved.columns === columns ? saved : null;
  } catch {
    return null;
  }
}

function saveMapping(mapping) {
  try {
    localStorage.setItem(MAPPING_KEY + mapping.columns, JSON.stringify(mapping));
  } catch {
    // storage may be unavailable; the mapping still applies to this file
  }
}

function customerRole() {
  return readOptions().customer_number === 'src' ? 'src' : 'dst';
}

/** The first rows of the file and a select per role. */
function showMapping() {
  stopWorker();
  const { columns, preview } = state.sniff;
  const current = savedMapping(columns) ?? {};
  const table = el('table', { class: 'import-preview' });
  table.append(el('caption', { class: 'visually-hidden', text: t('mapping_intro', { columns }) }));
  const head = el('tr');
  for (let c = 0; c < columns; c += 1) head.append(el('th', { scope: 'col', text: t('col', { n: c + 1 }) }));
  table.append(el('thead', {}, head));
  const body = el('tbody');
  for (const row of preview.slice(0, 5)) body.append(el('tr', {}, ...row.map((cell) => el('td', { text: cell }))));
  table.append(body);

  const selects = el('div', { class: 'import-roles' });
  for (const role of ROLES) {
    const key = role === 'customer' ? customerRole() : role;
    const select = el('select', { id: `import-map-${role}`, 'data-role': role });
    select.append(el('option', { value: '', text: t('none') }));
    for (let c = 0; c < columns; c += 1) {
      const sample = preview[preview.length > 1 ? 1 : 0]?.[c] ?? '';
      select.append(el('option', { value: String(c), text: `${t('col', { n: c + 1 })}: ${sample.slice(0, 24)}` }));
    }
    if (Number.isInteger(current[key])) select.value = String(current[key]);
    const label = el('label', { for: `import-map-${role}`, text: t(`role_${role}`) + (REQUIRED_ROLES.has(role) ? ' *' : '') });
    selects.append(el('div', { class: 'import-role' }, label, select));
  }
  const header = el('input', { type: 'checkbox', id: 'import-map-header' });
  header.checked = current.header ?? looksLikeHeader(preview);
  const apply = el('button', { type: 'button', class: 'btn btn-primary', id: 'import-map-apply', text: t('mapping_apply') });
  const note = el('p', { class: 'import-error', role: 'alert' });
  apply.addEventListener('click', () => {
    const mapping = { columns, header: header.checked };
    const missing = [];
    for (const select of selects.querySelectorAll('select')) {
      const role = select.dataset.role;
      if (select.value === '') {
        if (REQUIRED_ROLES.has(role)) missing.push(t(`role_${role}`));
        continue;
      }
      mapping[role === 'customer' ? customerRole() : role] = Number(select.value);
    }
    if (missing.length) {
      note.textContent = t('mapping_missing', { roles: missing.join(', ') });
      return;
    }
    saveMapping(mapping);
    run({ ...readOptions(), mapping }, false);
  });
  mappingBox.replaceChildren(
    el('p', { text: t('mapping_intro', { columns }) }),
    el('div', { class: 'import-preview-wrap', tabindex: '0', role: 'region', 'aria-label': t('mapping_intro', { columns }) }, table),
    selects,
    el('label', { class: 'import-check' }, header, el('span', { text: t('mapping_header') })),
    el('div', { class: 'import-actions' }, apply),
    note,
  );
  mappingBox.hidden = false;
  setState('mapping');
  setStatus(null);
}

/** A first row none of whose fields is a time is probably a header. */
function looksLikeHeader(preview) {
  const first = preview[0] ?? [];
  return !first.some((f) => /^\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}:\d{2}/.test(f.trim()));
}

// ---------------------------------------------------------------------------------------------
// The report

function renderReport() {
  const r = state.report;
  if (!r) return;
  const summary = el('dl', { class: 'import-summary' });
  for (const key of ['rows', 'accepted', 'rejected', 'calls']) {
    summary.append(el('div', {}, el('dt', { text: t(key) }), el('dd', { class: 'num', 'data-result': `import.${key}`, text: String(r[key]) })));
  }
  const parts = [
    el('h3', { text: t('report') }),
    el('p', { class: 'import-format', text: t(`format_${r.format}`, { columns: r.columns }) }),
  ];
  if (r.format === 'custom') {
    const change = el('button', { type: 'button', class: 'btn btn-link', text: t('mapping_change') });
    change.addEventListener('click', showMapping);
    if (state.usedSavedMapping) parts.push(el('p', { class: 'import-note', 'data-import-note': 'mapping_used', text: t('mapping_used', { columns: r.columns }) }));
    parts.push(el('div', {}, change));
  }
  parts.push(summary);

  if (r.months.length) {
    const months = el('table', { class: 'import-months' }, el('caption', { text: t('months_caption') }));
    months.append(el('thead', {}, el('tr', {}, ...['month', 'volume', 'successes', 'telecom_charges'].map((k) => el('th', { scope: 'col', text: t(k) })))));
    const body = el('tbody');
    for (const m of r.months) {
      const telecom = el('td', { class: 'num', 'data-result': `import.months.${m.month}.telecom_charges` });
      if (m.telecom_charges == null) telecom.textContent = '—';
      else showAmount(telecom, m.telecom_charges);
      body.append(el('tr', {},
        el('th', { scope: 'row', text: m.month }),
        el('td', { class: 'num', 'data-result': `import.months.${m.month}.volume`, text: String(m.volume) }),
        el('td', { class: 'num', 'data-result': `import.months.${m.month}.successes`, text: String(m.successes) }),
        telecom));
    }
    months.append(body);
    parts.push(el('div', { class: 'import-table-wrap' }, months));
  }

  const reasons = el('table', { class: 'import-reasons' }, el('caption', { text: t('reasons_caption') }));
  reasons.append(el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('reason') }), el('th', { scope: 'col', class: 'num', text: t('count') }))));
  const body = el('tbody');
  for (const reason of r.reasons) {
    const cell = el('th', { scope: 'row' }, el('span', { text: message(lang(), reason) }), ' ', el('code', { text: reason.code }));
    if (reason.count > 0) {
      const list = el('ol', { class: 'import-examples' });
      for (const ex of reason.examples) list.append(el('li', {}, el('span', { class: 'import-line', text: t('line', { line: ex.line }) }), el('code', { text: ex.text })));
      cell.append(list);
    }
    body.append(el('tr', { 'data-reason': reason.code, class: reason.count > 0 ? 'has-rows' : null },
      cell,
      el('td', { class: 'num', 'data-result': `import.rejected.${reason.code}`, text: String(reason.count) })));
  }
  reasons.append(body);
  parts.push(el('div', { class: 'import-table-wrap' }, reasons));
  if (state.csvUrl) {
    parts.push(el('a', { class: 'btn', href: state.csvUrl, download: 'rejected-rows.csv', 'data-import-download': '', text: t('download') }));
  }
  reportBox.replaceChildren(...parts);
  reportBox.hidden = false;
}

function applyText() {
  for (const node of section.querySelectorAll('[data-i18n-import]')) {
    const text = t(node.dataset.i18nImport);
    if (node.textContent !== text) node.textContent = text;
  }
  if (state.status) statusLine.textContent = t(...state.status);
  if (section.dataset.state === 'mapping') showMapping();
  renderReport();
}

// ---------------------------------------------------------------------------------------------
// Events

fileInput.addEventListener('change', () => {
  choose(fileInput.files?.[0]);
  fileInput.value = ''; // the same file may be chosen again
});
for (const type of ['dragenter', 'dragover']) {
  section.addEventListener(type, (event) => {
    event.preventDefault();
    drop.classList.add('dragging');
  });
}
section.addEventListener('dragleave', (event) => {
  if (!section.contains(event.relatedTarget)) drop.classList.remove('dragging');
});
section.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('dragging');
  choose(event.dataTransfer?.files?.[0]);
});
cancelButton.addEventListener('click', () => {
  stopWorker();
  progressBox.hidden = true;
  setState('cancelled');
  setStatus('cancelled');
});
new MutationObserver(applyText).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
setState('idle');
applyText();
