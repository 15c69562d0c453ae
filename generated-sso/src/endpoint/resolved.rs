// Copied by smithy-codegen from codegen/runtime/endpoint/resolved.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! What endpoint resolution returns: the endpoint, or why there is none.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A resolved endpoint: the URL requests go to, headers to add to them, and properties
/// (such as `authSchemes`, which adjust request signing). Cloning is cheap (shared).
#[derive(Clone, PartialEq)]
pub struct Endpoint {
    inner: Arc<Inner>,
}

#[derive(Clone, Debug, PartialEq)]
struct Inner {
    url: String,
    headers: BTreeMap<Cow<'static, str>, Vec<Cow<'static, str>>>,
    properties: BTreeMap<Cow<'static, str>, Property>,
}

impl Endpoint {
    /// An endpoint with this URL and no headers or properties.
    pub fn new(url: impl Into<String>) -> Self {
        let inner = Inner { url: url.into(), headers: BTreeMap::new(), properties: BTreeMap::new() };
        Endpoint { inner: Arc::new(inner) }
    }

    /// Adds a header and its values.
    pub fn header(mut self, name: &'static str, values: Vec<Cow<'static, str>>) -> Self {
        Arc::make_mut(&mut self.inner).headers.insert(Cow::Borrowed(name), values);
        self
    }

    /// Adds a property.
    pub fn property(mut self, name: &'static str, value: Property) -> Self {
        Arc::make_mut(&mut self.inner).properties.insert(Cow::Borrowed(name), value);
        self
    }

    /// The URL: scheme, host, optional port and base path.
    pub fn url(&self) -> &str {
        &self.inner.url
    }

    /// Headers to add to every request sent to this endpoint.
    pub fn headers(&self) -> &BTreeMap<Cow<'static, str>, Vec<Cow<'static, str>>> {
        &self.inner.headers
    }

    /// Properties of the endpoint, such as `authSchemes`.
    pub fn properties(&self) -> &BTreeMap<Cow<'static, str>, Property> {
        &self.inner.properties
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("url", &self.inner.url)
            .field("headers", &self.inner.headers)
            .field("properties", &self.inner.properties)
            .finish()
    }
}

/// The value of an endpoint property.
#[derive(Clone, Debug, PartialEq)]
pub enum Property {
    /// A string.
    String(Cow<'static, str>),
    /// A boolean.
    Bool(bool),
    /// A list of values.
    Array(Vec<Property>),
    /// A map of values.
    Object(BTreeMap<Cow<'static, str>, Property>),
}

/// Why no endpoint could be resolved: the rules ended in an error (such as
/// `Invalid Configuration: Missing Region`), or none of them matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    message: Cow<'static, str>,
}

impl ResolveError {
    /// An error with this message.
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        ResolveError { message: message.into() }
    }

    /// A required parameter was not set.
    pub fn missing_parameter(name: &'static str) -> Self {
        ResolveError::new(format!("the endpoint parameter `{name}` is required but not set"))
    }

    /// No rule matched the parameters.
    pub fn exhausted() -> Self {
        ResolveError::new("no endpoint rule matched the parameters")
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ResolveError {}
