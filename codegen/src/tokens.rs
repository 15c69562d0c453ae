//! Questions asked of generated token streams (never of their text, where a string
//! literal could pass for code).

use proc_macro2::{TokenStream, TokenTree};

/// Whether the identifier `name` appears in `tokens` (not inside a string literal).
pub fn uses_ident(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == name,
        TokenTree::Group(g) => uses_ident(&g.stream(), name),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn identifiers_not_strings() {
        let tokens = quote!(let v = query.push("failover", &fail_over); { BTreeMap::new() });
        assert!(uses_ident(&tokens, "BTreeMap"));
        assert!(uses_ident(&tokens, "fail_over"));
        assert!(!uses_ident(&tokens, "fail"));
        assert!(!uses_ident(&tokens, "failover"));
    }
}
