//! Bare reqwest, the limit the clients are compared with: a plain client as a user would
//! build it (reqwest's default policies) with the ring provider, and the CreateToken body
//! the generated client sends, serialized beforehand.

pub const BODY: &str = r#"{"clientId":"_yzkThXVzLWVhc3QtMQEXAMPLECLIENTID","clientSecret":"VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0","grantType":"urn:ietf:params:oauth:grant-type:device_code","deviceCode":"yJraWQiOiJrZXktMTU2Njk2ODA4OCIsImFsZyI6IkhTMzIn0EXAMPLEDEVICECODE"}"#;

pub fn client() -> reqwest::Client {
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS")
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    reqwest::Client::builder().tls_backend_preconfigured(tls).build().expect("client")
}
