//! JMESPath, compiled: the expressions of waiters (`smithy.waiters#waitable`) and of
//! `smithy.rules#operationContextParams` become typed Rust at generation time (`parse` →
//! `compile`), so a generated client carries no interpreter and a path that does not fit
//! the model is found before the crate is built.

pub mod compile;
pub mod parse;

pub use compile::{Compiler, Root, Ty, matches};
