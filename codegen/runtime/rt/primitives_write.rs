//! Writing timestamps, blobs and documents as JSON. (Copied into crates that send them.)

use std::collections::HashMap;

use base64::Engine;
use serde_core::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};

use crate::primitives::{Blob, DateTime, Document, Format, Number};
// codegen:if big-numbers
use crate::primitives::{BigDecimal, BigInteger};
// codegen:end
use crate::rt::json_write::{Ser, ToJson};

/// Epoch seconds, the default for timestamps in JSON bodies: an integer, or a number with
/// the fraction.
impl ToJson for DateTime {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Timestamps(self, Format::EpochSeconds).to_json(s)
    }
}

/// Timestamps written in a format other than the body's default (a member's or its
/// target's `@timestampFormat`), alone or in a list or map.
#[allow(dead_code)] // Only models with such formats use it.
pub(crate) struct Timestamps<'a, T: ?Sized>(pub(crate) &'a T, pub(crate) Format);

impl ToJson for Timestamps<'_, DateTime> {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        match self.1 {
            Format::EpochSeconds if t.subsec_nanos() == 0 => s.serialize_i64(t.secs()),
            Format::EpochSeconds => s.serialize_f64(t.as_secs_f64()),
            format => s.serialize_str(&t.fmt(format).map_err(S::Error::custom)?),
        }
    }
}

impl ToJson for Timestamps<'_, Option<DateTime>> {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(t) => Timestamps(t, self.1).to_json(s),
            None => s.serialize_unit(),
        }
    }
}

impl<T> ToJson for Timestamps<'_, Vec<T>>
where
    for<'a> Timestamps<'a, T>: ToJson,
{
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&Ser(&Timestamps(item, self.1)))?;
        }
        seq.end()
    }
}

impl<T> ToJson for Timestamps<'_, HashMap<String, T>>
where
    for<'a> Timestamps<'a, T>: ToJson,
{
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, &Ser(&Timestamps(v, self.1)))?;
        }
        map.end()
    }
}

// codegen:if big-numbers
/// The number's own digits, written as a JSON number (serde_json's `RawValue`: no rounding).
fn raw_number<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    use serde_core::Serialize as _;
    let raw = serde_json::value::RawValue::from_string(text.to_owned()).map_err(S::Error::custom)?;
    raw.serialize(s)
}

impl ToJson for BigInteger {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        raw_number(self.as_str(), s)
    }
}

impl ToJson for BigDecimal {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        raw_number(self.as_str(), s)
    }
}
// codegen:if-used crate::rt::primitives_write::BigText

/// Big numbers written as JSON strings (`rpcv2Json`), alone or in a list or map.
pub(crate) struct BigText<'a, T: ?Sized>(pub(crate) &'a T);

impl ToJson for BigText<'_, BigInteger> {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl ToJson for BigText<'_, BigDecimal> {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl<T> ToJson for BigText<'_, Option<T>>
where
    for<'a> BigText<'a, T>: ToJson,
{
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(v) => BigText(v).to_json(s),
            None => s.serialize_unit(),
        }
    }
}

impl<T> ToJson for BigText<'_, Vec<T>>
where
    for<'a> BigText<'a, T>: ToJson,
{
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&Ser(&BigText(item)))?;
        }
        seq.end()
    }
}

impl<T> ToJson for BigText<'_, HashMap<String, T>>
where
    for<'a> BigText<'a, T>: ToJson,
{
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, &Ser(&BigText(v)))?;
        }
        map.end()
    }
}
// codegen:end
// codegen:end

/// Base64 text.
impl ToJson for Blob {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(self.as_ref()))
    }
}

impl ToJson for Document {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Null => s.serialize_unit(),
            Document::Bool(b) => s.serialize_bool(*b),
            Document::String(v) => s.serialize_str(v),
            Document::Number(Number::PosInt(n)) => s.serialize_u64(*n),
            Document::Number(Number::NegInt(n)) => s.serialize_i64(*n),
            Document::Number(Number::Float(n)) => n.to_json(s),
            Document::Array(items) => items.to_json(s),
            Document::Object(map) => map.to_json(s),
        }
    }
}
// codegen:if big-numbers

