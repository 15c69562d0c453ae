//! Event streams (`application/vnd.amazon.eventstream` framing).
//!
//! An operation whose output has a `@streaming` union returns once the response's head is
//! in, with an [`EventReceiver`] that yields the union's events as their messages arrive
//! (both checksums checked before a message is read). A modeled exception event ends the
//! stream with its typed error; an event of a type this client does not know is kept as the
//! union's `Unknown` variant, so a service that adds events breaks no caller.
// codegen:if event-input
//!
//! An operation whose input has a `@streaming` union sends the events of an
//! [`EventSender`] as the caller yields them, each framed as a message (and, with SigV4,
//! signed, each signature chained to the one before).
// codegen:end

use std::pin::Pin;
use std::task::{Context, Poll};

use crate::byte_stream::{ByteStream, ByteStreamError};
// codegen:if event-input
use std::sync::Mutex;

use crate::byte_stream::Upload;
use crate::rt::event_frame::encode;
// codegen:end
// codegen:if-used crate::event_stream::header crate::event_stream::push_header crate::event_stream::initial_request
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

// codegen:if initial-response
/// The `initial-response` event that RPC protocols (awsJson) send first, holding the
/// output's other members: its payload, and the stream after it. A stream that starts with
/// another message (a service need not send one) is handed back whole, with no payload.
pub(crate) async fn initial_response(mut body: ByteStream, limit: usize) -> Result<(bytes::Bytes, ByteStream), String> {
    let mut frames = FrameDecoder::new(limit);
    let mut read = bytes::BytesMut::new();
    let first = loop {
        if let Some(message) = frames.next_message().map_err(|e| format!("invalid event stream: {e}"))? {
            break message;
        }
        match std::future::poll_fn(|cx| body.poll_chunk(cx)).await {
            Some(Ok(chunk)) => {
                frames.push(&chunk);
                read.extend_from_slice(&chunk);
            }
            Some(Err(e)) => return Err(format!("the event stream broke off: {e}")),
            // No event at all: an empty stream.
            None if read.is_empty() => return Ok((bytes::Bytes::new(), ByteStream::default())),
            None => return Err(format!("invalid event stream: {}", frames.finish().err().map(|e| e.to_string()).unwrap_or_default())),
        }
    };
    let read = read.freeze();
    if first.string_header(":message-type") == Some("event") && first.string_header(":event-type") == Some("initial-response") {
        // The message's length is the first 4 bytes of its prelude; what follows it is the stream's.
        let length = u32::from_be_bytes([read[0], read[1], read[2], read[3]]) as usize;
        Ok((first.payload, ByteStream::prefixed(read.slice(length..), body)))
    } else {
        Ok((bytes::Bytes::new(), ByteStream::prefixed(read, body)))
    }
}
// codegen:end

// codegen:if event-input
/// The events an operation sends: each is framed (and, with SigV4, signed) as the stream
/// yields it, and the request body ends when the stream does.
///
/// Make one from a list of events (`From<Vec<T>>`), from any `futures_core::Stream` of
/// events with [`from_stream`](Self::from_stream), or as a [`channel`](Self::channel) to
/// send events into while the operation runs (audio as it is recorded, say). A request
/// whose events are a stream is sent once: it is never retried.
pub struct EventSender<T> {
    /// Taken by the request that sends them (a lock only so that a request can take the
    /// events from a borrowed input; nothing waits on it).
    events: Mutex<Option<Events<T>>>,
}

/// A stream of events, boxed.
type Events<T> = Pin<Box<dyn futures_core::Stream<Item = T> + Send>>;

