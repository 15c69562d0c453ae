//! The token cache, in the AWS CLI v2's format: `~/.aws/sso/cache/<sha1>.json`, where the
//! SHA-1 is of the session name (with `--session`) or else of the start URL, holding one JSON
//! object with the field names and timestamp format botocore writes (`expiresAt` as
//! `2024-01-15T12:00:00Z`), serialized byte for byte as Python's `json.dumps` does. So a
//! token from this crate works with the AWS CLI and SDKs, and the reverse.
//!
//! Client registrations are cached beside the tokens (this crate's own files, keyed by the
//! start URL, region, scopes, session and grant types) and reused until the secret expires.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::LoginError;

/// A cached access token, with what refreshing it needs.
#[derive(Clone, PartialEq, Eq)]
pub struct CachedToken {
    /// The AWS access portal URL.
    pub start_url: String,
    /// The region of the IAM Identity Center instance.
    pub region: String,
    /// The bearer token.
    pub access_token: String,
    /// When the access token expires.
    pub expires_at: SystemTime,
    /// The registered client's id (needed to refresh).
    pub client_id: Option<String>,
    /// The registered client's secret (needed to refresh).
    pub client_secret: Option<String>,
    /// When the client registration expires.
    pub registration_expires_at: Option<SystemTime>,
    /// The refresh token, when the service issued one.
    pub refresh_token: Option<String>,
}

impl fmt::Debug for CachedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |v: &Option<String>| v.as_ref().map(|_| "*** redacted ***");
        f.debug_struct("CachedToken")
            .field("start_url", &self.start_url)
            .field("region", &self.region)
            .field("access_token", &"*** redacted ***")
            .field("expires_at", &format_args!("{}", timestamp(self.expires_at)))
            .field("client_id", &self.client_id)
            .field("client_secret", &redacted(&self.client_secret))
            .field("registration_expires_at", &self.registration_expires_at.map(timestamp))
            .field("refresh_token", &redacted(&self.refresh_token))
            .finish()
    }
}

impl CachedToken {
    /// Whether the access token expires within `window` of `now` (or already has).
    pub fn expires_within(&self, now: SystemTime, window: Duration) -> bool {
        self.expires_at.duration_since(now).map_or(true, |left| left <= window)
    }

    /// Whether it can be refreshed at `now`: a refresh token and an unexpired registration.
    pub fn can_refresh(&self, now: SystemTime) -> bool {
        self.refresh_token.is_some()
            && self.client_id.is_some()
            && self.client_secret.is_some()
            && self.registration_expires_at.is_some_and(|t| t > now)
    }

    /// The file's content, exactly as botocore writes it (same field order and spacing).
    pub fn to_json(&self) -> String {
        let mut fields: Vec<(&str, Value)> = vec![
            ("startUrl", self.start_url.clone().into()),
            ("region", self.region.clone().into()),
            ("accessToken", self.access_token.clone().into()),
            ("expiresAt", timestamp(self.expires_at).into()),
        ];
        // botocore writes the registration as a group, then the refresh token.
        if let (Some(id), Some(secret), Some(expires)) = (&self.client_id, &self.client_secret, self.registration_expires_at) {
            fields.push(("clientId", id.clone().into()));
            fields.push(("clientSecret", secret.clone().into()));
            fields.push(("registrationExpiresAt", timestamp(expires).into()));
        }
        if let Some(refresh) = &self.refresh_token {
            fields.push(("refreshToken", refresh.clone().into()));
        }
        python_json(&fields)
    }

    /// Reads a cache file's content (written by this crate, the AWS CLI or an SDK).
    pub fn from_json(text: &str) -> Result<CachedToken, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let object = value.as_object().ok_or("not a JSON object")?;
        let text = |name: &str| object.get(name).and_then(Value::as_str).map(str::to_owned);
        let time = |name: &str| -> Result<Option<SystemTime>, String> {
            text(name).map(|t| parse_timestamp(&t).ok_or(format!("`{name}` is not a timestamp: {t}"))).transpose()
        };
        Ok(CachedToken {
            start_url: text("startUrl").unwrap_or_default(),
            region: text("region").unwrap_or_default(),
            access_token: text("accessToken").ok_or("no `accessToken`")?,
            expires_at: time("expiresAt")?.ok_or("no `expiresAt`")?,
            client_id: text("clientId"),
            client_secret: text("clientSecret"),
            registration_expires_at: time("registrationExpiresAt")?,
            refresh_token: text("refreshToken"),
        })
    }
}

