//! Reading timestamps, blobs and documents from JSON. (Copied into crates that read them.)

use std::collections::HashMap;
use std::fmt;

use base64::Engine;
use serde_core::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::primitives::{Blob, DateTime, Document, Format, Number};
// codegen:if big-numbers
use crate::primitives::{BigDecimal, BigInteger};
// codegen:end
use crate::rt::json_read::FromJson;

/// A timestamp in any of Smithy's formats: a number is epoch seconds, a string is read
/// as a date-time, else an HTTP date, else epoch seconds in text. (What the member's
/// `@timestampFormat` says is what servers send; accepting all of them costs nothing.)
impl FromJson for DateTime {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp (epoch seconds, a date-time or an HTTP date)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateTime, E> {
                Ok(DateTime::from_secs(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateTime, E> {
                i64::try_from(v).map(DateTime::from_secs).map_err(|_| E::custom("timestamp out of range"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateTime, E> {
                if v.is_finite() { Ok(DateTime::from_secs_f64(v)) } else { Err(E::custom("timestamp out of range")) }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
                [Format::DateTime, Format::HttpDate, Format::EpochSeconds]
                    .into_iter()
                    .find_map(|format| DateTime::from_str(v, format).ok())
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

// codegen:if big-numbers
/// The text of a JSON number exactly as it was sent (serde_json's raw value, so no digit
/// goes through a machine number), or of a JSON string holding one; checked by `parse`.
fn big_number_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let raw = <Box<serde_json::value::RawValue> as de::Deserialize>::deserialize(d)?;
    let text = raw.get();
    if text.starts_with('"') { serde_json::from_str(text).map_err(de::Error::custom) } else { Ok(text.to_owned()) }
}

impl FromJson for BigInteger {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        big_number_text(d)?.parse().map_err(de::Error::custom)
    }
}

impl FromJson for BigDecimal {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        big_number_text(d)?.parse().map_err(de::Error::custom)
    }
}
// codegen:end

/// Base64 text.
impl FromJson for Blob {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::from_json(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Blob::new)
            .map_err(|e| de::Error::custom(format!("invalid base64: {e}")))
    }
}

impl FromJson for Document {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Document;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Document, E> {
                Ok(Document::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Document, E> {
                Ok(Document::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Document, E> {
                Ok(Document::Number(Number::PosInt(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Document, E> {
                Ok(Document::Number(Number::Float(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Document, E> {
                Ok(Document::String(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<crate::rt::json_read::De<Document>>()? {
                    items.push(item.0);
                }
                Ok(Document::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
                let mut out = HashMap::new();
                while let Some((k, v)) = map.next_entry::<String, crate::rt::json_read::De<Document>>()? {
                    out.insert(k, v.0);
                }
                Ok(Document::Object(out))
            }
        }
        d.deserialize_any(V)
    }
}
