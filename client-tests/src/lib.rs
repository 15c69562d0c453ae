//! Support for the end-to-end tests in `tests/`: a TLS server on loopback with a
//! certificate for the SSO-OIDC host names, and clients that resolve those names to it
//! and trust it, so requests go to the real host names (and are signed for them).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sso_oidc::Client;
use tokio::net::TcpListener;

/// The host names the server has a certificate for.
pub const HOSTS: [&str; 4] =
    ["oidc.us-east-1.amazonaws.com", "oidc-fips.us-east-1.amazonaws.com", "oidc.us-east-1.api.aws", "oidc-fips.us-east-1.api.aws"];

/// A token response.
pub const TOKEN: &str = r#"{"accessToken":"at","tokenType":"Bearer","expiresIn":3600}"#;

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The `Host` header.
    pub host: String,
    /// The path.
    pub path: String,
    /// All headers.
    pub headers: hyper::HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

/// A TLS server on loopback answering every request with [`TOKEN`].
pub struct TlsServer {
    /// Where it listens.
    pub addr: SocketAddr,
    cert: CertificateDer<'static>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl TlsServer {
    /// Starts the server.
    pub async fn start() -> TlsServer {
        let certified = rcgen::generate_simple_self_signed(HOSTS.map(String::from).to_vec()).expect("certificate");
        let cert = certified.cert.der().clone();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.signing_key.serialize_der()));
        let provider = Arc::new(sso_oidc::config::tls_provider());
        let mut tls = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![cert.clone()], key)
            .expect("server certificate");
        tls.alpn_protocols = vec![b"http/1.1".to_vec()];
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr = listener.local_addr().expect("address");
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let recorded = seen.clone();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let (acceptor, recorded) = (acceptor.clone(), recorded.clone());
                tokio::spawn(async move {
                    let Ok(stream) = acceptor.accept(tcp).await else { return };
                    let service = service_fn(move |request: hyper::Request<Incoming>| {
                        let recorded = recorded.clone();
                        async move {
                            let (parts, body) = request.into_parts();
                            let body = body.collect().await.map(|b| b.to_bytes().to_vec()).unwrap_or_default();
                            let host = parts.headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or_default().to_owned();
                            recorded.lock().unwrap().push(Seen { host, path: parts.uri.path().to_owned(), headers: parts.headers, body });
                            Ok::<_, Infallible>(hyper::Response::new(Full::new(Bytes::from_static(TOKEN.as_bytes()))))
                        }
                    });
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        TlsServer { addr, cert, seen }
    }

    /// A client configured by `config` whose HTTP client resolves [`HOSTS`] to this
    /// server and trusts its certificate.
    pub fn client(&self, config: sso_oidc::config::Builder) -> Client {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(self.cert.clone()).expect("trust the test certificate");
        let provider = Arc::new(sso_oidc::config::tls_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        let mut http = reqwest::Client::builder().tls_backend_preconfigured(tls);
        for host in HOSTS {
            http = http.resolve(host, self.addr);
        }
        Client::from_conf(config.http_client(http.build().expect("HTTP client")).build())
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// Everything `tracing` emits on this thread, at every level, as text: for tests that
/// search the logs (for what must, and what must never, be there).
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Sends this thread's events at TRACE and above here until the guard is dropped.
    pub fn install(&self) -> tracing::subscriber::DefaultGuard {
        let subscriber = tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_writer(self.clone()).with_ansi(false).finish();
        tracing::subscriber::set_default(subscriber)
    }

    /// What was logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}
