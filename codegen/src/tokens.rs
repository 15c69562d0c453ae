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

/// Whether the identifier `name` appears in `tokens` other than after `::` (so a `use` of
/// it would be needed: `a::Name` does not need one).
pub fn uses_unqualified_ident(tokens: &TokenStream, name: &str) -> bool {
    let mut colons = 0;
    tokens.clone().into_iter().any(|t| {
        let found = match &t {
            TokenTree::Ident(i) => i == name && colons < 2,
            TokenTree::Group(g) => uses_unqualified_ident(&g.stream(), name),
            _ => false,
        };
        colons = match &t {
            TokenTree::Punct(p) if p.as_char() == ':' => colons + 1,
            _ => 0,
        };
        found
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

    #[test]
    fn qualified_identifiers_need_no_import() {
        assert!(!uses_unqualified_ident(&quote!(a::types::Name::Variant(x)), "Name"));
        assert!(uses_unqualified_ident(&quote!(let v: Name = Name::builder();), "Name"));
        assert!(uses_unqualified_ident(&quote!(f(Name::new())), "Name"));
    }
}
