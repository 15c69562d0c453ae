//! `aws.protocols#awsJson1_0` and `awsJson1_1`: every request is `POST /` with
//! `X-Amz-Target: <Service>.<Operation>` and the whole input as a JSON document (`{}` when
//! empty); HTTP binding traits are ignored, and member names are the model's (no
//! `@jsonName`). With `aws.protocols#awsQueryCompatible`, requests say
//! `x-amzn-query-mode: true` and errors keep the awsQuery code of `x-amzn-query-error`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{http, json};
use crate::error::Result;
use crate::model::traits::Http;
use crate::model::{Member, Shape, ShapeId};
use crate::plan::{Binding, Codec, Ctx, Protocol, RequestFacts, Scope, StructSpec};

const QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";

/// The two versions, which differ only in their content type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// `awsJson1_0`.
    V1_0,
    /// `awsJson1_1`.
    V1_1,
}

impl Version {
    /// The protocol trait id.
    pub fn id(self) -> &'static str {
        match self {
            Version::V1_0 => "aws.protocols#awsJson1_0",
            Version::V1_1 => "aws.protocols#awsJson1_1",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Version::V1_0 => "application/x-amz-json-1.0",
            Version::V1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// An awsJson protocol for one service.
pub struct AwsJson {
    version: Version,
    /// The service's shape name: the first half of every `X-Amz-Target`.
    service: String,
    query_compatible: bool,
}

impl AwsJson {
    /// The protocol `version` for `service`.
    pub fn new(version: Version, service: &Shape) -> AwsJson {
        AwsJson { version, service: service.id.name().to_owned(), query_compatible: service.traits.has(QUERY_COMPATIBLE) }
    }

    fn target(&self, op: &ShapeId) -> String {
        format!("{}.{}", self.service, op.name())
    }
}

impl Protocol for AwsJson {
    fn id(&self) -> &'static str {
        self.version.id()
    }

    fn binding(&self, _member: &Member) -> Binding {
        Binding::Body
    }

    fn wire_name<'a>(&self, member: &'a Member) -> &'a str {
        &member.name
    }

    fn http(&self, _ctx: &Ctx<'_>, _op: &ShapeId) -> Result<Http> {
        Ok(Http { method: "POST".into(), uri: "/".into(), code: 200 })
    }

    fn request_facts(&self, _ctx: &Ctx<'_>, op: &ShapeId) -> RequestFacts {
        let mut headers = vec![("x-amz-target".to_owned(), self.target(op))];
        if self.query_compatible {
            headers.push(("x-amzn-query-mode".to_owned(), "true".to_owned()));
        }
        RequestFacts { document_type: self.version.content_type(), headers, empty_body: Some(b"{}".to_vec()) }
    }

    fn request(&self, ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        http::rpc_request(ctx, op, input, "/", Some(self.version.content_type()), &self.request_facts(ctx, op), scope)
    }

    fn parse_output(&self, ctx: &Ctx<'_>, _op: Option<&ShapeId>, output: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        // Every member is in the body (`binding`), so this reads the JSON document.
        http::parse_output_body(ctx, self.codec(), output, scope)
    }

    fn reads_event_streams(&self) -> bool {
        true
    }

    fn writes_event_streams(&self) -> bool {
        true
    }

    fn initial_message_events(&self) -> bool {
        true
    }

    fn kept_error_metadata(&self, meta: TokenStream, scope: &mut Scope) -> TokenStream {
        if !self.query_compatible {
            return meta;
        }
        let query_compatible = scope.import("crate::rt", "query_compatible");
        quote!(#query_compatible(#meta, response))
    }

    fn codec(&self) -> &dyn Codec {
        &json::Json
    }

    fn runtime_parts(&self) -> &'static [&'static str] {
        if self.query_compatible { &["query-compatible"] } else { &[] }
    }
}
