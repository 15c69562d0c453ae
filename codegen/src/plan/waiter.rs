//! The waiters an operation gets (`smithy.waiters#waitable`), each checked once, when the
//! operation is planned: its acceptors must compile against the model. Their conditions
//! (`acceptor_conditions`) are the Rust the waiter emitter writes into each operation file.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::Ctx;
use super::jmespath::{Compiler, Root, matches};
use super::scope::Scope;
use crate::model::ShapeId;
use crate::model::traits::{AcceptorState, Matcher, Waiter};
use crate::naming::{WaiterNames, waiter_names};

/// A waiter the crate gets.
pub struct WaiterPlan {
    /// Its name in the model.
    pub name: String,
    pub names: WaiterNames,
    pub waiter: Waiter,
}

/// The waiters of operation `op` (named `name` in warnings) that the crate gets, in the
/// model's order. Those it cannot have (a path that does not fit the model, an operation
/// the client refuses or whose input cannot be sent twice) are left out, each with a warning.
pub fn planned(ctx: &Ctx<'_>, op: &ShapeId, name: &str, refused: bool, streaming_input: bool) -> Vec<WaiterPlan> {
    let waiters = match ctx.model.get(op).map(|s| s.traits.waiters()).unwrap_or_else(|| Ok(Default::default())) {
        Ok(w) => w,
        Err(e) => {
            ctx.warn(format!("operation `{name}`: its waiters are left out: smithy.waiters#waitable is malformed: {e}"));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (waiter_name, waiter) in waiters {
        let why_not = if refused {
            Some("the client refuses the operation".to_owned())
        } else if streaming_input {
            Some("its input streams, so it cannot be sent again".to_owned())
        } else {
            acceptor_conditions(ctx, op, &waiter, &mut Scope::default()).err()
        };
        match why_not {
            Some(reason) => ctx.warn(format!("operation `{name}`: waiter `{waiter_name}` left out: {reason}")),
            None => out.push(WaiterPlan { names: waiter_names(&waiter_name), name: waiter_name, waiter }),
        }
    }
    out
}

/// `if … { Some(State::…) } else if … else { None }` over `result` (and `input`): the
/// acceptors in order.
pub fn acceptor_conditions(ctx: &Ctx<'_>, op: &ShapeId, waiter: &Waiter, scope: &mut Scope) -> Result<TokenStream, String> {
    let body = ctx.model.operation(op).map_err(|e| e.to_string())?;
    // Acceptors in order; neighbours with the same state share one arm.
    let mut arms: Vec<(AcceptorState, Vec<TokenStream>)> = Vec::new();
    for acceptor in &waiter.acceptors {
        let condition = match &acceptor.matcher {
            Matcher::Output(m) => {
                let root = Root::Shape { id: body.output.clone(), input: false, code: quote!(Some(output)) };
                let test = matches(&mut Compiler::new(ctx, scope, root), &m.path, &m.expected, &m.comparator)?;
                quote!(result.as_ref().is_ok_and(|output| #test))
            }
            Matcher::InputOutput(m) => {
                let root = Root::InputOutput {
                    input: body.input.clone(),
                    input_code: quote!(Some(&input)),
                    output: body.output.clone(),
                    output_code: quote!(Some(output)),
                };
                let test = matches(&mut Compiler::new(ctx, scope, root), &m.path, &m.expected, &m.comparator)?;
                quote!(result.as_ref().is_ok_and(|output| #test))
            }
            Matcher::Success(true) => quote!(result.is_ok()),
            Matcher::Success(false) => quote!(result.is_err()),
            Matcher::ErrorType(name) => {
                let name = name.rsplit('#').next().unwrap_or(name);
                let provide = scope.import("crate::error", "ProvideErrorMetadata");
                quote!(result.as_ref().err().and_then(|e| e.as_service_error()).and_then(#provide::code) == Some(#name))
            }
        };
        match arms.last_mut() {
            Some((state, conditions)) if *state == acceptor.state => conditions.push(condition),
            _ => arms.push((acceptor.state, vec![condition])),
        }
    }
    let arms: Vec<TokenStream> = arms
        .into_iter()
        .map(|(state, conditions)| {
            // A variant the crate's waiters never reach is left out of its runtime.
            let to = match state {
                AcceptorState::Success => "Success",
                AcceptorState::Failure => "Failure",
                AcceptorState::Retry => "Retry",
            };
            let to = scope.function("crate::waiters::State", to);
            quote!(if #(#conditions)||* { Some(#to) })
        })
        .collect();
    if !waiter.acceptors.iter().any(|a| a.state == AcceptorState::Success) {
        return Err("no acceptor leads to success".into());
    }
    Ok(quote!(#(#arms)else* else { None }))
}
