//! What the body codecs share about a structure: which members its body holds, whether it
//! is written into requests or read from responses, and how its builder finishes.

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{Ctx, MemberInfo, Role, StructSpec};

/// The members a structure's body holds: all of a data type's; of an operation's input,
/// output or error, those not bound to labels, headers, payloads...
pub fn members<'s, 'm>(ctx: &Ctx<'_>, spec: &'s StructSpec<'m>) -> Vec<&'s MemberInfo<'m>> {
    // An event stream is never part of a document (RPC protocols bind it to the body).
    let spec_members = spec.members.iter().filter(|m| !m.events);
    match spec.role {
        Role::Input(_) => spec_members.filter(|m| ctx.in_body(m.member)).collect(),
        Role::Output | Role::Error => spec_members.filter(|m| ctx.in_output_body(m.member)).collect(),
        // An event's `@eventHeader` and `@eventPayload` members travel outside its body.
        _ => spec_members.filter(|m| !m.member.traits.is_event_header() && !m.member.traits.is_event_payload()).collect(),
    }
}

/// Whether the structure is written into request bodies. An input without body members
/// has no body, and one of an operation the client refuses (an event stream) is never
/// sent: nothing writes them.
pub fn is_written(ctx: &Ctx<'_>, spec: &StructSpec<'_>, body_members: &[&MemberInfo<'_>]) -> bool {
    match spec.role {
        Role::Data | Role::Error => spec.sent,
        Role::Input(_) => !body_members.is_empty() && ctx.plans().iter().any(|p| p.input == spec.shape && p.sends()),
        _ => false,
    }
}

/// Whether the structure is read from response bodies (its builder is filled member by
/// member).
pub fn is_read(spec: &StructSpec<'_>) -> bool {
    matches!(spec.role, Role::Data | Role::Output | Role::Error)
}

/// The impl that fills the structure's builder from a body, member by member: `object`
/// is the codec's reader trait (`JsonObject`), `member_fn` its `member` method.
pub fn builder_reader(spec: &StructSpec<'_>, object: &TokenStream, member_fn: TokenStream) -> TokenStream {
    let (name, builder, finish, inline) = (&spec.name, &spec.builder, finish(spec), spec.codec_inline());
    quote! {
        impl #object for #builder {
            type Output = #name;

            #member_fn

            #inline
            fn finish(self) -> #name {
                #finish
            }
        }
    }
}

/// The body of the builder's `finish`: the value, with defaults and error correction
/// (the zero value of a required member the response left out).
pub fn finish(spec: &StructSpec<'_>) -> TokenStream {
    let name = &spec.name;
    if !spec.fallible {
        return quote!(self.build());
    }
    let meta_init = if spec.role == Role::Error { quote!(meta: Default::default(),) } else { quote!() };
    let inits = spec.members.iter().map(|m| {
        let field = &m.field;
        match (&m.default, &m.zero, m.optional) {
            (Some(v), _, false) | (None, Some(v), false) => {
                let value = m.filled(v);
                quote!(#field: #value,)
            }
            _ => quote!(#field: self.#field,),
        }
    });
    quote!(#name { #(#inits)* #meta_init })
}
