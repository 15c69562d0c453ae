//! Reading XML bodies (awsQuery responses) on quick-xml's pull parser: generated builders
//! are filled element by element ([`XmlObject`]), with no tree in between. A document
//! type declaration is refused (so no entity is ever declared, let alone expanded; only
//! XML's five predefined entities and character references are), nesting is bounded, and
//! skipping an unknown element reads events without recursion. (Copied into crates whose
//! protocol has XML bodies.)

use quick_xml::events::Event;

// codegen:if primitives
use crate::primitives::{Blob, DateTime, Format};
// codegen:end
// codegen:if big-numbers
use crate::primitives::{BigDecimal, BigInteger};
// codegen:end

/// The deepest nesting of elements read into values.
const MAX_DEPTH: usize = 128;

/// A body being read, positioned inside an element.
pub(crate) struct XmlReader<'b> {
    reader: quick_xml::Reader<&'b [u8]>,
    depth: usize,
}

impl<'b> XmlReader<'b> {
    pub(crate) fn new(body: &'b [u8]) -> Self {
        let mut reader = quick_xml::Reader::from_reader(body);
        // `<a/>` reads as `<a></a>`, and end tags must match their start.
        reader.config_mut().expand_empty_elements = true;
        reader.config_mut().check_end_names = true;
        XmlReader { reader, depth: 0 }
    }

    fn event(&mut self) -> Result<Event<'b>, String> {
        match self.reader.read_event() {
            Ok(Event::DocType(_)) => Err(String::from("a document type declaration is not allowed")),
            Ok(Event::Eof) => Err(String::from("the document ends early")),
            Ok(event) => Ok(event),
            Err(e) => Err(format!("invalid XML: {e}")),
        }
    }

    /// Enters the root element; an error unless it is named `name`.
    pub(crate) fn root(&mut self, name: &str) -> Result<(), String> {
        match self.next_child()? {
            Some(found) if found == name => Ok(()),
            Some(found) => Err(format!("the root element is `{found}`, not `{name}`")),
            None => Err(String::from("no root element")),
        }
    }

    /// Enters the next child element of the current one and gives its name; `None` once
    /// the current element ends (its end is read).
    pub(crate) fn next_child(&mut self) -> Result<Option<String>, String> {
        loop {
            match self.event()? {
                Event::Start(start) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(String::from("nested too deeply"));
                    }
                    return String::from_utf8(start.name().as_ref().to_vec()).map(Some).map_err(|_| String::from("a name is not UTF-8"));
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(None);
                }
                // Whitespace between elements, comments, declarations, processing instructions.
                _ => {}
            }
        }
    }

    /// The text of the current element, through its end; an element inside is an error.
    pub(crate) fn text(&mut self) -> Result<String, String> {
        let mut text = String::new();
        loop {
            match self.event()? {
                Event::Text(t) => text.push_str(&t.unescape().map_err(|e| format!("invalid XML text: {e}"))?),
                Event::CData(c) => text.push_str(std::str::from_utf8(&c).map_err(|_| String::from("text is not UTF-8"))?),
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(text);
                }
                Event::Start(_) => return Err(String::from("an element where text was expected")),
                _ => {}
            }
        }
    }

    /// Skips the rest of the current element, however deep, without recursion.
    pub(crate) fn skip(&mut self) -> Result<(), String> {
        let mut open = 1usize;
        while open > 0 {
            match self.event()? {
                Event::Start(_) => open += 1,
                Event::End(_) => open -= 1,
                _ => {}
            }
        }
        self.depth = self.depth.saturating_sub(1);
        Ok(())
    }

    /// Enters, from the current element, the chain of child elements named by `path`
    /// (skipping others); `false` when one is missing (the current element has ended).
    fn descend(&mut self, path: &[&str]) -> Result<bool, String> {
        for name in path {
            loop {
                match self.next_child()? {
                    Some(found) if found == *name => break,
                    Some(_) => self.skip()?,
                    None => return Ok(false),
                }
            }
        }
        Ok(true)
    }
}

/// A value read from the text of an element.
pub(crate) trait FromXmlText: Sized {
    fn from_text(text: &str) -> Result<Self, String>;
}

/// The text of the current element as `T`.
pub(crate) fn scalar<T: FromXmlText>(r: &mut XmlReader<'_>) -> Result<T, String> {
    T::from_text(r.text()?.trim())
}

