//! The public API of a generated crate as a reviewer reads it, and how two of them differ.
//!
//! [`ApiSurface`] is a sorted, line-based listing made by the generator from its own view of
//! the model (not from rustdoc): one header line per item (a type, a builder, an
//! operation, the features, the configuration) and one indented line per member of it (a
//! field, a setter, a variant, a method). It is written next to the generated crate as an
//! insta snapshot, so its diff in a pull request is the short summary of an API change,
//! and it is read back to compare the checked-in API with the one generated now:
//! [`ApiSurface::diff`] classifies each change as breaking or compatible, with the Rust
//! reason, and [`Bump`] is the semver consequence.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The first lines of every surface text.
const HEADER: &str = "# The public API of the generated crate, listed by smithy-codegen from the model.\n# `cargo xtask codegen` rewrites this file and reports how it changed. DO NOT EDIT.\n";

/// One item of the API: its header line and its member lines, both keyed for diffing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// What follows the key on the header line (such as `(non_exhaustive)`).
    pub detail: String,
    /// Member lines by key (`field client_id`), each with the rest of its line.
    pub members: BTreeMap<String, String>,
}

/// The public API of one generated crate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiSurface {
    /// Items by key: kind and path, such as `struct types::Token`.
    pub items: BTreeMap<String, Item>,
}

/// The marker a member line carries when an operation input requires that member
/// (`build()` fails without it).
pub const REQUIRED: &str = "[required]";

impl ApiSurface {
    /// Adds (or extends) the item `key`.
    pub fn item(&mut self, key: impl Into<String>, detail: impl Into<String>) -> &mut Item {
        let item = self.items.entry(key.into()).or_default();
        item.detail = detail.into();
        item
    }

    /// The text form: a header comment, then each item and its members, sorted.
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        // By path, then kind: an operation's types follow it, a type's builder follows it.
        let mut items: Vec<(&String, &Item)> = self.items.iter().collect();
        items.sort_by_key(|(key, _)| key.split_once(' ').map(|(kind, path)| (path, kind)));
        for (key, item) in items {
            let _ = writeln!(out, "\n{}", join(key, &item.detail));
            for (member, rest) in &item.members {
                let _ = writeln!(out, "    {}", join(member, rest));
            }
        }
        out
    }

    /// Reads the text form back. Comment and blank lines are skipped; a member line before
    /// any item, or a line whose key is not `kind name`, is an error naming the line.
    pub fn parse(text: &str) -> Result<ApiSurface, String> {
        let mut surface = ApiSurface::default();
        let mut current: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |what: &str| format!("API surface line {}: {what}: {line}", n + 1);
            if let Some(member) = line.strip_prefix("    ") {
                let item = current.as_ref().and_then(|k| surface.items.get_mut(k)).ok_or_else(|| bad("a member outside an item"))?;
                let (key, rest) = split_key(member).ok_or_else(|| bad("no `kind name`"))?;
                item.members.insert(key, rest);
            } else {
                let (key, rest) = split_key(line).ok_or_else(|| bad("no `kind name`"))?;
                surface.items.entry(key.clone()).or_default().detail = rest;
                current = Some(key);
            }
        }
        Ok(surface)
    }

    /// Every difference from `old` to `self`, classified. A structure's builder follows
    /// its fields (a field `x` has the setters `x` and `set_x`), so the builder's side of a
    /// field change, or of a structure added or removed, is not reported again.
    pub fn diff(&self, old: &ApiSurface) -> Vec<Change> {
        let echoes = echoes(old, self);
        let mut changes = Vec::new();
        for (key, item) in &old.items {
            match self.items.get(key) {
                None if echoes.contains(&(key.clone(), None)) => {}
                None => changes.push(Change::breaking(format!("removed {key}"), "code that names it no longer compiles")),
                Some(new) => diff_item(key, item, new, &echoes, &mut changes),
            }
        }
        for key in self.items.keys().filter(|k| !old.items.contains_key(*k) && !echoes.contains(&((*k).clone(), None))) {
            changes.push(Change::compatible(format!("added {key}"), "new items break no existing code"));
        }
        changes
    }
}

