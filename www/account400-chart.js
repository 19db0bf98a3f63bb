// The 400-number page's "year on one screen" (issue 18): the chart of both balances with the key
// dates marked, the list of those dates, and the plan (renewals and top-ups, each with its latest
// date and exact amount; 大写 on the printout). account400.js calls `BalanceChart#update` and
// `showPlan` with the module's projection; nothing here computes money.
//
// Conventions (as account400.js):
// - `[data-mark="<key>"][data-date="YYYY-MM-DD"]` is one marked date under the chart, keys:
//   `inbound_runs_out`, `outbound_runs_out`, `outbound_suspended`, `renew_by`, `renewal_end`
//   (one per renewal, but the last), `validity_end`; its `.mark-key` is its number. The same
//   dates are drawn as vertical lines on the chart, labelled in the band above the plot
//   (`.mark-label[data-marks="<key> …"]`: short names, or the key numbers where the names have
//   no room, or left off where neither fits).
// - `data-result="plan.steps[i].latest_date"` / `…amount` / `…new_end`, `plan.horizon_end`,
//   `plan.total`, `plan.renewal_fees`, `plan.inbound_top_ups`, `plan.outbound_top_ups`: the plan as
//   the module wrote it; `[data-step-kind]` is `renewal` or `top_up`, `[data-step-account]` the
//   account of a top-up. `.capital` (shown on the printout only) holds an amount in 大写.
import { t } from './i18n-account400.js';
import { AXIS, chartSize, deferred, drawPlot, el, grouped, monthAxis, showAmount } from './ui.js';

const DAY = 86400000;

/** The marked dates and their colours, in the order they are listed (a renewal's new end
    before the validity end). */
const MARKS = [
  ['renew_by', '#b42318'],
  ['inbound_runs_out', '#1f5fa8'],
  ['outbound_suspended', '#7a2e8f'],
  ['outbound_runs_out', '#c2410c'],
  ['renewal_end', '#0f766e'],
  ['validity_end', '#2f6b3a'],
];

/** The band above the plot for the marks' labels: two rows (CSS px). */
const ROW = 18;
const BAND = 2 * ROW + 6;
/** Lines closer than this (CSS px) look like one: their marks share a label. */
const NEAR = 2;
/** The least room between two labels (CSS px), and between a label and a line running past it. */
const GAP = 6;
const LINE_GAP = 2;

const dayNumber = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
};

/**
 * The key dates of a projection: `[{ key, date, color }]`, those that are set; each renewal's new
 * end but the last (that is the validity end).
 */
export function chartMarks(p) {
  const dates = {
    renew_by: [p.renew_by],
    inbound_runs_out: [p.inbound.runs_out],
    outbound_suspended: [p.outbound_suspended],
    outbound_runs_out: [p.outbound.runs_out],
    renewal_end: (p.renewals ?? []).map((r) => r.new_end).filter((end) => end !== p.validity_end),
    validity_end: [p.validity_end],
  };
  return MARKS.flatMap(([key, color]) => dates[key].filter(Boolean).map((date) => ({ key, date, color })));
}

/**
 * Where the labels of marked lines go in the band above the plot, without overlapping: `groups`
 * (each `{ lo, hi, widths: [full, keys] }`, `lo`…`hi` the x of its lines, in CSS px) in order of
 * x; `width` the band's width. Each label goes in row 0 (next to the plot) or row 1 (its line
 * then runs through row 0, which must be clear there), right or left of its lines, as its short
 * names or, where those do not fit, as its key numbers; or it is left off (the list under the
 * chart has every mark). Returns one `{ variant, row, x0, x1 }` per group (null: left off), the
 * placement with the fewest left off, then the fewest keys, then the lowest rows (the best found
 * in a bounded search when many marks make a full one too long).
 */
export function placeLabels(groups, width) {
  const options = groups.map((g) => {
    const list = [];
    g.widths.forEach((w, variant) => {
      for (const row of [0, 1]) {
        for (const [x0, x1] of [[g.hi + 3, g.hi + 3 + w], [g.lo - 3 - w, g.lo - 3]]) {
          if (x0 >= 0 && x1 <= width) list.push({ variant, row, x0, x1, lo: g.lo, hi: g.hi, cost: variant * 10 + row * 2 + (x1 < g.lo ? 1 : 0) });
        }
      }
    });
    return [...list, null];
  });
  const overlaps = (a0, a1, b0, b1, gap) => a0 < b1 + gap && b0 < a1 + gap;
  const clash = (a, b) =>
    (a.row === b.row && overlaps(a.x0, a.x1, b.x0, b.x1, GAP)) ||
    (a.row > b.row && overlaps(a.lo, a.hi, b.x0, b.x1, LINE_GAP)) ||
    (b.row > a.row && overlaps(b.lo, b.hi, a.x0, a.x1, LINE_GAP));
  let best = null;
  let bestCost = Infinity;
  let budget = 1500; // steps of the search: a few milliseconds with dozens of marks
  const chosen = [];
  const search = (i, cost) => {
    budget -= 1;
    if (cost >= bestCost || (best && budget < 0)) return;
    if (i === groups.length) {
      [best, bestCost] = [[...chosen], cost];
      return;
    }
    for (const o of options[i]) {
      if (o && chosen.some((c) => c && clash(o, c))) continue;
      chosen.push(o);
      search(i + 1, cost + (o ? o.cost : 100));
      chosen.pop();
    }
  };
  search(0, 0);
  return best;
}

