//! Which auth scheme a request uses, and what it adds to the request. An operation lists
//! the schemes its model allows, in the model's order; the configuration's preference
//! (`auth_scheme_preference`) moves the schemes it names to the front, and the first
//! scheme with an identity configured (credentials, a token, a key, a login) is used.
//! Without any, the first scheme's own error says what to configure.

use crate::config::Config;
use crate::endpoint::Endpoint;
use crate::error::BuildError;
use crate::rt::Headers;

/// An auth scheme an operation allows.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    // codegen:if sigv4
    /// `aws.auth#sigv4`, with the model's signing name.
    SigV4(&'static str),
    // codegen:end
    // codegen:if bearer
    /// `smithy.api#httpBearerAuth`.
    Bearer,
    // codegen:end
    // codegen:if api-key
    /// `smithy.api#httpApiKeyAuth`: the header or query parameter, and the `Authorization`
    /// scheme that prefixes the key in a header.
    ApiKey { name: &'static str, in_query: bool, scheme: Option<&'static str> },
    // codegen:end
    // codegen:if basic-auth
    /// `smithy.api#httpBasicAuth`.
    Basic,
    // codegen:end
}

// codegen:if auth-choice
impl Scheme {
    /// The name users prefer schemes by (the trait's name, as the AWS SDKs spell it).
    fn name(&self) -> &'static str {
        match self {
            // codegen:if sigv4
            Scheme::SigV4(_) => "sigv4",
            // codegen:end
            // codegen:if bearer
            Scheme::Bearer => "httpBearerAuth",
            // codegen:end
            // codegen:if api-key
            Scheme::ApiKey { .. } => "httpApiKeyAuth",
            // codegen:end
            // codegen:if basic-auth
            Scheme::Basic => "httpBasicAuth",
            // codegen:end
        }
    }

    /// Whether the configuration has an identity for it.
    fn has_identity(&self, config: &Config) -> bool {
        match self {
            // codegen:if sigv4
            Scheme::SigV4(_) => cfg!(feature = "sigv4") && config.credentials_provider.is_some(),
            // codegen:end
            // codegen:if bearer
            Scheme::Bearer => config.token_provider.is_some(),
            // codegen:end
            // codegen:if api-key
            Scheme::ApiKey { .. } => config.api_key.is_some(),
            // codegen:end
            // codegen:if basic-auth
            Scheme::Basic => config.login.is_some(),
            // codegen:end
        }
    }
}
// codegen:end

/// What a scheme adds to a request.
pub(crate) struct Authorization {
    /// Headers (a signature, a token).
    pub(crate) headers: Headers,
    // codegen:if api-key
    /// A query parameter (an API key the model sends in the query).
    pub(crate) query: Option<(&'static str, String)>,
    // codegen:end
    // codegen:if event-input
    /// Signs each message of an event stream the request sends (SigV4), chained to the
    /// request's signature.
    pub(crate) event_signer: Option<Box<dyn crate::byte_stream::ChunkEncoder>>,
    // codegen:end
}

impl From<Headers> for Authorization {
    fn from(headers: Headers) -> Self {
        Authorization {
            headers,
            // codegen:if api-key
            query: None,
            // codegen:end
            // codegen:if event-input
            event_signer: None,
            // codegen:end
        }
    }
}

/// The scheme a request uses: the first with an identity, the preferred ones first; the
/// first of them all when none has one (its error says what is missing); `None` when the
/// operation allows no scheme.
pub(crate) fn choose<'a>(config: &Config, schemes: &'a [Scheme]) -> Option<&'a Scheme> {
    // codegen:if auth-choice
    if schemes.len() > 1 {
        let preferred = config.auth_scheme_preference.iter().filter_map(|name| schemes.iter().find(|s| s.name() == name));
        let mut ordered = preferred.chain(schemes.iter());
        return ordered.clone().find(|s| s.has_identity(config)).or_else(|| ordered.next());
    }
    // codegen:end
    let _ = config;
    schemes.first()
}

