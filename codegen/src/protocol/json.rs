//! The JSON body codec of `restJson1` and `awsJson1_0`/`awsJson1_1`: `ToJson` for what
//! requests carry, `JsonObject`/`FromJson` for what responses carry, on serde's traits
//! (the runtime's `rt::json*` modules). Member names on the wire come from the protocol
//! (`@jsonName` or not).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::body;
use crate::error::Result;
use crate::model::{Member, Shape, ShapeId};
use crate::plan::{Codec, Ctx, MemberInfo, Role, Scope, StructSpec};

/// The JSON codec.
pub struct Json;

impl Codec for Json {
    fn structure(&self, ctx: &Ctx<'_>, spec: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        structure(ctx, spec, scope)
    }

    fn string_enum(&self, ctx: &Ctx<'_>, shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        enum_impls(
            ctx,
            shape,
            name,
            (quote!(s.serialize_str(self.as_str())), quote!(String::from_json(d).map(|value| #name::from(value.as_str())))),
            scope,
        )
    }

    fn int_enum(&self, ctx: &Ctx<'_>, shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        enum_impls(ctx, shape, name, (quote!(s.serialize_i32(self.value())), quote!(i32::from_json(d).map(#name::from))), scope)
    }

    fn format_name(&self) -> &'static str {
        "JSON"
    }

    fn media_type(&self) -> &'static str {
        "application/json"
    }

    fn object_trait(&self, scope: &mut Scope) -> TokenStream {
        scope.import("crate::rt::json", "JsonObject")
    }

    fn runtime_reads_errors(&self) -> bool {
        true
    }

    fn write_document(
        &self,
        _ctx: &Ctx<'_>,
        _shape: &ShapeId,
        _member: Option<&Member>,
        value: TokenStream,
        scope: &mut Scope,
    ) -> Option<TokenStream> {
        let to_vec = scope.import("crate::rt::json_write", "to_vec");
        Some(quote!(#to_vec(#value)))
    }

    fn unset_payload(&self) -> Option<Vec<u8>> {
        Some(b"{}".to_vec())
    }

    fn read_document(&self, scope: &mut Scope) -> Option<TokenStream> {
        Some(scope.import("crate::rt::json_read", "from_body"))
    }

    fn read_builder(&self, builder: &Ident, scope: &mut Scope) -> Option<TokenStream> {
        let json = scope.import("crate::rt", "json");
        Some(quote!(#json::parse_body_builder::<#builder>(&response.body)))
    }

    fn read_body(&self, builder: &Ident, scope: &mut Scope) -> TokenStream {
        let (json, json_object) = (scope.import("crate::rt", "json"), scope.import("crate::rt::json", "JsonObject"));
        quote!(#json::parse_body_builder::<#builder>(&response.body).map(#json_object::finish))
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
        let wires: Vec<_> = infos.iter().map(|m| &m.wire).collect();
        let from_json = scope.import("crate::rt::json_read", "FromJson");
        let json_union = scope.import("crate::rt::union", "JsonUnion");
        let read_union = scope.import("crate::rt::union", "union");
        let member = scope.import("crate::rt::json_read", "member");
        let json = scope.import("crate::rt", "json");
        let boxed: Vec<_> = infos.iter().map(|m| if m.boxed { quote!(.map(Box::new)) } else { quote!() }).collect();
        let values: Vec<TokenStream> =
            if ctx.is_sent(&shape.id) { infos.iter().map(|m| m.body_value(quote!(value), scope)).collect() } else { Vec::new() };

        let to_json_impl = if ctx.is_sent(&shape.id) {
            let to_json = scope.import("crate::rt::json_write", "ToJson");
            quote! {
            impl #to_json for #name {
                fn to_json<S: serde_core::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    use serde_core::ser::{Error, SerializeMap};
                    let mut map = s.serialize_map(Some(1))?;
                    match self {
                        #(#name::#variants(value) => map.serialize_entry(#wires, #values)?,)*
                        #name::Unknown => return Err(S::Error::custom("an unknown union member cannot be sent")),
                    }
                    map.end()
                }
            }
            }
        } else {
            quote!()
        };
        Ok(quote! {
            #to_json_impl

            impl #json_union for #name {
                fn variant<'de, A: serde_core::de::MapAccess<'de>>(name: &str, map: &mut A) -> Result<Option<Self>, A::Error> {
                    Ok(match name {
                        #(#wires => #member(map)? #boxed .map(#name::#variants),)*
                        _ => {
                            #json::skip(map)?;
                            Some(#name::Unknown)
                        }
                    })
                }
            }

            impl #from_json for #name {
                fn from_json<'de, D: serde_core::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    #read_union(d)
                }
            }
        })
    }
}

/// An enum's impls, given how its value is written (with `s`, a serializer) and read (from
/// `d`, a deserializer): `ToJson` when requests carry it, `FromJson` always.
fn enum_impls(ctx: &Ctx<'_>, shape: &Shape, name: &Ident, (write, read): (TokenStream, TokenStream), scope: &mut Scope) -> TokenStream {
    let from_json = scope.import("crate::rt::json_read", "FromJson");
    let to_json_impl = if ctx.is_sent(&shape.id) {
        let to_json = scope.import("crate::rt::json_write", "ToJson");
        quote! {
            impl #to_json for #name {
                fn to_json<S: serde_core::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    #write
                }
            }
        }
    } else {
        quote!()
    };
    quote! {
        #to_json_impl

        impl #from_json for #name {
            fn from_json<'de, D: serde_core::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #read
            }
        }
    }
}