impl<T: Send + 'static> EventSender<T> {
    /// The events `stream` yields, sent as they come.
    pub fn from_stream(stream: impl futures_core::Stream<Item = T> + Send + 'static) -> Self {
        EventSender { events: Mutex::new(Some(Box::pin(stream))) }
    }

    /// A sender fed through the returned [`EventSink`]: each event given to
    /// [`EventSink::send`] is sent in turn, and the stream ends when the sink is dropped.
    /// Up to `capacity` events (at least 1) wait to be sent before `send` waits.
    pub fn channel(capacity: usize) -> (EventSink<T>, Self) {
        let (sender, receiver) = tokio::sync::mpsc::channel(capacity.max(1));
        (EventSink { sender }, EventSender::from_stream(Receiver(receiver)))
    }

    /// The events as a request body: one chunk per framed message (`write` turns an event
    /// into its message), after `first` if there is one (the `initial-request` of RPC
    /// protocols). Taken out of `self`: a stream is sent once.
    pub(crate) fn upload(&self, member: &str, write: WriteEvent<T>, first: Option<Message>) -> Result<Upload, String> {
        let taken = self.events.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        let events = taken.ok_or_else(|| format!("the `{member}` events were already sent"))?;
        Ok(Upload::events(Box::pin(Framed { first, events, write })))
    }
}
// codegen:if-used crate::event_stream::initial_request

/// The first message of an input event stream in RPC protocols: the input's other members
/// as a document of `content_type`.
pub(crate) fn initial_request(content_type: &str, document: Vec<u8>) -> Message {
    let text = |v: &str| HeaderValue::String(v.to_owned());
    Message {
        headers: vec![
            (String::from(":message-type"), text("event")),
            (String::from(":event-type"), text("initial-request")),
            (String::from(":content-type"), text(content_type)),
        ],
        payload: document.into(),
    }
}
// codegen:end

/// What the generated code makes of an event it sends: its message, or why it cannot be sent.
pub(crate) type WriteEvent<T> = fn(&T) -> Result<Message, String>;

/// Each event framed as a message, one chunk each; an event that cannot be written ends the
/// body with an error (the request fails).
struct Framed<T> {
    /// A message sent before the events.
    first: Option<Message>,
    events: Events<T>,
    write: WriteEvent<T>,
}

impl<T> futures_core::Stream for Framed<T> {
    type Item = Result<bytes::Bytes, Box<dyn std::error::Error + Send + Sync>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let message = match self.first.take() {
            Some(first) => Ok(first),
            None => {
                let Some(event) = std::task::ready!(self.events.as_mut().poll_next(cx)) else { return Poll::Ready(None) };
                (self.write)(&event)
            }
        };
        let mut out = Vec::new();
        let framed = message.and_then(|message| encode(&message, &mut out).map_err(|e| e.to_string()));
        Poll::Ready(Some(framed.map(|()| bytes::Bytes::from(out)).map_err(|why| format!("an event cannot be sent: {why}").into())))
    }
}

impl<T: Send + 'static> From<Vec<T>> for EventSender<T> {
    /// These events, in order.
    fn from(events: Vec<T>) -> Self {
        EventSender::from_stream(Listed(events.into_iter()))
    }
}

/// No events: the request body ends at once (signed, with only the final empty message).
impl<T: Send + 'static> Default for EventSender<T> {
    fn default() -> Self {
        EventSender::from(Vec::new())
    }
}

impl<T> std::fmt::Debug for EventSender<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sent = self.events.lock().map(|e| e.is_none()).unwrap_or(true);
        f.debug_struct("EventSender").field("sent", &sent).finish_non_exhaustive()
    }
}

/// A list's events as a stream.
struct Listed<T>(std::vec::IntoIter<T>);

// Never pinned in place: the events are moved out one by one.
impl<T> Unpin for Listed<T> {}

impl<T> futures_core::Stream for Listed<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(self.0.next())
    }
}

/// The receiving end of [`EventSender::channel`] as a stream.
struct Receiver<T>(tokio::sync::mpsc::Receiver<T>);

impl<T> futures_core::Stream for Receiver<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.0.poll_recv(cx)
    }
}

/// Where the events of an [`EventSender::channel`] come from. Drop it to end the stream
/// (the request body then ends, with the final signed message under SigV4).
#[derive(Debug)]
pub struct EventSink<T> {
    sender: tokio::sync::mpsc::Sender<T>,
}

impl<T> EventSink<T> {
    /// Sends `event` after the ones before it, waiting while the channel is full. Gives the
    /// event back when the operation is no longer sending (it ended, failed or was dropped).
    pub async fn send(&self, event: T) -> Result<(), T> {
        self.sender.send(event).await.map_err(|e| e.0)
    }
}

