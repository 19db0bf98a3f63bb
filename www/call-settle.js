// <call-settle>: the monthly bill as a custom element for a portal page. Two lines embed it:
//
//   <script type="module" src="/tools/callsettle/call-settle.js"></script>
//   <call-settle lang="zh"></call-settle>
//
// Its `scenario` property takes a scenario as in the JS API, its `policy` property a deal-policy
// document (docs/rules.md "Deal policy"; null: none): the status and each finding show under the
// bill, and `policyCheck` holds the last check. Attributes: `lang="zh|en"`,
// `readonly` (the bill without inputs), `compact` (a narrow card). After every change it fires
// `result` (bubbling, composed) whose `detail` is the settle result or `{ errors, warnings }`.
// Shadow DOM with its own stylesheet (call-settle.css next to this file): styles leak neither way.
// It uses only the package entry (../pkg/index.js) and writes text only (no markup from data).

import init, { checkPolicy, isProblems, settle } from '../pkg/index.js';

const loaded = init({ account400: false }); // the bill only: the 400-number module is not fetched

/** Each text as [Chinese, English]. */
const TEXT = {
  terms: ['合同条款', 'Terms'],
  month: ['月份', 'Month'],
  total: ['合计', 'Total'],
  fee: ['结算金额', 'Settlement'],
  invalid: ['请更正标出的字段', 'Please correct the marked fields'],
  within: ['符合报价政策', 'Within policy'],
  approval: ['需审批：', 'Needs approval: '],
  blocked: ['超出报价政策范围', 'Out of bounds'],
  policy_invalid: ['报价政策文件有误：', 'The deal policy has problems: '],
  'terms.unit_price': ['单价 p（元）', 'Unit price p (CNY)'],
  'terms.target_rate': ['目标成功率 s0', 'Target rate s0'],
  'terms.penalty_per_unit': ['罚金 F（元/条）', 'Penalty F (CNY/record)'],
  volume: ['外呼量 T', 'Volume T'],
  success_rate: ['成功率 s', 'Success rate s'],
  sampled_records: ['抽检条数', 'Sampled records'],
  inaccurate_records: ['不准确条数', 'Inaccurate records'],
  telecom_charges: ['通信费（元）', 'Telecom charges (CNY)'],
};
const TERM_PATHS = ['terms.unit_price', 'terms.target_rate', 'terms.penalty_per_unit'];
const MONTH_FIELDS = ['month', 'volume', 'success_rate', 'sampled_records', 'inaccurate_records', 'telecom_charges'];

/** A plain-data copy (JSON values only): what the module reads, and no shared references. */
const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** `obj` at a JSON path such as "months[0].volume" (undefined where absent). */
function at(obj, path) {
  return path.match(/[^.[\]]+/g).reduce((o, k) => (o != null && Object.hasOwn(o, k) ? o[k] : undefined), obj);
}

