//! One client, one measurement: `client-bench MODE CONCURRENCY CALLS URL` makes CALLS
//! CreateToken calls (CONCURRENCY at a time) against the server at URL and prints
//! `cpu_us_per_call calls_per_second`. MODE is `ours` (the generated client),
//! `sdk` (aws-sdk-ssooidc) or `reqwest` (a bare POST of the same pre-serialized request,
//! with the same headers).
//! The process CPU time (user + system, all threads) is read around the calls only.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use cpu_time::ProcessTime;

mod bare;
mod input;

use input::{CLIENT_ID, CLIENT_SECRET, DEVICE_CODE, GRANT};

enum Client {
    Ours(sso_oidc::Client),
    Sdk(aws_sdk_ssooidc::Client),
    Reqwest(reqwest::Client, String, reqwest::header::HeaderMap, &'static str),
}

impl Client {
    async fn call(&self) -> usize {
        match self {
            Client::Ours(c) => {
                let out = c
                    .create_token()
                    .client_id(CLIENT_ID)
                    .client_secret(CLIENT_SECRET)
                    .grant_type(GRANT)
                    .device_code(DEVICE_CODE)
                    .send()
                    .await
                    .expect("ours");
                out.access_token().map_or(0, str::len)
            }
            Client::Sdk(c) => {
                let out = c
                    .create_token()
                    .client_id(CLIENT_ID)
                    .client_secret(CLIENT_SECRET)
                    .grant_type(GRANT)
                    .device_code(DEVICE_CODE)
                    .send()
                    .await
                    .expect("sdk");
                out.access_token().map_or(0, str::len)
            }
            Client::Reqwest(c, url, headers, body) => {
                let response = c.post(url.as_str()).headers(headers.clone()).body(*body).send().await.expect("reqwest");
                response.bytes().await.expect("body").len()
            }
        }
    }
}

fn client(mode: &str, url: &str) -> Client {
    match mode {
        "ours" => Client::Ours(sso_oidc::Client::from_conf(sso_oidc::Config::builder().region("us-east-1").endpoint_url(url).build())),
        "sdk" => {
            let config = aws_sdk_ssooidc::Config::builder()
                .behavior_version(aws_sdk_ssooidc::config::BehaviorVersion::latest())
                .region(aws_sdk_ssooidc::config::Region::new("us-east-1"))
                .endpoint_url(url)
                .build();
            Client::Sdk(aws_sdk_ssooidc::Client::from_conf(config))
        }
        "reqwest" => {
            let (http, body) = (bare::client(), bare::BODY);
            // The identical request: the generated client's headers, with fixed values (its
            // user agent names the version in its Cargo.toml).
            let toml = include_str!("../../generated-client/Cargo.toml");
            let version = toml.lines().find_map(|l| l.strip_prefix("version = \"")?.strip_suffix('"')).unwrap_or("0.0.0");
            let user_agent = format!("sso-oidc/{version} ua/2.1 api/sso-oidc#{version} os/linux lang/rust#1.94.1");
            let mut headers = reqwest::header::HeaderMap::new();
            for (name, value) in [
                ("content-type", "application/json"),
                ("user-agent", user_agent.as_str()),
                ("x-amz-user-agent", user_agent.as_str()),
                ("amz-sdk-invocation-id", "3f1b2a8e-4c5d-4e6f-8a9b-0c1d2e3f4a5b"),
                ("amz-sdk-request", "attempt=1; max=3"),
            ] {
                headers.insert(name, reqwest::header::HeaderValue::from_str(value).expect("a header value"));
            }
            Client::Reqwest(http, format!("{url}/token"), headers, body)
        }
        other => panic!("unknown mode {other}"),
    }
}

async fn run(client: Arc<Client>, concurrency: usize, calls: usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, next) = (client.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            while next.fetch_add(1, Ordering::Relaxed) < calls {
                std::hint::black_box(client.call().await);
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, mode, concurrency, calls, url] = args.as_slice() else {
        eprintln!("usage: client-bench ours|sdk|reqwest CONCURRENCY CALLS URL");
        std::process::exit(2);
    };
    let (concurrency, calls): (usize, usize) = (concurrency.parse().expect("concurrency"), calls.parse().expect("calls"));
    let client = Arc::new(client(mode, url));
    // Warm up: connections, lazy initialization, allocator.
    run(client.clone(), concurrency, 500.max(concurrency * 4)).await;
    let (cpu, wall) = (ProcessTime::now(), Instant::now());
    run(client, concurrency, calls).await;
    let (cpu, wall) = (cpu.elapsed(), wall.elapsed());
    println!("{:.2} {:.0}", cpu.as_secs_f64() * 1e6 / calls as f64, calls as f64 / wall.as_secs_f64());
}
