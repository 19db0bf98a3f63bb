// Generated from the Rust types by `UPDATE_TYPES=1 cargo test typescript`. Do not edit.

export type Scenario = { terms: Terms, months: Array<MonthInput>, parties?: Parties | null, 
/**
 * The contract number (合同编号).
 */
contract_no?: string | null, };

export type Parties = { 
/**
 * 甲方.
 */
a?: string | null, 
/**
 * 乙方.
 */
b?: string | null, };

export type Terms = { project_kind?: ProjectKind | null, 
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
penalty_per_unit: string | number, penalty_mode?: PenaltyMode | null, 
/**
 * 第三条 3: share of the fee deducted per share of inaccurate records. Default 1.
 */
inaccuracy_multiplier?: string | number | null, 
/**
 * 第三条 7: free trial records per project. Default 3000.
 */
trial_free_records?: string | number | null, 
/**
 * 第三条 7: trial records of this project in months before the scenario's, which used the
 * free cap first. Default 0.
 */
trial_records_before?: string | number | null, settlement?: SettlementTerms | null, };

export type SettlementTerms = { 
/**
 * Day of the month by which the client sends the report (每月5日前). Default 5.
 */
report_day?: number | null, 
/**
 * Months between the work month and the report (上上月 = 2). Default 2.
 */
lag_months?: number | null, 
/**
 * Days to finish checking the report after receipt. Default 5.
 */
confirm_days?: number | null, 
/**
 * Days from confirmation to the invoice. Default 0.
 */
invoice_days?: number | null, 
/**
 * Days from the invoice to payment. Default 15.
 */
payment_days?: number | null, day_count?: DayCount | null, rest_day_rule?: RestDayRule | null, };

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
success_rate?: string | number | null, successes?: string | number | null, 
/**
 * 第三条 7: trial records this month (not part of T). Default 0.
 */
trial_records?: string | number | null, 
/**
 * 第三条 7: successful orders among this month's trial records beyond the free cap. Default
 * the month's rate times those records; required when the month gives `successes`.
 */
trial_successes?: string | number | null, 
/**
 * 第三条 3: records the client sampled, and how many were wrong. Default 0.
 */
sampled_records?: string | number | null, inaccurate_records?: string | number | null, 
/**
 * 第四条 2: the month's telephone charges, CNY. Default 0.
 */
telecom_charges?: string | number | null, 
/**
 * 第四条 3 as done: the dates each step actually happened, for the clerk's check.
 */
actual?: Actual | null, };

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

export type Schedule = { report_due: string, confirm_by: string, invoice_by: string, payment_due: string, 
/**
 * Why a date is where it is, for the dates a rest day moved or that fall on a 调休 working
 * day (absent when there is nothing to say).
 */
notes?: Notes, };

export type Notes = { report_due?: DayNote, confirm_by?: DayNote, invoice_by?: DayNote, payment_due?: DayNote, };

export type DayNote = { 
/**
 * The day the period ended on, a rest day, before it moved.
 */
moved_from?: string, 
/**
 * The first holiday among the rest days skipped; absent when they were a weekend only.
 */
holiday?: string, 
/**
 * The date is a Saturday or Sunday that the holiday notice makes a working day.
 */
makeup_workday: boolean, };

export type Actual = { 
/**
 * The client's report reached the vendor (1).
 */
report_received?: string, 
/**
 * Both sides finished checking it (2).
 */
confirmed?: string, 
/**
 * The client received the vendor's invoice (3).
 */
invoice_received?: string, 
/**
 * The client paid (4).
 */
paid?: string, };

export type StepCheck = { 
/**
 * `report_received`, `confirmed`, `invoice_received` or `paid`.
 */
step: string, due: string, actual: string | null, status: StepStatus, 
/**
 * Calendar days from the due date to the actual date (0 when on time or open).
 */
late_days: number, 
/**
 * Working days after the due date up to and including the actual date.
 */
late_working_days: number, 
/**
 * Why the due date is where it is (see [`Schedule::notes`]).
 */
due_note?: DayNote, };

export type StepStatus = "open" | "on_time" | "late";

export type MonthCheck = { month: string, steps: Array<StepCheck>, };

export type DeadlineCheck = { months: Array<MonthCheck>, warnings: Array<Message>, };

export type RestDayRule = "next_working_day" | "none";

export type Validation = { errors: Array<Message>, warnings: Array<Message>, };

export type Message = { path: string, code: Code, severity: Severity, message_zh: string, message_en: string, 
/**
 * The values the message refers to (limits, counts), as strings.
 */
params: Record<string, string>, };

