// Copied by smithy-codegen from codegen/runtime/rt/json.rs. DO NOT EDIT.

//! JSON for restJson1 bodies, on serde_json (escaping, number parsing, UTF-8 checks and the
//! nesting limit all come from it).
//!
//! Generated types implement [`ToJson`] / [`FromJson`] instead of serde's traits so that
//! the wire format (member names, float and timestamp rules) stays private to the crate.
//! Parsing streams from the body into builders: no intermediate `serde_json::Value`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

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
    serde_json::to_vec(&Ser(value))
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

/// A value that can be read from a restJson1 body.
pub(crate) trait FromJson: Sized {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;

    /// What a JSON `null` list item or map value becomes: dropped (`None`) for dense
    /// collections; sparse ones (`Option<T>` items) keep it.
    fn null() -> Option<Self> {
        None
    }
}

/// Adapts a [`FromJson`] value to serde.
pub(crate) struct De<T>(pub(crate) T);

impl<'de, T: FromJson> Deserialize<'de> for De<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::from_json(d).map(De)
    }
}

macro_rules! from_json_as_serde {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t>::deserialize(d)
            }
        }
    )*};
}
from_json_as_serde!(String, bool, i8, i16, i32, i64);

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

impl FromJson for f64 {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FloatVisitor)
    }
}

impl FromJson for f32 {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FloatVisitor).map(|v| v as f32)
    }
}

/// Sparse list items and map values: `null` is kept as `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<De<T>>::deserialize(d).map(|v| v.map(|v| v.0))
    }

    fn null() -> Option<Self> {
        Some(None)
    }
}

/// Lists: `null` items are dropped from dense lists, as Smithy asks clients to do.
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: FromJson> Visitor<'de> for V<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element::<Option<De<T>>>()? {
                    out.extend(item.map(|v| v.0).or_else(T::null));
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V(PhantomData))
    }
}

/// Maps: `null` values are dropped from dense maps.
impl<V: FromJson> FromJson for HashMap<String, V> {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<V>(PhantomData<V>);
        impl<'de, V: FromJson> Visitor<'de> for Vis<V> {
            type Value = HashMap<String, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(64));
                while let Some((k, v)) = map.next_entry::<String, Option<De<V>>>()? {
                    if let Some(v) = v.map(|v| v.0).or_else(V::null) {
                        out.insert(k, v);
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(Vis(PhantomData))
    }
}

/// A generated builder that is filled from a JSON object, member by member.
pub(crate) trait JsonObject: Default {
    type Output;
    /// Reads the value of the member with this wire name (or skips it if unknown).
    fn member<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<(), A::Error>;
    /// The value, with defaults and error correction applied.
    fn finish(self) -> Self::Output;
}

/// Object keys, borrowed from the body when they need no unescaping.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Reads a JSON object into the builder `B`; unknown members are skipped and the last of
/// duplicate members wins.
pub(crate) fn object<'de, B: JsonObject, D: Deserializer<'de>>(d: D) -> Result<B::Output, D::Error> {
    struct V<B>(PhantomData<B>);
    impl<'de, B: JsonObject> Visitor<'de> for V<B> {
        type Value = B::Output;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<B::Output, A::Error> {
            let mut builder = B::default();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                builder.member(&key.0, &mut map)?;
            }
            Ok(builder.finish())
        }
    }
    d.deserialize_map(V::<B>(PhantomData))
}

/// A whole body as the object `B` builds; an empty body is an empty object.
pub(crate) fn parse_body<B: JsonObject>(body: &[u8]) -> Result<B::Output, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(B::default().finish());
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let out = object::<B, _>(&mut de)?;
    de.end()?;
    Ok(out)
}

/// The value of the current member; `null` reads as absent.
pub(crate) fn member<'de, T: FromJson, A: MapAccess<'de>>(map: &mut A) -> Result<Option<T>, A::Error> {
    Ok(map.next_value::<Option<De<T>>>()?.map(|v| v.0))
}

/// Skips the value of a member this client does not know.
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// The parts of an error body every restJson1 error may carry.
#[derive(Default)]
pub(crate) struct ErrorBody {
    pub(crate) code: Option<String>,
    type_field: Option<String>,
    pub(crate) message: Option<String>,
}

impl JsonObject for ErrorBody {
    type Output = ErrorBody;

    fn member<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<(), A::Error> {
        // Only string values count; anything else is some other field of the same name.
        let value = map.next_value::<serde_json::Value>()?;
        let Some(text) = value.as_str() else { return Ok(()) };
        let slot = match name {
            "__type" => &mut self.type_field,
            "code" => &mut self.code,
            "message" | "Message" | "error_description" | "errorMessage" => &mut self.message,
            _ => return Ok(()),
        };
        slot.get_or_insert_with(|| text.to_owned());
        Ok(())
    }

    fn finish(self) -> ErrorBody {
        ErrorBody { code: self.type_field.or(self.code), type_field: None, message: self.message }
    }
}

/// Code and message of an error body; a body that is not a JSON object has neither.
pub(crate) fn error_body(body: &[u8]) -> ErrorBody {
    parse_body::<ErrorBody>(body).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_trip_non_finite_as_strings() {
        assert_eq!(to_vec(&vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.5]).unwrap(), br#"["NaN","Infinity","-Infinity",1.5]"#);
        let v: Vec<f64> = serde_json::from_str::<De<Vec<f64>>>(r#"["NaN","Infinity","-Infinity",2,1.5]"#).unwrap().0;
        assert!(v[0].is_nan() && v[1] == f64::INFINITY && v[2] == f64::NEG_INFINITY && v[3] == 2.0 && v[4] == 1.5);
        assert!(serde_json::from_str::<De<f64>>(r#""nan""#).is_err());
    }

    #[test]
    fn dense_collections_drop_nulls_sparse_keep_them() {
        let dense = serde_json::from_str::<De<Vec<String>>>(r#"["a",null,"b"]"#).unwrap().0;
        assert_eq!(dense, ["a", "b"]);
        let sparse = serde_json::from_str::<De<Vec<Option<String>>>>(r#"["a",null]"#).unwrap().0;
        assert_eq!(sparse, [Some("a".to_owned()), None]);
        let map = serde_json::from_str::<De<HashMap<String, i32>>>(r#"{"a":1,"b":null}"#).unwrap().0;
        assert_eq!(map, HashMap::from([("a".to_owned(), 1)]));
    }

    #[test]
    fn integers_out_of_range_are_errors() {
        let e = serde_json::from_str::<De<i32>>("2147483648").err().unwrap();
        assert!(e.to_string().contains("expected i32"), "{e}");
    }

    #[test]
    fn error_bodies() {
        let b = error_body(br#"{"code":"C","__type":"T","message":"m","Message":"n"}"#);
        assert_eq!((b.code.as_deref(), b.message.as_deref()), (Some("T"), Some("m")));
        let b = error_body(br#"{"code":5,"message":{"x":1}}"#);
        assert_eq!((b.code, b.message), (None, None));
        assert!(error_body(b"not json").code.is_none());
    }
}
