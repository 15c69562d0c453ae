//! The crate's public API ([`ApiSurface`]) from the same plans the emitters use: the
//! operations' names, the members of every structure as `StructSpec` sees them, enum
//! values, union variants, error variants, the Cargo features, and the configuration
//! methods of the runtime file this crate gets.

use proc_macro2::TokenStream;
use quote::quote;

use crate::api::{ApiSurface, REQUIRED};
use crate::error::{Error, Result};
use crate::model::{ShapeId, ShapeKind};
use crate::naming::variant_name;
use crate::plan::{Ctx, MemberInfo, Role, Scope, StructSpec, TypeHome, members};

const NON_EXHAUSTIVE: &str = " (non_exhaustive)";

/// The API of the crate generated for `ctx`. `features` are the Cargo features with what
/// each enables; `config` is the text of the `config` module as copied into the crate.
pub fn surface(ctx: &Ctx<'_>, features: &[super::Feature], config: &str) -> Result<ApiSurface> {
    let mut api = ApiSurface::default();
    let cargo = api.item("cargo features", "");
    for f in features {
        cargo
            .members
            .insert(format!("feature {}", f.name), format!(" = [{}]", f.enables.iter().map(|e| format!("\"{e}\"")).collect::<Vec<_>>().join(", ")));
    }
    runtime_items(&mut api, "config", config)?;
    for op in &ctx.operations {
        operation_items(ctx, op, &mut api)?;
    }
    for (id, t) in &ctx.types {
        let (home, kind) = match t.home {
            TypeHome::Types => ("types", None),
            TypeHome::Errors => ("types::error", Some("error")),
        };
        let path = format!("{home}::{}", t.name);
        let shape = ctx.model.expect(id, id)?;
        let mut scope = Scope::default();
        match &shape.kind {
            ShapeKind::Structure(_) => {
                let role = if kind.is_some() { Role::Error } else { Role::Data };
                let spec = StructSpec::new(ctx, id, &t.name, role, &mut scope)?;
                struct_items(&mut api, kind.unwrap_or("struct"), &format!("{home}::"), &spec);
            }
            ShapeKind::Enum(members) => {
                let item = api.item(format!("enum {path}"), NON_EXHAUSTIVE);
                for m in members.values() {
                    item.members.insert(format!("variant {}", variant_name(&m.name)), format!(" = {:?}", super::enums::string_value(m)));
                }
                item.members.insert("variant Unknown".into(), "(String)".into());
            }
            ShapeKind::IntEnum(members) => {
                let item = api.item(format!("enum {path}"), NON_EXHAUSTIVE);
                for m in members.values() {
                    item.members.insert(format!("variant {}", variant_name(&m.name)), format!(" = {}", super::enums::int_value(m)?));
                }
                item.members.insert("variant Unknown".into(), "(i32)".into());
            }
            ShapeKind::Union(_) => {
                let infos = members(ctx, id, false, &mut scope)?;
                let item = api.item(format!("union {path}"), NON_EXHAUSTIVE);
                for m in &infos {
                    item.members.insert(format!("variant {}", variant_name(&m.member.name)), format!("({})", render(&m.ty)));
                }
                item.members.insert("variant Unknown".into(), String::new());
            }
            other => return Err(Error::shape(id, format!("a {} is not a generated type", other.type_name()))),
        }
    }
    Ok(api)
}

/// An operation: its client method and what `send()` returns, its input and output
/// structures with their builders, and its error enum.
fn operation_items(ctx: &Ctx<'_>, id: &ShapeId, api: &mut ApiSurface) -> Result<()> {
    let plan = ctx.plan(id)?;
    let names = plan.names();
    let body = ctx.model.operation(id)?;
    let mut scope = Scope::default();
    let input = StructSpec::new(ctx, &body.input, &names.input.to_string(), Role::Input(&names.model), &mut scope)?;
    let output = StructSpec::new(ctx, &body.output, &names.output.to_string(), Role::Output, &mut scope)?;
    let module = format!("operation::{}::", names.method.to_string().trim_start_matches("r#"));
    let refused = plan.refusal.map(|r| format!(" (refused at send: {})", r.reason())).unwrap_or_default();
    let item = api.item(format!("operation {}", module.trim_end_matches("::")), refused);
    item.members.insert(format!("fn Client::{}", names.method), format!("() -> {module}{}", names.fluent));
    item.members.insert("fn send".into(), format!("(self) -> Result<{module}{}, SdkError<{module}{}>>", names.output, names.error));
    if plan.pagination.is_some() {
        item.members.insert("fn into_paginator".into(), format!("(self) -> {module}{}", names.paginator));
    }
    for w in &plan.waiters {
        item.members.insert(format!("fn Client::{}", w.names.method), format!("() -> {module}{}", w.names.waiter));
        let (o, e) = (format!("{module}{}", names.output), format!("{module}{}", names.error));
        item.members.insert(
            format!("fn {}::wait", w.names.waiter),
            format!("(self, options: impl Into<waiters::WaitOptions>) -> Result<waiters::FinalPoll<{o}, {e}>, waiters::WaitError<{o}, {e}>>"),
        );
    }
    struct_items(api, "struct", &module, &input);
    struct_items(api, "struct", &module, &output);
    let errors = api.item(format!("enum {module}{}", names.error), NON_EXHAUSTIVE);
    for v in &plan.errors {
        let ty = format!("types::error::{}", v.variant);
        errors.members.insert(format!("variant {}", v.variant), if v.boxed { format!("(Box<{ty}>)") } else { format!("({ty})") });
    }
    errors.members.insert("variant Unhandled".into(), "(error::Unhandled)".into());
    Ok(())
}

