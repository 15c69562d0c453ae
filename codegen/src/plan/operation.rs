//! What the emitters know of an operation, computed once per operation when the
//! [`Ctx`] is made ([`OperationPlan`], in the spirit of progenitor's `OperationMethod`):
//! its Rust names, input and output, HTTP method and URI, error variants, signing,
//! pagination, whether it streams, and whether the client refuses it.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::context::Ctx;
use super::scope::Scope;
use crate::error::{Error, Result};
use crate::model::ShapeId;
use crate::model::traits::Http;
use crate::naming::{builder_name, ident, module_name, type_name};

/// Everything the emitters ask of one operation.
pub struct OperationPlan {
    /// The operation shape.
    pub id: ShapeId,
    /// Its name in the model (after the service's `rename`).
    pub name: String,
    /// Its input structure.
    pub input: ShapeId,
    /// Its output structure.
    pub output: ShapeId,
    /// The HTTP method and URI of its requests, as its protocol makes them.
    pub http: Http,
    /// The variants of its error enum.
    pub errors: Vec<ErrorVariant>,
    /// The auth schemes it allows, in the model's order (none: sent without auth).
    pub auth: Vec<AuthScheme>,
    /// Its pagination, when it has a paginator.
    pub pagination: Option<Pagination>,
    /// Whether its input has a `@streaming` blob.
    pub streaming_input: bool,
    /// Whether its output has a `@streaming` blob.
    pub streaming_output: bool,
    /// Whether its output has an event stream (a `@streaming` union) that its protocol reads
    /// as events.
    pub event_output: bool,
    /// Whether its input has an event stream that its protocol sends as events.
    pub event_input: bool,
    /// Why the client refuses it, if it does.
    pub refusal: Option<Refusal>,
    /// The endpoint parameters its input binds through `smithy.rules#operationContextParams`.
    pub context_params: Vec<ContextParam>,
    /// Its waiters (`smithy.waiters#waitable`) that compile against the model.
    pub waiters: Vec<super::waiter::WaiterPlan>,
}

/// An endpoint parameter bound by `smithy.rules#operationContextParams`: a JMESPath over
/// the operation's input.
pub struct ContextParam {
    /// The endpoint parameter.
    pub param: String,
    /// The JMESPath expression.
    pub path: String,
}

impl OperationPlan {
    /// The plan of operation `id`; an error naming the operation when the model does not
    /// give what its protocol, auth or pagination needs.
    pub fn new(ctx: &Ctx<'_>, id: &ShapeId) -> Result<OperationPlan> {
        let body = ctx.model.operation(id)?;
        let streaming_input = ctx.has_member(&body.input, |t| ctx.is_stream_blob(t));
        let event_input = ctx.has_member(&body.input, |t| ctx.is_event_stream(t)) && ctx.protocol.writes_event_streams();
        let context = context_params(ctx, id);
        let (name, refusal) = (ctx.shape_name(id).to_owned(), refused(ctx, id, &context));
        // An input sent as it is read cannot be sent twice: no waiters, no pages.
        let read_once = streaming_input || event_input;
        Ok(OperationPlan {
            waiters: super::waiter::planned(ctx, id, &name, refusal.is_some(), read_once),
            id: id.clone(),
            name,
            input: body.input.clone(),
            output: body.output.clone(),
            http: ctx.protocol.http(ctx, id)?,
            errors: error_variants(ctx, id)?,
            auth: ctx.auth_schemes(id)?,
            pagination: pagination(ctx, id, read_once)?,
            streaming_input,
            streaming_output: ctx.has_member(&body.output, |t| ctx.is_stream_blob(t)),
            event_output: ctx.has_member(&body.output, |t| ctx.is_event_stream(t)) && ctx.protocol.reads_event_streams(),
            event_input,
            refusal,
            context_params: context.unwrap_or_default(),
        })
    }

    /// Its Rust names. (Made on demand: identifiers cannot be shared between the threads
    /// that emit files.)
    pub fn names(&self) -> OpNames {
        OpNames::from_name(&self.name)
    }

    /// The SigV4 signing name when it allows SigV4.
    pub fn signing_name(&self) -> Option<&str> {
        self.auth.iter().find_map(|s| match s {
            AuthScheme::SigV4 { name } => Some(name.as_str()),
            _ => None,
        })
    }

    /// Whether its input is sent as it is read (a `@streaming` blob or an event stream): it
    /// is neither cloned nor sent twice.
    pub fn input_read_once(&self) -> bool {
        self.streaming_input || self.event_input
    }

    /// Whether the client sends it (it is not refused).
    pub fn sends(&self) -> bool {
        self.refusal.is_none()
    }
}

