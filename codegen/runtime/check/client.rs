//! A stand-in for the generated `client.rs`: a client over the runtime's handle.

use std::sync::Arc;

use crate::config::Config;
use crate::rt::Handle;

/// The environment variable of bearer tokens (a generated client names it after its
/// service's signing name).
pub(crate) const BEARER_TOKEN_ENV: &str = "AWS_BEARER_TOKEN_RUNTIME";

/// A client with no operations.
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) handle: Arc<Handle>,
}

impl Client {
    /// A client with this configuration.
    pub fn from_conf(config: Config) -> Self {
        Client { handle: Arc::new(Handle::new(config)) }
    }

    /// A client that answers from `mock`.
    #[cfg(feature = "test-util")]
    pub fn from_mock(mock: &crate::test_util::Mock) -> Self {
        Client { handle: Arc::new(Handle::mocked(Config::builder().region("us-east-1").build(), mock.clone())) }
    }

    /// The client's configuration.
    pub fn config(&self) -> &Config {
        &self.handle.config
    }
}