/// A value read from the current element (entered), through its end: a structure or union
/// from its children, anything else from its text.
pub(crate) trait FromXml: Sized {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, String>;
}

impl<T: FromXmlText> FromXml for T {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, String> {
        scalar(r)
    }
}

/// `T::from_xml`, as a function to hand to [`list`] and [`map`].
pub(crate) fn read<T: FromXml>(r: &mut XmlReader<'_>) -> Result<T, String> {
    T::from_xml(r)
}

impl FromXmlText for String {
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl FromXmlText for bool {
    fn from_text(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("`{text}` is not a boolean")),
        }
    }
}

macro_rules! parsed_from_text {
    ($($t:ty),*) => {$(
        impl FromXmlText for $t {
            fn from_text(text: &str) -> Result<Self, String> {
                text.parse().map_err(|_| format!("`{text}` is not a {}", stringify!($t)))
            }
        }
    )*};
}
parsed_from_text!(i8, i16, i32, i64);

/// Floats, with `NaN`, `Infinity` and `-Infinity`.
macro_rules! float_from_text {
    ($($t:ty),*) => {$(
        impl FromXmlText for $t {
            fn from_text(text: &str) -> Result<Self, String> {
                match text {
                    "NaN" => Ok(<$t>::NAN),
                    "Infinity" => Ok(<$t>::INFINITY),
                    "-Infinity" => Ok(<$t>::NEG_INFINITY),
                    _ => text.parse().map_err(|_| format!("`{text}` is not a number")),
                }
            }
        }
    )*};
}
float_from_text!(f32, f64);

// codegen:if primitives
impl FromXmlText for Blob {
    fn from_text(text: &str) -> Result<Self, String> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.decode(text).map(Blob::new).map_err(|_| String::from("a blob is not base64"))
    }
}

/// A timestamp in any of Smithy's formats (date-time is the protocols' default).
impl FromXmlText for DateTime {
    fn from_text(text: &str) -> Result<Self, String> {
        [Format::DateTime, Format::HttpDate, Format::EpochSeconds]
            .into_iter()
            .find_map(|format| DateTime::from_str(text, format).ok())
            .ok_or_else(|| format!("`{text}` is not a timestamp"))
    }
}
// codegen:end
// codegen:if big-numbers

impl FromXmlText for BigInteger {
    fn from_text(text: &str) -> Result<Self, String> {
        text.parse().map_err(|e| format!("{e}"))
    }
}

impl FromXmlText for BigDecimal {
    fn from_text(text: &str) -> Result<Self, String> {
        text.parse().map_err(|e| format!("{e}"))
    }
}
// codegen:end

/// A generated builder that is filled from an element's children, one by one.
pub(crate) trait XmlObject: Default {
    type Output;
    /// Reads the child element with this name (entered), through its end, or skips it.
    fn member(&mut self, name: &str, r: &mut XmlReader<'_>) -> Result<(), String>;
    /// The value, with defaults and error correction applied.
    fn finish(self) -> Self::Output;
}

/// A structure read from the current element's children.
pub(crate) fn object<B: XmlObject>(r: &mut XmlReader<'_>) -> Result<B::Output, String> {
    let mut builder = B::default();
    while let Some(name) = r.next_child()? {
        builder.member(&name, r)?;
    }
    Ok(builder.finish())
}

/// A body read into `B` from the element at `path` (the root first, then children; no
/// path: the root, whatever its name); an empty body, or one without the inner elements,
/// is an empty structure.
pub(crate) fn from_body<B: XmlObject>(body: &[u8], path: &[&str]) -> Result<B::Output, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(B::default().finish());
    }
    let mut r = XmlReader::new(body);
    match path.split_first() {
        Some((root, _)) => r.root(root),
        None => r.next_child().and_then(|root| root.map(drop).ok_or_else(|| String::from("no root element"))),
    }
    .map_err(|e| format!("invalid XML body: {e}"))?;
    let inner = path.get(1..).unwrap_or_default();
    if !r.descend(inner).map_err(|e| format!("invalid XML body: {e}"))? {
        return Ok(B::default().finish());
    }
    object::<B>(&mut r).map_err(|e| format!("invalid XML body: {e}"))
}

