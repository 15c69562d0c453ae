//! One file per operation: the client method, the fluent builder, the input and output
//! structures, the error enum, and how the operation maps to HTTP (restJson1).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{examples, structure};
use crate::error::Result;
use crate::model::{ShapeId, ShapeKind, Simple};
use crate::naming::{ident, type_name};
use crate::plan::{AuthScheme, Ctx, OpNames, Role, Scope, StructSpec};

/// The module file of an operation.
pub fn operation_file(ctx: &Ctx<'_>, id: &ShapeId) -> Result<TokenStream> {
    let plan = ctx.plan(id)?;
    let names = plan.names();
    let op = ctx.model.operation(id)?;
    let mut scope = Scope::new(names.locals().into_iter().chain(super::waiters::local_names(ctx, id)));

    let input = StructSpec::new(ctx, &op.input, &names.input.to_string(), Role::Input(&names.model), &mut scope)?;
    let output = StructSpec::new(ctx, &op.output, &names.output.to_string(), Role::Output, &mut scope)?;
    let input_doc = doc_text(&format!(" The input of [`{}`](crate::Client::{}).", names.model, names.method));
    let output_doc = doc_text(&format!(" The output of [`{}`](crate::Client::{}).", names.model, names.method));
    let input_struct = structure::emit(ctx, &input, input_doc, &mut scope)?;
    let output_struct = structure::emit(ctx, &output, output_doc, &mut scope)?;

    let client_method = client_method(ctx, id, &names, &mut scope)?;
    let fluent = fluent_builder(&names, &input, &output, &mut scope);
    let paginator = super::paginator::paginator(ctx, id, &names, &input, &output, &mut scope)?;
    let waiters = super::waiters::emit(ctx, id, &names, &input, &output, &mut scope)?;
    let error_enum = error_enum(ctx, id, &names, &mut scope)?;
    let operation = operation_impl(ctx, id, &names, &input, &output, &mut scope)?;

    let module_doc = format!(" The [`{}`](crate::Client::{}) operation.", names.model, names.method);
    let uses = ctx.uses(&scope);
    Ok(quote! {
        #![doc = #module_doc]

        #uses

        #client_method
        #fluent
        #paginator
        #waiters
        #input_struct
        #output_struct
        #error_enum
        #operation
    })
}

