//! CreateTokenWithIAM is signed with SigV4, and the signature is the one an independent
//! implementation computes: `fixtures/sigv4_botocore.json` holds botocore's headers for the
//! same request, credentials and time (produced by `fixtures/sigv4_botocore.py`; see there).
//! The request goes over TLS to the real host name, resolved to a loopback server.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use client_tests::TlsServer;
use sso_oidc::Config;
use sso_oidc::credentials::Credentials;
use sso_oidc::error::SdkError;

fn fixture() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sigv4_botocore.json")).expect("fixture");
    serde_json::from_str(&text).expect("fixture JSON")
}

/// 2024-01-15T12:00:00Z, the fixture's signing time.
fn fixed_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_705_320_000)
}

#[tokio::test]
async fn signature_matches_botocore() {
    let expected = fixture();
    assert_eq!(expected["epoch_seconds"], 1_705_320_000);
    let server = TlsServer::start().await;
    let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Some("session-token-EXAMPLE".to_owned()));
    let config = Config::builder().region("us-east-1").credentials_provider(credentials).time_source(fixed_time);
    let output = server
        .client(config)
        .create_token_with_iam()
        .client_id("arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-1111111111111111")
        .grant_type("urn:ietf:params:oauth:grant-type:jwt-bearer")
        .assertion("eyJhbGciOiJIUzI1NiJ9.example.signature")
        .send()
        .await
        .expect("the request succeeds");
    assert_eq!(output.access_token(), Some("at"));
    let seen = server.seen();
    let request = &seen[0];
    assert_eq!((request.host.as_str(), request.path.as_str()), ("oidc.us-east-1.amazonaws.com", "/token"));
    // The same request as the fixture's, byte for byte, so the same signature is owed.
    assert_eq!(String::from_utf8_lossy(&request.body), expected["body"].as_str().unwrap());
    let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(header("authorization").as_deref(), expected["authorization"].as_str());
    assert_eq!(header("x-amz-date").as_deref(), expected["x-amz-date"].as_str());
    assert_eq!(header("x-amz-security-token").as_deref(), expected["x-amz-security-token"].as_str());
}

#[tokio::test]
async fn unsigned_operations_need_no_credentials_and_carry_no_signature() {
    let server = TlsServer::start().await;
    let client = server.client(Config::builder().region("us-east-1"));
    client.create_token().client_id("id").client_secret("secret").grant_type("refresh_token").send().await.expect("sent");
    let seen = server.seen();
    assert!(seen[0].headers.get("authorization").is_none());
    assert!(seen[0].headers.get("x-amz-date").is_none());
}

#[tokio::test]
async fn signed_operation_without_credentials_fails_before_sending() {
    let server = TlsServer::start().await;
    let error = server
        .client(Config::builder().region("us-east-1"))
        .create_token_with_iam()
        .client_id("c")
        .grant_type("g")
        .send()
        .await
        .expect_err("no credentials");
    assert!(matches!(error, SdkError::Build(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "request not sent: CreateTokenWithIAM: invalid configuration: this operation is signed with SigV4 and no credentials are configured: use `Config::from_env()` or `.credentials_provider(..)`"
    );
    assert!(server.seen().is_empty());
}
