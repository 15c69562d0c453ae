//! POSTs a JSON body with bare reqwest: the least any reqwest-based client builds.
use std::sync::Arc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS")
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    let client = reqwest::Client::builder().tls_backend_preconfigured(tls).build().expect("client");
    let body = serde_json::json!({"clientName": "min", "clientType": "public"}).to_string();
    let result = client.post("https://oidc.us-east-1.amazonaws.com/client/register").body(body).send().await;
    println!("{}", result.is_ok());
}
