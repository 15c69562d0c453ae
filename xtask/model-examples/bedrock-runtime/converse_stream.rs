//! Streams a Converse answer token by token: a local stand-in for Bedrock Runtime sends the
//! `ConverseStream` events of a short answer, one every 40 ms, and the client prints each
//! text delta as it arrives, with the time it arrived, then the stop reason and token usage.
//!
//! `cargo xtask models` copies this file into the generated bedrock-runtime crate and runs
//! it (`cargo run --example converse_stream`). Against AWS, leave out `endpoint_url` and the
//! test credentials: `Config::from_env()` reads the usual environment.

use std::convert::Infallible;
use std::future::Future as _;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use aws_smithy_types::event_stream::{Header, HeaderValue, Message as Frame};
use bedrock_runtime::credentials::Credentials;
use bedrock_runtime::types::{ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput, Message};
use http_body_util::StreamBody;
use hyper::body::{Bytes, Frame as BodyFrame, Incoming};

/// The answer the stand-in model gives, in the pieces it streams.
const TOKENS: [&str; 7] = ["Hello", "!", " Streams", " arrive", " token", " by", " token."];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = serve().await?;
    let config = bedrock_runtime::Config::builder()
        .region("us-east-1")
        .endpoint_url(url)
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "example-secret", None))
        .build();
    let client = bedrock_runtime::Client::from_conf(config);

    let question = Message::builder().role(ConversationRole::User).content(ContentBlock::Text("Say hello.".into())).build()?;
    let start = Instant::now();
    let mut output = client.converse_stream().model_id("example.model-v1").messages(question).send().await?;
    println!("[{:>4} ms] response head received", start.elapsed().as_millis());

    let mut text = String::new();
    while let Some(event) = output.stream.recv().await? {
        match event {
            ConverseStreamOutput::MessageStart(start_event) => println!("[{:>4} ms] message from {:?}", start.elapsed().as_millis(), start_event.role()),
            ConverseStreamOutput::ContentBlockDelta(delta) => {
                if let Some(ContentBlockDelta::Text(token)) = delta.delta() {
                    println!("[{:>4} ms] token {token:?}", start.elapsed().as_millis());
                    text.push_str(token);
                }
            }
            ConverseStreamOutput::MessageStop(stop) => println!("[{:>4} ms] stop: {:?}", start.elapsed().as_millis(), stop.stop_reason()),
            ConverseStreamOutput::Metadata(metadata) => {
                if let Some(usage) = metadata.usage() {
                    println!("[{:>4} ms] tokens in {}, out {}", start.elapsed().as_millis(), usage.input_tokens(), usage.output_tokens());
                }
            }
            other => println!("[{:>4} ms] {other:?}", start.elapsed().as_millis()),
        }
    }
    println!("answer: {text}");
    assert_eq!(text, TOKENS.concat(), "every token arrived, in order");
    Ok(())
}

/// An event-stream message as Bedrock sends it (framed by AWS's own encoder).
fn event(kind: &str, payload: &str) -> Bytes {
    let frame = Frame::new(payload.as_bytes().to_vec())
        .add_header(Header::new(":message-type", HeaderValue::String("event".into())))
        .add_header(Header::new(":event-type", HeaderValue::String(kind.to_owned().into())))
        .add_header(Header::new(":content-type", HeaderValue::String("application/json".into())));
    let mut out = Vec::new();
    aws_smithy_eventstream::frame::write_message_to(&frame, &mut out).expect("a small message encodes");
    Bytes::from(out)
}

/// The events of the answer, in order.
fn answer() -> Vec<Bytes> {
    let mut events = vec![event("messageStart", r#"{"role":"assistant"}"#)];
    for token in TOKENS {
        let delta = serde_json::json!({ "contentBlockIndex": 0, "delta": { "text": token } });
        events.push(event("contentBlockDelta", &delta.to_string()));
    }
    events.push(event("contentBlockStop", r#"{"contentBlockIndex":0}"#));
    events.push(event("messageStop", r#"{"stopReason":"end_turn"}"#));
    events.push(event("metadata", r#"{"usage":{"inputTokens":12,"outputTokens":7,"totalTokens":19},"metrics":{"latencyMs":280}}"#));
    events
}

/// The answer's events, one every 40 ms.
struct Paced {
    events: std::vec::IntoIter<Bytes>,
    timer: Pin<Box<tokio::time::Sleep>>,
}

impl futures_core::Stream for Paced {
    type Item = Result<BodyFrame<Bytes>, Infallible>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        std::task::ready!(self.timer.as_mut().poll(cx));
        self.timer.as_mut().reset(tokio::time::Instant::now() + Duration::from_millis(40));
        Poll::Ready(self.events.next().map(|bytes| Ok(BodyFrame::data(bytes))))
    }
}

/// Starts the stand-in on a loopback port: every request gets the answer as an event stream.
async fn serve() -> std::io::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let service = hyper::service::service_fn(|request: hyper::Request<Incoming>| async move {
                assert!(request.uri().path().ends_with("/converse-stream"), "{}", request.uri());
                let paced = Paced { events: answer().into_iter(), timer: Box::pin(tokio::time::sleep(Duration::from_millis(40))) };
                let response = hyper::Response::builder()
                    .header("content-type", "application/vnd.amazon.eventstream")
                    .body(StreamBody::new(paced))
                    .expect("a valid response");
                Ok::<_, Infallible>(response)
            });
            tokio::spawn(hyper::server::conn::http1::Builder::new().serve_connection(hyper_util::rt::TokioIo::new(stream), service));
        }
    });
    Ok(url)
}
