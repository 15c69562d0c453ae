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
    // codegen:if waiters
    /// When it arrived, on tokio's clock (which the waiter tests pause).
    pub at: tokio::time::Instant,
    // codegen:end
}

impl Recorded {
    /// A header value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body parsed as JSON.
    #[allow(dead_code)] // Models without JSON request bodies do not use it.
    pub fn json(&self) -> serde_json::Value {
        // codegen:if cbor
        if self.header("content-type") == Some("application/cbor") {
            return cbor::tree(&self.body).expect("the request body is CBOR").to_json();
        }
        // codegen:end
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }
    /// The body as text to search in: a CBOR body as its JSON form, any other as it is.
    #[allow(dead_code)] // Only the paginator tests search bodies.
    pub fn text(&self) -> String {
        // codegen:if cbor
        if self.header("content-type") == Some("application/cbor") {
            return self.json().to_string();
        }
        // codegen:end
        String::from_utf8_lossy(&self.body).into_owned()
    }
    // codegen:if query

    /// A form-encoded body's pairs, decoded and sorted.
    pub fn form(&self) -> Vec<(String, String)> {
        let decode = |s: &str| percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned();
        let text = std::str::from_utf8(&self.body).expect("the request body is text");
        let mut pairs: Vec<(String, String)> = text
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        pairs.sort();
        pairs
    }
    // codegen:end
    // codegen:if xml-write

    /// Asserts that the body is the XML document `expected` (compared as [`xml::tree`]s),
    /// once the root's children named in `fresh_tokens` (idempotency tokens the client
    /// filled: checked to be UUIDs) are taken out.
    pub fn assert_xml(&self, expected: &str, fresh_tokens: &[&str]) {
        let mut actual =
            xml::tree(&self.body).unwrap_or_else(|e| panic!("the request body is not XML ({e}): {}", String::from_utf8_lossy(&self.body)));
        for token in fresh_tokens {
            let at = actual.children.iter().position(|c| matches!(c, xml::Node::Element(e) if e.name == *token)).expect("an idempotency token");
            let xml::Node::Element(e) = actual.children.remove(at) else { unreachable!() };
            assert!(matches!(&e.children[..], [xml::Node::Text(t)] if t.len() == 36), "a UUID: {e:?}");
        }
        let expected_tree = xml::tree(expected.as_bytes()).expect("the expected body is XML");
        assert!(actual == expected_tree, "request body\n{}\nis not\n{expected}", String::from_utf8_lossy(&self.body));
    }
    // codegen:end
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
                            // codegen:if waiters
                            at: tokio::time::Instant::now(),
                            // codegen:end
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
    pub fn client(&self) -> CRATE_NAME::Client {
        CRATE_NAME::Client::from_conf(self.config().build())
    }

    /// The configuration of [`client`](Self::client), to adjust: a test identity for each
    /// auth scheme the model has (credentials, token, key, login), and retries that wait a
    /// millisecond instead of seconds.
    pub fn config(&self) -> CRATE_NAME::config::Builder {
        let credentials = CRATE_NAME::credentials::Credentials::new("AKIDTEST", "test-secret", None);
        let config = self.anonymous_config();
        // codegen:if bearer
        let config = config.token_provider(CRATE_NAME::credentials::Token::new("test-token"));
        // codegen:end
        // codegen:if api-key
        let config = config.api_key(CRATE_NAME::credentials::ApiKey::new("test-key"));
        // codegen:end
        // codegen:if basic-auth
        let config = config.login(CRATE_NAME::credentials::Login::new("test-user", "test-password"));
        // codegen:end
        config.credentials_provider(credentials)
    }

    /// A client whose requests go to this server, without any credentials.
    pub fn anonymous_client(&self) -> CRATE_NAME::Client {
        CRATE_NAME::Client::from_conf(self.anonymous_config().build())
    }

