//! Every operation and attempt is traced (operation name, invocation id, attempt,
//! status, request id), and no secret reaches the logs: everything the crate and its
//! dependencies (reqwest, hyper, aws-sigv4) emit at TRACE level is captured and searched
//! for the secret values of the requests and responses.

use std::time::{Duration, UNIX_EPOCH};

use client_tests::{Captured, TlsServer};
use sso_oidc::Config;
use sso_oidc::credentials::Credentials;

const SECRETS: [&str; 6] =
    ["client-secret-VALUE", "refresh-token-VALUE", "assertion-VALUE", "secret-access-key-VALUE", "session-token-VALUE", "code-verifier-VALUE"];

#[tokio::test]
async fn spans_name_the_operation_and_no_secret_is_logged() {
    let captured = Captured::default();
    let _guard = captured.install();

    let server = TlsServer::start().await;
    let credentials = Credentials::new("AKIDEXAMPLE", "secret-access-key-VALUE", Some("session-token-VALUE".into()));
    let config =
        Config::builder().region("us-east-1").credentials_provider(credentials).time_source(|| UNIX_EPOCH + Duration::from_secs(1_705_320_000));
    let client = server.client(config);
    client
        .create_token()
        .client_id("client-id")
        .client_secret("client-secret-VALUE")
        .grant_type("refresh_token")
        .refresh_token("refresh-token-VALUE")
        .code_verifier("code-verifier-VALUE")
        .send()
        .await
        .expect("sent");
    client
        .create_token_with_iam()
        .client_id("client-id")
        .grant_type("urn:ietf:params:oauth:grant-type:jwt-bearer")
        .assertion("assertion-VALUE")
        .send()
        .await
        .expect("sent");

    let logs = captured.text();
    assert!(logs.contains("operation{operation=\"CreateToken\" invocation_id="), "{logs}");
    assert!(logs.contains("operation{operation=\"CreateTokenWithIAM\""), "{logs}");
    assert!(logs.contains("attempt{attempt=1}"), "{logs}");
    assert!(logs.contains("status=200"), "{logs}");
    assert!(logs.contains("request_id="), "{logs}");
    for secret in SECRETS {
        assert!(!logs.contains(secret), "`{secret}` leaked into the logs:\n{logs}");
    }
}
