//! The default HTTP client's certificate checks, over real TLS on loopback: the system's
//! roots are loaded at the first handshake (not when the client is built), they decide
//! which servers are trusted, and a server they do not vouch for is refused; and the key
//! exchange its crypto provider negotiates (ring: X25519; `tls-aws-lc`: the hybrid
//! post-quantum X25519MLKEM768).
//!
//! rustls-native-certs reads the roots from `SSL_CERT_FILE` when it is set, so each case
//! runs in a child process of this test binary with its own environment (the roots are
//! loaded once per process, and changing the environment in-process needs `unsafe`).

use std::io::{Read, Write};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

extern crate smithy_runtime as CRATE_NAME;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/check/tests/tls");

/// An HTTPS server on loopback with a certificate for 127.0.0.1 issued by the test CA
/// (`tls/ca.pem`), on the same crypto provider as the client (so it can agree to anything
/// the client offers); answers each request `200 ok`. Its URL, and the key exchange group
/// of each handshake it completes.
fn https_server() -> (String, std::sync::mpsc::Receiver<String>) {
    let certs =
        CertificateDer::pem_file_iter(format!("{DIR}/server.pem")).expect("server.pem").collect::<Result<Vec<_>, _>>().expect("a certificate");
    let key = PrivateKeyDer::from_pem_file(format!("{DIR}/server.key")).expect("server.key");
    let provider = Arc::new(CRATE_NAME::config::tls_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("the server certificate");
    let config = Arc::new(config);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let (groups, negotiated) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let Ok(connection) = rustls::ServerConnection::new(config.clone()) else { continue };
            let mut tls = rustls::StreamOwned::new(connection, stream);
            let mut head = Vec::new();
            let mut byte = [0u8];
            while !head.ends_with(b"\r\n\r\n") && tls.read(&mut byte).map(|n| n == 1).unwrap_or(false) {
                head.push(byte[0]);
            }
            if let Some(group) = tls.conn.negotiated_key_exchange_group() {
                let _ = groups.send(format!("{:?}", group.name()));
            }
            let _ = tls.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
            let _ = tls.flush();
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    });
    (format!("https://127.0.0.1:{port}/"), negotiated)
}

/// Runs `case` in a child process with `SSL_CERT_FILE` set to `roots` (when the child is
/// started it is the case itself; see `child_case`); the child's report.
fn in_child(case: &str, roots: &str) -> String {
    let out = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args(["child_case", "--exact", "--nocapture", "--include-ignored", "--test-threads=1"])
        .env("TLS_CASE", case)
        .env("SSL_CERT_FILE", roots)
        .env_remove("SSL_CERT_DIR")
        .output()
        .expect("the child test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "child {case}: {stdout}{}", String::from_utf8_lossy(&out.stderr));
    stdout.lines().find_map(|l| l.split_once("REPORT ").map(|(_, r)| r)).unwrap_or_else(|| panic!("no report from {case}: {stdout}")).to_owned()
}

#[test]
#[ignore = "run by the other tests in a child process"]
fn child_case() {
    let Ok(case) = std::env::var("TLS_CASE") else { return };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let report = runtime.block_on(async {
        let (url, negotiated) = https_server();
        // The client is built while the roots file does not exist: nothing reads it yet.
        let roots = std::env::var("SSL_CERT_FILE").expect("SSL_CERT_FILE");
        let http = CRATE_NAME::config::http_client_builder().expect("a TLS setup").build().expect("an HTTP client");
        if case == "lazy" {
            std::fs::copy(format!("{DIR}/ca.pem"), &roots).expect("the roots file");
        }
        match http.get(&url).send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                let body = response.text().await.unwrap_or_default();
                let group = negotiated.try_recv().unwrap_or_else(|_| "no handshake".into());
                format!("{status} {body} over {group}")
            }
            Err(e) => {
                let mut chain = format!("{e}");
                let mut source = std::error::Error::source(&e);
                while let Some(s) = source {
                    chain.push_str(&format!(": {s}"));
                    source = s.source();
                }
                chain
            }
        }
    });
    println!("REPORT {report}");
}

fn scratch(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("smithy-runtime-tls-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir.join("roots.pem").to_string_lossy().into_owned()
}

/// The roots file appears only after the client is built, and the handshake trusts the
/// server: the roots were read at the handshake. The key exchange is the provider's first
/// choice: the hybrid post-quantum X25519MLKEM768 with `tls-aws-lc`, X25519 with ring
/// (whose own default leads with P-384 since rustls 0.23.48).
#[test]
fn roots_are_loaded_at_the_first_handshake() {
    let group = if cfg!(feature = "tls-aws-lc") { "X25519MLKEM768" } else { "X25519" };
    assert_eq!(in_child("lazy", &scratch("lazy")), format!("200 ok over {group}"));
}

/// Roots that do not vouch for the server's issuer: the handshake fails on the certificate.
#[test]
fn a_server_the_roots_do_not_vouch_for_is_refused() {
    let report = in_child("untrusted", &format!("{DIR}/server.pem"));
    assert!(report.contains("invalid peer certificate: UnknownIssuer"), "{report}");
}
