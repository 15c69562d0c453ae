// Copied by smithy-codegen from codegen/runtime/rt/no_signing.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Signing for a service none of whose operations are signed: nothing to do. (Copied as
//! `rt/signing.rs` into crates without SigV4 operations.)

use crate::config::Config;
use crate::endpoint::Endpoint;
use crate::error::BuildError;

/// No operation of this service is signed.
pub(crate) async fn sign(
    _config: &Config,
    _endpoint: &Endpoint,
    _operation: &'static str,
    _signing_name: Option<&'static str>,
    _request: (&str, &str, Option<&[u8]>),
    _headers: &crate::rt::Headers,
) -> Result<crate::rt::Headers, BuildError> {
    Ok(Vec::new())
}
