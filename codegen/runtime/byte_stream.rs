//! [`ByteStream`]: the body of a member that the model marks `@streaming`. As output, it is
//! read as it arrives instead of buffered whole; as input, it is sent from memory, from a
//! file, or from a stream of chunks, without being gathered first. (Copied only into
//! crates whose model has one.)

use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};

use bytes::Bytes;

/// What a chunk source can fail with.
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A stream of chunks, boxed.
type Chunks = Pin<Box<dyn futures_core::Stream<Item = Result<Bytes, BoxError>> + Send>>;

/// The body of a `@streaming` member.
///
/// **Reading** (an output): a chunk at a time with [`next`](ByteStream::next), or whole
/// with [`collect`](ByteStream::collect). A response body holds the connection until it is
/// read to the end or dropped. The client's `max_response_size` does not apply: a stream is
/// as long as the object it carries. Reading stops with an error if the connection fails or
/// the attempt timeout (if any) passes.
///
/// **Sending** (an input): from bytes in memory (`From<Vec<u8>>`, `From<Bytes>`, ...), from
/// a file with [`from_path`](ByteStream::from_path), or from any stream of chunks with
/// [`from_stream`](ByteStream::from_stream).
///
/// | source | sent with | retried |
/// | --- | --- | --- |
/// | bytes | `Content-Length` | yes |
/// | file | `Content-Length` (its size when opened) | yes: the file is read again |
/// | stream, length given | `Content-Length` | no: a stream is read once |
/// | stream, no length | chunked transfer encoding | no |
///
/// A body that is not in memory is left out of a SigV4 signature (`UNSIGNED-PAYLOAD`, as
/// for operations marked `@unsignedPayload`): it cannot be hashed before it is sent.
pub struct ByteStream {
    inner: Inner,
}

enum Inner {
    /// Bytes already in memory (the rest of them, once `next` has run).
    Buffered(Option<Bytes>),
    /// A file, opened when read or sent (again for each attempt that sends it).
    File { path: PathBuf, length: u64 },
    /// Chunks arriving from elsewhere: a response body, a file being read, or a stream the
    /// caller gave. Read or sent once. (A lock only so that a request can take the chunks
    /// from a borrowed input; reading through `&mut self` never waits on it.)
    Source { source: Mutex<Option<Source>>, length: Option<u64> },
}

/// Where chunks come from.
enum Source {
    // codegen:if download event-stream
    /// An HTTP body (a response's, as it arrives).
    Http(reqwest::Body),
    // codegen:end
    /// An open file.
    File(tokio::fs::File),
    /// A stream the caller gave.
    Chunks(Chunks),
}

/// How much of a file is read per chunk.
const FILE_CHUNK: usize = 64 * 1024;

impl Source {
    /// The next chunk (`None` at the end).
    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, BoxError>>> {
        match self {
            // codegen:if download event-stream
            Source::Http(body) => loop {
                use http_body::Body as _;
                match std::task::ready!(Pin::new(&mut *body).poll_frame(cx)) {
                    None => return Poll::Ready(None),
                    Some(Err(e)) => return Poll::Ready(Some(Err(e.into()))),
                    // Trailers and empty chunks carry no bytes: wait for the next frame.
                    Some(Ok(frame)) => {
                        if let Ok(data) = frame.into_data()
                            && !data.is_empty()
                        {
                            return Poll::Ready(Some(Ok(data)));
                        }
                    }
                }
            },
            // codegen:end
            Source::File(file) => {
                use tokio::io::AsyncRead as _;
                let mut buffer = vec![0; FILE_CHUNK];
                let mut read = tokio::io::ReadBuf::new(&mut buffer);
                match std::task::ready!(Pin::new(file).poll_read(cx, &mut read)) {
                    Err(e) => Poll::Ready(Some(Err(e.into()))),
                    Ok(()) if read.filled().is_empty() => Poll::Ready(None),
                    Ok(()) => {
                        let filled = read.filled().len();
                        buffer.truncate(filled);
                        Poll::Ready(Some(Ok(Bytes::from(buffer))))
                    }
                }
            }
            Source::Chunks(chunks) => chunks.as_mut().poll_next(cx),
        }
    }
}

