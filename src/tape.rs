//! A compact serialization of results for the JS boundary: one text holding every dynamic string
//! back to back, and a tape of 32-bit ops that says how to build the JS value from it.
//!
//! Why: crossing from WASM to JS costs a fixed price per string (on the reference machine about
//! 0.6 µs each), and a bill has ~50 strings. The tape crosses as one `Uint32Array` and one string;
//! `tape.js` rebuilds the object with `slice`, and names (field names, enum variants, labels)
//! are sent once per page and then reused by index. The README lists the measured difference.
//!
//! Op layout: `tag | key << 4 | arg << 16`. `key` is 1 + the index of the field name in the name
//! table (0: no key, the value goes into an array or is the root). Lengths are in UTF-16 code
//! units (JS string indices). An arg above 16 bits is sent before its op as `WIDE`, a key index
//! above 12 bits as `KEY_WIDE`.
//!
//! Dynamic strings (amounts, dates, expressions) go through a small cache that both sides keep
//! alike ([`Strings`]): a string already in its slot crosses as the slot's index, so a result
//! recomputed after a small change sends mostly indices. Both sides' tables change only as the
//! tape says; when a tape is encoded but not read (an encoding error, or the decoder failed),
//! [`Names::forget`] empties them and the next tape tells the decoder to empty its own.

use crate::number;
use serde::ser::{self, Serialize};
use std::fmt;

/// Op tags; boundary.js has the same table.
pub mod op {
    /// An object; arg = 1 + the index of its struct name (0: a map).
    pub const OBJECT: u32 = 0;
    pub const ARRAY: u32 = 1;
    pub const END: u32 = 2;
    /// String from the text; arg = length.
    pub const TEXT: u32 = 3;
    /// String from the name table; arg = index.
    pub const NAME: u32 = 4;
    /// Unsigned integer below 2^16 (2^28 with `WIDE`); arg = value.
    pub const UINT: u32 = 5;
    pub const NULL: u32 = 6;
    pub const TRUE: u32 = 7;
    pub const FALSE: u32 = 8;
    /// Adds the next text slice (arg = length) to the name table.
    pub const DEFINE_NAME: u32 = 9;
    /// Other numbers, written as text (arg = length), read with `Number()`.
    pub const NUMBER: u32 = 10;
    /// The next value's key is the next text slice; bits 4.. = length.
    pub const KEY_TEXT: u32 = 11;
    /// The next op's arg; bits 4.. = the arg.
    pub const WIDE: u32 = 12;
    /// The next value's key is this name; bits 4.. = the index.
    pub const KEY_WIDE: u32 = 13;
    /// The next `TEXT` value also goes into the string cache; bits 4.. = the slot.
    pub const STORE: u32 = 14;
    /// String from the string cache; arg = the slot.
    pub const CACHED: u32 = 15;
}

/// Slots in the string cache; boundary.js has the same number.
pub const CACHE_SLOTS: usize = 1024;
/// The longest string (bytes) the cache holds: a bill's amounts, dates and expressions fit.
const CACHE_MAX_LEN: usize = 64;

/// The string cache, direct-mapped: each slot holds the last text sent for it ("" when empty; the
/// empty string is never cached) and, when a number put it there ([`Strings::store_number`]), the
/// decimal (its 128 bits) whose text it is. Texts find their slot by a hash of their bytes,
/// numbers by a hash of their bits.
#[derive(Debug)]
struct Strings {
    texts: Vec<String>,
    numbers: Vec<Option<u128>>,
}

impl Default for Strings {
    fn default() -> Strings {
        Strings {
            texts: vec![String::new(); CACHE_SLOTS],
            numbers: vec![None; CACHE_SLOTS],
        }
    }
}