export type Code = "wrong_type" | "required" | "unknown_field" | "no_months" | "invalid_choice" | "not_a_number" | "not_an_integer" | "too_many_decimals" | "too_large" | "too_precise" | "negative" | "rate_out_of_range" | "out_of_range" | "invalid_month" | "text_too_long" | "successes_exceed_volume" | "inaccurate_exceed_sampled" | "sampled_exceed_volume" | "trial_successes_required" | "trial_successes_exceed_billable" | "rate_and_successes_both" | "rate_and_successes_missing" | "overflow" | "negative_fee" | "trial_over_cap" | "target_zero_with_penalty" | "fractional_successes" | "duplicate_month" | "holidays_outside_data" | "share_link_invalid" | "invalid_date" | "date_order" | "outbound_before_inbound" | "top_up_outside_validity" | "advertising_before_activation" | "top_up_after_run_out" | "top_up_too_late" | "wrong_column_count" | "unreadable_timestamp" | "end_before_start" | "no_customer_number" | "unknown_disposition" | "duplicate_row" | "billsec_over_duration" | "unreadable_value" | "success_too_short" | "unknown_layout" | "months_and_new_end" | "renewal_too_late" | "before_activation" | "outbound_opened_while_suspended" | "number_released" | "activated_before_documents" | "policy_version" | "policy_order" | "policy_unknown_approver" | "policy_approval" | "policy_blocked";

export type Severity = "error" | "warning";

export type Sweep = { field: SweepField, values: Array<string>, total: ArrayLike<bigint>, service_fee: ArrayLike<bigint>, shortfall_penalty: ArrayLike<bigint>, inaccuracy_deduction: ArrayLike<bigint>, telecom_charges: ArrayLike<bigint>, };

export type CashFlow = { payments: Array<Payment>, total: string, };

export type Payment = { month: string, invoice_by: string, payment_due: string, 
/**
 * When the client actually paid (the month's `actual.paid`), if given.
 */
paid: string | null, 
/**
 * The month's bill total, CNY.
 */
amount: string, 
/**
 * The sum of this and every earlier payment.
 */
cumulative: string, };

export type SweepField = "success_rate" | "unit_price" | "penalty_per_unit" | "target_rate" | "volume";

export type Account400Input = { signing_date: string, 
/**
 * 1.1.3: the day the documents were handed in, if known.
 */
documents_submitted?: string | null, activation_date: string, advertising_start?: string | null, validity: ValidityInput, 
/**
 * The day the balances are as of; default `validity.start`.
 */
as_of?: string | null, inbound: AccountInput, outbound: AccountInput, top_ups?: Array<TopUpInput> | null, renewals?: Array<RenewalInput> | null, plan?: PlanInput | null, 
/**
 * The day the smallest top-ups are made; default `as_of`.
 */
top_up_date?: string | null, granularity?: Granularity | null, fee_timing?: FeeTiming | null, opening_month?: OpeningMonth | null, insufficient?: Insufficient | null, };

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
monthly_fee?: string | number | null, 
/**
 * Expected minutes per calendar month. Default 0.
 */
minutes_per_month?: string | number | null, 
/**
 * CNY per minute (may have more than two decimals). Default 0.
 */
tariff_per_minute?: string | number | null, };

export type ValidityInput = { start: string, end: string, };

export type TopUpInput = { date: string, account: AccountKind, amount: string | number, };

export type RenewalInput = { date: string, months?: number | string | null, new_end?: string | null, 
/**
 * The operator's renewal fee, paid with the renewal (not from a balance), CNY. Default 0.
 */
fee?: string | number | null, };

export type PlanInput = { 
/**
 * 1–36 months.
 */
horizon_months: number | string, 
/**
 * The term of each planned renewal, 1–36 months. Default 12.
 */
renewal_months?: number | string | null, 
/**
 * The fee of each planned renewal, CNY. Default 0.
 */
renewal_fee?: string | number | null, };

export type OpeningMonth = "pro_rata" | "full";

export type AccountKind = "inbound" | "outbound";

export type Granularity = "day" | "month";

export type FeeTiming = "month_start" | "daily";

export type Insufficient = "below_zero" | "below_next_charge";

export type Account400Projection = { 
/**
 * 1.1.3: the last day for the documents; missed, the chosen number is released.
 */
documents_due: string, projection_from: string, projection_to: string, top_up_date: string, granularity: Granularity, fee_timing: FeeTiming, opening_month: OpeningMonth, insufficient: Insufficient, 
/**
 * The last day of the validity period, extended by the renewals.
 */
validity_end: string, 
/**
 * The renewals in date order, each with the period it extends.
 */
renewals: Array<Renewed>, inbound: AccountOutcome, outbound: AccountOutcome, 
/**
 * Both accounts' smallest top-ups on `top_up_date`, summed; `null` when either is too late.
 */
top_ups_needed_total: string | null, 
/**
 * 1.1.4: inbound's run-out date, when outbound is suspended; `null` if inbound lasts.
 */
outbound_suspended: string | null, 
/**
 * The outbound balance on the suspension day, not refunded (余额不退).
 */
outbound_forfeited: string | null, 
/**
 * 1.1.4 "余额不足之前": the last day the number is still held — the last day inbound's
 * balance covers that day's charges, or the validity end. Renew or top up inbound on or
 * before it, or the number is given up the next day.
 */
renew_by: string, renew_reason: RenewReason, rows: Array<Row>, 
/**
 * The plan, when `plan` was given.
 */
plan: Plan | null, warnings: Array<Message>, };

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
 * end ("0.00": none needed); `null` when it runs out before that date or on it (too late,
 * as for renew-by).
 */
