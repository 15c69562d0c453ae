//! A stand-in for the XML types a generated awsQuery or restXml crate reads (a structure
//! with attributes, wrapped and flattened lists, a map, nested and recursive structures,
//! scalars of every kind), written as the generator writes them, and the fuzz entry point
//! that reads any bytes into it every way a crate does (inside an envelope, as the root, as a
//! payload, as an unwrapped output) and as each error envelope (feature `fuzzing`; the `xml`
//! target in `fuzz/`).

use std::collections::HashMap;

use crate::primitives::{BigDecimal, Blob, DateTime};
use crate::rt::HttpResponse;
use crate::rt::xml::{self, FromXml, FromXmlText, XmlObject, XmlReader};

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Everything {
    text: Option<String>,
    blob: Option<Blob>,
    time: Option<DateTime>,
    int: Option<i32>,
    long: Option<i64>,
    double: Option<f64>,
    flag: Option<bool>,
    big: Option<BigDecimal>,
    list: Option<Vec<String>>,
    nested: Option<Vec<Vec<i32>>>,
    flat: Option<Vec<String>>,
    map: Option<HashMap<String, i64>>,
    flat_map: Option<HashMap<String, String>>,
    child: Option<Box<Everything>>,
    kind: Option<String>,
    size: Option<i64>,
}

impl XmlObject for Everything {
    type Output = Everything;

    fn member(&mut self, name: &str, r: &mut XmlReader<'_>) -> Result<(), String> {
        match name {
            "Text" => self.text = Some(xml::read(r)?),
            "Blob" => self.blob = Some(xml::read(r)?),
            "Time" => self.time = Some(xml::read(r)?),
            "Int" => self.int = Some(xml::read(r)?),
            "Long" => self.long = Some(xml::read(r)?),
            "Double" => self.double = Some(xml::read(r)?),
            "Flag" => self.flag = Some(xml::read(r)?),
            "Big" => self.big = Some(xml::read(r)?),
            "List" => self.list = Some(xml::list(r, "member", xml::read)?),
            "Nested" => self.nested = Some(xml::list(r, "member", |r: &mut XmlReader<'_>| xml::list(r, "item", xml::read))?),
            "Flat" => self.flat.get_or_insert_with(Vec::new).push(xml::read(r)?),
            "Map" => self.map = Some(xml::map(r, "key", "value", xml::read)?),
            "FlatMap" => {
                if let (k, Some(v)) = xml::entry(r, "K", "V", xml::read)? {
                    self.flat_map.get_or_insert_with(HashMap::new).insert(k, v);
                }
            }
            "Child" => self.child = Some(Box::new(xml::read(r)?)),
            _ => r.skip()?,
        }
        Ok(())
    }

    fn attribute(&mut self, name: &str, value: &str) -> Result<(), String> {
        if name == "xsi:type" {
            self.kind = Some(FromXmlText::from_text(value)?);
        }
        if name == "size" {
            self.size = Some(FromXmlText::from_text(value)?);
        }
        Ok(())
    }

    fn finish(self) -> Everything {
        self
    }
}

impl FromXml for Everything {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, String> {
        xml::object::<Everything>(r)
    }
}

/// Reads any bytes as an awsQuery output and as an error response.
pub fn run(data: &[u8]) {
    if let Ok(value) = xml::from_body::<Everything>(data, &["OpResponse", "OpResult"]) {
        let _ = format!("{value:?}");
    }
    let response = HttpResponse { status: 400, headers: reqwest::header::HeaderMap::new(), body: bytes::Bytes::copy_from_slice(data) };
    for meta in [xml::error_metadata(&response), xml::ec2_error_metadata(&response), xml::unwrapped_error_metadata(&response)] {
        let _ = format!("{meta:?}");
    }
    let _ = xml::from_body::<Everything>(data, &["ErrorResponse", "Error"]);
    let _ = xml::from_body::<Everything>(data, &[]);
    let _ = xml::document::<Everything>(data).map(|v| format!("{v:?}"));
    let _ = xml::unwrapped::<Everything>(data).map(|v| format!("{v:?}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seeds of the `xml` fuzz target, replayed on every test run.
    #[test]
    fn fuzz_seeds_replay() {
        assert!(crate::replay_seeds("xml", run) >= 4);
    }

    #[test]
    fn everything_reads() {
        let body = b"<OpResponse><OpResult><Text>t</Text><Int>-1</Int><Flag>true</Flag><Big>1.5e3</Big>\
            <Nested><member><item>1</item><item>2</item></member></Nested><Flat>a</Flat><Flat>b</Flat>\
            <FlatMap><K>k</K><V>v</V></FlatMap><Child><Long>9</Long></Child></OpResult></OpResponse>";
        let value = xml::from_body::<Everything>(body, &["OpResponse", "OpResult"]).unwrap();
        assert_eq!((value.text.as_deref(), value.int, value.flag), (Some("t"), Some(-1), Some(true)));
        assert_eq!(value.nested, Some(vec![vec![1, 2]]));
        assert_eq!(value.flat, Some(vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(value.flat_map.unwrap()["k"], "v");
        assert_eq!(value.child.unwrap().long, Some(9));
        run(body);
        let root = br#"<Any xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group" size=" 7 "><Int>1</Int></Any>"#;
        let value = xml::document::<Everything>(root).unwrap();
        assert_eq!((value.kind.as_deref(), value.size, value.int), (Some("Group"), Some(7), Some(1)));
        run(root);
    }
}