impl ByteStream {
    /// A stream of bytes already in memory.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        ByteStream { inner: Inner::Buffered(Some(bytes.into())) }
    }

    /// The contents of a file, read as they are sent (or read). Its size is taken now and
    /// sent as `Content-Length`; the file must not change size before it is sent. Each
    /// attempt reads it again from the start, so requests from a file are retried.
    pub async fn from_path(path: impl Into<PathBuf>) -> std::io::Result<Self> {
        let path = path.into();
        let metadata = tokio::fs::metadata(&path).await?;
        if !metadata.is_file() {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{} is not a file", path.display())));
        }
        Ok(ByteStream { inner: Inner::File { path, length: metadata.len() } })
    }

    /// The chunks of `stream`, sent as they come. With a `length`, the request says it in
    /// `Content-Length` and the stream must yield exactly that many bytes; without one, the
    /// body is sent with chunked transfer encoding (which operations whose model says
    /// `@requiresLength` refuse). A stream is read once, so its request is not retried.
    pub fn from_stream<S, E>(stream: S, length: Option<u64>) -> Self
    where
        S: futures_core::Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        let chunks: Chunks = Box::pin(MapErr(Box::pin(stream)));
        ByteStream { inner: Inner::Source { source: Mutex::new(Some(Source::Chunks(chunks))), length } }
    }
    // codegen:if download event-stream

    /// The body of a response, as it arrives.
    pub(crate) fn from_response(response: reqwest::Response) -> Self {
        let length = response.content_length();
        ByteStream { inner: Inner::Source { source: Mutex::new(Some(Source::Http(reqwest::Body::from(response)))), length } }
    }
    // codegen:end

    // codegen:if initial-response

    /// `prefix` (bytes already read), then the rest of `rest`.
    pub(crate) fn prefixed(prefix: Bytes, rest: ByteStream) -> Self {
        ByteStream::from_stream(Prefixed { prefix: Some(prefix).filter(|p| !p.is_empty()), rest }, None)
    }
    // codegen:end

    /// The number of bytes, when known before reading: bytes in memory, a file, a stream
    /// given a length, or a response that said its `Content-Length`.
    pub fn length(&self) -> Option<u64> {
        match &self.inner {
            Inner::Buffered(bytes) => Some(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Inner::File { length, .. } => Some(*length),
            Inner::Source { length, .. } => *length,
        }
    }

    /// The next chunk: `None` at the end of the body.
    pub async fn next(&mut self) -> Option<Result<Bytes, ByteStreamError>> {
        if let Inner::File { path, length } = &self.inner {
            let length = Some(*length);
            match tokio::fs::File::open(&path).await {
                Ok(file) => self.inner = Inner::Source { source: Mutex::new(Some(Source::File(file))), length },
                Err(e) => return Some(Err(ByteStreamError::new(e.into()))),
            }
        }
        std::future::poll_fn(|cx| self.poll_chunk(cx)).await
    }

    /// The next chunk, for readers that are polled themselves: bytes in memory, or what a
    /// stream or response yields (a file is opened by [`next`](Self::next) first).
    pub(crate) fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, ByteStreamError>>> {
        match &mut self.inner {
            Inner::Buffered(bytes) => Poll::Ready(bytes.take().filter(|b| !b.is_empty()).map(Ok)),
            Inner::File { .. } => Poll::Ready(Some(Err(ByteStreamError::new("a file is read with `next`".into())))),
            Inner::Source { source, .. } => {
                // Nothing else can hold the lock: `self` is borrowed mutably.
                match source.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner).as_mut() {
                    Some(source) => source.poll_chunk(cx).map(|chunk| chunk.map(|r| r.map_err(ByteStreamError::new))),
                    None => Poll::Ready(None),
                }
            }
        }
    }

    /// The whole body, read to the end.
    pub async fn collect(mut self) -> Result<Bytes, ByteStreamError> {
        if let Inner::Buffered(bytes) = &mut self.inner {
            return Ok(bytes.take().unwrap_or_default());
        }
        let mut all = Vec::new();
        while let Some(chunk) = self.next().await {
            all.extend_from_slice(&chunk?);
        }
        Ok(Bytes::from(all))
    }
    // codegen:if blob-upload

    /// This stream as a request body: bytes in memory as they are (`None` for the
    /// upload), anything else as an [`Upload`] (and no bytes). A stream is taken out of
    /// `self` (it is sent once). `requires_length` is the target's `@requiresLength`.
    pub(crate) fn to_request(&self, member: &str, requires_length: bool) -> Result<(Vec<u8>, Option<Upload>), String> {
        let upload = match &self.inner {
            Inner::Buffered(bytes) => return Ok((bytes.as_ref().map(|b| b.to_vec()).unwrap_or_default(), None)),
            Inner::File { path, length } => Upload {
                from: UploadFrom::File(path.clone()),
                length: Some(*length),
                encoder: None,
                // codegen:if event-input
                events: false,
                // codegen:end
            },
            Inner::Source { source, length } => {
                let taken = source.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
                let source = taken.ok_or_else(|| format!("the `{member}` stream was already sent or read"))?;
                Upload {
                    from: UploadFrom::Once(Mutex::new(Some(source))),
                    length: *length,
                    encoder: None,
                    // codegen:if event-input
                    events: false,
                    // codegen:end
                }
            }
        };
        if requires_length && upload.length.is_none() {
            return Err(format!(
                "`{member}` must have a known length (the model marks it `@requiresLength`): give `ByteStream::from_stream` a length"
            ));
        }
        Ok((Vec::new(), Some(upload)))
    }
    // codegen:end
}

