//! Errors returned by the client.
//!
//! Every operation's `send()` returns [`SdkError<E>`], where `E` is that operation's error
//! enum (one variant per error the model declares, plus `Unhandled`). The variants of
//! `SdkError` tell apart the four ways a call can fail: invalid input (nothing was sent),
//! a transport failure or timeout, a response that could not be understood, and an error
//! returned by the service.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

/// Why an operation failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The request was not sent: the input or the configuration is invalid.
    Build(BuildError),
    /// A connection, an attempt or the whole operation took longer than its timeout.
    Timeout(TimeoutError),
    /// The request could not be sent, or the connection failed before a full response arrived.
    Dispatch(TransportError),
    /// A response arrived but could not be understood.
    Response(ResponseError),
    /// The service answered with an error.
    Service(E),
}

impl<E> SdkError<E> {
    /// The service error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// Converts into the service error, if the service answered with one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }
}

impl<E: ProvideErrorMetadata> SdkError<E> {
    /// The request id the service assigned, when a response arrived.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            SdkError::Service(e) => e.request_id(),
            SdkError::Response(e) => e.request_id(),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Build(e) => write!(f, "request not sent: {e}"),
            SdkError::Timeout(e) => write!(f, "timed out: {e}"),
            SdkError::Dispatch(e) => write!(f, "failed to send the request: {e}"),
            SdkError::Response(e) => e.fmt(f),
            SdkError::Service(e) => e.fmt(f),
        }
    }
}

/// `Display` already says the inner error's message, so the chain continues with what
/// is below it: each message once, however the chain is printed (`anyhow`'s `{:#}`, or a
/// loop over `source()`).
impl<E: StdError + 'static> StdError for SdkError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            SdkError::Build(e) => e.source(),
            SdkError::Timeout(e) => e.source(),
            SdkError::Dispatch(e) => e.source(),
            SdkError::Response(e) => e.source(),
            SdkError::Service(e) => e.source(),
        }
    }
}

/// Input or configuration that cannot make a valid request. Nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    context: &'static str,
    kind: BuildErrorKind,
}

/// What made a [`BuildError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildErrorKind {
    /// Required members that were not set, by their Rust setter names.
    MissingMembers(Vec<&'static str>),
    /// The input cannot be encoded (such as an `Unknown` union variant).
    InvalidInput(String),
    /// The client configuration cannot produce a request (such as a bad endpoint URL).
    InvalidConfig(String),
    /// The endpoint rules end in an error for this configuration (such as
    /// `Invalid Configuration: Missing Region`).
    Endpoint(String),
}

impl BuildError {
    /// Required members, by their Rust setter names, were not set.
    pub fn missing(context: &'static str, members: Vec<&'static str>) -> Self {
        BuildError { context, kind: BuildErrorKind::MissingMembers(members) }
    }

    /// The configuration cannot produce a request.
    pub fn config(context: &'static str, message: impl Into<String>) -> Self {
        BuildError { context, kind: BuildErrorKind::InvalidConfig(message.into()) }
    }

    /// The endpoint rules end in an error.
    pub fn endpoint(context: &'static str, message: &str) -> Self {
        BuildError { context, kind: BuildErrorKind::Endpoint(message.to_owned()) }
    }

    /// The input cannot be encoded.
    pub fn serialize(context: &'static str, error: impl fmt::Display) -> Self {
        BuildError { context, kind: BuildErrorKind::InvalidInput(error.to_string()) }
    }

    /// The operation or structure being built.
    pub fn context(&self) -> &str {
        self.context
    }

    /// What is wrong.
    pub fn kind(&self) -> &BuildErrorKind {
        &self.kind
    }

    /// The required members that were not set (empty for other kinds of error).
    pub fn missing_members(&self) -> &[&'static str] {
        match &self.kind {
            BuildErrorKind::MissingMembers(m) => m,
            _ => &[],
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            BuildErrorKind::MissingMembers(m) => {
                let s = if m.len() == 1 { "" } else { "s" };
                write!(f, "{}: missing required member{s} {}", self.context, m.join(", "))
            }
            BuildErrorKind::InvalidInput(message) => write!(f, "{}: invalid input: {message}", self.context),
            BuildErrorKind::InvalidConfig(message) => write!(f, "{}: invalid configuration: {message}", self.context),
            BuildErrorKind::Endpoint(message) => write!(f, "{}: cannot resolve the endpoint: {message}", self.context),
        }
    }
}

impl StdError for BuildError {}

