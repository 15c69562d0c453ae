//! HTTP bindings (`@httpLabel`, `@httpQuery`, `@httpQueryParams`, `@httpHeader`,
//! `@httpPrefixHeaders`): values as text in URIs and headers, and back; the same text in
//! awsQuery's form bodies. (Copied into crates whose model binds members outside the body,
//! or whose requests are forms.)
// Copied whole: a model binds some kinds of members and not others.
#![allow(dead_code)]

use std::collections::HashMap;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

/// RFC 3986 unreserved characters stay; everything else is percent-encoded.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
/// Greedy labels (`{key+}`) keep their `/` separators.
const GREEDY: &AsciiSet = &UNRESERVED.remove(b'/');

/// A value as it is written in a URI, a header or a form.
pub(crate) trait HttpText {
    fn http_text(&self) -> String;
}

macro_rules! http_text_display {
    ($($t:ty),*) => {$(
        impl HttpText for $t {
            fn http_text(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
http_text_display!(String, str, bool, i8, i16, i32, i64);
// codegen:if big-numbers
http_text_display!(crate::primitives::BigInteger, crate::primitives::BigDecimal);
// codegen:end

macro_rules! http_text_float {
    ($($t:ty),*) => {$(
        impl HttpText for $t {
            /// Non-finite numbers as Smithy spells them.
            fn http_text(&self) -> String {
                if self.is_nan() {
                    "NaN".to_owned()
                } else if self.is_infinite() {
                    if *self > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
                } else {
                    self.to_string()
                }
            }
        }
    )*};
}
http_text_float!(f32, f64);

// codegen:if primitives
/// Base64, as blobs travel in forms (HTTP bindings refuse blobs outside the body).
impl HttpText for crate::primitives::Blob {
    fn http_text(&self) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(self.as_ref())
    }
}
// codegen:end

/// A label's value in the path: percent-encoded; empty values are refused (the URI would
/// lose a segment).
pub(crate) fn label(name: &str, text: &str, greedy: bool) -> Result<String, String> {
    if text.is_empty() {
        return Err(format!("the URI label `{name}` is empty"));
    }
    Ok(utf8_percent_encode(text, if greedy { GREEDY } else { UNRESERVED }).to_string())
}

/// A `@hostLabel` value: it becomes part of a host name, so only letters, digits and
/// hyphens (1 to 63 of them) are accepted.
pub(crate) fn host_label(name: &str, text: &str) -> Result<String, String> {
    let valid = !text.is_empty() && text.len() <= 63 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') && !text.starts_with('-');
    if valid { Ok(text.to_owned()) } else { Err(format!("the host label `{name}` (`{text}`) is not a valid host name part")) }
}

/// A query string being built: the URI's literal part first, then members.
pub(crate) struct Query {
    text: String,
    keys: Vec<String>,
}

impl Query {
    /// Starts from the URI's literal query (`a=b&c`), if any.
    pub(crate) fn new(literal: &str) -> Self {
        let keys = literal.split('&').filter(|p| !p.is_empty()).map(|p| p.split('=').next().unwrap_or(p).to_owned()).collect();
        Query { text: literal.to_owned(), keys }
    }

    /// Adds `key=value`, both percent-encoded.
    pub(crate) fn push(&mut self, key: &str, value: &str) {
        if !self.text.is_empty() {
            self.text.push('&');
        }
        self.text.extend(utf8_percent_encode(key, UNRESERVED));
        self.text.push('=');
        self.text.extend(utf8_percent_encode(value, UNRESERVED));
        self.keys.push(key.to_owned());
    }

    /// `@httpQueryParams`: entries whose key a `@httpQuery` member (or the literal query)
    /// already set are left out, as the spec asks.
    pub(crate) fn push_params<'a>(&mut self, params: impl IntoIterator<Item = (&'a String, Vec<&'a str>)>) {
        let taken = self.keys.clone();
        let mut entries: Vec<(&String, Vec<&str>)> = params.into_iter().filter(|(k, _)| !taken.iter().any(|t| t == *k)).collect();
        // A stable order: a map has none.
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (key, values) in entries {
            for value in values {
                self.push(key, value);
            }
        }
    }

    /// `path?query`, or the path alone.
    pub(crate) fn finish(self, mut path: String) -> String {
        if !self.text.is_empty() {
            path.push('?');
            path.push_str(&self.text);
        }
        path
    }
}

/// A header value; a value no header can carry is an error naming the header.
pub(crate) fn header_value(name: &str, text: &str) -> Result<HeaderValue, String> {
    HeaderValue::from_str(text).map_err(|_| format!("the value of header `{name}` cannot be sent in a header"))
}

/// A list as one header value: items with a comma or a double quote are quoted.
pub(crate) fn header_list(items: impl IntoIterator<Item = String>) -> String {
    let quoted: Vec<String> = items
        .into_iter()
        .map(|item| if item.contains(',') || item.contains('"') { format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\"")) } else { item })
        .collect();
    quoted.join(", ")
}

/// `@httpPrefixHeaders`: one header per entry, named prefix + key.
pub(crate) fn prefix_headers(prefix: &str, map: &HashMap<String, String>, out: &mut Vec<(HeaderName, HeaderValue)>) -> Result<(), String> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort();
    for (key, value) in entries {
        let name = format!("{prefix}{key}");
        let header = HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes()).map_err(|_| format!("`{name}` is not a header name"))?;
        // A header a member binds by name wins over a map entry of the same name.
        if out.iter().any(|(n, _)| *n == header) {
            continue;
        }
        out.push((header, header_value(&name, value)?));
    }
    Ok(())
}

