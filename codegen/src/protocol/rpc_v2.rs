//! `smithy.protocols#rpcv2Json` and `rpcv2Cbor`: every request is
//! `POST /service/<Service>/operation/<Operation>` with `Smithy-Protocol: rpc-v2-json` (or
//! `rpc-v2-cbor`) and the whole input as one JSON (or CBOR) document, with no body at all
//! for an operation without input. HTTP binding traits, `@jsonName` and `@timestampFormat`
//! are ignored (timestamps are epoch seconds); in JSON, big numbers are strings. A response
//! is read only when it says the same `Smithy-Protocol`, and an error names itself in the
//! body's `__type`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{cbor, http, json};
use crate::error::Result;
use crate::model::traits::Http;
use crate::model::{Member, Shape, ShapeId};
use crate::plan::{Binding, BodyRules, Codec, Ctx, ErrorNaming, Protocol, RequestFacts, Scope, StructSpec};

pub const JSON_ID: &str = "smithy.protocols#rpcv2Json";
pub const CBOR_ID: &str = "smithy.protocols#rpcv2Cbor";

/// The two formats, which differ in their codec and names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Cbor,
}

impl Format {
    /// The `Smithy-Protocol` value of requests and responses.
    fn name(self) -> &'static str {
        match self {
            Format::Json => "rpc-v2-json",
            Format::Cbor => "rpc-v2-cbor",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Cbor => "application/cbor",
        }
    }

    /// The body of an input without members: an empty map.
    fn empty_document(self) -> &'static [u8] {
        match self {
            Format::Json => b"{}",
            Format::Cbor => &[0xa0],
        }
    }
}

/// An RPC v2 protocol for one service.
pub struct RpcV2 {
    format: Format,
    /// The service's shape name, in every request path.
    service: String,
}

impl RpcV2 {
    /// The protocol in `format` for `service`.
    pub fn new(format: Format, service: &Shape) -> RpcV2 {
        RpcV2 { format, service: service.id.name().to_owned() }
    }

    /// Operations without input send no body.
    fn has_input(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
        ctx.model.operation(op).is_ok_and(|o| o.input.as_str() != "smithy.api#Unit")
    }
}

impl Protocol for RpcV2 {
    fn id(&self) -> &'static str {
        match self.format {
            Format::Json => JSON_ID,
            Format::Cbor => CBOR_ID,
        }
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
        let media_type = self.format.media_type();
        // An event stream in the response is asked for as one.
        let events = ctx.model.operation(op).is_ok_and(|body| ctx.has_member(&body.output, |t| ctx.is_event_stream(t)));
        let accept = if events { "application/vnd.amazon.eventstream" } else { media_type };
        let headers = vec![("smithy-protocol".to_owned(), self.format.name().to_owned()), ("accept".to_owned(), accept.to_owned())];
        RequestFacts { document_type: media_type, headers, empty_body: Self::has_input(ctx, op).then(|| self.format.empty_document().to_vec()) }
    }

    fn request(&self, ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let content_type = Self::has_input(ctx, op).then_some(self.format.media_type());
        http::rpc_request(ctx, op, input, &self.http(ctx, op)?.uri, content_type, &self.request_facts(ctx, op), scope)
    }

    fn parse_output(&self, ctx: &Ctx<'_>, _op: Option<&ShapeId>, output: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let check = scope.import("crate::rt::rpc_v2", "check_protocol");
        let name = self.format.name();
        // Every member is in the body (`binding`); with an event stream, the body is the
        // `initial-response` event's payload and the stream joins the output.
        let read = if output.members.iter().any(|m| m.events) {
            http::parse_output_body(ctx, self.codec(), output, scope)?
        } else {
            self.codec().read_body(&output.builder, scope)
        };
        Ok(quote! {
            #check(response, #name)?;
            #read
        })
    }

    fn error_metadata(&self, scope: &mut Scope) -> TokenStream {
        let read = match self.format {
            Format::Json => scope.import("crate::rt::rpc_v2", "json_error_metadata"),
            Format::Cbor => scope.import("crate::rt::rpc_v2", "cbor_error_metadata"),
        };
        quote!(#read(response))
    }

    fn error_namings(&self, namespace: &str, name: &str) -> Vec<ErrorNaming> {
        vec![ErrorNaming::BodyField("__type", format!("{namespace}#{name}"))]
    }

    fn response_headers(&self) -> &'static [(&'static str, &'static str)] {
        match self.format {
            Format::Json => &[("smithy-protocol", "rpc-v2-json")],
            Format::Cbor => &[("smithy-protocol", "rpc-v2-cbor")],
        }
    }

    fn body_rules(&self) -> BodyRules {
        BodyRules { timestamp_formats: false, big_numbers_as_text: self.format == Format::Json }
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

    fn codec(&self) -> &dyn Codec {
        match self.format {
            Format::Json => &json::Json,
            Format::Cbor => &cbor::Cbor,
        }
    }
}
