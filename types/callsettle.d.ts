// Generated from the Rust types by `UPDATE_TYPES=1 cargo test typescript`. Do not edit.

export type Scenario = { terms: Terms, months: Array<MonthInput>, };

export type Terms = { project_kind?: ProjectKind, 
/**
 * p (or p1): price per successful order, CNY.
 */
unit_price: string | number, 
/**
 * s0: target success rate, "0.35" or "35%".
 */
target_rate: string | number, 
/**
 * F: penalty per record of shortfall, CNY.
 */
penalty_per_unit: string | number, penalty_mode?: PenaltyMode, 
/**
 * 第三条 3: share of the fee deducted per share of inaccurate records. Default 1.
 */
inaccuracy_multiplier?: string | number, 
/**
 * 第三条 7: free trial records per project. Default 3000.
 */
trial_free_records?: string | number, settlement?: SettlementTerms, };

export type SettlementTerms = { 
/**
 * Day of the month by which the client sends the report (每月5日前). Default 5.
 */
report_day?: number, 
/**
 * Months between the work month and the report (上上月 = 2). Default 2.
 */
lag_months?: number, 
/**
 * Days to finish checking the report after receipt. Default 5.
 */
confirm_days?: number, 
/**
 * Days from confirmation to the invoice. Default 0.
 */
invoice_days?: number, 
/**
 * Days from the invoice to payment. Default 15.
 */
payment_days?: number, day_count?: DayCount, };

export type MonthInput = { 
/**
 * "YYYY-MM".
 */
month: string, 
/**
 * T: records worked in the month.
 */
volume: string | number, 
/**
 * s: exactly one of `success_rate` and `successes`.
 */
success_rate?: string | number, successes?: string | number, 
/**
 * 第三条 7: trial records this month (not part of T). Default 0.
 */
trial_records?: string | number, 
/**
 * 第三条 3: records the client sampled, and how many were wrong. Default 0.
 */
sampled_records?: string | number, inaccurate_records?: string | number, 
/**
 * 第四条 2: the month's telephone charges, CNY. Default 0.
 */
telecom_charges?: string | number, };

export type ProjectKind = "service" | "marketing";

export type PenaltyMode = "below_target" | "linear";

export type DayCount = "calendar" | "working";

export type SettleResult = { months: Array<MonthBill>, 
/**
 * Sum of the month totals.
 */
total: string, 
/**
 * Every warning: the scenario's and each month's.
 */
warnings: Array<Message>, };

export type MonthBill = { month: string, lines: Array<Line>, 
/**
 * Sum of the rounded lines.
 */
total: string, 
/**
 * n: successful orders (exact; may have decimals when a rate gives them).
 */
successes: string, 
/**
 * n0 = s0 × T.
 */
target_successes: string, 
/**
 * n0 − n: positive when short of target, negative when above it.
 */
shortfall: string, 
/**
 * T: volume plus trial records beyond the free cap.
 */
billable_volume: string, schedule: Schedule, warnings: Array<Message>, };

export type Line = { key: LineKey, 
/**
 * The contract clause it comes from, e.g. "第四条 1".
 */
clause: string, label_zh: string, label_en: string, 
/**
 * The formula in symbols: "p × s × T".
 */
formula: string, 
/**
 * The same formula with the numbers put in: "2.50 × 0.3 × 10000".
 */
expression: string, 
/**
 * The named numbers put into the formula, in formula order: `{ "p": "2.50", "T": "10000" }`.
 */
inputs: Record<string, string>, 
/**
 * The exact value before rounding.
 */
exact: string, rounding: string, 
/**
 * CNY, two decimals.
 */
amount: string, };

export type LineKey = "service_fee" | "shortfall_penalty" | "inaccuracy_deduction" | "telecom_charges";

export type Schedule = { report_due: string, confirm_by: string, invoice_by: string, payment_due: string, };

export type Validation = { errors: Array<Message>, warnings: Array<Message>, };

export type Message = { path: string, code: Code, severity: Severity, message_zh: string, message_en: string, 
/**
 * The values the message refers to (limits, counts), as strings.
 */
params: Record<string, string>, };