impl<T> Clone for EventSink<T> {
    fn clone(&self) -> Self {
        EventSink { sender: self.sender.clone() }
    }
}

// codegen:if-used crate::event_stream::push_header
/// A value written as an event header (`@eventHeader` members of events sent).
pub(crate) trait ToHeader {
    fn to_header(&self) -> HeaderValue;
}

/// Adds header `name` with `value` to a message's headers.
pub(crate) fn push_header<T: ToHeader + ?Sized>(headers: &mut Vec<(String, HeaderValue)>, name: &str, value: &T) {
    headers.push((name.to_owned(), value.to_header()));
}

macro_rules! to_header {
    ($($t:ty => $variant:ident),*) => {$(
        impl ToHeader for $t {
            fn to_header(&self) -> HeaderValue {
                HeaderValue::$variant(*self)
            }
        }
    )*};
}
to_header!(bool => Bool, i8 => Byte, i16 => Short, i32 => Int, i64 => Long);

impl ToHeader for str {
    fn to_header(&self) -> HeaderValue {
        HeaderValue::String(self.to_owned())
    }
}
// codegen:if primitives

impl ToHeader for Blob {
    fn to_header(&self) -> HeaderValue {
        HeaderValue::Bytes(bytes::Bytes::copy_from_slice(self.as_ref()))
    }
}

