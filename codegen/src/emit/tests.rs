//! Integration tests generated from the model and run against a real loopback server:
//! every `smithy.api#examples` entry (exact request, parsed output), every modeled error
//! (by header, `__type` and `code`), and the failure cases every operation must classify.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value, json};

use super::examples::{Direction, example_left_out};
use super::test_values::{
    InitialResponse, json_reply, named_reply, output_assertion, required_values, served_reply, split_example, split_stream, stream_member,
};
use crate::error::Result;
use crate::model::{ShapeId, ShapeKind, Simple};
use crate::naming::ident;
use crate::plan::{AuthScheme, Ctx, ErrorNaming, Form, OpNames, ReplyTo, Scope, ValueWriter, members};

/// The whole `tests/model.rs` file.
pub fn model_tests(ctx: &Ctx<'_>, partitions: Option<&str>) -> Result<TokenStream> {
    let mut modules = Vec::new();
    for op in &ctx.operations {
        modules.push(operation_tests(ctx, op)?);
    }
    modules.push(super::paginator::paginator_tests(ctx)?);
    modules.push(super::waiters::tests(ctx)?);
    modules.push(error_tests(ctx)?);
    modules.push(transport_tests(ctx)?);
    modules.push(retry_tests(ctx)?);
    modules.push(mock_tests(ctx)?);
    modules.push(crate::rules::endpoint_tests(ctx.service, &ident(&ctx.lib), &ctx.rules, partitions)?);
    Ok(quote! {
        //! Tests generated from the model: its examples, its errors, and how every
        //! operation reports invalid input, unknown errors and malformed responses.

        // Not every model's tests use every helper of the test server.
        #[allow(dead_code)]
        mod common;

        #(#modules)*
    })
}

