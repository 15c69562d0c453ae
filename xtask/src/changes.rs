//! What changed in a generated crate besides its API: the files whose documentation alone
//! changed, the tests added and removed (endpoint cases, examples, ...), and the files
//! whose code changed otherwise. `cargo xtask codegen` reports each kind apart from the
//! API changes, and the CHANGELOG entry has a section for each.

use std::collections::{BTreeMap, BTreeSet};

/// The changes between two versions of a generated crate's files, by kind.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FileChanges {
    /// Files whose documentation changed and nothing else.
    pub docs: Vec<String>,
    /// Tests found in the new files and not the old, by name (`file: module::test`).
    pub tests_added: Vec<String>,
    /// Tests found in the old files and not the new.
    pub tests_removed: Vec<String>,
    /// Files added, removed, or changed in more than their documentation, but for test
    /// files whose only change is the tests added and removed.
    pub code: Vec<String>,
}

impl FileChanges {
    /// Classifies every path whose text differs between `old` and `new`.
    pub fn between(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> FileChanges {
        let mut out = FileChanges::default();
        let paths: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for path in paths {
            let (before, after) = (old.get(path), new.get(path));
            if before == after {
                continue;
            }
            let (before, after) = (before.map_or("", String::as_str), after.map_or("", String::as_str));
            let (tests_before, tests_after) = (tests(before), tests(after));
            out.tests_added.extend(tests_after.difference(&tests_before).map(|t| format!("{path}: {t}")));
            out.tests_removed.extend(tests_before.difference(&tests_after).map(|t| format!("{path}: {t}")));
            let test_file = !tests_before.is_empty() || !tests_after.is_empty();
            if old.contains_key(path) && new.contains_key(path) && without_docs(before) == without_docs(after) {
                out.docs.push(path.clone());
            } else if !(test_file && tests_before != tests_after && without_tests(before) == without_tests(after)) {
                out.code.push(path.clone());
            }
        }
        out
    }

    /// Whether no file changed at all.
    pub fn is_empty(&self) -> bool {
        *self == FileChanges::default()
    }
}

/// The lines that are not documentation (`///`, `//!`) nor blank.
fn without_docs(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !is_doc(l) && !l.trim().is_empty()).collect()
}

fn is_doc(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("///") || line.starts_with("//!")
}

/// The names of the test functions of a Rust file (`#[test]` or `#[tokio::test]` above
/// `fn`), with the modules they sit in: `endpoint_rules::aws_iso::for_region_...`.
fn tests(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // (indentation, name) of each open module.
    let mut modules: Vec<(usize, &str)> = Vec::new();
    let mut attribute = false;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let line = line.trim_start();
        if line.is_empty() || is_doc(line) {
            continue;
        }
        modules.retain(|(at, _)| *at < indent);
        if let Some(name) = line.strip_prefix("mod ").or_else(|| line.strip_prefix("pub mod ")).and_then(|l| l.strip_suffix(" {")) {
            modules.push((indent, name));
        } else if line.starts_with("#[test]") || line.starts_with("#[tokio::test") {
            attribute = true;
        } else if attribute && !line.starts_with("#[") {
            let name = line.trim_start_matches("async ").strip_prefix("fn ").and_then(|l| l.split('(').next());
            if let Some(name) = name {
                let path: Vec<&str> = modules.iter().map(|(_, m)| *m).chain([name]).collect();
                out.insert(path.join("::"));
            }
            attribute = false;
        }
    }
    out
}

/// The lines outside test functions (and not blank), to tell a file whose only change is
/// its tests.
fn without_tests(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut skipping: Option<usize> = None;
    let mut attribute = false;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        if let Some(at) = skipping {
            if indent == at && trimmed == "}" {
                skipping = None;
            }
            continue;
        }
        if trimmed.starts_with("#[test]") || trimmed.starts_with("#[tokio::test") {
            attribute = true;
            continue;
        }
        if attribute && (trimmed.starts_with("fn ") || trimmed.starts_with("async fn ")) {
            attribute = false;
            if !trimmed.ends_with('}') {
                skipping = Some(indent);
            }
            continue;
        }
        if !is_doc(trimmed) && !trimmed.is_empty() {
            out.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries.iter().map(|(p, t)| ((*p).to_owned(), (*t).to_owned())).collect()
    }

    const TESTS: &str = "mod endpoint_rules {\n    use super::*;\n\n    /// A case.\n    #[test]\n    fn for_region_a() {\n        check(1);\n    }\n\n    mod aws_iso {\n        #[test]\n        fn for_region_b() {\n            check(2);\n        }\n    }\n}\n";

    #[test]
    fn documentation_tests_and_code_are_told_apart() {
        let old = files(&[
            ("src/lib.rs", "//! The service.\npub mod a;\n"),
            ("src/a.rs", "/// A thing.\npub struct A;\n"),
            ("src/b.rs", "pub fn b() {}\n"),
            ("tests/model.rs", TESTS),
        ]);
        let added = TESTS.replace(
            "    mod aws_iso {\n",
            "    mod aws_iso {\n        /// New.\n        #[test]\n        fn for_region_c() {\n            check(3);\n        }\n\n",
        );
        let new = files(&[
            ("src/lib.rs", "//! The service, now better described.\n//! Two lines.\npub mod a;\n"),
            ("src/a.rs", "/// A thing.\npub struct A(u8);\n"),
            ("src/b.rs", "pub fn b() {}\n"),
            ("tests/model.rs", &added),
            ("src/c.rs", "pub fn c() {}\n"),
        ]);
        let changes = FileChanges::between(&old, &new);
        assert_eq!(changes.docs, ["src/lib.rs"]);
        assert_eq!(changes.tests_added, ["tests/model.rs: endpoint_rules::aws_iso::for_region_c"]);
        assert!(changes.tests_removed.is_empty());
        // The test file changed only by a test added: not a code change.
        assert_eq!(changes.code, ["src/a.rs", "src/c.rs"]);
        assert!(FileChanges::between(&old, &old).is_empty());
    }

    #[test]
    fn a_changed_test_body_is_a_code_change_and_a_removed_test_is_listed() {
        let old = files(&[("tests/model.rs", TESTS)]);
        let new = files(&[("tests/model.rs", &TESTS.replace("check(1)", "check(10)"))]);
        let changes = FileChanges::between(&old, &new);
        assert_eq!(changes.code, ["tests/model.rs"]);
        assert!(changes.tests_added.is_empty() && changes.docs.is_empty());
        let removed = TESTS.replace("        #[test]\n        fn for_region_b() {\n            check(2);\n        }\n", "");
        let changes = FileChanges::between(&old, &files(&[("tests/model.rs", &removed)]));
        assert_eq!(changes.tests_removed, ["tests/model.rs: endpoint_rules::aws_iso::for_region_b"]);
        assert!(changes.code.is_empty(), "{changes:?}");
    }
}
