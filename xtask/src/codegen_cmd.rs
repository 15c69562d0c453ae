//! `cargo xtask codegen` and `cargo xtask api-diff`: everything generated from the model,
//! brought up to date in one step, with a report of how the API changed.
//!
//! What the project generates, all owned by this command:
//! - each client of [`CLIENTS`] (`generated-client/` from `model/sso-oidc.json`,
//!   `generated-sso/` from `model/sso.json`): its `src/`, `tests/` and Cargo.toml;
//! - its API surface, `codegen/tests/snapshots/<name>/api.snap`;
//! - its `CHANGELOG.md`, one entry per version;
//! - `codegen/tests/snapshots/<fixture>/`, every generated file and the API surface of
//!   each fixture model of `codegen/tests/fixtures/`.
//!
//! The baseline is what is checked in: the last commit (`HEAD`, or the commit `--since`
//! names, such as the branch a pull request goes to), or the working tree where git cannot
//! tell. A client's version is the baseline's, moved by [`Bump`]; so running
//! the command again, or after further model edits before a commit, lands on the same
//! version and the same CHANGELOG entry.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use codegen::GeneratedCrate;
use codegen::api::{ApiSurface, Bump, Change, Severity};
use codegen::checked_in::{CLIENTS, CheckedInClient};
use codegen::output::{API_SNAPSHOT, Stale, snapshot_contents};
use codegen::settings::Settings;

use crate::changes::FileChanges;
use crate::{read_partitions, root, usage_error};

/// The fixtures' snapshots, one folder per fixture: every file and the API surface.
const SNAPSHOTS: &str = "codegen/tests/snapshots";

pub fn codegen(args: &[String]) -> Result<ExitCode, String> {
    let mut check = false;
    let (mut model, mut out, mut partitions, mut operations) = (None, None, None, None);
    let mut since = String::from("HEAD");
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || iter.next().map(PathBuf::from).ok_or_else(|| usage_error("codegen", args));
        match arg.as_str() {
            "--check" => check = true,
            "--model" => model = Some(value()?),
            "--out" => out = Some(value()?),
            "--partitions" => partitions = Some(value()?),
            "--since" => since = value()?.to_string_lossy().into_owned(),
            "--operations" => {
                operations = Some(value()?.to_string_lossy().split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect())
            }
            _ => return Err(usage_error("codegen", args)),
        }
    }
    match (model, out) {
        (None, None) if operations.is_some() => {
            Err(format!("--operations goes with --model and --out\n{}", crate::help("codegen").unwrap_or_default()))
        }
        (None, None) if check => check_project(partitions),
        (None, None) => update_project(partitions, &since),
        (Some(model), Some(out)) => other_model(&model, &out, partitions, operations, check),
        _ => Err(format!("--model and --out go together\n{}", crate::help("codegen").unwrap_or_default())),
    }
}

/// Reads and generates a model at `version`, timing the generation.
pub fn generate(model: &Path, partitions: Option<PathBuf>, version: &str) -> Result<(GeneratedCrate, f64), String> {
    generate_chosen(model, partitions, version, None)
}

/// [`generate`], with the operations to generate when given (`--operations`) instead of
/// those of the settings file beside the model.
fn generate_chosen(
    model: &Path,
    partitions: Option<PathBuf>,
    version: &str,
    operations: Option<Vec<String>>,
) -> Result<(GeneratedCrate, f64), String> {
    let text = std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
    let (generated, ms) = generate_text(model, &text, partitions, version, Settings { operations, ..Settings::default() });
    Ok((generated.map_err(|e| format!("{}: {e}", model.display()))?, ms))
}

/// Generates the model `text` read from `model` at `version` with its partitions file
/// and its settings file (`<model>.codegen.toml`; what `overrides` sets replaces what the
/// file says), printing the generator's warnings; and the time generation took (in ms).
pub fn generate_text(
    model: &Path,
    text: &str,
    partitions: Option<PathBuf>,
    version: &str,
    overrides: Settings,
) -> (Result<GeneratedCrate, String>, f64) {
    let (generated, ms) = generate_quietly(model, text, partitions, version, overrides);
    for warning in generated.iter().flat_map(|g| &g.warnings) {
        eprintln!("warning: {}: {warning}", model.display());
    }
    (generated, ms)
}

