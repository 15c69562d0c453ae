//! `aws.protocols#awsQuery` requests and errors: inputs are form-encoded key–value pairs
//! (`Action`, `Version`, then every member under its dotted key, simple values as
//! `rt::http::HttpText` writes them), and errors are
//! `<ErrorResponse><Error><Code>…</Code></Error></ErrorResponse>` documents. (Copied into
//! crates whose protocol is awsQuery.)

use percent_encoding::utf8_percent_encode;

use super::HttpResponse;
use super::http::UNRESERVED;
use super::xml::XmlReader;
use crate::error::ErrorMetadata;
// codegen:if-used crate::rt::query::timestamp
use crate::primitives::{DateTime, Format};
// codegen:end

/// A form-encoded request body being written.
pub(crate) struct QueryWriter(String);

impl QueryWriter {
    /// A body that starts with the operation's `Action` and the service's `Version`.
    pub(crate) fn new(action: &str, version: &str) -> Self {
        let mut w = QueryWriter(String::with_capacity(128));
        w.0.push_str("Action=");
        w.0.extend(utf8_percent_encode(action, UNRESERVED));
        w.pair("Version", version);
        w
    }

    /// Appends `key=value`.
    pub(crate) fn pair(&mut self, key: &str, value: &str) {
        self.0.push('&');
        self.0.extend(utf8_percent_encode(key, UNRESERVED));
        self.0.push('=');
        self.0.extend(utf8_percent_encode(value, UNRESERVED));
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.0.into_bytes()
    }
}

/// A structure or union written under a key prefix (`""` at the top, `"Outer."` inside).
pub(crate) trait ToQuery {
    fn to_query(&self, w: &mut QueryWriter, prefix: &str) -> Result<(), String>;
}

// codegen:if-used crate::rt::query::timestamp
/// A timestamp in `format` (date-time unless the model says otherwise).
pub(crate) fn timestamp(t: &DateTime, format: Format) -> Result<String, String> {
    t.fmt(format).map_err(|e| e.to_string())
}
// codegen:end

// codegen:if-used crate::rt::query::error_metadata
/// Code, message, status and request id of an awsQuery error:
/// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`
/// (the request id from the body when the headers have none). An unreadable body keeps
/// only the status and the headers' request id.
pub(crate) fn error_metadata(response: &HttpResponse) -> ErrorMetadata {
    envelope_metadata(response, &["ErrorResponse", "Error"], "RequestId")
}
// codegen:end
// codegen:if-used crate::rt::query::ec2_error_metadata

/// As [`error_metadata`], for ec2Query:
/// `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`.
pub(crate) fn ec2_error_metadata(response: &HttpResponse) -> ErrorMetadata {
    envelope_metadata(response, &["Response", "Errors", "Error"], "RequestID")
}
// codegen:end

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
                (true, "Code") => code = Some(r.text()?),
                (true, "Message" | "message") => message = Some(r.text()?),
                (true, "Type") => fault = Some(r.text()?.trim().to_owned()),
                (false, name) if depth == 0 && name == request_id => body_request_id = Some(r.text()?),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_form_encoded() {
        let mut w = QueryWriter::new("GetThing", "2020-01-08");
        w.pair("Name", "a b&c=d/é");
        w.pair("List.member.1", "");
        assert_eq!(String::from_utf8(w.finish()).unwrap(), "Action=GetThing&Version=2020-01-08&Name=a%20b%26c%3Dd%2F%C3%A9&List.member.1=");
        use crate::rt::http::HttpText;
        assert_eq!((f64::NAN.http_text(), f32::NEG_INFINITY.http_text(), 1.5f64.http_text()), ("NaN".into(), "-Infinity".into(), "1.5".into()));
    }

    // The error tests read both envelopes: only the workspace's runtime crate has both.
    // codegen:if-used crate::rt::query::error_metadata
    // codegen:if-used crate::rt::query::ec2_error_metadata
    use crate::rt::test_response as response;

    #[test]
    fn errors_are_read_from_the_envelope() {
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
    }
    // codegen:end
    // codegen:end
}
