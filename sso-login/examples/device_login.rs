//! A device login (RFC 8628) against a local server playing SSO-OIDC: the user is asked to
//! approve a code, the service answers "pending" twice, then a token arrives and is cached
//! as the AWS CLI caches it. Run it with `cargo run -p sso-login --example device_login`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;

use common::{FakeOidc, pending, temp_cache, token};
use sso_login::{Login, ManualClock, Progress, TokenCache};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The service polls every second; the manual clock makes the waits instant.
    let server = FakeOidc::start(Some(1), Some(600), vec![pending(), pending(), token("access-token", 3600, Some("refresh"))]).await;
    let cache = temp_cache("example");
    let clock = Arc::new(ManualClock::new(std::time::SystemTime::now()));
    let login = Login::new(server.client(), "https://d-1234567890.awsapps.com/start")
        .session("example")
        .scopes(["sso:account:access"])
        .cache(TokenCache::new(&cache))
        .clock(clock.clone());
    let token = login
        .device(|progress| match progress {
            Progress::Authorize { verification_uri, user_code, .. } => {
                println!("Open {verification_uri} and enter the code {user_code}.");
            }
            other => println!("{other:?}"),
        })
        .await?;
    let waited: std::time::Duration = clock.sleeps().iter().sum();
    println!("Logged in after waiting {waited:?} in all; the token expires at {}.", sso_login::cache::timestamp(token.expires_at));
    println!("Cached in {}.", cache.display());
    std::fs::remove_dir_all(&cache).ok();
    Ok(())
}
