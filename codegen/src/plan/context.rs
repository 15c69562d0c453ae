//! What every emitter needs to know about the service: which shapes are generated, their
//! Rust names, and how each member maps to a Rust type.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::operation::AuthScheme;
use super::protocol::{Binding, Protocol};
use super::scope::Scope;
use crate::docs::{self, LinkResolver};
use crate::error::{Error, Result};
use crate::model::{Member, Model, Service, Shape, ShapeId, ShapeKind, Simple};
use crate::naming;

/// Where a generated type lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeHome {
    /// `crate::types`.
    Types,
    /// `crate::types::error`.
    Errors,
}

/// One generated data type (structure, union, enum, intEnum or error).
#[derive(Debug, Clone)]
pub struct NamedType {
    /// The Rust type name.
    pub name: String,
    /// The module file name inside its home.
    pub module: String,
    /// Where it lives.
    pub home: TypeHome,
}

/// The service and everything derived from it once.
pub struct Ctx<'m> {
    /// The model.
    pub model: &'m Model,
    /// The service shape.
    pub service: &'m Shape,
    /// The service body.
    pub service_body: &'m Service,
    /// Package name (`sso-oidc`).
    pub package: String,
    /// Library name (`sso_oidc`).
    pub lib: String,
    /// Operations, sorted by id: the service's, or those the settings chose.
    pub operations: Vec<ShapeId>,
    /// How many operations the service has (more than `operations` when some were chosen).
    pub service_operation_count: usize,
    /// Generated data types by shape id.
    pub types: BTreeMap<ShapeId, NamedType>,
    /// Operation input/output structures (generated inside the operation module).
    pub op_io: BTreeSet<ShapeId>,
    /// The endpoint rules (or the minimal `endpoint_url`-only rules).
    pub rules: crate::rules::ast::RuleSet,
    /// The service's wire protocol.
    pub protocol: &'m dyn Protocol,
    /// HTML → Markdown results: the same documentation recurs on many members.
    markdown_cache: Mutex<HashMap<String, String>>,
    /// Shapes that requests carry (reachable from an operation input), computed once.
    sent: std::sync::OnceLock<BTreeSet<ShapeId>>,
    /// What the crate's files refer to (`crate::rt::http::HttpText`, `base64`), collected
    /// as they are emitted: the runtime parts follow from it.
    used: Mutex<BTreeSet<String>>,
    /// One plan per operation, in the order of `operations`.
    plans: Vec<super::operation::OperationPlan>,
    /// What was left out of the crate and why; emitters add to it (see [`Ctx::warn`]).
    warnings: Mutex<BTreeSet<String>>,
}

/// A shape's name in the service: its `rename`, else its own name.
fn renamed<'a>(service: &'a Service, id: &'a ShapeId) -> &'a str {
    service.rename.get(id).map(String::as_str).unwrap_or_else(|| id.name())
}

