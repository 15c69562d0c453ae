//! The one error type of the generator. Every variant names where the problem is
//! (a shape id, a JSON path or a file) so a user can fix the model without a debugger.

use std::path::PathBuf;

/// Everything that can stop model loading or code generation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model file is not valid JSON.
    #[error("invalid JSON in model at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What serde_json reported.
        message: String,
    },
    /// The JSON is well formed but is not a Smithy JSON AST document.
    #[error("invalid model at `{path}`: {message}")]
    Ast {
        /// JSON path of the offending value, such as `shapes` or `smithy`.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A shape (or one of its members or traits) is invalid.
    #[error("shape `{shape}`: {message}")]
    Shape {
        /// Absolute shape id, with `$member` for member problems.
        shape: String,
        /// What is wrong.
        message: String,
    },
    /// The model is valid Smithy but uses something this generator does not support.
    #[error("shape `{shape}`: unsupported: {message}")]
    Unsupported {
        /// Absolute shape id.
        shape: String,
        /// What is not supported.
        message: String,
    },
    /// Generated tokens did not parse as Rust: a generator bug, reported instead of panicking.
    #[error("generated file `{file}` is not valid Rust ({message}); this is a generator bug")]
    InvalidOutput {
        /// Path of the file inside the generated crate.
        file: String,
        /// The parse error.
        message: String,
    },
    /// A settings file (`<model>.codegen.toml`) is not valid.
    #[error("{}: {message}", path.display())]
    Settings {
        /// The settings file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The operations asked for do not fit the service.
    #[error("operations to generate: {0}")]
    Selection(String),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl Error {
    /// An error about a shape (or member) id.
    pub fn shape(shape: impl std::fmt::Display, message: impl Into<String>) -> Self {
        Error::Shape { shape: shape.to_string(), message: message.into() }
    }

    /// A feature of a shape the generator does not support.
    pub fn unsupported(shape: impl std::fmt::Display, message: impl Into<String>) -> Self {
        Error::Unsupported { shape: shape.to_string(), message: message.into() }
    }
}

/// Result with the generator's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
