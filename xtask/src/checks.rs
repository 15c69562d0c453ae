//! The checks that build and test generated crates: `fixtures`, `models`,
//! `protocol-tests` and `endpoint-tests`. All but `fixtures` read `../shared`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::{read_partitions, root, shared_dir};

/// The fixture models of `codegen/tests/fixtures/`, sorted.
pub fn fixture_models() -> Result<Vec<PathBuf>, String> {
    files_in(&root().join("codegen/tests/fixtures"), "json")
}

pub fn fixtures() -> Result<ExitCode, String> {
    let root = root();
    // Each with whether to build it without its default features too. The checked-in
    // clients are not: `.ci/run` builds the signing one (sso-oidc) that way itself.
    let mut models: Vec<(PathBuf, bool)> = fixture_models()?.into_iter().map(|m| (m, true)).collect();
    models.extend(codegen::checked_in::CLIENTS.iter().map(|c| (root.join(c.model), false)));
    let failed = models
        .iter()
        .map(|(model, without_sigv4)| {
            check_crate(model, "smithy-codegen-fixtures", &["clippy --all-targets -- -D warnings", "test", "doc --no-deps"], None, *without_sigv4)
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|c| !c.ok)
        .count();
    println!("{} passed, {failed} failed", models.len() - failed);
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The models of `../shared/models-next/` that the generator handles now (the others need
/// protocols or features to come): checked like those of `../shared/models/`.
const NEXT_MODELS: &[&str] = &[
    "bedrock-runtime.json",
    "cloudwatch-logs.json",
    "dynamodb.json",
    "glacier.json",
    "kms.json",
    "route-53.json",
    "sqs.json",
    "sts.json",
    "timestream-query.json",
    "transcribe-streaming.json",
];

/// `cargo xtask models`: every model of `../shared/models/`, and those of
/// `../shared/models-next/` in [`NEXT_MODELS`], generated, then checked with clippy
/// (warnings are errors) and its generated tests (endpoint rules included), with the time
/// each step took.
pub fn models(args: &[String]) -> Result<ExitCode, String> {
    let partitions = match args {
        [] => None,
        [flag, file] if flag == "--partitions" => Some(PathBuf::from(file)),
        _ => return Err(crate::usage_error("models", args)),
    };
    let mut rows = Vec::new();
    let next = shared_dir()?.join("models-next");
    for model in shared_models()?.into_iter().chain(NEXT_MODELS.iter().map(|m| next.join(m))) {
        // With default features only: the fixtures check the build without `sigv4`, and a
        // second build of every model would cost CI about 3 minutes more.
        rows.push((
            model.file_name().unwrap_or_default().to_string_lossy().into_owned(),
            check_crate(&model, "smithy-codegen-models", &["clippy --all-targets -- -D warnings", "test --no-fail-fast"], partitions.clone(), false)?,
        ));
    }
    println!("\n| model | generate (ms) | clippy + tests (s) | tests passed | tests failed | result |\n| --- | ---: | ---: | ---: | ---: | --- |");
    // Endpoint cases of partitions other than `aws` (in `endpoint_rules::<partition>`) can
    // fail against the bundled partitions.json: the models' expectations predate ISO
    // dual-stack (see README, "Endpoint rules"). They are listed, not counted as failures;
    // anything else fails the command.
    let mut failed = 0;
    for (name, c) in &rows {
        let (endpoint, other): (Vec<&String>, Vec<&String>) = c.failures.iter().partition(|f| other_partition_case(f));
        let clean = c.clean();
        failed += usize::from(!clean);
        let mut result = if clean { "passed".to_owned() } else { "FAILED".to_owned() };
        if !c.clippy_ok {
            result.push_str(&format!(" (clippy{})", moved_note(c)));
        }
        if !other.is_empty() {
            result.push_str(&format!(" ({})", other.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
        }
        if !endpoint.is_empty() {
            result.push_str(&format!(
                "; {} endpoint cases of other partitions differ ({})",
                endpoint.len(),
                endpoint.iter().map(|s| s.trim_start_matches("endpoint_rules::")).collect::<Vec<_>>().join(", ")
            ));
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

/// The compliance suites of `../shared/protocol-tests/` for the protocols the generator
/// supports.
const PROTOCOL_SUITES: &[&str] = &[
    "rest-json-1.json",
    "aws-json-1-0.json",
    "aws-json-1-0-query-compatible.json",
    "aws-json-1-1.json",
    "rpcv2-json.json",
    "rpcv2-cbor.json",
    "aws-query.json",
    "ec2-query.json",
    "rest-xml.json",
    "rest-xml-namespace.json",
];

/// `cargo xtask protocol-tests`: generates the client of each official protocol test
/// service (`../shared/protocol-tests/`), whose `tests/protocol.rs` holds one test per
/// client case of `smithy.test#httpRequestTests`, `smithy.test#httpResponseTests` and
/// `smithy.test#eventStreamTests`, runs them, and prints the counts per suite and per trait
/// (event streams on a line of their own), then the total. The baseline lists
/// every passing case as `<suite> <test>`.
pub fn protocol_tests(args: &[String]) -> Result<ExitCode, String> {
    let update = match args {
        [] => false,
        [flag] if flag == "--update" => true,
        _ => return Err(crate::usage_error("protocol-tests", args)),
    };
    let dir = shared_dir()?.join("protocol-tests");
    let (mut passed, mut failed_total, mut clippy_ok) = (Vec::new(), 0, true);
    let mut lines = Vec::new();
    for suite in PROTOCOL_SUITES {
        let checked = check_crate(
            &dir.join(suite),
            "smithy-codegen-protocol",
            &["clippy --all-targets -- -D warnings", "test --test protocol --no-fail-fast"],
            None,
            false,
        )?;
        clippy_ok &= checked.clippy_ok;
        let failed = checked.failures.len();
        failed_total += failed;
        let clippy = if checked.clippy_ok { String::new() } else { format!(" (clippy FAILED{})", moved_note(&checked)) };
        lines.push(format!("{suite}: {} passed, {failed} failed{clippy}", checked.passes.len()));
        for (module, name) in [("request::", "httpRequestTests"), ("response::", "httpResponseTests"), ("event_stream::", "eventStreamTests")] {
            let ok = checked.passes.iter().filter(|t| t.starts_with(module)).count();
            let failures: Vec<&String> = checked.failures.iter().filter(|t| t.starts_with(module)).collect();
            if module == "event_stream::" {
                // Only suites with event streams have them, on a line of their own.
                if ok + failures.len() > 0 {
                    lines.push(format!("{suite} {name}: {ok} passed, {} failed", failures.len()));
                }
            } else {
                lines.push(format!("  {name}: {ok} passed, {} failed", failures.len()));
            }
            lines.extend(failures.iter().map(|f| format!("    failed: {}", f.trim_start_matches(module))));
        }
        passed.extend(checked.passes.iter().map(|t| format!("{suite} {t}")));
    }
    passed.sort();
    println!("\n{}\nprotocol tests: {} passed, {failed_total} failed", lines.join("\n"), passed.len());
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
    if !regressions.is_empty() || !clippy_ok {
        println!("regressions: {}{}", regressions.join(", "), if clippy_ok { "" } else { " (and clippy failed)" });
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// What checking one generated crate found.
pub struct Checked {
    pub ok: bool,
    /// Whether the first command (clippy) passed.
    pub clippy_ok: bool,
    pub gen_ms: f64,
    pub check_s: f64,
    pub passed: usize,
    /// The tests that passed, by name.
    pub passes: Vec<String>,
    pub failures: Vec<String>,
    /// The first compiler error (with its location), else the first failed test.
    pub first_error: Option<String>,
    /// When a command failed: the dependencies the crate resolved (it has no lock of its
    /// own, so it gets the newest versions its Cargo.toml allows) at versions the
    /// workspace's lock does not pin, as `name old -> new`.
    pub moved: Vec<String>,
}

impl Checked {
    /// Clippy-clean, every command through, and no failed test but endpoint cases of other
    /// partitions (see [`other_partition_case`]).
    pub fn clean(&self) -> bool {
        self.clippy_ok && self.failures.iter().all(|f| other_partition_case(f)) && (self.ok || !self.failures.is_empty())
    }
}

/// Generates `model` into a folder outside the workspace (so the crate stands alone) and
/// runs each cargo command there (see [`check_generated`]); with `without_sigv4`, a crate
/// that has the `sigv4` feature is linted and tested without it too, as a user who turns
/// default features off builds it (its signed operations are refused then, and the tests
/// that would send them are left out).
fn check_crate(model: &Path, folder: &str, commands: &[&str], partitions: Option<PathBuf>, without_sigv4: bool) -> Result<Checked, String> {
    let (generated, gen_ms) = crate::codegen_cmd::generate(model, partitions, codegen::FIRST_VERSION)?;
    let out = std::env::temp_dir().join(folder).join(&generated.package);
    generated.write_to(&out).map_err(|e| e.to_string())?;
    // Hand-written tests of a fixture's generated crate sit beside its model.
    let extra = model.with_extension("tests.rs");
    if extra.exists() {
        std::fs::copy(&extra, out.join("tests/fixture.rs")).map_err(|e| format!("{}: {e}", extra.display()))?;
    }
    // Examples written for a model (`xtask/model-examples/<model>/`) join its crate: clippy
    // checks them with the tests, and each runs after them.
    let mut commands: Vec<String> = commands.iter().map(|c| (*c).to_owned()).collect();
    if without_sigv4 && generated.signs {
        commands.push("clippy --all-targets --no-default-features -- -D warnings".into());
        commands.push("test --no-default-features".into());
    }
    let stem = model.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let examples = root().join("xtask/model-examples").join(stem);
    for example in if examples.is_dir() { files_in(&examples, "rs")? } else { Vec::new() } {
        let name = example.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        std::fs::create_dir_all(out.join("examples")).map_err(|e| e.to_string())?;
        std::fs::copy(&example, out.join("examples").join(example.file_name().unwrap_or_default()))
            .map_err(|e| format!("{}: {e}", example.display()))?;
        commands.push(format!("run --quiet --example {name}"));
    }
    let commands: Vec<&str> = commands.iter().map(String::as_str).collect();
    let checked = check_generated(&out, &commands, true)?;
    // The verdict is the caller's (`models` lists ISO-partition endpoint cases apart).
    println!(
        "{}: generated in {gen_ms:.1} ms; clippy {}; tests {} passed, {} failed; {:.0} s",
        model.display(),
        if checked.clippy_ok { "clean" } else { "FAILED" },
        checked.passed,
        checked.failures.len(),
        checked.check_s
    );
    Ok(Checked { gen_ms, ..checked })
}

/// Runs each cargo command in the generated crate at `dir` (the first is clippy), echoing
/// cargo's output when `echo`. Every generated crate builds into the workspace's own
/// `target/`, so a dependency the workspace already compiled (same version, features and
/// profile) is reused rather than built and stored again: CI's disk use stays near one
/// workspace build.
pub fn check_generated(dir: &Path, commands: &[&str], echo: bool) -> Result<Checked, String> {
    let start = Instant::now();
    let (mut ok, mut passed, mut failures, mut passes) = (true, 0, Vec::new(), Vec::new());
    let (mut clippy_ok, mut first_error) = (true, None);
    for (i, cmd) in commands.iter().enumerate() {
        let output = std::process::Command::new(crate::cargo())
            .args(cmd.split(' '))
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", root().join("target"))
            .env("RUSTDOCFLAGS", "-D warnings")
            .output()
            .map_err(|e| format!("cargo {cmd}: {e}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if echo {
            print!("{stdout}");
            eprint!("{stderr}");
        }
        for line in stdout.lines() {
            if let Some(name) = line.strip_prefix("test ").and_then(|l| l.strip_suffix(" ... FAILED")) {
                failures.push(name.to_owned());
            } else if let Some(name) = line.strip_prefix("test ").and_then(|l| l.strip_suffix(" ... ok")) {
                passed += 1;
                passes.push(name.to_owned());
            }
        }
        if !output.status.success() && first_error.is_none() {
            first_error = failures.first().map(|f| format!("test {f} failed")).or_else(|| compiler_error(&stderr));
        }
        ok &= output.status.success();
        if i == 0 {
            clippy_ok = output.status.success();
        }
    }
    let moved = if ok { Vec::new() } else { moved_dependencies(&read(&dir.join("Cargo.lock")), &read(&root().join("Cargo.lock"))) };
    if echo && !moved.is_empty() {
        println!("{}: resolved newer than the workspace's lock: {}", dir.display(), moved.join(", "));
    }
    Ok(Checked { ok, clippy_ok, gen_ms: 0.0, check_s: start.elapsed().as_secs_f64(), passed, passes, failures, first_error, moved })
}

/// `; newer than the workspace's lock: ...` when dependencies moved, else nothing.
fn moved_note(checked: &Checked) -> String {
    if checked.moved.is_empty() { String::new() } else { format!("; newer than the workspace's lock: {}", checked.moved.join(", ")) }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The packages of `fresh` (a lock file) whose version `pinned` (the workspace's) does not
/// hold while it holds another version of the same package: what moved when a generated
/// crate resolved afresh, as `name pinned -> fresh`, sorted. A package the workspace never
/// builds is not listed: it did not move, it is new to the crate.
pub fn moved_dependencies(fresh: &str, pinned: &str) -> Vec<String> {
    let pinned = lock_packages(pinned);
    let mut moved: Vec<String> = lock_packages(fresh)
        .into_iter()
        .filter_map(|(name, version)| {
            let known: Vec<&str> = pinned.iter().filter(|(n, _)| *n == name).map(|(_, v)| *v).collect();
            (!known.is_empty() && !known.contains(&version)).then(|| format!("{name} {} -> {version}", known.join("/")))
        })
        .collect();
    moved.sort();
    moved.dedup();
    moved
}

/// `(name, version)` of every `[[package]]` of a Cargo.lock.
fn lock_packages(lock: &str) -> Vec<(&str, &str)> {
    fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
        line.strip_prefix(key)?.strip_prefix(" = \"")?.strip_suffix('"')
    }
    let mut out = Vec::new();
    let mut name = None;
    for line in lock.lines() {
        if line == "[[package]]" {
            name = None;
        } else if let Some(n) = field(line, "name") {
            name = Some(n);
        } else if let (Some(n), Some(v)) = (name, field(line, "version")) {
            out.push((n, v));
            name = None;
        }
    }
    out
}

/// The first error cargo printed, with the `-->` location under it.
fn compiler_error(stderr: &str) -> Option<String> {
    let mut lines = stderr.lines();
    let error = lines.by_ref().find(|l| {
        l.starts_with("error") && !["error: could not compile", "error: aborting", "error: test failed"].iter().any(|p| l.starts_with(p))
    })?;
    let location = lines.take(3).find_map(|l| l.trim_start().strip_prefix("--> "));
    Some(match location {
        Some(at) => format!("{error} at {at}"),
        None => error.to_owned(),
    })
}

/// Whether a failed test is an endpoint case of another partition than `aws`
/// (`endpoint_rules::<partition>::…`): its expectation comes from the partitions data the
/// model's tests were written for, which can differ from the bundled file.
pub fn other_partition_case(test: &str) -> bool {
    test.strip_prefix("endpoint_rules::").is_some_and(|rest| rest.contains("::"))
}

/// The models of `../shared/models/` (without `partitions.json`), sorted.
fn shared_models() -> Result<Vec<PathBuf>, String> {
    models_in(&shared_dir()?.join("models"))
}

/// The `.json` files of `dir` but `partitions.json`, sorted.
pub fn models_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(files_in(dir, "json")?.into_iter().filter(|p| !p.ends_with("partitions.json")).collect())
}

/// The files of `dir` ending in `.ext`, sorted.
fn files_in(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    Ok(files)
}

/// Sums the `test result:` lines of `cargo test` output: (passed, failed).
fn test_counts(output: &str) -> (usize, usize) {
    let number = |line: &str, label: &str| -> usize {
        line.split(';')
            .find_map(|part| part.trim().trim_start_matches("test result: ok.").trim_start_matches("test result: FAILED.").trim().strip_suffix(label))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    output.lines().filter(|l| l.starts_with("test result:")).fold((0, 0), |(p, f), l| (p + number(l, "passed"), f + number(l, "failed")))
}

pub fn endpoint_tests(args: &[String]) -> Result<ExitCode, String> {
    let partitions_override = match args {
        [] => None,
        [flag, file] if flag == "--partitions" => Some(PathBuf::from(file)),
        _ => return Err(crate::usage_error("endpoint-tests", args)),
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
        let output = std::process::Command::new(crate::cargo())
            .args(["test", "--quiet"])
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .map_err(|e| e.to_string())?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let (passed, failed) = test_counts(&stdout);
        let status = if output.status.success() { "ok" } else { "FAILED" };
        println!(
            "{:<28} endpoint tests: {passed} passed, {failed} failed ({status})",
            model.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        );
        if !output.status.success() {
            eprintln!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
        }
        total_passed += passed;
        total_failed += failed + usize::from(!output.status.success() && failed == 0);
    }
    println!("{total_passed} passed, {total_failed} failed");
    Ok(if total_failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

#[cfg(test)]
mod tests {
    use super::moved_dependencies;

    #[test]
    fn moved_dependencies_names_what_resolved_past_the_workspace_lock() {
        let pinned = "version = 4\n\n[[package]]\nname = \"rustls\"\nversion = \"0.23.46\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"syn\"\nversion = \"1.0.109\"\n\n[[package]]\nname = \"syn\"\nversion = \"2.0.100\"\n\n[[package]]\nname = \"tokio\"\nversion = \"1.48.0\"\n";
        let fresh = "version = 4\n\n[[package]]\nname = \"my-client\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"rustls\"\nversion = \"0.23.48\"\ndependencies = [\n \"ring\",\n]\n\n[[package]]\nname = \"syn\"\nversion = \"2.0.100\"\n\n[[package]]\nname = \"tokio\"\nversion = \"1.48.0\"\n\n[[package]]\nname = \"ring\"\nversion = \"0.17.14\"\n";
        // The crate itself and ring are new to it, not moved; syn and tokio are as pinned.
        assert_eq!(moved_dependencies(fresh, pinned), ["rustls 0.23.46 -> 0.23.48"]);
        assert!(moved_dependencies(pinned, pinned).is_empty());
    }
}