/// [`generate_text`] without printing the warnings (the caller reports them).
fn generate_quietly(
    model: &Path,
    text: &str,
    partitions: Option<PathBuf>,
    version: &str,
    overrides: Settings,
) -> (Result<GeneratedCrate, String>, f64) {
    let partitions = match read_partitions(model, partitions) {
        Ok(p) => p,
        Err(e) => return (Err(e), 0.0),
    };
    let mut settings = match Settings::beside(model) {
        Ok(s) => s,
        Err(e) => return (Err(e.to_string()), 0.0),
    };
    if overrides.operations.is_some() {
        settings.operations = overrides.operations;
    }
    if overrides.package.is_some() {
        settings.package = overrides.package;
    }
    let start = Instant::now();
    let generated = codegen::generate_with(text, partitions.as_deref(), version, &settings).map_err(|e| e.to_string());
    (generated, start.elapsed().as_secs_f64() * 1000.0)
}

/// The version in a crate folder's Cargo.toml, if it has one.
fn version_in(dir: &Path) -> Result<Option<String>, String> {
    let path = dir.join("Cargo.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => codegen::output::package_version(&text)
            .map(|v| Some(v.to_owned()))
            .ok_or_else(|| format!("{}: no `version` in [package]", path.display())),
        Err(_) => Ok(None),
    }
}

/// `--model FILE --out DIR`: any model, any folder; the version stays what DIR has.
fn other_model(model: &Path, out: &Path, partitions: Option<PathBuf>, operations: Option<Vec<String>>, check: bool) -> Result<ExitCode, String> {
    let version = version_in(out)?.unwrap_or_else(|| codegen::FIRST_VERSION.to_owned());
    let (generated, ms) = generate_chosen(model, partitions, &version, operations)?;
    if check {
        let stale = generated.check(out).map_err(|e| e.to_string())?;
        return Ok(verdict(&[(out.display().to_string(), stale)]));
    }
    let done = generated.write_to(out).map_err(|e| e.to_string())?;
    println!("{}", summary(&generated, out, ms, &done));
    Ok(ExitCode::SUCCESS)
}

fn summary(generated: &GeneratedCrate, out: &Path, ms: f64, done: &codegen::output::Written) -> String {
    let lines: usize = generated.files.values().map(|t| t.lines().count()).sum();
    format!(
        "generated {} ({} files, {lines} lines) in {ms:.1} ms: {} written, {} removed",
        out.display(),
        generated.files.len(),
        done.written.len(),
        done.removed.len()
    )
}

/// Prints every stale file of every place checked; success when there is none.
fn verdict(places: &[(String, Vec<Stale>)]) -> ExitCode {
    let mut stale = 0;
    for (place, found) in places {
        if found.is_empty() {
            println!("{place}: up to date");
            continue;
        }
        stale += found.len();
        eprintln!("{place}: {} file(s) differ from what the generator produces now", found.len());
        for s in found {
            eprintln!("  {s}");
        }
    }
    if stale == 0 {
        return ExitCode::SUCCESS;
    }
    eprintln!("run `cargo xtask codegen` and commit the result");
    ExitCode::FAILURE
}

/// The fixture models with the snapshot folder of each.
fn fixtures() -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let models = crate::checks::fixture_models()?;
    Ok(models
        .into_iter()
        .map(|m| {
            let name = m.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            (m, root().join(SNAPSHOTS).join(name))
        })
        .collect())
}

/// Generates every fixture model for its snapshots. Their warnings are not printed one by
/// one: fixtures hold examples and waiters that do not fit on purpose (the warnings are what
/// they test), so one line counts them and says where they are listed.
fn generate_fixtures() -> Result<Vec<(GeneratedCrate, PathBuf)>, String> {
    let mut out = Vec::new();
    for (model, dir) in fixtures()? {
        let text = std::fs::read_to_string(&model).map_err(|e| format!("{}: {e}", model.display()))?;
        let generated = generate_quietly(&model, &text, None, codegen::FIRST_VERSION, Settings::default()).0;
        out.push((generated.map_err(|e| format!("{}: {e}", model.display()))?, dir));
    }
    let warnings: usize = out.iter().map(|(g, _)| g.warnings.len()).sum();
    if warnings > 0 {
        println!("fixtures: {warnings} warnings, all expected (the fixtures' deliberate misfits; `cargo xtask fixtures` prints them)");
    }
    Ok(out)
}

