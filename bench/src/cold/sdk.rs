//! Cold start of aws-sdk-ssooidc: `cold-sdk URL` starts, builds a client, makes one
//! CreateToken call to the server at URL and exits (`cargo xtask bench` times the process).
#[path = "../input.rs"]
mod input;

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).expect("usage: cold-sdk URL");
    let config = aws_sdk_ssooidc::Config::builder()
        .behavior_version(aws_sdk_ssooidc::config::BehaviorVersion::latest())
        .region(aws_sdk_ssooidc::config::Region::new("us-east-1"))
        .endpoint_url(url)
        .build();
    let client = aws_sdk_ssooidc::Client::from_conf(config);
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
