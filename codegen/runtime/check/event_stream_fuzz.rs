//! The fuzz entry point of the event-stream framing (feature `fuzzing`; the `event_stream`
//! target in `fuzz/`): any bytes, pushed in chunks whose size the first byte gives, are cut
//! into messages; each message decoded is encoded again and must decode to itself.

use crate::rt::event_frame::{FrameDecoder, encode};

/// Decodes `data` (after its first byte) in chunks of `data[0] + 1` bytes.
pub fn run(data: &[u8]) {
    let Some((&chunk, rest)) = data.split_first() else { return };
    let mut decoder = FrameDecoder::new(64 * 1024);
    for piece in rest.chunks(usize::from(chunk) + 1) {
        decoder.push(piece);
        loop {
            match decoder.next_message() {
                Ok(Some(message)) => {
                    let mut bytes = Vec::new();
                    encode(&message, &mut bytes).expect("a decoded message encodes");
                    let mut again = FrameDecoder::new(64 * 1024);
                    again.push(&bytes);
                    assert_eq!(again.next_message(), Ok(Some(message)), "a message reads back");
                    assert_eq!(again.finish(), Ok(()));
                }
                Ok(None) => break,
                Err(e) => {
                    let _ = e.to_string();
                    return;
                }
            }
        }
    }
    let _ = decoder.finish();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seeds of the `event_stream` fuzz target, replayed on every test run.
    #[test]
    fn fuzz_seeds_replay() {
        assert!(crate::replay_seeds("event_stream", run) >= 3);
    }
}
