//! A local server playing SSO-OIDC (RegisterClient, StartDeviceAuthorization, CreateToken)
//! and the SSO portal's GetRoleCredentials over real HTTP on loopback, with scripted
//! CreateToken answers, recording every request.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// One scripted answer: status, `x-amzn-errortype` (for errors) and body.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub error_type: Option<&'static str>,
    pub body: Value,
}

pub fn token(access: &str, expires_in: i64, refresh: Option<&str>) -> Answer {
    let mut body = json!({"accessToken": access, "tokenType": "Bearer", "expiresIn": expires_in});
    if let Some(r) = refresh {
        body["refreshToken"] = r.into();
    }
    Answer { status: 200, error_type: None, body }
}

pub fn error(code: &'static str, error: &str) -> Answer {
    Answer { status: 400, error_type: Some(code), body: json!({"error": error, "error_description": format!("{error} description")}) }
}

pub fn pending() -> Answer {
    error("AuthorizationPendingException", "authorization_pending")
}

pub fn slow_down() -> Answer {
    error("SlowDownException", "slow_down")
}

/// A request as received.
#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    pub body: Value,
}

#[derive(Default)]
struct State {
    tokens: VecDeque<Answer>,
    device: Value,
    received: Vec<Received>,
}

pub struct FakeOidc {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

/// The bearer token GetRoleCredentials refuses (as for a token revoked upstream).
pub const REVOKED_TOKEN: &str = "revoked-access";
/// The expiration GetRoleCredentials answers with: 2026-01-01T00:00:00Z, in milliseconds.
pub const ROLE_EXPIRATION_MS: i64 = 1_767_225_600_000;

/// Far in the future: 2100-01-01.
pub const REGISTRATION_EXPIRES: i64 = 4_102_444_800;

impl FakeOidc {
    /// Starts the server; StartDeviceAuthorization answers with `interval` and `expires_in`
    /// (left out when `None`), CreateToken with `tokens` in order.
    pub async fn start(interval: Option<i64>, expires_in: Option<i64>, tokens: Vec<Answer>) -> FakeOidc {
        let mut device = json!({
            "deviceCode": "device-code-1",
            "userCode": "WDJB-MJHT",
            "verificationUri": "https://device.sso.us-east-1.amazonaws.com/",
            "verificationUriComplete": "https://device.sso.us-east-1.amazonaws.com/?user_code=WDJB-MJHT"
        });
        if let Some(i) = interval {
            device["interval"] = i.into();
        }
        if let Some(e) = expires_in {
            device["expiresIn"] = e.into();
        }
        let state = Arc::new(Mutex::new(State { tokens: tokens.into(), device, received: Vec::new() }));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr = listener.local_addr().expect("address");
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let shared = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request: hyper::Request<Incoming>| {
                        let shared = shared.clone();
                        async move {
                            let path = request.uri().path().to_owned();
                            let query = request.uri().query().unwrap_or_default().to_owned();
                            let bearer = request.headers().get("x-amz-sso_bearer_token").and_then(|v| v.to_str().ok()).map(str::to_owned);
                            let bytes = request.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
                            // A GET (the portal) is recorded by its query and bearer token.
                            let body: Value = match bearer {
                                Some(token) => json!({"query": query, "token": token}),
                                None => serde_json::from_slice(&bytes).unwrap_or(Value::Null),
                            };
                            let answer = {
                                let mut state = shared.lock().unwrap();
                                let revoked = body["token"] == REVOKED_TOKEN;
                                state.received.push(Received { path: path.clone(), body });
                                match path.as_str() {
                                    "/client/register" => Answer {
                                        status: 200,
                                        error_type: None,
                                        body: json!({"clientId": "client-id-1", "clientSecret": "client-secret-1",
                                                     "clientIdIssuedAt": 1_700_000_000, "clientSecretExpiresAt": REGISTRATION_EXPIRES}),
                                    },
                                    "/device_authorization" => Answer { status: 200, error_type: None, body: state.device.clone() },
                                    "/token" => state.tokens.pop_front().unwrap_or_else(|| error("InternalServerException", "script_exhausted")),
                                    "/federation/credentials" if revoked => Answer {
                                        status: 401,
                                        error_type: Some("UnauthorizedException"),
                                        body: json!({"message": "Session token not found or invalid"}),
                                    },
                                    "/federation/credentials" => Answer {
                                        status: 200,
                                        error_type: None,
                                        body: json!({"roleCredentials": {"accessKeyId": "ASIAEXAMPLE", "secretAccessKey": "secret/with+chars",
                                                     "sessionToken": "session-token", "expiration": ROLE_EXPIRATION_MS}}),
                                    },
                                    _ => Answer { status: 404, error_type: Some("UnknownOperationException"), body: json!({}) },
                                }
                            };
                            let mut response = hyper::Response::builder().status(answer.status).header("content-type", "application/json");
                            if let Some(t) = answer.error_type {
                                response = response.header("x-amzn-errortype", t);
                            }
                            Ok::<_, Infallible>(response.body(Full::new(Bytes::from(answer.body.to_string()))).unwrap())
                        }
                    });
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(tcp), service).await;
                });
            }
        });
        FakeOidc { addr, state }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// An SSO-OIDC client for this server (retries off, so scripts map one to one).
    pub fn client(&self) -> sso_oidc::Client {
        let config = sso_oidc::Config::builder().region("us-east-1").endpoint_url(self.url()).retry_config(sso_oidc::config::RetryConfig::disabled());
        sso_oidc::Client::from_conf(config.build())
    }

    pub fn received(&self, path: &str) -> Vec<Value> {
        self.state.lock().unwrap().received.iter().filter(|r| r.path == path).map(|r| r.body.clone()).collect()
    }
}

/// A fresh cache folder under the system temp folder.
pub fn temp_cache(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sso-login-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}
