//! Cold start of the generated client: `cold-ours URL` starts, builds a client, makes one
//! CreateToken call to the server at URL and exits (`cargo xtask bench` times the process).
#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).expect("usage: cold-ours URL");
    let client = sso_oidc::Client::from_conf(sso_oidc::Config::builder().region("us-east-1").endpoint_url(url).build());
    let out = client
        .create_token()
        .client_id("_yzkThXVzLWVhc3QtMQEXAMPLECLIENTID")
        .client_secret("VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0")
        .grant_type("urn:ietf:params:oauth:grant-type:device_code")
        .device_code("yJraWQiOiJrZXktMTU2Njk2ODA4OCIsImFsZyI6IkhTMzIn0EXAMPLEDEVICECODE")
        .send()
        .await
        .expect("CreateToken");
    assert!(out.access_token().is_some());
}