/** The two balances as stepped lines (uPlot from www/vendor/; the table has every figure). */
export class BalanceChart {
  /** `container` gets the canvas, `list` the marked dates as text. */
  constructor(container, list) {
    this.container = container;
    this.list = list;
    this.plot = null;
    this.rows = [];
    this.marks = [];
    this.lang = null;
    this.width = 0;
    this.schedule = deferred(() => this.draw());
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.schedule()).observe(container);
  }

  /** Shows the daily `rows` and the key dates of projection `p` in `lang`. */
  update(rows, p, lang) {
    this.rows = rows;
    this.marks = chartMarks(p);
    this.list.replaceChildren(
      ...this.marks.map((m, i) =>
        el(
          'li',
          { 'data-mark': m.key, 'data-date': m.date },
          el('span', { class: `mark-key mark-${m.key}`, 'aria-hidden': 'true' }, String(i + 1)),
          `${t(lang, `mark_${m.key}`)} `,
          el('time', { datetime: m.date }, m.date),
        ),
      ),
    );
    this.lang = lang;
    this.schedule();
  }

  data() {
    // Display only: the module's decimal strings become Numbers just to place the points.
    return [
      this.rows.map((r) => dayNumber(r.to)),
      this.rows.map((r) => Number(r.inbound.balance)),
      this.rows.map((r) => Number(r.outbound.balance)),
    ];
  }

  draw() {
    const uPlot = window.uPlot;
    if (!uPlot) return;
    const { width, height } = chartSize(this.container, [290, 330]);
    drawPlot(this, { key: this.lang, width, height, data: this.data(), options: () => this.options(uPlot, width, height) });
  }

  /**
   * Draws each marked date as a dashed vertical line, and its label in the band above the plot
   * (`.mark-label`, placed by `placeLabels`): marks whose lines coincide share one label.
   */
  drawMarks(u) {
    const wrap = u.over.parentNode;
    let layer = wrap.querySelector('.mark-labels');
    if (!layer) {
      layer = el('div', { class: 'mark-labels', 'aria-hidden': 'true' });
      wrap.append(layer);
    }
    const [min, max] = [u.scales.x.min, u.scales.x.max];
    const left = u.over.offsetLeft;
    const top = u.over.offsetTop;
    // The marks in the plot's range, numbered as listed, in date order.
    const shown = this.marks
      .map((m, i) => ({ ...m, n: i + 1, day: dayNumber(m.date) }))
      .filter((m) => m.day >= min && m.day <= max)
      .sort((a, b) => a.day - b.day);
    const groups = [];
    for (const mark of shown) {
      const x = left + u.valToPos(mark.day, 'x');
      const last = groups[groups.length - 1];
      if (last && x - last.lo < NEAR) {
        last.marks.push(mark);
        last.hi = x;
      } else {
        groups.push({ marks: [mark], lo: x, hi: x });
      }
    }
    // Both forms of each label, measured, then the chosen one shown where it was placed.
    const labels = groups.map((g) => [
      this.label(g.marks, 'full', g.marks.map((m) => el('span', { class: `mark-text mark-text-${m.key}` }, t(this.lang, `mark_short_${m.key}`)))),
      this.label(g.marks, 'keys', g.marks.map((m) => el('span', { class: `mark-key mark-${m.key}` }, String(m.n)))),
    ]);
    layer.replaceChildren(...labels.flat());
    groups.forEach((g, i) => {
      g.widths = labels[i].map((n) => n.offsetWidth);
    });
    const placed = placeLabels(groups, wrap.offsetWidth);
    const px = devicePixelRatio;
    const { ctx } = u;
    ctx.save();
    ctx.setLineDash([4 * px, 3 * px]);
    ctx.lineWidth = 1.5 * px;
    groups.forEach((g, i) => {
      const spot = placed[i];
      labels[i].forEach((n, variant) => {
        n.hidden = !spot || spot.variant !== variant;
      });
      const labelTop = spot ? top - (spot.row + 1) * ROW : top;
      if (spot) Object.assign(labels[i][spot.variant].style, { left: `${spot.x0}px`, top: `${labelTop}px` });
      for (const m of g.marks) {
        const x = Math.round(u.valToPos(m.day, 'x', true));
        ctx.strokeStyle = m.color;
        ctx.beginPath();
        ctx.moveTo(x, (spot ? labelTop + ROW / 2 : top) * px);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
    });
    ctx.restore();
  }

  /** One mark label of `marks` in its `form` (short names or key numbers), unplaced. */
  label(marks, form, parts) {
    const sep = form === 'full' ? ' · ' : ' ';
    return el(
      'span',
      { class: `mark-label mark-label-${form}`, 'data-marks': marks.map((m) => m.key).join(' ') },
      ...parts.flatMap((p, i) => (i ? [sep, p] : [p])),
    );
  }

  options(uPlot, width, height) {
    const lang = this.lang;
    const compact = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { notation: 'compact', maximumFractionDigits: 1 });
    const row = (idx) => this.rows[idx];
    const series = (key, label, color) => ({
      label,
      stroke: color,
      width: 2,
      paths: uPlot.paths.stepped({ align: 1 }),
      points: { show: false },
      value: (u, v, s, idx) => (idx == null || !row(idx) ? '—' : grouped(row(idx)[key].balance)),
    });
    return {
      width,
      height,
      padding: [BAND, null, null, null],
      cursor: { drag: { x: false, y: false } },
      legend: { show: true, live: true },
      scales: { x: { time: false }, y: { range: (u, min, max) => [0, (max || 1) * 1.1] } },
      hooks: { draw: [(u) => this.drawMarks(u)] },
      series: [
        { label: t(lang, 'series_date'), value: (u, v, s, idx) => (idx == null || !row(idx) ? '—' : row(idx).to) },
        series('inbound', t(lang, 'series_inbound'), '#1f5fa8'),
        series('outbound', t(lang, 'series_outbound'), '#c2410c'),
      ],
      axes: [
        monthAxis(t(lang, 'series_date')),
        { ...AXIS, label: t(lang, 'axis_balance'), size: 62, values: (u, splits) => splits.map((v) => compact.format(v)) },
      ],
    };
  }
}