/// Tests as (whether it sends a signed operation, which runs only with the `sigv4` feature;
/// its doc comment; the test itself, attributes and all): the attribute of their module
/// (gated as a whole when every test is, so that its imports are used in every build) and
/// the tests, each gated below its doc comment otherwise.
pub(super) fn gate_signed(tests: Vec<(bool, String, TokenStream)>) -> (TokenStream, Vec<TokenStream>) {
    let all_signed = tests.iter().all(|(signs, _, _)| *signs);
    let tests = tests
        .into_iter()
        .map(|(signs, doc, test)| {
            let gate = sigv4_gate(signs && !all_signed);
            quote!(#[doc = #doc] #gate #test)
        })
        .collect();
    (sigv4_gate(all_signed), tests)
}

/// The attribute that keeps an item to builds with the `sigv4` feature when `signs` (a test
/// that sends a signed operation, which a build without it refuses); nothing otherwise.
fn sigv4_gate(signs: bool) -> TokenStream {
    if signs { quote!(#[cfg(feature = "sigv4")]) } else { quote!() }
}

fn json_literal(value: &Value) -> TokenStream {
    let text = value.to_string();
    quote!(serde_json::from_str::<serde_json::Value>(#text).unwrap())
}

/// Tests of an operation whose input streams: a file is sent as it is read, with its
/// length, and again whole for each retry; a stream is sent once, in chunks (or with the
/// length given), and never retried; a stream of unknown length is refused where the model
/// says `@requiresLength`. Bodies are compared byte for byte (after gunzip, for
/// `@requestCompression`), and signed operations leave the body out of the signature.
fn upload_tests(ctx: &Ctx<'_>, op: &ShapeId, required: &Map<String, Value>, signed: bool) -> Result<TokenStream> {
    let body = ctx.model.operation(op)?;
    let Some(stream) = stream_member(ctx, &body.input)? else { return Ok(quote!()) };
    let names = ctx.plan(op)?.names();
    let (method, field) = (&names.method, &stream.setter);
    let lib = ident(&ctx.lib);
    let mut others = required.clone();
    others.remove(&stream.member.name);
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid example value")));
    let calls = writer.setter_calls(&body.input, true, &others)?;
    let compressed = crate::protocol::http::compresses(ctx, op);
    let requires_length = ctx.model.get(&stream.member.target).is_some_and(|t| t.traits.requires_length());
    let received = if compressed { quote!(super::common::gunzip(&request.body)) } else { quote!(request.body.clone()) };
    let unsigned = if signed { quote!(assert_eq!(request.header("x-amz-content-sha256"), Some("UNSIGNED-PAYLOAD"));) } else { quote!() };
    let file_length = if compressed {
        quote!(assert_eq!(request.header("content-encoding"), Some("gzip"));)
    } else {
        quote!(assert_eq!(request.header("content-length"), Some("200000"));)
    };
    let (stream_length, stream_framing) = match (requires_length, compressed) {
        (true, _) => (quote!(Some(210_000)), quote!(assert_eq!(request.header("content-length"), Some("210000"));)),
        (false, false) => (
            quote!(None),
            quote! {
                assert_eq!(request.header("transfer-encoding"), Some("chunked"));
                assert_eq!(request.header("content-length"), None);
            },
        ),
        (false, true) => (quote!(None), quote!(assert_eq!(request.header("content-encoding"), Some("gzip"));)),
    };
    let file_name = format!("{}-{}", ctx.lib, method);
    let mut tests = quote! {
        /// A file is sent as it is read, with its length; each retry sends it whole again.
        #[tokio::test]
        async fn upload_from_a_file_is_sent_whole_by_every_attempt() {
            let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
            let path = std::env::temp_dir().join(format!("{}-{}", #file_name, std::process::id()));
            std::fs::write(&path, &data).expect("a temporary file");
            let server = Server::start(vec![Reply::new(500)]).await;
            let file = #lib::byte_stream::ByteStream::from_path(&path).await.expect("the file");
            assert_eq!(file.length(), Some(200_000));
            let error = server.client().#method() #calls .#field(file).send().await.expect_err("the server fails");
            std::fs::remove_file(&path).expect("the file is removed");
            assert!(matches!(error, SdkError::Service(_)), "{error:?}");
            let requests = server.requests();
            assert_eq!(requests.len(), 3, "the default retry policy makes 3 attempts");
            for request in &requests {
                assert_eq!(#received, data);
                #file_length
                #unsigned
            }
        }

        /// A stream is sent once, chunk by chunk as it yields them, and not retried.
        #[tokio::test]
        async fn upload_from_a_stream_is_sent_once() {
            let chunks: Vec<Vec<u8>> = (0..3u8).map(|n| vec![n; 70_000]).collect();
            let server = Server::start(vec![Reply::new(500)]).await;
            let stream = #lib::byte_stream::ByteStream::from_stream(Chunks(chunks.clone().into()), #stream_length);
            let error = server.client().#method() #calls .#field(stream).send().await.expect_err("the server fails");
            assert!(matches!(error, SdkError::Service(_)), "{error:?}");
            let requests = server.requests();
            assert_eq!(requests.len(), 1, "a stream cannot be sent twice");
            let request = &requests[0];
            assert_eq!(#received, chunks.concat());
            #stream_framing
            #unsigned
        }
    };
    if requires_length {
        tests.extend(quote! {
            /// The model says `@requiresLength`: a stream of unknown length is refused
            /// before anything is sent.
            #[tokio::test]
            async fn upload_of_unknown_length_is_refused() {
                let server = Server::start(vec![Reply::new(200)]).await;
                let stream = #lib::byte_stream::ByteStream::from_stream(Chunks(vec![vec![1u8; 10]].into()), None);
                let error = server.client().#method() #calls .#field(stream).send().await.expect_err("no length");
                let SdkError::Build(e) = &error else { panic!("expected a build error, got {error:?}") };
                assert!(e.to_string().contains("@requiresLength"), "{e}");
                assert!(server.requests().is_empty(), "nothing is sent");
            }
        });
    }
    Ok(tests)
}

fn operation_tests(ctx: &Ctx<'_>, op: &ShapeId) -> Result<TokenStream> {
    let names = ctx.plan(op)?.names();
    let body = ctx.model.operation(op)?;
    let shape = ctx.model.expect(op, op)?;
    let http = ctx.plan(op)?.http.clone();
    let facts = ctx.protocol.request_facts(ctx, op);
    let document_type = facts.document_type;
    let lib = ident(&ctx.lib);
    let (method, error_ty, output_ty) = (&names.method, &names.error, &names.output);
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid example value")));
    let input_members = ctx.model.structure_members(&body.input)?;
    // A payload member is the whole body: no other member is serialized then.
    let has_body = facts.empty_body.is_some()
        || (!input_members.values().any(|m| ctx.binding(m) == crate::plan::Binding::Payload) && input_members.values().any(|m| ctx.in_body(m)));
    let required = required_values(ctx, &body.input, 0)?;
    let auth = ctx.plan(op)?.auth.clone();
    // Whether the test client's requests are signed with SigV4 (the model's first scheme).
    let signed = matches!(auth.first(), Some(AuthScheme::SigV4 { .. }));
    let minimal_calls = writer.setter_calls(&body.input, true, &required)?;
    if let Some(refusal) = ctx.plan(op)?.refusal {
        let reason = refusal.reason();
        return Ok(quote! {
            mod #method {
                use super::common::{Reply, Server};

                /// The client does not support the operation: the call fails before sending, saying why.
                #[tokio::test]
                async fn operation_is_refused() {
                    let server = Server::start(vec![Reply::json(200, "{}")]).await;
                    super::common::assert_refused(&server, server.client().#method() #minimal_calls .send().await, #reason);
                }
            }
        });
    }
    // Every test that sends the operation sends it through `call` (see `module` below).
    let send_minimal = quote!(call(server.client()).await);
    // Operations without auth are sent by a client without any identity: they must need none.
    let send_as_model_requires = if auth.is_empty() { quote!(call(server.anonymous_client()).await) } else { send_minimal.clone() };
    // `@unsignedPayload`: the body is left out of the signature, and the header says so.
    // An event stream: each message is signed as it is sent, and the header says so.
    let payload_check = if ctx.plan(op)?.event_input {
        quote!(assert_eq!(request.header("x-amz-content-sha256"), Some("STREAMING-AWS4-HMAC-SHA256-EVENTS"));)
    } else if shape.traits.is_unsigned_payload() {
        quote!(assert_eq!(request.header("x-amz-content-sha256"), Some("UNSIGNED-PAYLOAD"));)
    } else {
        quote!(assert_eq!(request.header("x-amz-content-sha256"), None);)
    };
    // The test client has an identity for every scheme: the model's first one is used.
    let auth_check = scheme_check(auth.first(), &payload_check);
    let (http_method, uri) = (&http.method, &http.uri);
    // An API key sent in the query comes last in the URI.
    let key_in_query = match auth.first() {
        Some(AuthScheme::ApiKey { name, in_query: true, .. }) => Some(format!("{name}=test-key")),
        _ => None,
    };
    let expected_uri = |values: &Map<String, Value>| -> Result<Option<String>> {
        Ok(expected_uri(ctx, &http, &body.input, values)?.map(|uri| match &key_in_query {
            Some(pair) => format!("{uri}{}{pair}", if uri.contains('?') { '&' } else { '?' }),
            None => uri,
        }))
    };
    let uri_check = match expected_uri(&required)? {
        Some(expected) => quote!(assert!(request.uri.ends_with(#expected), "{} should end with {}", request.uri, #expected);),
        None => {
            let prefix = uri.split(['{', '?']).next().unwrap_or_default();
            quote!(assert!(request.uri.contains(#prefix), "{} should contain {}", request.uri, #prefix);)
        }
    };

    let mut tests = Vec::new();
    // Named from their titles: an example added upstream renames no other test.
    let mut test_names = crate::naming::TestNames::default();
    let example_test = |example: &crate::model::traits::Example, output: &Map<String, Value>| -> Result<TokenStream> {
        let input = example.input.clone().unwrap_or_default();
        let calls = writer.setter_calls(&body.input, true, &input)?;
        let mut scope = Scope::default();
        let out_spec = crate::plan::StructSpec::new(ctx, &body.output, "_", crate::plan::Role::Output, &mut scope)?;
        let build = if out_spec.fallible { quote!(.build().expect("a valid output")) } else { quote!(.build()) };
        // Where each member travels: body, payload, headers or status.
        let sent = split_example(ctx, &body.input, &input, Direction::Sent)?;
        let (reply, output) = served_reply(ctx, op, &body.output, output)?;
        let (output, stream_check) = split_stream(ctx, &body.output, &output)?;
        let expected_calls = writer.setter_calls(&body.output, false, &output)?;
        let expected = quote!(#output_ty::builder() #expected_calls #build);
        let output_check = output_assertion(expected, stream_check, false);
        let uri_check = match expected_uri(&input)? {
            Some(expected) => quote!(assert_eq!(request.uri, #expected);),
            None => {
                let prefix = uri.split(['{', '?']).next().unwrap_or_default();
                quote!(assert!(request.uri.starts_with(#prefix), "{}", request.uri);)
            }
        };
        let header_checks = sent.headers.iter().chain(&facts.headers).map(|(k, v)| quote!(assert_eq!(request.header(#k), Some(#v));));
        let body_check = match &sent.payload {
            _ if let Some(check) = ctx.protocol.test_body_check(ctx, op, &body.input, &sent.body, sent.payload.as_ref())? => check,
            Some(Value::String(text)) => quote!(assert_eq!(String::from_utf8_lossy(&request.body), #text);),
            Some(v) => {
                let expected = json_literal(v);
                quote!(assert_eq!(request.json(), #expected);)
            }
            None if sent.has_body_members => {
                let expected = json_literal(&Value::Object(sent.body.clone()));
                // An idempotency token the example leaves out is a fresh UUID: checked for
                // its form, then left out of the comparison.
                let tokens: Vec<String> = ctx
                    .model
                    .structure_members(&body.input)?
                    .values()
                    .filter(|m| m.traits.is_idempotency_token() && ctx.in_body(m) && !input.contains_key(&m.name))
                    .map(|m| ctx.wire_name(m).to_owned())
                    .collect();
                if tokens.is_empty() {
                    quote! {
                        assert_eq!(request.header("content-type"), Some(#document_type));
                        assert_eq!(request.json(), #expected);
                    }
                } else {
                    quote! {
                        assert_eq!(request.header("content-type"), Some(#document_type));
                        let mut actual = request.json();
                        #(
                            let token = actual.as_object_mut().and_then(|o| o.remove(#tokens)).expect("an idempotency token");
                            assert_eq!(token.as_str().map(str::len), Some(36), "a UUID: {token}");
                        )*
                        assert_eq!(actual, #expected);
                    }
                }
            }
            None => match &facts.empty_body {
                Some(empty) => {
                    let empty = Literal::byte_string(empty);
                    quote! {
                        assert_eq!(request.header("content-type"), Some(#document_type));
                        assert_eq!(&request.body[..], &#empty[..]);
                    }
                }
                None => quote!(assert!(request.body.is_empty());),
            },
        };
        Ok(quote! {
            let server = Server::start(vec![#reply]).await;
            let output = server.client().#method() #calls .send().await.expect("the example succeeds");
            let requests = server.requests();
            assert_eq!(requests.len(), 1);
            let request = &requests[0];
            assert_eq!(request.method, #http_method);
            #uri_check
            #(#header_checks)*
            #body_check
            #output_check
        })
    };
    for example in shape.traits.examples() {
        let Some(output) = &example.output else { continue };
        let test_body = match example_test(&example, output) {
            Ok(tokens) => tokens,
            Err(e) => {
                ctx.warn(example_left_out(&names, &example.title, "generated tests", &e));
                continue;
            }
        };
        let name = ident(&test_names.name(&format!("example {}", example.title), "example"));
        let doc = format!(" Example: {}", example.title);
        tests.push(quote! {
            #[doc = #doc]
            #[tokio::test]
            async fn #name() {
                #test_body
            }
        });
    }

    let mut input_scope = Scope::default();
    let input_members = members(ctx, &body.input, true, &mut input_scope)?;
    let missing: Vec<&str> = input_members.iter().filter(|m| m.required).map(|m| m.field_text.as_str()).collect();
    if !missing.is_empty() {
        let display =
            format!("request not sent: {}: missing required member{} {}", names.model, if missing.len() == 1 { "" } else { "s" }, missing.join(", "));
        tests.push(quote! {
            /// Every missing required member is named, in one error, and nothing is sent.
            #[tokio::test]
            async fn missing_required_members_are_reported_together() {
                let server = Server::start(vec![Reply::json(200, "{}")]).await;
                let result = server.client().#method().send().await;
                super::common::assert_missing(&server, result, &[#(#missing),*], #display);
            }
        });
    }
    let payload_sent =
        ctx.model.structure_members(&body.input)?.values().any(|m| ctx.binding(m) == crate::plan::Binding::Payload && required.contains_key(&m.name));
    let minimal_sent = split_example(ctx, &body.input, &required, Direction::Sent)?;
    // An event stream left unset is a stream without events (and, signed, its end).
    let request_check = if ctx.plan(op)?.event_input {
        // RPC protocols send the other members first, as `initial-request`.
        if ctx.protocol.initial_message_events() {
            let expected = json_literal(&Value::Object(minimal_sent.body.clone()));
            quote! {
                let mut events = super::common::sent_events(request);
                assert_eq!(super::common::take_initial_request(&mut events), #expected);
                assert!(events.is_empty(), "no events");
            }
        } else {
            quote!(assert!(super::common::sent_events(request).is_empty(), "no events");)
        }
    } else if let Some(check) = ctx.protocol.test_body_check(ctx, op, &body.input, &minimal_sent.body, minimal_sent.payload.as_ref())? {
        check
    } else if has_body {
        quote!(assert!(request.json().is_object());)
    } else if payload_sent {
        quote!(assert!(!request.body.is_empty());)
    } else {
        quote!(assert!(request.body.is_empty());)
    };
    // A response to HEAD has no body: the code comes from the header, there is no message.
    let (message, display) = if http.method == "HEAD" {
        (quote!(None), "SomethingNewException (HTTP 400) (request id req-1)")
    } else {
        (quote!(Some("something new")), "SomethingNewException (HTTP 400): something new (request id req-1)")
    };
    if ctx.plan(op)?.event_output && ctx.plan(op)?.sends() {
        tests.push(event_stream_test(ctx, op, &send_minimal, &minimal_calls)?);
    }
    if ctx.plan(op)?.event_input && ctx.plan(op)?.sends() {
        tests.push(event_input_test(ctx, op, &minimal_calls)?);
    }
    if let Some(stream) = stream_member(ctx, &body.output)? {
        let field = &stream.field;
        let lib = ident(&ctx.lib);
        tests.push(quote! {
            /// The `@streaming` body is handed over unread: chunk by chunk, past
            /// `max_response_size`, byte for byte.
            #[tokio::test]
            async fn streamed_body_is_read_as_it_arrives() {
                let body: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
                let server = Server::start(vec![Reply::new(200).body(body.clone())]).await;
                let client = #lib::Client::from_conf(server.config().max_response_size(1024).build());
                let mut output = call(client).await.expect("a streamed response");
                let mut read = Vec::new();
                let mut chunks = 0;
                while let Some(chunk) = output.#field.next().await {
                    read.extend_from_slice(&chunk.expect("a chunk"));
                    chunks += 1;
                }
                assert!(chunks >= 1);
                assert_eq!(read, body);
            }

            /// A streamed body cut short (fewer bytes than its `content-length`) is an
            /// error when read, not a short success.
            #[tokio::test]
            async fn streamed_body_cut_short_is_an_error() {
                let server = Server::raw(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n0123456789").await;
                let output = #send_minimal.expect("the head arrives");
                let error = output.#field.collect().await.expect_err("the body is incomplete");
                assert!(!error.is_timeout());
                assert_eq!(error.to_string(), "reading the body failed");
                assert!(std::error::Error::source(&error).is_some());
            }
        });
    }
    tests.push(upload_tests(ctx, op, &required, signed)?);
    let unknown_error = json_reply(ctx, 400, r#"{"message":"something new"}"#, ReplyTo::Error { name: "SomethingNewException", shape: None });
    let is_unhandled = quote!(|e| matches!(e, #error_ty::Unhandled(_)));
    tests.push(quote! {
        /// An error code the model does not declare is `Unhandled`, with its code, message and ids.
        #[tokio::test]
        async fn unknown_error_code_is_unhandled() {
            let server = Server::start(vec![#unknown_error.header("x-amzn-requestid", "req-1")]).await;
            let result = #send_as_model_requires;
            let requests = server.requests();
            let request = &requests[0];
            #auth_check
            // The endpoint rules may add a base path before the operation's.
            assert_eq!(request.method, #http_method);
            #uri_check
            assert_eq!(request.header("host"), Some(server.host().as_str()));
            #request_check
            let expected = (Some("SomethingNewException"), #message, 400, Some("req-1"));
            super::common::assert_unhandled(result, #is_unhandled, expected, #display);
        }

        /// A 500 with an empty body is a service error without a code.
        #[tokio::test]
        async fn server_error_without_body() {
            let server = Server::start(vec![Reply::new(500).header("x-amzn-requestid", "req-2")]).await;
            let expected = (None, None, 500, Some("req-2"));
            super::common::assert_unhandled(#send_minimal, #is_unhandled, expected, "HTTP 500 error without an error code (request id req-2)");
        }
    });
    // Outputs read from a JSON body (not only from headers or a raw payload; not an event
    // stream, whose body is its messages).
    let output_members = ctx.model.structure_members(&body.output)?;
    let json_output = !ctx.plan(op)?.event_output && output_members.values().any(|m| ctx.in_body(m))
        || output_members.values().any(|m| {
            ctx.binding(m) == crate::plan::Binding::Payload
                && !ctx.is_event_stream(&m.target)
                && matches!(ctx.model.get(&m.target).map(|s| &s.kind), Some(ShapeKind::Structure(_) | ShapeKind::Union(_)))
        });
    if json_output && http.method != "HEAD" {
        let not_json = json_reply(ctx, 200, "{not json", ReplyTo::Output { op, output: &body.output });
        let invalid = format!("invalid response (HTTP 200, request id req-3): invalid {}", ctx.protocol.codec().format_name());
        tests.push(quote! {
            /// A success status with a body that is not JSON is a response error, not a panic.
            #[tokio::test]
            async fn invalid_json_with_success_status() {
                let server = Server::start(vec![#not_json.header("x-amzn-requestid", "req-3")]).await;
                super::common::assert_invalid_response(#send_minimal, 200, "req-3", #invalid);
            }
        });
    }
    // Without any identity, the model's first scheme says what is missing.
    let missing = match auth.first() {
        Some(AuthScheme::SigV4 { .. }) => Some(("signed_operation_needs_credentials", "no credentials are configured")),
        Some(AuthScheme::Bearer) => Some(("operation_needs_a_token", "no token provider is configured")),
        Some(AuthScheme::ApiKey { .. }) => Some(("operation_needs_an_api_key", "use `.api_key(..)`")),
        Some(AuthScheme::Basic) => Some(("operation_needs_a_login", "use `.login(..)`")),
        None => None,
    };
    if let Some((name, says)) = missing {
        let name = ident(name);
        tests.push(quote! {
            /// An operation that needs auth, called without any identity, fails before sending, saying why.
            #[tokio::test]
            async fn #name() {
                let server = Server::start(vec![Reply::json(200, "{}")]).await;
                super::common::assert_refused(&server, call(server.anonymous_client()).await, #says);
            }
        });
    }
    // Several schemes: the second is used when preferred, or when only it has an identity.
    if let [first, second, ..] = auth.as_slice() {
        let (check, preferred) = (scheme_check(Some(second), &quote!()), scheme_name(second));
        let (only_second, first_name) = (identity(&lib, second), scheme_name(first));
        let doc = format!(
            " Of the operation's schemes (`{first_name}` first), `{preferred}` is used when the configuration prefers it, and when only it has an identity."
        );
        let gate = sigv4_gate(ctx.op_signs(op));
        let error_reply = json_reply(ctx, 400, "{}", ReplyTo::Error { name: "SomethingNewException", shape: None });
        tests.push(quote! {
            #[doc = #doc]
            #gate
            #[tokio::test]
            async fn auth_scheme_by_preference_and_by_identity() {
                let server = Server::start(vec![#error_reply]).await;
                let preferring = #lib::Client::from_conf(server.config().auth_scheme_preference([#preferred]).build());
                let only_second = #lib::Config::builder().region("us-east-1").endpoint_url(server.url()) #only_second;
                let only_second = #lib::Client::from_conf(only_second.build());
                for client in [preferring, only_second] {
                    call(client).await.expect_err("the server answers with an error");
                }
                let requests = server.requests();
                assert_eq!(requests.len(), 2);
                for request in &requests {
                    #check
                }
            }
        });
    }
    tests.extend(sensitive_test(ctx, op, &names, &required)?);
    tests.push(quote! {
        /// `send()`'s future can be spawned: it is `Send` and `'static`.
        #[test]
        fn send_can_be_spawned() {
            super::common::assert_spawnable(&call(#lib::Client::from_conf(#lib::Config::builder().build())));
        }
    });
    let uses_chunks = if tests.iter().any(|t| crate::plan::uses_ident(t, "Chunks")) {
        quote!(
            use super::common::Chunks;
        )
    } else {
        quote!()
    };
    let module = quote! {
        mod #method {
            #uses_chunks
            use super::common::{Reply, Server};
            use #lib::error::SdkError;
            use #lib::operation::#method::{#error_ty, #output_ty};

            /// The operation, sent with the members it requires.
            async fn call(client: #lib::Client) -> Result<#output_ty, SdkError<#error_ty>> {
                client.#method() #minimal_calls .send().await
            }

            #(#tests)*
        }
    };
    if !signed {
        return Ok(module);
    }
    if auth.len() > 1 {
        // Without the `sigv4` feature another scheme would be used: the tests expect SigV4.
        return Ok(quote! {
            #[cfg(feature = "sigv4")]
            #module
        });
    }
    // A build without the `sigv4` feature refuses the operation before sending.
    Ok(quote! {
        #[cfg(feature = "sigv4")]
        #module

        #[cfg(not(feature = "sigv4"))]
        mod #method {
            use super::common::{Reply, Server};

            /// Without the `sigv4` feature the signed operation fails before sending, saying why.
            #[tokio::test]
            async fn signed_operation_needs_the_sigv4_feature() {
                let server = Server::start(vec![Reply::json(200, "{}")]).await;
                let result = server.client().#method() #minimal_calls .send().await;
                super::common::assert_refused(&server, result, "enable the crate's `sigv4` feature");
            }
        }
    })
}

/// The path and query a request for `values` goes to (labels filled in and
/// percent-encoded, `@httpQuery` members appended in member order), when every bound value
/// is text, a whole number or a boolean; `None` otherwise.
fn expected_uri(ctx: &Ctx<'_>, http: &crate::model::traits::Http, input: &ShapeId, values: &Map<String, Value>) -> Result<Option<String>> {
    let members = ctx.model.structure_members(input)?;
    // Text only for strings, enums, integers and booleans; other kinds have formats this
    // check does not repeat.
    let plain_for = |m: &crate::model::Member, v: &Value| -> Option<String> {
        let text = match (ctx.model.get(&m.target).map(|s| &s.kind), v) {
            (Some(ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_)), Value::String(s)) => s.clone(),
            (Some(ShapeKind::Simple(Simple::Byte | Simple::Short | Simple::Integer | Simple::Long) | ShapeKind::IntEnum(_)), Value::Number(n)) => {
                n.to_string()
            }
            (Some(ShapeKind::Simple(Simple::Boolean)), Value::Bool(b)) => b.to_string(),
            _ => return None,
        };
        Some(text)
    };
    // RFC 3986 percent-encoding, written here apart from the runtime's so the test checks it:
    // unreserved bytes stay, and `/` in greedy labels.
    let encode = |text: &str, keep_slash: bool| -> String {
        let mut out = String::with_capacity(text.len());
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    };
    let (path, literal) = http.uri.split_once('?').map_or((http.uri.as_str(), ""), |(p, q)| (p, q));
    let mut out = String::new();
    let Some(parts) = crate::protocol::http::template_parts(path) else { return Ok(None) };
    for part in parts {
        match part {
            crate::protocol::http::TemplatePart::Literal(literal) => out.push_str(literal),
            crate::protocol::http::TemplatePart::Label { name, greedy } => {
                let Some(text) = members.get(name).zip(values.get(name)).and_then(|(m, v)| plain_for(m, v)) else { return Ok(None) };
                out.push_str(&encode(&text, greedy));
            }
        }
    }
    let mut query: Vec<String> = literal.split('&').filter(|p| !p.is_empty()).map(str::to_owned).collect();
    for m in members.values() {
        if let crate::plan::Binding::Query(key) = ctx.binding(m) {
            match values.get(&m.name) {
                // A fresh UUID the test cannot know.
                None if m.traits.is_idempotency_token() => return Ok(None),
                None => {}
                Some(Value::Array(items)) if items.is_empty() => {}
                Some(v) => match plain_for(m, v) {
                    Some(text) => query.push(format!("{}={}", encode(&key, false), encode(&text, false))),
                    None => return Ok(None),
                },
            }
        }
        if ctx.binding(m) == crate::plan::Binding::QueryParams && values.contains_key(&m.name) {
            return Ok(None);
        }
    }
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    Ok(Some(out))
}

/// The string members of `container` whose values are secret (@sensitive, on the member
/// or its target), each with a distinct marker value to look for in printed text.
fn secret_values(ctx: &Ctx<'_>, container: &ShapeId) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for m in ctx.model.structure_members(container)?.values() {
        let is_string = matches!(ctx.model.expect(&m.target, &m.id)?.kind, ShapeKind::Simple(Simple::String));
        if is_string && ctx.is_sensitive(m) {
            out.insert(m.name.clone(), json!(format!("SECRET-{}-VALUE", m.name)));
        }
    }
    Ok(out)
}

/// A test that sets every sensitive input member and returns every sensitive output
/// member, and checks that none of the values is printed by `Debug` of the fluent builder,
/// the input, the output or its builder, while all of them do reach the wire and the
/// output's getters.
fn sensitive_test(ctx: &Ctx<'_>, op: &ShapeId, names: &OpNames, required: &Map<String, Value>) -> Result<Option<TokenStream>> {
    // A streamed output's body is not JSON (and has no `PartialEq`): its headers' secrets are
    // covered by the redacting `Debug` of every output alike.
    if ctx.plan(op)?.streaming_output || ctx.plan(op)?.event_output {
        return Ok(None);
    }
    let body = ctx.model.operation(op)?;
    let (input_secrets, output_secrets) = (secret_values(ctx, &body.input)?, secret_values(ctx, &body.output)?);
    if input_secrets.is_empty() && output_secrets.is_empty() {
        return Ok(None);
    }
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
    let mut input_values = required.clone();
    input_values.extend(input_secrets.clone());
    let input_calls = writer.setter_calls(&body.input, true, &input_values)?;
    // Required output members too, so the output builder builds.
    let mut output_values = required_values(ctx, &body.output, 0)?;
    output_values.extend(output_secrets.clone());
    let (reply, output_values) = served_reply(ctx, op, &body.output, &output_values)?;
    let output_calls = writer.setter_calls(&body.output, false, &output_values)?;
    let secrets: Vec<&str> = input_secrets.values().chain(output_secrets.values()).filter_map(Value::as_str).collect();
    let sent: Vec<&str> = input_secrets.values().filter_map(Value::as_str).collect();
    let n_sent = sent.len();
    let mut scope = Scope::default();
    let out_spec = crate::plan::StructSpec::new(ctx, &body.output, "_", crate::plan::Role::Output, &mut scope)?;
    let build = if out_spec.fallible { quote!(.build().expect("a valid output")) } else { quote!(.build()) };
    // An input without required members builds infallibly.
    let in_spec = crate::plan::StructSpec::new(ctx, &body.input, "_", crate::plan::Role::Input(&names.model), &mut scope)?;
    let build_input = if in_spec.fallible { quote!(.build().expect("a valid input")) } else { quote!(.build()) };
    let (method, input_ty, output_ty) = (&names.method, &names.input, &names.output);
    let lib = ident(&ctx.lib);
    Ok(Some(quote! {
        /// Values of @sensitive members are sent and received, and never printed by `Debug`.
        #[tokio::test]
        async fn sensitive_values_are_never_printed() {
            let server = Server::start(vec![#reply]).await;
            let fluent = server.client().#method() #input_calls;
            let input = #lib::operation::#method::#input_ty::builder() #input_calls #build_input;
            let output_builder = #output_ty::builder() #output_calls;
            let mut printed = vec![format!("{fluent:?}"), format!("{input:?}"), format!("{output_builder:?}")];
            let output = fluent.send().await.expect("a success response");
            printed.push(format!("{output:?}"));
            for secret in [#(#secrets),*] {
                for text in &printed {
                    assert!(!text.contains(secret), "`{secret}` printed: {text}");
                }
            }
            // They are not lost either: sent in the request, read into the output.
            let requests = server.requests();
            let request = &requests[0];
            let wire = format!("{} {:?} {}", request.uri, request.headers, String::from_utf8_lossy(&request.body));
            for secret in [#(#sent),*] as [&str; #n_sent] {
                assert!(wire.contains(secret), "`{secret}` was not sent: {wire}");
            }
            assert_eq!(output, output_builder #build);
        }
    }))
}

/// One test per modeled error: the error is recognized from the `X-Amzn-Errortype`
/// header, from `__type` with a namespace, and from `code` with a `:` suffix, with every
/// string member, the message, status and request id read.
fn error_tests(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let lib = ident(&ctx.lib);
    let mut tests = Vec::new();
    for (id, t) in &ctx.types {
        if t.home != crate::plan::context::TypeHome::Errors {
            continue;
        }
        // Prefer an unsigned operation, so the test runs in every build.
        // Served as the answer of an operation the client sends (not a refused one).
        let raising: Vec<&ShapeId> =
            ctx.operations.iter().filter(|op| ctx.plan(op).is_ok_and(|p| p.sends() && p.errors.iter().any(|e| &e.id == id))).collect();
        let Some(op) = raising.iter().find(|op| !ctx.op_signs(op)).or(raising.first()).copied() else {
            continue;
        };
        let names = ctx.plan(op)?.names();
        let shape = ctx.model.expect(id, id)?;
        let status = shape.traits.http_error().unwrap_or(match shape.traits.error() {
            Some(crate::model::traits::ErrorFault::Server) => 500,
            _ => 400,
        });
        let mut scope = Scope::default();
        let infos = members(ctx, id, false, &mut scope)?;
        let mut body = Map::new();
        // String members bound to headers travel there.
        let mut headers = Vec::new();
        let mut checks = Vec::new();
        let mut message = None;
        for m in infos.iter().filter(|m| matches!(m.form, Form::Str)) {
            let value = format!("test {}", m.member.name);
            if message.is_none() && ["message", "Message", "error_description", "errorMessage"].contains(&m.wire.as_str()) {
                message = Some(value.clone());
            }
            match ctx.binding(m.member) {
                crate::plan::Binding::Header(name) => headers.push(quote!(.header(#name, #value))),
                _ => {
                    body.insert(m.wire.clone(), Value::String(value.clone()));
                }
            }
            let field = &m.field;
            checks.push(if m.optional { quote!(assert_eq!(e.#field(), Some(#value));) } else { quote!(assert_eq!(e.#field(), #value);) });
        }
        // Displayed by its shape name, named on the wire by the protocol's code for it.
        let (code, wire_code) = (id.name(), ctx.protocol.error_code(shape));
        // Every way the protocol names the error, but a body field where a member of the
        // error travels (then only the other ways can name it).
        let plain = Value::Object(body).to_string();
        let to = ReplyTo::Error { name: &wire_code, shape: Some(id) };
        let replies: Vec<TokenStream> = ctx
            .protocol
            .error_namings(id.namespace(), &wire_code)
            .iter()
            .filter(|n| !matches!(n, ErrorNaming::BodyField(field, _) if infos.iter().any(|m| m.wire == *field)))
            .map(|n| {
                let reply = named_reply(ctx, status, &plain, to, Some(n));
                quote!(#reply #(#headers)*)
            })
            .collect();
        if replies.is_empty() {
            continue;
        }
        let display = match &message {
            Some(m) => format!("{code}: {m} (request id req-1)"),
            None => format!("{code} (request id req-1)"),
        };
        let message = match message {
            Some(m) => quote!(Some(#m)),
            None => quote!(None),
        };
        let op_body = ctx.model.operation(op)?;
        let required = required_values(ctx, &op_body.input, 0)?;
        let calls = ValueWriter::new(ctx, quote!(.expect("a valid value"))).setter_calls(&op_body.input, true, &required)?;
        let (method, error_ty) = (&names.method, &names.error);
        let variant = ident(&crate::naming::type_name(ctx.shape_name(id)));
        let name = ident(&t.module);
        let status = Literal::u16_unsuffixed(status);
        let doc = format!(" `{code}` is recognized however the service names it.");
        tests.push((ctx.op_signs(op), doc, quote! {
            #[tokio::test]
            async fn #name() {
                for reply in [#(#replies,)*] {
                    let server = Server::start(vec![reply.header("x-amzn-requestid", "req-1")]).await;
                    let error = server.client().#method() #calls .send().await.expect_err("an error response");
                    let SdkError::Service(#lib::operation::#method::#error_ty::#variant(e)) = &error else {
                        panic!("expected {}, got {error:?}", #code)
                    };
                    let meta = e.meta();
                    assert_eq!((meta.code(), meta.message(), meta.status(), meta.request_id()), (Some(#wire_code), #message, #status, Some("req-1")));
                    #(#checks)*
                    assert_eq!(error.to_string(), #display);
                }
            }
        }));
    }
    if tests.is_empty() {
        return Ok(quote!());
    }
    let (module_gate, tests) = gate_signed(tests);
    Ok(quote! {
        #module_gate
        mod errors {
            use super::common::{Reply, Server};
            use #lib::error::{ProvideErrorMetadata, SdkError};

            #(#tests)*
        }
    })
}

/// Failures below HTTP: each is its own `SdkError` variant, told apart from service errors.
/// The operation the client-wide tests call: the first unsigned one, so they run in every
/// build, else the first, with a `cfg` that keeps its tests to builds that can sign.
fn probe_operation<'c>(ctx: &'c Ctx<'_>) -> Option<(&'c ShapeId, TokenStream)> {
    // One without event streams, whose requests are sent once and whose replies are plain
    // bodies; among those, one without auth if there is one.
    let usable: Vec<&ShapeId> = ctx.plans().iter().filter(|p| p.sends() && !p.event_input && !p.event_output).map(|p| &p.id).collect();
    let op = usable.iter().find(|op| ctx.plan(op).is_ok_and(|p| p.auth.is_empty())).or(usable.first()).copied()?;
    let gate = sigv4_gate(ctx.op_signs(op));
    Some((op, gate))
}

/// What the test server checks of a request authorized with `scheme` and the test client's
/// identities (`None`: no auth). `sigv4_extra` adds checks of a SigV4 request.
fn scheme_check(scheme: Option<&AuthScheme>, sigv4_extra: &TokenStream) -> TokenStream {
    match scheme {
        Some(AuthScheme::SigV4 { name }) => {
            quote! {
                super::common::assert_sigv4(request, #name);
                #sigv4_extra
            }
        }
        Some(AuthScheme::Bearer) => quote!(assert_eq!(request.header("authorization"), Some("Bearer test-token"));),
        Some(AuthScheme::Basic) => {
            use base64::Engine;
            let expected = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("test-user:test-password"));
            quote!(assert_eq!(request.header("authorization"), Some(#expected));)
        }
        Some(AuthScheme::ApiKey { name, in_query: true, .. }) => {
            let expected = format!("{name}=test-key");
            quote!(assert!(request.uri.contains(#expected), "{}", request.uri);)
        }
        Some(AuthScheme::ApiKey { name, in_query: false, scheme }) => {
            let (header, expected) = (name.to_ascii_lowercase(), scheme.as_ref().map_or("test-key".to_owned(), |s| format!("{s} test-key")));
            quote!(assert_eq!(request.header(#header), Some(#expected));)
        }
        None => quote!(assert_eq!(request.header("authorization"), None, "the model says no auth");),
    }
}

/// The configuration builder call that gives the test client an identity for `scheme`.
fn identity(lib: &proc_macro2::Ident, scheme: &AuthScheme) -> TokenStream {
    match scheme {
        AuthScheme::SigV4 { .. } => quote!(.credentials_provider(#lib::credentials::Credentials::new("AKIDTEST", "test-secret", None))),
        AuthScheme::Bearer => quote!(.token_provider(#lib::credentials::Token::new("test-token"))),
        AuthScheme::ApiKey { .. } => quote!(.api_key(#lib::credentials::ApiKey::new("test-key"))),
        AuthScheme::Basic => quote!(.login(#lib::credentials::Login::new("test-user", "test-password"))),
    }
}

/// The name a scheme is preferred by.
fn scheme_name(scheme: &AuthScheme) -> &'static str {
    match scheme {
        AuthScheme::SigV4 { .. } => "sigv4",
        AuthScheme::Bearer => "httpBearerAuth",
        AuthScheme::ApiKey { .. } => "httpApiKeyAuth",
        AuthScheme::Basic => "httpBasicAuth",
    }
}

fn transport_tests(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let lib = ident(&ctx.lib);
    let Some((op, gate)) = probe_operation(ctx) else { return Ok(quote!()) };
    let names = ctx.plan(op)?.names();
    let input = &ctx.model.operation(op)?.input;
    let calls = ValueWriter::new(ctx, quote!(.expect("a valid value"))).setter_calls(input, true, &required_values(ctx, input, 0)?)?;
    let method = &names.method;
    // Operations with auth need an identity to get as far as the network.
    let credentials = ctx.plan(op)?.auth.first().map(|scheme| identity(&lib, scheme)).unwrap_or_default();
    // A streamed output is handed over before its body arrives: its own tests cover a short body.
    let body_cut_short = if ctx.plan(op)?.streaming_output || ctx.plan(op)?.event_output {
        quote!()
    } else {
        quote! {
            /// A body that ends before its `content-length` is a response error that keeps
            /// the status and request id the head brought, and it is retried.
            #[tokio::test]
            async fn body_cut_short_keeps_status_and_request_id() {
                let server = Server::raw(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-amzn-requestid: req-cut\r\ncontent-length: 1000\r\n\r\n{\"partial\":").await;
                let retry = RetryConfig::standard().with_max_attempts(2).with_initial_backoff(Duration::from_millis(1));
                let config = Config::builder().region("us-east-1").endpoint_url(server.url()).retry_config(retry);
                let error = Client::from_conf(config #credentials .build()).#method() #calls .send().await.expect_err("a short body");
                let SdkError::Response(e) = &error else { panic!("expected a response error, got {error:?}") };
                assert_eq!((e.status(), e.request_id(), e.kind()), (200, Some("req-cut"), &#lib::error::ResponseErrorKind::Incomplete));
                assert_eq!(error.request_id(), Some("req-cut"));
                let messages = chain(&error);
                assert_eq!(messages[0], "invalid response (HTTP 200, request id req-cut): the body ended before it was complete");
                assert!(messages.len() > 1, "the cause is kept: {messages:?}");
                assert_eq!(server.connections(), 2, "retried once");
            }
        }
    };
    Ok(quote! {
        #gate
        mod transport {
            use std::time::Duration;

            use super::common::Server;
            use #lib::config::{RetryConfig, Timeouts};
            use #lib::error::{SdkError, TimeoutKind};
            use #lib::{Client, Config};

            /// The messages of an error and of its `source()` chain, checked to say each
            /// thing once: no message holds one that comes after it.
            fn chain(error: &dyn std::error::Error) -> Vec<String> {
                let mut messages = vec![error.to_string()];
                let mut cause = error.source();
                while let Some(c) = cause {
                    messages.push(c.to_string());
                    cause = c.source();
                }
                for (i, outer) in messages.iter().enumerate() {
                    for inner in &messages[i + 1..] {
                        assert!(!outer.contains(inner.as_str()), "`{inner}` is said twice in {messages:#?}");
                    }
                }
                messages
            }

            /// A server that accepts the connection and never answers: each attempt hits the
            /// attempt timeout, and the error says which timeout, after how long, on which attempt.
            #[tokio::test]
            async fn stalled_server_hits_the_attempt_timeout() {
                let server = Server::stalled().await;
                let timeouts = Timeouts::default().with_attempt(Duration::from_millis(200));
                let retry = RetryConfig::standard().with_max_attempts(2).with_initial_backoff(Duration::from_millis(1));
                let config = Config::builder().region("us-east-1").endpoint_url(server.url()).timeouts(timeouts).retry_config(retry);
                let error = Client::from_conf(config #credentials .build()).#method() #calls .send().await.expect_err("a timeout");
                let SdkError::Timeout(e) = &error else { panic!("expected a timeout, got {error:?}") };
                assert_eq!((e.kind(), e.attempt()), (TimeoutKind::Attempt, 2));
                assert_eq!(chain(&error), ["timed out: the attempt (attempt 2 of 2) took longer than 200ms"]);
            }

            /// The operation timeout bounds everything, retries included.
            #[tokio::test]
            async fn stalled_server_hits_the_operation_timeout() {
                let server = Server::stalled().await;
                let timeouts = Timeouts::default().with_operation(Duration::from_millis(300));
                let config = Config::builder().region("us-east-1").endpoint_url(server.url()).timeouts(timeouts);
                let error = Client::from_conf(config #credentials .build()).#method() #calls .send().await.expect_err("a timeout");
                let SdkError::Timeout(e) = &error else { panic!("expected a timeout, got {error:?}") };
                assert_eq!(e.kind(), TimeoutKind::Operation);
                assert_eq!(error.to_string(), "timed out: the operation took longer than 300ms");
            }

            /// Nothing listening: a dispatch error that says the connection failed.
            #[tokio::test]
            async fn refused_connection_is_a_dispatch_error() {
                let url = {
                    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
                    format!("http://{}", listener.local_addr().expect("local address"))
                };
                let config = Config::builder().region("us-east-1").endpoint_url(url) #credentials .build();
                let error = Client::from_conf(config).#method() #calls .send().await.expect_err("no server");
                let SdkError::Dispatch(e) = &error else { panic!("expected a dispatch error, got {error:?}") };
                assert!(e.is_connect(), "{e}");
                // The cause (connection refused) is in the chain, said once.
                let messages = chain(&error);
                assert!(messages[0].starts_with("failed to send the request: "), "{messages:?}");
                assert!(messages.len() > 1 && messages.iter().skip(1).any(|m| m.to_lowercase().contains("refused")), "{messages:?}");
            }

            #body_cut_short

            /// A region that is no DNS label is refused before anything is sent, by name.
            #[tokio::test]
            async fn malformed_region_is_a_build_error() {
                for region in ["not a region!", ""] {
                    let server = Server::raw(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n").await;
                    let config = Config::builder().region(region).endpoint_url(server.url());
                    let error = Client::from_conf(config #credentials .build()).#method() #calls .send().await.expect_err("a bad region");
                    let SdkError::Build(e) = &error else { panic!("expected a build error, got {error:?}") };
                    assert!(e.to_string().contains(&format!("region `{region}` is not a region name")), "{e}");
                    assert_eq!(server.connections(), 0, "nothing is sent");
                }
            }

            /// Without a region or an endpoint URL the rules find no endpoint: a build error
            /// says why, and nothing is sent.
            #[tokio::test]
            async fn missing_region_is_a_build_error() {
                let client = Client::from_conf(Config::builder().build());
                let error = client.#method() #calls .send().await.expect_err("no region");
                let SdkError::Build(e) = &error else { panic!("expected a build error, got {error:?}") };
                assert!(e.to_string().contains("cannot resolve the endpoint: "), "{e}");
            }

            /// An endpoint URL that is not http(s) is refused before sending (by the rules
            /// or by the client), with an error that names it.
            #[tokio::test]
            async fn invalid_endpoint_url_is_a_build_error() {
                let client = Client::from_conf(Config::builder().endpoint_url("ftp://example.com").build());
                let error = client.#method() #calls .send().await.expect_err("a bad endpoint");
                assert!(matches!(error, SdkError::Build(_)), "{error:?}");
                assert!(error.to_string().contains("ftp://example.com"), "{error}");
            }
        }
    })
}

/// Retries (AWS standard mode) and the headers every attempt carries, on the first
/// operation of the service.
fn retry_tests(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let lib = ident(&ctx.lib);
    let Some((op, gate)) = probe_operation(ctx) else { return Ok(quote!()) };
    let names = ctx.plan(op)?.names();
    let input = &ctx.model.operation(op)?.input;
    let calls = ValueWriter::new(ctx, quote!(.expect("a valid value"))).setter_calls(input, true, &required_values(ctx, input, 0)?)?;
    let method = &names.method;
    let error_ty = &names.error;
    let package = &ctx.package;
    let user_agent_prefix = format!("{package}/");
    // A modeled client error without @retryable, if the operation has one; not a 429 or a
    // throttling code, which the client retries whatever the model says.
    let output = &ctx.model.operation(op)?.output;
    let ok = json_reply(ctx, 200, "{}", ReplyTo::Output { op, output });
    let throttled = json_reply(ctx, 400, "{}", ReplyTo::Error { name: "ThrottlingException", shape: None });
    let mut modeled_4xx = quote!();
    for e in ctx.plan(op)?.errors.iter().map(|v| &v.id) {
        let shape = ctx.model.expect(e, op)?;
        let status = shape.traits.http_error().unwrap_or(400);
        let throttling = status == 429 || e.name().contains("Throttl");
        if status < 500 && !throttling && shape.traits.retryable().is_none() {
            let reply = json_reply(ctx, status, "{}", ReplyTo::Error { name: &ctx.protocol.error_code(shape), shape: Some(e) });
            let variant = ident(&crate::naming::type_name(ctx.shape_name(e)));
            modeled_4xx = quote! {
                /// A modeled client error is never retried: exactly one request.
                #[tokio::test]
                async fn modeled_client_error_is_not_retried() {
                    let reply = #reply;
                    let server = Server::start(vec![reply, #ok]).await;
                    let error = server.client().#method() #calls .send().await.expect_err("the modeled error");
                    assert!(matches!(error, SdkError::Service(#lib::operation::#method::#error_ty::#variant(_))), "{error:?}");
                    assert_eq!(server.requests().len(), 1);
                }
            };
            break;
        }
    }
    Ok(quote! {
        #gate
        mod retries {
            use super::common::{Reply, Server};
            use #lib::Client;
            use #lib::config::RetryConfig;
            use #lib::error::SdkError;

            /// Two server errors, then success: three requests with the same invocation id
            /// (a UUID) and `amz-sdk-request` counting the attempts.
            #[tokio::test]
            async fn server_errors_are_retried_with_one_invocation_id() {
                let server = Server::start(vec![Reply::new(500), Reply::new(503), #ok]).await;
                server.client().#method() #calls .send().await.expect("the third attempt succeeds");
                let requests = server.requests();
                assert_eq!(requests.len(), 3);
                let id = requests[0].header("amz-sdk-invocation-id").expect("an invocation id").to_owned();
                assert_eq!(id.len(), 36, "{id}");
                assert_eq!(&id[14..15], "4", "a version 4 UUID: {id}");
                for (n, request) in requests.iter().enumerate() {
                    assert_eq!(request.header("amz-sdk-invocation-id"), Some(id.as_str()));
                    assert_eq!(request.header("amz-sdk-request"), Some(format!("attempt={}; max=3", n + 1).as_str()));
                }
            }

            #modeled_4xx

            /// An unmodeled throttling error is retried.
            #[tokio::test]
            async fn throttling_is_retried() {
                let throttled = #throttled;
                let server = Server::start(vec![throttled, #ok]).await;
                server.client().#method() #calls .send().await.expect("the second attempt succeeds");
                assert_eq!(server.requests().len(), 2);
            }

            /// `RetryConfig::disabled()`: one attempt only.
            #[tokio::test]
            async fn retries_can_be_disabled() {
                let server = Server::start(vec![Reply::new(500), #ok]).await;
                let client = Client::from_conf(server.config().retry_config(RetryConfig::disabled()).build());
                let error = client.#method() #calls .send().await.expect_err("no retry");
                assert!(matches!(error, SdkError::Service(_)), "{error:?}");
                let requests = server.requests();
                assert_eq!(requests.len(), 1);
                assert_eq!(requests[0].header("amz-sdk-request"), Some("attempt=1; max=1"));
            }

            /// The user agent follows the AWS SDKs' format: the crate and its version, the
            /// metadata version, the API, the OS, the language with the compiler's version
            /// (from build.rs) and the application.
            #[tokio::test]
            async fn user_agent_names_the_crate_and_the_app() {
                let server = Server::start(vec![#ok]).await;
                let client = Client::from_conf(server.config().app_name("my tool").build());
                client.#method() #calls .send().await.expect("sent");
                let requests = server.requests();
                for header in ["user-agent", "x-amz-user-agent"] {
                    let value = requests[0].header(header).expect("a user agent");
                    let (name, version) = (env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
                    let rustc = env!("RUSTC_VERSION_FOR_USER_AGENT");
                    assert!(rustc.starts_with(|c: char| c.is_ascii_digit()) && rustc.contains('.'), "{rustc}");
                    let expected =
                        format!("{name}/{version} ua/2.1 api/{name}#{version} os/{} lang/rust#{rustc} app/my-tool", std::env::consts::OS);
                    assert_eq!(value, expected);
                    assert!(value.starts_with(#user_agent_prefix), "{value}");
                }
            }
        }
    })
}

/// `mod mock`: the test mock (feature `test-util`, on for the generated tests) answers every
/// operation with what the test sets (a standing output, then a queued error first), records
/// the inputs, answers an operation without an answer with a build error, and never sends.
fn mock_tests(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let lib = ident(&ctx.lib);
    let mut tests = Vec::new();
    for plan in ctx.plans() {
        let names = plan.names();
        let (method, output_ty, error_ty) = (&names.method, &names.output, &names.error);
        let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
        let calls = writer.setter_calls(&plan.input, true, &required_values(ctx, &plan.input, 0)?)?;
        let output_path = quote!(#lib::operation::#method::#output_ty);
        // A streamed output has neither `Clone` nor `PartialEq`: it is queued, once.
        let mut scope = Scope::default();
        let spec = crate::plan::StructSpec::new(ctx, &plan.output, "_", crate::plan::Role::Output, &mut scope)?;
        let output_calls = writer.setter_calls(&plan.output, false, &required_values(ctx, &plan.output, 0)?)?;
        let build = if spec.fallible { quote!(.build().expect("a valid output")) } else { quote!(.build()) };
        let standing = if plan.streaming_output || plan.event_output {
            quote! {
                mock.#method().then(Ok(#output_path::builder() #output_calls #build));
                client.#method() #calls .send().await.expect("the queued output");
            }
        } else {
            quote! {
                let expected = #output_path::builder() #output_calls #build;
                mock.#method().returns(expected.clone());
                let output = client.#method() #calls .send().await.expect("the standing answer");
                assert_eq!(output, expected);
            }
        };
        let inputs = if plan.input_read_once() { quote!() } else { quote!(assert_eq!(mock.#method().inputs().len(), 2);) };
        let doc = format!(" `{}` answers from the mock.", plan.name);
        tests.push(quote! {
            #[doc = #doc]
            #[tokio::test]
            async fn #method() {
                let mock = Mock::default();
                let client = Client::from_mock(&mock);
                let meta = ErrorMetadata::builder().code("SomethingWrong").message("no").status(400).request_id("req-mock").build();
                mock.#method().then(Err(SdkError::Service(#lib::operation::#method::#error_ty::Unhandled(Unhandled::from_meta(meta)))));
                let error = client.#method() #calls .send().await.expect_err("the queued error comes first");
                let e = error.as_service_error().expect("a service error");
                assert_eq!((e.code(), e.message(), e.status(), e.request_id()), (Some("SomethingWrong"), Some("no"), 400, Some("req-mock")));
                #standing
                assert_eq!(mock.#method().calls(), 2);
                #inputs
            }
        });
    }
    let Some(first) = ctx.plans().first() else { return Ok(quote!()) };
    let names = first.names();
    let method = &names.method;
    let no_answer =
        format!("{}: invalid configuration: the mock has no answer for this operation (set one with `returns`, `answers` or `then`)", names.model);
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
    let calls = writer.setter_calls(&first.input, true, &required_values(ctx, &first.input, 0)?)?;
    // A modeled error built by hand carries its code; `with_meta` sets the rest.
    let modeled = match first.errors.first() {
        Some(e) => {
            let ty = ident(&e.variant);
            let code = e.id.name();
            let home = match ctx.types.get(&e.id).map(|t| t.home) {
                Some(crate::plan::TypeHome::Types) => quote!(#lib::types),
                _ => quote!(#lib::types::error),
            };
            let mut scope = Scope::default();
            let spec = crate::plan::StructSpec::new(ctx, &e.id, "_", crate::plan::Role::Error, &mut scope)?;
            let calls = writer.setter_calls(&e.id, false, &required_values(ctx, &e.id, 0)?)?;
            let build = if spec.fallible { quote!(.build().expect("a valid error")) } else { quote!(.build()) };
            quote! {
                /// A modeled error built by hand has its code, and `with_meta` the rest.
                #[test]
                fn modeled_errors_can_be_built_with_their_metadata() {
                    let error = #home::#ty::builder() #calls #build;
                    assert_eq!((error.code(), error.status()), (Some(#code), 0));
                    let meta = ErrorMetadata::builder().code(#code).message("built").status(409).request_id("req-b").build();
                    let error = error.with_meta(meta.clone());
                    assert_eq!(error.meta(), &meta);
                }
            }
        }
        None => quote!(),
    };
    Ok(quote! {
        /// The test mock (feature `test-util`): no server, nothing sent.
        mod mock {
            use #lib::error::{ErrorMetadata, ProvideErrorMetadata, SdkError, Unhandled};
            use #lib::test_util::Mock;
            use #lib::Client;

            #(#tests)*

            /// An operation the test set no answer for fails with a build error.
            #[tokio::test]
            async fn an_operation_without_an_answer_is_refused() {
                let mock = Mock::default();
                let error = Client::from_mock(&mock).#method() #calls .send().await.expect_err("no answer");
                let SdkError::Build(e) = &error else { panic!("expected a build error, got {error:?}") };
                assert_eq!(e.to_string(), #no_answer);
                assert_eq!(mock.#method().calls(), 1);
            }

            #modeled
        }
    })
}

/// For an operation whose output is an event stream: a server that sends an event of each
/// kind the union has (as far as an empty value reads), one this client does not know, then
/// a modeled exception (else an unmodeled error) ends the stream; a bad checksum and a stream
/// cut inside a message end it with `InvalidStream`. The frames are built by the test support,
/// not by the runtime.
fn event_stream_test(ctx: &Ctx<'_>, op: &ShapeId, send: &TokenStream, calls: &TokenStream) -> Result<TokenStream> {
    let lib = ident(&ctx.lib);
    let body = ctx.model.operation(op)?;
    let mut scope = Scope::default();
    let outputs = members(ctx, &body.output, false, &mut scope)?;
    let Some(stream) = outputs.iter().find(|m| m.events) else { return Ok(quote!()) };
    let field = &stream.field;
    let names = ctx.plan(op)?.names();
    let (method, error_ty) = (&names.method, &names.error);
    let send_with_client = quote!(client.#method() #calls .send().await);
    let union_name = ident(
        &ctx.types.get(&stream.member.target).ok_or_else(|| crate::error::Error::shape(&stream.member.target, "is not a generated type"))?.name,
    );
    // Documents in the protocol's format (JSON as it is; CBOR from it).
    let codec = ctx.protocol.codec();
    let document = |shape: Option<&ShapeId>, json: &str| codec.test_body(ctx, shape, json).unwrap_or_else(|| json.as_bytes().to_vec());
    let start = InitialResponse::new(ctx, &body.output)?;
    let reply = start.reply();
    let mut frames = Vec::new();
    let mut checks = Vec::new();
    let mut exception = None;
    for m in members(ctx, &stream.member.target, false, &mut scope)? {
        let target = ctx.model.expect(&m.member.target, &m.member.id)?;
        let name = m.member.name.as_str();
        let variant = ident(&crate::naming::variant_name(name));
        if target.traits.error().is_some() {
            let error_variant = ctx.plan(op)?.errors.iter().find(|v| v.id == m.member.target).map(|v| ident(&v.variant));
            if exception.is_none()
                && let Some(v) = error_variant
            {
                let body = Literal::byte_string(&document(Some(&m.member.target), r#"{"message":"stop"}"#));
                exception = Some((name.to_owned(), v, body));
            }
            continue;
        }
        // An empty value of the event: no headers, and a payload that reads as empty.
        let payload_member = ctx.model.structure_members(&m.member.target)?.values().find(|e| e.traits.is_event_payload()).cloned();
        let payload = match payload_member.as_ref().and_then(|p| ctx.model.get(&p.target)).map(|t| &t.kind) {
            Some(ShapeKind::Simple(Simple::Blob | Simple::String)) => b"x".to_vec(),
            Some(ShapeKind::Union(_)) => continue,
            Some(_) => document(payload_member.as_ref().map(|p| &p.target), "{}"),
            None => document(Some(&m.member.target), "{}"),
        };
        let payload = Literal::byte_string(&payload);
        frames.push(quote!(event_frame(&[(":message-type", "event"), (":event-type", #name)], #payload)));
        checks.push(quote! {
            let event = output.#field.recv().await.expect("an event");
            assert!(matches!(event, Some(#lib::types::#union_name::#variant(_))), "{event:?}");
        });
    }
    frames.push(quote!(event_frame(&[(":message-type", "event"), (":event-type", "somethingNew")], b"{}")));
    checks.push(quote! {
        let event = output.#field.recv().await.expect("an unknown event");
        assert!(matches!(event, Some(#lib::types::#union_name::Unknown)), "{event:?}");
    });
    let meta_trait = if exception.is_some() { quote!(use #lib::error::ProvideErrorMetadata as _;) } else { quote!() };
    let initial = start.frame();
    let refused = match &start.required {
        Some(name) => {
            let message = crate::protocol::http::missing_initial_member(name);
            let bare = InitialResponse::bare(ctx, &body.output)?.stream_reply();
            let doc = format!(" An initial response without `{name}`, which is required, is refused.");
            quote! {
                #[doc = #doc]
                #[tokio::test]
                async fn initial_response_without_required_member_is_refused() {
                    let server = Server::start(vec![#bare]).await;
                    let error = #send.expect_err("refused");
                    assert!(format!("{error:?}").contains(#message), "{error:?}");
                }
            }
        }
        None => quote!(),
    };
    let (end_frame, end_check) = match exception {
        Some((name, variant, body)) => (
            quote!(event_frame(&[(":message-type", "exception"), (":exception-type", #name)], #body)),
            quote! {
                let error = output.#field.recv().await.expect_err("the modeled exception");
                let EventStreamError::Modeled(#lib::operation::#method::#error_ty::#variant(e)) = &error else { panic!("expected {}, got {error:?}", stringify!(#variant)) };
                assert_eq!(e.meta().code(), Some(#name));
            },
        ),
        None => (
            quote!(event_frame(&[(":message-type", "error"), (":error-code", "InternalFailure"), (":error-message", "stop")], b"")),
            quote! {
                let error = output.#field.recv().await.expect_err("the error event");
                assert!(matches!(&error, EventStreamError::Unmodeled { code, message } if code == "InternalFailure" && message == "stop"), "{error:?}");
            },
        ),
    };
    Ok(quote! {
        /// The event stream is read as its messages arrive: every event the union has, one
        /// this client does not know, then the stream ends with an exception; a bad checksum
        /// and a stream cut inside a message end it with an error, never a panic.
        #[tokio::test]
        async fn event_stream_is_read_as_it_arrives() {
            use super::common::event_frame;
            use #lib::event_stream::EventStreamError;
            #meta_trait
            // RPC protocols send the output's other members first, as `initial-response`.
            let initial = #initial;
            let stream = [initial.clone(), #(#frames,)* #end_frame].concat();
            let server = Server::start(vec![#reply.header("content-type", "application/vnd.amazon.eventstream").body(stream)]).await;
            let mut output = #send.expect("the response head");
            #(#checks)*
            #end_check
            assert!(output.#field.recv().await.expect("ended").is_none(), "the stream stays ended");

            let mut bad = event_frame(&[(":message-type", "event"), (":event-type", "somethingNew")], b"{}");
            let last = bad.len() - 1;
            bad[last] ^= 1;
            let cut = event_frame(&[(":message-type", "event"), (":event-type", "somethingNew")], b"{}")[..20].to_vec();
            for (name, bytes, says) in [("a bad checksum", bad, "checksum"), ("a cut", cut, "ended inside a message")] {
                let server = Server::start(vec![#reply.body([initial.clone(), bytes].concat())]).await;
                let mut output = #send.expect("the response head");
                let error = output.#field.recv().await.expect_err(name);
                assert!(matches!(&error, EventStreamError::InvalidStream(why) if why.contains(says)), "{name}: {error:?}");
            }

            // A message over the configured limit ends the stream from its prelude.
            let big = event_frame(&[(":message-type", "event"), (":event-type", "somethingNew")], &[b'x'; 200]);
            let server = Server::start(vec![#reply.body([initial, big].concat())]).await;
            let client = #lib::Client::from_conf(server.config().max_event_message_size(100).build());
            let mut output = #send_with_client.expect("the response head");
            let error = output.#field.recv().await.expect_err("too large");
            assert!(matches!(&error, EventStreamError::InvalidStream(why) if why.contains("over the limit of 100")), "{error:?}");
        }

        #refused
    })
}

/// For an operation whose input is an event stream: an event of each kind the union has (its
/// required members set), fed through a channel while the request is sent, arrives framed,
/// in order, each signed and chained to the request's signature (checked by the test
/// support with AWS's own signer), the empty signed message last; a stream is sent once,
/// never retried; the `Unknown` event cannot be sent.
fn event_input_test(ctx: &Ctx<'_>, op: &ShapeId, calls: &TokenStream) -> Result<TokenStream> {
    let lib = ident(&ctx.lib);
    let body = ctx.model.operation(op)?;
    let mut scope = Scope::default();
    let inputs = members(ctx, &body.input, true, &mut scope)?;
    let Some(stream) = inputs.iter().find(|m| m.events) else { return Ok(quote!()) };
    let setter = &stream.setter;
    let union_id = &stream.member.target;
    let union_name = ident(&ctx.types.get(union_id).ok_or_else(|| crate::error::Error::shape(union_id, "is not a generated type"))?.name);
    let method = &ctx.plan(op)?.names().method;
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
    let (mut values, mut kinds) = (Vec::new(), Vec::new());
    for m in ctx.model.structure_members(union_id)?.values() {
        let target = ctx.model.expect(&m.target, &m.id)?;
        let kind = if target.traits.error().is_some() { "exception" } else { "event" };
        let value = json!({ m.name.clone(): Value::Object(required_values(ctx, &m.target, 0)?) });
        values.push(writer.expr(union_id, &value)?);
        kinds.push((kind, m.name.clone()));
    }
    let count = values.len();
    // Every reply carries the headers the protocol requires of a response, and the output's
    // required members.
    let start = InitialResponse::new(ctx, &body.output)?;
    let response_headers = start.headers.iter().map(|(k, v)| quote!((#k, #v)));
    let response_headers = quote!(&[#(#response_headers),*]);
    let outputs = members(ctx, &body.output, false, &mut scope)?;
    let reply = if outputs.iter().any(|m| m.events) { start.stream_reply() } else { start.reply() };
    // RPC protocols send the input's other members first, as `initial-request`; the server
    // answers it with an `initial-response`.
    let rpc = ctx.protocol.initial_message_events();
    let (events, take_initial) =
        if rpc { (quote!(mut events), quote!(super::common::take_initial_request(&mut events);)) } else { (quote!(events), quote!()) };
    let checks = kinds.iter().enumerate().map(|(i, (kind, name))| {
        let type_header = if *kind == "event" { ":event-type" } else { ":exception-type" };
        quote! {
            let header = |name: &str| events[#i].headers().iter().find(|h| h.name().as_str() == name).and_then(|h| h.value().as_string().ok()).map(|s| s.as_str().to_owned());
            assert_eq!(header(":message-type").as_deref(), Some(#kind), "message {}", #i);
            assert_eq!(header(#type_header).as_deref(), Some(#name), "message {}", #i);
        }
    });
    // Both ways at once: each event sent is answered while the request is still open.
    let duplex = match (outputs.iter().find(|m| m.events), values.first()) {
        (Some(out), Some(first)) => {
            let out_field = &out.field;
            let initial_answer = if rpc {
                let frame = start.frame();
                quote!(#frame,)
            } else {
                quote!()
            };
            let out_union = ident(
                &ctx.types.get(&out.member.target).ok_or_else(|| crate::error::Error::shape(&out.member.target, "is not a generated type"))?.name,
            );
            quote! {
                /// A conversation: the server answers each event as it arrives, and the client
                /// sends the next one only after reading the answer. Only a full-duplex exchange
                /// (the request still being sent while the response is read) gets through.
                #[tokio::test]
                async fn events_flow_both_ways_at_once() {
                    use #lib::event_stream::EventSender;
                    let answer = || super::common::event_frame(&[(":message-type", "event"), (":event-type", "somethingNew")], b"{}");
                    let server = Server::conversation(#response_headers, vec![#initial_answer answer(), answer()]).await;
                    let (sink, events) = EventSender::channel(1);
                    let talk = async {
                        sink.send(#first).await.expect("the request is open");
                        let mut output = server.client().#method() #calls .#setter(events).send().await.expect("the response head");
                        let answer = output.#out_field.recv().await.expect("the first answer");
                        assert!(matches!(answer, Some(#lib::types::#out_union::Unknown)), "{answer:?}");
                        sink.send(#first).await.expect("the request is still open");
                        let answer = output.#out_field.recv().await.expect("the second answer");
                        assert!(matches!(answer, Some(#lib::types::#out_union::Unknown)), "{answer:?}");
                        drop(sink);
                        assert!(output.#out_field.recv().await.expect("the end").is_none(), "the response ends with the request");
                    };
                    tokio::time::timeout(std::time::Duration::from_secs(10), talk).await.expect("a full-duplex exchange");
                }
            }
        }
        _ => quote!(),
    };
    let sent_check = if ctx.signs() {
        quote!(assert!(request.header("authorization").is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 ")), "the request is signed");)
    } else {
        quote!()
    };
    Ok(quote! {
        /// The input's events are sent as they come: each kind the union has, framed, in
        /// order, signed one by one and chained to the request's signature, the empty signed
        /// message last. A stream is sent once (never retried); `Unknown` is not sent.
        #[tokio::test]
        async fn events_are_sent_as_they_come() {
            use #lib::event_stream::EventSender;
            use #lib::types::#union_name;
            let server = Server::start(vec![#reply]).await;
            let (sink, events) = EventSender::channel(1);
            let feeding = tokio::spawn(async move {
                for event in [#(#values),*] {
                    sink.send(event).await.expect("the request is still sending");
                }
            });
            let _output = server.client().#method() #calls .#setter(events).send().await.expect("the response");
            feeding.await.expect("every event was taken");
            let requests = server.requests();
            let request = &requests[0];
            #sent_check
            let #events = super::common::sent_events(request);
            #take_initial
            assert_eq!(events.len(), #count);
            #(#checks)*

            // A retryable answer: the stream was read once, so the request is not sent again.
            let server = Server::start(vec![Reply::new(503)]).await;
            let events = EventSender::from(vec![#union_name::Unknown]);
            let error = server.client().#method() #calls .#setter(EventSender::default()).send().await.expect_err("a 503");
            // A second attempt would have failed to build: the service's answer is the error.
            assert!(matches!(error, #lib::error::SdkError::Service(_)), "{error:?}");
            assert_eq!(server.requests().len(), 1, "not retried");

            // `Unknown` stands for events this client does not know: it cannot be sent.
            let server = Server::start(vec![#reply]).await;
            let error = server.client().#method() #calls .#setter(events).send().await.expect_err("`Unknown` is not sent");
            let chain = format!("{error:?}");
            assert!(chain.contains("the `Unknown` event cannot be sent"), "{chain}");
        }

        #duplex
    })
}

#[cfg(test)]
mod unit {
    use super::*;

    fn text(tokens: &[TokenStream]) -> Vec<String> {
        tokens.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn signed_tests_are_gated_one_by_one_or_as_a_module() {
        let (a, b) = (
            quote!(
                fn a() {}
            ),
            quote!(
                fn b() {}
            ),
        );
        let test = |signs: bool, doc: &str, item: &TokenStream| (signs, doc.to_owned(), item.clone());
        let gate = "# [cfg (feature = \"sigv4\")]";

        // The gate goes below a test's doc comment, above its other attributes.
        let (module, tests) = gate_signed(vec![test(true, " A.", &a), test(false, " B.", &b)]);
        assert!(module.is_empty());
        assert_eq!(text(&tests), [format!("# [doc = \" A.\"] {gate} fn a () {{ }}"), "# [doc = \" B.\"] fn b () { }".to_owned()]);

        let (module, tests) = gate_signed(vec![test(true, " A.", &a), test(true, " B.", &b)]);
        assert_eq!(module.to_string(), gate);
        assert_eq!(text(&tests), ["# [doc = \" A.\"] fn a () { }", "# [doc = \" B.\"] fn b () { }"]);

        let (module, tests) = gate_signed(vec![test(false, " A.", &a), test(false, " B.", &b)]);
        assert!(module.is_empty());
        assert_eq!(text(&tests), ["# [doc = \" A.\"] fn a () { }", "# [doc = \" B.\"] fn b () { }"]);
    }
}