/// The operations of `all` that `names` asks for, by Smithy name or client method name;
/// an error for a name that is no operation of the service, or an empty list.
fn choose_operations(service: &Service, all: Vec<ShapeId>, names: &[String]) -> Result<Vec<ShapeId>> {
    if names.is_empty() {
        return Err(Error::Selection("the list is empty; leave `operations` out to generate every operation".into()));
    }
    let named = |op: &ShapeId, name: &str| {
        let smithy = renamed(service, op);
        smithy == name || naming::module_name(smithy).trim_start_matches("r#") == name
    };
    if let Some(unknown) = names.iter().find(|n| !all.iter().any(|op| named(op, n))) {
        // Near misses (`getcalleridentity`, `CallerIdentity`) are suggested; a list of
        // every operation of a large service would bury them.
        let lower = unknown.to_lowercase().replace('_', "");
        let mut near: Vec<&str> = all.iter().map(|op| renamed(service, op)).filter(|n| n.to_lowercase().contains(&lower)).collect();
        near.sort_unstable();
        let hint = match near.len() {
            0 => format!("the service has {} operations", all.len()),
            _ => format!("did you mean {}?", near.iter().take(5).map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
        };
        return Err(Error::Selection(format!("`{unknown}` is not an operation of the service ({hint})")));
    }
    Ok(all.into_iter().filter(|op| names.iter().any(|n| named(op, n))).collect())
}

impl<'m> Ctx<'m> {
    /// Computes the service closure and names every generated type; requests and
    /// responses follow `protocol`.
    /// `settings` name the operations to generate (all when it has none) and the package.
    pub fn new(model: &'m Model, protocol: &'m dyn Protocol, settings: &crate::settings::Settings) -> Result<Ctx<'m>> {
        let (service, service_body) = model.single_service()?;
        let sdk_id = service.traits.aws_service().as_ref().map(|a| a.sdk_id.clone()).unwrap_or_else(|| service.id.name().to_owned());
        let (package, lib) = match &settings.package {
            Some(package) => (package.clone(), naming::lib_name(package)),
            None => naming::crate_names(&sdk_id),
        };
        if lib.is_empty() {
            return Err(Error::shape(&service.id, format!("sdkId `{sdk_id}` gives no crate name")));
        }
        let all = model.service_operations(service_body);
        let service_operation_count = all.len();
        let operations = match settings.operations.as_deref() {
            Some(names) => choose_operations(service_body, all, names)?,
            None => all,
        };
        for op in &operations {
            let method = naming::module_name(renamed(service_body, op));
            if ["config", "from_conf", "from_mock", "resolved_endpoint", "clone"].contains(&method.as_str()) {
                return Err(Error::shape(op, format!("its client method `{method}` would clash with a method every client has")));
            }
        }
        let mut ctx = Ctx {
            model,
            service,
            service_body,
            package,
            lib,
            operations,
            service_operation_count,
            types: BTreeMap::new(),
            op_io: BTreeSet::new(),
            sent: std::sync::OnceLock::new(),
            plans: Vec::new(),
            rules: crate::rules::rule_set(service)?,
            protocol,
            markdown_cache: Mutex::new(HashMap::new()),
            used: Mutex::new(BTreeSet::new()),
            warnings: Mutex::new(BTreeSet::new()),
        };
        ctx.collect_types()?;
        ctx.plans = ctx.operations.iter().map(|op| super::operation::OperationPlan::new(&ctx, op)).collect::<Result<_>>()?;
        Ok(ctx)
    }

    /// The `use` items of a file, noting what it refers to.
    pub fn uses(&self, scope: &Scope) -> TokenStream {
        if let Ok(mut used) = self.used.lock() {
            used.extend(scope.items());
        }
        scope.uses()
    }

    /// What the files emitted so far refer to (see [`uses`](Self::uses)).
    pub fn used(&self) -> BTreeSet<String> {
        self.used.lock().map(|u| u.clone()).unwrap_or_default()
    }

    /// Records that something was left out of the crate (documentation data that does
    /// not fit the model's shapes): the model still generates, and the user is told.
    pub fn warn(&self, message: String) {
        self.warnings.lock().unwrap_or_else(|e| e.into_inner()).insert(message);
    }

    /// The warnings so far, sorted.
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned().collect()
    }

    /// The plans of the service's operations, in order.
    pub fn plans(&self) -> &[super::operation::OperationPlan] {
        &self.plans
    }

    /// The plan of operation `op`.
    pub fn plan(&self, op: &ShapeId) -> Result<&super::operation::OperationPlan> {
        self.plans.iter().find(|p| &p.id == op).ok_or_else(|| Error::shape(op, "is not an operation of the service"))
    }

    /// The shape name after the service's `rename`.
    pub fn shape_name<'a>(&'a self, id: &'a ShapeId) -> &'a str {
        renamed(self.service_body, id)
    }

    /// The auth schemes an operation allows, in the model's order: its `smithy.api#auth`
    /// (empty means none), else the service's `smithy.api#auth`, else every auth scheme
    /// trait on the service (alphabetically by shape id, as the spec says). `@optionalAuth`
    /// operations are sent without auth. Schemes this client lacks (`aws.auth#sigv4a`,
    /// `httpDigestAuth`) are left out; it fails when only such schemes apply.
    pub fn auth_schemes(&self, op: &ShapeId) -> Result<Vec<AuthScheme>> {
        use crate::model::traits::ids;
        const SCHEMES: &[&str] = &[
            ids::SIGV4,
            "aws.auth#sigv4a",
            "smithy.api#httpApiKeyAuth",
            "smithy.api#httpBasicAuth",
            "smithy.api#httpBearerAuth",
            "smithy.api#httpDigestAuth",
        ];
        let shape = self.model.expect(op, op)?;
        if shape.traits.is_optional_auth() {
            return Ok(Vec::new());
        }
        let listed: Vec<String> = match shape.traits.auth().or_else(|| self.service.traits.auth()) {
            Some(list) => list,
            None => SCHEMES.iter().filter(|s| self.service.traits.has(s)).map(|s| s.to_string()).collect(),
        };
        let mut schemes = Vec::new();
        for id in &listed {
            let on_service = self.service.traits.get(id);
            schemes.push(match id.as_str() {
                ids::SIGV4 => {
                    AuthScheme::SigV4 {
                        name: self.service.traits.sigv4().map(|s| s.name).ok_or_else(|| {
                            Error::shape(&self.service.id, "operations use aws.auth#sigv4 but the service has no aws.auth#sigv4 trait")
                        })?,
                    }
                }
                "smithy.api#httpBearerAuth" => AuthScheme::Bearer,
                "smithy.api#httpBasicAuth" => AuthScheme::Basic,
                "smithy.api#httpApiKeyAuth" => {
                    let field = |k: &str| on_service.and_then(|v| v.get(k)).and_then(Value::as_str).map(str::to_owned);
                    let name = field("name").ok_or_else(|| Error::shape(&self.service.id, "smithy.api#httpApiKeyAuth has no `name`"))?;
                    AuthScheme::ApiKey { name, in_query: field("in").as_deref() == Some("query"), scheme: field("scheme") }
                }
                _ => continue,
            });
        }
        if schemes.is_empty() && !listed.is_empty() {
            return Err(Error::unsupported(
                op,
                format!("auth schemes {} (aws.auth#sigv4, httpBearerAuth, httpApiKeyAuth and httpBasicAuth are implemented)", listed.join(", ")),
            ));
        }
        Ok(schemes)
    }

    /// The environment variable a bearer token comes from with `Config::from_env()`, as the
    /// AWS SDKs name it from the SigV4 signing name (`AWS_BEARER_TOKEN_BEDROCK`): for a
    /// service with operations that allow both SigV4 and `httpBearerAuth`.
    pub fn bearer_token_env(&self) -> Option<String> {
        let both = self.plans.iter().find_map(|p| {
            let bearer = p.auth.iter().any(|s| matches!(s, AuthScheme::Bearer));
            p.signing_name().filter(|_| bearer)
        })?;
        let name: String = both.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
        Some(format!("AWS_BEARER_TOKEN_{name}"))
    }

    /// Whether any operation allows SigV4.
    pub fn signs(&self) -> bool {
        self.operations.iter().any(|op| self.op_signs(op))
    }

    /// Whether this operation allows SigV4.
    pub fn op_signs(&self, op: &ShapeId) -> bool {
        self.plan(op).is_ok_and(|p| p.signing_name().is_some())
    }

    /// Errors an operation can return: its own and the service's, sorted, deduplicated.
    pub fn operation_errors(&self, op: &ShapeId) -> Result<Vec<ShapeId>> {
        let body = self.model.operation(op)?;
        let mut set: BTreeSet<ShapeId> = body.errors.iter().chain(&self.service_body.errors).cloned().collect();
        // The modeled exceptions of its output's event stream end the stream with one of
        // its errors.
        set.extend(self.event_stream_errors(&body.output));
        Ok(set.into_iter().collect())
    }

    /// The error shapes among the members of the event stream of structure `io`, if it has
    /// one.
    pub fn event_stream_errors(&self, io: &ShapeId) -> Vec<ShapeId> {
        let Ok(members) = self.model.structure_members(io) else { return Vec::new() };
        members
            .values()
            .filter(|m| self.is_event_stream(&m.target))
            .filter_map(|m| match &self.model.get(&m.target)?.kind {
                ShapeKind::Union(events) => Some(events.values().map(|e| e.target.clone()).collect::<Vec<_>>()),
                _ => None,
            })
            .flatten()
            .filter(|t| self.model.get(t).is_some_and(|s| s.traits.error().is_some()))
            .collect()
    }

    fn collect_types(&mut self) -> Result<()> {
        let mut roots: Vec<(ShapeId, bool)> = Vec::new();
        for op in &self.operations {
            let body = self.model.operation(op)?;
            for io in [&body.input, &body.output] {
                if io.as_str() != "smithy.api#Unit" {
                    self.op_io.insert(io.clone());
                    roots.extend(self.model.structure_members(io)?.values().map(|m| (m.target.clone(), false)));
                }
            }
            roots.extend(self.operation_errors(op)?.into_iter().map(|e| (e, true)));
        }
        let mut seen = BTreeSet::new();
        let mut by_name: BTreeMap<(String, bool), ShapeId> = BTreeMap::new();
        while let Some((id, is_error_root)) = roots.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let shape = self.model.expect(&id, &self.service.id)?;
            let generated = matches!(shape.kind, ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_));
            roots.extend(shape.kind.members().into_iter().map(|m| (m.target.clone(), false)));
            if !generated || id.as_str() == "smithy.api#Unit" {
                continue;
            }
            let is_error = is_error_root || shape.traits.error().is_some();
            let name = naming::type_name(self.shape_name(&id));
            if let Some(other) = by_name.insert((name.clone(), is_error), id.clone()) {
                return Err(Error::shape(&id, format!("its Rust name `{name}` is also the name of `{other}`; add a `rename` to the service")));
            }
            let home = if is_error { TypeHome::Errors } else { TypeHome::Types };
            self.types.insert(id.clone(), NamedType { module: naming::module_name(&name), name, home });
        }
        Ok(())
    }

    /// The error enum of the operation whose output is `output` (the error an event stream
    /// of that output ends with).
    pub fn output_error_type(&self, output: &ShapeId, scope: &mut Scope) -> Result<TokenStream> {
        let plan = self
            .plans()
            .iter()
            .find(|p| &p.output == output)
            .ok_or_else(|| Error::shape(output, "an event stream in a structure that is no operation's output"))?;
        let names = plan.names();
        Ok(scope.import(&format!("crate::operation::{}", names.method), &names.error.to_string()))
    }

    /// A reference to a generated type from a file with this scope.
    pub fn type_ref(&self, id: &ShapeId, scope: &mut Scope) -> Result<TokenStream> {
        let t = self.types.get(id).ok_or_else(|| Error::shape(id, "is not a generated type"))?;
        let module = match t.home {
            TypeHome::Types => "crate::types",
            TypeHome::Errors => "crate::types::error",
        };
        Ok(scope.import(module, &t.name))
    }

    /// The Rust type of a value of shape `id` (a list item, map value, or member target).
    pub fn value_type(&self, id: &ShapeId, scope: &mut Scope) -> Result<TokenStream> {
        // A union member targeting `smithy.api#Unit` carries no value.
        if id.as_str() == "smithy.api#Unit" {
            return Ok(quote!(()));
        }
        let shape = self.model.expect(id, id)?;
        Ok(match &shape.kind {
            ShapeKind::Simple(simple) => match simple {
                Simple::String => quote!(String),
                Simple::Boolean => quote!(bool),
                Simple::Byte => quote!(i8),
                Simple::Short => quote!(i16),
                Simple::Integer => quote!(i32),
                Simple::Long => quote!(i64),
                Simple::Float => quote!(f32),
                Simple::Double => quote!(f64),
                Simple::Timestamp => scope.import("crate::primitives", "DateTime"),
                Simple::Blob => scope.import("crate::primitives", "Blob"),
                Simple::Document => scope.import("crate::primitives", "Document"),
                Simple::BigInteger => scope.import("crate::primitives", "BigInteger"),
                Simple::BigDecimal => scope.import("crate::primitives", "BigDecimal"),
            },
            ShapeKind::List(member) => {
                let item = self.value_type(&member.target, scope)?;
                if shape.traits.is_sparse() { quote!(Vec<Option<#item>>) } else { quote!(Vec<#item>) }
            }
            ShapeKind::Map { value, .. } => {
                let v = self.value_type(&value.target, scope)?;
                let map = scope.import("std::collections", "HashMap");
                if shape.traits.is_sparse() { quote!(#map<String, Option<#v>>) } else { quote!(#map<String, #v>) }
            }
            ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => self.type_ref(id, scope)?,
            other => return Err(Error::shape(id, format!("a {} cannot be a value", other.type_name()))),
        })
    }

    /// Whether a member's value is redacted in `Debug`: the member or its target is
    /// @sensitive, or the target is a collection of sensitive values.
    pub fn is_sensitive(&self, member: &Member) -> bool {
        member.traits.is_sensitive() || self.shape_is_sensitive(&member.target, 0)
    }

    fn shape_is_sensitive(&self, id: &ShapeId, depth: usize) -> bool {
        let Some(shape) = self.model.get(id) else { return false };
        if shape.traits.is_sensitive() {
            return true;
        }
        depth < 8
            && match &shape.kind {
                ShapeKind::List(m) => self.shape_is_sensitive(&m.target, depth + 1),
                ShapeKind::Map { value, .. } => self.shape_is_sensitive(&value.target, depth + 1),
                _ => false,
            }
    }

    /// Whether a member must be boxed: its target structure or union leads back to the
    /// container through structure and union members only (lists and maps allocate anyway).
    pub fn needs_box(&self, container: &ShapeId, member: &Member) -> bool {
        let mut stack = vec![member.target.clone()];
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if &id == container {
                return true;
            }
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(Shape { kind: ShapeKind::Structure(m) | ShapeKind::Union(m), .. }) = self.model.get(&id) {
                stack.extend(m.values().map(|m| m.target.clone()));
            }
        }
        false
    }

    /// The default value of a member: its own `@default` (where `null` means none),
    /// else its target's.
    pub fn default_value<'a>(&'a self, member: &'a Member) -> Option<&'a Value> {
        match member.traits.get(crate::model::traits::ids::DEFAULT) {
            Some(_) => member.traits.default_value(),
            None => self.model.get(&member.target).and_then(|t| t.traits.default_value()),
        }
    }

    /// Docs of a shape, or a line naming it when the model has none.
    pub fn shape_doc(&self, shape: &Shape) -> TokenStream {
        let kind = if matches!(shape.kind, ShapeKind::Operation(_)) { "operation" } else { "shape" };
        self.doc_or(shape.traits.documentation(), &format!("The `{}` {kind} of the service model.", self.shape_name(&shape.id)))
    }

    /// Rustdoc attributes for model documentation, or for `fallback` (Markdown) when the
    /// model has none or it renders empty (`<p></p>`): public items are never undocumented.
    pub fn doc_or(&self, html: Option<&str>, fallback: &str) -> TokenStream {
        let markdown = self.markdown(html);
        if markdown.trim().is_empty() { doc_lines(fallback) } else { doc_lines(&markdown) }
    }

    /// Model documentation as Markdown.
    pub fn markdown(&self, html: Option<&str>) -> String {
        let Some(html) = html else { return String::new() };
        if let Some(hit) = self.markdown_cache.lock().ok().and_then(|c| c.get(html).cloned()) {
            return hit;
        }
        let md = docs::to_markdown(html, self);
        if let Ok(mut cache) = self.markdown_cache.lock() {
            cache.insert(html.to_owned(), md.clone());
        }
        md
    }

    /// The `@timestampFormat` of a member's timestamps in a JSON body when it is not the
    /// body's default (epoch seconds): from the member, else its target, and for a list or
    /// map of timestamps from the list's or map's member, else the timestamp shape.
    pub fn body_timestamp_format(&self, member: &Member) -> Option<crate::model::traits::TimestampFormat> {
        use crate::model::traits::TimestampFormat;
        if !self.protocol.body_rules().timestamp_formats {
            return None;
        }
        let of = |m: &Member| -> Option<TimestampFormat> {
            let target = self.model.get(&m.target)?;
            match &target.kind {
                ShapeKind::Simple(Simple::Timestamp) => m.traits.timestamp_format().or(target.traits.timestamp_format()),
                _ => None,
            }
        };
        let format = match self.model.get(&member.target).map(|s| &s.kind) {
            Some(ShapeKind::List(item)) => member.traits.timestamp_format().or_else(|| of(item)),
            Some(ShapeKind::Map { value, .. }) => member.traits.timestamp_format().or_else(|| of(value)),
            _ => of(member),
        };
        format.filter(|f| *f != TimestampFormat::EpochSeconds)
    }

    /// Whether shape `id` is a `@streaming` blob (a body stream).
    pub fn is_stream_blob(&self, id: &ShapeId) -> bool {
        self.model.get(id).is_some_and(|t| matches!(t.kind, ShapeKind::Simple(Simple::Blob)) && t.traits.is_streaming())
    }

    /// Whether shape `id` is an event stream (a `@streaming` union).
    pub fn is_event_stream(&self, id: &ShapeId) -> bool {
        self.model.get(id).is_some_and(|t| matches!(t.kind, ShapeKind::Union(_)) && t.traits.is_streaming())
    }

    /// Whether structure `id` has a member targeting a shape that `wanted` accepts.
    pub fn has_member(&self, id: &ShapeId, wanted: impl Fn(&ShapeId) -> bool) -> bool {
        self.model.structure_members(id).is_ok_and(|members| members.values().any(|m| wanted(&m.target)))
    }

    /// Whether values of shape `id` are ever written into a request (so it needs JSON
    /// serialization): reachable from the input of an operation the client sends (not
    /// one with an event stream, which it refuses).
    pub fn is_sent(&self, id: &ShapeId) -> bool {
        self.sent
            .get_or_init(|| {
                let mut seen = BTreeSet::new();
                // Members bound to labels, queries or headers travel as text, not JSON.
                let mut todo: Vec<ShapeId> = self
                    .operations
                    .iter()
                    .filter(|op| !super::operation::refuses_event_stream(self, op))
                    .filter_map(|op| self.model.operation(op).ok())
                    .filter_map(|op| self.model.structure_members(&op.input).ok())
                    .flat_map(|members| members.values())
                    .filter(|m| matches!(self.binding(m), Binding::Body | Binding::Payload))
                    .map(|m| m.target.clone())
                    .collect();
                while let Some(next) = todo.pop() {
                    if let Some(shape) = self.model.get(&next)
                        && seen.insert(next)
                    {
                        todo.extend(shape.kind.members().into_iter().map(|m| m.target.clone()));
                    }
                }
                seen
            })
            .contains(id)
    }

    /// Whether any generated type holds a timestamp, blob or document (so the crate needs
    /// its `primitives` module).
    pub fn uses_primitives(&self) -> bool {
        self.uses_simple(|s| matches!(s, Simple::Timestamp | Simple::Blob | Simple::Document | Simple::BigInteger | Simple::BigDecimal))
    }

    /// Whether a generated type or an operation's input or output holds a value of a
    /// simple type that `wanted` accepts (directly, or in lists and maps).
    pub fn uses_simple(&self, wanted: impl Fn(Simple) -> bool) -> bool {
        fn holds(ctx: &Ctx<'_>, id: &ShapeId, depth: usize, wanted: &dyn Fn(Simple) -> bool) -> bool {
            match ctx.model.get(id).map(|s| &s.kind) {
                Some(ShapeKind::Simple(s)) => wanted(*s),
                Some(ShapeKind::List(m)) if depth < 8 => holds(ctx, &m.target, depth + 1, wanted),
                Some(ShapeKind::Map { value, .. }) if depth < 8 => holds(ctx, &value.target, depth + 1, wanted),
                _ => false,
            }
        }
        let io = self.operations.iter().filter_map(|op| self.model.operation(op).ok()).flat_map(|op| [&op.input, &op.output]);
        self.types
            .keys()
            .chain(io)
            .filter_map(|id| self.model.get(id))
            .any(|shape| shape.kind.members().iter().any(|m| holds(self, &m.target, 0, &wanted)))
    }

    /// A member's name in a document body.
    pub fn wire_name<'a>(&self, member: &'a Member) -> &'a str {
        self.protocol.wire_name(member)
    }

    /// Where a member of an operation's input or output travels.
    pub fn binding(&self, member: &Member) -> Binding {
        self.protocol.binding(member)
    }

    /// Whether a member of an operation input is in the document body.
    pub fn in_body(&self, member: &Member) -> bool {
        self.binding(member) == Binding::Body
    }

    /// Whether a member of an operation output is in the document body: URI and query
    /// bindings mean nothing in a response, so such members are read from the body.
    pub fn in_output_body(&self, member: &Member) -> bool {
        matches!(self.binding(member), Binding::Body | Binding::Label | Binding::Query(_) | Binding::QueryParams)
    }
}