impl Strings {
    /// The slot of `s`: its bytes mixed four at a time (a multiply and a rotate each), then the
    /// top bits of a Fibonacci hash.
    fn slot(s: &str) -> usize {
        // Plain loops: at opt-level "s" the iterator folds stayed calls (not measured again at 2).
        let mix = |h: u32, word: u32| (h ^ word).wrapping_mul(0x9E37_79B1).rotate_left(13);
        let bytes = s.as_bytes();
        let mut hash = s.len() as u32;
        let mut at = 0;
        while let Some(w) = bytes.get(at..at + 4) {
            hash = mix(hash, u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
            at += 4;
        }
        for &b in bytes.get(at..).unwrap_or_default() {
            hash = mix(hash, u32::from(b));
        }
        (hash.wrapping_mul(0x9E37_79B9) >> (32 - CACHE_SLOTS.trailing_zeros())) as usize
    }

    /// `Some(slot)` when `s` is in its slot (the decoder has it). Else `None`; when `s` goes into
    /// its slot now, the `STORE` op for the `TEXT` op that follows is pushed onto `ops`.
    fn slot_or_store(&mut self, s: &str, ops: &mut Vec<u32>) -> Option<usize> {
        if s.is_empty() || s.len() > CACHE_MAX_LEN {
            return None;
        }
        let slot = Strings::slot(s);
        let entry = &mut self.texts[slot];
        if crate::bytes::equal_words(entry.as_bytes(), s.as_bytes()) {
            return Some(slot);
        }
        self.store(slot, s, None, ops);
        None
    }

    /// The slot of a decimal (its 128 bits), by a Fibonacci hash of the bits: a number's slot is
    /// found without writing its text.
    fn number_slot(bits: u128) -> usize {
        let folded = (bits as u64) ^ ((bits >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - CACHE_SLOTS.trailing_zeros())) as usize
    }

    /// `Some(slot)` when the decimal's text is in its number slot (the decoder has it).
    fn cached_number(&self, bits: u128) -> Option<usize> {
        let slot = Strings::number_slot(bits);
        (self.numbers[slot] == Some(bits)).then_some(slot)
    }

    /// Stores `text`, the decimal's text, in the decimal's slot, and pushes the `STORE` op for the
    /// `TEXT` op that follows.
    fn store_number(&mut self, bits: u128, text: &str, ops: &mut Vec<u32>) {
        self.store(Strings::number_slot(bits), text, Some(bits), ops);
    }

    fn store(&mut self, slot: usize, s: &str, number: Option<u128>, ops: &mut Vec<u32>) {
        let entry = &mut self.texts[slot];
        entry.clear();
        entry.push_str(s);
        self.numbers[slot] = number;
        ops.push(op::STORE | (slot as u32) << 4);
    }

    fn clear(&mut self) {
        self.texts.iter_mut().for_each(String::clear);
        self.numbers.fill(None);
    }
}

/// The largest arg a `WIDE` op carries.
const WIDE_MAX: usize = (u32::MAX >> 4) as usize;
/// The largest key field (name index + 1) an op carries itself.
const KEY_FIELD_MAX: u32 = 0xFFF;

/// A string that is the same on every call (a label, a clause, a key). It goes into the name
/// table once and is referenced by index afterwards. Serializes as a plain string elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name(pub &'static str);

impl Serialize for Name {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A unit variant is how serde hands over a `&'static str`; JSON writes it as a string.
        s.serialize_unit_variant("Name", 0, self.0)
    }
}

/// Values with fixed names (formula inputs, message parameters), serialized as an object in
/// their order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamedValues<V>(pub Vec<(&'static str, V)>);

impl<V: Serialize> Serialize for NamedValues<V> {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&Name(k), v)?;
        }
        map.end()
    }
}

/// The name table and string cache that survive between calls (one per module instance;
/// boundary.js keeps the same tables on its side). Names are told apart by address and length:
/// the same literal is the same name (two literals with the same text only cost a second entry).
/// Open addressing on the address: a lookup is a multiply and usually one probe.
#[derive(Debug, Default)]
pub struct Names {
    /// (address, length, index); address 0 marks an empty slot (a `&str` is never null).
    slots: Vec<(usize, usize, u32)>,
    count: u32,
    /// By name index: whether the decoder builds a struct of that name as an object literal,
    /// by position, so that its fields need not carry their names.
    literal: Vec<bool>,
    /// Asks the decoder whether it builds the struct named so (none: it builds none).
    builds_literal: Option<fn(&str) -> bool>,
    /// The dynamic strings the decoder holds.
    strings: Strings,
    /// The tables were emptied: the next tape tells the decoder to empty its own.
    reset: bool,
}