impl Default for ByteStream {
    /// An empty stream.
    fn default() -> Self {
        ByteStream::new(Bytes::new())
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        ByteStream::new(bytes)
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        ByteStream::new(bytes)
    }
}

impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        ByteStream::new(Bytes::from_static(bytes))
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        ByteStream::new(text)
    }
}

impl From<&'static str> for ByteStream {
    fn from(text: &'static str) -> Self {
        ByteStream::new(Bytes::from_static(text.as_bytes()))
    }
}

impl std::fmt::Debug for ByteStream {
    /// Never the bytes (a body can be large, or secret): where they come from and how many.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("ByteStream");
        match &self.inner {
            Inner::Buffered(bytes) => s.field("buffered", &bytes.as_ref().map_or(0, Bytes::len)),
            Inner::File { path, length } => s.field("file", path).field("length", length),
            Inner::Source { length, .. } => s.field("streaming", &true).field("length", length),
        }
        .finish()
    }
}

/// Reading a [`ByteStream`] failed: the connection broke, the attempt timed out, the file
/// could not be read, or the stream it was made from failed.
#[derive(Debug)]
pub struct ByteStreamError {
    source: BoxError,
}

impl ByteStreamError {
    fn new(source: BoxError) -> Self {
        ByteStreamError { source }
    }

    /// Whether the read stopped because the attempt timeout passed.
    pub fn is_timeout(&self) -> bool {
        self.source.downcast_ref::<reqwest::Error>().is_some_and(reqwest::Error::is_timeout)
    }
}

impl std::fmt::Display for ByteStreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_timeout() { "reading the body timed out" } else { "reading the body failed" })
    }
}

impl std::error::Error for ByteStreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// A stream with its errors boxed. (The stream is boxed too, so this is `Unpin` whatever
/// the stream is, and polling it needs no pin projection.)
struct MapErr<S>(Pin<Box<S>>);

impl<S, E> futures_core::Stream for MapErr<S>
where
    S: futures_core::Stream<Item = Result<Bytes, E>>,
    E: Into<BoxError>,
{
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx).map(|item| item.map(|r| r.map_err(Into::into)))
    }
}

// codegen:if initial-response

/// Bytes already read, then the rest of the stream they came from.
struct Prefixed {
    prefix: Option<Bytes>,
    rest: ByteStream,
}

impl futures_core::Stream for Prefixed {
    type Item = Result<Bytes, ByteStreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match self.prefix.take() {
            Some(prefix) => Poll::Ready(Some(Ok(prefix))),
            None => self.rest.poll_chunk(cx),
        }
    }
}
// codegen:end
// codegen:if upload

/// A request body that is not in memory, sent by each attempt that can send it.
pub(crate) struct Upload {
    from: UploadFrom,
    /// Sent as `Content-Length` when known.
    length: Option<u64>,
    /// Encodes the chunks as they are sent (gzip, for `@requestCompression`): makes a
    /// fresh encoder for each attempt.
    pub(crate) encoder: Option<fn() -> Box<dyn ChunkEncoder>>,
    // codegen:if event-input
    /// The chunks are event-stream messages, one each (signed one by one under SigV4).
    pub(crate) events: bool,
    // codegen:end
}

/// A content encoding applied chunk by chunk.
pub(crate) trait ChunkEncoder: Send + Sync {
    /// Encodes a chunk; the bytes ready so far (possibly none: encoders work in blocks).
    fn write(&mut self, chunk: &[u8]) -> std::io::Result<Bytes>;
    /// The last bytes, once the source has ended.
    fn finish(self: Box<Self>) -> std::io::Result<Bytes>;
}

enum UploadFrom {
    // codegen:if blob-upload
    /// Opened again by each attempt.
    File(PathBuf),
    // codegen:end
    /// Taken by the first attempt.
    Once(Mutex<Option<Source>>),
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload").field("replayable", &self.replayable()).field("length", &self.length).finish()
    }
}

