//! CBOR bodies (`rpcv2Cbor`) on minicbor's encoder and decoder: generated types write
//! themselves with [`ToCbor`] and are read member by member into their builders
//! ([`CborObject`]), with no intermediate tree. Reading accepts what the protocol allows a
//! server to send: definite and indefinite lengths, half-precision floats, integers of any
//! width where a larger one is modeled, `undefined` as `null`. Nothing is allocated from a
//! declared length, nesting is bounded, and unknown members are skipped without recursion.
//! (Copied into crates whose protocol is rpcv2Cbor.)

use std::collections::HashMap;
use std::convert::Infallible;

use minicbor::data::{Tag, Type};
use minicbor::{Decoder, Encoder};

// codegen:if primitives
use crate::primitives::{Blob, DateTime};
// codegen:end
// codegen:if big-numbers
use crate::primitives::{BigDecimal, BigInteger};
// codegen:end

/// A body being written.
pub(crate) type Writer = Encoder<Vec<u8>>;
/// Writing into memory fails only on values that cannot be sent (an unknown union member).
pub(crate) type WriteError = minicbor::encode::Error<Infallible>;
/// What made a body unreadable.
pub(crate) type ReadError = minicbor::decode::Error;

// codegen:if primitives
/// Epoch-seconds timestamps (RFC 8949, section 3.4.2).
const TIMESTAMP: u64 = 1;
// codegen:end
// codegen:if big-numbers
const POSITIVE_BIGNUM: u64 = 2;
const NEGATIVE_BIGNUM: u64 = 3;
const DECIMAL_FRACTION: u64 = 4;
/// The longest bignum read (in bytes, about 2,400 digits): converting one to decimal is
/// quadratic in its length.
const MAX_BIGNUM: usize = 1024;
// codegen:end
/// The deepest nesting of maps and arrays read into values (as serde_json's limit).
const MAX_DEPTH: usize = 128;

/// A value written into a CBOR body.
pub(crate) trait ToCbor {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError>;
}

/// The CBOR encoding of `value`.
pub(crate) fn to_vec<T: ToCbor + ?Sized>(value: &T) -> Result<Vec<u8>, WriteError> {
    let mut w = Encoder::new(Vec::new());
    value.to_cbor(&mut w)?;
    Ok(w.into_writer())
}

/// One member of a structure or union being written: its name, then its value.
pub(crate) fn entry<T: ToCbor + ?Sized>(w: &mut Writer, name: &str, value: &T) -> Result<(), WriteError> {
    w.str(name)?;
    value.to_cbor(w)
}

impl ToCbor for str {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.str(self).map(drop)
    }
}

impl ToCbor for String {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.str(self).map(drop)
    }
}

impl ToCbor for bool {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.bool(*self).map(drop)
    }
}

/// Integers take the smallest encoding that holds them.
macro_rules! int_to_cbor {
    ($($t:ty),*) => {$(
        impl ToCbor for $t {
            fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
                w.i64(i64::from(*self)).map(drop)
            }
        }
    )*};
}
int_to_cbor!(i8, i16, i32, i64);

impl ToCbor for f32 {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.f32(*self).map(drop)
    }
}

impl ToCbor for f64 {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.f64(*self).map(drop)
    }
}

// codegen:if primitives
impl ToCbor for Blob {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.bytes(self.as_ref()).map(drop)
    }
}

/// Tag 1: whole seconds as an integer, else seconds as a double.
impl ToCbor for DateTime {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.tag(Tag::new(TIMESTAMP))?;
        if self.subsec_nanos() == 0 { w.i64(self.secs()) } else { w.f64(self.as_secs_f64()) }.map(drop)
    }
}
// codegen:end

/// A union member without a value (targeting `smithy.api#Unit`): an empty map.
impl ToCbor for () {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.map(0).map(drop)
    }
}

impl<T: ToCbor> ToCbor for Box<T> {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        (**self).to_cbor(w)
    }
}

