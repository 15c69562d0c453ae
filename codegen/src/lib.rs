//! A Smithy 2.0 code generator: reads a JSON AST model and emits a typed, async Rust
//! client crate for the `aws.protocols#restJson1` protocol.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod docs;
pub mod model;
pub mod naming;

pub use error::{Error, Result};
pub use model::Model;
