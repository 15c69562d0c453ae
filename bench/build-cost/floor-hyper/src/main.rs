//! POSTs a JSON body with hyper-util's client over hyper-rustls: the least a client on
//! hyper without reqwest builds.
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS")
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    let https = hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(tls).https_or_http().enable_http1().build();
    let client: Client<_, Full<Bytes>> = Client::builder(hyper_util::rt::TokioExecutor::new()).build(https);
    let body = serde_json::json!({"clientName": "min", "clientType": "public"}).to_string();
    let request = hyper::Request::post("https://oidc.us-east-1.amazonaws.com/client/register").body(Full::new(Bytes::from(body))).expect("request");
    let ok = match client.request(request).await {
        Ok(response) => response.into_body().collect().await.is_ok(),
        Err(_) => false,
    };
    println!("{ok}");
}
