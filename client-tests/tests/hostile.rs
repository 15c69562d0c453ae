//! Hostile and broken responses, table-driven, each from a real server on loopback that
//! writes raw bytes (so it can also send what no well-behaved HTTP server would: cut
//! bodies, endless bodies, silence). Every case ends in the expected value or typed error:
//! no panic, bounded memory and time, and no secret value in `Debug` or `Display`.
//!
//! Run with `--nocapture` to print the table of cases and what the client returned.

use std::fmt::{Debug, Display};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sso_oidc::config::{RetryConfig, Timeouts};
use sso_oidc::credentials::Credentials;
use sso_oidc::error::{ProvideErrorMetadata, ResponseErrorKind, SdkError, TimeoutKind};
use sso_oidc::types::AccessDeniedExceptionReason;
use sso_oidc::{Client, Config};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does once it has read a request.
#[derive(Clone)]
enum Reply {
    /// Writes these bytes, then closes the connection.
    Bytes(Vec<u8>),
    /// Writes a head, then `total` bytes of body in 1 MiB chunks (as long as the client
    /// reads), then closes. `chunked` uses chunked encoding instead of a content-length.
    Endless { head: String, total: usize, chunked: bool },
    /// Never answers (the connection stays open).
    Silence,
}

/// A loopback server answering every request with `reply`; counts the requests.
async fn serve(reply: Reply) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (reply, counted) = (reply.clone(), counted.clone());
            tokio::spawn(async move {
                let mut stream = stream;
                if read_request(&mut stream).await.is_none() {
                    return;
                }
                counted.fetch_add(1, Ordering::SeqCst);
                let _ = answer(&mut stream, reply).await;
            });
        }
    });
    (addr, count)
}

/// Reads one request (head and content-length body).
async fn read_request(stream: &mut TcpStream) -> Option<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse().ok()).unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(())
}

async fn answer(stream: &mut TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Bytes(bytes) => stream.write_all(&bytes).await,
        Reply::Silence => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(())
        }
        Reply::Endless { head, total, chunked } => {
            stream.write_all(head.as_bytes()).await?;
            let block = vec![b'a'; 1 << 20];
            let mut sent = 0;
            while sent < total {
                let n = block.len().min(total - sent);
                if chunked {
                    stream.write_all(format!("{n:x}\r\n").as_bytes()).await?;
                }
                stream.write_all(&block[..n]).await?;
                if chunked {
                    stream.write_all(b"\r\n").await?;
                }
                sent += n;
            }
            if chunked {
                stream.write_all(b"0\r\n\r\n").await?;
            }
            Ok(())
        }
    }
}

/// A complete HTTP/1.1 response with a content-length.
fn http(status: &str, headers: &[&str], body: &[u8]) -> Reply {
    let mut out = format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\nx-amzn-requestid: req-hostile\r\n", body.len());
    for h in headers {
        out.push_str(h);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    Reply::Bytes(bytes)
}

fn json(status: &str, body: &str) -> Reply {
    http(status, &["content-type: application/json"], body.as_bytes())
}

/// Which operation a case calls.
#[derive(Clone, Copy, Debug)]
enum Op {
    CreateToken,
    CreateTokenWithIam,
    RegisterClient,
    StartDeviceAuthorization,
}

/// The secrets a case sends; none may be printed.
const SENT_SECRETS: [&str; 4] = ["client-secret-SENT", "refresh-token-SENT", "assertion-SENT", "secret-key-SENT"];
/// The secrets some responses carry; none may be printed or logged either.
const RECEIVED_SECRETS: [&str; 4] = ["access-token-RECEIVED", "refresh-token-RECEIVED", "id-token-RECEIVED", "client-secret-RECEIVED"];

fn client(addr: SocketAddr, max_response_size: Option<u64>) -> Client {
    let mut config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://{addr}"))
        .credentials_provider(Credentials::new("AKIDHOSTILE", "secret-key-SENT", None))
        .retry_config(RetryConfig::disabled())
        .timeouts(Timeouts::default().with_attempt(Duration::from_secs(2)));
    if let Some(limit) = max_response_size {
        config = config.max_response_size(limit);
    }
    Client::from_conf(config.build())
}

/// The result of a call, reduced to what the table compares, plus everything printed.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Success; the output's `Debug`.
    Output(String),
    InvalidBody(String),
    TooLarge(u64),
    /// A body cut short after the head: the status the head brought.
    Incomplete(u16),
    /// A service error: its code and status, and whether the model declares it.
    Service {
        code: Option<String>,
        status: u16,
    },
    Dispatch,
    Timeout(TimeoutKind),
}

