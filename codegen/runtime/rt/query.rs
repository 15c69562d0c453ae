//! `aws.protocols#awsQuery` and `ec2Query` requests: inputs are form-encoded key–value
//! pairs (`Action`, `Version`, then every member under its dotted key, simple values as
//! `rt::http::HttpText` writes them). Responses and errors are XML (`rt::xml`). (Copied
//! into crates whose protocol is awsQuery or ec2Query.)

use percent_encoding::utf8_percent_encode;

use super::http::UNRESERVED;
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
}
