//! Enums, intEnums and unions. Each has an `Unknown` variant so a value added to the
//! service later does not break an older client.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::error::{Error, Result};
use crate::model::traits::EnumValue;
use crate::model::{Shape, ShapeKind};
use crate::naming::{ident, variant_name};
use crate::plan::{Ctx, Scope, members};

/// The wire value of a string enum member: its `@enumValue`, else its name.
pub fn string_value(m: &crate::model::Member) -> String {
    match m.traits.enum_value() {
        Some(EnumValue::String(v)) => v,
        _ => m.name.clone(),
    }
}

/// The value of an intEnum member: its integer `@enumValue`.
pub fn int_value(m: &crate::model::Member) -> Result<i32> {
    let Some(EnumValue::Int(v)) = m.traits.enum_value() else {
        return Err(Error::shape(&m.id, "intEnum members need an integer @enumValue"));
    };
    i32::try_from(v).map_err(|_| Error::shape(&m.id, "intEnum value does not fit in 32 bits"))
}

/// A string enum.
pub fn string_enum(ctx: &Ctx<'_>, shape: &Shape, name: &str, scope: &mut Scope) -> Result<TokenStream> {
    let ShapeKind::Enum(members) = &shape.kind else { return Err(Error::shape(&shape.id, "expected an enum")) };
    let name = ident(name);
    let doc = ctx.shape_doc(shape);
    let (variants, values, docs) = enum_members(ctx, shape, members, |m| Ok(string_value(m)))?;
    let codec = ctx.protocol.codec().string_enum(ctx, shape, &name, scope);
    Ok(quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #variants,)*
            /// A value this version of the client does not know, as received.
            Unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#variants => #values,)*
                    #name::Unknown(value) => value,
                }
            }

            /// Every value this version of the client knows.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => #name::#variants,)*
                    other => #name::Unknown(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(#name::from(value))
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #codec
    })
}

/// An intEnum.
pub fn int_enum(ctx: &Ctx<'_>, shape: &Shape, name: &str, scope: &mut Scope) -> Result<TokenStream> {
    let ShapeKind::IntEnum(members) = &shape.kind else { return Err(Error::shape(&shape.id, "expected an intEnum")) };
    let name = ident(name);
    let doc = ctx.shape_doc(shape);
    let (variants, numbers, docs) = enum_members(ctx, shape, members, int_value)?;
    let values: Vec<Literal> = numbers.into_iter().map(Literal::i32_unsuffixed).collect();
    let codec = ctx.protocol.codec().int_enum(ctx, shape, &name, scope);
    Ok(quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #variants,)*
            /// A value this version of the client does not know, as received.
            Unknown(i32),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn value(self) -> i32 {
                match self {
                    #(#name::#variants => #values,)*
                    #name::Unknown(value) => value,
                }
            }
        }

        impl From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => #name::#variants,)*
                    other => #name::Unknown(other),
                }
            }
        }

        #codec
    })
}

/// A union: one variant per member, plus `Unknown` for members this client does not know.
pub fn union(ctx: &Ctx<'_>, shape: &Shape, name: &str, scope: &mut Scope) -> Result<TokenStream> {
    let name = ident(name);
    let doc = ctx.shape_doc(shape);
    let infos = members(ctx, &shape.id, false, scope)?;
    let variants: Vec<_> = infos.iter().map(|m| ident(&variant_name(&m.member.name))).collect();
    check_unique(&shape.id, infos.iter().map(|m| &m.member.name), variants.iter().map(|v| v.to_string()))?;
    let docs: Vec<TokenStream> = infos.iter().map(|m| m.doc(ctx)).collect();
    let tys: Vec<_> = infos.iter().map(|m| &m.ty).collect();
    let accessors = infos.iter().zip(&variants).map(|(m, v)| {
        let as_fn = ident(&crate::naming::union_accessor(&m.member.name));
        // A boxed variant lends its value, not the box.
        let (ty, value) = if m.boxed { (&m.ty_unboxed, quote!(&**value)) } else { (&m.ty, quote!(value)) };
        let doc = format!(" The `{}` value, if this is that variant.", m.member.name);
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #as_fn(&self) -> Option<&#ty> {
                match self {
                    #name::#v(value) => Some(#value),
                    _ => None,
                }
            }
        }
    });
    let debug = if infos.iter().any(|m| m.sensitive) {
        let arms = infos.iter().zip(&variants).map(|(m, v)| {
            let text = v.to_string();
            if m.sensitive {
                quote!(#name::#v(_) => f.debug_tuple(#text).field(&"*** Sensitive Data Redacted ***").finish(),)
            } else {
                quote!(#name::#v(value) => f.debug_tuple(#text).field(value).finish(),)
            }
        });
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self {
                        #(#arms)*
                        #name::Unknown => f.write_str("Unknown"),
                    }
                }
            }
        }
    } else {
        quote!()
    };
    let derive_debug = if debug.is_empty() { quote!(Debug,) } else { quote!() };
    let codec = ctx.protocol.codec().union(ctx, shape, &name, &infos, &variants, scope)?;
    Ok(quote! {
        #doc
        #[derive(Clone, PartialEq, #derive_debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #variants(#tys),)*
            /// A member this version of the client does not know.
            Unknown,
        }

        impl #name {
            #(#accessors)*
        }

        #debug

        #codec
    })
}

/// Variant names, wire values and docs of an enum's members (a member without docs is
/// documented by its value). Fails when two members become the same variant.
fn enum_members<V: std::fmt::Display>(
    ctx: &Ctx<'_>,
    shape: &Shape,
    members: &indexmap::IndexMap<String, crate::model::Member>,
    value: impl Fn(&crate::model::Member) -> Result<V>,
) -> Result<(Vec<proc_macro2::Ident>, Vec<V>, Vec<TokenStream>)> {
    let (mut variants, mut values, mut docs) = (Vec::new(), Vec::new(), Vec::new());
    for m in members.values() {
        let v = value(m)?;
        variants.push(ident(&variant_name(&m.name)));
        docs.push(ctx.doc_or(m.traits.documentation(), &format!("`{v}`")));
        values.push(v);
    }
    check_unique(&shape.id, members.keys(), variants.iter().map(|v| v.to_string()))?;
    Ok((variants, values, docs))
}

fn check_unique<'a>(id: &crate::model::ShapeId, names: impl Iterator<Item = &'a String>, rust: impl Iterator<Item = String>) -> Result<()> {
    let mut seen = std::collections::BTreeMap::new();
    for (model, rust) in names.zip(rust) {
        if let Some(other) = seen.insert(rust.clone(), model.clone()) {
            return Err(Error::shape(id, format!("members `{other}` and `{model}` both become the variant `{rust}`")));
        }
    }
    Ok(())
}