fn outcome<O: Debug, E: ProvideErrorMetadata + Debug + Display>(result: Result<O, SdkError<E>>) -> (Outcome, String) {
    let printed = match &result {
        Ok(output) => format!("{output:?}"),
        Err(e) => format!("{e:?} / {e}"),
    };
    let outcome = match result {
        Ok(output) => Outcome::Output(format!("{output:?}")),
        Err(SdkError::Response(e)) => match e.kind() {
            ResponseErrorKind::InvalidBody(message) => Outcome::InvalidBody(message.clone()),
            ResponseErrorKind::TooLarge { limit } => Outcome::TooLarge(*limit),
            ResponseErrorKind::Incomplete => Outcome::Incomplete(e.status()),
            other => panic!("unexpected kind {other:?}"),
        },
        Err(SdkError::Service(e)) => Outcome::Service { code: e.code().map(str::to_owned), status: e.status() },
        Err(SdkError::Dispatch(_)) => Outcome::Dispatch,
        Err(SdkError::Timeout(t)) => Outcome::Timeout(t.kind()),
        Err(other) => panic!("unexpected error {other:?}"),
    };
    (outcome, printed)
}

async fn call(client: &Client, op: Op) -> (Outcome, String) {
    match op {
        Op::CreateToken => outcome(
            client
                .create_token()
                .client_id("id")
                .client_secret("client-secret-SENT")
                .grant_type("refresh_token")
                .refresh_token("refresh-token-SENT")
                .send()
                .await,
        ),
        Op::CreateTokenWithIam => outcome(
            client
                .create_token_with_iam()
                .client_id("id")
                .grant_type("urn:ietf:params:oauth:grant-type:jwt-bearer")
                .assertion("assertion-SENT")
                .send()
                .await,
        ),
        Op::RegisterClient => outcome(client.register_client().client_name("n").client_type("public").send().await),
        Op::StartDeviceAuthorization => outcome(
            client
                .start_device_authorization()
                .client_id("id")
                .client_secret("client-secret-SENT")
                .start_url("https://example.awsapps.com/start")
                .send()
                .await,
        ),
    }
}