impl Upload {
    // codegen:if event-input
    /// A body of event-stream messages, one per chunk, sent once.
    pub(crate) fn events(messages: Chunks) -> Upload {
        Upload { from: UploadFrom::Once(Mutex::new(Some(Source::Chunks(messages)))), length: None, encoder: None, events: true }
    }
    // codegen:end

    /// Whether a second attempt can send the body again.
    pub(crate) fn replayable(&self) -> bool {
        !matches!(self.from, UploadFrom::Once(_))
    }

    /// The body for one attempt; `signer` encodes its chunks in place of the upload's own
    /// encoder (the event signer of an event stream under SigV4).
    pub(crate) async fn body(&self, signer: Option<Box<dyn ChunkEncoder>>) -> Result<reqwest::Body, String> {
        let source = match &self.from {
            // codegen:if blob-upload
            UploadFrom::File(path) => Source::File(tokio::fs::File::open(path).await.map_err(|e| format!("opening {}: {e}", path.display()))?),
            // codegen:end
            UploadFrom::Once(once) => {
                let taken = once.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
                taken.ok_or("the body stream was sent by an earlier attempt and cannot be sent again")?
            }
        };
        let encoder = signer.or_else(|| self.encoder.map(|make| make()));
        // An encoded body's length is not known in advance.
        let length = if encoder.is_some() { None } else { self.length };
        Ok(reqwest::Body::wrap(UploadBody { source: Mutex::new(source), length, encoder, done: false }))
    }
}

/// An [`Upload`]'s chunks as an HTTP body, with its exact length when known (hyper sends
/// it as `Content-Length`; without it, the body goes chunked).
struct UploadBody {
    /// Locked only to make the body `Sync`, as reqwest asks; polling never waits on it.
    source: Mutex<Source>,
    length: Option<u64>,
    encoder: Option<Box<dyn ChunkEncoder>>,
    /// The source has ended (and the encoder finished): never polled again.
    done: bool,
}

impl http_body::Body for UploadBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<http_body::Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        let source = this.source.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        loop {
            let chunk = std::task::ready!(source.poll_chunk(cx));
            this.done = chunk.is_none();
            let Some(encoder) = &mut this.encoder else { return Poll::Ready(chunk.map(|r| r.map(http_body::Frame::data))) };
            match chunk {
                Some(Ok(bytes)) => match encoder.write(&bytes) {
                    // Compressed data comes out in blocks: read on until a block is ready.
                    Ok(out) if out.is_empty() => continue,
                    Ok(out) => return Poll::Ready(Some(Ok(http_body::Frame::data(out)))),
                    Err(e) => return Poll::Ready(Some(Err(e.into()))),
                },
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None => {
                    let Some(encoder) = this.encoder.take() else { return Poll::Ready(None) };
                    return Poll::Ready(Some(encoder.finish().map(http_body::Frame::data).map_err(Into::into)));
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.done || self.length == Some(0)
    }

    fn size_hint(&self) -> http_body::SizeHint {
        match self.length {
            Some(length) => http_body::SizeHint::with_exact(length),
            None => http_body::SizeHint::default(),
        }
    }
}
// codegen:end

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[tokio::test]
    async fn buffered_bytes_come_out_once() {
        let mut stream = ByteStream::from(&b"abc"[..]);
        assert_eq!(stream.next().await.unwrap().unwrap(), Bytes::from_static(b"abc"));
        assert!(stream.next().await.is_none());
        assert_eq!(ByteStream::from(vec![1, 2]).collect().await.unwrap(), Bytes::from(vec![1, 2]));
        assert!(ByteStream::default().next().await.is_none());
        assert_eq!(format!("{:?}", ByteStream::from(String::from("secret"))), "ByteStream { buffered: 6 }");
    }

    /// A stream of the given chunks (futures-core's trait, without futures-util).
    pub(crate) struct Script(std::collections::VecDeque<Result<Bytes, std::io::Error>>);

