//! The `sso-login` binary against the local server: a device login from start to cached
//! token, with the transcript printed (`--nocapture`) and checked; `sso-login credentials`
//! from a cached token to `credential_process` JSON.

mod common;

use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{FakeOidc, pending, temp_cache, token};
use sso_login::{CachedToken, TokenCache};

#[tokio::test(flavor = "multi_thread")]
async fn cli_device_login_transcript() {
    let server = FakeOidc::start(Some(1), Some(600), vec![pending(), token("cli-access", 3600, Some("cli-refresh"))]).await;
    let cache = temp_cache("cli");
    let output = tokio::task::spawn_blocking({
        let (url, cache) = (server.url(), cache.clone());
        move || {
            Command::new(env!("CARGO_BIN_EXE_sso-login"))
                .args(["--start-url", "https://d-1234567890.awsapps.com/start", "--region", "us-east-1", "--session", "my-sso"])
                .args(["--use-device-code", "--endpoint-url", &url, "--no-browser", "--scope", "sso:account:access", "--cache-dir"])
                .arg(&cache)
                .output()
                .expect("runs")
        }
    })
    .await
    .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    println!(
        "$ sso-login --start-url https://d-1234567890.awsapps.com/start --region us-east-1 --session my-sso --endpoint-url {} --no-browser --scope sso:account:access --cache-dir {}",
        server.url(),
        cache.display()
    );
    println!("{stdout}--- stderr ---\n{}", stderr.replace('\r', "\n"));
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("To sign in, open https://device.sso.us-east-1.amazonaws.com/ and enter the code WDJB-MJHT"), "{stdout}");
    assert!(stdout.contains("Logged in. Token cached in"), "{stdout}");
    assert!(stderr.contains("Waiting for approval: check 1 in 1 s"), "{stderr}");
    let file = cache.join("0ad374308c5a4e22f723adf10145eafad7c4031c.json");
    let text = std::fs::read_to_string(&file).expect("cached");
    assert!(text.contains(r#""accessToken": "cli-access""#) && text.contains(r#""refreshToken": "cli-refresh""#), "{text}");
    std::fs::remove_dir_all(&cache).ok();
}

#[test]
fn cli_errors_say_what_to_do_in_one_line_and_a_hint() {
    let output = Command::new(env!("CARGO_BIN_EXE_sso-login")).args(["--region", "us-east-1"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: --start-url is required (or --profile, or --sso-session)\nRun `sso-login --help` for the options.\n"
    );
    let help = Command::new(env!("CARGO_BIN_EXE_sso-login")).arg("--help").output().unwrap();
    assert!(help.status.success() && String::from_utf8_lossy(&help.stdout).contains("--profile NAME"));
}

#[test]
fn cli_prints_its_version() {
    let output = Command::new(env!("CARGO_BIN_EXE_sso-login")).arg("--version").output().unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), format!("sso-login {}\n", env!("CARGO_PKG_VERSION")));
}

