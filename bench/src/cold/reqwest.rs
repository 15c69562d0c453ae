//! Cold start of bare reqwest (the floor): `cold-reqwest URL` starts, builds a reqwest
//! client with an empty root store (nothing to load), POSTs the CreateToken body to the
//! server at URL, reads the body and exits (`cargo xtask bench` times the process).
#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).expect("usage: cold-reqwest URL");
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS")
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    let client = reqwest::Client::builder().tls_backend_preconfigured(tls).build().expect("client");
    let body = r#"{"clientId":"_yzkThXVzLWVhc3QtMQEXAMPLECLIENTID","clientSecret":"VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0","grantType":"urn:ietf:params:oauth:grant-type:device_code","deviceCode":"yJraWQiOiJrZXktMTU2Njk2ODA4OCIsImFsZyI6IkhTMzIn0EXAMPLEDEVICECODE"}"#;
    let response = client.post(format!("{url}/token")).header("content-type", "application/json").body(body).send().await.expect("POST");
    assert!(!response.bytes().await.expect("body").is_empty());
}
