// The page's own text, Chinese first. Messages about the scenario (errors, warnings) and the bill
// line labels come from the WASM module (message_zh / message_en, label_zh / label_en); this
// catalog holds only the calculator's own labels, hints and headings (labels on more than one page
// are in i18n-common.js).

import { translator } from './ui.js';

export { LANGS } from './ui.js';

export const catalog = {
  zh: {
    doc_title: '外呼服务结算计算器',
    app_title: '外呼服务结算计算器',
    app_subtitle: '按《外呼服务/营销框架合同》计算月度结算单',
    settlement_legend: '结算周期（第四条 3）',
    project_kind: '项目类型',
    kind_service: '服务类（单价 p）',
    kind_marketing: '营销类（单价 p1）',
    inaccuracy_multiplier: '数据不实扣罚倍数 k',
    trial_free_records: '免费试访上限（条）',
    report_day: '报表送达日（当月几日前）',
    lag_months: '报表滞后月数',
    confirm_days: '核对确认天数',
    invoice_days: '确认后开票天数',
    payment_days: '收票后付款天数',
    day_count: '计日方式',
    rest_day_rule: '期限遇休息日',
    rest_next_working_day: '顺延至下一工作日',
    rest_none: '不顺延（双方另有约定）',
    day_calendar: '自然日',
    day_working: '工作日',
    month_hint: '格式 YYYY-MM',
    s_basis: '成功情况按',
    basis_rate: '成功率 s',
    basis_successes: '成功单数 n',
    trial_records: '本月试访记录数（不计入 T）',
    trial_successes: '超上限试访的成功单数',
    trial_records_before: '此前月份已试访（条）',
    col_formula: '公式与计算',
    exact_note: '精确值 {exact}，四舍五入到分',
    telecom_formula: '当月实际电话费',
    facts_heading: '计算依据',
    fact_successes: '成功单数 n',
    fact_target: '目标成功单数 n0 = s0 × T',
    fact_shortfall: '差额 n0 − n',
    fact_billable: '计费外呼量 T',
    calendar_heading: '结算日程（自然日）',
    calendar_heading_working: '结算日程（工作日，含法定节假日调休）',
    holiday_coverage: '节假日数据：国务院办公厅节假日安排通知，覆盖 {from} 至 {to}；此后按周末和法定节假日计算（调休尚未公布）。期限遇休息日顺延至下一工作日（民法典第二百零三条）。',
    cal_work_month: '工作月',
    cal_report_due: '甲方送达报表',
    cal_confirm_by: '双方核对确认',
    cal_invoice_by: '乙方开具发票',
    cal_payment_due: '甲方付款截止',
    cal_report_rule: '工作月后第 {lag} 个月的 {day} 日前',
    cal_days_after: '+{n} 天',
    cal_days_moved: '+{n} 天 → +{gap}（顺延或按实际日期起算）',
    cal_workdays_after: '+{n} 个工作日',
    date_moved_holiday: '遇{holiday}顺延（原为 {from}）',
    date_moved_weekend: '遇周末顺延（原为 {from}）',
    date_makeup_workday: '调休上班日',
    legend_summary: '符号说明',
    legend: [
      ['p / p1', '成功单价'], ['s', '成功率'], ['T', '计费外呼量'], ['n', '成功单数'],
      ['s0', '目标成功率'], ['F', '未达标扣罚单价'], ['k', '数据不实扣罚倍数'],
      ['m', '不实记录数'], ['N', '抽查记录数'],
      ['V', '本月外呼量（不含试访）'], ['t', '超出免费上限的试访记录数'], ['nt', '其中的成功单数'],
    ],
    footer_version: '计算模块版本 {v}',
    plan_heading: '工作月计划',
    plan_hint: '可从电子表格粘贴一列或一块数字（Tab、换行分隔），不够的月份自动添加；↑ ↓ 或回车在月份间移动；正在编辑或选中的月份，其结算单显示在上方。',
    add_month: '＋ 添加月份',
    copy_forward: '所选月份复制到以后各月',
    remove_month: '删除所选月份',
    grow_legend: '从所选月份起按月增长生成',
    grow_count: '共几个月',
    grow_volume: '外呼量每月增长 %',
    grow_rate: '成功率每月增加（百分点）',
    grow_apply: '生成',
    grow_bad_count: '月数应为 1 到 {max} 的整数',
    grow_bad_base: '所选月份（{month}）的月份、外呼量或成功情况无法用于推算，请先修正',
    grow_bad_field: '{field}：{msg}',
    grown: '已生成 {n} 个月：{from} 至 {to}',
    copied: '已复制到以后 {n} 个月',
    stale_note_plan: '输入有误，以下结果暂未更新（显示的是上一次有效结果）。',
    col_detail: '明细',
    col_month_total: '应结算金额（元）',
    col_report_due: '报表送达',
    col_invoice_by: '开票',
    col_payment_due: '付款截止',
    year_total: '合计',
    months_count: '（{n} 个月）',
    month_n: '第 {n} 个月',
    cf_heading: '现金流（按付款日）',
    cf_count: '· {n} 笔付款，最后一笔 {last}',
    cf_chart_caption: '柱：每笔付款金额（左轴）；线：累计收款（右轴）。准确数字见付款表。',
    cf_table_caption: '按付款日排列的付款与累计收款',
    cf_col_month: '工作月',
    cf_col_invoice_by: '开票',
    cf_col_payment_due: '付款截止',
    cf_col_paid: '实际付款',
    cf_col_amount: '金额（元）',
    cf_col_cumulative: '累计（元）',
    cf_axis_date: '付款日期',
    cf_axis_amount: '每笔付款（元）',
    cf_axis_cumulative: '累计收款（元）',
    cf_series_amount: '付款金额',
    cf_series_cumulative: '累计收款',
  },
  en: {
    doc_title: 'Outbound-call settlement calculator',
    app_title: 'Outbound-call settlement calculator',
    app_subtitle: 'Monthly bill under the outbound service / marketing framework contract',
    settlement_legend: 'Settlement calendar (Art. 4.3)',
    project_kind: 'Project kind',
    kind_service: 'Service (price p)',
    kind_marketing: 'Marketing (price p1)',
    inaccuracy_multiplier: 'Inaccurate-data multiplier k',
    trial_free_records: 'Free trial records',
    report_day: 'Report due by day',
    lag_months: 'Report lag (months)',
    confirm_days: 'Days to confirm',
    invoice_days: 'Days to invoice',
    payment_days: 'Days to pay',
    day_count: 'Day count',
    rest_day_rule: 'Deadline on a rest day',
    rest_next_working_day: 'Moves to the next working day',
    rest_none: 'Stays (agreed otherwise)',
    day_calendar: 'Calendar days',
    day_working: 'Working days',
    month_hint: 'YYYY-MM',
    s_basis: 'Success given as',
    basis_rate: 'Success rate s',
    basis_successes: 'Successes n',
    trial_records: 'Trial records this month (not in T)',
    trial_successes: 'Successes of trial records over the cap',
    trial_records_before: 'Trial records of earlier months',
    col_formula: 'Formula and figures',
    exact_note: 'exact {exact}, rounded half up to the fen',
    telecom_formula: 'actual telephone charges',
    facts_heading: 'Basis',
    fact_successes: 'Successful orders n',
    fact_target: 'Target orders n0 = s0 × T',
    fact_shortfall: 'Shortfall n0 − n',
    fact_billable: 'Billable records T',
    calendar_heading: 'Settlement calendar (calendar days)',
    calendar_heading_working: 'Settlement calendar (Chinese working days)',
    holiday_coverage: 'Holiday data: State Council holiday notices, covering {from} to {to}; later dates count weekends and the statutory holidays (swapped working days not yet published). A deadline on a rest day moves to the next working day (Civil Code art. 203).',
    cal_work_month: 'Work month',
    cal_report_due: 'Client sends report',
    cal_confirm_by: 'Both sides confirm',
    cal_invoice_by: 'Vendor invoices',
    cal_payment_due: 'Client pays by',
    cal_report_rule: 'by day {day}, {lag} months later',
    cal_days_after: '+{n} days',
    cal_days_moved: '+{n} days → +{gap} (moved past rest days or counted from the actual date)',
    cal_workdays_after: '+{n} working days',
    date_moved_holiday: 'moved past {holiday} (from {from})',
    date_moved_weekend: 'moved past the weekend (from {from})',
    date_makeup_workday: 'a weekend day made a working day (swapped for a holiday)',
    legend_summary: 'Symbols',
    legend: [
      ['p / p1', 'price per successful order'], ['s', 'success rate'], ['T', 'billable records'],
      ['n', 'successful orders'], ['s0', 'target success rate'], ['F', 'penalty per record short'],
      ['k', 'inaccurate-data multiplier'], ['m', 'inaccurate records'], ['N', 'records sampled'],
      ['V', 'records worked this month (trial not included)'], ['t', 'trial records over the free cap'],
      ['nt', 'their successful orders'],
    ],
    footer_version: 'engine version {v}',
    plan_heading: 'Work months',
    plan_hint: 'Paste a column or block of numbers from a spreadsheet (tab / newline separated); months are added as needed. ↑ ↓ or Enter move between months; the bill above shows the month being edited or picked.',
    add_month: '+ Add month',
    copy_forward: 'Copy picked month to later months',
    remove_month: 'Remove picked month',
    grow_legend: 'Fill from the picked month with monthly growth',
    grow_count: 'Months in all',
    grow_volume: 'Volume growth % a month',
    grow_rate: 'Rate increase a month (points)',
    grow_apply: 'Fill',
    grow_bad_count: 'The number of months must be a whole number from 1 to {max}',
    grow_bad_base: 'The picked month ({month}) has no usable month, volume or success figure; fix it first',
    grow_bad_field: '{field}: {msg}',
    grown: 'Filled {n} months: {from} to {to}',
    copied: 'Copied to the {n} later months',
    stale_note_plan: 'Some inputs need fixing; the results below are the last valid ones.',
    col_detail: 'Bill',
    col_month_total: 'Amount due (CNY)',
    col_report_due: 'Report',
    col_invoice_by: 'Invoice',
    col_payment_due: 'Payment due',
    year_total: 'Total',
    months_count: '({n} months)',
    month_n: 'month {n}',
    cf_heading: 'Cash flow (by payment date)',
    cf_count: '· {n} payments, the last on {last}',
    cf_chart_caption: 'Bars: each payment (left axis); line: cumulative received (right axis). Exact figures in the payments table.',
    cf_table_caption: 'Payments by payment date, with the cumulative amount received',
    cf_col_month: 'Work month',
    cf_col_invoice_by: 'Invoice',
    cf_col_payment_due: 'Payment due',
    cf_col_paid: 'Paid',
    cf_col_amount: 'Amount (CNY)',
    cf_col_cumulative: 'Cumulative (CNY)',
    cf_axis_date: 'Payment date',
    cf_axis_amount: 'Payment (CNY)',
    cf_axis_cumulative: 'Received to date (CNY)',
    cf_series_amount: 'Payment',
    cf_series_cumulative: 'Received to date',
  },
};

