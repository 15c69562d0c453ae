//! Error responses only (400–599): error dispatch by `x-amzn-errortype`, `__type` and
//! `code`, and every modeled error's body parsing.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sso_oidc::fuzzing::errors(data));
