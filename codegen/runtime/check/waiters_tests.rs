//! The waiter loop and its delays (`waiters.rs`), with a manual clock: tokio's paused
//! time, which moves only when every task waits on a timer.

use std::time::Duration;

use crate::error::SdkError;
use crate::waiters::*;

const SECOND: Duration = Duration::from_secs(1);

fn delays(min: u64, max: u64) -> Delays {
    Delays { min: Duration::from_secs(min), max: Duration::from_secs(max) }
}

#[test]
fn delays_grow_within_the_spec_bounds() {
    let mut rng = fastrand::Rng::with_seed(7);
    // (attempt, the largest delay it may take) with minDelay 2 and maxDelay 120.
    for (attempt, ceiling) in [(1, 2), (2, 4), (3, 8), (4, 16), (5, 32), (6, 64), (7, 120), (8, 120), (40, 120), (u32::MAX, 120)] {
        for _ in 0..50 {
            let d = delay(attempt, delays(2, 120), 10_000 * SECOND, &mut rng);
            assert!(d >= 2 * SECOND && d <= Duration::from_secs(ceiling), "attempt {attempt}: {d:?}");
        }
    }
    // The first retry waits exactly minDelay.
    assert_eq!(delay(1, delays(2, 120), 300 * SECOND, &mut rng), 2 * SECOND);
}

#[test]
fn the_last_poll_comes_when_the_time_runs_out() {
    let mut rng = fastrand::Rng::with_seed(1);
    // Less than minDelay would be left after the delay: wait all that remains.
    assert_eq!(delay(1, delays(2, 120), 3 * SECOND, &mut rng), 3 * SECOND);
    assert_eq!(delay(1, delays(2, 120), 4 * SECOND, &mut rng), 4 * SECOND);
    assert_eq!(delay(1, delays(2, 120), 5 * SECOND, &mut rng), 2 * SECOND);
    // minDelay equal to maxDelay: linear.
    for attempt in 1..10 {
        assert_eq!(delay(attempt, delays(5, 5), 1000 * SECOND, &mut rng), 5 * SECOND);
    }
}

#[test]
fn options_override_the_model_delays() {
    let model = delays(2, 120);
    assert_eq!(WaitOptions::new(SECOND).delays(model), model);
    let fast = WaitOptions::new(SECOND).with_min_delay(Duration::from_millis(10)).with_max_delay(Duration::from_millis(40));
    assert_eq!(fast.delays(model), Delays { min: Duration::from_millis(10), max: Duration::from_millis(40) });
    // Never below 1 ms, and the maximum never below the minimum.
    let odd = WaitOptions::new(SECOND).with_min_delay(Duration::ZERO).with_max_delay(Duration::ZERO);
    assert_eq!(odd.delays(model), Delays { min: Duration::from_millis(1), max: Duration::from_millis(1) });
}

/// The whole loop on tokio's paused clock: a resource ready at the third poll, a
/// failure, an unexpected error, and the time running out.
#[tokio::test(start_paused = true)]
async fn waits_on_a_paused_clock() {
    use std::sync::{Arc, Mutex};
    let model = delays(2, 120);
    let accept = |r: &Result<u32, SdkError<std::io::Error>>| match r {
        Ok(3) => Some(State::Success),
        Ok(99) => Some(State::Failure),
        Ok(_) => None,
        Err(_) => None,
    };
    let script = |answers: Vec<u32>| {
        let times = Arc::new(Mutex::new(Vec::new()));
        let recorded = times.clone();
        let answers = Arc::new(Mutex::new(answers.into_iter()));
        let poll = move || {
            recorded.lock().unwrap().push(tokio::time::Instant::now());
            let next = answers.lock().unwrap().next().unwrap_or(0);
            async move { Ok::<u32, SdkError<std::io::Error>>(next) }
        };
        (poll, times)
    };
    let (poll, times) = script(vec![1, 2, 3]);
    let done = wait(WaitOptions::new(300 * SECOND), model, poll, accept).await.expect("ready at the third poll");
    assert_eq!((done.attempts(), done.output()), (3, Some(&3)));
    let times = times.lock().unwrap().clone();
    assert_eq!(times[1] - times[0], 2 * SECOND, "the first retry waits minDelay");
    assert!((2 * SECOND..=4 * SECOND).contains(&(times[2] - times[1])));

    let (poll, _) = script(vec![1, 99]);
    let failed = wait(WaitOptions::new(300 * SECOND), model, poll, accept).await.expect_err("a failure acceptor");
    assert!(matches!(&failed, WaitError::Failure(p) if p.attempts() == 2), "{failed:?}");

    let (poll, times) = script(vec![]);
    let start = tokio::time::Instant::now();
    let timed_out = wait(WaitOptions::new(30 * SECOND), model, poll, accept).await.expect_err("never ready");
    let WaitError::TimedOut { attempts, max_wait } = timed_out else { panic!("{timed_out:?}") };
    assert_eq!(max_wait, 30 * SECOND);
    let times = times.lock().unwrap().clone();
    assert_eq!(attempts as usize, times.len());
    assert_eq!(*times.last().unwrap() - start, 30 * SECOND, "the last poll comes as the time runs out");

    let erring = || async { Err::<u32, _>(SdkError::Service(std::io::Error::other("boom"))) };
    let error = wait(WaitOptions::new(30 * SECOND), model, erring, accept).await.expect_err("no acceptor for it");
    assert_eq!(error.to_string(), "the operation failed (attempt 1): boom");
}
