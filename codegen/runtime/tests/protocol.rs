//! Checks for the generated protocol compliance tests (`smithy.test#httpRequestTests`):
//! a recorded request against what the test case expects. (Copied into crates whose model
//! carries such tests.)

use super::common::Recorded;

/// What a request test case expects.
pub struct Expected<'a> {
    pub method: &'a str,
    pub uri: &'a str,
    pub query: &'a [&'a str],
    pub forbid_query: &'a [&'a str],
    pub require_query: &'a [&'a str],
    pub headers: &'a [(&'a str, &'a str)],
    pub forbid_headers: &'a [&'a str],
    pub require_headers: &'a [&'a str],
    /// The body, when the case states one, and its media type.
    pub body: Option<(&'a [u8], &'a str)>,
}

/// Panics with every difference between the request and the expectation.
pub fn check_request(request: &Recorded, expected: &Expected<'_>) {
    let mut problems = Vec::new();
    if request.method != expected.method {
        problems.push(format!("method {} instead of {}", request.method, expected.method));
    }
    let (path, query) = request.uri.split_once('?').unwrap_or((&request.uri, ""));
    if path != expected.uri {
        problems.push(format!("path {path} instead of {}", expected.uri));
    }
    let pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    for q in expected.query {
        if !pairs.contains(q) {
            problems.push(format!("query has no `{q}` (it is `{query}`)"));
        }
    }
    let keys: Vec<&str> = pairs.iter().map(|p| p.split('=').next().unwrap_or(p)).collect();
    for k in expected.forbid_query {
        if keys.contains(k) {
            problems.push(format!("query has the forbidden `{k}`"));
        }
    }
    for k in expected.require_query {
        if !keys.contains(k) {
            problems.push(format!("query lacks the required `{k}`"));
        }
    }
    for (name, value) in expected.headers {
        let actual: Vec<&str> = request.headers.get_all(*name).iter().filter_map(|v| v.to_str().ok()).collect();
        if actual.join(", ") != *value {
            problems.push(format!("header {name} is {actual:?}, expected `{value}`"));
        }
    }
    for name in expected.forbid_headers {
        if request.headers.contains_key(*name) {
            problems.push(format!("header {name} is forbidden"));
        }
    }
    for name in expected.require_headers {
        if !request.headers.contains_key(*name) {
            problems.push(format!("header {name} is required"));
        }
    }
    if let Some((body, media_type)) = expected.body {
        let same = match media_type {
            "application/json" if !body.is_empty() => {
                match (serde_json::from_slice::<serde_json::Value>(body), serde_json::from_slice::<serde_json::Value>(&request.body)) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => false,
                }
            }
            // codegen:if xml-write
            "application/xml" if !body.is_empty() => match (super::common::xml::tree(body), super::common::xml::tree(&request.body)) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            },
            // codegen:end
            // codegen:if cbor
            "application/cbor" if !body.is_empty() => match (super::common::cbor::tree(body), super::common::cbor::tree(&request.body)) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            },
            // codegen:end
            _ => request.body == body,
        };
        if !same {
            problems.push(format!("body `{}` instead of `{}`", String::from_utf8_lossy(&request.body), String::from_utf8_lossy(body)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
