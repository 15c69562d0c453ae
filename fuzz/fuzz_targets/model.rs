//! Arbitrary bytes as a model: loading, validation, endpoint-rule compilation and
//! emission must end in a crate or an error, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = codegen::generate(text, None);
    }
});
