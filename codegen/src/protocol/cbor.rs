//! The CBOR body codec of `rpcv2Cbor`: `ToCbor` for what requests carry, `CborObject`
//! (builders) and `FromCbor` for what responses carry, on the runtime's `rt::cbor`.
//! Structures are maps keyed by member name; timestamps, blobs and big numbers take the
//! runtime's tags and major types. Documents have no CBOR form in the protocol.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::body;
use crate::error::{Error, Result};
use crate::model::{Member, Shape, ShapeId, ShapeKind, Simple};
use crate::plan::{Codec, Ctx, MemberInfo, Scope, StructSpec};

/// The CBOR codec.
pub struct Cbor;

/// A JSON value in CBOR, value by value (integers as integers, other numbers as doubles),
/// in the CBOR form of `shape` when it is known: blobs (base64 in JSON) as bytes,
/// timestamps as tag 1.
fn encode(
    ctx: &Ctx<'_>,
    shape: Option<&ShapeId>,
    w: &mut minicbor::Encoder<Vec<u8>>,
    value: &serde_json::Value,
) -> Result<(), minicbor::encode::Error<std::convert::Infallible>> {
    use base64::Engine;
    use serde_json::Value;
    let kind = shape.and_then(|id| ctx.model.get(id)).map(|s| &s.kind);
    match (kind, value) {
        (Some(ShapeKind::Structure(members) | ShapeKind::Union(members)), Value::Object(entries)) => {
            w.map(entries.len() as u64)?;
            return entries.iter().try_for_each(|(k, v)| {
                w.str(k)?;
                let member = members.values().find(|m| ctx.wire_name(m) == k.as_str());
                encode(ctx, member.map(|m| &m.target), w, v)
            });
        }
        (Some(ShapeKind::Map { value: m, .. }), Value::Object(entries)) => {
            w.map(entries.len() as u64)?;
            return entries.iter().try_for_each(|(k, v)| {
                w.str(k)?;
                encode(ctx, Some(&m.target), w, v)
            });
        }
        (Some(ShapeKind::List(item)), Value::Array(items)) => {
            w.array(items.len() as u64)?;
            return items.iter().try_for_each(|v| encode(ctx, Some(&item.target), w, v));
        }
        (Some(ShapeKind::Simple(Simple::Blob)), Value::String(text)) => {
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(text) {
                return w.bytes(&bytes).map(drop);
            }
        }
        (Some(ShapeKind::Simple(Simple::Timestamp)), Value::Number(_)) => {
            w.tag(minicbor::data::Tag::new(1))?;
        }
        _ => {}
    }
    match value {
        Value::Null => w.null().map(drop),
        Value::Bool(b) => w.bool(*b).map(drop),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => w.i64(i).map(drop),
            (_, Some(u)) => w.u64(u).map(drop),
            _ => w.f64(n.as_f64().unwrap_or(f64::NAN)).map(drop),
        },
        Value::String(s) => w.str(s).map(drop),
        Value::Array(items) => {
            w.array(items.len() as u64)?;
            items.iter().try_for_each(|item| encode(ctx, None, w, item))
        }
        Value::Object(entries) => {
            w.map(entries.len() as u64)?;
            entries.iter().try_for_each(|(k, v)| {
                w.str(k)?;
                encode(ctx, None, w, v)
            })
        }
    }
}

/// Refuses members whose values are documents (alone, or in a list or map).
fn refuse_documents(ctx: &Ctx<'_>, infos: &[&MemberInfo<'_>]) -> Result<()> {
    let document = |id: &ShapeId| ctx.model.get(id).is_some_and(|s| matches!(s.kind, ShapeKind::Simple(Simple::Document)));
    for m in infos {
        let holds = match ctx.model.get(&m.member.target).map(|s| &s.kind) {
            Some(ShapeKind::List(item)) => document(&item.target),
            Some(ShapeKind::Map { value, .. }) => document(&value.target),
            _ => document(&m.member.target),
        };
        if holds {
            return Err(Error::unsupported(&m.member.id, "a document in a CBOR body (rpcv2Cbor has no form for documents)"));
        }
    }
    Ok(())
}

