//! How a model is generated beyond the model itself, kept in a small file beside it
//! (`sts.json` → `sts.codegen.toml`) so that regenerating, and `--check`, give the same
//! crate on every machine.
//!
//! ```toml
//! # Only these operations, and the shapes they need, are generated.
//! operations = ["GetCallerIdentity", "AssumeRole"]
//! # The crate's package name (its library: `sts_identity`), instead of one from the sdkId.
//! package = "sts-identity"
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
    /// The generated crate's package name (Cargo's `name`; the library's name is it with
    /// `_` for `-`); `None` derives it from the service's sdkId (`sts`).
    pub package: Option<String>,
}

impl Settings {
    /// Parses a settings file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Settings> {
        let settings: Settings = toml::from_str(text).map_err(|e| Error::Settings { path: path.to_owned(), message: e.message().to_owned() })?;
        if let Some(package) = &settings.package
            && let Err(why) = check_package(package)
        {
            return Err(Error::Settings { path: path.to_owned(), message: format!("`package = {package:?}` {why}") });
        }
        Ok(settings)
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

/// Whether `name` can name a package whose library Rust code can `use`: an ASCII letter,
/// then letters, digits, `-` and `_`, at most 64 of them (crates.io's limit), and no
/// keyword.
pub fn check_package(name: &str) -> std::result::Result<(), &'static str> {
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err("must start with an ASCII letter");
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err("may hold only ASCII letters, digits, `-` and `_`");
    }
    if name.len() > 64 {
        return Err("is longer than 64 characters");
    }
    if crate::naming::is_keyword(&crate::naming::lib_name(name)) {
        return Err("is a Rust keyword");
    }
    Ok(())
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
    fn reads_and_checks_the_package_name() {
        let s = Settings::parse("package = \"my-sts\"\n", Path::new("x.codegen.toml")).unwrap();
        assert_eq!(s.package.as_deref(), Some("my-sts"));
        for (bad, why) in [
            ("\"\"", "must start with an ASCII letter"),
            ("\"1sts\"", "must start with an ASCII letter"),
            ("\"my sts\"", "may hold only ASCII letters, digits, `-` and `_`"),
            ("\"stś\"", "may hold only ASCII letters, digits, `-` and `_`"),
            ("\"type\"", "is a Rust keyword"),
        ] {
            let e = Settings::parse(&format!("package = {bad}\n"), Path::new("m/x.codegen.toml")).unwrap_err().to_string();
            assert_eq!(e, format!("m/x.codegen.toml: `package = {bad}` {why}"));
        }
        let long = format!("package = \"{}\"\n", "a".repeat(65));
        assert!(Settings::parse(&long, Path::new("x.codegen.toml")).unwrap_err().to_string().ends_with("is longer than 64 characters"));
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