/** One step's "what" in `lang`: a renewal to its new end, or a top-up of an account. */
function stepText(step, lang) {
  return step.kind === 'renewal'
    ? t(lang, 'plan_renewal', { end: step.new_end })
    : t(lang, `plan_top_up_${step.account}`);
}

/**
 * Shows `plan` (the module's `projection.plan`, or null) in `card`: each step with its latest
 * date and amount, and the totals; `capital(amount)` gives an amount's 大写 for the printout.
 */
export function showPlan(card, plan, lang, capital) {
  card.hidden = !plan;
  if (!plan) return;
  const result = (key, text, tag = 'span') => el(tag, { 'data-result': key }, text);
  // Amounts as every amount is shown (grouped, the exact text in data-value).
  const money = (key, amount) => {
    const n = el('span', { 'data-result': key });
    showAmount(n, amount);
    return n;
  };
  const big = (amount) => el('span', { class: 'capital', lang: 'zh-CN' }, capital(amount));
  card.querySelector('.plan-horizon').replaceChildren(
    ...t(lang, 'plan_keep_heading', { end: '\u0000' })
      .split('\u0000')
      .flatMap((part, i) => (i ? [result('plan.horizon_end', plan.horizon_end, 'time'), part] : [part])),
  );
  const steps = plan.steps.map((s, i) => {
    const key = `plan.steps[${i}]`;
    return el(
      'li',
      { class: 'plan-step', 'data-step-kind': s.kind, 'data-step-account': s.account },
      el('span', { class: 'plan-date' }, t(lang, 'plan_by'), result(`${key}.latest_date`, s.latest_date, 'time')),
      el('span', { class: 'plan-what' }, stepText(s, lang)),
      el('span', { class: 'plan-amount' }, money(`${key}.amount`, s.amount), ` ${t(lang, 'currency')}`, big(s.amount)),
    );
  });
  card.querySelector('.plan-steps').replaceChildren(...steps);
  card.querySelector('.plan-none').hidden = plan.steps.length > 0;
  card.querySelector('#apply-plan').hidden = plan.steps.length === 0;
  const totals = [
    ['plan.renewal_fees', 'plan_renewal_fees', plan.renewal_fees],
    ['plan.inbound_top_ups', 'plan_inbound_top_ups', plan.inbound_top_ups],
    ['plan.outbound_top_ups', 'plan_outbound_top_ups', plan.outbound_top_ups],
    ['plan.total', 'plan_total', plan.total],
  ];
  card.querySelector('.plan-totals').replaceChildren(
    ...totals.map(([key, label, amount]) =>
      el('div', { class: key === 'plan.total' ? 'plan-total is-total' : 'plan-total' },
        el('dt', {}, t(lang, label)),
        el('dd', {}, money(key, amount), ` ${t(lang, 'currency')}`, big(amount)),
      ),
    ),
  );
}
