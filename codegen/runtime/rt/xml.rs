//! Reading XML bodies (awsQuery and restXml responses) on quick-xml's pull parser:
//! generated builders are filled element by element and attribute by attribute
//! ([`XmlObject`]), with no tree in between. A document type declaration is refused (so no
//! entity is ever declared, let alone expanded; only XML's five predefined entities and
//! character references are), nesting is bounded, and skipping an unknown element reads
//! events without recursion. The error envelopes (`<ErrorResponse><Error>` and its kin) are
//! read here too. (Copied into crates whose protocol has XML bodies.)

use quick_xml::events::{BytesStart, Event};

// codegen:if-used crate::rt::xml::error_metadata crate::rt::xml::ec2_error_metadata crate::rt::xml::unwrapped_error_metadata
use super::HttpResponse;
use crate::error::ErrorMetadata;
// codegen:end

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
    /// The attributes of the element entered last (names with their prefixes).
    attributes: Vec<(String, String)>,
}

impl<'b> XmlReader<'b> {
    pub(crate) fn new(body: &'b [u8]) -> Self {
        let mut reader = quick_xml::Reader::from_reader(body);
        // `<a/>` reads as `<a></a>`, and end tags must match their start.
        reader.config_mut().expand_empty_elements = true;
        reader.config_mut().check_end_names = true;
        XmlReader { reader, depth: 0, attributes: Vec::new() }
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
                    self.keep_attributes(&start)?;
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

    fn keep_attributes(&mut self, start: &BytesStart<'_>) -> Result<(), String> {
        self.attributes.clear();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| format!("invalid XML attribute: {e}"))?;
            let name = std::str::from_utf8(attribute.key.as_ref()).map_err(|_| String::from("a name is not UTF-8"))?.to_owned();
            let value = attribute.unescape_value().map_err(|e| format!("invalid XML attribute: {e}"))?.into_owned();
            self.attributes.push((name, value));
        }
        Ok(())
    }

    /// The attributes of the element entered last, taken (before its children are read).
    pub(crate) fn take_attributes(&mut self) -> Vec<(String, String)> {
        std::mem::take(&mut self.attributes)
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

/// The text of the current element as `T` (strings keep their whitespace; other values
/// are read without the whitespace around them).
pub(crate) fn scalar<T: FromXmlText>(r: &mut XmlReader<'_>) -> Result<T, String> {
    T::from_text(&r.text()?)
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
        match text.trim() {
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
                let text = text.trim();
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
                let text = text.trim();
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
        base64::engine::general_purpose::STANDARD.decode(text.trim()).map(Blob::new).map_err(|_| String::from("a blob is not base64"))
    }
}

/// A timestamp in any of Smithy's formats (date-time is the protocols' default).
impl FromXmlText for DateTime {
    fn from_text(text: &str) -> Result<Self, String> {
        let text = text.trim();
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
        text.trim().parse().map_err(|e| format!("{e}"))
    }
}

impl FromXmlText for BigDecimal {
    fn from_text(text: &str) -> Result<Self, String> {
        text.trim().parse().map_err(|e| format!("{e}"))
    }
}
// codegen:end

/// A generated builder that is filled from an element's attributes and children.
pub(crate) trait XmlObject: Default {
    type Output;
    /// Reads the child element with this name (entered), through its end, or skips it.
    fn member(&mut self, name: &str, r: &mut XmlReader<'_>) -> Result<(), String>;
    /// Reads an attribute of the element (`@xmlAttribute` members); others are ignored.
    fn attribute(&mut self, _name: &str, _value: &str) -> Result<(), String> {
        Ok(())
    }
    /// The value, with defaults and error correction applied.
    fn finish(self) -> Self::Output;
}

/// Fills `builder` from the current element's attributes and children, through its end.
fn fill<B: XmlObject>(r: &mut XmlReader<'_>, builder: &mut B) -> Result<(), String> {
    for (name, value) in r.take_attributes() {
        builder.attribute(&name, &value)?;
    }
    while let Some(name) = r.next_child()? {
        builder.member(&name, r)?;
    }
    Ok(())
}

/// A structure read from the current element.
pub(crate) fn object<B: XmlObject>(r: &mut XmlReader<'_>) -> Result<B::Output, String> {
    let mut builder = B::default();
    fill(r, &mut builder)?;
    Ok(builder.finish())
}

// codegen:if-used crate::rt::xml::from_body
/// A body read into `B` from the element at `path` (the root first, then children; no
/// path: the root, whatever its name); an empty body, or one without the inner elements,
/// is an empty structure.
pub(crate) fn from_body<B: XmlObject>(body: &[u8], path: &[&str]) -> Result<B::Output, String> {
    builder_from_body::<B>(body, path).map(B::finish)
}
// codegen:end

/// A body read into `B` from the element at `path` (the root first, then children; no
/// path: the root, whatever its name), the builder not finished (members read from the
/// response's head are added after); an empty body, or one without the inner elements,
/// is an empty builder.
pub(crate) fn builder_from_body<B: XmlObject>(body: &[u8], path: &[&str]) -> Result<B, String> {
    let mut builder = B::default();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(builder);
    }
    let mut r = XmlReader::new(body);
    (|| {
        enter_root(&mut r, path.first().copied())?;
        if r.descend(path.get(1..).unwrap_or_default())? {
            fill(&mut r, &mut builder)?;
        }
        Ok(builder)
    })()
    .map_err(|e: String| format!("invalid XML body: {e}"))
}

/// Enters the root element: the one named `name`, or any.
fn enter_root(r: &mut XmlReader<'_>, name: Option<&str>) -> Result<(), String> {
    match name {
        Some(name) => r.root(name),
        None => r.next_child().and_then(|root| root.map(drop).ok_or_else(|| String::from("no root element"))),
    }
}
// codegen:if-used crate::rt::xml::document

/// A whole body that is one value (an `@httpPayload` structure or union), its root element
/// of any name.
pub(crate) fn document<T: FromXml>(body: &[u8]) -> Result<T, String> {
    let mut r = XmlReader::new(body);
    enter_root(&mut r, None).and_then(|()| T::from_xml(&mut r)).map_err(|e| format!("invalid XML body: {e}"))
}
// codegen:end
// codegen:if-used crate::rt::xml::unwrapped

/// An output whose one member is the whole body, its root element named as the member
/// (`aws.customizations#s3UnwrappedXmlOutput`).
pub(crate) fn unwrapped<B: XmlObject>(body: &[u8]) -> Result<B::Output, String> {
    let mut builder = B::default();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(builder.finish());
    }
    let mut r = XmlReader::new(body);
    (|| {
        let name = r.next_child()?.ok_or_else(|| String::from("no root element"))?;
        builder.member(&name, &mut r)
    })()
    .map_err(|e| format!("invalid XML body: {e}"))?;
    Ok(builder.finish())
}
// codegen:end

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
// codegen:if-used crate::rt::xml::error_metadata

