//! The `application/vnd.amazon.eventstream` framing that AWS event streams use, whatever the
//! protocol: each message is a prelude (total length, headers length, CRC32 of the two), typed
//! headers, a payload, and a CRC32 of all before it. [`FrameDecoder`] cuts messages out of
//! the bytes of a response as they arrive and checks both checksums before anything is read;
//! [`encode`] writes one. Written here rather than taken from `aws-smithy-eventstream`, which
//! brings the smithy-rs type crates along: the format is two checksums and ten header types,
//! and the CRC32 is crc32fast's. (Copied into crates with event streams.)

use bytes::{Buf, Bytes, BytesMut};

/// The largest message a decoder accepts unless told otherwise: 16 MiB.
pub(crate) const DEFAULT_MAX_MESSAGE_SIZE: usize = 16 * 1024 * 1024;

/// Prelude (12 bytes) plus the message CRC (4 bytes): the smallest message.
const MIN_MESSAGE: usize = 16;

/// A header's value: one of the format's ten types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HeaderValue {
    /// Types 0 (`true`) and 1 (`false`).
    Bool(bool),
    /// Type 2.
    Byte(i8),
    /// Type 3.
    Short(i16),
    /// Type 4.
    Int(i32),
    /// Type 5.
    Long(i64),
    /// Type 6: a byte array (a Smithy blob).
    Bytes(Bytes),
    /// Type 7.
    String(String),
    /// Type 8: milliseconds since the Unix epoch.
    Timestamp(i64),
    /// Type 9.
    Uuid([u8; 16]),
}

/// One message: its headers, in wire order, and its payload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Message {
    pub(crate) headers: Vec<(String, HeaderValue)>,
    pub(crate) payload: Bytes,
}

impl Message {
    /// The value of header `name`, if the message has it.
    pub(crate) fn header(&self, name: &str) -> Option<&HeaderValue> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The text of string header `name`, if the message has it.
    pub(crate) fn string_header(&self, name: &str) -> Option<&str> {
        match self.header(name) {
            Some(HeaderValue::String(s)) => Some(s),
            _ => None,
        }
    }
}

/// Why bytes are not a valid message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FrameError {
    /// The prelude's checksum does not match its lengths.
    PreludeCrc { expected: u32, computed: u32 },
    /// The message's checksum does not match its bytes.
    MessageCrc { expected: u32, computed: u32 },
    /// The message is longer than the decoder's limit.
    TooLarge { length: usize, limit: usize },
    /// The prelude's lengths do not fit together.
    InvalidLength { total: u32, headers: u32 },
    /// A header of a type the format does not have.
    UnknownHeaderType(u8),
    /// A header that does not fit in its message, or whose name or text is not UTF-8.
    InvalidHeader(&'static str),
    /// The stream ended inside a message (`buffered` bytes of it had arrived).
    Truncated { buffered: usize },
    // codegen:if event-input
    /// A message that cannot be written: a name over 255 bytes, a value over 32,767.
    Unencodable(&'static str),
    // codegen:end
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::PreludeCrc { expected, computed } => write!(f, "prelude checksum {computed:#010x} is not the {expected:#010x} sent"),
            FrameError::MessageCrc { expected, computed } => write!(f, "message checksum {computed:#010x} is not the {expected:#010x} sent"),
            FrameError::TooLarge { length, limit } => write!(f, "a message of {length} bytes is over the limit of {limit}"),
            FrameError::InvalidLength { total, headers } => write!(f, "headers of {headers} bytes do not fit in a message of {total}"),
            FrameError::UnknownHeaderType(t) => write!(f, "unknown header type {t}"),
            FrameError::InvalidHeader(why) => write!(f, "invalid header: {why}"),
            FrameError::Truncated { buffered } => write!(f, "the stream ended inside a message ({buffered} bytes of it)"),
            // codegen:if event-input
            FrameError::Unencodable(why) => write!(f, "cannot encode the message: {why}"),
            // codegen:end
        }
    }
}

impl std::error::Error for FrameError {}

/// Cuts messages out of a byte stream: push what arrives, take the messages it completes.
#[derive(Debug)]
pub(crate) struct FrameDecoder {
    buffer: BytesMut,
    limit: usize,
}

impl FrameDecoder {
    /// A decoder refusing messages over `limit` bytes (before any of them is buffered
    /// beyond the prelude).
    pub(crate) fn new(limit: usize) -> Self {
        FrameDecoder { buffer: BytesMut::new(), limit }
    }

