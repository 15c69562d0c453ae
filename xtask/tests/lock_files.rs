//! No lock file in the repository builds aws-lc-sys (a C/cmake build): the generated
//! clients use rustls with ring, and the benchmarks build the SDK's aws-lc-rs default from
//! temporary copies (`cargo xtask bench`), never from a committed lock.

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

#[test]
fn no_lock_file_holds_aws_lc_sys() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut locks = Vec::new();
    lock_files(&root, &mut locks);
    // The walk reaches the workspace's lock and the benchmarks' own.
    for expected in ["Cargo.lock", "bench/Cargo.lock", "bench/build-cost/sdk/Cargo.lock", "bench/compile-time/Cargo.lock"] {
        assert!(locks.contains(&root.join(expected)), "{expected} not found among {locks:?}");
    }
    let holding: Vec<_> = locks
        .iter()
        .filter(|l| std::fs::read_to_string(l).is_ok_and(|text| text.contains("name = \"aws-lc-sys\"")))
        .map(|l| l.strip_prefix(&root).unwrap_or(l).display().to_string())
        .collect();
    assert!(holding.is_empty(), "lock files holding aws-lc-sys: {holding:?}");
}
