//! [`ByteStream`]: the body of an output member that the model marks `@streaming`, read as
//! it arrives instead of buffered whole. (Copied only into crates whose model has one.)

use bytes::Bytes;

/// A streamed response body: read it a chunk at a time with [`next`](ByteStream::next),
/// or whole with [`collect`](ByteStream::collect). It holds the connection until it is
/// read to the end or dropped.
///
/// The client's `max_response_size` does not apply: a stream is as long as the object it
/// carries. Reading stops with an error if the connection fails or the attempt timeout
/// (if any) passes.
pub struct ByteStream {
    inner: Inner,
}

enum Inner {
    /// Bytes already in memory (the rest of them, once `next` has run).
    Buffered(Option<Bytes>),
    /// The body of a response, still arriving.
    Response(reqwest::Response),
}

impl ByteStream {
    /// A stream of bytes already in memory.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        ByteStream { inner: Inner::Buffered(Some(bytes.into())) }
    }

    /// The body of a response, as it arrives.
    pub(crate) fn from_response(response: reqwest::Response) -> Self {
        ByteStream { inner: Inner::Response(response) }
    }

    /// The next chunk: `None` at the end of the body.
    pub async fn next(&mut self) -> Option<Result<Bytes, ByteStreamError>> {
        match &mut self.inner {
            Inner::Buffered(bytes) => bytes.take().filter(|b| !b.is_empty()).map(Ok),
            Inner::Response(response) => response.chunk().await.map_err(ByteStreamError::new).transpose(),
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

impl std::fmt::Debug for ByteStream {
    /// Never the bytes (a body can be large, or secret): only how much is buffered.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.inner {
            Inner::Buffered(bytes) => f.debug_struct("ByteStream").field("buffered", &bytes.as_ref().map_or(0, Bytes::len)).finish(),
            Inner::Response(_) => f.debug_struct("ByteStream").field("streaming", &true).finish(),
        }
    }
}

/// Reading a [`ByteStream`] failed: the connection broke or the attempt timed out.
#[derive(Debug)]
pub struct ByteStreamError {
    source: reqwest::Error,
}

impl ByteStreamError {
    fn new(source: reqwest::Error) -> Self {
        ByteStreamError { source }
    }

    /// Whether the read stopped because the attempt timeout passed.
    pub fn is_timeout(&self) -> bool {
        self.source.is_timeout()
    }
}

impl std::fmt::Display for ByteStreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_timeout() { "reading the response body timed out" } else { "reading the response body failed" })
    }
}

impl std::error::Error for ByteStreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

#[cfg(test)]
mod tests {
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
}
