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
    /// Crates the file names by full path (`base64::Engine::encode`), without an import.
    crates: BTreeSet<String>,
    /// Functions called through their imported module (`jmespath::get`), by full path.
    functions: BTreeSet<String>,
    by_name: BTreeMap<String, String>,
    local: BTreeSet<String>,
    home: String,
}

impl Scope {
    /// A scope for a file that defines these item names itself.
    pub fn new(local: impl IntoIterator<Item = String>) -> Scope {
        Scope { local: local.into_iter().collect(), ..Scope::default() }
    }

    /// A scope for a file of module `home` (such as `crate::types`) that defines these
    /// item names: references to them need no import.
    pub fn in_module(home: &str, local: impl IntoIterator<Item = String>) -> Scope {
        Scope { home: home.to_owned(), ..Scope::new(local) }
    }

    /// A reference to `module::name`: the bare name, imported, unless the name is taken
    /// in this file (by a local item or another import), in which case the full path.
    pub fn import(&mut self, module: &str, name: &str) -> TokenStream {
        if self.local.contains(name) && module == self.home {
            let id = ident(name);
            return quote!(#id);
        }
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

    /// A function of `module` (`crate::rt::jmespath`), called through the module, which is
    /// imported (`jmespath::get`). The function counts among what the file refers to, so
    /// runtime code kept only for its callers (`// codegen:if-used`) follows it.
    pub fn function(&mut self, module: &str, name: &str) -> TokenStream {
        let (parent, last) = module.rsplit_once("::").unwrap_or(("crate", module));
        let module_ref = self.import(parent, last);
        self.functions.insert(format!("{module}::{name}"));
        let f = ident(name);
        quote!(#module_ref::#f)
    }

    /// Method `name` of the runtime type `ty` (a full path, such as
    /// `crate::rt::json_write::Members`), called on a value. It counts among what the file
    /// refers to, as [`function`](Self::function) does, so runtime code kept only for its
    /// callers follows it.
    pub fn method(&mut self, ty: &str, name: &str) -> TokenStream {
        self.functions.insert(format!("{ty}::{name}"));
        let f = ident(name);
        quote!(#f)
    }

    /// Notes that the file uses crate `name` by full paths (no `use` item is made).
    pub fn uses_crate(&mut self, name: &str) {
        self.crates.insert(name.to_owned());
    }

    /// [`uses_crate`](Self::uses_crate), then `tokens`.
    pub fn uses_crate_then(&mut self, name: &str, tokens: TokenStream) -> TokenStream {
        self.uses_crate(name);
        tokens
    }

    /// What the file refers to: `module::name` for each import, and each crate used by
    /// full paths. The runtime a crate gets follows from these.
    pub fn items(&self) -> impl Iterator<Item = String> + '_ {
        let imported = self.imports.iter().flat_map(|(module, names)| names.iter().map(move |n| format!("{module}::{n}")));
        imported.chain(self.crates.iter().cloned()).chain(self.functions.iter().cloned())
    }

    /// The `use` items, sorted; a module imported beside its own items is folded into
    /// them as `self`.
    pub fn uses(&self) -> TokenStream {
        let mut imports = self.imports.clone();
        for (module, names) in &self.imports {
            for name in names {
                let child = format!("{module}::{name}");
                if let Some(items) = imports.get_mut(&child) {
                    items.insert("self".to_owned());
                    if let Some(parent) = imports.get_mut(module) {
                        parent.remove(name);
                    }
                }
            }
        }
        let items = imports.iter().filter(|(_, names)| !names.is_empty()).map(|(module, names)| {
            let module: TokenStream = module.parse().unwrap_or_default();
            let mut names: Vec<_> = names
                .iter()
                .map(|n| {
                    if n == "self" {
                        quote!(self)
                    } else {
                        let i = ident(n);
                        quote!(#i)
                    }
                })
                .collect();
            // `self` first, as rustfmt orders it.
            names.sort_by_key(|n| n.to_string() != "self");
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