/// A failure below HTTP: connecting, sending, or reading the response.
#[derive(Debug)]
pub struct TransportError {
    source: Transport,
}

#[derive(Debug)]
enum Transport {
    Reqwest(reqwest::Error),
    /// Made by a test (feature `test-util`): whether it was connecting, and the message.
    #[cfg(feature = "test-util")]
    Test(bool, String),
}

impl TransportError {
    pub(crate) fn new(source: reqwest::Error) -> Self {
        TransportError { source: Transport::Reqwest(source) }
    }

    /// A transport failure as a test answers with (feature `test-util`).
    #[cfg(feature = "test-util")]
    pub fn for_test(connecting: bool, message: impl Into<String>) -> Self {
        TransportError { source: Transport::Test(connecting, message.into()) }
    }

    /// Whether the failure happened while connecting.
    pub fn is_connect(&self) -> bool {
        match &self.source {
            Transport::Reqwest(e) => e.is_connect(),
            #[cfg(feature = "test-util")]
            Transport::Test(connecting, _) => *connecting,
        }
    }
}

/// reqwest's message (such as `error sending request for url (...)`); the causes (the
/// connection refused, the DNS failure) are its `source()` chain.
impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Transport::Reqwest(e) => e.fmt(f),
            #[cfg(feature = "test-util")]
            Transport::Test(_, message) => f.write_str(message),
        }
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.source {
            Transport::Reqwest(e) => e.source(),
            #[cfg(feature = "test-util")]
            Transport::Test(..) => None,
        }
    }
}

/// Which timeout expired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// Opening a connection.
    Connect,
    /// One attempt: sending the request and reading the response.
    Attempt,
    /// The whole operation, retries included.
    Operation,
}

/// A timeout: which one, after how long, and on which attempt.
#[derive(Debug)]
pub struct TimeoutError {
    kind: TimeoutKind,
    after: Option<Duration>,
    attempt: u32,
    max_attempts: u32,
}

impl TimeoutError {
    pub(crate) fn new(kind: TimeoutKind, after: Option<Duration>, attempt: u32, max_attempts: u32) -> Self {
        TimeoutError { kind, after, attempt, max_attempts }
    }

    /// A timeout as a test answers with (feature `test-util`).
    #[cfg(feature = "test-util")]
    pub fn for_test(kind: TimeoutKind, after: Option<Duration>, attempt: u32, max_attempts: u32) -> Self {
        TimeoutError::new(kind, after, attempt, max_attempts)
    }

    /// Which timeout expired.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The configured limit, when known (a timeout of your own HTTP client is not).
    pub fn after(&self) -> Option<Duration> {
        self.after
    }

    /// The attempt during which it expired (1-based).
    pub fn attempt(&self) -> u32 {
        self.attempt
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, attempt) = match self.kind {
            TimeoutKind::Connect => ("connecting", true),
            TimeoutKind::Attempt => ("the attempt", true),
            TimeoutKind::Operation => ("the operation", false),
        };
        f.write_str(what)?;
        if attempt {
            write!(f, " (attempt {} of {})", self.attempt, self.max_attempts)?;
        }
        match self.after {
            Some(d) => write!(f, " took longer than {d:?}"),
            None => f.write_str(" took longer than the HTTP client allows"),
        }
    }
}

impl StdError for TimeoutError {}

/// A response that could not be understood (for example, invalid JSON with status 200), one
/// larger than [`Config::max_response_size`](crate::Config::max_response_size), or one
/// whose body ended early.
#[derive(Debug)]
pub struct ResponseError {
    status: u16,
    request_id: Option<String>,
    kind: ResponseErrorKind,
    /// Why reading the body failed, for an incomplete body.
    source: Option<reqwest::Error>,
}

/// What was wrong with a response.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseErrorKind {
    /// The body does not hold what the operation returns: not JSON, a member of the
    /// wrong type, a number out of range, nesting too deep. The message says which.
    InvalidBody(String),
    /// The body is longer than the configured limit, in bytes; it was not read further.
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// The connection failed while the body was arriving (it ended before its
    /// `content-length`, say): the status and headers had arrived. Retried, like a failure
    /// to send.
    Incomplete,
}

impl ResponseError {
    pub(crate) fn new(status: u16, request_id: Option<String>, kind: ResponseErrorKind) -> Self {
        ResponseError { status, request_id, kind, source: None }
    }

