//! Model-independent machinery every operation goes through: build the HTTP request,
//! send it, and turn the response into the output or a typed error.

pub(crate) mod json;
pub(crate) mod retry;
pub(crate) mod signing;

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::config::Config;
use crate::endpoint::{self, Endpoint, Params, ResolveError};
use tracing::Instrument;

use crate::error::{BuildError, ErrorMetadata, ProvideErrorMetadata, ResponseError, SdkError, TimeoutError, TimeoutKind, TransportError};

/// What a client shares between its clones: the configuration, and the endpoint it
/// resolves to, computed once (the configuration never changes).
#[derive(Debug)]
pub(crate) struct Handle {
    pub(crate) config: Config,
    endpoint: OnceLock<Result<Endpoint, ResolveError>>,
    quota: retry::Quota,
    user_agent: String,
}

impl Handle {
    pub(crate) fn new(config: Config) -> Self {
        let mut user_agent = format!(
            "{}/{} os/{} lang/rust",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS
        );
        if let Some(app) = config.app_name() {
            user_agent.push_str(" app/");
            user_agent.push_str(app);
        }
        Handle { config, endpoint: OnceLock::new(), quota: retry::Quota::default(), user_agent }
    }

    /// The endpoint the configuration resolves to (for operations whose endpoint does
    /// not depend on their input).
    pub(crate) fn endpoint(&self) -> Result<&Endpoint, &ResolveError> {
        self.endpoint.get_or_init(|| endpoint::resolve(&Params::from_config(&self.config))).as_ref()
    }
}

/// An HTTP request as an operation describes it, before the endpoint is known.
pub(crate) struct HttpRequest {
    pub(crate) method: reqwest::Method,
    /// Path and query, starting with `/`.
    pub(crate) uri: String,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Vec<u8>,
}

/// A response, read in full.
pub(crate) struct HttpResponse {
    pub(crate) status: u16,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl HttpResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The request id the service assigned.
    pub(crate) fn request_id(&self) -> Option<String> {
        self.header("x-amzn-requestid").or_else(|| self.header("x-amz-request-id")).map(str::to_owned)
    }

}

/// What the generated code provides for each operation.
pub(crate) trait Operation {
    /// The operation name, as in the model.
    const NAME: &'static str;
    /// The operation input.
    type Input;
    /// The operation output.
    type Output;
    /// The operation error enum.
    type Error: ProvideErrorMetadata;

    /// Whether the error is one the model declares for the operation (not `Unhandled`):
    /// those are retried only when `@retryable`, or for a 5xx status.
    fn is_modeled(_error: &Self::Error) -> bool {
        false
    }

    /// How the model's `@retryable` errors are retried.
    fn retryable(_error: &Self::Error) -> Option<retry::RetryKind> {
        None
    }

    /// The SigV4 signing name when the model requires SigV4 for the operation (from its
    /// `smithy.api#auth`, else the service's `aws.auth#sigv4`); `None` when unsigned.
    const SIGV4: Option<&'static str> = None;

    /// Whether the operation binds endpoint parameters of its own (`staticContextParams`,
    /// `contextParam`), so its endpoint is resolved per request rather than once per client.
    const OWN_ENDPOINT_PARAMS: bool = false;

    /// The endpoint parameters for a call: the configuration's, unless the operation
    /// binds some of its own.
    fn endpoint_params<'a>(_input: &'a Self::Input, config: &'a Config) -> Params<'a> {
        Params::from_config(config)
    }

    /// The HTTP request for an input.
    fn request(input: &Self::Input) -> Result<HttpRequest, BuildError>;

    /// The output from a successful response.
    fn parse_output(response: &HttpResponse) -> Result<Self::Output, serde_json::Error>;

    /// The typed error from an error response, given its code, message and ids.
    fn parse_error(meta: ErrorMetadata, response: &HttpResponse) -> Self::Error;
}

/// Sends one operation: resolves the endpoint and builds the request once, then sends it,
/// retrying as the retry configuration allows, all within the operation timeout.
pub(crate) async fn invoke<O: Operation>(handle: &Handle, input: O::Input) -> Result<O::Output, SdkError<O::Error>> {
    let invocation_id = retry::invocation_id();
    let span = tracing::debug_span!("operation", operation = O::NAME, invocation_id = %invocation_id);
    let run = attempts::<O>(handle, input, &invocation_id).instrument(span);
    match handle.config.timeouts.operation {
        Some(limit) => tokio::time::timeout(limit, run).await.unwrap_or_else(|_| {
            let max = handle.config.retry.max_attempts();
            Err(SdkError::Timeout(TimeoutError::new(TimeoutKind::Operation, Some(limit), 0, max)))
        }),
        None => run.await,
    }
}

/// What every attempt of one operation shares.
struct Prepared<'a> {
    http: &'a reqwest::Client,
    endpoint: &'a Endpoint,
    method: reqwest::Method,
    url: String,
    headers: Vec<(Cow<'static, str>, String)>,
    body: bytes::Bytes,
    invocation_id: &'a str,
}

