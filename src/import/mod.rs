//! docs/rules.md "Results import": a month's results file (Asterisk `cdr_csv` Master.csv, the product's own results
//! CSV, or any CSV with a column mapping) read as a stream of chunks into the month grid's
//! `volume`, `successes` and `telecom_charges` (第四条 1, 2), with every row that fails a check
//! rejected with a stable reason (第三条 3: results "in the agreed data format").
//!
//! [`Import`] takes the file's bytes in chunks of any size ([`Import::feed`]) and ends with
//! [`Import::finish`], which gives the [`ImportReport`]: rows = accepted + rejected, the counts
//! per reason with the first rows of each, and the months found; the rejected rows' CSV leaves
//! it after each chunk ([`Import::take_rejected_csv`]). Memory: the chunk being read, and, in
//! compact tables ([`table`]), one entry per call whose legs are grouped (a call's legs may be
//! anywhere in the file), a 128-bit fingerprint per row for the duplicate check and the customer
//! numbers of each month (by record); the legs of calls still without a customer number. Once
//! these pass a budget ([`Import::over_budget`]), they can go to the partitions of a spill store
//! instead ([`Import::spill_to`], [`spill`]), read back one at a time by [`Import::finish_part`]. The rules are in the project's
//! docs/rules.md, "Results import (issue 17)", "Memory".

mod csv;
mod field;
mod layout;
pub(crate) mod options;
mod rejects;
pub(crate) mod spill;
mod table;
mod tally;

pub use layout::{Format, Layout, RESULTS_HEADER};
pub use options::{read as read_options, CountBy, Customer, Options, Pulse, Zone};
pub use rejects::{Example, ReasonCount, REASONS};
pub use spill::{parts as spill_parts, MemoryStore, Store};
pub use tally::ImportedMonth;

use crate::problem::{Code, Problem};
use rejects::{Rejected, Rejects};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use spill::{Counts, Record, Spill};
use std::collections::HashMap;
use table::{Key, Table};
use tally::{key, Call, Leg, Tally};

/// The legs of the calls that have no customer number yet, by the call's key (those of a call
/// that gets one are accepted with it; the others are rejected at the end). Its entries leave
/// it when their call gets a number, so it holds only the calls still waiting for one.
type Waiting = HashMap<Key, Vec<Rejected>, foldhash::fast::FixedState>;
use xxhash_rust::xxh3;

/// Rows of a file's head read to recognise its layout and to show the user.
pub const PREVIEW_ROWS: usize = 10;

/// A results file being read.
pub struct Import {
    layout: Layout,
    options: Options,
    stream: csv::Stream,
    /// Whether the start of the file (byte-order mark, header row) is behind us.
    began: bool,
    header_pending: bool,
    rows: u64,
    /// Fingerprints of the keys a duplicate repeats (rows, uniqueid + sequence, record ids).
    seen: Table<()>,
    /// Calls whose legs are grouped, by the fingerprint of their linkedid or uniqueid.
    calls: Table<Call>,
    waiting: Waiting,
    /// The bytes of the waiting legs (their text and their entries).
    waiting_bytes: usize,
    /// Calls counted so far (of one row each as they come; grouped ones at the end).
    counted_calls: u64,
    tally: Tally,
    rejects: Rejects,
    /// The tables' bytes beyond which the import should spill.
    budget: usize,
    /// Where rows go once spilled (none: the tables grow as they need).
    spill: Option<Spill>,
    /// Whether the file's last row is read.
    ended: bool,
}

/// What a file's head shows: its layout when it has a standard one, and its first rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Sniff {
    /// `null` when no standard layout matches (the user assigns the columns).
    pub format: Option<Format>,
    /// The column count of the first row.
    pub columns: u32,
    /// The first rows' fields (bytes that are not UTF-8 shown as U+FFFD).
    pub preview: Vec<Vec<String>>,
}

/// The report of an import: rows = accepted + rejected, always.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportReport {
    pub format: Format,
    pub columns: u32,
    /// Rows in the file (a header row and blank lines are not rows).
    #[cfg_attr(test, ts(type = "number"))]
    pub rows: u64,
    #[cfg_attr(test, ts(type = "number"))]
    pub accepted: u64,
    #[cfg_attr(test, ts(type = "number"))]
    pub rejected: u64,
    /// Calls counted (their legs merged).
    #[cfg_attr(test, ts(type = "number"))]
    pub calls: u64,
    /// Every reason, in a fixed order, with its count (0 when none) and first rows.
    pub reasons: Vec<ReasonCount>,
    pub months: Vec<ImportedMonth>,
    /// The options the counts follow, as read.
    pub count_by: String,
    pub customer_number: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub success_min_billsec: u32,
    pub pulse: String,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub tariff_per_minute: Option<Decimal>,
    pub timezone: String,
}