    fn anonymous_config(&self) -> CRATE_NAME::config::Builder {
        let fast = CRATE_NAME::config::RetryConfig::standard().with_initial_backoff(std::time::Duration::from_millis(1));
        CRATE_NAME::Config::builder().region("us-east-1").endpoint_url(self.url()).retry_config(fast)
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
// codegen:if event-input

impl Server {
    /// A server that holds a conversation over an event stream: it answers at once with an
    /// event-stream response, then sends the next of `replies` (framed messages) each time a
    /// message of the request's stream arrives, and ends the response when the request ends.
    /// A client that sent its whole request before reading the response would wait forever:
    /// only a full-duplex exchange gets through it.
    /// The response carries `headers` beside its content type.
    pub async fn conversation(headers: &[(&str, &str)], replies: Vec<Vec<u8>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let replies = Arc::new(replies);
        let headers: Arc<Vec<(String, String)>> = Arc::new(headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (replies, headers) = (replies.clone(), headers.clone());
                let service = service_fn(move |request: hyper::Request<Incoming>| {
                    let (replies, headers) = (replies.clone(), headers.clone());
                    async move {
                        let (sender, receiver) = tokio::sync::mpsc::channel::<Bytes>(8);
                        tokio::spawn(async move {
                            let mut body = request.into_body();
                            let (mut buffered, mut answered) = (Vec::new(), 0);
                            while let Some(Ok(frame)) = body.frame().await {
                                let Ok(data) = frame.into_data() else { continue };
                                buffered.extend_from_slice(&data);
                                // Each complete message (its length is its first 4 bytes) gets the next reply.
                                while buffered.len() >= 4 {
                                    let length = u32::from_be_bytes([buffered[0], buffered[1], buffered[2], buffered[3]]) as usize;
                                    if buffered.len() < length {
                                        break;
                                    }
                                    buffered.drain(..length);
                                    if let Some(reply) = replies.get(answered) {
                                        answered += 1;
                                        if sender.send(Bytes::from(reply.clone())).await.is_err() {
                                            return;
                                        }
                                    }
                                }
                            }
                        });
                        let body = http_body_util::StreamBody::new(Frames(receiver));
                        let mut response = hyper::Response::builder().status(200).header("content-type", "application/vnd.amazon.eventstream");
                        for (name, value) in headers.iter() {
                            response = response.header(name, value);
                        }
                        Ok::<_, Infallible>(response.body(body).expect("valid reply"))
                    }
                });
                tokio::spawn(async move {
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        Server { addr, requests: Arc::default(), accepted: Arc::default(), task }
    }
}

/// The chunks a channel receives, as response body frames.
struct Frames(tokio::sync::mpsc::Receiver<Bytes>);

impl futures_core::Stream for Frames {
    type Item = Result<hyper::body::Frame<Bytes>, Infallible>;

    fn poll_next(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(|bytes| Ok(hyper::body::Frame::data(bytes))))
    }
}
// codegen:end

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
    result: Result<O, CRATE_NAME::error::SdkError<E>>,
    is_unhandled: impl FnOnce(&E) -> bool,
    expected: (Option<&str>, Option<&str>, u16, Option<&str>),
    display: &str,
) where
    E: CRATE_NAME::error::ProvideErrorMetadata + std::error::Error + 'static,
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
pub fn assert_refused<O: std::fmt::Debug, E: std::error::Error>(server: &Server, result: Result<O, CRATE_NAME::error::SdkError<E>>, says: &str) {
    let error = result.expect_err("refused before sending");
    let CRATE_NAME::error::SdkError::Build(e) = &error else { panic!("expected a build error, got {error:?}") };
    assert!(e.to_string().contains(says), "{e}");
    assert!(server.requests().is_empty(), "nothing is sent");
}

/// Asserts that a call without any member failed before sending, naming exactly `members`
/// as missing, in one error with this text.
#[track_caller]
pub fn assert_missing<O: std::fmt::Debug, E: std::error::Error>(
    server: &Server,
    result: Result<O, CRATE_NAME::error::SdkError<E>>,
    members: &[&str],
    display: &str,
) {
    let error = result.expect_err("the input is incomplete");
    let CRATE_NAME::error::SdkError::Build(build) = &error else { panic!("expected a build error, got {error:?}") };
    assert_eq!(build.missing_members(), members);
    assert_eq!(error.to_string(), display);
    assert!(server.requests().is_empty(), "nothing is sent");
}

/// Asserts that a call failed reading a response with this status and request id, whose
/// text starts with `starts`.
#[track_caller]
pub fn assert_invalid_response<O: std::fmt::Debug, E: std::error::Error>(
    result: Result<O, CRATE_NAME::error::SdkError<E>>,
    status: u16,
    request_id: &str,
    starts: &str,
) {
    let error = result.expect_err("an invalid response");
    let CRATE_NAME::error::SdkError::Response(e) = &error else { panic!("expected a response error, got {error:?}") };
    assert_eq!((e.status(), e.request_id()), (status, Some(request_id)));
    assert!(error.to_string().starts_with(starts), "{error}");
}
// codegen:if sigv4

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
// codegen:end

/// Compiles only for a value that can be moved to another task: `Send` and `'static`.
pub fn assert_spawnable<T: Send + 'static>(_: &T) {}
// codegen:if blob-upload

/// Chunks for `ByteStream::from_stream`, one at a time (futures-core's `Stream`, which is
/// all the client asks of a source).
pub struct Chunks(pub VecDeque<Vec<u8>>);

impl futures_core::Stream for Chunks {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.pop_front().map(|chunk| Ok(Bytes::from(chunk))))
    }
}
// codegen:end
// codegen:if compression

/// The bytes a gzip body stands for.
pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("a gzip body");
    out
}
// codegen:end
// codegen:if xml-write

