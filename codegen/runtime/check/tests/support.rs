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