/// What a case expects.
enum Expect {
    /// Success, and the output's `Debug` contains each of these.
    Output(&'static [&'static str]),
    /// An invalid-body error whose message contains this.
    InvalidBody(&'static str),
    TooLarge(u64),
    /// A body cut short after the head, with this status.
    Incomplete(u16),
    Service(Option<&'static str>, u16),
    Dispatch,
    Timeout(TimeoutKind),
}

struct Case {
    name: String,
    op: Op,
    reply: Reply,
    expect: Expect,
    max_response_size: Option<u64>,
}

fn case(name: impl Into<String>, op: Op, reply: Reply, expect: Expect) -> Case {
    Case { name: name.into(), op, reply, expect, max_response_size: None }
}

/// Every output member of every operation, with a value of the wrong JSON type.
fn wrong_types() -> Vec<Case> {
    let members: &[(Op, &str, &str)] = &[
        (Op::CreateToken, "accessToken", "1"),
        (Op::CreateToken, "tokenType", "true"),
        (Op::CreateToken, "expiresIn", "\"3600\""),
        (Op::CreateToken, "refreshToken", "[]"),
        (Op::CreateToken, "idToken", "{}"),
        (Op::CreateTokenWithIam, "accessToken", "[\"x\"]"),
        (Op::CreateTokenWithIam, "tokenType", "1.5"),
        (Op::CreateTokenWithIam, "expiresIn", "true"),
        (Op::CreateTokenWithIam, "refreshToken", "2"),
        (Op::CreateTokenWithIam, "idToken", "false"),
        (Op::CreateTokenWithIam, "issuedTokenType", "{}"),
        (Op::CreateTokenWithIam, "scope", "\"openid\""),
        (Op::CreateTokenWithIam, "awsAdditionalDetails", "[]"),
        (Op::RegisterClient, "clientId", "{}"),
        (Op::RegisterClient, "clientSecret", "7"),
        (Op::RegisterClient, "clientIdIssuedAt", "\"yesterday\""),
        (Op::RegisterClient, "clientSecretExpiresAt", "[1]"),
        (Op::RegisterClient, "authorizationEndpoint", "true"),
        (Op::RegisterClient, "tokenEndpoint", "3"),
        (Op::StartDeviceAuthorization, "deviceCode", "1"),
        (Op::StartDeviceAuthorization, "userCode", "[]"),
        (Op::StartDeviceAuthorization, "verificationUri", "{}"),
        (Op::StartDeviceAuthorization, "verificationUriComplete", "false"),
        (Op::StartDeviceAuthorization, "expiresIn", "\"600\""),
        (Op::StartDeviceAuthorization, "interval", "[5]"),
    ];
    members
        .iter()
        .map(|(op, member, value)| {
            let body = format!("{{\"{member}\":{value}}}");
            case(format!("{op:?}: `{member}` of the wrong type ({value})"), *op, json("200 OK", &body), Expect::InvalidBody("invalid type"))
        })
        .collect()
}

fn cases() -> Vec<Case> {
    let deep = "[".repeat(100_000);
    let deep_member = format!("{{\"unknownMember\":{deep}{}}}", "]".repeat(100_000));
    let mut cases = vec![
        case("truncated JSON", Op::CreateToken, json("200 OK", r#"{"accessToken":"at","tokenTy"#), Expect::InvalidBody("EOF while parsing")),
        case("expiresIn beyond i32", Op::CreateToken, json("200 OK", r#"{"expiresIn":2147483648}"#), Expect::InvalidBody("expected i32")),
        case("expiresIn negative beyond i32", Op::CreateToken, json("200 OK", r#"{"expiresIn":-2147483649}"#), Expect::InvalidBody("expected i32")),
        case("expiresIn as a fraction", Op::CreateToken, json("200 OK", r#"{"expiresIn":1.5}"#), Expect::InvalidBody("invalid type: floating point")),
        case(
            "clientIdIssuedAt beyond i64",
            Op::RegisterClient,
            json("200 OK", r#"{"clientIdIssuedAt":9223372036854775808}"#),
            Expect::InvalidBody("expected i64"),
        ),
        case(
            "invalid UTF-8 in a string",
            Op::CreateToken,
            http("200 OK", &["content-type: application/json"], b"{\"tokenType\":\"\xff\xfe\"}"),
            Expect::InvalidBody("invalid unicode"),
        ),
        case(
            "invalid UTF-8 in an error body",
            Op::CreateToken,
            http("400 Bad Request", &["content-type: application/json"], b"{\"__type\":\"\xff\"}"),
            Expect::Service(None, 400),
        ),
        case(
            "50 MB body with a content-length (default limit, 16 MiB)",
            Op::CreateToken,
            Reply::Endless { head: format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n", 50 << 20), total: 50 << 20, chunked: false },
            Expect::TooLarge(16 << 20),
        ),
        case(
            "50 MB chunked body, no length (default limit, 16 MiB)",
            Op::CreateToken,
            Reply::Endless { head: "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".into(), total: 50 << 20, chunked: true },
            Expect::TooLarge(16 << 20),
        ),
        case(
            "50 MB error body (default limit, 16 MiB)",
            Op::CreateToken,
            Reply::Endless {
                head: "HTTP/1.1 500 Internal Server Error\r\ntransfer-encoding: chunked\r\n\r\n".into(),
                total: 50 << 20,
                chunked: true,
            },
            Expect::TooLarge(16 << 20),
        ),
        Case {
            max_response_size: Some(1024),
            ..case(
                "2 KiB body with a 1 KiB limit",
                Op::CreateToken,
                json("200 OK", &format!("{{\"accessToken\":\"{}\"}}", "a".repeat(2048))),
                Expect::TooLarge(1024),
            )
        },
        case(
            "proxy's HTML page with 502",
            Op::CreateToken,
            http(
                "502 Bad Gateway",
                &["content-type: text/html"],
                b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
            ),
            Expect::Service(None, 502),
        ),
        case(
            "3xx redirect (not followed)",
            Op::CreateToken,
            http("301 Moved Permanently", &["location: http://127.0.0.1:9/elsewhere"], b""),
            Expect::Service(None, 301),
        ),
        case(
            "unknown enum value (kept)",
            Op::CreateToken,
            http(
                "400 Bad Request",
                &["content-type: application/json", "x-amzn-errortype: AccessDeniedException"],
                br#"{"error":"access_denied","reason":"SOME_NEW_REASON"}"#,
            ),
            Expect::Service(Some("AccessDeniedException"), 400),
        ),
        case(
            "null members",
            Op::CreateToken,
            json("200 OK", r#"{"accessToken":null,"tokenType":"Bearer","expiresIn":null,"refreshToken":null,"idToken":null}"#),
            Expect::Output(&["token_type: Some(\"Bearer\")", "expires_in: 0"]),
        ),
        case(
            "duplicate keys (the last wins)",
            Op::CreateToken,
            json("200 OK", r#"{"tokenType":"first","expiresIn":1,"tokenType":"last","expiresIn":2}"#),
            Expect::Output(&["token_type: Some(\"last\")", "expires_in: 2"]),
        ),
        case(
            "unknown members skipped",
            Op::CreateToken,
            json("200 OK", r#"{"new":{"a":[1,{"b":null}]},"expiresIn":5}"#),
            Expect::Output(&["expires_in: 5"]),
        ),
        case("JSON nested 100,000 deep", Op::CreateToken, json("200 OK", &deep), Expect::InvalidBody("invalid type: sequence")),
        // Valid JSON, skipped without recursion (serde_json's skipping keeps no stack).
        case(
            "JSON nested 100,000 deep in an unknown member (valid, skipped)",
            Op::CreateToken,
            json("200 OK", &deep_member),
            Expect::Output(&["expires_in: 0"]),
        ),
        case(
            "JSON nested 100,000 deep in an error message",
            Op::CreateToken,
            json("400 Bad Request", &format!("{{\"__type\":\"AccessDeniedException\",\"message\":{deep}{}}}", "]".repeat(100_000))),
            Expect::Service(None, 400),
        ),
        case("JSON nested 100,000 deep in an error body", Op::CreateToken, json("400 Bad Request", &deep), Expect::Service(None, 400)),
        case(
            "connection closed mid-body",
            Op::CreateToken,
            Reply::Bytes(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"accessToken\":".to_vec()),
            Expect::Incomplete(200),
        ),
        case("connection closed before any response", Op::CreateToken, Reply::Bytes(Vec::new()), Expect::Dispatch),
        case("not HTTP at all", Op::CreateToken, Reply::Bytes(b"SSH-2.0-OpenSSH_9.6\r\n\r\n".to_vec()), Expect::Dispatch),
        case("server accepts and never answers", Op::CreateToken, Reply::Silence, Expect::Timeout(TimeoutKind::Attempt)),
        case("empty 200 body", Op::CreateToken, json("200 OK", ""), Expect::Output(&["expires_in: 0"])),
        case("a JSON array instead of an object", Op::CreateToken, json("200 OK", "[]"), Expect::InvalidBody("invalid type: sequence")),
        case("trailing garbage after the object", Op::CreateToken, json("200 OK", "{} x"), Expect::InvalidBody("trailing characters")),
        case(
            "secrets in the response are not printed",
            Op::CreateToken,
            json(
                "200 OK",
                r#"{"accessToken":"access-token-RECEIVED","refreshToken":"refresh-token-RECEIVED","idToken":"id-token-RECEIVED","expiresIn":1}"#,
            ),
            Expect::Output(&["expires_in: 1"]),
        ),
        case(
            "secret in RegisterClient's response is not printed",
            Op::RegisterClient,
            json("200 OK", r#"{"clientId":"c","clientSecret":"client-secret-RECEIVED"}"#),
            Expect::Output(&["client_id: Some(\"c\")"]),
        ),
    ];
    cases.extend(wrong_types());
    cases
}

#[tokio::test]
async fn hostile_responses_give_typed_errors() {
    let captured = client_tests::Captured::default();
    let _guard = captured.install();
    let mut failures = Vec::new();
    println!("| case | operation | result |\n| --- | --- | --- |");
    for c in cases() {
        let (addr, requests) = serve(c.reply.clone()).await;
        let client = client(addr, c.max_response_size);
        let started = Instant::now();
        let (got, printed) = call(&client, c.op).await;
        let took = started.elapsed();
        println!("| {} | {:?} | {} ({} ms) |", c.name, c.op, printed.replace('|', "\\|").chars().take(160).collect::<String>(), took.as_millis());
        let ok = match (&c.expect, &got) {
            (Expect::Output(parts), Outcome::Output(debug)) => parts.iter().all(|p| debug.contains(p)),
            (Expect::InvalidBody(part), Outcome::InvalidBody(message)) => message.contains(part),
            (Expect::TooLarge(limit), Outcome::TooLarge(got)) => limit == got,
            (Expect::Service(code, status), Outcome::Service { code: got_code, status: got_status }) => {
                code.map(str::to_owned) == *got_code && status == got_status
            }
            (Expect::Dispatch, Outcome::Dispatch) => true,
            (Expect::Incomplete(want), Outcome::Incomplete(got)) => want == got,
            (Expect::Timeout(kind), Outcome::Timeout(got)) => kind == got,
            _ => false,
        };
        if !ok {
            failures.push(format!("{}: got {got:?}", c.name));
        }
        for secret in SENT_SECRETS.iter().chain(&RECEIVED_SECRETS) {
            if printed.contains(secret) {
                failures.push(format!("{}: `{secret}` printed: {printed}", c.name));
            }
        }
        // Retries are off: one request each, whatever happened (a redirect is not followed).
        if !matches!(c.reply, Reply::Silence) && requests.load(Ordering::SeqCst) != 1 {
            failures.push(format!("{}: {} requests", c.name, requests.load(Ordering::SeqCst)));
        }
        if took > Duration::from_secs(20) {
            failures.push(format!("{}: took {took:?}", c.name));
        }
    }
    // Nor in the logs of all those calls, at any level (TRACE included).
    let logs = captured.text();
    assert!(logs.contains("response"), "the calls were logged");
    for secret in SENT_SECRETS.iter().chain(&RECEIVED_SECRETS) {
        if logs.contains(secret) {
            failures.push(format!("`{secret}` logged"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// The unknown enum value is kept in the error, not turned into a failure.
#[tokio::test]
async fn unknown_enum_value_is_kept() {
    let (addr, _) = serve(http(
        "400 Bad Request",
        &["content-type: application/json", "x-amzn-errortype: AccessDeniedException"],
        br#"{"error":"access_denied","reason":"SOME_NEW_REASON"}"#,
    ))
    .await;
    let error =
        client(addr, None).create_token().client_id("id").client_secret("s").grant_type("refresh_token").send().await.expect_err("an error response");
    let Some(sso_oidc::operation::create_token::CreateTokenError::AccessDeniedException(e)) = error.as_service_error() else {
        panic!("expected AccessDeniedException, got {error:?}");
    };
    assert_eq!(e.reason(), Some(&AccessDeniedExceptionReason::Unknown("SOME_NEW_REASON".into())));
    assert_eq!(e.reason().map(|r| r.as_str()), Some("SOME_NEW_REASON"));
    assert_eq!(e.error(), Some("access_denied"));
}

/// A body just under a raised limit is read in full (the limit is the only bound).
#[tokio::test]
async fn raised_limit_reads_a_50_mb_body() {
    let token = "t".repeat(50 << 20);
    let (addr, _) = serve(json("200 OK", &format!("{{\"accessToken\":\"{token}\",\"expiresIn\":1}}"))).await;
    // No attempt timeout: a debug build takes a while to parse 50 MB.
    let config = Config::builder().region("us-east-1").endpoint_url(format!("http://{addr}")).max_response_size(64 << 20);
    let output = Client::from_conf(config.build())
        .create_token()
        .client_id("id")
        .client_secret("s")
        .grant_type("refresh_token")
        .send()
        .await
        .expect("read in full");
    assert_eq!(output.access_token().map(str::len), Some(50 << 20));
    assert_eq!(output.expires_in(), 1);
}
