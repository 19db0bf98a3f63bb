// Deal policy on the pages (docs/rules.md "Deal policy"): the company's guardrails checked live as
// the terms change, and the range of outcomes of every bill. Shared by the calculator (app.js) and
// the what-if page (whatif.js), each with a few hooks:
//
//   const policy = new PolicyView({ panel, find, label, changed });   // panel: an empty <section>
//   policy.show(scenario, lang);        // after each valid bill: status, findings, notes at fields
//   showRange(node, monthRange, lang);  // the range of one bill: at 0 %, at 100 %, break-even
//   policy.solvedPrice(node, { scenario, price, target }, lang);  // what-if solve of the price
//
// Where the policy comes from, first found: a file the user picks (kept on this device, shared by
// the pages: localStorage `callsettle.policy`), or www/policy.json when the deployer puts one
// there (absent, or any answer but 200: no policy). The module checks it (checkPolicy); without a
// policy the range alone is computed (outcomeRange). Nothing is parsed as a number in JS.
//
// Conventions (tests rely on them): the status is `[data-policy-status]` (within | approval |
// blocked | none | invalid), its text the status in the page's language; each finding is an
// `li[data-finding-path][data-finding-code]` in the panel and a `.policy-note[data-policy-path]`
// (with `data-policy-tier`, `data-limit`, `data-value`, `data-approver`) right after the input its
// path names; the policy's name `[data-policy-name]`; its document's problems
// `[data-policy-error-path]`. The range: `[data-result="range.at_zero"]`, `range.at_full`,
// `range.break_even_rate` (a percentage; the module's rate in `data-rate`). The solved price's
// answer: its node's `data-policy-status` (the solved price's, on the price rule alone),
// `data-price` (the lowest price within policy reaching the target, when there is one),
// `data-total` (the total that price settles to).

import { checkPolicy, outcomeRange, settle } from '../pkg/callsettle.js';
import { el, findingMessage, forget, grouped, lessThan, load, message, put, save, showAmount, translator } from './ui.js';

const POLICY_KEY = 'callsettle.policy';
/** The deployer's policy, next to the page. */
export const DEPLOYED = 'policy.json';

const t = translator({
  zh: {
    policy_heading: '报价政策',
    policy_none: '未使用报价政策。可选择公司提供的政策文件（JSON）。',
    policy_named: '{name}（版本 {version}）',
    policy_from_file: '来自文件 {file}',
    policy_from_site: '本站部署的政策',
    policy_from_portal: '门户提供的政策',
    policy_file: '选择政策文件',
    policy_clear: '不再使用此文件',
    policy_unreadable: '政策文件无法读取（不是 JSON）：{msg}',
    rule_total: '当月应结算金额',
    rule_downside: '最差情形（成功率 0 %）',
    range_heading: '结果范围',
    range_at_zero: '成功率 0 % 时',
    range_at_full: '成功率 100 % 时',
    range_break_even: '保本成功率',
    range_never: '无（100 % 时服务费净额仍为负）',
    policy_statement: '已按报价政策“{name}”（版本 {version}）核对：{status}',
    solve_price_within: '单价 {price} 元在报价政策之内，就是政策内仍能达到合计 {target} 元的最低单价。',
    solve_price_lowest: '政策内仍能达到合计 {target} 元的最低单价是 {normal} 元（合计 {total} 元）；所求单价 {finding}。',
    solve_price_none: '政策内没有单价能达到合计 {target} 元：最接近的 {normal} 元合计 {total} 元；所求单价 {finding}。',
  },
  en: {
    policy_heading: 'Deal policy',
    policy_none: 'No deal policy in use. You can choose the policy file (JSON) your company provides.',
    policy_named: '{name} (version {version})',
    policy_from_file: 'from the file {file}',
    policy_from_site: 'this site’s policy',
    policy_from_portal: 'supplied by the portal',
    policy_file: 'Choose a policy file',
    policy_clear: 'Stop using this file',
    policy_unreadable: 'The policy file cannot be read (not JSON): {msg}',
    rule_total: 'Month total',
    rule_downside: 'Downside (0 % success)',
    range_heading: 'Range of outcomes',
    range_at_zero: 'At 0 % success',
    range_at_full: 'At 100 % success',
    range_break_even: 'Break-even success rate',
    range_never: 'none (the net fee is negative even at 100 %)',
    policy_statement: 'Checked against the deal policy “{name}” (version {version}): {status}',
    solve_price_within: 'The unit price {price} CNY is within policy: it is the lowest unit price within policy that still reaches {target} CNY.',
    solve_price_lowest: 'The lowest unit price within policy that still reaches {target} CNY is {normal} CNY (total {total} CNY); the solved price {finding}.',
    solve_price_none: 'No unit price within policy reaches {target} CNY: the nearest, {normal} CNY, gives {total} CNY; the solved price {finding}.',
  },
});