/// A registered client, as cached for reuse.
#[derive(Clone, PartialEq, Eq)]
pub struct Registration {
    /// The client id.
    pub client_id: String,
    /// The client secret.
    pub client_secret: String,
    /// When the secret (and so the registration) expires.
    pub expires_at: SystemTime,
    /// The redirect URI it was registered with (authorization-code flow only).
    pub redirect_uri: Option<String>,
    /// Where the authorization-code flow sends the browser, when the service said.
    pub authorization_endpoint: Option<String>,
}

impl fmt::Debug for Registration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registration")
            .field("client_id", &self.client_id)
            .field("client_secret", &"*** redacted ***")
            .field("expires_at", &format_args!("{}", timestamp(self.expires_at)))
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

impl Registration {
    fn to_json(&self) -> String {
        let mut fields: Vec<(&str, Value)> = vec![
            ("clientId", self.client_id.clone().into()),
            ("clientSecret", self.client_secret.clone().into()),
            ("expiresAt", timestamp(self.expires_at).into()),
        ];
        if let Some(uri) = &self.redirect_uri {
            fields.push(("redirectUri", uri.clone().into()));
        }
        if let Some(uri) = &self.authorization_endpoint {
            fields.push(("authorizationEndpoint", uri.clone().into()));
        }
        python_json(&fields)
    }

    fn from_json(text: &str) -> Option<Registration> {
        let value: Value = serde_json::from_str(text).ok()?;
        let text = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_owned);
        Some(Registration {
            client_id: text("clientId")?,
            client_secret: text("clientSecret")?,
            expires_at: parse_timestamp(&text("expiresAt")?)?,
            redirect_uri: text("redirectUri"),
            authorization_endpoint: text("authorizationEndpoint"),
        })
    }
}

/// The cache folder and its files.
#[derive(Clone, Debug)]
pub struct TokenCache {
    dir: PathBuf,
}

