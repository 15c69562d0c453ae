//! Endpoint rules (`smithy.rules#endpointRuleSet`) compiled to Rust, the partitions table
//! for `aws.partition`, and the model's `smithy.rules#endpointTests` as Rust tests.

pub mod ast;
pub mod compile;
mod partitions;

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{Shape, ShapeId};
use crate::naming::{field_name, ident};
use ast::{ParamType, RuleSet};

/// The trait ids read here.
pub const RULE_SET: &str = "smithy.rules#endpointRuleSet";
/// Endpoint test cases.
pub const TESTS: &str = "smithy.rules#endpointTests";
/// Per-operation static parameter values.
pub const STATIC_CONTEXT: &str = "smithy.rules#staticContextParams";
/// Input members bound to parameters.
pub const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
/// Parameters bound to JMESPath expressions over the input.
pub const OPERATION_CONTEXT: &str = "smithy.rules#operationContextParams";

/// The generated `endpoint` module.
pub struct EndpointModule {
    /// Generated files (path, tokens).
    pub files: Vec<(String, TokenStream)>,
    /// Runtime files to copy into `src/endpoint/` (by name, without `.rs`).
    pub runtime: Vec<&'static str>,
    /// Whether `regex-lite` is needed (partition patterns).
    pub regex: bool,
    /// Whether `percent-encoding` is needed (`uriEncode`).
    pub percent_encoding: bool,
    /// The parameters, for binding them in operations.
    pub params: RuleSet,
}

fn rules_error(service: &ShapeId, (path, message): (String, String)) -> Error {
    Error::shape(service, format!("{RULE_SET} at `{path}`: {message}"))
}

/// Reads the service's rule set, or a minimal one (the `endpoint_url` override only) for
/// services without rules.
pub fn rule_set(service: &Shape) -> Result<RuleSet> {
    match service.traits.get(RULE_SET) {
        Some(v) => RuleSet::parse(v).map_err(|e| rules_error(&service.id, e)),
        None => {
            let fallback = serde_json::json!({
                "parameters": {"Endpoint": {"type": "string", "builtIn": "SDK::Endpoint",
                    "documentation": "The endpoint requests are sent to."}},
                "rules": [
                    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
                     "endpoint": {"url": {"ref": "Endpoint"}}, "type": "endpoint"},
                    {"conditions": [], "error": "The service has no endpoint rules: set an endpoint URL in the configuration", "type": "error"}
                ]
            });
            RuleSet::parse(&fallback).map_err(|e| rules_error(&service.id, e))
        }
    }
}

/// The Rust field name of a parameter.
pub fn param_field(name: &str) -> Ident {
    ident(&field_name(name))
}

/// The `Config` value bound to a built-in, if this client configures it.
fn built_in_binding(built_in: &str) -> Option<TokenStream> {
    Some(match built_in {
        "AWS::Region" => quote!(config.region()),
        "AWS::UseFIPS" => quote!(Some(config.use_fips())),
        "AWS::UseDualStack" => quote!(Some(config.use_dual_stack())),
        "SDK::Endpoint" => quote!(config.endpoint_url()),
        _ => return None,
    })
}

