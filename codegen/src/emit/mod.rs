//! Rust emission: one function per kind of generated item, every file collected in a
//! sorted map (so output never depends on traversal order) and formatted once with
//! prettyplease.

mod enums;
mod examples;
mod operation;
mod paginator;
mod protocol_tests;
mod runtime;
mod structure;
mod surface;
mod test_values;
mod tests;
mod waiters;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{Ctx, Role, Scope, StructSpec, TypeHome};

use crate::error::{Error, Result};
use crate::format::generated_file;
use crate::model::{Model, ShapeKind};
use crate::naming::ident;

/// The generated crate: file contents by path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCrate {
    /// Package name.
    pub package: String,
    /// The protocols the service names, by their short names (`awsJson1_1`), whether or not
    /// the client speaks them; empty for an endpoint-rules crate.
    pub protocols: Vec<String>,
    /// Whether the model signs an operation with SigV4, and so the crate has the `sigv4`
    /// feature (on by default); a build without it refuses those operations.
    pub signs: bool,
    /// Files, sorted by path.
    pub files: BTreeMap<String, String>,
    /// Its public API (empty for an endpoint-rules crate).
    pub api: crate::api::ApiSurface,
    /// What the generator left out and why (an example that does not fit its shapes),
    /// one line each, sorted: the model still generates.
    pub warnings: Vec<String>,
}

/// The minimum Rust version of generated crates, the workspace's too: aws-sigv4 1.5.1 (which
/// redacts session tokens in its logs) needs it.
pub const MSRV: &str = "1.94.1";

