//! Writing XML request bodies (restXml): generated types write themselves element by
//! element ([`ToXml`]) into one string, with no tree in between. Text and attribute values
//! are escaped with quick-xml's escapes; a carriage return is written as a character
//! reference, since XML readers turn a literal one into a line feed. (Copied into crates
//! whose protocol writes XML.)

/// An XML body being written.
pub(crate) struct XmlWriter {
    out: String,
    /// Whether the start tag of the element last started is still open for attributes.
    open: bool,
}

impl XmlWriter {
    fn new() -> Self {
        XmlWriter { out: String::with_capacity(256), open: false }
    }

    /// Starts element `name`; its attributes follow, then its content.
    pub(crate) fn start(&mut self, name: &str) {
        self.close_start_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.open = true;
    }

    /// An attribute of the element just started (an `xmlns` declaration among them).
    pub(crate) fn attribute(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_escaped(&mut self.out, quick_xml::escape::escape(value));
        self.out.push('"');
    }

    /// Text inside the current element.
    pub(crate) fn text(&mut self, text: &str) {
        self.close_start_tag();
        push_escaped(&mut self.out, quick_xml::escape::partial_escape(text));
    }

    /// Ends element `name` (`<name/>` when nothing, not even empty text, was written in it).
    pub(crate) fn end(&mut self, name: &str) {
        if std::mem::take(&mut self.open) {
            self.out.push_str("/>");
        } else {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// Element `name` holding `text`.
    pub(crate) fn leaf(&mut self, name: &str, text: &str) {
        self.start(name);
        self.text(text);
        self.end(name);
    }

    fn close_start_tag(&mut self) {
        if std::mem::take(&mut self.open) {
            self.out.push('>');
        }
    }
}

/// Appends escaped text, its carriage returns as character references (copied again only
/// when it has one).
fn push_escaped(out: &mut String, escaped: std::borrow::Cow<'_, str>) {
    if escaped.contains('\r') {
        out.push_str(&escaped.replace('\r', "&#xD;"));
    } else {
        out.push_str(&escaped);
    }
}

/// A structure or union written into the element just started: its attributes, then its
/// members' elements.
pub(crate) trait ToXml {
    fn write_xml(&self, w: &mut XmlWriter) -> Result<(), String>;
}

/// A whole body: `value` as root element `root`, with the namespace declaration
/// `namespace` (`("xmlns", uri)` or `("xmlns:prefix", uri)`) when the model gives one.
pub(crate) fn document<T: ToXml + ?Sized>(value: &T, root: &str, namespace: Option<(&str, &str)>) -> Result<Vec<u8>, String> {
    let mut w = XmlWriter::new();
    w.start(root);
    if let Some((name, uri)) = namespace {
        w.attribute(name, uri);
    }
    value.write_xml(&mut w)?;
    w.end(root);
    Ok(w.out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing {
        id: &'static str,
        name: &'static str,
        tags: Vec<&'static str>,
    }

    impl ToXml for Thing {
        fn write_xml(&self, w: &mut XmlWriter) -> Result<(), String> {
            w.attribute("id", self.id);
            w.leaf("Name", self.name);
            w.start("Tags");
            for tag in &self.tags {
                w.leaf("member", tag);
            }
            w.end("Tags");
            w.start("Empty");
            w.end("Empty");
            Ok(())
        }
    }

    #[test]
    fn documents_are_written_escaped() {
        let thing = Thing { id: "a\"<&>'\r", name: " <b> & \r\n ", tags: vec!["x", ""] };
        let body = document(&thing, "Thing", Some(("xmlns", "https://example.com/?a=1&b=2"))).unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            "<Thing xmlns=\"https://example.com/?a=1&amp;b=2\" id=\"a&quot;&lt;&amp;&gt;&apos;&#xD;\">\
             <Name> &lt;b&gt; &amp; &#xD;\n </Name><Tags><member>x</member><member></member></Tags><Empty/></Thing>"
        );
    }

    // codegen:if-used crate::rt::xml::list
    // codegen:if-used crate::rt::xml::from_body

    #[test]
    fn what_is_written_reads_back() {
        use crate::rt::xml::{XmlObject, XmlReader, from_body, list, scalar};
        #[derive(Default)]
        struct Read(Option<String>, Option<String>, Option<Vec<String>>);
        impl XmlObject for Read {
            type Output = Read;
            fn member(&mut self, name: &str, r: &mut XmlReader<'_>) -> Result<(), String> {
                match name {
                    "Name" => self.1 = Some(scalar(r)?),
                    "Tags" => self.2 = Some(list(r, "member", scalar)?),
                    _ => r.skip()?,
                }
                Ok(())
            }
            fn attribute(&mut self, name: &str, value: &str) -> Result<(), String> {
                if name == "id" {
                    self.0 = Some(value.to_owned());
                }
                Ok(())
            }
            fn finish(self) -> Read {
                self
            }
        }
        let thing = Thing { id: "a\"<&>'\r", name: " <b> & \r\n ", tags: vec!["x", ""] };
        let read = from_body::<Read>(&document(&thing, "Thing", None).unwrap(), &[]).unwrap();
        assert_eq!(read.0.as_deref(), Some(thing.id));
        assert_eq!(read.1.as_deref(), Some(thing.name));
        assert_eq!(read.2, Some(vec!["x".to_owned(), String::new()]));
    }
    // codegen:end
    // codegen:end
}