/// Authorizes a request of `operation` (method, URL, body as signed, headers so far) with
/// the scheme [`choose`] picks.
// codegen:if event-input
/// With `events`, the body is an event stream: SigV4 signs its messages one by one as they
/// are sent.
// codegen:end
pub(crate) async fn authorize(
    config: &Config,
    endpoint: &Endpoint,
    operation: &'static str,
    schemes: &'static [Scheme],
    request: (&str, &str, Option<&[u8]>),
    headers: &Headers,
    // codegen:if event-input
    events: bool,
    // codegen:end
) -> Result<Authorization, BuildError> {
    let Some(scheme) = choose(config, schemes) else { return Ok(Authorization::from(Vec::new())) };
    let _ = (endpoint, request, headers);
    // codegen:if event-input
    let _ = events;
    // codegen:end
    Ok(match scheme {
        // codegen:if sigv4
        // (Not reformatted: the region markers must stay on lines of their own.)
        #[rustfmt::skip]
        Scheme::SigV4(name) => crate::rt::signing::sign(
            config,
            endpoint,
            operation,
            name,
            request,
            headers,
            // codegen:if event-input
            events,
            // codegen:end
        )
        .await?,
        // codegen:end
        // codegen:if bearer
        Scheme::Bearer => bearer(config, operation).await?,
        // codegen:end
        // codegen:if api-key
        Scheme::ApiKey { name, in_query, scheme } => api_key(config, operation, name, *in_query, *scheme)?,
        // codegen:end
        // codegen:if basic-auth
        Scheme::Basic => basic(config, operation)?,
        // codegen:end
    })
}

// codegen:if bearer
/// `Authorization: Bearer <token>`, from the configured token provider.
async fn bearer(config: &Config, operation: &'static str) -> Result<Authorization, BuildError> {
    let provider = config.token_provider.as_ref().ok_or_else(|| {
        BuildError::config(
            operation,
            "this operation needs a bearer token (httpBearerAuth) and no token provider is configured: use `.token_provider(..)`",
        )
    })?;
    let token = provider.provide_token().await.map_err(|e| BuildError::config(operation, format!("no bearer token: {e}")))?;
    Ok(Authorization::from(vec![authorization_header(operation, &format!("Bearer {}", token.token()))?]))
}
// codegen:end

// codegen:if api-key
/// The configured API key in header or query parameter `name`, after `scheme` in a header.
fn api_key(
    config: &Config,
    operation: &'static str,
    name: &'static str,
    in_query: bool,
    scheme: Option<&'static str>,
) -> Result<Authorization, BuildError> {
    let key = config.api_key.as_ref().ok_or_else(|| {
        BuildError::config(operation, "this operation needs an API key (httpApiKeyAuth) and none is configured: use `.api_key(..)`")
    })?;
    let value = match scheme {
        Some(scheme) => format!("{scheme} {}", key.key()),
        None => key.key().to_owned(),
    };
    if in_query {
        return Ok(Authorization { query: Some((name, value)), ..Authorization::from(Vec::new()) });
    }
    let name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| BuildError::config(operation, format!("`{name}` is not a header name")))?;
    let mut value =
        reqwest::header::HeaderValue::from_str(&value).map_err(|_| BuildError::config(operation, "the API key cannot be sent in a header"))?;
    value.set_sensitive(true);
    Ok(Authorization::from(vec![(name, value)]))
}
// codegen:end

// codegen:if basic-auth
/// `Authorization: Basic <base64 of user:password>`, from the configured login.
fn basic(config: &Config, operation: &'static str) -> Result<Authorization, BuildError> {
    use base64::Engine;
    let login = config.login.as_ref().ok_or_else(|| {
        BuildError::config(operation, "this operation needs a user and password (httpBasicAuth) and none is configured: use `.login(..)`")
    })?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", login.user(), login.password()));
    Ok(Authorization::from(vec![authorization_header(operation, &format!("Basic {encoded}"))?]))
}
// codegen:end

// codegen:if bearer basic-auth
/// `Authorization: <value>`, marked sensitive (never logged).
fn authorization_header(operation: &'static str, value: &str) -> Result<(reqwest::header::HeaderName, reqwest::header::HeaderValue), BuildError> {
    let mut value =
        reqwest::header::HeaderValue::from_str(value).map_err(|_| BuildError::config(operation, "the credential cannot be sent in a header"))?;
    value.set_sensitive(true);
    Ok((reqwest::header::AUTHORIZATION, value))
}
// codegen:end
