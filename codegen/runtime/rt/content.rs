//! Content steps the model asks of some operations' requests, run when the request is
//! built and so before signing: gzip compression (`@requestCompression`) and the
//! `Content-MD5` header (`@httpChecksumRequired`). (Copied only into crates whose model
//! uses one of them.)
//!
//! Compression uses `flate2` on its pure-Rust backend (miniz_oxide): no C zlib to build.
//! MD5 comes from RustCrypto's `md-5`.

// Each step is kept only in crates whose model uses it (the `codegen:` markers).

use super::HttpRequest;

use reqwest::header::HeaderValue;
// codegen:if compression
use crate::config::Config;
use reqwest::header::CONTENT_ENCODING;

/// Gzips the body when the configuration allows and the body is at least
/// [`Config::request_min_compression_size_bytes`] long (or always, for an operation with a
/// streaming input member), and appends `gzip` to `Content-Encoding`, after any encoding
/// the input set: the encodings are listed in the order they were applied. The error is a
/// threshold out of the range the spec allows.
pub(crate) fn gzip(request: &mut HttpRequest, config: &Config, streaming: bool) -> Result<(), String> {
    let threshold = config.request_min_compression_size_bytes();
    if threshold > MAX_COMPRESSION_THRESHOLD {
        return Err(format!("request_min_compression_size_bytes is {threshold}; it must be at most {MAX_COMPRESSION_THRESHOLD}"));
    }
    if config.disable_request_compression() || (!streaming && (request.body.len() as u64) < u64::from(threshold)) {
        return Ok(());
    }
    // codegen:if upload
    if let Some(upload) = &mut request.upload {
        // A body sent from a file or a stream is compressed as it is sent.
        upload.encoder = Some(GzipChunks::boxed);
        add_gzip_encoding(request);
        return Ok(());
    }
    // codegen:end
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(request.body.len() / 2), flate2::Compression::default());
    // Writing to a Vec cannot fail; should it, the body goes uncompressed.
    let Ok(compressed) = encoder.write_all(&request.body).and_then(|()| encoder.finish()) else { return Ok(()) };
    request.body = compressed;
    add_gzip_encoding(request);
    Ok(())
}

/// Appends `gzip` to `Content-Encoding` (or sets it).
fn add_gzip_encoding(request: &mut HttpRequest) {
    match request.headers.iter_mut().find(|(name, _)| name == CONTENT_ENCODING) {
        Some((_, value)) => {
            let mut joined = value.as_bytes().to_vec();
            joined.extend_from_slice(b", gzip");
            // The existing value was a valid header value and ", gzip" adds no control bytes.
            if let Ok(v) = HeaderValue::from_bytes(&joined) {
                *value = v;
            }
        }
        None => request.headers.push((CONTENT_ENCODING, HeaderValue::from_static("gzip"))),
    }
}
// codegen:if upload

/// Gzip applied to an upload chunk by chunk, as it is sent.
struct GzipChunks(flate2::write::GzEncoder<Vec<u8>>);

impl GzipChunks {
    fn boxed() -> Box<dyn crate::byte_stream::ChunkEncoder> {
        Box::new(GzipChunks(flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default())))
    }
}

impl crate::byte_stream::ChunkEncoder for GzipChunks {
    fn write(&mut self, chunk: &[u8]) -> std::io::Result<bytes::Bytes> {
        use std::io::Write as _;
        self.0.write_all(chunk)?;
        Ok(bytes::Bytes::from(std::mem::take(self.0.get_mut())))
    }

    fn finish(self: Box<Self>) -> std::io::Result<bytes::Bytes> {
        self.0.finish().map(bytes::Bytes::from)
    }
}
// codegen:end

/// The largest compression threshold the Smithy spec allows (10 MiB).
const MAX_COMPRESSION_THRESHOLD: u32 = 10_485_760;
// codegen:end
// codegen:if md5