impl Names {
    /// A table for a decoder that builds the structs for which `builds_literal` is true as
    /// object literals (boundary.js): their fields are sent without names.
    pub fn with_literals(builds_literal: fn(&str) -> bool) -> Names {
        Names {
            builds_literal: Some(builds_literal),
            ..Names::default()
        }
    }

    /// Empties the tables: for when the decoder may not hold what they say (a tape was encoded but
    /// not read, or reading it failed). The next tape tells the decoder to empty its tables too.
    pub fn forget(&mut self) {
        self.slots.clear();
        self.count = 0;
        self.literal.clear();
        self.strings.clear();
        self.reset = true;
    }

    /// The index of `s`, and whether it was added now.
    fn index_of(&mut self, s: &'static str) -> (u32, bool) {
        if (self.count as usize + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let address = s.as_ptr() as usize;
        let mut i = self.slot(address);
        loop {
            match self.slots[i] {
                (0, _, _) => {
                    self.slots[i] = (address, s.len(), self.count);
                    self.count += 1;
                    self.literal.push(self.builds_literal.is_some_and(|f| f(s)));
                    return (self.count - 1, true);
                }
                (a, len, index) if a == address && len == s.len() => return (index, false),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The first slot to probe for an address: the top bits of a Fibonacci hash (the low bits of
    /// the product depend only on the address's low bits, and literals a multiple of 4 KB apart
    /// would share them).
    fn slot(&self, address: usize) -> usize {
        let bits = self.slots.len().trailing_zeros();
        ((address as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(256);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0, 0); size]);
        let mask = self.slots.len() - 1;
        for entry in old.into_iter().filter(|e| e.0 != 0) {
            let mut i = self.slot(entry.0);
            while self.slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = entry;
        }
    }
}

/// One encoded value.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tape {
    pub ops: Vec<u32>,
    pub text: String,
    /// The decoder empties its name table and string cache before reading this tape.
    pub reset: bool,
}

/// Serialization failed: a string longer than the tape can say, or a custom error.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Error {}
impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Encodes `value`, adding new names to `names`.
pub fn encode<T: Serialize + ?Sized>(value: &T, names: &mut Names) -> Result<Tape, Error> {
    let mut tape = Tape::default();
    encode_into(value, names, &mut tape)?;
    Ok(tape)
}

/// Encodes `value` into `tape`, replacing what it held but keeping its buffers (the binding
/// reuses one tape for every call). On an error the tables are forgotten ([`Names::forget`]): the
/// decoder never sees the names and strings this tape would have added.
pub fn encode_into<T: Serialize + ?Sized>(
    value: &T,
    names: &mut Names,
    tape: &mut Tape,
) -> Result<(), Error> {
    tape.ops.clear();
    tape.text.clear();
    tape.reset = std::mem::take(&mut names.reset);
    let written = value.serialize(&mut Writer {
        tape,
        names,
        key: None,
        decimal: None,
        store_as: None,
    });
    if written.is_err() {
        names.forget();
    }
    written
}

struct Writer<'a> {
    tape: &'a mut Tape,
    names: &'a mut Names,
    /// The name index of the field whose value comes next.
    key: Option<u32>,
    /// While a [`number::Text`] is asked for its decimal: `Some`, then the decimal's bits.
    decimal: Option<Option<u128>>,
    /// The decimal whose text the string that comes next is: stored in the decimal's slot.
    store_as: Option<u128>,
}

impl Writer<'_> {
    /// An op that carries no key; a long arg goes first as `WIDE`.
    #[inline]
    fn raw(&mut self, tag: u32, arg: usize) -> Result<(), Error> {
        let arg = match u32::try_from(arg) {
            Ok(a) if a <= 0xFFFF => a,
            _ if arg <= WIDE_MAX => {
                self.tape.ops.push(op::WIDE | (arg as u32) << 4);
                0
            }
            _ => return Err(Error(format!("value too long for the tape: {arg}"))),
        };
        self.tape.ops.push(tag | arg << 16);
        Ok(())
    }

    /// A value op, with the pending field name as its key.
    #[inline]
    fn op(&mut self, tag: u32, arg: usize) -> Result<(), Error> {
        let key = match self.key.take() {
            None => 0,
            Some(index) if index < KEY_FIELD_MAX => index + 1,
            Some(index) => {
                self.tape.ops.push(op::KEY_WIDE | index << 4);
                0
            }
        };
        self.raw(tag | key << 4, arg)
    }

    fn utf16_len(s: &str) -> usize {
        if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        }
    }

