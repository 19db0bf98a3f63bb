//! The itemised bill (SPEC §2.5): one line per amount, each a small trace — key, clause,
//! formula, inputs, the exact value, the rounding and the amount in fen.

use crate::fee::{self, Amounts};
use crate::messages::Message;
use crate::number::{plain, to_fen};
use crate::problem::{Code, Problem};
use crate::scenario::{MonthInput, PenaltyMode, ProjectKind, Terms};
use crate::schedule::{schedule, Schedule};
use crate::work_month::WorkMonth;
use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The rounding every line applies (四舍五入到分).
pub const ROUNDING: &str = "half_away_from_zero_to_fen";

/// The bill line keys of SPEC §6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LineKey {
    ServiceFee,
    ShortfallPenalty,
    InaccuracyDeduction,
    TelecomCharges,
}

/// The named numbers put into a formula, in formula order (`{ "p": "2.50", "T": "10000" }`).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(type = "Record<string, string>"))]
pub struct Inputs(pub Vec<(&'static str, String)>);

impl Serialize for Inputs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One bill line.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Line {
    pub key: LineKey,
    /// The contract clause it comes from, e.g. "第四条 1".
    pub clause: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// The formula in symbols: "p × s × T".
    pub formula: String,
    /// The same formula with the numbers put in: "2.50 × 0.3 × 10000".
    pub expression: String,
    pub inputs: Inputs,
    /// The exact value before rounding.
    #[cfg_attr(test, ts(type = "string"))]
    pub exact: Decimal,
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

/// What `settle` returns (SPEC §6).
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

/// A formula template: `{name}` marks an input.
struct Formula {
    template: String,
    inputs: Vec<(&'static str, String)>,
}

impl Formula {
    fn render(&self, values: bool) -> String {
        let mut out = self.template.clone();
        for (name, value) in &self.inputs {
            out = out.replace(&format!("{{{name}}}"), if values { value } else { name });
        }
        out
    }

    fn line(self, key: LineKey, exact: Decimal) -> Line {
        let (clause, label_zh, label_en) = match key {
            LineKey::ServiceFee => ("第四条 1", "服务费", "Service fee"),
            LineKey::ShortfallPenalty => ("第四条 1", "未达标扣罚", "Shortfall penalty"),
            LineKey::InaccuracyDeduction => ("第三条 3", "数据不实扣罚", "Inaccurate-data deduction"),
            LineKey::TelecomCharges => ("第四条 2", "通讯费", "Telecom charges"),
        };
        Line {
            key,
            clause,
            label_zh,
            label_en,
            formula: self.render(false),
            expression: self.render(true),
            inputs: Inputs(self.inputs),
            exact: exact.normalize(),
            rounding: ROUNDING,
            amount: to_fen(exact),
        }
    }
}

/// The rounded line amounts of a month, in line order; their sum is the month's total.
pub fn rounded(a: &Amounts) -> [Decimal; 4] {
    [a.service_fee, a.shortfall_penalty, a.inaccuracy_deduction, a.telecom_charges].map(to_fen)
}

/// Bills one month whose inputs read cleanly. Problems: warnings on the month, or `overflow`.
pub fn bill_month(t: &Terms, m: &MonthInput, path: &str) -> Result<(MonthBill, Vec<Problem>), Problem> {
    let a = fee::amounts(t, m, path)?;
    let schedule = schedule(m.month, &t.settlement).ok_or_else(|| Problem::error(path, Code::Overflow))?;
    let lines = lines(t, m, &a);
    let total: Decimal = lines.iter().map(|l| l.amount).sum();
    let mut warnings = Vec::new();
    if a.trial_billable > Decimal::ZERO {
        warnings.push(
            Problem::warning(format!("{path}.trial_records"), Code::TrialOverCap)
                .with("trial_records", plain(m.trial_records))
                .with("cap", plain(t.trial_free_records))
                .with("billable", plain(a.trial_billable)),
        );
    }
    if m.success_rate.is_some() && !a.successes.fract().is_zero() {
        warnings.push(
            Problem::warning(format!("{path}.success_rate"), Code::FractionalSuccesses)
                .with("successes", plain(a.successes)),
        );
    }
    let net_fee: Decimal =
        lines.iter().filter(|l| l.key != LineKey::TelecomCharges).map(|l| l.amount).sum();
    if net_fee < Decimal::ZERO {
        warnings.push(Problem::warning(path, Code::NegativeFee).with("net_fee", net_fee));
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
    Ok((bill, warnings))
}

fn lines(t: &Terms, m: &MonthInput, a: &Amounts) -> Vec<Line> {
    // 服务类 projects price in p, 营销类 in p1; the formulas are the same.
    let p = match t.project_kind {
        ProjectKind::Service => "p",
        ProjectKind::Marketing => "p1",
    };
    let formula = |template: &str, inputs| Formula { template: template.replace("{p}", &format!("{{{p}}}")), inputs };
    let price = (p, t.unit_price.to_string());
    let n = ("n", plain(a.successes));
    let service_fee = match m.success_rate {
        Some(s) => formula("{p} × {s} × {T}", vec![price.clone(), ("s", plain(s)), ("T", plain(a.billable_volume))]),
        None => formula("{p} × {n}", vec![price.clone(), n.clone()]),
    };
    let shortfall = formula(
        match t.penalty_mode {
            PenaltyMode::BelowTarget => "−{F} × max(0, {s0} × {T} − {n})",
            PenaltyMode::Linear => "−{F} × ({s0} × {T} − {n})",
        },
        vec![
            ("F", t.penalty_per_unit.to_string()),
            ("s0", plain(t.target_rate)),
            ("T", plain(a.billable_volume)),
            n.clone(),
        ],
    );
    let inaccuracy = formula(
        "−{p} × {n} × {k} × {m} ÷ {N}",
        vec![
            price,
            n,
            ("k", plain(t.inaccuracy_multiplier)),
            ("m", plain(m.inaccurate_records)),
            ("N", plain(m.sampled_records)),
        ],
    );
    let telecom = formula("{telecom}", vec![("telecom", m.telecom_charges.to_string())]);
    vec![
        service_fee.line(LineKey::ServiceFee, a.service_fee),
        shortfall.line(LineKey::ShortfallPenalty, a.shortfall_penalty),
        inaccuracy.line(LineKey::InaccuracyDeduction, a.inaccuracy_deduction),
        telecom.line(LineKey::TelecomCharges, a.telecom_charges),
    ]
}
