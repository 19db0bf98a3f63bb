// A portal's TypeScript against the packed package (tests/node/package.test.mjs compiles it with
// `tsc --noEmit --strict` and no other option, and again with `--module nodenext`, which reads
// package.json `exports`). It must compile; it is not run.
import init, {
  CallsettleError, isProblems, projectAccount400, settle, sweep, validate,
  type Account400Input, type Message, type Scenario, type SettleResult, type Sweep,
} from 'callsettle';

// null means absent (the default applies), as the README says.
const scenario: Scenario = {
  terms: {
    unit_price: '2.50', target_rate: '0.35', penalty_per_unit: '1.00', penalty_mode: 'below_target',
    inaccuracy_multiplier: null, settlement: null,
  },
  months: [{
    month: '2026-01', volume: 10000, success_rate: '0.30', successes: null,
    sampled_records: '500', inaccurate_records: '10', telecom_charges: '1234.56',
  }],
};

function total(result: SettleResult): string {
  return result.total;
}

function describe(problems: Array<Message>): string {
  return problems.map((p) => `${p.path} ${p.code}: ${p.message_zh} / ${p.message_en}`).join('\n');
}

function firstColumn(result: Sweep): string {
  // Each money column is a BigInt64Array of fen at run time.
  const fen: bigint = result.total[0];
  return `${result.values[0]}: ${String(fen)} fen of ${result.total.length}`;
}

// The 400-number account's functions come from its own module, which init() loads beside.
function documentsDue(input: Account400Input): string {
  return projectAccount400(input).documents_due;
}

init({ module_or_path: '/static/callsettle/callsettle_bg.wasm' }).then(() => {
  try {
    console.log(total(settle(scenario)));
    console.log(firstColumn(sweep(scenario, 'success_rate', '0.2', '0.4', 21)));
  } catch (e: unknown) {
    if (e instanceof CallsettleError) console.error(e.message, describe(e.errors), e.warnings.length);
    else if (isProblems(e)) console.error(describe(e.errors));
    else throw e;
  }
  const checked = validate(scenario);
  console.log(checked.errors.length, checked.warnings.length);
});
// A page that needs the bill only: the 400-number module is not fetched.
void init({ account400: false });
