//! The JSON object writer of `rt/json_write.rs`, as generated writers use it. Its
//! `entry` and `opt` reach only the crates that call them (`codegen:if-used`), so these
//! tests live here rather than travel with the copies.

use serde_core::ser::{Serialize, Serializer};

use crate::rt::json_write::{Members, Ser, ToJson, to_vec};

/// An object with a set, an unset and a required member, written as the generated
/// writers write one.
struct Thing {
    name: Option<String>,
    size: Option<i32>,
    values: Vec<f64>,
}

impl ToJson for Thing {
    fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = Members::start(s);
        w.opt("name", &self.name);
        w.opt("size", &self.size);
        w.entry("values", &Ser(&self.values));
        w.end()
    }
}

#[test]
fn members_write_set_members_in_order() {
    let thing = Thing { name: Some("a\"b".into()), size: None, values: vec![1.0, f64::NAN] };
    assert_eq!(to_vec(&thing).unwrap(), br#"{"name":"a\"b","values":[1.0,"NaN"]}"#);
}

#[test]
fn an_object_without_members_is_empty() {
    struct Empty;
    impl ToJson for Empty {
        fn to_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Members::start(s).end()
        }
    }
    assert_eq!(to_vec(&Empty).unwrap(), b"{}");
}

#[test]
fn members_keep_the_first_error_and_skip_the_rest() {
    // Both members fail: `end` returns the first error, and nothing is written after it.
    struct Fails(&'static str);
    impl Serialize for Fails {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde_core::ser::Error::custom(self.0))
        }
    }
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    let mut w = Members::start(&mut serializer);
    w.entry("a", &Fails("the first failure"));
    w.entry("b", &Fails("a later failure"));
    w.opt("c", &Some(1));
    assert_eq!(w.end().unwrap_err().to_string(), "the first failure");
    assert_eq!(out, br#"{"a":"#);
}
