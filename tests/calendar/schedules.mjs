// Reads scenarios (a JSON array) on stdin and writes, for each, the schedules that the built
// module (pkg/) gives its months: [[{ month, report_due, confirm_by, invoice_by, payment_due }]].
// Used by compare_deadlines.py; run after the module is built.
import { readFileSync } from 'node:fs';
import * as callsettle from '../../pkg/callsettle.js';

callsettle.initSync({ module: readFileSync(new URL('../../pkg/callsettle_bg.wasm', import.meta.url)) });

const scenarios = JSON.parse(readFileSync(0, 'utf8'));
const out = scenarios.map((s) => callsettle.settle(s).months.map((m) => ({ month: m.month, ...m.schedule })));
process.stdout.write(JSON.stringify(out));
