// Copied by smithy-codegen from codegen/runtime/tests/common.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! A real HTTP/1.1 server on loopback (hyper) for the generated tests: it records every
//! request and answers with scripted replies, so tests assert on exact bytes on the wire.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub uri: String,
    pub headers: hyper::HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    /// A header value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body parsed as JSON.
    #[allow(dead_code)] // Models without JSON request bodies do not use it.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }
    /// The body as text to search in: a CBOR body as its JSON form, any other as it is.
    #[allow(dead_code)] // Only the paginator tests search bodies.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A scripted response.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    /// A response with this status and no body.
    pub fn new(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: Vec::new() }
    }

    /// A JSON response.
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::new(status).header("content-type", "application/json").body(body)
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = body.into();
        self
    }
}

/// The server; it stops when dropped.
pub struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    /// Connections accepted (by the servers that do not record requests).
    accepted: Arc<std::sync::atomic::AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Starts a server answering with `replies` in order (the last one repeats).
    pub async fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let replies = Arc::new(Mutex::new(VecDeque::from(replies)));
        let recorded = requests.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (recorded, replies) = (recorded.clone(), replies.clone());
                let service = service_fn(move |request: hyper::Request<Incoming>| {
                    let (recorded, replies) = (recorded.clone(), replies.clone());
                    async move {
                        let (parts, body) = request.into_parts();
                        let body = body.collect().await.map(|b| b.to_bytes().to_vec()).unwrap_or_default();
                        recorded.lock().unwrap().push(Recorded {
                            method: parts.method.to_string(),
                            uri: parts.uri.to_string(),
                            headers: parts.headers,
                            body,
                        });
                        let reply = {
                            let mut replies = replies.lock().unwrap();
                            if replies.len() > 1 { replies.pop_front() } else { replies.front().cloned() }
                        }
                        .unwrap_or_else(|| Reply::new(200));
                        let mut response = hyper::Response::builder().status(reply.status);
                        for (k, v) in &reply.headers {
                            response = response.header(k, v);
                        }
                        Ok::<_, Infallible>(response.body(Full::new(Bytes::from(reply.body))).expect("valid reply"))
                    }
                });
                tokio::spawn(async move {
                    // No `date`: replies carry exactly the headers a test gives them (plus the
                    // framing HTTP/1.1 needs), so a test can read every header back.
                    let _ = http1::Builder::new().auto_date_header(false).serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        Server { addr, requests, accepted: Arc::default(), task }
    }

    /// A server that answers every connection with these bytes, as they are (a response
    /// no well-behaved HTTP server would send), then closes it.
    pub async fn raw(response: &'static [u8]) -> Server {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = accepted.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                // Reads the request head (enough for the small requests tests send), answers, closes.
                let mut buffer = vec![0u8; 64 * 1024];
                let _ = stream.read(&mut buffer).await;
                let _ = stream.write_all(response).await;
                let _ = stream.shutdown().await;
            }
        });
        Server { addr, requests: Arc::default(), accepted, task }
    }

    /// A server that accepts connections and never answers.
    pub async fn stalled() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let task = tokio::spawn(async move {
            let mut open = Vec::new();
            while let Ok((stream, _)) = listener.accept().await {
                open.push(stream);
            }
        });
        Server { addr, requests: Arc::default(), accepted: Arc::default(), task }
    }

    /// The server's base URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The `host:port` requests to this server carry in their `Host` header.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    /// A client whose requests go to this server, with test credentials for signed
    /// operations.
    pub fn client(&self) -> sso_oidc::Client {
        sso_oidc::Client::from_conf(self.config().build())
    }

    /// The configuration of [`client`](Self::client), to adjust: a test identity for each
    /// auth scheme the model has (credentials, token, key, login), and retries that wait a
    /// millisecond instead of seconds.
    pub fn config(&self) -> sso_oidc::config::Builder {
        let credentials = sso_oidc::credentials::Credentials::new("AKIDTEST", "test-secret", None);
        let config = self.anonymous_config();
        config.credentials_provider(credentials)
    }

    /// A client whose requests go to this server, without any credentials.
    pub fn anonymous_client(&self) -> sso_oidc::Client {
        sso_oidc::Client::from_conf(self.anonymous_config().build())
    }

    fn anonymous_config(&self) -> sso_oidc::config::Builder {
        let fast = sso_oidc::config::RetryConfig::standard().with_initial_backoff(std::time::Duration::from_millis(1));
        sso_oidc::Config::builder().region("us-east-1").endpoint_url(self.url()).retry_config(fast)
    }

    /// How many connections a [`raw`](Self::raw) server accepted.
    pub fn connections(&self) -> usize {
        self.accepted.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

// The checks every operation's tests share: one generic function each, so that a model's
// tests file says per operation only what differs.

/// Asserts that a call failed with the operation's `Unhandled` error (`is_unhandled` tells
/// it from the modeled ones) with this code, message, status and request id, and this text;
/// the message is said once, so nothing is below it.
#[track_caller]
pub fn assert_unhandled<O: std::fmt::Debug, E>(
    result: Result<O, sso_oidc::error::SdkError<E>>,
    is_unhandled: impl FnOnce(&E) -> bool,
    expected: (Option<&str>, Option<&str>, u16, Option<&str>),
    display: &str,
) where
    E: sso_oidc::error::ProvideErrorMetadata + std::error::Error + 'static,
{
    let error = result.expect_err("an error response");
    let Some(e) = error.as_service_error().filter(|e| is_unhandled(e)) else { panic!("expected Unhandled, got {error:?}") };
    assert_eq!((e.code(), e.message(), e.status(), e.request_id()), expected);
    assert_eq!(error.to_string(), display);
    assert!(std::error::Error::source(&error).is_none(), "{:?}", std::error::Error::source(&error));
}

/// Asserts that a call failed before sending (`server` received nothing) with a build error
/// whose text contains `says`.
#[track_caller]
pub fn assert_refused<O: std::fmt::Debug, E: std::error::Error>(server: &Server, result: Result<O, sso_oidc::error::SdkError<E>>, says: &str) {
    let error = result.expect_err("refused before sending");
    let sso_oidc::error::SdkError::Build(e) = &error else { panic!("expected a build error, got {error:?}") };
    assert!(e.to_string().contains(says), "{e}");
    assert!(server.requests().is_empty(), "nothing is sent");
}

/// Asserts that a call without any member failed before sending, naming exactly `members`
/// as missing, in one error with this text.
#[track_caller]
pub fn assert_missing<O: std::fmt::Debug, E: std::error::Error>(
    server: &Server,
    result: Result<O, sso_oidc::error::SdkError<E>>,
    members: &[&str],
    display: &str,
) {
    let error = result.expect_err("the input is incomplete");
    let sso_oidc::error::SdkError::Build(build) = &error else { panic!("expected a build error, got {error:?}") };
    assert_eq!(build.missing_members(), members);
    assert_eq!(error.to_string(), display);
    assert!(server.requests().is_empty(), "nothing is sent");
}

/// Asserts that a call failed reading a response with this status and request id, whose
/// text starts with `starts`.
#[track_caller]
pub fn assert_invalid_response<O: std::fmt::Debug, E: std::error::Error>(
    result: Result<O, sso_oidc::error::SdkError<E>>,
    status: u16,
    request_id: &str,
    starts: &str,
) {
    let error = result.expect_err("an invalid response");
    let sso_oidc::error::SdkError::Response(e) = &error else { panic!("expected a response error, got {error:?}") };
    assert_eq!((e.status(), e.request_id()), (status, Some(request_id)));
    assert!(error.to_string().starts_with(starts), "{error}");
}

/// Asserts that a request is signed with SigV4 by the test credentials (no session token),
/// for `us-east-1` and this signing name.
#[track_caller]
pub fn assert_sigv4(request: &Recorded, signing_name: &str) {
    let authorization = request.header("authorization").expect("a SigV4 signature");
    assert!(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), "{authorization}");
    assert!(authorization.contains(&format!("/us-east-1/{signing_name}/aws4_request")), "{authorization}");
    assert!(request.header("x-amz-date").is_some());
    assert_eq!(request.header("x-amz-security-token"), None);
}

/// Compiles only for a value that can be moved to another task: `Send` and `'static`.
pub fn assert_spawnable<T: Send + 'static>(_: &T) {}
