//! `cargo xtask`: the project's commands. `cargo xtask help` lists them;
//! `cargo xtask <command> --help` explains one.

mod bench;
mod catalog;
mod changes;
mod checks;
mod codegen_cmd;
mod fmt;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Each command: name, arguments, what it does.
const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "codegen",
        "[--check] [--since REV] [--model FILE --out DIR [--operations A,B,...]] [--partitions FILE]",
        "Regenerates everything generated from model/: each client (generated-client/ from sso-oidc.json, \
         generated-sso/ from sso.json), its API surface snapshot codegen/tests/snapshots/<name>/api.snap, and the \
         fixture snapshots; removes what is no longer generated. For each client it compares the new API with the \
         one checked in (HEAD), prints each change as breaking or compatible, bumps the version by semver and adds \
         a CHANGELOG.md entry. Running it again changes nothing.\n  --check  change nothing; exit 1, listing every stale file, when anything differs\n  \
         --since REV  the commit to compare with and move the version from (default HEAD; on a branch of several \
         commits, the branch it goes to)\n  \
         --model FILE --out DIR  generate the client of any model into DIR (no snapshots, no version bump)\n  \
         --operations A,B,...  only these operations (Smithy or method names) and the shapes they need; without \
         it, the list in FILE's settings file (x.json -> x.codegen.toml: `operations = [\"A\", \"B\"]`), if any, \
         which also applies to --check\n  \
         --partitions FILE  the partitions.json to compile in (default: beside the model, else model/partitions.json)",
    ),
    (
        "api-diff",
        "OLD.json NEW.json",
        "Prints the API changes between the clients of two models, classified as in `codegen`, and the semver \
         bump they call for. Writes nothing.",
    ),
    (
        "fixtures",
        "",
        "Generates each fixture model (codegen/tests/fixtures/) and each model of model/ as a standalone crate and \
         runs clippy -D warnings, its tests and rustdoc (warnings as errors) in it.",
    ),
    (
        "models",
        "[--partitions FILE]",
        "Generates every model of ../shared/models/ (and those of ../shared/models-next/ the generator handles), then \
         clippy -D warnings and the generated tests, with times. Endpoint cases of partitions other than `aws` \
         (endpoint_rules::<partition>) are listed apart: their expectations come from the partitions data the \
         model's tests were written for.\n  --partitions FILE  compile the rules with this partitions.json instead of \
         the bundled one",
    ),
    (
        "protocol-tests",
        "[--update]",
        "Generates the official protocol test service of each supported protocol (../shared/protocol-tests/: \
         rest-json-1, aws-json-1-0, aws-json-1-0-query-compatible, aws-json-1-1) and runs its compliance cases; prints \
         a line per suite and the total; fails on a regression from xtask/protocol-tests-passing.txt.\n  --update  rewrite that \
         list from this run",
    ),
    (
        "endpoint-tests",
        "[--partitions FILE]",
        "Generates only the compiled endpoint rules and smithy.rules#endpointTests of every model of \
         ../shared/models/ (and the rules fixture) and runs them.",
    ),
    (
        "catalog",
        "DIR [--sample N] [--generate-only] [--partitions FILE]",
        "Generates every model of DIR (each .json but partitions.json) on every core, then runs clippy -D warnings \
         and the generated tests of each in one shared target folder, and prints a table (model, protocol, generate \
         ms, warnings, clippy, tests passed and failed, first error) and the totals. Meant for a whole model \
         repository (the upstream one holds hundreds of models); not part of .ci/run.\n  --sample N  build and \
         test only N of the generated crates, evenly spread over the sorted list\n  --generate-only  generate \
         and time, build nothing\n  --partitions FILE  the partitions.json to compile in (default: beside each \
         model, else model/partitions.json)",
    ),
    (
        "fmt",
        "[--check]",
        "rustfmt over the workspace (generated files tell rustfmt to skip them: the generator formats them), every \
         runtime file in codegen/runtime/, bench/ and fuzz/.\n  --check  change nothing; exit 1 when a \
         file is not formatted",
    ),
    (
        "bench",
        "[SECTION...]",
        "Builds bench/ in release, runs the benchmarks against aws-sdk-rust and writes BENCHMARKS.md. With \
         SECTIONs, runs only those and replaces their parts of BENCHMARKS.md, each dated. Sections: codegen, \
         client, instructions, cold-start, endpoint, allocations, event-stream, build-cost, catalog, compile-time (reads ../shared/models-next; BENCH_ROUNDS, default 3).",
    ),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first().map(String::as_str) else {
        eprintln!("{}", overview());
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    if matches!(command, "help" | "--help" | "-h") {
        println!("{}", overview());
        return ExitCode::SUCCESS;
    }
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return match help(command) {
            Some(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("unknown command `{command}`\n{}", overview());
                ExitCode::from(2)
            }
        };
    }
    let result = match command {
        "codegen" => codegen_cmd::codegen(rest),
        "api-diff" => codegen_cmd::api_diff(rest),
        "fixtures" => no_args(command, rest).and_then(|()| checks::fixtures()),
        "models" => checks::models(rest),
        "protocol-tests" => checks::protocol_tests(rest),
        "endpoint-tests" => checks::endpoint_tests(rest),
        "catalog" => catalog::catalog(rest),
        "fmt" => fmt::fmt(rest),
        "bench" => bench::bench(rest),
        other => {
            eprintln!("unknown command `{other}`\n{}", overview());
            return ExitCode::from(2);
        }
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    })
}

/// Every command, one line each.
fn overview() -> String {
    let mut out = String::from("usage: cargo xtask <command> [--help]\n\ncommands:");
    for (name, args, _) in COMMANDS {
        out.push_str(&format!("\n  {name} {args}"));
    }
    out
}

/// One command's usage and description.
fn help(command: &str) -> Option<String> {
    COMMANDS.iter().find(|(name, ..)| *name == command).map(|(name, args, what)| format!("usage: cargo xtask {name} {args}\n\n{what}"))
}

/// The error for arguments a command does not take.
pub fn usage_error(command: &str, args: &[String]) -> String {
    format!("unexpected arguments `{}`\n{}", args.join(" "), help(command).unwrap_or_default())
}

fn no_args(command: &str, args: &[String]) -> Result<(), String> {
    if args.is_empty() { Ok(()) } else { Err(usage_error(command, args)) }
}

/// The cargo that runs xtask (`CARGO`), for the cargo commands xtask runs in turn.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// The workspace root (this crate's parent), or `XTASK_ROOT` where a test points the
/// commands at a copy of the repository.
pub fn root() -> PathBuf {
    match std::env::var_os("XTASK_ROOT") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default(),
    }
}

/// `../shared`, beside the repository: the checks that need it fail with one line naming
/// the folder they looked for when it is not there.
pub fn shared_dir() -> Result<PathBuf, String> {
    let dir = root().join("../shared");
    let shown = root().canonicalize().ok().and_then(|r| r.parent().map(|p| p.join("shared"))).unwrap_or_else(|| dir.clone());
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!("this check needs the shared models and test suites at {} (beside the repository); it is not there", shown.display()))
    }
}

/// `partitions.json`: the one given, else the one beside the model, else `model/`'s.
pub fn read_partitions(model: &Path, given: Option<PathBuf>) -> Result<Option<String>, String> {
    let beside = model.parent().map(|d| d.join("partitions.json"));
    let path = given.or(beside.filter(|p| p.exists())).unwrap_or_else(|| root().join("model/partitions.json"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(_) if !path.exists() => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}
