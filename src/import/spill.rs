//! docs/rules.md "Results import", "Memory": an import whose tables outgrow their budget goes on
//! with external memory (Grace hash partitioning). From then on each accepted row is written, as
//! a compact record, to one of K partitions by the hash of its duplicate key; at the file's end
//! each partition is read back alone: its duplicates found (in file order), the rest written to
//! K partitions by the hash of their call key; each of those read back alone: legs grouped into
//! calls, each call counted in its month, its (month, customer) written to K partitions by their
//! hash; each of those read back alone: the distinct customers of each month counted. A
//! partition's table holds at most the budget, whatever the file size (K grows with it).
//!
//! Where the partitions are kept is the caller's ([`Store`]): the import worker's origin-private
//! file system, files in Node, memory in tests ([`MemoryStore`]).

use super::options::Options;
use super::rejects::{Rejected, Rejects};
use super::table::{hash, Key, Table};
use super::tally::{Call, Leg, Tally, Ym};
use crate::problem::Code;
use std::collections::BTreeMap;

/// Numbered partitions of bytes: appended to, read back in pieces, then removed.
pub trait Store {
    /// Appends `bytes` to partition `part`.
    fn append(&mut self, part: usize, bytes: &[u8]);
    /// Fills `into` from byte `offset` of partition `part`; the bytes read.
    fn read(&mut self, part: usize, offset: u64, into: &mut [u8]) -> usize;
    /// Forgets partition `part`.
    fn remove(&mut self, part: usize);
}

/// Partitions in memory (for tests, and where memory is no concern).
#[derive(Default)]
pub struct MemoryStore {
    parts: Vec<Vec<u8>>,
}

impl Store for MemoryStore {
    fn append(&mut self, part: usize, bytes: &[u8]) {
        if self.parts.len() <= part {
            self.parts.resize_with(part + 1, Vec::new);
        }
        self.parts[part].extend_from_slice(bytes);
    }

    fn read(&mut self, part: usize, offset: u64, into: &mut [u8]) -> usize {
        let data = self.parts.get(part).map_or(&[][..], Vec::as_slice);
        let data = data.get(offset as usize..).unwrap_or_default();
        let n = data.len().min(into.len());
        into[..n].copy_from_slice(&data[..n]);
        n
    }

    fn remove(&mut self, part: usize) {
        if let Some(p) = self.parts.get_mut(part) {
            *p = Vec::new();
        }
    }
}

/// The JS spill store of the import module (for the TypeScript declarations): partition numbers
/// 0 to 3 × `importSpillParts(size, budget)` − 1.
#[cfg(test)]
#[derive(ts_rs::TS)]
#[ts(rename = "ImportSpill")]
#[allow(dead_code)]
pub struct SpillJson {
    /// The file's size in bytes (the partitions needed follow from it and the budget).
    #[ts(type = "number")]
    size: (),
    #[ts(type = "(part: number, bytes: Uint8Array) => void")]
    append: (),
    /// Fills `into` from byte `offset` of the partition; the bytes read.
    #[ts(type = "(part: number, offset: number, into: Uint8Array) => number")]
    read: (),
    #[ts(type = "(part: number) => void")]
    remove: (),
}

/// The shortest row an import can accept, line end included (the own CSV's `R,123,2026-01-01
/// 00:00:00,0,BUSY,0` is 35 bytes; a mapping of four columns, 31): a file of n bytes has at most
/// n / 31 accepted rows.
const ROW_MIN: u64 = 31;
/// The largest table entry per accepted row a partition holds: a grouped call (16 bytes of key,
/// 40 of call and its customer's line, a tag byte), times 25/16 (the tables' most slack).
const ENTRY_MAX: u64 = 57 * 25 / 16;
/// The most partitions of each kind (the bound holds for files up to 4096 × the budget × 31/89).
const PARTS_MAX: u64 = 4096;
/// The write buffers of all partitions together.
const WRITE_BUFFERS: usize = 2 << 20;
/// Bytes read back at a time.
const READ_PIECE: usize = 1 << 20;

/// The partitions of each kind an import of a file of `size` bytes spilled beyond `budget` bytes
/// of tables uses: enough that a partition's table holds at most the budget. The store holds 3 ×
/// that many (duplicate keys, calls, customer-months).
pub fn parts(size: u64, budget: u64) -> usize {
    let rows = size.div_ceil(ROW_MIN);
    rows.saturating_mul(ENTRY_MAX)
        .div_ceil(budget.max(1))
        .clamp(1, PARTS_MAX) as usize
}

