//! HTTP bindings (`@httpLabel`, `@httpQuery`, `@httpHeader`, `@httpPayload`, ...): where
//! each input member goes in the request (URI label, query, header, payload or document
//! body), and where each output member comes from in the response (header, status code,
//! payload or body). Emits `Operation::request` and `Operation::parse_output` for the
//! protocols with HTTP bindings, and the parts every protocol shares (host prefixes,
//! idempotency tokens, compression and checksums).

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};
use crate::model::traits::{Http, TimestampFormat};
use crate::model::{Member, ShapeId, ShapeKind, Simple};
use crate::plan::{Binding, Codec, Ctx, RequestFacts, Scope, StructSpec, format_path, uses_ident};

/// A piece of a `{label}` template (an `@http` URI path or an `@endpoint` host prefix).
pub enum TemplatePart<'a> {
    /// Text taken as it is.
    Literal(&'a str),
    /// `{name}`, or `{name+}` (greedy).
    Label { name: &'a str, greedy: bool },
}

/// A template split into its literal text and labels; `None` when a label is not closed.
pub fn template_parts(template: &str) -> Option<Vec<TemplatePart<'_>>> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            parts.push(TemplatePart::Literal(&rest[..start]));
        }
        let end = start + rest[start..].find('}')?;
        let label = &rest[start + 1..end];
        let (name, greedy) = label.strip_suffix('+').map_or((label, false), |n| (n, true));
        parts.push(TemplatePart::Label { name, greedy });
        rest = &rest[end + 1..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Literal(rest));
    }
    Some(parts)
}

/// The timestamp format of a member bound to a location (a URI, a header, a form key): its
/// own, its target's, else the location's default.
pub fn location_format(ctx: &Ctx<'_>, member: &Member, item_target: &ShapeId, default: TimestampFormat) -> TimestampFormat {
    member.traits.timestamp_format().or_else(|| ctx.model.get(item_target).and_then(|s| s.traits.timestamp_format())).unwrap_or(default)
}

