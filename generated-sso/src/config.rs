// Copied by smithy-codegen from codegen/runtime/config.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Client configuration: region, endpoint override and the HTTP client.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::credentials::{DefaultChain, ProvideCredentials};
use crate::error::BuildError;

/// Configuration for a [`Client`](crate::Client). Cheap to clone.
///
/// ```no_run
/// let config = sso::Config::builder()
///     .region("us-east-1")
///     .build();
/// let client = sso::Client::from_conf(config);
/// # let _ = client;
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: Timeouts,
    pub(crate) app_name: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) credentials_provider: Option<Arc<dyn ProvideCredentials>>,
    pub(crate) time_source: fn() -> SystemTime,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) http_client: Result<reqwest::Client, Arc<str>>,
    pub(crate) max_response_size: u64,
}

/// The default [`Config::max_response_size`]: 16 MiB. Far above what a JSON API answers,
/// far below what would hurt to hold in memory.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 16 * 1024 * 1024;

impl Config {
    /// A builder with nothing set: no region, no credentials. Everything comes from code.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// A builder set up from the environment, as the AWS CLI would be: the region from
    /// `AWS_REGION` (or `AWS_DEFAULT_REGION`), else the `region` of the profile
    /// `AWS_PROFILE` (or `default`) in `~/.aws/config`; credentials from the environment
    /// variables, else the shared credentials and config files. What you set on the builder
    /// afterwards wins.
    pub fn from_env() -> Builder {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let region = var("AWS_REGION")
            .or_else(|| var("AWS_DEFAULT_REGION"))
            .or_else(|| crate::credentials::profile_value(&crate::credentials::profile_name(), "region"));
        let builder = Builder { region, ..Builder::default() };
        builder.credentials_provider(DefaultChain::default())
    }

    /// How failed attempts are retried.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry
    }

    /// The connect, attempt and operation timeouts.
    pub fn timeouts(&self) -> &Timeouts {
        &self.timeouts
    }

    /// The application name sent in the user agent.
    pub fn app_name(&self) -> Option<&str> {
        self.app_name.as_deref()
    }

    /// The region requests are sent to.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Whether requests go to FIPS-compliant endpoints.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether requests go to dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The endpoint URL that overrides the service's default endpoint.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The largest response body, in bytes, the client reads (the default is
    /// [`DEFAULT_MAX_RESPONSE_SIZE`]). A longer one fails with
    /// [`ResponseErrorKind::TooLarge`](crate::error::ResponseErrorKind::TooLarge) as soon as
    /// its `content-length` or its bytes pass the limit, so a broken or hostile server
    /// cannot make the client buffer without end.
    pub fn max_response_size(&self) -> u64 {
        self.max_response_size
    }

    /// A builder holding this configuration, to change part of it.
    pub fn to_builder(&self) -> Builder {
        Builder {
            retry: Some(self.retry.clone()),
            timeouts: Some(self.timeouts.clone()),
            app_name: self.app_name.clone(),
            region: self.region.clone(),
            credentials_provider: self.credentials_provider.clone(),
            time_source: Some(self.time_source),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            endpoint_url: self.endpoint_url.clone(),
            http_client: self.http_client.as_ref().ok().cloned(),
            max_response_size: Some(self.max_response_size),
        }
    }
}

/// Builds a [`Config`].
#[derive(Clone, Debug, Default)]
pub struct Builder {
    retry: Option<RetryConfig>,
    timeouts: Option<Timeouts>,
    app_name: Option<String>,
    region: Option<String>,
    credentials_provider: Option<Arc<dyn ProvideCredentials>>,
    time_source: Option<fn() -> SystemTime>,
    use_fips: bool,
    use_dual_stack: bool,
    endpoint_url: Option<String>,
    http_client: Option<reqwest::Client>,
    max_response_size: Option<u64>,
}

impl Builder {
    /// The region to send requests to, such as `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets or clears the region.
    pub fn set_region(mut self, region: Option<String>) -> Self {
        self.region = region;
        self
    }