    /// A response error as a test answers with (feature `test-util`).
    #[cfg(feature = "test-util")]
    pub fn for_test(status: u16, request_id: Option<&str>, kind: ResponseErrorKind) -> Self {
        ResponseError::new(status, request_id.map(str::to_owned), kind)
    }

    /// A body that could not be read to its end, for this reason.
    pub(crate) fn incomplete(status: u16, request_id: Option<String>, source: reqwest::Error) -> Self {
        ResponseError { status, request_id, kind: ResponseErrorKind::Incomplete, source: Some(source) }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// What was wrong with it.
    pub fn kind(&self) -> &ResponseErrorKind {
        &self.kind
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid response (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        match &self.kind {
            ResponseErrorKind::InvalidBody(message) => write!(f, "): {message}"),
            ResponseErrorKind::TooLarge { limit } => write!(f, "): the body is larger than the limit of {limit} bytes"),
            ResponseErrorKind::Incomplete => f.write_str("): the body ended before it was complete"),
        }
    }
}

impl StdError for ResponseError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_ref().map(|e| e as &(dyn StdError + 'static))
    }
}

/// What every service error carries: the error code, message, HTTP status and request id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    // codegen:if query-compatible xml
    pub(crate) fault: Option<String>,
    // codegen:end
}

impl ErrorMetadata {
    /// The error code (the error shape name, such as `SlowDownException`).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The human-readable message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id the service assigned.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    // codegen:if query-compatible xml

    /// Who is at fault as the service's awsQuery API says it (`Sender` or `Receiver`): the
    /// error's `Type` in awsQuery and restXml, or the `x-amzn-query-error` header of a JSON service
    /// compatible with it (whose [`code`](Self::code) is then the awsQuery code).
    pub fn fault(&self) -> Option<&str> {
        self.fault.as_deref()
    }
    // codegen:end
}

impl ErrorMetadata {
    // codegen:if modeled-error
    /// The metadata of an error built by hand: its code, nothing read from a response.
    pub(crate) fn of_code(code: &str) -> Self {
        ErrorMetadata { code: Some(code.to_owned()), ..ErrorMetadata::default() }
    }
    // codegen:end

    /// Metadata as a test sets it (feature `test-util`): code, message, status and
    /// request id.
    #[cfg(feature = "test-util")]
    pub fn builder() -> ErrorMetadataBuilder {
        ErrorMetadataBuilder::default()
    }
}

/// Builds [`ErrorMetadata`] for tests (feature `test-util`).
#[cfg(feature = "test-util")]
#[derive(Debug, Clone, Default)]
pub struct ErrorMetadataBuilder {
    meta: ErrorMetadata,
}

#[cfg(feature = "test-util")]
impl ErrorMetadataBuilder {
    /// The error code.
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.meta.code = Some(code.into());
        self
    }

    /// The message.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.meta.message = Some(message.into());
        self
    }

    /// The HTTP status.
    pub fn status(mut self, status: u16) -> Self {
        self.meta.status = status;
        self
    }

    /// The request id.
    pub fn request_id(mut self, request_id: impl Into<String>) -> Self {
        self.meta.request_id = Some(request_id.into());
        self
    }

    /// The metadata.
    pub fn build(self) -> ErrorMetadata {
        self.meta
    }
}

/// Access to the [`ErrorMetadata`] of a service error.
pub trait ProvideErrorMetadata {
    /// The metadata.
    fn meta(&self) -> &ErrorMetadata;

    /// The error code.
    fn code(&self) -> Option<&str> {
        self.meta().code()
    }

    /// The human-readable message.
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }

    /// The HTTP status.
    fn status(&self) -> u16 {
        self.meta().status()
    }

    /// The request id.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id()
    }
}

/// A service error the model does not declare for the operation (or one without a code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unhandled {
    meta: ErrorMetadata,
}

impl Unhandled {
    pub(crate) fn new(meta: ErrorMetadata) -> Self {
        Unhandled { meta }
    }

    /// An error with this metadata, as a test answers with (feature `test-util`).
    #[cfg(feature = "test-util")]
    pub fn from_meta(meta: ErrorMetadata) -> Self {
        Unhandled { meta }
    }
}

impl ProvideErrorMetadata for Unhandled {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.meta.code {
            Some(code) => write!(f, "{code} (HTTP {})", self.meta.status)?,
            None => write!(f, "HTTP {} error without an error code", self.meta.status)?,
        }
        if let Some(m) = &self.meta.message {
            write!(f, ": {m}")?;
        }
        if let Some(id) = &self.meta.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl StdError for Unhandled {}
