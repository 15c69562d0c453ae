//! A Smithy 2.0 code generator: reads a JSON AST model and emits a typed, async Rust
//! client crate for the `aws.protocols#restJson1` protocol.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod checked_in;
pub mod docs;
mod emit;
pub mod error;
mod format;
pub mod model;
pub mod naming;
pub mod output;
pub(crate) mod plan;
mod protocol;
pub mod rules;
pub mod settings;
mod tokens;

pub use emit::GeneratedCrate;
pub use error::{Error, Result};
pub use model::Model;

/// Generates a crate with only the model's compiled endpoint rules and endpoint tests.
pub fn generate_endpoint_crate(model_json: &str, partitions: Option<&str>) -> Result<GeneratedCrate> {
    let model = Model::from_json(model_json)?;
    emit::generate_endpoint_crate(&model, partitions)
}

/// The wire protocols a model's service names (its protocol traits, shape ids without
/// the namespace: `restJson1`, `awsQuery`), whether this generator supports them or not.
pub fn service_protocols(model_json: &str) -> Result<Vec<String>> {
    let model = Model::from_json(model_json)?;
    let (service, _) = model.single_service()?;
    Ok(protocol::short_names(service))
}

/// The version a generated crate gets unless told otherwise.
pub const FIRST_VERSION: &str = "0.1.0";

/// Loads a JSON AST model and generates the client crate for its service, at version
/// [`FIRST_VERSION`]. `partitions` is the text of `partitions.json`, needed when the
/// model's endpoint rules use `aws.partition`.
pub fn generate(model_json: &str, partitions: Option<&str>) -> Result<GeneratedCrate> {
    generate_version(model_json, partitions, FIRST_VERSION)
}

/// [`generate`], with the crate's package version (its Cargo.toml `version`).
pub fn generate_version(model_json: &str, partitions: Option<&str>, version: &str) -> Result<GeneratedCrate> {
    generate_with(model_json, partitions, version, &settings::Settings::default())
}

/// [`generate_version`] with the model's [`Settings`](settings::Settings), such as the
/// operations to generate (the others, and the shapes only they use, are left out).
pub fn generate_with(model_json: &str, partitions: Option<&str>, version: &str, settings: &settings::Settings) -> Result<GeneratedCrate> {
    let model = Model::from_json(model_json)?;
    emit::generate(&model, partitions, version, settings)
}

/// The README's usage example, compiled as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