    impl futures_core::Stream for Script {
        type Item = Result<Bytes, std::io::Error>;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Ready(self.0.pop_front())
        }
    }

    pub(crate) fn script(chunks: &[&'static [u8]]) -> Script {
        Script(chunks.iter().map(|c| Ok(Bytes::from_static(c))).collect())
    }

    fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
        let path = std::env::temp_dir().join(format!("byte-stream-{name}-{}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[tokio::test]
    async fn a_file_is_read_in_chunks_and_says_its_length() {
        let data: Vec<u8> = (0..150_000u32).map(|i| (i % 253) as u8).collect();
        let path = temp_file("read", &data);
        let mut stream = ByteStream::from_path(&path).await.unwrap();
        assert_eq!(stream.length(), Some(150_000));
        assert!(format!("{stream:?}").contains("length: 150000"), "{stream:?}");
        let mut sizes = Vec::new();
        let mut read = Vec::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.unwrap();
            sizes.push(chunk.len());
            read.extend_from_slice(&chunk);
        }
        assert_eq!(read, data);
        assert!(sizes.len() >= 3 && sizes.iter().all(|s| *s <= FILE_CHUNK), "{sizes:?}");
        std::fs::remove_file(&path).unwrap();
        assert!(ByteStream::from_path(&path).await.is_err(), "a missing file");
        assert!(ByteStream::from_path(std::env::temp_dir()).await.is_err(), "a directory");
    }

    #[tokio::test]
    async fn a_stream_is_read_through_and_its_errors_kept() {
        let stream = ByteStream::from_stream(script(&[b"ab", b"", b"cd"]), Some(4));
        assert_eq!(stream.length(), Some(4));
        assert_eq!(format!("{stream:?}"), "ByteStream { streaming: true, length: Some(4) }");
        assert_eq!(stream.collect().await.unwrap(), Bytes::from_static(b"abcd"));
        let failing = Script([Ok(Bytes::from_static(b"a")), Err(std::io::Error::other("disk gone"))].into_iter().collect());
        let error = ByteStream::from_stream(failing, None).collect().await.unwrap_err();
        assert!(!error.is_timeout());
        assert_eq!(error.to_string(), "reading the body failed");
        assert_eq!(std::error::Error::source(&error).unwrap().to_string(), "disk gone");
    }
    // codegen:if blob-upload

    #[tokio::test]
    async fn requests_take_bytes_as_they_are_and_streams_once() {
        let (body, upload) = ByteStream::from("abc").to_request("Body", true).unwrap();
        assert_eq!((body.as_slice(), upload.is_none()), (&b"abc"[..], true));

        let stream = ByteStream::from_stream(script(&[b"abc"]), None);
        let (body, upload) = stream.to_request("Body", false).unwrap();
        let upload = upload.unwrap();
        assert!(body.is_empty() && !upload.replayable());
        assert_eq!(stream.to_request("Body", false).unwrap_err(), "the `Body` stream was already sent or read");
        upload.body(None).await.unwrap();
        assert!(upload.body(None).await.unwrap_err().contains("cannot be sent again"));

        let unsized_stream = ByteStream::from_stream(script(&[b"abc"]), None);
        assert!(unsized_stream.to_request("Body", true).unwrap_err().contains("@requiresLength"));
        let sized = ByteStream::from_stream(script(&[b"abc"]), Some(3));
        assert!(sized.to_request("Body", true).unwrap().1.is_some());

        let path = temp_file("upload", b"file body");
        let file = ByteStream::from_path(&path).await.unwrap();
        let upload = file.to_request("Body", true).unwrap().1.unwrap();
        assert!(upload.replayable());
        for _ in 0..2 {
            let body = upload.body(None).await.unwrap();
            assert_eq!(http_body::Body::size_hint(&body).exact(), Some(9));
            let bytes = http_body_util::BodyExt::collect(body).await.unwrap().to_bytes();
            assert_eq!(bytes, Bytes::from_static(b"file body"));
        }
        std::fs::remove_file(&path).unwrap();
        assert!(upload.body(None).await.unwrap_err().starts_with("opening "), "the file is gone");
    }

    /// Doubles every byte, and ends with a marker: enough to see an encoder at work.
    struct Doubler;

    impl ChunkEncoder for Doubler {
        fn write(&mut self, chunk: &[u8]) -> std::io::Result<Bytes> {
            Ok(chunk.iter().flat_map(|b| [*b, *b]).collect::<Vec<u8>>().into())
        }
        fn finish(self: Box<Self>) -> std::io::Result<Bytes> {
            Ok(Bytes::from_static(b"!"))
        }
    }

    #[tokio::test]
    async fn an_encoded_upload_has_no_length_and_ends_with_the_encoder() {
        let stream = ByteStream::from_stream(script(&[b"ab", b"c"]), Some(3));
        let mut upload = stream.to_request("Body", false).unwrap().1.unwrap();
        upload.encoder = Some(|| Box::new(Doubler));
        let body = upload.body(None).await.unwrap();
        assert_eq!(http_body::Body::size_hint(&body).exact(), None);
        let bytes = http_body_util::BodyExt::collect(body).await.unwrap().to_bytes();
        assert_eq!(bytes, Bytes::from_static(b"aabbcc!"));
    }
    // codegen:end
}
