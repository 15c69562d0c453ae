//! `sso-login`: log in to AWS IAM Identity Center and cache the token where the AWS CLI
//! and SDKs look for it.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use sso_login::config::{RoleSelection, Select, SsoSettings};
use sso_login::{Login, LoginError, Progress, TokenCache};

const USAGE: &str = "usage: sso-login (--profile NAME | --sso-session NAME | --start-url URL --region REGION)
                 [--session NAME] [--endpoint-url URL] [--scope SCOPE]... [--use-device-code]
                 [--no-browser]
                 [--cache-dir DIR] [--version]
       sso-login credentials --profile NAME [--endpoint-url URL] [--cache-dir DIR]

Logs in to an AWS access portal (IAM Identity Center) and writes the token to the AWS CLI's
cache (~/.aws/sso/cache), where the AWS CLI and SDKs look for it.

`sso-login credentials` prints the credentials of the profile's role (its sso_account_id and
sso_role_name) as credential_process JSON, from the cached token (refreshed when it expires
within 15 minutes); no login happens there. For an AWS SDK or the AWS CLI, in ~/.aws/config:
  credential_process = sso-login credentials --profile NAME

  --profile NAME      log in for this profile of the AWS config file (~/.aws/config, or
                      AWS_CONFIG_FILE): its sso_session, or its own sso_start_url and sso_region
  --sso-session NAME  log in for this [sso-session NAME] of the AWS config file
  --start-url URL     the AWS access portal URL, such as https://my-portal.awsapps.com/start
  --region REGION     the region of the IAM Identity Center instance
  --session NAME      the sso-session name the token is cached under (with --start-url)
  --endpoint-url URL  send SSO-OIDC (and SSO portal) requests here instead (testing, proxies)
  --scope SCOPE       a scope to request (repeatable), such as sso:account:access
  --use-device-code   use the device code flow (a code to enter in a browser anywhere)
                      instead of the authorization-code flow with PKCE, which needs a
                      browser on this machine; `--pkce` asks for the default explicitly
  --no-browser        do not try to open a browser; just print the URL
  --cache-dir DIR     write the cache here instead of ~/.aws/sso/cache
  --version           print the version";

/// Why the command line cannot run: a usage error (exit 2, with a hint to `--help`) or a
/// configuration the flags point to that does not work (exit 1), as the AWS CLI tells them apart.
enum ArgError {
    Usage(String),
    Config(String),
}

impl From<String> for ArgError {
    fn from(message: String) -> Self {
        ArgError::Usage(message)
    }
}

impl From<&str> for ArgError {
    fn from(message: &str) -> Self {
        ArgError::Usage(message.to_owned())
    }
}

/// What the command line asks for.
enum Command {
    Login(Args),
    Credentials(CredentialsArgs),
    Help,
    Version,
}

/// `sso-login credentials`: a profile's login settings and role.
struct CredentialsArgs {
    profile: String,
    settings: SsoSettings,
    role: RoleSelection,
    endpoint_url: Option<String>,
    cache_dir: Option<String>,
}

struct Args {
    settings: SsoSettings,
    endpoint_url: Option<String>,
    device_code: bool,
    no_browser: bool,
    cache_dir: Option<String>,
}

fn parse_args() -> Result<Command, ArgError> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let (mut start_url, mut region, mut profile, mut sso_session, mut session) = (None, None, None, None, None);
    let mut scopes = Vec::new();
    let (mut endpoint_url, mut cache_dir, mut no_browser) = (None, None, false);
    // The AWS CLI v2 logs in with PKCE by default; `--pkce` (this tool's flag before that
    // became the default) still says so.
    let (mut pkce, mut device_code) = (false, false);
    let text = |v: std::ffi::OsString| v.into_string().map_err(|_| "arguments must be UTF-8".to_owned());
    let mut credentials = false;
    // The flags given that only a login uses.
    let mut login_only = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        if let Long(flag @ ("start-url" | "region" | "sso-session" | "session" | "scope" | "pkce" | "use-device-code" | "no-browser")) = arg {
            login_only.push(format!("--{flag}"));
        }
        match arg {
            Value(command) if command == "credentials" && !credentials => credentials = true,
            Long("start-url") => start_url = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("region") => region = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("profile") => profile = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("sso-session") => sso_session = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("session") => session = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("endpoint-url") => endpoint_url = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("scope") => scopes.push(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("cache-dir") => cache_dir = Some(text(parser.value().map_err(|e| e.to_string())?)?),
            Long("pkce") => pkce = true,
            Long("use-device-code") => device_code = true,
            Long("no-browser") => no_browser = true,
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            other => return Err(other.unexpected().to_string().into()),
        }
    }
    if credentials {
        if let Some(flag) = login_only.first() {
            return Err(format!("{flag} is for a login; `sso-login credentials` takes --profile, --endpoint-url and --cache-dir").into());
        }
        let profile = profile.ok_or("`sso-login credentials` needs --profile NAME (a profile with sso_account_id and sso_role_name)")?;
        let (path, text) = read_config()?;
        let in_file = |e: String| ArgError::Config(format!("{}: {e}", path.display()));
        let settings = sso_login::config::settings(&text, Select::Profile(&profile)).map_err(in_file)?;
        let role = sso_login::config::role(&text, &profile).map_err(in_file)?;
        return Ok(Command::Credentials(CredentialsArgs { profile, settings, role, endpoint_url, cache_dir }));
    }
    // A profile or an sso-session of the config file; flags given as well win.
    let select = match (&profile, &sso_session) {
        (Some(_), Some(_)) => return Err("--profile and --sso-session name the same thing: give one".into()),
        (Some(name), None) => Some(Select::Profile(name)),
        (None, Some(name)) => Some(Select::SsoSession(name)),
        (None, None) => None,
    };
    if pkce && device_code {
        return Err("--pkce and --use-device-code ask for different flows: give one".into());
    }
    if let Some(select) = select {
        let (path, text) = read_config()?;
        let found = sso_login::config::settings(&text, select).map_err(|e| ArgError::Config(format!("{}: {e}", path.display())))?;
        start_url = start_url.or(Some(found.start_url));
        region = region.or(Some(found.region));
        session = session.or(found.session);
        if scopes.is_empty() {
            scopes = found.scopes;
        }
    }
    let settings = SsoSettings {
        start_url: start_url.ok_or("--start-url is required (or --profile, or --sso-session)")?,
        region: region.ok_or("--region is required (or --profile, or --sso-session)")?,
        session,
        scopes,
    };
    Ok(Command::Login(Args { settings, endpoint_url, device_code, no_browser, cache_dir }))
}

