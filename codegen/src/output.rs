//! Writing a generated crate to disk, and checking a checked-in copy is up to date.

use std::collections::BTreeSet;
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

impl GeneratedCrate {
    /// Writes the crate into `dir`: changed files are rewritten, unchanged ones left
    /// alone (so timestamps and builds stay warm), stale ones removed.
    /// Returns the number of files written and removed.
    pub fn write_to(&self, dir: &Path) -> Result<(usize, usize)> {
        let mut written = 0;
        for (rel, text) in &self.files {
            let path = dir.join(rel);
            if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
                continue;
            }
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::write(&path, text).map_err(io(&path))?;
            written += 1;
        }
        let mut removed = 0;
        for rel in existing_files(dir)? {
            if !self.files.contains_key(&rel) {
                let path = dir.join(&rel);
                std::fs::remove_file(&path).map_err(io(&path))?;
                removed += 1;
            }
        }
        Ok((written, removed))
    }

    /// How `dir` differs from this crate; empty when it is up to date.
    pub fn check(&self, dir: &Path) -> Result<Vec<Stale>> {
        let mut out = Vec::new();
        for (rel, text) in &self.files {
            match std::fs::read_to_string(dir.join(rel)) {
                Err(_) => out.push(Stale::Missing(rel.clone())),
                Ok(disk) if &disk != text => out.push(Stale::Changed(rel.clone(), short_diff(&disk, text))),
                Ok(_) => {}
            }
        }
        for rel in existing_files(dir)? {
            if !self.files.contains_key(&rel) {
                out.push(Stale::Extra(rel));
            }
        }
        Ok(out)
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
