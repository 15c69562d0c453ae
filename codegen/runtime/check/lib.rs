//! The runtime that smithy-codegen copies into generated crates (`codegen/runtime/`),
//! compiled here as one crate with every part, so that `cargo test`, clippy and
//! rust-analyzer see all of it: the files are the ones copied, mounted at the paths they
//! have in a generated crate. What a generated crate adds from its model (the endpoint
//! rules, the client, a modeled error) is stood in for by `endpoint.rs`, `client.rs` and
//! `types.rs` beside this file.
//!
//! The `// codegen:if <part>` markers are comments here, so every part is in. Whether a
//! generated crate leaves dead code is checked in the generated crates themselves, which
//! get only the parts they use; here the crate-private items have no generated code to
//! use them.
#![forbid(unsafe_code)]
#![allow(dead_code)]

#[path = "../byte_stream.rs"]
pub mod byte_stream;
#[path = "cbor_fuzz.rs"]
mod cbor_fuzz;
#[path = "client.rs"]
mod client;
#[path = "../config.rs"]
pub mod config;
#[path = "../credentials.rs"]
pub mod credentials;
#[path = "endpoint.rs"]
pub mod endpoint;
#[path = "../error.rs"]
pub mod error;
#[path = "../event_stream.rs"]
pub mod event_stream;
#[path = "event_stream_fuzz.rs"]
mod event_stream_fuzz;
#[cfg(test)]
mod jmespath_tests;
#[cfg(test)]
mod json_write_tests;
#[path = "operation.rs"]
mod operation;
#[path = "../pagination.rs"]
pub mod pagination;
#[path = "../primitives.rs"]
pub mod primitives;
#[path = "../rt/mod.rs"]
mod rt;
#[cfg(feature = "test-util")]
#[path = "../test_util.rs"]
pub mod test_util;
#[path = "types.rs"]
pub mod types;
#[path = "../waiters.rs"]
pub mod waiters;
#[cfg(test)]
mod waiters_tests;
#[path = "xml_fuzz.rs"]
mod xml_fuzz;

pub use client::Client;
pub use config::Config;

/// Fuzz entry points for runtime decoders no checked-in client uses yet (the `cbor`, `xml`
/// and `event_stream` targets in `fuzz/`), and the event-stream decoder for `bench/`; not a
/// stable API.
#[cfg(feature = "fuzzing")]
pub mod fuzzing {
    /// Reads any bytes as a CBOR body of a structure with a member of every kind.
    pub fn cbor(data: &[u8]) {
        crate::cbor_fuzz::run(data);
    }

    /// Reads any bytes as an awsQuery XML output and as an error response.
    pub fn xml(data: &[u8]) {
        crate::xml_fuzz::run(data);
    }

    /// Cuts any bytes into event-stream messages, in chunks the first byte sizes; each
    /// message decoded is encoded again and must decode to itself.
    pub fn event_stream(data: &[u8]) {
        crate::event_stream_fuzz::run(data);
    }

    /// One event-stream message with string headers, framed by the runtime's encoder (for
    /// `bench/`, which decodes it with this runtime and with the SDK).
    pub fn encode_event(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
        use crate::rt::event_frame::{HeaderValue, Message, encode};
        let headers = headers.iter().map(|(n, v)| ((*n).to_owned(), HeaderValue::String((*v).to_owned()))).collect();
        let mut out = Vec::new();
        encode(&Message { headers, payload: bytes::Bytes::copy_from_slice(payload) }, &mut out).expect("a small message encodes");
        out
    }

    /// Decodes an event stream that arrives in `chunks` (for `bench/`): the number of
    /// messages and of payload bytes, or the first error.
    pub fn decode_event_stream<'a>(chunks: impl IntoIterator<Item = &'a [u8]>) -> Result<(usize, usize), String> {
        let mut decoder = crate::rt::event_frame::FrameDecoder::new(crate::rt::event_frame::DEFAULT_MAX_MESSAGE_SIZE);
        let (mut messages, mut bytes) = (0, 0);
        for chunk in chunks {
            decoder.push(chunk);
            while let Some(message) = decoder.next_message().map_err(|e| e.to_string())? {
                messages += 1;
                bytes += message.payload.len() + message.headers.len();
            }
        }
        decoder.finish().map_err(|e| e.to_string())?;
        Ok((messages, bytes))
    }
}

/// Runs every seed of the fuzz target `target` (`fuzz/seeds/<target>/`) through `run`; how
/// many there are.
#[cfg(test)]
fn replay_seeds(target: &str, run: fn(&[u8])) -> usize {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        run(&std::fs::read(entry.expect("entry").path()).expect("seed"));
        n += 1;
    }
    n
}
