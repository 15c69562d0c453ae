//! What `aws sso login --profile X` reads from the AWS config file (`~/.aws/config`, or
//! `AWS_CONFIG_FILE`): a profile's `sso_session`, the `[sso-session NAME]` section it names
//! (`sso_start_url`, `sso_region`, `sso_registration_scopes`), or, for a legacy profile,
//! `sso_start_url` and `sso_region` in the profile itself.

use std::collections::HashMap;
use std::path::PathBuf;

/// The login settings of a profile or an sso-session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoSettings {
    /// The AWS access portal URL.
    pub start_url: String,
    /// The region of the IAM Identity Center instance.
    pub region: String,
    /// The sso-session name: the token cache key (`None` for a legacy profile, whose key is
    /// the start URL).
    pub session: Option<String>,
    /// The scopes to request (`sso_registration_scopes`).
    pub scopes: Vec<String>,
}

/// Which settings to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Select<'a> {
    /// `[profile NAME]` (`[default]` for `default`).
    Profile(&'a str),
    /// `[sso-session NAME]`.
    SsoSession(&'a str),
}

/// The sections of a config file: `[default]` is the profile `default`; keys are trimmed,
/// comments (`#`, `;`) and nested sub-sections (indented lines) are skipped.
fn sections(text: &str) -> HashMap<(String, String), HashMap<String, String>> {
    let mut out: HashMap<(String, String), HashMap<String, String>> = HashMap::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let header = header.trim();
            current = Some(match header.split_once(char::is_whitespace) {
                Some((kind, name)) => (kind.to_owned(), name.trim().to_owned()),
                None if header == "default" => ("profile".to_owned(), "default".to_owned()),
                None => (header.to_owned(), String::new()),
            });
            if let Some(key) = &current {
                out.entry(key.clone()).or_default();
            }
            continue;
        }
        if let (Some(section), Some((key, value))) = (&current, line.split_once('=')) {
            out.entry(section.clone()).or_default().insert(key.trim().to_owned(), value.trim().to_owned());
        }
    }
    out
}

/// The login settings `select` names in the config file `text`; an error that says what is
/// missing and where.
pub fn settings(text: &str, select: Select<'_>) -> Result<SsoSettings, String> {
    let sections = sections(text);
    let section = |kind: &str, name: &str| sections.get(&(kind.to_owned(), name.to_owned()));
    let session_name = match select {
        Select::SsoSession(name) => name.to_owned(),
        Select::Profile(name) => {
            let profile = section("profile", name).ok_or_else(|| format!("the config file has no profile `{name}`"))?;
            match profile.get("sso_session") {
                Some(session) => session.clone(),
                // A legacy profile: the start URL and region are its own, and so is the cache key.
                None => {
                    let get = |key: &str| profile.get(key).cloned().ok_or_else(|| format!("profile `{name}` has neither `sso_session` nor `{key}`"));
                    return Ok(SsoSettings { start_url: get("sso_start_url")?, region: get("sso_region")?, session: None, scopes: Vec::new() });
                }
            }
        }
    };
    let session = section("sso-session", &session_name).ok_or_else(|| format!("the config file has no `[sso-session {session_name}]`"))?;
    let get = |key: &str| session.get(key).cloned().ok_or_else(|| format!("`[sso-session {session_name}]` has no `{key}`"));
    let scopes = session
        .get("sso_registration_scopes")
        .map(|s| s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    Ok(SsoSettings { start_url: get("sso_start_url")?, region: get("sso_region")?, session: Some(session_name.clone()), scopes })
}

/// The account and role a profile's credentials are for (`sso_account_id`, `sso_role_name`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleSelection {
    /// The AWS account id.
    pub account_id: String,
    /// The role name (a permission set).
    pub role_name: String,
}

/// The account and role of `profile` in the config file `text`; an error that says what is
/// missing.
pub fn role(text: &str, profile: &str) -> Result<RoleSelection, String> {
    let sections = sections(text);
    let section = sections.get(&("profile".to_owned(), profile.to_owned())).ok_or_else(|| format!("the config file has no profile `{profile}`"))?;
    let get = |key: &str| section.get(key).cloned().ok_or_else(|| format!("profile `{profile}` has no `{key}`"));
    Ok(RoleSelection { account_id: get("sso_account_id")?, role_name: get("sso_role_name")? })
}

/// The config file: `AWS_CONFIG_FILE`, else `~/.aws/config`.
pub fn config_file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("AWS_CONFIG_FILE") {
        return Some(PathBuf::from(path));
    }
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    Some(PathBuf::from(home).join(".aws").join("config"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "\
# A comment
[default]
region = eu-west-1

[profile dev]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = Developer
s3 =
  max_concurrent_requests = 20

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-west-2
sso_account_id = 111122223333

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access, codewhisperer:completions

[profile broken]
sso_session = missing
";

    #[test]
    fn profiles_and_sessions_give_their_settings() {
        let session = SsoSettings {
            start_url: "https://d-1234567890.awsapps.com/start".into(),
            region: "us-east-1".into(),
            session: Some("my-sso".into()),
            scopes: vec!["sso:account:access".into(), "codewhisperer:completions".into()],
        };
        assert_eq!(settings(CONFIG, Select::Profile("dev")), Ok(session.clone()));
        assert_eq!(settings(CONFIG, Select::SsoSession("my-sso")), Ok(session));
        assert_eq!(
            settings(CONFIG, Select::Profile("legacy")),
            Ok(SsoSettings { start_url: "https://legacy.awsapps.com/start".into(), region: "us-west-2".into(), session: None, scopes: vec![] })
        );
    }

    #[test]
    fn what_is_missing_is_named() {
        let table = [
            (Select::Profile("nope"), "the config file has no profile `nope`"),
            (Select::Profile("default"), "profile `default` has neither `sso_session` nor `sso_start_url`"),
            (Select::Profile("broken"), "the config file has no `[sso-session missing]`"),
            (Select::SsoSession("other"), "the config file has no `[sso-session other]`"),
        ];
        for (select, message) in table {
            assert_eq!(settings(CONFIG, select), Err(message.to_owned()), "{select:?}");
        }
        assert_eq!(role(CONFIG, "dev"), Ok(RoleSelection { account_id: "111122223333".into(), role_name: "Developer".into() }));
        assert_eq!(role(CONFIG, "legacy"), Err("profile `legacy` has no `sso_role_name`".to_owned()));
        assert_eq!(role(CONFIG, "nope"), Err("the config file has no profile `nope`".to_owned()));
        let partial = "[sso-session half]\nsso_start_url = https://x/start\n";
        assert_eq!(settings(partial, Select::SsoSession("half")), Err("`[sso-session half]` has no `sso_region`".to_owned()));
    }
}
