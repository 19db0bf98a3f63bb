//! 第四条 3 over a whole scenario: when each work month's money arrives, in payment-date order,
//! with the running total (the cash-flow view of a contract year).

use crate::bill::SettleResult;
use crate::exact;
use crate::work_month::WorkMonth;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// One payment: a work month's total, due on its payment date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Payment {
    #[cfg_attr(test, ts(type = "string"))]
    pub month: WorkMonth,
    #[cfg_attr(test, ts(type = "string"))]
    pub invoice_by: NaiveDate,
    #[cfg_attr(test, ts(type = "string"))]
    pub payment_due: NaiveDate,
    /// When the client actually paid (the month's `actual.paid`), if given.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub paid: Option<NaiveDate>,
    /// The month's bill total, CNY.
    #[cfg_attr(test, ts(type = "string"))]
    pub amount: Decimal,
    /// The sum of this and every earlier payment.
    #[cfg_attr(test, ts(type = "string"))]
    pub cumulative: Decimal,
}

/// What `project` returns: the payments sorted by payment date (work-month order among equal
/// dates), and their total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CashFlow {
    pub payments: Vec<Payment>,
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
}

/// The cash flow of a billed scenario, with the actual payment date of each month (in the bill's
/// order) where known. Month totals are already exact sums of fen, so the running sums are too;
/// `None` only if they leave exact range.
pub fn project(bill: &SettleResult, paid: &[Option<NaiveDate>]) -> Option<CashFlow> {
    // Index last in the key: months with the same dates keep their input order.
    let mut months: Vec<_> = bill.months.iter().enumerate().collect();
    months.sort_by_key(|&(i, m)| (m.schedule.payment_due, m.month, i));
    let mut cumulative = Decimal::ZERO;
    let mut payments = Vec::with_capacity(months.len());
    for (i, m) in months {
        cumulative = exact::add(cumulative, m.total)?;
        payments.push(Payment {
            month: m.month,
            invoice_by: m.schedule.invoice_by,
            payment_due: m.schedule.payment_due,
            paid: paid.get(i).copied().flatten(),
            amount: m.total,
            cumulative,
        });
    }
    Some(CashFlow {
        payments,
        total: cumulative,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Three months entered out of order, with a custom lag: payments come out by date, the
    /// running total adds up to the scenario total.
    #[test]
    fn payments_in_date_order_with_running_total() {
        let scenario: Value = serde_json::from_str(
            r#"{"terms": {"unit_price": "2.00", "target_rate": "0", "penalty_per_unit": "0"},
                "months": [
                  {"month": "2026-03", "volume": 1000, "successes": 300},
                  {"month": "2026-01", "volume": 1000, "successes": 100},
                  {"month": "2026-02", "volume": 1000, "successes": 200}]}"#,
        )
        .unwrap();
        let bill = crate::settle(&scenario).unwrap();
        let flow = project(&bill, &[]).unwrap();
        let rows: Vec<(String, String, String, String)> = flow
            .payments
            .iter()
            .map(|p| {
                (
                    p.month.to_string(),
                    p.payment_due.to_string(),
                    p.amount.to_string(),
                    p.cumulative.to_string(),
                )
            })
            .collect();
        // 2026-01 → report Thu 2026-03-05, confirm 03-10, pay Wed 03-25. 2026-02 → report Sun
        // 04-05 (清明 04-04..06) moves to Tue 04-07 (民法典 第二百零三条), confirm 04-12 (Sun)
        // → Mon 04-13, pay 04-13 + 15 = Tue 04-28. 2026-03 → report 05-05 (劳动节 05-01..05) →
        // Wed 05-06, confirm Mon 05-11, pay Tue 05-26.
        let want = [
            ("2026-01", "2026-03-25", "200.00", "200.00"),
            ("2026-02", "2026-04-28", "400.00", "600.00"),
            ("2026-03", "2026-05-26", "600.00", "1200.00"),
        ];
        let want: Vec<(String, String, String, String)> = want
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        assert_eq!(rows, want);
        assert_eq!(flow.total, bill.total);
    }
}