/// `None` is `null` (in sparse lists and maps).
impl<T: ToCbor> ToCbor for Option<T> {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        match self {
            Some(v) => v.to_cbor(w),
            None => w.null().map(drop),
        }
    }
}

impl<T: ToCbor> ToCbor for Vec<T> {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.array(self.len() as u64)?;
        self.iter().try_for_each(|item| item.to_cbor(w))
    }
}

impl<T: ToCbor> ToCbor for HashMap<String, T> {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.map(self.len() as u64)?;
        self.iter().try_for_each(|(k, v)| entry(w, k, v))
    }
}

/// A body being read, with the nesting depth of the value being read.
pub(crate) struct Reader<'b> {
    d: Decoder<'b>,
    depth: usize,
}

impl<'b> Reader<'b> {
    pub(crate) fn new(body: &'b [u8]) -> Self {
        Reader { d: Decoder::new(body), depth: 0 }
    }

    fn datatype(&self) -> Result<Type, ReadError> {
        self.d.datatype()
    }

    /// Enters a map or array; an error past the nesting limit.
    fn enter(&mut self) -> Result<(), ReadError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH { Err(ReadError::message("nested too deeply")) } else { Ok(()) }
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Whether the next item ends an indefinite-length map or array (and consumes it).
    fn at_break(&mut self) -> Result<bool, ReadError> {
        if self.datatype()? == Type::Break {
            self.d.set_position(self.d.position() + 1);
            return Ok(true);
        }
        Ok(false)
    }

    /// Calls `each` for every element of a definite or indefinite container of `count`
    /// (elements, or pairs for maps): `None` for indefinite.
    fn elements(&mut self, count: Option<u64>, mut each: impl FnMut(&mut Self) -> Result<(), ReadError>) -> Result<(), ReadError> {
        self.enter()?;
        match count {
            // Counted down, never allocated from: a declared length of 2^63 fails at the end of the body.
            Some(n) => (0..n).try_for_each(|_| each(self))?,
            None => {
                while !self.at_break()? {
                    each(self)?;
                }
            }
        }
        self.leave();
        Ok(())
    }

