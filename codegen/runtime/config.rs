//! Client configuration: region, endpoint override and the HTTP client.

use std::sync::Arc;

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
    pub(crate) endpoint_url: Option<String>,
    pub(crate) http_client: Result<reqwest::Client, Arc<str>>,
}

impl Config {
    /// A builder with nothing set.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The region requests are sent to.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint URL that overrides the service's default endpoint.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// A builder holding this configuration, to change part of it.
    pub fn to_builder(&self) -> Builder {
        Builder {
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            http_client: self.http_client.as_ref().ok().cloned(),
        }
    }
}

/// Builds a [`Config`].
#[derive(Clone, Debug, Default)]
pub struct Builder {
    region: Option<String>,
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
    /// custom roots). Without one, the client uses rustls with the `ring` provider and the
    /// platform's certificate verifier.
    ///
    /// A client you build yourself with reqwest's `rustls-no-provider` feature needs a
    /// rustls crypto provider: pass one with `tls_backend_preconfigured`, or install a
    /// process default.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Builds the configuration.
    pub fn build(self) -> Config {
        Config {
            region: self.region,
            endpoint_url: self.endpoint_url,
            http_client: match self.http_client {
                Some(client) => Ok(client),
                None => default_http_client().map_err(|e| Arc::from(e.as_str())),
            },
        }
    }
}

/// reqwest over rustls with the `ring` provider (no C toolchain needed, unlike aws-lc-rs)
/// and the platform verifier (system roots, as a browser would trust).
fn default_http_client() -> Result<reqwest::Client, String> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_platform_verifier())
        .map_err(|e| format!("TLS setup failed: {e}"))?
        .with_no_client_auth();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .build()
        .map_err(|e| format!("HTTP client setup failed: {e}"))
}