export type Code = "wrong_type" | "required" | "unknown_field" | "no_months" | "invalid_choice" | "not_a_number" | "not_an_integer" | "too_many_decimals" | "too_large" | "too_precise" | "negative" | "rate_out_of_range" | "out_of_range" | "invalid_month" | "successes_exceed_volume" | "inaccurate_exceed_sampled" | "sampled_exceed_volume" | "rate_and_successes_both" | "rate_and_successes_missing" | "overflow" | "negative_fee" | "trial_over_cap" | "target_zero_with_penalty" | "fractional_successes" | "duplicate_month" | "holidays_outside_data" | "share_link_invalid" | "invalid_date" | "date_order" | "outbound_before_inbound" | "top_up_outside_validity" | "advertising_before_activation" | "top_up_after_run_out" | "top_up_too_late" | "wrong_column_count" | "unreadable_timestamp" | "end_before_start" | "no_customer_number" | "unknown_disposition" | "duplicate_row" | "billsec_over_duration" | "unreadable_value" | "success_too_short" | "unknown_layout";

export type Severity = "error" | "warning";

export type Sweep = { field: SweepField, values: Array<string>, total: BigInt64Array, service_fee: BigInt64Array, shortfall_penalty: BigInt64Array, inaccuracy_deduction: BigInt64Array, telecom_charges: BigInt64Array, };

export type CashFlow = { payments: Array<Payment>, total: string, };

export type Payment = { month: string, invoice_by: string, payment_due: string, 
/**
 * The month's bill total, CNY.
 */
amount: string, 
/**
 * The sum of this and every earlier payment.
 */
cumulative: string, };

export type SweepField = "success_rate" | "unit_price" | "penalty_per_unit" | "target_rate" | "volume";

export type Account400Input = { signing_date: string, activation_date: string, advertising_start?: string, validity: ValidityInput, 
/**
 * The day the balances are as of; default `validity.start`.
 */
as_of?: string, inbound: AccountInput, outbound: AccountInput, top_ups?: Array<TopUpInput>, 
/**
 * The day the smallest top-ups are made; default `as_of`.
 */
top_up_date?: string, granularity?: Granularity, fee_timing?: FeeTiming, insufficient?: Insufficient, };

export type AccountInput = { 
/**
 * "YYYY-MM-DD": the day the account opens; charged from then.
 */
opened: string, 
/**
 * The balance at the start of `as_of`, CNY.
 */
balance: string | number, 
/**
 * Fixed fee per calendar month, CNY. Default 0.
 */
monthly_fee?: string | number, 
/**
 * Expected minutes per calendar month. Default 0.
 */
minutes_per_month?: string | number, 
/**
 * CNY per minute (may have more than two decimals). Default 0.
 */
tariff_per_minute?: string | number, };

export type ValidityInput = { start: string, end: string, };

export type TopUpInput = { date: string, account: AccountKind, amount: string | number, };

export type AccountKind = "inbound" | "outbound";

export type Granularity = "day" | "month";

export type FeeTiming = "month_start" | "daily";

export type Insufficient = "below_zero" | "below_next_charge";

export type Account400Projection = { 
/**
 * 1.1.3: the last day for the documents; missed, the chosen number is released.
 */
documents_due: string, projection_from: string, projection_to: string, top_up_date: string, granularity: Granularity, fee_timing: FeeTiming, insufficient: Insufficient, inbound: AccountOutcome, outbound: AccountOutcome, 
/**
 * 1.1.4: inbound's run-out date, when outbound is suspended; `null` if inbound lasts.
 */
outbound_suspended: string | null, 
/**
 * The outbound balance on the suspension day, not refunded (余额不退).
 */
outbound_forfeited: string | null, 
/**
 * 1.1.4: top up on or before this day, or the number is given up.
 */
renew_by: string, renew_reason: RenewReason, rows: Array<Row>, warnings: Array<Message>, };

export type AccountOutcome = { 
/**
 * The first day the balance is insufficient (the account stops); `null`: it lasts.
 */
runs_out: string | null, 
/**
 * The balance after the last projected day.
 */
balance_at_end: string, 
/**
 * The smallest top-up on `top_up_date` that keeps this account in service to the validity
 * end ("0.00": none needed); `null` when it ran out before that date.
 */
top_up_needed: string | null, };

export type RenewReason = "inbound_runs_out" | "outbound_runs_out" | "validity_end";

