//! A loopback HTTP/1.1 server answering every request with a CreateToken response, in a
//! process of its own (so the client's CPU time is the client's alone). Prints its port.

use std::convert::Infallible;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

const BODY: &str = r#"{"accessToken":"aoal-YigITUDiNX1xZwOMXM5MxOWDL0E0jg9P6_C_jKQPxS_SKCP6f0kh1Up4g7TtvQqkMnD-GJiU_S1gvug6SrggAkc0","tokenType":"Bearer","expiresIn":1579729529,"refreshToken":"aorvJYubGpU6i91YnH7Mfo-AT2fIVa1zCfA_Rvq9yjVKIP3onFmmykuQ7E93y2I-9Nyj-A_sVvMufaLNL0bqnDRtgAkc0"}"#;

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    println!("{}", listener.local_addr().expect("address").port());
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let _ = stream.set_nodelay(true);
        tokio::spawn(async move {
            let service = service_fn(|request: hyper::Request<Incoming>| async move {
                // Read the whole request, as a real service would.
                let _ = request.into_body().collect().await;
                let response = hyper::Response::builder()
                    .header("content-type", "application/json")
                    .header("x-amzn-requestid", "bench-request-id")
                    .body(Full::new(Bytes::from_static(BODY.as_bytes())))
                    .expect("response");
                Ok::<_, Infallible>(response)
            });
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}