/// The partition (of `parts`) of a key: by the low half of its hash (the tables use its top bits
/// for their shards, so that a partition still fills every shard).
fn part_of(key: &Key, parts: usize) -> usize {
    (((hash(key) & 0xFFFF_FFFF) * parts as u64) >> 32) as usize
}

/// A record of the first two kinds of partitions: an accepted row (or, written when the import
/// began to spill, a duplicate key seen before, a call's legs merged, a leg waiting for a number).
pub struct Record<'a> {
    /// The row's duplicate key (first kind only).
    pub key: Key,
    /// The key of its call, when it is grouped.
    pub call: Option<Key>,
    pub line: u64,
    pub leg: Leg,
    /// Its text, when a later rejection may need it.
    pub raw: Option<&'a [u8]>,
    /// A duplicate key only (no row).
    pub seen_only: bool,
}

const CALL: u8 = 1;
const ANSWERED: u8 = 2;
const CUSTOMER: u8 = 4;
const SUCCESS_KNOWN: u8 = 8;
const SUCCESS: u8 = 16;
const RAW: u8 = 32;
const SEEN_ONLY: u8 = 64;

fn put_key(out: &mut Vec<u8>, key: &Key) {
    out.extend_from_slice(&key[0].to_le_bytes());
    out.extend_from_slice(&key[1].to_le_bytes());
}

/// Reads little-endian numbers off the front of a record.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn key(&mut self) -> Option<Key> {
        Some([self.u64()?, self.u64()?])
    }
}

