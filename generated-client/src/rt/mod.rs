// Copied by smithy-codegen from codegen/runtime/rt/mod.rs. DO NOT EDIT.

//! Model-independent machinery every operation goes through: build the HTTP request,
//! send it, and turn the response into the output or a typed error.

pub(crate) mod json;
pub(crate) mod json_read;
pub(crate) mod json_write;
pub(crate) mod modeled_error;
pub(crate) mod signing;

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::config::Config;
use crate::endpoint::{self, Endpoint, Params, ResolveError};
use crate::error::{BuildError, ErrorMetadata, ResponseError, SdkError, TransportError};

/// What a client shares between its clones: the configuration, and the endpoint it
/// resolves to, computed once (the configuration never changes).
#[derive(Debug)]
pub(crate) struct Handle {
    pub(crate) config: Config,
    endpoint: OnceLock<Result<Endpoint, ResolveError>>,
}

impl Handle {
    pub(crate) fn new(config: Config) -> Self {
        Handle { config, endpoint: OnceLock::new() }
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
    type Error;

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

/// Sends one operation and returns its output or a typed error.
pub(crate) async fn invoke<O: Operation>(handle: &Handle, input: O::Input) -> Result<O::Output, SdkError<O::Error>> {
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
    let url = format!("{}{}", base.trim_end_matches('/'), request.uri);
    let mut headers: Vec<(Cow<'static, str>, String)> = Vec::with_capacity(request.headers.len() + 4);
    for (name, values) in endpoint.headers() {
        headers.extend(values.iter().map(|v| (name.clone(), v.to_string())));
    }
    headers.extend(request.headers.into_iter().map(|(name, value)| (Cow::Borrowed(name), value)));
    signing::sign(config, endpoint, O::NAME, O::SIGV4, (request.method.as_str(), &url, &request.body), &mut headers)
        .await
        .map_err(SdkError::Build)?;
    let mut builder = http.request(request.method, url);
    for (name, value) in &headers {
        builder = builder.header(name.as_ref(), value);
    }
    let response = builder.body(request.body).send().await.map_err(transport)?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(transport)?.to_vec();
    let response = HttpResponse { status, headers, body };
    if (200..300).contains(&status) {
        O::parse_output(&response).map_err(|e| {
            SdkError::Response(ResponseError::new(status, response.request_id(), format!("invalid JSON body: {e}")))
        })
    } else {
        Err(SdkError::Service(O::parse_error(error_metadata(&response), &response)))
    }
}

fn transport<E>(e: reqwest::Error) -> SdkError<E> {
    if e.is_timeout() { SdkError::Timeout(TransportError::new(e)) } else { SdkError::Dispatch(TransportError::new(e)) }
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
