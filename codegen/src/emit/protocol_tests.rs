//! `tests/protocol.rs`: the model's protocol compliance tests (`smithy.test#httpRequestTests`
//! and `smithy.test#httpResponseTests` that apply to clients), each a Rust test against the
//! loopback server. Request cases build the input from `params`, send it and compare the
//! recorded request; response cases serve `code`, `headers` and `body` and compare the
//! output (or the modeled error) with `params`.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

use super::test_values::InitialResponse;
use crate::error::Result;
use crate::model::ShapeId;
use crate::naming::{ident, type_name};
use crate::plan::{Binding, Ctx, Role, Scope, StructSpec, TypeHome, ValueWriter, members};

const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
const EVENT_STREAM_TESTS: &str = "smithy.test#eventStreamTests";

/// The cases of a test trait that apply to clients.
fn client_cases(ctx: &Ctx<'_>, id: &ShapeId, trait_id: &str) -> Vec<Map<String, Value>> {
    let Some(Value::Array(cases)) = ctx.model.get(id).and_then(|s| s.traits.get(trait_id)) else { return Vec::new() };
    cases
        .iter()
        .filter_map(Value::as_object)
        .filter(|c| c.get("appliesTo").and_then(Value::as_str).is_none_or(|a| a == "client"))
        // A suite may hold cases of other protocols for the same shapes.
        .filter(|c| c.get("protocol").and_then(Value::as_str).is_none_or(|p| p == ctx.protocol.id()))
        .cloned()
        .collect()
}

fn text<'a>(case: &'a Map<String, Value>, key: &str) -> &'a str {
    case.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn strings(case: &Map<String, Value>, key: &str) -> Vec<String> {
    case.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect()).unwrap_or_default()
}

fn header_pairs(case: &Map<String, Value>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = case
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| h.iter().filter_map(|(k, v)| Some((k.to_ascii_lowercase(), v.as_str()?.to_owned()))).collect())
        .unwrap_or_default();
    pairs.sort();
    pairs
}

fn params(case: &Map<String, Value>) -> Map<String, Value> {
    case.get("params").and_then(Value::as_object).cloned().unwrap_or_default()
}