export type Row = { from: string, to: string, inbound: RowAccount, outbound: RowAccount, };

export type RowAccount = { top_ups: string, charged: string, balance: string, 
/**
 * Open and served on the row's last day.
 */
in_service: boolean, };

export type Solution = { field: SweepField, 
/**
 * The wanted total, CNY (for break-even: the telecom charges).
 */
target: string, break_even: boolean, outcome: Outcome, 
/**
 * The answer's grid: "0.000001" (rates), "0.01" (money), "1" (volume).
 */
grid: string, 
/**
 * The range of the field searched, [lowest, highest] allowed.
 */
domain: [string, string], 
/**
 * The lowest and highest grid value giving the target (`null` unless found or all).
 */
lowest: string | null, highest: string | null, 
/**
 * Runs of grid values that all give the target, [from, to], ascending.
 */
intervals: Array<[string, string]>, 
/**
 * Where the unrounded total equals the target (the first such value, before grid
 * rounding; up to 28 significant digits), when it lies in the domain.
 */
unrounded: string | null, 
/**
 * The nearest total below and above the target that some grid value gives.
 */
below: Reached | null, above: Reached | null, };

export type Outcome = "found" | "none" | "all";

export type Reached = { value: string, total: string, };

export type Comparison = { scenarios: Array<Compared>, 
/**
 * service_fee, shortfall_penalty, inaccuracy_deduction, telecom_charges, total.
 */
rows: Array<CompareRow>, };

export type Compared = { name: string, result: SettleResult, };

export type CompareRow = { key: CompareKey, cells: Array<Cell>, };

export type Cell = { 
/**
 * CNY, two decimals.
 */
amount: string, 
/**
 * amount − the first scenario's amount, CNY (exact).
 */
difference: string, 
/**
 * difference ÷ |first amount| × 100, two decimals; `null` when the first amount is 0.
 */
percent: string | null, };

export type CompareKey = "service_fee" | "shortfall_penalty" | "inaccuracy_deduction" | "telecom_charges" | "total";

export type ImportOptions = { customer_number?: "dst" | "src", count_by?: "record" | "call", success_min_billsec?: string | number, 
/**
 * `X/Y`, e.g. "60/60", "6/6", "30/6", "60/1".
 */
pulse?: string, 
/**
 * CNY per minute.
 */
tariff_per_minute?: string | number, timezone?: "local" | "utc", 
/**
 * 0-based columns of a file no standard layout matches.
 */
mapping?: { columns: number, header?: boolean, start: number, billsec: number, disposition: number, dst?: number, src?: number, answer?: number, end?: number, duration?: number, uniqueid?: number, linkedid?: number, sequence?: number }, };

export type ImportReport = { format: ImportFormat, columns: number, 
/**
 * Rows in the file (a header row and blank lines are not rows).
 */
rows: number, accepted: number, rejected: number, 
/**
 * Calls counted (their legs merged).
 */
calls: number, 
/**
 * Every reason, in a fixed order, with its count (0 when none) and first rows.
 */
reasons: Array<ReasonCount>, months: Array<ImportedMonth>, 
/**
 * The options the counts follow, as read.
 */
count_by: string, customer_number: string, success_min_billsec: number, pulse: string, tariff_per_minute: string | null, timezone: string, };

export type ImportedMonth = { 
/**
 * `YYYY-MM`.
 */
month: string, 
/**
 * T: distinct customer numbers (by record) or calls.
 */
volume: number, successes: number, calls: number, answered_calls: number, 
/**
 * The answered calls' seconds after the pulses.
 */
billed_seconds: number, 
/**
 * CNY, two decimals; null without a tariff.
 */
telecom_charges: string | null, };

export type ReasonCount = { code: Code, count: number, message_zh: string, message_en: string, examples: Array<Example>, };

export type Example = { line: number, text: string, };

export type ImportFormat = "asterisk" | "results" | "custom";

export type Sniff = { 
/**
 * `null` when no standard layout matches (the user assigns the columns).
 */
format: ImportFormat | null, 
/**
 * The column count of the first row.
 */
columns: number, 
/**
 * The first rows' fields (bytes that are not UTF-8 shown as U+FFFD).
 */
preview: Array<Array<string>>, };
