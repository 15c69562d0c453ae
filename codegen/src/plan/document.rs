//! A document value (`smithy.api#Document`, in `@default`s and examples) as a Rust
//! expression of the generated crate's `primitives::Document`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

/// `value` as a `Document` expression; `base` is the path of the generated crate
/// (`crate`, or its library name outside it).
pub fn literal(base: &TokenStream, value: &Value) -> TokenStream {
    let doc = quote!(#base::primitives::Document);
    match value {
        Value::Null => quote!(#doc::Null),
        Value::Bool(b) => quote!(#doc::Bool(#b)),
        Value::String(s) => quote!(#doc::String(String::from(#s))),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => quote!(#doc::Number(#base::primitives::Number::PosInt(#u))),
            (None, Some(i), _) => quote!(#doc::Number(#base::primitives::Number::NegInt(#i))),
            (_, _, f) => {
                let f = Literal::f64_unsuffixed(f.unwrap_or_default());
                quote!(#doc::Number(#base::primitives::Number::Float(#f)))
            }
        },
        Value::Array(items) => {
            let items = items.iter().map(|i| literal(base, i));
            quote!(#doc::Array(vec![#(#items),*]))
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = literal(base, v);
                quote!((String::from(#k), #v))
            });
            quote!(#doc::Object(std::collections::HashMap::from([#(#entries),*])))
        }
    }
}