/// The first rows of a file's head (any prefix of the file) and its layout, when standard.
pub fn sniff(head: &[u8]) -> Sniff {
    let rows = csv::rows(strip_bom(head), PREVIEW_ROWS);
    Sniff {
        format: Layout::detect(&rows, Customer::Dst).map(|l| l.format),
        columns: rows.first().map_or(0, |r| r.len() as u32),
        preview: rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect()
            })
            .collect(),
    }
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

impl Import {
    /// An import of the file whose first bytes are `head` (at least its first rows; the whole
    /// file is fed afterwards from its start): with the options' column mapping, or the standard
    /// layout the head shows; `unknown_layout` when there is neither.
    pub fn new(options: &Value, head: &[u8]) -> Result<Import, Vec<Problem>> {
        let options = read_options(options)?;
        let layout = match &options.mapping {
            Some(mapping) => mapping.clone(),
            None => {
                let rows = csv::rows(strip_bom(head), PREVIEW_ROWS);
                Layout::detect(&rows, options.customer)
                    .ok_or_else(|| vec![Problem::error("import", Code::UnknownLayout)])?
            }
        };
        Ok(Import::with_layout(layout, options))
    }

    pub fn with_layout(layout: Layout, options: Options) -> Import {
        Import {
            header_pending: layout.header,
            layout,
            options,
            stream: csv::Stream::default(),
            began: false,
            rows: 0,
            seen: Table::default(),
            calls: Table::default(),
            waiting: Waiting::default(),
            waiting_bytes: 0,
            counted_calls: 0,
            tally: Tally::default(),
            rejects: Rejects::default(),
            budget: usize::MAX,
            spill: None,
            ended: false,
        }
    }

    /// The tables' bytes beyond which [`Import::over_budget`] says to spill (docs/rules.md
    /// "Memory"; without one, never).
    pub fn set_budget(&mut self, budget: usize) {
        self.budget = budget;
    }

    /// Whether the tables passed the budget and the import has no spill store yet: to be asked
    /// after each [`Import::feed`].
    pub fn over_budget(&self) -> bool {
        self.spill.is_none() && self.table_bytes() > self.budget
    }

    /// Spills to `store` from now on (docs/rules.md "Memory"), for a file of `size` bytes: the
    /// store holds 3 × [`spill_parts`]`(size, budget)` partitions. The tables' entries go there
    /// now, and the rows still to come.
    pub fn spill_to(&mut self, store: Box<dyn Store>, size: u64) {
        if self.spill.is_none() {
            self.spill = Some(Spill::new(store, size, self.budget));
            self.start_spilling();
        }
    }

    /// Whether rows go to a spill store.
    pub fn spilling(&self) -> bool {
        self.spill.is_some()
    }

    /// The bytes of the tables that grow with the file.
    fn table_bytes(&self) -> usize {
        self.seen.bytes() + self.calls.bytes() + self.tally.bytes() + self.waiting_bytes
    }

    /// The tables' entries to the spill store's partitions (the keys seen, the
    /// calls merged so far, the legs waiting for a number, the months' customers), and the
    /// tables emptied; from now on rows go to the store.
    fn start_spilling(&mut self) {
        let Some(spill) = self.spill.as_mut() else {
            return;
        };
        for (key, ()) in std::mem::take(&mut self.seen).entries() {
            spill.push_row(&Record {
                key: *key,
                call: None,
                line: 0,
                leg: Call::default().as_leg(),
                raw: None,
                seen_only: true,
            });
        }
        // Line 0: a merged call's customer number is from legs before every row still to come.
        for (key, call) in std::mem::take(&mut self.calls).entries() {
            spill.push_leg(&Record {
                key: [0, 0],
                call: Some(*key),
                line: 0,
                leg: call.as_leg(),
                raw: None,
                seen_only: false,
            });
        }
        // Their legs are merged in their calls above already: each goes with a leg that adds
        // nothing, only its line and text.
        for (key, legs) in std::mem::take(&mut self.waiting) {
            for leg in legs {
                spill.push_leg(&Record {
                    key: [0, 0],
                    call: Some(key),
                    line: leg.line,
                    leg: Call::default().as_leg(),
                    raw: Some(&leg.raw),
                    seen_only: false,
                });
            }
        }
        self.waiting_bytes = 0;
        self.tally
            .drain_records(|ym, number, success| spill.push_customer(ym, number, success));
    }

