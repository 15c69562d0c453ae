//! Why a login failed, and what to do about it.

use std::fmt;
use std::path::PathBuf;

/// A login, refresh or cache failure. `Display` says what happened and what to do next.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoginError {
    /// An SSO-OIDC call failed for a reason other than the flow's own.
    Service {
        /// The operation, such as `StartDeviceAuthorization`.
        operation: &'static str,
        /// The client's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The user declined, or the service refused the authorization.
    AccessDenied(String),
    /// The device code (or authorization) expired before the user approved it.
    Expired,
    /// The browser came back with a `state` that is not the one sent: possibly a forged
    /// redirect. Nothing was exchanged.
    StateMismatch,
    /// The browser did not come back to the loopback listener in time, or came back without
    /// a code.
    Callback(String),
    /// No valid token is cached and none can be refreshed.
    NeedLogin {
        /// The start URL to log in to.
        start_url: String,
    },
    /// Reading or writing a cache file failed.
    Cache {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl LoginError {
    pub(crate) fn service(operation: &'static str, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        LoginError::Service { operation, source: Box::new(source) }
    }

    pub(crate) fn cache(path: &std::path::Path, message: impl fmt::Display) -> Self {
        LoginError::Cache { path: path.to_owned(), message: message.to_string() }
    }
}

impl fmt::Display for LoginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoginError::Service { operation, source } => {
                write!(f, "{operation} failed: {source}. Check the start URL, the region and your network, then try again")
            }
            LoginError::AccessDenied(why) => {
                write!(f, "access denied ({why}): approve the request in the browser, or ask your administrator for access")
            }
            LoginError::Expired => f.write_str("the authorization expired before it was approved: run the login again and approve it sooner"),
            LoginError::StateMismatch => f.write_str(
                "the browser returned a different `state` than was sent (a stale or forged redirect); nothing was exchanged: run the login again",
            ),
            LoginError::Callback(why) => write!(f, "the browser did not complete the login: {why}; run the login again"),
            LoginError::NeedLogin { start_url } => {
                write!(f, "no valid cached token for {start_url}: run `sso-login --start-url {start_url} --region <region>`")
            }
            LoginError::Cache { path, message } => write!(f, "token cache {}: {message}", path.display()),
        }
    }
}

/// `Display` already says the client's error, so the chain continues below it: each
/// message once.
impl std::error::Error for LoginError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoginError::Service { source, .. } => source.source(),
            _ => None,
        }
    }
}

/// The error and what caused it, one message a line: how the CLI prints a failure.
pub fn report(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        text.push_str("\n  caused by: ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Leaf;

    impl fmt::Display for Leaf {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("connection refused")
        }
    }

    impl std::error::Error for Leaf {}

    #[derive(Debug)]
    struct Wrapper(Leaf);

    impl fmt::Display for Wrapper {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("failed to send the request")
        }
    }

    impl std::error::Error for Wrapper {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn the_chain_says_each_message_once() {
        let error = LoginError::service("CreateToken", Wrapper(Leaf));
        assert_eq!(
            report(&error),
            "CreateToken failed: failed to send the request. Check the start URL, the region and your network, then try again\n  caused by: connection refused"
        );
    }
}
