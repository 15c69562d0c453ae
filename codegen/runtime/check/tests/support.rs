//! The test support that generated crates' tests get (`codegen/runtime/tests/`), compiled
//! against the stand-in client, with a request through the runtime to its loopback server.

// The support files name the generated crate `CRATE_NAME`.
extern crate smithy_runtime as CRATE_NAME;

#[path = "../../tests/common.rs"]
#[allow(dead_code)]
mod common;
#[path = "../../tests/protocol.rs"]
#[allow(dead_code)]
mod protocol_support;

use common::{Reply, Server};

#[tokio::test]
async fn the_loopback_server_records_and_replies() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let client = server.client();
    assert_eq!(client.config().endpoint_url(), Some(server.url().as_str()));
    let http = CRATE_NAME::config::http_client_builder().expect("a TLS setup").build().expect("an HTTP client");
    let response = http.post(server.url()).body("ping").send().await.expect("a response");
    assert_eq!(response.status(), 200);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].body, b"ping");
}

mod operation_checks {
    //! The shared checks of the generated operation tests pass on what they describe and
    //! fail on anything else.

    use super::common::{self, Reply, Server};
    use CRATE_NAME::error::{BuildError, ErrorMetadata, ResponseError, ResponseErrorKind, SdkError, Unhandled};

    type Sent = Result<(), SdkError<Unhandled>>;

    fn unhandled(code: Option<&str>, status: u16) -> Sent {
        let meta = ErrorMetadata::builder().status(status).request_id("req-1");
        let meta = match code {
            Some(code) => meta.code(code).message("something new"),
            None => meta,
        };
        Err(SdkError::Service(Unhandled::from_meta(meta.build())))
    }

    fn missing() -> Sent {
        Err(SdkError::Build(BuildError::missing("Op", vec!["a", "b"])))
    }

    fn invalid() -> Sent {
        Err(SdkError::Response(ResponseError::for_test(200, Some("req-3"), ResponseErrorKind::Incomplete)))
    }

    /// Whether the check panics.
    fn fails(check: impl FnOnce()) -> bool {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).is_err()
    }

    #[test]
    fn unhandled_is_checked_for_its_variant_metadata_and_text() {
        let expected = (Some("SomethingNew"), Some("something new"), 400, Some("req-1"));
        let display = "SomethingNew (HTTP 400): something new (request id req-1)";
        common::assert_unhandled(unhandled(Some("SomethingNew"), 400), |_| true, expected, display);
        let other_code = (Some("Other"), Some("something new"), 400, Some("req-1"));
        for (sent, is_unhandled, expected, display) in [
            // A modeled error is not `Unhandled`.
            (unhandled(Some("SomethingNew"), 400), false, expected, display),
            (unhandled(Some("SomethingNew"), 400), true, other_code, display),
            (unhandled(Some("SomethingNew"), 400), true, expected, "other text"),
            (unhandled(None, 500), true, expected, display),
            (missing(), true, expected, display),
            (Ok(()), true, expected, display),
        ] {
            assert!(fails(|| common::assert_unhandled(sent, |_| is_unhandled, expected, display)), "accepted {expected:?} {display}");
        }
    }

    #[tokio::test]
    async fn refused_and_missing_need_a_build_error_and_nothing_sent() {
        let idle = Server::start(vec![Reply::json(200, "{}")]).await;
        let display = "request not sent: Op: missing required members a, b";
        common::assert_refused(&idle, missing(), "missing required members a, b");
        common::assert_missing(&idle, missing(), &["a", "b"], display);
        assert!(fails(|| common::assert_refused(&idle, missing(), "something else")));
        assert!(fails(|| common::assert_refused(&idle, unhandled(None, 500), "missing")));
        assert!(fails(|| common::assert_missing(&idle, missing(), &["a"], display)));
        assert!(fails(|| common::assert_missing(&idle, missing(), &["a", "b"], "other text")));
        assert!(fails(|| common::assert_missing(&idle, unhandled(None, 500), &["a", "b"], display)));
        // Once a request reached the server, neither holds.
        let http = CRATE_NAME::config::http_client_builder().expect("a TLS setup").build().expect("an HTTP client");
        http.post(idle.url()).body("ping").send().await.expect("a response");
        assert!(fails(|| common::assert_refused(&idle, missing(), "missing")));
        assert!(fails(|| common::assert_missing(&idle, missing(), &["a", "b"], display)));
    }

    #[test]
    fn invalid_response_is_checked_for_status_id_and_text() {
        let text = invalid().unwrap_err().to_string();
        common::assert_invalid_response(invalid(), 200, "req-3", &text[..20]);
        for (status, id, starts) in [(201, "req-3", &text[..20]), (200, "req-4", &text[..20]), (200, "req-3", "other text")] {
            assert!(fails(|| common::assert_invalid_response(invalid(), status, id, starts)), "accepted {status} {id} {starts}");
        }
        assert!(fails(|| common::assert_invalid_response(unhandled(None, 200), 200, "req-1", "")));
    }

    #[test]
    fn sigv4_is_checked_for_credential_scope_date_and_token() {
        let request = |headers: &[(&'static str, &'static str)]| common::Recorded {
            method: "POST".into(),
            uri: "/".into(),
            headers: headers.iter().map(|(k, v)| (hyper::header::HeaderName::from_static(k), hyper::header::HeaderValue::from_static(v))).collect(),
            body: Vec::new(),
            at: tokio::time::Instant::now(),
        };
        let authorization = "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261201/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=00";
        let date = ("x-amz-date", "20261201T000000Z");
        common::assert_sigv4(&request(&[("authorization", authorization), date]), "kms");
        for headers in [
            vec![("authorization", authorization), date, ("x-amz-security-token", "token")],
            vec![("authorization", authorization)],
            vec![date],
            vec![("authorization", "Bearer test-token"), date],
        ] {
            assert!(fails(|| common::assert_sigv4(&request(&headers), "kms")), "accepted {headers:?}");
        }
        assert!(fails(|| common::assert_sigv4(&request(&[("authorization", authorization), date]), "sts")));
    }
}
