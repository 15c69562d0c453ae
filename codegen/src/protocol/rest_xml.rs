//! `aws.protocols#restXml`: HTTP bindings from the model's `@http*` traits (as restJson1),
//! XML bodies (`protocol::xml`): a request body is the input (or its payload) as one
//! element, named by `@xmlName` or the shape name, declaring the shape's or the service's
//! `@xmlNamespace`; errors are `<ErrorResponse><Error>` documents (or `<Error>` alone with
//! `noErrorWrapping`) whose `Code` is the error's shape name.

use proc_macro2::TokenStream;
use quote::quote;

use super::http;
use super::xml::{self, Xml};
use crate::error::Result;
use crate::model::traits::Http;
use crate::model::{Member, Shape, ShapeId, ShapeKind};
use crate::plan::{Binding, Codec, Ctx, ErrorNaming, Protocol, ReplyTo, RequestFacts, Role, Scope, StructSpec};

pub const ID: &str = crate::model::traits::ids::REST_XML;

/// The elements around an error's members.
const WRAPPED: &[&str] = &["ErrorResponse", "Error"];
const UNWRAPPED: &[&str] = &["Error"];

/// The restXml protocol for one service.
pub struct RestXml {
    /// Bodies of outputs and data types.
    codec: Xml,
    /// Bodies of errors, inside their envelope.
    errors: Xml,
}

impl RestXml {
    pub fn new(service: &Shape) -> RestXml {
        let wrapped = !service.traits.rest_xml().unwrap_or_default().no_error_wrapping;
        RestXml { codec: Xml { within: &[] }, errors: Xml { within: if wrapped { WRAPPED } else { UNWRAPPED } } }
    }

    /// The payload member of an input or output, if it has one.
    fn payload<'m>(ctx: &Ctx<'m>, shape: &ShapeId) -> Option<&'m Member> {
        ctx.model.structure_members(shape).ok()?.values().find(|m| ctx.binding(m) == Binding::Payload)
    }
}

impl Protocol for RestXml {
    fn id(&self) -> &'static str {
        ID
    }

    fn binding(&self, member: &Member) -> Binding {
        crate::plan::protocol::http_binding(member)
    }

    fn wire_name<'a>(&self, member: &'a Member) -> &'a str {
        member.traits.xml_name().unwrap_or(&member.name)
    }

    fn http(&self, ctx: &Ctx<'_>, op: &ShapeId) -> Result<Http> {
        http::required_http(ctx, op, "restXml")
    }

    fn request_facts(&self, ctx: &Ctx<'_>, op: &ShapeId) -> RequestFacts {
        // An input with body members (and no payload) is always a document, if empty.
        let empty_body = ctx.model.operation(op).ok().and_then(|o| {
            let members = ctx.model.structure_members(&o.input).ok()?;
            let input = ctx.model.get(&o.input)?;
            (Self::payload(ctx, &o.input).is_none() && members.values().any(|m| ctx.in_body(m))).then(|| {
                let (name, ns) = xml::root(ctx, input, None);
                xml::empty_document(&name, ns.as_ref())
            })
        });
        RequestFacts { document_type: "application/xml", headers: Vec::new(), empty_body }
    }

    fn request(&self, ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        http::request_body(ctx, op, &ctx.plan(op)?.http, input, scope)
    }

    fn parse_output(&self, ctx: &Ctx<'_>, op: Option<&ShapeId>, output: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        if output.role == Role::Error {
            return http::parse_output_body(ctx, &self.errors, output, scope);
        }
        let unwrapped = op.and_then(|op| ctx.model.get(op)).is_some_and(|o| o.traits.is_s3_unwrapped_xml_output());
        if unwrapped && !http::bound_beyond_body(ctx, output) {
            // The body is the output's one member, as the root element.
            let (builder, read) = (&output.builder, scope.function("crate::rt::xml", "unwrapped"));
            return Ok(quote!(#read::<#builder>(&response.body)));
        }
        http::parse_output_body(ctx, &self.codec, output, scope)
    }

    fn error_metadata(&self, scope: &mut Scope) -> TokenStream {
        let read = if self.errors.within == WRAPPED {
            scope.function("crate::rt::xml", "error_metadata")
        } else {
            scope.function("crate::rt::xml", "unwrapped_error_metadata")
        };
        quote!(#read(response))
    }

    fn error_namings(&self, _namespace: &str, _name: &str) -> Vec<ErrorNaming> {
        vec![ErrorNaming::Envelope]
    }

    fn test_body(&self, ctx: &Ctx<'_>, to: ReplyTo<'_>, json: &str) -> Option<(Vec<u8>, &'static str)> {
        let media_type = self.codec.media_type();
        let Ok(serde_json::Value::Object(fields)) = serde_json::from_str::<serde_json::Value>(json) else {
            return Some((json.as_bytes().to_vec(), media_type));
        };
        let mut out = String::new();
        match to {
            ReplyTo::Output { output, .. } => {
                let shape = ctx.model.get(output)?;
                let (name, ns) = xml::root(ctx, shape, None);
                xml::element_text(ctx, &name, ns.as_ref(), Some(output), &fields, &mut out);
            }
            ReplyTo::Payload { member } => {
                let shape = ctx.model.get(&member.target)?;
                let (name, ns) = xml::root(ctx, shape, Some(member));
                xml::element_text(ctx, &name, ns.as_ref(), Some(&member.target), &fields, &mut out);
            }
            ReplyTo::Error { name, shape } => xml::error_text(ctx, self.errors.within, name, shape, &fields, Some("req-1"), &mut out),
        }
        Some((out.into_bytes(), media_type))
    }

    fn test_body_check(
        &self,
        ctx: &Ctx<'_>,
        _op: &ShapeId,
        input: &ShapeId,
        sent: &serde_json::Map<String, serde_json::Value>,
        payload: Option<&serde_json::Value>,
    ) -> Result<Option<TokenStream>> {
        let mut expected = String::new();
        let mut fresh_tokens = Vec::new();
        match (Self::payload(ctx, input), payload) {
            (Some(member), Some(serde_json::Value::Object(fields))) => {
                let target = ctx.model.expect(&member.target, &member.id)?;
                if !matches!(target.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) {
                    return Ok(None);
                }
                let (name, ns) = xml::root(ctx, target, Some(member));
                xml::element_text(ctx, &name, ns.as_ref(), Some(&member.target), fields, &mut expected);
            }
            (Some(_), _) => return Ok(None),
            (None, _) => {
                let shape = ctx.model.expect(input, input)?;
                let members = ctx.model.structure_members(input)?;
                if !members.values().any(|m| ctx.in_body(m)) {
                    return Ok(None);
                }
                let (name, ns) = xml::root(ctx, shape, None);
                xml::element_text(ctx, &name, ns.as_ref(), Some(input), sent, &mut expected);
                // An idempotency token left unset is a fresh UUID: checked for its form,
                // then left out of the comparison.
                fresh_tokens = members
                    .values()
                    .filter(|m| m.traits.is_idempotency_token() && ctx.in_body(m) && !sent.contains_key(ctx.wire_name(m)))
                    .map(|m| ctx.wire_name(m).to_owned())
                    .collect();
            }
        }
        let media_type = self.codec.media_type();
        Ok(Some(quote! {
            assert_eq!(request.header("content-type"), Some(#media_type));
            request.assert_xml(#expected, &[#(#fresh_tokens),*]);
        }))
    }

    fn reads_event_streams(&self) -> bool {
        true
    }

    fn writes_event_streams(&self) -> bool {
        true
    }

    fn codec(&self) -> &dyn Codec {
        &self.codec
    }
}