/// XML bodies as trees to compare: attributes sorted, whitespace between elements left
/// out, and the order of children kept only where it means something. Members of a
/// structure may come in any order, items of a list may not; map entries (`entry`
/// elements, or flattened elements of exactly a key and a value) may, since maps have no
/// order. (So two-member structures in a flattened list are compared without order too.)
pub mod xml {
    use quick_xml::events::Event;

    /// An element or text.
    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Node {
        Element(Element),
        Text(String),
    }

    /// An element.
    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
    pub struct Element {
        pub name: String,
        pub attributes: Vec<(String, String)>,
        pub children: Vec<Node>,
    }

    /// The document's root element, in the canonical form described above.
    pub fn tree(body: &[u8]) -> Result<Element, String> {
        let mut reader = quick_xml::Reader::from_reader(body);
        reader.config_mut().expand_empty_elements = true;
        let mut stack: Vec<Element> = vec![Element { name: String::new(), attributes: Vec::new(), children: Vec::new() }];
        loop {
            match reader.read_event().map_err(|e| e.to_string())? {
                Event::Start(start) => {
                    let mut attributes = Vec::new();
                    for a in start.attributes() {
                        let a = a.map_err(|e| e.to_string())?;
                        attributes.push((
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            a.unescape_value().map_err(|e| e.to_string())?.into_owned(),
                        ));
                    }
                    attributes.sort();
                    stack.push(Element { name: String::from_utf8_lossy(start.name().as_ref()).into_owned(), attributes, children: Vec::new() });
                }
                Event::End(_) => {
                    let mut element = stack.pop().ok_or("unbalanced")?;
                    canonical(&mut element.children);
                    stack.last_mut().ok_or("unbalanced")?.children.push(Node::Element(element));
                }
                Event::Text(t) => push_text(&mut stack, &t.unescape().map_err(|e| e.to_string())?),
                Event::CData(c) => push_text(&mut stack, &String::from_utf8_lossy(&c)),
                Event::Eof => break,
                _ => {}
            }
        }
        let mut document = stack.pop().filter(|_| stack.is_empty()).ok_or("unclosed elements")?;
        document.children.retain(|c| matches!(c, Node::Element(_)));
        match document.children.pop() {
            Some(Node::Element(root)) if document.children.is_empty() => Ok(root),
            _ => Err(String::from("not one root element")),
        }
    }

    fn push_text(stack: &mut [Element], text: &str) {
        let Some(parent) = stack.last_mut() else { return };
        match parent.children.last_mut() {
            Some(Node::Text(t)) => t.push_str(text),
            _ => parent.children.push(Node::Text(text.to_owned())),
        }
    }

