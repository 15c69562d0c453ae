//! Telling the errors of an SSO-OIDC call apart, against a local server playing SSO-OIDC:
//! a modeled error (its own variant, with code, message and request id), and a transport
//! failure whose causes are printed once each by walking `source()`. Run it with
//! `cargo run -p sso-login --example error_handling`.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{FakeOidc, error};
use sso_oidc::error::{ProvideErrorMetadata, SdkError};
use sso_oidc::operation::create_token::CreateTokenError;

/// An error and its causes, one a line.
fn report(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        text.push_str(&format!("\n  caused by: {c}"));
        cause = c.source();
    }
    text
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let server = FakeOidc::start(None, None, vec![error("InvalidGrantException", "invalid_grant")]).await;
    let result = server
        .client()
        .create_token()
        .client_id("client-id")
        .client_secret("client-secret")
        .grant_type("refresh_token")
        .refresh_token("expired-refresh-token")
        .send()
        .await;
    match result {
        Err(SdkError::Service(CreateTokenError::InvalidGrantException(e))) => {
            println!("the refresh token is no longer valid: {} (code {:?}, status {})", e.message().unwrap_or("-"), e.code(), e.status());
        }
        Err(other) => println!("another failure: {}", report(&other)),
        Ok(_) => println!("a token"),
    }

    // Nothing listens on this port: a dispatch error, its causes below it.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| format!("http://{a}"));
    let config = sso_oidc::Config::builder().region("us-east-1").endpoint_url(closed.unwrap_or_default()).build();
    let result = sso_oidc::Client::from_conf(config).register_client().client_name("example").client_type("public").send().await;
    if let Err(e) = result {
        println!("{}", report(&e));
    }
}
