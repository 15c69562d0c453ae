// Copied by smithy-codegen from codegen/runtime/rt/auth.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Which auth scheme a request uses, and what it adds to the request. An operation lists
//! the schemes its model allows, in the model's order; the configuration's preference
//! (`auth_scheme_preference`) moves the schemes it names to the front, and the first
//! scheme with an identity configured (credentials, a token, a key, a login) is used.
//! Without any, the first scheme's own error says what to configure.

use crate::config::Config;
use crate::endpoint::Endpoint;
use crate::error::BuildError;
use crate::rt::Headers;

/// An auth scheme an operation allows.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// `aws.auth#sigv4`, with the model's signing name.
    SigV4(&'static str),
}


/// What a scheme adds to a request.
pub(crate) struct Authorization {
    /// Headers (a signature, a token).
    pub(crate) headers: Headers,
}

impl From<Headers> for Authorization {
    fn from(headers: Headers) -> Self {
        Authorization {
            headers,
        }
    }
}

/// The scheme a request uses: the first with an identity, the preferred ones first; the
/// first of them all when none has one (its error says what is missing); `None` when the
/// operation allows no scheme.
pub(crate) fn choose<'a>(config: &Config, schemes: &'a [Scheme]) -> Option<&'a Scheme> {
    let _ = config;
    schemes.first()
}

/// Authorizes a request of `operation` (method, URL, body as signed, headers so far) with
/// the scheme [`choose`] picks.
pub(crate) async fn authorize(
    config: &Config,
    endpoint: &Endpoint,
    operation: &'static str,
    schemes: &'static [Scheme],
    request: (&str, &str, Option<&[u8]>),
    headers: &Headers,
) -> Result<Authorization, BuildError> {
    let Some(scheme) = choose(config, schemes) else { return Ok(Authorization::from(Vec::new())) };
    let _ = (endpoint, request, headers);
    Ok(match scheme {
        // (Not reformatted: the region markers must stay on lines of their own.)
        #[rustfmt::skip]
        Scheme::SigV4(name) => crate::rt::signing::sign(
            config,
            endpoint,
            operation,
            name,
            request,
            headers,
        )
        .await?,
    })
}




