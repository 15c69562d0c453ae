//! The checked-in `generated-client/` must be exactly what the generator produces from
//! `model/` now: a forgotten `cargo xtask codegen` fails here, in a normal test run.

use std::path::Path;

#[test]
fn generated_client_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let model = std::fs::read_to_string(root.join("model/sso-oidc.json")).unwrap();
    let partitions = std::fs::read_to_string(root.join("model/partitions.json")).unwrap();
    let generated = codegen::generate(&model, Some(&partitions)).unwrap();
    let stale = generated.check(&root.join("generated-client")).unwrap();
    let report: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert!(stale.is_empty(), "generated-client/ is stale; run `cargo xtask codegen`:\n{}", report.join("\n"));
}

#[test]
fn generation_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let model = std::fs::read_to_string(root.join("model/sso-oidc.json")).unwrap();
    let partitions = std::fs::read_to_string(root.join("model/partitions.json")).unwrap();
    let first = codegen::generate(&model, Some(&partitions)).unwrap();
    for _ in 0..3 {
        assert_eq!(codegen::generate(&model, Some(&partitions)).unwrap(), first);
    }
}

#[test]
fn model_files_are_the_upstream_copies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let shared = root.join("../shared/models");
    for file in ["sso-oidc.json", "partitions.json"] {
        let ours = std::fs::read(root.join("model").join(file)).unwrap();
        let upstream = std::fs::read(shared.join(file)).unwrap();
        assert!(ours == upstream, "model/{file} differs from ../shared/models/{file}");
    }
}