/// The test function for a case; a case whose params cannot be written as Rust yet
/// becomes a test that fails with the reason, so it is counted, not hidden.
fn test_fn(case: &Map<String, Value>, body: Result<TokenStream>) -> TokenStream {
    let id = text(case, "id");
    let name = ident(&crate::naming::test_fn_name(id));
    let doc = format!(" `{id}`: {}", text(case, "documentation").lines().next().unwrap_or_default());
    let body = body.unwrap_or_else(|e| {
        let reason = format!("the generator cannot write this case yet: {e}");
        quote!(panic!(#reason);)
    });
    quote! {
        #[doc = #doc]
        #[tokio::test]
        async fn #name() {
            #body
        }
    }
}

fn request_test(ctx: &Ctx<'_>, op: &ShapeId, case: &Map<String, Value>) -> Result<TokenStream> {
    let names = ctx.plan(op)?.names();
    let method = &names.method;
    let body = ctx.model.operation(op)?;
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
    let calls = writer.setter_calls(&body.input, true, &params(case))?;
    let (http_method, uri) = (text(case, "method"), text(case, "uri"));
    let [query, forbid_query, require_query, forbid_headers, require_headers] =
        ["queryParams", "forbidQueryParams", "requireQueryParams", "forbidHeaders", "requireHeaders"].map(|k| strings(case, k));
    let forbid_headers: Vec<String> = forbid_headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    let require_headers: Vec<String> = require_headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    let headers = header_pairs(case).into_iter().map(|(k, v)| quote!((#k, #v)));
    let expected_body = match case.get("body").and_then(Value::as_str) {
        Some(_) => {
            let media = text(case, "bodyMediaType");
            let bytes = proc_macro2::Literal::byte_string(&body_bytes(case));
            quote!(Some((#bytes, #media)))
        }
        None => quote!(None),
    };
    let lib = ident(&ctx.lib);
    let mut settings = TokenStream::new();
    // A `host` with a path: the endpoint URL carries that base path.
    if let Some((_, path)) = text(case, "host").split_once('/') {
        let path = format!("/{path}");
        settings.extend(quote!(.endpoint_url(format!("{}{}", server.url(), #path))));
    }
    // Protocol tests expect unset idempotency tokens to be this fixed UUID.
    if crate::protocol::http::fills_token(ctx, op) {
        settings.extend(quote!(.idempotency_token_provider(|| String::from("00000000-0000-4000-8000-000000000000"))));
    }
    let client = if settings.is_empty() { quote!(server.client()) } else { quote!(#lib::Client::from_conf(server.config() #settings .build())) };
    Ok(quote! {
        let server = Server::start(vec![Reply::json(200, "{}")]).await;
        let _ = #client.#method() #calls .send().await;
        let requests = server.requests();
        let request = requests.first().expect("the request was sent");
        check_request(request, &Expected {
            method: #http_method,
            uri: #uri,
            query: &[#(#query),*],
            forbid_query: &[#(#forbid_query),*],
            require_query: &[#(#require_query),*],
            headers: &[#(#headers),*],
            forbid_headers: &[#(#forbid_headers),*],
            require_headers: &[#(#require_headers),*],
            body: #expected_body,
        });
    })
}

/// The body of a case: binary media types (CBOR) are written in base64, the others as
/// text. Base64 that does not decode is kept as text, and so fails the comparison.
fn body_bytes(case: &Map<String, Value>) -> Vec<u8> {
    use base64::Engine;
    let body = text(case, "body");
    if text(case, "bodyMediaType") == "application/cbor"
        && let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(body)
    {
        return bytes;
    }
    body.as_bytes().to_vec()
}

/// The reply a response case describes.
fn reply(case: &Map<String, Value>) -> TokenStream {
    let code = case.get("code").and_then(Value::as_u64).and_then(|c| u16::try_from(c).ok()).unwrap_or(200);
    let headers = header_pairs(case).into_iter().map(|(k, v)| quote!(.header(#k, #v)));
    let body = body_bytes(case);
    match std::str::from_utf8(&body) {
        Ok(text) => quote!(Reply::new(#code) #(#headers)* .body(#text)),
        Err(_) => {
            let bytes = proc_macro2::Literal::byte_string(&body);
            quote!(Reply::new(#code) #(#headers)* .body(#bytes))
        }
    }
}

/// The minimal input of an operation (its required members), to get a response.
fn minimal_calls(ctx: &Ctx<'_>, op: &ShapeId) -> Result<TokenStream> {
    let body = ctx.model.operation(op)?;
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
    let required = super::test_values::required_values(ctx, &body.input, 0)?;
    writer.setter_calls(&body.input, true, &required)
}

/// Whether a value holds a `NaN` float, which never equals itself.
fn has_nan(value: &Value) -> bool {
    match value {
        Value::String(s) => s == "NaN",
        Value::Array(items) => items.iter().any(has_nan),
        Value::Object(map) => map.values().any(has_nan),
        _ => false,
    }
}

fn response_test(ctx: &Ctx<'_>, op: &ShapeId, case: &Map<String, Value>) -> Result<TokenStream> {
    let names = ctx.plan(op)?.names();
    let lib = ident(&ctx.lib);
    let (method, output_ty) = (&names.method, &names.output);
    let body = ctx.model.operation(op)?;
    let mut scope = Scope::default();
    let spec = StructSpec::new(ctx, &body.output, "_", Role::Output, &mut scope)?;
    let mut values = params(case);
    // An empty prefix collects every response header, so also the `content-length` that an
    // HTTP/1.1 server must send (the test server sends no `date`).
    let sets_length = header_pairs(case).iter().any(|(k, _)| k == "content-length");
    for m in &spec.members {
        if ctx.binding(m.member) == Binding::PrefixHeaders(String::new())
            && !sets_length
            && let Some(Value::Object(map)) = values.get_mut(&m.member.name)
        {
            map.insert("content-length".into(), Value::String(body_bytes(case).len().to_string()));
        }
    }
    let nan = has_nan(&Value::Object(values.clone()));
    let (values, stream_check) = super::test_values::split_stream(ctx, &body.output, &values)?;
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
    let expected = writer.setter_calls(&body.output, false, &values)?;
    let build = if spec.fallible { quote!(.build().expect("a valid output")) } else { quote!(.build()) };
    let calls = minimal_calls(ctx, op)?;
    let reply = reply(case);
    let expected = quote!(#lib::operation::#method::#output_ty::builder() #expected #build);
    let compare = super::test_values::output_assertion(expected, stream_check, nan);
    Ok(quote! {
        let server = Server::start(vec![#reply]).await;
        let output = server.client().#method() #calls .send().await.expect("the response is read");
        #compare
    })
}

fn error_test(ctx: &Ctx<'_>, error: &ShapeId, case: &Map<String, Value>) -> Result<TokenStream> {
    // Served as the answer of the first operation that declares the error.
    let Some(op) = ctx.operations.iter().find(|op| ctx.plan(op).is_ok_and(|p| p.sends() && p.errors.iter().any(|e| &e.id == error))) else {
        return Err(crate::error::Error::shape(error, "no operation returns this error"));
    };
    let names = ctx.plan(op)?.names();
    let lib = ident(&ctx.lib);
    let (method, error_enum) = (&names.method, &names.error);
    let variant = ident(&type_name(ctx.shape_name(error)));
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
    let values = params(case);
    let expected = writer.setter_calls(error, false, &values)?;
    let mut scope = Scope::default();
    let spec = StructSpec::new(ctx, error, "_", Role::Error, &mut scope)?;
    let build = if spec.fallible { quote!(.build().expect("a valid error")) } else { quote!(.build()) };
    let infos = members(ctx, error, false, &mut scope)?;
    let checks: Vec<TokenStream> = infos
        .iter()
        .filter(|m| values.contains_key(&m.member.name))
        .map(|m| {
            let field = &m.field;
            quote!(assert_eq!(e.#field(), expected.#field());)
        })
        .collect();
    // The error code and fault a query-compatible service gives (`x-amzn-query-error`).
    let vendor = case.get("vendorParams").and_then(Value::as_object);
    let mut meta_checks = Vec::new();
    if vendor.is_some_and(|v| v.contains_key("code") || v.contains_key("type")) {
        meta_checks.push(quote!(use #lib::error::ProvideErrorMetadata as _;));
    }
    if let Some(code) = vendor.and_then(|v| v.get("code")).and_then(Value::as_str) {
        meta_checks.push(quote!(assert_eq!(e.meta().code(), Some(#code));));
    }
    if let Some(fault) = vendor.and_then(|v| v.get("type")).and_then(Value::as_str) {
        meta_checks.push(quote!(assert_eq!(e.meta().fault(), Some(#fault));));
    }
    let home = match ctx.types.get(error).map(|t| t.home) {
        Some(TypeHome::Errors) => quote!(#lib::types::error),
        _ => quote!(#lib::types),
    };
    let ty = ident(&type_name(ctx.shape_name(error)));
    let calls = minimal_calls(ctx, op)?;
    let reply = reply(case);
    let (binding, compare) = match (checks.is_empty(), meta_checks.is_empty()) {
        (true, true) => (quote!(_), quote!()),
        (true, false) => (quote!(e), quote!(#(#meta_checks)*)),
        _ => (quote!(e), quote!(let expected = #home::#ty::builder() #expected #build; #(#checks)* #(#meta_checks)*)),
    };
    Ok(quote! {
        let server = Server::start(vec![#reply]).await;
        let error = server.client().#method() #calls .send().await.expect_err("an error response");
        let Some(#lib::operation::#method::#error_enum::#variant(#binding)) = error.as_service_error() else {
            panic!("expected {}, got {error:?}", stringify!(#variant));
        };
        #compare
    })
}

/// The whole `tests/protocol.rs`, or `None` when the model has no client test cases.
pub fn protocol_tests(ctx: &Ctx<'_>) -> Result<Option<TokenStream>> {
    let mut request_tests = Vec::new();
    let mut response_tests = Vec::new();
    for op in &ctx.operations {
        for case in client_cases(ctx, op, REQUEST_TESTS) {
            request_tests.push(test_fn(&case, request_test(ctx, op, &case)));
        }
        for case in client_cases(ctx, op, RESPONSE_TESTS) {
            response_tests.push(test_fn(&case, response_test(ctx, op, &case)));
        }
    }
    for id in ctx.types.keys() {
        for case in client_cases(ctx, id, RESPONSE_TESTS) {
            response_tests.push(test_fn(&case, error_test(ctx, id, &case)));
        }
    }
    let mut event_tests = Vec::new();
    for op in &ctx.operations {
        for case in client_cases(ctx, op, EVENT_STREAM_TESTS) {
            event_tests.push(test_fn(&case, event_stream_test(ctx, op, &case)));
        }
    }
    if request_tests.is_empty() && response_tests.is_empty() && event_tests.is_empty() {
        return Ok(None);
    }
    let event_module = if event_tests.is_empty() {
        quote!()
    } else {
        quote! {
            /// `smithy.test#eventStreamTests`.
            mod event_stream {
                use super::*;

                #(#event_tests)*
            }
        }
    };
    Ok(Some(quote! {
        //! The model's protocol compliance tests (`smithy.test#httpRequestTests` and
        //! `smithy.test#httpResponseTests` for clients), generated from its traits.

        #[allow(dead_code)]
        mod common;
        mod protocol_support;

        use common::{Reply, Server};
        use protocol_support::{Expected, check_request};

        /// `smithy.test#httpRequestTests`.
        mod request {
            use super::*;

            #(#request_tests)*
        }

        /// `smithy.test#httpResponseTests`.
        mod response {
            use super::*;

            #(#response_tests)*
        }

        #event_module
    }))
}

/// An `eventStreamTests` case for a client. Events of type `request` are the input's event
/// stream (built from their `params`): the server checks each message it received (decoded
/// and, under SigV4, its signature checked by the test support) against the event's
/// `headers`, `requireHeaders`, `forbidHeaders` and `body`, and the request against
/// `initialRequest`. The initial response (or a 200) is served with the `response` events'
/// `bytes`; those events are read back and compared with their `params`, and the stream must
/// end cleanly, or (`expectation: failure`) the call or the stream must end in an error (the
/// modeled one, when `errorId` names it).
fn event_stream_test(ctx: &Ctx<'_>, op: &ShapeId, case: &Map<String, Value>) -> Result<TokenStream> {
    use base64::Engine;
    let plan = ctx.plan(op)?;
    if let Some(refusal) = plan.refusal {
        return Err(crate::error::Error::unsupported(op, refusal.reason()));
    }
    let names = plan.names();
    let lib = ident(&ctx.lib);
    let (method, error_enum) = (&names.method, &names.error);
    let body = ctx.model.operation(op)?;
    let mut scope = Scope::default();
    let outputs = members(ctx, &body.output, false, &mut scope)?;
    let inputs = members(ctx, &body.input, true, &mut scope)?;
    let out_stream = outputs.iter().find(|m| m.events);
    let in_stream = inputs.iter().find(|m| m.events);
    let all_events: Vec<&Map<String, Value>> =
        case.get("events").and_then(Value::as_array).map(|e| e.iter().filter_map(Value::as_object).collect()).unwrap_or_default();
    let is_sent = |e: &&Map<String, Value>| e.get("type").and_then(Value::as_str) == Some("request");
    let sent: Vec<&Map<String, Value>> = all_events.iter().copied().filter(is_sent).collect();
    let events: Vec<&Map<String, Value>> = all_events.iter().copied().filter(|e| !is_sent(e)).collect();
    let mut bytes = Vec::new();
    for event in &events {
        let Some(encoded) = event.get("bytes").and_then(Value::as_str) else {
            return Err(crate::error::Error::shape(op, "an event without `bytes`"));
        };
        bytes.extend(
            base64::engine::general_purpose::STANDARD.decode(encoded).map_err(|e| crate::error::Error::shape(op, format!("event bytes: {e}")))?,
        );
    }
    let reply = match case.get("initialResponse").and_then(Value::as_object) {
        Some(initial) => {
            let code = initial.get("code").and_then(Value::as_u64).and_then(|c| u16::try_from(c).ok()).unwrap_or(200);
            let headers = header_pairs(initial).into_iter().map(|(k, v)| quote!(.header(#k, #v)));
            let text = initial.get("body").and_then(Value::as_str).map(|b| b.as_bytes().to_vec()).unwrap_or_default();
            let all = [text, bytes].concat();
            let all = proc_macro2::Literal::byte_string(&all);
            quote!(Reply::new(#code) #(#headers)* .body(#all.to_vec()))
        }
        None if out_stream.is_none() => quote!(Reply::new(200)),
        // A case about the request alone: a valid start of the response, with the output's
        // required members (the client refuses an initial response without them).
        None if events.is_empty() => InitialResponse::new(ctx, &body.output)?.stream_reply(),
        None => {
            let all = proc_macro2::Literal::byte_string(&bytes);
            quote!(Reply::new(200).header("content-type", "application/vnd.amazon.eventstream").body(#all.to_vec()))
        }
    };
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
    let mut calls = match case.get("initialRequestParams").and_then(Value::as_object) {
        Some(params) => writer.setter_calls(&body.input, true, params)?,
        None => minimal_calls(ctx, op)?,
    };
    if let Some(stream) = in_stream {
        let mut values = Vec::new();
        for event in &sent {
            values.push(writer.expr(&stream.member.target, event.get("params").unwrap_or(&Value::Null))?);
        }
        let setter = &stream.setter;
        calls.extend(quote!(.#setter(#lib::event_stream::EventSender::from(vec![#(#values),*]))));
    } else if !sent.is_empty() {
        return Err(crate::error::Error::shape(op, "request events without an event stream in the input"));
    }
    let sent_checks = if in_stream.is_some() { sent_event_checks(op, case, &sent)? } else { quote!() };
    let failure = case.get("expectation").and_then(|e| e.get("failure"));
    let error_variant = failure
        .and_then(|f| f.get("errorId"))
        .and_then(Value::as_str)
        .and_then(|id| ShapeId::parse(id).ok())
        .and_then(|id| plan.errors.iter().find(|v| v.id == id).map(|v| ident(&v.variant)));
    let send = quote!(server.client().#method() #calls .send().await);
    let check = match (failure, out_stream) {
        // The call itself fails (an error response before any event).
        (Some(_), _) if events.is_empty() => match &error_variant {
            Some(variant) => quote! {
                let error = #send.expect_err("an error response");
                assert!(matches!(error.as_service_error(), Some(#lib::operation::#method::#error_enum::#variant(_))), "{error:?}");
            },
            None => quote!(let _error = #send.expect_err("an error response");),
        },
        (_, None) => quote!(let _output = #send.expect("the response");),
        // A modeled error: the stream fails, at the latest after its events.
        (Some(_), Some(stream)) if let Some(variant) = &error_variant => {
            let field = &stream.field;
            quote! {
                let mut output = #send.expect("the response head");
                let error = loop {
                    match output.#field.recv().await {
                        Ok(Some(_)) => continue,
                        Ok(None) => panic!("the stream ended without an error"),
                        Err(e) => break e,
                    }
                };
                assert!(
                    matches!(&error, #lib::event_stream::EventStreamError::Modeled(#lib::operation::#method::#error_enum::#variant(_))),
                    "{error:?}"
                );
            }
        }
        // Any error: the initial response is refused, or the stream fails after its events.
        (Some(_), Some(stream)) => {
            let field = &stream.field;
            quote! {
                if let Ok(mut output) = #send {
                    loop {
                        match output.#field.recv().await {
                            Ok(Some(_)) => continue,
                            Ok(None) => panic!("the stream ended without an error"),
                            Err(_) => break,
                        }
                    }
                }
            }
        }
        (None, Some(stream)) => {
            let field = &stream.field;
            let mut reads = Vec::new();
            for event in &events {
                let params = event.get("params").cloned().unwrap_or(Value::Null);
                let expected = writer.expr(&stream.member.target, &params)?;
                reads.push(quote!(assert_eq!(output.#field.recv().await.expect("an event"), Some(#expected));));
            }
            let initial = match case.get("initialResponseParams").and_then(Value::as_object) {
                Some(params) => {
                    let spec = StructSpec::new(ctx, &body.output, "_", Role::Output, &mut scope)?;
                    let output_ty = &names.output;
                    let build = if spec.fallible { quote!(.build().expect("a valid output")) } else { quote!(.build()) };
                    let expected_calls = writer.setter_calls(&body.output, false, params)?;
                    quote! {
                        let expected = #lib::operation::#method::#output_ty::builder() #expected_calls #build;
                        let events = std::mem::take(&mut output.#field);
                        assert_eq!(format!("{output:?}"), format!("{expected:?}"));
                        output.#field = events;
                    }
                }
                None => quote!(),
            };
            quote! {
                let mut output = #send.expect("the response head");
                #initial
                #(#reads)*
                assert!(output.#field.recv().await.expect("a clean end").is_none());
            }
        }
    };
    Ok(quote! {
        let server = Server::start(vec![#reply]).await;
        #check
        #sent_checks
    })
}

/// What the server must have received of the input's event stream: `initialRequest`'s
/// method, URI and headers, then each `request` event's headers (typed, as the case gives
/// them), required and forbidden headers, and body (as JSON when its media type is JSON).
fn sent_event_checks(op: &ShapeId, case: &Map<String, Value>, sent: &[&Map<String, Value>]) -> Result<TokenStream> {
    use base64::Engine;
    let bad = |why: String| crate::error::Error::shape(op, why);
    let mut checks = Vec::new();
    if let Some(initial) = case.get("initialRequest").and_then(Value::as_object) {
        let (method, uri) = (text(initial, "method"), text(initial, "uri"));
        if !method.is_empty() {
            checks.push(quote!(assert_eq!(request.method, #method);));
        }
        if !uri.is_empty() {
            checks.push(quote!(assert_eq!(request.uri, #uri);));
        }
        for (name, value) in header_pairs(initial) {
            checks.push(quote!(assert_eq!(request.header(#name), Some(#value), "header {}", #name);));
        }
    }
    let count = sent.len();
    checks.push(quote!(let events = common::sent_events(request);));
    checks.push(quote!(assert_eq!(events.len(), #count, "events sent");));
    for (i, event) in sent.iter().enumerate() {
        let mut expected = Vec::new();
        for (name, value) in event.get("headers").and_then(Value::as_object).into_iter().flatten() {
            let (kind, v) = value.as_object().and_then(|o| o.iter().next()).ok_or_else(|| bad(format!("event header `{name}` has no value")))?;
            let header = match (kind.as_str(), v) {
                ("boolean", Value::Bool(b)) => quote!(Bool(#b)),
                ("byte", Value::Number(n)) => {
                    n.as_i64().and_then(|n| i8::try_from(n).ok()).map(|n| quote!(Byte(#n))).ok_or_else(|| bad(format!("`{name}`: {n}")))?
                }
                ("short", Value::Number(n)) => {
                    n.as_i64().and_then(|n| i16::try_from(n).ok()).map(|n| quote!(Int16(#n))).ok_or_else(|| bad(format!("`{name}`: {n}")))?
                }
                ("integer", Value::Number(n)) => {
                    n.as_i64().and_then(|n| i32::try_from(n).ok()).map(|n| quote!(Int32(#n))).ok_or_else(|| bad(format!("`{name}`: {n}")))?
                }
                ("long", Value::Number(n)) => n.as_i64().map(|n| quote!(Int64(#n))).ok_or_else(|| bad(format!("`{name}`: {n}")))?,
                ("string", Value::String(t)) => quote!(String(#t.into())),
                ("blob", Value::String(b64)) => {
                    let raw = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| bad(format!("`{name}`: {e}")))?;
                    let raw = proc_macro2::Literal::byte_string(&raw);
                    quote!(ByteArray(bytes::Bytes::from_static(#raw)))
                }
                ("timestamp", Value::String(t)) => {
                    quote!(Timestamp(aws_smithy_types::DateTime::from_str(#t, aws_smithy_types::date_time::Format::DateTime).expect("a timestamp")))
                }
                ("timestamp", Value::Number(n)) => {
                    let secs = n.as_i64().ok_or_else(|| bad(format!("`{name}`: {n}")))?;
                    quote!(Timestamp(aws_smithy_types::DateTime::from_secs(#secs)))
                }
                ("uuid", Value::String(u)) => {
                    let hex: String = u.chars().filter(|c| *c != '-').collect();
                    let n = u128::from_str_radix(&hex, 16).map_err(|e| bad(format!("`{name}`: {e}")))?;
                    let n = proc_macro2::Literal::u128_suffixed(n);
                    quote!(Uuid(#n))
                }
                (other, _) => return Err(bad(format!("event header `{name}` of kind `{other}`"))),
            };
            expected.push(quote!((#name, aws_smithy_types::event_stream::HeaderValue::#header)));
        }
        let (required, forbidden) = (strings(event, "requireHeaders"), strings(event, "forbidHeaders"));
        checks.push(quote!(common::assert_event_headers(&events[#i], &[#(#expected),*], &[#(#required),*], &[#(#forbidden),*]);));
        if let Some(body) = event.get("body").and_then(Value::as_str) {
            let json = text(event, "bodyMediaType").contains("json");
            checks.push(quote!(common::assert_event_body(&events[#i], #body, #json);));
        }
    }
    Ok(quote! {
        let requests = server.requests();
        let request = &requests[0];
        #(#checks)*
    })
}
