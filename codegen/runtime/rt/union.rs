//! Reading unions from JSON: exactly one member must be set; a member this client does
//! not know reads as the `Unknown` variant. (Copied only into crates whose model has unions.)

use std::fmt;
use std::marker::PhantomData;

use serde_core::de::{self, Deserializer, MapAccess, Visitor};

use super::json::skip;

/// A generated union.
pub(crate) trait JsonUnion: Sized {
    /// Reads the member with this wire name; `None` when its value is `null`.
    fn variant<'de, A: MapAccess<'de>>(name: &str, map: &mut A) -> Result<Option<Self>, A::Error>;
}

/// Reads a union from a JSON object (`__type`, which some services add, is ignored).
pub(crate) fn union<'de, U: JsonUnion, D: Deserializer<'de>>(d: D) -> Result<U, D::Error> {
    struct V<U>(PhantomData<U>);
    impl<'de, U: JsonUnion> Visitor<'de> for V<U> {
        type Value = U;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object with exactly one member set")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
            let mut found = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == "__type" {
                    skip(&mut map)?;
                    continue;
                }
                if let Some(value) = U::variant(&key, &mut map)?
                    && found.replace(value).is_some()
                {
                    return Err(de::Error::custom("a union must have exactly one member set, found several"));
                }
            }
            found.ok_or_else(|| de::Error::custom("a union must have exactly one member set, found none"))
        }
    }
    d.deserialize_map(V(PhantomData))
}
