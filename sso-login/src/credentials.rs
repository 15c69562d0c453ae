//! Role credentials from a cached token, through the SSO portal's `GetRoleCredentials`, in
//! the JSON a `credential_process` prints: `credential_process = sso-login credentials
//! --profile X` then works for every AWS SDK and the AWS CLI.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sso::error::SdkError;
use sso::operation::get_role_credentials::GetRoleCredentialsError;

use crate::{CachedToken, LoginError};

/// Temporary AWS credentials for one role of one account.
#[derive(Clone, PartialEq, Eq)]
pub struct RoleCredentials {
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// The session token.
    pub session_token: String,
    /// When they expire.
    pub expiration: SystemTime,
}

/// The secret and the session token are never printed.
impl fmt::Debug for RoleCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RoleCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"*** redacted ***")
            .field("session_token", &"*** redacted ***")
            .field("expiration", &crate::cache::timestamp(self.expiration))
            .finish()
    }
}

impl RoleCredentials {
    /// The `credential_process` output (version 1), keys in the order the AWS CLI prints them.
    pub fn process_json(&self) -> String {
        let text = |s: &str| serde_json::Value::from(s).to_string();
        format!(
            "{{\"Version\":1,\"AccessKeyId\":{},\"SecretAccessKey\":{},\"SessionToken\":{},\"Expiration\":{}}}",
            text(&self.access_key_id),
            text(&self.secret_access_key),
            text(&self.session_token),
            text(&crate::cache::timestamp(self.expiration)),
        )
    }
}

/// The credentials of `role_name` in `account_id` for the holder of `token`. A token the
/// portal refuses is [`LoginError::NeedLogin`]: only a new login helps.
pub async fn role_credentials(portal: &sso::Client, token: &CachedToken, account_id: &str, role_name: &str) -> Result<RoleCredentials, LoginError> {
    let output = portal.get_role_credentials().access_token(&token.access_token).account_id(account_id).role_name(role_name).send().await.map_err(
        |e| match e {
            SdkError::Service(GetRoleCredentialsError::UnauthorizedException(_)) => LoginError::NeedLogin { start_url: token.start_url.clone() },
            other => LoginError::service("GetRoleCredentials", other),
        },
    )?;
    let missing = |what: &str| LoginError::Service { operation: "GetRoleCredentials", source: format!("the response has no {what}").into() };
    let credentials = output.role_credentials().ok_or_else(|| missing("roleCredentials"))?;
    let field = |value: Option<&str>, what: &str| value.filter(|v| !v.is_empty()).map(str::to_owned).ok_or_else(|| missing(what));
    Ok(RoleCredentials {
        access_key_id: field(credentials.access_key_id(), "accessKeyId")?,
        secret_access_key: field(credentials.secret_access_key(), "secretAccessKey")?,
        session_token: field(credentials.session_token(), "sessionToken")?,
        // Milliseconds since the epoch.
        expiration: UNIX_EPOCH + Duration::from_millis(u64::try_from(credentials.expiration()).unwrap_or(0)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials() -> RoleCredentials {
        RoleCredentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: "se\"cret\\".into(),
            session_token: "token-value".into(),
            expiration: UNIX_EPOCH + Duration::from_secs(1_767_225_600),
        }
    }

    #[test]
    fn process_json_is_escaped_and_in_the_cli_order() {
        assert_eq!(
            credentials().process_json(),
            r#"{"Version":1,"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"se\"cret\\","SessionToken":"token-value","Expiration":"2026-01-01T00:00:00Z"}"#
        );
    }

    #[test]
    fn debug_hides_the_secret_and_the_session_token() {
        let debug = format!("{:?}", credentials());
        assert_eq!(
            debug,
            r#"RoleCredentials { access_key_id: "ASIAEXAMPLE", secret_access_key: "*** redacted ***", session_token: "*** redacted ***", expiration: "2026-01-01T00:00:00Z" }"#
        );
    }
}
