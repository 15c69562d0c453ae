//! Client configuration: region, endpoint override and the HTTP client.

use std::sync::Arc;
use std::time::SystemTime;

use crate::credentials::{DefaultChain, ProvideCredentials};
use crate::error::BuildError;

/// Configuration for a [`Client`](crate::Client). Cheap to clone.
///
/// ```no_run
/// let config = CRATE_NAME::Config::builder()
///     .region("us-east-1")
///     .build();
/// let client = CRATE_NAME::Client::from_conf(config);
/// # let _ = client;
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) credentials_provider: Option<Arc<dyn ProvideCredentials>>,
    pub(crate) time_source: fn() -> SystemTime,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) http_client: Result<reqwest::Client, Arc<str>>,
}

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
        Builder { region, ..Builder::default() }.credentials_provider(DefaultChain::default())
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

    /// A builder holding this configuration, to change part of it.
    pub fn to_builder(&self) -> Builder {
        Builder {
            region: self.region.clone(),
            credentials_provider: self.credentials_provider.clone(),
            time_source: Some(self.time_source),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            endpoint_url: self.endpoint_url.clone(),
            http_client: self.http_client.as_ref().ok().cloned(),
        }
    }
}

/// Builds a [`Config`].
#[derive(Clone, Debug, Default)]
pub struct Builder {
    region: Option<String>,
    credentials_provider: Option<Arc<dyn ProvideCredentials>>,
    time_source: Option<fn() -> SystemTime>,
    use_fips: bool,
    use_dual_stack: bool,
    endpoint_url: Option<String>,
    http_client: Option<reqwest::Client>,
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

    /// Uses your own `reqwest::Client` (for proxies, timeouts, connection pool settings or
    /// custom roots). Start from [`http_client_builder`], which has the TLS set up the way
    /// the default client does; a `reqwest::Client::builder()` of your own needs a rustls
    /// crypto provider, since this crate builds reqwest without one (`rustls-no-provider`).
    ///
    /// ```no_run
    /// # fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let http = CRATE_NAME::config::http_client_builder()?
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let config = CRATE_NAME::Config::builder().region("us-east-1").http_client(http).build();
    /// # let _ = config;
    /// # Ok(())
    /// # }
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Builds the configuration.
    pub fn build(self) -> Config {
        Config {
            region: self.region,
            credentials_provider: self.credentials_provider,
            time_source: self.time_source.unwrap_or(SystemTime::now),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            endpoint_url: self.endpoint_url,
            http_client: match self.http_client {
                Some(client) => Ok(client),
                None => http_client_builder()
                    .and_then(|b| b.build().map_err(|e| BuildError::config("Config", format!("HTTP client setup failed: {e}"))))
                    .map_err(|e| Arc::from(e.to_string().as_str())),
            },
        }
    }
}

/// A `reqwest::ClientBuilder` set up as the default client is: rustls with the `ring`
/// provider (no C toolchain needed, unlike aws-lc-rs) and the platform verifier (the
/// system's trusted roots). Add timeouts, proxies or pool settings, then pass the built
/// client to [`Builder::http_client`].
pub fn http_client_builder() -> Result<reqwest::ClientBuilder, BuildError> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_platform_verifier())
        .map_err(|e| BuildError::config("Config", format!("TLS setup failed: {e}")))?
        .with_no_client_auth();
    Ok(reqwest::Client::builder().tls_backend_preconfigured(tls))
}