    /// Whitespace between child elements left out; children sorted by name (stable), and
    /// runs of map entries sorted.
    fn canonical(children: &mut Vec<Node>) {
        if children.iter().any(|c| matches!(c, Node::Element(_))) {
            children.retain(|c| !matches!(c, Node::Text(t) if t.trim().is_empty()));
        }
        // Text beside elements (mixed content) keeps every order.
        let mut elements: Vec<Element> = Vec::new();
        for child in children.iter() {
            match child {
                Node::Element(e) => elements.push(e.clone()),
                Node::Text(_) => return,
            }
        }
        elements.sort_by(|a, b| a.name.cmp(&b.name));
        let mut start = 0;
        while start < elements.len() {
            let end = start + elements[start..].iter().take_while(|e| e.name == elements[start].name).count();
            if elements[start..end].iter().all(is_entry) {
                elements[start..end].sort();
            }
            start = end;
        }
        *children = elements.into_iter().map(Node::Element).collect();
    }

    fn is_entry(e: &Element) -> bool {
        let elements: Vec<&str> = e.children.iter().filter_map(|c| if let Node::Element(c) = c { Some(c.name.as_str()) } else { None }).collect();
        e.name == "entry" || (elements.len() == 2 && elements[0] != elements[1] && elements.len() == e.children.len())
    }
}
// codegen:end
// codegen:if cbor

/// CBOR bodies as values, compared without regard to map order, definite or indefinite
/// lengths and the width of numbers (an integral float equals the integer), or as JSON.
pub mod cbor {
    use minicbor::Decoder;
    use minicbor::data::Type;

    /// A CBOR value.
    #[derive(Debug)]
    pub enum Value {
        Number(f64),
        Bytes(Vec<u8>),
        Text(String),
        Array(Vec<Value>),
        /// Sorted by key.
        Map(Vec<(String, Value)>),
        Tag(u64, Box<Value>),
        Bool(bool),
        Null,
    }

