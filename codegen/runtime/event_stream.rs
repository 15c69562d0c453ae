//! Event streams of responses: an operation whose output has a `@streaming` union returns
//! once the response's head is in, with an [`EventReceiver`] that yields the union's events
//! as their messages arrive (`application/vnd.amazon.eventstream` framing, both checksums
//! checked before a message is read). A modeled exception event ends the stream with its
//! typed error; an event of a type this client does not know is kept as the union's
//! `Unknown` variant, so a service that adds events breaks no caller.

use std::pin::Pin;
use std::task::{Context, Poll};

use crate::byte_stream::{ByteStream, ByteStreamError};
// codegen:if-used crate::event_stream::header
// codegen:if primitives
use crate::primitives::{Blob, DateTime};
// codegen:end
use crate::rt::event_frame::HeaderValue;
// codegen:end
use crate::rt::event_frame::{DEFAULT_MAX_MESSAGE_SIZE, FrameDecoder, Message};

/// What the generated code makes of a message of type `event` or `exception`: the event,
/// or the modeled error an exception carries; an error text when the message does not fit.
pub(crate) type ReadEvent<T, E> = fn(&Message) -> Result<Result<T, E>, String>;

/// The events of an output event stream, in the order they arrive.
///
/// Read them with [`recv`](Self::recv), or as a `futures_core::Stream` of
/// `Result<T, EventStreamError<E>>`. After the stream ends (`Ok(None)`) or fails, it stays
/// ended.
pub struct EventReceiver<T, E> {
    body: ByteStream,
    frames: FrameDecoder,
    read: ReadEvent<T, E>,
    ended: bool,
}

impl<T, E> EventReceiver<T, E> {
    /// Events read from `body` by `read`, refusing messages over 16 MiB (until
    /// [`limit_messages`](Self::limit_messages) says otherwise).
    pub(crate) fn new(body: ByteStream, read: ReadEvent<T, E>) -> Self {
        EventReceiver { body, frames: FrameDecoder::new(DEFAULT_MAX_MESSAGE_SIZE), read, ended: false }
    }

    /// Refuses messages over `limit` bytes from now on.
    pub(crate) fn limit_messages(&mut self, limit: usize) {
        self.frames.set_limit(limit);
    }

    /// The next event: `Ok(None)` once the stream has ended cleanly, an error when it ends
    /// otherwise (a modeled exception, an error event, a broken frame, a lost connection).
    pub async fn recv(&mut self) -> Result<Option<T>, EventStreamError<E>> {
        std::future::poll_fn(|cx| self.poll_recv(cx)).await
    }

    fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Result<Option<T>, EventStreamError<E>>> {
        loop {
            if self.ended {
                return Poll::Ready(Ok(None));
            }
            match self.frames.next_message() {
                Ok(Some(message)) => {
                    let event = self.event(&message);
                    self.ended = event.is_err();
                    return Poll::Ready(event.map(Some));
                }
                Ok(None) => {}
                Err(e) => return self.end(EventStreamError::InvalidStream(e.to_string())),
            }
            match std::task::ready!(self.body.poll_chunk(cx)) {
                Some(Ok(chunk)) => self.frames.push(&chunk),
                Some(Err(e)) => return self.end(EventStreamError::Transport(e)),
                None => {
                    self.ended = true;
                    return Poll::Ready(match self.frames.finish() {
                        Ok(()) => Ok(None),
                        Err(e) => Err(EventStreamError::InvalidStream(e.to_string())),
                    });
                }
            }
        }
    }

    fn end(&mut self, error: EventStreamError<E>) -> Poll<Result<Option<T>, EventStreamError<E>>> {
        self.ended = true;
        Poll::Ready(Err(error))
    }

    /// The event a message carries, or the error that ends the stream.
    fn event(&self, message: &Message) -> Result<T, EventStreamError<E>> {
        match message.string_header(":message-type") {
            Some("event" | "exception") => match (self.read)(message) {
                Ok(Ok(event)) => Ok(event),
                Ok(Err(modeled)) => Err(EventStreamError::Modeled(modeled)),
                Err(why) => Err(EventStreamError::InvalidEvent(why)),
            },
            Some("error") => Err(EventStreamError::Unmodeled {
                code: message.string_header(":error-code").unwrap_or_default().to_owned(),
                message: message.string_header(":error-message").unwrap_or_default().to_owned(),
            }),
            Some(other) => Err(EventStreamError::InvalidEvent(format!("unknown message type `{other}`"))),
            None => Err(EventStreamError::InvalidEvent(String::from("a message without `:message-type`"))),
        }
    }
}

/// A stream without events (what an output built by hand holds).
impl<T, E> Default for EventReceiver<T, E> {
    fn default() -> Self {
        EventReceiver::new(ByteStream::default(), |_| Err(String::from("no events")))
    }
}

// codegen:if-used crate::event_stream::header
/// A value read from an event header (`@eventHeader` members).
pub(crate) trait FromHeader: Sized {
    fn from_header(value: &HeaderValue) -> Option<Self>;
}

