//! Registers a client: the smallest useful program using the generated client.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = sso_oidc::Client::from_conf(sso_oidc::Config::builder().region("us-east-1").build());
    let result = client.register_client().client_name("min").client_type("public").send().await;
    println!("{}", result.is_ok());
}