/// `--check`: each client at the version its Cargo.toml has, its API snapshot and a
/// CHANGELOG entry for that version; every fixture snapshot.
fn check_project(partitions: Option<PathBuf>) -> Result<ExitCode, String> {
    let root = root();
    let mut places = Vec::new();
    for client in CLIENTS {
        let version = version_in(&root.join(client.dir))?.unwrap_or_else(|| codegen::FIRST_VERSION.to_owned());
        let (generated, _) = generate(&root.join(client.model), partitions.clone(), &version)?;
        places.push((format!("{}/", client.dir), generated.check(&root.join(client.dir)).map_err(|e| e.to_string())?));
        let snapshots = generated.check_snapshots(&root.join(client.snapshots), false).map_err(|e| e.to_string())?;
        places.push((format!("{}/", client.snapshots), snapshots));
        let changelog = std::fs::read_to_string(root.join(client.changelog())).unwrap_or_default();
        let entry = if changelog.lines().any(|l| l == format!("## {version}")) {
            Vec::new()
        } else {
            vec![Stale::Missing(format!("an entry `## {version}`"))]
        };
        places.push((client.changelog(), entry));
    }
    for (fixture, dir) in generate_fixtures()? {
        places.push((
            format!("{}/", dir.strip_prefix(&root).unwrap_or(&dir).display()),
            fixture.check_snapshots(&dir, true).map_err(|e| e.to_string())?,
        ));
    }
    Ok(verdict(&places))
}

/// What is checked in, to compare the new generation with.
struct Baseline {
    /// The commit, or `the working tree`.
    source: String,
    version: String,
    /// `None` before the first API snapshot.
    api: Option<ApiSurface>,
    /// The client's files by path in its folder (without the CHANGELOG).
    files: BTreeMap<String, String>,
    changelog: String,
}

impl Baseline {
    fn read(client: &CheckedInClient, rev: &str) -> Result<Baseline, String> {
        let root = root();
        let api_snapshot = format!("{}/{API_SNAPSHOT}", client.snapshots);
        let from_git = git_tree(&root, rev, client.dir).map(|files| {
            let at_rev = |path: &str| git_tree(&root, rev, path).and_then(|t| t.into_values().next());
            (rev.to_owned(), files, at_rev(&api_snapshot), at_rev(&client.changelog()))
        });
        let (source, mut files, snapshot, changelog) = match from_git {
            Some(found) => found,
            None if rev != "HEAD" => return Err(format!("git cannot read `{rev}` (a commit to compare with)")),
            None => {
                let read = |p: &str| std::fs::read_to_string(root.join(p)).ok();
                ("the working tree".to_owned(), working_files(&root.join(client.dir))?, read(&api_snapshot), read(&client.changelog()))
            }
        };
        files.remove("CHANGELOG.md");
        let version = files.get("Cargo.toml").and_then(|t| codegen::output::package_version(t)).unwrap_or(codegen::FIRST_VERSION).to_owned();
        let api = snapshot.map(|text| ApiSurface::parse(snapshot_contents(&text))).transpose()?;
        Ok(Baseline { source, version, api, files, changelog: changelog.unwrap_or_default() })
    }
}

