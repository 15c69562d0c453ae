//! Cold start of the generated client: `cold-ours URL` starts, builds a client, makes one
//! CreateToken call to the server at URL and exits (`cargo xtask bench` times the process).
#[path = "../input.rs"]
mod input;

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).expect("usage: cold-ours URL");
    let client = sso_oidc::Client::from_conf(sso_oidc::Config::builder().region("us-east-1").endpoint_url(url).build());
    let out = client
        .create_token()
        .client_id(input::CLIENT_ID)
        .client_secret(input::CLIENT_SECRET)
        .grant_type(input::GRANT)
        .device_code(input::DEVICE_CODE)
        .send()
        .await
        .expect("CreateToken");
    assert!(out.access_token().is_some());
}