/** "0.102942" → "10.2942 %", by moving the decimal point in the text (no float). */
export function percent(rate) {
  const [int, frac = ''] = String(rate).split('.');
  const digits = `${int}${frac.padEnd(2, '0')}`;
  const cut = int.length + 2;
  const whole = digits.slice(0, cut).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(cut).replace(/0+$/, '');
  return `${whole}${rest ? `.${rest}` : ''} %`;
}

/**
 * The deployer's policy document (www/policy.json), or null when there is none: a 404 (or any
 * answer but 200) means no policy. A file that is there but not JSON is reported as a problem.
 */
export async function deployedPolicy(url = DEPLOYED) {
  let response;
  try {
    // Pages served by the service worker (offline.js): its cache holds every file of www/ of this
    // build, so the deployer's policy is there when it was deployed; no request (offline it could
    // only fail).
    response = navigator.serviceWorker?.controller || navigator.onLine === false
      ? await globalThis.caches?.match(new URL(url, location.href).href)
      : await fetch(url, { cache: 'no-cache' });
  } catch {
    return null;
  }
  if (!response) return null;
  if (response.status !== 200) return null;
  const text = await response.text();
  try {
    return { doc: JSON.parse(text), source: 'site' };
  } catch (e) {
    return { doc: null, source: 'site', unreadable: String(e.message ?? e) };
  }
}

/** Shows one bill's range (a month's `{ at_zero, at_full, break_even_rate }`) in `node`. */
export function showRange(node, range, lang) {
  if (!node.firstChild) {
    const item = (key) => el('div', {},
      el('dt', { 'data-range-label': key }),
      el('dd', { class: 'num' }, el('span', { 'data-result': `range.${key}` })));
    node.append(el('h3', { 'data-range-label': 'heading' }), el('dl', {}, item('at_zero'), item('at_full'), item('break_even_rate')));
  }
  const labels = { heading: 'range_heading', at_zero: 'range_at_zero', at_full: 'range_at_full', break_even_rate: 'range_break_even' };
  for (const label of node.querySelectorAll('[data-range-label]')) put(label, t(lang, labels[label.dataset.rangeLabel]));
  node.hidden = !range;
  if (!range) return;
  // A scenario of several months has a break-even rate per month only.
  node.querySelector('[data-range-label="break_even_rate"]').parentElement.hidden = !('break_even_rate' in range);
  showAmount(node.querySelector('[data-result="range.at_zero"]'), range.at_zero);
  showAmount(node.querySelector('[data-result="range.at_full"]'), range.at_full);
  const be = node.querySelector('[data-result="range.break_even_rate"]');
  be.dataset.rate = range.break_even_rate ?? '';
  put(be, range.break_even_rate == null ? t(lang, 'range_never') : percent(range.break_even_rate));
}

/** A policy check's status in `lang`: "Needs approval: director". */
export function statusText(check, lang) {
  if (!check) return '';
  return t(lang, `status_${check.status}`, { approver: check.approver ?? '' });
}

/**
 * The policy in use and its check, with the panel that shows them. `find(path)` is the input a
 * scenario path names (or null), `label(path)` a field's or month's name, `changed()` asks the
 * page to compute again (a policy was loaded or dropped).
 */