    /// Whether the next value is `null` or `undefined` (and consumes it).
    fn take_null(&mut self) -> Result<bool, ReadError> {
        match self.datatype()? {
            Type::Null | Type::Undefined => {
                self.d.skip()?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// A text string, definite or in chunks.
    fn text(&mut self) -> Result<String, ReadError> {
        if self.datatype()? == Type::StringIndef {
            let mut out = String::new();
            for chunk in self.d.str_iter()? {
                out.push_str(chunk?);
            }
            return Ok(out);
        }
        self.d.str().map(str::to_owned)
    }

    // codegen:if primitives
    /// A byte string, definite or in chunks.
    fn bytes(&mut self) -> Result<Vec<u8>, ReadError> {
        if self.datatype()? == Type::BytesIndef {
            let mut out = Vec::new();
            for chunk in self.d.bytes_iter()? {
                out.extend_from_slice(chunk?);
            }
            return Ok(out);
        }
        self.d.bytes().map(<[u8]>::to_vec)
    }
    // codegen:end

    /// A number of any CBOR width, integer or float.
    fn number(&mut self) -> Result<f64, ReadError> {
        match self.datatype()? {
            Type::F16 => {
                let at = self.d.position();
                let bits = self.d.input().get(at + 1..at + 3).ok_or_else(ReadError::end_of_input)?;
                let value = f16_to_f64(u16::from_be_bytes([bits[0], bits[1]]));
                self.d.set_position(at + 3);
                Ok(value)
            }
            Type::F32 | Type::F64 => self.d.f64(),
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => self.d.u64().map(|n| n as f64),
            Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => self.d.i64().map(|n| n as f64),
            other => Err(ReadError::type_mismatch(other).with_message("expected a number")),
        }
    }

    // codegen:if primitives
    fn tag(&mut self, expected: &[u64]) -> Result<u64, ReadError> {
        let tag = self.d.tag()?.as_u64();
        if expected.contains(&tag) { Ok(tag) } else { Err(ReadError::message(format!("unexpected tag {tag}"))) }
    }
    // codegen:end
}

/// A half-precision float (RFC 8949, appendix D), exactly, as a double.
fn f16_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 == 0 { 1.0 } else { -1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let fraction = f64::from(bits & 0x3ff);
    match exponent {
        0 => sign * fraction * 2f64.powi(-24),
        31 if fraction == 0.0 => sign * f64::INFINITY,
        31 => f64::NAN,
        e => sign * (1.0 + fraction / 1024.0) * 2f64.powi(e - 15),
    }
}

/// A value read from a CBOR body.
pub(crate) trait FromCbor: Sized {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError>;

    /// An item of a list or a value of a map: `None` (left out) for `null`, but in
    /// sparse ones.
    fn item(r: &mut Reader<'_>) -> Result<Option<Self>, ReadError> {
        member(r)
    }
}

/// A generated builder that is filled from a CBOR map, member by member.
pub(crate) trait CborObject: Default {
    type Output;
    /// Reads the value of the member with this name (or skips it if unknown).
    fn member(&mut self, name: &str, r: &mut Reader<'_>) -> Result<(), ReadError>;
    /// The value, with defaults and error correction applied.
    fn finish(self) -> Self::Output;
}

/// Reads a map into the builder `B`; unknown members are skipped, the last of duplicate
/// members wins, and a `null` member is unset.
pub(crate) fn object<B: CborObject>(r: &mut Reader<'_>) -> Result<B::Output, ReadError> {
    let count = r.d.map()?;
    let mut builder = B::default();
    r.elements(count, |r| {
        let name = r.text()?;
        builder.member(&name, r)
    })?;
    Ok(builder.finish())
}

/// A whole body read into `B`; an empty body is an empty map.
pub(crate) fn from_body<B: CborObject>(body: &[u8]) -> Result<B::Output, String> {
    if body.is_empty() {
        return Ok(B::default().finish());
    }
    let mut r = Reader::new(body);
    let value = object::<B>(&mut r).map_err(|e| format!("invalid CBOR body: {e}"))?;
    if r.d.position() != body.len() {
        return Err(String::from("invalid CBOR body: bytes after the value"));
    }
    Ok(value)
}

// codegen:if-used crate::rt::cbor::builder_from_body
/// A whole body read into the builder `B`, not finished (an RPC output's event stream joins
/// it after); an empty body is an empty map.
pub(crate) fn builder_from_body<B: CborObject>(body: &[u8]) -> Result<B, String> {
    /// The builder itself as the output.
    #[derive(Default)]
    struct Unfinished<B>(B);
    impl<B: CborObject> CborObject for Unfinished<B> {
        type Output = B;
        fn member(&mut self, name: &str, r: &mut Reader<'_>) -> Result<(), ReadError> {
            self.0.member(name, r)
        }
        fn finish(self) -> B {
            self.0
        }
    }
    from_body::<Unfinished<B>>(body)
}
// codegen:end
// codegen:if-used crate::rt::cbor::value_from_body

/// A whole body read as one value (an event's payload).
pub(crate) fn value_from_body<T: FromCbor>(body: &[u8]) -> Result<T, String> {
    let mut r = Reader::new(body);
    let value = T::from_cbor(&mut r).map_err(|e| format!("invalid CBOR body: {e}"))?;
    if r.d.position() != body.len() {
        return Err(String::from("invalid CBOR body: bytes after the value"));
    }
    Ok(value)
}
// codegen:end

/// A member's value: `None` for `null` or `undefined`.
pub(crate) fn member<T: FromCbor>(r: &mut Reader<'_>) -> Result<Option<T>, ReadError> {
    if r.take_null()? { Ok(None) } else { T::from_cbor(r).map(Some) }
}

/// Skips a value this client does not know, however deep, without recursion.
pub(crate) fn skip(r: &mut Reader<'_>) -> Result<(), ReadError> {
    r.d.skip()
}
// codegen:if-used crate::rt::rpc_v2::cbor_error_metadata

/// The `__type` and message of an error body; a body that is not a CBOR map has neither,
/// and members of other types are ignored.
pub(crate) fn error_body(body: &[u8]) -> (Option<String>, Option<String>) {
    #[derive(Default)]
    struct ErrorBody(Option<String>, Option<String>);
    impl CborObject for ErrorBody {
        type Output = ErrorBody;
        fn member(&mut self, name: &str, r: &mut Reader<'_>) -> Result<(), ReadError> {
            let slot = match name {
                "__type" => &mut self.0,
                "message" | "Message" => &mut self.1,
                _ => return skip(r),
            };
            match r.datatype()? {
                Type::String | Type::StringIndef => *slot = Some(r.text()?),
                _ => skip(r)?,
            }
            Ok(())
        }
        fn finish(self) -> ErrorBody {
            self
        }
    }
    let ErrorBody(code, message) = from_body::<ErrorBody>(body).unwrap_or_default();
    (code, message)
}
// codegen:end
// codegen:if union

/// A generated union.
pub(crate) trait CborUnion: Sized {
    /// Reads the member with this name; `None` when its value is `null`.
    fn variant(name: &str, r: &mut Reader<'_>) -> Result<Option<Self>, ReadError>;
}

/// Reads a union from a map with exactly one member set (`__type` is ignored).
pub(crate) fn union<U: CborUnion>(r: &mut Reader<'_>) -> Result<U, ReadError> {
    let count = r.d.map()?;
    let mut found = None;
    let mut several = false;
    r.elements(count, |r| {
        let name = r.text()?;
        if name == "__type" {
            return skip(r);
        }
        if let Some(value) = U::variant(&name, r)? {
            several |= found.replace(value).is_some();
        }
        Ok(())
    })?;
    match found {
        Some(_) if several => Err(ReadError::message("a union must have exactly one member set, found several")),
        Some(value) => Ok(value),
        None => Err(ReadError::message("a union must have exactly one member set, found none")),
    }
}
// codegen:end

impl FromCbor for String {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.text()
    }
}

impl FromCbor for bool {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.d.bool()
    }
}

/// Integers of any width that fits the modeled one.
macro_rules! int_from_cbor {
    ($($t:ty => $read:ident),*) => {$(
        impl FromCbor for $t {
            fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
                r.d.$read()
            }
        }
    )*};
}
int_from_cbor!(i8 => i8, i16 => i16, i32 => i32, i64 => i64);

impl FromCbor for f64 {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.number()
    }
}

impl FromCbor for f32 {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.number().map(|n| n as f32)
    }
}