    impl PartialEq for Value {
        fn eq(&self, other: &Value) -> bool {
            match (self, other) {
                (Value::Number(a), Value::Number(b)) => a == b || (a.is_nan() && b.is_nan()),
                (Value::Bytes(a), Value::Bytes(b)) => a == b,
                (Value::Text(a), Value::Text(b)) => a == b,
                (Value::Array(a), Value::Array(b)) => a == b,
                (Value::Map(a), Value::Map(b)) => a == b,
                (Value::Tag(t, a), Value::Tag(u, b)) => t == u && a == b,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::Null, Value::Null) => true,
                _ => false,
            }
        }
    }

    impl Value {
        /// The JSON form the generated tests compare with: bytes in base64, tags dropped,
        /// non-finite floats as the JSON protocols' strings.
        pub fn to_json(&self) -> serde_json::Value {
            use base64::Engine;
            use serde_json::Value as Json;
            match self {
                Value::Number(n) if n.is_nan() => Json::from("NaN"),
                Value::Number(n) if n.is_infinite() => Json::from(if *n > 0.0 { "Infinity" } else { "-Infinity" }),
                Value::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Json::from(*n as i64),
                Value::Number(n) => Json::from(*n),
                Value::Bytes(b) => Json::from(base64::engine::general_purpose::STANDARD.encode(b)),
                Value::Text(t) => Json::from(t.as_str()),
                Value::Array(items) => Json::Array(items.iter().map(Value::to_json).collect()),
                Value::Map(entries) => Json::Object(entries.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
                Value::Tag(_, v) => v.to_json(),
                Value::Bool(b) => Json::from(*b),
                Value::Null => Json::Null,
            }
        }
    }

    /// The value of a whole body.
    pub fn tree(body: &[u8]) -> Result<Value, String> {
        let mut d = Decoder::new(body);
        let value = read(&mut d).map_err(|e| e.to_string())?;
        if d.position() == body.len() { Ok(value) } else { Err(String::from("bytes after the value")) }
    }

    fn read(d: &mut Decoder<'_>) -> Result<Value, minicbor::decode::Error> {
        Ok(match d.datatype()? {
            Type::Bool => Value::Bool(d.bool()?),
            Type::Null | Type::Undefined => {
                d.skip()?;
                Value::Null
            }
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => Value::Number(d.u64()? as f64),
            Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => Value::Number(d.i64()? as f64),
            Type::F32 | Type::F64 => Value::Number(d.f64()?),
            Type::Bytes | Type::BytesIndef => Value::Bytes(d.bytes_iter()?.collect::<Result<Vec<_>, _>>()?.concat()),
            Type::String | Type::StringIndef => Value::Text(d.str_iter()?.collect::<Result<Vec<_>, _>>()?.concat()),
            Type::Array | Type::ArrayIndef => {
                let len = d.array()?;
                let mut items = Vec::new();
                while len.is_some_and(|n| items.len() < n as usize) || (len.is_none() && d.datatype()? != Type::Break) {
                    items.push(read(d)?);
                }
                if len.is_none() {
                    d.set_position(d.position() + 1);
                }
                Value::Array(items)
            }
            Type::Map | Type::MapIndef => {
                let len = d.map()?;
                let mut entries = Vec::new();
                while len.is_some_and(|n| entries.len() < n as usize) || (len.is_none() && d.datatype()? != Type::Break) {
                    let key = d.str_iter()?.collect::<Result<Vec<_>, _>>()?.concat();
                    entries.push((key, read(d)?));
                }
                if len.is_none() {
                    d.set_position(d.position() + 1);
                }
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Map(entries)
            }
            Type::Tag => {
                let tag = d.tag()?.as_u64();
                Value::Tag(tag, Box::new(read(d)?))
            }
            other => return Err(minicbor::decode::Error::type_mismatch(other).with_message("unexpected in a test body")),
        })
    }
}
// codegen:end
// codegen:if event-stream
/// One `application/vnd.amazon.eventstream` message with string headers, framed here from
/// the specification (not by the runtime under test): lengths, prelude CRC32, headers,
/// payload, message CRC32.
pub fn event_frame(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let mut h = Vec::new();
    for (name, value) in headers {
        h.push(name.len() as u8);
        h.extend_from_slice(name.as_bytes());
        h.push(7);
        h.extend_from_slice(&(value.len() as u16).to_be_bytes());
        h.extend_from_slice(value.as_bytes());
    }
    let total = (12 + h.len() + payload.len() + 4) as u32;
    let mut out = [total.to_be_bytes(), (h.len() as u32).to_be_bytes()].concat();
    let prelude_crc = crc32fast::hash(&out);
    out.extend_from_slice(&prelude_crc.to_be_bytes());
    out.extend_from_slice(&h);
    out.extend_from_slice(payload);
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_be_bytes());
    out
}
// codegen:end
// codegen:if event-input
/// The events a request sent, as the server received them, decoded by AWS's own decoder
/// (aws-smithy-eventstream), not the runtime under test. A signed request's events come in
/// signed envelopes: each signature is checked against AWS's own event signer (aws-sigv4),
/// chained from the request's signature and made with the test secret, and the stream must
/// end with the empty signed message. Anything else fails the test.
pub fn sent_events(request: &Recorded) -> Vec<aws_smithy_types::event_stream::Message> {
    let mut body = Bytes::from(request.body.clone());
    let mut messages = Vec::new();
    while !body.is_empty() {
        messages.push(aws_smithy_eventstream::frame::read_message_from(&mut body).expect("a valid event-stream message"));
    }
    assert_eq!(request.header("content-type"), Some("application/vnd.amazon.eventstream"));
    let Some(authorization) = request.header("authorization") else { return messages };
    // codegen:if sigv4
    if authorization.starts_with("AWS4-HMAC-SHA256 ") {
        return signed_events(request, authorization, &messages);
    }
    // codegen:end
    let _ = authorization;
    messages
}
// codegen:if sigv4

