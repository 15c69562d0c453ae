//! Each checked-in client (`generated-client/`, `generated-sso/`) must be exactly what the
//! generator produces from `model/` now, at the version its Cargo.toml has: a forgotten
//! `cargo xtask codegen` fails here, in a normal test run. Nothing here reads beyond the
//! repository.

use std::path::{Path, PathBuf};

use codegen::checked_in::{CLIENTS, CheckedInClient};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn version(client: &CheckedInClient) -> String {
    let cargo_toml = read(&format!("{}/Cargo.toml", client.dir));
    codegen::output::package_version(&cargo_toml).unwrap_or_else(|| panic!("{}/Cargo.toml has no version", client.dir)).to_owned()
}

fn generate(client: &CheckedInClient) -> codegen::GeneratedCrate {
    let settings = codegen::settings::Settings::beside(&root().join(client.model)).unwrap_or_else(|e| panic!("{e}"));
    codegen::generate_with(&read(client.model), Some(&read("model/partitions.json")), &version(client), &settings)
        .unwrap_or_else(|e| panic!("{}: {e}", client.model))
}

#[test]
fn generated_clients_are_up_to_date() {
    for client in CLIENTS {
        let stale = generate(client).check(&root().join(client.dir)).unwrap();
        let report: Vec<String> = stale.iter().map(ToString::to_string).collect();
        assert!(stale.is_empty(), "{}/ is stale; run `cargo xtask codegen`:\n{}", client.dir, report.join("\n"));
    }
}

#[test]
fn generation_is_deterministic() {
    for client in CLIENTS {
        let first = generate(client);
        for _ in 0..3 {
            assert_eq!(generate(client), first, "{}", client.model);
        }
    }
}

#[test]
fn changelogs_have_an_entry_for_the_version() {
    for client in CLIENTS {
        let version = version(client);
        let changelog = read(&client.changelog());
        assert!(changelog.lines().any(|l| l == format!("## {version}")), "{} has no `## {version}`; run `cargo xtask codegen`", client.changelog());
    }
}