    /// Refuses messages over `limit` bytes from now on.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// Adds bytes that arrived.
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete message, `None` until more bytes arrive. After an error the
    /// stream cannot be trusted: the caller ends it.
    pub(crate) fn next_message(&mut self) -> Result<Option<Message>, FrameError> {
        if self.buffer.len() < 12 {
            return Ok(None);
        }
        let total = u32::from_be_bytes(self.buffer[0..4].try_into().unwrap_or_default());
        let headers = u32::from_be_bytes(self.buffer[4..8].try_into().unwrap_or_default());
        let expected = u32::from_be_bytes(self.buffer[8..12].try_into().unwrap_or_default());
        let computed = crc32fast::hash(&self.buffer[..8]);
        if computed != expected {
            return Err(FrameError::PreludeCrc { expected, computed });
        }
        let length = total as usize;
        if length < MIN_MESSAGE || headers as usize > length - MIN_MESSAGE {
            return Err(FrameError::InvalidLength { total, headers });
        }
        if length > self.limit {
            return Err(FrameError::TooLarge { length, limit: self.limit });
        }
        if self.buffer.len() < length {
            // Room for the rest at once, not by doublings.
            self.buffer.reserve(length - self.buffer.len());
            return Ok(None);
        }
        let mut frame = self.buffer.split_to(length).freeze();
        let expected = u32::from_be_bytes(frame[length - 4..].try_into().unwrap_or_default());
        let computed = crc32fast::hash(&frame[..length - 4]);
        if computed != expected {
            return Err(FrameError::MessageCrc { expected, computed });
        }
        frame.truncate(length - 4);
        frame.advance(12);
        let mut header_bytes = frame.split_to(headers as usize);
        let mut out = Vec::new();
        while header_bytes.has_remaining() {
            out.push(read_header(&mut header_bytes)?);
        }
        Ok(Some(Message { headers: out, payload: frame }))
    }

    /// Checks that the stream ended between messages.
    pub(crate) fn finish(&self) -> Result<(), FrameError> {
        if self.buffer.is_empty() { Ok(()) } else { Err(FrameError::Truncated { buffered: self.buffer.len() }) }
    }
}

fn take<const N: usize>(bytes: &mut Bytes) -> Result<[u8; N], FrameError> {
    if bytes.remaining() < N {
        return Err(FrameError::InvalidHeader("it runs past the headers"));
    }
    let mut out = [0u8; N];
    bytes.copy_to_slice(&mut out);
    Ok(out)
}

fn take_bytes(bytes: &mut Bytes, len: usize) -> Result<Bytes, FrameError> {
    if bytes.remaining() < len {
        return Err(FrameError::InvalidHeader("it runs past the headers"));
    }
    Ok(bytes.split_to(len))
}

fn read_header(bytes: &mut Bytes) -> Result<(String, HeaderValue), FrameError> {
    let [name_len] = take::<1>(bytes)?;
    if name_len == 0 {
        return Err(FrameError::InvalidHeader("an empty name"));
    }
    let name = take_bytes(bytes, name_len as usize)?;
    let name = std::str::from_utf8(&name).map_err(|_| FrameError::InvalidHeader("a name that is not UTF-8"))?.to_owned();
    let [kind] = take::<1>(bytes)?;
    let value = match kind {
        0 => HeaderValue::Bool(true),
        1 => HeaderValue::Bool(false),
        2 => HeaderValue::Byte(i8::from_be_bytes(take(bytes)?)),
        3 => HeaderValue::Short(i16::from_be_bytes(take(bytes)?)),
        4 => HeaderValue::Int(i32::from_be_bytes(take(bytes)?)),
        5 => HeaderValue::Long(i64::from_be_bytes(take(bytes)?)),
        6 | 7 => {
            // At most 2^15 - 1 bytes, as the format defines them.
            let len = u16::from_be_bytes(take(bytes)?);
            if len > i16::MAX as u16 {
                return Err(FrameError::InvalidHeader("a value over 32,767 bytes"));
            }
            let len = usize::from(len);
            let data = take_bytes(bytes, len)?;
            if kind == 6 {
                HeaderValue::Bytes(data)
            } else {
                HeaderValue::String(String::from_utf8(data.to_vec()).map_err(|_| FrameError::InvalidHeader("a string that is not UTF-8"))?)
            }
        }
        8 => HeaderValue::Timestamp(i64::from_be_bytes(take(bytes)?)),
        9 => HeaderValue::Uuid(take(bytes)?),
        other => return Err(FrameError::UnknownHeaderType(other)),
    };
    Ok((name, value))
}