// codegen:if-used crate::rt::xml::list
/// A list: the current element's children named `item`, each read by `read`.
pub(crate) fn list<T>(r: &mut XmlReader<'_>, item: &str, mut read: impl FnMut(&mut XmlReader<'_>) -> Result<T, String>) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    while let Some(name) = r.next_child()? {
        if name == item { out.push(read(r)?) } else { r.skip()? }
    }
    Ok(out)
}
// codegen:end
// codegen:if-used crate::rt::xml::entry crate::rt::xml::map

/// One map entry: the current element's children named `key` and `value`; `None` for an
/// entry without a value.
pub(crate) fn entry<V>(
    r: &mut XmlReader<'_>,
    key: &str,
    value: &str,
    mut read: impl FnMut(&mut XmlReader<'_>) -> Result<V, String>,
) -> Result<(String, Option<V>), String> {
    let (mut k, mut v) = (None, None);
    while let Some(name) = r.next_child()? {
        if name == key {
            k = Some(r.text()?);
        } else if name == value {
            v = Some(read(r)?);
        } else {
            r.skip()?;
        }
    }
    Ok((k.ok_or_else(|| String::from("a map entry without a key"))?, v))
}
// codegen:end
// codegen:if-used crate::rt::xml::map

/// A map: the current element's `entry` children.
pub(crate) fn map<V>(
    r: &mut XmlReader<'_>,
    key: &str,
    value: &str,
    mut read: impl FnMut(&mut XmlReader<'_>) -> Result<V, String>,
) -> Result<std::collections::HashMap<String, V>, String> {
    let mut out = std::collections::HashMap::new();
    while let Some(name) = r.next_child()? {
        if name != "entry" {
            r.skip()?;
            continue;
        }
        if let (k, Some(v)) = entry(r, key, value, &mut read)? {
            out.insert(k, v);
        }
    }
    Ok(out)
}
// codegen:end
// codegen:if union

/// A generated union.
pub(crate) trait XmlUnion: Sized {
    /// Reads the member with this name (entered), through its end; `None` for a name this
    /// client does not know (skipped).
    fn variant(name: &str, r: &mut XmlReader<'_>) -> Result<Option<Self>, String>;
    /// The value of a member this client does not know.
    fn unknown() -> Self;
}

/// A union read from the current element's children: exactly one must be set.
pub(crate) fn union<U: XmlUnion>(r: &mut XmlReader<'_>) -> Result<U, String> {
    let mut found = None;
    let mut count = 0;
    while let Some(name) = r.next_child()? {
        count += 1;
        found = Some(match U::variant(&name, r)? {
            Some(value) => value,
            None => U::unknown(),
        });
    }
    match (found, count) {
        (Some(value), 1) => Ok(value),
        (None, _) => Err(String::from("a union must have exactly one member set, found none")),
        _ => Err(String::from("a union must have exactly one member set, found several")),
    }
}
// codegen:end

// The tests read lists and maps: in generated crates, only those with both have them.
// codegen:if-used crate::rt::xml::list
// codegen:if-used crate::rt::xml::map
#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[derive(Default, Debug, PartialEq)]
    struct Thing {
        name: Option<String>,
        size: Option<i32>,
        tags: Option<Vec<String>>,
        flat: Option<Vec<String>>,
        attrs: Option<HashMap<String, i32>>,
        child: Option<Box<Thing>>,
    }

    impl XmlObject for Thing {
        type Output = Thing;
        fn member(&mut self, name: &str, r: &mut XmlReader<'_>) -> Result<(), String> {
            match name {
                "Name" => self.name = Some(scalar(r)?),
                "Size" => self.size = Some(scalar(r)?),
                "Tags" => self.tags = Some(list(r, "member", scalar)?),
                "Flat" => self.flat.get_or_insert_with(Vec::new).push(scalar(r)?),
                "Attrs" => self.attrs = Some(map(r, "key", "value", scalar)?),
                "Child" => self.child = Some(Box::new(object::<Thing>(r)?)),
                _ => r.skip()?,
            }
            Ok(())
        }
        fn finish(self) -> Thing {
            self
        }
    }

    const WRAP: [&str; 2] = ["OpResponse", "OpResult"];

    #[test]
    fn structures_lists_and_maps() {
        let body = br#"<?xml version="1.0"?>
            <OpResponse xmlns="https://example.com/doc/2020-01-01/">
              <OpResult>
                <Name>a &amp; b &#x41;<![CDATA[<c>]]></Name>
                <Size>5</Size>
                <Tags><member>x</member><other/><member>y</member></Tags>
                <Flat>1</Flat><Unknown><deep><deeper/></deep></Unknown><Flat>2</Flat>
                <Attrs><entry><key>k</key><value>3</value></entry></Attrs>
                <Child><Name/></Child>
              </OpResult>
              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </OpResponse>"#;
        let thing = from_body::<Thing>(body, &WRAP).unwrap();
        assert_eq!(thing.name.as_deref(), Some("a & b A<c>"));
        assert_eq!(
            (thing.size, thing.tags.unwrap(), thing.flat.unwrap()),
            (Some(5), vec!["x".to_owned(), "y".to_owned()], vec!["1".to_owned(), "2".to_owned()])
        );
        assert_eq!(thing.attrs.unwrap()["k"], 3);
        assert_eq!(thing.child.unwrap().name.as_deref(), Some(""));
        // No path: the root is the structure, whatever its name.
        assert_eq!(from_body::<Thing>(b"<Anything><Size>2</Size></Anything>", &[]).unwrap().size, Some(2));
        // No body, or no result element: an empty structure.
        assert_eq!(from_body::<Thing>(b"", &WRAP).unwrap(), Thing::default());
        assert_eq!(from_body::<Thing>(b"<OpResponse><ResponseMetadata/></OpResponse>", &WRAP).unwrap(), Thing::default());
    }

    #[test]
    fn scalars() {
        assert!(f64::from_text("NaN").unwrap().is_nan());
        assert_eq!(f32::from_text("-Infinity").unwrap(), f32::NEG_INFINITY);
        assert_eq!(bool::from_text("true"), Ok(true));
        assert!(bool::from_text("True").is_err());
        assert!(i8::from_text("300").is_err());
    }
    // codegen:if primitives

    #[test]
    fn timestamps_and_blobs() {
        assert_eq!(Blob::from_text("Zm9v").unwrap().as_ref(), b"foo");
        let t = DateTime::from_text("2014-04-29T18:30:38Z").unwrap();
        assert_eq!(t.secs(), 1398796238);
        assert_eq!(DateTime::from_text("Tue, 29 Apr 2014 18:30:38 GMT").unwrap().secs(), 1398796238);
    }
    // codegen:end

    #[test]
    fn hostile_bodies_are_errors() {
        let deep = format!("<OpResponse><OpResult><Child>{}", "<Child>".repeat(100_000));
        let deep_unknown = format!("<OpResponse><OpResult><Unknown>{}", "<x>".repeat(100_000));
        for (name, body) in [
            (
                "a document type declaration",
                r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "boom">]><OpResponse><OpResult><Name>&e;</Name></OpResult></OpResponse>"#.to_owned(),
            ),
            ("an undeclared entity", "<OpResponse><OpResult><Name>&e;</Name></OpResult></OpResponse>".to_owned()),
            ("100,000 nested known elements", deep),
            ("100,000 nested unknown elements, unclosed", deep_unknown),
            ("truncated", "<OpResponse><OpResult><Name>a</Na".to_owned()),
            ("an unknown root", "<Other><OpResult/></Other>".to_owned()),
            ("mismatched end tag", "<OpResponse><OpResult><Name>a</Size></OpResult></OpResponse>".to_owned()),
            ("an element where text belongs", "<OpResponse><OpResult><Size><b>1</b></Size></OpResult></OpResponse>".to_owned()),
            ("a number out of range", "<OpResponse><OpResult><Size>99999999999</Size></OpResult></OpResponse>".to_owned()),
            ("not XML", "{\"json\": true}".to_owned()),
        ] {
            assert!(from_body::<Thing>(body.as_bytes(), &WRAP).is_err(), "{name}");
        }
        // Deep but complete unknown elements are skipped without recursion.
        let closed = format!(
            "<OpResponse><OpResult><Unknown>{}{}</Unknown><Size>1</Size></OpResult></OpResponse>",
            "<x>".repeat(100_000),
            "</x>".repeat(100_000)
        );
        assert_eq!(from_body::<Thing>(closed.as_bytes(), &WRAP).unwrap().size, Some(1));
    }
}
// codegen:end
// codegen:end
