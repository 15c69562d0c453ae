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
// codegen:if event-input
#[cfg(feature = "sigv4")]
use crate::rt::event_frame::{HeaderValue, encode_headers, encode_parts};
// codegen:end
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
    // codegen:if event-input
    _events: bool,
    // codegen:end
) -> Result<Authorization, BuildError> {
    Err(BuildError::config(operation, "this operation is signed with SigV4, which this build leaves out: enable the crate's `sigv4` feature"))
}

/// Signs a request of an operation with SigV4 and the model's `signing_name`:
/// returns the headers to add (`x-amz-date`, `x-amz-security-token` with a session token,
/// `authorization`). Fails before sending when no credentials can be had. A body of `None`
/// is left out of the signature: `UNSIGNED-PAYLOAD` stands for it in the canonical request
/// and in the `x-amz-content-sha256` header, as the spec of `@unsignedPayload` asks.
// codegen:if event-input
/// With `events`, the body is an event stream: `STREAMING-AWS4-HMAC-SHA256-EVENTS` stands
/// for it, and the returned event signer signs each message, the first chained to the
/// request's signature.
// codegen:end
#[cfg(feature = "sigv4")]
pub(crate) async fn sign(
    config: &Config,
    endpoint: &Endpoint,
    operation: &'static str,
    signing_name: &'static str,
    (method, url, body): (&str, &str, Option<&[u8]>),
    headers: &crate::rt::Headers,
    // codegen:if event-input
    events: bool,
    // codegen:end
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
        "CRATE_NAME",
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
    // codegen:if event-input
    let body = if events { SignableBody::Precomputed(String::from("STREAMING-AWS4-HMAC-SHA256-EVENTS")) } else { body };
    // codegen:end
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
    // codegen:if event-input
    if events {
        let signer = EventSigner {
            secret: credentials.secret_access_key().to_owned(),
            region: region.to_owned(),
            name: name.to_owned(),
            now: config.time_source,
            prior: signature,
        };
        return Ok(Authorization { event_signer: Some(Box::new(signer)), ..Authorization::from(headers) });
    }
    // codegen:end
    // Only event streams chain signatures to the request's.
    let _ = signature;
    Ok(Authorization::from(headers))
}

// codegen:if event-input
/// Signs the messages of an event stream one by one as they are sent (the AWS "signed
/// event" envelope): each becomes the payload of a message whose `:date` header is the
/// signing time (whole seconds) and whose `:chunk-signature` is the HMAC of a string to
/// sign chaining the signature before it (the request's, for the first). The stream ends
/// with an empty signed message. The key is derived again for each message, so a stream
/// that runs past midnight (UTC) signs with the new day's key, as the service expects.
#[cfg(feature = "sigv4")]
struct EventSigner {
    secret: String,
    region: String,
    name: String,
    now: fn() -> std::time::SystemTime,
    /// The last signature sent, in hex.
    prior: String,
}

#[cfg(feature = "sigv4")]
impl EventSigner {
    /// `payload` (an encoded message, or nothing at the end) in its signed envelope.
    fn sign(&mut self, payload: &[u8]) -> std::io::Result<bytes::Bytes> {
        use sha2::Digest as _;
        let since_epoch = (self.now)().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(since_epoch.as_secs());
        let secs = i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX);
        let date = vec![(String::from(":date"), HeaderValue::Timestamp(secs.saturating_mul(1000)))];
        let mut date_header = Vec::new();
        encode_headers(&date, &mut date_header).map_err(std::io::Error::other)?;
        let utc = time::OffsetDateTime::from_unix_timestamp(secs).map_err(std::io::Error::other)?;
        let day = format!("{:04}{:02}{:02}", utc.year(), u8::from(utc.month()), utc.day());
        let instant = format!("{day}T{:02}{:02}{:02}Z", utc.hour(), utc.minute(), utc.second());
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256-PAYLOAD\n{instant}\n{day}/{}/{}/aws4_request\n{}\n{}\n{}",
            self.region,
            self.name,
            self.prior,
            hex::encode(sha2::Sha256::digest(&date_header)),
            hex::encode(sha2::Sha256::digest(payload)),
        );
        let key = aws_sigv4::sign::v4::generate_signing_key(&self.secret, time, &self.region, &self.name);
        let signature = aws_sigv4::sign::v4::calculate_signature(key, string_to_sign.as_bytes());
        let raw = hex::decode(&signature).map_err(std::io::Error::other)?;
        self.prior = signature;
        // In the order AWS's own signer writes them, so the envelope is byte for byte the same.
        let mut headers = vec![(String::from(":chunk-signature"), HeaderValue::Bytes(bytes::Bytes::from(raw)))];
        headers.extend(date);
        let mut out = Vec::with_capacity(payload.len() + 96);
        encode_parts(&headers, payload, &mut out).map_err(std::io::Error::other)?;
        Ok(bytes::Bytes::from(out))
    }
}

#[cfg(feature = "sigv4")]
impl crate::byte_stream::ChunkEncoder for EventSigner {
    fn write(&mut self, message: &[u8]) -> std::io::Result<bytes::Bytes> {
        self.sign(message)
    }

    fn finish(mut self: Box<Self>) -> std::io::Result<bytes::Bytes> {
        self.sign(&[])
    }
}
// codegen:end

#[cfg(all(test, feature = "sigv4"))]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    // codegen:if event-input

    #[test]
    fn events_are_signed_byte_for_byte_as_aws_signs_them() {
        use crate::byte_stream::ChunkEncoder as _;
        use aws_sigv4::event_stream::{sign_empty_message, sign_message};
        use aws_smithy_eventstream::frame::{read_message_from, write_message_to};

        use crate::rt::event_frame::{Message, encode};
        // A time with milliseconds: the signature's `:date` keeps whole seconds.
        let now = || std::time::UNIX_EPOCH + std::time::Duration::from_millis(1_700_000_123_456);
        let seed = "e1d8e8c8a7f04b6f1f7ebc8f5b2a3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d";
        let mut signer = EventSigner { secret: "secret".into(), region: "us-west-2".into(), name: "transcribe".into(), now, prior: seed.into() };
        let identity = aws_credential_types::Credentials::new("AKID", "secret", None, None, "test").into();
        let params = SigningParams::builder().identity(&identity).region("us-west-2").name("transcribe").time(now()).settings(()).build().unwrap();
        let mut prior = seed.to_owned();
        for payload in [&b"one"[..], b"", &[0xff; 300]] {
            let event = Message {
                headers: vec![(":event-type".into(), HeaderValue::String("AudioEvent".into()))],
                payload: bytes::Bytes::copy_from_slice(payload),
            };
            let mut inner = Vec::new();
            encode(&event, &mut inner).unwrap();
            let ours = signer.write(&inner).unwrap();
            let (theirs, signature) = sign_message(&read_message_from(&inner[..]).unwrap(), &prior, &params).unwrap().into_parts();
            let mut expected = Vec::new();
            write_message_to(&theirs, &mut expected).unwrap();
            assert_eq!(ours[..], expected[..], "the envelope of {payload:?}");
            prior = signature;
        }
        let (theirs, _) = sign_empty_message(&prior, &params).unwrap().into_parts();
        let mut expected = Vec::new();
        write_message_to(&theirs, &mut expected).unwrap();
        assert_eq!(Box::new(signer).finish().unwrap()[..], expected[..], "the final empty message");
    }
    // codegen:end

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