/// A config file with a profile that names an sso-session, and a legacy profile.
fn write_config(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("config");
    std::fs::write(
        &path,
        "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = Developer\n\n\
         [sso-session my-sso]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n\
         sso_registration_scopes = sso:account:access\n\n\
         [profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n\
         sso_account_id = 444455556666\nsso_role_name = ReadOnly\n",
    )
    .unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn cli_logs_in_for_a_profile_and_for_an_sso_session_of_the_config_file() {
    for (flags, cache_key) in [
        (["--profile", "dev"], "0ad374308c5a4e22f723adf10145eafad7c4031c"),
        (["--sso-session", "my-sso"], "0ad374308c5a4e22f723adf10145eafad7c4031c"),
        // A legacy profile: the token is cached under the start URL.
        (["--profile", "legacy"], "79e435d7a515078e81c9dffc35f38d5687ebd3a7"),
    ] {
        let server = FakeOidc::start(Some(1), Some(600), vec![token("profile-access", 3600, None)]).await;
        let dir = temp_cache(&format!("cli-{}", flags[1]));
        let config = write_config(&dir.join("aws"));
        let cache = dir.join("cache");
        let output = tokio::task::spawn_blocking({
            let (url, cache) = (server.url(), cache.clone());
            move || {
                Command::new(env!("CARGO_BIN_EXE_sso-login"))
                    .args(flags)
                    .args(["--use-device-code", "--endpoint-url", &url, "--no-browser", "--cache-dir"])
                    .arg(&cache)
                    .env("AWS_CONFIG_FILE", &config)
                    .output()
                    .expect("runs")
            }
        })
        .await
        .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{flags:?}: {stderr}");
        // Not a terminal: progress is a line each, with no carriage return.
        assert!(!stderr.contains('\r'), "{stderr:?}");
        let start_url = server.received("/device_authorization")[0]["startUrl"].clone();
        let register = server.received("/client/register");
        // Cached under sha1 of the session name, or of the start URL for a legacy profile.
        let text = std::fs::read_to_string(cache.join(format!("{cache_key}.json"))).expect("cached under its key");
        assert!(text.contains(r#""accessToken": "profile-access""#), "{text}");
        if flags[1] == "legacy" {
            assert_eq!(start_url, "https://legacy.awsapps.com/start");
            assert!(text.contains(r#""startUrl": "https://legacy.awsapps.com/start""#), "{text}");
        } else {
            assert_eq!(start_url, "https://d-1234567890.awsapps.com/start");
            assert_eq!(register[0]["scopes"], serde_json::json!(["sso:account:access"]), "the session's scopes");
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}

/// A profile the config file lacks is a configuration error (exit 1), not a usage error:
/// the command line was right, and `--help` would not help.
#[test]
fn cli_names_what_the_config_file_lacks() {
    let dir = temp_cache("cli-config-missing");
    let config = write_config(&dir);
    let output = Command::new(env!("CARGO_BIN_EXE_sso-login")).args(["--profile", "prod"]).env("AWS_CONFIG_FILE", &config).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, format!("error: {}: the config file has no profile `prod`\n", config.display()));
    std::fs::remove_dir_all(&dir).ok();
}

/// PKCE is the default flow, as in the AWS CLI v2; `--pkce` says so explicitly and
/// `--use-device-code` asks for the other: together they are a usage error.
#[test]
fn cli_takes_one_flow() {
    let output = Command::new(env!("CARGO_BIN_EXE_sso-login"))
        .args(["--start-url", "https://x/start", "--region", "us-east-1", "--pkce", "--use-device-code"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: --pkce and --use-device-code ask for different flows: give one\nRun `sso-login --help` for the options.\n"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cli_reports_a_refused_login() {
    let server = FakeOidc::start(Some(1), Some(600), vec![common::error("AccessDeniedException", "access_denied")]).await;
    let cache = temp_cache("cli-denied");
    let output = tokio::task::spawn_blocking({
        let (url, cache) = (server.url(), cache.clone());
        move || {
            Command::new(env!("CARGO_BIN_EXE_sso-login"))
                .args([
                    "--start-url",
                    "https://x/start",
                    "--region",
                    "us-east-1",
                    "--use-device-code",
                    "--endpoint-url",
                    &url,
                    "--no-browser",
                    "--cache-dir",
                ])
                .arg(&cache)
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error: access denied (access_denied description): approve the request in the browser"), "{stderr}");
    std::fs::remove_dir_all(&cache).ok();
}

/// Runs `sso-login credentials --profile PROFILE` against `server` with `config` and `cache`.
async fn credentials(server: &FakeOidc, profile: &str, config: &std::path::Path, cache: &std::path::Path) -> std::process::Output {
    let (url, profile, config, cache) = (server.url(), profile.to_owned(), config.to_owned(), cache.to_owned());
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_sso-login"))
            .args(["credentials", "--profile", &profile, "--endpoint-url", &url, "--cache-dir"])
            .arg(&cache)
            .env("AWS_CONFIG_FILE", &config)
            .output()
            .expect("runs")
    })
    .await
    .unwrap()
}

/// A token cached for the config's `my-sso` session (or, without one, the legacy start URL),
/// expiring `expires_in` from now, refreshable.
fn cache_token(cache: &std::path::Path, session: Option<&str>, access: &str, expires_in: Duration) {
    let start_url = if session.is_some() { "https://d-1234567890.awsapps.com/start" } else { "https://legacy.awsapps.com/start" };
    let token = CachedToken {
        start_url: start_url.into(),
        region: "us-east-1".into(),
        access_token: access.into(),
        expires_at: SystemTime::now() + expires_in,
        client_id: Some("client-id-1".into()),
        client_secret: Some("client-secret-1".into()),
        registration_expires_at: Some(UNIX_EPOCH + Duration::from_secs(common::REGISTRATION_EXPIRES as u64)),
        refresh_token: Some("refresh-1".into()),
    };
    TokenCache::new(cache).save(session, &token).unwrap();
}

const PROCESS_JSON: &str = "{\"Version\":1,\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretAccessKey\":\"secret/with+chars\",\
                            \"SessionToken\":\"session-token\",\"Expiration\":\"2026-01-01T00:00:00Z\"}\n";

#[tokio::test(flavor = "multi_thread")]
async fn cli_credentials_prints_credential_process_json_for_the_profile_role() {
    for (profile, session, account, role) in [("dev", Some("my-sso"), "111122223333", "Developer"), ("legacy", None, "444455556666", "ReadOnly")] {
        let server = FakeOidc::start(None, None, vec![]).await;
        let dir = temp_cache(&format!("cli-credentials-{profile}"));
        let config = write_config(&dir.join("aws"));
        let cache = dir.join("cache");
        cache_token(&cache, session, "valid-access", Duration::from_secs(3600));
        let output = credentials(&server, profile, &config, &cache).await;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{profile}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&output.stdout), PROCESS_JSON);
        assert_eq!(stderr, "", "nothing but the JSON");
        assert_eq!(
            server.received("/federation/credentials"),
            vec![serde_json::json!({"query": format!("role_name={role}&account_id={account}"), "token": "valid-access"})]
        );
        assert!(server.received("/token").is_empty(), "a valid token is not refreshed");
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn cli_credentials_refreshes_a_token_about_to_expire() {
    let server = FakeOidc::start(None, None, vec![token("fresh-access", 3600, Some("refresh-2"))]).await;
    let dir = temp_cache("cli-credentials-refresh");
    let config = write_config(&dir.join("aws"));
    let cache = dir.join("cache");
    cache_token(&cache, Some("my-sso"), "old-access", Duration::from_secs(60));
    let output = credentials(&server, "dev", &config, &cache).await;
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), PROCESS_JSON);
    let refresh = server.received("/token");
    assert_eq!(refresh.len(), 1);
    assert_eq!(refresh[0]["grantType"], "refresh_token");
    assert_eq!(refresh[0]["refreshToken"], "refresh-1");
    assert_eq!(server.received("/federation/credentials")[0]["token"], "fresh-access", "the refreshed token is used");
    let text = std::fs::read_to_string(cache.join("0ad374308c5a4e22f723adf10145eafad7c4031c.json")).unwrap();
    assert!(text.contains(r#""accessToken": "fresh-access""#) && text.contains(r#""refreshToken": "refresh-2""#), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread")]
async fn cli_credentials_without_a_usable_token_says_to_log_in() {
    let expected = "error: no valid token for profile `dev`: log in with `sso-login --profile dev`\n";
    // No token cached; then a token the portal refuses.
    for revoked in [false, true] {
        let server = FakeOidc::start(None, None, vec![]).await;
        let dir = temp_cache(&format!("cli-credentials-login-{revoked}"));
        let config = write_config(&dir.join("aws"));
        let cache = dir.join("cache");
        if revoked {
            cache_token(&cache, Some("my-sso"), common::REVOKED_TOKEN, Duration::from_secs(3600));
        }
        let output = credentials(&server, "dev", &config, &cache).await;
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(String::from_utf8_lossy(&output.stdout), "");
        assert_eq!(String::from_utf8_lossy(&output.stderr), expected);
        assert_eq!(server.received("/federation/credentials").len(), usize::from(revoked));
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn cli_credentials_names_what_it_needs() {
    let dir = temp_cache("cli-credentials-usage");
    let config = write_config(&dir);
    let run_with = |args: &[&str], code: i32| {
        let output = Command::new(env!("CARGO_BIN_EXE_sso-login")).args(args).env("AWS_CONFIG_FILE", &config).output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let run = |args: &[&str]| run_with(args, 2);
    let hint = "\nRun `sso-login --help` for the options.\n";
    assert_eq!(
        run(&["credentials"]),
        format!("error: `sso-login credentials` needs --profile NAME (a profile with sso_account_id and sso_role_name){hint}")
    );
    assert_eq!(
        run(&["credentials", "--profile", "dev", "--pkce"]),
        format!("error: --pkce is for a login; `sso-login credentials` takes --profile, --endpoint-url and --cache-dir{hint}")
    );
    assert_eq!(
        run(&["credentials", "--profile", "dev", "--use-device-code"]),
        format!("error: --use-device-code is for a login; `sso-login credentials` takes --profile, --endpoint-url and --cache-dir{hint}")
    );
    // What the profile lacks is the configuration's fault (exit 1, no usage hint).
    std::fs::write(&config, "[profile bare]\nsso_session = s\n[sso-session s]\nsso_start_url = https://x/start\nsso_region = us-east-1\n").unwrap();
    assert_eq!(run_with(&["credentials", "--profile", "bare"], 1), format!("error: {}: profile `bare` has no `sso_account_id`\n", config.display()));
    std::fs::remove_dir_all(&dir).ok();
}
