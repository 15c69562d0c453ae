// Copied by smithy-codegen from codegen/runtime/rt/retry.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! The AWS standard retry mode: which failures are retried, how long to wait, and the
//! per-client retry quota that stops retry storms against a failing service.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use reqwest::header::HeaderValue;

use super::Operation;
use crate::error::{ProvideErrorMetadata, ResponseErrorKind, SdkError};

/// Error codes of throttling errors, whatever the service.
const THROTTLING: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of transient errors, whatever their status.
const TRANSIENT: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Why an attempt may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RetryKind {
    /// A server error or a failed connection.
    Transient,
    /// The service asked the client to slow down.
    Throttling,
    /// The connection or attempt timed out.
    Timeout,
}

impl RetryKind {
    /// Retry quota tokens a retry of this kind costs.
    pub(crate) fn cost(self) -> u32 {
        match self {
            RetryKind::Timeout => 10,
            RetryKind::Transient | RetryKind::Throttling => 5,
        }
    }
}

/// Whether (and why) an attempt that ended this way is retried.
pub(crate) fn classify<O: Operation>(outcome: &Result<O::Output, SdkError<O::Error>>) -> Option<RetryKind> {
    let error = match outcome {
        // A body cut short is a failure of the connection, as a failure to send is.
        Err(SdkError::Response(e)) if matches!(e.kind(), ResponseErrorKind::Incomplete) => return Some(RetryKind::Transient),
        Ok(_) | Err(SdkError::Build(_) | SdkError::Response(_)) => return None,
        Err(SdkError::Timeout(_)) => return Some(RetryKind::Timeout),
        Err(SdkError::Dispatch(_)) => return Some(RetryKind::Transient),
        Err(SdkError::Service(e)) => e,
    };
    let (status, code) = (error.status(), error.code());
    if let Some(kind) = O::retryable(error) {
        Some(kind)
    } else if status == 429 || code.is_some_and(|c| THROTTLING.contains(&c)) {
        // AWS's throttling codes, whether or not the model declares the error.
        Some(RetryKind::Throttling)
    } else if O::is_modeled(error) {
        // A modeled error without `@retryable`: only a failure of the service is retried.
        (status >= 500).then_some(RetryKind::Transient)
    } else if status >= 500 || code.is_some_and(|c| TRANSIENT.contains(&c)) {
        Some(RetryKind::Transient)
    } else {
        None
    }
}

/// A random wait up to `ceiling` ("full jitter").
pub(crate) fn jitter(ceiling: Duration) -> Duration {
    ceiling.mul_f64(fastrand::f64())
}

/// A random version 4 UUID, the same for every attempt of one operation.
pub(crate) fn invocation_id() -> HeaderValue {
    // Only hex digits and dashes are written, which every header value may hold.
    HeaderValue::from_bytes(&uuid_bytes()).unwrap_or_else(|_| HeaderValue::from_static("00000000-0000-4000-8000-000000000000"))
}

/// A random version 4 UUID as text: the value of an unset `@idempotencyToken` member.
#[allow(dead_code)] // Only operations with an idempotency token use it.
pub(crate) fn uuid_v4() -> String {
    uuid_bytes().iter().map(|b| char::from(*b)).collect()
}

fn uuid_bytes() -> [u8; 36] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&fastrand::u64(..).to_le_bytes());
    bytes[8..].copy_from_slice(&fastrand::u64(..).to_le_bytes());
    bytes[6] = (bytes[6] & 0x0F) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3F) | 0x80; // RFC 4122 variant
    let mut out = [b'-'; 36];
    let mut at = 0;
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            at += 1;
        }
        out[at] = HEX[usize::from(byte >> 4)];
        out[at + 1] = HEX[usize::from(byte & 0xF)];
        at += 2;
    }
    out
}

/// The retry quota: retries spend tokens, successes earn them back.
#[derive(Debug)]
pub(crate) struct Quota {
    tokens: AtomicU32,
}

const INITIAL_TOKENS: u32 = 500;

impl Default for Quota {
    fn default() -> Self {
        Quota { tokens: AtomicU32::new(INITIAL_TOKENS) }
    }
}

impl Quota {
    /// Takes `cost` tokens for a retry; false when there are not enough.
    pub(crate) fn acquire(&self, cost: u32) -> bool {
        self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost)).is_ok()
    }

    /// A success returns what its retry cost (or 1 when it needed none).
    pub(crate) fn success(&self, cost: u32) {
        let refund = if cost == 0 { 1 } else { cost };
        let _ = self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| Some((t + refund).min(INITIAL_TOKENS)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invocation_ids_are_version_4_uuids() {
        let id = invocation_id();
        let id = id.to_str().expect("ASCII");
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{id}");
        assert!(parts[2].starts_with('4'), "{id}");
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'), "{id}");
        assert_ne!(invocation_id(), id);
    }

    #[test]
    fn quota_runs_out_and_refills() {
        let q = Quota::default();
        let mut taken = 0;
        while q.acquire(10) {
            taken += 1;
        }
        assert_eq!(taken, 50);
        q.success(10);
        assert!(q.acquire(10));
        assert!(!q.acquire(1));
    }

    #[test]
    fn jitter_stays_below_the_ceiling() {
        for _ in 0..100 {
            assert!(jitter(Duration::from_millis(20)) <= Duration::from_millis(20));
        }
    }
}
