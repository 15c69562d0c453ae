//! Decoding an event stream (`application/vnd.amazon.eventstream`): the runtime's framing
//! decoder (`rt/event_frame.rs`) against the SDK's `aws-smithy-eventstream`, on the same
//! bytes: 100,000 events shaped like Bedrock's `contentBlockDelta` (three string headers and a
//! JSON payload of about 100 bytes, framed by the runtime's encoder, which the runtime's tests
//! check against the compliance suite's bytes), arriving in 16 KiB chunks. Both check both checksums
//! and parse every header; neither reads the payload. Medians of 15 interleaved rounds.

use std::time::Instant;

use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};
use bytes::BytesMut;

const EVENTS: usize = 100_000;
const CHUNK: usize = 16 * 1024;
const ROUNDS: usize = 15;

fn ours(chunks: &[&[u8]]) -> (usize, usize) {
    smithy_runtime::fuzzing::decode_event_stream(chunks.iter().copied()).expect("a valid stream")
}

fn sdk(chunks: &[&[u8]]) -> (usize, usize) {
    let mut decoder = MessageFrameDecoder::new();
    let mut buffer = BytesMut::new();
    let (mut messages, mut bytes) = (0, 0);
    for chunk in chunks {
        buffer.extend_from_slice(chunk);
        while let DecodedFrame::Complete(message) = decoder.decode_frame(&mut buffer).expect("a valid stream") {
            messages += 1;
            bytes += message.payload().len() + message.headers().len();
        }
    }
    (messages, bytes)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let mut stream = Vec::new();
    for i in 0..EVENTS {
        let payload = format!(
            r#"{{"contentBlockIndex":0,"delta":{{"text":" token {i}"}},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}}"#
        );
        let headers = [(":event-type", "contentBlockDelta"), (":content-type", "application/json"), (":message-type", "event")];
        stream.extend_from_slice(&smithy_runtime::fuzzing::encode_event(&headers, payload.as_bytes()));
    }
    let chunks: Vec<&[u8]> = stream.chunks(CHUNK).collect();
    assert_eq!(ours(&chunks), sdk(&chunks), "both decoders read the same events");
    let (mut ours_ns, mut sdk_ns) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        std::hint::black_box(ours(std::hint::black_box(&chunks)));
        ours_ns.push(start.elapsed().as_nanos() as f64 / EVENTS as f64);
        let start = Instant::now();
        std::hint::black_box(sdk(std::hint::black_box(&chunks)));
        sdk_ns.push(start.elapsed().as_nanos() as f64 / EVENTS as f64);
    }
    let (ours_ns, sdk_ns) = (median(ours_ns), median(sdk_ns));
    let mb_per_s = |ns: f64| stream.len() as f64 / EVENTS as f64 / ns * 1e9 / 1e6;
    println!("{} events, {} bytes ({} per event), in {CHUNK}-byte chunks.\n", EVENTS, stream.len(), stream.len() / EVENTS);
    println!("| decoder | ns per event | MB/s | against aws-smithy-eventstream |\n| --- | ---: | ---: | ---: |");
    println!("| this runtime (`rt/event_frame.rs`) | {ours_ns:.0} | {:.0} | {:.2}x the time |", mb_per_s(ours_ns), ours_ns / sdk_ns);
    println!("| aws-smithy-eventstream | {sdk_ns:.0} | {:.0} | 1.00x |", mb_per_s(sdk_ns));
}
