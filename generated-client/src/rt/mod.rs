// Copied by smithy-codegen from codegen/runtime/rt/mod.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Model-independent machinery every operation goes through: build the HTTP request,
//! send it, and turn the response into the output or a typed error.

#[cfg(feature = "fuzzing")]
pub(crate) mod fuzz;
pub(crate) mod json;
pub(crate) mod json_read;
pub(crate) mod json_write;
pub(crate) mod modeled_error;
pub(crate) mod retry;
pub(crate) mod auth;
pub(crate) mod signing;

use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};

use http_body_util::BodyExt;
use reqwest::header::{HeaderName, HeaderValue, USER_AGENT};

use crate::config::Config;
use crate::endpoint::{self, Endpoint, Params, ResolveError};
use tracing::Instrument;

use crate::error::{
    BuildError, ErrorMetadata, ProvideErrorMetadata, ResponseError, ResponseErrorKind, SdkError, TimeoutError, TimeoutKind, TransportError,
};

/// What a client shares between its clones: the configuration, and the endpoint it
/// resolves to, computed once (the configuration never changes).
#[derive(Debug)]
pub(crate) struct Handle {
    pub(crate) config: Config,
    endpoint: OnceLock<Result<Endpoint, ResolveError>>,
    /// The endpoint's URL, parsed (and checked to be http(s)) once.
    base_url: OnceLock<Result<reqwest::Url, String>>,
    quota: retry::Quota,
    user_agent: HeaderValue,
    /// `amz-sdk-request` for each attempt (`attempt=N; max=M`), made once.
    attempt_headers: Vec<HeaderValue>,
    /// Request URLs of operations whose URI never changes, built once per operation.
    urls: Mutex<Vec<(&'static str, reqwest::Url)>>,
    /// The mock a test client answers from, instead of sending anything.
    #[cfg(feature = "test-util")]
    pub(crate) mock: Option<crate::test_util::Mock>,
}

impl Handle {
    pub(crate) fn new(config: Config) -> Self {
        // The AWS SDKs' user-agent format (version 2.1 of its metadata), naming this crate as
        // the client and as the API, and the compiler (from build.rs):
        // `sso-oidc/0.1.0 ua/2.1 api/sso-oidc#0.1.0 os/linux lang/rust#1.94.1`.
        let (name, version) = (env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
        let mut user_agent = format!("{name}/{version} ua/2.1 api/{name}#{version} os/{} lang/rust", std::env::consts::OS);
        let rustc = env!("RUSTC_VERSION_FOR_USER_AGENT");
        if !rustc.is_empty() {
            user_agent.push('#');
            user_agent.push_str(rustc);
        }
        if let Some(app) = config.app_name() {
            user_agent.push_str(" app/");
            user_agent.push_str(app);
        }
        // The app name is reduced to token characters, so this cannot fail.
        let user_agent = HeaderValue::from_str(&user_agent).unwrap_or_else(|_| HeaderValue::from_static("unknown"));
        let max = config.retry.max_attempts();
        let attempt_headers = (1..=max).filter_map(|n| HeaderValue::from_str(&format!("attempt={n}; max={max}")).ok()).collect();
        Handle {
            config,
            endpoint: OnceLock::new(),
            base_url: OnceLock::new(),
            quota: retry::Quota::default(),
            user_agent,
            attempt_headers,
            urls: Mutex::new(Vec::new()),
            #[cfg(feature = "test-util")]
            mock: None,
        }
    }

    /// A handle that answers from `mock`, never sending anything.
    #[cfg(feature = "test-util")]
    pub(crate) fn mocked(config: Config, mock: crate::test_util::Mock) -> Self {
        Handle { mock: Some(mock), ..Handle::new(config) }
    }

    /// The endpoint the configuration resolves to (for operations whose endpoint does
    /// not depend on their input).
    pub(crate) fn endpoint(&self) -> Result<&Endpoint, &ResolveError> {
        self.endpoint.get_or_init(|| endpoint::resolve(&Params::from_config(&self.config))).as_ref()
    }

    /// The URL of operation `name`, whose URI is the same on every call, built once.
    fn static_url(&self, name: &'static str, base: &reqwest::Url, uri: &str) -> reqwest::Url {
        let Ok(mut urls) = self.urls.lock() else { return request_url(base, uri) };
        if let Some((_, url)) = urls.iter().find(|(n, _)| std::ptr::eq(*n, name)) {
            return url.clone();
        }
        let url = request_url(base, uri);
        urls.push((name, url.clone()));
        url
    }

    /// The parsed URL of [`endpoint`](Self::endpoint), once.
    fn base_url(&self, endpoint: &Endpoint) -> Result<&reqwest::Url, &String> {
        self.base_url.get_or_init(|| parse_base_url(endpoint.url())).as_ref()
    }
}

/// An HTTP request as an operation describes it, before the endpoint is known.
pub(crate) struct HttpRequest {
    pub(crate) method: reqwest::Method,
    /// Path and query, starting with `/` (borrowed when the same on every call).
    pub(crate) uri: Cow<'static, str>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Vec<u8>,
    /// `@endpoint(hostPrefix)` with its labels filled in, put before the endpoint's host.
    pub(crate) host_prefix: Option<String>,
}

/// A response, read in full.
pub(crate) struct HttpResponse {
    pub(crate) status: u16,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: bytes::Bytes,
}

// Header names looked up in every response, made once rather than parsed per lookup.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");
const REQUEST_ID_ALT: HeaderName = HeaderName::from_static("x-amz-request-id");
const SDK_REQUEST: HeaderName = HeaderName::from_static("amz-sdk-request");
const AMZ_USER_AGENT: HeaderName = HeaderName::from_static("x-amz-user-agent");
const INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");

impl HttpResponse {
    fn header(&self, name: &HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The request id the service assigned.
    pub(crate) fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }
}

/// The request id in response headers (`x-amzn-requestid`, else `x-amz-request-id`).
fn request_id(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    let get = |name: &HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    get(&REQUEST_ID).or_else(|| get(&REQUEST_ID_ALT))
}

/// What the generated code provides for each operation.
pub(crate) trait Operation: 'static {
    /// The operation name, as in the model.
    const NAME: &'static str;
    /// The operation input.
    type Input: 'static;
    /// The operation output.
    type Output: 'static;
    /// The operation error enum.
    type Error: ProvideErrorMetadata + 'static;