/// `Format::DateTime` and the like, for a timestamp format.
pub fn format_path(format: crate::model::traits::TimestampFormat, scope: &mut Scope) -> TokenStream {
    use crate::model::traits::TimestampFormat;
    let ty = scope.import("crate::primitives", "Format");
    match format {
        TimestampFormat::DateTime => quote!(#ty::DateTime),
        TimestampFormat::HttpDate => quote!(#ty::HttpDate),
        TimestampFormat::EpochSeconds => quote!(#ty::EpochSeconds),
    }
}

/// `#[doc = "..."]` attributes, one per line of Markdown.
pub fn doc_lines(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(doc_line);
    quote!(#(#[doc = #lines])*)
}

/// `#![doc = "..."]` attributes (module and crate docs), one per line of Markdown.
pub fn inner_doc_lines(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(doc_line);
    quote!(#(#![doc = #lines])*)
}

/// One line of Markdown as the string literal of a doc attribute, with the space that
/// follows `///`. A raw literal where the line allows one: the formatter prints `///` and
/// the same text either way, and a raw literal is neither escaped here nor unescaped when
/// it is parsed back, which for model documentation is a large part of generation time.
fn doc_line(line: &str) -> proc_macro2::Literal {
    let text = if line.is_empty() { String::new() } else { format!(" {line}") };
    // A raw literal cannot hold a carriage return; `Literal::string` escapes it.
    if text.contains('\r') {
        return proc_macro2::Literal::string(&text);
    }
    let mut hashes = String::new();
    while text.contains('"') && text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}").parse().unwrap_or_else(|_| proc_macro2::Literal::string(&text))
}

impl LinkResolver for Ctx<'_> {
    /// `<a>Name</a>` links: an operation of the service becomes a link to its client
    /// method, a generated type a link to the type.
    fn resolve(&self, name: &str) -> Option<String> {
        let name = name.trim();
        if let Some(op) = self.operations.iter().find(|op| self.shape_name(op) == name) {
            return Some(format!("crate::Client::{}", naming::module_name(self.shape_name(op))));
        }
        self.types.values().find(|t| t.name == naming::type_name(name)).map(|t| match t.home {
            TypeHome::Types => format!("crate::types::{}", t.name),
            TypeHome::Errors => format!("crate::types::error::{}", t.name),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Doc lines print as the same `///` text whatever the literal's form.
    #[test]
    fn doc_lines_print_as_written() {
        let markdown = "Plain `code` and \\\\ a backslash.\n\nSays \"hi\".\nEnds \"# a raw literal's end.\nA carriage\r return.";
        let doc = doc_lines(markdown);
        let printed = crate::format::format_tokens(quote!(#doc struct A;), "test").unwrap();
        let expected =
            "/// Plain `code` and \\\\ a backslash.\n///\n/// Says \"hi\".\n/// Ends \"# a raw literal's end.\n/// A carriage\r return.\nstruct A;\n";
        assert_eq!(printed, expected);
        let literals: Vec<String> = doc
            .into_iter()
            .filter_map(|t| match t {
                proc_macro2::TokenTree::Group(g) => g.stream().into_iter().last().map(|l| l.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(
            literals,
            [
                r#"r" Plain `code` and \\ a backslash.""#,
                r#"r"""#,
                "r#\" Says \"hi\".\"#",
                "r##\" Ends \"# a raw literal's end.\"##",
                r#"" A carriage\r return.""#
            ]
        );
    }
}
