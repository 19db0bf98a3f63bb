// The terms that differ between compared scenarios (docs/rules.md, "Examples, undo and the
// selected month"): read from the module's compare result, whose bills carry, line by line, the
// numbers put into each formula as the module read them (`lines[].inputs`: p, s, T, s0, F, …;
// "35%" arrives as 0.35). A number counts as different when its value differs, compared as text
// ("2.8" and "2.80" are the same; never as floats). The penalty mode, which changes a formula
// rather than a number, is compared from the scenarios themselves.

import { sameDecimal } from './ui.js';

/** The symbol of a formula input and the label key of the field it comes from (null: symbol only). */
const FIELD_OF = {
  p: 'unit_price', p1: 'unit_price', s: 'success_rate', T: 'volume', n: 'successes', s0: 'target_rate',
  F: 'penalty_per_unit', k: null, N: 'sampled_records', m: 'inaccurate_records',
  telecom: 'telecom_charges', V: null, t: null, nt: null,
};

/** Each month's formula inputs of a bill: [{ month, values: { symbol: text } }] (first seen). */
function inputsOf(result) {
  return result.months.map((m) => {
    const values = {};
    for (const line of m.lines) for (const [k, v] of Object.entries(line.inputs ?? {})) values[k] ??= String(v);
    return { month: m.month, values };
  });
}

/**
 * For each compared scenario i ≥ 1, the terms in which it differs from the first:
 * `[[], [{ field, symbol, month, value, base }], …]` (`month` only when the scenarios have more
 * than one month; `field` null for a symbol without a form field). `scenarios` are the inputs
 * sent to compare (for the penalty mode).
 */
export function differingTerms(comparison, scenarios) {
  const months = comparison.scenarios.map((c) => inputsOf(c.result));
  const base = months[0];
  const many = months.some((ms) => ms.length > 1);
  const mode = (s) => s?.terms?.penalty_mode ?? 'below_target';
  return months.map((own, i) => {
    if (i === 0) return [];
    const out = [];
    if (mode(scenarios[i]) !== mode(scenarios[0])) {
      out.push({ field: 'penalty_mode', symbol: '', month: null, value: mode(scenarios[i]), base: mode(scenarios[0]), choice: true });
    }
    own.forEach((m, j) => {
      const b = base[j];
      for (const [symbol, value] of Object.entries(m.values)) {
        const was = b?.values[symbol];
        if (was !== undefined && sameDecimal(was, value)) continue;
        // A term that only this one has (a line the first has not) counts too, against "—".
        out.push({ field: FIELD_OF[symbol] ?? null, symbol, month: many ? m.month : null, value, base: was ?? null });
      }
    });
    return out;
  });
}