    /// Whether the error is one the model declares for the operation (not `Unhandled`):
    /// those are retried only when `@retryable`, or for a 5xx status.
    fn is_modeled(_error: &Self::Error) -> bool {
        false
    }

    /// How the model's `@retryable` errors are retried.
    fn retryable(_error: &Self::Error) -> Option<retry::RetryKind> {
        None
    }

    /// The auth schemes the model allows for the operation, in its order (from its
    /// `smithy.api#auth`, else the service's); none: sent without auth.
    const AUTH: &'static [auth::Scheme] = &[];

    /// Whether the payload is left out of the SigV4 signature (`@unsignedPayload`).
    const UNSIGNED_PAYLOAD: bool = false;

    /// Whether the operation binds endpoint parameters of its own (`staticContextParams`,
    /// `contextParam`, `operationContextParams`), so its endpoint is resolved per request
    /// rather than once per client.
    const OWN_ENDPOINT_PARAMS: bool = false;

    /// The endpoint of a call whose operation binds endpoint parameters of its own (see
    /// `OWN_ENDPOINT_PARAMS`): the rules resolved with them over the configuration's.
    fn resolve_endpoint(_input: &Self::Input, config: &Config) -> Result<Endpoint, ResolveError> {
        endpoint::resolve(&Params::from_config(config))
    }

    /// The HTTP request for an input (the configuration decides on compression, for
    /// operations with it).
    fn request(input: &Self::Input, config: &Config) -> Result<HttpRequest, BuildError>;

    /// The output from a successful response; the error says what could not be read.
    fn parse_output(response: &HttpResponse) -> Result<Self::Output, String>;

