//! No default build compiles aws-lc-sys (a C build): the generated clients use rustls with
//! ring unless a user turns on their `tls-aws-lc` feature, and the benchmarks build the
//! SDK's aws-lc-rs default from temporary copies (`cargo xtask bench`), never from a
//! committed lock.
//!
//! The workspace's lock lists aws-lc-sys, because Cargo locks every optional feature of a
//! workspace member (the runtime's and sso-oidc's `tls-aws-lc`); what matters there is that
//! nothing built with default features reaches it, which `cargo tree` tells. The benchmark
//! workspaces hold no workspace member with that feature, so their locks must not list it at all.

use std::path::{Path, PathBuf};

/// Every `Cargo.lock` under `dir`, leaving out build output and generated benchmark crates.
fn lock_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != ".git" && name != "generated" {
                lock_files(&path, found);
            }
        } else if name == "Cargo.lock" {
            found.push(path);
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn no_benchmark_lock_file_holds_aws_lc_sys() {
    let root = root();
    let mut locks = Vec::new();
    lock_files(&root, &mut locks);
    // The walk reaches the workspace's lock and the benchmarks' own.
    for expected in ["Cargo.lock", "bench/Cargo.lock", "bench/build-cost/sdk/Cargo.lock", "bench/compile-time/Cargo.lock"] {
        assert!(locks.contains(&root.join(expected)), "{expected} not found among {locks:?}");
    }
    let holding: Vec<_> = locks
        .iter()
        .filter(|l| **l != root.join("Cargo.lock"))
        .filter(|l| std::fs::read_to_string(l).is_ok_and(|text| text.contains("name = \"aws-lc-sys\"")))
        .map(|l| l.strip_prefix(&root).unwrap_or(l).display().to_string())
        .collect();
    assert!(holding.is_empty(), "lock files holding aws-lc-sys: {holding:?}");
}

/// The packages `cargo tree` finds for the workspace with `args` added, one per line.
fn workspace_tree(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["tree", "--workspace", "--locked", "--edges", "normal,build,dev", "--prefix", "none", "--format", "{p}"])
        .args(args)
        .current_dir(root())
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_default_build_compiles_no_aws_lc_sys() {
    let tree = workspace_tree(&[]);
    // The walk saw the TLS stack, so its silence about aws-lc-sys means something.
    assert!(tree.lines().any(|l| l.starts_with("ring v")), "ring is not in the default build's tree");
    let c_builds: Vec<&str> = tree.lines().filter(|l| l.starts_with("aws-lc-sys ") || l.starts_with("aws-lc-rs ")).collect();
    assert!(c_builds.is_empty(), "the default build compiles {c_builds:?}");
}
