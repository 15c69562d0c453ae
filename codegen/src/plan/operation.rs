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

/// One variant of an operation's error enum.
pub struct ErrorVariant {
    /// The error shape.
    pub id: ShapeId,
    /// The variant name (the error's type name).
    pub variant: Ident,
    /// Whether the variant holds its error in a `Box`: it is far larger than the others.
    pub boxed: bool,
}

/// The variants of an operation's error enum, in order: the errors it can return.
pub fn error_variants(ctx: &Ctx<'_>, op: &ShapeId) -> crate::error::Result<Vec<ErrorVariant>> {
    let errors = ctx.operation_errors(op)?;
    // `Unhandled` (its metadata) is the last variant, never boxed.
    let mut sizes: Vec<usize> = errors.iter().map(|e| super::size::structure_size(ctx, e, 0)).collect();
    sizes.push(super::size::ERROR_METADATA);
    let boxed = super::size::boxed_variants(&sizes);
    Ok(errors.into_iter().zip(boxed).map(|(id, boxed)| ErrorVariant { variant: ident(&type_name(ctx.shape_name(&id))), id, boxed }).collect())
}

/// Why the client refuses an operation: it is generated and documented, and `send` fails
/// with a build error giving the reason before anything is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Its input or output is an event stream.
    EventStream,
    /// Its endpoint parameters come from `smithy.rules#operationContextParams` (JMESPath
    /// over the input): resolving without them could pick another endpoint.
    OperationContextParams,
}

impl Refusal {
    /// What `send`'s build error says.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::EventStream => "event streams are not supported by this client",
            Refusal::OperationContextParams => "endpoint parameters from smithy.rules#operationContextParams are not supported by this client yet",
        }
    }

    /// The note in the operation's documentation.
    pub fn doc(self) -> &'static str {
        match self {
            Refusal::EventStream => {
                " **Not supported by this client**: the operation uses an event stream, and `send` fails with a build error without sending anything."
            }
            Refusal::OperationContextParams => {
                " **Not supported by this client yet**: the operation's endpoint depends on its input through `smithy.rules#operationContextParams`, and `send` fails with a build error without sending anything."
            }
        }
    }
}

/// Why the client refuses to send the operation, if it does.
pub fn refused(ctx: &Ctx<'_>, op: &ShapeId) -> Option<Refusal> {
    if uses_event_stream(ctx, op) {
        Some(Refusal::EventStream)
    } else if ctx.model.get(op).is_some_and(|s| s.traits.has(crate::rules::OPERATION_CONTEXT)) {
        Some(Refusal::OperationContextParams)
    } else {
        None
    }
}
