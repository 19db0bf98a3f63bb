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
// It uses the package entry (../pkg/index.js) and the pages' kit (ui.js with the shared catalog
// i18n-common.js: a field has the name it has on the pages, amounts are shown as the pages show
// them) and writes text only (no markup from data).

import init, { checkPolicy, isProblems, settle } from '../pkg/index.js';
import { el, findingMessage, message, showAmount, translator } from './ui.js';

const loaded = init({ account400: false }); // the bill only: the 400-number module is not fetched

/** The element's own texts; the fields' labels, the bill's and the policy's come from the shared catalog. */
const text = translator({
  zh: { month_n: '月份 {n}', invalid: '请更正标出的字段' },
  en: { month_n: 'Month {n}', invalid: 'Please correct the marked fields' },
});
const TERM_FIELDS = ['unit_price', 'target_rate', 'penalty_per_unit'];
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
    const t = (key, params) => text(this.#lang, key, params);
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
    terms.append(el('legend', {}, t('terms_legend')), ...TERM_FIELDS.map((f) => field(`terms.${f}`, t(f))));
    form.append(terms);
    const months = Array.isArray(this.#scenario.months) ? this.#scenario.months : [];
    months.forEach((_, i) => {
      const set = el('fieldset');
      set.append(el('legend', {}, t('month_n', { n: i + 1 })), ...MONTH_FIELDS.map((f) => field(`months[${i}].${f}`, t(f))));
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
      span.textContent = own.map((e) => message(lang, e)).join(' ');
      if (own.length) span.dataset.errorPath = path;
      else delete span.dataset.errorPath;
      span.previousElementSibling.setAttribute('aria-invalid', String(own.length > 0));
    }
  }

  /** The policy status and its findings (or the policy's problems), as text. */
  #policyList(t) {
    const check = this.#check;
    const lang = this.#lang;
    const list = el('ul', { class: 'policy' });
    if (check.errors) {
      list.dataset.policyStatus = 'invalid';
      for (const e of check.errors) list.append(el('li', { 'data-error-path': e.path }, `${t('policy_invalid')}${lang === 'en' ? ' ' : ''}${e.path}: ${message(lang, e)}`));
      return list;
    }
    list.dataset.policyStatus = check.status;
    list.append(el('li', { 'data-policy-status': check.status }, t(`status_${check.status}`, { approver: check.approver ?? '' })));
    for (const f of check.findings) list.append(el('li', { 'data-finding-path': f.path, 'data-finding-code': f.code }, `${f.path}: ${findingMessage(lang, f)}`));
    return list;
  }

  #showBill(t) {
    const bill = this.#body.querySelector('.bill');
    const outcome = this.#outcome;
    if (!outcome) return;
    if (outcome.errors) {
      const shown = new Set([...this.#root.querySelectorAll('.error[data-error-path]')].map((n) => n.dataset.errorPath));
      const rest = outcome.errors.filter((e) => !shown.has(e.path));
      const list = el('ul', { class: 'errors' });
      list.append(el('li', {}, t('invalid')));
      for (const e of rest) {
        list.append(el('li', { 'data-error-path': e.path || '(input)' }, `${e.path ? `${e.path}: ` : ''}${message(this.#lang, e)}`));
      }
      bill.replaceChildren(el('div', { role: 'alert' }, list));
      return;
    }
    const table = el('table');
    table.append(el('caption', {}, t('bill_heading')));
    for (const month of outcome.months) {
      const head = el('tr');
      head.append(el('th', { scope: 'rowgroup', colspan: '2' }, month.month));
      table.append(head);
      for (const line of month.lines) {
        const row = el('tr', { 'data-line': line.key });
        const amount = el('td', { 'data-result': `${month.month}.${line.key}` });
        showAmount(amount, line.amount);
        row.append(el('th', { scope: 'row' }, this.#lang === 'en' ? line.label_en : line.label_zh), amount);
        table.append(row);
      }
    }
    const total = el('tr', { class: 'total' });
    const amount = el('td', { 'data-result': 'total' });
    showAmount(amount, outcome.total);
    total.append(el('th', { scope: 'row' }, t('total')), amount);
    table.append(total);
    bill.replaceChildren(table);
    if (this.#check) bill.append(this.#policyList(t));
  }
}

if (!customElements.get('call-settle')) customElements.define('call-settle', CallSettle);
