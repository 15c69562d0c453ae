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
fn cli_errors_say_what_to_do() {
    let output = Command::new(env!("CARGO_BIN_EXE_sso-login")).args(["--region", "us-east-1"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: --start-url is required"), "{stderr}");
    assert!(stderr.contains("usage: sso-login --start-url URL --region REGION"), "{stderr}");
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
