//! 第四条 1 and 第三条 3, 7: the exact (unrounded) amounts of a month.
//!
//! fee = p × s × T − F × (s0 − s) × T. Since s × T is the number of successful orders n, the
//! product works with n and the target n0 = s0 × T, which keeps everything exact even when
//! s = n / T has no finite decimal form.

use crate::exact;
use crate::problem::{Code, Problem};
use crate::scenario::{MonthInput, PenaltyMode, Terms};
use rust_decimal::Decimal;

/// The exact figures of one month, before rounding.
#[derive(Debug, Clone, PartialEq)]
pub struct Amounts {
    /// T: the month's volume plus trial records beyond the free cap (第三条 7).
    pub billable_volume: Decimal,
    /// Trial records beyond the free cap, billed as volume.
    pub trial_billable: Decimal,
    /// The successes of those trial records (`trial_successes`, or s × the records).
    pub trial_successes: Decimal,
    /// n = s × T (or as given), the trial's billed successes included.
    pub successes: Decimal,
    /// n0 = s0 × T.
    pub target_successes: Decimal,
    /// p × n.
    pub service_fee: Decimal,
    /// −F × max(0, n0 − n) (below_target) or −F × (n0 − n) (linear).
    pub shortfall_penalty: Decimal,
    /// −(p × n) × k × m ÷ N, 0 when nothing was sampled.
    pub inaccuracy_deduction: Decimal,
    pub telecom_charges: Decimal,
}

impl Amounts {
    /// The exact line amounts in line order: fee, penalty, deduction, telecom charges.
    pub fn lines(&self) -> [Decimal; 4] {
        [
            self.service_fee,
            self.shortfall_penalty,
            self.inaccuracy_deduction,
            self.telecom_charges,
        ]
    }

    /// n0 − n: positive when short of target, negative when above it (exact: it was computed
    /// once already, as the penalty's gap).
    pub fn shortfall(&self) -> Decimal {
        exact::sub(self.target_successes, self.successes).unwrap_or_default()
    }
}

/// 第三条 3: the share of the service fee deducted, k × m ÷ N, when it is an exact decimal
/// (10 ÷ 500 = 0.02). `None` when nothing was sampled or the share has no finite decimal form
/// (then the deduction divides last, so that its one inexact step is the final division).
pub fn deduction_share(t: &Terms, m: &MonthInput) -> Option<Decimal> {
    let wrong = exact::mul(t.inaccuracy_multiplier, m.inaccurate_records)?;
    wrong
        .checked_div(m.sampled_records)
        .filter(|q| exact::mul(*q, m.sampled_records) == Some(wrong))
}

/// 第三条 7: the month's trial records beyond what is left of the project's free cap.
pub fn trial_billable(m: &MonthInput) -> Decimal {
    exact::sub(m.trial_records, m.trial_free_left)
        .unwrap_or_default()
        .max(Decimal::ZERO)
}

/// Whether the bill shows billed trial records apart (V + t, n + nt): whenever some are billed,
/// so that a clerk sees what was billed.
pub fn trial_apart(m: &MonthInput) -> bool {
    trial_billable(m) > Decimal::ZERO
}

/// The success rate at which a month's successes meet its target (s × V + nt = s0 × (V + t)),
/// where the bill's penalty changes slope as the rate varies; `None` when V is 0.
pub fn rate_at_target(t: &Terms, m: &MonthInput) -> Option<Decimal> {
    if m.trial_successes.is_none() || !trial_apart(m) {
        // nt = s × t: s × V + s × t = s0 × (V + t) where s = s0.
        return Some(t.target_rate);
    }
    use crate::exact::rounding::{add, div, mul, sub};
    let target = mul(t.target_rate, add(m.volume, trial_billable(m))?)?;
    div(
        sub(target, m.trial_successes.unwrap_or_default())?,
        m.volume,
    )
}

/// The volume at which a month's successes meet its target, where the penalty changes slope as
/// the volume varies: n + nt = s0 × (V + t) for a count, s × V + nt = s0 × (V + t) for a rate
/// with given trial successes (with nt = s × t both sides grow alike: no such volume). `None`
/// as well when s0 is 0 or s = s0.
pub fn volume_at_target(t: &Terms, m: &MonthInput) -> Option<Decimal> {
    use crate::exact::rounding::{add, div, mul, sub};
    let trial = trial_billable(m);
    let nt = m.trial_successes.unwrap_or_default();
    match (m.successes, m.success_rate) {
        (Some(n), _) => sub(div(add(n, nt)?, t.target_rate)?, trial),
        (None, Some(s)) if m.trial_successes.is_some() => {
            div(sub(nt, mul(t.target_rate, trial)?)?, sub(t.target_rate, s)?)
        }
        _ => None,
    }
}

/// Computes a month's exact amounts; `overflow` (path left for the caller) if a product leaves
/// exact range.
pub fn amounts(t: &Terms, m: &MonthInput) -> Result<Amounts, Problem> {
    amounts_with_share(t, m, deduction_share(t, m))
}

/// [`amounts`] with the deduction share already worked out (a sweep reuses it for every point).
#[inline(never)]
pub fn amounts_with_share(
    t: &Terms,
    m: &MonthInput,
    share: Option<Decimal>,
) -> Result<Amounts, Problem> {
    let overflow = || Problem::new(Code::Overflow);
    let trial_billable = trial_billable(m);
    let billable_volume = exact::add(m.volume, trial_billable).ok_or_else(overflow)?;
    // 第三条 7: billed trial records come with their successes; by default the month's rate.
    let (month_successes, trial_successes) = match (m.successes, m.success_rate) {
        (Some(n), _) => (n, m.trial_successes.unwrap_or_default()),
        (None, Some(s)) => (
            exact::mul(s, m.volume).ok_or_else(overflow)?,
            match m.trial_successes {
                Some(nt) => nt,
                None if trial_billable.is_zero() => Decimal::ZERO,
                None => exact::mul(s, trial_billable).ok_or_else(overflow)?,
            },
        ),
        (None, None) => (Decimal::ZERO, Decimal::ZERO),
    };
    let successes = if trial_successes.is_zero() {
        month_successes
    } else {
        exact::add(month_successes, trial_successes).ok_or_else(overflow)?
    };
    let target_successes = exact::mul(t.target_rate, billable_volume).ok_or_else(overflow)?;
    let service_fee = exact::mul(t.unit_price, successes).ok_or_else(overflow)?;
    let gap = exact::sub(target_successes, successes).ok_or_else(overflow)?;
    let penalised_gap = match t.penalty_mode {
        PenaltyMode::BelowTarget => gap.max(Decimal::ZERO),
        PenaltyMode::Linear => gap,
    };
    let shortfall_penalty = -exact::mul(t.penalty_per_unit, penalised_gap).ok_or_else(overflow)?;
    let inaccuracy_deduction = if m.sampled_records.is_zero() {
        Decimal::ZERO
    } else {
        -match share {
            Some(q) => exact::mul(service_fee, q),
            // The one inexact step: a share like 1 ÷ 3 has no finite decimal form, so the
            // division comes last and is carried to 28 significant digits before the fen.
            None => exact::mul(t.inaccuracy_multiplier, m.inaccurate_records)
                .and_then(|wrong| exact::mul(service_fee, wrong))
                .and_then(|x| x.checked_div(m.sampled_records)),
        }
        .ok_or_else(overflow)?
    };
    Ok(Amounts {
        billable_volume,
        trial_billable,
        trial_successes,
        successes,
        target_successes,
        service_fee,
        shortfall_penalty,
        inaccuracy_deduction,
        telecom_charges: m.telecom_charges,
    })
}