impl<'a> Record<'a> {
    fn write(&self, out: &mut Vec<u8>) {
        let leg = &self.leg;
        let flags = [
            (self.call.is_some(), CALL),
            (leg.answered, ANSWERED),
            (leg.customer.is_some(), CUSTOMER),
            (leg.success.is_some(), SUCCESS_KNOWN),
            (leg.success == Some(true), SUCCESS),
            (self.raw.is_some(), RAW),
            (self.seen_only, SEEN_ONLY),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .fold(0, |f, (_, bit)| f | bit);
        out.push(flags);
        put_key(out, &self.key);
        out.extend_from_slice(&self.line.to_le_bytes());
        out.extend_from_slice(&leg.start.to_le_bytes());
        out.extend_from_slice(&leg.billsec.to_le_bytes());
        if let Some(call) = &self.call {
            put_key(out, call);
        }
        if let Some(number) = &leg.customer {
            put_key(out, number);
        }
        if let Some(raw) = self.raw {
            out.extend_from_slice(&(raw.len() as u32).to_le_bytes());
            out.extend_from_slice(raw);
        }
    }

    /// The record at the start of `bytes` and its length; `None` when `bytes` ends inside it.
    fn read(bytes: &'a [u8]) -> Option<(Record<'a>, usize)> {
        let mut c = Cursor(bytes);
        let flags = c.take(1)?[0];
        let on = |bit: u8| flags & bit != 0;
        let key = c.key()?;
        let line = c.u64()?;
        let start = c.u64()? as i64;
        let billsec = c.u32()?;
        let call = if on(CALL) { Some(c.key()?) } else { None };
        let customer = if on(CUSTOMER) { Some(c.key()?) } else { None };
        let raw = if on(RAW) {
            let n = c.u32()? as usize;
            Some(c.take(n)?)
        } else {
            None
        };
        let record = Record {
            key,
            call,
            line,
            leg: Leg {
                start,
                answered: on(ANSWERED),
                billsec,
                customer,
                success: on(SUCCESS_KNOWN).then_some(on(SUCCESS)),
            },
            raw,
            seen_only: on(SEEN_ONLY),
        };
        Some((record, bytes.len() - c.0.len()))
    }
}

/// A customer-month record: year, month, customer number, success.
const MONTH_RECORD: usize = 4 + 1 + 16 + 1;

fn month_key(ym: Ym, number: &Key) -> Key {
    [
        number[0] ^ ((ym.0 as u64) << 8 | u64::from(ym.1)),
        number[1],
    ]
}

/// A partition read back in pieces.
struct Reading {
    part: usize,
    offset: u64,
    left: u64,
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl Reading {
    fn new(part: usize, len: u64) -> Reading {
        Reading {
            part,
            offset: 0,
            left: len,
            buf: vec![0; READ_PIECE.min(len as usize)],
            start: 0,
            end: 0,
        }
    }

    /// Reads the next piece after what is left of the last; false at the partition's end.
    fn fill(&mut self, store: &mut dyn Store) -> bool {
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        if self.left == 0 {
            return false;
        }
        if self.end == self.buf.len() {
            // A record longer than a piece (a row of over 1 MB).
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let want = (self.buf.len() - self.end).min(self.left as usize);
        let n = store.read(
            self.part,
            self.offset,
            &mut self.buf[self.end..self.end + want],
        );
        if n == 0 {
            self.left = 0;
            return false;
        }
        self.offset += n as u64;
        self.left -= n as u64;
        self.end += n;
        true
    }

    fn record(&mut self) -> Option<Record<'_>> {
        let (record, used) = Record::read(&self.buf[self.start..self.end])?;
        self.start += used;
        Some(record)
    }

    fn month_record(&mut self) -> Option<(Ym, Key, bool)> {
        let mut c = Cursor(self.buf.get(self.start..self.end)?);
        let year = c.u32()? as i32;
        let month = u32::from(c.take(1)?[0]);
        let number = c.key()?;
        let success = c.take(1)?[0] != 0;
        self.start += MONTH_RECORD;
        Some(((year, month), number, success))
    }
}

/// A call of a spilled import, its legs merged out of file order.
#[derive(Clone, Copy, Default)]
struct Grouped {
    call: Call,
    /// The line of the leg that gave the call's customer number.
    customer_line: u64,
}

/// What the end of a spilled import counts into.
pub struct Counts<'a> {
    pub options: &'a Options,
    pub tally: &'a mut Tally,
    pub rejects: &'a mut Rejects,
    pub calls: &'a mut u64,
}

/// The partitions of an import, and where it is in reading them back.
pub struct Spill {
    store: Box<dyn Store>,
    /// Partitions of each kind: duplicate keys `0..parts`, calls `parts..2 × parts`,
    /// customer-months `2 × parts..3 × parts`.
    parts: usize,
    /// Bytes written to each partition.
    lens: Vec<u64>,
    /// Bytes not yet written, per partition.
    buffers: Vec<Vec<u8>>,
    buffer: usize,
    /// The next partition to read back.
    next: usize,
}

impl Spill {
    /// Partitions for a file of `size` bytes in `store` (which holds 3 × [`parts`]`(size,
    /// budget)` of them), for tables of `budget` bytes.
    pub fn new(store: Box<dyn Store>, size: u64, budget: usize) -> Spill {
        let parts = parts(size, budget as u64);
        Spill {
            store,
            parts,
            lens: vec![0; 3 * parts],
            buffers: vec![Vec::new(); 3 * parts],
            buffer: (WRITE_BUFFERS / parts).max(4096),
            next: 0,
        }
    }

    fn write(&mut self, part: usize, with: impl FnOnce(&mut Vec<u8>)) {
        let buffer = &mut self.buffers[part];
        if buffer.capacity() == 0 {
            // A buffer's size and a record: only a row longer than that makes it grow.
            buffer.reserve_exact(self.buffer + 512);
        }
        let before = buffer.len();
        with(buffer);
        self.lens[part] += (buffer.len() - before) as u64;
        if buffer.len() >= self.buffer {
            self.store.append(part, buffer);
            buffer.clear();
        }
    }

    /// Writes every buffer out and frees them.
    fn flush(&mut self) {
        for (part, buffer) in self.buffers.iter_mut().enumerate() {
            if !buffer.is_empty() {
                self.store.append(part, buffer);
            }
            *buffer = Vec::new();
        }
    }

    /// A row to the partition of its duplicate key.
    pub fn push_row(&mut self, record: &Record) {
        let part = part_of(&record.key, self.parts);
        self.write(part, |out| record.write(out));
    }

    /// A leg (or merged call) of a grouped call to the partition of the call.
    pub fn push_leg(&mut self, record: &Record) {
        let part = self.parts + record.call.map_or(0, |k| part_of(&k, self.parts));
        self.write(part, |out| record.write(out));
    }

