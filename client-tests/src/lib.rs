//! End-to-end tests of the generated `sso-oidc` client live in `tests/`; this crate has
//! no code of its own.
