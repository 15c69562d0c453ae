//! Registers a client: the smallest useful program using aws-sdk-ssooidc.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let config = aws_sdk_ssooidc::Config::builder().region(aws_sdk_ssooidc::config::Region::new("us-east-1")).build();
    let client = aws_sdk_ssooidc::Client::from_conf(config);
    let result = client.register_client().client_name("min").client_type("public").send().await;
    println!("{}", result.is_ok());
}