/// An auth scheme an operation allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// `aws.auth#sigv4`, with the service's signing name.
    SigV4 { name: String },
    /// `smithy.api#httpBearerAuth`.
    Bearer,
    /// `smithy.api#httpApiKeyAuth`: the header or query parameter, and the `Authorization`
    /// scheme of a header.
    ApiKey { name: String, in_query: bool, scheme: Option<String> },
    /// `smithy.api#httpBasicAuth`.
    Basic,
}

/// An operation's pagination, with the service's defaults applied.
pub struct Pagination {
    /// The input member the token is sent in.
    pub input_token: String,
    /// The path of output members the next token is read from.
    pub output_token: String,
    /// The path of output members holding the items, if the model names it.
    pub items: Option<String>,
    /// The input member that limits the page size, if the model names it.
    pub page_size: Option<String>,
}

/// `None` also for an operation whose input streams: each page needs a copy of the input,
/// and a stream cannot be copied (nor is a paginated upload a thing a service asks for).
fn pagination(ctx: &Ctx<'_>, op: &ShapeId, streaming_input: bool) -> Result<Option<Pagination>> {
    let Some(own) = ctx.model.expect(op, op)?.traits.paginated() else { return Ok(None) };
    if streaming_input {
        return Ok(None);
    }
    let service = ctx.service.traits.paginated().unwrap_or_default();
    let missing = |what: &str| Error::shape(op, format!("@paginated has no {what} (on the operation or the service)"));
    Ok(Some(Pagination {
        input_token: own.input_token.or(service.input_token).ok_or_else(|| missing("inputToken"))?,
        output_token: own.output_token.or(service.output_token).ok_or_else(|| missing("outputToken"))?,
        items: own.items.or(service.items),
        page_size: own.page_size.or(service.page_size),
    }))
}

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
    /// `{Op}Paginator`.
    pub paginator: Ident,
}

impl OpNames {
    /// Names for an operation of this model name.
    fn from_name(name: &str) -> OpNames {
        let t = crate::naming::operation_types(name);
        OpNames {
            method: ident(&module_name(name)),
            input: ident(&t.input),
            output: ident(&t.output),
            error: ident(&t.error),
            fluent: ident(&t.fluent),
            paginator: ident(&t.paginator),
            marker: ident(&t.marker),
            model: name.to_owned(),
        }
    }

    /// The names this operation's file defines.
    pub fn locals(&self) -> Vec<String> {
        [&self.input, &self.output, &self.error, &self.fluent, &self.marker]
            .iter()
            .map(|i| i.to_string())
            .chain([builder_name(&self.input.to_string()), builder_name(&self.output.to_string())])
            .collect()
    }
}

/// Whether an operation has an event stream (a `@streaming` union) this client cannot
/// send or read: its protocol's event streams (in that direction) are not supported yet.
/// Its `send` fails with a build error.
pub fn refuses_event_stream(ctx: &Ctx<'_>, op: &ShapeId) -> bool {
    let Ok(body) = ctx.model.operation(op) else { return false };
    (ctx.has_member(&body.input, |t| ctx.is_event_stream(t)) && !ctx.protocol.writes_event_streams())
        || (ctx.has_member(&body.output, |t| ctx.is_event_stream(t)) && !ctx.protocol.reads_event_streams())
}

/// Whether any operation returns an event stream (read, or refused with the stream's type
/// in its output all the same).
pub fn any_event_output(ctx: &Ctx<'_>) -> bool {
    ctx.plans().iter().any(|p| p.event_output)
}

/// Whether any request has a body sent as it is read (an `Upload`): a `@streaming` blob or
/// an event stream.
pub fn any_upload(ctx: &Ctx<'_>) -> bool {
    any_streaming_input(ctx) || any_event_input(ctx)
}

/// Whether any operation sends an event stream.
pub fn any_event_input(ctx: &Ctx<'_>) -> bool {
    ctx.plans().iter().any(|p| p.event_input)
}

/// Whether any operation's output streams.
pub fn any_streaming_output(ctx: &Ctx<'_>) -> bool {
    ctx.plans().iter().any(|p| p.streaming_output)
}

/// Whether any operation the client sends streams its input.
pub fn any_streaming_input(ctx: &Ctx<'_>) -> bool {
    ctx.plans().iter().any(|p| p.streaming_input && p.sends())
}

/// Whether the crate has the `byte_stream` module (a streaming input or output, or an
/// event stream, read from the body as it arrives).
pub fn uses_byte_stream(ctx: &Ctx<'_>) -> bool {
    any_streaming_output(ctx) || any_upload(ctx) || any_event_output(ctx)
}

/// One variant of an operation's error enum.
pub struct ErrorVariant {
    /// The error shape.
    pub id: ShapeId,
    /// The variant name (the error's type name).
    pub variant: String,
    /// Whether the variant holds its error in a `Box`: it is far larger than the others.
    pub boxed: bool,
}

