//! The model-update workflow, end to end, on a small model of its own (so that it holds
//! whatever `model/` holds) in a temporary git repository: `cargo xtask codegen` after a
//! model change writes the client, reports each API change as breaking or compatible
//! against the last commit, moves the version by semver and adds one CHANGELOG entry;
//! running it again changes nothing, and `--check` agrees.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

const OUTPUT: &str = "ex#GetThingOutput";
const INPUT: &str = "ex#GetThingInput";

/// A restJson1 service with one operation.
fn model() -> Value {
    json!({
        "smithy": "2.0",
        "shapes": {
            "ex#Things": {
                "type": "service",
                "version": "2024-01-01",
                "operations": [{"target": "ex#GetThing"}],
                "traits": {"aws.protocols#restJson1": {}, "smithy.api#title": "Things"}
            },
            "ex#GetThing": {
                "type": "operation",
                "input": {"target": INPUT},
                "output": {"target": OUTPUT},
                "traits": {"smithy.api#http": {"method": "POST", "uri": "/thing"}}
            },
            INPUT: {
                "type": "structure",
                "members": {
                    "id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                    "label": {"target": "smithy.api#String"}
                },
                "traits": {"smithy.api#input": {}}
            },
            OUTPUT: {
                "type": "structure",
                "members": {"value": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#output": {}}
            }
        }
    })
}

struct Repo {
    dir: PathBuf,
}

impl Repo {
    /// `model/` and an empty fixtures folder, committed, then a first `codegen`.
    fn new(name: &str) -> Repo {
        let dir = std::env::temp_dir().join(format!("xtask-model-update-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("model")).unwrap();
        std::fs::create_dir_all(dir.join("codegen/tests/fixtures")).unwrap();
        // Every client gets the small model; the tests edit the first.
        for client in codegen::checked_in::CLIENTS {
            std::fs::write(dir.join(client.model), serde_json::to_string_pretty(&model()).unwrap()).unwrap();
        }
        let repo = Repo { dir };
        repo.git(&["init", "-q"]);
        let (ok, out) = repo.xtask(&["codegen"]);
        assert!(ok, "{out}");
        assert!(out.contains("version 0.1.0: nothing changed"), "{out}");
        repo.commit();
        repo
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
            .args(args)
            .current_dir(&self.dir)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    fn commit(&self) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", "state"]);
    }

    /// Runs an xtask command on this copy: (success, stdout and stderr).
    fn xtask(&self, args: &[&str]) -> (bool, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).env("XTASK_ROOT", &self.dir).output().unwrap();
        (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }

    fn edit_model(&self, edit: impl FnOnce(&mut Value)) {
        let path = self.dir.join("model/sso-oidc.json");
        let mut model: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        edit(&mut model);
        std::fs::write(&path, serde_json::to_string_pretty(&model).unwrap()).unwrap();
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir.join(path)).unwrap()
    }

    fn version(&self) -> String {
        let toml = self.read("generated-client/Cargo.toml");
        codegen::output::package_version(&toml).unwrap().to_owned()
    }

    /// Every file below the repository, but `.git`.
    fn files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![self.dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if !path.ends_with(".git") {
                        stack.push(path);
                    }
                } else {
                    out.push((path.clone(), std::fs::read(&path).unwrap()));
                }
            }
        }
        out.sort();
        out
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn add_output_member(model: &mut Value) {
    model["shapes"][OUTPUT]["members"]["size"] = json!({"target": "smithy.api#Integer"});
}

#[test]
fn an_optional_output_member_is_a_compatible_patch() {
    let repo = Repo::new("compatible");
    repo.edit_model(add_output_member);
    let (ok, out) = repo.xtask(&["codegen"]);
    assert!(ok, "{out}");
    assert!(out.contains("API changes against HEAD: 0 breaking, 1 compatible\n  compatible: added field size to struct operation::get_thing::GetThingOutput (additions to a #[non_exhaustive] type or impl break no code)\n"), "{out}");
    assert!(out.contains("version 0.1.0 -> 0.1.1 (compatible API changes)"), "{out}");
    assert_eq!(repo.version(), "0.1.1");
    let changelog = repo.read("generated-client/CHANGELOG.md");
    assert!(changelog.contains("## 0.1.1\n\n### Compatible\n\n- added field size to struct operation::get_thing::GetThingOutput"), "{changelog}");
    assert!(changelog.find("## 0.1.1") < changelog.find("## 0.1.0"), "newest first: {changelog}");
    let surface = repo.read("codegen/tests/snapshots/sso-oidc/api.snap");
    assert!(
        surface.contains(
            "\nstruct operation::get_thing::GetThingOutput (non_exhaustive)\n    field size: Option<i32>\n    field value: Option<String>\n"
        ),
        "{surface}"
    );

    // Again: nothing moves.
    let before = repo.files();
    let (ok, out) = repo.xtask(&["codegen"]);
    assert!(ok, "{out}");
    assert_eq!(repo.files(), before, "a second run changed files:\n{out}");
    let (ok, out) = repo.xtask(&["codegen", "--check"]);
    assert!(ok, "{out}");
}

#[test]
fn a_removed_input_member_is_breaking_and_moves_the_minor_version_once() {
    let repo = Repo::new("breaking");
    repo.edit_model(add_output_member);
    let (ok, out) = repo.xtask(&["codegen"]);
    assert!(ok && out.contains("0.1.0 -> 0.1.1"), "{out}");
    // A further edit before any commit: still measured against HEAD (0.1.0).
    repo.edit_model(|m| {
        m["shapes"][INPUT]["members"].as_object_mut().unwrap().remove("label");
    });
    let (ok, out) = repo.xtask(&["codegen"]);
    assert!(ok, "{out}");
    assert!(out.contains("API changes against HEAD: 1 breaking, 1 compatible\n  breaking: removed field label of struct operation::get_thing::GetThingInput (code that reads or sets it no longer compiles)\n  compatible: added field size"), "{out}");
    assert!(out.contains("version 0.1.0 -> 0.2.0 (breaking API changes)"), "{out}");
    assert_eq!(repo.version(), "0.2.0");
    let changelog = repo.read("generated-client/CHANGELOG.md");
    assert!(!changelog.contains("## 0.1.1"), "one entry per change against HEAD: {changelog}");
    assert!(changelog.contains("## 0.2.0\n\n### Breaking\n\n- removed field label of struct operation::get_thing::GetThingInput"), "{changelog}");
    assert!(changelog.contains("### Compatible\n\n- added field size"), "{changelog}");

    // Committed, the next run is measured from 0.2.0 and finds nothing.
    repo.commit();
    let (ok, out) = repo.xtask(&["codegen"]);
    assert!(ok && out.contains("version 0.2.0: nothing changed since HEAD"), "{out}");
}

#[test]
fn a_stale_checkout_fails_the_check_naming_every_file() {
    let repo = Repo::new("stale");
    repo.edit_model(add_output_member);
    let (ok, out) = repo.xtask(&["codegen", "--check"]);
    assert!(!ok, "{out}");
    assert!(out.contains("changed: src/operation/get_thing.rs"), "{out}");
    assert!(out.contains("changed: api.snap"), "{out}");
    assert!(out.contains("run `cargo xtask codegen` and commit the result"), "{out}");
}

#[test]
fn api_diff_reports_without_writing() {
    let repo = Repo::new("api-diff");
    let old = repo.dir.join("model/sso-oidc.json");
    let new = repo.dir.join("new.json");
    std::fs::copy(&old, &new).unwrap();
    let mut model: Value = serde_json::from_str(&repo.read("new.json")).unwrap();
    model["shapes"][INPUT]["members"]["label"]["traits"] = json!({"smithy.api#required": {}});
    std::fs::write(&new, model.to_string()).unwrap();
    let before = repo.files();
    let (ok, out) = repo.xtask(&["api-diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(
        out.contains(
            "breaking: field label of struct operation::get_thing::GetThingInput became required (`build()` and `send()` now fail when it is not set)"
        ),
        "{out}"
    );
    assert!(out.contains("semver: breaking API changes"), "{out}");
    assert_eq!(repo.files(), before);
}

/// A documentation change and a new example are their own kinds in the report and the
/// CHANGELOG: no API change, a patch version, the file whose docs changed, the test added.
#[test]
fn documentation_and_test_changes_are_reported_as_such() {
    let repo = Repo::new("docs");
    repo.edit_model(|m| {
        m["shapes"][INPUT]["members"]["label"]["traits"] = json!({"smithy.api#documentation": "<p>A label for the thing.</p>"});
        m["shapes"]["ex#GetThing"]["traits"]["smithy.api#examples"] = json!([{
            "title": "Get a thing",
            "input": {"id": "t-1"},
            "output": {"value": "v"}
        }]);
    });
    let (ok, out) = repo.xtask(&["codegen"]);
    assert!(ok, "{out}");
    assert!(out.contains("API changes against HEAD: none\n"), "{out}");
    assert!(out.contains("documentation changed in 1 files (no API effect): src/operation/get_thing.rs\n"), "{out}");
    assert!(out.contains("tests added: 1: tests/model.rs: get_thing::example_get_a_thing\n"), "{out}");
    assert!(out.contains("version 0.1.0 -> 0.1.1"), "{out}");
    let changelog = repo.read("generated-client/CHANGELOG.md");
    assert!(
        changelog.contains(
            "## 0.1.1\n\nNo API change.\n\n### Documentation\n\n- `src/operation/get_thing.rs`\n\n### Tests\n\n- added `tests/model.rs: get_thing::example_get_a_thing`\n\n## 0.1.0"
        ),
        "{changelog}"
    );
}