// codegen:if event-input
/// Writes `message`, framed, at the end of `out`.
/// Nothing is written when the message cannot be.
pub(crate) fn encode(message: &Message, out: &mut Vec<u8>) -> Result<(), FrameError> {
    encode_parts(&message.headers, &message.payload, out)
}

/// Writes a message of these headers and payload, framed, at the end of `out` (as
/// [`encode`] does, without the payload first copied into a [`Message`]).
pub(crate) fn encode_parts(headers: &[(String, HeaderValue)], payload: &[u8], out: &mut Vec<u8>) -> Result<(), FrameError> {
    let start = out.len();
    out.extend_from_slice(&[0; 12]);
    if let Err(e) = encode_headers(headers, out) {
        out.truncate(start);
        return Err(e);
    }
    let headers_len = out.len() - start - 12;
    out.extend_from_slice(payload);
    let total = out.len() - start + 4;
    let (total, headers_len) = match (u32::try_from(total), u32::try_from(headers_len)) {
        (Ok(t), Ok(h)) => (t, h),
        _ => {
            out.truncate(start);
            return Err(FrameError::Unencodable("a message over 4 GiB"));
        }
    };
    out[start..start + 4].copy_from_slice(&total.to_be_bytes());
    out[start + 4..start + 8].copy_from_slice(&headers_len.to_be_bytes());
    let prelude_crc = crc32fast::hash(&out[start..start + 8]);
    out[start + 8..start + 12].copy_from_slice(&prelude_crc.to_be_bytes());
    let message_crc = crc32fast::hash(&out[start..]);
    out.extend_from_slice(&message_crc.to_be_bytes());
    Ok(())
}

/// Writes `headers` as a message has them (what an event signature hashes of `:date`).
pub(crate) fn encode_headers(headers: &[(String, HeaderValue)], out: &mut Vec<u8>) -> Result<(), FrameError> {
    for (name, value) in headers {
        let name_len = u8::try_from(name.len()).map_err(|_| FrameError::Unencodable("a header name over 255 bytes"))?;
        if name_len == 0 {
            return Err(FrameError::Unencodable("an empty header name"));
        }
        out.push(name_len);
        out.extend_from_slice(name.as_bytes());
        let variable = |out: &mut Vec<u8>, kind: u8, data: &[u8]| -> Result<(), FrameError> {
            let len = u16::try_from(data.len())
                .ok()
                .filter(|l| *l <= i16::MAX as u16)
                .ok_or(FrameError::Unencodable("a header value over 32,767 bytes"))?;
            out.push(kind);
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(data);
            Ok(())
        };
        match value {
            HeaderValue::Bool(b) => out.push(if *b { 0 } else { 1 }),
            HeaderValue::Byte(v) => out.extend_from_slice(&[2, v.to_be_bytes()[0]]),
            HeaderValue::Short(v) => {
                out.push(3);
                out.extend_from_slice(&v.to_be_bytes());
            }
            HeaderValue::Int(v) => {
                out.push(4);
                out.extend_from_slice(&v.to_be_bytes());
            }
            HeaderValue::Long(v) => {
                out.push(5);
                out.extend_from_slice(&v.to_be_bytes());
            }
            HeaderValue::Bytes(data) => variable(out, 6, data)?,
            HeaderValue::String(text) => variable(out, 7, text.as_bytes())?,
            HeaderValue::Timestamp(millis) => {
                out.push(8);
                out.extend_from_slice(&millis.to_be_bytes());
            }
            HeaderValue::Uuid(id) => {
                out.push(9);
                out.extend_from_slice(id);
            }
        }
    }
    Ok(())
}

// The tests encode messages: only crates that send events have the encoder.
#[cfg(test)]
mod tests {
    use super::*;

    fn every_header() -> Message {
        Message {
            headers: vec![
                ("t".to_owned(), HeaderValue::Bool(true)),
                ("f".to_owned(), HeaderValue::Bool(false)),
                ("byte".to_owned(), HeaderValue::Byte(-3)),
                ("short".to_owned(), HeaderValue::Short(-300)),
                ("int".to_owned(), HeaderValue::Int(70_000)),
                ("long".to_owned(), HeaderValue::Long(-5_000_000_000)),
                ("bytes".to_owned(), HeaderValue::Bytes(Bytes::from_static(b"\x00\xff"))),
                (":event-type".to_owned(), HeaderValue::String("chunk".to_owned())),
                ("time".to_owned(), HeaderValue::Timestamp(1_700_000_000_123)),
                ("id".to_owned(), HeaderValue::Uuid([7; 16])),
            ],
            payload: Bytes::from_static(b"{\"text\":\"hi\"}"),
        }
    }

