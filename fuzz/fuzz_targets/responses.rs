//! Any status, headers and body through every operation's response handling (output
//! parsing for 2xx, error dispatch otherwise), then `Debug` and `Display` of the result.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sso_oidc::fuzzing::responses(data));