/// The files below `dir` (relative to the repository) at commit `rev`, by path relative
/// to `dir`; `None` when git cannot tell (no git, not a repository, no such commit).
fn git_tree(root: &Path, rev: &str, dir: &str) -> Option<BTreeMap<String, String>> {
    let git = |args: &[&str], input: Option<String>| -> Option<Vec<u8>> {
        let mut child =
            Command::new("git").args(args).current_dir(root).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().ok()?;
        let mut stdin = child.stdin.take()?;
        let feeder = std::thread::spawn(move || {
            use std::io::Write;
            input.map(|text| stdin.write_all(text.as_bytes()))
        });
        let output = child.wait_with_output().ok()?;
        let _ = feeder.join();
        output.status.success().then_some(output.stdout)
    };
    let listing = String::from_utf8(git(&["ls-tree", "-r", "--name-only", rev, "--", dir], None)?).ok()?;
    let paths: Vec<&str> = listing.lines().collect();
    let request: String = paths.iter().map(|p| format!("{rev}:{p}\n")).collect();
    let batch = git(&["cat-file", "--batch"], Some(request))?;
    // Each answer: `<sha> blob <size>\n<contents>\n`.
    let mut out = BTreeMap::new();
    let mut at = 0;
    for path in paths {
        let header_end = at + batch[at..].iter().position(|b| *b == b'\n')?;
        let size: usize = std::str::from_utf8(&batch[at..header_end]).ok()?.rsplit(' ').next()?.parse().ok()?;
        let body = batch.get(header_end + 1..header_end + 1 + size)?;
        let rel = path.strip_prefix(dir).map(|r| r.trim_start_matches('/')).filter(|r| !r.is_empty()).unwrap_or(path);
        out.insert(rel.to_owned(), String::from_utf8_lossy(body).into_owned());
        at = header_end + 1 + size + 1;
    }
    Some(out)
}

/// The generated files of a crate folder as they are on disk.
fn working_files(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(dir).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
            if path.is_dir() {
                if d != dir || matches!(rel.as_str(), "src" | "tests") {
                    stack.push(path);
                }
            } else if d != dir || matches!(rel.as_str(), "Cargo.toml" | "build.rs") {
                out.insert(rel, std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?);
            }
        }
    }
    Ok(out)
}

/// The client generated at the baseline's version differs from the baseline where a file
/// is new, gone or changed: those paths.
fn changed_files(generated: &GeneratedCrate, base: &BTreeMap<String, String>) -> Vec<String> {
    let mut paths: Vec<String> = generated.files.iter().filter(|(p, t)| base.get(*p) != Some(*t)).map(|(p, _)| p.clone()).collect();
    paths.extend(base.keys().filter(|p| !generated.files.contains_key(*p)).cloned());
    paths.sort();
    paths
}

fn update_project(partitions: Option<PathBuf>, since: &str) -> Result<ExitCode, String> {
    let mut snapshots = (0, 0);
    let mut reports = String::new();
    for client in CLIENTS {
        let (written, removed, report) = update_client(client, partitions.clone(), since)?;
        snapshots = (snapshots.0 + written, snapshots.1 + removed);
        reports.push_str(&report);
    }
    for (fixture, dir) in generate_fixtures()? {
        let done = fixture.write_snapshots(&dir, true).map_err(|e| e.to_string())?;
        snapshots = (snapshots.0 + done.written.len(), snapshots.1 + done.removed.len());
    }
    println!("snapshots (each client's api.snap and the fixtures'): {} written, {} removed", snapshots.0, snapshots.1);
    print!("{reports}");
    Ok(ExitCode::SUCCESS)
}

