//! Log in to AWS IAM Identity Center (SSO) on top of the generated `sso-oidc` client, the
//! way the AWS CLI's `aws sso login` does, and cache the token in the AWS CLI's format.
//!
//! - [`Login::device`]: the device authorization grant (RFC 8628). Register a client (or reuse
//!   the cached registration until its secret expires), start device authorization, show the
//!   user the URL and code, then poll CreateToken: every `interval` seconds (5 when the
//!   service gives none), 5 seconds more after each `SlowDownException`, on through
//!   `AuthorizationPendingException`, stopping on `ExpiredTokenException`,
//!   `AccessDeniedException` or when the code's `expiresIn` has passed.
//! - [`Login::pkce`]: the authorization-code grant with PKCE (RFC 7636, S256), with a
//!   loopback redirect listener on 127.0.0.1 (RFC 8252) and a `state` check.
//! - [`Login::token`]: the cached token, refreshed with the refresh token when it expires
//!   within 15 minutes (botocore's window).
//! - [`credentials::role_credentials`]: role credentials for that token from the SSO
//!   portal (the generated `sso` client), printed as `credential_process` JSON.
//!
//! Waits go through a [`Clock`], so tests (with [`ManualClock`]) run the polling schedule
//! instantly and check every wait.
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let config = sso_oidc::Config::builder().region("us-east-1").build();
//! let login = sso_login::Login::new(sso_oidc::Client::from_conf(config), "https://my-portal.awsapps.com/start");
//! let token = login
//!     .device(|progress| {
//!         if let sso_login::Progress::Authorize { verification_uri, user_code, .. } = progress {
//!             println!("Open {verification_uri} and enter {user_code}");
//!         }
//!     })
//!     .await?;
//! println!("token cached, expires at {}", sso_login::cache::timestamp(token.expires_at));
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cache;
pub mod clock;
pub mod config;
pub mod credentials;
mod error;
mod pkce;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::Value;
use sso_oidc::Client;
use sso_oidc::error::SdkError;
use sso_oidc::operation::create_token::{CreateTokenError, CreateTokenOutput};

pub use cache::{CachedToken, Registration, TokenCache};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{LoginError, report};
pub use pkce::code_challenge as pkce_challenge;

/// The grant type of the device flow.
pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// RFC 8628: the polling interval when the service gives none.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
/// RFC 8628: what a `slow_down` adds to the interval.
pub const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);
/// A cached token expiring sooner than this is refreshed (botocore's window).
pub const REFRESH_WINDOW: Duration = Duration::from_secs(15 * 60);

/// What a flow reports while it runs, for a user interface to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Progress<'a> {
    /// Device flow: the user must open `verification_uri` and enter `user_code` (or open
    /// `verification_uri_complete`, which carries the code).
    Authorize {
        /// The page to open.
        verification_uri: &'a str,
        /// The page with the code filled in, when the service gives one.
        verification_uri_complete: Option<&'a str>,
        /// The code to enter.
        user_code: &'a str,
    },
    /// Authorization-code flow: open this URL in the user's browser.
    OpenBrowser {
        /// The authorize URL.
        url: &'a str,
    },
    /// Waiting `wait` before asking again; `remaining` until the code expires.
    Polling {
        /// The wait before the next poll.
        wait: Duration,
        /// The time left before the code expires.
        remaining: Duration,
    },
    /// The service asked to slow down: the interval is now `interval`.
    SlowDown {
        /// The new interval.
        interval: Duration,
    },
}

/// Logs in to one AWS access portal (start URL) through an SSO-OIDC client.
#[derive(Debug, Clone)]
pub struct Login {
    client: Client,
    start_url: String,
    session: Option<String>,
    scopes: Vec<String>,
    client_name: String,
    cache: TokenCache,
    clock: Arc<dyn Clock>,
    callback_timeout: Duration,
}

impl Login {
    /// Logs in to `start_url` with `client` (whose configured region is the Identity Center
    /// region). The cache is the AWS CLI's (`~/.aws/sso/cache`).
    pub fn new(client: Client, start_url: impl Into<String>) -> Self {
        Login {
            client,
            start_url: start_url.into(),
            session: None,
            scopes: Vec::new(),
            client_name: "sso-login".to_owned(),
            cache: TokenCache::new(TokenCache::default_dir().unwrap_or_else(|| PathBuf::from(".aws/sso/cache"))),
            clock: Arc::new(SystemClock),
            callback_timeout: Duration::from_secs(300),
        }
    }

    /// Names the `sso-session` (the cache file is then keyed by it, as the AWS CLI does).
    pub fn session(mut self, name: impl Into<String>) -> Self {
        self.session = Some(name.into());
        self
    }

