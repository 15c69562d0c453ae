// Copied by smithy-codegen from codegen/runtime/rt/json.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! JSON for restJson1 bodies, on serde_json (escaping, number parsing, UTF-8 checks and the
//! nesting limit all come from it): reading a body into a generated builder, and the
//! parts of error bodies. Values are read by `json_read` and written by `json_write`,
//! each copied only into crates that use it.
//!
//! Generated types implement these crate-private traits instead of serde's so that the
//! wire format (member names, float and timestamp rules) stays private to the crate.
//! Parsing streams from the body into builders: no intermediate `serde_json::Value`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde_core::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

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

/// A whole body read into the builder `B`, before defaults and error correction (so
/// members bound elsewhere, such as headers, can be added); errors say what was wrong.
#[allow(dead_code)] // Unused where no output or error is a JSON object.
pub(crate) fn parse_body_builder<B: JsonObject>(body: &[u8]) -> Result<B, String> {
    struct Builder<B>(B);
    impl<B: JsonObject> JsonObject for Builder<B> {
        type Output = B;
        fn member<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<(), A::Error> {
            self.0.member(name, map)
        }
        fn finish(self) -> B {
            self.0
        }
    }
    impl<B: Default> Default for Builder<B> {
        fn default() -> Self {
            Builder(B::default())
        }
    }
    parse_body::<Builder<B>>(body).map_err(|e| format!("invalid JSON body: {e}"))
}

/// Skips the value of a member this client does not know.
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(drop)
}

/// The parts of an error body every JSON error may carry.
#[derive(Default)]
pub(crate) struct ErrorBody {
    /// `__type`.
    pub(crate) type_field: Option<String>,
    /// `code`.
    pub(crate) code: Option<String>,
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
        self
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
    fn error_bodies() {
        let b = error_body(br#"{"code":"C","__type":"T","message":"m","Message":"n"}"#);
        assert_eq!((b.type_field.as_deref(), b.code.as_deref(), b.message.as_deref()), (Some("T"), Some("C"), Some("m")));
        let b = error_body(br#"{"code":5,"__type":[],"message":{"x":1}}"#);
        assert_eq!((b.type_field, b.code, b.message), (None, None, None));
        assert!(error_body(b"not json").code.is_none());
    }
}