/// An expression turning `v` (a reference to a value of shape `target`) into its text in a
/// URI or header, with `fail` (a `String` error mapper) for values that have none.
fn to_text(ctx: &Ctx<'_>, member: &Member, target: &ShapeId, v: TokenStream, default: TimestampFormat, scope: &mut Scope) -> Result<TokenStream> {
    let shape = ctx.model.expect(target, &member.id)?;
    Ok(match &shape.kind {
        ShapeKind::Simple(Simple::String) if shape.traits.media_type().is_some() && default == TimestampFormat::HttpDate => {
            // A @mediaType string in a header travels as base64.
            scope.uses_crate("base64");
            quote!(base64::Engine::encode(&base64::engine::general_purpose::STANDARD, #v.as_bytes()))
        }
        ShapeKind::Simple(Simple::Timestamp) => {
            let format = format_path(location_format(ctx, member, target, default), scope);
            quote!(#v.fmt(#format).map_err(|e| fail(e.to_string()))?)
        }
        ShapeKind::Simple(Simple::Blob | Simple::Document) => {
            return Err(Error::unsupported(&member.id, "a blob or document outside the body and payload"));
        }
        ShapeKind::Simple(_) => {
            let text = scope.import("crate::rt::http", "HttpText");
            quote!(#text::http_text(#v))
        }
        ShapeKind::Enum(_) => {
            let text = scope.import("crate::rt::http", "HttpText");
            quote!(#text::http_text(#v.as_str()))
        }
        ShapeKind::IntEnum(_) => quote!(#v.value().to_string()),
        _ => return Err(Error::unsupported(&member.id, format!("a {} bound outside the body", shape.kind.type_name()))),
    })
}

/// An expression reading text `t` (a `&str`) from a header as a value of shape `target`.
fn from_text(ctx: &Ctx<'_>, member: &Member, target: &ShapeId, name: &str, scope: &mut Scope) -> Result<TokenStream> {
    let shape = ctx.model.expect(target, &member.id)?;
    let http = scope.import("crate::rt", "http");
    Ok(match &shape.kind {
        ShapeKind::Simple(Simple::String) if shape.traits.media_type().is_some() => scope.uses_crate_then(
            "base64",
            quote!({
                let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, t.trim())
                    .map_err(|e| format!("header `{}`: invalid base64: {e}", #name))?;
                String::from_utf8(bytes).map_err(|_| format!("header `{}` is not UTF-8", #name))?
            }),
        ),
        ShapeKind::Simple(Simple::String) => quote!(t.to_owned()),
        ShapeKind::Simple(Simple::Timestamp) => {
            let format = format_path(location_format(ctx, member, target, TimestampFormat::HttpDate), scope);
            let date_time = scope.import("crate::primitives", "DateTime");
            quote!(#date_time::from_str(t.trim(), #format).map_err(|e| format!("header `{}`: {e}", #name))?)
        }
        ShapeKind::Simple(Simple::Boolean | Simple::Byte | Simple::Short | Simple::Integer | Simple::Long | Simple::Float | Simple::Double) => {
            let ty = ctx.value_type(target, scope)?;
            quote!(#http::parse::<#ty>(#name, t)?)
        }
        ShapeKind::Simple(big @ (Simple::BigInteger | Simple::BigDecimal)) => {
            let ty = scope.import("crate::primitives", if *big == Simple::BigInteger { "BigInteger" } else { "BigDecimal" });
            quote!(t.trim().parse::<#ty>().map_err(|e| format!("header `{}`: {e}", #name))?)
        }
        ShapeKind::Enum(_) => {
            let ty = ctx.type_ref(target, scope)?;
            quote!(#ty::from(t.trim()))
        }
        ShapeKind::IntEnum(_) => {
            let ty = ctx.type_ref(target, scope)?;
            quote!(#ty::from(#http::parse::<i32>(#name, t)?))
        }
        _ => return Err(Error::unsupported(&member.id, format!("a {} in a response header", shape.kind.type_name()))),
    })
}

/// The list item target of a list shape, if it is one.
fn list_item(ctx: &Ctx<'_>, target: &ShapeId) -> Option<ShapeId> {
    match &ctx.model.get(target)?.kind {
        ShapeKind::List(m) => Some(m.target.clone()),
        _ => None,
    }
}

fn is_timestamp(ctx: &Ctx<'_>, id: &ShapeId) -> bool {
    matches!(ctx.model.get(id).map(|s| &s.kind), Some(ShapeKind::Simple(Simple::Timestamp)))
}

/// The `upload` field of an `HttpRequest`: with streaming inputs or event streams in the
/// crate, every request says whether it has an upload.
pub fn upload_field(ctx: &Ctx<'_>, input: &StructSpec<'_>) -> TokenStream {
    if !crate::plan::operation::any_upload(ctx) {
        quote!()
    } else if input.members.iter().any(|m| m.streaming && (m.events || ctx.binding(m.member) == Binding::Payload)) {
        quote!(upload,)
    } else {
        quote!(upload: None,)
    }
}

/// The body of `Operation::request` for a protocol with HTTP bindings.
pub fn request_body(ctx: &Ctx<'_>, op: &ShapeId, http: &Http, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
    let build_error = scope.import("crate::error", "BuildError");
    let http_request = scope.import("crate::rt", "HttpRequest");
    let cow = scope.import("std::borrow", "Cow");
    let method = method_tokens(op, &http.method)?;
    let (path_template, literal_query) = http.uri.split_once('?').map_or((http.uri.as_str(), ""), |(p, q)| (p, q));
    let by_name = |name: &str| input.members.iter().find(|m| m.member.name == name);
    let steps = content_steps(ctx, op, input, &build_error, scope)?;
    let upload_field = upload_field(ctx, input);

    let mut statements = Vec::new();

    let prefix = host_prefix(ctx, op, input, scope)?;
    statements.push(prefix);

    // The path, label by label.
    let has_labels = input.members.iter().any(|m| ctx.binding(m.member) == Binding::Label);
    let has_query = input.members.iter().any(|m| matches!(ctx.binding(m.member), Binding::Query(_) | Binding::QueryParams));
    let dynamic_uri = has_labels || has_query;
    if dynamic_uri {
        let http_rt = scope.import("crate::rt", "http");
        statements.push(quote!(let mut path = String::with_capacity(64);));
        for part in template_parts(path_template).ok_or_else(|| Error::shape(op, "unclosed URI label"))? {
            let (name, greedy) = match part {
                TemplatePart::Literal(literal) => {
                    statements.extend(push_literal(quote!(path), literal));
                    continue;
                }
                TemplatePart::Label { name, greedy } => (name, greedy),
            };
            let m = by_name(name).ok_or_else(|| Error::shape(op, format!("URI label `{name}` has no member")))?;
            let field = &m.field;
            let text = to_text(ctx, m.member, &m.member.target, quote!(v), TimestampFormat::DateTime, scope)?;
            let missing = format!("the URI label `{name}` is not set");
            statements.push(quote! {
                let v = input.#field.as_ref().ok_or_else(|| fail(String::from(#missing)))?;
                path.push_str(&#http_rt::label(#name, &#text, #greedy).map_err(fail)?);
            });
        }
        if !has_query {
            let with_query = if literal_query.is_empty() { quote!(path) } else { quote!(format!("{path}?{}", #literal_query)) };
            statements.push(quote!(let uri = #cow::Owned(#with_query);));
        } else {
            statements.push(quote!(let mut query = #http_rt::Query::new(#literal_query);));
        }
        for m in &input.members {
            let field = &m.field;
            match ctx.binding(m.member) {
                Binding::Query(key) => {
                    let push = match list_item(ctx, &m.member.target) {
                        Some(item) => {
                            let text = to_text(ctx, m.member, &item, quote!(item), TimestampFormat::DateTime, scope)?;
                            quote!(for item in v { query.push(#key, &#text); })
                        }
                        None => {
                            let text = to_text(ctx, m.member, &m.member.target, quote!(v), TimestampFormat::DateTime, scope)?;
                            quote!(query.push(#key, &#text);)
                        }
                    };
                    statements.push(quote!(if let Some(v) = &input.#field { #push }));
                }
                Binding::QueryParams => {
                    let values = match &ctx.model.expect(&m.member.target, &m.member.id)?.kind {
                        ShapeKind::Map { value, .. } if list_item(ctx, &value.target).is_some() => quote!(v.iter().map(String::as_str).collect()),
                        _ => quote!(vec![v.as_str()]),
                    };
                    statements.push(quote! {
                        if let Some(params) = &input.#field {
                            query.push_params(params.iter().map(|(k, v)| (k, #values)));
                        }
                    });
                }
                _ => {}
            }
        }
        if has_query {
            statements.push(quote!(let uri = #cow::Owned(query.finish(path));));
        }
    } else {
        let uri = &http.uri;
        statements.push(quote!(let uri = #cow::Borrowed(#uri);));
    }

    // Headers.
    let mut header_statements = Vec::new();
    let mut prefix_statements = Vec::new();
    for m in &input.members {
        let field = &m.field;
        match ctx.binding(m.member) {
            Binding::Header(name) => {
                let http_rt = scope.import("crate::rt", "http");
                let lower = name.to_ascii_lowercase();
                let header_name = scope.import("reqwest::header", "HeaderName");
                let text = match list_item(ctx, &m.member.target) {
                    Some(item) => {
                        let item_text = to_text(ctx, m.member, &item, quote!(item), TimestampFormat::HttpDate, scope)?;
                        if is_timestamp(ctx, &item) && location_format(ctx, m.member, &item, TimestampFormat::HttpDate) == TimestampFormat::HttpDate {
                            // HTTP dates hold commas; they are listed unquoted.
                            quote!({ let mut items = Vec::new(); for item in v { items.push(#item_text); } items.join(", ") })
                        } else {
                            quote!({ let mut items = Vec::new(); for item in v { items.push(#item_text); } #http_rt::header_list(items) })
                        }
                    }
                    None => to_text(ctx, m.member, &m.member.target, quote!(v), TimestampFormat::HttpDate, scope)?,
                };
                let push = quote! {
                    let text = #text;
                    headers.push((#header_name::from_static(#lower), #http_rt::header_value(#name, &text).map_err(fail)?));
                };
                // An empty list sends no header at all.
                let condition = if list_item(ctx, &m.member.target).is_some() {
                    quote!(let Some(v) = &input.#field && !v.is_empty())
                } else {
                    quote!(let Some(v) = &input.#field)
                };
                header_statements.push(quote! {
                    if #condition {
                        #push
                    }
                });
            }
            Binding::PrefixHeaders(prefix) => {
                let http_rt = scope.import("crate::rt", "http");
                // After the specific headers, which win over map entries of the same name.
                prefix_statements.push(quote! {
                    if let Some(map) = &input.#field {
                        #http_rt::prefix_headers(#prefix, map, &mut headers).map_err(fail)?;
                    }
                });
            }
            _ => {}
        }
    }

    header_statements.extend(prefix_statements);

    // The body: the payload member, or the document of the body members, or nothing.
    let codec = ctx.protocol.codec();
    let no_documents = |id: &ShapeId| Error::unsupported(id, format!("a document body in {}", ctx.protocol.id()));
    let payload = input.members.iter().find(|m| ctx.binding(m.member) == Binding::Payload);
    let body_members = input.members.iter().any(|m| ctx.in_body(m.member));
    let content_type_name = quote!(reqwest::header::CONTENT_TYPE);
    let header_value = quote!(reqwest::header::HeaderValue);
    // A member bound to `Content-Type` wins over the payload's default.
    let binds_content_type =
        input.members.iter().any(|m| matches!(ctx.binding(m.member), Binding::Header(h) if h.eq_ignore_ascii_case("content-type")));
    let content_type = |ty: &str| {
        let push = quote!(headers.push((#content_type_name, #header_value::from_static(#ty))););
        if binds_content_type { quote!(if !headers.iter().any(|(name, _)| name == #content_type_name) { #push }) } else { push }
    };
    let body = if let Some(p) = payload.filter(|p| p.events) {
        // An event stream: sent as the caller yields its events, each framed by the
        // operation's `write_event` (no events when it is unset).
        let (field, name) = (&p.field, &p.field_text);
        let sender = scope.import("crate::event_stream", "EventSender");
        let ct = content_type("application/vnd.amazon.eventstream");
        quote! {
            let body = Vec::new();
            let upload = Some(match &input.#field {
                Some(events) => events.upload(#name, write_event, None),
                None => #sender::default().upload(#name, write_event, None),
            }.map_err(fail)?);
            #ct
        }
    } else if let Some(p) = payload {
        let field = &p.field;
        let target = ctx.model.expect(&p.member.target, &p.member.id)?;
        let media = target.traits.media_type().map(str::to_owned);
        match &target.kind {
            ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Simple(Simple::Document) => {
                let write =
                    codec.write_document(ctx, &p.member.target, Some(p.member), quote!(v), scope).ok_or_else(|| no_documents(&p.member.id))?;
                let ct = content_type(codec.media_type());
                // An unset structure payload is an empty document (`{}` in JSON).
                let unset = match (&target.kind, codec.unset_payload()) {
                    (ShapeKind::Structure(_), Some(empty)) => {
                        let empty = proc_macro2::Literal::byte_string(&empty);
                        quote!({ #ct #empty.to_vec() })
                    }
                    _ => quote!(Vec::new()),
                };
                quote! {
                    let body = match &input.#field {
                        Some(v) => { #ct #write.map_err(|e| fail(e.to_string()))? }
                        None => #unset,
                    };
                }
            }
            // A `ByteStream` in memory is the body; a file or a stream is sent as it is read.
            ShapeKind::Simple(Simple::Blob) if p.streaming => {
                let ct = content_type(&media.unwrap_or_else(|| "application/octet-stream".to_owned()));
                let (name, requires_length) = (&p.field_text, target.traits.requires_length());
                quote! {
                    let (body, upload) = match &input.#field {
                        Some(v) => { #ct v.to_request(#name, #requires_length).map_err(fail)? }
                        None => (Vec::new(), None),
                    };
                }
            }
            ShapeKind::Simple(Simple::Blob) => {
                let ct = media.unwrap_or_else(|| "application/octet-stream".to_owned());
                let ct = content_type(&ct);
                quote! {
                    let body = match &input.#field {
                        Some(v) => { #ct v.as_ref().to_vec() }
                        None => Vec::new(),
                    };
                }
            }
            ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_) => {
                let ct = media.unwrap_or_else(|| "text/plain".to_owned());
                let ct = content_type(&ct);
                let bytes =
                    if matches!(target.kind, ShapeKind::Enum(_)) { quote!(v.as_str().as_bytes().to_vec()) } else { quote!(v.as_bytes().to_vec()) };
                quote! {
                    let body = match &input.#field {
                        Some(v) => { #ct #bytes }
                        None => Vec::new(),
                    };
                }
            }
            other => return Err(Error::unsupported(&p.member.id, format!("a {} payload", other.type_name()))),
        }
    } else if body_members {
        let write = codec.write_document(ctx, &input.shape, None, quote!(input), scope).ok_or_else(|| no_documents(op))?;
        let document = quote!(let body = #write.map_err(|e| fail(e.to_string()))?;);
        let media_type = codec.media_type();
        if header_statements.is_empty() {
            // Only the content type: the header list is a literal.
            statements.push(quote!(let headers = vec![(#content_type_name, #header_value::from_static(#media_type))];));
            statements.push(document);
            return finish_request(statements, &build_error, &http_request, &method, steps, upload_field);
        }
        let ct = content_type(media_type);
        quote!(#ct #document)
    } else {
        quote!(let body = Vec::new();)
    };
    // Headers are a plain list unless something adds to it.
    if header_statements.is_empty() && payload.is_none() {
        statements.push(quote!(let headers = Vec::new();));
    } else {
        statements.push(quote!(let mut headers = Vec::new();));
        statements.extend(header_statements);
    }
    statements.push(body);
    finish_request(statements, &build_error, &http_request, &method, steps, upload_field)
}

/// `let host_prefix = ...;`: the operation's `@endpoint(hostPrefix)` with its `{label}`s
/// replaced by the `@hostLabel` members, or `None`.
pub fn host_prefix(ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
    let Some(endpoint) = ctx.model.expect(op, op)?.traits.endpoint() else { return Ok(quote!(let host_prefix = None;)) };
    if !endpoint.host_prefix.contains('{') {
        let constant = &endpoint.host_prefix;
        return Ok(quote!(let host_prefix = Some(String::from(#constant));));
    }
    let mut parts = Vec::new();
    let template = template_parts(&endpoint.host_prefix).ok_or_else(|| Error::shape(op, "unclosed host label in @endpoint"))?;
    for part in template {
        let name = match part {
            TemplatePart::Literal(literal) => {
                parts.extend(push_literal(quote!(prefix), literal));
                continue;
            }
            TemplatePart::Label { name, greedy: false } => name.to_owned(),
            // Host labels are never greedy: `{x+}` names no member.
            TemplatePart::Label { name, greedy: true } => format!("{name}+"),
        };
        let name = name.as_str();
        let m = input
            .members
            .iter()
            .find(|m| m.member.name == name && m.member.traits.is_host_label())
            .ok_or_else(|| Error::shape(op, format!("@endpoint host label `{name}` has no @hostLabel member")))?;
        let field = &m.field;
        let missing = format!("the host label `{name}` is not set");
        let http_rt = scope.import("crate::rt", "http");
        parts.push(quote! {
            let v = input.#field.as_ref().ok_or_else(|| fail(String::from(#missing)))?;
            prefix.push_str(&#http_rt::host_label(#name, v).map_err(fail)?);
        });
    }
    Ok(quote! {
        let mut prefix = String::new();
        #(#parts)*
        let host_prefix = Some(prefix);
    })
}

/// The body of `Operation::request` for an RPC protocol: `POST` to a fixed `uri` with the
/// fixed headers of `facts`, `content_type` (none: no body at all) and the input as one
/// document (`facts.empty_body` when it has no members).
pub fn rpc_request(
    ctx: &Ctx<'_>,
    op: &ShapeId,
    input: &StructSpec<'_>,
    uri: &str,
    content_type: Option<&str>,
    facts: &RequestFacts,
    scope: &mut Scope,
) -> Result<TokenStream> {
    let build_error = scope.import("crate::error", "BuildError");
    let http_request = scope.import("crate::rt", "HttpRequest");
    let cow = scope.import("std::borrow", "Cow");
    let header_name = scope.import("reqwest::header", "HeaderName");
    let steps = content_steps(ctx, op, input, &build_error, scope)?;
    let upload_field = upload_field(ctx, input);
    let stream = input.members.iter().find(|m| m.events);
    // An event stream is the body, whatever the input's other members.
    let content_type = if stream.is_some() { Some("application/vnd.amazon.eventstream") } else { content_type };
    let content_type = content_type.map(|t| quote!((reqwest::header::CONTENT_TYPE, reqwest::header::HeaderValue::from_static(#t)),));
    let fixed =
        facts.headers.iter().map(|(name, value)| quote!((#header_name::from_static(#name), reqwest::header::HeaderValue::from_static(#value)),));
    let document = match (&facts.empty_body, input.members.iter().any(|m| !m.events)) {
        (None, _) => quote!(Vec::new()),
        (Some(empty), false) => {
            let empty = proc_macro2::Literal::byte_string(empty);
            quote!(#empty.to_vec())
        }
        (Some(_), true) => {
            let write = ctx
                .protocol
                .codec()
                .write_document(ctx, &input.shape, None, quote!(input), scope)
                .ok_or_else(|| Error::unsupported(op, "a document body"))?;
            quote!(#write.map_err(|e| fail(e.to_string()))?)
        }
    };
    let body = match stream {
        // The events follow an `initial-request` event that carries the other members.
        Some(stream) => {
            let (field, name) = (&stream.field, &stream.field_text);
            let sender = scope.import("crate::event_stream", "EventSender");
            let initial_request = scope.function("crate::event_stream", "initial_request");
            let media = ctx.protocol.codec().media_type();
            quote! {
                let initial = #initial_request(#media, #document);
                let body = Vec::new();
                let upload = Some(match &input.#field {
                    Some(events) => events.upload(#name, write_event, Some(initial)),
                    None => #sender::default().upload(#name, write_event, Some(initial)),
                }.map_err(fail)?);
            }
        }
        None => quote!(let body = #document;),
    };
    let statements = vec![
        host_prefix(ctx, op, input, scope)?,
        quote!(let uri = #cow::Borrowed(#uri);),
        quote!(let headers = vec![#content_type #(#fixed)*];),
        body,
    ];
    finish_request(statements, &build_error, &http_request, &quote!(reqwest::Method::POST), steps, upload_field)
}

pub fn finish_request(
    statements: Vec<TokenStream>,
    build_error: &TokenStream,
    http_request: &TokenStream,
    method: &TokenStream,
    steps: TokenStream,
    upload_field: TokenStream,
) -> Result<TokenStream> {
    let uses_fail = statements.iter().any(|s| uses_ident(s, "fail"));
    let fail = if uses_fail { quote!(let fail = |e: String| #build_error::serialize(Self::NAME, e);) } else { quote!() };
    let request = quote!(#http_request { method: #method, uri, headers, body, host_prefix, #upload_field });
    if steps.is_empty() {
        return Ok(quote! {
            #fail
            #(#statements)*
            Ok(#request)
        });
    }
    Ok(quote! {
        #fail
        #(#statements)*
        let mut request = #request;
        #steps
        Ok(request)
    })
}

/// Whether the operation's requests are gzipped (`@requestCompression` lists gzip, the only
/// encoding this client supports).
pub fn compresses(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
    ctx.model.get(op).and_then(|s| s.traits.request_compression()).is_some_and(|encodings| encodings.iter().any(|e| e.eq_ignore_ascii_case("gzip")))
}

/// Whether the operation's requests carry `Content-MD5` (`@httpChecksumRequired`).
pub fn sets_md5(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
    ctx.model.get(op).is_some_and(|s| s.traits.http_checksum_required())
}

/// Whether the operation's input fills an idempotency token.
pub fn fills_token(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
    let Ok(body) = ctx.model.operation(op) else { return false };
    ctx.model.structure_members(&body.input).is_ok_and(|members| members.values().any(|m| m.traits.is_idempotency_token()))
}

/// Whether `Operation::request` reads the configuration.
pub fn request_uses_config(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
    compresses(ctx, op)
}

/// `Operation::fill_tokens` for an input with `@idempotencyToken` members: an unset token
/// is filled by the configuration's provider (a fresh UUID by default) before the request
/// is built, on the input the operation owns (nothing is copied).
pub fn fill_tokens_fn(ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> TokenStream {
    if !fills_token(ctx, op) {
        return TokenStream::new();
    }
    let config = scope.import("crate::config", "Config");
    let input_ty = &input.name;
    let fields = input.members.iter().filter(|m| m.member.traits.is_idempotency_token()).map(|m| &m.field);
    quote! {
        #[inline]
        fn fill_tokens(input: &mut #input_ty, config: &#config) {
            #(input.#fields.get_or_insert_with(config.idempotency_token_provider);)*
        }
    }
}

/// What the operation's traits ask of the finished request, in order: compression
/// (`@requestCompression`, first encoding this client supports) and then the checksum
/// (`@httpChecksumRequired`), which covers the bytes as sent.
pub fn content_steps(ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, build_error: &TokenStream, scope: &mut Scope) -> Result<TokenStream> {
    let mut steps = TokenStream::new();
    // Only gzip is supported; the first supported encoding in the list is the one used.
    if compresses(ctx, op) {
        let content = scope.import("crate::rt", "content");
        // A stream of unknown length is compressed whatever its size.
        let streaming =
            input.members.iter().any(|m| ctx.model.get(&m.member.target).is_some_and(|t| t.traits.is_streaming() && !t.traits.requires_length()));
        steps.extend(quote!(#content::gzip(&mut request, config, #streaming).map_err(|e| #build_error::config(Self::NAME, e))?;));
    }
    if sets_md5(ctx, op) {
        let content = scope.import("crate::rt", "content");
        steps.extend(quote!(#content::set_md5(&mut request).map_err(|e| #build_error::serialize(Self::NAME, e))?;));
    }
    Ok(steps)
}

/// `target.push(..)` for a literal part of a path or host (a `char` when it is one).
fn push_literal(target: TokenStream, literal: &str) -> Option<TokenStream> {
    let mut chars = literal.chars();
    match (chars.next(), chars.next()) {
        (None, _) => None,
        (Some(c), None) => Some(quote!(#target.push(#c);)),
        _ => Some(quote!(#target.push_str(#literal);)),
    }
}

/// Whether a member of a response is read from its head: a header, the prefix headers, or
/// the status code.
fn read_from_head(ctx: &Ctx<'_>, member: &Member) -> bool {
    matches!(ctx.binding(member), Binding::Header(_) | Binding::PrefixHeaders(_) | Binding::ResponseCode)
}

/// Whether a structure read from a response has members bound elsewhere than in its body
/// document: to headers, to the status code, or as the payload.
pub fn bound_beyond_body(ctx: &Ctx<'_>, spec: &StructSpec<'_>) -> bool {
    spec.members.iter().any(|m| read_from_head(ctx, m.member) || ctx.binding(m.member) == Binding::Payload)
}

/// The body of `Operation::parse_output`, and of `read` for errors with bound members, with
/// the body read by `codec`.
pub fn parse_output_body(ctx: &Ctx<'_>, codec: &dyn Codec, output: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
    let builder = &output.builder;
    // An event stream in the body (RPC protocols): the other members are the document of
    // the stream's `initial-response` event (the runtime hands it over as the body).
    if let Some(stream) = output.members.iter().find(|m| m.events && ctx.binding(m.member) == Binding::Body) {
        let read = codec
            .read_builder(builder, scope)
            .ok_or_else(|| Error::unsupported(&stream.member.id, format!("event streams in {}", ctx.protocol.id())))?;
        let (setter, object) = (&stream.setter, codec.object_trait(scope));
        let receiver = scope.import("crate::event_stream", "EventReceiver");
        let required = require_initial_members(output);
        return Ok(quote! {
            let builder = #read?;
            #required
            Ok(#object::finish(builder.#setter(#receiver::new(body, read_event))))
        });
    }
    if !bound_beyond_body(ctx, output) {
        return Ok(codec.read_body(builder, scope));
    }
    let no_documents = |id: &ShapeId| Error::unsupported(id, format!("reading a document body in {} alongside head members", ctx.protocol.id()));
    let mut statements = Vec::new();
    let payload = output.members.iter().find(|m| ctx.binding(m.member) == Binding::Payload);
    match payload {
        Some(p) if p.streaming => {
            let setter = &p.setter;
            // Mutable only when head members are added after.
            let binding = if output.members.iter().any(|m| read_from_head(ctx, m.member)) { quote!(let mut builder) } else { quote!(let builder) };
            // An event stream: its messages are read as they arrive, by the operation's
            // `read_event`.
            let value = if p.events {
                let receiver = scope.import("crate::event_stream", "EventReceiver");
                quote!(#receiver::new(body, read_event))
            } else {
                quote!(body)
            };
            statements.push(quote!(#binding = #builder::default().#setter(#value);));
        }
        Some(p) => {
            let field = &p.field;
            let target = ctx.model.expect(&p.member.target, &p.member.id)?;
            let value = match &target.kind {
                ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Simple(Simple::Document) => {
                    let from_body = codec.read_document(scope).ok_or_else(|| no_documents(&p.member.id))?;
                    quote!(#from_body(&response.body)?)
                }
                ShapeKind::Simple(Simple::Blob) => {
                    let blob = scope.import("crate::primitives", "Blob");
                    quote!(#blob::new(response.body.to_vec()))
                }
                ShapeKind::Simple(Simple::String) => {
                    quote!(String::from_utf8(response.body.to_vec()).map_err(|_| String::from("the payload is not UTF-8"))?)
                }
                ShapeKind::Enum(_) => {
                    let ty = ctx.type_ref(&p.member.target, scope)?;
                    quote!(#ty::from(std::str::from_utf8(&response.body).map_err(|_| String::from("the payload is not UTF-8"))?))
                }
                other => return Err(Error::unsupported(&p.member.id, format!("a {} payload", other.type_name()))),
            };
            statements.push(quote! {
                let mut builder = #builder::default();
                if !response.body.is_empty() {
                    builder.#field = Some(#value);
                }
            });
        }
        None => {
            let read = codec.read_builder(builder, scope).ok_or_else(|| no_documents(&output.shape))?;
            statements.push(quote!(let mut builder = #read?;));
        }
    }
    for m in &output.members {
        let field = &m.field;
        match ctx.binding(m.member) {
            Binding::Header(name) => {
                let http_rt = scope.import("crate::rt", "http");
                let lower = name.to_ascii_lowercase();
                let value = match list_item(ctx, &m.member.target) {
                    Some(item) => {
                        let item_value = from_text(ctx, m.member, &item, &name, scope)?;
                        let dates =
                            is_timestamp(ctx, &item) && location_format(ctx, m.member, &item, TimestampFormat::HttpDate) == TimestampFormat::HttpDate;
                        quote!({
                            let mut items = Vec::new();
                            for t in #http_rt::split_header_list(&t, #dates) {
                                let t = t.as_str();
                                items.push(#item_value);
                            }
                            items
                        })
                    }
                    None => {
                        let value = from_text(ctx, m.member, &m.member.target, &name, scope)?;
                        quote!({ let t = t.as_str(); #value })
                    }
                };
                statements.push(quote! {
                    if let Some(t) = #http_rt::header_text(&response.headers, #lower)? {
                        builder.#field = Some(#value);
                    }
                });
            }
            Binding::PrefixHeaders(prefix) => {
                let http_rt = scope.import("crate::rt", "http");
                // No such header is an empty map, as the compliance tests read it.
                statements.push(quote!(builder.#field = Some(#http_rt::read_prefix_headers(&response.headers, #prefix)?);));
            }
            Binding::ResponseCode => statements.push(quote!(builder.#field = Some(i32::from(response.status));)),
            _ => {}
        }
    }
    if payload.is_some_and(|p| p.events) {
        statements.push(require_initial_members(output));
    }
    let object = codec.object_trait(scope);
    Ok(quote! {
        #(#statements)*
        Ok(#object::finish(builder))
    })
}

/// What the client says of an initial response without the required member `name`.
pub fn missing_initial_member(name: &str) -> String {
    format!("the initial response has no `{name}`, which is required")
}

/// Checks that the initial response of an output with an event stream has every required
/// member. Elsewhere a required member a response leaves out is error-corrected to its zero
/// value, which the spec allows but does not demand (aggregate types, "Client error
/// correction"); the event-stream compliance cases (`MissingRequiredInitialResponseOutput`)
/// expect this response to fail, so here it does.
fn require_initial_members(output: &StructSpec<'_>) -> TokenStream {
    let checks = output.members.iter().filter(|m| m.zero_when_missing() && !m.events).map(|m| {
        let (field, message) = (&m.field, missing_initial_member(&m.member.name));
        quote! {
            if builder.#field.is_none() {
                return Err(String::from(#message));
            }
        }
    });
    quote!(#(#checks)*)
}

/// The operation's `@http` trait, which `protocol` (a protocol with HTTP bindings) requires.
pub fn required_http(ctx: &Ctx<'_>, op: &ShapeId, protocol: &str) -> Result<Http> {
    ctx.model.expect(op, op)?.traits.http().ok_or_else(|| Error::shape(op, format!("has no @http trait (required by {protocol})")))
}

/// `reqwest::Method::X` for an HTTP method of the model.
pub fn method_tokens(id: &ShapeId, method: &str) -> Result<TokenStream> {
    Ok(match method {
        "GET" => quote!(reqwest::Method::GET),
        "PUT" => quote!(reqwest::Method::PUT),
        "POST" => quote!(reqwest::Method::POST),
        "DELETE" => quote!(reqwest::Method::DELETE),
        "PATCH" => quote!(reqwest::Method::PATCH),
        "HEAD" => quote!(reqwest::Method::HEAD),
        "OPTIONS" => quote!(reqwest::Method::OPTIONS),
        other => return Err(Error::unsupported(id, format!("HTTP method `{other}`"))),
    })
}