    fn text(&mut self, tag: u32, s: &str) -> Result<(), Error> {
        self.tape.text.push_str(s);
        self.op(tag, Self::utf16_len(s))
    }

    /// A string value: its slot when the decoder has it cached, else its text (stored in the
    /// cache when it fits).
    #[inline]
    fn string(&mut self, s: &str) -> Result<(), Error> {
        if let Some(bits) = self.store_as.take() {
            self.names.strings.store_number(bits, s, &mut self.tape.ops);
            return self.text(op::TEXT, s);
        }
        match self.names.strings.slot_or_store(s, &mut self.tape.ops) {
            Some(slot) => self.op(op::CACHED, slot),
            None => self.text(op::TEXT, s),
        }
    }

    /// The name's index in the table, defining it on first use.
    fn index(&mut self, s: &'static str) -> Result<u32, Error> {
        let (index, new) = self.names.index_of(s);
        if new {
            self.tape.text.push_str(s);
            self.raw(op::DEFINE_NAME, Self::utf16_len(s))?;
        }
        Ok(index)
    }

    fn name(&mut self, s: &'static str) -> Result<(), Error> {
        let index = self.index(s)?;
        self.op(op::NAME, index as usize)
    }

    fn key_name(&mut self, s: &'static str) -> Result<(), Error> {
        self.key = Some(self.index(s)?);
        Ok(())
    }

    fn key_text(&mut self, s: &str) -> Result<(), Error> {
        self.tape.text.push_str(s);
        let units = Self::utf16_len(s);
        if units > WIDE_MAX {
            return Err(Error(format!("key too long for the tape: {units}")));
        }
        self.tape.ops.push(op::KEY_TEXT | (units as u32) << 4);
        Ok(())
    }

    fn number(&mut self, n: impl fmt::Display + TryInto<u32> + Copy) -> Result<(), Error> {
        match n.try_into() {
            Ok(small) if (small as usize) <= WIDE_MAX => self.op(op::UINT, small as usize),
            _ => self.text(op::NUMBER, &n.to_string()),
        }
    }
}

/// Serializes map keys: names stay names, anything else becomes key text.
struct KeyWriter<'w, 'a>(&'w mut Writer<'a>);

macro_rules! key_via_text {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), Error> { self.0.key_text(&v.to_string()) }
    )*};
}

macro_rules! unsupported_key {
    () => {
        fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_none(self) -> Result<(), Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
            v.serialize(self)
        }
        fn serialize_unit(self) -> Result<(), Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            v: &T,
        ) -> Result<(), Error> {
            v.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, Error> {
            Err(Error("key must be a string".into()))
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Error> {
            Err(Error("key must be a string".into()))
        }
    };
}

impl ser::Serializer for KeyWriter<'_, '_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    key_via_text!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_f32: f32, serialize_f64: f64, serialize_char: char, serialize_str: &str);
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.0.key_name(variant)
    }
    unsupported_key!();
}

