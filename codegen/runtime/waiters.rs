//! Waiters (`smithy.waiters#waitable`): poll an operation until an acceptor of the model
//! says the resource reached (or can never reach) the state waited for, within a total
//! time the caller gives. The delays between polls follow the Smithy waiter specification:
//! exponential backoff with full jitter between the waiter's `minDelay` and `maxDelay`, and a
//! last poll exactly when the caller's time runs out.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use crate::error::SdkError;

/// The state an acceptor moves the waiter to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// The resource is in the state waited for.
    Success,
    // codegen:if-used crate::waiters::State::Failure
    /// The resource can never reach that state.
    Failure,
    // codegen:end
    // codegen:if-used crate::waiters::State::Retry
    /// Not yet: poll again.
    Retry,
    // codegen:end
}

/// The delays of a waiter, from its model (`minDelay` 2 s and `maxDelay` 120 s unless it
/// says otherwise), which [`WaitOptions`] can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Delays {
    pub(crate) min: Duration,
    pub(crate) max: Duration,
}

/// How long to wait, and the delays between polls when the model's do not suit you (in
/// tests, for instance).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitOptions {
    max_wait: Duration,
    min_delay: Option<Duration>,
    max_delay: Option<Duration>,
}

impl WaitOptions {
    /// Waits at most `max_wait` in all, with the model's delays between polls.
    pub fn new(max_wait: Duration) -> Self {
        WaitOptions { max_wait, min_delay: None, max_delay: None }
    }

    /// The shortest delay between two polls (at least 1 ms; the model's by default).
    pub fn with_min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = Some(delay);
        self
    }

    /// The longest delay between two polls (the model's by default).
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = Some(delay);
        self
    }

    /// The total time the waiter may take.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// The delays: those set here, else the model's; the minimum is at least 1 ms and the
    /// maximum at least the minimum.
    pub(crate) fn delays(&self, model: Delays) -> Delays {
        let min = self.min_delay.unwrap_or(model.min).max(Duration::from_millis(1));
        let max = self.max_delay.unwrap_or(model.max).max(min);
        Delays { min, max }
    }
}

impl From<Duration> for WaitOptions {
    fn from(max_wait: Duration) -> Self {
        WaitOptions::new(max_wait)
    }
}

/// The last response of a waiter that succeeded: an output, or the error an acceptor
/// waited for (a waiter for a deletion succeeds on "not found").
#[derive(Debug)]
pub struct FinalPoll<O, E> {
    result: Result<O, SdkError<E>>,
    attempts: u32,
}

impl<O, E> FinalPoll<O, E> {
    /// The output of the last poll, when it succeeded.
    pub fn output(&self) -> Option<&O> {
        self.result.as_ref().ok()
    }

    /// The last poll's result.
    pub fn into_result(self) -> Result<O, SdkError<E>> {
        self.result
    }

    /// How many times the operation was called.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// Why a waiter stopped without success.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<O, E> {
    /// An acceptor matched that says the resource can never reach the state waited for;
    /// the last poll is kept.
    Failure(FinalPoll<O, E>),
    /// The time given ran out before an acceptor said success.
    TimedOut {
        /// How many times the operation was called.
        attempts: u32,
        /// The time given.
        max_wait: Duration,
    },
    /// The operation failed with an error that no acceptor expects.
    Operation {
        /// The error.
        error: SdkError<E>,
        /// How many times the operation was called.
        attempts: u32,
    },
}

impl<O, E: fmt::Display> fmt::Display for WaitError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failure(poll) => {
                write!(f, "the resource will not reach the state waited for (after {} attempts)", poll.attempts)
            }
            WaitError::TimedOut { attempts, max_wait } => {
                write!(f, "the wait took longer than {max_wait:?} ({attempts} attempts)")
            }
            WaitError::Operation { error, attempts } => write!(f, "the operation failed (attempt {attempts}): {error}"),
        }
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaitError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Operation { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Polls with `poll` until `accept` says success or failure, or the time runs out. An
/// error no acceptor matches ends the wait (the spec's step 4).
pub(crate) async fn wait<O, E, F, Fut>(
    options: WaitOptions,
    model: Delays,
    mut poll: F,
    accept: impl Fn(&Result<O, SdkError<E>>) -> Option<State>,
) -> Result<FinalPoll<O, E>, WaitError<O, E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, SdkError<E>>>,
{
    let delays = options.delays(model);
    let start = tokio::time::Instant::now();
    let mut attempts = 0;
    loop {
        attempts += 1;
        let result = poll().await;
        match accept(&result) {
            Some(State::Success) => return Ok(FinalPoll { result, attempts }),
            // codegen:if-used crate::waiters::State::Failure
            Some(State::Failure) => return Err(WaitError::Failure(FinalPoll { result, attempts })),
            // codegen:end
            // codegen:if-used crate::waiters::State::Retry
            Some(State::Retry) => {}
            // codegen:end
            None => {
                if let Err(error) = result {
                    return Err(WaitError::Operation { error, attempts });
                }
            }
        }
        let remaining = options.max_wait.saturating_sub(start.elapsed());
        if remaining.is_zero() {
            return Err(WaitError::TimedOut { attempts, max_wait: options.max_wait });
        }
        tokio::time::sleep(delay(attempts, delays, remaining, &mut fastrand::Rng::new())).await;
    }
}

/// The delay before retry `attempt` (1 for the first): `minDelay · 2^(attempt-1)`, capped
/// at `maxDelay`, then a uniformly random time between `minDelay` and that; when less than
/// `minDelay` would be left after it, the whole `remaining` time (one last poll at the end).
pub(crate) fn delay(attempt: u32, delays: Delays, remaining: Duration, rng: &mut fastrand::Rng) -> Duration {
    let (min, max) = (delays.min.as_millis() as u64, delays.max.as_millis() as u64);
    let ceiling = match 1u64.checked_shl(attempt.saturating_sub(1)).and_then(|factor| min.checked_mul(factor)) {
        Some(d) => d.min(max),
        None => max,
    };
    let d = Duration::from_millis(rng.u64(min..=ceiling.max(min)));
    if remaining.saturating_sub(d) <= delays.min { remaining } else { d }
}
