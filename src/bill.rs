//! The itemised bill (docs/rules.md "Contract 1: the bill"): one line per amount, each a small trace — key, clause,
//! formula, inputs, the exact value, the rounding and the amount in fen.

use crate::exact;
use crate::fee::{self, Amounts};
use crate::messages::{Message, NamedValues};
use crate::number::{plain, to_fen};
use crate::problem::{Code, Problem};
use crate::scenario::{MonthInput, PenaltyMode, ProjectKind, Terms};
use crate::schedule::{schedule, Schedule};
use crate::work_month::WorkMonth;
use rust_decimal::Decimal;

/// The rounding every line applies (四舍五入到分).
pub const ROUNDING: &str = "half_away_from_zero_to_fen";

/// The bill line keys of the JSON interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case"))]
pub enum LineKey {
    ServiceFee,
    ShortfallPenalty,
    InaccuracyDeduction,
    TelecomCharges,
}

/// One bill line.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Line {
    pub key: LineKey,
    /// The contract clause it comes from, e.g. "第四条 1".
    #[cfg_attr(test, ts(type = "string"))]
    pub clause: &'static str,
    #[cfg_attr(test, ts(type = "string"))]
    pub label_zh: &'static str,
    #[cfg_attr(test, ts(type = "string"))]
    pub label_en: &'static str,
    /// The formula in symbols: "p × s × T".
    #[cfg_attr(test, ts(type = "string"))]
    pub formula: &'static str,
    /// The same formula with the numbers put in: "2.50 × 0.3 × 10000".
    pub expression: String,
    /// The named numbers put into the formula, in formula order: `{ "p": "2.50", "T": "10000" }`.
    #[cfg_attr(test, ts(type = "Record<string, string>"))]
    pub inputs: NamedValues<Decimal>,
    /// The exact value before rounding.
    #[cfg_attr(test, ts(type = "string"))]
    pub exact: Decimal,
    #[cfg_attr(test, ts(type = "string"))]
    pub rounding: &'static str,
    /// CNY, two decimals.
    #[cfg_attr(test, ts(type = "string"))]
    pub amount: Decimal,
}

/// One month's bill.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MonthBill {
    #[cfg_attr(test, ts(type = "string"))]
    pub month: WorkMonth,
    pub lines: Vec<Line>,
    /// Sum of the rounded lines.
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
    /// n: successful orders (exact; may have decimals when a rate gives them).
    #[cfg_attr(test, ts(type = "string"))]
    pub successes: Decimal,
    /// n0 = s0 × T.
    #[cfg_attr(test, ts(type = "string"))]
    pub target_successes: Decimal,
    /// n0 − n: positive when short of target, negative when above it.
    #[cfg_attr(test, ts(type = "string"))]
    pub shortfall: Decimal,
    /// T: volume plus trial records beyond the free cap.
    #[cfg_attr(test, ts(type = "string"))]
    pub billable_volume: Decimal,
    pub schedule: Schedule,
    pub warnings: Vec<Message>,
}

/// What `settle` returns (the JSON interface).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SettleResult {
    pub months: Vec<MonthBill>,
    /// Sum of the month totals.
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
    /// Every warning: the scenario's and each month's.
    pub warnings: Vec<Message>,
}

