//! Requests really go where the endpoint rules say: a TLS server on loopback with a
//! certificate for the AWS host names, and a client that resolves those names to it and
//! trusts that certificate (see `client_tests::TlsServer`).

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use client_tests::{TOKEN, TlsServer};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use sso_oidc::error::SdkError;
use sso_oidc::{Client, Config};
use tokio::net::TcpListener;

/// (host header, path) of each request the plain-HTTP server received.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

async fn create_token(
    client: &Client,
) -> Result<sso_oidc::operation::create_token::CreateTokenOutput, SdkError<sso_oidc::operation::create_token::CreateTokenError>> {
    client.create_token().client_id("id").client_secret("secret").grant_type("refresh_token").send().await
}

async fn host_for(config: sso_oidc::config::Builder) -> String {
    let server = TlsServer::start().await;
    let output = create_token(&server.client(config)).await.expect("the request succeeds");
    assert_eq!(output.access_token(), Some("at"));
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/token");
    seen[0].host.clone()
}

#[tokio::test]
async fn regional_endpoint() {
    assert_eq!(host_for(Config::builder().region("us-east-1")).await, "oidc.us-east-1.amazonaws.com");
}

#[tokio::test]
async fn fips_endpoint() {
    assert_eq!(host_for(Config::builder().region("us-east-1").use_fips(true)).await, "oidc-fips.us-east-1.amazonaws.com");
}

#[tokio::test]
async fn dual_stack_endpoint() {
    assert_eq!(host_for(Config::builder().region("us-east-1").use_dual_stack(true)).await, "oidc.us-east-1.api.aws");
}

#[tokio::test]
async fn fips_and_dual_stack_endpoint() {
    let config = Config::builder().region("us-east-1").use_fips(true).use_dual_stack(true);
    assert_eq!(host_for(config).await, "oidc-fips.us-east-1.api.aws");
}

/// A custom endpoint with a base path: the operation's path follows it.
#[tokio::test]
async fn custom_endpoint_with_base_path() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    let seen: Seen = Arc::default();
    let recorded = seen.clone();
    tokio::spawn(async move {
        if let Ok((tcp, _)) = listener.accept().await {
            let service = service_fn(move |request: hyper::Request<Incoming>| {
                let host = request.headers().get("host").and_then(|h| h.to_str().ok()).unwrap_or_default().to_owned();
                recorded.lock().unwrap().push((host, request.uri().path().to_owned()));
                async { Ok::<_, Infallible>(hyper::Response::new(Full::new(Bytes::from_static(TOKEN.as_bytes())))) }
            });
            let _ = http1::Builder::new().serve_connection(TokioIo::new(tcp), service).await;
        }
    });
    let config = Config::builder().region("us-east-1").endpoint_url(format!("http://{addr}/base/")).build();
    create_token(&Client::from_conf(config)).await.expect("the request succeeds");
    assert_eq!(seen.lock().unwrap().clone(), [(addr.to_string(), "/base/token".to_owned())]);
}

/// The rules refuse FIPS with a custom endpoint: a build error, before any traffic.
#[tokio::test]
async fn fips_with_custom_endpoint_is_refused_before_sending() {
    let server = TlsServer::start().await;
    let config = Config::builder().region("us-east-1").use_fips(true).endpoint_url(format!("https://{}", server.addr));
    let error = create_token(&server.client(config)).await.expect_err("refused");
    assert!(matches!(error, SdkError::Build(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "request not sent: CreateToken: cannot resolve the endpoint: Invalid Configuration: FIPS and custom endpoint are not supported"
    );
    assert!(server.seen().is_empty());
}

/// No region and no endpoint URL: the rules' own error, before any traffic.
#[tokio::test]
async fn missing_region_is_refused_before_sending() {
    let error = create_token(&Client::from_conf(Config::builder().build())).await.expect_err("refused");
    assert_eq!(error.to_string(), "request not sent: CreateToken: cannot resolve the endpoint: Invalid Configuration: Missing Region");
}