/** The text for `key` in `lang` (this page's, then the shared catalog's), `{name}` filled from `params`. */
export const t = translator(catalog);

/** The holidays' names as the notices write them, in English. */
const HOLIDAYS_EN = {
  元旦: 'New Year’s Day', 春节: 'Spring Festival', 清明节: 'Qingming', 劳动节: 'Labour Day', 五一: 'Labour Day',
  端午节: 'Dragon Boat Festival', 中秋节: 'Mid-Autumn Festival', 国庆节: 'National Day', 十一: 'National Day',
  抗战胜利70周年纪念日: 'the Victory Day anniversary',
};

/**
 * Why a deadline is on its date (the module's note: moved off a rest day, over which holiday; a
 * 调休 working day), for the text next to the date; '' when there is nothing to say. Holiday
 * names are the notice's ("国庆节"; "中秋节、国庆节" for two), in English by their English names.
 */
export function dayNote(lang, note) {
  if (!note) return '';
  const parts = [];
  if (note.moved_from) {
    const holiday = note.holiday && lang === 'en'
      ? note.holiday.split('、').map((n) => HOLIDAYS_EN[n] ?? n).join(' and ')
      : note.holiday;
    parts.push(t(lang, holiday ? 'date_moved_holiday' : 'date_moved_weekend', { holiday, from: note.moved_from }));
  }
  if (note.makeup_workday) parts.push(t(lang, 'date_makeup_workday'));
  return parts.join(lang === 'en' ? '; ' : '；');
}

const ZH_NUMERALS = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** A contract clause as the module writes it ("第四条 1") in the page's language ("Art. 4.1"). */
export function clause(lang, text) {
  if (lang === 'zh') return text;
  const m = /^第([一二三四五六七八九十]+)条\s*(\d*)$/.exec(text ?? '');
  if (!m) return text;
  const n = [...m[1]].reduce((acc, ch) => (ch === '十' ? (acc || 1) * 10 : acc + ZH_NUMERALS[ch]), 0);
  return m[2] ? `Art. ${n}.${m[2]}` : `Art. ${n}`;
}
