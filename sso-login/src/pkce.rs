//! The authorization-code flow with PKCE (RFC 7636, method S256) and a loopback redirect
//! (RFC 8252): the browser comes back to `http://127.0.0.1:<port>/oauth/callback`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::SecureRandom;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::{Login, LoginError, Progress, flow_error};

const CALLBACK_PATH: &str = "/oauth/callback";

/// `n` random bytes from the system's CSPRNG, base64url without padding.
fn random_token(n: usize) -> Result<String, LoginError> {
    let mut bytes = vec![0u8; n];
    ring::rand::SystemRandom::new().fill(&mut bytes).map_err(|_| LoginError::Callback("the system random number generator failed".into()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The S256 code challenge of a verifier: base64url(SHA-256(verifier)).
pub fn code_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()))
}

pub(crate) async fn run(login: &Login, mut progress: impl FnMut(Progress<'_>)) -> Result<crate::CachedToken, LoginError> {
    const GRANTS: [&str; 2] = ["authorization_code", "refresh_token"];
    // The port of the cached registration's redirect URI, if it is free, so the
    // registration can be reused; else any free port (and a new registration).
    let cached_port = login
        .cache
        .load_registration(&login.registration_key(&GRANTS))
        .and_then(|r| r.redirect_uri)
        .and_then(|uri| url::Url::parse(&uri).ok()?.port());
    let listener = match cached_port {
        Some(port) => match TcpListener::bind(("127.0.0.1", port)).await {
            Ok(listener) => listener,
            Err(_) => bind_any().await?,
        },
        None => bind_any().await?,
    };
    let port = listener.local_addr().map_err(|e| LoginError::Callback(format!("loopback listener: {e}")))?.port();
    let redirect_uri = format!("http://127.0.0.1:{port}{CALLBACK_PATH}");
    let registration = login.registration(&GRANTS, Some(&redirect_uri)).await?;

    // RFC 7636: a verifier of 43 characters (32 random bytes), sent only in CreateToken.
    let verifier = random_token(32)?;
    let state = random_token(16)?;
    let endpoint = match &registration.authorization_endpoint {
        Some(endpoint) => endpoint.clone(),
        None => {
            let base = login.client.resolved_endpoint().map_err(|e| LoginError::service("the endpoint", e.clone()))?;
            format!("{}/authorize", base.url().trim_end_matches('/'))
        }
    };
    let mut url = url::Url::parse(&endpoint).map_err(|e| LoginError::Callback(format!("authorize URL `{endpoint}`: {e}")))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &registration.client_id)
        .append_pair("redirect_uri", &redirect_uri)
        .append_pair("state", &state)
        .append_pair("code_challenge_method", "S256")
        .append_pair("scopes", &login.scopes.join(" "))
        .append_pair("code_challenge", &code_challenge(&verifier));
    progress(Progress::OpenBrowser { url: url.as_str() });

    let code = tokio::time::timeout(login.callback_timeout, accept_callback(&listener, &state))
        .await
        .map_err(|_| LoginError::Callback(format!("no redirect arrived within {:?}", login.callback_timeout)))??;
    let output = login
        .client
        .create_token()
        .client_id(&registration.client_id)
        .client_secret(&registration.client_secret)
        .grant_type("authorization_code")
        .code(code)
        .redirect_uri(&redirect_uri)
        .code_verifier(&verifier)
        .send()
        .await
        .map_err(flow_error)?;
    login.store(&registration, output, None)
}

async fn bind_any() -> Result<TcpListener, LoginError> {
    TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| LoginError::Callback(format!("cannot listen on 127.0.0.1: {e}")))
}

/// Serves the listener until the browser arrives at the callback path; other requests
/// (such as `/favicon.ico`) get a 404 and are ignored.
async fn accept_callback(listener: &TcpListener, state: &str) -> Result<String, LoginError> {
    loop {
        let (mut stream, _) = listener.accept().await.map_err(|e| LoginError::Callback(format!("loopback listener: {e}")))?;
        let Some(target) = read_request_target(&mut stream).await else { continue };
        let Some(query) = target.strip_prefix(CALLBACK_PATH).and_then(|rest| rest.strip_prefix('?').or(Some(rest).filter(|r| r.is_empty()))) else {
            respond(&mut stream, "404 Not Found", "Not found.").await;
            continue;
        };
        let mut got_state = None;
        let (mut code, mut error) = (None, None);
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            match &*name {
                "state" => got_state = Some(value.into_owned()),
                "code" => code = Some(value.into_owned()),
                "error" => error = Some(value.into_owned()),
                _ => {}
            }
        }
        // The state is checked first: a redirect that is not ours decides nothing.
        if got_state.as_deref() != Some(state) {
            respond(&mut stream, "400 Bad Request", "This login link is stale or was not started here. Run the login again.").await;
            return Err(LoginError::StateMismatch);
        }
        if let Some(error) = error {
            respond(&mut stream, "200 OK", "Login was not approved. You can close this window.").await;
            return Err(LoginError::AccessDenied(error));
        }
        let Some(code) = code.filter(|c| !c.is_empty()) else {
            respond(&mut stream, "400 Bad Request", "The redirect carried no authorization code. Run the login again.").await;
            return Err(LoginError::Callback("the redirect carried no authorization code".into()));
        };
        respond(&mut stream, "200 OK", "Login approved. You can close this window and return to the terminal.").await;
        return Ok(code);
    }
}

/// The request target of a `GET` (the head is read up to 16 KiB; anything else is `None`).
async fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 || head.len() + n > 16 * 1024 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let line = head.split(|b| *b == b'\r').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.split(' ');
    match (parts.next(), parts.next()) {
        (Some("GET"), Some(target)) => Some(target.to_owned()),
        _ => None,
    }
}

async fn respond(stream: &mut TcpStream, status: &str, message: &str) {
    let body = format!("<!doctype html><html><head><title>sso-login</title></head><body><p>{message}</p></body></html>");
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    #[test]
    fn s256_challenge_matches_rfc_7636_appendix_b() {
        assert_eq!(super::code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }
}
