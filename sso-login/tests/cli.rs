//! The `sso-login` binary against the local server: a device login from start to cached
//! token, with the transcript printed (`--nocapture`) and checked.

mod common;

use std::process::Command;

use common::{FakeOidc, pending, temp_cache, token};

#[tokio::test(flavor = "multi_thread")]
async fn cli_device_login_transcript() {
    let server = FakeOidc::start(Some(1), Some(600), vec![pending(), token("cli-access", 3600, Some("cli-refresh"))]).await;
    let cache = temp_cache("cli");
    let output = tokio::task::spawn_blocking({
        let (url, cache) = (server.url(), cache.clone());
        move || {
            Command::new(env!("CARGO_BIN_EXE_sso-login"))
                .args(["--start-url", "https://d-1234567890.awsapps.com/start", "--region", "us-east-1", "--session", "my-sso"])
                .args(["--endpoint-url", &url, "--no-browser", "--scope", "sso:account:access", "--cache-dir"])
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
        "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\n\n\
         [sso-session my-sso]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n\
         sso_registration_scopes = sso:account:access\n\n\
         [profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n",
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
                    .args(["--endpoint-url", &url, "--no-browser", "--cache-dir"])
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

#[test]
fn cli_names_what_the_config_file_lacks() {
    let dir = temp_cache("cli-config-missing");
    let config = write_config(&dir);
    let output = Command::new(env!("CARGO_BIN_EXE_sso-login")).args(["--profile", "prod"]).env("AWS_CONFIG_FILE", &config).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, format!("error: {}: the config file has no profile `prod`\nRun `sso-login --help` for the options.\n", config.display()));
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread")]
async fn cli_reports_a_refused_login() {
    let server = FakeOidc::start(Some(1), Some(600), vec![common::error("AccessDeniedException", "access_denied")]).await;
    let cache = temp_cache("cli-denied");
    let output = tokio::task::spawn_blocking({
        let (url, cache) = (server.url(), cache.clone());
        move || {
            Command::new(env!("CARGO_BIN_EXE_sso-login"))
                .args(["--start-url", "https://x/start", "--region", "us-east-1", "--endpoint-url", &url, "--no-browser", "--cache-dir"])
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