macro_rules! number_via {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), Error> { self.number(v) }
    )*};
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = StructWriter<'w, 'a>;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.op(if v { op::TRUE } else { op::FALSE }, 0)
    }
    number_via!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.text(op::NUMBER, &v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.text(op::NUMBER, &v.to_string())
    }
    /// A decimal's bits while a [`number::Text`] is asked for them; else a number.
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        match &mut self.decimal {
            Some(bits) => {
                *bits = Some(v);
                Ok(())
            }
            None => self.number(v),
        }
    }
    /// Not while a [`number::Text`] is asked for its decimal.
    fn is_human_readable(&self) -> bool {
        self.decimal.is_none()
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v)
    }
    /// Formats into the end of the text, which is taken back when the string is cached (no
    /// intermediate `String`).
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        use fmt::Write;
        let start = self.tape.text.len();
        write!(self.tape.text, "{value}").map_err(|e| Error(e.to_string()))?;
        // `get` (start is where the text ended, a boundary): no str-index panic in the wasm.
        let written = self.tape.text.get(start..).unwrap_or_default();
        match self
            .names
            .strings
            .slot_or_store(written, &mut self.tape.ops)
        {
            Some(slot) => {
                self.tape.text.truncate(start);
                self.op(op::CACHED, slot)
            }
            None => {
                let units = Writer::utf16_len(written);
                self.op(op::TEXT, units)
            }
        }
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        ser::Serializer::collect_seq(self, v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.op(op::NULL, 0)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.op(op::NULL, 0)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.op(op::NULL, 0)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.name(variant)
    }
    /// A [`number::Text`]: its decimal first, which crosses as its cache slot when the decoder
    /// has its text; else its text, stored in the decimal's slot.
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        if name != number::TEXT_NEWTYPE {
            return v.serialize(self);
        }
        self.decimal = Some(None);
        let asked = v.serialize(&mut *self);
        let bits = self.decimal.take().flatten();
        let (Ok(()), Some(bits)) = (asked, bits) else {
            return v.serialize(self);
        };
        if let Some(slot) = self.names.strings.cached_number(bits) {
            return self.op(op::CACHED, slot);
        }
        self.store_as = Some(bits);
        let written = v.serialize(&mut *self);
        self.store_as = None;
        written
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.op(op::OBJECT, 0)?;
        self.key_name(variant)?;
        v.serialize(&mut *self)?;
        self.raw(op::END, 0)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Error> {
        self.op(op::ARRAY, 0)?;
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.op(op::OBJECT, 0)?;
        self.key_name(variant)?;
        self.op(op::ARRAY, 0)?;
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        self.op(op::OBJECT, 0)?;
        Ok(self)
    }
    /// The object op names the struct (1 + its name's index) so that boundary.js can build the
    /// structs it knows as object literals; their fields go without names.
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<StructWriter<'w, 'a>, Error> {
        let index = self.index(name)?;
        self.op(op::OBJECT, index as usize + 1)?;
        let by_position = self.names.literal[index as usize];
        Ok(StructWriter {
            w: self,
            by_position,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.op(op::OBJECT, 0)?;
        self.key_name(variant)?;
        self.op(op::OBJECT, 0)?;
        Ok(self)
    }
}

impl ser::SerializeSeq for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.raw(op::END, 0)
    }
}

impl ser::SerializeTuple for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        self.raw(op::END, 0)?;
        self.raw(op::END, 0)
    }
}

impl ser::SerializeMap for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        k.serialize(KeyWriter(self))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.raw(op::END, 0)
    }
}

/// The fields of a struct: named, or by position when the decoder builds the struct as a literal.
pub struct StructWriter<'w, 'a> {
    w: &'w mut Writer<'a>,
    by_position: bool,
}

impl ser::SerializeStruct for StructWriter<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        if !self.by_position {
            self.w.key_name(key)?;
        }
        v.serialize(&mut *self.w)
    }
    /// A literal has every field in its place: one left out would shift the rest.
    fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
        if self.by_position {
            return Err(Error(format!(
                "field {key} skipped in a struct built by position"
            )));
        }
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        self.w.raw(op::END, 0)
    }
}