    /// How failed attempts are retried ([`RetryConfig::standard`] by default).
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Timeouts ([`Timeouts::default`]: 3.1 s to connect, no attempt or operation limit).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// Your application's name, added to the user agent (`app/<name>`) so requests from it
    /// can be told apart in logs.
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }

    /// Where the credentials for SigV4-signed operations come from: static
    /// [`Credentials`](crate::credentials::Credentials), [`DefaultChain`] (environment, then
    /// shared files), or your own [`ProvideCredentials`]. Unsigned operations never ask.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials_provider = Some(Arc::new(provider));
        self
    }

    /// The clock requests are signed with (the system clock by default); for tests.
    pub fn time_source(mut self, now: fn() -> SystemTime) -> Self {
        self.time_source = Some(now);
        self
    }

    /// Sends requests to FIPS-compliant endpoints (when the service's endpoint rules
    /// use `AWS::UseFIPS`); resolution fails where the partition has none.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.use_fips = use_fips;
        self
    }

    /// Sends requests to dual-stack (IPv4 and IPv6) endpoints (when the service's
    /// endpoint rules use `AWS::UseDualStack`).
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.use_dual_stack = use_dual_stack;
        self
    }

    /// Sends every request to this URL (scheme, host, optional port and base path)
    /// instead of the service's endpoint: for local testing, proxies and VPC endpoints.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Sets or clears the endpoint URL override.
    pub fn set_endpoint_url(mut self, url: Option<String>) -> Self {
        self.endpoint_url = url;
        self
    }

    /// Uses your own `reqwest::Client` (for proxies, connection pool settings or custom
    /// roots; the connect timeout of [`Timeouts`] is then yours to set on it). Start from [`http_client_builder`], which has the TLS set up the way
    /// the default client does; a `reqwest::Client::builder()` of your own needs a rustls
    /// crypto provider, since this crate builds reqwest without one (`rustls-no-provider`):
    /// [`tls_provider`] is the one the default client uses.
    ///
    /// ```no_run
    /// # fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let http = sso::config::http_client_builder()?
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let config = sso::Config::builder().region("us-east-1").http_client(http).build();
    /// # let _ = config;
    /// # Ok(())
    /// # }
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// The largest response body the client reads, in bytes (see
    /// [`Config::max_response_size`]).
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = Some(bytes);
        self
    }

    /// Builds the configuration.
    pub fn build(self) -> Config {
        let timeouts = self.timeouts.unwrap_or_default();
        let connect = timeouts.connect;
        Config {
            retry: self.retry.unwrap_or_default(),
            timeouts,
            // Only token characters in a user agent (RFC 9110).
            app_name: self
                .app_name
                .map(|n| n.chars().map(|c| if c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c) { c } else { '-' }).collect()),
            region: self.region,
            credentials_provider: self.credentials_provider,
            time_source: self.time_source.unwrap_or(SystemTime::now),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            endpoint_url: self.endpoint_url,
            max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
            http_client: match self.http_client {
                Some(client) => Ok(client),
                None => http_client_builder()
                    .map(|b| match connect {
                        Some(d) => b.connect_timeout(d),
                        None => b,
                    })
                    .and_then(|b| b.build().map_err(|e| BuildError::config("Config", format!("HTTP client setup failed: {e}"))))
                    .map_err(|e| Arc::from(e.to_string().as_str())),
            },
        }
    }
}

