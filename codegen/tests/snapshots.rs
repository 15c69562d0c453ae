//! Every generated file, for sso-oidc and for the fixture models under `tests/fixtures/`,
//! is an insta snapshot: a change in generation shows up as a reviewable snapshot diff.
//! Update with `INSTA_UPDATE=always cargo test -p smithy-codegen --test snapshots` (or
//! `cargo insta review`).

use std::path::Path;

fn snapshot_crate(name: &str, model: &Path) {
    let text = std::fs::read_to_string(model).unwrap();
    let partitions = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/partitions.json")).unwrap();
    let generated = codegen::generate(&text, Some(&partitions)).unwrap_or_else(|e| panic!("{}: {e}", model.display()));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(format!("snapshots/{name}"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (path, contents) in &generated.files {
            insta::assert_snapshot!(path.replace('/', "__"), contents);
        }
    });
}

#[test]
fn sso_oidc() {
    snapshot_crate("sso-oidc", &Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/sso-oidc.json"));
}

#[test]
fn fixture_rules() {
    snapshot_crate("rules", &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules.json"));
}

#[test]
fn fixture_shapes() {
    snapshot_crate("shapes", &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes.json"));
}

#[test]
fn fixture_behaviors() {
    snapshot_crate("behaviors", &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/behaviors.json"));
}
