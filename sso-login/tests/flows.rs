//! The login flows against a local server playing SSO-OIDC, with a manual clock so every
//! wait of the polling schedule is asserted without sleeping.

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{FakeOidc, error, pending, slow_down, temp_cache, token};
use serde_json::json;
use sso_login::{CachedToken, Login, LoginError, ManualClock, Progress, TokenCache};

const START_URL: &str = "https://d-1234567890.awsapps.com/start";

fn start() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_705_320_000) // 2024-01-15T12:00:00Z
}

fn login(server: &FakeOidc, cache: &std::path::Path, clock: &Arc<ManualClock>) -> Login {
    Login::new(server.client(), START_URL).session("my-sso").scopes(["sso:account:access"]).cache(TokenCache::new(cache)).clock(clock.clone())
}

fn secs(list: &[u64]) -> Vec<Duration> {
    list.iter().map(|s| Duration::from_secs(*s)).collect()
}

#[tokio::test]
async fn device_flow_pending_slow_down_success_with_exact_waits() {
    let server = FakeOidc::start(Some(2), Some(600), vec![pending(), slow_down(), pending(), token("access-1", 3600, Some("refresh-1"))]).await;
    let cache = temp_cache("device");
    let clock = Arc::new(ManualClock::new(start()));
    let mut shown = Vec::new();
    let token = login(&server, &cache, &clock).device(|p| shown.push(format!("{p:?}"))).await.expect("logged in");

    // Poll after 2 s, 2 s; slow_down adds 5: 7 s, 7 s.
    assert_eq!(clock.sleeps(), secs(&[2, 2, 7, 7]));
    assert!(shown[0].contains("user_code: \"WDJB-MJHT\""), "{shown:?}");
    assert!(shown.iter().any(|s| s == "SlowDown { interval: 7s }"), "{shown:?}");
    assert_eq!(token.access_token, "access-1");
    assert_eq!(token.refresh_token.as_deref(), Some("refresh-1"));
    assert_eq!(token.expires_at, start() + Duration::from_secs(18 + 3600));

    let register = server.received("/client/register");
    assert_eq!(
        register,
        [json!({"clientName": "sso-login", "clientType": "public", "scopes": ["sso:account:access"],
        "grantTypes": ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"]})]
    );
    assert_eq!(
        server.received("/device_authorization"),
        [json!({"clientId": "client-id-1", "clientSecret": "client-secret-1", "startUrl": START_URL})]
    );
    let polls = server.received("/token");
    assert_eq!(polls.len(), 4);
    for poll in &polls {
        assert_eq!(
            poll,
            &json!({"clientId": "client-id-1", "clientSecret": "client-secret-1",
            "grantType": "urn:ietf:params:oauth:grant-type:device_code", "deviceCode": "device-code-1"})
        );
    }

    // Cached as the AWS CLI would, under sha1("my-sso").
    let file = cache.join("0ad374308c5a4e22f723adf10145eafad7c4031c.json");
    let text = std::fs::read_to_string(&file).expect("token file");
    assert_eq!(
        text,
        r#"{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "access-1", "expiresAt": "2024-01-15T13:00:18Z", "clientId": "client-id-1", "clientSecret": "client-secret-1", "registrationExpiresAt": "2100-01-01T00:00:00Z", "refreshToken": "refresh-1"}"#
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    std::fs::remove_dir_all(&cache).ok();
}

#[tokio::test]
async fn registration_is_reused_until_it_expires() {
    let server = FakeOidc::start(Some(1), Some(600), vec![token("a1", 60, None), token("a2", 60, None)]).await;
    let cache = temp_cache("reuse");
    let clock = Arc::new(ManualClock::new(start()));
    login(&server, &cache, &clock).device(|_| {}).await.expect("first login");
    login(&server, &cache, &clock).device(|_| {}).await.expect("second login");
    assert_eq!(server.received("/client/register").len(), 1, "the cached registration is reused");
    assert_eq!(server.received("/device_authorization").len(), 2);
    std::fs::remove_dir_all(&cache).ok();
}

#[tokio::test]
async fn missing_or_zero_interval_means_five_seconds() {
    for interval in [None, Some(0)] {
        let server = FakeOidc::start(interval, Some(600), vec![pending(), token("a", 60, None)]).await;
        let cache = temp_cache(&format!("interval-{interval:?}"));
        let clock = Arc::new(ManualClock::new(start()));
        login(&server, &cache, &clock).device(|_| {}).await.expect("logged in");
        assert_eq!(clock.sleeps(), secs(&[5, 5]), "interval {interval:?}");
        std::fs::remove_dir_all(&cache).ok();
    }
}

#[tokio::test]
async fn polling_stops_when_the_code_expires() {
    // expiresIn 12 s, interval 5 s: polls at 5 and 10 s; a third would be after expiry.
    let server = FakeOidc::start(Some(5), Some(12), vec![pending(), pending(), pending()]).await;
    let cache = temp_cache("expiry");
    let clock = Arc::new(ManualClock::new(start()));
    let error = login(&server, &cache, &clock).device(|_| {}).await.expect_err("expired");
    assert!(matches!(error, LoginError::Expired), "{error:?}");
    assert_eq!(clock.sleeps(), secs(&[5, 5]));
    assert_eq!(server.received("/token").len(), 2);
    assert!(error.to_string().contains("run the login again"), "{error}");
    assert!(!cache.join("0ad374308c5a4e22f723adf10145eafad7c4031c.json").exists(), "no token cached");
    std::fs::remove_dir_all(&cache).ok();
}

#[tokio::test]
async fn expired_token_exception_and_access_denied_stop_the_flow() {
    let server = FakeOidc::start(Some(1), Some(600), vec![pending(), error("ExpiredTokenException", "expired_token")]).await;
    let cache = temp_cache("expired-exception");
    let clock = Arc::new(ManualClock::new(start()));
    let e = login(&server, &cache, &clock).device(|_| {}).await.expect_err("expired");
    assert!(matches!(e, LoginError::Expired), "{e:?}");

    let server = FakeOidc::start(Some(1), Some(600), vec![error("AccessDeniedException", "access_denied")]).await;
    let e = login(&server, &cache, &clock).device(|_| {}).await.expect_err("denied");
    let LoginError::AccessDenied(why) = &e else { panic!("{e:?}") };
    assert_eq!(why, "access_denied description");
    assert!(e.to_string().starts_with("access denied (access_denied description)"), "{e}");

    // Anything else ends the flow as a service error naming the operation.
    let server = FakeOidc::start(Some(1), Some(600), vec![error("InvalidClientException", "invalid_client")]).await;
    let e = login(&server, &cache, &clock).device(|_| {}).await.expect_err("invalid client");
    assert!(e.to_string().starts_with("CreateToken failed: InvalidClientException"), "{e}");
    std::fs::remove_dir_all(&cache).ok();
}

/// The browser's side of the PKCE flow: follows the redirect the service would make.
async fn browser(url: &str, code: Option<&str>, state_override: Option<&str>) -> (u16, String, String) {
    let parsed = url::Url::parse(url).unwrap();
    let query: std::collections::HashMap<String, String> = parsed.query_pairs().into_owned().collect();
    let state = state_override.unwrap_or(&query["state"]);
    let mut redirect = url::Url::parse(&query["redirect_uri"]).unwrap();
    {
        let mut pairs = redirect.query_pairs_mut();
        match code {
            Some(code) => pairs.append_pair("code", code),
            None => pairs.append_pair("error", "access_denied"),
        };
        pairs.append_pair("state", state);
    }
    // A favicon request first, as browsers make: ignored by the listener.
    let base = redirect.origin().ascii_serialization();
    let http = sso_oidc::config::http_client_builder().unwrap().build().unwrap();
    let _ = http.get(format!("{base}/favicon.ico")).send().await;
    let response = http.get(redirect.as_str()).send().await.expect("the listener answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap(), query["code_challenge"].clone())
}

#[tokio::test]
async fn pkce_flow_with_a_real_loopback_redirect() {
    let server = FakeOidc::start(None, None, vec![token("access-pkce", 3600, Some("refresh-pkce"))]).await;
    let cache = temp_cache("pkce");
    let clock = Arc::new(ManualClock::new(start()));
    let login = login(&server, &cache, &clock);
    let (tx, rx) = tokio::sync::oneshot::channel::<String>();
    let mut tx = Some(tx);
    let flow = tokio::spawn(async move {
        login
            .pkce(|p| {
                if let Progress::OpenBrowser { url } = p {
                    tx.take().map(|tx| tx.send(url.to_owned()));
                }
            })
            .await
    });
    let url = rx.await.expect("the authorize URL");
    assert!(
        url.starts_with(&format!("{}/authorize?response_type=code&client_id=client-id-1&redirect_uri=http%3A%2F%2F127.0.0.1%3A", server.url())),
        "{url}"
    );
    assert!(url.contains("&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge="), "{url}");
    let (status, page, challenge) = browser(&url, Some("auth-code-1"), None).await;
    assert_eq!(status, 200);
    assert!(page.contains("Login approved"), "{page}");
    let token = flow.await.unwrap().expect("logged in");
    assert_eq!(token.access_token, "access-pkce");

    let register = &server.received("/client/register")[0];
    let redirect_uri = register["redirectUris"][0].as_str().unwrap().to_owned();
    assert!(redirect_uri.starts_with("http://127.0.0.1:") && redirect_uri.ends_with("/oauth/callback"), "{redirect_uri}");
    assert_eq!(register["grantTypes"], json!(["authorization_code", "refresh_token"]));
    assert_eq!(register["issuerUrl"], START_URL);
    let exchange = &server.received("/token")[0];
    assert_eq!(exchange["grantType"], "authorization_code");
    assert_eq!(exchange["code"], "auth-code-1");
    assert_eq!(exchange["redirectUri"], redirect_uri.as_str());
    // RFC 7636: the verifier sent now is the one whose S256 challenge the browser carried.
    let verifier = exchange["codeVerifier"].as_str().unwrap();
    assert_eq!(verifier.len(), 43);
    assert_eq!(sso_login::pkce_challenge(verifier), challenge);
    std::fs::remove_dir_all(&cache).ok();
}

#[tokio::test]
async fn pkce_refuses_a_redirect_with_another_state() {
    let server = FakeOidc::start(None, None, vec![token("never", 3600, None)]).await;
    let cache = temp_cache("pkce-state");
    let clock = Arc::new(ManualClock::new(start()));
    let login = login(&server, &cache, &clock);
    let (tx, rx) = tokio::sync::oneshot::channel::<String>();
    let mut tx = Some(tx);
    let flow = tokio::spawn(async move {
        login
            .pkce(|p| {
                if let Progress::OpenBrowser { url } = p {
                    tx.take().map(|tx| tx.send(url.to_owned()));
                }
            })
            .await
    });
    let url = rx.await.unwrap();
    let (status, _, _) = browser(&url, Some("stolen-code"), Some("forged-state")).await;
    assert_eq!(status, 400);
    let e = flow.await.unwrap().expect_err("state mismatch");
    assert!(matches!(e, LoginError::StateMismatch), "{e:?}");
    assert!(server.received("/token").is_empty(), "no code was exchanged");
    std::fs::remove_dir_all(&cache).ok();
}

#[tokio::test]
async fn pkce_reports_a_declined_login() {
    let server = FakeOidc::start(None, None, vec![]).await;
    let cache = temp_cache("pkce-denied");
    let clock = Arc::new(ManualClock::new(start()));
    let login = login(&server, &cache, &clock);
    let (tx, rx) = tokio::sync::oneshot::channel::<String>();
    let mut tx = Some(tx);
    let flow = tokio::spawn(async move {
        login
            .pkce(|p| {
                if let Progress::OpenBrowser { url } = p {
                    tx.take().map(|tx| tx.send(url.to_owned()));
                }
            })
            .await
    });
    let url = rx.await.unwrap();
    browser(&url, None, None).await;
    let e = flow.await.unwrap().expect_err("declined");
    assert!(matches!(&e, LoginError::AccessDenied(why) if why == "access_denied"), "{e:?}");
    std::fs::remove_dir_all(&cache).ok();
}

fn cached(expires_in: u64, refresh: Option<&str>) -> CachedToken {
    CachedToken {
        start_url: START_URL.into(),
        region: "us-east-1".into(),
        access_token: "old-access".into(),
        expires_at: start() + Duration::from_secs(expires_in),
        client_id: Some("client-id-1".into()),
        client_secret: Some("client-secret-1".into()),
        registration_expires_at: Some(start() + Duration::from_secs(86_400)),
        refresh_token: refresh.map(str::to_owned),
    }
}

#[tokio::test]
async fn token_is_refreshed_near_expiry() {
    let server = FakeOidc::start(None, None, vec![token("new-access", 3600, None)]).await;
    let cache = temp_cache("refresh");
    let clock = Arc::new(ManualClock::new(start()));
    let login = login(&server, &cache, &clock);
    TokenCache::new(&cache).save(Some("my-sso"), &cached(300, Some("refresh-1"))).unwrap();

    let token = login.token().await.expect("refreshed");
    assert_eq!(token.access_token, "new-access");
    assert_eq!(token.expires_at, start() + Duration::from_secs(3600));
    // No new refresh token was issued: the old one is kept (RFC 6749, section 6).
    assert_eq!(token.refresh_token.as_deref(), Some("refresh-1"));
    assert_eq!(
        server.received("/token"),
        [json!({"clientId": "client-id-1", "clientSecret": "client-secret-1", "grantType": "refresh_token", "refreshToken": "refresh-1"})]
    );
    // Written back: the next call is served from the cache.
    assert_eq!(login.token().await.expect("cached").access_token, "new-access");
    assert_eq!(server.received("/token").len(), 1);
    std::fs::remove_dir_all(&cache).ok();
}

#[tokio::test]
async fn a_token_far_from_expiry_is_used_as_is_and_an_expired_one_needs_login() {
    let server = FakeOidc::start(None, None, vec![]).await;
    let cache = temp_cache("no-refresh");
    let clock = Arc::new(ManualClock::new(start()));
    let login = login(&server, &cache, &clock);
    assert!(matches!(login.token().await, Err(LoginError::NeedLogin { .. })), "nothing cached");

    TokenCache::new(&cache).save(Some("my-sso"), &cached(3600, None)).unwrap();
    assert_eq!(login.token().await.unwrap().access_token, "old-access");

    // Inside the refresh window but without a refresh token: still valid, so used.
    clock.advance(Duration::from_secs(3000));
    assert_eq!(login.token().await.unwrap().access_token, "old-access");
    // Expired, nothing to refresh with.
    clock.advance(Duration::from_secs(601));
    let e = login.token().await.expect_err("expired");
    assert_eq!(e.to_string(), format!("no valid cached token for {START_URL}: run `sso-login --start-url {START_URL} --region <region>`"));
    assert!(server.received("/token").is_empty());
    std::fs::remove_dir_all(&cache).ok();
}

#[test]
fn secrets_are_redacted_in_debug() {
    let text = format!("{:?}", cached(60, Some("refresh-SECRET")));
    assert!(!text.contains("old-access") && !text.contains("client-secret-1") && !text.contains("refresh-SECRET"), "{text}");
    assert!(text.contains("expires_at: 2024-01-15T12:01:00Z"), "{text}");
}