/// Milliseconds since the epoch (finer digits are dropped).
impl ToHeader for DateTime {
    fn to_header(&self) -> HeaderValue {
        HeaderValue::Timestamp(self.secs().saturating_mul(1000).saturating_add(i64::from(self.subsec_nanos() / 1_000_000)))
    }
}
// codegen:end
// codegen:end
// codegen:end

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
// codegen:if event-input
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

    /// `bytes`, delivered in chunks of `chunk` bytes.
    fn chunked(bytes: &[u8], chunk: usize) -> ByteStream {
        let chunks: Vec<Result<Bytes, std::io::Error>> = bytes.chunks(chunk).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
        ByteStream::from_stream(Script(chunks.into()), None)
    }

    /// A receiver over `bytes`, delivered in chunks of `chunk` bytes.
    fn receiver(bytes: Vec<u8>, chunk: usize) -> EventReceiver<Event, Throttled> {
        let mut events = EventReceiver::new(chunked(&bytes, chunk), read);
        events.limit_messages(1024);
        events
    }

    // codegen:if initial-response

    /// The events left in a stream.
    async fn all_events(stream: ByteStream) -> Vec<Event> {
        let mut events = EventReceiver::new(stream, read);
        let mut found = Vec::new();
        while let Some(event) = events.recv().await.expect("a valid stream") {
            found.push(event);
        }
        found
    }

    #[tokio::test]
    async fn an_initial_response_is_taken_first_and_the_stream_goes_on_after_it() {
        let initial = message("event", &[(":event-type", "initial-response")], r#"{"lifetime":5}"#);
        let chunk = |text: &str| message("event", &[(":event-type", "chunk")], text);
        let with = [initial.clone(), chunk("a"), chunk("b")].concat();
        let without = [chunk("a"), chunk("b")].concat();
        for size in [1, 7, 64, 4096] {
            let (payload, rest) = initial_response(chunked(&with, size), 1024).await.unwrap();
            assert_eq!(payload, r#"{"lifetime":5}"#, "chunks of {size}");
            assert_eq!(all_events(rest).await, [Event::Chunk("a".into()), Event::Chunk("b".into())], "chunks of {size}");
            // A stream that starts with an event keeps it.
            let (payload, rest) = initial_response(chunked(&without, size), 1024).await.unwrap();
            assert!(payload.is_empty());
            assert_eq!(all_events(rest).await, [Event::Chunk("a".into()), Event::Chunk("b".into())], "chunks of {size}");
        }
        let (payload, rest) = initial_response(ByteStream::default(), 1024).await.unwrap();
        assert!(payload.is_empty() && all_events(rest).await.is_empty(), "an empty stream");
        let cut = initial_response(chunked(&initial[..initial.len() - 3], 5), 1024).await.unwrap_err();
        assert!(cut.contains("ended inside a message"), "{cut}");
        let big = initial_response(chunked(&initial, 5), 16).await.unwrap_err();
        assert!(big.contains("over the limit of 16"), "{big}");
    }
    // codegen:end

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

    /// The messages of an upload's body, decoded, or the error that ended it.
    async fn sent(upload: Upload) -> Result<Vec<Message>, String> {
        use http_body_util::BodyExt as _;
        let bytes = upload.body(None).await?.collect().await.map_err(|e| format!("{e:?}"))?.to_bytes();
        let mut frames = FrameDecoder::new(1024);
        frames.push(&bytes);
        let mut out = Vec::new();
        while let Some(message) = frames.next_message().map_err(|e| e.to_string())? {
            out.push(message);
        }
        frames.finish().map_err(|e| e.to_string())?;
        Ok(out)
    }

    fn write(event: &&'static str) -> Result<Message, String> {
        match *event {
            "bad" => Err(String::from("not this one")),
            text => Ok(Message { headers: vec![(":event-type".into(), HeaderValue::String("chunk".into()))], payload: Bytes::from(text) }),
        }
    }

    #[tokio::test]
    async fn a_sender_frames_each_event_in_order_and_is_sent_once() {
        let listed = EventSender::from(vec!["a", "bc"]);
        let upload = listed.upload("events", write, None).unwrap();
        assert_eq!(listed.upload("events", write, None).unwrap_err(), "the `events` events were already sent");
        assert_eq!(format!("{listed:?}"), "EventSender { sent: true, .. }");
        let payloads: Vec<Bytes> = sent(upload).await.unwrap().into_iter().map(|m| m.payload).collect();
        assert_eq!(payloads, ["a", "bc"]);

        // A channel: events given while the body is being sent, the end when the sink drops.
        let (sink, channel) = EventSender::channel(1);
        let upload = channel.upload("events", write, None).unwrap();
        let feeding = tokio::spawn(async move {
            for text in ["x", "y", "z"] {
                sink.send(text).await.unwrap();
            }
        });
        let payloads: Vec<Bytes> = sent(upload).await.unwrap().into_iter().map(|m| m.payload).collect();
        assert_eq!(payloads, ["x", "y", "z"]);
        feeding.await.unwrap();

        // A sink whose stream is gone gives the event back.
        let (sink, channel) = EventSender::channel(1);
        drop(channel);
        assert_eq!(sink.send("lost").await, Err("lost"));

        assert!(sent(EventSender::<&'static str>::default().upload("events", write, None).unwrap()).await.unwrap().is_empty());
        let failed = sent(EventSender::from(vec!["a", "bad"]).upload("events", write, None).unwrap()).await.unwrap_err();
        assert!(failed.contains("an event cannot be sent: not this one"), "{failed}");
    }
    // codegen:if-used crate::event_stream::initial_request

    #[tokio::test]
    async fn rpc_protocols_lead_with_an_initial_request_even_before_an_empty_stream() {
        let first = initial_request("application/json", b"{\"room\":\"r\"}".to_vec());
        let messages = sent(EventSender::from(vec!["a"]).upload("events", write, Some(first.clone())).unwrap()).await.unwrap();
        assert_eq!(messages.len(), 2);
        let text = |m: &Message, name: &str| m.string_header(name).map(str::to_owned);
        assert_eq!(text(&messages[0], ":message-type").as_deref(), Some("event"));
        assert_eq!(text(&messages[0], ":event-type").as_deref(), Some("initial-request"));
        assert_eq!(text(&messages[0], ":content-type").as_deref(), Some("application/json"));
        assert_eq!(messages[0].payload, Bytes::from_static(b"{\"room\":\"r\"}"));
        assert_eq!(messages[1].payload, Bytes::from_static(b"a"));
        let messages = sent(EventSender::<&'static str>::default().upload("events", write, Some(first)).unwrap()).await.unwrap();
        assert_eq!(messages.len(), 1);
    }
    // codegen:end

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
