//! A compact serialization of results for the JS boundary: one text holding every dynamic string
//! back to back, and a tape of 32-bit ops that says how to build the JS value from it.
//!
//! Why: crossing from WASM to JS costs a fixed price per string (on the reference machine about
//! 0.6 µs each), and a bill has ~50 strings. The tape crosses as one `Uint32Array` and one string;
//! `tape.js` rebuilds the object with `slice`, and names (field names, enum variants, labels)
//! are sent once per page and then reused by index. The README lists the measured difference.
//!
//! Op layout: `tag | arg << 4`. Lengths are in UTF-16 code units (JS string indices).

use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::fmt;

/// Op tags; `tape.js` has the same table.
pub mod op {
    pub const OBJECT: u32 = 0;
    pub const ARRAY: u32 = 1;
    pub const END: u32 = 2;
    /// Key from the name table; arg = index.
    pub const KEY_NAME: u32 = 3;
    /// Key from the text; arg = length.
    pub const KEY_TEXT: u32 = 4;
    /// String from the text; arg = length.
    pub const TEXT: u32 = 5;
    /// String from the name table; arg = index.
    pub const NAME: u32 = 6;
    /// Unsigned integer below 2^28; arg = value.
    pub const UINT: u32 = 7;
    pub const NULL: u32 = 8;
    pub const TRUE: u32 = 9;
    pub const FALSE: u32 = 10;
    /// Adds the next text slice (arg = length) to the name table.
    pub const DEFINE_NAME: u32 = 11;
    /// Other numbers, written as text (arg = length), read with `Number()`.
    pub const NUMBER: u32 = 12;
}

const ARG_MAX: usize = (u32::MAX >> 4) as usize;

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

/// Named values with fixed names (formula inputs, message parameters), serialized as an object
/// in their order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamedValues(pub Vec<(&'static str, String)>);

impl Serialize for NamedValues {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&Name(k), v)?;
        }
        map.end()
    }
}

/// The name table that survives between calls (one per module instance; `tape.js` keeps the
/// same table on its side).
#[derive(Debug, Default)]
pub struct Names {
    index: HashMap<&'static str, u32>,
}

/// One encoded value.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tape {
    pub ops: Vec<u32>,
    pub text: String,
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
    let mut w = Writer {
        tape: Tape::default(),
        names,
    };
    value.serialize(&mut w)?;
    Ok(w.tape)
}

struct Writer<'a> {
    tape: Tape,
    names: &'a mut Names,
}

impl Writer<'_> {
    fn op(&mut self, tag: u32, arg: usize) -> Result<(), Error> {
        if arg > ARG_MAX {
            return Err(Error(format!("value too long for the tape: {arg}")));
        }
        self.tape.ops.push(tag | (arg as u32) << 4);
        Ok(())
    }

    fn text(&mut self, tag: u32, s: &str) -> Result<(), Error> {
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.tape.text.push_str(s);
        self.op(tag, units)
    }

    fn name(&mut self, tag: u32, s: &'static str) -> Result<(), Error> {
        let next = self.names.index.len() as u32;
        let index = *self.names.index.entry(s).or_insert(next);
        if index == next {
            self.text(op::DEFINE_NAME, s)?;
        }
        self.op(tag, index as usize)
    }

    fn number(&mut self, n: impl fmt::Display + TryInto<u32> + Copy) -> Result<(), Error> {
        match n.try_into() {
            Ok(small) if (small as usize) <= ARG_MAX => self.op(op::UINT, small as usize),
            _ => self.text(op::NUMBER, &n.to_string()),
        }
    }
}

/// Serializes map keys: names stay names, anything else becomes key text.
struct KeyWriter<'w, 'a>(&'w mut Writer<'a>);

macro_rules! key_via_text {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), Error> { self.0.text(op::KEY_TEXT, &v.to_string()) }
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
        self.0.name(op::KEY_NAME, variant)
    }
    unsupported_key!();
}

macro_rules! number_via {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), Error> { self.number(v) }
    )*};
}

impl ser::Serializer for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
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
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.text(op::TEXT, v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.text(op::TEXT, v)
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
        self.name(op::NAME, variant)
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
        variant: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.op(op::OBJECT, 0)?;
        self.name(op::KEY_NAME, variant)?;
        v.serialize(&mut *self)?;
        self.op(op::END, 0)
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
        self.name(op::KEY_NAME, variant)?;
        self.op(op::ARRAY, 0)?;
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        self.op(op::OBJECT, 0)?;
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        self.op(op::OBJECT, 0)?;
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.op(op::OBJECT, 0)?;
        self.name(op::KEY_NAME, variant)?;
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
        self.op(op::END, 0)
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
        self.op(op::END, 0)?;
        self.op(op::END, 0)
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
        self.op(op::END, 0)
    }
}

impl ser::SerializeStruct for &mut Writer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.name(op::KEY_NAME, key)?;
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.op(op::END, 0)
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
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<(), Error> {
        self.op(op::END, 0)?;
        self.op(op::END, 0)
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use serde_json::{json, Map, Value};

    /// A Rust reading of the tape, the same as `boundary.js`, for round-trip tests.
    #[derive(Default)]
    pub struct Reader {
        names: Vec<String>,
    }

    impl Reader {
        pub fn read(&mut self, tape: &Tape) -> Value {
            let text: Vec<u16> = tape.text.encode_utf16().collect();
            let mut pos = 0;
            let mut take = |n: usize| {
                let s = String::from_utf16(&text[pos..pos + n]).unwrap();
                pos += n;
                s
            };
            let mut stack: Vec<(Value, Option<String>)> = Vec::new();
            let mut key: Option<String> = None;
            let mut root = None;
            for &o in &tape.ops {
                let (tag, arg) = (o & 15, (o >> 4) as usize);
                let value = match tag {
                    op::OBJECT => {
                        stack.push((Value::Object(Map::new()), key.take()));
                        continue;
                    }
                    op::ARRAY => {
                        stack.push((Value::Array(Vec::new()), key.take()));
                        continue;
                    }
                    op::END => {
                        let (v, k) = stack.pop().unwrap();
                        key = k;
                        v
                    }
                    op::KEY_NAME => {
                        key = Some(self.names[arg].clone());
                        continue;
                    }
                    op::KEY_TEXT => {
                        key = Some(take(arg));
                        continue;
                    }
                    op::TEXT => Value::String(take(arg)),
                    op::NAME => Value::String(self.names[arg].clone()),
                    op::UINT => json!(arg),
                    op::NULL => Value::Null,
                    op::TRUE => Value::Bool(true),
                    op::FALSE => Value::Bool(false),
                    op::DEFINE_NAME => {
                        let name = take(arg);
                        self.names.push(name);
                        continue;
                    }
                    op::NUMBER => serde_json::from_str(&take(arg)).unwrap(),
                    other => panic!("unknown op {other}"),
                };
                match stack.last_mut() {
                    None => root = Some(value),
                    Some((Value::Array(items), _)) => items.push(value),
                    Some((Value::Object(map), _)) => {
                        map.insert(key.take().expect("a key before an object value"), value);
                    }
                    Some(_) => unreachable!(),
                }
            }
            root.expect("one value")
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
}