/// What a structure's changes imply for its builder: `(builder, None)` for a builder
/// added or removed with its structure, `(builder, Some(setter))` for the setters of a
/// field added, removed or changed.
fn echoes(old: &ApiSurface, new: &ApiSurface) -> std::collections::BTreeSet<(String, Option<String>)> {
    let mut out = std::collections::BTreeSet::new();
    let keys: std::collections::BTreeSet<&String> = old.items.keys().chain(new.items.keys()).collect();
    for key in keys {
        let Some(path) = key.strip_prefix("struct ").or_else(|| key.strip_prefix("error ")) else { continue };
        let builder = format!("builder {path}Builder");
        let (before, after) = (old.items.get(key), new.items.get(key));
        let (Some(before), Some(after)) = (before, after) else {
            out.insert((builder, None));
            continue;
        };
        let fields = before.members.keys().chain(after.members.keys()).filter_map(|m| m.strip_prefix("field "));
        for field in fields.filter(|f| {
            let key = format!("field {f}");
            before.members.get(&key) != after.members.get(&key)
        }) {
            out.insert((builder.clone(), Some(format!("fn {field}"))));
            out.insert((builder.clone(), Some(format!("fn set_{field}"))));
        }
    }
    out
}

fn join(key: &str, rest: &str) -> String {
    format!("{key}{rest}")
}

/// `kind name` and the rest of a line: the name (a path, so `::` belongs to it) ends at
/// the first `(`, `<`, ` `, `=` or lone `:` after the kind.
fn split_key(line: &str) -> Option<(String, String)> {
    let (kind, after) = line.split_once(' ')?;
    let bytes = after.as_bytes();
    let end = (0..bytes.len())
        .find(|&i| match bytes[i] {
            b'(' | b'<' | b' ' | b'=' => true,
            b':' => bytes.get(i + 1) != Some(&b':') && (i == 0 || bytes[i - 1] != b':'),
            _ => false,
        })
        .unwrap_or(after.len());
    let (name, rest) = after.split_at(end);
    if kind.is_empty() || name.is_empty() {
        return None;
    }
    Some((format!("{kind} {name}"), rest.to_owned()))
}

/// Whether a change can break code that compiled against the old API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Existing code keeps compiling and behaving as documented.
    Compatible,
    /// Existing code may stop compiling, or a call that worked now fails.
    Breaking,
}

/// One classified difference between two API surfaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Breaking or compatible.
    pub severity: Severity,
    /// What changed (`removed field client_id of struct ...`).
    pub what: String,
    /// Why that is breaking or compatible, in Rust terms.
    pub why: &'static str,
}

impl Change {
    fn breaking(what: String, why: &'static str) -> Change {
        Change { severity: Severity::Breaking, what, why }
    }

    fn compatible(what: String, why: &'static str) -> Change {
        Change { severity: Severity::Compatible, what, why }
    }
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let label = match self.severity {
            Severity::Breaking => "breaking",
            Severity::Compatible => "compatible",
        };
        write!(f, "{label}: {} ({})", self.what, self.why)
    }
}

fn diff_item(key: &str, old: &Item, new: &Item, echoes: &std::collections::BTreeSet<(String, Option<String>)>, changes: &mut Vec<Change>) {
    let echoed = |member: &String| echoes.contains(&(key.to_owned(), Some(member.clone())));
    if old.detail != new.detail {
        let exhaustive = |d: &str| !d.contains("non_exhaustive");
        let change = format!("{key}: `{}` became `{}`", old.detail.trim(), new.detail.trim());
        if exhaustive(&new.detail) && !exhaustive(&old.detail) {
            changes.push(Change::breaking(change, "an exhaustive type cannot take new fields or variants later"));
        } else {
            changes.push(Change::compatible(change, "only attributes that allow more later"));
        }
    }
    // Adding to a `#[non_exhaustive]` struct or enum breaks no code outside the crate.
    let open = new.detail.contains("non_exhaustive");
    for (member, rest) in old.members.iter().filter(|(m, _)| !echoed(m)) {
        let Some(now) = new.members.get(member) else {
            let why = match member.split(' ').next() {
                Some("variant") => "matches on it and code that builds it no longer compile",
                Some("field") => "code that reads or sets it no longer compiles",
                _ => "code that calls it no longer compiles",
            };
            changes.push(Change::breaking(format!("removed {member} of {key}"), why));
            continue;
        };
        if now == rest {
            continue;
        }
        let (old_ty, old_required) = (rest.trim_end_matches(REQUIRED).trim(), rest.ends_with(REQUIRED));
        let (new_ty, new_required) = (now.trim_end_matches(REQUIRED).trim(), now.ends_with(REQUIRED));
        if old_ty != new_ty {
            let why = if member.starts_with("variant") && old_ty.starts_with('=') {
                "the variant now stands for another value on the wire"
            } else {
                "code written for the old type no longer compiles"
            };
            changes.push(Change::breaking(format!("{member} of {key}: `{old_ty}` became `{new_ty}`"), why));
        }
        match (old_required, new_required) {
            (false, true) => {
                changes.push(Change::breaking(format!("{member} of {key} became required"), "`build()` and `send()` now fail when it is not set"))
            }
            (true, false) => changes.push(Change::compatible(format!("{member} of {key} is no longer required"), "calls that set it still work")),
            _ => {}
        }
    }
    for (member, rest) in new.members.iter().filter(|(m, _)| !echoed(m)) {
        if old.members.contains_key(member) {
            continue;
        }
        if rest.ends_with(REQUIRED) {
            changes.push(Change::breaking(format!("added required {member} to {key}"), "`build()` and `send()` fail for callers that do not set it"));
        } else if member.starts_with("feature") {
            changes.push(Change::compatible(format!("added {member}"), "a new feature changes no build that does not ask for it"));
        } else if open || !member.starts_with("field") && !member.starts_with("variant") {
            changes.push(Change::compatible(format!("added {member} to {key}"), "additions to a #[non_exhaustive] type or impl break no code"));
        } else {
            changes.push(Change::breaking(
                format!("added {member} to {key}"),
                "struct literals and exhaustive matches of an exhaustive type no longer compile",
            ));
        }
    }
}