/// The events inside signed envelopes, each signature checked (see [`sent_events`]).
fn signed_events(
    request: &Recorded,
    authorization: &str,
    envelopes: &[aws_smithy_types::event_stream::Message],
) -> Vec<aws_smithy_types::event_stream::Message> {
    use aws_smithy_types::event_stream::Message;
    assert_eq!(request.header("x-amz-content-sha256"), Some("STREAMING-AWS4-HMAC-SHA256-EVENTS"));
    let field = |key: &str| {
        let found = authorization.split([' ', ',']).find_map(|part| part.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')));
        found.unwrap_or_else(|| panic!("no {key} in `{authorization}`")).to_owned()
    };
    let credential = field("Credential");
    let scope: Vec<&str> = credential.split('/').collect();
    let (region, name) = (scope[2], scope[3]);
    let identity = aws_credential_types::Credentials::new("AKIDTEST", "test-secret", None, None, "test").into();
    let header = |m: &Message, name: &str| m.headers().iter().find(|h| h.name().as_str() == name).map(|h| h.value().clone());
    let mut prior = field("Signature");
    let mut events = Vec::new();
    for (i, envelope) in envelopes.iter().enumerate() {
        assert_eq!(envelope.headers().len(), 2, "a signed envelope has `:date` and `:chunk-signature` only");
        let date = header(envelope, ":date").and_then(|v| v.as_timestamp().ok()).expect("a `:date` timestamp");
        let time = std::time::SystemTime::try_from(date).expect("a time");
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(region)
            .name(name)
            .time(time)
            .settings(())
            .build()
            .expect("signing parameters");
        let expected = if envelope.payload().is_empty() {
            assert_eq!(i + 1, envelopes.len(), "the empty signed message ends the stream");
            aws_sigv4::event_stream::sign_empty_message(&prior, &params)
        } else {
            let event = aws_smithy_eventstream::frame::read_message_from(envelope.payload().clone()).expect("an event inside the envelope");
            let signed = aws_sigv4::event_stream::sign_message(&event, &prior, &params);
            events.push(event);
            signed
        };
        let (signed, signature) = expected.expect("AWS's signer signs it").into_parts();
        assert_eq!(header(envelope, ":chunk-signature"), header(&signed, ":chunk-signature"), "the signature of message {i}");
        assert_eq!(header(envelope, ":date"), header(&signed, ":date"), "the date of message {i}");
        prior = signature;
    }
    assert!(envelopes.last().is_some_and(|m| m.payload().is_empty()), "the stream ends with the empty signed message");
    events
}
// codegen:end
// codegen:end
// codegen:if initial-request

/// Takes the `initial-request` message that RPC protocols send before the events, and
/// gives its payload, the input's other members, as JSON (a CBOR document decoded).
pub fn take_initial_request(events: &mut Vec<aws_smithy_types::event_stream::Message>) -> serde_json::Value {
    assert!(!events.is_empty(), "the stream starts with an `initial-request`");
    let first = events.remove(0);
    let text = |name: &str| {
        first.headers().iter().find(|h| h.name().as_str() == name).and_then(|h| h.value().as_string().ok()).map(|s| s.as_str().to_owned())
    };
    assert_eq!(text(":message-type").as_deref(), Some("event"));
    assert_eq!(text(":event-type").as_deref(), Some("initial-request"));
    // codegen:if cbor
    if text(":content-type").as_deref() == Some("application/cbor") {
        return cbor::tree(first.payload()).expect("the initial request is CBOR").to_json();
    }
    // codegen:end
    assert_eq!(text(":content-type").as_deref(), Some("application/json"));
    serde_json::from_slice(first.payload()).expect("the initial request is JSON")
}
// codegen:end
// codegen:if event-input

/// Checks a sent event's headers: each `expected` one has its typed value, each `required`
/// one is there, each `forbidden` one is not.
pub fn assert_event_headers(
    event: &aws_smithy_types::event_stream::Message,
    expected: &[(&str, aws_smithy_types::event_stream::HeaderValue)],
    required: &[&str],
    forbidden: &[&str],
) {
    let value = |name: &str| event.headers().iter().find(|h| h.name().as_str() == name).map(|h| h.value());
    for (name, expected) in expected {
        assert_eq!(value(name), Some(expected), "event header {name}");
    }
    for name in required {
        assert!(value(name).is_some(), "event header {name} is missing");
    }
    for name in forbidden {
        assert!(value(name).is_none(), "event header {name} is forbidden");
    }
}

/// Checks a sent event's payload: the same JSON value (`json`), else the same bytes.
pub fn assert_event_body(event: &aws_smithy_types::event_stream::Message, expected: &str, json: bool) {
    if json {
        let sent: serde_json::Value = serde_json::from_slice(event.payload()).expect("a JSON payload");
        assert_eq!(sent, serde_json::from_str::<serde_json::Value>(expected).expect("JSON expected"));
    } else {
        assert_eq!(event.payload().as_ref(), expected.as_bytes());
    }
}
// codegen:end