// codegen:if primitives
impl FromCbor for Blob {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.bytes().map(Blob::new)
    }
}

impl FromCbor for DateTime {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        r.tag(&[TIMESTAMP])?;
        let secs = r.number()?;
        if secs.is_finite() && secs.abs() < 1e15 { Ok(DateTime::from_secs_f64(secs)) } else { Err(ReadError::message("timestamp out of range")) }
    }
}
// codegen:end

impl FromCbor for () {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        skip(r)
    }
}

impl<T: FromCbor> FromCbor for Box<T> {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        T::from_cbor(r).map(Box::new)
    }
}

/// `null` is `None` (in sparse lists and maps).
impl<T: FromCbor> FromCbor for Option<T> {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        member(r)
    }

    fn item(r: &mut Reader<'_>) -> Result<Option<Self>, ReadError> {
        member(r).map(Some)
    }
}

/// A dense list skips `null` items.
impl<T: FromCbor> FromCbor for Vec<T> {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        let count = r.d.array()?;
        let mut out = Vec::new();
        r.elements(count, |r| {
            out.extend(T::item(r)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// A dense map skips `null` values.
impl<T: FromCbor> FromCbor for HashMap<String, T> {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        let count = r.d.map()?;
        let mut out = HashMap::new();
        r.elements(count, |r| {
            let key = r.text()?;
            if let Some(value) = T::item(r)? {
                out.insert(key, value);
            }
            Ok(())
        })?;
        Ok(out)
    }
}
// codegen:if big-numbers

/// Decimal digits (no sign) as a big-endian unsigned integer.
fn digits_to_bytes(digits: &str) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    for d in digits.bytes() {
        let mut carry = u32::from(d - b'0');
        for byte in out.iter_mut().rev() {
            let v = u32::from(*byte) * 10 + carry;
            *byte = (v & 0xff) as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            out.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    out
}

/// A big-endian unsigned integer as decimal digits.
fn bytes_to_digits(bytes: &[u8]) -> String {
    let mut n: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    let mut digits = Vec::new();
    while !n.is_empty() {
        let mut rem = 0u32;
        for byte in n.iter_mut() {
            let v = (rem << 8) | u32::from(*byte);
            *byte = (v / 10) as u8;
            rem = v % 10;
        }
        digits.push(b'0' + rem as u8);
        let zeros = n.iter().take_while(|b| **b == 0).count();
        n.drain(..zeros);
    }
    if digits.is_empty() {
        return String::from("0");
    }
    digits.iter().rev().map(|d| char::from(*d)).collect()
}

/// `n + 1` or `n - 1` of a big-endian unsigned integer (`n - 1` of zero stays zero).
fn step(bytes: &mut Vec<u8>, up: bool) {
    for byte in bytes.iter_mut().rev() {
        let (v, carried) = if up { byte.overflowing_add(1) } else { byte.overflowing_sub(1) };
        *byte = v;
        if !carried {
            return;
        }
    }
    if up {
        bytes.insert(0, 1);
    } else {
        bytes.clear();
    }
}

/// An integer of any size: a plain integer when it fits, else a bignum (tag 2, or tag 3
/// holding `-1 - n`).
fn write_integer(w: &mut Writer, text: &str) -> Result<(), WriteError> {
    if let Ok(n) = text.parse::<i64>() {
        return w.i64(n).map(drop);
    }
    if let Ok(n) = text.parse::<u64>() {
        return w.u64(n).map(drop);
    }
    match text.strip_prefix('-') {
        Some(digits) => {
            let mut bytes = digits_to_bytes(digits);
            step(&mut bytes, false);
            w.tag(Tag::new(NEGATIVE_BIGNUM))?.bytes(&bytes).map(drop)
        }
        None => w.tag(Tag::new(POSITIVE_BIGNUM))?.bytes(&digits_to_bytes(text)).map(drop),
    }
}

/// An integer of any size as text: a plain integer or a bignum.
fn read_integer(r: &mut Reader<'_>) -> Result<String, ReadError> {
    if r.datatype()? != Type::Tag {
        return Ok(match r.datatype()? {
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => r.d.u64()?.to_string(),
            _ => r.d.i128()?.to_string(),
        });
    }
    let negative = r.tag(&[POSITIVE_BIGNUM, NEGATIVE_BIGNUM])? == NEGATIVE_BIGNUM;
    let mut bytes = r.bytes()?;
    if bytes.len() > MAX_BIGNUM {
        return Err(ReadError::message("bignum too long"));
    }
    if negative {
        step(&mut bytes, true);
        return Ok(format!("-{}", bytes_to_digits(&bytes)));
    }
    Ok(bytes_to_digits(&bytes))
}

/// Tags 2 and 3, or a plain integer.
impl ToCbor for BigInteger {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        write_integer(w, self.as_str())
    }
}

impl FromCbor for BigInteger {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        read_integer(r)?.parse().map_err(ReadError::message)
    }
}

/// Tag 4: `[exponent, mantissa]`, the value being `mantissa × 10^exponent`.
impl ToCbor for BigDecimal {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        let text = self.as_str();
        let (number, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i64>().map_err(|_| WriteError::message("exponent out of range"))?),
            None => (text, 0),
        };
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let exponent =
            i64::try_from(fraction.len()).ok().and_then(|n| exponent.checked_sub(n)).ok_or_else(|| WriteError::message("exponent out of range"))?;
        w.tag(Tag::new(DECIMAL_FRACTION))?.array(2)?.i64(exponent)?;
        write_integer(w, &format!("{whole}{fraction}"))
    }
}