/// A structure: `ToJson` for types sent in requests; `JsonObject` on the builder and `FromJson` for
/// types read from responses.
fn structure(ctx: &Ctx<'_>, spec: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
    let (name, builder) = (&spec.name, &spec.builder);
    let mut out = TokenStream::new();
    let body_members = body::members(ctx, spec);
    let serialized = body::is_written(ctx, spec, &body_members);
    if serialized {
        let to_json = scope.import("crate::rt::json_write", "ToJson");
        let members = scope.import("crate::rt::json_write", "Members");
        // One call per member and no `?`: the writer's first error ends the object.
        const WRITER: &str = "crate::rt::json_write::Members";
        let entries: Vec<TokenStream> = body_members
            .iter()
            .map(|m| {
                let (field, wire) = (&m.field, &m.wire);
                if m.optional && m.plain_body_value() {
                    let opt = scope.method(WRITER, "opt");
                    quote!(w.#opt(#wire, &self.#field);)
                } else if m.optional {
                    let entry = scope.method(WRITER, "entry");
                    let value = m.body_value(quote!(v), scope);
                    quote!(if let Some(v) = &self.#field { w.#entry(#wire, #value); })
                } else {
                    let entry = scope.method(WRITER, "entry");
                    let value = m.body_value(quote!(&self.#field), scope);
                    quote!(w.#entry(#wire, #value);)
                }
            })
            .collect();
        let body = if entries.is_empty() {
            quote!(#members::start(s).end())
        } else {
            quote! {
                let mut w = #members::start(s);
                #(#entries)*
                w.end()
            }
        };
        out.extend(quote! {
            impl #to_json for #name {
                fn to_json<S: serde_core::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    #body
                }
            }
        });
    }
    if body::is_read(spec) {
        let json_object = scope.import("crate::rt::json", "JsonObject");
        let json = scope.import("crate::rt", "json");
        // One call per member and no `?`, which keeps these readers cheap to compile.
        let arms: Vec<TokenStream> = body_members
            .iter()
            .map(|m| {
                let (field, wire) = (&m.field, &m.wire);
                if m.boxed {
                    let member = scope.import("crate::rt::json_read", "member");
                    quote!(#wire => #member(map).map(|v| self.#field = v.map(Box::new)),)
                } else {
                    let member_into = scope.import("crate::rt::json_read", "member_into");
                    quote!(#wire => #member_into(map, &mut self.#field),)
                }
            })
            .collect();
        let member_fn = if arms.is_empty() {
            quote! {
                fn member<'de, A: serde_core::de::MapAccess<'de>>(&mut self, _name: &str, map: &mut A) -> Result<(), A::Error> {
                    #json::skip(map)
                }
            }
        } else {
            quote! {
                fn member<'de, A: serde_core::de::MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<(), A::Error> {
                    match name {
                        #(#arms)*
                        _ => #json::skip(map),
                    }
                }
            }
        };
        out.extend(body::builder_reader(spec, &json_object, member_fn));
        // Errors too: an event stream union can hold one.
        if matches!(spec.role, Role::Data | Role::Error) {
            let from_json = scope.import("crate::rt::json_read", "FromJson");
            out.extend(quote! {
                impl #from_json for #name {
                    fn from_json<'de, D: serde_core::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        #json::object::<#builder, D>(d)
                    }
                }
            });
        }
    }
    Ok(out)
}
