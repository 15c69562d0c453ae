//! Values and assertions the generated tests share: placeholder values for required
//! members, an example split by where each value travels, and the comparison of an
//! output with the one expected.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value, json};

use super::examples::{Direction, wire_json};
use crate::error::Result;
use crate::model::{ShapeId, ShapeKind, Simple};
use crate::plan::{Ctx, ErrorNaming, MemberInfo, ReplyTo, Scope, members};

/// The assertion that `output` equals `expected`: by `==`, or by `Debug` text when
/// `by_debug` (NaN is unequal to itself) or when a streamed body must first be read and
/// compared (`stream_check`, from [`split_stream`]): a `ByteStream` has no `PartialEq`.
pub fn output_assertion(expected: TokenStream, stream_check: Option<TokenStream>, by_debug: bool) -> TokenStream {
    match stream_check {
        Some(check) => quote! {
            let mut output = output;
            #check
            assert_eq!(format!("{output:?}"), format!("{:?}", #expected));
        },
        None if by_debug => quote!(assert_eq!(format!("{output:?}"), format!("{:?}", #expected));),
        None => quote!(assert_eq!(output, #expected);),
    }
}

/// The `@streaming` blob member of an input or output, if it has one (members are built
/// only then).
pub fn stream_member<'m>(ctx: &Ctx<'m>, container: &ShapeId) -> Result<Option<MemberInfo<'m>>> {
    if !ctx.has_member(container, |t| ctx.is_stream_blob(t)) {
        return Ok(None);
    }
    Ok(members(ctx, container, false, &mut Scope::default())?.into_iter().find(|m| m.streaming))
}

/// For an output with a `@streaming` member: the values without it, and statements that
/// take the streamed body out of `output` and compare it with the value's bytes.
pub fn split_stream(ctx: &Ctx<'_>, output: &ShapeId, values: &Map<String, Value>) -> Result<(Map<String, Value>, Option<TokenStream>)> {
    let Some(m) = stream_member(ctx, output)? else { return Ok((values.clone(), None)) };
    let mut rest = values.clone();
    let text = match rest.remove(&m.member.name) {
        Some(Value::String(text)) => text,
        _ => String::new(),
    };
    let field = &m.field;
    Ok((
        rest,
        Some(quote! {
            let streamed = std::mem::take(&mut output.#field).collect().await.expect("the streamed body");
            assert_eq!(streamed.as_ref(), #text.as_bytes());
        }),
    ))
}

/// Placeholder values for the required members of `container`, so a request can be sent.
pub fn required_values(ctx: &Ctx<'_>, container: &ShapeId, depth: usize) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for m in ctx.model.structure_members(container)?.values() {
        if !m.traits.is_required() {
            continue;
        }
        if let Some(value) = placeholder(ctx, &m.target, depth)? {
            out.insert(m.name.clone(), value);
        }
    }
    Ok(out)
}

/// A valid value of shape `id` (in the form of example values), with the required members
/// of structures filled to a depth of 4; `None` for what cannot be made up (unions, and
/// structures deeper than that).
pub fn placeholder(ctx: &Ctx<'_>, id: &ShapeId, depth: usize) -> Result<Option<Value>> {
    let target = ctx.model.expect(id, id)?;
    Ok(Some(match &target.kind {
        ShapeKind::Simple(Simple::String | Simple::Blob | Simple::Document) => json!("example"),
        ShapeKind::Simple(Simple::Boolean) => json!(true),
        ShapeKind::Simple(_) => json!(1),
        ShapeKind::Enum(members) => json!(
            members
                .values()
                .next()
                .map(|e| match e.traits.enum_value() {
                    Some(crate::model::traits::EnumValue::String(v)) => v,
                    _ => e.name.clone(),
                })
                .unwrap_or_default()
        ),
        ShapeKind::IntEnum(_) => json!(1),
        ShapeKind::List(_) => json!([]),
        ShapeKind::Map { .. } => json!({}),
        ShapeKind::Structure(_) if depth < 4 => Value::Object(required_values(ctx, id, depth + 1)?),
        // A union: its first member that has a value.
        ShapeKind::Union(members) if depth < 4 => {
            for m in members.values() {
                if let Some(v) = placeholder(ctx, &m.target, depth + 1)? {
                    return Ok(Some(Value::Object(Map::from_iter([(m.name.clone(), v)]))));
                }
            }
            return Ok(None);
        }
        _ => return Ok(None),
    }))
}

/// An example's values split by where they travel (see `bindings`): JSON body members (in
/// wire form), the payload, headers (plain values only) and the status code. Header values
/// this test writer cannot spell are `dropped` from what the test expects.
pub struct ExampleParts {
    pub body: Map<String, Value>,
    pub has_body_members: bool,
    pub payload: Option<Value>,
    pub headers: Vec<(String, String)>,
    pub status: Option<u16>,
    pub dropped: Vec<String>,
}

pub fn split_example(ctx: &Ctx<'_>, io: &ShapeId, values: &Map<String, Value>, direction: Direction) -> Result<ExampleParts> {
    use crate::plan::Binding;
    let members = ctx.model.structure_members(io)?;
    // In a response, URI and query bindings mean nothing: those members are in the body.
    let in_body = |m: &crate::model::Member| match direction {
        Direction::Sent => ctx.binding(m) == Binding::Body,
        Direction::Received => ctx.in_output_body(m),
    };
    let mut parts = ExampleParts {
        body: Map::new(),
        has_body_members: members.values().any(in_body),
        payload: None,
        headers: Vec::new(),
        status: None,
        dropped: Vec::new(),
    };
    let mut body_values = Map::new();
    for (name, value) in values {
        let Some(m) = members.get(name) else { continue };
        if in_body(m) {
            body_values.insert(name.clone(), value.clone());
            continue;
        }
        match ctx.binding(m) {
            Binding::Payload => {
                let target = ctx.model.expect(&m.target, &m.id)?;
                parts.payload = Some(match (&target.kind, value) {
                    (ShapeKind::Simple(Simple::String | Simple::Blob) | ShapeKind::Enum(_), Value::String(_)) => value.clone(),
                    _ => wire_json(ctx, &m.target, value, direction)?,
                });
            }
            Binding::Header(header) => match value {
                // A @mediaType string travels in a header as base64.
                Value::String(text) if ctx.model.get(&m.target).is_some_and(|s| s.traits.media_type().is_some()) => {
                    use base64::Engine;
                    parts.headers.push((header.to_ascii_lowercase(), base64::engine::general_purpose::STANDARD.encode(text.as_bytes())));
                }
                Value::String(text)
                    if matches!(ctx.model.get(&m.target).map(|s| &s.kind), Some(ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_))) =>
                {
                    parts.headers.push((header.to_ascii_lowercase(), header_value(text).to_owned()));
                }
                Value::Number(n) if !matches!(ctx.model.get(&m.target).map(|s| &s.kind), Some(ShapeKind::Simple(Simple::Timestamp))) => {
                    parts.headers.push((header.to_ascii_lowercase(), n.to_string()));
                }
                Value::Bool(b) => parts.headers.push((header.to_ascii_lowercase(), b.to_string())),
                _ => parts.dropped.push(name.clone()),
            },
            Binding::ResponseCode => parts.status = value.as_u64().and_then(|c| u16::try_from(c).ok()),
            _ => parts.dropped.push(name.clone()),
        }
    }
    // The body in wire form, defaults filled as a server would.
    if let Value::Object(wire) = wire_json(ctx, io, &Value::Object(body_values), direction)? {
        let bound: Vec<&str> = members.values().filter(|m| !in_body(m)).map(|m| ctx.wire_name(m)).collect();
        parts.body = wire.into_iter().filter(|(k, _)| !bound.contains(&k.as_str())).collect();
    }
    Ok(parts)
}

/// A header value as HTTP carries it: without the spaces and tabs around it (RFC 9110,
/// 5.5), which examples sometimes write (Glacier's InitiateJob job id).
fn header_value(text: &str) -> &str {
    text.trim_matches([' ', '\t'])
}

/// The reply a server sends for output `values`: status, headers, and body or payload
/// where the output's bindings put them; and the values the client reads back (those
/// the reply cannot carry are left out).
/// A reply of the generated tests' server: `status` with the JSON form of its members
/// (`body`), answering `to` (an error named the protocol's usual way), as the protocol puts
/// it on the wire.
pub fn json_reply(ctx: &Ctx<'_>, status: u16, body: &str, to: ReplyTo<'_>) -> TokenStream {
    let naming = match to {
        ReplyTo::Error { name, shape } => {
            let namespace = shape.map_or(ctx.service.id.namespace(), ShapeId::namespace);
            ctx.protocol.error_namings(namespace, name).into_iter().next()
        }
        ReplyTo::Output { .. } | ReplyTo::Payload { .. } => None,
    };
    named_reply(ctx, status, body, to, naming.as_ref())
}

/// A reply as [`json_reply`], the error named in one given way.
pub fn named_reply(ctx: &Ctx<'_>, status: u16, body: &str, to: ReplyTo<'_>, naming: Option<&ErrorNaming>) -> TokenStream {
    let (body, header) = match naming {
        Some(ErrorNaming::Header(name, value)) => (body.to_owned(), quote!(.header(#name, #value))),
        Some(ErrorNaming::BodyField(field, value)) => match serde_json::from_str::<Value>(body) {
            Ok(Value::Object(mut fields)) => {
                fields.insert((*field).to_owned(), Value::String(value.clone()));
                (Value::Object(fields).to_string(), quote!())
            }
            _ => (body.to_owned(), quote!()),
        },
        Some(ErrorNaming::Envelope) | None => (body.to_owned(), quote!()),
    };
    let reply = document_reply(ctx, status, &body, to);
    quote!(#reply #header)
}

/// `Reply::json(..)`, or a reply in the protocol's format converted from that JSON text,
/// with the headers every response of the protocol carries.
fn document_reply(ctx: &Ctx<'_>, status: u16, json: &str, to: ReplyTo<'_>) -> TokenStream {
    let status = Literal::u16_unsuffixed(status);
    let fixed = ctx.protocol.response_headers().iter().map(|(name, value)| quote!(.header(#name, #value)));
    match ctx.protocol.test_body(ctx, to, json) {
        None => quote!(Reply::json(#status, #json) #(#fixed)*),
        Some((bytes, media_type)) => {
            let bytes = Literal::byte_string(&bytes);
            quote!(Reply::new(#status).header("content-type", #media_type).body(#bytes) #(#fixed)*)
        }
    }
}

pub fn served_reply(ctx: &Ctx<'_>, op: &ShapeId, output_id: &ShapeId, values: &Map<String, Value>) -> Result<(TokenStream, Map<String, Value>)> {
    let received = split_example(ctx, output_id, values, Direction::Received)?;
    let mut readable = values.clone();
    for dropped in &received.dropped {
        readable.remove(dropped);
    }
    let status = received.status.unwrap_or(200);
    // The client reads an @httpResponseCode member from the status, set or not, and an
    // @httpPrefixHeaders member as a map, empty when no header has its prefix. What HTTP
    // does not carry as the example writes it reads back as HTTP carries it: a header value
    // without the spaces around it, an empty payload as no payload (Lambda's asynchronous
    // Invoke example answers `"Payload": ""`).
    let members = ctx.model.structure_members(output_id)?;
    for m in members.values() {
        match ctx.binding(m) {
            crate::plan::Binding::ResponseCode => {
                readable.insert(m.name.clone(), Value::from(status));
            }
            crate::plan::Binding::Header(_) => {
                if let Some(Value::String(text)) = readable.get_mut(&m.name) {
                    *text = header_value(text).to_owned();
                }
            }
            crate::plan::Binding::Payload if readable.get(&m.name).and_then(Value::as_str) == Some("") => {
                readable.remove(&m.name);
            }
            crate::plan::Binding::PrefixHeaders(prefix) if !prefix.is_empty() => {
                readable.entry(m.name.clone()).or_insert_with(|| Value::Object(Map::new()));
            }
            _ => {}
        }
    }
    let payload_member = members.values().find(|m| ctx.binding(m) == crate::plan::Binding::Payload);
    let body = match &received.payload {
        Some(Value::String(text)) => text.clone(),
        Some(v) => v.to_string(),
        // A payload the example leaves out is an empty body, not an empty document.
        None if payload_member.is_some() => String::new(),
        None => Value::Object(received.body.clone()).to_string(),
    };
    let status = Literal::u16_unsuffixed(status);
    // A `Content-Type` member is the reply's only content type.
    let reply = if received.headers.iter().any(|(k, _)| k == "content-type") {
        quote!(Reply::new(#status).body(#body))
    } else if let (Some(member), Some(Value::Object(_))) = (payload_member, &received.payload) {
        document_reply(ctx, received.status.unwrap_or(200), &body, ReplyTo::Payload { member })
    } else {
        document_reply(ctx, received.status.unwrap_or(200), &body, ReplyTo::Output { op, output: output_id })
    };
    let headers = received.headers.iter().map(|(k, v)| quote!(.header(#k, #v)));
    Ok((quote!(#reply #(#headers)*), readable))
}

/// The start of a response with an event stream: the headers (the protocol's own and the
/// output's required members bound to headers) and, for RPC protocols, the document of the
/// `initial-response` event (the output's required body members). The client refuses an
/// initial response without the required members, so every reply of these tests has them.
pub struct InitialResponse {
    pub headers: Vec<(String, String)>,
    pub document: Option<Vec<u8>>,
    /// A required member the client refuses to go without, when the output has one.
    pub required: Option<String>,
}

impl InitialResponse {
    /// With the output's required members.
    pub fn new(ctx: &Ctx<'_>, output: &ShapeId) -> Result<InitialResponse> {
        let fields = ctx.model.structure_members(output)?;
        let mut values = required_values(ctx, output, 0)?;
        values.retain(|name, _| fields.get(name).is_some_and(|m| !ctx.is_event_stream(&m.target)));
        let required = members(ctx, output, false, &mut Scope::default())?
            .into_iter()
            .find(|m| m.zero_when_missing() && !m.events && values.contains_key(&m.member.name))
            .map(|m| m.member.name.clone());
        let mut start = InitialResponse::with(ctx, output, values)?;
        start.required = required;
        Ok(start)
    }

    /// Without any member: only the protocol's headers (and an empty document).
    pub fn bare(ctx: &Ctx<'_>, output: &ShapeId) -> Result<InitialResponse> {
        InitialResponse::with(ctx, output, Map::new())
    }

    /// With the members `values`, where the output's bindings put them.
    fn with(ctx: &Ctx<'_>, output: &ShapeId, values: Map<String, Value>) -> Result<InitialResponse> {
        let parts = split_example(ctx, output, &values, Direction::Received)?;
        let mut headers: Vec<(String, String)> = ctx.protocol.response_headers().iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        headers.extend(parts.headers);
        let document = ctx.protocol.initial_message_events().then(|| {
            let json = Value::Object(parts.body).to_string();
            ctx.protocol.codec().test_body(ctx, Some(output), &json).unwrap_or_else(|| json.into_bytes())
        });
        Ok(InitialResponse { headers, document, required: None })
    }

    /// A 200 reply with the headers.
    pub fn reply(&self) -> TokenStream {
        let headers = self.headers.iter().map(|(k, v)| quote!(.header(#k, #v)));
        quote!(Reply::new(200) #(#headers)*)
    }

    /// The reply that starts an event stream: the headers, and the frame as the body.
    pub fn stream_reply(&self) -> TokenStream {
        let (reply, frame) = (self.reply(), self.frame());
        quote!(#reply.header("content-type", "application/vnd.amazon.eventstream").body(#frame))
    }

    /// The `initial-response` frame (RPC protocols), else no bytes.
    pub fn frame(&self) -> TokenStream {
        match &self.document {
            Some(document) => {
                let document = Literal::byte_string(document);
                quote!(super::common::event_frame(&[(":message-type", "event"), (":event-type", "initial-response")], #document))
            }
            None => quote!(Vec::<u8>::new()),
        }
    }
}