async fn attempts<O: Operation>(handle: &Handle, input: O::Input, invocation_id: &str) -> Result<O::Output, SdkError<O::Error>> {
    let config = &handle.config;
    let own;
    let endpoint = if O::OWN_ENDPOINT_PARAMS {
        own = endpoint::resolve(&O::endpoint_params(&input, config));
        own.as_ref()
    } else {
        handle.endpoint()
    }
    .map_err(|e| SdkError::Build(BuildError::endpoint(O::NAME, e.message())))?;
    let request = O::request(&input).map_err(SdkError::Build)?;
    let http = config.http_client.as_ref().map_err(|e| SdkError::Build(BuildError::config(O::NAME, &**e)))?;
    let base = endpoint.url();
    if !reqwest::Url::parse(base).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
        return Err(SdkError::Build(BuildError::config(O::NAME, format!("endpoint `{base}` is not an http(s) URL"))));
    }
    let mut headers: Vec<(Cow<'static, str>, String)> = Vec::with_capacity(request.headers.len() + 8);
    for (name, values) in endpoint.headers() {
        headers.extend(values.iter().map(|v| (name.clone(), v.to_string())));
    }
    headers.extend(request.headers.into_iter().map(|(name, value)| (Cow::Borrowed(name), value)));
    headers.push((Cow::Borrowed("user-agent"), handle.user_agent.clone()));
    headers.push((Cow::Borrowed("x-amz-user-agent"), handle.user_agent.clone()));
    headers.push((Cow::Borrowed("amz-sdk-invocation-id"), invocation_id.to_owned()));
    let prepared = Prepared {
        http,
        endpoint,
        method: request.method,
        url: format!("{}{}", base.trim_end_matches('/'), request.uri),
        headers,
        body: bytes::Bytes::from(request.body),
        invocation_id,
    };
    let max = config.retry.max_attempts();
    let mut attempt = 1;
    let mut cost = 0;
    loop {
        let outcome = one_attempt::<O>(handle, &prepared, attempt, max).instrument(tracing::debug_span!("attempt", attempt)).await;
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
    let mut headers = p.headers.clone();
    headers.push((Cow::Borrowed("amz-sdk-request"), format!("attempt={attempt}; max={max}")));
    signing::sign(config, p.endpoint, O::NAME, O::SIGV4, (p.method.as_str(), &p.url, &p.body), &mut headers)
        .await
        .map_err(SdkError::Build)?;
    let mut builder = p.http.request(p.method.clone(), &p.url);
    for (name, value) in &headers {
        builder = builder.header(name.as_ref(), value);
    }
    if let Some(limit) = config.timeouts.attempt {
        builder = builder.timeout(limit);
    }
    let failed = |e: reqwest::Error| transport(e, config, attempt, max);
    let response = builder.body(p.body.clone()).send().await.map_err(failed)?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(failed)?.to_vec();
    let response = HttpResponse { status, headers, body };
    let request_id = response.request_id();
    tracing::debug!(status, request_id = request_id.as_deref().unwrap_or("-"), invocation_id = p.invocation_id, "response");
    if (200..300).contains(&status) {
        O::parse_output(&response)
            .map_err(|e| SdkError::Response(ResponseError::new(status, request_id, format!("invalid JSON body: {e}"))))
    } else {
        Err(SdkError::Service(O::parse_error(error_metadata(&response), &response)))
    }
}

fn transport<E>(e: reqwest::Error, config: &Config, attempt: u32, max: u32) -> SdkError<E> {
    if !e.is_timeout() {
        return SdkError::Dispatch(TransportError::new(e));
    }
    let (kind, after) = if e.is_connect() {
        (TimeoutKind::Connect, config.timeouts.connect)
    } else {
        (TimeoutKind::Attempt, config.timeouts.attempt)
    };
    SdkError::Timeout(TimeoutError::new(kind, after, attempt, max))
}

/// Code, message, status and request id of an error response (restJson1): the code from
/// the `X-Amzn-Errortype` header, else the body's `__type` or `code`, sanitized.
pub(crate) fn error_metadata(response: &HttpResponse) -> ErrorMetadata {
    let body = json::error_body(&response.body);
    let code = response.header("x-amzn-errortype").map(str::to_owned).or(body.code).map(|c| sanitize_error_code(&c));
    ErrorMetadata {
        code: code.filter(|c| !c.is_empty()),
        message: body.message,
        status: response.status,
        request_id: response.request_id(),
    }
}

/// `ns#Name:http://...` → `Name`: everything before the first `:`, then after the first `#`.
pub(crate) fn sanitize_error_code(raw: &str) -> String {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let name = before_colon.split_once('#').map_or(before_colon, |(_, name)| name);
    name.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn response(headers: &[(&'static str, &'static str)], body: &str) -> HttpResponse {
        let mut map = reqwest::header::HeaderMap::new();
        for (k, v) in headers {
            map.insert(*k, reqwest::header::HeaderValue::from_static(v));
        }
        HttpResponse { status: 400, headers: map, body: body.as_bytes().to_vec() }
    }

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
        for body in [
            r#"{"message":"m"}"#,
            r#"{"Message":"m"}"#,
            r#"{"error_description":"m","error":"x"}"#,
            r#"{"errorMessage":"m"}"#,
        ] {
            assert_eq!(error_metadata(&response(&[], body)).message(), Some("m"), "{body}");
        }
    }
}
