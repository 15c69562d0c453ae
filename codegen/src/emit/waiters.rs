//! Waiters (`smithy.waiters#waitable`): for each, `Client::wait_until_<name>()` returns the
//! operation's input builder bound to the waiter, whose `wait(max_wait)` polls the operation
//! (the runtime's `waiters::wait`) and checks the acceptors, compiled from their JMESPath
//! paths into Rust. Which waiters an operation gets is planned (`plan::waiter`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::Result;
use crate::model::ShapeId;
use crate::model::traits::{AcceptorState, Matcher};
use crate::naming::ident;
use crate::plan::waiter::acceptor_conditions;
use crate::plan::{Ctx, OpNames, ReplyTo, Scope, StructSpec};

/// Whether the crate gets any waiter.
pub fn any(ctx: &Ctx<'_>) -> bool {
    ctx.plans().iter().any(|p| !p.waiters.is_empty())
}

/// The names the waiters of `op` add to its module.
pub fn local_names(ctx: &Ctx<'_>, op: &ShapeId) -> Vec<String> {
    ctx.plan(op).map(|p| p.waiters.iter().flat_map(|w| [w.names.waiter.clone(), w.names.holder.clone()]).collect()).unwrap_or_default()
}

/// The client methods, types and `wait` of the waiters of `op`.
pub fn emit(ctx: &Ctx<'_>, op: &ShapeId, names: &OpNames, input: &StructSpec<'_>, output: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
    let waiters = &ctx.plan(op)?.waiters;
    if waiters.is_empty() {
        return Ok(quote!());
    }
    let client = scope.import("crate", "Client");
    let (sdk_error, rt) = (scope.import("crate::error", "SdkError"), scope.import("crate", "rt"));
    let (final_poll, wait_error) = (scope.import("crate::waiters", "FinalPoll"), scope.import("crate::waiters", "WaitError"));
    let (wait_options, module) = (scope.import("crate::waiters", "WaitOptions"), scope.import("crate", "waiters"));
    let (input_ty, output_ty, error_ty, marker) = (&input.name, &output.name, &names.error, &names.marker);
    let builder = &input.builder;
    let build = if input.fallible {
        quote! {
            match self.build() {
                Ok(input) => input,
                Err(e) => return Err(#wait_error::Operation { error: #sdk_error::Build(e), attempts: 0 }),
            }
        }
    } else {
        quote!(self.build())
    };
    let mut items = Vec::new();
    for w in waiters {
        let (method, waiter, holder) = (ident(&w.names.method), ident(&w.names.waiter), ident(&w.names.holder));
        let accept = acceptor_conditions(ctx, op, &w.waiter, scope).map_err(|e| crate::error::Error::shape(op, e))?;
        let what = ctx.markdown(w.waiter.documentation.as_deref());
        let what = if what.trim().is_empty() { format!("Waits for the `{}` state.", w.name) } else { what };
        let method_doc = crate::plan::doc_lines(&format!(
            "{what}\n\nThe waiter `{}` of [`{}`](Client::{}): set the operation's input, then [`wait`]({}::wait).",
            w.name, names.model, names.method, w.names.waiter
        ));
        let deprecated = if w.waiter.deprecated { quote!(#[deprecated = "the model deprecates this waiter"]) } else { quote!() };
        let waiter_doc = format!(
            " The [`{}`](Client::{}) waiter: the input of `{}`, then [`wait`]({}::wait).",
            w.name, w.names.method, names.model, w.names.waiter
        );
        let holder_doc = format!(" What a [`{}`] holds: the client it polls with.", w.names.waiter);
        let wait_doc = format!(
            " Polls `{}` until the resource is in the `{}` state, for at most `options` (a \
             `Duration`, or [`WaitOptions`] to change the delays: between {} s and {} s by the model).",
            names.model, w.name, w.waiter.min_delay, w.waiter.max_delay
        );
        let (min, max) = (proc_macro2::Literal::u64_unsuffixed(w.waiter.min_delay), proc_macro2::Literal::u64_unsuffixed(w.waiter.max_delay));
        items.push(quote! {
            impl #client {
                #method_doc
                #deprecated
                pub fn #method(&self) -> #waiter {
                    #builder { input: #input_ty::default(), client: #holder { client: self.clone() } }
                }
            }

            #[doc = #waiter_doc]
            pub type #waiter = #builder<#holder>;

            #[doc = #holder_doc]
            #[derive(Clone, Debug)]
            pub struct #holder {
                client: #client,
            }

            impl #waiter {
                #[doc = #wait_doc]
                ///
                /// Ends with the last response when an acceptor of the model says success (which
                /// may be an error, such as "not found" when waiting for a deletion); fails when
                /// one says the state cannot be reached, when the operation fails in a way no
                /// acceptor expects, or when the time runs out.
                pub async fn wait(
                    self,
                    options: impl Into<#wait_options>,
                ) -> Result<#final_poll<#output_ty, #error_ty>, #wait_error<#output_ty, #error_ty>> {
                    let handle = self.client.client.handle.clone();
                    let input = #build;
                    let delays = #module::Delays { min: std::time::Duration::from_secs(#min), max: std::time::Duration::from_secs(#max) };
                    let accept = |result: &Result<#output_ty, #sdk_error<#error_ty>>| #accept;
                    #module::wait(options.into(), delays, || #rt::send::<#marker>(&handle, input.clone()), accept).await
                }
            }
        });
    }
    Ok(quote!(#(#items)*))
}

/// What a test server answers so that an acceptor matches: an output with its path set
/// (a simple path of structure members), or an error response.
fn trigger(ctx: &Ctx<'_>, op: &ShapeId, acceptor: &crate::model::traits::Acceptor) -> Result<Option<Trigger>> {
    let body = ctx.model.operation(op)?;
    Ok(match &acceptor.matcher {
        Matcher::Output(m) if m.comparator == "stringEquals" => {
            simple_path(ctx, &body.output, &m.path)?.map(|path| Trigger::Output(path, m.expected.clone()))
        }
        Matcher::ErrorType(name) => {
            let name = name.rsplit('#').next().unwrap_or(name).to_owned();
            let modeled = ctx.plan(op)?.errors.iter().find(|e| e.id.name() == name).and_then(|e| ctx.model.get(&e.id));
            let status = modeled.and_then(|s| s.traits.http_error()).unwrap_or(400);
            let shape = modeled.map(|s| s.id.clone());
            let name = modeled.map_or(name, |s| ctx.protocol.error_code(s));
            // The client retries 5xx and throttling answers itself: a poll would be several requests.
            (status < 500 && status != 429).then_some(Trigger::Error(shape, name, status))
        }
        _ => None,
    })
}

enum Trigger {
    /// Member names from the output down to a string or enum, and its value.
    Output(Vec<String>, String),
    /// An error's shape (when the model declares it), name and status.
    Error(Option<ShapeId>, String, u16),
}

/// `a.b.c` as member names, when each is a structure member and the last a string or enum.
fn simple_path(ctx: &Ctx<'_>, output: &ShapeId, path: &str) -> Result<Option<Vec<String>>> {
    use crate::model::{ShapeKind, Simple};
    let mut container = output.clone();
    let segments: Vec<&str> = path.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        let Some(m) = ctx.model.structure_members(&container)?.get(*segment).cloned() else { return Ok(None) };
        let target = ctx.model.expect(&m.target, &m.id)?;
        let last = i + 1 == segments.len();
        match (&target.kind, last) {
            (ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_), true) => {}
            (ShapeKind::Structure(_), false) => container = m.target.clone(),
            _ => return Ok(None),
        }
    }
    Ok(Some(segments.iter().map(|s| s.to_string()).collect()))
}

