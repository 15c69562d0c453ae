// Copied by smithy-codegen from codegen/runtime/test_util.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Testing code that uses the client, without a network (feature `test-util`).
//!
//! A [`Mock`] holds, per operation, the answers a test sets, and records every input it is
//! given. [`Client::from_mock`](crate::Client::from_mock) makes a real [`Client`](crate::Client)
//! that answers from it, so the code under test takes the client it always takes. A mocked
//! client never sends a request: an operation without an answer fails with a build error
//! that says so. [`Client::from_mock`](crate::Client::from_mock) shows one at work, on this
//! crate's own operations.
//!
//! Each operation's answers come from, in order: the results queued with
//! [`MockOperation::then`] (one call each), then the standing answer of
//! [`MockOperation::returns`] or [`MockOperation::answers`].
//!
//! The error types have constructors for tests too: `ErrorMetadata::builder()`,
//! `Unhandled::from_meta`, `with_meta` on every modeled error, and `for_test` on
//! [`TimeoutError`](crate::error::TimeoutError), [`TransportError`](crate::error::TransportError)
//! and [`ResponseError`](crate::error::ResponseError).

use std::any::Any;
use std::collections::{HashMap, VecDeque};
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::error::{BuildError, SdkError};
use crate::rt::Operation;

/// The answers of a mocked client, per operation, and the inputs it was given. Clones share
/// them. Each operation has a method here, named as on the client, that returns its
/// [`MockOperation`].
#[derive(Clone, Default)]
pub struct Mock {
    operations: Arc<Mutex<HashMap<&'static str, Box<dyn Any + Send>>>>,
}

impl std::fmt::Debug for Mock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&str> = lock(&self.operations).keys().copied().collect();
        names.sort_unstable();
        f.debug_struct("Mock").field("operations", &names).finish()
    }
}

/// How one call is answered.
type Answer<I, O, E> = Box<dyn FnMut(&I) -> Result<O, SdkError<E>> + Send>;

/// What one operation answers, and what it was asked.
struct Responder<I, O, E> {
    queued: VecDeque<Result<O, SdkError<E>>>,
    standing: Option<Answer<I, O, E>>,
    inputs: Vec<I>,
}

impl<I, O, E> Default for Responder<I, O, E> {
    fn default() -> Self {
        Responder { queued: VecDeque::new(), standing: None, inputs: Vec::new() }
    }
}

/// The lock, even after a test thread panicked while holding it (the state is still whole:
/// every change under it is a single push or replace).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The answers of one operation of a [`Mock`], typed by its input, output and error.
pub struct MockOperation<I, O, E> {
    mock: Mock,
    name: &'static str,
    types: PhantomData<fn(I) -> (O, E)>,
}

impl<I, O, E> std::fmt::Debug for MockOperation<I, O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockOperation").field("operation", &self.name).finish_non_exhaustive()
    }
}

/// The answers of operation `name` (what the generated methods of [`Mock`] return).
pub(crate) fn operation<I, O, E>(mock: &Mock, name: &'static str) -> MockOperation<I, O, E> {
    MockOperation { mock: mock.clone(), name, types: PhantomData }
}

impl<I: Send + 'static, O: Send + 'static, E: Send + 'static> MockOperation<I, O, E> {
    /// Runs `f` on this operation's responder, made empty on first use.
    fn with<R>(&self, f: impl FnOnce(&mut Responder<I, O, E>) -> R) -> R {
        let mut operations = lock(&self.mock.operations);
        let entry = operations.entry(self.name).or_insert_with(|| Box::new(Responder::<I, O, E>::default()));
        match entry.downcast_mut::<Responder<I, O, E>>() {
            Some(responder) => f(responder),
            // One name, one operation, one set of types: the generated methods make sure.
            None => unreachable!("operation {} mocked with two sets of types", self.name),
        }
    }

    /// Answers every call (after the queued ones) with a clone of `output`.
    pub fn returns(&self, output: O) -> &Self
    where
        O: Clone,
    {
        self.answers(move |_| Ok(output.clone()))
    }

    /// Answers every call (after the queued ones) with what `answer` makes of its input.
    /// The answer must not use the mock itself.
    pub fn answers(&self, answer: impl FnMut(&I) -> Result<O, SdkError<E>> + Send + 'static) -> &Self {
        self.with(|r| r.standing = Some(Box::new(answer)));
        self
    }

    /// Answers the next call with `result`, before any standing answer; call again to
    /// queue a sequence.
    pub fn then(&self, result: Result<O, SdkError<E>>) -> &Self {
        self.with(|r| r.queued.push_back(result));
        self
    }

    /// How many times the operation was called.
    pub fn calls(&self) -> usize {
        self.with(|r| r.inputs.len())
    }

    /// The input of every call so far, in order.
    pub fn inputs(&self) -> Vec<I>
    where
        I: Clone,
    {
        self.with(|r| r.inputs.clone())
    }
}

impl Mock {
    /// The answer to a call of operation `Op` with `input`, which is recorded.
    pub(crate) fn answer<Op: Operation>(&self, input: Op::Input) -> Result<Op::Output, SdkError<Op::Error>>
    where
        Op::Input: Send,
        Op::Output: Send,
        Op::Error: Send,
    {
        let op = operation::<Op::Input, Op::Output, Op::Error>(self, Op::NAME);
        op.with(|r| {
            let result = match r.queued.pop_front() {
                Some(result) => result,
                None => match &mut r.standing {
                    Some(answer) => answer(&input),
                    None => Err(SdkError::Build(BuildError::config(
                        Op::NAME,
                        "the mock has no answer for this operation (set one with `returns`, `answers` or `then`)",
                    ))),
                },
            };
            r.inputs.push(input);
            result
        })
    }
}
