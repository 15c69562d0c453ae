//! Time, injectable: the device flow's waits go through a [`Clock`], so tests can run the
//! whole polling schedule instantly and assert every wait.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// The current time, and waiting.
pub trait Clock: Debug + Send + Sync {
    /// Now.
    fn now(&self) -> SystemTime;
    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

/// The system clock and tokio's timer.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock that only moves when slept on: each `sleep` returns at once, advances the time
/// by its duration and is recorded. For tests.
#[derive(Debug)]
pub struct ManualClock {
    state: Mutex<(SystemTime, Vec<Duration>)>,
}

impl ManualClock {
    /// A clock showing `start`.
    pub fn new(start: SystemTime) -> Self {
        ManualClock { state: Mutex::new((start, Vec::new())) }
    }

    /// Every wait so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state.lock().map(|s| s.1.clone()).unwrap_or_default()
    }

    /// Moves the time forward without a recorded wait.
    pub fn advance(&self, by: Duration) {
        if let Ok(mut s) = self.state.lock() {
            s.0 += by;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        self.state.lock().map(|s| s.0).unwrap_or(SystemTime::UNIX_EPOCH)
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        if let Ok(mut s) = self.state.lock() {
            s.0 += duration;
            s.1.push(duration);
        }
        Box::pin(tokio::task::yield_now())
    }
}
