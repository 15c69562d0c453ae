//! The clients this repository generates from `model/` and checks in. `cargo xtask codegen`
//! writes each, and the tests that fail when one is stale read the same list.

/// A client generated from a model of `model/`, with paths relative to the repository.
#[derive(Debug, Clone, Copy)]
pub struct CheckedInClient {
    /// The model, as published upstream.
    pub model: &'static str,
    /// The generated crate's folder; its `CHANGELOG.md` is there too.
    pub dir: &'static str,
    /// The folder of its API surface snapshot.
    pub snapshots: &'static str,
}

impl CheckedInClient {
    /// The crate's CHANGELOG.
    pub fn changelog(&self) -> String {
        format!("{}/CHANGELOG.md", self.dir)
    }
}

/// SSO-OIDC (the login flows) and the SSO portal (role credentials from the token), both
/// used by `sso-login`.
pub const CLIENTS: &[CheckedInClient] = &[
    CheckedInClient { model: "model/sso-oidc.json", dir: "generated-client", snapshots: "codegen/tests/snapshots/sso-oidc" },
    CheckedInClient { model: "model/sso.json", dir: "generated-sso", snapshots: "codegen/tests/snapshots/sso" },
];
