//! Where `Config::from_env()` finds the region and credentials: the environment variables,
//! then the shared files, for `AWS_PROFILE`. Each case runs `credentials-probe` in a child
//! process with exactly the environment under test (HOME points at a temporary folder).

use std::path::{Path, PathBuf};
use std::process::Command;

use sso_oidc::credentials::{Credentials, FromAwsCredentialTypes, ProvideCredentials};

fn temp_home(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sso-oidc-credentials-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".aws")).expect("temp home");
    dir
}

fn probe(home: &Path, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_credentials-probe"));
    cmd.env_clear().env("HOME", home);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run the probe");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn environment_variables_come_first() {
    let home = temp_home("env");
    std::fs::write(home.join(".aws/credentials"), "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n").unwrap();
    let out = probe(
        &home,
        &[("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_SECRET_ACCESS_KEY", "env-secret"), ("AWS_SESSION_TOKEN", "tok"), ("AWS_REGION", "eu-west-3")],
    );
    assert_eq!(out, "region=eu-west-3\naccess_key_id=AKIDENV secret=present session_token=present\n");
}

#[test]
fn default_profile_of_the_shared_files() {
    let home = temp_home("default");
    std::fs::write(home.join(".aws/credentials"), "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n").unwrap();
    std::fs::write(home.join(".aws/config"), "[default]\nregion = ap-southeast-2\n").unwrap();
    assert_eq!(probe(&home, &[]), "region=ap-southeast-2\naccess_key_id=AKIDFILE secret=present session_token=none\n");
}

#[test]
fn named_profile_and_custom_file_locations() {
    let home = temp_home("named");
    let credentials = home.join("creds.ini");
    let config = home.join("config.ini");
    std::fs::write(&credentials, "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = x\n[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = w\naws_session_token = t\n").unwrap();
    std::fs::write(&config, "[default]\nregion = us-east-1\n[profile work]\nregion = eu-central-1\n").unwrap();
    let env =
        [("AWS_PROFILE", "work"), ("AWS_SHARED_CREDENTIALS_FILE", credentials.to_str().unwrap()), ("AWS_CONFIG_FILE", config.to_str().unwrap())];
    assert_eq!(probe(&home, &env), "region=eu-central-1\naccess_key_id=AKIDWORK secret=present session_token=present\n");
    // AWS_REGION wins over the profile's region.
    let with_region = [env[0], env[1], env[2], ("AWS_REGION", "sa-east-1")];
    assert!(probe(&home, &with_region).starts_with("region=sa-east-1\n"));
}

#[test]
fn static_keys_in_the_config_file() {
    let home = temp_home("config-keys");
    std::fs::write(home.join(".aws/config"), "[profile dev]\nregion = us-west-2\naws_access_key_id = AKIDCFG\naws_secret_access_key = s\n").unwrap();
    assert_eq!(probe(&home, &[("AWS_PROFILE", "dev")]), "region=us-west-2\naccess_key_id=AKIDCFG secret=present session_token=none\n");
}

#[test]
fn nothing_configured_says_where_it_looked() {
    let home = temp_home("none");
    let out = probe(&home, &[]);
    assert_eq!(
        out,
        "region=-\nerror=no AWS credentials found: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set; profile `default` has no aws_access_key_id and aws_secret_access_key in the shared credentials or config file\n"
    );
}

#[tokio::test]
async fn aws_credential_types_providers_plug_in() {
    let theirs = aws_credential_types::Credentials::from_keys("AKIDAWS", "aws-secret", Some("aws-token".into()));
    let provider = FromAwsCredentialTypes(aws_credential_types::provider::SharedCredentialsProvider::new(theirs));
    let ours = provider.provide_credentials().await.expect("credentials");
    assert_eq!(ours, Credentials::new("AKIDAWS", "aws-secret", Some("aws-token".into())));
}
