//! Paginators for `@paginated` operations (the trait on the operation, filled in from the
//! service's): `into_paginator()` on the fluent builder, and an `{Op}Paginator` whose
//! `send()` gives the runtime's `Pages` and whose `items()` gives its `Items`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{ShapeId, ShapeKind, Simple};
use crate::plan::{Binding, Ctx, MemberInfo, OpNames, ReplyTo, Scope, StructSpec, ValueWriter, members};

/// Whether any operation of the service is paginated.
pub fn any(ctx: &Ctx<'_>) -> bool {
    ctx.plans().iter().any(|p| p.pagination.is_some())
}

/// A member of `container` by its model name.
fn find<'a, 'm>(infos: &'a [MemberInfo<'m>], name: &str, op: &ShapeId, what: &str) -> Result<&'a MemberInfo<'m>> {
    infos.iter().find(|m| m.member.name == name).ok_or_else(|| Error::shape(op, format!("@paginated {what} `{name}` names no member")))
}

/// Where a path of output members ends: the closure body reading it from `page`
/// (borrowed for tokens, moved for items), and the member at the end.
struct PathEnd<'m> {
    expr: TokenStream,
    /// Whether `expr` is an `Option` (an optional member on the way or at the end).
    option: bool,
    last: MemberInfo<'m>,
}