    /// The typed error from an error response (its code, message and ids read as the
    /// protocol says).
    fn parse_error(response: &HttpResponse) -> Self::Error;
}

/// Sends `input` as operation `O`: answered by the client's mock when it has one (feature
/// `test-util`), else over HTTP by [`invoke`].
pub(crate) async fn send<O: Operation>(handle: &Handle, input: O::Input) -> Result<O::Output, SdkError<O::Error>>
where
    O::Input: Send,
    O::Output: Send,
    O::Error: Send,
{
    #[cfg(feature = "test-util")]
    if let Some(mock) = &handle.mock {
        return mock.answer::<O>(input);
    }
    invoke::<O>(handle, input).await
}

/// Sends one operation: resolves the endpoint and builds the request once, then sends it,
/// retrying as the retry configuration allows, all within the operation timeout.
///
/// The request is prepared before the returned future starts (the fluent builder's
/// `send` calls this when first polled), so neither the input nor the intermediate values
/// are kept in the future's state; it holds only what the attempts share.
pub(crate) fn invoke<O: Operation>(handle: &Handle, input: O::Input) -> impl Future<Output = Result<O::Output, SdkError<O::Error>>> + '_ {
    let invocation_id = retry::invocation_id();
    let span = tracing::debug_span!("operation", operation = O::NAME, invocation_id = invocation_id.to_str().unwrap_or("-"));
    let prepared = prepare::<O>(handle, input, invocation_id);
    async move {
        let prepared = prepared?;
        // Pinned where it is made: awaiting it (with or without the timeout) moves a
        // pointer, not the state of the operation.
        let run = std::pin::pin!(attempts::<O>(handle, &prepared).instrument(span));
        match handle.config.timeouts.operation {
            Some(limit) => tokio::time::timeout(limit, run).await.unwrap_or_else(|_| {
                let max = handle.config.retry.max_attempts();
                Err(SdkError::Timeout(TimeoutError::new(TimeoutKind::Operation, Some(limit), 0, max)))
            }),
            None => run.await,
        }
    }
}

/// Request headers, typed (nothing is parsed again per attempt).
pub(crate) type Headers = Vec<(HeaderName, HeaderValue)>;

/// What every attempt of one operation shares.
struct Prepared<'a> {
    http: &'a reqwest::Client,
    endpoint: Endpoint,
    method: reqwest::Method,
    url: reqwest::Url,
    headers: Headers,
    body: bytes::Bytes,
    invocation_id: HeaderValue,
}

/// Whether `region` can be a region: a DNS label (it becomes part of endpoint host names),
/// so 1 to 63 ASCII letters, digits and hyphens, not starting or ending with a hyphen.
fn is_region(region: &str) -> bool {
    (1..=63).contains(&region.len())
        && region.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-')
}

/// An endpoint URL as reqwest takes it; only http(s).
fn parse_base_url(url: &str) -> Result<reqwest::Url, String> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(parsed),
        _ => Err(format!("endpoint `{url}` is not an http(s) URL")),
    }
}

/// The endpoint's URL with the operation's path (after the endpoint's own) and query.
fn request_url(base: &reqwest::Url, uri: &str) -> reqwest::Url {
    let (path, query) = uri.split_once('?').map_or((uri, None), |(p, q)| (p, Some(q)));
    let mut url = base.clone();
    let base_path = base.path().trim_end_matches('/');
    if base_path.is_empty() {
        url.set_path(path);
    } else {
        url.set_path(&[base_path, path].concat());
    }
    url.set_query(query);
    url
}

/// Puts `@endpoint(hostPrefix)` before the host name. An IP address (a local test server,
/// say) has no name to prefix and is left as it is.
fn prefix_host(url: &mut reqwest::Url, prefix: &str) -> Result<(), String> {
    let name = url.host_str().unwrap_or_default();
    if name.is_empty() || name.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>().is_ok() {
        return Ok(());
    }
    let host = format!("{prefix}{}", url.host_str().unwrap_or_default());
    url.set_host(Some(&host)).map_err(|e| format!("host `{host}`: {e}"))
}

