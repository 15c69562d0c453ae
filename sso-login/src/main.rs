//! `sso-login`: log in to AWS IAM Identity Center and cache the token where the AWS CLI
//! and SDKs look for it.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use sso_login::{Login, Progress, TokenCache};

const USAGE: &str = "usage: sso-login --start-url URL --region REGION [--session NAME] [--endpoint-url URL]
                 [--scope SCOPE]... [--pkce] [--no-browser] [--cache-dir DIR]

Logs in to the AWS access portal at URL (IAM Identity Center in REGION) and writes the token
to the AWS CLI's cache (~/.aws/sso/cache), keyed by the session name when given.

  --start-url URL     the AWS access portal URL, such as https://my-portal.awsapps.com/start
  --region REGION     the region of the IAM Identity Center instance
  --session NAME      the sso-session name (as in ~/.aws/config)
  --endpoint-url URL  send SSO-OIDC requests here instead (testing, proxies)
  --scope SCOPE       a scope to request (repeatable), such as sso:account:access
  --pkce              use the authorization-code flow with PKCE (browser on this machine)
                      instead of the device code flow
  --no-browser        do not try to open a browser; just print the URL
  --cache-dir DIR     write the cache here instead of ~/.aws/sso/cache";

struct Args {
    start_url: String,
    region: String,
    session: Option<String>,
    endpoint_url: Option<String>,
    scopes: Vec<String>,
    pkce: bool,
    no_browser: bool,
    cache_dir: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let (mut start_url, mut region) = (None, None);
    let mut args = Args {
        start_url: String::new(),
        region: String::new(),
        session: None,
        endpoint_url: None,
        scopes: Vec::new(),
        pkce: false,
        no_browser: false,
        cache_dir: None,
    };
    let text = |v: std::ffi::OsString| v.into_string().map_err(|_| "arguments must be UTF-8".to_owned());
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("start-url") => start_url = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("region") => region = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("session") => args.session = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("endpoint-url") => args.endpoint_url = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("scope") => args.scopes.push(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("cache-dir") => args.cache_dir = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("pkce") => args.pkce = true,
            Long("no-browser") => args.no_browser = true,
            Short('h') | Long("help") => return Err(String::new()),
            other => return Err(other.unexpected().to_string()),
        }
    }
    args.start_url = start_url.ok_or("--start-url is required")?;
    args.region = region.ok_or("--region is required")?;
    Ok(args)
}

fn open_browser(url: &str, no_browser: bool) {
    if no_browser {
        return;
    }
    if open::that_detached(url).is_err() {
        eprintln!("(could not open a browser; open the URL yourself)");
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut config = sso_oidc::Config::builder().region(&args.region).app_name("sso-login");
    if let Some(url) = &args.endpoint_url {
        config = config.endpoint_url(url);
    }
    let mut login = Login::new(sso_oidc::Client::from_conf(config.build()), &args.start_url).scopes(args.scopes.clone());
    if let Some(session) = &args.session {
        login = login.session(session);
    }
    if let Some(dir) = &args.cache_dir {
        login = login.cache(TokenCache::new(dir));
    }
    let no_browser = args.no_browser;
    let mut polls = 0u32;
    let progress = |p: Progress<'_>| match p {
        Progress::Authorize { verification_uri, verification_uri_complete, user_code } => {
            println!("To sign in, open {verification_uri} and enter the code {user_code}");
            if let Some(complete) = verification_uri_complete {
                println!("(or open {complete}, which has the code filled in)");
            }
            open_browser(verification_uri_complete.unwrap_or(verification_uri), no_browser);
        }
        Progress::OpenBrowser { url } => {
            println!("To sign in, open this URL in a browser on this machine:\n{url}");
            open_browser(url, no_browser);
        }
        Progress::Polling { wait, remaining } => {
            polls += 1;
            eprint!("\rWaiting for approval: check {polls} in {} s, code valid for {} s more   ", wait.as_secs(), remaining.as_secs());
            let _ = std::io::stderr().flush();
        }
        Progress::SlowDown { interval } => {
            eprint!("\rThe service asked to slow down: checking every {} s   ", interval.as_secs());
        }
        _ => {}
    };
    let result = if args.pkce { login.pkce(progress).await } else { login.device(progress).await };
    eprintln!();
    match result {
        Ok(token) => {
            let left = token.expires_at.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO);
            println!(
                "Logged in. Token cached in {} (expires at {}, in {} min).",
                login.cache_path().display(),
                sso_login::cache::timestamp(token.expires_at),
                left.as_secs() / 60
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", sso_login::report(&e));
            ExitCode::FAILURE
        }
    }
}