    /// The rows read so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Reads the next chunk of the file (any size; a row may continue in the next chunk).
    pub fn feed(&mut self, mut chunk: &[u8]) {
        if !self.began && !chunk.is_empty() {
            self.began = true;
            chunk = strip_bom(chunk);
        }
        let Import {
            stream,
            layout,
            options,
            header_pending,
            rows,
            seen,
            calls,
            waiting,
            waiting_bytes,
            counted_calls,
            tally,
            rejects,
            spill,
            ..
        } = self;
        let mut state = RowState {
            layout,
            options,
            seen,
            calls,
            waiting,
            waiting_bytes,
            counted_calls,
            tally,
            rejects,
            spill: spill.as_mut(),
            scratch: Vec::new(),
        };
        stream.feed(chunk, |row| {
            if std::mem::take(header_pending) {
                return;
            }
            *rows += 1;
            state.row(row);
        });
    }

    /// Ends the file, then, when it spilled, reads back one of its partitions and counts it
    /// (taking the rejected rows' CSV after each keeps the module's memory bounded); false when
    /// none is left.
    pub fn finish_part(&mut self) -> bool {
        if !std::mem::replace(&mut self.ended, true) {
            self.feed(&[]);
        }
        let Some(spill) = self.spill.as_mut() else {
            return false;
        };
        spill.step(&mut Counts {
            options: &self.options,
            tally: &mut self.tally,
            rejects: &mut self.rejects,
            calls: &mut self.counted_calls,
        })
    }

    /// Ends the file: the last row, the calls still open, the report.
    pub fn finish(&mut self) -> ImportReport {
        while self.finish_part() {}
        let options = &self.options;
        let mut calls = self.counted_calls;
        for call in std::mem::take(&mut self.calls).values() {
            if call.customer().is_some() {
                calls += 1;
                self.tally.count(call, options);
            }
        }
        // The legs of the calls that never got a number, known only now: after the other
        // rejected rows, in file order among themselves.
        let mut numberless: Vec<Rejected> =
            self.waiting.drain().flat_map(|(_, rows)| rows).collect();
        numberless.sort_by_key(|r| r.line);
        for row in &numberless {
            self.rejects.push(row);
        }
        let rejected = self.rejects.len();
        ImportReport {
            format: self.layout.format,
            columns: self.layout.columns as u32,
            rows: self.rows,
            accepted: self.rows - rejected,
            rejected,
            calls,
            reasons: self.rejects.reasons(),
            months: self.tally.months(options),
            count_by: match options.count_by {
                CountBy::Record => "record",
                CountBy::Call => "call",
            }
            .into(),
            customer_number: match options.customer {
                Customer::Dst => "dst",
                Customer::Src => "src",
            }
            .into(),
            success_min_billsec: options.success_min_billsec,
            pulse: format!("{}/{}", options.pulse.first, options.pulse.step),
            tariff_per_minute: options.tariff_per_minute,
            timezone: match options.zone {
                Zone::Local => "local",
                Zone::Utc => "utc",
            }
            .into(),
        }
    }

    /// The rejected rows' CSV lines written since the last call (the first call's start with
    /// the header): to be taken after each [`Import::feed`] and after [`Import::finish`], so
    /// that the module keeps none of them. In file order, except the legs of calls that never
    /// got a customer number, which come after the others (their rejection is known only at the
    /// end).
    pub fn take_rejected_csv(&mut self) -> Vec<u8> {
        self.rejects.take_csv()
    }
}

/// What one row is checked and counted against.
struct RowState<'a> {
    layout: &'a Layout,
    options: &'a Options,
    seen: &'a mut Table<()>,
    calls: &'a mut Table<Call>,
    waiting: &'a mut Waiting,
    waiting_bytes: &'a mut usize,
    counted_calls: &'a mut u64,
    tally: &'a mut Tally,
    rejects: &'a mut Rejects,
    /// The spill store, once rows go there.
    spill: Option<&'a mut Spill>,
    scratch: Vec<u8>,
}