/// The AWS config file's path and text.
fn read_config() -> Result<(std::path::PathBuf, String), ArgError> {
    let path = sso_login::config::config_file().ok_or(ArgError::Config("no home folder to find ~/.aws/config in; set AWS_CONFIG_FILE".into()))?;
    let text = std::fs::read_to_string(&path).map_err(|e| ArgError::Config(format!("{}: {e}", path.display())))?;
    Ok((path, text))
}

/// A login for `settings`, its SSO-OIDC requests sent to `endpoint_url` when given, its
/// tokens cached in `cache_dir` when given.
fn login(settings: &SsoSettings, endpoint_url: Option<&str>, cache_dir: Option<&str>) -> Login {
    let mut config = sso_oidc::Config::builder().region(&settings.region).app_name("sso-login");
    if let Some(url) = endpoint_url {
        config = config.endpoint_url(url);
    }
    let mut login = Login::new(sso_oidc::Client::from_conf(config.build()), &settings.start_url).scopes(settings.scopes.clone());
    if let Some(session) = &settings.session {
        login = login.session(session);
    }
    if let Some(dir) = cache_dir {
        login = login.cache(TokenCache::new(dir));
    }
    login
}

/// Prints the profile's role credentials as `credential_process` JSON.
async fn credentials(args: CredentialsArgs) -> ExitCode {
    let login = login(&args.settings, args.endpoint_url.as_deref(), args.cache_dir.as_deref());
    let mut portal = sso::Config::builder().region(&args.settings.region).app_name("sso-login");
    if let Some(url) = &args.endpoint_url {
        portal = portal.endpoint_url(url);
    }
    let portal = sso::Client::from_conf(portal.build());
    let result = async {
        let token = login.token().await?;
        sso_login::credentials::role_credentials(&portal, &token, &args.role.account_id, &args.role.role_name).await
    };
    match result.await {
        Ok(credentials) => {
            println!("{}", credentials.process_json());
            ExitCode::SUCCESS
        }
        Err(LoginError::NeedLogin { .. }) => {
            eprintln!("error: no valid token for profile `{0}`: log in with `sso-login --profile {0}`", args.profile);
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {}", sso_login::report(&e));
            ExitCode::FAILURE
        }
    }
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
        Ok(Command::Login(args)) => args,
        Ok(Command::Credentials(args)) => return credentials(args).await,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("sso-login {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(ArgError::Usage(message)) => {
            eprintln!("error: {message}\nRun `sso-login --help` for the options.");
            return ExitCode::from(2);
        }
        Err(ArgError::Config(message)) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let login = login(&args.settings, args.endpoint_url.as_deref(), args.cache_dir.as_deref());
    let no_browser = args.no_browser;
    // On a terminal, progress rewrites one line; elsewhere (a log, a pipe) it is a line each.
    let terminal = std::io::stderr().is_terminal();
    let status = move |line: String| {
        if terminal {
            eprint!("\r{line}   ");
            let _ = std::io::stderr().flush();
        } else {
            eprintln!("{line}");
        }
    };
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
            status(format!("Waiting for approval: check {polls} in {} s, code valid for {} s more", wait.as_secs(), remaining.as_secs()));
        }
        Progress::SlowDown { interval } => status(format!("The service asked to slow down: checking every {} s", interval.as_secs())),
        _ => {}
    };
    let result = if args.device_code { login.device(progress).await } else { login.pkce(progress).await };
    if terminal {
        eprintln!();
    }
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
