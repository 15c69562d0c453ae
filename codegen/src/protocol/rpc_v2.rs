//! `smithy.protocols#rpcv2Json`: every request is `POST /service/<Service>/operation/<Operation>`
//! with `Smithy-Protocol: rpc-v2-json` and the whole input as a JSON document (no body at
//! all for an operation without input); HTTP binding traits, `@jsonName` and
//! `@timestampFormat` are ignored and big numbers are strings. A response is read only when
//! it says the same `Smithy-Protocol`, and an error names itself in the body's `__type`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{http, json};
use crate::error::Result;
use crate::model::traits::Http;
use crate::model::{Member, Shape, ShapeId};
use crate::plan::{Binding, BodyRules, Codec, Ctx, ErrorNaming, Protocol, RequestFacts, Scope, StructSpec};

pub const JSON_ID: &str = "smithy.protocols#rpcv2Json";

/// The `Smithy-Protocol` value of requests and responses.
const JSON_NAME: &str = "rpc-v2-json";
const JSON_TYPE: &str = "application/json";

/// The rpcv2Json protocol for one service.
pub struct RpcV2 {
    /// The service's shape name, in every request path.
    service: String,
}

impl RpcV2 {
    /// The protocol for `service`.
    pub fn json(service: &Shape) -> RpcV2 {
        RpcV2 { service: service.id.name().to_owned() }
    }

    /// Operations without input send no body.
    fn has_input(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
        ctx.model.operation(op).is_ok_and(|o| o.input.as_str() != "smithy.api#Unit")
    }
}

impl Protocol for RpcV2 {
    fn id(&self) -> &'static str {
        JSON_ID
    }

    fn binding(&self, _member: &Member) -> Binding {
        Binding::Body
    }

    fn wire_name<'a>(&self, member: &'a Member) -> &'a str {
        &member.name
    }

    fn http(&self, _ctx: &Ctx<'_>, op: &ShapeId) -> Result<Http> {
        Ok(Http { method: "POST".into(), uri: format!("/service/{}/operation/{}", self.service, op.name()), code: 200 })
    }

    fn request_facts(&self, ctx: &Ctx<'_>, op: &ShapeId) -> RequestFacts {
        let headers = vec![("smithy-protocol".to_owned(), JSON_NAME.to_owned()), ("accept".to_owned(), JSON_TYPE.to_owned())];
        RequestFacts { document_type: JSON_TYPE, headers, empty_body: Self::has_input(ctx, op).then_some("{}") }
    }

    fn request(&self, ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let content_type = Self::has_input(ctx, op).then_some(JSON_TYPE);
        http::rpc_request(ctx, op, input, &self.http(ctx, op)?.uri, content_type, &self.request_facts(ctx, op), scope)
    }

    fn parse_output(&self, ctx: &Ctx<'_>, output: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let check = scope.import("crate::rt::rpc_v2", "check_protocol");
        let read = http::parse_output_body(ctx, output, scope)?;
        Ok(quote! {
            #check(response, #JSON_NAME)?;
            #read
        })
    }

    fn error_metadata(&self, scope: &mut Scope) -> TokenStream {
        let read = scope.import("crate::rt::rpc_v2", "json_error_metadata");
        quote!(#read(response))
    }

    fn error_namings(&self, namespace: &str, name: &str) -> Vec<ErrorNaming> {
        vec![ErrorNaming::BodyField("__type", format!("{namespace}#{name}"))]
    }

    fn response_headers(&self) -> &'static [(&'static str, &'static str)] {
        &[("smithy-protocol", JSON_NAME)]
    }

    fn body_rules(&self) -> BodyRules {
        BodyRules { timestamp_formats: false, big_numbers_as_text: true }
    }

    fn codec(&self) -> &dyn Codec {
        &json::Json
    }
}
