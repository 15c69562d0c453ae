//! Prints the region and credentials `Config::from_env()` finds, for `tests/credentials.rs`,
//! which runs it with different environments (a child process: no global state to reset).
//! Secrets are never printed, only their presence.

use sso_oidc::Config;
use sso_oidc::credentials::{DefaultChain, ProvideCredentials};

#[tokio::main]
async fn main() {
    let config = Config::from_env().build();
    println!("region={}", config.region().unwrap_or("-"));
    match DefaultChain::default().provide_credentials().await {
        Ok(c) => println!(
            "access_key_id={} secret={} session_token={}",
            c.access_key_id(),
            if c.secret_access_key().is_empty() { "missing" } else { "present" },
            if c.session_token().is_some() { "present" } else { "none" }
        ),
        Err(e) => println!("error={e}"),
    }
}