/// Writes one client, its API snapshot and CHANGELOG; prints what was written and returns
/// the snapshot counts and the report of its API changes and version.
fn update_client(client: &CheckedInClient, partitions: Option<PathBuf>, since: &str) -> Result<(usize, usize, String), String> {
    let root = root();
    let model = root.join(client.model);
    let base = Baseline::read(client, since)?;
    let (first, ms) = generate(&model, partitions.clone(), &base.version)?;
    let changes = base.api.as_ref().map(|old| first.api.diff(old)).unwrap_or_default();
    // What changed besides the API, measured at the base version (so the version itself is
    // no change); any change at all moves the version.
    let files = FileChanges::between(&base.files, &first.files);
    // A first generation has nothing to move from.
    let bump = if base.files.is_empty() { Bump::None } else { Bump::of(&changes, !files.is_empty()) };
    let version =
        bump.apply(&base.version).ok_or_else(|| format!("{}/Cargo.toml: version `{}` is not MAJOR.MINOR.PATCH", client.dir, base.version))?;
    let generated = if version == base.version { first } else { generate(&model, partitions, &version)?.0 };

    let done = generated.write_to(&root.join(client.dir)).map_err(|e| e.to_string())?;
    println!("{}", summary(&generated, Path::new(client.dir), ms, &done));
    let snap = generated.write_snapshots(&root.join(client.snapshots), false).map_err(|e| e.to_string())?;

    let changelog = with_entry(&base.changelog, &base.version, &version, bump, &changes, &files);
    let path = root.join(client.changelog());
    if std::fs::read_to_string(&path).ok().as_deref() != Some(changelog.as_str()) {
        std::fs::write(&path, &changelog).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let api_snapshot = format!("{}/{API_SNAPSHOT}", client.snapshots);
    let mut out = format!("\n{} ({}):\n{}", client.dir, client.model, report(&changes, base.api.is_some(), &base.source, &api_snapshot));
    out.push_str(&report_files(&files));
    out.push_str(&match bump {
        Bump::None => format!("version {version}: nothing changed since {}\n", &base.source),
        _ => format!("version {} -> {version} ({bump}); {} has its entry\n", base.version, client.changelog()),
    });
    Ok((snap.written.len(), snap.removed.len(), out))
}

/// The changes, breaking first, one line each with the reason.
fn report(changes: &[Change], had_api: bool, source: &str, api_snapshot: &str) -> String {
    if !had_api {
        return format!("API changes: none to report ({source} has no {api_snapshot} yet)\n");
    }
    if changes.is_empty() {
        return format!("API changes against {source}: none\n");
    }
    let breaking = changes.iter().filter(|c| c.severity == Severity::Breaking).count();
    let mut out = format!("API changes against {source}: {breaking} breaking, {} compatible\n", changes.len() - breaking);
    let mut sorted: Vec<&Change> = changes.iter().collect();
    sorted.sort_by_key(|c| std::cmp::Reverse(c.severity));
    for c in sorted {
        out.push_str(&format!("  {c}\n"));
    }
    out
}

/// What changed besides the API, a line per kind (none when nothing did): documentation
/// (which moves no version further than a patch), tests, other code.
fn report_files(files: &FileChanges) -> String {
    const SHOWN: usize = 6;
    let list = |items: &[String]| {
        let mut text = items.iter().take(SHOWN).map(String::as_str).collect::<Vec<_>>().join(", ");
        if items.len() > SHOWN {
            text.push_str(&format!(", and {} more", items.len() - SHOWN));
        }
        text
    };
    let mut out = String::new();
    if !files.docs.is_empty() {
        out.push_str(&format!("documentation changed in {} files (no API effect): {}\n", files.docs.len(), list(&files.docs)));
    }
    if !files.tests_added.is_empty() {
        out.push_str(&format!("tests added: {}: {}\n", files.tests_added.len(), list(&files.tests_added)));
    }
    if !files.tests_removed.is_empty() {
        out.push_str(&format!("tests removed: {}: {}\n", files.tests_removed.len(), list(&files.tests_removed)));
    }
    if !files.code.is_empty() {
        out.push_str(&format!("other generated code changed in {} files: {}\n", files.code.len(), list(&files.code)));
    }
    out
}

/// The baseline CHANGELOG with an entry for `version` on top (none when nothing changed):
/// the API changes by severity, then documentation, tests and other changed files.
fn with_entry(base: &str, base_version: &str, version: &str, bump: Bump, changes: &[Change], files: &FileChanges) -> String {
    let base = if base.trim().is_empty() {
        format!(
            "# Changelog\n\nThe versions of this generated crate. `cargo xtask codegen` adds an entry whenever the generated code changes, with the API changes classified as breaking or compatible.\n\n## {base_version}\n\nThe first generated release.\n"
        )
    } else {
        base.to_owned()
    };
    if bump == Bump::None {
        return base;
    }
    let mut entry = format!("## {version}\n\n");
    if changes.is_empty() {
        entry.push_str("No API change.\n\n");
    }
    for (severity, title) in [(Severity::Breaking, "Breaking"), (Severity::Compatible, "Compatible")] {
        let lines: Vec<String> = changes.iter().filter(|c| c.severity == severity).map(|c| format!("- {}: {}\n", c.what, c.why)).collect();
        if !lines.is_empty() {
            entry.push_str(&format!("### {title}\n\n{}\n", lines.concat()));
        }
    }
    // Up to a dozen items each: the diff itself says the rest.
    const LISTED: usize = 12;
    let section = |entry: &mut String, title: &str, items: Vec<String>| {
        if items.is_empty() {
            return;
        }
        entry.push_str(&format!("### {title}\n\n"));
        for item in items.iter().take(LISTED) {
            entry.push_str(&format!("- {item}\n"));
        }
        if items.len() > LISTED {
            entry.push_str(&format!("- and {} more\n", items.len() - LISTED));
        }
        entry.push('\n');
    };
    let quoted = |items: &[String]| items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>();
    section(&mut entry, "Documentation", quoted(&files.docs));
    let tests = files.tests_added.iter().map(|t| format!("added `{t}`")).chain(files.tests_removed.iter().map(|t| format!("removed `{t}`")));
    section(&mut entry, "Tests", tests.collect());
    section(&mut entry, "Other changes", quoted(&files.code));
    let entry = format!("{}\n\n", entry.trim_end());
    match base.find("\n## ") {
        Some(at) => format!("{}{entry}{}", &base[..=at], &base[at + 1..]),
        None => format!("{}\n\n{entry}", base.trim_end()),
    }
}

/// `cargo xtask api-diff OLD.json NEW.json`.
pub fn api_diff(args: &[String]) -> Result<ExitCode, String> {
    let [old, new] = args else { return Err(usage_error("api-diff", args)) };
    let (old, _) = generate(Path::new(old), None, codegen::FIRST_VERSION)?;
    let (new, _) = generate(Path::new(new), None, codegen::FIRST_VERSION)?;
    let changes = new.api.diff(&old.api);
    print!("{}", report(&changes, true, "the old model", API_SNAPSHOT));
    print!("{}", report_files(&FileChanges::between(&old.files, &new.files)));
    let changed = changed_files(&new, &old.files);
    let bump = Bump::of(&changes, !changed.is_empty());
    println!(
        "semver: {bump}{}",
        match bump {
            Bump::None => String::new(),
            _ => format!(
                " ({} generated files differ); 0.x moves to {}, 1.x to {}",
                changed.len(),
                bump.apply("0.1.0").unwrap_or_default(),
                bump.apply("1.0.0").unwrap_or_default()
            ),
        }
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "# Changelog\n\nIntro.\n\n## 0.1.0\n\nThe first generated release.\n";

    #[test]
    fn entries_go_on_top_and_list_a_dozen_files() {
        let code: Vec<String> = (0..15).map(|i| format!("src/f{i:02}.rs")).collect();
        let files = FileChanges { docs: vec!["src/lib.rs".into()], tests_added: vec!["tests/model.rs: t".into()], code, ..FileChanges::default() };
        let text = with_entry(BASE, "0.1.0", "0.1.1", Bump::Patch, &[], &files);
        assert!(
            text.starts_with("# Changelog\n\nIntro.\n\n## 0.1.1\n\nNo API change.\n\n### Documentation\n\n- `src/lib.rs`\n\n### Tests\n\n- added `tests/model.rs: t`\n\n### Other changes\n\n- `src/f00.rs`\n"),
            "{text}"
        );
        assert!(text.contains("- `src/f11.rs`\n- and 3 more\n\n## 0.1.0\n"), "{text}");
        assert!(!text.contains("src/f12.rs"));
        assert_eq!(with_entry(BASE, "0.1.0", "0.1.0", Bump::None, &[], &FileChanges::default()), BASE);
    }

    #[test]
    fn a_first_changelog_starts_with_the_base_version() {
        let files = FileChanges { code: vec!["src/lib.rs".to_owned()], ..FileChanges::default() };
        let text = with_entry("", "0.3.0", "0.3.1", Bump::Patch, &[], &files);
        let at_new = text.find("## 0.3.1").expect("the new entry");
        let at_base = text.find("## 0.3.0").expect("the base entry");
        assert!(text.starts_with("# Changelog") && at_new < at_base, "{text}");
    }
}