/// Builds the endpoint module for the service. `in_client` adds the binding of the
/// parameters to the client configuration (left out of the standalone rules crate).
pub fn endpoint_module(service: &Shape, partitions: Option<&str>, in_client: bool) -> Result<EndpointModule> {
    let rules = rule_set(service)?;
    let compiled = compile::compile(&rules).map_err(|e| rules_error(&service.id, e))?;
    let mut files = Vec::new();
    let mut mods = Vec::new();
    let mut uses = Vec::new();
    if compiled.needs.partition {
        let text = partitions.ok_or_else(|| Error::shape(&service.id, "the endpoint rules use `aws.partition`, but no partitions.json was given"))?;
        files.push(("src/endpoint/partition.rs".to_owned(), partitions::partition_module(text)?));
        mods.push(quote!(
            mod partition;
        ));
        uses.push(quote!(
            pub use partition::{Partition, partition};
        ));
    }
    let runtime: Vec<&'static str> = compiled.needs.functions.iter().copied().collect();
    for f in &runtime {
        let m = ident(f);
        mods.push(quote!(mod #m;));
        let items: Vec<Ident> = match *f {
            "host_label" => vec![ident("is_valid_host_label")],
            "s3_bucket" => vec![ident("is_virtual_hostable_s3_bucket")],
            "url" => vec![ident("Url"), ident("parse_url")],
            "arn" => vec![ident("Arn"), ident("parse_arn")],
            other => vec![ident(other)],
        };
        uses.push(quote!(pub use #m::{#(#items),*};));
    }
    let body = &compiled.body;
    let collections = if crate::tokens::uses_ident(body, "BTreeMap") {
        quote!(
            use std::collections::BTreeMap;
        )
    } else {
        quote!()
    };
    let cow = if crate::tokens::uses_ident(body, "Cow") {
        quote!(
            use std::borrow::Cow;
        )
    } else {
        quote!()
    };
    let params = params_struct(&rules, in_client);
    let cache = cache_key(&rules);
    let config_use = if in_client {
        quote!(
            use crate::config::Config;
        )
    } else {
        quote!()
    };
    let module = quote! {
        //! Endpoint resolution, compiled from the service's endpoint rules
        //! (`smithy.rules#endpointRuleSet`) into plain Rust: [`resolve`] turns [`Params`]
        //! into an [`Endpoint`] or a [`ResolveError`] without interpreting anything at run
        //! time. Every request resolves its endpoint this way, from the client's
        //! configuration.

        mod cache;
        mod resolved;
        #(#mods)*

        #cow
        #collections

        #config_use

        pub use resolved::{Endpoint, Property, ResolveError};
        #(#uses)*

        #params

        #cache

        fn resolve_uncached(params: &Params<'_>) -> Result<Endpoint, ResolveError> {
            #body
        }
    };
    files.push(("src/endpoint/mod.rs".to_owned(), module));
    Ok(EndpointModule { files, percent_encoding: runtime.contains(&"uri_encode"), runtime, regex: compiled.needs.partition, params: rules })
}

/// `resolve`, in front of the compiled rules: the thread's last result is answered again
/// when the parameters are the same, compared with an owned copy of them (`Key`).
fn cache_key(rules: &RuleSet) -> TokenStream {
    let mut fields = Vec::new();
    let mut same = Vec::new();
    let mut copy = Vec::new();
    for (name, p) in &rules.parameters {
        let f = param_field(name);
        match p.ty {
            ParamType::String => {
                fields.push(quote!(#f: Option<String>,));
                same.push(quote!(k.#f.as_deref() == params.#f));
                copy.push(quote!(#f: params.#f.map(str::to_owned),));
            }
            ParamType::Boolean => {
                fields.push(quote!(#f: Option<bool>,));
                same.push(quote!(k.#f == params.#f));
                copy.push(quote!(#f: params.#f,));
            }
            ParamType::StringArray => {
                fields.push(quote!(#f: Option<Vec<String>>,));
                same.push(quote!(cache::same_strs(k.#f.as_deref(), params.#f)));
                copy.push(quote!(#f: params.#f.map(|v| v.iter().map(|s| (*s).to_owned()).collect()),));
            }
        }
    }
    let (k, same) = if same.is_empty() { (quote!(_k), quote!(true)) } else { (quote!(k), quote!(#(#same)&&*)) };
    quote! {
        /// The parameters of the thread's last resolution.
        struct Key {
            #(#fields)*
        }

        thread_local! {
            static LAST: cache::Last<Key> = const { cache::Last::new() };
        }

        /// Resolves the endpoint for these parameters, following the service's rules. The
        /// thread's last result is reused when the parameters repeat.
        pub fn resolve(params: &Params<'_>) -> Result<Endpoint, ResolveError> {
            let same = |#k: &Key| #same;
            let key = || Key { #(#copy)* };
            LAST.try_with(|last| last.get_or_resolve(same, key, || resolve_uncached(params)))
                .unwrap_or_else(|_| resolve_uncached(params))
        }
    }
}

/// The `Params` struct: one optional field per parameter, setters, and the binding of
/// built-ins to the client configuration.
fn params_struct(rules: &RuleSet, in_client: bool) -> TokenStream {
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    let mut bindings = Vec::new();
    let mut unbound = false;
    for (name, p) in &rules.parameters {
        let f = param_field(name);
        let (ty, arg) = match p.ty {
            ParamType::String => (quote!(&'a str), quote!(&'a str)),
            ParamType::Boolean => (quote!(bool), quote!(bool)),
            ParamType::StringArray => (quote!(&'a [&'a str]), quote!(&'a [&'a str])),
        };
        let mut doc = p.documentation.clone().unwrap_or_else(|| format!("The `{name}` parameter."));
        if let Some(b) = &p.built_in {
            doc.push_str(&format!(" (Built-in `{b}`.)"));
        }
        if let Some(d) = &p.default {
            doc.push_str(&format!(" Defaults to `{d}`."));
        } else if p.required {
            doc.push_str(" Required.");
        }
        if let Some(d) = &p.deprecated {
            doc.push_str(&format!(" Deprecated: {d}"));
        }
        let doc = format!(" {doc}");
        let setter_doc = format!(" Sets `{name}`.");
        fields.push(quote!(#[doc = #doc] pub #f: Option<#ty>,));
        setters.push(quote! {
            #[doc = #setter_doc]
            pub fn #f(mut self, value: #arg) -> Self {
                self.#f = Some(value);
                self
            }
        });
        match p.built_in.as_deref().and_then(built_in_binding) {
            Some(b) => bindings.push(quote!(#f: #b,)),
            None => unbound = true,
        }
    }
    let rest = if unbound { quote!(..Params::default()) } else { quote!() };
    let config_param = if bindings.is_empty() { quote!(_config) } else { quote!(config) };
    let from_config = if in_client {
        quote! {
            /// The parameters bound to the client configuration (the built-ins).
            pub(crate) fn from_config(#config_param: &'a Config) -> Self {
                Params { #(#bindings)* #rest }
            }
        }
    } else {
        quote!()
    };
    let lifetime_marker = if rules.parameters.is_empty() { quote!(_marker: std::marker::PhantomData<&'a ()>,) } else { quote!() };
    quote! {
        /// The parameters of the endpoint rules. All are optional here; the rules decide
        /// which must be set, and apply defaults.
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct Params<'a> {
            #(#fields)*
            #lifetime_marker
        }

        impl<'a> Params<'a> {
            /// Parameters with nothing set.
            pub fn new() -> Self {
                Self::default()
            }

            #(#setters)*

            #from_config
        }
    }
}

/// The endpoint parameters an operation binds itself, over the configuration's: its
/// static ones, its input members' (`input_members`: parameter, field, whether a string)
/// and its `operationContextParams` (`context`: parameter, the value as an `Option` of
/// `&str`, `bool` or `Vec<&str>`). The body of its `resolve_endpoint`; `None` when it binds
/// none.
pub fn operation_params(
    rules: &RuleSet,
    op: &Shape,
    input_members: &[(String, Ident, bool)],
    context: &[(String, TokenStream)],
) -> Result<Option<TokenStream>> {
    // Each binding trait must name a parameter of the rules.
    let parameter = |binding: &str, name: &str| {
        rules.parameters.get(name).ok_or_else(|| Error::shape(&op.id, format!("{binding} names `{name}`, which is not an endpoint parameter")))
    };
    let mut fields = Vec::new();
    if let Some(Value::Object(statics)) = op.traits.get(STATIC_CONTEXT) {
        for (name, v) in statics {
            let p = parameter(STATIC_CONTEXT, name)?;
            let f = param_field(name);
            let value = match (p.ty, v.get("value")) {
                (ParamType::String, Some(Value::String(s))) => quote!(Some(#s)),
                (ParamType::Boolean, Some(Value::Bool(b))) => quote!(Some(#b)),
                (ParamType::StringArray, Some(Value::Array(items))) => {
                    let items = items.iter().filter_map(Value::as_str);
                    quote!(Some(&[#(#items),*]))
                }
                _ => return Err(Error::shape(&op.id, format!("{STATIC_CONTEXT} value for `{name}` does not match its type"))),
            };
            fields.push(quote!(#f: #value,));
        }
    }
    for (param, field, is_string) in input_members {
        parameter(CONTEXT_PARAM, param)?;
        let f = param_field(param);
        fields.push(if *is_string { quote!(#f: input.#field.as_deref(),) } else { quote!(#f: input.#field,) });
    }
    // Computed values are bound first: the parameters borrow them.
    let mut bindings = Vec::new();
    for (param, value) in context {
        let p = parameter(OPERATION_CONTEXT, param)?;
        let f = param_field(param);
        bindings.push(quote!(let #f = #value;));
        fields.push(if p.ty == ParamType::StringArray { quote!(#f: #f.as_deref(),) } else { quote!(#f,) });
    }
    if fields.is_empty() {
        return Ok(None);
    }
    Ok(Some(quote! {
        #(#bindings)*
        resolve(&Params { #(#fields)* ..Params::from_config(config) })
    }))
}

/// The model's endpoint test cases as Rust tests of `resolve`, in a module.
pub fn endpoint_tests(service: &Shape, lib: &Ident, rules: &RuleSet, partitions: Option<&str>) -> Result<TokenStream> {
    let (uses, cases) = endpoint_test_items(service, lib, rules, partitions)?;
    if cases.is_empty() {
        return Ok(quote!());
    }
    Ok(quote! {
        /// The model's `smithy.rules#endpointTests`, one test per case.
        mod endpoint_rules {
            #uses
            #(#cases)*
        }
    })
}

/// The `use` lines and the test functions of the model's endpoint test cases. Cases for a
/// region of another partition than `aws` go in a module named after it (`aws_iso`), their
/// failures saying which partitions data the crate compiled: the model's expectations come
/// from the file its tests were written for, which can differ from the bundled one.
pub fn endpoint_test_items(service: &Shape, lib: &Ident, rules: &RuleSet, partitions: Option<&str>) -> Result<(TokenStream, Vec<TokenStream>)> {
    let Some(tests) = service.traits.get(TESTS) else { return Ok((quote!(), Vec::new())) };
    let cases = tests.get("testCases").and_then(Value::as_array).cloned().unwrap_or_default();
    let index = partitions.map(partitions::RegionIndex::new).transpose()?;
    let mut out = Vec::new();
    let mut by_partition: std::collections::BTreeMap<String, Vec<TokenStream>> = std::collections::BTreeMap::new();
    // Named from their documentation: a case added upstream renames no other test.
    let mut names = crate::naming::TestNames::default();
    for (i, case) in cases.iter().enumerate() {
        let bad = |m: String| Error::shape(&service.id, format!("{TESTS} case {}: {m}", i + 1));
        let mut setters = TokenStream::new();
        for (name, v) in case.get("params").and_then(Value::as_object).into_iter().flatten() {
            if !rules.parameters.contains_key(name) {
                return Err(bad(format!("unknown parameter `{name}`")));
            }
            let f = param_field(name);
            let value = match v {
                Value::String(s) => quote!(#s),
                Value::Bool(b) => quote!(#b),
                Value::Array(items) => {
                    let items = items.iter().filter_map(Value::as_str);
                    quote!(&[#(#items),*])
                }
                other => return Err(bad(format!("parameter `{name}` has unsupported value {other}"))),
            };
            setters.extend(quote!(.#f(#value)));
        }
        let expect = case.get("expect").ok_or_else(|| bad("no `expect`".into()))?;
        let region = case.get("params").and_then(|p| p.get("Region")).and_then(Value::as_str);
        let partition = match (&index, region) {
            (Some(index), Some(region)) => index.partition_of(region).filter(|id| *id != "aws").map(|id| (id.to_owned(), index.described.clone())),
            _ => None,
        };
        // A failure says where the expectation comes from, and which partitions data the
        // rules were compiled with.
        let note = match &partition {
            Some((id, described)) => format!("expected by the model for partition `{id}`; the rules use {described}"),
            None => "expected by the model".to_owned(),
        };
        let check = if let Some(message) = expect.get("error").and_then(Value::as_str) {
            quote! {
                let error = match resolve(&params) {
                    Err(error) => error,
                    Ok(endpoint) => panic!("the rules resolve {} where an error is {}: {}", endpoint.url(), #note, #message),
                };
                assert_eq!(error.to_string(), #message, #note);
            }
        } else if let Some(endpoint) = expect.get("endpoint") {
            let url = endpoint.get("url").and_then(Value::as_str).ok_or_else(|| bad("no expected url".into()))?;
            let headers = expected_headers(endpoint.get("headers"));
            let properties = expected_properties(endpoint.get("properties"));
            quote! {
                let endpoint = match resolve(&params) {
                    Ok(endpoint) => endpoint,
                    Err(error) => panic!("the rules end in an error ({error}) where an endpoint is {}: {}", #note, #url),
                };
                assert_eq!(endpoint.url(), #url, #note);
                assert_eq!(endpoint.headers(), &#headers);
                assert_eq!(endpoint.properties(), &#properties);
            }
        } else {
            return Err(bad("`expect` has neither `endpoint` nor `error`".into()));
        };
        let documentation = case.get("documentation").and_then(Value::as_str);
        let name = ident(&names.name(documentation.unwrap_or_default(), "case"));
        let doc = format!(" {}", documentation.unwrap_or("(no description)"));
        let test = quote! {
            #[doc = #doc]
            #[test]
            fn #name() {
                let params = Params::new() #setters;
                #check
            }
        };
        match partition {
            Some((id, _)) => by_partition.entry(id).or_default().push(test),
            None => out.push(test),
        }
    }
    // Each module imports what its own tests use.
    let uses_for = |tests: &[TokenStream]| {
        let cow = if tests.iter().any(|t| crate::tokens::uses_ident(t, "Cow")) {
            quote!(
                use std::borrow::Cow;
            )
        } else {
            quote!()
        };
        let property = if tests.iter().any(|t| crate::tokens::uses_ident(t, "Property")) { quote!(Property,) } else { quote!() };
        let map = if tests.iter().any(|t| crate::tokens::uses_ident(t, "BTreeMap")) {
            quote!(
                use std::collections::BTreeMap;
            )
        } else {
            quote!()
        };
        quote! {
            #cow
            #map

            use #lib::endpoint::{Params, #property resolve};
        }
    };
    let uses = if out.is_empty() { quote!() } else { uses_for(&out) };
    for (id, tests) in &by_partition {
        let module = ident(&crate::naming::test_fn_name(id));
        let described = index.as_ref().map(|i| i.described.as_str()).unwrap_or_default();
        let doc = format!(
            " Cases for regions of the `{id}` partition. The model's expectations come from the partitions data its tests were written for; these rules use {described}, and newer data can change them (`cargo xtask models --partitions FILE` runs them with another file)."
        );
        let module_uses = uses_for(tests);
        out.push(quote! {
            #[doc = #doc]
            mod #module {
                #module_uses
                #(#tests)*
            }
        });
    }
    Ok((uses, out))
}

fn expected_headers(v: Option<&Value>) -> TokenStream {
    let entries = v.and_then(Value::as_object).into_iter().flatten().map(|(k, vals)| {
        let vals = vals.as_array().into_iter().flatten().filter_map(Value::as_str);
        quote!((Cow::Borrowed(#k), vec![#(Cow::Borrowed(#vals)),*]))
    });
    quote!(BTreeMap::from([#(#entries),*]))
}

fn expected_properties(v: Option<&Value>) -> TokenStream {
    let entries = v.and_then(Value::as_object).into_iter().flatten().map(|(k, v)| {
        let v = expected_property(v);
        quote!((Cow::Borrowed(#k), #v))
    });
    quote!(BTreeMap::from([#(#entries),*]))
}

fn expected_property(v: &Value) -> TokenStream {
    match v {
        Value::String(s) => quote!(Property::String(Cow::Borrowed(#s))),
        Value::Bool(b) => quote!(Property::Bool(#b)),
        Value::Array(items) => {
            let items = items.iter().map(expected_property);
            quote!(Property::Array(vec![#(#items),*]))
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| {
                let v = expected_property(v);
                quote!((Cow::Borrowed(#k), #v))
            });
            quote!(Property::Object(BTreeMap::from([#(#entries),*])))
        }
        other => {
            let text = other.to_string();
            quote!(Property::String(Cow::Borrowed(#text)))
        }
    }
}
