//! The seam between the emitters and the wire protocols: what an emitter asks of the
//! service's protocol, and the body codec that protocol uses. Implementations live in
//! `crate::protocol`, one module each; adding a protocol means adding one there.

use proc_macro2::{Ident, TokenStream};

use super::context::Ctx;
use super::members::MemberInfo;
use super::scope::Scope;
use super::structure::StructSpec;
use crate::error::Result;
use crate::model::traits::Http;
use crate::model::{Member, Shape, ShapeId};

/// Where a member of an operation's input or output travels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// `@httpLabel`.
    Label,
    /// `@httpQuery("name")`.
    Query(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpHeader("Name")`.
    Header(String),
    /// `@httpPrefixHeaders("Prefix-")`.
    PrefixHeaders(String),
    /// `@httpPayload`.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
    /// A member of the document body.
    Body,
}

/// A member's binding from its HTTP binding traits (for the protocols that have them).
pub fn http_binding(member: &Member) -> Binding {
    let t = &member.traits;
    if t.is_http_label() {
        Binding::Label
    } else if let Some(name) = t.http_query() {
        Binding::Query(name.to_owned())
    } else if t.is_http_query_params() {
        Binding::QueryParams
    } else if let Some(name) = t.http_header() {
        Binding::Header(name.to_owned())
    } else if let Some(prefix) = t.http_prefix_headers() {
        Binding::PrefixHeaders(prefix.to_owned())
    } else if t.is_http_payload() {
        Binding::Payload
    } else if t.is_http_response_code() {
        Binding::ResponseCode
    } else {
        Binding::Body
    }
}

/// What every request of an operation carries, as the generated tests check it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestFacts {
    /// The media type of a document body (`application/json`).
    pub document_type: &'static str,
    /// Headers with fixed values, lower-case names first (`x-amz-target`).
    pub headers: Vec<(String, String)>,
    /// The body of a request that sets no body member (nor its payload): `Some(b"{}")`, or
    /// `None` for no body.
    pub empty_body: Option<Vec<u8>>,
}

/// Where the body conventions of protocols with the same codec differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyRules {
    /// Whether `@timestampFormat` applies in bodies (else timestamps are epoch seconds).
    pub timestamp_formats: bool,
    /// Whether `bigInteger` and `bigDecimal` values are strings (else numbers).
    pub big_numbers_as_text: bool,
}

/// One way a response names its error (the generated tests' replies use them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorNaming {
    /// A header with this value.
    Header(&'static str, String),
    /// A field of the JSON body with this value.
    BodyField(&'static str, String),
    /// The protocol's error document, which [`Protocol::test_body`] writes.
    Envelope,
}

/// What a reply of the generated tests answers.
#[derive(Clone, Copy, Debug)]
pub enum ReplyTo<'a> {
    /// A call of operation `op`, with its output.
    Output { op: &'a ShapeId, output: &'a ShapeId },
    /// An error: its name, and its shape when the model declares it.
    Error { name: &'a str, shape: Option<&'a ShapeId> },
    /// An output whose `@httpPayload` member (a structure or union) is the whole body.
    Payload { member: &'a Member },
}

/// A wire protocol: how requests are built and responses read.
pub trait Protocol: Sync {
    /// The protocol's trait id (`aws.protocols#restJson1`).
    fn id(&self) -> &'static str;

    /// Where a member of an operation's input or output travels.
    fn binding(&self, member: &Member) -> Binding;

    /// A member's name in a document body.
    fn wire_name<'a>(&self, member: &'a Member) -> &'a str;

    /// The HTTP method and URI of the operation's requests; an error naming the operation
    /// when the model does not give what the protocol needs.
    fn http(&self, ctx: &Ctx<'_>, op: &ShapeId) -> Result<Http>;

    /// The fixed parts of the operation's requests.
    fn request_facts(&self, ctx: &Ctx<'_>, op: &ShapeId) -> RequestFacts;

    /// The body of `Operation::request` (`input` and `config` in scope).
    fn request(&self, ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream>;

    /// The body of `Operation::parse_output` of operation `op`, and of `read` for modeled
    /// errors (`op` is `None`) that the runtime does not read itself (`response` in scope).
    fn parse_output(&self, ctx: &Ctx<'_>, op: Option<&ShapeId>, output: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream>;

    /// The metadata of an error response (`response` in scope): its code, which picks the
    /// error, its message and ids.
    fn error_metadata(&self, scope: &mut Scope) -> TokenStream {
        let read = scope.import("crate::rt", "error_metadata");
        quote::quote!(#read(response))
    }

    /// The metadata an error keeps, from the metadata its code was read from (`meta`) and
    /// the response (`response`): the same, unless the protocol carries more.
    fn kept_error_metadata(&self, meta: TokenStream, _scope: &mut Scope) -> TokenStream {
        meta
    }

    /// The code that names `error` in responses: its shape name, unless the protocol says
    /// otherwise.
    fn error_code(&self, error: &Shape) -> String {
        error.id.name().to_owned()
    }

    /// The ways a response can name error `name` of `namespace`, the usual one first.
    fn error_namings(&self, namespace: &str, name: &str) -> Vec<ErrorNaming> {
        vec![
            ErrorNaming::Header("x-amzn-errortype", name.to_owned()),
            ErrorNaming::BodyField("__type", format!("{namespace}#{name}")),
            ErrorNaming::BodyField("code", format!("{name}:http://internal.amazon.com/coral/com.amazon.coral.validate/")),
        ]
    }

    /// The body of a reply of the generated tests, and its media type, from the JSON form of
    /// its members (as the JSON protocols write them): `None` when that JSON text is the body.
    fn test_body(&self, ctx: &Ctx<'_>, to: ReplyTo<'_>, json: &str) -> Option<(Vec<u8>, &'static str)> {
        let shape = match to {
            ReplyTo::Output { output, .. } => Some(output),
            ReplyTo::Error { shape, .. } => shape,
            ReplyTo::Payload { member } => Some(&member.target),
        };
        let codec = self.codec();
        codec.test_body(ctx, shape, json).map(|body| (body, codec.media_type()))
    }

    /// For protocols whose request bodies the test support cannot read as JSON: statements
    /// checking that `request` (a recorded request of operation `op`) carries exactly
    /// `sent`, the JSON form of the body members of `input`, or `payload`, the JSON form of
    /// its payload member's value; `None` for the others.
    fn test_body_check(
        &self,
        _ctx: &Ctx<'_>,
        _op: &ShapeId,
        _input: &ShapeId,
        _sent: &serde_json::Map<String, serde_json::Value>,
        _payload: Option<&serde_json::Value>,
    ) -> Result<Option<TokenStream>> {
        Ok(None)
    }

    /// The headers every response of the protocol carries (the generated tests' replies
    /// add them).
    fn response_headers(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }

    /// How values are written in bodies where protocols differ.
    fn body_rules(&self) -> BodyRules {
        BodyRules { timestamp_formats: true, big_numbers_as_text: false }
    }

    /// Whether responses' event streams are read (an output's `@streaming` union becomes
    /// an `EventReceiver`); else operations returning one are refused.
    fn reads_event_streams(&self) -> bool {
        false
    }

    /// Whether requests' event streams are sent (an input's `@streaming` union becomes an
    /// `EventSender`); else operations taking one are refused.
    fn writes_event_streams(&self) -> bool {
        false
    }

    /// Whether the other members of an input or output with an event stream travel as the
    /// stream's first event, `initial-request` or `initial-response` (RPC protocols), rather
    /// than in the message's head (HTTP bindings).
    fn initial_message_events(&self) -> bool {
        false
    }

    /// How shapes are written into and read from bodies.
    fn codec(&self) -> &dyn Codec;

    /// The runtime parts the protocol needs beyond those the emitted code refers to
    /// (names from `emit::runtime`).
    fn runtime_parts(&self) -> &'static [&'static str] {
        &[]
    }
}

/// How values of generated types are written into request bodies and read from response
/// bodies: the impls each type gets.
pub trait Codec: Sync {
    /// A structure's (an input's, output's, error's or data type's).
    fn structure(&self, ctx: &Ctx<'_>, spec: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream>;

    /// A string enum's.
    fn string_enum(&self, ctx: &Ctx<'_>, shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream;

    /// An intEnum's.
    fn int_enum(&self, ctx: &Ctx<'_>, shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream;

    /// The trait builders implement to be read from bodies (`JsonObject`), with its
    /// `finish`.
    fn object_trait(&self, scope: &mut Scope) -> TokenStream;

    /// Whether the runtime's `modeled_error!` reads errors whose members are all in the
    /// body (else each error gets its own `read`).
    fn runtime_reads_errors(&self) -> bool {
        false
    }

    /// An expression encoding `value` (a reference to a structure, union or document of
    /// `shape`: an input, or the target of payload `member`) as a whole body
    /// (`Result<Vec<u8>, E>`, `E: Display`); `None` for a format whose bodies are not
    /// documents (awsQuery's form).
    fn write_document(&self, ctx: &Ctx<'_>, shape: &ShapeId, member: Option<&Member>, value: TokenStream, scope: &mut Scope) -> Option<TokenStream>;

    /// The body sent for an unset structure payload (`{}` in JSON); `None` when the format
    /// has no payloads (its protocols have no HTTP bindings).
    fn unset_payload(&self) -> Option<Vec<u8>> {
        None
    }

    /// The function reading a whole body as a structure, union or document payload
    /// (`fn(&[u8]) -> Result<T, String>`); `None` when the format has no payloads.
    fn read_document(&self, _scope: &mut Scope) -> Option<TokenStream> {
        None
    }

    /// Reads the whole `response.body` into `builder`, not finished, for protocols that add
    /// members from the head after (a `Result<Builder, String>` expression); `None` when the
    /// format's bodies are only read whole ([`read_body`](Self::read_body)).
    fn read_builder(&self, _builder: &Ident, _scope: &mut Scope) -> Option<TokenStream> {
        None
    }

    /// Reads the whole `response.body` into the output of `builder`: a
    /// `Result<_, String>` expression.
    fn read_body(&self, builder: &Ident, scope: &mut Scope) -> TokenStream;

    /// The format's name in the client's messages (`invalid JSON body`).
    fn format_name(&self) -> &'static str;

    /// The media type of bodies, as requests and replies say it.
    fn media_type(&self) -> &'static str;

    /// A body of the generated tests' replies in this format, from its JSON text (a value
    /// of `shape`, when known, as the JSON protocols put it on the wire): `None` when the
    /// text is the body (JSON).
    fn test_body(&self, _ctx: &Ctx<'_>, _shape: Option<&ShapeId>, _json: &str) -> Option<Vec<u8>> {
        None
    }

    /// A union's, given its members and their variants.
    fn union(
        &self,
        ctx: &Ctx<'_>,
        shape: &Shape,
        name: &Ident,
        infos: &[MemberInfo<'_>],
        variants: &[Ident],
        scope: &mut Scope,
    ) -> Result<TokenStream>;
}