    /// A customer of a month to the partition of the pair.
    pub fn push_customer(&mut self, ym: Ym, number: &Key, success: bool) {
        let part = 2 * self.parts + part_of(&month_key(ym, number), self.parts);
        self.write(part, |out| {
            out.extend_from_slice(&(ym.0 as u32).to_le_bytes());
            out.push(ym.1 as u8);
            put_key(out, number);
            out.push(u8::from(success));
        });
    }

    /// Counts a call, its customer of the month to a partition.
    fn count(&mut self, call: &Call, counts: &mut Counts) {
        *counts.calls += 1;
        if let Some((ym, number, success)) = counts.tally.count_call(call, counts.options) {
            self.push_customer(ym, &number, success);
        }
    }

    /// Reads back the next partition and counts it; false when all are read.
    pub fn step(&mut self, counts: &mut Counts) -> bool {
        if self.next >= 3 * self.parts {
            return false;
        }
        if self.next.is_multiple_of(self.parts) {
            self.flush();
        }
        let part = self.next;
        let len = self.lens[part];
        match part / self.parts {
            0 => self.deduplicate(part, len, counts),
            1 => self.group(part, len, counts),
            _ => self.count_customers(part, len, counts),
        }
        self.store.remove(part);
        self.lens[part] = 0;
        self.next += 1;
        true
    }

    /// A partition of duplicate keys, in file order: the first row of each key is kept (a
    /// single-row call counted, a leg to its call's partition), the others rejected.
    fn deduplicate(&mut self, part: usize, len: u64, counts: &mut Counts) {
        let mut seen = Table::<()>::default();
        let mut reading = Reading::new(part, len);
        while reading.fill(&mut *self.store) {
            while let Some(r) = reading.record() {
                let reject = |code, counts: &mut Counts| {
                    counts.rejects.push(&Rejected {
                        line: r.line,
                        code,
                        raw: r.raw.unwrap_or_default().to_vec(),
                    })
                };
                if !seen.insert(r.key) {
                    if !r.seen_only {
                        reject(Code::DuplicateRow, counts);
                    }
                    continue;
                }
                if r.seen_only {
                    continue;
                }
                match (r.call, r.leg.customer) {
                    (None, Some(_)) => self.count(&Call::of(&r.leg), counts),
                    (None, None) => reject(Code::NoCustomerNumber, counts),
                    (Some(_), customer) => self.push_leg(&Record {
                        key: [0, 0],
                        raw: r.raw.filter(|_| customer.is_none()),
                        seen_only: false,
                        ..r
                    }),
                }
            }
        }
    }

    /// A partition of calls: their legs merged, each call with a customer number counted, the
    /// legs of the others rejected.
    fn group(&mut self, part: usize, len: u64, counts: &mut Counts) {
        let mut calls = Table::<Grouped>::default();
        let mut waiting = false;
        let mut reading = Reading::new(part, len);
        while reading.fill(&mut *self.store) {
            while let Some(r) = reading.record() {
                let Some(key) = r.call else { continue };
                let g = calls.entry(key).0;
                g.call
                    .add_out_of_order(&r.leg, r.line, &mut g.customer_line);
                waiting |= r.raw.is_some();
            }
        }
        for g in calls.values() {
            if g.call.customer().is_some() {
                self.count(&g.call, counts);
            }
        }
        if !waiting {
            return;
        }
        let mut reading = Reading::new(part, len);
        while reading.fill(&mut *self.store) {
            while let Some(r) = reading.record() {
                if let (Some(key), Some(raw)) = (r.call, r.raw) {
                    if calls.entry(key).0.call.customer().is_none() {
                        counts.rejects.push(&Rejected {
                            line: r.line,
                            code: Code::NoCustomerNumber,
                            raw: raw.to_vec(),
                        });
                    }
                }
            }
        }
    }

    /// A partition of customer-months: each month's distinct customers and successful ones.
    fn count_customers(&mut self, part: usize, len: u64, counts: &mut Counts) {
        let mut months: BTreeMap<Ym, Table<bool>> = BTreeMap::new();
        let mut reading = Reading::new(part, len);
        while reading.fill(&mut *self.store) {
            while let Some((ym, number, success)) = reading.month_record() {
                *months.entry(ym).or_default().entry(number).0 |= success;
            }
        }
        for (ym, customers) in months {
            let successes = customers.values().filter(|s| **s).count() as u64;
            counts
                .tally
                .add_records(ym, customers.len() as u64, successes);
        }
    }
}
