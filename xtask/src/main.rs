//! `cargo xtask codegen`: regenerates `generated-client/` from `model/sso-oidc.json`.
//!
//! - `cargo xtask codegen --check`: exits non-zero, listing what is stale, when the
//!   checked-in crate differs from what the generator produces now.
//! - `cargo xtask codegen --model FILE --out DIR`: generates a client for any model.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--model FILE] [--out DIR]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen(&args[1..]) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The workspace root (this crate's parent).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn codegen(args: &[String]) -> Result<ExitCode, String> {
    let mut check = false;
    let mut model = root().join("model/sso-oidc.json");
    let mut out = root().join("generated-client");
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--model" => model = iter.next().ok_or(USAGE)?.into(),
            "--out" => out = iter.next().ok_or(USAGE)?.into(),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let text = std::fs::read_to_string(&model).map_err(|e| format!("{}: {e}", model.display()))?;
    let start = Instant::now();
    let generated = codegen::generate(&text).map_err(|e| format!("{}: {e}", model.display()))?;
    let elapsed = start.elapsed();
    if check {
        let stale = generated.check(&out).map_err(|e| e.to_string())?;
        if stale.is_empty() {
            println!("{} is up to date ({} files)", out.display(), generated.files.len());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{} is stale: {} file(s) differ from what the generator produces now", out.display(), stale.len());
        for s in &stale {
            eprintln!("  {s}");
        }
        eprintln!("run `cargo xtask codegen` and commit the result");
        return Ok(ExitCode::FAILURE);
    }
    let (written, removed) = generated.write_to(&out).map_err(|e| e.to_string())?;
    let lines: usize = generated.files.values().map(|t| t.lines().count()).sum();
    println!(
        "generated {} ({} files, {lines} lines) in {:.1} ms: {written} written, {removed} removed",
        out.display(),
        generated.files.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(ExitCode::SUCCESS)
}