impl RowState<'_> {
    fn row(&mut self, row: &csv::Row) {
        let code = match self.check(row) {
            // Spilled: whether it is a duplicate is known at the end (docs/rules.md "Memory").
            Ok((leg, key)) if self.spill.is_some() => {
                let call = self.group(row);
                let raw = row.raw();
                if let Some(spill) = self.spill.as_deref_mut() {
                    spill.push_row(&Record {
                        key,
                        call,
                        line: row.line(),
                        leg,
                        raw: Some(&raw),
                        seen_only: false,
                    });
                }
                return;
            }
            Ok((leg, key)) if self.seen.insert(key) => return self.add(row, &leg),
            Ok(_) => Code::DuplicateRow,
            Err(code) => code,
        };
        self.rejects.push(&Rejected {
            line: row.line(),
            code,
            raw: row.raw(),
        });
    }

    /// The row as a leg with the key a duplicate of it repeats, or the first check it fails (in
    /// the order of [`REASONS`]; the duplicate check, last, is the caller's).
    fn check(&mut self, row: &csv::Row) -> Result<(Leg, Key), Code> {
        let l = self.layout;
        if row.len() != l.columns {
            return Err(Code::WrongColumnCount);
        }
        let time = |i: usize| field::timestamp(row.field(i)).ok_or(Code::UnreadableTimestamp);
        let start = time(l.start)?;
        let end = l.end.map(time).transpose()?;
        if let Some(answer) = l.answer.map(|i| row.field(i)) {
            if !field::trim(answer).is_empty() {
                field::timestamp(answer).ok_or(Code::UnreadableTimestamp)?;
            }
        }
        if end.is_some_and(|end| end < start) {
            return Err(Code::EndBeforeStart);
        }
        let secs = |i: usize| field::seconds(row.field(i)).ok_or(Code::UnreadableValue);
        let billsec = secs(l.billsec)?;
        let duration = l.duration.map(secs).transpose()?;
        let sequence = l.sequence.map(secs).transpose()?;
        let success = l
            .success
            .map(|i| field::flag(row.field(i)).ok_or(Code::UnreadableValue))
            .transpose()?;
        if l.record_id
            .is_some_and(|i| field::trim(row.field(i)).is_empty())
        {
            return Err(Code::UnreadableValue);
        }
        if duration.is_some_and(|d| billsec > d) {
            return Err(Code::BillsecOverDuration);
        }
        let answered = field::answered(row.field(l.disposition)).ok_or(Code::UnknownDisposition)?;
        let customer = field::customer_number(row.field(l.customer)).map(key);
        // The own CSV: a row is a call, and the checks of its number and success flag are its own.
        if l.format == Format::Results {
            customer.ok_or(Code::NoCustomerNumber)?;
            let talk = if answered { billsec } else { 0 };
            if success == Some(true) && talk < self.options.success_min_billsec {
                return Err(Code::SuccessTooShort);
            }
        }
        let key = self.duplicate_key(row, sequence);
        Ok((
            Leg {
                start,
                answered,
                billsec,
                customer,
                success,
            },
            key,
        ))
    }

    /// What a duplicate repeats: the same uniqueid + sequence or record id as an earlier row, or
    /// (in layouts without them) the same fields. Checked after the row's other checks.
    fn duplicate_key(&mut self, row: &csv::Row, sequence: Option<u32>) -> Key {
        let l = self.layout;
        let key = match (l.uniqueid, sequence, l.record_id) {
            (Some(u), Some(seq), _) => {
                let key = self.scratch_with(row.field(u));
                key.extend_from_slice(&seq.to_le_bytes());
                xxh3::xxh3_128_with_seed(key, 1)
            }
            (_, _, Some(id)) => xxh3::xxh3_128_with_seed(field::trim(row.field(id)), 2),
            _ => {
                let (data, ends) = row.parts();
                let key = self.scratch_with(data);
                for end in ends {
                    key.extend_from_slice(&(*end as u64).to_le_bytes());
                }
                xxh3::xxh3_128_with_seed(key, 3)
            }
        };
        tally::key(key)
    }

    /// The key of the row's call: its group column's fingerprint (none when the layout has no
    /// group column or the row's is empty: a call of its own).
    fn group(&self, row: &csv::Row) -> Option<Key> {
        self.layout
            .group
            .map(|i| field::trim(row.field(i)))
            .filter(|g| !g.is_empty())
            .map(|g| key(xxh3::xxh3_128(g)))
    }

    /// The scratch buffer holding `bytes`.
    fn scratch_with(&mut self, bytes: &[u8]) -> &mut Vec<u8> {
        self.scratch.clear();
        self.scratch.extend_from_slice(bytes);
        &mut self.scratch
    }

    /// Adds an accepted leg to its call (a call of its own when the layout has no group column
    /// or the row's is empty).
    fn add(&mut self, row: &csv::Row, leg: &Leg) {
        let Some(group) = self.group(row) else {
            if leg.customer.is_some() {
                *self.counted_calls += 1;
                self.tally.count(&Call::of(leg), self.options);
            } else {
                self.reject_no_number(row);
            }
            return;
        };
        let (call, _) = self.calls.entry(group);
        let had_number = call.customer().is_some();
        call.add(leg);
        if call.customer().is_none() {
            let raw = row.raw();
            *self.waiting_bytes += raw.len() + std::mem::size_of::<Rejected>();
            self.waiting.entry(group).or_default().push(Rejected {
                line: row.line(),
                code: Code::NoCustomerNumber,
                raw,
            });
        } else if !had_number {
            // Legs that waited for a number are accepted with the call.
            if let Some(legs) = self.waiting.remove(&group) {
                *self.waiting_bytes -= legs
                    .iter()
                    .map(|l| l.raw.len() + std::mem::size_of::<Rejected>())
                    .sum::<usize>();
            }
        }
    }

    fn reject_no_number(&mut self, row: &csv::Row) {
        self.rejects.push(&Rejected {
            line: row.line(),
            code: Code::NoCustomerNumber,
            raw: row.raw(),
        });
    }
}
