// Copied by smithy-codegen from codegen/runtime/rt/json_read.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Reading values of generated types from JSON. (Copied into crates that read values.)

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde_core::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

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

/// A union member targeting `smithy.api#Unit`: its value (`{}`) carries nothing.
impl FromJson for () {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de::IgnoredAny::deserialize(d).map(drop)
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

/// A whole body as one value (an `@httpPayload` structure, union or document).
#[allow(dead_code)] // Only operations with such a payload use it.
pub(crate) fn from_body<T: FromJson>(body: &[u8]) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = T::from_json(&mut de).map_err(|e| format!("invalid JSON payload: {e}"))?;
    de.end().map_err(|e| format!("invalid JSON payload: {e}"))?;
    Ok(value)
}


/// Reads the current member into a builder's field (`null` reads as absent): one call per
/// member, with no `?`, keeps the generated readers cheap to compile.
pub(crate) fn member_into<'de, T: FromJson, A: MapAccess<'de>>(map: &mut A, field: &mut Option<T>) -> Result<(), A::Error> {
    *field = map.next_value::<Option<De<T>>>()?.map(|v| v.0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_non_finite_strings() {
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
}