/// All values of a response header, joined as one comma-separated value (as HTTP allows
/// repeated headers to be read); `None` when absent.
pub(crate) fn header_text(headers: &HeaderMap, name: &str) -> Result<Option<String>, String> {
    let mut values = headers.get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let parts: Vec<&str> = values.map(|v| v.to_str().map_err(|_| format!("header `{name}` is not text"))).collect::<Result<_, _>>()?;
    Ok(Some(parts.join(", ")))
}

/// A header list split into items, quoted items unquoted. HTTP dates contain a comma
/// themselves, so a list of them is split at every other comma.
pub(crate) fn split_header_list(text: &str, http_dates: bool) -> Vec<String> {
    if http_dates {
        let parts: Vec<&str> = text.split(',').collect();
        return parts.chunks(2).map(|pair| pair.join(",").trim().to_owned()).filter(|s| !s.is_empty()).collect();
    }
    let mut items = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut item = String::new();
        if first == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => item.extend(chars.next()),
                    '"' => break,
                    c => item.push(c),
                }
            }
            // Up to the next comma.
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
            }
        } else {
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
                item.push(c);
            }
            item = item.trim().to_owned();
        }
        items.push(item);
    }
    items
}

/// A number, boolean or other `FromStr` value from header or label text.
pub(crate) fn parse<T: std::str::FromStr>(name: &str, text: &str) -> Result<T, String> {
    let text = text.trim();
    // Smithy's spellings of the non-finite floats.
    let normalized = match text {
        "Infinity" => "inf",
        "-Infinity" => "-inf",
        other => other,
    };
    normalized.parse().map_err(|_| format!("header `{name}`: `{text}` is not a valid {}", std::any::type_name::<T>()))
}

/// `@httpPrefixHeaders` of a response: every header starting with `prefix` (matched
/// without regard to case), keyed by the rest of its name.
pub(crate) fn read_prefix_headers(headers: &HeaderMap, prefix: &str) -> Result<HashMap<String, String>, String> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = HashMap::new();
    for name in headers.keys() {
        if let Some(key) = name.as_str().strip_prefix(&prefix)
            && let Some(value) = header_text(headers, name.as_str())?
        {
            out.insert(key.to_owned(), value);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_queries_are_percent_encoded() {
        assert_eq!(label("k", "a b/c%", false).unwrap(), "a%20b%2Fc%25");
        assert_eq!(label("k", "a b/c", true).unwrap(), "a%20b/c");
        assert!(label("k", "", false).is_err());
        let mut q = Query::new("mode=full");
        q.push("a b", "c&d");
        let params = HashMap::from([("mode".to_owned(), vec!["x"]), ("z".to_owned(), vec!["1", "2"])]);
        q.push_params(params.iter().map(|(k, v)| (k, v.clone())));
        assert_eq!(q.finish("/p".into()), "/p?mode=full&a%20b=c%26d&z=1&z=2");
    }

    #[test]
    fn header_lists_quote_and_split() {
        let text = header_list(["a".to_owned(), "b,c".to_owned(), "say \"hi\"".to_owned()]);
        assert_eq!(text, r#"a, "b,c", "say \"hi\"""#);
        assert_eq!(split_header_list(&text, false), ["a", "b,c", "say \"hi\""]);
        assert_eq!(
            split_header_list("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT", true),
            ["Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 GMT"]
        );
        assert_eq!(parse::<f64>("h", "-Infinity").unwrap(), f64::NEG_INFINITY);
        assert!(parse::<i32>("h", "x").is_err());
    }
}