/// Resolves the endpoint and builds the request, once per operation. Not async, so the
/// input and the intermediate values never become part of the operation's future.
fn prepare<O: Operation>(handle: &Handle, input: O::Input, invocation_id: HeaderValue) -> Result<Prepared<'_>, SdkError<O::Error>> {
    let config = &handle.config;
    if let Some(region) = config.region()
        && !is_region(region)
    {
        let message = format!("region `{region}` is not a region name (letters, digits and inner hyphens, such as `us-east-1`)");
        return Err(SdkError::Build(BuildError::config(O::NAME, message)));
    }
    let own;
    let endpoint = if O::OWN_ENDPOINT_PARAMS {
        own = O::resolve_endpoint(&input, config);
        own.as_ref()
    } else {
        handle.endpoint()
    }
    .map_err(|e| SdkError::Build(BuildError::endpoint(O::NAME, e.message())))?;
    let own_base;
    let base = if O::OWN_ENDPOINT_PARAMS {
        own_base = parse_base_url(endpoint.url());
        own_base.as_ref()
    } else {
        handle.base_url(endpoint)
    }
    .map_err(|e| SdkError::Build(BuildError::config(O::NAME, e.as_str())))?;
    let request = O::request(&input, config).map_err(SdkError::Build)?;
    let http = config.http_client.as_ref().map_err(|e| SdkError::Build(BuildError::config(O::NAME, &**e)))?;
    let mut headers: Headers = Vec::with_capacity(request.headers.len() + 8);
    for (name, values) in endpoint.headers() {
        let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else { continue };
        headers.extend(values.iter().filter_map(|v| Some((name.clone(), HeaderValue::from_str(v).ok()?))));
    }
    headers.extend(request.headers);
    headers.push((USER_AGENT, handle.user_agent.clone()));
    headers.push((AMZ_USER_AGENT, handle.user_agent.clone()));
    headers.push((INVOCATION_ID, invocation_id.clone()));
    let mut url = match (&request.uri, O::OWN_ENDPOINT_PARAMS, &request.host_prefix) {
        (Cow::Borrowed(uri), false, None) => handle.static_url(O::NAME, base, uri),
        (uri, _, _) => request_url(base, uri),
    };
    if let Some(prefix) = &request.host_prefix {
        prefix_host(&mut url, prefix).map_err(|e| SdkError::Build(BuildError::config(O::NAME, e)))?;
    }
    Ok(Prepared {
        http,
        endpoint: endpoint.clone(),
        method: request.method,
        url,
        headers,
        body: bytes::Bytes::from(request.body),
        invocation_id,
    })
}

async fn attempts<O: Operation>(handle: &Handle, prepared: &Prepared<'_>) -> Result<O::Output, SdkError<O::Error>> {
    let config = &handle.config;
    let max = config.retry.max_attempts();
    let mut attempt = 1;
    let mut cost = 0;
    loop {
        let outcome = one_attempt::<O>(handle, prepared, attempt, max).instrument(tracing::debug_span!("attempt", attempt)).await;
        let Some(kind) = retry::classify::<O>(&outcome) else {
            if outcome.is_ok() {
                handle.quota.success(cost);
            }
            return outcome;
        };
        if attempt >= max {
            return outcome;
        }
        cost = kind.cost();
        if !handle.quota.acquire(cost) {
            tracing::debug!("not retrying: the client's retry quota is used up");
            return outcome;
        }
        let delay = retry::jitter(config.retry.backoff_ceiling(attempt));
        tracing::debug!(?kind, delay_ms = delay.as_millis() as u64, "retrying");
        tokio::time::sleep(delay).await;
        attempt += 1;
    }
}

