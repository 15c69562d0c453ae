//! Typed access to the traits the generator reads.
//!
//! Traits are stored as JSON values keyed by absolute trait id, so unknown traits are
//! kept as they are. The known ones are checked once at load time by [`Traits::validate`];
//! after that the typed accessors below cannot fail, which is why they return `Option`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ShapeId;

/// Trait ids the generator understands.
pub mod ids {
    #![allow(missing_docs)]
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const ERROR: &str = "smithy.api#error";
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    pub const HTTP: &str = "smithy.api#http";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const INPUT: &str = "smithy.api#input";
    pub const OUTPUT: &str = "smithy.api#output";
    pub const AUTH: &str = "smithy.api#auth";
    pub const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
    pub const EXAMPLES: &str = "smithy.api#examples";
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    pub const STREAMING: &str = "smithy.api#streaming";
    pub const EVENT_HEADER: &str = "smithy.api#eventHeader";
    pub const EVENT_PAYLOAD: &str = "smithy.api#eventPayload";
    pub const REQUIRES_LENGTH: &str = "smithy.api#requiresLength";
    pub const UNSIGNED_PAYLOAD: &str = "aws.auth#unsignedPayload";
    pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
    pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
    pub const SPARSE: &str = "smithy.api#sparse";
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    pub const RETRYABLE: &str = "smithy.api#retryable";
    pub const PAGINATED: &str = "smithy.api#paginated";
    pub const WAITABLE: &str = "smithy.waiters#waitable";
    pub const ENDPOINT: &str = "smithy.api#endpoint";
    pub const HOST_LABEL: &str = "smithy.api#hostLabel";
    pub const TITLE: &str = "smithy.api#title";
    pub const UNIT_TYPE: &str = "smithy.api#unitType";
    pub const TRAIT: &str = "smithy.api#trait";
    pub const MIXIN: &str = "smithy.api#mixin";
    pub const AWS_SERVICE: &str = "aws.api#service";
    pub const XML_NAME: &str = "smithy.api#xmlName";
    pub const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
    pub const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
    pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
    pub const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
    pub const REST_XML: &str = "aws.protocols#restXml";
    pub const S3_UNWRAPPED_XML_OUTPUT: &str = "aws.customizations#s3UnwrappedXmlOutput";
    pub const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
    pub const SIGV4: &str = "aws.auth#sigv4";
    pub const REST_JSON1: &str = "aws.protocols#restJson1";
}

/// Whether an error is the client's fault or the server's (`smithy.api#error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorFault {
    /// A problem with the request.
    Client,
    /// A problem on the service side.
    Server,
}

/// `smithy.api#http`: how an operation maps to an HTTP request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Http {
    /// The HTTP method.
    pub method: String,
    /// The URI pattern, with `{label}` segments and literal query parts.
    pub uri: String,
    /// The success status code.
    #[serde(default = "default_http_code")]
    pub code: u16,
}

fn default_http_code() -> u16 {
    200
}

/// `smithy.api#timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum TimestampFormat {
    /// RFC 3339 `date-time`.
    #[serde(rename = "date-time")]
    DateTime,
    /// RFC 7231 IMF-fixdate.
    #[serde(rename = "http-date")]
    HttpDate,
    /// Seconds since the Unix epoch, with optional fraction.
    #[serde(rename = "epoch-seconds")]
    EpochSeconds,
}

/// `smithy.api#enumValue`: a string for enum members, an integer for intEnum members.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum EnumValue {
    /// The wire value of an enum member.
    String(String),
    /// The value of an intEnum member.
    Int(i64),
}

/// One entry of `smithy.api#examples`.
#[derive(Debug, Clone, Deserialize)]
pub struct Example {
    /// Short title.
    pub title: String,
    /// Longer description (may be empty).
    #[serde(default)]
    pub documentation: Option<String>,
    /// Input member values, by member name.
    #[serde(default)]
    pub input: Option<serde_json::Map<String, Value>>,
    /// Output member values, by member name.
    #[serde(default)]
    pub output: Option<serde_json::Map<String, Value>>,
    /// The error this example produces instead of an output.
    #[serde(default)]
    pub error: Option<ExampleError>,
    /// Whether the example is allowed to fail validation of constraints.
    #[serde(default, rename = "allowConstraintErrors")]
    pub allow_constraint_errors: bool,
}