fn walk_path<'m>(ctx: &Ctx<'m>, op: &ShapeId, output: &ShapeId, path: &str, by_ref: bool, what: &str) -> Result<PathEnd<'m>> {
    let mut container = output.clone();
    let mut expr = quote!(page);
    let mut option = false;
    let segments: Vec<&str> = path.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        // Only field names and shapes are needed: the imports `members` adds stay out of
        // the file's scope.
        let mut infos = members(ctx, &container, false, &mut Scope::default())?;
        let index = infos
            .iter()
            .position(|m| m.member.name == *segment)
            .ok_or_else(|| Error::shape(op, format!("@paginated {what} `{path}`: `{segment}` names no member")))?;
        let m = &infos[index];
        let field = &m.field;
        let is_last = i + 1 == segments.len();
        // Borrowed: `as_ref` on optional members; moved: the fields themselves.
        let step = if m.optional && by_ref { quote!(#field.as_ref()) } else { quote!(#field) };
        expr = match (option, m.optional) {
            (false, _) => quote!(#expr.#step),
            (true, true) => quote!(#expr.and_then(|v| v.#step)),
            (true, false) if by_ref => quote!(#expr.map(|v| &v.#step)),
            (true, false) => quote!(#expr.map(|v| v.#step)),
        };
        option |= m.optional;
        if is_last {
            return Ok(PathEnd { expr, option, last: infos.swap_remove(index) });
        }
        container = m.member.target.clone();
        if !matches!(ctx.model.expect(&container, &m.member.id)?.kind, ShapeKind::Structure(_)) {
            return Err(Error::shape(op, format!("@paginated {what} `{path}` goes through `{segment}`, which is not a structure")));
        }
    }
    Err(Error::shape(op, format!("@paginated {what} is empty")))
}

/// `into_paginator()` and the `{Op}Paginator` type, or nothing for an operation without
/// `@paginated`.
pub fn paginator(
    ctx: &Ctx<'_>,
    op: &ShapeId,
    names: &OpNames,
    input: &StructSpec<'_>,
    output: &StructSpec<'_>,
    scope: &mut Scope,
) -> Result<TokenStream> {
    let plan = ctx.plan(op)?;
    let Some(p) = &plan.pagination else { return Ok(quote!()) };
    let (fluent, method, marker, error_ty) = (&names.fluent, &names.method, &names.marker, &names.error);
    let output_ty = &output.name;
    let paginator = &names.paginator;
    let pages = scope.import("crate::pagination", "Pages");
    let sdk_error = scope.import("crate::error", "SdkError");
    let rt = scope.import("crate", "rt");

    let token_in = find(&input.members, &p.input_token, op, "inputToken")?;
    if !is_token(ctx, &token_in.member.target) {
        return Err(Error::unsupported(op, "a @paginated inputToken that is neither a string nor a map"));
    }
    let token_field = &token_in.field;
    let token_out = walk_path(ctx, op, &plan.output, &p.output_token, true, "outputToken")?;
    if token_out.last.member.target != token_in.member.target
        && !(is_string(ctx, &token_in.member.target) && is_string(ctx, &token_out.last.member.target))
    {
        return Err(Error::shape(op, "@paginated inputToken and outputToken are not of the same shape"));
    }
    let token_expr = if token_out.option {
        token_out.expr
    } else {
        let e = token_out.expr;
        quote!(Some(&#e))
    };
    // `Pages<Output, Error>` for text tokens, `Pages<Output, Error, Token>` for others.
    let token_param = if is_string(ctx, &token_in.member.target) {
        quote!()
    } else {
        let ty = &token_in.ty;
        quote!(, #ty)
    };

    let input_value = if input.fallible {
        quote! {
            let input = match self.request.build() {
                Ok(input) => input,
                Err(e) => return #pages::failed(#sdk_error::Build(e)),
            };
        }
    } else {
        quote!(let input = self.request.build();)
    };
    let page_size = match &p.page_size {
        Some(name) => {
            let m = find(&input.members, name, op, "pageSize")?;
            let (setter, ty) = (&m.setter, &m.ty);
            let doc = format!(" Asks for at most `size` results per page (the `{name}` member); the service may return fewer.");
            quote! {
                #[doc = #doc]
                pub fn page_size(self, size: #ty) -> Self {
                    #paginator { request: self.request.#setter(size) }
                }
            }
        }
        None => quote!(),
    };
    let items = match &p.items {
        Some(path) => items_fn(ctx, op, &plan.output, path, (output_ty, error_ty, &token_param), scope)?,
        None => quote!(),
    };
    let doc = format!(
        " The pages of [`{}`](crate::Client::{method}): [`send`]({paginator}::send) for whole pages{}. Made by [`{fluent}::into_paginator`].",
        names.model,
        if p.items.is_some() { format!(", [`items`]({paginator}::items) for their items") } else { String::new() },
    );
    // `send` and `items` are inline so that, as for a single call, an operation's request
    // and response code is compiled into the program that pages through it, not into the
    // client crate for every paginated operation.
    let into_doc = format!(" Pages through the results, a request per page, passing each page's `{}` on as `{}`.", p.output_token, p.input_token);
    Ok(quote! {
        impl #fluent {
            #[doc = #into_doc]
            pub fn into_paginator(self) -> #paginator {
                #paginator { request: self }
            }
        }

        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #paginator {
            request: #fluent,
        }

        impl #paginator {
            #page_size

            /// The pages, fetched one request at a time as [`Pages::next`](crate::pagination::Pages::next) is awaited.
            #[inline]
            pub fn send(self) -> #pages<#output_ty, #error_ty #token_param> {
                let handle = self.request.client.handle.clone();
                #input_value
                #pages::new(
                    Box::new(move |token| {
                        let mut input = input.clone();
                        if token.is_some() {
                            input.#token_field = token;
                        }
                        let handle = handle.clone();
                        Box::pin(async move { #rt::invoke::<#marker>(&handle, input).await })
                    }),
                    |page| #token_expr,
                )
            }

            #items
        }
    })
}

fn items_fn(
    ctx: &Ctx<'_>,
    op: &ShapeId,
    output: &ShapeId,
    path: &str,
    (output_ty, error_ty, token_param): (&Ident, &Ident, &TokenStream),
    scope: &mut Scope,
) -> Result<TokenStream> {
    let end = walk_path(ctx, op, output, path, false, "items")?;
    let target = ctx.model.expect(&end.last.member.target, &end.last.member.id)?;
    let (item_ty, collect) = match &target.kind {
        ShapeKind::List(member) => {
            let item = ctx.value_type(&member.target, scope)?;
            (if target.traits.is_sparse() { quote!(Option<#item>) } else { item }, quote!())
        }
        ShapeKind::Map { value, .. } => {
            let v = ctx.value_type(&value.target, scope)?;
            let v = if target.traits.is_sparse() { quote!(Option<#v>) } else { v };
            (quote!((String, #v)), quote!(.into_iter().collect()))
        }
        other => return Err(Error::shape(op, format!("@paginated items `{path}` is a {}, not a list or map", other.type_name()))),
    };
    let expr = end.expr;
    let value = if end.option { quote!(#expr.unwrap_or_default() #collect) } else { quote!(#expr #collect) };
    let items = scope.import("crate::pagination", "Items");
    let doc = format!(" The items of every page (`{path}`), one at a time, fetching pages as needed.");
    Ok(quote! {
        #[doc = #doc]
        #[inline]
        pub fn items(self) -> #items<#output_ty, #error_ty, #item_ty #token_param> {
            self.send().items(|page| #value)
        }
    })
}

fn is_string(ctx: &Ctx<'_>, id: &ShapeId) -> bool {
    matches!(ctx.model.get(id).map(|s| &s.kind), Some(ShapeKind::Simple(Simple::String)))
}

/// Whether a shape can be a continuation token: a string, or a map (the runtime's `Token`).
fn is_token(ctx: &Ctx<'_>, id: &ShapeId) -> bool {
    is_string(ctx, id) || matches!(ctx.model.get(id), Some(s) if matches!(s.kind, ShapeKind::Map { .. }) && !s.traits.is_sparse())
}

/// Sets `value` at a dotted path of member names in example-form values.
fn set_path(values: &mut Map<String, Value>, path: &str, value: Value) {
    let mut segments: Vec<&str> = path.split('.').collect();
    let Some(last) = segments.pop() else { return };
    let mut at = values;
    for segment in segments {
        let next = at.entry(segment.to_owned()).or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        let Value::Object(map) = next else { return };
        at = map;
    }
    at.insert(last.to_owned(), value);
}

/// One item of the items member, in example form (`None` when none can be made up).
fn example_items(ctx: &Ctx<'_>, op: &ShapeId, output: &ShapeId, path: &str) -> Result<Option<Value>> {
    let end = walk_path(ctx, op, output, path, false, "items")?;
    let target = ctx.model.expect(&end.last.member.target, &end.last.member.id)?;
    Ok(match &target.kind {
        ShapeKind::List(member) => super::test_values::placeholder(ctx, &member.target, 0)?.map(|v| Value::Array(vec![v])),
        ShapeKind::Map { value, .. } => {
            super::test_values::placeholder(ctx, &value.target, 0)?.map(|v| Value::Object(Map::from_iter([("key".to_owned(), v)])))
        }
        _ => None,
    })
}

/// `mod pagination` of the generated model tests: for every paginated operation whose
/// token travels in the JSON body, two pages served over loopback, read as pages and as
/// items; the token of the first page sent with the second request; the end at a
/// repeated token; and an error ending the items.
pub fn paginator_tests(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let lib = crate::naming::ident(&ctx.lib);
    let mut tests = Vec::new();
    for plan in ctx.plans() {
        let Some(p) = &plan.pagination else { continue };
        let (op, body) = (&plan.id, plan);
        let first = p.output_token.split('.').next().unwrap_or_default();
        let in_body = ctx.model.structure_members(&body.output)?.get(first).is_some_and(|m| ctx.binding(m) == Binding::Body);
        if !in_body {
            continue;
        }
        let names = plan.names();
        let method = &names.method;
        let mut last_page = Map::new();
        if let Some(items) = &p.items {
            let Some(item) = example_items(ctx, op, &body.output, items)? else { continue };
            set_path(&mut last_page, items, item);
        }
        // A text token, or a map token with one entry: `page-2` marks it on the wire.
        let input_token = ctx.model.structure_members(&body.input)?.get(&p.input_token).map(|m| m.target.clone());
        let token = match input_token.and_then(|t| ctx.model.get(&t)).map(|s| &s.kind) {
            Some(ShapeKind::Map { value, .. }) => match super::test_values::placeholder(ctx, &value.target, 0)? {
                Some(v) => Value::Object(Map::from_iter([("page-2".to_owned(), v)])),
                None => continue,
            },
            _ => Value::String("page-2".into()),
        };
        let mut first_page = last_page.clone();
        set_path(&mut first_page, &p.output_token, token);
        let wire = |values: &Map<String, Value>| -> Result<String> {
            Ok(Value::Object(super::test_values::split_example(ctx, &body.output, values, super::examples::Direction::Received)?.body).to_string())
        };
        let to = ReplyTo::Output { op, output: &body.output };
        let reply = |page: &Map<String, Value>| -> Result<TokenStream> { Ok(super::test_values::json_reply(ctx, 200, &wire(page)?, to)) };
        let (page_1, page_2) = (reply(&first_page)?, reply(&last_page)?);
        let failure =
            super::test_values::json_reply(ctx, 400, r#"{"message":"no"}"#, ReplyTo::Error { name: "SomethingWrongException", shape: None });
        let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
        let required = super::test_values::required_values(ctx, &body.input, 0)?;
        let calls = writer.setter_calls(&body.input, true, &required)?;
        let page_size = if p.page_size.is_some() { quote!(.page_size(37)) } else { quote!() };
        let size_check =
            if p.page_size.is_some() { quote!(assert!(sent(&requests[2], "37"), "the page size is sent: {:?}", requests[2].uri);) } else { quote!() };
        let items_checks = if p.items.is_some() {
            quote! {
                // Items: one per page, then a service error ends them.
                let server = Server::start(vec![
                    #page_1,
                    #failure,
                ]).await;
                let mut items = server.client().#method() #calls .into_paginator().items();
                assert!(matches!(items.next().await, Some(Ok(_))));
                let error = items.next().await.expect("the error").expect_err("an error");
                assert_eq!(error.as_service_error().and_then(#lib::error::ProvideErrorMetadata::code), Some("SomethingWrongException"));
                assert!(items.next().await.is_none(), "nothing after an error");
                assert_eq!(server.requests().len(), 2);

                let server = Server::start(vec![#page_1, #page_2]).await;
                let items = server.client().#method() #calls .into_paginator().items().try_collect().await.expect("both pages");
                assert_eq!(items.len(), 2);
            }
        } else {
            quote!()
        };
        let name = crate::naming::ident(&crate::naming::test_fn_name(ctx.shape_name(op)));
        let doc = format!(" `{}`: two pages, the token passed on, the end at a repeated token.", names.model);
        // A signed operation is sent only with the `sigv4` feature (without it, it is refused).
        tests.push((
            ctx.op_signs(op),
            doc,
            quote! {
                #[tokio::test]
                async fn #name() {
                    // In the URI, or in the body (a CBOR one as its JSON form).
                    let sent = |request: &common::Recorded, text: &str| request.uri.contains(text) || request.text().contains(text);
                    let server = Server::start(vec![
                        #page_1,
                        #page_2,
                        #page_1,
                        #page_2,
                    ]).await;
                    let paginator = server.client().#method() #calls .into_paginator();
                    // Pages can be fetched on another task.
                    let pages = tokio::spawn(paginator.clone().send().try_collect()).await.expect("the task").expect("both pages");
                    assert_eq!(pages.len(), 2);
                    let mut pages = paginator #page_size .send();
                    assert!(pages.next().await.expect("page 1").is_ok());
                    assert!(pages.next().await.expect("page 2").is_ok());
                    assert!(pages.next().await.is_none());
                    let requests = server.requests();
                    assert_eq!(requests.len(), 4);
                    for (i, request) in requests.iter().enumerate() {
                        assert_eq!(sent(request, "page-2"), i % 2 == 1, "request {i}: {} {:?}", request.uri, request.body);
                    }
                    #size_check

                    // A page whose token is the one just sent ends the pages.
                    let server = Server::start(vec![#page_1]).await;
                    let pages = server.client().#method() #calls .into_paginator().send().try_collect().await.expect("two pages");
                    assert_eq!(pages.len(), 2);
                    assert_eq!(server.requests().len(), 2);

                    #items_checks
                }
            },
        ));
    }
    if tests.is_empty() {
        return Ok(quote!());
    }
    let (module_gate, tests) = super::tests::gate_signed(tests);
    Ok(quote! {
        /// Paginators against a loopback server.
        #module_gate
        mod pagination {
            use super::common::{self, Reply, Server};

            #(#tests)*
        }
    })
}
