//! The `use` lines of one generated file, collected while its items are emitted, so every
//! file imports exactly what it uses (no unused imports, short paths in the code).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::ident;

/// Imports of one file, and the names its own items take.
#[derive(Default)]
pub struct Scope {
    imports: BTreeMap<String, BTreeSet<String>>,
    by_name: BTreeMap<String, String>,
    local: BTreeSet<String>,
}

impl Scope {
    /// A scope for a file that defines these item names itself.
    pub fn new(local: impl IntoIterator<Item = String>) -> Scope {
        Scope { local: local.into_iter().collect(), ..Scope::default() }
    }

    /// A reference to `module::name`: the bare name, imported, unless the name is taken
    /// in this file (by a local item or another import), in which case the full path.
    pub fn import(&mut self, module: &str, name: &str) -> TokenStream {
        let taken_elsewhere = self.by_name.get(name).is_some_and(|m| m != module);
        if self.local.contains(name) || taken_elsewhere {
            let path: TokenStream = format!("{module}::{name}").parse().unwrap_or_default();
            return path;
        }
        self.by_name.insert(name.to_owned(), module.to_owned());
        self.imports.entry(module.to_owned()).or_default().insert(name.to_owned());
        let id = ident(name);
        quote!(#id)
    }

    /// The `use` items, sorted.
    pub fn uses(&self) -> TokenStream {
        let items = self.imports.iter().map(|(module, names)| {
            let module: TokenStream = module.parse().unwrap_or_default();
            let names: Vec<_> = names.iter().map(|n| ident(n)).collect();
            if names.len() == 1 {
                let n = &names[0];
                quote!(use #module::#n;)
            } else {
                quote!(use #module::{#(#names),*};)
            }
        });
        quote!(#(#items)*)
    }
}