/// The error part of an example.
#[derive(Debug, Clone, Deserialize)]
pub struct ExampleError {
    /// The error shape.
    #[serde(rename = "shapeId")]
    pub shape_id: String,
    /// The error's member values.
    #[serde(default)]
    pub content: serde_json::Map<String, Value>,
}

/// One waiter of `smithy.waiters#waitable`.
#[derive(Debug, Clone, Deserialize)]
pub struct Waiter {
    /// CommonMark documentation.
    #[serde(default)]
    pub documentation: Option<String>,
    /// The acceptors, in the order they are checked.
    pub acceptors: Vec<Acceptor>,
    /// The shortest delay between polls, in seconds (2 by default).
    #[serde(default = "default_min_delay", rename = "minDelay")]
    pub min_delay: u64,
    /// The longest delay between polls, in seconds (120 by default).
    #[serde(default = "default_max_delay", rename = "maxDelay")]
    pub max_delay: u64,
    /// Whether the waiter is deprecated.
    #[serde(default)]
    pub deprecated: bool,
}

fn default_min_delay() -> u64 {
    2
}

fn default_max_delay() -> u64 {
    120
}

/// A waiter's acceptor: the state it moves to when its matcher matches.
#[derive(Debug, Clone, Deserialize)]
pub struct Acceptor {
    /// `success`, `failure` or `retry`.
    pub state: AcceptorState,
    /// When it matches.
    pub matcher: Matcher,
}

/// The state an acceptor moves a waiter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AcceptorState {
    /// Done waiting.
    Success,
    /// The state will never be reached.
    Failure,
    /// Poll again.
    Retry,
}

/// What an acceptor matches.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Matcher {
    /// A JMESPath expression over the output.
    Output(PathMatcher),
    /// A JMESPath expression over `{input, output}`.
    InputOutput(PathMatcher),
    /// `true`: any output; `false`: any error.
    Success(bool),
    /// An error by its shape name (a shape id's name part).
    ErrorType(String),
}

/// A JMESPath expression, compared with an expected value.
#[derive(Debug, Clone, Deserialize)]
pub struct PathMatcher {
    /// The expression.
    pub path: String,
    /// The value expected.
    pub expected: String,
    /// `stringEquals`, `booleanEquals`, `allStringEquals` or `anyStringEquals`.
    pub comparator: String,
}

/// `smithy.api#deprecated`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Deprecated {
    /// Why, and what to use instead.
    #[serde(default)]
    pub message: Option<String>,
    /// Since when.
    #[serde(default)]
    pub since: Option<String>,
}

/// `smithy.api#retryable`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Retryable {
    /// Whether the error is a throttling error.
    #[serde(default)]
    pub throttling: bool,
}

/// `smithy.api#paginated` (on an operation or a service).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Paginated {
    /// Input member with the continuation token.
    pub input_token: Option<String>,
    /// Output path of the next token.
    pub output_token: Option<String>,
    /// Output path of the items.
    pub items: Option<String>,
    /// Input member with the page size.
    pub page_size: Option<String>,
}

/// `smithy.api#endpoint`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// The host prefix pattern, with `{label}`s bound by `@hostLabel` members.
    pub host_prefix: String,
}

/// `aws.api#service`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsService {
    /// The SDK id, from which the crate name derives ("SSO OIDC").
    pub sdk_id: String,
    /// The endpoint prefix ("oidc").
    #[serde(default)]
    pub endpoint_prefix: Option<String>,
    /// The ARN namespace.
    #[serde(default)]
    pub arn_namespace: Option<String>,
}

/// `aws.auth#sigv4`.
#[derive(Debug, Clone, Deserialize)]
pub struct Sigv4 {
    /// The signing name.
    pub name: String,
}

/// The traits applied to a shape or member, by absolute trait id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Traits {
    map: BTreeMap<ShapeId, Value>,
}

/// How each known trait is checked at load time.
type Check = fn(&Value) -> Result<(), String>;

fn check<T: DeserializeOwned>(v: &Value) -> Result<(), String> {
    T::deserialize(v).map(drop).map_err(|e| e.to_string())
}

fn check_annotation(v: &Value) -> Result<(), String> {
    match v {
        Value::Object(_) | Value::Null | Value::Bool(true) => Ok(()),
        other => Err(format!("expected an empty object, found {other}")),
    }
}

