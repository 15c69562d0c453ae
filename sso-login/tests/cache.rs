//! The cache format against the AWS CLI's own: `fixtures/aws-cli-cache/` holds a file that
//! botocore 1.43.11 wrote (see `fixtures/aws_cli_token_cache.py`). The same token written
//! by this crate is the same bytes under the same file name; the CLI's file reads back.

use std::time::{Duration, UNIX_EPOCH};

use sso_login::{CachedToken, TokenCache};

const FIXTURE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/aws-cli-cache");
const FILE: &str = "0ad374308c5a4e22f723adf10145eafad7c4031c.json"; // sha1("my-sso")

fn token() -> CachedToken {
    CachedToken {
        start_url: "https://d-1234567890.awsapps.com/start".into(),
        region: "us-east-1".into(),
        access_token: "access-token-from-cli".into(),
        expires_at: UNIX_EPOCH + Duration::from_secs(1_705_323_600), // 2024-01-15T13:00:00Z
        client_id: Some("client-id-from-cli".into()),
        client_secret: Some("client-secret-from-cli".into()),
        registration_expires_at: Some(UNIX_EPOCH + Duration::from_secs(1_713_096_000)), // 2024-04-14T12:00:00Z
        refresh_token: Some("refresh-token-from-cli".into()),
    }
}

#[test]
fn our_file_is_byte_identical_to_the_aws_clis() {
    let fixture = std::fs::read(format!("{FIXTURE_DIR}/{FILE}")).expect("fixture");
    let dir = std::env::temp_dir().join(format!("sso-login-cache-compat-{}", std::process::id()));
    let written = TokenCache::new(&dir).save(Some("my-sso"), &token()).expect("written");
    assert_eq!(written.file_name().unwrap(), FILE);
    assert_eq!(std::fs::read(&written).unwrap(), fixture);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&written).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_aws_clis_file_reads_back() {
    let cache = TokenCache::new(FIXTURE_DIR);
    let read = cache.load("https://d-1234567890.awsapps.com/start", Some("my-sso")).unwrap().expect("found");
    assert_eq!(read, token());
    assert!(cache.load("https://other", None).unwrap().is_none());
}

#[test]
fn older_and_minimal_cli_files_read_too() {
    // Early AWS CLI v2 releases wrote `UTC` instead of `Z`; legacy profiles cache only
    // the token and its expiry.
    let text = r#"{"startUrl": "https://x/start", "region": "eu-west-1", "accessToken": "a", "expiresAt": "2024-01-15T13:00:00UTC"}"#;
    let token = CachedToken::from_json(text).unwrap();
    assert_eq!(token.expires_at, UNIX_EPOCH + Duration::from_secs(1_705_323_600));
    assert_eq!((token.client_id, token.refresh_token), (None, None));
    assert_eq!(CachedToken::from_json(text).unwrap().to_json(), text.replace("UTC", "Z"));
    for bad in ["", "[]", r#"{"expiresAt": "2024-01-15T13:00:00Z"}"#, r#"{"accessToken": "a", "expiresAt": "tomorrow"}"#] {
        assert!(CachedToken::from_json(bad).is_err(), "{bad}");
    }
}