/// One attempt: the SDK headers for it, a fresh signature, the exchange, the response.
async fn one_attempt<O: Operation>(handle: &Handle, p: &Prepared<'_>, attempt: u32, max: u32) -> Result<O::Output, SdkError<O::Error>> {
    let config = &handle.config;
    let body: reqwest::Body = p.body.clone().into();
    // The body is part of the signature unless the operation says `@unsignedPayload`.
    let signed_body = (!O::UNSIGNED_PAYLOAD).then_some(&p.body[..]);
    let authorization = auth::authorize(
        config,
        &p.endpoint,
        O::NAME,
        O::AUTH,
        (p.method.as_str(), p.url.as_str(), signed_body),
        &p.headers,
    )
    .await
    .map_err(SdkError::Build)?;
    let request = {
        let attempt_header = handle.attempt_headers.get(attempt as usize - 1).cloned();
        http_request(
            p,
            &authorization,
            attempt_header,
            config.timeouts.attempt,
            body,
        )
    };
    let failed = |e: reqwest::Error| transport(e, config, attempt, max);
    let mut response = p.http.execute(request).await.map_err(failed)?;
    let status = response.status().as_u16();
    let headers = std::mem::take(response.headers_mut());
    let too_large = |headers: &reqwest::header::HeaderMap| {
        let request_id = request_id(headers).map(str::to_owned);
        SdkError::Response(ResponseError::new(status, request_id, ResponseErrorKind::TooLarge { limit: config.max_response_size }))
    };
    if response.content_length().is_some_and(|length| length > config.max_response_size) {
        return Err(too_large(&headers));
    }
    let limited = http_body_util::Limited::new(reqwest::Body::from(response), usize::try_from(config.max_response_size).unwrap_or(usize::MAX));
    let body = match limited.collect().await {
        Ok(body) => body.to_bytes(),
        Err(e) => match e.downcast::<reqwest::Error>() {
            // The attempt's timeout, while the body was arriving.
            Ok(e) if e.is_timeout() => return Err(failed(*e)),
            // The head arrived: the error keeps its status and request id.
            Ok(e) => {
                let error = ResponseError::incomplete(status, request_id(&headers).map(str::to_owned), *e);
                tracing::debug!(status, request_id = error.request_id().unwrap_or("-"), "the response body ended early");
                return Err(SdkError::Response(error));
            }
            // The only other error `Limited` has is its own.
            Err(_) => return Err(too_large(&headers)),
        },
    };
    handle_response::<O>(&HttpResponse { status, headers, body }, &p.invocation_id)
}

/// A response read in full, as the operation's output or typed error.
pub(crate) fn handle_response<O: Operation>(response: &HttpResponse, invocation_id: &HeaderValue) -> Result<O::Output, SdkError<O::Error>> {
    log_response(response, invocation_id);
    if (200..300).contains(&response.status) {
        output_or_invalid(response, O::parse_output(response))
    } else {
        Err(SdkError::Service(O::parse_error(response)))
    }
}

fn log_response(response: &HttpResponse, invocation_id: &HeaderValue) {
    let request_id = response.request_id().unwrap_or("-");
    tracing::debug!(status = response.status, request_id, invocation_id = invocation_id.to_str().unwrap_or("-"), "response");
}

/// A success response's output, or what made it unreadable as a response error.
fn output_or_invalid<T, E>(response: &HttpResponse, parsed: Result<T, String>) -> Result<T, SdkError<E>> {
    parsed.map_err(|e| {
        SdkError::Response(ResponseError::new(response.status, response.request_id().map(str::to_owned), ResponseErrorKind::InvalidBody(e)))
    })
}

/// One attempt's request, assembled directly (not through reqwest's builder, which moves
/// itself on every call), with its header map sized once.
fn http_request(
    p: &Prepared<'_>,
    authorization: &auth::Authorization,
    attempt_header: Option<HeaderValue>,
    timeout: Option<std::time::Duration>,
    body: reqwest::Body,
) -> reqwest::Request {
    let mut request = reqwest::Request::new(p.method.clone(), p.url.clone());
    let headers = request.headers_mut();
    headers.reserve(p.headers.len() + 1);
    for (name, value) in &p.headers {
        headers.append(name.clone(), value.clone());
    }
    for (name, value) in &authorization.headers {
        headers.append(name.clone(), value.clone());
    }
    if let Some(value) = attempt_header {
        headers.append(SDK_REQUEST, value);
    }
    *request.timeout_mut() = timeout;
    *request.body_mut() = Some(body);
    request
}

fn transport<E>(e: reqwest::Error, config: &Config, attempt: u32, max: u32) -> SdkError<E> {
    if !e.is_timeout() {
        return SdkError::Dispatch(TransportError::new(e));
    }
    let (kind, after) =
        if e.is_connect() { (TimeoutKind::Connect, config.timeouts.connect) } else { (TimeoutKind::Attempt, config.timeouts.attempt) };
    SdkError::Timeout(TimeoutError::new(kind, after, attempt, max))
}

const ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// Code, message, status and request id of an error response (restJson1, awsJson): the
/// code from the `X-Amzn-Errortype` header, else the body's `__type` or `code`, sanitized.
pub(crate) fn error_metadata(response: &HttpResponse) -> ErrorMetadata {
    let body = json::error_body(&response.body);
    let code = response.header(&ERROR_TYPE).map(str::to_owned).or(body.type_field).or(body.code);
    response_error_metadata(response, code.as_deref(), body.message)
}

/// The metadata of an error response whose code (sanitized here) and message were read
/// as its protocol says.
pub(crate) fn response_error_metadata(response: &HttpResponse, code: Option<&str>, message: Option<String>) -> ErrorMetadata {
    ErrorMetadata {
        code: code.map(sanitize_error_code).filter(|c| !c.is_empty()),
        message,
        status: response.status,
        request_id: response.request_id().map(str::to_owned),
    }
}

/// `ns#Name:http://...` → `Name`: everything before the first `:`, then after the first `#`.
pub(crate) fn sanitize_error_code(raw: &str) -> String {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let name = before_colon.split_once('#').map_or(before_colon, |(_, name)| name);
    name.trim().to_owned()
}

/// A 400 response with these headers and body, for the runtime's tests.
#[cfg(test)]
pub(crate) fn test_response(headers: &[(&'static str, &'static str)], body: &str) -> HttpResponse {
    let mut map = reqwest::header::HeaderMap::new();
    for (k, v) in headers {
        map.insert(*k, HeaderValue::from_static(v));
    }
    HttpResponse { status: 400, headers: map, body: bytes::Bytes::copy_from_slice(body.as_bytes()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_prefixes_apply_to_names_not_addresses() {
        let mut url = reqwest::Url::parse("https://neptune-graph.us-east-1.amazonaws.com/x").unwrap();
        prefix_host(&mut url, "g-123.").unwrap();
        assert_eq!(url.as_str(), "https://g-123.neptune-graph.us-east-1.amazonaws.com/x");
        let mut url = reqwest::Url::parse("http://127.0.0.1:8080/x").unwrap();
        prefix_host(&mut url, "g-123.").unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:8080/x");
    }

    #[test]
    fn regions_are_dns_labels() {
        for ok in ["us-east-1", "eu-central-2", "cn-north-1", "us-gov-west-1", "local", "x"] {
            assert!(is_region(ok), "{ok}");
        }
        for bad in ["", "not a region!", "us-east-1.", "-us", "us-", "us_east_1", "üs-east-1", &"a".repeat(64)] {
            assert!(!is_region(bad), "{bad}");
        }
    }

    #[test]
    fn request_ids_come_from_either_header() {
        assert_eq!(response(&[("x-amzn-requestid", "a"), ("x-amz-request-id", "b")], "").request_id(), Some("a"));
        assert_eq!(response(&[("x-amz-request-id", "b")], "").request_id(), Some("b"));
        assert_eq!(response(&[], "").request_id(), None);
    }

    #[test]
    fn error_codes_are_sanitized() {
        for raw in [
            "FooError",
            "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "aws.protocoltests.restjson#FooError",
            "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        ] {
            assert_eq!(sanitize_error_code(raw), "FooError", "{raw}");
        }
    }

    use test_response as response;

    #[test]
    fn error_code_sources_in_order() {
        let r = response(&[("x-amzn-errortype", "A:x"), ("x-amzn-requestid", "r1")], r#"{"__type":"B","code":"C"}"#);
        let meta = error_metadata(&r);
        assert_eq!((meta.code(), meta.request_id(), meta.status()), (Some("A"), Some("r1"), 400));
        assert_eq!(error_metadata(&response(&[], r#"{"__type":"ns#B","code":"C"}"#)).code(), Some("B"));
        assert_eq!(error_metadata(&response(&[], r#"{"code":"C:http://x"}"#)).code(), Some("C"));
        assert_eq!(error_metadata(&response(&[], "")).code(), None);
        assert_eq!(error_metadata(&response(&[], "<html>502</html>")).code(), None);
    }

    #[test]
    fn error_messages_from_known_fields() {
        for body in [r#"{"message":"m"}"#, r#"{"Message":"m"}"#, r#"{"error_description":"m","error":"x"}"#, r#"{"errorMessage":"m"}"#] {
            assert_eq!(error_metadata(&response(&[], body)).message(), Some("m"), "{body}");
        }
    }
}