/// The known traits and the type their value must have.
const CHECKS: &[(&str, Check)] = &[
    (ids::DOCUMENTATION, check::<String>),
    (ids::REQUIRED, check_annotation),
    (ids::CLIENT_OPTIONAL, check_annotation),
    (ids::SENSITIVE, check_annotation),
    (ids::ERROR, check::<ErrorFault>),
    (ids::HTTP_ERROR, check::<u16>),
    (ids::HTTP, check::<Http>),
    (ids::JSON_NAME, check::<String>),
    (ids::TIMESTAMP_FORMAT, check::<TimestampFormat>),
    (ids::ENUM_VALUE, check::<EnumValue>),
    (ids::INPUT, check_annotation),
    (ids::OUTPUT, check_annotation),
    (ids::AUTH, check::<Vec<String>>),
    (ids::OPTIONAL_AUTH, check_annotation),
    (ids::EXAMPLES, check::<Vec<Example>>),
    (ids::DEPRECATED, check::<Deprecated>),
    (ids::HTTP_LABEL, check_annotation),
    (ids::HTTP_QUERY, check::<String>),
    (ids::HTTP_QUERY_PARAMS, check_annotation),
    (ids::HTTP_HEADER, check::<String>),
    (ids::HTTP_PREFIX_HEADERS, check::<String>),
    (ids::HTTP_PAYLOAD, check_annotation),
    (ids::HTTP_RESPONSE_CODE, check_annotation),
    (ids::IDEMPOTENCY_TOKEN, check_annotation),
    (ids::SPARSE, check_annotation),
    (ids::MEDIA_TYPE, check::<String>),
    (ids::RETRYABLE, check::<Retryable>),
    (ids::PAGINATED, check::<Paginated>),
    (ids::ENDPOINT, check::<Endpoint>),
    (ids::HOST_LABEL, check_annotation),
    (ids::TITLE, check::<String>),
    (ids::AWS_SERVICE, check::<AwsService>),
    (ids::SIGV4, check::<Sigv4>),
    (ids::XML_NAME, check::<String>),
    (ids::XML_FLATTENED, check_annotation),
    (ids::XML_ATTRIBUTE, check_annotation),
    (ids::AWS_QUERY_ERROR, check::<AwsQueryError>),
    (ids::EC2_QUERY_NAME, check::<String>),
    (ids::XML_NAMESPACE, check::<XmlNamespace>),
    (ids::REST_XML, check::<RestXml>),
];

/// `xmlNamespace`: the namespace an XML element declares.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct XmlNamespace {
    /// The namespace's URI.
    pub uri: String,
    /// Its prefix (`xmlns:prefix`), if any.
    #[serde(default)]
    pub prefix: Option<String>,
}

/// `aws.protocols#restXml`: what the protocol trait says beyond its presence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestXml {
    /// Errors are `<Error>` documents, not wrapped in `<ErrorResponse>`.
    #[serde(default)]
    pub no_error_wrapping: bool,
}

/// `aws.protocols#awsQueryError`: the code and status an error has in awsQuery.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsQueryError {
    /// The error's code on the wire (instead of its shape name).
    pub code: String,
    /// Its HTTP status.
    pub http_response_code: u16,
}

impl Traits {
    /// Builds a trait map (ids are validated by the caller).
    pub fn new(map: BTreeMap<ShapeId, Value>) -> Traits {
        Traits { map }
    }

    /// Checks that every known trait has a value of the right type.
    /// Returns the trait id and the problem for the first that does not.
    pub fn validate(&self) -> Result<(), (String, String)> {
        for (id, check) in CHECKS {
            if let Some(value) = self.get(id) {
                check(value).map_err(|e| (id.to_string(), e))?;
            }
        }
        Ok(())
    }

