// The cash-flow chart: payments (bars, left axis) at their payment dates and the cumulative amount
// received (steps, right axis), drawn by uPlot (www/vendor/uPlot.iife.min.js, the npm package
// "uplot" copied by scripts/setup.sh; a canvas, no inline styles, no network). The exact amounts
// are in the table beside it; the chart turns the module's decimal strings into Numbers only to
// place bars and points (display, never money arithmetic).
import { t } from './i18n.js';
import { scriptURL } from './trusted.js';
import { AXIS, chartSize, deferred, drawPlot, el, grouped, monthAxis } from './ui.js';

const DAY = 86400000;

// uPlot is fetched for the first chart, once the page's first paint is on screen (`chartsAfter`):
// its 50 KB script costs ~80 ms to evaluate on a slow machine, and would hold up that paint. A
// classic script, which CSP's script-src 'self' allows (it defines window.uPlot), and its style
// sheet unless the page links it already.
let library = null;
let gate = Promise.resolve();

/** Holds back uPlot's loading until `promise` settles (the page's first bill is on screen). */
export function chartsAfter(promise) {
  gate = promise.catch(() => {});
}

/** Loads uPlot (once the gate opens); resolves when it is there, rejects if it failed to load. */
export function loadLibrary() {
  library ??= gate.then(insertLibrary);
  return library;
}

function insertLibrary() {
  if (!document.querySelector('link[href$="uPlot.min.css"]')) {
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL('./vendor/uPlot.min.css', import.meta.url).href;
    document.head.append(style);
  }
  if (window.uPlot) return Promise.resolve();
  return new Promise((ok, fail) => {
    const script = document.createElement('script');
    // A Trusted Types sink: the URL goes through the pages' policy (trusted.js).
    script.src = scriptURL(new URL('./vendor/uPlot.iife.min.js', import.meta.url));
    script.onload = () => ok();
    script.onerror = () => fail(new Error('uPlot did not load'));
    document.head.append(script);
  });
}

/** "2026-03-25" → days since 1970-01-01 (UTC), the chart's x. */
export function dayNumber(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
}

function isoOfDay(n) {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

/** Payments grouped by payment date: x (days), bar height, cumulative, and the exact texts. */
export function chartData(payments) {
  const points = [];
  for (const p of payments) {
    const x = dayNumber(p.payment_due);
    const last = points[points.length - 1];
    if (last && last.x === x) {
      last.amounts.push(p.amount);
      last.months.push(p.month);
      last.height += Number(p.amount);
      last.cumulative = p.cumulative;
    } else {
      points.push({ x, amounts: [p.amount], months: [p.month], height: Number(p.amount), cumulative: p.cumulative });
    }
  }
  return points;
}

export class CashflowChart {
  constructor(container) {
    this.container = container;
    this.plot = null;
    this.points = [];
    this.lang = 'zh';
    this.width = 0;
    this.failure = null; // the message shown when the chart could not be drawn
    this.schedule = deferred(() => this.draw());
    // Resized in the next frame, so that a resize never feeds back into the same layout pass.
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.schedule()).observe(container);
  }

  /** Shows `payments` (the module's project().payments) in `lang`, drawn in the next frame. */
  update(payments, lang) {
    this.points = chartData(payments ?? []);
    this.lang = lang;
    if (this.failure) this.failure.textContent = t(lang, 'cf_chart_failed');
    this.schedule();
  }

  data() {
    const pts = this.points;
    return [pts.map((p) => p.x), pts.map((p) => p.height), pts.map((p) => Number(p.cumulative))];
  }

  draw() {
    const uPlot = window.uPlot;
    if (!uPlot) {
      loadLibrary().then(() => this.schedule(), (e) => this.fail(e));
      return;
    }
    const { width, height } = chartSize(this.container, [230, 280]);
    try {
      drawPlot(this, { key: this.lang, width, height, data: this.data(), options: () => this.options(uPlot, width, height) });
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * A chart that could not be loaded or drawn says so: `data-chart="error"` on its container and
   * a message after it (the table beside it still has every figure), and the error in the console.
   * A page that said it was ready (app.js) now says "error".
   */
  fail(error) {
    if (!this.failure) console.error('callsettle: the cash-flow chart could not be drawn:', error);
    if (document.body.dataset.ready === 'true') document.body.dataset.ready = 'error';
    this.container.dataset.chart = 'error';
    this.failure ??= el('p', { class: 'chart-error', role: 'status', 'data-chart-error': '' });
    this.failure.textContent = t(this.lang, 'cf_chart_failed');
    if (!this.failure.isConnected) this.container.after(this.failure);
  }

  options(uPlot, width, height) {
    const lang = this.lang;
    const compact = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { notation: 'compact', maximumFractionDigits: 1 });
    const point = (idx) => this.points[idx];
    return {
      width,
      height,
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      legend: { show: true, live: true },
      scales: {
        // Ranges from the points themselves (uPlot widens a one-point range its own way).
        x: {
          time: false,
          range: () => {
            const pts = this.points;
            if (!pts.length) return [0, 1];
            return [pts[0].x - 20, pts[pts.length - 1].x + 20];
          },
        },
        amount: { range: () => [0, Math.max(1, ...this.points.map((p) => p.height)) * 1.15] },
        cumulative: { range: () => [0, Math.max(1, ...this.points.map((p) => Number(p.cumulative))) * 1.08] },
      },
      series: [
        {
          label: t(lang, 'cf_axis_date'),
          value: (u, v, s, idx) => (idx == null || !point(idx) ? '—' : isoOfDay(point(idx).x)),
        },
        {
          label: t(lang, 'cf_series_amount'),
          scale: 'amount',
          stroke: '#1f5fa8',
          fill: 'rgba(31, 95, 168, 0.55)',
          width: 1,
          paths: uPlot.paths.bars({ size: [0.5, 26], align: 0 }),
          points: { show: false },
          value: (u, v, s, idx) => (idx == null || !point(idx) ? '—' : point(idx).amounts.map(grouped).join(' + ')),
        },
        {
          label: t(lang, 'cf_series_cumulative'),
          scale: 'cumulative',
          stroke: '#c2410c',
          width: 2,
          paths: uPlot.paths.stepped({ align: 1 }),
          points: { show: true, size: 6, fill: '#c2410c' },
          value: (u, v, s, idx) => (idx == null || !point(idx) ? '—' : grouped(point(idx).cumulative)),
        },
      ],
      axes: [
        monthAxis(t(lang, 'cf_axis_date')),
        {
          ...AXIS,
          scale: 'amount',
          label: t(lang, 'cf_axis_amount'),
          size: 62,
          values: (u, splits) => splits.map((v) => compact.format(v)),
        },
        {
          ...AXIS,
          scale: 'cumulative',
          side: 1,
          label: t(lang, 'cf_axis_cumulative'),
          size: 62,
          grid: { show: false },
          values: (u, splits) => splits.map((v) => compact.format(v)),
        },
      ],
    };
  }
}
