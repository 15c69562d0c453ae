//! Structures: the struct, its getters, its builder, `Debug` (redacting sensitive members)
//! and its JSON body form.

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::Result;
use crate::plan::{Ctx, MemberInfo, Role, Scope, StructSpec};

/// The struct, its impl blocks, builder, and the impls of its body codec.
pub fn emit(ctx: &Ctx<'_>, spec: &StructSpec<'_>, doc: TokenStream, scope: &mut Scope) -> Result<TokenStream> {
    let StructSpec { name, builder, .. } = spec;
    let is_error = spec.role == Role::Error;
    let is_input = matches!(spec.role, Role::Input(_));
    let fields = spec.members.iter().map(|m| {
        let (field, ty) = (&m.field, m.field_type());
        let doc = if is_input { m.summary(ctx) } else { m.doc(ctx) };
        quote!(#doc pub #field: #ty,)
    });
    let meta_field = if is_error {
        let meta = scope.import("crate::error", "ErrorMetadata");
        quote!(pub(crate) meta: #meta,)
    } else {
        quote!()
    };
    let getters = spec.members.iter().map(|m| m.getter(ctx));
    let debug_impls = if spec.sensitive() { debug_impls(spec) } else { quote!() };
    let builder_doc = format!(" A builder for [`{name}`].");
    let builder_item = if is_input { input_builder(ctx, spec, scope) } else { data_builder(ctx, spec, scope) };
    let json = ctx.protocol.codec().structure(ctx, spec, scope)?;
    // Inputs are all `Option`s, so they have a `Default` (their builder starts from it).
    let derives = spec.derives(is_input);
    Ok(quote! {
        #doc
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #meta_field
        }

        impl #name {
            #(#getters)*

            #[doc = #builder_doc]
            #[inline]
            pub fn builder() -> #builder {
                #builder::default()
            }
        }

        #builder_item
        #debug_impls
        #json
    })
}

// Getters, setters, `builder()` and `build()` are `#[inline]`: rustc compiles them only in
// the crates that call them (a program uses few of them), not all of them in the client
// crate; that takes about 9% off a clean debug build of the DynamoDB client.

/// The builder of a structure that is not an operation input: `Option` fields, a
/// `x(value)` and `set_x(Option)` setter per member, and `build()`.
fn data_builder(ctx: &Ctx<'_>, spec: &StructSpec<'_>, scope: &mut Scope) -> TokenStream {
    let (name, builder) = (&spec.name, &spec.builder);
    let doc = format!(" A builder for [`{name}`].");
    let fields = spec.members.iter().map(|m| {
        let (field, ty) = (&m.field, &m.ty);
        quote!(pub(crate) #field: Option<#ty>,)
    });
    let place = quote!(self);
    let setters = spec.members.iter().map(|m| setters(m, &place, &m.summary(ctx)));
    let build = build_fn(spec, scope);
    let derives = spec.derives(true);
    quote! {
        #[doc = #doc]
        #derives
        pub struct #builder {
            #(#fields)*
        }

        impl #builder {
            #(#setters)*
            #build
        }
    }
}

/// `x(value)` and `set_x(Option)` for a member stored in `<place>.x`.
fn setters(m: &MemberInfo<'_>, place: &TokenStream, doc: &TokenStream) -> TokenStream {
    let (field, setter, set_opt, ty) = (&m.field, &m.setter, &m.set_opt, &m.ty);
    let (params, store) = m.setter_parts(place);
    let note = m.setter_note();
    let set_doc = m.option_setter_doc();
    quote! {
        #doc
        #note
        #[inline]
        pub fn #setter(mut self, #params) -> Self {
            #store
            self
        }

        #set_doc
        #[inline]
        pub fn #set_opt(mut self, input: Option<#ty>) -> Self {
            #place.#field = input;
            self
        }
    }
}