    /// The raw value of a trait, known or not.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.map.get(id)
    }

    /// Whether a trait is applied.
    pub fn has(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Every applied trait, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = (&ShapeId, &Value)> {
        self.map.iter()
    }

    /// Adds traits from `other`; traits already present are kept (`apply` and mixins
    /// merge list-valued traits and otherwise keep the more specific value).
    pub fn merge_missing(&mut self, other: &Traits) {
        for (k, v) in &other.map {
            self.map.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }

    /// Sets a trait, replacing any previous value.
    pub fn insert(&mut self, id: ShapeId, value: Value) {
        self.map.insert(id, value);
    }

    /// Removes a trait.
    pub fn remove(&mut self, id: &str) {
        self.map.remove(id);
    }

    fn typed<T: DeserializeOwned>(&self, id: &str) -> Option<T> {
        self.get(id).and_then(|v| T::deserialize(v).ok())
    }

    /// `documentation`.
    pub fn documentation(&self) -> Option<&str> {
        self.get(ids::DOCUMENTATION).and_then(Value::as_str)
    }
    /// `required`.
    pub fn is_required(&self) -> bool {
        self.has(ids::REQUIRED)
    }
    /// `default`: the value (JSON `null` means "no default").
    pub fn default_value(&self) -> Option<&Value> {
        self.get(ids::DEFAULT).filter(|v| !v.is_null())
    }
    /// `clientOptional`.
    pub fn is_client_optional(&self) -> bool {
        self.has(ids::CLIENT_OPTIONAL)
    }
    /// `sensitive`.
    pub fn is_sensitive(&self) -> bool {
        self.has(ids::SENSITIVE)
    }
    /// `error`.
    pub fn error(&self) -> Option<ErrorFault> {
        self.typed(ids::ERROR)
    }
    /// `httpError`.
    pub fn http_error(&self) -> Option<u16> {
        self.typed(ids::HTTP_ERROR)
    }
    /// `http`.
    pub fn http(&self) -> Option<Http> {
        self.typed(ids::HTTP)
    }
    /// `xmlName`.
    pub fn xml_name(&self) -> Option<&str> {
        self.get(ids::XML_NAME).and_then(Value::as_str)
    }
    /// `xmlFlattened`.
    pub fn is_xml_flattened(&self) -> bool {
        self.has(ids::XML_FLATTENED)
    }
    /// `xmlAttribute`.
    pub fn is_xml_attribute(&self) -> bool {
        self.has(ids::XML_ATTRIBUTE)
    }
    /// `aws.protocols#ec2QueryName`.
    pub fn ec2_query_name(&self) -> Option<&str> {
        self.get(ids::EC2_QUERY_NAME).and_then(Value::as_str)
    }
    /// `xmlNamespace`.
    pub fn xml_namespace(&self) -> Option<XmlNamespace> {
        self.typed(ids::XML_NAMESPACE)
    }
    /// `aws.protocols#restXml`.
    pub fn rest_xml(&self) -> Option<RestXml> {
        self.typed(ids::REST_XML)
    }
    /// `aws.customizations#s3UnwrappedXmlOutput`.
    pub fn is_s3_unwrapped_xml_output(&self) -> bool {
        self.has(ids::S3_UNWRAPPED_XML_OUTPUT)
    }
    /// `aws.protocols#awsQueryError`.
    pub fn aws_query_error(&self) -> Option<AwsQueryError> {
        self.typed(ids::AWS_QUERY_ERROR)
    }
    /// `jsonName`.
    pub fn json_name(&self) -> Option<&str> {
        self.get(ids::JSON_NAME).and_then(Value::as_str)
    }
    /// `timestampFormat`.
    pub fn timestamp_format(&self) -> Option<TimestampFormat> {
        self.typed(ids::TIMESTAMP_FORMAT)
    }
    /// `enumValue`.
    pub fn enum_value(&self) -> Option<EnumValue> {
        self.typed(ids::ENUM_VALUE)
    }
    /// `input`.
    pub fn is_input(&self) -> bool {
        self.has(ids::INPUT)
    }
    /// `output`.
    pub fn is_output(&self) -> bool {
        self.has(ids::OUTPUT)
    }
    /// `auth`: the auth schemes, in priority order; `Some(vec![])` means no auth.
    pub fn auth(&self) -> Option<Vec<String>> {
        self.typed(ids::AUTH)
    }
    /// `optionalAuth`.
    pub fn is_optional_auth(&self) -> bool {
        self.has(ids::OPTIONAL_AUTH)
    }
    /// `smithy.waiters#waitable`: the waiters by name, in the model's order. `Err` with the
    /// reason when the trait's value is malformed.
    pub fn waiters(&self) -> Result<indexmap::IndexMap<String, Waiter>, String> {
        match self.get(ids::WAITABLE) {
            None => Ok(indexmap::IndexMap::new()),
            Some(v) => indexmap::IndexMap::<String, Waiter>::deserialize(v).map_err(|e| e.to_string()),
        }
    }
    /// `examples`.
    pub fn examples(&self) -> Vec<Example> {
        self.typed(ids::EXAMPLES).unwrap_or_default()
    }
    /// `deprecated`.
    pub fn deprecated(&self) -> Option<Deprecated> {
        self.typed(ids::DEPRECATED)
    }
    /// `httpLabel`.
    pub fn is_http_label(&self) -> bool {
        self.has(ids::HTTP_LABEL)
    }
    /// `httpQuery`: the query parameter name.
    pub fn http_query(&self) -> Option<&str> {
        self.get(ids::HTTP_QUERY).and_then(Value::as_str)
    }
    /// `httpQueryParams`.
    pub fn is_http_query_params(&self) -> bool {
        self.has(ids::HTTP_QUERY_PARAMS)
    }
    /// `httpHeader`: the header name.
    pub fn http_header(&self) -> Option<&str> {
        self.get(ids::HTTP_HEADER).and_then(Value::as_str)
    }
    /// `httpPrefixHeaders`: the header prefix.
    pub fn http_prefix_headers(&self) -> Option<&str> {
        self.get(ids::HTTP_PREFIX_HEADERS).and_then(Value::as_str)
    }
    /// `httpPayload`.
    pub fn is_http_payload(&self) -> bool {
        self.has(ids::HTTP_PAYLOAD)
    }
    /// `httpResponseCode`.
    pub fn is_http_response_code(&self) -> bool {
        self.has(ids::HTTP_RESPONSE_CODE)
    }
    /// `idempotencyToken`.
    pub fn is_idempotency_token(&self) -> bool {
        self.has(ids::IDEMPOTENCY_TOKEN)
    }
    /// `eventHeader`.
    pub fn is_event_header(&self) -> bool {
        self.has(ids::EVENT_HEADER)
    }
    /// `eventPayload`.
    pub fn is_event_payload(&self) -> bool {
        self.has(ids::EVENT_PAYLOAD)
    }
    /// `streaming`.
    pub fn is_streaming(&self) -> bool {
        self.has(ids::STREAMING)
    }
    /// `requiresLength`.
    pub fn requires_length(&self) -> bool {
        self.has(ids::REQUIRES_LENGTH)
    }
    /// `aws.auth#unsignedPayload`: the body is left out of the SigV4 signature.
    pub fn is_unsigned_payload(&self) -> bool {
        self.has(ids::UNSIGNED_PAYLOAD)
    }
    /// `requestCompression`: its `encodings`, in the service's order of preference.
    pub fn request_compression(&self) -> Option<Vec<String>> {
        let encodings = self.get(ids::REQUEST_COMPRESSION)?.get("encodings")?.as_array()?;
        Some(encodings.iter().filter_map(Value::as_str).map(str::to_owned).collect())
    }
    /// `httpChecksumRequired`.
    pub fn http_checksum_required(&self) -> bool {
        self.has(ids::HTTP_CHECKSUM_REQUIRED)
    }
    /// `sparse`.
    pub fn is_sparse(&self) -> bool {
        self.has(ids::SPARSE)
    }
    /// `mediaType`.
    pub fn media_type(&self) -> Option<&str> {
        self.get(ids::MEDIA_TYPE).and_then(Value::as_str)
    }
    /// `retryable`.
    pub fn retryable(&self) -> Option<Retryable> {
        self.typed(ids::RETRYABLE)
    }
    /// `paginated`.
    pub fn paginated(&self) -> Option<Paginated> {
        self.typed(ids::PAGINATED)
    }
    /// `endpoint`.
    pub fn endpoint(&self) -> Option<Endpoint> {
        self.typed(ids::ENDPOINT)
    }
    /// `hostLabel`.
    pub fn is_host_label(&self) -> bool {
        self.has(ids::HOST_LABEL)
    }
    /// `title`.
    pub fn title(&self) -> Option<&str> {
        self.get(ids::TITLE).and_then(Value::as_str)
    }
    /// `trait`: this shape defines a trait.
    pub fn is_trait_definition(&self) -> bool {
        self.has(ids::TRAIT)
    }
    /// `aws.api#service`.
    pub fn aws_service(&self) -> Option<AwsService> {
        self.typed(ids::AWS_SERVICE)
    }
    /// `aws.auth#sigv4`.
    pub fn sigv4(&self) -> Option<Sigv4> {
        self.typed(ids::SIGV4)
    }
}