/// Sets `Content-MD5` to the base64 MD5 of the body (RFC 1864), as `@httpChecksumRequired`
/// asks when no other checksum is chosen. The error is a body that is not in memory (a file
/// or a stream), whose digest cannot be known before it is sent.
pub(crate) fn set_md5(request: &mut HttpRequest) -> Result<(), String> {
    // codegen:if upload
    if request.upload.is_some() {
        return Err(
            "the operation needs a Content-MD5 of its body, which a body sent from a file or a stream cannot have: give the `ByteStream` bytes"
                .to_owned(),
        );
    }
    // codegen:end
    use base64::Engine as _;
    use md5::Digest as _;
    let digest = md5::Md5::digest(&request.body);
    let text = base64::engine::general_purpose::STANDARD.encode(digest);
    // Base64 text is always a valid header value.
    if let Ok(value) = HeaderValue::from_str(&text) {
        request.headers.push((reqwest::header::HeaderName::from_static("content-md5"), value));
    }
    Ok(())
}
// codegen:end

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    use reqwest::header::{HeaderName, HeaderValue};

    fn request(body: &[u8], headers: Vec<(HeaderName, HeaderValue)>) -> HttpRequest {
        HttpRequest {
            method: reqwest::Method::POST,
            uri: Cow::Borrowed("/"),
            headers,
            body: body.to_vec(),
            host_prefix: None,
            // codegen:if upload
            upload: None,
            // codegen:end
        }
    }

    // codegen:if compression
    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Read as _;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("valid gzip");
        out
    }

    #[test]
    fn compresses_from_the_threshold_on_and_appends_the_encoding() {
        let config = Config::builder().request_min_compression_size_bytes(4).build();
        let mut small = request(b"abc", Vec::new());
        gzip(&mut small, &config, false).unwrap();
        assert_eq!((small.body.as_slice(), small.headers.len()), (&b"abc"[..], 0));

        let mut big = request(b"abcd", vec![(CONTENT_ENCODING, HeaderValue::from_static("custom"))]);
        gzip(&mut big, &config, false).unwrap();
        assert_eq!(gunzip(&big.body), b"abcd");
        assert_eq!(big.headers, vec![(CONTENT_ENCODING, HeaderValue::from_static("custom, gzip"))]);

        let mut streamed = request(b"a", Vec::new());
        gzip(&mut streamed, &config, true).unwrap();
        assert_eq!(gunzip(&streamed.body), b"a");
        assert_eq!(streamed.headers, vec![(CONTENT_ENCODING, HeaderValue::from_static("gzip"))]);
    }

    #[test]
    fn compression_can_be_disabled() {
        let config = Config::builder().request_min_compression_size_bytes(0).disable_request_compression(true).build();
        let mut r = request(b"abcd", Vec::new());
        gzip(&mut r, &config, true).unwrap();
        assert_eq!((r.body.as_slice(), r.headers.len()), (&b"abcd"[..], 0));
    }

    #[test]
    fn a_threshold_above_10_mib_is_an_error() {
        let config = Config::builder().request_min_compression_size_bytes(10_485_761).build();
        let message = gzip(&mut request(b"abcd", Vec::new()), &config, false).unwrap_err();
        assert_eq!(message, "request_min_compression_size_bytes is 10485761; it must be at most 10485760");
        let config = Config::builder().request_min_compression_size_bytes(10_485_760).build();
        assert_eq!(gzip(&mut request(b"abcd", Vec::new()), &config, false), Ok(()));
    }

    // codegen:if upload
    #[test]
    fn uploads_are_gzipped_chunk_by_chunk() {
        let mut encoder = GzipChunks::boxed();
        let mut sent = Vec::new();
        let chunk: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
        for _ in 0..4 {
            sent.extend_from_slice(&encoder.write(&chunk).unwrap());
        }
        sent.extend_from_slice(&encoder.finish().unwrap());
        assert_eq!(gunzip(&sent), chunk.repeat(4));
    }

    #[tokio::test]
    async fn an_upload_is_marked_for_gzip_not_compressed_in_memory() {
        let config = Config::builder().build();
        let stream = crate::byte_stream::ByteStream::from_stream(crate::byte_stream::tests::script(&[b"abc"]), None);
        let mut r = request(b"", Vec::new());
        r.upload = stream.to_request("Body", false).unwrap().1;
        gzip(&mut r, &config, true).unwrap();
        assert!(r.upload.as_ref().is_some_and(|u| u.encoder.is_some()));
        assert_eq!((r.body.len(), &r.headers[..]), (0, &[(CONTENT_ENCODING, HeaderValue::from_static("gzip"))][..]));
    }
    // codegen:end
    // codegen:end
    // codegen:if md5
    #[test]
    fn md5_is_the_base64_digest() {
        // The MD5 of no bytes, d41d8cd98f00b204e9800998ecf8427e, in base64.
        let mut r = request(b"", Vec::new());
        set_md5(&mut r).unwrap();
        assert_eq!(r.headers, vec![(HeaderName::from_static("content-md5"), HeaderValue::from_static("1B2M2Y8AsgTpgAmY7PhCfg=="))]);
    }
    // codegen:if upload

    #[tokio::test]
    async fn md5_refuses_a_body_not_in_memory() {
        let path = std::env::temp_dir().join(format!("md5-upload-{}", std::process::id()));
        std::fs::write(&path, b"abc").unwrap();
        let mut r = request(b"", Vec::new());
        r.upload = crate::byte_stream::ByteStream::from_path(&path).await.unwrap().to_request("Body", false).unwrap().1;
        assert!(set_md5(&mut r).unwrap_err().contains("Content-MD5"));
        std::fs::remove_file(path).unwrap();
    }
    // codegen:end
    // codegen:end
}
