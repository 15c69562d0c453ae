// Copied by smithy-codegen from codegen/runtime/rt/signing.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! SigV4 signing, with `aws-sigv4`: AWS's own implementation (the one aws-sdk-rust signs
//! with), so the canonical request, string to sign and key derivation are not ours to get
//! wrong. (Copied into crates with operations that allow SigV4; `rt/auth.rs` decides
//! when it signs.)

#[cfg(feature = "sigv4")]
use std::borrow::Cow;

#[cfg(feature = "sigv4")]
use aws_sigv4::http_request::{self, PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings};
#[cfg(feature = "sigv4")]
use aws_sigv4::sign::v4::SigningParams;

use crate::config::Config;
use crate::rt::auth::Authorization;
use crate::endpoint::Endpoint;
#[cfg(feature = "sigv4")]
use crate::endpoint::Property;
use crate::error::BuildError;

/// Headers that change from one attempt or release to the next; not part of the
/// signature (the service does not require them to be).
#[cfg(feature = "sigv4")]
const UNSIGNED: [&str; 4] = ["user-agent", "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request"];

/// The signing name and region: from the endpoint's `authSchemes` entry for `sigv4`
/// when it has one, else the model's signing name and the configured region.
#[cfg(feature = "sigv4")]
fn scope<'a>(endpoint: &'a Endpoint, default_name: &'a str, config: &'a Config) -> (&'a str, Option<&'a str>) {
    let scheme = match endpoint.properties().get("authSchemes") {
        Some(Property::Array(schemes)) => schemes.iter().find_map(|s| match s {
            Property::Object(o) if matches!(o.get("name"), Some(Property::String(n)) if n == "sigv4") => Some(o),
            _ => None,
        }),
        _ => None,
    };
    let field = |key: &str| match scheme.and_then(|o| o.get(key)) {
        Some(Property::String(v)) => Some(v.as_ref()),
        _ => None,
    };
    (field("signingName").unwrap_or(default_name), field("signingRegion").or(config.region()))
}

/// Without the `sigv4` feature (on by default), signed operations are refused before
/// anything is sent; the others work as usual.
#[cfg(not(feature = "sigv4"))]
pub(crate) async fn sign(
    _config: &Config,
    _endpoint: &Endpoint,
    operation: &'static str,
    _signing_name: &'static str,
    _request: (&str, &str, Option<&[u8]>),
    _headers: &crate::rt::Headers,
) -> Result<Authorization, BuildError> {
    Err(BuildError::config(operation, "this operation is signed with SigV4, which this build leaves out: enable the crate's `sigv4` feature"))
}

/// Signs a request of an operation with SigV4 and the model's `signing_name`:
/// returns the headers to add (`x-amz-date`, `x-amz-security-token` with a session token,
/// `authorization`). Fails before sending when no credentials can be had. A body of `None`
/// is left out of the signature: `UNSIGNED-PAYLOAD` stands for it in the canonical request
/// and in the `x-amz-content-sha256` header, as the spec of `@unsignedPayload` asks.
#[cfg(feature = "sigv4")]
pub(crate) async fn sign(
    config: &Config,
    endpoint: &Endpoint,
    operation: &'static str,
    signing_name: &'static str,
    (method, url, body): (&str, &str, Option<&[u8]>),
    headers: &crate::rt::Headers,
) -> Result<Authorization, BuildError> {
    let provider = config.credentials_provider.as_ref().ok_or_else(|| {
        BuildError::config(
            operation,
            "this operation is signed with SigV4 and no credentials are configured: use `Config::from_env()` or `.credentials_provider(..)`",
        )
    })?;
    let credentials = provider.provide_credentials().await.map_err(|e| BuildError::config(operation, format!("no credentials for SigV4: {e}")))?;
    let (name, region) = scope(endpoint, signing_name, config);
    let region = region.ok_or_else(|| BuildError::config(operation, "SigV4 needs a signing region: set a region"))?;
    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
        credentials.expiry(),
        "sso_oidc",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.excluded_headers = Some(UNSIGNED.iter().map(|h| Cow::Borrowed(*h)).collect());
    let body = match body {
        Some(bytes) => SignableBody::Bytes(bytes),
        None => {
            settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
            SignableBody::UnsignedPayload
        }
    };
    let params = SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(name)
        .time((config.time_source)())
        .settings(settings)
        .build()
        .map_err(|e| BuildError::config(operation, format!("cannot sign: {e}")))?
        .into();
    let signable = SignableRequest::new(method, url, headers.iter().filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?))), body)
        .map_err(|e| BuildError::config(operation, format!("cannot sign: {e}")))?;
    let (instructions, signature) =
        http_request::sign(signable, &params).map_err(|e| BuildError::config(operation, format!("cannot sign: {e}")))?.into_parts();
    let headers: crate::rt::Headers = instructions
        .headers()
        .filter_map(|(name, value)| {
            let name = reqwest::header::HeaderName::from_bytes(name.as_bytes()).ok()?;
            Some((name, reqwest::header::HeaderValue::from_str(value).ok()?))
        })
        .collect();
    // Only event streams chain signatures to the request's.
    let _ = signature;
    Ok(Authorization::from(headers))
}


#[cfg(all(test, feature = "sigv4"))]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn scope_from_auth_schemes_else_model_and_config() {
        let config = Config::builder().region("us-east-1").build();
        let plain = Endpoint::new("https://example.com");
        assert_eq!(scope(&plain, "svc", &config), ("svc", Some("us-east-1")));
        let scheme = |name: &'static str| {
            Property::Object(BTreeMap::from([
                (Cow::Borrowed("name"), Property::String(Cow::Borrowed(name))),
                (Cow::Borrowed("signingName"), Property::String(Cow::Borrowed("other"))),
                (Cow::Borrowed("signingRegion"), Property::String(Cow::Borrowed("eu-west-1"))),
            ]))
        };
        let with_sigv4 = Endpoint::new("https://example.com").property("authSchemes", Property::Array(vec![scheme("sigv4a"), scheme("sigv4")]));
        assert_eq!(scope(&with_sigv4, "svc", &config), ("other", Some("eu-west-1")));
        let other_only = Endpoint::new("https://example.com").property("authSchemes", Property::Array(vec![scheme("sigv4a")]));
        assert_eq!(scope(&other_only, "svc", &config), ("svc", Some("us-east-1")));
    }
}
