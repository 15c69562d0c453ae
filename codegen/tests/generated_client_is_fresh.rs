//! The checked-in `generated-client/` must be exactly what the generator produces from
//! `model/` now, at the version its Cargo.toml has: a forgotten `cargo xtask codegen`
//! fails here, in a normal test run. Nothing here reads beyond the repository.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generate() -> codegen::GeneratedCrate {
    let root = root();
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let cargo_toml = read("generated-client/Cargo.toml");
    let version = codegen::output::package_version(&cargo_toml).expect("generated-client/Cargo.toml has a version");
    codegen::generate_version(&read("model/sso-oidc.json"), Some(&read("model/partitions.json")), version).expect("the model generates")
}

#[test]
fn generated_client_is_up_to_date() {
    let stale = generate().check(&root().join("generated-client")).unwrap();
    let report: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert!(stale.is_empty(), "generated-client/ is stale; run `cargo xtask codegen`:\n{}", report.join("\n"));
}

#[test]
fn generation_is_deterministic() {
    let first = generate();
    for _ in 0..3 {
        assert_eq!(generate(), first);
    }
}

#[test]
fn changelog_has_an_entry_for_the_version() {
    let root = root();
    let cargo_toml = std::fs::read_to_string(root.join("generated-client/Cargo.toml")).unwrap();
    let version = codegen::output::package_version(&cargo_toml).unwrap();
    let changelog = std::fs::read_to_string(root.join("generated-client/CHANGELOG.md")).unwrap();
    assert!(
        changelog.lines().any(|l| l == format!("## {version}")),
        "generated-client/CHANGELOG.md has no `## {version}`; run `cargo xtask codegen`"
    );
}
