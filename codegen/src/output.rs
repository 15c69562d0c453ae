//! Writing a generated crate to disk, and checking a checked-in copy is up to date.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::GeneratedCrate;
use crate::error::{Error, Result};

/// Folders of the generated crate that only the generator writes: files in them that it
/// no longer generates are stale.
const OWNED_DIRS: &[&str] = &["src", "tests"];

/// How a file on disk differs from what the generator produces now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// Generated, but not on disk.
    Missing(String),
    /// On disk with other contents; the unified diff (disk → generated), shortened.
    Changed(String, String),
    /// On disk but no longer generated.
    Extra(String),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "missing: {p}"),
            Stale::Extra(p) => write!(f, "no longer generated: {p}"),
            Stale::Changed(p, diff) => write!(f, "changed: {p}\n{diff}"),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io { path: path.to_owned(), source }
}

/// Files below the owned folders of `dir`, as relative paths with `/`.
fn existing_files(dir: &Path) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<PathBuf> = OWNED_DIRS.iter().map(|d| dir.join(d)).filter(|p| p.is_dir()).collect();
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(io(&d))? {
            let path = entry.map_err(io(&d))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(out)
}

/// The `.snap` files directly in `dir` (none when it does not exist).
fn existing_snapshots(dir: &Path) -> Result<BTreeSet<String>> {
    if !dir.is_dir() {
        return Ok(BTreeSet::new());
    }
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let name = entry.map_err(io(dir))?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".snap") {
            out.insert(name);
        }
    }
    Ok(out)
}

/// Writes `files` into `dir`: changed files are rewritten, unchanged ones left alone (so
/// timestamps and builds stay warm), and the `existing` ones no longer in `files` removed.
/// Returns the files written and removed, by relative path.
fn write_files(dir: &Path, files: &BTreeMap<String, String>, existing: BTreeSet<String>) -> Result<Written> {
    let mut done = Written::default();
    for (rel, text) in files {
        let path = dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
        done.written.push(rel.clone());
    }
    for rel in existing {
        if !files.contains_key(&rel) {
            let path = dir.join(&rel);
            std::fs::remove_file(&path).map_err(io(&path))?;
            done.removed.push(rel);
        }
    }
    Ok(done)
}

/// How `dir` differs from `files`, the `existing` files being those it owns.
fn check_files(dir: &Path, files: &BTreeMap<String, String>, existing: BTreeSet<String>) -> Vec<Stale> {
    let mut out = Vec::new();
    for (rel, text) in files {
        match std::fs::read_to_string(dir.join(rel)) {
            Err(_) => out.push(Stale::Missing(rel.clone())),
            Ok(disk) if &disk != text => out.push(Stale::Changed(rel.clone(), short_diff(&disk, text))),
            Ok(_) => {}
        }
    }
    out.extend(existing.into_iter().filter(|rel| !files.contains_key(rel)).map(Stale::Extra));
    out
}

/// The files one write changed, by path relative to the folder written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Created or rewritten.
    pub written: Vec<String>,
    /// Removed: no longer generated.
    pub removed: Vec<String>,
}

/// The `version` of a Cargo.toml's `[package]` section.
pub fn package_version(cargo_toml: &str) -> Option<&str> {
    let package = cargo_toml.split("\n[").find(|section| section.trim_start_matches('[').starts_with("package]"))?;
    package.lines().find_map(|line| line.strip_prefix("version = \"")?.strip_suffix('"'))
}

/// The test file whose insta snapshots these are (insta records it in each file).
const SNAPSHOT_SOURCE: &str = "codegen/tests/snapshots.rs";

/// The name of the API surface snapshot beside a crate's other snapshots.
pub const API_SNAPSHOT: &str = "api.snap";

/// A snapshot file's text: insta's header, then the contents.
pub fn snapshot_text(contents: &str) -> String {
    format!("---\nsource: {SNAPSHOT_SOURCE}\n---\n{}\n", contents.trim_end())
}

/// The contents of a snapshot file (what follows insta's header).
pub fn snapshot_contents(text: &str) -> &str {
    text.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")).map_or(text, |(_, body)| body)
}

impl GeneratedCrate {
    /// Writes the crate into `dir`: changed files are rewritten, unchanged ones left
    /// alone (so timestamps and builds stay warm), stale ones removed.
    pub fn write_to(&self, dir: &Path) -> Result<Written> {
        write_files(dir, &self.files, existing_files(dir)?)
    }

    /// How `dir` differs from this crate; empty when it is up to date.
    pub fn check(&self, dir: &Path) -> Result<Vec<Stale>> {
        Ok(check_files(dir, &self.files, existing_files(dir)?))
    }

    /// The insta snapshots that stand for this crate in a review, by file name: its API
    /// surface, and with `sources` every generated file (`src/lib.rs` is
    /// `src__lib.rs.snap`), as the fixture models keep them.
    pub fn snapshots(&self, sources: bool) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        out.insert(API_SNAPSHOT.to_owned(), snapshot_text(&self.api.to_text()));
        if sources {
            for (path, contents) in &self.files {
                out.insert(format!("{}.snap", path.replace('/', "__")), snapshot_text(contents));
            }
        }
        out
    }

    /// Writes [`snapshots`](Self::snapshots) into `dir`, removing `.snap` files there that
    /// no longer stand for a generated file.
    pub fn write_snapshots(&self, dir: &Path, sources: bool) -> Result<Written> {
        write_files(dir, &self.snapshots(sources), existing_snapshots(dir)?)
    }

    /// How the snapshots in `dir` differ from [`snapshots`](Self::snapshots).
    pub fn check_snapshots(&self, dir: &Path, sources: bool) -> Result<Vec<Stale>> {
        Ok(check_files(dir, &self.snapshots(sources), existing_snapshots(dir)?))
    }
}

/// A unified diff of at most 40 lines.
fn short_diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let full = diff.unified_diff().context_radius(2).header("checked in", "generated now").to_string();
    let mut out = String::new();
    let lines: Vec<&str> = full.lines().collect();
    for line in lines.iter().take(40) {
        let _ = writeln!(out, "    {line}");
    }
    if lines.len() > 40 {
        let _ = writeln!(out, "    ... {} more diff lines", lines.len() - 40);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_version_is_read_from_the_package_section() {
        let toml = "# Generated\n[package]\nname = \"x\"\nversion = \"0.3.1\"\n\n[dependencies]\nversion = \"9\"\n";
        assert_eq!(package_version(toml), Some("0.3.1"));
        assert_eq!(package_version("[dependencies]\nversion = \"9\"\n"), None);
    }

    #[test]
    fn snapshot_text_round_trips() {
        let text = snapshot_text("// a file\nfn f() {}\n");
        assert_eq!(text, "---\nsource: codegen/tests/snapshots.rs\n---\n// a file\nfn f() {}\n");
        assert_eq!(snapshot_contents(&text), "// a file\nfn f() {}\n");
    }
}
