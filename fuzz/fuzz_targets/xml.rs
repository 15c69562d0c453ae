//! Any bytes as an awsQuery XML body: the runtime's pull reader into a structure with
//! wrapped and flattened lists and maps, nesting and scalars of every kind, and as an error
//! response (`<ErrorResponse><Error>`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smithy_runtime::fuzzing::xml(data));