    /// The scopes to request (such as `sso:account:access`).
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// The client name registered with the service.
    pub fn client_name(mut self, name: impl Into<String>) -> Self {
        self.client_name = name.into();
        self
    }

    /// Where tokens and registrations are cached.
    pub fn cache(mut self, cache: TokenCache) -> Self {
        self.cache = cache;
        self
    }

    /// The clock the flows wait with.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// How long the authorization-code flow waits for the browser (5 minutes by default).
    pub fn callback_timeout(mut self, timeout: Duration) -> Self {
        self.callback_timeout = timeout;
        self
    }

    /// The token file this login reads and writes.
    pub fn cache_path(&self) -> PathBuf {
        self.cache.token_path(&self.start_url, self.session.as_deref())
    }

    fn region(&self) -> String {
        self.client.config().region().unwrap_or_default().to_owned()
    }

    /// The device authorization flow (RFC 8628); the token is cached and returned.
    pub async fn device(&self, mut progress: impl FnMut(Progress<'_>)) -> Result<CachedToken, LoginError> {
        let registration = self.registration(&[DEVICE_CODE_GRANT, "refresh_token"], None).await?;
        let authorization = self
            .client
            .start_device_authorization()
            .client_id(&registration.client_id)
            .client_secret(&registration.client_secret)
            .start_url(&self.start_url)
            .send()
            .await
            .map_err(|e| LoginError::service("StartDeviceAuthorization", e))?;
        let device_code = authorization.device_code().unwrap_or_default();
        progress(Progress::Authorize {
            verification_uri: authorization.verification_uri().unwrap_or_default(),
            verification_uri_complete: authorization.verification_uri_complete(),
            user_code: authorization.user_code().unwrap_or_default(),
        });
        let mut interval = positive_secs(authorization.interval()).unwrap_or(DEFAULT_INTERVAL);
        // RFC 8628 requires `expires_in`; a service that leaves it out gets 10 minutes.
        let deadline = self.clock.now() + positive_secs(authorization.expires_in()).unwrap_or(Duration::from_secs(600));
        loop {
            let now = self.clock.now();
            let remaining = deadline.duration_since(now).unwrap_or_default();
            if interval > remaining {
                return Err(LoginError::Expired);
            }
            progress(Progress::Polling { wait: interval, remaining });
            self.clock.sleep(interval).await;
            let result = self
                .client
                .create_token()
                .client_id(&registration.client_id)
                .client_secret(&registration.client_secret)
                .grant_type(DEVICE_CODE_GRANT)
                .device_code(device_code)
                .send()
                .await;
            match result {
                Ok(output) => return self.store(&registration, output, None),
                Err(SdkError::Service(CreateTokenError::AuthorizationPendingException(_))) => {}
                Err(SdkError::Service(CreateTokenError::SlowDownException(_))) => {
                    interval += SLOW_DOWN_STEP;
                    progress(Progress::SlowDown { interval });
                }
                Err(e) => return Err(flow_error(e)),
            }
        }
    }

    /// The authorization-code flow with PKCE (RFC 7636): `progress` gets the URL to open in
    /// the browser; the browser comes back to a listener on 127.0.0.1. The token is cached
    /// and returned.
    pub async fn pkce(&self, progress: impl FnMut(Progress<'_>)) -> Result<CachedToken, LoginError> {
        pkce::run(self, progress).await
    }

    /// Refreshes `token` with its refresh token; the new token is cached and returned.
    pub async fn refresh(&self, token: &CachedToken) -> Result<CachedToken, LoginError> {
        let now = self.clock.now();
        let (Some(id), Some(secret), Some(refresh), Some(expires)) =
            (&token.client_id, &token.client_secret, &token.refresh_token, token.registration_expires_at)
        else {
            return Err(LoginError::NeedLogin { start_url: self.start_url.clone() });
        };
        if expires <= now {
            return Err(LoginError::NeedLogin { start_url: self.start_url.clone() });
        }
        let output = self
            .client
            .create_token()
            .client_id(id)
            .client_secret(secret)
            .grant_type("refresh_token")
            .refresh_token(refresh)
            .send()
            .await
            .map_err(flow_error)?;
        let registration = Registration {
            client_id: id.clone(),
            client_secret: secret.clone(),
            expires_at: expires,
            redirect_uri: None,
            authorization_endpoint: None,
        };
        // Without a new refresh token the old one stays valid (RFC 6749, section 6).
        self.store(&registration, output, Some(refresh))
    }

    /// A usable token: the cached one, refreshed first when it expires within
    /// [`REFRESH_WINDOW`]. [`LoginError::NeedLogin`] when there is none and refreshing is
    /// not possible.
    pub async fn token(&self) -> Result<CachedToken, LoginError> {
        let now = self.clock.now();
        let need_login = || LoginError::NeedLogin { start_url: self.start_url.clone() };
        let token = self.cache.load(&self.start_url, self.session.as_deref())?.ok_or_else(need_login)?;
        if !token.expires_within(now, REFRESH_WINDOW) {
            return Ok(token);
        }
        if token.can_refresh(now) {
            match self.refresh(&token).await {
                Ok(fresh) => return Ok(fresh),
                // A failed refresh leaves a still-valid token usable.
                Err(e) if token.expires_within(now, Duration::ZERO) => return Err(e),
                Err(_) => return Ok(token),
            }
        }
        if token.expires_within(now, Duration::ZERO) { Err(need_login()) } else { Ok(token) }
    }

    /// The registration cached for these grant types (and redirect URI), or a new one.
    async fn registration(&self, grant_types: &[&str], redirect_uri: Option<&str>) -> Result<Registration, LoginError> {
        let key = self.registration_key(grant_types);
        let now = self.clock.now();
        if let Some(cached) = self.cache.load_registration(&key) {
            // Reused until the secret expires (with a margin, so it cannot expire mid-flow).
            let fresh = cached.expires_at > now + Duration::from_secs(600);
            if fresh && cached.redirect_uri.as_deref() == redirect_uri {
                return Ok(cached);
            }
        }
        let mut request = self.client.register_client().client_name(&self.client_name).client_type("public");
        for scope in &self.scopes {
            request = request.scopes(scope);
        }
        for grant in grant_types {
            request = request.grant_types(*grant);
        }
        if let Some(uri) = redirect_uri {
            request = request.redirect_uris(uri).issuer_url(&self.start_url);
        }
        let output = request.send().await.map_err(|e| LoginError::service("RegisterClient", e))?;
        let registration = Registration {
            client_id: output.client_id().unwrap_or_default().to_owned(),
            client_secret: output.client_secret().unwrap_or_default().to_owned(),
            expires_at: UNIX_EPOCH + Duration::from_secs(u64::try_from(output.client_secret_expires_at()).unwrap_or(0)),
            redirect_uri: redirect_uri.map(str::to_owned),
            authorization_endpoint: output.authorization_endpoint().map(str::to_owned),
        };
        self.cache.save_registration(&key, &registration)?;
        Ok(registration)
    }

    /// What a registration is cached under: the fields that make it reusable, sorted by
    /// name (as `json.dumps(sort_keys=True)` would order them).
    fn registration_key(&self, grant_types: &[&str]) -> Vec<(&'static str, Value)> {
        vec![
            ("grantTypes", grant_types.iter().map(|g| Value::from(*g)).collect()),
            ("region", self.region().into()),
            ("scopes", self.scopes.iter().map(|s| Value::from(s.as_str())).collect()),
            ("sessionName", self.session.clone().map_or(Value::Null, Value::from)),
            ("startUrl", self.start_url.clone().into()),
            ("tool", "sso-login".into()),
        ]
    }

    /// Caches the token CreateToken returned.
    fn store(&self, registration: &Registration, output: CreateTokenOutput, old_refresh: Option<&String>) -> Result<CachedToken, LoginError> {
        let access_token = output
            .access_token()
            .ok_or_else(|| LoginError::Service { operation: "CreateToken", source: "the response has no accessToken".into() })?;
        let token = CachedToken {
            start_url: self.start_url.clone(),
            region: self.region(),
            access_token: access_token.to_owned(),
            expires_at: self.clock.now() + Duration::from_secs(u64::try_from(output.expires_in()).unwrap_or(0)),
            client_id: Some(registration.client_id.clone()),
            client_secret: Some(registration.client_secret.clone()),
            registration_expires_at: Some(registration.expires_at),
            refresh_token: output.refresh_token().map(str::to_owned).or_else(|| old_refresh.cloned()),
        };
        self.cache.save(self.session.as_deref(), &token)?;
        Ok(token)
    }
}

fn positive_secs(seconds: i32) -> Option<Duration> {
    u64::try_from(seconds).ok().filter(|s| *s > 0).map(Duration::from_secs)
}

/// CreateToken's errors that end a flow, as what they mean for the user.
fn flow_error(error: SdkError<CreateTokenError>) -> LoginError {
    match error {
        SdkError::Service(CreateTokenError::ExpiredTokenException(_)) => LoginError::Expired,
        SdkError::Service(CreateTokenError::AccessDeniedException(e)) => {
            LoginError::AccessDenied(e.error_description().or(e.error()).unwrap_or("access_denied").to_owned())
        }
        other => LoginError::service("CreateToken", other),
    }
}