/// Code, message, fault, status and request id of an awsQuery or restXml error:
/// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`
/// (the request id from the body when the headers have none). An unreadable body keeps
/// only the status and the headers' request id.
pub(crate) fn error_metadata(response: &HttpResponse) -> ErrorMetadata {
    envelope_metadata(response, &["ErrorResponse", "Error"], "RequestId")
}
// codegen:end
// codegen:if-used crate::rt::xml::unwrapped_error_metadata

/// As [`error_metadata`], for restXml's `noErrorWrapping`:
/// `<Error><Type/><Code/><Message/><RequestId/></Error>`.
pub(crate) fn unwrapped_error_metadata(response: &HttpResponse) -> ErrorMetadata {
    envelope_metadata(response, &["Error"], "RequestId")
}
// codegen:end
// codegen:if-used crate::rt::xml::ec2_error_metadata

/// As [`error_metadata`], for ec2Query:
/// `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`.
pub(crate) fn ec2_error_metadata(response: &HttpResponse) -> ErrorMetadata {
    envelope_metadata(response, &["Response", "Errors", "Error"], "RequestID")
}
// codegen:end
// codegen:if-used crate::rt::xml::error_metadata crate::rt::xml::ec2_error_metadata crate::rt::xml::unwrapped_error_metadata

/// The error at `path` (the root first) and the request id in the root's child
/// `request_id`.
fn envelope_metadata(response: &HttpResponse, path: &[&str], request_id: &str) -> ErrorMetadata {
    let (mut code, mut message, mut fault, mut body_request_id) = (None, None, None, None);
    let mut r = XmlReader::new(&response.body);
    let _ = (|| -> Result<(), String> {
        let (root, inner) = path.split_first().ok_or_else(String::new)?;
        r.root(root)?;
        // The error's fields, at the end of `inner`; the request id, under the root.
        let mut depth = 0;
        loop {
            let Some(name) = r.next_child()? else {
                if depth == 0 {
                    return Ok(());
                }
                depth -= 1;
                continue;
            };
            if depth < inner.len() && name == inner[depth] {
                depth += 1;
                continue;
            }
            match (depth == inner.len(), name.as_str()) {
                (_, name) if depth == 0 && name == request_id => body_request_id = Some(r.text()?),
                (true, "Code") => code = Some(r.text()?),
                (true, "Message" | "message") => message = Some(r.text()?),
                (true, "Type") => fault = Some(r.text()?.trim().to_owned()),
                _ => r.skip()?,
            }
        }
    })();
    let mut meta = super::response_error_metadata(response, code.as_deref().map(str::trim), message);
    meta.fault = fault.filter(|f| !f.is_empty());
    if meta.request_id.is_none() {
        meta.request_id = body_request_id.map(|id| id.trim().to_owned());
    }
    meta
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
// codegen:if-used crate::rt::xml::from_body
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
// codegen:end

// The envelope tests read every envelope: only the workspace's runtime crate has them all.
// codegen:if-used crate::rt::xml::error_metadata
// codegen:if-used crate::rt::xml::ec2_error_metadata
// codegen:if-used crate::rt::xml::unwrapped_error_metadata
#[cfg(test)]
mod envelope_tests {
    use super::*;
    use crate::rt::test_response as response;

    #[test]
    fn errors_are_read_from_their_envelope() {
        let body = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidGreeting</Code><Message>Hi</Message><Other>x</Other></Error><RequestId>foo-id</RequestId></ErrorResponse>";
        let meta = error_metadata(&response(&[], body));
        assert_eq!((meta.code(), meta.message(), meta.request_id(), meta.status()), (Some("InvalidGreeting"), Some("Hi"), Some("foo-id"), 400));
        assert_eq!(meta.fault(), Some("Sender"));
        let meta = error_metadata(&response(&[("x-amzn-requestid", "h")], body));
        assert_eq!(meta.request_id(), Some("h"));
        for broken in ["", "<html>502</html>", "<ErrorResponse><Error><Code>X", "{\"__type\":\"X\"}"] {
            let meta = error_metadata(&response(&[], broken));
            assert_eq!((meta.code(), meta.status()), (None, 400), "{broken}");
        }
        let ec2 =
            "<Response><Errors><Error><Code>InvalidGreeting</Code><Message>Hi</Message></Error></Errors><RequestID>foo-id</RequestID></Response>";
        let meta = ec2_error_metadata(&response(&[], ec2));
        assert_eq!((meta.code(), meta.message(), meta.request_id()), (Some("InvalidGreeting"), Some("Hi"), Some("foo-id")));
        assert_eq!(error_metadata(&response(&[], ec2)).code(), None, "not the awsQuery envelope");
        let unwrapped = "<Error><Type>Receiver</Type><Code>Boom</Code><Message>m</Message><RequestId>r-1</RequestId></Error>";
        let meta = unwrapped_error_metadata(&response(&[], unwrapped));
        assert_eq!((meta.code(), meta.message(), meta.request_id(), meta.fault()), (Some("Boom"), Some("m"), Some("r-1"), Some("Receiver")));
        assert_eq!(unwrapped_error_metadata(&response(&[], body)).code(), None, "a wrapped error is not unwrapped");
    }
}
// codegen:end
// codegen:end
// codegen:end
