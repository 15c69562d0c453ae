//! Any bytes as a CBOR body (rpcv2Cbor): the runtime's decoder into a structure with a
//! member of every kind, a union and recursion, and into an error body; what reads is
//! written again and must read back.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smithy_runtime::fuzzing::cbor(data));
