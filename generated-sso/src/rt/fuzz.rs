// Copied by smithy-codegen from codegen/runtime/rt/fuzz.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Fuzzing support (feature `fuzzing`): turns fuzzer bytes into a response and runs it
//! through the code the client runs on every response it reads.

use std::fmt::{Debug, Display, Write};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::{HttpResponse, Operation, handle_response};

/// A response from fuzzer bytes: 2 bytes of status (big-endian, taken modulo 600), then
/// `name: value` header lines up to the first empty line, then the body. Header lines
/// that are not valid HTTP are dropped, as the HTTP stack would refuse them.
pub(crate) fn response(data: &[u8], error_status: bool) -> HttpResponse {
    let (status, rest) = match data {
        [a, b, rest @ ..] => (u16::from_be_bytes([*a, *b]) % 600, rest),
        _ => (200, data),
    };
    // Error dispatch: keep the status among the error codes.
    let status = if error_status { 400 + status % 200 } else { status };
    let (head, body) = match rest.windows(2).position(|w| w == b"\n\n") {
        Some(end) => (&rest[..end], &rest[end + 2..]),
        None => (&[][..], rest),
    };
    let mut headers = HeaderMap::new();
    for line in head.split(|b| *b == b'\n') {
        let Some(colon) = line.iter().position(|b| *b == b':') else { continue };
        let (Ok(name), Ok(value)) = (HeaderName::from_bytes(&line[..colon]), HeaderValue::from_bytes(line[colon + 1..].trim_ascii())) else {
            continue;
        };
        headers.append(name, value);
    }
    HttpResponse { status, headers, body: bytes::Bytes::copy_from_slice(body) }
}

/// Runs `response` through operation `O`'s response handling, then formats the result as a
/// caller would (`Debug`, and `Display` for errors), so those code paths are fuzzed too.
pub(crate) fn run<O: Operation>(response: &HttpResponse)
where
    O::Output: Debug,
    O::Error: Debug + Display,
{
    let outcome = handle_response::<O>(response, &HeaderValue::from_static("fuzz"));
    let mut sink = String::new();
    let _ = write!(sink, "{outcome:?}");
    if let Err(e) = &outcome {
        let _ = write!(sink, "{e}");
    }
}
