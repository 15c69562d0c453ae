//! What the emitters know of an operation: its Rust names, and whether it streams.

use proc_macro2::Ident;
use quote::format_ident;

use super::context::Ctx;
use crate::model::ShapeId;
use crate::naming::{ident, module_name, type_name};

/// The names generated for an operation.
pub struct OpNames {
    /// The operation name in the model (after `rename`).
    pub model: String,
    /// The client method and module name.
    pub method: Ident,
    /// `{Op}Input`.
    pub input: Ident,
    /// `{Op}Output`.
    pub output: Ident,
    /// `{Op}Error`.
    pub error: Ident,
    /// `{Op}FluentBuilder`.
    pub fluent: Ident,
    /// The private marker type implementing `rt::Operation`.
    pub marker: Ident,
}

impl OpNames {
    /// Names for the operation `id`.
    pub fn new(ctx: &Ctx<'_>, id: &ShapeId) -> OpNames {
        let model = ctx.shape_name(id).to_owned();
        let base = type_name(&model);
        OpNames {
            method: ident(&module_name(&model)),
            input: format_ident!("{base}Input"),
            output: format_ident!("{base}Output"),
            error: format_ident!("{base}Error"),
            fluent: format_ident!("{base}FluentBuilder"),
            marker: ident(&base),
            model,
        }
    }

    pub fn locals(&self) -> Vec<String> {
        [&self.input, &self.output, &self.error, &self.fluent, &self.marker]
            .iter()
            .map(|i| i.to_string())
            .chain([format!("{}Builder", self.input), format!("{}Builder", self.output)])
            .collect()
    }
}

/// Whether an operation's output has a `@streaming` blob member (read as a `ByteStream`).
pub fn streaming_output(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
    ctx.model.operation(op).is_ok_and(|body| ctx.has_member(&body.output, |t| ctx.is_stream_blob(t)))
}

/// Whether an operation's input or output has an event stream (a `@streaming` union),
/// which this client cannot send or read: its `send` fails with a build error.
pub fn uses_event_stream(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
    let Ok(body) = ctx.model.operation(op) else { return false };
    [&body.input, &body.output].into_iter().any(|io| ctx.has_member(io, |t| ctx.is_event_stream(t)))
}

/// Whether an operation's input has a `@streaming` blob member (sent from a `ByteStream`).
pub fn streaming_input(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
    ctx.model.operation(op).is_ok_and(|body| ctx.has_member(&body.input, |t| ctx.is_stream_blob(t)))
}

/// Whether any operation's output streams.
pub fn any_streaming_output(ctx: &Ctx<'_>) -> bool {
    ctx.operations.iter().any(|op| streaming_output(ctx, op))
}

/// Whether any operation that sends requests (not an event-stream one) streams its input.
pub fn any_streaming_input(ctx: &Ctx<'_>) -> bool {
    *ctx.streams_input.get_or_init(|| ctx.operations.iter().any(|op| streaming_input(ctx, op) && !uses_event_stream(ctx, op)))
}

/// Whether the crate has the `byte_stream` module (a streaming input or output).
pub fn uses_byte_stream(ctx: &Ctx<'_>) -> bool {
    any_streaming_output(ctx) || any_streaming_input(ctx)
}