/** Sets a JSON path of `obj` (an own property, even for a key like "__proto__"). */
function put(obj, path, value) {
  const keys = path.match(/[^.[\]]+/g);
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (o[k] === null || typeof o[k] !== 'object') Object.defineProperty(o, k, { value: {}, writable: true, enumerable: true, configurable: true });
    o = o[k];
  }
  Object.defineProperty(o, keys.at(-1), { value, writable: true, enumerable: true, configurable: true });
}

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export class CallSettle extends HTMLElement {
  static observedAttributes = ['lang', 'readonly', 'compact'];

  #scenario = { terms: {}, months: [{}] };
  #outcome = null;
  #policy = null;
  #check = null;
  #root;
  #body;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.append(el('link', { rel: 'stylesheet', href: new URL('./call-settle.css', import.meta.url).href }));
    this.#body = el('div', { part: 'card', class: 'card' });
    this.#root.append(this.#body);
    this.#root.addEventListener('input', (e) => {
      const name = e.target.getAttribute?.('name');
      if (!name) return;
      put(this.#scenario, name, e.target.value);
      this.#compute(false);
    });
  }

  get scenario() {
    return copy(this.#scenario);
  }

  set scenario(value) {
    this.#scenario = copy(value) ?? { terms: {}, months: [{}] };
    this.#compute(true);
  }

  get policy() {
    return copy(this.#policy);
  }

  set policy(value) {
    this.#policy = copy(value) ?? null;
    this.#compute(false);
  }

  /** The last policy check (`checkPolicy`'s result, or `{ errors, warnings }`), null without one. */
  get policyCheck() {
    return this.#check;
  }

  /** The last outcome: the settle result, or `{ errors, warnings }`. */
  get result() {
    return this.#outcome;
  }

  connectedCallback() {
    this.#compute(true);
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render(true);
  }

  get #lang() {
    return this.getAttribute('lang') === 'en' ? 'en' : 'zh';
  }

  async #compute(rebuild) {
    await loaded;
    try {
      this.#outcome = settle(this.#scenario);
    } catch (e) {
      if (!isProblems(e)) throw e;
      this.#outcome = { errors: e.errors, warnings: e.warnings };
    }
    this.#check = null;
    if (this.#policy && !this.#outcome.errors) {
      try {
        this.#check = checkPolicy(this.#scenario, this.#policy);
      } catch (e) {
        if (!isProblems(e)) throw e;
        this.#check = { errors: e.errors, warnings: e.warnings };
      }
    }
    this.#render(rebuild);
    this.dispatchEvent(new CustomEvent('result', { detail: this.#outcome, bubbles: true, composed: true }));
  }

  /** Inputs are built when the scenario or the language changes, not while typing in them. */
  #render(rebuild) {
    const en = this.#lang === 'en';
    const t = (key) => TEXT[key][en ? 1 : 0];
    if (rebuild || !this.#body.querySelector('form, [data-result]')) {
      this.#body.replaceChildren();
      if (!this.hasAttribute('readonly')) this.#body.append(this.#form(t));
      this.#body.append(el('div', { class: 'bill', 'aria-live': 'polite' }));
    }
    this.#showErrors();
    this.#showBill(t);
  }

  #form(t) {
    const form = el('form', { novalidate: '' });
    form.addEventListener('submit', (e) => e.preventDefault());
    const field = (path, label) => {
      const id = `f-${path.replace(/[^a-z0-9]/gi, '-')}`;
      const wrap = el('div', { class: 'field' });
      const input = el('input', { id, name: path, type: 'text', inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': `${id}-error` });
      const value = at(this.#scenario, path);
      input.value = value == null ? '' : String(value);
      wrap.append(el('label', { for: id }, label), input, el('span', { id: `${id}-error`, class: 'error', 'data-error-for': path }));
      return wrap;
    };
    const terms = el('fieldset');
    terms.append(el('legend', {}, t('terms')), ...TERM_PATHS.map((p) => field(p, t(p))));
    form.append(terms);
    const months = Array.isArray(this.#scenario.months) ? this.#scenario.months : [];
    months.forEach((_, i) => {
      const set = el('fieldset');
      set.append(el('legend', {}, `${t('month')} ${i + 1}`), ...MONTH_FIELDS.map((f) => field(`months[${i}].${f}`, t(f))));
      form.append(set);
    });
    return form;
  }

  #showErrors() {
    const errors = this.#outcome?.errors ?? [];
    const lang = this.#lang;
    for (const span of this.#root.querySelectorAll('[data-error-for]')) {
      const path = span.dataset.errorFor;
      const own = errors.filter((e) => e.path === path);
      span.textContent = own.map((e) => (lang === 'en' ? e.message_en : e.message_zh)).join(' ');
      if (own.length) span.dataset.errorPath = path;
      else delete span.dataset.errorPath;
      span.previousElementSibling.setAttribute('aria-invalid', String(own.length > 0));
    }
  }

  /** The policy status and its findings (or the policy's problems), as text. */
  #policyList(t) {
    const check = this.#check;
    const en = this.#lang === 'en';
    const text = (m) => (en ? m.message_en : m.message_zh);
    const list = el('ul', { class: 'policy' });
    if (check.errors) {
      list.dataset.policyStatus = 'invalid';
      for (const e of check.errors) list.append(el('li', { 'data-error-path': e.path }, `${t('policy_invalid')}${e.path}: ${text(e)}`));
      return list;
    }
    list.dataset.policyStatus = check.status;
    list.append(el('li', { 'data-policy-status': check.status }, check.status === 'approval' ? `${t('approval')}${check.approver}` : t(check.status)));
    for (const f of check.findings) list.append(el('li', { 'data-finding-path': f.path, 'data-finding-code': f.code }, `${f.path}: ${text(f)}`));
    return list;
  }

  #showBill(t) {
    const bill = this.#body.querySelector('.bill');
    const outcome = this.#outcome;
    if (!outcome) return;
    if (outcome.errors) {
      const shown = new Set([...this.#root.querySelectorAll('.error[data-error-path]')].map((n) => n.dataset.errorPath));
      const rest = outcome.errors.filter((e) => !shown.has(e.path));
      const list = el('ul', { class: 'errors', role: 'alert' });
      list.append(el('li', {}, t('invalid')));
      for (const e of rest) {
        list.append(el('li', { 'data-error-path': e.path || '(input)' }, `${e.path ? `${e.path}: ` : ''}${this.#lang === 'en' ? e.message_en : e.message_zh}`));
      }
      bill.replaceChildren(list);
      return;
    }
    const table = el('table');
    table.append(el('caption', {}, t('fee')));
    for (const month of outcome.months) {
      const head = el('tr');
      head.append(el('th', { scope: 'rowgroup', colspan: '2' }, month.month));
      table.append(head);
      for (const line of month.lines) {
        const row = el('tr', { 'data-line': line.key });
        row.append(el('th', { scope: 'row' }, this.#lang === 'en' ? line.label_en : line.label_zh));
        row.append(el('td', { 'data-result': `${month.month}.${line.key}`, class: line.amount.startsWith('-') ? 'neg' : '' }, line.amount));
        table.append(row);
      }
    }
    const total = el('tr', { class: 'total' });
    total.append(el('th', { scope: 'row' }, t('total')), el('td', { 'data-result': 'total' }, outcome.total));
    table.append(total);
    bill.replaceChildren(table);
    if (this.#check) bill.append(this.#policyList(t));
  }
}

if (!customElements.get('call-settle')) customElements.define('call-settle', CallSettle);
