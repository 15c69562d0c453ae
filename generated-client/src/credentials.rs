// Copied by smithy-codegen from codegen/runtime/credentials.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! AWS credentials for operations signed with SigV4, and where they come from.
//!
//! Operations the model marks as unauthenticated (such as SSO-OIDC's `CreateToken`) need
//! none. A signed operation asks the configured [`ProvideCredentials`] each time it
//! sends; without one it fails before sending, saying so.

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::SystemTime;

/// An access key, its secret, and an optional session token. `Debug` never shows the
/// secret or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Static credentials.
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>, session_token: Option<String>) -> Self {
        Credentials { access_key_id: access_key_id.into(), secret_access_key: secret_access_key.into(), session_token, expiry: None }
    }

    /// The same credentials, valid until `expiry`.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When the credentials stop being valid, if known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"*** Sensitive Data Redacted ***")
            .field("session_token", &self.session_token.as_ref().map(|_| "*** Sensitive Data Redacted ***"))
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Why no credentials could be provided. Never contains a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialsError {
    message: String,
}

impl CredentialsError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError { message: message.into() }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// What [`ProvideCredentials::provide_credentials`] returns.
pub type CredentialsFuture<'a> = Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials: implement it to plug in your own (a vault, a refreshing
/// cache, ...).
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// The credentials to sign the next request with.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

/// Static credentials provide themselves.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and (optionally) `AWS_SESSION_TOKEN`.
#[derive(Clone, Debug, Default)]
pub struct EnvironmentVariables;

impl EnvironmentVariables {
    fn load() -> Result<Credentials, CredentialsError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        match (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
            (Some(id), Some(secret)) => Ok(Credentials::new(id, secret, var("AWS_SESSION_TOKEN"))),
            (Some(_), None) => Err(CredentialsError::new("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")),
            _ => Err(CredentialsError::new("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")),
        }
    }
}

impl ProvideCredentials for EnvironmentVariables {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Self::load()))
    }
}

/// Static keys from the shared files: `~/.aws/credentials` (or `AWS_SHARED_CREDENTIALS_FILE`)
/// and `~/.aws/config` (or `AWS_CONFIG_FILE`), for the profile `AWS_PROFILE` (or `default`).
#[derive(Clone, Debug, Default)]
pub struct ProfileFiles {
    profile: Option<String>,
}

impl ProfileFiles {
    /// Reads this profile instead of `AWS_PROFILE`'s.
    pub fn profile(name: impl Into<String>) -> Self {
        ProfileFiles { profile: Some(name.into()) }
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        let profile = self.profile.clone().unwrap_or_else(profile_name);
        let get = |key: &str| profile_value(&profile, key);
        match (get("aws_access_key_id"), get("aws_secret_access_key")) {
            (Some(id), Some(secret)) => Ok(Credentials::new(id, secret, get("aws_session_token"))),
            _ => Err(CredentialsError::new(format!(
                "profile `{profile}` has no aws_access_key_id and aws_secret_access_key in the shared credentials or config file"
            ))),
        }
    }
}

impl ProvideCredentials for ProfileFiles {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// The environment variables, then the shared files.
#[derive(Clone, Debug, Default)]
pub struct DefaultChain {
    profile: ProfileFiles,
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let result = EnvironmentVariables::load()
            .or_else(|env| self.profile.load().map_err(|profile| CredentialsError::new(format!("no AWS credentials found: {env}; {profile}"))));
        Box::pin(std::future::ready(result))
    }
}

/// Credentials from an `aws-credential-types` provider (such as one `aws-config` builds).
#[cfg(feature = "aws-credential-types")]
#[derive(Debug)]
pub struct FromAwsCredentialTypes<P>(pub P);

#[cfg(feature = "aws-credential-types")]
impl<P: aws_credential_types::provider::ProvideCredentials> ProvideCredentials for FromAwsCredentialTypes<P> {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let c = self.0.provide_credentials().await.map_err(|e| CredentialsError::new(e.to_string()))?;
            let mut out = Credentials::new(c.access_key_id(), c.secret_access_key(), c.session_token().map(str::to_owned));
            out.expiry = c.expiry();
            Ok(out)
        })
    }
}

/// `AWS_PROFILE`, else `default`.
pub(crate) fn profile_name() -> String {
    std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()).unwrap_or_else(|| "default".to_owned())
}

fn home_file(env: &str, relative: &str) -> Option<PathBuf> {
    match std::env::var_os(env) {
        Some(path) => Some(PathBuf::from(path)),
        None => std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(|h| PathBuf::from(h).join(relative)),
    }
}

/// A value of a profile: the credentials file first (sections `[name]`), then the config
/// file (sections `[profile name]`, or `[default]`).
pub(crate) fn profile_value(profile: &str, key: &str) -> Option<String> {
    let credentials = home_file("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials");
    let config = home_file("AWS_CONFIG_FILE", ".aws/config");
    let config_section = if profile == "default" { "default".to_owned() } else { format!("profile {profile}") };
    [(credentials, profile.to_owned()), (config, config_section)].into_iter().find_map(|(file, section)| {
        let text = std::fs::read_to_string(file?).ok()?;
        file_value(&text, &section, key)
    })
}

/// A top-level property of a section of an AWS shared config or credentials file.
///
/// The format is the AWS CLI's, not generic INI (so no INI crate): `[section]` headers,
/// `key = value` lines, `#` and `;` comments (inline ones after whitespace), and indented
/// lines that continue a value or hold sub-properties (which no key read here uses).
fn file_value(text: &str, section: &str, key: &str) -> Option<String> {
    let normalize = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut in_section = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('[') {
            let header = rest.split(['#', ';']).next().unwrap_or("").trim();
            in_section = header.strip_suffix(']').is_some_and(|name| normalize(name) == section);
            continue;
        }
        if !in_section || line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, value)) = trimmed.split_once('=') else { continue };
        if name.trim() != key {
            continue;
        }
        // An inline comment starts at whitespace followed by `#` or `;`.
        let end = value.char_indices().find(|&(i, c)| matches!(c, '#' | ';') && value[..i].ends_with(char::is_whitespace));
        let value = end.map_or(value, |(i, _)| &value[..i]).trim();
        return (!value.is_empty()).then(|| value.to_owned());
    }
    None
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_file_format() {
        let text = "# comment\n[default]\nregion = us-east-1 # inline\n; another\n[profile  dev] ; note\ns3 =\n  max_concurrent_requests = 5\nregion=eu-west-1\naws_access_key_id = AKID#NOTCOMMENT\n[other]\nregion = x\n";
        assert_eq!(file_value(text, "default", "region").as_deref(), Some("us-east-1"));
        assert_eq!(file_value(text, "profile dev", "region").as_deref(), Some("eu-west-1"));
        assert_eq!(file_value(text, "profile dev", "aws_access_key_id").as_deref(), Some("AKID#NOTCOMMENT"));
        assert_eq!(file_value(text, "profile dev", "max_concurrent_requests"), None, "sub-properties are not top level");
        assert_eq!(file_value(text, "profile dev", "s3"), None, "empty values count as unset");
        assert_eq!(file_value(text, "missing", "region"), None);
    }

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::new("AKID", "very-secret", Some("session-secret".into()));
        let debug = format!("{c:?}");
        assert!(debug.contains("AKID"));
        assert!(!debug.contains("very-secret") && !debug.contains("session-secret"), "{debug}");
    }
}