impl ser::SerializeStructVariant for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.key_name(key)?;
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.raw(op::END, 0)?;
        self.raw(op::END, 0)
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use serde_json::{json, Map, Value};

    /// A Rust reading of the tape, the same as `boundary.js`, for round-trip tests.
    pub struct Reader {
        names: Vec<String>,
        cache: Vec<String>,
    }

    impl Default for Reader {
        fn default() -> Reader {
            Reader {
                names: Vec::new(),
                cache: vec![String::new(); CACHE_SLOTS],
            }
        }
    }

    impl Reader {
        pub fn read(&mut self, tape: &Tape) -> Value {
            self.read_ops(tape, usize::MAX).expect("one value")
        }

        /// Reads the first `stop` ops (all of them when there are fewer), as a decoder that
        /// fails after them would: the tables change as far as it read. The value, when whole.
        pub fn read_ops(&mut self, tape: &Tape, stop: usize) -> Option<Value> {
            if tape.reset {
                self.names.clear();
                self.cache.iter_mut().for_each(String::clear);
            }
            let text: Vec<u16> = tape.text.encode_utf16().collect();
            let mut pos = 0;
            let mut take = |n: usize| {
                let s = String::from_utf16(&text[pos..pos + n]).unwrap();
                pos += n;
                s
            };
            let mut stack: Vec<(Value, Option<String>)> = Vec::new();
            let (mut pending, mut wide): (Option<String>, Option<usize>) = (None, None);
            let mut store = None;
            let mut root = None;
            for &o in tape.ops.iter().take(stop) {
                let tag = o & 15;
                match tag {
                    op::WIDE => {
                        wide = Some((o >> 4) as usize);
                        continue;
                    }
                    op::STORE => {
                        store = Some((o >> 4) as usize);
                        continue;
                    }
                    op::KEY_WIDE => {
                        pending = Some(self.names[(o >> 4) as usize].clone());
                        continue;
                    }
                    op::KEY_TEXT => {
                        pending = Some(take((o >> 4) as usize));
                        continue;
                    }
                    _ => {}
                }
                let arg = wide.take().unwrap_or((o >> 16) as usize);
                let k = ((o >> 4) & 0xFFF) as usize;
                let key = if k > 0 {
                    Some(self.names[k - 1].clone())
                } else {
                    pending.take()
                };
                let (value, key) = match tag {
                    op::OBJECT => {
                        stack.push((Value::Object(Map::new()), key));
                        continue;
                    }
                    op::ARRAY => {
                        stack.push((Value::Array(Vec::new()), key));
                        continue;
                    }
                    op::END => stack.pop().unwrap(),
                    op::TEXT => {
                        let text = take(arg);
                        if let Some(slot) = store.take() {
                            self.cache[slot] = text.clone();
                        }
                        (Value::String(text), key)
                    }
                    op::CACHED => (Value::String(self.cache[arg].clone()), key),
                    op::NAME => (Value::String(self.names[arg].clone()), key),
                    op::UINT => (json!(arg), key),
                    op::NULL => (Value::Null, key),
                    op::TRUE => (Value::Bool(true), key),
                    op::FALSE => (Value::Bool(false), key),
                    op::DEFINE_NAME => {
                        let name = take(arg);
                        self.names.push(name);
                        continue;
                    }
                    op::NUMBER => (serde_json::from_str(&take(arg)).unwrap(), key),
                    other => panic!("unknown op {other}"),
                };
                match stack.last_mut() {
                    None => root = Some(value),
                    Some((Value::Array(items), _)) => items.push(value),
                    Some((Value::Object(map), _)) => {
                        map.insert(key.expect("a key before an object value"), value);
                    }
                    Some(_) => unreachable!(),
                }
            }
            root
        }
    }

    #[derive(serde::Serialize)]
    struct Sample {
        label: Name,
        text: String,
        unicode: &'static str,
        n: u32,
        big: u64,
        neg: i64,
        f: f64,
        none: Option<u8>,
        yes: bool,
        list: Vec<&'static str>,
        map: std::collections::BTreeMap<String, String>,
        unit: (),
        tuple: (u8, &'static str),
        long: String,
    }

    #[test]
    fn round_trip_equals_json() {
        let sample = Sample {
            label: Name("服务费"),
            text: "7500.00".into(),
            unicode: "“x”不是数字 😀",
            n: 42,
            big: u64::MAX,
            neg: -7,
            f: 0.5,
            none: None,
            yes: true,
            list: vec!["a", "", "b"],
            map: [
                ("k".to_string(), "v".to_string()),
                ("é".to_string(), "w".to_string()),
            ]
            .into(),
            unit: (),
            tuple: (1, "t"),
            long: "x".repeat(70_000),
        };
        let mut names = Names::default();
        let mut reader = Reader::default();
        let first = encode(&sample, &mut names).unwrap();
        assert_eq!(reader.read(&first), serde_json::to_value(&sample).unwrap());
        let second = encode(&sample, &mut names).unwrap();
        assert!(second.ops.len() < first.ops.len(), "names are sent once");
        assert!(!second.text.contains("服务费"));
        assert_eq!(reader.read(&second), serde_json::to_value(&sample).unwrap());
    }

    #[test]
    fn literal_structs_send_their_fields_by_position() {
        #[derive(serde::Serialize)]
        struct Pair {
            a: u32,
            b: Vec<Pair>,
        }
        #[derive(serde::Serialize)]
        struct Skips {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<u32>,
        }
        let value = Pair {
            a: 1,
            b: vec![Pair { a: 2, b: vec![] }],
        };
        let mut names = Names::with_literals(|name| name == "Pair" || name == "Skips");
        let tape = encode(&value, &mut names).unwrap();
        assert!(
            tape.ops
                .iter()
                .all(|o| (o >> 4) & 0xFFF == 0 && o & 15 != op::KEY_TEXT),
            "no op carries a field name"
        );
        assert_eq!(tape.text, "Pair", "only the struct's name is sent");
        let keyed = encode(&value, &mut Names::default()).unwrap();
        assert_eq!(
            Reader::default().read(&keyed),
            serde_json::to_value(&value).unwrap()
        );
        let err = encode(&Skips { a: None }, &mut names).unwrap_err();
        assert!(err.to_string().contains("skipped"), "{err}");
    }

    /// A list of strings and decimals whose encoding fails after the list when `fail`.
    struct Strs {
        list: Vec<Pooled>,
        fail: bool,
    }

    /// A string, or a decimal serialized as its text ([`number::Text`], cached by the number).
    #[derive(serde::Serialize)]
    #[serde(untagged)]
    enum Pooled {
        Str(String),
        Number(number::Text),
    }

    impl Serialize for Strs {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeSeq;
            let mut seq = s.serialize_seq(Some(self.list.len()))?;
            for item in &self.list {
                seq.serialize_element(item)?;
            }
            if self.fail {
                return Err(ser::Error::custom("failed on purpose"));
            }
            seq.end()
        }
    }

    /// Item `i` of a pool larger than the cache (so slots collide): amounts, non-ASCII text,
    /// texts too long for the cache, counts, and decimals whose texts are the amounts' (the same
    /// text cached by its number and by its text).
    fn pooled(i: usize) -> Pooled {
        match i % 5 {
            0 => Pooled::Str(format!("{i}.00")),
            1 => Pooled::Str(format!("“{i}” × 😀")),
            2 => Pooled::Str("x".repeat(CACHE_MAX_LEN - 2 + i % 5)),
            3 => Pooled::Str((i * 1000).to_string()),
            _ => Pooled::Number(number::Text(rust_decimal::Decimal::new(
                (i - 4) as i64 * 100,
                2,
            ))),
        }
    }

    proptest::proptest! {
        /// Over any sequence of calls, including tapes never read, tapes read halfway (a decoder
        /// that threw) and encodings that failed, every tape read whole gives its value: both
        /// sides' caches stay alike.
        #[test]
        fn string_cache_stays_consistent(
            steps in proptest::collection::vec(
                (proptest::collection::vec(0usize..3000, 0..40), 0u8..6, 0usize..60),
                1..40,
            )
        ) {
            let mut names = Names::default();
            let mut reader = Reader::default();
            let mut tape = Tape::default();
            for (picks, action, stop) in steps {
                // Half the picks from 64 strings: repeats within a tape and from earlier ones.
                let value = Strs {
                    list: picks
                        .iter()
                        .map(|&i| pooled(if i % 2 == 0 { i % 64 } else { i }))
                        .collect(),
                    fail: action == 5,
                };
                let encoded = encode_into(&value, &mut names, &mut tape);
                proptest::prop_assert_eq!(encoded.is_err(), action == 5);
                match action {
                    3 => names.forget(),
                    4 => {
                        reader.read_ops(&tape, stop);
                        names.forget();
                    }
                    5 => {}
                    _ => proptest::prop_assert_eq!(
                        reader.read(&tape),
                        serde_json::to_value(&value).unwrap()
                    ),
                }
            }
        }
    }

    #[test]
    fn decimals_cross_as_the_slot_of_their_number() {
        let amounts =
            [7500, -50000, 808456].map(|m| number::Text(rust_decimal::Decimal::new(m, 2)));
        let mut names = Names::default();
        let mut reader = Reader::default();
        let first = encode(&amounts, &mut names).unwrap();
        assert_eq!(first.text, "75.00-500.008084.56");
        let second = encode(&amounts, &mut names).unwrap();
        assert_eq!(second.text, "");
        assert_eq!(
            second.ops.iter().filter(|o| *o & 15 == op::CACHED).count(),
            3
        );
        for tape in [first, second] {
            assert_eq!(
                reader.read(&tape),
                serde_json::json!(["75.00", "-500.00", "8084.56"])
            );
        }
        // A text stored over a number's slot takes the number out of the cache.
        let bits = u128::from_le_bytes(rust_decimal::Decimal::new(7500, 2).serialize());
        let slot = Strings::number_slot(bits);
        assert_eq!(names.strings.cached_number(bits), Some(slot));
        names.strings.store(slot, "other", None, &mut Vec::new());
        assert_eq!(names.strings.cached_number(bits), None);
    }

    #[test]
    fn cached_strings_cross_as_slots() {
        let value = vec!["7500.00", "2026-03-05", "7500.00", "“x”", ""];
        let mut names = Names::default();
        let mut reader = Reader::default();
        let first = encode(&value, &mut names).unwrap();
        assert_eq!(
            first.text, "7500.002026-03-05“x”",
            "a repeat within a tape is cached"
        );
        let second = encode(&value, &mut names).unwrap();
        assert_eq!(second.text, "");
        assert!(second.ops.iter().filter(|o| *o & 15 == op::CACHED).count() == 4);
        for tape in [first, second] {
            assert_eq!(reader.read(&tape), serde_json::to_value(&value).unwrap());
        }
        names.forget();
        let third = encode(&value, &mut names).unwrap();
        assert!(third.reset && third.text == "7500.002026-03-05“x”");
        assert!(!encode(&value, &mut names).unwrap().reset);
    }

    #[test]
    fn more_names_than_an_op_can_index() {
        let fields: Vec<(&'static str, String)> = (0..5000)
            .map(|i| (&*Box::leak(format!("f{i}").into_boxed_str()), i.to_string()))
            .collect();
        let value = vec![NamedValues(fields.clone()), NamedValues(fields)];
        let mut names = Names::default();
        let tape = encode(&value, &mut names).unwrap();
        assert!(tape.ops.iter().any(|o| o & 15 == op::KEY_WIDE));
        assert_eq!(
            Reader::default().read(&tape),
            serde_json::to_value(&value).unwrap()
        );
    }
}
