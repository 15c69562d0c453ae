//! The two resolvers under test, called the same way: parameters built beforehand, one
//! call resolves one endpoint URL.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use aws_sdk_ssooidc::config::endpoint::{DefaultResolver, Params as TheirParams, ResolveEndpoint};

/// One case: region, FIPS, dual-stack.
pub type Case = (&'static str, bool, bool);

pub const REPEATED: Case = ("us-east-1", false, false);
pub const FIPS: Case = ("us-east-1", true, false);
pub const DUAL_STACK: Case = ("us-east-1", false, true);
/// Regions cycled through, across partitions.
pub const ALTERNATING: [Case; 8] = [
    ("us-east-1", false, false),
    ("eu-west-1", false, false),
    ("ap-northeast-1", false, false),
    ("sa-east-1", false, false),
    ("us-gov-west-1", false, false),
    ("cn-north-1", false, false),
    ("ca-central-1", false, false),
    ("eu-central-1", false, false),
];

pub fn ours(cases: &[Case]) -> Vec<sso_oidc::endpoint::Params<'static>> {
    cases.iter().map(|(r, f, d)| sso_oidc::endpoint::Params::new().region(r).use_fips(*f).use_dual_stack(*d)).collect()
}

pub fn theirs(cases: &[Case]) -> Vec<TheirParams> {
    cases.iter().map(|(r, f, d)| TheirParams::builder().region(*r).use_fips(*f).use_dual_stack(*d).build().expect("params")).collect()
}

/// Our resolution: the URL length, so the work cannot be optimized away.
#[inline(never)]
pub fn resolve_ours(params: &sso_oidc::endpoint::Params<'_>) -> usize {
    sso_oidc::endpoint::resolve(params).map(|e| e.url().len()).unwrap_or(0)
}

/// The SDK's resolution (its future is ready at once; polled with a no-op waker).
#[inline(never)]
pub fn resolve_theirs(resolver: &DefaultResolver, params: &TheirParams) -> usize {
    let future = pin!(resolver.resolve_endpoint(params));
    match future.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Ok(e)) => e.url().len(),
        _ => 0,
    }
}
