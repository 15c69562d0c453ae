//! The fuzz targets' seed corpus (`fuzz/seeds/`), replayed through the same entry points
//! on every test run, so a case the fuzzers once found stays fixed without nightly Rust.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let data = std::fs::read(entry.expect("entry").path()).expect("seed");
        run(&data);
        n += 1;
    }
    n
}

#[test]
fn response_seeds_replay() {
    assert!(replay("responses", sso_oidc::fuzzing::responses) >= 5);
}

#[test]
fn error_seeds_replay() {
    assert!(replay("errors", sso_oidc::fuzzing::errors) >= 5);
}
