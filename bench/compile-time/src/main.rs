//! One call with a large client, the smallest useful program using it; which client is
//! chosen by a feature (see Cargo.toml). Built, never run, by `cargo xtask bench compile-time`.

/// The SDK's HTTP client over rustls with ring, instead of its default aws-lc-rs.
#[cfg(feature = "ring-client")]
macro_rules! ring_client {
    () => {
        aws_smithy_http_client::Builder::new()
            .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring))
            .build_https()
    };
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut ok = Vec::<bool>::new();
    #[cfg(feature = "dynamodb")]
    {
        let client = dynamodb::Client::from_conf(dynamodb::Config::builder().region("us-east-1").build());
        ok.push(client.get_item().table_name("t").send().await.is_ok());
    }
    #[cfg(feature = "dynamodb-one")]
    {
        let client = dynamodb_one::Client::from_conf(dynamodb_one::Config::builder().region("us-east-1").build());
        ok.push(client.get_item().table_name("t").send().await.is_ok());
    }
    #[cfg(any(feature = "dynamodb-sdk", feature = "dynamodb-sdk-ring", feature = "five-sdk"))]
    {
        let config = aws_sdk_dynamodb::Config::builder().region(aws_sdk_dynamodb::config::Region::new("us-east-1"));
        #[cfg(feature = "ring-client")]
        let config = config.http_client(ring_client!());
        let client = aws_sdk_dynamodb::Client::from_conf(config.build());
        ok.push(client.get_item().table_name("t").send().await.is_ok());
    }
    #[cfg(feature = "logs")]
    {
        let client = cloudwatch_logs::Client::from_conf(cloudwatch_logs::Config::builder().region("us-east-1").build());
        ok.push(client.put_log_events().log_group_name("g").log_stream_name("s").send().await.is_ok());
    }
    #[cfg(feature = "logs-one")]
    {
        let client = cloudwatch_logs_one::Client::from_conf(cloudwatch_logs_one::Config::builder().region("us-east-1").build());
        ok.push(client.put_log_events().log_group_name("g").log_stream_name("s").send().await.is_ok());
    }
    #[cfg(any(feature = "logs-sdk", feature = "logs-sdk-ring", feature = "five-sdk"))]
    {
        let config = aws_sdk_cloudwatchlogs::Config::builder().region(aws_sdk_cloudwatchlogs::config::Region::new("us-east-1"));
        #[cfg(feature = "ring-client")]
        let config = config.http_client(ring_client!());
        let client = aws_sdk_cloudwatchlogs::Client::from_conf(config.build());
        ok.push(client.put_log_events().log_group_name("g").log_stream_name("s").send().await.is_ok());
    }
    #[cfg(feature = "five")]
    {
        let oidc = sso_oidc::Client::from_conf(sso_oidc::Config::builder().region("us-east-1").build());
        ok.push(oidc.register_client().client_name("min").client_type("public").send().await.is_ok());
        let sso = sso::Client::from_conf(sso::Config::builder().region("us-east-1").build());
        ok.push(sso.list_accounts().access_token("t").send().await.is_ok());
        let kms = kms::Client::from_conf(kms::Config::builder().region("us-east-1").build());
        ok.push(kms.list_keys().send().await.is_ok());
    }
    #[cfg(feature = "five-sdk")]
    {
        let region = || aws_sdk_ssooidc::config::Region::new("us-east-1");
        let oidc = aws_sdk_ssooidc::Client::from_conf(aws_sdk_ssooidc::Config::builder().region(region()).build());
        ok.push(oidc.register_client().client_name("min").client_type("public").send().await.is_ok());
        let sso = aws_sdk_sso::Client::from_conf(aws_sdk_sso::Config::builder().region(region()).build());
        ok.push(sso.list_accounts().access_token("t").send().await.is_ok());
        let kms = aws_sdk_kms::Client::from_conf(aws_sdk_kms::Config::builder().region(region()).build());
        ok.push(kms.list_keys().send().await.is_ok());
    }
    println!("{ok:?}");
}