/// `ToCbor` when requests carry the type, `FromCbor` always, given how its value is
/// written (with `w`, the writer) and read (from `r`, the reader).
fn value_impls(ctx: &Ctx<'_>, shape: &Shape, name: &Ident, (write, read): (TokenStream, TokenStream), scope: &mut Scope) -> TokenStream {
    let (from_cbor, reader, read_error) =
        (scope.import("crate::rt::cbor", "FromCbor"), scope.import("crate::rt::cbor", "Reader"), scope.import("crate::rt::cbor", "ReadError"));
    let to_cbor_impl = if ctx.is_sent(&shape.id) {
        let (to_cbor, writer, write_error) =
            (scope.import("crate::rt::cbor", "ToCbor"), scope.import("crate::rt::cbor", "Writer"), scope.import("crate::rt::cbor", "WriteError"));
        quote! {
            impl #to_cbor for #name {
                fn to_cbor(&self, w: &mut #writer) -> Result<(), #write_error> {
                    #write
                }
            }
        }
    } else {
        quote!()
    };
    quote! {
        #to_cbor_impl

        impl #from_cbor for #name {
            fn from_cbor(r: &mut #reader<'_>) -> Result<Self, #read_error> {
                #read
            }
        }
    }
}

impl Codec for Cbor {
    fn structure(&self, ctx: &Ctx<'_>, spec: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let (name, builder) = (&spec.name, &spec.builder);
        let body_members = body::members(ctx, spec);
        refuse_documents(ctx, &body_members)?;
        let mut out = TokenStream::new();
        if body::is_written(ctx, spec, &body_members) {
            let (to_cbor, writer, write_error) =
                (scope.import("crate::rt::cbor", "ToCbor"), scope.import("crate::rt::cbor", "Writer"), scope.import("crate::rt::cbor", "WriteError"));
            let entry = if body_members.is_empty() { quote!() } else { scope.import("crate::rt::cbor", "entry") };
            let entries = body_members.iter().map(|m| {
                let (field, wire) = (&m.field, &m.wire);
                if m.optional { quote!(if let Some(v) = &self.#field { #entry(w, #wire, v)?; }) } else { quote!(#entry(w, #wire, &self.#field)?;) }
            });
            let inline = spec.codec_inline();
            out.extend(quote! {
                impl #to_cbor for #name {
                    #inline
                    fn to_cbor(&self, w: &mut #writer) -> Result<(), #write_error> {
                        w.begin_map()?;
                        #(#entries)*
                        w.end()?;
                        Ok(())
                    }
                }
            });
        }
        if body::is_read(spec) {
            let (cbor_object, reader, read_error, cbor) = (
                scope.import("crate::rt::cbor", "CborObject"),
                scope.import("crate::rt::cbor", "Reader"),
                scope.import("crate::rt::cbor", "ReadError"),
                scope.import("crate::rt", "cbor"),
            );
            let inline = spec.codec_inline();
            let member_fn = if body_members.is_empty() {
                quote! {
                    #inline
                    fn member(&mut self, _name: &str, r: &mut #reader<'_>) -> Result<(), #read_error> {
                        #cbor::skip(r)
                    }
                }
            } else {
                let arms = body_members.iter().map(|m| {
                    let (field, wire) = (&m.field, &m.wire);
                    let value = if m.boxed { quote!(#cbor::member(r)?.map(Box::new)) } else { quote!(#cbor::member(r)?) };
                    quote!(#wire => self.#field = #value,)
                });
                quote! {
                    #inline
                    fn member(&mut self, name: &str, r: &mut #reader<'_>) -> Result<(), #read_error> {
                        match name {
                            #(#arms)*
                            _ => #cbor::skip(r)?,
                        }
                        Ok(())
                    }
                }
            };
            out.extend(body::builder_reader(spec, &cbor_object, member_fn));
            // Errors too: an event stream union can hold one.
            if matches!(spec.role, crate::plan::Role::Data | crate::plan::Role::Error) {
                let from_cbor = scope.import("crate::rt::cbor", "FromCbor");
                out.extend(quote! {
                    impl #from_cbor for #name {
                        fn from_cbor(r: &mut #reader<'_>) -> Result<Self, #read_error> {
                            #cbor::object::<#builder>(r)
                        }
                    }
                });
            }
        }
        Ok(out)
    }

    fn string_enum(&self, ctx: &Ctx<'_>, shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        let from_cbor = scope.import("crate::rt::cbor", "FromCbor");
        value_impls(
            ctx,
            shape,
            name,
            (quote!(w.str(self.as_str())?; Ok(())), quote!(<String as #from_cbor>::from_cbor(r).map(|value| #name::from(value.as_str())))),
            scope,
        )
    }

    fn int_enum(&self, ctx: &Ctx<'_>, shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        let from_cbor = scope.import("crate::rt::cbor", "FromCbor");
        value_impls(ctx, shape, name, (quote!(w.i32(self.value())?; Ok(())), quote!(<i32 as #from_cbor>::from_cbor(r).map(#name::from))), scope)
    }

    fn format_name(&self) -> &'static str {
        "CBOR"
    }

    fn media_type(&self) -> &'static str {
        "application/cbor"
    }

    fn test_body(&self, ctx: &Ctx<'_>, shape: Option<&ShapeId>, json: &str) -> Option<Vec<u8>> {
        Some(match serde_json::from_str::<serde_json::Value>(json) {
            Ok(value) => {
                let mut w = minicbor::Encoder::new(Vec::new());
                // Writing into memory cannot fail.
                let _ = encode(ctx, shape, &mut w, &value);
                w.into_writer()
            }
            // Not a document (a malformed body on purpose): sent as it is.
            Err(_) => json.as_bytes().to_vec(),
        })
    }

    fn object_trait(&self, scope: &mut Scope) -> TokenStream {
        scope.import("crate::rt::cbor", "CborObject")
    }

    fn write_document(
        &self,
        _ctx: &Ctx<'_>,
        _shape: &ShapeId,
        _member: Option<&Member>,
        value: TokenStream,
        scope: &mut Scope,
    ) -> Option<TokenStream> {
        let to_vec = scope.import("crate::rt::cbor", "to_vec");
        Some(quote!(#to_vec(#value)))
    }

    fn read_body(&self, builder: &Ident, scope: &mut Scope) -> TokenStream {
        let cbor = scope.import("crate::rt", "cbor");
        quote!(#cbor::from_body::<#builder>(&response.body))
    }

    fn read_builder(&self, builder: &Ident, scope: &mut Scope) -> Option<TokenStream> {
        let read = scope.function("crate::rt::cbor", "builder_from_body");
        Some(quote!(#read::<#builder>(&response.body)))
    }

    fn read_document(&self, scope: &mut Scope) -> Option<TokenStream> {
        Some(scope.function("crate::rt::cbor", "value_from_body"))
    }

    fn union(
        &self,
        ctx: &Ctx<'_>,
        shape: &Shape,
        name: &Ident,
        infos: &[MemberInfo<'_>],
        variants: &[Ident],
        scope: &mut Scope,
    ) -> Result<TokenStream> {
        refuse_documents(ctx, &infos.iter().collect::<Vec<_>>())?;
        let wires: Vec<_> = infos.iter().map(|m| &m.wire).collect();
        let (cbor_union, reader, read_error, cbor) = (
            scope.import("crate::rt::cbor", "CborUnion"),
            scope.import("crate::rt::cbor", "Reader"),
            scope.import("crate::rt::cbor", "ReadError"),
            scope.import("crate::rt", "cbor"),
        );
        let boxed: Vec<_> = infos.iter().map(|m| if m.boxed { quote!(.map(Box::new)) } else { quote!() }).collect();
        let write = if ctx.is_sent(&shape.id) {
            let (entry, write_error) = (scope.import("crate::rt::cbor", "entry"), scope.import("crate::rt::cbor", "WriteError"));
            quote! {
                w.map(1)?;
                match self {
                    #(#name::#variants(value) => #entry(w, #wires, value),)*
                    #name::Unknown => Err(#write_error::message("an unknown union member cannot be sent")),
                }
            }
        } else {
            quote!()
        };
        let impls = value_impls(ctx, shape, name, (write, quote!(#cbor::union(r))), scope);
        Ok(quote! {
            #impls

            impl #cbor_union for #name {
                fn variant(name: &str, r: &mut #reader<'_>) -> Result<Option<Self>, #read_error> {
                    Ok(match name {
                        #(#wires => #cbor::member(r)? #boxed .map(#name::#variants),)*
                        _ => {
                            #cbor::skip(r)?;
                            Some(#name::Unknown)
                        }
                    })
                }
            }
        })
    }
}