/// The builder of an operation input. It wraps the input itself (whose members are all
/// optional) and is generic over what it is bound to: `()` for a plain builder, the
/// [`Client`](crate::Client) for the operation's fluent builder, which adds `send()`.
/// So every setter is written once, with the member's full documentation.
fn input_builder(ctx: &Ctx<'_>, spec: &StructSpec<'_>, scope: &mut Scope) -> TokenStream {
    let (name, builder) = (&spec.name, &spec.builder);
    let Role::Input(op) = spec.role else { return quote!() };
    let method = crate::naming::module_name(op);
    let fluent = format!("{}FluentBuilder", crate::naming::type_name(op));
    let doc =
        format!(" A builder for [`{name}`]. [`Client::{method}`] returns it bound to the client, as [`{fluent}`], which can also send the request.");
    let place = quote!(self.input);
    let setters = spec.members.iter().map(|m| setters(m, &place, &m.doc(ctx)));
    let build = build_fn(spec, scope);
    // `Debug` prints the input through its own impl (which redacts, when it must).
    let derives = if spec.members.iter().any(|m| m.streaming) {
        quote!(#[derive(Default, Debug)])
    } else {
        quote!(#[derive(Clone, Default, PartialEq, Debug)])
    };
    quote! {
        #[doc = #doc]
        #derives
        pub struct #builder<C = ()> {
            input: #name,
            client: C,
        }

        impl<C> #builder<C> {
            #(#setters)*

            /// The input set so far (read members with its getters).
            #[inline]
            pub fn as_input(&self) -> &#name {
                &self.input
            }

            #build
        }
    }
}

/// `Debug` for a struct and its builder that prints sensitive members as redacted.
fn debug_impls(spec: &StructSpec<'_>) -> TokenStream {
    let (name, builder) = (&spec.name, &spec.builder);
    let (name_text, builder_text) = (name.to_string(), builder.to_string());
    let entries: Vec<_> = spec.members.iter().map(MemberInfo::debug_field).collect();
    let meta = if spec.role == Role::Error { quote!(.field("meta", &self.meta)) } else { quote!() };
    let struct_debug = quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name_text) #(#entries)* #meta .finish()
            }
        }
    };
    if matches!(spec.role, Role::Input(_)) {
        // The input builder derives `Debug` and prints the input through this impl.
        return struct_debug;
    }
    quote! {
        #struct_debug

        impl std::fmt::Debug for #builder {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#builder_text) #(#entries)* .finish()
            }
        }
    }
}

/// `build()`: checks required members (all missing ones reported together) and applies
/// defaults.
fn build_fn(spec: &StructSpec<'_>, scope: &mut Scope) -> TokenStream {
    let name = &spec.name;
    let doc = format!(" Builds the [`{name}`].");
    // An error built by hand has its code (tests branch on it), nothing from a response.
    let meta_init = if spec.role == Role::Error {
        let meta = scope.import("crate::error", "ErrorMetadata");
        let code = spec.shape.name();
        quote!(meta: #meta::of_code(#code),)
    } else {
        quote!()
    };
    let context = match spec.role {
        Role::Input(op) => op.to_owned(),
        _ => name.to_string(),
    };
    let checked: Vec<&MemberInfo<'_>> = match spec.role {
        Role::Input(_) => spec.members.iter().filter(|m| m.required).collect(),
        _ => spec.members.iter().filter(|m| !m.optional && m.default.is_none()).collect(),
    };
    let inits = spec.members.iter().map(|m| {
        let field = &m.field;
        match (&m.default, m.optional) {
            (Some(default), false) => {
                let value = m.filled(default);
                quote!(#field: #value,)
            }
            // Checked members are bound by the `let ... else` below.
            (None, false) => quote!(#field,),
            _ => quote!(#field: self.#field,),
        }
    });
    let is_input = matches!(spec.role, Role::Input(_));
    // An input builder holds the input itself.
    let value = if is_input { quote!(self.input) } else { quote!(#name { #(#inits)* #meta_init }) };
    if !spec.fallible {
        return quote! {
            #[doc = #doc]
            #[inline]
            pub fn build(self) -> #name {
                #value
            }
        };
    }
    let build_error = scope.import("crate::error", "BuildError");
    let place = if is_input { quote!(self.input) } else { quote!(self) };
    let checks = checked.iter().map(|m| {
        let (field, text) = (&m.field, &m.field_text);
        quote!(if #place.#field.is_none() { missing.push(#text); })
    });
    // Inputs keep required members as `Option`s: the check is all there is.
    let bind = if is_input {
        quote!(if !missing.is_empty() { return Err(#build_error::missing(#context, missing)); })
    } else {
        let fields: Vec<_> = checked.iter().map(|m| &m.field).collect();
        quote! {
            let (#(Some(#fields),)*) = (#(self.#fields,)*) else {
                return Err(#build_error::missing(#context, missing));
            };
        }
    };
    let doc_err = " Fails, naming every one of them, when required members are missing.";
    quote! {
        #[doc = #doc]
        #[doc = ""]
        #[doc = #doc_err]
        #[inline]
        pub fn build(self) -> Result<#name, #build_error> {
            let mut missing = Vec::new();
            #(#checks)*
            #bind
            Ok(#value)
        }
    }
}
