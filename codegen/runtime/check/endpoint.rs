//! A stand-in for the `endpoint` module the generator compiles from a service's rules:
//! the runtime's endpoint files (the rules' library functions among them), and `Params`
//! and `resolve` for rules that take the configured endpoint URL, else fail.

#[path = "../endpoint/arn.rs"]
mod arn;
#[path = "../endpoint/cache.rs"]
mod cache;
#[path = "../endpoint/host_label.rs"]
mod host_label;
#[path = "../endpoint/resolved.rs"]
mod resolved;
#[path = "../endpoint/s3_bucket.rs"]
mod s3_bucket;
#[path = "../endpoint/split.rs"]
mod split;
#[path = "../endpoint/substring.rs"]
mod substring;
#[path = "../endpoint/uri_encode.rs"]
mod uri_encode;
#[path = "../endpoint/url.rs"]
mod url;

pub use arn::{Arn, parse_arn};
pub use host_label::is_valid_host_label;
pub use resolved::{Endpoint, Property, ResolveError};
pub use s3_bucket::is_virtual_hostable_s3_bucket;
pub use split::split;
pub use substring::substring;
pub use uri_encode::uri_encode;
pub use url::{Url, parse_url};

use crate::config::Config;

/// The parameters: the configured endpoint URL and region.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Params<'a> {
    /// The AWS region.
    pub region: Option<&'a str>,
    /// The endpoint URL the configuration sets.
    pub endpoint: Option<&'a str>,
}

impl<'a> Params<'a> {
    /// The parameters a configuration gives.
    pub(crate) fn from_config(config: &'a Config) -> Self {
        Params { region: config.region(), endpoint: config.endpoint_url() }
    }
}

/// The parameters of the thread's last resolution.
#[derive(PartialEq)]
struct Key {
    region: Option<String>,
    endpoint: Option<String>,
}

thread_local! {
    static LAST: cache::Last<Key> = const { cache::Last::new() };
}

/// The configured endpoint URL; an error without one.
pub fn resolve(params: &Params<'_>) -> Result<Endpoint, ResolveError> {
    let same = |k: &Key| k.region.as_deref() == params.region && k.endpoint.as_deref() == params.endpoint;
    let key = || Key { region: params.region.map(str::to_owned), endpoint: params.endpoint.map(str::to_owned) };
    let uncached = || params.endpoint.map(Endpoint::new).ok_or_else(|| ResolveError::new("no endpoint URL is configured"));
    LAST.try_with(|last| last.get_or_resolve(same, key, uncached)).unwrap_or_else(|_| uncached())
}