/// The value of header `name` of `message` as `T`: `None` without the header, an error when
/// it has another type.
pub(crate) fn header<T: FromHeader>(message: &Message, name: &str) -> Result<Option<T>, String> {
    match message.header(name) {
        None => Ok(None),
        Some(value) => T::from_header(value).map(Some).ok_or_else(|| format!("event header `{name}` has the wrong type")),
    }
}

macro_rules! from_header {
    ($($t:ty => $variant:ident),*) => {$(
        impl FromHeader for $t {
            fn from_header(value: &HeaderValue) -> Option<Self> {
                match value {
                    HeaderValue::$variant(v) => Some(v.clone()),
                    _ => None,
                }
            }
        }
    )*};
}
from_header!(bool => Bool, i8 => Byte, i16 => Short, i32 => Int, i64 => Long, String => String);
// codegen:if primitives

impl FromHeader for Blob {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        match value {
            HeaderValue::Bytes(b) => Some(Blob::new(b.to_vec())),
            _ => None,
        }
    }
}

/// Milliseconds since the epoch.
impl FromHeader for DateTime {
    fn from_header(value: &HeaderValue) -> Option<Self> {
        match value {
            HeaderValue::Timestamp(ms) => Some(DateTime::from_secs_and_nanos(ms.div_euclid(1000), (ms.rem_euclid(1000) * 1_000_000) as u32)),
            _ => None,
        }
    }
}
// codegen:end
// codegen:end

impl<T, E> futures_core::Stream for EventReceiver<T, E> {
    type Item = Result<T, EventStreamError<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_recv(cx).map(Result::transpose)
    }
}

impl<T, E> std::fmt::Debug for EventReceiver<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventReceiver").field("ended", &self.ended).finish_non_exhaustive()
    }
}

/// Why an event stream ended before its end.
#[derive(Debug)]
#[non_exhaustive]
pub enum EventStreamError<E> {
    /// The service sent one of the stream's modeled exceptions.
    Modeled(E),
    /// The service sent an error event (`:message-type: error`) the model does not name.
    Unmodeled {
        /// Its `:error-code`.
        code: String,
        /// Its `:error-message`.
        message: String,
    },
    /// The bytes are not a valid event stream: a checksum that does not match, a message
    /// over the size limit, a header of an unknown type, or a stream cut inside a message.
    InvalidStream(String),
    /// A message is framed correctly but does not fit the event it names.
    InvalidEvent(String),
    /// Reading the response failed: the connection broke or the attempt timed out.
    Transport(ByteStreamError),
}

impl<E: std::fmt::Display> std::fmt::Display for EventStreamError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EventStreamError::Modeled(e) => write!(f, "the event stream ended with an error: {e}"),
            EventStreamError::Unmodeled { code, message } => write!(f, "the event stream ended with error {code}: {message}"),
            EventStreamError::InvalidStream(why) => write!(f, "invalid event stream: {why}"),
            EventStreamError::InvalidEvent(why) => write!(f, "invalid event: {why}"),
            EventStreamError::Transport(e) => write!(f, "the event stream broke off: {e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for EventStreamError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EventStreamError::Modeled(e) => Some(e),
            EventStreamError::Transport(e) => Some(e),
            _ => None,
        }
    }
}

