// Copied by smithy-codegen from codegen/runtime/rt/json_write.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Writing values of generated types as JSON. (Copied into crates that send bodies.)

use std::collections::HashMap;

use serde_core::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A value with a restJson1 body representation.
pub(crate) trait ToJson {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
}

/// Adapts a [`ToJson`] value to serde.
pub(crate) struct Ser<'a, T: ?Sized>(pub(crate) &'a T);

impl<T: ToJson + ?Sized> Serialize for Ser<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.to_json(s)
    }
}

/// The JSON bytes of a value.
pub(crate) fn to_vec<T: ToJson + ?Sized>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    // Most request bodies fit without growing the buffer.
    let mut out = Vec::with_capacity(512);
    serde_json::to_writer(&mut out, &Ser(value))?;
    Ok(out)
}

/// A JSON object written member by member. The first error is kept, the members after it
/// are skipped, and [`end`](Self::end) returns it: the generated writers then need no `?`
/// per member, which makes them much cheaper to compile.
pub(crate) struct Members<S: Serializer>(Result<S::SerializeMap, S::Error>);

impl<S: Serializer> Members<S> {
    /// Starts the object.
    pub(crate) fn start(s: S) -> Self {
        Members(s.serialize_map(None))
    }

    /// Writes a member.
    pub(crate) fn entry<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Ok(map) = &mut self.0
            && let Err(e) = map.serialize_entry(key, value)
        {
            self.0 = Err(e);
        }
    }

    /// Writes an optional member when it is set.
    pub(crate) fn opt<T: ToJson>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(v) = value {
            self.entry(key, &Ser(v));
        }
    }

    /// Ends the object, or returns the first error.
    pub(crate) fn end(self) -> Result<S::Ok, S::Error> {
        self.0?.end()
    }
}

macro_rules! to_json_as_serde {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.serialize(s)
            }
        }
    )*};
}
to_json_as_serde!(String, str, bool, i8, i16, i32, i64);

macro_rules! float_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            /// Non-finite numbers have no JSON form: Smithy sends them as strings.
            fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if self.is_nan() {
                    s.serialize_str("NaN")
                } else if self.is_infinite() {
                    s.serialize_str(if *self > 0.0 { "Infinity" } else { "-Infinity" })
                } else {
                    self.serialize(s)
                }
            }
        }
    )*};
}
float_to_json!(f32, f64);

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&Ser(item))?;
        }
        seq.end()
    }
}

/// A union member targeting `smithy.api#Unit` is sent as `{}`.
impl ToJson for () {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_map(Some(0))?.end()
    }
}

/// Recursive members are boxed.
impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).to_json(s)
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.to_json(s),
            None => s.serialize_unit(),
        }
    }
}

impl<V: ToJson> ToJson for HashMap<String, V> {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, &Ser(v))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_write_non_finite_as_strings() {
        assert_eq!(to_vec(&vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.5]).unwrap(), br#"["NaN","Infinity","-Infinity",1.5]"#);
    }
}