export class PolicyView {
  constructor({ panel, find = () => null, label = (p) => p, changed = () => {} }) {
    this.panel = panel;
    this.find = find;
    this.label = label;
    this.changed = changed;
    this.policy = null; // { doc, source, file?, unreadable? }
    this.site = null; // the deployer's, when there is one
    this.check = null; // the last PolicyCheck
    this.range = null; // the last OutcomeRange
    this.problems = []; // the policy document's errors (paths policy.…)
    this.notes = [];
    this.lang = 'zh';
    this.build();
    const kept = load(POLICY_KEY);
    if (kept && typeof kept === 'object' && kept.doc) this.policy = { doc: kept.doc, source: 'file', file: String(kept.file ?? '') };
    // The deployer's policy, looked for once while the page loads (no request after that).
    deployedPolicy().then((site) => {
      this.site = site;
      if (!this.policy && site) {
        this.policy = site;
        this.changed();
      }
    });
  }

  build() {
    const input = el('input', { type: 'file', accept: 'application/json,.json', class: 'policy-file-input', 'data-policy-file': '' });
    this.nodes = {
      heading: el('h2', { id: 'policy-heading' }),
      name: el('p', { class: 'policy-name', 'data-policy-name': '' }),
      status: el('p', { class: 'policy-status', 'data-policy-status': 'none', 'aria-live': 'polite' }),
      findings: el('ul', { class: 'policy-findings' }),
      errors: el('div', { class: 'policy-errors', hidden: true }),
      fileLabel: el('span', {}),
      clear: el('button', { type: 'button', class: 'btn btn-sm', 'data-action': 'policy-clear', hidden: true }),
      input,
    };
    const n = this.nodes;
    this.panel.setAttribute('aria-labelledby', 'policy-heading');
    this.panel.replaceChildren(
      n.heading, n.name, n.status, n.findings, n.errors,
      el('div', { class: 'policy-actions' }, el('label', { class: 'btn btn-sm policy-file' }, n.fileLabel, input), n.clear),
    );
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) file.text().then((text) => this.take(text, file.name));
      input.value = '';
    });
    n.clear.addEventListener('click', () => {
      forget(POLICY_KEY);
      this.policy = this.site;
      this.changed();
    });
  }

  /** A policy file's text chosen by the user: used (and kept on this device) if it is JSON. */
  take(text, file) {
    try {
      const doc = JSON.parse(text);
      this.policy = { doc, source: 'file', file };
      save(POLICY_KEY, { doc, file });
    } catch (e) {
      this.policy = { doc: null, source: 'file', file, unreadable: String(e.message ?? e) };
    }
    this.changed();
  }

  /** A policy given by the page's host (the `<call-settle>` property, a portal): not kept. */
  set(doc) {
    this.policy = doc == null ? this.site : { doc, source: 'portal' };
    this.changed();
  }

  /** Checks `scenario` (which settles) and shows the status, the findings and their notes. */
  show(scenario, lang) {
    this.lang = lang;
    if (scenario !== this.scenario || this.policy !== this.checked) {
      this.scenario = scenario;
      this.checked = this.policy;
      this.compute(scenario);
    }
    this.render();
  }

  compute(scenario) {
    this.check = null;
    this.problems = [];
    const doc = this.policy?.doc;
    try {
      if (doc) {
        this.check = checkPolicy(scenario, doc);
        this.range = this.check.range;
        return;
      }
    } catch (thrown) {
      this.problems = (thrown?.errors ?? []).filter((p) => p.path.startsWith('policy'));
    }
    try {
      this.range = outcomeRange(scenario);
    } catch {
      this.range = null; // the page shows the scenario's problems
    }
  }

  render() {
    const { lang, check, policy } = this;
    const n = this.nodes;
    put(n.heading, t(lang, 'policy_heading'));
    put(n.fileLabel, t(lang, 'policy_file'));
    put(n.clear, t(lang, 'policy_clear'));
    n.clear.hidden = policy?.source !== 'file';
    const named = check ? t(lang, 'policy_named', check.policy) : '';
    const from = policy?.source === 'file' ? t(lang, 'policy_from_file', { file: policy.file })
      : policy?.source === 'site' ? t(lang, 'policy_from_site')
      : policy?.source === 'portal' ? t(lang, 'policy_from_portal') : '';
    put(n.name, policy ? [named, from].filter(Boolean).join(' · ') : t(lang, 'policy_none'));
    const state = check ? check.status : !policy ? 'none' : 'invalid';
    n.status.dataset.policyStatus = state;
    put(n.status, statusText(check, lang));
    n.status.hidden = !check;
    // The document's own problems (a bad file is not used; the range is still shown).
    const errors = policy?.unreadable
      ? [el('p', { 'data-policy-error-path': 'policy', text: t(lang, 'policy_unreadable', { msg: policy.unreadable }) })]
      : this.problems.map((p) => el('p', { 'data-policy-error-path': p.path, 'data-error-code': p.code, text: `${p.path}: ${message(lang, p)}` }));
    // (Nothing to show and nothing shown: the DOM is left alone, as on most keystrokes.)
    if (errors.length || n.errors.firstChild) n.errors.replaceChildren(...(errors.length ? [el('p', { class: 'policy-errors-title', text: t(lang, 'policy_invalid') }), ...errors] : []));
    n.errors.hidden = errors.length === 0;
    const findings = check?.findings ?? [];
    if (findings.length || n.findings.firstChild) n.findings.replaceChildren(...findings.map((f) => el('li', {
      'data-finding-path': f.path, 'data-finding-code': f.code, class: `policy-${f.code === 'policy_blocked' ? 'blocked' : 'approval'}`,
    },
    el('span', { class: 'msg-field', text: t(lang, 'field_of', { field: this.ruleLabel(f) }) }),
    el('span', { text: findingMessage(lang, f) }))));
    n.findings.hidden = findings.length === 0;
    this.placeNotes(findings);
  }

  ruleLabel(f) {
    if (f.rule === 'total' || f.rule === 'downside') {
      const month = this.label(f.path);
      return `${month ? `${month} ` : ''}${t(this.lang, `rule_${f.rule}`)}`;
    }
    return this.label(f.path);
  }

  /** The printed statement's line: the policy (name, version) checked against and the status. */
  statementLine(lang) {
    return this.check ? t(lang, 'policy_statement', { ...this.check.policy, status: statusText(this.check, lang) }) : '';
  }

  /**
   * A uPlot `drawClear` hook that shades, along the x axis, the bands of the policy's rule for the
   * swept field (`field()`): needs approval (amber) and out of bounds (red). The limits become
   * numbers here for chart coordinates only; a limit JS cannot read as one draws no band.
   */
  bands(field) {
    const coordinate = (v) => {
      const text = String(v ?? '').trim();
      return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text === '' ? NaN : text);
    };
    return (u) => {
      const rule = this.check ? this.policy?.doc?.terms?.[field()] : null;
      if (!rule) return;
      const [normal, floor, target] = [rule.normal, rule.floor, rule.target].map(coordinate);
      if (![normal, floor, target].every(Number.isFinite)) return;
      const { min, max } = u.scales.x;
      const { left, top, width, height } = u.bbox;
      const px = (x) => Math.min(left + width, Math.max(left, u.valToPos(x, 'x', true)));
      const edge = target > floor ? min : max; // the far side of the floor
      const shade = (a, b, color) => {
        const [x0, x1] = [px(a), px(b)].sort((p, q) => p - q);
        if (x1 > x0) {
          u.ctx.fillStyle = color;
          u.ctx.fillRect(x0, top, x1 - x0, height);
        }
      };
      u.ctx.save();
      shade(edge, floor, 'rgba(180, 35, 24, 0.10)');
      shade(floor, normal, 'rgba(245, 166, 35, 0.16)');
      u.ctx.restore();
    };
  }

  /** The check of another scenario (a solve's answer, a compared offer); null without a policy. */
  checkOf(scenario) {
    if (!scenario || !this.policy?.doc) return null;
    try {
      return checkPolicy(scenario, this.policy.doc);
    } catch {
      return null;
    }
  }

  /**
   * The what-if solve of the unit price against the policy's price rule (docs/rules.md "Deal
   * policy", solve): `price` is the lowest unit price whose total reaches `target` (solve's
   * answer, or null). Shown in `node` as an answer: a price within policy is also the lowest
   * within policy; one below the normal limit (needs approval) or the floor (out of bounds) is
   * said so, and the lowest price within policy is the rule's normal limit, with the total it
   * settles to (settle). The module says the limits (the finding's, and beyond the floor the
   * finding at the floor's) and compares nothing but exact decimal texts here. Hidden without a
   * policy, a price rule or a price.
   */
  solvedPrice(node, { scenario, price, target }, lang) {
    const at = (p) => ({ ...scenario, terms: { ...scenario.terms, unit_price: p } });
    const check = price != null && this.policy?.doc?.terms?.unit_price != null ? this.checkOf(at(price)) : null;
    const priceFinding = (c) => c?.findings.find((f) => f.rule === 'unit_price');
    const finding = priceFinding(check);
    let answer = null;
    if (check && !finding) {
      answer = { state: 'within', price, text: t(lang, 'solve_price_within', { price, target: grouped(target) }) };
    } else if (finding) {
      // Beyond the floor, the normal limit is the limit of the finding at the floor (none: the
      // rule has no approval band, its normal limit is the floor).
      const normal = finding.code === 'policy_approval' ? finding.limit : priceFinding(this.checkOf(at(finding.limit)))?.limit ?? finding.limit;
      let total = null;
      try {
        total = settle(at(normal)).total;
      } catch {
        // (the scenario settles at its solved price; at another price it cannot fail but by overflow)
      }
      if (total != null) {
        const reaches = !lessThan(total, target);
        answer = {
          state: finding.code === 'policy_blocked' ? 'blocked' : 'approval',
          price: reaches ? normal : null,
          total,
          text: t(lang, reaches ? 'solve_price_lowest' : 'solve_price_none', {
            target: grouped(target), normal, total: grouped(total), finding: findingMessage(lang, finding),
          }),
        };
      }
    }
    node.hidden = !answer;
    node.dataset.policyStatus = answer?.state ?? 'none';
    node.dataset.price = answer?.price ?? '';
    node.dataset.total = answer?.total ?? '';
    node.textContent = answer?.text ?? '';
  }

  /** Shows in `node` the status `scenario` has (hidden without a policy). */
  judge(node, scenario, lang) {
    const check = this.checkOf(scenario);
    node.hidden = !check;
    node.dataset.policyStatus = check?.status ?? 'none';
    node.textContent = check ? `${t(lang, 'field_of', { field: t(lang, 'policy_heading') })}${statusText(check, lang)}` : '';
  }

  /** A table row with each scenario's status (compare), or null without a policy. */
  compareRow(scenarios, lang, cls = () => 'num') {
    if (!this.policy?.doc) return null;
    return el('tr', { class: 'policy-row' },
      el('th', { scope: 'row', text: t(lang, 'policy_heading') }),
      ...scenarios.map((s, i) => {
        const check = this.checkOf(s);
        return el('td', { class: cls(i), 'data-result': `compare.policy.${i}`, 'data-policy-status': check?.status ?? 'invalid', text: check ? statusText(check, lang) : '—' });
      }));
  }

  /** Each finding right after the input its path names: its message says value, limit and tier. */
  placeNotes(findings) {
    for (const node of this.notes) node.remove();
    this.notes = [];
    for (const f of findings) {
      const input = this.find(f.path);
      if (!input) continue;
      const tier = f.code === 'policy_blocked' ? 'blocked' : 'approval';
      const note = el('p', {
        class: `policy-note policy-${tier}`,
        'data-policy-path': f.path,
        'data-policy-tier': tier,
        'data-limit': f.limit,
        'data-value': f.value,
        'data-approver': f.approver ?? null,
      },
      findingMessage(this.lang, f));
      let anchor = input;
      while (anchor.nextElementSibling?.matches('.field-error, .policy-note')) anchor = anchor.nextElementSibling;
      anchor.after(note);
      this.notes.push(note);
    }
  }
}