/// A formula: the symbols (`"p × s × T"`), the same with `{name}` marking each input, and the
/// inputs in formula order.
struct Formula {
    symbols: &'static str,
    template: &'static str,
    inputs: Vec<(&'static str, Decimal)>,
}

impl Formula {
    /// The template with each `{name}` replaced by that input's value: `"2.50 × 0.3 × 10000"`.
    fn expression(&self) -> String {
        let mut out = self.template.to_owned();
        for (name, value) in &self.inputs {
            out = out.replace(&format!("{{{name}}}"), &value.to_string());
        }
        out
    }
}

impl Formula {
    fn line(self, key: LineKey, exact: Decimal) -> Line {
        let (clause, label_zh, label_en) = match key {
            LineKey::ServiceFee => ("第四条 1", "服务费", "Service fee"),
            // `linear` mode above target: the same term, a bonus.
            LineKey::ShortfallPenalty if exact > Decimal::ZERO => {
                ("第四条 1", "超额奖励", "Above-target bonus")
            }
            LineKey::ShortfallPenalty => ("第四条 1", "未达标扣罚", "Shortfall penalty"),
            LineKey::InaccuracyDeduction => {
                ("第三条 3", "数据不实扣罚", "Inaccurate-data deduction")
            }
            LineKey::TelecomCharges => ("第四条 2", "通讯费", "Telecom charges"),
        };
        Line {
            key,
            clause,
            label_zh,
            label_en,
            formula: self.symbols,
            expression: self.expression(),
            inputs: NamedValues(self.inputs),
            exact: exact.normalize(),
            rounding: ROUNDING,
            amount: to_fen(exact),
        }
    }
}

/// The rounded line amounts of a month, in line order; their sum is the month's total.
pub fn rounded(a: &Amounts) -> [Decimal; 4] {
    a.lines().map(to_fen)
}

/// Bills month `index` (of the scenario's `months`), whose inputs read cleanly: the bill, the
/// warnings on the month, and the years its deadlines were looked up in without the holiday
/// notices (one scenario-wide warning names them all); or `overflow`. Paths are written only
/// when there is a problem.
pub fn bill_month(
    t: &Terms,
    m: &MonthInput,
    index: usize,
) -> Result<(MonthBill, Vec<Problem>, Vec<i32>), Problem> {
    let path = || format!("months[{index}]");
    let a = fee::amounts(t, m).map_err(|p| p.at(path()))?;
    let (schedule, outside_years) = schedule(m.month, &t.settlement, &m.actual)
        .ok_or_else(|| Problem::error(path(), Code::Overflow))?;
    let lines = lines(t, m, &a);
    let overflow = || Problem::error(path(), Code::Overflow);
    let total = exact::sum(lines.iter().map(|l| l.amount)).ok_or_else(overflow)?;
    let mut warnings = Vec::new();
    if a.trial_billable > Decimal::ZERO {
        warnings.push(
            Problem::warning(format!("{}.trial_records", path()), Code::TrialOverCap)
                .with("trial_records", plain(m.trial_records))
                .with("cap", plain(t.trial_free_records))
                .with("left", plain(m.trial_free_left))
                .with("billable", plain(a.trial_billable))
                .with("trial_successes", plain(a.trial_successes.normalize())),
        );
    }
    if m.success_rate.is_some() && !a.successes.fract().is_zero() {
        warnings.push(
            Problem::warning(
                format!("{}.success_rate", path()),
                Code::FractionalSuccesses,
            )
            .with("successes", plain(a.successes)),
        );
    }
    let net_fee = exact::sum(
        lines
            .iter()
            .filter(|l| l.key != LineKey::TelecomCharges)
            .map(|l| l.amount),
    )
    .ok_or_else(overflow)?;
    if net_fee < Decimal::ZERO {
        warnings.push(Problem::warning(path(), Code::NegativeFee).with("net_fee", net_fee));
    }
    let bill = MonthBill {
        month: m.month,
        lines,
        total,
        successes: a.successes.normalize(),
        target_successes: a.target_successes.normalize(),
        shortfall: a.shortfall().normalize(),
        billable_volume: a.billable_volume,
        schedule,
        warnings: warnings.iter().map(Message::from).collect(),
    };
    Ok((bill, warnings, outside_years))
}

/// The warning `holidays_outside_data` at `path` for the years (in order, each once) a count
/// looked at without the holiday notices, if any.
pub fn outside_warning(path: &str, years: &[i32]) -> Option<Problem> {
    let mut sorted: Vec<i32> = Vec::new();
    for &year in years {
        if let Err(at) = sorted.binary_search(&year) {
            sorted.insert(at, year);
        }
    }
    let years = sorted;
    (!years.is_empty()).then(|| {
        let years = years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        Problem::warning(path, Code::HolidaysOutsideData).with("years", years)
    })
}

fn lines(t: &Terms, m: &MonthInput, a: &Amounts) -> Vec<Line> {
    // 服务类 projects price in p, 营销类 in p1; the formulas are the same. Each formula is
    // [symbols, template] for p, then for p1.
    let kind = match t.project_kind {
        ProjectKind::Service => 0,
        ProjectKind::Marketing => 1,
    };
    let formula = |forms: [[&'static str; 2]; 2], inputs: Vec<(&'static str, Decimal)>| Formula {
        symbols: forms[kind][0],
        template: forms[kind][1],
        inputs,
    };
    // Prices and money show as entered ("2.50"); rates and counts without trailing zeros.
    let trimmed = |d: Decimal| d.normalize();
    let price = (["p", "p1"][kind], t.unit_price);
    let f = ("F", t.penalty_per_unit);
    let s0 = ("s0", trimmed(t.target_rate));
    let k = ("k", trimmed(t.inaccuracy_multiplier));
    let wrong = ("m", trimmed(m.inaccurate_records));
    let sampled = ("N", trimmed(m.sampled_records));
    let [service_fee, shortfall, inaccuracy] = if fee::trial_apart(m) {
        // 第三条 7: billed trial records with their successes. n is the month's own successes
        // (s × V, or as given), nt the trial's (given, or s × t), V the volume and t the billed
        // trial records: T = V + t and the successes counted are n + nt.
        let own = exact::sub(a.successes, a.trial_successes).unwrap_or_default();
        let n = ("n", trimmed(own));
        let nt = ("nt", trimmed(a.trial_successes));
        let v = ("V", trimmed(m.volume));
        let service_fee = match m.success_rate {
            Some(s) => formula(
                [
                    ["p × (s × V + nt)", "{p} × ({s} × {V} + {nt})"],
                    ["p1 × (s × V + nt)", "{p1} × ({s} × {V} + {nt})"],
                ],
                vec![price, ("s", trimmed(s)), v, nt],
            ),
            None => formula(
                [
                    ["p × (n + nt)", "{p} × ({n} + {nt})"],
                    ["p1 × (n + nt)", "{p1} × ({n} + {nt})"],
                ],
                vec![price, n, nt],
            ),
        };
        let shortfall_forms = match t.penalty_mode {
            PenaltyMode::BelowTarget => [
                "−F × max(0, s0 × (V + t) − (n + nt))",
                "−{F} × max(0, {s0} × ({V} + {t}) − ({n} + {nt}))",
            ],
            PenaltyMode::Linear => [
                "−F × (s0 × (V + t) − (n + nt))",
                "−{F} × ({s0} × ({V} + {t}) − ({n} + {nt}))",
            ],
        };
        let trial = ("t", trimmed(a.trial_billable));
        [
            service_fee,
            formula([shortfall_forms; 2], vec![f, s0, v, trial, n, nt]),
            formula(
                [
                    [
                        "−p × (n + nt) × k × m ÷ N",
                        "−{p} × ({n} + {nt}) × {k} × {m} ÷ {N}",
                    ],
                    [
                        "−p1 × (n + nt) × k × m ÷ N",
                        "−{p1} × ({n} + {nt}) × {k} × {m} ÷ {N}",
                    ],
                ],
                vec![price, n, nt, k, wrong, sampled],
            ),
        ]
    } else {
        let n = ("n", trimmed(a.successes));
        let volume = ("T", trimmed(a.billable_volume));
        let service_fee = match m.success_rate {
            Some(s) => formula(
                [
                    ["p × s × T", "{p} × {s} × {T}"],
                    ["p1 × s × T", "{p1} × {s} × {T}"],
                ],
                vec![price, ("s", trimmed(s)), volume],
            ),
            None => formula(
                [["p × n", "{p} × {n}"], ["p1 × n", "{p1} × {n}"]],
                vec![price, n],
            ),
        };
        let shortfall_forms = match t.penalty_mode {
            PenaltyMode::BelowTarget => {
                ["−F × max(0, s0 × T − n)", "−{F} × max(0, {s0} × {T} − {n})"]
            }
            PenaltyMode::Linear => ["−F × (s0 × T − n)", "−{F} × ({s0} × {T} − {n})"],
        };
        [
            service_fee,
            formula([shortfall_forms; 2], vec![f, s0, volume, n]),
            formula(
                [
                    ["−p × n × k × m ÷ N", "−{p} × {n} × {k} × {m} ÷ {N}"],
                    ["−p1 × n × k × m ÷ N", "−{p1} × {n} × {k} × {m} ÷ {N}"],
                ],
                vec![price, n, k, wrong, sampled],
            ),
        ]
    };
    let telecom = formula(
        [["telecom", "{telecom}"]; 2],
        vec![("telecom", m.telecom_charges)],
    );
    vec![
        service_fee.line(LineKey::ServiceFee, a.service_fee),
        shortfall.line(LineKey::ShortfallPenalty, a.shortfall_penalty),
        inaccuracy.line(LineKey::InaccuracyDeduction, a.inaccuracy_deduction),
        telecom.line(LineKey::TelecomCharges, a.telecom_charges),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Settles a one-month scenario (terms and month as JSON texts) in the given day count.
    fn settle_one(terms: &str, month: &str, day_count: &str) -> crate::bill::SettleResult {
        let target = if terms.contains("target_rate") {
            ""
        } else {
            r#""target_rate": "0.35","#
        };
        let text = format!(
            r#"{{"terms": {{"unit_price": "2.50", {target} "penalty_per_unit": "1.00",
                 "settlement": {{"day_count": "{day_count}"}} {terms}}},
                "months": [{{"month": "2026-01", "volume": 10000 {month}}}]}}"#
        );
        crate::settle(&serde_json::from_str(&text).unwrap()).unwrap()
    }

    fn labels(line: &Line) -> [String; 2] {
        let v = serde_json::to_value(line).unwrap();
        ["label_zh", "label_en"].map(|k| v[k].as_str().unwrap().to_owned())
    }

    fn amounts(r: &SettleResult) -> Vec<String> {
        r.months[0]
            .lines
            .iter()
            .map(|l| l.amount.to_string())
            .collect()
    }

    /// Issue 15 item 4: `linear`, target 0, F 1.00, 3000 successes: the term is
    /// −1.00 × (0 − 3000) = +3000.00, a bonus, labelled so; no `target_zero_with_penalty`
    /// (F is not idle). Below target the same line is a penalty; `below_target` with target 0
    /// keeps the warning (there F can never apply).
    #[test]
    fn a_positive_linear_term_is_a_bonus() {
        for day_count in ["calendar", "working"] {
            let linear = r#", "penalty_mode": "linear""#;
            let r = settle_one(
                &format!(r#"{linear}, "target_rate": "0""#),
                r#", "successes": 3000"#,
                day_count,
            );
            let line = &r.months[0].lines[1];
            assert_eq!(line.amount.to_string(), "3000.00");
            assert_eq!(labels(line), ["超额奖励", "Above-target bonus"]);
            assert!(r.warnings.is_empty(), "{:?}", r.warnings);
            let r = settle_one(linear, r#", "successes": 3000"#, day_count);
            let line = &r.months[0].lines[1];
            assert_eq!(line.amount.to_string(), "-500.00");
            assert_eq!(labels(line), ["未达标扣罚", "Shortfall penalty"]);
            let r = settle_one(
                r#", "target_rate": "0""#,
                r#", "successes": 3000"#,
                day_count,
            );
            assert_eq!(labels(&r.months[0].lines[1])[0], "未达标扣罚");
            assert_eq!(r.warnings[0].code, Code::TargetZeroWithPenalty);
        }
    }

    /// Issue 15 item 2: p 2.50, s0 0.35, F 1.00, V 10000, successes 3000: 7500.00 − 500.00 =
    /// 7000.00. With 4000 trial records (1000 over the free 3000) and their 350 successes:
    /// T = 11000, n + nt = 3350, fee 8375.00, n0 3850, penalty −500.00, total 7875.00, the
    /// formulas showing V, t, n and nt. Without trial_successes: an error, not a smaller bill.
    /// With a rate of 0.30 the trial's successes default to 0.30 × 1000 = 300: T = 11000,
    /// n + nt = 3000 + 300, fee 8250.00, penalty −550.00, total 7700.00, shown apart as well.
    #[test]
    fn over_cap_trial_records_come_with_their_successes() {
        for day_count in ["calendar", "working"] {
            let plain = settle_one("", r#", "successes": 3000"#, day_count);
            assert_eq!(plain.total.to_string(), "7000.00");
            let r = settle_one(
                "",
                r#", "successes": 3000, "trial_records": 4000, "trial_successes": 350"#,
                day_count,
            );
            assert_eq!(amounts(&r), ["8375.00", "-500.00", "0.00", "0.00"]);
            assert_eq!(r.total.to_string(), "7875.00");
            let [fee, penalty, ..] = &r.months[0].lines[..] else {
                unreachable!()
            };
            assert_eq!(fee.expression.to_string(), "2.50 × (3000 + 350)");
            assert_eq!(
                penalty.expression.to_string(),
                "−1.00 × max(0, 0.35 × (10000 + 1000) − (3000 + 350))"
            );
            let r = settle_one(
                "",
                r#", "success_rate": "0.30", "trial_records": 4000"#,
                day_count,
            );
            assert_eq!(amounts(&r), ["8250.00", "-550.00", "0.00", "0.00"]);
            let [fee, penalty, ..] = &r.months[0].lines[..] else {
                unreachable!()
            };
            assert_eq!(fee.expression.to_string(), "2.50 × (0.3 × 10000 + 300)");
            assert_eq!(
                penalty.expression.to_string(),
                "−1.00 × max(0, 0.35 × (10000 + 1000) − (3000 + 300))"
            );
            let text = format!(
                r#"{{"terms": {{"unit_price": "2.50", "target_rate": "0.35", "penalty_per_unit": "1.00",
                     "settlement": {{"day_count": "{day_count}"}}}},
                    "months": [{{"month": "2026-01", "volume": 10000, "successes": 3000,
                                 "trial_records": 4000}}]}}"#
            );
            let problems = crate::settle(&serde_json::from_str(&text).unwrap()).unwrap_err();
            let errors = problems.errors;
            assert_eq!(errors[0].code, Code::TrialSuccessesRequired);
            assert_eq!(errors[0].path, "months[0].trial_successes");
            // No trial_over_cap warning billing the 1000 records with 0 successes.
            assert!(problems.warnings.is_empty(), "{:?}", problems.warnings);
        }
    }

    /// Issue 15 item 2, 第三条 7: one free cap of 3000 for the project, used in month order.
    /// Two months of 2000 trial records each (V 10000, s 0.30), entered 2026-02 first: 2026-01
    /// comes first and uses 2000 (7500.00 − 500.00 = 7000.00); 2026-02 has 1000 left, so
    /// t = 1000 with nt = 0.30 × 1000 = 300: T = 11000, 2.50 × 3300 = 8250.00, n0 3850,
    /// −550.00, total 7700.00. With `trial_records_before` 500: 2026-02 has 500 left, t = 1500,
    /// nt = 450: 2.50 × 3450 = 8625.00, n0 = 0.35 × 11500 = 4025, −575.00, total 8050.00. A
    /// count month (successes 3000) with trial 1000 after 2500 before: 500 billed, so its
    /// trial_successes are required. The same in both day counts (dates apart: 2026-02 is due
    /// 04-07 / 04-13 / 04-28 in calendar days, 04-07 / 04-14 / 05-08 in working days).
    #[test]
    fn the_free_trial_cap_is_the_projects_in_month_order() {
        let settle = |day_count: &str, terms: &str, months: &str| {
            let text = format!(
                r#"{{"terms": {{"unit_price": "2.50", "target_rate": "0.35", "penalty_per_unit": "1.00",
                     "settlement": {{"day_count": "{day_count}"}} {terms}}},
                    "months": [{months}]}}"#
            );
            crate::settle(&serde_json::from_str(&text).unwrap())
        };
        let month = |m: &str| {
            format!(
                r#"{{"month": "{m}", "volume": 10000, "success_rate": "0.30", "trial_records": 2000}}"#
            )
        };
        let two = format!("{}, {}", month("2026-02"), month("2026-01"));
        for (day_count, dates) in [
            ("calendar", ["2026-04-07", "2026-04-13", "2026-04-28"]),
            ("working", ["2026-04-07", "2026-04-14", "2026-05-08"]),
        ] {
            let r = settle(day_count, "", &two).unwrap();
            let [feb, jan] = &r.months[..] else {
                unreachable!()
            };
            assert_eq!(jan.total.to_string(), "7000.00");
            let lines: Vec<_> = feb.lines.iter().map(|l| l.amount.to_string()).collect();
            assert_eq!(lines, ["8250.00", "-550.00", "0.00", "0.00"]);
            assert_eq!(feb.total.to_string(), "7700.00");
            let s = &feb.schedule;
            assert_eq!(
                [s.report_due, s.confirm_by, s.payment_due].map(|d| d.to_string()),
                dates
            );
            let warning = &r.warnings[0];
            assert_eq!(
                (warning.path.as_str(), warning.code),
                ("months[0].trial_records", Code::TrialOverCap)
            );
            let r = settle(day_count, r#", "trial_records_before": 500"#, &two).unwrap();
            let lines: Vec<_> = r.months[0]
                .lines
                .iter()
                .map(|l| l.amount.to_string())
                .collect();
            assert_eq!(lines, ["8625.00", "-575.00", "0.00", "0.00"]);
            assert_eq!(r.total.to_string(), "15050.00");
            let count = r#"{"month": "2026-01", "volume": 10000, "successes": 3000, "trial_records": 1000}"#;
            let errors = settle(day_count, r#", "trial_records_before": 2500"#, count)
                .unwrap_err()
                .errors;
            assert_eq!(
                (errors[0].path.as_str(), errors[0].code),
                ("months[0].trial_successes", Code::TrialSuccessesRequired)
            );
        }
    }

    #[test]
    fn expression_puts_each_input_into_the_template() {
        let formula = |template, inputs: Vec<(&'static str, &str)>| Formula {
            symbols: "",
            template,
            inputs: inputs
                .into_iter()
                .map(|(name, v)| (name, v.parse().unwrap()))
                .collect(),
        };
        for (template, inputs, want) in [
            (
                "{p} × {s} × {T}",
                vec![("p", "2.50"), ("s", "0.3"), ("T", "10000")],
                "2.50 × 0.3 × 10000",
            ),
            // p and p1, s and s0 are different names.
            (
                "{p1} × {s0} − {s}",
                vec![("p1", "3"), ("s", "0.3"), ("s0", "0.35")],
                "3 × 0.35 − 0.3",
            ),
            ("−{a} ÷ {c}", vec![("a", "-0.5")], "−-0.5 ÷ {c}"),
            (
                "{a}+{a}",
                vec![("a", "123456789012345678901234.5678")],
                "123456789012345678901234.5678+123456789012345678901234.5678",
            ),
        ] {
            assert_eq!(formula(template, inputs).expression(), want, "{template}");
        }
    }
}
