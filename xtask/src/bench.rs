//! `cargo xtask bench`: builds `bench/` (its own workspace) in release, runs the
//! benchmarks against aws-sdk-ssooidc and writes `BENCHMARKS.md`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::settings::Settings;

use crate::root;

fn command_output(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program).args(args).output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned()).unwrap_or_default()
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

/// Whether valgrind runs here: the instruction counts are left out where it does not.
fn valgrind_installed() -> bool {
    std::process::Command::new("valgrind").arg("--version").output().is_ok()
}

/// The instructions `program` with `args` executes in user space, all threads, counted by
/// callgrind: the same for the same binary and input whatever else the machine is doing.
fn callgrind_instructions(program: &Path, args: &[&str]) -> Result<f64, String> {
    let out = std::process::Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(program)
        .args(args)
        .output()
        .map_err(|e| format!("valgrind: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("valgrind {} {}: {stderr}", program.display(), args.join(" ")));
    }
    stderr
        .lines()
        .find_map(|l| l.split_once("Collected :").map(|(_, n)| n.trim().parse::<f64>()))
        .and_then(Result::ok)
        .ok_or_else(|| format!("no instruction count from callgrind for {} {}", program.display(), args.join(" ")))
}

/// Instructions per call, counted by callgrind (deterministic, unlike CPU time on a shared
/// machine): each client runs 1,000 and then 3,000 calls after the same warm-up; the
/// difference over 2,000 calls leaves out start-up. `None` without valgrind.
fn client_instructions(bin: &Path) -> Result<Option<String>, String> {
    if !valgrind_installed() {
        return Ok(None);
    }
    let (mut server, url) = start_bench_server(bin)?;
    let count = |mode: &str, concurrency: usize, calls: usize| -> Result<f64, String> {
        callgrind_instructions(&bin.join("client-bench"), &[mode, &concurrency.to_string(), &calls.to_string(), &url])
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

/// Cold start: a process that builds a client, makes one CreateToken call to the loopback
/// server and exits (`cold-<mode>`), timed from spawn to exit; each binary links only its
/// own client. Interleaved over rounds after one unmeasured run each (so every binary is in
/// the page cache); medians.
fn cold_start(bin: &Path) -> Result<String, String> {
    let (mut server, url) = start_bench_server(bin)?;
    const ROUNDS: usize = 31;
    let mut times: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    let result = (|| -> Result<(), String> {
        for round in 0..=ROUNDS {
            for (mode, _) in CLIENTS {
                let start = Instant::now();
                let out = std::process::Command::new(bin.join(format!("cold-{mode}"))).arg(&url).output().map_err(|e| format!("cold-{mode}: {e}"))?;
                let ms = start.elapsed().as_secs_f64() * 1000.0;
                if !out.status.success() {
                    return Err(format!("cold-{mode}: {}", String::from_utf8_lossy(&out.stderr)));
                }
                if round > 0 {
                    times.entry(mode).or_default().push(ms);
                }
            }
        }
        Ok(())
    })();
    let _ = server.kill();
    let _ = server.wait();
    result?;
    let m = |mode: &str| median(times[mode].clone());
    let mut table = String::from("| client | cold start, median (ms) | vs aws-sdk-ssooidc | vs bare reqwest |\n| --- | ---: | ---: | ---: |\n");
    for (mode, name) in CLIENTS {
        table.push_str(&format!("| {name} | {:.2} | {:.2}x | {:.2}x |\n", m(mode), m(mode) / m("sdk"), m(mode) / m("reqwest")));
    }
    Ok(table)
}

/// `cargo ARGS` in `dir` with its output in `target`, in cargo's default profiles as a user
/// builds: without this shell's `CARGO_INCREMENTAL` or `CARGO_PROFILE_*` settings (CI and
/// the development notes turn debug info off).
fn cargo_build(cargo: &str, dir: &Path, target: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    let mut command = std::process::Command::new(cargo);
    command.args(args).current_dir(dir).env("CARGO_TARGET_DIR", target);
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(|k| k == "CARGO_INCREMENTAL" || k.starts_with("CARGO_PROFILE_")) {
            command.env_remove(key);
        }
    }
    command.output().map_err(|e| format!("cargo in {}: {e}", dir.display()))
}

/// What a clean build took.
struct Build {
    /// Seconds from start to end.
    wall: f64,
    /// CPU seconds of cargo and everything it ran.
    cpu: f64,
    /// Crates compiled (cargo's `Compiling` lines).
    compiled: usize,
}

/// A clean build, `cargo ARGS` in `dir` into `target` (emptied first, left for the caller to
/// read and remove); `what` names it in errors.
fn clean_build(cargo: &str, dir: &Path, target: &Path, args: &[&str], what: &str) -> Result<Build, String> {
    let _ = std::fs::remove_dir_all(target);
    let (cpu, start) = (children_cpu(), Instant::now());
    let out = cargo_build(cargo, dir, target, args)?;
    let (wall, cpu) = (start.elapsed().as_secs_f64(), children_cpu() - cpu);
    if !out.status.success() {
        return Err(format!("{what}: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let compiled = String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.trim_start().starts_with("Compiling ")).count();
    Ok(Build { wall, cpu, compiled })
}

/// `cargo fetch` in `dir`, so that the builds timed after it download nothing.
fn fetch(cargo: &str, dir: &Path) -> Result<(), String> {
    let status = std::process::Command::new(cargo).args(["fetch", "--quiet"]).current_dir(dir).status().map_err(|e| e.to_string())?;
    if status.success() { Ok(()) } else { Err(format!("cargo fetch in {}", dir.display())) }
}

/// A copy of the bench project `dir` (its manifest, lock file and `src/`) in which the
/// aws-sdk crates keep their default features, as a user of the SDK builds it (aws-lc-rs for
/// TLS, a C build). The committed manifests turn those features off, so that no lock file in
/// the repository holds aws-lc-sys; cargo adds what the defaults need to the copied lock when
/// it first builds the copy, and every other crate stays as the lock pins it.
fn with_sdk_defaults(dir: &Path) -> Result<PathBuf, String> {
    let name = dir.file_name().map_or_else(|| "bench".into(), |n| n.to_string_lossy().into_owned());
    let copy = std::env::temp_dir().join(format!("smithy-sdk-defaults-{name}"));
    let _ = std::fs::remove_dir_all(&copy);
    copy_tree(&dir.join("src"), &copy.join("src")).map_err(|e| format!("copying {}: {e}", dir.display()))?;
    std::fs::copy(dir.join("Cargo.lock"), copy.join("Cargo.lock")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::write(copy.join("Cargo.toml"), sdk_defaults_manifest(&manifest, dir)).map_err(|e| e.to_string())?;
    Ok(copy)
}

/// `manifest` (of the project in `dir`) with `default-features = false` dropped from every
/// `aws-sdk-*` dependency, and every relative `path` made absolute, for a copy elsewhere.
fn sdk_defaults_manifest(manifest: &str, dir: &Path) -> String {
    let absolute = format!("path = \"{}/", dir.display());
    manifest
        .lines()
        .map(|line| {
            let line = if line.starts_with("aws-sdk-") { line.replace("default-features = false, ", "") } else { line.to_owned() };
            format!("{}\n", line.replace("path = \"", &absolute))
        })
        .collect()
}

/// Copies the files under `from` to `to`, folders and all.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Clean debug and release builds of a minimal binary using each client: time (after
/// `cargo fetch`, so downloads are excluded), crates compiled, stripped release size.
fn build_cost(dir: &Path) -> Result<String, String> {
    let cargo = crate::cargo();
    let mut table = String::from(
        "| binary | clean debug build (s) | clean release build (s) | crates compiled | stripped size (MB) | ratios to aws-sdk-ssooidc (debug, release, crates, size) |\n| --- | ---: | ---: | ---: | ---: | --- |\n",
    );
    let mut rows = Vec::new();
    // Name, folder, binary, and whether it is built from the copy with the SDK's defaults.
    let binaries = [
        ("sso-oidc (generated, default features)", "ours", "min-ours", false),
        ("sso-oidc without the `sigv4` feature", "ours-no-sigv4", "min-ours-no-sigv4", false),
        ("bare reqwest + serde_json (the floor)", "floor", "min-floor", false),
        ("bare hyper-util + hyper-rustls + serde_json (no reqwest)", "floor-hyper", "min-floor-hyper", false),
        ("aws-sdk-ssooidc (defaults)", "sdk", "min-sdk", true),
    ];
    for (name, sub, bin, sdk_defaults) in binaries {
        let crate_dir = if sdk_defaults { with_sdk_defaults(&dir.join(sub))? } else { dir.join(sub) };
        let target = std::env::temp_dir().join(format!("smithy-build-cost-{sub}"));
        fetch(&cargo, &crate_dir)?;
        let debug = clean_build(&cargo, &crate_dir, &target, &["build", "--offline"], name)?;
        let (debug, crates) = (debug.wall, debug.compiled);
        let release = clean_build(&cargo, &crate_dir, &target, &["build", "--offline", "--release"], name)?.wall;
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

/// The large clients of the compile-time section: the crate folder under
/// `bench/compile-time/generated/`, the model in `../shared/models-next/`, and the one
/// operation of its `-one` variant.
const BIG_CLIENTS: &[(&str, &str, Option<&str>)] =
    &[("dynamodb", "dynamodb.json", Some("GetItem")), ("cloudwatch-logs", "cloudwatch-logs.json", Some("PutLogEvents")), ("kms", "kms.json", None)];

/// Generates the clients `bench/compile-time` builds: each of [`BIG_CLIENTS`], and a
/// one-operation variant under its own package name (`dynamodb-one`, lib `dynamodb_one`).
fn generate_big_clients(dir: &Path) -> Result<(), String> {
    let models = root().join("../shared/models-next");
    for &(name, model, one) in BIG_CLIENTS {
        let model = models.join(model);
        let text = std::fs::read_to_string(&model).map_err(|e| format!("{}: {e}", model.display()))?;
        let one = one.map(|op| Settings { operations: Some(vec![op.to_owned()]), package: Some(format!("{name}-one")) });
        for settings in std::iter::once(Settings::default()).chain(one) {
            let package = settings.package.clone().unwrap_or_else(|| name.to_owned());
            let (generated, _) = crate::codegen_cmd::generate_text(&model, &text, None, codegen::FIRST_VERSION, settings);
            generated?.write_to(&dir.join("generated").join(&package)).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// CPU time (user + system) of this process's waited-for children so far, in seconds.
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which may hold spaces) end with `)`.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    // cutime and cstime are fields 16 and 17 of the whole line (13 and 14 after the name).
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (ticks(13) + ticks(14)) / 100.0
}

/// The compile time of each named crate (its library) in a build's `--timings` report, summed.
fn crate_seconds(target: &Path, crates: &[&str]) -> f64 {
    let html = std::fs::read_to_string(target.join("cargo-timings/cargo-timing.html")).unwrap_or_default();
    // The report holds its units as a JSON array: `const UNIT_DATA = [...];`.
    let units = html
        .split_once("const UNIT_DATA = ")
        .and_then(|(_, rest)| rest.split_once("];"))
        .and_then(|(array, _)| serde_json::from_str::<Vec<serde_json::Value>>(&format!("{array}]")).ok())
        .unwrap_or_default();
    units
        .iter()
        .filter(|u| u["name"].as_str().is_some_and(|n| crates.contains(&n)) && u["target"].as_str().is_some_and(|t| t.is_empty()))
        .filter_map(|u| u["duration"].as_f64())
        .sum()
}

/// One binary of `bench/compile-time`: its feature, its row name, and the client crates
/// whose own compile time is reported.
struct BigBinary {
    feature: &'static str,
    name: &'static str,
    crates: &'static [&'static str],
    /// Built from the copy where the aws-sdk crates keep their default features.
    sdk_defaults: bool,
}

/// Clean debug builds (cargo's default dev profile, debug info and all, as a user builds)
/// of minimal binaries using large clients, ours against aws-sdk-rust's with its defaults
/// and over rustls with ring; interleaved over rounds, medians.
fn compile_time(bench: &Path) -> Result<String, String> {
    let dir = bench.join("compile-time");
    generate_big_clients(&dir)?;
    let cargo = crate::cargo();
    fetch(&cargo, &dir)?;
    let defaults = with_sdk_defaults(&dir)?;
    fetch(&cargo, &defaults)?;
    let groups: [(&str, [BigBinary; 4]); 2] = [
        (
            "DynamoDB (57 operations; aws-sdk-dynamodb 1.119.0)",
            [
                BigBinary { feature: "dynamodb", name: "generated, all operations", crates: &["dynamodb"], sdk_defaults: false },
                BigBinary { feature: "dynamodb-one", name: "generated, GetItem only", crates: &["dynamodb-one"], sdk_defaults: false },
                BigBinary {
                    feature: "dynamodb-sdk",
                    name: "aws-sdk-dynamodb, defaults (aws-lc-rs)",
                    crates: &["aws-sdk-dynamodb"],
                    sdk_defaults: true,
                },
                BigBinary {
                    feature: "dynamodb-sdk-ring",
                    name: "aws-sdk-dynamodb, rustls with ring",
                    crates: &["aws-sdk-dynamodb"],
                    sdk_defaults: false,
                },
            ],
        ),
        (
            "CloudWatch Logs (113 operations; aws-sdk-cloudwatchlogs 1.138.0)",
            [
                BigBinary { feature: "logs", name: "generated, all operations", crates: &["cloudwatch-logs"], sdk_defaults: false },
                BigBinary { feature: "logs-one", name: "generated, PutLogEvents only", crates: &["cloudwatch-logs-one"], sdk_defaults: false },
                BigBinary {
                    feature: "logs-sdk",
                    name: "aws-sdk-cloudwatchlogs, defaults (aws-lc-rs)",
                    crates: &["aws-sdk-cloudwatchlogs"],
                    sdk_defaults: true,
                },
                BigBinary {
                    feature: "logs-sdk-ring",
                    name: "aws-sdk-cloudwatchlogs, rustls with ring",
                    crates: &["aws-sdk-cloudwatchlogs"],
                    sdk_defaults: false,
                },
            ],
        ),
    ];
    let five = [
        BigBinary {
            feature: "five",
            name: "five generated clients",
            crates: &["sso-oidc", "sso", "dynamodb", "cloudwatch-logs", "kms"],
            sdk_defaults: false,
        },
        BigBinary {
            feature: "five-sdk",
            name: "the five aws-sdk crates, defaults",
            crates: &["aws-sdk-ssooidc", "aws-sdk-sso", "aws-sdk-dynamodb", "aws-sdk-cloudwatchlogs", "aws-sdk-kms"],
            sdk_defaults: true,
        },
    ];
    let rounds: usize = std::env::var("BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let all: Vec<&BigBinary> = groups.iter().flat_map(|(_, b)| b.iter()).chain(five.iter()).collect();
    // By feature: wall seconds, CPU seconds, the clients' own seconds, crates compiled.
    let mut runs: std::collections::BTreeMap<&str, Vec<(f64, f64, f64, usize)>> = Default::default();
    for _ in 0..rounds {
        for binary in &all {
            let target = std::env::temp_dir().join(format!("smithy-compile-time-{}", binary.feature));
            let what = format!("bench/compile-time --features {}", binary.feature);
            let project = if binary.sdk_defaults { &defaults } else { &dir };
            let build = clean_build(&cargo, project, &target, &["build", "--offline", "--timings", "--features", binary.feature], &what)?;
            runs.entry(binary.feature).or_default().push((build.wall, build.cpu, crate_seconds(&target, binary.crates), build.compiled));
            let _ = std::fs::remove_dir_all(&target);
        }
    }
    let m = |feature: &str, pick: fn(&(f64, f64, f64, usize)) -> f64| median(runs[feature].iter().map(pick).collect());
    let mut table = String::from(
        "| binary | clean debug build, wall (s) | CPU (s) | client crate(s) alone (s) | crates compiled | wall, CPU, crate vs SDK defaults | wall, CPU, crate vs SDK on ring |\n| --- | ---: | ---: | ---: | ---: | --- | --- |\n",
    );
    let ratios = |feature: &str, base: &str| {
        format!(
            "{:.2}x, {:.2}x, {:.2}x",
            m(feature, |r| r.0) / m(base, |r| r.0),
            m(feature, |r| r.1) / m(base, |r| r.1),
            m(feature, |r| r.2) / m(base, |r| r.2)
        )
    };
    let row = |b: &BigBinary, sdk: &str, ring: Option<&str>| {
        format!(
            "| {} | {:.1} | {:.1} | {:.1} | {:.0} | {} | {} |\n",
            b.name,
            m(b.feature, |r| r.0),
            m(b.feature, |r| r.1),
            m(b.feature, |r| r.2),
            m(b.feature, |r| r.3 as f64),
            ratios(b.feature, sdk),
            ring.map_or_else(|| "-".to_owned(), |ring| ratios(b.feature, ring)),
        )
    };
    for (title, binaries) in &groups {
        table.push_str(&format!("| **{title}** | | | | | | |\n"));
        for b in binaries {
            table.push_str(&row(b, binaries[2].feature, Some(binaries[3].feature)));
        }
    }
    table.push_str("| **Five clients in one binary (SSO-OIDC, SSO, DynamoDB, CloudWatch Logs, KMS)** | | | | | | |\n");
    for b in &five {
        table.push_str(&row(b, "five-sdk", None));
    }
    Ok(format!("{table}\n{rounds} rounds; medians. Each binary makes one call with its client(s); `-` where the SDK has no ring build here.\n"))
}

/// `cargo xtask catalog`'s generation (no compiling) over every model in `../shared/models`
/// and `../shared/models-next`, on every core, in the profile xtask is built with: three
/// runs; per model and in total, the medians.
fn catalog_time() -> Result<String, String> {
    let shared = root().join("../shared");
    let mut models = crate::checks::models_in(&shared.join("models"))?;
    models.extend(crate::checks::models_in(&shared.join("models-next"))?);
    let runs: Vec<(Vec<crate::catalog::Row>, f64)> = (0..3).map(|_| crate::catalog::generate_all(&models, None)).collect();
    let mut table = String::from("| model | protocol | shapes | generation (ms) | result |\n| --- | --- | ---: | ---: | --- |\n");
    let (mut shapes, mut ms_total) = (0, 0.0);
    for (i, (row, model)) in runs[0].0.iter().zip(&models).enumerate() {
        let ms = median(runs.iter().map(|(rows, _)| rows[i].gen_ms).collect());
        // Counted apart, so that the timed runs parse each model once, as the catalog does.
        let text = std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
        let count = codegen::Model::from_json(&text).map_or(0, |m| m.shapes().count());
        let result = match &row.generated {
            Ok(_) => "generated".to_owned(),
            Err(e) => format!("stops: {}", e.chars().take(80).collect::<String>().replace('|', "\\|")),
        };
        table.push_str(&format!("| {} | {} | {count} | {ms:.1} | {result} |\n", row.model, row.protocol));
        shapes += count;
        ms_total += ms;
    }
    let wall = median(runs.iter().map(|(_, wall)| *wall).collect());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let per_model = wall / models.len() as f64;
    table.push_str(&format!(
        "\n{} models, {shapes} shapes: {:.2} s of generation, {wall:.2} s wall on {threads} threads ({:.0} shapes/s of generation); \
         at {:.0} ms wall per model, 400 models of this mix would take {:.0} s.\n",
        models.len(),
        ms_total / 1000.0,
        shapes as f64 / (ms_total / 1000.0),
        per_model * 1000.0,
        per_model * 400.0,
    ));
    // Wall time on a shared machine moves with its load; instructions do not, so runs on
    // different days compare by this line.
    if valgrind_installed() {
        let xtask = std::env::current_exe().map_err(|e| format!("xtask's own path: {e}"))?;
        let mut instructions = 0.0;
        for dir in ["models", "models-next"] {
            let dir = shared.join(dir);
            instructions += callgrind_instructions(&xtask, &["catalog", &dir.to_string_lossy(), "--generate-only"])?;
        }
        table.push_str(&format!(
            "\nThe same generation, counted by callgrind (one process per folder, reading and writing included): {:.2} G instructions, \
             {:.0}k per shape; 400 models of this mix would take {:.0} G.\n",
            instructions / 1e9,
            instructions / shapes as f64 / 1e3,
            instructions / models.len() as f64 * 400.0 / 1e9,
        ));
    }
    Ok(table)
}

/// One section of BENCHMARKS.md: its key on the command line, its heading, how it is measured.
struct Section {
    key: &'static str,
    title: &'static str,
    measure: fn(&Path) -> Result<Option<String>, String>,
}

/// Runs a binary of `bench/` and returns what it printed.
fn run(bin: &Path, name: &str) -> Result<String, String> {
    let out = std::process::Command::new(bin.join(name)).current_dir(root()).output().map_err(|e| format!("{name}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{name} failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Every section, in the order BENCHMARKS.md has them.
const SECTIONS: &[Section] = &[
    Section { key: "codegen", title: "Code generation (release build, median of 20 runs)", measure: |bin| run(bin, "codegen").map(Some) },
    Section {
        key: "client",
        title: "Client CPU per CreateToken call and throughput (loopback server in its own process; medians of 7 interleaved rounds; 10,000 calls at concurrency 1, 40,000 at 32; bare reqwest sends the identical request, body and headers built beforehand, and reads the body without parsing it)",
        measure: |bin| client_benchmark(bin).map(Some),
    },
    Section {
        key: "instructions",
        title: "Client instructions per CreateToken call (callgrind, user space; the difference between 3,000 and 1,000 calls)",
        measure: client_instructions,
    },
    Section {
        key: "cold-start",
        title: "Cold start (process start, client, one CreateToken call on loopback, exit; medians of 31 interleaved rounds)",
        measure: |bin| cold_start(bin).map(Some),
    },
    Section {
        key: "endpoint",
        title: "Endpoint resolution per call (median of 15 rounds of 200,000 calls)",
        measure: |bin| run(bin, "endpoint").map(Some),
    },
    Section { key: "allocations", title: "Heap allocations per endpoint resolution", measure: |bin| run(bin, "endpoint-allocs").map(Some) },
    Section {
        key: "event-stream",
        title: "Event-stream decoding (100,000 Bedrock-like events in 16 KiB chunks, checksums checked and headers parsed; medians of 15 interleaved rounds)",
        measure: |bin| run(bin, "event-stream").map(Some),
    },
    Section {
        key: "build-cost",
        title: "Build cost of a minimal binary (clean builds, downloads excluded)",
        measure: |bin| build_cost(&bin.join("../../build-cost")).map(Some),
    },
    Section {
        key: "catalog",
        title: "Catalog generation (`cargo xtask catalog --generate-only` over every local model, without compiling; medians of 3 runs)",
        measure: |_| catalog_time().map(Some),
    },
    Section {
        key: "compile-time",
        title: "Compile time of large clients (clean debug builds of a minimal binary, downloads excluded)",
        measure: |bin| compile_time(&bin.join("../..")).map(Some),
    },
];

/// The section keys, for the help text.
pub fn section_keys() -> String {
    SECTIONS.iter().map(|s| s.key).collect::<Vec<_>>().join(", ")
}

/// `cargo xtask bench [SECTION...]`: every section, written as BENCHMARKS.md; or only the
/// sections named, each replacing its own part of BENCHMARKS.md with the date it was measured.
pub fn bench(args: &[String]) -> Result<ExitCode, String> {
    let chosen: Vec<&Section> = if args.is_empty() {
        SECTIONS.iter().collect()
    } else {
        args.iter()
            .map(|a| SECTIONS.iter().find(|s| s.key == a).ok_or_else(|| format!("unknown benchmark section `{a}` (sections: {})", section_keys())))
            .collect::<Result<_, _>>()?
    };
    let dir = root().join("bench");
    let cargo = crate::cargo();
    // Built from the copy with the SDK's defaults, into bench/target as before.
    let status = std::process::Command::new(&cargo)
        .args(["build", "--release", "--bins"])
        .current_dir(with_sdk_defaults(&dir)?)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("building bench/ failed".into());
    }
    let bin = dir.join("target/release");
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| t.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned()))
        .unwrap_or_else(|| "unknown CPU".into());
    let when = format!("{} on {} ({} cores)", command_output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]), cpu, command_output("nproc", &[]));
    let mut measured = Vec::new();
    for section in &chosen {
        if let Some(table) = (section.measure)(&bin)? {
            println!("## {}\n\n{table}", section.title);
            measured.push((*section, table));
        }
    }
    let path = root().join("BENCHMARKS.md");
    let report = if args.is_empty() {
        let mut report = format!(
            "# Benchmarks\n\nMeasured {when} with `cargo xtask bench` (all in one run). The official SDK is the `aws-sdk-ssooidc` locked in `bench/Cargo.lock` and `bench/build-cost/sdk/Cargo.lock`, and the aws-sdk crates pinned in `bench/compile-time/`, built with their default features (aws-lc-rs; cargo adds it to a copy of each lock file at bench time, so that none in the repository holds aws-lc-sys) except where a row says rustls with ring.\n"
        );
        for (section, table) in &measured {
            report.push_str(&format!("\n## {}\n\n{table}", section.title));
        }
        report
    } else {
        let mut report = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (section, table) in &measured {
            let body = format!("## {}\n\nMeasured {when} on its own, with `cargo xtask bench {}`.\n\n{table}", section.title, section.key);
            report = replace_section(&report, section.title, &body);
        }
        report
    };
    std::fs::write(&path, report).map_err(|e| e.to_string())?;
    println!("wrote BENCHMARKS.md");
    Ok(ExitCode::SUCCESS)
}

/// `report` with the section headed `## title` (up to the next `## ` heading) replaced by
/// `body`; appended when it has no such section.
fn replace_section(report: &str, title: &str, body: &str) -> String {
    let heading = format!("## {title}\n");
    let Some(start) = report.find(&heading) else {
        return format!("{}\n\n{body}", report.trim_end());
    };
    let after = start + heading.len();
    let end = report[after..].find("\n## ").map_or(report.len(), |i| after + i + 1);
    format!("{}{body}{}{}", &report[..start], if end < report.len() { "\n" } else { "" }, &report[end..])
}

#[cfg(test)]
mod tests {
    use super::{replace_section, sdk_defaults_manifest};

    #[test]
    fn sdk_defaults_copy_keeps_the_sdk_defaults_and_finds_path_dependencies() {
        let manifest = "[dependencies]\nsso-oidc = { path = \"../generated-client\", optional = true }\naws-sdk-kms = { version = \"=1.117.0\", optional = true, default-features = false, features = [\"behavior-version-latest\"] }\naws-smithy-http-client = { version = \"1\", optional = true, default-features = false, features = [\"rustls-ring\"] }\n";
        assert_eq!(
            sdk_defaults_manifest(manifest, std::path::Path::new("/repo/bench")),
            "[dependencies]\nsso-oidc = { path = \"/repo/bench/../generated-client\", optional = true }\naws-sdk-kms = { version = \"=1.117.0\", optional = true, features = [\"behavior-version-latest\"] }\naws-smithy-http-client = { version = \"1\", optional = true, default-features = false, features = [\"rustls-ring\"] }\n"
        );
    }

    #[test]
    fn replaces_one_section() {
        let report = "# B\n\n## One\n\nold\n\n## Two\n\nkeep\n";
        assert_eq!(replace_section(report, "One", "## One\n\nnew\n"), "# B\n\n## One\n\nnew\n\n## Two\n\nkeep\n");
        assert_eq!(replace_section(report, "Two", "## Two\n\nnew\n"), "# B\n\n## One\n\nold\n\n## Two\n\nnew\n");
        assert_eq!(replace_section(report, "Three", "## Three\n\nx\n"), "# B\n\n## One\n\nold\n\n## Two\n\nkeep\n\n## Three\n\nx\n");
    }
}