#[cfg(test)]
mod big_number_tests {
    use crate::primitives::{BigDecimal, BigInteger};
    use crate::rt::json_read::from_body;
    use crate::rt::json_write::to_vec;

    #[test]
    fn big_numbers_travel_digit_for_digit() {
        let n: BigInteger = "-123456789012345678901234567890".parse().unwrap();
        assert_eq!(to_vec(&n).unwrap(), b"-123456789012345678901234567890");
        let d: BigDecimal = "3.14159265358979323846264338327950288e-5".parse().unwrap();
        assert_eq!(to_vec(&vec![d]).unwrap(), b"[3.14159265358979323846264338327950288e-5]");
        // Numbers and strings keep every digit, however many: nothing goes through a machine number.
        assert_eq!(from_body::<BigInteger>(b"\"123456789012345678901234567890\"").unwrap().as_str(), "123456789012345678901234567890");
        assert_eq!(from_body::<BigInteger>(b"-123456789012345678901234567890").unwrap().as_str(), "-123456789012345678901234567890");
        assert_eq!(from_body::<BigInteger>(b"18446744073709551615").unwrap().as_str(), "18446744073709551615");
        assert_eq!(from_body::<BigDecimal>(b"-2.5").unwrap().as_str(), "-2.5");
        let exact = from_body::<Vec<BigDecimal>>(b"[ 3.14159265358979323846264338327950288e-5 , \"1.5\"]").unwrap();
        assert_eq!(exact.iter().map(BigDecimal::as_str).collect::<Vec<_>>(), ["3.14159265358979323846264338327950288e-5", "1.5"]);
        assert!(from_body::<BigInteger>(b"null").is_err());
        assert!(from_body::<BigInteger>(b"{}").is_err());
        assert!(from_body::<BigInteger>(b"2.5").is_err());
        assert!(from_body::<BigInteger>(b"\"12a\"").is_err());
    }
    // codegen:if-used crate::rt::primitives_write::BigText

    #[test]
    fn big_numbers_as_text_are_strings() {
        use crate::rt::primitives_write::BigText;
        let n: BigInteger = "-9223372036854775809".parse().unwrap();
        assert_eq!(to_vec(&BigText(&n)).unwrap(), b"\"-9223372036854775809\"");
        let d: Vec<BigDecimal> = vec!["0.100000000000000000000001".parse().unwrap()];
        assert_eq!(to_vec(&BigText(&d)).unwrap(), b"[\"0.100000000000000000000001\"]");
        let m = std::collections::HashMap::from([(String::from("k"), Some(n))]);
        assert_eq!(to_vec(&BigText(&m)).unwrap(), b"{\"k\":\"-9223372036854775809\"}");
    }
    // codegen:end

    #[test]
    fn only_numbers_parse() {
        for ok in ["0", "-7", "12345678901234567890123"] {
            assert!(ok.parse::<BigInteger>().is_ok(), "{ok}");
        }
        for bad in ["", "-", "+1", "1.0", "1e3", " 1", "0x10"] {
            assert!(bad.parse::<BigInteger>().is_err(), "{bad}");
        }
        for ok in ["0", "-1.5", "1e10", "2.5E-3", "7.0e+2"] {
            assert!(ok.parse::<BigDecimal>().is_ok(), "{ok}");
        }
        for bad in ["", ".5", "1.", "1e", "e5", "NaN", "1.2.3", "--1"] {
            assert!(bad.parse::<BigDecimal>().is_err(), "{bad}");
        }
        assert_eq!(BigInteger::default().as_str(), "0");
        assert_eq!("x".parse::<BigDecimal>().unwrap_err().to_string(), "`x` is not a decimal number");
    }
}
// codegen:end
