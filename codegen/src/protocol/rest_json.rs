//! `aws.protocols#restJson1`: HTTP bindings from the model's `@http*` traits, JSON bodies
//! with `@jsonName`.

use proc_macro2::TokenStream;

use super::{http, json};
use crate::error::Result;
use crate::model::traits::Http;
use crate::model::{Member, ShapeId, ShapeKind};
use crate::plan::{Binding, Codec, Ctx, Protocol, RequestFacts, Scope, StructSpec};

pub const ID: &str = crate::model::traits::ids::REST_JSON1;

/// The restJson1 protocol.
pub struct RestJson;

impl Protocol for RestJson {
    fn id(&self) -> &'static str {
        ID
    }

    fn binding(&self, member: &Member) -> Binding {
        crate::plan::protocol::http_binding(member)
    }

    fn wire_name<'a>(&self, member: &'a Member) -> &'a str {
        member.traits.json_name().unwrap_or(&member.name)
    }

    fn http(&self, ctx: &Ctx<'_>, op: &ShapeId) -> Result<Http> {
        http::required_http(ctx, op, "restJson1")
    }

    fn request_facts(&self, ctx: &Ctx<'_>, op: &ShapeId) -> RequestFacts {
        // Without body members there is no body, but an unset structure payload is `{}`.
        let structure_payload = ctx.model.operation(op).and_then(|o| ctx.model.structure_members(&o.input)).is_ok_and(|members| {
            members
                .values()
                .any(|m| ctx.binding(m) == Binding::Payload && matches!(ctx.model.get(&m.target).map(|t| &t.kind), Some(ShapeKind::Structure(_))))
        });
        RequestFacts { document_type: "application/json", headers: Vec::new(), empty_body: structure_payload.then(|| b"{}".to_vec()) }
    }

    fn request(&self, ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        http::request_body(ctx, op, &ctx.plan(op)?.http, input, scope)
    }

    fn parse_output(&self, ctx: &Ctx<'_>, _op: Option<&ShapeId>, output: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        http::parse_output_body(ctx, self.codec(), output, scope)
    }

    fn reads_event_streams(&self) -> bool {
        true
    }

    fn writes_event_streams(&self) -> bool {
        true
    }

    fn codec(&self) -> &dyn Codec {
        &json::Json
    }
}