fn doc_text(text: &str) -> TokenStream {
    quote!(#[doc = #text])
}

fn client_method(ctx: &Ctx<'_>, id: &ShapeId, names: &OpNames, scope: &mut Scope) -> Result<TokenStream> {
    let shape = ctx.model.expect(id, id)?;
    let doc = ctx.shape_doc(shape);
    let examples = examples::doc_examples(ctx, id, names)?;
    let deprecated = match shape.traits.deprecated() {
        Some(d) => {
            let note = format!(
                " **Deprecated**{}{}",
                d.since.map(|s| format!(" since {s}")).unwrap_or_default(),
                d.message.map(|m| format!(": {m}")).unwrap_or_default()
            );
            quote!(#[doc = ""] #[doc = #note])
        }
        None => quote!(),
    };
    let deprecated = match ctx.plan(id)?.refusal {
        Some(refusal) => {
            let note = refusal.doc();
            quote!(#deprecated #[doc = ""] #[doc = #note])
        }
        None => deprecated,
    };
    let client = scope.import("crate", "Client");
    let (method, fluent, input) = (&names.method, &names.fluent, &names.input);
    let builder = ident(&crate::naming::builder_name(&input.to_string()));
    Ok(quote! {
        impl #client {
            #doc
            #deprecated
            #examples
            pub fn #method(&self) -> #fluent {
                #builder { input: #input::default(), client: self.clone() }
            }
        }
    })
}

/// The fluent builder: the input builder bound to the client, which can send.
fn fluent_builder(names: &OpNames, input: &StructSpec<'_>, output: &StructSpec<'_>, scope: &mut Scope) -> TokenStream {
    let (fluent, method, marker) = (&names.fluent, &names.method, &names.marker);
    let (output_ty, error_ty) = (&output.name, &names.error);
    let input_builder = &input.builder;
    let client = scope.import("crate", "Client");
    let sdk_error = scope.import("crate::error", "SdkError");
    let rt = scope.import("crate", "rt");
    let doc = format!(" A [`{}`](crate::Client::{method}) request: set its input, then [`send`]({fluent}::send) it.", names.model);
    let (input_ty, model) = (&input.name, &names.model);
    let mock_doc = format!(" The answers of the mocked [`{model}`](crate::Client::{method}), and the inputs it was given (feature `test-util`).");
    let build = if input.fallible { quote!(self.build().map_err(#sdk_error::Build)?) } else { quote!(self.build()) };
    quote! {
        #[doc = #doc]
        pub type #fluent = #input_builder<#client>;

        impl #fluent {
            /// Sends the request and waits for the response.
            ///
            /// Fails without sending anything when the input is invalid (such as a missing
            /// required member); otherwise with the service's error or a transport failure.
            pub async fn send(self) -> Result<#output_ty, #sdk_error<#error_ty>> {
                let handle = self.client.handle.clone();
                let input = #build;
                #rt::send::<#marker>(&handle, input).await
            }
        }

        #[cfg(feature = "test-util")]
        impl crate::test_util::Mock {
            #[doc = #mock_doc]
            pub fn #method(&self) -> crate::test_util::MockOperation<#input_ty, #output_ty, #error_ty> {
                crate::test_util::operation(self, #model)
            }
        }
    }
}

fn error_enum(ctx: &Ctx<'_>, id: &ShapeId, names: &OpNames, scope: &mut Scope) -> Result<TokenStream> {
    let name = &names.error;
    let mut variants = Vec::new();
    let mut types = Vec::new();
    let mut docs = Vec::new();
    for v in &ctx.plan(id)?.errors {
        let ty = ctx.type_ref(&v.id, scope)?;
        types.push(if v.boxed { quote!(Box<#ty>) } else { ty });
        docs.push(ctx.shape_doc(ctx.model.expect(&v.id, id)?));
        variants.push(ident(&v.variant));
    }
    let unhandled = scope.import("crate::error", "Unhandled");
    let meta = scope.import("crate::error", "ErrorMetadata");
    let provide = scope.import("crate::error", "ProvideErrorMetadata");
    let doc = format!(" Errors of [`{}`](crate::Client::{}).", names.model, names.method);
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #variants(#types),)*
            /// An error this operation does not declare, or a response without an error code.
            Unhandled(#unhandled),
        }

        impl #provide for #name {
            fn meta(&self) -> &#meta {
                match self {
                    #(#name::#variants(e) => e.meta(),)*
                    #name::Unhandled(e) => e.meta(),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#name::#variants(e) => e.fmt(f),)*
                    #name::Unhandled(e) => e.fmt(f),
                }
            }
        }

        impl std::error::Error for #name {}
    })
}

fn operation_impl(
    ctx: &Ctx<'_>,
    id: &ShapeId,
    names: &OpNames,
    input: &StructSpec<'_>,
    output: &StructSpec<'_>,
    scope: &mut Scope,
) -> Result<TokenStream> {
    let (marker, input_ty, output_ty, error_ty) = (&names.marker, &names.input, &names.output, &names.error);
    let model_name = &names.model;
    let http_response = scope.import("crate::rt", "HttpResponse");
    let http_request = scope.import("crate::rt", "HttpRequest");
    let build_error = scope.import("crate::error", "BuildError");
    let unhandled = scope.import("crate::error", "Unhandled");
    let rt_op = scope.import("crate::rt", "Operation");
    let plan = ctx.plan(id)?;
    let request_body = match plan.refusal {
        Some(refusal) => {
            let reason = refusal.reason();
            quote!(Err(#build_error::config(Self::NAME, #reason)))
        }
        None => ctx.protocol.request(ctx, id, input, scope)?,
    };
    let parse_output_body = ctx.protocol.parse_output(ctx, Some(id), output, scope)?;
    // A `@streaming` output member takes the body unread; a body already read (as the
    // fuzzing entry point has) goes through the same code.
    let parse_output_fns = if output.members.iter().any(|m| m.streaming) {
        let byte_stream = scope.import("crate::byte_stream", "ByteStream");
        // The configuration's message limit for an event stream.
        let limit_events = match output.members.iter().find(|m| m.events) {
            Some(stream) => {
                let (field, config) = (&stream.field, scope.import("crate::config", "Config"));
                quote! {
                    #[inline]
                    fn limit_events(output: &mut #output_ty, config: &#config) {
                        output.#field.limit_messages(config.max_event_message_size);
                    }
                }
            }
            None => quote!(),
        };
        let response_arg = if crate::plan::uses_ident(&parse_output_body, "response") { quote!(response) } else { quote!(_response) };
        // RPC protocols send the output's other members as a first `initial-response` event.
        let initial = if plan.event_output && ctx.protocol.initial_message_events() {
            quote!(
                const INITIAL_RESPONSE: bool = true;
            )
        } else {
            quote!()
        };
        quote! {
            const STREAMING_OUTPUT: bool = true;
            #initial

            #[inline]
            fn parse_output(response: &#http_response) -> Result<#output_ty, String> {
                Self::parse_streaming(response, #byte_stream::new(response.body.clone()))
            }

            #[inline]
            fn parse_streaming(#response_arg: &#http_response, body: #byte_stream) -> Result<#output_ty, String> {
                #parse_output_body
            }

            #limit_events
        }
    } else {
        quote! {
            #[inline]
            fn parse_output(response: &#http_response) -> Result<#output_ty, String> {
                #parse_output_body
            }
        }
    };
    let input_param = if crate::plan::uses_ident(&request_body, "input") { quote!(input) } else { quote!(_input) };
    let config_param = if crate::protocol::http::request_uses_config(ctx, id) && plan.sends() { quote!(config) } else { quote!(_config) };
    let config_ty = scope.import("crate::config", "Config");
    let context_members: Vec<(String, Ident, bool)> = input
        .members
        .iter()
        .filter_map(|m| {
            let name = m.member.traits.get(crate::rules::CONTEXT_PARAM)?.get("name")?.as_str()?.to_owned();
            Some((name, m.field.clone(), matches!(m.form, crate::plan::members::Form::Str)))
        })
        .collect();
    let shape = ctx.model.expect(id, id)?;
    let mut context = Vec::new();
    for p in &plan.context_params {
        let value =
            crate::plan::operation::context_param_code(ctx, scope, &plan.input, &p.param, &p.path).map_err(|e| crate::error::Error::shape(id, e))?;
        context.push((p.param.clone(), value));
    }
    // A refused operation sends nothing, so it binds no endpoint parameters.
    let params = if !plan.sends() { None } else { crate::rules::operation_params(&ctx.rules, shape, &context_members, &context)? };
    let endpoint_params = match params {
        Some(body) => {
            let config = scope.import("crate::config", "Config");
            scope.import("crate::endpoint", "Params");
            scope.import("crate::endpoint", "resolve");
            let (endpoint, resolve_error) = (scope.import("crate::endpoint", "Endpoint"), scope.import("crate::endpoint", "ResolveError"));
            let input_arg = if crate::plan::uses_ident(&body, "input") { quote!(input) } else { quote!(_input) };
            quote! {
                const OWN_ENDPOINT_PARAMS: bool = true;

                #[inline]
                fn resolve_endpoint(#input_arg: &#input_ty, config: &#config) -> Result<#endpoint, #resolve_error> {
                    #body
                }
            }
        }
        None => quote!(),
    };
    // The variant from the error code; the metadata it keeps from the protocol.
    let read_meta = ctx.protocol.error_metadata(scope);
    let kept = ctx.protocol.kept_error_metadata(quote!(meta), scope);
    let mut arms = Vec::new();
    for v in &plan.errors {
        let (variant, code) = (ident(&v.variant), ctx.protocol.error_code(ctx.model.expect(&v.id, id)?));
        let ty = ctx.type_ref(&v.id, scope)?;
        let parsed = quote!(#ty::parse(#kept, response));
        let value = if v.boxed { quote!(Box::new(#parsed)) } else { parsed };
        arms.push(quote!(Some(#code) => #error_ty::#variant(#value),));
    }
    let dispatch = if arms.is_empty() {
        quote!(#error_ty::Unhandled(#unhandled::new(#kept)))
    } else {
        quote! {
            match meta.code() {
                #(#arms)*
                _ => #error_ty::Unhandled(#unhandled::new(#kept)),
            }
        }
    };
    let mut retry_items = TokenStream::new();
    let errors: Vec<&ShapeId> = plan.errors.iter().map(|v| &v.id).collect();
    if !errors.is_empty() {
        retry_items.extend(quote! {
            #[inline]
            fn is_modeled(error: &#error_ty) -> bool {
                !matches!(error, #error_ty::Unhandled(_))
            }
        });
    }
    let mut retryable_arms = Vec::new();
    for e in &errors {
        if let Some(r) = ctx.model.expect(e, id)?.traits.retryable() {
            let variant = ident(&type_name(ctx.shape_name(e)));
            let kind = if r.throttling { quote!(Throttling) } else { quote!(Transient) };
            let retry_kind = scope.import("crate::rt::retry", "RetryKind");
            retryable_arms.push(quote!(#error_ty::#variant(_) => Some(#retry_kind::#kind),));
        }
    }
    if !retryable_arms.is_empty() {
        let retry_kind = scope.import("crate::rt::retry", "RetryKind");
        retry_items.extend(quote! {
            #[inline]
            fn retryable(error: &#error_ty) -> Option<#retry_kind> {
                match error {
                    #(#retryable_arms)*
                    _ => None,
                }
            }
        });
    }
    let mut sigv4 = if plan.auth.is_empty() {
        quote!()
    } else {
        let scheme = scope.import("crate::rt::auth", "Scheme");
        let schemes = plan.auth.iter().map(|s| match s {
            AuthScheme::SigV4 { name } => quote!(#scheme::SigV4(#name)),
            AuthScheme::Bearer => quote!(#scheme::Bearer),
            AuthScheme::Basic => quote!(#scheme::Basic),
            AuthScheme::ApiKey { name, in_query, scheme: prefix } => {
                let prefix = match prefix {
                    Some(p) => quote!(Some(#p)),
                    None => quote!(None),
                };
                quote!(#scheme::ApiKey { name: #name, in_query: #in_query, scheme: #prefix })
            }
        });
        quote!(const AUTH: &'static [#scheme] = &[#(#schemes),*];)
    };
    if plan.signing_name().is_some() && shape.traits.is_unsigned_payload() {
        sigv4.extend(quote!(
            const UNSIGNED_PAYLOAD: bool = true;
        ));
    }
    let fill_tokens = crate::protocol::http::fill_tokens_fn(ctx, id, input, scope);
    let read_event = if plan.event_output { event_reader(ctx, id, output, &quote!(#error_ty), scope)? } else { quote!() };
    let write_event = if plan.event_input { event_writer(ctx, id, input, scope)? } else { quote!() };
    Ok(quote! {
        #read_event
        #write_event

        /// How the operation maps to HTTP. Its methods are `#[inline]`: they are compiled
        /// (with the body codecs they instantiate) only in a program that sends the operation.
        pub(crate) struct #marker;

        impl #rt_op for #marker {
            const NAME: &'static str = #model_name;
            type Input = #input_ty;
            type Output = #output_ty;
            type Error = #error_ty;

            #sigv4
            #endpoint_params
            #retry_items
            #fill_tokens

            #[inline]
            fn request(#input_param: &#input_ty, #config_param: &#config_ty) -> Result<#http_request, #build_error> {
                #request_body
            }

            #parse_output_fns

            #[inline]
            fn parse_error(response: &#http_response) -> #error_ty {
                let meta = #read_meta;
                #dispatch
            }
        }
    })
}

/// `read_event`: what a message of the output's event stream holds. An event (`:event-type`,
/// a member of the union) is its structure, built from the message's headers
/// (`@eventHeader` members), its payload (the `@eventPayload` member) or, without one, the
/// payload read as the structure's body; an event this client does not know is the union's
/// `Unknown`. An exception (`:exception-type`, an error member of the union) is the
/// operation's error, read as an error response's body is.
fn event_reader(ctx: &Ctx<'_>, op: &ShapeId, output: &StructSpec<'_>, error_ty: &TokenStream, scope: &mut Scope) -> Result<TokenStream> {
    let stream = output.members.iter().find(|m| m.events).ok_or_else(|| crate::error::Error::shape(op, "no event stream member"))?;
    let union_id = &stream.member.target;
    let union_ty = ctx.type_ref(union_id, scope)?;
    let message_ty = scope.import("crate::rt::event_frame", "Message");
    let http_response = scope.import("crate::rt", "HttpResponse");
    let unhandled = scope.import("crate::error", "Unhandled");
    let codec = ctx.protocol.codec();
    let plan = ctx.plan(op)?;
    let mut event_arms = Vec::new();
    let mut error_arms = Vec::new();
    for m in crate::plan::members(ctx, union_id, false, scope)? {
        let name = m.member.name.as_str();
        let variant = ident(&crate::naming::variant_name(name));
        let target = ctx.model.expect(&m.member.target, &m.member.id)?;
        if target.traits.error().is_some() {
            let Some(v) = plan.errors.iter().find(|v| v.id == m.member.target) else { continue };
            let error_variant = ident(&v.variant);
            let ty = ctx.type_ref(&v.id, scope)?;
            let parsed = quote!(#ty::parse(meta, response));
            let value = if v.boxed { quote!(Box::new(#parsed)) } else { parsed };
            error_arms.push(quote!(#name => #error_ty::#error_variant(#value),));
            continue;
        }
        let ShapeKind::Structure(_) = &target.kind else {
            return Err(crate::error::Error::unsupported(&m.member.id, "an event that is not a structure"));
        };
        // Only its members' names and shapes are used here, not their types.
        let spec = StructSpec::new(ctx, &m.member.target, "_", Role::Data, &mut Scope::default())?;
        let event_ty = ctx.type_ref(&m.member.target, scope)?;
        let payload = spec.members.iter().find(|e| e.member.traits.is_event_payload());
        let headers: Vec<_> = spec.members.iter().filter(|e| e.member.traits.is_event_header()).collect();
        let object = codec.object_trait(scope);
        let mut statements = Vec::new();
        // The structure: from the payload, or empty (with its defaults) when the payload
        // is a member or there is none.
        let body_members = spec.members.iter().any(|e| !e.member.traits.is_event_header() && !e.member.traits.is_event_payload());
        let read_document = |scope: &mut Scope| {
            codec
                .read_document(scope)
                .ok_or_else(|| crate::error::Error::unsupported(&m.member.id, format!("event payloads in {}", ctx.protocol.id())))
        };
        // Mutable when members are set after.
        let binding = if payload.is_some() || !headers.is_empty() { quote!(let mut event) } else { quote!(let event) };
        if payload.is_none() && body_members {
            let read = read_document(scope)?;
            statements.push(quote!(#binding: #event_ty = #read(&message.payload)?;));
        } else {
            statements.push(quote!(#binding = #object::finish(#event_ty::builder());));
        }
        if let Some(p) = payload {
            let field = &p.field;
            let p_target = ctx.model.expect(&p.member.target, &p.member.id)?;
            let value = match &p_target.kind {
                ShapeKind::Simple(Simple::Blob) => {
                    let blob = scope.import("crate::primitives", "Blob");
                    quote!(#blob::new(message.payload.to_vec()))
                }
                ShapeKind::Simple(Simple::String) => {
                    quote!(String::from_utf8(message.payload.to_vec()).map_err(|_| String::from("an event payload that is not UTF-8"))?)
                }
                ShapeKind::Structure(_) | ShapeKind::Union(_) => {
                    let read = read_document(scope)?;
                    quote!(#read(&message.payload)?)
                }
                other => return Err(crate::error::Error::unsupported(&p.member.id, format!("a {} event payload", other.type_name()))),
            };
            let value = if p.boxed { quote!(Box::new(#value)) } else { value };
            statements.push(if p.optional { quote!(event.#field = Some(#value);) } else { quote!(event.#field = #value;) });
        }
        for h in headers {
            let (field, wire) = (&h.field, h.member.name.as_str());
            let header = scope.function("crate::event_stream", "header");
            let h_target = ctx.model.expect(&h.member.target, &h.member.id)?;
            let read = match &h_target.kind {
                ShapeKind::Enum(_) => {
                    let ty = ctx.type_ref(&h.member.target, scope)?;
                    quote!(#header::<String>(message, #wire)?.map(|v| #ty::from(v.as_str())))
                }
                _ => {
                    let ty = ctx.value_type(&h.member.target, scope)?;
                    quote!(#header::<#ty>(message, #wire)?)
                }
            };
            statements.push(if h.optional {
                quote!(if let Some(v) = #read { event.#field = Some(v); })
            } else {
                quote!(if let Some(v) = #read { event.#field = v; })
            });
        }
        let value = if m.boxed { quote!(Box::new(event)) } else { quote!(event) };
        event_arms.push(quote!(#name => { #(#statements)* #union_ty::#variant(#value) }));
    }
    let read_meta = ctx.protocol.error_metadata(scope);
    let exception = if error_arms.is_empty() {
        quote!(#error_ty::Unhandled(#unhandled::new(meta)))
    } else {
        quote! {
            match code {
                #(#error_arms)*
                _ => #error_ty::Unhandled(#unhandled::new(meta)),
            }
        }
    };
    Ok(quote! {
        /// The event or modeled exception a message of the output's event stream holds.
        fn read_event(message: &#message_ty) -> Result<Result<#union_ty, #error_ty>, String> {
            let response = &#http_response { status: 200, headers: Default::default(), body: message.payload.clone() };
            if message.string_header(":message-type") == Some("exception") {
                let code = message.string_header(":exception-type").ok_or_else(|| String::from("an exception without a string `:exception-type`"))?;
                let mut meta = #read_meta;
                meta.code = Some(code.to_owned());
                return Ok(Err(#exception));
            }
            let name = message.string_header(":event-type").ok_or_else(|| String::from("an event without a string `:event-type`"))?;
            Ok(Ok(match name {
                #(#event_arms)*
                _ => #union_ty::Unknown,
            }))
        }
    })
}

/// `write_event`: the message that carries an event of the input's event stream. An event
/// (a structure member of the union) is `:message-type: event` with its member name as
/// `:event-type`, its `@eventHeader` members as typed headers, and as payload its
/// `@eventPayload` member (a blob, a string, or a structure or union as a document) or,
/// without one, its other members as a document. An error member is sent as an
/// `exception`, its structure the payload. `Unknown` cannot be sent.
fn event_writer(ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
    let stream = input.members.iter().find(|m| m.events).ok_or_else(|| crate::error::Error::shape(op, "no event stream member"))?;
    let union_id = &stream.member.target;
    let union_ty = ctx.type_ref(union_id, scope)?;
    let message_ty = scope.import("crate::rt::event_frame", "Message");
    let header_value = scope.import("crate::rt::event_frame", "HeaderValue");
    let codec = ctx.protocol.codec();
    let write_document = |id: &ShapeId, value: TokenStream, scope: &mut Scope| {
        codec
            .write_document(ctx, id, None, value, scope)
            .map(|write| quote!(#write.map_err(|e| e.to_string())?))
            .ok_or_else(|| crate::error::Error::unsupported(id, format!("event payloads in {}", ctx.protocol.id())))
    };
    let text = |name: &str, value: &str| quote!((String::from(#name), #header_value::String(String::from(#value))));
    let document_type = codec.media_type();
    let mut arms = Vec::new();
    for m in crate::plan::members(ctx, union_id, false, &mut Scope::default())? {
        let name = m.member.name.as_str();
        let variant = ident(&crate::naming::variant_name(name));
        let target = ctx.model.expect(&m.member.target, &m.member.id)?;
        if target.traits.error().is_some() {
            let (kind, exception, content) =
                (text(":message-type", "exception"), text(":exception-type", name), text(":content-type", document_type));
            let value = if m.boxed { quote!(&**event) } else { quote!(event) };
            let payload = write_document(&m.member.target, value, scope)?;
            arms.push(quote! {
                #union_ty::#variant(event) => {
                    headers.extend([#kind, #exception, #content]);
                    #payload
                }
            });
            continue;
        }
        let ShapeKind::Structure(_) = &target.kind else {
            return Err(crate::error::Error::unsupported(&m.member.id, "an event that is not a structure"));
        };
        let spec = StructSpec::new(ctx, &m.member.target, "_", Role::Data, &mut Scope::default())?;
        let payload = spec.members.iter().find(|e| e.member.traits.is_event_payload());
        let body_members = spec.members.iter().any(|e| !e.member.traits.is_event_header() && !e.member.traits.is_event_payload());
        let (kind, event_type) = (text(":message-type", "event"), text(":event-type", name));
        let mut statements = vec![quote!(headers.extend([#kind, #event_type]);)];
        // The payload and its content type.
        let (content, bytes) = match payload {
            Some(p) => {
                let field = &p.field;
                let p_target = ctx.model.expect(&p.member.target, &p.member.id)?;
                let media = p_target.traits.media_type().map(str::to_owned);
                let get = if p.optional { quote!(event.#field.as_ref()) } else { quote!(Some(&event.#field)) };
                let (media, write) = match &p_target.kind {
                    ShapeKind::Simple(Simple::Blob) => (media.unwrap_or_else(|| "application/octet-stream".to_owned()), quote!(v.as_ref().to_vec())),
                    ShapeKind::Simple(Simple::String) => (media.unwrap_or_else(|| "text/plain".to_owned()), quote!(v.as_bytes().to_vec())),
                    ShapeKind::Structure(_) | ShapeKind::Union(_) => {
                        let deref = if p.boxed { quote!(&**v) } else { quote!(v) };
                        (document_type.to_owned(), write_document(&p.member.target, deref, scope)?)
                    }
                    other => return Err(crate::error::Error::unsupported(&p.member.id, format!("a {} event payload", other.type_name()))),
                };
                (Some(media), quote!(match #get { Some(v) => #write, None => Vec::new() }))
            }
            None if body_members => {
                let value = if m.boxed { quote!(&**event) } else { quote!(event) };
                (Some(document_type.to_owned()), write_document(&m.member.target, value, scope)?)
            }
            None => (None, quote!(Vec::new())),
        };
        if let Some(media) = content {
            let content = text(":content-type", &media);
            statements.push(quote!(headers.push(#content);));
        }
        for h in spec.members.iter().filter(|e| e.member.traits.is_event_header()) {
            let (field, wire) = (&h.field, h.member.name.as_str());
            let push = scope.function("crate::event_stream", "push_header");
            let h_target = ctx.model.expect(&h.member.target, &h.member.id)?;
            let value = match (&h_target.kind, h.optional) {
                (ShapeKind::Enum(_) | ShapeKind::Simple(Simple::String), true) => quote!(v.as_str()),
                (ShapeKind::Enum(_), false) => quote!(event.#field.as_str()),
                (ShapeKind::Simple(Simple::String), false) => quote!(event.#field.as_str()),
                (_, true) => quote!(v),
                (_, false) => quote!(&event.#field),
            };
            statements.push(if h.optional {
                quote!(if let Some(v) = &event.#field { #push(&mut headers, #wire, #value); })
            } else {
                quote!(#push(&mut headers, #wire, #value);)
            });
        }
        arms.push(quote! {
            #union_ty::#variant(event) => {
                #(#statements)*
                #bytes
            }
        });
    }
    Ok(quote! {
        /// The message that carries an event of the input's event stream.
        fn write_event(event: &#union_ty) -> Result<#message_ty, String> {
            let mut headers = Vec::new();
            let payload = match event {
                #(#arms)*
                #union_ty::Unknown => return Err(String::from("the `Unknown` event cannot be sent")),
            };
            Ok(#message_ty { headers, payload: payload.into() })
        }
    })
}