/// A `reqwest::ClientBuilder` set up as the default client is: rustls with the crypto
/// provider of [`tls_provider`], the platform verifier (the system's trusted roots, loaded
/// at the first TLS handshake of the process, not before: the verifier is made on first
/// use), and no redirects: an AWS API answers, it does not redirect, and following a
/// redirect could carry a signed request or a secret to another host (a 3xx is returned as
/// an error instead). Add proxies or pool settings, then pass the built client to
/// [`Builder::http_client`].
pub fn http_client_builder() -> Result<reqwest::ClientBuilder, BuildError> {
    let provider = Arc::new(tls_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| BuildError::config("Config", format!("TLS setup failed: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PlatformRoots { provider }))
        .with_no_client_auth();
    Ok(reqwest::Client::builder().tls_backend_preconfigured(tls).redirect(reqwest::redirect::Policy::none()))
}

/// The TLS crypto provider of the default client, chosen by the crate's features.
///
/// - Default: *ring*, offering X25519, then P-256, then P-384. It builds without a C
///   toolchain or cmake, but has no post-quantum key exchange.
/// - Feature `tls-aws-lc`: aws-lc-rs, whose provider offers the hybrid post-quantum
///   **X25519MLKEM768** key exchange first (AWS endpoints negotiate it), then the classical
///   ones. Building it compiles aws-lc-sys, which needs a C compiler.
///
/// The README ("Library choices") has the build and handshake costs of each.
pub fn tls_provider() -> rustls::crypto::CryptoProvider {
    #[cfg(feature = "tls-aws-lc")]
    {
        rustls::crypto::aws_lc_rs::default_provider()
    }
    #[cfg(not(feature = "tls-aws-lc"))]
    {
        use rustls::crypto::ring::kx_group;
        // rustls 0.23.48 deprecated ring's provider for its lack of post-quantum key
        // exchange (the cost of this default, stated above, taken for a build without C),
        // and moved P-384 to the front of its key exchanges: a client sends a key share for
        // its first one, and ring's P-384 costs about 8x the CPU of X25519 per handshake,
        // so X25519 leads here, as it did before.
        #[allow(deprecated, reason = "ring is the default for its build without a C toolchain; `tls-aws-lc` gives post-quantum key exchange")]
        let ring = rustls::crypto::ring::default_provider();
        rustls::crypto::CryptoProvider { kx_groups: vec![kx_group::X25519, kx_group::SECP256R1, kx_group::SECP384R1], ..ring }
    }
}

/// The platform verifier, made at the first certificate it checks. On Linux making it
/// reads and parses every root certificate of the system (about 2 ms, most of a cold
/// start), which a client of a plain-http endpoint never needs; it is made once per
/// process and shared by every client. Handshake signatures are checked with the
/// provider's algorithms, as the platform verifier checks them.
#[derive(Debug)]
struct PlatformRoots {
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl PlatformRoots {
    fn verifier(&self) -> Result<&rustls_platform_verifier::Verifier, rustls::Error> {
        static VERIFIER: std::sync::OnceLock<Result<rustls_platform_verifier::Verifier, rustls::Error>> = std::sync::OnceLock::new();
        VERIFIER.get_or_init(|| rustls_platform_verifier::Verifier::new(self.provider.clone())).as_ref().map_err(Clone::clone)
    }
}

impl rustls::client::danger::ServerCertVerifier for PlatformRoots {
    fn verify_server_cert(
        &self,
        end_entity: &rustls::pki_types::CertificateDer<'_>,
        intermediates: &[rustls::pki_types::CertificateDer<'_>],
        server_name: &rustls::pki_types::ServerName<'_>,
        ocsp_response: &[u8],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        self.verifier()?.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// How failed attempts are retried: the AWS "standard" retry mode. An attempt is retried
/// when it failed with a 5xx, a throttling error, an error the model marks `@retryable`, a
/// connection failure or an attempt timeout; never for another error the service returned.
/// Waits grow exponentially with full jitter, and a per-client retry quota stops retry
/// storms when a service is down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl RetryConfig {
    /// Standard mode: 3 attempts; before retry `n`, a random wait of up to
    /// `min(1 s × 2^(n-1), 20 s)`.
    pub fn standard() -> Self {
        RetryConfig { max_attempts: 3, initial_backoff: Duration::from_secs(1), max_backoff: Duration::from_secs(20) }
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryConfig { max_attempts: 1, ..RetryConfig::standard() }
    }

    /// At most this many attempts (1 disables retries; 0 counts as 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The base of the exponential backoff.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between attempts.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The maximum number of attempts.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The upper bound of the wait before retry `retry` (1-based), before jitter.
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.initial_backoff.saturating_mul(factor).min(self.max_backoff)
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig::standard()
    }
}

/// Timeouts. A timed-out connection or attempt counts as a failed attempt (and is
/// retried); the operation timeout bounds everything, retries and waits included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeouts {
    pub(crate) connect: Option<Duration>,
    pub(crate) attempt: Option<Duration>,
    pub(crate) operation: Option<Duration>,
}

impl Default for Timeouts {
    /// 3.1 s to connect; attempts and operations unbounded.
    fn default() -> Self {
        Timeouts { connect: Some(Duration::from_millis(3100)), attempt: None, operation: None }
    }
}

impl Timeouts {
    /// No timeouts at all.
    pub fn none() -> Self {
        Timeouts { connect: None, attempt: None, operation: None }
    }

    /// Time allowed to open a connection (applies to the default HTTP client).
    pub fn with_connect(mut self, timeout: Duration) -> Self {
        self.connect = Some(timeout);
        self
    }

    /// Time allowed for one attempt: sending the request and reading the whole response.
    pub fn with_attempt(mut self, timeout: Duration) -> Self {
        self.attempt = Some(timeout);
        self
    }

    /// Time allowed for the whole operation, retries and waits included.
    pub fn with_operation(mut self, timeout: Duration) -> Self {
        self.operation = Some(timeout);
        self
    }

    /// The connect timeout.
    pub fn connect(&self) -> Option<Duration> {
        self.connect
    }

    /// The attempt timeout.
    pub fn attempt(&self) -> Option<Duration> {
        self.attempt
    }

    /// The operation timeout.
    pub fn operation(&self) -> Option<Duration> {
        self.operation
    }
}
