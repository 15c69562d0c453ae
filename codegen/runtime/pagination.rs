//! Paginators for `@paginated` operations: [`Pages`] sends one request per page, each with
//! the continuation token of the page before, and [`Items`] yields the items of those
//! pages one at a time.
//!
//! Every operation with a paginator has an `into_paginator()` on its fluent builder:
//!
//! ```text
//! let mut pages = client.list_things().into_paginator().page_size(50).send();
//! while let Some(page) = pages.next().await {
//!     let page = page?;
//!     // ...
//! }
//! let all = client.list_things().into_paginator().items().send().try_collect().await?;
//! ```
//!
//! Pagination ends after a page without a continuation token (absent or empty), after a
//! page whose token equals the one just sent (the service would answer the same page
//! again), and after an error, which is returned as the last item.

use std::future::Future;
use std::pin::Pin;

use crate::error::SdkError;

/// The request for one page, given the continuation token (none for the first page).
pub(crate) type FetchPage<T, E> = Box<dyn FnMut(Option<String>) -> Pin<Box<dyn Future<Output = Result<T, SdkError<E>>> + Send>> + Send>;

/// Where a paginator stands.
enum State<E> {
    /// The first page is next, with the token the input was given (if any).
    First,
    /// The page after this token is next.
    After(String),
    /// The input was invalid: this error is next, then the end.
    #[allow(dead_code)] // See `Pages::failed`.
    Failed(SdkError<E>),
    /// Nothing more to fetch.
    Done,
}

/// The pages of a paginated operation, fetched one request at a time by [`next`](Pages::next).
pub struct Pages<T, E> {
    fetch: Option<FetchPage<T, E>>,
    token: fn(&T) -> Option<&str>,
    state: State<E>,
}

impl<T, E> Pages<T, E> {
    /// Pages from a page request and where a page keeps the next token.
    pub(crate) fn new(fetch: FetchPage<T, E>, token: fn(&T) -> Option<&str>) -> Self {
        Pages { fetch: Some(fetch), token, state: State::First }
    }

    /// Pages that yield this error (an invalid input) and end.
    #[allow(dead_code)] // Only operations with required input members can fail to build.
    pub(crate) fn failed(error: SdkError<E>) -> Self {
        Pages { fetch: None, token: |_| None, state: State::Failed(error) }
    }

    /// The next page: `None` once pagination has ended.
    pub async fn next(&mut self) -> Option<Result<T, SdkError<E>>> {
        let sent = match std::mem::replace(&mut self.state, State::Done) {
            State::Done => return None,
            State::Failed(error) => return Some(Err(error)),
            State::First => None,
            State::After(token) => Some(token),
        };
        let fetch = self.fetch.as_mut()?;
        let result = fetch(sent.clone()).await;
        if let Ok(page) = &result {
            match (self.token)(page) {
                Some(next) if !next.is_empty() && sent.as_deref() != Some(next) => self.state = State::After(next.to_owned()),
                _ => {}
            }
        }
        Some(result)
    }

    /// Every remaining page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, SdkError<E>> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    /// The items of each page, taken out by `items`.
    #[allow(dead_code)] // Only paginators with an `items` path use it.
    pub(crate) fn items<I>(self, items: fn(T) -> Vec<I>) -> Items<T, E, I> {
        Items { pages: self, items, current: Vec::new().into_iter() }
    }
}

impl<T, E> std::fmt::Debug for Pages<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is the service's cursor, not a secret, but nothing here helps to see.
        let state = match self.state {
            State::First => "first page next",
            State::After(_) => "more pages",
            State::Failed(_) => "invalid input",
            State::Done => "done",
        };
        f.debug_struct("Pages").field("state", &state).finish_non_exhaustive()
    }
}

/// The items of the pages of a paginated operation, one at a time, fetching a page when
/// the ones before are used up.
pub struct Items<T, E, I> {
    pages: Pages<T, E>,
    items: fn(T) -> Vec<I>,
    current: std::vec::IntoIter<I>,
}

impl<T, E, I> Items<T, E, I> {
    /// The next item: `None` once the last page's items are yielded.
    pub async fn next(&mut self) -> Option<Result<I, SdkError<E>>> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(page) => self.current = (self.items)(page).into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }

    /// Every remaining item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<I>, SdkError<E>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

impl<T, E, I> std::fmt::Debug for Items<T, E, I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.current.len()).finish()
    }
}