impl TokenCache {
    /// A cache in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        TokenCache { dir: dir.into() }
    }

    /// The AWS CLI's cache folder, `~/.aws/sso/cache` (`None` without a home folder).
    pub fn default_dir() -> Option<PathBuf> {
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).filter(|h| !h.is_empty())?;
        Some(PathBuf::from(home).join(".aws").join("sso").join("cache"))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The token file for a start URL, or for a session name when there is one (as the
    /// AWS CLI chooses): `<sha1 hex>.json`.
    pub fn token_path(&self, start_url: &str, session: Option<&str>) -> PathBuf {
        self.dir.join(format!("{}.json", sha1_hex(session.unwrap_or(start_url))))
    }

    /// The cached token, if there is a readable one.
    pub fn load(&self, start_url: &str, session: Option<&str>) -> Result<Option<CachedToken>, LoginError> {
        let path = self.token_path(start_url, session);
        match std::fs::read_to_string(&path) {
            Ok(text) => CachedToken::from_json(&text).map(Some).map_err(|e| LoginError::cache(&path, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(LoginError::cache(&path, e)),
        }
    }

    /// Writes the token (atomically, readable only by the user); returns the file.
    pub fn save(&self, session: Option<&str>, token: &CachedToken) -> Result<PathBuf, LoginError> {
        let path = self.token_path(&token.start_url, session);
        write_atomically(&path, &token.to_json())?;
        Ok(path)
    }

    pub(crate) fn registration_path(&self, key: &[(&str, Value)]) -> PathBuf {
        self.dir.join(format!("{}.json", sha1_hex(&python_json(key))))
    }

    /// The registration cached under `key`, if any is readable.
    pub(crate) fn load_registration(&self, key: &[(&str, Value)]) -> Option<Registration> {
        Registration::from_json(&std::fs::read_to_string(self.registration_path(key)).ok()?)
    }

    pub(crate) fn save_registration(&self, key: &[(&str, Value)], registration: &Registration) -> Result<(), LoginError> {
        write_atomically(&self.registration_path(key), &registration.to_json())
    }
}

/// Writes through a temporary file in the same folder, then renames it over `path`, so a
/// reader never sees half a file; the file is created 0600 (tempfile's default on Unix) and
/// the folder 0700 when it has to be made.
fn write_atomically(path: &Path, content: &str) -> Result<(), LoginError> {
    let dir = path.parent().ok_or_else(|| LoginError::cache(path, "no parent folder"))?;
    if !dir.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(|e| LoginError::cache(dir, e))?;
    }
    let mut file = tempfile::Builder::new().prefix(".sso-login-").suffix(".tmp").tempfile_in(dir).map_err(|e| LoginError::cache(path, e))?;
    file.write_all(content.as_bytes()).map_err(|e| LoginError::cache(path, e))?;
    file.as_file().sync_all().map_err(|e| LoginError::cache(path, e))?;
    file.persist(path).map_err(|e| LoginError::cache(path, e.error))?;
    Ok(())
}

/// `2024-01-15T12:00:00Z`: botocore's `%Y-%m-%dT%H:%M:%SZ`.
pub fn timestamp(t: SystemTime) -> String {
    humantime::format_rfc3339_seconds(t).to_string()
}

/// The timestamps found in caches: `...Z` (botocore, SDKs), `...UTC` (early AWS CLI v2
/// releases) and `+00:00`; fractional seconds allowed.
pub fn parse_timestamp(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let base =
        text.strip_suffix("UTC").or_else(|| text.strip_suffix("+00:00")).or_else(|| text.strip_suffix('Z')).or_else(|| text.strip_suffix('z'))?;
    humantime::parse_rfc3339(&format!("{base}Z")).ok()
}

/// JSON as Python's `json.dumps` writes it by default: `", "` and `": "` between items,
/// non-ASCII characters as `\uXXXX`.
fn python_json(fields: &[(&str, Value)]) -> String {
    let mut out = String::from("{");
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_python_value(&mut out, &Value::from(*key));
        out.push_str(": ");
        push_python_value(&mut out, value);
    }
    out.push('}');
    out
}

fn push_python_value(out: &mut String, value: &Value) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_python_value(out, item);
            }
            out.push(']');
        }
        other => {
            for c in other.to_string().chars() {
                if c.is_ascii() {
                    out.push(c);
                } else {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
            }
        }
    }
}

fn sha1_hex(text: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, text.as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_keys_are_sha1_of_the_session_or_start_url() {
        let cache = TokenCache::new("/c");
        // The FIPS 180 test vector: sha1("abc").
        assert_eq!(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(cache.token_path("https://x", Some("abc")), Path::new("/c/a9993e364706816aba3e25717850c26c9cd0d89d.json"));
        assert_eq!(cache.token_path("abc", None), Path::new("/c/a9993e364706816aba3e25717850c26c9cd0d89d.json"));
    }

    #[test]
    fn timestamps_in_every_cache_spelling() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_705_320_000);
        assert_eq!(timestamp(t), "2024-01-15T12:00:00Z");
        for text in ["2024-01-15T12:00:00Z", "2024-01-15T12:00:00UTC", "2024-01-15T12:00:00+00:00"] {
            assert_eq!(parse_timestamp(text), Some(t), "{text}");
        }
        assert_eq!(parse_timestamp("2024-01-15T12:00:00.5Z"), Some(t + Duration::from_millis(500)));
        assert_eq!(parse_timestamp("2024-01-15T12:00:00+02:00"), None);
        assert_eq!(parse_timestamp("soon"), None);
    }

    #[test]
    fn python_json_spacing_and_escapes() {
        let s = python_json(&[("a", "é\u{1F600}\"\n".into()), ("b", Value::Array(vec!["x".into(), "y".into()]))]);
        assert_eq!(s, r#"{"a": "\u00e9\ud83d\ude00\"\n", "b": ["x", "y"]}"#);
    }
}