/// Output values (by member name) with `path` set to `value`.
fn with_path(mut values: serde_json::Map<String, serde_json::Value>, path: &[String], value: &str) -> serde_json::Map<String, serde_json::Value> {
    let Some((first, rest)) = path.split_first() else { return values };
    let entry = if rest.is_empty() {
        serde_json::Value::String(value.to_owned())
    } else {
        let inner = match values.remove(first) {
            Some(serde_json::Value::Object(o)) => o,
            _ => serde_json::Map::new(),
        };
        serde_json::Value::Object(with_path(inner, rest, value))
    };
    values.insert(first.clone(), entry);
    values
}

/// The generated tests of the waiters whose acceptors a test server can drive (string
/// paths and error types): each succeeds after polls (the delays asserted on tokio's paused
/// clock), stops on a failure acceptor or on an error no acceptor expects, and gives up
/// when the caller's time runs out, with the last poll exactly then.
pub fn tests(ctx: &Ctx<'_>) -> Result<TokenStream> {
    use super::test_values::{json_reply, required_values, served_reply};
    let lib = ident(&ctx.lib);
    let mut tests = Vec::new();
    for op in &ctx.operations {
        let body = ctx.model.operation(op)?;
        // A signed operation is sent only with the `sigv4` feature (without it, it is refused).
        let signs = ctx.op_signs(op);
        let calls = crate::plan::ValueWriter::new(ctx, quote!(.expect("a valid value"))).setter_calls(
            &body.input,
            true,
            &required_values(ctx, &body.input, 0)?,
        )?;
        for w in &ctx.plan(op)?.waiters {
            let triggers: Vec<Option<Trigger>> = w.waiter.acceptors.iter().map(|a| trigger(ctx, op, a)).collect::<Result<_>>()?;
            if triggers.iter().any(Option::is_none) {
                continue;
            }
            let acceptors: Vec<(AcceptorState, Trigger)> = w.waiter.acceptors.iter().map(|a| a.state).zip(triggers.into_iter().flatten()).collect();
            let reply = |t: &Trigger, pending: &serde_json::Map<String, serde_json::Value>| -> Result<TokenStream> {
                Ok(match t {
                    Trigger::Output(path, value) => served_reply(ctx, op, &body.output, &with_path(pending.clone(), path, value))?.0,
                    Trigger::Error(shape, name, status) => json_reply(ctx, *status, "{}", ReplyTo::Error { name, shape: shape.as_ref() }),
                })
            };
            // Not yet: every path the acceptors read holds a value none of them expects.
            let mut pending = required_values(ctx, &body.output, 0)?;
            for (_, t) in &acceptors {
                if let Trigger::Output(path, _) = t {
                    pending = with_path(pending, path, "TEST_PENDING");
                }
            }
            let Some((_, success)) = acceptors.iter().find(|(s, _)| *s == AcceptorState::Success) else { continue };
            let (success, wait_pending) = (reply(success, &pending)?, served_reply(ctx, op, &body.output, &pending)?.0);
            let method = ident(&w.names.method);
            let base = crate::naming::test_fn_name(&w.name);
            let (min, max) = (w.waiter.min_delay, w.waiter.max_delay);
            let second_ceiling = (2 * min).min(max);
            let (min_lit, ceiling_lit) = (proc_macro2::Literal::u64_unsuffixed(min), proc_macro2::Literal::u64_unsuffixed(second_ceiling));
            let succeeds = ident(&format!("{base}_succeeds_on_the_third_poll"));
            let doc = format!(
                " `{}`: not yet, not yet, then the state waited for; the first delay is the minimum ({min} s), the second at most {second_ceiling} s.",
                w.name
            );
            tests.push((
                signs,
                doc,
                quote! {
                    #[tokio::test(start_paused = true)]
                    async fn #succeeds() {
                        let server = Server::start(vec![#wait_pending, #wait_pending, #success]).await;
                        let done = client(&server).#method() #calls .wait(Duration::from_secs(100_000)).await.expect("the state is reached");
                        assert_eq!(done.attempts(), 3);
                        let requests = server.requests();
                        assert_eq!(requests.len(), 3);
                        assert_eq!(requests[1].at - requests[0].at, Duration::from_secs(#min_lit));
                        let second = requests[2].at - requests[1].at;
                        assert!(second >= Duration::from_secs(#min_lit) && second <= Duration::from_secs(#ceiling_lit), "{second:?}");
                    }
                },
            ));
            let stops = ident(&format!("{base}_stops_when_the_state_cannot_be_reached"));
            match acceptors.iter().find(|(s, _)| *s == AcceptorState::Failure) {
                Some((_, failure)) => {
                    let failure = reply(failure, &pending)?;
                    let doc = format!(" `{}`: a failure acceptor ends the wait at once, with the last response.", w.name);
                    tests.push((
                        signs,
                        doc,
                        quote! {
                            #[tokio::test(start_paused = true)]
                            async fn #stops() {
                                let server = Server::start(vec![#wait_pending, #failure]).await;
                                let error = client(&server).#method() #calls .wait(Duration::from_secs(100_000)).await.expect_err("a failure state");
                                let WaitError::Failure(last) = &error else { panic!("expected a failure, got {error:?}") };
                                assert_eq!((last.attempts(), server.requests().len()), (2, 2));
                            }
                        },
                    ));
                }
                None => {
                    let doc = format!(" `{}`: an error no acceptor expects ends the wait, with that error.", w.name);
                    let unexpected = json_reply(ctx, 400, "{}", ReplyTo::Error { name: "SomethingUnexpectedException", shape: None });
                    let stops = ident(&format!("{base}_stops_on_an_unexpected_error"));
                    tests.push((signs, doc, quote! {
                        #[tokio::test(start_paused = true)]
                        async fn #stops() {
                            let server = Server::start(vec![#wait_pending, #unexpected]).await;
                            let error = client(&server).#method() #calls .wait(Duration::from_secs(100_000)).await.expect_err("an unexpected error");
                            let WaitError::Operation { error: cause, attempts } = &error else { panic!("expected the operation's error, got {error:?}") };
                            assert_eq!(*attempts, 2);
                            assert_eq!(cause.as_service_error().and_then(#lib::error::ProvideErrorMetadata::code), Some("SomethingUnexpectedException"));
                        }
                    }));
                }
            }
            let gives_up = ident(&format!("{base}_gives_up_when_the_time_runs_out"));
            let max_wait = proc_macro2::Literal::u64_unsuffixed(10 * min);
            let doc =
                format!(" `{}`: never there; after {} s (the caller's limit) the waiter gives up, its last poll exactly then.", w.name, 10 * min);
            tests.push((
                signs,
                doc,
                quote! {
                    #[tokio::test(start_paused = true)]
                    async fn #gives_up() {
                        let server = Server::start(vec![#wait_pending]).await;
                        let start = tokio::time::Instant::now();
                        let limit = Duration::from_secs(#max_wait);
                        let error = client(&server).#method() #calls .wait(WaitOptions::new(limit)).await.expect_err("never reached");
                        let WaitError::TimedOut { attempts, max_wait } = error else { panic!("expected a timeout, got {error:?}") };
                        let requests = server.requests();
                        assert_eq!((attempts as usize, max_wait), (requests.len(), limit));
                        assert!(requests.len() >= 3, "{} polls", requests.len());
                        assert_eq!(requests[requests.len() - 1].at - start, limit, "the last poll comes as the time runs out");
                    }
                },
            ));
        }
    }
    if tests.is_empty() {
        return Ok(quote!());
    }
    let (module_gate, tests) = super::tests::gate_signed(tests);
    Ok(quote! {
        /// Waiters, on tokio's paused clock: time moves only when every task waits on a timer,
        /// so the delays between polls are exact.
        #module_gate
        mod waiters {
            use super::common::{Reply, Server};
            use #lib::waiters::{WaitError, WaitOptions};
            use std::time::Duration;

            /// A client without timers of its own (no timeouts, no idle-connection sweeps), so
            /// only the waiter moves the paused clock.
            fn client(server: &Server) -> #lib::Client {
                let http = #lib::config::http_client_builder().expect("the TLS setup").pool_idle_timeout(None).build().expect("an HTTP client");
                #lib::Client::from_conf(server.config().timeouts(#lib::config::Timeouts::none()).http_client(http).build())
            }

            #(#tests)*
        }
    })
}