top_up_needed: string | null, 
/**
 * When `top_up_needed` is `null` (too late): the last day a top-up is still in time (the
 * last day the balance covers, the day before it runs out, as renew-by) and the smallest
 * top-up on that day that serves it to the validity end.
 */
in_time?: InTime, };

export type InTime = { date: string, amount: string, };

export type RenewReason = "inbound_runs_out" | "validity_end";

export type Row = { from: string, to: string, inbound: RowAccount, outbound: RowAccount, };

export type RowAccount = { top_ups: string, charged: string, balance: string, 
/**
 * Open and served on the row's last day.
 */
in_service: boolean, };

export type Renewed = { date: string, previous_end: string, new_end: string, fee: string, };

export type Plan = { 
/**
 * `as_of` + `horizon_months`, less a day.
 */
horizon_end: string, 
/**
 * In date order (a top-up before a renewal on the same day).
 */
steps: Array<PlanStep>, renewal_fees: string, inbound_top_ups: string, outbound_top_ups: string, total: string, };

export type PlanStep = { latest_date: string, kind: StepKind, 
/**
 * The account a top-up goes to; `null` for a renewal.
 */
account: AccountKind | null, 
/**
 * A top-up's amount, or a renewal's fee.
 */
amount: string, 
/**
 * A renewal's new validity end; `null` for a top-up.
 */
new_end: string | null, };

export type StepKind = "top_up" | "renewal";

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

export type GrowInput = { 
/**
 * The base month (fields other than month, volume and the success figure are ignored).
 */
month: MonthInput, 
/**
 * How many months the fill makes, the base month included: 1 to 600 ([`MAX_MONTHS`]).
 */
count: string | number, 
/**
 * Percent a month (`"5"`, `"5%"`, `"-2.5"`); default 0.
 */
volume_growth?: string | number | null, 
/**
 * Percentage points a month (`"1"`, `"0.5%"`); default 0.
 */
rate_points?: string | number | null, };

export type Growth = { months: Array<GrownMonth>, };

export type GrownMonth = { 
/**
 * `YYYY-MM`.
 */
month: string, 
/**
 * A whole number of records.
 */
volume: string, 
/**
 * What the base month gave: its success rate (in the base's form, `"0.31"` or `"31%"`), or
 * its count of successes (negative when the points fall steeply: the bill then says so at
 * that month).
 */
success: string, };

export type OutcomeRange = { months: Array<MonthRange>, total: string, at_zero: string, at_full: string, };

export type MonthRange = { month: string, total: string, 
/**
 * The downside: the month's total at a 0 % success rate.
 */
at_zero: string, at_full: string, break_even_rate: string | null, };

export type PolicyCheck = { 
/**
 * The most severe finding's: `within` when there is none.
 */
status: PolicyStatus, 
/**
 * The highest approver tier any finding needs (`null` when none needs one).
 */
approver: string | null, findings: Array<Finding>, policy: PolicyName, 
/**
 * The scenario's range of outcomes (the downside is each month's `at_zero`).
 */
range: OutcomeRange, 
/**
 * The policy document's warnings (unknown fields).
 */
warnings: Array<Message>, };

export type PolicyStatus = "within" | "approval" | "blocked";

export type PolicyName = { name: string, version: number, };

export type Finding = { rule: RuleKey, 
/**
 * The scenario field (`terms.unit_price`), or the month (`months[0]`) for an outcome.
 */
path: string, 
/**
 * `policy_approval` or `policy_blocked`.
 */
code: Code, 
/**
 * `warning` (needs approval) or `error` (out of bounds).
 */
severity: Severity, message_zh: string, message_en: string, 
/**
 * The normal limit (needs approval) or the floor (out of bounds).
 */
limit: string, value: string, approver: string | null, };

export type RuleKey = "unit_price" | "penalty_per_unit" | "target_rate" | "trial_free_records" | "payment_days" | "lag_months" | "total" | "downside";

export type PolicyDocument = { name: string, version: 1, 
/**
 * The approver tiers, lowest first.
 */
approvers?: Array<string>, terms?: PolicyTerms, outcomes?: PolicyOutcomes, };

export type PolicyTerms = { unit_price?: PolicyRule, penalty_per_unit?: PolicyRule, target_rate?: PolicyRule, trial_free_records?: PolicyRule, payment_days?: PolicyRule, lag_months?: PolicyRule, };

export type PolicyOutcomes = { total?: PolicyRule, downside?: PolicyRule, };

export type PolicyRule = { target: string | number, normal: string | number, floor: string | number, approver?: string | null, };

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

export type ImportSpill = { 
/**
 * The file's size in bytes (the partitions needed follow from it and the budget).
 */
size: number, append: (part: number, bytes: Uint8Array) => void, 
/**
 * Fills `into` from byte `offset` of the partition; the bytes read.
 */
read: (part: number, offset: number, into: Uint8Array) => number, remove: (part: number) => void, };

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
