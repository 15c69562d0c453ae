//! How a model is generated beyond the model itself, kept in a small file beside it
//! (`sts.json` → `sts.codegen.toml`) so that regenerating, and `--check`, give the same
//! crate on every machine.
//!
//! ```toml
//! # Only these operations, and the shapes they need, are generated.
//! operations = ["GetCallerIdentity", "AssumeRole"]
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The settings file's name ends with this, after the model file's stem.
pub const SUFFIX: &str = ".codegen.toml";

/// What a settings file can say; every key is optional, unknown keys are errors (a typo
/// must not silently generate the whole service).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The operations to generate, by Smithy name (`GetCallerIdentity`) or client method
    /// name (`get_caller_identity`); `None` generates every operation of the service.
    pub operations: Option<Vec<String>>,
}

impl Settings {
    /// Parses a settings file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Settings> {
        toml::from_str(text).map_err(|e| Error::Settings { path: path.to_owned(), message: e.message().to_owned() })
    }

    /// The settings file that belongs to `model` (`x.json` → `x.codegen.toml`).
    pub fn path_beside(model: &Path) -> PathBuf {
        let stem = model.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        model.with_file_name(format!("{stem}{SUFFIX}"))
    }

    /// The settings beside `model`, or the defaults when it has no settings file.
    pub fn beside(model: &Path) -> Result<Settings> {
        let path = Settings::path_beside(model);
        match std::fs::read_to_string(&path) {
            Ok(text) => Settings::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(source) => Err(Error::Io { path, source }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_operations() {
        let s = Settings::parse("# two\noperations = [\"A\", \"b_c\"]\n", Path::new("x.codegen.toml")).unwrap();
        assert_eq!(s.operations, Some(vec!["A".to_owned(), "b_c".to_owned()]));
        assert_eq!(Settings::parse("", Path::new("x.codegen.toml")).unwrap(), Settings::default());
    }

    #[test]
    fn refuses_unknown_keys_and_wrong_types() {
        let e = Settings::parse("operation = [\"A\"]\n", Path::new("m/x.codegen.toml")).unwrap_err().to_string();
        assert!(e.starts_with("m/x.codegen.toml: unknown field `operation`"), "{e}");
        let e = Settings::parse("operations = \"A\"\n", Path::new("x.codegen.toml")).unwrap_err().to_string();
        assert!(e.contains("x.codegen.toml: invalid type: string \"A\", expected a sequence"), "{e}");
    }

    #[test]
    fn lives_beside_the_model() {
        assert_eq!(Settings::path_beside(Path::new("models/sts.json")), Path::new("models/sts.codegen.toml"));
        let dir = std::env::temp_dir().join(format!("codegen-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(Settings::beside(&dir.join("none.json")).unwrap(), Settings::default());
        std::fs::write(dir.join("m.codegen.toml"), "operations = [\"Op\"]").unwrap();
        assert_eq!(Settings::beside(&dir.join("m.json")).unwrap().operations, Some(vec!["Op".to_owned()]));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