/// A structure's fields (inputs mark required members) and its builder's setters and
/// `build()`.
fn struct_items(api: &mut ApiSurface, kind: &str, module: &str, spec: &StructSpec<'_>) {
    let (name, builder) = (spec.name.to_string(), spec.builder.to_string());
    let input = matches!(spec.role, Role::Input(_));
    let item = api.item(format!("{kind} {module}{name}"), NON_EXHAUSTIVE);
    for m in &spec.members {
        let required = if input && m.required { format!(" {REQUIRED}") } else { String::new() };
        item.members.insert(format!("field {}", m.field_text), format!(": {}{required}", render(&m.field_type())));
    }
    let builder_item = api.item(format!("builder {module}{builder}"), "");
    for m in &spec.members {
        setter_lines(m, &mut builder_item.members);
    }
    let built = if spec.fallible { format!("Result<{name}, BuildError>") } else { name };
    builder_item.members.insert("fn build".into(), format!("(self) -> {built}"));
}

fn setter_lines(m: &MemberInfo<'_>, into: &mut std::collections::BTreeMap<String, String>) {
    let (params, _) = m.setter_parts(&quote!(self));
    into.insert(format!("fn {}", m.setter.to_string().trim_start_matches("r#")), format!("(self, {}) -> Self", render(&params)));
    into.insert(format!("fn {}", m.set_opt), format!("(self, input: Option<{}>) -> Self", render(&m.ty)));
}

/// The public inherent methods (and free functions) of a runtime module, from its source.
fn runtime_items(api: &mut ApiSurface, module: &str, text: &str) -> Result<()> {
    let file: syn::File = syn::parse_str(text).map_err(|e| Error::InvalidOutput { file: format!("src/{module}.rs"), message: e.to_string() })?;
    // Impls of private helper types are no API.
    let public: std::collections::BTreeSet<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) if matches!(s.vis, syn::Visibility::Public(_)) => Some(s.ident.to_string()),
            syn::Item::Enum(e) if matches!(e.vis, syn::Visibility::Public(_)) => Some(e.ident.to_string()),
            _ => None,
        })
        .collect();
    for item in &file.items {
        match item {
            syn::Item::Impl(block) if block.trait_.is_none() && type_ident(&block.self_ty).is_some_and(|t| public.contains(&t)) => {
                let self_ty = &block.self_ty;
                let entry = api.item(format!("impl {module}::{}", render(&quote!(#self_ty))), "");
                for inner in &block.items {
                    if let syn::ImplItem::Fn(f) = inner
                        && matches!(f.vis, syn::Visibility::Public(_))
                    {
                        signature_line(&f.sig, &mut entry.members);
                    }
                }
            }
            syn::Item::Fn(f) if matches!(f.vis, syn::Visibility::Public(_)) => {
                signature_line(&f.sig, &mut api.item(format!("mod {module}"), "").members);
            }
            _ => {}
        }
    }
    Ok(())
}

/// The name of a type as written in an impl (`Waiter` of `Waiter<T>`).
fn type_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn signature_line(sig: &syn::Signature, into: &mut std::collections::BTreeMap<String, String>) {
    let (inputs, output) = (&sig.inputs, &sig.output);
    let text = render(&quote!((#inputs) #output)).replace("mut self", "self");
    into.insert(format!("fn {}", sig.ident), text);
}

/// Tokens as a person writes them: `Option<Vec<String>>`, `impl Into<String>`, `&[T]`.
fn render(tokens: &TokenStream) -> String {
    let mut text = tokens.to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" < ", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
        ("& ", "&"),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        (" :", ":"),
        ("' ", "'"),
    ] {
        text = text.replace(from, to);
    }
    text.replace("->", " -> ").replace("  ", " ").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_render_as_written() {
        let table = [
            (quote!(Option<Vec<HashMap<String, Foo>>>), "Option<Vec<HashMap<String, Foo>>>"),
            (quote!(input: impl Into<String>), "input: impl Into<String>"),
            (quote!(key: impl Into<String>, value: impl Into<Option<i32>>), "key: impl Into<String>, value: impl Into<Option<i32>>"),
            (quote!(&[crate::types::Thing]), "&[crate::types::Thing]"),
            (
                quote!((mut self, provider: impl ProvideCredentials + 'static) -> Self),
                "(mut self, provider: impl ProvideCredentials + 'static) -> Self",
            ),
            (quote!((now: fn() -> SystemTime) -> Result<Self, BuildError>), "(now: fn() -> SystemTime) -> Result<Self, BuildError>"),
        ];
        for (tokens, expected) in table {
            assert_eq!(render(&tokens), expected);
        }
    }
}
