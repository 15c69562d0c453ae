//! Writing timestamps, blobs and documents as JSON. (Copied into crates that send them.)

use std::collections::HashMap;

use base64::Engine;
use serde_core::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};

use crate::primitives::{Blob, DateTime, Document, Format, Number};
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