/// Generates the client crate for the model's service. `partitions` is the text of
/// `partitions.json`, needed when the endpoint rules use `aws.partition`.
pub fn generate(model: &Model, partitions: Option<&str>, version: &str, settings: &crate::settings::Settings) -> Result<GeneratedCrate> {
    let (service, _) = model.single_service()?;
    let protocol = crate::protocol::for_service(service)?;
    let ctx = Ctx::new(model, protocol.as_ref(), settings)?;
    let mut files = BTreeMap::new();

    let endpoint = crate::rules::endpoint_module(ctx.service, partitions, true)?;
    for (path, tokens) in &endpoint.files {
        files.insert(path.clone(), generated_file(tokens.clone(), path)?);
    }
    // Each file is emitted and formatted by its own job; jobs run on a few threads
    // (formatting dominates generation time) and land in the sorted map by path.
    let mut jobs: Vec<(String, Job<'_>)> = vec![
        ("src/lib.rs".into(), Box::new(|ctx: &Ctx<'_>| Ok(lib_rs(ctx)))),
        ("src/client.rs".into(), Box::new(client_rs)),
        ("src/operation/mod.rs".into(), Box::new(|ctx: &Ctx<'_>| Ok(operation_mod(ctx)))),
        ("src/fuzzing.rs".into(), Box::new(|ctx: &Ctx<'_>| Ok(fuzzing_rs(ctx)))),
        ("tests/model.rs".into(), Box::new(move |ctx: &Ctx<'_>| tests::model_tests(ctx, partitions))),
    ];
    for op in &ctx.operations {
        let file = format!("src/operation/{}.rs", crate::naming::module_name(ctx.shape_name(op)).trim_start_matches("r#"));
        jobs.push((file, Box::new(move |ctx: &Ctx<'_>| operation::operation_file(ctx, op))));
    }
    for (home, dir) in [(TypeHome::Types, "src/types"), (TypeHome::Errors, "src/types/error")] {
        if home == TypeHome::Errors && !ctx.types.values().any(|t| t.home == home) {
            continue;
        }
        jobs.push((format!("{dir}/mod.rs"), Box::new(move |ctx: &Ctx<'_>| Ok(types_mod(ctx, home)))));
        for (id, t) in ctx.types.iter().filter(|(_, t)| t.home == home) {
            let file = format!("{dir}/{}.rs", t.module.trim_start_matches("r#"));
            jobs.push((file, Box::new(move |ctx: &Ctx<'_>| type_file(ctx, id, t))));
        }
    }
    for (path, text) in run_jobs(&ctx, jobs)? {
        files.insert(path, text);
    }
    let protocol = protocol_tests::protocol_tests(&ctx)?;
    if let Some(tokens) = &protocol {
        files.insert("tests/protocol.rs".to_owned(), generated_file(tokens.clone(), "tests/protocol.rs")?);
    }

    let parts = runtime::Parts::of(&ctx, &endpoint, &ctx.used(), protocol.is_some())?;
    files.insert("Cargo.toml".to_owned(), cargo_toml(&ctx, &endpoint, &parts, version));
    for (dest, text) in parts.files(&ctx.lib)? {
        files.insert(dest.to_owned(), text);
    }
    let config = files.get("src/config.rs").map(String::as_str).unwrap_or_default();
    let api = surface::surface(&ctx, &features(&ctx), config)?;
    let protocols = crate::protocol::short_names(ctx.service);
    Ok(GeneratedCrate { package: ctx.package.clone(), protocols, signs: ctx.signs(), files, api, warnings: ctx.warnings() })
}

/// Emits one file's tokens.
type Job<'a> = Box<dyn Fn(&Ctx<'_>) -> Result<TokenStream> + Send + Sync + 'a>;

/// Runs the jobs on up to four threads and returns the formatted files by path.
/// (Token streams are not `Send`, so each job emits and formats on the same thread.)
fn run_jobs(ctx: &Ctx<'_>, jobs: Vec<(String, Job<'_>)>) -> Result<BTreeMap<String, String>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let results: Vec<Vec<(String, Result<String>)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((path, job)) = jobs.get(i) else { break };
                        done.push((path.clone(), job(ctx).and_then(|tokens| generated_file(tokens, path))));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    // Sorted by path first, so the error reported does not depend on thread timing.
    let by_path: BTreeMap<String, Result<String>> = results.into_iter().flatten().collect();
    let mut out = BTreeMap::new();
    for (path, text) in by_path {
        out.insert(path, text?);
    }
    if out.len() != jobs.len() {
        return Err(Error::InvalidOutput { file: "(generator)".into(), message: "a generation thread failed".into() });
    }
    Ok(out)
}

/// A crate with only the service's compiled endpoint rules and its endpoint tests: the
/// rules can be checked for any model, whatever else the model needs.
pub fn generate_endpoint_crate(model: &Model, partitions: Option<&str>) -> Result<GeneratedCrate> {
    let (service, _) = model.single_service()?;
    let sdk_id = service.traits.aws_service().map(|a| a.sdk_id).unwrap_or_else(|| service.id.name().to_owned());
    let (package, lib) = crate::naming::crate_names(&format!("{sdk_id} endpoint rules"));
    let rules = crate::rules::rule_set(service)?;
    let endpoint = crate::rules::endpoint_module(service, partitions, false)?;
    let mut files = BTreeMap::new();
    for (path, tokens) in &endpoint.files {
        files.insert(path.clone(), generated_file(tokens.clone(), path)?);
    }
    for (dest, text) in runtime::Parts::endpoint(&endpoint)?.files(&lib)? {
        files.insert(dest.to_owned(), text);
    }
    let title = service.traits.title().unwrap_or(service.id.name());
    let doc = format!(" The endpoint rules of {title}, compiled from its Smithy model.");
    let lib_rs = quote! {
        #![doc = #doc]
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        pub mod endpoint;
    };
    files.insert("src/lib.rs".into(), generated_file(lib_rs, "src/lib.rs")?);
    let (uses, cases) = crate::rules::endpoint_test_items(service, &ident(&lib), &rules, partitions)?;
    let tests = quote! {
        //! The model's `smithy.rules#endpointTests`, one test per case.
        #uses
        #(#cases)*
    };
    files.insert("tests/endpoint_rules.rs".into(), generated_file(tests, "tests")?);
    let mut deps = String::new();
    if endpoint.regex {
        deps.push_str("regex-lite = \"0.1\"\n");
    }
    if endpoint.percent_encoding {
        deps.push_str("percent-encoding = \"2\"\n");
    }
    if endpoint.runtime.contains(&"url") {
        deps.push_str("reqwest = { version = \"0.13\", default-features = false }\n");
    }
    files.insert(
        "Cargo.toml".into(),
        format!(
            "# Generated by smithy-codegen from the Smithy model. DO NOT EDIT.\n[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"2024\"\nrust-version = \"{MSRV}\"\nlicense = \"Apache-2.0\"\npublish = false\n\n[lib]\nname = \"{lib}\"\n\n[dependencies]\n{deps}"
        ),
    );
    Ok(GeneratedCrate { package, protocols: Vec::new(), signs: false, files, api: Default::default(), warnings: Vec::new() })
}

/// A Cargo feature of the generated crate.
pub(crate) struct Feature {
    name: &'static str,
    enables: Vec<&'static str>,
    /// The comment above it in Cargo.toml.
    doc: &'static str,
}

/// The generated crate's Cargo features, in Cargo.toml order.
fn features(ctx: &Ctx<'_>) -> Vec<Feature> {
    let mut out = Vec::new();
    if ctx.signs() {
        out.push(Feature { name: "default", enables: vec!["sigv4"], doc: "" });
        // Event streams sent under SigV4 hash and sign each message.
        let mut enables = vec!["dep:aws-sigv4", "dep:aws-credential-types"];
        if crate::plan::operation::any_event_input(ctx) {
            enables.extend(["dep:sha2", "dep:hex"]);
        }
        out.push(Feature { name: "sigv4", enables, doc: "SigV4 signing, for the operations the model signs. Without it, they fail before sending." });
    }
    out.push(Feature {
        name: "aws-credential-types",
        enables: vec!["dep:aws-credential-types"],
        doc: "Use credential providers of the aws-credential-types crate (such as aws-config's).",
    });
    out.push(Feature {
        name: "tls-aws-lc",
        enables: vec!["rustls/aws_lc_rs", "rustls/prefer-post-quantum"],
        doc: "TLS on aws-lc-rs instead of ring: offers the hybrid post-quantum X25519MLKEM768 key exchange first (see `config::tls_provider`); builds aws-lc-sys, which needs a C compiler.",
    });
    out.push(Feature { name: "fuzzing", enables: vec![], doc: "Entry points for the fuzz targets (see the `fuzzing` module); not a stable API." });
    out.push(Feature {
        name: "test-util",
        enables: vec![],
        doc: "Testing code that uses the client without a network: `test_util::Mock` and `Client::from_mock`, and constructors for every error.",
    });
    out
}

fn cargo_toml(ctx: &Ctx<'_>, endpoint: &crate::rules::EndpointModule, parts: &runtime::Parts, version: &str) -> String {
    let mut optional = String::new();
    optional.push_str("aws-credential-types = { version = \"1\", optional = true }\n");
    if ctx.signs() {
        optional.push_str(
            "# SigV4, with AWS's own implementation (see src/rt/signing.rs).\naws-sigv4 = { version = \"1.5.1\", optional = true, default-features = false, features = [\"sign-http\", \"http1\"] }\n",
        );
        if parts.has("event-input") {
            optional.push_str("# Each event sent is signed: SHA-256 and hex, as aws-sigv4 has them already.\nsha2 = { version = \"0.11\", optional = true, default-features = false }\nhex = { version = \"0.4\", optional = true, default-features = false, features = [\"alloc\"] }\n");
        }
    }
    let features: String = features(ctx)
        .iter()
        .map(|f| {
            let enables = f.enables.iter().map(|e| format!("\"{e}\"")).collect::<Vec<_>>().join(", ");
            let doc = if f.doc.is_empty() { String::new() } else { format!("# {}\n", f.doc) };
            format!("{doc}{} = [{enables}]\n", f.name)
        })
        .collect();
    // Timestamps, and the dates of event signatures.
    if parts.has("primitives") || (parts.has("event-input") && ctx.signs()) {
        optional.push_str("# Timestamps: calendar arithmetic and RFC 3339 parsing (see src/primitives.rs).\ntime = { version = \"0.3\", default-features = false, features = [\"std\", \"parsing\"] }\n");
    }
    // Blobs travel as base64, and so do @mediaType headers and Content-MD5.
    if parts.has("primitives") || parts.has("md5") || parts.has("base64") || parts.has("basic-auth") {
        optional.push_str("# Blobs and @mediaType headers travel as base64.\nbase64 = \"0.23\"\n");
    }
    if parts.has("compression") {
        optional.push_str("# gzip for @requestCompression, on the pure-Rust backend (no C zlib).\nflate2 = { version = \"1\", default-features = false, features = [\"rust_backend\"] }\n");
    }
    if parts.has("md5") {
        optional.push_str("# Content-MD5 for @httpChecksumRequired.\nmd-5 = { version = \"0.10\", default-features = false }\n");
    }
    if parts.has("byte-stream") {
        optional.push_str("# @streaming bodies: the Stream trait for chunk sources, and HTTP bodies (both already\n# in reqwest's tree).\nfutures-core = { version = \"0.3\", default-features = false, features = [\"std\"] }\nhttp-body = \"1\"\n");
    }
    if parts.has("cbor") {
        optional.push_str("# CBOR bodies (rpcv2Cbor): an encoder and a non-allocating decoder, without dependencies.\nminicbor = { version = \"2\", default-features = false, features = [\"std\"] }\n");
    }
    if endpoint.regex {
        optional.push_str("# The partitions' region patterns (only for regions not in the compiled table).\nregex-lite = \"0.1\"\n");
    }
    if parts.has("event-stream") {
        optional.push_str("# The event-stream framing's CRC32 (SIMD where the CPU has it; only cfg-if beside it).\ncrc32fast = { version = \"1\", default-features = false, features = [\"std\"] }\n");
    }
    if parts.has("xml") {
        optional.push_str("# XML bodies: a pull parser (no DTDs, no entity expansion) and escaping, on memchr.\nquick-xml = { version = \"0.37\", default-features = false }\n");
    }
    if endpoint.percent_encoding || parts.has("http") || parts.has("query") {
        optional.push_str("# Percent-encoding for URI labels, query strings and the rules' `uriEncode`.\npercent-encoding = \"2\"\n");
    }
    let title = ctx.service.traits.title().unwrap_or(ctx.service.id.name());
    let description = format!("Typed async client for {title}, generated from its Smithy model.");
    format!(
        r#"# Generated by smithy-codegen from the Smithy model. DO NOT EDIT.
[package]
name = "{package}"
version = "{version}"
edition = "2024"
rust-version = "{MSRV}"
description = "{description}"
license = "Apache-2.0"

[lib]
name = "{lib}"

[dependencies]
# HTTP over rustls with the `ring` provider: no C toolchain (aws-lc-sys) to build, and no
# post-quantum key exchange; the `tls-aws-lc` feature gives it (see `config::tls_provider`).
reqwest = {{ version = "0.13", default-features = false, features = ["rustls-no-provider"{http2}] }}
rustls = {{ version = "0.23", default-features = false, features = ["ring", "std", "tls12"] }}
rustls-platform-verifier = "0.7"
# IDNA (for URLs, through reqwest) on unicode-rs rather than ICU4X: the same results for
# far fewer crates and no proc-macros to build.
idna_adapter = "~1.1"
# Retry waits and the operation timeout (reqwest already runs on tokio).
tokio = {{ version = "1", default-features = false, features = [{tokio_features}] }}
# Backoff jitter and invocation ids (not secrets: a fast PRNG is enough).
fastrand = "2"
tracing = {{ version = "0.1", default-features = false, features = ["std"] }}
bytes = "1"
# Reading response bodies (reqwest builds on it already).
http-body-util = "0.1"
# Serde's traits without its derive support (the JSON code is generated), and serde_json.
serde_core = {{ version = "1.0.220", default-features = false, features = ["std"] }}
serde_json = {{ version = "1", default-features = false, features = [{serde_json_features}] }}
{optional}
[features]
{features}

[package.metadata.docs.rs]
all-features = true
rustdoc-args = ["--cfg", "docsrs"]

[lints.rust]
unexpected_cfgs = {{ level = "warn", check-cfg = ["cfg(docsrs)"] }}

[dev-dependencies]
# The generated tests use the mock of `test-util`.
{package} = {{ path = ".", default-features = false, features = ["test-util"] }}
hyper = {{ version = "1", features = ["server", "http1"] }}
hyper-util = {{ version = "0.1", features = ["tokio"] }}
http-body-util = "0.1"
tokio = {{ version = "1", features = ["macros", "rt-multi-thread", "net", "io-util"{test_clock}] }}
{cbor_dev}{event_dev}"#,
        package = ctx.package,
        lib = ctx.lib,
        features = features.trim_end(),
        // Files for `ByteStream::from_path`; a channel for `EventSender::channel`.
        tokio_features = match (parts.has("byte-stream"), parts.has("event-input")) {
            (_, true) => "\"time\", \"fs\", \"sync\"",
            (true, false) => "\"time\", \"fs\"",
            _ => "\"time\"",
        },
        // Services that take event streams both ways (Transcribe, Bedrock) speak HTTP/2 for them.
        http2 = if parts.has("event-input") { ", \"http2\"" } else { "" },
        // The tests decode the events a request sent with AWS's own decoder, and check their
        // signatures with AWS's own event signer.
        event_dev = match (parts.has("event-input"), ctx.signs()) {
            (true, true) =>
                "aws-smithy-eventstream = \"0.61\"\naws-smithy-types = \"1\"\naws-sigv4 = { version = \"1.5.1\", default-features = false, features = [\"sign-http\", \"http1\", \"sign-eventstream\"] }\naws-credential-types = \"1\"\n",
            (true, false) => "aws-smithy-eventstream = \"0.61\"\naws-smithy-types = \"1\"\n",
            _ => "",
        },
        serde_json_features = if parts.has("big-numbers") { "\"std\", \"raw_value\"" } else { "\"std\"" },
        // The waiter tests run on tokio's paused clock.
        test_clock = if parts.has("waiters") { ", \"test-util\"" } else { "" },
        // The tests compare CBOR request bodies with JSON expectations, blobs in base64.
        cbor_dev = if parts.has("cbor") { "base64 = \"0.23\"\n" } else { "" },
        description = description.replace('"', "'"),
    )
}

fn lib_rs(ctx: &Ctx<'_>) -> TokenStream {
    let title = ctx.service.traits.title().unwrap_or(ctx.service.id.name());
    let lib = &ctx.lib;
    let heading = format!("A typed, async client for **{title}**, generated from its Smithy model.");
    let first_op = ctx.operations.first().map(|op| crate::naming::module_name(ctx.shape_name(op)));
    let usage = format!(
        "\n# Usage\n\n```no_run\n# async fn example() -> Result<(), Box<dyn std::error::Error>> {{\nlet config = {lib}::Config::builder().region(\"us-east-1\").build();\nlet client = {lib}::Client::from_conf(config);\n{}# Ok(())\n# }}\n```\n\nEach operation is a method on [`Client`] that returns a fluent builder: set the input members, then call `send().await`. Errors are [`error::SdkError`]s that tell apart invalid input (nothing sent), transport failures and timeouts, responses that could not be read, and errors returned by the service (a per-operation enum).\n\nThe client runs on [tokio](https://tokio.rs) (through reqwest): call it from a tokio runtime, such as `#[tokio::main]`.\n\n# Features\n\n{}\n# Service documentation\n",
        first_op.map(|m| format!("# let _ = client.{m}();\n")).unwrap_or_default(),
        features(ctx)
            .iter()
            .map(|f| match f.name {
                "default" => format!("- `default`: turns on `{}`.\n", f.enables.join("`, `")),
                name => format!("- `{name}`: {}\n", f.doc),
            })
            .collect::<String>()
    );
    let service_doc = ctx.markdown(ctx.service.traits.documentation());
    let chosen = match ctx.service_operation_count - ctx.operations.len() {
        0 => String::new(),
        left_out => format!(
            "\nThis crate has {} of the service's {} operations, chosen when it was generated; the {left_out} others, and the types only they use, are left out.\n",
            ctx.operations.len(),
            ctx.service_operation_count
        ),
    };
    let inner = crate::plan::inner_doc_lines(&format!("{heading}\n{chosen}{usage}\n{service_doc}"));
    let primitives = if ctx.uses_primitives() {
        quote!(
            pub mod primitives;
        )
    } else {
        quote!()
    };
    let pagination = if paginator::any(ctx) {
        quote!(
            pub mod pagination;
        )
    } else {
        quote!()
    };
    let waiters = if waiters::any(ctx) {
        quote!(
            pub mod waiters;
        )
    } else {
        quote!()
    };
    let byte_stream = if crate::plan::operation::uses_byte_stream(ctx) {
        quote!(
            pub mod byte_stream;
        )
    } else {
        quote!()
    };
    let event_stream = if crate::plan::operation::any_event_output(ctx) || crate::plan::operation::any_event_input(ctx) {
        quote!(
            pub mod event_stream;
        )
    } else {
        quote!()
    };
    quote! {
        #inner
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]
        // docs.rs builds with every feature on and shows which one an item needs.
        #![cfg_attr(docsrs, feature(doc_cfg))]

        #byte_stream
        #event_stream
        mod client;
        pub mod config;
        pub mod credentials;
        pub mod endpoint;
        pub mod error;
        #[cfg(feature = "fuzzing")]
        #[doc(hidden)]
        pub mod fuzzing;
        pub mod operation;
        #pagination
        #primitives
        mod rt;
        #[cfg(feature = "test-util")]
        pub mod test_util;
        #waiters
        pub mod types;

        pub use client::Client;
        pub use config::Config;
    }
}

fn client_rs(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let title = ctx.service.traits.title().unwrap_or(ctx.service.id.name());
    let mut doc = format!(
        " A client for {title}.\n\nCreate it with [`Client::from_conf`]; clones share the configuration and connection pool.\n\n# Operations\n"
    );
    for op in &ctx.operations {
        let name = ctx.shape_name(op);
        doc.push_str(&format!("\n- [`{name}`](Client::{})", crate::naming::module_name(name)));
    }
    let doc = crate::plan::doc_lines(doc.trim_start());
    let bearer_env = match ctx.bearer_token_env() {
        Some(var) => quote! {
            /// Where `Config::from_env()` reads a bearer token (then preferred over SigV4).
            pub(crate) const BEARER_TOKEN_ENV: &str = #var;
        },
        None => quote!(),
    };
    let mock_example = examples::mock_example(ctx)?;
    Ok(quote! {
        //! The client.

        use std::sync::Arc;

        use crate::config::Config;
        use crate::endpoint::{Endpoint, ResolveError};
        use crate::rt::Handle;

        #bearer_env

        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) handle: Arc<Handle>,
        }

        impl Client {
            /// A client with this configuration.
            pub fn from_conf(config: Config) -> Self {
                Client { handle: Arc::new(Handle::new(config)) }
            }

            /// A client for tests that answers every call from `mock`, and sends nothing
            /// (feature `test-util`; see [`test_util`](crate::test_util)).
            #mock_example
            #[cfg(feature = "test-util")]
            pub fn from_mock(mock: &crate::test_util::Mock) -> Self {
                let config = Config::builder().region("us-east-1").build();
                Client { handle: Arc::new(Handle::mocked(config, mock.clone())) }
            }

            /// The client's configuration.
            pub fn config(&self) -> &Config {
                &self.handle.config
            }

            /// The endpoint this client sends requests to, resolved by the service's endpoint
            /// rules from its configuration: once per client, since the configuration does
            /// not change. (Operations whose endpoint depends on their input resolve it per
            /// request.)
            pub fn resolved_endpoint(&self) -> Result<&Endpoint, &ResolveError> {
                self.handle.endpoint()
            }
        }
    })
}

/// Entry points for the fuzz targets: every operation's response handling.
fn fuzzing_rs(ctx: &Ctx<'_>) -> TokenStream {
    let runs: Vec<TokenStream> = ctx
        .plans()
        .iter()
        .map(|op| {
            let names = op.names();
            let (m, marker) = (&names.method, &names.marker);
            quote!(crate::rt::fuzz::run::<crate::operation::#m::#marker>(&response);)
        })
        .collect();
    quote! {
        //! Entry points for fuzzing (feature `fuzzing`; not a stable API): fuzzer bytes
        //! become a response (2 bytes of status, `name: value` header lines, an empty line,
        //! the body), which goes through each operation's response handling.

        /// Any status: outputs for 2xx, error dispatch otherwise.
        pub fn responses(data: &[u8]) {
            let response = crate::rt::fuzz::response(data, false);
            #(#runs)*
        }

        /// Error statuses only (400–599): error dispatch by header, `__type` and `code`.
        pub fn errors(data: &[u8]) {
            let response = crate::rt::fuzz::response(data, true);
            #(#runs)*
        }
    }
}

fn operation_mod(ctx: &Ctx<'_>) -> TokenStream {
    let mods = ctx.operations.iter().map(|op| {
        let name = ctx.shape_name(op);
        let m = ident(&crate::naming::module_name(name));
        let doc = format!(" The [`{name}`](crate::Client::{m}) operation: input, output and errors.");
        quote!(#[doc = #doc] pub mod #m;)
    });
    quote! {
        //! One module per operation, with its input, output, error enum and fluent builder.

        #(#mods)*
    }
}

fn types_mod(ctx: &Ctx<'_>, home: TypeHome) -> TokenStream {
    let items = ctx.types.values().filter(|t| t.home == home).map(|t| {
        let (m, name) = (ident(&t.module), ident(&t.name));
        quote!(mod #m; pub use #m::#name;)
    });
    match home {
        TypeHome::Types => {
            let errors = if ctx.types.values().any(|t| t.home == TypeHome::Errors) {
                quote!(
                    pub mod error;
                )
            } else {
                quote!()
            };
            quote! {
                //! The data types of the service's inputs and outputs.

                #errors
                #(#items)*
            }
        }
        TypeHome::Errors => quote! {
            //! The errors the service declares; each operation's error enum wraps the ones it can return.

            #(#items)*
        },
    }
}

fn type_file(ctx: &Ctx<'_>, id: &crate::model::ShapeId, t: &crate::plan::NamedType) -> Result<TokenStream> {
    let shape = ctx.model.expect(id, id)?;
    let home = match t.home {
        TypeHome::Types => "crate::types",
        TypeHome::Errors => "crate::types::error",
    };
    let mut scope = Scope::in_module(home, [t.name.clone(), crate::naming::builder_name(&t.name)]);
    let item = match &shape.kind {
        ShapeKind::Structure(_) if t.home == TypeHome::Errors => {
            let spec = StructSpec::new(ctx, id, &t.name, Role::Error, &mut scope)?;
            let doc = ctx.shape_doc(shape);
            let item = structure::emit(ctx, &spec, doc, &mut scope)?;
            let extras = error_impls(ctx, &spec, id.name(), &mut scope)?;
            quote!(#item #extras)
        }
        ShapeKind::Structure(_) => {
            let spec = StructSpec::new(ctx, id, &t.name, Role::Data, &mut scope)?;
            let doc = ctx.shape_doc(shape);
            structure::emit(ctx, &spec, doc, &mut scope)?
        }
        ShapeKind::Enum(_) => enums::string_enum(ctx, shape, &t.name, &mut scope)?,
        ShapeKind::IntEnum(_) => enums::int_enum(ctx, shape, &t.name, &mut scope)?,
        ShapeKind::Union(_) => enums::union(ctx, shape, &t.name, &mut scope)?,
        other => return Err(Error::shape(id, format!("a {} is not a generated type", other.type_name()))),
    };
    let uses = ctx.uses(&scope);
    let module_doc = format!(" The [`{}`] type.", t.name);
    Ok(quote! {
        #![doc = #module_doc]

        #uses

        #item
    })
}

/// What a modeled error adds to its structure: parsing from a response, its metadata,
/// `Display` and `Error`, all from the runtime's `modeled_error!`. An error with members
/// bound to headers or the status code gets its own `read`, the same reader as an output's.
fn error_impls(ctx: &Ctx<'_>, spec: &StructSpec<'_>, code: &str, scope: &mut Scope) -> Result<TokenStream> {
    let (name, builder) = (&spec.name, &spec.builder);
    let modeled_error = scope.import("crate::rt::modeled_error", "modeled_error");
    let codec = ctx.protocol.codec();
    if codec.runtime_reads_errors() && !crate::protocol::http::bound_beyond_body(ctx, spec) {
        return Ok(quote!(#modeled_error!(#name, #builder, #code);));
    }
    let object = codec.object_trait(scope);
    let read = ctx.protocol.parse_output(ctx, None, spec, scope)?;
    let http_response = scope.import("crate::rt", "HttpResponse");
    Ok(quote! {
        impl #name {
            #[inline]
            fn read(response: &#http_response) -> Result<Self, String> {
                #read
            }
        }

        #modeled_error!(#name, #builder, #code, read, #object);
    })
}