impl FromCbor for BigDecimal {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        if r.datatype()? != Type::Tag {
            return read_integer(r)?.parse().map_err(ReadError::message);
        }
        r.tag(&[DECIMAL_FRACTION])?;
        if r.d.array()? != Some(2) {
            return Err(ReadError::message("a decimal fraction is an array of two integers"));
        }
        let exponent = r.d.i64()?;
        let mantissa = read_integer(r)?;
        let text = if exponent == 0 { mantissa } else { format!("{mantissa}e{exponent}") };
        text.parse().map_err(ReadError::message)
    }
}
// codegen:end

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Debug, PartialEq)]
    struct Thing {
        name: Option<String>,
        size: Option<i32>,
        tags: Option<Vec<String>>,
        child: Option<Box<Thing>>,
    }

    impl CborObject for Thing {
        type Output = Thing;
        fn member(&mut self, name: &str, r: &mut Reader<'_>) -> Result<(), ReadError> {
            match name {
                "name" => self.name = member(r)?,
                "size" => self.size = member(r)?,
                "tags" => self.tags = member(r)?,
                "child" => self.child = member(r)?,
                _ => skip(r)?,
            }
            Ok(())
        }
        fn finish(self) -> Thing {
            self
        }
    }

    impl FromCbor for Thing {
        fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
            object::<Thing>(r)
        }
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn definite_and_indefinite_maps_read_the_same() {
        // {"name": "a", "size": 5, "tags": ["x"], "other": [1, {}]} both ways, and with
        // chunked strings and an indefinite list.
        let definite = hex("a4646e616d6561616473697a65056474616773816178656f746865728201a0");
        let indefinite = hex("bf646e616d657f6161ff6473697a650564746167739f6178ff656f746865728201a0ff");
        let expected = Thing { name: Some("a".into()), size: Some(5), tags: Some(vec!["x".into()]), child: None };
        assert_eq!(from_body::<Thing>(&definite).unwrap(), expected);
        assert_eq!(from_body::<Thing>(&indefinite).unwrap(), expected);
        // null and undefined members are unset.
        assert_eq!(from_body::<Thing>(&hex("a2646e616d65f66473697a65f7")).unwrap(), Thing::default());
        assert_eq!(from_body::<Thing>(b"").unwrap(), Thing::default());
    }

    #[test]
    fn numbers_of_any_width() {
        // f16 1.5, f16 -inf, f16 NaN, f16 subnormal, f32 7.625, u8 56, i8 -1.
        for (bytes, expected) in
            [("f93e00", 1.5), ("f9fc00", f64::NEG_INFINITY), ("f90050", 4.76837158203125e-06), ("fa40f40000", 7.625), ("1838", 56.0), ("20", -1.0)]
        {
            assert_eq!(f64::from_cbor(&mut Reader::new(&hex(bytes))).unwrap(), expected, "{bytes}");
        }
        assert!(f64::from_cbor(&mut Reader::new(&hex("f97e00"))).unwrap().is_nan());
        assert_eq!(i16::from_cbor(&mut Reader::new(&hex("0a"))).unwrap(), 10);
        assert!(i8::from_cbor(&mut Reader::new(&hex("190100"))).is_err(), "256 is not a byte");
    }
    // codegen:if primitives

    #[test]
    fn timestamps_and_blobs() {
        let t = DateTime::from_cbor(&mut Reader::new(&hex("c1fb41cc37db380fbe77"))).unwrap();
        assert_eq!((t.secs(), t.subsec_nanos() / 1_000_000), (946845296, 123));
        assert_eq!(to_vec(&DateTime::from_secs(946845296)).unwrap(), hex("c11a386fb670"));
        assert_eq!(to_vec(&Blob::new(b"foo".to_vec())).unwrap(), hex("43666f6f"));
    }
    // codegen:end

    #[test]
    fn values_round_trip() {
        let mut m = HashMap::new();
        m.insert(String::from("k"), vec![Some(1i64), None]);
        let bytes = to_vec(&m).unwrap();
        assert_eq!(bytes, hex("a1616b8201f6"));
        let back = HashMap::<String, Vec<Option<i64>>>::from_cbor(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(back, m);
        assert_eq!(to_vec(&-300i32).unwrap(), hex("39012b"));
    }
    // codegen:if big-numbers

    #[test]
    fn big_numbers_use_bignums_and_decimal_fractions() {
        for text in ["0", "42", "-1", "18446744073709551615", "18446744073709551616", "-18446744073709551617", "123456789012345678901234567890"] {
            let n: BigInteger = text.parse().unwrap();
            let back = BigInteger::from_cbor(&mut Reader::new(&to_vec(&n).unwrap())).unwrap();
            assert_eq!(back.as_str(), text);
        }
        // 2^64 is tag 2 with 9 bytes; -2^64 - 1 is tag 3 holding 2^64.
        assert_eq!(to_vec(&"18446744073709551616".parse::<BigInteger>().unwrap()).unwrap(), hex("c249010000000000000000"));
        assert_eq!(to_vec(&"-18446744073709551617".parse::<BigInteger>().unwrap()).unwrap(), hex("c349010000000000000000"));
        // 273.15 is 27315 × 10^-2 (RFC 8949's example).
        assert_eq!(to_vec(&"273.15".parse::<BigDecimal>().unwrap()).unwrap(), hex("c48221196ab3"));
        let d = BigDecimal::from_cbor(&mut Reader::new(&hex("c48221196ab3"))).unwrap();
        assert_eq!(d.as_str(), "27315e-2");
        let long = format!("c25904{}", "01".repeat(1025));
        assert!(BigInteger::from_cbor(&mut Reader::new(&hex(&long))).is_err(), "bignums are bounded");
    }
    // codegen:end

    #[test]
    fn hostile_bodies_are_errors() {
        let deep = |open: &str, n: usize| hex(&open.repeat(n));
        for (name, body) in [
            // A map that declares 2^63 - 1 members: counted down, nothing allocated, then the body ends.
            ("declared length 2^63", hex("bb7fffffffffffffff")),
            ("list of declared length 2^63", hex("a164746167739b7fffffffffffffff")),
            ("text of declared length 2^63", hex("a1646e616d657b7fffffffffffffff")),
            ("truncated", hex("a2646e616d65616164")),
            ("wrong major type for a string", hex("a1646e616d6505")),
            ("wrong major type for the body", hex("8101")),
            ("a key that is not text", hex("a10101")),
            ("100,000 nested maps in a known member", [hex("a1656368696c64").repeat(100_000), hex("a0")].concat()),
            ("100,000 nested arrays in an unknown member", [hex("a1617a"), deep("9f", 100_000)].concat()),
            ("bytes after the value", hex("a0a0")),
            ("a reserved simple value", hex("a1646e616d65fc")),
        ] {
            assert!(from_body::<Thing>(&body).is_err(), "{name}");
        }
        // Deep but complete nesting in an unknown member is skipped, without recursion.
        let deep_unknown = [hex("a1617a"), deep("81", 100_000), hex("00")].concat();
        assert_eq!(from_body::<Thing>(&deep_unknown).unwrap(), Thing::default());
    }
}
