// Exact growth for the year plan: "a base month plus a monthly growth in volume (%) and success
// rate (percentage points)". No binary floating point anywhere: decimals are read into BigInt
// fractions, grown exactly, and written back as decimal text. Used by the page (app.js) and tested
// in Node (tests/e2e/grow.test.mjs).
//
//   volume_k    = round_half_up(V × ((100 + g) ÷ 100)^k)          g: percent per month, e.g. "5", "-2.5"
//   rate_k      = s + k × d ÷ 100 (or "30%" + k × d → "31%")       d: percentage points per month
//   successes_k = round_half_up(n × ((100 + g) ÷ 100)^k + volume_k × k × d ÷ 100)
//
// Compounded from the base month (not from the rounded month before), rounded once per month.

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** "1,234.5" → { n: 12345n, d: 10n } (a fraction); null when not a plain decimal. */
export function parseDecimal(text) {
  let s = String(text ?? '').trim();
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  const m = DECIMAL.exec(s);
  if (!m) return null;
  const frac = m[3] ?? '';
  const n = BigInt(m[2] + frac) * (m[1] === '-' ? -1n : 1n);
  return { n, d: 10n ** BigInt(frac.length) };
}

/** Half away from zero (四舍五入) of n ÷ d, d > 0. */
export function roundHalfUp(n, d) {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return neg ? -q : q;
}

/** The decimal text of n ÷ 10^scale, with exactly `scale` decimals. */
function toText(n, scale) {
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return (neg ? '-' : '') + digits;
}

const scaleOf = (text) => (/\.(\d+)/.exec(String(text)) ?? [, ''])[1].length;

/** A whole count grown k months at g % a month: "10000", "5", 2 → "11025". null if unreadable. */
export function growCount(count, growthPercent, k) {
  const v = parseDecimal(count);
  const g = parseDecimal(growthPercent === '' ? '0' : growthPercent);
  if (!v || !g || v.d !== 1n) return null;
  // factor = (100·g.d + g.n) ÷ (100·g.d)
  const num = 100n * g.d + g.n;
  const den = 100n * g.d;
  if (num < 0n) return null;
  const K = BigInt(k);
  return roundHalfUp(v.n * num ** K, den ** K).toString();
}

/**
 * A success rate moved k months by d percentage points a month, in the form it was written:
 * "0.30", "1", 2 → "0.32"; "30%", "1", 2 → "32%"; "0.305", "0.5", 1 → "0.310". null if unreadable.
 */
export function growRate(rate, pointsPerMonth, k) {
  const text = String(rate ?? '').trim();
  const percent = text.endsWith('%');
  const base = percent ? text.slice(0, -1).trim() : text;
  const pts = pointsPerMonth === '' ? '0' : String(pointsPerMonth).trim();
  if (!parseDecimal(base) || !DECIMAL.test(pts)) return null;
  // In percent the step is d; as a fraction it is d ÷ 100 (two more decimals).
  const stepScale = scaleOf(pts) + (percent ? 0 : 2);
  const scale = Math.max(scaleOf(base), stepScale);
  const b = parseDecimal(base);
  const p = parseDecimal(pts);
  // Both divisions are exact: b.d and p.d (× 100) divide 10^scale.
  const baseN = b.n * 10n ** BigInt(scale) / b.d;
  const stepN = (p.n * 10n ** BigInt(scale)) / p.d / (percent ? 1n : 100n);
  const out = toText(baseN + BigInt(k) * stepN, scale);
  return percent ? `${out}%` : out;
}

/**
 * Successes grown with the volume and moved by d points of the grown volume:
 * round_half_up(n × f^k + volume_k × k × d ÷ 100). null if unreadable.
 */
export function growSuccesses(successes, growthPercent, pointsPerMonth, volumeK, k) {
  const n = parseDecimal(successes);
  const g = parseDecimal(growthPercent === '' ? '0' : growthPercent);
  const p = parseDecimal(pointsPerMonth === '' ? '0' : pointsPerMonth);
  const vk = parseDecimal(volumeK);
  if (!n || !g || !p || !vk || n.d !== 1n || vk.d !== 1n) return null;
  const num = 100n * g.d + g.n;
  const den = 100n * g.d;
  if (num < 0n) return null;
  const K = BigInt(k);
  // n·num^k/den^k + vk·k·p.n/(100·p.d), over the common denominator den^k·100·p.d
  const d1 = den ** K;
  const d2 = 100n * p.d;
  const top = n.n * num ** K * d2 + vk.n * K * p.n * d1;
  return roundHalfUp(top, d1 * d2).toString();
}

/** "2026-12", 1 → "2027-01"; null when not YYYY-MM. */
export function addMonths(month, k) {
  const m = /^(\d{4})-(\d{2})$/.exec(String(month ?? '').trim());
  if (!m) return null;
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + k;
  if (Number(m[2]) < 1 || Number(m[2]) > 12 || index < 0) return null;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
