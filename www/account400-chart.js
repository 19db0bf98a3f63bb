// The 400-number page's "year on one screen" (issue 18): the chart of both balances with the key
// dates marked, the list of those dates, and the plan (renewals and top-ups, each with its latest
// date and exact amount; 大写 on the printout). account400.js calls `BalanceChart#update` and
// `showPlan` with the module's projection; nothing here computes money.
//
// Conventions (as account400.js):
// - `[data-mark="<key>"][data-date="YYYY-MM-DD"]` is one marked date under the chart, keys:
//   `inbound_runs_out`, `outbound_runs_out`, `outbound_suspended`, `renew_by`, `validity_end`.
//   The same dates are drawn as vertical lines on the chart.
// - `data-result="plan.steps[i].latest_date"` / `…amount` / `…new_end`, `plan.horizon_end`,
//   `plan.total`, `plan.renewal_fees`, `plan.inbound_top_ups`, `plan.outbound_top_ups`: the plan as
//   the module wrote it; `[data-step-kind]` is `renewal` or `top_up`, `[data-step-account]` the
//   account of a top-up. `.capital` (shown on the printout only) holds an amount in 大写.
import { t } from './i18n-account400.js';
import { chartSize, deferred, drawPlot, el, grouped, showAmount } from './ui.js';

const DAY = 86400000;
const FONT = '12px system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const MARK_FONT = '600 11px system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/** The marked dates and their colours, in the order they are listed. */
const MARKS = [
  ['renew_by', '#b42318'],
  ['inbound_runs_out', '#1f5fa8'],
  ['outbound_suspended', '#7a2e8f'],
  ['outbound_runs_out', '#c2410c'],
  ['validity_end', '#2f6b3a'],
];

const dayNumber = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
};
const isoOfDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);

/** The key dates of a projection: `[{ key, date, color }]`, those that are set. */
export function chartMarks(p) {
  const dates = {
    renew_by: p.renew_by,
    inbound_runs_out: p.inbound.runs_out,
    outbound_suspended: p.outbound_suspended,
    outbound_runs_out: p.outbound.runs_out,
    validity_end: p.validity_end,
  };
  return MARKS.filter(([key]) => dates[key]).map(([key, color]) => ({ key, date: dates[key], color }));
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
      ...this.marks.map((m) =>
        el(
          'li',
          { 'data-mark': m.key, 'data-date': m.date },
          el('span', { class: `mark-swatch mark-${m.key}`, 'aria-hidden': 'true' }),
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
    const { width, height } = chartSize(this.container, [240, 300]);
    drawPlot(this, { key: this.lang, width, height, data: this.data(), options: () => this.options(uPlot, width, height) });
  }

  /** Draws each marked date inside the plot as a dashed vertical line with a short label. */
  drawMarks(u) {
    const { ctx } = u;
    const [min, max] = [u.scales.x.min, u.scales.x.max];
    const { left, top, width, height } = u.bbox;
    const px = devicePixelRatio;
    ctx.save();
    ctx.font = MARK_FONT.replace('11px', `${Math.round(11 * px)}px`);
    ctx.textBaseline = 'top';
    ctx.setLineDash([4 * px, 3 * px]);
    ctx.lineWidth = 1.5 * px;
    const placed = [];
    for (const m of this.marks) {
      const day = dayNumber(m.date);
      if (day < min || day > max) continue;
      const x = Math.round(u.valToPos(day, 'x', true));
      ctx.strokeStyle = m.color;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      // Labels of nearby marks go one line lower each, and to the left near the right edge.
      const label = t(this.lang, `mark_short_${m.key}`);
      const w = ctx.measureText(label).width;
      const row = placed.filter((p) => Math.abs(p - x) < w + 8 * px).length;
      placed.push(x);
      const right = x + 4 * px + w > left + width;
      ctx.fillStyle = m.color;
      ctx.fillText(label, right ? x - 4 * px - w : x + 4 * px, top + 4 * px + row * 14 * px);
    }
    ctx.restore();
  }

  options(uPlot, width, height) {
    const lang = this.lang;
    const compact = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { notation: 'compact', maximumFractionDigits: 1 });
    const row = (idx) => this.rows[idx];
    const axis = { font: FONT, labelFont: FONT, stroke: '#5b6675', grid: { stroke: '#e6e9ed', width: 1 }, ticks: { stroke: '#c3c9d1', width: 1 } };
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
        {
          ...axis,
          grid: { show: false },
          splits: (u, i, min, max) => {
            const ticks = [];
            const start = new Date(min * DAY);
            for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m += 1) {
              const day = Date.UTC(y, m, 1) / DAY;
              if (day > max) break;
              if (day >= min) ticks.push(day);
            }
            const room = Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / 70));
            const step = Math.max(1, Math.ceil(ticks.length / room));
            return ticks.length ? ticks.filter((_, k) => k % step === 0) : [min];
          },
          values: (u, splits) => splits.map((d) => isoOfDay(d).slice(0, 7)),
        },
        { ...axis, label: t(lang, 'axis_balance'), size: 56, values: (u, splits) => splits.map((v) => compact.format(v)) },
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