// The tests frame their messages with the encoder: only crates that send events have it.
// codegen:if-used crate::rt::event_frame::encode
#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;
    use crate::rt::event_frame::{HeaderValue, encode};

    #[derive(Debug, PartialEq)]
    enum Event {
        Chunk(String),
        Unknown,
    }

    #[derive(Debug, PartialEq)]
    struct Throttled(String);

    impl std::fmt::Display for Throttled {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "throttled: {}", self.0)
        }
    }

    fn read(message: &Message) -> Result<Result<Event, Throttled>, String> {
        let text = || std::str::from_utf8(&message.payload).map(str::to_owned).map_err(|_| String::from("not UTF-8"));
        match (message.string_header(":event-type"), message.string_header(":exception-type")) {
            (Some("chunk"), _) => Ok(Ok(Event::Chunk(text()?))),
            (_, Some("throttled")) => Ok(Err(Throttled(text()?))),
            (Some(_), _) => Ok(Ok(Event::Unknown)),
            _ => Err(String::from("no event type")),
        }
    }

    fn message(kind: &str, headers: &[(&str, &str)], payload: &str) -> Vec<u8> {
        let mut all = vec![(String::from(":message-type"), HeaderValue::String(kind.to_owned()))];
        all.extend(headers.iter().map(|(k, v)| ((*k).to_owned(), HeaderValue::String((*v).to_owned()))));
        let mut out = Vec::new();
        encode(&Message { headers: all, payload: Bytes::from(payload.to_owned()) }, &mut out).unwrap();
        out
    }

    /// A receiver over `bytes`, delivered in chunks of `chunk` bytes.
    fn receiver(bytes: Vec<u8>, chunk: usize) -> EventReceiver<Event, Throttled> {
        let chunks: Vec<Result<Bytes, std::io::Error>> = bytes.chunks(chunk).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
        let stream = ByteStream::from_stream(Script(chunks.into()), None);
        let mut events = EventReceiver::new(stream, read);
        events.limit_messages(1024);
        events
    }

    struct Script(std::collections::VecDeque<Result<Bytes, std::io::Error>>);

    impl futures_core::Stream for Script {
        type Item = Result<Bytes, std::io::Error>;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Ready(self.0.pop_front())
        }
    }

    #[tokio::test]
    async fn events_arrive_in_order_whatever_the_chunking() {
        let bytes = [
            message("event", &[(":event-type", "chunk")], "Hel"),
            message("event", &[(":event-type", "somethingNew")], "{}"),
            message("event", &[(":event-type", "chunk")], "lo"),
        ]
        .concat();
        for chunk in [1, 7, 64, bytes.len()] {
            let mut events = receiver(bytes.clone(), chunk);
            let mut found = Vec::new();
            while let Some(event) = events.recv().await.unwrap() {
                found.push(event);
            }
            assert_eq!(found, [Event::Chunk("Hel".into()), Event::Unknown, Event::Chunk("lo".into())], "chunks of {chunk}");
            assert!(events.recv().await.unwrap().is_none(), "it stays ended");
        }
    }

    #[tokio::test]
    async fn the_stream_ends_with_the_first_error() {
        let first = message("event", &[(":event-type", "chunk")], "a");
        type Check = fn(&EventStreamError<Throttled>) -> bool;
        let cases: Vec<(&str, Vec<u8>, Check)> = vec![
            (
                "a modeled exception",
                message("exception", &[(":exception-type", "throttled")], "slow"),
                |e| matches!(e, EventStreamError::Modeled(Throttled(m)) if m == "slow"),
            ),
            (
                "an error event",
                message("error", &[(":error-code", "InternalFailure"), (":error-message", "boom")], ""),
                |e| matches!(e, EventStreamError::Unmodeled { code, message } if code == "InternalFailure" && message == "boom"),
            ),
            ("an unknown message type", message("gossip", &[], ""), |e| matches!(e, EventStreamError::InvalidEvent(_))),
            ("an event without a type", message("event", &[], ""), |e| matches!(e, EventStreamError::InvalidEvent(why) if why == "no event type")),
            (
                "a bad checksum",
                {
                    let mut m = message("event", &[(":event-type", "chunk")], "b");
                    let n = m.len();
                    m[n - 1] ^= 1;
                    m
                },
                |e| matches!(e, EventStreamError::InvalidStream(why) if why.contains("checksum")),
            ),
            (
                "a message over the limit",
                message("event", &[(":event-type", "chunk")], &"x".repeat(2000)),
                |e| matches!(e, EventStreamError::InvalidStream(why) if why.contains("over the limit of 1024")),
            ),
            ("a stream cut mid-message", first[..10].to_vec(), |e| matches!(e, EventStreamError::InvalidStream(why) if why.contains("ended inside"))),
        ];
        for (name, tail, expected) in cases {
            let mut events = receiver([first.clone(), tail].concat(), 5);
            assert_eq!(events.recv().await.unwrap(), Some(Event::Chunk("a".into())), "{name}");
            match events.recv().await {
                Err(e) => assert!(expected(&e), "{name}: {e}"),
                Ok(found) => panic!("{name}: {found:?}"),
            }
            assert!(events.recv().await.unwrap().is_none(), "{name}: ended");
        }
    }

    #[tokio::test]
    async fn a_broken_connection_is_a_transport_error() {
        let chunks = vec![Ok(Bytes::from(message("event", &[(":event-type", "chunk")], "a"))), Err(std::io::Error::other("reset"))];
        let stream = ByteStream::from_stream(Script(chunks.into()), None);
        let mut events: EventReceiver<Event, Throttled> = EventReceiver::new(stream, read);
        assert_eq!(events.recv().await.unwrap(), Some(Event::Chunk("a".into())));
        let error = events.recv().await.expect_err("a broken stream");
        assert!(matches!(error, EventStreamError::Transport(_)), "{error}");
        assert_eq!(error.to_string(), "the event stream broke off: reading the body failed");
    }

    #[tokio::test]
    async fn the_receiver_is_a_stream() {
        use futures_core::Stream as _;
        use std::future::poll_fn;
        let bytes = [message("event", &[(":event-type", "chunk")], "x"), message("exception", &[(":exception-type", "throttled")], "y")].concat();
        let mut events = receiver(bytes, 3);
        assert!(matches!(poll_fn(|cx| Pin::new(&mut events).poll_next(cx)).await, Some(Ok(Event::Chunk(_)))));
        assert!(matches!(poll_fn(|cx| Pin::new(&mut events).poll_next(cx)).await, Some(Err(EventStreamError::Modeled(_)))));
        assert!(poll_fn(|cx| Pin::new(&mut events).poll_next(cx)).await.is_none());
    }
}
// codegen:end
