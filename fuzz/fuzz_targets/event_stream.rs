//! Any bytes as an event stream (`application/vnd.amazon.eventstream`), pushed in chunks the
//! first byte sizes: the runtime's framing decoder, both checksums and every header type;
//! each message decoded is encoded again and must decode to itself.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smithy_runtime::fuzzing::event_stream(data));