/// How far a version moves for a set of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed: the version stays.
    None,
    /// The generated code changed, its API did not (documentation, behaviour).
    Patch,
    /// The API gained items, nothing was broken.
    Additions,
    /// Something was broken.
    Breaking,
}

impl Bump {
    /// The bump for these API changes, given whether any generated file changed at all.
    pub fn of(changes: &[Change], files_changed: bool) -> Bump {
        if changes.iter().any(|c| c.severity == Severity::Breaking) {
            Bump::Breaking
        } else if !changes.is_empty() {
            Bump::Additions
        } else if files_changed {
            Bump::Patch
        } else {
            Bump::None
        }
    }

    /// `version` moved by this bump under Cargo's semver rules: before 1.0 a breaking
    /// change moves the minor number and anything else the patch number; from 1.0 on,
    /// breaking → major, additions → minor, the rest → patch. `None` for a version that is
    /// not `MAJOR.MINOR.PATCH`.
    pub fn apply(self, version: &str) -> Option<String> {
        let mut parts = version.split('.').map(|p| p.parse::<u64>().ok());
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        Some(match (self, major) {
            (Bump::None, _) => version.to_owned(),
            (Bump::Breaking, 0) => format!("0.{}.0", minor + 1),
            (Bump::Breaking, _) => format!("{}.0.0", major + 1),
            (Bump::Additions, 1..) => format!("{major}.{}.0", minor + 1),
            (Bump::Additions | Bump::Patch, _) => format!("{major}.{minor}.{}", patch + 1),
        })
    }
}

