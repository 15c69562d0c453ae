//! `cargo xtask bench`: builds `bench/` (its own workspace) in release, runs the
//! benchmarks against aws-sdk-ssooidc and writes `BENCHMARKS.md`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

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

pub fn bench() -> Result<ExitCode, String> {
    let dir = root().join("bench");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(&cargo).args(["build", "--release", "--bins"]).current_dir(&dir).status().map_err(|e| e.to_string())?;
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
    section(
        "Event-stream decoding (100,000 Bedrock-like events in 16 KiB chunks, checksums checked and headers parsed; medians of 15 interleaved rounds)",
        run("event-stream")?,
    );
    section("Build cost of a minimal binary (clean builds, downloads excluded)", build_cost(&dir.join("build-cost"))?);
    std::fs::write(root().join("BENCHMARKS.md"), report).map_err(|e| e.to_string())?;
    println!("wrote BENCHMARKS.md");
    Ok(ExitCode::SUCCESS)
}