    fn encoded(message: &Message) -> Vec<u8> {
        let mut out = Vec::new();
        encode(message, &mut out).unwrap();
        out
    }

    #[test]
    fn a_message_laid_out_by_hand_decodes_and_encodes_the_same() {
        // CRC32 (IEEE) has the check value 0xcbf43926 for "123456789".
        assert_eq!(crc32fast::hash(b"123456789"), 0xcbf4_3926);
        // `:event-type: foo`, `:message-type: event`, payload `{'foo':'bar'}`, field by field
        // as the specification lays them out.
        let headers = [b"\x0b:event-type\x07\x00\x03foo".as_slice(), b"\x0d:message-type\x07\x00\x05event"].concat();
        let payload = b"{'foo':'bar'}";
        let total = (12 + headers.len() + payload.len() + 4) as u32;
        let mut bytes = [total.to_be_bytes(), (headers.len() as u32).to_be_bytes()].concat();
        let prelude_crc = crc32fast::hash(&bytes);
        bytes.extend_from_slice(&prelude_crc.to_be_bytes());
        bytes.extend_from_slice(&headers);
        bytes.extend_from_slice(payload);
        let crc = crc32fast::hash(&bytes);
        bytes.extend_from_slice(&crc.to_be_bytes());
        let mut decoder = FrameDecoder::new(DEFAULT_MAX_MESSAGE_SIZE);
        decoder.push(&bytes);
        let message = decoder.next_message().unwrap().unwrap();
        assert_eq!((message.string_header(":event-type"), message.string_header(":message-type")), (Some("foo"), Some("event")));
        assert_eq!(&message.payload[..], payload);
        assert_eq!(encoded(&message), bytes, "encoding gives the same bytes back");
    }

    #[test]
    fn the_compliance_suites_messages_decode_and_encode_the_same() {
        use base64::Engine;
        // `MultipleHeaderOutput` and `TimestampHeaderOutput` of the restJson1 event stream
        // tests (`smithy.test#eventStreamTests`), as the suite gives their bytes.
        let vectors = [
            "AAAAbwAAAF+FlHOQDTptZXNzYWdlLXR5cGUHAAVldmVudAs6ZXZlbnQtdHlwZQcAB2hlYWRlcnMNYm9vbGVhbkhlYWRlcgAMc3RyaW5nSGVhZGVyBwADZm9vCmJsb2JIZWFkZXIGAANiYXIDXbo7",
            "AAAAVQAAAEWTZyrNDTptZXNzYWdlLXR5cGUHAAVldmVudAs6ZXZlbnQtdHlwZQcAB2hlYWRlcnMPdGltZXN0YW1wSGVhZGVyCAAAAZLi7jFQ6uV3Eg==",
        ];
        let mut decoded = Vec::new();
        for vector in vectors {
            let bytes = base64::engine::general_purpose::STANDARD.decode(vector).unwrap();
            let mut decoder = FrameDecoder::new(DEFAULT_MAX_MESSAGE_SIZE);
            decoder.push(&bytes);
            let message = decoder.next_message().unwrap().unwrap();
            assert_eq!(encoded(&message), bytes);
            decoded.push(message);
        }
        let headers: Vec<_> = decoded[0].headers.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
        assert_eq!(
            headers,
            [
                (":message-type", HeaderValue::String("event".into())),
                (":event-type", HeaderValue::String("headers".into())),
                ("booleanHeader", HeaderValue::Bool(true)),
                ("stringHeader", HeaderValue::String("foo".into())),
                ("blobHeader", HeaderValue::Bytes(Bytes::from_static(b"bar"))),
            ]
        );
        // 2024-10-31T14:15:14Z, in milliseconds.
        assert_eq!(decoded[1].header("timestampHeader"), Some(&HeaderValue::Timestamp(1_730_384_114_000)));
    }

    #[test]
    fn every_header_type_round_trips_byte_by_byte() {
        let message = every_header();
        let bytes = encoded(&message);
        let mut decoder = FrameDecoder::new(DEFAULT_MAX_MESSAGE_SIZE);
        let mut found = Vec::new();
        // Byte by byte, then two messages in one push.
        for b in &bytes {
            decoder.push(std::slice::from_ref(b));
            if let Some(m) = decoder.next_message().unwrap() {
                found.push(m);
            }
        }
        decoder.push(&[bytes.clone(), bytes.clone()].concat());
        while let Some(m) = decoder.next_message().unwrap() {
            found.push(m);
        }
        assert_eq!(found, vec![message.clone(), message.clone(), message]);
        assert_eq!(decoder.finish(), Ok(()));
    }

