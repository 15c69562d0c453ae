//! `cargo xtask codegen`: regenerates `generated-client/` from `model/sso-oidc.json`.
//!
//! - `cargo xtask codegen --check`: exits non-zero, listing what is stale, when the
//!   checked-in crate differs from what the generator produces now.
//! - `cargo xtask codegen --model FILE --out DIR`: generates a client for any model.
//! - `cargo xtask endpoint-tests`: for every model in `../shared/models/` (and the rules
//!   fixture), generates a crate with only the compiled endpoint rules and the model's
//!   `smithy.rules#endpointTests`, runs them, and prints the counts per model.
//! - `cargo xtask bench`: builds `bench/` (its own workspace) in release, runs the
//!   benchmarks against aws-sdk-ssooidc and writes `BENCHMARKS.md`.
//! - `cargo xtask fixtures`: generates the fixture models (`codegen/tests/fixtures/`) and
//!   `model/sso-oidc.json` as standalone crates outside the workspace, and runs
//!   `cargo clippy -D warnings`, `cargo test` and `cargo doc` (warnings as errors) in each: every shape kind compiles, passes
//!   its generated tests, and the generated crate needs nothing from this repository.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str =
    "usage: cargo xtask codegen [--check] [--model FILE] [--partitions FILE] [--out DIR]\n       cargo xtask fixtures\n       cargo xtask models\n       cargo xtask protocol-tests [--update]\n       cargo xtask endpoint-tests [--partitions FILE]\n       cargo xtask bench";

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => report(codegen(&args[1..])),
        Some("fixtures") => report(fixtures()),
        Some("models") => report(models()),
        Some("protocol-tests") => report(protocol_tests(&args[1..])),
        Some("endpoint-tests") => report(endpoint_tests(&args[1..])),
        Some("bench") => report(bench()),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn report(result: Result<ExitCode, String>) -> ExitCode {
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    })
}

