//! `cargo xtask fmt [--check]`: rustfmt over the workspace (generated files carry
//! `#![cfg_attr(rustfmt, rustfmt_skip)]`: the generator formats them), every runtime file
//! (some are in no module tree, such as `tests/protocol.rs`), and the `bench/` and `fuzz/`
//! workspaces, and the hand-written tests of fixture crates (`codegen/tests/fixtures/*.tests.rs`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use crate::root;

pub fn fmt(args: &[String]) -> Result<ExitCode, String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err(crate::usage_error("fmt", args)),
    };
    let root = root();
    let cargo = crate::cargo();
    let mut ok = true;
    let mut cargo_fmt = |dir: &Path| -> Result<(), String> {
        let mut command = Command::new(&cargo);
        command.args(["fmt", "--all"]).current_dir(dir);
        if check {
            command.arg("--check");
        }
        ok &= command.status().map_err(|e| format!("cargo fmt: {e}"))?.success();
        Ok(())
    };
    for dir in [root.clone(), root.join("bench"), root.join("fuzz")] {
        cargo_fmt(&dir)?;
    }
    let mut unformatted = Vec::new();
    // The runtime, and the hand-written tests of fixture crates (`<fixture>.tests.rs`).
    let mut files = rust_files(&root.join("codegen/runtime"))?;
    files.extend(rust_files(&root.join("codegen/tests/fixtures"))?);
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let formatted = rustfmt(&root, &text).map_err(|e| format!("{}: {e}", file.display()))?;
        if formatted != text {
            if check {
                unformatted.push(file.strip_prefix(&root).unwrap_or(&file).display().to_string());
            } else {
                std::fs::write(&file, formatted).map_err(|e| format!("{}: {e}", file.display()))?;
            }
        }
    }
    if !unformatted.is_empty() {
        eprintln!("not formatted (run `cargo xtask fmt`): {}", unformatted.join(", "));
        ok = false;
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `text` as rustfmt formats it with the workspace's settings. Through standard input, so
/// rustfmt does not follow `mod` items to files that exist only in generated crates.
fn rustfmt(root: &Path, text: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--config-path"])
        .arg(root.join("rustfmt.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("rustfmt: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("rustfmt has no stdin")?;
    let input = text.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| format!("rustfmt: {e}"))?;
    writer.join().map_err(|_| "rustfmt: writing failed")?.map_err(|e| format!("rustfmt: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}