    #[test]
    fn hostile_frames_are_errors() {
        let good = encoded(&every_header());
        let flip = |at: usize| {
            let mut b = good.clone();
            b[at] ^= 0x01;
            b
        };
        let with_prelude = |total: u32, headers: u32| {
            let mut b = total.to_be_bytes().to_vec();
            b.extend_from_slice(&headers.to_be_bytes());
            let crc = crc32fast::hash(&b);
            b.extend_from_slice(&crc.to_be_bytes());
            b
        };
        // A valid frame around the given header bytes.
        let framed = |headers: &[u8]| {
            let mut b = with_prelude(16 + headers.len() as u32, headers.len() as u32);
            b.extend_from_slice(headers);
            let crc = crc32fast::hash(&b);
            b.extend_from_slice(&crc.to_be_bytes());
            b
        };
        type Check = fn(&FrameError) -> bool;
        let cases: Vec<(&str, Vec<u8>, Check)> = vec![
            ("a bad prelude checksum", flip(9), |e| matches!(e, FrameError::PreludeCrc { .. })),
            ("a length changed under its checksum", flip(3), |e| matches!(e, FrameError::PreludeCrc { .. })),
            ("a bad message checksum", flip(good.len() - 1), |e| matches!(e, FrameError::MessageCrc { .. })),
            ("a flipped payload byte", flip(good.len() - 6), |e| matches!(e, FrameError::MessageCrc { .. })),
            ("4 GiB declared", with_prelude(u32::MAX, 0), |e| matches!(e, FrameError::TooLarge { length: 4_294_967_295, .. })),
            ("shorter than a prelude and checksum", with_prelude(15, 0), |e| matches!(e, FrameError::InvalidLength { .. })),
            ("headers longer than the message", with_prelude(20, 8), |e| matches!(e, FrameError::InvalidLength { .. })),
            ("an unknown header type", framed(b"\x01a\x0a"), |e| *e == FrameError::UnknownHeaderType(10)),
            ("an empty header name", framed(b"\x00\x00"), |e| matches!(e, FrameError::InvalidHeader(_))),
            ("a string past the headers", framed(b"\x01a\x07\x00\x09abc"), |e| matches!(e, FrameError::InvalidHeader(_))),
            ("a long cut short", framed(b"\x01a\x05\x00\x00"), |e| matches!(e, FrameError::InvalidHeader(_))),
            ("a name that is not UTF-8", framed(b"\x01\xff\x00"), |e| matches!(e, FrameError::InvalidHeader(_))),
            ("a string that is not UTF-8", framed(b"\x01a\x07\x00\x01\xff"), |e| matches!(e, FrameError::InvalidHeader(_))),
            ("a value over 32,767 bytes", framed(&[b"\x01a\x06\x80\x00".as_slice(), &[0; 32_768]].concat()), |e| {
                matches!(e, FrameError::InvalidHeader(_))
            }),
        ];
        for (name, bytes, expected) in cases {
            let mut decoder = FrameDecoder::new(DEFAULT_MAX_MESSAGE_SIZE);
            decoder.push(&bytes);
            match decoder.next_message() {
                Err(e) => assert!(expected(&e), "{name}: {e}"),
                Ok(m) => panic!("{name}: decoded {m:?}"),
            }
        }
        // A message over the caller's limit is refused from its prelude.
        let mut small = FrameDecoder::new(32);
        small.push(&good[..12]);
        assert_eq!(small.next_message(), Err(FrameError::TooLarge { length: good.len(), limit: 32 }));
        // A stream cut mid-message: nothing decoded, and the end says so.
        let mut cut = FrameDecoder::new(DEFAULT_MAX_MESSAGE_SIZE);
        cut.push(&good[..good.len() - 5]);
        assert_eq!(cut.next_message(), Ok(None));
        assert_eq!(cut.finish(), Err(FrameError::Truncated { buffered: good.len() - 5 }));
    }

    #[test]
    fn unencodable_messages_are_errors() {
        let long_name = Message { headers: vec![("n".repeat(256), HeaderValue::Bool(true))], payload: Bytes::new() };
        let long_value = Message { headers: vec![("n".to_owned(), HeaderValue::String("v".repeat(32_768)))], payload: Bytes::new() };
        let empty_name = Message { headers: vec![(String::new(), HeaderValue::Bool(true))], payload: Bytes::new() };
        for message in [long_name, long_value, empty_name] {
            // What was written before stays; nothing of the refused message does.
            let mut out = vec![7];
            assert!(matches!(encode(&message, &mut out), Err(FrameError::Unencodable(_))));
            assert_eq!(out, [7]);
        }
    }
}
// codegen:end