/// The workspace root (this crate's parent).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// `partitions.json`: the one given, else the one beside the model, else `model/`'s.
fn read_partitions(model: &Path, given: Option<PathBuf>) -> Result<Option<String>, String> {
    let beside = model.parent().map(|d| d.join("partitions.json"));
    let path = given.or(beside.filter(|p| p.exists())).unwrap_or_else(|| root().join("model/partitions.json"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(_) if !path.exists() => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

fn codegen(args: &[String]) -> Result<ExitCode, String> {
    let mut check = false;
    let mut model = root().join("model/sso-oidc.json");
    let mut out = root().join("generated-client");
    let mut partitions = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--model" => model = iter.next().ok_or(USAGE)?.into(),
            "--partitions" => partitions = Some(PathBuf::from(iter.next().ok_or(USAGE)?)),
            "--out" => out = iter.next().ok_or(USAGE)?.into(),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let text = std::fs::read_to_string(&model).map_err(|e| format!("{}: {e}", model.display()))?;
    let partitions = read_partitions(&model, partitions)?;
    let start = Instant::now();
    let generated = codegen::generate(&text, partitions.as_deref()).map_err(|e| format!("{}: {e}", model.display()))?;
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

fn fixtures() -> Result<ExitCode, String> {
    let root = root();
    let mut models: Vec<PathBuf> = std::fs::read_dir(root.join("codegen/tests/fixtures"))
        .map_err(|e| format!("codegen/tests/fixtures: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    models.sort();
    models.push(root.join("model/sso-oidc.json"));
    let failed = models
        .iter()
        .map(|model| check_crate(model, "smithy-codegen-fixtures", &["clippy --all-targets -- -D warnings", "test", "doc --no-deps"]))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|c| !c.ok)
        .count();
    println!("{} passed, {failed} failed", models.len() - failed);
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `cargo xtask models`: every model of `../shared/models/` generated, then checked with
/// clippy (warnings are errors) and its generated tests (endpoint rules included), with
/// the time each step took.
fn models() -> Result<ExitCode, String> {
    let mut rows = Vec::new();
    for model in shared_models()? {
        rows.push((model.file_name().unwrap_or_default().to_string_lossy().into_owned(), check_crate(&model, "smithy-codegen-models", &["clippy --all-targets -- -D warnings", "test --no-fail-fast"])?));
    }
    println!("\n| model | generate (ms) | clippy + tests (s) | tests passed | tests failed | result |\n| --- | ---: | ---: | ---: | ---: | --- |");
    // Endpoint cases for the ISO partitions fail against the bundled partitions.json: the
    // models' test expectations predate ISO dual-stack (see README, "Endpoint rules").
    // They are listed, not counted as failures; anything else fails the command.
    let mut failed = 0;
    for (name, c) in &rows {
        let (endpoint, other): (Vec<&String>, Vec<&String>) = c.failures.iter().partition(|f| f.starts_with("endpoint_rules::"));
        let clean = c.clippy_ok && other.is_empty();
        failed += usize::from(!clean);
        let mut result = if clean { "passed".to_owned() } else { "FAILED".to_owned() };
        if !c.clippy_ok {
            result.push_str(" (clippy)");
        }
        if !other.is_empty() {
            result.push_str(&format!(" ({})", other.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
        }
        if !endpoint.is_empty() {
            result.push_str(&format!("; {} ISO-partition endpoint cases differ ({})", endpoint.len(), endpoint.iter().map(|s| s.trim_start_matches("endpoint_rules::")).collect::<Vec<_>>().join(", ")));
        }
        println!("| {name} | {:.1} | {:.0} | {} | {} | {result} |", c.gen_ms, c.check_s, c.passed, c.failures.len());
    }
    println!("\n{} passed, {failed} failed", rows.len() - failed);
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The protocol compliance cases known to pass: a case on this list that fails is a
/// regression (the command fails); a case that starts passing is reported, to be added
/// with `--update`.
const PROTOCOL_BASELINE: &str = "xtask/protocol-tests-passing.txt";

/// `cargo xtask protocol-tests`: generates the client of the official restJson1 protocol
/// test service (`../shared/protocol-tests/rest-json-1.json`), whose `tests/protocol.rs`
/// holds one test per client case of `smithy.test#httpRequestTests` and
/// `smithy.test#httpResponseTests`, runs them, and prints the counts per trait.
fn protocol_tests(args: &[String]) -> Result<ExitCode, String> {
    let update = args.iter().any(|a| a == "--update");
    let model = root().join("../shared/protocol-tests/rest-json-1.json");
    let checked = check_crate(&model, "smithy-codegen-protocol", &["clippy --all-targets -- -D warnings", "test --test protocol --no-fail-fast"])?;
    let mut passed: Vec<String> = checked.passes.clone();
    passed.sort();
    for (module, name) in [("request::", "httpRequestTests"), ("response::", "httpResponseTests")] {
        let ok = passed.iter().filter(|t| t.starts_with(module)).count();
        let failed: Vec<&String> = checked.failures.iter().filter(|t| t.starts_with(module)).collect();
        println!("{name}: {ok} passed, {} failed", failed.len());
        for f in failed {
            println!("  failed: {}", f.trim_start_matches(module));
        }
    }
    let baseline_path = root().join(PROTOCOL_BASELINE);
    if update {
        std::fs::write(&baseline_path, passed.join("\n") + "\n").map_err(|e| format!("{}: {e}", baseline_path.display()))?;
        println!("wrote {} passing cases to {PROTOCOL_BASELINE}", passed.len());
        return Ok(ExitCode::SUCCESS);
    }
    let baseline = std::fs::read_to_string(&baseline_path).unwrap_or_default();
    let regressions: Vec<&str> = baseline.lines().filter(|t| !t.is_empty() && !passed.iter().any(|p| p == t)).collect();
    let new: Vec<&String> = passed.iter().filter(|p| !baseline.lines().any(|t| t == p.as_str())).collect();
    if !new.is_empty() {
        println!("{} cases pass that {PROTOCOL_BASELINE} does not list: run `cargo xtask protocol-tests --update`", new.len());
    }
    if !regressions.is_empty() || !checked.clippy_ok {
        println!("regressions: {}{}", regressions.join(", "), if checked.clippy_ok { "" } else { " (and clippy failed)" });
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// What checking one generated crate found.
struct Checked {
    ok: bool,
    /// Whether the first command (clippy) passed.
    clippy_ok: bool,
    gen_ms: f64,
    check_s: f64,
    passed: usize,
    /// The tests that passed, by name.
    passes: Vec<String>,
    failures: Vec<String>,
}

/// Generates `model` into a folder outside the workspace (so the crate stands alone) and
/// runs each cargo command there. Every generated crate builds into the workspace's own
/// `target/`, so a dependency the workspace already compiled (same version, features and
/// profile) is reused rather than built and stored again: CI's disk use stays near one
/// workspace build.
fn check_crate(model: &Path, folder: &str, commands: &[&str]) -> Result<Checked, String> {
    let text = std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
    let partitions = read_partitions(model, None)?;
    let start = Instant::now();
    let generated = codegen::generate(&text, partitions.as_deref()).map_err(|e| format!("{}: {e}", model.display()))?;
    let gen_ms = start.elapsed().as_secs_f64() * 1000.0;
    let out = std::env::temp_dir().join(folder).join(&generated.package);
    generated.write_to(&out).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let (mut ok, mut passed, mut failures, mut passes) = (true, 0, Vec::new(), Vec::new());
    let mut clippy_ok = true;
    for (i, cmd) in commands.iter().enumerate() {
        let output = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(cmd.split(' '))
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", root().join("target"))
            .env("RUSTDOCFLAGS", "-D warnings")
            .stderr(std::process::Stdio::inherit())
            .output()
            .map_err(|e| format!("cargo {cmd}: {e}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        print!("{stdout}");
        for line in stdout.lines() {
            if let Some(name) = line.strip_prefix("test ").and_then(|l| l.strip_suffix(" ... FAILED")) {
                failures.push(name.to_owned());
            } else if let Some(name) = line.strip_prefix("test ").and_then(|l| l.strip_suffix(" ... ok")) {
                passed += 1;
                passes.push(name.to_owned());
            }
        }
        ok &= output.status.success();
        if i == 0 {
            clippy_ok = output.status.success();
        }
    }
    // The verdict is the caller's (`models` lists ISO-partition endpoint cases apart).
    println!(
        "{}: generated in {gen_ms:.1} ms; clippy {}; tests {passed} passed, {} failed; {:.0} s",
        model.display(),
        if clippy_ok { "clean" } else { "FAILED" },
        failures.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(Checked { ok, clippy_ok, gen_ms, check_s: start.elapsed().as_secs_f64(), passed, passes, failures })
}

/// The models of `../shared/models/` (without `partitions.json`), sorted.
fn shared_models() -> Result<Vec<PathBuf>, String> {
    let dir = root().join("../shared/models");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("partitions.json"))
        .collect();
    models.sort();
    Ok(models)
}

/// Sums the `test result:` lines of `cargo test` output: (passed, failed).
fn test_counts(output: &str) -> (usize, usize) {
    let number = |line: &str, label: &str| -> usize {
        line.split(';')
            .find_map(|part| part.trim().trim_start_matches("test result: ok.").trim_start_matches("test result: FAILED.").trim().strip_suffix(label))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    output
        .lines()
        .filter(|l| l.starts_with("test result:"))
        .fold((0, 0), |(p, f), l| (p + number(l, "passed"), f + number(l, "failed")))
}

fn endpoint_tests(args: &[String]) -> Result<ExitCode, String> {
    let partitions_override = match args {
        [] => None,
        [flag, file] if flag == "--partitions" => Some(PathBuf::from(file)),
        _ => return Err(USAGE.to_owned()),
    };
    let mut models = shared_models()?;
    models.push(root().join("codegen/tests/fixtures/rules.json"));
    let base = std::env::temp_dir().join("smithy-endpoint-tests");
    let target = root().join("target/endpoint-tests");
    let (mut total_passed, mut total_failed) = (0, 0);
    for model in &models {
        let text = std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
        let partitions = read_partitions(model, partitions_override.clone())?;
        let generated = codegen::generate_endpoint_crate(&text, partitions.as_deref()).map_err(|e| format!("{}: {e}", model.display()))?;
        let out = base.join(&generated.package);
        generated.write_to(&out).map_err(|e| e.to_string())?;
        let output = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["test", "--quiet"])
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .map_err(|e| e.to_string())?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let (passed, failed) = test_counts(&stdout);
        let status = if output.status.success() { "ok" } else { "FAILED" };
        println!("{:<28} endpoint tests: {passed} passed, {failed} failed ({status})", model.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
        if !output.status.success() {
            eprintln!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
        }
        total_passed += passed;
        total_failed += failed + usize::from(!output.status.success() && failed == 0);
    }
    println!("{total_passed} passed, {total_failed} failed");
    Ok(if total_failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn command_output(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The loopback server the client benchmarks call, in a process of its own; its URL.
fn start_bench_server(bin: &Path) -> Result<(std::process::Child, String), String> {
    let mut server = std::process::Command::new(bin.join("bench-server"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("bench-server: {e}"))?;
    let mut port = String::new();
    {
        use std::io::BufRead;
        let stdout = server.stdout.take().ok_or("bench-server has no stdout")?;
        std::io::BufReader::new(stdout).read_line(&mut port).map_err(|e| e.to_string())?;
    }
    Ok((server, format!("http://127.0.0.1:{}", port.trim())))
}

const CLIENTS: [(&str, &str); 3] = [("ours", "sso-oidc (generated)"), ("sdk", "aws-sdk-ssooidc"), ("reqwest", "bare reqwest (the limit)")];

/// Client CPU per call and throughput: ours, aws-sdk-ssooidc and bare reqwest against the
/// same loopback server (a process of its own), each run in a process of its own,
/// interleaved over rounds; medians.
fn client_benchmark(bin: &Path) -> Result<String, String> {
    let (mut server, url) = start_bench_server(bin)?;
    const ROUNDS: usize = 7;
    let modes = CLIENTS.map(|(mode, _)| mode);
    let mut cpu: std::collections::BTreeMap<(usize, &str), Vec<f64>> = Default::default();
    let mut rps: std::collections::BTreeMap<(usize, &str), Vec<f64>> = Default::default();
    let result = (|| -> Result<(), String> {
        for _ in 0..ROUNDS {
            for (concurrency, calls) in [(1usize, 10_000usize), (32, 40_000)] {
                for mode in modes {
                    let out = std::process::Command::new(bin.join("client-bench"))
                        .args([mode, &concurrency.to_string(), &calls.to_string(), &url])
                        .output()
                        .map_err(|e| format!("client-bench: {e}"))?;
                    if !out.status.success() {
                        return Err(format!("client-bench {mode}: {}", String::from_utf8_lossy(&out.stderr)));
                    }
                    let text = String::from_utf8_lossy(&out.stdout);
                    let mut parts = text.split_whitespace().map(|p| p.parse::<f64>().unwrap_or(f64::NAN));
                    cpu.entry((concurrency, mode)).or_default().push(parts.next().unwrap_or(f64::NAN));
                    rps.entry((concurrency, mode)).or_default().push(parts.next().unwrap_or(f64::NAN));
                }
            }
        }
        Ok(())
    })();
    let _ = server.kill();
    let _ = server.wait();
    result?;
    let mut table = String::from(
        "| concurrency | client | CPU per call (µs) | calls/s | CPU vs aws-sdk-ssooidc | CPU vs bare reqwest | calls/s vs aws-sdk-ssooidc |\n| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for concurrency in [1usize, 32] {
        let m = |mode: &str| (median(cpu[&(concurrency, mode)].clone()), median(rps[&(concurrency, mode)].clone()));
        let (sdk_cpu, sdk_rps) = m("sdk");
        let (limit_cpu, _) = m("reqwest");
        for (mode, name) in CLIENTS {
            let (c, r) = m(mode);
            table.push_str(&format!(
                "| {concurrency} | {name} | {c:.1} | {r:.0} | {:.2}x | {:.2}x | {:.2}x |\n",
                c / sdk_cpu,
                c / limit_cpu,
                r / sdk_rps
            ));
        }
    }
    Ok(table)
}

/// Instructions per call, counted by callgrind (deterministic, unlike CPU time on a shared
/// machine): each client runs 1,000 and then 3,000 calls after the same warm-up; the
/// difference over 2,000 calls leaves out start-up. `None` without valgrind.
fn client_instructions(bin: &Path) -> Result<Option<String>, String> {
    if std::process::Command::new("valgrind").arg("--version").output().is_err() {
        return Ok(None);
    }
    let (mut server, url) = start_bench_server(bin)?;
    let count = |mode: &str, concurrency: usize, calls: usize| -> Result<f64, String> {
        let out = std::process::Command::new("valgrind")
            .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
            .arg(bin.join("client-bench"))
            .args([mode, &concurrency.to_string(), &calls.to_string(), &url])
            .output()
            .map_err(|e| format!("valgrind: {e}"))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            return Err(format!("valgrind client-bench {mode}: {stderr}"));
        }
        stderr
            .lines()
            .find_map(|l| l.split_once("Collected :").map(|(_, n)| n.trim().parse::<f64>()))
            .and_then(Result::ok)
            .ok_or_else(|| format!("no instruction count from callgrind for {mode}"))
    };
    let result = (|| -> Result<String, String> {
        let mut table = String::from(
            "| concurrency | client | instructions per call | vs aws-sdk-ssooidc | vs bare reqwest |\n| ---: | --- | ---: | ---: | ---: |\n",
        );
        for concurrency in [1usize, 32] {
            let mut per_call = std::collections::BTreeMap::new();
            for (mode, _) in CLIENTS {
                let (short, long) = (count(mode, concurrency, 1_000)?, count(mode, concurrency, 3_000)?);
                per_call.insert(mode, (long - short) / 2_000.0);
            }
            for (mode, name) in CLIENTS {
                let n = per_call[mode];
                table.push_str(&format!(
                    "| {concurrency} | {name} | {:.1}k | {:.2}x | {:.2}x |\n",
                    n / 1000.0,
                    n / per_call["sdk"],
                    n / per_call["reqwest"]
                ));
            }
        }
        Ok(table)
    })();
    let _ = server.kill();
    let _ = server.wait();
    result.map(Some)
}

/// Clean debug and release builds of a minimal binary using each client: time (after
/// `cargo fetch`, so downloads are excluded), crates compiled, stripped release size.
fn build_cost(dir: &Path) -> Result<String, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut table = String::from(
        "| binary | clean debug build (s) | clean release build (s) | crates compiled | stripped size (MB) | ratios to aws-sdk-ssooidc (debug, release, crates, size) |\n| --- | ---: | ---: | ---: | ---: | --- |\n",
    );
    let mut rows = Vec::new();
    let binaries = [
        ("sso-oidc (generated, default features)", "ours", "min-ours"),
        ("sso-oidc without the `sigv4` feature", "ours-no-sigv4", "min-ours-no-sigv4"),
        ("bare reqwest + serde_json (the floor)", "floor", "min-floor"),
        ("aws-sdk-ssooidc", "sdk", "min-sdk"),
    ];
    for (name, sub, bin) in binaries {
        let crate_dir = dir.join(sub);
        let target = std::env::temp_dir().join(format!("smithy-build-cost-{sub}"));
        let status = std::process::Command::new(&cargo).args(["fetch", "--quiet"]).current_dir(&crate_dir).status().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("cargo fetch in {}", crate_dir.display()));
        }
        let timed = |args: &[&str]| -> Result<(f64, usize), String> {
            let _ = std::fs::remove_dir_all(&target);
            let start = Instant::now();
            let out = std::process::Command::new(&cargo)
                .args(args)
                .current_dir(&crate_dir)
                .env("CARGO_TARGET_DIR", &target)
                .output()
                .map_err(|e| e.to_string())?;
            if !out.status.success() {
                return Err(format!("{name}: {}", String::from_utf8_lossy(&out.stderr)));
            }
            let compiled = String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.trim_start().starts_with("Compiling ")).count();
            Ok((start.elapsed().as_secs_f64(), compiled))
        };
        let (debug, crates) = timed(&["build", "--offline"])?;
        let (release, _) = timed(&["build", "--offline", "--release"])?;
        let size = std::fs::metadata(target.join("release").join(bin)).map(|m| m.len() as f64 / 1e6).unwrap_or(f64::NAN);
        let _ = std::fs::remove_dir_all(&target);
        rows.push((name, debug, release, crates, size));
    }
    let Some(&(_, sdk_debug, sdk_release, sdk_crates, sdk_size)) = rows.last() else { return Ok(table) };
    for (name, debug, release, crates, size) in &rows {
        table.push_str(&format!(
            "| {name} | {debug:.1} | {release:.1} | {crates} | {size:.2} | {:.2}x, {:.2}x, {:.2}x, {:.2}x |\n",
            debug / sdk_debug,
            release / sdk_release,
            *crates as f64 / sdk_crates as f64,
            size / sdk_size
        ));
    }
    Ok(table)
}

fn bench() -> Result<ExitCode, String> {
    let dir = root().join("bench");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(&cargo)
        .args(["build", "--release", "--bins"])
        .current_dir(&dir)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("building bench/ failed".into());
    }
    let bin = dir.join("target/release");
    let mut report = String::from("# Benchmarks\n\n");
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| t.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned()))
        .unwrap_or_else(|| "unknown CPU".into());
    report.push_str(&format!(
        "Measured {} on {} ({} cores) with `cargo xtask bench` (all in one run). The official SDK is the `aws-sdk-ssooidc` locked in `bench/Cargo.lock` and `bench/build-cost/sdk/Cargo.lock`.\n",
        command_output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        cpu,
        command_output("nproc", &[]),
    ));
    let mut section = |title: &str, table: String| {
        println!("## {title}\n\n{table}");
        report.push_str(&format!("\n## {title}\n\n{table}"));
    };
    let run = |name: &str| -> Result<String, String> {
        let out = std::process::Command::new(bin.join(name)).output().map_err(|e| format!("{name}: {e}"))?;
        if !out.status.success() {
            return Err(format!("{name} failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    section("Code generation (release build, median of 20 runs)", run("codegen")?);
    section(
        "Client CPU per CreateToken call and throughput (loopback server in its own process; medians of 7 interleaved rounds; 10,000 calls at concurrency 1, 40,000 at 32; bare reqwest sends the identical request, body and headers built beforehand, and reads the body without parsing it)",
        client_benchmark(&bin)?,
    );
    if let Some(table) = client_instructions(&bin)? {
        section("Client instructions per CreateToken call (callgrind, user space; the difference between 3,000 and 1,000 calls)", table);
    }
    section("Endpoint resolution per call (median of 15 rounds of 200,000 calls)", run("endpoint")?);
    section("Heap allocations per endpoint resolution", run("endpoint-allocs")?);
    section("Build cost of a minimal binary (clean builds, downloads excluded)", build_cost(&dir.join("build-cost"))?);
    std::fs::write(root().join("BENCHMARKS.md"), report).map_err(|e| e.to_string())?;
    println!("wrote BENCHMARKS.md");
    Ok(ExitCode::SUCCESS)
}
