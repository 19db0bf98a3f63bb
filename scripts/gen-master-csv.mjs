// Writes a large Asterisk cdr_csv Master.csv for the import's browser test and benchmark (the
// output is not committed), and prints what an import with the default options must report,
// known by construction:
//
//   node scripts/gen-master-csv.mjs ROWS OUT.csv [--columns 21|18] > expected.json
//
// Calls are numbered k = 0, 1, …; their starts spread evenly over 2026-03-01 … 2026-04-30. Call
// k's legs by k % 10: 0–5 one leg; 6–7 forked (one ANSWERED leg and one NO ANSWER leg with the
// same uniqueid, or the same linkedid in 21 columns); 8 a Local-channel leg (dst `ch1`) and the
// real leg; 9 a NO ANSWER leg with billsec 60 (never talk time). The real leg is ANSWERED when
// k % 3 != 0, with billsec (k × 37) % 200. Customers: 13000000000 + k % (calls / 3). Every row is
// valid: nothing is rejected.
import { closeSync, openSync, writeSync } from 'node:fs';

const [rowsArg, out, ...rest] = process.argv.slice(2);
const wanted = Number(rowsArg);
const columns = rest[0] === '--columns' ? Number(rest[1]) : 21;
if (!(wanted > 0) || !out || ![18, 21].includes(columns)) {
  console.error('usage: node scripts/gen-master-csv.mjs ROWS OUT.csv [--columns 21|18]');
  process.exit(2);
}

const START = Date.UTC(2026, 2, 1) / 1000;
const SPAN = 61 * 86400;
// Legs per call by k % 10 (see above): 1.3 on average.
const legsOf = (k) => ([6, 7, 8].includes(k % 10) ? 2 : 1);
let calls = 0;
for (let rows = 0; rows < wanted; calls += 1) rows += legsOf(calls);
const customers = Math.max(1, Math.floor(calls / 3));

const pad = (n) => String(n).padStart(2, '0');
function stamp(s) {
  const d = new Date(s * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
const q = (s) => `"${s.replaceAll('"', '""')}"`;

let sequence = 0;
function row({ dst, channel, start, answered, billsec, disposition, uniqueid, linkedid }) {
  const answer = answered ? stamp(start + 3) : '';
  const duration = billsec + 3;
  const fields = [
    q(''), q('1001'), q(dst), q('from-internal'), q('"Agent 1001" <1001>'), q(channel), q('SIP/trunk-0001a2b3'),
    q('Dial'), q(`SIP/trunk/${dst},60,tT`), q(stamp(start)), q(answer), q(stamp(start + duration)),
    duration, billsec, q(disposition), q('DOCUMENTATION'), q(uniqueid), q(''),
  ];
  if (columns === 21) fields.push(q(''), q(linkedid), (sequence += 1));
  return fields.join(',') + '\n';
}

const months = new Map(); // "YYYY-MM" → { calls, success_calls, billed_seconds, records: Map }
const fd = openSync(out, 'w');
let buffer = '';
let rows = 0;
for (let k = 0; k < calls; k += 1) {
  const start = START + Math.floor((k * SPAN) / calls);
  const customer = String(13000000000 + (k % customers));
  const answered = k % 3 !== 0;
  const billsec = answered ? (k * 37) % 200 : 0;
  const uniqueid = `${start}.${k}`;
  const main = {
    dst: customer, channel: `SIP/1001-${k.toString(16).padStart(8, '0')}`, start, answered, billsec,
    disposition: answered ? 'ANSWERED' : 'NO ANSWER', uniqueid, linkedid: uniqueid,
  };
  const legs = [main];
  const kind = k % 10;
  if (kind === 6 || kind === 7) {
    legs.push({ ...main, channel: main.channel + ';2', answered: false, billsec: 0, disposition: 'NO ANSWER' });
  } else if (kind === 8) {
    legs.unshift({ ...main, dst: 'ch1', channel: `Local/ch1@from-queue-${k};2`, uniqueid: `${start}.${k}L` });
    if (columns === 18) legs[0].uniqueid = uniqueid; // 18 columns group legs by uniqueid
  } else if (kind === 9) {
    Object.assign(main, { answered: false, billsec: 60, disposition: 'NO ANSWER' });
  }
  for (const leg of legs) {
    buffer += row(leg);
    rows += 1;
  }
  if (buffer.length > 1 << 22) {
    writeSync(fd, buffer);
    buffer = '';
  }
  // What the import must find (60/60 pulses, success at billsec ≥ 60, by record and by call).
  const talk = main.answered ? main.billsec : null;
  const month = stamp(start).slice(0, 7);
  if (!months.has(month)) months.set(month, { calls: 0, success_calls: 0, billed_seconds: 0, records: new Map() });
  const m = months.get(month);
  const success = talk !== null && talk >= 60;
  m.calls += 1;
  m.success_calls += success ? 1 : 0;
  m.billed_seconds += talk ? Math.ceil(talk / 60) * 60 : 0;
  m.records.set(customer, (m.records.get(customer) ?? false) || success);
}
writeSync(fd, buffer);
closeSync(fd);

const summary = {
  rows,
  calls,
  columns,
  months: [...months].map(([month, m]) => ({
    month,
    volume: m.records.size,
    successes: [...m.records.values()].filter(Boolean).length,
    calls: m.calls,
    success_calls: m.success_calls,
    billed_seconds: m.billed_seconds,
  })),
};
console.log(JSON.stringify(summary, null, 2));
