//! A structure as the emitters see it: its Rust names, role and members.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::context::Ctx;
use super::members::{MemberInfo, members};
use super::scope::Scope;
use crate::error::Result;
use crate::model::ShapeId;

/// What a structure is for; it decides optionality, `build()` and the JSON impls.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role<'a> {
    /// A type in `crate::types`: serialized in requests, parsed from responses.
    Data,
    /// An operation input: every member optional, required ones checked by `build()`,
    /// which names the operation in its error.
    Input(&'a str),
    /// An operation output: parsed from responses.
    Output,
    /// A modeled error: parsed from error responses, carries [`ErrorMetadata`].
    Error,
}

/// A structure ready to emit.
pub struct StructSpec<'m> {
    /// The structure shape.
    pub shape: ShapeId,
    /// The Rust type name.
    pub name: Ident,
    /// The builder name.
    pub builder: Ident,
    /// The role.
    pub role: Role<'m>,
    /// Its members.
    pub members: Vec<MemberInfo<'m>>,
    /// Whether `build()` returns a `Result`.
    pub fallible: bool,
    /// Whether requests carry it (so it is serialized).
    pub sent: bool,
}

impl<'m> StructSpec<'m> {
    /// Computes the members of `id` for a struct named `name`.
    pub fn new(ctx: &Ctx<'m>, id: &ShapeId, name: &str, role: Role<'m>, scope: &mut Scope) -> Result<StructSpec<'m>> {
        let members = members(ctx, id, matches!(role, Role::Input(_)), scope)?;
        let fallible = match role {
            Role::Input(_) => members.iter().any(|m| m.required),
            _ => members.iter().any(|m| !m.optional && m.default.is_none()),
        };
        Ok(StructSpec {
            shape: id.clone(),
            name: crate::naming::ident(name),
            builder: crate::naming::ident(&crate::naming::builder_name(name)),
            role,
            members,
            fallible,
            sent: ctx.is_sent(id),
        })
    }

    /// `#[inline]` on the body reader and writer methods of an operation's input or output.
    /// Only that operation writes or reads them, from its `request` and `parse_output`
    /// (inline too), so they are compiled into the program that calls the operation rather
    /// than into the client crate for every operation. Types that several operations share
    /// keep ordinary methods, compiled once in the client crate.
    pub fn codec_inline(&self) -> TokenStream {
        match self.role {
            Role::Input(_) | Role::Output => quote!(#[inline]),
            Role::Data | Role::Error => TokenStream::new(),
        }
    }

    /// Whether a member is redacted in `Debug`.
    pub fn sensitive(&self) -> bool {
        self.members.iter().any(|m| m.sensitive)
    }

    /// The derives, in this order: `Clone`, `Default` (if asked), `PartialEq`, `Debug`;
    /// without `Clone` and `PartialEq` when a member is a `ByteStream`, which has neither,
    /// and without `Debug` when a member is redacted by a hand-written impl.
    pub fn derives(&self, default: bool) -> TokenStream {
        let streaming = self.members.iter().any(|m| m.streaming);
        let mut names = Vec::new();
        if !streaming {
            names.push(quote!(Clone));
        }
        if default {
            names.push(quote!(Default));
        }
        if !streaming {
            names.push(quote!(PartialEq));
        }
        if !self.sensitive() {
            names.push(quote!(Debug));
        }
        quote!(#[derive(#(#names),*)])
    }
}
