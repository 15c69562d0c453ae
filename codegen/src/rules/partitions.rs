//! `partitions.json` compiled into the crate: no file is read at run time.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

#[derive(Deserialize)]
struct File {
    partitions: Vec<PartitionDef>,
    #[serde(default)]
    version: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PartitionDef {
    id: String,
    region_regex: String,
    outputs: Map<String, Value>,
    #[serde(default)]
    regions: Map<String, Value>,
}

/// What the generated endpoint tests need of `partitions.json`: the partition each listed
/// region is in, and words that tell this file from another.
pub struct RegionIndex {
    regions: std::collections::BTreeMap<String, String>,
    /// `partitions.json 1.1 (10 partitions, 52 regions)`.
    pub described: String,
}

impl RegionIndex {
    /// The index of a `partitions.json` text.
    pub fn new(text: &str) -> Result<RegionIndex> {
        let file: File = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        let mut regions = std::collections::BTreeMap::new();
        for p in &file.partitions {
            for region in p.regions.keys() {
                regions.entry(region.clone()).or_insert_with(|| p.id.clone());
            }
        }
        let described = format!(
            "partitions.json {}({} partitions, {} regions)",
            file.version.map(|v| format!("{v} ")).unwrap_or_default(),
            file.partitions.len(),
            regions.len()
        );
        Ok(RegionIndex { regions, described })
    }

    /// The partition a region the file lists is in.
    pub fn partition_of(&self, region: &str) -> Option<&str> {
        self.regions.get(region).map(String::as_str)
    }
}

fn bad(message: impl Into<String>) -> Error {
    Error::Ast { path: "partitions.json".into(), message: message.into() }
}

/// The partition outputs `aws.partition` exposes, as (JSON key, Rust field, is boolean).
const FIELDS: &[(&str, &str, bool)] = &[
    ("name", "name", false),
    ("dnsSuffix", "dns_suffix", false),
    ("dualStackDnsSuffix", "dual_stack_dns_suffix", false),
    ("supportsFIPS", "supports_fips", true),
    ("supportsDualStack", "supports_dual_stack", true),
    ("implicitGlobalRegion", "implicit_global_region", false),
];

fn constant(name: &Ident, outputs: &Map<String, Value>) -> Result<TokenStream> {
    let mut fields = Vec::new();
    for (key, field, is_bool) in FIELDS {
        let f = format_ident!("{field}");
        let v = outputs.get(*key).ok_or_else(|| bad(format!("partition output `{key}` is missing")))?;
        fields.push(match (is_bool, v) {
            (true, Value::Bool(b)) => quote!(#f: #b,),
            (false, Value::String(s)) => quote!(#f: #s,),
            _ => return Err(bad(format!("partition output `{key}` has the wrong type"))),
        });
    }
    Ok(quote!(const #name: Partition = Partition { #(#fields)* };))
}

fn const_name(id: &str) -> Ident {
    format_ident!("{}", id.to_ascii_uppercase().replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
}

/// The `partition` module: a `Partition` per partition (and per region that overrides
/// outputs), regions sorted for binary search, and the region patterns.
pub fn partition_module(text: &str) -> Result<TokenStream> {
    let file: File = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    let Some(default) = file.partitions.iter().find(|p| p.id == "aws").or(file.partitions.first()) else {
        return Err(bad("no partitions"));
    };
    let default = const_name(&default.id);
    let mut consts = Vec::new();
    let mut regions: Vec<(String, Ident)> = Vec::new();
    let mut patterns = Vec::new();
    for p in &file.partitions {
        let name = const_name(&p.id);
        consts.push(constant(&name, &p.outputs)?);
        for (region, v) in &p.regions {
            let overrides: Map<String, Value> =
                v.as_object().into_iter().flatten().filter(|(k, _)| *k != "description").map(|(k, v)| (k.clone(), v.clone())).collect();
            if overrides.is_empty() {
                regions.push((region.clone(), name.clone()));
            } else {
                let mut outputs = p.outputs.clone();
                outputs.extend(overrides);
                let region_const = format_ident!("REGION_{}", const_name(region));
                consts.push(constant(&region_const, &outputs)?);
                regions.push((region.clone(), region_const));
            }
        }
        let re = &p.region_regex;
        patterns.push(quote!((#re, &#name)));
    }
    regions.sort();
    regions.dedup_by(|a, b| a.0 == b.0);
    // Dispatch on the length first: inside each arm the comparisons are against strings
    // of a known length, which compile to a few integer compares (no `memcmp` calls).
    let mut by_len: std::collections::BTreeMap<usize, Vec<&(String, Ident)>> = std::collections::BTreeMap::new();
    for entry in &regions {
        by_len.entry(entry.0.len()).or_default().push(entry);
    }
    let length_arms = by_len.iter().map(|(len, entries)| {
        let arms = entries.iter().map(|(r, c)| quote!(#r => Some(&#c),));
        let len = proc_macro2::Literal::usize_unsuffixed(*len);
        quote!(#len => match region { #(#arms)* _ => None },)
    });
    let pattern_count = patterns.len();
    Ok(quote! {
        //! AWS partitions, compiled from `partitions.json`: what `aws.partition` returns
        //! for a region.

        use std::sync::OnceLock;

        /// A partition: regions that share DNS suffixes and capabilities.
        #[derive(Debug, PartialEq, Eq)]
        pub struct Partition {
            /// The partition's name, such as `aws`.
            pub name: &'static str,
            /// The default DNS suffix.
            pub dns_suffix: &'static str,
            /// The DNS suffix of dual-stack (IPv4 and IPv6) endpoints.
            pub dual_stack_dns_suffix: &'static str,
            /// Whether FIPS endpoints exist.
            pub supports_fips: bool,
            /// Whether dual-stack endpoints exist.
            pub supports_dual_stack: bool,
            /// The region global services of the partition sign for.
            pub implicit_global_region: &'static str,
        }

        #(#consts)*

        /// The partition of a region listed in `partitions.json`.
        fn known_region(region: &str) -> Option<&'static Partition> {
            match region.len() {
                #(#length_arms)*
                _ => None,
            }
        }

        /// Each partition's region pattern, in the order of `partitions.json`.
        const PATTERNS: [(&str, &Partition); #pattern_count] = [#(#patterns),*];

        /// The partition of a region: by exact region name, else by the partitions'
        /// region patterns, else the `aws` partition.
        pub fn partition(region: &str) -> Option<&'static Partition> {
            if let Some(partition) = known_region(region) {
                return Some(partition);
            }
            // Compiled once, on the first region that is not in the table.
            static COMPILED: OnceLock<Vec<(regex_lite::Regex, &'static Partition)>> = OnceLock::new();
            let patterns = COMPILED.get_or_init(|| {
                PATTERNS.iter().filter_map(|(re, p)| Some((regex_lite::Regex::new(re).ok()?, *p))).collect()
            });
            Some(patterns.iter().find(|(re, _)| re.is_match(region)).map_or(&#default, |(_, p)| *p))
        }
    })
}