impl std::fmt::Display for Bump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Bump::None => "no change",
            Bump::Patch => "no API change",
            Bump::Additions => "compatible API changes",
            Bump::Breaking => "breaking API changes",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface(text: &str) -> ApiSurface {
        ApiSurface::parse(text).unwrap()
    }

    const BASE: &str = "struct operation::x::XInput (non_exhaustive)\n    field a: Option<String> [required]\n    field b: Option<i32>\n\nenum types::Color (non_exhaustive)\n    variant Red = \"red\"\n    variant Unknown(String)\n\noperation X\n    fn Client::x() -> XFluentBuilder\n";

    #[test]
    fn text_round_trips() {
        let s = surface(BASE);
        assert_eq!(s.items.len(), 3);
        assert_eq!(s.items["struct operation::x::XInput"].members["field a"], ": Option<String> [required]");
        assert_eq!(s.items["enum types::Color"].members["variant Red"], " = \"red\"");
        assert_eq!(s.items["enum types::Color"].detail, " (non_exhaustive)");
        assert_eq!(surface(&s.to_text()), s);
        for block in BASE.split("\n\n") {
            assert!(s.to_text().contains(block), "{block}");
        }
        assert!(s.to_text().contains("\n    field a: Option<String> [required]\n"));
        assert!(ApiSurface::parse("    field a: String\n").unwrap_err().contains("line 1"));
        let paths = surface("impl config::Builder\n    fn region(self, region: impl Into<String>) -> Self\n");
        assert_eq!(paths.items["impl config::Builder"].members["fn region"], "(self, region: impl Into<String>) -> Self");
    }

    #[test]
    fn changes_are_classified() {
        let base = surface(BASE);
        // (edit of the base text, expected changes as displayed)
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "field b: Option<i32>\n",
                "",
                &["breaking: removed field b of struct operation::x::XInput (code that reads or sets it no longer compiles)"],
            ),
            (
                "field b: Option<i32>\n",
                "field b: Option<i32> [required]\n",
                &["breaking: field b of struct operation::x::XInput became required (`build()` and `send()` now fail when it is not set)"],
            ),
            (
                "field a: Option<String> [required]\n",
                "field a: Option<String>\n",
                &["compatible: field a of struct operation::x::XInput is no longer required (calls that set it still work)"],
            ),
            (
                "field b: Option<i32>\n",
                "field b: Option<i64>\n",
                &[
                    "breaking: field b of struct operation::x::XInput: `: Option<i32>` became `: Option<i64>` (code written for the old type no longer compiles)",
                ],
            ),
            (
                "field b: Option<i32>\n",
                "field b: Option<i32>\n    field c: Option<bool>\n",
                &["compatible: added field c to struct operation::x::XInput (additions to a #[non_exhaustive] type or impl break no code)"],
            ),
            (
                "field b: Option<i32>\n",
                "field b: Option<i32>\n    field c: Option<bool> [required]\n",
                &["breaking: added required field c to struct operation::x::XInput (`build()` and `send()` fail for callers that do not set it)"],
            ),
            (
                "    variant Red = \"red\"\n",
                "",
                &["breaking: removed variant Red of enum types::Color (matches on it and code that builds it no longer compile)"],
            ),
            (
                "variant Red = \"red\"\n",
                "variant Red = \"red\"\n    variant Blue = \"blue\"\n",
                &["compatible: added variant Blue to enum types::Color (additions to a #[non_exhaustive] type or impl break no code)"],
            ),
            (
                "variant Red = \"red\"\n",
                "variant Red = \"RED\"\n",
                &[
                    "breaking: variant Red of enum types::Color: `= \"red\"` became `= \"RED\"` (the variant now stands for another value on the wire)",
                ],
            ),
            ("operation X\n    fn Client::x() -> XFluentBuilder\n", "", &["breaking: removed operation X (code that names it no longer compiles)"]),
            (
                "operation X\n",
                "operation Y\n    fn Client::y() -> YFluentBuilder\n\noperation X\n",
                &["compatible: added operation Y (new items break no existing code)"],
            ),
        ];
        for (from, to, expected) in cases {
            assert!(BASE.contains(from), "{from}");
            let changed = surface(&BASE.replacen(from, to, 1));
            let shown: Vec<String> = changed.diff(&base).iter().map(ToString::to_string).collect();
            assert_eq!(shown, *expected, "{from:?} -> {to:?}");
        }
        assert!(base.diff(&base).is_empty());

        // A field's setters are its builder's side of the same change; so is a builder
        // that comes and goes with its structure.
        let with_builder = format!(
            "{BASE}\nbuilder operation::x::XInputBuilder\n    fn b(self, input: i32) -> Self\n    fn set_b(self, input: Option<i32>) -> Self\n"
        );
        let old = surface(&with_builder);
        let new = surface(
            &with_builder
                .replace("    field b: Option<i32>\n", "")
                .replace("    fn b(self, input: i32) -> Self\n    fn set_b(self, input: Option<i32>) -> Self\n", ""),
        );
        let shown: Vec<String> = new.diff(&old).iter().map(|c| c.what.clone()).collect();
        assert_eq!(shown, ["removed field b of struct operation::x::XInput"]);
        let gone = surface(&with_builder.replace("struct operation::x::XInput", "struct operation::x::Gone"));
        let shown: Vec<String> = gone.diff(&old).iter().map(|c| c.what.clone()).collect();
        assert_eq!(shown, ["removed struct operation::x::XInput", "added struct operation::x::Gone"]);
    }

    #[test]
    fn versions_move_by_semver() {
        let table = [
            (Bump::None, "0.1.0", "0.1.0"),
            (Bump::Patch, "0.1.0", "0.1.1"),
            (Bump::Additions, "0.1.3", "0.1.4"),
            (Bump::Breaking, "0.1.3", "0.2.0"),
            (Bump::Patch, "1.2.3", "1.2.4"),
            (Bump::Additions, "1.2.3", "1.3.0"),
            (Bump::Breaking, "1.2.3", "2.0.0"),
        ];
        for (bump, from, to) in table {
            assert_eq!(bump.apply(from).as_deref(), Some(to), "{bump:?} {from}");
        }
        assert_eq!(Bump::Patch.apply("1.0"), None);
        assert_eq!(Bump::Patch.apply("1.0.0-beta"), None);
    }
}