/// The variants of an operation's error enum, in order: the errors it can return.
fn error_variants(ctx: &Ctx<'_>, op: &ShapeId) -> Result<Vec<ErrorVariant>> {
    let errors = ctx.operation_errors(op)?;
    // `Unhandled` (its metadata) is the last variant, never boxed.
    let mut sizes: Vec<usize> = errors.iter().map(|e| super::size::structure_size(ctx, e, 0)).collect();
    sizes.push(super::size::ERROR_METADATA);
    let boxed = super::size::boxed_variants(&sizes);
    Ok(errors.into_iter().zip(boxed).map(|(id, boxed)| ErrorVariant { variant: type_name(ctx.shape_name(&id)), id, boxed }).collect())
}

/// Why the client refuses an operation: it is generated and documented, and `send` fails
/// with a build error giving the reason before anything is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Its input or output is an event stream.
    EventStream,
    /// Its endpoint parameters come from `smithy.rules#operationContextParams` (JMESPath
    /// over the input) that do not compile against the model: resolving without them could
    /// pick another endpoint.
    OperationContextParams,
}

impl Refusal {
    /// What `send`'s build error says.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::EventStream => "event streams of this protocol are not supported by this client yet",
            Refusal::OperationContextParams => "the endpoint parameters of its smithy.rules#operationContextParams could not be compiled",
        }
    }

    /// The note in the operation's documentation.
    pub fn doc(self) -> &'static str {
        match self {
            Refusal::EventStream => {
                " **Not supported by this client yet**: the operation has an event stream, which this client does not send or read in its protocol yet, and `send` fails with a build error without sending anything."
            }
            Refusal::OperationContextParams => {
                " **Not supported by this client**: the operation's endpoint depends on its input through `smithy.rules#operationContextParams` paths the generator could not compile, and `send` fails with a build error without sending anything."
            }
        }
    }
}

/// Why the client refuses to send the operation, if it does (`context`: its context
/// parameters, or why they do not compile).
fn refused(ctx: &Ctx<'_>, op: &ShapeId, context: &std::result::Result<Vec<ContextParam>, String>) -> Option<Refusal> {
    if refuses_event_stream(ctx, op) {
        Some(Refusal::EventStream)
    } else if let Err(reason) = context {
        let name = ctx.shape_name(op);
        ctx.warn(format!("operation `{name}` is refused at send: its smithy.rules#operationContextParams: {reason}"));
        Some(Refusal::OperationContextParams)
    } else {
        None
    }
}

/// The operation's `smithy.rules#operationContextParams`, each checked to compile to its
/// parameter's type; the reason when one does not (the operation is then refused: resolving
/// without a parameter could pick another endpoint).
fn context_params(ctx: &Ctx<'_>, op: &ShapeId) -> std::result::Result<Vec<ContextParam>, String> {
    let Some(value) = ctx.model.get(op).and_then(|s| s.traits.get(crate::rules::OPERATION_CONTEXT)) else { return Ok(Vec::new()) };
    let entries = value.as_object().ok_or("it is not an object")?;
    let input = ctx.model.operation(op).map_err(|e| e.to_string())?.input.clone();
    let mut out = Vec::new();
    for (param, binding) in entries {
        let path = binding.get("path").and_then(serde_json::Value::as_str).ok_or_else(|| format!("`{param}` has no path"))?;
        context_param_code(ctx, &mut Scope::default(), &input, param, path)?;
        out.push(ContextParam { param: param.clone(), path: path.to_owned() });
    }
    Ok(out)
}

/// The value of endpoint parameter `param` from JMESPath `path` over `input` (a variable
/// holding the operation's input): `Option<&str>`, `Option<bool>`, or for a string array
/// an `Option<Vec<&str>>`.
pub fn context_param_code(ctx: &Ctx<'_>, scope: &mut Scope, input: &ShapeId, param: &str, path: &str) -> std::result::Result<TokenStream, String> {
    use super::jmespath::{Compiler, Root, Ty};
    use crate::rules::ast::ParamType;
    let ty = ctx.rules.parameters.get(param).map(|p| p.ty).ok_or_else(|| format!("`{param}` is not an endpoint parameter"))?;
    let root = Root::Shape { id: input.clone(), input: true, code: quote!(Some(input)) };
    let v = Compiler::new(ctx, scope, root).compile(path)?;
    let fits = match ty {
        ParamType::String => v.ty == Ty::Str,
        ParamType::Boolean => v.ty == Ty::Bool,
        ParamType::StringArray => v.ty == Ty::List(Box::new(Ty::Str)),
    };
    if !fits {
        return Err(format!("`{path}` gives {}, which does not fit the {ty:?} parameter `{param}`", v.ty.name()));
    }
    Ok(v.code)
}
